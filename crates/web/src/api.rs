//! The JSON API under /api/v1.

use app::{Actor, AgreementView, Caller, NewAgreement, ObligationView, RecordInput, Update};
use axum::Json;
use axum::body::Bytes;
use axum::extract::{Path, Query, RawQuery, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use domain::format::{self, Syntax};
use domain::model::Status;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::AppState;
use crate::answers::{self, Answer};
use crate::auth::Who;
use crate::problem::Problem;

pub(crate) fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(health))
        .routes(routes!(live))
        .routes(routes!(list_agreements, create_agreement))
        .routes(routes!(get_agreement, update_agreement))
        .routes(routes!(set_status))
        .routes(routes!(list_versions))
        .routes(routes!(get_version))
        .routes(routes!(diff_versions))
        .routes(routes!(agreement_obligations))
        .routes(routes!(list_records, add_record))
        .routes(routes!(list_files, upload_file))
        .routes(routes!(outcomes))
        .routes(routes!(download_file))
        .routes(routes!(due_soon))
        .routes(routes!(overdue_reports))
        .routes(routes!(ending_soon))
        .routes(routes!(money_per_year))
}

type ApiResult<T> = Result<T, Problem>;

// ---------------------------------------------------------------- shapes

/// An agreement as stored now.
#[derive(Debug, Serialize, ToSchema)]
pub struct AgreementOut {
    pub id: String,
    pub version: i64,
    pub status: String,
    /// created, edited, amended or status.
    pub change: String,
    pub reason: Option<String>,
    pub author: String,
    pub saved_at: String,
    /// Judgements a person should look at (codes as in `iop check`).
    pub warnings: Vec<String>,
    /// The agreement itself, in the file format's JSON form.
    #[schema(value_type = Object)]
    pub agreement: serde_json::Value,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct AgreementSummaryOut {
    pub id: String,
    pub title: String,
    pub status: String,
    pub version: i64,
    pub term_start: Option<String>,
    pub term_end: Option<String>,
    pub parties: Vec<String>,
    pub updated_at: String,
}

impl From<app::AgreementSummary> for AgreementSummaryOut {
    fn from(s: app::AgreementSummary) -> Self {
        AgreementSummaryOut {
            id: s.id,
            title: s.title,
            status: s.status.as_str().to_owned(),
            version: s.version,
            term_start: s.term_start,
            term_end: s.term_end,
            parties: s.parties,
            updated_at: s.updated_at,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct VersionOut {
    pub version: i64,
    pub status: String,
    pub change: String,
    pub reason: Option<String>,
    pub author: String,
    pub saved_at: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ChangeOut {
    pub path: String,
    #[schema(value_type = Option<Object>)]
    pub before: Option<serde_json::Value>,
    #[schema(value_type = Option<Object>)]
    pub after: Option<serde_json::Value>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ObligationOut {
    pub agreement: String,
    pub agreement_title: String,
    /// Stable key; a record fulfils the obligation by naming it.
    pub key: String,
    pub due: String,
    pub kind: String,
    pub title: String,
    pub clause: String,
    pub window_start: Option<String>,
    /// upcoming, due, overdue, met, passed (a term end whose day is past)
    /// or not-in-force (its day is past, but the agreement is a draft, so
    /// nothing binds yet and it is not late).
    pub state: String,
}

impl From<ObligationView> for ObligationOut {
    fn from(o: ObligationView) -> Self {
        let state = serde_json::to_value(o.state)
            .ok()
            .and_then(|v| v.as_str().map(str::to_owned))
            .unwrap_or_default();
        ObligationOut {
            agreement: o.agreement,
            agreement_title: o.agreement_title,
            key: o.key,
            due: o.due,
            kind: o.kind,
            title: o.title,
            clause: o.clause,
            window_start: o.window_start,
            state,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct RecordOut {
    pub id: String,
    pub kind: String,
    pub date: String,
    pub obligation: Option<String>,
    pub clause: Option<String>,
    /// Kronor with two decimals.
    pub amount: Option<String>,
    pub state: String,
    pub author: String,
    pub created_at: String,
    /// The record's fields as sent, and for a notice the computed settlement.
    #[schema(value_type = Object)]
    pub data: serde_json::Value,
}

impl From<app::Record> for RecordOut {
    fn from(r: app::Record) -> Self {
        RecordOut {
            id: r.id,
            kind: r.kind.as_str().to_owned(),
            date: r.date,
            obligation: r.obligation_key,
            clause: r.clause_id,
            amount: r
                .amount_ore
                .map(|o| domain::value::Money::from_ore(o).to_decimal_string()),
            state: r.state.as_str().to_owned(),
            author: r.author,
            created_at: r.created_at,
            data: r.data,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct MoneyOut {
    pub year: i64,
    pub party: String,
    /// Public cash, ceilings included at their maximum.
    pub cash: Option<String>,
    /// The part of `cash` that is a ceiling: at most this much, paid
    /// against delivery (per occupied place and night, per user); never a
    /// firm payment.
    pub cash_at_most: Option<String>,
    pub in_kind: Option<String>,
    pub agreements: i64,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct StatusIn {
    /// draft, decided, signed, active, ended or terminated.
    pub status: String,
    pub reason: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Health {
    pub status: String,
    pub database: String,
}

// ---------------------------------------------------------------- helpers

/// Who is acting, and when: for the history and the audit log.
pub(crate) fn actor(state: &AppState, caller: &Caller) -> Actor {
    caller.actor(&app::stamp(state.now()))
}

/// TOML unless the client says JSON.
fn syntax(headers: &HeaderMap) -> Syntax {
    let content_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    if content_type.starts_with("application/json") {
        Syntax::Json
    } else {
        Syntax::Toml
    }
}

fn body_text(body: &Bytes) -> ApiResult<&str> {
    within_body_limit(body)?;
    std::str::from_utf8(body)
        .map_err(|_| Problem::bad_request("encoding", "The body is not UTF-8 text."))
}

/// Agreement and record bodies are held to [`crate::MAX_BODY_BYTES`].
fn within_body_limit(body: &Bytes) -> ApiResult<()> {
    if body.len() > crate::MAX_BODY_BYTES {
        return Err(too_large(crate::MAX_BODY_BYTES));
    }
    Ok(())
}

pub(crate) fn too_large(limit: usize) -> Problem {
    Problem::new(
        StatusCode::PAYLOAD_TOO_LARGE,
        "too-large",
        format!("The body is larger than {} KiB.", limit / 1024),
    )
}

/// The version an update is based on, from `If-Match: "3"` (or `3`).
fn if_match(headers: &HeaderMap) -> ApiResult<i64> {
    let raw = headers.get(header::IF_MATCH).ok_or_else(|| {
        Problem::new(
            StatusCode::PRECONDITION_REQUIRED,
            "if-match-required",
            "Send If-Match with the version the change is based on (the ETag of the agreement).",
        )
    })?;
    raw.to_str()
        .ok()
        .map(|s| s.trim().trim_start_matches("W/").trim_matches('"'))
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| {
            Problem::bad_request("if-match", "If-Match must be a version number, e.g. \"3\".")
        })
}

fn agreement_out(v: AgreementView) -> ApiResult<AgreementOut> {
    let agreement = serde_json::to_value(&v.agreement)
        .map_err(|e| Problem::bad_request("encoding", e.to_string()))?;
    let status = serde_json::to_value(v.agreement.status)
        .ok()
        .and_then(|s| s.as_str().map(str::to_owned))
        .unwrap_or_default();
    Ok(AgreementOut {
        id: v.agreement.id.to_string(),
        version: v.version,
        status,
        change: v.change,
        reason: v.reason,
        author: v.author,
        saved_at: v.saved_at,
        warnings: v.warnings.iter().map(|d| d.code.to_owned()).collect(),
        agreement,
    })
}

fn version_etag(version: i64) -> ApiResult<HeaderValue> {
    HeaderValue::from_str(&format!("\"{version}\""))
        .map_err(|e| Problem::bad_request("etag", e.to_string()))
}

fn wants_toml(headers: &HeaderMap) -> bool {
    headers
        .get(header::ACCEPT)
        .and_then(|a| a.to_str().ok())
        .is_some_and(|a| a.contains("toml"))
}

/// JSON with the version as ETag; or the agreement file itself when the
/// client accepts TOML.
fn agreement_response(
    v: AgreementView,
    headers: &HeaderMap,
    status: StatusCode,
) -> ApiResult<Response> {
    let etag = version_etag(v.version)?;
    let mut response = if wants_toml(headers) {
        let text =
            format::to_toml(&v.agreement).map_err(|e| Problem::bad_request("encoding", e))?;
        let mut r = (status, text).into_response();
        r.headers_mut().insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/toml; charset=utf-8"),
        );
        r
    } else {
        (status, Json(agreement_out(v)?)).into_response()
    };
    response.headers_mut().insert(header::ETAG, etag);
    Ok(response)
}

// ---------------------------------------------------------------- handlers

/// Health of the service and its database.
#[utoipa::path(get, path = "/healthz", tag = "operations", responses((status = 200, body = Health), (status = 503, body = Problem)))]
async fn health(State(state): State<AppState>) -> ApiResult<Json<Health>> {
    state.app.ping().await.map_err(|e| {
        tracing::error!(error = %e, "health check failed");
        Problem::new(
            StatusCode::SERVICE_UNAVAILABLE,
            "database",
            "The database does not answer.",
        )
    })?;
    Ok(Json(Health {
        status: "ok".into(),
        database: "ok".into(),
    }))
}

/// Liveness: the process answers, without touching the database (also the
/// load test's baseline, the cheapest route the server has).
#[utoipa::path(get, path = "/livez", tag = "operations", responses((status = 200, body = String)))]
async fn live() -> &'static str {
    "ok"
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
struct ListQuery {
    /// Only agreements in this status.
    status: Option<String>,
    /// Text to find in title, id or party names.
    q: Option<String>,
    /// Only agreements in force some time in this year.
    year: Option<i32>,
    /// The last id of the previous page.
    after: Option<String>,
    /// Page size, 1–500 (default 50).
    limit: Option<i64>,
}

/// List agreements, a page at a time; `Link: <…>; rel="next"` names the next page.
#[utoipa::path(get, path = "/api/v1/agreements", tag = "agreements", params(ListQuery),
    responses((status = 200, body = [AgreementSummaryOut]), (status = 400, body = Problem)))]
async fn list_agreements(
    State(state): State<AppState>,
    Who(caller): Who,
    Query(q): Query<ListQuery>,
    RawQuery(raw): RawQuery,
) -> ApiResult<Answer> {
    let scope = caller.portfolio()?;
    let raw = raw.unwrap_or_default();
    let key = answers::key(&["agreements", scope.user_id(), &raw]);
    state
        .answers
        .get_or_try(key, async {
            let limit = q.limit.unwrap_or(50).clamp(1, 500);
            let filter = app::ListFilter {
                status: q.status,
                search: q.q,
                year: q.year,
                after: q.after,
                limit,
            };
            let list = state.app.list(&scope, filter).await?;
            let next = next_page(
                "/api/v1/agreements",
                &raw,
                list.last()
                    .filter(|_| list.len() as i64 == limit)
                    .map(|a| a.id.clone()),
            );
            let out: Vec<AgreementSummaryOut> = list.into_iter().map(Into::into).collect();
            Ok(Answer::json(&out)?.with_next(next))
        })
        .await
}

/// `Link: <PATH?…&after=CURSOR>; rel="next"` when there is a next page.
fn next_page(path: &str, raw_query: &str, after: Option<String>) -> Option<HeaderValue> {
    let after = after?;
    let mut pairs: Vec<(String, String)> =
        serde_urlencoded::from_str(raw_query).unwrap_or_default();
    pairs.retain(|(k, _)| k != "after");
    pairs.push(("after".into(), after));
    let query = serde_urlencoded::to_string(&pairs).ok()?;
    HeaderValue::from_str(&format!("<{path}?{query}>; rel=\"next\"")).ok()
}

/// Store a new agreement from its file (TOML, or JSON with `Content-Type: application/json`).
///
/// The server gives it its id: the file's id with a random ending
/// (`linkoping-vi-ses-2022-k3x9qa`), in the answer's body and `Location`.
#[utoipa::path(post, path = "/api/v1/agreements", tag = "agreements",
    request_body(content = String, description = "The agreement file", content_type = "application/toml"),
    responses((status = 201, body = AgreementOut,
        headers(("Location" = String, description = "The new agreement's address, with the id the server gave it"))),
        (status = 422, body = Problem)))]
async fn create_agreement(
    State(state): State<AppState>,
    Who(caller): Who,
    headers: HeaderMap,
    body: Bytes,
) -> ApiResult<Response> {
    let text = body_text(&body)?;
    let may = caller.create_agreements()?;
    let view = state
        .app
        .create(
            &may,
            NewAgreement {
                text,
                syntax: syntax(&headers),
            },
            &actor(&state, &caller),
        )
        .await?;
    let location = format!(
        "/api/v1/agreements/{}",
        crate::pages::url_encode(view.agreement.id.as_str())
    );
    let mut response = agreement_response(view, &headers, StatusCode::CREATED)?;
    if let Ok(location) = HeaderValue::from_str(&location) {
        response.headers_mut().insert(header::LOCATION, location);
    }
    Ok(response)
}

/// The agreement now: JSON with the version as ETag, or the TOML file with `Accept: application/toml`.
#[utoipa::path(get, path = "/api/v1/agreements/{id}", tag = "agreements", params(("id" = String, Path)),
    responses((status = 200, body = AgreementOut), (status = 404, body = Problem)))]
async fn get_agreement(
    State(state): State<AppState>,
    Who(caller): Who,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> ApiResult<Response> {
    let may = state.app.see_agreement(&caller, &id).await?;
    if wants_toml(&headers) {
        return agreement_response(state.app.get(&may).await?, &headers, StatusCode::OK);
    }
    // The same for everyone who may see it (checked above).
    let key = answers::key(&["agreement", may.id()]);
    let answer = state
        .answers
        .get_or_try(key, async {
            let view = state.app.get(&may).await?;
            let etag = version_etag(view.version)?;
            Ok(Answer::json(&agreement_out(view)?)?.with_etag(etag))
        })
        .await?;
    Ok(answer.into_response())
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
struct ReasonQuery {
    /// Why: required once the agreement is signed (an amendment).
    reason: Option<String>,
}

/// Save a new version. `If-Match` carries the version it is based on; a stale one gets 412.
#[utoipa::path(put, path = "/api/v1/agreements/{id}", tag = "agreements", params(("id" = String, Path), ReasonQuery),
    request_body(content = String, description = "The agreement file", content_type = "application/toml"),
    responses((status = 200, body = AgreementOut), (status = 404, body = Problem), (status = 409, body = Problem),
        (status = 412, body = Problem), (status = 422, body = Problem), (status = 428, body = Problem)))]
async fn update_agreement(
    State(state): State<AppState>,
    Who(caller): Who,
    Path(id): Path<String>,
    Query(q): Query<ReasonQuery>,
    headers: HeaderMap,
    body: Bytes,
) -> ApiResult<Response> {
    let base_version = if_match(&headers)?;
    let text = body_text(&body)?;
    let update = Update {
        text,
        syntax: syntax(&headers),
        base_version,
        reason: q.reason.as_deref(),
    };
    let may = state.app.edit_agreement(&caller, &id).await?;
    let view = state
        .app
        .update(&may, update, &actor(&state, &caller))
        .await?;
    agreement_response(view, &headers, StatusCode::OK)
}

/// Move the agreement along its lifecycle (draft → decided → signed → active → ended/terminated).
#[utoipa::path(post, path = "/api/v1/agreements/{id}/status", tag = "agreements", params(("id" = String, Path)),
    request_body = StatusIn,
    responses((status = 200, body = AgreementOut), (status = 409, body = Problem), (status = 412, body = Problem), (status = 422, body = Problem)))]
async fn set_status(
    State(state): State<AppState>,
    Who(caller): Who,
    Path(id): Path<String>,
    headers: HeaderMap,
    Json(input): Json<StatusIn>,
) -> ApiResult<Response> {
    let base_version = if_match(&headers)?;
    let status: Status = serde_json::from_value(serde_json::Value::String(input.status.clone()))
        .map_err(|_| {
            Problem::bad_request(
                "status",
                format!(
                    "Unknown status {:?}: draft, decided, signed, active, ended, terminated.",
                    input.status
                ),
            )
        })?;
    let may = state.app.edit_agreement(&caller, &id).await?;
    let view = state
        .app
        .set_status(
            &may,
            status,
            base_version,
            input.reason.as_deref(),
            &actor(&state, &caller),
        )
        .await?;
    agreement_response(view, &headers, StatusCode::OK)
}

/// The history of an agreement, oldest first.
#[utoipa::path(get, path = "/api/v1/agreements/{id}/versions", tag = "agreements", params(("id" = String, Path)),
    responses((status = 200, body = [VersionOut]), (status = 404, body = Problem)))]
async fn list_versions(
    State(state): State<AppState>,
    Who(caller): Who,
    Path(id): Path<String>,
) -> ApiResult<Json<Vec<VersionOut>>> {
    let may = state.app.see_agreement(&caller, &id).await?;
    let list = state.app.versions(&may).await?;
    Ok(Json(
        list.into_iter()
            .map(|v| VersionOut {
                version: v.version,
                status: v.status.as_str().to_owned(),
                change: v.change,
                reason: v.reason,
                author: v.author,
                saved_at: v.created_at,
            })
            .collect(),
    ))
}

/// One version of an agreement.
#[utoipa::path(get, path = "/api/v1/agreements/{id}/versions/{version}", tag = "agreements",
    params(("id" = String, Path), ("version" = i64, Path)),
    responses((status = 200, body = AgreementOut), (status = 404, body = Problem)))]
async fn get_version(
    State(state): State<AppState>,
    Who(caller): Who,
    Path((id, version)): Path<(String, i64)>,
    headers: HeaderMap,
) -> ApiResult<Response> {
    let may = state.app.see_agreement(&caller, &id).await?;
    agreement_response(
        state.app.get_version(&may, version).await?,
        &headers,
        StatusCode::OK,
    )
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
struct DiffQuery {
    from: i64,
    to: i64,
}

/// What changed between two versions, field by field.
#[utoipa::path(get, path = "/api/v1/agreements/{id}/diff", tag = "agreements", params(("id" = String, Path), DiffQuery),
    responses((status = 200, body = [ChangeOut]), (status = 404, body = Problem)))]
async fn diff_versions(
    State(state): State<AppState>,
    Who(caller): Who,
    Path(id): Path<String>,
    Query(q): Query<DiffQuery>,
) -> ApiResult<Json<Vec<ChangeOut>>> {
    let may = state.app.see_agreement(&caller, &id).await?;
    let before = state.app.get_version(&may, q.from).await?;
    let after = state.app.get_version(&may, q.to).await?;
    let (a, b) = (
        serde_json::to_value(&before.agreement),
        serde_json::to_value(&after.agreement),
    );
    let (Ok(a), Ok(b)) = (a, b) else {
        return Err(Problem::bad_request("encoding", "cannot compare"));
    };
    Ok(Json(
        app::diff(&a, &b)
            .into_iter()
            .map(|c| ChangeOut {
                path: c.path,
                before: c.before,
                after: c.after,
            })
            .collect(),
    ))
}

/// The agreement's obligations and where each stands today.
#[utoipa::path(get, path = "/api/v1/agreements/{id}/obligations", tag = "agreements", params(("id" = String, Path)),
    responses((status = 200, body = [ObligationOut]), (status = 404, body = Problem)))]
async fn agreement_obligations(
    State(state): State<AppState>,
    Who(caller): Who,
    Path(id): Path<String>,
) -> ApiResult<Json<Vec<ObligationOut>>> {
    let may = state.app.see_agreement(&caller, &id).await?;
    let list = state.app.obligations(&may, state.today()).await?;
    Ok(Json(list.into_iter().map(Into::into).collect()))
}

/// The follow-up records of an agreement, by date.
#[utoipa::path(get, path = "/api/v1/agreements/{id}/records", tag = "records", params(("id" = String, Path)),
    responses((status = 200, body = [RecordOut]), (status = 404, body = Problem)))]
async fn list_records(
    State(state): State<AppState>,
    Who(caller): Who,
    Path(id): Path<String>,
) -> ApiResult<Json<Vec<RecordOut>>> {
    let may = state.app.see_agreement(&caller, &id).await?;
    Ok(Json(
        state
            .app
            .records(&may)
            .await?
            .into_iter()
            .map(Into::into)
            .collect(),
    ))
}

/// Record what happened: a decision, signature, payment, invoice, report,
/// meeting, notice (the settlement is computed), extension or outcome figures.
#[utoipa::path(post, path = "/api/v1/agreements/{id}/records", tag = "records", params(("id" = String, Path)),
    request_body(content = Object, description = "kind, date, obligation, state, amount and the kind's fields"),
    responses((status = 201, body = RecordOut), (status = 404, body = Problem), (status = 422, body = Problem)))]
async fn add_record(
    State(state): State<AppState>,
    Who(caller): Who,
    Path(id): Path<String>,
    body: Bytes,
) -> ApiResult<Response> {
    within_body_limit(&body)?;
    let may = state.app.record_follow_up(&caller, &id).await?;
    let input: RecordInput =
        Problem::json_body(&body, "invalid-record", "The record cannot be read.")?;
    let record = state
        .app
        .add_record(&may, input, &actor(&state, &caller))
        .await?;
    Ok((StatusCode::CREATED, Json(RecordOut::from(record))).into_response())
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
struct DaysQuery {
    /// How many days ahead (default 90).
    days: Option<i64>,
    /// Where the page starts: the cursor of the previous page's `Link: rel="next"`
    /// (`DUE/AGREEMENT/KEY` of its last row).
    after: Option<String>,
    /// Page size, 1–1000 (default 50).
    limit: Option<i64>,
}

/// Everything unmet that is due in the next N days, across all agreements,
/// a page at a time; `Link: <…>; rel="next"` names the next page.
#[utoipa::path(get, path = "/api/v1/portfolio/due", tag = "portfolio", params(DaysQuery),
    responses((status = 200, body = [ObligationOut]), (status = 400, body = Problem)))]
async fn due_soon(
    State(state): State<AppState>,
    Who(caller): Who,
    Query(q): Query<DaysQuery>,
    RawQuery(raw): RawQuery,
) -> ApiResult<Answer> {
    let scope = caller.portfolio()?;
    let after = q
        .after
        .as_deref()
        .map(|a| {
            a.parse::<app::DueCursor>().map_err(|()| {
                Problem::bad_request(
                    "after",
                    "after must be the cursor of a Link: rel=\"next\" (DUE/AGREEMENT/KEY).",
                )
            })
        })
        .transpose()?;
    let today = state.today();
    let raw = raw.unwrap_or_default();
    let key = answers::key(&["due", scope.user_id(), &today.to_string(), &raw]);
    state
        .answers
        .get_or_try(key, async {
            let limit = q.limit.unwrap_or(50).clamp(1, 1000);
            let list = state
                .app
                .due_within(&scope, today, q.days.unwrap_or(90), after.as_ref(), limit)
                .await?;
            let next = next_page(
                "/api/v1/portfolio/due",
                &raw,
                list.last().filter(|_| list.len() as i64 == limit).map(|o| {
                    app::DueCursor {
                        due: o.due.clone(),
                        agreement_id: o.agreement.clone(),
                        key: o.key.clone(),
                    }
                    .to_string()
                }),
            );
            let out: Vec<ObligationOut> = list.into_iter().map(Into::into).collect();
            Ok(Answer::json(&out)?.with_next(next))
        })
        .await
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
struct LimitQuery {
    limit: Option<i64>,
}

/// Reports whose due date has passed with nothing received.
#[utoipa::path(get, path = "/api/v1/portfolio/overdue-reports", tag = "portfolio", params(LimitQuery),
    responses((status = 200, body = [ObligationOut])))]
async fn overdue_reports(
    State(state): State<AppState>,
    Who(caller): Who,
    Query(q): Query<LimitQuery>,
) -> ApiResult<Json<Vec<ObligationOut>>> {
    let list = state
        .app
        .overdue_reports(&caller.portfolio()?, state.today(), q.limit.unwrap_or(200))
        .await?;
    Ok(Json(list.into_iter().map(Into::into).collect()))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
struct MonthsQuery {
    /// How many months ahead (default 6).
    months: Option<i64>,
}

/// Signed or active agreements whose term ends within N months.
#[utoipa::path(get, path = "/api/v1/portfolio/ending", tag = "portfolio", params(MonthsQuery),
    responses((status = 200, body = [AgreementSummaryOut])))]
async fn ending_soon(
    State(state): State<AppState>,
    Who(caller): Who,
    Query(q): Query<MonthsQuery>,
) -> ApiResult<Json<Vec<AgreementSummaryOut>>> {
    let list = state
        .app
        .ending_within(&caller.portfolio()?, state.today(), q.months.unwrap_or(6))
        .await?;
    Ok(Json(list.into_iter().map(Into::into).collect()))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
struct YearsQuery {
    from: Option<i64>,
    to: Option<i64>,
}

/// Money per year and party across decided, signed, active and ended agreements.
#[utoipa::path(get, path = "/api/v1/portfolio/money", tag = "portfolio", params(YearsQuery),
    responses((status = 200, body = [MoneyOut])))]
async fn money_per_year(
    State(state): State<AppState>,
    Who(caller): Who,
    Query(q): Query<YearsQuery>,
) -> ApiResult<Json<Vec<MoneyOut>>> {
    let this_year = i64::from(state.today().year());
    let rows = state
        .app
        .money_per_year(
            &caller.portfolio()?,
            q.from.unwrap_or(this_year - 1),
            q.to.unwrap_or(this_year + 4),
        )
        .await?;
    let kr = |o: Option<i64>| o.map(|o| domain::value::Money::from_ore(o).to_decimal_string());
    Ok(Json(
        rows.into_iter()
            .map(|r| MoneyOut {
                year: r.year,
                party: r.party,
                cash: kr(r.cash_ore),
                cash_at_most: kr(r.cash_ceiling_ore),
                in_kind: kr(r.in_kind_ore),
                agreements: r.agreements,
            })
            .collect(),
    ))
}

#[derive(Debug, Serialize, ToSchema)]
pub struct FileOut {
    pub id: String,
    pub record: String,
    /// The name it was uploaded under (shown only; stored under `id`).
    pub name: String,
    pub content_type: String,
    pub size: i64,
    pub sha256: String,
    pub uploaded_at: String,
}

impl From<app::FileView> for FileOut {
    fn from(f: app::FileView) -> Self {
        FileOut {
            id: f.id,
            record: f.record_id,
            name: f.name,
            content_type: f.content_type,
            size: f.size,
            sha256: f.sha256,
            uploaded_at: f.created_at,
        }
    }
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
struct NameQuery {
    /// The file's name as the user knows it.
    name: Option<String>,
}

/// The files of a record.
#[utoipa::path(get, path = "/api/v1/agreements/{id}/records/{record}/files", tag = "records",
    params(("id" = String, Path), ("record" = String, Path)),
    responses((status = 200, body = [FileOut]), (status = 404, body = Problem)))]
async fn list_files(
    State(state): State<AppState>,
    Who(caller): Who,
    Path((id, record)): Path<(String, String)>,
) -> ApiResult<Json<Vec<FileOut>>> {
    let may = state.app.see_agreement(&caller, &id).await?;
    let files = state.app.files_of(&may, &record).await?;
    Ok(Json(files.into_iter().map(Into::into).collect()))
}

/// Attach a file to a record (a report, minutes): the body is the file, its
/// type in `Content-Type` (PDF, PNG, JPEG, DOCX, ODT or plain text, at most 20 MiB).
#[utoipa::path(post, path = "/api/v1/agreements/{id}/records/{record}/files", tag = "records",
    params(("id" = String, Path), ("record" = String, Path), NameQuery),
    request_body(content = Vec<u8>, description = "The file", content_type = "application/pdf"),
    responses((status = 201, body = FileOut), (status = 404, body = Problem), (status = 413, body = Problem), (status = 422, body = Problem)))]
async fn upload_file(
    State(state): State<AppState>,
    Who(caller): Who,
    Path((id, record)): Path<(String, String)>,
    Query(q): Query<NameQuery>,
    headers: HeaderMap,
    body: Bytes,
) -> ApiResult<Response> {
    if body.len() > app::MAX_UPLOAD_BYTES {
        return Err(too_large(app::MAX_UPLOAD_BYTES));
    }
    let content_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    let upload = app::Upload {
        name: q.name.as_deref().unwrap_or("fil"),
        content_type,
        bytes: &body,
    };
    let may = state.app.record_follow_up(&caller, &id).await?;
    let file = state
        .app
        .attach_file(&may, &record, upload, &actor(&state, &caller))
        .await?;
    Ok((StatusCode::CREATED, Json(FileOut::from(file))).into_response())
}

/// Download a file, always as an attachment (never shown inline).
#[utoipa::path(get, path = "/api/v1/files/{file}", tag = "records", params(("file" = String, Path)),
    responses((status = 200, description = "The file", content_type = "application/octet-stream"), (status = 404, body = Problem)))]
async fn download_file(
    State(state): State<AppState>,
    Who(caller): Who,
    Path(file): Path<String>,
) -> ApiResult<Response> {
    let (row, bytes) = state.app.file(&caller, &file).await?;
    let mut response = bytes.into_response();
    let h = response.headers_mut();
    let content_type = HeaderValue::from_str(&row.content_type)
        .unwrap_or(HeaderValue::from_static("application/octet-stream"));
    h.insert(header::CONTENT_TYPE, content_type);
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    let encoded: String = row
        .name
        .bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-._".contains(&b) {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect();
    if let Ok(v) = HeaderValue::from_str(&format!(
        "attachment; filename=\"download\"; filename*=UTF-8''{encoded}"
    )) {
        h.insert(header::CONTENT_DISPOSITION, v);
    }
    Ok(response)
}

#[derive(Debug, Serialize, ToSchema)]
pub struct OutcomeOut {
    pub activity: String,
    pub unit: String,
    pub year: i16,
    pub reported: u64,
    pub target: Option<u32>,
    pub approximate: bool,
}

/// Reported outcome figures per activity, unit and year against the capacity targets.
#[utoipa::path(get, path = "/api/v1/agreements/{id}/outcomes", tag = "records", params(("id" = String, Path)),
    responses((status = 200, body = [OutcomeOut]), (status = 404, body = Problem)))]
async fn outcomes(
    State(state): State<AppState>,
    Who(caller): Who,
    Path(id): Path<String>,
) -> ApiResult<Json<Vec<OutcomeOut>>> {
    let may = state.app.see_agreement(&caller, &id).await?;
    let list = state.app.outcomes(&may).await?;
    Ok(Json(
        list.into_iter()
            .map(|o| OutcomeOut {
                activity: o.activity,
                unit: o.unit,
                year: o.year,
                reported: o.reported,
                target: o.target,
                approximate: o.approximate,
            })
            .collect(),
    ))
}
