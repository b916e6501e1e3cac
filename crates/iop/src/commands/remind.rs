//! `iop remind`: plan the day's reminders into the outbox and send what is
//! due (or, with `--dry-run`, only list them; with `--outbox`, show the
//! outbox). The same use case runs daily inside `iop serve`.

use std::sync::Arc;

use app::{App, Caller, RunReport, SendOptions};
use domain::value::Date;
use jiff::SignedDuration;
use locale::Lang;

use super::{Failure, emit, open_app, t};
use crate::cli::{Format, MailArgs, RemindArgs};

/// The operator runs everyone's reminders (clippy.toml bans this elsewhere).
#[allow(clippy::disallowed_methods)]
pub fn operator() -> Caller {
    Caller::operator("system")
}

fn failed(e: app::AppError) -> Failure {
    Failure::new(2, e.to_string())
}

/// The day it is in Sweden at `now`.
pub fn swedish_day(now: jiff::Timestamp) -> Date {
    Date::from(now.in_tz("Europe/Stockholm").map_or_else(
        |_| now.to_zoned(jiff::tz::TimeZone::UTC).date(),
        |z| z.date(),
    ))
}

fn seconds(n: u64) -> SignedDuration {
    SignedDuration::from_secs(i64::try_from(n).unwrap_or(i64::MAX))
}

/// The sender's settings from the flags.
pub fn options(mail: &MailArgs, base_url: &str) -> SendOptions {
    let mut o = SendOptions::new(base_url);
    o.lease = seconds(mail.lease_secs.max(1));
    o.retry_base = seconds(mail.retry_secs.max(1));
    o.max_attempts = mail.max_attempts.max(1);
    o.batch = mail.batch.max(1);
    o
}

/// The SMTP sender the flags name, or `None` when e-mail is off.
pub fn mailer(mail: &MailArgs) -> Result<Option<Arc<dyn app::Mailer>>, Failure> {
    let Some(url) = &mail.smtp_url else {
        return Ok(None);
    };
    let smtp = mail::SmtpMailer::from_url(url, &mail.mail_from)
        .map_err(|e| Failure::new(2, e.to_string()))?
        .with_timeout(std::time::Duration::from_secs(
            mail.smtp_timeout_secs.max(1),
        ));
    Ok(Some(Arc::new(smtp)))
}

/// The report of a run in words.
pub fn report_line(lang: Lang, day: Date, r: &RunReport) -> String {
    let n = |v: u64| v.to_string();
    t(
        lang,
        "remind-report",
        &[
            ("day", &day.to_string()),
            ("planned", &n(r.planned)),
            ("cancelled", &n(r.cancelled)),
            ("sent", &n(r.sent)),
            ("deferred", &n(r.deferred)),
            ("failed", &n(r.failed)),
        ],
    )
}

fn json<T: serde::Serialize>(value: &T) -> Result<(), Failure> {
    let text =
        serde_json::to_string_pretty(value).map_err(|e| Failure::new(2, format!("json: {e}")))?;
    emit(&format!("{text}\n"))
}

pub fn run(args: &RemindArgs, lang: Lang, now: fn() -> jiff::Timestamp) -> Result<(), Failure> {
    let op = operator();
    let may = op.run_reminders().map_err(failed)?;
    let day = args.today.unwrap_or_else(|| swedish_day(now()));
    let mailer = if args.dry_run || args.outbox {
        None
    } else {
        Some(mailer(&args.mail)?.ok_or_else(|| Failure::new(2, t(lang, "remind-no-smtp", &[])))?)
    };
    open_app(&args.db, "iop-cli-files", async |app: &App| {
        if args.outbox {
            let admin = op.read_administration().map_err(failed)?;
            return json(&app.outbox(&admin).await.map_err(failed)?);
        }
        let Some(mailer) = mailer else {
            let plan = app
                .plan_day(&may, day, &args.base_url)
                .await
                .map_err(failed)?;
            return match args.format {
                Format::Json => json(&plan.due),
                Format::Text => emit(
                    &plan
                        .due
                        .iter()
                        .map(|d| {
                            format!(
                                "{}\t{}\t{}\t{:+}\t{}\n",
                                d.address, d.agreement, d.due, d.lead, d.subject
                            )
                        })
                        .collect::<String>(),
                ),
            };
        };
        let clock = move || now();
        let report = app
            .run_day(
                &may,
                day,
                mailer,
                &options(&args.mail, &args.base_url),
                &clock,
            )
            .await
            .map_err(failed)?;
        match args.format {
            Format::Json => json(&report),
            Format::Text => emit(&format!("{}\n", report_line(lang, day, &report))),
        }
    })
}
