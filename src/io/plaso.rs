//! Plaso (log2timeline) output, as `psort` writes it. Three of its outputs are Timesketch's
//! shapes and are read by [`super::timesketch`] with lanes from another column: the dynamic CSV
//! (`datetime, timestamp_desc, source, source_long, message, parser, …`; lanes by `source`),
//! `json_line` (one event object a line; lanes by `parser`) and `-o json` (one object whose keys
//! are `event_0`, `event_1`, …; lanes by `parser`). The fourth, `l2tcsv`, is read here: 17
//! columns, `date` as MM/DD/YYYY, `time`, a `timezone` the two are in (converted to UTC with the
//! IANA database), `MACB`, `source` (the lane), `desc` (the title) and the rest as attributes.
//! A date of `00/00/0000` (or a timestamp of 0 in the others) means "not set": a warning, not an
//! event in 1970.

use serde_json::Value;

use super::csv_table::Table;
use super::draft::{Imported, Lanes, Origins, Record as RecordName, RecordOrigin, content_id};
use super::error::LoadError;
use super::error::{Location, Problem};
use super::options::LoadOptions;
use super::vis_timeline::second_precision;
use crate::model::{Endpoint, EventDraft, EventKind, EventsDraft, FuzzyDate, TimeSpec, Timestamp};

/// The l2tcsv columns read into the event itself.
const L2T_CORE: [&str; 4] = ["date", "time", "timezone", "desc"];

/// Whether a header is psort's l2tcsv.
pub(super) fn is_l2tcsv(table: &Table<'_>) -> bool {
    table.has_all(&["date", "time", "timezone", "macb", "source", "desc"])
}

/// Whether a header is psort's dynamic CSV.
pub(super) fn is_dynamic_csv(table: &Table<'_>) -> bool {
    table.has_all(&["datetime", "timestamp_desc", "source", "message", "parser"])
}

/// Whether the first object of a JSONL file is a psort `json_line` event.
pub(super) fn is_json_line(first: &str) -> bool {
    serde_json::from_str::<Value>(first).is_ok_and(|v| {
        v.get("__container_type__").is_some()
            || (v.get("parser").is_some() && v.get("data_type").is_some())
    })
}

/// The events of psort's `-o json`: an object whose keys are `event_0`, `event_1`, …; `None`
/// when `value` is not that.
pub(super) fn json_events(
    value: &Value,
) -> Option<Vec<(serde_json::Map<String, Value>, RecordOrigin)>> {
    let object = value.as_object()?;
    if object.is_empty() || !object.keys().all(|k| k.starts_with("event_")) {
        return None;
    }
    let mut events: Vec<(u64, serde_json::Map<String, Value>)> = object
        .iter()
        .filter_map(|(k, v)| {
            Some((
                k.strip_prefix("event_")?.parse().ok()?,
                v.as_object()?.clone(),
            ))
        })
        .collect();
    events.sort_by_key(|(n, _)| *n);
    Some(
        events
            .into_iter()
            .map(|(n, o)| {
                let origin = RecordOrigin::new(
                    None,
                    RecordName::Item(
                        super::draft::List::Root,
                        u32::try_from(n).unwrap_or(u32::MAX),
                    ),
                );
                (o, origin)
            })
            .collect(),
    )
}

/// `MM/DD/YYYY` and `HH:MM:SS` in the zone `zone`, as a UTC second; a warning when the zone had
/// to be guessed.
fn time_of(date: &str, time: &str, zone: &str) -> Result<(FuzzyDate, Option<String>), String> {
    if date.trim_start_matches(['0', '/', '-']).is_empty() {
        return Err(format!("the time is not set (date \"{date}\")"));
    }
    let parts: Vec<&str> = date.split('/').collect();
    let [m, d, y] = parts.as_slice() else {
        return Err(format!("expected the date as MM/DD/YYYY, found \"{date}\""));
    };
    let (Ok(m), Ok(d), Ok(y)) = (m.parse::<u32>(), d.parse::<u32>(), y.parse::<i32>()) else {
        return Err(format!("expected the date as MM/DD/YYYY, found \"{date}\""));
    };
    let day = chrono::NaiveDate::from_ymd_opt(y, m, d)
        .ok_or_else(|| format!("{date} is not a day of the calendar (MM/DD/YYYY)"))?;
    let clock = if time.trim().is_empty() {
        chrono::NaiveTime::MIN
    } else {
        chrono::NaiveTime::parse_from_str(time.trim(), "%H:%M:%S")
            .map_err(|_| format!("expected the time as HH:MM:SS, found \"{time}\""))?
    };
    let local = day.and_time(clock);
    let (utc, warning) = match zone.trim() {
        "" | "UTC" | "utc" | "GMT" | "Z" => (local.and_utc().timestamp(), None),
        name => match name.parse::<chrono_tz::Tz>() {
            Ok(tz) => {
                use chrono::TimeZone as _;
                match tz.from_local_datetime(&local).earliest() {
                    Some(t) => (t.timestamp(), None),
                    None => (
                        local.and_utc().timestamp(),
                        Some(format!(
                            "{date} {time} does not exist in {name} (the clocks went forward): \
                             read as UTC"
                        )),
                    ),
                }
            }
            Err(_) => (
                local.and_utc().timestamp(),
                Some(format!(
                    "timezone \"{name}\" is not an IANA time zone (as Europe/Kyiv or UTC): read as UTC"
                )),
            ),
        },
    };
    Ok((second_precision(Timestamp(utc).civil()), warning))
}

/// psort's l2tcsv, lanes by `source` unless the user picked another column.
pub(super) fn parse_l2tcsv(
    mut table: Table<'_>,
    lane_column: Option<&str>,
) -> Result<Imported, LoadError> {
    let col = |n: &str| table.column(n);
    let (c_date, c_time, c_zone) = (col("date"), col("time"), col("timezone"));
    let (c_desc, c_short) = (col("desc"), col("short"));
    let mut warnings = Vec::new();
    let lane_name = match lane_column {
        Some(name) if col(name).is_some() => name.to_owned(),
        Some(name) => {
            warnings.push(super::timesketch::missing_lane_column(name, "source"));
            "source".to_owned()
        }
        None => "source".to_owned(),
    };
    let c_lane = col(&lane_name);
    let extra: Vec<(usize, String)> = table
        .names
        .iter()
        .enumerate()
        .filter(|(i, n)| !L2T_CORE.contains(&n.to_lowercase().as_str()) && Some(*i) != c_lane)
        .map(|(i, n)| (i, n.clone()))
        .collect();
    let mut lanes = Lanes::default();
    let mut events = EventsDraft::default();
    let mut origins = Origins::default();
    let mut row_warnings = Vec::new();
    for row in table.rows(&mut row_warnings) {
        let (date, warning) = match time_of(row.get(c_date), row.get(c_time), row.get(c_zone)) {
            Ok(t) => t,
            Err(e) => {
                warnings.push(row.problem("date", format!("skipped: {e}")));
                continue;
            }
        };
        if let Some(w) = warning {
            warnings.push(row.problem("timezone", w));
        }
        let title = match (row.get(c_desc), row.get(c_short)) {
            ("" | "-", "" | "-") => "(no description)".to_owned(),
            ("" | "-", short) => short.to_owned(),
            (desc, _) => desc.to_owned(),
        };
        let lane = match row.get(c_lane) {
            "" | "-" => "(empty)",
            lane => lane,
        };
        let lane = lanes.lane(lane);
        let attributes = row
            .attributes(&extra)
            .into_iter()
            .filter(|(k, v)| v != "-" && !(k.eq_ignore_ascii_case("short") && *v == title))
            .collect();
        events.push(EventDraft {
            id: content_id(&[&title, row.get(c_date), row.get(c_time), &lane]),
            title,
            description: None,
            time: TimeSpec {
                start: Endpoint::Date(date),
                end: None,
            },
            actors: vec![lane],
            kind: EventKind::Action,
            source: None,
            tags: Vec::new(),
            attributes,
        });
        origins.push(row.origin());
    }
    row_warnings.append(&mut warnings);
    Ok(super::timesketch::sources(Imported::of_lanes(
        lanes,
        events,
        origins,
        row_warnings,
    )))
}

/// Plaso's `-o json`: an object of `event_0`, `event_1`, … (lanes by `parser`).
pub(super) fn parse_json(
    file: &str,
    value: &Value,
    options: &LoadOptions,
) -> Result<Imported, LoadError> {
    let Some(objects) = json_events(value) else {
        return Err(LoadError::content(
            file,
            Problem {
                location: Some(Location { line: 1, column: 1 }),
                field: None,
                message: "not Plaso JSON: expected one object whose keys are event_0, event_1, …"
                    .to_owned(),
            },
        ));
    };
    Ok(super::timesketch::parse_objects(
        objects,
        options,
        "parser",
        Vec::new(),
    ))
}

#[cfg(test)]
mod tests {
    use super::time_of;
    use crate::model::dataset::LanesWord;
    use crate::model::{Endpoint, Precision};

    /// A real file of others (`../shared/data/plaso/`, its provenance beside it), loaded.
    fn shared(name: &str) -> crate::model::Dataset {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../shared/data/plaso")
            .join(name);
        let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        crate::io::load_bytes(name, &bytes)
            .unwrap_or_else(|e| panic!("{e}"))
            .0
    }

    #[test]
    fn psorts_microseconds_are_kept_as_written_and_in_words() {
        let dataset = shared("dynamic.csv");
        let first = dataset.events.at(0);
        assert_eq!(first.time().to_string(), "2024-11-30T19:42:39.853098Z");
        let Endpoint::Date(date) = &first.time().start else {
            panic!("{:?}", first.time());
        };
        assert_eq!(date.precision, Precision::Microsecond);
        assert_eq!(date.describe(), "30 November 2024, 19:42:39.853098 UTC");
        assert!(
            dataset
                .events
                .iter()
                .all(|e| e.time().to_string().len() == "2024-11-30T19:42:39.853098Z".len()),
            "every psort time has its six digits"
        );
        // json_line's times were known to the second (`time_elements_tuple`), written in
        // microseconds: read to the second, with no `.000000` the source never had.
        let lines = shared("json_line.jsonl");
        assert_eq!(
            lines.events.at(0).time().to_string(),
            "2012-01-22T07:52:33Z"
        );
        // Every psort output lanes by a source, a parser or a host: "Sources", never "Actors".
        for dataset in [&dataset, &lines, &shared("l2tcsv-utc.csv")] {
            assert_eq!(dataset.lanes_word, LanesWord::Sources);
        }
        let swimline = crate::io::load_default().map(|l| l.dataset);
        assert_eq!(
            swimline.map(|d| d.lanes_word.heading()).ok(),
            Some("Actors")
        );
    }

    #[test]
    fn l2tcsv_times_are_read_in_their_zone_and_zeros_are_not_set() {
        let utc = |d, t, z| time_of(d, t, z).map(|(f, w)| (f.to_string(), w));
        assert_eq!(
            utc("01/22/2012", "07:52:33", "UTC"),
            Ok(("2012-01-22T07:52:33Z".to_owned(), None))
        );
        // Kyiv is UTC+2 in January, UTC+3 in July.
        assert_eq!(
            utc("01/22/2012", "07:52:33", "Europe/Kyiv"),
            Ok(("2012-01-22T05:52:33Z".to_owned(), None))
        );
        assert_eq!(
            utc("07/01/2012", "07:00:00", "Europe/Kyiv"),
            Ok(("2012-07-01T04:00:00Z".to_owned(), None))
        );
        let guessed = utc("01/22/2012", "07:52:33", "Mars/Olympus");
        assert!(
            guessed.as_ref().is_ok_and(|(_, w)| w
                .as_deref()
                .is_some_and(|w| w.contains("not an IANA time zone"))),
            "{guessed:?}"
        );
        assert_eq!(
            utc("00/00/0000", "00:00:00", "UTC"),
            Err("the time is not set (date \"00/00/0000\")".to_owned())
        );
        assert!(utc("13/22/2012", "07:52:33", "UTC").is_err());
        assert!(utc("01/22/2012", "7pm", "UTC").is_err());
    }
}
