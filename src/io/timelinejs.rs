//! TimelineJS: version 3 JSON (`events`, `eras`, `title`), version 2 JSON
//! (`{"timeline": {"date": [...]}}` with `"2011,3,23"` dates), and the Google Sheets template
//! saved as CSV (`Year, Month, Day, Time, End Year, …, Headline, Text, Media, …, Group`).
//!
//! Date parts may be numbers, strings, zero-padded or empty; the precision is that of the most
//! precise part present. Years may be negative (BCE) and as large as the cosmological template's
//! thirteen billion. HTML in text fields becomes plain text. `group` becomes the lane; media and
//! the display date are kept as attributes for the details panel; eras become background bands.

/// The zone times of day are written in (`--tz`); `None`: UTC.
type Zone = Option<chrono_tz::Tz>;

use serde_json::{Map, Value};

use super::csv_table::Table;
use super::draft::{
    Imported, Lanes, List, Origins, Record, RecordOrigin, UniqueIds, content_id, unique_id,
};
use super::error::{LoadError, Location, Problem};
use super::json_locate::ListLocator;
use super::text::html_to_text;
use crate::model::{
    DatasetDraft, Endpoint, EventDraft, EventKind, FuzzyDate, PathSeg, PeriodDraft, TimeSpec,
};

/// The lane of events that have no group, when others do.
const UNGROUPED: &str = "Ungrouped";
/// The lane of all events, when none has a group.
const ALL_EVENTS: &str = "Events";

/// Date parts as written, before checking.
#[derive(Default)]
struct Parts {
    year: String,
    month: String,
    day: String,
    /// `HH`, `HH:MM` or `HH:MM:SS`, or empty.
    clock: String,
}

impl Parts {
    fn is_empty(&self) -> bool {
        self.year.is_empty() && self.month.is_empty() && self.day.is_empty()
    }

    /// The parts as the file wrote them, for messages.
    fn written(&self) -> String {
        [&self.year, &self.month, &self.day, &self.clock]
            .iter()
            .filter(|p| !p.is_empty())
            .map(|p| p.as_str())
            .collect::<Vec<_>>()
            .join(",")
    }

    /// The date, as precise as its most precise part; a time of day is on the clocks of
    /// `zone` (`--tz`; TimelineJS itself shows it on the reader's own), else UTC.
    fn to_date(&self, zone: Zone) -> Result<FuzzyDate, String> {
        let year: i64 = self
            .year
            .parse()
            .map_err(|_| format!("expected a year as a whole number, found \"{}\"", self.year))?;
        let mut text = if year.abs() > 9999 {
            format!("Y{year}")
        } else if year < 0 {
            format!("-{:04}", -year)
        } else {
            format!("{year:04}")
        };
        let two = |what: &str, v: &str| -> Result<String, String> {
            v.parse::<u8>()
                .map(|n| format!("{n:02}"))
                .map_err(|_| format!("expected the {what} as a number, found \"{v}\""))
        };
        if !self.month.is_empty() {
            text.push('-');
            text.push_str(&two("month", &self.month)?);
            if !self.day.is_empty() {
                text.push('-');
                text.push_str(&two("day", &self.day)?);
                if !self.clock.is_empty() {
                    let fields: Vec<String> = self
                        .clock
                        .split(':')
                        .map(|f| two("time", f.trim()))
                        .collect::<Result<_, _>>()?;
                    text.push('T');
                    text.push_str(&fields.join(":"));
                }
            }
        } else if !self.day.is_empty() {
            return Err("a day needs a month".to_owned());
        }
        super::mapping::from_zone(text, zone)
            .parse::<FuzzyDate>()
            .map_err(|e| e.message)
    }
}

/// A JSON value as text: strings trimmed, numbers written out, anything else empty.
fn text_of(value: Option<&Value>) -> String {
    match value {
        Some(Value::String(s)) => s.trim().to_owned(),
        Some(Value::Number(n)) => n.to_string(),
        _ => String::new(),
    }
}

fn parts_of(object: Option<&Value>) -> Parts {
    let Some(o) = object.and_then(Value::as_object) else {
        return Parts::default();
    };
    let get = |k: &str| text_of(o.get(k));
    let clock: Vec<String> = ["hour", "minute", "second"]
        .iter()
        .map(|k| get(k))
        .take_while(|v| !v.is_empty())
        .collect();
    Parts {
        year: get("year"),
        month: get("month"),
        day: get("day"),
        clock: clock.join(":"),
    }
}

/// `"2011,3,23"` → parts.
/// `"2011,3,23"`, and with hours, minutes and seconds as TimelineJS 2 also takes them:
/// `"1896,9,10,12,06"` is 10 September 1896 at 12:06.
fn parts_of_legacy(text: &str) -> Parts {
    let mut fields = text.split(',').map(|f| f.trim().to_owned());
    let (year, month, day) = (
        fields.next().unwrap_or_default(),
        fields.next().unwrap_or_default(),
        fields.next().unwrap_or_default(),
    );
    let clock: Vec<String> = fields
        .filter(|f| !f.is_empty())
        .take(3)
        .map(|f| format!("{:0>2}", f))
        .collect();
    Parts {
        year,
        month,
        day,
        clock: clock.join(":"),
    }
}

/// The time of an event from its start and end parts. An end that cannot be read is dropped
/// (the event keeps its start) with the warning returned beside the time.
fn time_of(start: &Parts, end: &Parts, zone: Zone) -> Result<(TimeSpec, Option<String>), String> {
    let start_date = start
        .to_date(zone)
        .map_err(|e| format!("start date: {e}"))?;
    let (end, warning) = if end.is_empty() {
        (None, None)
    } else {
        match end.to_date(zone) {
            Ok(end_date) => (
                (end_date != start_date).then_some(Endpoint::Date(end_date)),
                None,
            ),
            Err(e) => (
                None,
                Some(format!(
                    "the end date ({}) cannot be read: {e}; the event is shown at its start only",
                    end.written()
                )),
            ),
        }
    };
    let time = TimeSpec {
        start: Endpoint::Date(start_date),
        end,
    };
    Ok((time, warning))
}

/// An imported event: an action with a title, its text as the description, no source.
fn event_draft(
    id: String,
    title: String,
    body: String,
    time: TimeSpec,
    actors: Vec<String>,
    attributes: Vec<(String, String)>,
) -> EventDraft {
    EventDraft {
        id,
        title,
        description: (!body.is_empty()).then_some(body),
        time,
        actors,
        kind: EventKind::Action,
        source: None,
        tags: Vec::new(),
        attributes,
    }
}

/// The draft of a timeline: events with no lane are put into one ("Events" when nothing has a
/// group, else "Ungrouped").
fn draft_of(
    mut lanes: Lanes,
    mut events: Vec<EventDraft>,
    title: String,
    description: Option<String>,
    periods: Vec<PeriodDraft>,
) -> DatasetDraft {
    let fallback = if lanes.is_empty() {
        ALL_EVENTS
    } else {
        UNGROUPED
    };
    for e in events.iter_mut().filter(|e| e.actors.is_empty()) {
        e.actors.push(lanes.lane(fallback));
    }
    DatasetDraft {
        title,
        description,
        actors: lanes.into_actors(),
        events: events.into_iter().collect(),
        periods,
        ..DatasetDraft::default()
    }
}

fn json_origin(elements: &ListLocator<'_>, list: List, i: usize) -> RecordOrigin {
    RecordOrigin::new(elements.location(i), Record::Item(list, i as u32))
}

/// Title and text of a `text` object.
fn headline_and_text(object: Option<&Value>) -> (String, String) {
    let text = object.and_then(|o| o.get("text"));
    (
        html_to_text(&text_of(text.and_then(|t| t.get("headline")))),
        html_to_text(&text_of(text.and_then(|t| t.get("text")))),
    )
}

/// A title for an event without a headline: the start of its text, or a placeholder.
fn title_or(headline: String, text: &str) -> String {
    if !headline.is_empty() {
        return headline.replace('\n', " ");
    }
    let first: String = text.lines().next().unwrap_or("").chars().take(80).collect();
    if first.is_empty() {
        "(untitled)".to_owned()
    } else {
        first
    }
}

fn media_attributes(media: Option<&Value>, attributes: &mut Vec<(String, String)>) {
    let Some(m) = media.and_then(Value::as_object) else {
        return;
    };
    for (key, name) in [
        ("url", "Media"),
        ("caption", "Media caption"),
        ("credit", "Media credit"),
    ] {
        let value = html_to_text(&text_of(m.get(key)));
        if !value.is_empty() {
            attributes.push((name.to_owned(), value));
        }
    }
}

/// TimelineJS 3 JSON.
pub(super) fn parse_json(text: &str, value: &Value, zone: Zone) -> Result<Imported, LoadError> {
    let empty = Map::new();
    let root = value.as_object().unwrap_or(&empty);
    let mut warnings = Vec::new();
    let (title, description) = headline_and_text(root.get("title"));
    let mut lanes = Lanes::default();
    let mut events = Vec::new();
    let mut origins = Origins::default();
    let mut ids = UniqueIds::default();
    let list = root
        .get("events")
        .and_then(Value::as_array)
        .map_or(&[][..], Vec::as_slice);
    let event_elements = ListLocator::new(text, &[PathSeg::Key("events".to_owned())]);
    for (i, event) in list.iter().enumerate() {
        let origin = json_origin(&event_elements, List::Events, i);
        let time = match time_of(
            &parts_of(event.get("start_date")),
            &parts_of(event.get("end_date")),
            zone,
        ) {
            Ok((t, w)) => {
                warnings.extend(w.map(|w| origin.problem(w)));
                t
            }
            Err(e) => {
                warnings.push(origin.problem(format!("skipped: {e}")));
                continue;
            }
        };
        let (headline, body) = headline_and_text(Some(event));
        let mut attributes = Vec::new();
        let display = html_to_text(&text_of(event.get("display_date")));
        if !display.is_empty() {
            attributes.push(("Display date".to_owned(), display));
        }
        media_attributes(event.get("media"), &mut attributes);
        let group = html_to_text(&text_of(event.get("group")));
        let wanted = match text_of(event.get("unique_id")) {
            id if id.is_empty() => content_id(&[&headline, &time.to_string(), &group]),
            id => id,
        };
        let (id, renamed) = unique_id(&mut ids, wanted.clone());
        // A repeated made-up id is two slides saying the same at one time: renamed silently.
        if renamed && !wanted.starts_with('~') {
            warnings
                .push(origin.problem(format!("unique_id \"{wanted}\" is repeated; renamed {id}")));
        }
        let actors = if group.is_empty() {
            Vec::new()
        } else {
            vec![lanes.lane(&group)]
        };
        events.push(event_draft(
            id,
            title_or(headline, &body),
            body,
            time,
            actors,
            attributes,
        ));
        origins.push(origin);
    }
    let mut periods = Vec::new();
    let eras = root
        .get("eras")
        .and_then(Value::as_array)
        .map_or(&[][..], Vec::as_slice);
    let era_elements = ListLocator::new(text, &[PathSeg::Key("eras".to_owned())]);
    for (i, era) in eras.iter().enumerate() {
        let origin = json_origin(&era_elements, List::Eras, i);
        match time_of(
            &parts_of(era.get("start_date")),
            &parts_of(era.get("end_date")),
            zone,
        ) {
            Ok((time, _)) => periods.push(PeriodDraft {
                title: headline_and_text(Some(era)).0,
                time,
                color: None,
            }),
            Err(e) => warnings.push(origin.problem(format!("skipped: {e}"))),
        }
    }
    if list.is_empty() {
        warnings.push(Problem {
            location: None,
            field: Some("events".to_owned()),
            message: "the timeline has no events".to_owned(),
        });
    }
    let description = (!description.is_empty()).then_some(description);
    Ok(Imported {
        draft: draft_of(lanes, events, title, description, periods),
        origins,
        warnings,
    })
}

/// TimelineJS 2 JSON: `{"timeline": {"headline", "text", "date": [...], "era": [...]}}`.
pub(super) fn parse_legacy(
    file: &str,
    text: &str,
    value: &Value,
    zone: Zone,
) -> Result<Imported, LoadError> {
    let Some(timeline) = value.get("timeline").and_then(Value::as_object) else {
        return Err(LoadError::content(
            file,
            Problem {
                location: Some(Location { line: 1, column: 1 }),
                field: Some("timeline".to_owned()),
                message: "expected an object with headline, text and date".to_owned(),
            },
        ));
    };
    let mut warnings = Vec::new();
    let mut lanes = Lanes::default();
    let mut events = Vec::new();
    let mut origins = Origins::default();
    let dates = timeline
        .get("date")
        .and_then(Value::as_array)
        .map_or(&[][..], Vec::as_slice);
    let date_elements = ListLocator::new(
        text,
        &[
            PathSeg::Key("timeline".to_owned()),
            PathSeg::Key("date".to_owned()),
        ],
    );
    for (i, date) in dates.iter().enumerate() {
        let origin = RecordOrigin::new(
            date_elements.location(i),
            Record::Item(List::TimelineDate, i as u32),
        );
        let start = parts_of_legacy(&text_of(date.get("startDate")));
        let end = parts_of_legacy(&text_of(date.get("endDate")));
        let time = match time_of(&start, &end, zone) {
            Ok((t, w)) => {
                warnings.extend(w.map(|w| origin.problem(w)));
                t
            }
            Err(e) => {
                warnings.push(origin.problem(format!("skipped: {e}")));
                continue;
            }
        };
        let headline = html_to_text(&text_of(date.get("headline")));
        let body = html_to_text(&text_of(date.get("text")));
        let mut attributes = Vec::new();
        if let Some(asset) = date.get("asset").and_then(Value::as_object) {
            for (key, name) in [
                ("media", "Media"),
                ("caption", "Media caption"),
                ("credit", "Media credit"),
            ] {
                let v = html_to_text(&text_of(asset.get(key)));
                if !v.is_empty() {
                    attributes.push((name.to_owned(), v));
                }
            }
        }
        let tags = text_of(date.get("tags").or_else(|| date.get("tag")));
        let actors = tags
            .split(',')
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .map(|t| lanes.lane(t))
            .collect();
        events.push(event_draft(
            content_id(&[&headline, &time.to_string(), &tags]),
            title_or(headline, &body),
            body,
            time,
            actors,
            attributes,
        ));
        origins.push(origin);
    }
    let mut periods = Vec::new();
    // `era` is a list of eras, or (in some files) one era object.
    let one_era;
    let eras = match timeline.get("era") {
        Some(Value::Array(list)) => list.as_slice(),
        Some(era @ Value::Object(_)) => {
            one_era = [era.clone()];
            &one_era[..]
        }
        _ => &[][..],
    };
    for era in eras {
        let start = parts_of_legacy(&text_of(era.get("startDate")));
        let end = parts_of_legacy(&text_of(era.get("endDate")));
        if let Ok((time, _)) = time_of(&start, &end, zone) {
            periods.push(PeriodDraft {
                title: html_to_text(&text_of(era.get("headline"))),
                time,
                color: None,
            });
        }
    }
    let title = html_to_text(&text_of(timeline.get("headline"))).replace('\n', " ");
    let description = html_to_text(&text_of(timeline.get("text")));
    let description = (!description.is_empty()).then_some(description);
    Ok(Imported {
        draft: draft_of(lanes, events, title, description, periods),
        origins,
        warnings,
    })
}

/// The TimelineJS spreadsheet template saved as CSV.
pub(super) fn parse_csv(mut table: Table<'_>, zone: Zone) -> Result<Imported, LoadError> {
    let col = |n: &str| table.column(n);
    let start_cols = (col("year"), col("month"), col("day"), col("time"));
    let end_cols = (
        col("end year"),
        col("end month"),
        col("end day"),
        col("end time"),
    );
    let (c_display, c_headline, c_text) = (col("display date"), col("headline"), col("text"));
    let (c_media, c_credit, c_caption) = (col("media"), col("media credit"), col("media caption"));
    let (c_type, c_group) = (col("type"), col("group"));
    let mut warnings = Vec::new();
    let mut row_warnings = Vec::new();
    let mut lanes = Lanes::default();
    let mut events = Vec::new();
    let mut origins = Origins::default();
    let mut periods = Vec::new();
    let (mut title, mut description) = (String::new(), None);
    for row in table.rows(&mut row_warnings) {
        let parts =
            |(y, m, d, t): (Option<usize>, Option<usize>, Option<usize>, Option<usize>)| Parts {
                year: row.get(y).to_owned(),
                month: row.get(m).to_owned(),
                day: row.get(d).to_owned(),
                clock: row.get(t).to_owned(),
            };
        let headline = html_to_text(row.get(c_headline)).replace('\n', " ");
        let body = html_to_text(row.get(c_text));
        let kind = row.get(c_type).to_lowercase();
        if kind == "title" {
            title = headline;
            description = (!body.is_empty()).then_some(body);
            continue;
        }
        let start = parts(start_cols);
        if start.year.is_empty() {
            warnings.push(row.problem("Year", "skipped: expected a year"));
            continue;
        }
        let time = match time_of(&start, &parts(end_cols), zone) {
            Ok((t, w)) => {
                warnings.extend(w.map(|w| row.problem("End Year", w)));
                t
            }
            Err(e) => {
                warnings.push(row.problem("Year", format!("skipped: {e}")));
                continue;
            }
        };
        if kind == "era" {
            periods.push(PeriodDraft {
                title: headline,
                time,
                color: None,
            });
            continue;
        }
        let mut attributes = Vec::new();
        for (c, name) in [
            (c_display, "Display date"),
            (c_media, "Media"),
            (c_caption, "Media caption"),
            (c_credit, "Media credit"),
        ] {
            let v = html_to_text(row.get(c));
            if !v.is_empty() {
                attributes.push((name.to_owned(), v));
            }
        }
        let group = row.get(c_group);
        events.push(event_draft(
            content_id(&[&headline, &time.to_string(), group]),
            title_or(headline, &body),
            body,
            time,
            if group.is_empty() {
                Vec::new()
            } else {
                vec![lanes.lane(group)]
            },
            attributes,
        ));
        origins.push(row.origin());
    }
    row_warnings.append(&mut warnings);
    Ok(Imported {
        draft: draft_of(lanes, events, title, description, periods),
        origins,
        warnings: row_warnings,
    })
}
