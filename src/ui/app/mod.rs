//! The application: what is loaded, what is selected, background work, menus and shortcuts.

use std::path::PathBuf;
use std::sync::mpsc::{Receiver, Sender, channel};
use std::time::SystemTime;

mod apply;
mod export_window;
mod exports;
mod file_dialog_window;
mod filter_menu;
mod fit_bulk;
mod jobs;
mod keys;
mod mapping_ui;
mod menu_bar;
mod notes;
mod notes_ui;
mod reader;
mod reader_text;
mod reader_ui;
mod remote;
mod session;
mod status_bar;
mod windows;

pub use super::command::{Command, ExportKind, LaneSort, Message};
use crate::io::Loaded;
use crate::layout::{TimeView, TimelineIndex};
use crate::model::Dataset;
use crate::ui::dialogs::FileDialogs;
use crate::ui::panels::details::details_ui;
use crate::ui::timeline::{TimelineInput, TimelineState, timeline_ui};
pub use jobs::ScreenshotJob;
use jobs::{Loading, opened_status};
pub use keys::{SHORTCUT_EXPORT, SHORTCUT_OPEN, SHORTCUT_SEARCH};
pub use notes::AROUND_SPANS;
use windows::error_banner_ui;

/// The key under which eframe stores [`Persisted`].
pub const STORAGE_KEY: &str = "swimline";

pub use super::state::document::Prepared;
pub use super::state::session::{Opened, Persisted, Session, SessionStore};
use crate::ui::state::navigation::Glide;
use crate::ui::state::search::Search;

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
    /// The sheet picked, and the spreadsheet it was picked for.
    sheet: Option<(PathBuf, String)>,
    /// The open spreadsheet's sheets (empty for other files).
    sheets: Vec<String>,
    /// The sheet read when none is picked (View ▸ Sheet marks it).
    first_sheet: Option<String>,
    /// A mapping the user chose, and the file it was chosen for.
    mapping: Option<(PathBuf, crate::io::Mapping)>,
    /// The zone times without one are read in (`--tz`); `None`: UTC.
    read_tz: Option<String>,
    /// The encoding text files are read in (`--encoding`); `None`: as their bytes say.
    read_encoding: Option<&'static encoding_rs::Encoding>,
    /// The zone whose clocks the axis, the pointer and the details follow (View ▸ Time zone).
    shown_zone: crate::model::ShownZone,
    /// The mapping dialog, while open.
    mapping_form: Option<crate::ui::state::forms::MappingForm>,
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
    /// Events on screen: kept by the filter and in a lane shown, each once (all of them when
    /// nothing is filtered).
    shown_events: usize,
    /// The histogram of the loaded dataset for the overview strip.
    overview: crate::layout::histogram::Overview,
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
    /// The scripts no font on the machine draws, once the fonts are installed (first frame).
    missing_scripts: Option<crate::ui::fonts::MissingScripts>,
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
    confirm_replace: Option<(PathBuf, ExportKind)>,
    /// Where background threads send their results.
    sender: Sender<Message>,
    /// Results of background work.
    receiver: Receiver<Message>,
    /// File dialogs (real ones, or a script in tests).
    dialogs: Box<dyn FileDialogs>,
    /// Swimline's own file dialog, while open (the system's could not be shown).
    file_dialog: Option<crate::ui::file_dialog::InWindowDialog>,
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
    /// The export window's choices, while it is open.
    export_choices: Option<crate::ui::state::export::ExportChoices>,
    /// Its preview: what it was made of (a hash) and the picture.
    export_preview: Option<(u64, Result<egui::TextureHandle, String>)>,
    /// The user has asked for something since the app started (a saved session that could not
    /// be read is left alone until then).
    has_changes: bool,
    /// The open file's modification time when it was read, and when it was last checked
    /// (egui's clock, seconds).
    watched: Option<(SystemTime, f64)>,
    /// The analyst's notes on the dataset on screen.
    notes: crate::ui::state::notes::NotesState,
    /// Where notes go that cannot live beside their data (the built-in dataset's, a folder
    /// that cannot be written); `None` keeps those for the session only (tests, scripts).
    notes_folder: Option<PathBuf>,
    /// Where DuckDB summaries are kept and looked for (Swimline's own folder); `None`: no
    /// summaries (tests, scripts).
    summaries_folder: Option<PathBuf>,
    /// "Around this event" is on: what it replaced.
    around: Option<notes::Around>,
    /// The form for one of your own events, while open.
    event_form: Option<crate::ui::state::forms::EventForm>,
    /// The form for one of your own links, while open.
    link_form: Option<crate::ui::state::forms::LinkForm>,
    /// The list of notes on events no longer in the file is open.
    show_orphans: bool,
    /// A database being connected to.
    connecting: Option<crate::source::session::Connecting>,
    /// The database on screen, instead of a file.
    remote: Option<crate::source::session::Session>,
    /// File ▸ Open database…: the connection string being typed, while the window is open.
    source_form: Option<String>,
    /// A database to open once the window runs (`swimline SOURCE`, or the last session's).
    source_on_start: Option<String>,
    /// File ▸ Read a report…: the report read, its drafts, a reading under way.
    reader: reader::Reader,
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
            notes,
            sheets,
            first_sheet,
        } = Prepared::of(loaded);
        let status = opened_status(&loaded, false, &notes);
        let show_warnings = !loaded.warnings.is_empty();
        Self {
            timeline: TimelineState::fitted(&index),
            glide: None,
            now: 0.0,
            full_index: index,
            derived_index: None,
            collapsed_groups: Vec::new(),
            lane_column: None,
            sheet: None,
            first_sheet,
            sheets,
            mapping: None,
            read_tz: None,
            read_encoding: None,
            shown_zone: crate::model::ShownZone::Utc,
            mapping_form: None,
            search: Search::default(),
            time_order: None,
            show_help: false,
            filter: crate::model::filter::Filter::default(),
            tags,
            untagged,
            range_text: (String::new(), String::new()),
            filter_keeps: Vec::new(),
            shown_events: 0,
            overview,
            loaded,
            selected: None,
            error,
            status,
            missing_scripts: None,
            loading: None,
            load_generation: 0,
            open_on_start: None,
            pending_session: None,
            pending_export: None,
            confirm_replace: None,
            sender,
            receiver,
            dialogs,
            file_dialog: None,
            screenshot_job: None,
            title_sent: String::new(),
            show_warnings,
            watched: None,
            persisted: Persisted::default(),
            session_store: SessionStore::none(),
            has_changes: false,
            export_choices: None,
            export_preview: None,
            notes,
            notes_folder: None,
            summaries_folder: None,
            around: None,
            event_form: None,
            link_form: None,
            show_orphans: false,
            connecting: None,
            remote: None,
            source_form: None,
            source_on_start: None,
            reader: reader::Reader::default(),
        }
        .watching()
    }

    /// Keeps DuckDB summaries in `folder` and looks for them there
    /// ([`crate::source::summary::folder`]; `None`: no summaries of DuckDB sources).
    pub fn with_summaries_folder(mut self, folder: Option<PathBuf>) -> Self {
        self.summaries_folder = folder;
        self
    }

    /// Keeps notes that cannot live beside their data in `folder` (the app's notes folder;
    /// `None`: for the session only), and reads the notes of the dataset on screen from there
    /// or beside its file.
    pub fn with_notes_folder(mut self, folder: Option<PathBuf>) -> Self {
        self.notes_folder = folder;
        if self.open_on_start.is_some() {
            // What is on screen is a placeholder until that file has loaded (with its notes).
            return self;
        }
        let loaded = std::mem::replace(
            &mut self.loaded,
            crate::io::Loaded {
                dataset: Dataset::default(),
                path: None,
                display_name: String::new(),
                format: crate::io::Format::Swimline,
                warnings: Vec::new(),
            },
        );
        let prepared = Prepared::with_notes(loaded, self.notes_folder.as_deref());
        let opened = opened_status(&prepared.loaded, false, &prepared.notes);
        self.status = match &prepared.notes.message {
            Some(m) => format!("{opened}. {m}"),
            None => opened,
        };
        self.full_index = prepared.index;
        self.overview = prepared.overview;
        self.tags = prepared.tags;
        self.untagged = prepared.untagged;
        self.notes = prepared.notes;
        self.loaded = prepared.loaded;
        self.rebuild_lanes();
        self.timeline = TimelineState::fitted(self.lanes());
        self
    }

    /// Writes the notes now if a change is waiting (on closing the window, before opening
    /// another file).
    pub fn flush_notes(&mut self) {
        self.save_notes(true);
    }

    /// Reads times written without a zone in `zone` (an IANA name, `--tz`), in every file
    /// opened; `None`: UTC.
    pub fn with_read_zone(mut self, zone: Option<String>) -> Self {
        self.read_tz = zone;
        self
    }

    /// Reads every text file opened in `encoding` (`--encoding`); `None`: as its bytes say.
    pub fn with_read_encoding(mut self, encoding: Option<&'static encoding_rs::Encoding>) -> Self {
        self.read_encoding = encoding;
        self
    }

    /// Reads the table opened on start with `mapping` of its columns (`--map`).
    pub fn with_mapping(mut self, mapping: Option<crate::io::Mapping>) -> Self {
        self.mapping = self.open_on_start.clone().zip(mapping);
        self
    }

    /// Reads the sheet `sheet` of the spreadsheet opened on start (`--sheet`).
    pub fn with_sheet(mut self, sheet: Option<String>) -> Self {
        self.sheet = self.open_on_start.clone().zip(sheet);
        self
    }

    /// Opens the database `source` names (`duckdb:…`, `postgresql://…`) as soon as the window
    /// runs.
    pub fn open_source_on_start(mut self, source: String) -> Self {
        self.source_on_start = Some(source);
        self
    }

    /// Opens `path` in the background as soon as the window runs, so a large file shows
    /// progress in the window instead of delaying it.
    pub fn open_on_start(mut self, path: PathBuf) -> Self {
        self.open_on_start = Some(path);
        self
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

    /// The open spreadsheet's sheets (View ▸ Sheet); empty for anything else.
    pub fn sheets(&self) -> &[String] {
        &self.sheets
    }

    /// The data's tags with their event counts, as the Filter menu lists them.
    pub fn tag_counts(&self) -> &[(String, usize)] {
        &self.tags
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

    /// Draws the whole window. Shared by eframe and the UI tests.
    pub fn ui_root(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        self.say_missing_scripts(&ctx);
        if let Some(path) = self.open_on_start.take() {
            self.start_loading(path, false, &ctx);
        }
        if let Some(source) = self.source_on_start.take() {
            self.open_source(&source, &ctx);
        }
        self.poll_messages(&ctx);
        self.poll_remote();
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
            crate::ui::panels::overview::overview_ui(
                ui,
                &self.overview,
                self.timeline.view,
                &mut commands,
            );
        });
        if let Some(selected) = self.selected {
            // Never wider than the window leaves for the timeline: a width saved in a wider
            // window, or pushed by a long title, would cover the lanes.
            let (least, most) = details_width_range(ui.available_width());
            egui::Panel::right("details")
                .resizable(true)
                .default_size(380.0_f32.clamp(least, most))
                .size_range(least..=most)
                .show(ui, |ui| {
                    let input = crate::ui::panels::details::DetailsInput {
                        dataset: &self.loaded.dataset,
                        selected,
                        notes: &self.notes,
                        zone: self.shown_zone,
                    };
                    details_ui(ui, &input, &mut commands);
                });
        }
        egui::CentralPanel::default()
            .frame(egui::Frame::central_panel(ui.style()).inner_margin(0.0))
            .show(ui, |ui| {
                if let Some(error) = &self.error {
                    error_banner_ui(ui, error, &mut commands);
                }
                if let Some(around) = &self.around {
                    notes_ui::around_banner_ui(ui, &around.words, &mut commands);
                }
                if self.loading.is_some() && self.loaded.dataset.events.is_empty() {
                    ui.centered_and_justified(|ui| {
                        ui.label("Reading the file… (the status bar can cancel)");
                    });
                    return;
                }
                let index = self.derived_index.as_ref().unwrap_or(&self.full_index);
                let input = TimelineInput {
                    dataset: &self.loaded.dataset,
                    index,
                    selected: self.selected,
                    matches: self.search.mask(),
                    is_capturing: self.pending_export.is_some() || self.screenshot_job.is_some(),
                    marks: Some(&self.notes.marks),
                    own_links_from: Some(self.notes.file.links),
                    lane_notes: Some(&self.notes.notes.lanes),
                    remote: self.remote.as_ref().map(remote::view),
                    zone: self.shown_zone,
                };
                timeline_ui(ui, &input, &mut self.timeline, &mut commands);
            });
        self.source_form_ui(&ctx, &mut commands);
        self.export_window_ui(&ctx, &mut commands);
        self.confirm_replace_ui(&ctx, &mut commands);
        self.warnings_ui(&ctx, &mut commands);
        self.help_ui(&ctx, &mut commands);
        self.event_form_ui(&ctx, &mut commands);
        self.link_form_ui(&ctx, &mut commands);
        self.orphans_ui(&ctx, &mut commands);
        self.mapping_ui(&ctx, &mut commands);
        self.in_window_dialog_ui(&ctx);
        self.reader_ui(&ctx, &mut commands);

        for command in commands {
            self.apply(command, &ctx);
        }
        self.ask_remote();
        self.save_notes(false);
        if self.notes.dirty_since.is_some() {
            ctx.request_repaint_after(std::time::Duration::from_secs_f64(
                crate::ui::state::notes::SAVE_AFTER_SECS,
            ));
        }
        self.advance_screenshot_job(&ctx);
    }

    /// Installs the fonts on the first frame; then says, once each, a script that no font on
    /// the machine draws (found as text needs it).
    fn say_missing_scripts(&mut self, ctx: &egui::Context) {
        let missing = self
            .missing_scripts
            .get_or_insert_with(|| crate::ui::fonts::install(ctx));
        if let Some(words) = crate::export::fonts::missing_scripts_words(&missing.take_new()) {
            self.status = format!("Some text cannot be drawn: {words}");
        }
    }

    fn update_title(&mut self, ctx: &egui::Context) {
        let dataset_title = if self.loaded.dataset.title.is_empty() {
            "Untitled"
        } else {
            &self.loaded.dataset.title
        };
        let title = match &self.remote {
            Some(r) => format!("{} ({}) — Swimline", r.spec.short_name(), r.engine),
            None => format!("{dataset_title} — {} — Swimline", self.loaded.display_name),
        };
        if title != self.title_sent {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.title_sent = title;
        }
    }
}

/// The timeline keeps at least this much of the window's width beside the details panel: the
/// lane names and some time, in points.
pub const TIMELINE_MIN_WIDTH: f32 = crate::layout::metrics::LANE_HEADER_WIDTH + 300.0;

/// The details panel is at least this wide where the window allows, in points.
const DETAILS_MIN_WIDTH: f32 = 220.0;

/// The narrowest and widest the details panel may be in a window `available` points wide:
/// whatever it was resized or saved to, the timeline keeps [`TIMELINE_MIN_WIDTH`] (in a window
/// too narrow for both, they share it).
pub fn details_width_range(available: f32) -> (f32, f32) {
    let most = (available - TIMELINE_MIN_WIDTH)
        .max(available * 0.4)
        .max(1.0);
    (DETAILS_MIN_WIDTH.min(most), most)
}

impl eframe::App for SwimlineApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.ui_root(ui);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        self.flush_notes();
        self.save_session();
        // Older versions kept the session in eframe's file; it now lives in its own.
        if storage.get_string(STORAGE_KEY).is_some() {
            storage.remove_string(STORAGE_KEY);
        }
    }
}
