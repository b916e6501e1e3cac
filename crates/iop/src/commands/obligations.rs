//! `iop obligations FILE...`: every dated duty, in date order.

use std::fmt::Write as _;

use domain::Agreement;
use domain::rules::obligations::{Obligation, ObligationError, ObligationOptions, obligations};
use locale::Lang;
use locale::present;
use serde_json::{Value, json};

use super::{Failure, OBLIGATIONS_NEEDS, decimal, emit, load_for, one_line, t};
use crate::cli::{Format, ObligationsArgs};

pub fn run(args: &ObligationsArgs, lang: Lang) -> Result<(), Failure> {
    let mut agreements = Vec::new();
    for file in &args.files {
        agreements.push(load_for(file, lang, OBLIGATIONS_NEEDS)?);
    }
    let options = ObligationOptions {
        from: args.from,
        to: args.to,
        exit_at: args.exit_at,
    };
    let mut all: Vec<Obligation<'_>> = Vec::new();
    for (path, a) in &agreements {
        let list = obligations(a, options).map_err(|e| match e {
            ObligationError::NoTerm => Failure::new(1, t(lang, "error-no-term", &[("path", path)])),
            // Not asked for here: obligations are counted without a cap.
            ObligationError::Overflow | ObligationError::TooMany => {
                Failure::new(1, t(lang, "error-overflow", &[("path", path)]))
            }
        })?;
        all.extend(list);
    }
    all.sort_by(|x, y| (x.due, x.agreement).cmp(&(y.due, y.agreement)));
    let find = |id: &domain::value::Id| agreements.iter().map(|(_, a)| a).find(|a| &a.id == id);
    match args.format {
        Format::Json => {
            let items: Vec<Value> = all
                .iter()
                .filter_map(|o| Some(item_json(o, find(o.agreement)?, lang)))
                .collect();
            emit(&format!("{}\n", Value::Array(items)))?;
        }
        Format::Text => {
            if all.is_empty() {
                emit(&format!("{}\n", t(lang, "obligation-none", &[])))?;
            }
            let many = agreements.len() > 1;
            for o in &all {
                if let Some(a) = find(o.agreement) {
                    emit(&item_text(o, a, many, lang))?;
                }
            }
        }
    }
    Ok(())
}

/// The title of a duty in plain language, starting with a capital letter.
pub fn title(o: &Obligation<'_>, lang: Lang) -> String {
    let text = raw_title(o, lang);
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => text,
    }
}

fn raw_title(o: &Obligation<'_>, lang: Lang) -> String {
    present::duty_title(lang, o.into(), |d| d.to_string())
}

fn moved_text(o: &Obligation<'_>, lang: Lang) -> Option<String> {
    o.moved_from.map(|from| present::moved_from(lang, from))
}

/// Who is responsible, in words: the named parties, or all of them.
pub fn responsible(o: &Obligation<'_>, a: &Agreement) -> String {
    if o.responsible.is_empty() {
        a.parties
            .iter()
            .map(|p| p.name.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    } else {
        o.responsible.join(", ")
    }
}

fn item_json(o: &Obligation<'_>, a: &Agreement, lang: Lang) -> Value {
    json!({
        "agreement": o.agreement,
        "due": o.due,
        "kind": o.kind,
        "title": title(o, lang),
        "responsible": responsible(o, a),
        "to": o.to,
        "clause": o.clause,
        "moved_from": o.moved_from,
        "moved_note": moved_text(o, lang),
        "window_start": o.window_start,
        "count": o.count,
        "year": o.year,
        "amount": o.amount.map(decimal),
        "default_date": o.default_date,
    })
}

fn item_text(o: &Obligation<'_>, a: &Agreement, show_agreement: bool, lang: Lang) -> String {
    let mut out = format!("{}  {}", o.due, title(o, lang));
    if let Some(moved) = moved_text(o, lang) {
        let _ = write!(out, " ({moved})");
    }
    if o.default_date {
        let _ = write!(out, " [{}]", t(lang, "schedule-default-date", &[]));
    }
    out.push('\n');
    if show_agreement {
        let _ = writeln!(out, "            {}", a.title);
    }
    let _ = writeln!(
        out,
        "            {}: {}",
        t(lang, "obligation-responsible", &[]),
        responsible(o, a)
    );
    if let Some(to) = o.to {
        let _ = writeln!(out, "            {}: {to}", t(lang, "obligation-to", &[]));
    }
    let quote = one_line(o.clause.quote);
    let _ = writeln!(
        out,
        "            {} ({}): \"{quote}\"",
        o.clause.section, o.clause.id
    );
    out
}
