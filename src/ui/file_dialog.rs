//! Swimline's own file dialog, drawn inside the window: what opens when the desktop's dialog
//! cannot be shown (no portal and no zenity, as under a bare X server), so Open… and Save as…
//! never silently do nothing. A path field (type or paste a path; Enter opens it, or enters a
//! folder), the folder's entries filtered by file type, recent folders, and Open/Save and
//! Cancel. Its answer is the same [`Message`] a system dialog sends.
//!
//! The folder listing and the checks on a typed path are plain functions with tests; the egui
//! part only draws them. It does not replace the system dialog where that one works.

use std::path::{Path, PathBuf};

use egui::{Context, Key, RichText};

pub use super::command::DialogRequest;
use super::command::{ExportKind, Message};

/// A file-type filter: its name and the extensions it lets through (`*`: all files).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileFilter {
    /// The filter in words.
    pub name: String,
    /// Extensions without the dot, as written on the files (compared ignoring case).
    pub extensions: Vec<String>,
}

impl FileFilter {
    fn new(name: &str, extensions: &[&str]) -> Self {
        Self {
            name: name.to_owned(),
            extensions: extensions.iter().map(|e| (*e).to_owned()).collect(),
        }
    }

    /// Whether a file named `path` passes the filter.
    pub fn accepts(&self, path: &Path) -> bool {
        if self.extensions.iter().any(|e| e == "*") {
            return true;
        }
        let ext = path
            .extension()
            .and_then(|e| e.to_str())
            .unwrap_or_default();
        self.extensions.iter().any(|e| e.eq_ignore_ascii_case(ext))
    }
}

/// The filters offered for `request`, the first chosen at first (as the system dialog's).
pub fn filters_for(request: &DialogRequest) -> Vec<FileFilter> {
    match request {
        DialogRequest::Open => vec![
            FileFilter::new(
                "Timelines (every format Swimline reads)",
                &crate::io::EXTENSIONS,
            ),
            FileFilter::new("JSON (Swimline, TimelineJS, vis-timeline)", &["json"]),
            FileFilter::new(
                "CSV (Swimline, TimelineJS sheet, ACLED, Timesketch)",
                &["csv"],
            ),
            FileFilter::new("JSON lines (Timesketch)", &["jsonl"]),
            FileFilter::new("All files", &["*"]),
        ],
        DialogRequest::Save { kind, .. } => match kind {
            ExportKind::Screenshot => vec![FileFilter::new("PNG image", &["png"])],
            ExportKind::Report => vec![FileFilter::new(
                "PNG, SVG, PDF or HTML (by the name's ending)",
                &["png", "svg", "pdf", "html"],
            )],
            ExportKind::Timeline => vec![FileFilter::new("Swimline JSON", &["json"])],
            ExportKind::Data => vec![FileFilter::new(
                "Swimline JSON or CSV (by the name's ending)",
                &["json", "csv"],
            )],
            ExportKind::Brief => vec![FileFilter::new(
                "Markdown or HTML (by the name's ending)",
                &["md", "html"],
            )],
        },
    }
}

/// One entry of a folder as the dialog lists it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    /// Its full path.
    pub path: PathBuf,
    /// Its name.
    pub name: String,
    /// A folder (entered on click) rather than a file.
    pub is_folder: bool,
}

/// The entries of `folder`: its folders, then the files `filter` lets through, each by name
/// (case ignored); hidden ones (starting with a dot) left out. Says why when it cannot be read.
pub fn list_folder(folder: &Path, filter: &FileFilter) -> Result<Vec<Entry>, String> {
    let read = std::fs::read_dir(folder)
        .map_err(|e| format!("Cannot read the folder {}: {e}", folder.display()))?;
    let mut entries: Vec<Entry> = read
        .filter_map(Result::ok)
        .filter_map(|entry| {
            let path = entry.path();
            let name = entry.file_name().to_string_lossy().into_owned();
            let is_folder = path.is_dir();
            let keep = !name.starts_with('.') && (is_folder || filter.accepts(&path));
            keep.then_some(Entry {
                path,
                name,
                is_folder,
            })
        })
        .collect();
    entries.sort_by(|a, b| {
        b.is_folder
            .cmp(&a.is_folder)
            .then_with(|| a.name.to_lowercase().cmp(&b.name.to_lowercase()))
    });
    Ok(entries)
}

/// What a typed path means, once Enter or Open/Save is pressed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Typed {
    /// A folder: show its entries.
    Folder(PathBuf),
    /// The answer: the file to open, or where to save.
    Chosen(PathBuf),
    /// Not usable, and why (in words).
    Refused(String),
}

/// Reads `text` (typed in the path field) against `folder` (relative paths start there; `~`
/// is the home folder) for `request`.
pub fn read_typed(text: &str, folder: &Path, request: &DialogRequest) -> Typed {
    let text = text.trim();
    if text.is_empty() {
        return Typed::Refused("Type a path, or pick a file in the list.".to_owned());
    }
    let path = match text.strip_prefix("~/") {
        Some(rest) => home_folder().map_or_else(|| PathBuf::from(text), |h| h.join(rest)),
        None if text == "~" => home_folder().unwrap_or_else(|| PathBuf::from(text)),
        None => folder.join(text),
    };
    let path = std::path::absolute(&path).unwrap_or(path);
    if path.is_dir() {
        return Typed::Folder(path);
    }
    match request {
        DialogRequest::Open if path.is_file() => Typed::Chosen(path),
        DialogRequest::Open => Typed::Refused(format!("There is no file at {}.", path.display())),
        DialogRequest::Save { .. } => match path.parent() {
            Some(parent) if parent.is_dir() => Typed::Chosen(path),
            _ => Typed::Refused(format!(
                "There is no folder {} to save into.",
                path.parent().unwrap_or(&path).display()
            )),
        },
    }
}

/// The user's home folder, from `HOME` (or `USERPROFILE`).
fn home_folder() -> Option<PathBuf> {
    std::env::var_os("HOME")
        .or_else(|| std::env::var_os("USERPROFILE"))
        .map(PathBuf::from)
}

/// The in-window dialog, while open.
#[derive(Clone, Debug)]
pub struct InWindowDialog {
    /// What it was asked for.
    pub request: DialogRequest,
    /// Why the system dialog was not shown (said at the top).
    pub why: String,
    /// The folder listed.
    pub folder: PathBuf,
    /// The path field, as typed.
    pub typed: String,
    /// The filters offered, and which one is chosen.
    pub filters: Vec<FileFilter>,
    /// Position of the chosen filter in `filters`.
    pub filter: usize,
    /// Folders to jump to: those of recent files, the home folder, the working folder.
    pub places: Vec<PathBuf>,
    /// What the last Enter or Open/Save refused, or why the folder cannot be listed.
    pub problem: Option<String>,
    /// The folder's entries, read when the folder or the filter changes.
    entries: Vec<Entry>,
    /// The path field takes the keyboard on the first frame.
    wants_focus: bool,
}

impl InWindowDialog {
    /// A dialog for `request`, listing `folder`, with `places` to jump to; `why` says why the
    /// system dialog was not shown.
    pub fn new(request: DialogRequest, why: String, folder: PathBuf, places: Vec<PathBuf>) -> Self {
        let typed = match &request {
            DialogRequest::Open => String::new(),
            DialogRequest::Save { suggested, .. } => suggested.clone(),
        };
        let mut dialog = Self {
            filters: filters_for(&request),
            request,
            why,
            folder,
            typed,
            filter: 0,
            places,
            problem: None,
            entries: Vec::new(),
            wants_focus: true,
        };
        dialog.refresh();
        dialog
    }

    /// The title of its window.
    pub fn title(&self) -> &'static str {
        match self.request {
            DialogRequest::Open => "Open a file",
            DialogRequest::Save { .. } => "Save as",
        }
    }

    /// Lists `folder` (with the chosen filter).
    pub fn enter(&mut self, folder: PathBuf) {
        self.folder = folder;
        self.refresh();
    }

    fn refresh(&mut self) {
        let Some(filter) = self.filters.get(self.filter) else {
            return;
        };
        match list_folder(&self.folder, filter) {
            Ok(entries) => {
                self.entries = entries;
                self.problem = None;
            }
            Err(why) => {
                self.entries.clear();
                self.problem = Some(why);
            }
        }
    }

    /// The answer for `path` chosen: the message a system dialog would send.
    fn answer(&self, path: PathBuf) -> Message {
        match &self.request {
            DialogRequest::Open => Message::OpenPicked(Some(path)),
            DialogRequest::Save { kind, .. } => Message::SavePicked(Some(path), *kind),
        }
    }

    /// Acts on the path field (Enter, Open/Save): enters a folder, answers with a file, or
    /// says what is wrong. Returns the answer when there is one.
    pub fn submit(&mut self) -> Option<Message> {
        match read_typed(&self.typed, &self.folder, &self.request) {
            Typed::Folder(folder) => {
                self.typed.clear();
                self.enter(folder);
                None
            }
            Typed::Chosen(path) => Some(self.answer(path)),
            Typed::Refused(why) => {
                // Show the folder the path points into, where the right name may be.
                let typed = std::path::absolute(self.folder.join(self.typed.trim())).ok();
                if let Some(parent) = typed.as_deref().and_then(Path::parent)
                    && parent.is_dir()
                    && parent != self.folder
                {
                    self.enter(parent.to_path_buf());
                }
                self.problem = Some(why);
                None
            }
        }
    }
}

/// What the dialog's frame ended with.
pub enum Outcome {
    /// Still open.
    Open,
    /// Closed with this answer (a cancel answers `None`, as a system dialog's does).
    Closed(Message),
}

/// Draws `dialog` as a window in the middle of the screen.
pub fn in_window_dialog_ui(ctx: &Context, dialog: &mut InWindowDialog) -> Outcome {
    let mut outcome = Outcome::Open;
    let mut is_open = true;
    let action = match dialog.request {
        DialogRequest::Open => "Open",
        DialogRequest::Save { .. } => "Save",
    };
    let cancelled = |request: &DialogRequest| match request {
        DialogRequest::Open => Message::OpenPicked(None),
        DialogRequest::Save { kind, .. } => Message::SavePicked(None, *kind),
    };
    egui::Window::new(dialog.title())
        .open(&mut is_open)
        .collapsible(false)
        .default_width(560.0)
        .anchor(egui::Align2::CENTER_CENTER, egui::vec2(0.0, 0.0))
        .show(ctx, |ui| {
            ui.weak(&dialog.why);
            ui.horizontal(|ui| {
                let label = ui.label("Path:");
                let field = egui::TextEdit::singleline(&mut dialog.typed)
                    .hint_text("a file or folder; relative to the folder below; ~ is home")
                    .desired_width(ui.available_width() - 70.0);
                let field = ui
                    .add(field)
                    .labelled_by(label.id)
                    .on_hover_text("Type a path and press Enter");
                if std::mem::take(&mut dialog.wants_focus) {
                    field.request_focus();
                }
                let entered = field.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter));
                if (ui.button(action).clicked() || entered)
                    && let Some(answer) = dialog.submit()
                {
                    outcome = Outcome::Closed(answer);
                }
            });
            if let Some(problem) = &dialog.problem {
                ui.colored_label(ui.visuals().error_fg_color, problem);
            }
            ui.horizontal(|ui| {
                let names: Vec<String> = dialog.filters.iter().map(|f| f.name.clone()).collect();
                let before = dialog.filter;
                egui::ComboBox::from_label("Files of type")
                    .selected_text(names.get(dialog.filter).cloned().unwrap_or_default())
                    .show_ui(ui, |ui| {
                        for (k, name) in names.iter().enumerate() {
                            ui.selectable_value(&mut dialog.filter, k, name);
                        }
                    });
                if dialog.filter != before {
                    dialog.refresh();
                }
            });
            ui.separator();
            ui.columns(2, |columns| {
                places_ui(&mut columns[0], dialog);
                entries_ui(&mut columns[1], dialog, &mut outcome);
            });
            ui.separator();
            ui.horizontal(|ui| {
                if ui.button("Cancel").clicked() {
                    outcome = Outcome::Closed(cancelled(&dialog.request));
                }
            });
        });
    if !is_open || ctx.input(|i| i.key_pressed(Key::Escape)) {
        outcome = Outcome::Closed(cancelled(&dialog.request));
    }
    outcome
}

/// The left column: the folder's parent and the places to jump to.
fn places_ui(ui: &mut egui::Ui, dialog: &mut InWindowDialog) {
    ui.strong("Recent folders");
    let mut go = None;
    if let Some(parent) = dialog.folder.parent()
        && ui.button("Up one folder").clicked()
    {
        go = Some(parent.to_path_buf());
    }
    for place in &dialog.places {
        let name = place.display().to_string();
        if ui
            .selectable_label(*place == dialog.folder, &name)
            .on_hover_text(&name)
            .clicked()
        {
            go = Some(place.clone());
        }
    }
    if let Some(folder) = go {
        dialog.enter(folder);
    }
}

/// The right column: the folder's entries; a click on a folder enters it, on a file puts its
/// path in the field, a double click opens it.
fn entries_ui(ui: &mut egui::Ui, dialog: &mut InWindowDialog, outcome: &mut Outcome) {
    ui.label(RichText::new(dialog.folder.display().to_string()).strong());
    let mut go = None;
    let mut chosen = None;
    egui::ScrollArea::vertical()
        .max_height(320.0)
        .id_salt("in-window-dialog-entries")
        .show(ui, |ui| {
            if dialog.entries.is_empty() {
                ui.weak("(no files of this type here)");
            }
            for entry in &dialog.entries {
                let text = if entry.is_folder {
                    format!("{}/", entry.name)
                } else {
                    entry.name.clone()
                };
                let is_typed = dialog.typed == entry.name;
                let row = ui.selectable_label(is_typed, text);
                if row.double_clicked() && !entry.is_folder {
                    chosen = Some(entry.path.clone());
                } else if row.clicked() {
                    if entry.is_folder {
                        go = Some(entry.path.clone());
                    } else {
                        dialog.typed = entry.name.clone();
                    }
                }
            }
        });
    if let Some(folder) = go {
        dialog.typed.clear();
        dialog.enter(folder);
    }
    if let Some(path) = chosen {
        *outcome = Outcome::Closed(dialog.answer(path));
    }
}

#[cfg(test)]
mod tests {
    use super::{DialogRequest, FileFilter, Typed, filters_for, list_folder, read_typed};
    use crate::ui::command::ExportKind;

    #[test]
    fn a_folder_lists_its_folders_first_then_the_files_the_filter_lets_through() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        for name in ["b.json", "A.csv", "notes.txt.bak", ".hidden.json", "c.JSON"] {
            std::fs::write(dir.path().join(name), "x").unwrap_or_else(|e| panic!("{e}"));
        }
        std::fs::create_dir(dir.path().join("zeta")).unwrap_or_else(|e| panic!("{e}"));
        let filters = filters_for(&DialogRequest::Open);
        let names = |filter: &FileFilter| -> Vec<String> {
            list_folder(dir.path(), filter)
                .unwrap_or_else(|e| panic!("{e}"))
                .into_iter()
                .map(|e| e.name)
                .collect()
        };
        assert_eq!(names(&filters[0]), ["zeta", "A.csv", "b.json", "c.JSON"]);
        assert_eq!(names(&filters[1]), ["zeta", "b.json", "c.JSON"]);
        let all = filters.last().unwrap_or_else(|| panic!("no filters"));
        assert_eq!(
            names(all),
            ["zeta", "A.csv", "b.json", "c.JSON", "notes.txt.bak"]
        );
        let missing = list_folder(&dir.path().join("nope"), all);
        assert!(missing.is_err_and(|e| e.starts_with("Cannot read the folder")));
    }

    #[test]
    fn a_typed_path_enters_a_folder_opens_a_file_or_says_why_not() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let file = dir.path().join("a.json");
        std::fs::write(&file, "{}").unwrap_or_else(|e| panic!("{e}"));
        std::fs::create_dir(dir.path().join("sub")).unwrap_or_else(|e| panic!("{e}"));
        let open = DialogRequest::Open;
        assert_eq!(
            read_typed("a.json", dir.path(), &open),
            Typed::Chosen(file.clone())
        );
        let typed_whole = file.display().to_string();
        assert_eq!(
            read_typed(&typed_whole, dir.path(), &open),
            Typed::Chosen(file)
        );
        assert_eq!(
            read_typed("sub", dir.path(), &open),
            Typed::Folder(dir.path().join("sub"))
        );
        assert!(matches!(
            read_typed("missing.json", dir.path(), &open),
            Typed::Refused(why) if why.starts_with("There is no file at")
        ));
        assert!(matches!(
            read_typed("  ", dir.path(), &open),
            Typed::Refused(_)
        ));
        let save = DialogRequest::Save {
            suggested: "report.png".to_owned(),
            kind: ExportKind::Report,
        };
        assert_eq!(
            read_typed("new.png", dir.path(), &save),
            Typed::Chosen(dir.path().join("new.png"))
        );
        assert!(matches!(
            read_typed("no/such/folder/x.png", dir.path(), &save),
            Typed::Refused(why) if why.starts_with("There is no folder")
        ));
    }
}
