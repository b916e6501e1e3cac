//! A scanned PDF (no text layer) read by OCR: poppler's `pdftoppm` renders
//! each page to a grey image (the longer side 3 508 pixels, 300 dpi for A4),
//! Tesseract reads it with its Swedish data and prints its words with their
//! boxes (TSV), and the lines become blocks as for a PDF with text. Every
//! program runs bounded (time, output), at most [`Limits::max_pages`] pages,
//! in a temporary directory that is removed afterwards. Every block is
//! marked as OCR, so no fact read from it is ever certain.

use std::collections::HashMap;
use std::ffi::OsStr;
use std::path::Path;
use std::time::{Duration, Instant};

use super::pdf::document_from_pages;
use crate::document::{Document, SourceKind};
use crate::error::ImportError;
use crate::read::{Limits, tool};

/// The longer side of a rendered page in pixels: 300 dpi on A4.
const PIXELS: &str = "3508";

pub(super) fn read(bytes: &[u8], limits: &Limits) -> Result<Document, ImportError> {
    let started = Instant::now();
    check_tesseract(limits)?;
    let temporary = |e: std::io::Error| tool::error("pdftoppm", format!("temporary file: {e}"));
    let dir = tempfile::Builder::new()
        .prefix("iop-ocr-")
        .tempdir()
        .map_err(temporary)?;
    let input = dir.path().join("scan.pdf");
    std::fs::write(&input, bytes).map_err(temporary)?;
    let pages = page_count(&input, limits)?;
    let read_pages = pages.min(limits.max_pages);
    let mut tsv = Vec::new();
    let mut printed = 0u64;
    for page in 1..=read_pages {
        let remaining = limits
            .ocr_timeout
            .checked_sub(started.elapsed())
            .filter(|d| !d.is_zero())
            .ok_or_else(|| {
                tool::error(
                    "tesseract",
                    format!(
                        "reading the scan took longer than {} s",
                        limits.ocr_timeout.as_secs()
                    ),
                )
            })?;
        let text = read_page(dir.path(), &input, page, limits, remaining)?;
        printed += text.len() as u64;
        if printed > limits.max_text {
            return Err(tool::error(
                "tesseract",
                format!("printed more than {} bytes of text", limits.max_text),
            ));
        }
        tsv.push(text);
    }
    let tsv: Vec<&str> = tsv.iter().map(String::as_str).collect();
    let mut document = document_from_tsv(&tsv);
    if document.blocks.iter().all(|b| b.text.trim().is_empty()) {
        return Err(ImportError::NoTextLayer {
            ocr_available: true,
        });
    }
    if pages > read_pages {
        document.warnings.push(format!(
            "the scan has {pages} pages; OCR read the first {read_pages}"
        ));
    }
    Ok(document)
}

/// Tesseract and its Swedish data are installed, or an error that says what to install.
fn check_tesseract(limits: &Limits) -> Result<(), ImportError> {
    let run = tool::run(
        "tesseract",
        &["--list-langs"],
        limits.timeout,
        64 * 1024,
        "tesseract-ocr",
    )
    .map_err(|e| match e {
        ImportError::Tool { ref reason, .. } if reason.starts_with("not installed") => {
            ImportError::NoTextLayer {
                ocr_available: false,
            }
        }
        other => other,
    })?;
    // Tesseract 4 and later list to standard output, older ones to standard error.
    let listed = String::from_utf8_lossy(&run.stdout).into_owned() + "\n" + &run.stderr;
    if listed.lines().any(|l| l.trim() == "swe") {
        Ok(())
    } else {
        Err(tool::error(
            "tesseract",
            "the Swedish language data is not installed (Debian package tesseract-ocr-swe)",
        ))
    }
}

/// The number of pages, from poppler's `pdfinfo`.
fn page_count(input: &Path, limits: &Limits) -> Result<u32, ImportError> {
    let run = tool::run(
        "pdfinfo",
        &[input.as_os_str()],
        limits.timeout,
        1024 * 1024,
        "poppler-utils",
    )?;
    let text = String::from_utf8_lossy(&run.stdout);
    let pages = text
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse::<u32>().ok());
    match pages {
        Some(n) if run.status.success() => Ok(n),
        _ => Err(ImportError::Corrupt {
            reason: format!("pdfinfo could not read it: {}", run.stderr.trim()),
        }),
    }
}

/// One page rendered and read; the image is removed before the next.
fn read_page(
    dir: &Path,
    input: &Path,
    page: u32,
    limits: &Limits,
    remaining: Duration,
) -> Result<String, ImportError> {
    let number = page.to_string();
    let stem = dir.join("page");
    let image = dir.join("page.pgm");
    let render = [
        OsStr::new("-gray"),
        OsStr::new("-scale-to"),
        OsStr::new(PIXELS),
        OsStr::new("-f"),
        OsStr::new(&number),
        OsStr::new("-l"),
        OsStr::new(&number),
        OsStr::new("-singlefile"),
        input.as_os_str(),
        stem.as_os_str(),
    ];
    let timeout = limits.timeout.min(remaining);
    let run = tool::run("pdftoppm", &render, timeout, 64 * 1024, "poppler-utils")?;
    if !run.status.success() || !image.exists() {
        return Err(ImportError::Corrupt {
            reason: format!(
                "pdftoppm could not render page {page}: {}",
                run.stderr.trim()
            ),
        });
    }
    let read = [
        image.as_os_str(),
        OsStr::new("stdout"),
        OsStr::new("-l"),
        OsStr::new("swe"),
        OsStr::new("tsv"),
    ];
    let timeout = limits.timeout.min(remaining);
    let result = tool::run(
        "tesseract",
        &read,
        timeout,
        limits.max_text,
        "tesseract-ocr",
    );
    let _ = std::fs::remove_file(&image);
    let run = result?;
    if !run.status.success() {
        return Err(tool::error(
            "tesseract",
            format!("could not read page {page}: {}", run.stderr.trim()),
        ));
    }
    Ok(String::from_utf8_lossy(&run.stdout).into_owned())
}

/// One line of recognised words and where it starts on the image.
struct OcrLine {
    paragraph: (u32, u32),
    left: u32,
    words: Vec<String>,
}

/// The lines of one page of Tesseract's TSV, in its reading order, and the
/// width of an average character in pixels.
fn lines(tsv: &str) -> (Vec<OcrLine>, u32) {
    let mut lines: Vec<OcrLine> = Vec::new();
    let mut index: HashMap<(u32, u32, u32), usize> = HashMap::new();
    let (mut pixels, mut chars) = (0u64, 0u64);
    for row in tsv.lines() {
        let fields: Vec<&str> = row.split('\t').collect();
        let [
            level,
            _,
            block,
            paragraph,
            line,
            _,
            left,
            _,
            width,
            _,
            _,
            text,
        ] = fields[..]
        else {
            continue;
        };
        let text = text.trim();
        let number = |s: &str| s.trim().parse::<u32>().ok();
        let (Some(5), Some(block), Some(paragraph), Some(line), Some(left), Some(width)) = (
            number(level),
            number(block),
            number(paragraph),
            number(line),
            number(left),
            number(width),
        ) else {
            continue;
        };
        if text.is_empty() {
            continue;
        }
        pixels += u64::from(width);
        chars += text.chars().count() as u64;
        let at = *index.entry((block, paragraph, line)).or_insert_with(|| {
            lines.push(OcrLine {
                paragraph: (block, paragraph),
                left,
                words: Vec::new(),
            });
            lines.len() - 1
        });
        if let Some(l) = lines.get_mut(at) {
            l.left = l.left.min(left);
            l.words.push(text.to_owned());
        }
    }
    let char_width = u32::try_from(pixels / chars.max(1))
        .unwrap_or(u32::MAX)
        .max(1);
    (lines, char_width)
}

/// A document from Tesseract's TSV, one string a page: a blank line between
/// its paragraphs, then the page numbers, running headers and line grouping
/// of a PDF with text; every block marked as OCR, its column counted in
/// average characters from the page's left text margin.
pub(super) fn document_from_tsv(pages: &[&str]) -> Document {
    let mut texts = Vec::with_capacity(pages.len());
    let mut columns: Vec<Vec<u32>> = Vec::with_capacity(pages.len());
    for page in pages {
        let (lines, char_width) = lines(page);
        let margin = lines.iter().map(|l| l.left).min().unwrap_or(0);
        let mut text = String::new();
        let mut column = Vec::new();
        let mut last = None;
        for line in &lines {
            if last.is_some_and(|p| p != line.paragraph) {
                text.push('\n');
                column.push(1);
            }
            last = Some(line.paragraph);
            text.push_str(&line.words.join(" "));
            text.push('\n');
            column.push(1 + (line.left - margin) / char_width);
        }
        texts.push(text);
        columns.push(column);
    }
    let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
    let mut document = document_from_pages(&refs);
    document.source = SourceKind::ScannedPdf;
    for block in &mut document.blocks {
        block.ocr = true;
        let page = block.position.page.saturating_sub(1) as usize;
        let line = block.position.line.saturating_sub(1) as usize;
        if let Some(&c) = columns.get(page).and_then(|c| c.get(line)) {
            block.position.column = c;
        }
    }
    document
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::BlockKind;

    const TSV: &str = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext
1\t1\t0\t0\t0\t0\t0\t0\t2481\t3508\t-1\t
5\t1\t1\t1\t1\t1\t293\t177\t309\t31\t96.5\tÖverenskommelse
5\t1\t1\t1\t1\t2\t616\t188\t48\t20\t96.6\tom
5\t1\t2\t1\t1\t1\t294\t468\t121\t32\t91.4\tParter
5\t1\t2\t2\t1\t1\t355\t592\t139\t43\t96.2\tRegion
5\t1\t2\t2\t1\t2\t453\t592\t140\t39\t96.4\tDalarö,
5\t1\t2\t2\t2\t1\t295\t650\t100\t39\t96.4\tgenom
";

    #[test]
    fn words_become_lines_and_paragraphs_marked_as_ocr() {
        let document = document_from_tsv(&[TSV]);
        assert_eq!(document.source, SourceKind::ScannedPdf);
        let texts: Vec<&str> = document.blocks.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(
            texts,
            ["Överenskommelse om", "Parter", "Region Dalarö, genom"]
        );
        assert!(document.blocks.iter().all(|b| b.ocr));
        // "Region" starts 60 pixels right of the margin at 293; an average
        // character is (309+48+121+139+140+100)/(15+2+6+6+7+5) = 20 pixels wide.
        assert_eq!(document.blocks[2].position.column, 4);
        assert_eq!(document.blocks[2].position.line, 5);
        assert_ne!(document.blocks[0].kind, BlockKind::Header);
    }

    #[test]
    fn broken_rows_are_skipped() {
        let document =
            document_from_tsv(&["5\t1\tx\n\t\t\t\n5\t1\t1\t1\t1\t1\t-3\t0\t9\t9\t9\tord\n"]);
        assert!(document.blocks.is_empty());
    }
}
