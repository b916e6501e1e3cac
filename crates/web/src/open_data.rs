//! The public register as open data, without sign-in: OCDS 1.1 release and
//! record packages (paged with `links.next`), a 360Giving 1.4.3 data
//! package, the DCAT-AP-SE catalogue, CSV and XLSX. The bytes come from the
//! application, the same as `iop export` writes.

use app::{AppError, Feed, FeedPage};
use axum::body::Body;
use axum::extract::{Query, State};
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use utoipa::IntoParams;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::AppState;
use crate::auth::Who;
use crate::problem::{FieldError, Problem};

pub(crate) fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(ocds_releases))
        .routes(routes!(ocds_records))
        .routes(routes!(giving))
        .routes(routes!(dcat))
        .routes(routes!(csv))
        .routes(routes!(xlsx))
        .routes(routes!(portfolio_csv))
        .routes(routes!(portfolio_xlsx))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
struct PageParams {
    /// Only releases dated on or after this day (YYYY-MM-DD) or instant (RFC 3339).
    since: Option<String>,
    /// Where the page starts: the cursor in the previous page's `links.next`.
    cursor: Option<String>,
    /// Releases (records) per page, 1–1000 (default 1000).
    limit: Option<String>,
}

/// A 400 naming the query parameter that is wrong.
fn bad_parameter(name: &str, detail: String) -> Problem {
    Problem {
        errors: vec![FieldError {
            code: "invalid-parameter".into(),
            field: Some(name.to_owned()),
            message: detail.clone(),
            line: None,
            column: None,
        }],
        ..Problem::bad_request(name, detail)
    }
}

#[allow(clippy::result_large_err)] // the error is the response
fn page(q: PageParams) -> Result<FeedPage, Problem> {
    let since = q
        .since
        .map(|s| {
            app::parse_since(&s).ok_or_else(|| {
                bad_parameter(
                    "since",
                    format!("since {s:?} must be a day (YYYY-MM-DD) or an instant (RFC 3339)."),
                )
            })
        })
        .transpose()?;
    let limit = q
        .limit
        .map(|l| {
            l.parse::<usize>()
                .ok()
                .filter(|n| (1..=app::MAX_PAGE).contains(n))
                .ok_or_else(|| {
                    bad_parameter(
                        "limit",
                        format!(
                            "limit {l:?} must be a whole number from 1 to {}.",
                            app::MAX_PAGE
                        ),
                    )
                })
        })
        .transpose()?;
    Ok(FeedPage {
        since,
        cursor: q.cursor,
        limit,
    })
}

/// The feed's bytes with its media type and file name.
async fn serve(state: &AppState, feed: Feed, page: &FeedPage) -> Result<Response, Problem> {
    let Some(open) = state.open_data.as_deref() else {
        return Err(AppError::NotFound.into());
    };
    let as_problem = |e| match e {
        AppError::Field { field, message } => bad_parameter(&field, message.to_string()),
        other => Problem::from(other),
    };
    let body = if let Feed::OcdsReleases | Feed::OcdsRecords = feed {
        // A page of up to 1 000 releases (records) goes out one at a time.
        let stream = state
            .app
            .page_stream(open, feed, page)
            .await
            .map_err(as_problem)?;
        Body::from_stream(chunks(stream))
    } else {
        Body::from(
            state
                .app
                .open_data(open, feed, page)
                .await
                .map_err(as_problem)?,
        )
    };
    let disposition = match feed {
        Feed::Csv | Feed::Xlsx => "attachment",
        _ => "inline",
    };
    let mut response = body.into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static(feed.content_type()),
    );
    if let Ok(value) =
        HeaderValue::from_str(&format!("{disposition}; filename=\"{}\"", feed.file_name()))
    {
        headers.insert(header::CONTENT_DISPOSITION, value);
    }
    Ok(response)
}

/// The page's bytes as they are written. A failure after the first bytes
/// can only cut the body short (the status is sent); it is logged.
fn chunks(
    stream: app::PageStream,
) -> impl futures_util::Stream<Item = Result<Vec<u8>, std::io::Error>> {
    futures_util::stream::unfold(Some(stream), |stream| async move {
        let mut stream = stream?;
        match stream.next_chunk().await {
            Ok(Some(bytes)) => Some((Ok(bytes), Some(stream))),
            Ok(None) => None,
            Err(e) => {
                tracing::error!(error = %e, "the release feed stopped");
                Some((Err(std::io::Error::other(e.to_string())), None))
            }
        }
    })
}

/// The public register as an OCDS 1.1 release package, a page at a time
/// (`links.next` names the next page). No sign-in.
#[utoipa::path(get, path = "/api/v1/register/ocds/releases", tag = "register", params(PageParams),
    responses((status = 200, content_type = "application/json", body = Object), (status = 400, body = Problem)))]
async fn ocds_releases(
    State(state): State<AppState>,
    Query(q): Query<PageParams>,
) -> Result<Response, Problem> {
    serve(&state, Feed::OcdsReleases, &page(q)?).await
}

/// The public register as an OCDS 1.1 record package with compiled
/// releases, a page of records at a time (`links.next`). No sign-in.
#[utoipa::path(get, path = "/api/v1/register/ocds/records", tag = "register", params(PageParams),
    responses((status = 200, content_type = "application/json", body = Object), (status = 400, body = Problem)))]
async fn ocds_records(
    State(state): State<AppState>,
    Query(q): Query<PageParams>,
) -> Result<Response, Problem> {
    serve(&state, Feed::OcdsRecords, &page(q)?).await
}

/// The public register as a 360Giving 1.4.3 data package: one grant per
/// public funder and idea-driven recipient. 404 when no agreement pays money.
#[utoipa::path(get, path = "/api/v1/register/360giving", tag = "register",
    responses((status = 200, content_type = "application/json", body = Object), (status = 404, body = Problem)))]
async fn giving(State(state): State<AppState>) -> Result<Response, Problem> {
    serve(&state, Feed::Giving, &FeedPage::default()).await
}

/// The instance's DCAT-AP-SE 3.0.1 catalogue (RDF/XML), for dataportal.se.
#[utoipa::path(get, path = "/datasets/dcat", tag = "register",
    responses((status = 200, content_type = "application/rdf+xml", body = String)))]
async fn dcat(State(state): State<AppState>) -> Result<Response, Problem> {
    serve(&state, Feed::Dcat, &FeedPage::default()).await
}

/// The register's money per year and party as CSV (UTF-8, Swedish column names).
#[utoipa::path(get, path = "/register.csv", tag = "register",
    responses((status = 200, content_type = "text/csv", body = String)))]
async fn csv(State(state): State<AppState>) -> Result<Response, Problem> {
    serve(&state, Feed::Csv, &FeedPage::default()).await
}

/// The register as an Excel workbook: agreements, and money per year and party.
#[utoipa::path(get, path = "/register.xlsx", tag = "register",
    responses((status = 200, content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", body = Vec<u8>)))]
async fn xlsx(State(state): State<AppState>) -> Result<Response, Problem> {
    serve(&state, Feed::Xlsx, &FeedPage::default()).await
}

/// A signed-in caller's portfolio as a download, never kept by a cache.
async fn portfolio_file(
    state: &AppState,
    caller: &app::Caller,
    file: app::PortfolioFile,
) -> Result<Response, Problem> {
    let bytes = state.app.portfolio_file(caller, file).await?;
    let mut response = bytes.into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static(file.content_type()),
    );
    headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("private, no-store"),
    );
    if let Ok(value) =
        HeaderValue::from_str(&format!("attachment; filename=\"{}\"", file.file_name()))
    {
        headers.insert(header::CONTENT_DISPOSITION, value);
    }
    Ok(response)
}

/// The caller's own portfolio (every agreement of their organisations,
/// drafts included) as CSV: money per year and party, the columns of
/// `/register.csv`. Sign-in required.
#[utoipa::path(get, path = "/api/v1/portfolio.csv", tag = "portfolio",
    responses((status = 200, content_type = "text/csv", body = String), (status = 401, body = Problem)))]
async fn portfolio_csv(
    State(state): State<AppState>,
    Who(caller): Who,
) -> Result<Response, Problem> {
    portfolio_file(&state, &caller, app::PortfolioFile::Csv).await
}

/// The caller's own portfolio (drafts included) as an Excel workbook:
/// agreements, and money per year and party. Sign-in required.
#[utoipa::path(get, path = "/api/v1/portfolio.xlsx", tag = "portfolio",
    responses((status = 200, content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", body = Vec<u8>), (status = 401, body = Problem)))]
async fn portfolio_xlsx(
    State(state): State<AppState>,
    Who(caller): Who,
) -> Result<Response, Problem> {
    portfolio_file(&state, &caller, app::PortfolioFile::Xlsx).await
}
