//! Timesketch forensic timelines, CSV or JSONL: `message` (the title), `datetime` (ISO 8601 with
//! an offset) or `timestamp` (microseconds since 1970), and `timestamp_desc` (the lane). Every
//! other field is kept as an attribute.
//!
//! A datetime without a time zone is read as UTC, with a warning. A datetime that cannot be read
//! falls back to the timestamp, with a warning; a row with neither is skipped and listed.

use serde_json::Value;

use super::csv_table::Table;
use super::draft::{Imported, Lanes, Origins, Record as RecordName, RecordOrigin, content_id};
use super::error::{LoadError, Location, Problem};
use super::options::LoadOptions;
use super::vis_timeline::second_precision;
use crate::model::dataset::LanesWord;
use crate::model::{
    Endpoint, EventDraft, EventKind, EventsDraft, FuzzyDate, Precision, TimeSpec, Timestamp,
};

/// One record, as text.
struct Record {
    message: String,
    datetime: String,
    timestamp: String,
    desc: String,
    attributes: Vec<(String, String)>,
}

/// What a record's `timestamp` counts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum StampUnit {
    /// Microseconds since 1970, always: Plaso documents it so for every output it writes
    /// (`-o json`, `json_line`, `dynamic`). A cookie expiring in 9999 (253390508788000000 µs)
    /// was read as nanoseconds by its size and drawn in 1978.
    Microseconds,
    /// Timesketch documents microseconds, but its own importer and test files also take
    /// seconds and milliseconds: told apart by size, and said in a warning when it was not
    /// microseconds.
    BySize,
}

impl StampUnit {
    /// The unit of a reader whose lanes are by `default_lane`: Plaso's readers lane by
    /// `parser` or `source`, Timesketch's by `timestamp_desc`.
    fn of_reader(default_lane: &str) -> Self {
        if default_lane == "timestamp_desc" {
            Self::BySize
        } else {
            Self::Microseconds
        }
    }
}

/// The time of a record, and a warning when it had to guess.
fn time_of(
    r: &Record,
    zone: Option<chrono_tz::Tz>,
    unit: StampUnit,
) -> Result<(FuzzyDate, Option<String>), String> {
    // Plaso writes a time it does not have as 0 or a date of zeros: not an event in 1970.
    let zero_date = r.datetime.starts_with("0000-00-00");
    let zero_stamp = r.timestamp.trim() == "0" || r.timestamp.trim() == "0.0";
    if zero_date || (r.datetime.is_empty() && zero_stamp) {
        return Err(format!(
            "the time is not set ({})",
            if zero_date {
                format!("datetime \"{}\"", r.datetime)
            } else {
                "timestamp 0".to_owned()
            }
        ));
    }
    if !r.datetime.is_empty() {
        match parse_datetime(&r.datetime) {
            Ok((date, true)) => return Ok((date, None)),
            Ok((date, false)) if zone.is_some() => return Ok(in_zone(date, zone)),
            Ok((date, false)) => {
                return Ok((
                    date,
                    Some(format!(
                        "datetime \"{}\" has no time zone: read as UTC",
                        r.datetime
                    )),
                ));
            }
            Err(e) => {
                if let Ok((date, _)) = parse_timestamp(&r.timestamp, unit) {
                    return Ok((
                        date,
                        Some(format!(
                            "datetime \"{}\" cannot be read ({e}); used the timestamp {} instead",
                            r.datetime, r.timestamp
                        )),
                    ));
                }
                return Err(format!("datetime \"{}\": {e}", r.datetime));
            }
        }
    }
    parse_timestamp(&r.timestamp, unit)
        .map(|(d, guessed)| {
            let said = guessed.map(|unit| {
                format!(
                    "timestamp {} read as {unit} since 1970 (by its size; the format's own unit is microseconds)",
                    r.timestamp.trim()
                )
            });
            (d, said)
        })
        .map_err(|e| format!("timestamp: {e}"))
}

/// `2015-07-24T19:01:01+00:00`, `…+0000`, `… 19:01:01Z`, fractions allowed. Returns the date and
/// whether it carried a zone.
fn parse_datetime(text: &str) -> Result<(FuzzyDate, bool), String> {
    let (date, clock) = text
        .split_once(['T', ' '])
        .ok_or("expected a date and a time, as 2015-07-24T19:01:01+00:00")?;
    if date.len() != 10 {
        return Err("expected a date as YYYY-MM-DD".to_owned());
    }
    let has_zone = clock.ends_with(['Z', 'z']) || clock.contains(['+', '-']);
    let parsed: FuzzyDate = format!("{date}T{clock}")
        .parse()
        .map_err(|e: crate::model::date::DateParseError| e.message)?;
    Ok((parsed, has_zone))
}

/// A `timestamp` in `unit`; by size, seconds, milliseconds, microseconds or nanoseconds since
/// 1970. Returns the date (to the second, millisecond, microsecond or nanosecond, as the unit
/// counts) and, when the size chose a unit other than microseconds, its name.
fn parse_timestamp(
    text: &str,
    unit: StampUnit,
) -> Result<(FuzzyDate, Option<&'static str>), String> {
    let n: i64 = text
        .trim()
        .parse()
        .map_err(|_| format!("expected a whole number, found \"{text}\""))?;
    let (per_sec, guessed) = match unit {
        StampUnit::Microseconds => (1_000_000, None),
        StampUnit::BySize => match n.unsigned_abs().to_string().len() {
            0..=11 => (1, Some("seconds")),
            12..=14 => (1_000, Some("milliseconds")),
            15..=17 => (1_000_000, None),
            _ => (1_000_000_000, Some("nanoseconds")),
        },
    };
    Ok((of_count(n, per_sec), guessed))
}

/// The date of `count` units of `1 / per_sec` seconds since 1970 (`per_sec` 1, 1,000,
/// 1,000,000 or 1,000,000,000), to that unit.
///
/// A count on a whole second is read to the second: Plaso writes every time in microseconds,
/// also those its source knew only to the second (`time_elements_tuple: [2012, 1, 22, 7, 52,
/// 33]` is `1327218753000000`), and `.000000` would claim a precision the source never had.
fn of_count(count: i64, per_sec: i64) -> FuzzyDate {
    let secs = count.div_euclid(per_sec);
    let part = count.rem_euclid(per_sec);
    let (nanos, precision) = match per_sec {
        _ if part == 0 => (0, Precision::Second),
        1_000 => (part * 1_000_000, Precision::Millisecond),
        1_000_000 => (part * 1_000, Precision::Microsecond),
        1_000_000_000 => (part, Precision::Nanosecond),
        _ => (0, Precision::Second),
    };
    FuzzyDate {
        nanos: u32::try_from(nanos).unwrap_or(0),
        precision,
        ..second_precision(Timestamp(secs).civil())
    }
}

/// A time read as UTC that was written in `zone`'s local time, as UTC (`--tz`), with a warning
/// when the clocks skipped it (moved forward by the gap) or showed it twice (the earlier).
fn in_zone(date: FuzzyDate, zone: Option<chrono_tz::Tz>) -> (FuzzyDate, Option<String>) {
    let Some(tz) = zone else {
        return (date, None);
    };
    let as_utc = date.bounds().earliest.0;
    let Some(local) = chrono::DateTime::from_timestamp(as_utc, 0).map(|t| t.naive_utc()) else {
        return (date, None);
    };
    match super::local_time::utc_of_local(local, tz) {
        Some((utc, said)) => (
            // The clocks move by whole minutes: the fraction of the second stays as written.
            FuzzyDate {
                nanos: date.nanos,
                precision: date.precision,
                ..second_precision(Timestamp(utc.and_utc().timestamp()).civil())
            },
            said.map(|s| s.words(&local.format("%Y-%m-%d %H:%M:%S").to_string(), tz)),
        ),
        None => (date, None),
    }
}

fn build(
    records: Vec<(Record, RecordOrigin)>,
    mut warnings: Vec<Problem>,
    zone: Option<chrono_tz::Tz>,
    unit: StampUnit,
) -> Imported {
    let mut lanes = Lanes::default();
    let mut events = EventsDraft::default();
    let mut origins = Origins::default();
    let mut units_said: Vec<&'static str> = Vec::new();
    for (r, origin) in records {
        let (date, warning) = match time_of(&r, zone, unit) {
            Ok(t) => t,
            Err(e) => {
                warnings.push(origin.problem(format!("skipped: {e}")));
                continue;
            }
        };
        if let Some(w) = warning {
            // A unit guessed by size is said once, at its first row: a file of a million
            // second timestamps gets one warning, not a million.
            let guessed = ["seconds", "milliseconds", "nanoseconds"]
                .into_iter()
                .find(|u| w.contains(&format!("read as {u} since 1970 (by its size")));
            match guessed {
                Some(u) if units_said.contains(&u) => {}
                Some(u) => {
                    units_said.push(u);
                    warnings.push(
                        origin.problem(format!("{w}; so is every later timestamp of its size")),
                    );
                }
                None => warnings.push(origin.problem(w)),
            }
        }
        let lane = if r.desc.is_empty() {
            "(empty)".to_owned()
        } else {
            r.desc
        };
        let lane = lanes.lane(&lane);
        let id = content_id(&[&r.message, &r.datetime, &r.timestamp, &lane]);
        events.push(EventDraft {
            id,
            title: if r.message.is_empty() {
                "(no message)".to_owned()
            } else {
                r.message
            },
            description: None,
            time: TimeSpec {
                start: Endpoint::Date(date),
                end: None,
            },
            actors: vec![lane],
            kind: EventKind::Action,
            source: None,
            tags: Vec::new(),
            attributes: r.attributes,
        });
        origins.push(origin);
    }
    sources(Imported::of_lanes(lanes, events, origins, warnings))
}

/// A forensic timeline's lanes are where its records came from (a log, a parser, a kind of
/// timestamp), not people: they are named "Sources", not "Actors".
pub(super) fn sources(mut imported: Imported) -> Imported {
    imported.draft.lanes_word = LanesWord::Sources;
    imported
}

/// Fields read into the event itself; every other one (including `timestamp_desc` when the
/// lanes come from another column) is kept as an attribute.
const CORE: [&str; 3] = ["message", "datetime", "timestamp"];

pub(super) fn parse_csv(table: Table<'_>, options: &LoadOptions) -> Result<Imported, LoadError> {
    parse_csv_lanes(table, options, "timestamp_desc")
}

/// As [`parse_csv`], with lanes by `default_lane` unless the user picked another column.
pub(super) fn parse_csv_lanes(
    mut table: Table<'_>,
    options: &LoadOptions,
    default_lane: &str,
) -> Result<Imported, LoadError> {
    let lane_column = options.lane_column.as_deref();
    let (c_message, c_datetime) = (table.column("message"), table.column("datetime"));
    let c_timestamp = table.column("timestamp");
    let mut warnings = Vec::new();
    let c_desc = match lane_column {
        Some(name) if table.column(name).is_some() => table.column(name),
        Some(name) => {
            warnings.push(missing_lane_column(name, default_lane));
            table.column(default_lane)
        }
        None => table.column(default_lane),
    };
    let extra: Vec<(usize, String)> = table
        .names
        .iter()
        .enumerate()
        .filter(|(i, n)| !CORE.contains(&n.to_lowercase().as_str()) && Some(*i) != c_desc)
        .map(|(i, n)| (i, n.clone()))
        .collect();
    let records: Vec<(Record, RecordOrigin)> = table
        .rows(&mut warnings)
        .map(|row| {
            let record = Record {
                message: row.get(c_message).to_owned(),
                datetime: row.get(c_datetime).to_owned(),
                timestamp: row.get(c_timestamp).to_owned(),
                desc: row.get(c_desc).to_owned(),
                attributes: row.attributes(&extra),
            };
            (record, row.origin())
        })
        .collect();
    Ok(build(
        records,
        warnings,
        options.zone(),
        StampUnit::of_reader(default_lane),
    ))
}

/// "there is no column NAME for lanes; lanes are by DEFAULT".
pub(super) fn missing_lane_column(name: &str, default_lane: &str) -> Problem {
    Problem {
        location: None,
        field: None,
        message: format!("there is no column \"{name}\" for lanes; lanes are by {default_lane}"),
    }
}

pub(super) fn parse_jsonl(
    file: &str,
    text: &str,
    options: &LoadOptions,
) -> Result<Imported, LoadError> {
    parse_jsonl_lanes(file, text, options, "timestamp_desc")
}

/// As [`parse_jsonl`], with lanes by `default_lane` unless the user picked another key.
pub(super) fn parse_jsonl_lanes(
    file: &str,
    text: &str,
    options: &LoadOptions,
    default_lane: &str,
) -> Result<Imported, LoadError> {
    let mut warnings = Vec::new();
    let mut objects = Vec::new();
    for (n, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let origin = RecordOrigin::new(
            Some(Location {
                line: n + 1,
                column: 0,
            }),
            RecordName::Line(u32::try_from(n + 1).unwrap_or(u32::MAX)),
        );
        match serde_json::from_str::<Value>(line) {
            Ok(Value::Object(o)) => objects.push((o, origin)),
            Ok(_) => warnings.push(Problem {
                location: origin.location(),
                field: None,
                message: "skipped: expected a JSON object".to_owned(),
            }),
            Err(e) => warnings.push(Problem {
                location: Some(Location {
                    line: n + 1,
                    column: e.column().max(1),
                }),
                field: None,
                message: format!(
                    "skipped: not JSON: {}",
                    super::json::strip_position(&e.to_string())
                ),
            }),
        }
    }
    if objects.is_empty() && warnings.is_empty() {
        return Err(LoadError::content(
            file,
            Problem {
                location: None,
                field: None,
                message: "no events: expected one JSON object per line".to_owned(),
            },
        ));
    }
    Ok(parse_objects(objects, options, default_lane, warnings))
}

/// Events from JSON objects (the lines of a JSONL file, or the `event_N` values of Plaso's
/// `-o json`), lanes by `default_lane` unless the user picked another key.
pub(super) fn parse_objects(
    objects: Vec<(serde_json::Map<String, Value>, RecordOrigin)>,
    options: &LoadOptions,
    default_lane: &str,
    mut warnings: Vec<Problem>,
) -> Imported {
    let lane_column = options.lane_column.as_deref();
    let mut lane_key_seen = false;
    let mut records = Vec::with_capacity(objects.len());
    for (object, origin) in objects {
        let text_of = |k: &str| match object.get(k) {
            Some(Value::String(s)) => s.trim().to_owned(),
            Some(Value::Number(x)) => x.to_string(),
            _ => String::new(),
        };
        let lane_key = lane_column
            .filter(|c| object.contains_key(*c))
            .unwrap_or(default_lane);
        let attributes = object
            .iter()
            .filter(|(k, _)| {
                !CORE.contains(&k.as_str()) && k.as_str() != lane_key && !k.starts_with("__")
            })
            .map(|(k, v)| {
                let value = match v {
                    Value::String(s) => s.clone(),
                    other => other.to_string(),
                };
                (k.clone(), value)
            })
            .collect();
        lane_key_seen |= lane_column.is_some_and(|c| object.contains_key(c));
        records.push((
            Record {
                message: text_of("message"),
                datetime: text_of("datetime"),
                timestamp: text_of("timestamp"),
                desc: text_of(lane_key),
                attributes,
            },
            origin,
        ));
    }
    if let Some(key) = lane_column.filter(|_| !lane_key_seen) {
        warnings.push(missing_lane_column(key, default_lane));
    }
    build(
        records,
        warnings,
        options.zone(),
        StampUnit::of_reader(default_lane),
    )
}

#[cfg(test)]
mod tests {
    use super::{StampUnit, parse_timestamp};
    use crate::model::Precision;

    /// A real file of others (`../shared/data/`, its provenance beside it), loaded.
    fn shared(name: &str) -> crate::model::Dataset {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../shared/data")
            .join(name);
        let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        crate::io::load_bytes(name, &bytes)
            .unwrap_or_else(|e| panic!("{e}"))
            .0
    }

    #[test]
    fn a_datetime_keeps_its_microseconds_as_written_and_in_words() {
        // Issue 23: `2012-03-14 04:17:38.276340+00:00` showed as `2012-03-14T04:17:38Z`.
        let csv = "message,datetime,timestamp_desc\n\
                   Logged,2012-03-14 04:17:38.276340+00:00,Time Logged\n\
                   Earlier,2012-03-14 04:17:38.276339+00:00,Time Logged\n";
        let (dataset, _, warnings) =
            crate::io::load_bytes("t.csv", csv.as_bytes()).unwrap_or_else(|e| panic!("{e}"));
        assert!(warnings.is_empty(), "{warnings:?}");
        let event = dataset.events.at(0);
        assert_eq!(event.time().to_string(), "2012-03-14T04:17:38.276340Z");
        let crate::model::Endpoint::Date(date) = &event.time().start else {
            panic!("{:?}", event.time());
        };
        assert_eq!(date.precision, Precision::Microsecond);
        assert_eq!(
            crate::model::words::time_words(&dataset, &event.time()),
            "14 March 2012, 04:17:38.276340 UTC, precise to the microsecond"
        );
        assert_eq!(event.when().describe(), "14 Mar 2012 04:17:38 UTC");
        // Lanes by timestamp_desc are kinds of record, not people.
        assert_eq!(
            dataset.lanes_word,
            crate::model::dataset::LanesWord::Sources
        );
        // The two events share a second; the written times order them.
        let other = dataset.events.at(1).time().to_string();
        assert!(other < event.time().to_string(), "{other}");
    }

    #[test]
    fn timestamps_keep_the_fraction_their_unit_counts() {
        let read = |text: &str, unit| {
            parse_timestamp(text, unit).map(|(d, guessed)| (d.to_string(), guessed))
        };
        assert_eq!(
            read("1331698658276340", StampUnit::Microseconds),
            Ok(("2012-03-14T04:17:38.276340Z".to_owned(), None))
        );
        assert_eq!(
            read("1658689261123", StampUnit::BySize),
            Ok(("2022-07-24T19:01:01.123Z".to_owned(), Some("milliseconds")))
        );
        assert_eq!(
            read("1658689261123456789", StampUnit::BySize),
            Ok((
                "2022-07-24T19:01:01.123456789Z".to_owned(),
                Some("nanoseconds")
            ))
        );
        // A count on a whole second was known to the second: no `.000000`.
        assert_eq!(
            read("1331698658000000", StampUnit::Microseconds),
            Ok(("2012-03-14T04:17:38Z".to_owned(), None))
        );
        // Before 1970 the fraction counts forward from the second before.
        assert_eq!(
            read("-1500000", StampUnit::Microseconds),
            Ok(("1969-12-31T23:59:58.500000Z".to_owned(), None))
        );
    }

    #[test]
    fn timesketchs_own_test_files_read_to_the_unit_they_count() {
        // `csv_timestamp_no_datetime.csv`: the same second in seconds, milliseconds and
        // microseconds.
        let dataset = shared("timesketch/csv_timestamp_no_datetime.csv");
        let written: Vec<String> = dataset
            .events
            .iter()
            .map(|e| e.time().to_string())
            .collect();
        assert_eq!(
            written,
            [
                "2022-07-24T19:01:01Z",
                "2022-07-24T19:01:01.123Z",
                "2022-07-24T19:01:01.123456Z"
            ]
        );
    }
}
