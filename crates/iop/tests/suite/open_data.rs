//! The public register as open data, from the running server on SQLite and
//! PostgreSQL: every feed of `iop serve --demo` passes the official
//! validators, a draft never appears, unpublishing takes an agreement out
//! at once, and `iop export` writes the same bytes as the routes.

use std::path::Path;
use std::process::Command;

use crate::support::*;
use crate::validators;
use serde_json::Value;

/// Runs a validator on `body` written to `file`; returns its summary.
fn validate(tool: &str, file: &str, body: &str) -> Value {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("open-data");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(format!("{}-{file}", std::process::id()));
    std::fs::write(&path, body).unwrap();
    validators::run(tool, &path)
}

fn assert_valid_ocds(file: &str, body: &str) {
    validators::assert_valid_ocds(file, &validate("validate-ocds", file, body));
}

/// A feed anyone may read: 200, with its media type.
fn public(s: &Server, path: &str, content_type: &str) -> Reply {
    let reply = s.send("GET", path, &[(AS, "")], None);
    assert_eq!(reply.status, 200, "{path}: {}", reply.body);
    assert_eq!(reply.header("content-type"), Some(content_type), "{path}");
    reply
}

/// The bytes of a download (the XLSX is no text).
fn bytes(url: &str) -> (u16, Vec<u8>) {
    let response = agent().get(url).call().unwrap();
    let status = response.status().as_u16();
    (status, response.into_body().read_to_vec().unwrap())
}

/// The ids of the releases on every page, following `links.next`.
fn follow_pages(s: &Server, first: &str) -> Vec<String> {
    let mut ids = Vec::new();
    let mut url = s.url(first);
    for _ in 0..100 {
        let reply = send("GET", &url, &[], None);
        assert_eq!(reply.status, 200, "{url}: {}", reply.body);
        let page = reply.json();
        for r in page["releases"].as_array().unwrap() {
            ids.push(r["id"].as_str().unwrap().to_owned());
        }
        match page["links"]["next"].as_str() {
            Some(next) => url = next.to_owned(),
            None => return ids,
        }
    }
    panic!("links.next never ends");
}

fn release_ids(body: &str) -> Vec<String> {
    let package: Value = serde_json::from_str(body).unwrap();
    package["releases"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap().to_owned())
        .collect()
}

on_both!(feeds_of_the_demo_pass_the_validators, |backend| {
    let db = fresh_database(backend, "open_data_feeds");
    let s = Server::start(&db, &["--demo"]);
    let releases = public(&s, "/api/v1/register/ocds/releases", "application/json");
    assert_valid_ocds("releases.json", &releases.body);
    let all = release_ids(&releases.body);
    assert!(all.len() >= 3, "{}", releases.body);
    // Pages of two reach every release once, in order.
    assert_eq!(
        follow_pages(&s, "/api/v1/register/ocds/releases?limit=2"),
        all
    );
    let page = public(
        &s,
        "/api/v1/register/ocds/releases?limit=2",
        "application/json",
    );
    assert_valid_ocds("releases-page.json", &page.body);
    let since = public(
        &s,
        "/api/v1/register/ocds/releases?since=2999-01-01",
        "application/json",
    );
    assert!(release_ids(&since.body).is_empty());

    let records = public(&s, "/api/v1/register/ocds/records", "application/json").json();
    let list = records["records"].as_array().unwrap();
    assert!(!list.is_empty());
    for record in list {
        assert_eq!(
            record["compiledRelease"]["tag"],
            serde_json::json!(["compiled"])
        );
    }

    let giving = public(&s, "/api/v1/register/360giving", "application/json");
    let summary = validate("validate-360giving", "360giving.json", &giving.body);
    assert_eq!(summary["valid"], Value::Bool(true), "{summary:#}");
    assert_eq!(summary["errors"], Value::Array(vec![]), "{summary:#}");

    let dcat = public(&s, "/datasets/dcat", "application/rdf+xml");
    assert!(dcat.body.contains("<dcat:Catalog"), "{}", dcat.body);
    let csv = public(&s, "/register.csv", "text/csv; charset=utf-8");
    assert!(csv.body.starts_with("Id,Titel,"), "{}", csv.body);
    assert_eq!(
        csv.header("content-disposition"),
        Some("attachment; filename=\"register.csv\"")
    );
    let (status, xlsx) = bytes(&s.url("/register.xlsx"));
    assert_eq!(status, 200);
    assert!(xlsx.starts_with(b"PK"), "not a zip");
});

on_both!(drafts_never_appear_and_unpublishing_is_at_once, |backend| {
    let db = fresh_database(backend, "open_data_publish");
    let s = Server::start(&db, &["--demo"]);
    let feeds = [
        "/api/v1/register/ocds/releases",
        "/api/v1/register/ocds/records",
        "/api/v1/register/360giving",
        "/register.csv",
    ];
    for path in feeds {
        let body = s.send("GET", path, &[(AS, "")], None).body;
        // The Gotland seed stays a draft in the demo.
        assert!(!body.contains("gotland-rkg-2025"), "{path}: a draft");
        assert!(body.contains(VI_SES_ID), "{path}: Vi Ses! is published");
    }
    let reply = s.send(
        "POST",
        &format!("/api/v1/agreements/{VI_SES_ID}/published"),
        &[("content-type", "application/json")],
        Some(r#"{"published":false}"#),
    );
    assert_eq!(reply.status, 204, "{}", reply.body);
    for path in feeds {
        let body = s.send("GET", path, &[(AS, "")], None).body;
        assert!(
            !body.contains(VI_SES_ID),
            "{path}: still there after unpublishing"
        );
    }
});

on_both!(bad_parameters_are_named, |backend| {
    let db = fresh_database(backend, "open_data_params");
    let s = Server::start(&db, &["--demo"]);
    for (query, name) in [
        ("cursor=nonsense", "cursor"),
        ("since=yesterday", "since"),
        ("limit=0", "limit"),
    ] {
        let reply = s.send(
            "GET",
            &format!("/api/v1/register/ocds/releases?{query}"),
            &[(AS, "")],
            None,
        );
        assert_eq!(reply.status, 400, "{query}: {}", reply.body);
        assert_eq!(
            reply.header("content-type"),
            Some("application/problem+json")
        );
        assert_eq!(
            reply.json()["errors"][0]["field"],
            Value::from(name),
            "{query}"
        );
    }
});

on_both!(export_writes_the_same_bytes_as_the_routes, |backend| {
    let db = fresh_database(backend, "open_data_export");
    let s = Server::start(&db, &["--demo"]);
    for (format, path) in [
        ("ocds-releases", "/api/v1/register/ocds/releases"),
        ("ocds-records", "/api/v1/register/ocds/records"),
        ("360giving", "/api/v1/register/360giving"),
        ("dcat", "/datasets/dcat"),
        ("csv", "/register.csv"),
    ] {
        let exported = iop(
            &db,
            &["export", "--format", format, "--base-url", &s.base],
            None,
        );
        let served = s.send("GET", path, &[(AS, "")], None).body;
        assert_eq!(exported, served, "{format}");
    }
    let file = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join(format!("open-data-{}-{backend:?}.xlsx", std::process::id()));
    let shown = file.display().to_string();
    iop(
        &db,
        &[
            "export",
            "--format",
            "xlsx",
            "-o",
            &shown,
            "--base-url",
            &s.base,
        ],
        None,
    );
    let (_, served) = bytes(&s.url("/register.xlsx"));
    assert_eq!(std::fs::read(&file).unwrap(), served, "xlsx");
});

#[test]
fn a_malformed_ocid_prefix_is_refused_at_start() {
    let out = Command::new(env!("CARGO_BIN_EXE_iop"))
        .args([
            "serve",
            "--ocid-prefix",
            "ocds-ABC",
            "--listen",
            "127.0.0.1:0",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let message = String::from_utf8_lossy(&out.stderr);
    assert!(
        message.contains("six lower-case letters or digits"),
        "{message}"
    );
}

on_both!(follow_up_reaches_the_feeds, |backend| {
    let db = fresh_database(backend, "open_data_follow_up");
    let s = Server::start(&db, &["--demo"]);
    let records = format!("/api/v1/agreements/{VI_SES_ID}/records");
    for body in [
        r#"{"kind":"payment","date":"2022-02-28","amount":"150000","party":"roda-korset"}"#,
        r#"{"kind":"payment","date":"2022-05-31","amount":"150000","state":"planned"}"#,
        r#"{"kind":"report","date":"2022-06-30","state":"received"}"#,
        r#"{"kind":"meeting","date":"2022-04-01","clause":"styrgrupp"}"#,
    ] {
        let reply = s.send(
            "POST",
            &records,
            &[("content-type", "application/json")],
            Some(body),
        );
        assert_eq!(reply.status, 201, "{body}: {}", reply.body);
    }
    let releases = public(&s, "/api/v1/register/ocds/releases", "application/json");
    assert_valid_ocds("follow-up-releases.json", &releases.body);
    let package = releases.json();
    let transactions: Vec<&Value> = package["releases"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["ocid"].as_str().is_some_and(|o| o.ends_with(VI_SES_ID)))
        .flat_map(|r| r["contracts"].as_array().into_iter().flatten())
        .flat_map(|c| {
            c["implementation"]["transactions"]
                .as_array()
                .into_iter()
                .flatten()
        })
        .collect();
    // The paid payment only; a planned one is no transaction.
    assert_eq!(transactions.len(), 1, "{}", releases.body);
    assert_eq!(transactions[0]["value"]["amount"], Value::from(150_000));
    let giving = public(&s, "/api/v1/register/360giving", "application/json");
    let summary = validate(
        "validate-360giving",
        "follow-up-360giving.json",
        &giving.body,
    );
    assert_eq!(summary["valid"], Value::Bool(true), "{summary:#}");
    assert!(giving.body.contains("amountDisbursed"), "{}", giving.body);
});
