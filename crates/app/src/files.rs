//! Files attached to records: a report, the minutes of a meeting, a decision.

use store::FileRow;

use crate::access::{Caller, RecordFollowUp, SeeAgreement};
use crate::{Actor, App, AppError, Message};

/// The largest file accepted.
pub const MAX_UPLOAD_BYTES: usize = 20 * 1024 * 1024;

/// A file as uploaded.
#[derive(Debug, Clone, Copy)]
pub struct Upload<'a> {
    /// The name the user gave it; shown, never used as a path.
    pub name: &'a str,
    pub content_type: &'a str,
    pub bytes: &'a [u8],
}

/// The types accepted, each with how its content must begin.
const TYPES: &[(&str, &[u8])] = &[
    ("application/pdf", b"%PDF-"),
    ("image/png", b"\x89PNG"),
    ("image/jpeg", b"\xFF\xD8\xFF"),
    (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        b"PK\x03\x04",
    ),
    ("application/vnd.oasis.opendocument.text", b"PK\x03\x04"),
    ("text/plain", b""),
];

/// The longest file name, in characters (its last component: a browser
/// may send the whole path).
pub const MAX_FILE_NAME_CHARS: usize = 200;

/// The name's last component, when it is within [`MAX_FILE_NAME_CHARS`].
fn check_name(name: &str) -> Result<(), AppError> {
    let last = name.rsplit(['/', '\\']).next().unwrap_or_default();
    if last.chars().count() > MAX_FILE_NAME_CHARS {
        return Err(crate::records::too_long("name", MAX_FILE_NAME_CHARS));
    }
    Ok(())
}

/// The last component of a name, without control characters, at most 200 characters.
pub(crate) fn display_name(name: &str) -> String {
    let last = name.rsplit(['/', '\\']).next().unwrap_or_default();
    let clean: String = last
        .chars()
        .filter(|c| !c.is_control())
        .take(MAX_FILE_NAME_CHARS)
        .collect();
    let clean = clean.trim().trim_start_matches('.').to_owned();
    if clean.is_empty() {
        "fil".to_owned()
    } else {
        clean
    }
}

fn field(message: Message) -> AppError {
    AppError::field("file", message)
}

impl Upload<'_> {
    /// The file's type, when it is one iop accepts, its content looks like
    /// it, and its size is within the limit; otherwise what is wrong. Check
    /// before recording anything the file belongs to.
    pub fn checked_type(&self) -> Result<String, AppError> {
        if self.bytes.is_empty() {
            return Err(field(Message::new("app-file-empty")));
        }
        if self.bytes.len() > MAX_UPLOAD_BYTES {
            return Err(field(
                Message::new("app-file-large")
                    .arg("mib", (MAX_UPLOAD_BYTES / 1024 / 1024).to_string()),
            ));
        }
        let content_type = self
            .content_type
            .split(';')
            .next()
            .unwrap_or_default()
            .trim()
            .to_ascii_lowercase();
        let allowed: Vec<&str> = TYPES.iter().map(|(t, _)| *t).collect();
        let Some((_, magic)) = TYPES.iter().find(|(t, _)| *t == content_type) else {
            return Err(field(
                Message::new("app-file-type")
                    .arg("type", content_type)
                    .arg("accepted", allowed.join(", ")),
            ));
        };
        let looks_right = if magic.is_empty() {
            std::str::from_utf8(self.bytes).is_ok()
        } else {
            self.bytes.starts_with(magic)
        };
        if !looks_right {
            return Err(field(
                Message::new("app-file-content").arg("type", content_type),
            ));
        }
        Ok(content_type)
    }
}

/// An uploaded file: shown under its original name, kept under its id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileView {
    pub id: String,
    pub record_id: String,
    pub agreement_id: String,
    pub name: String,
    pub content_type: String,
    pub size: i64,
    pub sha256: String,
    pub created_at: String,
}

impl From<FileRow> for FileView {
    fn from(f: FileRow) -> Self {
        FileView {
            id: f.id,
            record_id: f.record_id,
            agreement_id: f.agreement_id,
            name: f.name,
            content_type: f.content_type,
            size: f.size,
            sha256: f.sha256,
            created_at: f.created_at,
        }
    }
}

impl App {
    /// Attach a file to a record of an agreement.
    pub async fn attach_file(
        &self,
        may: &RecordFollowUp,
        record_id: &str,
        upload: Upload<'_>,
        actor: &Actor,
    ) -> Result<FileView, AppError> {
        check_name(upload.name)?;
        let record = self
            .store
            .record(record_id)
            .await?
            .ok_or(AppError::NotFound)?;
        let agreement_id = may.id();
        if record.agreement_id != agreement_id {
            return Err(AppError::NotFound);
        }
        let record = crate::records::Record::try_from(record)?;
        // A record the caller may not read is one that does not exist.
        if !self.reads_record(may.see(), &record).await? {
            return Err(AppError::NotFound);
        }
        // Attaching is recording: it needs the right to record this kind.
        if !may.allows(record.kind, Some(record.state)) {
            return Err(crate::records::may_not_record(
                record.kind,
                Some(record.state),
                record.state.as_str(),
            ));
        }
        let content_type = upload.checked_type()?;
        let (id, sha256) = self.blobs.put(upload.bytes).map_err(|e| {
            AppError::NotAllowed(Message::new("app-file-store").arg("detail", e.to_string()))
        })?;
        let row = FileRow {
            id: id.clone(),
            record_id: record_id.to_owned(),
            agreement_id: agreement_id.to_owned(),
            name: display_name(upload.name),
            content_type,
            size: i64::try_from(upload.bytes.len()).unwrap_or(i64::MAX),
            sha256,
            created_at: actor.at.clone(),
        };
        let audit = actor.added_to_agreement(
            agreement_id,
            "file-added",
            serde_json::json!({
                "file": row.id, "record": row.record_id, "name": row.name,
                "content_type": row.content_type, "size": row.size, "sha256": row.sha256,
            }),
        );
        if let Err(e) = self.store.add_file(&row, &audit).await {
            self.blobs.remove(&id);
            return Err(e.into());
        }
        Ok(row.into())
    }

    /// A file and its bytes, if the caller may see its agreement.
    pub async fn file(&self, caller: &Caller, id: &str) -> Result<(FileView, Vec<u8>), AppError> {
        // Nobody signed in is told to sign in before any look-up, so that a
        // known and an unknown file answer alike.
        caller.principal()?;
        let row = self.store.file(id).await?.ok_or(AppError::NotFound)?;
        let may = self.see_agreement(caller, &row.agreement_id).await?;
        if !self.reads_record_id(&may, &row.record_id).await? {
            return Err(AppError::NotFound);
        }
        let bytes = self.blob(&row.id)?;
        Ok((row.into(), bytes))
    }

    /// The bytes of a stored file (an upload or an imported document).
    pub(crate) fn blob(&self, id: &str) -> Result<Vec<u8>, AppError> {
        self.blobs
            .get(id)
            .map_err(|e| {
                AppError::NotAllowed(Message::new("app-file-read").arg("detail", e.to_string()))
            })?
            .ok_or(AppError::NotFound)
    }

    /// The files of a record.
    pub async fn files_of(
        &self,
        may: &SeeAgreement,
        record_id: &str,
    ) -> Result<Vec<FileView>, AppError> {
        if !self.reads_record_id(may, record_id).await? {
            return Err(AppError::NotFound);
        }
        let files = self.store.files_of(record_id).await?;
        Ok(files
            .into_iter()
            .filter(|f| f.agreement_id == may.id())
            .map(FileView::from)
            .collect())
    }

    /// The records the caller may read, and their files in the order they
    /// came: the agreement is read once (a partner's records are chosen by
    /// its money), not again for the files.
    pub async fn records_and_files(
        &self,
        may: &SeeAgreement,
    ) -> Result<(Vec<crate::Record>, Vec<FileRow>), AppError> {
        let records = self.records(may).await?;
        if records.is_empty() {
            return Ok((records, Vec::new()));
        }
        let readable: std::collections::HashSet<&str> =
            records.iter().map(|r| r.id.as_str()).collect();
        let files = self
            .store
            .files_of_agreement(may.id())
            .await?
            .into_iter()
            .filter(|f| readable.contains(f.record_id.as_str()))
            .collect();
        Ok((records, files))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_shown_not_followed() {
        assert_eq!(display_name("../../x"), "x");
        assert_eq!(display_name("C:\\\\temp\\\\rapport.pdf"), "rapport.pdf");
        assert_eq!(display_name("..\u{0}"), "fil");
        assert_eq!(
            display_name("Årsberättelse 2025.pdf"),
            "Årsberättelse 2025.pdf"
        );
    }
}
