//! From a [`Document`] to a proposed agreement: every value with the words it
//! came from, how sure the rule is, and the rule's name. What no rule reads
//! is kept as a note with its text.

mod activities;
mod appendices;
mod body_lines;
mod cadence;
mod contributions;
mod disputes;
mod duties;
mod governance;
mod groups;
mod lexicon;
mod mentions;
mod money;
mod parties;
mod payment;
mod sections;
mod signatures;
mod term;
mod termination;
mod words;

use serde::Serialize;

use crate::document::{Block, Document, Position};

/// How sure a rule is of a value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Confidence {
    /// To be confirmed: a reading among several.
    Guess,
    /// The usual reading of the words.
    Likely,
    /// The words leave no other reading (never for OCR text).
    Certain,
}

/// The words a value came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Span {
    /// Index of the block in [`Document::blocks`].
    pub block: usize,
    pub position: Position,
    /// The words, as the document writes them.
    pub quote: String,
}

/// One proposed value of the agreement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Fact {
    /// Where the value goes in the agreement file, e.g. `term.start`,
    /// `parties[1].org_number`.
    pub field: String,
    /// The value as the agreement file writes it (`2025-01-01`, `1 300 000`, `3 months`).
    pub value: String,
    pub confidence: Confidence,
    /// The rule that produced the value.
    pub rule: &'static str,
    pub span: Span,
}

/// A section of the document under its heading, quoted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ProposedSection {
    /// The section kind of the agreement file (`purpose`, `financing`, …).
    pub kind: &'static str,
    /// Other kinds the heading names ("Målgruppen och syfte": purpose too).
    pub also: Vec<&'static str>,
    pub heading: String,
    pub text: String,
    pub span: Span,
}

/// Text no rule read, kept so that nothing of the document is dropped.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ProposedNote {
    pub topic: String,
    pub text: String,
    pub span: Span,
}

/// The proposed agreement.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Proposal {
    pub facts: Vec<Fact>,
    pub sections: Vec<ProposedSection>,
    pub notes: Vec<ProposedNote>,
    /// Things a person must look at (a wrong check digit, a text from OCR).
    pub warnings: Vec<String>,
    /// The fields that have a fact, so adding one stays cheap.
    #[serde(skip)]
    fields: std::collections::HashSet<String>,
}

impl Proposal {
    /// The value proposed for a field, if any.
    pub fn value(&self, field: &str) -> Option<&str> {
        self.facts
            .iter()
            .find(|f| f.field == field)
            .map(|f| f.value.as_str())
    }

    /// How many parties were found.
    pub fn party_count(&self) -> usize {
        self.facts
            .iter()
            .filter(|f| f.field.starts_with("parties[") && f.field.ends_with("].name"))
            .count()
    }

    /// Add a fact unless its field has one already: the first rule to find a value wins.
    fn push(&mut self, fact: Fact) {
        if self.fields.insert(fact.field.clone()) {
            self.facts.push(fact);
        }
    }
}

/// What the rules share: the document and a way to make spans.
pub(crate) struct Context<'a> {
    pub document: &'a Document,
}

impl Context<'_> {
    pub(crate) fn block(&self, index: usize) -> Option<&Block> {
        self.document.blocks.get(index)
    }

    /// A span for `quote`, found at byte `offset` of block `index`.
    pub(crate) fn span(&self, index: usize, offset: usize, quote: &str) -> Span {
        let position = match self.block(index) {
            Some(block) => {
                let mut position = block.position;
                // Columns are exact for a block of one line; for a joined
                // paragraph they count from its first line.
                // Counting characters is linear; past 4 KiB into one block
                // (a pathological line) the column counts bytes instead.
                let chars = match block.text.get(..offset) {
                    Some(head) if offset <= 4096 => head.chars().count(),
                    Some(_) => offset,
                    None => 0,
                };
                position.column = position
                    .column
                    .saturating_add(u32::try_from(chars).unwrap_or(0));
                position
            }
            None => Position {
                page: 1,
                line: 1,
                column: 1,
            },
        };
        Span {
            block: index,
            position,
            quote: quote.to_owned(),
        }
    }

    pub(crate) fn fact(
        &self,
        field: impl Into<String>,
        value: impl Into<String>,
        confidence: Confidence,
        rule: &'static str,
        span: Span,
    ) -> Fact {
        // Text read by OCR may hold misread characters: never certain.
        let ocr = self.block(span.block).is_some_and(|b| b.ocr);
        let confidence = if ocr {
            confidence.min(Confidence::Likely)
        } else {
            confidence
        };
        Fact {
            field: field.into(),
            value: value.into(),
            confidence,
            rule,
            span,
        }
    }
}

/// The blocks of the sections of `kind`, each run of them continued by the
/// sections right after it whose heading block `continues` (a caption or a
/// title the outline took for a heading of its own), those with their heading.
pub(crate) fn sections_continued(
    cx: &Context<'_>,
    outline: &sections::Outline,
    kind: &str,
    continues: impl Fn(&Block) -> bool,
) -> Vec<usize> {
    let mut blocks = Vec::new();
    let mut open = false;
    for section in &outline.sections {
        let heading = section
            .heading
            .filter(|&h| cx.block(h).is_some_and(&continues));
        if section.kind == kind {
            open = true;
        } else if !(open && heading.is_some()) {
            open = false;
            continue;
        }
        blocks.extend(heading);
        blocks.extend(section.blocks.iter().copied());
    }
    blocks
}

/// Propose an agreement from a document.
pub fn extract(document: &Document) -> Proposal {
    let cx = Context { document };
    let mut proposal = Proposal::default();
    let mut outline = sections::outline(&cx);
    sections::title(&cx, &outline, &mut proposal);
    proposal.sections = sections::quote(&cx, &outline);
    parties::extract(&cx, &outline, &mut proposal);
    signatures::extract(&cx, &outline, &mut proposal);
    outline.framework_reads = appendices::texts_no_appendix_takes(&cx, &outline, &proposal);
    groups::extract(&cx, &outline, &mut proposal);
    term::extract(&cx, &outline, &mut proposal);
    money::extract(&cx, &outline, &mut proposal);
    contributions::extract(&cx, &outline, &mut proposal);
    payment::extract(&cx, &outline, &mut proposal);
    governance::extract(&cx, &outline, &mut proposal);
    duties::extract(&cx, &outline, &mut proposal);
    activities::extract(&cx, &mut proposal);
    appendices::extract(&cx, &outline, &mut proposal);
    disputes::extract(&cx, &mut proposal);
    sections::notes(&cx, &outline, &mut proposal);
    if document.blocks.iter().any(|b| b.ocr) {
        proposal
            .warnings
            .push("text read by OCR: every value needs confirming".into());
    }
    proposal
}
