//! The file formats Swimline reads, each declared once in [`FORMATS`]: its name, how it is
//! recognised from content, how it is read, its file name extensions, how its ids are made
//! unique and which column its lanes come from. Detection (`detect.rs`), reading a format the
//! caller chose ([`super::load_bytes_as`]), the format list ([`Format::ALL`]), the open
//! dialog's extensions ([`EXTENSIONS`]) and the "not a format Swimline knows" messages are all
//! derived from that one table. Nothing here opens a file; a database is not a file format and
//! has no entry (see [`super::Origin`]).

use super::csv_table::Table;
use super::draft::Imported;
use super::error::LoadError;
use super::options::LoadOptions;
use super::{acled, gdelt, native, plaso, swimline_csv, timelinejs, timesketch, vis_timeline};
use crate::model::Dataset;

/// The file formats Swimline reads, in the order detection asks about them (the most
/// particular layout first); [`Format::ALL`] is the order the README lists them. Each has one
/// definition in `FORMATS` (in `io/format.rs`), at the same position.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Format {
    /// `swimline/1` JSON.
    Swimline,
    /// Plaso's psort `json_line`: one event object a line.
    PlasoJsonl,
    /// Timesketch JSONL, one event object a line.
    TimesketchJsonl,
    /// Plaso's psort `-o json`: one object of `event_0`, `event_1`, ….
    PlasoJson,
    /// TimelineJS 2 JSON (`{"timeline": {"date": [...]}}`).
    TimelineJsLegacy,
    /// TimelineJS 3 JSON (`events`, `eras`, `title`).
    TimelineJs,
    /// vis-timeline items and groups.
    VisTimeline,
    /// GDELT 1.0 or 2.0 events: tab-separated, no header, 57, 58 or 61 columns.
    Gdelt,
    /// An ACLED export.
    Acled,
    /// Plaso's psort `l2tcsv`: 17 columns, MM/DD/YYYY, time and a time zone.
    PlasoL2tCsv,
    /// Plaso's psort dynamic CSV (`datetime, timestamp_desc, source, …, parser`).
    PlasoCsv,
    /// The TimelineJS Google Sheets template saved as CSV (`Year, Month, …, Headline`).
    TimelineJsCsv,
    /// Timesketch CSV (`message, datetime, timestamp_desc`).
    TimesketchCsv,
    /// CSV with `title` and `start` columns.
    SwimlineCsv,
    /// A table of its own layout, read with a mapping of its columns.
    MappedTable,
}

/// Reads a whole text (JSON lines; a table without a header): `(file, text, options)`.
pub(super) type TextReader = fn(&str, &str, &LoadOptions) -> Result<Imported, LoadError>;

/// Reads a parsed JSON document: `(file, text, document, options)` (the text locates items).
pub(super) type JsonReader =
    fn(&str, &str, &serde_json::Value, &LoadOptions) -> Result<Imported, LoadError>;

/// Reads the rows of a table whose header has been read.
pub(super) type TableReader = fn(Table<'_>, &LoadOptions) -> Result<Imported, LoadError>;

/// The shape of a format's content, with how the format is recognised in that shape and how it
/// is read from it. Detection asks in passes: the JSON text, JSON lines, the JSON document; a
/// table's text, then its header; within a pass, in the order of [`FORMATS`].
#[derive(Clone, Copy)]
pub(super) enum Shape {
    /// Swimline's own JSON, parsed straight into typed records (fast for large files) and
    /// checked by its own reader: recognised from the start of its text, or else from its
    /// parsed document.
    Native {
        /// A cheap look at the text, before it is parsed.
        text: fn(&str) -> bool,
        /// A look at the parsed document.
        document: fn(&serde_json::Value) -> bool,
        /// Reads the text: `(file, text)`.
        parse: fn(&str, &str) -> Result<Dataset, LoadError>,
    },
    /// Several lines, each one JSON object (the whole is not one JSON document).
    JsonLines {
        /// A look at the first line.
        first_line: fn(&str) -> bool,
        /// Reads the lines.
        read: TextReader,
    },
    /// One JSON document.
    JsonDocument {
        /// A look at the parsed document.
        document: fn(&serde_json::Value) -> bool,
        /// Reads it.
        read: JsonReader,
    },
    /// A table with no header, known from its text.
    HeaderlessTable {
        /// A look at the text.
        text: fn(&str) -> bool,
        /// Reads it.
        read: TextReader,
    },
    /// A table known from its header.
    Table {
        /// A look at the header.
        header: fn(&Table<'_>) -> bool,
        /// Reads its rows.
        read: TableReader,
    },
    /// A table of any layout, read through a mapping of its columns (given with the options, or
    /// remembered for its header). Never recognised from content alone.
    Mapped,
}

impl Shape {
    /// Whether the content is JSON (read as UTF-8, never in a guessed encoding).
    pub(super) fn is_json(self) -> bool {
        matches!(
            self,
            Self::Native { .. } | Self::JsonLines { .. } | Self::JsonDocument { .. }
        )
    }

    /// What the content's records are called in messages.
    fn records(self) -> &'static str {
        match self {
            Self::Native { .. } | Self::JsonDocument { .. } => "items",
            Self::JsonLines { .. } => "lines",
            Self::HeaderlessTable { .. } | Self::Table { .. } | Self::Mapped => "rows",
        }
    }
}

/// How a format's ids are made unique when the file repeats one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Ids {
    /// Left as the reader made them: Swimline JSON refuses a repeat (an error that names the
    /// first), vis-timeline renames its own.
    Kept,
    /// Read from this column: a repeat is renamed (`a#2`) with a warning that names the
    /// column; an id made from content (the column empty) is renamed without a word.
    Column(&'static str),
    /// Made from each event's content: a repeat is renamed without a word.
    Made,
}

/// One file format, declared once.
pub(super) struct FormatDef {
    /// The format this defines.
    pub(super) format: Format,
    /// Its name, as shown to users and printed by `swimline check`.
    pub(super) name: &'static str,
    /// The row of the README's table of formats that describes it (one row may describe two).
    #[cfg_attr(
        not(test),
        expect(
            dead_code,
            reason = "read by the test that holds the README to this table"
        )
    )]
    pub(super) readme: &'static str,
    /// How it is recognised and read.
    pub(super) shape: Shape,
    /// File name extensions it is saved with (the open dialog offers them).
    pub(super) extensions: &'static [&'static str],
    /// How its ids are made unique.
    pub(super) ids: Ids,
    /// The column lanes come from by default, where View ▸ Lanes from can pick another.
    pub(super) lane_column: Option<&'static str>,
    /// How the message for content of no known format names it (`title and start (Swimline
    /// CSV)`); `None` to leave it out of that list.
    pub(super) expected: Option<&'static str>,
}

/// Whether the parsed JSON document is an object with `key`.
fn has(document: &serde_json::Value, key: &str) -> bool {
    document.as_object().is_some_and(|o| o.contains_key(key))
}

/// Every file format, in the order detection asks about them: the most particular layout
/// first (a Plaso CSV is also a Timesketch CSV; any table with `title` and `start` is a
/// Swimline CSV), in the order of [`Format`].
pub(super) static FORMATS: [FormatDef; 15] = [
    FormatDef {
        format: Format::Swimline,
        name: "Swimline JSON",
        readme: "Swimline JSON",
        shape: Shape::Native {
            text: |text| text.contains("\"format\"") && native::looks_native(text),
            document: |document| has(document, "format"),
            parse: native::parse,
        },
        extensions: &["json"],
        ids: Ids::Kept,
        lane_column: None,
        expected: Some("Swimline JSON (\"format\": \"swimline/1\")"),
    },
    FormatDef {
        format: Format::PlasoJsonl,
        name: "Plaso JSON lines",
        readme: "Plaso JSON lines / JSON",
        shape: Shape::JsonLines {
            first_line: plaso::is_json_line,
            read: |file, text, options| {
                timesketch::parse_jsonl_lanes(file, text, options, "parser")
            },
        },
        extensions: &["jsonl"],
        ids: Ids::Made,
        lane_column: Some("parser"),
        expected: None,
    },
    FormatDef {
        format: Format::TimesketchJsonl,
        name: "Timesketch JSONL",
        readme: "Timesketch CSV / JSONL",
        shape: Shape::JsonLines {
            // Any lines of JSON objects that are not Plaso's (asked about first).
            first_line: |_| true,
            read: timesketch::parse_jsonl,
        },
        extensions: &["jsonl"],
        ids: Ids::Made,
        lane_column: Some("timestamp_desc"),
        expected: None,
    },
    FormatDef {
        format: Format::PlasoJson,
        name: "Plaso JSON",
        readme: "Plaso JSON lines / JSON",
        shape: Shape::JsonDocument {
            document: |document| has(document, "event_0"),
            read: |file, _, document, options| plaso::parse_json(file, document, options),
        },
        extensions: &["json"],
        ids: Ids::Made,
        lane_column: Some("parser"),
        expected: None,
    },
    FormatDef {
        format: Format::TimelineJsLegacy,
        name: "TimelineJS 2 JSON",
        readme: "TimelineJS 2 JSON",
        shape: Shape::JsonDocument {
            document: |document| has(document, "timeline"),
            read: |file, text, document, options| {
                timelinejs::parse_legacy(file, text, document, options.zone())
            },
        },
        extensions: &["json"],
        ids: Ids::Made,
        lane_column: None,
        expected: Some("TimelineJS 2 (\"timeline\")"),
    },
    FormatDef {
        format: Format::TimelineJs,
        name: "TimelineJS JSON",
        readme: "TimelineJS 3 JSON",
        shape: Shape::JsonDocument {
            document: |document| has(document, "events") || has(document, "eras"),
            read: |_, text, document, options| {
                timelinejs::parse_json(text, document, options.zone())
            },
        },
        extensions: &["json"],
        ids: Ids::Made,
        lane_column: None,
        expected: Some("TimelineJS (\"events\")"),
    },
    FormatDef {
        format: Format::VisTimeline,
        name: "vis-timeline JSON",
        readme: "vis-timeline JSON",
        shape: Shape::JsonDocument {
            document: |document| {
                document.is_array() || has(document, "items") || has(document, "groups")
            },
            read: |_, text, document, _| vis_timeline::parse(text, document),
        },
        extensions: &["json"],
        ids: Ids::Kept,
        lane_column: None,
        expected: Some("vis-timeline (\"items\" or an array of items)"),
    },
    FormatDef {
        format: Format::Gdelt,
        name: "GDELT events",
        readme: "GDELT events",
        shape: Shape::HeaderlessTable {
            text: gdelt::looks_like,
            read: |file, text, _| gdelt::parse(file, text),
        },
        extensions: &["CSV"],
        ids: Ids::Column("GlobalEventID"),
        lane_column: None,
        expected: None,
    },
    FormatDef {
        format: Format::Acled,
        name: "ACLED CSV",
        readme: "ACLED CSV",
        shape: Shape::Table {
            header: |table| table.has_all(&["event_id_cnty", "event_date"]),
            read: |table, _| acled::parse(table),
        },
        extensions: &["csv"],
        ids: Ids::Column("event_id_cnty"),
        lane_column: None,
        expected: Some("event_id_cnty and event_date (ACLED)"),
    },
    FormatDef {
        format: Format::PlasoL2tCsv,
        name: "Plaso l2tcsv",
        readme: "Plaso l2tcsv",
        shape: Shape::Table {
            header: plaso::is_l2tcsv,
            read: |table, options| plaso::parse_l2tcsv(table, options.lane_column.as_deref()),
        },
        extensions: &["csv"],
        ids: Ids::Made,
        lane_column: Some("source"),
        expected: Some("date, time, timezone, MACB, source and desc (Plaso l2tcsv)"),
    },
    FormatDef {
        format: Format::PlasoCsv,
        name: "Plaso CSV",
        readme: "Plaso CSV",
        shape: Shape::Table {
            header: plaso::is_dynamic_csv,
            read: |table, options| timesketch::parse_csv_lanes(table, options, "source"),
        },
        extensions: &["csv"],
        ids: Ids::Made,
        lane_column: Some("source"),
        expected: None,
    },
    FormatDef {
        format: Format::TimelineJsCsv,
        name: "TimelineJS spreadsheet CSV",
        readme: "TimelineJS spreadsheet CSV",
        shape: Shape::Table {
            header: |table| table.has_all(&["year", "headline"]),
            read: |table, options| timelinejs::parse_csv(table, options.zone()),
        },
        extensions: &["csv"],
        ids: Ids::Made,
        lane_column: None,
        expected: Some("Year and Headline (TimelineJS)"),
    },
    FormatDef {
        format: Format::TimesketchCsv,
        name: "Timesketch CSV",
        readme: "Timesketch CSV / JSONL",
        shape: Shape::Table {
            header: |table| {
                table.has_all(&["message", "timestamp_desc"])
                    && (table.has_all(&["datetime"]) || table.has_all(&["timestamp"]))
            },
            read: timesketch::parse_csv,
        },
        extensions: &["csv"],
        ids: Ids::Made,
        lane_column: Some("timestamp_desc"),
        expected: Some("message, datetime and timestamp_desc (Timesketch)"),
    },
    FormatDef {
        format: Format::SwimlineCsv,
        name: "Swimline CSV",
        readme: "Swimline CSV",
        shape: Shape::Table {
            header: |table| table.has_all(&["title", "start"]),
            read: |table, _| swimline_csv::parse(table),
        },
        extensions: &["csv", "tsv", "txt"],
        ids: Ids::Column("id"),
        lane_column: None,
        expected: Some("title and start (Swimline CSV)"),
    },
    FormatDef {
        format: Format::MappedTable,
        name: "a table, mapped",
        readme: "Any other table",
        shape: Shape::Mapped,
        extensions: &["csv", "tsv", "txt"],
        ids: Ids::Made,
        lane_column: None,
        expected: None,
    },
];

/// Extensions of files that hold a file of some format: a zip archive (as GDELT ships its
/// exports) and the spreadsheets, whose sheets are read as tables.
const CONTAINER_EXTENSIONS: [&str; 5] = ["zip", "xlsx", "xlsm", "xls", "ods"];

impl Format {
    /// Every format, in the order the README lists them (a test holds the README to it).
    pub const ALL: [Self; FORMATS.len()] = [
        Self::Swimline,
        Self::SwimlineCsv,
        Self::TimelineJs,
        Self::TimelineJsLegacy,
        Self::TimelineJsCsv,
        Self::VisTimeline,
        Self::Acled,
        Self::TimesketchCsv,
        Self::TimesketchJsonl,
        Self::PlasoL2tCsv,
        Self::PlasoCsv,
        Self::PlasoJsonl,
        Self::PlasoJson,
        Self::Gdelt,
        Self::MappedTable,
    ];

    /// This format's definition.
    pub(super) fn def(self) -> &'static FormatDef {
        // In range: the check below `FORMATS` holds each format at its own position.
        &FORMATS[self as usize]
    }

    /// What this format's records are called in messages: `rows`, `lines`, `items`.
    pub(crate) fn records(self) -> &'static str {
        self.def().shape.records()
    }

    /// The format's name, as shown to users and printed by `swimline check`.
    pub fn name(self) -> &'static str {
        self.def().name
    }

    /// The column lanes come from by default, for formats where View ▸ Lanes from picks
    /// another; `None` for formats whose lanes are their actors.
    pub(crate) fn default_lane_column(self) -> Option<&'static str> {
        self.def().lane_column
    }
}

// Checked when compiled: each format is defined at its own position in `FORMATS`, and
// `Format::ALL` lists each format once.
const _: () = {
    let mut listed = [false; FORMATS.len()];
    let mut i = 0;
    while i < FORMATS.len() {
        assert!(
            FORMATS[i].format as usize == i,
            "FORMATS is in the order of Format"
        );
        let at = Format::ALL[i] as usize;
        assert!(!listed[at], "Format::ALL lists a format twice");
        listed[at] = true;
        i += 1;
    }
};

/// Whether two texts are the same (for the checks made when compiling).
const fn same(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}

/// The extensions of the formats, in the order of [`Format::ALL`], then of the containers, each
/// once; `N` of them (the first `N` when there are more).
const fn extensions<const N: usize>() -> ([&'static str; N], usize) {
    let mut out = [""; N];
    let mut count = 0;
    let mut f = 0;
    while f <= FORMATS.len() {
        let list: &[&str] = if f < FORMATS.len() {
            FORMATS[Format::ALL[f] as usize].extensions
        } else {
            &CONTAINER_EXTENSIONS
        };
        let mut e = 0;
        while e < list.len() {
            let mut seen = false;
            let mut k = 0;
            while k < count && k < N {
                seen = seen || same(out[k], list[e]);
                k += 1;
            }
            if !seen {
                if count < N {
                    out[count] = list[e];
                }
                count += 1;
            }
            e += 1;
        }
        f += 1;
    }
    (out, count)
}

/// How many extensions [`EXTENSIONS`] holds.
const EXTENSION_COUNT: usize = extensions::<64>().1;

/// File name extensions the open dialog offers: those of every format, and of the files that
/// hold one (zip archives, spreadsheets). `CSV` as well as `csv`: GDELT names its files so, and
/// a dialog's filter may tell cases apart.
pub(crate) const EXTENSIONS: [&str; EXTENSION_COUNT] = extensions::<EXTENSION_COUNT>().0;

/// The formats of one shape of content, as the message for content of no known format lists
/// them: `a (…), b (…), or c (…)`.
pub(super) fn expected(json: bool) -> String {
    let named: Vec<&str> = Format::ALL
        .iter()
        .map(|f| f.def())
        .filter(|d| d.shape.is_json() == json)
        .filter_map(|d| d.expected)
        .collect();
    match named.split_last() {
        Some((last, [])) => (*last).to_owned(),
        Some((last, rest)) => format!("{}, or {last}", rest.join(", ")),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::{EXTENSIONS, FORMATS, Format, expected};

    #[test]
    fn the_format_list_and_the_messages_are_made_from_the_definitions() {
        assert_eq!(
            expected(true),
            "Swimline JSON (\"format\": \"swimline/1\"), TimelineJS (\"events\"), TimelineJS 2 \
             (\"timeline\"), or vis-timeline (\"items\" or an array of items)"
        );
        assert_eq!(
            expected(false),
            "title and start (Swimline CSV), Year and Headline (TimelineJS), event_id_cnty and \
             event_date (ACLED), message, datetime and timestamp_desc (Timesketch), or date, \
             time, timezone, MACB, source and desc (Plaso l2tcsv)"
        );
        // Every format's extensions are offered, each once, and so are the containers'.
        for def in &FORMATS {
            for extension in def.extensions {
                assert_eq!(
                    EXTENSIONS.iter().filter(|e| *e == extension).count(),
                    1,
                    "{extension}"
                );
            }
        }
        assert_eq!(
            EXTENSIONS,
            [
                "json", "csv", "tsv", "txt", "jsonl", "CSV", "zip", "xlsx", "xlsm", "xls", "ods"
            ]
        );
        let names: Vec<&str> = Format::ALL.iter().map(|f| f.name()).collect();
        assert_eq!(names.len(), FORMATS.len());
        assert!(names.iter().all(|n| !n.is_empty()));
    }

    #[test]
    fn the_readme_lists_every_format_in_the_order_of_the_registry() {
        let readme = include_str!("../../README.md");
        let table = readme
            .split("| format | how it is recognised |")
            .nth(1)
            .unwrap_or_default();
        let rows: Vec<&str> = table
            .lines()
            .skip(2)
            .take_while(|l| l.starts_with('|'))
            .filter_map(|l| l.split('|').nth(1).map(str::trim))
            // A row for files that hold a table, not for a format.
            .filter(|row| *row != "Spreadsheets")
            .collect();
        let mut listed: Vec<&str> = Format::ALL.iter().map(|f| f.def().readme).collect();
        listed.dedup();
        assert_eq!(rows, listed);
    }
}
