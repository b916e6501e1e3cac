//! The documents as plain data: what each page says, already worded in
//! Swedish and formatted. The PDF (Typst) and HTML (askama) templates only
//! lay this out, so both outputs always carry the same facts.

use serde::Serialize;

use crate::fmt::{Block, DateParts};

/// The label a missing section carries.
pub const MISSING: &str = "Avsnittet saknas";

/// One document, ready to lay out.
#[derive(Debug, Clone, Default, Serialize)]
pub struct DocView {
    /// "agreement", "memo" or "minute".
    pub kind: &'static str,
    /// Language of the document (BCP 47).
    pub lang: &'static str,
    /// Title for the PDF metadata and the HTML `<title>`.
    pub doc_title: String,
    /// Authors for the PDF metadata.
    pub authors: Vec<String>,
    /// The document date; `None` writes no date.
    pub date: Option<DateParts>,
    /// Running header, left: what the document is.
    pub header_left: String,
    /// Running header, right: the case number and the like.
    pub header_right: Vec<String>,
    /// A line above the title ("Tjänsteskrivelse").
    pub kicker: String,
    pub title: String,
    pub subtitle: Vec<String>,
    /// Key facts under the title (case number, date, outcome).
    pub intro_facts: Vec<Fact>,
    /// The parties block (agreement only).
    pub parties: Vec<PartyView>,
    /// Text that stands with the parties (an opening paragraph, "Partners").
    pub preamble: Vec<Part>,
    pub sections: Vec<Section>,
    /// The signature block (agreement only).
    pub signing: Option<SigningView>,
    /// Contact persons (agreement only).
    pub contacts: Option<Table>,
    /// Appendices (bilagor), after the main text.
    pub appendices: Vec<Section>,
    pub missing_label: &'static str,
}

/// A party in the parties block.
#[derive(Debug, Clone, Serialize)]
pub struct PartyView {
    pub name: String,
    pub sector: &'static str,
    /// "(hädanefter Kommunen)".
    pub short_name: Option<String>,
    pub org_number: String,
    pub acting_through: Option<String>,
    pub address: Vec<String>,
}

/// A heading of the document and everything under it.
#[derive(Debug, Clone, Serialize)]
pub struct Section {
    /// An id for links (`#s-ekonomi`).
    pub anchor: String,
    pub title: String,
    /// Set when the agreement has nothing for this section: why.
    pub missing: Option<String>,
    /// "Se även avsnitt 8. Giltighet och förlängning".
    pub see_also: Vec<String>,
    /// The agreement's own words, under its own headings.
    pub parts: Vec<Part>,
    pub tables: Vec<Table>,
    /// Terms in summary, computed from the data.
    pub groups: Vec<FactGroup>,
}

impl Section {
    pub fn new(anchor: impl Into<String>, title: impl Into<String>) -> Self {
        Section {
            anchor: anchor.into(),
            title: title.into(),
            missing: None,
            see_also: Vec::new(),
            parts: Vec::new(),
            tables: Vec::new(),
            groups: Vec::new(),
        }
    }
}

/// Quoted text under an optional heading of its own.
#[derive(Debug, Clone, Serialize)]
pub struct Part {
    pub heading: Option<String>,
    pub blocks: Vec<Block>,
}

/// A labelled value: "Uppsägningstid: 3 månader".
#[derive(Debug, Clone, Serialize)]
pub struct Fact {
    pub label: String,
    pub value: String,
}

impl Fact {
    pub fn new(label: impl Into<String>, value: impl Into<String>) -> Self {
        Fact {
            label: label.into(),
            value: value.into(),
        }
    }
}

/// Facts that belong together, e.g. one termination clause.
#[derive(Debug, Clone, Serialize)]
pub struct FactGroup {
    pub title: Option<String>,
    pub facts: Vec<Fact>,
}

/// A data table: a header row, body rows whose first cell heads the row,
/// and footer rows (sums).
#[derive(Debug, Clone, Serialize)]
pub struct Table {
    pub caption: String,
    pub head: Vec<String>,
    /// Per column: figures, aligned right.
    pub numeric: Vec<bool>,
    pub rows: Vec<Vec<String>>,
    pub foot: Vec<Vec<String>>,
    /// A note under the table.
    pub note: Option<String>,
}

/// The signature block: the signing clause and one block per party.
#[derive(Debug, Clone, Serialize)]
pub struct SigningView {
    /// The agreement's own heading for its signatures ("Underskrift"), or
    /// "Underskrifter" when it has none.
    pub heading: String,
    pub blocks: Vec<Block>,
    pub signatures: Vec<SignatureView>,
}

#[derive(Debug, Clone, Serialize)]
pub struct SignatureView {
    /// "För Region Gotland".
    pub party: String,
    /// Place and date as far as known ("Visby den xx januari 2025").
    pub place_date: String,
    pub name: String,
    /// Title and unit, one per line.
    pub title_lines: Vec<String>,
}
