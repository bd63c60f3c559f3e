//! What every CSV importer shares: a header looked up by name (case-insensitive), rows with their
//! line numbers, and problems that name the row and the column.

use rustc_hash::FxHashMap as HashMap;

use super::error::{LoadError, Location, Problem};

/// A CSV reader over text, with the header read.
pub struct Table<'a> {
    reader: csv::Reader<&'a [u8]>,
    /// The whole text, to turn byte offsets into line numbers.
    text: &'a str,
    /// Header names as written.
    pub names: Vec<String>,
    index: HashMap<String, usize>,
}

/// One data row.
pub struct Row {
    /// The fields.
    pub record: csv::StringRecord,
    /// 1-based row number among the data rows (the header is row 0).
    pub number: usize,
    /// 1-based line where the row starts.
    pub line: usize,
}

impl<'a> Table<'a> {
    /// Reads the header of `text`. Fails when there is no header.
    pub fn new(file: &str, text: &'a str) -> Result<Self, LoadError> {
        let mut reader = csv::ReaderBuilder::new()
            .flexible(true)
            .from_reader(text.as_bytes());
        let headers = reader.headers().map_err(|e| csv_error(file, &e))?.clone();
        let names: Vec<String> = headers.iter().map(|h| h.trim().to_owned()).collect();
        if names.iter().all(String::is_empty) {
            return Err(LoadError::content(
                file,
                Problem {
                    location: Some(Location { line: 1, column: 0 }),
                    field: None,
                    message: "the file is empty or has no header row".to_owned(),
                },
            ));
        }
        let mut index = HashMap::default();
        for (i, name) in names.iter().enumerate() {
            index.entry(name.to_lowercase()).or_insert(i);
        }
        Ok(Self {
            reader,
            text,
            names,
            index,
        })
    }

    /// The position of column `name` (any case).
    pub fn column(&self, name: &str) -> Option<usize> {
        self.index.get(&name.to_lowercase()).copied()
    }

    /// Whether every one of `names` is a column.
    pub fn has_all(&self, names: &[&str]) -> bool {
        names.iter().all(|n| self.column(n).is_some())
    }

    /// The data rows; a row the CSV reader cannot read becomes a warning in `warnings`.
    pub fn rows<'b>(
        &'b mut self,
        warnings: &'b mut Vec<Problem>,
    ) -> impl Iterator<Item = Row> + 'b {
        let mut number = 0;
        // Lines are counted from byte offsets: csv's own line count lags by one after CRLF
        // line ends. Counting resumes where it stopped, so the whole file is scanned once.
        let text = self.text.as_bytes();
        let (mut counted_to, mut line_at) = (0usize, 1usize);
        let mut line_of = move |byte: usize| {
            // After a CRLF, csv places the record at its "\n".
            let byte = byte + usize::from(text.get(byte) == Some(&b'\n'));
            let byte = byte.min(text.len());
            if byte >= counted_to {
                line_at += text[counted_to..byte]
                    .iter()
                    .filter(|&&b| b == b'\n')
                    .count();
                counted_to = byte;
            }
            line_at
        };
        self.reader.records().filter_map(move |result| {
            number += 1;
            match result {
                Ok(record) => {
                    let line = record.position().map_or(0, |p| line_of(p.byte() as usize));
                    Some(Row {
                        record,
                        number,
                        line,
                    })
                }
                Err(e) => {
                    warnings.push(Problem {
                        location: e.position().map(|p| Location {
                            line: line_of(p.byte() as usize),
                            column: 0,
                        }),
                        field: Some(format!("row {number}")),
                        message: format!("skipped: {e}"),
                    });
                    None
                }
            }
        })
    }
}

impl Row {
    /// The trimmed field at `column`, empty when the row is short or the column absent.
    pub fn get(&self, column: Option<usize>) -> &str {
        column
            .and_then(|c| self.record.get(c))
            .map_or("", str::trim)
    }

    /// The non-empty fields of `columns` (position, name) as attributes, in that order.
    pub fn attributes(&self, columns: &[(usize, String)]) -> Vec<(String, String)> {
        columns
            .iter()
            .filter_map(|(c, name)| {
                let value = self.get(Some(*c));
                (!value.is_empty()).then(|| (name.clone(), value.to_owned()))
            })
            .collect()
    }

    /// A problem with column `name` of this row.
    pub fn problem(&self, name: &str, message: impl Into<String>) -> Problem {
        Problem {
            location: Some(Location {
                line: self.line,
                column: 0,
            }),
            field: Some(format!("row {}, column \"{name}\"", self.number)),
            message: message.into(),
        }
    }

    /// Where the row is, for problems found later.
    pub fn origin(&self) -> super::Origin {
        super::Origin {
            location: Some(Location {
                line: self.line,
                column: 0,
            }),
            what: format!("row {}", self.number),
        }
    }
}

fn csv_error(file: &str, e: &csv::Error) -> LoadError {
    LoadError::content(
        file,
        Problem {
            location: e.position().map(|p| Location {
                line: p.line() as usize,
                column: 0,
            }),
            field: None,
            message: format!("cannot read the CSV: {e}"),
        },
    )
}
