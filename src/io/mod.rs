//! Reading data files into a [`Dataset`]. One file per format; each parses into raw records as
//! close to the file as possible, then converts them into the model, and reports problems with
//! the file, the line and column (JSON) or row and column name (CSV), and the field.
//!
//! The format is detected from the content, not the file name. A bad record among good ones is a
//! warning (the record is skipped and listed); a file that cannot be read at all is an error.
//! This module never writes files.

mod acled;
mod csv_table;
pub mod error;
mod json_locate;
pub mod native;
pub mod progress;
mod serde_words;
mod swimline_csv;
mod text;
mod timelinejs;
mod timesketch;
mod vis_timeline;

use rustc_hash::FxHashSet as HashSet;
use std::path::{Path, PathBuf};

pub use error::{LoadError, Location, Problem};
pub use progress::Progress;
pub use serde_words::plain as plain_serde_message;
pub use text::html_to_text;

use crate::model::{ActorDraft, Dataset, DatasetDraft, PathSeg};

/// The default dataset, compiled into the binary so the app works from any directory.
pub const DEFAULT_DATASET_JSON: &str = include_str!("../../data/russia-taliban-2018.json");

/// The file name shown for the default dataset.
pub const DEFAULT_DATASET_NAME: &str = "russia-taliban-2018.json";

/// File name extensions the open dialog offers.
pub const EXTENSIONS: [&str; 3] = ["json", "csv", "jsonl"];

/// The formats Swimline reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Format {
    /// `swimline/1` JSON.
    Swimline,
    /// CSV with `title` and `start` columns.
    SwimlineCsv,
    /// TimelineJS 3 JSON (`events`, `eras`, `title`).
    TimelineJs,
    /// TimelineJS 2 JSON (`{"timeline": {"date": [...]}}`).
    TimelineJsLegacy,
    /// The TimelineJS Google Sheets template saved as CSV (`Year, Month, …, Headline`).
    TimelineJsCsv,
    /// vis-timeline items and groups.
    VisTimeline,
    /// An ACLED export.
    Acled,
    /// Timesketch CSV (`message, datetime, timestamp_desc`).
    TimesketchCsv,
    /// Timesketch JSONL, one event object a line.
    TimesketchJsonl,
}

impl Format {
    /// Every format, in the order the README lists them.
    pub const ALL: [Self; 9] = [
        Self::Swimline,
        Self::SwimlineCsv,
        Self::TimelineJs,
        Self::TimelineJsLegacy,
        Self::TimelineJsCsv,
        Self::VisTimeline,
        Self::Acled,
        Self::TimesketchCsv,
        Self::TimesketchJsonl,
    ];

    /// What this format's records are called in messages: `rows`, `lines`, `items`.
    pub fn records(self) -> &'static str {
        match self {
            Self::SwimlineCsv | Self::TimelineJsCsv | Self::Acled | Self::TimesketchCsv => "rows",
            Self::TimesketchJsonl => "lines",
            Self::Swimline | Self::TimelineJs | Self::TimelineJsLegacy | Self::VisTimeline => {
                "items"
            }
        }
    }

    /// The format's name, as shown to users and printed by `swimline check`.
    pub fn name(self) -> &'static str {
        match self {
            Self::Swimline => "Swimline JSON",
            Self::SwimlineCsv => "Swimline CSV",
            Self::TimelineJs => "TimelineJS JSON",
            Self::TimelineJsLegacy => "TimelineJS 2 JSON",
            Self::TimelineJsCsv => "TimelineJS spreadsheet CSV",
            Self::VisTimeline => "vis-timeline JSON",
            Self::Acled => "ACLED CSV",
            Self::TimesketchCsv => "Timesketch CSV",
            Self::TimesketchJsonl => "Timesketch JSONL",
        }
    }
}

/// A dataset and where it came from.
#[derive(Clone, Debug)]
pub struct Loaded {
    /// The validated dataset.
    pub dataset: Dataset,
    /// The file it was read from; `None` for the built-in default dataset.
    pub path: Option<PathBuf>,
    /// The name shown to the user (the file's name).
    pub display_name: String,
    /// The format it was read as.
    pub format: Format,
    /// Problems that did not stop the load: skipped rows, guessed encodings.
    pub warnings: Vec<Problem>,
}

/// Choices that change how a file is read.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LoadOptions {
    /// For Timesketch files: the column (or JSON key) whose values become the lanes, instead of
    /// `timestamp_desc`.
    pub lane_column: Option<String>,
}

/// Where a draft event came from in its file, so that problems found while validating the whole
/// dataset can still point at the row or object. Compact (16 bytes): a large file has one per
/// event while it loads.
#[derive(Clone, Copy, Debug)]
pub struct Origin {
    /// The line where the record starts; 0 when unknown.
    line: u32,
    /// The column (JSON), or 0 for the whole line.
    column: u32,
    /// The record in words: `row 5`, `events[3]`.
    pub what: Record,
}

/// A record of a file, as problems name it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Record {
    /// A data row of a CSV file (1-based; the header is row 0).
    Row(u32),
    /// A line of a JSONL file (1-based).
    Line(u32),
    /// Item `index` of a JSON list.
    Item(List, u32),
}

/// The JSON lists whose items become events.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum List {
    /// A top-level array.
    Root,
    /// `events` (TimelineJS).
    Events,
    /// `eras` (TimelineJS).
    Eras,
    /// `timeline.date` (TimelineJS 2).
    TimelineDate,
    /// `items` (vis-timeline).
    Items,
    /// `groups` (vis-timeline).
    Groups,
}

impl std::fmt::Display for Record {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Row(n) => write!(f, "row {n}"),
            Self::Line(n) => write!(f, "line {n}"),
            Self::Item(list, i) => {
                let list = match list {
                    List::Root => "",
                    List::Events => "events",
                    List::Eras => "eras",
                    List::TimelineDate => "timeline.date",
                    List::Items => "items",
                    List::Groups => "groups",
                };
                write!(f, "{list}[{i}]")
            }
        }
    }
}

impl Origin {
    /// `what` at `location`.
    pub fn new(location: Option<Location>, what: Record) -> Self {
        let (line, column) = location.map_or((0, 0), |l| (l.line, l.column));
        Self {
            line: u32::try_from(line).unwrap_or(u32::MAX),
            column: u32::try_from(column).unwrap_or(u32::MAX),
            what,
        }
    }

    /// This origin in a file where `lines` lines and `rows` rows came before the part it was
    /// counted in.
    pub fn shifted(self, lines: usize, rows: usize) -> Self {
        let add = |n: u32, by: usize| n.saturating_add(u32::try_from(by).unwrap_or(u32::MAX));
        Self {
            line: if self.line == 0 {
                0
            } else {
                add(self.line, lines)
            },
            column: self.column,
            what: match self.what {
                Record::Row(n) => Record::Row(add(n, rows)),
                Record::Line(n) => Record::Line(add(n, lines)),
                item @ Record::Item(..) => item,
            },
        }
    }

    /// The line (and column, for JSON) where the record starts.
    pub fn location(&self) -> Option<Location> {
        (self.line > 0).then_some(Location {
            line: self.line as usize,
            column: self.column as usize,
        })
    }

    /// A problem with column `column` of this record (a CSV row).
    pub fn column_problem(&self, column: &str, message: String) -> Problem {
        Problem {
            location: self.location(),
            field: Some(format!("{}, column \"{column}\"", self.what)),
            message,
        }
    }

    /// A problem with this record.
    pub fn problem(&self, message: String) -> Problem {
        Problem {
            location: self.location(),
            field: Some(self.what.to_string()),
            message,
        }
    }
}

/// What an importer produces: a draft, where each draft event came from, and warnings.
struct Imported {
    draft: DatasetDraft,
    origins: Vec<Origin>,
    warnings: Vec<Problem>,
}

/// Reads and validates a file. Never panics on bad input.
pub fn load_path(path: &Path) -> Result<Loaded, LoadError> {
    load_path_with(path, &LoadOptions::default())
}

/// As [`load_path`], with options.
pub fn load_path_with(path: &Path, options: &LoadOptions) -> Result<Loaded, LoadError> {
    load_path_reporting(path, options, None)
}

/// As [`load_path_with`], counting what it has done in `progress` and stopping with
/// [`LoadError::Cancelled`] when `progress` is cancelled.
pub fn load_path_reporting(
    path: &Path,
    options: &LoadOptions,
    progress: Option<&std::sync::Arc<Progress>>,
) -> Result<Loaded, LoadError> {
    let file = path.display().to_string();
    check_is_readable(&file, path)?;
    let bytes = read_file(path, progress).map_err(|source| LoadError::Read {
        file: file.clone(),
        source,
    })?;
    if progress.is_some_and(|p| p.is_cancelled()) {
        return Err(LoadError::Cancelled { file });
    }
    let (dataset, format, warnings) =
        progress::with_current(progress, || load_owned(&file, bytes, options))?;
    Ok(Loaded {
        dataset,
        display_name: path
            .file_name()
            .map_or_else(|| file.clone(), |n| n.to_string_lossy().into_owned()),
        path: Some(path.to_path_buf()),
        format,
        warnings,
    })
}

/// Refuses, before opening it, what is not a regular file (opening a FIFO blocks until a writer
/// comes; `/dev/zero` never ends) and a file larger than the machine's memory.
fn check_is_readable(file: &str, path: &Path) -> Result<(), LoadError> {
    let meta = std::fs::metadata(path).map_err(|source| LoadError::Read {
        file: file.to_owned(),
        source,
    })?;
    if !meta.is_file() {
        return Err(LoadError::NotAFile {
            file: file.to_owned(),
            what: kind_of_non_file(&meta.file_type()),
        });
    }
    if let Some(memory_bytes) = memory_bytes()
        && meta.len() > memory_bytes
    {
        return Err(LoadError::TooLarge {
            file: file.to_owned(),
            size_bytes: meta.len(),
            memory_bytes,
        });
    }
    Ok(())
}

/// What a path that is not a regular file is, in words.
fn kind_of_non_file(kind: &std::fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt as _;
        if kind.is_fifo() {
            return "a named pipe (FIFO)";
        }
        if kind.is_char_device() || kind.is_block_device() {
            return "a device";
        }
        if kind.is_socket() {
            return "a socket";
        }
    }
    if kind.is_dir() {
        "a folder"
    } else {
        "something other than a file"
    }
}

/// The machine's memory (Linux: `MemTotal` in `/proc/meminfo`); `None` where it is not known.
fn memory_bytes() -> Option<u64> {
    let info = std::fs::read_to_string("/proc/meminfo").ok()?;
    let line = info.lines().find(|l| l.starts_with("MemTotal:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    kb.checked_mul(1024)
}

/// A file's bytes: one buffer, or for a large file that is not JSON two, the second starting
/// at a line start, so that each half can be freed as soon as its reader is done.
struct FileBytes {
    first: Vec<u8>,
    second: Option<Vec<u8>>,
}

/// Files larger than this that are not JSON are read into two buffers.
const TWO_BUFFERS_BYTES: u64 = 64 << 20;

/// How much is read at a time (between two updates of the progress bar).
const PIECE: u64 = 8 << 20;

/// Reads a whole file in large pieces, counting them in `progress`.
fn read_file(
    path: &Path,
    progress: Option<&std::sync::Arc<Progress>>,
) -> std::io::Result<FileBytes> {
    read_file_split(path, progress, TWO_BUFFERS_BYTES)
}

/// As [`read_file`], with files larger than `two_buffers_bytes` read into two buffers.
fn read_file_split(
    path: &Path,
    progress: Option<&std::sync::Arc<Progress>>,
    two_buffers_bytes: u64,
) -> std::io::Result<FileBytes> {
    use std::io::Read;
    if let Some(progress) = progress {
        progress.set_stage(progress::Stage::Reading);
    }
    let mut file = std::fs::File::open(path)?;
    let size = file.metadata().map_or(0, |m| m.len());
    let capacity = |n: u64| usize::try_from(n).unwrap_or(0);
    let two = size > two_buffers_bytes;
    // Past three fifths of a large file that is not JSON, a second buffer starts after the
    // last line end read so far. Its reader has less to do and finishes first, so its buffer
    // is freed before the first reader's arrays are full: the peak is a fifth of the file
    // lower than with halves, for a load a tenth slower.
    let split_at = size / 5 * 3;
    let mut first = Vec::with_capacity(capacity(if two { split_at + PIECE } else { size }));
    let mut second: Option<Vec<u8>> = None;
    let mut read = 0u64;
    loop {
        let target = match &mut second {
            Some(rest) => rest,
            None => &mut first,
        };
        let before = target.len();
        // Straight into the buffer, a piece at a time (for the progress bar).
        let n = (&mut file).take(PIECE).read_to_end(target)?;
        if n == 0 || progress.is_some_and(|p| p.is_cancelled()) {
            break;
        }
        read += n as u64;
        if second.is_none()
            && two
            && read >= split_at
            && !is_json(&first)
            && let Some(i) = first[before..].iter().rposition(|&b| b == b'\n')
        {
            let cut = before + i + 1;
            let mut rest = Vec::with_capacity(capacity(size.saturating_sub(cut as u64) + PIECE));
            rest.extend_from_slice(&first[cut..]);
            first.truncate(cut);
            second = Some(rest);
        }
        if let Some(progress) = progress {
            progress.set_bytes(capacity(read));
        }
    }
    Ok(FileBytes { first, second })
}

/// As [`load_bytes_with`], freeing the file's bytes as soon as its records are read (before
/// the dataset is checked), so that a large file is not held in memory twice.
fn load_owned(
    file: &str,
    bytes: FileBytes,
    options: &LoadOptions,
) -> Result<(Dataset, Format, Vec<Problem>), LoadError> {
    let FileBytes { mut first, second } = bytes;
    // Two buffers serve only a Swimline CSV in UTF-8; anything else is read whole.
    if let Some(rest) = second {
        let rest = if std::str::from_utf8(&first).is_ok() {
            String::from_utf8(rest).map_err(std::string::FromUtf8Error::into_bytes)
        } else {
            Err(rest)
        };
        match rest {
            Ok(rest) => {
                let outcome = {
                    let (text, _) = text::decode(file, &first, false)?;
                    progress::current(|p| p.set_stage(progress::Stage::Parsing));
                    let table = csv_table::Table::new(file, &text)?;
                    if detect_csv(&table) == Some(Format::SwimlineCsv) {
                        swimline_csv::parse_two_buffers(table, rest)
                    } else {
                        Err(rest)
                    }
                };
                match outcome {
                    Ok(imported) => {
                        let imported = imported?;
                        drop(first);
                        return finish(file, imported, Format::SwimlineCsv);
                    }
                    Err(rest) => first.extend_from_slice(rest.as_bytes()),
                }
            }
            Err(rest) => first.extend_from_slice(&rest),
        }
    }
    let bytes = first;
    if is_json(&bytes) {
        return load_bytes_with(file, &bytes, options);
    }
    let (imported, format, encoding_warning) = {
        let (text, encoding_warning) = text::decode(file, &bytes, true)?;
        let (imported, format) = import_csv(file, &text, options)?;
        (imported, format, encoding_warning)
    };
    drop(bytes);
    let (dataset, format, mut warnings) = finish(file, imported, format)?;
    warnings.splice(0..0, encoding_warning);
    Ok((dataset, format, warnings))
}

/// Whether the content is JSON (its first visible character opens an object or array).
fn is_json(bytes: &[u8]) -> bool {
    let first = bytes
        .strip_prefix(b"\xEF\xBB\xBF")
        .unwrap_or(bytes)
        .iter()
        .find(|b| !b.is_ascii_whitespace())
        .copied();
    matches!(first, Some(b'{' | b'['))
}

/// Reads a file's content; `file` names it in messages.
pub fn load_bytes(file: &str, bytes: &[u8]) -> Result<(Dataset, Format, Vec<Problem>), LoadError> {
    load_bytes_with(file, bytes, &LoadOptions::default())
}

/// As [`load_bytes`], with options.
pub fn load_bytes_with(
    file: &str,
    bytes: &[u8],
    options: &LoadOptions,
) -> Result<(Dataset, Format, Vec<Problem>), LoadError> {
    if is_json(bytes) {
        let (text, _) = text::decode(file, bytes, false)?;
        return load_json(file, &text, options);
    }
    let (text, encoding_warning) = text::decode(file, bytes, true)?;
    let (dataset, format, mut warnings) = load_csv(file, &text, options)?;
    warnings.splice(0..0, encoding_warning);
    Ok((dataset, format, warnings))
}

/// Reads a file's content as `format`, without detecting it: for a format the user chose, and
/// for fuzzing one reader at a time. Never panics on bad input.
pub fn load_bytes_as(
    file: &str,
    bytes: &[u8],
    format: Format,
    options: &LoadOptions,
) -> Result<(Dataset, Format, Vec<Problem>), LoadError> {
    let json = matches!(
        format,
        Format::Swimline
            | Format::TimelineJs
            | Format::TimelineJsLegacy
            | Format::VisTimeline
            | Format::TimesketchJsonl
    );
    let (text, encoding_warning) = text::decode(file, bytes, !json)?;
    if format == Format::Swimline {
        return native::parse(file, &text).map(|d| (d, format, Vec::new()));
    }
    if format == Format::TimesketchJsonl {
        let imported = timesketch::parse_jsonl(file, &text, options.lane_column.as_deref())?;
        return finish(file, imported, format);
    }
    let imported = if json {
        let value = json_value(file, &text)?;
        match format {
            Format::TimelineJsLegacy => timelinejs::parse_legacy(file, &text, &value)?,
            Format::TimelineJs => timelinejs::parse_json(&text, &value)?,
            _ => vis_timeline::parse(&text, &value)?,
        }
    } else {
        let table = csv_table::Table::new(file, &text)?;
        match format {
            Format::Acled => acled::parse(table)?,
            Format::TimelineJsCsv => timelinejs::parse_csv(table)?,
            Format::TimesketchCsv => timesketch::parse_csv(table, options.lane_column.as_deref())?,
            _ => swimline_csv::parse(table)?,
        }
    };
    let (dataset, format, mut warnings) = finish(file, imported, format)?;
    warnings.splice(0..0, encoding_warning);
    Ok((dataset, format, warnings))
}

fn load_json(
    file: &str,
    text: &str,
    options: &LoadOptions,
) -> Result<(Dataset, Format, Vec<Problem>), LoadError> {
    progress::current(|p| p.set_stage(progress::Stage::Parsing));
    // The native format parses straight into typed records (fast, for large files).
    if text.contains("\"format\"") && native::looks_native(text) {
        return native::parse(file, text).map(|d| (d, Format::Swimline, Vec::new()));
    }
    // One JSON object per line: Timesketch JSONL.
    let mut lines = text.lines().filter(|l| !l.trim().is_empty());
    if let (Some(first), Some(_)) = (lines.next(), lines.next())
        && serde_json::from_str::<serde_json::Value>(first).is_ok_and(|v| v.is_object())
        && serde_json::from_str::<serde_json::Value>(text).is_err()
    {
        return finish(
            file,
            timesketch::parse_jsonl(file, text, options.lane_column.as_deref())?,
            Format::TimesketchJsonl,
        );
    }
    let value = json_value(file, text)?;
    let object = value.as_object();
    let has = |key: &str| object.is_some_and(|o| o.contains_key(key));
    let (imported, format) = if has("format") {
        return native::parse(file, text).map(|d| (d, Format::Swimline, Vec::new()));
    } else if has("timeline") {
        (
            timelinejs::parse_legacy(file, text, &value)?,
            Format::TimelineJsLegacy,
        )
    } else if has("events") || has("eras") {
        (timelinejs::parse_json(text, &value)?, Format::TimelineJs)
    } else if value.is_array() || has("items") || has("groups") {
        (vis_timeline::parse(text, &value)?, Format::VisTimeline)
    } else {
        return Err(LoadError::content(
            file,
            Problem {
                location: Some(Location { line: 1, column: 1 }),
                field: None,
                message: "not a timeline format Swimline knows: expected Swimline JSON \
                          (\"format\": \"swimline/1\"), TimelineJS (\"events\"), TimelineJS 2 \
                          (\"timeline\"), or vis-timeline (\"items\" or an array of items)"
                    .to_owned(),
            },
        ));
    };
    finish(file, imported, format)
}

/// The JSON document in `text`, or an error that says where it stops being JSON.
fn json_value(file: &str, text: &str) -> Result<serde_json::Value, LoadError> {
    serde_json::from_str(text).map_err(|e| {
        LoadError::content(
            file,
            Problem {
                location: Some(Location {
                    line: e.line(),
                    column: e.column().max(1),
                }),
                field: None,
                message: format!("not valid JSON: {}", strip_position(&e.to_string())),
            },
        )
    })
}

fn load_csv(
    file: &str,
    text: &str,
    options: &LoadOptions,
) -> Result<(Dataset, Format, Vec<Problem>), LoadError> {
    let (imported, format) = import_csv(file, text, options)?;
    finish(file, imported, format)
}

/// The CSV format a header says, if Swimline knows it.
fn detect_csv(table: &csv_table::Table<'_>) -> Option<Format> {
    if table.has_all(&["event_id_cnty", "event_date"]) {
        Some(Format::Acled)
    } else if table.has_all(&["year", "headline"]) {
        Some(Format::TimelineJsCsv)
    } else if table.has_all(&["message", "timestamp_desc"])
        && (table.has_all(&["datetime"]) || table.has_all(&["timestamp"]))
    {
        Some(Format::TimesketchCsv)
    } else if table.has_all(&["title", "start"]) {
        Some(Format::SwimlineCsv)
    } else {
        None
    }
}

/// Reads the records of a CSV file, of whichever format its header says.
fn import_csv(
    file: &str,
    text: &str,
    options: &LoadOptions,
) -> Result<(Imported, Format), LoadError> {
    progress::current(|p| p.set_stage(progress::Stage::Parsing));
    let table = csv_table::Table::new(file, text)?;
    let (imported, format) = match detect_csv(&table) {
        Some(Format::Acled) => (acled::parse(table)?, Format::Acled),
        Some(Format::TimelineJsCsv) => (timelinejs::parse_csv(table)?, Format::TimelineJsCsv),
        Some(Format::TimesketchCsv) => (
            timesketch::parse_csv(table, options.lane_column.as_deref())?,
            Format::TimesketchCsv,
        ),
        Some(_) => (swimline_csv::parse(table)?, Format::SwimlineCsv),
        None => {
            let header = table.names.join(",");
            return Err(LoadError::content(
                file,
                Problem {
                    location: Some(Location { line: 1, column: 0 }),
                    field: None,
                    message: format!(
                        "not a CSV format Swimline knows (header: {header}): expected columns \
                     title and start (Swimline CSV), Year and Headline (TimelineJS), \
                     event_id_cnty and event_date (ACLED), or message, datetime and \
                     timestamp_desc (Timesketch)"
                    ),
                },
            ));
        }
    };
    Ok((imported, format))
}

/// Validates an import. Events the dataset rejects (an end before its start, say) are dropped
/// with a warning that points at their row, as long as anything is left.
fn finish(
    file: &str,
    mut imported: Imported,
    format: Format,
) -> Result<(Dataset, Format, Vec<Problem>), LoadError> {
    if progress::cancelled() {
        return Err(LoadError::Cancelled {
            file: file.to_owned(),
        });
    }
    progress::current(|p| {
        p.set_events(imported.draft.events.len());
        p.set_stage(progress::Stage::Checking);
    });
    // Formats whose ids are optional or made up: a repeated id is renamed (`a#2`), not an
    // error, and said where it was.
    let id_column = match format {
        Format::SwimlineCsv => Some("id"),
        Format::Acled => Some("event_id_cnty"),
        _ => None,
    };
    if let Some(column) = id_column {
        let renamed = imported.draft.events.rename_repeated_ids();
        if !renamed.is_empty() {
            imported
                .warnings
                .extend(renamed.into_iter().map(|(i, old, new)| {
                    imported.origins[i].column_problem(
                        column,
                        format!("the id \"{old}\" is used by an earlier row; this row is {new}"),
                    )
                }));
            imported
                .warnings
                .sort_by_key(|w| w.location.map(|l| l.line));
        }
    }
    if imported.draft.title.is_empty() {
        imported.draft.title = Path::new(file)
            .file_stem()
            .map_or_else(String::new, |s| s.to_string_lossy().into_owned());
    }
    for _ in 0..2 {
        let draft = std::mem::take(&mut imported.draft);
        let errors = match Dataset::build_or_return(draft) {
            Ok(dataset) => return nothing_read_is_an_error(file, dataset, format, imported),
            Err(failed) => {
                let (errors, draft) = *failed;
                imported.draft = draft;
                errors
            }
        };
        let mut bad_events = HashSet::default();
        let mut fatal = Vec::new();
        for error in errors {
            let event = match error.path.0.as_slice() {
                [PathSeg::Key(list), PathSeg::Index(i), rest @ ..] if list == "events" => {
                    Some((*i, rest.to_vec()))
                }
                _ => None,
            };
            match event {
                Some((i, rest)) if i < imported.origins.len() => {
                    let origin = &imported.origins[i];
                    let field = crate::model::FieldPath(rest).to_string();
                    imported.warnings.push(Problem {
                        location: origin.location(),
                        field: Some(if field.is_empty() {
                            origin.what.to_string()
                        } else {
                            format!("{}, {field}", origin.what)
                        }),
                        message: format!("skipped: {}", error.message),
                    });
                    bad_events.insert(i);
                }
                _ => fatal.push(Problem {
                    location: None,
                    field: Some(error.path.to_string()),
                    message: error.message,
                }),
            }
        }
        if !fatal.is_empty() {
            return Err(LoadError::Content {
                file: file.to_owned(),
                problems: fatal,
            });
        }
        let removed: HashSet<String> = bad_events
            .iter()
            .map(|&i| imported.draft.events.id(i).to_owned())
            .collect();
        imported.draft.events.retain(|i| !bad_events.contains(&i));
        let mut index = 0;
        imported.origins.retain(|_| {
            index += 1;
            !bad_events.contains(&(index - 1))
        });
        imported
            .draft
            .links
            .retain(|l| !removed.contains(&l.from) && !removed.contains(&l.to));
    }
    Err(LoadError::Content {
        file: file.to_owned(),
        problems: imported.warnings,
    })
}

/// A dataset with no event and no period, from a file whose every record was skipped, is an
/// error that says so (a file with a header and no rows is an empty timeline, not an error).
fn nothing_read_is_an_error(
    file: &str,
    dataset: Dataset,
    format: Format,
    imported: Imported,
) -> Result<(Dataset, Format, Vec<Problem>), LoadError> {
    let skipped: Vec<Problem> = imported
        .warnings
        .iter()
        .filter_map(|w| {
            let message = w.message.strip_prefix("skipped: ")?;
            Some(Problem {
                message: message.to_owned(),
                ..w.clone()
            })
        })
        .collect();
    if dataset.events.is_empty() && dataset.periods.is_empty() && !skipped.is_empty() {
        return Err(LoadError::NothingRead {
            file: file.to_owned(),
            skipped: skipped.len(),
            records: format.records(),
            problems: skipped,
        });
    }
    Ok((dataset, format, imported.warnings))
}

/// serde_json's message without its " at line L column C" (we give the location ourselves).
fn strip_position(message: &str) -> String {
    serde_words::plain(
        message
            .rfind(" at line ")
            .map_or(message, |i| &message[..i]),
    )
}

/// Lanes made from names as they turn up in a file: the first time a name is seen it becomes
/// an actor (id and name alike), in order of first appearance.
#[derive(Default)]
struct Lanes {
    actors: Vec<ActorDraft>,
    seen: HashSet<String>,
}

impl Lanes {
    /// The lane for `name` (its actor id), made on first sight.
    fn lane(&mut self, name: &str) -> String {
        if !self.seen.contains(name) {
            self.seen.insert(name.to_owned());
            self.actors.push(ActorDraft {
                id: name.to_owned(),
                name: name.to_owned(),
                ..ActorDraft::default()
            });
        }
        name.to_owned()
    }

    /// Whether no lane has been made yet.
    fn is_empty(&self) -> bool {
        self.actors.is_empty()
    }

    /// The actors, one per lane.
    fn into_actors(self) -> Vec<ActorDraft> {
        self.actors
    }
}

/// Makes ids unique: the second `a` becomes `a#2`, with a warning from `warn`.
fn unique_id(seen: &mut HashSet<String>, id: String) -> (String, bool) {
    if seen.insert(id.clone()) {
        return (id, false);
    }
    let mut n = 2;
    loop {
        let candidate = format!("{id}#{n}");
        if seen.insert(candidate.clone()) {
            return (candidate, true);
        }
        n += 1;
    }
}

/// The built-in dataset from the 2018 report on Russia and the Taliban.
pub fn load_default() -> Result<Loaded, LoadError> {
    let dataset = native::parse(DEFAULT_DATASET_NAME, DEFAULT_DATASET_JSON)?;
    Ok(Loaded {
        dataset,
        path: None,
        display_name: DEFAULT_DATASET_NAME.to_owned(),
        format: Format::Swimline,
        warnings: Vec::new(),
    })
}

#[cfg(test)]
mod tests {
    use super::{LoadError, LoadOptions, Progress, load_default, load_path_reporting};
    use crate::generate::{GenFormat, Spec, write};
    use crate::io::progress::Stage;

    fn generated(name: &str, format: GenFormat, events: usize) -> std::path::PathBuf {
        let dir = std::env::temp_dir().join(format!("swimline-progress-{}", std::process::id()));
        let _ = std::fs::create_dir_all(&dir);
        let path = dir.join(name);
        let mut bytes = Vec::new();
        let spec = Spec {
            events,
            actors: 5,
            seed: 7,
        };
        assert!(write(spec, format, &mut bytes).is_ok());
        assert!(std::fs::write(&path, bytes).is_ok());
        path
    }

    #[test]
    fn a_file_read_into_two_buffers_loads_as_when_read_whole() {
        use super::{FileBytes, load_owned, read_file_split};
        let mut csv = Vec::new();
        let spec = Spec {
            events: 20_000,
            actors: 7,
            seed: 3,
        };
        assert!(write(spec, GenFormat::Csv, &mut csv).is_ok());
        // Two rows at the end, after the middle: one good, one with a bad date (a warning
        // that names its row, so the first reader reads the second buffer itself).
        let text = String::from_utf8(csv).unwrap_or_default()
            + "late,late event,2019,,actor 1,claim\nbad,bad date,2019-13,,actor 1,claim\n";
        let dir = std::env::temp_dir().join(format!("swimline-two-{}", std::process::id()));
        let _ = std::fs::create_dir_all(&dir);
        let path = dir.join("two.csv");
        assert!(std::fs::write(&path, &text).is_ok());
        let file = path.display().to_string();
        let whole = load_owned(
            &file,
            FileBytes {
                first: text.clone().into_bytes(),
                second: None,
            },
            &LoadOptions::default(),
        )
        .map(|(d, _, w)| (d, w));
        let bytes = read_file_split(&path, None, 64 << 10).unwrap_or_else(|e| panic!("{e}"));
        assert!(
            bytes.second.is_some(),
            "a file over the limit is read into two buffers"
        );
        assert!(bytes.first.ends_with(b"\n"));
        let two = load_owned(&file, bytes, &LoadOptions::default()).map(|(d, _, w)| (d, w));
        let (whole, two) = (whole.ok(), two.ok());
        assert!(
            whole
                .as_ref()
                .is_some_and(|(d, w)| d.events.len() == 20_001 && w.len() == 1)
        );
        assert_eq!(two, whole);
        let _ = std::fs::remove_file(&path);
    }

    #[test]
    fn repeated_csv_ids_are_renamed_and_said_where() {
        let text = "id,title,start\na,A,2018\na,B,2019\na#2,C,2020\nb,D,2021\na,E,2022\n";
        let loaded = super::load_bytes("t.csv", text.as_bytes());
        let Ok((dataset, _, warnings)) = loaded else {
            panic!("{:?}", loaded.err().map(|e| e.to_string()));
        };
        let ids: Vec<&str> = dataset.events.iter().map(|e| e.id()).collect();
        // An id written in the file is kept; the repeats take the next free number.
        assert_eq!(ids, ["a", "a#3", "a#2", "b", "a#4"]);
        assert_eq!(dataset.events.at(1).title(), "B");
        let messages: Vec<String> = warnings.iter().map(ToString::to_string).collect();
        assert_eq!(
            messages,
            [
                "line 3: row 2, column \"id\": the id \"a\" is used by an earlier row; this row is a#3",
                "line 6: row 5, column \"id\": the id \"a\" is used by an earlier row; this row is a#4",
            ]
        );
    }

    #[test]
    fn repeated_json_ids_are_errors_that_name_the_first() {
        let text = r#"{"format": "swimline/1", "events": [
            {"id": "a", "title": "A", "time": "2018"},
            {"id": "b", "title": "B", "time": "2018"},
            {"id": "a", "title": "C", "time": "2018"}]}"#;
        let error = super::load_bytes("t.json", text.as_bytes())
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(
            error.contains("events[2].id: the id \"a\" is already used by events[0]"),
            "{error}"
        );
    }

    #[test]
    fn progress_counts_events_and_cancel_stops_the_load() {
        for (name, format) in [("p.csv", GenFormat::Csv), ("p.json", GenFormat::Json)] {
            let path = generated(name, format, 40_000);
            let size = std::fs::metadata(&path).map_or(0, |m| m.len());
            let progress = Progress::new(size);
            let loaded = load_path_reporting(&path, &LoadOptions::default(), Some(&progress));
            assert_eq!(loaded.map(|l| l.dataset.events.len()).ok(), Some(40_000));
            let now = progress.snapshot();
            assert_eq!((now.stage, now.events), (Stage::Checking, 40_000), "{name}");
            assert!((now.fraction() - 0.9).abs() < 1e-6);

            let progress = Progress::new(size);
            progress.cancel();
            let stopped = load_path_reporting(&path, &LoadOptions::default(), Some(&progress));
            assert!(
                matches!(stopped, Err(LoadError::Cancelled { .. })),
                "{name}: {:?}",
                stopped.map(|l| l.dataset.events.len())
            );
            let _ = std::fs::remove_file(&path);
        }
    }

    #[test]
    fn the_default_dataset_loads() {
        let loaded = load_default();
        assert!(loaded.is_ok(), "{:?}", loaded.err().map(|e| e.to_string()));
    }
}
