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
mod diff;
mod error;
mod files;
mod generate;
mod records;

pub use access::{
    Administer, AuditScope, Caller, CreateAgreements, EditAgreement, Membership, OwnAccount,
    Portfolio, RecordFollowUp, Role, Scope, SeeAgreement, Via,
};
pub use accounts::{
    LiveSession, MAX_FAILURES, MIN_PASSWORD_CHARS, NewSession, NewUser, SESSION_IDLE, SESSION_MAX,
    THROTTLE_WINDOW, TokenView, UserView, same_secret, secret_hash, stamp,
};
pub use agreements::{
    AgreementView, Lifecycle, NewAgreement, PublicEntry, PublicParty, Update, org_id,
};
pub use audit::AuditView;
pub use diff::{Change, diff};
pub use error::AppError;
pub use files::{MAX_UPLOAD_BYTES, Upload};
pub use generate::{Generated, PortfolioSpec};
pub use records::{ObligationState, ObligationView, OutcomeView, RecordInput, RecordKind};

use store::{Blobs, Store};

/// The application: use cases over one store.
#[derive(Debug, Clone)]
pub struct App {
    store: Store,
    blobs: Blobs,
}

/// Who is acting and when, for the history.
#[derive(Debug, Clone)]
pub struct Actor {
    pub name: String,
    /// RFC 3339 timestamp of the request.
    pub at: String,
}

impl App {
    pub fn new(store: Store, blobs: Blobs) -> Self {
        App { store, blobs }
    }

    pub fn store(&self) -> &Store {
        &self.store
    }
}
