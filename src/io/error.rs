//! Load errors that point at the file, the line and column, and the field.

use std::fmt;

/// A 1-based line and column (in characters) in a text file. Column 0 means "the whole line"
/// (a CSV row, whose fields are named instead).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Location {
    /// Line, from 1.
    pub line: usize,
    /// Column in characters, from 1.
    pub column: usize,
}

impl Location {
    /// The location of byte `offset` in `text` (clamped to the text).
    pub fn of_offset(text: &str, offset: usize) -> Self {
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let before = &text[..offset];
        let line = before.bytes().filter(|&b| b == b'\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let column = before[line_start..].chars().count() + 1;
        Self { line, column }
    }
}

/// One thing wrong in a file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// Where in the file, when known.
    pub location: Option<Location>,
    /// The field, as a path such as `events[3].time`, when known.
    pub field: Option<String>,
    /// What is wrong and what was expected.
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.location {
            Some(loc) if loc.column > 0 => write!(f, "line {}, column {}: ", loc.line, loc.column)?,
            Some(loc) => write!(f, "line {}: ", loc.line)?,
            None => {}
        }
        if let Some(field) = &self.field {
            write!(f, "{field}: ")?;
        }
        f.write_str(&self.message)
    }
}

/// Why a file could not be loaded. Every variant names the file.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    /// The file could not be read from disk.
    #[error("{file}: cannot read the file: {source}")]
    Read {
        /// The file's path as given.
        file: String,
        /// What the operating system said.
        #[source]
        source: std::io::Error,
    },
    /// The path is not a regular file (a folder, a FIFO, a device such as `/dev/zero`), which
    /// could block or never end.
    #[error("{file}: not a regular file but {what}: Swimline opens data files only")]
    NotAFile {
        /// The file's path as given.
        file: String,
        /// What it is, in words: "a folder", "a named pipe (FIFO)".
        what: &'static str,
    },
    /// The file is larger than the memory of this machine.
    #[error(
        "{file}: the file is {} but this machine has {} of memory: it cannot be opened whole \
         (open a part of it, or put it in a database)",
        human_bytes(*size_bytes),
        human_bytes(*memory_bytes)
    )]
    TooLarge {
        /// The file's path as given.
        file: String,
        /// The file's size.
        size_bytes: u64,
        /// The machine's memory.
        memory_bytes: u64,
    },
    /// Loading was stopped by the user before it finished.
    #[error("{file}: loading was stopped")]
    Cancelled {
        /// The file's path as given.
        file: String,
    },
    /// The file was read but its content is wrong; every problem found is listed.
    #[error("{}", content_message(file, problems))]
    Content {
        /// The file's path as given.
        file: String,
        /// At least one problem.
        problems: Vec<Problem>,
    },
    /// The file has records, but every one of them was skipped: nothing could be read.
    #[error("{}", nothing_read_message(file, *skipped, records, problems))]
    NothingRead {
        /// The file's path as given.
        file: String,
        /// How many records were skipped (all there were).
        skipped: usize,
        /// What the file's records are called: `rows`, `lines`, `items`.
        records: &'static str,
        /// Why each record was skipped, in file order.
        problems: Vec<Problem>,
    },
}

/// How many of the problems of a file where nothing could be read are listed in its message.
const NOTHING_READ_SHOWN: usize = 5;

fn nothing_read_message(file: &str, skipped: usize, records: &str, problems: &[Problem]) -> String {
    let mut text =
        format!("{file}: no event could be read: {skipped} of {skipped} {records} skipped");
    if let Some(first) = problems.first() {
        text.push_str(&format!(" — {first}"));
    }
    let rest = &problems[problems.len().min(1)..problems.len().min(NOTHING_READ_SHOWN)];
    if !rest.is_empty() {
        text.push('\n');
        text.push_str(&content_message(file, rest));
    }
    if problems.len() > NOTHING_READ_SHOWN {
        text.push_str(&format!(
            "\n… and {} more",
            problems.len() - NOTHING_READ_SHOWN
        ));
    }
    text
}

impl LoadError {
    /// A content error with a single problem.
    pub fn content(file: &str, problem: Problem) -> Self {
        Self::Content {
            file: file.to_owned(),
            problems: vec![problem],
        }
    }

    /// The problems found, empty for a read error or a stopped load.
    pub fn problems(&self) -> &[Problem] {
        match self {
            Self::Read { .. }
            | Self::Cancelled { .. }
            | Self::NotAFile { .. }
            | Self::TooLarge { .. } => &[],
            Self::Content { problems, .. } | Self::NothingRead { problems, .. } => problems,
        }
    }
}

/// A size in bytes for people: `512 bytes`, `3.2 MB`, `24.0 GB` (powers of 1000, as file
/// managers show them).
pub fn human_bytes(bytes: u64) -> String {
    const UNITS: [&str; 5] = ["KB", "MB", "GB", "TB", "PB"];
    if bytes < 1000 {
        return format!("{bytes} bytes");
    }
    let mut value = bytes as f64 / 1000.0;
    let mut unit = 0;
    while value >= 1000.0 && unit + 1 < UNITS.len() {
        value /= 1000.0;
        unit += 1;
    }
    format!("{value:.1} {}", UNITS[unit])
}

fn content_message(file: &str, problems: &[Problem]) -> String {
    let mut lines = Vec::with_capacity(problems.len());
    for p in problems {
        let mut line = file.to_owned();
        match p.location {
            Some(loc) if loc.column > 0 => line.push_str(&format!(":{}:{}", loc.line, loc.column)),
            Some(loc) => line.push_str(&format!(":{}", loc.line)),
            None => {}
        }
        line.push_str(": ");
        if let Some(field) = &p.field {
            line.push_str(field);
            line.push_str(": ");
        }
        line.push_str(&p.message);
        lines.push(line);
    }
    lines.join("\n")
}

/// The text of a file that must be UTF-8 (a leading byte-order mark is dropped).
pub fn decode_utf8<'a>(file: &str, bytes: &'a [u8]) -> Result<&'a str, LoadError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    std::str::from_utf8(bytes).map_err(|e| {
        let good = &bytes[..e.valid_up_to()];
        // The valid prefix is UTF-8 by construction.
        let text = std::str::from_utf8(good).unwrap_or_default();
        LoadError::content(
            file,
            Problem {
                location: Some(Location::of_offset(text, text.len())),
                field: None,
                message: format!(
                    "byte 0x{:02X} is not UTF-8: expected a UTF-8 text file (save it as UTF-8)",
                    bytes.get(e.valid_up_to()).copied().unwrap_or_default()
                ),
            },
        )
    })
}

#[cfg(test)]
mod tests {
    use super::{Location, decode_utf8};

    #[test]
    fn locations_count_lines_and_characters() {
        let text = "ab\nçd\nef";
        assert_eq!(
            Location::of_offset(text, 0),
            Location { line: 1, column: 1 }
        );
        assert_eq!(
            Location::of_offset(text, 5),
            Location { line: 2, column: 2 }
        );
        assert_eq!(
            Location::of_offset(text, 99),
            Location { line: 3, column: 3 }
        );
    }

    #[test]
    fn non_utf8_names_the_place() {
        let err = decode_utf8("x.json", b"{\n  \"a\": \"caf\xE9\"}").err();
        let text = err.map(|e| e.to_string()).unwrap_or_default();
        assert_eq!(
            text,
            "x.json:2:12: byte 0xE9 is not UTF-8: expected a UTF-8 text file (save it as UTF-8)"
        );
        assert_eq!(decode_utf8("x", b"\xEF\xBB\xBFok").ok(), Some("ok"));
    }
}
