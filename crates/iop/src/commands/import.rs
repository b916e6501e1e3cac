//! `iop import`: an agreement document (.docx, .odt, .pdf, .txt, .md) in,
//! the proposed agreement file out, each value with its source beside it.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use domain::diagnostic::Severity;
use import::{Confidence, Proposal};
use locale::Lang;

use super::{Failure, emit};
use crate::cli::{ImportArgs, ImportFormat};

/// Words of the summary; the import's own, in the user's language.
fn say(lang: Lang, sv: &str, en: &str) -> String {
    match lang {
        Lang::En => en.to_owned(),
        _ => sv.to_owned(),
    }
}

fn default_output(input: &Path, format: ImportFormat) -> PathBuf {
    let ext = match format {
        ImportFormat::Toml => "iop.toml",
        ImportFormat::Json => "iop.json",
    };
    input.with_extension(ext)
}

pub fn run(args: &ImportArgs, lang: Lang) -> ExitCode {
    match import(args, lang) {
        Ok(code) => code,
        Err(failure) => failure.exit(),
    }
}

fn import(args: &ImportArgs, lang: Lang) -> Result<ExitCode, Failure> {
    let shown = args.file.display().to_string();
    let bytes = std::fs::read(&args.file).map_err(|e| Failure::new(2, format!("{shown}: {e}")))?;
    let document =
        import::read(&bytes, &shown).map_err(|e| Failure::new(2, format!("{shown}: {e}")))?;
    let proposal = import::extract(&document);
    let stem = args
        .file
        .file_stem()
        .map_or_else(|| shown.clone(), |s| s.to_string_lossy().into_owned());
    let agreement = match import::to_agreement(&proposal, &stem) {
        None => {
            let message = say(
                lang,
                "dokumentet lästes men ingen part hittades: ingen överenskommelse att föreslå",
                "the document was read but names no party: no agreement to propose",
            );
            return Err(Failure::new(1, format!("{shown}: {message}")));
        }
        Some(Err(e)) => return Err(Failure::new(1, format!("{shown}: {e}"))),
        Some(Ok(a)) => a,
    };
    let text = match args.format {
        ImportFormat::Toml => import::to_annotated_toml(&agreement, &proposal),
        ImportFormat::Json => domain::format::to_json(&agreement),
    }
    .map_err(|e| Failure::new(2, e))?;
    let output = args
        .output
        .clone()
        .unwrap_or_else(|| default_output(&args.file, args.format));
    let explain_to_stdout = args
        .explain
        .as_ref()
        .is_some_and(|e| e.as_os_str() == "json");
    if explain_to_stdout && output.as_os_str() == "-" {
        let message = say(
            lang,
            "--explain json och -o - kan inte båda skriva till standard ut; ge --explain en fil",
            "--explain json and -o - cannot both write to standard output; give --explain a file",
        );
        return Err(Failure::new(2, message));
    }
    if output.as_os_str() == "-" {
        emit(&text)?;
    } else {
        std::fs::write(&output, &text)
            .map_err(|e| Failure::new(2, format!("{}: {e}", output.display())))?;
        let written = say(lang, "skrev", "wrote");
        eprintln!("{written} {}", output.display());
    }
    if let Some(target) = &args.explain {
        write_explanation(target, &document, &proposal, &agreement, lang)?;
    }
    if document.blocks.iter().any(|b| b.ocr) {
        eprintln!(
            "{}",
            say(
                lang,
                "Texten lästes med OCR (Tesseract) ur en skannad PDF: inget värde är säkert, bekräfta vart och ett.",
                "The text was read by OCR (Tesseract) from a scanned PDF: no value is certain, confirm each one.",
            )
        );
    }
    eprint!("{}", summary(&proposal, &agreement, lang));
    Ok(ExitCode::SUCCESS)
}

/// Every finding with its span, confidence and rule, and the checks' findings,
/// as JSON: to standard output for `json`, else to the file named.
fn write_explanation(
    target: &Path,
    document: &import::Document,
    proposal: &Proposal,
    agreement: &domain::Agreement,
    lang: Lang,
) -> Result<(), Failure> {
    let mut explained = import::explain(document, proposal);
    let checks: Vec<serde_json::Value> = domain::check::check(agreement)
        .iter()
        .map(|d| {
            serde_json::json!({
                "code": d.code,
                "severity": match d.severity { Severity::Error => "error", Severity::Warning => "warning" },
                "message": super::report::message(d, lang),
            })
        })
        .collect();
    explained["checks"] = serde_json::Value::Array(checks);
    let text = serde_json::to_string_pretty(&explained)
        .map_err(|e| Failure::new(2, e.to_string()))?
        + "\n";
    if target.as_os_str() == "json" {
        emit(&text)
    } else {
        std::fs::write(target, &text)
            .map_err(|e| Failure::new(2, format!("{}: {e}", target.display())))
    }
}

/// Facts by section, guesses to confirm, notes and the checks' findings.
fn summary(proposal: &Proposal, agreement: &domain::Agreement, lang: Lang) -> String {
    let mut out = String::new();
    let mut by_part: BTreeMap<&str, usize> = BTreeMap::new();
    for f in proposal
        .facts
        .iter()
        .filter(|f| !f.field.starts_with("money["))
    {
        let part = f.field.split(['.', '[']).next().unwrap_or("");
        *by_part.entry(part).or_default() += 1;
    }
    out.push_str(&say(lang, "Funna uppgifter:", "Facts found:"));
    for (part, n) in &by_part {
        out.push_str(&format!(" {part} {n};"));
    }
    out.push('\n');
    let guesses: Vec<_> = proposal
        .facts
        .iter()
        .filter(|f| f.confidence == Confidence::Guess && !f.field.starts_with("money["))
        .collect();
    if !guesses.is_empty() {
        out.push_str(&say(
            lang,
            "Gissningar att bekräfta:\n",
            "Guesses to confirm:\n",
        ));
        for f in guesses {
            out.push_str(&format!(
                "  {} = {} ({}, s. {} rad {})\n",
                f.field, f.value, f.rule, f.span.position.page, f.span.position.line
            ));
        }
    }
    let notes = say(lang, "Till anteckningar", "To notes");
    out.push_str(&format!("{notes}: {}\n", agreement.notes.len()));
    for w in &proposal.warnings {
        out.push_str(&format!("  ! {w}\n"));
    }
    let findings = domain::check::check(agreement);
    let heading = say(lang, "Kontroller", "Checks");
    out.push_str(&format!("{heading}: {}\n", findings.len()));
    for d in findings {
        let level = match d.severity {
            Severity::Error => say(lang, "fel", "error"),
            Severity::Warning => say(lang, "varning", "warning"),
        };
        out.push_str(&format!(
            "  {level}[{}] {}\n",
            d.code,
            super::report::message(&d, lang)
        ));
    }
    out
}
