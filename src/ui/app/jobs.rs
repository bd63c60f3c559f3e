//! Background work: loading files on a thread (with progress and cancel), watching the open
//! file for changes, the `--screenshot` job, and the messages background work sends back.
//! Exports are in `exports`.

use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::SystemTime;

use super::SwimlineApp;
use crate::doc::Document;
use crate::io::{LoadError, Loaded};
use crate::ui::command::Message;
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
    /// Frames drawn while a database had not answered yet.
    waited: u32,
}

impl ScreenshotJob {
    /// A job that writes to `path`.
    pub fn new(path: PathBuf) -> Self {
        Self {
            path,
            outcome: Arc::new(Mutex::new(None)),
            waited: 0,
            frames: 0,
            requested: false,
        }
    }
}

/// Frames to draw before the `--screenshot` capture: fonts and panel sizes settle in the first.
const SCREENSHOT_AFTER_FRAMES: u32 = 4;

/// At most this many frames (20 ms apart: ten minutes) wait for a database's answer before a
/// screenshot is taken anyway.
const SCREENSHOT_WAIT_FRAMES: u32 = 30_000;

/// `Opened x.csv (Swimline CSV: 120 events, 8 actors, 2 warnings)` ("sources" where the lanes
/// are sources, as in Timesketch and Plaso files).
pub(super) fn opened_status(
    loaded: &Loaded,
    reload: bool,
    notes: &crate::doc::notes::NotesState,
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
        "{} {} ({}: {} events, {} {}{warnings}{yours})",
        if reload { "Reloaded" } else { "Opened" },
        loaded.display_name,
        loaded.origin.name(),
        group_thousands(notes.file.events.min(d.events.len()) as i64),
        group_thousands(notes.file.actors.min(d.actors.len()) as i64),
        d.lanes_word.heading().to_lowercase()
    )
}

impl SwimlineApp {
    /// Records the open file's modification time, to notice when it changes.
    pub(super) fn watching(mut self) -> Self {
        self.jobs.watched = self.modified_time().map(|t| (t, 0.0));
        self
    }

    pub(super) fn modified_time(&self) -> Option<SystemTime> {
        let path = self.doc.loaded.path.as_ref()?;
        std::fs::metadata(path).and_then(|m| m.modified()).ok()
    }

    pub(super) fn remember(&mut self, path: PathBuf) {
        let path = std::path::absolute(&path).unwrap_or(path);
        let recent = &mut self.saved.persisted.recent_files;
        recent.retain(|p| p != &path);
        recent.insert(0, path);
        recent.truncate(RECENT_FILES);
    }

    pub(super) fn start_loading(&mut self, path: PathBuf, reload: bool, ctx: &egui::Context) {
        // Kept absolute: the recent files and the session must still find it when Swimline is
        // started from another folder.
        let path = std::path::absolute(&path).unwrap_or(path);
        self.shell.status = if reload {
            format!("{} changed on disk; reloading…", path.display())
        } else {
            format!("Loading {}…", path.display())
        };
        if !reload {
            self.reading.lane_column = None;
        }
        // The notes of what is on screen are written before anything else is read.
        self.flush_notes();
        let folder = self.saved.notes_folder.clone();
        let options = crate::io::LoadOptions {
            lane_column: self.reading.lane_column.clone(),
            sheet: self
                .reading
                .sheet
                .as_ref()
                .filter(|(file, _)| *file == path)
                .map(|(_, name)| name.clone()),
            mapping: self
                .reading
                .mapping
                .as_ref()
                .filter(|(file, _)| *file == path)
                .map(|(_, m)| m.clone()),
            remembered: self.saved.persisted.mappings.clone(),
            tz: self.reading.read_tz.clone(),
            encoding: self.reading.read_encoding,
        };
        self.jobs.load_generation += 1;
        let generation = self.jobs.load_generation;
        let progress = crate::io::Progress::new(std::fs::metadata(&path).map_or(0, |m| m.len()));
        if let Some(previous) = self.jobs.loading.take() {
            previous.progress.cancel();
        }
        self.jobs.loading = Some(Loading {
            progress: progress.clone(),
            path: path.clone(),
            generation,
        });
        let sender = self.jobs.sender.clone();
        let ctx = ctx.clone();
        std::thread::spawn(move || {
            let result = crate::io::load_path_reporting(&path, &options, Some(&progress))
                .map(|loaded| Document::with_notes(loaded, folder.as_deref()));
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
        let Some((read_at, checked_at)) = self.jobs.watched else {
            return;
        };
        let now = ctx.input(|i| i.time);
        ctx.request_repaint_after(std::time::Duration::from_secs_f64(WATCH_INTERVAL_SECS));
        if now - checked_at < WATCH_INTERVAL_SECS || self.jobs.loading.is_some() {
            return;
        }
        let modified = self.modified_time();
        self.jobs.watched = Some((modified.unwrap_or(read_at), now));
        if let (Some(modified), Some(path)) = (modified, self.doc.loaded.path.clone())
            && modified != read_at
        {
            self.start_loading(path, true, ctx);
        }
    }

    /// Handles everything background threads have sent.
    pub(super) fn poll_messages(&mut self, ctx: &egui::Context) {
        while let Ok(message) = self.jobs.receiver.try_recv() {
            match message {
                Message::OpenPicked(Some(path)) => self.start_loading(path, false, ctx),
                Message::OpenPicked(None) | Message::SavePicked(None, _) => {}
                Message::SavePicked(Some(path), kind) => self.start_export(path, false, kind, ctx),
                Message::DialogUnavailable { request, why } => {
                    self.open_in_window_dialog(request, why);
                }
                Message::Loaded {
                    result,
                    reload,
                    generation,
                } => {
                    // A cancelled or superseded load is dropped unseen.
                    if self
                        .jobs
                        .loading
                        .as_ref()
                        .is_some_and(|l| l.generation == generation)
                    {
                        self.finish_loading(*result, reload);
                    }
                }
                Message::Screenshot(image) => self.save_screenshot(&image, ctx),
                Message::CopiedImage(Ok(image)) => {
                    self.shell.status = format!(
                        "Copied the timeline as an image ({} × {} pixels)",
                        image.size[0], image.size[1]
                    );
                    ctx.copy_image(image);
                }
                Message::CopiedImage(Err(message)) => self.shell.error = Some(message),
                Message::Exported(Ok(path)) => {
                    self.shell.status = format!("Saved to {}", path.display());
                }
                Message::Exported(Err(message)) => self.shell.error = Some(message),
                Message::SummaryMade(made) => self.summary_made(made),
                Message::ReportPicked(_) | Message::ReportRead { .. } => {
                    self.reader_message(message, ctx);
                }
            }
        }
    }

    /// Shows `doc` in place of what is on screen, in one step: the document is replaced whole
    /// (nothing of the old one stays), and what hung on the old events goes (forms, "around
    /// this event", the time order); a `reload` (the same data read again) keeps the lane order,
    /// the selection, the filter and the collapsed groups, anything else forgets them. The
    /// search is run again on the new events.
    pub(super) fn install_document(&mut self, doc: Document, reload: bool) {
        self.view.selected = self.doc.replace(doc, self.view.selected, reload);
        if !reload {
            self.shown.forget_choices();
        }
        self.view.around = None;
        self.windows.event_form = None;
        self.windows.link_form = None;
        self.view.time_order = None;
        self.shell.error = None;
        self.rebuild_lanes();
        let query = std::mem::take(&mut self.shown.search.query);
        self.set_query(query);
    }

    pub(super) fn finish_loading(&mut self, result: Result<Document, LoadError>, reload: bool) {
        let tried = self.jobs.loading.take().map(|l| l.path);
        match result {
            Ok(prepared) => {
                // A file replaces a database on screen (its thread ends with it).
                self.remote = None;
                self.install_document(prepared, reload);
                let opened = opened_status(&self.doc.loaded, reload, &self.doc.notes);
                self.shell.status = match self.doc.notes.message.take() {
                    Some(m) => format!("{opened}. {m}"),
                    None => opened,
                };
                self.windows.show_warnings = !self.doc.loaded.warnings.is_empty() && !reload;
                if let Some(path) = self.doc.loaded.path.clone() {
                    self.remember(path);
                }
                if !reload {
                    self.view.glide = None;
                    self.view.timeline = TimelineState::fitted(self.lanes());
                }
                self.jobs.watched = self.modified_time().map(|t| (t, 0.0));
                if let Some(session) = self.jobs.pending_session.take()
                    && !reload
                    && session
                        .file
                        .as_ref()
                        .map(|f| std::path::absolute(f).unwrap_or_else(|_| f.clone()))
                        == self.doc.loaded.path
                {
                    self.restore(&session);
                }
            }
            Err(err) => {
                self.shell.status = if reload {
                    format!(
                        "{} changed on disk but cannot be read; still showing what was read before",
                        self.doc.loaded.display_name
                    )
                } else if self.doc.loaded.dataset.events.is_empty()
                    && self.doc.loaded.path.is_none()
                {
                    // Nothing was shown before (a file named on the command line, read in the
                    // background): say what failed, not "still showing" an empty timeline.
                    match &tried {
                        Some(path) => format!("Could not open {}", path.display()),
                        None => "Could not open the file".to_owned(),
                    }
                } else {
                    format!(
                        "Could not open the file; still showing {}",
                        self.doc.loaded.display_name
                    )
                };
                if reload {
                    // Do not reload the same broken content again and again.
                    self.jobs.watched = self.modified_time().map(|t| (t, 0.0));
                }
                // A table of its own layout: ask which column holds what.
                let message = err.to_string();
                if !reload
                    && (message.contains("not a CSV format Swimline knows")
                        || message.contains("no sheet has a layout Swimline knows"))
                    && let Some(path) = tried
                {
                    let sheet = self
                        .reading
                        .sheet
                        .as_ref()
                        .filter(|(p, _)| *p == path)
                        .map(|(_, s)| s.clone());
                    if let Ok((header, rows)) = crate::io::table_preview(&path, sheet.as_deref(), 8)
                    {
                        self.windows.mapping_form = Some(
                            crate::ui::state::forms::MappingForm::guess(path, header, rows),
                        );
                        self.shell.status =
                            "A table of its own layout: say which column holds what".to_owned();
                        return;
                    }
                }
                self.shell.error = Some(message);
            }
        }
    }

    pub(super) fn advance_screenshot_job(&mut self, ctx: &egui::Context) {
        let Some(job) = &mut self.jobs.screenshot_job else {
            return;
        };
        // A database is drawn once it has answered for the view (or failed).
        let waiting = self.jobs.connecting.is_some()
            || self.reader.is_busy()
            || self
                .remote
                .as_ref()
                .is_some_and(|r| r.is_refining() || r.answer.plan.is_none());
        if waiting && job.waited < SCREENSHOT_WAIT_FRAMES {
            job.waited += 1;
            ctx.request_repaint_after(std::time::Duration::from_millis(20));
            return;
        }
        job.frames += 1;
        if !job.requested && job.frames >= SCREENSHOT_AFTER_FRAMES {
            job.requested = true;
            self.request_screenshot(ctx);
        }
        ctx.request_repaint();
    }
}
