//! `iop check FILE...`: read each agreement, run every check, report.

use std::process::ExitCode;

use domain::diagnostic::{Diagnostic, Severity, line_column};
use domain::format::{self, Locator, Syntax};

use super::report;
use crate::cli::{CheckArgs, Format};

/// The findings for one file, placed in its text.
pub struct FileReport {
    pub path: String,
    pub source: String,
    pub diagnostics: Vec<Diagnostic>,
}

impl FileReport {
    pub fn count(&self, severity: Severity) -> usize {
        self.diagnostics
            .iter()
            .filter(|d| d.severity == severity)
            .count()
    }

    /// 1-based line and column of a diagnostic, when it has a place.
    pub fn position(&self, d: &Diagnostic) -> Option<(usize, usize)> {
        d.span.as_ref().map(|s| line_column(&self.source, s.start))
    }
}

/// Parse and check the text of one file.
pub fn check_source(path: &str, source: String) -> FileReport {
    let syntax = Syntax::from_path(path);
    let mut diagnostics = match format::parse(&source, syntax) {
        Ok(agreement) => {
            let locator = Locator::new(&source, syntax);
            domain::check::check(&agreement)
                .into_iter()
                .map(|d| locator.place(d))
                .collect()
        }
        Err(diagnostics) => diagnostics,
    };
    // Errors first, then in file order.
    diagnostics.sort_by_key(|d| (d.severity, d.span.as_ref().map_or(0, |s| s.start)));
    FileReport {
        path: path.to_owned(),
        source,
        diagnostics,
    }
}

pub fn run(args: &CheckArgs, lang: locale::Lang) -> ExitCode {
    let mut reports = Vec::new();
    let mut unreadable = false;
    for path in &args.files {
        let shown = path.display().to_string();
        match std::fs::read_to_string(path) {
            Ok(source) => reports.push(check_source(&shown, source)),
            Err(e) => {
                unreadable = true;
                let detail = e.to_string();
                eprintln!(
                    "{}",
                    locale::text(
                        lang,
                        "file-unreadable",
                        &[("path", &shown), ("detail", &detail)]
                    )
                );
            }
        }
    }
    let output = match args.format {
        Format::Text => report::text(&reports, lang),
        Format::Json => format!("{}\n", report::json(&reports, lang)),
    };
    if let Err(failure) = super::emit(&output) {
        return failure.exit();
    }
    if unreadable {
        ExitCode::from(2)
    } else if reports.iter().any(|r| r.count(Severity::Error) > 0) {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}
