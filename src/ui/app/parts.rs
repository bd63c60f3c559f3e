//! The window's state in parts, each holding one kind of thing (HOUSE.md: "the app struct
//! holds a handful of parts"); the app owns one of each. Plain fields, no behaviour: the app's
//! methods (apply, jobs, notes…) work on them.

use std::path::PathBuf;
use std::sync::mpsc::{Receiver, Sender};
use std::time::SystemTime;

use super::jobs::{Loading, ScreenshotJob};
use super::notes::Around;
use super::{ExportKind, Message, Persisted, Session, SessionStore};
use crate::ui::dialogs::FileDialogs;
use crate::ui::state::navigation::Glide;
use crate::ui::timeline::TimelineState;

/// Where the user is looking: the timeline's pan and zoom, a glide under way, the selection, the zone clocks follow.
pub(super) struct ViewState {
    /// Pan, zoom and cached stacking of the timeline.
    pub(super) timeline: TimelineState,
    /// A glide of the view under way.
    pub(super) glide: Option<Glide>,
    /// egui's clock at the start of this frame, in seconds.
    pub(super) now: f64,
    /// The selected event, an index into the dataset's events.
    pub(super) selected: Option<usize>,
    /// Event indices in time order, made on first use (Tab).
    pub(super) time_order: Option<Vec<usize>>,
    /// The zone whose clocks the axis, the pointer and the details follow (View ▸ Time zone).
    pub(super) shown_zone: crate::model::ShownZone,
    /// "Around this event" is on: what it replaced.
    pub(super) around: Option<Around>,
}

/// How files are read: the choices the next load (and a reload) reads with.
pub(super) struct Reading {
    /// The column lanes come from, for formats that let the user pick (Timesketch).
    pub(super) lane_column: Option<String>,
    /// The sheet picked, and the spreadsheet it was picked for.
    pub(super) sheet: Option<(PathBuf, String)>,
    /// A mapping the user chose, and the file it was chosen for.
    pub(super) mapping: Option<(PathBuf, crate::io::Mapping)>,
    /// The zone times without one are read in (`--tz`); `None`: UTC.
    pub(super) read_tz: Option<String>,
    /// The encoding text files are read in (`--encoding`); `None`: as their bytes say.
    pub(super) read_encoding: Option<&'static encoding_rs::Encoding>,
}

/// The windows and forms open over the timeline, each with what it is editing.
pub(super) struct Windows {
    /// The shortcuts window is open.
    pub(super) show_help: bool,
    /// The key to the timeline is open (the status bar's Key…, View ▸ Key to the timeline).
    pub(super) show_key: bool,
    /// The table of events is open (View ▸ Events).
    pub(super) show_events: bool,
    /// Its rows and order.
    pub(super) events_table: crate::doc::table::EventTable,
    /// Its scroll memory.
    pub(super) events_memory: crate::ui::panels::events_table::TableMemory,
    /// The selection and the order the table last scrolled for.
    pub(super) events_scrolled_to: (Option<usize>, Option<crate::doc::table::Order>),
    /// The warnings window is open.
    pub(super) show_warnings: bool,
    /// The list of notes on events no longer in the file is open.
    pub(super) show_orphans: bool,
    /// The date range typed into the Filter menu, as written.
    pub(super) range_text: (String, String),
    /// The mapping dialog, while open.
    pub(super) mapping_form: Option<crate::ui::state::forms::MappingForm>,
    /// The form for one of your own events, while open.
    pub(super) event_form: Option<crate::ui::state::forms::EventForm>,
    /// The form for one of your own links, while open.
    pub(super) link_form: Option<crate::ui::state::forms::LinkForm>,
    /// File ▸ Open database…: the connection string being typed, while the window is open.
    pub(super) source_form: Option<String>,
    /// The export window's choices, while it is open.
    pub(super) export_choices: Option<crate::ui::state::export::ExportChoices>,
    /// Its preview: what it was made of (a hash) and the picture.
    pub(super) export_preview: Option<(u64, Result<egui::TextureHandle, String>)>,
    /// A path the user picked that exists: ask before replacing it.
    pub(super) confirm_replace: Option<(PathBuf, ExportKind)>,
    /// Swimline's own file dialog, while open (the system's could not be shown).
    pub(super) file_dialog: Option<crate::ui::file_dialog::InWindowDialog>,
}

/// Work in the background and what waits for it: loading, watching the file, screenshots, connecting to a database.
pub(super) struct Jobs {
    /// A file being loaded in the background.
    pub(super) loading: Option<Loading>,
    /// Counts loads started, so a cancelled or superseded load's result is recognised and dropped.
    pub(super) load_generation: u64,
    /// A file to open in the background once the window runs (`swimline FILE`).
    pub(super) open_on_start: Option<PathBuf>,
    /// A database to open once the window runs (`swimline SOURCE`, or the last session's).
    pub(super) source_on_start: Option<String>,
    /// The session to put back once the file it showed has loaded.
    pub(super) pending_session: Option<Session>,
    /// A screenshot waiting for its pixels: where to save it and whether to replace.
    pub(super) pending_export: Option<(PathBuf, bool)>,
    /// `--screenshot` mode.
    pub(super) screenshot_job: Option<ScreenshotJob>,
    /// Where background threads send their results.
    pub(super) sender: Sender<Message>,
    /// Results of background work.
    pub(super) receiver: Receiver<Message>,
    /// The open file's modification time when it was read, and when it was last checked
    /// (egui's clock, seconds).
    pub(super) watched: Option<(SystemTime, f64)>,
    /// A database being connected to.
    pub(super) connecting: Option<crate::source::session::Connecting>,
}

/// The shell around the timeline: what the status bar and the error banner say, the window title, the file dialogs.
pub(super) struct Shell {
    /// A load or export error the user has not dismissed.
    pub(super) error: Option<String>,
    /// The last thing that happened, for the status bar.
    pub(super) status: String,
    /// The scripts no font on the machine draws, once the fonts are installed (first frame).
    pub(super) missing_scripts: Option<crate::ui::fonts::MissingScripts>,
    /// The window title last sent, to send it only when it changes.
    pub(super) title_sent: String,
    /// File dialogs (real ones, or a script in tests).
    pub(super) dialogs: Box<dyn FileDialogs>,
    /// The user has asked for something since the app started (a saved session that could not
    /// be read is left alone until then).
    pub(super) has_changes: bool,
}

/// What is remembered between runs, and where Swimline keeps it.
pub(super) struct Saved {
    /// Remembered between runs.
    pub(super) persisted: Persisted,
    /// Where `persisted` is saved (nowhere for scripted runs and tests).
    pub(super) session_store: SessionStore,
    /// Where notes go that cannot live beside their data (the built-in dataset's, a folder
    /// that cannot be written); `None` keeps those for the session only (tests, scripts).
    pub(super) notes_folder: Option<PathBuf>,
    /// Where DuckDB summaries are kept and looked for (Swimline's own folder); `None`: no
    /// summaries (tests, scripts).
    pub(super) summaries_folder: Option<PathBuf>,
}
