//! The menu bar: File (open, recent, export), View, the search box, and the title.

use egui::Key;

use super::SwimlineApp;
use super::keys::{SHORTCUT_EXPORT, SHORTCUT_OPEN, SHORTCUT_REPORT, search_box_id};
use crate::ui::command::{Command, ExportKind, LaneSort};

impl SwimlineApp {
    pub(super) fn menu_bar_ui(&mut self, ui: &mut egui::Ui, commands: &mut Vec<Command>) {
        egui::MenuBar::new().ui(ui, |ui| {
            ui.menu_button("File", |ui| {
                let open = egui::Button::new("Open…")
                    .shortcut_text(ui.ctx().format_shortcut(&SHORTCUT_OPEN));
                if ui.add(open).clicked() {
                    commands.push(Command::OpenDialog);
                }
                ui.menu_button("Open recent", |ui| {
                    if self.persisted.recent_files.is_empty() {
                        ui.weak("No files yet");
                    }
                    for path in &self.persisted.recent_files {
                        let name = path.file_name().map_or_else(
                            || path.display().to_string(),
                            |n| n.to_string_lossy().into_owned(),
                        );
                        if ui
                            .button(name)
                            .on_hover_text(path.display().to_string())
                            .clicked()
                        {
                            commands.push(Command::Open(path.clone()));
                        }
                    }
                });
                if ui
                    .button("Open the example")
                    .on_hover_text("The built-in dataset: a 2018 report on Russia and the Taliban")
                    .clicked()
                {
                    commands.push(Command::OpenBuiltIn);
                }
                let report = egui::Button::new("Export the timeline…")
                    .shortcut_text(ui.ctx().format_shortcut(&SHORTCUT_REPORT));
                if ui
                    .add(report)
                    .on_hover_text(
                        "The time in view and every lane, as PNG, SVG or PDF, with a title, \
                         legend and a key to uncertain dates",
                    )
                    .clicked()
                {
                    commands.push(Command::OpenExportWindow);
                }
                if ui
                    .button("Export data…")
                    .on_hover_text(
                        "The events shown (after the filter and the search) as Swimline JSON or \
                         CSV, to open again or share",
                    )
                    .clicked()
                {
                    commands.push(Command::ExportDialog(ExportKind::Data));
                }
                let export = egui::Button::new("Export screenshot…")
                    .shortcut_text(ui.ctx().format_shortcut(&SHORTCUT_EXPORT));
                if ui.add(export).clicked() {
                    commands.push(Command::ExportDialog(ExportKind::Screenshot));
                }
                ui.separator();
                if ui.button("Quit").clicked() {
                    commands.push(Command::Quit);
                }
            });
            ui.menu_button("Filter", |ui| self.filter_menu_ui(ui, commands));
            ui.menu_button("View", |ui| {
                if ui
                    .add(egui::Button::new("Zoom to fit").shortcut_text("F"))
                    .clicked()
                {
                    commands.push(Command::ZoomToFit);
                }
                if matches!(
                    self.loaded.format,
                    crate::io::Format::TimesketchCsv | crate::io::Format::TimesketchJsonl
                ) {
                    ui.menu_button("Lanes from", |ui| {
                        let current = self.lane_column.as_deref().unwrap_or("timestamp_desc");
                        for column in self.lane_columns() {
                            if ui.radio(current == column, &column).clicked() {
                                let choice = (column != "timestamp_desc").then_some(column);
                                commands.push(Command::SetLaneColumn(choice));
                            }
                        }
                    });
                }
                ui.menu_button("Sort lanes", |ui| {
                    for sort in LaneSort::ALL {
                        if ui.button(sort.name()).clicked() {
                            commands.push(Command::SortLanes(sort));
                        }
                    }
                    ui.weak("Or drag a lane by its name.");
                });
                ui.separator();
                let dark = ui.visuals().dark_mode;
                if ui.radio(!dark, "Light theme").clicked() {
                    commands.push(Command::SetTheme(egui::Theme::Light));
                }
                if ui.radio(dark, "Dark theme").clicked() {
                    commands.push(Command::SetTheme(egui::Theme::Dark));
                }
            });
            ui.separator();
            if ui.button("Open…").clicked() {
                commands.push(Command::OpenDialog);
            }
            if ui
                .button("Export…")
                .on_hover_text("Export the timeline as PNG, SVG or PDF (Ctrl+E)")
                .clicked()
            {
                commands.push(Command::OpenExportWindow);
            }
            if ui.button("Export screenshot…").clicked() {
                commands.push(Command::ExportDialog(ExportKind::Screenshot));
            }
            if ui.button("Zoom to fit").clicked() {
                commands.push(Command::ZoomToFit);
            }
            ui.separator();
            let mut query = self.search.query.clone();
            let edit = egui::TextEdit::singleline(&mut query)
                .id(search_box_id())
                .hint_text("Search (Ctrl+F)")
                .desired_width(200.0);
            let response = ui.add(edit);
            if response.changed() {
                commands.push(Command::SetQuery(query));
            }
            if response.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter)) {
                let back = ui.input(|i| i.modifiers.shift);
                commands.push(Command::StepMatch(if back { -1 } else { 1 }));
                response.request_focus();
            }
            let summary = self.search_summary();
            if !summary.is_empty() {
                ui.label(summary);
                if ui.small_button("Clear").clicked() {
                    commands.push(Command::SetQuery(String::new()));
                }
            }
            ui.separator();
            ui.strong(&self.loaded.dataset.title);
            ui.weak(format!("({})", self.loaded.display_name));
        });
    }
}
