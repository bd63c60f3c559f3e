//! ACLED exports (Armed Conflict Location & Event Data): one row per event with `event_id_cnty`,
//! `event_date` (`2018-01-04` or `04 January 2018`), `time_precision` (1 = that day, 2 = within
//! that week, 3 = within that month), `actor1`, `actor2` (the lanes; both when both are given),
//! `event_type`, `sub_event_type` (tags), `notes` (the description), and `source`, `location`,
//! `fatalities` and the rest as attributes.

use super::csv_table::{Row, Table};
use super::draft::{Imported, Lanes, Origins, content_id};
use super::error::LoadError;
use crate::model::{
    DetailParts, Endpoint, EventKind, EventsDraft, FuzzyDate, Source, TimeSpec, time::MONTH_NAMES,
};
use std::fmt::Write as _;

/// Columns shown as attributes, in this order, when present and not empty.
const SHOWN: [&str; 12] = [
    "location",
    "admin1",
    "country",
    "fatalities",
    "assoc_actor_1",
    "assoc_actor_2",
    "disorder_type",
    "civilian_targeting",
    "source_scale",
    "latitude",
    "longitude",
    "geo_precision",
];

/// `2018-01-04` or `04 January 2018` → a day.
fn day_of(text: &str) -> Result<FuzzyDate, String> {
    if let Ok(d) = text.parse::<FuzzyDate>() {
        return Ok(d);
    }
    let parts: Vec<&str> = text.split_whitespace().collect();
    if let [day, month, year] = parts.as_slice() {
        let m = MONTH_NAMES.iter().position(|name| {
            name.eq_ignore_ascii_case(month) || name[..3].eq_ignore_ascii_case(month)
        });
        if let (Some(m), Ok(d), Ok(y)) = (m, day.parse::<u8>(), year.parse::<i64>()) {
            return format!("{y:04}-{:02}-{d:02}", m + 1)
                .parse()
                .map_err(|e: crate::model::date::DateParseError| e.message);
        }
    }
    Err(format!(
        "expected a date as 2018-01-04 or 04 January 2018, found \"{text}\""
    ))
}

/// The time an ACLED row means, given its precision code.
fn time_of(date: FuzzyDate, precision: &str) -> Result<TimeSpec, String> {
    let start = match precision {
        "" | "1" => Endpoint::Date(date),
        "2" => {
            // Within that week: three days either side of the date given.
            let at = date.bounds().earliest;
            let week = |days: i64| {
                let c = crate::model::Timestamp(at.0 + days * 86_400).civil();
                FuzzyDate::day(c.year, c.month, c.day)
            };
            Endpoint::OneOf(Box::new((week(-3), week(3))))
        }
        "3" => Endpoint::Date(FuzzyDate {
            day: None,
            precision: crate::model::Precision::Month,
            ..date
        }),
        other => {
            return Err(format!(
                "expected time_precision 1, 2 or 3, found \"{other}\""
            ));
        }
    };
    Ok(TimeSpec { start, end: None })
}

pub(super) fn parse(mut table: Table<'_>) -> Result<Imported, LoadError> {
    let col = |n: &str| table.column(n);
    let (c_id, c_date, c_precision) = (
        col("event_id_cnty"),
        col("event_date"),
        col("time_precision"),
    );
    let (c_actor1, c_actor2) = (col("actor1"), col("actor2"));
    let (c_type, c_subtype, c_notes) = (col("event_type"), col("sub_event_type"), col("notes"));
    let (c_location, c_source) = (col("location"), col("source"));
    let shown: Vec<(usize, String)> = SHOWN
        .iter()
        .filter_map(|n| col(n).map(|c| (c, (*n).to_owned())))
        .collect();
    let mut warnings = Vec::new();
    let mut row_warnings = Vec::new();
    let mut lanes = Lanes::default();
    let mut events = EventsDraft::default();
    let mut origins = Origins::default();
    let (mut title, mut time_text) = (String::new(), String::new());
    // One row read into again and again: a fresh one each time cost two allocations a row.
    let mut row = Row::default();
    while table.read_row(&mut row, &mut row_warnings) {
        let date = match day_of(row.get(c_date)) {
            Ok(d) => d,
            Err(e) => {
                warnings.push(row.problem("event_date", format!("skipped: {e}")));
                continue;
            }
        };
        let time = match time_of(date, row.get(c_precision)) {
            Ok(t) => t,
            Err(e) => {
                warnings.push(row.problem("time_precision", format!("skipped: {e}")));
                continue;
            }
        };
        let (actor1, actor2) = (row.get(c_actor1), row.get(c_actor2));
        let mut event_actors: Vec<&str> = Vec::with_capacity(2);
        for name in [actor1, actor2] {
            if !name.is_empty() && !event_actors.contains(&name) {
                event_actors.push(name);
            }
        }
        for name in &event_actors {
            lanes.see(name);
        }
        let (event_type, subtype, location) =
            (row.get(c_type), row.get(c_subtype), row.get(c_location));
        let what = if subtype.is_empty() {
            event_type
        } else {
            subtype
        };
        title.clear();
        match (what.is_empty(), location.is_empty()) {
            (false, false) => {
                title.push_str(what);
                title.push_str(" in ");
                title.push_str(location);
            }
            (false, true) => title.push_str(what),
            (true, false) => {
                title.push_str("Event in ");
                title.push_str(location);
            }
            (true, true) => title.push_str("(untitled)"),
        }
        let made_up;
        let id = match row.get(c_id) {
            "" => {
                made_up = content_id(&[&title, row.get(c_date), actor1, actor2, row.get(c_notes)]);
                made_up.as_str()
            }
            id => id,
        };
        let notes = row.get(c_notes);
        let source = row.get(c_source);
        time_text.clear();
        write!(time_text, "{time}").unwrap_or_default();
        events.push_parts(
            id,
            &title,
            time,
            &time_text,
            event_actors.iter().copied(),
            EventKind::Action,
            DetailParts {
                description: (!notes.is_empty()).then_some(notes),
                source: (!source.is_empty()).then(|| {
                    Box::new(Source {
                        by: Some(source.to_owned()),
                        ..Source::default()
                    })
                }),
                tags: [event_type, subtype]
                    .into_iter()
                    .filter(|t| !t.is_empty())
                    .collect(),
                attributes: row.attribute_parts(&shown),
            },
        );
        origins.push(row.origin());
    }
    // Repeated ids are renamed by `io::finish`.
    row_warnings.append(&mut warnings);
    Ok(Imported::of_lanes(lanes, events, origins, row_warnings))
}
