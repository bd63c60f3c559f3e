//! A database on screen, the window's part: starting a connection, polling it after each
//! frame, asking for the window in view, installing each answer as the dataset of what is
//! fetched (with your own events and notes by id), and the words of the status line. The
//! session itself (the answer cache, what to ask next, the overview) is
//! [`crate::source::session`]'s.

use super::SwimlineApp;
use crate::doc::Document;
use crate::layout::TimelineIndex;
use crate::layout::histogram::Overview;
use crate::source::session::{Connected, Connecting, Session, Taken, Wanted};
use crate::source::sql::SqlFilter;
use crate::source::window::Answer;
use crate::source::{SourceSpec, TimelineSource as _};
use crate::ui::timeline::TimelineState;

/// Recent database sources remembered.
const RECENT_SOURCES: usize = 10;

/// The last answer of `session` and what the timeline needs to draw it.
pub(super) fn view(session: &Session) -> crate::ui::timeline::RemoteView<'_> {
    crate::ui::timeline::RemoteView {
        answer: &session.answer,
        extent: session.extent,
        refining: session.is_refining(),
    }
}

impl SwimlineApp {
    /// Opens the database `text` names (`duckdb:…`, `postgresql://…`) in the background; what
    /// is on screen stays until it answers.
    pub(super) fn open_source(&mut self, text: &str, ctx: &egui::Context) {
        let spec = match SourceSpec::parse(text) {
            Ok(spec) => spec,
            Err(e) => {
                self.shell.error = Some(e.0);
                return;
            }
        };
        self.shell.status = format!("Connecting to {}…", spec.short_name());
        let wake = ctx.clone();
        self.jobs.connecting = Some(Connecting::start(
            spec,
            self.saved.summaries_folder.clone(),
            move || wake.request_repaint(),
        ));
    }

    /// Whether a database is on screen.
    pub fn is_remote(&self) -> bool {
        self.remote.is_some()
    }

    /// Whether a database is being connected to, or a window of it asked for.
    pub fn is_waiting_for_database(&self) -> bool {
        self.jobs.connecting.is_some() || self.remote.as_ref().is_some_and(Session::is_refining)
    }

    /// Handles what the database thread sent.
    pub(super) fn poll_remote(&mut self) {
        if let Some(connecting) = self.jobs.connecting.take() {
            match connecting.poll() {
                Connected::Waiting(still) => self.jobs.connecting = Some(still),
                Connected::Open { session, secs } => self.install_source(*session, secs),
                Connected::Failed { spec, message } => {
                    self.shell.error = Some(message);
                    self.shell.status = format!(
                        "Could not open {}; still showing {}",
                        spec.short_name(),
                        self.doc.loaded.display_name
                    );
                }
            }
        }
        let Some(remote) = self.remote.as_mut() else {
            return;
        };
        let polled = remote.poll();
        if let Some(message) = polled.error {
            self.shell.error = Some(message);
        }
        if let Some(answer) = polled.answer {
            self.install_answer(answer, true);
        }
    }

    /// File ▸ Make the summary: rows per lane and bin at three widths, made by the engine on a
    /// connection of its own (browsing goes on) — a materialised view on a PostgreSQL server,
    /// a Parquet file in Swimline's folder for DuckDB — then used for wide views.
    pub(super) fn make_summary(&mut self, ctx: &egui::Context) {
        let Some(remote) = &self.remote else {
            return;
        };
        let spec = remote.spec.clone();
        let folder = self.saved.summaries_folder.clone();
        self.shell.status = format!(
            "Making the summary of {} (counting every row once)…",
            spec.short_name()
        );
        let sender = self.jobs.sender.clone();
        let ctx = ctx.clone();
        std::thread::spawn(move || {
            let started = std::time::Instant::now();
            let made = crate::source::connect::make_summary(&spec, folder.as_deref())
                .map(|name| (name, started.elapsed().as_secs_f64()));
            let _ = sender.send(super::Message::SummaryMade(made));
            ctx.request_repaint();
        });
    }

    /// The summary was made (or not): the worker counts from it from now on.
    pub(super) fn summary_made(&mut self, made: Result<(String, f64), String>) {
        match made {
            Ok((name, secs)) => {
                if let Some(remote) = &self.remote {
                    remote.find_summary();
                }
                self.shell.status = format!(
                    "Made the summary {name} in {secs:.1} s: views wider than a day now count \
                     from it (make it again from the File menu when the data has grown)"
                );
            }
            Err(message) => {
                self.shell.error = Some(format!("Could not make the summary: {message}"))
            }
        }
    }

    /// The filter as the database reads it: kinds, lanes and dates hidden, and the search.
    fn sql_filter(&self) -> SqlFilter {
        SqlFilter::of(&self.shown.filter, Some(&self.shown.search.query))
    }

    /// After a frame: asks for the window in view unless the answer drawn (or one cached, or
    /// the one asked for) serves it. A pan inside the over-fetched window asks nothing.
    pub(super) fn ask_remote(&mut self) {
        if self.remote.is_none() {
            return;
        }
        let view = self.view.timeline.view;
        let (on_screen, near) = self.lanes_near_screen();
        let wanted = Wanted {
            t0_secs: view.start_secs,
            t1_secs: view.end_secs(),
            width_px: self.view.timeline.time_width_px.max(100.0),
            filter: self.sql_filter(),
            on_screen,
            near,
        };
        let cached = self.remote.as_mut().and_then(|remote| remote.ask(wanted));
        if let Some(answer) = cached {
            self.install_answer(answer, false);
        }
    }

    /// The names of the lanes on screen in the last frame, and of those with as many again
    /// above and below them (at least eight): a window's bins are asked fine for these, and
    /// coarse for the rest, so a scroll within the margin asks nothing.
    fn lanes_near_screen(&self) -> (Vec<String>, Vec<String>) {
        let index = self.shown.lanes(&self.doc);
        let dataset = &self.doc.loaded.dataset;
        let count = index.lane_count();
        if count == 0 {
            return (Vec::new(), Vec::new());
        }
        let shown = &self.view.timeline.lanes_in_view;
        let (first, last) = match (shown.iter().min(), shown.iter().max()) {
            (Some(&a), Some(&b)) => (a.min(count - 1), b.min(count - 1)),
            // Before the first frame: the top of the list.
            _ => (0, count.min(16) - 1),
        };
        let margin = (last - first + 1).max(8);
        let name = |lane: usize| {
            index
                .lane_actor(lane)
                .and_then(|a| dataset.actors.get(a))
                .map(|a| a.id.clone())
        };
        let on_screen = (first..=last).filter_map(name).collect();
        let near = (first.saturating_sub(margin)..=(last + margin).min(count - 1))
            .filter_map(name)
            .collect();
        (on_screen, near)
    }

    /// Puts a connected database on screen: its lanes, no events yet, the view fitted to its
    /// extent, your notes on it.
    fn install_source(&mut self, remote: Session, secs: f64) {
        self.flush_notes();
        let spec = remote.spec.clone();
        let engine = remote.engine;
        let source = spec.to_string();
        let opened = crate::notes::store::NotesStore::open_source(
            &source,
            self.saved.notes_folder.as_deref(),
        );
        let rows = remote.rows();
        let lane_count = remote.lanes.len();
        let dataset = remote.dataset_of(&remote.answer);
        let mut notes = crate::doc::notes::NotesState::new(
            opened.store,
            opened.notes,
            crate::notes::own::Counts::all_of(&dataset),
            None,
        );
        notes.windowed = true;
        let message = opened.message;
        // The table replaces the document whole: nothing of the file before stays (its tags in
        // Filter, its sheets in View ▸ Sheet, its overview).
        let doc = Document {
            loaded: crate::io::Loaded {
                dataset,
                path: None,
                display_name: spec.short_name(),
                origin: crate::io::Origin::Database,
                // Rows that cannot be drawn, counted in words: the status bar's warnings.
                warnings: remote
                    .warnings
                    .iter()
                    .map(|w| crate::io::Problem {
                        location: None,
                        field: None,
                        message: w.clone(),
                    })
                    .collect(),
            },
            index: TimelineIndex::default(),
            overview: Overview::default(),
            tags: Vec::new(),
            untagged: 0,
            notes,
            sheets: Vec::new(),
            first_sheet: None,
        };
        self.remote = Some(remote);
        self.jobs.watched = None;
        self.install_document(doc, false);
        self.install_answer(Answer::default(), false);
        self.view.timeline = TimelineState::fitted(&self.doc.index);
        self.saved.persisted.recent_sources.retain(|s| *s != source);
        self.saved.persisted.recent_sources.insert(0, source);
        self.saved.persisted.recent_sources.truncate(RECENT_SOURCES);
        self.shell.status = format!(
            "Opened {} ({engine}): {} rows in {} lanes, counted in {secs:.2} s",
            spec.short_name(),
            crate::model::time::group_thousands(rows as i64),
            crate::model::time::group_thousands(lane_count as i64),
        );
        if let Some(m) = message {
            self.shell.status = format!("{}. {m}", self.shell.status);
        }
        if let Some(session) = self.jobs.pending_session.take()
            && session.source.as_deref() == Some(&spec.to_string())
        {
            self.restore(&session);
        }
    }

    /// Makes `answer` the window on screen: its events (and the selected one, and your own) in
    /// the dataset, its counts drawn; the lane order, selection and scroll kept.
    pub(super) fn install_answer(&mut self, answer: Answer, fresh: bool) {
        let Some(remote) = self.remote.as_mut() else {
            return;
        };
        let dataset = &self.doc.loaded.dataset;
        let selected_id = self
            .view
            .selected
            .map(|i| dataset.events.at(i).id().to_owned());
        let order_ids = self.doc.lane_order_ids();
        let Taken {
            dataset: window,
            overview,
            evicted,
        } = remote.take(answer, selected_id.as_deref());
        let file = crate::notes::own::Counts::all_of(&window);
        let combined = crate::notes::own::combine(window, file, &self.doc.notes.notes);
        self.doc.notes.file = file;
        self.doc.notes.problems = combined.problems;
        let dataset = combined.dataset;
        let mut index = TimelineIndex::build(&dataset);
        index.extent_secs = remote.extent;
        if let Some(overview) = overview {
            self.doc.overview = overview;
        }
        if fresh {
            self.shell.status = format!(
                "{}: {} events drawn one by one, the rest as counts (answered in {:.0} ms)",
                remote.spec.short_name(),
                crate::model::time::group_thousands(remote.answer.events.len() as i64),
                remote.answer.query_secs * 1000.0
            );
        }
        // What is let go (answers out of the cache, the last window's dataset and index: tens
        // of thousands of allocations) is freed on a thread of its own, not in a frame.
        let garbage = Garbage {
            answers: evicted,
            index: Some(std::mem::replace(&mut self.doc.index, index)),
            dataset: Some(std::mem::replace(&mut self.doc.loaded.dataset, dataset)),
        };
        std::thread::spawn(move || drop(garbage));
        // The lanes in the order they were drawn, by id (a table of ids, not a search per lane).
        self.doc.reorder_by_ids(&order_ids);
        self.doc.notes.refresh(&self.doc.loaded.dataset);
        self.view.selected = selected_id.and_then(|id| self.doc.loaded.dataset.event_by_id(&id));
        self.view.time_order = None;
        let (scroll, width) = (
            self.view.timeline.scroll_y,
            self.view.timeline.time_width_px,
        );
        self.rebuild_lanes();
        self.view.timeline.scroll_y = scroll;
        self.view.timeline.time_width_px = width;
        let query = std::mem::take(&mut self.shown.search.query);
        self.set_query(query);
    }
}

/// What an answer replaced, to be freed away from the frame.
#[expect(dead_code, reason = "held only to be dropped on a thread of its own")]
struct Garbage {
    answers: Vec<Answer>,
    dataset: Option<crate::model::Dataset>,
    index: Option<TimelineIndex>,
}
