//! Accounts over HTTP: signing in and out, passwords, API tokens, users,
//! organisations and roles, the audit log, publication and the public
//! register.

use app::{Role, Scope};
use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::AppState;
use crate::api::actor;
use crate::auth::{Authn, Who, cleared_cookie, session_cookie};
use crate::client::ClientAddress;
use crate::problem::Problem;

pub(crate) fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(sign_in, whoami, sign_out))
        .routes(routes!(change_password))
        .routes(routes!(list_tokens, create_token))
        .routes(routes!(own_notifications, set_own_notifications))
        .routes(routes!(set_own_email))
        .routes(routes!(user_notifications))
        .routes(routes!(reminder_outbox))
        .routes(routes!(revoke_token))
        .routes(routes!(list_calendar_feeds, create_calendar_feed))
        .routes(routes!(revoke_calendar_feed))
        .routes(routes!(list_users, add_user))
        .routes(routes!(grant_role))
        .routes(routes!(revoke_role))
        .routes(routes!(reset_password))
        .routes(routes!(list_orgs, add_org))
        .routes(routes!(audit_log))
        .routes(routes!(set_published))
        .routes(routes!(register))
        .routes(routes!(register_entry))
}

type ApiResult<T> = Result<T, Problem>;

/// A body read no further than `LIMIT` bytes: more answers 413.
pub(crate) struct Limited<const LIMIT: usize>(pub axum::body::Bytes);

/// The body of an account route other than sign-in.
type AccountBody = Limited<{ crate::MAX_ACCOUNT_BYTES }>;

impl<S: Send + Sync, const LIMIT: usize> axum::extract::FromRequest<S> for Limited<LIMIT> {
    type Rejection = Problem;

    async fn from_request(req: axum::extract::Request, _: &S) -> Result<Self, Problem> {
        axum::body::to_bytes(req.into_body(), LIMIT)
            .await
            .map(Limited)
            .map_err(|_| crate::api::too_large(LIMIT))
    }
}

/// A JSON body, with a problem naming what is wrong when it cannot be read.
fn json_body<T: serde::de::DeserializeOwned>(body: &[u8]) -> ApiResult<T> {
    Problem::json_body(
        body,
        "invalid-body",
        "The body cannot be read as the expected JSON.",
    )
}

// ---------------------------------------------------------------- session

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SignIn {
    pub username: String,
    pub password: String,
}

/// The signed-in user.
#[derive(Debug, Serialize, ToSchema)]
pub struct Me {
    pub username: String,
    pub display_name: String,
    pub admin: bool,
    #[schema(value_type = Vec<Object>)]
    pub memberships: Vec<app::Membership>,
    /// Send this in `X-CSRF-Token` (or a `csrf_token` field) with every
    /// change made through the session cookie.
    pub csrf_token: Option<String>,
}

fn me(caller: &app::Caller, csrf_token: Option<String>) -> Me {
    Me {
        username: caller.username().unwrap_or_default().to_owned(),
        display_name: caller.display_name().unwrap_or_default().to_owned(),
        admin: caller.is_admin(),
        memberships: caller.memberships().to_vec(),
        csrf_token,
    }
}

/// Sign in: sets the session cookie (HttpOnly, SameSite=Lax). Attempts
/// beyond those the throttle allows freely (per user name, per client
/// address, per both) answer 429 with `Retry-After`, a wait that doubles
/// with each further attempt up to a cap.
#[utoipa::path(post, path = "/api/v1/session", tag = "accounts", request_body = SignIn,
    responses((status = 200, body = Me), (status = 401, body = Problem), (status = 429, body = Problem)))]
async fn sign_in(
    State(state): State<AppState>,
    authn: Authn,
    ClientAddress(client): ClientAddress,
    // A sign-in is small, and anyone may send one.
    Limited(body): Limited<{ crate::MAX_SIGN_IN_BYTES }>,
) -> ApiResult<Response> {
    let input: SignIn = json_body(&body)?;
    let now = state.now();
    let session = state
        .app
        .sign_in(
            &input.username,
            &input.password,
            &client,
            authn.presented.as_deref(),
            now,
        )
        .await?;
    let live = state
        .app
        .session(&session.token, now)
        .await?
        .ok_or(app::AppError::Unauthenticated)?;
    let mut response = Json(me(&live.caller, Some(session.csrf_token))).into_response();
    set_cookie(
        &mut response,
        &session_cookie(&session.token, state.secure_cookies),
    );
    Ok(response)
}

fn set_cookie(response: &mut Response, value: &str) {
    if let Ok(v) = HeaderValue::from_str(value) {
        response.headers_mut().append(header::SET_COOKIE, v);
    }
}

/// Who is signed in (or which user an API token acts for).
#[utoipa::path(get, path = "/api/v1/session", tag = "accounts",
    responses((status = 200, body = Me), (status = 401, body = Problem)))]
async fn whoami(authn: Authn) -> ApiResult<Json<Me>> {
    if !authn.caller.is_signed_in() {
        return Err(app::AppError::Unauthenticated.into());
    }
    Ok(Json(me(&authn.caller, authn.session.map(|s| s.csrf_token))))
}

/// Sign out: the session ends and the cookie is removed.
#[utoipa::path(delete, path = "/api/v1/session", tag = "accounts",
    responses((status = 204), (status = 401, body = Problem)))]
async fn sign_out(State(state): State<AppState>, authn: Authn) -> ApiResult<Response> {
    let Some(session) = &authn.session else {
        return Err(app::AppError::Unauthenticated.into());
    };
    state
        .app
        .sign_out(&authn.caller, &session.token, state.now())
        .await?;
    let mut response = StatusCode::NO_CONTENT.into_response();
    set_cookie(&mut response, &cleared_cookie(state.secure_cookies));
    Ok(response)
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PasswordChange {
    pub current_password: String,
    pub new_password: String,
}

/// Change one's own password; every session of the user ends.
#[utoipa::path(post, path = "/api/v1/session/password", tag = "accounts", request_body = PasswordChange,
    responses((status = 204), (status = 401, body = Problem), (status = 422, body = Problem)))]
async fn change_password(
    State(state): State<AppState>,
    Who(caller): Who,
    Limited(body): AccountBody,
) -> ApiResult<Response> {
    let me = caller.own_account()?;
    let input: PasswordChange = json_body(&body)?;
    state
        .app
        .change_password(
            &me,
            &input.current_password,
            &input.new_password,
            state.now(),
        )
        .await?;
    let mut response = StatusCode::NO_CONTENT.into_response();
    set_cookie(&mut response, &cleared_cookie(state.secure_cookies));
    Ok(response)
}

// ---------------------------------------------------------------- tokens

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewToken {
    pub name: String,
    /// read or write.
    pub scope: String,
    /// Days until it expires (none: until revoked).
    pub days: Option<i64>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct TokenOut {
    pub id: String,
    pub name: String,
    pub scope: String,
    pub created_at: String,
    pub expires_at: Option<String>,
    pub revoked_at: Option<String>,
    /// Only in the answer to its creation: store it, it is not shown again.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub token: Option<String>,
}

impl From<app::TokenView> for TokenOut {
    fn from(t: app::TokenView) -> Self {
        TokenOut {
            id: t.id,
            name: t.name,
            scope: t.scope,
            created_at: t.created_at,
            expires_at: t.expires_at,
            revoked_at: t.revoked_at,
            token: None,
        }
    }
}

/// The caller's API tokens.
#[utoipa::path(get, path = "/api/v1/tokens", tag = "accounts",
    responses((status = 200, body = [TokenOut]), (status = 401, body = Problem)))]
async fn list_tokens(
    State(state): State<AppState>,
    Who(caller): Who,
) -> ApiResult<Json<Vec<TokenOut>>> {
    let me = caller.read_own_account()?;
    let list = state.app.tokens(&me).await?;
    Ok(Json(list.into_iter().map(Into::into).collect()))
}

/// Create an API token acting for the caller, limited to reading or not.
#[utoipa::path(post, path = "/api/v1/tokens", tag = "accounts", request_body = NewToken,
    responses((status = 201, body = TokenOut), (status = 401, body = Problem), (status = 422, body = Problem)))]
async fn create_token(
    State(state): State<AppState>,
    Who(caller): Who,
    Limited(body): AccountBody,
) -> ApiResult<Response> {
    let me = caller.own_account()?;
    let input: NewToken = json_body(&body)?;
    let scope = Scope::parse(&input.scope).ok_or_else(|| {
        Problem::from(app::AppError::field(
            "scope",
            app::Message::new("app-scope-choice"),
        ))
    })?;
    let (view, secret) = state
        .app
        .create_token(&me, &input.name, scope, input.days, state.now())
        .await?;
    let mut out = TokenOut::from(view);
    out.token = Some(secret);
    Ok((StatusCode::CREATED, Json(out)).into_response())
}

/// Revoke one of the caller's API tokens.
#[utoipa::path(delete, path = "/api/v1/tokens/{token}", tag = "accounts", params(("token" = String, Path)),
    responses((status = 204), (status = 404, body = Problem)))]
async fn revoke_token(
    State(state): State<AppState>,
    Who(caller): Who,
    Path(token): Path<String>,
) -> ApiResult<StatusCode> {
    let me = caller.own_account()?;
    state.app.revoke_token(&me, &token, state.now()).await?;
    Ok(StatusCode::NO_CONTENT)
}

// ---------------------------------------------------------------- calendar subscriptions

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewCalendarFeed {
    /// What the subscription is for ("Outlook på jobbet"), 1–100 characters.
    pub name: String,
}

/// A calendar subscription: a secret address of the duties the caller gets
/// reminders for, across all their agreements.
#[derive(Debug, Serialize, ToSchema)]
pub struct CalendarFeedOut {
    pub id: String,
    pub name: String,
    pub created_at: String,
    pub revoked_at: Option<String>,
    /// Only in the answer to its creation: the address to subscribe to
    /// (`webcal://HOST/kalender/SECRET.ics`). Store it, it is not shown again.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// Only in the answer to its creation: the same address over HTTP(S),
    /// for clients that ask for a web address.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub https_url: Option<String>,
}

impl From<app::CalendarFeedView> for CalendarFeedOut {
    fn from(f: app::CalendarFeedView) -> Self {
        CalendarFeedOut {
            id: f.id,
            name: f.name,
            created_at: f.created_at,
            revoked_at: f.revoked_at,
            url: None,
            https_url: None,
        }
    }
}

/// The caller's calendar subscriptions, revoked ones included (never their
/// addresses: only a hash of each secret is kept).
#[utoipa::path(get, path = "/api/v1/calendar-feeds", tag = "accounts",
    responses((status = 200, body = [CalendarFeedOut]), (status = 401, body = Problem)))]
async fn list_calendar_feeds(
    State(state): State<AppState>,
    Who(caller): Who,
) -> ApiResult<Json<Vec<CalendarFeedOut>>> {
    let me = caller.read_own_account()?;
    let list = state.app.calendar_feeds(&me).await?;
    Ok(Json(list.into_iter().map(Into::into).collect()))
}

/// Create a calendar subscription for the caller: the duties they get
/// reminders for, as iCalendar at `GET /kalender/{secret}.ics` (no sign-in).
/// The address is in this answer only.
#[utoipa::path(post, path = "/api/v1/calendar-feeds", tag = "accounts", request_body = NewCalendarFeed,
    responses((status = 201, body = CalendarFeedOut), (status = 401, body = Problem), (status = 422, body = Problem)))]
async fn create_calendar_feed(
    State(state): State<AppState>,
    Who(caller): Who,
    headers: axum::http::HeaderMap,
    Limited(body): AccountBody,
) -> ApiResult<Response> {
    let me = caller.own_account()?;
    let input: NewCalendarFeed = json_body(&body)?;
    let (view, secret) = state
        .app
        .create_calendar_feed(&me, &input.name, state.now())
        .await?;
    let address =
        crate::pages::feed_address(&headers, state.secure_cookies, &secret, locale::Lang::Sv);
    let mut out = CalendarFeedOut::from(view);
    out.url = Some(address.webcal);
    out.https_url = Some(address.https);
    Ok((StatusCode::CREATED, Json(out)).into_response())
}

/// Revoke one of the caller's calendar subscriptions: its address answers
/// 404 from now on.
#[utoipa::path(delete, path = "/api/v1/calendar-feeds/{feed}", tag = "accounts", params(("feed" = String, Path)),
    responses((status = 204), (status = 401, body = Problem), (status = 404, body = Problem)))]
async fn revoke_calendar_feed(
    State(state): State<AppState>,
    Who(caller): Who,
    Path(feed): Path<String>,
) -> ApiResult<StatusCode> {
    let me = caller.own_account()?;
    state
        .app
        .revoke_calendar_feed(&me, &feed, state.now())
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

// ---------------------------------------------------------------- notifications

/// The caller's e-mail address and notification settings: kinds of duty
/// (`decision`, `report`, `invoice`, `meeting`, `term-end`), lead times in
/// days around the due date, delivery (`{"every": "individual"}`,
/// `{"every": "daily"}`, `{"every": "weekly", "weekday": 1}`), language
/// (`sv`, `en`), or `off`. `custom` is false while the role's defaults apply.
#[utoipa::path(get, path = "/api/v1/account/notifications", tag = "accounts",
    responses((status = 200, body = Object), (status = 401, body = Problem)))]
async fn own_notifications(
    State(state): State<AppState>,
    Who(caller): Who,
) -> ApiResult<Json<app::NotificationsView>> {
    let me = caller.read_own_account()?;
    Ok(Json(state.app.own_notifications(&me).await?))
}

/// Choose one's reminders: the same fields as the answer, without
/// `username`, `email` and `custom`. Answers the settings now kept.
#[utoipa::path(put, path = "/api/v1/account/notifications", tag = "accounts", request_body = Object,
    responses((status = 200, body = Object), (status = 401, body = Problem), (status = 422, body = Problem)))]
async fn set_own_notifications(
    State(state): State<AppState>,
    Who(caller): Who,
    Limited(body): AccountBody,
) -> ApiResult<Json<app::NotificationsView>> {
    let me = caller.own_account()?;
    let chosen: app::Notifications = json_body(&body)?;
    Ok(Json(
        state
            .app
            .set_own_notifications(&me, chosen, state.now())
            .await?,
    ))
}

/// One's own e-mail address: `{"email": "namn@example.se"}`, or
/// `{"email": null}` to have none (and no reminders).
#[derive(Debug, Deserialize, ToSchema)]
pub struct EmailIn {
    pub email: Option<String>,
}

/// Change one's own e-mail address (validated, audited). Answers the
/// address and notification settings now kept.
#[utoipa::path(put, path = "/api/v1/account/email", tag = "accounts", request_body = EmailIn,
    responses((status = 200, body = Object), (status = 401, body = Problem), (status = 422, body = Problem)))]
async fn set_own_email(
    State(state): State<AppState>,
    Who(caller): Who,
    body: axum::body::Bytes,
) -> ApiResult<Json<app::NotificationsView>> {
    let me = caller.own_account()?;
    let chosen: EmailIn = json_body(&body)?;
    Ok(Json(
        state
            .app
            .set_own_email(&me, chosen.email.as_deref(), state.now())
            .await?,
    ))
}

/// A user's e-mail address and notification settings (administrators only).
#[utoipa::path(get, path = "/api/v1/users/{username}/notifications", tag = "accounts",
    params(("username" = String, Path)),
    responses((status = 200, body = Object), (status = 403, body = Problem), (status = 404, body = Problem)))]
async fn user_notifications(
    State(state): State<AppState>,
    Who(caller): Who,
    Path(username): Path<String>,
) -> ApiResult<Json<app::NotificationsView>> {
    let admin = caller.read_administration()?;
    Ok(Json(state.app.user_notifications(&admin, &username).await?))
}

/// The reminder outbox: every planned, sent, failed and cancelled reminder
/// with its attempts and last error (administrators only).
#[utoipa::path(get, path = "/api/v1/reminders", tag = "accounts",
    responses((status = 200, body = [Object]), (status = 403, body = Problem)))]
async fn reminder_outbox(
    State(state): State<AppState>,
    Who(caller): Who,
) -> ApiResult<Json<Vec<app::OutboxView>>> {
    let admin = caller.read_administration()?;
    Ok(Json(state.app.outbox(&admin).await?))
}

// ---------------------------------------------------------------- administration

#[derive(Debug, Serialize, ToSchema)]
pub struct UserOut {
    pub username: String,
    pub display_name: String,
    pub admin: bool,
    pub disabled: bool,
    #[schema(value_type = Vec<Object>)]
    pub memberships: Vec<app::Membership>,
    pub email: Option<String>,
}

impl From<app::UserView> for UserOut {
    fn from(u: app::UserView) -> Self {
        UserOut {
            username: u.username,
            display_name: u.display_name,
            admin: u.admin,
            disabled: u.disabled,
            memberships: u.memberships,
            email: u.email,
        }
    }
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewUserIn {
    pub username: String,
    pub display_name: String,
    pub password: String,
    #[serde(default)]
    pub admin: bool,
    /// Where reminders go.
    #[serde(default)]
    pub email: Option<String>,
}

/// Every user (administrators only).
#[utoipa::path(get, path = "/api/v1/users", tag = "accounts",
    responses((status = 200, body = [UserOut]), (status = 401, body = Problem), (status = 403, body = Problem)))]
async fn list_users(
    State(state): State<AppState>,
    Who(caller): Who,
) -> ApiResult<Json<Vec<UserOut>>> {
    let admin = caller.read_administration()?;
    let list = state.app.users(&admin).await?;
    Ok(Json(list.into_iter().map(Into::into).collect()))
}

/// Add a user (administrators only).
#[utoipa::path(post, path = "/api/v1/users", tag = "accounts", request_body = NewUserIn,
    responses((status = 201, body = UserOut), (status = 403, body = Problem), (status = 409, body = Problem), (status = 422, body = Problem)))]
async fn add_user(
    State(state): State<AppState>,
    Who(caller): Who,
    Limited(body): AccountBody,
) -> ApiResult<Response> {
    let admin = caller.administer()?;
    let input: NewUserIn = json_body(&body)?;
    let user = state
        .app
        .add_user(
            &admin,
            &caller,
            app::NewUser {
                email: input.email.as_deref(),
                username: &input.username,
                display_name: &input.display_name,
                password: &input.password,
                admin: input.admin,
            },
            state.now(),
        )
        .await?;
    Ok((StatusCode::CREATED, Json(UserOut::from(user))).into_response())
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct GrantIn {
    /// The organisation's id (its org number, or the slug of its name).
    pub org: String,
    /// official, partner or reader.
    pub role: String,
}

/// Give a user a role in an organisation (administrators only).
#[utoipa::path(post, path = "/api/v1/users/{username}/roles", tag = "accounts",
    params(("username" = String, Path)), request_body = GrantIn,
    responses((status = 204), (status = 403, body = Problem), (status = 422, body = Problem)))]
async fn grant_role(
    State(state): State<AppState>,
    Who(caller): Who,
    Path(username): Path<String>,
    Limited(body): AccountBody,
) -> ApiResult<StatusCode> {
    let admin = caller.administer()?;
    let input: GrantIn = json_body(&body)?;
    let role = Role::parse(&input.role).ok_or_else(|| {
        Problem::from(app::AppError::field(
            "role",
            app::Message::new("app-role-choice"),
        ))
    })?;
    state
        .app
        .grant(&admin, &caller, &username, &input.org, role, state.now())
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Take away a user's role in an organisation (administrators only).
#[utoipa::path(delete, path = "/api/v1/users/{username}/roles/{org}", tag = "accounts",
    params(("username" = String, Path), ("org" = String, Path)),
    responses((status = 204), (status = 403, body = Problem), (status = 404, body = Problem)))]
async fn revoke_role(
    State(state): State<AppState>,
    Who(caller): Who,
    Path((username, org)): Path<(String, String)>,
) -> ApiResult<StatusCode> {
    let admin = caller.administer()?;
    state
        .app
        .revoke(&admin, &caller, &username, &org, state.now())
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ResetIn {
    pub password: String,
}

/// Set a new password for a user; their sessions end (administrators only).
#[utoipa::path(post, path = "/api/v1/users/{username}/password", tag = "accounts",
    params(("username" = String, Path)), request_body = ResetIn,
    responses((status = 204), (status = 403, body = Problem), (status = 422, body = Problem)))]
async fn reset_password(
    State(state): State<AppState>,
    Who(caller): Who,
    Path(username): Path<String>,
    Limited(body): AccountBody,
) -> ApiResult<StatusCode> {
    let admin = caller.administer()?;
    let input: ResetIn = json_body(&body)?;
    state
        .app
        .reset_password(&admin, &caller, &username, &input.password, state.now())
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Debug, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct OrgOut {
    pub id: String,
    pub name: String,
}

/// Every organisation (administrators only).
#[utoipa::path(get, path = "/api/v1/organisations", tag = "accounts",
    responses((status = 200, body = [OrgOut]), (status = 403, body = Problem)))]
async fn list_orgs(
    State(state): State<AppState>,
    Who(caller): Who,
) -> ApiResult<Json<Vec<OrgOut>>> {
    let admin = caller.read_administration()?;
    let list = state.app.orgs(&admin).await?;
    Ok(Json(
        list.into_iter()
            .map(|o| OrgOut {
                id: o.id,
                name: o.name,
            })
            .collect(),
    ))
}

/// Add an organisation (administrators only). Parties of stored agreements
/// become organisations by themselves.
#[utoipa::path(post, path = "/api/v1/organisations", tag = "accounts", request_body = OrgOut,
    responses((status = 201, body = OrgOut), (status = 403, body = Problem), (status = 409, body = Problem)))]
async fn add_org(
    State(state): State<AppState>,
    Who(caller): Who,
    Limited(body): AccountBody,
) -> ApiResult<Response> {
    let admin = caller.administer()?;
    let input: OrgOut = json_body(&body)?;
    let org = state
        .app
        .add_org(&admin, &caller, &input.id, &input.name, state.now())
        .await?;
    Ok((
        StatusCode::CREATED,
        Json(OrgOut {
            id: org.id,
            name: org.name,
        }),
    )
        .into_response())
}

// ---------------------------------------------------------------- audit

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
struct AuditQuery {
    /// Events before this sequence number (the previous page's last).
    before: Option<i64>,
    /// Page size, 1–500 (default 100).
    limit: Option<i64>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct AuditOut {
    pub seq: i64,
    pub at: String,
    pub actor: String,
    pub entity_kind: String,
    pub entity_id: String,
    pub action: String,
    #[schema(value_type = Object)]
    pub before: Option<serde_json::Value>,
    #[schema(value_type = Object)]
    pub after: Option<serde_json::Value>,
    pub hash: String,
}

/// The audit log, newest first: all of it for administrators, their
/// organisations' agreements for readers.
#[utoipa::path(get, path = "/api/v1/audit", tag = "accounts", params(AuditQuery),
    responses((status = 200, body = [AuditOut]), (status = 403, body = Problem)))]
async fn audit_log(
    State(state): State<AppState>,
    Who(caller): Who,
    Query(q): Query<AuditQuery>,
) -> ApiResult<Json<Vec<AuditOut>>> {
    let scope = caller.read_audit()?;
    let list = state
        .app
        .audit_events(&scope, q.before, q.limit.unwrap_or(100))
        .await?;
    Ok(Json(
        list.into_iter()
            .map(|e| AuditOut {
                seq: e.seq,
                at: e.at,
                actor: e.actor,
                entity_kind: e.entity_kind,
                entity_id: e.entity_id,
                action: e.action,
                before: e.before,
                after: e.after,
                hash: e.hash,
            })
            .collect(),
    ))
}

// ---------------------------------------------------------------- register

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PublishedIn {
    pub published: bool,
}

/// Put an agreement in the public register or take it out (officials of a party).
#[utoipa::path(post, path = "/api/v1/agreements/{id}/published", tag = "agreements",
    params(("id" = String, Path)), request_body = PublishedIn,
    responses((status = 204), (status = 403, body = Problem), (status = 404, body = Problem), (status = 409, body = Problem)))]
async fn set_published(
    State(state): State<AppState>,
    Who(caller): Who,
    Path(id): Path<String>,
    Limited(body): AccountBody,
) -> ApiResult<StatusCode> {
    let may = state.app.edit_agreement(&caller, &id).await?;
    let input: PublishedIn = json_body(&body)?;
    state
        .app
        .set_published(&may, input.published, &actor(&state, &caller))
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
struct RegisterQuery {
    /// The last id of the previous page.
    after: Option<String>,
    /// Page size, 1–200 (default 50).
    limit: Option<i64>,
}

/// The public register: published agreements' title, parties, period,
/// money and purpose. No sign-in; never contact persons or drafts.
#[utoipa::path(get, path = "/api/v1/register", tag = "register", params(RegisterQuery),
    responses((status = 200, body = [Object])))]
async fn register(
    State(state): State<AppState>,
    Query(q): Query<RegisterQuery>,
) -> ApiResult<Json<Vec<app::PublicEntry>>> {
    Ok(Json(
        state
            .app
            .register(q.after.as_deref().unwrap_or(""), q.limit.unwrap_or(50))
            .await?,
    ))
}

/// One published agreement in the public register.
#[utoipa::path(get, path = "/api/v1/register/{id}", tag = "register", params(("id" = String, Path)),
    responses((status = 200, body = Object), (status = 404, body = Problem)))]
async fn register_entry(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> ApiResult<Json<app::PublicEntry>> {
    state
        .app
        .register_entry(&id)
        .await?
        .map(Json)
        .ok_or_else(|| app::AppError::NotFound.into())
}
