//! `iop import` as a user runs it: real documents in, an agreement file out
//! that `iop check` reads, with the sources quoted; exit codes 0, 1 and 2.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn iop(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_iop"))
        .args(args)
        .env_remove("IOP_LANG")
        .output()
        .expect("the iop binary runs")
}

fn fixture(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../import/tests/fixtures")
        .join(name)
        .display()
        .to_string()
}

fn out_dir() -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("import-cli");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn a_word_file_becomes_an_agreement_file_that_iop_check_reads() {
    for source in ["stod.docx", "stod.odt", "sommar.pdf"] {
        let out = out_dir()
            .join(format!("{source}.toml"))
            .display()
            .to_string();
        let run = iop(&["import", &fixture(source), "-o", &out]);
        let summary = String::from_utf8_lossy(&run.stderr).into_owned();
        assert_eq!(run.status.code(), Some(0), "{source}: {summary}");
        assert!(summary.contains("Kontroller"), "{summary}");
        let text = std::fs::read_to_string(&out).unwrap();
        assert!(text.contains("(s. 1, rad"), "{text}");
        // `iop check` reads the file: findings (exit 1) are fine, unreadable (2) is not.
        let check = iop(&["check", &out]);
        assert_ne!(
            check.status.code(),
            Some(2),
            "{}",
            String::from_utf8_lossy(&check.stdout)
        );
        assert!(!String::from_utf8_lossy(&check.stdout).contains("toml-syntax"));
    }
}

#[test]
fn json_goes_to_standard_output() {
    let run = iop(&["import", &fixture("stod.md"), "--format", "json", "-o", "-"]);
    assert_eq!(run.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&run.stdout).unwrap();
    assert_eq!(v["term"]["start"], "2026-08-01");
    assert_eq!(v["parties"][0]["org_number"], "212000-0142");
}

#[test]
fn a_document_without_parties_exits_1_and_an_unreadable_one_2() {
    let text = out_dir().join("brev.txt");
    std::fs::write(&text, "Hej!\n\nVi ses på mötet i morgon.\n").unwrap();
    let run = iop(&["import", &text.display().to_string(), "-o", "-"]);
    assert_eq!(run.status.code(), Some(1));
    let binary = out_dir().join("bild.png");
    std::fs::write(&binary, b"\x89PNG\r\n\x1a\n\0\0\0").unwrap();
    let run = iop(&["import", &binary.display().to_string()]);
    assert_eq!(run.status.code(), Some(2));
    assert_eq!(iop(&["import"]).status.code(), Some(2));
}

#[test]
fn explain_json_gives_every_finding_with_its_span_confidence_and_rule() {
    let out = out_dir().join("stod-explained.toml").display().to_string();
    let run = iop(&[
        "import",
        &fixture("stod.md"),
        "-o",
        &out,
        "--explain",
        "json",
    ]);
    assert_eq!(
        run.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&run.stdout).unwrap();
    let findings = v["findings"].as_array().unwrap();
    // The term start in stod.md stands on a line of its own; the explanation points at it.
    let start = findings
        .iter()
        .find(|f| f["field"] == "term.start")
        .expect("the term start is explained");
    assert_eq!(start["value"], "2026-08-01");
    let line = start["span"]["line"].as_u64().unwrap();
    let text = std::fs::read_to_string(fixture("stod.md")).unwrap();
    let words = start["span"]["quote"].as_str().unwrap();
    let written = text
        .lines()
        .nth(usize::try_from(line).unwrap() - 1)
        .unwrap();
    let column = usize::try_from(start["span"]["column"].as_u64().unwrap()).unwrap();
    assert!(
        written
            .chars()
            .skip(column - 1)
            .collect::<String>()
            .starts_with(words),
        "line {line} column {column}: {written:?} does not hold {words:?}"
    );
    for f in findings {
        assert!(f["rule"].as_str().is_some_and(|r| !r.is_empty()), "{f}");
        assert!(
            ["certain", "likely", "guess"].contains(&f["confidence"].as_str().unwrap()),
            "{f}"
        );
        assert!(f["span"]["page"].as_u64().unwrap() >= 1, "{f}");
    }
    assert!(v["checks"].is_array());
    // The same JSON to a file, and never two things to standard output at once.
    let file = out_dir().join("stod-explained.json");
    let run = iop(&[
        "import",
        &fixture("stod.md"),
        "-o",
        &out,
        "--explain",
        &file.display().to_string(),
    ]);
    assert_eq!(run.status.code(), Some(0));
    let from_file: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
    assert_eq!(from_file["findings"], v["findings"]);
    let both = iop(&[
        "import",
        &fixture("stod.md"),
        "-o",
        "-",
        "--explain",
        "json",
    ]);
    assert_eq!(both.status.code(), Some(2));
}

/// An agreement rendered to PDF by `iop render` and imported again gives
/// back the structured facts the scorer compares (import::score). Every
/// example renders; the term, extension, money totals, indexation, due rules
/// and the title (from the title page, under the kind in capitals and above
/// its dates) come back whole. The rendered budget and contribution tables
/// and a few signatory titles still lose facts, so the rest is held to what
/// comes back now (docs/import.md lists what is lost): the test cannot fall
/// back.
#[cfg(feature = "pdf")]
#[test]
fn a_rendered_agreement_imports_back_to_the_same_facts() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    // Example, and the facts that came back when this was written (of 43, 50, 79, 95):
    // the budget and contribution tables, the signature blocks set in columns with
    // their places and dates, and the parties' addresses come back.
    // Own text 10's agreement file, whole: the parties set in two columns,
    // the body's members and convener after their labels, the signatories'
    // titles, and appendices with their own notice and reports (who hands one
    // in read from the table's "Lämnas av" column). Facts lost are printed.
    for (example, floor) in [
        ("examples/000-gotland-rkg", 43),
        ("examples/002-linkoping-vi-ses", 50),
        ("examples/003-skane-malmo-barn", 79),
        ("examples/004-goteborg-eu-migranter", 95),
        (
            "crates/import/tests/texts/10-ramavtal-bilagor-egen-uppsagning",
            59,
        ),
    ] {
        let source = root.join(format!("{example}.toml"));
        let example = example.rsplit('/').next().unwrap();
        round_trip(example, &source, floor);
    }
}

/// Seed 000 with the region paying 420 kr per occupied place and night, at
/// most 1 150 000 kr a calendar year: the price, its unit and the ceiling
/// come back from the rendered PDF.
#[cfg(feature = "pdf")]
#[test]
fn a_rendered_price_per_night_and_ceiling_import_back() {
    let a = domain::generate::night_shelter().unwrap();
    let source = out_dir().join("natt-harbarge.toml");
    std::fs::write(&source, domain::format::to_toml(&a).unwrap()).unwrap();
    let got = round_trip("natt-harbarge", &source, 40);
    let key = "contribution[region gotland][cash]";
    for (field, want) in [
        ("", "1150000"),
        (".at_most", "true"),
        (".unit_price", "420"),
        (".basis", "per-occupied-place-night"),
    ] {
        assert_eq!(
            got.get(&format!("{key}{field}")).map(String::as_str),
            Some(want),
            "{key}{field}"
        );
    }
}

/// Render `source` to PDF, import it back and compare the facts: the terms
/// and the money must all come back, and at least `floor` facts in all.
/// Returns the facts that came back.
#[cfg(feature = "pdf")]
fn round_trip(example: &str, source: &Path, floor: usize) -> import::score::Fields {
    let pdf = out_dir().join(format!("{example}.pdf"));
    let render = iop(&[
        "render",
        &source.display().to_string(),
        "-o",
        &pdf.display().to_string(),
    ]);
    assert_eq!(
        render.status.code(),
        Some(0),
        "{example}: {}",
        String::from_utf8_lossy(&render.stderr)
    );
    let run = iop(&[
        "import",
        &pdf.display().to_string(),
        "--format",
        "json",
        "-o",
        "-",
    ]);
    assert_eq!(
        run.status.code(),
        Some(0),
        "{example}: {}",
        String::from_utf8_lossy(&run.stderr)
    );
    let imported: serde_json::Value = serde_json::from_slice(&run.stdout).unwrap();
    let text = std::fs::read_to_string(source).unwrap();
    let original = domain::format::parse(&text, domain::format::Syntax::Toml).unwrap();
    let want = import::score::facts(&serde_json::to_value(&original).unwrap());
    let got = import::score::facts(&imported);
    let differing: Vec<String> = want
        .iter()
        .filter(|(k, v)| got.get(*k) != Some(*v))
        .map(|(k, v)| format!("{k}: {v:?} came back as {:?}", got.get(k)))
        .collect();
    println!(
        "{example}: {} of {} came back; {differing:#?}",
        want.len() - differing.len(),
        want.len()
    );
    let whole = |k: &str| {
        [
            "title",
            "term.",
            "extension.",
            "financing.",
            "indexation.",
            "payment.",
        ]
        .iter()
        .any(|p| k.starts_with(p))
            || k.starts_with("reporting[") && k.ends_with(".due")
            // An appendix's own notice and reports' dates stay the appendix's.
            || k.starts_with("appendix[")
                && (k.contains(".notice[") || k.contains(".reporting[") && k.ends_with(".due"))
    };
    let lost: Vec<&String> = differing.iter().filter(|d| whole(d)).collect();
    assert!(lost.is_empty(), "{example}: {lost:#?}");
    let back = want.len() - differing.len();
    assert!(
        back >= floor,
        "{example}: only {back} of {} facts came back: {differing:#?}",
        want.len()
    );
    got
}

#[path = "../../../import/tests/scan/mod.rs"]
mod scan;

/// sommar.pdf printed and scanned: pages as images, no text layer.
fn scanned_fixture() -> PathBuf {
    let dir = out_dir().join("scan-sommar");
    let _ = std::fs::remove_dir_all(&dir);
    let bytes = scan::scan_of(Path::new(&fixture("sommar.pdf")), 200, &dir);
    let path = out_dir().join("sommar-skannad.pdf");
    std::fs::write(&path, bytes).unwrap();
    path
}

#[test]
fn a_scanned_pdf_is_read_by_ocr_and_no_value_is_certain() {
    let scan = scanned_fixture().display().to_string();
    let out = out_dir().join("sommar-skannad.toml").display().to_string();
    let explained = out_dir().join("sommar-skannad.json");
    let run = iop(&[
        "import",
        &scan,
        "-o",
        &out,
        "--explain",
        &explained.display().to_string(),
    ]);
    let summary = String::from_utf8_lossy(&run.stderr).into_owned();
    assert_eq!(run.status.code(), Some(0), "{summary}");
    assert!(summary.contains("lästes med OCR"), "{summary}");
    let v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&explained).unwrap()).unwrap();
    assert_eq!(v["source"], "scanned-pdf");
    assert_eq!(v["ocr"], true);
    let findings = v["findings"].as_array().unwrap();
    let value = |field: &str| {
        findings
            .iter()
            .find(|f| f["field"] == field)
            .map(|f| f["value"].clone())
    };
    assert_eq!(
        value("title"),
        Some("Avtal om sommarlovsaktiviteter".into())
    );
    assert_eq!(value("parties[0].name"), Some("Söderby kommun".into()));
    assert_eq!(
        value("parties[1].name"),
        Some("Idrottsföreningen Söderby IF".into())
    );
    assert_eq!(value("financing.total_per_year"), Some("1 200 000".into()));
    assert_eq!(value("term.start"), Some("2026-06-01".into()));
    assert!(findings.iter().all(|f| f["confidence"] != "certain"), "{v}");
    // In the file every value carries a confidence word: "trolig:" or "gissning".
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(text.contains("# trolig: \"Söderby kommun"), "{text}");
}

/// A PATH with poppler's tools but not tesseract.
fn path_without_tesseract() -> PathBuf {
    let dir = out_dir().join("bin-without-tesseract");
    std::fs::create_dir_all(&dir).unwrap();
    let path = std::env::var_os("PATH").unwrap_or_default();
    for tool in ["pdftotext", "pdfinfo", "pdftoppm"] {
        let found = std::env::split_paths(&path)
            .map(|d| d.join(tool))
            .find(|p| p.exists())
            .unwrap_or_else(|| panic!("{tool} is installed"));
        let link = dir.join(tool);
        if !link.exists() {
            std::os::unix::fs::symlink(found, link).unwrap();
        }
    }
    dir
}

#[test]
fn a_scan_without_tesseract_or_its_swedish_data_says_what_to_install() {
    let scan = out_dir().join("tom-skannad.pdf");
    std::fs::write(&scan, scan::blank_scan()).unwrap();
    let scan = scan.display().to_string();
    let run = Command::new(env!("CARGO_BIN_EXE_iop"))
        .args(["import", &scan, "-o", "-"])
        .env("PATH", path_without_tesseract())
        .output()
        .unwrap();
    let message = String::from_utf8_lossy(&run.stderr);
    assert_eq!(run.status.code(), Some(2), "{message}");
    assert!(message.contains("tesseract-ocr-swe"), "{message}");
    // Tesseract without its Swedish data.
    let empty = out_dir().join("tessdata-empty");
    std::fs::create_dir_all(&empty).unwrap();
    let run = Command::new(env!("CARGO_BIN_EXE_iop"))
        .args(["import", &scan, "-o", "-"])
        .env("TESSDATA_PREFIX", &empty)
        .output()
        .unwrap();
    let message = String::from_utf8_lossy(&run.stderr);
    assert_eq!(run.status.code(), Some(2), "{message}");
    assert!(message.contains("tesseract-ocr-swe"), "{message}");
}
