//! File ▸ Read a report… in the window: the report picked (through the dialog seam, or dropped,
//! or pasted) is read and drafted on a thread; the reader window shows its text — time
//! expressions and speakers marked, the selected draft's words underlined and scrolled to — and
//! the drafts, each ticked or not and editable; then **Add to my notes** (your own events and
//! links, beside the data: the data file is never written) or **Save as a new timeline**
//! (Swimline JSON, through the save dialog and the atomic writer). What a draft becomes is
//! decided in [`crate::ui::state::reader`]; this draws and routes.

use std::path::PathBuf;

use chrono::NaiveDate;

use super::SwimlineApp;
use super::reader_text::TextCache;
use super::reader_ui::Input;
pub(super) use super::reader_ui::Reader;
use crate::doc::notes::EditKey;
use crate::extract::text::{Document, DocumentFormat};
use crate::notes::OwnLink;
use crate::ui::command::{Command, ExportKind, Message};
use crate::ui::state::reader::{ReaderCommand, ReaderState};

impl SwimlineApp {
    /// Opens the reader on `path`, dated `date` (or by what it says), as soon as the window
    /// runs (the `SWIMLINE_READ_REPORT` and `SWIMLINE_READ_REPORT_DATE` variables of
    /// `swimline --screenshot`, to picture the reader).
    pub fn read_report_on_start(mut self, path: PathBuf, date: Option<NaiveDate>) -> Self {
        self.reader.on_start = Some((path, date));
        self
    }

    /// Once the report is read, selects its first draft of the kind named `kind` (`denial`)
    /// and scrolls its words into view (`SWIMLINE_READ_REPORT_SELECT`, for screenshots).
    pub fn select_draft_on_read(mut self, kind: String) -> Self {
        self.reader.select_on_read = Some(kind);
        self
    }

    /// The drafts the reader shows, as edited (empty when it is closed), for tests.
    pub fn reader_drafts(&self) -> &[crate::ui::state::reader::DraftForm] {
        self.reader
            .state
            .as_ref()
            .map_or(&[], |s| s.drafts.as_slice())
    }

    /// The text of the report the reader shows (as read: one paragraph a line), for tests.
    pub fn reader_text(&self) -> Option<&str> {
        self.reader
            .state
            .as_ref()
            .map(|s| s.report.document.text.as_str())
    }

    /// The draft selected in the reader, for tests.
    pub fn reader_selected_draft(&self) -> Option<&crate::ui::state::reader::DraftForm> {
        let state = self.reader.state.as_ref()?;
        state.drafts.get(state.selected?)
    }

    /// Whether the reader is reading a report.
    pub fn is_reading_report(&self) -> bool {
        self.reader.is_busy()
    }

    /// The open dataset's own lanes as `(id, name)`, for matching a report's actors.
    fn known_lanes(&self) -> Vec<(String, String)> {
        let d = &self.doc.loaded.dataset;
        d.actors
            .iter()
            .take(self.doc.notes.file.actors.min(d.actors.len()))
            .map(|a| (a.id.clone(), a.name.clone()))
            .collect()
    }

    /// Reads `input` on a thread, dated `date` (or by what it says).
    fn start_reading(&mut self, input: Input, date: Option<NaiveDate>, ctx: &egui::Context) {
        self.reader.generation += 1;
        let generation = self.reader.generation;
        let what = match &input {
            Input::File(path) => path.display().to_string(),
            Input::Document(name, _) => name.clone(),
        };
        self.shell.status = format!("Reading the report {what}…");
        self.reader.reading = Some((generation, what));
        self.reader.last_input = Some(input.clone());
        let lanes = self.known_lanes();
        let sender = self.jobs.sender.clone();
        let ctx = ctx.clone();
        std::thread::spawn(move || {
            use crate::extract::report::{extract_document, extract_file};
            let result = match input {
                Input::File(path) => extract_file(&path, date, &lanes),
                Input::Document(name, document) => extract_document(name, document, date, &lanes),
            };
            let _ = sender.send(Message::ReportRead {
                result: Box::new(result),
                generation,
            });
            ctx.request_repaint();
        });
    }

    /// Applies what the reader asked for.
    pub(super) fn apply_reader(&mut self, command: ReaderCommand, ctx: &egui::Context) {
        match command {
            ReaderCommand::PickFile => self
                .shell
                .dialogs
                .pick_report(self.jobs.sender.clone(), ctx.clone()),
            ReaderCommand::ReadFile(path) => {
                self.reader.paste = None;
                self.start_reading(Input::File(path), None, ctx);
            }
            ReaderCommand::Redate(date) => {
                let input = match &self.reader.state {
                    Some(s) => Some(Input::Document(
                        s.report.name.clone(),
                        s.report.document.clone(),
                    )),
                    None => self.reader.last_input.clone(),
                };
                if let Some(input) = input {
                    self.start_reading(input, Some(date), ctx);
                }
            }
            ReaderCommand::ReadText { text, date } => {
                self.reader.paste = None;
                let document = Document {
                    text,
                    format: DocumentFormat::PlainText,
                    warnings: Vec::new(),
                    metadata_date: None,
                };
                self.start_reading(
                    Input::Document("pasted text".to_owned(), document),
                    date,
                    ctx,
                );
            }
            ReaderCommand::AddToNotes => self.add_drafts_to_notes(),
            ReaderCommand::SaveTimeline => {
                let ticked = self.reader.state.as_ref().map_or(0, ReaderState::ticked);
                if ticked == 0 {
                    self.reader.message = Some("Tick the drafts to save first".to_owned());
                    return;
                }
                let suggested = self.reader.suggested_name();
                self.shell.dialogs.pick_save(
                    self.jobs.sender.clone(),
                    ctx.clone(),
                    suggested,
                    ExportKind::Timeline,
                );
            }
            ReaderCommand::OpenQuote(id) => self.open_kept_report(&id, ctx),
            ReaderCommand::Close => {
                // The count goes on, so a reading still under way is recognised as stale.
                self.reader = Reader {
                    generation: self.reader.generation,
                    ..Reader::default()
                };
            }
        }
    }

    /// Handles the reader's answers from background work.
    pub(super) fn reader_message(&mut self, message: Message, ctx: &egui::Context) {
        match message {
            Message::ReportPicked(Some(path)) => {
                self.apply_reader(ReaderCommand::ReadFile(path), ctx);
            }
            Message::ReportRead { result, generation } => {
                if self.reader.reading.as_ref().map(|r| r.0) != Some(generation) {
                    return;
                }
                self.reader.reading = None;
                match *result {
                    Ok(report) => {
                        let (t, d) = (report.timexes.len(), report.drafts.len());
                        self.shell.status = format!(
                            "Read {}: {t} time expression{}, {d} draft event{} to confirm",
                            report.name,
                            if t == 1 { "" } else { "s" },
                            if d == 1 { "" } else { "s" },
                        );
                        self.reader.error = None;
                        self.reader.message = None;
                        let mut state = ReaderState::new(report);
                        if let Some(old) = &self.reader.state {
                            state.carry_edits_from(old);
                        }
                        if let Some((chars, reason)) = self.reader.select_quote_on_read.take() {
                            select_quote(&mut state, chars, reason);
                        }
                        if let Some(kind) = self.reader.select_on_read.take() {
                            let at = state.drafts.iter().position(|d| d.kind.name() == kind);
                            state.selected = at.or(state.selected);
                            state.scroll_to_quote = at.is_some();
                            state.scroll_to_row = at.is_some();
                        }
                        self.reader.state = Some(state);
                        self.reader.text_cache = TextCache::default();
                    }
                    Err(why) => {
                        self.shell.status = "Could not read the report".to_owned();
                        self.reader.error =
                            Some(why.replace("with --date YYYY-MM-DD", "below (YYYY-MM-DD)"));
                    }
                }
            }
            _ => {}
        }
    }

    /// Opens the report kept with the notes that own event `id` was read from, on the date it
    /// was read against, at the event's quote.
    fn open_kept_report(&mut self, id: &str, ctx: &egui::Context) {
        let Some((report, at)) = self.doc.notes.notes.quote_in_report(id) else {
            self.shell.status =
                "The report this event was read from is not kept with the notes".to_owned();
            return;
        };
        let document = Document {
            text: report.text.clone(),
            format: DocumentFormat::PlainText,
            warnings: Vec::new(),
            metadata_date: None,
        };
        let date = NaiveDate::parse_from_str(&report.date, "%Y-%m-%d").ok();
        let reason = if report.date_reason.is_empty() {
            "as kept with your notes".to_owned()
        } else {
            format!("as kept with your notes: {}", report.date_reason)
        };
        let input = Input::Document(report.name.clone(), document);
        self.reader.select_quote_on_read = Some((at.start_char..at.end_char, reason));
        self.reader.paste = None;
        self.start_reading(input, date, ctx);
    }

    /// Adds the ticked drafts to the notes as your own events, with the confirmed links
    /// between them; unticks those added.
    fn add_drafts_to_notes(&mut self) {
        let Some(state) = &self.reader.state else {
            return;
        };
        let kept = state.to_notes();
        let refused = refused_words(&kept.refused);
        if kept.events.is_empty() {
            self.reader.message = Some(if refused.is_empty() {
                "Tick the drafts to add first".to_owned()
            } else {
                format!("Nothing added: {refused}")
            });
            return;
        }
        let dataset = &self.doc.loaded.dataset;
        let mut ids: Vec<(usize, String)> = Vec::new();
        let mut links = 0;
        let report = kept.report.clone();
        let changed = self.doc.notes.edit(EditKey::Other, self.view.now, |n| {
            n.reports.insert(report.id(), report);
            for (i, event) in &kept.events {
                let id = n.new_own_id(|c| dataset.event_by_id(c).is_some());
                n.own_events.insert(id.clone(), event.clone());
                ids.push((*i, id));
            }
            let id_of = |d: usize| ids.iter().find(|(i, _)| *i == d).map(|(_, id)| id.clone());
            for (from, to, link) in &kept.links {
                if let (Some(from), Some(to)) = (id_of(*from), id_of(*to)) {
                    let id = n.new_link_id();
                    n.own_links.insert(
                        id,
                        OwnLink {
                            from,
                            to,
                            ..link.clone()
                        },
                    );
                    links += 1;
                }
            }
        });
        self.after_notes_change(changed);
        if let Some(state) = &mut self.reader.state {
            for (i, _) in &ids {
                if let Some(form) = state.drafts.get_mut(*i) {
                    form.is_ticked = false;
                }
            }
        }
        let undrawn = ids
            .iter()
            .filter(|(_, id)| self.doc.notes.problems.iter().any(|(p, _)| p == id))
            .count();
        let undo = crate::ui::actions::Action::Undo.key_text();
        let mut words = format!(
            "Added {} event{} and {links} link{} to your notes ({undo} takes them back)",
            ids.len(),
            if ids.len() == 1 { "" } else { "s" },
            if links == 1 { "" } else { "s" },
        );
        if undrawn > 0 {
            words.push_str(&format!(
                "; {undrawn} cannot be drawn (Event ▸ Notes on events no longer in the file)"
            ));
        }
        if !refused.is_empty() {
            words.push_str(&format!("; not added: {refused}"));
        }
        self.shell.status = words.clone();
        self.reader.message = Some(words);
    }

    /// Writes the ticked drafts as a new timeline to `path` (after the save dialog, and the
    /// question when it exists).
    pub(super) fn start_timeline_save(
        &mut self,
        path: PathBuf,
        replace: bool,
        ctx: &egui::Context,
    ) {
        let Some(state) = &self.reader.state else {
            self.shell.error = Some("No report is open in the reader".to_owned());
            return;
        };
        let d = &self.doc.loaded.dataset;
        let actors = &d.actors[..self.doc.notes.file.actors.min(d.actors.len())];
        match state.timeline_json(actors) {
            Ok((json, kept)) => {
                let refused = refused_words(&kept.refused);
                self.reader.message = Some(format!(
                    "Saving {} event{} to {}{}",
                    kept.events.len(),
                    if kept.events.len() == 1 { "" } else { "s" },
                    path.display(),
                    if refused.is_empty() {
                        String::new()
                    } else {
                        format!("; not saved: {refused}")
                    }
                ));
                self.shell.status = format!("Saving the drafts to {}…", path.display());
                self.write_in_background(path, replace, ctx, move || Ok(json.into_bytes()));
            }
            Err(why) => self.reader.message = Some(why),
        }
    }

    /// The reader window, while it has something to show.
    pub(super) fn reader_ui(&mut self, ctx: &egui::Context, commands: &mut Vec<Command>) {
        // Once the data opened with it has loaded: its lanes are what the drafts are matched to.
        if !self.is_loading()
            && let Some((path, date)) = self.reader.on_start.take()
        {
            self.start_reading(Input::File(path), date, ctx);
        }
        if !self.reader.is_open() {
            return;
        }
        let d = &self.doc.loaded.dataset;
        let lanes: Vec<(String, String)> = d
            .actors
            .iter()
            .map(|a| (a.id.clone(), a.name.clone()))
            .collect();
        let mut open = true;
        let screen = ctx.content_rect();
        egui::Window::new("Read a report")
            .id(egui::Id::unique("reader-window"))
            .open(&mut open)
            .collapsible(false)
            .default_pos(screen.min + egui::vec2(24.0, 40.0))
            .max_width(screen.width() - 48.0)
            .default_size([
                (screen.width() - 48.0).min(1400.0),
                (screen.height() - 120.0).min(820.0),
            ])
            .show(ctx, |ui| {
                super::reader_ui::window_ui(ui, &mut self.reader, &lanes, commands);
            });
        if !open {
            commands.push(Command::Reader(ReaderCommand::Close));
        }
    }
}

/// Selects the draft whose quote is at the characters `chars` (or, failing one, the first
/// whose quote holds them) and scrolls to it; `reason` says where the report's date came from.
/// Every draft is unticked: they were reviewed when the event was added, and Add again would
/// add them twice.
fn select_quote(state: &mut ReaderState, chars: std::ops::Range<usize>, reason: String) {
    for form in &mut state.drafts {
        form.is_ticked = false;
    }
    let quote =
        |d: &crate::ui::state::reader::DraftForm| d.draft.quote.start_char..d.draft.quote.end_char;
    let at = state
        .drafts
        .iter()
        .position(|d| quote(d) == chars)
        .or_else(|| {
            state.drafts.iter().position(|d| {
                let q = quote(d);
                q.start <= chars.start && chars.end <= q.end
            })
        });
    state.report.dct_reason = reason;
    if at.is_some() {
        state.selected = at;
        state.scroll_to_quote = true;
        state.scroll_to_row = true;
    }
}

/// How many drafts left out are named, with why, in a message (the rest are counted).
const REFUSED_NAMED: usize = 3;

/// `“title”: why; …` for drafts left out (the first few; the others counted).
fn refused_words(refused: &[(String, String)]) -> String {
    let mut words = refused
        .iter()
        .take(REFUSED_NAMED)
        .map(|(title, why)| format!("“{title}”: {why}"))
        .collect::<Vec<_>>()
        .join("; ");
    if refused.len() > REFUSED_NAMED {
        words.push_str(&format!("; and {} more", refused.len() - REFUSED_NAMED));
    }
    words
}
