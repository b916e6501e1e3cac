//! OCDS 1.1: each published agreement becomes a contracting process with two
//! releases — the agreement itself (parties, budget, award, contract) and its
//! implementation (milestones from the duties, transactions from recorded
//! payments) — packaged as release and record packages. The mapping, field
//! by field, is in docs/open-data.md.

mod appendix;
mod merge;
mod milestones;
mod package;
mod parties;
mod stream;

pub use merge::compile;
pub use package::{
    LICENSE, PageQuery, RECORDS_PATH, RELEASES_PATH, record_package, release_package,
    write_release_package,
};
pub use stream::{
    RecordPage, RecordPager, ReleaseKey, ReleasePage, ReleasePager, record_page_bytes,
    release_page_bytes,
};

use domain::model::{Sector, Status};
use jiff::Timestamp;
use serde_json::{Map, Value, json};

use crate::input::{PublishedAgreement, Settings};
use crate::json::{day_end, day_start, fingerprint, kronor};
use crate::money::{Flows, flows};

/// The budget breakdown extension, declared in every package.
pub const BUDGET_BREAKDOWN_EXTENSION: &str = "https://raw.githubusercontent.com/open-contracting-extensions/ocds_budget_breakdown_extension/master/extension.json";

/// The currency of every amount.
const CURRENCY: &str = "SEK";

/// One release with the keys the feed sorts and pages by.
#[derive(Debug, Clone, PartialEq)]
pub struct Release {
    pub ocid: String,
    pub id: String,
    pub date: Timestamp,
    pub json: Value,
}

/// The OCID of an agreement: the adopted one, else this instance's prefix
/// and the agreement's id.
pub fn ocid(p: &PublishedAgreement, settings: &Settings) -> String {
    match p.adopted_ocid() {
        Some(o) => o.as_str().to_owned(),
        None => format!("{}-{}", settings.ocid_prefix().as_str(), p.agreement().id),
    }
}

/// Release ids start with this instance's own prefix even under an adopted
/// OCID, so two publishers' releases of one process never collide.
fn release_stem(p: &PublishedAgreement, settings: &Settings) -> String {
    format!("{}-{}", settings.ocid_prefix().as_str(), p.agreement().id)
}

/// Seconds precision, UTC: the form every date-time in the feed takes.
pub(crate) fn timestamp_text(t: Timestamp) -> String {
    t.strftime("%Y-%m-%dT%H:%M:%SZ").to_string()
}

fn truncate(t: Timestamp) -> Timestamp {
    Timestamp::from_second(t.as_second()).unwrap_or(t)
}

fn value(m: domain::value::Money) -> Value {
    json!({ "amount": kronor(m), "currency": CURRENCY })
}

/// The releases of one agreement: the agreement release, the
/// implementation release when there are duties or payments, and those of a
/// framework's appendices.
pub fn releases(p: &PublishedAgreement, settings: &Settings) -> Vec<Release> {
    let money = flows(p.agreement());
    let contract = contract_release(p, settings, &money);
    let implementation = implementation_release(p, settings, &money, contract.date);
    let mut out = vec![contract];
    out.extend(implementation);
    out.extend(appendix::appendix_releases(p, settings));
    out
}

fn contract_status(status: Status) -> &'static str {
    match status {
        Status::Draft | Status::Decided => "pending",
        Status::Signed | Status::Active => "active",
        Status::Ended | Status::Terminated => "terminated",
    }
}

fn contract_release(p: &PublishedAgreement, settings: &Settings, money: &Flows) -> Release {
    let a = p.agreement();
    let current = p.current_version();
    let date = truncate(current.at.max(p.lifecycle().published));
    let id = format!("{}-contract-v{}", release_stem(p, settings), current.number);
    let mut tag = if current.number == 1 {
        vec!["award", "contract"]
    } else {
        vec!["awardUpdate", "contractAmendment"]
    };
    if a.status == Status::Terminated {
        tag.push("contractTermination");
    }
    let parties = parties::parties(p, money);
    let buyer = a
        .parties
        .iter()
        .find(|x| x.sector == Sector::Public)
        .map(parties::reference);
    let mut release = Map::new();
    release.insert("ocid".into(), json!(ocid(p, settings)));
    release.insert("id".into(), json!(id));
    release.insert("date".into(), json!(timestamp_text(date)));
    release.insert("tag".into(), json!(tag));
    release.insert("initiationType".into(), json!("tender"));
    release.insert("language".into(), json!("sv"));
    release.insert("parties".into(), json!(parties));
    if let Some(buyer) = buyer {
        release.insert("buyer".into(), buyer);
    }
    release.insert("planning".into(), json!({ "budget": budget(p, money) }));
    release.insert("tender".into(), tender(p));
    release.insert("awards".into(), json!([award(p, money)]));
    release.insert("contracts".into(), json!([contract(p, settings, money)]));
    Release {
        ocid: ocid(p, settings),
        id,
        date,
        json: Value::Object(release),
    }
}

/// OCDS has no field that marks an amount as a maximum: `amount` and the
/// award's and contract's `value` hold the most that can be paid, and the
/// description says which figures are ceilings.
fn budget_description(money: &Flows) -> String {
    let mut words = "Partnerskapets budget: varje parts bidrag per kalenderår, kontant och i annat än pengar (egeninsats). Belopp som avtalet anger som \"minst\" står med sitt lägsta värde.".to_owned();
    if money.at_most || money.public_cash_at_most() {
        words.push_str(" Belopp som avtalet anger som \"högst\" är tak och står med sitt högsta värde: det mesta som kan betalas, efter vad som har utförts.");
    }
    words
}

fn budget(p: &PublishedAgreement, money: &Flows) -> Value {
    let a = p.agreement();
    let mut budget = Map::new();
    budget.insert("id".into(), json!(format!("{}-budget", a.id)));
    budget.insert("description".into(), json!(budget_description(money)));
    if let Some(total) = money.total {
        budget.insert("amount".into(), value(total));
    }
    let breakdown = parties::breakdown(p, money);
    if !breakdown.is_empty() {
        budget.insert("budgetBreakdown".into(), json!(breakdown));
    }
    Value::Object(budget)
}

/// An IOP is not a procurement; the tender object only says how the
/// partner was chosen, so `initiationType` ("tender", the only 1.1 code) has
/// something to point at.
fn tender(p: &PublishedAgreement) -> Value {
    let a = p.agreement();
    json!({
        "id": format!("{}-tender", a.id),
        "title": a.title,
        "status": "complete",
        "procurementMethod": "direct",
        "procurementMethodDetails": "Idéburet offentligt partnerskap (IOP)",
        "procurementMethodRationale": "Ett idéburet offentligt partnerskap är en överenskommelse om samverkan mellan offentlig och idéburen sektor, inte en upphandling enligt LOU; parterna bidrar båda till verksamheten.",
    })
}

/// The caveat on an award's or contract's `value` that holds a ceiling.
const VALUE_AT_MOST: &str = "Värdet är det mesta som kan betalas: en del av det är ett tak (högst per kalenderår), som betalas efter vad som har utförts.";

fn award(p: &PublishedAgreement, money: &Flows) -> Value {
    let a = p.agreement();
    let mut award = Map::new();
    award.insert("id".into(), json!(format!("{}-award", a.id)));
    award.insert("title".into(), json!(a.title));
    award.insert("status".into(), json!("active"));
    award.insert("date".into(), json!(day_start(p.lifecycle().decided)));
    if let Some(cash) = money.public_cash() {
        award.insert("value".into(), value(cash));
        if money.public_cash_at_most() {
            award.insert("description".into(), json!(VALUE_AT_MOST));
        }
    }
    let suppliers: Vec<Value> = a
        .parties
        .iter()
        .filter(|x| x.sector == Sector::IdeaDriven)
        .map(parties::reference)
        .collect();
    award.insert("suppliers".into(), json!(suppliers));
    if let Some(period) = period(p) {
        award.insert("contractPeriod".into(), period);
    }
    Value::Object(award)
}

fn period(p: &PublishedAgreement) -> Option<Value> {
    p.agreement()
        .term
        .as_ref()
        .map(|t| json!({ "startDate": day_start(t.start), "endDate": day_end(t.end) }))
}

fn contract(p: &PublishedAgreement, settings: &Settings, money: &Flows) -> Value {
    let a = p.agreement();
    let mut c = Map::new();
    c.insert("id".into(), json!(a.id.to_string()));
    c.insert("awardID".into(), json!(format!("{}-award", a.id)));
    c.insert("title".into(), json!(a.title));
    let mut description = a.purposes.join("\n\n");
    if money.public_cash().is_some() && money.public_cash_at_most() {
        if !description.is_empty() {
            description.push_str("\n\n");
        }
        description.push_str(VALUE_AT_MOST);
    }
    if !description.is_empty() {
        c.insert("description".into(), json!(description));
    }
    c.insert("status".into(), json!(contract_status(a.status)));
    if let Some(period) = period(p) {
        c.insert("period".into(), period);
    }
    if let Some(cash) = money.public_cash() {
        c.insert("value".into(), value(cash));
    }
    if let Some(signed) = p.lifecycle().signed {
        c.insert("dateSigned".into(), json!(day_start(signed)));
    }
    c.insert("documents".into(), json!(documents(p, settings)));
    let amendments = amendments(p, settings);
    if !amendments.is_empty() {
        c.insert("amendments".into(), json!(amendments));
    }
    Value::Object(c)
}

fn documents(p: &PublishedAgreement, settings: &Settings) -> Vec<Value> {
    let a = p.agreement();
    let mut out = vec![json!({
        "id": "register-entry",
        "documentType": "contractSummary",
        "title": format!("{} (offentliga registret)", a.title),
        "url": register_entry_url(settings, a.id.as_str()),
        "format": "application/json",
        "language": "sv",
    })];
    if let Some(url) = p.document_url() {
        let kind = if p.lifecycle().signed.is_some() {
            "contractSigned"
        } else {
            "contractDraft"
        };
        out.push(json!({
            "id": "agreement",
            "documentType": kind,
            "title": a.title,
            "url": url,
            "format": "application/pdf",
            "language": "sv",
        }));
    }
    out
}

/// The public JSON entry of an agreement in the register.
pub(crate) fn register_entry_url(settings: &Settings, id: &str) -> String {
    format!(
        "{}/api/v1/register/{}",
        settings.base_url(),
        crate::json::encode(id)
    )
}

/// Every version after the first is an amendment of the one before.
fn amendments(p: &PublishedAgreement, settings: &Settings) -> Vec<Value> {
    let stem = release_stem(p, settings);
    p.versions()
        .iter()
        .skip(1)
        .map(|v| {
            json!({
                "id": format!("v{}", v.number),
                "date": timestamp_text(v.at),
                "description": format!("Version {} av överenskommelsen", v.number),
                "amendsReleaseID": format!("{stem}-contract-v{}", v.number - 1),
                "releaseID": format!("{stem}-contract-v{}", v.number),
            })
        })
        .collect()
}

fn implementation_release(
    p: &PublishedAgreement,
    settings: &Settings,
    money: &Flows,
    contract_date: Timestamp,
) -> Option<Release> {
    let a = p.agreement();
    let latest_record = p.follow_up().iter().map(|r| r.recorded_at).max();
    let ended = p
        .lifecycle()
        .ended
        .and_then(|d| d.get().to_zoned(jiff::tz::TimeZone::UTC).ok())
        .map(|z| z.timestamp());
    let date = truncate(
        [Some(contract_date), latest_record, ended]
            .into_iter()
            .flatten()
            .max()
            .unwrap_or(contract_date),
    );
    let mut implementation = Map::new();
    let transactions = parties::transactions(p);
    if !transactions.is_empty() {
        implementation.insert("transactions".into(), json!(transactions));
    }
    let milestones = milestones::milestones(p, money);
    if !milestones.is_empty() {
        implementation.insert("milestones".into(), json!(milestones));
    }
    if implementation.is_empty() {
        return None;
    }
    let contracts = json!([{
        "id": a.id.to_string(),
        "awardID": format!("{}-award", a.id),
        "implementation": implementation,
    }]);
    // The id names the content, so the same state of the follow-up gives
    // the same id and any change gives a new one.
    let body = json!({ "date": timestamp_text(date), "contracts": contracts });
    let id = format!(
        "{}-implementation-{}",
        release_stem(p, settings),
        fingerprint(body.to_string().as_bytes())
    );
    let json = json!({
        "ocid": ocid(p, settings),
        "id": id,
        "date": timestamp_text(date),
        "tag": ["implementation"],
        "initiationType": "tender",
        "contracts": contracts,
    });
    Some(Release {
        ocid: ocid(p, settings),
        id,
        date,
        json,
    })
}
