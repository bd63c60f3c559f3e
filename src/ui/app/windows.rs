//! Windows over the timeline: "Replace the file?", the shortcuts, the warnings, and the error
//! banner.

use super::SwimlineApp;
use crate::ui::actions::help_lines;
use crate::ui::command::Command;

/// How many lines of a load error the banner shows before "… and N more".
const ERROR_LINES_SHOWN: usize = 30;

pub(super) fn error_banner_ui(ui: &mut egui::Ui, error: &str, commands: &mut Vec<Command>) {
    let color = ui.visuals().error_fg_color;
    egui::Frame::new()
        .fill(ui.visuals().faint_bg_color)
        .stroke(egui::Stroke::new(1.5, color))
        .inner_margin(8.0)
        .outer_margin(6.0)
        .show(ui, |ui| {
            ui.horizontal(|ui| {
                ui.colored_label(color, "The file could not be used. Nothing was changed.");
                ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                    if ui.button("Dismiss").clicked() {
                        commands.push(Command::DismissError);
                    }
                });
            });
            let lines: Vec<&str> = error.lines().collect();
            egui::ScrollArea::vertical()
                .max_height(160.0)
                .show(ui, |ui| {
                    for line in lines.iter().take(ERROR_LINES_SHOWN) {
                        ui.label(egui::RichText::new(*line).monospace());
                    }
                    if lines.len() > ERROR_LINES_SHOWN {
                        ui.weak(format!(
                            "… and {} more problems",
                            lines.len() - ERROR_LINES_SHOWN
                        ));
                    }
                });
        });
}

impl SwimlineApp {
    pub(super) fn confirm_replace_ui(&self, ctx: &egui::Context, commands: &mut Vec<Command>) {
        let Some((path, kind)) = &self.windows.confirm_replace else {
            return;
        };
        egui::Modal::new(egui::Id::unique("confirm_replace")).show(ctx, |ui| {
            ui.heading("Replace the file?");
            ui.label(format!("{} already exists.", path.display()));
            ui.horizontal(|ui| {
                if ui.button("Replace").clicked() {
                    commands.push(Command::CancelReplace);
                    commands.push(Command::Export {
                        path: path.clone(),
                        replace: true,
                        kind: *kind,
                    });
                }
                if ui.button("Cancel").clicked() {
                    commands.push(Command::CancelReplace);
                }
            });
        });
    }

    /// The list of keys and mouse gestures (F1), from the command table.
    pub(super) fn help_ui(&self, ctx: &egui::Context, commands: &mut Vec<Command>) {
        if !self.windows.show_help {
            return;
        }
        let mut open = true;
        egui::Window::new("Keyboard and mouse")
            .id(egui::Id::unique("help"))
            .open(&mut open)
            .collapsible(false)
            .show(ctx, |ui| {
                egui::Grid::new("shortcuts").striped(true).show(ui, |ui| {
                    for line in help_lines() {
                        ui.strong(line.keys);
                        ui.label(line.what);
                        ui.end_row();
                    }
                });
            });
        if !open {
            commands.push(Command::ToggleHelp);
        }
    }

    pub(super) fn warnings_ui(&self, ctx: &egui::Context, commands: &mut Vec<Command>) {
        if !self.windows.show_warnings || self.doc.loaded.warnings.is_empty() {
            return;
        }
        let mut open = true;
        egui::Window::new(format!("Warnings: {}", self.doc.loaded.display_name))
            .id(egui::Id::unique("warnings"))
            .open(&mut open)
            .default_width(640.0)
            .default_height(320.0)
            .show(ctx, |ui| {
                ui.label(format!(
                    "{} loaded as {}. These records were skipped or read with a guess:",
                    self.doc.loaded.display_name,
                    self.doc.loaded.origin.name()
                ));
                ui.separator();
                egui::ScrollArea::vertical().show(ui, |ui| {
                    for warning in &self.doc.loaded.warnings {
                        ui.label(egui::RichText::new(warning.to_string()).monospace());
                    }
                });
            });
        if !open {
            commands.push(Command::ToggleWarnings);
        }
    }
}
