//! Bad and big input: missing sections are marked, not dropped; hundreds of
//! budget lines and any Unicode paginate; markup in the data stays text;
//! the same input gives the same bytes; errors say what is missing.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a failed test should panic

mod common;

use common::*;
use docs::{Doc, Options, Output, RenderError, render, render_with};
use domain::model::{BudgetLine, Indexation, SectionKind};
use domain::value::Money;

#[test]
fn the_same_agreement_gives_the_same_bytes() {
    let a = load(GOTLAND);
    for doc in [Doc::Agreement, Doc::Memo, Doc::Minute] {
        for output in [Output::Pdf, Output::Html] {
            let first = render(&a, doc, output).unwrap();
            let second = render(&a, doc, output).unwrap();
            assert!(first == second, "{doc:?} {output:?} differs between runs");
        }
    }
}

#[test]
fn the_document_date_is_the_one_given_never_the_clock() {
    let a = load(GOTLAND);
    let options = Options {
        date: Some("2025-01-15".parse().unwrap()),
        ..Options::default()
    };
    let pdf = render_with(&a, Doc::Agreement, Output::Pdf, &options).unwrap();
    pdf_text("dated-agreement", &pdf);
    let info = pdf_info("dated-agreement");
    assert!(
        info.lines()
            .any(|l| l.starts_with("CreationDate:") && l.contains("2025")),
        "{info}"
    );
    // The memo is dated by its own date (2024-04-08) when none is given.
    let memo = render(&a, Doc::Memo, Output::Pdf).unwrap();
    pdf_text("dated-memo", &memo);
    let info = pdf_info("dated-memo");
    assert!(
        info.lines()
            .any(|l| l.starts_with("CreationDate:") && l.contains("Apr") && l.contains("2024")),
        "{info}"
    );
}

#[test]
fn a_missing_section_is_marked_missing() {
    let mut a = load(VI_SES);
    let before = flat(&pdf_text(
        "missing-before",
        &render(&a, Doc::Agreement, Output::Pdf).unwrap(),
    ))
    .matches(docs::MISSING)
    .count();
    a.sections
        .retain(|s| s.kind != SectionKind::Values && !s.also.contains(&SectionKind::Values));
    a.values.clear();
    let text = flat(&pdf_text(
        "missing-values",
        &render(&a, Doc::Agreement, Output::Pdf).unwrap(),
    ));
    let at = text.find("4. Värdegrund").unwrap();
    let next = text.find("5. Insatser").unwrap();
    assert!(
        text[at..next].contains(docs::MISSING),
        "{}",
        &text[at..next]
    );
    assert_eq!(text.matches(docs::MISSING).count(), before + 1);

    let html = String::from_utf8(render(&a, Doc::Agreement, Output::Html).unwrap()).unwrap();
    let page = html_text(&html);
    let at = page.find("4. Värdegrund").unwrap();
    let next = page.find("5. Insatser").unwrap();
    assert!(page[at..next].contains(docs::MISSING));
}

#[test]
fn an_agreement_with_nothing_but_parties_renders_every_section_as_missing() {
    let mut a = load(VI_SES);
    a.sections.clear();
    a.purposes.clear();
    a.goals.clear();
    a.values.clear();
    a.target_groups.clear();
    a.activities.clear();
    a.governance.clear();
    a.financing = None;
    a.term = None;
    a.extension = None;
    a.termination.clear();
    a.reporting.clear();
    a.renegotiation = None;
    a.dispute = None;
    a.related.clear();
    a.employer = None;
    let text = flat(&pdf_text(
        "missing-everything",
        &render(&a, Doc::Agreement, Output::Pdf).unwrap(),
    ));
    assert_eq!(text.matches(docs::MISSING).count(), 11, "{text}");
    assert!(text.contains("212000-0449"));
    assert!(text.contains("Sida 1 av"));
}

/// Text from the corners of Unicode, and of Typst's and HTML's syntax.
const ODD: &str = "Sámi: Sámediggi, Čáhcesuolu, ŋ đ ŧ ž á. Meänkieli: Tornionlaakso. \
Romani čhib. ייִדיש. العربية. Ελληνικά. Українська. e\u{301}\u{301} fi\u{200d}ve \
#panic(\"boom\") $x^2$ *fet* _kursiv_ <etikett> @ref `kod` \\ // kommentar \
<script>alert(\"x\")</script> & \"citat\" 'apostrof'";

#[test]
fn three_hundred_budget_lines_and_odd_unicode_paginate() {
    let mut a = load(VI_SES);
    let f = a.financing.as_mut().unwrap();
    f.budget_lines = (1..=300)
        .map(|i| BudgetLine {
            id: format!("post-{i}").parse().unwrap(),
            name: if i % 50 == 0 {
                format!("Post {i} {ODD}")
            } else if i % 77 == 0 {
                format!("Post{i}{}", "ÅÄÖåäö".repeat(30))
            } else {
                format!("Post {i} – Ärende med åäö")
            },
            amount: Money::from_kronor(1_000 * i + 37).unwrap(),
        })
        .collect();
    f.indexation = Some(Indexation {
        id: "ix".parse().unwrap(),
        section: "Ekonomi".into(),
        quote: "2 %".into(),
        rate: "2".parse().unwrap(),
        starts: Default::default(),
        rounding: Default::default(),
    });
    let term = a.term.as_mut().unwrap();
    term.start = "2025-01-01".parse().unwrap();
    term.end = "2028-12-31".parse().unwrap();
    a.sections[1].text = format!("{ODD}\n\n- {ODD}\n\n{}", "Långtord".repeat(60));
    a.title = format!("Överenskommelse {ODD}");

    let pdf = render(&a, Doc::Agreement, Output::Pdf).unwrap();
    let layout = pdf_text("300-lines", &pdf);
    let text = flat(&layout);
    let pages = layout
        .split('\u{c}')
        .filter(|p| !p.trim().is_empty())
        .count();
    assert!(pages >= 8, "{pages} pages");
    for n in 1..=pages {
        assert!(text.contains(&format!("Sida {n} av {pages}")), "page {n}");
    }
    // The table's header row repeats on every page it runs over.
    let header_rows = layout
        .lines()
        .filter(|l| l.contains("Post") && l.contains("2025") && l.contains("2028"))
        .count();
    assert!(header_rows >= 5, "{header_rows} header rows");
    row_with(&layout, &["Post 300", "300 037 kr"]);
    // First year: the lines as given; the sum over all 300 lines.
    let first_year: i64 = (1..=300).map(|i| 1_000 * i + 37).sum();
    assert!(text.contains(&format!("{} kr", grouped(first_year))));
    // Markup in the data is text, not code.
    for piece in [
        "Sámediggi",
        "Čáhcesuolu",
        "ŋ đ ŧ ž",
        "Tornionlaakso",
        "Ελληνικά",
        "Українська",
        "#panic(\"boom\")",
        "$x^2$",
        "*fet*",
        "_kursiv_",
        "<etikett>",
        "<script>alert(\"x\")</script>",
    ] {
        assert!(text.contains(piece), "{piece} lost");
    }

    let html = String::from_utf8(render(&a, Doc::Agreement, Output::Html).unwrap()).unwrap();
    assert!(!html.contains("<script>"), "unescaped script in HTML");
    assert!(html.contains("&#60;script&#62;"));
    assert!(html_text(&html).contains("Post 299 – Ärende med åäö"));
}

#[test]
fn html_escapes_a_script_in_a_section() {
    let mut a = load(GOTLAND);
    a.sections[1].text = "Före <script>alert('x')</script> & efter".into();
    a.parties[0].name = "<b>Röda Korset</b>".into();
    let html = String::from_utf8(render(&a, Doc::Agreement, Output::Html).unwrap()).unwrap();
    assert!(!html.contains("<script>"));
    assert!(!html.contains("<b>Röda"));
    assert!(html.contains("&#60;script&#62;"));
    let text = html_text(&html);
    assert!(text.contains("Före <script>alert('x')</script> & efter"));
    assert!(text.contains("<b>Röda Korset</b>"));
}

#[test]
fn errors_say_what_is_missing() {
    let vi_ses = load(VI_SES);
    for output in [Output::Pdf, Output::Html] {
        assert_eq!(
            render(&vi_ses, Doc::Memo, output),
            Err(RenderError::NoDecisionTrail)
        );
        assert_eq!(
            render(&vi_ses, Doc::Minute, output),
            Err(RenderError::NoDecisionTrail)
        );
    }
    let mut gotland = load(GOTLAND);
    let trail = gotland.decision_trail.as_mut().unwrap();
    trail.memo = None;
    trail.decisions.clear();
    assert_eq!(
        render(&gotland, Doc::Memo, Output::Pdf),
        Err(RenderError::NoMemo)
    );
    assert_eq!(
        render(&gotland, Doc::Minute, Output::Pdf),
        Err(RenderError::NoDecision)
    );
    let options = Options {
        decision: Some("finns-inte".parse().unwrap()),
        ..Options::default()
    };
    let err = render_with(&load(GOTLAND), Doc::Minute, Output::Html, &options).unwrap_err();
    assert_eq!(err.code(), "unknown-decision");
    assert!(err.to_string().contains("finns-inte"));
    assert!(
        RenderError::NoDecisionTrail
            .to_string()
            .contains("[decision_trail]")
    );
    // The agreement itself never needs a decision trail.
    assert!(render(&vi_ses, Doc::Agreement, Output::Pdf).is_ok());
}

#[test]
fn a_memo_without_impact_assessment_marks_it_missing() {
    let mut a = load(GOTLAND);
    a.decision_trail.as_mut().unwrap().impact = None;
    let text = flat(&pdf_text(
        "memo-no-impact",
        &render(&a, Doc::Memo, Output::Pdf).unwrap(),
    ));
    let at = text.find("Konsekvenser i tvärperspektiv").unwrap();
    assert!(text[at..].contains(docs::MISSING));
}

/// The checks' table of printable characters (`domain::check::printable`)
/// is the embedded fonts' coverage: a character all four Liberation Sans
/// faces have, or both DejaVu Sans faces. On a mismatch the test prints the
/// first differences.
#[test]
fn the_checks_know_exactly_which_characters_the_fonts_print() {
    use ttf_parser::Face;
    // A glyph other than .notdef for the character (the cmap's coverage
    // ranges hold characters that map to none).
    let face = |bytes: &'static [u8]| Face::parse(bytes, 0).unwrap();
    let liberation = [
        face(include_bytes!("../fonts/LiberationSans-Regular.ttf")),
        face(include_bytes!("../fonts/LiberationSans-Bold.ttf")),
        face(include_bytes!("../fonts/LiberationSans-Italic.ttf")),
        face(include_bytes!("../fonts/LiberationSans-BoldItalic.ttf")),
    ];
    let dejavu = [
        face(include_bytes!("../fonts/DejaVuSans.ttf")),
        face(include_bytes!("../fonts/DejaVuSans-Bold.ttf")),
    ];
    let has = |f: &Face, c: char| f.glyph_index(c).is_some_and(|g| g.0 != 0);
    let mut differ = Vec::new();
    let mut table: Vec<(u32, u32)> = Vec::new();
    for code in 0x20..=0x10FFFF_u32 {
        let Some(c) = char::from_u32(code) else {
            continue;
        };
        let fonts = liberation.iter().all(|f| has(f, c)) || dejavu.iter().all(|f| has(f, c));
        // PDF/UA forbids the private use areas and the byte order mark.
        let forbidden = matches!(code, 0xE000..=0xF8FF | 0xF0000..=0x10FFFF | 0xFEFF | 0xFFFE);
        let expected = fonts && !forbidden;
        if expected {
            match table.last_mut() {
                Some((_, to)) if *to + 1 == code => *to = code,
                _ => table.push((code, code)),
            }
        }
        let takes_no_place = matches!(c, '\u{AD}' | '\u{200B}'..='\u{200D}' | '\u{2060}');
        if expected != domain::check::printable(c) && !takes_no_place {
            differ.push(format!("U+{code:04X} fonts {expected}"));
        }
    }
    if !differ.is_empty() {
        let rows: Vec<String> = table
            .iter()
            .map(|(from, to)| format!("    (0x{from:04X}, 0x{to:04X}),"))
            .collect();
        let out = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("printable-table.rs");
        std::fs::write(&out, rows.join("\n")).unwrap();
        eprintln!("the fonts' table: {}", out.display());
    }
    assert!(
        differ.is_empty(),
        "{} differ, first: {:?}",
        differ.len(),
        &differ[..differ.len().min(20)]
    );
}

/// Everything the checks accept renders: every printable character in a
/// section, the characters that take no place, and a title of a thousand
/// characters with a word of three hundred.
#[test]
fn every_text_the_checks_accept_renders() {
    let mut a = load(VI_SES);
    let all: String = (0x20..=0x10FFFF_u32)
        .filter_map(char::from_u32)
        .filter(|c| domain::check::printable(*c))
        .collect();
    assert!(
        all.chars().count() > 5_000,
        "{} printable",
        all.chars().count()
    );
    a.sections[1].text = format!("{all}\n\nord\u{AD}delning noll\u{200B}bredd\u{2060}slut");
    a.title = format!(
        "{} {}",
        "Överenskommelse om samverkan ".repeat(24),
        "Å".repeat(300)
    );
    assert!(
        domain::check::check(&a)
            .iter()
            .all(|d| d.code != "text-unprintable"),
        "the checks accept it"
    );
    let pdf = render(&a, Doc::Agreement, Output::Pdf).unwrap();
    assert!(pdf.starts_with(b"%PDF"));
    // What the fonts lack is refused by the checks, naming the field.
    a.sections[1].text = "Samverkan 中文".into();
    let refused: Vec<_> = domain::check::check(&a)
        .into_iter()
        .filter(|d| d.code == "text-unprintable")
        .collect();
    assert_eq!(refused.len(), 1, "{refused:?}");
    assert_eq!(
        refused[0].path.as_ref().map(ToString::to_string).as_deref(),
        Some("sections[1].text")
    );
}
