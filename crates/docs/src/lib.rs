//! Documents of an IOP agreement, generated from the data so text and
//! figures always agree:
//!
//! - the **agreement** (överenskommelsen): title, parties, the eleven sections
//!   in the order the seed documents use, appendices, signature block;
//! - the **memo** (tjänsteskrivelse): summary, assessment, the funding
//!   alternatives side by side with totals over the term, the six-perspective
//!   impact assessment, the proposed decision;
//! - the **minute extract** (protokollsutdrag) of a recorded decision.
//!
//! Each as PDF (Typst, fonts embedded, Swedish hyphenation, tagged PDF/UA-1,
//! byte-for-byte deterministic) or as accessible HTML (escaped, `lang="sv"`,
//! real table headers).
//!
//! ```no_run
//! # fn demo(agreement: &domain::Agreement) -> Result<(), docs::RenderError> {
//! let pdf = docs::render(agreement, docs::Doc::Agreement, docs::Output::Pdf)?;
//! # Ok(()) }
//! ```

mod compose;
mod fmt;
mod html;
mod pdf;
mod view;

use std::fmt::Display;

use domain::Agreement;
use domain::value::{Date, Id};

pub use view::MISSING;

/// Which document to render.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Doc {
    /// The agreement itself (överenskommelsen).
    Agreement,
    /// The officer's report behind the decision (tjänsteskrivelse).
    Memo,
    /// The minute extract (protokollsutdrag) of the latest recorded decision;
    /// see [`render_with`] and [`Options::decision`] for another one.
    Minute,
}

impl Doc {
    /// The name the command line uses: `agreement`, `memo`, `minute`.
    pub fn name(self) -> &'static str {
        match self {
            Doc::Agreement => "agreement",
            Doc::Memo => "memo",
            Doc::Minute => "minute",
        }
    }
}

impl std::str::FromStr for Doc {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s {
            "agreement" => Ok(Doc::Agreement),
            "memo" => Ok(Doc::Memo),
            "minute" => Ok(Doc::Minute),
            other => Err(format!(
                "unknown document {other:?}: agreement, memo or minute"
            )),
        }
    }
}

/// The output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Output {
    /// Print-ready PDF: A4, tagged (PDF/UA-1), fonts embedded.
    Pdf,
    /// A complete, self-contained HTML page (UTF-8).
    Html,
}

impl Output {
    /// The name the command line uses: `pdf`, `html`.
    pub fn name(self) -> &'static str {
        match self {
            Output::Pdf => "pdf",
            Output::Html => "html",
        }
    }

    /// The usual file extension.
    pub fn extension(self) -> &'static str {
        self.name()
    }
}

impl std::str::FromStr for Output {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s {
            "pdf" => Ok(Output::Pdf),
            "html" => Ok(Output::Html),
            other => Err(format!("unknown format {other:?}: pdf or html")),
        }
    }
}

/// Choices beyond the document and the format.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Options {
    /// The document date written into the PDF metadata. Without it: the
    /// memo's date, the meeting date, or for the agreement the latest
    /// signing date (none while unsigned). The clock is never read.
    pub date: Option<Date>,
    /// For [`Doc::Minute`]: the decision (by id) to make the extract of;
    /// without it, the latest by meeting date.
    pub decision: Option<Id>,
}

/// Why a document could not be rendered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RenderError {
    /// The memo or minute was asked for, but the agreement has no decision
    /// trail (`[decision_trail]`).
    NoDecisionTrail,
    /// The memo was asked for, but the decision trail has no memo
    /// (`[decision_trail.memo]`).
    NoMemo,
    /// The minute was asked for, but no decision is recorded
    /// (`[[decision_trail.decisions]]`).
    NoDecision,
    /// The minute of a decision id that the trail does not hold.
    UnknownDecision(String),
    /// The PDF could not be laid out (a template error: a bug in this crate).
    Layout(String),
    /// The PDF could not be written (e.g. a PDF/UA rule failed).
    Pdf(String),
    /// The HTML template failed.
    Html(String),
}

impl RenderError {
    /// A stable code for the error, for callers that word it themselves.
    pub fn code(&self) -> &'static str {
        match self {
            RenderError::NoDecisionTrail => "no-decision-trail",
            RenderError::NoMemo => "no-memo",
            RenderError::NoDecision => "no-decision",
            RenderError::UnknownDecision(_) => "unknown-decision",
            RenderError::Layout(_) => "layout",
            RenderError::Pdf(_) => "pdf",
            RenderError::Html(_) => "html",
        }
    }
}

impl Display for RenderError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            RenderError::NoDecisionTrail => f.write_str(
                "Överenskommelsen saknar beslutsunderlag ([decision_trail]): tjänsteskrivelse och protokollsutdrag kan inte skapas.",
            ),
            RenderError::NoMemo => f.write_str(
                "Beslutsunderlaget saknar tjänsteskrivelse ([decision_trail.memo]).",
            ),
            RenderError::NoDecision => f.write_str(
                "Beslutsunderlaget saknar protokollfört beslut ([[decision_trail.decisions]]).",
            ),
            RenderError::UnknownDecision(id) => {
                write!(f, "Beslutsunderlaget har inget beslut med id {id:?}.")
            }
            RenderError::Layout(e) => write!(f, "PDF-sättningen misslyckades: {e}"),
            RenderError::Pdf(e) => write!(f, "PDF-filen kunde inte skapas: {e}"),
            RenderError::Html(e) => write!(f, "HTML-sidan kunde inte skapas: {e}"),
        }
    }
}

impl std::error::Error for RenderError {}

/// Render one document of an agreement.
pub fn render(agreement: &Agreement, doc: Doc, output: Output) -> Result<Vec<u8>, RenderError> {
    render_with(agreement, doc, output, &Options::default())
}

/// Render one document of an agreement, with [`Options`].
pub fn render_with(
    agreement: &Agreement,
    doc: Doc,
    output: Output,
    options: &Options,
) -> Result<Vec<u8>, RenderError> {
    let view = match doc {
        Doc::Agreement => {
            let signed = agreement
                .parties
                .iter()
                .flat_map(|p| &p.signatories)
                .filter_map(|s| s.date)
                .max();
            let ctx = compose::Ctx::new(agreement, options.date.or(signed));
            compose::agreement(agreement, &ctx)
        }
        Doc::Memo => compose::memo(agreement, options.date)?,
        Doc::Minute => compose::minute(agreement, options.decision.as_ref(), options.date)?,
    };
    match output {
        Output::Pdf => pdf::render(&view, &format!("iop-{}-{}", agreement.id, doc.name())),
        Output::Html => html::render(&view),
    }
}
