//! What comes back on the next start: the session store, and what is on screen as a session
//! (the file or database, the view, the lane order, the filter and the selection).

use super::SwimlineApp;
use crate::ui::state::session::{Opened, Persisted, Session};
use crate::ui::timeline::TimelineState;

impl SwimlineApp {
    /// Saves what is remembered between runs to the session store (atomically; nothing when
    /// nothing changed, or when the store is none).
    pub fn save_session(&mut self) {
        self.saved.persisted.session = Some(self.session());
        if let Err(message) = self
            .saved
            .session_store
            .save(&self.saved.persisted, self.shell.has_changes)
        {
            self.shell.status = format!("Could not save the session: {message}");
        }
    }

    /// Remembers between runs through `opened` (what [`crate::ui::state::session::SessionStore::open`] found): its
    /// recent files and session, as [`SwimlineApp::with_persisted`]; a session that could not
    /// be read is said once in the status bar.
    pub fn with_session_store(mut self, opened: Opened, restore: bool) -> Self {
        let Opened {
            store,
            persisted,
            ignored,
            ..
        } = opened;
        self.saved.session_store = store;
        self = self.with_persisted(persisted, restore);
        if let Some(message) = ignored {
            self.shell.status = message;
        }
        self
    }

    /// Starts from what an earlier run remembered: its recent files and, when `restore` (no
    /// file was named on the command line), its session — the file it showed, reopened in the
    /// background, with the view, lane order, filter and selection it had. A file that is gone
    /// is said so, and the built-in dataset stays.
    pub fn with_persisted(mut self, persisted: Persisted, restore: bool) -> Self {
        self.saved.persisted = persisted;
        // A zone name this build does not know (an older zone database) falls back to UTC.
        self.view.shown_zone =
            crate::model::ShownZone::parse(&self.saved.persisted.shown_zone).unwrap_or_default();
        if let Some(path) = self.doc.loaded.path.clone() {
            self.remember(path);
        }
        if let Some(session) = self.saved.persisted.session.clone().filter(|_| restore) {
            if let Some(source) = session.source.clone() {
                self.jobs.source_on_start = Some(source);
                self.jobs.pending_session = Some(session);
                return self;
            }
            match session.file.clone() {
                None => self.restore(&session),
                Some(path) if path.is_file() => {
                    self.jobs.open_on_start = Some(path);
                    self.jobs.pending_session = Some(session);
                }
                Some(path) => {
                    self.shell.status = format!(
                        "{} (open when Swimline last closed) is no longer there; showing {}",
                        path.display(),
                        self.doc.loaded.display_name
                    );
                }
            }
        }
        self
    }

    /// What is on screen, to be restored on the next start.
    pub fn session(&self) -> Session {
        let dataset = &self.doc.loaded.dataset;
        Session {
            file: self
                .doc
                .loaded
                .path
                .as_ref()
                .map(|p| std::path::absolute(p).unwrap_or_else(|_| p.clone())),
            source: self.remote.as_ref().map(|r| r.spec.to_string()),
            view: Some(self.view.timeline.view),
            lane_order: self
                .lane_order_now()
                .into_iter()
                .map(|a| dataset.actors[a].id.clone())
                .collect(),
            filter: self.shown.filter.clone(),
            collapsed_groups: self.shown.collapsed_groups.clone(),
            selected: self
                .view
                .selected
                .map(|i| dataset.events.at(i).id().to_owned()),
        }
    }

    /// Puts back what `session` had on screen, as far as the dataset on screen allows (lanes
    /// and events it no longer has are passed over).
    pub fn restore(&mut self, session: &Session) {
        let dataset = &self.doc.loaded.dataset;
        let order: Vec<usize> = session
            .lane_order
            .iter()
            .filter_map(|id| dataset.actors.iter().position(|a| &a.id == id))
            .collect();
        self.view.selected = session
            .selected
            .as_deref()
            .and_then(|id| dataset.event_by_id(id));
        self.shown.filter = session.filter.clone();
        self.shown.collapsed_groups = session.collapsed_groups.clone();
        self.doc.index.reorder(&order);
        self.rebuild_lanes();
        if let Some(view) = session.view {
            self.view.glide = None;
            self.view.timeline = TimelineState::at(view.clamped());
        }
    }

    /// What the app will remember.
    pub fn persisted(&self) -> &Persisted {
        &self.saved.persisted
    }
}
