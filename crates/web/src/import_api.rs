//! `POST /api/v1/imports`: an agreement document in, the agreement it
//! proposes out, every value with the words it came from. Nothing is stored.

use std::sync::Arc;

use axum::Json;
use axum::extract::{FromRequest, Multipart, Query, Request, State};
use axum::http::{StatusCode, header};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::AppState;
use crate::auth::Who;
use crate::problem::Problem;

pub(crate) fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(import_document))
}

/// The uploaded document's name and type, and what the reader saw in it.
#[derive(Debug, Serialize, ToSchema)]
pub struct ImportFileOut {
    pub name: String,
    /// The type the content showed the document to be.
    pub content_type: String,
    pub size: u64,
    pub sha256: String,
    /// Pages seen (1 for a text file).
    pub pages: u32,
    /// Some text came from optical character recognition.
    pub ocr: bool,
}

/// Where a value's words stand in the document (pages and lines from 1).
#[derive(Debug, Serialize, ToSchema)]
pub struct SpanOut {
    pub page: u32,
    pub line: u32,
    pub column: u32,
    /// The words, as the document writes them.
    pub quote: String,
}

impl From<&import::Span> for SpanOut {
    fn from(s: &import::Span) -> Self {
        SpanOut {
            page: s.position.page,
            line: s.position.line,
            column: s.position.column,
            quote: s.quote.clone(),
        }
    }
}

/// One proposed value.
#[derive(Debug, Serialize, ToSchema)]
pub struct FactOut {
    /// Where the value goes in the agreement file, e.g. `parties[1].org_number`.
    pub field: String,
    pub value: String,
    /// `certain`, `likely` or `guess` (a guess is to be confirmed).
    pub confidence: String,
    /// The rule that found it.
    pub rule: String,
    pub span: SpanOut,
}

/// A section of the document under its heading.
#[derive(Debug, Serialize, ToSchema)]
pub struct SectionOut {
    /// The section kind of the agreement file (`purpose`, `financing`, …).
    pub kind: String,
    pub heading: String,
    pub span: SpanOut,
}

/// Text no rule read, kept in the agreement's notes.
#[derive(Debug, Serialize, ToSchema)]
pub struct NoteOut {
    pub topic: String,
    pub text: String,
    pub span: SpanOut,
}

/// What the agreement's checks say of the proposal (as `iop check`).
#[derive(Debug, Serialize, ToSchema)]
pub struct CheckOut {
    pub code: String,
    /// `error` or `warning`.
    pub severity: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    pub message: String,
}

/// The agreement a document proposes, every value with its source.
#[derive(Debug, Serialize, ToSchema)]
pub struct ImportOut {
    pub file: ImportFileOut,
    /// The proposed agreement, in the JSON form `iop check` and
    /// `POST /api/v1/agreements` read.
    #[schema(value_type = Object)]
    pub agreement: serde_json::Value,
    pub facts: Vec<FactOut>,
    pub sections: Vec<SectionOut>,
    pub notes: Vec<NoteOut>,
    /// What the reader and the rules noticed (a wrong check digit kept as
    /// written, an encoding guessed, text from OCR).
    pub warnings: Vec<String>,
    pub checks: Vec<CheckOut>,
}

/// A serde enum's name (`guess`, `financing`).
fn word<T: Serialize>(value: &T) -> String {
    serde_json::to_value(value)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

impl From<&app::Proposed> for ImportOut {
    fn from(p: &app::Proposed) -> Self {
        let proposal = &p.proposal;
        let agreement = domain::format::to_json(&p.agreement)
            .ok()
            .and_then(|text| serde_json::from_str(&text).ok())
            .unwrap_or_default();
        ImportOut {
            file: ImportFileOut {
                name: p.name.clone(),
                content_type: p.content_type.to_owned(),
                size: p.size as u64,
                sha256: p.sha256.clone(),
                pages: p.document.pages,
                ocr: p.document.blocks.iter().any(|b| b.ocr),
            },
            agreement,
            facts: proposal
                .facts
                .iter()
                .map(|f| FactOut {
                    field: f.field.clone(),
                    value: f.value.clone(),
                    confidence: word(&f.confidence),
                    rule: f.rule.to_owned(),
                    span: (&f.span).into(),
                })
                .collect(),
            sections: proposal
                .sections
                .iter()
                .map(|s| SectionOut {
                    kind: s.kind.to_owned(),
                    heading: s.heading.clone(),
                    span: (&s.span).into(),
                })
                .collect(),
            notes: proposal
                .notes
                .iter()
                .map(|n| NoteOut {
                    topic: n.topic.clone(),
                    text: n.text.clone(),
                    span: (&n.span).into(),
                })
                .collect(),
            warnings: p
                .document
                .warnings
                .iter()
                .chain(&proposal.warnings)
                .cloned()
                .collect(),
            checks: p
                .findings
                .iter()
                .map(|d| CheckOut {
                    code: d.code.to_owned(),
                    severity: match d.severity {
                        domain::diagnostic::Severity::Error => "error".into(),
                        domain::diagnostic::Severity::Warning => "warning".into(),
                    },
                    field: d.path.as_ref().map(ToString::to_string),
                    message: crate::problem::message(d),
                })
                .collect(),
        }
    }
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
struct ImportQuery {
    /// The document's file name (its extension tells a text file's kind);
    /// a multipart upload carries its own.
    name: Option<String>,
}

/// The types a raw body may be sent as, each with the file name its
/// extension gives when no name is sent; `application/octet-stream` leaves
/// it to the content.
const TYPES: &[(&str, &str)] = &[
    ("application/pdf", "dokument.pdf"),
    (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "dokument.docx",
    ),
    ("application/vnd.oasis.opendocument.text", "dokument.odt"),
    ("text/plain", "dokument.txt"),
    ("text/markdown", "dokument.md"),
    ("application/octet-stream", "dokument"),
];

fn refused(problem: app::DocumentProblem, key: &'static str) -> Problem {
    let message = app::Message::new(key).arg("mib", (app::MAX_IMPORT_BYTES >> 20).to_string());
    app::AppError::Document { problem, message }.into()
}

fn too_large() -> Problem {
    refused(app::DocumentProblem::TooLarge, "app-import-too-large")
}

/// The document sent: a multipart form's `file` field, or the raw body
/// with its name in the query. At most [`app::MAX_IMPORT_BYTES`].
#[allow(clippy::result_large_err)] // the error is the response
async fn uploaded(
    state: &AppState,
    name: Option<String>,
    request: Request,
) -> Result<(String, Vec<u8>), Problem> {
    let content_type = request
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("application/octet-stream")
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase();
    if content_type == "multipart/form-data" {
        let multipart = Multipart::from_request(request, state)
            .await
            .map_err(|e| Problem::bad_request("multipart", e.body_text()))?;
        return match crate::pages::file_field(multipart, "file").await {
            Ok(Some(file)) => Ok(file),
            Ok(None) => Err(refused(app::DocumentProblem::Empty, "app-import-empty")),
            Err(status) if status == StatusCode::PAYLOAD_TOO_LARGE => Err(too_large()),
            Err(_) => Err(Problem::bad_request(
                "multipart",
                "The form cannot be read.",
            )),
        };
    }
    let Some((_, default_name)) = TYPES.iter().find(|(t, _)| *t == content_type) else {
        return Err(refused(
            app::DocumentProblem::UnknownType,
            "app-import-type",
        ));
    };
    let bytes = axum::body::to_bytes(request.into_body(), app::MAX_IMPORT_BYTES)
        .await
        .map_err(|_| too_large())?;
    Ok((
        name.unwrap_or_else(|| (*default_name).to_owned()),
        bytes.to_vec(),
    ))
}

/// Read an agreement document (.docx, .odt, .pdf with a text layer, .txt,
/// .md; at most 20 MiB) and propose the agreement it holds: every value
/// with its span (page, line, column and the words), how sure the rule is,
/// and the rule; what no rule read as notes; and what the agreement's
/// checks say. Nothing is stored. Send the raw bytes (the name in
/// `?name=`, the type in `Content-Type`) or a multipart form with the file
/// in the field `file`. 413: too large; 415: not a kind of document that is
/// read; 422: damaged, encrypted, empty, a scan, or no agreement in it.
#[utoipa::path(post, path = "/api/v1/imports", tag = "agreements", params(ImportQuery),
    request_body(content = Vec<u8>, description = "The document", content_type = "application/octet-stream"),
    responses((status = 200, body = ImportOut), (status = 401, body = Problem), (status = 403, body = Problem),
        (status = 413, body = Problem), (status = 415, body = Problem), (status = 422, body = Problem)))]
async fn import_document(
    State(state): State<AppState>,
    Who(caller): Who,
    Query(q): Query<ImportQuery>,
    request: Request,
) -> Result<Json<ImportOut>, Problem> {
    let may = caller.create_agreements()?;
    let (name, bytes) = uploaded(&state, q.name, request).await?;
    if bytes.is_empty() {
        return Err(refused(app::DocumentProblem::Empty, "app-import-empty"));
    }
    let proposed = state
        .app
        .propose_import(&may, &name, Arc::from(bytes))
        .await?;
    Ok(Json(ImportOut::from(&proposed)))
}
