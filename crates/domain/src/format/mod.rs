//! The agreement file: TOML (the editable form) or JSON, read strictly
//! (unknown fields are errors) and written back losslessly.

mod locate;
mod serde_message;

pub use locate::Locator;

use crate::diagnostic::Diagnostic;
use crate::model::{Agreement, FORMAT_VERSION};

/// Which syntax a file is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Syntax {
    Toml,
    Json,
}

impl Syntax {
    /// From a file name: `.json` is JSON, anything else TOML.
    pub fn from_path(path: &str) -> Self {
        if path.to_ascii_lowercase().ends_with(".json") {
            Syntax::Json
        } else {
            Syntax::Toml
        }
    }
}

/// Read an agreement. On failure, the diagnostics say what is wrong and where.
pub fn parse(text: &str, syntax: Syntax) -> Result<Agreement, Vec<Diagnostic>> {
    let agreement = match syntax {
        Syntax::Toml => parse_toml(text)?,
        Syntax::Json => parse_json(text)?,
    };
    if agreement.format != FORMAT_VERSION {
        let locator = Locator::new(text, syntax);
        let d = Diagnostic::error("format-version")
            .arg("found", agreement.format)
            .arg("supported", FORMAT_VERSION)
            .at(crate::path!["format"]);
        return Err(vec![locator.place(d)]);
    }
    Ok(agreement)
}

fn parse_toml(text: &str) -> Result<Agreement, Vec<Diagnostic>> {
    // Syntax first, so a broken file is reported as such and not as a missing field.
    let (_, syntax_errors) = toml::de::DeTable::parse_recoverable(text);
    if !syntax_errors.is_empty() {
        return Err(syntax_errors
            .iter()
            .map(|e| {
                let message = e.message().trim();
                let written = e.span().and_then(|s| text.get(s)).unwrap_or_default();
                // A date literal that does not exist is a date problem, not a syntax slip.
                let d = if message.starts_with("invalid date") {
                    Diagnostic::error("date-invalid")
                        .arg("value", written)
                        .arg("reason", message)
                } else {
                    Diagnostic::error("toml-syntax").arg("detail", message)
                };
                match e.span() {
                    Some(span) => d.span(span),
                    None => d,
                }
            })
            .collect());
    }
    toml::from_str::<Agreement>(text).map_err(|e| {
        let d = serde_message::classify(e.message());
        vec![match e.span() {
            Some(span) => d.span(span),
            None => d,
        }]
    })
}

fn parse_json(text: &str) -> Result<Agreement, Vec<Diagnostic>> {
    serde_json::from_str::<Agreement>(text).map_err(|e| {
        let offset = offset_of(text, e.line(), e.column());
        let d = match e.classify() {
            serde_json::error::Category::Data => serde_message::classify(&strip_location(&e)),
            _ => Diagnostic::error("json-syntax").arg("detail", strip_location(&e)),
        };
        vec![d.span(offset..offset)]
    })
}

/// Read one value as the file format reads it (an id, a date, an amount, a
/// length, a choice such as `idea-driven`), with the diagnostic the file
/// would give for it: for building an agreement from other input, such as
/// the web forms.
pub fn read_value<T: serde::de::DeserializeOwned>(
    value: serde_json::Value,
) -> Result<T, Diagnostic> {
    serde_json::from_value(value).map_err(|e| serde_message::classify(&e.to_string()))
}

/// serde_json appends " at line L column C"; we show the place ourselves.
fn strip_location(e: &serde_json::Error) -> String {
    let text = e.to_string();
    match text.rfind(" at line ") {
        Some(i) => text[..i].to_owned(),
        None => text,
    }
}

/// Byte offset of a 1-based line and column (serde_json counts bytes in the line).
fn offset_of(text: &str, line: usize, column: usize) -> usize {
    let line_start: usize = text
        .split_inclusive('\n')
        .take(line.saturating_sub(1))
        .map(str::len)
        .sum();
    (line_start + column.saturating_sub(1)).min(text.len())
}

/// Write the agreement as TOML, the form officials edit.
pub fn to_toml(agreement: &Agreement) -> Result<String, String> {
    toml::to_string_pretty(agreement).map_err(|e| e.to_string())
}

/// Write the agreement as JSON.
pub fn to_json(agreement: &Agreement) -> Result<String, String> {
    serde_json::to_string_pretty(agreement).map_err(|e| e.to_string())
}
