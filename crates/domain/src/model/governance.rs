use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::value::Id;

/// A governance body of the partnership.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct GovernanceBody {
    pub id: Id,
    pub section: String,
    pub quote: String,
    pub kind: BodyKind,
    /// Name as written ("Styrgrupp", "Samverkansgrupp").
    pub name: String,
    /// Members by party and role.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub members: Vec<Member>,
    /// How often it meets.
    pub cadence: Cadence,
    /// Who convenes (kallar).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub convener: Option<Member>,
    /// Who keeps the minutes (dokumenterar).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub minute_keeper: Option<Member>,
    /// A duty to report to another body.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reports_to: Option<ReportsTo>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decision_rule: Option<DecisionRule>,
    /// Duties in the document's words, one per item.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub duties: Vec<String>,
    /// The body exists only if decided ("kan vid behov besluta att tillsätta").
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub optional: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum BodyKind {
    /// Styrgrupp.
    SteeringGroup,
    /// Samverkansgrupp, samverkansmöten.
    CooperationGroup,
    /// Arbetsgrupp.
    WorkingGroup,
    /// Regular dialogue between the parties, not a formal body (seed 000).
    Dialogue,
}

impl BodyKind {
    /// A formal body with members and meetings, as check 8 asks for.
    pub fn is_formal(self) -> bool {
        !matches!(self, BodyKind::Dialogue)
    }
}

/// A member of a body: a party and a role, or a role outside the parties.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Member {
    /// The party the member represents; absent for e.g. the city's Socialjour.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub party: Option<Id>,
    /// Role, e.g. "projektledare", "förvaltningsdirektör"; absent when the
    /// document names only the party.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
}

/// How often a body meets or a duty recurs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "kind", rename_all = "kebab-case", deny_unknown_fields)]
pub enum Cadence {
    /// At least `times` in each calendar year ("två gånger om året").
    PerYear { times: u32 },
    /// At least `times` in each 12-month period counted from the start.
    PerTwelveMonths { times: u32 },
    /// Each meeting at most `max_weeks` after the previous; `min_weeks` is advice.
    Interval { min_weeks: u32, max_weeks: u32 },
    /// Regular or continuous contact with no fixed cadence.
    Regular,
    /// Only when needed.
    AsNeeded,
}

/// A duty to report to another body.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ReportsTo {
    /// The body reported to (an id in `governance`).
    pub body: Id,
    pub cadence: Cadence,
    /// What is reported, in the document's words.
    pub what: String,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub written: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum DecisionRule {
    /// Decisions sought by consensus.
    Consensus,
    /// Majority vote.
    Majority,
}
