//! The native format, `swimline/1`: one JSON object with actors, events and links.
//!
//! Stage one reads the file into raw records that mirror the JSON (strings stay strings);
//! stage two converts them into a [`DatasetDraft`], collecting every problem with its field, and
//! [`Dataset::build`] validates the whole. Problems found after parsing are placed on a line and
//! column by `json_locate`. The format is documented in `README.md`.

mod split;
#[cfg(test)]
mod tests;

use serde::Deserialize;
use split::{EVENT_BYTES_GUESS, EVENTS_HINT, SPLIT_BYTES, read_split, with_events_hint};

use super::error::{LoadError, Location, Problem};
use super::json_locate::locate;
use std::borrow::Cow;

use crate::model::{
    ActorDraft, Dataset, DatasetDraft, DetailParts, Endpoint, EventKind, EventsDraft, FieldPath,
    FuzzyDate, LinkDraft, LinkKind, ModelError, PathSeg, PeriodDraft, Rgb, Source, TimeSpec,
};

/// The value of the `format` field this version reads and writes.
pub const FORMAT_TAG: &str = "swimline/1";

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    format: String,
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    description: Option<String>,
    #[serde(default)]
    actors: Vec<RawActor>,
    #[serde(default)]
    events: RawEvents,
    #[serde(default)]
    links: Vec<RawLink>,
    #[serde(default)]
    periods: Vec<RawPeriod>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPeriod {
    title: String,
    time: String,
    #[serde(default)]
    color: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawActor {
    id: String,
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    group: Option<String>,
    #[serde(default)]
    color: Option<String>,
    #[serde(default)]
    description: Option<String>,
}

/// The events, read straight into the store one at a time: a million events never exist as a
/// list of records first.
#[derive(Default)]
struct RawEvents {
    draft: EventsDraft,
    /// Problems with single fields (a time that does not parse), by event.
    errors: Vec<ModelError>,
}

impl<'de> Deserialize<'de> for RawEvents {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visit;
        impl<'de> serde::de::Visitor<'de> for Visit {
            type Value = RawEvents;

            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a list of events")
            }

            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> Result<RawEvents, A::Error> {
                let mut events = RawEvents::default();
                let hint = EVENTS_HINT.with(std::cell::Cell::get);
                events.draft.reserve(hint, hint * 32);
                while let Some(event) = seq.next_element::<RawEvent<'de>>()? {
                    events.add(event);
                    if events.draft.len().is_multiple_of(super::progress::EVERY) {
                        let n = events.draft.len();
                        super::progress::current(|p| p.set_events(n));
                        if super::progress::cancelled() {
                            return Err(serde::de::Error::custom("loading was stopped"));
                        }
                    }
                }
                Ok(events)
            }
        }
        deserializer.deserialize_seq(Visit)
    }
}

impl RawEvents {
    fn add(&mut self, e: RawEvent<'_>) {
        let i = self.draft.len();
        let time = e.time.parse::<TimeSpec>().unwrap_or_else(|err| {
            self.errors.push(ModelError::new(
                FieldPath::item_field("events", i, "time"),
                err.to_string(),
            ));
            // Kept in place, so the events after it keep their positions in messages.
            TimeSpec {
                start: Endpoint::Unknown,
                end: None,
            }
        });
        let source = e.source.map(|s| Source {
            reported: s.reported.and_then(|r| match r.parse::<FuzzyDate>() {
                Ok(d) => Some(d),
                Err(err) => {
                    self.errors.push(ModelError::new(
                        FieldPath::item_field("events", i, "source").key("reported"),
                        err.to_string(),
                    ));
                    None
                }
            }),
            by: s.by,
            outlet: s.outlet,
            quote: s.quote,
            url: s.url,
        });
        let detail = DetailParts {
            description: e.description.as_deref(),
            source: source.map(Box::new),
            tags: e.tags.iter().map(String::as_str).collect(),
            attributes: e
                .attributes
                .iter()
                .map(|(n, v)| (n.as_str(), v.as_str()))
                .collect(),
        };
        self.draft.push_parts(
            &e.id,
            &e.title,
            time,
            e.time.trim(),
            e.actors.iter(),
            e.kind,
            detail,
        );
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEvent<'a> {
    #[serde(borrow)]
    id: Cow<'a, str>,
    #[serde(borrow)]
    title: Cow<'a, str>,
    #[serde(borrow)]
    time: Cow<'a, str>,
    #[serde(default, borrow)]
    actors: Names<'a>,
    #[serde(default)]
    kind: EventKind,
    #[serde(default)]
    description: Option<String>,
    #[serde(default)]
    source: Option<Box<RawSource>>,
    #[serde(default)]
    tags: Vec<String>,
    #[serde(default)]
    attributes: std::collections::BTreeMap<String, String>,
}

/// A list of names borrowed from the file where it can be (no escapes), with no allocation
/// for the common list of one or two (serde's own `Vec<Cow<str>>` copies every name).
#[derive(Default)]
struct Names<'a> {
    first: [Option<Cow<'a, str>>; 2],
    more: Vec<Cow<'a, str>>,
}

impl<'a> Names<'a> {
    fn iter(&self) -> impl Iterator<Item = &str> {
        self.first
            .iter()
            .flatten()
            .chain(&self.more)
            .map(|name| name.as_ref())
    }
}

/// One name, borrowed when the JSON string has no escapes.
struct Name<'a>(Cow<'a, str>);

impl<'de: 'a, 'a> Deserialize<'de> for Name<'a> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visit;
        impl<'de> serde::de::Visitor<'de> for Visit {
            type Value = Name<'de>;

            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a string")
            }

            fn visit_borrowed_str<E: serde::de::Error>(self, v: &'de str) -> Result<Name<'de>, E> {
                Ok(Name(Cow::Borrowed(v)))
            }

            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Name<'de>, E> {
                Ok(Name(Cow::Owned(v.to_owned())))
            }
        }
        deserializer.deserialize_str(Visit)
    }
}

impl<'de: 'a, 'a> Deserialize<'de> for Names<'a> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visit;
        impl<'de> serde::de::Visitor<'de> for Visit {
            type Value = Names<'de>;

            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a list of actor ids")
            }

            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> Result<Names<'de>, A::Error> {
                let mut names = Names::default();
                let mut n = 0;
                while let Some(Name(name)) = seq.next_element::<Name<'de>>()? {
                    match names.first.get_mut(n) {
                        Some(slot) => *slot = Some(name),
                        None => names.more.push(name),
                    }
                    n += 1;
                }
                Ok(names)
            }
        }
        deserializer.deserialize_seq(Visit)
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSource {
    #[serde(default)]
    by: Option<String>,
    #[serde(default)]
    outlet: Option<String>,
    #[serde(default)]
    reported: Option<String>,
    #[serde(default)]
    quote: Option<String>,
    #[serde(default)]
    url: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLink {
    from: String,
    to: String,
    kind: LinkKind,
    #[serde(default)]
    note: Option<String>,
}

/// Whether `text` is a JSON object whose first key is `format`, as Swimline writes it: such a
/// file takes the fast typed path without being parsed twice.
pub fn looks_native(text: &str) -> bool {
    let text = text.trim_start_matches('\u{feff}').trim_start();
    text.strip_prefix('{')
        .is_some_and(|rest| rest.trim_start().starts_with("\"format\""))
}

/// Reads a `swimline/1` document. `file` names the file in messages.
pub fn parse(file: &str, text: &str) -> Result<Dataset, LoadError> {
    parse_split(file, text, SPLIT_BYTES)
}

/// As [`parse`], with documents larger than `split_bytes` read on two threads.
fn parse_split(file: &str, text: &str, split_bytes: usize) -> Result<Dataset, LoadError> {
    let split = (text.len() > split_bytes)
        .then(|| read_split(text))
        .flatten();
    let whole = || {
        with_events_hint(text.len() / EVENT_BYTES_GUESS, || {
            serde_json::from_str(text)
        })
    };
    let raw: RawFile = match split.map_or_else(whole, Ok) {
        Ok(raw) => raw,
        Err(_) if super::progress::cancelled() => {
            return Err(LoadError::Cancelled {
                file: file.to_owned(),
            });
        }
        Err(_) => return Err(syntax_error(file, text)),
    };
    super::progress::current(|p| {
        p.set_events(raw.events.draft.len());
        p.set_stage(super::progress::Stage::Checking);
    });
    if raw.format != FORMAT_TAG {
        return Err(located(file, text, vec![wrong_format(&raw.format)]));
    }
    let draft = convert(raw).map_err(|errors| located(file, text, errors))?;
    Dataset::build(draft).map_err(|errors| located(file, text, errors))
}

/// Re-reads a document that failed, this time tracking the path, for a message that names
/// the field. (The fast path does not pay for path tracking.)
fn syntax_error(file: &str, text: &str) -> LoadError {
    // A JSON file of another kind fails on its first unfamiliar field; say what it lacks instead.
    #[derive(Deserialize)]
    struct FormatProbe {
        format: Option<serde_json::Value>,
    }
    if let Ok(probe) = serde_json::from_str::<FormatProbe>(text) {
        match probe.format {
            None => {
                return LoadError::content(
                    file,
                    Problem {
                        location: Some(Location { line: 1, column: 1 }),
                        field: None,
                        message: format!(
                            "this JSON is not a Swimline file: expected an object with \
                             \"format\": \"{FORMAT_TAG}\""
                        ),
                    },
                );
            }
            Some(serde_json::Value::String(tag)) if tag != FORMAT_TAG => {
                return located(file, text, vec![wrong_format(&tag)]);
            }
            Some(_) => {}
        }
    }
    let mut de = serde_json::Deserializer::from_str(text);
    let result: Result<RawFile, _> = serde_path_to_error::deserialize(&mut de);
    let (field, inner) = match result {
        Ok(_) => (None, None),
        Err(e) => {
            // serde_path_to_error writes `?` for a field it had not reached a name for.
            let path = e.path().to_string();
            let path = path.trim_end_matches(".?").trim_end_matches('?').to_owned();
            let field = (!path.is_empty() && path != ".").then_some(path);
            (field, Some(e.into_inner()))
        }
    };
    let Some(inner) = inner else {
        // Unreachable in practice: the same text failed a moment ago.
        return LoadError::content(
            file,
            Problem {
                location: None,
                field: None,
                message: "the file could not be read as JSON".to_owned(),
            },
        );
    };
    if inner.is_syntax()
        && let Some(error) = super::json::comment_error(file, text, inner.line(), inner.column())
    {
        return error;
    }
    let full = inner.to_string();
    let message = super::json::strip_position(&full);
    let message = if inner.is_eof() {
        format!("{message}: the file ends too early (is it cut short?)")
    } else if message.starts_with("the field \"format\" is missing") {
        format!(
            "{message}: expected a Swimline JSON object that starts with \"format\": \"{FORMAT_TAG}\""
        )
    } else {
        message
    };
    LoadError::content(
        file,
        Problem {
            location: (inner.line() > 0).then_some(Location {
                line: inner.line(),
                column: inner.column().max(1),
            }),
            field,
            message,
        },
    )
}

fn wrong_format(tag: &str) -> ModelError {
    ModelError::new(
        FieldPath(vec![PathSeg::Key("format".to_owned())]),
        format!(
            "expected \"{FORMAT_TAG}\", found \"{tag}\": this file is not in a format this \
             version of Swimline reads"
        ),
    )
}

/// Places each problem on a line and column of `text`.
fn located(file: &str, text: &str, errors: Vec<ModelError>) -> LoadError {
    let problems = errors
        .into_iter()
        .map(|e| Problem {
            location: locate(text, &e.path.0).map(|offset| Location::of_offset(text, offset)),
            field: Some(e.path.to_string()),
            message: e.message,
        })
        .collect();
    LoadError::Content {
        file: file.to_owned(),
        problems,
    }
}

fn convert(raw: RawFile) -> Result<DatasetDraft, Vec<ModelError>> {
    let mut errors = Vec::new();
    let actors = raw
        .actors
        .into_iter()
        .enumerate()
        .map(|(i, a)| {
            let color = a.color.and_then(|c| match c.parse::<Rgb>() {
                Ok(rgb) => Some(rgb),
                Err(message) => {
                    errors.push(ModelError::new(
                        FieldPath::item_field("actors", i, "color"),
                        message,
                    ));
                    None
                }
            });
            ActorDraft {
                name: a.name.unwrap_or_else(|| a.id.clone()),
                id: a.id,
                group: a.group,
                color,
                description: a.description,
            }
        })
        .collect();
    errors.extend(raw.events.errors);
    let events = raw.events.draft;
    let links = raw
        .links
        .into_iter()
        .map(|l| LinkDraft {
            from: l.from,
            to: l.to,
            kind: l.kind,
            note: l.note,
        })
        .collect();
    let mut periods = Vec::with_capacity(raw.periods.len());
    for (i, p) in raw.periods.into_iter().enumerate() {
        let color = p.color.and_then(|c| match c.parse::<Rgb>() {
            Ok(rgb) => Some(rgb),
            Err(message) => {
                errors.push(ModelError::new(
                    FieldPath::item_field("periods", i, "color"),
                    message,
                ));
                None
            }
        });
        match p.time.parse::<TimeSpec>() {
            Ok(time) => periods.push(PeriodDraft {
                title: p.title,
                time,
                color,
            }),
            Err(err) => errors.push(ModelError::new(
                FieldPath::item_field("periods", i, "time"),
                err.to_string(),
            )),
        }
    }
    if errors.is_empty() {
        Ok(DatasetDraft {
            title: raw.title.unwrap_or_default(),
            description: raw.description,
            actors,
            events,
            links,
            periods,
            ..DatasetDraft::default()
        })
    } else {
        Err(errors)
    }
}
