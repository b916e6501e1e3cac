//! The agreement as typed data. One `Agreement` holds every fact of an IOP
//! document; the field order follows the order the seed documents use.
//!
//! Every clause that computations refer back to carries `id` (stable, chosen by
//! the author), `section` (the heading it stands under) and `quote` (the
//! sentences of the agreement it comes from).

mod appendix;
mod decision;
mod financing;
mod governance;
mod party;
mod reporting;
mod term;
mod text;

pub use appendix::{Appendix, AppendixError, AppendixStatus};
pub use decision::{
    Decision, DecisionTrail, Document, ImpactAssessment, Memo, Outcome, Perspective, Presenter,
};
pub use financing::{
    BudgetLine, Contribution, ContributionBasis, ContributionKind, Financing, FundingAlternative,
    Indexation, IndexationStart, InvoiceFrequency, Invoicing, PaymentPlan, Rounding, StateAid,
};
pub use governance::{BodyKind, Cadence, DecisionRule, GovernanceBody, Member, ReportsTo};
pub use party::{Contact, Party, PostalAddress, Sector, Signatory};
pub use reporting::{DueRule, ReportKind, ReportingDuty};
pub use term::{
    DisputeClause, ExitWord, ExtensionOption, Ground, RenegotiationClause, Settlement, Term,
    TerminationClause, WhoMay,
};
pub use text::{
    Activity, CapacityTarget, Note, RelatedAgreement, Relation, SectionKind, TargetGroup,
    TargetPriority, TextSection,
};

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::value::Id;

/// The version of the agreement file format this crate reads and writes.
pub const FORMAT_VERSION: u32 = 1;

/// An idéburet offentligt partnerskap: the central record.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Agreement {
    /// File format version; currently 1.
    pub format: u32,
    /// Stable identifier of the agreement, e.g. `gotland-rkg-2025`.
    pub id: Id,
    /// Title as the document gives it.
    pub title: String,
    /// Name the partnership goes by, e.g. "Vi Ses!".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub short_name: Option<String>,
    /// Lifecycle status.
    #[serde(default)]
    pub status: Status,
    /// A framework agreement carries its activities and money in appendices (bilagor).
    #[serde(default)]
    pub kind: AgreementKind,
    /// Ärendenummer / diarienummer, e.g. "RS 2024/947".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub case_number: Option<String>,
    /// The OCID this agreement is published under when another publisher
    /// (the lead public party's instance) minted it: `ocds-`, the six
    /// characters of its registered prefix, a dash and its own identifier.
    /// Without it, the publishing instance mints `{its prefix}-{id}`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ocid: Option<String>,
    /// The parties, in the order the document lists them.
    pub parties: Vec<Party>,
    /// Text sections, quoted as the document has them, in its order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sections: Vec<TextSection>,
    /// Target groups (målgrupper), primary and secondary.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub target_groups: Vec<TargetGroup>,
    /// Purposes (syften), one per item.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub purposes: Vec<String>,
    /// Goals (målsättningar), one per item.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub goals: Vec<String>,
    /// Shared values (värdegrund), one per item.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub values: Vec<String>,
    /// Activities (insatser), with capacity targets.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub activities: Vec<Activity>,
    /// Which party is the employer of the staff doing the work (arbetsgivaransvar).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub employer: Option<Id>,
    /// Financing (ekonomi).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub financing: Option<Financing>,
    /// Term (giltighetstid).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub term: Option<Term>,
    /// Extension option (förlängning).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extension: Option<ExtensionOption>,
    /// Ways to end the agreement early (uppsägning, utträde, hävning).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub termination: Vec<TerminationClause>,
    /// Renegotiation clause (omförhandling).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub renegotiation: Option<RenegotiationClause>,
    /// Dispute clause (tvist).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dispute: Option<DisputeClause>,
    /// Governance bodies (styrgrupp, samverkansgrupp, arbetsgrupp, dialog).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub governance: Vec<GovernanceBody>,
    /// Reporting obligations (uppföljning).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub reporting: Vec<ReportingDuty>,
    /// Appendices (bilagor) of a framework agreement.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub appendices: Vec<Appendix>,
    /// How the document is executed (underskrifter).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub signing: Option<Signing>,
    /// The decision trail (ärende, beslut, tjänsteskrivelse).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decision_trail: Option<DecisionTrail>,
    /// Agreements this one refers to.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub related: Vec<RelatedAgreement>,
    /// Whether this agreement takes over a service that was procured before
    /// (a red flag in HFD 2020 ref. 15).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub replaces_procured_service: bool,
    /// Anything the document says that has no field yet. Never drop a fact.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<Note>,
}

/// The lifecycle of an agreement.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    /// Utkast: being drafted.
    #[default]
    Draft,
    /// Beslutad: the deciding body has approved it.
    Decided,
    /// Undertecknad: signed by all parties.
    Signed,
    /// Gällande: in force.
    Active,
    /// Avslutad: the term has run out.
    Ended,
    /// Avslutad i förtid: ended by notice or rescission.
    Terminated,
}

impl Agreement {
    /// The agreement's own financing, then each appendix's.
    pub fn financings(&self) -> impl Iterator<Item = &Financing> {
        self.financing
            .iter()
            .chain(self.appendices.iter().filter_map(|x| x.financing.as_ref()))
    }

    /// Every budget line a contribution may cover: of each financing,
    /// its alternatives' included.
    pub fn budget_lines(&self) -> impl Iterator<Item = &BudgetLine> {
        self.financings().flat_map(|f| {
            f.budget_lines
                .iter()
                .chain(f.alternatives.iter().flat_map(|x| x.budget_lines.iter()))
        })
    }
}

impl Status {
    /// Every status, in lifecycle order.
    pub const ALL: [Status; 6] = [
        Status::Draft,
        Status::Decided,
        Status::Signed,
        Status::Active,
        Status::Ended,
        Status::Terminated,
    ];

    /// The status as the files, the database and the API spell it.
    pub const fn as_str(self) -> &'static str {
        match self {
            Status::Draft => "draft",
            Status::Decided => "decided",
            Status::Signed => "signed",
            Status::Active => "active",
            Status::Ended => "ended",
            Status::Terminated => "terminated",
        }
    }

    /// Signed or active: the agreement is (about to be) in force, so its
    /// end is ahead.
    pub fn is_in_force(self) -> bool {
        matches!(self, Status::Signed | Status::Active)
    }

    /// Decided, signed, active or ended: its money counts in the portfolio.
    pub fn counts_money(self) -> bool {
        matches!(
            self,
            Status::Decided | Status::Signed | Status::Active | Status::Ended
        )
    }

    /// Decided or later: the deciding body has approved it, so what it asks
    /// of the parties binds and a duty past its day unmet is late. A draft
    /// (never decided, or its decision referred back) binds no one yet; a
    /// terminated or ended agreement still answers for what fell due.
    pub fn binds_duties(self) -> bool {
        matches!(
            self,
            Status::Decided | Status::Signed | Status::Active | Status::Ended | Status::Terminated
        )
    }

    /// Anything but a draft may be in the public register.
    pub fn is_public(self) -> bool {
        self != Status::Draft
    }

    /// Signed or later: the agreement binds the parties.
    pub fn is_signed_or_later(self) -> bool {
        matches!(
            self,
            Status::Signed | Status::Active | Status::Ended | Status::Terminated
        )
    }
}

impl std::fmt::Display for Status {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for Status {
    type Err = UnknownStatus;
    fn from_str(s: &str) -> Result<Status, UnknownStatus> {
        Status::ALL
            .into_iter()
            .find(|x| x.as_str() == s)
            .ok_or(UnknownStatus)
    }
}

/// A text that names no status.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct UnknownStatus;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum AgreementKind {
    /// One agreement with its own activities and money.
    #[default]
    Standalone,
    /// A framework (huvudavtal/partnerskapsavtal) whose activities and money are in appendices.
    Framework,
}

/// How the document is executed: the number of copies and the signing clause.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Signing {
    pub id: Id,
    pub section: String,
    pub quote: String,
    /// Number of identical copies, when the document says.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub copies: Option<u32>,
}
