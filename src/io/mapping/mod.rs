//! Any other table: which of its columns hold the title, the start, the end, the lanes (one or
//! several columns), the kind, the description and the source, and how its dates are written.
//! A [`Mapping`] comes from the mapping dialog or the command line
//! (`--map title=Headline,start=Date,lanes=Who+Where,dates=DMY`) and is remembered for that
//! header. The table is then rewritten as Swimline CSV (the mapped columns first, every other
//! column kept as an attribute) and read by that reader, so its checks and messages apply.
//!
//! How its dates are written, and how they are read, is `dates.rs`.

use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;

use super::csv_table::delimiter_of;
use super::error::{LoadError, Location, Problem};

mod dates;
#[cfg(test)]
mod tests;

pub use dates::DateOrder;
pub(super) use dates::from_zone;
use dates::{DateNotes, from_zone_noted, iso};

/// Which columns hold what (by header name, any case).
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct Mapping {
    /// The column of the title (required).
    pub title: String,
    /// The column of the start (required).
    pub start: String,
    /// The column of the end.
    pub end: Option<String>,
    /// The columns whose values are the lanes (an event is in each).
    pub lanes: Vec<String>,
    /// The column of the kind (action, statement, claim, denial, context).
    pub kind: Option<String>,
    /// The column of the description.
    pub description: Option<String>,
    /// The column of who said it.
    pub source: Option<String>,
    /// How the dates are written.
    pub dates: DateOrder,
    /// The IANA zone (`Europe/Kyiv`) that times of day written without an offset are in;
    /// `None`: UTC, or the zone given with `--tz`.
    pub zone: Option<String>,
}

impl FromStr for Mapping {
    type Err = String;

    /// `title=Headline,start=Date,end=Until,lanes=Who+Where,kind=Type,description=Notes,
    /// source=By,dates=DMY` (`dates` is `ISO`, `DMY`, `MDY`, `persian` or `hijri`).
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let mut m = Self::default();
        for part in text.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            let (key, value) = part
                .split_once('=')
                .ok_or_else(|| format!("\"{part}\": expected ROLE=COLUMN, as title=Headline"))?;
            let value = value.trim().to_owned();
            let some = || Some(value.clone()).filter(|v| !v.is_empty());
            match key.trim().to_lowercase().as_str() {
                "title" => m.title = value,
                "start" => m.start = value,
                "end" => m.end = some(),
                "lanes" | "lane" | "actors" => {
                    m.lanes = value
                        .split('+')
                        .map(|v| v.trim().to_owned())
                        .filter(|v| !v.is_empty())
                        .collect();
                }
                "kind" => m.kind = some(),
                "description" => m.description = some(),
                "source" => m.source = some(),
                "zone" | "tz" => {
                    if value.parse::<chrono_tz::Tz>().is_err() {
                        return Err(format!(
                            "zone={value}: expected an IANA time zone, as Europe/Kyiv or UTC"
                        ));
                    }
                    m.zone = some();
                }
                "dates" => {
                    m.dates = match value.to_uppercase().as_str() {
                        "ISO" | "EDTF" => DateOrder::AsWritten,
                        "DMY" => DateOrder::DayMonthYear,
                        "MDY" => DateOrder::MonthDayYear,
                        "PERSIAN" | "SOLAR-HIJRI" | "SHAMSI" | "JALALI" => DateOrder::SolarHijri,
                        "HIJRI" | "ISLAMIC" | "QAMARI" => DateOrder::Hijri,
                        other => {
                            return Err(format!(
                                "dates={other}: expected ISO, DMY, MDY, persian (Solar Hijri) or \
                                 hijri"
                            ));
                        }
                    };
                }
                other => {
                    return Err(format!(
                        "\"{other}\" is not a role: expected title, start, end, lanes, kind, \
                         description, source, dates or zone"
                    ));
                }
            }
        }
        if m.title.is_empty() || m.start.is_empty() {
            return Err("expected at least title=COLUMN and start=COLUMN".to_owned());
        }
        Ok(m)
    }
}

impl fmt::Display for Mapping {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "title={},start={}", self.title, self.start)?;
        for (k, v) in [
            ("end", &self.end),
            ("kind", &self.kind),
            ("description", &self.description),
            ("source", &self.source),
        ] {
            if let Some(v) = v {
                write!(f, ",{k}={v}")?;
            }
        }
        if !self.lanes.is_empty() {
            write!(f, ",lanes={}", self.lanes.join("+"))?;
        }
        match self.dates {
            DateOrder::AsWritten => {}
            DateOrder::DayMonthYear => write!(f, ",dates=DMY")?,
            DateOrder::MonthDayYear => write!(f, ",dates=MDY")?,
            DateOrder::SolarHijri => write!(f, ",dates=persian")?,
            DateOrder::Hijri => write!(f, ",dates=hijri")?,
        }
        match &self.zone {
            Some(zone) => write!(f, ",zone={zone}"),
            None => Ok(()),
        }
    }
}

/// The key a mapping is remembered under: the header's names, lower-cased, joined.
pub fn header_key(names: &[String]) -> String {
    names
        .iter()
        .map(|n| n.trim().to_lowercase())
        .collect::<Vec<_>>()
        .join("\u{1f}")
}

/// The header and the first `rows` rows of a delimited text, for the mapping dialog's preview.
pub fn preview(text: &str, rows: usize) -> (Vec<String>, Vec<Vec<String>>) {
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter_of(text))
        .flexible(true)
        .from_reader(text.as_bytes());
    let header = reader
        .headers()
        .map(|h| h.iter().map(|c| c.trim().to_owned()).collect())
        .unwrap_or_default();
    let body = reader
        .records()
        .take(rows)
        .filter_map(Result::ok)
        .map(|r| r.iter().map(str::to_owned).collect())
        .collect();
    (header, body)
}

/// `text` (a delimited table with a header) rewritten as Swimline CSV by `mapping`, and the
/// warnings about how its dates were read; times of day without an offset are in the mapping's
/// zone, else in `default_zone` (`--tz`), else UTC.
pub(super) fn to_swimline_csv(
    file: &str,
    text: &str,
    mapping: &Mapping,
    default_zone: Option<&str>,
) -> Result<(String, Vec<Problem>), LoadError> {
    let zone = mapping
        .zone
        .as_deref()
        .or(default_zone)
        .and_then(|z| z.parse::<chrono_tz::Tz>().ok());
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter_of(text))
        .flexible(true)
        .from_reader(text.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .map(|h| h.iter().map(|c| c.trim().to_owned()).collect())
        .unwrap_or_default();
    let columns = MappedColumns::of(file, &header, mapping)?;
    let mut out = csv::WriterBuilder::new()
        .flexible(true)
        .from_writer(Vec::new());
    let _ = out.write_record(columns.header(&header));
    let mut notes = DateNotes::default();
    for record in reader.records() {
        let Ok(record) = record else {
            continue;
        };
        let _ = out.write_record(columns.row(&record, mapping, zone, &mut notes));
    }
    let text = String::from_utf8(out.into_inner().unwrap_or_default()).unwrap_or_default();
    Ok((text, notes.into_problems()))
}

/// Swimline CSV's own columns, in the order a mapped table is rewritten with them.
const OWN_COLUMNS: [&str; 7] = [
    "title",
    "start",
    "end",
    "actors",
    "kind",
    "description",
    "source",
];

/// Column names that Swimline CSV reads as its own: a table's column of such a name that no
/// mapping picked is kept under another name.
const RESERVED_NAMES: [&str; 15] = [
    "id",
    "title",
    "start",
    "end",
    "time",
    "actors",
    "kind",
    "tags",
    "description",
    "source",
    "outlet",
    "reported",
    "quote",
    "url",
    "links",
];

/// The columns of a table a mapping picks (by position), and those it keeps as they are.
struct MappedColumns {
    title: usize,
    start: usize,
    end: Option<usize>,
    kind: Option<usize>,
    description: Option<usize>,
    source: Option<usize>,
    lanes: Vec<usize>,
    /// Every column not mapped, kept as an attribute under its name (the kind's too, as
    /// written).
    others: Vec<usize>,
    /// The date columns, kept as written (with their new names) when dates are in another
    /// calendar.
    kept_as_written: Vec<(usize, String)>,
}

impl MappedColumns {
    /// The columns `mapping` names in `header`, or an error that names a missing one.
    fn of(file: &str, header: &[String], mapping: &Mapping) -> Result<Self, LoadError> {
        let index: BTreeMap<String, usize> = header
            .iter()
            .enumerate()
            .rev()
            .map(|(i, n)| (n.to_lowercase(), i))
            .collect();
        let column = |role: &str, name: &str| {
            index
                .get(&name.trim().to_lowercase())
                .copied()
                .ok_or_else(|| missing_column(file, header, role, name))
        };
        let optional = |role: &str, name: &Option<String>| {
            name.as_deref().map(|n| column(role, n)).transpose()
        };
        let (title, start) = (
            column("title", &mapping.title)?,
            column("start", &mapping.start)?,
        );
        let end = optional("end", &mapping.end)?;
        let kind = optional("kind", &mapping.kind)?;
        let description = optional("description", &mapping.description)?;
        let source = optional("source", &mapping.source)?;
        let lanes = mapping
            .lanes
            .iter()
            .map(|l| column("lanes", l))
            .collect::<Result<Vec<_>, _>>()?;
        let mapped: Vec<usize> = [Some(title), Some(start), end, description, source]
            .into_iter()
            .flatten()
            .chain(lanes.iter().copied())
            .collect();
        // Dates in another calendar are kept as written beside the Gregorian day they are.
        let kept_as_written = if mapping.dates.calendar().is_some() {
            [Some(start), end]
                .into_iter()
                .flatten()
                .map(|c| (c, format!("{} (as written)", header[c])))
                .collect()
        } else {
            Vec::new()
        };
        Ok(Self {
            title,
            start,
            end,
            kind,
            description,
            source,
            lanes,
            others: (0..header.len()).filter(|i| !mapped.contains(i)).collect(),
            kept_as_written,
        })
    }

    /// The rewritten table's header.
    fn header(&self, header: &[String]) -> Vec<String> {
        let mut names: Vec<String> = OWN_COLUMNS.iter().map(|&n| n.to_owned()).collect();
        names.extend(self.others.iter().map(|&i| {
            let name = &header[i];
            // A column that would read as one of Swimline's own is kept under another name.
            if RESERVED_NAMES.contains(&name.to_lowercase().as_str()) {
                format!("{name} (column)")
            } else {
                name.clone()
            }
        }));
        names.extend(self.kept_as_written.iter().map(|(_, name)| name.clone()));
        names
    }

    /// A row of the table, rewritten: dates as ISO/EDTF (in UTC where `zone` says times of
    /// day are local), lanes joined, a kind Swimline does not know left out.
    fn row(
        &self,
        record: &csv::StringRecord,
        mapping: &Mapping,
        zone: Option<chrono_tz::Tz>,
        notes: &mut DateNotes,
    ) -> Vec<String> {
        let get = |i: usize| record.get(i).map_or("", str::trim);
        let lanes: Vec<&str> = self
            .lanes
            .iter()
            .map(|&i| get(i))
            .filter(|v| !v.is_empty())
            .collect();
        let kind = self.kind.map(get).unwrap_or_default().to_lowercase();
        let kind = if crate::model::EventKind::ALL
            .iter()
            .any(|k| k.name() == kind)
        {
            kind
        } else {
            String::new()
        };
        let mut row = vec![
            get(self.title).to_owned(),
            from_zone_noted(iso(get(self.start), mapping.dates, notes), zone, notes),
            self.end
                .map(|c| from_zone_noted(iso(get(c), mapping.dates, notes), zone, notes))
                .unwrap_or_default(),
            lanes.join(";"),
            kind,
            self.description.map(get).unwrap_or_default().to_owned(),
            self.source.map(get).unwrap_or_default().to_owned(),
        ];
        row.extend(self.others.iter().map(|&i| get(i).to_owned()));
        row.extend(self.kept_as_written.iter().map(|&(i, _)| get(i).to_owned()));
        row
    }
}

/// The error for a mapping that names a column the header does not have.
fn missing_column(file: &str, header: &[String], role: &str, name: &str) -> LoadError {
    LoadError::content(
        file,
        Problem {
            location: Some(Location { line: 1, column: 0 }),
            field: Some(format!("the mapping's {role}")),
            message: format!(
                "there is no column \"{name}\": the columns are {}",
                header
                    .iter()
                    .map(|h| format!("\"{h}\""))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        },
    )
}
