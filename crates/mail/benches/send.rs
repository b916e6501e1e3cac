//! Send throughput against a real local SMTP server (aiosmtpd, the tests'
//! fixture). A timed run, not a unit test: speed is measured, never asserted.
//!
//! 1. `SmtpMailer::send` alone: N mails, one connection each (lettre's pool
//!    keeps it open between sends).
//! 2. The whole outbox path, `App::run_day`: plan the day for every
//!    agreement and recipient, insert, claim, send, record each send with
//!    its audit event, on SQLite.
//!
//! `cargo bench -p mail --bench send` (IOP_BENCH_MAILS: how many in part 1).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::print_stdout)]

#[path = "../tests/fixture/mod.rs"]
mod fixture;

use std::sync::Arc;
use std::time::Instant;

use app::{App, Caller, Mail, Mailer, NewAgreement, NewUser, Role, SendOptions};
use domain::format::Syntax;
use domain::model::Status;

fn mail(i: usize) -> Mail {
    Mail {
        to: format!("bench{}@example.se", i % 50),
        subject: format!("Påminnelse {i}: Årsberättelse för 2023, senast 2 januari 2024"),
        text: "Hej!\n\nSista dag: 2 januari 2024\n".repeat(20),
        html: "<p>Hej!</p><p>Sista dag: 2 januari 2024</p>\n".repeat(20),
        headers: vec![(app::KEY_HEADER.into(), format!("bench/{i}"))],
    }
}

fn raw(server: &fixture::SmtpServer, count: usize) {
    let mailer = mail::SmtpMailer::from_url(&server.url(), "iop <iop@example.se>").unwrap();
    let start = Instant::now();
    for i in 0..count {
        mailer.send(&mail(i)).unwrap();
    }
    let secs = start.elapsed().as_secs_f64();
    println!(
        "SmtpMailer::send: {count} mails in {secs:.2} s = {:.0} mails/s",
        count as f64 / secs
    );
}

const SEED: &str = include_str!("../../../examples/003-skane-malmo-barn.toml");
const MALMO: &str = "212000-1124";

/// `agreements` copies of seed 003, decided, and `users` officials of
/// Malmö stad with addresses: 3 reminders each per agreement on 2024-01-02.
#[allow(clippy::disallowed_methods)] // the bench is its own operator
async fn portfolio(app: &App, agreements: usize, users: usize) {
    let op = Caller::operator("bench");
    let now: jiff::Timestamp = "2024-01-02T05:00:00Z".parse().unwrap();
    let actor = op.actor(&app::stamp(now));
    let create = op.create_agreements().unwrap();
    let admin = op.administer().unwrap();
    for i in 0..agreements {
        let text = SEED.replace("skane-malmo-rk-barn-2021", &format!("bench-{i}"));
        let view = app
            .create(
                &create,
                NewAgreement {
                    text: &text,
                    syntax: Syntax::Toml,
                },
                &actor,
            )
            .await
            .unwrap();
        let may = app
            .edit_agreement(&op, &format!("bench-{i}"))
            .await
            .unwrap();
        app.set_status(&may, Status::Decided, view.version, None, &actor)
            .await
            .unwrap();
    }
    for u in 0..users {
        let name = format!("bench{u}");
        let email = format!("{name}@example.se");
        let user = NewUser {
            username: &name,
            display_name: &name,
            password: "correct horse battery",
            admin: false,
            email: Some(&email),
        };
        app.add_user(&admin, &op, user, now).await.unwrap();
        app.grant(&admin, &op, &name, MALMO, Role::Official, now)
            .await
            .unwrap();
    }
}

#[allow(clippy::disallowed_methods)] // the bench is its own operator, and reads the clock
fn pipeline(server: &fixture::SmtpServer, agreements: usize, users: usize) {
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("send-bench");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let runtime = tokio::runtime::Runtime::new().unwrap();
    runtime.block_on(async {
        let url = store::DatabaseUrl::parse(&dir.join("bench.db").display().to_string()).unwrap();
        let store = store::Store::open(&url).await.unwrap();
        let app = App::new(store, store::Blobs::open(dir.join("files")).unwrap());
        portfolio(&app, agreements, users).await;
        let mailer: Arc<dyn Mailer> = Arc::new(
            mail::SmtpMailer::from_url(&server.url(), "iop <iop@example.se>").unwrap(),
        );
        let may = Caller::operator("bench").run_reminders().unwrap();
        let day: domain::value::Date = "2024-01-02".parse().unwrap();
        let start = Instant::now();
        let clock = jiff::Timestamp::now;
        let report = app
            .run_day(&may, day, mailer, &SendOptions::new("http://127.0.0.1:8080"), &clock)
            .await
            .unwrap();
        let secs = start.elapsed().as_secs_f64();
        assert_eq!(report.sent, (agreements * users * 3) as u64, "{report:?}");
        println!(
            "App::run_day (SQLite): {} reminders planned and sent in {secs:.2} s = {:.0} reminders/s",
            report.sent,
            report.sent as f64 / secs
        );
    });
}

fn main() {
    // `cargo test --all-targets` runs this too, without `--bench` (which
    // only `cargo bench` passes): keep that run small.
    let quick = !std::env::args().any(|a| a == "--bench");
    let count = std::env::var("IOP_BENCH_MAILS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(if quick { 10 } else { 1000 });
    let server = fixture::SmtpServer::start("bench");
    raw(&server, count);
    let (agreements, users) = if quick { (1, 2) } else { (20, 10) };
    pipeline(&server, agreements, users);
}
