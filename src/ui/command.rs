//! What the UI asks for ([`Command`], applied at the end of the frame) and what background work
//! answers ([`Message`]). Every panel imports this; it imports no panel and not the app, so the
//! UI has no circle.

use std::path::PathBuf;
use std::sync::Arc;

use crate::doc::Document;
use crate::io::LoadError;
use crate::layout::TimeView;

/// Something the UI asks for; applied at the end of the frame.
#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    /// Select an event (its index), or clear the selection.
    Select(Option<usize>),
    /// Show another stretch of time.
    SetView(TimeView),
    /// Scroll the lanes vertically by this many points (positive: content moves up).
    ScrollLanes(f32),
    /// Show every event.
    ZoomToFit,
    /// Close the list of a pile's or a fold's events.
    ClosePileList,
    /// Show the bulk of the events, leaving strays far from the rest outside (and saying how
    /// many).
    FitBulk,
    /// Ask the user for a file to open.
    OpenDialog,
    /// Load this file in the background.
    Open(PathBuf),
    /// Show the built-in dataset (the 2018 report on Russia and the Taliban).
    OpenBuiltIn,
    /// Open the database a source string names (`duckdb:…`, `postgresql://…`).
    OpenSource(String),
    /// File ▸ Open database…: the window where a source string is typed.
    OpenDatabaseDialog,
    /// Close that window.
    CloseDatabaseDialog,
    /// Make (or remake) the summary of the database on screen.
    MakeSummary,
    /// Show or hide the list of warnings of the loaded file.
    ToggleWarnings,
    /// Stop waiting for the file being loaded; keep what is on screen.
    CancelLoading,
    /// Collapse the lanes of this group into one, or expand them again.
    ToggleGroup(String),
    /// Select an event linked to this one (the next one each time) and bring it into view.
    FollowLink(usize),
    /// Move the lane of actor `actor` to where the lane of actor `to` is.
    MoveLane {
        /// The actor whose lane moves.
        actor: usize,
        /// The actor whose place it takes (that lane shifts by one).
        to: usize,
    },
    /// Put the lanes in this order.
    SortLanes(LaneSort),
    /// Read the open Timesketch file again with lanes from this column (`None`: the default).
    SetLaneColumn(Option<String>),
    /// Read the open spreadsheet again from this sheet.
    SetSheet(String),
    /// Open a table of its own layout with this mapping of its columns (and remember it for
    /// tables with its header).
    OpenMapped {
        /// The file.
        path: PathBuf,
        /// Which column holds what.
        mapping: crate::io::Mapping,
        /// Its header, to remember the mapping by.
        header: Vec<String>,
    },
    /// Close the mapping dialog.
    CloseMapping,
    /// Search for this text (case- and accent-insensitive); empty clears the search.
    SetQuery(String),
    /// Select the next (+1) or previous (-1) match and bring it into view.
    StepMatch(i32),
    /// Select the next (+1) or previous (-1) event in time and bring it into view.
    StepEvent(i32),
    /// Pan by this fraction of the visible span (positive: later).
    PanBy(f64),
    /// Zoom around the centre of the view by this factor (< 1 zooms in).
    ZoomBy(f64),
    /// Show or hide the list of shortcuts.
    ToggleHelp,
    /// Show or hide the key to the timeline (kinds, uncertain dates, links, your signs).
    ToggleKey,
    /// Show or hide the table of events (View ▸ Events).
    ToggleEvents,
    /// Sort the table of events by this column (again: the other way round).
    SortEvents(crate::doc::table::Column),
    /// Select this event and bring it into view, in time and in its lane (a row of the table).
    RevealEvent(usize),
    /// Show only what this filter keeps.
    SetFilter(crate::model::filter::Filter),
    /// Put the keyboard in the search box.
    FocusSearch,
    /// Open the export window (choices and a preview of the report).
    OpenExportWindow,
    /// Close it.
    CloseExportWindow,
    /// Ask the user where to save an export of this kind.
    ExportDialog(ExportKind),
    /// Make an export and save it here; `replace` only after the user agreed.
    Export {
        /// Where to write it.
        path: PathBuf,
        /// The user agreed to replace an existing file.
        replace: bool,
        /// What to write.
        kind: ExportKind,
    },
    /// Copy the selected event to the clipboard as text: title, date in words, actors, source
    /// and quote.
    CopySelected,
    /// Copy the timeline as shown to the clipboard, as an image (as the export draws it).
    CopyImage,
    /// Close the error banner.
    DismissError,
    /// Forget the pending "replace file?" question.
    CancelReplace,
    /// Switch between light and dark.
    SetTheme(egui::Theme),
    /// View ▸ Time zone: show times with a time of day on the clocks of this zone.
    ShowZone(crate::model::ShownZone),
    /// Star event `index`, or take its star off.
    ToggleStar(usize),
    /// Set your note on event `index` (typing into one note is one undo step).
    SetNote {
        /// The event.
        event: usize,
        /// The whole text.
        text: String,
    },
    /// Add (or with `add` false, take off) one of your tags on event `index`.
    SetYourTag {
        /// The event.
        event: usize,
        /// The tag.
        tag: String,
        /// Add it, or take it off.
        add: bool,
    },
    /// Mark the note on event `index` as tidied up after a merge kept two texts.
    ResolveConflict(usize),
    /// Set your note on the lane of actor `actor`.
    SetLaneNote {
        /// The actor (its index).
        actor: usize,
        /// The whole text.
        text: String,
    },
    /// Open the form for a new event of your own, in this lane and at this time if given.
    NewEvent {
        /// The lane's actor.
        actor: Option<usize>,
        /// When, as double-clicked, in the notation of the files and as precise as one point
        /// of the screen is at that zoom (`2017`, `2017-10`, `2017-10-05`).
        at: Option<String>,
    },
    /// Open the form to edit your own event `index`.
    EditOwnEvent(usize),
    /// Add (`id` None) or replace one of your own events.
    SaveOwnEvent {
        /// The event's id; `None` for a new one.
        id: Option<String>,
        /// What it says.
        event: crate::notes::OwnEvent,
    },
    /// Delete your own event (its id) and your links to it.
    DeleteOwnEvent(String),
    /// Close the event form without saving.
    CloseEventForm,
    /// Open the form for a link of your own from event `index`.
    NewLink(usize),
    /// Add one of your own links.
    SaveOwnLink(crate::notes::OwnLink),
    /// Delete your own link (its id).
    DeleteOwnLink(String),
    /// Close the link form.
    CloseLinkForm,
    /// Take back the last change to the notes.
    Undo,
    /// Do again what Undo took back.
    Redo,
    /// Show only what lies within `span_secs` either side of event `index`, in all lanes.
    AroundEvent {
        /// The event.
        event: usize,
        /// How far either side, in seconds.
        span_secs: i64,
    },
    /// Back to what was shown before "around this event".
    LeaveAround,
    /// Show or hide the list of notes on events no longer in the file.
    ToggleOrphans,
    /// File ▸ Read a report…: what the reader asks for.
    Reader(super::state::reader::ReaderCommand),
    /// Close the window.
    Quit,
}

/// Results of background work, delivered to the UI thread.
pub enum Message {
    /// The open dialog closed; `None` = cancelled.
    OpenPicked(Option<PathBuf>),
    /// The save dialog closed; `None` = cancelled.
    SavePicked(Option<PathBuf>, ExportKind),
    /// The system's file dialog could not be shown (no desktop portal, no zenity): Swimline
    /// opens its own inside the window for `request`; `why` says what was missing.
    DialogUnavailable {
        /// What the dialog was for.
        request: DialogRequest,
        /// Why the system's dialog was not shown, in words.
        why: String,
    },
    /// A file finished loading; `reload` when it was the open file, changed on disk.
    Loaded {
        /// The dataset, indexed, or why not.
        result: Box<Result<Document, LoadError>>,
        /// It was the open file, reloaded: keep the view and the selection.
        reload: bool,
        /// Which load this answers; stale answers (cancelled, superseded) are dropped.
        generation: u64,
    },
    /// The window's pixels, as asked for by a screenshot request.
    Screenshot(Arc<egui::ColorImage>),
    /// The timeline's image for the clipboard, made on a thread, or why not.
    CopiedImage(Result<egui::ColorImage, String>),
    /// A PNG was written (its path) or not (why).
    Exported(Result<PathBuf, String>),
    /// The summary of the database on screen was made (its name, seconds taken) or not.
    SummaryMade(Result<(String, f64), String>),
    /// The report dialog closed; `None` = cancelled.
    ReportPicked(Option<PathBuf>),
    /// A report was read (File ▸ Read a report…), or why not; `generation` as for `Loaded`.
    ReportRead {
        /// The report read and drafted, or why not.
        result: Box<Result<crate::extract::report::Extracted, String>>,
        /// Which reading this answers; a superseded one is dropped.
        generation: u64,
    },
}

/// What a dialog was asked for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DialogRequest {
    /// A data file to open.
    Open,
    /// Where to save an export of `kind`, proposing the file name `suggested`.
    Save {
        /// The proposed file name.
        suggested: String,
        /// What is exported.
        kind: ExportKind,
    },
}

/// What an export writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExportKind {
    /// A PNG of the whole window, as it is on screen.
    Screenshot,
    /// A report of the timeline as shown (the time in view, every lane, the filter and the
    /// search): PNG, SVG or PDF by the file's name, with a title, legend, key and footer.
    Report,
    /// The events shown (after the filter and the search) as Swimline JSON or CSV, by the
    /// file's name, to be opened again.
    Data,
    /// The starred events in time order, with your notes: Markdown or HTML by the file's name.
    Brief,
    /// The drafts ticked in the reader, as a new Swimline JSON timeline.
    Timeline,
}

/// Orders the lanes can be put in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum LaneSort {
    /// As the file lists the actors.
    File,
    /// By name, A to Z.
    Name,
    /// By the time of the lane's first event, earliest first.
    FirstEvent,
    /// By the number of events in the lane, most first.
    EventCount,
}

impl LaneSort {
    /// Every order, in menu order.
    pub const ALL: [Self; 4] = [Self::File, Self::Name, Self::FirstEvent, Self::EventCount];

    /// The order in words, for the menu.
    pub fn name(self) -> &'static str {
        match self {
            Self::File => "as in the file",
            Self::Name => "by name",
            Self::FirstEvent => "by first event",
            Self::EventCount => "by number of events",
        }
    }
}
