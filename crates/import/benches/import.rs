//! Import of a 20-page agreement: read (.txt) and extract, then the proposal
//! as an agreement. Target (issue 15): under 100 ms without OCR.
//!
//! The agreement is built from our own texts (tests/texts): the parties of
//! one, then the sections of all of them repeated with numbered headings and
//! varied amounts until it is about 20 pages of 3 000 characters.
//!
//! The same for a PDF of 20 pages with a text layer: `05-fyra-parter.pdf`
//! (two pages) joined ten times by poppler's `pdfunite`, read through
//! `pdftotext -bbox-layout` and the word layout, as `iop import` reads it.
//!
//! Run: `cargo bench -p import --bench import`

use std::hint::black_box;
use std::path::Path;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};

const PAGES: usize = 20;
const PAGE: usize = 3_000;

fn twenty_pages() -> String {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/texts");
    let texts: Vec<String> = [
        "04-budgettabell.md",
        "05-fyra-parter.txt",
        "06-ramavtal-bilagor.md",
        "07-ocr-skannad.txt",
        "01-tre-parter.txt",
    ]
    .iter()
    .filter_map(|n| std::fs::read_to_string(dir.join(n)).ok())
    .collect();
    let mut out = String::from(texts.first().map_or("", String::as_str));
    let mut round = 1;
    while out.len() < PAGES * PAGE && !texts.is_empty() {
        for text in &texts[1..] {
            // Each copy's sections under numbered headings, its amounts varied.
            out.push_str(&format!("\n\n## Bilaga {round}\n\n"));
            out.push_str(
                &text
                    .replace("## ", &format!("## {round}. "))
                    .replace("000 kr", &format!("{round}00 kr")),
            );
            round += 1;
        }
    }
    out
}

/// `05-fyra-parter.pdf` ten times over: 20 pages, joined by `pdfunite`.
fn twenty_pdf_pages() -> Option<Vec<u8>> {
    let one = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/texts/05-fyra-parter.pdf");
    let out = std::env::temp_dir().join(format!("iop-bench-{}.pdf", std::process::id()));
    let status = std::process::Command::new("pdfunite")
        .args(std::iter::repeat_n(&one, PAGES / 2))
        .arg(&out)
        .status()
        .ok()?;
    let bytes = status.success().then(|| std::fs::read(&out).ok()).flatten();
    let _ = std::fs::remove_file(&out);
    bytes
}

/// Read, extract and make the agreement, as `iop import` does.
fn read_extract_agree(bytes: &[u8], name: &str) -> (Option<usize>, bool) {
    let document = import::read(black_box(bytes), name).ok();
    let proposal = document.as_ref().map(import::extract);
    let agreement = proposal
        .as_ref()
        .and_then(|p| import::to_agreement(p, "Avtal"));
    (proposal.map(|p| p.facts.len()), agreement.is_some())
}

fn import(c: &mut Criterion) {
    let text = twenty_pages();
    let bytes = text.as_bytes();
    let mut group = c.benchmark_group("import");
    group.throughput(Throughput::Bytes(bytes.len() as u64));
    group.sample_size(20);
    group.bench_function("20-page agreement (.md): read + extract + agreement", |b| {
        b.iter(|| black_box(read_extract_agree(bytes, "avtal.md")));
    });
    match twenty_pdf_pages() {
        Some(pdf) => {
            let (facts, agreement) = read_extract_agree(&pdf, "avtal.pdf");
            assert!(facts.is_some() && agreement, "the joined PDF must import");
            group.throughput(Throughput::Bytes(pdf.len() as u64));
            group.bench_function(
                "20-page agreement (.pdf): read + extract + agreement",
                |b| {
                    b.iter(|| black_box(read_extract_agree(&pdf, "avtal.pdf")));
                },
            );
        }
        None => eprintln!("pdfunite (poppler-utils) is not installed: the PDF case is skipped"),
    }
    group.finish();
    eprintln!(
        "document: {} bytes, {} characters (about {} pages of {PAGE})",
        bytes.len(),
        text.chars().count(),
        text.chars().count() / PAGE
    );
}

criterion_group!(benches, import);
criterion_main!(benches);
