//! An agreement's duties as a calendar file (iCalendar, RFC 5545): one
//! all-day event per duty, with the sentence of the agreement it comes from.
//! Written by `locale::ical`, as `iop calendar` is, so a calendar that
//! imports both sees one event per duty.

use axum::extract::{Path, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use locale::ical::{self, Duty, Feed, Shape};

use super::agreements::clause_quote;
use super::{Ctx, fmt, problem};
use crate::AppState;

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
    let duties = obligations
        .iter()
        .filter_map(|o| {
            let due = o.due.parse::<domain::value::Date>().ok()?;
            let mut description = format!("{} – {}", a.title, fmt::date_prose(ctx.lang, due));
            if let Some((section, quote)) = clause_quote(a, &o.clause) {
                description.push_str(&format!("\n{section}: \"{quote}\""));
            }
            Some(Duty {
                uid: ical::uid(&o.agreement, &o.key),
                summary: format!("{}: {}", fmt::obligation_kind(ctx.lang, &o.kind), o.title),
                description,
                due,
                shape: Shape::Day,
            })
        })
        .collect();
    let feed = Feed {
        name: Some(a.title.clone()),
        stamp: state.now(),
        duties,
    };
    (
        [
            (
                header::CONTENT_TYPE,
                "text/calendar; charset=utf-8".to_owned(),
            ),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{id}.ics\""),
            ),
        ],
        feed.write(),
    )
        .into_response()
}
