//! Writing a file the safe way: the bytes go to a temporary file in the same folder, are flushed
//! to disk, and only then take the file's name — so a crash, a full disk or a killed process
//! leaves the old file or the new one, never half of one. Without the user's consent an existing
//! file is never replaced. Knows nothing of what the bytes are.

use std::fs::{File, OpenOptions};
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

/// Whether an existing file at the path may be replaced.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Replace {
    /// Never: an existing file is an error, and stays as it was.
    Never,
    /// Yes: the user agreed (or the file is Swimline's own, such as its session).
    Yes,
}

impl Replace {
    /// `Yes` when the user agreed to replace the file (or `--force`), else `Never`.
    pub fn if_agreed(agreed: bool) -> Self {
        if agreed { Self::Yes } else { Self::Never }
    }
}

/// Why a file could not be written.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    /// The file exists and may not be replaced.
    #[error(
        "{0} already exists: choose another name (Swimline does not overwrite files without asking)"
    )]
    Exists(String),
    /// The path names something that is not a regular file (a device, a pipe, a folder, a
    /// link): renaming over it would replace it with a file.
    #[error(
        "{0} is not a regular file (a device, a pipe, a folder or a link): Swimline writes only regular files"
    )]
    NotAFile(String),
    /// The path is one of the user's own files that an export must never replace: the data
    /// file, a notes file, the session.
    #[error("{file} is {what}: Swimline never writes an export over it, --force or not")]
    Protected {
        /// The path.
        file: String,
        /// What it is, in words ("the data file", "a notes file").
        what: &'static str,
    },
    /// The operating system refused.
    #[error("cannot write {file}: {source}")]
    Io {
        /// The path.
        file: String,
        /// What the operating system said.
        #[source]
        source: std::io::Error,
    },
}

/// Writes `bytes` to `path` atomically (temporary file in the same folder, flushed, renamed).
pub fn write_atomic(path: &Path, bytes: &[u8], replace: Replace) -> Result<(), WriteError> {
    let file = path.display().to_string();
    let io = |source| WriteError::Io {
        file: file.clone(),
        source,
    };
    match path.symlink_metadata() {
        Ok(meta) if !meta.file_type().is_file() => return Err(WriteError::NotAFile(file)),
        Ok(_) if replace == Replace::Never => return Err(WriteError::Exists(file)),
        _ => {}
    }
    clear_stale_temporaries(path);
    let tmp = temporary_beside(path);
    let written = (|| {
        let mut out = OpenOptions::new().write(true).create_new(true).open(&tmp)?;
        out.write_all(bytes)?;
        out.sync_all()
    })();
    if let Err(e) = written {
        let _ = std::fs::remove_file(&tmp);
        return Err(io(e));
    }
    let placed = match replace {
        Replace::Yes => std::fs::rename(&tmp, path).map_err(io),
        // A hard link takes the name only if nobody has it, atomically; the temporary name is
        // then dropped.
        Replace::Never => match std::fs::hard_link(&tmp, path) {
            Ok(()) => {
                let _ = std::fs::remove_file(&tmp);
                Ok(())
            }
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                Err(WriteError::Exists(file.clone()))
            }
            // A file system without hard links: claim the name, then move the bytes over it.
            Err(_) => OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(path)
                .map_err(|e| {
                    if e.kind() == std::io::ErrorKind::AlreadyExists {
                        WriteError::Exists(file.clone())
                    } else {
                        io(e)
                    }
                })
                .and_then(|_| std::fs::rename(&tmp, path).map_err(io)),
        },
    };
    if placed.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    placed?;
    sync_folder(path);
    Ok(())
}

/// A name for a temporary file beside `path`, unique in this process: `.NAME.PID.N.tmp`.
fn temporary_beside(path: &Path) -> PathBuf {
    static NEXT: AtomicU64 = AtomicU64::new(0);
    let n = NEXT.fetch_add(1, Ordering::Relaxed);
    let name = path
        .file_name()
        .map_or_else(|| "file".into(), |n| n.to_string_lossy().into_owned());
    path.with_file_name(format!(".{name}.{}.{n}.tmp", std::process::id()))
}

/// Removes the temporary files of earlier writes of `path` that were cut short (a kill -9
/// mid-save left a 30 MB `.NAME.PID.N.tmp` beside the data): only names of Swimline's own
/// pattern for this very file, only of processes no longer running, or a day old where that
/// cannot be told.
fn clear_stale_temporaries(path: &Path) {
    let Some(name) = path.file_name().map(|n| n.to_string_lossy().into_owned()) else {
        return;
    };
    let folder = match path.parent() {
        Some(f) if !f.as_os_str().is_empty() => f,
        _ => Path::new("."),
    };
    let Ok(entries) = std::fs::read_dir(folder) else {
        return;
    };
    let prefix = format!(".{name}.");
    let own = std::process::id();
    for entry in entries.flatten() {
        let entry_name = entry.file_name().to_string_lossy().into_owned();
        let Some(pid) = stale_pid(&entry_name, &prefix) else {
            continue;
        };
        if pid == own {
            continue;
        }
        let is_file = entry.file_type().is_ok_and(|t| t.is_file());
        if is_file && !is_running(pid, &entry.path()) {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// The process id in a temporary name `PREFIX PID.N.tmp`, when `name` has that shape.
fn stale_pid(name: &str, prefix: &str) -> Option<u32> {
    let rest = name.strip_prefix(prefix)?.strip_suffix(".tmp")?;
    let (pid, n) = rest.split_once('.')?;
    n.parse::<u64>().ok()?;
    pid.parse().ok()
}

/// Whether the process that made the temporary file `tmp` may still be writing it: on Linux,
/// whether the process exists; elsewhere, whether the file changed in the last day.
fn is_running(pid: u32, tmp: &Path) -> bool {
    let proc_root = Path::new("/proc/self");
    if proc_root.exists() {
        return Path::new("/proc").join(pid.to_string()).exists();
    }
    tmp.metadata()
        .and_then(|m| m.modified())
        .ok()
        .and_then(|t| t.elapsed().ok())
        .is_none_or(|age| age < std::time::Duration::from_secs(24 * 3600))
}

/// Refuses `output` when it is one of the user's own files that an export must never replace,
/// `--force` or not: the data file the export is made from (`data`), any notes file
/// (`….swimline-notes.json`), or the session in Swimline's data folder (`session`).
pub fn refuse_protected(
    output: &Path,
    data: Option<&Path>,
    session: Option<&Path>,
) -> Result<(), WriteError> {
    let file = output.display().to_string();
    let protected = |what| {
        Err(WriteError::Protected {
            file: file.clone(),
            what,
        })
    };
    let name = output
        .file_name()
        .map(|n| n.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    if name.ends_with(crate::notes::path::SUFFIX) {
        return protected("a notes file");
    }
    let same = |other: &Path| same_place(output, other);
    if data.is_some_and(same) {
        return protected("the data file");
    }
    if let Some(data) = data
        && same(&crate::notes::path::beside(data))
    {
        return protected("the data file's notes");
    }
    if session.is_some_and(same) {
        return protected("Swimline's saved session");
    }
    Ok(())
}

/// Whether `a` and `b` name the same place, whether or not a file is there yet: their folders
/// compared resolved (links, `..`), their names as written.
fn same_place(a: &Path, b: &Path) -> bool {
    if let (Ok(x), Ok(y)) = (a.canonicalize(), b.canonicalize()) {
        return x == y;
    }
    let resolved = |p: &Path| {
        let folder = match p.parent() {
            Some(f) if !f.as_os_str().is_empty() => f,
            _ => Path::new("."),
        };
        folder
            .canonicalize()
            .ok()
            .zip(p.file_name().map(std::ffi::OsStr::to_owned))
    };
    matches!((resolved(a), resolved(b)), (Some(x), Some(y)) if x == y)
}

/// Flushes the folder's entry for `path` (so the rename itself survives a power cut, on Unix).
fn sync_folder(path: &Path) {
    #[cfg(unix)]
    if let Some(folder) = path.parent() {
        let folder = if folder.as_os_str().is_empty() {
            Path::new(".")
        } else {
            folder
        };
        if let Ok(dir) = File::open(folder) {
            let _ = dir.sync_all();
        }
    }
    #[cfg(not(unix))]
    let _ = (path, File::open);
}

#[cfg(test)]
mod tests {
    use super::{Replace, WriteError, write_atomic};

    #[test]
    fn never_replaces_without_consent_and_leaves_no_temporary_file() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let path = dir.path().join("out.txt");
        assert!(write_atomic(&path, b"first", Replace::Never).is_ok());
        let again = write_atomic(&path, b"second", Replace::Never);
        assert!(matches!(again, Err(WriteError::Exists(_))), "{again:?}");
        assert_eq!(std::fs::read(&path).ok().as_deref(), Some(&b"first"[..]));
        assert!(write_atomic(&path, b"third", Replace::Yes).is_ok());
        assert_eq!(std::fs::read(&path).ok().as_deref(), Some(&b"third"[..]));
        let names: Vec<String> = std::fs::read_dir(&dir)
            .map(|d| {
                d.filter_map(Result::ok)
                    .map(|e| e.file_name().to_string_lossy().into_owned())
                    .collect()
            })
            .unwrap_or_default();
        assert_eq!(names, ["out.txt"]);
        let missing = dir.path().join("no/such/folder/x.txt");
        assert!(matches!(
            write_atomic(&missing, b"x", Replace::Yes),
            Err(WriteError::Io { .. })
        ));
        let _ = std::fs::remove_dir_all(&dir);
    }
}
