//! The JSON of the busiest read routes (the agreement list, one agreement,
//! the portfolio queries), kept serialised until the next write. A kept
//! answer is served only after the route has checked who is asking, and it
//! is kept under everything it depends on: the caller's scope (their user
//! id), the query, and for dated answers the day.

use axum::body::Bytes;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Serialize;

use crate::problem::Problem;

/// One serialised answer.
#[derive(Debug, Clone)]
pub struct Answer {
    body: Bytes,
    etag: Option<HeaderValue>,
    /// `Link: <…>; rel="next"` when there is another page.
    next: Option<HeaderValue>,
}

impl Answer {
    pub fn json<T: Serialize>(value: &T) -> Result<Answer, Problem> {
        let body = serde_json::to_vec(value).map_err(|e| {
            Problem::new(
                StatusCode::INTERNAL_SERVER_ERROR,
                "encoding",
                format!("The answer cannot be written as JSON: {e}"),
            )
        })?;
        Ok(Answer {
            body: body.into(),
            etag: None,
            next: None,
        })
    }

    pub fn with_etag(mut self, etag: HeaderValue) -> Answer {
        self.etag = Some(etag);
        self
    }

    pub fn with_next(mut self, next: Option<HeaderValue>) -> Answer {
        self.next = next;
        self
    }
}

impl IntoResponse for Answer {
    fn into_response(self) -> Response {
        let mut response = self.body.into_response();
        let headers = response.headers_mut();
        headers.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        );
        if let Some(etag) = self.etag {
            headers.insert(header::ETAG, etag);
        }
        if let Some(next) = self.next {
            headers.insert(header::LINK, next);
        }
        response
    }
}

/// Answers by key, up to a number of bytes in all.
#[derive(Debug)]
pub struct Answers(app::Memo<Answer>);

impl Answers {
    /// Keep up to `bytes` of answers; 0 keeps none.
    pub fn new(app: &app::App, bytes: u64) -> Answers {
        // The body, plus about what the entry and its key cost beside it.
        Answers(app.memo(bytes, |a: &Answer| a.body.len() as u64 + 256))
    }

    /// The kept answer under `key`, or `compute`'s.
    pub async fn get_or_try(
        &self,
        key: String,
        compute: impl Future<Output = Result<Answer, Problem>>,
    ) -> Result<Answer, Problem> {
        self.0.get_or_try(key, compute).await
    }
}

/// A key of parts that cannot run into each other.
pub fn key(parts: &[&str]) -> String {
    parts.join("\u{1f}")
}
