//! The outbox of e-mail reminders: planned once per key, claimed under a
//! lease, marked sent (or failed, or due again later) in the transaction of
//! its audit event.
//!
//! Claiming is the one statement that differs between the databases:
//! PostgreSQL locks the chosen rows with `FOR UPDATE SKIP LOCKED`, so two
//! workers choosing at once take different rows; SQLite runs it in a
//! `BEGIN IMMEDIATE` transaction, which holds the only write lock.

use std::collections::HashSet;

use sqlx::Row;
use sqlx::any::AnyRow;

use crate::access::UserRow;
use crate::audit::AuditEvent;
use crate::{Backend, Result, Store};

/// Where a reminder is in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutboxState {
    /// Waiting for its `next_attempt_at`.
    Planned,
    /// Claimed by a worker until `lease_until`.
    Sending,
    Sent,
    /// A permanent failure, or too many temporary ones.
    Failed,
    /// The duty was met or is gone before the reminder went out.
    Cancelled,
}

impl OutboxState {
    pub const ALL: [OutboxState; 5] = [
        OutboxState::Planned,
        OutboxState::Sending,
        OutboxState::Sent,
        OutboxState::Failed,
        OutboxState::Cancelled,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            OutboxState::Planned => "planned",
            OutboxState::Sending => "sending",
            OutboxState::Sent => "sent",
            OutboxState::Failed => "failed",
            OutboxState::Cancelled => "cancelled",
        }
    }

    pub fn parse(s: &str) -> Option<OutboxState> {
        Self::ALL.into_iter().find(|x| x.as_str() == s)
    }
}

/// The unique key of a reminder.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct OutboxKey {
    /// The recipient's user id.
    pub recipient: String,
    pub agreement_id: String,
    pub duty_key: String,
    pub lead_days: i64,
}

/// A reminder to plan: its key, what it is about and its mail.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewReminder {
    pub key: OutboxKey,
    /// The duty's due date when planned.
    pub due: String,
    /// The day it was planned for.
    pub planned_for: String,
    pub address: String,
    pub subject: String,
    /// The rendered mail, as JSON.
    pub mail: String,
}

/// A planned reminder that no longer stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CancelReminder {
    pub key: OutboxKey,
    /// Why, for the row's `last_error` and the audit log.
    pub reason: String,
    /// The duty moved: the row is removed so the key can be planned again
    /// for the new date.
    pub replan: bool,
}

/// One row of the outbox.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutboxRow {
    pub key: OutboxKey,
    pub due: String,
    pub planned_for: String,
    pub address: String,
    pub subject: String,
    pub mail: String,
    pub state: OutboxState,
    pub attempts: i64,
    pub next_attempt_at: String,
    pub last_error: Option<String>,
    pub claimed_by: Option<String>,
    pub lease_until: Option<String>,
    pub sent_at: Option<String>,
}

macro_rules! outbox_columns {
    () => {
        "recipient, agreement_id, duty_key, lead_days, due, planned_for, address, subject, mail, state, attempts, next_attempt_at, last_error, claimed_by, lease_until, sent_at"
    };
}

impl OutboxRow {
    fn from_row(r: &AnyRow) -> Result<Self> {
        let state: String = r.try_get("state")?;
        Ok(OutboxRow {
            key: OutboxKey {
                recipient: r.try_get("recipient")?,
                agreement_id: r.try_get("agreement_id")?,
                duty_key: r.try_get("duty_key")?,
                lead_days: r.try_get("lead_days")?,
            },
            due: r.try_get("due")?,
            planned_for: r.try_get("planned_for")?,
            address: r.try_get("address")?,
            subject: r.try_get("subject")?,
            mail: r.try_get("mail")?,
            state: OutboxState::parse(&state)
                .ok_or_else(|| sqlx::Error::Decode(format!("outbox state {state:?}").into()))?,
            attempts: r.try_get("attempts")?,
            next_attempt_at: r.try_get("next_attempt_at")?,
            last_error: r.try_get("last_error")?,
            claimed_by: r.try_get("claimed_by")?,
            lease_until: r.try_get("lease_until")?,
            sent_at: r.try_get("sent_at")?,
        })
    }
}

/// How a claimed send ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Finish {
    /// The server accepted the mail at this time.
    Sent { at: String },
    /// A temporary failure: try again at `next_at`.
    Retry { next_at: String, error: String },
    /// A permanent failure, or the last attempt failed.
    Failed { error: String },
}

/// A digest not yet sent, written again with what still stands; or,
/// when nothing does, cancelled (`mail` none).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RewriteDigest {
    pub key: OutboxKey,
    /// The new subject and mail (JSON); none: cancel it.
    pub mail: Option<(String, String)>,
}

/// What one planning run writes, in one transaction.
#[derive(Debug, Clone, Copy)]
pub struct PlanBatch<'a> {
    pub new: &'a [NewReminder],
    pub cancel: &'a [CancelReminder],
    pub rewrite: &'a [RewriteDigest],
    /// New unsubscribe secrets: (user id, hash of the secret).
    pub tokens: &'a [(String, String)],
    /// The day planned, remembered as the last one (none: a day before it
    /// was planned for, left as it is).
    pub day: Option<&'a str>,
}

/// What planning changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Planning {
    pub inserted: u64,
    pub cancelled: u64,
}

const KEY_MATCH: &str = "recipient = $1 AND agreement_id = $2 AND duty_key = $3 AND lead_days = $4";

impl Store {
    /// Insert the reminders not planned yet (a key already in the outbox,
    /// in any state, is left as it is) and cancel those that no longer
    /// stand, in one transaction. `audit` words the event from what
    /// changed; when nothing did, no event is written.
    pub async fn plan_reminders(
        &self,
        batch: &PlanBatch<'_>,
        now: &str,
        audit: impl FnOnce(Planning) -> AuditEvent,
    ) -> Result<Planning> {
        let mut tx = self.write().await?;
        let mut done = Planning::default();
        for c in batch.cancel {
            done.cancelled += cancel_one(&mut tx, c).await?;
        }
        // Whose mails now carry this run's unsubscribe secret: only their
        // secrets are kept, so a run that writes no mail stores none.
        let mut mailed: HashSet<&str> = HashSet::new();
        for r in batch.rewrite {
            let changed = rewrite_one(&mut tx, r).await?;
            if changed > 0 && r.mail.is_some() {
                mailed.insert(&r.key.recipient);
            }
            done.cancelled += changed;
        }
        if let Some(day) = batch.day {
            // Two servers planning the same day at once: one row, no error.
            sqlx::query(
                "INSERT INTO reminder_days (day, planned_at) VALUES ($1, $2) ON CONFLICT (day) DO NOTHING",
            )
                .bind(day)
                .bind(now)
                .execute(&mut *tx)
                .await?;
        }
        for r in batch.new {
            let inserted = sqlx::query(
                "INSERT INTO reminders (recipient, agreement_id, duty_key, lead_days, due, planned_for, address, subject, mail,
                     state, attempts, next_attempt_at, created_at)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 0, $11, $11)
                 ON CONFLICT (recipient, agreement_id, duty_key, lead_days) DO NOTHING",
            )
            .bind(&r.key.recipient)
            .bind(&r.key.agreement_id)
            .bind(&r.key.duty_key)
            .bind(r.key.lead_days)
            .bind(&r.due)
            .bind(&r.planned_for)
            .bind(&r.address)
            .bind(&r.subject)
            .bind(&r.mail)
            .bind(OutboxState::Planned.as_str())
            .bind(now)
            .execute(&mut *tx)
            .await?;
            if inserted.rows_affected() > 0 {
                mailed.insert(&r.key.recipient);
            }
            done.inserted += inserted.rows_affected();
        }
        for (user_id, hash) in batch.tokens {
            if !mailed.contains(user_id.as_str()) {
                continue;
            }
            sqlx::query(
                "INSERT INTO unsubscribe_tokens (token_hash, user_id, created_at) VALUES ($1, $2, $3)",
            )
            .bind(hash)
            .bind(user_id)
            .bind(now)
            .execute(&mut *tx)
            .await?;
        }
        if done == Planning::default() {
            tx.commit_unaudited().await?;
        } else {
            tx.commit(&audit(done)).await?;
        }
        Ok(done)
    }

    /// The reminders of an agreement still waiting to be sent.
    pub async fn planned_reminders(&self, agreement_id: &str) -> Result<Vec<OutboxRow>> {
        let rows = sqlx::query(concat!(
            "SELECT ",
            outbox_columns!(),
            " FROM reminders WHERE agreement_id = $1 AND state = $2"
        ))
        .bind(agreement_id)
        .bind(OutboxState::Planned.as_str())
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(OutboxRow::from_row).collect()
    }

    /// The digests (agreement id empty) still waiting to be sent.
    pub async fn planned_digests(&self) -> Result<Vec<OutboxRow>> {
        self.planned_reminders("").await
    }

    /// Every reminder of an agreement, in any state, by duty and lead.
    pub async fn reminders_of(&self, agreement_id: &str) -> Result<Vec<OutboxRow>> {
        let rows = sqlx::query(concat!(
            "SELECT ",
            outbox_columns!(),
            " FROM reminders WHERE agreement_id = $1 ORDER BY due, duty_key, lead_days, recipient"
        ))
        .bind(agreement_id)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(OutboxRow::from_row).collect()
    }

    /// The last day reminders were planned for, if any.
    pub async fn last_reminder_day(&self) -> Result<Option<String>> {
        Ok(sqlx::query_scalar("SELECT MAX(day) FROM reminder_days")
            .fetch_one(&self.pool)
            .await?)
    }

    /// Claim up to `limit` reminders that are due (`next_attempt_at` has
    /// come) or whose lease ran out (a worker died while sending), for
    /// `worker` until `lease_until`. Each claim counts as an attempt.
    pub async fn claim_reminders(
        &self,
        worker: &str,
        now: &str,
        lease_until: &str,
        limit: i64,
    ) -> Result<Vec<OutboxRow>> {
        let lock = match self.backend {
            Backend::Postgres => "FOR UPDATE SKIP LOCKED",
            Backend::Sqlite => "",
        };
        let sql = format!(
            concat!(
                "UPDATE reminders SET state = $5, claimed_by = $1, lease_until = $2, attempts = attempts + 1
                 WHERE (recipient, agreement_id, duty_key, lead_days) IN (
                     SELECT recipient, agreement_id, duty_key, lead_days FROM reminders
                     WHERE (state = $6 AND next_attempt_at <= $3) OR (state = $5 AND lease_until <= $3)
                     ORDER BY next_attempt_at, recipient, agreement_id, duty_key, lead_days
                     LIMIT $4 {lock})
                 RETURNING ",
                outbox_columns!()
            ),
            lock = lock
        );
        let mut tx = self.write().await?;
        let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(worker)
            .bind(lease_until)
            .bind(now)
            .bind(limit)
            .bind(OutboxState::Sending.as_str())
            .bind(OutboxState::Planned.as_str())
            .fetch_all(&mut *tx)
            .await?;
        let claimed = rows
            .iter()
            .map(OutboxRow::from_row)
            .collect::<Result<Vec<_>>>()?;
        // A lease is housekeeping of the sender, not something a user did;
        // what comes of it (sent, failed) is audited.
        tx.commit_unaudited().await?;
        Ok(claimed)
    }

    /// Record how a claimed send ended, with its audit event, if `worker`
    /// still holds the lease. False when it does not (the lease ran out and
    /// another worker took the row): nothing is written then.
    pub async fn finish_reminder(
        &self,
        key: &OutboxKey,
        worker: &str,
        finish: &Finish,
        audit: &AuditEvent,
    ) -> Result<bool> {
        let (state, next_at, error, sent_at) = match finish {
            Finish::Sent { at } => (OutboxState::Sent, None, None, Some(at)),
            Finish::Retry { next_at, error } => {
                (OutboxState::Planned, Some(next_at), Some(error), None)
            }
            Finish::Failed { error } => (OutboxState::Failed, None, Some(error), None),
        };
        let sql = format!(
            "UPDATE reminders SET state = $5, next_attempt_at = COALESCE($6, next_attempt_at),
                 last_error = COALESCE($7, last_error), sent_at = $8, claimed_by = NULL, lease_until = NULL
             WHERE {KEY_MATCH} AND claimed_by = $9 AND state = $10"
        );
        let mut tx = self.write().await?;
        let done = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(&key.recipient)
            .bind(&key.agreement_id)
            .bind(&key.duty_key)
            .bind(key.lead_days)
            .bind(state.as_str())
            .bind(next_at)
            .bind(error)
            .bind(sent_at)
            .bind(worker)
            .bind(OutboxState::Sending.as_str())
            .execute(&mut *tx)
            .await?;
        if done.rows_affected() == 0 {
            tx.commit_unaudited().await?;
            return Ok(false);
        }
        tx.commit(audit).await?;
        Ok(true)
    }

    /// The whole outbox, by planning day and key.
    pub async fn outbox(&self) -> Result<Vec<OutboxRow>> {
        let rows = sqlx::query(concat!(
            "SELECT ",
            outbox_columns!(),
            " FROM reminders ORDER BY planned_for, recipient, agreement_id, duty_key, lead_days"
        ))
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(OutboxRow::from_row).collect()
    }
}

/// Write a planned digest again, or cancel it; 1 when it changed.
async fn rewrite_one(tx: &mut crate::WriteTx, r: &RewriteDigest) -> Result<u64> {
    let k = &r.key;
    let done = match &r.mail {
        Some((subject, mail)) => {
            let sql = format!(
                "UPDATE reminders SET subject = $6, mail = $7 WHERE {KEY_MATCH} AND state = $5 AND mail <> $7"
            );
            sqlx::query(sqlx::AssertSqlSafe(sql))
                .bind(&k.recipient)
                .bind(&k.agreement_id)
                .bind(&k.duty_key)
                .bind(k.lead_days)
                .bind(OutboxState::Planned.as_str())
                .bind(subject)
                .bind(mail)
                .execute(&mut **tx)
                .await?
        }
        None => {
            let empty = CancelReminder {
                key: k.clone(),
                reason: "{\"reason\":\"empty-digest\"}".into(),
                replan: false,
            };
            return cancel_one(tx, &empty).await;
        }
    };
    Ok(done.rows_affected())
}

/// Cancel (or, for a moved duty, remove) one planned reminder; 1 when it was.
async fn cancel_one(tx: &mut crate::WriteTx, c: &CancelReminder) -> Result<u64> {
    let k = &c.key;
    let done = if c.replan {
        let sql = format!("DELETE FROM reminders WHERE {KEY_MATCH} AND state = $5");
        sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(&k.recipient)
            .bind(&k.agreement_id)
            .bind(&k.duty_key)
            .bind(k.lead_days)
            .bind(OutboxState::Planned.as_str())
            .execute(&mut **tx)
            .await?
    } else {
        let sql = format!(
            "UPDATE reminders SET state = $6, last_error = $7 WHERE {KEY_MATCH} AND state = $5"
        );
        sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(&k.recipient)
            .bind(&k.agreement_id)
            .bind(&k.duty_key)
            .bind(k.lead_days)
            .bind(OutboxState::Planned.as_str())
            .bind(OutboxState::Cancelled.as_str())
            .bind(&c.reason)
            .execute(&mut **tx)
            .await?
    };
    Ok(done.rows_affected())
}

/// Someone who may get reminders for an agreement: a user with an address
/// and a role in one of its party organisations (one row per organisation).
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct RecipientRow {
    pub user_id: String,
    pub username: String,
    pub display_name: String,
    pub email: String,
    pub org_id: String,
    pub role: String,
    /// The user's own settings (JSON), if they chose any.
    pub settings: Option<String>,
}

impl Store {
    /// Every agreement's id, in order.
    pub async fn agreement_ids(&self) -> Result<Vec<String>> {
        Ok(sqlx::query_scalar("SELECT id FROM agreements ORDER BY id")
            .fetch_all(&self.pool)
            .await?)
    }

    /// The users with an address and a role in a party of `agreement_id`.
    pub async fn recipients_of(&self, agreement_id: &str) -> Result<Vec<RecipientRow>> {
        Ok(sqlx::query_as(
            "SELECT u.id AS user_id, u.username, u.display_name, u.email, m.org_id, m.role, s.settings
             FROM agreement_parties p
             JOIN memberships m ON m.org_id = p.org_id
             JOIN users u ON u.id = m.user_id
             LEFT JOIN notification_settings s ON s.user_id = u.id
             WHERE p.agreement_id = $1 AND u.email IS NOT NULL AND u.disabled = 0
             ORDER BY u.username, m.org_id",
        )
        .bind(agreement_id)
        .fetch_all(&self.pool)
        .await?)
    }

    /// Set (or clear) a user's e-mail address.
    pub async fn set_email(
        &self,
        user_id: &str,
        email: Option<&str>,
        audit: &AuditEvent,
    ) -> Result<()> {
        let mut tx = self.write().await?;
        let done = sqlx::query("UPDATE users SET email = $1 WHERE id = $2")
            .bind(email)
            .bind(user_id)
            .execute(&mut *tx)
            .await?;
        if done.rows_affected() == 0 {
            return Err(crate::StoreError::NotFound);
        }
        tx.commit(audit).await?;
        Ok(())
    }

    /// A user's own notification settings (JSON), if any.
    pub async fn notification_settings(&self, user_id: &str) -> Result<Option<String>> {
        Ok(
            sqlx::query_scalar("SELECT settings FROM notification_settings WHERE user_id = $1")
                .bind(user_id)
                .fetch_optional(&self.pool)
                .await?,
        )
    }

    /// Keep a user's notification settings (JSON), replacing any.
    pub async fn set_notification_settings(
        &self,
        user_id: &str,
        settings: &str,
        now: &str,
        audit: &AuditEvent,
    ) -> Result<()> {
        let mut tx = self.write().await?;
        write_settings(&mut tx, user_id, settings, now).await?;
        tx.commit(audit).await?;
        Ok(())
    }

    /// The enabled user an unsubscribe secret was made for, if any.
    pub async fn unsubscribe_owner(&self, token_hash: &str) -> Result<Option<UserRow>> {
        let row = sqlx::query(concat!(
            "SELECT ",
            user_columns!(),
            " FROM unsubscribe_tokens t JOIN users u ON u.id = t.user_id
             WHERE t.token_hash = $1 AND u.disabled = 0"
        ))
        .bind(token_hash)
        .fetch_optional(&self.pool)
        .await?;
        row.map(|r| UserRow::from_row(&r)).transpose()
    }

    /// Keep a user's settings with reminders off and cancel what is planned
    /// for them, in one transaction; the number of reminders cancelled.
    pub async fn turn_reminders_off(
        &self,
        user_id: &str,
        settings: &str,
        now: &str,
        audit: &AuditEvent,
    ) -> Result<u64> {
        let mut tx = self.write().await?;
        write_settings(&mut tx, user_id, settings, now).await?;
        let done = sqlx::query(
            "UPDATE reminders SET state = $2, last_error = $3 WHERE recipient = $1 AND state = $4",
        )
        .bind(user_id)
        .bind(OutboxState::Cancelled.as_str())
        .bind("{\"reason\":\"unsubscribed\"}")
        .bind(OutboxState::Planned.as_str())
        .execute(&mut *tx)
        .await?;
        tx.commit(audit).await?;
        Ok(done.rows_affected())
    }
}

async fn write_settings(
    tx: &mut crate::WriteTx,
    user_id: &str,
    settings: &str,
    now: &str,
) -> Result<()> {
    sqlx::query("DELETE FROM notification_settings WHERE user_id = $1")
        .bind(user_id)
        .execute(&mut **tx)
        .await?;
    sqlx::query(
        "INSERT INTO notification_settings (user_id, settings, updated_at) VALUES ($1, $2, $3)",
    )
    .bind(user_id)
    .bind(settings)
    .bind(now)
    .execute(&mut **tx)
    .await?;
    Ok(())
}
