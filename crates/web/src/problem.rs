//! Errors as RFC 9457 problem details (`application/problem+json`), naming
//! the field and, for agreement files, the line and column.

use app::AppError;
use axum::extract::Request;
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use domain::diagnostic::line_column;
use serde::Serialize;
use utoipa::ToSchema;

/// A problem with a request.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Problem {
    /// A URI naming the kind of problem (`about:blank` when the status says it all).
    #[serde(rename = "type")]
    pub kind: String,
    pub title: &'static str,
    pub status: u16,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
    /// What is wrong with which field.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<FieldError>,
    /// For a stale update: the version to base a new attempt on.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub current_version: Option<i64>,
    /// For throttled sign-ins: seconds to wait (also sent as Retry-After).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub retry_after: Option<u32>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct FieldError {
    /// Stable code, e.g. `orgnr-checksum`, `unknown-field`.
    pub code: String,
    /// The field's path, e.g. `parties[1].org_number`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    pub message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub column: Option<usize>,
}

impl Problem {
    pub fn new(status: StatusCode, kind: &str, detail: impl Into<String>) -> Self {
        Problem {
            kind: format!("https://iop.example/problems/{kind}"),
            title: status.canonical_reason().unwrap_or("Error"),
            status: status.as_u16(),
            detail: Some(detail.into()),
            errors: Vec::new(),
            current_version: None,
            retry_after: None,
        }
    }

    pub fn bad_request(kind: &str, detail: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, kind, detail)
    }

    /// Read a JSON body; when it cannot be, a 422 naming the line and column.
    #[allow(clippy::result_large_err)] // the error is the response
    pub fn json_body<T: serde::de::DeserializeOwned>(
        body: &[u8],
        kind: &str,
        detail: &str,
    ) -> Result<T, Problem> {
        serde_json::from_slice(body).map_err(|e| Problem {
            errors: vec![FieldError {
                code: kind.to_owned(),
                field: None,
                message: e.to_string(),
                line: Some(e.line()),
                column: Some(e.column()),
            }],
            ..Problem::new(StatusCode::UNPROCESSABLE_ENTITY, kind, detail)
        })
    }
}

impl IntoResponse for Problem {
    fn into_response(self) -> Response {
        let status = StatusCode::from_u16(self.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let body = serde_json::to_string(&self).unwrap_or_else(|_| "{}".into());
        let mut response = (status, body).into_response();
        let headers = response.headers_mut();
        headers.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/problem+json"),
        );
        if let Some(seconds) = self.retry_after {
            headers.insert(header::RETRY_AFTER, HeaderValue::from(seconds));
        }
        if status == StatusCode::UNAUTHORIZED {
            headers.insert(
                header::WWW_AUTHENTICATE,
                HeaderValue::from_static("Bearer realm=\"iop\""),
            );
        }
        response
    }
}

impl From<AppError> for Problem {
    fn from(e: AppError) -> Self {
        match e {
            AppError::Invalid {
                diagnostics,
                source_text,
                syntax,
            } => invalid(diagnostics, source_text.as_deref(), syntax),
            AppError::Field { field, message } => {
                let message = message.to_string();
                Problem {
                    errors: vec![FieldError {
                        code: "invalid-field".into(),
                        field: Some(field),
                        message: message.clone(),
                        line: None,
                        column: None,
                    }],
                    ..Problem::new(StatusCode::UNPROCESSABLE_ENTITY, "invalid-field", message)
                }
            }
            AppError::NotFound => {
                Problem::new(StatusCode::NOT_FOUND, "not-found", "No such resource.")
            }
            AppError::Exists => Problem::new(
                StatusCode::CONFLICT,
                "exists",
                "Something with this id or name already exists.",
            ),
            AppError::Stale { based_on, current } => Problem {
                current_version: Some(current),
                ..Problem::new(
                    StatusCode::PRECONDITION_FAILED,
                    "stale",
                    format!(
                        "The change was based on version {based_on}, but version {current} has been saved since."
                    ),
                )
            },
            AppError::NotAllowed(detail) => {
                Problem::new(StatusCode::CONFLICT, "not-allowed", detail.to_string())
            }
            AppError::Document { problem, message } => Problem::new(
                document_status(problem),
                problem.as_str(),
                message.to_string(),
            ),
            AppError::Unauthenticated => Problem::new(
                StatusCode::UNAUTHORIZED,
                "unauthenticated",
                "Sign in, or send an API token (Authorization: Bearer …).",
            ),
            AppError::Forbidden(detail) => {
                Problem::new(StatusCode::FORBIDDEN, "forbidden", detail.to_string())
            }
            AppError::Throttled { retry_after } => Problem {
                retry_after: u32::try_from(retry_after).ok(),
                ..Problem::new(
                    StatusCode::TOO_MANY_REQUESTS,
                    "throttled",
                    format!("Too many failed sign-ins. Try again in {retry_after} seconds."),
                )
            },
            AppError::Internal(e) => {
                tracing::error!(error = %e, "internal failure");
                Problem::new(
                    StatusCode::INTERNAL_SERVER_ERROR,
                    "internal",
                    "The server could not complete the request.",
                )
            }
            AppError::Store(e) => {
                tracing::error!(error = %e, "storage failed");
                Problem::new(
                    StatusCode::SERVICE_UNAVAILABLE,
                    "storage",
                    "The database could not complete the request.",
                )
            }
        }
    }
}

/// The status of a document that gives no proposal: too large, not a
/// document type that is read, or unreadable as it is.
pub(crate) fn document_status(problem: app::DocumentProblem) -> StatusCode {
    match problem {
        app::DocumentProblem::TooLarge => StatusCode::PAYLOAD_TOO_LARGE,
        app::DocumentProblem::UnknownType => StatusCode::UNSUPPORTED_MEDIA_TYPE,
        _ => StatusCode::UNPROCESSABLE_ENTITY,
    }
}

/// An agreement with errors: each diagnostic placed at its line and column
/// when the source text is known.
fn invalid(
    diagnostics: Vec<domain::diagnostic::Diagnostic>,
    source_text: Option<&str>,
    syntax: Option<domain::format::Syntax>,
) -> Problem {
    let locator = match (source_text, syntax) {
        (Some(text), Some(syntax)) => Some(domain::format::Locator::new(text, syntax)),
        _ => None,
    };
    let errors = diagnostics
        .into_iter()
        .map(|d| {
            let d = match &locator {
                Some(l) => l.place(d),
                None => d,
            };
            let position = match (source_text, &d.span) {
                (Some(text), Some(span)) => Some(line_column(text, span.start)),
                _ => None,
            };
            FieldError {
                code: d.code.to_owned(),
                field: d.path.as_ref().map(ToString::to_string),
                message: message(&d),
                line: position.map(|p| p.0),
                column: position.map(|p| p.1),
            }
        })
        .collect();
    Problem {
        errors,
        ..Problem::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid-agreement",
            "The agreement has errors.",
        )
    }
}

/// The diagnostic's message in English (the API's language).
pub(crate) fn message(d: &domain::diagnostic::Diagnostic) -> String {
    let args: Vec<(&str, String)> = d.args.iter().map(|(n, v)| (*n, v.clone())).collect();
    locale::message(locale::Lang::En, d.code, &args)
}

/// Unknown routes answer with a problem too.
pub async fn not_found() -> Problem {
    Problem::new(StatusCode::NOT_FOUND, "not-found", "No such resource.")
}

/// Every API error as problem+json: what axum answers by itself (405, a body
/// over the limit, an unreadable path, query or JSON body) is plain text or
/// empty, so it is rewritten here, keeping its status and headers (`Allow`).
pub async fn api_errors_as_problems(req: Request, next: Next) -> Response {
    let api = req.uri().path().starts_with("/api/");
    let response = next.run(req).await;
    let status = response.status();
    let is_problem = response
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|v| v.as_bytes().starts_with(b"application/problem+json"));
    if !api || is_problem || !(status.is_client_error() || status.is_server_error()) {
        return response;
    }
    let (parts, body) = response.into_parts();
    // Rejection texts are short; a longer body is not read further.
    let text = axum::body::to_bytes(body, 4096).await.unwrap_or_default();
    let text = String::from_utf8_lossy(&text);
    let detail = match text.trim() {
        "" => status.canonical_reason().unwrap_or("Error").to_owned(),
        text => text.to_owned(),
    };
    let kind = match status {
        StatusCode::METHOD_NOT_ALLOWED => "method-not-allowed",
        StatusCode::PAYLOAD_TOO_LARGE => "too-large",
        StatusCode::UNSUPPORTED_MEDIA_TYPE => "unsupported-media-type",
        StatusCode::UNPROCESSABLE_ENTITY => "invalid-body",
        StatusCode::BAD_REQUEST => "bad-request",
        _ => "error",
    };
    let mut problem = Problem::new(status, kind, detail).into_response();
    for (name, value) in &parts.headers {
        if name != header::CONTENT_TYPE && name != header::CONTENT_LENGTH {
            problem.headers_mut().append(name, value.clone());
        }
    }
    problem
}
