//! Signing in and out, and the audit log for those who may read it.

use askama::Template;
use axum::extract::{Query, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

use super::{Base, Ctx, PageResult, render, render_status};
use crate::AppState;
use crate::auth::{Authn, cleared_cookie, session_cookie};
use crate::client::ClientAddress;

#[derive(Template)]
#[template(path = "login.html")]
pub(crate) struct LoginPage {
    pub base: Base,
    pub username: String,
    pub next: String,
    /// What went wrong, shown in the error summary and at the field.
    pub error: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
pub(crate) struct NextQuery {
    next: Option<String>,
}

/// Only a path on this site may be where sign-in leads (no open redirect).
/// Browsers drop tabs and newlines and read `\\` as `/` (URL standard), so
/// a `next` holding any control character or backslash is refused whole.
fn local_path(next: Option<&str>) -> String {
    match next {
        Some(p)
            if p.starts_with('/')
                && !p.starts_with("//")
                && !p.chars().any(|c| c == '\\' || c.is_control()) =>
        {
            p.to_owned()
        }
        _ => "/".to_owned(),
    }
}

fn login_page(ctx: &Ctx, username: &str, next: &str, error: Option<String>) -> LoginPage {
    let mut base = ctx.base(ctx.t("ui-login-title"), "");
    base.errors = error.is_some();
    LoginPage {
        base,
        username: username.to_owned(),
        next: next.to_owned(),
        error,
    }
}

pub(crate) async fn login_form(ctx: Ctx, Query(q): Query<NextQuery>) -> Response {
    render(&login_page(&ctx, "", &local_path(q.next.as_deref()), None))
}

#[derive(Debug, Deserialize)]
pub(crate) struct LoginForm {
    #[serde(default)]
    username: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    next: Option<String>,
}

pub(crate) async fn login_submit(
    State(state): State<AppState>,
    ctx: Ctx,
    authn: Authn,
    ClientAddress(client): ClientAddress,
    axum::Form(form): axum::Form<LoginForm>,
) -> PageResult {
    let next = local_path(form.next.as_deref());
    if form.username.trim().is_empty() || form.password.is_empty() {
        let page = login_page(&ctx, &form.username, &next, Some(ctx.t("ui-login-missing")));
        return Ok(render_status(StatusCode::UNPROCESSABLE_ENTITY, &page));
    }
    let now = state.now();
    Ok(
        match state
            .app
            .sign_in(
                &form.username,
                &form.password,
                &client,
                authn.presented.as_deref(),
                now,
            )
            .await
        {
            Ok(session) => {
                let mut response = super::redirect(&next).into_response();
                if let Ok(v) =
                    HeaderValue::from_str(&session_cookie(&session.token, state.secure_cookies))
                {
                    response.headers_mut().append(header::SET_COOKIE, v);
                }
                response
            }
            Err(app::AppError::Unauthenticated) => {
                let page = login_page(&ctx, &form.username, &next, Some(ctx.t("ui-login-wrong")));
                render_status(StatusCode::UNAUTHORIZED, &page)
            }
            Err(app::AppError::Field { message, .. }) => {
                let message = Some(message.text(ctx.lang));
                let page = login_page(&ctx, "", &next, message);
                render_status(StatusCode::UNPROCESSABLE_ENTITY, &page)
            }
            Err(app::AppError::Throttled { retry_after }) => {
                let message = ctx.ta("ui-login-throttled", &[("n", &retry_after.to_string())]);
                let page = login_page(&ctx, &form.username, &next, Some(message));
                let mut response = render_status(StatusCode::TOO_MANY_REQUESTS, &page);
                response
                    .headers_mut()
                    .insert(header::RETRY_AFTER, HeaderValue::from(retry_after));
                response
            }
            Err(e) => return Err(e.into()),
        },
    )
}

pub(crate) async fn logout(State(state): State<AppState>, authn: Authn) -> PageResult {
    if let Some(session) = &authn.session {
        state
            .app
            .sign_out(&authn.caller, &session.token, state.now())
            .await?;
    }
    let mut response = super::redirect("/").into_response();
    if let Ok(v) = HeaderValue::from_str(&cleared_cookie(state.secure_cookies)) {
        response.headers_mut().append(header::SET_COOKIE, v);
    }
    Ok(response)
}

/// One event as the audit page shows it.
pub(crate) struct AuditRow {
    pub seq: i64,
    pub at: String,
    pub actor: String,
    pub entity: String,
    pub action: String,
    pub change: String,
    pub hash: String,
}

#[derive(Template)]
#[template(path = "audit.html")]
pub(crate) struct AuditPage {
    pub base: Base,
    pub rows: Vec<AuditRow>,
    /// Link to the next (older) page.
    pub older: Option<i64>,
}

#[derive(Debug, Default, Deserialize)]
pub(crate) struct AuditQuery {
    before: Option<i64>,
}

const AUDIT_PAGE: i64 = 100;

/// The audit log, newest first: all of it for administrators, their
/// organisations' agreements for readers.
pub(crate) async fn audit(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(q): Query<AuditQuery>,
) -> PageResult {
    let scope = ctx.caller.read_audit()?;
    let events = state.app.audit_events(&scope, q.before, AUDIT_PAGE).await?;
    let older = (events.len() as i64 == AUDIT_PAGE)
        .then(|| events.last().map(|e| e.seq))
        .flatten();
    let show =
        |v: &Option<serde_json::Value>| v.as_ref().map(|v| v.to_string()).unwrap_or_default();
    let rows = events
        .into_iter()
        .map(|e| AuditRow {
            seq: e.seq,
            at: e.at,
            actor: e.actor,
            entity: format!("{} {}", e.entity_kind, e.entity_id),
            action: e.action,
            change: match (show(&e.before), show(&e.after)) {
                (b, a) if b.is_empty() => a,
                (b, a) => format!("{b} → {a}"),
            },
            hash: e.hash.chars().take(12).collect(),
        })
        .collect();
    Ok(render(&AuditPage {
        base: ctx.base(ctx.t("ui-audit-title"), "audit"),
        rows,
        older,
    }))
}

#[cfg(test)]
mod tests {
    use super::local_path;
    use crate::pages::fmt::{location, path_encode, url_encode};

    #[test]
    fn the_way_back_after_signing_in_is_a_local_ascii_location() {
        assert_eq!(
            location("/avtal?q=Malmö stad"),
            "/avtal?q=Malm%C3%B6%20stad"
        );
        assert_eq!(location("/avtal?q=Malm%C3%B6"), "/avtal?q=Malm%C3%B6");
        assert_eq!(
            location("/avtal/malmö-barn-abc123?sparad=version"),
            "/avtal/malm%C3%B6-barn-abc123?sparad=version"
        );
        assert_eq!(path_encode("/avtal/malmö?x=1"), "/avtal/malm%C3%B6%3Fx%3D1");
        assert_eq!(url_encode("a b/å~"), "a%20b%2F%C3%A5~");
        assert_eq!(
            location("/avtal/skane-abc123#uppfoljning"),
            "/avtal/skane-abc123#uppfoljning"
        );
        for elsewhere in ["//evil.example", "https://evil.example", "/a\\b", "/a\nb"] {
            assert_eq!(local_path(Some(elsewhere)), "/", "{elsewhere}");
        }
    }
}
