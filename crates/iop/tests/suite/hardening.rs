//! The server under hostile input: no redirect off-site, every API error as
//! problem+json, no 5xx from control characters, no capability gained by a
//! side door. Each test runs on SQLite and on PostgreSQL.

use std::time::{Duration, Instant};

use crate::support::*;

/// Sign in through the page form with `next` (already form-encoded).
fn sign_in_with_next(s: &Server, next: &str) -> Reply {
    let body = format!("username=anna&password=correct+horse+battery&next={next}");
    send(
        "POST",
        &s.url("/logga-in"),
        &[("Content-Type", "application/x-www-form-urlencoded")],
        Some(&body),
    )
}

on_both!(sign_in_never_redirects_off_site, |backend| {
    let s = Server::start(&fresh_database(backend, "redirect"), &[]);
    for next in [
        "%2F%09%2Fevil.example%2F",
        "%2F%0A%2Fevil.example%2F",
        "%2F%2Fevil.example",
        "%2F%5Cevil.example",
        "%5C%5Cevil.example",
        "https%3A%2F%2Fevil.example",
        "%20%2F%2Fevil.example",
    ] {
        let reply = sign_in_with_next(&s, next);
        assert_eq!(reply.status, 303, "next={next}: {}", reply.body);
        assert_eq!(reply.header("location"), Some("/"), "next={next}");
    }
    let reply = sign_in_with_next(&s, "%2Favtal%3Fq%3Dx");
    assert_eq!(reply.header("location"), Some("/avtal?q=x"));
});

/// The example agreement Vi ses, created by anna (an official): its id.
fn create_vi_ses(s: &Server) -> String {
    s.create(&[], &example(VI_SES))
}

/// Announces `length` bytes of TOML to `path` as anna and sends them.
fn announce_a_large_body(s: &Server, path: &str, length: usize) -> Reply {
    let bearer = format!("Bearer {}", s.token("anna"));
    let headers = [
        ("Authorization", bearer.as_str()),
        ("Content-Type", "application/toml"),
    ];
    post_while_reading(&s.url(path), &headers, vec![b'x'; length])
}

/// An API error answered as problem+json with this status.
fn assert_problem(reply: &Reply, status: u16, what: &str) {
    assert_eq!(reply.status, status, "{what}: {}", reply.body);
    assert_eq!(
        reply.header("content-type"),
        Some("application/problem+json"),
        "{what}: {}",
        reply.body
    );
    assert_eq!(reply.json()["status"], status, "{what}");
}

on_both!(every_api_error_is_a_problem, |backend| {
    let s = Server::start(&fresh_database(backend, "problems"), &[]);
    let json = [("Content-Type", "application/json")];
    let id = create_vi_ses(&s);
    let status = format!("/api/v1/agreements/{id}/status");
    assert_problem(
        &announce_a_large_body(&s, "/api/v1/agreements", 21 * 1024 * 1024),
        413,
        "over the body limit",
    );
    assert_problem(
        &s.send("POST", &status, &[], Some("{}")),
        415,
        "status without a content type",
    );
    assert_problem(
        &s.send("POST", &status, &json, Some("{")),
        400,
        "status with broken JSON",
    );
    assert_problem(
        &s.send("POST", &status, &json, Some("{\"x\":1}")),
        422,
        "status without a status",
    );
    assert_problem(
        &get(&s, "/api/v1/agreements?limit=many"),
        400,
        "unparseable query",
    );
    assert_problem(
        &get(&s, &format!("/api/v1/agreements/{id}/versions/first")),
        400,
        "unparseable path",
    );
    let refused = s.send("DELETE", "/api/v1/agreements", &[], None);
    assert_problem(&refused, 405, "unknown method");
    assert!(refused.header("allow").is_some(), "405 names the methods");
});

on_both!(control_characters_are_refused_at_the_edge, |backend| {
    let s = Server::start(&fresh_database(backend, "control"), &[]);
    create_vi_ses(&s);
    let json = [("Content-Type", "application/json")];
    let nobody = [(AS, ""), ("Content-Type", "application/json")];
    let sign_in = r#"{"username": "an\u0000na", "password": "x"}"#;
    assert_problem(
        &s.send("POST", "/api/v1/session", &nobody, Some(sign_in)),
        400,
        "NUL in a sign-in name",
    );
    assert_problem(&get(&s, "/api/v1/agreements?q=%00"), 400, "NUL in a search");
    assert_problem(&get(&s, "/api/v1/agreements/vi%00ses"), 400, "NUL in an id");
    let token = r#"{"name": "t\u0000", "scope": "read"}"#;
    assert_problem(
        &s.send("POST", "/api/v1/tokens", &json, Some(token)),
        400,
        "NUL in a token name",
    );
    // Pages answer with the error page, anonymously too.
    for path in ["/avtal?q=%00", "/avtal/vi%01ses", "/avtal/vi%0Dses/fil"] {
        let reply = s.send("GET", path, &[(AS, "")], None);
        assert_eq!(reply.status, 400, "{path}: {}", reply.body);
        assert!(reply.body.contains("<html"), "{path}: {}", reply.body);
    }
    let form = [("Content-Type", "application/x-www-form-urlencoded")];
    let reply = send(
        "POST",
        &s.url("/logga-in"),
        &form,
        Some("username=an%00na&password=x"),
    );
    assert_eq!(reply.status, 400, "NUL in the sign-in form: {}", reply.body);
    // Tab and newline stay allowed in long texts (raw and escaped).
    let text = example(VI_SES).replacen("text = \"\"\"\n", "text = \"\"\"\n\tIndrag\\t\\n", 1);
    s.create(&[], &text);
});

on_both!(attaching_needs_the_right_to_record_that_kind, |backend| {
    let s = Server::start(&fresh_database(backend, "attach"), &[]);
    let id = create_vi_ses(&s);
    let json = [("Content-Type", "application/json")];
    let records = format!("/api/v1/agreements/{id}/records");
    let add = |body: &str| {
        let reply = s.send("POST", &records, &json, Some(body));
        assert_eq!(reply.status, 201, "{}", reply.body);
        reply.json()["id"].as_str().unwrap().to_owned()
    };
    let payment = add(r#"{"kind": "payment", "date": "2024-01-31", "amount": "100000"}"#);
    let report = add(r#"{"kind": "report", "date": "2024-01-31"}"#);
    let attach = |record: &str| {
        let path = format!("{records}/{record}/files?name=kvitto.txt");
        let text = [(AS, "petra"), ("Content-Type", "text/plain")];
        s.send("POST", &path, &text, Some("Kvitto"))
    };
    // A partner representative may not record a payment, nor attach to one.
    assert_problem(&attach(&payment), 403, "a partner attaching to a payment");
    let files = get(&s, &format!("{records}/{payment}/files")).json();
    assert!(files.as_array().unwrap().is_empty(), "{files}");
    // A report they may hand in, and so attach to.
    let reply = attach(&report);
    assert_eq!(reply.status, 201, "{}", reply.body);
});

/// A form field's value, percent-encoded.
fn form_value(text: &str) -> String {
    text.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

on_both!(the_edit_form_without_a_base_version_is_stale, |backend| {
    let s = Server::start(&fresh_database(backend, "edit_base"), &[]);
    let id = create_vi_ses(&s);
    let anna = s.sign_in("anna");
    let changed = example(VI_SES)
        .replace(VI_SES_ID, &id)
        .replace("hädanefter Kommunen", "hädanefter kommunen");
    let path = format!("/avtal/{id}/andra");
    let form = [("Content-Type", "application/x-www-form-urlencoded")];
    let body = format!("text={}&reason=r", form_value(&changed));
    let reply = s.send_in(&anna, "POST", &path, &form, Some(&body));
    assert_eq!(reply.status, 422, "{}", reply.body);
    let versions = get(&s, &format!("/api/v1/agreements/{id}/versions")).json();
    assert_eq!(versions.as_array().unwrap().len(), 1, "{versions}");
    // Based on the version it was made from, the change is saved.
    let reply = s.send_in(
        &anna,
        "POST",
        &path,
        &form,
        Some(&format!("{body}&base_version=1")),
    );
    assert_eq!(reply.status, 303, "{}", reply.body);
    let versions = get(&s, &format!("/api/v1/agreements/{id}/versions")).json();
    assert_eq!(versions.as_array().unwrap().len(), 2, "{versions}");
});

on_both!(an_anonymous_file_request_tells_nothing, |backend| {
    let s = Server::start(&fresh_database(backend, "oracle"), &[]);
    let id = create_vi_ses(&s);
    let records = format!("/api/v1/agreements/{id}/records");
    let json = [("Content-Type", "application/json")];
    let report = r#"{"kind": "report", "date": "2024-01-31"}"#;
    let record = s.send("POST", &records, &json, Some(report)).json()["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let text = [("Content-Type", "text/plain")];
    let path = format!("{records}/{record}/files?name=r.txt");
    let file = s.send("POST", &path, &text, Some("Rapport")).json()["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let existing = s.send("GET", &format!("/api/v1/files/{file}"), &[(AS, "")], None);
    let unknown = s.send("GET", "/api/v1/files/0123456789abcdef", &[(AS, "")], None);
    assert_eq!(
        existing.status, unknown.status,
        "{} / {}",
        existing.body, unknown.body
    );
    assert_eq!(existing.body, unknown.body);
    assert_ne!(existing.status, 200);
});

// ---------------------------------------------------------------- ids on create

const MALMO: &str = "212000-1124";
const MALMO_FILE: &str = "003-skane-malmo-barn.toml";
const MALMO_ID: &str = "skane-malmo-rk-barn-2021";

/// What a created agreement's answer shows of its shape: status, headers
/// present, body fields and the values that do not depend on the id.
fn shape(reply: &Reply) -> String {
    let body = reply.json();
    let mut keys: Vec<&String> = body.as_object().unwrap().keys().collect();
    keys.sort();
    format!(
        "{} location={} etag={:?} {keys:?} version={} change={}",
        reply.status,
        reply.header("location").is_some(),
        reply.header("etag"),
        body["version"],
        body["change"]
    )
}

on_both!(
    creating_with_another_organisations_id_tells_nothing,
    |backend| {
        let db = fresh_database(backend, "create_oracle");
        // olle: an official of Malmö stad alone, no party to Vi ses.
        let add = ["user", "add", "olle", "--name", "olle", "--password-stdin"];
        iop(&db, &add, Some(&format!("{PASSWORD}\n")));
        let grant = [
            "user", "grant", "olle", "--org", MALMO, "--role", "official",
        ];
        iop(&db, &grant, None);
        let s = Server::start(&db, &[]);
        // Linköping's agreement, and as it stands before olle tries anything.
        let taken = create_vi_ses(&s);
        assert!(taken.starts_with(&format!("{VI_SES_ID}-")), "{taken}");
        let before = get(&s, &format!("/api/v1/agreements/{taken}")).json();
        let olle = s.sign_in("olle");
        let toml = [("Content-Type", "application/toml")];
        let create = |id: &str| {
            let file = example(MALMO_FILE).replace(MALMO_ID, id);
            s.send_in(&olle, "POST", "/api/v1/agreements", &toml, Some(&file))
        };
        // Malmö's file under the id Linköping's agreement has, under the id its
        // file had, and under an id no one uses: the same answer each time.
        let free = create("ledigt-id");
        let free_id = created_id(&free);
        assert!(free_id.starts_with("ledigt-id-"), "{free_id}");
        for id in [taken.as_str(), VI_SES_ID] {
            let reply = create(id);
            assert_eq!(shape(&reply), shape(&free), "{id}: {}", reply.body);
            let given = created_id(&reply);
            assert!(given.starts_with(&format!("{id}-")), "{given}");
            assert_ne!(given, taken);
        }
        // The page form too: a redirect to the new agreement, never to Linköping's.
        let (kind, body) =
            crate::access::multipart(&[("text", &example(MALMO_FILE).replace(MALMO_ID, &taken))]);
        let reply = s.send_in(
            &olle,
            "POST",
            "/avtal/ny",
            &[("Content-Type", &kind)],
            Some(&body),
        );
        assert_eq!(reply.status, 303, "{}", reply.body);
        let location = reply.header("location").unwrap();
        assert!(
            location.starts_with(&format!("/avtal/{taken}-")),
            "{location}"
        );
        // Linköping's agreement is as it was, and olle cannot read it.
        assert_eq!(
            get(&s, &format!("/api/v1/agreements/{taken}")).json(),
            before
        );
        let hidden = s.send_in(
            &olle,
            "GET",
            &format!("/api/v1/agreements/{taken}"),
            &[],
            None,
        );
        let unknown = s.send_in(&olle, "GET", "/api/v1/agreements/finns-inte", &[], None);
        assert_eq!((hidden.status, &hidden.body), (404, &unknown.body));
        // Four of Malmö's, one of Linköping's: none was refused as taken.
        let all = get(&s, "/api/v1/agreements").json();
        assert_eq!(all.as_array().unwrap().len(), 5, "{all}");
    }
);

/// A 422 problem naming `field`, its message naming `limit`.
fn assert_too_long(reply: &Reply, field: &str, limit: &str) {
    assert_problem(reply, 422, field);
    let error = &reply.json()["errors"][0];
    assert_eq!(error["field"], field, "{}", reply.body);
    assert!(
        error["message"].as_str().unwrap().contains(limit),
        "{}",
        reply.body
    );
}

on_both!(
    user_texts_are_bounded_before_anything_is_written,
    |backend| {
        let s = Server::start(&fresh_database(backend, "limits"), &[]);
        let id = create_vi_ses(&s);
        let nobody = [(AS, ""), ("Content-Type", "application/json")];
        // Long, but within the sign-in body's 16 KiB: the name's own limit answers.
        let long_name = "a".repeat(1000);
        let sign_in = format!(r#"{{"username": "{long_name}", "password": "x"}}"#);
        let reply = s.send("POST", "/api/v1/session", &nobody, Some(&sign_in));
        assert_too_long(&reply, "username", "64");
        let form = [("Content-Type", "application/x-www-form-urlencoded")];
        let body = format!("username={long_name}&password=x");
        let reply = send("POST", &s.url("/logga-in"), &form, Some(&body));
        assert_eq!(reply.status, 422, "a long name in the sign-in form");
        let json = [("Content-Type", "application/json")];
        let records = format!("/api/v1/agreements/{id}/records");
        let text = "x".repeat(5000);
        let record = format!(r#"{{"kind": "meeting", "date": "2024-01-31", "body": "{text}"}}"#);
        assert_too_long(
            &s.send("POST", &records, &json, Some(&record)),
            "body",
            "1000",
        );
        let huge = "x".repeat(2 * 1024 * 1024);
        let record = format!(r#"{{"kind": "meeting", "date": "2024-01-31", "body": "{huge}"}}"#);
        // Answered at 1 MiB, before the rest is sent.
        let bearer = format!("Bearer {}", s.token("anna"));
        let headers = [
            ("Authorization", bearer.as_str()),
            ("Content-Type", "application/json"),
        ];
        assert_problem(
            &post_while_reading(&s.url(&records), &headers, record.into_bytes()),
            413,
            "a record over 1 MiB",
        );
        let list = get(&s, &records).json();
        assert!(list.as_array().unwrap().is_empty(), "{list}");
    }
);

// ---------------------------------------------------------------- sign-in throttling
// The rules (crates/app/src/throttle.rs, README "Signing in"): per user name
// and address 5 attempts freely, per user name 20, per address 50; then a
// wait that doubles from 1 s. The server's clock stands still in the tests,
// so a wait never passes: every attempt after the free ones is refused.

/// A sign-in attempt from `client` (believed from the test's proxy).
fn sign_in_from(s: &Server, client: &str, user: &str, password: &str) -> Reply {
    let body = serde_json::json!({"username": user, "password": password}).to_string();
    send(
        "POST",
        &s.url("/api/v1/session"),
        &[
            ("Content-Type", "application/json"),
            ("X-Forwarded-For", client),
        ],
        Some(&body),
    )
}

/// How many answers had this status.
fn count(replies: &[Reply], status: u16) -> usize {
    replies.iter().filter(|r| r.status == status).count()
}

/// The server behind a proxy on the test's own address, so the tests can
/// sign in from many addresses.
fn behind_proxy(backend: Backend, name: &str) -> Server {
    Server::start(
        &fresh_database(backend, name),
        &["--trusted-proxy", "127.0.0.1"],
    )
}

/// Failed sign-ins in the audit log.
fn failures_audited(s: &Server) -> usize {
    let audit = s
        .send("GET", "/api/v1/audit?limit=500", &[(AS, "root")], None)
        .json();
    audit
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["action"] == "sign-in-failed")
        .count()
}

on_both!(concurrent_guesses_check_at_most_five_passwords, |backend| {
    let s = behind_proxy(backend, "burst");
    let start = std::sync::Barrier::new(40);
    let replies: Vec<Reply> = std::thread::scope(|scope| {
        let guesses: Vec<_> = (0..40)
            .map(|i| {
                let (s, start) = (&s, &start);
                scope.spawn(move || {
                    start.wait();
                    sign_in_from(s, "203.0.113.7", "bertil", &format!("guess {i}"))
                })
            })
            .collect();
        guesses.into_iter().map(|g| g.join().unwrap()).collect()
    });
    let checked = count(&replies, 401);
    assert!(
        (1..=5).contains(&checked),
        "{checked} passwords checked of 40"
    );
    assert_eq!(count(&replies, 429), 40 - checked, "the rest wait");
    assert_eq!(failures_audited(&s), checked, "each check is audited");
    for reply in replies.iter().filter(|r| r.status == 429) {
        assert_problem(reply, 429, "a throttled guess");
        assert!(reply.header("retry-after").is_some());
    }
    // The right password, while the name waits, is not even looked at.
    let right = sign_in_from(&s, "203.0.113.7", "bertil", PASSWORD);
    assert_eq!(right.status, 429, "{}", right.body);
    assert!(session_cookie(&right).is_none());
});

on_both!(one_address_guessing_many_names_is_slowed, |backend| {
    let s = behind_proxy(backend, "spray");
    let replies: Vec<Reply> = (0..55)
        .map(|i| sign_in_from(&s, "203.0.113.8", &format!("user{i}"), "password1"))
        .collect();
    assert_eq!(count(&replies[..50], 401), 50, "50 names are tried freely");
    assert_eq!(count(&replies[50..], 429), 5, "then the address waits");
    // Even a real user's name from there waits; from elsewhere, no one does.
    let here = sign_in_from(&s, "203.0.113.8", "anna", PASSWORD);
    assert_eq!(here.status, 429, "{}", here.body);
    let elsewhere = sign_in_from(&s, "198.51.100.20", "anna", PASSWORD);
    assert_eq!(elsewhere.status, 200, "{}", elsewhere.body);
    // Without the proxy flag, the header is not believed: one client.
    let direct = Server::start(&fresh_database(backend, "spray_direct"), &[]);
    for i in 0..5 {
        let guess = sign_in_from(&direct, &format!("192.0.2.{i}"), "bertil", "password1");
        assert_eq!(guess.status, 401);
    }
    let spoofed = sign_in_from(&direct, "192.0.2.99", "bertil", PASSWORD);
    assert_eq!(spoofed.status, 429, "{}", spoofed.body);
});

on_both!(
    a_stranger_keeps_the_real_user_out_a_minute_at_most,
    |backend| {
        let s = behind_proxy(backend, "stranger");
        // One stranger, many guesses: they wait, the real user does not.
        for i in 0..10 {
            let guess = sign_in_from(&s, "203.0.113.9", "bertil", &format!("guess {i}"));
            assert_eq!(guess.status, if i < 5 { 401 } else { 429 }, "guess {i}");
        }
        let real = sign_in_from(&s, "198.51.100.1", "bertil", PASSWORD);
        assert_eq!(real.status, 200, "{}", real.body);
        // Strangers on 25 addresses: past the name's 20 free attempts everyone
        // waits for the name, the real user too, but never more than 60 s.
        for i in 0..25 {
            let guess = sign_in_from(&s, &format!("203.0.113.{}", 100 + i), "rut", "guess");
            assert_eq!(guess.status, if i < 20 { 401 } else { 429 }, "stranger {i}");
            if guess.status == 429 {
                let wait: u64 = guess.header("retry-after").unwrap().parse().unwrap();
                assert!((1..=60).contains(&wait), "waits {wait} s");
            }
        }
        let real = sign_in_from(&s, "198.51.100.2", "rut", PASSWORD);
        assert_eq!(real.status, 429, "{}", real.body);
        let wait: u64 = real.header("retry-after").unwrap().parse().unwrap();
        assert!((1..=60).contains(&wait), "the real user waits {wait} s");
    }
);

// ---------------------------------------------------------------- limits

/// Vi ses with another title, first section text and term end.
fn vi_ses_with(id: &str, title: &str, text: Option<&str>, end: &str) -> String {
    let original = example(VI_SES);
    let mut toml = original
        .replace(VI_SES_ID, id)
        .replacen(
            "title = \"Vi Ses! - Idéburet Offentligt Partnerskap mellan Linköpings Kommun och Röda Korset\"",
            &format!("title = \"{title}\""),
            1,
        )
        .replacen("end = 2023-12-31", &format!("end = {end}"), 1);
    if let Some(text) = text {
        toml = toml.replacen("text = \"\"\"\n", &format!("text = \"\"\"\n{text}"), 1);
    }
    toml
}

/// The 422 of an agreement naming `field`, with a `code` whose message names `limit`.
fn assert_refused(reply: &Reply, code: &str, field: &str, limit: &str) {
    assert_problem(reply, 422, code);
    let errors = reply.json()["errors"].as_array().unwrap().clone();
    let error = errors
        .iter()
        .find(|e| e["code"] == code)
        .unwrap_or_else(|| panic!("no {code}: {}", reply.body));
    assert_eq!(error["field"], field, "{}", reply.body);
    let message = error["message"].as_str().unwrap();
    assert!(message.contains(limit), "{message}");
}

on_both!(agreement_and_account_texts_are_bounded, |backend| {
    let s = Server::start(&fresh_database(backend, "text_limits"), &[]);
    let id = create_vi_ses(&s);
    let toml = [("Content-Type", "application/toml")];
    let json = [("Content-Type", "application/json")];
    let post = |text: &str| s.send("POST", "/api/v1/agreements", &toml, Some(text));
    // A title of 500 characters is taken, 501 is not; a section's text of
    // 50 000 characters likewise.
    created_id(&post(&vi_ses_with(
        "title-500",
        &"T".repeat(500),
        None,
        "2023-12-31",
    )));
    let reply = post(&vi_ses_with(
        "title-501",
        &"T".repeat(501),
        None,
        "2023-12-31",
    ));
    assert_refused(&reply, "text-long", "title", "500");
    let long = "x".repeat(50_001);
    let reply = post(&vi_ses_with(
        "section-long",
        "Vi ses",
        Some(&long),
        "2023-12-31",
    ));
    assert_refused(&reply, "text-long", "sections[0].text", "50000");
    // A change's reason is stored with its version: 1 000 characters.
    let status = format!("/api/v1/agreements/{id}/status");
    let ended = serde_json::json!({"status": "decided", "reason": "r".repeat(1001)});
    let reply = s.send(
        "POST",
        &status,
        &[("If-Match", "1"), ("Content-Type", "application/json")],
        Some(&ended.to_string()),
    );
    assert_too_long(&reply, "reason", "1000");
    let stored = get(&s, "/api/v1/agreements").json();
    assert_eq!(
        stored.as_array().unwrap().len(),
        2,
        "only Vi ses and title-500: {stored}"
    );
    // A display name, a token's name, a file's name.
    let user = serde_json::json!({
        "username": "lang", "display_name": "D".repeat(201), "password": PASSWORD,
    });
    let reply = s.send(
        "POST",
        "/api/v1/users",
        &[(AS, "root"), ("Content-Type", "application/json")],
        Some(&user.to_string()),
    );
    assert_too_long(&reply, "display_name", "200");
    let token = serde_json::json!({"name": "n".repeat(101), "scope": "read"});
    let reply = s.send("POST", "/api/v1/tokens", &json, Some(&token.to_string()));
    assert_too_long(&reply, "name", "100");
    let records = format!("/api/v1/agreements/{id}/records");
    let report = r#"{"kind": "report", "date": "2024-01-31"}"#;
    let record = s.send("POST", &records, &json, Some(report)).json()["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let text = [("Content-Type", "text/plain")];
    let path = format!("{records}/{record}/files?name={}.txt", "f".repeat(197));
    assert_too_long(&s.send("POST", &path, &text, Some("R")), "name", "200");
    let files = get(&s, &format!("{records}/{record}/files")).json();
    assert!(files.as_array().unwrap().is_empty(), "{files}");
    let path = format!("{records}/{record}/files?name={}.txt", "f".repeat(196));
    assert_eq!(s.send("POST", &path, &text, Some("R")).status, 201);
    // A sign-in body over 16 KiB, as JSON or as the form.
    let nobody = [(AS, ""), ("Content-Type", "application/json")];
    let big = serde_json::json!({"username": "anna", "password": "p".repeat(17 * 1024)});
    let reply = s.send("POST", "/api/v1/session", &nobody, Some(&big.to_string()));
    assert_problem(&reply, 413, "a sign-in over 16 KiB");
    assert!(reply.json()["detail"].as_str().unwrap().contains("16 KiB"));
    let form = [("Content-Type", "application/x-www-form-urlencoded")];
    let body = format!("username=anna&password={}", "p".repeat(17 * 1024));
    let reply = send("POST", &s.url("/logga-in"), &form, Some(&body));
    assert_eq!(reply.status, 413, "the sign-in form over 16 KiB");
});

/// The newest audit event's number: it moves with every write.
fn audit_head(s: &Server) -> i64 {
    let newest = s.send("GET", "/api/v1/audit?limit=1", &[(AS, "root")], None);
    newest.json()[0]["seq"].as_i64().unwrap()
}

on_both!(account_bodies_are_held_to_16_kib, |backend| {
    use serde_json::json;
    let s = Server::start(&fresh_database(backend, "account_bodies"), &[]);
    let id = create_vi_ses(&s);
    let published = format!("/api/v1/agreements/{id}/published");
    // Bodies each route would take, padded with white space (still valid
    // JSON) to one byte over 16 KiB.
    let routes = [
        (
            "anna",
            "POST",
            "/api/v1/session/password",
            json!({"current_password": PASSWORD, "new_password": "ett helt nytt lösenord"}),
        ),
        (
            "anna",
            "POST",
            "/api/v1/tokens",
            json!({"name": "t", "scope": "read"}),
        ),
        (
            "anna",
            "POST",
            "/api/v1/calendar-feeds",
            json!({"name": "k"}),
        ),
        (
            "anna",
            "PUT",
            "/api/v1/account/notifications",
            json!({"off": true}),
        ),
        (
            "root",
            "POST",
            "/api/v1/users",
            json!({"username": "ny", "display_name": "Ny", "password": PASSWORD}),
        ),
        (
            "root",
            "POST",
            "/api/v1/users/rut/roles",
            json!({"org": "212000-1124", "role": "official"}),
        ),
        (
            "root",
            "POST",
            "/api/v1/users/rut/password",
            json!({"password": "ett helt nytt lösenord"}),
        ),
        (
            "root",
            "POST",
            "/api/v1/organisations",
            json!({"id": "ny-org", "name": "Ny"}),
        ),
        (
            "anna",
            "POST",
            published.as_str(),
            json!({"published": false}),
        ),
    ];
    // A route's body, padded to `length` bytes.
    let send_padded = |route: &(&str, &str, &str, serde_json::Value), length: usize| {
        let (who, method, path, body) = route;
        let body = body.to_string();
        let padded = format!("{body}{}", " ".repeat(length - body.len()));
        let headers = [(AS, *who), ("Content-Type", "application/json")];
        s.send(method, path, &headers, Some(&padded))
    };
    let before = audit_head(&s);
    for route in &routes {
        let reply = send_padded(route, 16 * 1024 + 1);
        assert_problem(&reply, 413, route.2);
        let detail = reply.json()["detail"].as_str().unwrap().to_owned();
        assert!(detail.contains("16 KiB"), "{}: {detail}", route.2);
    }
    assert_eq!(audit_head(&s), before, "nothing was written");
    // At the limit exactly, a body is read.
    let reply = send_padded(&routes[1], 16 * 1024);
    assert_eq!(reply.status, 201, "{}", reply.body);
});

// ---------------------------------------------------------------- bounded work

/// Vi ses (from 2022-01-01) ending on `end`, with `extra` more yearly reports.
fn vi_ses_over(id: &str, end: &str, extra: usize) -> String {
    let mut toml = vi_ses_with(id, "Vi ses länge", None, end);
    for i in 0..extra {
        toml.push_str(&format!(
            "\n[[reporting]]\nid = \"extra-{i}\"\nsection = \"Kunskapsinhämtning och Uppföljning\"\n\
             quote = \"En gång per år rapporteras.\"\nkind = \"joint-report\"\ntitle = \"Extra rapport {i}\"\n\
             to = \"ansvarig nämnd\"\ndue = {{ kind = \"yearly\", month = 3, day = 31, year_offset = 1 }}\n"
        ));
    }
    toml
}

/// How long one request for `path` takes alone, and the longest `/livez`
/// took while one more such requests than the server has workers ran at
/// once (the server's runtime has one worker per core).
fn livez_beside_pages(s: &Server, path: &str) -> (Duration, Duration) {
    let start = Instant::now();
    assert_eq!(s.send("GET", path, &[], None).status, 200);
    let alone = start.elapsed();
    let workers = std::thread::available_parallelism().map_or(2, |n| n.get());
    std::thread::scope(|scope| {
        let pages: Vec<_> = (0..=workers)
            .map(|_| scope.spawn(|| s.send("GET", path, &[], None).status))
            .collect();
        // Until they are under way.
        std::thread::sleep(alone / 4);
        let mut longest = Duration::ZERO;
        while !pages.iter().all(|p| p.is_finished()) {
            let start = Instant::now();
            assert_eq!(get(s, "/livez").status, 200);
            longest = longest.max(start.elapsed());
            std::thread::sleep(Duration::from_millis(20));
        }
        for page in pages {
            assert_eq!(page.join().unwrap(), 200);
        }
        (alone, longest)
    })
}

on_both!(an_agreement_asks_for_bounded_work, |backend| {
    let s = Server::start(&fresh_database(backend, "bounded"), &[]);
    let toml = [("Content-Type", "application/toml")];
    let post = |text: &str| s.send("POST", "/api/v1/agreements", &toml, Some(text));
    // Fifty years with 95 more yearly reports, by hand: for each of the 50
    // years the joint report, the 95 others, the steering group's window
    // and the yearly invoice (50 × 98 = 4 900), and the extension decision
    // and the term's end: 4 902 duties, under the 5 000 allowed.
    let id = created_id(&post(&vi_ses_over("femtio-ar", "2071-12-31", 95)));
    let duties = get(&s, &format!("/api/v1/agreements/{id}/obligations")).json();
    assert_eq!(duties.as_array().unwrap().len(), 4902);
    let page = s.send("GET", &format!("/avtal/{id}"), &[], None);
    assert_eq!(page.status, 200);
    assert!(page.body.contains("Extra rapport 94"));
    // Its pages, one more at once than the server has workers, delay no
    // other request: the work runs on blocking threads.
    let (alone, livez) = livez_beside_pages(&s, &format!("/avtal/{id}"));
    assert!(
        livez < alone / 3,
        "/livez took {livez:?} beside pages that take {alone:?} each"
    );
    // A day longer than fifty years is refused, naming the bound.
    let reply = post(&vi_ses_over("femtio-ar-och-en-dag", "2072-01-01", 0));
    assert_refused(&reply, "term-long", "term.end", "at most 50 years");
    // Five more yearly reports: 5 152 duties.
    let reply = post(&vi_ses_over("for-manga", "2071-12-31", 100));
    assert_refused(&reply, "duties-many", "reporting", "at most 5000");
    // In Swedish, from the command line.
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("bounded");
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join(format!("for-manga-{backend:?}.toml"));
    std::fs::write(&file, vi_ses_over("for-manga", "2072-01-01", 0)).unwrap();
    let out = cli(&["check", file.to_str().unwrap()]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{text}");
    assert!(text.contains("högst 50 år"), "{text}");
});

// ---------------------------------------------------------------- statistics

/// Whether PostgreSQL has statistics for `table` in the test database `db`.
fn analyzed(db: &str, table: &str) -> bool {
    let sql = format!(
        "SELECT count(*) FROM pg_stat_user_tables WHERE schemaname = '{}' AND relname = '{table}' \
         AND last_analyze IS NOT NULL",
        schema_of(db)
    );
    let out = std::process::Command::new("psql")
        .args(["-h", "127.0.0.1", "-d", "test", "-Atc", &sql])
        .output()
        .unwrap();
    String::from_utf8_lossy(&out.stdout).trim() == "1"
}

#[test]
fn restore_and_generate_gather_statistics_on_postgres() {
    let generated = empty_database(Backend::Postgres, "analyze_generate");
    iop(
        &generated,
        &["demo", "generate", "--agreements", "20", "--records", "3"],
        None,
    );
    for table in ["agreements", "obligations", "records"] {
        assert!(analyzed(&generated, table), "generate: {table}");
    }
    let file = std::path::Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join(format!("analyze-{}.db", std::process::id()));
    let _ = std::fs::remove_file(&file);
    iop(
        &generated,
        &["backup", "--to", file.to_str().unwrap()],
        None,
    );
    let restored = empty_database(Backend::Postgres, "analyze_restore");
    iop(
        &restored,
        &["restore", "--from", file.to_str().unwrap()],
        None,
    );
    for table in ["agreements", "obligations", "records"] {
        assert!(analyzed(&restored, table), "restore: {table}");
    }
}
