//! Where Swimline keeps what it makes for itself: the one place that knows its data folder
//! (`~/.local/share/swimline` on Linux, `$XDG_DATA_HOME/swimline` when that is set; the
//! platform's usual folder elsewhere, as `eframe::storage_dir` finds it). Knows no egui and
//! reads or writes nothing: callers join their own file or folder to it.
//!
//! What lives there:
//! - `session.json`: the window's last session (what was open, the view, the filter);
//! - `app.ron`: eframe's own memory of the window (its size and place);
//! - `notes/`: the analyst's notes on the built-in dataset, on databases, and on files whose
//!   folder cannot be written;
//! - `summaries/`: the Parquet summaries of DuckDB sources (never beside the user's files).

use std::path::PathBuf;

/// The name of the session file in the data folder.
pub const SESSION_FILE: &str = "session.json";

/// Swimline's data folder, when the system has one (no home folder and no `XDG_DATA_HOME`:
/// `None`, and nothing is remembered).
pub fn data_folder() -> Option<PathBuf> {
    eframe::storage_dir("Swimline")
}

/// The window's last session (`session.json` in the data folder): also what `render` and
/// `brief` refuse to write over.
pub fn session_file() -> Option<PathBuf> {
    data_folder().map(|dir| dir.join(SESSION_FILE))
}
