//! What an agreement may ask for at most, so that no file can make the
//! checks, the schedule or a page do unbounded work: texts of a bounded
//! length, a term of at most 50 years and at most 5 000 dated duties. No
//! real IOP comes near any of them (the seeds: terms of one to four years,
//! a few dozen duties, sections of a few thousand characters).

use crate::Agreement;
use crate::diagnostic::{Diagnostic, FieldPath};
use crate::path;
use crate::rules::calendar;
use crate::rules::obligations::duty_count;
use crate::rules::schedule::{ScheduleOptions, schedule};
use crate::value::CalendarLength;

/// The longest title, in characters.
pub const MAX_TITLE_CHARS: usize = 500;
/// The longest heading of a text section, in characters.
pub const MAX_HEADING_CHARS: usize = 500;
/// The longest text of one section, in characters.
pub const MAX_SECTION_CHARS: usize = 50_000;
/// The longest term (and appendix period), in years.
pub const MAX_TERM_YEARS: u32 = 50;
/// The most dated duties (reports, meetings, invoices, deadlines) over the term.
pub const MAX_DUTIES: usize = 5_000;

/// Titles and section texts within their bounds.
pub(super) fn texts(a: &Agreement, out: &mut Vec<Diagnostic>) {
    let mut bound = |text: &str, max: usize, at: FieldPath| {
        let n = text.chars().count();
        if n > max {
            out.push(
                Diagnostic::error("text-long")
                    .arg("n", n)
                    .arg("max", max)
                    .at(at),
            );
        }
    };
    bound(&a.title, MAX_TITLE_CHARS, path!["title"]);
    for (i, s) in a.sections.iter().enumerate() {
        bound(
            &s.heading,
            MAX_HEADING_CHARS,
            path!["sections", i, "heading"],
        );
        bound(&s.text, MAX_SECTION_CHARS, path!["sections", i, "text"]);
    }
}

/// The term and each appendix period within [`MAX_TERM_YEARS`]; false
/// when one is not (then nothing is computed over it).
pub(super) fn periods(a: &Agreement, out: &mut Vec<Diagnostic>) -> bool {
    let periods = a.term.iter().map(|t| (t, path!["term", "end"])).chain(
        a.appendices.iter().enumerate().filter_map(|(i, ap)| {
            ap.period
                .as_ref()
                .map(|p| (p, path!["appendices", i, "period", "end"]))
        }),
    );
    let mut within = true;
    for (term, at) in periods {
        let latest = calendar::add(term.start, CalendarLength::years(MAX_TERM_YEARS));
        if latest.is_none_or(|latest| term.end >= latest) {
            within = false;
            out.push(
                Diagnostic::error("term-long")
                    .arg("start", term.start)
                    .arg("end", term.end)
                    .arg("max", MAX_TERM_YEARS)
                    .at(at),
            );
        }
    }
    within
}

/// At most [`MAX_DUTIES`] dated duties (counted no further than one more).
pub(super) fn duties(a: &Agreement, out: &mut Vec<Diagnostic>) {
    let money = schedule(a, ScheduleOptions::default()).ok();
    let counted = duty_count(a, money.as_ref(), MAX_DUTIES + 1).unwrap_or(0);
    if counted > MAX_DUTIES {
        out.push(
            Diagnostic::error("duties-many")
                .arg("max", MAX_DUTIES)
                .at(path!["reporting"]),
        );
    }
}
