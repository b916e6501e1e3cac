use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::value::{Date, Id};

/// A reporting obligation (uppföljning): what, from whom, to whom, when.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ReportingDuty {
    pub id: Id,
    pub section: String,
    pub quote: String,
    pub kind: ReportKind,
    /// What is reported, in the document's words.
    pub title: String,
    /// Parties that report; empty means all parties jointly.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub from: Vec<Id>,
    /// Who reports, in the document's words, when that is no party
    /// ("Projektgruppen"); it then stands instead of `from`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub by: Option<String>,
    /// Who receives it: a party id, a governance body id, or a body named in
    /// words ("ansvarig nämnd"); absent when the document names no recipient.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to: Option<String>,
    pub due: DueRule,
    /// The document gives no due date; this one is iop's default, shown as such.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub due_is_default: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum ReportKind {
    /// Verksamhetsplan.
    ActivityPlan,
    /// Verksamhetsberättelse, årsberättelse.
    AnnualReport,
    /// Ekonomisk rapport.
    FinancialReport,
    /// A joint report by the parties (gemensam rapport).
    JointReport,
    /// Utvärdering.
    Evaluation,
    /// Report at the end of the period (slutrapport, erfarenhetsrapport).
    EndOfPeriodReport,
    /// A compilation of others' reports (sammanställning).
    Compilation,
    /// A status report from one body to another.
    StatusReport,
}

/// When a report is due.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "kind", rename_all = "kebab-case", deny_unknown_fields)]
pub enum DueRule {
    /// For each calendar year of the term, on `month`/`day` of that year plus
    /// `year_offset` (1: the following year, e.g. 31 March).
    Yearly { month: u8, day: u8, year_offset: u8 },
    /// At the end of each calendar year of the term ("vid årets slut").
    EndOfEachYear,
    /// By the last day of a month ("senast mars 2028").
    ByEndOfMonth { year: i16, month: u8 },
    /// On a date.
    Date { date: Date },
    /// On the last day of the term ("vid periodens slut").
    EndOfTerm,
    /// At least `times` in each calendar year, no dates set.
    TimesPerYear { times: u32 },
    /// At least `times` in each 12-month period from the start.
    TimesPerTwelveMonths { times: u32 },
    /// Continuously, with no dated deadline ("kontinuerligt").
    Continuous,
}
