//! Reading data files into a [`Dataset`]. One file per format; each parses into raw records as
//! close to the file as possible, then converts them into the model, and reports problems with
//! the file, the line and column (JSON) or row and column name (CSV), and the field.
//!
//! The format is detected from the content, not the file name. A bad record among good ones is a
//! warning (the record is skipped and listed); a file that cannot be read at all is an error.
//! This module never writes files.

mod acled;
mod calendar;
mod csv_table;
mod detect;
pub mod error;
mod finish;
mod gdelt;
mod json_locate;
mod local_time;
pub mod mapping;
pub mod native;
mod plaso;
pub mod progress;
mod read;
pub use read::read_regular;
mod serde_words;
mod sheet;
mod sheet_guard;
pub use mapping::{DateOrder, Mapping};
pub use sheet::sheet_names;
mod swimline_csv;
mod text;
mod timelinejs;
mod timesketch;
mod vis_timeline;

use std::path::{Path, PathBuf};

use detect::{is_json, json_value, load_csv, load_json};
pub(crate) use finish::content_id;
use finish::{Lanes, UniqueIds, finish, strip_position, unique_id};
use read::{check_is_readable, load_owned, read_file};

pub use error::{LoadError, Location, Problem};
pub use progress::Progress;
pub use serde_words::plain as plain_serde_message;
pub use text::{encoding_for_label, html_to_text};

use crate::model::{Dataset, DatasetDraft};

/// The default dataset, compiled into the binary so the app works from any directory.
pub const DEFAULT_DATASET_JSON: &str = include_str!("../../data/russia-taliban-2018.json");

/// The file name shown for the default dataset.
pub const DEFAULT_DATASET_NAME: &str = "russia-taliban-2018.json";

/// File name extensions the open dialog offers.
pub const EXTENSIONS: [&str; 11] = [
    "json", "csv", "jsonl", "tsv", "txt", "CSV", "zip", "xlsx", "xlsm", "xls", "ods",
];

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
    /// GDELT 1.0 or 2.0 events: tab-separated, no header, 57, 58 or 61 columns.
    Gdelt,
    /// Plaso's psort `l2tcsv`: 17 columns, MM/DD/YYYY, time and a time zone.
    PlasoL2tCsv,
    /// Plaso's psort dynamic CSV (`datetime, timestamp_desc, source, …, parser`).
    PlasoCsv,
    /// Plaso's psort `json_line`: one event object a line.
    PlasoJsonl,
    /// Plaso's psort `-o json`: one object of `event_0`, `event_1`, ….
    PlasoJson,
    /// A table of its own layout, read with a mapping of its columns.
    MappedTable,
    /// A database table in the layout of `docs/sources.md` (DuckDB, PostgreSQL), read window
    /// by window; not a file format, so not in [`Format::ALL`].
    Database,
}

impl Format {
    /// Every format, in the order the README lists them.
    pub const ALL: [Self; 15] = [
        Self::Swimline,
        Self::SwimlineCsv,
        Self::TimelineJs,
        Self::TimelineJsLegacy,
        Self::TimelineJsCsv,
        Self::VisTimeline,
        Self::Acled,
        Self::TimesketchCsv,
        Self::TimesketchJsonl,
        Self::Gdelt,
        Self::PlasoL2tCsv,
        Self::PlasoCsv,
        Self::PlasoJsonl,
        Self::PlasoJson,
        Self::MappedTable,
    ];

    /// What this format's records are called in messages: `rows`, `lines`, `items`.
    pub fn records(self) -> &'static str {
        match self {
            Self::SwimlineCsv
            | Self::TimelineJsCsv
            | Self::Acled
            | Self::TimesketchCsv
            | Self::Gdelt
            | Self::PlasoL2tCsv
            | Self::PlasoCsv
            | Self::MappedTable
            | Self::Database => "rows",
            Self::TimesketchJsonl | Self::PlasoJsonl => "lines",
            Self::Swimline
            | Self::TimelineJs
            | Self::TimelineJsLegacy
            | Self::VisTimeline
            | Self::PlasoJson => "items",
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
            Self::Gdelt => "GDELT events",
            Self::PlasoL2tCsv => "Plaso l2tcsv",
            Self::PlasoCsv => "Plaso CSV",
            Self::PlasoJsonl => "Plaso JSON lines",
            Self::PlasoJson => "Plaso JSON",
            Self::MappedTable => "a table, mapped",
            Self::Database => "a database table",
        }
    }

    /// The column lanes come from by default, for formats where View ▸ Lanes from picks
    /// another; `None` for formats whose lanes are their actors.
    pub fn default_lane_column(self) -> Option<&'static str> {
        match self {
            Self::TimesketchCsv | Self::TimesketchJsonl => Some("timestamp_desc"),
            Self::PlasoL2tCsv | Self::PlasoCsv => Some("source"),
            Self::PlasoJsonl | Self::PlasoJson => Some("parser"),
            _ => None,
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
    /// For spreadsheets: the sheet to read (`None`: the first with a layout Swimline knows).
    pub sheet: Option<String>,
    /// Read a table of its own layout with these columns (`--map`, the mapping dialog).
    pub mapping: Option<Mapping>,
    /// The IANA zone (`Europe/Kyiv`) that times written without a zone are in (`--tz`);
    /// `None`: UTC.
    pub tz: Option<String>,
    /// Mappings remembered for headers (by [`mapping::header_key`]): a table whose header has
    /// one is read with it.
    pub remembered: std::collections::BTreeMap<String, Mapping>,
    /// The encoding a text file is read in (`--encoding`), whatever its bytes look like;
    /// `None`: its byte-order mark, UTF-8, or the encoding guessed from its letters.
    pub encoding: Option<&'static encoding_rs::Encoding>,
}

impl LoadOptions {
    /// [`LoadOptions::tz`] as a zone (`None` for UTC, or a name that is not one: the command
    /// line checks names before they get here).
    pub fn zone(&self) -> Option<chrono_tz::Tz> {
        self.tz.as_deref().and_then(|z| z.parse().ok())
    }
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

impl Imported {
    /// Events in lanes made as their names turned up, with nothing else (no title, links or
    /// eras): what the row-per-event formats produce.
    fn of_lanes(
        lanes: Lanes,
        events: crate::model::EventsDraft,
        origins: Vec<Origin>,
        warnings: Vec<Problem>,
    ) -> Self {
        Self {
            draft: DatasetDraft {
                actors: lanes.into_actors(),
                events,
                ..DatasetDraft::default()
            },
            origins,
            warnings,
        }
    }
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
    let loaded = |(dataset, format, warnings)| Loaded {
        dataset,
        display_name: path
            .file_name()
            .map_or_else(|| file.clone(), |n| n.to_string_lossy().into_owned()),
        path: Some(path.to_path_buf()),
        format,
        warnings,
    };
    if let Some(streamed) = read::load_streamed(&file, path, options, progress, read::STREAM_BYTES)?
    {
        return Ok(loaded(streamed));
    }
    let bytes = read_file(path, progress).map_err(|source| LoadError::Read {
        file: file.clone(),
        source,
    })?;
    if progress.is_some_and(|p| p.is_cancelled()) {
        return Err(LoadError::Cancelled { file: file.clone() });
    }
    let whole = progress::with_current(progress, || load_owned(&file, bytes, options))?;
    Ok(loaded(whole))
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
    if sheet::is_spreadsheet(bytes) {
        let any_sheet = options.mapping.is_some() || !options.remembered.is_empty();
        let (_, text, notes) =
            sheet::sheet_as_csv(file, bytes, options.sheet.as_deref(), any_sheet)?;
        let (dataset, format, mut warnings) = load_csv(file, &text, options)?;
        warnings.splice(0..0, notes);
        return Ok((dataset, format, warnings));
    }
    if bytes.starts_with(b"PK\x03\x04") {
        let inner = read::unzipped(file, bytes.to_vec())?;
        return load_bytes_with(file, &inner, options);
    }
    if is_json(bytes) {
        let (text, _) = text::decode(file, bytes, false)?;
        return load_json(file, &text, options);
    }
    let (text, encoding_warning) = text::decode_as(file, bytes, true, options.encoding)?;
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
            | Format::PlasoJsonl
            | Format::PlasoJson
    );
    let (text, encoding_warning) = text::decode_as(file, bytes, !json, options.encoding)?;
    if format == Format::Swimline {
        return native::parse(file, &text).map(|d| (d, format, Vec::new()));
    }
    if format == Format::TimesketchJsonl {
        let imported = timesketch::parse_jsonl(file, &text, options)?;
        return finish(file, imported, format);
    }
    if format == Format::PlasoJsonl {
        let imported = timesketch::parse_jsonl_lanes(file, &text, options, "parser")?;
        return finish(file, imported, format);
    }
    if let (Format::MappedTable, Some(mapping)) = (format, &options.mapping) {
        let (rewritten, notes) =
            mapping::to_swimline_csv(file, &text, mapping, options.tz.as_deref())?;
        let mut imported = swimline_csv::parse(csv_table::Table::new(file, &rewritten)?)?;
        imported.warnings.splice(0..0, notes);
        return finish(file, imported, format);
    }
    let imported = if format == Format::Gdelt {
        gdelt::parse(file, &text)?
    } else if json {
        let value = json_value(file, &text)?;
        match format {
            Format::TimelineJsLegacy => {
                timelinejs::parse_legacy(file, &text, &value, options.zone())?
            }
            Format::TimelineJs => timelinejs::parse_json(&text, &value, options.zone())?,
            Format::PlasoJson => detect::plaso_json(file, &value, options)?,
            _ => vis_timeline::parse(&text, &value)?,
        }
    } else {
        let table = csv_table::Table::new(file, &text)?;
        match format {
            Format::Acled => acled::parse(table)?,
            Format::TimelineJsCsv => timelinejs::parse_csv(table, options.zone())?,
            Format::TimesketchCsv => timesketch::parse_csv(table, options)?,
            Format::PlasoL2tCsv => plaso::parse_l2tcsv(table, options.lane_column.as_deref())?,
            Format::PlasoCsv => timesketch::parse_csv_lanes(table, options, "source")?,
            _ => swimline_csv::parse(table)?,
        }
    };
    let (dataset, format, mut warnings) = finish(file, imported, format)?;
    warnings.splice(0..0, encoding_warning);
    Ok((dataset, format, warnings))
}

/// The header and first `rows` rows of the table in `path` (the sheet `sheet` of a
/// spreadsheet, or its first), for the mapping dialog.
pub fn table_preview(
    path: &Path,
    sheet: Option<&str>,
    rows: usize,
) -> Result<(Vec<String>, Vec<Vec<String>>), LoadError> {
    let file = path.display().to_string();
    read::check_is_readable(&file, path)?;
    let bytes = std::fs::read(path).map_err(|source| LoadError::Read {
        file: file.clone(),
        source,
    })?;
    let text = if sheet::is_spreadsheet(&bytes) {
        sheet::sheet_as_csv(&file, &bytes, sheet, true)?.1
    } else {
        text::decode(&file, &bytes, true)?.0.into_owned()
    };
    Ok(mapping::preview(&text, rows))
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
        use super::read::{FileBytes, load_owned, read_file_split};
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
    fn a_table_read_from_disk_in_pieces_loads_as_when_read_whole() {
        use super::read::{FileBytes, load_owned, load_streamed};
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let unclosed = dir.path().join("unclosed.csv");
        let text = "title,start,description\r\nA,2018,ok\r\nB,2019,\"never closed\r\nC,2020,x\r\n";
        assert!(std::fs::write(&unclosed, text).is_ok());
        let options = LoadOptions::default();
        let tables = [
            root.join("../shared/data/timesketch/sigma_events.csv"),
            root.join("../shared/data/timesketch/invalid_datetime.csv"),
            root.join("../shared/data/plaso/l2tcsv-utc.csv"),
            root.join("../shared/data/plaso/dynamic.csv"),
            root.join("../shared/data/timelinejs3/my-own-timeline.csv"),
            root.join("tests/fixtures/acled/synthetic.csv"),
            unclosed,
        ];
        for path in &tables {
            let file = path.display().to_string();
            let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{file}: {e}"));
            let whole = load_owned(
                &file,
                FileBytes {
                    first: bytes,
                    second: None,
                },
                &options,
            )
            .map_err(|e| e.to_string());
            let streamed = load_streamed(&file, path, &options, None, 0)
                .map_err(|e| e.to_string())
                .map(|s| s.unwrap_or_else(|| panic!("{file} is read from disk")));
            assert!(whole.is_ok(), "{file}: {whole:?}");
            assert_eq!(streamed, whole, "{file}");
        }
        // The unclosed quote is said as when read whole.
        let warnings = load_streamed("u.csv", &tables[6], &options, None, 0)
            .ok()
            .flatten()
            .map(|(_, _, w)| w.iter().map(ToString::to_string).collect::<Vec<_>>());
        assert!(
            warnings.as_ref().is_some_and(|w| w
                .iter()
                .any(|w| w.contains("opened on line 3 is never closed"))),
            "{warnings:?}"
        );

        // What is not a UTF-8 table of a known layout is left to the whole-file path.
        let others: [(&str, Vec<u8>); 3] = [
            ("cp1252.csv", b"title,start\nCaf\xe9,2018\n".to_vec()),
            ("own.csv", b"Headline,Date\nA,2018\n".to_vec()),
            ("t.json", b"{\"events\": []}".to_vec()),
        ];
        for (name, bytes) in others {
            let path = dir.path().join(name);
            assert!(std::fs::write(&path, bytes).is_ok());
            let streamed = load_streamed(name, &path, &options, None, 0);
            assert!(matches!(streamed, Ok(None)), "{name}");
        }
        for name in [
            "../shared/data/gdelt/20191024143000.export.CSV",
            "../shared/data/spreadsheets/programmes-with-owners.xlsx",
            "data/russia-taliban-2018.json",
        ] {
            let streamed = load_streamed(name, &root.join(name), &options, None, 0);
            assert!(matches!(streamed, Ok(None)), "{name}");
        }
        // A header read through a mapping is rewritten first, so it is read whole; and a
        // small file is always read whole.
        let mapped = LoadOptions {
            mapping: "title=message,start=datetime".parse().ok(),
            ..LoadOptions::default()
        };
        let sigma = &tables[0];
        assert!(matches!(
            load_streamed("s", sigma, &mapped, None, 0),
            Ok(None)
        ));
        assert!(matches!(
            load_streamed("s", sigma, &options, None, super::read::STREAM_BYTES),
            Ok(None)
        ));
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
