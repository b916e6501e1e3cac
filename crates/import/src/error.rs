use std::fmt;

/// Why a file could not be read. Every reader returns one of these instead of
/// panicking; the message names the reason in plain words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ImportError {
    /// The file is larger than the input limit.
    TooLarge { size: u64, limit: u64 },
    /// Neither the content nor the file name says which kind of document this is.
    UnknownType { name: String },
    /// The file is a kind that is recognised but not read (e.g. `.doc`, `.rtf`).
    Unsupported { kind: String },
    /// The document is password-protected.
    Encrypted,
    /// The file is damaged or not what its name says.
    Corrupt { reason: String },
    /// A zip container would expand beyond the limits (a zip bomb, or simply too big).
    ZipLimit { reason: String },
    /// A PDF without a text layer (a scan): Tesseract is not installed, or
    /// (`ocr_available`) it found no text in it.
    NoTextLayer { ocr_available: bool },
    /// A helper program (pdftotext, pdftoppm, tesseract) is missing, failed or took too long.
    Tool { tool: String, reason: String },
    /// The text is empty.
    Empty,
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ImportError::TooLarge { size, limit } => {
                write!(f, "the file is {size} bytes; the limit is {limit} bytes")
            }
            ImportError::UnknownType { name } => write!(
                f,
                "{name}: unknown document type (read are .txt, .md, .docx, .odt and .pdf)"
            ),
            ImportError::Unsupported { kind } => write!(f, "{kind} files are not read"),
            ImportError::Encrypted => write!(f, "the document is encrypted (password-protected)"),
            ImportError::Corrupt { reason } => write!(f, "the document is damaged: {reason}"),
            ImportError::ZipLimit { reason } => {
                write!(f, "the document's container exceeds a limit: {reason}")
            }
            ImportError::NoTextLayer {
                ocr_available: true,
            } => {
                write!(
                    f,
                    "the PDF has no text layer (a scan) and OCR found no text in it"
                )
            }
            ImportError::NoTextLayer {
                ocr_available: false,
            } => write!(
                f,
                "the PDF has no text layer (a scan); reading it needs OCR: install Tesseract with Swedish (Debian packages tesseract-ocr and tesseract-ocr-swe)"
            ),
            ImportError::Tool { tool, reason } => write!(f, "{tool}: {reason}"),
            ImportError::Empty => write!(f, "the document holds no text"),
        }
    }
}

impl std::error::Error for ImportError {}
