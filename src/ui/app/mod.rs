//! The application: what is loaded, what is selected, background work, menus and shortcuts.

use std::path::PathBuf;
use std::sync::mpsc::channel;

mod apply;
mod export_window;
mod exports;
mod file_dialog_window;
mod filter_menu;
mod fit_bulk;
mod jobs;
mod key_window;
mod keys;
mod mapping_ui;
mod menu_bar;
mod notes;
mod notes_ui;
mod parts;
mod reader;
mod reader_text;
mod reader_ui;
mod remote;
mod session;
mod status_bar;
mod windows;

pub use super::command::{Command, ExportKind, LaneSort, Message};
use crate::io::Loaded;
use crate::layout::TimeView;
use crate::model::Dataset;
use crate::ui::dialogs::FileDialogs;
use crate::ui::panels::details::details_ui;
use crate::ui::timeline::{TimelineInput, TimelineState, timeline_ui};
pub use jobs::ScreenshotJob;
use jobs::opened_status;
pub use notes::AROUND_SPANS;
use windows::error_banner_ui;

/// The key under which eframe stores [`Persisted`].
pub const STORAGE_KEY: &str = "swimline";

pub use super::state::session::{Opened, Persisted, Session, SessionStore};
pub use crate::doc::Document;
use crate::doc::shown::Shown;
use crate::model::filter::Filter;

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

/// The Swimline window: a handful of parts (`ui/app/parts.rs`).
pub struct SwimlineApp {
    /// What is open: the dataset and where it came from, its lane index, overview, tags, the
    /// analyst's notes on it, a spreadsheet's sheets.
    doc: Document,
    /// What of it is shown: the filter, collapsed groups, the search, and what they keep.
    shown: Shown,
    /// Where the user is looking: the timeline's pan and zoom, a glide under way, the selection, the zone clocks follow.
    view: parts::ViewState,
    /// How files are read: the choices the next load (and a reload) reads with.
    reading: parts::Reading,
    /// The windows and forms open over the timeline, each with what it is editing.
    windows: parts::Windows,
    /// Work in the background and what waits for it: loading, watching the file, screenshots, connecting to a database.
    jobs: parts::Jobs,
    /// The shell around the timeline: what the status bar and the error banner say, the window title, the file dialogs.
    shell: parts::Shell,
    /// What is remembered between runs, and where Swimline keeps it.
    saved: parts::Saved,
    /// The database on screen, instead of a file.
    remote: Option<crate::source::session::Session>,
    /// File ▸ Read a report…: the report read, its drafts, a reading under way.
    reader: reader::Reader,
}

impl SwimlineApp {
    /// An app showing `loaded`, with `error` (from loading the file asked for on the command
    /// line) shown if there is one.
    pub fn new(loaded: Loaded, error: Option<String>, dialogs: Box<dyn FileDialogs>) -> Self {
        let (sender, receiver) = channel();
        let doc = Document::of(loaded);
        let status = opened_status(&doc.loaded, false, &doc.notes);
        let show_warnings = !doc.loaded.warnings.is_empty();
        let shown = Shown::of(&doc, Filter::default(), Vec::new());
        let timeline = TimelineState::fitted(&doc.index);
        Self {
            doc,
            shown,
            view: parts::ViewState {
                timeline,
                glide: None,
                now: 0.0,
                selected: None,
                time_order: None,
                shown_zone: crate::model::ShownZone::Utc,
                around: None,
            },
            reading: parts::Reading {
                lane_column: None,
                sheet: None,
                mapping: None,
                read_tz: None,
                read_encoding: None,
            },
            windows: parts::Windows {
                show_help: false,
                show_key: false,
                show_events: false,
                events_table: crate::doc::table::EventTable::default(),
                events_memory: crate::ui::panels::events_table::TableMemory::default(),
                events_scrolled_to: (None, None),
                show_warnings,
                show_orphans: false,
                range_text: (String::new(), String::new()),
                mapping_form: None,
                event_form: None,
                link_form: None,
                source_form: None,
                export_choices: None,
                export_preview: None,
                confirm_replace: None,
                file_dialog: None,
            },
            jobs: parts::Jobs {
                loading: None,
                load_generation: 0,
                open_on_start: None,
                source_on_start: None,
                pending_session: None,
                pending_export: None,
                screenshot_job: None,
                sender,
                receiver,
                watched: None,
                connecting: None,
            },
            shell: parts::Shell {
                error,
                status,
                missing_scripts: None,
                title_sent: String::new(),
                dialogs,
                has_changes: false,
            },
            saved: parts::Saved {
                persisted: Persisted::default(),
                session_store: SessionStore::none(),
                notes_folder: None,
                summaries_folder: None,
            },
            remote: None,
            reader: reader::Reader::default(),
        }
        .watching()
    }

    /// Keeps DuckDB summaries in `folder` and looks for them there
    /// ([`crate::source::summary::folder`]; `None`: no summaries of DuckDB sources).
    pub fn with_summaries_folder(mut self, folder: Option<PathBuf>) -> Self {
        self.saved.summaries_folder = folder;
        self
    }

    /// Keeps notes that cannot live beside their data in `folder` (the app's notes folder;
    /// `None`: for the session only), and reads the notes of the dataset on screen from there
    /// or beside its file.
    pub fn with_notes_folder(mut self, folder: Option<PathBuf>) -> Self {
        self.saved.notes_folder = folder;
        if self.jobs.open_on_start.is_some() {
            // What is on screen is a placeholder until that file has loaded (with its notes).
            return self;
        }
        let loaded = std::mem::replace(
            &mut self.doc.loaded,
            crate::io::Loaded {
                dataset: Dataset::default(),
                path: None,
                display_name: String::new(),
                origin: crate::io::Origin::File(crate::io::Format::Swimline),
                warnings: Vec::new(),
            },
        );
        let doc = Document::with_notes(loaded, self.saved.notes_folder.as_deref());
        let opened = opened_status(&doc.loaded, false, &doc.notes);
        self.shell.status = match &doc.notes.message {
            Some(m) => format!("{opened}. {m}"),
            None => opened,
        };
        self.doc.replace(doc, None, false);
        self.rebuild_lanes();
        self.view.timeline = TimelineState::fitted(self.lanes());
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
        self.reading.read_tz = zone;
        self
    }

    /// Reads every text file opened in `encoding` (`--encoding`); `None`: as its bytes say.
    pub fn with_read_encoding(mut self, encoding: Option<&'static encoding_rs::Encoding>) -> Self {
        self.reading.read_encoding = encoding;
        self
    }

    /// Reads the table opened on start with `mapping` of its columns (`--map`).
    pub fn with_mapping(mut self, mapping: Option<crate::io::Mapping>) -> Self {
        self.reading.mapping = self.jobs.open_on_start.clone().zip(mapping);
        self
    }

    /// Reads the sheet `sheet` of the spreadsheet opened on start (`--sheet`).
    pub fn with_sheet(mut self, sheet: Option<String>) -> Self {
        self.reading.sheet = self.jobs.open_on_start.clone().zip(sheet);
        self
    }

    /// Opens the database `source` names (`duckdb:…`, `postgresql://…`) as soon as the window
    /// runs.
    pub fn open_source_on_start(mut self, source: String) -> Self {
        self.jobs.source_on_start = Some(source);
        self
    }

    /// Opens `path` in the background as soon as the window runs, so a large file shows
    /// progress in the window instead of delaying it.
    pub fn open_on_start(mut self, path: PathBuf) -> Self {
        self.jobs.open_on_start = Some(path);
        self
    }

    /// Runs in `--screenshot` mode: once drawn, write the window to the job's path and close.
    pub fn with_screenshot_job(mut self, job: ScreenshotJob) -> Self {
        self.jobs.screenshot_job = Some(job);
        self
    }

    /// The dataset on screen.
    pub fn dataset(&self) -> &Dataset {
        &self.doc.loaded.dataset
    }

    /// The open spreadsheet's sheets (View ▸ Sheet); empty for anything else.
    pub fn sheets(&self) -> &[String] {
        &self.doc.sheets
    }

    /// The data's tags with their event counts, as the Filter menu lists them.
    pub fn tag_counts(&self) -> &[(String, usize)] {
        &self.doc.tags
    }

    /// The dataset and its source.
    pub fn loaded(&self) -> &Loaded {
        &self.doc.loaded
    }

    /// The selected event's index.
    pub fn selected(&self) -> Option<usize> {
        self.view.selected
    }

    /// The visible time range.
    pub fn view(&self) -> TimeView {
        self.view.timeline.view
    }

    /// The error banner's text, if shown.
    pub fn error(&self) -> Option<&str> {
        self.shell.error.as_deref()
    }

    /// The status bar's message.
    pub fn status(&self) -> &str {
        &self.shell.status
    }

    /// Whether a file is loading in the background.
    pub fn is_loading(&self) -> bool {
        self.jobs.loading.is_some()
    }

    /// Draws the whole window. Shared by eframe and the UI tests.
    pub fn ui_root(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        self.say_missing_scripts(&ctx);
        if let Some(path) = self.jobs.open_on_start.take() {
            self.start_loading(path, false, &ctx);
        }
        if let Some(source) = self.jobs.source_on_start.take() {
            self.open_source(&source, &ctx);
        }
        self.poll_messages(&ctx);
        self.poll_remote();
        self.view.now = ctx.input(|i| i.time);
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
                &self.doc.overview,
                self.view.timeline.view,
                &mut commands,
            );
        });
        if self.windows.show_events {
            self.events_table_ui(ui, &mut commands);
        }
        if let Some(selected) = self.view.selected {
            // Never wider than the window leaves for the timeline: a width saved in a wider
            // window, or pushed by a long title, would cover the lanes.
            let (least, most) = details_width_range(ui.available_width());
            egui::Panel::right("details")
                .resizable(true)
                .default_size(380.0_f32.clamp(least, most))
                .size_range(least..=most)
                .show(ui, |ui| {
                    let input = crate::ui::panels::details::DetailsInput {
                        dataset: &self.doc.loaded.dataset,
                        selected,
                        notes: &self.doc.notes,
                        zone: self.view.shown_zone,
                    };
                    details_ui(ui, &input, &mut commands);
                });
        }
        egui::CentralPanel::default()
            .frame(egui::Frame::central_panel(ui.style()).inner_margin(0.0))
            .show(ui, |ui| {
                if let Some(error) = &self.shell.error {
                    error_banner_ui(ui, error, &mut commands);
                }
                if let Some(around) = &self.view.around {
                    notes_ui::around_banner_ui(ui, &around.words, &mut commands);
                }
                if self.jobs.loading.is_some() && self.doc.loaded.dataset.events.is_empty() {
                    ui.centered_and_justified(|ui| {
                        ui.label("Reading the file… (the status bar can cancel)");
                    });
                    return;
                }
                let index = self.shown.lanes(&self.doc);
                let input = TimelineInput {
                    dataset: &self.doc.loaded.dataset,
                    index,
                    selected: self.view.selected,
                    matches: self.shown.search.mask(),
                    is_capturing: self.jobs.pending_export.is_some()
                        || self.jobs.screenshot_job.is_some(),
                    marks: Some(&self.doc.notes.marks),
                    own_links_from: Some(self.doc.notes.file.links),
                    lane_notes: Some(&self.doc.notes.notes.lanes),
                    remote: self.remote.as_ref().map(remote::view),
                    zone: self.view.shown_zone,
                };
                timeline_ui(ui, &input, &mut self.view.timeline, &mut commands);
            });
        self.source_form_ui(&ctx, &mut commands);
        self.export_window_ui(&ctx, &mut commands);
        self.confirm_replace_ui(&ctx, &mut commands);
        self.warnings_ui(&ctx, &mut commands);
        self.help_ui(&ctx, &mut commands);
        self.key_ui(&ctx, &mut commands);
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
        if self.doc.notes.dirty_since.is_some() {
            ctx.request_repaint_after(std::time::Duration::from_secs_f64(
                crate::doc::notes::SAVE_AFTER_SECS,
            ));
        }
        self.advance_screenshot_job(&ctx);
    }

    /// The table of events, at the bottom above the overview strip.
    fn events_table_ui(&mut self, ui: &mut egui::Ui, commands: &mut Vec<Command>) {
        let order = self.windows.events_table.order;
        let rows = self.windows.events_table.rows(&self.doc, &self.shown);
        // An event selected elsewhere (the timeline, a search, Tab) is scrolled to, once; a new
        // order shows the selected row, or the first.
        let selected = self.view.selected;
        let (last_selected, last_order) = self.windows.events_scrolled_to;
        let scroll_to_row = if selected != last_selected {
            selected.and_then(|s| rows.iter().position(|&r| r == s))
        } else if last_order != Some(order) {
            Some(
                selected
                    .and_then(|s| rows.iter().position(|&r| r == s))
                    .unwrap_or(0),
            )
        } else {
            None
        };
        self.windows.events_scrolled_to = (selected, Some(order));
        let input = crate::ui::panels::events_table::TableInput {
            doc: &self.doc,
            rows,
            order,
            selected,
            scroll_to_row,
        };
        let memory = &mut self.windows.events_memory;
        egui::Panel::bottom("events_table")
            .resizable(true)
            .default_size(240.0)
            .show(ui, |ui| {
                crate::ui::panels::events_table::events_table_ui(ui, &input, memory, commands);
            });
    }

    /// Installs the fonts on the first frame; then says, once each, a script that no font on
    /// the machine draws (found as text needs it).
    fn say_missing_scripts(&mut self, ctx: &egui::Context) {
        let missing = self
            .shell
            .missing_scripts
            .get_or_insert_with(|| crate::ui::fonts::install(ctx));
        if let Some(words) = crate::export::fonts::missing_scripts_words(&missing.take_new()) {
            self.shell.status = format!("Some text cannot be drawn: {words}");
        }
    }

    fn update_title(&mut self, ctx: &egui::Context) {
        let dataset_title = if self.doc.loaded.dataset.title.is_empty() {
            "Untitled"
        } else {
            &self.doc.loaded.dataset.title
        };
        let title = match &self.remote {
            Some(r) => format!("{} ({}) — Swimline", r.spec.short_name(), r.engine),
            None => format!(
                "{dataset_title} — {} — Swimline",
                self.doc.loaded.display_name
            ),
        };
        if title != self.shell.title_sent {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.shell.title_sent = title;
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
