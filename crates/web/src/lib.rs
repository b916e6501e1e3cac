//! iop over HTTP. Routes are declared once, with their OpenAPI description
//! (utoipa-axum), so the served document and the routes cannot drift.

mod api;
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

/// What the handlers share: the application, and the clock (injected, so
/// tests and demonstrations can fix "today").
#[derive(Clone)]
pub struct AppState {
    pub app: App,
    pub clock: Arc<dyn Fn() -> jiff::Timestamp + Send + Sync>,
}

impl std::fmt::Debug for AppState {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AppState")
            .field("app", &self.app)
            .finish_non_exhaustive()
    }
}

impl AppState {
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
    tags((name = "agreements"), (name = "records"), (name = "portfolio"), (name = "operations"))
)]
struct ApiDoc;

/// The routes and their OpenAPI document.
pub fn routes() -> (Router<AppState>, utoipa::openapi::OpenApi) {
    OpenApiRouter::with_openapi(ApiDoc::openapi())
        .merge(api::routes())
        .split_for_parts()
}

/// The OpenAPI document alone (for `iop openapi` and the snapshot test).
pub fn openapi() -> utoipa::openapi::OpenApi {
    routes().1
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
        // Uploads may be larger; agreement and record bodies are held to
        // MAX_BODY_BYTES in their handlers.
        .layer(DefaultBodyLimit::max(app::MAX_UPLOAD_BYTES))
        .layer(TraceLayer::new_for_http())
        .with_state(state)
}
