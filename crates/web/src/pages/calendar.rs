//! An agreement's duties as a calendar file (iCalendar, RFC 5545): one
//! all-day event per duty, with the sentence of the agreement it comes from.
//! UIDs are the same as `iop calendar` gives, so a calendar that imports
//! both sees one event per duty.

use axum::extract::{Path, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};

use super::agreements::clause_quote;
use super::{Ctx, fmt, problem};
use crate::AppState;

/// Escape a text value (RFC 5545 3.3.11).
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}

/// Fold a content line at 75 octets, never inside a character.
fn fold(line: &str, out: &mut String) {
    let mut width = 0;
    for c in line.chars() {
        if width + c.len_utf8() > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += c.len_utf8();
    }
    out.push_str("\r\n");
}

fn compact(iso: &str) -> String {
    iso.replace('-', "")
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
    let duties = match state.app.obligations(&see, state.today()).await {
        Ok(v) => v,
        Err(e) => return problem(&ctx, &e),
    };
    let stamp = state.now().strftime("%Y%m%dT%H%M%SZ").to_string();
    let mut out = String::new();
    for line in [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//iop//IOP//SV",
        "CALSCALE:GREGORIAN",
    ] {
        fold(line, &mut out);
    }
    fold(
        &format!("X-WR-CALNAME:{}", escape(&view.agreement.title)),
        &mut out,
    );
    for o in duties {
        let Ok(due) = o.due.parse::<domain::value::Date>() else {
            continue;
        };
        let Ok(next) = due.get().tomorrow() else {
            continue;
        };
        let summary = format!("{}: {}", fmt::obligation_kind(ctx.lang, &o.kind), o.title);
        let mut description = format!(
            "{} – {}",
            view.agreement.title,
            fmt::date_prose(ctx.lang, due)
        );
        if let Some((section, quote)) = clause_quote(&view.agreement, &o.clause) {
            description.push_str(&format!("\n{section}: \"{quote}\""));
        }
        fold("BEGIN:VEVENT", &mut out);
        fold(&format!("UID:{}.{}@iop", o.agreement, o.key), &mut out);
        fold(&format!("DTSTAMP:{stamp}"), &mut out);
        fold(&format!("DTSTART;VALUE=DATE:{}", compact(&o.due)), &mut out);
        fold(
            &format!("DTEND;VALUE=DATE:{}", compact(&next.to_string())),
            &mut out,
        );
        fold(&format!("SUMMARY:{}", escape(&summary)), &mut out);
        fold(&format!("DESCRIPTION:{}", escape(&description)), &mut out);
        fold("TRANSP:TRANSPARENT", &mut out);
        fold("END:VEVENT", &mut out);
    }
    fold("END:VCALENDAR", &mut out);
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
        out,
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_lines_fold_between_characters() {
        let mut out = String::new();
        fold(&format!("SUMMARY:{}", "å".repeat(60)), &mut out);
        for line in out.split("\r\n") {
            assert!(line.len() <= 75, "{line}");
        }
        assert_eq!(
            out.replace("\r\n ", ""),
            format!("SUMMARY:{}\r\n", "å".repeat(60))
        );
        assert_eq!(escape("a;b,c\nd\\"), "a\\;b\\,c\\nd\\\\");
    }
}
