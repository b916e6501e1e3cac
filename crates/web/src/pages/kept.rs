//! What an imported document says that the wizard's forms do not edit,
//! kept when the forms are saved as version 1.
//!
//! This lives beside the wizard (not in `domain`) because which fields the
//! forms cover, and how their rows line up with the document's lists, is
//! the wizard's knowledge; the function itself is pure. It needs no list
//! of covered fields: it compares what the forms showed with what the
//! official saved, so a field the forms cannot hold (one added to the
//! model later, too) is never dropped.

use domain::Agreement;
use domain::model::{Financing, TextSection};
use domain::value::Id;
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

/// Which row of the forms each element of one of the agreement's lists
/// came from: the draft's rows (the document's element of the same
/// index filled each row first) as shown, and as saved.
#[derive(Debug, Default, Clone)]
pub(crate) struct Rows {
    /// The rows the forms showed filled, in order: the shown agreement's
    /// element `k` came from row `shown[k]`.
    pub shown: Vec<usize>,
    /// The rows filled when saved: the saved agreement's element `k`
    /// came from row `saved[k]`.
    pub saved: Vec<usize>,
}

/// The rows of every list the forms edit row by row.
#[derive(Debug, Default, Clone)]
pub(crate) struct Origins {
    pub parties: Rows,
    pub activities: Rows,
    pub budget_lines: Rows,
    pub contributions: Rows,
    pub governance: Rows,
    pub reporting: Rows,
    pub appendices: Rows,
}

/// Version 1 of an imported document: the document's agreement, with what
/// the official changed in the forms.
///
/// `document` is the proposal, `shown` what the forms made of it before
/// any change (the wizard's draft of the proposal, composed), `saved` what
/// they make of the official's answers. The rule, field by field: a value
/// the official left as the forms showed it stays as the document has it
/// (the forms may not be able to hold it: a body's members, a cadence of
/// "every six weeks", the invoicing, the signatories); a value they
/// changed is theirs. Elements of the lists line up by the forms' rows
/// (see [`Origins`]); an element the official removed is removed, one the
/// forms never showed is kept, and one from the document keeps its id, so
/// what refers to it (invoicing, members, reports to a body) still does.
/// What referred to an element the official removed goes with it: it is
/// given back beside version 1, to be shown (see [`super::removed`]).
pub(crate) fn keep_what_the_forms_leave(
    document: &Agreement,
    shown: &Agreement,
    saved: &Agreement,
    origins: &Origins,
) -> (Agreement, super::removed::Pruned) {
    let shown = &with_document_party_ids(document, shown, &origins.parties.shown);
    let saved = &with_document_party_ids(document, saved, &origins.parties.saved);
    let mut out: Agreement = fields(document, shown, saved);
    // Each list the forms edit row by row, by its name in both.
    macro_rules! by_rows {
        ($($list:ident),*) => {$(
            out.$list = rows(&document.$list, &shown.$list, &saved.$list, &origins.$list);
        )*};
    }
    by_rows!(parties, activities, governance, reporting, appendices);
    // The forms show the first way to end the agreement.
    let first = |a: &Agreement| {
        if a.termination.is_empty() {
            vec![]
        } else {
            vec![0]
        }
    };
    out.termination = rows(
        &document.termination,
        &shown.termination,
        &saved.termination,
        &Rows {
            shown: first(shown),
            saved: first(saved),
        },
    );
    out.sections = sections(&document.sections, &shown.sections, &saved.sections);
    out.term = option(&document.term, &shown.term, &saved.term);
    out.extension = option(&document.extension, &shown.extension, &saved.extension);
    out.financing = financing(
        document.financing.as_ref(),
        shown.financing.as_ref(),
        saved.financing.as_ref(),
        origins,
    );
    let gone = super::removed::drop_what_went_with_removed_rows(document, &mut out);
    (out, gone)
}

/// The party ids the forms made (from the names) replaced by the
/// document's ids of the same rows (`rows`: the row of each party), where
/// the forms point at a party.
pub(crate) fn with_document_party_ids(
    document: &Agreement,
    a: &Agreement,
    rows: &[usize],
) -> Agreement {
    let ids: Vec<(Id, Id)> = a
        .parties
        .iter()
        .zip(rows)
        .filter_map(|(p, r)| Some((p.id.clone(), document.parties.get(*r)?.id.clone())))
        .collect();
    let of = |id: &mut Id| {
        if let Some((_, to)) = ids.iter().find(|(from, _)| from == id) {
            *id = to.clone();
        }
    };
    let mut a = a.clone();
    for p in &mut a.parties {
        of(&mut p.id);
    }
    if let Some(f) = &mut a.financing {
        for c in &mut f.contributions {
            of(&mut c.party);
        }
    }
    for x in &mut a.appendices {
        of(&mut x.party);
    }
    a
}

/// One value: the document's, each of its fields replaced by the saved
/// one where that differs from what the forms showed. A field of the
/// document absent from both the shown and the saved value stays.
fn fields<T: Serialize + DeserializeOwned + Clone>(document: &T, shown: &T, saved: &T) -> T {
    let object = |v: &T| match serde_json::to_value(v) {
        Ok(Value::Object(m)) => Some(m),
        _ => None,
    };
    let (Some(mut out), Some(shown_map), Some(saved_map)) =
        (object(document), object(shown), object(saved))
    else {
        return if shown_value_eq(shown, saved) {
            document.clone()
        } else {
            saved.clone()
        };
    };
    let keys: Vec<String> = shown_map.keys().chain(saved_map.keys()).cloned().collect();
    for key in keys {
        let (s, e) = (shown_map.get(&key), saved_map.get(&key));
        if s != e {
            match e {
                Some(v) => out.insert(key, v.clone()),
                None => out.remove(&key),
            };
        }
    }
    serde_json::from_value(Value::Object(out)).unwrap_or_else(|_| saved.clone())
}

fn shown_value_eq<T: Serialize>(a: &T, b: &T) -> bool {
    serde_json::to_value(a).ok() == serde_json::to_value(b).ok()
}

/// As [`fields`], keeping the document's id.
fn element<T: Serialize + DeserializeOwned + Clone>(document: &T, shown: &T, saved: &T) -> T {
    let merged = fields(document, shown, saved);
    let id = |v: &T| match serde_json::to_value(v) {
        Ok(Value::Object(m)) => m.get("id").cloned(),
        _ => None,
    };
    match (id(document), serde_json::to_value(&merged)) {
        (Some(id), Ok(Value::Object(mut m))) => {
            m.insert("id".into(), id);
            serde_json::from_value(Value::Object(m)).unwrap_or(merged)
        }
        _ => merged,
    }
}

/// An optional part: merged field by field when all three have it;
/// otherwise the document's unless the official added or removed it.
fn option<T: Serialize + DeserializeOwned + Clone + PartialEq>(
    document: &Option<T>,
    shown: &Option<T>,
    saved: &Option<T>,
) -> Option<T> {
    match (document, shown, saved) {
        (Some(d), Some(s), Some(e)) => Some(element(d, s, e)),
        _ if shown == saved => document.clone(),
        _ => saved.clone(),
    }
}

/// A list the forms edit row by row: each saved element merged with the
/// document's element of its row, new rows as saved, rows the official
/// emptied gone, and the document's elements the forms never showed kept.
fn rows<T: Serialize + DeserializeOwned + Clone>(
    document: &[T],
    shown: &[T],
    saved: &[T],
    rows: &Rows,
) -> Vec<T> {
    let mut out: Vec<T> = saved
        .iter()
        .enumerate()
        .map(|(k, e)| {
            let pair = rows.saved.get(k).and_then(|r| {
                let at = rows.shown.iter().position(|x| x == r)?;
                Some((document.get(*r)?, shown.get(at)?))
            });
            match pair {
                Some((d, s)) => element(d, s, e),
                None => e.clone(),
            }
        })
        .collect();
    out.extend(
        document
            .iter()
            .enumerate()
            .filter(|(r, _)| !rows.shown.contains(r))
            .map(|(_, d)| d.clone()),
    );
    out
}

/// The text sections: the document's, in its order, the one of each kind
/// the forms showed (the last with text) replaced by what was saved, and
/// sections of kinds the document lacked added.
fn sections(
    document: &[TextSection],
    shown: &[TextSection],
    saved: &[TextSection],
) -> Vec<TextSection> {
    let shown_from = |s: &TextSection| {
        document
            .iter()
            .rposition(|d| d.kind == s.kind && !d.text.trim().is_empty())
    };
    let mut out = Vec::new();
    for (j, d) in document.iter().enumerate() {
        match shown.iter().find(|s| shown_from(s) == Some(j)) {
            Some(s) => {
                if let Some(e) = saved.iter().find(|e| e.kind == s.kind) {
                    out.push(fields(d, s, e));
                }
            }
            None => out.push(d.clone()),
        }
    }
    out.extend(
        saved
            .iter()
            .filter(|e| !shown.iter().any(|s| s.kind == e.kind))
            .cloned(),
    );
    out
}

fn financing(
    document: Option<&Financing>,
    shown: Option<&Financing>,
    saved: Option<&Financing>,
    origins: &Origins,
) -> Option<Financing> {
    let (Some(d), Some(s), Some(e)) = (document, shown, saved) else {
        return option(&document.cloned(), &shown.cloned(), &saved.cloned());
    };
    let mut out = element(d, s, e);
    out.budget_lines = rows(
        &d.budget_lines,
        &s.budget_lines,
        &e.budget_lines,
        &origins.budget_lines,
    );
    out.contributions = rows(
        &d.contributions,
        &s.contributions,
        &e.contributions,
        &origins.contributions,
    );
    out.indexation = option(&d.indexation, &s.indexation, &e.indexation);
    Some(out)
}

/// A fact version 1 will hold that the official's answers do not: where
/// it is in the agreement (the path's parts) and its value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct KeptFact {
    /// The path's parts: keys, and list elements as (key, index, name).
    pub path: Vec<Step>,
    pub value: String,
}

/// One part of a fact's path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Step {
    Key(String),
    /// An element of a list: the list's key, its index, and its name
    /// ("name" or "title") when it has one.
    Item(String, usize, Option<String>),
}

/// Where a clause comes from in the document (its id, heading and words):
/// kept, but said once on the page rather than fact by fact.
const SOURCE_KEYS: [&str; 5] = ["id", "section", "quote", "heading", "format"];

/// The facts `kept` holds that `answers` does not: every value of `kept`
/// that differs from `answers` at the same place, the text sections and
/// notes aside (shown on their own).
pub(crate) fn kept_facts(kept: &Agreement, answers: &Agreement) -> Vec<KeptFact> {
    let (Ok(Value::Object(k)), Ok(a)) = (serde_json::to_value(kept), serde_json::to_value(answers))
    else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for (key, value) in &k {
        if ["sections", "notes"].contains(&key.as_str()) || SOURCE_KEYS.contains(&key.as_str()) {
            continue;
        }
        walk(
            value,
            a.get(key),
            &mut vec![Step::Key(key.clone())],
            &mut out,
        );
    }
    out
}

fn walk(kept: &Value, answer: Option<&Value>, path: &mut Vec<Step>, out: &mut Vec<KeptFact>) {
    if Some(kept) == answer {
        return;
    }
    match kept {
        Value::Object(m) => walk_object(m, answer, path, out),
        Value::Array(list) => {
            let Some(Step::Key(key)) = path.pop() else {
                return;
            };
            for (i, v) in list.iter().enumerate() {
                let name = ["name", "title"]
                    .iter()
                    .find_map(|n| v.get(n).and_then(Value::as_str))
                    .map(str::to_owned);
                path.push(Step::Item(key.clone(), i, name));
                walk(v, answer.and_then(|a| a.get(i)), path, out);
                path.pop();
            }
            path.push(Step::Key(key));
        }
        Value::Null => {}
        scalar => out.push(KeptFact {
            path: path.clone(),
            value: match scalar {
                Value::String(s) => s.clone(),
                other => other.to_string(),
            },
        }),
    }
}

fn walk_object(
    kept: &Map<String, Value>,
    answer: Option<&Value>,
    path: &mut Vec<Step>,
    out: &mut Vec<KeptFact>,
) {
    for (key, value) in kept {
        if SOURCE_KEYS.contains(&key.as_str()) {
            continue;
        }
        path.push(Step::Key(key.clone()));
        walk(value, answer.and_then(|a| a.get(key)), path, out);
        path.pop();
    }
}

/// The document's text sections that version 1 keeps beside the answers'
/// (headings and text the forms have no field for).
pub(crate) fn kept_sections<'a>(kept: &'a Agreement, answers: &Agreement) -> Vec<&'a TextSection> {
    kept.sections
        .iter()
        .filter(|k| {
            !answers
                .sections
                .iter()
                .any(|a| a.kind == k.kind && a.text == k.text)
        })
        .collect()
}
