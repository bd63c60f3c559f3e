//! The validated dataset: actors (one swimlane each), events, and links between events.
//!
//! Loaders fill a [`DatasetDraft`] with ids as written; [`Dataset::build`] checks every id and
//! reference, resolves every time, and returns either a dataset the rest of the program can trust
//! or every problem found, each naming its field.

// Keyed by ids from files: seeded per process (std's RandomState), not FxHash.
use std::collections::HashMap;

use super::date::TimeSpec;
use super::error::{FieldPath, ModelError};
pub use super::events::EventDraft;
use super::events::{Events, EventsDraft};
pub use super::kinds::{EventKind, LinkKind, Rgb, Source};
use super::resolve::{Refs, ResolvedTime, resolve_pending};

/// An actor as written in a file.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ActorDraft {
    /// Unique id that events refer to.
    pub id: String,
    /// Name shown on the lane.
    pub name: String,
    /// A group of lanes this actor belongs to.
    pub group: Option<String>,
    /// The lane's colour.
    pub color: Option<Rgb>,
    /// Who the actor is, e.g. the people who speak for it.
    pub description: Option<String>,
}

/// A named stretch of time drawn as a band behind the lanes (an era), as written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PeriodDraft {
    /// The band's label.
    pub title: String,
    /// When the period runs; may be relative to events.
    pub time: TimeSpec,
    /// The band's colour.
    pub color: Option<Rgb>,
}

/// A validated period: a labelled band behind the lanes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Period {
    /// The band's label.
    pub title: String,
    /// When the period runs, as written.
    pub time: TimeSpec,
    /// When the period runs, resolved.
    pub when: ResolvedTime,
    /// The band's colour, if the file gave one.
    pub color: Option<Rgb>,
}

/// A link as written in a file, with events by id.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LinkDraft {
    /// The id of the event the link starts from (the denial).
    pub from: String,
    /// The id of the event it points to (the claim denied).
    pub to: String,
    /// The relation.
    pub kind: LinkKind,
    /// Why the link holds, in words.
    pub note: Option<String>,
}

/// What a dataset's lanes are, for the words that name them ("Actors", "Sources"): decided by
/// the reader that loaded it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum LanesWord {
    /// People, groups, countries: who did what (Swimline's own files, news data).
    #[default]
    Actors,
    /// Where a record came from: a log, an artefact, a parser, a host (forensic timelines,
    /// Timesketch and Plaso), where "actor" would say someone acted.
    Sources,
}

impl LanesWord {
    /// The heading over the lanes and the details' section: `Actors`, `Sources`.
    pub fn heading(self) -> &'static str {
        match self {
            Self::Actors => "Actors",
            Self::Sources => "Sources",
        }
    }
}

/// A dataset as written in a file, not yet checked.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DatasetDraft {
    /// Shown in the window title.
    pub title: String,
    /// What the dataset is about and where it comes from.
    pub description: Option<String>,
    /// The actors, one lane each.
    pub actors: Vec<ActorDraft>,
    /// The events.
    pub events: EventsDraft,
    /// The links between events.
    pub links: Vec<LinkDraft>,
    /// Eras: labelled bands behind the lanes.
    pub periods: Vec<PeriodDraft>,
    /// What the lanes are, as the reader knows them.
    pub lanes_word: LanesWord,
}

/// An actor: one swimlane.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Actor {
    /// Unique among the dataset's actors.
    pub id: String,
    /// Name shown on the lane.
    pub name: String,
    /// A group of lanes this actor belongs to.
    pub group: Option<String>,
    /// The lane's colour, if the file gave one.
    pub color: Option<Rgb>,
    /// Who the actor is.
    pub description: Option<String>,
}

/// A validated link between two events.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Link {
    /// Index into [`Dataset::events`] of the event the link starts from.
    pub from: usize,
    /// Index into [`Dataset::events`] of the event it points to.
    pub to: usize,
    /// The relation.
    pub kind: LinkKind,
    /// Why the link holds.
    pub note: Option<String>,
}

/// A dataset whose ids are unique, whose references resolve and whose times are resolved.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Dataset {
    /// Shown in the window title.
    pub title: String,
    /// What the dataset is about.
    pub description: Option<String>,
    /// One lane each, in file order.
    pub actors: Vec<Actor>,
    /// In file order.
    pub events: Events,
    /// Links between events.
    pub links: Vec<Link>,
    /// Eras: labelled bands behind the lanes.
    pub periods: Vec<Period>,
    /// What the lanes are (actors, or sources of records), for the words that name them.
    pub lanes_word: LanesWord,
}

impl Dataset {
    /// Checks a draft and resolves its times. Returns every problem found, not only the first.
    pub fn build(draft: DatasetDraft) -> Result<Self, Vec<ModelError>> {
        Self::build_or_return(draft).map_err(|failed| failed.0)
    }

    /// As [`Dataset::build`], but a draft that fails comes back with the errors, so a caller can
    /// mend it and try again without having kept a copy.
    pub fn build_or_return(
        mut draft: DatasetDraft,
    ) -> Result<Self, Box<(Vec<ModelError>, DatasetDraft)>> {
        draft.events.settle();
        let mut errors = Vec::new();

        let actor_index = check_actors(&draft.actors, &mut errors);

        let parts = draft.events.parts();
        let n_events = parts.events.len();
        let actor_of_name: Vec<Option<u32>> = parts
            .actor_names
            .iter()
            .map(|name| actor_index.get(name.as_str()).map(|&a| a as u32))
            .collect();
        // The problems with each event's lanes (the store maps them to actors in place when
        // the dataset is built). Finding repeated ids (a sort of a million hashes) runs on a
        // second thread meanwhile, for a large dataset.
        let mut lane_errors: Vec<(u32, ModelError)> = Vec::new();
        let mut lay_out = || {
            for i in 0..n_events {
                for (k, &name) in parts.lanes(i).iter().enumerate() {
                    if actor_of_name[name as usize].is_none() {
                        lane_errors.push((
                            i as u32,
                            ModelError::new(
                                FieldPath::item_field("events", i, "actors").index(k),
                                format!(
                                    "no actor has the id \"{}\": expected one of {}",
                                    parts.actor_names[name as usize],
                                    list_ids(draft.actors.iter().map(|a| a.id.as_str()))
                                ),
                            ),
                        ));
                    }
                }
            }
        };
        let repeated = if n_events < PARALLEL_EVENTS {
            lay_out();
            draft.events.repeated_ids()
        } else {
            std::thread::scope(|scope| {
                let repeated = scope.spawn(|| draft.events.repeated_ids());
                lay_out();
                repeated.join()
            })
            .unwrap_or_else(|_| draft.events.repeated_ids())
        };
        errors.extend(event_problems(&parts, repeated, lane_errors));

        // Every id a link or a relative date refers to, found in one pass over the events
        // (cheaper than a table of all ids when a few thousand are asked for among a million).
        let pending: Vec<&TimeSpec> = parts
            .relative
            .iter()
            .map(|(_, time)| time)
            .chain(draft.periods.iter().map(|p| &p.time))
            .collect();
        let referenced = draft.events.find_ids(
            draft
                .links
                .iter()
                .flat_map(|l| [l.from.as_str(), l.to.as_str()])
                .chain(
                    pending
                        .iter()
                        .flat_map(|t| t.references().map(|r| r.event.as_str())),
                ),
        );
        let event_of_id = |id: &str| referenced.get(id).copied();

        let links = check_links(&draft.links, event_of_id, &mut errors);

        // Times that refer to other events resolve now, with the periods (which may be
        // relative to events too); every other time was resolved as it was read.
        errors.extend(parts.time_problems.iter().map(|(_, e)| e.clone()));
        let n_relative = parts.relative.len();
        let failed = |e: usize| {
            parts
                .time_problems
                .binary_search_by_key(&(e as u32), |(i, _)| *i)
                .is_ok()
        };
        // The relative events' numbers, apart: searched once per reference, a compact array
        // keeps the search in cache (over the 72-byte pairs it was a twentieth of a 10M load).
        let relative_events: Vec<u32> = parts.relative.iter().map(|(e, _)| *e).collect();
        let refs = Refs {
            event_of_id,
            slot_of_event: |e: usize| relative_events.binary_search(&(e as u32)).ok(),
            known: |e: usize| (!failed(e)).then(|| parts.events.when(e)),
            id_of: |slot: usize| match parts.relative.get(slot) {
                Some((e, _)) => parts.events.at(*e as usize).id().to_owned(),
                None => format!("periods[{}]", slot - n_relative),
            },
        };
        let time_path = |slot: usize| match parts.relative.get(slot) {
            Some((e, _)) => FieldPath::item_field("events", *e as usize, "time"),
            None => FieldPath::item_field("periods", slot - n_relative, "time"),
        };
        let mut resolved = match resolve_pending(&pending, refs, time_path) {
            Ok(resolved) => resolved,
            Err(mut time_errors) => {
                errors.append(&mut time_errors);
                Vec::new()
            }
        };
        let period_times = resolved.split_off(resolved.len().min(n_relative));

        if !errors.is_empty() {
            return Err(Box::new((errors, draft)));
        }

        let actors = draft.actors.into_iter().map(Actor::from).collect();
        let events = draft.events.finish(&actor_of_name, &resolved);
        let periods = draft
            .periods
            .into_iter()
            .zip(period_times)
            .map(|(p, when)| Period {
                title: p.title,
                time: p.time,
                when,
                color: p.color,
            })
            .collect();
        Ok(Self {
            title: draft.title,
            description: draft.description,
            actors,
            events,
            links,
            periods,
            lanes_word: draft.lanes_word,
        })
    }

    /// The earliest and latest instants any event or period may touch, in seconds; `None`
    /// when there are none.
    pub fn extent_secs(&self) -> Option<(i64, i64)> {
        let times = self
            .events
            .iter()
            .map(|e| e.when())
            .chain(self.periods.iter().map(|p| p.when));
        let first = times.clone().map(|w| w.earliest()).min()?;
        let last = times.map(|w| w.latest()).max()?;
        Some((first, last))
    }

    /// The links that start or end at `event`, each with the event at its other end.
    pub fn links_of(&self, event: usize) -> impl Iterator<Item = (&Link, usize)> {
        self.links.iter().filter_map(move |link| {
            if link.from == event {
                Some((link, link.to))
            } else if link.to == event {
                Some((link, link.from))
            } else {
                None
            }
        })
    }

    /// The dataset as a draft again (ids as written), so that events can be added to it and it
    /// be checked anew: how the analyst's own events join the file's.
    pub fn to_draft(&self) -> DatasetDraft {
        let actor_id = |a: u32| self.actors[a as usize].id.clone();
        let events = self
            .events
            .iter()
            .map(|e| EventDraft {
                id: e.id().to_owned(),
                title: e.title().to_owned(),
                description: e.description().map(str::to_owned),
                time: e.time(),
                actors: e.actors().iter().map(|&a| actor_id(a)).collect(),
                kind: e.kind(),
                source: e.source().map(|s| Box::new(s.clone())),
                tags: e.tags().to_vec(),
                attributes: e.attributes().to_vec(),
            })
            .collect();
        DatasetDraft {
            title: self.title.clone(),
            description: self.description.clone(),
            actors: self
                .actors
                .iter()
                .map(|a| ActorDraft {
                    id: a.id.clone(),
                    name: a.name.clone(),
                    group: a.group.clone(),
                    color: a.color,
                    description: a.description.clone(),
                })
                .collect(),
            events,
            links: self
                .links
                .iter()
                .map(|l| LinkDraft {
                    from: self.events.at(l.from).id().to_owned(),
                    to: self.events.at(l.to).id().to_owned(),
                    kind: l.kind,
                    note: l.note.clone(),
                })
                .collect(),
            periods: self
                .periods
                .iter()
                .map(|p| PeriodDraft {
                    title: p.title.clone(),
                    time: p.time.clone(),
                    color: p.color,
                })
                .collect(),
            lanes_word: self.lanes_word,
        }
    }

    /// The index of the event with this id.
    pub fn event_by_id(&self, id: &str) -> Option<usize> {
        self.events.find(id)
    }
}

/// Events above which checking a dataset uses a second thread.
const PARALLEL_EVENTS: usize = 100_000;

/// `"a", "b", "c"` (at most eight, then `…`), for messages that list what was expected.
fn list_ids<'a>(ids: impl Iterator<Item = &'a str>) -> String {
    let ids: Vec<&str> = ids.collect();
    if ids.is_empty() {
        return "no actors (the file defines none)".to_owned();
    }
    let mut shown: Vec<String> = ids.iter().take(8).map(|id| format!("\"{id}\"")).collect();
    if ids.len() > 8 {
        shown.push(format!("… ({} in all)", ids.len()));
    }
    shown.join(", ")
}

/// The problems of single events, in event order; within an event, a repeated id first, then
/// the problems found while reading, then its actors.
fn event_problems(
    parts: &super::events::DraftParts<'_>,
    repeated: Vec<(usize, usize)>,
    lane_errors: Vec<(u32, ModelError)>,
) -> Vec<ModelError> {
    let mut event_problems: Vec<(u32, ModelError)> = repeated
        .into_iter()
        .map(|(i, first)| {
            (
                i as u32,
                ModelError::new(
                    FieldPath::item_field("events", i, "id"),
                    format!(
                        "the id \"{}\" is already used by events[{first}]",
                        parts.events.at(i).id()
                    ),
                ),
            )
        })
        .chain(parts.problems.iter().cloned())
        .chain(lane_errors)
        .collect();
    event_problems.sort_by_key(|(i, _)| *i);
    event_problems.into_iter().map(|(_, e)| e).collect()
}

/// Each actor's id, checked: empty and repeated ids are errors. The index of each id.
fn check_actors<'a>(
    actors: &'a [ActorDraft],
    errors: &mut Vec<ModelError>,
) -> HashMap<&'a str, usize> {
    let mut actor_index: HashMap<&str, usize> = HashMap::default();
    for (i, actor) in actors.iter().enumerate() {
        if actor.id.trim().is_empty() {
            errors.push(ModelError::new(
                FieldPath::item_field("actors", i, "id"),
                "expected a non-empty id",
            ));
        } else if let Some(first) = actor_index.insert(actor.id.as_str(), i) {
            errors.push(ModelError::new(
                FieldPath::item_field("actors", i, "id"),
                format!("the id \"{}\" is already used by actors[{first}]", actor.id),
            ));
        }
    }
    actor_index
}

/// The links, with their ends found by id: an unknown id or a link from an event to itself is
/// an error.
fn check_links(
    drafts: &[LinkDraft],
    event_of_id: impl Fn(&str) -> Option<usize>,
    errors: &mut Vec<ModelError>,
) -> Vec<Link> {
    let mut links = Vec::with_capacity(drafts.len());
    for (i, link) in drafts.iter().enumerate() {
        let from = event_of_id(&link.from);
        let to = event_of_id(&link.to);
        for (field, id, found) in [("from", &link.from, from), ("to", &link.to, to)] {
            if found.is_none() {
                errors.push(ModelError::new(
                    FieldPath::item_field("links", i, field),
                    format!("no event has the id \"{id}\""),
                ));
            }
        }
        if let (Some(from), Some(to)) = (from, to) {
            if from == to {
                errors.push(ModelError::new(
                    FieldPath::item_field("links", i, "to"),
                    "a link must join two different events",
                ));
            }
            links.push(Link {
                from,
                to,
                kind: link.kind,
                note: link.note.clone(),
            });
        }
    }
    links
}

impl From<ActorDraft> for Actor {
    /// An actor as checked: a blank name is its id.
    fn from(a: ActorDraft) -> Self {
        Self {
            name: if a.name.trim().is_empty() {
                a.id.clone()
            } else {
                a.name
            },
            id: a.id,
            group: a.group,
            color: a.color,
            description: a.description,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{
        ActorDraft, Dataset, DatasetDraft, EventDraft, EventKind, LinkDraft, LinkKind, Rgb,
    };

    fn actor(id: &str) -> ActorDraft {
        ActorDraft {
            id: id.to_owned(),
            name: id.to_uppercase(),
            ..ActorDraft::default()
        }
    }

    fn event(id: &str, time: &str, actors: &[&str]) -> EventDraft {
        EventDraft {
            id: id.to_owned(),
            title: format!("event {id}"),
            description: None,
            time: time.parse().unwrap_or_else(|e| panic!("{time}: {e}")),
            actors: actors.iter().map(|a| (*a).to_owned()).collect(),
            kind: EventKind::Action,
            source: None,
            tags: Vec::new(),
            attributes: Vec::new(),
        }
    }

    #[test]
    fn a_valid_draft_builds() {
        let draft = DatasetDraft {
            title: "t".to_owned(),
            actors: vec![actor("us"), actor("ru")],
            events: [
                event("claim", "2018-03", &["us"]),
                event("denial", "2018-03~", &["ru", "ru"]),
            ]
            .into_iter()
            .collect(),
            links: vec![LinkDraft {
                from: "denial".to_owned(),
                to: "claim".to_owned(),
                kind: LinkKind::Denies,
                note: None,
            }],
            ..DatasetDraft::default()
        };
        let dataset = Dataset::build(draft).unwrap_or_default();
        assert_eq!(dataset.events.len(), 2);
        assert_eq!(
            dataset.events.at(1).actors(),
            [1],
            "repeated actor kept once"
        );
        assert_eq!(dataset.links[0].from, 1);
        assert!(dataset.extent_secs().is_some());
    }

    #[test]
    fn every_problem_is_reported_with_its_field() {
        let draft = DatasetDraft {
            actors: vec![actor("us"), actor("us")],
            events: [event("a", "2018", &["us", "xx"]), event("a", "@{zz}", &[])]
                .into_iter()
                .collect(),
            links: vec![LinkDraft {
                from: "a".to_owned(),
                to: "missing".to_owned(),
                kind: LinkKind::Denies,
                note: None,
            }],
            ..DatasetDraft::default()
        };
        let errors: Vec<String> = Dataset::build(draft)
            .err()
            .unwrap_or_default()
            .iter()
            .map(ToString::to_string)
            .collect();
        assert_eq!(
            errors,
            vec![
                "actors[1].id: the id \"us\" is already used by actors[0]".to_owned(),
                "events[0].actors[1]: no actor has the id \"xx\": expected one of \"us\", \"us\""
                    .to_owned(),
                "events[1].id: the id \"a\" is already used by events[0]".to_owned(),
                "links[0].to: no event has the id \"missing\"".to_owned(),
                "events[1].time: refers to event \"zz\", but no event has that id".to_owned(),
            ]
        );
    }

    #[test]
    fn colours() {
        assert_eq!("#ff8000".parse::<Rgb>(), Ok(Rgb([255, 128, 0])));
        assert_eq!(Rgb([1, 2, 3]).to_string(), "#010203");
        assert!("#ff80".parse::<Rgb>().is_err());
        assert!("#gg0000".parse::<Rgb>().is_err());
    }
}
