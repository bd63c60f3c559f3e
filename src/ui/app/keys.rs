//! The keys and what the actions of the command table (`ui/actions.rs`) ask for, for the menus
//! too; dropped files; and stepping through events in time (Tab, Enter in the search box).
//! Reads state, pushes commands. Which key does what is in the table, not here.

use super::SwimlineApp;
use crate::ui::actions::{self, Action, Scope};
use crate::ui::command::{Command, ExportKind};
use crate::ui::state::reader::ReaderCommand;
use std::path::PathBuf;

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

impl SwimlineApp {
    /// Listens for the table's keys: those that work anywhere, then, unless a text box has the
    /// keyboard, the timeline's.
    pub(super) fn shortcuts(&self, ctx: &egui::Context, commands: &mut Vec<Command>) {
        // Swimline's own file dialog has the keys while it is open (Esc closes it).
        if self.windows.file_dialog.is_some() {
            return;
        }
        ctx.input_mut(|i| self.consume_keys(i, Scope::Anywhere, commands));
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
        ctx.input_mut(|i| self.consume_keys(i, Scope::Timeline, commands));
    }

    /// Takes this frame's presses of the keys that work in `scope`, most specific first, and
    /// pushes what their actions ask for.
    fn consume_keys(
        &self,
        input: &mut egui::InputState,
        scope: Scope,
        commands: &mut Vec<Command>,
    ) {
        for action in actions::listen_order(scope) {
            let pressed = match action {
                // S stars the selection; with none, the key is left to the rest of the window.
                Action::Star if self.view.selected.is_none() => false,
                // Ctrl+C arrives as a copy event (or, from a script, as the key); a text box
                // that has the keyboard copies its own text instead (no Timeline keys then).
                Action::CopyEvent => {
                    input.events.iter().any(|e| matches!(e, egui::Event::Copy))
                        || action.consume(input, scope)
                }
                _ => action.consume(input, scope),
            };
            if pressed {
                self.push_action(action, commands);
            }
        }
    }

    /// Pushes what `action` asks for now (from a key or a menu item): nothing when it needs a
    /// selected event and there is none.
    pub(super) fn push_action(&self, action: Action, commands: &mut Vec<Command>) {
        let selected = self.view.selected;
        let command = match action {
            Action::Open => Command::OpenDialog,
            Action::ExportTimeline => Command::OpenExportWindow,
            Action::ExportScreenshot => Command::ExportDialog(ExportKind::Screenshot),
            // These three act on the selected event; with none, they do nothing.
            Action::CopyEvent if selected.is_some() => Command::CopySelected,
            Action::Star if let Some(s) = selected => Command::ToggleStar(s),
            Action::LinkEvent if let Some(s) = selected => Command::NewLink(s),
            Action::Star | Action::LinkEvent | Action::CopyEvent => return,
            Action::CopyImage => Command::CopyImage,
            Action::Undo => Command::Undo,
            Action::Redo => Command::Redo,
            Action::Search => Command::FocusSearch,
            Action::NextMatch => Command::StepMatch(1),
            Action::PreviousMatch => Command::StepMatch(-1),
            Action::ZoomToFit => Command::ZoomToFit,
            Action::FitBulk => Command::FitBulk,
            Action::Events => Command::ToggleEvents,
            Action::PanLeft => Command::PanBy(-PAN_STEP),
            Action::PanRight => Command::PanBy(PAN_STEP),
            Action::ScrollUp => Command::ScrollLanes(-ROW_SCROLL_STEP),
            Action::ScrollDown => Command::ScrollLanes(ROW_SCROLL_STEP),
            Action::ZoomIn => Command::ZoomBy(1.0 / KEY_ZOOM_STEP),
            Action::ZoomOut => Command::ZoomBy(KEY_ZOOM_STEP),
            Action::NextEvent => Command::StepEvent(1),
            Action::PreviousEvent => Command::StepEvent(-1),
            Action::Escape => {
                self.push_escape(commands);
                return;
            }
            Action::Help => Command::ToggleHelp,
            Action::ReadReport => Command::Reader(ReaderCommand::PickFile),
            Action::OpenDatabase => Command::OpenDatabaseDialog,
            Action::OpenExample => Command::OpenBuiltIn,
            Action::ExportData => Command::ExportDialog(ExportKind::Data),
            Action::ExportBrief => Command::ExportDialog(ExportKind::Brief),
            Action::NewEvent => Command::NewEvent {
                actor: None,
                at: None,
            },
            Action::BackToEverything => Command::LeaveAround,
            Action::Quit => Command::Quit,
        };
        commands.push(command);
    }

    /// Esc closes what is open on top first: a pile's list, then the shortcuts, then the key; else it clears
    /// the selection (and, with nothing selected, the error).
    fn push_escape(&self, commands: &mut Vec<Command>) {
        if self.view.timeline.is_pile_list_open() {
            commands.push(Command::ClosePileList);
            return;
        }
        if self.windows.show_help {
            commands.push(Command::ToggleHelp);
            return;
        }
        if self.windows.show_key {
            commands.push(Command::ToggleKey);
            return;
        }
        if self.shell.error.is_some() && self.view.selected.is_none() {
            commands.push(Command::DismissError);
        }
        commands.push(Command::Select(None));
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
