//! Turn serde's English error messages into coded diagnostics with
//! arguments, so they can be shown in Swedish or English.

use crate::diagnostic::Diagnostic;
use crate::value::ValueError;

/// Classify one message from a serde `Deserialize` failure.
pub(super) fn classify(message: &str) -> Diagnostic {
    let message = message.trim();
    if let Some(e) = ValueError::decode(message) {
        let mut d = Diagnostic::error(e.code()).arg("value", e.value());
        match e {
            ValueError::OrgnrChecksum { expected, .. } => d = d.arg("expected", expected),
            ValueError::DateInvalid { reason, .. } => d = d.arg("reason", reason),
            _ => {}
        }
        return d;
    }
    if let Some(rest) = message.strip_prefix("unknown field ") {
        let (field, tail) = quoted(rest);
        return Diagnostic::error("unknown-field")
            .arg("field", field)
            .arg("expected", expected_list(tail));
    }
    if let Some(rest) = message.strip_prefix("unknown variant ") {
        let (value, tail) = quoted(rest);
        return Diagnostic::error("unknown-variant")
            .arg("value", value)
            .arg("expected", expected_list(tail));
    }
    if let Some(rest) = message.strip_prefix("missing field ") {
        let (field, _) = quoted(rest);
        return Diagnostic::error("missing-field").arg("field", field);
    }
    if let Some(rest) = message
        .strip_prefix("duplicate key ")
        .or_else(|| message.strip_prefix("duplicate field "))
    {
        let (field, _) = quoted(rest);
        return Diagnostic::error("duplicate-key").arg("field", field);
    }
    if let Some(rest) = message.strip_prefix("invalid type: ") {
        let (found, expected) = rest.split_once(", expected ").unwrap_or((rest, ""));
        return Diagnostic::error("wrong-type")
            .arg("found", found)
            .arg("expected", expected);
    }
    if let Some(rest) = message.strip_prefix("invalid value: ") {
        let (found, expected) = rest.split_once(", expected ").unwrap_or((rest, ""));
        return Diagnostic::error("wrong-value")
            .arg("found", found)
            .arg("expected", expected);
    }
    Diagnostic::error("invalid-data").arg("detail", message)
}

/// Split "`name`, rest" into ("name", "rest").
fn quoted(text: &str) -> (&str, &str) {
    let inner = text.strip_prefix('`').unwrap_or(text);
    match inner.find('`') {
        Some(end) => (
            &inner[..end],
            inner[end + 1..].trim_start_matches(',').trim(),
        ),
        None => (inner, ""),
    }
}

/// "expected one of `a`, `b`" → "a, b"; "there are no fields" → "".
fn expected_list(tail: &str) -> String {
    let list = tail
        .strip_prefix("expected one of ")
        .or_else(|| tail.strip_prefix("expected "))
        .unwrap_or("");
    list.replace('`', "")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classifies_serdes_messages() {
        let d = classify("unknown field `titel`, expected one of `format`, `id`, `title`");
        assert_eq!(
            (d.code, d.get("field"), d.get("expected")),
            ("unknown-field", Some("titel"), Some("format, id, title"))
        );
        let d = classify("missing field `parties`");
        assert_eq!((d.code, d.get("field")), ("missing-field", Some("parties")));
        let d = classify("invalid type: string \"två\", expected u32");
        assert_eq!(
            (d.code, d.get("found"), d.get("expected")),
            ("wrong-type", Some("string \"två\""), Some("u32"))
        );
        let d = classify("unknown variant `idea`, expected `public` or `idea-driven`");
        assert_eq!((d.code, d.get("value")), ("unknown-variant", Some("idea")));
        assert_eq!(classify("something else").code, "invalid-data");
    }
}
