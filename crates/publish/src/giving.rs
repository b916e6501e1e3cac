//! 360Giving 1.4.3: one grant per public funder and idea-driven recipient
//! of an agreement, with the planned period, the amount awarded (the
//! planned cash from that funder to that recipient over the term) and the
//! amount disbursed (the payments recorded). In-kind contributions are not
//! grants and stay in the OCDS budget breakdown.

use std::collections::BTreeSet;

use domain::model::Party;
use domain::value::{Id, Money};
use serde_json::{Map, Value, json};

use crate::input::{PublishError, PublishedAgreement, Settings, digits};
use crate::json::{encode, kronor};
use crate::money::flows;
use crate::ocds::{LICENSE, releases, timestamp_text};

/// Path of the data package under the base URL.
pub const GIVING_PATH: &str = "/api/v1/register/360giving";

/// An organisation's 360Giving id: `SE-BLV-` and its org number, else an
/// id of this publisher's own (`360G-…-org-…`), as 360Giving's identifier
/// guidance asks when no register number is known.
fn org_id(settings: &Settings, p: &Party) -> String {
    match &p.org_number {
        Some(n) => format!("SE-BLV-{}", digits(&n.to_string())),
        None => format!("{}-org-{}", settings.giving_prefix(), p.id),
    }
}

fn organisation(settings: &Settings, p: &Party, department: bool) -> Value {
    let mut o = Map::new();
    o.insert("id".into(), json!(org_id(settings, p)));
    o.insert("name".into(), json!(p.name));
    if department && let Some(body) = &p.acting_through {
        o.insert("department".into(), json!(body));
    }
    if let Some(address) = &p.address {
        if !address.lines.is_empty() {
            o.insert("streetAddress".into(), json!(address.lines.join(", ")));
        }
        o.insert("addressLocality".into(), json!(address.city));
        o.insert("postalCode".into(), json!(address.postal_code));
        o.insert("addressCountry".into(), json!("Sverige"));
    }
    Value::Object(o)
}

/// The grants of one agreement, ordered by funder, then recipient.
pub fn grants(p: &PublishedAgreement, settings: &Settings) -> Vec<Value> {
    let a = p.agreement();
    let money = flows(a);
    let recorded = p
        .payments()
        .map(|paid| (paid.payer.clone(), paid.payee.clone()));
    let ceilings = money
        .ceilings
        .iter()
        .map(|x| (x.payer.clone(), x.payee.clone()));
    let pairs: BTreeSet<(Id, Id)> = money
        .payments
        .iter()
        .map(|x| (x.payer.clone(), x.payee.clone()))
        .chain(ceilings)
        .chain(recorded)
        .collect();
    let modified = releases(p, settings)
        .iter()
        .map(|r| r.date)
        .max()
        .map(timestamp_text);
    let find = |id: &Id| a.parties.iter().find(|x| &x.id == id);
    pairs
        .iter()
        .filter_map(|(payer, payee)| {
            let (funder, recipient) = (find(payer)?, find(payee)?);
            let awarded = money.cash_between(payer, payee).unwrap_or(Money::ZERO);
            let ceiling = money.ceiling_between(payer, payee);
            Some(grant(
                p,
                settings,
                (funder, recipient),
                (awarded, ceiling),
                modified.as_deref(),
            ))
        })
        .collect()
}

fn grant(
    p: &PublishedAgreement,
    settings: &Settings,
    (funder, recipient): (&Party, &Party),
    (awarded, ceiling): (Money, Option<Money>),
    modified: Option<&str>,
) -> Value {
    let a = p.agreement();
    let mut disbursed = Money::ZERO;
    let mut transactions = Vec::new();
    for paid in p.payments() {
        if paid.payer == &funder.id && paid.payee == &recipient.id {
            disbursed = disbursed.checked_add(paid.amount).unwrap_or(disbursed);
            transactions.push(json!({
                "id": paid.id,
                "transactionDate": paid.date.to_string(),
                "currency": "SEK",
                "value": kronor(paid.amount),
                "provider": org_id(settings, funder),
                "recipient": org_id(settings, recipient),
            }));
        }
    }
    let mut g = Map::new();
    g.insert(
        "id".into(),
        json!(format!(
            "{}-{}-{}-{}",
            settings.giving_prefix(),
            a.id,
            funder.id,
            recipient.id
        )),
    );
    g.insert("title".into(), json!(a.title));
    let mut description = if a.purposes.is_empty() {
        a.title.clone()
    } else {
        a.purposes.join("\n\n")
    };
    // 360Giving has no field for a ceiling: amountAwarded holds the most
    // that can be paid, and the description says so.
    if let Some(ceiling) = ceiling {
        description.push_str(&format!(
            "\n\nBeviljat belopp är det mesta som kan betalas: {} av det är ett tak (högst per kalenderår), som betalas efter vad som har utförts.",
            ceiling.to_swedish()
        ));
    }
    g.insert("description".into(), json!(description));
    g.insert("currency".into(), json!("SEK"));
    g.insert("amountAwarded".into(), kronor(awarded));
    g.insert("amountDisbursed".into(), kronor(disbursed));
    g.insert("awardDate".into(), json!(p.lifecycle().decided.to_string()));
    if let Some(t) = &a.term {
        g.insert(
            "plannedDates".into(),
            json!([{ "startDate": t.start.to_string(), "endDate": t.end.to_string() }]),
        );
    }
    g.insert(
        "recipientOrganization".into(),
        json!([organisation(settings, recipient, false)]),
    );
    g.insert(
        "fundingOrganization".into(),
        json!([organisation(settings, funder, true)]),
    );
    if !transactions.is_empty() {
        g.insert("disbursementTransaction".into(), json!(transactions));
    }
    if let Some(modified) = modified {
        g.insert("dateModified".into(), json!(modified));
    }
    let url = format!(
        "{}/api/v1/register/{}",
        settings.base_url(),
        encode(a.id.as_str())
    );
    g.insert("dataSource".into(), json!(url));
    Value::Object(g)
}

/// The 360Giving data package of the whole register. 360Giving asks for at
/// least one grant: with none (no agreement pays money), this says so.
pub fn giving_package(
    agreements: &[PublishedAgreement],
    settings: &Settings,
) -> Result<Value, PublishError> {
    let mut grants: Vec<Value> = agreements
        .iter()
        .flat_map(|p| grants(p, settings))
        .collect();
    // By id, so the caller's order of agreements does not change the bytes.
    grants.sort_by(|x, y| x["id"].as_str().cmp(&y["id"].as_str()));
    if grants.is_empty() {
        return Err(PublishError::NoGrants);
    }
    let modified = grants
        .iter()
        .filter_map(|g| g.get("dateModified").and_then(Value::as_str))
        .max()
        .map(str::to_owned);
    let mut package = Map::new();
    package.insert("version".into(), json!("1.4"));
    package.insert(
        "title".into(),
        json!(format!(
            "Idéburna offentliga partnerskap – {}",
            settings.publisher_name()
        )),
    );
    package.insert(
        "description".into(),
        json!("Offentliga parters kontanta bidrag till idéburna parter i idéburna offentliga partnerskap (IOP), ett bidrag per offentlig part och idéburen mottagare i varje överenskommelse."),
    );
    package.insert(
        "identifier".into(),
        json!(format!("{}-register", settings.giving_prefix())),
    );
    if let Some(modified) = modified {
        package.insert("modified".into(), json!(modified));
    }
    package.insert(
        "publisher".into(),
        json!({
            "identifier": format!("SE-BLV-{}", settings.publisher_org_number()),
            "name": settings.publisher_name(),
            "website": settings.base_url(),
        }),
    );
    package.insert(
        "downloadURL".into(),
        json!(format!("{}{GIVING_PATH}", settings.base_url())),
    );
    package.insert("license".into(), json!(LICENSE));
    package.insert("grants".into(), Value::Array(grants));
    Ok(Value::Object(package))
}
