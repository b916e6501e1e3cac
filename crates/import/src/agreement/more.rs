//! The clauses added to the proposal beyond parties, term and money:
//! governance bodies, reporting duties, indexation, payment plan,
//! invoicing, capacity targets, appendices and termination clauses, as the agreement file writes them.

use std::collections::BTreeMap;

use serde_json::{Map, Value, json};

use super::slug;
use crate::extract::{Fact, Proposal};

pub(super) type Facts<'a> = BTreeMap<&'a str, &'a Fact>;

/// The heading of the section a fact's words stand in.
pub(super) fn section_of(proposal: &Proposal, fact: &Fact) -> String {
    proposal
        .sections
        .iter()
        .rev()
        .find(|s| s.span.block <= fact.span.block)
        .map_or_else(String::new, |s| s.heading.clone())
}

fn party_id(ids: &BTreeMap<usize, String>, index: &str) -> Option<String> {
    index
        .parse::<usize>()
        .ok()
        .and_then(|n| ids.get(&n))
        .cloned()
}

/// The values of `prefix[0]…`, `prefix[1]…` while they last.
fn indexed<'a>(facts: &Facts<'a>, prefix: &str, suffix: &str) -> Vec<&'a Fact> {
    (0..)
        .map_while(|k| {
            facts
                .get(format!("{prefix}[{k}]{suffix}").as_str())
                .copied()
        })
        .collect()
}

/// "per-year 2" → `{ kind = "per-year", times = 2 }`.
pub(crate) fn cadence_value(text: &str) -> Value {
    let (kind, rest) = text.split_once(' ').unwrap_or((text, ""));
    match kind {
        "per-year" | "per-twelve-months" => {
            json!({ "kind": kind, "times": rest.parse::<u32>().unwrap_or(1) })
        }
        "interval" => {
            let (low, high) = rest.split_once('-').unwrap_or((rest, rest));
            json!({ "kind": "interval", "min_weeks": low.parse::<u32>().unwrap_or(1), "max_weeks": high.parse::<u32>().unwrap_or(1) })
        }
        "as-needed" => json!({ "kind": "as-needed" }),
        _ => json!({ "kind": "regular" }),
    }
}

/// "yearly 3-31 +1" → `{ kind = "yearly", month = 3, day = 31, year_offset = 1 }`.
pub(crate) fn due_value(text: &str) -> Option<Value> {
    let (kind, rest) = text.split_once(' ').unwrap_or((text, ""));
    Some(match kind {
        "yearly" => {
            let (date, offset) = rest.split_once(" +")?;
            let (month, day) = date.split_once('-')?;
            json!({ "kind": "yearly", "month": month.parse::<u8>().ok()?, "day": day.parse::<u8>().ok()?, "year_offset": offset.parse::<u8>().ok()? })
        }
        "by-end-of-month" => {
            let (year, month) = rest.split_once('-')?;
            json!({ "kind": kind, "year": year.parse::<i16>().ok()?, "month": month.parse::<u8>().ok()? })
        }
        "date" => json!({ "kind": "date", "date": rest }),
        "times-per-year" | "times-per-twelve-months" => {
            json!({ "kind": kind, "times": rest.parse::<u32>().ok()? })
        }
        "end-of-each-year" | "end-of-term" | "continuous" => json!({ "kind": kind }),
        _ => return None,
    })
}

pub(super) fn governance(
    proposal: &Proposal,
    facts: &Facts<'_>,
    ids: &BTreeMap<usize, String>,
) -> Vec<Value> {
    let mut taken: Vec<String> = Vec::new();
    let mut bodies: Vec<Value> = indexed(facts, "governance", ".kind")
        .into_iter()
        .enumerate()
        .map(|(n, kind)| {
            let get = |f: &str| facts.get(format!("governance[{n}].{f}").as_str()).copied();
            let name = get("name").map_or_else(|| kind.value.clone(), |f| f.value.clone());
            let mut id = slug(&name);
            while taken.contains(&id) {
                id.push_str("-2");
            }
            taken.push(id.clone());
            let quote_from = get("cadence").unwrap_or(kind);
            let mut body = Map::new();
            body.insert("id".into(), json!(id));
            body.insert("section".into(), json!(section_of(proposal, kind)));
            body.insert("quote".into(), json!(quote_from.span.quote));
            body.insert("kind".into(), json!(kind.value));
            body.insert("name".into(), json!(name));
            let members: Vec<Value> = indexed(facts, &format!("governance[{n}].members"), ".party")
                .into_iter()
                .filter_map(|f| party_id(ids, &f.value))
                .map(|p| json!({ "party": p }))
                .collect();
            if !members.is_empty() {
                body.insert("members".into(), Value::Array(members));
            }
            let cadence = get("cadence").map_or("regular", |f| f.value.as_str());
            body.insert("cadence".into(), cadence_value(cadence));
            for role in ["convener", "minute_keeper"] {
                if let Some(p) = get(&format!("{role}.party")).and_then(|f| party_id(ids, &f.value))
                {
                    let mut m = Map::new();
                    m.insert("party".into(), json!(p));
                    if let Some(r) = get(&format!("{role}.role")) {
                        m.insert("role".into(), json!(r.value));
                    }
                    body.insert(role.into(), Value::Object(m));
                }
            }
            if get("optional").is_some() {
                body.insert("optional".into(), json!(true));
            }
            if let Some(rule) = get("decision_rule") {
                body.insert("decision_rule".into(), json!(rule.value));
            }
            Value::Object(body)
        })
        .collect();
    reporting_lines(facts, &mut bodies);
    bodies
}

/// Each body's reporting line, to the id of the body it names by index.
fn reporting_lines(facts: &Facts<'_>, bodies: &mut [Value]) {
    let ids: Vec<Value> = bodies.iter().map(|b| b["id"].clone()).collect();
    for (n, body) in bodies.iter_mut().enumerate() {
        let get = |f: &str| {
            facts
                .get(format!("governance[{n}].reports_to.{f}").as_str())
                .map(|f| f.value.as_str())
        };
        let Some(to) = get("body")
            .and_then(|m| m.parse::<usize>().ok())
            .and_then(|m| ids.get(m))
        else {
            continue;
        };
        let mut line = json!({
            "body": to,
            "cadence": cadence_value(get("cadence").unwrap_or("as-needed")),
            "what": get("what").unwrap_or_default(),
        });
        if get("written").is_some() {
            line["written"] = json!(true);
        }
        body["reports_to"] = line;
        // The body's clause holds the sentence of its report too, so the
        // same report read as a reporting duty is known as the body's and
        // not laid twice (domain's `is_body_report`).
        if let Some(said) = facts
            .get(format!("governance[{n}].reports_to.body").as_str())
            .map(|f| f.span.quote.trim())
        {
            let quote = body["quote"].as_str().unwrap_or_default().trim();
            if !quote.contains(said) {
                body["quote"] = json!(format!("{quote} {said}").trim());
            }
        }
    }
}

pub(super) fn reporting(
    proposal: &Proposal,
    facts: &Facts<'_>,
    ids: &BTreeMap<usize, String>,
) -> Vec<Value> {
    reporting_at(proposal, facts, ids, ("reporting", ""))
}

/// The duties read at `prefix` ("reporting", an appendix's
/// "appendices[0].reporting"), their ids starting with `id_start` (an
/// appendix's "bilaga-1-": ids are unique across the whole file).
fn reporting_at(
    proposal: &Proposal,
    facts: &Facts<'_>,
    ids: &BTreeMap<usize, String>,
    (prefix, id_start): (&str, &str),
) -> Vec<Value> {
    let mut taken: Vec<String> = Vec::new();
    indexed(facts, prefix, ".kind")
        .into_iter()
        .enumerate()
        .filter_map(|(n, kind)| {
            let get = |f: &str| facts.get(format!("{prefix}[{n}].{f}").as_str()).copied();
            let due = due_value(&get("due")?.value)?;
            let title = get("title").map_or_else(|| kind.value.clone(), |f| f.value.clone());
            let mut id = format!("{id_start}{}", slug(&kind.value));
            while taken.contains(&id) {
                id.push_str("-2");
            }
            taken.push(id.clone());
            let mut duty = Map::new();
            duty.insert("id".into(), json!(id));
            duty.insert("section".into(), json!(section_of(proposal, kind)));
            duty.insert("quote".into(), json!(kind.span.quote));
            duty.insert("kind".into(), json!(kind.value));
            duty.insert("title".into(), json!(title));
            let from: Vec<String> = indexed(facts, &format!("{prefix}[{n}].from"), "")
                .into_iter()
                .filter_map(|f| party_id(ids, &f.value))
                .collect();
            if !from.is_empty() {
                duty.insert("from".into(), json!(from));
            }
            if let Some(to) = get("to") {
                let to = match to.value.strip_prefix("party ") {
                    Some(index) => party_id(ids, index),
                    None => Some(to.value.clone()),
                };
                if let Some(to) = to {
                    duty.insert("to".into(), json!(to));
                }
            }
            duty.insert("due".into(), due);
            if get("due_is_default").is_some() {
                duty.insert("due_is_default".into(), json!(true));
            }
            Some(Value::Object(duty))
        })
        .collect()
}

/// Indexation, payment plan and invoicing into the financing clause; what
/// the model cannot hold (an index without a number, a payment made once)
/// goes to the notes with its words.
pub(super) fn money_terms(
    proposal: &Proposal,
    facts: &Facts<'_>,
    ids: &BTreeMap<usize, String>,
    financing: &mut Map<String, Value>,
    notes: &mut Vec<Value>,
) {
    if let Some(rate) = facts.get("financing.indexation.rate") {
        financing.insert(
            "indexation".into(),
            json!({ "id": "indexering", "section": section_of(proposal, rate), "quote": rate.span.quote, "rate": rate.value }),
        );
    } else if let Some(index) = facts.get("financing.indexation.index") {
        notes.push(json!({ "topic": "Indexering", "text": format!("Uppräkning enligt {} utan angiven procentsats: \"{}\"", index.value, index.span.quote) }));
    }
    if let Some(per_year) = facts.get("financing.payment.per_year") {
        let mut plan = Map::new();
        plan.insert(
            "per_year".into(),
            json!(per_year.value.parse::<u32>().unwrap_or(1)),
        );
        plan.insert("first_month".into(), json!(1));
        plan.insert("day".into(), json!(1));
        if facts.contains_key("financing.payment.default") {
            plan.insert("default".into(), json!(true));
        }
        financing.insert("payment".into(), Value::Object(plan));
    }
    if let Some(once) = facts.get("financing.payment.once") {
        notes.push(json!({ "topic": "Utbetalning", "text": format!("Betalas vid ett tillfälle: \"{}\"", once.span.quote) }));
    }
    let invoices: Vec<Value> = indexed(facts, "financing.invoicing", ".from")
        .into_iter()
        .enumerate()
        .filter_map(|(n, from)| invoice(proposal, facts, ids, n, from, notes))
        .collect();
    if !invoices.is_empty() {
        financing.insert("invoicing".into(), Value::Array(invoices));
    }
}

fn invoice(
    proposal: &Proposal,
    facts: &Facts<'_>,
    ids: &BTreeMap<usize, String>,
    n: usize,
    from: &Fact,
    notes: &mut Vec<Value>,
) -> Option<Value> {
    let get = |f: &str| {
        facts
            .get(format!("financing.invoicing[{n}].{f}").as_str())
            .copied()
    };
    let Some(frequency) = get("frequency") else {
        notes.push(json!({ "topic": "Fakturering", "text": from.span.quote }));
        return None;
    };
    let to: Vec<String> = indexed(facts, &format!("financing.invoicing[{n}].to"), "")
        .into_iter()
        .filter_map(|f| party_id(ids, &f.value))
        .collect();
    let mut m = Map::new();
    m.insert(
        "id".into(),
        json!(if n == 0 {
            "faktura".to_owned()
        } else {
            format!("faktura-{}", n + 1)
        }),
    );
    m.insert("section".into(), json!(section_of(proposal, from)));
    m.insert("quote".into(), json!(from.span.quote));
    m.insert("from".into(), json!(party_id(ids, &from.value)?));
    m.insert("to".into(), json!(to));
    m.insert("frequency".into(), json!(frequency.value));
    if let Some(address) = postal_address(|f| get(f).map(|fact| fact.value.clone())) {
        m.insert("address".into(), address);
    }
    Some(Value::Object(m))
}

/// Capacity targets on an activity named by the section they stand in,
/// and each appendix with the activity its title names.
pub(super) fn activities_and_appendices(
    proposal: &Proposal,
    facts: &Facts<'_>,
    ids: &BTreeMap<usize, String>,
    root: &mut Map<String, Value>,
) {
    let mut activities = Vec::new();
    let counts = indexed(facts, "capacity", ".count");
    if let Some(first) = counts.first() {
        let targets: Vec<Value> = counts
            .iter()
            .enumerate()
            .filter_map(|(k, count)| {
                let get = |f: &str| facts.get(format!("capacity[{k}].{f}").as_str()).copied();
                Some(json!({
                    "count": count.value.parse::<u32>().ok()?,
                    "unit": get("unit")?.value,
                    "approximate": get("approximate").is_some_and(|f| f.value == "true"),
                    "per_year": get("per_year").is_none_or(|f| f.value == "true"),
                    "quote": count.span.quote,
                }))
            })
            .collect();
        let name = match section_of(proposal, first) {
            h if h.is_empty() => "Verksamheten".to_owned(),
            h => h,
        };
        activities.push(json!({ "id": "verksamhet", "name": name, "capacity": targets }));
    }
    let mut appendices = Vec::new();
    for (n, number) in indexed(facts, "appendices", ".number")
        .into_iter()
        .enumerate()
    {
        let get = |f: &str| facts.get(format!("appendices[{n}].{f}").as_str()).copied();
        let Some(party) = get("party").and_then(|f| party_id(ids, &f.value)) else {
            continue;
        };
        let id = format!("bilaga-{}", number.value);
        let mut a = Map::new();
        a.insert("id".into(), json!(id));
        a.insert(
            "number".into(),
            json!(number.value.parse::<u32>().unwrap_or(0)),
        );
        a.insert(
            "title".into(),
            json!(get("title").map_or("", |f| f.value.as_str())),
        );
        a.insert("party".into(), json!(party));
        own_period_and_money(proposal, &get, &id, &mut a);
        // Its own notice and reports, read from its own text.
        let at = format!("appendices[{n}]");
        let id_start = format!("{id}-");
        let clauses = termination_at(proposal, facts, (&format!("{at}.termination"), &id_start));
        if !clauses.is_empty() {
            a.insert("termination".into(), Value::Array(clauses));
        }
        let reports = reporting_at(
            proposal,
            facts,
            ids,
            (&format!("{at}.reporting"), &id_start),
        );
        if !reports.is_empty() {
            a.insert("reporting".into(), Value::Array(reports));
        }
        if let Some(activity) = get("activity") {
            let activity_id = format!("{}-{}", slug(&activity.value), number.value);
            activities.push(json!({ "id": activity_id, "name": activity.value, "performed_by": party, "appendix": id }));
            a.insert("activity".into(), json!(activity_id));
        }
        appendices.push(Value::Object(a));
    }
    if !activities.is_empty() {
        root.insert("activities".into(), Value::Array(activities));
    }
    if !appendices.is_empty() && root.get("kind") == Some(&json!("framework")) {
        root.insert("appendices".into(), Value::Array(appendices));
    }
}

/// An appendix's own period and money, each quoting its words.
fn own_period_and_money<'a>(
    proposal: &Proposal,
    get: &dyn Fn(&str) -> Option<&'a Fact>,
    id: &str,
    appendix: &mut Map<String, Value>,
) {
    if let (Some(start), Some(end)) = (get("period.start"), get("period.end")) {
        appendix.insert(
            "period".into(),
            json!({
                "id": format!("{id}-period"),
                "section": section_of(proposal, start),
                "quote": start.span.quote,
                "start": start.value,
                "end": end.value,
            }),
        );
    }
    if let Some(total) = get("financing.total_per_year") {
        appendix.insert(
            "financing".into(),
            json!({
                "id": format!("{id}-ekonomi"),
                "section": section_of(proposal, total),
                "quote": total.span.quote,
                "total_per_year": total.value,
            }),
        );
    }
}

/// Each notice period as a termination clause, with the grounds, who may
/// use it, its word and its settlement as the words around it give them.
pub(super) fn termination(proposal: &Proposal, facts: &Facts<'_>) -> Vec<Value> {
    termination_at(proposal, facts, ("termination", ""))
}

/// The clauses read at `prefix` ("termination", an appendix's
/// "appendices[0].termination"), their ids starting with `id_start`.
fn termination_at(
    proposal: &Proposal,
    facts: &Facts<'_>,
    (prefix, id_start): (&str, &str),
) -> Vec<Value> {
    indexed(facts, prefix, ".notice")
        .into_iter()
        .enumerate()
        .map(|(n, notice)| {
            let get = |f: &str| facts.get(format!("{prefix}[{n}].{f}").as_str()).copied();
            let quote_from = get("grounds").unwrap_or(notice);
            let grounds: Vec<&str> = get("grounds")
                .map_or("convenience", |f| f.value.as_str())
                .split(',')
                .collect();
            let mut clause = Map::new();
            let id = if n == 0 {
                format!("{id_start}uppsagning")
            } else {
                format!("{id_start}uppsagning-{}", n + 1)
            };
            clause.insert("id".into(), json!(id));
            clause.insert("section".into(), json!(section_of(proposal, notice)));
            clause.insert("quote".into(), json!(quote_from.span.quote));
            clause.insert("grounds".into(), json!(grounds));
            clause.insert(
                "by".into(),
                json!(get("by").map_or("any-party", |f| f.value.as_str())),
            );
            clause.insert("notice".into(), json!(notice.value));
            if let Some(called) = get("called") {
                clause.insert("called".into(), json!(called.value));
            }
            clause.insert(
                "settlement".into(),
                json!(get("settlement").map_or("not-stated", |f| f.value.as_str())),
            );
            Value::Object(clause)
        })
        .collect()
}

/// The renegotiation and dispute clauses, each in the section its words stand in.
pub(super) fn renegotiation_and_dispute(
    proposal: &Proposal,
    facts: &Facts<'_>,
    root: &mut Map<String, Value>,
) {
    if let Some(by) = facts.get("renegotiation.by") {
        let mut clause = Map::new();
        clause.insert("id".into(), json!("omforhandling"));
        clause.insert("section".into(), json!(section_of(proposal, by)));
        clause.insert("quote".into(), json!(by.span.quote));
        clause.insert("by".into(), json!(by.value));
        if facts.contains_key("renegotiation.dialogue_before_deviation") {
            clause.insert("dialogue_before_deviation".into(), json!(true));
        }
        root.insert("renegotiation".into(), Value::Object(clause));
    }
    if let Some(step) = facts.get("dispute.first_step") {
        root.insert(
            "dispute".into(),
            json!({
                "id": "tvist",
                "section": section_of(proposal, step),
                "quote": step.span.quote,
                "first_step": step.value,
            }),
        );
    }
}

/// The postal address of "address.lines" ("|" between lines),
/// "address.postal_code" and "address.city", when code and city are there.
pub(super) fn postal_address(get: impl Fn(&str) -> Option<String>) -> Option<Value> {
    let (code, city) = (get("address.postal_code")?, get("address.city")?);
    let lines: Vec<String> = get("address.lines")
        .map(|l| {
            l.split('|')
                .filter(|s| !s.is_empty())
                .map(str::to_owned)
                .collect()
        })
        .unwrap_or_default();
    Some(json!({ "lines": lines, "postal_code": code, "city": city }))
}
