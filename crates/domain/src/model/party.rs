use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::value::{Date, Id, OrgNumber};

/// An organisation in its role in one agreement.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Party {
    /// Stable id used to refer to this party elsewhere in the file.
    pub id: Id,
    /// Name as the document writes it.
    pub name: String,
    /// What the document calls the party for short ("hädanefter Kommunen").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub short_name: Option<String>,
    pub sector: Sector,
    /// Organisationsnummer, when the document gives one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub org_number: Option<OrgNumber>,
    /// The body acting for the party ("genom arbetsmarknadsnämnden").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub acting_through: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<PostalAddress>,
    /// Who signs for the party.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub signatories: Vec<Signatory>,
    /// Contact persons (kontaktpersoner) and named roles such as verksamhetschef.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub contacts: Vec<Contact>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Sector {
    /// Offentlig sektor: kommun, region, state body.
    Public,
    /// Idéburen sektor: ideell förening, stiftelse, trossamfund, local branch.
    IdeaDriven,
}

/// A Swedish postal address.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PostalAddress {
    /// Lines before the postal code: recipient, unit, street or box.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub lines: Vec<String>,
    /// Postnummer, e.g. "581 81".
    pub postal_code: String,
    /// Postort, e.g. "Linköping".
    pub city: String,
}

/// A person who signs, or is named to sign, for a party.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Signatory {
    /// Name as written; in a redacted copy the redaction as it stands ("Xxxxx").
    pub name: String,
    /// Title, e.g. "Regiondirektör".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// Unit or body the person belongs to, e.g. "Arbetsmarknad och Integration".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    /// Place of signing ("Visby", "Malmö").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place: Option<String>,
    /// Date of signing, once signed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<Date>,
    /// The date line as the document writes it when it is not a full date
    /// ("den xx januari 2025", "2014", "Ort och datum").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_text: Option<String>,
    /// The name is redacted in the published copy.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub redacted: bool,
}

impl Signatory {
    /// Signed means a signing date is recorded.
    pub fn is_signed(&self) -> bool {
        self.date.is_some()
    }
}

/// A contact person or a named role holder of a party.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Contact {
    pub name: String,
    /// Role in the partnership, e.g. "Verksamhetschef", "Kontaktperson".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    /// Professional title, e.g. "leg psykolog och psykoterapeut".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// Unit, e.g. "Arbetsmarknads- och socialförvaltningen, Malmö stad".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
}
