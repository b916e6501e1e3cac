//! Copy every row from one database to another: a consistent backup while
//! the source runs (one read transaction), and a restore into an empty
//! database. The same code for SQLite and PostgreSQL, in either direction.

use futures_util::TryStreamExt;
use sqlx::Row;

use crate::{Result, Store, StoreError};

#[derive(Clone, Copy)]
enum Col {
    Text,
    Int,
}

/// A table: its name, its order (the primary key) and its columns.
type Table = (&'static str, &'static str, &'static [(&'static str, Col)]);

/// The tables in dependency order.
const TABLES: &[Table] = &[
    (
        "agreements",
        "id",
        &[
            ("id", Col::Text),
            ("title", Col::Text),
            ("status", Col::Text),
            ("version", Col::Int),
            ("term_start", Col::Text),
            ("term_end", Col::Text),
            ("parties", Col::Text),
            ("search", Col::Text),
            ("published", Col::Int),
            ("created_at", Col::Text),
            ("updated_at", Col::Text),
        ],
    ),
    (
        "agreement_versions",
        "agreement_id, version",
        &[
            ("agreement_id", Col::Text),
            ("version", Col::Int),
            ("status", Col::Text),
            ("change", Col::Text),
            ("reason", Col::Text),
            ("author", Col::Text),
            ("created_at", Col::Text),
            ("document", Col::Text),
        ],
    ),
    (
        "obligations",
        "agreement_id, key",
        &[
            ("agreement_id", Col::Text),
            ("key", Col::Text),
            ("due", Col::Text),
            ("kind", Col::Text),
            ("title", Col::Text),
            ("clause_id", Col::Text),
            ("window_start", Col::Text),
            ("met", Col::Int),
            ("agreement_title", Col::Text),
        ],
    ),
    (
        "money",
        "agreement_id, year, party",
        &[
            ("agreement_id", Col::Text),
            ("year", Col::Int),
            ("party", Col::Text),
            ("cash_ore", Col::Int),
            ("cash_ceiling_ore", Col::Int),
            ("in_kind_ore", Col::Int),
        ],
    ),
    (
        "records",
        "id",
        &[
            ("id", Col::Text),
            ("agreement_id", Col::Text),
            ("kind", Col::Text),
            ("obligation_key", Col::Text),
            ("clause_id", Col::Text),
            ("date", Col::Text),
            ("amount_ore", Col::Int),
            ("state", Col::Text),
            ("data", Col::Text),
            ("author", Col::Text),
            ("created_at", Col::Text),
        ],
    ),
    (
        "files",
        "id",
        &[
            ("id", Col::Text),
            ("record_id", Col::Text),
            ("agreement_id", Col::Text),
            ("name", Col::Text),
            ("content_type", Col::Text),
            ("size", Col::Int),
            ("sha256", Col::Text),
            ("created_at", Col::Text),
        ],
    ),
    (
        "source_documents",
        "id",
        &[
            ("id", Col::Text),
            ("agreement_id", Col::Text),
            ("version", Col::Int),
            ("name", Col::Text),
            ("content_type", Col::Text),
            ("size", Col::Int),
            ("sha256", Col::Text),
            ("created_at", Col::Text),
        ],
    ),
    (
        "organisations",
        "id",
        &[
            ("id", Col::Text),
            ("name", Col::Text),
            ("created_at", Col::Text),
        ],
    ),
    (
        "agreement_parties",
        "agreement_id, org_id",
        &[("agreement_id", Col::Text), ("org_id", Col::Text)],
    ),
    (
        "users",
        "id",
        &[
            ("id", Col::Text),
            ("username", Col::Text),
            ("display_name", Col::Text),
            ("password_hash", Col::Text),
            ("is_admin", Col::Int),
            ("disabled", Col::Int),
            ("created_at", Col::Text),
            ("email", Col::Text),
        ],
    ),
    (
        "notification_settings",
        "user_id",
        &[
            ("user_id", Col::Text),
            ("settings", Col::Text),
            ("updated_at", Col::Text),
        ],
    ),
    (
        "reminders",
        "recipient, agreement_id, duty_key, lead_days",
        &[
            ("recipient", Col::Text),
            ("agreement_id", Col::Text),
            ("duty_key", Col::Text),
            ("lead_days", Col::Int),
            ("due", Col::Text),
            ("planned_for", Col::Text),
            ("address", Col::Text),
            ("subject", Col::Text),
            ("mail", Col::Text),
            ("state", Col::Text),
            ("attempts", Col::Int),
            ("next_attempt_at", Col::Text),
            ("last_error", Col::Text),
            ("claimed_by", Col::Text),
            ("lease_until", Col::Text),
            ("sent_at", Col::Text),
            ("created_at", Col::Text),
        ],
    ),
    (
        "memberships",
        "user_id, org_id",
        &[
            ("user_id", Col::Text),
            ("org_id", Col::Text),
            ("role", Col::Text),
        ],
    ),
    (
        "api_tokens",
        "id",
        &[
            ("id", Col::Text),
            ("token_hash", Col::Text),
            ("user_id", Col::Text),
            ("name", Col::Text),
            ("scope", Col::Text),
            ("created_at", Col::Text),
            ("expires_at", Col::Text),
            ("revoked_at", Col::Text),
        ],
    ),
    (
        "calendar_feeds",
        "id",
        &[
            ("id", Col::Text),
            ("token_hash", Col::Text),
            ("user_id", Col::Text),
            ("name", Col::Text),
            ("created_at", Col::Text),
            ("revoked_at", Col::Text),
        ],
    ),
    (
        "audit_events",
        "seq",
        &[
            ("seq", Col::Int),
            ("at", Col::Text),
            ("actor", Col::Text),
            ("entity_kind", Col::Text),
            ("entity_id", Col::Text),
            ("action", Col::Text),
            ("before", Col::Text),
            ("after", Col::Text),
            ("prev_hash", Col::Text),
            ("hash", Col::Text),
        ],
    ),
    // The migration seeds the head; the copy replaces it (see copy_to).
    (
        "audit_head",
        "id",
        &[("id", Col::Int), ("seq", Col::Int), ("hash", Col::Text)],
    ),
];

enum Value {
    Text(Option<String>),
    Int(Option<i64>),
}

impl Store {
    /// Whether the database holds no agreement, user or audit event.
    pub async fn is_empty(&self) -> Result<bool> {
        let n: i64 = sqlx::query_scalar(
            "SELECT (SELECT COUNT(*) FROM agreements) + (SELECT COUNT(*) FROM users)
                  + (SELECT COUNT(*) FROM audit_events)",
        )
        .fetch_one(&self.pool)
        .await?;
        Ok(n == 0)
    }

    /// Copy every row of this database into `to`, which must be empty: one
    /// read transaction here (a consistent snapshot while the source runs),
    /// one write transaction there (all or nothing). `progress` is told the
    /// table and how many rows were copied from it.
    pub async fn copy_to(&self, to: &Store, mut progress: impl FnMut(&str, u64)) -> Result<()> {
        if !to.is_empty().await? {
            return Err(StoreError::Exists);
        }
        let mut source = self.pool.begin().await?;
        if self.backend == crate::Backend::Postgres {
            sqlx::query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
                .execute(&mut *source)
                .await?;
        }
        let mut target = to.write().await?;
        // Sessions are not copied: a restored system starts signed out.
        sqlx::query("DELETE FROM audit_head")
            .execute(&mut *target)
            .await?;
        for (table, order, columns) in TABLES {
            let names: Vec<&str> = columns.iter().map(|(n, _)| *n).collect();
            let select = format!("SELECT {} FROM {table} ORDER BY {order}", names.join(", "));
            let placeholders: Vec<String> = (1..=columns.len()).map(|i| format!("${i}")).collect();
            let insert = format!(
                "INSERT INTO {table} ({}) VALUES ({})",
                names.join(", "),
                placeholders.join(", ")
            );
            // Only constants are formatted in: no input reaches the SQL text.
            let mut rows = sqlx::query(sqlx::AssertSqlSafe(select)).fetch(&mut *source);
            let mut copied = 0u64;
            while let Some(row) = rows.try_next().await? {
                let values: Vec<Value> = columns
                    .iter()
                    .map(|(name, col)| match col {
                        Col::Text => row.try_get::<Option<String>, _>(*name).map(Value::Text),
                        Col::Int => row.try_get::<Option<i64>, _>(*name).map(Value::Int),
                    })
                    .collect::<std::result::Result<_, _>>()?;
                let mut q = sqlx::query(sqlx::AssertSqlSafe(insert.clone()));
                for v in values {
                    q = match v {
                        Value::Text(t) => q.bind(t),
                        Value::Int(i) => q.bind(i),
                    };
                }
                q.execute(&mut *target).await?;
                copied += 1;
                if copied.is_multiple_of(10_000) {
                    progress(table, copied);
                }
            }
            drop(rows);
            progress(table, copied);
        }
        // The copied log already holds every event; a restore adds none.
        target.commit_unaudited().await?;
        source.commit().await?;
        Ok(())
    }
}
