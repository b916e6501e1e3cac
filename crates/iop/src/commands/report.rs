//! Showing diagnostics: like a compiler (source line and caret) or as JSON.

use annotate_snippets::renderer::DecorStyle;
use annotate_snippets::{AnnotationKind, Level, Renderer, Snippet};
use domain::diagnostic::{Diagnostic, Severity};
use locale::Lang;
use serde_json::json;

use super::check::FileReport;

/// The message of a diagnostic in `lang`.
pub fn message(d: &Diagnostic, lang: Lang) -> String {
    let args: Vec<(&str, String)> = d.args.iter().map(|(n, v)| (*n, v.clone())).collect();
    locale::message(lang, d.code, &args)
}

fn severity_word(severity: Severity, lang: Lang) -> String {
    match severity {
        Severity::Error => locale::text(lang, "severity-error", &[]),
        Severity::Warning => locale::text(lang, "severity-warning", &[]),
    }
}

/// Compiler-style text for all files, then a summary line.
pub fn text(reports: &[FileReport], lang: Lang) -> String {
    let renderer = Renderer::plain().decor_style(DecorStyle::Ascii);
    let mut out = String::new();
    for r in reports {
        if r.diagnostics.is_empty() {
            out.push_str(&locale::text(lang, "file-ok", &[("path", &r.path)]));
            out.push('\n');
            continue;
        }
        for d in &r.diagnostics {
            let level = match d.severity {
                Severity::Error => Level::ERROR,
                Severity::Warning => Level::WARNING,
            }
            .with_name(severity_word(d.severity, lang));
            let msg = message(d, lang);
            let title = level.clone().primary_title(msg).id(d.code);
            let rendered = match &d.span {
                Some(span) => {
                    let snippet = Snippet::source(r.source.as_str())
                        .path(r.path.as_str())
                        .annotation(AnnotationKind::Primary.span(span.clone()));
                    renderer.render(&[title.element(snippet)])
                }
                None => renderer
                    .render(&[title.element(annotate_snippets::Origin::path(r.path.as_str()))]),
            };
            out.push_str(&rendered);
            out.push_str("\n\n");
        }
    }
    let errors: usize = reports.iter().map(|r| r.count(Severity::Error)).sum();
    let warnings: usize = reports.iter().map(|r| r.count(Severity::Warning)).sum();
    let (files, errors, warnings) = (
        reports.len().to_string(),
        errors.to_string(),
        warnings.to_string(),
    );
    out.push_str(&locale::text(
        lang,
        "check-summary",
        &[
            ("files", &files),
            ("errors", &errors),
            ("warnings", &warnings),
        ],
    ));
    out.push('\n');
    out
}

/// `{"files":[{"path", "errors":[{code,message,line,column}], "warnings":[…]}]}`.
pub fn json(reports: &[FileReport], lang: Lang) -> String {
    let item = |r: &FileReport, d: &Diagnostic| {
        let (line, column) = r.position(d).unzip();
        json!({
            "code": d.code,
            "message": message(d, lang),
            "line": line,
            "column": column,
            "field": d.path.as_ref().map(ToString::to_string),
        })
    };
    let files: Vec<_> = reports
        .iter()
        .map(|r| {
            let of = |s: Severity| r.diagnostics.iter().filter(|d| d.severity == s).map(|d| item(r, d)).collect::<Vec<_>>();
            json!({ "path": r.path, "errors": of(Severity::Error), "warnings": of(Severity::Warning) })
        })
        .collect();
    json!({ "files": files }).to_string()
}
