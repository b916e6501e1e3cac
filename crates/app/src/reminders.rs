//! Reminders from the duties, sent by e-mail, never lost and never sent
//! twice except in one documented window (docs/reminders.md):
//!
//! 1. **plan**: the day's reminders (crates/remind) for every agreement and
//!    every user with an address, rendered, inserted once per key;
//!    planned ones the duties no longer need are cancelled;
//! 2. **claim**: a batch of due rows under a lease;
//! 3. **send** each through the [`Mailer`], off the async threads;
//! 4. **record** sent, due again later (temporary failure, exponential
//!    backoff) or failed (permanent, or too many attempts), each in the
//!    transaction of its audit event.

use std::collections::HashMap;
use std::sync::Arc;

use domain::Agreement;
use domain::value::Date;
use jiff::{SignedDuration, Timestamp};
use remind::{AgreementDuties, Delivery, Links, Mail, Recipient, Reminder, ReminderKey};
use serde::Serialize;
use store::{
    AuditEvent, CancelReminder, Finish, NewReminder, OutboxKey, OutboxRow, RecipientRow,
    RewriteDigest,
};

use crate::access::{Caller, ReadAdministration, Role, RunReminders, SeeAgreement};
use crate::accounts::{secret, secret_hash, stamp};
use crate::agreements::{org_id, parse_stored};
use crate::mailer::{Failure, Mailer, SendError};
use crate::notifications::{Notifications, remind_role};
use crate::{App, AppError, RecordState};

/// The header that names a mail's reminder key, so a copy can be told from
/// another reminder (and the fault trials count duplicates by it).
pub const KEY_HEADER: &str = "X-IOP-Reminder";

/// How the sender works: where links point, leases, retries and batches.
#[derive(Debug, Clone)]
pub struct SendOptions {
    /// The address iop is reached at, for the links in the mails.
    pub base_url: String,
    /// This worker's name in `claimed_by`; unique per process.
    pub worker: String,
    /// How long a claimed row is this worker's before another may take it.
    pub lease: SignedDuration,
    /// The first wait after a temporary failure; each next one is 5 times longer.
    pub retry_base: SignedDuration,
    /// Attempts in all before a temporary failure counts as permanent.
    pub max_attempts: i64,
    /// Rows claimed at a time.
    pub batch: i64,
}

impl SendOptions {
    /// Five minutes' lease, retries after 1, 5, 25, 125 and 625 minutes,
    /// then failed; 20 rows at a time.
    pub fn new(base_url: &str) -> SendOptions {
        SendOptions {
            base_url: base_url.to_owned(),
            worker: format!("worker-{}", uuid::Uuid::new_v4()),
            lease: SignedDuration::from_mins(5),
            retry_base: SignedDuration::from_mins(1),
            max_attempts: 6,
            batch: 20,
        }
    }

    /// The wait after the `attempts`-th failed attempt: base × 5^(attempts − 1).
    pub fn backoff(&self, attempts: i64) -> SignedDuration {
        let exponent = u32::try_from(attempts.clamp(1, 12) - 1).unwrap_or(0);
        self.retry_base
            .checked_mul(5_i32.saturating_pow(exponent))
            .unwrap_or(SignedDuration::from_hours(24))
    }
}

/// One reminder due on a day, as the dry run lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DueReminder {
    pub recipient: String,
    pub address: String,
    pub agreement: String,
    pub duty: String,
    pub due: String,
    pub lead: i16,
    pub subject: String,
}

/// What a day's planning gives: the reminders due, ready for the outbox,
/// and the planned ones that no longer stand.
#[derive(Debug, Clone)]
pub struct DayPlan {
    pub due: Vec<DueReminder>,
    rows: Vec<NewReminder>,
    cancel: Vec<CancelReminder>,
    /// Digests not yet sent that lost a reminder.
    rewrite: Vec<RewriteDigest>,
    /// The unsubscribe secrets made for the mails: (user id, hash).
    tokens: Vec<(String, String)>,
    /// The same secrets by user id, to put in each of their mails.
    secrets: HashMap<String, String>,
    base_url: String,
    /// The day to remember as the last one planned.
    day: Option<String>,
}

/// What one run did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct RunReport {
    /// New rows in the outbox.
    pub planned: u64,
    pub cancelled: u64,
    pub sent: u64,
    /// Temporary failures, to be tried again later.
    pub deferred: u64,
    pub failed: u64,
    /// Sends whose lease had run out before they were recorded (another
    /// worker had taken the row): the duplicate window.
    pub lease_lost: u64,
}

/// A row of the outbox, as administrators see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OutboxView {
    pub recipient: String,
    pub agreement: String,
    pub duty: String,
    pub lead: i64,
    pub due: String,
    pub planned_for: String,
    pub address: String,
    pub subject: String,
    pub state: String,
    pub attempts: i64,
    pub next_attempt_at: String,
    pub last_error: Option<String>,
    pub sent_at: Option<String>,
}

impl From<OutboxRow> for OutboxView {
    fn from(r: OutboxRow) -> Self {
        OutboxView {
            recipient: r.key.recipient,
            agreement: r.key.agreement_id,
            duty: r.key.duty_key,
            lead: r.key.lead_days,
            due: r.due,
            planned_for: r.planned_for,
            address: r.address,
            subject: r.subject,
            state: r.state.as_str().to_owned(),
            attempts: r.attempts,
            next_attempt_at: r.next_attempt_at,
            last_error: r.last_error,
            sent_at: r.sent_at,
        }
    }
}

/// A reminder of one of an agreement's duties, as its page lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AgreementReminder {
    /// The duty's key.
    pub duty: String,
    /// The recipient's name.
    pub recipient: String,
    pub lead: i64,
    pub due: String,
    pub state: String,
    /// When it was sent, or (not yet sent) when it is to be tried.
    pub when: String,
}

/// One agreement with what planning its reminders needs.
struct Loaded {
    duties: AgreementDuties,
    met: HashMap<String, Date>,
    recipients: Vec<Recipient>,
    /// User id → user name, for the dry run.
    names: HashMap<String, String>,
    planned: Vec<OutboxRow>,
}

/// The recipients of an agreement: each user once, acting for the parties
/// whose organisations they have a role in, with their own settings or
/// their strongest role's defaults; those who turned reminders off are left out.
fn recipients(rows: &[RecipientRow], a: &Agreement) -> Vec<Recipient> {
    let mut out: Vec<Recipient> = Vec::new();
    let mut roles: Vec<Role> = Vec::new();
    for row in rows {
        let parties: Vec<String> = a
            .parties
            .iter()
            .filter(|p| org_id(p) == row.org_id)
            .map(|p| p.id.as_str().to_owned())
            .collect();
        let role = Role::parse(&row.role).unwrap_or(Role::Reader);
        match out.iter().position(|r| r.id == row.user_id) {
            Some(i) => {
                out[i].parties.extend(parties);
                roles[i] = roles[i].max(role);
            }
            None => {
                out.push(Recipient {
                    id: row.user_id.clone(),
                    address: row.email.clone(),
                    name: row.display_name.clone(),
                    parties,
                    settings: remind::Settings::for_role(remind_role(role)),
                });
                roles.push(role);
            }
        }
    }
    let own = |user: &str| {
        rows.iter()
            .find(|r| r.user_id == user)
            .and_then(|r| r.settings.as_deref())
            .and_then(|text| serde_json::from_str::<Notifications>(text).ok())
    };
    let mut kept = Vec::new();
    for (mut r, role) in out.into_iter().zip(roles) {
        match own(&r.id) {
            Some(n) if n.off => continue,
            Some(n) => r.settings = n.settings,
            None => r.settings = remind::Settings::for_role(remind_role(role)),
        }
        kept.push(r);
    }
    kept
}

/// How far back a run plans the days it missed: a server down for longer
/// sends what the last 31 days held, not older news.
pub const CATCH_UP_DAYS: i64 = 31;

/// The first day a run on `day` plans for: the day after the last one
/// planned, but at most [`CATCH_UP_DAYS`] back; `day` itself on the first
/// run ever, and when the last planned day is not before it.
pub fn catch_up_from(last: Option<Date>, day: Date) -> Date {
    let Some(last) = last else {
        return day;
    };
    let bound = day
        .get()
        .checked_sub(jiff::Span::new().days(CATCH_UP_DAYS))
        .map_or(day, Date::from);
    match last.get().tomorrow() {
        Ok(next) if Date::from(next) < day => Date::from(next).max(bound),
        _ => day,
    }
}

/// The header a digest carries with the number of reminders in it, so a
/// run can tell when one of them no longer stands.
const DIGEST_COUNT_HEADER: &str = "X-IOP-Digest-Count";

fn outbox_key(k: &ReminderKey) -> OutboxKey {
    OutboxKey {
        recipient: k.recipient.clone(),
        agreement_id: k.agreement.clone(),
        duty_key: k.duty.clone(),
        lead_days: i64::from(k.lead),
    }
}

fn with_key_header(mut mail: Mail, key: &OutboxKey) -> Mail {
    let text = format!(
        "{}/{}/{}/{}",
        key.recipient, key.agreement_id, key.duty_key, key.lead_days
    );
    mail.headers.push((KEY_HEADER.to_owned(), text));
    mail
}

fn new_row(key: OutboxKey, due: Date, day: Date, mail: &Mail) -> Result<NewReminder, AppError> {
    Ok(NewReminder {
        key,
        due: due.to_string(),
        planned_for: day.to_string(),
        address: mail.to.clone(),
        subject: mail.subject.clone(),
        mail: serde_json::to_string(mail).map_err(|e| AppError::Internal(e.to_string()))?,
    })
}

impl App {
    /// Read one agreement's duties, what is met, who gets reminders and what
    /// is planned. An agreement whose duties cannot be computed (no term)
    /// has none to remind of.
    async fn load_for_reminders(&self, id: &str) -> Result<Option<Loaded>, AppError> {
        let Some(stored) = self.store.agreement(id).await? else {
            return Ok(None);
        };
        let agreement = parse_stored(&stored.document)?;
        let Ok(duties) = AgreementDuties::from_agreement(&agreement) else {
            return Ok(None);
        };
        let mut met: HashMap<String, Date> = HashMap::new();
        for r in self.store.records(id).await? {
            let meets = r.state.parse::<RecordState>().is_ok_and(RecordState::meets);
            let (Some(key), Ok(date), true) = (r.obligation_key, r.date.parse::<Date>(), meets)
            else {
                continue;
            };
            let first = met.entry(key).or_insert(date);
            *first = (*first).min(date);
        }
        let rows = self.store.recipients_of(id).await?;
        let names = rows
            .iter()
            .map(|r| (r.user_id.clone(), r.username.clone()))
            .collect();
        Ok(Some(Loaded {
            recipients: recipients(&rows, &agreement),
            duties,
            met,
            names,
            planned: self.store.planned_reminders(id).await?,
        }))
    }

    /// The reminders due on `day` for every agreement, rendered for the
    /// outbox, and the planned ones that no longer stand. A run after days
    /// without one plans those days too ([`catch_up_from`]). Writes nothing.
    pub async fn plan_day(
        &self,
        _may: &RunReminders,
        day: Date,
        base_url: &str,
    ) -> Result<DayPlan, AppError> {
        let mut loaded = Vec::new();
        for id in self.store.agreement_ids().await? {
            if let Some(l) = self.load_for_reminders(&id).await? {
                loaded.push(l);
            }
        }
        let last = self.store.last_reminder_day().await?;
        let last = last.and_then(|d| d.parse::<Date>().ok());
        let from = catch_up_from(last, day);
        let mut plan = DayPlan::new(base_url);
        plan.day = last.is_none_or(|l| l < day).then(|| day.to_string());
        let mut digests: Vec<(Vec<Reminder<'_>>, &HashMap<String, String>)> = Vec::new();
        for l in &loaded {
            plan.cancel.extend(cancellations(l, day));
            for r in remind::plan_window((from, day), day, &l.duties, &l.met, &l.recipients) {
                if r.recipient.settings.delivery == Delivery::Individual {
                    plan.add_one(&r, day, &l.names)?;
                } else if let Some(group) = digests
                    .iter_mut()
                    .find(|(g, _)| g.first().is_some_and(|f| f.recipient.id == r.recipient.id))
                {
                    group.0.push(r);
                } else {
                    digests.push((vec![r], &l.names));
                }
            }
        }
        for (group, names) in &digests {
            plan.add_digest(group, (from, day), names)?;
        }
        for row in self.store.planned_digests().await? {
            plan.rebuild_digest(&row, &loaded, day)?;
        }
        Ok(plan)
    }

    /// Plan `day`'s reminders into the outbox and send what is due, until
    /// nothing due is left; `clock` is read for leases, backoff and the
    /// times recorded.
    pub async fn run_day(
        &self,
        may: &RunReminders,
        day: Date,
        mailer: Arc<dyn Mailer>,
        options: &SendOptions,
        clock: &(dyn Fn() -> Timestamp + Send + Sync),
    ) -> Result<RunReport, AppError> {
        let plan = self.plan_day(may, day, &options.base_url).await?;
        let mut report = self.store_plan(may, day, &plan, clock()).await?;
        self.send_due(may, mailer, options, clock, &mut report)
            .await?;
        Ok(report)
    }

    /// Insert a day's plan into the outbox (idempotent) and cancel what no
    /// longer stands, with one audit event when anything changed.
    pub async fn store_plan(
        &self,
        may: &RunReminders,
        day: Date,
        plan: &DayPlan,
        now: Timestamp,
    ) -> Result<RunReport, AppError> {
        let batch = store::PlanBatch {
            new: &plan.rows,
            cancel: &plan.cancel,
            rewrite: &plan.rewrite,
            tokens: &plan.tokens,
            day: plan.day.as_deref(),
        };
        let done = self
            .store
            .plan_reminders(&batch, &stamp(now), |p| {
                let mut e = reminder_event(&may.actor, now, &format!("day/{day}"), "planned");
                e.after = Some(
                    serde_json::json!({"day": day.to_string(), "planned": p.inserted, "cancelled": p.cancelled})
                        .to_string(),
                );
                e
            })
            .await?;
        Ok(RunReport {
            planned: done.inserted,
            cancelled: done.cancelled,
            ..RunReport::default()
        })
    }

    /// Claim, send and record every reminder that is due now, a batch at a
    /// time. Rows that fail temporarily now are due again only after the
    /// backoff, so this ends.
    pub async fn send_due(
        &self,
        _may: &RunReminders,
        mailer: Arc<dyn Mailer>,
        options: &SendOptions,
        clock: &(dyn Fn() -> Timestamp + Send + Sync),
        report: &mut RunReport,
    ) -> Result<(), AppError> {
        let cutoff = stamp(clock());
        loop {
            let lease_until = stamp(clock() + options.lease);
            let rows = self
                .store
                .claim_reminders(&options.worker, &cutoff, &lease_until, options.batch)
                .await?;
            if rows.is_empty() {
                return Ok(());
            }
            for row in rows {
                self.send_one(&mailer, row, options, clock, report).await?;
            }
        }
    }

    async fn send_one(
        &self,
        mailer: &Arc<dyn Mailer>,
        row: OutboxRow,
        options: &SendOptions,
        clock: &(dyn Fn() -> Timestamp + Send + Sync),
        report: &mut RunReport,
    ) -> Result<(), AppError> {
        let result = match serde_json::from_str::<Mail>(&row.mail) {
            Ok(mail) => {
                let mailer = Arc::clone(mailer);
                tokio::task::spawn_blocking(move || mailer.send(&mail))
                    .await
                    .map_err(|e| AppError::Internal(e.to_string()))?
            }
            Err(e) => Err(SendError {
                failure: Failure::Permanent,
                code: None,
                detail: format!("stored mail unreadable: {e}"),
            }),
        };
        let now = clock();
        let (finish, action) = outcome(&row, result, options, now);
        let key = &row.key;
        let id = format!(
            "{}/{}/{}/{}",
            key.recipient, key.agreement_id, key.duty_key, key.lead_days
        );
        let mut audit = reminder_event("system", now, &id, action);
        audit.after = Some(
            serde_json::json!({
                "to": row.address, "subject": row.subject, "attempts": row.attempts,
                "error": match &finish { Finish::Sent { .. } => None, Finish::Retry { error, .. } | Finish::Failed { error } => Some(error) },
                "next_attempt_at": match &finish { Finish::Retry { next_at, .. } => Some(next_at), _ => None },
            })
            .to_string(),
        );
        let held = self
            .store
            .finish_reminder(key, &options.worker, &finish, &audit)
            .await?;
        let count = match (held, &finish) {
            (false, _) => &mut report.lease_lost,
            (true, Finish::Sent { .. }) => &mut report.sent,
            (true, Finish::Retry { .. }) => &mut report.deferred,
            (true, Finish::Failed { .. }) => &mut report.failed,
        };
        *count += 1;
        Ok(())
    }

    /// The reminders planned and sent for an agreement's duties, as far as
    /// the caller may see them: every recipient's for an official of a
    /// party, a partner representative's own only, none for a reader.
    pub async fn agreement_reminders(
        &self,
        caller: &Caller,
        see: &SeeAgreement,
    ) -> Result<Vec<AgreementReminder>, AppError> {
        let me = caller.principal()?.user_id.clone();
        let rows = match see.role() {
            Role::Reader => return Ok(Vec::new()),
            Role::Partner => self
                .store
                .reminders_of(see.id())
                .await?
                .into_iter()
                .filter(|r| r.key.recipient == me)
                .collect(),
            Role::Official => self.store.reminders_of(see.id()).await?,
        };
        let names: HashMap<String, String> = self
            .store
            .users()
            .await?
            .into_iter()
            .map(|u| (u.id, u.display_name))
            .collect();
        Ok(rows
            .into_iter()
            .map(|r| AgreementReminder {
                recipient: names.get(&r.key.recipient).cloned().unwrap_or_default(),
                duty: r.key.duty_key,
                lead: r.key.lead_days,
                due: r.due,
                state: r.state.as_str().to_owned(),
                when: r.sent_at.unwrap_or(r.next_attempt_at),
            })
            .collect())
    }

    /// The whole outbox (administrators).
    pub async fn outbox(&self, _admin: &ReadAdministration) -> Result<Vec<OutboxView>, AppError> {
        Ok(self
            .store
            .outbox()
            .await?
            .into_iter()
            .map(OutboxView::from)
            .collect())
    }
}

/// What a send's result means for its row: sent, due again after the
/// backoff, or failed (permanent, or the last attempt allowed).
fn outcome(
    row: &OutboxRow,
    result: Result<(), SendError>,
    options: &SendOptions,
    now: Timestamp,
) -> (Finish, &'static str) {
    match result {
        Ok(()) => (Finish::Sent { at: stamp(now) }, "sent"),
        Err(e) if e.failure == Failure::Temporary && row.attempts < options.max_attempts => (
            Finish::Retry {
                next_at: stamp(now + options.backoff(row.attempts)),
                error: e.to_string(),
            },
            "deferred",
        ),
        Err(e) => (
            Finish::Failed {
                error: e.to_string(),
            },
            "failed",
        ),
    }
}

fn reminder_event(actor: &str, now: Timestamp, id: &str, action: &str) -> AuditEvent {
    AuditEvent {
        at: stamp(now),
        actor: actor.to_owned(),
        entity_kind: "reminder".into(),
        entity_id: id.to_owned(),
        action: action.into(),
        before: None,
        after: None,
    }
}

/// The planned reminders of `l` that no longer stand on `day`. A moved
/// duty's rows are removed, to be planned again under the same keys.
fn cancellations(l: &Loaded, day: Date) -> Vec<CancelReminder> {
    let planned: Vec<remind::Planned> = l
        .planned
        .iter()
        .filter_map(|row| {
            Some(remind::Planned {
                key: ReminderKey {
                    recipient: row.key.recipient.clone(),
                    agreement: row.key.agreement_id.clone(),
                    duty: row.key.duty_key.clone(),
                    lead: i16::try_from(row.key.lead_days).ok()?,
                },
                due: row.due.parse().ok()?,
            })
        })
        .collect();
    remind::cancelled(&planned, &l.duties, &l.met, day)
        .into_iter()
        .map(|c| CancelReminder {
            key: outbox_key(&c.key),
            reason: serde_json::to_string(&c.reason).unwrap_or_default(),
            replan: matches!(c.reason, remind::CancelReason::Moved { .. }),
        })
        .collect()
}

impl DayPlan {
    fn new(base_url: &str) -> DayPlan {
        DayPlan {
            due: Vec::new(),
            rows: Vec::new(),
            cancel: Vec::new(),
            rewrite: Vec::new(),
            tokens: Vec::new(),
            secrets: HashMap::new(),
            base_url: base_url.to_owned(),
            day: None,
        }
    }

    /// The links of a user's mails, with an unsubscribe secret made for
    /// them in this run (only its hash is kept).
    fn links(&mut self, user_id: &str) -> Result<Links, AppError> {
        let token = match self.secrets.get(user_id) {
            Some(t) => t.clone(),
            None => {
                let t = secret()?;
                self.tokens.push((user_id.to_owned(), secret_hash(&t)));
                self.secrets.insert(user_id.to_owned(), t.clone());
                t
            }
        };
        Ok(Links {
            base: self.base_url.clone(),
            unsubscribe_token: token,
        })
    }

    fn add_one(
        &mut self,
        r: &Reminder<'_>,
        day: Date,
        names: &HashMap<String, String>,
    ) -> Result<(), AppError> {
        let key = outbox_key(&r.key);
        let links = self.links(&r.recipient.id)?;
        let mail = remind::render(r, day, &links);
        let mail = with_key_header(mail, &key);
        self.due.push(due_reminder(r, &mail, names));
        self.rows.push(new_row(key, r.duty.due, day, &mail)?);
        Ok(())
    }

    /// A recipient's digest of the days `from` through `day`, written on `day`.
    fn digest_mail(
        &mut self,
        group: &[Reminder<'_>],
        day: Date,
        key: &OutboxKey,
    ) -> Result<Option<Mail>, AppError> {
        let Some(first) = group.first() else {
            return Ok(None);
        };
        let links = self.links(&first.recipient.id)?;
        Ok(remind::digest(group, day, &links).map(|mail| {
            let mut mail = with_key_header(mail, key);
            mail.headers
                .push((DIGEST_COUNT_HEADER.to_owned(), group.len().to_string()));
            mail
        }))
    }

    /// One mail for a recipient's reminders of the days `from` through `day`
    /// (a daily or weekly digest), under the key (recipient, "",
    /// "digest/DAY", 0); its row's `due` is `from`.
    fn add_digest(
        &mut self,
        group: &[Reminder<'_>],
        (from, day): (Date, Date),
        names: &HashMap<String, String>,
    ) -> Result<(), AppError> {
        let Some(first) = group.first() else {
            return Ok(());
        };
        let key = digest_key(&first.recipient.id, day);
        let Some(mail) = self.digest_mail(group, day, &key)? else {
            return Ok(());
        };
        for r in group {
            self.due.push(due_reminder(r, &mail, names));
        }
        self.rows.push(new_row(key, from, day, &mail)?);
        Ok(())
    }

    /// A planned digest written again without the reminders that no longer
    /// stand on `day` (met or moved since), or cancelled when none is left.
    fn rebuild_digest(
        &mut self,
        row: &OutboxRow,
        loaded: &[Loaded],
        day: Date,
    ) -> Result<(), AppError> {
        let (Ok(from), Ok(to)) = (row.due.parse::<Date>(), row.planned_for.parse::<Date>()) else {
            return Ok(());
        };
        let stored = serde_json::from_str::<Mail>(&row.mail).ok().and_then(|m| {
            m.headers
                .iter()
                .find(|(name, _)| name == DIGEST_COUNT_HEADER)
                .and_then(|(_, n)| n.parse::<usize>().ok())
        });
        let reminders: Vec<Reminder<'_>> = loaded
            .iter()
            .flat_map(|l| {
                let mine = l.recipients.iter().position(|r| r.id == row.key.recipient);
                mine.map(|i| {
                    remind::plan_window((from, to), day, &l.duties, &l.met, &l.recipients[i..=i])
                })
                .unwrap_or_default()
            })
            .collect();
        if stored == Some(reminders.len()) {
            return Ok(());
        }
        let mail = self.digest_mail(&reminders, to, &row.key)?;
        let mail = match mail {
            Some(m) => Some((
                m.subject.clone(),
                serde_json::to_string(&m).map_err(|e| AppError::Internal(e.to_string()))?,
            )),
            None => None,
        };
        self.rewrite.push(RewriteDigest {
            key: row.key.clone(),
            mail,
        });
        Ok(())
    }
}

fn digest_key(recipient: &str, day: Date) -> OutboxKey {
    OutboxKey {
        recipient: recipient.to_owned(),
        agreement_id: String::new(),
        duty_key: format!("digest/{day}"),
        lead_days: 0,
    }
}

fn due_reminder(r: &Reminder<'_>, mail: &Mail, names: &HashMap<String, String>) -> DueReminder {
    DueReminder {
        recipient: names.get(&r.recipient.id).cloned().unwrap_or_default(),
        address: mail.to.clone(),
        agreement: r.agreement.id.clone(),
        duty: r.duty.key.clone(),
        due: r.duty.due.to_string(),
        lead: r.key.lead,
        subject: mail.subject.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_run_catches_up_at_most_31_days() {
        let d = |s: &str| s.parse::<Date>().ok();
        let from = |last: Option<&str>, day: &str| {
            d(day).and_then(|day| catch_up_from(last.and_then(d), day).to_string().into())
        };
        let same = |s: &str| Some(s.to_owned());
        assert_eq!(
            from(None, "2024-01-09"),
            same("2024-01-09"),
            "the first run"
        );
        assert_eq!(from(Some("2024-01-08"), "2024-01-09"), same("2024-01-09"));
        assert_eq!(from(Some("2024-01-03"), "2024-01-09"), same("2024-01-04"));
        assert_eq!(
            from(Some("2024-01-09"), "2024-01-09"),
            same("2024-01-09"),
            "again"
        );
        assert_eq!(
            from(Some("2024-02-01"), "2024-01-09"),
            same("2024-01-09"),
            "back"
        );
        // Down since November: 31 days back, 2023-12-09 through 2024-01-09.
        assert_eq!(from(Some("2023-11-01"), "2024-01-09"), same("2023-12-09"));
    }

    #[test]
    fn backoff_grows_five_fold() {
        let o = SendOptions::new("http://x");
        let mins = |n| o.backoff(n).as_secs() / 60;
        assert_eq!([mins(1), mins(2), mins(3), mins(4)], [1, 5, 25, 125]);
    }
}
