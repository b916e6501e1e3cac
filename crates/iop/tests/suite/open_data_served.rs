//! The open data as the running server serves it, on SQLite and
//! PostgreSQL: no route shadows an agreement, an official's portfolio as
//! CSV and XLSX behind sign-in, the served DCAT catalogue and workbook read
//! back with rdflib and openpyxl, every seed with a year of follow-up
//! passing both validators, adopted OCIDs, and honest document links.

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::{Value, json};

use crate::support::*;
use crate::validators;

/// Where this test writes the files it hands to Python and the validators.
fn out_dir() -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("open-data-served");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn write(file: &str, bytes: &[u8]) -> PathBuf {
    let path = out_dir().join(format!("{}-{file}", std::process::id()));
    std::fs::write(&path, bytes).unwrap();
    path
}

/// Python with openpyxl and rdflib, in a virtual environment under the
/// target directory made once and kept between runs (the mail tests' helper).
fn python() -> PathBuf {
    crate::smtp_fixture::venv_python("open-data-venv", &["openpyxl", "rdflib"])
}

/// Runs `script` on `bytes` written to `file`; its JSON answer.
fn read_back(script: &str, file: &str, bytes: &[u8]) -> Value {
    let path = write(file, bytes);
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

/// The bytes of a GET, with a bearer token when `user` is not empty.
fn download(s: &Server, path: &str, user: &str) -> (u16, Vec<u8>) {
    let mut request = agent().get(s.url(path));
    if !user.is_empty() {
        request = request.header("Authorization", format!("Bearer {}", s.token(user)));
    }
    let response = request.call().unwrap();
    let status = response.status().as_u16();
    (status, response.into_body().read_to_vec().unwrap())
}

fn public_json(s: &Server, path: &str) -> Value {
    let reply = s.send("GET", path, &[(AS, "")], None);
    assert_eq!(reply.status, 200, "{path}: {}", reply.body);
    reply.json()
}

// ------------------------------------------------------- 1. route shadowing

on_both!(an_agreement_id_a_route_names_is_refused, |backend| {
    let db = fresh_database(backend, "served_reserved");
    let s = Server::start(&db, &["--demo"]);
    for reserved in ["360giving", "ocds", "ny"] {
        let file = example(VI_SES).replacen(
            &format!("id = \"{VI_SES_ID}\""),
            &format!("id = \"{reserved}\""),
            1,
        );
        assert!(file.contains(&format!("id = \"{reserved}\"")));
        let reply = s.send(
            "POST",
            "/api/v1/agreements",
            &[("Content-Type", "application/toml")],
            Some(&file),
        );
        assert_eq!(reply.status, 422, "{reserved}: {}", reply.body);
        let problem = reply.json();
        let codes: Vec<&str> = problem["errors"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|e| e["code"].as_str())
            .collect();
        assert!(codes.contains(&"id-reserved"), "{reserved}: {}", reply.body);
    }
    // The feed keeps its address.
    let giving = public_json(&s, "/api/v1/register/360giving");
    assert!(giving["grants"].as_array().is_some_and(|g| !g.is_empty()));
});

#[test]
fn iop_check_refuses_a_reserved_id_and_a_malformed_ocid() {
    let file = example(VI_SES).replacen(
        &format!("id = \"{VI_SES_ID}\""),
        "id = \"360giving\"\nocid = \"ocds-ABC-1\"",
        1,
    );
    let path = write("reserved.toml", file.as_bytes());
    let out = cli(&["check", "--format", "json", &path.display().to_string()]);
    assert_eq!(out.status.code(), Some(1));
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    let errors = report["files"][0]["errors"].as_array().unwrap();
    let find = |code: &str| errors.iter().find(|e| e["code"] == code).cloned();
    let reserved = find("id-reserved").unwrap_or_else(|| panic!("{report:#}"));
    assert_eq!(reserved["field"], "id");
    let ocid = find("ocid-format").unwrap_or_else(|| panic!("{report:#}"));
    assert_eq!(ocid["field"], "ocid");
    assert_eq!(ocid["line"], 8, "{ocid}");
    let english = cli(&["check", "--lang", "en", &path.display().to_string()]);
    let text = String::from_utf8_lossy(&english.stdout).to_string()
        + &String::from_utf8_lossy(&english.stderr);
    assert!(
        text.contains("The OCID \"ocds-ABC-1\" is malformed")
            && text.contains("six lower-case letters or digits"),
        "{text}"
    );
}

// ------------------------------------------------------------ 2. portfolio

/// Per sheet, the ids in the first column.
const SHEET_IDS: &str = r#"
import json, sys
from openpyxl import load_workbook
wb = load_workbook(sys.argv[1])
print(json.dumps({ws.title: sorted({r[0] for r in ws.iter_rows(min_row=2, values_only=True)}) for ws in wb}))
"#;

on_both!(an_officials_portfolio_downloads_behind_sign_in, |backend| {
    let db = fresh_database(backend, "served_portfolio");
    let s = Server::start(&db, &["--demo"]);
    iop(
        &db,
        &["user", "add", "olle", "--name", "Olle", "--password-stdin"],
        Some(&format!("{PASSWORD}\n")),
    );
    for path in ["/api/v1/portfolio.csv", "/api/v1/portfolio.xlsx"] {
        let anonymous = s.send("GET", path, &[(AS, "")], None);
        assert_eq!(anonymous.status, 401, "{path}: {}", anonymous.body);
    }
    let csv = s.send("GET", "/api/v1/portfolio.csv", &[], None);
    assert_eq!(csv.status, 200, "{}", csv.body);
    assert_eq!(csv.header("content-type"), Some("text/csv; charset=utf-8"));
    assert_eq!(csv.header("cache-control"), Some("private, no-store"));
    assert!(csv.body.starts_with("Id,Titel,Bilaga,År,"), "{}", csv.body);
    // The draft seed is the official's own, so it is there; the public
    // register never has it.
    assert!(csv.body.contains("gotland-rkg-2025"), "{}", csv.body);
    assert!(csv.body.contains(VI_SES_ID));
    let register = s.send("GET", "/register.csv", &[(AS, "")], None);
    assert!(!register.body.contains("gotland-rkg-2025"));

    let (status, xlsx) = download(&s, "/api/v1/portfolio.xlsx", "anna");
    assert_eq!(status, 200);
    let sheets = read_back(SHEET_IDS, "portfolio.xlsx", &xlsx);
    assert_eq!(
        sheets["Överenskommelser"],
        json!([
            "goteborg-eu-migranter-2015",
            "gotland-rkg-2025",
            VI_SES_ID,
            "skane-malmo-rk-barn-2021"
        ]),
        "{sheets}"
    );
    // Someone signed in with no organisation has an empty portfolio.
    let session = s.sign_in("olle");
    let empty = s.send_in(&session, "GET", "/api/v1/portfolio.csv", &[], None);
    assert_eq!(empty.status, 200, "{}", empty.body);
    assert_eq!(empty.body.lines().count(), 1, "{}", empty.body);
});

// ---------------------------------------------- 3. served DCAT and workbook

/// What DCAT-AP-SE 3.0.1 makes mandatory that the served catalogue lacks,
/// blank nodes and IRIs that are not absolute.
const CHECK_DCAT: &str = r##"
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
    DCAT.Catalog: [DCTERMS.title, DCTERMS.description, DCTERMS.publisher, DCAT.dataset],
    DCAT.Dataset: [DCTERMS.title, DCTERMS.description, DCTERMS.publisher, DCAT.contactPoint, DCAT.distribution],
    DCAT.Distribution: [DCAT.accessURL, DCTERMS.format, DCTERMS.license],
}
counts = {}
for cls, props in mandatory.items():
    subjects = list(g.subjects(RDF.type, cls))
    counts[str(cls).rsplit("#", 1)[1]] = len(subjects)
    for s in subjects:
        for p in props:
            if (s, p, None) not in g:
                problems.append(f"{s} has no {p}")
access = sorted(str(o) for o in g.objects(None, DCAT.accessURL))
print(json.dumps({"triples": len(g), "counts": counts, "problems": problems, "access": access}))
"##;

/// Per agreement id, the money sheet's sum and the agreement sheet's total,
/// in öre; and whether every amount is a number.
const XLSX_TOTALS: &str = r#"
import json, sys
from openpyxl import load_workbook
wb = load_workbook(sys.argv[1])
money, totals, typed = {}, {}, True
ws = wb["Ekonomi per år och part"]
head = [c.value for c in ws[1]]
for row in ws.iter_rows(min_row=2, values_only=True):
    r = dict(zip(head, row))
    for col in ("Kontant (kr)", "Egeninsats (kr)"):
        if r[col] is not None:
            typed &= isinstance(r[col], (int, float))
            money[r["Id"]] = money.get(r["Id"], 0) + round(r[col] * 100)
ws = wb["Överenskommelser"]
head = [c.value for c in ws[1]]
for row in ws.iter_rows(min_row=2, values_only=True):
    r = dict(zip(head, row))
    if r["Budget totalt (kr)"] is not None:
        totals[r["Id"]] = round(r["Budget totalt (kr)"] * 100)
print(json.dumps({"money": money, "totals": totals, "typed": typed}))
"#;

/// `iop schedule FILE --format json`'s total, in öre, or None when the
/// agreement states no money (the command exits 1).
fn schedule_total(file: &str) -> Option<i64> {
    let out = cli(&["schedule", &format!("examples/{file}"), "--format", "json"]);
    if !out.status.success() {
        return None;
    }
    let schedule: Value = serde_json::from_slice(&out.stdout).unwrap();
    let text = schedule["total"].as_str().unwrap();
    let (kronor, ore) = text.split_once('.').unwrap();
    Some(kronor.parse::<i64>().unwrap() * 100 + ore.parse::<i64>().unwrap())
}

on_both!(the_served_catalogue_and_workbook_read_back, |backend| {
    let db = fresh_database(backend, "served_dcat_xlsx");
    let base = "https://data.example.se/iop";
    let s = Server::start(&db, &["--demo", "--base-url", base]);
    let dcat = s.send("GET", "/datasets/dcat", &[(AS, "")], None);
    assert_eq!(dcat.status, 200);
    let read = read_back(CHECK_DCAT, "served.rdf", dcat.body.as_bytes());
    assert_eq!(read["problems"], json!([]), "{read:#}");
    assert_eq!(
        read["counts"],
        json!({"Catalog": 1, "Dataset": 1, "Distribution": 5})
    );
    for access in read["access"].as_array().unwrap() {
        assert!(access.as_str().unwrap().starts_with(base), "{access}");
    }

    let (status, xlsx) = download(&s, "/register.xlsx", "");
    assert_eq!(status, 200);
    let read = read_back(XLSX_TOTALS, "served.xlsx", &xlsx);
    assert_eq!(read["typed"], true, "{read}");
    // The published seeds of the demo; 004 states no money.
    let mut with_money = 0;
    for (file, id) in [
        (VI_SES, VI_SES_ID),
        ("003-skane-malmo-barn.toml", "skane-malmo-rk-barn-2021"),
        (
            "004-goteborg-eu-migranter.toml",
            "goteborg-eu-migranter-2015",
        ),
    ] {
        match schedule_total(file) {
            Some(total) => {
                with_money += 1;
                assert_eq!(read["money"][id], total, "{id}: money sheet");
                assert_eq!(read["totals"][id], total, "{id}: agreement sheet");
            }
            None => assert!(read["money"].get(id).is_none(), "{id}: {read}"),
        }
    }
    assert_eq!(with_money, 2);
    assert!(read["money"].get("gotland-rkg-2025").is_none(), "a draft");
});

// ------------------------------------------ 4. a year of follow-up, validated

/// Records of the first year of the agreement's term, through the API:
/// every report due in it or for it (by 30 June the year after) received,
/// every meeting window of it met, every payment planned in it paid.
/// Returns how many reports, payments and meetings.
fn first_year_follow_up(s: &Server, file: &str, id: &str) -> [usize; 3] {
    let out = cli(&["schedule", &format!("examples/{file}"), "--format", "json"]);
    let schedule: Value = serde_json::from_slice(&out.stdout).unwrap_or(Value::Null);
    let start = example(file)
        .lines()
        .find_map(|l| l.trim().strip_prefix("start = "))
        .map(|d| d.trim_matches('"')[..4].to_owned())
        .unwrap();
    let records = format!("/api/v1/agreements/{id}/records");
    let post = |body: Value| {
        let reply = s.send(
            "POST",
            &records,
            &[("content-type", "application/json")],
            Some(&body.to_string()),
        );
        assert_eq!(reply.status, 201, "{id} {body}: {}", reply.body);
    };
    let mut counts = [0; 3];
    let duties = || {
        s.send(
            "GET",
            &format!("/api/v1/agreements/{id}/obligations"),
            &[],
            None,
        )
        .json()
    };
    let is_report = |kind: &str| {
        kind.ends_with("report") || ["activity-plan", "evaluation", "compilation"].contains(&kind)
    };
    // The demo already holds the follow-up of the agreements that have
    // ended: a duty it met is not met twice.
    for duty in duties().as_array().unwrap() {
        let due = duty["due"].as_str().unwrap();
        let kind = duty["kind"].as_str().unwrap();
        let key = &duty["key"];
        // The first year's reports fall due in the spring after it.
        let reports_by = format!("{}-06-30", start.parse::<i32>().unwrap() + 1);
        if duty["state"] == "met"
            || !(due.starts_with(&start) || (is_report(kind) && due <= reports_by.as_str()))
        {
            continue;
        }
        if kind == "meeting" {
            let day = duty["window_start"].as_str().unwrap_or(due);
            post(
                json!({"kind": "meeting", "date": day, "clause": duty["clause"], "obligation": key}),
            );
        } else if is_report(kind) {
            post(json!({"kind": "report", "date": due, "state": "received", "obligation": key}));
        }
    }
    // Every report and meeting met, by this test or by the demo.
    for duty in duties().as_array().unwrap() {
        let kind = duty["kind"].as_str().unwrap();
        if duty["state"] == "met" && kind == "meeting" {
            counts[2] += 1;
        } else if duty["state"] == "met" && is_report(kind) {
            counts[0] += 1;
        }
    }
    for pay in schedule["payments"].as_array().into_iter().flatten() {
        let date = pay["date"].as_str().unwrap();
        if date.starts_with(&start) {
            post(
                json!({"kind": "payment", "date": date, "amount": pay["amount"], "party": pay["from"]}),
            );
            counts[1] += 1;
        }
    }
    counts
}

/// `validate-ocds` on `package`: valid, no error, no additional field.
fn assert_strictly_valid_ocds(file: &str, package: &Value) -> Value {
    let path = write(file, package.to_string().as_bytes());
    let summary = validators::run("validate-ocds", &path);
    validators::assert_valid_ocds(file, &summary);
    assert_eq!(
        summary["additional_fields"],
        json!([]),
        "{file}: {summary:#}"
    );
    summary
}

on_both!(every_seed_with_a_year_of_follow_up_validates, |backend| {
    let db = fresh_database(backend, "served_follow_up");
    let s = Server::start(&db, &["--demo"]);
    // Gotland's decision was referred back; here it is approved, decided
    // and published too, so every seed is in the feeds.
    let gotland = "gotland-rkg-2025";
    let approved = json!({"kind": "decision", "date": "2024-06-10", "body": "Regionstyrelsen",
        "case_number": "RS 2024/947", "paragraph": "RS § 120", "outcome": "approved"});
    let reply = s.send(
        "POST",
        &format!("/api/v1/agreements/{gotland}/records"),
        &[("content-type", "application/json")],
        Some(&approved.to_string()),
    );
    assert_eq!(reply.status, 201, "{}", reply.body);
    let version = s
        .send("GET", &format!("/api/v1/agreements/{gotland}"), &[], None)
        .header("etag")
        .unwrap()
        .to_owned();
    let reply = s.send(
        "POST",
        &format!("/api/v1/agreements/{gotland}/status"),
        &[("If-Match", &version), ("content-type", "application/json")],
        Some(r#"{"status":"decided"}"#),
    );
    assert_eq!(reply.status, 200, "{}", reply.body);
    let reply = s.send(
        "POST",
        &format!("/api/v1/agreements/{gotland}/published"),
        &[("content-type", "application/json")],
        Some(r#"{"published":true}"#),
    );
    assert_eq!(reply.status, 204, "{}", reply.body);

    let mut total = [0; 3];
    for (file, id) in [
        ("000-gotland-rkg.toml", gotland),
        (VI_SES, VI_SES_ID),
        ("003-skane-malmo-barn.toml", "skane-malmo-rk-barn-2021"),
        (
            "004-goteborg-eu-migranter.toml",
            "goteborg-eu-migranter-2015",
        ),
    ] {
        let counts = first_year_follow_up(&s, file, id);
        println!(
            "{id}: reports {}, payments {}, meetings {}",
            counts[0], counts[1], counts[2]
        );
        for (sum, n) in total.iter_mut().zip(counts) {
            *sum += n;
        }
    }
    assert!(total.iter().all(|n| *n > 0), "{total:?}");

    let releases = public_json(&s, "/api/v1/register/ocds/releases");
    let summary = assert_strictly_valid_ocds("follow-up-releases.json", &releases);
    let list = releases["releases"].as_array().unwrap();
    for id in [
        "gotland-rkg-2025",
        VI_SES_ID,
        "skane-malmo-rk-barn-2021",
        "goteborg-eu-migranter-2015",
    ] {
        assert!(
            list.iter()
                .any(|r| r["ocid"].as_str().unwrap().ends_with(id)),
            "{id} is not in the feed"
        );
    }
    // Every payment made is a transaction; every report and meeting a met milestone.
    let transactions: usize = list
        .iter()
        .flat_map(|r| r["contracts"].as_array().into_iter().flatten())
        .map(|c| {
            c["implementation"]["transactions"]
                .as_array()
                .map_or(0, Vec::len)
        })
        .sum();
    assert_eq!(transactions, total[1], "{summary}");
    // Every report received and every meeting held meets its milestone.
    let milestones: Vec<&Value> = list
        .iter()
        .flat_map(|r| r["contracts"].as_array().into_iter().flatten())
        .flat_map(|c| {
            c["implementation"]["milestones"]
                .as_array()
                .into_iter()
                .flatten()
        })
        .collect();
    let met = |kind: &str| {
        milestones
            .iter()
            .filter(|m| {
                m["type"] == kind
                    && ["met", "partiallyMet"].contains(&m["status"].as_str().unwrap())
            })
            .count()
    };
    assert_eq!(met("reporting"), total[0], "reports");
    assert_eq!(met("engagement"), total[2], "meetings");
    println!("release package: {} releases", list.len());

    // The record package's releases and compiled releases, as a release package.
    let records = public_json(&s, "/api/v1/register/ocds/records");
    let mut as_releases = Vec::new();
    for record in records["records"].as_array().unwrap() {
        as_releases.extend(record["releases"].as_array().unwrap().iter().cloned());
        as_releases.push(record["compiledRelease"].clone());
    }
    let mut package = records.clone();
    let object = package.as_object_mut().unwrap();
    object.remove("records");
    object.insert("releases".into(), Value::Array(as_releases));
    assert_strictly_valid_ocds("follow-up-records-as-releases.json", &package);

    let giving = public_json(&s, "/api/v1/register/360giving");
    let path = write("follow-up-360giving.json", giving.to_string().as_bytes());
    let summary = validators::run("validate-360giving", &path);
    assert_eq!(summary["valid"], Value::Bool(true), "{summary:#}");
    assert_eq!(summary["errors"], json!([]), "{summary:#}");
    let grants = giving["grants"].as_array().unwrap();
    let disbursed: usize = grants
        .iter()
        .map(|g| g["disbursementTransaction"].as_array().map_or(0, Vec::len))
        .sum();
    assert_eq!(disbursed, total[1]);
    println!("360Giving: {} grants", grants.len());
});

// ------------------------------------------------------ 5. an adopted OCID

on_both!(an_adopted_ocid_reaches_every_feed, |backend| {
    let db = fresh_database(backend, "served_ocid");
    let s = Server::start(&db, &["--demo"]);
    let path = format!("/api/v1/agreements/{VI_SES_ID}");
    let current = s.send("GET", &path, &[("Accept", "application/toml")], None);
    let version = current.header("etag").unwrap().to_owned();
    let id_line = format!("id = \"{VI_SES_ID}\"");
    let bad = current.body.replacen(
        &id_line,
        &format!("{id_line}\nocid = \"ocds-zz9-vi-ses\""),
        1,
    );
    let refused = s.send("PUT", &path, &[("If-Match", &version)], Some(&bad));
    assert_eq!(refused.status, 422, "{}", refused.body);
    assert!(refused.body.contains("ocid-format"), "{}", refused.body);
    let adopted = "ocds-zz9xx8-vi-ses-2022";
    let good = current
        .body
        .replacen(&id_line, &format!("{id_line}\nocid = \"{adopted}\""), 1);
    let saved = s.send("PUT", &path, &[("If-Match", &version)], Some(&good));
    assert_eq!(saved.status, 200, "{}", saved.body);

    let releases = public_json(&s, "/api/v1/register/ocds/releases");
    let ours: Vec<&Value> = releases["releases"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["id"].as_str().unwrap().contains(VI_SES_ID))
        .collect();
    assert!(!ours.is_empty());
    for r in &ours {
        assert_eq!(r["ocid"], adopted, "{r}");
        // Release ids stay this publisher's own.
        assert!(r["id"].as_str().unwrap().starts_with("ocds-iopdem-"), "{r}");
    }
    let records = public_json(&s, "/api/v1/register/ocds/records");
    assert!(
        records["records"]
            .as_array()
            .unwrap()
            .iter()
            .any(|r| r["ocid"] == adopted),
        "{records}"
    );
    let csv = s.send("GET", "/register.csv", &[(AS, "")], None);
    assert_eq!(csv.status, 200);
    let (_, xlsx) = download(&s, "/register.xlsx", "");
    let read = read_back(
        r#"
import json, sys
from openpyxl import load_workbook
ws = load_workbook(sys.argv[1])["Överenskommelser"]
print(json.dumps(sorted(r[1] for r in ws.iter_rows(min_row=2, values_only=True))))
"#,
        "adopted.xlsx",
        &xlsx,
    );
    assert!(read.as_array().unwrap().contains(&json!(adopted)), "{read}");
    assert_strictly_valid_ocds("adopted-releases.json", &releases);
});

// -------------------------------------------------- 6. the documents linked

on_both!(documents_link_only_what_is_public, |backend| {
    let db = fresh_database(backend, "served_documents");
    let s = Server::start(&db, &["--demo", "--base-url", "https://data.example.se"]);
    let releases = public_json(&s, "/api/v1/register/ocds/releases");
    let mut linked = 0;
    for r in releases["releases"].as_array().unwrap() {
        for c in r["contracts"].as_array().into_iter().flatten() {
            for d in c["documents"].as_array().into_iter().flatten() {
                // The agreement's PDF names contact persons and signatories,
                // which the register never shows: it is not linked.
                assert_ne!(d["format"], "application/pdf", "{d}");
                assert_eq!(d["documentType"], "contractSummary", "{d}");
                let url = d["url"].as_str().unwrap();
                let path = url.strip_prefix("https://data.example.se").unwrap();
                let entry = public_json(&s, path);
                let id = r["ocid"]
                    .as_str()
                    .unwrap()
                    .trim_start_matches("ocds-iopdem-");
                let id = id.split("-bilaga-").next().unwrap();
                assert_eq!(entry["id"], id, "{url}");
                linked += 1;
            }
        }
    }
    assert!(linked >= 3, "{linked}");
});

// --------------------------------------------- 7. a page written as it goes

on_both!(a_release_page_is_sent_as_it_is_written, |backend| {
    let db = fresh_database(backend, "served_stream");
    let s = Server::start(&db, &["--demo"]);
    let whole = s.send("GET", "/api/v1/register/ocds/releases", &[(AS, "")], None);
    assert_eq!(whole.status, 200);
    // A streamed body has no length known in advance.
    assert_eq!(whole.header("content-length"), None, "{:?}", whole.headers);
    assert_eq!(whole.header("transfer-encoding"), Some("chunked"));
    let records = s.send("GET", "/api/v1/register/ocds/records", &[(AS, "")], None);
    assert_eq!(records.header("transfer-encoding"), Some("chunked"));
    assert!(!records.json()["records"].as_array().unwrap().is_empty());
    // The other feeds are whole files.
    let giving = s.send("GET", "/api/v1/register/360giving", &[(AS, "")], None);
    assert!(giving.header("content-length").is_some());
    // Pages of one, followed to the end, hold the same releases in order.
    let all: Vec<Value> = whole.json()["releases"].as_array().unwrap().clone();
    let mut url = s.url("/api/v1/register/ocds/releases?limit=1");
    let mut paged = Vec::new();
    for _ in 0..=all.len() {
        let page = send("GET", &url, &[], None).json();
        paged.extend(page["releases"].as_array().unwrap().iter().cloned());
        match page["links"]["next"].as_str() {
            Some(next) => url = next.to_owned(),
            None => break,
        }
    }
    assert_eq!(paged, all);
});
