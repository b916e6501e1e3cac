//! The feeds of the seed agreements, published as if decided and followed
//! up, checked by the official validators (offline, in ../shared/tools),
//! for the same bytes on every run, and for paging.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::PathBuf;
use std::process::Command;

use domain::format::{Syntax, parse};
use domain::model::Status;
use domain::rules::obligations::{ObligationKind, ObligationOptions, obligations};
use domain::value::Date;
use jiff::Timestamp;
use publish::dcat::{Contact, catalogue};
use publish::giving::giving_package;
use publish::money::flows;
use publish::ocds::{PageQuery, record_package, release_package, write_release_package};
use publish::table::{csv, money};
use publish::xlsx::register_xlsx;
use publish::{Event, FollowUp, Lifecycle, PublishedAgreement, Settings, Version};
use serde_json::Value;

mod validators;

const EXAMPLES: [(&str, &str); 4] = [
    (
        "000-gotland-rkg",
        include_str!("../../../examples/000-gotland-rkg.toml"),
    ),
    (
        "002-linkoping-vi-ses",
        include_str!("../../../examples/002-linkoping-vi-ses.toml"),
    ),
    (
        "003-skane-malmo-barn",
        include_str!("../../../examples/003-skane-malmo-barn.toml"),
    ),
    (
        "004-goteborg-eu-migranter",
        include_str!("../../../examples/004-goteborg-eu-migranter.toml"),
    ),
];

fn settings() -> Settings {
    Settings::new(
        "ocds-a1b2c3",
        None,
        "Linköpings kommun",
        "212000-0449",
        "https://iop.example.se",
    )
    .unwrap()
}

fn ts(text: &str) -> Timestamp {
    text.parse().unwrap()
}

fn day(text: &str) -> Date {
    text.parse().unwrap()
}

/// A seed as if decided a month before its term, published, and followed
/// up in its first year: the first report received, one meeting of the
/// first body, and every payment planned for the first year paid.
fn published(name: &str, text: &str) -> PublishedAgreement {
    let status = match name {
        "002-linkoping-vi-ses" => Status::Ended,
        "004-goteborg-eu-migranter" => Status::Decided,
        _ => Status::Active,
    };
    publish_as(parse(text, Syntax::Toml).unwrap(), status)
        .with_document_url(format!("https://iop.example.se/dokument/{name}.pdf"))
}

/// `a` with `status`, decided, published and followed up as `published` says.
fn publish_as(mut a: domain::Agreement, status: Status) -> PublishedAgreement {
    let term = a.term.clone().unwrap();
    let year = term.start.year();
    a.status = status;
    let decided = Date::from_ymd(year - 1, 12, 1).unwrap();
    let signed = (a.status != Status::Decided).then(|| Date::from_ymd(year - 1, 12, 15).unwrap());
    let lifecycle = Lifecycle {
        decided,
        signed,
        published: ts(&format!("{}-12-20T09:00:00Z", year - 1)),
        ended: (a.status == Status::Ended).then_some(term.end),
    };
    let versions = vec![
        Version {
            number: 1,
            at: ts(&format!("{}-11-01T08:00:00Z", year - 1)),
        },
        Version {
            number: 2,
            at: ts(&format!("{}-12-10T08:00:00Z", year - 1)),
        },
    ];
    let mut records = Vec::new();
    let recorded = ts(&format!("{year}-12-30T12:00:00Z"));
    let duties = obligations(&a, ObligationOptions::default()).unwrap();
    if let Some(report) = duties.iter().find(|o| o.kind.is_report()) {
        records.push(FollowUp {
            id: "r-report".into(),
            recorded_at: recorded,
            event: Event::Report {
                date: report.due,
                obligation: Some(report.key()),
            },
        });
    }
    if let Some(meeting) = duties.iter().find(|o| o.kind == ObligationKind::Meeting) {
        records.push(FollowUp {
            id: "r-meeting".into(),
            recorded_at: recorded,
            event: Event::Meeting {
                date: meeting.window_start.unwrap_or(meeting.due),
                body: Some(meeting.clause.id.clone()),
                obligation: None,
            },
        });
    }
    for (i, pay) in flows(&a)
        .payments
        .iter()
        .filter(|p| p.date.year() == year)
        .enumerate()
    {
        records.push(FollowUp {
            id: format!("r-payment-{i}"),
            recorded_at: recorded,
            event: Event::Payment {
                date: pay.date,
                amount: pay.amount,
                payer: pay.payer.clone(),
                payee: pay.payee.clone(),
                obligation: None,
            },
        });
    }
    PublishedAgreement::new(a, lifecycle, versions, records).unwrap()
}

fn all() -> Vec<PublishedAgreement> {
    EXAMPLES
        .iter()
        .map(|(name, text)| published(name, text))
        .collect()
}

fn everything() -> PageQuery<'static> {
    PageQuery {
        since: None,
        cursor: None,
        limit: 1000,
    }
}

fn out_dir() -> PathBuf {
    let dir = std::env::temp_dir().join(format!("iop-publish-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Runs a validator on `value` written to `file`; returns its summary.
fn validate(tool: &str, file: &str, value: &Value) -> Value {
    let path = out_dir().join(file);
    std::fs::write(&path, serde_json::to_vec_pretty(value).unwrap()).unwrap();
    validators::run(tool, &path)
}

fn assert_valid_ocds(file: &str, package: &Value) {
    validators::assert_valid_ocds(file, &validate("validate-ocds", file, package));
}

/// The shared validator cannot check a record package offline: the 1.1
/// record package schema refers to the versioned release schema by its URL
/// on standard.open-contracting.org. So the record package's shape is
/// checked here, and its releases and compiled releases (which follow the
/// release schema) are validated as a release package.
fn assert_valid_records(file: &str, package: &Value) {
    let records = package["records"].as_array().unwrap();
    assert!(!records.is_empty());
    let mut releases = Vec::new();
    for record in records {
        let ocid = record["ocid"].as_str().unwrap();
        let compiled = &record["compiledRelease"];
        assert_eq!(compiled["ocid"].as_str(), Some(ocid));
        assert_eq!(compiled["tag"], serde_json::json!(["compiled"]));
        for r in record["releases"].as_array().unwrap() {
            assert_eq!(r["ocid"].as_str(), Some(ocid));
            releases.push(r.clone());
        }
        releases.push(compiled.clone());
    }
    for key in ["uri", "publisher", "publishedDate", "version"] {
        assert!(package.get(key).is_some(), "{file}: no {key}");
    }
    let mut as_releases = package.clone();
    let object = as_releases.as_object_mut().unwrap();
    object.remove("records");
    object.insert("releases".into(), Value::Array(releases));
    assert_valid_ocds(&file.replace(".json", "-as-releases.json"), &as_releases);
}

#[test]
fn every_seed_validates_as_ocds_and_360giving() {
    let settings = settings();
    for p in all() {
        let name = p.agreement().id.to_string();
        let releases = release_package(std::slice::from_ref(&p), &settings, &everything()).unwrap();
        assert_valid_ocds(&format!("{name}-releases.json"), &releases);
        let records = record_package(std::slice::from_ref(&p), &settings, &everything()).unwrap();
        assert_valid_records(&format!("{name}-records.json"), &records);
        // 004 states no money: no grant, and the package says why.
        match giving_package(std::slice::from_ref(&p), &settings) {
            Ok(giving) => {
                let summary = validate(
                    "validate-360giving",
                    &format!("{name}-360giving.json"),
                    &giving,
                );
                assert_eq!(summary["valid"], Value::Bool(true), "{name}: {summary:#}");
            }
            Err(e) => assert_eq!(name, "goteborg-eu-migranter-2015", "{e}"),
        }
    }
    let all = all();
    assert_valid_ocds(
        "register-releases.json",
        &release_package(&all, &settings, &everything()).unwrap(),
    );
    assert_valid_records(
        "register-records.json",
        &record_package(&all, &settings, &everything()).unwrap(),
    );
    let giving = giving_package(&all, &settings).unwrap();
    let summary = validate("validate-360giving", "register-360giving.json", &giving);
    assert_eq!(summary["valid"], Value::Bool(true), "{summary:#}");
}

#[test]
fn the_same_input_gives_the_same_bytes() {
    let settings = settings();
    let bytes = |list: &[PublishedAgreement]| {
        let mut out =
            serde_json::to_vec(&release_package(list, &settings, &everything()).unwrap()).unwrap();
        out.extend(
            serde_json::to_vec(&record_package(list, &settings, &everything()).unwrap()).unwrap(),
        );
        out.extend(serde_json::to_vec(&giving_package(list, &settings).unwrap()).unwrap());
        out
    };
    let first = bytes(&all());
    assert!(first == bytes(&all()), "two runs differ");
    // The order the caller lists agreements in does not matter.
    let mut reversed = all();
    reversed.reverse();
    assert!(
        first == bytes(&reversed),
        "the order of the agreements changes the bytes"
    );
}

#[test]
fn pages_follow_links_next_to_every_release_once() {
    let settings = settings();
    let all = all();
    let whole = release_package(&all, &settings, &everything()).unwrap();
    let want: Vec<Value> = whole["releases"].as_array().unwrap().clone();
    // Two per agreement, one per appendix of 004 (no duties, no money).
    assert_eq!(want.len(), 13);
    assert!(whole.get("links").is_none(), "one page needs no link");

    let got = follow("releases", 3, |query| {
        let page = release_package(&all, &settings, query).unwrap();
        if let Some(next) = page["links"]["next"].as_str() {
            let prefix = "https://iop.example.se/api/v1/register/ocds/releases?limit=3&cursor=";
            assert!(next.starts_with(prefix), "{next}");
        }
        page
    });
    assert_eq!(got, want);

    // `since` keeps what is dated on or after it.
    let since = ts("2025-01-01T00:00:00Z");
    let query = PageQuery {
        since: Some(since),
        cursor: None,
        limit: 1000,
    };
    let recent = release_package(&all, &settings, &query).unwrap();
    let dates: Vec<&str> = recent["releases"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["date"].as_str().unwrap())
        .collect();
    assert!(!dates.is_empty() && dates.len() < want.len(), "{dates:?}");
    assert!(
        dates.iter().all(|d| *d >= "2025-01-01T00:00:00Z"),
        "{dates:?}"
    );

    // Records page by OCID: four agreements and five appendices.
    let records = follow("records", 4, |query| {
        record_package(&all, &settings, query).unwrap()
    });
    let ocids: Vec<&str> = records
        .iter()
        .map(|r| r["ocid"].as_str().unwrap())
        .collect();
    assert_eq!(ocids.len(), 9, "{ocids:?}");
    assert!(ocids.windows(2).all(|w| w[0] < w[1]), "{ocids:?}");
    assert!(
        release_package(
            &all,
            &settings,
            &PageQuery {
                since: None,
                cursor: Some("nonsense"),
                limit: 3
            }
        )
        .is_err()
    );
}

/// Follows `links.next` from the first page of at most `limit` items; every
/// item under `key`, in order.
fn follow(key: &str, limit: usize, page: impl Fn(&PageQuery<'_>) -> Value) -> Vec<Value> {
    let mut got = Vec::new();
    let mut cursor: Option<String> = None;
    loop {
        let query = PageQuery {
            since: None,
            cursor: cursor.as_deref(),
            limit,
        };
        let page = page(&query);
        let items = page[key].as_array().unwrap();
        assert!(items.len() <= limit);
        got.extend(items.iter().cloned());
        let Some(next) = page["links"]["next"].as_str() else {
            return got;
        };
        cursor = Some(decode(next.split("cursor=").nth(1).unwrap()));
    }
}

fn decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            out.push(u8::from_str_radix(&text[i + 1..i + 3], 16).unwrap());
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).unwrap()
}

#[test]
fn drafts_are_refused_and_no_person_is_published() {
    let (_, text) = EXAMPLES[2];
    let draft = parse(text, Syntax::Toml).unwrap();
    assert_eq!(draft.status, Status::Draft);
    let lifecycle = Lifecycle {
        decided: day("2020-12-01"),
        signed: None,
        published: ts("2020-12-20T00:00:00Z"),
        ended: None,
    };
    let versions = vec![Version {
        number: 1,
        at: ts("2020-11-01T00:00:00Z"),
    }];
    assert!(PublishedAgreement::new(draft, lifecycle, versions, Vec::new()).is_err());

    // Seed 003 names contact persons with phone numbers and signatories: none reach the feeds.
    let p = published("003-skane-malmo-barn", text);
    let settings = settings();
    let text = [
        release_package(std::slice::from_ref(&p), &settings, &everything()).unwrap(),
        record_package(std::slice::from_ref(&p), &settings, &everything()).unwrap(),
        giving_package(std::slice::from_ref(&p), &settings).unwrap(),
    ]
    .map(|v| v.to_string())
    .join("\n");
    for party in &p.agreement().parties {
        for person in party
            .contacts
            .iter()
            .map(|c| &c.name)
            .chain(party.signatories.iter().map(|s| &s.name))
        {
            assert!(!text.contains(person.as_str()), "{person} is published");
        }
        for phone in party.contacts.iter().filter_map(|c| c.phone.as_ref()) {
            assert!(!text.contains(phone.as_str()), "{phone} is published");
        }
    }
}

#[test]
fn a_page_with_links_next_validates() {
    let settings = settings();
    let query = PageQuery {
        since: None,
        cursor: None,
        limit: 3,
    };
    let page = release_package(&all(), &settings, &query).unwrap();
    assert!(page["links"]["next"].is_string());
    assert_valid_ocds("register-releases-page-1.json", &page);
}

#[test]
fn an_adopted_ocid_is_used_with_this_publishers_release_ids() {
    let settings = settings();
    let (name, text) = EXAMPLES[1];
    let ocid = publish::Ocid::parse("ocds-zz9xx8-vi-ses-2022").unwrap();
    let p = published(name, text).with_adopted_ocid(ocid);
    let package = release_package(std::slice::from_ref(&p), &settings, &everything()).unwrap();
    for r in package["releases"].as_array().unwrap() {
        assert_eq!(r["ocid"], "ocds-zz9xx8-vi-ses-2022");
        assert!(
            r["id"]
                .as_str()
                .unwrap()
                .starts_with("ocds-a1b2c3-linkoping-vi-ses-2022-")
        );
    }
}

#[test]
fn the_ocid_an_agreement_file_records_is_adopted_and_a_malformed_one_refused() {
    let settings = settings();
    let (_, text) = EXAMPLES[1];
    let mut a = parse(text, Syntax::Toml).unwrap();
    a.ocid = Some("ocds-zz9xx8-vi-ses-2022".into());
    let p = publish_as(a.clone(), Status::Active);
    let records = record_package(std::slice::from_ref(&p), &settings, &everything()).unwrap();
    assert_eq!(records["records"][0]["ocid"], "ocds-zz9xx8-vi-ses-2022");
    assert!(
        records["records"][0]["releases"][0]["id"]
            .as_str()
            .unwrap()
            .starts_with("ocds-a1b2c3-linkoping-vi-ses-2022-contract-v")
    );
    a.ocid = Some("ocds-zz9-vi-ses".into());
    a.status = Status::Active;
    let lifecycle = p.lifecycle().clone();
    let versions = p.versions().to_vec();
    assert!(matches!(
        PublishedAgreement::new(a, lifecycle, versions, Vec::new()),
        Err(publish::PublishError::AdoptedOcid(o)) if o == "ocds-zz9-vi-ses"
    ));
}

#[test]
fn an_ended_agreement_shows_unmet_duties_as_not_met() {
    let settings = settings();
    let (name, text) = EXAMPLES[1];
    let p = published(name, text);
    assert_eq!(p.agreement().status, Status::Ended);
    let records = record_package(std::slice::from_ref(&p), &settings, &everything()).unwrap();
    let compiled = &records["records"][0]["compiledRelease"];
    assert_eq!(compiled["contracts"][0]["status"], "terminated");
    let milestones = compiled["contracts"][0]["implementation"]["milestones"]
        .as_array()
        .unwrap();
    let status = |id: &str| {
        milestones
            .iter()
            .find(|m| m["id"] == id)
            .map(|m| m["status"].as_str().unwrap().to_owned())
    };
    // Paid in 2022 as planned; nothing recorded for 2023.
    let paid = "payment.avtal.linkopings-kommun.roda-korset.2022-01-01";
    assert_eq!(status(paid).as_deref(), Some("met"));
    let unpaid = "payment.avtal.linkopings-kommun.roda-korset.2023-01-01";
    assert_eq!(status(unpaid).as_deref(), Some("notMet"));
    // The steering group met once of the two times a year it must.
    assert_eq!(
        status("meeting.styrgrupp.2022-01-01").as_deref(),
        Some("partiallyMet")
    );
    // Recorded payments are transactions; the amounts add up in 360Giving.
    let transactions = compiled["contracts"][0]["implementation"]["transactions"]
        .as_array()
        .unwrap();
    assert_eq!(transactions.len(), 1);
    assert_eq!(transactions[0]["value"]["amount"], 600_000);
    let giving = giving_package(std::slice::from_ref(&p), &settings).unwrap();
    assert_eq!(giving["grants"][0]["amountDisbursed"], 600_000);
    // 600 000 in 2022, 612 000 in 2023 (2 % indexation).
    assert_eq!(giving["grants"][0]["amountAwarded"], 1_212_000);
}

/// Python with openpyxl and rdflib, in a virtual environment made once
/// (`IOP_TEST_PYTHON`, default ~/.cache/iop-test-python).
fn python() -> PathBuf {
    let venv = std::env::var_os("IOP_TEST_PYTHON").map_or_else(
        || PathBuf::from(std::env::var_os("HOME").unwrap()).join(".cache/iop-test-python"),
        PathBuf::from,
    );
    let python = venv.join("bin/python");
    let ready = Command::new(&python)
        .args(["-c", "import openpyxl, rdflib"])
        .status()
        .is_ok_and(|s| s.success());
    if !ready {
        let made = Command::new("python3")
            .arg("-m")
            .arg("venv")
            .arg(&venv)
            .status()
            .unwrap();
        assert!(made.success(), "python3 -m venv {}", venv.display());
        let pip = Command::new(&python)
            .args(["-m", "pip", "install", "-q", "openpyxl", "rdflib"])
            .status()
            .unwrap();
        assert!(pip.success(), "pip install openpyxl rdflib");
    }
    python
}

/// Writes `bytes` to `file` and runs `script` on it; its JSON answer.
fn read_back(script: &str, file: &str, bytes: &[u8]) -> Value {
    let path = out_dir().join(file);
    std::fs::write(&path, bytes).unwrap();
    let out = Command::new(python())
        .arg("-c")
        .arg(script)
        .arg(&path)
        .output()
        .unwrap();
    let read: Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stderr)));
    println!("{file}: {read}");
    read
}

/// Reads the workbook back: per agreement id, the sum of the money sheet's
/// cash and in-kind cells and the agreement sheet's total, in öre; and
/// whether every amount is a number and every date a date.
const READ_BACK: &str = r#"
import json, sys, datetime
from openpyxl import load_workbook
wb = load_workbook(sys.argv[1])
money, totals, typed = {}, {}, True
ws = wb["Ekonomi per år och part"]
head = [c.value for c in ws[1]]
for row in ws.iter_rows(min_row=2, values_only=True):
    r = dict(zip(head, row))
    for col in ("Kontant (kr)", "Egeninsats (kr)"):
        v = r[col]
        if v is not None:
            typed &= isinstance(v, (int, float))
            money[r["Id"]] = money.get(r["Id"], 0) + round(v * 100)
    typed &= isinstance(r["År"], (int, float)) and isinstance(r["Från"], datetime.datetime)
ws = wb["Överenskommelser"]
head = [c.value for c in ws[1]]
for row in ws.iter_rows(min_row=2, values_only=True):
    r = dict(zip(head, row))
    typed &= isinstance(r["Beslutad"], datetime.datetime)
    if r["Budget totalt (kr)"] is not None:
        totals[r["Id"]] = round(r["Budget totalt (kr)"] * 100)
print(json.dumps({"money": money, "totals": totals, "typed": typed, "sheets": wb.sheetnames}))
"#;

#[test]
fn the_spreadsheet_opens_in_openpyxl_and_its_totals_equal_the_schedule() {
    let settings = settings();
    let all = all();
    let read = read_back(
        READ_BACK,
        "register.xlsx",
        &register_xlsx(&all, &settings).unwrap(),
    );
    assert_eq!(read["typed"], true, "{read}");
    assert_eq!(
        read["sheets"],
        serde_json::json!(["Överenskommelser", "Ekonomi per år och part"])
    );
    let mut with_money = 0;
    for p in &all {
        let a = p.agreement();
        let id = a.id.as_str();
        match domain::rules::schedule::schedule(a, Default::default()) {
            Ok(s) => {
                with_money += 1;
                let total = s.total.ore();
                assert_eq!(read["money"][id], total, "{id}: money sheet");
                assert_eq!(read["totals"][id], total, "{id}: agreement sheet");
            }
            Err(_) => assert!(read["money"].get(id).is_none(), "{id}"),
        }
    }
    assert_eq!(with_money, 3);

    let table = money(&all);
    let text = csv(&table);
    assert!(text.starts_with("Id,Titel,Bilaga,År,Från,Till,Part,Organisationsnummer,Sektor,Kontant (kr),Egeninsats (kr),Egeninsats minst,Kontant högst\r\n"));
    assert_eq!(text.matches("\r\n").count(), table.rows.len() + 1);
}

/// Parses the catalogue with rdflib and lists what DCAT-AP-SE 3.0.1 makes
/// mandatory that is missing, blank nodes and relative IRIs.
const CHECK_DCAT: &str = r#"
import json, sys
from rdflib import Graph, URIRef, BNode, Namespace
from rdflib.namespace import RDF, DCTERMS, FOAF, DCAT
VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")
g = Graph()
g.parse(sys.argv[1], format="xml")
problems = []
for triple in g:
    for node in triple:
        if isinstance(node, BNode):
            problems.append(f"blank node in {triple}")
        if isinstance(node, URIRef) and not str(node).startswith(("http://", "https://", "mailto:")):
            problems.append(f"relative IRI {node}")
mandatory = {
    DCAT.Catalog: [DCTERMS.title, DCTERMS.description, DCTERMS.publisher, DCTERMS.license, DCAT.dataset],
    DCAT.Dataset: [DCTERMS.title, DCTERMS.description, DCTERMS.publisher, DCAT.contactPoint, DCAT.distribution],
    DCAT.Distribution: [DCAT.accessURL, DCTERMS.format, DCTERMS.license],
    FOAF.Agent: [FOAF.name, DCTERMS.type],
    VCARD.Organization: [VCARD.fn, VCARD.hasEmail],
}
counts = {}
for cls, props in mandatory.items():
    subjects = list(g.subjects(RDF.type, cls))
    counts[str(cls)] = len(subjects)
    if not subjects:
        problems.append(f"no {cls}")
    for s in subjects:
        for p in props:
            if (s, p, None) not in g:
                problems.append(f"{s} has no {p}")
print(json.dumps({"triples": len(g), "counts": counts, "problems": problems,
                  "publisher": [str(o) for o in g.objects(None, DCTERMS.publisher)][:1],
                  "license": sorted({str(o) for o in g.objects(None, DCTERMS.license)})}))
"#;

#[test]
fn the_dcat_catalogue_parses_as_rdf_with_every_mandatory_property() {
    let settings = settings();
    let contact = Contact::new("Öppna data, Linköpings kommun", "oppnadata@example.se").unwrap();
    assert!(Contact::new("x", "not an address").is_err());
    let xml = catalogue(&settings, &contact, Some("2025-12-30"));
    let read = read_back(CHECK_DCAT, "dcat.rdf", xml.as_bytes());
    assert_eq!(read["problems"], serde_json::json!([]), "{read:#}");
    assert_eq!(read["counts"]["http://www.w3.org/ns/dcat#Distribution"], 5);
    assert_eq!(
        read["publisher"],
        serde_json::json!(["http://dataportal.se/organisation/SE2120000449"])
    );
    assert_eq!(
        read["license"],
        serde_json::json!(["http://creativecommons.org/publicdomain/zero/1.0/"])
    );
}

#[test]
fn a_generated_portfolio_of_1000_agreements_validates() {
    let settings = settings();
    let statuses = [
        Status::Active,
        Status::Ended,
        Status::Decided,
        Status::Signed,
        Status::Terminated,
    ];
    let portfolio: Vec<PublishedAgreement> = domain::generate::portfolio(1000, 17)
        .unwrap()
        .into_iter()
        .zip(statuses.iter().cycle())
        .map(|(a, status)| publish_as(a, *status))
        .collect();
    let query = PageQuery {
        limit: 5000,
        ..everything()
    };
    let releases = release_package(&portfolio, &settings, &query).unwrap();
    let count: usize = portfolio
        .iter()
        .map(|p| publish::ocds::releases(p, &settings).len())
        .sum();
    assert!(count > 2000, "{count}");
    assert_eq!(releases["releases"].as_array().unwrap().len(), count);
    assert_valid_ocds("portfolio-releases.json", &releases);
    let giving = giving_package(&portfolio, &settings).unwrap();
    let summary = validate("validate-360giving", "portfolio-360giving.json", &giving);
    assert_eq!(summary["valid"], Value::Bool(true), "{summary:#}");
}

#[test]
fn a_frameworks_appendices_follow_on_from_it() {
    let settings = settings();
    let (name, text) = EXAMPLES[3];
    let p = published(name, text);
    let package = release_package(std::slice::from_ref(&p), &settings, &everything()).unwrap();
    let framework = "ocds-a1b2c3-goteborg-eu-migranter-2015";
    let appendices: Vec<&Value> = package["releases"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["ocid"] != framework)
        .collect();
    assert_eq!(appendices.len(), 5);
    let first = appendices
        .iter()
        .find(|r| r["ocid"] == format!("{framework}-bilaga-1"))
        .unwrap();
    assert_eq!(
        first["relatedProcesses"][0]["relationship"],
        serde_json::json!(["framework"])
    );
    assert_eq!(first["relatedProcesses"][0]["identifier"], framework);
    // An appendix has no register entry of its own: it links the framework's.
    assert_eq!(
        first["contracts"][0]["documents"][0]["url"],
        "https://iop.example.se/api/v1/register/goteborg-eu-migranter-2015"
    );
    assert_eq!(first["relatedProcesses"][0]["scheme"], "ocid");
    assert_eq!(
        first["contracts"][0]["title"],
        "Bilaga 1: Stadsmissionen Crossroads"
    );
    // The appendix's party and the public party, not the other organisations.
    let names: Vec<&str> = first["parties"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x["name"].as_str().unwrap())
        .collect();
    assert_eq!(names.len(), 2, "{names:?}");
}

#[test]
fn the_streamed_release_package_holds_the_same_releases_and_validates() {
    let settings = settings();
    let mut bytes = Vec::new();
    let count = write_release_package(&mut bytes, all(), &settings).unwrap();
    let streamed: Value = serde_json::from_slice(&bytes).unwrap();
    let paged = release_package(&all(), &settings, &everything()).unwrap();
    assert_eq!(count, 13);
    let ids = |v: &Value| {
        let mut ids: Vec<String> = v["releases"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r.to_string())
            .collect();
        ids.sort();
        ids
    };
    assert_eq!(ids(&streamed), ids(&paged));
    assert_eq!(streamed["publishedDate"], paged["publishedDate"]);
    let mut again = Vec::new();
    write_release_package(&mut again, all(), &settings).unwrap();
    assert!(again == bytes, "two runs differ");
    assert_valid_ocds("register-releases-streamed.json", &streamed);
}

/// Streams the release package of `IOP_STREAM_COUNT` (default 300)
/// generated agreements to a counting sink: every agreement gives at least
/// its contract release. The measurement in docs/benchmarks.md is this test
/// with 100 000: `IOP_STREAM_COUNT=100000 cargo test --release -p publish
/// --test open_data -- --nocapture streams_a_large`.
#[test]
fn streams_a_large_register() {
    let settings = settings();
    let count: usize = std::env::var("IOP_STREAM_COUNT")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(300);
    let templates = domain::generate::seeds().unwrap();
    let mut rng = fastrand::Rng::with_seed(17);
    let statuses = [
        Status::Active,
        Status::Ended,
        Status::Decided,
        Status::Signed,
    ];
    let agreements = (0..count).map(|i| {
        let a = domain::generate::vary(&templates[i % templates.len()], i as u64, &mut rng);
        publish_as(a, statuses[i % statuses.len()])
    });
    let started = std::time::Instant::now();
    let mut sink = CountingSink(0);
    let releases = write_release_package(&mut sink, agreements, &settings).unwrap();
    println!(
        "{count} agreements: {releases} releases, {} MB in {:.1} s",
        sink.0 / 1_000_000,
        started.elapsed().as_secs_f64()
    );
    assert!(
        releases >= count,
        "{releases} releases for {count} agreements"
    );
    assert!(
        sink.0 > releases * 100,
        "{} bytes for {releases} releases",
        sink.0
    );
}

struct CountingSink(usize);

impl std::io::Write for CountingSink {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0 += buf.len();
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// The page written in two passes (keys first, then each release from its
/// agreement) is byte for byte the page built in memory, for the first
/// page, a middle page, the last page and a `since`.
#[test]
fn a_page_written_release_by_release_is_the_page_built_in_memory() {
    let settings = settings();
    let all = all();
    let mut queries = vec![everything()];
    let first = release_package(
        &all,
        &settings,
        &PageQuery {
            limit: 4,
            ..everything()
        },
    )
    .unwrap();
    let cursor = first["links"]["next"].as_str().unwrap();
    let cursor = decode(cursor.split("cursor=").nth(1).unwrap());
    let since = Some(ts("2023-01-01T00:00:00Z"));
    for limit in [1, 4, 5, 12, 13, 1000] {
        queries.push(PageQuery {
            limit,
            ..everything()
        });
        queries.push(PageQuery {
            limit,
            since,
            ..everything()
        });
    }
    let mut pages = 0;
    for query in &queries {
        let expected =
            serde_json::to_vec(&release_package(&all, &settings, query).unwrap()).unwrap();
        let written = publish::ocds::release_page_bytes(&all, &settings, query).unwrap();
        assert!(
            expected == written,
            "{query:?}:\n{}\n{}",
            String::from_utf8_lossy(&expected),
            String::from_utf8_lossy(&written)
        );
        pages += 1;
    }
    let next = PageQuery {
        limit: 4,
        cursor: Some(&cursor),
        ..everything()
    };
    let expected = serde_json::to_vec(&release_package(&all, &settings, &next).unwrap()).unwrap();
    assert!(
        expected == publish::ocds::release_page_bytes(&all, &settings, &next).unwrap(),
        "second page"
    );
    assert_eq!(pages, 13);
    assert!(
        publish::ocds::release_page_bytes(
            &all,
            &settings,
            &PageQuery {
                cursor: Some("x"),
                ..everything()
            }
        )
        .is_err()
    );
}

/// The record page gathered in two passes is byte for byte the one built in
/// memory: every page of two followed to the end, and a `since`.
#[test]
fn a_record_page_gathered_in_two_passes_is_the_page_built_in_memory() {
    let settings = settings();
    let all = all();
    let since = Some(ts("2023-01-01T00:00:00Z"));
    let mut compared = 0;
    for base in [
        everything(),
        PageQuery {
            since,
            ..everything()
        },
    ] {
        let mut cursor: Option<String> = None;
        loop {
            let query = PageQuery {
                limit: 2,
                cursor: cursor.as_deref(),
                ..base
            };
            let expected = record_package(&all, &settings, &query).unwrap();
            let written = publish::ocds::record_page_bytes(&all, &settings, &query).unwrap();
            assert!(
                serde_json::to_vec(&expected).unwrap() == written,
                "{query:?}: {}",
                String::from_utf8_lossy(&written)
            );
            compared += 1;
            match expected["links"]["next"].as_str() {
                Some(next) => cursor = Some(decode(next.split("cursor=").nth(1).unwrap())),
                None => break,
            }
        }
    }
    // Nine processes (four agreements, five appendices) in pages of two.
    assert!(compared >= 6, "{compared}");
    let whole = record_package(&all, &settings, &everything()).unwrap();
    assert!(
        serde_json::to_vec(&whole).unwrap()
            == publish::ocds::record_page_bytes(&all, &settings, &everything()).unwrap()
    );
}

/// Own text 10 of the import's tests: appendices 1 and 3 with reports of
/// their own. Their reports are milestones like the framework's, keyed by
/// their appendix, and the packages still validate.
#[test]
fn an_appendix_report_is_a_milestone_and_still_validates() {
    let settings = settings();
    let text = include_str!("../../import/tests/texts/10-ramavtal-bilagor-egen-uppsagning.toml");
    let p = publish_as(parse(text, Syntax::Toml).unwrap(), Status::Active);
    let releases = release_package(std::slice::from_ref(&p), &settings, &everything()).unwrap();
    assert_valid_ocds("stromsvik-releases.json", &releases);
    let records = record_package(std::slice::from_ref(&p), &settings, &everything()).unwrap();
    assert_valid_records("stromsvik-records.json", &records);
    // The milestones of every record's contracts.
    let milestones: Vec<&Value> = records["records"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|r| r["compiledRelease"]["contracts"].as_array().unwrap())
        .filter_map(|c| c["implementation"]["milestones"].as_array())
        .flatten()
        .collect();
    let due = |id: &str| {
        milestones
            .iter()
            .find(|m| m["id"] == id)
            .and_then(|m| m["dueDate"].as_str())
            .map(|d| d[..10].to_owned())
    };
    // Bilaga 1 (1 June 2026 – 31 May 2028), to the committee: the report
    // for 2026 "senast den 31 mars året efter", Wednesday 31 March 2027;
    // the one for 2028 on Saturday 31 March 2029 moves past Easter Sunday
    // and Easter Monday (1 and 2 April 2029) to Tuesday 3 April.
    let report = "annual-report.bilaga-1:bilaga-1-verksamhetsberattelse";
    let to = "kultur--och-fritidsnämnden";
    assert_eq!(
        due(&format!("{report}.2026.{to}")).as_deref(),
        Some("2027-03-31")
    );
    assert_eq!(
        due(&format!("{report}.2028.{to}")).as_deref(),
        Some("2029-04-03")
    );
    // 2029 is a year of the framework's term (2026–2029) but not of Bilaga
    // 1's period: it owes no report for it, and none on other years either.
    assert_eq!(due(&format!("{report}.2029.{to}")), None);
    let mut bilaga_1_years: Vec<&str> = milestones
        .iter()
        .filter_map(|m| m["id"].as_str()?.strip_prefix(report))
        .collect();
    bilaga_1_years.sort_unstable();
    assert_eq!(
        bilaga_1_years,
        [2026, 2027, 2028].map(|y| format!(".{y}.{to}"))
    );
    // Bilaga 3's final report at the end of its period, Monday 31 December
    // 2029 (nyårsafton), moves past New Year's Day to Wednesday 2 January 2030.
    assert_eq!(
        due("end-of-period-report.bilaga-3:bilaga-3-slutrapport.2029-12-31").as_deref(),
        Some("2030-01-02")
    );
}

#[test]
fn a_ceiling_is_published_as_the_most_that_can_be_paid_and_validates() {
    let settings = settings();
    let p = publish_as(domain::generate::night_shelter().unwrap(), Status::Active);
    // Four full years of at most 1 150 000 kr: at most 4 600 000 kr.
    let releases = release_package(std::slice::from_ref(&p), &settings, &everything()).unwrap();
    assert_valid_ocds("night-shelter-releases.json", &releases);
    // The contract release (the first) holds the budget and the contract.
    let release = &releases["releases"][0];
    let budget = &release["planning"]["budget"];
    let amount = |v: &Value| v["amount"].as_f64().unwrap();
    assert_eq!(amount(&budget["amount"]), 4_600_000.0);
    assert!(
        budget["description"]
            .as_str()
            .unwrap()
            .contains("\"högst\" är tak")
    );
    assert_eq!(amount(&release["contracts"][0]["value"]), 4_600_000.0);
    // The award's and the contract's value say they are the most.
    for part in [&release["awards"][0], &release["contracts"][0]] {
        let words = part["description"].as_str().unwrap();
        assert!(words.contains("det mesta som kan betalas"), "{words}");
    }
    let cash = budget["budgetBreakdown"]
        .as_array()
        .unwrap()
        .iter()
        .find(|b| {
            b["description"]
                .as_str()
                .unwrap()
                .contains("kontant, högst")
        })
        .unwrap();
    assert_eq!(amount(&cash["amount"]), 1_150_000.0);
    // 360Giving: the grant awards the most, and says it is a ceiling.
    let giving = giving_package(std::slice::from_ref(&p), &settings).unwrap();
    let summary = validate(
        "validate-360giving",
        "night-shelter-360giving.json",
        &giving,
    );
    assert_eq!(summary["valid"], Value::Bool(true), "{summary:#}");
    let grant = &giving["grants"][0];
    assert_eq!(grant["amountAwarded"].as_f64(), Some(4_600_000.0));
    assert!(
        grant["description"]
            .as_str()
            .unwrap()
            .contains("4 600 000 kr av det är ett tak")
    );
    // The spreadsheet marks the cash as a ceiling.
    let table = csv(&money(std::slice::from_ref(&p)));
    let region = table
        .lines()
        .find(|l| l.contains("Region Gotland") && l.contains(",2025,"))
        .unwrap();
    assert!(region.ends_with(",Nej,Ja"), "{region}");
}

/// The night shelter's only money is a ceiling, 1 150 000 kr a year for
/// four years: the sheet's budget (4 600 000 kr) and public cash are marked
/// "högst"; seed 000's firm 1 300 000 kr a year is not.
#[test]
fn a_ceiling_is_marked_at_most_in_the_agreements_sheet() {
    let marks = |a: domain::Agreement| {
        let t = publish::table::portfolio(std::slice::from_ref(&a));
        let at = |name: &str| t.columns.iter().position(|c| *c == name).unwrap();
        let row = &t.rows[0];
        (
            row[at("Budget totalt (kr)")].clone(),
            row[at("Budget totalt högst")].clone(),
            row[at("Offentlig kontant finansiering högst")].clone(),
        )
    };
    use publish::table::Cell;
    let yes = Cell::Text("Ja".into());
    let no = Cell::Text("Nej".into());
    assert_eq!(
        marks(domain::generate::night_shelter().unwrap()),
        (
            Cell::Kronor(domain::value::Money::from_kronor(4_600_000).unwrap()),
            yes.clone(),
            yes
        )
    );
    let gotland = parse(EXAMPLES[0].1, Syntax::Toml).unwrap();
    assert_eq!(marks(gotland).1, no);
}
