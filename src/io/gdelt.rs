//! GDELT event files (1.0 and 2.0): tab-separated, no header, one event a line — 57 columns
//! (GDELT 1.0 before April 2013), 58 (1.0 with `SOURCEURL`) or 61 (2.0, which adds the three
//! `ADM2Code`s). `SQLDATE` is the day (day precision: GDELT dates the event, not the hour);
//! `Actor1Name` and `Actor2Name` are the lanes (the actor code when the name is empty); the
//! CAMEO event code and its root's name ("Protest", "Fight" …) are the tags; `SOURCEURL` is the
//! source; Goldstein scale, mentions, sources, articles, tone and the places are shown as
//! attributes. The `.zip` files GDELT distributes are opened by `io::read`.

use super::draft::{Imported, Lanes, Origins, Record, RecordOrigin};
use super::error::{LoadError, Location, Problem};
use crate::model::{Endpoint, EventDraft, EventKind, EventsDraft, FuzzyDate, Source, TimeSpec};

/// The CAMEO root codes' names, `01` to `20`.
const CAMEO_ROOTS: [&str; 20] = [
    "Make public statement",
    "Appeal",
    "Express intent to cooperate",
    "Consult",
    "Engage in diplomatic cooperation",
    "Engage in material cooperation",
    "Provide aid",
    "Yield",
    "Investigate",
    "Demand",
    "Disapprove",
    "Reject",
    "Threaten",
    "Protest",
    "Exhibit force posture",
    "Reduce relations",
    "Coerce",
    "Assault",
    "Fight",
    "Use unconventional mass violence",
];

/// The positions of the columns Swimline reads, which differ between the three layouts.
struct Columns {
    actor1_geo: usize,
    actor2_geo: usize,
    action_geo: usize,
    date_added: usize,
    url: Option<usize>,
}

impl Columns {
    /// The layout of a row of `n` columns.
    fn of(n: usize) -> Option<Self> {
        match n {
            // 1.0: each place is Type, FullName, CountryCode, ADM1Code, Lat, Long, FeatureID.
            57 | 58 => Some(Self {
                actor1_geo: 35,
                actor2_geo: 42,
                action_geo: 49,
                date_added: 56,
                url: (n == 58).then_some(57),
            }),
            // 2.0 adds ADM2Code after ADM1Code.
            61 => Some(Self {
                actor1_geo: 35,
                actor2_geo: 43,
                action_geo: 51,
                date_added: 59,
                url: Some(60),
            }),
            _ => None,
        }
    }
}

/// Whether `text` looks like a GDELT event file: its first line is 57, 58 or 61 tab-separated
/// fields, an event id and an eight-digit `SQLDATE`.
pub(super) fn looks_like(text: &str) -> bool {
    let first = text.lines().next().unwrap_or_default();
    let fields: Vec<&str> = first.split('\t').collect();
    Columns::of(fields.len()).is_some()
        && fields[0].bytes().all(|b| b.is_ascii_digit())
        && !fields[0].is_empty()
        && fields[1].len() == 8
        && fields[1].bytes().all(|b| b.is_ascii_digit())
}

/// The day of a `SQLDATE` (`20181024`).
fn day_of(text: &str) -> Result<FuzzyDate, String> {
    let ok = text.len() == 8 && text.bytes().all(|b| b.is_ascii_digit());
    if !ok {
        return Err(format!(
            "expected the day as 8 digits, YYYYMMDD (20181024), found \"{text}\""
        ));
    }
    format!("{}-{}-{}", &text[..4], &text[4..6], &text[6..])
        .parse()
        .map_err(|e: crate::model::date::DateParseError| e.message)
}

/// The root name of a CAMEO event code (`190` → "Fight").
fn root_name(code: &str) -> Option<&'static str> {
    let root: usize = code.get(..2)?.parse().ok()?;
    CAMEO_ROOTS.get(root.checked_sub(1)?).copied()
}

/// The host of a URL, as the outlet (`https://www.bbc.co.uk/news/…` → `www.bbc.co.uk`).
fn host_of(url: &str) -> Option<&str> {
    let rest = url.split_once("://")?.1;
    let host = rest.split(['/', '?', '#']).next()?;
    (!host.is_empty()).then_some(host)
}

pub(super) fn parse(file: &str, text: &str) -> Result<Imported, LoadError> {
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(b'\t')
        .has_headers(false)
        .flexible(true)
        .quoting(false)
        .from_reader(text.as_bytes());
    let mut lanes = Lanes::default();
    let mut events = EventsDraft::default();
    let mut origins = Origins::default();
    let mut warnings = Vec::new();
    let mut record = csv::StringRecord::new();
    let mut number = 0usize;
    loop {
        match reader.read_record(&mut record) {
            Ok(true) => {}
            Ok(false) => break,
            Err(e) => {
                return Err(LoadError::content(
                    file,
                    Problem {
                        location: e.position().map(|p| Location {
                            line: p.line() as usize,
                            column: 0,
                        }),
                        field: None,
                        message: format!("cannot read the tab-separated file: {e}"),
                    },
                ));
            }
        }
        number += 1;
        let line = record.position().map_or(number, |p| p.line() as usize);
        let problem = |column: &str, message: String| Problem {
            location: Some(Location { line, column: 0 }),
            field: Some(format!("row {number}, column {column}")),
            message,
        };
        let Some(c) = Columns::of(record.len()) else {
            warnings.push(problem(
                "count",
                format!(
                    "skipped: expected 57, 58 or 61 tab-separated columns (GDELT 1.0 or 2.0), \
                     found {}",
                    record.len()
                ),
            ));
            continue;
        };
        let get = |i: usize| record.get(i).map_or("", str::trim);
        let date = match day_of(get(1)) {
            Ok(d) => d,
            Err(e) => {
                warnings.push(problem("SQLDATE", format!("skipped: {e}")));
                continue;
            }
        };
        let mut actors = Vec::new();
        let mut names = Vec::new();
        for (name, code) in [(get(6), get(5)), (get(16), get(15))] {
            let lane = if name.is_empty() { code } else { name };
            if !lane.is_empty() && !names.contains(&lane) {
                names.push(lane);
                actors.push(lanes.lane(lane));
            }
        }
        let code = get(26);
        let root = root_name(code);
        let what = root.unwrap_or("Event");
        let place = get(c.action_geo + 1);
        let mut title = match names.as_slice() {
            [] => what.to_owned(),
            names => format!("{what}: {}", names.join(" and ")),
        };
        if !place.is_empty() {
            title.push_str(", in ");
            title.push_str(place);
        }
        let quad = match get(29) {
            "1" => Some("verbal cooperation"),
            "2" => Some("material cooperation"),
            "3" => Some("verbal conflict"),
            "4" => Some("material conflict"),
            _ => None,
        };
        // Verbal events are things said; material ones things done.
        let kind = match get(29) {
            "1" | "3" => EventKind::Statement,
            _ => EventKind::Action,
        };
        let mut tags = Vec::new();
        if let Some(root) = root {
            tags.push(root.to_owned());
        }
        if !code.is_empty() {
            tags.push(format!("CAMEO {code}"));
        }
        let mut attributes = Vec::new();
        for (name, value) in [
            ("GlobalEventID", get(0)),
            ("GoldsteinScale", get(30)),
            ("NumMentions", get(31)),
            ("NumSources", get(32)),
            ("NumArticles", get(33)),
            ("AvgTone", get(34)),
            ("QuadClass", quad.unwrap_or_default()),
            ("Actor1 place", get(c.actor1_geo + 1)),
            ("Actor2 place", get(c.actor2_geo + 1)),
            ("Action place", place),
            ("DATEADDED", get(c.date_added)),
        ] {
            if !value.is_empty() {
                attributes.push((name.to_owned(), value.to_owned()));
            }
        }
        let url = c.url.map(get).unwrap_or_default();
        let id = match get(0) {
            "" => super::draft::content_id(&[&title, get(1), get(c.date_added)]),
            id => id.to_owned(),
        };
        events.push(EventDraft {
            id,
            title,
            description: None,
            time: TimeSpec {
                start: Endpoint::Date(date),
                end: None,
            },
            actors,
            kind,
            source: (!url.is_empty()).then(|| {
                Box::new(Source {
                    outlet: host_of(url).map(str::to_owned),
                    url: Some(url.to_owned()),
                    ..Source::default()
                })
            }),
            tags,
            attributes,
        });
        origins.push(RecordOrigin::new(
            Some(Location { line, column: 0 }),
            Record::Row(u32::try_from(number).unwrap_or(u32::MAX)),
        ));
    }
    Ok(Imported::of_lanes(lanes, events, origins, warnings))
}

#[cfg(test)]
mod tests {
    use super::{host_of, looks_like, root_name};

    #[test]
    fn cameo_roots_and_hosts() {
        assert_eq!(root_name("190"), Some("Fight"));
        assert_eq!(root_name("0211"), Some("Appeal"));
        assert_eq!(root_name("145"), Some("Protest"));
        assert_eq!(root_name("21"), None);
        assert_eq!(root_name(""), None);
        assert_eq!(
            host_of("https://www.bbc.co.uk/news/x?y"),
            Some("www.bbc.co.uk")
        );
        assert!(!looks_like("title\tstart\n"));
        assert!(!looks_like(""));
    }
}
