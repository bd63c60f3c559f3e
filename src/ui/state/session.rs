//! What Swimline remembers between runs ([`Persisted`]: recent files and the [`Session`] on
//! screen), and where it keeps it: `session.json` in the app's data folder
//! (`$XDG_DATA_HOME/swimline`, else `~/.local/share/swimline`), written atomically.
//!
//! A saved session that cannot be read (cut short, edited by hand, from a future version) never
//! stops the app: it starts with the defaults, says so once, and leaves the file as it is until
//! the user changes something; then a copy of it is kept beside it as `session.json.unreadable`.
//! Scripted runs (`--screenshot`, tests) use [`SessionStore::none`] and touch no file.

use std::path::{Path, PathBuf};

use crate::export::write::{Replace, write_atomic};
use crate::layout::TimeView;

pub use crate::paths::SESSION_FILE;

/// What Swimline remembers between runs. New fields take their default when an older file is
/// read (`#[serde(default)]`).
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct Persisted {
    /// Files opened recently, newest first.
    pub recent_files: Vec<PathBuf>,
    /// What was on screen when the app last closed; comes back when Swimline starts without a
    /// file named on the command line.
    pub session: Option<Session>,
    /// How the columns of tables of their own layout were mapped, by their header
    /// ([`crate::io::mapping::header_key`]): a table with that header opens with it again.
    pub mappings: std::collections::BTreeMap<String, crate::io::Mapping>,
    /// Databases opened recently (source strings, never with a password), newest first.
    pub recent_sources: Vec<String>,
    /// The zone times are shown in (View ▸ Time zone): `UTC`, `local` or an IANA name; empty
    /// (an older file) is UTC.
    pub shown_zone: String,
}

/// What was on screen: the file, the stretch of time in view, the lanes' order and what was
/// hidden, the selection. Saved when the app closes, restored on the next start. Panel sizes and
/// the theme come back through egui's own memory, which eframe saves in its own file.
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct Session {
    /// The file on screen; `None` for the built-in dataset.
    pub file: Option<PathBuf>,
    /// The database on screen (its source string), instead of a file.
    pub source: Option<String>,
    /// The time in view.
    pub view: Option<TimeView>,
    /// Actor ids, in the order of their lanes.
    pub lane_order: Vec<String>,
    /// What was hidden.
    pub filter: crate::model::filter::Filter,
    /// Lane groups shown as one lane.
    pub collapsed_groups: Vec<String>,
    /// The id of the selected event.
    pub selected: Option<String>,
}

/// Where the session is kept, and what is known about the file there.
#[derive(Debug, Default)]
pub struct SessionStore {
    /// The session file; `None`: nothing is read or written (scripted runs, tests).
    path: Option<PathBuf>,
    /// The saved file could not be read: it is left alone until the user changes something.
    is_unreadable: bool,
    /// What the file holds now, as written by this run (a save that would write the same
    /// bytes writes nothing).
    on_disk: Option<String>,
}

/// What [`SessionStore::open`] found.
pub struct Opened {
    /// The store, ready to save.
    pub store: SessionStore,
    /// What was remembered (the defaults when nothing was, or it could not be read).
    pub persisted: Persisted,
    /// Whether a session file was found and read (`false`: start from an older store, or
    /// from the defaults).
    pub is_found: bool,
    /// Why the saved session was ignored, for the status bar; `None` when it was read.
    pub ignored: Option<String>,
}

impl SessionStore {
    /// A store that reads and writes nothing.
    pub fn none() -> Self {
        Self::default()
    }

    /// The session file in the app's usual data folder, if the platform has one.
    pub fn default_path() -> Option<PathBuf> {
        crate::paths::session_file()
    }

    /// Reads the session at `path` (a missing file is a first start, not a problem).
    pub fn open(path: PathBuf) -> Opened {
        let text = match crate::io::read_regular(&path, 256 << 20) {
            Ok(bytes) => bytes,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Opened {
                    store: Self {
                        path: Some(path),
                        ..Self::default()
                    },
                    persisted: Persisted::default(),
                    is_found: false,
                    ignored: None,
                };
            }
            Err(e) => {
                let reason = format!("cannot read it: {e}");
                return Self::unreadable(path, &reason);
            }
        };
        let parsed = std::str::from_utf8(&text)
            .map_err(|_| "it is not UTF-8 text".to_owned())
            .and_then(|t| {
                serde_json::from_str::<Persisted>(t).map_err(|e| {
                    format!(
                        "line {}, column {}: {}",
                        e.line(),
                        e.column(),
                        crate::io::plain_serde_message(&e.to_string())
                    )
                })
            });
        match parsed {
            Ok(persisted) => Opened {
                store: Self {
                    path: Some(path),
                    is_unreadable: false,
                    on_disk: String::from_utf8(text).ok(),
                },
                persisted,
                is_found: true,
                ignored: None,
            },
            Err(reason) => Self::unreadable(path, &reason),
        }
    }

    fn unreadable(path: PathBuf, reason: &str) -> Opened {
        let ignored = format!(
            "The saved session {} could not be read ({reason}): started afresh. The file is \
             kept as it is until you change something.",
            path.display()
        );
        Opened {
            store: Self {
                path: Some(path),
                is_unreadable: true,
                on_disk: None,
            },
            persisted: Persisted::default(),
            is_found: false,
            ignored: Some(ignored),
        }
    }

    /// The session file, if this store has one.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// Writes `persisted` atomically, unless nothing changed: the same bytes as on disk, or an
    /// unreadable file the user has not yet changed anything over (`has_changes` false). The
    /// first write over an unreadable file keeps a copy of it as `session.json.unreadable`.
    pub fn save(&mut self, persisted: &Persisted, has_changes: bool) -> Result<(), String> {
        let Some(path) = self.path.clone() else {
            return Ok(());
        };
        if self.is_unreadable && !has_changes {
            return Ok(());
        }
        let text = serde_json::to_string_pretty(persisted).map_err(|e| e.to_string())?;
        if self.on_disk.as_deref() == Some(text.as_str()) {
            return Ok(());
        }
        if let Some(folder) = path.parent() {
            std::fs::create_dir_all(folder)
                .map_err(|e| format!("cannot create {}: {e}", folder.display()))?;
        }
        if self.is_unreadable {
            let mut aside = path.clone().into_os_string();
            aside.push(".unreadable");
            let _ = std::fs::copy(&path, PathBuf::from(aside));
            self.is_unreadable = false;
        }
        write_atomic(&path, text.as_bytes(), Replace::Yes).map_err(|e| e.to_string())?;
        self.on_disk = Some(text);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::{Persisted, SessionStore};

    /// A fresh folder, removed when the test is done.
    fn folder(name: &str) -> tempfile::TempDir {
        tempfile::Builder::new()
            .prefix(&format!("swimline-session-{name}"))
            .tempdir()
            .unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn an_unreadable_saved_session_starts_the_defaults_and_is_kept_until_a_change() {
        let dir = folder("unreadable");
        let path = dir.path().join("session.json");
        for broken in [
            &b"{\"recent_files\": [\"/a.csv\", "[..],
            b"{\"recent_files\": 7}",
            b"\xff\xfe not text",
        ] {
            std::fs::write(&path, broken).unwrap_or_else(|e| panic!("{e}"));
            let mut opened = SessionStore::open(path.clone());
            assert_eq!(opened.persisted, Persisted::default());
            let said = opened.ignored.clone().unwrap_or_default();
            assert!(said.contains("could not be read"), "{said}");
            assert!(said.contains(&path.display().to_string()), "{said}");
            let changed = Persisted {
                recent_files: vec!["/b.json".into()],
                ..Persisted::default()
            };
            // Nothing changed by the user: the file stays byte for byte.
            assert!(opened.store.save(&changed, false).is_ok());
            assert_eq!(std::fs::read(&path).ok().as_deref(), Some(broken));
            // A change: written, and the unreadable file kept beside it.
            assert!(opened.store.save(&changed, true).is_ok());
            let back = SessionStore::open(path.clone());
            assert_eq!(back.persisted, changed);
            assert!(back.ignored.is_none());
            let aside = dir.path().join("session.json.unreadable");
            assert_eq!(std::fs::read(&aside).ok().as_deref(), Some(broken));
            let _ = std::fs::remove_file(&aside);
        }
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_session_reads_back_and_a_save_of_the_same_writes_nothing() {
        let dir = folder("roundtrip");
        let path = dir.path().join("session.json");
        let first = SessionStore::open(path.clone());
        assert!(!first.is_found && first.ignored.is_none());
        let mut store = first.store;
        let persisted = Persisted {
            recent_files: vec!["/data/a.csv".into()],
            ..Persisted::default()
        };
        assert!(store.save(&persisted, false).is_ok());
        let opened = SessionStore::open(path.clone());
        assert!(opened.is_found);
        assert_eq!(opened.persisted, persisted);
        let modified = std::fs::metadata(&path).and_then(|m| m.modified()).ok();
        std::thread::sleep(std::time::Duration::from_millis(20));
        assert!(store.save(&persisted, true).is_ok());
        assert_eq!(
            std::fs::metadata(&path).and_then(|m| m.modified()).ok(),
            modified
        );
        assert!(SessionStore::none().save(&persisted, true).is_ok());
        let _ = std::fs::remove_dir_all(&dir);
    }
}
