//! Find the text of a field in the source, so a finding about
//! `parties[1].org_number` can point at its line and column.

use std::ops::Range;

use jsonc_parser::common::Ranged;
use toml::de::{DeTable, DeValue};

use super::Syntax;
use crate::diagnostic::{Diagnostic, FieldPath, Step};

const TITLE: &str = "title";

/// The source of one agreement file, parsed for positions only.
pub struct Locator<'a> {
    tree: Tree<'a>,
}

enum Tree<'a> {
    Toml(toml::Spanned<DeTable<'a>>),
    Json(jsonc_parser::ast::Value<'a>),
    Unparsed,
}

impl std::fmt::Debug for Locator<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Locator")
    }
}

impl<'a> Locator<'a> {
    pub fn new(text: &'a str, syntax: Syntax) -> Self {
        let tree = match syntax {
            Syntax::Toml => DeTable::parse(text)
                .map(Tree::Toml)
                .unwrap_or(Tree::Unparsed),
            Syntax::Json => {
                jsonc_parser::parse_to_ast(text, &Default::default(), &Default::default())
                    .ok()
                    .and_then(|r| r.value)
                    .map_or(Tree::Unparsed, Tree::Json)
            }
        };
        Locator { tree }
    }

    /// Give a diagnostic that has a path but no span the span of that path,
    /// or of its nearest ancestor present in the file.
    pub fn place(&self, d: Diagnostic) -> Diagnostic {
        if d.span.is_some() {
            return d;
        }
        let span = d.path.as_ref().and_then(|p| self.span_of(p));
        match span {
            Some(span) => d.span(span),
            None => d,
        }
    }

    /// Byte range of the value at `path`, or of its nearest present ancestor.
    /// A finding about something missing at the top level (no dispute clause)
    /// is shown at the agreement's title rather than at the first byte.
    pub fn span_of(&self, path: &FieldPath) -> Option<Range<usize>> {
        let (span, resolved) = match &self.tree {
            Tree::Toml(root) => toml_span(root, &path.0),
            Tree::Json(root) => json_span(root, &path.0),
            Tree::Unparsed => return None,
        };
        if resolved == 0 && path.0.first() != Some(&Step::Key(TITLE.to_owned())) {
            return self
                .span_of(&FieldPath(vec![Step::Key(TITLE.to_owned())]))
                .or(Some(span));
        }
        Some(span)
    }
}

/// The span of the deepest value found along `steps`, and how many steps resolved.
fn toml_span(root: &toml::Spanned<DeTable<'_>>, steps: &[Step]) -> (Range<usize>, usize) {
    let mut best = root.span();
    let mut resolved = 0;
    let mut table: Option<&DeTable<'_>> = Some(root.get_ref());
    let mut array: Option<&[toml::Spanned<DeValue<'_>>]> = None;
    for step in steps {
        let found = match (step, table, array) {
            (Step::Key(k), Some(t), _) => t.get(k.as_str()),
            (Step::Index(i), _, Some(a)) => a.get(*i),
            _ => None,
        };
        let Some(value) = found else { break };
        resolved += 1;
        if !value.span().is_empty() {
            best = value.span();
        }
        (table, array) = match value.get_ref() {
            DeValue::Table(t) => (Some(t), None),
            DeValue::Array(a) => (None, Some(a.as_ref())),
            _ => (None, None),
        };
    }
    (best, resolved)
}

fn json_span(root: &jsonc_parser::ast::Value<'_>, steps: &[Step]) -> (Range<usize>, usize) {
    use jsonc_parser::ast::Value;
    let mut node = root;
    let mut resolved = 0;
    for step in steps {
        let next = match (step, node) {
            (Step::Key(k), Value::Object(o)) => o
                .properties
                .iter()
                .find(|p| p.name.as_str() == k)
                .map(|p| &p.value),
            (Step::Index(i), Value::Array(a)) => a.elements.get(*i),
            _ => None,
        };
        match next {
            Some(n) => node = n,
            None => break,
        }
        resolved += 1;
    }
    let r = node.range();
    (r.start..r.end, resolved)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::path;

    const TOML: &str = "format = 1\n\n[[parties]]\nid = \"a\"\norg_number = \"212000-0448\"\n\n[[parties]]\nid = \"b\"\n";

    #[test]
    fn finds_a_value_inside_an_array_of_tables() {
        let l = Locator::new(TOML, Syntax::Toml);
        let span = l.span_of(&path!["parties", 0usize, "org_number"]).unwrap();
        assert_eq!(&TOML[span], "\"212000-0448\"");
        let span = l.span_of(&path!["parties", 1usize, "id"]).unwrap();
        assert_eq!(&TOML[span], "\"b\"");
    }

    #[test]
    fn a_missing_field_points_at_its_nearest_ancestor() {
        let l = Locator::new(TOML, Syntax::Toml);
        let span = l.span_of(&path!["parties", 1usize, "name"]).unwrap();
        // An element of an array of tables is spanned by its header.
        assert_eq!(&TOML[span.clone()], "[[parties]]");
        assert_eq!(span.start, TOML.rfind("[[parties]]").unwrap());
    }

    #[test]
    fn a_missing_top_level_field_points_at_the_title() {
        let text = "# comment\nformat = 1\ntitle = \"T\"\n";
        let l = Locator::new(text, Syntax::Toml);
        let span = l.span_of(&path!["dispute"]).unwrap();
        assert_eq!(&text[span], "\"T\"");
        // Without a title, the whole document.
        let l = Locator::new(TOML, Syntax::Toml);
        assert_eq!(l.span_of(&path!["dispute"]).unwrap().start, 0);
    }

    #[test]
    fn finds_values_in_json_too() {
        let json = r#"{"format": 1, "parties": [{"id": "a"}, {"id": "b", "org_number": "x"}]}"#;
        let l = Locator::new(json, Syntax::Json);
        let span = l.span_of(&path!["parties", 1usize, "org_number"]).unwrap();
        assert_eq!(&json[span], "\"x\"");
    }
}
