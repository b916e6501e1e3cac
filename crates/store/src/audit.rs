//! The audit log: one event per write, appended in the write's transaction,
//! each event's hash covering its fields and the hash before it, so a
//! changed, removed or inserted row breaks the chain.

use futures_util::TryStreamExt;
use sha2::{Digest, Sha256};
use sqlx::{FromRow, Row};

use crate::{Result, Store};

/// The hash before the first event.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// What happened, by whom, to what: the caller's part of an event.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct AuditEvent {
    /// RFC 3339.
    pub at: String,
    /// The user name, or "system" for the operator's commands.
    pub actor: String,
    /// agreement, record, file, user, organisation, session, token, …
    pub entity_kind: String,
    pub entity_id: String,
    /// created, updated, status, granted, signed-in, …
    pub action: String,
    /// JSON of the state before and after, when there is one.
    pub before: Option<String>,
    pub after: Option<String>,
}

/// An event as stored, with its place in the chain.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct StoredAuditEvent {
    pub seq: i64,
    #[sqlx(flatten)]
    pub event: AuditEvent,
    pub prev_hash: String,
    pub hash: String,
}

/// The hash of an event: SHA-256 over the previous hash, the sequence
/// number and every field, each length-prefixed so no two different
/// events can be written the same way.
pub fn event_hash(prev_hash: &str, seq: i64, e: &AuditEvent) -> String {
    let mut h = Sha256::new();
    let mut field = |value: Option<&str>| match value {
        None => h.update(b"-\n"),
        Some(v) => {
            h.update(v.len().to_string().as_bytes());
            h.update(b":");
            h.update(v.as_bytes());
            h.update(b"\n");
        }
    };
    field(Some(prev_hash));
    field(Some(&seq.to_string()));
    field(Some(&e.at));
    field(Some(&e.actor));
    field(Some(&e.entity_kind));
    field(Some(&e.entity_id));
    field(Some(&e.action));
    field(e.before.as_deref());
    field(e.after.as_deref());
    h.finalize()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect::<String>()
}

/// Append an event inside a transaction. The update of `audit_head` comes
/// first: it takes the row lock (PostgreSQL) or the write lock (SQLite), so
/// concurrent appends queue and the chain never forks.
pub(crate) async fn append(tx: &mut crate::WriteTx, e: &AuditEvent) -> Result<i64> {
    let head = sqlx::query("UPDATE audit_head SET seq = seq + 1 WHERE id = 1 RETURNING seq, hash")
        .fetch_one(&mut **tx)
        .await?;
    let seq: i64 = head.try_get("seq")?;
    let prev: String = head.try_get("hash")?;
    let hash = event_hash(&prev, seq, e);
    sqlx::query(
        "INSERT INTO audit_events (seq, at, actor, entity_kind, entity_id, action, before, after, prev_hash, hash)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
    )
    .bind(seq)
    .bind(&e.at)
    .bind(&e.actor)
    .bind(&e.entity_kind)
    .bind(&e.entity_id)
    .bind(&e.action)
    .bind(&e.before)
    .bind(&e.after)
    .bind(&prev)
    .bind(&hash)
    .execute(&mut **tx)
    .await?;
    sqlx::query("UPDATE audit_head SET hash = $1 WHERE id = 1")
        .bind(&hash)
        .execute(&mut **tx)
        .await?;
    Ok(seq)
}

/// Where the chain breaks, if it does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ChainBreak {
    /// The event's stored hash is not the hash of its fields.
    Altered { seq: i64 },
    /// The event does not point at the hash of the one before it.
    Relinked { seq: i64 },
    /// Events are missing before this one.
    Missing { expected: i64, found: i64 },
    /// The head says the chain is longer, or ends elsewhere, than it does.
    Truncated { head_seq: i64, last_seq: i64 },
    /// A checkpoint kept outside the database names another hash for this
    /// event: the chain was rewritten from here (or earlier) and relinked.
    Rewritten { seq: i64 },
    /// A checkpoint kept outside the database names an event the log no
    /// longer holds: its end was cut off, head included.
    ShorterThanCheckpoint { seq: i64, last_seq: i64 },
}

/// An event's place and hash, noted outside the database (`iop audit head`)
/// so that a consistent rewrite or a cut end, which the chain alone cannot
/// show, is found by `iop audit verify --expect`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Checkpoint {
    pub seq: i64,
    pub hash: String,
}

/// What a verification found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChainReport {
    pub events: i64,
    pub head_hash: String,
    pub broken: Option<ChainBreak>,
}

macro_rules! audit_columns {
    () => {
        "seq, at, actor, entity_kind, entity_id, action, before, after, prev_hash, hash"
    };
}

/// A page of the audit log: before sequence number $1, only the agreements
/// of user $2's organisations unless it is empty, $3 a page.
pub(crate) const AUDIT_PAGE_SQL: &str = concat!(
    "SELECT ",
    audit_columns!(),
    " FROM audit_events e
     WHERE e.seq < $1
       AND ($2 = '' OR (e.entity_kind = 'agreement' AND EXISTS (
            SELECT 1 FROM agreement_parties p JOIN memberships m ON m.org_id = p.org_id
            WHERE p.agreement_id = e.entity_id AND m.user_id = $2 LIMIT 1 OFFSET 0)))
     ORDER BY e.seq DESC LIMIT $3"
);

impl Store {
    /// How many events the audit log holds (its head's sequence number).
    pub async fn audit_length(&self) -> Result<i64> {
        let row = sqlx::query("SELECT seq FROM audit_head WHERE id = 1")
            .fetch_one(&self.pool)
            .await?;
        Ok(row.try_get("seq")?)
    }

    /// Walk the whole chain in order, recompute every hash, and compare
    /// the events named by `checkpoints` with the hashes noted for them.
    pub async fn verify_audit(
        &self,
        checkpoints: &[Checkpoint],
        mut progress: impl FnMut(i64),
    ) -> Result<ChainReport> {
        let mut tx = self.pool.begin().await?;
        let head = sqlx::query("SELECT seq, hash FROM audit_head WHERE id = 1")
            .fetch_one(&mut *tx)
            .await?;
        let head_seq: i64 = head.try_get("seq")?;
        let head_hash: String = head.try_get("hash")?;
        let mut prev = GENESIS.to_owned();
        let mut expected = 1;
        let mut broken = None;
        {
            let mut rows = sqlx::query(concat!(
                "SELECT ",
                audit_columns!(),
                " FROM audit_events ORDER BY seq"
            ))
            .fetch(&mut *tx);
            while let Some(row) = rows.try_next().await? {
                let e = StoredAuditEvent::from_row(&row)?;
                if e.seq != expected {
                    broken = Some(ChainBreak::Missing {
                        expected,
                        found: e.seq,
                    });
                    break;
                }
                if e.prev_hash != prev {
                    broken = Some(ChainBreak::Relinked { seq: e.seq });
                    break;
                }
                if event_hash(&prev, e.seq, &e.event) != e.hash {
                    broken = Some(ChainBreak::Altered { seq: e.seq });
                    break;
                }
                if checkpoints
                    .iter()
                    .any(|c| c.seq == e.seq && !c.hash.eq_ignore_ascii_case(&e.hash))
                {
                    broken = Some(ChainBreak::Rewritten { seq: e.seq });
                    break;
                }
                prev = e.hash;
                expected += 1;
                if expected % 10_000 == 0 {
                    progress(expected);
                }
            }
        }
        let last_seq = expected - 1;
        if broken.is_none() && (head_seq != last_seq || head_hash != prev) {
            broken = Some(ChainBreak::Truncated { head_seq, last_seq });
        }
        if broken.is_none()
            && let Some(beyond) = checkpoints
                .iter()
                .map(|c| c.seq)
                .filter(|&s| s > last_seq)
                .max()
        {
            broken = Some(ChainBreak::ShorterThanCheckpoint {
                seq: beyond,
                last_seq,
            });
        }
        tx.commit().await?;
        Ok(ChainReport {
            events: last_seq,
            head_hash: prev,
            broken,
        })
    }

    /// Audit events, newest first, a page at a time (`before` a sequence
    /// number). With `orgs_of_user`, only events about agreements (and their
    /// records and files) of that user's organisations.
    pub async fn audit_events(
        &self,
        orgs_of_user: Option<&str>,
        before: Option<i64>,
        limit: i64,
    ) -> Result<Vec<StoredAuditEvent>> {
        let rows = sqlx::query_as(AUDIT_PAGE_SQL)
            .bind(before.unwrap_or(i64::MAX))
            .bind(orgs_of_user.unwrap_or(""))
            .bind(limit)
            .fetch_all(&self.pool)
            .await?;
        Ok(rows)
    }
}
