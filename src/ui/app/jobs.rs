//! Background work: loading files on a thread (with progress and cancel), watching the open
//! file for changes, writing exports, the `--screenshot` job, and the messages they send back.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::SystemTime;

use super::SwimlineApp;
use crate::export::write_png;
use crate::io::{LoadError, Loaded};
use crate::ui::command::{ExportKind, Message};
use crate::ui::state::document::Prepared;
use crate::ui::timeline::TimelineState;

/// How many recently opened files the File menu remembers.
const RECENT_FILES: usize = 8;

/// How often the open file is checked for changes on disk, in seconds.
const WATCH_INTERVAL_SECS: f64 = 1.0;

/// A file being read in the background.
#[derive(Debug)]
pub(super) struct Loading {
    pub(super) path: PathBuf,
    /// How far it has got; cancelled by the Cancel button.
    pub(super) progress: Arc<crate::io::Progress>,
    pub(super) generation: u64,
}

/// What a load has done, in words: `Reading big.csv: 412,000 events, 23 of 54 MB`.
pub(super) fn progress_text(name: &str, now: &crate::io::progress::Snapshot) -> String {
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

/// `Opened x.csv (Swimline CSV: 120 events, 8 actors, 2 warnings)`.
pub(super) fn opened_status(
    loaded: &Loaded,
    reload: bool,
    notes: &crate::ui::state::notes::NotesState,
) -> String {
    use crate::model::time::group_thousands;
    let warnings = match loaded.warnings.len() {
        0 => String::new(),
        1 => ", 1 warning".to_owned(),
        n => format!(", {} warnings", group_thousands(n as i64)),
    };
    let d = &loaded.dataset;
    let n = notes.notes.summary(d);
    let mut yours = Vec::new();
    for (count, one, many) in [
        (n.starred, "1 starred", "starred"),
        (n.with_note, "1 note", "notes"),
        (n.own_events, "1 event of yours", "events of yours"),
        (n.own_links, "1 link of yours", "links of yours"),
    ] {
        match count {
            0 => {}
            1 => yours.push(one.to_owned()),
            n => yours.push(format!("{n} {many}")),
        }
    }
    let yours = if yours.is_empty() {
        String::new()
    } else {
        format!("; your notes: {}", yours.join(", "))
    };
    format!(
        "{} {} ({}: {} events, {} actors{warnings}{yours})",
        if reload { "Reloaded" } else { "Opened" },
        loaded.display_name,
        loaded.format.name(),
        group_thousands(notes.file.events.min(d.events.len()) as i64),
        group_thousands(notes.file.actors.min(d.actors.len()) as i64)
    )
}

impl SwimlineApp {
    /// Records the open file's modification time, to notice when it changes.
    pub(super) fn watching(mut self) -> Self {
        self.watched = self.modified_time().map(|t| (t, 0.0));
        self
    }

    pub(super) fn modified_time(&self) -> Option<SystemTime> {
        let path = self.loaded.path.as_ref()?;
        std::fs::metadata(path).and_then(|m| m.modified()).ok()
    }

    pub(super) fn remember(&mut self, path: PathBuf) {
        let recent = &mut self.persisted.recent_files;
        recent.retain(|p| p != &path);
        recent.insert(0, path);
        recent.truncate(RECENT_FILES);
    }

    pub(super) fn start_loading(&mut self, path: PathBuf, reload: bool, ctx: &egui::Context) {
        self.status = if reload {
            format!("{} changed on disk; reloading…", path.display())
        } else {
            format!("Loading {}…", path.display())
        };
        if !reload {
            self.lane_column = None;
        }
        // The notes of what is on screen are written before anything else is read.
        self.flush_notes();
        let folder = self.notes_folder.clone();
        let options = crate::io::LoadOptions {
            lane_column: self.lane_column.clone(),
            sheet: self
                .sheet
                .as_ref()
                .filter(|(file, _)| *file == path)
                .map(|(_, name)| name.clone()),
            mapping: self
                .mapping
                .as_ref()
                .filter(|(file, _)| *file == path)
                .map(|(_, m)| m.clone()),
            remembered: self.persisted.mappings.clone(),
            tz: self.read_tz.clone(),
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
            let result = crate::io::load_path_reporting(&path, &options, Some(&progress))
                .map(|loaded| Prepared::with_notes(loaded, folder.as_deref()));
            let _ = sender.send(Message::Loaded {
                result: Box::new(result),
                reload,
                generation,
            });
            ctx.request_repaint();
        });
    }

    /// Reloads the open file when its modification time changes (checked once a second).
    pub(super) fn watch_file(&mut self, ctx: &egui::Context) {
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

    pub(super) fn start_export(
        &mut self,
        path: PathBuf,
        replace: bool,
        kind: ExportKind,
        ctx: &egui::Context,
    ) {
        let path = if path.extension().is_none() {
            path.with_extension(match kind {
                ExportKind::Data => "json",
                ExportKind::Brief => "md",
                ExportKind::Report | ExportKind::Screenshot => "png",
            })
        } else {
            path
        };
        if self.is_open_data_file(&path) {
            self.error = Some(format!(
                "{}: this is the data file that is open; Swimline never writes over it. \
                 Choose another name for the export.",
                path.display()
            ));
            return;
        }
        if path.exists() && !replace {
            self.confirm_replace = Some((path, kind));
            return;
        }
        match kind {
            ExportKind::Report => return self.start_report(path, replace, ctx),
            ExportKind::Data => return self.start_data_export(path, replace, ctx),
            ExportKind::Brief => return self.start_brief_export(path, replace, ctx),
            ExportKind::Screenshot => {}
        }
        self.pending_export = Some((path, replace));
        self.request_screenshot(ctx);
    }

    /// Writes a report of the timeline as shown — the time in view, every lane of the filtered
    /// view, the search dimming what it does not find, the selection ringed — as PNG, SVG or
    /// PDF by `path`'s name. The SVG is laid out here (it follows what is visible); turning it
    /// into pixels or a PDF and writing it run on a thread.
    pub(super) fn start_report(&mut self, path: PathBuf, replace: bool, ctx: &egui::Context) {
        use crate::render::{encode, output_kind};
        let kind = match output_kind(&path) {
            Ok(kind) => kind,
            Err(e) => {
                self.error = Some(e.to_string());
                return;
            }
        };
        let paper = self.export_choices.as_ref().and_then(|c| c.paper);
        if let (crate::render::OutputKind::Pdf, Some(paper)) = (kind, paper) {
            // Tiles are laid out page by page from the dataset, so here, not on a thread.
            let made = self.with_report_of(1200.0, |r| {
                crate::export::tiles::tiled_pdf(&crate::render::report_spec(r), paper)
            });
            let written = made.and_then(|b| b).and_then(|bytes| {
                let replace = crate::export::write::Replace::if_agreed(replace);
                crate::export::write::write_atomic(&path, &bytes, replace)
                    .map_err(|e| e.to_string())
            });
            let _ = self.sender.send(Message::Exported(written.map(|()| path)));
            return;
        }
        let (width_pt, scale) = self
            .export_choices
            .as_ref()
            .map_or((1200.0, 2.0), |c| (c.width_pt(), c.scale.clamp(1.0, 4.0)));
        let svg = match self.report_svg_now(width_pt) {
            Ok(svg) => svg,
            Err(e) => {
                self.error = Some(format!("Cannot export: {e}"));
                return;
            }
        };
        let sender = self.sender.clone();
        let ctx = ctx.clone();
        self.status = format!("Exporting {}…", path.display());
        std::thread::spawn(move || {
            let written = encode(&svg, kind, scale).and_then(|bytes| {
                let replace = crate::export::write::Replace::if_agreed(replace);
                crate::export::write::write_atomic(&path, &bytes, replace)
                    .map_err(|e| e.to_string())
            });
            let _ = sender.send(Message::Exported(written.map(|()| path)));
            ctx.request_repaint();
        });
    }

    /// Copies the timeline as shown to the clipboard as an image (made on a thread).
    pub(super) fn start_copy_image(&mut self, ctx: &egui::Context) {
        let svg = match self.report_svg_now(1200.0) {
            Ok(svg) => svg,
            Err(e) => {
                self.error = Some(format!("Cannot copy the image: {e}"));
                return;
            }
        };
        let sender = self.sender.clone();
        let ctx = ctx.clone();
        std::thread::spawn(move || {
            let image = crate::export::raster::pixels_of_svg(&svg, 2.0).map(|(w, h, rgba)| {
                egui::ColorImage::from_rgba_unmultiplied([w as usize, h as usize], &rgba)
            });
            let _ = sender.send(Message::CopiedImage(image));
            ctx.request_repaint();
        });
    }

    /// The report of the timeline as shown — every lane of the filtered view, the search, the
    /// selection — for the export window's choices (the view, light, when it is closed): its
    /// SVG, or what is wrong with the typed dates.
    pub(super) fn report_svg_now(&self, width_pt: f32) -> Result<String, String> {
        self.with_report_of(width_pt, crate::render::report_svg)
    }

    /// `f` of the report of the timeline as shown, for the export window's choices.
    pub(super) fn with_report_of<T>(
        &self,
        width_pt: f32,
        f: impl FnOnce(&crate::render::ReportOf<'_>) -> T,
    ) -> Result<T, String> {
        use crate::export::report::Theme;
        use crate::render::ReportOf;
        let dataset = &self.loaded.dataset;
        let choices = self
            .export_choices
            .clone()
            .unwrap_or_else(|| crate::ui::state::export::ExportChoices::new(&dataset.title));
        let view = choices.view(self.timeline.view, self.lanes().extent_secs)?;
        let in_view;
        let lanes = if choices.is_every_lane {
            self.lanes()
        } else {
            in_view = crate::export::tiles::only_lanes(self.lanes(), &self.timeline.lanes_in_view);
            &in_view
        };
        let starred_only;
        let keeps: Vec<bool>;
        let index = if choices.is_starred_only {
            keeps = (0..dataset.events.len())
                .map(|i| self.is_shown(i) && self.notes.marks_of(i).starred)
                .collect();
            starred_only = lanes.filtered(&keeps, |_| true);
            &starred_only
        } else {
            lanes
        };
        let shown = if choices.is_starred_only {
            (0..dataset.events.len())
                .filter(|&i| self.is_shown(i) && self.notes.marks_of(i).starred)
                .count()
        } else if self.filter.is_active() {
            self.filter_keeps.iter().filter(|k| **k).count()
        } else {
            dataset.events.len()
        };
        let mut only = filter_words(&self.filter, dataset);
        if choices.is_starred_only && !self.filter.only_starred {
            only.push("only starred".to_owned());
        }
        let query = self.search.query.clone();
        Ok(f(&ReportOf {
            dataset,
            index,
            view,
            shown,
            span: (view.start_secs as i64, view.end_secs() as i64 - 1),
            only,
            search: (!query.is_empty()).then_some(query.as_str()),
            mask: self.search.mask(),
            selected: self.selected,
            marks: Some(&self.notes.marks),
            own_links_from: Some(self.notes.file.links),
            title: Some(choices.title.clone()).filter(|t| !t.trim().is_empty()),
            source_name: &self.loaded.display_name,
            width_pt,
            theme: match choices.theme {
                Theme::Light => Theme::Light,
                Theme::Dark => Theme::Dark,
            },
        }))
    }

    /// Writes the events shown — kept by the filter and, while there is a search, found by it —
    /// as Swimline JSON or CSV by `path`'s name (with the events their dates are relative to).
    pub(super) fn start_data_export(&mut self, path: PathBuf, replace: bool, ctx: &egui::Context) {
        use crate::export::data::{native_json, swimline_csv};
        let is_csv = path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("csv"));
        let dataset = &self.loaded.dataset;
        let mask = self.search.mask();
        let is_kept =
            |e: usize| self.is_shown(e) && mask.is_none_or(|m| m.get(e).copied().unwrap_or(true));
        let notes = &self.notes;
        let extra = |e: usize| notes.export_columns(dataset, e);
        let text = if is_csv {
            swimline_csv(dataset, &is_kept, &extra)
        } else {
            native_json(dataset, &is_kept, &extra)
        };
        let sender = self.sender.clone();
        let ctx = ctx.clone();
        std::thread::spawn(move || {
            let replace = crate::export::write::Replace::if_agreed(replace);
            let written = crate::export::write::write_atomic(&path, text.as_bytes(), replace)
                .map_err(|e| e.to_string());
            let _ = sender.send(Message::Exported(written.map(|()| path)));
            ctx.request_repaint();
        });
    }

    /// Writes the brief — the starred events in time order with your notes — as HTML when
    /// `path` ends in `.html` or `.htm`, else as Markdown.
    pub(super) fn start_brief_export(&mut self, path: PathBuf, replace: bool, ctx: &egui::Context) {
        use crate::export::brief::{BriefOf, html, markdown, starred_count};
        let of = BriefOf {
            dataset: &self.loaded.dataset,
            notes: &self.notes.notes,
            file_events: self.notes.file.events,
            file_links: self.notes.file.links,
            source_name: &self.loaded.display_name,
        };
        let is_html = path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("html") || e.eq_ignore_ascii_case("htm"));
        let n = starred_count(&of);
        let text = if is_html { html(&of) } else { markdown(&of) };
        let sender = self.sender.clone();
        let ctx = ctx.clone();
        self.status = format!(
            "Writing the brief of {n} starred events to {}…",
            path.display()
        );
        std::thread::spawn(move || {
            let replace = crate::export::write::Replace::if_agreed(replace);
            let written = crate::export::write::write_atomic(&path, text.as_bytes(), replace)
                .map_err(|e| e.to_string());
            let _ = sender.send(Message::Exported(written.map(|()| path)));
            ctx.request_repaint();
        });
    }

    pub(super) fn is_open_data_file(&self, path: &Path) -> bool {
        let Some(open) = &self.loaded.path else {
            return false;
        };
        match (open.canonicalize(), path.canonicalize()) {
            (Ok(a), Ok(b)) => a == b,
            _ => open == path,
        }
    }

    pub(super) fn request_screenshot(&self, ctx: &egui::Context) {
        let sender = self.sender.clone();
        let repaint = ctx.clone();
        ctx.request_screenshot(move |image| {
            let _ = sender.send(Message::Screenshot(image));
            repaint.request_repaint();
        });
    }

    /// Handles everything background threads have sent.
    pub(super) fn poll_messages(&mut self, ctx: &egui::Context) {
        while let Ok(message) = self.receiver.try_recv() {
            match message {
                Message::OpenPicked(Some(path)) => self.start_loading(path, false, ctx),
                Message::OpenPicked(None) | Message::SavePicked(None, _) => {}
                Message::SavePicked(Some(path), kind) => self.start_export(path, false, kind, ctx),
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
                Message::CopiedImage(Ok(image)) => {
                    self.status = format!(
                        "Copied the timeline as an image ({} × {} pixels)",
                        image.size[0], image.size[1]
                    );
                    ctx.copy_image(image);
                }
                Message::CopiedImage(Err(message)) => self.error = Some(message),
                Message::Exported(Ok(path)) => {
                    self.status = format!("Saved to {}", path.display());
                }
                Message::Exported(Err(message)) => self.error = Some(message),
            }
        }
    }

    pub(super) fn finish_loading(&mut self, result: Result<Prepared, LoadError>, reload: bool) {
        let tried = self.loading.take().map(|l| l.path);
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
                self.notes = prepared.notes;
                self.sheets = loaded
                    .path
                    .as_deref()
                    .filter(|p| {
                        p.extension().and_then(|e| e.to_str()).is_some_and(|e| {
                            ["xlsx", "xlsm", "xls", "ods"]
                                .contains(&e.to_ascii_lowercase().as_str())
                        })
                    })
                    .and_then(|p| std::fs::read(p).ok())
                    .map(|b| crate::io::sheet_names(&b))
                    .unwrap_or_default();
                self.around = None;
                self.event_form = None;
                self.link_form = None;
                if !reload {
                    self.collapsed_groups.clear();
                    self.filter = crate::model::filter::Filter::default();
                }
                self.selected = selected_id.and_then(|id| loaded.dataset.event_by_id(&id));
                self.time_order = None;
                self.error = None;
                let opened = opened_status(&loaded, reload, &self.notes);
                self.status = match self.notes.message.take() {
                    Some(m) => format!("{opened}. {m}"),
                    None => opened,
                };
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
                // A table of its own layout: ask which column holds what.
                let message = err.to_string();
                if !reload
                    && (message.contains("not a CSV format Swimline knows")
                        || message.contains("no sheet has a layout Swimline knows"))
                    && let Some(path) = tried
                {
                    let sheet = self
                        .sheet
                        .as_ref()
                        .filter(|(p, _)| *p == path)
                        .map(|(_, s)| s.clone());
                    if let Ok((header, rows)) = crate::io::table_preview(&path, sheet.as_deref(), 8)
                    {
                        self.mapping_form = Some(crate::ui::state::forms::MappingForm::guess(
                            path, header, rows,
                        ));
                        self.status =
                            "A table of its own layout: say which column holds what".to_owned();
                        return;
                    }
                }
                self.error = Some(message);
            }
        }
    }

    pub(super) fn save_screenshot(&mut self, image: &Arc<egui::ColorImage>, ctx: &egui::Context) {
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

    pub(super) fn advance_screenshot_job(&mut self, ctx: &egui::Context) {
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

/// What `filter` hides, in the words a report's subtitle uses: "only claim, denial", "without
/// exact dates", "without the lanes Russia, Taliban", "without the tags media".
fn filter_words(
    filter: &crate::model::filter::Filter,
    dataset: &crate::model::Dataset,
) -> Vec<String> {
    use crate::model::EventKind;
    let mut words = Vec::new();
    if !filter.hidden_kinds.is_empty() {
        let shown: Vec<&str> = EventKind::ALL
            .iter()
            .filter(|k| !filter.hidden_kinds.contains(k))
            .map(|k| k.name())
            .collect();
        words.push(format!("only {}", shown.join(", ")));
    }
    if !filter.hidden_certainties.is_empty() {
        let hidden: Vec<&str> = filter.hidden_certainties.iter().map(|c| c.name()).collect();
        words.push(format!("without {}", hidden.join(", ")));
    }
    if !filter.hidden_actors.is_empty() {
        let names: Vec<&str> = dataset
            .actors
            .iter()
            .filter(|a| filter.hidden_actors.contains(&a.id))
            .map(|a| a.name.as_str())
            .collect();
        words.push(format!("without the lanes {}", names.join(", ")));
    }
    if !filter.hidden_tags.is_empty() {
        let tags: Vec<&str> = filter
            .hidden_tags
            .iter()
            .map(|t| if t.is_empty() { "(no tag)" } else { t.as_str() })
            .collect();
        words.push(format!("without the tags {}", tags.join(", ")));
    }
    if filter.date_range.is_some() {
        words.push("only a stretch of dates".to_owned());
    }
    for (on, said) in [
        (filter.only_starred, "only starred"),
        (filter.only_noted, "only with your notes"),
        (filter.only_own, "only yours"),
    ] {
        if on {
            words.push(said.to_owned());
        }
    }
    if !filter.your_tags.is_empty() {
        words.push(format!("only your tags {}", filter.your_tags.join(", ")));
    }
    words
}
