//! The account page (`/konto`): the signed-in user's calendar
//! subscriptions, with a new one's address shown once, copied with a button
//! (or selected by hand without the script), and revoked with a form.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::IntoResponse;
use serde::Deserialize;

use super::{Base, Ctx, PageResult, render, render_status};
use crate::AppState;

/// A subscription as the page lists it.
pub(crate) struct FeedRow {
    pub id: String,
    pub name: String,
    pub created: String,
    pub state: String,
    pub live: bool,
}

/// A new subscription's address, for calendar programs (`webcal://`) and
/// for those that ask for a web address (Google Calendar's "From URL").
pub(crate) struct FeedAddress {
    pub webcal: String,
    pub https: String,
}

#[derive(Template)]
#[template(path = "account.html")]
pub(crate) struct AccountPage {
    pub base: Base,
    pub feeds: Vec<FeedRow>,
    pub created: Option<FeedAddress>,
    pub saved: Option<String>,
    /// What is wrong with the name given for a new subscription.
    pub error: Option<String>,
    pub name: String,
}

/// The host the browser reached this server at, when it is a plain host
/// name or address with an optional port (anything else is not echoed).
fn request_host(headers: &HeaderMap) -> String {
    headers
        .get(header::HOST)
        .and_then(|v| v.to_str().ok())
        .filter(|h| {
            !h.is_empty()
                && h.len() <= 255
                && h.chars()
                    .all(|c| c.is_ascii_alphanumeric() || ".-:[]".contains(c))
        })
        .unwrap_or("localhost")
        .to_owned()
}

/// A subscription's addresses: on this host, in the page's language.
pub(crate) fn feed_address(
    headers: &HeaderMap,
    secure: bool,
    secret: &str,
    lang: locale::Lang,
) -> FeedAddress {
    let host = request_host(headers);
    let query = match lang {
        locale::Lang::Sv => "",
        locale::Lang::En => "?lang=en",
    };
    let path = format!("{host}/kalender/{secret}.ics{query}");
    FeedAddress {
        webcal: format!("webcal://{path}"),
        https: format!("{}://{path}", if secure { "https" } else { "http" }),
    }
}

async fn page(state: &AppState, ctx: &Ctx) -> Result<AccountPage, app::AppError> {
    let me = ctx.caller.read_own_account()?;
    let feeds = state
        .app
        .calendar_feeds(&me)
        .await?
        .into_iter()
        .map(|f| FeedRow {
            state: match &f.revoked_at {
                None => ctx.t("ui-feeds-live"),
                Some(at) => ctx.ta("ui-feeds-revoked", &[("date", &day(ctx, at))]),
            },
            live: f.revoked_at.is_none(),
            created: day(ctx, &f.created_at),
            id: f.id,
            name: f.name,
        })
        .collect();
    Ok(AccountPage {
        base: ctx.base(ctx.t("ui-account-title"), "account"),
        feeds,
        created: None,
        saved: None,
        error: None,
        name: String::new(),
    })
}

/// The day of a stored timestamp, in words.
fn day(ctx: &Ctx, stamp: &str) -> String {
    stamp
        .get(..10)
        .map_or_else(|| stamp.to_owned(), |iso| super::fmt::prose(ctx.lang, iso))
}

pub(crate) async fn show(State(state): State<AppState>, ctx: Ctx) -> PageResult {
    Ok(render(&page(&state, &ctx).await?))
}

#[derive(Debug, Deserialize)]
pub(crate) struct NewFeedForm {
    #[serde(default)]
    name: String,
}

pub(crate) async fn create(
    State(state): State<AppState>,
    ctx: Ctx,
    headers: HeaderMap,
    axum::Form(form): axum::Form<NewFeedForm>,
) -> PageResult {
    let me = ctx.caller.own_account()?;
    match state
        .app
        .create_calendar_feed(&me, &form.name, state.now())
        .await
    {
        Ok((view, secret)) => {
            let mut p = page(&state, &ctx).await?;
            p.created = Some(feed_address(
                &headers,
                state.secure_cookies,
                &secret,
                ctx.lang,
            ));
            p.saved = Some(ctx.ta("ui-feeds-saved", &[("name", &view.name)]));
            Ok(render(&p))
        }
        Err(app::AppError::Field { message, .. }) => {
            let mut p = page(&state, &ctx).await?;
            p.base.errors = true;
            p.error = Some(message.text(ctx.lang));
            p.name = form.name;
            Ok(render_status(StatusCode::UNPROCESSABLE_ENTITY, &p))
        }
        Err(e) => Err(e.into()),
    }
}

pub(crate) async fn revoke(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
) -> PageResult {
    let me = ctx.caller.own_account()?;
    state
        .app
        .revoke_calendar_feed(&me, &id, state.now())
        .await?;
    Ok(super::redirect("/konto#kalendrar").into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_feed_address_names_only_a_plain_host() {
        let mut headers = HeaderMap::new();
        headers.insert(header::HOST, "iop.example.se:8443".parse().unwrap());
        let a = feed_address(&headers, true, "ab12", locale::Lang::En);
        assert_eq!(
            a.webcal,
            "webcal://iop.example.se:8443/kalender/ab12.ics?lang=en"
        );
        assert_eq!(
            a.https,
            "https://iop.example.se:8443/kalender/ab12.ics?lang=en"
        );
        headers.insert(header::HOST, "evil.example/\"x".parse().unwrap());
        let a = feed_address(&headers, false, "ab12", locale::Lang::Sv);
        assert_eq!(a.https, "http://localhost/kalender/ab12.ics");
    }
}
