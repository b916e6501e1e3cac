//! Calendar subscriptions: feed tokens kept as hashes, their owner found by
//! the hash. Every write appends its audit event in the same transaction.

use crate::access::{Held, UserRow};
use crate::audit::AuditEvent;
use crate::{Result, Store};

/// A calendar subscription as its owner sees it (never its secret).
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct CalendarFeedRow {
    pub id: String,
    pub user_id: String,
    pub name: String,
    pub created_at: String,
    pub revoked_at: Option<String>,
}

impl Store {
    pub async fn add_calendar_feed(
        &self,
        feed: &CalendarFeedRow,
        token_hash: &str,
        audit: &AuditEvent,
    ) -> Result<()> {
        let mut tx = self.write().await?;
        sqlx::query(
            "INSERT INTO calendar_feeds (id, token_hash, user_id, name, created_at, revoked_at)
             VALUES ($1, $2, $3, $4, $5, NULL)",
        )
        .bind(&feed.id)
        .bind(token_hash)
        .bind(&feed.user_id)
        .bind(&feed.name)
        .bind(&feed.created_at)
        .execute(&mut *tx)
        .await?;
        tx.commit(audit).await?;
        Ok(())
    }

    /// A user's calendar subscriptions, revoked ones included, oldest first.
    pub async fn calendar_feeds_of(&self, user_id: &str) -> Result<Vec<CalendarFeedRow>> {
        let rows = sqlx::query_as(
            "SELECT id, user_id, name, created_at, revoked_at
             FROM calendar_feeds WHERE user_id = $1 ORDER BY created_at, id",
        )
        .bind(user_id)
        .fetch_all(&self.pool)
        .await?;
        Ok(rows)
    }

    /// The owner of a live (not revoked) feed, if they are an enabled user.
    /// One query whatever the reason for no answer, so an unknown and a
    /// revoked feed take the same path.
    pub async fn calendar_feed_owner(&self, token_hash: &str) -> Result<Option<UserRow>> {
        let row = sqlx::query(concat!(
            "SELECT ",
            user_columns!(),
            " FROM calendar_feeds f JOIN users u ON u.id = f.user_id
             WHERE f.token_hash = $1 AND f.revoked_at IS NULL AND u.disabled = 0"
        ))
        .bind(token_hash)
        .fetch_optional(&self.pool)
        .await?;
        row.map(|r| UserRow::from_row(&r)).transpose()
    }

    /// Revoke one of a user's live calendar subscriptions.
    pub async fn revoke_calendar_feed(
        &self,
        user_id: &str,
        id: &str,
        at: &str,
        audit: &AuditEvent,
    ) -> Result<()> {
        self.revoke_held(Held::CalendarFeed, user_id, id, at, audit)
            .await
    }
}
