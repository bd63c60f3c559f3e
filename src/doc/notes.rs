//! The analyst's notes while the app runs: the notes file's content, its store, what is marked
//! on which event, undo and redo, and when to save. No egui.

use rustc_hash::FxHashMap;

use crate::model::{Dataset, Marks};
use crate::notes::own::Counts;
use crate::notes::store::NotesStore;
use crate::notes::{DataStamp, EventNote, NotesFile};

/// Seconds after the last change before the notes are written (the "at most a second").
pub const SAVE_AFTER_SECS: f64 = 0.5;

/// Undo steps kept.
const UNDO_DEPTH: usize = 200;

/// What a change touched, so that typing in one note is one undo step, not one per letter.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EditKey {
    /// The text of the note on this event (by id).
    EventNote(String),
    /// The text of the note on this lane (by actor id).
    LaneNote(String),
    /// Anything else: each is its own step.
    Other,
}

/// The notes of the dataset on screen.
#[derive(Debug, Default)]
pub struct NotesState {
    /// Where they are written.
    pub store: NotesStore,
    /// What they say now.
    pub notes: NotesFile,
    /// How much of the dataset is the file's (the rest is your own events, links and lanes).
    pub file: Counts,
    /// What is marked on each marked event, by index.
    pub marks: FxHashMap<usize, Marks>,
    /// Each noted event's note and tags, for the search.
    pub text: FxHashMap<usize, String>,
    /// Ids of notes whose event the data file no longer has (kept, listed).
    pub orphaned: Vec<String>,
    /// Own events and links that could not be placed, with why.
    pub problems: Vec<(String, String)>,
    /// The data file's stamp now.
    pub stamp: Option<DataStamp>,
    /// Something to tell the user about them (read, moved, merged), once.
    pub message: Option<String>,
    undo: Vec<NotesFile>,
    redo: Vec<NotesFile>,
    last_edit: Option<EditKey>,
    /// egui's clock at the first change not yet written.
    pub dirty_since: Option<f64>,
    /// Counts the times the marks were worked out, so that what is drawn from them (the export
    /// preview) knows when to draw again without comparing them.
    pub revision: u64,
    /// The dataset is a window of a database table (notes on events outside it are not
    /// orphaned).
    pub windowed: bool,
}

/// What an edit changed, for the app to follow.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Changed {
    /// Your own events or links changed: the dataset is combined anew.
    pub own: bool,
}

impl NotesState {
    /// Notes as read for a dataset whose file part is `file`.
    pub fn new(
        store: NotesStore,
        notes: NotesFile,
        file: Counts,
        stamp: Option<DataStamp>,
    ) -> Self {
        Self {
            store,
            notes,
            file,
            stamp,
            ..Self::default()
        }
    }

    /// The note on event `index` of `dataset`, if any.
    pub fn of_event<'a>(&'a self, dataset: &Dataset, index: usize) -> Option<&'a EventNote> {
        self.marks.get(&index)?;
        self.notes.events.get(dataset.events.get(index)?.id())
    }

    /// Whether event `index` was added by you.
    pub fn is_own(&self, index: usize) -> bool {
        index >= self.file.events
    }

    /// Whether `filter` keeps `event`, given what you marked on it and your tags on it: what
    /// the window and `swimline render` both ask.
    pub fn keeps(
        &self,
        filter: &crate::model::filter::Filter,
        event: crate::model::Event<'_>,
    ) -> bool {
        let marks = self.marks_of(event.index());
        let tags = match (
            marks.tagged && !filter.your_tags.is_empty(),
            self.notes.events.get(event.id()),
        ) {
            (true, Some(n)) => n.tags.as_slice(),
            _ => &[],
        };
        filter.keeps(event, marks, tags)
    }

    /// What is marked on event `index`.
    pub fn marks_of(&self, index: usize) -> Marks {
        self.marks.get(&index).copied().unwrap_or_default()
    }

    /// What the notes add to event `index` in a data export (see
    /// [`crate::export::data::NOTE_COLUMNS`]).
    pub fn export_columns(&self, dataset: &Dataset, index: usize) -> Vec<(&'static str, String)> {
        let mut out = Vec::new();
        if let Some(note) = self.of_event(dataset, index) {
            if note.starred {
                out.push(("starred", "yes".to_owned()));
            }
            if !note.tags.is_empty() {
                out.push(("your_tags", note.tags.join(";")));
            }
            if !note.note.trim().is_empty() {
                out.push(("note", note.note.clone()));
            }
        }
        if self.is_own(index) {
            out.push(("added_by_you", "yes".to_owned()));
        }
        out
    }

    /// Works out the marks again for `dataset` (after the notes or the dataset changed).
    pub fn refresh(&mut self, dataset: &Dataset) {
        let (marks, orphaned) = crate::notes::own::marks(dataset, self.file.events, &self.notes);
        self.text = marks
            .keys()
            .filter_map(|&i| {
                let note = self.notes.events.get(dataset.events.at(i).id())?;
                Some((i, format!("{}\n{}", note.note, note.tags.join("\n"))))
            })
            .collect();
        self.marks = marks;
        // A database window holds a few of the table's events: the rest are not gone.
        self.orphaned = if self.windowed { Vec::new() } else { orphaned };
        self.revision += 1;
    }

    /// Changes the notes through `change` as one undo step (typing into the same note joins
    /// the step before), at egui time `now`.
    pub fn edit(&mut self, key: EditKey, now: f64, change: impl FnOnce(&mut NotesFile)) -> Changed {
        let before = self.notes.clone();
        change(&mut self.notes);
        if self.notes == before {
            return Changed::default();
        }
        if self.stamp.is_some() {
            self.notes.data_file.clone_from(&self.stamp);
        }
        let joins = key != EditKey::Other && self.last_edit.as_ref() == Some(&key);
        if !joins {
            self.undo.push(before.clone());
            if self.undo.len() > UNDO_DEPTH {
                self.undo.remove(0);
            }
        }
        self.redo.clear();
        self.last_edit = Some(key);
        self.dirty_since.get_or_insert(now);
        Changed {
            own: own_differs(&before, &self.notes),
        }
    }

    /// Takes back the last change; `None` when there is none.
    pub fn undo(&mut self, now: f64) -> Option<Changed> {
        let previous = self.undo.pop()?;
        let current = std::mem::replace(&mut self.notes, previous);
        let changed = Changed {
            own: own_differs(&current, &self.notes),
        };
        self.redo.push(current);
        self.last_edit = None;
        self.dirty_since.get_or_insert(now);
        Some(changed)
    }

    /// Does again what was taken back; `None` when nothing was.
    pub fn redo(&mut self, now: f64) -> Option<Changed> {
        let next = self.redo.pop()?;
        let current = std::mem::replace(&mut self.notes, next);
        let changed = Changed {
            own: own_differs(&current, &self.notes),
        };
        self.undo.push(current);
        self.last_edit = None;
        self.dirty_since.get_or_insert(now);
        Some(changed)
    }

    /// Ends the current typing step (the next letter starts a new undo step).
    pub fn end_step(&mut self) {
        self.last_edit = None;
    }

    /// Whether there is a change to take back, and one to do again.
    pub fn can_undo_redo(&self) -> (bool, bool) {
        (!self.undo.is_empty(), !self.redo.is_empty())
    }

    /// Writes the notes when a change is waiting and `now` is past its delay (or `force`).
    /// Returns what to tell the user, and whether the notes were merged with another writer's
    /// (with own events changed).
    pub fn save_if_due(&mut self, now: f64, force: bool) -> Option<SaveReport> {
        let since = self.dirty_since?;
        if !force && now - since < SAVE_AFTER_SECS {
            return None;
        }
        self.dirty_since = None;
        self.last_edit = None;
        let mut report = SaveReport::default();
        match self.store.save(&self.notes) {
            Ok(saved) => {
                if let Some(merged) = saved.merged
                    && merged != self.notes
                {
                    report.own_changed = own_differs(&merged, &self.notes);
                    self.notes = merged;
                    report.message = Some(if saved.conflicts.is_empty() {
                        "Notes were changed elsewhere too; both are kept".to_owned()
                    } else {
                        format!(
                            "Notes were changed elsewhere too; both texts of {} are kept (flagged)",
                            saved.conflicts.join(", ")
                        )
                    });
                    report.merged = true;
                }
                if let Some(m) = saved.message {
                    report.message = Some(m);
                }
            }
            Err(e) => {
                // Kept in memory; tried again at the next change.
                report.message = Some(format!("Could not save the notes: {e}"));
                report.failed = true;
            }
        }
        Some(report)
    }
}

/// What a save had to say.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SaveReport {
    /// For the status bar.
    pub message: Option<String>,
    /// Another writer's notes were merged in.
    pub merged: bool,
    /// …and they changed your own events or links.
    pub own_changed: bool,
    /// Writing failed.
    pub failed: bool,
}

fn own_differs(a: &NotesFile, b: &NotesFile) -> bool {
    a.own_events != b.own_events || a.own_links != b.own_links
}

#[cfg(test)]
mod tests {
    use super::{EditKey, NotesState};

    #[test]
    fn typing_in_one_note_is_one_undo_step_and_redo_gives_it_back() {
        let mut state = NotesState::default();
        for (k, text) in ["L", "La", "Lav"].iter().enumerate() {
            state.edit(EditKey::EventNote("a".into()), k as f64, |n| {
                n.event_mut("a").note = (*text).to_owned();
            });
        }
        state.edit(EditKey::Other, 3.0, |n| n.event_mut("a").starred = true);
        assert_eq!(state.dirty_since, Some(0.0));
        assert!(state.undo(4.0).is_some());
        assert!(!state.notes.events["a"].starred);
        assert_eq!(state.notes.events["a"].note, "Lav");
        assert!(state.undo(4.0).is_some());
        assert!(
            state
                .notes
                .events
                .get("a")
                .is_none_or(|n| n.note.is_empty())
        );
        assert!(state.undo(4.0).is_none());
        assert!(state.redo(5.0).is_some());
        assert!(state.redo(5.0).is_some());
        assert!(state.notes.events["a"].starred);
        assert!(state.redo(5.0).is_none());
        // Nothing changed, nothing to undo.
        let before = state.can_undo_redo();
        state.edit(EditKey::Other, 6.0, |n| n.event_mut("a").starred = true);
        assert_eq!(state.can_undo_redo(), before);
    }
}
