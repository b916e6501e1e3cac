//! The HTML pages: server-rendered with askama, Swedish by default and
//! English on request, usable without JavaScript. Handlers are thin: they
//! gather data through `App`, build a view model, and render it.
//!
//! No inline script or style anywhere (the content security policy forbids
//! them): the stylesheet is a static file served from embedded bytes.

mod account;
mod agreements;
mod calendar;
mod draft;
mod edit;
mod fmt;
mod from_document;
mod home;
mod kept;
mod new;
mod public;
mod records;
mod reminders;
mod removed;
mod settings;

use askama::Template;
use axum::Router;
use axum::extract::{FromRequestParts, Request};
use axum::http::request::Parts;
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::{MethodRouter, get, post};
use locale::Lang;

use crate::AppState;
pub(crate) use fmt::url_encode;
pub(crate) use from_document::file_field;
pub(crate) use settings::feed_address;

/// Every page route: its path and its handlers (which give its methods).
/// The router is built from this table alone, so the access-matrix test
/// (which reads [`page_routes`]) sees every page there is.
fn table() -> Vec<(&'static str, MethodRouter<AppState>)> {
    vec![
        ("/", get(home::dashboard)),
        (
            "/logga-in",
            get(account::login_form).post(account::login_submit).layer(
                axum::extract::DefaultBodyLimit::max(crate::MAX_SIGN_IN_BYTES),
            ),
        ),
        ("/logga-ut", post(account::logout)),
        ("/granskningslogg", get(account::audit)),
        ("/avtal", get(agreements::list)),
        ("/avtal/ny", get(new::form).post(new::submit)),
        ("/avtal/ny/formular", get(draft::start).post(draft::step)),
        (
            "/avtal/ny/dokument",
            get(from_document::form).post(from_document::upload),
        ),
        ("/avtal/ny/dokument/{id}", get(from_document::review)),
        ("/avtal/{id}", get(agreements::show)),
        ("/avtal/{id}/fil", get(agreements::download)),
        #[cfg(feature = "pdf")]
        ("/avtal/{id}/pdf", get(agreements::pdf)),
        ("/avtal/{id}/status", post(agreements::set_status)),
        ("/avtal/{id}/publicering", post(agreements::set_published)),
        ("/avtal/{id}/andra", get(edit::form).post(edit::submit)),
        ("/avtal/{id}/formular", get(draft::edit)),
        ("/avtal/{id}/kalender.ics", get(calendar::ics)),
        ("/avtal/{id}/berakna", get(records::calculator)),
        (
            "/avtal/{id}/uppfoljning/{kind}",
            get(records::form).post(records::submit),
        ),
        (
            "/avtal/{id}/uppsagning",
            get(records::notice_form).post(records::notice_submit),
        ),
        ("/filer/{id}", get(agreements::file)),
        ("/konto", get(settings::show)),
        ("/konto/kalendrar", post(settings::create)),
        ("/konto/kalendrar/{id}/aterkalla", post(settings::revoke)),
        (
            "/konto/paminnelser",
            get(reminders::settings).post(reminders::save),
        ),
        // One-click unsubscribe (RFC 8058): the secret in the mail is the
        // credential; a GET only shows the button.
        (
            "/paminnelser/avsluta/{secret}",
            get(reminders::unsubscribe_form).post(reminders::unsubscribe),
        ),
        ("/admin/paminnelser", get(reminders::outbox)),
        // A calendar subscription, `{secret}.ics`: no sign-in, the secret is
        // the credential (the router cannot match a suffix after a parameter).
        ("/kalender/{file}", get(calendar::feed)),
        ("/register", get(public::register)),
        ("/tillganglighet", get(public::accessibility)),
    ]
}

/// The stylesheet and the script: the same for everyone, so served without
/// looking up who asks (a page load does not cost three session lookups).
const ASSETS: &[(&str, &str, &str)] = &[
    (
        "/static/iop.css",
        "text/css; charset=utf-8",
        include_str!("../../static/iop.css"),
    ),
    (
        "/static/iop.js",
        "text/javascript; charset=utf-8",
        include_str!("../../static/iop.js"),
    ),
];

/// The page routes (everything outside `/api`).
pub(crate) fn routes() -> Router<AppState> {
    table()
        .into_iter()
        .fold(Router::new(), |router, (path, handlers)| {
            router.route(path, handlers)
        })
        .layer(middleware::from_fn(show_problems))
        .layer(middleware::from_fn(remember_language))
}

/// The static files, embedded, cached for a year.
pub(crate) fn assets() -> Router<AppState> {
    ASSETS
        .iter()
        .fold(Router::new(), |router, (path, kind, body)| {
            router.route(
                path,
                get(move || async move {
                    (
                        [
                            (header::CONTENT_TYPE, *kind),
                            (header::CACHE_CONTROL, "public, max-age=31536000, immutable"),
                        ],
                        *body,
                    )
                        .into_response()
                }),
            )
        })
}

/// The path of every page and static file (their methods come from the router).
pub fn page_routes() -> Vec<&'static str> {
    table()
        .into_iter()
        .map(|(path, _)| path)
        .chain(ASSETS.iter().map(|(path, _, _)| *path))
        .collect()
}

/// The language asked for in the query (`?lang=en`), if any.
fn query_lang(query: Option<&str>) -> Option<Lang> {
    query?
        .split('&')
        .filter_map(|pair| pair.split_once('='))
        .find(|(k, _)| *k == "lang")
        .and_then(|(_, v)| parse_lang(v))
}

fn parse_lang(v: &str) -> Option<Lang> {
    match v {
        "sv" => Some(Lang::Sv),
        "en" => Some(Lang::En),
        _ => None,
    }
}

/// `?lang=` sets a cookie so the choice holds on the next pages.
async fn remember_language(req: Request, next: Next) -> Response {
    let chosen = query_lang(req.uri().query());
    let mut response = next.run(req).await;
    if let Some(lang) = chosen {
        let cookie = format!(
            "lang={}; Path=/; SameSite=Lax; Max-Age=31536000",
            lang.tag()
        );
        if let Ok(value) = HeaderValue::from_str(&cookie) {
            response.headers_mut().append(header::SET_COOKIE, value);
        }
    }
    response
}

/// What every page handler knows about the request: the language, the
/// path, who is asking and their session's CSRF token for forms.
#[derive(Debug, Clone)]
pub(crate) struct Ctx {
    pub lang: Lang,
    pub path: String,
    pub caller: app::Caller,
    pub csrf: String,
}

impl<S: Send + Sync> FromRequestParts<S> for Ctx {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        let from_cookie = parts
            .headers
            .get_all(header::COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(';'))
            .filter_map(|c| c.trim().split_once('='))
            .find(|(k, _)| *k == "lang")
            .and_then(|(_, v)| parse_lang(v));
        let lang = query_lang(parts.uri.query())
            .or(from_cookie)
            .unwrap_or_default();
        let authn = parts.extensions.get::<crate::auth::Authn>();
        Ok(Ctx {
            lang,
            path: parts.uri.path().to_owned(),
            caller: authn.map_or_else(app::Caller::anonymous, |a| a.caller.clone()),
            csrf: authn
                .and_then(|a| a.session.as_ref())
                .map(|s| s.csrf_token.clone())
                .unwrap_or_default(),
        })
    }
}

impl Ctx {
    pub fn t(&self, key: &str) -> String {
        locale::text(self.lang, key, &[])
    }

    pub fn ta(&self, key: &str, args: &[(&str, &str)]) -> String {
        locale::text(self.lang, key, args)
    }

    /// The layout's context for a page titled `title`.
    pub fn base(&self, title: String, nav: &'static str) -> Base {
        Base {
            lang: self.lang,
            title,
            csrf_token: self.csrf.clone(),
            user: self.caller.display_name().map(str::to_owned),
            audit: self.caller.read_audit().is_ok(),
            outbox: self.caller.read_administration().is_ok(),
            create: self.caller.create_agreements().is_ok(),
            path: self.path.clone(),
            nav,
            errors: false,
        }
    }
}

/// The layout: what every page's frame needs.
#[derive(Debug, Clone)]
pub(crate) struct Base {
    pub lang: Lang,
    pub title: String,
    /// Put into every form posted; the server refuses a post without it.
    pub csrf_token: String,
    /// The caller may browse the audit log (a link in the navigation).
    pub audit: bool,
    /// The caller administers iop: the reminder outbox is in the navigation.
    pub outbox: bool,
    /// The caller may create agreements (an official).
    pub create: bool,
    /// The signed-in person's display name.
    pub user: Option<String>,
    pub path: String,
    /// Which item of the main navigation is current.
    pub nav: &'static str,
    /// The page shows a form with errors: the title starts "Fel: ".
    pub errors: bool,
}

impl Base {
    pub fn t(&self, key: &str) -> String {
        locale::text(self.lang, key, &[])
    }

    pub fn tag(&self) -> &'static str {
        self.lang.tag()
    }

    /// The other language: its tag and its name in itself.
    pub fn other_tag(&self) -> &'static str {
        match self.lang {
            Lang::Sv => "en",
            Lang::En => "sv",
        }
    }

    pub fn other_name(&self) -> &'static str {
        match self.lang {
            Lang::Sv => "English",
            Lang::En => "Svenska",
        }
    }

    pub fn full_title(&self) -> String {
        let prefix = if self.errors {
            locale::text(self.lang, "ui-error-prefix", &[])
        } else {
            String::new()
        };
        format!(
            "{prefix}{} – {}",
            self.title,
            locale::text(self.lang, "ui-site-name", &[])
        )
    }

    pub fn current(&self, nav: &str) -> bool {
        self.nav == nav
    }
}

/// Render a template, or a plain error page when the template fails.
pub(crate) fn render<T: Template>(page: &T) -> Response {
    render_status(StatusCode::OK, page)
}

pub(crate) fn render_status<T: Template>(status: StatusCode, page: &T) -> Response {
    match page.render() {
        Ok(html) => (status, Html(html)).into_response(),
        Err(e) => {
            tracing::error!(error = %e, "template failed");
            (StatusCode::INTERNAL_SERVER_ERROR, "template error").into_response()
        }
    }
}

#[derive(Template)]
#[template(path = "message.html")]
pub(crate) struct MessagePage {
    pub base: Base,
    pub heading: String,
    pub body: String,
}

/// Why a page handler stopped: the application refused or failed. Handlers
/// return it with `?`; [`show_problems`] turns it into the page that says
/// so in the reader's language (it knows the request, the handler's error
/// does not need to).
#[derive(Debug)]
pub(crate) struct PageError(app::AppError);

/// What a page handler answers.
pub(crate) type PageResult = Result<Response, PageError>;

impl From<app::AppError> for PageError {
    fn from(error: app::AppError) -> Self {
        PageError(error)
    }
}

/// The failure riding on a response until [`show_problems`] renders it.
#[derive(Clone)]
struct Failure(std::sync::Arc<app::AppError>);

impl IntoResponse for PageError {
    fn into_response(self) -> Response {
        let mut response = StatusCode::INTERNAL_SERVER_ERROR.into_response();
        response
            .extensions_mut()
            .insert(Failure(std::sync::Arc::new(self.0)));
        response
    }
}

/// Render a handler's [`PageError`] as the page for its request.
async fn show_problems(req: Request, next: Next) -> Response {
    let (mut parts, body) = req.into_parts();
    let Ok(ctx) = Ctx::from_request_parts(&mut parts, &()).await;
    let mut response = next.run(Request::from_parts(parts, body)).await;
    match response.extensions_mut().remove::<Failure>() {
        Some(Failure(error)) => problem(&ctx, &error),
        None => response,
    }
}

/// A page that says what went wrong, in the reader's language.
pub(crate) fn problem(ctx: &Ctx, error: &app::AppError) -> Response {
    let (status, key) = match error {
        // Not signed in: to the sign-in page, and back here afterwards.
        app::AppError::Unauthenticated => {
            let next = fmt::path_encode(&ctx.path);
            return redirect(&format!("/logga-in?next={next}")).into_response();
        }
        app::AppError::NotFound => (StatusCode::NOT_FOUND, "ui-not-found"),
        app::AppError::Forbidden(_) => (StatusCode::FORBIDDEN, "ui-forbidden"),
        _ => (StatusCode::INTERNAL_SERVER_ERROR, "ui-server-error"),
    };
    if status == StatusCode::INTERNAL_SERVER_ERROR {
        tracing::error!(%error, "page failed");
    }
    let page = MessagePage {
        base: ctx.base(ctx.t(key), ""),
        heading: ctx.t(key),
        body: ctx.t(&format!("{key}-body")),
    };
    render_status(status, &page)
}

/// The page for a request refused as malformed (e.g. a control character).
pub(crate) fn bad_request(ctx: &Ctx) -> Response {
    let page = MessagePage {
        base: ctx.base(ctx.t("ui-bad-request"), ""),
        heading: ctx.t("ui-bad-request"),
        body: ctx.t("ui-bad-request-body"),
    };
    render_status(StatusCode::BAD_REQUEST, &page)
}

/// A redirect (303) to a local path, with the path percent-encoded for
/// the `Location` header.
pub(crate) fn redirect(path: &str) -> axum::response::Redirect {
    axum::response::Redirect::to(&fmt::location(path))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The kinds of record with a form of their own.
    const FORM_KINDS: &[&str] = &[
        "payment",
        "report",
        "meeting",
        "decision",
        "extension",
        "outcome",
    ];

    /// Keys built from a value: each prefix with every value it takes.
    const FAMILIES: &[(&str, &[&str])] = &[
        (
            "ui-month-",
            &[
                "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12",
            ],
        ),
        ("ui-status-", &agreements::STATUSES),
        (
            "ui-state-",
            &[
                "upcoming",
                "due",
                "overdue",
                "met",
                "passed",
                "not-in-force",
            ],
        ),
        (
            "ui-kind-",
            &[
                "activity-plan",
                "annual-report",
                "financial-report",
                "joint-report",
                "evaluation",
                "end-of-period-report",
                "compilation",
                "status-report",
                "meeting",
                "extension-decision",
                "invoice",
                "term-end",
                "notice-deadline",
            ],
        ),
        (
            "ui-outcome-",
            &["approved", "rejected", "referred-back", "tabled"],
        ),
        (
            "ui-record-",
            &[
                "decision",
                "signature",
                "payment",
                "invoice",
                "report",
                "meeting",
                "notice",
                "extension",
                "outcome",
            ],
        ),
        (
            "ui-record-state-",
            &[
                "decided",
                "signed",
                "paid",
                "planned",
                "sent",
                "received",
                "approved",
                "returned",
                "held",
                "given",
                "exercised",
                "reported",
            ],
        ),
        ("ui-change-", &["created", "edited", "amended", "status"]),
        (
            "ui-ground-",
            &[
                "convenience",
                "breach",
                "insolvency",
                "mismanagement",
                "changed-circumstances",
            ],
        ),
        ("ui-form-heading-", FORM_KINDS),
        ("ui-form-intro-", FORM_KINDS),
        ("ui-length-", &["days", "weeks", "months", "years"]),
        ("ui-draft-section-", &draft::SLUGS),
        ("ui-draft-intro-", &draft::SLUGS),
        (
            "ui-draft-group-",
            &[
                "party",
                "activity",
                "line",
                "contribution",
                "body",
                "report",
            ],
        ),
    ];

    /// Every `ui-…` key written as a literal in the page code or templates.
    fn written_keys() -> std::collections::BTreeSet<String> {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut keys = std::collections::BTreeSet::new();
        for dir in ["src/pages", "templates"] {
            for entry in std::fs::read_dir(root.join(dir)).unwrap().flatten() {
                let text = std::fs::read_to_string(entry.path()).unwrap();
                for part in text.split('"').skip(1).step_by(2) {
                    if part.starts_with("ui-")
                        && !part.ends_with('-')
                        && part
                            .chars()
                            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
                    {
                        keys.insert(part.to_owned());
                    }
                }
            }
        }
        keys
    }

    /// Every `ui-…` key written in the page code or templates, and every key
    /// built from a value, exists in Swedish and in English.
    #[test]
    fn every_page_string_exists_in_both_languages() {
        let mut keys = written_keys();
        for (prefix, names) in FAMILIES {
            for name in *names {
                keys.insert(format!("{prefix}{name}"));
            }
        }
        for key in draft::field_keys() {
            keys.insert(key);
        }
        for key in [
            "ui-not-found-body",
            "ui-server-error-body",
            "ui-forbidden-body",
        ] {
            keys.insert(key.to_owned());
        }
        assert!(keys.len() > 300, "only {} keys found", keys.len());
        let mut missing = Vec::new();
        for key in &keys {
            for lang in [Lang::Sv, Lang::En] {
                let args = [
                    ("n", "2"),
                    ("count", "2"),
                    ("amount", "1 kr"),
                    ("date", "1 maj 2026"),
                    ("key", "k"),
                    ("name", "f"),
                    ("times", "2"),
                    ("length", "2 år"),
                    ("line", "1"),
                    ("page", "1"),
                    ("col", "1"),
                    ("message", "m"),
                    ("year", "2026"),
                    ("years", "4"),
                    ("total", "4 kr"),
                ];
                if locale::text(lang, key, &args) == *key {
                    missing.push(format!("{key} ({})", lang.tag()));
                }
            }
        }
        assert!(missing.is_empty(), "missing strings: {missing:?}");
    }
}
