//! The agreement's duties as OCDS milestones, with their status read from
//! the follow-up records: reports (`reporting`), meetings of the governance
//! bodies (`engagement`) and planned payments (`payment`).
//!
//! A duty is `met` when records meet it, `partiallyMet` when some do,
//! `scheduled` otherwise; once the agreement has ended, a duty due by then
//! and not met is `notMet`. The feed never reads the clock, so a duty does
//! not turn `notMet` on the day it is late (the signed-in views show that).

use std::collections::BTreeMap;

use domain::rules::obligations::{Obligation, ObligationKind, ObligationOptions, obligations};
use domain::value::{Date, Id, Money};
use serde_json::{Map, Value, json};

use crate::input::{Event, PublishedAgreement};
use crate::json::day_end;
use crate::money::{Flows, PlannedPayment};

struct Met {
    status: &'static str,
    date_met: Option<Date>,
}

fn status(p: &PublishedAgreement, due: Date, met: Option<Date>, some: bool) -> Met {
    let status = match (met, some) {
        (Some(_), _) => "met",
        (None, true) => "partiallyMet",
        (None, false) if p.lifecycle().ended.is_some_and(|end| due <= end) => "notMet",
        (None, false) => "scheduled",
    };
    Met {
        status,
        date_met: met,
    }
}

fn milestone(
    id: String,
    title: String,
    kind: &str,
    due: Date,
    met: &Met,
    description: Option<String>,
) -> Value {
    let mut m = Map::new();
    m.insert("id".into(), json!(id));
    m.insert("title".into(), json!(title));
    m.insert("type".into(), json!(kind));
    if let Some(d) = description {
        m.insert("description".into(), json!(d));
    }
    m.insert("dueDate".into(), json!(day_end(due)));
    if let Some(d) = met.date_met {
        m.insert("dateMet".into(), json!(day_end(d)));
    }
    m.insert("status".into(), json!(met.status));
    Value::Object(m)
}

/// Milestones in due-date order, then by id.
pub(crate) fn milestones(p: &PublishedAgreement, money: &Flows) -> Vec<Value> {
    let mut out: Vec<(Date, String, Value)> = Vec::new();
    if let Ok(list) = obligations(p.agreement(), ObligationOptions::default()) {
        for o in &list {
            if o.kind.is_report() {
                let (id, m) = report(p, o);
                out.push((o.due, id, m));
            } else if o.kind == ObligationKind::Meeting {
                let (id, m) = meeting(p, o);
                out.push((o.due, id, m));
            }
        }
    }
    for (due, id, m) in payments(p, money) {
        out.push((due, id, m));
    }
    out.sort_by(|x, y| (x.0, &x.1).cmp(&(y.0, &y.1)));
    out.dedup_by(|x, y| x.1 == y.1);
    out.into_iter().map(|(_, _, m)| m).collect()
}

fn report(p: &PublishedAgreement, o: &Obligation<'_>) -> (String, Value) {
    let key = o.key();
    let met = p
        .follow_up()
        .iter()
        .filter(|r| matches!(r.event, Event::Report { .. }) && r.event.obligation() == Some(&key))
        .map(|r| r.event.date())
        .min();
    let title = match o.year {
        Some(year) => format!("{} ({year})", o.label),
        None => o.label.to_owned(),
    };
    let met = status(p, o.due, met, false);
    let m = milestone(key.clone(), title, "reporting", o.due, &met, None);
    (key, m)
}

fn meeting(p: &PublishedAgreement, o: &Obligation<'_>) -> (String, Value) {
    let key = o.key();
    let start = o.window_start.unwrap_or(o.due);
    let mut held: Vec<Date> = p
        .follow_up()
        .iter()
        .filter_map(|r| match &r.event {
            Event::Meeting {
                date,
                body,
                obligation,
            } => {
                let by_key = obligation.as_deref() == Some(key.as_str());
                let by_body = obligation.is_none()
                    && body.as_ref() == Some(o.clause.id)
                    && (start..=o.due).contains(date);
                (by_key || by_body).then_some(*date)
            }
            _ => None,
        })
        .collect();
    held.sort_unstable();
    let needed = usize::try_from(o.count.unwrap_or(1).max(1)).unwrap_or(usize::MAX);
    let met = held.get(needed - 1).copied();
    let met = status(p, o.due, met, !held.is_empty());
    let description = format!(
        "Minst {} möte(n) {} – {}",
        o.count.unwrap_or(1),
        start,
        o.due
    );
    let m = milestone(
        key.clone(),
        o.label.to_owned(),
        "engagement",
        o.due,
        &met,
        Some(description),
    );
    (key, m)
}

/// Planned payments, met from the recorded payments of the same payer and
/// payee in the same year, earliest planned payment first.
fn payments(p: &PublishedAgreement, money: &Flows) -> Vec<(Date, String, Value)> {
    let mut pool: BTreeMap<(Id, Id, i16), Vec<(Date, Money)>> = BTreeMap::new();
    for paid in p.payments() {
        pool.entry((paid.payer.clone(), paid.payee.clone(), paid.date.year()))
            .or_default()
            .push((paid.date, paid.amount));
    }
    let mut planned: Vec<&PlannedPayment> = money.payments.iter().collect();
    planned.sort_by(|x, y| (x.date, &x.payer, &x.payee).cmp(&(y.date, &y.payer, &y.payee)));
    let name = |id: &Id| {
        p.agreement()
            .parties
            .iter()
            .find(|x| &x.id == id)
            .map_or_else(|| id.to_string(), |x| x.name.clone())
    };
    let mut out = Vec::new();
    for planned in planned {
        let scope = planned
            .appendix
            .as_ref()
            .map_or("avtal".to_owned(), ToString::to_string);
        let id = format!(
            "payment.{scope}.{}.{}.{}",
            planned.payer, planned.payee, planned.date
        );
        let records = pool
            .entry((
                planned.payer.clone(),
                planned.payee.clone(),
                planned.date.year(),
            ))
            .or_default();
        let (met_on, some) = take(records, planned.amount);
        let met = status(p, planned.date, met_on, some);
        let title = format!(
            "Utbetalning från {} till {}",
            name(&planned.payer),
            name(&planned.payee)
        );
        let description = format!("Planerat belopp {}", planned.amount.to_swedish());
        out.push((
            planned.date,
            id.clone(),
            milestone(id, title, "payment", planned.date, &met, Some(description)),
        ));
    }
    out
}

/// Takes `amount` from the recorded payments (in date order): the day the
/// amount was reached, and whether anything was taken.
fn take(records: &mut Vec<(Date, Money)>, amount: Money) -> (Option<Date>, bool) {
    let mut left = amount.ore();
    let mut some = false;
    while left > 0 {
        let Some(first) = records.first_mut() else {
            return (None, some);
        };
        some = true;
        let used = first.1.ore().min(left);
        left -= used;
        let date = first.0;
        first.1 = Money::from_ore(first.1.ore() - used);
        if first.1.ore() == 0 {
            records.remove(0);
        }
        if left == 0 {
            return (Some(date), true);
        }
    }
    (None, some)
}
