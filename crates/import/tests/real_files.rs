//! Real files of each kind: stod.docx and stod.odt made by pandoc from
//! stod.md (our own short agreement), sommar.pdf a one-page PDF with a text layer.

use std::path::Path;

use import::{BlockKind, Document, SourceKind};

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
