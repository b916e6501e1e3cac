//! Duties as calendars (iCalendar, RFC 5545): an agreement's duties as a
//! file to download, and a user's subscription (`/kalender/{secret}.ics`),
//! the duties they get reminders for across all their agreements. One
//! all-day event per duty, with the sentence of the agreement it comes from.
//! Written by `locale::ical`, as `iop calendar` is, and each duty keeps the
//! same UID in both, so a calendar that has both sees one event per duty.

use std::collections::HashMap;

use axum::extract::{Path, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use domain::Agreement;
use locale::Lang;
use locale::ical::{self, Duty, Feed, Shape};

use super::agreements::{clause_quote, date_notes};
use super::{Ctx, fmt, problem};
use crate::AppState;

/// How often a subscribed calendar is fetched again, in hours.
const REFRESH_HOURS: u16 = 1;

/// Where each duty's date comes from when it is not the clause's own words
/// (moved off a holiday, iop's reading), by duty key: the calendar says it
/// as the agreement's page does.
type DateNotes = HashMap<String, Vec<String>>;

fn notes_by_key(ctx: &Ctx, a: &Agreement) -> DateNotes {
    let options = domain::rules::obligations::ObligationOptions::default();
    domain::rules::obligations::obligations(a, options)
        .map(|list| {
            list.iter()
                .map(|o| (o.key(), date_notes(ctx, o)))
                .filter(|(_, notes)| !notes.is_empty())
                .collect()
        })
        .unwrap_or_default()
}

/// One duty as a calendar event. A met duty says so first in its summary
/// (an event has no "completed" in RFC 5545). In a feed of many
/// agreements (`named`) the summary also names the agreement.
fn duty(
    lang: Lang,
    a: &Agreement,
    o: &app::ObligationView,
    named: bool,
    notes: &DateNotes,
) -> Option<Duty> {
    let due = o.due.parse::<domain::value::Date>().ok()?;
    let mut description = format!("{} – {}", a.title, fmt::date_prose(lang, due));
    for note in notes.get(&o.key).into_iter().flatten() {
        description.push_str(&format!("\n{note}"));
    }
    if let Some((section, quote)) = clause_quote(a, &o.clause) {
        description.push_str(&format!("\n{section}: \"{quote}\""));
    }
    let (lead, title) = fmt::obligation_lead(lang, &o.kind, &o.title);
    let mut summary = format!("{lead}{title}");
    if named {
        let name = a.short_name.as_deref().unwrap_or(&a.title);
        summary = format!("{name} – {summary}");
    }
    let done = o.state == app::ObligationState::Met;
    if done {
        summary = format!(
            "{} {summary}",
            locale::text(lang, "ui-feed-met-prefix", &[])
        );
    }
    Some(Duty {
        uid: ical::uid(&o.agreement, &o.key),
        summary,
        description,
        due,
        shape: Shape::Day,
        done,
    })
}

fn calendar_response(feed: &Feed, disposition: String) -> Response {
    (
        [
            (
                header::CONTENT_TYPE,
                "text/calendar; charset=utf-8".to_owned(),
            ),
            (header::CONTENT_DISPOSITION, disposition),
            // A subscription is fetched again; never served from a cache
            // between the client and here (its address is a secret).
            (header::CACHE_CONTROL, "private, no-cache".to_owned()),
        ],
        feed.write(),
    )
        .into_response()
}

pub(crate) async fn ics(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
) -> Response {
    let see = match state.app.see_agreement(&ctx.caller, &id).await {
        Ok(see) => see,
        Err(e) => return problem(&ctx, &e),
    };
    let view = match state.app.get(&see).await {
        Ok(v) => v,
        Err(e) => return problem(&ctx, &e),
    };
    let obligations = match state.app.obligations(&see, state.today()).await {
        Ok(v) => v,
        Err(e) => return problem(&ctx, &e),
    };
    let a = &view.agreement;
    let notes = notes_by_key(&ctx, a);
    let feed = Feed {
        name: Some(a.title.clone()),
        stamp: state.now(),
        refresh_hours: None,
        duties: obligations
            .iter()
            .filter_map(|o| duty(ctx.lang, a, o, false, &notes))
            .collect(),
    };
    calendar_response(&feed, format!("attachment; filename=\"{id}.ics\""))
}

/// The answer to an address that is no subscription: the same for a
/// malformed, an unknown and a revoked secret.
fn no_feed() -> Response {
    (
        StatusCode::NOT_FOUND,
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        "Not found\n",
    )
        .into_response()
}

/// A subscription: `/kalender/{secret}.ics`, no sign-in (the secret is
/// the credential). Swedish, or English with `?lang=en`.
pub(crate) async fn feed(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(file): Path<String>,
) -> Response {
    let Some(secret) = file.strip_suffix(".ics") else {
        return no_feed();
    };
    let parts = match state.app.calendar_feed(secret, state.today()).await {
        Ok(Some(parts)) => parts,
        Ok(None) => return no_feed(),
        Err(e) => {
            tracing::error!(error = %e, "calendar feed failed");
            return StatusCode::INTERNAL_SERVER_ERROR.into_response();
        }
    };
    let mut duties: Vec<Duty> = parts
        .iter()
        .flat_map(|p| {
            let notes = notes_by_key(&ctx, &p.agreement);
            p.obligations
                .iter()
                .filter_map(|o| duty(ctx.lang, &p.agreement, o, true, &notes))
                .collect::<Vec<_>>()
        })
        .collect();
    duties.sort_by(|a, b| (a.due, &a.uid).cmp(&(b.due, &b.uid)));
    let feed = Feed {
        name: Some(ctx.t("ui-feed-calendar-name")),
        stamp: state.now(),
        refresh_hours: Some(REFRESH_HOURS),
        duties,
    };
    calendar_response(&feed, "inline; filename=\"iop.ics\"".to_owned())
}
