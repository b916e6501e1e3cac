//! The proposal as an agreement of iop's model, and as an agreement file
//! with each value's source quoted beside it.

use std::collections::BTreeMap;

use domain::Agreement;
use domain::diagnostic::{FieldPath, Step};
use domain::format::{Locator, Syntax};
use serde_json::{Map, Value, json};

use crate::extract::{Confidence, Fact, Proposal};

mod more;

/// An id in the file's alphabet: "Röda Korset Gotland" → "röda-korset-gotland".
fn slug(text: &str) -> String {
    let mut out = String::new();
    for c in text.to_lowercase().chars() {
        let c = match c {
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'á' | 'à' | 'â' => 'a',
            'ü' | 'ú' => 'u',
            'ø' => 'ö',
            'æ' => 'ä',
            other => other,
        };
        if c.is_ascii_alphanumeric() || "åäö".contains(c) {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
        if out.len() >= 48 {
            break;
        }
    }
    let out = out.trim_end_matches('-').to_owned();
    if out.is_empty() { "x".into() } else { out }
}

/// Every proposed value by its field, and the fields grouped under "parties[n]".
fn facts_by_field(proposal: &Proposal) -> BTreeMap<&str, &Fact> {
    proposal
        .facts
        .iter()
        .map(|f| (f.field.as_str(), f))
        .collect()
}

/// The parties, and the id given to each party's index.
fn parties(
    proposal: &Proposal,
    facts: &BTreeMap<&str, &Fact>,
) -> (Vec<Value>, BTreeMap<usize, String>) {
    let mut out = Vec::new();
    let mut ids: Vec<String> = Vec::new();
    let mut by_index = BTreeMap::new();
    for n in 0..proposal.party_count() {
        let get = |f: &str| {
            facts
                .get(format!("parties[{n}].{f}").as_str())
                .map(|f| f.value.clone())
        };
        let Some(name) = get("name") else { continue };
        let mut id = slug(&name);
        while ids.contains(&id) {
            id.push_str("-2");
        }
        ids.push(id.clone());
        by_index.insert(n, id.clone());
        let mut party = Map::new();
        party.insert("id".into(), json!(id));
        party.insert("name".into(), json!(name));
        for field in ["short_name", "sector", "org_number", "acting_through"] {
            if let Some(v) = get(field) {
                party.insert(field.into(), json!(v));
            }
        }
        if let Some(address) = more::postal_address(|f| get(f)) {
            party.insert("address".into(), address);
        }
        let signatories: Vec<Value> = (0..)
            .map_while(|k| {
                let name = get(&format!("signatories[{k}].name"))?;
                let mut s = Map::new();
                s.insert("name".into(), json!(name));
                for field in ["title", "place", "date", "date_text"] {
                    if let Some(v) = get(&format!("signatories[{k}].{field}")) {
                        s.insert(field.into(), json!(v));
                    }
                }
                Some(Value::Object(s))
            })
            .collect();
        if !signatories.is_empty() {
            party.insert("signatories".into(), Value::Array(signatories));
        }
        out.push(Value::Object(party));
    }
    (out, by_index)
}

/// "financing.contributions[k].party" holds a party's index; the file names its id.
fn contributions(facts: &BTreeMap<&str, &Fact>, ids: &BTreeMap<usize, String>) -> Vec<Value> {
    (0..)
        .map_while(|k| {
            let field = |f: &str| facts.get(format!("financing.contributions[{k}].{f}").as_str());
            let party = field("party")?;
            let kind = field("kind")?;
            let mut c = Map::new();
            let id = party.value.parse::<usize>().ok().and_then(|n| ids.get(&n));
            c.insert("party".into(), json!(id.cloned().unwrap_or_default()));
            c.insert("kind".into(), json!(kind.value));
            if let Some(amount) = field("amount") {
                c.insert("amount".into(), json!(amount.value));
            }
            if field("at_least").is_some() {
                c.insert("at_least".into(), json!(true));
            }
            if field("at_most").is_some() {
                c.insert("at_most".into(), json!(true));
            }
            for key in ["basis", "unit_price"] {
                if let Some(fact) = field(key) {
                    c.insert(key.into(), json!(fact.value));
                }
            }
            Some(Value::Object(c))
        })
        .filter(|c| c["party"] != json!(""))
        .collect()
}

/// The heading of the first section of `kind`, and the quote of a fact.
fn clause(proposal: &Proposal, kind: &str, id: &str, fact: &Fact) -> Map<String, Value> {
    let section = proposal
        .sections
        .iter()
        .find(|s| s.kind == kind)
        .map_or("", |s| s.heading.as_str());
    let mut m = Map::new();
    m.insert("id".into(), json!(id));
    m.insert("section".into(), json!(section));
    m.insert("quote".into(), json!(fact.span.quote));
    m
}

fn clauses(
    proposal: &Proposal,
    facts: &BTreeMap<&str, &Fact>,
    ids: &BTreeMap<usize, String>,
    root: &mut Map<String, Value>,
    notes: &mut Vec<Value>,
) {
    if let (Some(start), Some(end)) = (facts.get("term.start"), facts.get("term.end")) {
        let mut term = clause(proposal, "term", "giltighet", start);
        term.insert("start".into(), json!(start.value));
        term.insert("end".into(), json!(end.value));
        root.insert("term".into(), Value::Object(term));
    }
    let money_fact = [
        "financing.total_per_year",
        "financing.indexation.rate",
        "financing.payment.per_year",
        "financing.invoicing[0].frequency",
        "financing.in_appendices",
    ]
    .iter()
    .find_map(|f| facts.get(f));
    if let Some(first) = money_fact {
        let mut financing = clause(proposal, "financing", "ekonomi", first);
        if let Some(total) = facts.get("financing.total_per_year") {
            financing.insert("quote".into(), json!(total.span.quote));
            financing.insert("total_per_year".into(), json!(total.value));
        }
        let lines: Vec<Value> = (0..)
            .map_while(|n| {
                let name = facts.get(format!("financing.budget_lines[{n}].name").as_str())?;
                let amount = facts.get(format!("financing.budget_lines[{n}].amount").as_str())?;
                Some(json!({ "id": format!("{}-{n}", slug(&name.value)), "name": name.value, "amount": amount.value }))
            })
            .collect();
        if !lines.is_empty() {
            financing.insert("budget_lines".into(), Value::Array(lines));
        }
        let contributions = contributions(facts, ids);
        if !contributions.is_empty() {
            financing.insert("contributions".into(), Value::Array(contributions));
        }
        if facts.contains_key("financing.in_appendices") {
            financing.insert("in_appendices".into(), json!(true));
        }
        more::money_terms(proposal, facts, ids, &mut financing, notes);
        root.insert("financing".into(), Value::Object(financing));
    } else if let Some(index) = facts.get("financing.indexation.index") {
        notes.push(json!({ "topic": "Indexering", "text": format!("Uppräkning enligt {} utan angiven procentsats: \"{}\"", index.value, index.span.quote) }));
    }
    let extension: Vec<&&Fact> = facts
        .iter()
        .filter(|(k, _)| k.starts_with("extension."))
        .map(|(_, f)| f)
        .collect();
    if let Some(first) = extension.first() {
        let mut ext = clause(proposal, "extension", "forlangning", first);
        for f in &extension {
            let key = f.field.trim_start_matches("extension.");
            let value = match key {
                "times" => f.value.parse::<u32>().map_or(Value::Null, |n| json!(n)),
                "mutual_consent" => json!(f.value == "true"),
                _ => json!(f.value),
            };
            ext.insert(key.into(), value);
        }
        root.insert("extension".into(), Value::Object(ext));
    }
}

/// A section under another heading that says how the agreement ends early
/// ("kan överenskommelsen hävas", "säga upp"): it covers termination too.
fn speaks_of_ending(text: &str) -> bool {
    let lower = text.to_lowercase();
    [
        "säga upp",
        "sägas upp",
        "uppsägning",
        "hävas",
        "hävs",
        "hävning",
    ]
    .iter()
    .any(|w| lower.contains(w))
}

/// The proposal as an agreement. `None` when the document names no party:
/// then it holds no agreement that can be proposed.
pub fn to_agreement(
    proposal: &Proposal,
    fallback_title: &str,
) -> Option<Result<Agreement, String>> {
    if proposal.party_count() == 0 {
        return None;
    }
    let facts = facts_by_field(proposal);
    let title = facts
        .get("title")
        .map_or(fallback_title.to_owned(), |f| f.value.clone());
    let mut root = Map::new();
    root.insert("format".into(), json!(domain::model::FORMAT_VERSION));
    root.insert("id".into(), json!(slug(&title)));
    root.insert("title".into(), json!(title));
    for field in ["short_name", "kind", "case_number"] {
        if let Some(f) = facts.get(field) {
            root.insert(field.into(), json!(f.value));
        }
    }
    let (party_values, ids) = parties(proposal, &facts);
    root.insert("parties".into(), Value::Array(party_values));
    let sections: Vec<Value> = proposal
        .sections
        .iter()
        .map(|s| {
            let mut section = json!({ "kind": s.kind, "heading": s.heading, "text": s.text });
            let mut also = s.also.clone();
            if s.kind != "termination"
                && !also.contains(&"termination")
                && speaks_of_ending(&s.text)
            {
                also.push("termination");
            }
            if !also.is_empty() {
                section["also"] = json!(also);
            }
            section
        })
        .collect();
    root.insert("sections".into(), Value::Array(sections));
    let groups: Vec<Value> = (0..)
        .map_while(|n| {
            let description = facts.get(format!("target_groups[{n}].description").as_str())?;
            let priority = facts.get(format!("target_groups[{n}].priority").as_str())?;
            Some(json!({ "priority": priority.value, "description": description.value }))
        })
        .collect();
    if !groups.is_empty() {
        root.insert("target_groups".into(), Value::Array(groups));
    }
    // Facts without a field yet (other amounts) stay in the notes with their words.
    let mut notes: Vec<Value> = proposal
        .notes
        .iter()
        .map(|n| json!({ "topic": n.topic, "text": n.text }))
        .collect();
    let termination = more::termination(proposal, &facts);
    if !termination.is_empty() {
        root.insert("termination".into(), Value::Array(termination));
    }
    clauses(proposal, &facts, &ids, &mut root, &mut notes);
    let governance = more::governance(proposal, &facts, &ids);
    if !governance.is_empty() {
        root.insert("governance".into(), Value::Array(governance));
    }
    let reporting = more::reporting(proposal, &facts, &ids);
    if !reporting.is_empty() {
        root.insert("reporting".into(), Value::Array(reporting));
    }
    more::activities_and_appendices(proposal, &facts, &ids, &mut root);
    more::renegotiation_and_dispute(proposal, &facts, &mut root);
    root.insert("notes".into(), Value::Array(notes));
    Some(serde_json::from_value(Value::Object(root)).map_err(|e| e.to_string()))
}

/// "parties[1].signatories[0].name" as the steps of a field path.
fn field_path(field: &str) -> FieldPath {
    let mut steps = Vec::new();
    for part in field.split('.') {
        let (key, index) = match part.split_once('[') {
            Some((k, rest)) => (k, rest.trim_end_matches(']').parse::<usize>().ok()),
            None => (part, None),
        };
        steps.push(Step::Key(key.to_owned()));
        if let Some(i) = index {
            steps.push(Step::Index(i));
        }
    }
    FieldPath(steps)
}

/// The agreement as TOML with each proposed value's words beside it:
/// `org_number = "212000-0449" # "organisationsnummer: 212000-0449" (s. 1, rad 3)`.
pub fn to_annotated_toml(agreement: &Agreement, proposal: &Proposal) -> Result<String, String> {
    let text = domain::format::to_toml(agreement)?;
    let locator = Locator::new(&text, Syntax::Toml);
    let mut comments: BTreeMap<usize, String> = BTreeMap::new();
    for fact in &proposal.facts {
        let path = field_path(&fact.field);
        if fact.span.quote.trim().is_empty() {
            continue;
        }
        let Some(span) = locator.span_of(&path) else {
            continue;
        };
        // Only a value on one line of its own gets a comment.
        let Some(line_end) = text[span.end..].find('\n').map(|i| i + span.end) else {
            continue;
        };
        if text[span.start..span.end].contains('\n')
            || !text[..span.start].ends_with("= ") && !text[..span.start].ends_with('=')
        {
            continue;
        }
        let quote: String = fact
            .span
            .quote
            .replace(['\n', '\t'], " ")
            .chars()
            .take(80)
            .collect();
        let sure = match fact.confidence {
            Confidence::Certain => "",
            Confidence::Likely => "trolig: ",
            Confidence::Guess => "gissning, bekräfta: ",
        };
        comments.entry(line_end).or_insert_with(|| {
            format!(
                " # {sure}\"{}\" (s. {}, rad {})",
                quote.replace('"', "'"),
                fact.span.position.page,
                fact.span.position.line
            )
        });
    }
    let mut out = String::with_capacity(text.len() + comments.len() * 60);
    let mut last = 0;
    for (at, comment) in comments {
        out.push_str(&text[last..at]);
        out.push_str(&comment);
        last = at;
    }
    out.push_str(&text[last..]);
    Ok(out)
}
