//! Builds blocks from the nested structure of word-processor XML: paragraphs
//! (possibly inside table cells or text boxes), table rows and page breaks.

use crate::document::{Block, BlockKind, Position};

#[derive(Default)]
struct Paragraph {
    text: String,
    kind: Option<BlockKind>,
}

#[derive(Default)]
pub(super) struct Flow {
    pub blocks: Vec<Block>,
    paragraphs: Vec<Paragraph>,
    /// Open tables; each holds the cells of its current row.
    tables: Vec<Vec<String>>,
    in_cell: usize,
    text_box: usize,
    page: u32,
    line: u32,
}

impl Flow {
    pub(super) fn new() -> Self {
        Flow {
            page: 1,
            ..Flow::default()
        }
    }

    pub(super) fn pages(&self) -> u32 {
        self.page
    }

    pub(super) fn start_paragraph(&mut self) {
        self.paragraphs.push(Paragraph::default());
    }

    /// Mark the open paragraph as a heading, list item, header or footer.
    pub(super) fn mark(&mut self, kind: BlockKind) {
        if let Some(p) = self.paragraphs.last_mut() {
            p.kind = Some(kind);
        }
    }

    pub(super) fn text(&mut self, text: &str) {
        if let Some(p) = self.paragraphs.last_mut() {
            p.text.push_str(text);
        }
    }

    pub(super) fn in_paragraph(&self) -> bool {
        !self.paragraphs.is_empty()
    }

    pub(super) fn end_paragraph(&mut self, default: BlockKind) {
        let Some(p) = self.paragraphs.pop() else {
            return;
        };
        let text = collapse(&p.text);
        if text.is_empty() {
            return;
        }
        self.line += 1;
        if self.in_cell > 0
            && let Some(cell) = self.tables.last_mut().and_then(|row| row.last_mut())
        {
            if !cell.is_empty() {
                cell.push('\n');
            }
            cell.push_str(&text);
            return;
        }
        let kind = p.kind.unwrap_or(default);
        let mut block = Block::new(kind, text, self.position());
        block.styled = kind == BlockKind::Heading;
        block.text_box = self.text_box > 0;
        self.blocks.push(block);
    }

    fn position(&self) -> Position {
        Position {
            page: self.page,
            line: self.line.max(1),
            column: 1,
        }
    }

    pub(super) fn start_table(&mut self) {
        self.tables.push(Vec::new());
    }

    pub(super) fn end_table(&mut self) {
        self.tables.pop();
    }

    pub(super) fn start_row(&mut self) {
        if let Some(row) = self.tables.last_mut() {
            row.clear();
        }
    }

    pub(super) fn start_cell(&mut self) {
        self.in_cell += 1;
        if let Some(row) = self.tables.last_mut() {
            row.push(String::new());
        }
    }

    pub(super) fn end_cell(&mut self) {
        self.in_cell = self.in_cell.saturating_sub(1);
    }

    pub(super) fn end_row(&mut self) {
        let nested = self.tables.len() > 1;
        let Some(row) = self.tables.last_mut() else {
            return;
        };
        let cells = std::mem::take(row);
        if cells.iter().all(String::is_empty) {
            return;
        }
        if nested {
            // A table inside a cell: its rows become lines of the outer cell.
            let line = cells.join("\t");
            let outer = self.tables.len() - 2;
            if let Some(cell) = self.tables.get_mut(outer).and_then(|r| r.last_mut()) {
                if !cell.is_empty() {
                    cell.push('\n');
                }
                cell.push_str(&line);
            }
            return;
        }
        self.line += 1;
        let block = Block::table_row(cells, self.position());
        self.blocks.push(block);
    }

    pub(super) fn enter_text_box(&mut self) {
        self.text_box += 1;
    }

    pub(super) fn leave_text_box(&mut self) {
        self.text_box = self.text_box.saturating_sub(1);
    }

    pub(super) fn page_break(&mut self) {
        self.page = self.page.saturating_add(1);
    }
}

/// Collapse runs of spaces and line breaks within a paragraph, keep tabs.
fn collapse(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    for c in text.trim().chars() {
        if matches!(c, ' ' | '\n' | '\r') {
            space = true;
        } else {
            if space && !out.is_empty() {
                out.push(' ');
            }
            space = false;
            out.push(c);
        }
    }
    out
}
