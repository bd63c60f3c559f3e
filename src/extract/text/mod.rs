//! Readers that turn a report on disk into plain text: plain text (UTF-8, or Windows-1252 with a
//! warning), Markdown, HTML, Word `.docx` and PDF. Each keeps the words a reader sees, one
//! paragraph a line, and drops the rest (see [`DocumentFormat`] for what each loses).
//!
//! Every reader is bounded (`ReadLimits`) and never panics on hostile input: third-party
//! parsers run under `catch_unwind`, and a panic becomes an error in words. This module does not
//! find dates or events in the text; `dct` and [`super::drafts`] do.
//!
//! One file per format (`markdown`, `html`, `docx`, `pdf`; plain text needs only `decode`,
//! which turns bytes into characters); this file holds what they share: the types, the entry
//! points, the dispatch by format and the line builder.

mod decode;
mod docx;
mod html;
mod markdown;
mod pdf;

use std::fmt;
use std::io::Read;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use decode::{decode_html, decode_text, looks_binary};

/// The kind of file a report was read from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DocumentFormat {
    /// Plain text, kept as it is, character for character (only a byte-order mark is dropped).
    PlainText,
    /// Markdown, rendered to its words: heading marks, emphasis, list bullets, link targets,
    /// images and raw HTML are dropped; a paragraph's wrapped lines are joined into one line.
    Markdown,
    /// A web page's readable text: scripts, styles, forms, navigation, page headers and footers
    /// (outside the article), asides and hidden elements are dropped, as is `<head>`; each
    /// paragraph, heading, list item and table row becomes a line.
    Html,
    /// A Word document's body text (`word/document.xml`), one paragraph a line: headers,
    /// footers, footnotes, comments, text boxes' layout and deleted (tracked) text are dropped.
    Docx,
    /// The text layer of a PDF, with each paragraph's lines joined: scanned pages (pictures of
    /// text) have none, and columns, tables and running heads may come out interleaved.
    Pdf,
}

impl DocumentFormat {
    /// The format in words, for messages.
    pub fn name(self) -> &'static str {
        match self {
            Self::PlainText => "plain text",
            Self::Markdown => "Markdown",
            Self::Html => "HTML",
            Self::Docx => "Word (.docx)",
            Self::Pdf => "PDF",
        }
    }

    /// The format a file name's extension stands for, if Swimline reads it.
    pub(crate) fn from_extension(path: &Path) -> Option<Self> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "txt" | "text" => Some(Self::PlainText),
            "md" | "markdown" | "mdown" | "mkd" => Some(Self::Markdown),
            "html" | "htm" | "xhtml" => Some(Self::Html),
            "docx" => Some(Self::Docx),
            "pdf" => Some(Self::Pdf),
            _ => None,
        }
    }

    /// The format the first bytes of a file show: PDF and zip (Word) by their magic numbers,
    /// HTML by its opening tag, anything else as plain text.
    pub(crate) fn sniff(bytes: &[u8]) -> Self {
        if bytes.starts_with(b"%PDF-") {
            return Self::Pdf;
        }
        if bytes.starts_with(b"PK\x03\x04") {
            return Self::Docx;
        }
        let head = &bytes[..bytes.len().min(1024)];
        let head = String::from_utf8_lossy(head).to_ascii_lowercase();
        let head = head.trim_start_matches('\u{feff}').trim_start();
        if head.starts_with("<!doctype html") || head.starts_with("<html") {
            Self::Html
        } else {
            Self::PlainText
        }
    }
}

impl fmt::Display for DocumentFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A date the file itself gives as its publication date (an HTML page's
/// `article:published_time`, `datePublished` or `<time datetime>`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MetadataDate {
    /// The date.
    pub date: NaiveDate,
    /// Where it was found, in words: `the page's "article:published_time" (2018-03-23T10:00Z)`.
    pub found_in: String,
}

/// A report's text as read from a file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Document {
    /// The text: one paragraph a line (`\n`), with the offsets of every later step counted in it.
    pub text: String,
    /// The kind of file it came from.
    pub format: DocumentFormat,
    /// Things the reader had to guess or drop, in words the user can act on.
    pub warnings: Vec<String>,
    /// A publication date given by the file's own metadata, if any.
    pub metadata_date: Option<MetadataDate>,
}

/// How much a reader may take in: hostile files (zip bombs, huge files) stop here.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct ReadLimits {
    /// The largest file read, in bytes.
    pub max_file_bytes: u64,
    /// The largest part of a zip (`word/document.xml`) inflated, in bytes.
    pub max_inflated_bytes: u64,
}

impl Default for ReadLimits {
    /// 64 MiB files (a long report as PDF is a few MB) and 128 MiB inflated XML (Word's XML is
    /// about ten times its text).
    fn default() -> Self {
        Self {
            max_file_bytes: 64 * 1024 * 1024,
            max_inflated_bytes: 128 * 1024 * 1024,
        }
    }
}

/// Why a report could not be read. Each message names the file and what was expected.
#[derive(Debug, thiserror::Error)]
pub(crate) enum ReadError {
    /// The file could not be opened or read.
    #[error("could not read {path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// What the system said.
        source: std::io::Error,
    },
    /// The file is larger than the limit.
    #[error("{path} is {size_mib:.1} MiB; Swimline reads reports of at most {limit_mib:.0} MiB")]
    TooLarge {
        /// The file.
        path: PathBuf,
        /// Its size in MiB.
        size_mib: f64,
        /// The limit in MiB.
        limit_mib: f64,
    },
    /// The file is of a kind Swimline does not read.
    #[error(
        "{path} is {what}, which Swimline does not read: expected plain text, Markdown, HTML, \
         a Word .docx or a PDF{hint}"
    )]
    Unsupported {
        /// The file.
        path: PathBuf,
        /// What it is, in words.
        what: String,
        /// A way out, starting with "; " (or empty).
        hint: String,
    },
    /// The file is not what its name or first bytes said.
    #[error("{path} is not a readable {format} file: {reason}")]
    Malformed {
        /// The file.
        path: PathBuf,
        /// The format it was read as.
        format: DocumentFormat,
        /// What was wrong, in words.
        reason: String,
    },
    /// The file was read but holds no text.
    #[error("{path} has no text Swimline can read{hint}")]
    NoText {
        /// The file.
        path: PathBuf,
        /// Why that may be, starting with " (" (or empty).
        hint: String,
    },
}

/// Reads a report from `path` with the default limits; the format comes from the extension, or
/// from the first bytes when the extension says nothing.
pub(crate) fn read_document(path: &Path) -> Result<Document, ReadError> {
    read_document_with(path, ReadLimits::default())
}

/// Reads a report from `path` within `limits`.
pub(crate) fn read_document_with(path: &Path, limits: ReadLimits) -> Result<Document, ReadError> {
    let io_error = |source| ReadError::Io {
        path: path.to_owned(),
        source,
    };
    if let Some(what) = unsupported_extension(path) {
        return Err(ReadError::Unsupported {
            path: path.to_owned(),
            what: what.0.to_owned(),
            hint: what.1.to_owned(),
        });
    }
    let file = std::fs::File::open(path).map_err(io_error)?;
    let size = file.metadata().map_err(io_error)?.len();
    let too_large = |size: u64| ReadError::TooLarge {
        path: path.to_owned(),
        size_mib: size as f64 / MIB,
        limit_mib: limits.max_file_bytes as f64 / MIB,
    };
    if size > limits.max_file_bytes {
        return Err(too_large(size));
    }
    let mut bytes = Vec::new();
    // The file may grow after the size was read: never take more than the limit.
    file.take(limits.max_file_bytes.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(io_error)?;
    if bytes.len() as u64 > limits.max_file_bytes {
        return Err(too_large(bytes.len() as u64));
    }
    let format =
        DocumentFormat::from_extension(path).unwrap_or_else(|| DocumentFormat::sniff(&bytes));
    read_document_bytes(&bytes, format, path, limits)
}

/// Reads a report already in memory (a dropped or pasted file) as `format`; `path` only names it
/// in messages.
pub(crate) fn read_document_bytes(
    bytes: &[u8],
    format: DocumentFormat,
    path: &Path,
    limits: ReadLimits,
) -> Result<Document, ReadError> {
    let malformed = |reason: String| ReadError::Malformed {
        path: path.to_owned(),
        format,
        reason,
    };
    let caught = std::panic::catch_unwind(|| convert(bytes, format, path, limits));
    let mut document = match caught {
        Ok(result) => result?,
        Err(panic) => {
            let detail = panic
                .downcast_ref::<&str>()
                .map(|s| (*s).to_owned())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_default();
            return Err(malformed(format!(
                "the {} reader gave up on it ({})",
                format.name(),
                if detail.is_empty() {
                    "no detail"
                } else {
                    &detail
                }
            )));
        }
    };
    if document.text.trim().is_empty() {
        let hint = match format {
            DocumentFormat::Pdf => {
                " (a scanned PDF has only pictures of text: run it through OCR first)"
            }
            _ => " (it is empty)",
        };
        return Err(ReadError::NoText {
            path: path.to_owned(),
            hint: hint.to_owned(),
        });
    }
    if document.text.contains('\0') {
        document.text = document.text.replace('\0', " ");
        document
            .warnings
            .push("the text had NUL characters; they were read as spaces".to_owned());
    }
    Ok(document)
}

const MIB: f64 = 1024.0 * 1024.0;

/// Extensions of formats Swimline knows and does not read, with a way out.
fn unsupported_extension(path: &Path) -> Option<(&'static str, &'static str)> {
    let ext = path.extension()?.to_str()?.to_ascii_lowercase();
    match ext.as_str() {
        "doc" => Some((
            "an old Word .doc file",
            "; save it as .docx or PDF from Word",
        )),
        "rtf" => Some((
            "a Rich Text (.rtf) file",
            "; save it as .docx or plain text",
        )),
        "odt" => Some(("an OpenDocument (.odt) file", "; save it as .docx or PDF")),
        "png" | "jpg" | "jpeg" | "gif" | "tif" | "tiff" | "webp" => {
            Some(("a picture", "; run it through OCR and open the text"))
        }
        _ => None,
    }
}

/// Converts the bytes of one format to a [`Document`]; may panic inside third-party parsers
/// (the caller catches it).
fn convert(
    bytes: &[u8],
    format: DocumentFormat,
    path: &Path,
    limits: ReadLimits,
) -> Result<Document, ReadError> {
    let mut warnings = Vec::new();
    let mut metadata_date = None;
    let text = match format {
        DocumentFormat::PlainText => {
            if looks_binary(bytes) {
                return Err(ReadError::Malformed {
                    path: path.to_owned(),
                    format,
                    reason: "it holds binary data, not text; expected a .txt, .md, .html, \
                             .docx or .pdf report"
                        .to_owned(),
                });
            }
            decode_text(bytes, &mut warnings)
        }
        DocumentFormat::Markdown => markdown::to_text(&decode_text(bytes, &mut warnings)),
        DocumentFormat::Html => {
            let source = decode_html(bytes, &mut warnings);
            let depth = html::nesting_estimate(&source);
            if depth > html::MAX_NESTING {
                return Err(ReadError::Malformed {
                    path: path.to_owned(),
                    format,
                    reason: format!(
                        "it nests elements about {depth} deep; Swimline reads pages nested at \
                         most {} deep (a real page nests a few dozen)",
                        html::MAX_NESTING
                    ),
                });
            }
            let page = html::to_text(&source);
            metadata_date = page.published;
            page.text
        }
        DocumentFormat::Docx => {
            docx::to_text(bytes, limits).map_err(|reason| ReadError::Malformed {
                path: path.to_owned(),
                format,
                reason,
            })?
        }
        DocumentFormat::Pdf => pdf::to_text(bytes).map_err(|reason| ReadError::Malformed {
            path: path.to_owned(),
            format,
            reason,
        })?,
    };
    Ok(Document {
        text,
        format,
        warnings,
        metadata_date,
    })
}

/// Builds text one line per block: collapses runs of white space, never starts a line with a
/// space, never leaves two line breaks in a row.
#[derive(Default)]
struct Lines {
    /// The text so far.
    text: String,
}

impl Lines {
    /// Adds words, collapsing white space (kept as is when `keep_space`).
    fn push(&mut self, words: &str, keep_space: bool) {
        if keep_space {
            self.text.push_str(words);
            return;
        }
        for c in words.chars() {
            if c.is_whitespace() {
                if !(self.text.is_empty() || self.text.ends_with([' ', '\n'])) {
                    self.text.push(' ');
                }
            } else {
                self.text.push(c);
            }
        }
    }

    /// Ends the current line, if it has anything on it.
    fn break_line(&mut self) {
        let trimmed = self.text.trim_end_matches([' ', '\t']).len();
        self.text.truncate(trimmed);
        if !(self.text.is_empty() || self.text.ends_with('\n')) {
            self.text.push('\n');
        }
    }

    /// The text, with the last line ended.
    fn finish(mut self) -> String {
        self.break_line();
        self.text
    }
}
#[cfg(test)]
mod tests;
