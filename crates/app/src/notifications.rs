//! Each account's e-mail address and notification settings: what reminders
//! a user wants, and how. Without settings of their own a user gets the
//! defaults of their role ([`remind::Settings::for_role`]).

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use crate::access::{Administer, Caller, ReadAdministration, ReadOwnAccount, Role};
use crate::accounts::{event, stamp};
use crate::{App, AppError, Message};

pub use remind::{Delivery, DutyClass, Lang as MailLang, Settings};

/// The longest address SMTP carries (RFC 5321: 254 in a path).
const MAX_EMAIL_BYTES: usize = 254;
/// Lead times are days around the due date, at most a year either way.
const MAX_LEAD_DAYS: i16 = 365;
const MAX_LEADS: usize = 10;

/// An e-mail address as iop accepts it: one `@`, a local part, a domain
/// with a dot, no spaces or control characters. Whether it receives mail
/// only the server that accepts it can tell.
pub fn check_email(email: &str) -> Result<String, AppError> {
    let email = email.trim();
    let bad = || AppError::field("email", Message::new("app-email"));
    if email.is_empty() || email.len() > MAX_EMAIL_BYTES {
        return Err(bad());
    }
    if email
        .chars()
        .any(|c| c.is_whitespace() || c.is_control() || "<>()[],;:\\\"".contains(c))
    {
        return Err(bad());
    }
    let Some((local, domain)) = email.split_once('@') else {
        return Err(bad());
    };
    let labels_ok = domain
        .split('.')
        .all(|l| !l.is_empty() && !l.starts_with('-') && !l.ends_with('-'));
    if local.is_empty() || domain.contains('@') || !domain.contains('.') || !labels_ok {
        return Err(bad());
    }
    Ok(email.to_owned())
}

/// What a user chose: reminders off altogether, or these settings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Notifications {
    /// No reminders at all.
    #[serde(default)]
    pub off: bool,
    #[serde(flatten)]
    pub settings: Settings,
}

impl Notifications {
    /// The defaults for someone whose strongest role is `role`.
    pub fn for_role(role: Option<Role>) -> Notifications {
        Notifications {
            off: false,
            settings: Settings::for_role(remind_role(role.unwrap_or(Role::Reader))),
        }
    }

    /// Checked and put in order: leads within a year and each once, kinds
    /// each once, a weekday 1–7.
    pub(crate) fn checked(mut self) -> Result<Notifications, AppError> {
        let s = &mut self.settings;
        s.leads.sort_unstable();
        s.leads.dedup();
        if s.leads.len() > MAX_LEADS || s.leads.iter().any(|l| l.abs() > MAX_LEAD_DAYS) {
            return Err(AppError::field(
                "leads",
                Message::new("app-leads")
                    .arg("n", MAX_LEADS.to_string())
                    .arg("days", MAX_LEAD_DAYS.to_string()),
            ));
        }
        s.classes.sort_unstable();
        s.classes.dedup();
        if let Delivery::Weekly { weekday } = s.delivery
            && !(1..=7).contains(&weekday)
        {
            return Err(AppError::field("weekday", Message::new("app-weekday")));
        }
        Ok(self)
    }
}

pub(crate) fn remind_role(role: Role) -> remind::Role {
    match role {
        Role::Reader => remind::Role::Reader,
        Role::Partner => remind::Role::Partner,
        Role::Official => remind::Role::Official,
    }
}

/// A user's address and notification settings, as they or an
/// administrator see them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NotificationsView {
    pub username: String,
    /// Where reminders go; none: no reminders until an address is set.
    pub email: Option<String>,
    /// Whether these are the user's own choice (false: the role's defaults).
    pub custom: bool,
    #[serde(flatten)]
    pub notifications: Notifications,
}

impl App {
    async fn notifications_of(
        &self,
        user: store::UserRow,
        strongest: Option<Role>,
    ) -> Result<NotificationsView, AppError> {
        let stored = self.store.notification_settings(&user.id).await?;
        let own = stored.and_then(|text| serde_json::from_str::<Notifications>(&text).ok());
        Ok(NotificationsView {
            username: user.username,
            email: user.email,
            custom: own.is_some(),
            notifications: own.unwrap_or_else(|| Notifications::for_role(strongest)),
        })
    }

    async fn strongest_role(&self, user_id: &str) -> Result<Option<Role>, AppError> {
        Ok(self
            .store
            .memberships(user_id)
            .await?
            .iter()
            .filter_map(|m| Role::parse(&m.role))
            .max())
    }

    /// The caller's own address and notification settings.
    pub async fn own_notifications(
        &self,
        me: &ReadOwnAccount,
    ) -> Result<NotificationsView, AppError> {
        let user = self
            .store
            .user(&me.user_id)
            .await?
            .ok_or(AppError::NotFound)?;
        let role = self.strongest_role(&user.id).await?;
        self.notifications_of(user, role).await
    }

    /// Keep the caller's notification settings.
    pub async fn set_own_notifications(
        &self,
        me: &crate::OwnAccount,
        chosen: Notifications,
        now: Timestamp,
    ) -> Result<NotificationsView, AppError> {
        let chosen = chosen.checked()?;
        let text = serde_json::to_string(&chosen).map_err(|e| AppError::Internal(e.to_string()))?;
        let mut audit = event(&me.username, now, "user", &me.username, "notifications");
        audit.after = Some(text.clone());
        self.store
            .set_notification_settings(&me.user_id, &text, &stamp(now), &audit)
            .await?;
        self.own_notifications(me).await
    }

    /// Every user's address and notification settings (administrators).
    pub async fn all_notifications(
        &self,
        _admin: &ReadAdministration,
    ) -> Result<Vec<NotificationsView>, AppError> {
        let mut out = Vec::new();
        for user in self.store.users().await? {
            let role = self.strongest_role(&user.id).await?;
            out.push(self.notifications_of(user, role).await?);
        }
        Ok(out)
    }

    /// One user's address and notification settings (administrators).
    pub async fn user_notifications(
        &self,
        _admin: &ReadAdministration,
        username: &str,
    ) -> Result<NotificationsView, AppError> {
        let user = self
            .store
            .user_by_name(username)
            .await?
            .ok_or(AppError::NotFound)?;
        let role = self.strongest_role(&user.id).await?;
        self.notifications_of(user, role).await
    }

    /// Set or clear a user's e-mail address (administrators, the operator).
    pub async fn set_email(
        &self,
        _admin: &Administer,
        actor: &Caller,
        username: &str,
        email: Option<&str>,
        now: Timestamp,
    ) -> Result<(), AppError> {
        let email = email.map(check_email).transpose()?;
        let user = self.store.user_by_name(username).await?.ok_or_else(|| {
            AppError::field(
                "username",
                Message::new("app-no-user").arg("username", username),
            )
        })?;
        self.write_email(actor.username().unwrap_or("system"), user, email, now)
            .await
    }

    /// Set or clear the caller's own e-mail address.
    pub async fn set_own_email(
        &self,
        me: &crate::OwnAccount,
        email: Option<&str>,
        now: Timestamp,
    ) -> Result<NotificationsView, AppError> {
        let email = email
            .filter(|e| !e.trim().is_empty())
            .map(check_email)
            .transpose()?;
        let user = self
            .store
            .user(&me.user_id)
            .await?
            .ok_or(AppError::NotFound)?;
        self.write_email(&me.username, user, email, now).await?;
        self.own_notifications(me).await
    }

    async fn write_email(
        &self,
        actor: &str,
        user: store::UserRow,
        email: Option<String>,
        now: Timestamp,
    ) -> Result<(), AppError> {
        let mut audit = event(actor, now, "user", &user.username, "email");
        audit.before = user
            .email
            .as_ref()
            .map(|e| serde_json::json!({ "email": e }).to_string());
        audit.after = Some(serde_json::json!({ "email": email }).to_string());
        self.store
            .set_email(&user.id, email.as_deref(), &audit)
            .await?;
        Ok(())
    }
}

/// Whether a text can be an unsubscribe secret at all (64 lower-case hex
/// digits: 256 bits), checked before anything is looked up.
pub fn is_unsubscribe_secret(text: &str) -> bool {
    text.len() == 64
        && text
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

impl App {
    /// The user an unsubscribe secret from a mail belongs to, if it is one.
    async fn unsubscribe_owner(&self, secret: &str) -> Result<Option<store::UserRow>, AppError> {
        if !is_unsubscribe_secret(secret) {
            return Ok(None);
        }
        Ok(self
            .store
            .unsubscribe_owner(&crate::accounts::secret_hash(secret))
            .await?)
    }

    /// Whether `secret` is an unsubscribe secret iop made (the page that
    /// asks to confirm is shown only then). Changes nothing.
    pub async fn unsubscribe_known(&self, secret: &str) -> Result<bool, AppError> {
        Ok(self.unsubscribe_owner(secret).await?.is_some())
    }

    /// One-click unsubscribe (RFC 8058): the secret is the credential. The
    /// owner's reminders are turned off (their other choices kept) and what
    /// is planned for them is cancelled, audited as the owner's act. False
    /// for a secret that is not one.
    pub async fn unsubscribe(&self, secret: &str, now: Timestamp) -> Result<bool, AppError> {
        let Some(user) = self.unsubscribe_owner(secret).await? else {
            return Ok(false);
        };
        let role = self.strongest_role(&user.id).await?;
        let mut view = self.notifications_of(user.clone(), role).await?;
        view.notifications.off = true;
        let text = serde_json::to_string(&view.notifications)
            .map_err(|e| AppError::Internal(e.to_string()))?;
        let mut audit = event(&user.username, now, "user", &user.username, "unsubscribe");
        audit.after = Some(text.clone());
        self.store
            .turn_reminders_off(&user.id, &text, &stamp(now), &audit)
            .await?;
        Ok(true)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_are_checked() {
        for good in ["handlaggare@example.se", "a.b+c@sub.example.se", " x@y.se "] {
            assert!(check_email(good).is_ok(), "{good}");
        }
        for bad in [
            "",
            "no-at.example.se",
            "@example.se",
            "a@",
            "a@localhost",
            "a b@example.se",
            "a@@example.se",
            "a@example..se",
            "<a@example.se>",
            "a@example.se\r\nBcc: x@y.se",
        ] {
            assert!(check_email(bad).is_err(), "{bad:?}");
        }
        assert_eq!(check_email(" x@y.se ").ok().as_deref(), Some("x@y.se"));
    }

    #[test]
    fn settings_are_put_in_order_and_bounded() {
        let mut n = Notifications::for_role(Some(Role::Official));
        n.settings.leads = vec![7, -30, 7, 0];
        let n = n.checked().map(|n| n.settings.leads);
        assert_eq!(n.ok(), Some(vec![-30, 0, 7]));
        let mut far = Notifications::for_role(Some(Role::Partner));
        far.settings.leads = vec![-400];
        assert!(far.checked().is_err());
        let mut weekly = Notifications::for_role(None);
        weekly.settings.delivery = Delivery::Weekly { weekday: 8 };
        assert!(weekly.checked().is_err());
    }

    #[test]
    fn defaults_follow_the_strongest_role() {
        let partner = Notifications::for_role(Some(Role::Partner));
        assert_eq!(
            partner.settings.classes,
            vec![DutyClass::Report, DutyClass::Invoice]
        );
        assert!(partner.settings.own_only);
        assert!(Notifications::for_role(None).settings.classes.is_empty());
    }
}
