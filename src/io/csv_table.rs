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
    /// Data rows read so far, good or bad.
    rows_read: usize,
    /// Lines are counted from byte offsets (csv's own line count lags by one after CRLF line
    /// ends); counting resumes where it stopped, so the whole file is scanned once.
    counted_to: usize,
    line_at: usize,
    /// Whether this reader is the second of a file split in two (its progress is counted
    /// apart: its offsets are its own).
    helper: bool,
    /// The field separator, found from the header line (`,` `;` tab `|`).
    delimiter: u8,
}

/// A file's header row: its names, and where each lower-cased name is.
#[derive(Clone, Debug)]
pub struct Header {
    names: Vec<String>,
    index: HashMap<String, usize>,
    delimiter: u8,
}

/// One data row.
#[derive(Default)]
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
        let delimiter = delimiter_of(text);
        let mut reader = csv::ReaderBuilder::new()
            .flexible(true)
            .delimiter(delimiter)
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
            rows_read: 0,
            counted_to: 0,
            line_at: 1,
            helper: false,
            delimiter,
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

    /// The size of the text in bytes.
    pub fn len_bytes(&self) -> usize {
        self.text.len()
    }

    /// How many lines the text has (an upper bound on its rows).
    pub fn line_count(&self) -> usize {
        self.text.bytes().filter(|&b| b == b'\n').count() + 1
    }

    /// How far into the text the reader is, in bytes.
    pub fn bytes_read(&self) -> usize {
        self.reader.position().byte() as usize
    }

    /// Where the line after the one holding byte `byte` starts, if that is inside the text.
    pub fn line_start_after(&self, byte: usize) -> Option<usize> {
        let rest = self.text.as_bytes().get(byte..)?;
        let newline = rest.iter().position(|&b| b == b'\n')?;
        let start = byte + newline + 1;
        (start < self.text.len()).then_some(start)
    }

    /// The text from byte `start` on (a line start).
    pub fn text_from(&self, start: usize) -> &'a str {
        self.text.get(start..).unwrap_or_default()
    }

    /// How many `"` the text holds: odd when it ends inside a quoted field.
    pub fn quote_count(&self) -> usize {
        self.text.bytes().filter(|&b| b == b'"').count()
    }

    /// The header, to read more rows of the same file with [`Table::headless`].
    pub fn header(&self) -> Header {
        Header {
            names: self.names.clone(),
            index: self.index.clone(),
            delimiter: self.delimiter,
        }
    }

    /// A reader of rows of the file that `header` came from, in `text` (which starts at a
    /// line start), counting on after `rows_before` rows and `lines_before` lines. A reader
    /// that starts counting from 0 while another reads the rows before it counts its progress
    /// as a helper's.
    pub fn headless<'b>(
        text: &'b str,
        header: &Header,
        rows_before: usize,
        lines_before: usize,
    ) -> Table<'b> {
        Table {
            reader: csv::ReaderBuilder::new()
                .flexible(true)
                .has_headers(false)
                .delimiter(header.delimiter)
                .from_reader(text.as_bytes()),
            text,
            names: header.names.clone(),
            index: header.index.clone(),
            rows_read: rows_before,
            counted_to: 0,
            line_at: lines_before + 1,
            helper: rows_before == 0,
            delimiter: header.delimiter,
        }
    }

    /// Data rows read so far, good or bad.
    pub fn rows_read(&self) -> usize {
        self.rows_read
    }

    /// The 1-based line of byte offset `byte`.
    pub fn line_of(&mut self, byte: usize) -> usize {
        let text = self.text.as_bytes();
        // After a CRLF, csv places the record at its "\n".
        let byte = byte + usize::from(text.get(byte) == Some(&b'\n'));
        let byte = byte.min(text.len());
        if byte >= self.counted_to {
            self.line_at += text[self.counted_to..byte]
                .iter()
                .filter(|&&b| b == b'\n')
                .count();
            self.counted_to = byte;
        }
        self.line_at
    }

    /// Reads the next data row into `row`, reusing its buffers; `false` at the end. A row the
    /// CSV reader cannot read becomes a warning in `warnings` and is passed over.
    pub fn read_row(&mut self, row: &mut Row, warnings: &mut Vec<Problem>) -> bool {
        loop {
            self.rows_read += 1;
            if self.rows_read.is_multiple_of(super::progress::EVERY) {
                let (bytes, rows) = (self.bytes_read(), self.rows_read);
                let helper = self.helper;
                super::progress::current(|p| {
                    if helper {
                        p.set_helper(bytes, rows);
                    } else {
                        p.set_bytes(bytes);
                        p.set_events(rows);
                    }
                });
                if super::progress::cancelled() {
                    return false;
                }
            }
            match self.reader.read_record(&mut row.record) {
                Ok(true) => {
                    row.number = self.rows_read;
                    let start = row.record.position().map(|p| p.byte() as usize);
                    row.line = start.map_or(0, |byte| self.line_of(byte));
                    // A quote that is never closed swallows the rest of the file into the
                    // last row, which the CSV reader returns without complaint: say what it is.
                    if self.bytes_read() >= self.text.len()
                        && let Some(open) =
                            start.and_then(|s| unclosed_quote(self.text, s, self.delimiter))
                    {
                        let line = self.line_of(open);
                        warnings.push(Problem {
                            location: Some(Location { line, column: 0 }),
                            field: Some(format!("row {}", self.rows_read)),
                            message: format!(
                                "skipped: a quoted field opened on line {line} is never closed \
                                 (the rest of the file was read into it): close it with \""
                            ),
                        });
                        return false;
                    }
                    return true;
                }
                Ok(false) => return false,
                Err(e) => {
                    let line = e.position().map(|p| self.line_of(p.byte() as usize));
                    warnings.push(Problem {
                        location: line.map(|line| Location { line, column: 0 }),
                        field: Some(format!("row {}", self.rows_read)),
                        message: format!("skipped: {e}"),
                    });
                    // An I/O error cannot recur on text in memory; anything else is one bad row.
                    if matches!(e.kind(), csv::ErrorKind::Io(_)) {
                        return false;
                    }
                }
            }
        }
    }

    /// The data rows; a row the CSV reader cannot read becomes a warning in `warnings`.
    pub fn rows<'b>(
        &'b mut self,
        warnings: &'b mut Vec<Problem>,
    ) -> impl Iterator<Item = Row> + 'b {
        std::iter::from_fn(move || {
            let mut row = Row::default();
            self.read_row(&mut row, warnings).then_some(row)
        })
    }
}

impl Row {
    /// The trimmed field at `column`, empty when the row is short or the column absent.
    pub fn get(&self, column: Option<usize>) -> &str {
        column
            .and_then(|c| self.record.get(c))
            .map_or("", crate::model::date::trim)
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

    /// The non-empty fields of `columns` (position, name) as attributes, in that order,
    /// borrowed from the row.
    pub fn attribute_parts<'r>(
        &'r self,
        columns: &'r [(usize, String)],
    ) -> Vec<(&'r str, &'r str)> {
        columns
            .iter()
            .map(|(c, name)| (name.as_str(), self.get(Some(*c))))
            .filter(|(_, value)| !value.is_empty())
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
        super::Origin::new(
            Some(Location {
                line: self.line,
                column: 0,
            }),
            super::Record::Row(u32::try_from(self.number).unwrap_or(u32::MAX)),
        )
    }
}

/// Where the quoted field that the record starting at byte `start` of `text` leaves open
/// begins, if the text ends inside it (RFC 4180: a field is quoted when it starts with `"`, and
/// `""` inside it is one quote).
fn unclosed_quote(text: &str, start: usize, delimiter: u8) -> Option<usize> {
    let bytes = text.as_bytes().get(start..)?;
    let mut open = None;
    let mut at_field_start = true;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        match open {
            Some(_) if b == b'"' && bytes.get(i + 1) == Some(&b'"') => i += 1,
            Some(_) if b == b'"' => open = None,
            Some(_) => {}
            None if at_field_start && b == b'"' => open = Some(start + i),
            None => {}
        }
        at_field_start = open.is_none() && (b == delimiter || matches!(b, b'\n' | b'\r'));
        i += 1;
    }
    open
}

/// The field separator of a delimited text, from its header line: whichever of `,` `;` tab and
/// `|` occurs most outside quotes (a comma when none does, or on a tie with it). A header is
/// names, so a separator inside one is rare, and quoted when it happens.
pub fn delimiter_of(text: &str) -> u8 {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut counts = [0usize; 4];
    let mut quoted = false;
    for b in text.bytes() {
        match b {
            b'"' => quoted = !quoted,
            b'\n' | b'\r' if !quoted => break,
            b',' if !quoted => counts[0] += 1,
            b';' if !quoted => counts[1] += 1,
            b'\t' if !quoted => counts[2] += 1,
            b'|' if !quoted => counts[3] += 1,
            _ => {}
        }
    }
    let delimiters = [b',', b';', b'\t', b'|'];
    let mut best = 0;
    for k in 1..4 {
        if counts[k] > counts[best] {
            best = k;
        }
    }
    delimiters[best]
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

#[cfg(test)]
mod tests {
    use super::delimiter_of;

    #[test]
    fn the_delimiter_is_found_from_the_header() {
        assert_eq!(delimiter_of("title,start,actors\n"), b',');
        assert_eq!(
            delimiter_of("datetime;timestamp_desc;source;message\nA,b;c"),
            b';'
        );
        assert_eq!(delimiter_of("title\tstart\n"), b'\t');
        assert_eq!(delimiter_of("title|start|actors"), b'|');
        // A separator inside a quoted name does not count; a tie keeps the comma.
        assert_eq!(delimiter_of("\"a;b;c\",start\n"), b',');
        assert_eq!(delimiter_of("a,b;c\n"), b',');
        assert_eq!(delimiter_of("\u{feff}title;start"), b';');
        assert_eq!(delimiter_of(""), b',');
    }
}
