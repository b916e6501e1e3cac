use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::value::Id;

/// A section of the agreement's text, quoted as the document has it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TextSection {
    pub kind: SectionKind,
    /// Further kinds this section covers, when one heading covers several
    /// ("Målgruppen och syfte").
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub also: Vec<SectionKind>,
    /// Heading as written in the document; empty for text that stands
    /// under no heading (an opening paragraph, a signature block).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub heading: String,
    /// The text; paragraphs separated by a blank line, list items starting "- ".
    pub text: String,
}

/// What a text section is about. The order of the variants is the order the
/// seed documents use, which renderers follow.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum SectionKind {
    /// Bakgrund.
    Background,
    /// Överenskommelsens form och utgångspunkt.
    Form,
    /// Syfte.
    Purpose,
    /// Målsättning, mål.
    Goals,
    /// Målgrupp.
    TargetGroup,
    /// Värdegrund.
    Values,
    /// Parternas inbördes relation, partners.
    Parties,
    /// Grundförutsättningar, lagstöd.
    LegalBasis,
    /// Insatser, verksamhet.
    Activities,
    /// Avgränsningar.
    Scope,
    /// Organisation och samverkan, kommunikation.
    Organisation,
    /// Samverkan med relaterade insatser.
    RelatedWork,
    /// Ekonomi, resurser och finansiering.
    Financing,
    /// Marknadsföring.
    Marketing,
    /// Uppföljning, kunskapsinhämtning.
    FollowUp,
    /// Giltighet, period.
    Term,
    /// Förlängning.
    Extension,
    /// Uppsägning, utträde, hävning.
    Termination,
    /// Omförhandling och tvist.
    Renegotiation,
    /// Underskrifter.
    Signatures,
    /// Anything else.
    Other,
}

/// A target group (målgrupp).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TargetGroup {
    #[serde(default)]
    pub priority: TargetPriority,
    pub description: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum TargetPriority {
    /// The document does not rank its target groups.
    #[default]
    Unranked,
    /// Primär målgrupp.
    Primary,
    /// Sekundär målgrupp.
    Secondary,
}

/// An activity (insats, verksamhet).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Activity {
    pub id: Id,
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The party that carries it out.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub performed_by: Option<Id>,
    /// The appendix (bilaga) that governs it, for a framework agreement.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub appendix: Option<Id>,
    /// Capacity targets (counts of people, never who they are).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub capacity: Vec<CapacityTarget>,
}

/// A capacity target such as "cirka 70 barn per år".
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CapacityTarget {
    pub count: u32,
    /// Who is counted, in the document's words ("barn", "föräldrar").
    pub unit: String,
    /// The number is approximate ("cirka").
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub approximate: bool,
    /// Per year (the default) or over the whole term.
    #[serde(default = "per_year_default", skip_serializing_if = "Clone::clone")]
    pub per_year: bool,
    /// The sentence the target comes from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quote: Option<String>,
}

fn per_year_default() -> bool {
    true
}

/// Another agreement this one refers to.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RelatedAgreement {
    pub title: String,
    pub relation: Relation,
    /// Parties to it, by name.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub parties: Vec<String>,
    /// When it ran, in the document's words ("sedan 2016", "131115 till 141231").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub period: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Relation {
    /// An earlier agreement this one continues.
    Predecessor,
    /// Another agreement in force beside this one.
    Parallel,
    /// A broader agreement or policy this one rests on.
    Basis,
}

/// A fact the model has no field for yet, kept so nothing is lost.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Note {
    /// Heading or topic it belongs under.
    pub topic: String,
    pub text: String,
}
