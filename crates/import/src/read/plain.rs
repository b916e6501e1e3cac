//! Plain text: decoding, and lines into blocks (shared with the PDF reader).

use crate::document::{Block, BlockKind, Document, Position, SourceKind};
use crate::error::ImportError;

pub(super) fn read(bytes: &[u8], source: SourceKind) -> Result<Document, ImportError> {
    let (text, warning) = decode(bytes)?;
    let running = running_headers(&text);
    let mut headers = Vec::new();
    let lines: Vec<Line<'_>> = text
        .lines()
        .enumerate()
        .map(|(i, text)| {
            let mut line = Line {
                page: 1,
                number: u32::try_from(i + 1).unwrap_or(u32::MAX),
                text,
            };
            if running.contains(&shape(text)) {
                headers.push(Block::new(BlockKind::Header, text.trim(), line.position()));
                line.text = "";
            }
            line
        })
        .collect();
    let mut blocks = blocks_from_lines(&lines, source == SourceKind::Markdown);
    blocks.extend(headers);
    Ok(Document {
        source,
        blocks,
        pages: 1,
        warnings: warning.into_iter().collect(),
    })
}

/// A line with digits blanked and spaces collapsed: "Avtal 2025   Sida 2 av 3" → "Avtal # Sida # av #".
pub(super) fn shape(line: &str) -> String {
    let blanked: String = line
        .chars()
        .map(|c| if c.is_ascii_digit() { '#' } else { c })
        .collect();
    let words: Vec<&str> = blanked.split_whitespace().collect();
    words.join(" ").replace("##", "#").replace("##", "#")
}

/// Lines of a text file that repeat with a page marker ("Sida 1 av 2"): the
/// running header or footer of a document saved as text (or read by OCR).
fn running_headers(text: &str) -> Vec<String> {
    let mut counts: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for line in text.lines() {
        let s = shape(line);
        let lower = s.to_lowercase();
        if lower.contains("sida # av #")
            || lower.contains("sidan # av #")
            || lower.ends_with("sida #")
            || lower.ends_with(" # (#)")
        {
            *counts.entry(s).or_default() += 1;
        }
    }
    counts
        .into_iter()
        .filter(|(_, n)| *n >= 2)
        .map(|(s, _)| s)
        .collect()
}

/// UTF-8 (with or without BOM), UTF-16 with BOM, else Windows-1252 (which
/// covers Latin-1's printable characters). Binary content is refused.
pub(super) fn decode(bytes: &[u8]) -> Result<(String, Option<String>), ImportError> {
    if let Some((encoding, bom)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, _) = encoding.decode_without_bom_handling(&bytes[bom..]);
        return Ok((text.into_owned(), None));
    }
    if bytes.contains(&0) {
        return Err(ImportError::UnknownType {
            name: "binary content".into(),
        });
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok((text.to_owned(), None)),
        Err(_) => {
            let (text, _, _) = encoding_rs::WINDOWS_1252.decode(bytes);
            Ok((
                text.into_owned(),
                Some("not UTF-8: read as Windows-1252 (Latin-1)".into()),
            ))
        }
    }
}

#[derive(Debug, Clone, Copy)]
pub(super) struct Line<'a> {
    pub page: u32,
    pub number: u32,
    pub text: &'a str,
}

impl Line<'_> {
    fn position(&self) -> Position {
        let indent = self.text.chars().take_while(|c| c.is_whitespace()).count();
        Position {
            page: self.page,
            line: self.number,
            column: u32::try_from(indent + 1).unwrap_or(u32::MAX),
        }
    }
}

/// Group lines into blocks: blank lines end paragraphs, wrapped lines join
/// (words hyphenated across lines rejoined), list markers and tab-separated
/// cells are recognised, and a short line standing alone is a heading.
pub(super) fn blocks_from_lines(lines: &[Line<'_>], markdown: bool) -> Vec<Block> {
    let mut blocks: Vec<Block> = Vec::new();
    // Index in `blocks` of the paragraph still open, and how many lines it has.
    let mut open: Option<(usize, usize)> = None;
    let mut last_line_len = 0;
    let full = full_width(lines);
    for (i, line) in lines.iter().enumerate() {
        let text = line.text.trim();
        if text.is_empty() {
            open = None;
            continue;
        }
        let position = line.position();
        if markdown && let Some(heading) = markdown_heading(text) {
            let mut block = Block::new(BlockKind::Heading, heading, position);
            block.styled = true;
            blocks.push(block);
            open = None;
            continue;
        }
        if let Some(cells) = table_cells(line.text, markdown) {
            open = None;
            if !cells
                .iter()
                .all(|c| c.chars().all(|ch| matches!(ch, '-' | ':' | ' ')))
            {
                blocks.push(Block::table_row(cells, position));
            }
            continue;
        }
        if let Some(item) = list_item(text) {
            blocks.push(Block::new(BlockKind::ListItem, item, position));
            open = Some((blocks.len() - 1, 1));
            last_line_len = text.chars().count();
            continue;
        }
        match open {
            Some((index, count))
                if !ends_block(&blocks[index].text)
                    && !starts_new_block(&blocks[index].text, text, full)
                    && !next_party_line(
                        lines.get(i.wrapping_sub(1)).map_or("", |l| l.text.trim()),
                        text,
                    )
                    && (last_line_len >= full
                        || blocks[index].text.ends_with(['-', '\u{ad}'])
                        || text.starts_with(char::is_lowercase) && last_line_len * 2 >= full
                        || runs_on(&blocks[index].text, text)) =>
            {
                join_wrapped(&mut blocks[index].text, text);
                open = Some((index, count + 1));
            }
            _ => {
                let alone = i == 0 || lines[i - 1].text.trim().is_empty();
                let next_blank = lines.get(i + 1).is_none_or(|l| l.text.trim().is_empty());
                let kind = if alone && next_blank && looks_like_heading(text) {
                    BlockKind::Heading
                } else {
                    BlockKind::Paragraph
                };
                blocks.push(Block::new(kind, text, position));
                open = (kind == BlockKind::Paragraph).then_some((blocks.len() - 1, 1));
            }
        }
        last_line_len = text.chars().count();
    }
    blocks
}

/// The length from which a line counts as filled to the margin, so that the
/// next line continues its paragraph: 75 % of the longest lines (the 95th
/// percentile, so one stray long line does not decide), and 40 at least.
fn full_width(lines: &[Line<'_>]) -> usize {
    let mut lengths: Vec<usize> = lines
        .iter()
        .map(|l| l.text.trim().chars().count())
        .filter(|&n| n > 0)
        .collect();
    lengths.sort_unstable();
    let typical = lengths
        .get(lengths.len().saturating_sub(1) * 19 / 20)
        .copied()
        .unwrap_or(0);
    (typical * 3 / 4).max(40)
}

/// A sentence ended and a short heading-like line follows: a heading, not a continuation.
fn starts_new_block(previous: &str, next: &str, full: usize) -> bool {
    previous.ends_with(['.', '!', '?'])
        && next.chars().count() * 2 < full
        && looks_like_heading(next)
}

/// A line broken where no clause can end ("… t.o.m." before "2029-12-31",
/// "… med" before "tre månaders varsel"), as OCR and narrow columns break them.
fn runs_on(previous: &str, next: &str) -> bool {
    const OPEN_ENDS: [&str; 14] = [
        ",", " och", " samt", " till", " med", " den", " om", " av", " för", " i", " på", "t.o.m.",
        "fr.o.m.", " –",
    ];
    OPEN_ENDS.iter().any(|e| previous.ends_with(e))
        && next.starts_with(|c: char| c.is_lowercase() || c.is_ascii_digit())
}

/// Two lines each naming an organisation by its number ("Bergsjö kommun,
/// org.nr 212000-2510" under "Region Dalarö, org.nr 232100-0412, genom …"):
/// a list of parties, one per line, however long the first one is.
fn next_party_line(previous: &str, next: &str) -> bool {
    has_org_number(previous)
        && has_org_number(next)
        && next.starts_with(char::is_uppercase)
        && !previous.ends_with(',')
        && !previous.ends_with(" och")
}

/// Six digits, a hyphen or space or nothing, four digits.
fn has_org_number(text: &str) -> bool {
    let digits: Vec<(usize, char)> = text.char_indices().collect();
    digits.windows(11).any(|w| {
        let d = |r: std::ops::Range<usize>| w[r].iter().all(|(_, c)| c.is_ascii_digit());
        d(0..6) && (matches!(w[6].1, '-' | ' ') && d(7..11) || d(6..10))
    }) || digits
        .windows(10)
        .any(|w| w.iter().all(|(_, c)| c.is_ascii_digit()))
}

fn ends_block(text: &str) -> bool {
    text.ends_with(':')
}

/// Append a wrapped line; "samhälls-\nlotsning" becomes one word, while a
/// suspended compound ("Hälso- och sjukvård") keeps its hyphen.
fn join_wrapped(paragraph: &mut String, next: &str) {
    let first_word = next.split_whitespace().next().unwrap_or("");
    let suspended = matches!(
        first_word,
        "och" | "eller" | "samt" | "respektive" | "resp." | "till" | "som"
    );
    // A soft hyphen (U+00AD) at a line's end is where a typesetter broke the word.
    if paragraph.ends_with('\u{ad}') {
        paragraph.pop();
        paragraph.push_str(next);
        return;
    }
    let hyphenated = paragraph.ends_with('-')
        && paragraph
            .chars()
            .rev()
            .nth(1)
            .is_some_and(char::is_alphabetic)
        && next.chars().next().is_some_and(char::is_lowercase);
    if hyphenated && !suspended {
        paragraph.pop();
    } else {
        paragraph.push(' ');
    }
    paragraph.push_str(next);
}

fn markdown_heading(text: &str) -> Option<&str> {
    let rest = text.trim_start_matches('#');
    (rest.len() < text.len() && text.len() - rest.len() <= 6 && rest.starts_with(' '))
        .then(|| rest.trim())
}

fn table_cells(raw: &str, markdown: bool) -> Option<Vec<String>> {
    let trimmed = raw.trim();
    let cells: Vec<String> = if markdown && trimmed.starts_with('|') && trimmed.ends_with('|') {
        trimmed
            .trim_matches('|')
            .split('|')
            .map(|c| c.trim().to_owned())
            .collect()
    } else if trimmed.contains('\t') {
        trimmed
            .split('\t')
            .map(str::trim)
            .filter(|c| !c.is_empty())
            .map(str::to_owned)
            .collect()
    } else {
        return None;
    };
    (cells.len() >= 2).then_some(cells)
}

/// "- text", "• text", "1. text", "a) text": the item's text without its marker.
fn list_item(text: &str) -> Option<&str> {
    for marker in ["- ", "* ", "• ", "– ", "· ", "o "] {
        if let Some(rest) = text.strip_prefix(marker) {
            return Some(rest.trim());
        }
    }
    let digits = text.chars().take_while(char::is_ascii_digit).count();
    let letter =
        usize::from(digits == 0 && text.chars().next().is_some_and(|c| c.is_ascii_lowercase()));
    let marker_len = digits.max(letter);
    if marker_len == 0 || marker_len > 2 {
        return None;
    }
    let rest = &text[marker_len..];
    let rest = rest
        .strip_prefix(')')
        .or_else(|| (digits > 0).then(|| rest.strip_prefix('.')).flatten())?;
    // "1. Bakgrund" is a numbered heading, not an item: items go on with a sentence.
    let rest = rest.strip_prefix(' ')?.trim();
    (rest.chars().count() > 40 || rest.ends_with(['.', ';', ','])).then_some(rest)
}

/// A short line that does not read as a sentence.
pub(super) fn looks_like_heading(text: &str) -> bool {
    let words = text.split_whitespace().count();
    let starts_well = text
        .chars()
        .find(|c| !c.is_ascii_digit() && !matches!(c, '.' | ' ' | '§'))
        .is_some_and(char::is_uppercase);
    words <= 8 && text.chars().count() <= 70 && starts_well && !text.ends_with(['.', ',', ';'])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(text: &str) -> Vec<Line<'_>> {
        text.lines()
            .enumerate()
            .map(|(i, text)| Line {
                page: 1,
                number: i as u32 + 1,
                text,
            })
            .collect()
    }

    #[test]
    fn headings_paragraphs_lists_and_tables() {
        let text = "Ekonomi\n\nKostnaden är 100 000 kronor per år och betalas av kommunen till föreningen\nsom delas i två poster.\n\n- en post\n- en annan\n\nlokaler\t37 000\nvolontärer\t10 000\n";
        let blocks = blocks_from_lines(&lines(text), false);
        let kinds: Vec<BlockKind> = blocks.iter().map(|b| b.kind).collect();
        assert_eq!(
            kinds,
            [
                BlockKind::Heading,
                BlockKind::Paragraph,
                BlockKind::ListItem,
                BlockKind::ListItem,
                BlockKind::TableRow,
                BlockKind::TableRow
            ]
        );
        assert!(
            blocks[1]
                .text
                .ends_with("föreningen som delas i två poster.")
        );
        assert_eq!(blocks[4].cells, ["lokaler", "37 000"]);
        assert_eq!(blocks[1].position.line, 3);
    }

    #[test]
    fn hyphenated_words_join_but_suspended_compounds_do_not() {
        let text = "Region Skåne genom Hälso- och sjukvårdsnämnden ger stöd till samhälls-\nlotsning och till hälso-\noch sjukvård.";
        let blocks = blocks_from_lines(&lines(text), false);
        assert_eq!(blocks.len(), 1);
        assert!(blocks[0].text.contains("samhällslotsning"));
        assert!(blocks[0].text.contains("hälso- och sjukvård"));
    }

    #[test]
    fn latin1_is_detected() {
        let (text, warning) = decode(b"Parter: F\xf6reningen \xc5by").unwrap_or_default();
        assert_eq!(text, "Parter: Föreningen Åby");
        assert!(warning.is_some());
    }
}
