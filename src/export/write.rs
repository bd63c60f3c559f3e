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
    if replace == Replace::Never && path.symlink_metadata().is_ok() {
        return Err(WriteError::Exists(file));
    }
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
        let dir = std::env::temp_dir().join(format!("swimline-write-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let _ = std::fs::create_dir_all(&dir);
        let path = dir.join("out.txt");
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
        let missing = dir.join("no/such/folder/x.txt");
        assert!(matches!(
            write_atomic(&missing, b"x", Replace::Yes),
            Err(WriteError::Io { .. })
        ));
        let _ = std::fs::remove_dir_all(&dir);
    }
}
