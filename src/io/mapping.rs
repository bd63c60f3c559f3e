//! Any other table: which of its columns hold the title, the start, the end, the lanes (one or
//! several columns), the kind, the description and the source, and how its dates are written.
//! A [`Mapping`] comes from the mapping dialog or the command line
//! (`--map title=Headline,start=Date,lanes=Who+Where,dates=DMY`) and is remembered for that
//! header. The table is then rewritten as Swimline CSV (the mapped columns first, every other
//! column kept as an attribute) and read by that reader, so its checks and messages apply.
//!
//! Dates as people write them in tables: day and month in either order, a two-digit year by the
//! spreadsheets' pivot (00–29 are 2000–2029, 30–99 are 1930–1999, said in a warning), a time of
//! day on a 24- or 12-hour clock with or without seconds (read by `chrono`'s format parsing),
//! Persian and Arabic-Indic digits, and dates in the Solar Hijri or Hijri calendar (the date as
//! written kept beside the Gregorian one). A local time the zone's clocks skip or repeat is
//! resolved by `io::local_time` and said in a warning.

use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;

use super::calendar::{Calendar, gregorian_of};
use super::csv_table::delimiter_of;
use super::error::{LoadError, Location, Problem};

/// How the table writes its dates.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize,
)]
pub enum DateOrder {
    /// As the files do: EDTF and ISO 8601 (`2018-03-04`, `2018-03`, `2018~`).
    #[default]
    AsWritten,
    /// Day, month, year: `04/03/2018`, `4.3.2018` (most of the world).
    DayMonthYear,
    /// Month, day, year: `03/04/2018` (the United States).
    MonthDayYear,
    /// The Solar Hijri calendar, year/month/day or day/month/year: `1403/01/01` (Iran,
    /// Afghanistan), shown in Gregorian.
    SolarHijri,
    /// The Hijri calendar (Umm al-Qura), year/month/day or day/month/year: `1445/09/01`, shown
    /// in Gregorian.
    Hijri,
}

impl DateOrder {
    /// Every order, for the dialog.
    pub const ALL: [Self; 5] = [
        Self::AsWritten,
        Self::DayMonthYear,
        Self::MonthDayYear,
        Self::SolarHijri,
        Self::Hijri,
    ];

    /// In words, for the dialog.
    pub fn words(self) -> &'static str {
        match self {
            Self::AsWritten => "as written (2018-03-04, 2018-03, 2018~)",
            Self::DayMonthYear => "day/month/year (04/03/2018)",
            Self::MonthDayYear => "month/day/year (03/04/2018)",
            Self::SolarHijri => "Solar Hijri (1403/01/01: Iran, Afghanistan)",
            Self::Hijri => "Hijri, Umm al-Qura (1445/09/01)",
        }
    }

    /// The calendar the dates are in, when it is not the Gregorian.
    fn calendar(self) -> Option<Calendar> {
        match self {
            Self::SolarHijri => Some(Calendar::SolarHijri),
            Self::Hijri => Some(Calendar::Hijri),
            _ => None,
        }
    }
}

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

/// What was read in a way the user should know of, for the warnings of a mapped table.
#[derive(Debug, Default)]
pub(super) struct DateNotes {
    /// How many dates had a two-digit year, and the first (as written, as read).
    two_digit_years: usize,
    first_two_digit: Option<(String, String)>,
    /// Local times the clocks skipped or showed twice, in words (the first few), and how many.
    shifted: usize,
    first_shifted: Vec<String>,
}

impl DateNotes {
    /// How many shifted times are given as examples.
    const SHIFTED_SHOWN: usize = 3;

    /// The warnings, one for each kind of note.
    fn into_problems(self) -> Vec<Problem> {
        let mut problems = Vec::new();
        if let Some((written, read)) = self.first_two_digit {
            problems.push(Problem {
                location: None,
                field: None,
                message: format!(
                    "{} date{} written with a two-digit year, read as spreadsheets do: 00–29 as \
                     2000–2029, 30–99 as 1930–1999 (\"{written}\" is {read}). Write the year in \
                     four digits where that is wrong.",
                    self.two_digit_years,
                    if self.two_digit_years == 1 { "" } else { "s" }
                ),
            });
        }
        if self.shifted > 0 {
            let more = self.shifted.saturating_sub(self.first_shifted.len());
            problems.push(Problem {
                location: None,
                field: None,
                message: format!(
                    "{} time{} of day where the clocks change: {}{}",
                    self.shifted,
                    if self.shifted == 1 { "" } else { "s" },
                    self.first_shifted.join("; "),
                    if more > 0 {
                        format!("; and {more} more")
                    } else {
                        String::new()
                    }
                ),
            });
        }
        problems
    }
}

/// Persian (۰–۹) and Arabic-Indic (٠–٩) digits as ASCII, so `۱۴۰۳/۰۱/۰۱` reads as `1403/01/01`.
fn ascii_digits(text: &str) -> std::borrow::Cow<'_, str> {
    if text.is_ascii() {
        return std::borrow::Cow::Borrowed(text);
    }
    let digit = |c: char, zero: char| char::from_digit(u32::from(c) - u32::from(zero), 10);
    text.chars()
        .map(|c| match c {
            '٠'..='٩' => digit(c, '٠').unwrap_or(c),
            '۰'..='۹' => digit(c, '۰').unwrap_or(c),
            other => other,
        })
        .collect()
}

/// The forms of a time of day a table may hold (24-hour or 12-hour clock, hours unpadded,
/// seconds optional), each with whether it has seconds, tried in turn by `chrono`.
const CLOCKS: [(&str, bool); 6] = [
    ("%H:%M:%S%.f", true),
    ("%H:%M", false),
    ("%I:%M:%S%.f %p", true),
    ("%I:%M %p", false),
    ("%I:%M:%S%.f%p", true),
    ("%I:%M%p", false),
];

/// A time of day as a table writes it (`9:05`, `2:05 PM`, `7 pm`, `14:05:30`) in ISO 8601
/// (`09:05`, `14:05`, `19:00`, `14:05:30`), or `None` (a time with its own offset, or no time).
fn clock(text: &str) -> Option<String> {
    let text = text.trim();
    // An hour alone on a 12-hour clock (`7 PM`): chrono needs the minutes.
    let lower = text.to_ascii_lowercase();
    let hour_only =
        (lower.ends_with("am") || lower.ends_with("pm")) && !text.contains(':') && text.len() > 2;
    let text = if hour_only {
        let (hour, half) = text.split_at(text.len() - 2);
        format!("{}:00 {half}", hour.trim())
    } else {
        text.to_owned()
    };
    CLOCKS.iter().find_map(|&(form, has_seconds)| {
        chrono::NaiveTime::parse_from_str(&text, form)
            .ok()
            .map(|t| {
                t.format(if has_seconds { "%H:%M:%S" } else { "%H:%M" })
                    .to_string()
            })
    })
}

/// `04/03/2018` (or with `.` or `-`, and a time after a space or `T`) in `order` as ISO, a
/// calendar's date as its Gregorian day; anything else as it is (the reader then says what is
/// wrong with it). Two-digit years are noted in `notes`.
fn iso(value: &str, order: DateOrder, notes: &mut DateNotes) -> String {
    let written = value.trim();
    let value = ascii_digits(written);
    let value = value.as_ref();
    if value.is_empty() {
        return value.to_owned();
    }
    let (date, time) = match value.split_once([' ', 'T']) {
        Some((d, t)) => (d, Some(t.trim())),
        None => (value, None),
    };
    let with_time = |day: String| match time {
        Some(t) if !t.is_empty() => format!("{day}T{}", clock(t).as_deref().unwrap_or(t)),
        _ => day,
    };
    if order == DateOrder::AsWritten {
        // ISO dates are left to the reader; only a time of day it would refuse (unpadded, on a
        // 12-hour clock) is rewritten.
        let is_iso_clock = |t: &str| {
            t.contains('.')
                || t.split(':')
                    .all(|p| p.len() == 2 && p.bytes().all(|c| c.is_ascii_digit()))
        };
        return match (chrono::NaiveDate::parse_from_str(date, "%Y-%m-%d"), time) {
            (Ok(_), Some(t)) if date.len() == 10 && !is_iso_clock(t) => match clock(t) {
                Some(t) => format!("{date}T{t}"),
                None => written.to_owned(),
            },
            _ => written.to_owned(),
        };
    }
    let parts: Vec<&str> = date.split(['/', '.', '-']).collect();
    let [a, b, c] = parts.as_slice() else {
        return written.to_owned();
    };
    let all_digits = |s: &str| !s.is_empty() && s.bytes().all(|c| c.is_ascii_digit());
    if !(all_digits(a) && all_digits(b) && all_digits(c)) {
        return written.to_owned();
    }
    if let Some(calendar) = order.calendar() {
        // Year first (1403/01/01, as Iran and Afghanistan write it) or last (01/01/1403).
        let (y, m, d) = if a.len() >= 3 { (a, b, c) } else { (c, b, a) };
        let (Ok(y), Ok(m), Ok(d)) = (y.parse::<i32>(), m.parse::<u8>(), d.parse::<u8>()) else {
            return written.to_owned();
        };
        return match gregorian_of(calendar, y, m, d) {
            Some(day) if y >= 100 => with_time(day.format("%Y-%m-%d").to_string()),
            _ => written.to_owned(),
        };
    }
    let (d, m, y) = match order {
        DateOrder::DayMonthYear => (a, b, c),
        _ => (b, a, c),
    };
    if d.len() > 2 || m.len() > 2 {
        return written.to_owned();
    }
    let y = if y.len() == 2 {
        // The pivot of spreadsheets (Excel, LibreOffice): 00–29 are 2000–2029, 30–99 1930–1999.
        let century = if *y < "30" { "20" } else { "19" };
        let year = format!("{century}{y}");
        notes.two_digit_years += 1;
        if notes.first_two_digit.is_none() {
            notes.first_two_digit = Some((written.to_owned(), format!("{year}-{m:0>2}-{d:0>2}")));
        }
        year
    } else {
        (*y).to_owned()
    };
    with_time(format!("{y:0>4}-{m:0>2}-{d:0>2}"))
}

/// An ISO date and time of day with no offset (`2018-03-04T14:05`), written on the clocks of
/// `zone`, as the same instant in UTC, to the same precision; anything else as it is (a date
/// alone is a calendar day in every zone, and a time with its own offset says where it is).
/// A time the clocks skipped is moved forward by the gap, one they showed twice is the earlier.
pub(super) fn from_zone(value: String, zone: Option<chrono_tz::Tz>) -> String {
    from_zone_noted(value, zone, &mut DateNotes::default())
}

/// As [`from_zone`], noting in `notes` a time the clocks skipped or showed twice.
fn from_zone_noted(value: String, zone: Option<chrono_tz::Tz>, notes: &mut DateNotes) -> String {
    let Some(tz) = zone else {
        return value;
    };
    let Some((date, time)) = value.split_once('T') else {
        return value;
    };
    let parts: Vec<&str> = time.split(':').collect();
    let numbers: Option<Vec<u32>> = parts
        .iter()
        .map(|p| (p.len() == 2).then(|| p.parse().ok()).flatten())
        .collect();
    let (Some(numbers), Ok(day)) = (numbers, chrono::NaiveDate::parse_from_str(date, "%Y-%m-%d"))
    else {
        return value;
    };
    let at = |i: usize| numbers.get(i).copied().unwrap_or(0);
    let Some((utc, said)) = day
        .and_hms_opt(at(0), at(1), at(2))
        .and_then(|l| super::local_time::utc_of_local(l, tz))
    else {
        return value;
    };
    if let Some(said) = said {
        notes.shifted += 1;
        if notes.first_shifted.len() < DateNotes::SHIFTED_SHOWN {
            notes
                .first_shifted
                .push(said.words(&value.replace('T', " "), tz));
        }
    }
    match numbers.len() {
        1 => utc.format("%Y-%m-%dT%H").to_string(),
        2 => utc.format("%Y-%m-%dT%H:%M").to_string(),
        _ => utc.format("%Y-%m-%dT%H:%M:%S").to_string(),
    }
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

#[cfg(test)]
mod tests {
    use super::{DateNotes, DateOrder, Mapping, from_zone, iso, to_swimline_csv};

    #[test]
    fn times_of_day_in_the_mapping_s_zone_become_utc_and_dates_stay_days() {
        let kyiv = "Europe/Kyiv".parse::<chrono_tz::Tz>().ok();
        let z = |v: &str| from_zone(v.to_owned(), kyiv);
        // Summer (UTC+3) and winter (UTC+2), to the precision written.
        assert_eq!(z("2017-09-24T19:01:01"), "2017-09-24T16:01:01");
        assert_eq!(z("2018-01-15T14:05"), "2018-01-15T12:05");
        assert_eq!(z("2018-01-15T01"), "2018-01-14T23");
        // A date alone, a time with its own offset, and text that is no time stay as they are.
        assert_eq!(z("2018-01-15"), "2018-01-15");
        assert_eq!(z("2018-01-15T14:05Z"), "2018-01-15T14:05Z");
        assert_eq!(z("2018-01-15T14:05+05:00"), "2018-01-15T14:05+05:00");
        assert_eq!(z("around noon"), "around noon");
        assert_eq!(
            from_zone("2018-01-15T14:05".to_owned(), None),
            "2018-01-15T14:05"
        );

        let m: Mapping = "title=What,start=When,zone=Europe/Kyiv"
            .parse()
            .unwrap_or_default();
        assert_eq!(m.zone.as_deref(), Some("Europe/Kyiv"));
        assert_eq!(m.to_string(), "title=What,start=When,zone=Europe/Kyiv");
        assert!(
            "title=A,start=B,zone=Mars/Olympus"
                .parse::<Mapping>()
                .is_err_and(|e| e.contains("expected an IANA time zone"))
        );
        // The mapping's zone wins over --tz; without one, --tz applies.
        let table = "What,When\nCall,24.09.2017 19:01\n";
        let dmy = Mapping {
            dates: DateOrder::DayMonthYear,
            ..m.clone()
        };
        let (out, _) =
            to_swimline_csv("t.csv", table, &dmy, Some("Asia/Tokyo")).unwrap_or_default();
        assert!(out.contains("2017-09-24T16:01"), "{out}");
        let no_zone = Mapping { zone: None, ..dmy };
        let (out, _) =
            to_swimline_csv("t.csv", table, &no_zone, Some("Asia/Tokyo")).unwrap_or_default();
        assert!(out.contains("2017-09-24T10:01"), "{out}");
    }

    #[test]
    fn a_mapping_reads_and_writes_as_the_command_line_has_it() {
        let m: Mapping = "title=Headline, start=Date, lanes=Who+Where, dates=DMY"
            .parse()
            .unwrap_or_default();
        assert_eq!(m.title, "Headline");
        assert_eq!(m.lanes, ["Who", "Where"]);
        assert_eq!(m.dates, DateOrder::DayMonthYear);
        assert_eq!(
            m.to_string(),
            "title=Headline,start=Date,lanes=Who+Where,dates=DMY"
        );
        assert_eq!(m.to_string().parse::<Mapping>(), Ok(m));
        assert!(
            "title=A"
                .parse::<Mapping>()
                .is_err_and(|e| e.contains("start=COLUMN"))
        );
        assert!(
            "title=A,start=B,colour=C"
                .parse::<Mapping>()
                .is_err_and(|e| e.contains("\"colour\" is not a role"))
        );
        assert!("title=A,start=B,dates=YDM".parse::<Mapping>().is_err());
    }

    /// `value` read in `order`, with the notes taken.
    fn read(value: &str, order: DateOrder) -> (String, DateNotes) {
        let mut notes = DateNotes::default();
        (iso(value, order, &mut notes), notes)
    }

    fn iso1(value: &str, order: DateOrder) -> String {
        read(value, order).0
    }

    #[test]
    fn dates_in_the_order_the_table_writes_them() {
        assert_eq!(iso1("04/03/2018", DateOrder::DayMonthYear), "2018-03-04");
        assert_eq!(iso1("04/03/2018", DateOrder::MonthDayYear), "2018-04-03");
        assert_eq!(
            iso1("4.3.2018 14:05", DateOrder::DayMonthYear),
            "2018-03-04T14:05"
        );
        assert_eq!(iso1("2018-03-04", DateOrder::AsWritten), "2018-03-04");
        assert_eq!(
            iso1("March 2018", DateOrder::DayMonthYear),
            "March 2018",
            "left for the reader to refuse"
        );
    }

    #[test]
    fn two_digit_years_by_the_spreadsheets_pivot_with_a_note() {
        // 30–99 are the 1900s, 00–29 the 2000s (the bug: 12/31/97 was 31 Dec 2097).
        let (day, notes) = read("12/31/97", DateOrder::MonthDayYear);
        assert_eq!(day, "1997-12-31");
        assert_eq!(notes.two_digit_years, 1);
        assert_eq!(iso1("31/12/29", DateOrder::DayMonthYear), "2029-12-31");
        assert_eq!(iso1("1.1.30", DateOrder::DayMonthYear), "1930-01-01");
        assert_eq!(iso1("01/01/00", DateOrder::DayMonthYear), "2000-01-01");
        let mut notes = DateNotes::default();
        for v in ["12/31/97", "1/2/05", "3/4/2018"] {
            iso(v, DateOrder::MonthDayYear, &mut notes);
        }
        let problems = notes.into_problems();
        assert_eq!(problems.len(), 1);
        let said = &problems[0].message;
        assert!(
            said.starts_with("2 dates written with a two-digit year"),
            "{said}"
        );
        assert!(
            said.contains("00–29 as 2000–2029, 30–99 as 1930–1999"),
            "{said}"
        );
        assert!(said.contains("\"12/31/97\" is 1997-12-31"), "{said}");
        // Four-digit years say nothing.
        assert!(
            read("3/4/2018", DateOrder::MonthDayYear)
                .1
                .into_problems()
                .is_empty()
        );
    }

    #[test]
    fn times_of_day_on_either_clock_unpadded_with_or_without_seconds() {
        let mdy = DateOrder::MonthDayYear;
        assert_eq!(iso1("3/4/2018 9:05", mdy), "2018-03-04T09:05");
        assert_eq!(iso1("3/4/2018 2:05 PM", mdy), "2018-03-04T14:05");
        assert_eq!(iso1("3/4/2018 2:05pm", mdy), "2018-03-04T14:05");
        assert_eq!(iso1("3/4/2018 12:05 AM", mdy), "2018-03-04T00:05");
        assert_eq!(iso1("3/4/2018 12:30:15 PM", mdy), "2018-03-04T12:30:15");
        assert_eq!(iso1("3/4/2018 7 PM", mdy), "2018-03-04T19:00");
        assert_eq!(iso1("3/4/2018 14:05:30", mdy), "2018-03-04T14:05:30");
        assert_eq!(iso1("3/4/2018 14:05:30.250", mdy), "2018-03-04T14:05:30");
        // A time with its own offset is left for the reader, as are impossible times.
        assert_eq!(iso1("3/4/2018 14:05Z", mdy), "2018-03-04T14:05Z");
        assert_eq!(iso1("3/4/2018 25:05", mdy), "2018-03-04T25:05");
        assert_eq!(iso1("3/4/2018 13:05 PM", mdy), "2018-03-04T13:05 PM");
        // ISO dates with a time the reader would refuse.
        assert_eq!(
            iso1("2018-03-04 9:05", DateOrder::AsWritten),
            "2018-03-04T09:05"
        );
        assert_eq!(
            iso1("2018-03-04 2:05 PM", DateOrder::AsWritten),
            "2018-03-04T14:05"
        );
        assert_eq!(
            iso1("2018-03-04T14:05+02:00", DateOrder::AsWritten),
            "2018-03-04T14:05+02:00"
        );
    }

    #[test]
    fn solar_hijri_and_hijri_dates_become_gregorian_days() {
        let persian = DateOrder::SolarHijri;
        assert_eq!(iso1("1403/01/01", persian), "2024-03-20");
        assert_eq!(iso1("۱۴۰۳/۰۱/۰۱", persian), "2024-03-20", "Persian digits");
        assert_eq!(iso1("1/1/1403", persian), "2024-03-20", "day first");
        assert_eq!(iso1("1403-01-01 9:30", persian), "2024-03-20T09:30");
        assert_eq!(iso1("1402/07/31", persian), "1402/07/31", "no 31 Mehr");
        let hijri = DateOrder::Hijri;
        assert_eq!(iso1("1445/09/01", hijri), "2024-03-11");
        assert_eq!(
            iso1("١٤٤٥/٠٩/٠١", hijri),
            "2024-03-11",
            "Arabic-Indic digits"
        );
        assert_eq!(iso1("10/12/1444", hijri), "2023-06-28");
        let m: Mapping = "title=A,start=B,dates=persian".parse().unwrap_or_default();
        assert_eq!(m.dates, DateOrder::SolarHijri);
        assert_eq!(m.to_string(), "title=A,start=B,dates=persian");
        let m: Mapping = "title=A,start=B,dates=Hijri".parse().unwrap_or_default();
        assert_eq!(m.to_string().parse::<Mapping>(), Ok(m));

        // In a table: the Gregorian day, and the date as written kept beside it.
        let table = "Title,Date\nNowruz,1403/01/01\n";
        let m: Mapping = "title=Title,start=Date,dates=persian"
            .parse()
            .unwrap_or_default();
        let (out, notes) = to_swimline_csv("t.csv", table, &m, None).unwrap_or_default();
        assert!(notes.is_empty());
        assert_eq!(
            out,
            "title,start,end,actors,kind,description,source,Date (as written)\n\
             Nowruz,2024-03-20,,,,,,1403/01/01\n"
        );
    }

    #[test]
    fn a_mapped_table_says_where_the_clocks_skip_or_repeat() {
        let table = "What,When\nA,28.03.2021 02:30\nB,31.10.2021 02:30\nC,01.07.2021 12:00\n";
        let m: Mapping = "title=What,start=When,dates=DMY,zone=Europe/Berlin"
            .parse()
            .unwrap_or_default();
        let (out, notes) = to_swimline_csv("t.csv", table, &m, None).unwrap_or_default();
        // The gap: moved forward (03:30 CEST = 01:30 UTC); the overlap: the earlier (CEST).
        assert!(out.contains("A,2021-03-28T01:30,"), "{out}");
        assert!(out.contains("B,2021-10-31T00:30,"), "{out}");
        assert!(out.contains("C,2021-07-01T10:00,"), "{out}");
        assert_eq!(notes.len(), 1);
        let said = &notes[0].message;
        assert!(
            said.starts_with("2 times of day where the clocks change"),
            "{said}"
        );
        assert!(
            said.contains("2021-03-28 02:30 does not exist in Europe/Berlin"),
            "{said}"
        );
        assert!(said.contains("2021-10-31 02:30 happened twice"), "{said}");
    }
}
