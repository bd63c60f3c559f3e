//! What importers build: a draft dataset, where each draft event came from in its file (so a
//! problem found later can still name its row or object), warnings, and the helpers every
//! importer shares (lanes made from names, ids made unique or made from content). It knows no
//! format and reads no file.

// Seeded per process (std's RandomState): ids come from files, which must not be able to make
// the set's probing quadratic with ids that collide under a hash fixed in advance.
use std::collections::HashSet;

use super::error::{Location, Problem};
use crate::model::{ActorDraft, DatasetDraft};

/// Where a draft event came from in its file, so that problems found while validating the whole
/// dataset can still point at the row or object. Compact (16 bytes): a large file has one per
/// event while it loads.
#[derive(Clone, Copy, Debug)]
pub struct RecordOrigin {
    /// The line where the record starts; 0 when unknown.
    line: u32,
    /// The column (JSON), or 0 for the whole line.
    column: u32,
    /// The record in words: `row 5`, `events[3]`.
    pub what: Record,
}

/// A record of a file, as problems name it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Record {
    /// A data row of a CSV file (1-based; the header is row 0).
    Row(u32),
    /// A line of a JSONL file (1-based).
    Line(u32),
    /// Item `index` of a JSON list.
    Item(List, u32),
}

/// The JSON lists whose items become events.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum List {
    /// A top-level array.
    Root,
    /// `events` (TimelineJS).
    Events,
    /// `eras` (TimelineJS).
    Eras,
    /// `timeline.date` (TimelineJS 2).
    TimelineDate,
    /// `items` (vis-timeline).
    Items,
    /// `groups` (vis-timeline).
    Groups,
}

impl std::fmt::Display for Record {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Row(n) => write!(f, "row {n}"),
            Self::Line(n) => write!(f, "line {n}"),
            Self::Item(list, i) => {
                let list = match list {
                    List::Root => "",
                    List::Events => "events",
                    List::Eras => "eras",
                    List::TimelineDate => "timeline.date",
                    List::Items => "items",
                    List::Groups => "groups",
                };
                write!(f, "{list}[{i}]")
            }
        }
    }
}

impl RecordOrigin {
    /// `what` at `location`.
    pub fn new(location: Option<Location>, what: Record) -> Self {
        let (line, column) = location.map_or((0, 0), |l| (l.line, l.column));
        Self {
            line: u32::try_from(line).unwrap_or(u32::MAX),
            column: u32::try_from(column).unwrap_or(u32::MAX),
            what,
        }
    }

    /// This origin in a file where `lines` lines and `rows` rows came before the part it was
    /// counted in.
    pub fn shifted(self, lines: usize, rows: usize) -> Self {
        let add = |n: u32, by: usize| n.saturating_add(u32::try_from(by).unwrap_or(u32::MAX));
        Self {
            line: if self.line == 0 {
                0
            } else {
                add(self.line, lines)
            },
            column: self.column,
            what: match self.what {
                Record::Row(n) => Record::Row(add(n, rows)),
                Record::Line(n) => Record::Line(add(n, lines)),
                item @ Record::Item(..) => item,
            },
        }
    }

    /// The line (and column, for JSON) where the record starts.
    pub fn location(&self) -> Option<Location> {
        (self.line > 0).then_some(Location {
            line: self.line as usize,
            column: self.column as usize,
        })
    }

    /// A problem with column `column` of this record (a CSV row).
    pub fn column_problem(&self, column: &str, message: String) -> Problem {
        Problem {
            location: self.location(),
            field: Some(format!("{}, column \"{column}\"", self.what)),
            message,
        }
    }

    /// A problem with this record.
    pub fn problem(&self, message: String) -> Problem {
        Problem {
            location: self.location(),
            field: Some(self.what.to_string()),
            message,
        }
    }
}

/// What an importer produces: a draft, where each draft event came from, and warnings.
pub(super) struct Imported {
    /// The draft dataset.
    pub(super) draft: DatasetDraft,
    /// Where each draft event came from, one per event.
    pub(super) origins: Vec<RecordOrigin>,
    /// Problems that did not stop the import.
    pub(super) warnings: Vec<Problem>,
}

impl Imported {
    /// Events in lanes made as their names turned up, with nothing else (no title, links or
    /// eras): what the row-per-event formats produce.
    pub(super) fn of_lanes(
        lanes: Lanes,
        events: crate::model::EventsDraft,
        origins: Vec<RecordOrigin>,
        warnings: Vec<Problem>,
    ) -> Self {
        Self {
            draft: DatasetDraft {
                actors: lanes.into_actors(),
                events,
                ..DatasetDraft::default()
            },
            origins,
            warnings,
        }
    }
}

/// Lanes made from names as they turn up in a file: the first time a name is seen it becomes
/// an actor (id and name alike), in order of first appearance.
#[derive(Default)]
pub(super) struct Lanes {
    actors: Vec<ActorDraft>,
    seen: HashSet<String>,
}

impl Lanes {
    /// The lane for `name` (its actor id), made on first sight.
    pub(super) fn lane(&mut self, name: &str) -> String {
        self.see(name);
        name.to_owned()
    }

    /// Makes the lane for `name` if there is none yet.
    pub(super) fn see(&mut self, name: &str) {
        if !self.seen.contains(name) {
            self.seen.insert(name.to_owned());
            self.actors.push(ActorDraft {
                id: name.to_owned(),
                name: name.to_owned(),
                ..ActorDraft::default()
            });
        }
    }

    /// Whether no lane has been made yet.
    pub(super) fn is_empty(&self) -> bool {
        self.actors.is_empty()
    }

    /// The actors, one per lane.
    pub(super) fn into_actors(self) -> Vec<ActorDraft> {
        self.actors
    }
}

/// The first character of an id made from an event's content.
pub(super) const CONTENT_ID_MARK: char = '~';

/// An id made from what an event says (its title, time and lanes as written), for formats
/// without ids: the same event keeps it when the file is reloaded or re-sorted, so the notes
/// on it stay with it. `~` and 48 bits of an FNV-1a hash, in hex (`~3f9a1c2b7d4e`); a repeat
/// (two events saying the same at the same time) is renamed `~…#2`.
pub(crate) fn content_id(parts: &[&str]) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for (k, part) in parts.iter().enumerate() {
        if k > 0 {
            hash ^= 0x1f;
            hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
        }
        for &b in part.as_bytes() {
            hash ^= u64::from(b);
            hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    format!("{CONTENT_ID_MARK}{:012x}", hash >> 16)
}

/// The ids given so far, for making each new one unique.
#[derive(Default)]
pub(super) struct UniqueIds {
    /// Every id given. Seeded hashing: a crafted file cannot make look-ups collide.
    seen: std::collections::HashSet<String>,
    /// The next number to try after a repeated id (`a` → 2 until `a#2` is given): counting
    /// from 2 again for each repeat made a file of identical rows quadratic.
    next: std::collections::HashMap<String, u64>,
}

/// Makes ids unique: the second `a` becomes `a#2` (the third `a#3`, skipping any taken).
/// Returns the id given and whether it was renamed.
pub(super) fn unique_id(ids: &mut UniqueIds, id: String) -> (String, bool) {
    if ids.seen.insert(id.clone()) {
        return (id, false);
    }
    let next = ids.next.entry(id.clone()).or_insert(2);
    loop {
        let candidate = format!("{id}#{next}");
        *next += 1;
        if ids.seen.insert(candidate.clone()) {
            return (candidate, true);
        }
    }
}
