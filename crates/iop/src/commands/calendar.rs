//! `iop calendar FILE... [-o FILE.ics]`: the deadlines as iCalendar (RFC 5545).
//!
//! Each deadline is a VTODO with DUE; a meeting or report window is a VTODO
//! from its first day (DTSTART) to its last (DUE); the term's end is an
//! all-day VEVENT. Reminders 14 days and 1 day before. UIDs are built from the
//! agreement, the clause and the period, so the same file gives the same UIDs
//! every time and a subscribed calendar updates instead of duplicating.

use std::path::Path;

use domain::Agreement;
use domain::rules::obligations::{Obligation, ObligationKind, ObligationOptions, obligations};
use domain::value::Date;
use icalendar::{Alarm, Calendar, Component, Event, EventLike, Property, Related, Todo};
use locale::Lang;

use super::obligations::{responsible, title};
use super::{Failure, emit, load, one_line, prose_date, t, weekday};
use crate::cli::CalendarArgs;

pub fn run(args: &CalendarArgs, lang: Lang, now: jiff::Timestamp) -> Result<(), Failure> {
    let mut agreements = Vec::new();
    for file in &args.files {
        agreements.push(load(file, lang)?);
    }
    let mut cal = Calendar::new();
    match agreements.as_slice() {
        [(_, a)] => cal.name(&t(lang, "calendar-name", &[("title", &a.title)])),
        _ => cal.name("IOP"),
    };
    let stamp = now.strftime("%Y%m%dT%H%M%SZ").to_string();
    let mut count = 0usize;
    for (path, a) in &agreements {
        let list = obligations(a, ObligationOptions::default())
            .map_err(|_| Failure::new(1, t(lang, "error-no-term", &[("path", path)])))?;
        for o in &list {
            cal.push(component(o, a, lang, &stamp));
            count += 1;
        }
    }
    let text = cal.done().to_string();
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

fn ics_date(d: Date) -> String {
    d.get().strftime("%Y%m%d").to_string()
}

fn date_property(name: &str, d: Date) -> Property {
    let mut p = Property::new(name, ics_date(d));
    p.add_parameter("VALUE", "DATE");
    p
}

/// A UID that stays the same for the same duty of the same agreement.
fn uid(o: &Obligation<'_>) -> String {
    format!("{}.{}@iop", o.agreement, o.key())
}

fn description(o: &Obligation<'_>, a: &Agreement, lang: Lang) -> String {
    let mut lines = Vec::new();
    if let Some(from) = o.moved_from {
        lines.push(t(
            lang,
            "obligation-moved",
            &[
                ("weekday", &weekday(from, lang)),
                ("date", &prose_date(from, lang)),
            ],
        ));
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

fn component(
    o: &Obligation<'_>,
    a: &Agreement,
    lang: Lang,
    stamp: &str,
) -> icalendar::CalendarComponent {
    let summary = title(o, lang);
    let description = description(o, a, lang);
    if o.kind == ObligationKind::TermEnd {
        let mut event = Event::new();
        event
            .uid(&uid(o))
            .summary(&summary)
            .description(&description)
            .add_property("DTSTAMP", stamp)
            .append_property(date_property("DTSTART", o.due));
        if let Some(next) = domain::rules::calendar::next_day(o.due) {
            event.append_property(date_property("DTEND", next));
        }
        return event.done().into();
    }
    let mut todo = Todo::new();
    todo.uid(&uid(o))
        .summary(&summary)
        .description(&description)
        .add_property("DTSTAMP", stamp)
        .append_property(date_property("DUE", o.due));
    if let Some(start) = o.window_start {
        todo.append_property(date_property("DTSTART", start));
    }
    for days in [14, 1] {
        // The library would give each alarm a random UID (RFC 9074 allows one)
        // and the current time: set both, so the output is stable.
        let mut alarm = Alarm::display(&summary, (-chrono::Duration::days(days), Related::End));
        alarm
            .uid(&uid(o).replace("@iop", &format!(".alarm-{days}d@iop")))
            .add_property("DTSTAMP", stamp);
        todo.alarm(alarm);
    }
    todo.done().into()
}
