//! PDF with a text layer, through poppler's `pdftotext -bbox-layout` run as
//! a subprocess with a time limit and a cap on what it may print: every word
//! with its box, laid out again into lines, tables and columns
//! ([`super::layout`]). Page numbers and running headers/footers are
//! recognised; the text of a page without boxes (OCR) is read by line.

use std::collections::HashMap;
use std::ffi::OsStr;
use std::io::Write;

use super::layout::{self, Laid};
use super::plain::{Line, blocks_from_lines, shape};
use crate::document::{Block, BlockKind, Document, Position, SourceKind};
use crate::error::ImportError;
use crate::read::{Limits, tool};

pub(super) fn read(bytes: &[u8], limits: &Limits) -> Result<Document, ImportError> {
    if bytes.windows(8).any(|w| w == b"/Encrypt") {
        return Err(ImportError::Encrypted);
    }
    let xhtml = run_pdftotext(bytes, limits)?;
    let pages = layout::pages(&xhtml)?;
    if pages.iter().all(Vec::is_empty) {
        // A scan: its pages are read by OCR.
        return super::ocr::read(bytes, limits);
    }
    Ok(document_from_laid(&layout::lay_out_pages(&pages)))
}

/// The words of every page with their boxes: `pdftotext -bbox-layout`'s XHTML.
fn run_pdftotext(bytes: &[u8], limits: &Limits) -> Result<Vec<u8>, ImportError> {
    let mut input = tempfile::Builder::new()
        .prefix("iop-import-")
        .suffix(".pdf")
        .tempfile()
        .map_err(|e| tool::error("pdftotext", format!("temporary file: {e}")))?;
    input
        .write_all(bytes)
        .map_err(|e| tool::error("pdftotext", format!("temporary file: {e}")))?;
    let args = [
        OsStr::new("-bbox-layout"),
        OsStr::new("-enc"),
        OsStr::new("UTF-8"),
        OsStr::new("-eol"),
        OsStr::new("unix"),
        OsStr::new("-q"),
        input.path().as_os_str(),
        OsStr::new("-"),
    ];
    let run = tool::run(
        "pdftotext",
        &args,
        limits.timeout,
        limits.max_text,
        "poppler-utils",
    )?;
    if !run.status.success() {
        return Err(match run.status.code() {
            Some(1) if run.stderr.to_lowercase().contains("password") => ImportError::Encrypted,
            Some(3) => ImportError::Encrypted,
            _ => ImportError::Corrupt {
                reason: format!("pdftotext could not read it: {}", run.stderr.trim()),
            },
        });
    }
    Ok(run.stdout)
}

/// A page number line: "3", "- 3 -", "Sida 3 av 7", "3 (7)", "3/7".
/// Years ("2025-2028") are not page numbers: page numbers have at most three digits.
fn is_page_number(line: &str) -> bool {
    let lower = line.trim().to_lowercase();
    let rest = lower
        .strip_prefix("sidan")
        .or_else(|| lower.strip_prefix("sida"))
        .or_else(|| lower.strip_prefix("s."))
        .unwrap_or(&lower);
    let spaced: String = rest
        .chars()
        .map(|c| {
            if matches!(c, '-' | '–' | '(' | ')' | '/' | '.') {
                ' '
            } else {
                c
            }
        })
        .collect();
    let words: Vec<&str> = spaced.split_whitespace().filter(|w| *w != "av").collect();
    (1..=2).contains(&words.len())
        && words
            .iter()
            .all(|w| w.len() <= 3 && w.chars().all(|c| c.is_ascii_digit()))
}

/// A document from the text of its pages (pdftotext's plain text, or the
/// lines OCR read): each line where it stands, its column from its indent.
pub(super) fn document_from_pages(pages: &[&str]) -> Document {
    let laid: Vec<Vec<Laid>> = pages
        .iter()
        .map(|page| {
            page.lines()
                .enumerate()
                .map(|(n, text)| Laid {
                    text: text.to_owned(),
                    cells: None,
                    line: u32::try_from(n + 1).unwrap_or(u32::MAX),
                    column: u32::try_from(
                        text.chars().take_while(|c| c.is_whitespace()).count() + 1,
                    )
                    .unwrap_or(u32::MAX),
                })
                .collect()
        })
        .collect();
    document_from_laid(&laid)
}

/// First and last line of a page that is neither blank nor a page number.
fn edges(page: &[Laid]) -> (Option<usize>, Option<usize>) {
    let mut lines = page
        .iter()
        .enumerate()
        .filter(|(_, l)| !l.text.trim().is_empty() && !is_page_number(&l.text))
        .map(|(i, _)| i);
    (lines.next(), lines.next_back())
}

/// A document from laid-out pages: page numbers dropped, a top or bottom
/// line that repeats on at least half of the pages (and on two at least) a
/// running header or footer, the rest grouped into blocks.
pub(super) fn document_from_laid(pages: &[Vec<Laid>]) -> Document {
    let mut top: HashMap<String, usize> = HashMap::new();
    let mut bottom: HashMap<String, usize> = HashMap::new();
    for page in pages {
        let (first, last) = edges(page);
        if let Some(i) = first {
            *top.entry(shape(&page[i].text)).or_default() += 1;
        }
        if let Some(i) = last {
            *bottom.entry(shape(&page[i].text)).or_default() += 1;
        }
    }
    let needed = (pages.len() / 2).max(2);
    let mut blocks = Vec::new();
    for (index, page) in pages.iter().enumerate() {
        let page_no = u32::try_from(index + 1).unwrap_or(u32::MAX);
        let (first, last) = edges(page);
        let at = |l: &Laid| Position {
            page: page_no,
            line: l.line,
            column: l.column,
        };
        let mut lines = Vec::with_capacity(page.len());
        let mut rows: Vec<(usize, Block)> = Vec::new();
        for (n, laid) in page.iter().enumerate() {
            let number = u32::try_from(n + 1).unwrap_or(u32::MAX);
            let repeated = |edge: Option<usize>, counts: &HashMap<String, usize>| {
                edge == Some(n) && counts.get(&shape(&laid.text)).is_some_and(|&c| c >= needed)
            };
            let mut text = laid.text.as_str();
            if is_page_number(text) {
                text = "";
            } else if repeated(first, &top) {
                blocks.push(Block::new(BlockKind::Header, text.trim(), at(laid)));
                text = "";
            } else if repeated(last, &bottom) {
                blocks.push(Block::new(BlockKind::Footer, text.trim(), at(laid)));
                text = "";
            } else if let Some(cells) = &laid.cells {
                rows.push((n, Block::table_row(cells.clone(), at(laid))));
                text = "";
            }
            lines.push(Line {
                page: page_no,
                number,
                text,
            });
        }
        let mut body: Vec<(usize, Block)> = blocks_from_lines(&lines, false)
            .into_iter()
            .map(|mut block| {
                let n = block.position.line.saturating_sub(1) as usize;
                if let Some(laid) = page.get(n) {
                    block.position = at(laid);
                }
                (n, block)
            })
            .collect();
        body.extend(rows);
        body.sort_by_key(|(n, _)| *n);
        blocks.extend(body.into_iter().map(|(_, b)| b));
    }
    Document {
        source: SourceKind::Pdf,
        blocks,
        pages: u32::try_from(pages.len()).unwrap_or(u32::MAX),
        warnings: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_numbers_and_running_lines_are_recognised() {
        let pages = [
            "Avtal om stöd 2025\n\nEkonomi\n\nKommunen betalar 100 000 kronor per år till föreningen för arbetet med\nsamhälls-\nlotsning.\n\nSida 1 av 2\n",
            "Avtal om stöd 2025\n\nGiltighet\n\nAvtalet gäller 2025.\n\nSida 2 av 2\n",
        ];
        let document = document_from_pages(&pages);
        let headers = document
            .blocks
            .iter()
            .filter(|b| b.kind == BlockKind::Header)
            .count();
        assert_eq!(headers, 2);
        assert!(document.blocks.iter().all(|b| !b.text.contains("Sida")));
        assert!(
            document
                .blocks
                .iter()
                .any(|b| b.text.ends_with("samhällslotsning."))
        );
        assert_eq!(document.pages, 2);
    }

    #[test]
    fn page_number_forms() {
        for t in ["3", "- 3 -", "Sida 3 av 7", "3 (7)", "3/7", "3 av 7"] {
            assert!(is_page_number(t), "{t}");
        }
        for t in ["2025-2028", "Sidan tre", "1 300 000 kronor", "3 kap. 2 §"] {
            assert!(!is_page_number(t), "{t}");
        }
    }
}
