use domain::diagnostic::Diagnostic;

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
    Field { field: String, message: String },
    #[error("not found")]
    NotFound,
    #[error("already exists")]
    Exists,
    /// The update was based on an older version.
    #[error("stale: based on version {based_on}, current is {current}")]
    Stale { based_on: i64, current: i64 },
    /// The change is not allowed in the agreement's state.
    #[error("not allowed: {0}")]
    NotAllowed(String),
    /// The caller must sign in first.
    #[error("not signed in")]
    Unauthenticated,
    /// The caller is known but may not do this.
    #[error("forbidden: {0}")]
    Forbidden(String),
    /// Too many failed sign-ins: try again after this many seconds.
    #[error("too many attempts: retry after {retry_after} s")]
    Throttled { retry_after: i64 },
    /// Something on the server failed (no randomness, a worker thread).
    #[error("internal: {0}")]
    Internal(String),
    #[error("storage: {0}")]
    Store(store::StoreError),
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
