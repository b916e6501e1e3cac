//! Our own agreement texts (tests/texts, never copies of the seeds), in
//! styles the seeds do not have: three parties in one preamble sentence,
//! numbered headings, tkr, an agreement year from July, OCR-like broken and
//! hyphenated lines with running headers, a framework with appendices.
//! Each lists the facts a careful reader finds; the scorer prints precision
//! and recall (`cargo test -p import --test own_texts -- --nocapture`).

use std::path::Path;

use import::Confidence;

const EXPECTED: &[(&str, &[(&str, &str)])] = &[
    (
        "01-tre-parter.txt",
        &[
            ("parties[0].name", "Ekby kommun"),
            ("parties[0].short_name", "Kommunen"),
            ("parties[0].org_number", "212000-1421"),
            ("parties[0].acting_through", "socialnämnden"),
            ("parties[0].sector", "public"),
            ("parties[1].name", "Studieförbundet Framsteg Ekby"),
            ("parties[1].short_name", "Studieförbundet"),
            ("parties[1].org_number", "802437-8807"),
            ("parties[1].sector", "idea-driven"),
            ("parties[2].name", "Föreningen Ekbackens Vänner"),
            ("parties[2].short_name", "Föreningen"),
            ("parties[2].org_number", "802500-4410"),
            ("parties[2].sector", "idea-driven"),
            ("parties[0].signatories[0].name", "Maria Lindqvist"),
            ("parties[0].signatories[0].title", "ordförande"),
            ("parties[1].signatories[0].name", "Johan Berg"),
            ("parties[2].signatories[0].name", "Eva Sand"),
            ("term.start", "2025-07-01"),
            ("term.end", "2028-06-30"),
            ("financing.total_per_year", "450 000"),
            ("extension.length", "1 year"),
            ("extension.mutual_consent", "true"),
            ("termination[0].notice", "6 months"),
        ],
    ),
    (
        "02-ocr-brus.txt",
        &[
            ("title", "Avtal om läxhjälp i Västra Norrby"),
            ("parties[0].name", "Norrby kommun"),
            ("parties[0].acting_through", "utbildningsnämnden"),
            ("parties[0].org_number", "212000-0183"),
            ("parties[1].name", "Läxhjälpsföreningen Västra Norrby"),
            ("parties[1].org_number", "802480-1113"),
            ("term.start", "2026-01-01"),
            ("term.end", "2028-12-31"),
            ("financing.total_per_year", "400 000"),
            ("financing.total", "1 200 000"),
            ("termination[0].notice", "3 months"),
        ],
    ),
    (
        "03-ramavtal.txt",
        &[
            (
                "title",
                "Partnerskapsavtal om stöd till människor i hemlöshet i Åsby",
            ),
            ("case_number", "SN 2025/318"),
            ("kind", "framework"),
            ("parties[0].name", "Åsby kommun"),
            ("parties[0].acting_through", "socialnämnden"),
            ("parties[0].org_number", "212000-2197"),
            ("parties[1].name", "Stiftelsen Härbärget i Åsby"),
            ("parties[1].org_number", "802011-3349"),
            ("parties[2].name", "Åsby Stadsmission"),
            ("parties[2].org_number", "802400-3330"),
            ("parties[2].signatories[0].name", "Ali Yilmaz"),
            ("parties[2].signatories[0].title", "direktor"),
            ("term.start", "2026-03-01"),
            ("term.end", "2029-02-28"),
            ("extension.max_total", "2 years"),
            ("extension.decision_before_end", "6 months"),
            ("termination[0].notice", "12 months"),
        ],
    ),
];

#[test]
fn own_texts_score() {
    let (mut right, mut proposed, mut expected) = (0, 0, 0);
    let mut certain_wrong = Vec::new();
    for (name, facts) in EXPECTED {
        let path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/texts")
            .join(name);
        let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{name}: {e}"));
        let document = import::read(&bytes, name).unwrap_or_else(|e| panic!("{name}: {e}"));
        let proposal = import::extract(&document);
        let mut doc_right = 0;
        let mut doc_proposed = 0;
        for (field, want) in *facts {
            let got = proposal.facts.iter().find(|f| f.field == *field);
            if let Some(f) = got {
                doc_proposed += 1;
                if f.value == *want {
                    doc_right += 1;
                } else {
                    println!("  {name}: {field} = {:?}, expected {want:?}", f.value);
                    if f.confidence == Confidence::Certain {
                        certain_wrong.push(format!("{name}: {field}"));
                    }
                }
            } else {
                println!("  {name}: {field} missed");
            }
        }
        println!(
            "{name}: {doc_right} right of {doc_proposed} proposed, {} expected",
            facts.len()
        );
        right += doc_right;
        proposed += doc_proposed;
        expected += facts.len();
    }
    let precision = right as f64 / proposed.max(1) as f64;
    let recall = right as f64 / expected.max(1) as f64;
    println!("own texts: precision {precision:.2} recall {recall:.2}");
    assert!(certain_wrong.is_empty(), "{certain_wrong:?}");
    assert!(
        precision >= 0.95 && recall >= 0.9,
        "precision {precision:.2}, recall {recall:.2}"
    );
}
