//! Calendar subscriptions: each user's secret feed addresses (created,
//! listed, revoked like API tokens: the secret shown once, only its SHA-256
//! kept), and the duties a feed holds, the ones its user gets reminders
//! for across every agreement they may see, with whether each is met.

use std::collections::HashSet;

use domain::value::Date;
use jiff::Timestamp;
use serde::Serialize;

use crate::access::{Caller, OwnAccount, ReadOwnAccount, Via};
use crate::accounts::{event, json, secret, secret_hash, stamp};
use crate::agreements::parse_stored;
use crate::{AgreementSummary, App, AppError, ListFilter, Message, ObligationView, org_id};

/// The longest name of a subscription, in characters.
pub const MAX_FEED_NAME_CHARS: usize = 100;

/// The length of a feed's secret: 32 random bytes as hex (256 bits).
pub const FEED_SECRET_LEN: usize = 64;

/// A calendar subscription as its owner sees it (the secret only once, at
/// creation).
#[derive(Debug, Clone, Serialize)]
pub struct CalendarFeedView {
    pub id: String,
    pub name: String,
    pub created_at: String,
    pub revoked_at: Option<String>,
}

impl From<store::CalendarFeedRow> for CalendarFeedView {
    fn from(f: store::CalendarFeedRow) -> Self {
        CalendarFeedView {
            id: f.id,
            name: f.name,
            created_at: f.created_at,
            revoked_at: f.revoked_at,
        }
    }
}

/// One agreement's part of a feed: the agreement (for its title and the
/// clauses the duties quote) and the duties its reader gets reminders for,
/// each with where it stands.
#[derive(Debug, Clone)]
pub struct FeedAgreement {
    pub agreement: domain::Agreement,
    pub obligations: Vec<ObligationView>,
}

/// Whether a text can be a feed's secret at all (lower-case hex of the
/// right length), checked before anything is looked up.
pub fn is_feed_secret(text: &str) -> bool {
    text.len() == FEED_SECRET_LEN
        && text
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

impl App {
    /// A new calendar subscription for the caller; the secret is shown only now.
    pub async fn create_calendar_feed(
        &self,
        me: &OwnAccount,
        name: &str,
        now: Timestamp,
    ) -> Result<(CalendarFeedView, String), AppError> {
        let name = name.trim();
        if name.is_empty() || name.chars().count() > MAX_FEED_NAME_CHARS {
            return Err(AppError::field(
                "name",
                Message::new("app-feed-name").arg("n", MAX_FEED_NAME_CHARS.to_string()),
            ));
        }
        let secret = secret()?;
        let row = store::CalendarFeedRow {
            id: uuid::Uuid::new_v4().to_string(),
            user_id: me.user_id.clone(),
            name: name.to_owned(),
            created_at: stamp(now),
            revoked_at: None,
        };
        let mut audit = event(&me.username, now, "calendar-feed", &row.id, "created");
        audit.after = json(serde_json::json!({"name": row.name}));
        self.store
            .add_calendar_feed(&row, &secret_hash(&secret), &audit)
            .await?;
        Ok((row.into(), secret))
    }

    /// The caller's calendar subscriptions, revoked ones included.
    pub async fn calendar_feeds(
        &self,
        me: &ReadOwnAccount,
    ) -> Result<Vec<CalendarFeedView>, AppError> {
        Ok(self
            .store
            .calendar_feeds_of(&me.user_id)
            .await?
            .into_iter()
            .map(CalendarFeedView::from)
            .collect())
    }

    /// Revoke one of the caller's subscriptions: its address answers no more.
    pub async fn revoke_calendar_feed(
        &self,
        me: &OwnAccount,
        id: &str,
        now: Timestamp,
    ) -> Result<(), AppError> {
        let audit = event(&me.username, now, "calendar-feed", id, "revoked");
        self.store
            .revoke_calendar_feed(&me.user_id, id, &stamp(now), &audit)
            .await?;
        Ok(())
    }

    /// The duties behind a feed's secret: for every agreement its user may
    /// see, the duties their reminder settings (their own, or their role's
    /// defaults there) give them (`remind::reminded`), each with where it stands on `today`. None for
    /// a secret that is malformed, unknown or revoked, or whose user is
    /// disabled: the caller cannot tell which.
    pub async fn calendar_feed(
        &self,
        secret: &str,
        today: Date,
    ) -> Result<Option<Vec<FeedAgreement>>, AppError> {
        if !is_feed_secret(secret) {
            return Ok(None);
        }
        let Some(user) = self.store.calendar_feed_owner(&secret_hash(secret)).await? else {
            return Ok(None);
        };
        // The user's own reminder settings when they chose some (kinds of
        // duty, drafts), else each agreement's role defaults. A user who
        // turned the mails off still gets the feed they asked for.
        let own = self
            .store
            .notification_settings(&user.id)
            .await?
            .and_then(|text| {
                serde_json::from_str::<crate::notifications::Notifications>(&text).ok()
            })
            .map(|n| n.settings);
        let caller = self.principal(user, Via::CalendarFeed).await?;
        let mut out = Vec::new();
        for summary in self.visible_agreements(&caller).await? {
            if let Some(part) = self
                .feed_part(&caller, &summary, own.as_ref(), today)
                .await?
            {
                out.push(part);
            }
        }
        Ok(Some(out))
    }

    /// Every agreement the caller may see.
    async fn visible_agreements(&self, caller: &Caller) -> Result<Vec<AgreementSummary>, AppError> {
        let scope = caller.portfolio()?;
        let mut all: Vec<AgreementSummary> = Vec::new();
        loop {
            let page = self
                .list(
                    &scope,
                    ListFilter {
                        after: all.last().map(|a| a.id.clone()),
                        limit: 500,
                        ..ListFilter::default()
                    },
                )
                .await?;
            let full = page.len() == 500;
            all.extend(page);
            if !full {
                return Ok(all);
            }
        }
    }

    /// One agreement's duties for the caller's feed; none when it gives
    /// them no duty.
    async fn feed_part(
        &self,
        caller: &Caller,
        summary: &AgreementSummary,
        own: Option<&remind::Settings>,
        today: Date,
    ) -> Result<Option<FeedAgreement>, AppError> {
        let see = self.see_agreement(caller, &summary.id).await?;
        let settings = own.cloned().unwrap_or_else(|| {
            remind::Settings::for_role(crate::notifications::remind_role(see.role()))
        });
        // Asked before the document is read: most of a large portfolio may
        // be drafts, which give no reminders by default.
        if !settings.covers(summary.status) {
            return Ok(None);
        }
        let stored = self
            .store
            .agreement(&summary.id)
            .await?
            .ok_or(AppError::NotFound)?;
        let agreement = parse_stored(&stored.document)?;
        // An agreement whose duties cannot be computed (no term yet) has none.
        let Ok(duties) = remind::AgreementDuties::from_agreement(&agreement) else {
            return Ok(None);
        };
        let orgs: HashSet<&str> = caller
            .memberships()
            .iter()
            .map(|m| m.org_id.as_str())
            .collect();
        let parties: Vec<String> = agreement
            .parties
            .iter()
            .filter(|p| orgs.contains(org_id(p).as_str()))
            .map(|p| p.id.as_str().to_owned())
            .collect();
        let wanted: HashSet<&str> = remind::reminded(&duties, &parties, &settings)
            .map(|d| d.key.as_str())
            .collect();
        if wanted.is_empty() {
            return Ok(None);
        }
        let obligations: Vec<ObligationView> = self
            .obligations(&see, today)
            .await?
            .into_iter()
            .filter(|o| wanted.contains(o.key.as_str()))
            .collect();
        Ok(Some(FeedAgreement {
            agreement,
            obligations,
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_lower_case_hex_of_the_right_length_can_be_a_secret() {
        assert!(is_feed_secret(&"0a".repeat(32)));
        assert!(!is_feed_secret(&"0a".repeat(31)));
        assert!(!is_feed_secret(&"0A".repeat(32)));
        assert!(!is_feed_secret(&format!("{}g", "0".repeat(63))));
        assert!(!is_feed_secret(""));
    }
}
