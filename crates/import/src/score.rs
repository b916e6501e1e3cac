//! The facts of an agreement the import is scored on: each structured field
//! of the agreement file as a key and a normalised value, parties keyed by
//! name so their order does not matter. The seed scorer, the own-text scorer
//! and the render → import round trip compare agreements through this.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;

/// Keys of the clauses read by the rules for governance, reporting, the
/// terms of the money, capacity, appendices, renegotiation and disputes.
pub const CLAUSE_KEYS: [&str; 9] = [
    "governance[",
    "reporting[",
    "indexation.",
    "payment.",
    "invoicing[",
    "capacity[",
    "appendix[",
    "renegotiation.",
    "dispute.",
];

/// Field → value, with parties keyed by their name so their order does not matter.
pub type Fields = BTreeMap<String, String>;

/// A value as the scorer compares it: money by its digits, text by its words, lower case.
pub fn normalise(value: &str) -> String {
    let v = value.trim();
    // Money compares by its digits: "1 300 000" = "1300000".
    if !v.is_empty()
        && v.chars()
            .all(|c| c.is_ascii_digit() || c == ' ' || c == '\u{a0}')
    {
        return v.chars().filter(char::is_ascii_digit).collect();
    }
    v.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// A party's postal address: its code, city and lines.
fn address_facts(party: &str, address: &Value, out: &mut Fields) {
    for field in ["postal_code", "city"] {
        if let Some(v) = address[field].as_str() {
            out.insert(format!("party[{party}].address.{field}"), normalise(v));
        }
    }
    let lines: Vec<&str> = address["lines"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .collect();
    if !lines.is_empty() {
        out.insert(
            format!("party[{party}].address.lines"),
            normalise(&lines.join("|")),
        );
    }
}

/// The facts of an agreement (its JSON) that the scorer compares, by key.
pub fn facts(agreement: &serde_json::Value) -> Fields {
    let mut out = Fields::new();
    let text = |v: &serde_json::Value| {
        v.as_str()
            .map(str::to_owned)
            .or_else(|| (!v.is_null()).then(|| v.to_string()))
    };
    for field in ["title", "short_name", "case_number", "kind"] {
        if let Some(v) = agreement.get(field).and_then(text) {
            out.insert(field.into(), normalise(&v));
        }
    }
    for party in agreement["parties"].as_array().into_iter().flatten() {
        let name = party["name"].as_str().unwrap_or_default();
        for field in [
            "name",
            "short_name",
            "sector",
            "org_number",
            "acting_through",
        ] {
            if let Some(v) = party.get(field).and_then(text) {
                out.insert(format!("party[{}].{field}", normalise(name)), normalise(&v));
            }
        }
        address_facts(&normalise(name), &party["address"], &mut out);
        for person in party["signatories"].as_array().into_iter().flatten() {
            let who = person["name"].as_str().unwrap_or_default();
            let key = format!("party[{}].signatory[{}]", normalise(name), normalise(who));
            out.insert(format!("{key}.name"), normalise(who));
            for field in ["title", "place", "date", "date_text"] {
                if let Some(v) = person[field].as_str() {
                    out.insert(format!("{key}.{field}"), normalise(v));
                }
            }
        }
    }
    for (path, field) in [
        ("term", "start"),
        ("term", "end"),
        ("financing", "total_per_year"),
        ("extension", "times"),
        ("extension", "length"),
        ("extension", "max_total"),
        ("extension", "decision_before_end"),
        ("extension", "mutual_consent"),
    ] {
        if let Some(v) = agreement
            .get(path)
            .and_then(|p| p.get(field))
            .and_then(text)
        {
            out.insert(format!("{path}.{field}"), normalise(&v));
        }
    }
    if agreement["financing"]["in_appendices"] == true {
        out.insert("financing.in_appendices".into(), "true".into());
    }
    expected_money(agreement, &mut out);
    clauses(agreement, &mut out);
    for group in agreement["target_groups"].as_array().into_iter().flatten() {
        if let (Some(text), Some(priority)) =
            (group["description"].as_str(), group["priority"].as_str())
        {
            out.insert(
                format!("target_group[{}]", normalise(text)),
                priority.to_owned(),
            );
        }
    }
    for section in agreement["sections"].as_array().into_iter().flatten() {
        if let (Some(heading), Some(kind)) = (section["heading"].as_str(), section["kind"].as_str())
            && !heading.is_empty()
        {
            out.insert(
                format!("section[{}]", normalise(unnumbered(heading))),
                kind.to_owned(),
            );
        }
    }
    notices("termination.notice", &agreement["termination"], &mut out);
    out
}

/// Each notice period of a list of termination clauses, once, under `prefix`.
fn notices(prefix: &str, termination: &Value, out: &mut Fields) {
    let notices: BTreeSet<String> = termination
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|t| t["notice"].as_str().map(str::to_owned))
        .collect();
    for n in notices {
        out.insert(format!("{prefix}[{}]", normalise(&n)), normalise(&n));
    }
}

/// Contributions by party name and kind, and budget lines by name.
fn expected_money(agreement: &serde_json::Value, out: &mut Fields) {
    for c in agreement["financing"]["contributions"]
        .as_array()
        .into_iter()
        .flatten()
    {
        let (Some(party), Some(kind)) = (c["party"].as_str(), c["kind"].as_str()) else {
            continue;
        };
        let amount = c["amount"].as_str().map(normalise).unwrap_or_default();
        let key = format!("contribution[{}][{kind}]", party_name(agreement, party));
        // A price per unit and a ceiling, only where stated, so a lump sum
        // compares as before.
        if let Some(basis) = c["basis"].as_str().filter(|b| *b != "lump-sum") {
            out.insert(format!("{key}.basis"), basis.to_owned());
        }
        if let Some(price) = c["unit_price"].as_str() {
            out.insert(format!("{key}.unit_price"), normalise(price));
        }
        if c["at_most"] == Value::Bool(true) {
            out.insert(format!("{key}.at_most"), "true".to_owned());
        }
        out.insert(key, amount);
    }
    for line in agreement["financing"]["budget_lines"]
        .as_array()
        .into_iter()
        .flatten()
    {
        if let (Some(name), Some(amount)) = (line["name"].as_str(), line["amount"].as_str()) {
            out.insert(format!("budget[{}]", normalise(name)), normalise(amount));
        }
    }
}

/// "3. Ekonomi" → "Ekonomi": a heading's number is the layout's, not the agreement's.
pub fn unnumbered(heading: &str) -> &str {
    let rest = heading.trim_start_matches(|c: char| c.is_ascii_digit() || c == '.');
    if rest.len() < heading.len() && rest.starts_with(' ') {
        rest.trim_start()
    } else {
        heading
    }
}

fn party_name(agreement: &Value, id: &str) -> String {
    agreement["parties"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|p| p["id"] == id)
        .and_then(|p| p["name"].as_str())
        .map(normalise)
        .unwrap_or_default()
}

/// The names of the parties among `ids`, sorted and joined.
fn names_of<'a>(agreement: &Value, ids: impl Iterator<Item = &'a Value>) -> String {
    let mut names: Vec<String> = ids
        .filter_map(Value::as_str)
        .map(|id| party_name(agreement, id))
        .collect();
    names.sort();
    names.dedup();
    names.join("; ")
}

/// A cadence or due rule as one short value: "per-year 2", "interval 4-6",
/// "yearly 3-31 +1", "by-end-of-month 2028-03".
pub fn rule_text(rule: &Value) -> String {
    let kind = rule["kind"].as_str().unwrap_or_default();
    let n = |f: &str| rule[f].as_u64().unwrap_or_default();
    match kind {
        "per-year" | "per-twelve-months" | "times-per-year" | "times-per-twelve-months" => {
            format!("{kind} {}", n("times"))
        }
        "interval" => format!("interval {}-{}", n("min_weeks"), n("max_weeks")),
        "yearly" => format!("yearly {}-{} +{}", n("month"), n("day"), n("year_offset")),
        "by-end-of-month" => format!("by-end-of-month {}-{:02}", n("year"), n("month")),
        "date" => format!("date {}", rule["date"].as_str().unwrap_or_default()),
        other => other.to_owned(),
    }
}

/// A key per kind, "#2" for the second of the same kind.
fn kind_key(prefix: &str, kind: &str, seen: &mut Vec<String>) -> String {
    let mut key = format!("{prefix}[{kind}]");
    let mut n = 1;
    while seen.contains(&key) {
        n += 1;
        key = format!("{prefix}[{kind}#{n}]");
    }
    seen.push(key.clone());
    key
}

/// Governance, reporting, indexation, payment, invoicing, capacity and appendices.
fn clauses(agreement: &Value, out: &mut Fields) {
    let mut seen = Vec::new();
    for body in agreement["governance"].as_array().into_iter().flatten() {
        let key = kind_key(
            "governance",
            body["kind"].as_str().unwrap_or_default(),
            &mut seen,
        );
        out.insert(format!("{key}.cadence"), rule_text(&body["cadence"]));
        let members = names_of(
            agreement,
            body["members"]
                .as_array()
                .into_iter()
                .flatten()
                .map(|m| &m["party"]),
        );
        if !members.is_empty() {
            out.insert(format!("{key}.members"), members);
        }
        for role in ["convener", "minute_keeper"] {
            if let Some(p) = body[role]["party"].as_str() {
                out.insert(format!("{key}.{role}"), party_name(agreement, p));
            }
        }
        if let Some(rule) = body["decision_rule"].as_str() {
            out.insert(format!("{key}.decision_rule"), rule.to_owned());
        }
        // The kind of the body reported to, and how often.
        let line = &body["reports_to"];
        let to = agreement["governance"]
            .as_array()
            .into_iter()
            .flatten()
            .find(|b| b["id"] == line["body"])
            .and_then(|b| b["kind"].as_str());
        if let Some(to) = to {
            out.insert(
                format!("{key}.reports_to"),
                format!("{to} {}", rule_text(&line["cadence"])),
            );
        }
    }
    reports(agreement, "reporting", &agreement["reporting"], out);
    money_terms(agreement, out);
    renegotiation_and_dispute(agreement, out);
    for activity in agreement["activities"].as_array().into_iter().flatten() {
        for target in activity["capacity"].as_array().into_iter().flatten() {
            let unit = target["unit"].as_str().map(normalise).unwrap_or_default();
            let approximate = if target["approximate"] == true {
                "~"
            } else {
                ""
            };
            let total = if target["per_year"] == false {
                " total"
            } else {
                ""
            };
            let count = target["count"].as_u64().unwrap_or_default();
            out.insert(
                format!("capacity[{unit}]"),
                format!("{approximate}{count}{total}"),
            );
        }
    }
    appendices(agreement, out);
}

/// Each appendix's title, party, activity, own period, yearly money,
/// notice periods and reports.
fn appendices(agreement: &Value, out: &mut Fields) {
    for appendix in agreement["appendices"].as_array().into_iter().flatten() {
        let key = format!("appendix[{}]", appendix["number"]);
        if let Some(title) = appendix["title"].as_str() {
            out.insert(format!("{key}.title"), normalise(title));
        }
        if let Some(p) = appendix["party"].as_str() {
            out.insert(format!("{key}.party"), party_name(agreement, p));
        }
        for (field, value) in [
            ("period.start", &appendix["period"]["start"]),
            ("period.end", &appendix["period"]["end"]),
            ("total_per_year", &appendix["financing"]["total_per_year"]),
        ] {
            if let Some(v) = value.as_str() {
                out.insert(format!("{key}.{field}"), normalise(v));
            }
        }
        let activity = agreement["activities"]
            .as_array()
            .into_iter()
            .flatten()
            .find(|a| a["id"] == appendix["activity"])
            .and_then(|a| a["name"].as_str());
        if let Some(name) = activity {
            out.insert(format!("{key}.activity"), normalise(name));
        }
        // Its own notice and reports: the appendix's, not the framework's.
        notices(&format!("{key}.notice"), &appendix["termination"], out);
        reports(
            agreement,
            &format!("{key}.reporting"),
            &appendix["reporting"],
            out,
        );
    }
}

/// Each report's due rule and who hands it in, by kind, under `prefix`.
fn reports(agreement: &Value, prefix: &str, reporting: &Value, out: &mut Fields) {
    let mut seen = Vec::new();
    for duty in reporting.as_array().into_iter().flatten() {
        let key = kind_key(prefix, duty["kind"].as_str().unwrap_or_default(), &mut seen);
        out.insert(format!("{key}.due"), rule_text(&duty["due"]));
        let from = names_of(agreement, duty["from"].as_array().into_iter().flatten());
        if !from.is_empty() {
            out.insert(format!("{key}.from"), from);
        }
    }
}

/// Who may call for renegotiation and whether deviations need a dialogue
/// first; a dispute's first step.
fn renegotiation_and_dispute(agreement: &Value, out: &mut Fields) {
    if let Some(by) = agreement["renegotiation"]["by"].as_str() {
        out.insert("renegotiation.by".into(), by.to_owned());
        let dialogue = agreement["renegotiation"]["dialogue_before_deviation"] == true;
        out.insert(
            "renegotiation.dialogue_before_deviation".into(),
            dialogue.to_string(),
        );
    }
    if let Some(step) = agreement["dispute"]["first_step"].as_str() {
        out.insert("dispute.first_step".into(), normalise(step));
    }
}

fn money_terms(agreement: &Value, out: &mut Fields) {
    let financing = &agreement["financing"];
    if let Some(rate) = financing["indexation"]["rate"].as_str() {
        out.insert("indexation.rate".into(), rate.to_owned());
    }
    if let Some(n) = financing["payment"]["per_year"].as_u64() {
        out.insert("payment.per_year".into(), n.to_string());
    }
    for invoice in financing["invoicing"].as_array().into_iter().flatten() {
        let from = party_name(agreement, invoice["from"].as_str().unwrap_or_default());
        let key = format!("invoicing[{from}]");
        out.insert(
            format!("{key}.to"),
            names_of(agreement, invoice["to"].as_array().into_iter().flatten()),
        );
        if let Some(f) = invoice["frequency"].as_str() {
            out.insert(format!("{key}.frequency"), f.to_owned());
        }
        if let Some(code) = invoice["address"]["postal_code"].as_str() {
            out.insert(format!("{key}.postal_code"), normalise(code));
        }
    }
}

/// The findings of the agreement's checks as a set: each finding's code,
/// "#2" for the second of the same code (fields are left out: parties may
/// come in another order).
pub fn findings(agreement: &domain::Agreement) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for d in domain::check::check(agreement) {
        let mut key = d.code.to_owned();
        let mut n = 1;
        while out.contains(&key) {
            n += 1;
            key = format!("{}#{n}", d.code);
        }
        out.insert(key);
    }
    out
}

/// How a proposed set of findings matches the expected set: (right, proposed, expected).
pub fn set_match(expected: &BTreeSet<String>, got: &BTreeSet<String>) -> (usize, usize, usize) {
    (
        expected.intersection(got).count(),
        got.len(),
        expected.len(),
    )
}

/// Precision, recall and F1 of (right, proposed, expected); an empty set
/// proposed for an empty set expected is a full match.
pub fn prf((right, proposed, expected): (usize, usize, usize)) -> (f64, f64, f64) {
    let ratio = |a: usize, b: usize| if b == 0 { 1.0 } else { a as f64 / b as f64 };
    let (p, r) = (ratio(right, proposed), ratio(right, expected));
    let f = if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    };
    (p, r, f)
}
