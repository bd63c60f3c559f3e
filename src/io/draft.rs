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
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
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

    /// The origin of the record `by` records after this one, if it follows on as records
    /// usually do (the next row on the next line, the next item of the same list).
    fn advanced(self, by: usize) -> Option<Self> {
        let by = u32::try_from(by).ok()?;
        Some(Self {
            line: if self.line == 0 {
                0
            } else {
                self.line.checked_add(by)?
            },
            column: self.column,
            what: match self.what {
                Record::Row(n) => Record::Row(n.checked_add(by)?),
                Record::Line(n) => Record::Line(n.checked_add(by)?),
                Record::Item(list, n) => Record::Item(list, n.checked_add(by)?),
            },
        })
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

/// Where each draft event came from, in order. Kept as runs of records that follow one another
/// (the next row on the next line): a file's records mostly do, so ten million rows are a few
/// runs instead of 160 MB while the file loads. An origin that does not follow on (a row
/// spread over lines, a skipped row) starts a run.
#[derive(Clone, Debug, Default)]
pub struct Origins {
    /// Each run's first event and its origin.
    runs: Vec<(usize, RecordOrigin)>,
    len: usize,
}

impl Origins {
    /// Adds the origin of the next event.
    pub fn push(&mut self, origin: RecordOrigin) {
        let follows = self.runs.last().is_some_and(|&(first, start)| {
            start
                .advanced(self.len - first)
                .is_some_and(|o| o == origin)
        });
        if !follows {
            self.runs.push((self.len, origin));
        }
        self.len += 1;
    }

    /// The origin of event `index`.
    pub fn get(&self, index: usize) -> Option<RecordOrigin> {
        if index >= self.len {
            return None;
        }
        let run = self.runs.partition_point(|&(first, _)| first <= index);
        let (first, start) = *self.runs.get(run.checked_sub(1)?)?;
        start.advanced(index - first).or(Some(start))
    }

    /// Every event's origin, in order.
    pub fn iter(&self) -> impl Iterator<Item = RecordOrigin> + '_ {
        (0..self.len).filter_map(|i| self.get(i))
    }

    /// Keeps the origins of the events for which `keep(index)` holds.
    pub fn retain_indices(&mut self, keep: impl Fn(usize) -> bool) {
        let old = std::mem::take(self);
        for i in (0..old.len).filter(|&i| keep(i)) {
            if let Some(origin) = old.get(i) {
                self.push(origin);
            }
        }
    }

    /// How many runs hold them (for tests).
    #[cfg(test)]
    pub fn runs(&self) -> usize {
        self.runs.len()
    }
}

impl Extend<RecordOrigin> for Origins {
    fn extend<I: IntoIterator<Item = RecordOrigin>>(&mut self, origins: I) {
        for origin in origins {
            self.push(origin);
        }
    }
}

impl FromIterator<RecordOrigin> for Origins {
    fn from_iter<I: IntoIterator<Item = RecordOrigin>>(origins: I) -> Self {
        let mut all = Self::default();
        all.extend(origins);
        all
    }
}

/// What an importer produces: a draft, where each draft event came from, and warnings.
pub(super) struct Imported {
    /// The draft dataset.
    pub(super) draft: DatasetDraft,
    /// Where each draft event came from, one per event.
    pub(super) origins: Origins,
    /// Problems that did not stop the import.
    pub(super) warnings: Vec<Problem>,
}

impl Imported {
    /// Events in lanes made as their names turned up, with nothing else (no title, links or
    /// eras): what the row-per-event formats produce.
    pub(super) fn of_lanes(
        lanes: Lanes,
        events: crate::model::EventsDraft,
        origins: Origins,
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

#[cfg(test)]
mod tests {
    use super::{List, Origins, Record, RecordOrigin};
    use crate::io::error::Location;

    fn row(n: u32, line: usize) -> RecordOrigin {
        RecordOrigin::new(Some(Location { line, column: 0 }), Record::Row(n))
    }

    /// Rows that follow one another are one run, and every origin comes back as it went in,
    /// across a row spread over two lines, a skipped row, JSON items and shifted pieces.
    #[test]
    fn origins_are_kept_as_runs_and_come_back_as_they_went_in() {
        let mut all: Vec<RecordOrigin> = (1..=1000).map(|n| row(n, n as usize + 1)).collect();
        // Row 1001 spans lines 1002–1003; row 1003 was skipped.
        all.push(row(1001, 1002));
        all.push(row(1002, 1004));
        all.extend((1004..1500).map(|n| row(n, n as usize + 1)));
        all.extend((0..300).map(|i| {
            let line = 7 + i as usize;
            RecordOrigin::new(
                Some(Location { line, column: 3 }),
                Record::Item(List::Events, i),
            )
        }));
        all.extend((1..50).map(|n| RecordOrigin::new(None, Record::Line(n))));
        all.extend((1..50).map(|n| row(n, n as usize + 1).shifted(10, 10)));
        let origins: Origins = all.iter().copied().collect();
        assert_eq!(origins.iter().collect::<Vec<_>>(), all);
        assert_eq!(origins.get(all.len()), None);
        // 1–1001 | 1002 | 1004–1499 | items (a line each) | lines | shifted rows.
        assert!(origins.runs() <= 8, "{} runs", origins.runs());
        let mut kept = origins.clone();
        kept.retain_indices(|i| i % 3 != 0);
        let expected: Vec<RecordOrigin> = all
            .iter()
            .enumerate()
            .filter(|(i, _)| i % 3 != 0)
            .map(|(_, o)| *o)
            .collect();
        assert_eq!(kept.iter().collect::<Vec<_>>(), expected);
    }
}
