//! Agreements with full history and a lifecycle.

use domain::Agreement;
use domain::diagnostic::{Diagnostic, Severity};
use domain::format::{self, Syntax};
use domain::model::Status;
use domain::rules::obligations::{ObligationOptions, obligations_with};
use domain::rules::schedule::{ScheduleOptions, schedule};
use domain::value::Id;
use store::{
    AgreementHead, AuditEvent, Derived, MoneyRow, NewVersion, ObligationRow, OrgRow, StoreError,
};

use crate::access::{CreateAgreements, EditAgreement, Portfolio, SeeAgreement};
use crate::{Actor, App, AppError, Message};

/// An agreement file to store as a new agreement.
#[derive(Debug, Clone, Copy)]
pub struct NewAgreement<'a> {
    pub text: &'a str,
    pub syntax: Syntax,
}

/// A new version of an existing agreement.
#[derive(Debug, Clone, Copy)]
pub struct Update<'a> {
    pub text: &'a str,
    pub syntax: Syntax,
    /// The version the change was made on; a stale one is refused.
    pub base_version: i64,
    /// Why: required once the agreement is signed (an amendment).
    pub reason: Option<&'a str>,
}

/// An agreement as stored now, with the judgements (warnings) it gets.
#[derive(Debug, Clone)]
pub struct AgreementView {
    pub agreement: Agreement,
    pub version: i64,
    pub change: String,
    pub reason: Option<String>,
    pub author: String,
    pub saved_at: String,
    pub warnings: Vec<Diagnostic>,
}

/// One line of the agreement list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AgreementSummary {
    pub id: String,
    pub title: String,
    pub status: Status,
    pub version: i64,
    pub term_start: Option<String>,
    pub term_end: Option<String>,
    /// Party names, in the agreement's order.
    pub parties: Vec<String>,
    pub updated_at: String,
}

impl TryFrom<store::AgreementSummary> for AgreementSummary {
    type Error = AppError;
    fn try_from(s: store::AgreementSummary) -> Result<Self, AppError> {
        Ok(AgreementSummary {
            status: stored_status(&s.status)?,
            parties: s.parties.lines().map(str::to_owned).collect(),
            id: s.id,
            title: s.title,
            version: s.version,
            term_start: s.term_start,
            term_end: s.term_end,
            updated_at: s.updated_at,
        })
    }
}

/// One entry of an agreement's history (without the document).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VersionMeta {
    pub version: i64,
    pub status: Status,
    /// created, edited, amended or status.
    pub change: String,
    pub reason: Option<String>,
    pub author: String,
    pub created_at: String,
}

impl TryFrom<store::VersionMeta> for VersionMeta {
    type Error = AppError;
    fn try_from(m: store::VersionMeta) -> Result<Self, AppError> {
        Ok(VersionMeta {
            status: stored_status(&m.status)?,
            version: m.version,
            change: m.change,
            reason: m.reason,
            author: m.author,
            created_at: m.created_at,
        })
    }
}

/// The statuses (as stored) that pass `rule`.
pub(crate) fn statuses(rule: fn(Status) -> bool) -> Vec<&'static str> {
    Status::ALL
        .into_iter()
        .filter(|s| rule(*s))
        .map(Status::as_str)
        .collect()
}

/// A status read back from the database: written from [`Status::as_str`].
pub(crate) fn stored_status(text: &str) -> Result<Status, AppError> {
    text.parse()
        .map_err(|_| AppError::Internal(format!("unknown stored status {text:?}")))
}

/// Filters for the agreement list.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ListFilter {
    /// Only agreements in this status (as the user typed it: a text that
    /// names no status matches no agreement; an empty one every agreement).
    pub status: Option<String>,
    /// Text to find in title, id or party names (case-folded here).
    pub search: Option<String>,
    /// Agreements in force some time in this year.
    pub year: Option<i32>,
    /// Keyset pagination: ids after this one.
    pub after: Option<String>,
    pub limit: i64,
}

/// The lifecycle: draft → decided → signed → active → ended or terminated.
#[derive(Debug, Clone, Copy)]
pub struct Lifecycle;

impl Lifecycle {
    /// Whether an agreement may go from one status to another. Back to draft
    /// is allowed from decided (a decision referred back); an agreement can
    /// be terminated once signed.
    pub fn allows(from: Status, to: Status) -> bool {
        use Status::*;
        matches!(
            (from, to),
            (Draft, Decided)
                | (Decided, Draft)
                | (Decided, Signed)
                | (Signed, Active)
                | (Signed, Terminated)
                | (Active, Ended)
                | (Active, Terminated)
        ) || from == to
    }
}

/// Parse and check; errors refuse the input, warnings travel with it.
fn read(text: &str, syntax: Syntax) -> Result<(Agreement, Vec<Diagnostic>), AppError> {
    let invalid = |diagnostics| AppError::Invalid {
        diagnostics,
        source_text: Some(text.to_owned()),
        syntax: Some(syntax),
    };
    let agreement = format::parse(text, syntax).map_err(invalid)?;
    validated(agreement).map_err(|d| AppError::Invalid {
        diagnostics: d,
        source_text: Some(text.to_owned()),
        syntax: Some(syntax),
    })
}

fn validated(agreement: Agreement) -> Result<(Agreement, Vec<Diagnostic>), Vec<Diagnostic>> {
    let (errors, warnings): (Vec<_>, Vec<_>) = domain::check::check(&agreement)
        .into_iter()
        .partition(|d| d.severity == Severity::Error);
    if errors.is_empty() {
        Ok((agreement, warnings))
    } else {
        Err(errors)
    }
}

/// Text to search in: title, id and party names, case-folded in Rust.
fn search_text(a: &Agreement) -> String {
    let mut text = format!(
        "{} {} {}",
        a.id,
        a.title,
        a.short_name.as_deref().unwrap_or_default()
    );
    for p in &a.parties {
        text.push(' ');
        text.push_str(&p.name);
    }
    text.to_lowercase()
}

pub(crate) fn head(a: &Agreement) -> AgreementHead {
    AgreementHead {
        id: a.id.to_string(),
        title: a.title.clone(),
        status: a.status.as_str().to_owned(),
        term_start: a.term.as_ref().map(|t| t.start.to_string()),
        term_end: a.term.as_ref().map(|t| t.end.to_string()),
        parties: a
            .parties
            .iter()
            .map(|p| p.name.as_str())
            .collect::<Vec<_>>()
            .join("\n"),
        search: search_text(a),
        published: false,
        orgs: party_orgs(a),
    }
}

/// The organisation a party is: its org number when the agreement gives
/// one, else its name as a slug ("Region Gotland" → "region-gotland").
pub fn org_id(party: &domain::model::Party) -> String {
    if let Some(number) = &party.org_number {
        return number.to_string();
    }
    let mut slug = String::new();
    for c in party.name.to_lowercase().chars() {
        let c = match c {
            'å' | 'ä' | 'à' | 'á' => 'a',
            'ö' | 'ø' | 'ó' => 'o',
            'é' | 'è' | 'ë' => 'e',
            'ü' => 'u',
            c => c,
        };
        if c.is_ascii_alphanumeric() {
            slug.push(c);
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    slug.trim_end_matches('-').to_owned()
}

pub(crate) fn party_orgs(a: &Agreement) -> Vec<OrgRow> {
    let mut orgs: Vec<OrgRow> = a
        .parties
        .iter()
        .map(|p| OrgRow {
            id: org_id(p),
            name: p.name.clone(),
        })
        .filter(|o| !o.id.is_empty())
        .collect();
    orgs.sort_by(|x, y| x.id.cmp(&y.id));
    orgs.dedup_by(|x, y| x.id == y.id);
    orgs
}

/// The audit event of a saved version: what changed, field by field.
fn version_event(
    actor: &Actor,
    id: &str,
    action: &str,
    before: Option<&Agreement>,
    after: &Agreement,
    version: i64,
) -> AuditEvent {
    let after_json = serde_json::to_value(after).unwrap_or_default();
    let (before, after) = match before {
        None => (
            None,
            serde_json::json!({"version": version, "status": after.status.as_str(), "title": after.title}),
        ),
        Some(b) => {
            let changes = crate::diff(&serde_json::to_value(b).unwrap_or_default(), &after_json);
            let mut old = serde_json::Map::new();
            let mut new = serde_json::Map::new();
            old.insert("version".into(), (version - 1).into());
            new.insert("version".into(), version.into());
            for c in changes {
                old.insert(c.path.clone(), c.before.unwrap_or_default());
                new.insert(c.path, c.after.unwrap_or_default());
            }
            (
                Some(serde_json::Value::Object(old)),
                serde_json::Value::Object(new),
            )
        }
    };
    AuditEvent {
        at: actor.at.clone(),
        actor: actor.name.clone(),
        entity_kind: "agreement".into(),
        entity_id: id.to_owned(),
        action: action.to_owned(),
        before: before.map(|v| v.to_string()),
        after: Some(after.to_string()),
    }
}

/// Obligations and money per year and party, as the store keeps them.
pub(crate) fn derive(a: &Agreement) -> Derived {
    let money = schedule(a, ScheduleOptions::default()).ok();
    let obligations = obligations_with(a, money.as_ref(), ObligationOptions::default())
        .map(|list| {
            list.iter()
                .map(|o| ObligationRow {
                    key: o.key(),
                    due: o.due.to_string(),
                    kind: o.kind.as_str().to_owned(),
                    title: o.label.to_owned(),
                    clause_id: o.clause.id.to_string(),
                    window_start: o.window_start.map(|d| d.to_string()),
                })
                .collect()
        })
        .unwrap_or_default();
    Derived {
        obligations,
        money: money.as_ref().map(money_rows).unwrap_or_default(),
        unmet_states: crate::RecordState::ALL
            .into_iter()
            .filter(|s| !s.meets())
            .map(crate::RecordState::as_str)
            .collect(),
    }
}

/// Money per year and party, as rows.
fn money_rows(s: &domain::rules::schedule::Schedule) -> Vec<MoneyRow> {
    s.years
        .iter()
        .flat_map(|y| {
            y.parties.iter().map(move |p| MoneyRow {
                year: i64::from(y.year),
                party: p.name.to_owned(),
                cash_ore: p.cash.map(|m| m.ore()),
                cash_ceiling_ore: p.cash_ceiling.map(|m| m.ore()),
                in_kind_ore: p.in_kind.map(|m| m.ore()),
                agreements: 1,
            })
        })
        .collect()
}

/// Money per year and party for the public register, ceilings marked.
fn public_money(s: &domain::rules::schedule::Schedule) -> Vec<PublicMoney> {
    s.years
        .iter()
        .flat_map(|y| {
            y.parties.iter().map(move |p| PublicMoney {
                year: i64::from(y.year),
                party: p.name.to_owned(),
                cash: p.cash,
                in_kind: p.in_kind,
                cash_at_most: p.cash_at_most(),
            })
        })
        .collect()
}

pub(crate) fn document(a: &Agreement) -> Result<String, AppError> {
    format::to_json(a).map_err(|message| AppError::field("", Message::detail(message)))
}

/// Run pure work that grows with the agreement (the checks, the schedule,
/// the duties, the history's diff) on the blocking threads, so a large
/// agreement delays no other request.
pub(crate) async fn off_thread<T: Send + 'static>(
    work: impl FnOnce() -> Result<T, AppError> + Send + 'static,
) -> Result<T, AppError> {
    tokio::task::spawn_blocking(work)
        .await
        .map_err(|e| AppError::Internal(e.to_string()))?
}

/// Read and check a file, and derive what is kept beside it.
async fn read_and_derive(
    text: &str,
    syntax: Syntax,
) -> Result<(Agreement, Vec<Diagnostic>, Derived), AppError> {
    let text = text.to_owned();
    off_thread(move || {
        let (agreement, warnings) = read(&text, syntax)?;
        let derived = derive(&agreement);
        Ok((agreement, warnings, derived))
    })
    .await
}

/// How often a new id is drawn when the one drawn is taken: with thirty
/// random bits a second draw is already rare.
const ID_DRAWS: usize = 8;

/// A new agreement's id as the server gives it: the file's id, then a
/// random ending from the operating system's generator.
fn assigned_id(file_id: &Id) -> Result<Id, AppError> {
    let mut bytes = [0u8; 4];
    getrandom::fill(&mut bytes).map_err(|e| AppError::Internal(e.to_string()))?;
    Ok(file_id.with_ending(u32::from_le_bytes(bytes)))
}

impl App {
    /// Store a new agreement (version 1). The operator's keeps its file's
    /// id; anyone else's gets one from the server (the file's id with a
    /// random ending), so that no caller learns whether an id they may not
    /// see is taken.
    pub async fn create(
        &self,
        may: &CreateAgreements,
        input: NewAgreement<'_>,
        actor: &Actor,
    ) -> Result<AgreementView, AppError> {
        self.create_from(may, input, None, actor).await
    }

    /// A new agreement as version 1; with `source`, the document it was
    /// imported from is kept with it, in the same transaction.
    pub(crate) async fn create_from(
        &self,
        may: &CreateAgreements,
        input: NewAgreement<'_>,
        source: Option<&crate::PendingImport>,
        actor: &Actor,
    ) -> Result<AgreementView, AppError> {
        let (mut agreement, warnings, derived) = read_and_derive(input.text, input.syntax).await?;
        if !may.covers(&party_orgs(&agreement)) {
            return Err(AppError::forbidden("app-create-own-party"));
        }
        let version = if may.keeps_file_id() {
            self.insert(&agreement, &derived, source, actor).await?
        } else {
            self.insert_with_assigned_id(&mut agreement, &derived, source, actor)
                .await?
        };
        Ok(AgreementView {
            agreement,
            version: 1,
            change: version.change,
            reason: None,
            author: version.author,
            saved_at: version.created_at,
            warnings,
        })
    }

    /// Store under a fresh id from [`assigned_id`], drawn again while the
    /// one drawn is taken.
    async fn insert_with_assigned_id(
        &self,
        agreement: &mut Agreement,
        derived: &Derived,
        source: Option<&crate::PendingImport>,
        actor: &Actor,
    ) -> Result<NewVersion, AppError> {
        let file_id = agreement.id.clone();
        for _ in 0..ID_DRAWS {
            agreement.id = assigned_id(&file_id)?;
            match self.insert(agreement, derived, source, actor).await {
                Err(AppError::Exists) => {}
                stored => return stored,
            }
        }
        Err(AppError::Internal(format!(
            "no free id for {file_id} in {ID_DRAWS} draws"
        )))
    }

    /// Store version 1 of an agreement under its id; with `source`, the
    /// document it was imported from is kept with it, in the same
    /// transaction.
    async fn insert(
        &self,
        agreement: &Agreement,
        derived: &Derived,
        source: Option<&crate::PendingImport>,
        actor: &Actor,
    ) -> Result<NewVersion, AppError> {
        let version = NewVersion {
            change: "created".into(),
            reason: None,
            author: actor.name.clone(),
            created_at: actor.at.clone(),
            document: document(agreement)?,
        };
        let created = version_event(actor, agreement.id.as_str(), "created", None, agreement, 1);
        let head = head(agreement);
        match source {
            None => {
                self.store
                    .create_agreement(&head, &version, derived, &created)
                    .await?
            }
            Some(source) => {
                self.store_imported(&head, &version, derived, &created, source, actor)
                    .await?
            }
        }
        Ok(version)
    }

    /// Store a new version. After signing it is an amendment and needs a reason.
    pub async fn update(
        &self,
        may: &EditAgreement,
        input: Update<'_>,
        actor: &Actor,
    ) -> Result<AgreementView, AppError> {
        let id = may.id();
        let text = input.text.to_owned();
        let syntax = input.syntax;
        let (agreement, warnings) = off_thread(move || read(&text, syntax)).await?;
        if agreement.id.as_str() != id {
            return Err(AppError::field(
                "id",
                Message::new("app-wrong-agreement")
                    .arg("file", agreement.id.as_str())
                    .arg("id", id),
            ));
        }
        let current = self.get(may.see()).await?;
        self.save(
            current,
            agreement,
            warnings,
            input.base_version,
            input.reason,
            actor,
        )
        .await
    }

    /// Move an agreement along its lifecycle.
    pub async fn set_status(
        &self,
        may: &EditAgreement,
        to: Status,
        base_version: i64,
        reason: Option<&str>,
        actor: &Actor,
    ) -> Result<AgreementView, AppError> {
        let current = self.get(may.see()).await?;
        let mut agreement = current.agreement.clone();
        agreement.status = to;
        let (agreement, warnings) = off_thread(move || {
            validated(agreement).map_err(|diagnostics| AppError::Invalid {
                diagnostics,
                source_text: None,
                syntax: None,
            })
        })
        .await?;
        self.save(current, agreement, warnings, base_version, reason, actor)
            .await
    }

    async fn save(
        &self,
        current: AgreementView,
        agreement: Agreement,
        warnings: Vec<Diagnostic>,
        base_version: i64,
        reason: Option<&str>,
        actor: &Actor,
    ) -> Result<AgreementView, AppError> {
        if base_version != current.version {
            return Err(AppError::Stale {
                based_on: base_version,
                current: current.version,
            });
        }
        let (from, to) = (current.agreement.status, agreement.status);
        if !Lifecycle::allows(from, to) {
            return Err(AppError::NotAllowed(
                Message::new("app-status-step")
                    .arg("from", format!("@ui-status-{from}"))
                    .arg("to", format!("@ui-status-{to}")),
            ));
        }
        let reason = reason.map(str::trim).filter(|r| !r.is_empty());
        // A reason is stored with the version: held like a record's texts.
        if reason.is_some_and(|r| r.chars().count() > crate::records::MAX_RECORD_TEXT_CHARS) {
            return Err(crate::records::too_long(
                "reason",
                crate::records::MAX_RECORD_TEXT_CHARS,
            ));
        }
        let signed = from.is_signed_or_later();
        let change = if from != to {
            "status"
        } else if signed {
            "amended"
        } else {
            "edited"
        };
        if signed && change == "amended" && reason.is_none() {
            return Err(AppError::field(
                "reason",
                Message::new("app-amendment-reason"),
            ));
        }
        let (after, before, by) = (agreement.clone(), current.agreement, actor.clone());
        let (document, derived, audit) = off_thread(move || {
            let audit = version_event(
                &by,
                after.id.as_str(),
                change,
                Some(&before),
                &after,
                base_version + 1,
            );
            Ok((document(&after)?, derive(&after), audit))
        })
        .await?;
        let version = NewVersion {
            change: change.into(),
            reason: reason.map(str::to_owned),
            author: actor.name.clone(),
            created_at: actor.at.clone(),
            document,
        };
        let number = self
            .store
            .save_version(&head(&agreement), base_version, &version, &derived, &audit)
            .await
            .map_err(|e| match e {
                StoreError::Stale { current } => AppError::Stale {
                    based_on: base_version,
                    current,
                },
                other => other.into(),
            })?;
        Ok(AgreementView {
            agreement,
            version: number,
            change: version.change,
            reason: version.reason,
            author: version.author,
            saved_at: version.created_at,
            warnings,
        })
    }

    /// The agreement as it is now.
    pub async fn get(&self, may: &SeeAgreement) -> Result<AgreementView, AppError> {
        let stored = self
            .store
            .agreement(may.id())
            .await?
            .ok_or(AppError::NotFound)?;
        off_thread(move || view(stored)).await
    }

    /// One version of an agreement.
    pub async fn get_version(
        &self,
        may: &SeeAgreement,
        version: i64,
    ) -> Result<AgreementView, AppError> {
        let stored = self
            .store
            .version(may.id(), version)
            .await?
            .ok_or(AppError::NotFound)?;
        off_thread(move || view(stored)).await
    }

    /// The versions of an agreement numbered `from` and later, oldest first.
    pub async fn versions_from(
        &self,
        may: &SeeAgreement,
        from: i64,
    ) -> Result<Vec<AgreementView>, AppError> {
        let stored = self.store.versions_from(may.id(), from).await?;
        off_thread(move || stored.into_iter().map(view).collect()).await
    }

    /// The history of an agreement.
    pub async fn versions(&self, may: &SeeAgreement) -> Result<Vec<VersionMeta>, AppError> {
        let list = self.store.versions(may.id()).await?;
        if list.is_empty() {
            return Err(AppError::NotFound);
        }
        list.into_iter().map(VersionMeta::try_from).collect()
    }

    /// Agreements matching a filter; `search` is case-folded here.
    pub async fn list(
        &self,
        scope: &Portfolio,
        filter: ListFilter,
    ) -> Result<Vec<AgreementSummary>, AppError> {
        let status = match filter.status.as_deref().filter(|s| !s.is_empty()) {
            None => None,
            Some(text) => match text.parse::<Status>() {
                Ok(status) => Some(status.as_str().to_owned()),
                Err(_) => return Ok(Vec::new()),
            },
        };
        let filter = store::ListFilter {
            status,
            search: filter
                .search
                .map(|s| s.to_lowercase())
                .filter(|s| !s.trim().is_empty()),
            year: filter.year,
            after: filter.after,
            limit: filter.limit.clamp(1, 500),
        };
        let list = self.store.list(scope.user_id(), &filter).await?;
        list.into_iter().map(AgreementSummary::try_from).collect()
    }
}

/// A stored document: valid when it was saved, read back as JSON.
pub(crate) fn parse_stored(document: &str) -> Result<Agreement, AppError> {
    format::parse(document, Syntax::Json).map_err(|diagnostics| AppError::Invalid {
        diagnostics,
        source_text: None,
        syntax: None,
    })
}

fn view(stored: store::StoredVersion) -> Result<AgreementView, AppError> {
    let agreement = parse_stored(&stored.document)?;
    let warnings = domain::check::check(&agreement)
        .into_iter()
        .filter(|d| d.severity == Severity::Warning)
        .collect();
    Ok(AgreementView {
        agreement,
        version: stored.meta.version,
        change: stored.meta.change,
        reason: stored.meta.reason,
        author: stored.meta.author,
        saved_at: stored.meta.created_at,
        warnings,
    })
}

/// A party as the public register shows it: the organisation, never its people.
#[derive(Debug, Clone, serde::Serialize)]
pub struct PublicParty {
    pub name: String,
    pub org_number: Option<String>,
    pub sector: domain::model::Sector,
}

/// What anyone may see of a published agreement: title, parties, period,
/// money and purpose; never contact persons, signatories or drafts.
#[derive(Debug, Clone, serde::Serialize)]
pub struct PublicEntry {
    pub id: String,
    pub title: String,
    pub parties: Vec<PublicParty>,
    pub term_start: Option<domain::value::Date>,
    pub term_end: Option<domain::value::Date>,
    /// decided, signed, active, ended or terminated.
    pub status: String,
    pub purposes: Vec<String>,
    pub money: Vec<PublicMoney>,
    /// The amounts are in the appendices (seed 004), not in the agreement:
    /// `money` is then empty and must not be read as nothing.
    pub money_in_appendices: bool,
}

/// One party's money in one year.
#[derive(Debug, Clone, serde::Serialize)]
pub struct PublicMoney {
    pub year: i64,
    pub party: String,
    pub cash: Option<domain::value::Money>,
    pub in_kind: Option<domain::value::Money>,
    /// The cash is a ceiling: the most that can be paid, not a payment.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub cash_at_most: bool,
}

impl PublicEntry {
    fn of(a: &Agreement) -> PublicEntry {
        PublicEntry {
            id: a.id.to_string(),
            title: a.title.clone(),
            parties: a
                .parties
                .iter()
                .map(|p| PublicParty {
                    name: p.name.clone(),
                    org_number: p.org_number.as_ref().map(ToString::to_string),
                    sector: p.sector,
                })
                .collect(),
            term_start: a.term.as_ref().map(|t| t.start),
            term_end: a.term.as_ref().map(|t| t.end),
            status: a.status.as_str().to_owned(),
            purposes: a.purposes.clone(),
            money: schedule(a, ScheduleOptions::default())
                .map(|s| public_money(&s))
                .unwrap_or_default(),
            money_in_appendices: a.financing.as_ref().is_some_and(|f| f.in_appendices),
        }
    }
}

impl App {
    /// Put an agreement in the public register, or take it out. Only a
    /// decided (or later) agreement can be published: never a draft.
    pub async fn set_published(
        &self,
        may: &EditAgreement,
        published: bool,
        actor: &Actor,
    ) -> Result<(), AppError> {
        let current = self.get(may.see()).await?;
        if published && !current.agreement.status.is_public() {
            return Err(AppError::NotAllowed(Message::new("app-draft-unpublished")));
        }
        let audit = AuditEvent {
            at: actor.at.clone(),
            actor: actor.name.clone(),
            entity_kind: "agreement".into(),
            entity_id: may.id().to_owned(),
            action: if published {
                "published"
            } else {
                "unpublished"
            }
            .into(),
            before: None,
            after: Some(serde_json::json!({ "published": published }).to_string()),
        };
        Ok(self
            .store
            .set_published(may.id(), published, &audit)
            .await?)
    }

    /// Whether the agreement is in the public register now.
    pub async fn published(&self, may: &SeeAgreement) -> Result<bool, AppError> {
        Ok(self
            .store
            .is_published(may.id(), &statuses(Status::is_public))
            .await?)
    }

    /// The public register: published agreements, a page at a time.
    pub async fn register(&self, after: &str, limit: i64) -> Result<Vec<PublicEntry>, AppError> {
        let mut out = Vec::new();
        for summary in self
            .store
            .published(after, limit.clamp(1, 200), &statuses(Status::is_public))
            .await?
        {
            if let Some(entry) = self.public_entry(&summary.id).await? {
                out.push(entry);
            }
        }
        Ok(out)
    }

    /// One published agreement; `None` unless it is published.
    pub async fn register_entry(&self, id: &str) -> Result<Option<PublicEntry>, AppError> {
        if !self
            .store
            .is_published(id, &statuses(Status::is_public))
            .await?
        {
            return Ok(None);
        }
        self.public_entry(id).await
    }

    /// The public part of an agreement (the caller has made sure it is published).
    async fn public_entry(&self, id: &str) -> Result<Option<PublicEntry>, AppError> {
        let Some(stored) = self.store.agreement(id).await? else {
            return Ok(None);
        };
        Ok(Some(PublicEntry::of(&parse_stored(&stored.document)?)))
    }

    /// Compute every agreement's duties and money again from its current
    /// document and write them where they differ from the stored rows (run
    /// by `iop migrate`): a version of iop whose rules date a duty
    /// differently (a deadline moved off a holiday) leaves no stale date
    /// behind. Each refreshed agreement gets an audit event naming its
    /// duties before and after. A document this version cannot read is left
    /// as it is and named in the answer, and the others are still done.
    pub async fn refresh_duties(&self, at: &str) -> Result<Refreshed, AppError> {
        let mut done = Refreshed::default();
        for id in self.store.agreement_ids().await? {
            let Some(stored) = self.store.agreement(&id).await? else {
                continue;
            };
            let Ok(agreement) = parse_stored(&stored.document) else {
                done.unreadable.push(id);
                continue;
            };
            let derived = derive(&agreement);
            let before = duty_days(
                self.store
                    .obligations(&id)
                    .await?
                    .into_iter()
                    .map(|o| (o.key, o.due)),
            );
            let after = duty_days(
                derived
                    .obligations
                    .iter()
                    .map(|o| (o.key.clone(), o.due.clone())),
            );
            let money = self.store.money_of(&id).await?;
            let same_money = sorted_money(money) == sorted_money(derived.money.clone());
            if before == after && same_money {
                continue;
            }
            let audit = AuditEvent {
                at: at.to_owned(),
                actor: "iop".into(),
                entity_kind: "agreement".into(),
                entity_id: id.clone(),
                action: "duties-recomputed".into(),
                before: Some(serde_json::json!(before).to_string()),
                after: Some(serde_json::json!(after).to_string()),
            };
            self.store
                .refresh_derived(&id, &agreement.title, &derived, &audit)
                .await?;
            done.changed += 1;
        }
        Ok(done)
    }

    /// Record the party organisations of agreements stored before
    /// organisations existed (run at start-up; a no-op once done).
    pub async fn backfill_parties(&self, at: &str) -> Result<usize, AppError> {
        let missing = self.store.agreements_without_parties().await?;
        for id in &missing {
            if let Some(stored) = self.store.agreement(id).await? {
                let agreement = parse_stored(&stored.document)?;
                self.store
                    .set_agreement_orgs(id, &party_orgs(&agreement), at)
                    .await?;
            }
        }
        Ok(missing.len())
    }
}

/// Duties as (key, due) pairs in key order, to compare stored with computed.
fn duty_days(duties: impl Iterator<Item = (String, String)>) -> Vec<(String, String)> {
    let mut duties: Vec<(String, String)> = duties.collect();
    duties.sort();
    duties
}

/// A money row as compared: year, party, cash, its ceiling, in kind.
type MoneyKey = (i64, String, Option<i64>, Option<i64>, Option<i64>);

/// Money rows as (year, party, cash, its ceiling, in kind) in order.
fn sorted_money(rows: Vec<MoneyRow>) -> Vec<MoneyKey> {
    let mut rows: Vec<_> = rows
        .into_iter()
        .map(|m| {
            (
                m.year,
                m.party,
                m.cash_ore,
                m.cash_ceiling_ore,
                m.in_kind_ore,
            )
        })
        .collect();
    rows.sort();
    rows
}

/// What `refresh_duties` did: how many agreements it wrote again, and the
/// ids of those whose stored document this version cannot read.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Refreshed {
    pub changed: usize,
    pub unreadable: Vec<String>,
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // a failed test should panic
mod tests {
    use super::*;

    /// The night shelter's region pays at most 1 150 000 kr a year: its
    /// money row keeps the ceiling apart (115 000 000 öre), so the dashboard
    /// and the API can say "högst"; a row that differs only in its ceiling
    /// is not the same money, so `iop migrate` rewrites stored rows.
    #[test]
    fn a_money_row_marks_its_ceiling() {
        let a = domain::generate::night_shelter().unwrap();
        let s = schedule(&a, ScheduleOptions::default()).unwrap();
        let rows = money_rows(&s);
        let region = rows.iter().find(|r| r.party == "Region Gotland").unwrap();
        assert_eq!(
            (region.cash_ore, region.cash_ceiling_ore),
            (Some(115_000_000), Some(115_000_000))
        );
        let mut old = rows.clone();
        for r in &mut old {
            r.cash_ceiling_ore = None;
        }
        assert_ne!(sorted_money(old), sorted_money(rows));
    }
}
