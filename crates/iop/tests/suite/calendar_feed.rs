//! Calendar subscriptions against the real server, on SQLite and on
//! PostgreSQL: a feed per demo account, read back with an independent
//! iCalendar parser (the `ical` crate), holding exactly the duties the
//! reminder defaults give the account's role, with the UIDs of the
//! agreement's own calendar file, met duties marked, and 404 for a revoked,
//! unknown or malformed address.

use std::collections::{BTreeMap, BTreeSet};

use domain::model::Sector;
use domain::rules::obligations::{self, ObligationKind};
use serde_json::json;

use crate::support::*;

/// Sign in as a demo account (password `demo-` and the user name).
fn demo_session(s: &Server, user: &str) -> Session {
    let body = json!({"username": user, "password": format!("demo-{user}")}).to_string();
    let reply = send(
        "POST",
        &s.url("/api/v1/session"),
        &[("Content-Type", "application/json")],
        Some(&body),
    );
    assert_eq!(reply.status, 200, "sign in as {user}: {}", reply.body);
    Session {
        cookie: session_cookie(&reply).unwrap(),
        csrf: reply.json()["csrf_token"].as_str().unwrap().to_owned(),
    }
}

/// A new feed for the session's user: its id and its path on the server.
fn new_feed(s: &Server, who: &Session, name: &str) -> (String, String) {
    let made = s.send_in(
        who,
        "POST",
        "/api/v1/calendar-feeds",
        &[("Content-Type", "application/json")],
        Some(&json!({"name": name}).to_string()),
    );
    assert_eq!(made.status, 201, "{}", made.body);
    let out = made.json();
    let url = out["url"].as_str().unwrap();
    let host = s.base.trim_start_matches("http://");
    let path = url
        .strip_prefix(&format!("webcal://{host}"))
        .unwrap_or_else(|| panic!("a webcal address on this host: {url}"))
        .to_owned();
    assert_eq!(
        out["https_url"].as_str().unwrap(),
        format!("{}{path}", s.base)
    );
    let secret = path
        .strip_prefix("/kalender/")
        .and_then(|p| p.strip_suffix(".ics"))
        .unwrap();
    assert!(
        secret.len() * 4 >= 128 && secret.chars().all(|c| c.is_ascii_hexdigit()),
        "at least 128 random bits: {secret}"
    );
    (out["id"].as_str().unwrap().to_owned(), path)
}

/// The events of an iCalendar text, by UID: their SUMMARY.
fn events(text: &str) -> BTreeMap<String, String> {
    let mut reader = ical::IcalParser::new(text.as_bytes());
    let cal = reader.next().expect("one calendar").expect("parses");
    assert!(reader.next().is_none(), "one calendar only");
    assert!(
        cal.todos.is_empty(),
        "events only, which every client shows"
    );
    let mut out = BTreeMap::new();
    for event in &cal.events {
        let prop = |name: &str| {
            event
                .properties
                .iter()
                .find(|p| p.name == name)
                .and_then(|p| p.value.clone())
                .unwrap_or_default()
        };
        assert!(
            out.insert(prop("UID"), prop("SUMMARY")).is_none(),
            "UIDs are unique"
        );
    }
    out
}

/// A calendar's property (of the VCALENDAR itself).
fn calendar_property(text: &str, name: &str) -> Option<String> {
    let mut reader = ical::IcalParser::new(text.as_bytes());
    let cal = reader.next()?.ok()?;
    cal.properties
        .iter()
        .find(|p| p.name == name)
        .and_then(|p| p.value.clone())
}

/// The feed at `path`: 200, iCalendar, refreshed hourly; its events.
fn fetch_feed(s: &Server, path: &str) -> (String, BTreeMap<String, String>) {
    let reply = send("GET", &s.url(path), &[], None);
    assert_eq!(reply.status, 200, "{path}: {}", reply.body);
    assert_eq!(
        reply.header("content-type"),
        Some("text/calendar; charset=utf-8")
    );
    let refresh = calendar_property(&reply.body, "REFRESH-INTERVAL");
    assert_eq!(refresh.as_deref(), Some("PT1H"));
    assert!(
        reply
            .body
            .contains("\r\nREFRESH-INTERVAL;VALUE=DURATION:PT1H\r\n")
    );
    assert_eq!(
        calendar_property(&reply.body, "X-PUBLISHED-TTL").as_deref(),
        Some("PT1H")
    );
    let events = events(&reply.body);
    (reply.body, events)
}

/// The agreements an official sees that are not drafts (a feed, like the
/// reminders, leaves drafts out), with their duties as the API gives them:
/// UID → state.
fn official_duties(s: &Server, official: &Session) -> BTreeMap<String, String> {
    let list = s.send_in(official, "GET", "/api/v1/agreements", &[], None);
    let mut out = BTreeMap::new();
    for a in list.json().as_array().unwrap() {
        if a["status"] == "draft" {
            continue;
        }
        let id = a["id"].as_str().unwrap();
        let path = format!("/api/v1/agreements/{id}/obligations");
        let duties = s.send_in(official, "GET", &path, &[], None).json();
        for o in duties.as_array().unwrap() {
            out.insert(
                format!("{id}.{}@iop", o["key"].as_str().unwrap()),
                o["state"].as_str().unwrap().to_owned(),
            );
        }
    }
    out
}

/// The duties a partner representative of every idea-driven party is
/// reminded of, computed here from each agreement's file: reports and
/// invoices that an idea-driven party owes (or all parties jointly).
fn partner_duties(s: &Server, official: &Session) -> BTreeSet<String> {
    let list = s.send_in(official, "GET", "/api/v1/agreements", &[], None);
    let mut out = BTreeSet::new();
    for a in list.json().as_array().unwrap() {
        if a["status"] == "draft" {
            continue;
        }
        let id = a["id"].as_str().unwrap();
        let file = s.send_in(
            official,
            "GET",
            &format!("/api/v1/agreements/{id}"),
            &[("Accept", "application/toml")],
            None,
        );
        let agreement = domain::format::parse(&file.body, domain::format::Syntax::Toml).unwrap();
        let idea_driven: BTreeSet<&str> = agreement
            .parties
            .iter()
            .filter(|p| p.sector == Sector::IdeaDriven)
            .map(|p| p.name.as_str())
            .collect();
        for o in obligations::obligations(&agreement, Default::default()).unwrap() {
            let kind = o.kind.is_report() || o.kind == ObligationKind::Invoice;
            let owed =
                o.responsible.is_empty() || o.responsible.iter().any(|r| idea_driven.contains(r));
            if kind && owed {
                out.insert(format!("{id}.{}@iop", o.key()));
            }
        }
    }
    out
}

/// The UIDs of an agreement's own calendar file.
fn download_uids(s: &Server, who: &Session, id: &str) -> BTreeSet<String> {
    let reply = s.send_in(who, "GET", &format!("/avtal/{id}/kalender.ics"), &[], None);
    assert_eq!(reply.status, 200, "{}", reply.body);
    events(&reply.body).into_keys().collect()
}

on_both!(a_feed_holds_the_duties_its_user_is_reminded_of, |backend| {
    let s = Server::start(&fresh_database(backend, "feeds"), &["--demo"]);
    let official = demo_session(&s, "handlaggare");
    let partner = demo_session(&s, "partner");
    let (official_feed, official_path) = new_feed(&s, &official, "Outlook");
    let (_, partner_path) = new_feed(&s, &partner, "Google");

    // The partner hands in one of the reports their organisation owes.
    let expected_partner = partner_duties(&s, &official);
    let handed_in = expected_partner
        .iter()
        .find(|uid| uid.contains("report."))
        .expect("a report the partner owes")
        .clone();
    let (id, key) = handed_in.trim_end_matches("@iop").split_once('.').unwrap();
    let record = s.send_in(
        &partner,
        "POST",
        &format!("/api/v1/agreements/{id}/records"),
        &[("Content-Type", "application/json")],
        Some(
            &json!({"kind": "report", "date": "2026-11-20", "state": "received", "obligation": key})
                .to_string(),
        ),
    );
    assert_eq!(record.status, 201, "{}", record.body);

    // The official: every duty of every agreement that is not a draft.
    let expected = official_duties(&s, &official);
    let (text, got) = fetch_feed(&s, &official_path);
    assert_eq!(
        got.keys().collect::<BTreeSet<_>>(),
        expected.keys().collect::<BTreeSet<_>>(),
        "{text}"
    );
    assert!(
        text.contains("X-WR-CALNAME:iop – mina skyldigheter\r\n"),
        "{text}"
    );
    // Met duties say so first; no other does.
    let met: Vec<&String> = expected
        .iter()
        .filter(|(_, state)| *state == "met")
        .map(|(uid, _)| uid)
        .collect();
    assert!(met.contains(&&handed_in), "{handed_in} is met: {met:?}");
    for (uid, summary) in &got {
        assert_eq!(
            summary.starts_with("✓ Klart:"),
            met.contains(&uid),
            "{uid}: {summary}"
        );
    }
    // The same UIDs as each agreement's own calendar file.
    let by_agreement: BTreeSet<&str> = got
        .keys()
        .map(|uid| uid.split('.').next().unwrap())
        .collect();
    assert!(by_agreement.len() >= 2, "{by_agreement:?}");
    for id in by_agreement {
        let own: BTreeSet<String> = got
            .keys()
            .filter(|uid| uid.starts_with(&format!("{id}.")))
            .cloned()
            .collect();
        assert_eq!(own, download_uids(&s, &official, id), "{id}");
    }

    // The partner: only the reports and invoices their organisations owe.
    let (text, got) = fetch_feed(&s, &partner_path);
    assert_eq!(
        got.keys().cloned().collect::<BTreeSet<_>>(),
        expected_partner,
        "{text}"
    );
    assert!(
        got.len() < expected.len(),
        "the partner sees less than the official"
    );
    assert!(got[&handed_in].starts_with("✓ Klart:"), "{text}");
    assert!(
        !text.contains("SUMMARY:Möte") && !text.contains(".meeting."),
        "no meetings for a partner: {text}"
    );

    // English on request.
    let (text, _) = fetch_feed(&s, &format!("{official_path}?lang=en"));
    assert!(text.contains("X-WR-CALNAME:iop – my duties\r\n"), "{text}");
    assert!(text.contains("SUMMARY:✓ Done:"), "{text}");

    // Listed without the secret; another user can neither see nor revoke it.
    let listed = s.send_in(&official, "GET", "/api/v1/calendar-feeds", &[], None);
    assert_eq!(listed.json()[0]["name"], "Outlook");
    let secret = official_path.trim_start_matches("/kalender/");
    assert!(!listed.body.contains(secret.trim_end_matches(".ics")));
    let theirs = s.send_in(&partner, "GET", "/api/v1/calendar-feeds", &[], None);
    assert!(!theirs.body.contains(&official_feed), "{}", theirs.body);
    let path = format!("/api/v1/calendar-feeds/{official_feed}");
    assert_eq!(s.send_in(&partner, "DELETE", &path, &[], None).status, 404);
    fetch_feed(&s, &official_path);

    // Revoked, unknown and malformed addresses: the same 404.
    assert_eq!(s.send_in(&official, "DELETE", &path, &[], None).status, 204);
    let gone = send("GET", &s.url(&official_path), &[], None);
    let unknown = send(
        "GET",
        &s.url(&format!("/kalender/{}.ics", "0".repeat(64))),
        &[],
        None,
    );
    let malformed = send(
        "GET",
        &s.url(&format!("/kalender/{}.ics", "A".repeat(64))),
        &[],
        None,
    );
    let short = send("GET", &s.url("/kalender/abc.ics"), &[], None);
    for reply in [&gone, &unknown, &malformed, &short] {
        assert_eq!(reply.status, 404, "{}", reply.body);
        assert_eq!(reply.body, gone.body);
        assert!(!reply.body.contains("VCALENDAR"));
    }
    assert_eq!(s.send_in(&official, "DELETE", &path, &[], None).status, 404);
    let listed = s.send_in(&official, "GET", "/api/v1/calendar-feeds", &[], None);
    assert!(
        listed.json()[0]["revoked_at"].is_string(),
        "{}",
        listed.body
    );

    // A reader is reminded of nothing by default: an empty calendar.
    let made = s.send(
        "POST",
        "/api/v1/calendar-feeds",
        &[(AS, "rut"), ("Content-Type", "application/json")],
        Some(r#"{"name": "Revision"}"#),
    );
    assert_eq!(made.status, 201, "{}", made.body);
    let url = made.json()["https_url"].as_str().unwrap().to_owned();
    let (_, got) = fetch_feed(&s, url.trim_start_matches(&s.base));
    assert!(got.is_empty(), "{got:?}");
    // Every creation and revocation is in the audit log.
    let audit = s.send("GET", "/api/v1/audit?limit=20", &[(AS, "root")], None);
    let actions: Vec<String> = audit
        .json()
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["entity_kind"] == "calendar-feed")
        .map(|e| {
            let text = |name: &str| e[name].as_str().unwrap().to_owned();
            format!("{} {}", text("actor"), text("action"))
        })
        .collect();
    assert_eq!(
        actions,
        [
            "rut created",
            "handlaggare revoked",
            "partner created",
            "handlaggare created"
        ],
        "newest first"
    );
});

on_both!(
    the_account_page_creates_lists_and_revokes_feeds,
    |backend| {
        let s = Server::start(&fresh_database(backend, "feed_page"), &["--demo"]);
        let official = demo_session(&s, "handlaggare");
        let form = [("Content-Type", "application/x-www-form-urlencoded")];
        let empty = s.send_in(&official, "POST", "/konto/kalendrar", &form, Some("name=+"));
        assert_eq!(empty.status, 422);
        assert!(empty.body.contains("error-summary"), "{}", empty.body);
        let made = s.send_in(
            &official,
            "POST",
            "/konto/kalendrar",
            &form,
            Some("name=Outlook+p%C3%A5+jobbet"),
        );
        assert_eq!(made.status, 200, "{}", made.body);
        let start = made.body.find("webcal://").unwrap();
        let url: String = made.body[start..]
            .chars()
            .take_while(|c| *c != '"')
            .collect();
        let path = &url[url.find("/kalender/").unwrap()..];
        fetch_feed(&s, path);
        // Listed again without its address, with a form to revoke it.
        let page = s.send_in(&official, "GET", "/konto", &[], None);
        assert!(page.body.contains("Outlook på jobbet"), "{}", page.body);
        assert!(!page.body.contains(path), "the address is shown once");
        let action_start = page.body.find("/konto/kalendrar/").unwrap();
        let action: String = page.body[action_start..]
            .chars()
            .take_while(|c| *c != '"')
            .collect();
        let revoked = s.send_in(&official, "POST", &action, &form, Some(""));
        assert_eq!(revoked.status, 303, "{}", revoked.body);
        assert_eq!(send("GET", &s.url(path), &[], None).status, 404);
        let page = s.send_in(&official, "GET", "/konto?lang=en", &[], None);
        assert!(page.body.contains("Revoked"), "{}", page.body);
        assert!(!page.body.contains("/aterkalla"));
    }
);
