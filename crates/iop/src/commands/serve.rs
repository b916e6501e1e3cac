//! `iop serve`: the application over HTTP, on SQLite or PostgreSQL.

use std::net::SocketAddr;
use std::sync::Arc;

use app::{App, Caller, NewAgreement, RecordInput, Role};
use domain::format::Syntax;
use domain::model::Status;
use store::{DatabaseUrl, Store};

use super::Failure;
use crate::cli::{LogFormat, ServeArgs};

pub fn run(
    args: &ServeArgs,
    lang: locale::Lang,
    now: fn() -> jiff::Timestamp,
) -> Result<(), Failure> {
    init_logs(args.log_format);
    let url = DatabaseUrl::parse(&args.db).map_err(|e| Failure::new(2, e.to_string()))?;
    let runtime =
        tokio::runtime::Runtime::new().map_err(|e| Failure::new(2, format!("runtime: {e}")))?;
    runtime.block_on(serve(args, lang, url, now))
}

/// How often the server looks for writes by other processes.
const OTHER_WRITERS_EVERY: std::time::Duration = std::time::Duration::from_millis(250);

fn init_logs(format: LogFormat) {
    let filter = tracing_subscriber::EnvFilter::try_from_env("IOP_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info,sqlx=warn"));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr);
    let _ = match format {
        LogFormat::Json => builder.json().try_init(),
        LogFormat::Text => builder.try_init(),
    };
}

async fn serve(
    args: &ServeArgs,
    lang: locale::Lang,
    url: DatabaseUrl,
    now: fn() -> jiff::Timestamp,
) -> Result<(), Failure> {
    // Malformed open-data settings stop the server before anything else.
    args.open_data
        .settings(&format!("http://{}", args.listen))
        .map_err(|e| Failure::new(2, e))?;
    let store = Store::open(&url)
        .await
        .map_err(|e| Failure::new(2, format!("database: {e}")))?;
    let blobs = store::Blobs::open(&args.files)
        .map_err(|e| Failure::new(2, format!("files directory {}: {e}", args.files.display())))?;
    let app = App::with_memos(store.clone(), blobs, args.cache_mb > 0);
    let clock: Arc<dyn Fn() -> jiff::Timestamp + Send + Sync> = match args.today {
        // A fixed day, for demonstrations and tests: noon that day in Sweden.
        Some(day) => {
            let fixed = day
                .get()
                .at(12, 0, 0, 0)
                .in_tz("Europe/Stockholm")
                .map(|z| z.timestamp())
                .unwrap_or_else(|_| now());
            Arc::new(move || fixed)
        }
        None => Arc::new(now),
    };
    let filled = app
        .backfill_parties(&app::stamp(clock()))
        .await
        .map_err(|e| Failure::new(2, format!("database: {e}")))?;
    if filled > 0 {
        tracing::info!(agreements = filled, "party organisations recorded");
    }
    if args.demo {
        load_demo(&app, clock()).await?;
    }
    let reminders = start_reminders(args, lang, &app, &clock, now)?;
    let shutdown = shutdown_signal()?;
    let listener = tokio::net::TcpListener::bind(&args.listen)
        .await
        .map_err(|e| Failure::new(2, format!("cannot listen on {}: {e}", args.listen)))?;
    let address: SocketAddr = listener
        .local_addr()
        .map_err(|e| Failure::new(2, e.to_string()))?;
    // The first line on standard output says where to go; tests read it.
    println!("iop lyssnar på http://{address}/ (listening)");
    tracing::info!(%address, database = ?url.backend(), "serving");
    // Writes by other processes (the operator's `iop user …`, another
    // server on the same PostgreSQL database) reach the kept answers within
    // this interval; this server's own writes at once.
    let watcher = store.watch_other_writers(OTHER_WRITERS_EVERY);
    let open_data = args
        .open_data
        .settings(&format!("http://{address}"))
        .map_err(|e| Failure::new(2, e))?;
    let router = web::router(
        web::AppState::new(
            app,
            clock,
            args.secure_cookies,
            args.cache_mb.saturating_mul(1024 * 1024),
        )
        .with_open_data(open_data)
        .with_trusted_proxies(&args.trusted_proxy),
    );
    // The peer's address reaches the handlers: sign-in throttling counts it.
    let service = router.into_make_service_with_connect_info::<SocketAddr>();
    axum::serve(listener, service)
        .with_graceful_shutdown(shutdown)
        .await
        .map_err(|e| Failure::new(2, format!("server: {e}")))?;
    watcher.abort();
    if let Some(task) = reminders {
        task.abort();
    }
    store.close().await;
    tracing::info!("stopped");
    Ok(())
}

type Clock = Arc<dyn Fn() -> jiff::Timestamp + Send + Sync>;

/// The daily reminder run in the background, once at start and then at
/// `--remind-hour` each day; or, without SMTP, a word that e-mail is off.
/// The day is the server's (`--today` fixes it); leases and backoff follow
/// the real clock.
fn start_reminders(
    args: &ServeArgs,
    lang: locale::Lang,
    app: &App,
    clock: &Clock,
    now: fn() -> jiff::Timestamp,
) -> Result<Option<tokio::task::JoinHandle<()>>, Failure> {
    let Some(mailer) = super::remind::mailer(&args.mail)? else {
        eprintln!("{}", super::t(lang, "remind-mail-off", &[]));
        return Ok(None);
    };
    let base = args
        .open_data
        .base_url
        .clone()
        .unwrap_or_else(|| format!("http://{}", args.listen));
    let options = super::remind::options(&args.mail, &base);
    let hour = format!("{:02}", args.remind_hour);
    let server = args
        .mail
        .smtp_url
        .as_deref()
        .map(redact)
        .unwrap_or_default();
    eprintln!(
        "{}",
        super::t(
            lang,
            "remind-mail-on",
            &[("server", &server), ("hour", &hour)]
        )
    );
    let may = super::remind::operator()
        .run_reminders()
        .map_err(|e| Failure::new(2, e.to_string()))?;
    let (app, day_clock, remind_hour) = (app.clone(), Arc::clone(clock), args.remind_hour);
    Ok(Some(tokio::spawn(async move {
        let real = move || now();
        loop {
            let day = super::remind::swedish_day(day_clock());
            match app
                .run_day(&may, day, Arc::clone(&mailer), &options, &real)
                .await
            {
                Ok(report) => tracing::info!(%day, ?report, "reminders"),
                Err(e) => tracing::error!(%day, error = %e, "reminders"),
            }
            tokio::time::sleep(until_hour(now(), remind_hour)).await;
        }
    })))
}

/// How long from `now` until the next `hour`:00 in Sweden.
fn until_hour(now: jiff::Timestamp, hour: i8) -> std::time::Duration {
    let next = now.in_tz("Europe/Stockholm").ok().and_then(|z| {
        let today = z.date().at(hour, 0, 0, 0).in_tz("Europe/Stockholm").ok()?;
        let at = if today.timestamp() > now {
            today
        } else {
            today.tomorrow().ok()?
        };
        Some(at.timestamp())
    });
    next.map_or(std::time::Duration::from_secs(3600), |at| {
        let secs = at.as_second() - now.as_second();
        std::time::Duration::from_secs(u64::try_from(secs.max(1)).unwrap_or(3600))
    })
}

/// The SMTP URL without its password, for the start message.
fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme), Some(at)) if at > scheme => {
            format!("{}***{}", &url[..scheme + 3], &url[at..])
        }
        _ => url.to_owned(),
    }
}

/// Ctrl-C (SIGINT) or SIGTERM: stop taking requests, finish those under
/// way. The handlers are installed at once, before the address is printed,
/// so a signal that comes right after start is not fatal.
fn shutdown_signal() -> Result<impl std::future::Future<Output = ()>, Failure> {
    use tokio::signal::unix::{SignalKind, signal};
    let listen = |kind| signal(kind).map_err(|e| Failure::new(2, format!("signal handler: {e}")));
    let (mut interrupt, mut terminate) = (
        listen(SignalKind::interrupt())?,
        listen(SignalKind::terminate())?,
    );
    Ok(async move {
        tokio::select! {
            _ = interrupt.recv() => {},
            _ = terminate.recv() => {},
        }
        tracing::info!("shutting down");
    })
}

/// Follow-up examples for the demo: what has happened under the seed agreements.
const DEMO_RECORDS: &[(&str, &str)] = &[(
    "gotland-rkg-2025",
    r#"{"kind":"decision","date":"2024-05-06","body":"Regionstyrelsens arbetsutskott","case_number":"RS 2024/947","paragraph":"RS AU § 114","outcome":"referred-back"}"#,
)];

/// The decisions the demo records for the seeds it shows as decided: the
/// seeds hold none, so these are demo data (the case number says so), made
/// by the body each agreement says acts for the public party. An agreement
/// is decided in the demo only through one of them; Gotland's (referred
/// back, in `DEMO_RECORDS`) stays a draft.
const DEMO_DECISIONS: &[(&str, &str)] = &[
    (
        "linkoping-vi-ses-2022",
        r#"{"kind":"decision","date":"2021-12-08","body":"Arbetsmarknadsnämnden, Linköpings kommun","case_number":"Demo 2021/1","paragraph":"§ 1 (demo)","outcome":"approved"}"#,
    ),
    (
        "skane-malmo-rk-barn-2021",
        r#"{"kind":"decision","date":"2020-12-09","body":"Arbetsmarknads- och socialnämnden, Malmö stad","case_number":"Demo 2020/1","paragraph":"§ 1 (demo)","outcome":"approved"}"#,
    ),
    (
        "goteborg-eu-migranter-2015",
        r#"{"kind":"decision","date":"2014-12-10","body":"Social resursnämnd, Göteborgs Stad","case_number":"Demo 2014/1","paragraph":"§ 1 (demo)","outcome":"approved"}"#,
    ),
];

/// The demo accounts, one per role (documented in the README). Officials
/// and readers belong to every public body of the seeds, the partner
/// representative to every idea-driven organisation.
pub const DEMO_USERS: &[(&str, &str, &str, Option<Role>)] = &[
    ("admin", "Administratör (demo)", "demo-admin", None),
    (
        "handlaggare",
        "Handläggare (demo)",
        "demo-handlaggare",
        Some(Role::Official),
    ),
    (
        "partner",
        "Partnerorganisation (demo)",
        "demo-partner",
        Some(Role::Partner),
    ),
    (
        "revisor",
        "Revisor (demo)",
        "demo-revisor",
        Some(Role::Reader),
    ),
];

/// A demo account's address: the user name under example.se.
fn demo_email(username: &str) -> String {
    format!("{username}@example.se")
}

/// An agreement the demo has a decision for: the decision recorded, then
/// the status it gives (decided) and a place in the public register. The
/// seeds go no further than decided: they carry no signatures.
async fn decide(
    app: &App,
    op: &Caller,
    actor: &app::Actor,
    view: &app::AgreementView,
    name: &str,
) -> Result<(), Failure> {
    let fail = |what: &str, e: app::AppError| Failure::new(2, format!("demo {what}: {e}"));
    let id = view.agreement.id.as_str();
    let Some((_, json)) = DEMO_DECISIONS.iter().find(|(d, _)| *d == id) else {
        return Ok(());
    };
    let input: RecordInput =
        serde_json::from_str(json).map_err(|e| Failure::new(2, format!("demo decision: {e}")))?;
    let record = app
        .record_follow_up(op, id)
        .await
        .map_err(|e| fail("decision", e))?;
    app.add_record(&record, input, actor)
        .await
        .map_err(|e| fail(&format!("decision {name}"), e))?;
    let may = app
        .edit_agreement(op, id)
        .await
        .map_err(|e| fail("data", e))?;
    app.set_status(&may, Status::Decided, view.version, None, actor)
        .await
        .map_err(|e| fail(&format!("data {name}"), e))?;
    app.set_published(&may, true, actor)
        .await
        .map_err(|e| fail("data", e))
}

/// Today in Sweden at `now`.
fn today(now: jiff::Timestamp) -> domain::value::Date {
    let tz = jiff::tz::TimeZone::get("Europe/Stockholm").unwrap_or(jiff::tz::TimeZone::UTC);
    domain::value::Date::new(now.to_zoned(tz).date())
}

/// The follow-up an agreement decided in the demo whose term ended before
/// `today` would really have had: every duty due by today met on its day
/// (reports and final accounts received, meetings held, invoices paid) and
/// the extension not taken up, so no duty of a finished agreement waits
/// for an official of today. The records are the demo operator's.
async fn follow_up_finished(
    app: &App,
    op: &Caller,
    actor: &app::Actor,
    view: &app::AgreementView,
    today: domain::value::Date,
) -> Result<(), Failure> {
    let fail = |e: app::AppError| Failure::new(2, format!("demo follow-up: {e}"));
    let id = view.agreement.id.as_str();
    let ended = view.agreement.term.as_ref().is_some_and(|t| t.end < today);
    let decision = DEMO_DECISIONS.iter().find(|(d, _)| *d == id);
    let (Some((_, decision)), true) = (decision, ended) else {
        return Ok(());
    };
    let decision: serde_json::Value =
        serde_json::from_str(decision).map_err(|e| Failure::new(2, format!("demo: {e}")))?;
    let see = app.see_agreement(op, id).await.map_err(fail)?;
    let may = app.record_follow_up(op, id).await.map_err(fail)?;
    let duties = app.obligations(&see, today).await.map_err(fail)?;
    for duty in duties
        .iter()
        .filter(|d| d.state == app::ObligationState::Overdue)
    {
        let Some(record) = meeting_record(duty, &decision) else {
            continue;
        };
        let input: RecordInput =
            serde_json::from_value(record).map_err(|e| Failure::new(2, format!("demo: {e}")))?;
        app.add_record(&may, input, actor).await.map_err(fail)?;
    }
    Ok(())
}

/// The record that meets `duty` on its due day; for the extension
/// decision, a decision of the body that approved the agreement
/// (`decision`) not to extend it.
fn meeting_record(
    duty: &app::ObligationView,
    decision: &serde_json::Value,
) -> Option<serde_json::Value> {
    let base = serde_json::json!({"date": duty.due, "obligation": duty.key});
    let more = match duty.kind.as_str() {
        "term-end" | "notice-deadline" => return None,
        "meeting" => serde_json::json!({"kind": "meeting"}),
        "invoice" => serde_json::json!({"kind": "invoice", "state": "paid"}),
        "extension-decision" => serde_json::json!({
            "kind": "decision",
            "body": decision["body"],
            "case_number": format!("Demo {}/2", duty.due.get(..4).unwrap_or_default()),
            "paragraph": "§ 2 (demo)",
            "outcome": "rejected",
        }),
        _ => serde_json::json!({"kind": "report", "state": "received"}),
    };
    let mut record = base;
    if let (Some(all), Some(more)) = (record.as_object_mut(), more.as_object()) {
        all.extend(more.clone());
    }
    Some(record)
}

/// The seed agreements, their follow-up examples and the demo accounts, once.
async fn load_demo(app: &App, now: jiff::Timestamp) -> Result<(), Failure> {
    #[allow(clippy::disallowed_methods)] // demo data is loaded by the operator
    let op = Caller::operator("demo");
    let actor = op.actor(&app::stamp(now));
    let fail = |what: &str, e: app::AppError| Failure::new(2, format!("demo {what}: {e}"));
    let create = op.create_agreements().map_err(|e| fail("data", e))?;
    let admin = op.administer().map_err(|e| fail("accounts", e))?;
    let mut agreements = Vec::new();
    for (name, text) in domain::generate::SEED_FILES {
        let agreement = domain::format::parse(text, Syntax::Toml)
            .map_err(|_| Failure::new(2, format!("demo data {name} does not parse")))?;
        match app
            .create(
                &create,
                NewAgreement {
                    text,
                    syntax: Syntax::Toml,
                },
                &actor,
            )
            .await
        {
            Ok(view) => {
                tracing::info!(file = name, "demo agreement loaded");
                decide(app, &op, &actor, &view, name).await?;
                follow_up_finished(app, &op, &actor, &view, today(now)).await?;
            }
            Err(app::AppError::Exists) => {}
            Err(e) => return Err(fail(&format!("data {name}"), e)),
        }
        agreements.push(agreement);
    }
    for (id, json) in DEMO_RECORDS {
        let input: RecordInput =
            serde_json::from_str(json).map_err(|e| Failure::new(2, format!("demo record: {e}")))?;
        let see = app
            .see_agreement(&op, id)
            .await
            .map_err(|e| fail("record", e))?;
        let already = app
            .records(&see)
            .await
            .map(|r| !r.is_empty())
            .unwrap_or(false);
        if !already {
            let may = app
                .record_follow_up(&op, id)
                .await
                .map_err(|e| fail("record", e))?;
            app.add_record(&may, input, &actor)
                .await
                .map_err(|e| fail(&format!("record {id}"), e))?;
        }
    }
    for (username, name, password, role) in DEMO_USERS {
        let email = demo_email(username);
        let added = app
            .add_user(
                &admin,
                &op,
                app::NewUser {
                    username,
                    display_name: name,
                    password,
                    admin: role.is_none(),
                    email: Some(&email),
                },
                now,
            )
            .await;
        match added {
            Ok(_) => {}
            Err(app::AppError::Exists) => continue,
            Err(e) => return Err(fail("accounts", e)),
        }
        let Some(role) = role else { continue };
        for party in agreements.iter().flat_map(|a| &a.parties) {
            let public = party.sector == domain::model::Sector::Public;
            if public == (*role != Role::Partner) {
                app.grant(&admin, &op, username, &app::org_id(party), *role, now)
                    .await
                    .map_err(|e| fail("accounts", e))?;
            }
        }
    }
    Ok(())
}
