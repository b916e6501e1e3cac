//! Real files of each kind: stod.docx and stod.odt made by pandoc from
//! stod.md (our own short agreement), sommar.pdf a one-page PDF with a text layer,
//! and a scan (no text layer) made here from texts/05-fyra-parter.pdf.

mod scan;

use std::path::Path;

use import::{BlockKind, Confidence, Document, SourceKind};

fn read(name: &str) -> Document {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name);
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    import::read(&bytes, name).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn check_word_processor_file(document: &Document) {
    let headings: Vec<&str> = document
        .blocks
        .iter()
        .filter(|b| b.kind == BlockKind::Heading)
        .map(|b| b.text.as_str())
        .collect();
    assert!(headings.contains(&"Parter"), "{headings:?}");
    assert!(headings.contains(&"Giltighet"), "{headings:?}");
    let rows: Vec<&Vec<String>> = document
        .blocks
        .iter()
        .filter(|b| b.kind == BlockKind::TableRow)
        .map(|b| &b.cells)
        .collect();
    assert!(
        rows.iter()
            .any(|cells| cells.as_slice() == ["Samordnare", "180 000"]),
        "{rows:?}"
    );
    let items = document
        .blocks
        .iter()
        .filter(|b| b.kind == BlockKind::ListItem)
        .count();
    assert_eq!(items, 2);
    let proposal = import::extract(document);
    assert_eq!(proposal.value("term.start"), Some("2026-08-01"));
    assert_eq!(proposal.value("term.end"), Some("2028-07-31"));
    assert_eq!(proposal.value("parties[0].org_number"), Some("212000-0142"));
    assert_eq!(
        proposal.value("parties[1].name"),
        Some("Läxhjälpsföreningen Norrby")
    );
    assert_eq!(proposal.value("parties[1].org_number"), Some("802400-1235"));
    assert_eq!(proposal.value("financing.total_per_year"), Some("200 000"));
    assert_eq!(proposal.value("termination[0].notice"), Some("6 months"));
    assert_eq!(
        proposal.value("financing.budget_lines[0].name"),
        Some("Samordnare")
    );
    assert_eq!(
        proposal.value("financing.budget_lines[1].amount"),
        Some("20 000")
    );
}

#[test]
fn docx_is_read() {
    let document = read("stod.docx");
    assert_eq!(document.source, SourceKind::Docx);
    check_word_processor_file(&document);
}

#[test]
fn odt_is_read() {
    let document = read("stod.odt");
    assert_eq!(document.source, SourceKind::Odt);
    check_word_processor_file(&document);
}

#[test]
fn markdown_is_read() {
    let document = read("stod.md");
    assert_eq!(document.source, SourceKind::Markdown);
    check_word_processor_file(&document);
}

#[test]
fn pdf_is_read_through_pdftotext() {
    let document = read("sommar.pdf");
    assert_eq!(document.source, SourceKind::Pdf);
    assert!(document.blocks.iter().all(|b| !b.text.contains("Sida 1")));
    let proposal = import::extract(&document);
    assert_eq!(proposal.value("term.start"), Some("2026-06-01"));
    assert_eq!(proposal.value("term.end"), Some("2027-05-31"));
    assert_eq!(
        proposal.value("financing.total_per_year"),
        Some("1 200 000")
    );
    assert_eq!(
        proposal.value("parties[0].acting_through"),
        Some("kultur- och fritidsnämnden")
    );
}

/// A two-page agreement printed and scanned (pages as images only) is read
/// by OCR: the title, the four parties with their org numbers, the money
/// and the term come back, and not one value is certain.
#[test]
fn a_scanned_pdf_is_read_by_ocr() {
    let texts = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/texts");
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("scan-05");
    let _ = std::fs::remove_dir_all(&dir);
    let bytes = scan::scan_of(&texts.join("05-fyra-parter.pdf"), 200, &dir);
    let document = import::read(&bytes, "skannad.pdf").unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(document.source, SourceKind::ScannedPdf);
    assert_eq!(document.pages, 2);
    assert!(document.blocks.iter().all(|b| b.ocr));
    let proposal = import::extract(&document);
    let want = [
        (
            "title",
            "ÖVERENSKOMMELSE OM FERIEARBETE FÖR UNGA I NORRA DALEN",
        ),
        ("parties[0].name", "Region Dalarö"),
        ("parties[0].org_number", "232100-0412"),
        ("parties[0].acting_through", "regionala utvecklingsnämnden"),
        ("parties[1].name", "Bergsjö kommun"),
        ("parties[1].org_number", "212000-2510"),
        ("parties[2].name", "Älvby kommun"),
        ("parties[2].org_number", "212000-2882"),
        ("parties[3].name", "Föreningen Unga Krafter i Dalen"),
        ("parties[3].org_number", "802518-4204"),
        ("financing.total_per_year", "2 400 000"),
        ("term.start", "2026-07-01"),
        ("term.end", "2029-06-30"),
    ];
    for (field, value) in want {
        assert_eq!(proposal.value(field), Some(value), "{field}");
    }
    let certain: Vec<_> = proposal
        .facts
        .iter()
        .filter(|f| f.confidence == Confidence::Certain)
        .collect();
    assert!(certain.is_empty(), "{certain:#?}");
    assert!(proposal.warnings.iter().any(|w| w.contains("OCR")));
    // At most `max_pages` pages are read; the rest is left out with a warning.
    let capped = import::Limits {
        max_pages: 1,
        ..import::Limits::default()
    };
    let document =
        import::read_with(&bytes, "skannad.pdf", &capped).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(document.pages, 1);
    assert!(
        document.warnings.iter().any(|w| w.contains("2 pages")),
        "{:?}",
        document.warnings
    );
}
