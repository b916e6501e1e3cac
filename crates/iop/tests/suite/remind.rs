//! E-mail reminders end to end: `iop remind` on a real database with seed
//! 003 (Region Skåne, Malmö stad and Svenska Röda Korset, 2021–2024),
//! sending through a real SMTP server (aiosmtpd, the mail crate's fixture).
//!
//! The expected mails are counted by hand from the seed's due dates
//! (`iop obligations examples/003-skane-malmo-barn.toml`) and the default
//! lead times −30, −7, 0, +1, +7:
//!
//! | duty (owed by Röda Korset)         | due        | leads in 2023-12-26..2024-01-09 |
//! |------------------------------------|------------|---------------------------------|
//! | meeting window 2023                | 2023-12-31 | 0 (12-31), +1 (01-01), +7 (01-07) |
//! | annual report 2023                 | 2024-01-02 | −7 (12-26), 0, +1 (01-03), +7 (01-09) |
//! | invoice to Malmö stad              | 2024-01-02 | −7, 0, +1, +7 |
//! | invoice to Region Skåne            | 2024-01-02 | −7, 0, +1, +7 |
//! | activity plan 2024                 | 2024-01-31 | −30 (01-01) |
//!
//! The official (Malmö stad) gets every kind; the partner representative
//! (Röda Korset) reports and invoices only, so no meeting.

use std::collections::{BTreeMap, BTreeSet};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

use crate::smtp_fixture::{SmtpServer, free_port, header};
use crate::support::*;

const SEED: &str = "003-skane-malmo-barn.toml";
const MALMO: &str = "212000-1124";
const RED_CROSS: &str = "802002-8711";

/// A database with seed 003 decided (drafts get no reminders), and a
/// server on it (without SMTP) for recording and reading the audit log;
/// and the agreement's id.
fn seeded(backend: Backend, name: &str) -> (Server, String) {
    let db = fresh_database(backend, name);
    let s = Server::start(&db, &[]);
    let id = s.create(&[], &example(SEED));
    let decided = s.send(
        "POST",
        &format!("/api/v1/agreements/{id}/status"),
        &[("If-Match", "1"), ("Content-Type", "application/json")],
        Some(&json!({"status": "decided"}).to_string()),
    );
    assert_eq!(decided.status, 200, "{}", decided.body);
    (s, id)
}

/// A user with an address and a role in one organisation.
fn recipient(db: &str, user: &str, email: &str, org: &str, role: &str) {
    iop(
        db,
        &[
            "user",
            "add",
            user,
            "--name",
            user,
            "--password-stdin",
            "--email",
            email,
        ],
        Some(&format!("{PASSWORD}\n")),
    );
    iop(
        db,
        &["user", "grant", user, "--org", org, "--role", role],
        None,
    );
}

/// `iop remind --today DAY …` and its JSON report.
fn remind(db: &str, day: &str, smtp: &str, extra: &[&str]) -> Value {
    let out = Command::new(env!("CARGO_BIN_EXE_iop"))
        .args(["remind", "--db", db, "--today", day, "--smtp-url", smtp])
        .args(["--format", "json", "--smtp-timeout-secs", "5"])
        .args(extra)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "iop remind {day}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

/// The outbox, by key `recipient-address/duty/lead`.
fn outbox(db: &str) -> Vec<Value> {
    let out = iop(db, &["remind", "--outbox"], None);
    serde_json::from_str::<Value>(&out)
        .unwrap()
        .as_array()
        .unwrap()
        .clone()
}

/// How a Swedish subject opens for a lead: before, on or after the due day.
fn opening(lead: i64) -> &'static str {
    match lead {
        0 => "I dag är sista dag: ",
        l if l < 0 => "Påminnelse: ",
        _ => "Inte klart: ",
    }
}

/// The reminder key each delivered mail carries, with its To and the
/// number of copies of each key.
fn delivered_keys(smtp: &SmtpServer) -> BTreeMap<String, (String, usize)> {
    let mut keys: BTreeMap<String, (String, usize)> = BTreeMap::new();
    for m in smtp.delivered() {
        let key = header(&m, "X-IOP-Reminder").expect("every reminder names its key");
        let to = header(&m, "To").unwrap_or_default();
        keys.entry(key).or_insert((to, 0)).1 += 1;
    }
    keys
}

fn n(report: &Value, field: &str) -> u64 {
    report[field].as_u64().unwrap()
}

/// Every day from `from` through `to`.
fn days(from: &str, to: &str) -> Vec<String> {
    let (mut d, end): (jiff::civil::Date, jiff::civil::Date) =
        (from.parse().unwrap(), to.parse().unwrap());
    let mut out = Vec::new();
    while d <= end {
        out.push(d.to_string());
        d = d.tomorrow().unwrap();
    }
    out
}

/// The duty key of a duty of the seed, from the API, by kind and due date
/// (and a word of its title).
fn duty_key(s: &Server, id: &str, kind: &str, due: &str, title: &str) -> String {
    let list = get(s, &format!("/api/v1/agreements/{id}/obligations")).json();
    list.as_array()
        .unwrap()
        .iter()
        .find(|o| {
            o["kind"] == kind && o["due"] == due && o["title"].as_str().unwrap().contains(title)
        })
        .map(|o| o["key"].as_str().unwrap().to_owned())
        .unwrap_or_else(|| panic!("no {kind} due {due}: {list}"))
}

on_both!(seed_walk_sends_each_reminder_once, |backend| {
    let (s, id) = seeded(backend, "remind_walk");
    recipient(
        &s.db,
        "handlaggare",
        "handlaggare@example.se",
        MALMO,
        "official",
    );
    recipient(&s.db, "partner", "partner@example.se", RED_CROSS, "partner");
    let smtp = SmtpServer::start("walk");
    let annual = duty_key(&s, &id, "annual-report", "2024-01-02", "Årsberättelse");
    let mut sent_per_day = Vec::new();
    for day in days("2023-12-26", "2024-01-09") {
        if day == "2024-01-03" {
            // The annual report arrives on its last day: nothing more about it.
            annual_report_received(&s, &id, &annual);
        }
        let report = remind(&s.db, &day, &smtp.url(), &[]);
        assert_eq!(
            n(&report, "failed") + n(&report, "deferred"),
            0,
            "{day}: {report}"
        );
        sent_per_day.push((day.clone(), n(&report, "sent")));
        // The same day again plans nothing new and sends nothing twice.
        let again = remind(&s.db, &day, &smtp.url(), &[]);
        assert_eq!(
            (n(&again, "planned"), n(&again, "sent")),
            (0, 0),
            "{day} again"
        );
    }
    let per_day: BTreeMap<&str, u64> = sent_per_day.iter().map(|(d, n)| (d.as_str(), *n)).collect();
    // By hand from the table above: official (O) and partner (P).
    let expected: BTreeMap<&str, u64> = [
        ("2023-12-26", 6), // −7 of the annual report and both invoices, O and P
        ("2023-12-31", 1), // the meeting window's last day, O
        ("2024-01-01", 3), // +1 of the meeting (O); −30 of the activity plan (O, P)
        ("2024-01-02", 6), // day 0 of the annual report and both invoices, O and P
        ("2024-01-03", 4), // +1 of both invoices, O and P; the report is met
        ("2024-01-07", 1), // +7 of the meeting, O
        ("2024-01-09", 4), // +7 of both invoices, O and P
    ]
    .into_iter()
    .collect();
    for (day, count) in &per_day {
        assert_eq!(
            *count,
            expected.get(day).copied().unwrap_or(0),
            "mails sent on {day}"
        );
    }
    let keys = delivered_keys(&smtp);
    let total: usize = keys.values().map(|(_, n)| n).sum();
    assert_eq!(total, 25, "mails that arrived");
    assert_eq!(keys.len(), 25, "one mail per key");
    let rows = outbox(&s.db);
    let sent: Vec<&Value> = rows.iter().filter(|r| r["state"] == "sent").collect();
    assert_eq!(sent.len(), 25);
    let mut recipients = BTreeSet::new();
    for row in &sent {
        recipients.insert(row["address"].as_str().unwrap().to_owned());
        let subject = row["subject"].as_str().unwrap();
        let lead = row["lead"].as_i64().unwrap();
        assert!(subject.starts_with(opening(lead)), "lead {lead}: {subject}");
        if row["address"] == "partner@example.se" {
            assert!(
                !row["duty"].as_str().unwrap().starts_with("meeting"),
                "{row}"
            );
        }
        assert!(
            row["duty"] != annual.as_str() || lead < 1,
            "after the report was met: {row}"
        );
    }
    assert_eq!(
        recipients.into_iter().collect::<Vec<_>>(),
        ["handlaggare@example.se", "partner@example.se"]
    );
    for (to, _) in keys.values() {
        assert!(to.ends_with("@example.se"), "{to}");
    }
    // Each sent mail is an event of the audit log.
    let audit = s
        .send("GET", "/api/v1/audit?limit=500", &[(AS, "root")], None)
        .json();
    let sent_events = audit
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["entity_kind"] == "reminder" && e["action"] == "sent")
        .count();
    assert_eq!(sent_events, 25);
});

/// The audit events of reminders with this action.
fn reminder_events(s: &Server, action: &str) -> Vec<Value> {
    let audit = s
        .send("GET", "/api/v1/audit?limit=500", &[(AS, "root")], None)
        .json();
    audit
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["entity_kind"] == "reminder" && e["action"] == action)
        .cloned()
        .collect()
}

fn rows_of<'a>(rows: &'a [Value], address: &str) -> Vec<&'a Value> {
    rows.iter().filter(|r| r["address"] == address).collect()
}

/// SMTP down, then up; a server that refuses each mail once (4xx) and then
/// takes it; a server that refuses for good (5xx). On 2024-01-02 and 01-03
/// an official gets three reminders a day (the annual report and the two
/// invoices: leads 0, +1), on 01-09 four (their +7, and the meeting's +7
/// of 01-07 caught up).
#[test]
fn faults_are_retried_with_backoff_or_failed_in_the_audit_log() {
    let (s, _) = seeded(Backend::Sqlite, "remind_faults");
    let retry = ["--retry-secs", "2"];
    recipient(&s.db, "ok", "ok@example.se", MALMO, "official");
    // Down: nothing listens on the port yet.
    let port = free_port();
    let url = format!("smtp://127.0.0.1:{port}");
    let down = remind(&s.db, "2024-01-02", &url, &retry);
    assert_eq!(
        (n(&down, "planned"), n(&down, "deferred"), n(&down, "sent")),
        (3, 3, 0)
    );
    let again = remind(&s.db, "2024-01-02", &url, &retry);
    assert_eq!(
        n(&again, "deferred") + n(&again, "sent"),
        0,
        "within the backoff: {again}"
    );
    for row in outbox(&s.db) {
        assert_eq!(
            (row["state"].as_str(), row["attempts"].as_i64()),
            (Some("planned"), Some(1))
        );
        assert!(
            row["last_error"].as_str().unwrap().starts_with("temporary"),
            "{row}"
        );
    }
    let smtp = SmtpServer::start_on("faults", port);
    std::thread::sleep(Duration::from_millis(2100));
    let up = remind(&s.db, "2024-01-02", &url, &retry);
    assert_eq!(n(&up, "sent"), 3, "{up}");
    assert!(
        outbox(&s.db)
            .iter()
            .all(|r| r["state"] == "sent" && r["attempts"] == 2)
    );

    // Greylisting: each mail refused once with 451, then taken.
    recipient(&s.db, "flaky", "flaky@example.se", MALMO, "official");
    let first = remind(&s.db, "2024-01-03", &url, &retry);
    assert_eq!(
        (n(&first, "sent"), n(&first, "deferred")),
        (3, 3),
        "{first}"
    );
    std::thread::sleep(Duration::from_millis(2100));
    let second = remind(&s.db, "2024-01-03", &url, &retry);
    assert_eq!(
        (n(&second, "sent"), n(&second, "deferred")),
        (3, 0),
        "{second}"
    );

    // A permanent refusal fails at once, stays visible and is audited.
    recipient(&s.db, "perm", "perm@example.se", MALMO, "official");
    // The greylisting server refuses flaky's new mails once more. The run
    // of 01-09 catches up on 01-04..01-08 too: the meeting window's +7
    // (01-07) makes four reminders per official.
    let last = remind(&s.db, "2024-01-09", &url, &retry);
    assert_eq!(
        (n(&last, "sent"), n(&last, "failed"), n(&last, "deferred")),
        (4, 4, 4)
    );
    std::thread::sleep(Duration::from_millis(2100));
    let later = remind(&s.db, "2024-01-09", &url, &retry);
    assert_eq!(
        (
            n(&later, "sent"),
            n(&later, "failed"),
            n(&later, "deferred")
        ),
        (4, 0, 0)
    );
    let rows = outbox(&s.db);
    for row in rows_of(&rows, "perm@example.se") {
        assert_eq!(
            (row["state"].as_str(), row["attempts"].as_i64()),
            (Some("failed"), Some(1))
        );
        assert!(row["last_error"].as_str().unwrap().contains("550"), "{row}");
    }
    let failed = reminder_events(&s, "failed");
    assert_eq!(failed.len(), 4);
    assert!(failed.iter().all(|e| e["after"]["to"] == "perm@example.se"));
    assert_eq!(
        reminder_events(&s, "deferred").len(),
        10,
        "3 down, 3 + 4 greylisted"
    );

    // Every key that was sent arrived exactly once: ok 3 + 3 + 4, flaky 3 + 4.
    let keys = delivered_keys(&smtp);
    assert_eq!(keys.len(), 17);
    assert!(keys.values().all(|(_, copies)| *copies == 1), "{keys:?}");
    assert_eq!(rows.iter().filter(|r| r["state"] == "sent").count(), 17);
}

/// `iop remind … --batch` as a child process, its JSON report read at the end.
fn spawn_remind(db: &str, day: &str, smtp: &str, extra: &[&str]) -> std::process::Child {
    Command::new(env!("CARGO_BIN_EXE_iop"))
        .args(["remind", "--db", db, "--today", day, "--smtp-url", smtp])
        .args(["--format", "json"])
        .args(extra)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap()
}

/// Officials of Malmö stad, each with an address: `prefix1@example.se`, …
fn officials(db: &str, prefix: &str, count: usize) {
    for i in 1..=count {
        let user = format!("{prefix}{i}");
        recipient(db, &user, &format!("{user}@example.se"), MALMO, "official");
    }
}

/// Two workers on one PostgreSQL database at once: each claims with `FOR
/// UPDATE SKIP LOCKED`, so each of the 36 reminders of 2024-01-02 (12
/// officials × the annual report and two invoices) goes out once.
#[test]
fn two_workers_on_postgres_send_each_reminder_once() {
    let (s, _) = seeded(Backend::Postgres, "remind_two");
    officials(&s.db, "w", 12);
    let smtp = SmtpServer::start("two");
    let workers: Vec<_> = (0..2)
        .map(|_| spawn_remind(&s.db, "2024-01-02", &smtp.url(), &["--batch", "3"]))
        .collect();
    let reports: Vec<Value> = workers
        .into_iter()
        .map(|w| {
            let out = w.wait_with_output().unwrap();
            assert!(
                out.status.success(),
                "{}",
                String::from_utf8_lossy(&out.stderr)
            );
            serde_json::from_slice(&out.stdout).unwrap()
        })
        .collect();
    let sent: u64 = reports.iter().map(|r| n(r, "sent")).sum();
    let planned: u64 = reports.iter().map(|r| n(r, "planned")).sum();
    println!(
        "two workers: sent {} and {}",
        n(&reports[0], "sent"),
        n(&reports[1], "sent")
    );
    assert_eq!((planned, sent), (36, 36), "{reports:?}");
    let keys = delivered_keys(&smtp);
    assert_eq!(keys.len(), 36);
    assert!(keys.values().all(|(_, copies)| *copies == 1), "{keys:?}");
}

/// A small pseudo-random sequence (no dependency): the kill delays.
fn delays(count: usize) -> Vec<u64> {
    let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
    (0..count)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            20 + x % 180
        })
        .collect()
}

/// `kill -9` of `iop remind` in the middle of its batches, 20 times, each
/// run on another day of the seed walk with 5 officials and a partner
/// representative (1-second leases). Then each day is run once more, as a
/// restarted server would: every reminder of the walk arrives, and each
/// copy beyond the first is a row that was in flight when a run was
/// killed: at most one per kill (one worker sends one row at a time).
#[test]
fn kill_nine_loses_nothing_and_duplicates_at_most_one_per_kill() {
    let (s, _) = seeded(Backend::Sqlite, "remind_kill");
    officials(&s.db, "k", 5);
    recipient(&s.db, "kp", "kp@example.se", RED_CROSS, "partner");
    let smtp = SmtpServer::start("kill");
    let walk = [
        "2023-12-26",
        "2023-12-31",
        "2024-01-01",
        "2024-01-02",
        "2024-01-03",
        "2024-01-07",
        "2024-01-09",
    ];
    let extra = ["--lease-secs", "1", "--batch", "2"];
    let started = Instant::now();
    let mut expected = BTreeSet::new();
    for day in walk {
        let listed = iop(
            &s.db,
            &["remind", "--dry-run", "--format", "json", "--today", day],
            None,
        );
        for r in serde_json::from_str::<Value>(&listed)
            .unwrap()
            .as_array()
            .unwrap()
        {
            expected.insert(format!(
                "{}/{}/{}/{}",
                r["address"], r["agreement"], r["duty"], r["lead"]
            ));
        }
    }
    for (i, delay) in delays(20).into_iter().enumerate() {
        let mut child = spawn_remind(&s.db, walk[i % walk.len()], &smtp.url(), &extra);
        std::thread::sleep(Duration::from_millis(delay));
        let _ = child.kill();
        let _ = child.wait();
    }
    std::thread::sleep(Duration::from_millis(1100));
    for day in walk {
        remind(&s.db, day, &smtp.url(), &extra);
    }
    let rows = outbox(&s.db);
    assert!(
        rows.iter().all(|r| r["state"] == "sent"),
        "left behind: {rows:?}"
    );
    let arrived: BTreeSet<String> = rows
        .iter()
        .map(|r| {
            format!(
                "{}/{}/{}/{}",
                r["address"], r["agreement"], r["duty"], r["lead"]
            )
        })
        .collect();
    assert_eq!(arrived, expected, "every planned reminder was sent");
    let keys = delivered_keys(&smtp);
    let copies: usize = keys.values().map(|(_, n)| n).sum();
    let duplicates = copies - keys.len();
    println!(
        "kill -9 × 20: {} reminders, {copies} mails, {duplicates} duplicates, {:.1} s",
        keys.len(),
        started.elapsed().as_secs_f64()
    );
    assert_eq!(keys.len(), expected.len(), "no reminder lost");
    // The promise: a kill repeats at most the one mail it caught between
    // the SMTP server's acceptance and the send record. One key may be
    // caught by more than one kill.
    assert!(
        duplicates <= 20,
        "{duplicates} duplicates for 20 kills: {keys:?}"
    );
}

/// `iop serve --smtp-url` runs the day's reminders once at start (and then
/// daily): with `--today 2024-01-02` an official's three reminders of that
/// day arrive without any request.
#[test]
fn serve_sends_the_days_reminders_at_start() {
    use std::io::{BufRead, BufReader};
    let (s, _) = seeded(Backend::Sqlite, "remind_serve");
    recipient(&s.db, "hs", "hs@example.se", MALMO, "official");
    let smtp = SmtpServer::start("serve");
    let mut child = Command::new(env!("CARGO_BIN_EXE_iop"))
        .args(["serve", "--db", &s.db, "--listen", "127.0.0.1:0"])
        .args(["--today", "2024-01-02", "--smtp-url", &smtp.url()])
        .env("IOP_LOG", "warn")
        .env("IOP_FILES", files_dir(&s.db))
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    assert!(line.contains("http://"), "{line}");
    let waited = Instant::now();
    while smtp.delivered().len() < 3 && waited.elapsed() < Duration::from_secs(30) {
        std::thread::sleep(Duration::from_millis(100));
    }
    let _ = child.kill();
    let _ = child.wait();
    let keys = delivered_keys(&smtp);
    assert_eq!(keys.len(), 3, "{keys:?}");
    assert!(
        keys.values()
            .all(|(to, n)| to == "hs@example.se" && *n == 1)
    );
}

/// Without SMTP the server says at start that e-mail is off, in the
/// language asked for.
#[test]
fn serve_without_smtp_says_email_is_off() {
    use std::io::{BufRead, BufReader};
    let db = fresh_database(Backend::Sqlite, "remind_off");
    let mut child = Command::new(env!("CARGO_BIN_EXE_iop"))
        .args([
            "serve",
            "--db",
            &db,
            "--listen",
            "127.0.0.1:0",
            "--lang",
            "en",
        ])
        .env("IOP_LOG", "warn")
        .env("IOP_FILES", files_dir(&db))
        .env_remove("IOP_SMTP_URL")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let _ = child.kill();
    let out = child.wait_with_output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("E-mail is off"), "{err}");
}

/// Each user reads and chooses their own reminders over the API; an
/// administrator sees anyone's; a choice is checked, kept and followed by
/// the planner (a partner who turns reminders off gets none).
#[test]
fn notification_settings_are_each_users_own() {
    let (s, _) = seeded(Backend::Sqlite, "remind_settings");
    recipient(&s.db, "np", "np@example.se", RED_CROSS, "partner");
    let np = s.sign_in("np");
    let path = "/api/v1/account/notifications";
    let mine = s.send_in(&np, "GET", path, &[], None).json();
    assert_eq!(mine["email"], "np@example.se");
    assert_eq!(mine["custom"], false);
    assert_eq!(mine["classes"], json!(["report", "invoice"]));
    assert_eq!(mine["leads"], json!([-30, -7, 0, 1, 7]));
    let listed = |s: &Server| {
        let out = iop(
            &s.db,
            &[
                "remind",
                "--dry-run",
                "--format",
                "json",
                "--today",
                "2024-01-02",
            ],
            None,
        );
        serde_json::from_str::<Value>(&out)
            .unwrap()
            .as_array()
            .unwrap()
            .len()
    };
    assert_eq!(listed(&s), 3, "the annual report and two invoices, day 0");
    let bad = json!({"classes": ["report"], "own_only": true, "leads": [-400],
        "delivery": {"every": "individual"}, "lang": "en", "drafts": false});
    let refused = s.send_in(
        &np,
        "PUT",
        path,
        &[("Content-Type", "application/json")],
        Some(&bad.to_string()),
    );
    assert_eq!(refused.status, 422, "{}", refused.body);
    let off = json!({"off": true, "classes": ["report"], "own_only": true, "leads": [0],
        "delivery": {"every": "individual"}, "lang": "en", "drafts": false});
    let kept = s.send_in(
        &np,
        "PUT",
        path,
        &[("Content-Type", "application/json")],
        Some(&off.to_string()),
    );
    assert_eq!(kept.status, 200, "{}", kept.body);
    assert_eq!(kept.json()["custom"], true);
    assert_eq!(listed(&s), 0, "off: no reminders");
    let seen = s.send(
        "GET",
        "/api/v1/users/np/notifications",
        &[(AS, "root")],
        None,
    );
    assert_eq!(seen.status, 200, "{}", seen.body);
    assert_eq!(
        (seen.json()["off"].clone(), seen.json()["lang"].clone()),
        (json!(true), json!("en"))
    );
    let other = s.send(
        "GET",
        "/api/v1/users/np/notifications",
        &[(AS, "anna")],
        None,
    );
    assert_eq!(other.status, 403);
    let bad_address = Command::new(env!("CARGO_BIN_EXE_iop"))
        .args(["user", "set-email", "np", "not an address", "--db", &s.db])
        .output()
        .unwrap();
    assert_eq!(bad_address.status.code(), Some(1));
}

/// Record the seed's annual report for 2023 as received on its last day.
fn annual_report_received(s: &Server, id: &str, annual: &str) {
    let met = s.send(
        "POST",
        &format!("/api/v1/agreements/{id}/records"),
        &[("Content-Type", "application/json")],
        Some(&json!({"kind": "report", "date": "2024-01-02", "state": "received", "obligation": annual}).to_string()),
    );
    assert_eq!(met.status, 201, "{}", met.body);
}

// The seed walk with the server down from 12-27 through 01-03 and from
// 01-05 through 01-08: the runs of 01-04 and 01-09 plan the days missed,
// each reminder once, and none for the annual report, received meanwhile.
// By hand from the table at the top (O official, P partner):
// 12-26: 6 (−7 of the report and both invoices, O and P);
// 01-04: 12 = 12-31 meeting 0 (O) + 01-01 meeting +1 (O) and plan −30
//   (O, P) + 01-02 invoices 0 (2 × O, P) + 01-03 invoices +1 (2 × O, P);
// 01-09: 5 = 01-07 meeting +7 (O) + 01-09 invoices +7 (2 × O, P).
on_both!(missed_days_are_caught_up_once, |backend| {
    let (s, id) = seeded(backend, "remind_catch_up");
    recipient(&s.db, "co", "co@example.se", MALMO, "official");
    recipient(&s.db, "cp", "cp@example.se", RED_CROSS, "partner");
    let smtp = SmtpServer::start("catch_up");
    let annual = duty_key(&s, &id, "annual-report", "2024-01-02", "Årsberättelse");
    let first = remind(&s.db, "2023-12-26", &smtp.url(), &[]);
    annual_report_received(&s, &id, &annual);
    let missed = remind(&s.db, "2024-01-04", &smtp.url(), &[]);
    let again = remind(&s.db, "2024-01-04", &smtp.url(), &[]);
    let last = remind(&s.db, "2024-01-09", &smtp.url(), &[]);
    assert_eq!(
        [&first, &missed, &again, &last].map(|r| n(r, "sent")),
        [6, 12, 0, 5]
    );
    let keys = delivered_keys(&smtp);
    assert_eq!(keys.len(), 23, "{keys:?}");
    assert!(keys.values().all(|(_, copies)| *copies == 1), "{keys:?}");
    let annual_keys: Vec<&String> = keys.keys().filter(|k| k.contains(&annual)).collect();
    assert_eq!(
        annual_keys.len(),
        2,
        "only the −7 of the report: {annual_keys:?}"
    );
    assert!(annual_keys.iter().all(|k| k.ends_with("/-7")));
    // Caught up: worded on the day sent, not the day missed.
    let rows = outbox(&s.db);
    let meeting_day = rows
        .iter()
        .find(|r| r["duty"].as_str().unwrap().starts_with("meeting") && r["lead"] == 0)
        .unwrap();
    assert_eq!(meeting_day["planned_for"], "2024-01-04");
    assert!(
        meeting_day["subject"]
            .as_str()
            .unwrap()
            .starts_with("Inte klart: "),
        "{meeting_day}"
    );
});

/// Whether the latest 50 events of the audit log hold one that `is`.
fn audited(s: &Server, is: impl Fn(&Value) -> bool) -> bool {
    let events = s
        .send("GET", "/api/v1/audit?limit=50", &[(AS, "root")], None)
        .json();
    events.as_array().unwrap().iter().any(is)
}

/// The address in a mail's `List-Unsubscribe` header, as a path here.
fn unsubscribe_path(mail: &str) -> String {
    let value = header(mail, "List-Unsubscribe").expect("every reminder can be unsubscribed");
    let start = value.find("/paminnelser/avsluta/").unwrap();
    value[start..].trim_end_matches('>').to_owned()
}

// RFC 8058: the header of a received mail, posted as a mail program does
// (no session, no CSRF token), turns that user's reminders off and no more
// mails come; a GET only shows the button; an unknown or malformed secret
// is 404 either way; the act is in the audit log.
on_both!(one_click_unsubscribe_stops_the_mails, |backend| {
    let (s, _) = seeded(backend, "remind_unsubscribe");
    recipient(&s.db, "uo", "uo@example.se", MALMO, "official");
    recipient(&s.db, "up", "up@example.se", RED_CROSS, "partner");
    let smtp = SmtpServer::start("unsubscribe");
    remind(&s.db, "2023-12-26", &smtp.url(), &[]);
    // A run that writes no mail keeps no new unsubscribe secret.
    let secrets =
        || crate::access::scalar(backend, &s.db, "SELECT COUNT(*) FROM unsubscribe_tokens");
    let kept = secrets();
    assert_eq!(kept, "2", "one secret per recipient mailed");
    let again = remind(&s.db, "2023-12-26", &smtp.url(), &[]);
    assert_eq!(n(&again, "planned"), 0, "{again}");
    assert_eq!(secrets(), kept, "the second run made no mail");
    let delivered = smtp.delivered();
    let mail = delivered
        .iter()
        .find(|m| header(m, "To").is_some_and(|to| to.contains("up@example.se")))
        .unwrap();
    assert_eq!(
        header(mail, "List-Unsubscribe-Post").as_deref(),
        Some("List-Unsubscribe=One-Click")
    );
    let path = unsubscribe_path(mail);
    let secret = path.rsplit('/').next().unwrap();
    assert_eq!(secret.len(), 64, "256 bits: {path}");
    let form = [("Content-Type", "application/x-www-form-urlencoded")];
    let click = Some("List-Unsubscribe=One-Click");
    let shown = send("GET", &s.url(&path), &[], None);
    assert_eq!(shown.status, 200, "{}", shown.body);
    assert!(shown.body.contains("List-Unsubscribe"), "{}", shown.body);
    for unknown in [
        format!("/paminnelser/avsluta/{}", "0".repeat(64)),
        "/paminnelser/avsluta/x".into(),
    ] {
        assert_eq!(send("GET", &s.url(&unknown), &[], None).status, 404);
        assert_eq!(send("POST", &s.url(&unknown), &form, click).status, 404);
    }
    // 12-27..01-01: the meeting's 0 and +1 (O) and −30 of the plan (O, P).
    let still = remind(&s.db, "2024-01-01", &smtp.url(), &[]);
    assert_eq!(n(&still, "sent"), 4, "a GET changed nothing: {still}");
    let before = smtp.delivered().len();
    let done = send("POST", &s.url(&path), &form, click);
    assert_eq!(done.status, 200, "{}", done.body);
    assert!(audited(&s, |e| e["action"] == "unsubscribe" && e["actor"] == "up"));
    let next = remind(&s.db, "2024-01-02", &smtp.url(), &[]);
    assert_eq!(n(&next, "sent"), 3, "the official's three only: {next}");
    let after: Vec<String> = smtp.delivered()[before..].to_vec();
    assert_eq!(after.len(), 3);
    assert!(
        after
            .iter()
            .all(|m| header(m, "To").is_some_and(|to| to.contains("uo@example.se"))),
        "no mail to the partner after unsubscribing"
    );
    let settings = s.send(
        "GET",
        "/api/v1/users/up/notifications",
        &[(AS, "root")],
        None,
    );
    assert_eq!(settings.json()["off"], true);
});

// A daily digest that could not be sent yet (SMTP down) is written again
// without a reminder whose duty was met before it went out.
#[test]
fn a_digest_not_yet_sent_drops_a_reminder_met_since() {
    let (s, id) = seeded(Backend::Sqlite, "remind_digest");
    recipient(&s.db, "dp", "dp@example.se", RED_CROSS, "partner");
    let dp = s.sign_in("dp");
    let daily = json!({"classes": ["report", "invoice"], "own_only": true, "leads": [-30, -7, 0, 1, 7],
        "delivery": {"every": "daily"}, "lang": "sv", "drafts": false});
    let kept = s.send_in(
        &dp,
        "PUT",
        "/api/v1/account/notifications",
        &[("Content-Type", "application/json")],
        Some(&daily.to_string()),
    );
    assert_eq!(kept.status, 200, "{}", kept.body);
    let annual = duty_key(&s, &id, "annual-report", "2024-01-02", "Årsberättelse");
    let port = free_port();
    let url = format!("smtp://127.0.0.1:{port}");
    let retry = ["--retry-secs", "1"];
    let down = remind(&s.db, "2024-01-02", &url, &retry);
    assert_eq!(
        (n(&down, "planned"), n(&down, "deferred")),
        (1, 1),
        "{down}"
    );
    let digest = |rows: &[Value]| {
        rows.iter()
            .find(|r| r["duty"] == "digest/2024-01-02")
            .cloned()
            .unwrap()
    };
    assert_eq!(
        digest(&outbox(&s.db))["subject"],
        "Påminnelser från iop: 3 uppgifter"
    );
    annual_report_received(&s, &id, &annual);
    let smtp = SmtpServer::start_on("digest", port);
    std::thread::sleep(Duration::from_millis(1100));
    let up = remind(&s.db, "2024-01-02", &url, &retry);
    assert_eq!(n(&up, "sent"), 1, "{up}");
    let row = digest(&outbox(&s.db));
    assert_eq!(row["subject"], "Påminnelser från iop: 2 uppgifter", "{row}");
    let delivered = smtp.delivered();
    assert_eq!(delivered.len(), 1);
    assert_eq!(
        header(&delivered[0], "X-IOP-Digest-Count").as_deref(),
        Some("2")
    );
}

// A signed-in user changes their own address over the API: checked,
// kept, audited, and the reminders go there.
on_both!(own_address_over_the_api, |backend| {
    let (s, _) = seeded(backend, "remind_own_email");
    recipient(&s.db, "ea", "ea@example.se", RED_CROSS, "partner");
    let ea = s.sign_in("ea");
    let put = |email: Value| {
        s.send_in(
            &ea,
            "PUT",
            "/api/v1/account/email",
            &[("Content-Type", "application/json")],
            Some(&json!({ "email": email }).to_string()),
        )
    };
    let bad = put(json!("inte en adress"));
    assert_eq!(bad.status, 422, "{}", bad.body);
    let ok = put(json!(" ny@example.se "));
    assert_eq!(ok.status, 200, "{}", ok.body);
    assert_eq!(ok.json()["email"], "ny@example.se");
    assert!(audited(&s, |e| e["action"] == "email"
        && e["actor"] == "ea"
        && e["after"]["email"] == "ny@example.se"));
    let listed = iop(&s.db, &["user", "list"], None);
    assert!(
        listed
            .lines()
            .any(|l| l.starts_with("ea\t") && l.ends_with("\tny@example.se")),
        "{listed}"
    );
    let cleared = put(Value::Null);
    assert_eq!(cleared.status, 200, "{}", cleared.body);
    assert_eq!(cleared.json()["email"], Value::Null);
});

/// The demo's official and partner representative.
const DO: &str = "handlaggare@example.se";
const DP: &str = "partner@example.se";
const VI_SES: &str = "linkoping-vi-ses-2022";
const SKANE: &str = "skane-malmo-rk-barn-2021";

// The demo's mails, worked out by hand. `iop serve --demo --today 2023-12-26`
// records decisions for 002, 003 and 004 and leaves Gotland (000) a draft;
// 004 (2015–2016) ended before that day, so its duties are followed up;
// Vi Ses! (002, 2022-01-01..2023-12-31) and Skåne (003, 2021..2024) are in
// force with their duties open. `handlaggare` (DO) is an official of every
// public party (Linköpings kommun, Region Skåne, Malmö stad, …), `partner`
// (DP) a partner representative of every idea-driven one (both Röda
// Korset), `revisor` a reader; each has USER@example.se.
//
// Due dates from the seed texts; a deadline for an act on nyårsafton or
// nyårsdagen moves to the next working day (lag 1930:173), a meeting window
// and the term's end are periods and facts and do not:
// 002 steering group, two meetings in 2023: 12-31; extension decision (no
//     date in the seed: iop reads the last day of the term, a deadline like
//     any other) 12-31 → 01-02; term end 12-31 (a fact: nothing after the
//     day); the joint report for 2023 (03-31 → 04-02) and the invoice of
//     2023 (2023-01-02) have no lead in these days.
// 003 cooperation meetings 2023: 12-31; annual report "vid årets slut"
//     12-31 → 01-02; the yearly invoices to Malmö stad and Region Skåne
//     01-01 → 01-02; activity plan 2024: 01-31 (default); extension
//     decision 04-02: no lead in these days.
// Leads −30/−7/0/+1/+7; the official every duty, the partner the reports
// and invoices Röda Korset owes (no meetings, decisions or term end):
//
// | day   | official                                        | partner       |
// |-------|-------------------------------------------------|---------------|
// | 12-26 | −7: 002 decision; 003 annual report, invoices   | 003's 3       |
// | 12-31 | 0: 002 meeting, term end; 003 meeting           | –             |
// | 01-01 | +1: 002 meeting; 003 meeting;                   | −30: 003 plan |
// |       | −30: 003 activity plan                          |               |
// | 01-02 | 0: 002 decision; 003 annual report, invoices    | 003's 3       |
// | 01-03 | +1: 002 decision; both invoices (the report     | the 2 invoices|
// |       | met on 01-02)                                   |               |
//
// 17 + 9 = 26 mails; none on other days, none for 000 (a draft), none to
// `revisor` (a reader) or `admin` (no role).
const DEMO_MAILS: &[(&str, &str, &str, i64, &str)] = &[
    ("2023-12-26", DO, VI_SES, -7, "förlängning"),
    ("2023-12-26", DO, SKANE, -7, "Årsberättelse"),
    ("2023-12-26", DO, SKANE, -7, "Faktura till Malmö stad"),
    ("2023-12-26", DO, SKANE, -7, "Faktura till Region Skåne"),
    ("2023-12-26", DP, SKANE, -7, "Årsberättelse"),
    ("2023-12-26", DP, SKANE, -7, "Faktura till Malmö stad"),
    ("2023-12-26", DP, SKANE, -7, "Faktura till Region Skåne"),
    ("2023-12-31", DO, VI_SES, 0, "Styrgrupp"),
    ("2023-12-31", DO, VI_SES, 0, "upphör"),
    ("2023-12-31", DO, SKANE, 0, "Samverkansmöten"),
    ("2024-01-01", DO, VI_SES, 1, "Styrgrupp"),
    ("2024-01-01", DO, SKANE, 1, "Samverkansmöten"),
    ("2024-01-01", DO, SKANE, -30, "Verksamhetsplan"),
    ("2024-01-01", DP, SKANE, -30, "Verksamhetsplan"),
    ("2024-01-02", DO, VI_SES, 0, "förlängning"),
    ("2024-01-02", DO, SKANE, 0, "Årsberättelse"),
    ("2024-01-02", DO, SKANE, 0, "Faktura till Malmö stad"),
    ("2024-01-02", DO, SKANE, 0, "Faktura till Region Skåne"),
    ("2024-01-02", DP, SKANE, 0, "Årsberättelse"),
    ("2024-01-02", DP, SKANE, 0, "Faktura till Malmö stad"),
    ("2024-01-02", DP, SKANE, 0, "Faktura till Region Skåne"),
    ("2024-01-03", DO, VI_SES, 1, "förlängning"),
    ("2024-01-03", DO, SKANE, 1, "Faktura till Malmö stad"),
    ("2024-01-03", DO, SKANE, 1, "Faktura till Region Skåne"),
    ("2024-01-03", DP, SKANE, 1, "Faktura till Malmö stad"),
    ("2024-01-03", DP, SKANE, 1, "Faktura till Region Skåne"),
];

/// The demo's official records Skåne's annual report for 2023 as received
/// on its last day, through the API in their own session (a server whose
/// day is that day).
fn demo_official_records_the_annual_report(db: &str) {
    let s = Server::start_with(db, &["--today", "2024-01-02"], Vec::new());
    let official = s.sign_in_with("handlaggare", "demo-handlaggare");
    let path = format!("/api/v1/agreements/{SKANE}/obligations");
    let list = s.send_in(&official, "GET", &path, &[], None).json();
    let annual = list
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["kind"] == "annual-report" && o["due"] == "2024-01-02")
        .map(|o| o["key"].as_str().unwrap().to_owned())
        .unwrap_or_else(|| panic!("no annual report due 2024-01-02: {list}"));
    let record =
        json!({"kind": "report", "date": "2024-01-02", "state": "received", "obligation": annual});
    let met = s.send_in(
        &official,
        "POST",
        &format!("/api/v1/agreements/{SKANE}/records"),
        &[("Content-Type", "application/json")],
        Some(&record.to_string()),
    );
    assert_eq!(met.status, 201, "{}", met.body);
}

/// Whether an outbox row is the expected mail `(day, address, agreement,
/// lead, words of the duty)`, with the subject's opening for its lead.
fn is_mail(row: &Value, mail: &(&str, &str, &str, i64, &str)) -> bool {
    let (day, address, agreement, lead, words) = *mail;
    let subject = row["subject"].as_str().unwrap_or_default();
    row["planned_for"] == day
        && row["address"] == address
        && row["agreement"] == agreement
        && row["lead"] == lead
        && subject.starts_with(opening(lead))
        && subject.contains(words)
}

// Issue 16's "Done when": the demo's official and partner representative
// get exactly their reminders through a real SMTP server (the table above),
// on a database with nothing but the demo in it.
on_both!(
    the_demos_official_and_partner_get_their_reminders,
    |backend| {
        let db = empty_database(backend, "remind_demo");
        drop(Server::start_with(
            &db,
            &["--demo", "--today", "2023-12-26"],
            Vec::new(),
        ));
        let smtp = SmtpServer::start("demo");
        let mut sent_per_day = BTreeMap::new();
        for day in days("2023-12-26", "2024-01-03") {
            if day == "2024-01-03" {
                demo_official_records_the_annual_report(&db);
            }
            let report = remind(&db, &day, &smtp.url(), &[]);
            assert_eq!(
                n(&report, "failed") + n(&report, "deferred"),
                0,
                "{day}: {report}"
            );
            sent_per_day.insert(day, n(&report, "sent"));
        }
        let expected_per_day: BTreeMap<String, u64> = days("2023-12-26", "2024-01-03")
            .into_iter()
            .map(|day| {
                let count = DEMO_MAILS.iter().filter(|m| m.0 == day).count();
                (day, count as u64)
            })
            .collect();
        assert_eq!(sent_per_day, expected_per_day, "mails sent per day");
        let rows = outbox(&db);
        assert_eq!(rows.len(), DEMO_MAILS.len(), "{rows:#?}");
        for mail in DEMO_MAILS {
            let matching = rows.iter().filter(|r| is_mail(r, mail)).count();
            assert_eq!(matching, 1, "{mail:?} in {rows:#?}");
        }
        assert!(rows.iter().all(|r| r["state"] == "sent"), "{rows:#?}");
        // What arrived at the SMTP server: one mail per key, to the two only.
        let keys = delivered_keys(&smtp);
        assert_eq!(keys.len(), DEMO_MAILS.len(), "{keys:?}");
        for (to, copies) in keys.values() {
            assert_eq!(*copies, 1, "{keys:?}");
            assert!(to.contains(DO) || to.contains(DP), "{to}");
        }
        // The reader and the administrator have addresses too, and got nothing.
        let users = iop(&db, &["user", "list"], None);
        for address in ["revisor@example.se", "admin@example.se"] {
            assert!(users.contains(address), "{users}");
        }
        // Gotland (a draft) has reports due 2026-03-31: their −30 day plans
        // nothing for anyone.
        let draft_day = iop(
            &db,
            &[
                "remind",
                "--dry-run",
                "--format",
                "json",
                "--today",
                "2026-03-01",
            ],
            None,
        );
        assert_eq!(
            serde_json::from_str::<Value>(&draft_day).unwrap(),
            json!([])
        );
    }
);
