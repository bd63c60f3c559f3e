//! The status bar: what was opened, counts, the filter's summary, warnings, the legend.

use super::SwimlineApp;
use super::jobs::progress_text;
use crate::export::theme;
use crate::model::EventKind;
use crate::ui::command::Command;

fn legend_entry_ui(ui: &mut egui::Ui, kind: EventKind) {
    let color = theme::kind_color(kind, ui.visuals());
    ui.label(kind.name());
    let (rect, _) = ui.allocate_exact_size(egui::vec2(12.0, 12.0), egui::Sense::hover());
    crate::ui::paint::paint_marker(ui.painter(), rect.center(), kind, color, 5.0, None);
}

impl SwimlineApp {
    pub(super) fn status_bar_ui(&self, ui: &mut egui::Ui, commands: &mut Vec<Command>) {
        // The legend and the notes' place keep their room on the right; a long status is cut
        // short (…) rather than drawn over them.
        // Sides lays out both halves at once: the right half's commands join after.
        let mut right = Vec::new();
        egui::containers::Sides::new()
            .shrink_left()
            .truncate()
            .show(
                ui,
                |ui| self.status_left_ui(ui, commands),
                |ui| self.status_right_ui(ui, &mut right),
            );
        commands.append(&mut right);
    }

    fn status_left_ui(&self, ui: &mut egui::Ui, commands: &mut Vec<Command>) {
        if let Some(loading) = &self.jobs.loading {
            let name = loading
                .path
                .file_name()
                .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
            let now = loading.progress.snapshot();
            ui.add(
                egui::ProgressBar::new(now.fraction())
                    .desired_width(340.0)
                    // The spinner only where no figure moves (checking the dataset).
                    .animate(now.stage == crate::io::progress::Stage::Checking)
                    .text(progress_text(&name, &now)),
            );
            // Counters change on the loading thread: look again soon.
            ui.ctx()
                .request_repaint_after(std::time::Duration::from_millis(100));
            if ui.button("Cancel").clicked() {
                commands.push(Command::CancelLoading);
            }
            ui.separator();
        }
        ui.label(&self.shell.status);
        if let Some(summary) = self.filter_summary() {
            ui.separator();
            ui.label(egui::RichText::new(format!("Filtered: {summary}")).strong());
            if ui.small_button("Show everything").clicked() {
                commands.push(Command::SetFilter(crate::model::filter::Filter::default()));
            }
        }
        let count = self.doc.loaded.warnings.len();
        if count > 0 {
            let text = if count == 1 {
                "1 warning".to_owned()
            } else {
                format!("{count} warnings")
            };
            let button =
                egui::Button::new(egui::RichText::new(text).color(ui.visuals().warn_fg_color));
            if ui
                .add(button)
                .on_hover_text("Rows skipped or read with a guess")
                .clicked()
            {
                commands.push(Command::ToggleWarnings);
            }
        }
    }

    /// The right of the status bar, laid out right to left.
    fn status_right_ui(&self, ui: &mut egui::Ui, commands: &mut Vec<Command>) {
        ui.weak(format!("times in {}", self.view.shown_zone.name()))
            .on_hover_text("View ▸ Time zone");
        ui.separator();
        let place = match self.doc.notes.store.path() {
            Some(path) => format!(
                "notes: {}",
                path.file_name()
                    .map_or_else(String::new, |n| n.to_string_lossy().into_owned())
            ),
            None => "notes: this session only".to_owned(),
        };
        ui.weak(place).on_hover_text(self.notes_place());
        ui.separator();
        if ui
            .small_button("Key…")
            .on_hover_text("How uncertain dates, kinds, links and your signs are drawn")
            .clicked()
        {
            commands.push(Command::ToggleKey);
        }
        for kind in EventKind::ALL.iter().rev() {
            legend_entry_ui(ui, *kind);
        }
        ui.weak("Kinds:");
    }
}
