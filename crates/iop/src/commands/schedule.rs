//! `iop schedule FILE`: money per calendar year.

use std::fmt::Write as _;

use domain::Agreement;
use domain::rules::obligations::{ExtensionDeadline, extension_deadline};
use domain::rules::schedule::{Schedule, ScheduleError, ScheduleOptions, Transfer, Year, schedule};
use locale::Lang;
use locale::present::{money, money_at_most};
use serde_json::{Value, json};

use super::{Failure, SCHEDULE_NEEDS, decimal, emit, load_for, right, t};
use crate::cli::{Format, ScheduleArgs};

pub fn run(args: &ScheduleArgs, lang: Lang) -> Result<(), Failure> {
    let (path, a) = load_for(&args.file, lang, SCHEDULE_NEEDS)?;
    let fail = |e: ScheduleError| Failure::new(1, error_text(&e, &path, lang));
    if args.alternative.as_deref() == Some("all") {
        let alternatives = &a
            .financing
            .as_ref()
            .map(|f| f.alternatives.as_slice())
            .unwrap_or_default();
        if alternatives.is_empty() {
            return Err(Failure::new(
                1,
                t(lang, "error-no-alternatives", &[("path", &path)]),
            ));
        }
        let mut all = Vec::new();
        for alt in alternatives.iter() {
            let options = ScheduleOptions {
                extensions: args.extend,
                alternative: Some(alt.id.as_str()),
            };
            all.push((alt, schedule(&a, options).map_err(fail)?));
        }
        match args.format {
            Format::Json => {
                let items: Vec<Value> = all
                    .iter()
                    .map(|(alt, s)| json!({ "id": alt.id, "name": alt.name, "proposed": alt.proposed, "schedule": to_json(s) }))
                    .collect();
                emit(&format!("{}\n", json!({ "alternatives": items })))?;
            }
            Format::Text => emit(&compare_text(&all, lang))?,
        }
        return Ok(());
    }
    let options = ScheduleOptions {
        extensions: args.extend,
        alternative: args.alternative.as_deref(),
    };
    let s = schedule(&a, options).map_err(fail)?;
    match args.format {
        Format::Json => {
            let mut json = to_json(&s);
            json["extension_decision"] = extension_json(&a);
            emit(&format!("{json}\n"))?;
        }
        Format::Text => {
            let mut out = String::new();
            if let Some(id) = &args.alternative
                && let Some(alt) = a
                    .financing
                    .as_ref()
                    .and_then(|f| f.alternatives.iter().find(|x| x.id.as_str() == id))
            {
                let _ = writeln!(
                    out,
                    "{}",
                    t(lang, "schedule-alternative", &[("name", &alt.name)])
                );
            }
            out.push_str(&text(&a, &s, lang));
            emit(&out)?;
        }
    }
    Ok(())
}

pub fn error_text(e: &ScheduleError, path: &str, lang: Lang) -> String {
    match e {
        ScheduleError::NoTerm => t(lang, "error-no-term", &[("path", path)]),
        ScheduleError::NoFinancing => t(lang, "error-no-financing", &[("path", path)]),
        ScheduleError::NoAmounts => t(lang, "error-no-amounts", &[("path", path)]),
        ScheduleError::UnknownAlternative { asked, known } => {
            let known = if known.is_empty() {
                "–".to_owned()
            } else {
                known.join(", ") + ", all"
            };
            t(
                lang,
                "error-unknown-alternative",
                &[("path", path), ("asked", asked), ("known", &known)],
            )
        }
        ScheduleError::NoExtensionOption => t(lang, "error-no-extension", &[("path", path)]),
        ScheduleError::TooManyExtensions { asked, allowed } => t(
            lang,
            "error-too-many-extensions",
            &[
                ("path", path),
                ("asked", &asked.to_string()),
                ("allowed", &allowed.to_string()),
            ],
        ),
        ScheduleError::NoExtensionLength => t(lang, "error-no-extension-length", &[("path", path)]),
        ScheduleError::Overflow => t(lang, "error-overflow", &[("path", path)]),
    }
}

/// The JSON shape of the issue: amounts as kronor strings with two decimals.
pub fn to_json(s: &Schedule<'_>) -> Value {
    let opt = |m: Option<domain::value::Money>| m.map(decimal);
    let years: Vec<Value> = s
        .years
        .iter()
        .map(|y| {
            json!({
                "year": y.year,
                "months": y.months,
                "total": decimal(y.total),
                "total_at_most": y.at_most,
                "lines": y.lines.iter().map(|l| json!({ "id": l.id, "name": l.name, "amount": decimal(l.amount) })).collect::<Vec<_>>(),
                "parties": y.parties.iter().map(|p| json!({
                    "party": p.party, "name": p.name, "cash": opt(p.cash), "in_kind": opt(p.in_kind), "in_kind_at_least": p.at_least,
                    "cash_ceiling": opt(p.cash_ceiling),
                })).collect::<Vec<_>>(),
            })
        })
        .collect();
    let transfers = |list: &[domain::rules::schedule::Transfer<'_>]| {
        list.iter()
            .map(|x| json!({ "date": x.date, "due": x.due, "moved_from": x.moved_from, "from": x.from, "to": x.to, "amount": decimal(x.amount), "default_date": x.default_date, "clause": x.clause }))
            .collect::<Vec<_>>()
    };
    let appendices: Vec<Value> = s
        .appendices
        .iter()
        .map(|ap| json!({ "id": ap.id, "number": ap.number, "title": ap.title, "schedule": ap.schedule.as_ref().map(|s| to_json(s)) }))
        .collect();
    json!({
        "start": s.start,
        "end": s.end,
        "years": years,
        "payments": transfers(&s.payments),
        "invoices": transfers(&s.invoices),
        "ceilings": s.ceilings.iter().map(|c| json!({ "year": c.year, "from": c.from, "to": c.to, "amount": decimal(c.amount), "clause": c.clause })).collect::<Vec<_>>(),
        "appendices": appendices,
        "total": decimal(s.total),
        "total_at_most": s.at_most,
    })
}

fn name_of<'a>(a: &'a Agreement, id: &'a domain::value::Id) -> &'a str {
    a.parties
        .iter()
        .find(|p| &p.id == id)
        .map_or(id.as_str(), |p| p.name.as_str())
}

/// Figures are right-aligned in columns this wide.
const WIDTH: usize = 16;

/// The schedule as tables, per year.
pub fn text(a: &Agreement, s: &Schedule<'_>, lang: Lang) -> String {
    let mut out = String::new();
    let (from, to) = (s.start.to_string(), s.end.to_string());
    let _ = writeln!(
        out,
        "{}\n{}\n",
        a.title,
        t(lang, "schedule-heading", &[("from", &from), ("to", &to)])
    );
    for y in &s.years {
        year_text(&mut out, y, lang);
    }
    transfers_text(&mut out, a, "schedule-payments", &s.payments, lang);
    transfers_text(&mut out, a, "schedule-invoices", &s.invoices, lang);
    extension_text(&mut out, a, lang);
    for ap in &s.appendices {
        let heading = t(
            lang,
            "schedule-appendix",
            &[("number", &ap.number.to_string()), ("title", ap.title)],
        );
        let amount = match &ap.schedule {
            Some(sub) => money_at_most(lang, sub.total, sub.at_most),
            None => t(lang, "schedule-appendix-unknown", &[]),
        };
        let _ = writeln!(out, "{heading}: {amount}");
    }
    let total = money_at_most(lang, s.total, s.at_most);
    if s.at_most {
        let _ = writeln!(out, "{}", t(lang, "schedule-ceilings-note", &[]));
    }
    let _ = writeln!(
        out,
        "{}",
        t(
            lang,
            "schedule-total",
            &[("from", &from), ("to", &to), ("amount", &total)]
        )
    );
    out
}

/// One calendar year: its budget lines, each party's part, the sum.
fn year_text(out: &mut String, y: &Year<'_>, lang: Lang) {
    let mut heading = t(lang, "schedule-year", &[("year", &y.year.to_string())]);
    if y.months < 12 {
        heading.push(' ');
        heading.push_str(&t(
            lang,
            "schedule-part-year",
            &[("months", &y.months.to_string())],
        ));
    }
    let _ = writeln!(out, "{heading}");
    if !y.lines.is_empty() {
        let _ = writeln!(out, "  {}", t(lang, "schedule-lines", &[]));
        let name_width = y
            .lines
            .iter()
            .map(|l| l.name.chars().count())
            .max()
            .unwrap_or(0)
            .max(10);
        for l in &y.lines {
            let _ = writeln!(
                out,
                "    {:<name_width$} {}",
                l.name,
                right(&money(l.amount), WIDTH)
            );
        }
    }
    let _ = writeln!(out, "  {}", t(lang, "schedule-parties", &[]));
    let (cash_word, kind_word) = (
        t(lang, "schedule-cash", &[]),
        t(lang, "schedule-in-kind", &[]),
    );
    for p in &y.parties {
        let amount = |m: Option<domain::value::Money>, at_least: bool| match m {
            Some(m) if at_least => {
                format!("{} {}", t(lang, "schedule-at-least", &[]), money(m))
            }
            Some(m) => money(m),
            None => t(lang, "schedule-not-stated", &[]),
        };
        let mut parts = Vec::new();
        if p.cash.is_some() || p.in_kind.is_none() {
            let cash = match p.cash {
                Some(m) => money_at_most(lang, m, p.cash_at_most()),
                None => amount(None, false),
            };
            parts.push(format!("{cash_word} {cash}"));
        }
        if p.in_kind.is_some() || p.cash.is_none() {
            parts.push(format!("{kind_word} {}", amount(p.in_kind, p.at_least)));
        }
        let _ = writeln!(out, "    {}: {}", p.name, parts.join(", "));
    }
    let _ = writeln!(
        out,
        "  {}: {}\n",
        t(lang, "schedule-line-total", &[]),
        money_at_most(lang, y.total, y.at_most)
    );
}

/// Payments or invoices, dated, from whom to whom; nothing when none.
fn transfers_text(out: &mut String, a: &Agreement, key: &str, list: &[Transfer<'_>], lang: Lang) {
    if list.is_empty() {
        return;
    }
    let _ = writeln!(out, "{}", t(lang, key, &[]));
    for x in list {
        let mut notes = String::new();
        if x.default_date {
            let _ = write!(notes, " ({})", t(lang, "schedule-default-date", &[]));
        }
        // The due day, as `obligations` shows it, with the move explained.
        if let Some(from) = x.moved_from {
            let _ = write!(notes, " ({})", locale::present::moved_from(lang, from));
        }
        let _ = writeln!(
            out,
            "  {}  {} → {}  {}{notes}",
            x.due,
            name_of(a, x.from),
            name_of(a, x.to),
            right(&money(x.amount), WIDTH)
        );
    }
    out.push('\n');
}

/// The last day to decide on an extension of the agreed term, the day
/// `iop obligations` gives it (moved to a working day), or nothing without
/// an extension clause.
fn term_extension_deadline(a: &Agreement) -> Option<ExtensionDeadline> {
    extension_deadline(a, a.term.as_ref()?.end)
}

fn extension_json(a: &Agreement) -> Value {
    term_extension_deadline(a).map_or(
        Value::Null,
        |d| json!({ "due": d.due, "moved_from": d.moved_from, "default_date": d.reading }),
    )
}

/// "Sista dag att besluta om förlängning: 2024-01-02 (flyttad från …)".
fn extension_text(out: &mut String, a: &Agreement, lang: Lang) {
    let Some(d) = term_extension_deadline(a) else {
        return;
    };
    let mut notes = String::new();
    if let Some(from) = d.moved_from {
        let _ = write!(notes, " ({})", locale::present::moved_from(lang, from));
    }
    if d.reading {
        let _ = write!(notes, " ({})", t(lang, "schedule-default-date", &[]));
    }
    let _ = writeln!(
        out,
        "{}: {}{notes}\n",
        t(lang, "obligation-extension-decision", &[]),
        d.due
    );
}

/// Year totals of every alternative side by side, columns headed by the
/// alternatives' ids, their names listed below.
fn compare_text(all: &[(&domain::model::FundingAlternative, Schedule<'_>)], lang: Lang) -> String {
    let mut out = format!("{}\n", t(lang, "schedule-compare", &[]));
    // Wide enough for every id and every total ("högst 4 600 000 kr").
    let width = all
        .iter()
        .flat_map(|(alt, s)| {
            let total = money_at_most(lang, s.total, s.at_most);
            [alt.id.as_str().chars().count(), total.chars().count()]
        })
        .max()
        .unwrap_or(0)
        .max(14);
    let _ = write!(out, "{:<8}", "");
    for (alt, _) in all {
        let _ = write!(out, " {}", right(alt.id.as_str(), width));
    }
    out.push('\n');
    let years: Vec<i16> = all
        .first()
        .map(|(_, s)| s.years.iter().map(|y| y.year).collect())
        .unwrap_or_default();
    for (i, year) in years.iter().enumerate() {
        let _ = write!(out, "{year:<8}");
        for (_, s) in all {
            let amount = s
                .years
                .get(i)
                .map(|y| money_at_most(lang, y.total, y.at_most))
                .unwrap_or_default();
            let _ = write!(out, " {}", right(&amount, width));
        }
        out.push('\n');
    }
    let _ = write!(out, "{:<8}", t(lang, "schedule-compare-total", &[]));
    for (_, s) in all {
        let total = money_at_most(lang, s.total, s.at_most);
        let _ = write!(out, " {}", right(&total, width));
    }
    out.push_str("\n\n");
    for (alt, _) in all {
        let _ = writeln!(out, "{}: {}", alt.id, alt.name);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use domain::rules::schedule::{ScheduleOptions, schedule};

    /// Seed 000 with the region paying 420 kr per occupied place and night,
    /// at most 1 150 000 kr a year: every sum says "högst", and the ceiling
    /// is no payment.
    #[test]
    fn a_ceiling_reads_at_most_and_is_no_payment() {
        let a = domain::generate::night_shelter().unwrap();
        let s = schedule(&a, ScheduleOptions::default()).unwrap();
        let out = text(&a, &s, Lang::Sv);
        assert!(
            out.contains("Region Gotland: kontant högst 1 150 000 kr"),
            "{out}"
        );
        assert!(out.contains("Summa: högst 1 150 000 kr"), "{out}");
        assert!(out.contains("högst 4 600 000 kr"), "{out}");
        let json = to_json(&s);
        assert_eq!(json["payments"], serde_json::json!([]));
        assert_eq!(json["ceilings"].as_array().unwrap().len(), 4);
        assert_eq!(json["total_at_most"], true);
    }

    /// Compared side by side, an alternative whose money is a ceiling says
    /// "högst" in every year and in its total (4 × 1 150 000 = 4 600 000).
    #[test]
    fn a_compared_ceiling_reads_at_most() {
        let a = domain::generate::night_shelter().unwrap();
        let f = a.financing.as_ref().unwrap();
        let alt = domain::model::FundingAlternative {
            id: "natt".parse().unwrap(),
            name: "Per natt".into(),
            description: None,
            section: None,
            quote: None,
            proposed: true,
            total_per_year: None,
            contributions: f.contributions.clone(),
            budget_lines: Vec::new(),
        };
        let s = schedule(&a, ScheduleOptions::default()).unwrap();
        let out = compare_text(&[(&alt, s)], Lang::Sv);
        assert!(out.contains("2025     högst 1 150 000 kr"), "{out}");
        assert!(out.contains("högst 4 600 000 kr"), "{out}");
    }
}
