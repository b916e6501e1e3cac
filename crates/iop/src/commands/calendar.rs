//! `iop calendar FILE... [-o FILE.ics]`: the deadlines as iCalendar (RFC 5545).
//!
//! Each deadline is a VTODO with DUE; a meeting or report window is a VTODO
//! from its first day (DTSTART) to its last (DUE); the term's end is an
//! all-day VEVENT. Reminders 14 days and 1 day before. UIDs are built from the
//! agreement, the clause and the period, so the same file gives the same UIDs
//! every time and a subscribed calendar updates instead of duplicating; the
//! agreement page's calendar file is written by the same `locale::ical`.

use std::path::Path;

use domain::Agreement;
use domain::rules::obligations::{Obligation, ObligationKind, ObligationOptions, obligations};
use locale::Lang;
use locale::ical::{self, Duty, Feed, Shape};
use locale::present;

use super::obligations::{responsible, title};
use super::{Failure, emit, load, one_line, t};
use crate::cli::CalendarArgs;

/// Reminders before each deadline, in days.
const REMINDERS: [u16; 2] = [14, 1];

pub fn run(args: &CalendarArgs, lang: Lang, now: jiff::Timestamp) -> Result<(), Failure> {
    let mut agreements = Vec::new();
    for file in &args.files {
        agreements.push(load(file, lang)?);
    }
    let name = match agreements.as_slice() {
        [(_, a)] => t(lang, "calendar-name", &[("title", &a.title)]),
        _ => "IOP".to_owned(),
    };
    let mut duties = Vec::new();
    for (path, a) in &agreements {
        let list = obligations(a, ObligationOptions::default())
            .map_err(|_| Failure::new(1, t(lang, "error-no-term", &[("path", path)])))?;
        duties.extend(list.iter().map(|o| duty(o, a, lang)));
    }
    let count = duties.len();
    let text = Feed {
        name: Some(name),
        stamp: now,
        refresh_hours: None,
        duties,
    }
    .write();
    match &args.output {
        Some(path) => {
            write_atomically(path, &text).map_err(|e| {
                let (shown, detail) = (path.display().to_string(), e.to_string());
                Failure::new(
                    2,
                    t(
                        lang,
                        "error-write",
                        &[("path", &shown), ("detail", &detail)],
                    ),
                )
            })?;
            let shown = path.display().to_string();
            eprintln!(
                "{}",
                t(
                    lang,
                    "calendar-written",
                    &[("count", &count.to_string()), ("path", &shown)]
                )
            );
        }
        None => emit(&text)?,
    }
    Ok(())
}

/// Write via a temporary file in the same directory, so a reader never sees half a file.
fn write_atomically(path: &Path, text: &str) -> std::io::Result<()> {
    let tmp = path.with_extension("ics.tmp");
    std::fs::write(&tmp, text)?;
    std::fs::rename(&tmp, path)
}

fn description(o: &Obligation<'_>, a: &Agreement, lang: Lang) -> String {
    let mut lines = Vec::new();
    if let Some(from) = o.moved_from {
        lines.push(present::moved_from(lang, from));
    }
    if o.default_date {
        lines.push(t(lang, "calendar-default-date", &[]));
    }
    lines.push(format!(
        "{}: {}",
        t(lang, "obligation-responsible", &[]),
        responsible(o, a)
    ));
    if let Some(to) = o.to {
        lines.push(format!("{}: {to}", t(lang, "obligation-to", &[])));
    }
    let quote = one_line(o.clause.quote);
    lines.push(format!(
        "{} ({}): \"{quote}\"",
        o.clause.section, o.clause.id
    ));
    lines.join("\n")
}

/// The term's end is a day in the calendar; every other duty is a to-do.
fn duty(o: &Obligation<'_>, a: &Agreement, lang: Lang) -> Duty {
    let shape = if o.kind == ObligationKind::TermEnd {
        Shape::Day
    } else {
        Shape::Task {
            start: o.window_start,
            reminders: REMINDERS.to_vec(),
        }
    };
    Duty {
        uid: ical::uid(o.agreement.as_str(), &o.key()),
        summary: title(o, lang),
        description: description(o, a, lang),
        due: o.due,
        shape,
        // A file of the agreement alone knows nothing of what was recorded.
        done: false,
    }
}
