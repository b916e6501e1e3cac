//! iop over HTTP. Routes are declared once, with their OpenAPI description
//! (utoipa-axum), so the served document and the routes cannot drift.

mod account_api;
mod answers;
mod api;
pub mod auth;
mod client;
mod edge;
mod import_api;
mod open_data;
mod pages;
mod problem;

use std::sync::Arc;

use app::App;
use axum::Router;
use axum::extract::DefaultBodyLimit;
use tower_http::trace::TraceLayer;
use utoipa::OpenApi;
use utoipa_axum::router::OpenApiRouter;

pub use problem::Problem;

/// The largest request body accepted: an agreement file or a record.
pub const MAX_BODY_BYTES: usize = 1024 * 1024;
/// The largest sign-in body (the API's JSON or the page's form): a user
/// name and a password of at most 1 024 characters fit many times over.
pub const MAX_SIGN_IN_BYTES: usize = 16 * 1024;
/// The largest body of the other account routes (a password change, a
/// token, a calendar subscription, notifications, a user, a role, an
/// organisation, publication): their fields fit many times over.
pub const MAX_ACCOUNT_BYTES: usize = 16 * 1024;

/// What the handlers share: the application, and the clock (injected, so
/// tests and demonstrations can fix "today").
#[derive(Clone)]
pub struct AppState {
    pub app: App,
    pub clock: Arc<dyn Fn() -> jiff::Timestamp + Send + Sync>,
    /// Mark cookies `Secure` and send HSTS: the server is reached over TLS
    /// (directly or through a proxy).
    pub secure_cookies: bool,
    /// Serialised answers of the busiest read routes, until the next write.
    pub(crate) answers: Arc<answers::Answers>,
    /// Who publishes the register as open data, and where; the demo's
    /// settings until `with_open_data` sets the instance's.
    pub(crate) open_data: Option<Arc<app::OpenData>>,
    /// Proxies whose `X-Forwarded-For` names the client (see `client.rs`).
    pub(crate) trusted_proxies: Arc<[std::net::IpAddr]>,
}

impl std::fmt::Debug for AppState {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AppState")
            .field("app", &self.app)
            .field("secure_cookies", &self.secure_cookies)
            .finish_non_exhaustive()
    }
}

impl AppState {
    /// `answer_bytes`: how much memory kept answers may take (0 keeps none).
    pub fn new(
        app: App,
        clock: Arc<dyn Fn() -> jiff::Timestamp + Send + Sync>,
        secure_cookies: bool,
        answer_bytes: u64,
    ) -> AppState {
        let answers = Arc::new(answers::Answers::new(&app, answer_bytes));
        AppState {
            app,
            clock,
            secure_cookies,
            answers,
            open_data: app::OpenData::demo(app::DEMO_BASE_URL).ok().map(Arc::new),
            trusted_proxies: Arc::new([]),
        }
    }

    /// Believe `X-Forwarded-For` from these peers (the operator's proxies).
    #[must_use]
    pub fn with_trusted_proxies(mut self, proxies: &[std::net::IpAddr]) -> AppState {
        self.trusted_proxies = proxies.into();
        self
    }

    /// Publish the open data with these settings.
    #[must_use]
    pub fn with_open_data(mut self, open_data: app::OpenData) -> AppState {
        self.open_data = Some(Arc::new(open_data));
        self
    }

    pub(crate) fn now(&self) -> jiff::Timestamp {
        (self.clock)()
    }

    /// Today in Sweden.
    pub(crate) fn today(&self) -> domain::value::Date {
        let tz = jiff::tz::TimeZone::get("Europe/Stockholm").unwrap_or(jiff::tz::TimeZone::UTC);
        domain::value::Date::new(self.now().to_zoned(tz).date())
    }
}

#[derive(OpenApi)]
#[openapi(
    info(title = "iop", description = "Idéburna offentliga partnerskap (IOP): agreements, follow-up and portfolio."),
    tags((name = "agreements"), (name = "records"), (name = "portfolio"), (name = "accounts"),
        (name = "register"), (name = "operations"))
)]
struct ApiDoc;

/// The routes and their OpenAPI document.
pub fn routes() -> (Router<AppState>, utoipa::openapi::OpenApi) {
    OpenApiRouter::with_openapi(ApiDoc::openapi())
        .merge(api::routes())
        .merge(account_api::routes())
        .merge(import_api::routes())
        .merge(open_data::routes())
        .split_for_parts()
}

/// The OpenAPI document alone (for `iop openapi` and the snapshot test).
pub fn openapi() -> utoipa::openapi::OpenApi {
    routes().1
}

/// Every path the server answers: the API's (from its OpenAPI document),
/// the document itself, and the pages. Which methods each takes is the
/// router's to say: the access-matrix test asks the running server (the
/// `Allow` header of a 405), so no method escapes it.
pub fn route_paths() -> std::collections::BTreeSet<String> {
    openapi()
        .paths
        .paths
        .into_keys()
        .chain(["/api/openapi.json".to_owned()])
        .chain(pages::page_routes().into_iter().map(str::to_owned))
        .collect()
}

/// The whole application router.
pub fn router(state: AppState) -> Router {
    let (routes, openapi) = routes();
    let openapi = Arc::new(openapi);
    routes
        .route(
            "/api/openapi.json",
            axum::routing::get(move || {
                let doc = openapi.clone();
                async move { axum::Json(doc.as_ref().clone()) }
            }),
        )
        .merge(pages::routes())
        .fallback(problem::not_found)
        .layer(axum::middleware::from_fn(edge::refuse_control_characters))
        // Uploads may be larger; agreement and record bodies are held to
        // MAX_BODY_BYTES in their handlers.
        .layer(DefaultBodyLimit::max(app::MAX_UPLOAD_BYTES))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            auth::authenticate,
        ))
        // Merged after the authentication layer: static files ask no one.
        .merge(pages::assets())
        .layer(axum::middleware::from_fn(problem::api_errors_as_problems))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            auth::security_headers,
        ))
        .layer(TraceLayer::new_for_http().make_span_with(request_span))
        .with_state(state)
}

/// The span a request is logged under: its method and path, never its
/// query (a CSRF token may ride there) nor a calendar subscription's
/// secret, which is a credential in the path.
fn request_span(req: &axum::http::Request<axum::body::Body>) -> tracing::Span {
    tracing::debug_span!(
        "request",
        method = %req.method(),
        path = %logged_path(req.uri().path()),
    )
}

fn logged_path(path: &str) -> String {
    match path.strip_prefix("/kalender/") {
        Some(_) => "/kalender/…".to_owned(),
        None => path.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_calendar_secret_is_never_logged() {
        assert_eq!(
            super::logged_path(&format!("/kalender/{}.ics", "ab".repeat(32))),
            "/kalender/…"
        );
        assert_eq!(super::logged_path("/avtal/x"), "/avtal/x");
    }

    /// The routes where an agreement's id stands in the path.
    const AGREEMENT_ROUTES: [&str; 3] = [
        "/api/v1/agreements/{id}",
        "/api/v1/register/{id}",
        "/avtal/{id}",
    ];

    /// A fixed word beside an agreement's `{id}` (`/api/v1/register/360giving`
    /// beside `/api/v1/register/{id}`) would shadow the agreement of that
    /// id, so every such word must be an id the domain refuses.
    #[test]
    fn no_route_shadows_an_agreement_id() {
        let paths = super::route_paths();
        let mut shadowing = std::collections::BTreeSet::new();
        for route in AGREEMENT_ROUTES {
            assert!(paths.contains(route), "{route} is no longer a route");
            let parent = route.trim_end_matches("{id}");
            for path in &paths {
                let Some(rest) = path.strip_prefix(parent) else {
                    continue;
                };
                let word = rest.split('/').next().unwrap_or_default();
                if !word.is_empty() && !word.starts_with('{') {
                    shadowing.insert(word.to_owned());
                }
            }
        }
        assert!(shadowing.contains("360giving"), "{shadowing:?}");
        for word in &shadowing {
            assert!(
                domain::check::RESERVED_AGREEMENT_IDS.contains(&word.as_str()),
                "{word} shadows an agreement id: add it to RESERVED_AGREEMENT_IDS"
            );
        }
    }
}
