//! The events of a dataset, stored for a million of them.
//!
//! What every frame, filter and index build reads — the resolved time, the kind, how certain the
//! date is, and the lanes — sits in one packed `Record` per event (48 bytes: the time as its
//! first instant and three 32-bit offsets, with the rare wider times kept whole beside; one lane
//! in the record itself). The text (id, title and the time as written) lives in one arena
//! string, the lanes of events with several in one array, and the parts most imported events
//! lack (description, source, tags, attributes) in a side table that only events with such
//! parts use, with every tag and attribute kept once however many events repeat it
//! (`detail.rs`). Loading a million events therefore makes a
//! handful of large allocations instead of several small ones per event.
//!
//! [`EventsDraft`] fills the same store while a file is read. It resolves every time that does
//! not depend on another event at once and keeps only the relative ones for
//! [`crate::model::Dataset::build`]. Ids are checked in bulk at the end (a sort of their
//! hashes), and the ids that links and relative dates refer to are found in one pass over the
//! events: inserting a million ids into a hash table one by one cost a cache miss or two each,
//! a quarter of the whole load.

mod detail;
mod draft;
#[cfg(test)]
mod tests;

pub use detail::{AttributeIter, Attributes, DetailParts, TagIter, Tags};
pub(crate) use draft::DraftParts;
pub use draft::EventsDraft;

use detail::{NO_SOURCE, NO_TEXT, StoredDetail, Words};

use super::date::{Bounds, Endpoint, TimeSpec};
use super::kinds::{Certainty, EventKind, Source};
use super::resolve::ResolvedTime;
use super::time::Timestamp;

/// An event as written in a file, with references by id.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EventDraft {
    /// Unique id that links and relative dates refer to.
    pub id: String,
    /// One line that says what happened.
    pub title: String,
    /// Longer text.
    pub description: Option<String>,
    /// When it happened, as written.
    pub time: TimeSpec,
    /// Ids of the actors involved; the event appears in each one's lane.
    pub actors: Vec<String>,
    /// What the event is.
    pub kind: EventKind,
    /// Who said or reported it (boxed: most imported events have none).
    pub source: Option<Box<Source>>,
    /// Free labels.
    pub tags: Vec<String>,
    /// Other fields the file carried (a CSV's extra columns, a TimelineJS media credit), as
    /// name and value, shown in the details panel.
    pub attributes: Vec<(String, String)>,
}

/// The events of a dataset, in file order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Events {
    records: Vec<Record>,
    /// Each event's id, title and time as written, one after the other.
    text: String,
    /// The lanes of events with more than one: each event's count, then its lanes (indices
    /// into the dataset's actors; while drafting, into [`EventsDraft`]'s actor names). An
    /// event with one lane keeps it in its record.
    lanes: Vec<u32>,
    /// The resolved times that do not fit a record's offsets (see [`Record::spans`]).
    wide: Vec<ResolvedTime>,
    details: Vec<StoredDetail>,
    /// Every tag, attribute name and attribute value, each once.
    words: Words,
    /// Each event's tags, as word numbers, one event after the other.
    tags: Vec<u32>,
    /// Each event's attributes, as (name, value) word numbers, one event after the other.
    cells: Vec<[u32; 2]>,
    /// The sources events name, each once.
    sources: Vec<Source>,
    /// The events in the order of their ids, made the first time an id is looked up.
    by_id: IdOrder,
}

/// The events' numbers sorted by id, made on first use by [`Events::find`] (4 bytes an event):
/// an export that names the event each relative date counts from looked each one up by
/// scanning, and 1M events took a minute. Not part of what makes two stores equal.
#[derive(Clone, Default)]
struct IdOrder(std::sync::OnceLock<Vec<u32>>);

impl PartialEq for IdOrder {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl Eq for IdOrder {}

impl std::fmt::Debug for IdOrder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("IdOrder")
    }
}

/// Stores of fewer events are searched from the start rather than sorted by id.
const FIND_BY_SCAN: usize = 64;

/// The packed part of an event. 48 bytes: at 10M events every byte here is 10 MB.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Record {
    /// The first instant the event may touch (its start's earliest bound).
    earliest: i64,
    text_at: u64,
    /// The three other bounds, in seconds after `earliest`: the start's latest, the end's
    /// earliest and the end's latest. A time one of them does not fit (wider than 136 years,
    /// or an end before the start) is kept whole in [`Events::wide`], `spans[0]` its index
    /// there, and the record is marked [`WIDE`].
    spans: [u32; 3],
    id_len: u32,
    title_len: u32,
    /// The event's lane when it has one ([`ONE_LANE`]); else where its lanes begin in
    /// [`Events::lanes`] (their count first), or [`NO_LANES`].
    lanes: u32,
    /// Index into [`Events::details`], or [`NO_DETAIL`].
    detail: u32,
    /// A time as written is short; one longer than 64 KiB is refused.
    time_len: u16,
    kind: EventKind,
    /// The certainty (two bits) and the flags below.
    bits: u8,
}

const _: () = assert!(std::mem::size_of::<Record>() == 48);

const NO_DETAIL: u32 = u32::MAX;
const NO_LANES: u32 = u32::MAX;
const CERTAINTY: u8 = 0b11;
/// Some end of the time is a date marked uncertain (`2018?`).
const UNCERTAIN: u8 = 1 << 2;
const OPEN_START: u8 = 1 << 3;
const OPEN_END: u8 = 1 << 4;
const POINT: u8 = 1 << 5;
const WIDE: u8 = 1 << 6;
const ONE_LANE: u8 = 1 << 7;

/// One event of [`Events`], borrowed.
#[derive(Clone, Copy, Debug)]
pub struct Event<'a> {
    events: &'a Events,
    record: &'a Record,
    index: usize,
}

impl<'a> Event<'a> {
    /// The event's position in the dataset (file order).
    pub fn index(self) -> usize {
        self.index
    }

    /// Unique among the dataset's events.
    pub fn id(self) -> &'a str {
        let at = self.record.text_at as usize;
        &self.events.text[at..at + self.record.id_len as usize]
    }

    /// One line that says what happened.
    pub fn title(self) -> &'a str {
        let at = self.record.text_at as usize + self.record.id_len as usize;
        &self.events.text[at..at + self.record.title_len as usize]
    }

    /// When it happened, as written (in the notation of the native format).
    pub fn time_text(self) -> &'a str {
        let at = self.record.text_at as usize
            + self.record.id_len as usize
            + self.record.title_len as usize;
        &self.events.text[at..at + self.record.time_len as usize]
    }

    /// When it happened, as written, parsed. Every stored time parses (the store only keeps
    /// times that came from a [`TimeSpec`]); an unknown time is the fallback all the same.
    pub fn time(self) -> TimeSpec {
        self.time_text().parse().unwrap_or(TimeSpec {
            start: Endpoint::Unknown,
            end: None,
        })
    }

    /// When it happened, resolved to bounds.
    pub fn when(self) -> ResolvedTime {
        self.record.when(&self.events.wide)
    }

    /// What the event is.
    pub fn kind(self) -> EventKind {
        self.record.kind
    }

    /// How well its date is known.
    pub fn certainty(self) -> Certainty {
        self.record.certainty()
    }

    /// Whether some end of its time is a date marked uncertain (`2018?`): its label says so.
    pub fn is_uncertain(self) -> bool {
        self.record.bits & UNCERTAIN != 0
    }

    /// Indices into the dataset's actors, without repeats.
    pub fn actors(self) -> &'a [u32] {
        self.events.lanes_of(self.record)
    }

    fn detail(self) -> Option<&'a StoredDetail> {
        match self.record.detail {
            NO_DETAIL => None,
            d => Some(&self.events.details[d as usize]),
        }
    }

    /// Longer text.
    pub fn description(self) -> Option<&'a str> {
        let d = self.detail()?;
        (d.description_len != NO_TEXT).then(|| {
            let at = d.description_at as usize;
            &self.events.text[at..at + d.description_len as usize]
        })
    }

    /// Who said or reported it.
    pub fn source(self) -> Option<&'a Source> {
        let d = self.detail()?;
        (d.source != NO_SOURCE).then(|| &self.events.sources[d.source as usize])
    }

    /// Free labels.
    pub fn tags(self) -> Tags<'a> {
        let ids = self.detail().map_or(&[][..], |d| {
            &self.events.tags[d.tags_at as usize..d.tags_at as usize + d.tags_len as usize]
        });
        Tags {
            words: &self.events.words,
            ids,
        }
    }

    /// Other fields the file carried, as name and value.
    pub fn attributes(self) -> Attributes<'a> {
        let cells = self.detail().map_or(&[][..], |d| {
            &self.events.cells[d.cells_at as usize..d.cells_at as usize + d.cells_len as usize]
        });
        Attributes {
            words: &self.events.words,
            cells,
        }
    }

    /// The optional parts, borrowed, as the store takes them (to copy the event to another
    /// store).
    pub fn detail_parts(self) -> DetailParts<'a> {
        DetailParts {
            description: self.description(),
            source: self.source().map(|s| Box::new(s.clone())),
            tags: self.tags().iter().collect(),
            attributes: self.attributes().iter().collect(),
        }
    }
}

impl Events {
    /// How many events there are.
    pub fn len(&self) -> usize {
        self.records.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.records.is_empty()
    }

    /// Event `index`. Panics when out of range, as slice indexing does.
    pub fn at(&self, index: usize) -> Event<'_> {
        Event {
            events: self,
            record: &self.records[index],
            index,
        }
    }

    /// Event `index`, if there is one.
    pub fn get(&self, index: usize) -> Option<Event<'_>> {
        self.records.get(index).map(|record| Event {
            events: self,
            record,
            index,
        })
    }

    /// The events in file order.
    pub fn iter(&self) -> impl ExactSizeIterator<Item = Event<'_>> + Clone {
        self.records
            .iter()
            .enumerate()
            .map(|(index, record)| Event {
                events: self,
                record,
                index,
            })
    }

    /// The first event with the id `id`. The first search of a large store sorts its events by
    /// id once; later ones are binary searches.
    pub fn find(&self, id: &str) -> Option<usize> {
        if self.records.len() < FIND_BY_SCAN {
            return self.iter().position(|e| e.id() == id);
        }
        let order = self.by_id.0.get_or_init(|| {
            let mut order: Vec<u32> = (0..self.records.len() as u32).collect();
            // Stable: among equal ids (a draft's), the first in file order comes first.
            order.sort_by(|&a, &b| self.at(a as usize).id().cmp(self.at(b as usize).id()));
            order
        });
        let at = order.partition_point(|&e| self.at(e as usize).id() < id);
        order
            .get(at)
            .map(|&e| e as usize)
            .filter(|&e| self.at(e).id() == id)
    }

    /// The resolved time of event `index` (the hot path of index builds).
    pub fn when(&self, index: usize) -> ResolvedTime {
        self.records[index].when(&self.wide)
    }

    fn lanes_of<'s>(&'s self, record: &'s Record) -> &'s [u32] {
        if record.bits & ONE_LANE != 0 {
            return std::slice::from_ref(&record.lanes);
        }
        if record.lanes == NO_LANES {
            return &[];
        }
        let at = record.lanes as usize;
        let count = self.lanes[at] as usize;
        &self.lanes[at + 1..at + 1 + count]
    }

    /// Bytes held, for the figures of the benchmark and the README.
    pub fn heap_bytes(&self) -> usize {
        self.records.capacity() * std::mem::size_of::<Record>()
            + self.text.capacity()
            + self.lanes.capacity() * 4
            + self.wide.capacity() * std::mem::size_of::<ResolvedTime>()
            + self.details.capacity() * std::mem::size_of::<StoredDetail>()
            + self.words.heap_bytes()
            + self.tags.capacity() * 4
            + self.cells.capacity() * 8
            + self.sources.capacity() * std::mem::size_of::<Source>()
    }
}

impl Record {
    fn empty(kind: EventKind) -> Self {
        Self {
            earliest: 0,
            text_at: 0,
            spans: [0; 3],
            id_len: 0,
            title_len: 0,
            lanes: NO_LANES,
            detail: NO_DETAIL,
            time_len: 0,
            kind,
            bits: 0,
        }
    }

    fn certainty(&self) -> Certainty {
        match self.bits & CERTAINTY {
            0 => Certainty::Exact,
            1 => Certainty::Approximate,
            _ => Certainty::Relative,
        }
    }

    fn set_certainty(&mut self, certainty: Certainty) {
        let code = match certainty {
            Certainty::Exact => 0,
            Certainty::Approximate => 1,
            Certainty::Relative => 2,
        };
        self.bits = (self.bits & !CERTAINTY) | code;
    }

    fn when(&self, wide: &[ResolvedTime]) -> ResolvedTime {
        if self.bits & WIDE != 0 {
            return wide[self.spans[0] as usize];
        }
        let at = |offset: u32| Timestamp(self.earliest + i64::from(offset));
        let [start_latest, end_earliest, end_latest] = self.spans;
        ResolvedTime {
            start: Bounds {
                earliest: Timestamp(self.earliest),
                latest: at(start_latest),
            },
            end: Bounds {
                earliest: at(end_earliest),
                latest: at(end_latest),
            },
            is_open_start: self.bits & OPEN_START != 0,
            is_open_end: self.bits & OPEN_END != 0,
            is_point: self.bits & POINT != 0,
        }
    }

    /// Keeps `when`, as offsets when they fit and in `wide` when not (reusing the record's
    /// slot there if it had one).
    fn set_when(&mut self, when: ResolvedTime, wide: &mut Vec<ResolvedTime>) {
        let base = when.start.earliest.0;
        let offset = |t: Timestamp| u32::try_from(t.0.checked_sub(base)?).ok();
        let flags = [
            (when.is_open_start, OPEN_START),
            (when.is_open_end, OPEN_END),
            (when.is_point, POINT),
        ]
        .into_iter()
        .fold(0, |bits, (on, flag)| if on { bits | flag } else { bits });
        let slot = (self.bits & WIDE != 0).then_some(self.spans[0] as usize);
        self.bits = (self.bits & (CERTAINTY | UNCERTAIN | ONE_LANE)) | flags;
        self.earliest = base;
        match (
            offset(when.start.latest),
            offset(when.end.earliest),
            offset(when.end.latest),
        ) {
            (Some(a), Some(b), Some(c)) => self.spans = [a, b, c],
            _ => {
                let at = match slot {
                    Some(at) => {
                        wide[at] = when;
                        at
                    }
                    None => {
                        wide.push(when);
                        wide.len() - 1
                    }
                };
                self.spans = [at as u32, 0, 0];
                self.bits |= WIDE;
            }
        }
    }
}
