use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{Financing, Term};
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
    #[serde(default)]
    pub status: AppendixStatus,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "state", rename_all = "kebab-case", deny_unknown_fields)]
pub enum AppendixStatus {
    /// In force.
    #[default]
    Active,
    /// Replaced by another appendix.
    Replaced { by: Id },
    /// Dropped (utgått).
    Dropped,
}
