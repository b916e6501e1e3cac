use serde::Serialize;

/// Where a block starts in the document. Pages and lines count from 1.
///
/// For a PDF the page is the printed page and the line the text line on it;
/// for a text file the page is 1 and the line the file's line; for .docx and
/// .odt the page counts explicit and rendered page breaks and the line counts
/// the document's paragraphs (a word processor's lines are not in the file).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Position {
    pub page: u32,
    pub line: u32,
    pub column: u32,
}

/// What a block is in the document's structure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum BlockKind {
    /// A heading: from the document's styles, or (in plain text) a short line standing alone.
    Heading,
    Paragraph,
    ListItem,
    /// A table row; its cells are in [`Block::cells`].
    TableRow,
    /// Running header text (repeated at the top of pages).
    Header,
    /// Running footer text (repeated at the bottom of pages).
    Footer,
}

/// A run of text with one kind and one starting position.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Block {
    pub kind: BlockKind,
    /// The text; for a table row the cells joined by tabs.
    pub text: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub cells: Vec<String>,
    pub position: Position,
    /// The heading came from formatting (a style, `#`), not from a guess on plain text.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub styled: bool,
    /// The text came from a text box or frame outside the main flow.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub text_box: bool,
    /// The text came from optical character recognition.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub ocr: bool,
}

impl Block {
    pub fn new(kind: BlockKind, text: impl Into<String>, position: Position) -> Self {
        Block {
            kind,
            text: text.into(),
            cells: Vec::new(),
            position,
            styled: false,
            text_box: false,
            ocr: false,
        }
    }

    pub fn table_row(cells: Vec<String>, position: Position) -> Self {
        let mut block = Block::new(BlockKind::TableRow, cells.join("\t"), position);
        block.cells = cells;
        block
    }
}

/// Which reader produced the document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum SourceKind {
    Text,
    Markdown,
    Docx,
    Odt,
    Pdf,
    /// A PDF without a text layer, read by OCR (Tesseract, Swedish).
    ScannedPdf,
}

/// A document as positioned text blocks, in reading order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Document {
    pub source: SourceKind,
    pub blocks: Vec<Block>,
    /// Pages seen (1 when the format has none).
    pub pages: u32,
    /// Things the reader noticed on the way (an encoding guessed, a part skipped).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<String>,
}

impl Document {
    /// The blocks of the main text: without running headers and footers.
    pub fn body(&self) -> impl Iterator<Item = (usize, &Block)> {
        self.blocks
            .iter()
            .enumerate()
            .filter(|(_, b)| !matches!(b.kind, BlockKind::Header | BlockKind::Footer))
    }
}
