//! Sends reminder mails over SMTP with lettre (rustls, `ring`), configured
//! from one URL, and sorts failures into temporary (retry with backoff) and
//! permanent (show it, do not retry). It implements the application's
//! [`Mailer`]; `app` itself knows nothing of SMTP.

use std::fmt;
use std::time::Duration;

use app::Mail;
use lettre::message::header::{ContentType, HeaderName, HeaderValue};
use lettre::message::{Mailbox, MultiPart, SinglePart};
use lettre::transport::smtp::SmtpTransportBuilder;
use lettre::transport::smtp::authentication::Credentials;
use lettre::transport::smtp::client::{Tls, TlsParameters};
use lettre::{Message, SmtpTransport, Transport};
use percent_encoding::percent_decode_str;

pub use app::{Failure, Mailer, SendError};

/// Why an SMTP URL or a from address is refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError(pub String);

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for ConfigError {}

/// How the connection is secured, as the URL chose it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Security {
    /// `smtp://host:port` without credentials: plain, for a local relay.
    Plain,
    /// `smtp://user:pass@host:port`: STARTTLS, required (never credentials in clear).
    StartTls,
    /// `smtps://…`: TLS from the first byte.
    Implicit,
}

/// An SMTP sender.
pub struct SmtpMailer {
    transport: SmtpTransport,
    /// What `transport` was built from, to build it again with other limits.
    rebuild: SmtpTransportBuilder,
    from: Mailbox,
    security: Security,
}

impl fmt::Debug for SmtpMailer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Never the credentials.
        f.debug_struct("SmtpMailer")
            .field("from", &self.from.to_string())
            .field("security", &self.security)
            .finish_non_exhaustive()
    }
}

impl SmtpMailer {
    /// From `smtp://host:port`, `smtp://user:pass@host:port` or
    /// `smtps://[user:pass@]host:port` and a from address. Default ports:
    /// 25 plain, 587 STARTTLS, 465 implicit TLS.
    pub fn from_url(url: &str, from: &str) -> Result<Self, ConfigError> {
        let bad = |what: &str| ConfigError(format!("SMTP URL: {what}"));
        let parsed = url::Url::parse(url).map_err(|e| bad(&e.to_string()))?;
        let host = parsed
            .host_str()
            .filter(|h| !h.is_empty())
            .ok_or_else(|| bad("no host"))?
            .to_owned();
        let decode = |s: &str| percent_decode_str(s).decode_utf8_lossy().into_owned();
        let user = decode(parsed.username());
        let credentials = (!user.is_empty())
            .then(|| Credentials::new(user, decode(parsed.password().unwrap_or_default())));
        let security = match (parsed.scheme(), credentials.is_some()) {
            ("smtp", false) => Security::Plain,
            ("smtp", true) => Security::StartTls,
            ("smtps", _) => Security::Implicit,
            (other, _) => return Err(bad(&format!("scheme {other}: expected smtp or smtps"))),
        };
        let port = parsed.port().unwrap_or(match security {
            Security::Plain => 25,
            Security::StartTls => 587,
            Security::Implicit => 465,
        });
        let tls = |host: &str| TlsParameters::new(host.to_owned()).map_err(|e| bad(&e.to_string()));
        let tls = match security {
            Security::Plain => Tls::None,
            Security::StartTls => Tls::Required(tls(&host)?),
            Security::Implicit => Tls::Wrapper(tls(&host)?),
        };
        let mut builder = SmtpTransport::builder_dangerous(host)
            .port(port)
            .tls(tls)
            .timeout(Some(Duration::from_secs(30)));
        if let Some(c) = credentials {
            builder = builder.credentials(c);
        }
        let from = from
            .parse::<Mailbox>()
            .map_err(|e| ConfigError(format!("from address {from:?}: {e}")))?;
        Ok(SmtpMailer {
            transport: builder.clone().build(),
            rebuild: builder,
            from,
            security,
        })
    }

    /// How long to wait for the server at each step (30 s unless set);
    /// a server slower than this is a temporary failure.
    #[must_use]
    pub fn with_timeout(mut self, timeout: Duration) -> Self {
        self.transport = self.rebuild.clone().timeout(Some(timeout)).build();
        self
    }

    pub fn security(&self) -> Security {
        self.security
    }

    fn message(&self, mail: &Mail) -> Result<Message, SendError> {
        let permanent = |detail: String| SendError {
            failure: Failure::Permanent,
            code: None,
            detail,
        };
        let to = mail
            .to
            .parse::<Mailbox>()
            .map_err(|e| permanent(format!("recipient {:?}: {e}", mail.to)))?;
        let mut builder = Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(mail.subject.clone());
        for (name, value) in &mail.headers {
            let name = HeaderName::new_from_ascii(name.clone())
                .map_err(|e| permanent(format!("header {name:?}: {e}")))?;
            builder = builder.raw_header(HeaderValue::new(name, value.clone()));
        }
        let body = MultiPart::alternative()
            .singlepart(
                SinglePart::builder()
                    .header(ContentType::TEXT_PLAIN)
                    .body(mail.text.clone()),
            )
            .singlepart(
                SinglePart::builder()
                    .header(ContentType::TEXT_HTML)
                    .body(mail.html.clone()),
            );
        builder
            .multipart(body)
            .map_err(|e| permanent(format!("message: {e}")))
    }
}

/// 5xx is permanent; everything else that fails on the way (4xx, refused,
/// timed out, broken TLS) may pass later.
fn classify(e: &lettre::transport::smtp::Error) -> SendError {
    let code = e.status().map(|c| {
        let digits = format!("{c}");
        digits.parse::<u16>().unwrap_or_default()
    });
    SendError {
        failure: if e.is_permanent() {
            Failure::Permanent
        } else {
            Failure::Temporary
        },
        code,
        detail: e.to_string(),
    }
}

impl Mailer for SmtpMailer {
    fn send(&self, mail: &Mail) -> Result<(), SendError> {
        let message = self.message(mail)?;
        self.transport
            .send(&message)
            .map(|_| ())
            .map_err(|e| classify(&e))
    }
}
