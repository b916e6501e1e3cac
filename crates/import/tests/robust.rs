//! Arbitrary and mutated bytes into every reader and the extractor: a typed
//! error or a document, never a panic.

use proptest::prelude::*;

const AGREEMENT: &str = "Överenskommelse om stöd mellan Åby kommun och Föreningen Ljuset\n\nParter\n\nÅby kommun genom socialnämnden\nOrganisationsnummer 212000-0142\n\nFöreningen Ljuset\norg.nr 802400-1234\n\nEkonomi\n\nKommunen betalar 250 tkr per år.\n\nGiltighet\n\nAvtalet gäller fr.o.m. 2026-01-01 t.o.m. 2027-12-31 med tre månaders uppsägningstid.\n";

fn containers() -> Vec<(Vec<u8>, &'static str)> {
    vec![
        (AGREEMENT.as_bytes().to_vec(), "a.txt"),
        (b"PK\x03\x04\x14\x00\x00\x00\x08\x00".to_vec(), "a.docx"),
        (
            b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF".to_vec(),
            "a.pdf",
        ),
    ]
}

fn read_and_extract(bytes: &[u8], name: &str) {
    if let Ok(document) = import::read(bytes, name) {
        let _ = import::extract(&document);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2048), ext in prop::sample::select(vec!["txt", "md", "docx", "odt", "bin"])) {
        read_and_extract(&bytes, &format!("file.{ext}"));
        let mut zip = b"PK\x03\x04".to_vec();
        zip.extend_from_slice(&bytes);
        read_and_extract(&zip, "file.docx");
    }

    #[test]
    fn mutated_documents_never_panic(which in 0usize..3, flips in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..16)) {
        let (mut bytes, name) = containers().swap_remove(which);
        for (at, value) in flips {
            let i = at.index(bytes.len());
            bytes[i] = value;
        }
        read_and_extract(&bytes, name);
    }

    #[test]
    fn any_text_extracts_without_panic(text in "\\PC{0,400}") {
        read_and_extract(text.as_bytes(), "a.txt");
    }
}

#[test]
fn limits_and_unknown_types_are_typed_errors() {
    let big = vec![b'a'; 1024];
    let limits = import::Limits {
        max_input: 100,
        ..import::Limits::default()
    };
    assert!(matches!(
        import::read_with(&big, "a.txt", &limits),
        Err(import::ImportError::TooLarge { .. })
    ));
    assert!(matches!(
        import::read(b"\x00\x01binary", "a.exe"),
        Err(import::ImportError::UnknownType { .. })
    ));
    assert!(matches!(
        import::read(b"{\\rtf1 hej}", "a.rtf"),
        Err(import::ImportError::Unsupported { .. })
    ));
    assert!(matches!(
        import::read(b"not a zip", "a.docx"),
        Err(import::ImportError::Corrupt { .. })
    ));
    assert!(matches!(
        import::read(b"   \n\n", "a.txt"),
        Err(import::ImportError::Empty)
    ));
}

#[test]
fn own_agreement_text_is_read() {
    let document = import::read(AGREEMENT.as_bytes(), "a.txt").unwrap_or_else(|e| panic!("{e}"));
    let proposal = import::extract(&document);
    assert_eq!(proposal.value("term.start"), Some("2026-01-01"));
    assert_eq!(proposal.value("term.end"), Some("2027-12-31"));
    assert_eq!(proposal.value("parties[0].name"), Some("Åby kommun"));
    assert_eq!(
        proposal.value("parties[0].acting_through"),
        Some("socialnämnden")
    );
    assert_eq!(proposal.value("parties[0].org_number"), Some("212000-0142"));
    assert_eq!(proposal.value("parties[0].sector"), Some("public"));
    assert_eq!(proposal.value("financing.total_per_year"), Some("250 000"));
    assert_eq!(proposal.value("termination[0].notice"), Some("3 months"));
    // 802400-1234 has a wrong check digit: kept as written, a guess, and reported.
    assert_eq!(proposal.value("parties[1].org_number"), Some("802400-1234"));
    assert!(proposal.warnings.iter().any(|w| w.contains("802400-1234")));
}

#[test]
fn a_huge_block_of_amounts_and_numbers_is_read_in_linear_time() {
    // One line of 10 000 amounts and org numbers, no sentence ends: the
    // rules look a bounded distance around each match.
    let line = "Föreningen Ljuset org.nr 802400-1235 får 1 000 kr och ".repeat(10_000);
    let text = format!("Avtal\n\nParter\n\nFöreningen Ljuset\n\nEkonomi\n\n{line}\n");
    let started = std::time::Instant::now();
    let document = import::read(text.as_bytes(), "a.txt").unwrap_or_else(|e| panic!("{e}"));
    let _ = import::extract(&document);
    assert!(started.elapsed().as_secs() < 120, "{:?}", started.elapsed());
}
