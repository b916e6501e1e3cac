//! The use cases of iop, over the store: every save is a new version, a
//! signed agreement changes only by amendment, a stale update is refused,
//! what follows from the clauses (obligations, money) is kept beside each
//! version, and records of what happened are matched against obligations.
//!
//! Time comes in as an argument (`Today`, `Now`), never from a clock.

mod access;
mod accounts;
mod agreements;
mod audit;
mod calendar;
mod diff;
mod error;
mod files;
mod generate;
mod imports;
mod mailer;
mod notifications;
mod records;
mod register;
mod reminders;
mod tables;
pub mod throttle;

pub use access::{
    Administer, AuditScope, Caller, CreateAgreements, EditAgreement, Membership, OwnAccount,
    Portfolio, ReadAdministration, ReadOwnAccount, RecordFollowUp, Role, RunReminders, Scope,
    SeeAgreement, Via,
};
pub use accounts::{
    LiveSession, MIN_PASSWORD_CHARS, NewSession, NewUser, Org, SESSION_IDLE, SESSION_MAX,
    TokenView, UserView, same_secret, secret_hash, stamp,
};
pub use agreements::{
    AgreementSummary, AgreementView, Lifecycle, ListFilter, NewAgreement, PublicEntry, PublicMoney,
    PublicParty, Refreshed, Update, VersionMeta, org_id,
};
pub use audit::{AuditView, ChainBreak, ChainReport, Checkpoint};
pub use calendar::{
    CalendarFeedView, FEED_SECRET_LEN, FeedAgreement, MAX_FEED_NAME_CHARS, is_feed_secret,
};
pub use diff::{Change, diff};
pub use error::{AppError, Message};
pub use files::{FileView, MAX_FILE_NAME_CHARS, MAX_UPLOAD_BYTES, Upload};
pub use generate::{Generated, PortfolioSpec};
pub use imports::{
    DocumentProblem, MAX_IMPORT_BYTES, PENDING_BYTES, PENDING_FOR, PENDING_PER_USER, PendingImport,
    Proposed, SourceDocumentView,
};
pub use mailer::{Failure, Mail, Mailer, SendError};
pub use notifications::{
    Delivery, DutyClass, MailLang, Notifications, NotificationsView, Settings, check_email,
    is_unsubscribe_secret,
};
pub use publish::OcidPrefix;
pub use records::{
    DueCursor, MoneyPerYear, ObligationState, ObligationView, OutcomeView, Record, RecordInput,
    RecordKind, RecordState,
};
pub use register::{
    DEMO_BASE_URL, DEMO_CONTACT_EMAIL, DEMO_CONTACT_NAME, DEMO_OCID_PREFIX, DEMO_PUBLISHER_NAME,
    DEMO_PUBLISHER_ORG_NUMBER, Feed, FeedPage, MAX_PAGE, OpenData, OpenDataInput, PageStream,
    RecordStream, ReleaseStream, parse_since,
};
pub use reminders::{
    AgreementReminder, CATCH_UP_DAYS, DayPlan, DueReminder, KEY_HEADER, OutboxView, RunReport,
    SendOptions, catch_up_from,
};
pub use tables::PortfolioFile;

use std::sync::Arc;

use store::{Blobs, Store};

/// The application: use cases over one store.
#[derive(Debug, Clone)]
pub struct App {
    store: Store,
    blobs: Blobs,
    memos: Arc<Memos>,
    /// Documents uploaded for import, waiting for their review to be saved.
    pending: Arc<imports::PendingImports>,
}

/// What every request would otherwise ask the database again, kept until
/// the next write (see [`store::Memo`]).
#[derive(Debug)]
struct Memos {
    /// The caller behind an API token (by the token's hash), and when the
    /// token ends.
    callers: store::Memo<String, (Caller, Option<String>)>,
    /// The party organisations of an agreement, by its id.
    parties: store::Memo<String, Arc<[String]>>,
}

/// Who is acting and when, for the history.
#[derive(Debug, Clone)]
pub struct Actor {
    pub name: String,
    /// RFC 3339 timestamp of the request.
    pub at: String,
}

impl Actor {
    /// This actor's change to an agreement, for the audit log, with what it
    /// added.
    pub(crate) fn added_to_agreement(
        &self,
        agreement_id: &str,
        action: &str,
        after: serde_json::Value,
    ) -> store::AuditEvent {
        store::AuditEvent {
            at: self.at.clone(),
            actor: self.name.clone(),
            entity_kind: "agreement".into(),
            entity_id: agreement_id.to_owned(),
            action: action.into(),
            before: None,
            after: Some(after.to_string()),
        }
    }
}

impl App {
    pub fn new(store: Store, blobs: Blobs) -> Self {
        Self::with_memos(store, blobs, true)
    }

    /// With `remember` false every request asks the database (to measure
    /// what an answer costs when nothing is kept).
    pub fn with_memos(store: Store, blobs: Blobs, remember: bool) -> Self {
        let (callers, parties) = if remember { (10_000, 200_000) } else { (0, 0) };
        let memos = Memos {
            callers: store::Memo::counted(&store, callers),
            parties: store::Memo::counted(&store, parties),
        };
        App {
            store,
            blobs,
            memos: Arc::new(memos),
            pending: Arc::default(),
        }
    }

    /// Whether the database answers (the health check).
    pub async fn ping(&self) -> Result<(), AppError> {
        Ok(self.store.ping().await?)
    }

    /// A memo of answers that stays valid until the next write, weighing
    /// up to `bytes` in all (none when 0), each by `weight`.
    pub fn memo<V: Clone>(&self, bytes: u64, weight: fn(&V) -> u64) -> Memo<V> {
        Memo(store::Memo::weighed(&self.store, bytes, weight))
    }
}

/// Answers kept until the next write, by a text key: what a caller (the
/// web layer) may keep of what the use cases answered, without reaching
/// the store. A wrapper rather than the store's own type, so the store's
/// generations stay the application's business.
#[derive(Debug)]
pub struct Memo<V>(store::Memo<String, V>);

impl<V: Clone> Memo<V> {
    /// The kept answer under `key`, or `compute`'s (kept when it succeeds).
    pub async fn get_or_try<E, F>(&self, key: String, compute: F) -> Result<V, E>
    where
        F: Future<Output = Result<V, E>>,
    {
        self.0.get_or_try(key, compute).await
    }
}
