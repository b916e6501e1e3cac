//! A framework agreement's appendices (bilagor, seed 004) as processes of
//! their own that follow on from the framework: OCID `{framework OCID}-bilaga-{N}`,
//! `relatedProcesses` with relationship `framework` pointing at the
//! framework's OCID. Each carries its own party, period and money; the
//! follow-up records stay with the framework (a record does not say which
//! appendix it belongs to).

use domain::Agreement;
use domain::model::{AgreementKind, Appendix, Sector, Status};
use serde_json::{Value, json};

use super::{ocid, releases};
use crate::input::{Ocid, PublishedAgreement, Settings};

/// The releases of every appendix of a framework agreement; none otherwise.
pub(crate) fn appendix_releases(
    p: &PublishedAgreement,
    settings: &Settings,
) -> Vec<super::Release> {
    let a = p.agreement();
    if a.kind != AgreementKind::Framework {
        return Vec::new();
    }
    let framework = ocid(p, settings);
    // An appendix has no register entry of its own: its summary is the
    // framework's.
    let entry = super::register_entry_url(settings, a.id.as_str());
    let mut out = Vec::new();
    for ap in &a.appendices {
        let Ok(own) = Ocid::parse(&format!("{framework}-bilaga-{}", ap.number)) else {
            continue;
        };
        let Some(own_agreement) = as_agreement(a, ap) else {
            continue;
        };
        let Ok(derived) = PublishedAgreement::new(
            own_agreement,
            p.lifecycle().clone(),
            p.versions().to_vec(),
            Vec::new(),
        ) else {
            continue;
        };
        let mut derived = derived.with_adopted_ocid(own);
        if let Some(url) = p.document_url() {
            derived = derived.with_document_url(url);
        }
        for mut r in releases(&derived, settings) {
            link_framework_entry(&mut r.json, &entry);
            if let Value::Object(fields) = &mut r.json {
                fields.insert(
                    "relatedProcesses".into(),
                    json!([{
                        "id": "framework",
                        "relationship": ["framework"],
                        "title": a.title,
                        "scheme": "ocid",
                        "identifier": framework,
                    }]),
                );
            }
            out.push(r);
        }
    }
    out
}

/// The appendix as an agreement of its own: the framework's public parties
/// and the appendix's party, its period (else the framework's term) and its
/// money; no duties of the framework. Replaced or dropped: terminated.
fn as_agreement(a: &Agreement, ap: &Appendix) -> Option<Agreement> {
    let mut own = a.clone();
    own.id = format!("{}-bilaga-{}", a.id, ap.number).parse().ok()?;
    own.title = format!("Bilaga {}: {}", ap.number, ap.title);
    own.kind = AgreementKind::Standalone;
    own.parties
        .retain(|x| x.sector == Sector::Public || x.id == ap.party);
    own.term = ap.period.clone().or_else(|| a.term.clone());
    own.financing = ap.financing.clone();
    own.appendices = Vec::new();
    own.reporting = Vec::new();
    own.governance = Vec::new();
    own.purposes = Vec::new();
    if ap.status.has_ended() {
        own.status = Status::Terminated;
    }
    Some(own)
}

/// Points the release's register-entry document at the framework's entry.
fn link_framework_entry(release: &mut Value, entry: &str) {
    let documents = release
        .get_mut("contracts")
        .and_then(|c| c.get_mut(0))
        .and_then(|c| c.get_mut("documents"))
        .and_then(Value::as_array_mut);
    for d in documents.into_iter().flatten() {
        if d.get("id").and_then(Value::as_str) == Some("register-entry") {
            d["url"] = Value::from(entry);
        }
    }
}
