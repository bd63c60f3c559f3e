//! The event store while a file is read: events pushed one by one (straight from the reader,
//! no intermediate list), times resolved as read where they refer to no other event, ids
//! checked in bulk, and the parts [`crate::model::Dataset::build`] takes apart.

use hashbrown::HashTable;
use std::hash::BuildHasher;

use super::detail::{NO_SOURCE, NO_TEXT, SourceTable, StoredDetail, WordTable};
use super::{
    DetailParts, Event, EventDraft, Events, NO_DETAIL, NO_LANES, ONE_LANE, Record, UNCERTAIN, WIDE,
};
use crate::model::date::{Endpoint, TimeSpec, trim};
use crate::model::error::{FieldPath, ModelError, PathSeg};
use crate::model::kinds::{Certainty, EventKind};
use crate::model::resolve::{ResolvedTime, resolve_absolute};

/// Events as a file is read: ids as written, actors by name. Feed it with
/// [`EventsDraft::push`]; [`crate::model::Dataset::build`] finishes it.
#[derive(Clone, Debug, Default)]
pub struct EventsDraft {
    events: Events,
    /// A 32-bit hash of each event's id, by event (0 for an empty id).
    id_hashes: Vec<u32>,
    /// No two events have the same id (known since [`EventsDraft::rename_repeated_ids`]; any
    /// push clears it).
    ids_unique: bool,
    /// Actor ids as the events name them, each once; records' lanes index this list.
    actor_names: Vec<String>,
    actor_table: HashTable<u32>,
    /// The number of each tag and attribute word kept in the events' words.
    word_table: WordTable,
    /// The number of each source kept in the events' sources.
    source_table: SourceTable,
    /// Events whose time refers to other events, with that time, by event index.
    relative: Vec<(u32, TimeSpec)>,
    /// Problems found while pushing (empty id or title, repeated id), by event index.
    problems: Vec<(u32, ModelError)>,
    /// Times that do not resolve on their own (an end before its start, out of range).
    time_problems: Vec<(u32, ModelError)>,
    /// Drafts that come after this one, appended by [`EventsDraft::settle`] (a large file's
    /// second half, kept apart until the file's text is freed).
    deferred: Vec<EventsDraft>,
}

impl PartialEq for EventsDraft {
    fn eq(&self, other: &Self) -> bool {
        self.events == other.events && self.actor_names == other.actor_names
    }
}

impl Eq for EventsDraft {}

/// The hasher of ids and actor names, seeded once per process from the system's randomness
/// (SipHash, std's `RandomState`): a file crafted so that its ids collide under a hash fixed in
/// advance (as FxHash is) cannot make loading quadratic.
static IDS: std::sync::LazyLock<std::hash::RandomState> =
    std::sync::LazyLock::new(std::hash::RandomState::new);

mod ids;

fn hash(text: &str) -> u64 {
    IDS.hash_one(text)
}

/// An id's hash as kept per event: 32 bits (ids are compared where hashes meet), never 0
/// (which marks an empty id).
fn id_hash(id: &str) -> u32 {
    (hash(id) >> 32).max(1) as u32
}

impl EventsDraft {
    /// How many events have been pushed (deferred ones included).
    pub fn len(&self) -> usize {
        self.events.len() + self.deferred.iter().map(EventsDraft::len).sum::<usize>()
    }

    /// Whether none has.
    pub fn is_empty(&self) -> bool {
        self.events.is_empty()
    }

    /// The event pushed as `index`, with its actors as the file named them.
    pub fn get(&self, index: usize) -> Option<Event<'_>> {
        self.events.get(index)
    }

    /// The store being filled (for the store's tests).
    #[cfg(test)]
    pub(super) fn store(&self) -> &Events {
        &self.events
    }

    /// The id of event `index`.
    pub fn id(&self, index: usize) -> &str {
        self.events.at(index).id()
    }

    /// Makes room for `events` more events with `text_bytes` of id, title and time in all, so
    /// that a large file fills its arrays without growing them step by step.
    pub fn reserve(&mut self, events: usize, text_bytes: usize) {
        self.events.records.reserve(events);
        // Most events have one or two lanes: room for two each (pages never written cost
        // nothing), so the array is not copied as it grows.
        self.events.lanes.reserve(events * 2);
        self.events.text.reserve(text_bytes);
        self.id_hashes.reserve(events);
    }

    /// Adds an event.
    pub fn push(&mut self, event: EventDraft) {
        let time_text = event.time.to_string();
        let detail = DetailParts {
            description: event.description.as_deref(),
            source: event.source,
            tags: event.tags.iter().map(String::as_str).collect(),
            attributes: event
                .attributes
                .iter()
                .map(|(n, v)| (n.as_str(), v.as_str()))
                .collect(),
        };
        self.push_parts(
            &event.id,
            &event.title,
            event.time,
            &time_text,
            event.actors.iter().map(String::as_str),
            event.kind,
            detail,
        );
    }

    /// Adds an event from its parts, without an [`EventDraft`] (the fast path of large files).
    /// `time_text` is `time` as written; it must parse back to `time`. A repeated id is found
    /// later, by [`EventsDraft::repeated_ids`].
    #[expect(
        clippy::too_many_arguments,
        reason = "one argument per part of an event"
    )]
    pub fn push_parts<'n>(
        &mut self,
        id: &str,
        title: &str,
        time: TimeSpec,
        time_text: &str,
        actors: impl IntoIterator<Item = &'n str>,
        kind: EventKind,
        detail: DetailParts<'_>,
    ) {
        let index = self.events.records.len();
        let at = index as u32;
        let problem = |field: &str, message: String| {
            (
                at,
                ModelError::new(FieldPath::item_field("events", index, field), message),
            )
        };
        self.ids_unique = false;
        if trim(id).is_empty() {
            self.problems
                .push(problem("id", "expected a non-empty id".to_owned()));
            self.id_hashes.push(0);
        } else {
            self.id_hashes.push(id_hash(id));
        }
        if trim(title).is_empty() {
            self.problems
                .push(problem("title", "expected a non-empty title".to_owned()));
        }
        let lengths = [id.len(), title.len()].map(u32::try_from);
        let ([Ok(id_len), Ok(title_len)], Ok(time_len)) = (lengths, u16::try_from(time_text.len()))
        else {
            self.problems.push(problem(
                "title",
                "the id or title is longer than 4 GiB, or the time longer than 64 KiB".to_owned(),
            ));
            return self.push_record(Record::empty(kind), DetailParts::default());
        };

        let lanes = &mut self.events.lanes;
        let lanes_at = lanes.len();
        lanes.push(0);
        for name in actors {
            let lane = self.actor_name_index(name);
            self.events.lanes.push(lane);
        }
        let lanes = &mut self.events.lanes;
        let count = lanes.len() - lanes_at - 1;
        if count > usize::from(u16::MAX) {
            self.problems.push(problem(
                "actors",
                format!("names more than {} actors", u16::MAX),
            ));
        }
        let mut record = Record::empty(kind);
        match count {
            1 => {
                record.lanes = lanes[lanes_at + 1];
                record.bits |= ONE_LANE;
                lanes.truncate(lanes_at);
            }
            2..=0xFFFF => {
                lanes[lanes_at] = count as u32;
                record.lanes = lanes_at as u32;
            }
            _ => lanes.truncate(lanes_at),
        }
        let certainty = Certainty::of_time(&time);
        let uncertain = [Some(&time.start), time.end.as_ref()]
            .into_iter()
            .flatten()
            .any(|e| matches!(e, Endpoint::Date(d) if d.uncertain));
        let when = if time.references().next().is_some() {
            self.relative.push((at, time));
            ResolvedTime::default()
        } else {
            resolve_absolute(&time).unwrap_or_else(|message| {
                self.time_problems.push(problem("time", message));
                ResolvedTime::default()
            })
        };
        record.text_at = self.events.text.len() as u64;
        self.events.text.push_str(id);
        self.events.text.push_str(title);
        self.events.text.push_str(time_text);
        record.id_len = id_len;
        record.title_len = title_len;
        record.time_len = time_len;
        record.set_certainty(certainty);
        if uncertain {
            record.bits |= UNCERTAIN;
        }
        record.set_when(when, &mut self.events.wide);
        self.push_record(record, detail);
    }

    fn push_record(&mut self, mut record: Record, detail: DetailParts<'_>) {
        if !detail.is_empty() {
            record.detail = self.events.details.len() as u32;
            let stored = self.store_detail(detail);
            self.events.details.push(stored);
        }
        self.events.records.push(record);
    }

    /// Keeps an event's optional parts: the description in the text arena, each tag and
    /// attribute once among the words. More than 65,535 tags or attributes on one event are
    /// not kept (no file has them; the limit keeps the record small).
    fn store_detail(&mut self, detail: DetailParts<'_>) -> StoredDetail {
        let events = &mut self.events;
        let (description_at, description_len) = match detail.description {
            Some(text) if u32::try_from(text.len()).is_ok_and(|n| n != NO_TEXT) => {
                let at = events.text.len() as u64;
                events.text.push_str(text);
                (at, text.len() as u32)
            }
            _ => (0, NO_TEXT),
        };
        let most = usize::from(u16::MAX);
        let tags_at = events.tags.len() as u32;
        for tag in detail.tags.iter().take(most) {
            let word = self.word_table.intern(&mut events.words, tag);
            events.tags.push(word);
        }
        let cells_at = events.cells.len() as u32;
        for (name, value) in detail.attributes.iter().take(most) {
            let name = self.word_table.intern(&mut events.words, name);
            let value = self.word_table.intern(&mut events.words, value);
            events.cells.push([name, value]);
        }
        let source = detail.source.map_or(NO_SOURCE, |s| {
            self.source_table.intern(&mut events.sources, *s)
        });
        StoredDetail {
            description_at,
            description_len,
            source,
            tags_at,
            tags_len: (events.tags.len() - tags_at as usize) as u16,
            cells_at,
            cells_len: (events.cells.len() - cells_at as usize) as u16,
        }
    }

    fn actor_name_index(&mut self, name: &str) -> u32 {
        let names = &self.actor_names;
        if let Some(&i) = self
            .actor_table
            .find(hash(name), |&i| names[i as usize] == name)
        {
            return i;
        }
        let i = self.actor_names.len() as u32;
        self.actor_names.push(name.to_owned());
        let names = &self.actor_names;
        self.actor_table
            .insert_unique(hash(name), i, |&i| hash(&names[i as usize]));
        i
    }

    /// The actor ids the events named, each once, in order of first appearance.
    pub fn actor_names(&self) -> &[String] {
        &self.actor_names
    }

    /// The actor names event `index` gave, as written (repeats included).
    pub fn actor_names_of(&self, index: usize) -> impl Iterator<Item = &str> {
        self.events
            .at(index)
            .actors()
            .iter()
            .map(|&a| self.actor_names[a as usize].as_str())
    }

    /// Adds the events of `other` after these, later: its actors take their place in the
    /// order of first appearance now, its events at [`EventsDraft::settle`]. Until then only
    /// [`EventsDraft::len`] and [`EventsDraft::actor_names`] count them.
    pub fn defer_append(&mut self, other: EventsDraft) {
        for name in &other.actor_names {
            self.actor_name_index(name);
        }
        self.deferred.push(other);
    }

    /// Appends the drafts deferred by [`EventsDraft::defer_append`], freeing each as it goes.
    pub fn settle(&mut self) {
        for other in std::mem::take(&mut self.deferred) {
            self.append(other);
        }
    }

    /// Adds the events of `other` after these, as if they had been pushed here.
    pub fn append(&mut self, mut other: EventsDraft) {
        other.settle();
        let n = self.events.records.len() as u32;
        let text_offset = self.events.text.len() as u64;
        let details_offset = self.events.details.len() as u32;
        let lanes_of_other: Vec<u32> = other
            .actor_names
            .iter()
            .map(|name| self.actor_name_index(name))
            .collect();
        let events = &mut self.events;
        events.text.push_str(&other.events.text);
        // The other's words get this store's numbers.
        let words = &other.events.words;
        let renumbered: Vec<u32> = (0..words.len() as u32)
            .map(|w| self.word_table.intern(&mut events.words, words.get(w)))
            .collect();
        let (tags_offset, cells_offset) = (events.tags.len() as u32, events.cells.len() as u32);
        let sources: Vec<u32> = other
            .events
            .sources
            .into_iter()
            .map(|s| self.source_table.intern(&mut events.sources, s))
            .collect();
        events
            .tags
            .extend(other.events.tags.iter().map(|&w| renumbered[w as usize]));
        events.cells.extend(
            other
                .events
                .cells
                .iter()
                .map(|&[n, v]| [renumbered[n as usize], renumbered[v as usize]]),
        );
        events
            .details
            .extend(other.events.details.into_iter().map(|mut d| {
                if d.description_len != NO_TEXT {
                    d.description_at += text_offset;
                }
                d.tags_at += tags_offset;
                d.cells_at += cells_offset;
                if d.source != NO_SOURCE {
                    d.source = sources[d.source as usize];
                }
                d
            }));
        events.records.reserve(other.events.records.len());
        for mut record in other.events.records {
            if record.bits & ONE_LANE != 0 {
                record.lanes = lanes_of_other[record.lanes as usize];
            } else if record.lanes != NO_LANES {
                let at = record.lanes as usize;
                let count = other.events.lanes[at] as usize;
                let lanes = &other.events.lanes[at + 1..at + 1 + count];
                record.lanes = events.lanes.len() as u32;
                events.lanes.push(count as u32);
                events
                    .lanes
                    .extend(lanes.iter().map(|&l| lanes_of_other[l as usize]));
            }
            if record.bits & WIDE != 0 {
                events
                    .wide
                    .push(other.events.wide[record.spans[0] as usize]);
                record.spans[0] = (events.wide.len() - 1) as u32;
            }
            record.text_at += text_offset;
            if record.detail != NO_DETAIL {
                record.detail += details_offset;
            }
            events.records.push(record);
        }
        self.id_hashes.extend(other.id_hashes);
        self.ids_unique = false;
        self.relative
            .extend(other.relative.into_iter().map(|(i, time)| (i + n, time)));
        let shift = |(i, mut error): (u32, ModelError)| {
            if let [PathSeg::Key(list), PathSeg::Index(at), ..] = error.path.0.as_mut_slice()
                && list == "events"
            {
                *at += n as usize;
            }
            (i + n, error)
        };
        self.problems.extend(other.problems.into_iter().map(shift));
        self.time_problems
            .extend(other.time_problems.into_iter().map(shift));
    }

    /// This draft with only the events for which `keep(index)` holds (used to drop the events
    /// a dataset rejects and try again).
    pub fn retain(&mut self, keep: impl Fn(usize) -> bool) {
        self.settle();
        let old = std::mem::take(self);
        for i in (0..old.len()).filter(|&i| keep(i)) {
            let event = old.events.at(i);
            let time = match old.relative.binary_search_by_key(&(i as u32), |(e, _)| *e) {
                Ok(slot) => old.relative[slot].1.clone(),
                Err(_) => event.time(),
            };
            self.push_parts(
                event.id(),
                event.title(),
                time,
                event.time_text(),
                old.actor_names_of(i),
                event.kind(),
                event.detail_parts(),
            );
        }
    }

    /// Takes the draft apart for [`crate::model::Dataset::build`].
    pub(crate) fn parts(&self) -> DraftParts<'_> {
        DraftParts {
            events: &self.events,
            actor_names: &self.actor_names,
            relative: &self.relative,
            problems: &self.problems,
            time_problems: &self.time_problems,
        }
    }

    /// The finished store, with each event's lanes (actor name indices) replaced by the
    /// actors `actor_of_name` gives them (repeats and unknown names dropped, in place) and
    /// relative times by `resolved`.
    pub(crate) fn finish(self, actor_of_name: &[Option<u32>], resolved: &[ResolvedTime]) -> Events {
        let mut events = self.events;
        // Ids may have changed (renamed repeats) since any search sorted them.
        events.by_id = super::IdOrder::default();
        let actor = |name: u32| actor_of_name.get(name as usize).copied().flatten();
        for record in &mut events.records {
            if record.bits & ONE_LANE != 0 {
                match actor(record.lanes) {
                    Some(a) => record.lanes = a,
                    None => {
                        record.lanes = NO_LANES;
                        record.bits &= !ONE_LANE;
                    }
                }
            } else if record.lanes != NO_LANES {
                let at = record.lanes as usize;
                let count = events.lanes[at] as usize;
                let mut kept = 0;
                for k in 0..count {
                    if let Some(a) = actor(events.lanes[at + 1 + k])
                        && !events.lanes[at + 1..at + 1 + kept].contains(&a)
                    {
                        events.lanes[at + 1 + kept] = a;
                        kept += 1;
                    }
                }
                match kept {
                    0 => record.lanes = NO_LANES,
                    1 => {
                        record.lanes = events.lanes[at + 1];
                        record.bits |= ONE_LANE;
                    }
                    _ => events.lanes[at] = kept as u32,
                }
            }
        }
        for ((event, _), when) in self.relative.iter().zip(resolved) {
            events.records[*event as usize].set_when(*when, &mut events.wide);
        }
        events.records.shrink_to_fit();
        events.text.shrink_to_fit();
        events.lanes.shrink_to_fit();
        events.wide.shrink_to_fit();
        events.details.shrink_to_fit();
        events.words.shrink_to_fit();
        events.tags.shrink_to_fit();
        events.cells.shrink_to_fit();
        events.sources.shrink_to_fit();
        events
    }
}

impl FromIterator<EventDraft> for EventsDraft {
    fn from_iter<I: IntoIterator<Item = EventDraft>>(events: I) -> Self {
        let mut draft = Self::default();
        for event in events {
            draft.push(event);
        }
        draft
    }
}

/// A borrowed view of a draft, for validation.
pub(crate) struct DraftParts<'a> {
    pub events: &'a Events,
    pub actor_names: &'a [String],
    pub relative: &'a [(u32, TimeSpec)],
    pub problems: &'a [(u32, ModelError)],
    pub time_problems: &'a [(u32, ModelError)],
}

impl DraftParts<'_> {
    /// The lanes (actor name indices) event `index` gave, repeats included.
    pub fn lanes(&self, index: usize) -> &[u32] {
        self.events.at(index).actors()
    }
}
