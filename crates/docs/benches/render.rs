//! Rendering an agreement (seed 002, "Vi Ses!") to PDF and to HTML, and,
//! side by side, the Accord Project's reference CLI (`cicero draft`)
//! drafting a comparable contract from the same data through the template
//! archive in `benches/cicero/iop-agreement/`.
//!
//! ```sh
//! npm install --prefix target/cicero @accordproject/cicero-cli@0.21.26   # once
//! CARGO_TARGET_DIR=target/docs-build cargo bench -p docs --bench render
//! ```
//!
//! Without cicero installed, its group is skipped with a note.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::print_stderr)]

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use docs::{Doc, Output, render};
use domain::Agreement;
use domain::format::{Syntax, parse};
use serde_json::{Value, json};

const VI_SES: &str = include_str!("../../../examples/002-linkoping-vi-ses.toml");

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn kronor(m: domain::value::Money) -> f64 {
    // Cicero's model holds amounts as Double; whole kronor are exact here.
    m.ore() as f64 / 100.0
}

/// The same agreement as the data cicero's template model expects.
fn cicero_data(a: &Agreement) -> Value {
    let name = |id: &domain::value::Id| {
        a.parties
            .iter()
            .find(|p| &p.id == id)
            .map_or_else(|| id.to_string(), |p| p.name.clone())
    };
    let f = a.financing.as_ref().unwrap();
    let term = a.term.as_ref().unwrap();
    json!({
        "$class": "se.iop.agreement.TemplateModel",
        "contractId": a.id.to_string(),
        "title": a.title,
        "partners": a.parties.iter().map(|p| json!({
            "$class": "se.iop.agreement.Partner",
            "name": p.name,
            "orgNumber": p.org_number.map(|o| o.to_string()).unwrap_or_default(),
            "actingThrough": p.acting_through.clone().unwrap_or_default(),
        })).collect::<Vec<_>>(),
        "sections": a.sections.iter().map(|s| json!({
            "$class": "se.iop.agreement.Section",
            "heading": s.heading,
            // One list item per section: cicero's list items are one paragraph.
            "text": s.text.split_whitespace().collect::<Vec<_>>().join(" "),
        })).collect::<Vec<_>>(),
        "budget": f.budget_lines.iter().map(|l| json!({
            "$class": "se.iop.agreement.BudgetLine",
            "name": l.name,
            "amount": kronor(l.amount),
        })).collect::<Vec<_>>(),
        "contributions": f.contributions.iter().map(|c| json!({
            "$class": "se.iop.agreement.Contribution",
            "party": name(&c.party),
            "kind": format!("{:?}", c.kind),
            "amount": c.amount.map(kronor).unwrap_or(0.0),
        })).collect::<Vec<_>>(),
        "start": format!("{}T00:00:00.000Z", term.start),
        "end": format!("{}T00:00:00.000Z", term.end),
        "noticeMonths": a.termination.iter().find_map(|t| t.notice.and_then(|n| n.in_months())).unwrap_or(0),
        "signatories": a.parties.iter().flat_map(|p| p.signatories.iter().map(move |s| json!({
            "$class": "se.iop.agreement.Signatory",
            "party": p.name,
            "name": s.name,
            "title": s.title.clone().unwrap_or_default(),
        }))).collect::<Vec<_>>(),
    })
}

fn bench(c: &mut Criterion) {
    let agreement = parse(VI_SES, Syntax::Toml).unwrap();

    let mut group = c.benchmark_group("iop-docs");
    group.bench_function("agreement-pdf", |b| {
        b.iter(|| render(&agreement, Doc::Agreement, Output::Pdf).unwrap())
    });
    group.bench_function("agreement-html", |b| {
        b.iter(|| render(&agreement, Doc::Agreement, Output::Html).unwrap())
    });
    group.finish();

    let cicero = root().join("target/cicero/node_modules/.bin/cicero");
    if !cicero.exists() {
        eprintln!(
            "cicero is not installed at {}: skipping the cicero group (npm install --prefix target/cicero @accordproject/cicero-cli@0.21.26)",
            cicero.display()
        );
        return;
    }
    let work = root().join("target/cicero-bench");
    std::fs::create_dir_all(&work).unwrap();
    let data = work.join("data.json");
    std::fs::write(
        &data,
        serde_json::to_vec_pretty(&cicero_data(&agreement)).unwrap(),
    )
    .unwrap();
    let template = Path::new(env!("CARGO_MANIFEST_DIR")).join("benches/cicero/iop-agreement");
    let out = work.join("agreement.md");
    let draft = || {
        // cicero writes a log/ folder into its working directory: keep it in target/.
        let status = Command::new(&cicero)
            .current_dir(&work)
            .arg("draft")
            .arg("--template")
            .arg(&template)
            .arg("--data")
            .arg(&data)
            .arg("--unquoteVariables")
            .arg("--output")
            .arg(&out)
            .output()
            .unwrap();
        assert!(
            status.status.success(),
            "cicero draft failed: {}",
            String::from_utf8_lossy(&status.stderr)
        );
    };
    draft();
    let mut group = c.benchmark_group("cicero");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(40))
        .warm_up_time(Duration::from_secs(3));
    group.bench_function("draft-markdown", |b| b.iter(draft));
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
