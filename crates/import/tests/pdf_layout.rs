//! A PDF laid out as a browser or word processor sets a table and a
//! two-column signature block (Chromium prints an HTML page to PDF here):
//! the table comes back as rows of cells, the signature blocks as columns
//! read one after the other, and the budget, contributions and signatories
//! are read from them.

use std::path::Path;
use std::process::Command;

use import::{BlockKind, Document};

const PAGE: &str = r#"<!doctype html><html lang="sv"><head><meta charset="utf-8">
<style>body{font:11pt "Liberation Sans",sans-serif;margin:2cm}
table{border-collapse:collapse}td,th{border:1px solid #888;padding:4px 8px;text-align:left}
.sign{display:flex;gap:3cm}.sign div{width:7cm}</style></head><body>
<h1>Överenskommelse om idéburet offentligt partnerskap</h1>
<h2>Parter</h2>
<p>Lindås kommun genom vård- och omsorgsnämnden, organisationsnummer 212000-1355</p>
<p>PRO Lindås, organisationsnummer 802009-3145</p>
<h2>Ekonomi</h2>
<p>Den årliga kostnaden beräknas enligt tabellen nedan.</p>
<table><tr><th>Kostnadsslag</th><th>Belopp per år</th></tr>
<tr><td>Verksamhetsledare</td><td>310 000</td></tr>
<tr><td>Lokalhyra</td><td>96 000</td></tr>
<tr><td>Aktiviteter och material</td><td>44 000</td></tr>
<tr><td>Summa</td><td>450 000</td></tr></table>
<p>Parternas bidrag framgår av tabellen.</p>
<table><tr><th>Part</th><th>Slag</th><th>Belopp per år</th></tr>
<tr><td>Lindås kommun</td><td>Kontant finansiering</td><td>350 000 kr</td></tr>
<tr><td>PRO Lindås</td><td>Ideellt arbete och lokaler</td><td>minst 100 000 kr</td></tr></table>
<h2>Underskrifter</h2>
<div class="sign"><div><p>För Lindås kommun</p><p>Lena Berglund</p><p>ordförande</p></div>
<div><p>För PRO Lindås</p><p>Gösta Nyman</p><p>kassör</p></div></div>
</body></html>"#;

/// The page printed to PDF by headless Chromium (installed by ./scripts/test).
fn printed(dir: &Path) -> Document {
    let html = dir.join("avtal.html");
    let pdf = dir.join("avtal.pdf");
    std::fs::write(&html, PAGE).unwrap_or_else(|e| panic!("{e}"));
    let status = Command::new("chromium")
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-pdf-header-footer",
            &format!("--user-data-dir={}", dir.join("profile").display()),
            &format!("--print-to-pdf={}", pdf.display()),
            &format!("file://{}", html.display()),
        ])
        .output()
        .unwrap_or_else(|e| panic!("chromium (Debian package chromium): {e}"));
    assert!(pdf.exists(), "{}", String::from_utf8_lossy(&status.stderr));
    let bytes = std::fs::read(&pdf).unwrap_or_else(|e| panic!("{e}"));
    import::read(&bytes, "avtal.pdf").unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn a_table_and_signature_columns_come_back() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let document = printed(dir.path());
    let rows: Vec<&Vec<String>> = document
        .blocks
        .iter()
        .filter_map(|b| (b.kind == BlockKind::TableRow).then_some(&b.cells))
        .collect();
    assert!(
        rows.contains(&&vec!["Lokalhyra".to_owned(), "96 000".to_owned()]),
        "{rows:#?}"
    );
    assert!(
        rows.contains(&&vec![
            "PRO Lindås".to_owned(),
            "Ideellt arbete och lokaler".to_owned(),
            "minst 100 000 kr".to_owned()
        ]),
        "{rows:#?}"
    );
    // Each signature column is read as its own lines: the left column first.
    let texts: Vec<&str> = document.blocks.iter().map(|b| b.text.as_str()).collect();
    let at = |t: &str| {
        texts
            .iter()
            .position(|x| *x == t)
            .unwrap_or_else(|| panic!("{t}: {texts:#?}"))
    };
    assert!(at("För Lindås kommun") < at("Lena Berglund"));
    assert!(at("ordförande") < at("För PRO Lindås"));
    let left = &document.blocks[at("För Lindås kommun")].position;
    let right = &document.blocks[at("För PRO Lindås")].position;
    assert_eq!(left.line, right.line, "side by side on one row");
    assert!(right.column > left.column + 20, "{left:?} {right:?}");

    let proposal = import::extract(&document);
    assert_eq!(
        proposal.value("financing.budget_lines[1].name"),
        Some("Lokalhyra")
    );
    assert_eq!(
        proposal.value("financing.budget_lines[1].amount"),
        Some("96 000")
    );
    assert_eq!(
        proposal.value("financing.contributions[1].amount"),
        Some("100 000")
    );
    assert_eq!(
        proposal.value("financing.contributions[1].at_least"),
        Some("true")
    );
    assert_eq!(
        proposal.value("financing.contributions[1].kind"),
        Some("in-kind")
    );
    assert_eq!(
        proposal.value("parties[1].signatories[0].name"),
        Some("Gösta Nyman")
    );
    assert_eq!(
        proposal.value("parties[1].signatories[0].title"),
        Some("kassör")
    );
}
