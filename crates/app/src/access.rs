//! Who may see and do what, decided here and nowhere else.
//!
//! A [`Caller`] is who is asking (made by signing in, by an API token, or
//! anonymous). The use cases do not take ids alone: they take capability
//! values ([`SeeAgreement`], [`EditAgreement`], …) that only this module can
//! make, after checking the caller's roles in the agreement's organisations.
//! A handler that forgets to ask cannot reach the data at all.

use std::sync::Arc;

use serde::Serialize;

use crate::{Actor, App, AppError, RecordKind, RecordState};

/// A user's role in one organisation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Role {
    /// Read-only: auditors, politicians.
    Reader,
    /// Partner representative: sees the organisation's agreements and
    /// submits reports, invoices and outcome figures.
    Partner,
    /// Handläggare: creates and edits agreements where the organisation is a party.
    Official,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Reader => "reader",
            Role::Partner => "partner",
            Role::Official => "official",
        }
    }

    pub fn parse(s: &str) -> Option<Role> {
        match s {
            "reader" => Some(Role::Reader),
            "partner" => Some(Role::Partner),
            "official" => Some(Role::Official),
            _ => None,
        }
    }
}

/// What an API token may do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Scope {
    Read,
    Write,
}

impl Scope {
    pub fn as_str(self) -> &'static str {
        match self {
            Scope::Read => "read",
            Scope::Write => "write",
        }
    }

    pub fn parse(s: &str) -> Option<Scope> {
        match s {
            "read" => Some(Scope::Read),
            "write" => Some(Scope::Write),
            _ => None,
        }
    }
}

/// How the caller proved who they are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Via {
    Session,
    Token(Scope),
    /// The operator's command line, which holds the database itself.
    Operator,
    /// A calendar subscription's secret address: reads its user's duties,
    /// never changes anything.
    CalendarFeed,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Membership {
    pub org_id: String,
    pub org_name: String,
    pub role: Role,
}

#[derive(Debug)]
pub(crate) struct Principal {
    pub(crate) user_id: String,
    pub(crate) username: String,
    pub(crate) display_name: String,
    pub(crate) admin: bool,
    pub(crate) memberships: Vec<Membership>,
    pub(crate) via: Via,
}

/// Who is asking. Cheap to clone.
#[derive(Debug, Clone)]
pub struct Caller(Option<Arc<Principal>>);

impl Caller {
    /// Someone not signed in: the public register only.
    pub fn anonymous() -> Caller {
        Caller(None)
    }

    pub(crate) fn user(p: Principal) -> Caller {
        Caller(Some(Arc::new(p)))
    }

    /// The operator at the command line (`iop user …`, demo data): may do
    /// anything. Banned outside the binary's commands by clippy.toml.
    pub fn operator(name: &str) -> Caller {
        Caller::user(Principal {
            user_id: String::new(),
            username: name.to_owned(),
            display_name: name.to_owned(),
            admin: true,
            memberships: Vec::new(),
            via: Via::Operator,
        })
    }

    pub fn is_signed_in(&self) -> bool {
        self.0.is_some()
    }

    pub fn username(&self) -> Option<&str> {
        self.0.as_deref().map(|p| p.username.as_str())
    }

    pub fn display_name(&self) -> Option<&str> {
        self.0.as_deref().map(|p| p.display_name.as_str())
    }

    pub fn is_admin(&self) -> bool {
        self.0.as_deref().is_some_and(|p| p.admin)
    }

    pub fn memberships(&self) -> &[Membership] {
        self.0.as_deref().map_or(&[], |p| p.memberships.as_slice())
    }

    pub fn via(&self) -> Option<Via> {
        self.0.as_deref().map(|p| p.via)
    }

    /// Who to name in the history and the audit log, and when.
    pub fn actor(&self, at: &str) -> Actor {
        Actor {
            name: self.username().unwrap_or("anonymous").to_owned(),
            at: at.to_owned(),
        }
    }

    pub(crate) fn principal(&self) -> Result<&Principal, AppError> {
        self.0.as_deref().ok_or(AppError::Unauthenticated)
    }

    /// The signed-in user, allowed to change things (not a read-only token).
    fn writer(&self) -> Result<&Principal, AppError> {
        let p = self.principal()?;
        if matches!(p.via, Via::Token(Scope::Read) | Via::CalendarFeed) {
            return Err(read_only());
        }
        Ok(p)
    }

    fn is_operator(&self) -> bool {
        self.via() == Some(Via::Operator)
    }

    /// Any signed-in user: to read their own account (its tokens).
    pub fn read_own_account(&self) -> Result<ReadOwnAccount, AppError> {
        let p = self.principal()?;
        Ok(ReadOwnAccount {
            user_id: p.user_id.clone(),
            username: p.username.clone(),
        })
    }

    /// Any signed-in user, not through a read-only token: to change their
    /// own account (password, tokens).
    pub fn own_account(&self) -> Result<OwnAccount, AppError> {
        let read = self.read_own_account()?;
        self.writer()?;
        Ok(OwnAccount { read })
    }

    /// Portfolio queries, scoped to the caller's organisations.
    pub fn portfolio(&self) -> Result<Portfolio, AppError> {
        let p = self.principal()?;
        Ok(Portfolio {
            user_id: p.user_id.clone(),
        })
    }

    /// Creating agreements: an official of at least one organisation.
    pub fn create_agreements(&self) -> Result<CreateAgreements, AppError> {
        let p = self.writer()?;
        let orgs: Vec<String> = p
            .memberships
            .iter()
            .filter(|m| m.role == Role::Official)
            .map(|m| m.org_id.clone())
            .collect();
        if orgs.is_empty() && !self.is_operator() {
            return Err(AppError::forbidden("app-only-official-creates"));
        }
        Ok(CreateAgreements {
            user_id: p.user_id.clone(),
            official_of: orgs,
            any: self.is_operator(),
        })
    }

    /// Seeing users and organisations: an administrator.
    pub fn read_administration(&self) -> Result<ReadAdministration, AppError> {
        let p = self.principal()?;
        if !p.admin {
            return Err(AppError::forbidden("app-only-admin"));
        }
        Ok(ReadAdministration(()))
    }

    /// Managing users and organisations: an administrator, not through a
    /// read-only token.
    pub fn administer(&self) -> Result<Administer, AppError> {
        let read = self.read_administration()?;
        self.writer()?;
        Ok(Administer { read })
    }

    /// Planning and sending everyone's reminders: an administrator (the
    /// operator's `iop remind`, the server's own daily run), not through a
    /// read-only token.
    pub fn run_reminders(&self) -> Result<RunReminders, AppError> {
        let p = self.writer()?;
        if !p.admin {
            return Err(AppError::forbidden("app-only-admin"));
        }
        Ok(RunReminders {
            actor: p.username.clone(),
        })
    }

    /// Browsing the audit log: administrators see all of it, readers the
    /// events of their organisations' agreements.
    pub fn read_audit(&self) -> Result<AuditScope, AppError> {
        let p = self.principal()?;
        if p.admin {
            return Ok(AuditScope { user_id: None });
        }
        if p.memberships.iter().any(|m| m.role == Role::Reader) {
            return Ok(AuditScope {
                user_id: Some(p.user_id.clone()),
            });
        }
        Err(AppError::forbidden("app-only-audit-readers"))
    }
}

/// May read one agreement and what is under it. `role` is the caller's
/// strongest role among the agreement's organisations; `orgs` are the
/// caller's organisations that are parties to it. A partner representative
/// reads the whole agreement (their organisation signed it), but another
/// party's payments and invoices only officials and readers see
/// ([`crate::records`]).
#[derive(Debug, Clone)]
pub struct SeeAgreement {
    id: String,
    role: Role,
    orgs: Vec<String>,
}

impl SeeAgreement {
    pub fn id(&self) -> &str {
        &self.id
    }
    pub fn role(&self) -> Role {
        self.role
    }
    /// The caller's organisations among the agreement's parties (none for
    /// the operator, who sees everything).
    pub fn orgs(&self) -> &[String] {
        &self.orgs
    }
}

/// May change an agreement's clauses, status and publication.
#[derive(Debug, Clone)]
pub struct EditAgreement {
    see: SeeAgreement,
}

impl EditAgreement {
    pub fn id(&self) -> &str {
        &self.see.id
    }
    pub fn see(&self) -> &SeeAgreement {
        &self.see
    }
}

/// May record follow-up under an agreement: every kind for an official,
/// reports, invoices and outcome figures for a partner representative.
#[derive(Debug, Clone)]
pub struct RecordFollowUp {
    see: SeeAgreement,
}

impl RecordFollowUp {
    pub fn id(&self) -> &str {
        &self.see.id
    }

    /// Whether the caller may record this kind of record (in this state,
    /// when known). A partner representative hands in reports (received),
    /// sends invoices and reports outcome figures; never money paid,
    /// decisions, approvals, meetings, extensions or notices.
    pub fn allows(&self, kind: RecordKind, state: Option<RecordState>) -> bool {
        self.see.role == Role::Official
            || match kind {
                RecordKind::Report => state.is_none_or(|s| s == RecordState::Received),
                RecordKind::Invoice => state.is_none_or(|s| s == RecordState::Sent),
                RecordKind::Outcome => true,
                _ => false,
            }
    }

    /// [`RecordFollowUp::allows`] for a state that was given: one that is
    /// no state at all (`None`) only someone who may record anything may
    /// try, to be told which states there are.
    pub(crate) fn allows_state(&self, kind: RecordKind, state: Option<RecordState>) -> bool {
        match state {
            Some(state) => self.allows(kind, Some(state)),
            None => self.see.role == Role::Official,
        }
    }

    pub fn see(&self) -> &SeeAgreement {
        &self.see
    }
    pub fn role(&self) -> Role {
        self.see.role
    }
}

#[derive(Debug, Clone)]
pub struct CreateAgreements {
    user_id: String,
    official_of: Vec<String>,
    /// The operator (files loaded from the command line): any party, and
    /// the file's own id.
    any: bool,
}

impl CreateAgreements {
    /// Whose documents waiting for review these are.
    pub(crate) fn user_id(&self) -> &str {
        &self.user_id
    }

    /// Whether the caller is an official of one of these organisations.
    pub(crate) fn covers(&self, orgs: &[store::OrgRow]) -> bool {
        self.any || orgs.iter().any(|o| self.official_of.contains(&o.id))
    }

    /// Whether the new agreement keeps its file's id. Only the operator's:
    /// for anyone else an id taken by an agreement they may not see would
    /// answer differently from a free one.
    pub(crate) fn keeps_file_id(&self) -> bool {
        self.any
    }
}

#[derive(Debug, Clone)]
pub struct Portfolio {
    user_id: String,
}

impl Portfolio {
    /// Whose organisations bound the answers (also what memoised answers
    /// are kept under).
    pub fn user_id(&self) -> &str {
        &self.user_id
    }
}

/// A read-only API token asked to write.
fn read_only() -> AppError {
    AppError::forbidden("app-read-only-token")
}

/// May plan and send every user's reminders, and see the outbox.
#[derive(Debug, Clone)]
pub struct RunReminders {
    pub(crate) actor: String,
}

/// May see users, organisations and the whole audit chain.
#[derive(Debug, Clone)]
pub struct ReadAdministration(());

/// May manage users and organisations; includes seeing them.
#[derive(Debug, Clone)]
pub struct Administer {
    read: ReadAdministration,
}

impl std::ops::Deref for Administer {
    type Target = ReadAdministration;
    fn deref(&self) -> &ReadAdministration {
        &self.read
    }
}

/// May read one's own account (its tokens).
#[derive(Debug, Clone)]
pub struct ReadOwnAccount {
    pub(crate) user_id: String,
    pub(crate) username: String,
}

/// May change one's own account (password, tokens); includes reading it.
#[derive(Debug, Clone)]
pub struct OwnAccount {
    read: ReadOwnAccount,
}

impl OwnAccount {
    /// The account of a user an administrator acts for.
    pub(crate) fn of(user_id: &str, username: &str) -> OwnAccount {
        OwnAccount {
            read: ReadOwnAccount {
                user_id: user_id.to_owned(),
                username: username.to_owned(),
            },
        }
    }
}

impl std::ops::Deref for OwnAccount {
    type Target = ReadOwnAccount;
    fn deref(&self) -> &ReadOwnAccount {
        &self.read
    }
}

#[derive(Debug, Clone)]
pub struct AuditScope {
    pub(crate) user_id: Option<String>,
}

impl App {
    /// May the caller see this agreement? Another organisation's agreement
    /// is reported as not found, so ids reveal nothing.
    pub async fn see_agreement(&self, caller: &Caller, id: &str) -> Result<SeeAgreement, AppError> {
        let p = caller.principal()?;
        if caller.is_operator() {
            if !self.store.exists(id).await? {
                return Err(AppError::NotFound);
            }
            return Ok(SeeAgreement {
                id: id.to_owned(),
                role: Role::Official,
                orgs: Vec::new(),
            });
        }
        let orgs = self
            .memos
            .parties
            .get_or_try(id.to_owned(), async {
                Ok::<_, AppError>(self.store.agreement_orgs(id).await?.into())
            })
            .await?;
        let mine: Vec<_> = p
            .memberships
            .iter()
            .filter(|m| orgs.contains(&m.org_id))
            .collect();
        let role = mine
            .iter()
            .map(|m| m.role)
            .max()
            .ok_or(AppError::NotFound)?;
        Ok(SeeAgreement {
            id: id.to_owned(),
            role,
            orgs: mine.iter().map(|m| m.org_id.clone()).collect(),
        })
    }

    /// May the caller change this agreement? Officials of a party only.
    pub async fn edit_agreement(
        &self,
        caller: &Caller,
        id: &str,
    ) -> Result<EditAgreement, AppError> {
        let see = self.see_agreement(caller, id).await?;
        caller.writer()?;
        if see.role != Role::Official {
            return Err(AppError::forbidden("app-only-official-edits"));
        }
        Ok(EditAgreement { see })
    }

    /// May the caller record follow-up under this agreement?
    pub async fn record_follow_up(
        &self,
        caller: &Caller,
        id: &str,
    ) -> Result<RecordFollowUp, AppError> {
        let see = self.see_agreement(caller, id).await?;
        caller.writer()?;
        if see.role < Role::Partner {
            return Err(AppError::forbidden("app-reader-records"));
        }
        Ok(RecordFollowUp { see })
    }
}
