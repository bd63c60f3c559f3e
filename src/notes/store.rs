//! Where the notes live and how they are written. Beside the data file as
//! `NAME.swimline-notes.json`; for the built-in dataset, or when the data's folder cannot be
//! written, in the app's notes folder. Every write is atomic (a temporary file in the same
//! folder, flushed, renamed over) and never touches the data file. When the file changed on
//! disk since it was read (a second window, a colleague), the two are merged by note first. A
//! notes file that cannot be read is never written over: it is set aside (`….unreadable`) with
//! a message before the first note is saved.

use std::path::{Path, PathBuf};

use super::NotesFile;
use super::merge::merge;
use crate::export::write::{Replace, write_atomic};

pub use super::path::{SUFFIX, beside};

/// The largest notes file read: far more than a person writes (a million notes of 500 bytes),
/// so a link to `/dev/zero` or a runaway file is refused, not read into memory.
pub const MAX_NOTES_BYTES: u64 = 1 << 30;

/// The notes file in the app's notes folder: for the built-in dataset, or for a data file whose
/// folder cannot be written (named after the file and a hash of its full path, so that two
/// `events.csv` in different folders keep apart).
pub fn in_folder(folder: &Path, data: Option<&Path>) -> PathBuf {
    let Some(data) = data else {
        return folder.join(format!("built-in{SUFFIX}"));
    };
    let full = std::fs::canonicalize(data).unwrap_or_else(|_| data.to_path_buf());
    let stamp = super::DataStamp::of("", full.to_string_lossy().as_bytes());
    let name = data
        .file_name()
        .map_or_else(|| "data".into(), |n| n.to_string_lossy().into_owned());
    folder.join(format!("{name}-{}{SUFFIX}", &stamp.sha256[..16]))
}

/// The app's notes folder (`~/.local/share/swimline/notes` on Linux): where the built-in
/// dataset's notes, a database's, and a file's whose folder cannot be written are kept. Every
/// command reads notes through [`NotesStore::open`] with this folder, so the command line and
/// the window find the same notes.
pub fn app_folder() -> Option<PathBuf> {
    crate::paths::data_folder().map(|d| d.join("notes"))
}

/// Whether the file at `data` is the built-in dataset (the same bytes), whose notes are kept
/// as the built-in dataset's wherever the file is opened from.
fn is_built_in(data: &Path) -> bool {
    let expected = crate::io::DEFAULT_DATASET_JSON.as_bytes();
    std::fs::metadata(data).is_ok_and(|m| m.len() == expected.len() as u64)
        && crate::io::read_regular(data, expected.len() as u64).is_ok_and(|b| b == expected)
}

/// The notes file of a database source in the app's notes folder: `source-` and a hash of the
/// source string (a table has no folder of its own to keep them beside).
pub fn for_source(folder: &Path, source: &str) -> PathBuf {
    let stamp = super::DataStamp::of("", source.as_bytes());
    folder.join(format!("source-{}{SUFFIX}", &stamp.sha256[..16]))
}

/// Reads and writes one notes file.
#[derive(Debug, Default)]
pub struct NotesStore {
    /// Where the notes are written; `None`: kept for this session only.
    path: Option<PathBuf>,
    /// The app's notes folder, for when `path`'s folder cannot be written.
    folder: Option<PathBuf>,
    /// The notes as they were on disk when last read or written: what a merge starts from.
    base: NotesFile,
    /// The file's bytes when last read or written (`None`: there was no file).
    on_disk: Option<Vec<u8>>,
    /// The file at `path` could not be read: set it aside before writing.
    unreadable: bool,
}

/// What [`NotesStore::open`] found.
#[derive(Debug)]
pub struct Opened {
    /// The store, ready to save.
    pub store: NotesStore,
    /// The notes (empty when there were none, or they could not be read).
    pub notes: NotesFile,
    /// What to tell the user (a file that could not be read), if anything.
    pub message: Option<String>,
}

/// What a save did.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Saved {
    /// The notes changed on disk since they were read, and were merged with these: the caller
    /// takes these as its notes.
    pub merged: Option<NotesFile>,
    /// Notes both sides edited differently (both texts kept).
    pub conflicts: Vec<String>,
    /// Said to the user: where the file went, what was set aside.
    pub message: Option<String>,
    /// Bytes were written.
    pub wrote: bool,
}

impl NotesStore {
    /// A store that keeps notes for this session only.
    pub fn none() -> Self {
        Self::default()
    }

    /// Where the notes are written, if anywhere.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// Whether the notes file was there but could not be read (what it holds is unknown).
    pub fn is_unreadable(&self) -> bool {
        self.unreadable
    }

    /// Finds and reads the notes of `data` (`None`: the built-in dataset): beside it, else in
    /// `folder` (the app's notes folder; `None` in tests and scripted runs, which then keep the
    /// built-in dataset's notes for the session only).
    ///
    /// The built-in dataset opened as a file (`swimline brief data/russia-taliban-2018.json`)
    /// finds the notes made on it in the window when there are none beside it: one rule for
    /// every command.
    pub fn open(data: Option<&Path>, folder: Option<&Path>) -> Opened {
        let beside = data.map(beside);
        let fallback = folder.map(|f| in_folder(f, data));
        let built_in = folder
            .filter(|_| data.is_some_and(is_built_in))
            .map(|f| in_folder(f, None));
        let path = match (&beside, &fallback) {
            (Some(b), _) if b.exists() => Some(b.clone()),
            (_, Some(f)) if f.exists() => Some(f.clone()),
            _ if built_in.as_ref().is_some_and(|b| b.exists()) => built_in.clone(),
            (Some(b), _) => Some(b.clone()),
            (None, f) => f.clone(),
        };
        Self::open_at(path, folder)
    }

    /// Finds and reads the notes of a database source (its source string, without password):
    /// in the app's notes folder, named after the source (`None`: this session only).
    pub fn open_source(source: &str, folder: Option<&Path>) -> Opened {
        let path = folder.map(|f| for_source(f, source));
        Self::open_at(path, folder)
    }

    fn open_at(path: Option<PathBuf>, folder: Option<&Path>) -> Opened {
        let mut store = Self {
            path: path.clone(),
            folder: folder.map(Path::to_path_buf),
            ..Self::default()
        };
        let Some(path) = path else {
            return Opened {
                store,
                notes: NotesFile::new(),
                message: None,
            };
        };
        match crate::io::read_regular(&path, MAX_NOTES_BYTES) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Opened {
                store,
                notes: NotesFile::new(),
                message: None,
            },
            Err(e) => {
                store.unreadable = true;
                Opened {
                    store,
                    notes: NotesFile::new(),
                    message: Some(unreadable_message(&path, &e.to_string())),
                }
            }
            Ok(bytes) => match read_notes(&bytes) {
                Ok(notes) => {
                    store.base = notes.clone();
                    store.on_disk = Some(bytes);
                    Opened {
                        store,
                        notes,
                        message: None,
                    }
                }
                Err(reason) => {
                    store.unreadable = true;
                    store.on_disk = Some(bytes);
                    Opened {
                        store,
                        notes: NotesFile::new(),
                        message: Some(unreadable_message(&path, &reason)),
                    }
                }
            },
        }
    }

    /// Writes `mine`, merged first with what another writer saved since the file was read.
    /// Writes nothing when the bytes would be the same, or when there are no notes and no file.
    pub fn save(&mut self, mine: &NotesFile) -> Result<Saved, String> {
        let Some(path) = self.path.clone() else {
            return Ok(Saved::default());
        };
        let mut saved = Saved::default();
        let now_on_disk = match crate::io::read_regular(&path, MAX_NOTES_BYTES) {
            Ok(bytes) => Some(bytes),
            Err(e)
                if matches!(
                    e.kind(),
                    std::io::ErrorKind::NotFound | std::io::ErrorKind::NotADirectory
                ) =>
            {
                None
            }
            Err(e) => return Err(format!("cannot read {} to save: {e}", path.display())),
        };
        let mut notes = mine.clone();
        if now_on_disk != self.on_disk {
            // Someone else wrote it (or made it unreadable) since we read it.
            match now_on_disk.as_deref().map(read_notes) {
                Some(Ok(theirs)) => {
                    let merged = merge(&self.base, mine, &theirs);
                    saved.conflicts = merged.conflicts;
                    notes = merged.notes;
                    saved.merged = Some(notes.clone());
                    self.unreadable = false;
                }
                Some(Err(_)) => self.unreadable = true,
                None => self.unreadable = false,
            }
        }
        if self.unreadable && path.exists() {
            if notes.is_empty() {
                // Nothing to write: the file stays as it is.
                return Ok(saved);
            }
            let aside = set_aside(&path)?;
            saved.message = Some(format!(
                "The notes file {} could not be read; it was kept as {} and a new one written",
                path.display(),
                aside.display()
            ));
            self.unreadable = false;
        }
        let text = notes.to_json().into_bytes();
        let on_disk_now = if path.exists() { now_on_disk } else { None };
        let unchanged = match &on_disk_now {
            None => notes.is_empty(),
            Some(bytes) => *bytes == text,
        };
        if unchanged {
            self.base = notes;
            self.on_disk = on_disk_now;
            return Ok(saved);
        }
        if let Some(parent) = path.parent()
            && Some(parent) == self.folder.as_deref()
        {
            // The app's notes folder is made on its first note.
            let _ = std::fs::create_dir_all(parent);
        }
        match write_atomic(&path, &text, Replace::Yes) {
            Ok(()) => {}
            Err(e) => {
                // The data's folder cannot be written: the app's notes folder takes them.
                let data = data_of(&path);
                let fallback = self
                    .folder
                    .as_deref()
                    .map(|f| in_folder(f, data.as_deref()));
                match fallback.filter(|f| *f != path && path.parent() != self.folder.as_deref()) {
                    Some(other) => {
                        if let Some(parent) = other.parent() {
                            let _ = std::fs::create_dir_all(parent);
                        }
                        write_atomic(&other, &text, Replace::Yes).map_err(|e| e.to_string())?;
                        saved.message = Some(format!(
                            "{e}; the notes are kept in {} instead",
                            other.display()
                        ));
                        self.path = Some(other);
                    }
                    None => return Err(e.to_string()),
                }
            }
        }
        saved.wrote = true;
        self.base = notes;
        self.on_disk = Some(text);
        Ok(saved)
    }
}

/// The data file a notes file beside it belongs to (`x.csv.swimline-notes.json` → `x.csv`).
fn data_of(notes: &Path) -> Option<PathBuf> {
    let name = notes.file_name()?.to_str()?;
    Some(notes.with_file_name(name.strip_suffix(SUFFIX)?))
}

fn read_notes(bytes: &[u8]) -> Result<NotesFile, String> {
    let text = std::str::from_utf8(bytes).map_err(|_| "it is not UTF-8 text".to_owned())?;
    NotesFile::from_json(text)
}

fn unreadable_message(path: &Path, reason: &str) -> String {
    format!(
        "The notes file {} could not be read ({reason}). It is left as it is; when you change a \
         note it is set aside as {}.unreadable and a new one is written.",
        path.display(),
        path.file_name()
            .map_or_else(String::new, |n| n.to_string_lossy().into_owned())
    )
}

/// Renames `path` to `path.unreadable` (or `.unreadable-2`, … — an earlier one is never
/// replaced).
fn set_aside(path: &Path) -> Result<PathBuf, String> {
    let name = path
        .file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    let aside = (1..)
        .map(|n| {
            path.with_file_name(if n == 1 {
                format!("{name}.unreadable")
            } else {
                format!("{name}.unreadable-{n}")
            })
        })
        .find(|p| p.symlink_metadata().is_err())
        .unwrap_or_else(|| path.with_file_name(format!("{name}.unreadable")));
    // A hard link keeps the name of an existing set-aside file safe; then the old name goes.
    std::fs::hard_link(path, &aside)
        .and_then(|()| std::fs::remove_file(path))
        .or_else(|_| std::fs::rename(path, &aside))
        .map_err(|e| format!("cannot set aside {}: {e}", path.display()))?;
    Ok(aside)
}
