//! Input refused before any handler sees it: control characters in the
//! path, the query or a text body. PostgreSQL cannot store a NUL, and a
//! control character must never reach a header such as `Location`.

use axum::body::Body;
use axum::extract::{FromRequestParts, Request};
use axum::http::StatusCode;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::Problem;

/// Refuse a request whose path, query or text body holds a control
/// character: 400, as problem+json for the API and as the error page for
/// pages. Bodies keep tab, newline and carriage return (long texts);
/// uploaded files are not texts and pass untouched.
pub(crate) async fn refuse_control_characters(req: Request, next: Next) -> Response {
    let uri = req.uri();
    let in_address = percent_decoded_control(uri.path().as_bytes())
        || uri
            .query()
            .is_some_and(|q| percent_decoded_control(q.as_bytes()));
    if in_address {
        return refuse(req, "The address holds a control character.").await;
    }
    if !is_text_body(&req) {
        return next.run(req).await;
    }
    let form = req
        .headers()
        .get(axum::http::header::CONTENT_TYPE)
        .is_some_and(|v| {
            v.as_bytes()
                .starts_with(b"application/x-www-form-urlencoded")
        });
    let (parts, body) = req.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, app::MAX_UPLOAD_BYTES).await else {
        return StatusCode::PAYLOAD_TOO_LARGE.into_response();
    };
    let req = Request::from_parts(parts, Body::from(bytes.clone()));
    if body_control(&bytes, form) {
        return refuse(req, "The body holds a control character.").await;
    }
    next.run(req).await
}

/// A body that is text: everything but an uploaded file (a multipart form,
/// the API's file route, or a document to import).
fn is_text_body(req: &Request) -> bool {
    let multipart = req
        .headers()
        .get(axum::http::header::CONTENT_TYPE)
        .is_some_and(|v| v.as_bytes().starts_with(b"multipart/"));
    let path = req.uri().path();
    !multipart && !path.ends_with("/files") && path != "/api/v1/imports"
}

async fn refuse(req: Request, detail: &str) -> Response {
    if req.uri().path().starts_with("/api/") {
        return Problem::bad_request("control-character", detail).into_response();
    }
    let (mut parts, _) = req.into_parts();
    let Ok(ctx) = crate::pages::Ctx::from_request_parts(&mut parts, &()).await;
    crate::pages::bad_request(&ctx)
}

/// A control character other than tab, newline and carriage return.
fn forbidden_in_text(b: u32) -> bool {
    (b < 0x20 && !matches!(b, 0x09 | 0x0a | 0x0d)) || b == 0x7f
}

/// Whether a percent-encoded path or query decodes to any control character.
fn percent_decoded_control(text: &[u8]) -> bool {
    percent_encoding::percent_decode(text).any(|b| b < 0x20 || b == 0x7f)
}

fn hex(digits: &[u8]) -> Option<u8> {
    u8::from_str_radix(std::str::from_utf8(digits).ok()?, 16).ok()
}

/// Whether a text body holds a forbidden control character: raw, or
/// percent-encoded in a `form`, or escaped in JSON and TOML (`\u0000`,
/// `\U00000000`).
fn body_control(body: &[u8], form: bool) -> bool {
    let mut i = 0;
    while i < body.len() {
        let code = match body[i] {
            b'%' if form => body.get(i + 1..i + 3).and_then(hex).map(u32::from),
            b'\\' if !form => {
                // An escape: its character is skipped, a \u or \U read.
                let width = match body.get(i + 1) {
                    Some(b'u') => 4,
                    Some(b'U') => 8,
                    _ => 0,
                };
                let code = body
                    .get(i + 2..i + 2 + width)
                    .filter(|_| width > 0)
                    .and_then(|d| u32::from_str_radix(std::str::from_utf8(d).ok()?, 16).ok());
                i += 1;
                code
            }
            b => Some(u32::from(b)),
        };
        if code.is_some_and(forbidden_in_text) {
            return true;
        }
        i += 1;
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_with_control_characters_are_found() {
        assert!(percent_decoded_control(b"/avtal/vi%00ses"));
        assert!(percent_decoded_control(b"q=%09"));
        assert!(percent_decoded_control(b"q=%7f"));
        assert!(!percent_decoded_control(b"q=%25%20%C3%A5"));
        assert!(!percent_decoded_control(b"q=%"));
    }

    #[test]
    fn bodies_keep_tab_and_newline() {
        assert!(!body_control(
            b"{\"a\": \"one\\ttwo\\nthree\\r\"}\n\t",
            false
        ));
        assert!(!body_control(b"text = \"\"\"\n\ta\\\\u0000\"\"\"", false));
        assert!(!body_control(b"a=1%0A2%09", true));
        assert!(!body_control(b"{\"a\": \"5%01\"}", false));
        assert!(body_control(b"{\"a\": \"\\u0000\"}", false));
        assert!(body_control(b"a = \"\\U0000001b\"", false));
        assert!(body_control(b"username=an%00na", true));
        assert!(body_control(b"a\x00", false));
    }
}
