//! What every CSV importer shares: a header looked up by name (case-insensitive), rows with their
//! line numbers, and problems that name the row and the column.

use std::collections::VecDeque;
use std::io::{Read, Seek as _, SeekFrom};
use std::path::PathBuf;
use std::sync::Arc;

use rustc_hash::FxHashMap as HashMap;

use super::error::{LoadError, Location, Problem};

/// A UTF-8 delimited file on disk, as one pass through it found it: it is read again in pieces
/// by [`Table::open`], so that its text is never held whole.
#[derive(Clone, Debug)]
pub struct CsvFile {
    /// Where it is.
    pub path: PathBuf,
    /// Where its text starts: 3 after a byte-order mark, else 0.
    pub start: u64,
    /// Its size in bytes.
    pub len: u64,
    /// How many line ends (`\n`) it holds.
    pub newlines: usize,
    /// How many `"` it holds: odd when it ends inside a quoted field.
    pub quotes: usize,
}

/// Where a table's bytes are.
#[derive(Clone)]
enum Body<'a> {
    /// In memory.
    Text(&'a str),
    /// On disk, from byte `from` of the file on.
    File { file: Arc<CsvFile>, from: u64 },
}

/// A CSV reader over text in memory or a file on disk, with the header read.
pub struct Table<'a> {
    reader: csv::Reader<Lines<Box<dyn Read + Send + 'a>>>,
    /// The bytes the reader reads, for their size, for splitting them and for looking back at a
    /// quote left open.
    body: Body<'a>,
    /// Header names as written.
    pub names: Vec<String>,
    index: HashMap<String, usize>,
    /// Data rows read so far, good or bad.
    rows_read: usize,
    /// The line the reader's first byte is on.
    first_line: usize,
    /// Whether this reader is the second of a file split in two (its progress is counted
    /// apart: its offsets are its own).
    helper: bool,
    /// The field separator, found from the header line (`,` `;` tab `|`).
    delimiter: u8,
}

/// A reader that notes where each line ends as the bytes pass, so that the line of a record is
/// known from its byte offset without holding the text.
struct Lines<R> {
    inner: R,
    /// Bytes passed so far.
    passed: u64,
    /// Offsets of the line ends passed but not yet counted.
    ends: VecDeque<u64>,
    /// Line ends counted (those at or before the last offset asked about).
    counted: usize,
}

impl<R: Read> Read for Lines<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        let passed = self.passed;
        self.ends
            .extend(memchr::memchr_iter(b'\n', &buf[..n]).map(|i| passed + i as u64));
        self.passed += n as u64;
        Ok(n)
    }
}

impl<R> Lines<R> {
    fn new(inner: R) -> Self {
        Self {
            inner,
            passed: 0,
            ends: VecDeque::new(),
            counted: 0,
        }
    }

    /// Line ends at or before byte `byte` (a record that starts at the `\n` of a CRLF, as csv
    /// places it, is on the line after it). Offsets are asked in order; one before the last
    /// asked gets the count at the last.
    fn ends_through(&mut self, byte: u64) -> usize {
        while self.ends.front().is_some_and(|&end| end <= byte) {
            self.ends.pop_front();
            self.counted += 1;
        }
        self.counted
    }
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

/// How much a reader of a file on disk reads at a time.
const FILE_BUFFER: usize = 1 << 20;

impl<'a> Table<'a> {
    /// Reads the header of `text`. Fails when there is no header.
    pub fn new(file: &str, text: &'a str) -> Result<Self, LoadError> {
        let delimiter = delimiter_of(text);
        let reader = Box::new(text.as_bytes());
        Self::with_header(file, reader, Body::Text(text), delimiter)
    }

    fn with_header(
        file: &str,
        bytes: Box<dyn Read + Send + 'a>,
        body: Body<'a>,
        delimiter: u8,
    ) -> Result<Self, LoadError> {
        let mut reader = csv::ReaderBuilder::new()
            .flexible(true)
            .delimiter(delimiter)
            .buffer_capacity(buffer_for(&body))
            .from_reader(Lines::new(bytes));
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
            body,
            names,
            index,
            rows_read: 0,
            first_line: 1,
            helper: false,
            delimiter,
        })
    }
}

impl Table<'static> {
    /// Reads the header of a UTF-8 file on disk, whose rows are then read from the disk in
    /// pieces. `name` names it in messages.
    pub fn open(name: &str, file: CsvFile) -> Result<Self, LoadError> {
        let read_error = |source| LoadError::Read {
            file: name.to_owned(),
            source,
        };
        let file = Arc::new(file);
        let mut head = Vec::new();
        open_at(&file, file.start)
            .and_then(|f| f.take(64 << 10).read_to_end(&mut head))
            .map_err(read_error)?;
        let delimiter = delimiter_of(&String::from_utf8_lossy(&head));
        let bytes = open_at(&file, file.start).map_err(read_error)?;
        let from = file.start;
        Self::with_header(name, Box::new(bytes), Body::File { file, from }, delimiter)
    }
}

/// The file of `file`, positioned at byte `at`.
fn open_at(file: &CsvFile, at: u64) -> std::io::Result<std::fs::File> {
    let mut f = std::fs::File::open(&file.path)?;
    f.seek(SeekFrom::Start(at))?;
    Ok(f)
}

/// The CSV reader's buffer: csv's own for text in memory, larger for a file (fewer reads).
fn buffer_for(body: &Body<'_>) -> usize {
    match body {
        Body::Text(_) => 8 << 10,
        Body::File { .. } => FILE_BUFFER,
    }
}

impl<'a> Table<'a> {
    /// The position of column `name` (any case).
    pub fn column(&self, name: &str) -> Option<usize> {
        self.index.get(&name.to_lowercase()).copied()
    }

    /// Whether every one of `names` is a column.
    pub fn has_all(&self, names: &[&str]) -> bool {
        names.iter().all(|n| self.column(n).is_some())
    }

    /// The size of what the reader reads, in bytes.
    pub fn len_bytes(&self) -> usize {
        match &self.body {
            Body::Text(text) => text.len(),
            Body::File { file, from } => {
                usize::try_from(file.len.saturating_sub(*from)).unwrap_or(0)
            }
        }
    }

    /// How many lines the text has (an upper bound on its rows).
    pub fn line_count(&self) -> usize {
        match &self.body {
            Body::Text(text) => memchr::memchr_iter(b'\n', text.as_bytes()).count() + 1,
            Body::File { file, .. } => file.newlines + 1,
        }
    }

    /// How far into the text the reader is, in bytes.
    pub fn bytes_read(&self) -> usize {
        self.reader.position().byte() as usize
    }

    /// Where the line after the one holding byte `byte` starts, if that is inside the text.
    pub fn line_start_after(&self, byte: usize) -> Option<usize> {
        let newline = match &self.body {
            Body::Text(text) => {
                let rest = text.as_bytes().get(byte..)?;
                rest.iter().position(|&b| b == b'\n')?
            }
            Body::File { file, from } => {
                let f = open_at(file, from + byte as u64).ok()?;
                let mut f = std::io::BufReader::with_capacity(FILE_BUFFER, f);
                let mut skipped = Vec::new();
                std::io::BufRead::read_until(&mut f, b'\n', &mut skipped).ok()?;
                (skipped.last() == Some(&b'\n')).then(|| skipped.len() - 1)?
            }
        };
        let start = byte + newline + 1;
        (start < self.len_bytes()).then_some(start)
    }

    /// How many `"` the text holds: odd when it ends inside a quoted field.
    pub fn quote_count(&self) -> usize {
        match &self.body {
            Body::Text(text) => memchr::memchr_iter(b'"', text.as_bytes()).count(),
            Body::File { file, .. } => file.quotes,
        }
    }

    /// The header, to read more rows of the same file with [`Table::headless`].
    pub fn header(&self) -> Header {
        Header {
            names: self.names.clone(),
            index: self.index.clone(),
            delimiter: self.delimiter,
        }
    }

    /// A reader of the rows from byte `start` (a line start) on, counting its rows and lines
    /// from 0 (a helper's, see [`Table::headless`]). `None` when a file cannot be opened again.
    pub fn rest_from(&self, start: usize) -> Option<Table<'a>> {
        let header = self.header();
        match &self.body {
            Body::Text(text) => Some(Table::headless(
                text.get(start..).unwrap_or_default(),
                &header,
                0,
                0,
            )),
            Body::File { file, from } => {
                let from = from + start as u64;
                let bytes = open_at(file, from).ok()?;
                let body = Body::File {
                    file: Arc::clone(file),
                    from,
                };
                Some(Self::headless_over(Box::new(bytes), body, &header, 0, 0))
            }
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
        Table::headless_over(
            Box::new(text.as_bytes()),
            Body::Text(text),
            header,
            rows_before,
            lines_before,
        )
    }

    fn headless_over(
        bytes: Box<dyn Read + Send + 'a>,
        body: Body<'a>,
        header: &Header,
        rows_before: usize,
        lines_before: usize,
    ) -> Table<'a> {
        Table {
            reader: csv::ReaderBuilder::new()
                .flexible(true)
                .has_headers(false)
                .delimiter(header.delimiter)
                .buffer_capacity(buffer_for(&body))
                .from_reader(Lines::new(bytes)),
            body,
            names: header.names.clone(),
            index: header.index.clone(),
            rows_read: rows_before,
            first_line: lines_before + 1,
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
        self.first_line + self.reader.get_mut().ends_through(byte as u64)
    }

    /// Where the quoted field that the record starting at byte `start` leaves open begins, if
    /// the text ends inside it.
    fn open_quote(&self, start: usize) -> Option<usize> {
        match &self.body {
            Body::Text(text) => unclosed_quote(text.as_bytes(), start, self.delimiter),
            Body::File { file, from } => {
                if file.quotes % 2 == 0 {
                    return None;
                }
                let mut rest = Vec::new();
                open_at(file, from + start as u64)
                    .and_then(|mut f| f.read_to_end(&mut rest))
                    .ok()?;
                unclosed_quote(&rest, 0, self.delimiter).map(|open| start + open)
            }
        }
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
                    if self.bytes_read() >= self.len_bytes()
                        && let Some(open) = start.and_then(|s| self.open_quote(s))
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
    pub fn origin(&self) -> super::draft::RecordOrigin {
        super::draft::RecordOrigin::new(
            Some(Location {
                line: self.line,
                column: 0,
            }),
            super::draft::Record::Row(u32::try_from(self.number).unwrap_or(u32::MAX)),
        )
    }
}

/// Where the quoted field that the record starting at byte `start` of `text` leaves open
/// begins, if the text ends inside it (RFC 4180: a field is quoted when it starts with `"`, and
/// `""` inside it is one quote).
fn unclosed_quote(text: &[u8], start: usize, delimiter: u8) -> Option<usize> {
    let bytes = text.get(start..)?;
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
