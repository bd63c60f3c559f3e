//! The document: what is open and everything derived from it — the dataset and where it came
//! from, its lane index, overview histogram, tag counts, the analyst's notes on it, a
//! spreadsheet's sheets ([`Document`]) — and what of it is shown ([`shown::Shown`]: the filter,
//! collapsed groups, the search, and the kept events, lanes and counts they give). Used alike by
//! the window, `render`, `brief` and the database path, so they agree. No egui.
//!
//! A document is made on the loading thread (so the UI thread never indexes a million events)
//! and replaces the one on screen in one step ([`Document::replace`]).

pub mod notes;
pub mod search;
pub mod shown;
pub mod table;

use crate::io::Loaded;
use crate::layout::TimelineIndex;
use crate::layout::histogram::Overview;
use crate::notes::store::NotesStore;
use crate::notes::{DataStamp, NotesFile};
use notes::NotesState;

/// A loaded dataset with what the loading thread derived from it, so that the UI thread does
/// not stall a frame indexing a million events.
#[derive(Debug)]
pub struct Document {
    /// The dataset and where it came from.
    pub loaded: Loaded,
    /// Its lanes, indexed.
    pub index: TimelineIndex,
    /// Its density histogram for the overview strip.
    pub overview: Overview,
    /// Its tags with the number of events carrying each, most used first.
    pub tags: Vec<(String, usize)>,
    /// How many of its events have no tag.
    pub untagged: usize,
    /// The analyst's notes on it (your own events are in the dataset already).
    pub notes: NotesState,
    /// For a spreadsheet, its sheets' names (for View ▸ Sheet); empty otherwise.
    pub sheets: Vec<String>,
    /// For a spreadsheet, the sheet read when none is picked.
    pub first_sheet: Option<String>,
}

impl Document {
    /// Reads the notes beside `loaded`'s file (or, for the built-in dataset, in `folder`), puts
    /// your own events into the dataset, and indexes it.
    pub fn with_notes(mut loaded: Loaded, folder: Option<&std::path::Path>) -> Self {
        use crate::notes::own::{Counts, combine};
        let stamp = loaded.path.as_deref().and_then(|p| {
            let name = p.file_name()?.to_string_lossy().into_owned();
            crate::io::read_regular(p, 1 << 40)
                .ok()
                .map(|b| DataStamp::of(&name, &b))
        });
        let opened = NotesStore::open(loaded.path.as_deref(), folder);
        let file = Counts::all_of(&loaded.dataset);
        let combined = combine(std::mem::take(&mut loaded.dataset), file, &opened.notes);
        loaded.dataset = combined.dataset;
        let written_for = opened.notes.data_file.clone();
        let mut notes = NotesState::new(opened.store, opened.notes, file, stamp.clone());
        notes.problems = combined.problems;
        notes.refresh(&loaded.dataset);
        notes.message = opened.message.or_else(|| {
            let (old, new) = (written_for?, stamp?);
            (old.sha256 != new.sha256).then(|| {
                let gone = match notes.orphaned.len() {
                    0 => "every note's event is still there".to_owned(),
                    1 => "1 note is on an event no longer in the file (Event menu)".to_owned(),
                    n => format!("{n} notes are on events no longer in the file (Event menu)"),
                };
                format!(
                    "{} changed since the notes were written (then {} bytes, now {}): {gone}",
                    new.name,
                    crate::model::time::group_thousands(old.bytes as i64),
                    crate::model::time::group_thousands(new.bytes as i64),
                )
            })
        });
        // A spreadsheet's sheets, read here on the loading thread, not on the UI's.
        let (sheets, first_sheet) = loaded
            .path
            .as_deref()
            .filter(|p| {
                p.extension().and_then(|e| e.to_str()).is_some_and(|e| {
                    ["xlsx", "xlsm", "xls", "ods"].contains(&e.to_ascii_lowercase().as_str())
                })
            })
            .and_then(|p| crate::io::read_regular(p, 1 << 40).ok())
            .map(|b| crate::io::sheet_names(&b))
            .unwrap_or_default();
        let mut prepared = Self::of(loaded);
        prepared.notes = notes;
        prepared.sheets = sheets;
        prepared.first_sheet = first_sheet;
        prepared
    }

    /// Indexes `loaded`, with no notes (kept for this session only).
    pub fn of(loaded: Loaded) -> Self {
        let (tags, untagged) = tag_counts(&loaded.dataset);
        Self {
            index: TimelineIndex::build(&loaded.dataset),
            overview: Overview::of(&loaded.dataset),
            tags,
            untagged,
            notes: NotesState::new(
                NotesStore::none(),
                NotesFile::new(),
                crate::notes::own::Counts::all_of(&loaded.dataset),
                None,
            ),
            sheets: Vec::new(),
            first_sheet: None,
            loaded,
        }
    }
}

impl Document {
    /// What a brief of this document is made of (its starred events, with the notes).
    pub fn brief_of(&self) -> crate::export::brief::BriefOf<'_> {
        crate::export::brief::BriefOf {
            dataset: &self.loaded.dataset,
            notes: &self.notes.notes,
            file_events: self.notes.file.events,
            file_links: self.notes.file.links,
            source_name: &self.loaded.display_name,
        }
    }

    /// The ids of the actors in the order their lanes are drawn (the one place lane order is
    /// kept by id: a reload, own events recombined, a database's next answer).
    pub fn lane_order_ids(&self) -> Vec<String> {
        let actors = &self.loaded.dataset.actors;
        self.index
            .lane_actor
            .iter()
            .flatten()
            .filter_map(|&a| actors.get(a).map(|actor| actor.id.clone()))
            .collect()
    }

    /// Draws the lanes of the actors `ids` names in that order, the others after them as they
    /// were (an id with no actor here is passed over).
    pub fn reorder_by_ids(&mut self, ids: &[String]) {
        let position: rustc_hash::FxHashMap<&str, usize> = self
            .loaded
            .dataset
            .actors
            .iter()
            .enumerate()
            .map(|(i, a)| (a.id.as_str(), i))
            .collect();
        let order: Vec<usize> = ids
            .iter()
            .filter_map(|id| position.get(id.as_str()).copied())
            .collect();
        self.index.reorder(&order);
    }

    /// Puts `new` in place of this document, in one step: nothing of the old one stays (its
    /// tags, sheets, notes, overview). With `keep_places` (the same data read again) the lane
    /// order is kept by actor id and the event `selected` by its id; returns the selection in
    /// the new document.
    pub fn replace(
        &mut self,
        new: Document,
        selected: Option<usize>,
        keep_places: bool,
    ) -> Option<usize> {
        let (order, selected_id) = if keep_places {
            let id = selected
                .and_then(|i| self.loaded.dataset.events.get(i))
                .map(|e| e.id().to_owned());
            (self.lane_order_ids(), id)
        } else {
            (Vec::new(), None)
        };
        *self = new;
        if !order.is_empty() {
            self.reorder_by_ids(&order);
        }
        selected_id.and_then(|id| self.loaded.dataset.event_by_id(&id))
    }

    /// Puts the file's events and the analyst's own together again (after an own event, link
    /// or lane changed), re-deriving the index, overview and tags, keeping the lane order and
    /// the event `selected` by id; returns the selection in the new dataset.
    pub fn recombine(&mut self, selected: Option<usize>) -> Option<usize> {
        let dataset = &self.loaded.dataset;
        let selected_id = selected
            .and_then(|i| dataset.events.get(i))
            .map(|e| e.id().to_owned());
        let order = self.lane_order_ids();
        let combined = crate::notes::own::combine(
            std::mem::take(&mut self.loaded.dataset),
            self.notes.file,
            &self.notes.notes,
        );
        self.loaded.dataset = combined.dataset;
        self.notes.problems = combined.problems;
        let dataset = &self.loaded.dataset;
        self.index = TimelineIndex::build(dataset);
        self.overview = Overview::of(dataset);
        (self.tags, self.untagged) = tag_counts(dataset);
        self.reorder_by_ids(&order);
        self.notes.refresh(&self.loaded.dataset);
        selected_id.and_then(|id| self.loaded.dataset.event_by_id(&id))
    }
}

/// The dataset's tags with the number of events carrying each, most used first; and how many
/// events have none.
pub fn tag_counts(dataset: &crate::model::Dataset) -> (Vec<(String, usize)>, usize) {
    let mut counts: rustc_hash::FxHashMap<&str, usize> = rustc_hash::FxHashMap::default();
    let mut untagged = 0;
    for event in dataset.events.iter() {
        untagged += usize::from(event.tags().is_empty());
        for tag in event.tags() {
            *counts.entry(tag).or_default() += 1;
        }
    }
    let mut tags: Vec<(String, usize)> =
        counts.into_iter().map(|(t, n)| (t.to_owned(), n)).collect();
    tags.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    (tags, untagged)
}

#[cfg(test)]
mod tests {
    use super::Document;

    fn bundled() -> Document {
        Document::of(crate::io::load_default().unwrap_or_else(|e| panic!("{e}")))
    }

    #[test]
    fn replacing_keeps_lane_order_and_selection_by_id_only_when_asked() {
        let mut doc = bundled();
        // The user drags the last lane to the top and selects the denial.
        let mut order = doc.lane_order_ids();
        let last = order.pop().unwrap_or_default();
        order.insert(0, last.clone());
        doc.reorder_by_ids(&order);
        assert_eq!(doc.lane_order_ids(), order);
        let denial = doc.loaded.dataset.event_by_id("russia-denies");
        assert!(denial.is_some());

        // The same file read again: the order and the selection stay, by id.
        let selected = doc.replace(bundled(), denial, true);
        assert_eq!(doc.lane_order_ids(), order);
        assert_eq!(
            selected.map(|i| doc.loaded.dataset.events.at(i).id().to_owned()),
            Some("russia-denies".to_owned())
        );

        // Another dataset: nothing of the old one stays.
        doc.tags = vec![("stale".to_owned(), 1)];
        doc.sheets = vec!["Sheet1".to_owned()];
        let selected = doc.replace(bundled(), denial, false);
        assert_eq!(selected, None);
        assert_ne!(doc.lane_order_ids()[0], last, "the file's own order");
        assert!(doc.sheets.is_empty());
        assert!(!doc.tags.iter().any(|(t, _)| t == "stale"));
    }

    #[test]
    fn an_unknown_id_in_a_lane_order_is_passed_over() {
        let mut doc = bundled();
        let before = doc.lane_order_ids();
        let mut order = vec!["no-such-actor".to_owned()];
        order.extend(before.iter().rev().cloned());
        doc.reorder_by_ids(&order);
        let after: Vec<String> = before.iter().rev().cloned().collect();
        assert_eq!(doc.lane_order_ids(), after);
    }
}
