//! Any other table: which of its columns hold the title, the start, the end, the lanes (one or
//! several columns), the kind, the description and the source, and how its dates are written.
//! A [`Mapping`] comes from the mapping dialog or the command line
//! (`--map title=Headline,start=Date,lanes=Who+Where,dates=DMY`) and is remembered for that
//! header. The table is then rewritten as Swimline CSV (the mapped columns first, every other
//! column kept as an attribute) and read by that reader, so its checks and messages apply.

use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;

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
}

impl DateOrder {
    /// Every order, for the dialog.
    pub const ALL: [Self; 3] = [Self::AsWritten, Self::DayMonthYear, Self::MonthDayYear];

    /// In words, for the dialog.
    pub fn words(self) -> &'static str {
        match self {
            Self::AsWritten => "as written (2018-03-04, 2018-03, 2018~)",
            Self::DayMonthYear => "day/month/year (04/03/2018)",
            Self::MonthDayYear => "month/day/year (03/04/2018)",
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
    /// source=By,dates=DMY` (`dates` is `ISO`, `DMY` or `MDY`).
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
                        other => return Err(format!("dates={other}: expected ISO, DMY or MDY")),
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

/// `04/03/2018` (or with `.` or `-`, and a time after a space or `T`) in `order` as ISO;
/// anything else as it is (the reader then says what is wrong with it).
fn iso(value: &str, order: DateOrder) -> String {
    let value = value.trim();
    if order == DateOrder::AsWritten || value.is_empty() {
        return value.to_owned();
    }
    let (date, time) = match value.split_once([' ', 'T']) {
        Some((d, t)) => (d, Some(t.trim())),
        None => (value, None),
    };
    let parts: Vec<&str> = date.split(['/', '.', '-']).collect();
    let [a, b, y] = parts.as_slice() else {
        return value.to_owned();
    };
    let (d, m) = match order {
        DateOrder::DayMonthYear => (a, b),
        _ => (b, a),
    };
    let all_digits = |s: &str| !s.is_empty() && s.bytes().all(|c| c.is_ascii_digit());
    if !(all_digits(d) && all_digits(m) && all_digits(y)) || d.len() > 2 || m.len() > 2 {
        return value.to_owned();
    }
    let y = if y.len() == 2 {
        format!("20{y}")
    } else {
        (*y).to_owned()
    };
    let day = format!("{y:0>4}-{m:0>2}-{d:0>2}");
    match time {
        Some(t) if !t.is_empty() => format!("{day}T{t}"),
        _ => day,
    }
}

/// An ISO date and time of day with no offset (`2018-03-04T14:05`), written on the clocks of
/// `zone`, as the same instant in UTC, to the same precision; anything else as it is (a date
/// alone is a calendar day in every zone, and a time with its own offset says where it is).
pub(super) fn from_zone(value: String, zone: Option<chrono_tz::Tz>) -> String {
    use chrono::TimeZone as _;
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
    let local = day.and_hms_opt(at(0), at(1), at(2));
    let Some(utc) = local
        .and_then(|l| tz.from_local_datetime(&l).earliest())
        .map(|t| t.naive_utc())
    else {
        return value;
    };
    match numbers.len() {
        1 => utc.format("%Y-%m-%dT%H").to_string(),
        2 => utc.format("%Y-%m-%dT%H:%M").to_string(),
        _ => utc.format("%Y-%m-%dT%H:%M:%S").to_string(),
    }
}

/// `text` (a delimited table with a header) rewritten as Swimline CSV by `mapping`; times of
/// day without an offset are in the mapping's zone, else in `default_zone` (`--tz`), else UTC.
pub(super) fn to_swimline_csv(
    file: &str,
    text: &str,
    mapping: &Mapping,
    default_zone: Option<&str>,
) -> Result<String, LoadError> {
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
            .ok_or_else(|| {
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
            })
    };
    let c_title = column("title", &mapping.title)?;
    let c_start = column("start", &mapping.start)?;
    let optional =
        |role: &str, name: &Option<String>| name.as_deref().map(|n| column(role, n)).transpose();
    let c_end = optional("end", &mapping.end)?;
    let c_kind = optional("kind", &mapping.kind)?;
    let c_description = optional("description", &mapping.description)?;
    let c_source = optional("source", &mapping.source)?;
    let c_lanes = mapping
        .lanes
        .iter()
        .map(|l| column("lanes", l))
        .collect::<Result<Vec<_>, _>>()?;
    let mapped: Vec<usize> = [Some(c_title), Some(c_start), c_end, c_description, c_source]
        .into_iter()
        .flatten()
        .chain(c_lanes.iter().copied())
        .collect();
    // Every other column is kept as an attribute (the kind's too, as written), under its name.
    let others: Vec<usize> = (0..header.len()).filter(|i| !mapped.contains(i)).collect();
    let mut out = csv::WriterBuilder::new()
        .flexible(true)
        .from_writer(Vec::new());
    let mut names = vec![
        "title",
        "start",
        "end",
        "actors",
        "kind",
        "description",
        "source",
    ]
    .into_iter()
    .map(str::to_owned)
    .collect::<Vec<_>>();
    names.extend(others.iter().map(|&i| {
        let name = &header[i];
        // A column that would read as one of Swimline's own is kept under another name.
        if [
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
        ]
        .contains(&name.to_lowercase().as_str())
        {
            format!("{name} (column)")
        } else {
            name.clone()
        }
    }));
    let _ = out.write_record(&names);
    for record in reader.records() {
        let Ok(record) = record else {
            continue;
        };
        let get = |i: usize| record.get(i).map_or("", str::trim);
        let lanes: Vec<&str> = c_lanes
            .iter()
            .map(|&i| get(i))
            .filter(|v| !v.is_empty())
            .collect();
        let kind = c_kind.map(get).unwrap_or_default().to_lowercase();
        let kind = if crate::model::EventKind::ALL
            .iter()
            .any(|k| k.name() == kind)
        {
            kind
        } else {
            String::new()
        };
        let mut row = vec![
            get(c_title).to_owned(),
            from_zone(iso(get(c_start), mapping.dates), zone),
            c_end
                .map(|c| from_zone(iso(get(c), mapping.dates), zone))
                .unwrap_or_default(),
            lanes.join(";"),
            kind,
            c_description.map(get).unwrap_or_default().to_owned(),
            c_source.map(get).unwrap_or_default().to_owned(),
        ];
        row.extend(others.iter().map(|&i| get(i).to_owned()));
        let _ = out.write_record(&row);
    }
    Ok(String::from_utf8(out.into_inner().unwrap_or_default()).unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::{DateOrder, Mapping, from_zone, iso, to_swimline_csv};

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
        let out = to_swimline_csv("t.csv", table, &dmy, Some("Asia/Tokyo")).unwrap_or_default();
        assert!(out.contains("2017-09-24T16:01"), "{out}");
        let no_zone = Mapping { zone: None, ..dmy };
        let out = to_swimline_csv("t.csv", table, &no_zone, Some("Asia/Tokyo")).unwrap_or_default();
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

    #[test]
    fn dates_in_the_order_the_table_writes_them() {
        assert_eq!(iso("04/03/2018", DateOrder::DayMonthYear), "2018-03-04");
        assert_eq!(iso("04/03/2018", DateOrder::MonthDayYear), "2018-04-03");
        assert_eq!(
            iso("4.3.2018 14:05", DateOrder::DayMonthYear),
            "2018-03-04T14:05"
        );
        assert_eq!(iso("2018-03-04", DateOrder::AsWritten), "2018-03-04");
        assert_eq!(
            iso("March 2018", DateOrder::DayMonthYear),
            "March 2018",
            "left for the reader to refuse"
        );
    }
}
