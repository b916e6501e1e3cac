//! An appendix's own notice and reports in the document: own text 10 of
//! the import's tests (a framework of three appendices; 1 and 3 with their
//! own notice and a report, 2 with neither), as its agreement file writes
//! it. What each appendix must say is read from that text.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a failed test should panic

mod common;

use common::*;
use docs::{Doc, Output, render};

const STROMSVIK: &str =
    include_str!("../../import/tests/texts/10-ramavtal-bilagor-egen-uppsagning.toml");

/// The text between two headings of the flat document.
fn between<'a>(doc: &'a str, from: &str, to: &str) -> &'a str {
    let start = doc.find(from).unwrap_or_else(|| panic!("{from} in {doc}"));
    let rest = &doc[start..];
    &rest[..rest.find(to).unwrap_or(rest.len())]
}

/// What each appendix says; `cells`: the words of the reports' cells too
/// (the PDF's text sets a table's columns side by side, line by line).
fn check_sections(doc: &str, cells: bool) {
    let one = between(doc, "Bilaga 1. Föreningen", "Bilaga 2. Strömsviks");
    // "Bilagan kan sägas upp av vardera part med tre månaders uppsägningstid."
    for words in [
        "Uppsägning med 3 månaders uppsägningstid",
        "Vem: var och en av parterna",
        "Uppsägningstid: 3 månader",
    ] {
        assert!(one.contains(words), "{words} in {one}");
    }
    // "Föreningen lämnar en verksamhetsberättelse … till kultur- och
    // fritidsnämnden senast den 31 mars året efter."
    assert!(one.contains("Rapportering för bilaga 1"), "{one}");
    assert!(one.contains("Verksamhetsberättelse"), "{one}");
    let cells_of_one = [
        "Föreningen Fritid för Alla Strömsvik",
        "kultur- och fritidsnämnden",
        "årligen, senast 31 mars året efter",
    ];
    for words in cells_of_one.iter().filter(|_| cells) {
        assert!(one.contains(words), "{words} in {one}");
    }
    // Appendix 2 gives neither: the framework's notice and follow-up apply.
    let two = between(doc, "Bilaga 2. Strömsviks", "Bilaga 3. Strömsviks");
    assert!(!two.contains("uppsägningstid"), "{two}");
    assert!(!two.contains("Rapportering för bilaga"), "{two}");
    // "… med två månaders uppsägningstid." and a final report "när bilagan
    // upphör": at the end of its own period, 31 December 2029.
    let three = between(doc, "Bilaga 3. Strömsviks", "\u{0}");
    for words in [
        "Uppsägning med 2 månaders uppsägningstid",
        "Rapportering för bilaga 3",
        "Slutrapport",
    ] {
        assert!(three.contains(words), "{words} in {three}");
    }
    assert!(
        !cells || three.contains("vid periodens slut (2029-12-31)"),
        "{three}"
    );
}

#[test]
fn each_appendix_states_its_own_notice_and_reports() {
    let a = load(STROMSVIK);
    let errors: Vec<_> = domain::check::check(&a)
        .into_iter()
        .filter(|d| d.severity == domain::diagnostic::Severity::Error)
        .collect();
    assert!(errors.is_empty(), "{errors:?}");
    let page = String::from_utf8(render(&a, Doc::Agreement, Output::Html).unwrap()).unwrap();
    let doc = html_text(&page);
    check_sections(&doc, true);
    // The framework's own clause is nine months; the appendices' notices
    // are not the framework's.
    let framework = between(&doc, "Uppsägning", "Bilaga 1. Föreningen");
    assert!(framework.contains("9 månaders"), "{framework}");
    assert!(!framework.contains("3 månaders"), "{framework}");
    // The framework's sections point at the appendices that have their own.
    for line in [
        "Bilaga 1 och bilaga 3 har egna villkor för uppsägning, se respektive bilaga.",
        "Bilaga 1 och bilaga 3 har egen rapportering, se respektive bilaga.",
    ] {
        assert!(framework.contains(line), "{line} in {framework}");
    }
    // Follow-up is not missing: the appendices hold it.
    let follow_up = between(&doc, "10. Uppföljning", "11. ");
    assert!(!follow_up.contains("Avsnittet saknas"), "{follow_up}");
}

#[test]
fn the_pdf_states_them_too() {
    let bytes = render(&load(STROMSVIK), Doc::Agreement, Output::Pdf).unwrap();
    let doc = flat(&pdf_text("10-appendix-notice", &bytes));
    check_sections(&doc, false);
}

#[test]
fn an_appendix_of_two_years_over_three_calendar_years_costs_two_years() {
    // Bilaga 1: "300 000 kronor per år", 1 June 2026 – 31 May 2028: two
    // years, 600 000 kr (7 months of 2026, 2027, 5 months of 2028), not
    // 300 000 × 3 calendar years.
    let a = load(STROMSVIK);
    let page = String::from_utf8(render(&a, Doc::Agreement, Output::Html).unwrap()).unwrap();
    let doc = html_text(&page);
    let one = between(&doc, "Bilaga 1. Föreningen", "Bilaga 2. Strömsviks");
    assert!(
        one.contains("600 000 kr (300 000 kr per år i 24 månader)"),
        "{one}"
    );
    assert!(!one.contains("900 000"), "{one}");
    // Bilaga 2 runs whole calendar years: 120 000 × 2.
    let two = between(&doc, "Bilaga 2. Strömsviks", "Bilaga 3. Strömsviks");
    assert!(
        two.contains("240 000 kr (120 000 kr × 2 kalenderår)"),
        "{two}"
    );
}
