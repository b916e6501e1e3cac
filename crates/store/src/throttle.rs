//! Counters for sign-in throttling: one row per key (the application names
//! the keys: a user name, a client address, the pair). An attempt is counted
//! against every key in one write transaction before its password is
//! checked, each row created or locked by one UPSERT … RETURNING, so
//! concurrent attempts queue on the rows and each sees the ones before it.
//! What the counts mean (how long to wait) is the caller's to say.

use sqlx::Row;

use crate::audit::AuditEvent;
use crate::{Backend, Result, Store};

/// A key's count as an attempt finds it: attempts counted against it, and
/// when the last one was made (milliseconds since 1970).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Counter {
    pub failures: i64,
    pub last_ms: i64,
}

/// What a successful sign-in takes back: counters to forget, and counters
/// its own attempt was counted against that keep their other attempts.
#[derive(Debug, Clone, Copy, Default)]
pub struct Forget<'a> {
    pub clear: &'a [String],
    pub give_back: &'a [String],
}

impl Store {
    /// Count one attempt against every key, unless `wait` says, for one of
    /// the counters as found, how many milliseconds remain before another
    /// attempt may be made: then nothing is counted and the longest wait is
    /// returned. A counter idle since before `forget_before_ms` counts as
    /// new. Counters no memoised answer reads, so the commit leaves kept
    /// answers valid.
    pub async fn reserve_attempt(
        &self,
        keys: &[String],
        now_ms: i64,
        forget_before_ms: i64,
        wait: impl Fn(usize, Counter) -> i64,
    ) -> Result<Option<i64>> {
        // Rows are locked in one order, so two attempts never wait on each other.
        let mut order: Vec<usize> = (0..keys.len()).collect();
        order.sort_by(|a, b| keys[*a].cmp(&keys[*b]));
        let mut tx = self.write().await?;
        let mut counters = vec![Counter::default(); keys.len()];
        for &i in &order {
            let row = sqlx::query(
                "INSERT INTO sign_in_throttle (key, failures, last_ms) VALUES ($1, 0, $2)
                 ON CONFLICT (key) DO UPDATE SET key = sign_in_throttle.key
                 RETURNING failures, last_ms",
            )
            .bind(&keys[i])
            .bind(now_ms)
            .fetch_one(&mut *tx)
            .await?;
            let found = Counter {
                failures: row.try_get("failures")?,
                last_ms: row.try_get("last_ms")?,
            };
            if found.last_ms >= forget_before_ms {
                counters[i] = found;
            }
        }
        let longest = (0..keys.len())
            .map(|i| wait(i, counters[i]))
            .max()
            .unwrap_or(0);
        if longest > 0 {
            // Dropped: rolled back, nothing counted.
            return Ok(Some(longest));
        }
        for &i in &order {
            sqlx::query("UPDATE sign_in_throttle SET failures = $1, last_ms = $2 WHERE key = $3")
                .bind(counters[i].failures + 1)
                .bind(now_ms)
                .bind(&keys[i])
                .execute(&mut *tx)
                .await?;
        }
        tx.commit_housekeeping().await?;
        self.forget_idle_counters(forget_before_ms).await?;
        Ok(None)
    }

    /// Remove counters idle since before `before_ms`. On PostgreSQL rows
    /// another attempt holds are skipped rather than waited for, so this
    /// never deadlocks with an attempt.
    async fn forget_idle_counters(&self, before_ms: i64) -> Result<()> {
        let sql = match self.backend {
            Backend::Sqlite => "DELETE FROM sign_in_throttle WHERE last_ms < $1",
            Backend::Postgres => {
                "DELETE FROM sign_in_throttle WHERE key IN (
                     SELECT key FROM sign_in_throttle WHERE last_ms < $1 FOR UPDATE SKIP LOCKED)"
            }
        };
        sqlx::query(sql).bind(before_ms).execute(&self.pool).await?;
        Ok(())
    }

    /// A failed sign-in: its event in the audit log (it was counted when
    /// the attempt was reserved).
    pub async fn record_sign_in_failure(&self, audit: &AuditEvent) -> Result<()> {
        let tx = self.write().await?;
        tx.commit(audit).await
    }
}

/// Take a successful sign-in's attempt back, in its session's transaction.
pub(crate) async fn forget(tx: &mut crate::WriteTx, forget: &Forget<'_>) -> Result<()> {
    for key in forget.clear {
        sqlx::query("DELETE FROM sign_in_throttle WHERE key = $1")
            .bind(key)
            .execute(&mut **tx)
            .await?;
    }
    for key in forget.give_back {
        sqlx::query(
            "UPDATE sign_in_throttle SET failures = failures - 1 WHERE key = $1 AND failures > 0",
        )
        .bind(key)
        .execute(&mut **tx)
        .await?;
    }
    Ok(())
}
