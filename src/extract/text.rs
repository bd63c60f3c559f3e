//! Readers that turn a report on disk into plain text: plain text (UTF-8, or Windows-1252 with a
//! warning), Markdown, HTML, Word `.docx` and PDF. Each keeps the words a reader sees, one
//! paragraph a line, and drops the rest (see [`DocumentFormat`] for what each loses).
//!
//! Every reader is bounded ([`ReadLimits`]) and never panics on hostile input: third-party
//! parsers run under `catch_unwind`, and a panic becomes an error in words. This module does not
//! find dates or events in the text; [`super::dct`] and [`super::drafts`] do.

use std::fmt;
use std::io::Read;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;

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
    pub fn from_extension(path: &Path) -> Option<Self> {
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
    pub fn sniff(bytes: &[u8]) -> Self {
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
pub struct ReadLimits {
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
pub enum ReadError {
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
pub fn read_document(path: &Path) -> Result<Document, ReadError> {
    read_document_with(path, ReadLimits::default())
}

/// Reads a report from `path` within `limits`.
pub fn read_document_with(path: &Path, limits: ReadLimits) -> Result<Document, ReadError> {
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
pub fn read_document_bytes(
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

/// Whether bytes look like a binary file: a NUL in the first 8 KiB without a UTF-16 mark, or
/// more than one in ten bytes a control character.
fn looks_binary(bytes: &[u8]) -> bool {
    if encoding_rs::Encoding::for_bom(bytes).is_some() {
        return false;
    }
    let head = &bytes[..bytes.len().min(8192)];
    let controls = head
        .iter()
        .filter(|b| **b < 0x20 && !matches!(**b, b'\n' | b'\r' | b'\t' | 0x0c))
        .count();
    head.contains(&0) || controls * 10 > head.len()
}

/// Decodes text: a byte-order mark's encoding, else UTF-8, else Windows-1252 with a warning.
fn decode_text(bytes: &[u8], warnings: &mut Vec<String>) -> String {
    if let Some((encoding, bom_len)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, had_errors) = encoding.decode_without_bom_handling(&bytes[bom_len..]);
        if had_errors {
            warnings.push(format!(
                "some bytes are not valid {}; they were replaced by \u{fffd}",
                encoding.name()
            ));
        }
        return text.into_owned();
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => text.to_owned(),
        Err(_) => {
            warnings.push(
                "the file is not UTF-8: it was read as Windows-1252 (Western European). If \
                 letters look wrong, save it as UTF-8 and open it again."
                    .to_owned(),
            );
            let (text, _, _) = encoding_rs::WINDOWS_1252.decode(bytes);
            text.into_owned()
        }
    }
}

/// Decodes an HTML page: its byte-order mark, UTF-8, the `charset` its head declares, else
/// Windows-1252 with a warning.
fn decode_html(bytes: &[u8], warnings: &mut Vec<String>) -> String {
    if encoding_rs::Encoding::for_bom(bytes).is_some() || std::str::from_utf8(bytes).is_ok() {
        return decode_text(bytes, warnings);
    }
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(4096)]).to_ascii_lowercase();
    let declared = head.find("charset=").and_then(|at| {
        let label: String = head[at + "charset=".len()..]
            .trim_start_matches(['"', '\''])
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | ':' | '.'))
            .collect();
        encoding_rs::Encoding::for_label(label.as_bytes())
    });
    match declared {
        Some(encoding) => {
            let (text, _, had_errors) = encoding.decode(bytes);
            if had_errors {
                warnings.push(format!(
                    "some bytes are not valid {}; they were replaced by \u{fffd}",
                    encoding.name()
                ));
            }
            text.into_owned()
        }
        None => decode_text(bytes, warnings),
    }
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

/// Markdown to text, through `pulldown-cmark`.
mod markdown {
    use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

    use super::Lines;

    /// The words of a Markdown document, one block a line. YAML front matter is kept as lines
    /// (`date: 2018-03-23` helps find the document's date).
    pub(super) fn to_text(source: &str) -> String {
        let options = Options::ENABLE_TABLES
            | Options::ENABLE_STRIKETHROUGH
            | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
            | Options::ENABLE_FOOTNOTES;
        let mut lines = Lines::default();
        let mut in_image = 0_usize;
        let mut in_code_block = false;
        let mut in_metadata = false;
        for event in Parser::new_ext(source, options) {
            match event {
                Event::Start(Tag::Image { .. }) => in_image += 1,
                Event::End(TagEnd::Image) => in_image = in_image.saturating_sub(1),
                Event::Start(Tag::CodeBlock(_)) => {
                    lines.break_line();
                    in_code_block = true;
                }
                Event::End(TagEnd::CodeBlock) => {
                    in_code_block = false;
                    lines.break_line();
                }
                Event::Start(Tag::MetadataBlock(_)) => in_metadata = true,
                Event::End(TagEnd::MetadataBlock(_)) => {
                    in_metadata = false;
                    lines.break_line();
                }
                Event::Start(
                    Tag::Paragraph
                    | Tag::Heading { .. }
                    | Tag::Item
                    | Tag::BlockQuote(_)
                    | Tag::TableRow
                    | Tag::TableHead
                    | Tag::FootnoteDefinition(_),
                ) => lines.break_line(),
                Event::End(
                    TagEnd::Paragraph
                    | TagEnd::Heading(_)
                    | TagEnd::Item
                    | TagEnd::BlockQuote(_)
                    | TagEnd::TableRow
                    | TagEnd::TableHead
                    | TagEnd::FootnoteDefinition,
                ) => lines.break_line(),
                Event::End(TagEnd::TableCell) => lines.push("\t", true),
                Event::Text(words) if in_image == 0 => {
                    lines.push(&words, in_code_block || in_metadata);
                }
                Event::Code(words) if in_image == 0 => lines.push(&words, false),
                Event::SoftBreak => lines.push(" ", false),
                Event::HardBreak => lines.break_line(),
                _ => {}
            }
        }
        lines.finish()
    }
}

/// HTML to text, through `scraper` (html5ever: the browsers' parsing algorithm, every named
/// entity decoded).
mod html {
    use chrono::NaiveDate;
    use scraper::Node;
    use scraper::node::Element;

    use super::{Lines, MetadataDate};

    /// The readable text of a page and the publication date its metadata gives.
    pub(super) struct Page {
        /// One block a line.
        pub text: String,
        /// From `<meta>` or `<time datetime>`.
        pub published: Option<MetadataDate>,
    }

    /// The deepest nesting of elements read. The HTML parser checks the stack of open elements
    /// for each new one, so its time grows with the square of the depth: a page nested 5,000
    /// deep took 8 s in a debug build, one nested 1,000 deep a fraction of a second. Real pages
    /// nest a few dozen deep.
    pub(super) const MAX_NESTING: usize = 1_000;

    /// Elements that never hold others, or that the parser closes by itself when the next one
    /// starts: they do not count towards the nesting estimate.
    const NOT_NESTING: &[&str] = &[
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr", "param", "keygen", "p", "li", "dt", "dd", "option", "optgroup", "tr", "td",
        "th", "thead", "tbody", "tfoot", "rb", "rt", "rp", "colgroup", "caption", "head", "body",
        "html",
    ];

    /// How deep a page nests its elements, estimated in one pass over the source: start tags
    /// less end tags, skipping comments, the insides of scripts and styles, empty elements and
    /// those closed implicitly.
    pub(super) fn nesting_estimate(source: &str) -> usize {
        let bytes = source.as_bytes();
        let (mut depth, mut deepest, mut at) = (0_usize, 0_usize, 0_usize);
        while let Some(offset) = memchr_lt(&bytes[at..]) {
            at += offset + 1;
            let rest = &source[at..];
            if rest.starts_with("!--") {
                at += rest.find("-->").map_or(rest.len(), |end| end + 3);
                continue;
            }
            let closing = rest.starts_with('/');
            let name: String = rest
                .trim_start_matches('/')
                .chars()
                .take_while(char::is_ascii_alphanumeric)
                .map(|c| c.to_ascii_lowercase())
                .collect();
            if name.is_empty() || NOT_NESTING.contains(&name.as_str()) {
                continue;
            }
            if closing {
                depth = depth.saturating_sub(1);
            } else if matches!(name.as_str(), "script" | "style") {
                let end = format!("</{name}");
                at += rest.to_ascii_lowercase().find(&end).unwrap_or(rest.len());
            } else {
                depth += 1;
                deepest = deepest.max(depth);
            }
        }
        deepest
    }

    /// Where the next `<` is.
    fn memchr_lt(bytes: &[u8]) -> Option<usize> {
        bytes.iter().position(|b| *b == b'<')
    }

    /// Elements whose content is never the page's text.
    const SKIPPED: &[&str] = &[
        "head", "script", "style", "noscript", "template", "nav", "aside", "form", "button",
        "select", "option", "textarea", "svg", "math", "iframe", "object", "embed", "canvas",
        "dialog", "menu",
    ];

    /// Elements that begin and end a line.
    const BLOCKS: &[&str] = &[
        "p",
        "div",
        "section",
        "article",
        "main",
        "header",
        "footer",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "li",
        "ul",
        "ol",
        "dl",
        "dt",
        "dd",
        "blockquote",
        "pre",
        "table",
        "tr",
        "figure",
        "figcaption",
        "address",
        "hr",
        "br",
        "caption",
        "details",
        "summary",
    ];

    /// Metadata names that give a page's publication date, best first.
    const DATE_META: &[&str] = &[
        "article:published_time",
        "datepublished",
        "og:published_time",
        "publication_date",
        "publish-date",
        "pubdate",
        "dc.date.issued",
        "dcterms.created",
        "dc.date",
        "date",
        "parsely-pub-date",
        "sailthru.date",
    ];

    /// Whether an element is hidden or navigation by its attributes or role.
    fn is_hidden(element: &Element) -> bool {
        element.attr("hidden").is_some()
            || element.attr("aria-hidden") == Some("true")
            || matches!(
                element.attr("role"),
                Some("navigation" | "banner" | "contentinfo" | "complementary" | "search")
            )
            || element.attr("style").is_some_and(|s| {
                s.replace(' ', "")
                    .to_ascii_lowercase()
                    .contains("display:none")
            })
    }

    /// The date at the start of a metadata value: `2018-03-23T10:00:00Z` → 2018-03-23.
    fn leading_date(value: &str) -> Option<NaiveDate> {
        let value = value.trim();
        NaiveDate::parse_from_str(value.get(..10)?, "%Y-%m-%d").ok()
    }

    /// Walks the page without recursion (a hostile page may nest a million elements).
    pub(super) fn to_text(source: &str) -> Page {
        let page = scraper::Html::parse_document(source);
        let mut lines = Lines::default();
        let mut skipping = 0_usize;
        let mut in_pre = 0_usize;
        let mut in_article = 0_usize;
        let mut meta_dates: Vec<(usize, MetadataDate)> = Vec::new();
        let mut time_date: Option<MetadataDate> = None;
        for edge in page.tree.root().traverse() {
            match edge {
                ego_tree::iter::Edge::Open(node) => match node.value() {
                    Node::Element(element) => {
                        let name = element.name();
                        if name == "meta" {
                            let key = element
                                .attr("property")
                                .or_else(|| element.attr("name"))
                                .or_else(|| element.attr("itemprop"))
                                .unwrap_or_default()
                                .to_ascii_lowercase();
                            if let (Some(rank), Some(content)) = (
                                DATE_META.iter().position(|m| *m == key),
                                element.attr("content"),
                            ) && let Some(date) = leading_date(content)
                            {
                                let found_in = format!("the page's \"{key}\" ({})", content.trim());
                                meta_dates.push((rank, MetadataDate { date, found_in }));
                            }
                        }
                        if name == "time"
                            && time_date.is_none()
                            && let Some(value) = element.attr("datetime")
                            && let Some(date) = leading_date(value)
                        {
                            time_date = Some(MetadataDate {
                                date,
                                found_in: format!("the page's first <time> ({})", value.trim()),
                            });
                        }
                        let header_outside_article =
                            matches!(name, "header" | "footer") && in_article == 0;
                        if skipping > 0
                            || SKIPPED.contains(&name)
                            || header_outside_article
                            || is_hidden(element)
                        {
                            skipping += 1;
                            continue;
                        }
                        if matches!(name, "article" | "main") {
                            in_article += 1;
                        }
                        if name == "pre" {
                            in_pre += 1;
                        }
                        if BLOCKS.contains(&name) {
                            lines.break_line();
                        } else if matches!(name, "td" | "th") {
                            lines.push(" ", false);
                        }
                    }
                    Node::Text(text) if skipping == 0 => lines.push(text, in_pre > 0),
                    _ => {}
                },
                ego_tree::iter::Edge::Close(node) => {
                    if let Node::Element(element) = node.value() {
                        let name = element.name();
                        if skipping > 0 {
                            skipping -= 1;
                            continue;
                        }
                        if matches!(name, "article" | "main") {
                            in_article = in_article.saturating_sub(1);
                        }
                        if name == "pre" {
                            in_pre = in_pre.saturating_sub(1);
                        }
                        if BLOCKS.contains(&name) {
                            lines.break_line();
                        }
                    }
                }
            }
        }
        meta_dates.sort_by_key(|(rank, _)| *rank);
        let published = meta_dates.into_iter().map(|(_, d)| d).next().or(time_date);
        Page {
            text: lines.finish(),
            published,
        }
    }
}

/// Word `.docx` to text: `word/document.xml` read with `quick-xml`, bounded in size.
mod docx {
    use std::io::Read;

    use quick_xml::events::Event;

    use super::{Lines, ReadLimits};

    /// The body text of a `.docx`, one paragraph a line, or why it cannot be read.
    pub(super) fn to_text(bytes: &[u8], limits: ReadLimits) -> Result<String, String> {
        let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes))
            .map_err(|e| format!("it is not a complete zip archive, as a .docx is ({e})"))?;
        let mut entry = archive.by_name("word/document.xml").map_err(|_| {
            "it has no word/document.xml: expected a Word document saved as .docx".to_owned()
        })?;
        let limit = limits.max_inflated_bytes;
        let too_big = || {
            format!(
                "its text part inflates to more than {} MiB; Swimline stops there (a zip bomb?)",
                limit / (1024 * 1024)
            )
        };
        if entry.size() > limit {
            return Err(too_big());
        }
        let mut xml = Vec::new();
        // The declared size may lie: never inflate more than the limit.
        (&mut entry)
            .take(limit.saturating_add(1))
            .read_to_end(&mut xml)
            .map_err(|e| format!("its text part could not be inflated ({e})"))?;
        if xml.len() as u64 > limit {
            return Err(too_big());
        }
        body_text(&xml)
    }

    /// The text of `word/document.xml`.
    fn body_text(xml: &[u8]) -> Result<String, String> {
        let mut reader = quick_xml::Reader::from_reader(xml);
        let mut buf = Vec::new();
        let mut lines = Lines::default();
        let mut in_text = false;
        loop {
            let event = reader.read_event_into(&mut buf).map_err(|e| {
                format!(
                    "its text part is not well-formed XML near byte {} ({e})",
                    reader.buffer_position()
                )
            })?;
            match event {
                Event::Start(e) if e.local_name().as_ref() == b"t" => in_text = true,
                Event::Empty(e) => match e.local_name().as_ref() {
                    b"tab" => lines.push("\t", true),
                    b"br" | b"cr" => lines.break_line(),
                    b"noBreakHyphen" | b"softHyphen" => lines.push("-", true),
                    _ => {}
                },
                Event::End(e) => match e.local_name().as_ref() {
                    b"t" => in_text = false,
                    b"p" => lines.break_line(),
                    b"tc" => lines.push("\t", true),
                    _ => {}
                },
                Event::Text(t) if in_text => {
                    let words = t
                        .xml10_content()
                        .map_err(|e| format!("its text part has text that is not UTF-8 ({e})"))?;
                    lines.push(&words, true);
                }
                Event::GeneralRef(r) if in_text => {
                    let resolved = match r.resolve_char_ref() {
                        Ok(Some(c)) => Some(c.to_string()),
                        _ => r.decode().ok().and_then(|name| {
                            quick_xml::escape::resolve_predefined_entity(&name).map(str::to_owned)
                        }),
                    };
                    if let Some(words) = resolved {
                        lines.push(&words, true);
                    }
                }
                Event::Eof => break,
                _ => {}
            }
            buf.clear();
        }
        Ok(lines.finish())
    }
}

/// PDF to text, through `pdf-extract` (on `lopdf`).
mod pdf {
    /// The text layer of a PDF with each paragraph's lines joined, or why it cannot be read.
    pub(super) fn to_text(bytes: &[u8]) -> Result<String, String> {
        let raw = pdf_extract::extract_text_from_mem(bytes).map_err(|e| {
            let why = e.to_string();
            if why.to_ascii_lowercase().contains("encrypt") {
                "it is encrypted; save an unprotected copy first".to_owned()
            } else {
                format!("its text could not be read ({why})")
            }
        })?;
        Ok(reflow(&raw))
    }

    /// Joins the lines of each paragraph (blank lines part paragraphs), mending words hyphenated
    /// across lines ("destabi-\nlizing").
    pub(super) fn reflow(raw: &str) -> String {
        let mut out = String::with_capacity(raw.len());
        for paragraph in raw.split("\n\n") {
            let mut line_out = String::new();
            for line in paragraph.lines().map(str::trim).filter(|l| !l.is_empty()) {
                if line_out.ends_with('-') && line.chars().next().is_some_and(char::is_lowercase) {
                    line_out.pop();
                } else if !line_out.is_empty() {
                    line_out.push(' ');
                }
                line_out.push_str(line);
            }
            if !line_out.is_empty() {
                out.push_str(&line_out);
                out.push('\n');
            }
        }
        out
    }
}

#[cfg(test)]
mod tests;
