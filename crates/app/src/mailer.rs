//! What sends a mail, as the application sees it. The SMTP adapter
//! (`crates/mail`) implements it; tests may put any other sender in its place.

use std::fmt;

pub use remind::Mail;

/// Hands a mail to a mail server.
pub trait Mailer: Send + Sync {
    /// `Ok` once the server accepted `mail`. Blocking: the worker calls it
    /// off the async threads.
    fn send(&self, mail: &Mail) -> Result<(), SendError>;
}

/// Whether trying again later can help.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Failure {
    /// 4xx, a refused or timed-out connection, a TLS hand-shake that broke:
    /// retry with backoff.
    Temporary,
    /// 5xx, or a mail that cannot be written (a bad address): do not retry.
    Permanent,
}

/// Why a mail was not accepted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SendError {
    pub failure: Failure,
    /// The SMTP reply code, when the server answered.
    pub code: Option<u16>,
    pub detail: String,
}

impl fmt::Display for SendError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let kind = match self.failure {
            Failure::Temporary => "temporary",
            Failure::Permanent => "permanent",
        };
        match self.code {
            Some(code) => write!(f, "{kind} failure ({code}): {}", self.detail),
            None => write!(f, "{kind} failure: {}", self.detail),
        }
    }
}

impl std::error::Error for SendError {}
