//! Helpers shared by the document tests: the seed agreements, the seed
//! texts they come from, PDF text extraction (poppler's pdftotext) and the
//! PNG previews under `target/docs-preview/`.

#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};
use std::process::Command;

use domain::Agreement;
use domain::format::{Syntax, parse};

pub const GOTLAND: &str = include_str!("../../../../examples/000-gotland-rkg.toml");
pub const VI_SES: &str = include_str!("../../../../examples/002-linkoping-vi-ses.toml");
pub const SKANE: &str = include_str!("../../../../examples/003-skane-malmo-barn.toml");
pub const GOTEBORG: &str = include_str!("../../../../examples/004-goteborg-eu-migranter.toml");

pub fn load(text: &str) -> Agreement {
    parse(text, Syntax::Toml).unwrap_or_else(|e| panic!("does not load: {e:?}"))
}

/// The workspace root (two levels above this crate).
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The seed text whose file name starts with `prefix` ("000", "001", …).
pub fn seed(prefix: &str) -> String {
    let dir = root().join("../shared/seeds");
    let entry = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .find(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with(prefix))
        })
        .unwrap_or_else(|| panic!("no seed {prefix} in {}", dir.display()));
    std::fs::read_to_string(entry).unwrap()
}

/// Where previews and rendered files go for a person to look at.
pub fn preview_dir() -> PathBuf {
    let dir = root().join("target/docs-preview");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn tool(name: &str) -> Command {
    let ok = Command::new(name).arg("-v").output().is_ok();
    assert!(
        ok,
        "{name} is missing: install poppler-utils (apt-get install -y poppler-utils; ./scripts/test does it)"
    );
    Command::new(name)
}

/// Write the PDF under `target/docs-preview/NAME.pdf`, its first page as
/// `NAME.png` (60 dpi), and return the text `pdftotext -layout` extracts.
pub fn pdf_text(name: &str, pdf: &[u8]) -> String {
    assert!(pdf.starts_with(b"%PDF-"), "{name}: not a PDF");
    let dir = preview_dir();
    let path = dir.join(format!("{name}.pdf"));
    std::fs::write(&path, pdf).unwrap();
    let png = tool("pdftoppm")
        .args(["-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile"])
        .arg(&path)
        .arg(dir.join(name))
        .status()
        .unwrap();
    assert!(png.success(), "pdftoppm failed for {name}");
    let out = tool("pdftotext")
        .args(["-layout", "-enc", "UTF-8"])
        .arg(&path)
        .arg("-")
        .output()
        .unwrap();
    assert!(out.status.success(), "pdftotext failed for {name}");
    String::from_utf8(out.stdout).unwrap()
}

/// `pdfinfo`'s report on a rendered PDF.
pub fn pdf_info(name: &str) -> String {
    let path = preview_dir().join(format!("{name}.pdf"));
    let out = tool("pdfinfo").arg(&path).output().unwrap();
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The text as a reader sees it: hyphenation at line ends undone,
/// no-break spaces as spaces, every run of white space one space.
pub fn flat(text: &str) -> String {
    let text = text.replace(['\u{a0}', '\u{202f}'], " ");
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\u{ad}' {
            // A soft hyphen the layout broke at: join the word again.
            while chars.peek().is_some_and(|c| c.is_whitespace()) {
                chars.next();
            }
            continue;
        }
        if c.is_whitespace() {
            while chars.peek().is_some_and(|c| c.is_whitespace()) {
                chars.next();
            }
            out.push(' ');
        } else {
            out.push(c);
        }
    }
    out
}

/// The visible text of an HTML page: tags dropped, entities decoded,
/// white space collapsed.
pub fn html_text(html: &str) -> String {
    // A term and its description read "label: value", as a reader hears them.
    let html = &html.replace("</dt>", ":</dt>");
    let mut out = String::with_capacity(html.len());
    let mut in_tag = false;
    let mut in_style = false;
    let lower = html.to_lowercase();
    let mut i = 0;
    let bytes = html.as_bytes();
    while i < bytes.len() {
        if !in_tag && lower[i..].starts_with("<style") {
            in_style = true;
        }
        if in_style && lower[i..].starts_with("</style>") {
            in_style = false;
        }
        let c = html[i..].chars().next().unwrap();
        if c == '<' {
            in_tag = true;
            out.push(' ');
        } else if c == '>' && in_tag {
            in_tag = false;
        } else if !in_tag && !in_style {
            out.push(c);
        }
        i += c.len_utf8();
    }
    let decoded = out
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#34;", "\"")
        .replace("&#39;", "'")
        .replace("&#60;", "<")
        .replace("&#62;", ">")
        .replace("&#38;", "&")
        .replace("&#x27;", "'")
        .replace("&amp;", "&");
    flat(&decoded)
}

pub const MONTHS: [&str; 12] = [
    "januari",
    "februari",
    "mars",
    "april",
    "maj",
    "juni",
    "juli",
    "augusti",
    "september",
    "oktober",
    "november",
    "december",
];

/// "2021-01-01" → "1 januari 2021", independently of the crate's code.
pub fn prose_date(iso: &str) -> String {
    let parts: Vec<&str> = iso.split('-').collect();
    let month: usize = parts[1].parse().unwrap();
    let day: u32 = parts[2].parse().unwrap();
    format!("{day} {} {}", MONTHS[month - 1], parts[0])
}

/// Kronor grouped by thousands with spaces: 1300000 → "1 300 000".
pub fn grouped(kronor: i64) -> String {
    let digits = kronor.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(' ');
        }
        out.push(c);
    }
    out
}

/// "1 300 000" → 1300000.
pub fn kronor(text: &str) -> i64 {
    text.chars()
        .filter(char::is_ascii_digit)
        .collect::<String>()
        .parse()
        .unwrap()
}

/// Every organisation number the seed writes ("232100 - 0255"), as
/// NNNNNN-NNNN.
pub fn org_numbers(seed: &str) -> Vec<String> {
    let chars: Vec<char> = seed.chars().collect();
    let mut found = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if chars[i].is_ascii_digit() && (i == 0 || !chars[i - 1].is_ascii_digit()) {
            let mut j = i;
            let mut digits = String::new();
            while j < chars.len() && (chars[j].is_ascii_digit() || matches!(chars[j], ' ' | '-')) {
                if chars[j].is_ascii_digit() {
                    digits.push(chars[j]);
                }
                if digits.len() == 10 {
                    break;
                }
                j += 1;
            }
            let text: String = chars[i..=j.min(chars.len() - 1)].iter().collect();
            if digits.len() == 10
                && text.contains('-')
                && text[..6].chars().all(|c| c.is_ascii_digit())
            {
                found.push(format!("{}-{}", &digits[..6], &digits[6..]));
                i = j + 1;
                continue;
            }
        }
        i += 1;
    }
    found
}

/// Assert that `needle` appears in the seed (so the fact is the seed's) and
/// that `expected` appears in the document.
#[track_caller]
pub fn seed_fact(seed: &str, needle: &str, doc: &str, expected: &str) {
    assert!(
        flat(seed).contains(&flat(needle)),
        "the seed does not say {needle:?}"
    );
    assert!(
        doc.contains(expected),
        "the document lacks {expected:?} (the seed says {needle:?})"
    );
}

/// Some line of the layout text holds all the given pieces (a table row).
#[track_caller]
pub fn row_with(layout: &str, pieces: &[&str]) {
    let normal = layout.replace('\u{a0}', " ");
    assert!(
        normal.lines().any(|l| pieces.iter().all(|p| l.contains(p))),
        "no line holds all of {pieces:?}"
    );
}
