//! The organisations of an agreement as OCDS parties, the money per year and
//! party as the budget breakdown, and recorded payments as transactions.

use domain::model::{Party, Sector};
use domain::value::Id;
use serde_json::{Map, Value, json};

use super::value;
use crate::input::{PublishedAgreement, digits};
use crate::json::{day_end, day_start};
use crate::money::{Flows, MoneyRow};

/// The OCDS id of a party: its org number under `SE-BLV` (Bolagsverket's
/// register, org-id.guide), else an id local to this process.
pub(crate) fn party_id(p: &Party) -> String {
    match &p.org_number {
        Some(n) => format!("SE-BLV-{}", digits(&n.to_string())),
        None => format!("iop-{}", p.id),
    }
}

/// `{id, name}`: how releases point at a party.
pub(crate) fn reference(p: &Party) -> Value {
    json!({ "id": party_id(p), "name": p.name })
}

fn find<'a>(p: &'a PublishedAgreement, id: &Id) -> Option<&'a Party> {
    p.agreement().parties.iter().find(|x| &x.id == id)
}

/// Roles in a fixed order, so the output does not depend on how they were found.
fn roles(p: &PublishedAgreement, money: &Flows, party: &Party) -> Vec<&'static str> {
    let pays = money.payments.iter().any(|x| x.payer == party.id)
        || p.payments().any(|x| x.payer == &party.id);
    let paid = money.payments.iter().any(|x| x.payee == party.id)
        || p.payments().any(|x| x.payee == &party.id);
    let contributes = money
        .rows
        .iter()
        .any(|r| r.party == party.id && (r.cash.is_some() || r.in_kind.is_some()));
    let mut out = Vec::new();
    match party.sector {
        Sector::Public => {
            out.push("buyer");
            if pays {
                out.push("payer");
            }
        }
        Sector::IdeaDriven => {
            out.push("supplier");
            if paid {
                out.push("payee");
            }
        }
    }
    if contributes {
        out.push("sourceParty");
    }
    out
}

/// Every party: the organisation, never its people (no contact persons,
/// no signatories).
pub(crate) fn parties(p: &PublishedAgreement, money: &Flows) -> Vec<Value> {
    p.agreement()
        .parties
        .iter()
        .map(|party| {
            let mut o = Map::new();
            o.insert("id".into(), json!(party_id(party)));
            o.insert("name".into(), json!(party.name));
            if let Some(n) = &party.org_number {
                o.insert(
                    "identifier".into(),
                    json!({ "scheme": "SE-BLV", "id": digits(&n.to_string()), "legalName": party.name }),
                );
            }
            if let Some(address) = &party.address {
                let mut a = Map::new();
                if !address.lines.is_empty() {
                    a.insert("streetAddress".into(), json!(address.lines.join(", ")));
                }
                a.insert("locality".into(), json!(address.city));
                a.insert("postalCode".into(), json!(address.postal_code));
                a.insert("countryName".into(), json!("Sverige"));
                o.insert("address".into(), Value::Object(a));
            }
            o.insert("roles".into(), json!(roles(p, money, party)));
            Value::Object(o)
        })
        .collect()
}

/// One budget entry per year, party and kind of contribution.
pub(crate) fn breakdown(p: &PublishedAgreement, money: &Flows) -> Vec<Value> {
    let mut out = Vec::new();
    for row in &money.rows {
        let Some(party) = find(p, &row.party) else {
            continue;
        };
        let scope = scope(p, row);
        if let Some(cash) = row.cash {
            let words = if row.cash_at_most {
                "kontant, högst (tak)"
            } else {
                "kontant"
            };
            out.push(entry(row, party, &scope, words, "cash", cash));
        }
        if let Some(in_kind) = row.in_kind {
            let words = if row.at_least {
                "egeninsats i annat än pengar, värd minst"
            } else {
                "egeninsats i annat än pengar"
            };
            out.push(entry(row, party, &scope, words, "in-kind", in_kind));
        }
    }
    out
}

/// The agreement, or "Bilaga N" for an appendix's money.
fn scope(p: &PublishedAgreement, row: &MoneyRow) -> (String, String) {
    match &row.appendix {
        None => ("avtal".into(), String::new()),
        Some(id) => {
            let number = p
                .agreement()
                .appendices
                .iter()
                .find(|ap| &ap.id == id)
                .map_or(0, |ap| ap.number);
            (id.to_string(), format!("Bilaga {number}: "))
        }
    }
}

fn entry(
    row: &MoneyRow,
    party: &Party,
    (scope_id, scope_words): &(String, String),
    words: &str,
    kind: &str,
    amount: domain::value::Money,
) -> Value {
    json!({
        "id": format!("{scope_id}-{}-{}-{kind}", row.year, row.party),
        "description": format!("{scope_words}{} {}, {words}", party.name, row.year),
        "period": { "startDate": day_start(row.start), "endDate": day_end(row.end) },
        "amount": value(amount),
        "sourceParty": reference(party),
    })
}

/// Recorded payments: what the public side has actually paid.
pub(crate) fn transactions(p: &PublishedAgreement) -> Vec<Value> {
    p.payments()
        .filter_map(|paid| {
            let (payer, payee) = (find(p, paid.payer)?, find(p, paid.payee)?);
            Some(json!({
                "id": paid.id,
                "date": day_start(paid.date),
                "value": value(paid.amount),
                "payer": reference(payer),
                "payee": reference(payee),
            }))
        })
        .collect()
}
