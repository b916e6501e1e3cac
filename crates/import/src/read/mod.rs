//! Readers: bytes and a file name in, a [`Document`] out.

mod docx;
mod flow;
mod layout;
mod ocr;
mod odt;
mod pdf;
mod plain;
mod tool;
mod xml;
mod zip;

use std::time::Duration;

use crate::document::{Document, SourceKind};
use crate::error::ImportError;

/// Bounds on what one import may cost.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Largest input file.
    pub max_input: u64,
    /// Largest total of uncompressed bytes read out of a zip container.
    pub max_unzipped: u64,
    /// Most entries a zip container may list.
    pub max_entries: usize,
    /// Largest text pdftotext may print.
    pub max_text: u64,
    /// Longest one helper program (pdftotext, pdftoppm, tesseract on one page) may run.
    pub timeout: Duration,
    /// Most pages of a scan read by OCR; later pages are left out with a warning.
    pub max_pages: u32,
    /// Longest the OCR of a whole scan may take.
    pub ocr_timeout: Duration,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_input: 20 * 1024 * 1024,
            max_unzipped: 100 * 1024 * 1024,
            max_entries: 5_000,
            max_text: 20 * 1024 * 1024,
            timeout: Duration::from_secs(30),
            max_pages: 50,
            ocr_timeout: Duration::from_secs(600),
        }
    }
}

/// Read a document with the default limits.
pub fn read(bytes: &[u8], file_name: &str) -> Result<Document, ImportError> {
    read_with(bytes, file_name, &Limits::default())
}

/// Read a document: the content decides the reader, the file name only when
/// the content does not (plain text).
pub fn read_with(bytes: &[u8], file_name: &str, limits: &Limits) -> Result<Document, ImportError> {
    let size = bytes.len() as u64;
    if size > limits.max_input {
        return Err(ImportError::TooLarge {
            size,
            limit: limits.max_input,
        });
    }
    let extension = extension(file_name);
    let document = if bytes.starts_with(b"%PDF-") {
        pdf::read(bytes, limits)?
    } else if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") {
        read_zip_document(bytes, limits)?
    } else if bytes.starts_with(b"{\\rtf") {
        return Err(ImportError::Unsupported { kind: "RTF".into() });
    } else if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        // The OLE container of .doc, and of a password-protected .docx.
        return Err(if extension == "docx" {
            ImportError::Encrypted
        } else {
            ImportError::Unsupported {
                kind: "Word 97-2003 (.doc)".into(),
            }
        });
    } else {
        match extension.as_str() {
            "md" | "markdown" => plain::read(bytes, SourceKind::Markdown)?,
            "txt" | "text" | "" => plain::read(bytes, SourceKind::Text)?,
            "pdf" | "docx" | "odt" => {
                return Err(ImportError::Corrupt {
                    reason: format!("the content is not a .{extension} file"),
                });
            }
            _ => {
                return Err(ImportError::UnknownType {
                    name: file_name.to_owned(),
                });
            }
        }
    };
    if document.blocks.iter().all(|b| b.text.trim().is_empty()) {
        return Err(ImportError::Empty);
    }
    Ok(document)
}

/// A scanned document from Tesseract's TSV output, one string a page (what
/// OCR of a PDF without a text layer builds its document from); every block is
/// marked as OCR.
pub fn document_from_tesseract_tsv(pages: &[&str]) -> Document {
    ocr::document_from_tsv(pages)
}

fn read_zip_document(bytes: &[u8], limits: &Limits) -> Result<Document, ImportError> {
    let mut archive = zip::Archive::open(bytes, limits)?;
    if archive.contains("word/document.xml") {
        docx::read(&mut archive)
    } else if archive.contains("content.xml") {
        let mimetype = archive.read_optional("mimetype")?.unwrap_or_default();
        if !mimetype.is_empty() && !mimetype.starts_with(b"application/vnd.oasis.opendocument.text")
        {
            return Err(ImportError::Unsupported {
                kind: String::from_utf8_lossy(&mimetype).into_owned(),
            });
        }
        if archive.contains("META-INF/manifest.xml") {
            let manifest = archive
                .read_optional("META-INF/manifest.xml")?
                .unwrap_or_default();
            if memchr_find(&manifest, b"encryption-data") {
                return Err(ImportError::Encrypted);
            }
        }
        odt::read(&mut archive)
    } else {
        Err(ImportError::Unsupported {
            kind: "a zip archive that is neither .docx nor .odt".into(),
        })
    }
}

fn memchr_find(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

fn extension(file_name: &str) -> String {
    let base = file_name.rsplit(['/', '\\']).next().unwrap_or(file_name);
    match base.rsplit_once('.') {
        Some((stem, ext)) if !stem.is_empty() => ext.to_ascii_lowercase(),
        _ => String::new(),
    }
}
