//! Agreement documents in, a proposed agreement out.
//!
//! [`read`] turns the bytes of a `.txt`, `.md`, `.docx`, `.odt` or `.pdf` file
//! into a [`Document`]: text blocks with their position and kind. [`extract`]
//! reads the Swedish of the blocks and proposes the agreement's facts, each
//! with the words it came from, how sure it is and the rule that found it.
//! Nothing here touches a database or the network; the PDF reader runs
//! poppler's `pdftotext` as a bounded subprocess.

mod agreement;
mod document;
mod error;
mod explain;
pub mod extract;
pub mod read;
pub mod score;

pub use agreement::{to_agreement, to_annotated_toml};
pub use document::{Block, BlockKind, Document, Position, SourceKind};
pub use error::ImportError;
pub use explain::explain;
pub use extract::{Confidence, Fact, Proposal, ProposedNote, ProposedSection, Span, extract};
pub use read::{Limits, read, read_with};
