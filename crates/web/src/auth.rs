//! Who is asking, established once per request: an API token
//! (`Authorization: Bearer iop_…`), a session cookie, or nobody. Unsafe
//! methods are refused when they come from another origin, and, when the
//! session cookie is what authenticates them, without the session's CSRF
//! token. Every response carries the security headers.

use app::Caller;
use axum::body::Body;
use axum::extract::{FromRequestParts, Request, State};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::AppState;
use crate::problem::Problem;

/// The session cookie's name.
pub const SESSION_COOKIE: &str = "iop_session";
/// Where a client puts the CSRF token: this header, a `csrf_token` query
/// parameter (multipart forms), or a `csrf_token` form field.
pub const CSRF_HEADER: &str = "x-csrf-token";
pub const CSRF_FIELD: &str = "csrf_token";

/// The caller of this request, and their session when a cookie was used.
#[derive(Debug, Clone)]
pub struct Authn {
    pub caller: Caller,
    pub session: Option<SessionCookie>,
    /// The session cookie the browser sent, live or not: ended at sign-in,
    /// so a planted id never becomes a signed-in session.
    pub presented: Option<String>,
}

#[derive(Debug, Clone)]
pub struct SessionCookie {
    pub token: String,
    pub csrf_token: String,
}

impl Authn {
    fn anonymous(presented: Option<String>) -> Authn {
        Authn {
            caller: Caller::anonymous(),
            session: None,
            presented,
        }
    }
}

/// Extractor: the caller (anonymous if nothing authenticated the request).
#[derive(Debug, Clone)]
pub struct Who(pub Caller);

impl<S: Send + Sync> FromRequestParts<S> for Who {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(Who(parts
            .extensions
            .get::<Authn>()
            .map_or_else(Caller::anonymous, |a| a.caller.clone())))
    }
}

impl<S: Send + Sync> FromRequestParts<S> for Authn {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(parts
            .extensions
            .get::<Authn>()
            .cloned()
            .unwrap_or_else(|| Authn::anonymous(None)))
    }
}

/// The value of one cookie.
pub fn cookie(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.trim().to_owned())
        .filter(|v| !v.is_empty() && v.len() <= 200)
}

fn bearer(headers: &HeaderMap) -> Option<Option<String>> {
    let value = headers.get(header::AUTHORIZATION)?;
    Some(
        value
            .to_str()
            .ok()
            .and_then(|v| v.strip_prefix("Bearer "))
            .map(|t| t.trim().to_owned())
            .filter(|t| !t.is_empty() && t.len() <= 200),
    )
}

fn is_unsafe(method: &Method) -> bool {
    !matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS)
}

/// Whether `Origin` (when sent) names this server: its host and port must
/// be the `Host` the request was sent to.
fn same_origin(headers: &HeaderMap) -> bool {
    let Some(origin) = headers.get(header::ORIGIN) else {
        return true;
    };
    let (Ok(origin), Some(host)) = (
        origin.to_str(),
        headers.get(header::HOST).and_then(|h| h.to_str().ok()),
    ) else {
        return false;
    };
    origin
        .split_once("://")
        .is_some_and(|(scheme, rest)| matches!(scheme, "http" | "https") && rest == host)
}

fn refuse(kind: &str, detail: &str) -> Response {
    Problem::new(StatusCode::FORBIDDEN, kind, detail).into_response()
}

/// The CSRF token the request carries: header, query parameter, or (for a
/// URL-encoded form) body field. The body is read and put back.
async fn csrf_token_of(req: Request) -> Result<(Option<String>, Request), Response> {
    let headers = req.headers();
    if let Some(t) = headers.get(CSRF_HEADER).and_then(|v| v.to_str().ok()) {
        let t = t.to_owned();
        return Ok((Some(t), req));
    }
    if let Some(query) = req.uri().query()
        && let Ok(pairs) = serde_urlencoded::from_str::<Vec<(String, String)>>(query)
        && let Some((_, t)) = pairs.into_iter().find(|(k, _)| k == CSRF_FIELD)
    {
        return Ok((Some(t), req));
    }
    let is_form = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/x-www-form-urlencoded"));
    if !is_form {
        return Ok((None, req));
    }
    let (parts, body) = req.into_parts();
    let bytes = axum::body::to_bytes(body, crate::MAX_BODY_BYTES)
        .await
        .map_err(|_| {
            Problem::new(
                StatusCode::PAYLOAD_TOO_LARGE,
                "too-large",
                format!(
                    "The body is larger than {} KiB.",
                    crate::MAX_BODY_BYTES / 1024
                ),
            )
            .into_response()
        })?;
    let token = serde_urlencoded::from_bytes::<Vec<(String, String)>>(&bytes)
        .ok()
        .and_then(|pairs| pairs.into_iter().find(|(k, _)| k == CSRF_FIELD))
        .map(|(_, v)| v);
    Ok((token, Request::from_parts(parts, Body::from(bytes))))
}

/// Middleware: authenticate, then guard unsafe methods.
pub async fn authenticate(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let now = state.now();
    let headers = req.headers();
    let presented = cookie(headers, SESSION_COOKIE);
    let authn = match bearer(headers) {
        Some(Some(token)) => match state.app.token_caller(&token, now).await {
            Ok(Some(caller)) => Authn {
                caller,
                session: None,
                presented: None,
            },
            Ok(None) => {
                return Problem::from(app::AppError::Unauthenticated).into_response();
            }
            Err(e) => return Problem::from(e).into_response(),
        },
        Some(None) => {
            return Problem::bad_request(
                "authorization",
                "Authorization must be \"Bearer\" followed by an API token.",
            )
            .into_response();
        }
        None => match &presented {
            Some(token) => match state.app.session(token, now).await {
                Ok(Some(live)) => Authn {
                    caller: live.caller,
                    session: Some(SessionCookie {
                        token: token.clone(),
                        csrf_token: live.csrf_token,
                    }),
                    presented: presented.clone(),
                },
                Ok(None) => Authn::anonymous(presented.clone()),
                Err(e) => return Problem::from(e).into_response(),
            },
            None => Authn::anonymous(None),
        },
    };
    let mut req = req;
    if is_unsafe(req.method()) {
        if !same_origin(req.headers()) {
            return refuse(
                "cross-origin",
                "The request comes from another site (Origin does not match Host).",
            );
        }
        if let Some(session) = &authn.session {
            let (token, rebuilt) = match csrf_token_of(req).await {
                Ok(found) => found,
                Err(response) => return response,
            };
            req = rebuilt;
            if !token.is_some_and(|t| app::same_secret(&t, &session.csrf_token)) {
                return refuse(
                    "csrf",
                    "The CSRF token is missing or wrong: send the session's token in X-CSRF-Token or the csrf_token field.",
                );
            }
        }
    }
    req.extensions_mut().insert(authn);
    next.run(req).await
}

/// The `Set-Cookie` value for a session.
pub fn session_cookie(token: &str, secure: bool) -> String {
    let max_age = app::SESSION_MAX.as_secs();
    let secure = if secure { "; Secure" } else { "" };
    format!("{SESSION_COOKIE}={token}; Path=/; HttpOnly; SameSite=Lax; Max-Age={max_age}{secure}")
}

/// The `Set-Cookie` value that removes the session cookie.
pub fn cleared_cookie(secure: bool) -> String {
    let secure = if secure { "; Secure" } else { "" };
    format!("{SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0{secure}")
}

/// The Content Security Policy: our own scripts, styles and images only; no
/// inline code, no framing, forms post only here.
pub const CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
     font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; \
     frame-ancestors 'none'";

/// Middleware: security headers on every response.
pub async fn security_headers(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let mut response = next.run(req).await;
    let h = response.headers_mut();
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(CSP),
    );
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("same-origin"),
    );
    h.insert(
        "cross-origin-opener-policy",
        HeaderValue::from_static("same-origin"),
    );
    h.insert(
        "permissions-policy",
        HeaderValue::from_static("camera=(), microphone=(), geolocation=()"),
    );
    if state.secure_cookies {
        h.insert(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=31536000"),
        );
    }
    // Responses for a signed-in person are not for shared caches.
    if !h.contains_key(header::CACHE_CONTROL) {
        h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.append(*k, HeaderValue::from_static(v));
        }
        h
    }

    #[test]
    fn origin_must_match_host() {
        assert!(same_origin(&headers(&[("host", "iop.example")])));
        assert!(same_origin(&headers(&[
            ("host", "iop.example:8080"),
            ("origin", "https://iop.example:8080")
        ])));
        assert!(!same_origin(&headers(&[
            ("host", "iop.example"),
            ("origin", "https://evil.example")
        ])));
        assert!(!same_origin(&headers(&[
            ("host", "iop.example"),
            ("origin", "null")
        ])));
    }

    #[test]
    fn cookies_are_found_by_name() {
        let h = headers(&[("cookie", "lang=en; iop_session=abc123")]);
        assert_eq!(cookie(&h, SESSION_COOKIE).as_deref(), Some("abc123"));
        assert_eq!(cookie(&h, "other"), None);
    }
}
