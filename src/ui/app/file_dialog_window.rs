//! The app's side of Swimline's own file dialog ([`crate::ui::file_dialog`]): opened when the
//! system's dialog cannot be shown, with the folders of recent files to jump to; its answer
//! goes through the same channel as a system dialog's.

use std::path::PathBuf;

use super::SwimlineApp;
use crate::ui::command::DialogRequest;
use crate::ui::file_dialog::{InWindowDialog, Outcome, in_window_dialog_ui};

impl SwimlineApp {
    /// Opens the in-window dialog for `request`, saying in the status bar why the system's
    /// could not be shown.
    pub(super) fn open_in_window_dialog(&mut self, request: DialogRequest, why: String) {
        let mut places: Vec<PathBuf> = Vec::new();
        let mut add = |folder: Option<PathBuf>| {
            if let Some(folder) = folder.filter(|f| f.is_dir())
                && !places.contains(&folder)
            {
                places.push(folder);
            }
        };
        let open_folder = self
            .doc
            .loaded
            .path
            .as_ref()
            .and_then(|p| std::path::absolute(p).ok())
            .and_then(|p| p.parent().map(PathBuf::from));
        add(open_folder);
        for file in &self.saved.persisted.recent_files {
            add(file.parent().map(PathBuf::from));
        }
        add(std::env::current_dir().ok());
        add(std::env::var_os("HOME").map(PathBuf::from));
        let start = places
            .first()
            .cloned()
            .unwrap_or_else(|| PathBuf::from("/"));
        self.shell.status = format!("{why} Type a path or pick a file.");
        self.windows.file_dialog = Some(InWindowDialog::new(request, why, start, places));
    }

    /// Draws the in-window dialog while it is open; its answer is handled as a system
    /// dialog's.
    pub(super) fn in_window_dialog_ui(&mut self, ctx: &egui::Context) {
        let Some(dialog) = self.windows.file_dialog.as_mut() else {
            return;
        };
        if let Outcome::Closed(answer) = in_window_dialog_ui(ctx, dialog) {
            self.windows.file_dialog = None;
            let _ = self.jobs.sender.send(answer);
            ctx.request_repaint();
        }
    }

    /// Whether Swimline's own file dialog is open (for tests).
    pub fn is_in_window_dialog_open(&self) -> bool {
        self.windows.file_dialog.is_some()
    }
}
