//! A database on screen: connecting on the worker thread, asking for the window in view after
//! each frame, and installing each answer as the dataset of what is fetched (with your own
//! events and notes by id), while the last answer is drawn scaled to the view until the
//! refined one arrives.

use super::SwimlineApp;
use crate::layout::TimelineIndex;
use crate::layout::histogram::{BINS, Overview};
use crate::source::plan::Plan;
use crate::source::sql::SqlFilter;
use crate::source::window::{
    Answer, LaneInfo, RemoteEvent, Request, extent_of, resample, window_dataset,
};
use crate::source::worker::{Reply, Worker};
use crate::source::{SourceSpec, TimelineSource as _};
use crate::ui::timeline::TimelineState;

/// Answers kept for zooming back and panning back without asking again.
const CACHED_ANSWERS: usize = 8;

/// How large the answers kept for going back may be together, in bytes.
const CACHED_BYTES: usize = 96 << 20;

/// Recent database sources remembered.
const RECENT_SOURCES: usize = 10;

/// A database being connected to (what was on screen stays until it answers).
pub(super) struct Connecting {
    spec: SourceSpec,
    worker: Worker,
}

/// The database on screen.
pub(super) struct Remote {
    /// What was opened.
    pub spec: SourceSpec,
    worker: Worker,
    /// "DuckDB", "PostgreSQL".
    pub engine: &'static str,
    /// Every lane, by name, with its rows.
    pub lanes: Vec<LaneInfo>,
    /// The whole table's extent.
    pub extent: Option<(i64, i64)>,
    /// The answer drawn now.
    pub answer: Answer,
    /// Recent answers, newest last.
    cache: Vec<Answer>,
    /// The newest ask not answered yet.
    asked: Option<Request>,
    /// The selected event, kept in the dataset when the window moves away from it.
    kept: Option<RemoteEvent>,
    /// The overview strip waits for an answer over the whole extent.
    overview_pending: bool,
}

impl Remote {
    /// Whether a refined answer is on its way.
    pub fn is_refining(&self) -> bool {
        self.worker.is_busy()
    }

    /// The last answer and what the timeline needs to draw it.
    pub fn view(&self) -> crate::ui::timeline::RemoteView<'_> {
        crate::ui::timeline::RemoteView {
            answer: &self.answer,
            extent: self.extent,
            refining: self.is_refining(),
        }
    }

    /// How many rows the table has.
    pub fn rows(&self) -> u64 {
        self.lanes.iter().map(|l| l.rows).sum()
    }

    /// How many rows start in `view`, as far as the last answer tells.
    pub fn rows_in(&self, view: crate::layout::TimeView) -> u64 {
        self.answer.rows_in(view.start_secs, view.end_secs())
    }
}

impl SwimlineApp {
    /// Opens the database `text` names (`duckdb:…`, `postgresql://…`) in the background; what
    /// is on screen stays until it answers.
    pub(super) fn open_source(&mut self, text: &str, ctx: &egui::Context) {
        let spec = match SourceSpec::parse(text) {
            Ok(spec) => spec,
            Err(e) => {
                self.error = Some(e.0);
                return;
            }
        };
        self.status = format!("Connecting to {}…", spec.short_name());
        let wake = ctx.clone();
        let worker = Worker::start(spec.clone(), self.summaries_folder.clone(), move || {
            wake.request_repaint()
        });
        self.connecting = Some(Connecting { spec, worker });
    }

    /// Whether a database is on screen.
    pub fn is_remote(&self) -> bool {
        self.remote.is_some()
    }

    /// Whether a database is being connected to, or a window of it asked for.
    pub fn is_waiting_for_database(&self) -> bool {
        self.connecting.is_some() || self.remote.as_ref().is_some_and(Remote::is_refining)
    }

    /// Handles what the database thread sent.
    pub(super) fn poll_remote(&mut self) {
        if let Some(connecting) = self.connecting.as_mut() {
            for reply in connecting.worker.poll() {
                match reply {
                    Reply::Connected {
                        engine,
                        lanes,
                        secs,
                    } => {
                        if let Some(c) = self.connecting.take() {
                            self.install_source(c, engine, lanes, secs);
                        }
                        break;
                    }
                    Reply::Failed { message, .. } => {
                        let name = self
                            .connecting
                            .take()
                            .map(|c| c.spec.short_name())
                            .unwrap_or_default();
                        self.error = Some(message);
                        self.status = format!(
                            "Could not open {name}; still showing {}",
                            self.loaded.display_name
                        );
                        break;
                    }
                    Reply::Answer { .. } => {}
                }
            }
        }
        let Some(remote) = self.remote.as_mut() else {
            return;
        };
        let mut newest = None;
        for reply in remote.worker.poll() {
            match reply {
                Reply::Answer { generation, answer } => {
                    if generation == remote.worker.generation {
                        remote.asked = None;
                    }
                    newest = Some(*answer);
                }
                Reply::Failed { message, .. } => {
                    remote.asked = None;
                    self.error = Some(message);
                }
                Reply::Connected { lanes, .. } => {
                    // Counted again (from a summary just made): the same lanes, new counts.
                    remote.extent = extent_of(&lanes);
                    remote.lanes = lanes;
                }
            }
        }
        if let Some(answer) = newest {
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
        let folder = self.summaries_folder.clone();
        self.status = format!(
            "Making the summary of {} (counting every row once)…",
            spec.short_name()
        );
        let sender = self.sender.clone();
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
                    remote.worker.find_summary();
                }
                self.status = format!(
                    "Made the summary {name} in {secs:.1} s: views wider than a day now count \
                     from it (make it again from the File menu when the data has grown)"
                );
            }
            Err(message) => self.error = Some(format!("Could not make the summary: {message}")),
        }
    }

    /// The filter as the database reads it: kinds, lanes and dates hidden, and the search.
    fn sql_filter(&self) -> SqlFilter {
        SqlFilter::of(&self.filter, Some(&self.search.query))
    }

    /// After a frame: asks for the window in view unless the answer drawn (or one cached, or
    /// the one asked for) serves it. A pan inside the over-fetched window asks nothing.
    pub(super) fn ask_remote(&mut self) {
        if self.remote.is_none() {
            return;
        }
        let filter = self.sql_filter();
        let view = self.timeline.view;
        let px = self.timeline.time_width_px.max(100.0);
        let (on_screen, near) = self.lanes_near_screen();
        let Some(remote) = self.remote.as_mut() else {
            return;
        };
        let (t0, t1) = (view.start_secs, view.end_secs());
        let want = Request {
            plan: Plan::for_view(t0, t1, px),
            filter,
            fine: Some(near),
        };
        let serves = |a: &Answer| {
            a.filter == want.filter
                && a.plan.is_some_and(|p| p.serves(&want.plan, t0, t1))
                && a.is_fine_for(&on_screen)
        };
        if serves(&remote.answer) {
            return;
        }
        if let Some(at) = remote.cache.iter().rposition(serves) {
            let answer = remote.cache.remove(at);
            self.install_answer(answer, false);
            return;
        }
        let asked_serves = remote.asked.as_ref().is_some_and(|a| {
            a.filter == want.filter
                && a.plan.serves(&want.plan, t0, t1)
                && a.is_fine_for(&on_screen)
        });
        if !asked_serves {
            remote.worker.ask(want.clone());
            remote.asked = Some(want);
        }
    }

    /// The names of the lanes on screen in the last frame, and of those with as many again
    /// above and below them (at least eight): a window's bins are asked fine for these, and
    /// coarse for the rest, so a scroll within the margin asks nothing.
    fn lanes_near_screen(&self) -> (Vec<String>, Vec<String>) {
        let index = self.derived_index.as_ref().unwrap_or(&self.full_index);
        let dataset = &self.loaded.dataset;
        let count = index.lane_count();
        if count == 0 {
            return (Vec::new(), Vec::new());
        }
        let shown = &self.timeline.lanes_in_view;
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
    fn install_source(
        &mut self,
        connecting: Connecting,
        engine: &'static str,
        lanes: Vec<LaneInfo>,
        secs: f64,
    ) {
        self.flush_notes();
        let Connecting { spec, worker } = connecting;
        let source = spec.to_string();
        let opened =
            crate::notes::store::NotesStore::open_source(&source, self.notes_folder.as_deref());
        let extent = extent_of(&lanes);
        let remote = Remote {
            spec: spec.clone(),
            worker,
            engine,
            extent,
            answer: Answer::default(),
            cache: Vec::new(),
            asked: None,
            kept: None,
            overview_pending: true,
            lanes,
        };
        let rows = remote.rows();
        let lane_count = remote.lanes.len();
        let dataset = window_dataset(&spec.table_name(), &remote.lanes, &remote.answer);
        let mut notes = crate::ui::state::notes::NotesState::new(
            opened.store,
            opened.notes,
            crate::notes::own::Counts::all_of(&dataset),
            None,
        );
        notes.windowed = true;
        let message = opened.message;
        self.notes = notes;
        self.remote = Some(remote);
        self.loaded = crate::io::Loaded {
            dataset,
            path: None,
            display_name: spec.short_name(),
            format: crate::io::Format::Database,
            warnings: Vec::new(),
        };
        self.watched = None;
        // Nothing of the file before stays: its tags (Filter) and sheets (View ▸ Sheet) are
        // not the table's.
        self.tags.clear();
        self.untagged = 0;
        self.sheets.clear();
        self.first_sheet = None;
        self.time_order = None;
        self.filter = crate::model::filter::Filter::default();
        self.collapsed_groups.clear();
        self.selected = None;
        self.around = None;
        self.event_form = None;
        self.link_form = None;
        self.error = None;
        self.overview = Overview::default();
        self.install_answer(Answer::default(), false);
        self.timeline = TimelineState::fitted(&self.full_index);
        self.persisted.recent_sources.retain(|s| *s != source);
        self.persisted.recent_sources.insert(0, source);
        self.persisted.recent_sources.truncate(RECENT_SOURCES);
        self.status = format!(
            "Opened {} ({engine}): {} rows in {} lanes, counted in {secs:.2} s",
            spec.short_name(),
            crate::model::time::group_thousands(rows as i64),
            crate::model::time::group_thousands(lane_count as i64),
        );
        if let Some(m) = message {
            self.status = format!("{}. {m}", self.status);
        }
        if let Some(session) = self.pending_session.take()
            && session.source.as_deref() == Some(&spec.to_string())
        {
            self.restore(&session);
        }
    }

    /// Makes `answer` the window on screen: its events (and the selected one, and your own) in
    /// the dataset, its counts drawn; the lane order, selection and scroll kept.
    pub(super) fn install_answer(&mut self, mut answer: Answer, fresh: bool) {
        let Some(remote) = self.remote.as_mut() else {
            return;
        };
        let dataset = &self.loaded.dataset;
        let selected_id = self.selected.map(|i| dataset.events.at(i).id().to_owned());
        if let Some(id) = &selected_id {
            let here = remote
                .answer
                .events
                .iter()
                .chain(remote.kept.as_ref())
                .find(|e| &e.id == id)
                .cloned();
            if here.is_some() {
                remote.kept = here;
            }
        } else {
            remote.kept = None;
        }
        if let Some(kept) = &remote.kept
            && !answer.events.iter().any(|e| e.id == kept.id)
        {
            answer.events.push(kept.clone());
            // The worker's dataset lacks it: made again here (one event more, rarely).
            answer.dataset = None;
        }
        let order_ids: Vec<String> = self
            .full_index
            .lane_actor
            .iter()
            .flatten()
            .filter_map(|&a| dataset.actors.get(a).map(|x| x.id.clone()))
            .collect();
        // Copied (3 ms at 40,000 events): the answer keeps its own for when it is drawn again
        // from the cache.
        let window = match &answer.dataset {
            Some(made) => (**made).clone(),
            None => window_dataset(&remote.spec.table_name(), &remote.lanes, &answer),
        };
        let file = crate::notes::own::Counts::all_of(&window);
        let combined = crate::notes::own::combine(window, file, &self.notes.notes);
        self.notes.file = file;
        self.notes.problems = combined.problems;
        let dataset = combined.dataset;
        let mut index = TimelineIndex::build(&dataset);
        index.extent_secs = remote.extent;
        // By a table of ids: looking each lane up in the list was 4 million comparisons for
        // every answer at 2,000 lanes, on the UI thread.
        let position: rustc_hash::FxHashMap<&str, usize> = dataset
            .actors
            .iter()
            .enumerate()
            .map(|(i, a)| (a.id.as_str(), i))
            .collect();
        let order: Vec<usize> = order_ids
            .iter()
            .filter_map(|id| position.get(id.as_str()).copied())
            .collect();
        index.reorder(&order);
        if remote.overview_pending
            && let (Some(plan), Some((a, b))) = (answer.plan, remote.extent)
            && plan.w0 <= a
            && plan.w1 >= b
        {
            // The lanes summed first, then resampled once for each bin width (resampling is
            // linear): resampling 2,000 lanes one by one took 135 ms of a frame.
            let mut total = vec![0.0; BINS];
            for coarse in [false, true] {
                let lanes = answer
                    .bins
                    .iter()
                    .filter(|(lane, _)| answer.coarse.contains(*lane) == coarse);
                let mut sum: Vec<u32> = Vec::new();
                let mut width = None;
                for (lane, bins) in lanes {
                    width = width.or_else(|| answer.lane_plan(lane));
                    sum.resize(sum.len().max(bins.len()), 0);
                    for (s, &c) in sum.iter_mut().zip(bins) {
                        *s = s.saturating_add(c);
                    }
                }
                if let Some(width) = width {
                    let part = resample(&sum, &width, a as f64, b as f64, BINS);
                    for (t, p) in total.iter_mut().zip(part) {
                        *t += p;
                    }
                }
            }
            self.overview = Overview::of_counts((a as f64, b as f64), &total);
            remote.overview_pending = false;
        }
        let old = std::mem::replace(&mut remote.answer, answer);
        // What is let go (an answer out of the cache, the last window's dataset and index:
        // tens of thousands of allocations) is freed on a thread of its own, not in a frame.
        let mut garbage = Garbage::default();
        if old.plan.is_some() {
            remote.cache.push(old);
            // The oldest go first, past a count or a size (a wide view's bins are tens of
            // megabytes: eight of them were most of the app's peak while browsing 100M rows).
            let mut bytes: usize = remote.cache.iter().map(Answer::heap_bytes).sum();
            while remote.cache.len() > CACHED_ANSWERS
                || (bytes > CACHED_BYTES && remote.cache.len() > 1)
            {
                let gone = remote.cache.remove(0);
                bytes -= gone.heap_bytes();
                garbage.answers.push(gone);
            }
        }
        if fresh {
            self.status = format!(
                "{}: {} events drawn one by one, the rest as counts (answered in {:.0} ms)",
                remote.spec.short_name(),
                crate::model::time::group_thousands(remote.answer.events.len() as i64),
                remote.answer.query_secs * 1000.0
            );
        }
        garbage.index = Some(std::mem::replace(&mut self.full_index, index));
        garbage.dataset = Some(std::mem::replace(&mut self.loaded.dataset, dataset));
        std::thread::spawn(move || drop(garbage));
        self.notes.refresh(&self.loaded.dataset);
        self.selected = selected_id.and_then(|id| self.loaded.dataset.event_by_id(&id));
        self.time_order = None;
        let (scroll, width) = (self.timeline.scroll_y, self.timeline.time_width_px);
        self.rebuild_lanes();
        self.timeline.scroll_y = scroll;
        self.timeline.time_width_px = width;
        let query = std::mem::take(&mut self.search.query);
        self.set_query(query);
    }
}

/// What an answer replaced, to be freed away from the frame.
#[derive(Default)]
struct Garbage {
    answers: Vec<Answer>,
    dataset: Option<crate::model::Dataset>,
    index: Option<TimelineIndex>,
}
