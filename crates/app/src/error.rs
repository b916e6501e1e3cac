use domain::diagnostic::Diagnostic;

/// Why a use case refused, as a message key (in `locale`'s `errors.ftl`)
/// and its arguments, like a [`Diagnostic`]: put in words where it is
/// shown, in the reader's language. An argument written `@key` is itself a
/// key, translated first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    pub code: &'static str,
    pub args: Vec<(&'static str, String)>,
}

impl Message {
    pub fn new(code: &'static str) -> Message {
        Message {
            code,
            args: Vec::new(),
        }
    }

    /// With one more argument.
    #[must_use]
    pub fn arg(mut self, name: &'static str, value: impl Into<String>) -> Message {
        self.args.push((name, value.into()));
        self
    }

    /// A technical detail that has no words of its own (a parser's error).
    pub fn detail(detail: impl std::fmt::Display) -> Message {
        Message::new("app-detail").arg("detail", detail.to_string())
    }

    /// The message in `lang`.
    pub fn text(&self, lang: locale::Lang) -> String {
        locale::message(lang, self.code, &self.args)
    }
}

/// In English: the API's language, and the logs'.
impl std::fmt::Display for Message {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.text(locale::Lang::En))
    }
}

/// Why a use case refused. Each maps to one HTTP status in the web layer.
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// The input is not a valid agreement or record; the diagnostics say where.
    #[error("invalid input")]
    Invalid {
        diagnostics: Vec<Diagnostic>,
        source_text: Option<String>,
        syntax: Option<domain::format::Syntax>,
    },
    /// A single field is wrong (name, message).
    #[error("invalid field {field}: {message}")]
    Field { field: String, message: Message },
    #[error("not found")]
    NotFound,
    #[error("already exists")]
    Exists,
    /// The update was based on an older version.
    #[error("stale: based on version {based_on}, current is {current}")]
    Stale { based_on: i64, current: i64 },
    /// The change is not allowed in the agreement's state.
    #[error("not allowed: {0}")]
    NotAllowed(Message),
    /// An uploaded document gives no proposed agreement, and why.
    #[error("document: {message}")]
    Document {
        problem: crate::DocumentProblem,
        message: Message,
    },
    /// The caller must sign in first.
    #[error("not signed in")]
    Unauthenticated,
    /// The caller is known but may not do this.
    #[error("forbidden: {0}")]
    Forbidden(Message),
    /// Too many failed sign-ins: try again after this many seconds.
    #[error("too many attempts: retry after {retry_after} s")]
    Throttled { retry_after: i64 },
    /// Something on the server failed (no randomness, a worker thread).
    #[error("internal: {0}")]
    Internal(String),
    #[error("storage: {0}")]
    Store(#[source] store::StoreError),
}

impl AppError {
    /// A wrong field, with why.
    pub fn field(field: &str, message: Message) -> AppError {
        AppError::Field {
            field: field.to_owned(),
            message,
        }
    }

    pub fn forbidden(code: &'static str) -> AppError {
        AppError::Forbidden(Message::new(code))
    }
}

impl From<store::StoreError> for AppError {
    fn from(e: store::StoreError) -> Self {
        match e {
            store::StoreError::NotFound => AppError::NotFound,
            store::StoreError::Exists => AppError::Exists,
            other => AppError::Store(other),
        }
    }
}
