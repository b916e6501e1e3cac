use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::value::{CalendarLength, Date, Id};

/// The term (giltighetstid): both dates inclusive.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Term {
    pub id: Id,
    pub section: String,
    pub quote: String,
    pub start: Date,
    /// Last day the agreement is in force.
    pub end: Date,
    /// A condition the term depends on ("förutsatt att medel tillförs").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub condition: Option<String>,
    /// The agreement ends at the end date without notice (seed 003).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub ends_without_notice: bool,
}

/// The option to extend the term (förlängning).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ExtensionOption {
    pub id: Id,
    pub section: String,
    pub quote: String,
    /// How many times it may be extended (seed 002: two).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub times: Option<u32>,
    /// Length of each extension (seed 002: two years).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub length: Option<CalendarLength>,
    /// Longest extension in all (seed 003: at most two years).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_total: Option<CalendarLength>,
    /// All parties must agree ("om parterna är ense därom").
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub mutual_consent: bool,
    /// The decision must be taken this long before the end (seed 003: 9 months).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decision_before_end: Option<CalendarLength>,
}

impl ExtensionOption {
    /// The longest total extension the clause allows, if it is bounded.
    pub fn bound(&self) -> Option<CalendarLength> {
        match (self.max_total, self.times, self.length) {
            (Some(max), _, _) => Some(max),
            (None, Some(times), Some(length)) => length.times(times),
            _ => None,
        }
    }
}

/// A way to end the agreement before its term runs out.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TerminationClause {
    pub id: Id,
    pub section: String,
    pub quote: String,
    /// The grounds on which this clause may be used.
    pub grounds: Vec<Ground>,
    /// The grounds in the document's own words, each as the quote has it
    /// (seed 002: "väsentligt åsidosätter vad som framgår av denna
    /// överenskommelse"): shown instead of iop's wording of `grounds`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ground_words: Vec<String>,
    /// Who may use it.
    pub by: WhoMay,
    /// Notice period; absent means with immediate effect (hävning).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notice: Option<CalendarLength>,
    /// The document's own word for this way of ending, when it is not what
    /// the notice implies (seed 000: "träda ur partnerskapet med tre
    /// månaders varsel" is an utträde with varsel, not an uppsägning).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub called: Option<ExitWord>,
    /// A chance to remedy first ("rättelse inte sker utan dröjsmål").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cure: Option<String>,
    /// How the money is settled.
    pub settlement: Settlement,
    /// The grounds the money settlement is tied to, when the clause ties it
    /// to some of them (seed 003: "Vid händelse av att överenskommelsen
    /// bryts" — only a breach). Empty: the settlement follows every ground.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub settlement_grounds: Vec<Ground>,
    /// The party that may have to repay, when the clause names one. When that
    /// party is the one ending the agreement, it repays nothing under the
    /// clause: it ends it because another party failed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub repaying_party: Option<Id>,
    /// What happens to the rest of the partnership
    /// ("resterande parter ska föra en dialog").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub aftermath: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Ground {
    /// No reason needed (utträde, uppsägning).
    Convenience,
    /// A party fails its obligations (väsentligt åsidosätter, brister i sina åtaganden).
    Breach,
    /// A party becomes insolvent (obestånd).
    Insolvency,
    /// A party mismanages the work so trust is at risk.
    Mismanagement,
    /// Materially changed circumstances (väsentligt ändrade omständigheter).
    ChangedCircumstances,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum WhoMay {
    /// Any party.
    AnyParty,
    /// Any party other than the one at fault.
    OtherParty,
}

/// What the document calls a way of ending the agreement early.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum ExitWord {
    /// Uppsägning, with uppsägningstid.
    Notice,
    /// Utträde (träda ur partnerskapet), with varsel.
    Withdrawal,
    /// Hävning, with immediate effect.
    Rescission,
}

impl TerminationClause {
    /// The document's word, or else the one the notice implies: a notice
    /// period is an uppsägning, none a hävning.
    pub fn word(&self) -> ExitWord {
        self.called.unwrap_or(if self.notice.is_some() {
            ExitWord::Notice
        } else {
            ExitWord::Rescission
        })
    }

    /// Whether the clause's settlement follows this ground.
    pub fn settles_on(&self, ground: Ground) -> bool {
        self.settlement_grounds.is_empty() || self.settlement_grounds.contains(&ground)
    }
}

/// How money is settled when the agreement ends early.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Settlement {
    /// Funding for months not yet started is repaid (seed 000).
    RefundUnstartedMonths,
    /// The costs actually incurred are reimbursed; no other claims (seed 002).
    ReimburseIncurredCosts,
    /// The organisation may have to repay part or all of what was paid:
    /// a person decides; iop shows the maximum and a pro-rata proposal (003, 004).
    DiscretionaryRepayment,
    /// The document says nothing about money.
    NotStated,
}

/// Renegotiation (omförhandling).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RenegotiationClause {
    pub id: Id,
    pub section: String,
    pub quote: String,
    /// Who may call for it.
    pub by: WhoMay,
    /// Significant deviations from plan and budget need dialogue first.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub dialogue_before_deviation: bool,
}

/// Disputes (tvist).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DisputeClause {
    pub id: Id,
    pub section: String,
    pub quote: String,
    /// The first step, in the document's words ("dialog mellan parterna").
    pub first_step: String,
}
