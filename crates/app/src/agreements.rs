//! Agreements with full history and a lifecycle.

use domain::Agreement;
use domain::diagnostic::{Diagnostic, Severity};
use domain::format::{self, Syntax};
use domain::model::Status;
use domain::rules::obligations::{ObligationOptions, obligations_with};
use domain::rules::schedule::{ScheduleOptions, schedule};
use store::{
    AgreementHead, AgreementSummary, Derived, ListFilter, MoneyRow, NewVersion, ObligationRow,
    StoreError, VersionMeta,
};

use crate::{Actor, App, AppError};

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

fn status_str(s: Status) -> &'static str {
    match s {
        Status::Draft => "draft",
        Status::Decided => "decided",
        Status::Signed => "signed",
        Status::Active => "active",
        Status::Ended => "ended",
        Status::Terminated => "terminated",
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
        status: status_str(a.status).to_owned(),
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
    let money_rows = money
        .map(|s| {
            s.years
                .iter()
                .flat_map(|y| {
                    y.parties.iter().map(move |p| MoneyRow {
                        year: i64::from(y.year),
                        party: p.name.to_owned(),
                        cash_ore: p.cash.map(|m| m.ore()),
                        in_kind_ore: p.in_kind.map(|m| m.ore()),
                        agreements: 1,
                    })
                })
                .collect()
        })
        .unwrap_or_default();
    Derived {
        obligations,
        money: money_rows,
    }
}

pub(crate) fn document(a: &Agreement) -> Result<String, AppError> {
    format::to_json(a).map_err(|message| AppError::Field {
        field: String::new(),
        message,
    })
}

impl App {
    /// Store a new agreement (version 1).
    pub async fn create(
        &self,
        input: NewAgreement<'_>,
        actor: &Actor,
    ) -> Result<AgreementView, AppError> {
        let (agreement, warnings) = read(input.text, input.syntax)?;
        let version = NewVersion {
            change: "created".into(),
            reason: None,
            author: actor.name.clone(),
            created_at: actor.at.clone(),
            document: document(&agreement)?,
        };
        self.store
            .create_agreement(&head(&agreement), &version, &derive(&agreement))
            .await?;
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

    /// Store a new version. After signing it is an amendment and needs a reason.
    pub async fn update(
        &self,
        id: &str,
        input: Update<'_>,
        actor: &Actor,
    ) -> Result<AgreementView, AppError> {
        let (agreement, warnings) = read(input.text, input.syntax)?;
        if agreement.id.as_str() != id {
            return Err(AppError::Field {
                field: "id".into(),
                message: format!(
                    "the file is agreement {:?}, not {id:?}",
                    agreement.id.as_str()
                ),
            });
        }
        let current = self.get(id).await?;
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
        id: &str,
        to: Status,
        base_version: i64,
        reason: Option<&str>,
        actor: &Actor,
    ) -> Result<AgreementView, AppError> {
        let current = self.get(id).await?;
        let mut agreement = current.agreement.clone();
        agreement.status = to;
        let (agreement, warnings) =
            validated(agreement).map_err(|diagnostics| AppError::Invalid {
                diagnostics,
                source_text: None,
                syntax: None,
            })?;
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
            return Err(AppError::NotAllowed(format!(
                "status cannot go from {} to {}",
                status_str(from),
                status_str(to)
            )));
        }
        let reason = reason.map(str::trim).filter(|r| !r.is_empty());
        let signed = from.is_signed_or_later();
        let change = if from != to {
            "status"
        } else if signed {
            "amended"
        } else {
            "edited"
        };
        if signed && change == "amended" && reason.is_none() {
            return Err(AppError::Field {
                field: "reason".into(),
                message: "the agreement is signed: a change is an amendment and needs a reason"
                    .into(),
            });
        }
        let version = NewVersion {
            change: change.into(),
            reason: reason.map(str::to_owned),
            author: actor.name.clone(),
            created_at: actor.at.clone(),
            document: document(&agreement)?,
        };
        let number = self
            .store
            .save_version(
                &head(&agreement),
                base_version,
                &version,
                &derive(&agreement),
            )
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
    pub async fn get(&self, id: &str) -> Result<AgreementView, AppError> {
        let stored = self.store.agreement(id).await?.ok_or(AppError::NotFound)?;
        view(stored)
    }

    /// One version of an agreement.
    pub async fn get_version(&self, id: &str, version: i64) -> Result<AgreementView, AppError> {
        let stored = self
            .store
            .version(id, version)
            .await?
            .ok_or(AppError::NotFound)?;
        view(stored)
    }

    /// The history of an agreement.
    pub async fn versions(&self, id: &str) -> Result<Vec<VersionMeta>, AppError> {
        let list = self.store.versions(id).await?;
        if list.is_empty() {
            return Err(AppError::NotFound);
        }
        Ok(list)
    }

    /// Agreements matching a filter; `search` is case-folded here.
    pub async fn list(&self, mut filter: ListFilter) -> Result<Vec<AgreementSummary>, AppError> {
        filter.search = filter
            .search
            .map(|s| s.to_lowercase())
            .filter(|s| !s.trim().is_empty());
        filter.limit = filter.limit.clamp(1, 500);
        Ok(self.store.list(&filter).await?)
    }
}

fn view(stored: store::StoredVersion) -> Result<AgreementView, AppError> {
    // Stored documents were valid when saved; read them as JSON.
    let agreement =
        format::parse(&stored.document, Syntax::Json).map_err(|diagnostics| AppError::Invalid {
            diagnostics,
            source_text: None,
            syntax: None,
        })?;
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
