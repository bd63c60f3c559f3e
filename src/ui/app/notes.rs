//! The analyst's notes in the app: the commands that change them (stars, tags, notes, own
//! events and links, undo and redo), "around this event", saving them shortly after each
//! change, and putting the dataset together again when own events change.

use super::SwimlineApp;
use crate::doc::notes::{Changed, EditKey};
use crate::layout::TimeView;
use crate::model::filter::Filter;
use crate::ui::command::Command;
use crate::ui::state::forms::{EventForm, LinkForm};

/// What "around this event" replaced, to go back to in one click.
#[derive(Clone, Debug)]
pub(super) struct Around {
    /// The event's title and the span, for the banner.
    pub words: String,
    /// The filter before.
    pub filter: Filter,
    /// The view before.
    pub view: TimeView,
}

pub use crate::ui::panels::around::AROUND_SPANS;

impl SwimlineApp {
    /// Applies a command about the notes (`None`: done, or dropped because its event is gone);
    /// gives back a command that is not about the notes.
    pub(super) fn apply_notes(&mut self, command: Command) -> Option<Command> {
        let command = self.apply_own(command)?;
        let now = self.view.now;
        let dataset = &self.doc.loaded.dataset;
        let id_of = |i: usize| dataset.events.get(i).map(|e| e.id().to_owned());
        let changed = match command {
            Command::ToggleStar(event) => {
                let id = id_of(event)?;
                let changed = self.doc.notes.edit(EditKey::Other, now, |n| {
                    let note = n.event_mut(&id);
                    note.starred = !note.starred;
                });
                let starred = self
                    .doc
                    .notes
                    .notes
                    .events
                    .get(&id)
                    .is_some_and(|n| n.starred);
                self.shell.status = format!(
                    "{} “{}”",
                    if starred {
                        "Starred"
                    } else {
                        "Took the star off"
                    },
                    self.doc.loaded.dataset.events.at(event).title()
                );
                changed
            }
            Command::SetNote { event, text } => {
                let id = id_of(event)?;
                self.doc
                    .notes
                    .edit(EditKey::EventNote(id.clone()), now, |n| {
                        n.event_mut(&id).note = text;
                    })
            }
            Command::SetYourTag { event, tag, add } => {
                let id = id_of(event)?;
                let tag = tag.trim().to_owned();
                if tag.is_empty() {
                    return None;
                }
                self.doc.notes.edit(EditKey::Other, now, |n| {
                    let tags = &mut n.event_mut(&id).tags;
                    if add && !tags.contains(&tag) {
                        tags.push(tag);
                    } else if !add {
                        tags.retain(|t| *t != tag);
                    }
                })
            }
            Command::ResolveConflict(event) => {
                let id = id_of(event)?;
                self.doc
                    .notes
                    .edit(EditKey::Other, now, |n| n.event_mut(&id).conflict = false)
            }
            Command::SetLaneNote { actor, text } => {
                let id = dataset.actors.get(actor).map(|a| a.id.clone())?;
                self.doc
                    .notes
                    .edit(EditKey::LaneNote(id.clone()), now, |n| {
                        let lane = n.lanes.entry(id).or_default();
                        lane.note = text;
                    })
            }
            Command::Undo => match self.doc.notes.undo(now) {
                Some(changed) => {
                    self.shell.status = "Undid the last change to your notes".to_owned();
                    changed
                }
                None => {
                    self.shell.status = "Nothing to undo".to_owned();
                    return None;
                }
            },
            Command::Redo => match self.doc.notes.redo(now) {
                Some(changed) => {
                    self.shell.status = "Redid the change to your notes".to_owned();
                    changed
                }
                None => {
                    self.shell.status = "Nothing to redo".to_owned();
                    return None;
                }
            },
            Command::AroundEvent { event, span_secs } => {
                self.around_event(event, span_secs);
                return None;
            }
            Command::LeaveAround => {
                if let Some(around) = self.view.around.take() {
                    self.shown.filter = around.filter;
                    self.rebuild_lanes();
                    self.glide_to(around.view);
                    self.shell.status = "Back to everything".to_owned();
                }
                return None;
            }
            Command::ToggleOrphans => {
                self.windows.show_orphans = !self.windows.show_orphans;
                return None;
            }

            other => return Some(other),
        };
        self.after_notes_change(changed);
        None
    }

    /// Applies a command about the analyst's own events and links (their forms, saving,
    /// deleting; `None`: done); gives back any other command.
    fn apply_own(&mut self, command: Command) -> Option<Command> {
        let now = self.view.now;
        let dataset = &self.doc.loaded.dataset;
        let id_of = |i: usize| dataset.events.get(i).map(|e| e.id().to_owned());
        let changed = match command {
            Command::NewEvent { actor, at } => {
                self.windows.event_form = Some(EventForm::new(dataset, actor, at));
                return None;
            }
            Command::EditOwnEvent(event) => {
                if let Some(id) = id_of(event)
                    && let Some(own) = self.doc.notes.notes.own_events.get(&id)
                {
                    self.windows.event_form = Some(EventForm::editing(&id, own));
                }
                return None;
            }
            Command::CloseEventForm => {
                self.windows.event_form = None;
                return None;
            }
            Command::SaveOwnEvent { id, event } => {
                let id = id.unwrap_or_else(|| {
                    let d = &self.doc.loaded.dataset;
                    self.doc
                        .notes
                        .notes
                        .new_own_id(|candidate| d.event_by_id(candidate).is_some())
                });
                let title = event.title.clone();
                let changed = self.doc.notes.edit(EditKey::Other, now, |n| {
                    n.own_events.insert(id.clone(), event);
                });
                self.windows.event_form = None;
                self.after_notes_change(changed);
                match self.doc.notes.problems.iter().find(|(p, _)| *p == id) {
                    Some((_, why)) => {
                        self.shell.status =
                            format!("“{title}” is kept in your notes but cannot be drawn: {why}");
                    }
                    None => {
                        self.shell.status = format!(
                            "Added “{title}” (yours; {} takes it back)",
                            crate::ui::actions::Action::Undo.key_text()
                        );
                        if let Some(i) = self.doc.loaded.dataset.event_by_id(&id) {
                            self.focus_on(i);
                        }
                    }
                }
                return None;
            }
            Command::DeleteOwnEvent(id) => {
                let changed = self.doc.notes.edit(EditKey::Other, now, |n| {
                    n.own_events.remove(&id);
                    n.own_links.retain(|_, l| l.from != id && l.to != id);
                    n.events.remove(&id);
                });
                self.view.selected = None;
                self.shell.status = format!(
                    "Deleted your event ({} brings it back)",
                    crate::ui::actions::Action::Undo.key_text()
                );
                changed
            }
            Command::NewLink(from) => {
                self.windows.link_form = Some(LinkForm::new(dataset, from));
                return None;
            }
            Command::CloseLinkForm => {
                self.windows.link_form = None;
                return None;
            }
            Command::SaveOwnLink(link) => {
                let id = self.doc.notes.notes.new_link_id();
                self.windows.link_form = None;
                let title = |id: &str| {
                    dataset.event_by_id(id).map_or_else(
                        || id.to_owned(),
                        |i| dataset.events.at(i).title().to_owned(),
                    )
                };
                self.shell.status = format!(
                    "Your link: “{}” {} “{}” ({} takes it back)",
                    title(&link.from),
                    link.kind.verb(),
                    title(&link.to),
                    crate::ui::actions::Action::Undo.key_text()
                );
                self.doc.notes.edit(EditKey::Other, now, |n| {
                    n.own_links.insert(id, link);
                })
            }
            Command::DeleteOwnLink(id) => self.doc.notes.edit(EditKey::Other, now, |n| {
                n.own_links.remove(&id);
            }),
            other => return Some(other),
        };
        self.after_notes_change(changed);
        None
    }

    /// Follows a change of the notes: the dataset anew when own events changed, the marks,
    /// the filter and the search.
    pub(super) fn after_notes_change(&mut self, changed: Changed) {
        if changed.own {
            self.recombine();
        } else {
            self.doc.notes.refresh(&self.doc.loaded.dataset);
            if self.shown.filter.asks_notes() {
                self.rebuild_lanes();
            }
            if !self.shown.search.query.is_empty() {
                let query = std::mem::take(&mut self.shown.search.query);
                self.set_query(query);
            }
        }
    }

    /// Puts the file's events and your own together again (after an own event or link
    /// changed), keeping the lane order, the selection and the view.
    fn recombine(&mut self) {
        self.view.selected = self.doc.recombine(self.view.selected);
        self.view.time_order = None;
        self.rebuild_lanes();
        let query = std::mem::take(&mut self.shown.search.query);
        self.set_query(query);
    }

    /// Shows only what lies within `span_secs` either side of `event`, in all lanes.
    fn around_event(&mut self, event: usize, span_secs: i64) {
        let Some(e) = self.doc.loaded.dataset.events.get(event) else {
            return;
        };
        let when = e.when();
        let (from, to) = (when.earliest() - span_secs, when.latest() + span_secs);
        let span_words = AROUND_SPANS
            .iter()
            .find(|(_, s)| *s == span_secs)
            .map_or_else(
                || crate::model::time::duration_words(span_secs),
                |(w, _)| (*w).to_owned(),
            );
        let words = format!("±{span_words} around “{}”", e.title());
        let around = self.view.around.take().unwrap_or_else(|| Around {
            words: String::new(),
            filter: self.shown.filter.clone(),
            view: self.view_target(),
        });
        self.shown.filter = Filter {
            date_range: Some((from, to)),
            hidden_actors: Vec::new(),
            ..around.filter.clone()
        };
        self.shell.status = format!("Showing {words}");
        self.view.around = Some(Around { words, ..around });
        self.view.selected = Some(event);
        self.rebuild_lanes();
        self.glide_to(TimeView::fit(from as f64, to as f64, 0.04));
    }

    /// Writes the notes when a change has waited long enough (or now, when `force`).
    pub(super) fn save_notes(&mut self, force: bool) {
        let Some(report) = self.doc.notes.save_if_due(self.view.now, force) else {
            return;
        };
        if report.merged {
            self.after_notes_change(Changed {
                own: report.own_changed,
            });
        }
        if let Some(message) = report.message {
            self.shell.status = message;
        }
    }

    /// Where the notes are kept, in words, for the status bar's hover text.
    pub fn notes_place(&self) -> String {
        match self.doc.notes.store.path() {
            Some(path) => format!("Your notes are kept in {}", path.display()),
            None => "Your notes are kept for this session only (no notes folder)".to_owned(),
        }
    }

    /// The notes of the dataset on screen.
    pub fn notes(&self) -> &crate::doc::notes::NotesState {
        &self.doc.notes
    }
}
