//! Findings about an agreement file, located in its text. The words shown to
//! a person come from the `locale` crate, keyed by `code` with `args`.

use std::fmt;
use std::ops::Range;

/// Error: the agreement is not valid. Warning: a person should look at it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Error,
    Warning,
}

/// One step in a path to a field: a key in a table or an index in a list.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Step {
    Key(String),
    Index(usize),
}

/// Where a value sits in the agreement, e.g. `financing.contributions[1].amount`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct FieldPath(pub Vec<Step>);

impl FieldPath {
    pub fn root() -> Self {
        FieldPath(Vec::new())
    }

    /// This path with a key appended.
    pub fn key(&self, key: &str) -> Self {
        let mut steps = self.0.clone();
        steps.push(Step::Key(key.to_owned()));
        FieldPath(steps)
    }

    /// This path with a list index appended.
    pub fn index(&self, index: usize) -> Self {
        let mut steps = self.0.clone();
        steps.push(Step::Index(index));
        FieldPath(steps)
    }
}

/// Build a path from keys: `path!["financing", "contributions"]`.
#[macro_export]
macro_rules! path {
    ($($key:expr),* $(,)?) => {{
        #[allow(unused_mut)]
        let mut p = $crate::diagnostic::FieldPath::root();
        $( p = $crate::diagnostic::PathPart::append($key, &p); )*
        p
    }};
}

/// What `path!` accepts as a step.
pub trait PathPart {
    fn append(self, to: &FieldPath) -> FieldPath;
}

impl PathPart for &str {
    fn append(self, to: &FieldPath) -> FieldPath {
        to.key(self)
    }
}

impl PathPart for usize {
    fn append(self, to: &FieldPath) -> FieldPath {
        to.index(self)
    }
}

impl fmt::Display for FieldPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, step) in self.0.iter().enumerate() {
            match step {
                Step::Key(k) if i == 0 => f.write_str(k)?,
                Step::Key(k) => write!(f, ".{k}")?,
                Step::Index(n) => write!(f, "[{n}]")?,
            }
        }
        Ok(())
    }
}

/// A finding with its message key and arguments, and where it is in the source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Stable code, also the message key: `orgnr-checksum`, `unknown-field`.
    pub code: &'static str,
    pub severity: Severity,
    /// Named arguments for the message.
    pub args: Vec<(&'static str, String)>,
    /// The field concerned, when known.
    pub path: Option<FieldPath>,
    /// Byte range in the source text, when known.
    pub span: Option<Range<usize>>,
}

impl Diagnostic {
    pub fn new(code: &'static str, severity: Severity) -> Self {
        Diagnostic {
            code,
            severity,
            args: Vec::new(),
            path: None,
            span: None,
        }
    }

    pub fn error(code: &'static str) -> Self {
        Self::new(code, Severity::Error)
    }

    pub fn warning(code: &'static str) -> Self {
        Self::new(code, Severity::Warning)
    }

    pub fn arg(mut self, name: &'static str, value: impl fmt::Display) -> Self {
        self.args.push((name, value.to_string()));
        self
    }

    pub fn at(mut self, path: FieldPath) -> Self {
        self.path = Some(path);
        self
    }

    pub fn span(mut self, span: Range<usize>) -> Self {
        self.span = Some(span);
        self
    }

    /// The value of a named argument.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.args
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| v.as_str())
    }
}

/// 1-based line and column (in characters) of a byte offset.
pub fn line_column(source: &str, offset: usize) -> (usize, usize) {
    let offset = floor_char_boundary(source, offset.min(source.len()));
    let before = &source[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = source[line_start..offset].chars().count() + 1;
    (line, column)
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_display_like_the_file_reads() {
        let p = path!["financing", "contributions", 1usize, "amount"];
        assert_eq!(p.to_string(), "financing.contributions[1].amount");
        assert_eq!(FieldPath::root().to_string(), "");
    }

    #[test]
    fn line_and_column_count_characters() {
        let src = "a = 1\nnamn = \"Röda\"\nx";
        assert_eq!(line_column(src, 0), (1, 1));
        assert_eq!(line_column(src, 6), (2, 1));
        let x = src.find('x').unwrap();
        assert_eq!(line_column(src, x), (3, 1));
        let d = src.find("da").unwrap();
        assert_eq!(line_column(src, d), (2, 11));
        assert_eq!(line_column(src, 10_000), (3, 2));
    }
}
