use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{Financing, ReportingDuty, Term, TerminationClause};
use crate::value::Id;

/// An appendix (bilaga) of a framework agreement: one activity by one party,
/// with its own period and money. Appendices may change, be replaced or be
/// dropped without renegotiating the framework.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Appendix {
    pub id: Id,
    /// Bilaga number as the document numbers it.
    pub number: u32,
    pub title: String,
    /// The party that carries out the activity.
    pub party: Id,
    /// The activity (an id in `activities`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub activity: Option<Id>,
    /// Its own period; absent when the document does not give it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub period: Option<Term>,
    /// Its own money; absent when the document does not give it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub financing: Option<Financing>,
    /// Absent (not stated) when the document gives the appendix no status.
    #[serde(default)]
    pub status: AppendixStatus,
    /// Ways to end this appendix alone ("Bilagan kan sägas upp av vardera
    /// part med tre månaders uppsägningstid"); the framework's own
    /// clauses end the whole agreement.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub termination: Vec<TerminationClause>,
    /// Reports owed for this appendix's activity ("verksamhetsberättelse
    /// för insatsen senast 31 mars året efter"), over its own period.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub reporting: Vec<ReportingDuty>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "state", rename_all = "kebab-case", deny_unknown_fields)]
pub enum AppendixStatus {
    /// The document says nothing of the appendix's status (seed 004): iop
    /// shows none rather than guess that it is in force.
    #[default]
    NotStated,
    /// In force, as stated.
    Active,
    /// Replaced by another appendix.
    Replaced { by: Id },
    /// Dropped (utgått).
    Dropped,
}

impl AppendixStatus {
    /// Replaced or dropped: the appendix no longer applies.
    pub fn has_ended(&self) -> bool {
        matches!(
            self,
            AppendixStatus::Replaced { .. } | AppendixStatus::Dropped
        )
    }
}

/// Why an appendix could not be added, replaced or dropped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AppendixError {
    /// Only a framework agreement has appendices.
    NotFramework,
    /// An appendix with this id already exists.
    DuplicateId(Id),
    /// An appendix with this number already exists.
    DuplicateNumber(u32),
    /// No appendix has this id.
    NotFound(Id),
    /// The appendix was already replaced or dropped.
    NotActive(Id),
}

impl super::Agreement {
    /// Add an appendix: a new activity, or a new party joining (seed 004:
    /// "Om nya parter tillkommer under perioden biläggs de till huvudavtalet").
    pub fn add_appendix(&mut self, appendix: Appendix) -> Result<(), AppendixError> {
        if self.kind != super::AgreementKind::Framework {
            return Err(AppendixError::NotFramework);
        }
        if self.appendices.iter().any(|a| a.id == appendix.id) {
            return Err(AppendixError::DuplicateId(appendix.id));
        }
        if self.appendices.iter().any(|a| a.number == appendix.number) {
            return Err(AppendixError::DuplicateNumber(appendix.number));
        }
        self.appendices.push(appendix);
        Ok(())
    }

    /// Replace an active appendix by a new one; the old one stays, marked
    /// replaced, so the history of the partnership is kept.
    pub fn replace_appendix(&mut self, old: &Id, new: Appendix) -> Result<(), AppendixError> {
        self.active_appendix(old)?;
        let new_id = new.id.clone();
        self.add_appendix(new)?;
        let index = self.active_appendix(old)?;
        self.appendices[index].status = AppendixStatus::Replaced { by: new_id };
        Ok(())
    }

    /// Drop an active appendix (the activity "helt utgår").
    pub fn drop_appendix(&mut self, id: &Id) -> Result<(), AppendixError> {
        let index = self.active_appendix(id)?;
        self.appendices[index].status = AppendixStatus::Dropped;
        Ok(())
    }

    fn active_appendix(&self, id: &Id) -> Result<usize, AppendixError> {
        let index = self
            .appendices
            .iter()
            .position(|a| &a.id == id)
            .ok_or_else(|| AppendixError::NotFound(id.clone()))?;
        if self.appendices[index].status.has_ended() {
            return Err(AppendixError::NotActive(id.clone()));
        }
        Ok(index)
    }
}
