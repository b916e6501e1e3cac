//! Seed 003 day by day over its whole term (and the month around it): the
//! organisation's reports and invoices for 2021–2022 and every annual report
//! are recorded as met on their due dates; the rest never are.

mod common;

use std::collections::{BTreeMap, HashMap, HashSet};

use common::{date, recipient, seed_003};
use domain::model::Status;
use domain::value::Date;
use remind::{Role, plan};

fn walk() -> (Vec<(Date, String)>, HashMap<String, Date>) {
    let a = seed_003(Status::Active);
    let met: HashMap<String, Date> = a
        .duties
        .iter()
        .filter(|d| {
            d.key.starts_with("annual-report.")
                || d.key.starts_with("invoice.fakturering.2021.")
                || d.key.starts_with("invoice.fakturering.2022.")
        })
        .map(|d| (d.key.clone(), d.due))
        .collect();
    let people = [
        recipient("official", Role::Official, &["malmo-stad"]),
        recipient("rk", Role::Partner, &["svenska-roda-korset"]),
        recipient("malmo", Role::Partner, &["malmo-stad"]),
        recipient("reader", Role::Reader, &["region-skane"]),
    ];
    let mut sent = Vec::new();
    let mut day = date("2020-11-01");
    while day <= date("2025-02-28") {
        for r in plan(day, &a, &met, &people) {
            sent.push((day, r.key.to_string()));
        }
        day = day.get().tomorrow().map(Into::into).unwrap_or(day);
    }
    (sent, met)
}

#[test]
fn every_reminder_once_and_none_after_a_duty_is_met() {
    let (sent, met) = walk();
    let keys: HashSet<&str> = sent.iter().map(|(_, k)| k.as_str()).collect();
    assert_eq!(keys.len(), sent.len(), "a key was planned twice");
    for (day, key) in &sent {
        let duty = key.split('/').nth(2).unwrap_or_default();
        assert!(met.get(duty).is_none_or(|m| day < m), "{key} on {day}");
    }
    let mut per: BTreeMap<&str, usize> = BTreeMap::new();
    for (_, key) in &sent {
        *per.entry(key.split('/').next().unwrap_or_default())
            .or_default() += 1;
    }
    // Seed 003 has 22 duties: 8 invoices, 4 activity plans, 4 annual
    // reports, 4 cooperation-meeting years, the extension decision and the
    // term's end. Met on the due date leaves the two reminders before it
    // (−30, −7); unmet ones get all five; the term's end three (none after).
    // Official: 8 met × 2 + 13 unmet × 5 + 3 = 84.
    // Röda Korset (its reports and invoices, 16): 8 met × 2 + 8 × 5 = 56.
    // Malmö stad's representative owes nothing; a reader gets nothing.
    assert_eq!(per, BTreeMap::from([("official", 84), ("rk", 56)]));
}

#[test]
fn named_duties_are_reminded_on_the_days_counted_by_hand() {
    let (sent, _) = walk();
    let days = |who: &str, duty: &str| -> Vec<String> {
        let prefix = format!("{who}/skane-malmo-rk-barn-2021/{duty}/");
        sent.iter()
            .filter(|(_, k)| k.starts_with(&prefix))
            .map(|(d, _)| d.to_string())
            .collect()
    };
    // Due Monday 2021-02-01 (31 January 2021 was a Sunday), never met.
    assert_eq!(
        days("rk", "activity-plan.verksamhetsplan.2021"),
        [
            "2021-01-02",
            "2021-01-25",
            "2021-02-01",
            "2021-02-02",
            "2021-02-08"
        ]
    );
    // Due 2023-01-02 (moved from new year's eve), met that day.
    assert_eq!(
        days("rk", "annual-report.arsberattelse.2022"),
        ["2022-12-03", "2022-12-26"]
    );
    // 2024-03-31 is Easter Sunday and 04-01 Easter Monday: due 2024-04-02.
    assert_eq!(
        days("official", "extension-decision.forlangning.2024-03-31"),
        [
            "2024-03-03",
            "2024-03-26",
            "2024-04-02",
            "2024-04-03",
            "2024-04-09"
        ]
    );
    assert_eq!(
        days("official", "term-end.period.2024-12-31"),
        ["2024-12-01", "2024-12-24", "2024-12-31"]
    );
    assert!(days("malmo", "invoice.fakturering.2024.malmö-stad").is_empty());
}
