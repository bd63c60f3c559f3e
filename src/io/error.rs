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
            Self::Read { .. } | Self::Cancelled { .. } => &[],
            Self::Content { problems, .. } => problems,
        }
    }
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
