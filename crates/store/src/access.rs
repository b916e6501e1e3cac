//! Users, organisations, roles, sessions and API tokens.
//! Every write appends its audit event in the same transaction.

use sqlx::Row;
use sqlx::any::AnyRow;

use crate::audit::AuditEvent;
use crate::{Result, Store, StoreError};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UserRow {
    pub id: String,
    pub username: String,
    pub display_name: String,
    /// Argon2id in PHC string format.
    pub password_hash: String,
    pub is_admin: bool,
    pub disabled: bool,
    pub created_at: String,
    /// Where reminders go; none: no reminders.
    pub email: Option<String>,
}

impl UserRow {
    pub(crate) fn from_row(r: &AnyRow) -> Result<Self> {
        Ok(UserRow {
            id: r.try_get("id")?,
            username: r.try_get("username")?,
            display_name: r.try_get("display_name")?,
            password_hash: r.try_get("password_hash")?,
            is_admin: r.try_get::<i64, _>("is_admin")? != 0,
            disabled: r.try_get::<i64, _>("disabled")? != 0,
            created_at: r.try_get("created_at")?,
            email: r.try_get("email")?,
        })
    }
}

#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct OrgRow {
    pub id: String,
    pub name: String,
}

/// A user's role in one organisation.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct MembershipRow {
    pub org_id: String,
    pub org_name: String,
    pub role: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionRow {
    pub user_id: String,
    pub csrf_token: String,
    pub created_at: String,
    pub last_seen: String,
    pub expires_at: String,
}

/// An API token that answers now.
#[derive(Debug, Clone)]
pub struct LiveToken {
    pub scope: String,
    pub expires_at: Option<String>,
    pub user: UserRow,
}

#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct TokenRow {
    pub id: String,
    pub user_id: String,
    pub name: String,
    /// read or write.
    pub scope: String,
    pub created_at: String,
    pub expires_at: Option<String>,
    pub revoked_at: Option<String>,
}

macro_rules! user_columns {
    () => {
        "u.id, u.username, u.display_name, u.password_hash, u.is_admin, u.disabled, u.created_at, u.email"
    };
}

fn unique_violation(e: sqlx::Error) -> StoreError {
    match e {
        sqlx::Error::Database(d) if d.is_unique_violation() => StoreError::Exists,
        other => StoreError::Database(other),
    }
}

impl Store {
    // ------------------------------------------------------------ users

    pub async fn add_user(&self, u: &UserRow, audit: &AuditEvent) -> Result<()> {
        let mut tx = self.write().await?;
        sqlx::query(
            "INSERT INTO users (id, username, display_name, password_hash, is_admin, disabled, created_at, email)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        )
        .bind(&u.id)
        .bind(&u.username)
        .bind(&u.display_name)
        .bind(&u.password_hash)
        .bind(i64::from(u.is_admin))
        .bind(i64::from(u.disabled))
        .bind(&u.created_at)
        .bind(&u.email)
        .execute(&mut *tx)
        .await
        .map_err(unique_violation)?;
        tx.commit(audit).await?;
        Ok(())
    }

    pub async fn user_by_name(&self, username: &str) -> Result<Option<UserRow>> {
        let row = sqlx::query(concat!(
            "SELECT ",
            user_columns!(),
            " FROM users u WHERE u.username = $1"
        ))
        .bind(username)
        .fetch_optional(&self.pool)
        .await?;
        row.map(|r| UserRow::from_row(&r)).transpose()
    }

    pub async fn user(&self, id: &str) -> Result<Option<UserRow>> {
        let row = sqlx::query(concat!(
            "SELECT ",
            user_columns!(),
            " FROM users u WHERE u.id = $1"
        ))
        .bind(id)
        .fetch_optional(&self.pool)
        .await?;
        row.map(|r| UserRow::from_row(&r)).transpose()
    }

    pub async fn users(&self) -> Result<Vec<UserRow>> {
        let rows = sqlx::query(concat!(
            "SELECT ",
            user_columns!(),
            " FROM users u ORDER BY u.username"
        ))
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(UserRow::from_row).collect()
    }

    /// Set a new password; every session of the user ends.
    pub async fn set_password(&self, user_id: &str, hash: &str, audit: &AuditEvent) -> Result<()> {
        let mut tx = self.write().await?;
        let done = sqlx::query("UPDATE users SET password_hash = $1 WHERE id = $2")
            .bind(hash)
            .bind(user_id)
            .execute(&mut *tx)
            .await?;
        if done.rows_affected() == 0 {
            return Err(StoreError::NotFound);
        }
        sqlx::query("DELETE FROM sessions WHERE user_id = $1")
            .bind(user_id)
            .execute(&mut *tx)
            .await?;
        tx.commit(audit).await?;
        Ok(())
    }

    pub async fn memberships(&self, user_id: &str) -> Result<Vec<MembershipRow>> {
        Ok(sqlx::query_as(
            "SELECT m.org_id, o.name AS org_name, m.role FROM memberships m JOIN organisations o ON o.id = m.org_id
             WHERE m.user_id = $1 ORDER BY o.name, m.org_id",
        )
        .bind(user_id)
        .fetch_all(&self.pool)
        .await?)
    }

    /// Give a user a role in an organisation (replacing any role it had there).
    pub async fn grant(
        &self,
        user_id: &str,
        org_id: &str,
        role: &str,
        audit: &AuditEvent,
    ) -> Result<()> {
        let mut tx = self.write().await?;
        sqlx::query("DELETE FROM memberships WHERE user_id = $1 AND org_id = $2")
            .bind(user_id)
            .bind(org_id)
            .execute(&mut *tx)
            .await?;
        sqlx::query("INSERT INTO memberships (user_id, org_id, role) VALUES ($1, $2, $3)")
            .bind(user_id)
            .bind(org_id)
            .bind(role)
            .execute(&mut *tx)
            .await?;
        tx.commit(audit).await?;
        Ok(())
    }

    /// Take away a user's role in an organisation.
    pub async fn revoke(&self, user_id: &str, org_id: &str, audit: &AuditEvent) -> Result<()> {
        let mut tx = self.write().await?;
        let done = sqlx::query("DELETE FROM memberships WHERE user_id = $1 AND org_id = $2")
            .bind(user_id)
            .bind(org_id)
            .execute(&mut *tx)
            .await?;
        if done.rows_affected() == 0 {
            return Err(StoreError::NotFound);
        }
        tx.commit(audit).await?;
        Ok(())
    }

    // ------------------------------------------------------------ organisations

    pub async fn add_org(&self, org: &OrgRow, at: &str, audit: &AuditEvent) -> Result<()> {
        let mut tx = self.write().await?;
        sqlx::query("INSERT INTO organisations (id, name, created_at) VALUES ($1, $2, $3)")
            .bind(&org.id)
            .bind(&org.name)
            .bind(at)
            .execute(&mut *tx)
            .await
            .map_err(unique_violation)?;
        tx.commit(audit).await?;
        Ok(())
    }

    pub async fn org(&self, id: &str) -> Result<Option<OrgRow>> {
        Ok(
            sqlx::query_as("SELECT id, name FROM organisations WHERE id = $1")
                .bind(id)
                .fetch_optional(&self.pool)
                .await?,
        )
    }

    pub async fn orgs(&self) -> Result<Vec<OrgRow>> {
        Ok(
            sqlx::query_as("SELECT id, name FROM organisations ORDER BY name, id")
                .fetch_all(&self.pool)
                .await?,
        )
    }

    /// The organisations that are parties to an agreement.
    pub async fn agreement_orgs(&self, agreement_id: &str) -> Result<Vec<String>> {
        Ok(sqlx::query_scalar(
            "SELECT org_id FROM agreement_parties WHERE agreement_id = $1 ORDER BY org_id",
        )
        .bind(agreement_id)
        .fetch_all(&self.pool)
        .await?)
    }

    /// Agreements with no party organisation recorded (stored before
    /// organisations existed): the application derives them once.
    pub async fn agreements_without_parties(&self) -> Result<Vec<String>> {
        Ok(sqlx::query_scalar(
            "SELECT a.id FROM agreements a
             WHERE NOT EXISTS (SELECT 1 FROM agreement_parties p WHERE p.agreement_id = a.id)
             ORDER BY a.id",
        )
        .fetch_all(&self.pool)
        .await?)
    }

    /// Record the party organisations of an existing agreement.
    pub async fn set_agreement_orgs(
        &self,
        agreement_id: &str,
        orgs: &[OrgRow],
        at: &str,
    ) -> Result<()> {
        let mut tx = self.write().await?;
        replace_parties(&mut tx, agreement_id, orgs, at).await?;
        tx.commit_unaudited().await?;
        Ok(())
    }

    // ------------------------------------------------------------ sessions

    /// Start a session; a session the browser already presented ends, so a
    /// planted session id is never the one that becomes signed in.
    /// The sign-in's own attempt is taken back from the throttle's counters
    /// (`forget`): it did not fail.
    pub async fn create_session(
        &self,
        token_hash: &str,
        previous_hash: Option<&str>,
        s: &SessionRow,
        forget: &crate::Forget<'_>,
        audit: &AuditEvent,
    ) -> Result<()> {
        let mut tx = self.write().await?;
        if let Some(previous) = previous_hash {
            sqlx::query("DELETE FROM sessions WHERE token_hash = $1")
                .bind(previous)
                .execute(&mut *tx)
                .await?;
        }
        sqlx::query(
            "INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, last_seen, expires_at)
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(token_hash)
        .bind(&s.user_id)
        .bind(&s.csrf_token)
        .bind(&s.created_at)
        .bind(&s.last_seen)
        .bind(&s.expires_at)
        .execute(&mut *tx)
        .await?;
        crate::throttle::forget(&mut tx, forget).await?;
        tx.commit(audit).await?;
        Ok(())
    }

    /// A live session of an enabled user, with the user.
    pub async fn session(
        &self,
        token_hash: &str,
        now: &str,
    ) -> Result<Option<(SessionRow, UserRow)>> {
        let row = sqlx::query(concat!(
            "SELECT s.user_id, s.csrf_token, s.created_at AS session_created, s.last_seen, s.expires_at, ",
            user_columns!(),
            " FROM sessions s JOIN users u ON u.id = s.user_id
             WHERE s.token_hash = $1 AND s.expires_at > $2 AND u.disabled = 0"
        ))
        .bind(token_hash)
        .bind(now)
        .fetch_optional(&self.pool)
        .await?;
        row.map(|r| {
            Ok((
                SessionRow {
                    user_id: r.try_get("user_id")?,
                    csrf_token: r.try_get("csrf_token")?,
                    created_at: r.try_get("session_created")?,
                    last_seen: r.try_get("last_seen")?,
                    expires_at: r.try_get("expires_at")?,
                },
                UserRow::from_row(&r)?,
            ))
        })
        .transpose()
    }

    /// Keep a session alive (housekeeping, not audited).
    pub async fn touch_session(
        &self,
        token_hash: &str,
        last_seen: &str,
        expires_at: &str,
    ) -> Result<()> {
        sqlx::query("UPDATE sessions SET last_seen = $1, expires_at = $2 WHERE token_hash = $3")
            .bind(last_seen)
            .bind(expires_at)
            .bind(token_hash)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    pub async fn end_session(&self, token_hash: &str, audit: &AuditEvent) -> Result<()> {
        let mut tx = self.write().await?;
        sqlx::query("DELETE FROM sessions WHERE token_hash = $1")
            .bind(token_hash)
            .execute(&mut *tx)
            .await?;
        tx.commit(audit).await?;
        Ok(())
    }

    // ------------------------------------------------------------ tokens

    pub async fn add_token(
        &self,
        t: &TokenRow,
        token_hash: &str,
        audit: &AuditEvent,
    ) -> Result<()> {
        let mut tx = self.write().await?;
        sqlx::query(
            "INSERT INTO api_tokens (id, token_hash, user_id, name, scope, created_at, expires_at, revoked_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, NULL)",
        )
        .bind(&t.id)
        .bind(token_hash)
        .bind(&t.user_id)
        .bind(&t.name)
        .bind(&t.scope)
        .bind(&t.created_at)
        .bind(&t.expires_at)
        .execute(&mut *tx)
        .await?;
        tx.commit(audit).await?;
        Ok(())
    }

    /// A token that is neither revoked nor expired, of an enabled user: its scope and the user.
    /// A live token's scope, its end (if it has one), and its user.
    pub async fn token(&self, token_hash: &str, now: &str) -> Result<Option<LiveToken>> {
        let row = sqlx::query(concat!(
            "SELECT t.scope, t.expires_at AS token_expires_at, ",
            user_columns!(),
            " FROM api_tokens t JOIN users u ON u.id = t.user_id
             WHERE t.token_hash = $1 AND t.revoked_at IS NULL AND (t.expires_at IS NULL OR t.expires_at > $2)
               AND u.disabled = 0"
        ))
        .bind(token_hash)
        .bind(now)
        .fetch_optional(&self.pool)
        .await?;
        row.map(|r| {
            Ok(LiveToken {
                scope: r.try_get("scope")?,
                expires_at: r.try_get("token_expires_at")?,
                user: UserRow::from_row(&r)?,
            })
        })
        .transpose()
    }

    pub async fn tokens_of(&self, user_id: &str) -> Result<Vec<TokenRow>> {
        let rows = sqlx::query_as(
            "SELECT id, user_id, name, scope, created_at, expires_at, revoked_at
             FROM api_tokens WHERE user_id = $1 ORDER BY created_at, id",
        )
        .bind(user_id)
        .fetch_all(&self.pool)
        .await?;
        Ok(rows)
    }

    /// Revoke one of a user's tokens.
    pub async fn revoke_token(
        &self,
        user_id: &str,
        id: &str,
        at: &str,
        audit: &AuditEvent,
    ) -> Result<()> {
        self.revoke_held(Held::ApiToken, user_id, id, at, audit)
            .await
    }

    /// Revoke one of a user's live secrets: not found when it is another
    /// user's, unknown or revoked already.
    pub(crate) async fn revoke_held(
        &self,
        held: Held,
        user_id: &str,
        id: &str,
        at: &str,
        audit: &AuditEvent,
    ) -> Result<()> {
        let mut tx = self.write().await?;
        // The table is one of Held's names, never input.
        let sql = format!(
            "UPDATE {} SET revoked_at = $1 WHERE id = $2 AND user_id = $3 AND revoked_at IS NULL",
            held.table()
        );
        let done = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(at)
            .bind(id)
            .bind(user_id)
            .execute(&mut *tx)
            .await?;
        if done.rows_affected() == 0 {
            return Err(StoreError::NotFound);
        }
        tx.commit(audit).await?;
        Ok(())
    }
}

/// The secrets a user holds and may revoke, each a table with `id`,
/// `user_id` and `revoked_at`.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Held {
    ApiToken,
    CalendarFeed,
}

impl Held {
    fn table(self) -> &'static str {
        match self {
            Held::ApiToken => "api_tokens",
            Held::CalendarFeed => "calendar_feeds",
        }
    }
}

/// Make sure the organisations exist and record them as the agreement's parties.
pub(crate) async fn replace_parties(
    tx: &mut crate::WriteTx,
    agreement_id: &str,
    orgs: &[OrgRow],
    at: &str,
) -> Result<()> {
    sqlx::query("DELETE FROM agreement_parties WHERE agreement_id = $1")
        .bind(agreement_id)
        .execute(&mut **tx)
        .await?;
    for org in orgs {
        sqlx::query(
            "INSERT INTO organisations (id, name, created_at) VALUES ($1, $2, $3) ON CONFLICT (id) DO NOTHING",
        )
        .bind(&org.id)
        .bind(&org.name)
        .bind(at)
        .execute(&mut **tx)
        .await?;
        sqlx::query(
            "INSERT INTO agreement_parties (agreement_id, org_id) VALUES ($1, $2) ON CONFLICT DO NOTHING",
        )
        .bind(agreement_id)
        .bind(&org.id)
        .execute(&mut **tx)
        .await?;
    }
    Ok(())
}
