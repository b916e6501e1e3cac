//! The real server, spawned per test, on SQLite and on PostgreSQL (a fresh
//! schema per test on the server at 127.0.0.1:5432, database `test`), each
//! database a copy of one prepared with the test users.

use std::path::Path;
use std::process::Command;

use serde_json::{Value, json};

use crate::support::*;

on_both!(demo_data_health_and_listing, |backend| {
    let db = fresh_database(backend, "demo");
    let s = Server::start(&db, &["--demo"]);
    assert_eq!(get(&s, "/healthz").json()["database"], "ok");
    let list = get(&s, "/api/v1/agreements").json();
    assert_eq!(list.as_array().unwrap().len(), 4);
    // Search folds case in Rust, so å/ä/ö match on SQLite too.
    let found = get(&s, "/api/v1/agreements?q=GÖTEBORG").json();
    assert_eq!(found.as_array().unwrap().len(), 1, "{found}");
    // The search text is literal: % and _ are not wildcards.
    assert!(
        get(&s, "/api/v1/agreements?q=%25")
            .json()
            .as_array()
            .unwrap()
            .is_empty()
    );
    assert!(
        get(&s, "/api/v1/agreements?q=_")
            .json()
            .as_array()
            .unwrap()
            .is_empty()
    );
    let in_2022 = get(&s, "/api/v1/agreements?year=2022").json();
    let ids: Vec<&str> = in_2022
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["id"].as_str().unwrap())
        .collect();
    assert!(ids.contains(&VI_SES_ID) && ids.len() == 2, "{ids:?}");
    // Keyset pages cover the list once.
    let page1 = get(&s, "/api/v1/agreements?limit=2").json();
    let last = page1[1]["id"].as_str().unwrap().to_owned();
    let page2 = get(&s, &format!("/api/v1/agreements?limit=2&after={last}")).json();
    assert_eq!(
        page1.as_array().unwrap().len() + page2.as_array().unwrap().len(),
        4
    );
    // Starting again with --demo adds nothing twice.
    drop(s);
    let s = Server::start(&db, &["--demo"]);
    assert_eq!(
        get(&s, "/api/v1/agreements")
            .json()
            .as_array()
            .unwrap()
            .len(),
        4
    );
    assert_eq!(
        get(&s, "/api/v1/agreements/gotland-rkg-2025/records")
            .json()
            .as_array()
            .unwrap()
            .len(),
        1
    );
});

on_both!(
    agreements_have_history_and_refuse_stale_updates,
    |backend| {
        let s = Server::start(&fresh_database(backend, "history"), &[]);
        let created = s.send(
            "POST",
            "/api/v1/agreements",
            &[("Content-Type", "application/toml"), (AS, "anna")],
            Some(&example(VI_SES)),
        );
        let id = created_id(&created);
        assert_eq!(created.header("etag"), Some("\"1\""));
        // The server gives the id: the file's, with a random ending.
        assert!(id.starts_with(&format!("{VI_SES_ID}-")), "{id}");
        assert_eq!(created.json()["agreement"]["id"], id.as_str());
        // The same file again is another agreement, under another id.
        assert_ne!(s.create(&[], &example(VI_SES)), id);
        // Fetched as the file, changed, saved on top of version 1.
        let path = format!("/api/v1/agreements/{id}");
        let file = s.send("GET", &path, &[("Accept", "application/toml")], None);
        assert!(file.body.contains("212000-0449"));
        assert!(file.body.contains(&format!("id = \"{id}\"")));
        let changed = file.body.replace("Vi Ses!\"", "Vi Ses! (reviderad)\"");
        let saved = s.send(
            "PUT",
            &path,
            &[("If-Match", "\"1\""), (AS, "bertil")],
            Some(&changed),
        );
        assert_eq!(saved.status, 200, "{}", saved.body);
        assert_eq!(saved.json()["version"], 2);
        // Another official still on version 1 loses nothing: refused, told the current version.
        let stale = s.send("PUT", &path, &[("If-Match", "\"1\"")], Some(&file.body));
        assert_eq!(stale.status, 412);
        assert_eq!(
            stale.header("content-type"),
            Some("application/problem+json")
        );
        assert_eq!(stale.json()["current_version"], 2);
        assert_eq!(s.send("PUT", &path, &[], Some(&file.body)).status, 428);
        let history = get(&s, &format!("{path}/versions")).json();
        let authors: Vec<&str> = history
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v["author"].as_str().unwrap())
            .collect();
        assert_eq!(authors, ["anna", "bertil"]);
        let diff = get(&s, &format!("{path}/diff?from=1&to=2")).json();
        assert!(
            diff.as_array()
                .unwrap()
                .iter()
                .any(|c| c["path"] == "short_name" && c["after"] == "Vi Ses! (reviderad)"),
            "{diff}"
        );
        assert_eq!(
            get(&s, &format!("{path}/versions/1")).json()["agreement"]["short_name"],
            "Vi Ses!"
        );
    }
);

on_both!(lifecycle_and_amendments, |backend| {
    let s = Server::start(&fresh_database(backend, "lifecycle"), &["--demo"]);
    let path = "/api/v1/agreements/gotland-rkg-2025";
    let status = |to: &str, version: &str, reason: Option<&str>| {
        let body = json!({ "status": to, "reason": reason }).to_string();
        s.send(
            "POST",
            &format!("{path}/status"),
            &[("If-Match", version), ("Content-Type", "application/json")],
            Some(&body),
        )
    };
    assert_eq!(
        status("signed", "1", None).status,
        409,
        "draft cannot jump to signed"
    );
    assert_eq!(status("decided", "1", None).json()["version"], 2);
    assert_eq!(status("signed", "2", None).json()["status"], "signed");
    // After signing, a change is an amendment with a rationale.
    let file = s
        .send("GET", path, &[("Accept", "application/toml")], None)
        .body;
    let changed = file.replace("Visby", "Slite");
    let silent = s.send("PUT", path, &[("If-Match", "3")], Some(&changed));
    assert_eq!(silent.status, 422);
    assert_eq!(silent.json()["errors"][0]["field"], "reason");
    let amended = s.send(
        "PUT",
        &format!("{path}?reason=Ny%20ort"),
        &[("If-Match", "3")],
        Some(&changed),
    );
    assert_eq!(
        (
            amended.json()["change"].as_str(),
            amended.json()["reason"].as_str()
        ),
        (Some("amended"), Some("Ny ort"))
    );
    // 002 has no decision trail: it cannot be marked signed (check 10).
    let vi_ses = "/api/v1/agreements/linkoping-vi-ses-2022/status";
    let body = json!({"status": "decided"}).to_string();
    s.send(
        "POST",
        vi_ses,
        &[("If-Match", "1"), ("Content-Type", "application/json")],
        Some(&body),
    );
    let body = json!({"status": "signed"}).to_string();
    let refused = s.send(
        "POST",
        vi_ses,
        &[("If-Match", "2"), ("Content-Type", "application/json")],
        Some(&body),
    );
    assert_eq!(refused.status, 422);
    assert_eq!(refused.json()["errors"][0]["code"], "decision-missing");
});

// Versions stored before an appendix's status could be "not stated" hold
// {"state": "active"} for appendices whose file stated nothing. The
// stored versions are history and are not rewritten; an amendment that
// gives the appendix no status sets it back (the README's upgrade note).
on_both!(
    an_amendment_sets_an_appendix_back_to_not_stated,
    |backend| {
        let s = Server::start(&fresh_database(backend, "appendix_not_stated"), &[]);
        // 004 as an older version stored it: bilaga 1 "active", and a decision
        // trail so that it can be signed (check 10).
        let stated = "activity = \"crossroads\"\nstatus = { state = \"active\" }\n";
        let trail = "\n[decision_trail]\ncase_number = \"SRN 2014/1\"\n\n[[decision_trail.decisions]]\nid = \"srn\"\nbody = \"Social resursnämnd\"\nmeeting_date = 2014-12-10\nparagraph = \"§ 1\"\noutcome = \"approved\"\n";
        let old = example("004-goteborg-eu-migranter.toml").replacen(
            "activity = \"crossroads\"\n",
            stated,
            1,
        ) + trail;
        let id = s.create(&[], &old);
        let path = format!("/api/v1/agreements/{id}");
        for (to, version) in [("decided", "1"), ("signed", "2")] {
            let moved = s.send(
                "POST",
                &format!("{path}/status"),
                &[("If-Match", version), ("Content-Type", "application/json")],
                Some(&json!({ "status": to }).to_string()),
            );
            assert_eq!(moved.status, 200, "{}", moved.body);
        }
        let appendix = |reply: Value| reply["agreement"]["appendices"][0]["status"].clone();
        assert_eq!(appendix(get(&s, &path).json()), json!({"state": "active"}));
        let unstated = old
            .replacen(stated, "activity = \"crossroads\"\n", 1)
            .replacen("status = \"draft\"", "status = \"signed\"", 1)
            .replacen(
                "id = \"goteborg-eu-migranter-2015\"",
                &format!("id = \"{id}\""),
                1,
            );
        let amended = s.send(
            "PUT",
            &format!("{path}?reason=Bilagan%20anger%20ingen%20status"),
            &[("If-Match", "3")],
            Some(&unstated),
        );
        assert_eq!(amended.status, 200, "{}", amended.body);
        assert_eq!(amended.json()["change"], "amended");
        assert_eq!(
            appendix(get(&s, &path).json()),
            json!({"state": "not-stated"})
        );
        // The version before keeps what it held.
        assert_eq!(
            appendix(get(&s, &format!("{path}/versions/3")).json()),
            json!({"state": "active"})
        );
    }
);

// A database written by a version whose rules left 002's extension
// decision on Sunday 31 December 2023: `iop migrate` dates it as this
// version's rules do (tisdag 2 januari 2024), once, in the audit log.
on_both!(migrate_computes_stale_duties_again, |backend| {
    let s = Server::start(&fresh_database(backend, "stale_duties"), &[]);
    let id = s.create(&[], &example("002-linkoping-vi-ses.toml"));
    let path = format!("/api/v1/agreements/{id}/obligations");
    let decision = |s: &Server| {
        get(s, &path)
            .json()
            .as_array()
            .unwrap()
            .iter()
            .find(|o| o["kind"] == "extension-decision")
            .map(|o| o["due"].clone())
            .unwrap()
    };
    assert_eq!(decision(&s), json!("2024-01-02"));
    crate::access::execute(
        backend,
        &s.db,
        "UPDATE obligations SET due = '2023-12-31' WHERE kind = 'extension-decision'",
    );
    assert_eq!(decision(&s), json!("2023-12-31"), "the stale row is read");
    let first = iop(&s.db, &["migrate"], None);
    assert!(first.contains(" 1 "), "{first}");
    assert_eq!(decision(&s), json!("2024-01-02"));
    let second = iop(&s.db, &["migrate"], None);
    assert!(second.contains(" 0 "), "nothing stale is left: {second}");
    let audit = s.send("GET", "/api/v1/audit?limit=100", &[(AS, "root")], None);
    assert_eq!(audit.status, 200, "{}", audit.body);
    let events = audit.json().as_array().unwrap().clone();
    let recomputed: Vec<&Value> = events
        .iter()
        .filter(|e| e["action"] == "duties-recomputed")
        .collect();
    assert_eq!(recomputed.len(), 1, "{events:?}");
    assert_eq!(recomputed[0]["entity_id"], json!(id));
    let verified = Command::new(env!("CARGO_BIN_EXE_iop"))
        .args(["audit", "verify", "--db", &s.db])
        .output()
        .unwrap();
    assert!(verified.status.success(), "{verified:?}");
});

on_both!(
    bad_input_is_refused_and_nothing_is_half_written,
    |backend| {
        let s = Server::start(&fresh_database(backend, "bad"), &["--demo"]);
        let path = format!("/api/v1/agreements/{VI_SES_ID}");
        let before = get(&s, &path).json()["version"].clone();
        // The demo's decision on it is its only record.
        let records_before = get(&s, &format!("{path}/records")).json();
        let broken = s.send(
            "PUT",
            &path,
            &[("If-Match", "1")],
            Some("format = 1\nid = \"x\n"),
        );
        assert_eq!(broken.status, 422);
        assert_eq!(broken.json()["errors"][0]["code"], "toml-syntax");
        assert_eq!(broken.json()["errors"][0]["line"], 2);
        let bad_orgnr = example(VI_SES).replace("212000-0449", "212000-0448");
        let refused = s.send("PUT", &path, &[("If-Match", "1")], Some(&bad_orgnr));
        assert_eq!(refused.json()["errors"][0]["code"], "orgnr-checksum");
        let json_types = s.send(
            "POST",
            "/api/v1/agreements",
            &[("Content-Type", "application/json")],
            Some(r#"{"format": "one"}"#),
        );
        assert_eq!(json_types.status, 422);
        assert_eq!(json_types.json()["errors"][0]["code"], "wrong-type");
        assert_eq!(get(&s, "/api/v1/agreements/no-such").status, 404);
        assert_eq!(get(&s, "/api/v1/no-such-route").status, 404);
        let huge = "x".repeat(web::MAX_BODY_BYTES + 10);
        assert_eq!(
            s.send("POST", "/api/v1/agreements", &[], Some(&huge))
                .status,
            413
        );
        let record = json!({"kind": "report", "date": "2023-03-01", "state": "lost"}).to_string();
        let bad_record = s.send(
            "POST",
            &format!("{path}/records"),
            &[("Content-Type", "application/json")],
            Some(&record),
        );
        assert_eq!(bad_record.status, 422);
        assert_eq!(bad_record.json()["errors"][0]["field"], "state");
        let typo = s.send(
            "POST",
            &format!("{path}/records"),
            &[],
            Some(r#"{"kind": "report", "date": "2023-03-01", "name": "Anna"}"#),
        );
        assert_eq!(typo.status, 422, "no free fields for personal data");
        // Nothing changed by any of it.
        let now = get(&s, &path).json();
        assert_eq!(now["version"], before);
        assert_eq!(get(&s, &format!("{path}/records")).json(), records_before);
    }
);

on_both!(records_meet_obligations_and_feed_the_portfolio, |backend| {
    let s = Server::start(&fresh_database(backend, "records"), &["--demo"]);
    let path = "/api/v1/agreements/gotland-rkg-2025";
    let obligations = get(&s, &format!("{path}/obligations")).json();
    let report = obligations
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["kind"] == "annual-report" && o["due"] == "2026-03-31")
        .unwrap()
        .clone();
    let listed_overdue = |key: &Value| {
        get(&s, "/api/v1/portfolio/overdue-reports")
            .json()
            .as_array()
            .unwrap()
            .iter()
            .any(|o| &o["key"] == key)
    };
    // Today is 2026-11-23. Gotland's decision was referred back and it is
    // a draft: nothing binds yet, so its 2025 report is not late.
    assert_eq!(report["state"], "not-in-force");
    assert!(!listed_overdue(&report["key"]));
    // Money per year counts decided agreements and later: none yet.
    assert!(
        get(&s, "/api/v1/portfolio/money?from=2025&to=2028")
            .json()
            .as_array()
            .unwrap()
            .is_empty()
    );
    // Once decided, the report is overdue until one arrives.
    let version = get(&s, path).json()["version"].to_string();
    let decided = s.send(
        "POST",
        &format!("{path}/status"),
        &[("If-Match", &version), ("Content-Type", "application/json")],
        Some(&json!({"status": "decided"}).to_string()),
    );
    assert_eq!(decided.status, 200, "{}", decided.body);
    let now = get(&s, &format!("{path}/obligations")).json();
    let state = now
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["key"] == report["key"])
        .unwrap()["state"]
        .clone();
    assert_eq!(state, "overdue");
    assert!(listed_overdue(&report["key"]));
    let record = json!({"kind": "report", "date": "2026-04-02", "obligation": report["key"], "state": "received"}).to_string();
    let added = s.send(
        "POST",
        &format!("{path}/records"),
        &[("Content-Type", "application/json")],
        Some(&record),
    );
    assert_eq!(added.status, 201, "{}", added.body);
    let again = get(&s, &format!("{path}/obligations")).json();
    let now = again
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["key"] == report["key"])
        .unwrap();
    assert_eq!(now["state"], "met");
    assert!(!listed_overdue(&report["key"]));
    // Due in the next 90 days: nothing met, nothing past, sorted by date.
    let due = get(&s, "/api/v1/portfolio/due?days=400").json();
    let dues: Vec<&str> = due
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["due"].as_str().unwrap())
        .collect();
    assert!(
        !dues.is_empty() && dues.windows(2).all(|w| w[0] <= w[1]) && dues[0] >= "2026-11-23",
        "{dues:?}"
    );
    // A notice records the settlement computed from the exit clause.
    let notice =
        json!({"kind": "notice", "date": "2026-05-15", "ground": "convenience"}).to_string();
    let given = s.send(
        "POST",
        &format!("{path}/records"),
        &[("Content-Type", "application/json")],
        Some(&notice),
    );
    assert_eq!(
        given.json()["data"]["settlement"]["refund"],
        "433333.33",
        "{}",
        given.body
    );
    // Money per year counts decided agreements and later (decided above).
    let money = get(&s, "/api/v1/portfolio/money?from=2025&to=2028").json();
    let region: Vec<&Value> = money
        .as_array()
        .unwrap()
        .iter()
        .filter(|m| m["party"] == "Region Gotland")
        .collect();
    assert_eq!(region.len(), 4);
    assert!(region.iter().all(|m| m["cash"] == "1300000.00"));
    // Firm money, no ceiling in it: nothing is "at most".
    assert!(region.iter().all(|m| m["cash_at_most"].is_null()));
    let ending = get(&s, "/api/v1/portfolio/ending?months=36").json();
    assert!(
        ending.as_array().unwrap().is_empty(),
        "only signed or active agreements count"
    );
});

on_both!(openapi_is_served_as_generated, |backend| {
    let s = Server::start(&fresh_database(backend, "openapi"), &[]);
    let served = get(&s, "/api/openapi.json").json();
    let printed: Value = serde_json::from_slice(
        &Command::new(env!("CARGO_BIN_EXE_iop"))
            .arg("openapi")
            .output()
            .unwrap()
            .stdout,
    )
    .unwrap();
    assert_eq!(served, printed);
    assert!(served["openapi"].as_str().unwrap().starts_with("3.1"));
    assert!(served["paths"]["/api/v1/agreements/{id}"]["put"].is_object());
});

on_both!(acknowledged_writes_survive_sigkill, |backend| {
    // Write records from several threads, kill the server with SIGKILL in
    // the middle, restart it, and count: every acknowledged write is there.
    let db = fresh_database(backend, "kill");
    let mut acknowledged: Vec<String> = Vec::new();
    // Writes acknowledged so far, so that each kill falls in the middle of
    // the load however slow the machine is.
    let acks = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    for round in 0..3 {
        let mut s = Server::start(&db, &["--demo"]);
        let url = s.url("/api/v1/agreements/gotland-rkg-2025/records");
        let bearer = format!("Bearer {}", s.token("anna"));
        let writers: Vec<_> = (0..4)
            .map(|w| {
                let url = url.clone();
                let bearer = bearer.clone();
                let acks = acks.clone();
                std::thread::spawn(move || {
                    let mut ok = Vec::new();
                    for i in 0..200 {
                        let body = json!({"kind": "meeting", "date": format!("2026-{:02}-{:02}", (i % 12) + 1, (w % 28) + 1), "body": format!("r{round}w{w}i{i}")}).to_string();
                        let reply = match agent().post(&url).header("Content-Type", "application/json").header("Authorization", &bearer).send(body.as_bytes()) {
                            Ok(r) => r,
                            Err(_) => break, // the server is gone
                        };
                        if reply.status() == 201 {
                            let v: Value = serde_json::from_str(&reply.into_body().read_to_string().unwrap()).unwrap();
                            ok.push(v["id"].as_str().unwrap().to_owned());
                            acks.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        }
                    }
                    ok
                })
            })
            .collect();
        let wanted = 10 * (round + 1);
        let waited = std::time::Instant::now();
        while acks.load(std::sync::atomic::Ordering::Relaxed) < wanted
            && waited.elapsed() < std::time::Duration::from_secs(30)
        {
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
        std::thread::sleep(std::time::Duration::from_millis(50 + 100 * round as u64));
        s.kill();
        for w in writers {
            acknowledged.extend(w.join().unwrap());
        }
    }
    let s = Server::start(&db, &[]);
    let stored: std::collections::BTreeSet<String> =
        get(&s, "/api/v1/agreements/gotland-rkg-2025/records")
            .json()
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["id"].as_str().unwrap().to_owned())
            .collect();
    assert!(
        acknowledged.len() > 20,
        "the load wrote too little to mean anything: {}",
        acknowledged.len()
    );
    let lost: Vec<&String> = acknowledged
        .iter()
        .filter(|id| !stored.contains(*id))
        .collect();
    assert!(
        lost.is_empty(),
        "{} of {} acknowledged writes lost (db {})",
        lost.len(),
        acknowledged.len(),
        s.db
    );
    // Nor is the audit chain broken by a kill between concurrent writes.
    let verify = std::process::Command::new(env!("CARGO_BIN_EXE_iop"))
        .args(["audit", "verify", "--db", &db])
        .output()
        .unwrap();
    assert_eq!(
        verify.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&verify.stderr)
    );
    eprintln!(
        "{backend:?}: {} acknowledged writes over 3 kills, none lost, the audit chain intact",
        acknowledged.len()
    );
});

on_both!(
    backup_while_running_and_restore_into_the_other_database,
    |backend| {
        let db = fresh_database(backend, "backup");
        let s = Server::start(&db, &["--demo"]);
        let record =
            json!({"kind": "meeting", "date": "2025-06-01", "body": "Styrgrupp"}).to_string();
        s.send(
            "POST",
            "/api/v1/agreements/gotland-rkg-2025/records",
            &[],
            Some(&record),
        );
        let feed = s.send(
            "POST",
            "/api/v1/calendar-feeds",
            &[],
            Some(&json!({"name": "Outlook"}).to_string()),
        );
        assert_eq!(feed.status, 201, "{}", feed.body);
        let feed_url = feed.json()["https_url"].as_str().unwrap().to_owned();
        let feed_path = feed_url.trim_start_matches(&s.base).to_owned();
        let file = Path::new(env!("CARGO_TARGET_TMPDIR"))
            .join(format!("backup-{backend:?}-{}.db", std::process::id()));
        let _ = std::fs::remove_file(&file);
        let iop = |args: &[&str]| {
            Command::new(env!("CARGO_BIN_EXE_iop"))
                .args(args)
                .output()
                .unwrap()
        };
        // While the server runs.
        let made = iop(&["backup", "--db", &db, "--to", file.to_str().unwrap()]);
        assert_eq!(
            made.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&made.stderr)
        );
        assert_eq!(
            iop(&["backup", "--db", &db, "--to", file.to_str().unwrap()])
                .status
                .code(),
            Some(2),
            "never overwrites"
        );
        let other = match backend {
            Backend::Sqlite => empty_database(Backend::Postgres, "restored"),
            Backend::Postgres => empty_database(Backend::Sqlite, "restored"),
        };
        let restored = iop(&["restore", "--from", file.to_str().unwrap(), "--db", &other]);
        assert_eq!(
            restored.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&restored.stderr)
        );
        assert_eq!(
            iop(&["restore", "--from", file.to_str().unwrap(), "--db", &other])
                .status
                .code(),
            Some(1),
            "only into an empty database"
        );
        // The restored database holds the same users and tokens.
        let t = Server::start_with(&other, &[], s.tokens.clone());
        for path in [
            "/api/v1/agreements",
            "/api/v1/agreements/gotland-rkg-2025/records",
            "/api/v1/agreements/gotland-rkg-2025/versions",
            "/api/v1/agreements/gotland-rkg-2025/obligations",
            "/api/v1/calendar-feeds",
        ] {
            assert_eq!(get(&s, path).json(), get(&t, path).json(), "{path}");
        }
        // A calendar subscription keeps working on the restored database.
        let restored_feed = send("GET", &t.url(&feed_path), &[], None);
        assert_eq!(restored_feed.status, 200, "{}", restored_feed.body);
        assert!(restored_feed.body.contains("BEGIN:VEVENT"));
        assert_eq!(
            get(&t, "/api/v1/agreements/gotland-rkg-2025/records")
                .json()
                .as_array()
                .unwrap()
                .len(),
            2
        );
    }
);

on_both!(
    uploads_are_checked_stored_under_generated_names_and_served_as_attachments,
    |backend| {
        let s = Server::start(&fresh_database(backend, "upload"), &["--demo"]);
        let path = "/api/v1/agreements/gotland-rkg-2025/records";
        let record = json!({"kind": "report", "date": "2026-03-30"}).to_string();
        let id = s.send("POST", path, &[], Some(&record)).json()["id"]
            .as_str()
            .unwrap()
            .to_owned();
        let files = format!("{path}/{id}/files");
        // A name like ../../x is only shown, never followed.
        let up = s.send(
            "POST",
            &format!("{files}?name=..%2F..%2Fx"),
            &[("Content-Type", "text/plain")],
            Some("Verksamhetsberättelse 2025"),
        );
        assert_eq!(up.status, 201, "{}", up.body);
        let file = up.json();
        assert_eq!(file["name"], "x");
        let stored = file["id"].as_str().unwrap();
        assert!(stored.len() == 32 && stored.bytes().all(|b| b.is_ascii_hexdigit()));
        // Where the server really writes: one new file under its files
        // directory, named by the id, holding the upload; no `x` anywhere
        // near it.
        let written = files_under(&files_dir(&s.db));
        let ours: Vec<_> = written
            .iter()
            .filter(|p| {
                p.file_name()
                    .is_some_and(|n| n.to_string_lossy().contains(stored))
            })
            .collect();
        assert_eq!(ours.len(), 1, "{written:?}");
        assert_eq!(
            std::fs::read_to_string(ours[0]).unwrap(),
            "Verksamhetsberättelse 2025"
        );
        let root = Path::new(env!("CARGO_TARGET_TMPDIR"));
        for p in files_under(root) {
            assert_ne!(p.file_name().and_then(|n| n.to_str()), Some("x"), "{p:?}");
        }
        let down = get(&s, &format!("/api/v1/files/{stored}"));
        assert_eq!(down.body, "Verksamhetsberättelse 2025");
        assert!(
            down.header("content-disposition")
                .unwrap()
                .starts_with("attachment")
        );
        assert_eq!(down.header("x-content-type-options"), Some("nosniff"));
        assert_eq!(get(&s, &files).json().as_array().unwrap().len(), 1);
        // A type not accepted, a content that lies about its type, a path as id.
        let exe = s.send(
            "POST",
            &files,
            &[("Content-Type", "application/x-msdownload")],
            Some("MZ"),
        );
        assert_eq!(exe.status, 422);
        let fake = s.send(
            "POST",
            &files,
            &[("Content-Type", "application/pdf")],
            Some("not a pdf"),
        );
        assert_eq!(fake.status, 422);
        assert_eq!(get(&s, "/api/v1/files/..%2F..%2Fetc%2Fpasswd").status, 404);
        let other = s.send(
            "POST",
            &format!("/api/v1/agreements/linkoping-vi-ses-2022/records/{id}/files"),
            &[("Content-Type", "text/plain")],
            Some("x"),
        );
        assert_eq!(other.status, 404, "a record of another agreement");
    }
);

on_both!(stops_gracefully_on_sigterm, |backend| {
    let mut s = Server::start(&fresh_database(backend, "term"), &[]);
    let pid = s.child.id().to_string();
    assert!(
        Command::new("kill")
            .args(["-TERM", &pid])
            .status()
            .unwrap()
            .success()
    );
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    loop {
        if let Some(status) = s.child.try_wait().unwrap() {
            assert!(status.success(), "exit {status:?}");
            break;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "did not stop within 10 s"
        );
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
});

on_both!(
    outcome_figures_are_counted_against_capacity_targets,
    |backend| {
        let s = Server::start(&fresh_database(backend, "outcome"), &["--demo"]);
        // Seed 003: about 70 children and 40 parents a year.
        let id = get(&s, "/api/v1/agreements?q=malmö").json()[0]["id"]
            .as_str()
            .unwrap()
            .to_owned();
        let path = format!("/api/v1/agreements/{id}");
        for (date, barn) in [("2022-06-30", 30), ("2022-12-31", 38), ("2023-06-30", 20)] {
            let body = json!({"kind": "outcome", "date": date, "activity": "barnverksamheten", "counts": {"barn": barn, "föräldrar": 10}}).to_string();
            let added = s.send("POST", &format!("{path}/records"), &[], Some(&body));
            assert_eq!(added.status, 201, "{}", added.body);
        }
        let outcomes = get(&s, &format!("{path}/outcomes")).json();
        let barn_2022 = outcomes
            .as_array()
            .unwrap()
            .iter()
            .find(|o| o["unit"] == "barn" && o["year"] == 2022)
            .unwrap();
        assert_eq!(
            (
                &barn_2022["reported"],
                &barn_2022["target"],
                &barn_2022["approximate"]
            ),
            (&json!(68), &json!(70), &json!(true))
        );
        let missing_activity =
            json!({"kind": "outcome", "date": "2022-01-01", "counts": {"barn": 1}}).to_string();
        assert_eq!(
            s.send(
                "POST",
                &format!("{path}/records"),
                &[],
                Some(&missing_activity)
            )
            .status,
            422
        );
    }
);

/// Follow `Link: <…>; rel="next"` from `first` to the last page.
fn all_pages(s: &Server, first: &str) -> Vec<Value> {
    let mut rows = Vec::new();
    let mut next = Some(first.to_owned());
    while let Some(path) = next.take() {
        let reply = get(s, &path);
        assert_eq!(reply.status, 200, "{path}: {}", reply.body);
        rows.extend(reply.json().as_array().unwrap().iter().cloned());
        next = reply.header("link").map(|link| {
            assert!(link.ends_with("; rel=\"next\""), "{link}");
            link.trim_start_matches('<')
                .split('>')
                .next()
                .unwrap()
                .to_owned()
        });
        assert!(rows.len() < 10_000, "the pages do not end");
    }
    rows
}

on_both!(
    pages_follow_links_and_kept_answers_follow_writes,
    |backend| {
        let db = fresh_database(backend, "kept");
        let s = Server::start(&db, &["--demo"]);
        let ids = |rows: &[Value]| -> Vec<String> {
            rows.iter()
                .map(|r| r["id"].as_str().unwrap().to_owned())
                .collect()
        };
        // The agreement list in pages of one is the whole list, once, in order.
        let whole = get(&s, "/api/v1/agreements").json();
        let paged = all_pages(&s, "/api/v1/agreements?limit=1");
        assert_eq!(ids(&paged), ids(whole.as_array().unwrap()));
        // Due duties in pages of three: the same rows as one big page.
        let key = |o: &Value| format!("{}/{}/{}", o["due"], o["agreement"], o["key"]);
        let all_due = get(&s, "/api/v1/portfolio/due?days=3000&limit=1000").json();
        let all_due: Vec<String> = all_due.as_array().unwrap().iter().map(key).collect();
        assert!(all_due.len() > 6, "{all_due:?}");
        let paged: Vec<String> = all_pages(&s, "/api/v1/portfolio/due?days=3000&limit=3")
            .iter()
            .map(key)
            .collect();
        assert_eq!(paged, all_due);
        let bad = get(&s, "/api/v1/portfolio/due?after=nonsense");
        assert_eq!(bad.status, 400, "{}", bad.body);
        assert!(bad.body.contains("after"), "{}", bad.body);

        // A report received takes its duty off the list that was kept above.
        let whole_due = "/api/v1/portfolio/due?days=3000&limit=1000";
        let report = get(&s, whole_due)
            .json()
            .as_array()
            .unwrap()
            .iter()
            .find(|o| o["kind"].as_str().unwrap().ends_with("report"))
            .expect("a report is due within 3000 days")
            .clone();
        let record = json!({"kind": "report", "date": "2026-11-23", "obligation": report["key"], "state": "received"});
        let path = format!(
            "/api/v1/agreements/{}",
            report["agreement"].as_str().unwrap()
        );
        let added = s.send(
            "POST",
            &format!("{path}/records"),
            &[],
            Some(&record.to_string()),
        );
        assert_eq!(added.status, 201, "{}", added.body);
        let still: Vec<String> = get(&s, whole_due)
            .json()
            .as_array()
            .unwrap()
            .iter()
            .map(key)
            .collect();
        assert_eq!(still.len(), all_due.len() - 1);
        assert!(
            !still.contains(&key(&report)),
            "the met duty is still listed"
        );

        // A new version is served at once, with its ETag.
        let before = get(&s, &path);
        let version: i64 = before.json()["version"].as_i64().unwrap();
        assert_eq!(
            before.header("etag"),
            Some(format!("\"{version}\"").as_str())
        );
        let next_status = match before.json()["status"].as_str().unwrap() {
            "draft" => "decided",
            _ => "signed",
        };
        let status = json!({ "status": next_status }).to_string();
        let changed = s.send(
            "POST",
            &format!("{path}/status"),
            &[
                ("If-Match", &version.to_string()),
                ("Content-Type", "application/json"),
            ],
            Some(&status),
        );
        assert_eq!(changed.status, 200, "{}", changed.body);
        let now = get(&s, &path);
        assert_eq!(now.json()["version"], json!(version + 1));
        assert_eq!(now.json()["status"], next_status);
        assert_eq!(
            now.header("etag"),
            Some(format!("\"{}\"", version + 1).as_str())
        );

        // Another process takes the reader's roles away: the server stops
        // showing them anything soon after (it looks for such writes every
        // quarter of a second), although it had their answers kept.
        let as_rut = [(AS, "rut")];
        let listed = s.send("GET", "/api/v1/agreements", &as_rut, None).json();
        assert_eq!(listed.as_array().unwrap().len(), 4);
        assert_eq!(s.send("GET", &path, &as_rut, None).status, 200);
        for (org, _) in example_orgs() {
            iop(&db, &["user", "revoke", "rut", "--org", &org], None);
        }
        let mut waited = 0;
        loop {
            let listed = s.send("GET", "/api/v1/agreements", &as_rut, None).json();
            if listed.as_array().unwrap().is_empty() {
                break;
            }
            assert!(
                waited < 100,
                "after 10 s the revoked reader still sees {listed}"
            );
            std::thread::sleep(std::time::Duration::from_millis(100));
            waited += 1;
        }
        assert_eq!(s.send("GET", &path, &as_rut, None).status, 404);
        // Kept answers are the asker's own: what the official was just told is
        // not what the reader, now in no organisation, is told (no write between).
        for route in ["/api/v1/agreements", "/api/v1/portfolio/due?days=3000"] {
            let anna = get(&s, route).json();
            let rut = s.send("GET", route, &as_rut, None).json();
            assert!(!anna.as_array().unwrap().is_empty(), "{route}");
            assert!(rut.as_array().unwrap().is_empty(), "{route}: {rut}");
        }
        assert_eq!(get(&s, &path).status, 200);
        assert_eq!(s.send("GET", &path, &as_rut, None).status, 404);
    }
);

/// Every file under a directory, however deep.
fn files_under(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    let mut todo = vec![dir.to_path_buf()];
    while let Some(d) = todo.pop() {
        for entry in std::fs::read_dir(&d).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                todo.push(path);
            } else {
                out.push(path);
            }
        }
    }
    out
}
