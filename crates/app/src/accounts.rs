//! Accounts: passwords (Argon2id), sessions, API tokens, sign-in throttling,
//! and the administration of users, organisations and roles.

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use std::sync::OnceLock;

use argon2::Argon2;
use jiff::{SignedDuration, Timestamp};
use serde::Serialize;
use sha2::{Digest, Sha256};
use store::{AuditEvent, OrgRow, SessionRow, TokenRow, UserRow};

use crate::access::{
    Administer, Caller, Membership, OwnAccount, Principal, ReadAdministration, ReadOwnAccount,
    Role, Scope, Via,
};
use crate::throttle::{self, Attempt};
use crate::{App, AppError, Message};

/// A session ends after this long without a request…
pub const SESSION_IDLE: SignedDuration = SignedDuration::from_hours(1);
/// …and at the latest this long after signing in.
pub const SESSION_MAX: SignedDuration = SignedDuration::from_hours(12);
/// How often a session's last-seen time is written (not on every request).
const TOUCH_EVERY: SignedDuration = SignedDuration::from_mins(5);
pub const MIN_PASSWORD_CHARS: usize = 10;
const MAX_PASSWORD_CHARS: usize = 1024;

/// A timestamp as stored: UTC to the second, so text order is time order.
pub fn stamp(t: Timestamp) -> String {
    t.strftime("%Y-%m-%dT%H:%M:%SZ").to_string()
}

/// A new secret: 32 random bytes from the operating system, as hex.
pub(crate) fn secret() -> Result<String, AppError> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).map_err(|e| AppError::Internal(e.to_string()))?;
    Ok(hex(&bytes))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// What the database keeps of a session or token secret.
pub fn secret_hash(secret: &str) -> String {
    hex(&Sha256::digest(secret.as_bytes()))
}

/// Compare secrets in constant time (for secrets of the same length; the
/// length of a secret is no secret).
pub fn same_secret(a: &str, b: &str) -> bool {
    use subtle::ConstantTimeEq;
    a.as_bytes().ct_eq(b.as_bytes()).into()
}

fn field(name: &str, code: &'static str) -> AppError {
    AppError::field(name, Message::new(code))
}

/// The longest user name, in bytes (a–z, 0–9 and . _ - @).
pub const MAX_USERNAME_BYTES: usize = 64;

fn check_username(username: &str) -> Result<(), AppError> {
    let ok = !username.is_empty()
        && username.len() <= MAX_USERNAME_BYTES
        && username
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "._-@".contains(c));
    if ok {
        Ok(())
    } else {
        Err(field("username", "app-username"))
    }
}

fn password_too_long() -> AppError {
    AppError::field(
        "password",
        Message::new("app-password-long").arg("n", MAX_PASSWORD_CHARS.to_string()),
    )
}

fn check_password(password: &str) -> Result<(), AppError> {
    let n = password.chars().count();
    if n < MIN_PASSWORD_CHARS {
        return Err(AppError::field(
            "password",
            Message::new("app-password-short").arg("n", MIN_PASSWORD_CHARS.to_string()),
        ));
    }
    if n > MAX_PASSWORD_CHARS {
        return Err(password_too_long());
    }
    Ok(())
}

/// Hash a password with Argon2id (default parameters: 19 MiB, 2 passes),
/// off the async threads.
async fn hash_password(password: String) -> Result<String, AppError> {
    tokio::task::spawn_blocking(move || {
        let mut salt = [0u8; 16];
        getrandom::fill(&mut salt).map_err(|e| e.to_string())?;
        let salt = SaltString::encode_b64(&salt).map_err(|e| e.to_string())?;
        Argon2::default()
            .hash_password(password.as_bytes(), &salt)
            .map(|h| h.to_string())
            .map_err(|e| e.to_string())
    })
    .await
    .map_err(|e| AppError::Internal(e.to_string()))?
    .map_err(AppError::Internal)
}

/// Check a password against a stored hash, off the async threads. A user
/// that does not exist is checked against a dummy hash, so the answer takes
/// as long either way.
async fn verify_password(password: String, hash: Option<String>) -> bool {
    static DUMMY: OnceLock<String> = OnceLock::new();
    let known = hash.is_some();
    tokio::task::spawn_blocking(move || {
        let hash = hash.unwrap_or_else(|| {
            DUMMY
                .get_or_init(|| {
                    let salt = SaltString::encode_b64(b"iop-dummy-salt16").ok();
                    salt.and_then(|salt| {
                        Argon2::default()
                            .hash_password(b"no such user", &salt)
                            .ok()
                            .map(|h| h.to_string())
                    })
                    .unwrap_or_default()
                })
                .clone()
        });
        let matches = PasswordHash::new(&hash).is_ok_and(|parsed| {
            Argon2::default()
                .verify_password(password.as_bytes(), &parsed)
                .is_ok()
        });
        matches && known
    })
    .await
    .unwrap_or(false)
}

/// A signed-in session: the cookie's secret and the CSRF token for forms.
#[derive(Debug, Clone)]
pub struct NewSession {
    pub token: String,
    pub csrf_token: String,
    pub expires_at: String,
}

/// A session found from its cookie.
#[derive(Debug, Clone)]
pub struct LiveSession {
    pub caller: Caller,
    pub csrf_token: String,
}

/// A user as administrators see it.
#[derive(Debug, Clone, Serialize)]
pub struct UserView {
    pub username: String,
    pub display_name: String,
    pub admin: bool,
    pub disabled: bool,
    pub memberships: Vec<Membership>,
    /// Where reminders go.
    pub email: Option<String>,
}

/// An API token as its owner sees it (the secret only once, at creation).
#[derive(Debug, Clone, Serialize)]
pub struct TokenView {
    pub id: String,
    pub name: String,
    pub scope: String,
    pub created_at: String,
    pub expires_at: Option<String>,
    pub revoked_at: Option<String>,
}

impl From<TokenRow> for TokenView {
    fn from(t: TokenRow) -> Self {
        TokenView {
            id: t.id,
            name: t.name,
            scope: t.scope,
            created_at: t.created_at,
            expires_at: t.expires_at,
            revoked_at: t.revoked_at,
        }
    }
}

/// An organisation that can be a party and have members.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Org {
    pub id: String,
    pub name: String,
}

/// A new user to add.
#[derive(Debug, Clone)]
pub struct NewUser<'a> {
    pub username: &'a str,
    pub display_name: &'a str,
    pub password: &'a str,
    pub admin: bool,
    /// Where reminders go (checked); none: no reminders.
    pub email: Option<&'a str>,
}

pub(crate) fn event(actor: &str, at: Timestamp, kind: &str, id: &str, action: &str) -> AuditEvent {
    AuditEvent {
        at: stamp(at),
        actor: actor.to_owned(),
        entity_kind: kind.to_owned(),
        entity_id: id.to_owned(),
        action: action.to_owned(),
        before: None,
        after: None,
    }
}

pub(crate) fn json(value: serde_json::Value) -> Option<String> {
    Some(value.to_string())
}

impl App {
    /// A user's roles in their organisations.
    async fn memberships(&self, user_id: &str) -> Result<Vec<Membership>, AppError> {
        Ok(self
            .store
            .memberships(user_id)
            .await?
            .into_iter()
            .filter_map(|m| {
                Some(Membership {
                    role: Role::parse(&m.role)?,
                    org_id: m.org_id,
                    org_name: m.org_name,
                })
            })
            .collect())
    }

    pub(crate) async fn principal(&self, user: UserRow, via: Via) -> Result<Caller, AppError> {
        let memberships = self.memberships(&user.id).await?;
        Ok(Caller::user(Principal {
            user_id: user.id,
            username: user.username,
            display_name: user.display_name,
            admin: user.is_admin,
            memberships,
            via,
        }))
    }

    // ------------------------------------------------------------ sign in

    /// Sign in with a password, from a client address (see
    /// [`crate::throttle`]). A session cookie the browser already had
    /// (`previous`) is ended: the new session always gets a new secret.
    pub async fn sign_in(
        &self,
        username: &str,
        password: &str,
        client: &str,
        previous: Option<&str>,
        now: Timestamp,
    ) -> Result<NewSession, AppError> {
        let username = username.trim().to_lowercase();
        // No such user can exist: refused before anything is written.
        if username.len() > MAX_USERNAME_BYTES {
            return Err(field("username", "app-username"));
        }
        if password.chars().count() > MAX_PASSWORD_CHARS {
            return Err(password_too_long());
        }
        // Counted before the password is checked: concurrent attempts
        // queue here, and only those the rules allow go on.
        let attempt = Attempt::new(&username, client);
        let refused = self
            .store
            .reserve_attempt(
                attempt.keys(),
                now.as_millisecond(),
                throttle::forget_before(now),
                |i, counter| attempt.wait_ms(i, counter, now),
            )
            .await?;
        if let Some(wait_ms) = refused {
            return Err(AppError::Throttled {
                retry_after: throttle::retry_after(wait_ms),
            });
        }
        let user = self
            .store
            .user_by_name(&username)
            .await?
            .filter(|u| !u.disabled);
        let hash = user.as_ref().map(|u| u.password_hash.clone());
        let ok = verify_password(password.to_owned(), hash).await;
        let Some(user) = user.filter(|_| ok) else {
            self.store
                .record_sign_in_failure(&event(
                    &username,
                    now,
                    "session",
                    &username,
                    "sign-in-failed",
                ))
                .await?;
            return Err(AppError::Unauthenticated);
        };
        self.start_session(&user, previous, &attempt, now).await
    }

    /// A new session for a user who signed in; the attempt's counters are
    /// taken back in the same transaction.
    async fn start_session(
        &self,
        user: &UserRow,
        previous: Option<&str>,
        attempt: &Attempt,
        now: Timestamp,
    ) -> Result<NewSession, AppError> {
        let token = secret()?;
        let csrf_token = secret()?;
        let expires_at = stamp(now + SESSION_IDLE);
        self.store
            .create_session(
                &secret_hash(&token),
                previous.map(secret_hash).as_deref(),
                &SessionRow {
                    user_id: user.id.clone(),
                    csrf_token: csrf_token.clone(),
                    created_at: stamp(now),
                    last_seen: stamp(now),
                    expires_at: expires_at.clone(),
                },
                &attempt.forget(),
                &event(&user.username, now, "session", &user.username, "signed-in"),
            )
            .await?;
        Ok(NewSession {
            token,
            csrf_token,
            expires_at,
        })
    }

    /// The caller behind a session cookie, if the session is live. Keeps the
    /// session alive (idle timeout), up to [`SESSION_MAX`] after sign-in.
    pub async fn session(
        &self,
        token: &str,
        now: Timestamp,
    ) -> Result<Option<LiveSession>, AppError> {
        let hash = secret_hash(token);
        let Some((s, user)) = self.store.session(&hash, &stamp(now)).await? else {
            return Ok(None);
        };
        let last_seen: Timestamp = s.last_seen.parse().unwrap_or(now);
        if now.duration_since(last_seen) >= TOUCH_EVERY {
            let created: Timestamp = s.created_at.parse().unwrap_or(now);
            let expires = (now + SESSION_IDLE).min(created + SESSION_MAX);
            self.store
                .touch_session(&hash, &stamp(now), &stamp(expires))
                .await?;
        }
        Ok(Some(LiveSession {
            caller: self.principal(user, Via::Session).await?,
            csrf_token: s.csrf_token,
        }))
    }

    /// End a session.
    pub async fn sign_out(
        &self,
        caller: &Caller,
        token: &str,
        now: Timestamp,
    ) -> Result<(), AppError> {
        let name = caller.username().unwrap_or("anonymous");
        self.store
            .end_session(
                &secret_hash(token),
                &event(name, now, "session", name, "signed-out"),
            )
            .await?;
        Ok(())
    }

    /// Change one's own password (signed in with a session). Every session
    /// of the user ends, this one too.
    pub async fn change_password(
        &self,
        me: &OwnAccount,
        current: &str,
        new: &str,
        now: Timestamp,
    ) -> Result<(), AppError> {
        check_password(new)?;
        let user = self
            .store
            .user(&me.user_id)
            .await?
            .ok_or(AppError::NotFound)?;
        if !verify_password(current.to_owned(), Some(user.password_hash)).await {
            return Err(field("current_password", "app-password-wrong"));
        }
        let hash = hash_password(new.to_owned()).await?;
        self.store
            .set_password(
                &me.user_id,
                &hash,
                &event(&me.username, now, "user", &me.username, "password-changed"),
            )
            .await?;
        Ok(())
    }

    // ------------------------------------------------------------ API tokens

    /// The caller behind an API token, if it is live.
    pub async fn token_caller(
        &self,
        token: &str,
        now: Timestamp,
    ) -> Result<Option<Caller>, AppError> {
        let hash = secret_hash(token);
        let now = stamp(now);
        let callers = &self.memos.callers;
        if let Some((caller, ends)) = callers.get(&hash)
            && ends.as_ref().is_none_or(|end| *end > now)
        {
            return Ok(Some(caller));
        }
        let generation = callers.generation();
        let Some(live) = self.store.token(&hash, &now).await? else {
            return Ok(None);
        };
        let Some(scope) = Scope::parse(&live.scope) else {
            return Ok(None);
        };
        let caller = self.principal(live.user, Via::Token(scope)).await?;
        callers.keep(hash, generation, (caller.clone(), live.expires_at));
        Ok(Some(caller))
    }

    /// A new API token for the caller; the secret is shown only now.
    pub async fn create_token(
        &self,
        me: &OwnAccount,
        name: &str,
        scope: Scope,
        days: Option<i64>,
        now: Timestamp,
    ) -> Result<(TokenView, String), AppError> {
        let name = name.trim();
        if name.is_empty() || name.chars().count() > 100 {
            return Err(field("name", "app-token-name"));
        }
        let expires_at = match days {
            None => None,
            Some(d @ 1..=3660) => Some(stamp(now + SignedDuration::from_hours(24 * d))),
            Some(_) => return Err(field("days", "app-token-days")),
        };
        let secret = format!("iop_{}", secret()?);
        let row = TokenRow {
            id: uuid::Uuid::new_v4().to_string(),
            user_id: me.user_id.clone(),
            name: name.to_owned(),
            scope: scope.as_str().to_owned(),
            created_at: stamp(now),
            expires_at,
            revoked_at: None,
        };
        let mut audit = event(&me.username, now, "token", &row.id, "created");
        audit.after = json(
            serde_json::json!({"name": row.name, "scope": row.scope, "expires_at": row.expires_at}),
        );
        self.store
            .add_token(&row, &secret_hash(&secret), &audit)
            .await?;
        Ok((row.into(), secret))
    }

    /// An API token for a user, made by an administrator or the operator
    /// (`iop user token`).
    pub async fn create_token_for(
        &self,
        _admin: &Administer,
        username: &str,
        name: &str,
        scope: Scope,
        days: Option<i64>,
        now: Timestamp,
    ) -> Result<(TokenView, String), AppError> {
        let user = self.user_named(username).await?;
        let me = OwnAccount::of(&user.id, &user.username);
        self.create_token(&me, name, scope, days, now).await
    }

    pub async fn tokens(&self, me: &ReadOwnAccount) -> Result<Vec<TokenView>, AppError> {
        Ok(self
            .store
            .tokens_of(&me.user_id)
            .await?
            .into_iter()
            .map(TokenView::from)
            .collect())
    }

    pub async fn revoke_token(
        &self,
        me: &OwnAccount,
        id: &str,
        now: Timestamp,
    ) -> Result<(), AppError> {
        self.store
            .revoke_token(
                &me.user_id,
                id,
                &stamp(now),
                &event(&me.username, now, "token", id, "revoked"),
            )
            .await?;
        Ok(())
    }

    // ------------------------------------------------------------ administration

    pub async fn add_user(
        &self,
        _admin: &Administer,
        actor: &Caller,
        new: NewUser<'_>,
        now: Timestamp,
    ) -> Result<UserView, AppError> {
        check_username(new.username)?;
        let display = new.display_name.trim();
        if display.is_empty() || display.chars().count() > 200 {
            return Err(field("display_name", "app-name-length"));
        }
        check_password(new.password)?;
        let email = new.email.map(crate::check_email).transpose()?;
        let hash = hash_password(new.password.to_owned()).await?;
        let row = UserRow {
            id: uuid::Uuid::new_v4().to_string(),
            username: new.username.to_owned(),
            display_name: display.to_owned(),
            password_hash: hash,
            is_admin: new.admin,
            disabled: false,
            created_at: stamp(now),
            email,
        };
        let mut audit = event(
            actor.username().unwrap_or("system"),
            now,
            "user",
            &row.username,
            "created",
        );
        audit.after = json(serde_json::json!({
            "username": row.username, "display_name": row.display_name, "admin": row.is_admin,
            "email": row.email
        }));
        self.store.add_user(&row, &audit).await?;
        Ok(UserView {
            username: row.username,
            display_name: row.display_name,
            admin: row.is_admin,
            disabled: false,
            memberships: Vec::new(),
            email: row.email,
        })
    }

    async fn user_named(&self, username: &str) -> Result<UserRow, AppError> {
        self.store.user_by_name(username).await?.ok_or_else(|| {
            AppError::field(
                "username",
                Message::new("app-no-user").arg("username", username),
            )
        })
    }

    pub async fn users(&self, _admin: &ReadAdministration) -> Result<Vec<UserView>, AppError> {
        let mut out = Vec::new();
        for u in self.store.users().await? {
            out.push(UserView {
                memberships: self.memberships(&u.id).await?,
                username: u.username,
                display_name: u.display_name,
                admin: u.is_admin,
                disabled: u.disabled,
                email: u.email,
            });
        }
        Ok(out)
    }

    /// Give a user a role in an organisation.
    pub async fn grant(
        &self,
        _admin: &Administer,
        actor: &Caller,
        username: &str,
        org_id: &str,
        role: Role,
        now: Timestamp,
    ) -> Result<(), AppError> {
        let user = self.user_named(username).await?;
        if self.store.org(org_id).await?.is_none() {
            return Err(AppError::field(
                "org",
                Message::new("app-no-org").arg("org", org_id),
            ));
        }
        let mut audit = event(
            actor.username().unwrap_or("system"),
            now,
            "user",
            &user.username,
            "granted",
        );
        audit.after = json(serde_json::json!({"org": org_id, "role": role.as_str()}));
        self.store
            .grant(&user.id, org_id, role.as_str(), &audit)
            .await?;
        Ok(())
    }

    /// Take away a user's role in an organisation.
    pub async fn revoke(
        &self,
        _admin: &Administer,
        actor: &Caller,
        username: &str,
        org_id: &str,
        now: Timestamp,
    ) -> Result<(), AppError> {
        let user = self.user_named(username).await?;
        let mut audit = event(
            actor.username().unwrap_or("system"),
            now,
            "user",
            &user.username,
            "revoked",
        );
        audit.before = json(serde_json::json!({"org": org_id}));
        self.store.revoke(&user.id, org_id, &audit).await?;
        Ok(())
    }

    /// Set a new password for a user (all their sessions end).
    pub async fn reset_password(
        &self,
        _admin: &Administer,
        actor: &Caller,
        username: &str,
        password: &str,
        now: Timestamp,
    ) -> Result<(), AppError> {
        check_password(password)?;
        let user = self.user_named(username).await?;
        let hash = hash_password(password.to_owned()).await?;
        self.store
            .set_password(
                &user.id,
                &hash,
                &event(
                    actor.username().unwrap_or("system"),
                    now,
                    "user",
                    &user.username,
                    "password-reset",
                ),
            )
            .await?;
        Ok(())
    }

    pub async fn add_org(
        &self,
        _admin: &Administer,
        actor: &Caller,
        id: &str,
        name: &str,
        now: Timestamp,
    ) -> Result<Org, AppError> {
        let id = id.trim();
        let name = name.trim();
        if id.is_empty()
            || id.len() > 100
            || !id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        {
            return Err(field("id", "app-org-id"));
        }
        if name.is_empty() || name.chars().count() > 200 {
            return Err(field("name", "app-name-length"));
        }
        let org = OrgRow {
            id: id.to_owned(),
            name: name.to_owned(),
        };
        let mut audit = event(
            actor.username().unwrap_or("system"),
            now,
            "organisation",
            id,
            "created",
        );
        audit.after = json(serde_json::json!({"id": id, "name": name}));
        self.store.add_org(&org, &stamp(now), &audit).await?;
        Ok(Org {
            id: org.id,
            name: org.name,
        })
    }

    pub async fn orgs(&self, _admin: &ReadAdministration) -> Result<Vec<Org>, AppError> {
        Ok(self
            .store
            .orgs()
            .await?
            .into_iter()
            .map(|o| Org {
                id: o.id,
                name: o.name,
            })
            .collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stamps_sort_as_time() {
        let a: Timestamp = "2026-11-23T09:00:00Z".parse().unwrap_or_default();
        let b = a + SignedDuration::from_secs(1);
        assert!(stamp(a) < stamp(b));
        assert_eq!(stamp(a), "2026-11-23T09:00:00Z");
    }

    #[test]
    fn secrets_compare_exactly() {
        assert!(same_secret("abc", "abc"));
        assert!(!same_secret("abc", "abd"));
        assert!(!same_secret("abc", "abcd"));
        assert_ne!(secret_hash("a"), secret_hash("b"));
    }

    #[test]
    fn user_names_and_passwords_are_checked() {
        assert!(check_username("anna.k@region").is_ok());
        assert!(check_username("Anna").is_err());
        assert!(check_username("").is_err());
        assert!(check_username("a b").is_err());
        assert!(check_password("short").is_err());
        assert!(check_password("long enough!").is_ok());
    }
}
