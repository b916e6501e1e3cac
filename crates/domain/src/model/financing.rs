use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::PostalAddress;
use crate::value::{Id, Money, Percent};

/// The money of an agreement (ekonomi): a yearly budget, who contributes what,
/// how it is indexed and invoiced, and any alternatives put to a decision.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Financing {
    pub id: Id,
    pub section: String,
    pub quote: String,
    /// The total per calendar year the document states, if it states one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub total_per_year: Option<Money>,
    /// Budget lines per calendar year (before indexation).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub budget_lines: Vec<BudgetLine>,
    /// What each party contributes per calendar year.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub contributions: Vec<Contribution>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub indexation: Option<Indexation>,
    /// When the public parties pay. Absent: see `PaymentPlan::default`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub payment: Option<PaymentPlan>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub invoicing: Vec<Invoicing>,
    /// The idea-driven party may seek money from other funders.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub other_funders_allowed: bool,
    /// The money is set out in the appendices (bilagor), not here (seed 004).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub in_appendices: bool,
    /// Funding alternatives compared in the decision (seed 001: 1.3 M or 1.8 M a year).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub alternatives: Vec<FundingAlternative>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub state_aid: Option<StateAid>,
}

/// One line of the yearly budget.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct BudgetLine {
    pub id: Id,
    /// As the document names it ("projektledare", "OH-kostnader").
    pub name: String,
    /// Amount per calendar year.
    pub amount: Money,
}

/// A party's contribution per calendar year.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Contribution {
    pub party: Id,
    pub kind: ContributionKind,
    /// Amount per calendar year; absent when the document states no value
    /// (e.g. staff and management in kind, seed 000).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount: Option<Money>,
    /// The amount is a minimum ("till ett värde av minst").
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub at_least: bool,
    /// The amount is a ceiling, the most paid in a calendar year ("dock
    /// högst", "maximalt", "upp till"); what is paid follows what was
    /// delivered, so it is never a firm payment.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub at_most: bool,
    /// The price of one unit of the basis ("420 kronor per belagd plats och
    /// natt"); only a basis other than a lump sum has units.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit_price: Option<Money>,
    /// What it consists of, in the document's words.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Budget lines this contribution covers.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub covers: Vec<Id>,
    /// How the amount is set: a lump sum (IOP) or per place/user (a
    /// procurement red flag, HFD 2020 ref. 15).
    #[serde(default)]
    pub basis: ContributionBasis,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum ContributionKind {
    /// Money paid (kontant finansiering).
    Cash,
    /// Staff, premises, volunteers and the like (egeninsats i annat än pengar).
    InKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum ContributionBasis {
    #[default]
    LumpSum,
    PerPlace,
    PerUser,
    /// Per occupied place and night ("per belagd plats och natt", "per
    /// vårddygn"): paid for what was used.
    PerOccupiedPlaceNight,
}

/// Yearly uplift for price and wage development (pris- och löneutveckling).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Indexation {
    pub id: Id,
    pub section: String,
    pub quote: String,
    /// Percentage per year, e.g. "2".
    pub rate: Percent,
    /// From when the uplift applies.
    #[serde(default)]
    pub starts: IndexationStart,
    /// How indexed amounts are rounded.
    #[serde(default)]
    pub rounding: Rounding,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum IndexationStart {
    /// Each new calendar year after the first (seed 002).
    #[default]
    EachNewCalendarYear,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Rounding {
    /// Each budget line to whole kronor, half up; totals are sums of rounded lines.
    #[default]
    LineWholeKronorHalfUp,
}

/// When money is paid. Seed 000's "finansieras årligen" is read as the whole
/// year's amount paid on 1 January; that reading is marked `default = true`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PaymentPlan {
    /// Payments per year.
    pub per_year: u32,
    /// Month (1–12) of the first payment of each year.
    pub first_month: u8,
    /// Day of that month.
    pub day: u8,
    /// This is iop's reading, not the document's words; shown as a default.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub default: bool,
}

impl Default for PaymentPlan {
    fn default() -> Self {
        PaymentPlan {
            per_year: 1,
            first_month: 1,
            day: 1,
            default: true,
        }
    }
}

/// Who invoices whom, how often and where.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Invoicing {
    pub id: Id,
    pub section: String,
    pub quote: String,
    /// The party that sends the invoice.
    pub from: Id,
    /// The parties invoiced.
    pub to: Vec<Id>,
    pub frequency: InvoiceFrequency,
    /// Invoice address, when the document gives one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<PostalAddress>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum InvoiceFrequency {
    Yearly,
    HalfYearly,
    Quarterly,
    Monthly,
}

impl InvoiceFrequency {
    pub fn per_year(self) -> u32 {
        match self {
            InvoiceFrequency::Yearly => 1,
            InvoiceFrequency::HalfYearly => 2,
            InvoiceFrequency::Quarterly => 4,
            InvoiceFrequency::Monthly => 12,
        }
    }
}

/// A funding alternative put before the deciding body. Its contributions
/// replace those of the same party and kind.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FundingAlternative {
    pub id: Id,
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The heading the words stating this alternative stand under (seed
    /// 001: "Sammanfattning"); computed money under the alternative points
    /// here, not to the agreement's own figure.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub section: Option<String>,
    /// The words that state this alternative's figures.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quote: Option<String>,
    /// The alternative the officer proposes.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub proposed: bool,
    /// The yearly total under this alternative, when it differs from the base.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub total_per_year: Option<Money>,
    pub contributions: Vec<Contribution>,
    /// Budget lines this alternative adds.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub budget_lines: Vec<BudgetLine>,
}

/// What is known about EU state aid (statsstöd) for this agreement.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct StateAid {
    /// A state-aid assessment has been made.
    #[serde(default)]
    pub assessed: bool,
    /// The service is a service of general economic interest (SGEI/SGEI de minimis).
    #[serde(default)]
    pub sgei: bool,
    /// What one euro costs in kronor, to compare with the euro ceilings;
    /// absent: `check::DEFAULT_EUR_PRICE`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub eur_price: Option<Money>,
}
