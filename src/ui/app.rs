//! The application: what is loaded, what is selected, background work, menus and shortcuts.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, Sender, channel};
use std::sync::{Arc, Mutex};
use std::time::SystemTime;

use egui::{Key, KeyboardShortcut, Modifiers};

pub use super::command::{Command, LaneSort, Message};
use super::details::details_ui;
use super::dialogs::FileDialogs;
use super::timeline::{TimelineInput, TimelineState, timeline_ui};
use super::tokens;
use crate::export::write_png;
use crate::io::{LoadError, Loaded};
use crate::layout::{TimeView, TimelineIndex};
use crate::model::{Dataset, EventKind};

/// `Ctrl+O`: open a file.
pub const SHORTCUT_OPEN: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::O);
/// `Ctrl+Shift+S`: export a screenshot.
pub const SHORTCUT_EXPORT: KeyboardShortcut =
    KeyboardShortcut::new(Modifiers::COMMAND.plus(Modifiers::SHIFT), Key::S);

/// `Ctrl+F`: search.
pub const SHORTCUT_SEARCH: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::F);

/// Arrow keys pan by this fraction of the visible span.
const PAN_STEP: f64 = 0.1;
/// `+`/`-` zoom by this factor.
const KEY_ZOOM_STEP: f64 = 1.25;
/// Up/down arrows scroll the lanes by this many points.
const ROW_SCROLL_STEP: f32 = 48.0;

/// The search box's id, so `Ctrl+F` can focus it.
fn search_box_id() -> egui::Id {
    egui::Id::unique("search_box")
}

/// How many lines of a load error the banner shows before "… and N more".
const ERROR_LINES_SHOWN: usize = 30;

/// How many recently opened files the File menu remembers.
const RECENT_FILES: usize = 8;

/// How often the open file is checked for changes on disk, in seconds.
const WATCH_INTERVAL_SECS: f64 = 1.0;

/// The key under which eframe stores [`Persisted`].
pub const STORAGE_KEY: &str = "swimline";

pub use super::state::document::Prepared;
use super::state::navigation::{GLIDE_SECS, Glide};
pub use super::state::session::{Opened, Persisted, Session, SessionStore};

/// The search box and what it found.
#[derive(Debug, Default)]
struct Search {
    /// As typed.
    query: String,
    /// Indices of the matching events, in time order.
    matches: Vec<usize>,
    /// For each event, whether it matches; empty when there is no query.
    is_match: Vec<bool>,
    /// Position in `matches` of the match last stepped to.
    current: Option<usize>,
}

impl Search {
    /// Whether each event matches; `None` when nothing is searched.
    fn mask(&self) -> Option<&[bool]> {
        (!self.query.is_empty()).then_some(self.is_match.as_slice())
    }
}

/// A file being read in the background.
#[derive(Debug)]
struct Loading {
    path: PathBuf,
    /// How far it has got; cancelled by the Cancel button.
    progress: Arc<crate::io::Progress>,
    generation: u64,
}

/// The events linked to `event`, either way, in the order of the dataset's links.
pub fn linked_events(dataset: &crate::model::Dataset, event: usize) -> Vec<usize> {
    let mut linked = Vec::new();
    for (_, other) in dataset.links_of(event) {
        if !linked.contains(&other) {
            linked.push(other);
        }
    }
    linked
}

/// What a load has done, in words: `Reading big.csv: 412,000 events, 23 of 54 MB`.
fn progress_text(name: &str, now: &crate::io::progress::Snapshot) -> String {
    use crate::io::progress::Stage;
    use crate::model::time::group_thousands;
    let mb = |b: u64| b as f64 / 1e6;
    match now.stage {
        Stage::Reading => format!(
            "Reading {name}: {:.0} of {:.0} MB",
            mb(now.bytes),
            mb(now.total_bytes)
        ),
        Stage::Parsing if now.bytes > 0 => format!(
            "Reading {name}: {} events, {:.0} of {:.0} MB",
            group_thousands(now.events as i64),
            mb(now.bytes),
            mb(now.total_bytes)
        ),
        Stage::Parsing => format!(
            "Reading {name}: {} events",
            group_thousands(now.events as i64)
        ),
        Stage::Checking => format!("Checking {} events…", group_thousands(now.events as i64)),
    }
}

/// `--screenshot`: draw the window, write it to `path` and close.
#[derive(Debug)]
pub struct ScreenshotJob {
    /// Where to write the PNG (must not exist).
    pub path: PathBuf,
    /// Filled in when done: `Ok` or the reason it failed. Read by `main` after the window closes.
    pub outcome: Arc<Mutex<Option<Result<(), String>>>>,
    /// Frames drawn so far; the screenshot is taken once the layout has settled.
    frames: u32,
    /// The screenshot was requested.
    requested: bool,
}

impl ScreenshotJob {
    /// A job that writes to `path`.
    pub fn new(path: PathBuf) -> Self {
        Self {
            path,
            outcome: Arc::new(Mutex::new(None)),
            frames: 0,
            requested: false,
        }
    }
}

/// Frames to draw before the `--screenshot` capture: fonts and panel sizes settle in the first.
const SCREENSHOT_AFTER_FRAMES: u32 = 4;

/// The Swimline window.
pub struct SwimlineApp {
    /// The dataset on screen and where it came from.
    loaded: Loaded,
    /// Per-lane sorted arrays of the loaded dataset, one lane per actor.
    full_index: TimelineIndex,
    /// The lanes on screen when a filter or a collapsed group changes them; `None` means
    /// `full_index` as it is (no second copy of a million-event index).
    derived_index: Option<TimelineIndex>,
    /// Lane groups shown as one lane.
    collapsed_groups: Vec<String>,
    /// The column lanes come from, for formats that let the user pick (Timesketch).
    lane_column: Option<String>,
    /// The search box and its matches.
    search: Search,
    /// Event indices in time order, made on first use (Tab).
    time_order: Option<Vec<usize>>,
    /// The shortcuts window is open.
    show_help: bool,
    /// What is hidden.
    filter: crate::model::filter::Filter,
    /// The dataset's tags with their event counts, most used first (for the Filter menu).
    tags: Vec<(String, usize)>,
    /// How many events have no tag.
    untagged: usize,
    /// The date range typed into the Filter menu, as written.
    range_text: (String, String),
    /// Events the filter keeps (empty when no filter is active).
    filter_keeps: Vec<bool>,
    /// The histogram of the loaded dataset for the overview strip.
    overview: super::overview::Overview,
    /// Pan, zoom and cached stacking of the timeline.
    timeline: TimelineState,
    /// A glide of the view under way.
    glide: Option<Glide>,
    /// egui's clock at the start of this frame, in seconds.
    now: f64,
    /// The selected event, an index into the dataset's events.
    selected: Option<usize>,
    /// A load or export error the user has not dismissed.
    error: Option<String>,
    /// The last thing that happened, for the status bar.
    status: String,
    /// A file being loaded in the background.
    loading: Option<Loading>,
    /// Counts loads started, so a cancelled or superseded load's result is recognised and dropped.
    load_generation: u64,
    /// A file to open in the background once the window runs (`swimline FILE`).
    open_on_start: Option<PathBuf>,
    /// The session to put back once the file it showed has loaded.
    pending_session: Option<Session>,
    /// A screenshot waiting for its pixels: where to save it and whether to replace.
    pending_export: Option<(PathBuf, bool)>,
    /// A path the user picked that exists: ask before replacing it.
    confirm_replace: Option<PathBuf>,
    /// Where background threads send their results.
    sender: Sender<Message>,
    /// Results of background work.
    receiver: Receiver<Message>,
    /// File dialogs (real ones, or a script in tests).
    dialogs: Box<dyn FileDialogs>,
    /// `--screenshot` mode.
    screenshot_job: Option<ScreenshotJob>,
    /// The window title last sent, to send it only when it changes.
    title_sent: String,
    /// The warnings window is open.
    show_warnings: bool,
    /// Remembered between runs.
    persisted: Persisted,
    /// Where `persisted` is saved (nowhere for scripted runs and tests).
    session_store: SessionStore,
    /// For the scale benchmark only: draw with the timeline from before the scene, to measure
    /// both in one run (to be removed once the comparison is recorded in DESIGN.md).
    legacy_timeline: Option<super::timeline::legacy::TimelineState>,
    /// The user has asked for something since the app started (a saved session that could not
    /// be read is left alone until then).
    has_changes: bool,
    /// The open file's modification time when it was read, and when it was last checked
    /// (egui's clock, seconds).
    watched: Option<(SystemTime, f64)>,
}

impl SwimlineApp {
    /// An app showing `loaded`, with `error` (from loading the file asked for on the command
    /// line) shown if there is one.
    pub fn new(loaded: Loaded, error: Option<String>, dialogs: Box<dyn FileDialogs>) -> Self {
        let (sender, receiver) = channel();
        let Prepared {
            loaded,
            index,
            overview,
            tags,
            untagged,
        } = Prepared::of(loaded);
        let status = opened_status(&loaded, false);
        let show_warnings = !loaded.warnings.is_empty();
        Self {
            timeline: TimelineState::fitted(&index),
            glide: None,
            now: 0.0,
            full_index: index,
            derived_index: None,
            collapsed_groups: Vec::new(),
            lane_column: None,
            search: Search::default(),
            time_order: None,
            show_help: false,
            filter: crate::model::filter::Filter::default(),
            tags,
            untagged,
            range_text: (String::new(), String::new()),
            filter_keeps: Vec::new(),
            overview,
            loaded,
            selected: None,
            error,
            status,
            loading: None,
            load_generation: 0,
            open_on_start: None,
            pending_session: None,
            pending_export: None,
            confirm_replace: None,
            sender,
            receiver,
            dialogs,
            screenshot_job: None,
            title_sent: String::new(),
            show_warnings,
            watched: None,
            persisted: Persisted::default(),
            session_store: SessionStore::none(),
            has_changes: false,
            legacy_timeline: None,
        }
        .watching()
    }

    /// For the scale benchmark only: draws the timeline as it was drawn before the scene
    /// (`true`) or from the scene (`false`), to compare their frame times in one run.
    pub fn set_legacy_timeline(&mut self, is_legacy: bool) {
        self.legacy_timeline =
            is_legacy.then(|| super::timeline::legacy::TimelineState::at(self.timeline.view));
    }

    /// Saves what is remembered between runs to the session store (atomically; nothing when
    /// nothing changed, or when the store is none).
    pub fn save_session(&mut self) {
        self.persisted.session = Some(self.session());
        if let Err(message) = self.session_store.save(&self.persisted, self.has_changes) {
            self.status = format!("Could not save the session: {message}");
        }
    }

    /// Remembers between runs through `opened` (what [`SessionStore::open`] found): its
    /// recent files and session, as [`SwimlineApp::with_persisted`]; a session that could not
    /// be read is said once in the status bar.
    pub fn with_session_store(mut self, opened: Opened, restore: bool) -> Self {
        let Opened {
            store,
            persisted,
            ignored,
            ..
        } = opened;
        self.session_store = store;
        self = self.with_persisted(persisted, restore);
        if let Some(message) = ignored {
            self.status = message;
        }
        self
    }

    /// Opens `path` in the background as soon as the window runs, so a large file shows
    /// progress in the window instead of delaying it.
    pub fn open_on_start(mut self, path: PathBuf) -> Self {
        self.open_on_start = Some(path);
        self
    }

    /// Starts from what an earlier run remembered: its recent files and, when `restore` (no
    /// file was named on the command line), its session — the file it showed, reopened in the
    /// background, with the view, lane order, filter and selection it had. A file that is gone
    /// is said so, and the built-in dataset stays.
    pub fn with_persisted(mut self, persisted: Persisted, restore: bool) -> Self {
        self.persisted = persisted;
        if let Some(path) = self.loaded.path.clone() {
            self.remember(path);
        }
        if let Some(session) = self.persisted.session.clone().filter(|_| restore) {
            match session.file.clone() {
                None => self.restore(&session),
                Some(path) if path.is_file() => {
                    self.open_on_start = Some(path);
                    self.pending_session = Some(session);
                }
                Some(path) => {
                    self.status = format!(
                        "{} (open when Swimline last closed) is no longer there; showing {}",
                        path.display(),
                        self.loaded.display_name
                    );
                }
            }
        }
        self
    }

    /// What is on screen, to be restored on the next start.
    pub fn session(&self) -> Session {
        let dataset = &self.loaded.dataset;
        Session {
            file: self.loaded.path.clone(),
            view: Some(self.timeline.view),
            lane_order: self
                .lane_order_now()
                .into_iter()
                .map(|a| dataset.actors[a].id.clone())
                .collect(),
            filter: self.filter.clone(),
            collapsed_groups: self.collapsed_groups.clone(),
            selected: self.selected.map(|i| dataset.events.at(i).id().to_owned()),
        }
    }

    /// Puts back what `session` had on screen, as far as the dataset on screen allows (lanes
    /// and events it no longer has are passed over).
    pub fn restore(&mut self, session: &Session) {
        let dataset = &self.loaded.dataset;
        let order: Vec<usize> = session
            .lane_order
            .iter()
            .filter_map(|id| dataset.actors.iter().position(|a| &a.id == id))
            .collect();
        self.selected = session
            .selected
            .as_deref()
            .and_then(|id| dataset.event_by_id(id));
        self.filter = session.filter.clone();
        self.collapsed_groups = session.collapsed_groups.clone();
        self.full_index.reorder(&order);
        self.rebuild_lanes();
        if let Some(view) = session.view {
            self.glide = None;
            self.timeline = TimelineState::at(view.clamped());
        }
    }

    /// What the app will remember.
    pub fn persisted(&self) -> &Persisted {
        &self.persisted
    }

    /// Records the open file's modification time, to notice when it changes.
    fn watching(mut self) -> Self {
        self.watched = self.modified_time().map(|t| (t, 0.0));
        self
    }

    fn modified_time(&self) -> Option<SystemTime> {
        let path = self.loaded.path.as_ref()?;
        std::fs::metadata(path).and_then(|m| m.modified()).ok()
    }

    fn remember(&mut self, path: PathBuf) {
        let recent = &mut self.persisted.recent_files;
        recent.retain(|p| p != &path);
        recent.insert(0, path);
        recent.truncate(RECENT_FILES);
    }

    /// Runs in `--screenshot` mode: once drawn, write the window to the job's path and close.
    pub fn with_screenshot_job(mut self, job: ScreenshotJob) -> Self {
        self.screenshot_job = Some(job);
        self
    }

    /// The dataset on screen.
    pub fn dataset(&self) -> &Dataset {
        &self.loaded.dataset
    }

    /// The dataset and its source.
    pub fn loaded(&self) -> &Loaded {
        &self.loaded
    }

    /// The selected event's index.
    pub fn selected(&self) -> Option<usize> {
        self.selected
    }

    /// The visible time range.
    pub fn view(&self) -> TimeView {
        self.timeline.view
    }

    /// The error banner's text, if shown.
    pub fn error(&self) -> Option<&str> {
        self.error.as_deref()
    }

    /// The status bar's message.
    pub fn status(&self) -> &str {
        &self.status
    }

    /// Whether a file is loading in the background.
    pub fn is_loading(&self) -> bool {
        self.loading.is_some()
    }

    /// Applies a command now, as the end of a frame would (for tests and scripts).
    pub fn apply(&mut self, command: Command, ctx: &egui::Context) {
        self.has_changes = true;
        match command {
            Command::Select(event) => {
                self.selected = event.filter(|&i| i < self.loaded.dataset.events.len());
            }
            Command::SetView(view) => {
                self.glide = None;
                self.timeline.view = view;
            }
            Command::ScrollLanes(dy) => self.timeline.scroll_y += dy,
            Command::ZoomToFit => {
                let fitted = TimelineState::fitted(self.lanes()).view;
                self.timeline.scroll_y = 0.0;
                self.glide_to(fitted);
            }
            Command::OpenDialog => self.dialogs.pick_open(self.sender.clone(), ctx.clone()),
            Command::Open(path) => self.start_loading(path, false, ctx),
            Command::OpenBuiltIn => {
                if let Some(loading) = self.loading.take() {
                    loading.progress.cancel();
                }
                self.finish_loading(crate::io::load_default().map(Prepared::of), false);
            }
            Command::ToggleWarnings => self.show_warnings = !self.show_warnings,
            Command::ToggleGroup(group) => {
                crate::model::filter::Filter::toggle(&mut self.collapsed_groups, group);
                self.rebuild_lanes();
            }
            Command::MoveLane { actor, to } => {
                let mut order = self.lane_order_now();
                if let (Some(from), Some(at)) = (
                    order.iter().position(|&a| a == actor),
                    order.iter().position(|&a| a == to),
                ) {
                    let moved = order.remove(from);
                    order.insert(at, moved);
                    self.set_lane_order(order);
                }
            }
            Command::SortLanes(sort) => {
                let order = self.sorted_lanes(sort);
                self.set_lane_order(order);
            }
            Command::SetLaneColumn(column) => {
                self.lane_column = column;
                if let Some(path) = self.loaded.path.clone() {
                    self.start_loading(path, true, ctx);
                }
            }
            Command::SetQuery(query) => self.set_query(query),
            Command::StepMatch(step) => {
                let matches = &self.search.matches;
                let next = step_through(matches.len(), self.search.current, step, |p| {
                    self.is_shown(matches[p])
                });
                if let Some(next) = next {
                    self.search.current = Some(next);
                    self.focus_on(self.search.matches[next]);
                }
            }
            Command::FollowLink(event) => {
                let linked = linked_events(&self.loaded.dataset, event);
                let here = self
                    .selected
                    .and_then(|s| linked.iter().position(|&e| e == s));
                let next = match here {
                    Some(k) => linked.get((k + 1) % linked.len()),
                    None => linked.first(),
                };
                match next {
                    Some(&next) => self.focus_on(next),
                    None => {
                        self.status = format!(
                            "“{}” has no links to follow",
                            self.loaded.dataset.events.at(event).title()
                        );
                    }
                }
            }
            Command::StepEvent(step) => {
                let dataset = &self.loaded.dataset;
                let order = self.time_order.get_or_insert_with(|| {
                    let mut order: Vec<usize> = (0..dataset.events.len()).collect();
                    order.sort_by_key(|&i| (dataset.events.at(i).when().earliest(), i));
                    order
                });
                let here = self
                    .selected
                    .and_then(|s| order.iter().position(|&i| i == s));
                let order = self.time_order.as_deref().unwrap_or_default();
                let next = step_through(order.len(), here, step, |p| self.is_shown(order[p]));
                if let Some(event) = next.map(|p| order[p]) {
                    self.focus_on(event);
                }
            }
            // Keys compose from where the view is going, so a held key never lags behind.
            Command::PanBy(fraction) => {
                let view = self.view_target();
                self.glide_to(view.panned(view.span_secs * fraction));
            }
            Command::ZoomBy(factor) => self.glide_to(self.view_target().zoomed(factor, 0.5)),
            Command::ToggleHelp => self.show_help = !self.show_help,
            Command::SetFilter(filter) => {
                self.filter = filter;
                self.rebuild_lanes();
            }
            Command::FocusSearch => ctx.memory_mut(|m| m.request_focus(search_box_id())),
            Command::CancelLoading => {
                if let Some(loading) = self.loading.take() {
                    loading.progress.cancel();
                    self.status = format!(
                        "Stopped loading {}; still showing {}",
                        loading.path.display(),
                        self.loaded.display_name
                    );
                }
            }
            Command::ExportDialog => {
                let stem = self
                    .loaded
                    .display_name
                    .rsplit_once('.')
                    .map_or(self.loaded.display_name.as_str(), |(s, _)| s);
                self.dialogs
                    .pick_save(self.sender.clone(), ctx.clone(), format!("{stem}.png"));
            }
            Command::Export { path, replace } => self.start_export(path, replace, ctx),
            Command::DismissError => self.error = None,
            Command::CancelReplace => {
                self.confirm_replace = None;
                self.status = "Export cancelled".to_owned();
            }
            Command::SetTheme(theme) => ctx.set_theme(theme),
            Command::Quit => ctx.send_viewport_cmd(egui::ViewportCommand::Close),
        }
    }

    /// The lanes on screen: the full index, filtered, with collapsed groups merged. Keeps the
    /// view; drops the cached stacking.
    fn rebuild_lanes(&mut self) {
        let dataset = &self.loaded.dataset;
        let filter = &self.filter;
        self.filter_keeps = if filter.is_active() {
            dataset.events.iter().map(|e| filter.keeps(e)).collect()
        } else {
            Vec::new()
        };
        self.derived_index = match (filter.is_active(), self.collapsed_groups.is_empty()) {
            (false, true) => None,
            (false, false) => Some(self.full_index.collapsed(dataset, &self.collapsed_groups)),
            (true, _) => {
                let filtered = self.full_index.filtered(&self.filter_keeps, |actor| {
                    actor.is_none_or(|a| !filter.hidden_actors.contains(&dataset.actors[a].id))
                });
                Some(if self.collapsed_groups.is_empty() {
                    filtered
                } else {
                    filtered.collapsed(dataset, &self.collapsed_groups)
                })
            }
        };
        self.timeline = TimelineState::at(self.timeline.view);
    }

    /// The actors in the order their lanes are drawn.
    pub fn lane_order_now(&self) -> Vec<usize> {
        self.full_index
            .lane_actor
            .iter()
            .flatten()
            .copied()
            .collect()
    }

    fn set_lane_order(&mut self, order: Vec<usize>) {
        self.full_index.reorder(&order);
        self.rebuild_lanes();
    }

    /// The actors in the order `sort`.
    fn sorted_lanes(&self, sort: LaneSort) -> Vec<usize> {
        let actors = &self.loaded.dataset.actors;
        let index = &self.full_index;
        // (actor, first event, number of events) of each lane with an actor.
        let mut lanes: Vec<(usize, i64, usize)> = index
            .lanes
            .iter()
            .zip(&index.lane_actor)
            .filter_map(|(lane, actor)| {
                let first = lane.earliest.first().copied().unwrap_or(i64::MAX);
                actor.map(|a| (a, first, lane.len()))
            })
            .collect();
        match sort {
            LaneSort::File => lanes.sort_by_key(|&(a, _, _)| a),
            LaneSort::Name => lanes
                .sort_by_cached_key(|&(a, _, _)| (crate::model::search::fold(&actors[a].name), a)),
            LaneSort::FirstEvent => lanes.sort_by_key(|&(a, first, _)| (first, a)),
            LaneSort::EventCount => {
                lanes.sort_by_key(|&(a, _, count)| (std::cmp::Reverse(count), a));
            }
        }
        lanes.into_iter().map(|(a, _, _)| a).collect()
    }

    /// Whether `event` is on screen under the current filter: kept, and in a lane not hidden.
    pub fn is_shown(&self, event: usize) -> bool {
        if !self.filter.is_active() {
            return true;
        }
        let dataset = &self.loaded.dataset;
        let kept = self.filter_keeps.get(event).copied().unwrap_or(true);
        let actors = dataset.events.at(event).actors();
        kept && (actors.is_empty()
            || actors.iter().any(|&a| {
                !self
                    .filter
                    .hidden_actors
                    .contains(&dataset.actors[a as usize].id)
            }))
    }

    /// The lanes on screen.
    fn lanes(&self) -> &TimelineIndex {
        self.derived_index.as_ref().unwrap_or(&self.full_index)
    }

    /// `212 of 1,480 events` while a filter hides some; `None` otherwise.
    pub fn filter_summary(&self) -> Option<String> {
        if !self.filter.is_active() {
            return None;
        }
        let shown = self.filter_keeps.iter().filter(|k| **k).count();
        Some(format!(
            "{} of {} events",
            crate::model::time::group_thousands(shown as i64),
            crate::model::time::group_thousands(self.loaded.dataset.events.len() as i64)
        ))
    }

    /// `3 of 17`, `17 matches`, `no match`; empty without a query.
    pub fn search_summary(&self) -> String {
        let n = self.search.matches.len();
        match (self.search.query.is_empty(), n, self.search.current) {
            (true, _, _) => String::new(),
            (false, 0, _) => "no match".to_owned(),
            (false, n, Some(i)) => format!("{} of {n}", i + 1),
            (false, 1, None) => "1 match".to_owned(),
            (false, n, None) => format!("{n} matches"),
        }
    }

    fn set_query(&mut self, query: String) {
        let needle = crate::model::search::fold(query.trim());
        let dataset = &self.loaded.dataset;
        self.search.is_match = if needle.is_empty() {
            Vec::new()
        } else {
            dataset
                .events
                .iter()
                .map(|e| crate::model::search::matches(e, &needle))
                .collect()
        };
        let mut matches: Vec<usize> = (0..self.search.is_match.len())
            .filter(|&i| self.search.is_match[i])
            .collect();
        matches.sort_by_key(|&i| (dataset.events.at(i).when().earliest(), i));
        self.search.matches = matches;
        self.search.current = None;
        self.search.query = query;
    }

    /// Selects `event` and moves the view so that it shows: centred when it fits, fitted when it
    /// is wider than the view.
    fn focus_on(&mut self, event: usize) {
        self.selected = Some(event);
        let when = self.loaded.dataset.events.at(event).when();
        let (a, b) = (when.earliest() as f64, when.latest() as f64);
        let view = self.view_target();
        let margin = view.span_secs * 0.05;
        if b - a > view.span_secs * 0.8 {
            self.glide_to(TimeView::fit(a, b, 0.1));
        } else if a < view.start_secs + margin || b > view.end_secs() - margin {
            self.glide_to(view.panned((a + b) / 2.0 - (view.start_secs + view.span_secs / 2.0)));
        }
    }

    /// Where the view is going: the end of the glide under way, or where it is.
    fn view_target(&self) -> TimeView {
        self.glide.map_or(self.timeline.view, |g| g.to)
    }

    /// Moves the view to `to` in a short glide (keyboard, fit, jumps to an event), so the eye
    /// can follow; the wheel and drags move the view directly.
    fn glide_to(&mut self, to: TimeView) {
        self.glide = Some(Glide {
            from: self.timeline.view,
            to,
            started: self.now,
        });
    }

    /// Sets the view for this frame along the glide under way.
    fn advance_glide(&mut self, ctx: &egui::Context) {
        let Some(glide) = self.glide else {
            return;
        };
        let t = ((self.now - glide.started) / GLIDE_SECS).clamp(0.0, 1.0);
        self.timeline.view = glide.at(t);
        if t >= 1.0 {
            self.glide = None;
        } else {
            ctx.request_repaint();
        }
    }

    fn start_loading(&mut self, path: PathBuf, reload: bool, ctx: &egui::Context) {
        self.status = if reload {
            format!("{} changed on disk; reloading…", path.display())
        } else {
            format!("Loading {}…", path.display())
        };
        if !reload {
            self.lane_column = None;
        }
        let options = crate::io::LoadOptions {
            lane_column: self.lane_column.clone(),
        };
        self.load_generation += 1;
        let generation = self.load_generation;
        let progress = crate::io::Progress::new(std::fs::metadata(&path).map_or(0, |m| m.len()));
        if let Some(previous) = self.loading.take() {
            previous.progress.cancel();
        }
        self.loading = Some(Loading {
            progress: progress.clone(),
            path: path.clone(),
            generation,
        });
        let sender = self.sender.clone();
        let ctx = ctx.clone();
        std::thread::spawn(move || {
            let result =
                crate::io::load_path_reporting(&path, &options, Some(&progress)).map(Prepared::of);
            let _ = sender.send(Message::Loaded {
                result: Box::new(result),
                reload,
                generation,
            });
            ctx.request_repaint();
        });
    }

    /// Reloads the open file when its modification time changes (checked once a second).
    fn watch_file(&mut self, ctx: &egui::Context) {
        let Some((read_at, checked_at)) = self.watched else {
            return;
        };
        let now = ctx.input(|i| i.time);
        ctx.request_repaint_after(std::time::Duration::from_secs_f64(WATCH_INTERVAL_SECS));
        if now - checked_at < WATCH_INTERVAL_SECS || self.loading.is_some() {
            return;
        }
        let modified = self.modified_time();
        self.watched = Some((modified.unwrap_or(read_at), now));
        if let (Some(modified), Some(path)) = (modified, self.loaded.path.clone())
            && modified != read_at
        {
            self.start_loading(path, true, ctx);
        }
    }

    fn start_export(&mut self, path: PathBuf, replace: bool, ctx: &egui::Context) {
        let path = if path.extension().is_none() {
            path.with_extension("png")
        } else {
            path
        };
        if self.is_open_data_file(&path) {
            self.error = Some(format!(
                "{}: this is the data file that is open; Swimline never writes over it. \
                 Choose another name for the screenshot.",
                path.display()
            ));
            return;
        }
        if path.exists() && !replace {
            self.confirm_replace = Some(path);
            return;
        }
        self.pending_export = Some((path, replace));
        self.request_screenshot(ctx);
    }

    fn is_open_data_file(&self, path: &Path) -> bool {
        let Some(open) = &self.loaded.path else {
            return false;
        };
        match (open.canonicalize(), path.canonicalize()) {
            (Ok(a), Ok(b)) => a == b,
            _ => open == path,
        }
    }

    fn request_screenshot(&self, ctx: &egui::Context) {
        let sender = self.sender.clone();
        let repaint = ctx.clone();
        ctx.request_screenshot(move |image| {
            let _ = sender.send(Message::Screenshot(image));
            repaint.request_repaint();
        });
    }

    /// Handles everything background threads have sent.
    fn poll_messages(&mut self, ctx: &egui::Context) {
        while let Ok(message) = self.receiver.try_recv() {
            match message {
                Message::OpenPicked(Some(path)) => self.start_loading(path, false, ctx),
                Message::OpenPicked(None) | Message::SavePicked(None) => {}
                Message::SavePicked(Some(path)) => self.start_export(path, false, ctx),
                Message::Loaded {
                    result,
                    reload,
                    generation,
                } => {
                    // A cancelled or superseded load is dropped unseen.
                    if self
                        .loading
                        .as_ref()
                        .is_some_and(|l| l.generation == generation)
                    {
                        self.finish_loading(*result, reload);
                    }
                }
                Message::Screenshot(image) => self.save_screenshot(&image, ctx),
                Message::Exported(Ok(path)) => {
                    self.status = format!("Screenshot saved to {}", path.display());
                }
                Message::Exported(Err(message)) => self.error = Some(message),
            }
        }
    }

    fn finish_loading(&mut self, result: Result<Prepared, LoadError>, reload: bool) {
        self.loading = None;
        match result {
            Ok(prepared) => {
                let loaded = prepared.loaded;
                let selected_id = self
                    .selected
                    .filter(|_| reload)
                    .map(|i| self.loaded.dataset.events.at(i).id().to_owned());
                // A reload keeps the lane order, by actor id.
                let order_ids: Vec<String> = if reload {
                    let actors = &self.loaded.dataset.actors;
                    self.lane_order_now()
                        .into_iter()
                        .map(|a| actors[a].id.clone())
                        .collect()
                } else {
                    Vec::new()
                };
                self.full_index = prepared.index;
                if !order_ids.is_empty() {
                    let order: Vec<usize> = order_ids
                        .iter()
                        .filter_map(|id| loaded.dataset.actors.iter().position(|a| &a.id == id))
                        .collect();
                    self.full_index.reorder(&order);
                }
                self.tags = prepared.tags;
                self.untagged = prepared.untagged;
                if !reload {
                    self.collapsed_groups.clear();
                    self.filter = crate::model::filter::Filter::default();
                }
                self.selected = selected_id.and_then(|id| loaded.dataset.event_by_id(&id));
                self.time_order = None;
                self.error = None;
                self.status = opened_status(&loaded, reload);
                self.show_warnings = !loaded.warnings.is_empty() && !reload;
                if let Some(path) = loaded.path.clone() {
                    self.remember(path);
                }
                self.overview = prepared.overview;
                self.loaded = loaded;
                // A reload (same file, new content) keeps where the user was looking.
                self.rebuild_lanes();
                if !reload {
                    self.glide = None;
                    self.timeline = TimelineState::fitted(self.lanes());
                }
                self.watched = self.modified_time().map(|t| (t, 0.0));
                let query = std::mem::take(&mut self.search.query);
                self.set_query(query);
                if let Some(session) = self.pending_session.take()
                    && !reload
                    && session.file == self.loaded.path
                {
                    self.restore(&session);
                }
            }
            Err(err) => {
                self.status = if reload {
                    format!(
                        "{} changed on disk but cannot be read; still showing what was read before",
                        self.loaded.display_name
                    )
                } else {
                    format!(
                        "Could not open the file; still showing {}",
                        self.loaded.display_name
                    )
                };
                if reload {
                    // Do not reload the same broken content again and again.
                    self.watched = self.modified_time().map(|t| (t, 0.0));
                }
                self.error = Some(err.to_string());
            }
        }
    }

    fn save_screenshot(&mut self, image: &Arc<egui::ColorImage>, ctx: &egui::Context) {
        if let Some(job) = &mut self.screenshot_job {
            let outcome = write_png(&job.path, image, false).map_err(|e| e.to_string());
            if let Ok(mut slot) = job.outcome.lock() {
                *slot = Some(outcome);
            }
            ctx.send_viewport_cmd(egui::ViewportCommand::Close);
            return;
        }
        let Some((path, replace)) = self.pending_export.take() else {
            return;
        };
        let sender = self.sender.clone();
        let image = Arc::clone(image);
        let ctx = ctx.clone();
        self.status = format!("Saving {}…", path.display());
        std::thread::spawn(move || {
            let result = write_png(&path, &image, replace)
                .map(|()| path)
                .map_err(|e| e.to_string());
            let _ = sender.send(Message::Exported(result));
            ctx.request_repaint();
        });
    }

    /// Draws the whole window. Shared by eframe and the UI tests.
    pub fn ui_root(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        if let Some(path) = self.open_on_start.take() {
            self.start_loading(path, false, &ctx);
        }
        self.poll_messages(&ctx);
        self.now = ctx.input(|i| i.time);
        self.advance_glide(&ctx);
        let mut commands = Vec::new();
        self.shortcuts(&ctx, &mut commands);
        self.dropped_files(&ctx, &mut commands);
        self.update_title(&ctx);
        self.watch_file(&ctx);

        egui::Panel::top("menu_bar").show(ui, |ui| self.menu_bar_ui(ui, &mut commands));
        egui::Panel::bottom("status_bar").show(ui, |ui| self.status_bar_ui(ui, &mut commands));
        egui::Panel::bottom("overview").show(ui, |ui| {
            super::overview::overview_ui(ui, &self.overview, self.timeline.view, &mut commands);
        });
        if let Some(selected) = self.selected {
            egui::Panel::right("details")
                .resizable(true)
                .default_size(380.0)
                .show(ui, |ui| {
                    details_ui(ui, &self.loaded.dataset, selected, &mut commands)
                });
        }
        egui::CentralPanel::default()
            .frame(egui::Frame::central_panel(ui.style()).inner_margin(0.0))
            .show(ui, |ui| {
                if let Some(error) = &self.error {
                    error_banner_ui(ui, error, &mut commands);
                }
                if self.loading.is_some() && self.loaded.dataset.events.is_empty() {
                    ui.centered_and_justified(|ui| {
                        ui.label("Reading the file… (the status bar can cancel)");
                    });
                    return;
                }
                let index = self.derived_index.as_ref().unwrap_or(&self.full_index);
                if let Some(legacy) = self.legacy_timeline.as_mut() {
                    legacy.view = self.timeline.view;
                    legacy.scroll_y = self.timeline.scroll_y;
                    super::timeline::legacy::timeline_ui(
                        ui,
                        &self.loaded.dataset,
                        index,
                        self.selected,
                        self.search.mask(),
                        legacy,
                        &mut commands,
                    );
                    self.timeline.scroll_y = legacy.scroll_y;
                    return;
                }
                let input = TimelineInput {
                    dataset: &self.loaded.dataset,
                    index,
                    selected: self.selected,
                    matches: self.search.mask(),
                };
                timeline_ui(ui, &input, &mut self.timeline, &mut commands);
            });
        self.confirm_replace_ui(&ctx, &mut commands);
        self.warnings_ui(&ctx, &mut commands);
        self.help_ui(&ctx, &mut commands);

        for command in commands {
            self.apply(command, &ctx);
        }
        self.advance_screenshot_job(&ctx);
    }

    fn shortcuts(&self, ctx: &egui::Context, commands: &mut Vec<Command>) {
        ctx.input_mut(|i| {
            if i.consume_shortcut(&SHORTCUT_OPEN) {
                commands.push(Command::OpenDialog);
            }
            if i.consume_shortcut(&SHORTCUT_EXPORT) {
                commands.push(Command::ExportDialog);
            }
            if i.consume_shortcut(&SHORTCUT_SEARCH) {
                commands.push(Command::FocusSearch);
            }
            if i.consume_key(Modifiers::NONE, Key::F1) {
                commands.push(Command::ToggleHelp);
            }
        });
        // Only typing in a text box (search, the Filter menu's dates) holds the keys back; a
        // focused button (egui moves focus with Tab) must not stop the timeline's keys.
        if ctx.text_edit_focused() {
            return;
        }
        ctx.memory_mut(|m| {
            if let Some(id) = m.focused() {
                m.surrender_focus(id);
            }
        });
        ctx.input_mut(|i| {
            if i.consume_key(Modifiers::NONE, Key::F) || i.consume_key(Modifiers::NONE, Key::Home) {
                commands.push(Command::ZoomToFit);
            }
            if i.consume_key(Modifiers::NONE, Key::ArrowLeft) {
                commands.push(Command::PanBy(-PAN_STEP));
            }
            if i.consume_key(Modifiers::NONE, Key::ArrowRight) {
                commands.push(Command::PanBy(PAN_STEP));
            }
            if i.consume_key(Modifiers::NONE, Key::ArrowUp) {
                commands.push(Command::ScrollLanes(-ROW_SCROLL_STEP));
            }
            if i.consume_key(Modifiers::NONE, Key::ArrowDown) {
                commands.push(Command::ScrollLanes(ROW_SCROLL_STEP));
            }
            if i.consume_key(Modifiers::NONE, Key::Plus)
                || i.consume_key(Modifiers::NONE, Key::Equals)
                || i.consume_key(Modifiers::SHIFT, Key::Equals)
            {
                commands.push(Command::ZoomBy(1.0 / KEY_ZOOM_STEP));
            }
            if i.consume_key(Modifiers::NONE, Key::Minus) {
                commands.push(Command::ZoomBy(KEY_ZOOM_STEP));
            }
            if i.consume_key(Modifiers::SHIFT, Key::Tab) {
                commands.push(Command::StepEvent(-1));
            } else if i.consume_key(Modifiers::NONE, Key::Tab) {
                commands.push(Command::StepEvent(1));
            }
            if i.consume_key(Modifiers::NONE, Key::Questionmark)
                || i.consume_key(Modifiers::SHIFT, Key::Questionmark)
                || i.consume_key(Modifiers::SHIFT, Key::Slash)
            {
                commands.push(Command::ToggleHelp);
            }
            if i.consume_key(Modifiers::NONE, Key::Escape) {
                if self.error.is_some() && self.selected.is_none() {
                    commands.push(Command::DismissError);
                }
                commands.push(Command::Select(None));
            }
        });
    }

    fn dropped_files(&self, ctx: &egui::Context, commands: &mut Vec<Command>) {
        let dropped: Vec<PathBuf> = ctx.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_path_buf())
                .filter(|p| !p.as_os_str().is_empty())
                .collect()
        });
        // One dataset at a time: the first file dropped is opened.
        if let Some(path) = dropped.into_iter().next() {
            commands.push(Command::Open(path));
        }
    }

    fn update_title(&mut self, ctx: &egui::Context) {
        let dataset_title = if self.loaded.dataset.title.is_empty() {
            "Untitled"
        } else {
            &self.loaded.dataset.title
        };
        let title = format!("{dataset_title} — {} — Swimline", self.loaded.display_name);
        if title != self.title_sent {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.title_sent = title;
        }
    }

    fn menu_bar_ui(&mut self, ui: &mut egui::Ui, commands: &mut Vec<Command>) {
        egui::MenuBar::new().ui(ui, |ui| {
            ui.menu_button("File", |ui| {
                let open = egui::Button::new("Open…")
                    .shortcut_text(ui.ctx().format_shortcut(&SHORTCUT_OPEN));
                if ui.add(open).clicked() {
                    commands.push(Command::OpenDialog);
                }
                ui.menu_button("Open recent", |ui| {
                    if self.persisted.recent_files.is_empty() {
                        ui.weak("No files yet");
                    }
                    for path in &self.persisted.recent_files {
                        let name = path.file_name().map_or_else(
                            || path.display().to_string(),
                            |n| n.to_string_lossy().into_owned(),
                        );
                        if ui
                            .button(name)
                            .on_hover_text(path.display().to_string())
                            .clicked()
                        {
                            commands.push(Command::Open(path.clone()));
                        }
                    }
                });
                if ui
                    .button("Open the example")
                    .on_hover_text("The built-in dataset: a 2018 report on Russia and the Taliban")
                    .clicked()
                {
                    commands.push(Command::OpenBuiltIn);
                }
                let export = egui::Button::new("Export screenshot…")
                    .shortcut_text(ui.ctx().format_shortcut(&SHORTCUT_EXPORT));
                if ui.add(export).clicked() {
                    commands.push(Command::ExportDialog);
                }
                ui.separator();
                if ui.button("Quit").clicked() {
                    commands.push(Command::Quit);
                }
            });
            ui.menu_button("Filter", |ui| self.filter_menu_ui(ui, commands));
            ui.menu_button("View", |ui| {
                if ui
                    .add(egui::Button::new("Zoom to fit").shortcut_text("F"))
                    .clicked()
                {
                    commands.push(Command::ZoomToFit);
                }
                if matches!(
                    self.loaded.format,
                    crate::io::Format::TimesketchCsv | crate::io::Format::TimesketchJsonl
                ) {
                    ui.menu_button("Lanes from", |ui| {
                        let current = self.lane_column.as_deref().unwrap_or("timestamp_desc");
                        for column in self.lane_columns() {
                            if ui.radio(current == column, &column).clicked() {
                                let choice = (column != "timestamp_desc").then_some(column);
                                commands.push(Command::SetLaneColumn(choice));
                            }
                        }
                    });
                }
                ui.menu_button("Sort lanes", |ui| {
                    for sort in LaneSort::ALL {
                        if ui.button(sort.name()).clicked() {
                            commands.push(Command::SortLanes(sort));
                        }
                    }
                    ui.weak("Or drag a lane by its name.");
                });
                ui.separator();
                let dark = ui.visuals().dark_mode;
                if ui.radio(!dark, "Light theme").clicked() {
                    commands.push(Command::SetTheme(egui::Theme::Light));
                }
                if ui.radio(dark, "Dark theme").clicked() {
                    commands.push(Command::SetTheme(egui::Theme::Dark));
                }
            });
            ui.separator();
            if ui.button("Open…").clicked() {
                commands.push(Command::OpenDialog);
            }
            if ui.button("Export screenshot…").clicked() {
                commands.push(Command::ExportDialog);
            }
            if ui.button("Zoom to fit").clicked() {
                commands.push(Command::ZoomToFit);
            }
            ui.separator();
            let mut query = self.search.query.clone();
            let edit = egui::TextEdit::singleline(&mut query)
                .id(search_box_id())
                .hint_text("Search (Ctrl+F)")
                .desired_width(200.0);
            let response = ui.add(edit);
            if response.changed() {
                commands.push(Command::SetQuery(query));
            }
            if response.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter)) {
                let back = ui.input(|i| i.modifiers.shift);
                commands.push(Command::StepMatch(if back { -1 } else { 1 }));
                response.request_focus();
            }
            let summary = self.search_summary();
            if !summary.is_empty() {
                ui.label(summary);
                if ui.small_button("Clear").clicked() {
                    commands.push(Command::SetQuery(String::new()));
                }
            }
            ui.separator();
            ui.strong(&self.loaded.dataset.title);
            ui.weak(format!("({})", self.loaded.display_name));
        });
    }

    fn filter_menu_ui(&mut self, ui: &mut egui::Ui, commands: &mut Vec<Command>) {
        use crate::model::filter::{Certainty, Filter, UNTAGGED};
        let mut filter = self.filter.clone();
        let mut changed = false;
        ui.weak("Kinds");
        for kind in EventKind::ALL {
            let mut shown = !filter.hidden_kinds.contains(&kind);
            if ui.checkbox(&mut shown, kind.name()).changed() {
                Filter::toggle(&mut filter.hidden_kinds, kind);
                changed = true;
            }
        }
        ui.separator();
        ui.weak("Dates");
        for certainty in Certainty::ALL {
            let mut shown = !filter.hidden_certainties.contains(&certainty);
            if ui.checkbox(&mut shown, certainty.name()).changed() {
                Filter::toggle(&mut filter.hidden_certainties, certainty);
                changed = true;
            }
        }
        ui.separator();
        ui.weak("Dates between");
        self.date_range_ui(ui, &mut filter, &mut changed);
        ui.separator();
        ui.add_enabled_ui(!self.tags.is_empty(), |ui| {
            ui.menu_button("Tags", |ui| {
                egui::ScrollArea::vertical()
                    .max_height(400.0)
                    .show(ui, |ui| {
                        let untagged = self.untagged;
                        let entries = self
                            .tags
                            .iter()
                            .map(|(t, n)| (t.as_str(), t.as_str(), *n))
                            .chain((untagged > 0).then_some((UNTAGGED, "(no tag)", untagged)));
                        for (tag, label, count) in entries {
                            let shown = !filter.hidden_tags.iter().any(|t| t == tag);
                            let row = filter_row(
                                ui,
                                format!("{label} ({count})"),
                                shown,
                                "only",
                                "Show only events with this tag",
                            );
                            if row.toggled {
                                Filter::toggle(&mut filter.hidden_tags, tag.to_owned());
                                changed = true;
                            }
                            if row.only {
                                filter.hidden_tags = self
                                    .tags
                                    .iter()
                                    .map(|(t, _)| t.clone())
                                    .chain(std::iter::once(UNTAGGED.to_owned()))
                                    .filter(|t| t != tag)
                                    .collect();
                                changed = true;
                            }
                        }
                    });
            });
        });
        ui.menu_button("Lanes", |ui| {
            egui::ScrollArea::vertical()
                .max_height(400.0)
                .show(ui, |ui| {
                    for actor in &self.loaded.dataset.actors {
                        let shown = !filter.hidden_actors.contains(&actor.id);
                        let row = filter_row(
                            ui,
                            actor.name.clone(),
                            shown,
                            "solo",
                            "Show only this lane",
                        );
                        if row.toggled {
                            Filter::toggle(&mut filter.hidden_actors, actor.id.clone());
                            changed = true;
                        }
                        if row.only {
                            filter.hidden_actors = self
                                .loaded
                                .dataset
                                .actors
                                .iter()
                                .filter(|a| a.id != actor.id)
                                .map(|a| a.id.clone())
                                .collect();
                            changed = true;
                        }
                    }
                });
        });
        ui.separator();
        if ui
            .add_enabled(filter.is_active(), egui::Button::new("Show everything"))
            .clicked()
        {
            filter = Filter::default();
            self.range_text = (String::new(), String::new());
            changed = true;
        }
        if changed {
            commands.push(Command::SetFilter(filter));
        }
    }

    /// The date range of the Filter menu: two dates as typed (`2016`, `2018-03`), the visible
    /// range in one click, and a clear button.
    fn date_range_ui(
        &mut self,
        ui: &mut egui::Ui,
        filter: &mut crate::model::filter::Filter,
        changed: &mut bool,
    ) {
        use crate::model::FuzzyDate;
        let (from_text, to_text) = &mut self.range_text;
        ui.horizontal(|ui| {
            let label = ui.label("from");
            ui.add(
                egui::TextEdit::singleline(from_text)
                    .hint_text("e.g. 2016")
                    .desired_width(80.0),
            )
            .labelled_by(label.id);
            let label = ui.label("to");
            ui.add(
                egui::TextEdit::singleline(to_text)
                    .hint_text("e.g. 2018-03")
                    .desired_width(80.0),
            )
            .labelled_by(label.id);
        });
        let parse = |text: &str, field: &str| -> Result<Option<FuzzyDate>, String> {
            if text.trim().is_empty() {
                Ok(None)
            } else {
                text.parse::<FuzzyDate>()
                    .map(Some)
                    .map_err(|e| format!("{field}: {e}"))
            }
        };
        let range = parse(from_text, "from").and_then(|from| {
            let to = parse(to_text, "to")?;
            let from = from.map_or(i64::MIN, |d| d.bounds().earliest.0);
            let to = to.map_or(i64::MAX, |d| d.bounds().latest.0);
            if to <= from {
                Err("the range ends before it starts".to_owned())
            } else {
                Ok((from, to))
            }
        });
        ui.horizontal(|ui| {
            let typed = range.as_ref().ok().filter(|r| **r != (i64::MIN, i64::MAX));
            if ui
                .add_enabled(typed.is_some(), egui::Button::new("Apply"))
                .clicked()
                && let Some(&range) = typed
            {
                filter.date_range = Some(range);
                *changed = true;
            }
            if ui
                .button("Visible range")
                .on_hover_text("Keep only the events that touch the stretch of time on screen")
                .clicked()
            {
                let view = self.timeline.view;
                let (from, to) = (view.start_secs, view.start_secs + view.span_secs);
                filter.date_range = Some((from.floor() as i64, to.ceil() as i64));
                let day = |secs: f64| {
                    let c = crate::model::time::Timestamp(secs as i64).civil();
                    FuzzyDate::day(c.year, c.month, c.day).to_string()
                };
                self.range_text = (day(from), day(to));
                *changed = true;
            }
            if ui
                .add_enabled(filter.date_range.is_some(), egui::Button::new("Any date"))
                .clicked()
            {
                filter.date_range = None;
                self.range_text = (String::new(), String::new());
                *changed = true;
            }
        });
        if let Err(message) = &range {
            ui.colored_label(ui.visuals().error_fg_color, message);
        }
    }

    /// Columns that can name lanes: `timestamp_desc` and the attributes of the first thousand
    /// events (enough to find every column of a CSV).
    fn lane_columns(&self) -> Vec<String> {
        let mut columns = vec!["timestamp_desc".to_owned()];
        for event in self.loaded.dataset.events.iter().take(1000) {
            for (name, _) in event.attributes() {
                if !columns.contains(name) {
                    columns.push(name.clone());
                }
            }
        }
        columns
    }

    fn status_bar_ui(&self, ui: &mut egui::Ui, commands: &mut Vec<Command>) {
        ui.horizontal(|ui| {
            if let Some(loading) = &self.loading {
                let name = loading
                    .path
                    .file_name()
                    .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
                let now = loading.progress.snapshot();
                ui.add(
                    egui::ProgressBar::new(now.fraction())
                        .desired_width(340.0)
                        // The spinner only where no figure moves (checking the dataset).
                        .animate(now.stage == crate::io::progress::Stage::Checking)
                        .text(progress_text(&name, &now)),
                );
                // Counters change on the loading thread: look again soon.
                ui.ctx()
                    .request_repaint_after(std::time::Duration::from_millis(100));
                if ui.button("Cancel").clicked() {
                    commands.push(Command::CancelLoading);
                }
                ui.separator();
            }
            ui.label(&self.status);
            if let Some(summary) = self.filter_summary() {
                ui.separator();
                ui.label(egui::RichText::new(format!("Filtered: {summary}")).strong());
                if ui.small_button("Show everything").clicked() {
                    commands.push(Command::SetFilter(crate::model::filter::Filter::default()));
                }
            }
            let count = self.loaded.warnings.len();
            if count > 0 {
                let text = if count == 1 {
                    "1 warning".to_owned()
                } else {
                    format!("{count} warnings")
                };
                let button =
                    egui::Button::new(egui::RichText::new(text).color(ui.visuals().warn_fg_color));
                if ui
                    .add(button)
                    .on_hover_text("Rows skipped or read with a guess")
                    .clicked()
                {
                    commands.push(Command::ToggleWarnings);
                }
            }
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                ui.weak("times in UTC");
                ui.separator();
                for kind in EventKind::ALL.iter().rev() {
                    legend_entry_ui(ui, *kind);
                }
                ui.weak("Kinds:");
            });
        });
    }

    fn confirm_replace_ui(&self, ctx: &egui::Context, commands: &mut Vec<Command>) {
        let Some(path) = &self.confirm_replace else {
            return;
        };
        egui::Modal::new(egui::Id::unique("confirm_replace")).show(ctx, |ui| {
            ui.heading("Replace the file?");
            ui.label(format!("{} already exists.", path.display()));
            ui.horizontal(|ui| {
                if ui.button("Replace").clicked() {
                    commands.push(Command::CancelReplace);
                    commands.push(Command::Export {
                        path: path.clone(),
                        replace: true,
                    });
                }
                if ui.button("Cancel").clicked() {
                    commands.push(Command::CancelReplace);
                }
            });
        });
    }

    fn help_ui(&self, ctx: &egui::Context, commands: &mut Vec<Command>) {
        if !self.show_help {
            return;
        }
        let mut open = true;
        egui::Window::new("Keyboard and mouse")
            .id(egui::Id::unique("help"))
            .open(&mut open)
            .collapsible(false)
            .show(ctx, |ui| {
                egui::Grid::new("shortcuts").striped(true).show(ui, |ui| {
                    for (keys, what) in SHORTCUTS {
                        ui.strong(*keys);
                        ui.label(*what);
                        ui.end_row();
                    }
                });
            });
        if !open {
            commands.push(Command::ToggleHelp);
        }
    }

    fn warnings_ui(&self, ctx: &egui::Context, commands: &mut Vec<Command>) {
        if !self.show_warnings || self.loaded.warnings.is_empty() {
            return;
        }
        let mut open = true;
        egui::Window::new(format!("Warnings: {}", self.loaded.display_name))
            .id(egui::Id::unique("warnings"))
            .open(&mut open)
            .default_width(640.0)
            .default_height(320.0)
            .show(ctx, |ui| {
                ui.label(format!(
                    "{} loaded as {}. These records were skipped or read with a guess:",
                    self.loaded.display_name,
                    self.loaded.format.name()
                ));
                ui.separator();
                egui::ScrollArea::vertical().show(ui, |ui| {
                    for warning in &self.loaded.warnings {
                        ui.label(egui::RichText::new(warning.to_string()).monospace());
                    }
                });
            });
        if !open {
            commands.push(Command::ToggleWarnings);
        }
    }

    fn advance_screenshot_job(&mut self, ctx: &egui::Context) {
        let Some(job) = &mut self.screenshot_job else {
            return;
        };
        job.frames += 1;
        if !job.requested && job.frames >= SCREENSHOT_AFTER_FRAMES {
            job.requested = true;
            self.request_screenshot(ctx);
        }
        ctx.request_repaint();
    }
}

/// The next position after `current` (or the first, or with a negative `step` the last) among
/// `len` positions, going round, skipping those `is_ok` refuses; `None` when none is ok.
fn step_through(
    len: usize,
    current: Option<usize>,
    step: i32,
    is_ok: impl Fn(usize) -> bool,
) -> Option<usize> {
    let len_i = len as i64;
    let step = if step < 0 { -1 } else { 1 };
    let mut p = match current {
        Some(c) => c as i64,
        None if step < 0 => len_i,
        None => -1,
    };
    for _ in 0..len {
        p = (p + step).rem_euclid(len_i.max(1));
        if is_ok(p as usize) {
            return Some(p as usize);
        }
    }
    None
}

/// Every shortcut, for the help window (the README's table says the same).
const SHORTCUTS: &[(&str, &str)] = &[
    ("Ctrl+O", "open a file"),
    ("Ctrl+Shift+S", "export a screenshot"),
    (
        "Ctrl+F",
        "search; Enter / Shift+Enter: next / previous match",
    ),
    ("F or Home", "zoom to fit"),
    ("Left / Right", "pan"),
    ("Up / Down", "scroll the lanes"),
    ("+ / -", "zoom in / out around the centre"),
    (
        "Tab / Shift+Tab",
        "select the next / previous event in time",
    ),
    ("Esc", "clear the selection"),
    ("F1 or ?", "this list"),
    ("drag", "pan"),
    ("wheel", "zoom around the pointer"),
    ("Shift+wheel / Alt+wheel", "pan / scroll the lanes"),
    ("double-click", "zoom to fit"),
    ("click", "select an event"),
    ("Alt+click", "follow the event's links, one after another"),
    (
        "drag a lane's name",
        "move the lane (View, Sort lanes: to sort them)",
    ),
    (
        "overview strip",
        "click or drag: move the view; drag an edge of the window: zoom",
    ),
];

/// What the user did with one row of a Filter list.
struct FilterRow {
    /// The checkbox changed: show or hide the item.
    toggled: bool,
    /// The button that shows only this item was pressed.
    only: bool,
}

/// One row of a Filter list: a checkbox (ticked while the item is shown) and a small button
/// that shows only this item.
fn filter_row(ui: &mut egui::Ui, label: String, shown: bool, only: &str, hint: &str) -> FilterRow {
    ui.horizontal(|ui| {
        let mut shown = shown;
        FilterRow {
            toggled: ui.checkbox(&mut shown, label).changed(),
            only: ui.small_button(only).on_hover_text(hint).clicked(),
        }
    })
    .inner
}

/// `Opened x.csv (Swimline CSV: 120 events, 8 actors, 2 warnings)`.
fn opened_status(loaded: &Loaded, reload: bool) -> String {
    use crate::model::time::group_thousands;
    let warnings = match loaded.warnings.len() {
        0 => String::new(),
        1 => ", 1 warning".to_owned(),
        n => format!(", {} warnings", group_thousands(n as i64)),
    };
    format!(
        "{} {} ({}: {} events, {} actors{warnings})",
        if reload { "Reloaded" } else { "Opened" },
        loaded.display_name,
        loaded.format.name(),
        group_thousands(loaded.dataset.events.len() as i64),
        group_thousands(loaded.dataset.actors.len() as i64)
    )
}

fn legend_entry_ui(ui: &mut egui::Ui, kind: EventKind) {
    let color = tokens::kind_color(kind, ui.visuals());
    ui.label(kind.name());
    let (rect, _) = ui.allocate_exact_size(egui::vec2(12.0, 12.0), egui::Sense::hover());
    super::paint::paint_marker(ui.painter(), rect.center(), kind, color, 5.0, None);
}

fn error_banner_ui(ui: &mut egui::Ui, error: &str, commands: &mut Vec<Command>) {
    let color = ui.visuals().error_fg_color;
    egui::Frame::new()
        .fill(ui.visuals().faint_bg_color)
        .stroke(egui::Stroke::new(1.5, color))
        .inner_margin(8.0)
        .outer_margin(6.0)
        .show(ui, |ui| {
            ui.horizontal(|ui| {
                ui.colored_label(color, "The file could not be used. Nothing was changed.");
                ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                    if ui.button("Dismiss").clicked() {
                        commands.push(Command::DismissError);
                    }
                });
            });
            let lines: Vec<&str> = error.lines().collect();
            egui::ScrollArea::vertical()
                .max_height(160.0)
                .show(ui, |ui| {
                    for line in lines.iter().take(ERROR_LINES_SHOWN) {
                        ui.label(egui::RichText::new(*line).monospace());
                    }
                    if lines.len() > ERROR_LINES_SHOWN {
                        ui.weak(format!(
                            "… and {} more problems",
                            lines.len() - ERROR_LINES_SHOWN
                        ));
                    }
                });
        });
}

impl eframe::App for SwimlineApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.ui_root(ui);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        self.save_session();
        // Older versions kept the session in eframe's file; it now lives in its own.
        if storage.get_string(STORAGE_KEY).is_some() {
            storage.remove_string(STORAGE_KEY);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::step_through;

    #[test]
    fn stepping_goes_round_and_skips_what_is_hidden() {
        let odd = |p: usize| p % 2 == 1;
        assert_eq!(step_through(5, None, 1, odd), Some(1));
        assert_eq!(step_through(5, None, -1, odd), Some(3));
        assert_eq!(step_through(5, Some(3), 1, odd), Some(1));
        assert_eq!(step_through(5, Some(1), -1, odd), Some(3));
        assert_eq!(step_through(5, Some(1), 1, |_| false), None);
        assert_eq!(step_through(0, None, 1, |_| true), None);
        assert_eq!(step_through(3, Some(2), 1, |_| true), Some(0));
    }
}
