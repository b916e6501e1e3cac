//! An agreement document (.docx, .odt, .pdf, .txt, .md) read into a
//! proposed agreement for a person to check: nothing is stored until they
//! save it, and then the document is kept with version 1.
//!
//! Between the upload and the save the document waits in memory (see
//! [`PendingImports`]): a few per user, for a bounded time and size.

use std::sync::{Arc, Mutex};

use domain::Agreement;
use domain::diagnostic::Diagnostic;
use import::{Document, ImportError, Proposal, SourceKind};
use jiff::{SignedDuration, Timestamp};
use sha2::{Digest, Sha256};

use crate::access::CreateAgreements;
use crate::agreements::off_thread;
use crate::{App, AppError, Message};

/// The largest document read: the importer's own input limit (20 MiB).
pub const MAX_IMPORT_BYTES: usize = 20 * 1024 * 1024;
/// Documents kept for review per user; a new upload pushes out the oldest.
pub const PENDING_PER_USER: usize = 3;
/// Bytes of documents kept for review, all users together; over it the
/// oldest go first.
pub const PENDING_BYTES: usize = 5 * MAX_IMPORT_BYTES;
/// How long a document waits for its review to be saved.
pub const PENDING_FOR: SignedDuration = SignedDuration::from_hours(2);

/// Why a document gives no proposal; the web answers 413, 415 or 422.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DocumentProblem {
    /// Larger than [`MAX_IMPORT_BYTES`].
    TooLarge,
    /// Not a kind of document that is read (or none at all).
    UnknownType,
    /// Password-protected.
    Encrypted,
    /// Damaged, over the container's limits, a scan without text, or the
    /// PDF reader failed.
    Unreadable,
    /// No text in it.
    Empty,
    /// Read, but it names no party: no agreement to propose.
    NoAgreement,
}

impl DocumentProblem {
    /// The stable name of the problem (the API's problem type).
    pub fn as_str(self) -> &'static str {
        match self {
            DocumentProblem::TooLarge => "document-too-large",
            DocumentProblem::UnknownType => "document-type",
            DocumentProblem::Encrypted => "document-encrypted",
            DocumentProblem::Unreadable => "document-unreadable",
            DocumentProblem::Empty => "document-empty",
            DocumentProblem::NoAgreement => "no-agreement",
        }
    }
}

fn refused(problem: DocumentProblem, message: Message) -> AppError {
    AppError::Document { problem, message }
}

/// The importer's error in the user's words.
fn unreadable(e: ImportError) -> AppError {
    use DocumentProblem as P;
    let (problem, message) = match e {
        ImportError::TooLarge { .. } => (
            P::TooLarge,
            Message::new("app-import-too-large")
                .arg("mib", (MAX_IMPORT_BYTES / 1024 / 1024).to_string()),
        ),
        ImportError::UnknownType { .. } => (P::UnknownType, Message::new("app-import-type")),
        ImportError::Unsupported { kind } => (
            P::UnknownType,
            Message::new("app-import-unsupported").arg("kind", kind),
        ),
        ImportError::Encrypted => (P::Encrypted, Message::new("app-import-encrypted")),
        ImportError::Corrupt { reason } | ImportError::ZipLimit { reason } => (
            P::Unreadable,
            Message::new("app-import-damaged").arg("detail", reason),
        ),
        ImportError::NoTextLayer { ocr_available } => (
            P::Unreadable,
            Message::new(if ocr_available {
                "app-import-scan"
            } else {
                "app-import-scan-no-ocr"
            }),
        ),
        ImportError::Tool { tool, reason } => (
            P::Unreadable,
            Message::new("app-import-tool")
                .arg("tool", tool)
                .arg("detail", reason),
        ),
        ImportError::Empty => (P::Empty, Message::new("app-import-empty")),
    };
    refused(problem, message)
}

/// What a document proposes, and the document itself as read.
#[derive(Debug)]
pub struct Proposed {
    /// The file's name as uploaded (its last component).
    pub name: String,
    /// The type of document the content showed it to be.
    pub content_type: &'static str,
    pub size: usize,
    /// SHA-256 of the bytes, as hex.
    pub sha256: String,
    pub document: Document,
    pub proposal: Proposal,
    /// The proposal as an agreement of the file format.
    pub agreement: Agreement,
    /// What the agreement's checks say of it.
    pub findings: Vec<Diagnostic>,
}

fn content_type(source: SourceKind) -> &'static str {
    match source {
        SourceKind::Text => "text/plain",
        SourceKind::Markdown => "text/markdown",
        SourceKind::Docx => {
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        }
        SourceKind::Odt => "application/vnd.oasis.opendocument.text",
        SourceKind::Pdf | SourceKind::ScannedPdf => "application/pdf",
    }
}

/// Read a document and propose its agreement (pure work, bounded by the
/// importer's limits).
fn propose(name: &str, bytes: &[u8]) -> Result<Proposed, AppError> {
    if bytes.len() > MAX_IMPORT_BYTES {
        return Err(unreadable(ImportError::TooLarge {
            size: bytes.len() as u64,
            limit: MAX_IMPORT_BYTES as u64,
        }));
    }
    let name = crate::files::display_name(name);
    let document = import::read(bytes, &name).map_err(unreadable)?;
    let proposal = import::extract(&document);
    let stem = name.rsplit_once('.').map_or(name.as_str(), |(s, _)| s);
    let agreement = match import::to_agreement(&proposal, stem) {
        Some(Ok(agreement)) => agreement,
        Some(Err(detail)) => {
            return Err(refused(
                DocumentProblem::NoAgreement,
                Message::new("app-import-no-agreement-detail").arg("detail", detail),
            ));
        }
        None => {
            return Err(refused(
                DocumentProblem::NoAgreement,
                Message::new("app-import-no-agreement"),
            ));
        }
    };
    let findings = domain::check::check(&agreement);
    let sha256 = Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    Ok(Proposed {
        name,
        content_type: content_type(document.source),
        size: bytes.len(),
        sha256,
        document,
        proposal,
        agreement,
        findings,
    })
}

/// A document waiting for its review to be saved.
#[derive(Debug, Clone)]
pub struct PendingImport {
    pub id: String,
    pub proposed: Arc<Proposed>,
    pub(crate) bytes: Arc<[u8]>,
}

#[derive(Debug)]
struct Entry {
    user: String,
    kept_at: Timestamp,
    pending: PendingImport,
}

/// The documents waiting for review, in memory: at most
/// [`PENDING_PER_USER`] per user and [`PENDING_BYTES`] in all, each for
/// [`PENDING_FOR`]. A restart forgets them (the user uploads again);
/// nothing of them is in the database.
#[derive(Debug, Default)]
pub(crate) struct PendingImports(Mutex<Vec<Entry>>);

impl PendingImports {
    fn entries(&self) -> std::sync::MutexGuard<'_, Vec<Entry>> {
        // A panic while holding the lock leaves a list that is still whole.
        self.0
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    fn keep(&self, user: &str, pending: PendingImport, now: Timestamp) {
        let mut entries = self.entries();
        entries.retain(|e| now.duration_since(e.kept_at) < PENDING_FOR);
        let mine = entries.iter().filter(|e| e.user == user).count();
        if mine >= PENDING_PER_USER
            && let Some(oldest) = entries.iter().position(|e| e.user == user)
        {
            entries.remove(oldest);
        }
        entries.push(Entry {
            user: user.to_owned(),
            kept_at: now,
            pending,
        });
        while entries.iter().map(|e| e.pending.bytes.len()).sum::<usize>() > PENDING_BYTES
            && entries.len() > 1
        {
            entries.remove(0);
        }
    }

    fn get(&self, user: &str, id: &str, now: Timestamp) -> Option<PendingImport> {
        self.entries()
            .iter()
            .find(|e| {
                e.user == user
                    && crate::same_secret(&e.pending.id, id)
                    && now.duration_since(e.kept_at) < PENDING_FOR
            })
            .map(|e| e.pending.clone())
    }

    fn remove(&self, user: &str, id: &str) {
        self.entries()
            .retain(|e| !(e.user == user && e.pending.id == id));
    }
}

impl App {
    /// What a document proposes; nothing is kept. The reading runs on the
    /// blocking threads.
    pub async fn propose_import(
        &self,
        _may: &CreateAgreements,
        name: &str,
        bytes: Arc<[u8]>,
    ) -> Result<Proposed, AppError> {
        let name = name.to_owned();
        off_thread(move || propose(&name, &bytes)).await
    }

    /// Read a document and keep it, with its proposal, for the caller's
    /// review; the id to find it by.
    pub async fn keep_import(
        &self,
        may: &CreateAgreements,
        name: &str,
        bytes: Arc<[u8]>,
        now: Timestamp,
    ) -> Result<PendingImport, AppError> {
        let proposed = self.propose_import(may, name, bytes.clone()).await?;
        let pending = PendingImport {
            id: crate::accounts::secret()?,
            proposed: Arc::new(proposed),
            bytes,
        };
        self.pending.keep(may.user_id(), pending.clone(), now);
        Ok(pending)
    }

    /// A document the caller uploaded for review, while it is kept.
    pub fn pending_import(
        &self,
        may: &CreateAgreements,
        id: &str,
        now: Timestamp,
    ) -> Result<PendingImport, AppError> {
        self.pending
            .get(may.user_id(), id, now)
            .ok_or(AppError::NotFound)
    }

    /// Forget a document kept for review (it was saved).
    pub(crate) fn forget_import(&self, may: &CreateAgreements, id: &str) {
        self.pending.remove(may.user_id(), id);
    }
}

/// The document a version was imported from, as shown with the agreement.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceDocumentView {
    pub id: String,
    pub agreement_id: String,
    pub version: i64,
    pub name: String,
    pub content_type: String,
    pub size: i64,
    pub sha256: String,
    pub created_at: String,
}

impl From<store::SourceDocumentRow> for SourceDocumentView {
    fn from(r: store::SourceDocumentRow) -> Self {
        SourceDocumentView {
            id: r.id,
            agreement_id: r.agreement_id,
            version: r.version,
            name: r.name,
            content_type: r.content_type,
            size: r.size,
            sha256: r.sha256,
            created_at: r.created_at,
        }
    }
}

impl App {
    /// Save the reviewed agreement as version 1, with the document it was
    /// imported from kept beside it; the document is then no longer
    /// waiting. `NotFound` when it is no longer kept (upload it again).
    pub async fn create_imported(
        &self,
        may: &CreateAgreements,
        input: crate::NewAgreement<'_>,
        import_id: &str,
        actor: &crate::Actor,
        now: Timestamp,
    ) -> Result<crate::AgreementView, AppError> {
        let pending = self.pending_import(may, import_id, now)?;
        let view = self.create_from(may, input, Some(&pending), actor).await?;
        self.forget_import(may, import_id);
        Ok(view)
    }

    /// Store version 1 and its source document in one transaction; the
    /// document's bytes are removed again when that fails.
    pub(crate) async fn store_imported(
        &self,
        head: &store::AgreementHead,
        version: &store::NewVersion,
        derived: &store::Derived,
        created: &store::AuditEvent,
        source: &PendingImport,
        actor: &crate::Actor,
    ) -> Result<(), AppError> {
        let (id, sha256) = self.blobs.put(&source.bytes).map_err(|e| {
            AppError::NotAllowed(Message::new("app-file-store").arg("detail", e.to_string()))
        })?;
        let proposed = &source.proposed;
        let row = store::SourceDocumentRow {
            id: id.clone(),
            agreement_id: head.id.clone(),
            version: 1,
            name: proposed.name.clone(),
            content_type: proposed.content_type.to_owned(),
            size: i64::try_from(source.bytes.len()).unwrap_or(i64::MAX),
            sha256,
            created_at: actor.at.clone(),
        };
        let attached = actor.added_to_agreement(
            &head.id,
            "source-document-added",
            serde_json::json!({
                "file": row.id, "version": row.version, "name": row.name,
                "content_type": row.content_type, "size": row.size, "sha256": row.sha256,
            }),
        );
        let stored = self
            .store
            .create_imported_agreement(head, version, derived, &row, [created, &attached])
            .await;
        if let Err(e) = stored {
            self.blobs.remove(&id);
            return Err(e.into());
        }
        Ok(())
    }

    /// The documents an agreement's versions were imported from.
    pub async fn source_documents(
        &self,
        may: &crate::SeeAgreement,
    ) -> Result<Vec<SourceDocumentView>, AppError> {
        let rows = self.store.source_documents(may.id()).await?;
        Ok(rows.into_iter().map(SourceDocumentView::from).collect())
    }

    /// A source document and its bytes, if the caller may see its agreement.
    pub async fn source_document(
        &self,
        caller: &crate::Caller,
        id: &str,
    ) -> Result<(SourceDocumentView, Vec<u8>), AppError> {
        // As for files: nobody signed in is told so before any look-up.
        caller.principal()?;
        let row = self
            .store
            .source_document(id)
            .await?
            .ok_or(AppError::NotFound)?;
        self.see_agreement(caller, &row.agreement_id).await?;
        let bytes = self.blob(&row.id)?;
        Ok((row.into(), bytes))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pending(id: &str, size: usize) -> PendingImport {
        let text = include_str!("../../import/tests/fixtures/stod.md");
        let proposed = propose("stod.md", text.as_bytes());
        PendingImport {
            id: id.to_owned(),
            proposed: Arc::new(proposed.unwrap_or_else(|e| panic!("{e}"))),
            bytes: vec![b'a'; size].into(),
        }
    }

    fn at(minutes: i64) -> Timestamp {
        Timestamp::UNIX_EPOCH + SignedDuration::from_mins(minutes)
    }

    /// Kept for its uploader alone, for two hours; a fourth upload pushes
    /// out the uploader's oldest; over the bytes of all, the oldest go.
    #[test]
    fn documents_wait_bounded_per_user_in_size_and_time() {
        let kept = PendingImports::default();
        for (n, id) in ["a1", "a2", "a3", "a4"].iter().enumerate() {
            kept.keep("anna", pending(id, 10), at(i64::try_from(n).unwrap_or(0)));
        }
        assert!(kept.get("anna", "a1", at(5)).is_none(), "the oldest went");
        assert!(kept.get("anna", "a4", at(5)).is_some());
        assert!(kept.get("bertil", "a4", at(5)).is_none(), "another user's");
        assert!(kept.get("anna", "a4", at(3 + 119)).is_some());
        assert!(kept.get("anna", "a4", at(3 + 120)).is_none(), "expired");
        kept.keep("bertil", pending("b1", PENDING_BYTES - 25), at(10));
        assert!(
            kept.get("anna", "a2", at(10)).is_none(),
            "over the bytes of all"
        );
        assert!(kept.get("anna", "a4", at(10)).is_some());
        assert!(kept.get("bertil", "b1", at(10)).is_some());
        kept.remove("bertil", "b1");
        assert!(kept.get("bertil", "b1", at(10)).is_none());
    }

    #[test]
    fn unreadable_documents_say_why() {
        let refused = |bytes: &[u8], name: &str| match propose(name, bytes) {
            Err(AppError::Document { problem, .. }) => Some(problem),
            _ => None,
        };
        assert_eq!(refused(b"", "x.txt"), Some(DocumentProblem::Empty));
        assert_eq!(
            refused(b"PK\x03\x04x", "x.docx"),
            Some(DocumentProblem::Unreadable)
        );
        assert_eq!(refused(b"abc", "x.png"), Some(DocumentProblem::UnknownType));
        assert_eq!(
            refused(b"{\\rtf1 x}", "x.rtf"),
            Some(DocumentProblem::UnknownType)
        );
        assert_eq!(
            refused(b"Hej hej.", "x.txt"),
            Some(DocumentProblem::NoAgreement)
        );
        let big = vec![b'a'; MAX_IMPORT_BYTES + 1];
        assert_eq!(refused(&big, "x.txt"), Some(DocumentProblem::TooLarge));
    }
}
