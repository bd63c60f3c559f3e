//! Where a data file's notes live beside it: the one naming rule, a leaf that the notes store
//! and the export writer (which never writes over a notes file) both read.

use std::path::{Path, PathBuf};

/// The ending of a notes file's name.
pub const SUFFIX: &str = ".swimline-notes.json";

/// The notes file beside `data`: `events.csv` → `events.csv.swimline-notes.json`.
pub fn beside(data: &Path) -> PathBuf {
    let name = data
        .file_name()
        .map_or_else(|| "data".into(), |n| n.to_string_lossy().into_owned());
    data.with_file_name(format!("{name}{SUFFIX}"))
}
