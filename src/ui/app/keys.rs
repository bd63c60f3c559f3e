//! Shortcuts: the keys and their commands, the help table, dropped files; and stepping
//! through events in time (Tab, Enter in the search box). Reads state, pushes commands.

use egui::{Key, KeyboardShortcut, Modifiers};

use super::SwimlineApp;
use crate::ui::command::{Command, ExportKind};
use std::path::PathBuf;

/// `Ctrl+O`: open a file.
pub const SHORTCUT_OPEN: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::O);
/// `Ctrl+E`: export the timeline (a report: PNG, SVG or PDF).
pub const SHORTCUT_REPORT: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::E);
/// `Ctrl+C`: copy the selected event as text.
pub const SHORTCUT_COPY: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::C);
/// `Ctrl+Shift+C`: copy the timeline as an image.
pub const SHORTCUT_COPY_IMAGE: KeyboardShortcut =
    KeyboardShortcut::new(Modifiers::COMMAND.plus(Modifiers::SHIFT), Key::C);
/// `Ctrl+Shift+S`: export a screenshot of the window.
pub const SHORTCUT_EXPORT: KeyboardShortcut =
    KeyboardShortcut::new(Modifiers::COMMAND.plus(Modifiers::SHIFT), Key::S);

/// `Ctrl+Z`: take back the last change to the notes.
pub const SHORTCUT_UNDO: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::Z);
/// `Ctrl+Shift+Z`: do it again.
pub const SHORTCUT_REDO: KeyboardShortcut =
    KeyboardShortcut::new(Modifiers::COMMAND.plus(Modifiers::SHIFT), Key::Z);
/// `Ctrl+Y`: do it again (as on Windows).
const SHORTCUT_REDO_Y: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::Y);

/// `Ctrl+F`: search.
pub const SHORTCUT_SEARCH: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::F);

/// Arrow keys pan by this fraction of the visible span.
pub(super) const PAN_STEP: f64 = 0.1;
/// `+`/`-` zoom by this factor.
const KEY_ZOOM_STEP: f64 = 1.25;
/// Up/down arrows scroll the lanes by this many points.
const ROW_SCROLL_STEP: f32 = 48.0;

/// The search box's id, so `Ctrl+F` can focus it.
pub(super) fn search_box_id() -> egui::Id {
    egui::Id::unique("search_box")
}

/// The next position after `current` (or the first, or with a negative `step` the last) among
/// `len` positions, going round, skipping those `is_ok` refuses; `None` when none is ok.
pub(super) fn step_through(
    len: usize,
    current: Option<usize>,
    step: i32,
    is_ok: impl Fn(usize) -> bool,
) -> Option<usize> {
    let len_i = len as i64;
    let step = if step < 0 { -1 } else { 1 };
    let mut p = match current {
        Some(c) => c as i64,
        None if step < 0 => len_i,
        None => -1,
    };
    for _ in 0..len {
        p = (p + step).rem_euclid(len_i.max(1));
        if is_ok(p as usize) {
            return Some(p as usize);
        }
    }
    None
}

/// Every shortcut, for the help window (the README's table says the same).
pub(super) const SHORTCUTS: &[(&str, &str)] = &[
    ("Ctrl+O", "open a file"),
    (
        "Ctrl+E",
        "export the timeline: PNG, SVG or PDF with title, legend and key",
    ),
    ("Ctrl+Shift+S", "export a screenshot of the window"),
    (
        "Ctrl+C",
        "copy the selected event as text: title, date, actors, source and quote",
    ),
    ("Ctrl+Shift+C", "copy the timeline as an image"),
    ("S", "star the selected event (or take its star off)"),
    (
        "Ctrl+Z / Ctrl+Shift+Z",
        "undo / redo a change to your notes (stars, tags, notes, your events and links)",
    ),
    (
        "Ctrl+F",
        "search; Enter / Shift+Enter: next / previous match",
    ),
    ("F or Home", "zoom to fit"),
    (
        "Shift+F",
        "fit the bulk: leave strays far from the rest outside (the status bar counts them)",
    ),
    ("Left / Right", "pan"),
    ("Up / Down", "scroll the lanes"),
    ("+ / -", "zoom in / out around the centre"),
    (
        "Tab / Shift+Tab",
        "select the next / previous event in time",
    ),
    (
        "Esc",
        "clear the selection; close this list, a pile's list, a dialog",
    ),
    ("F1 or ?", "this list"),
    ("drag", "pan"),
    ("wheel", "zoom around the pointer"),
    ("Shift+wheel / Alt+wheel", "pan / scroll the lanes"),
    (
        "double-click a lane",
        "a new event of your own there, at that time (on the axis: zoom to fit)",
    ),
    ("click", "select an event"),
    ("Alt+click", "follow the event's links, one after another"),
    (
        "drag a lane's name",
        "move the lane (View, Sort lanes: to sort them)",
    ),
    (
        "overview strip",
        "click or drag: move the view; drag an edge of the window: zoom",
    ),
];

impl SwimlineApp {
    pub(super) fn shortcuts(&self, ctx: &egui::Context, commands: &mut Vec<Command>) {
        // Swimline's own file dialog has the keys while it is open (Esc closes it).
        if self.windows.file_dialog.is_some() {
            return;
        }
        ctx.input_mut(|i| {
            if i.consume_shortcut(&SHORTCUT_OPEN) {
                commands.push(Command::OpenDialog);
            }
            if i.consume_shortcut(&SHORTCUT_EXPORT) {
                commands.push(Command::ExportDialog(ExportKind::Screenshot));
            }
            if i.consume_shortcut(&SHORTCUT_REPORT) {
                commands.push(Command::OpenExportWindow);
            }
            if i.consume_shortcut(&SHORTCUT_COPY_IMAGE) {
                commands.push(Command::CopyImage);
            }
            if i.consume_shortcut(&SHORTCUT_SEARCH) {
                commands.push(Command::FocusSearch);
            }
            if i.consume_key(Modifiers::NONE, Key::F1) {
                commands.push(Command::ToggleHelp);
            }
        });
        // Only typing in a text box (search, the Filter menu's dates) holds the keys back; a
        // focused button (egui moves focus with Tab) must not stop the timeline's keys.
        if ctx.text_edit_focused() {
            return;
        }
        ctx.memory_mut(|m| {
            if let Some(id) = m.focused() {
                m.surrender_focus(id);
            }
        });
        ctx.input_mut(|i| {
            // Ctrl+C arrives as a copy event (or, from a script, as the key); a text box that
            // has the keyboard copies its own text instead (it returned above).
            let copy = i.events.iter().any(|e| matches!(e, egui::Event::Copy))
                || i.consume_shortcut(&SHORTCUT_COPY);
            if copy && self.view.selected.is_some() {
                commands.push(Command::CopySelected);
            }
            // Redo before undo: Ctrl+Shift+Z also matches Ctrl+Z's shortcut.
            if i.consume_shortcut(&SHORTCUT_REDO) || i.consume_shortcut(&SHORTCUT_REDO_Y) {
                commands.push(Command::Redo);
            }
            if i.consume_shortcut(&SHORTCUT_UNDO) {
                commands.push(Command::Undo);
            }
            if let Some(s) = self.view.selected
                && i.consume_key(Modifiers::NONE, Key::S)
            {
                commands.push(Command::ToggleStar(s));
            }
            // Before F: F alone also matches Shift+F.
            if i.consume_key(Modifiers::SHIFT, Key::F) {
                commands.push(Command::FitBulk);
            }
            if i.consume_key(Modifiers::NONE, Key::F) || i.consume_key(Modifiers::NONE, Key::Home) {
                commands.push(Command::ZoomToFit);
            }
            if i.consume_key(Modifiers::NONE, Key::ArrowLeft) {
                commands.push(Command::PanBy(-PAN_STEP));
            }
            if i.consume_key(Modifiers::NONE, Key::ArrowRight) {
                commands.push(Command::PanBy(PAN_STEP));
            }
            if i.consume_key(Modifiers::NONE, Key::ArrowUp) {
                commands.push(Command::ScrollLanes(-ROW_SCROLL_STEP));
            }
            if i.consume_key(Modifiers::NONE, Key::ArrowDown) {
                commands.push(Command::ScrollLanes(ROW_SCROLL_STEP));
            }
            if i.consume_key(Modifiers::NONE, Key::Plus)
                || i.consume_key(Modifiers::NONE, Key::Equals)
                || i.consume_key(Modifiers::SHIFT, Key::Equals)
            {
                commands.push(Command::ZoomBy(1.0 / KEY_ZOOM_STEP));
            }
            if i.consume_key(Modifiers::NONE, Key::Minus) {
                commands.push(Command::ZoomBy(KEY_ZOOM_STEP));
            }
            if i.consume_key(Modifiers::SHIFT, Key::Tab) {
                commands.push(Command::StepEvent(-1));
            } else if i.consume_key(Modifiers::NONE, Key::Tab) {
                commands.push(Command::StepEvent(1));
            }
            if i.consume_key(Modifiers::NONE, Key::Questionmark)
                || i.consume_key(Modifiers::SHIFT, Key::Questionmark)
                || i.consume_key(Modifiers::SHIFT, Key::Slash)
            {
                commands.push(Command::ToggleHelp);
            }
            if i.consume_key(Modifiers::NONE, Key::Escape) {
                // Esc closes what is open on top first: a pile's list, then the shortcuts.
                if self.view.timeline.is_pile_list_open() {
                    commands.push(Command::ClosePileList);
                    return;
                }
                if self.windows.show_help {
                    commands.push(Command::ToggleHelp);
                    return;
                }
                if self.shell.error.is_some() && self.view.selected.is_none() {
                    commands.push(Command::DismissError);
                }
                commands.push(Command::Select(None));
            }
        });
    }

    pub(super) fn dropped_files(&self, ctx: &egui::Context, commands: &mut Vec<Command>) {
        let dropped: Vec<PathBuf> = ctx.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_path_buf())
                .filter(|p| !p.as_os_str().is_empty())
                .collect()
        });
        // One dataset at a time: the first file dropped is opened.
        if let Some(path) = dropped.into_iter().next() {
            commands.push(if crate::ui::state::reader::is_report_file(&path) {
                Command::Reader(crate::ui::state::reader::ReaderCommand::ReadFile(path))
            } else {
                Command::Open(path)
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::step_through;

    #[test]
    pub(super) fn stepping_goes_round_and_skips_what_is_hidden() {
        let odd = |p: usize| p % 2 == 1;
        assert_eq!(step_through(5, None, 1, odd), Some(1));
        assert_eq!(step_through(5, None, -1, odd), Some(3));
        assert_eq!(step_through(5, Some(3), 1, odd), Some(1));
        assert_eq!(step_through(5, Some(1), -1, odd), Some(3));
        assert_eq!(step_through(5, Some(1), 1, |_| false), None);
        assert_eq!(step_through(0, None, 1, |_| true), None);
        assert_eq!(step_through(3, Some(2), 1, |_| true), Some(0));
    }
}
