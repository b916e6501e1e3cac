use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::value::{Date, Id};

/// The decision trail of an agreement: its case and what was decided.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DecisionTrail {
    /// Ärendenummer, e.g. "RS 2024/947".
    pub case_number: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub decisions: Vec<Decision>,
    /// The officer's report (tjänsteskrivelse) behind the decision.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub memo: Option<Memo>,
    /// Konsekvenser i tvärperspektiv.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub impact: Option<ImpactAssessment>,
}

/// A decision recorded in minutes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Decision {
    pub id: Id,
    /// The deciding body ("Regionstyrelsens arbetsutskott").
    pub body: String,
    /// The party whose body it is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub party: Option<Id>,
    pub meeting_date: Date,
    /// The meeting date line as the minutes print it, when it says more.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub meeting_date_text: Option<String>,
    /// Minute paragraph, e.g. "RS AU § 114".
    pub paragraph: String,
    /// The matter's title as the minutes print it after the paragraph,
    /// when it is not the agreement's title (seed 001: "Idéburet
    /// offentligt partnerskap (IOP) mellan Region Gotland och Röda Korset
    /// Gotland 2025-2028").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub matter: Option<String>,
    pub outcome: Outcome,
    /// The proposal put to the body, or the body's proposal to the next.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub proposal: Option<String>,
    /// The proposal's heading as the minutes print it (seed 001:
    /// "Arbetsutskottets förslag till regionstyrelsen").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub proposal_heading: Option<String>,
    /// How the matter was handled at the meeting.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub handling: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub presenters: Vec<Presenter>,
    /// Beslutsunderlag.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub basis: Vec<Document>,
    /// Where in the minutes ("Sida 21 (84)").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub minutes_page: Option<String>,
    /// How the minutes were approved ("Digital justering").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub minutes_approval: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Outcome {
    /// Bifall.
    Approved,
    /// Avslag.
    Rejected,
    /// Återremiss.
    ReferredBack,
    /// Bordläggning.
    Tabled,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Presenter {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
}

impl Presenter {
    /// Name, title and unit as the minute writes them: "Anna Ek, handläggare, Kultur".
    pub fn described(&self) -> String {
        [
            Some(self.name.as_str()),
            self.title.as_deref(),
            self.unit.as_deref(),
        ]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(", ")
    }
}

/// A document in a decision's basis.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Document {
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<Date>,
}

/// The officer's report (tjänsteskrivelse).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Memo {
    /// The office that wrote it ("Regionstyrelseförvaltningen").
    pub author: String,
    pub date: Date,
    /// Sammanfattning.
    pub summary: String,
    /// Bedömning.
    pub assessment: String,
    /// Förslag till beslut, when the memo's proposal is known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub proposed_decision: Option<String>,
    /// The memo section the proposal's words are taken from, when the memo
    /// has no proposal section of its own (seed 001: "Sammanfattning"); the
    /// words are then quoted as a passage of that section.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub proposed_decision_from: Option<String>,
}

/// The six cross-cutting perspectives of seed 001.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ImpactAssessment {
    /// Rättslig grund / rättsligt perspektiv.
    pub legal: Perspective,
    /// Ekonomiskt perspektiv.
    pub economic: Perspective,
    /// Barnperspektiv.
    pub children: Perspective,
    /// Jämställdhetsperspektiv.
    pub gender_equality: Perspective,
    /// Landsbygdssäkring / geografiskt perspektiv.
    pub rural: Perspective,
    /// Klimat- och miljöperspektiv.
    pub climate: Perspective,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Perspective {
    /// The assessment as written.
    pub text: String,
    /// Assessed as not relevant ("Ej aktuellt").
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub not_applicable: bool,
}

impl ImpactAssessment {
    /// The perspectives with their stable keys, in the order of seed 001.
    pub fn perspectives(&self) -> [(&'static str, &Perspective); 6] {
        [
            ("legal", &self.legal),
            ("economic", &self.economic),
            ("children", &self.children),
            ("gender-equality", &self.gender_equality),
            ("rural", &self.rural),
            ("climate", &self.climate),
        ]
    }
}
