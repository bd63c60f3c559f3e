//! The menu bar: File (open, recent, export), Edit (undo, redo), Event (new, star, link,
//! around), Filter, View, the search box, and the title.

use egui::Key;

use super::SwimlineApp;
use super::keys::{
    SHORTCUT_EXPORT, SHORTCUT_OPEN, SHORTCUT_REDO, SHORTCUT_REPORT, SHORTCUT_UNDO, search_box_id,
};
use crate::ui::command::{Command, ExportKind, LaneSort};
use crate::ui::state::reader::ReaderCommand;

impl SwimlineApp {
    fn edit_menu_ui(&self, ui: &mut egui::Ui, commands: &mut Vec<Command>) {
        let (can_undo, can_redo) = self.notes.can_undo_redo();
        let undo =
            egui::Button::new("Undo").shortcut_text(ui.ctx().format_shortcut(&SHORTCUT_UNDO));
        if ui.add_enabled(can_undo, undo).clicked() {
            commands.push(Command::Undo);
        }
        let redo =
            egui::Button::new("Redo").shortcut_text(ui.ctx().format_shortcut(&SHORTCUT_REDO));
        if ui.add_enabled(can_redo, redo).clicked() {
            commands.push(Command::Redo);
        }
        ui.weak("Undo and redo change your notes, never the data file.");
    }

    fn event_menu_ui(&self, ui: &mut egui::Ui, commands: &mut Vec<Command>) {
        if ui
            .button("New…")
            .on_hover_text("An event of your own (or double-click a lane at its time)")
            .clicked()
        {
            commands.push(Command::NewEvent {
                actor: None,
                at: None,
            });
        }
        let selected = self.selected;
        let star = egui::Button::new(
            if selected.is_some_and(|s| self.notes.marks_of(s).starred) {
                "Take the star off"
            } else {
                "Star"
            },
        )
        .shortcut_text("S");
        if let Some(s) = selected.filter(|_| ui.add(star).clicked()) {
            commands.push(Command::ToggleStar(s));
        }
        if ui
            .add_enabled(
                selected.is_some(),
                egui::Button::new("Link to another event…"),
            )
            .clicked()
            && let Some(s) = selected
        {
            commands.push(Command::NewLink(s));
        }
        ui.add_enabled_ui(selected.is_some(), |ui| {
            ui.menu_button("Around this event", |ui| {
                for (words, secs) in super::AROUND_SPANS {
                    if ui.button(format!("±{words}")).clicked()
                        && let Some(s) = selected
                    {
                        commands.push(Command::AroundEvent {
                            event: s,
                            span_secs: secs,
                        });
                    }
                }
                ui.weak("Custom spans: in the details panel");
            });
        });
        if ui
            .add_enabled(
                self.around.is_some(),
                egui::Button::new("Back to everything"),
            )
            .clicked()
        {
            commands.push(Command::LeaveAround);
        }
        ui.separator();
        let n = self.notes.orphaned.len() + self.notes.problems.len();
        if ui
            .button(format!("Notes on events no longer in the file ({n})…"))
            .clicked()
        {
            commands.push(Command::ToggleOrphans);
        }
    }

    pub(super) fn menu_bar_ui(&mut self, ui: &mut egui::Ui, commands: &mut Vec<Command>) {
        egui::MenuBar::new().ui(ui, |ui| {
            ui.menu_button("File", |ui| {
                let open = egui::Button::new("Open…")
                    .shortcut_text(ui.ctx().format_shortcut(&SHORTCUT_OPEN));
                if ui.add(open).clicked() {
                    commands.push(Command::OpenDialog);
                }
                if ui
                    .button("Read a report…")
                    .on_hover_text(super::reader::MENU_HOVER)
                    .clicked()
                {
                    commands.push(Command::Reader(ReaderCommand::PickFile));
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
                    .button("Open database…")
                    .on_hover_text(
                        "A DuckDB file (Parquet, CSV, .duckdb) or a PostgreSQL table, asked only \
                         for the time in view",
                    )
                    .clicked()
                {
                    commands.push(Command::OpenDatabaseDialog);
                }
                if let Some(remote) = &self.remote
                    && ui
                        .button("Make the summary")
                        .on_hover_text(if remote.engine == "PostgreSQL" {
                            "Writes a materialised view of rows per lane and bin to the server \
                             (TABLE_swimline_summary), so that views of days to decades count \
                             from it instead of every row; again to refresh it"
                        } else {
                            "Writes rows per lane and bin to a Parquet file in Swimline's own \
                             folder (never beside your files), so that views of days to decades \
                             count from it instead of every row; again after the files change"
                        })
                        .clicked()
                {
                    commands.push(Command::MakeSummary);
                }
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
                if ui
                    .button("Export brief…")
                    .on_hover_text(
                        "The events you starred, in time order, with their dates in words,                          actors, sources and quotes and your notes: Markdown or HTML",
                    )
                    .clicked()
                {
                    commands.push(Command::ExportDialog(ExportKind::Brief));
                }
                let export = egui::Button::new("Export screenshot…")
                    .shortcut_text(ui.ctx().format_shortcut(&SHORTCUT_EXPORT));
                if ui.add(export).clicked() {
                    commands.push(Command::ExportDialog(ExportKind::Screenshot));
                }
                ui.separator();
                ui.weak(self.notes_place()).on_hover_text(
                    "Stars, tags, notes and your own events are kept beside the data file,                      never in it",
                );
                ui.separator();
                if ui.button("Quit").clicked() {
                    commands.push(Command::Quit);
                }
            });
            ui.menu_button("Edit", |ui| self.edit_menu_ui(ui, commands));
            ui.menu_button("Event", |ui| self.event_menu_ui(ui, commands));
            ui.menu_button("Filter", |ui| self.filter_menu_ui(ui, commands));
            ui.menu_button("View", |ui| {
                if ui
                    .add(egui::Button::new("Zoom to fit").shortcut_text("F"))
                    .clicked()
                {
                    commands.push(Command::ZoomToFit);
                }
                if ui
                    .add(egui::Button::new("Fit the bulk").shortcut_text("Shift+F"))
                    .on_hover_text(
                        "Fit most events, leaving strays far from the rest outside; the status bar says how many",
                    )
                    .clicked()
                {
                    commands.push(Command::FitBulk);
                }
                if self.sheets.len() > 1 {
                    ui.menu_button("Sheet", |ui| {
                        let current = self
                            .sheet
                            .as_ref()
                            .map(|(_, s)| s.as_str())
                            .or(self.first_sheet.as_deref());
                        for name in &self.sheets {
                            let on = current == Some(name.as_str());
                            if ui.radio(on, name).clicked() {
                                commands.push(Command::SetSheet(name.clone()));
                            }
                        }
                        ui.weak("The sheet is read as the table it holds.");
                    });
                }
                if let Some(default) = self.loaded.origin.default_lane_column() {
                    ui.menu_button("Lanes from", |ui| {
                        let current = self.lane_column.as_deref().unwrap_or(default);
                        for column in self.lane_columns(default) {
                            if ui.radio(current == column, &column).clicked() {
                                let choice = (column != default).then_some(column);
                                commands.push(Command::SetLaneColumn(choice));
                            }
                        }
                    });
                }
                // A click into the name field must not close the menu.
                egui::containers::menu::SubMenuButton::new("Time zone")
                    .config(
                        egui::containers::menu::MenuConfig::new()
                            .close_behavior(egui::PopupCloseBehavior::CloseOnClickOutside),
                    )
                    .ui(ui, |ui| self.zone_menu_ui(ui, commands));
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
            ui.strong(crate::ui::bidi::visual_order(&self.loaded.dataset.title));
            ui.weak(format!("({})", self.loaded.display_name));
        });
    }

    /// View ▸ Time zone: UTC, the computer's zone, a few common ones, or any IANA name typed.
    /// Only times written with a time of day move; a date stays its calendar day.
    fn zone_menu_ui(&self, ui: &mut egui::Ui, commands: &mut Vec<Command>) {
        use crate::model::ShownZone;
        let now = crate::model::Timestamp::now().0;
        let current = self.shown_zone;
        let mut choices = vec![ShownZone::Utc, ShownZone::Local];
        if let ShownZone::Named(_) = current {
            choices.push(current);
        }
        for (zone, label) in choices.into_iter().map(|z| {
            let label = match z {
                ShownZone::Utc => "UTC".to_owned(),
                ShownZone::Local => format!("Local time ({})", z.abbreviation(now)),
                ShownZone::Named(_) => z.name(),
            };
            (z, label)
        }) {
            if ui.radio(current == zone, label).clicked() {
                commands.push(Command::ShowZone(zone));
                ui.close();
            }
        }
        ui.separator();
        // The name being typed lives in egui's memory for this menu, not in the app.
        let id = ui.make_persistent_id("zone name");
        let mut typed: String = ui.data(|d| d.get_temp(id)).unwrap_or_default();
        let label = ui.label("Another zone:");
        let response = ui
            .add(
                egui::TextEdit::singleline(&mut typed)
                    .hint_text("Europe/Kyiv, Asia/Kabul…")
                    .desired_width(200.0),
            )
            .labelled_by(label.id);
        let entered = response.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
        let parsed = (!typed.trim().is_empty()).then(|| ShownZone::parse(&typed));
        match &parsed {
            Some(Err(message)) => {
                ui.colored_label(ui.visuals().warn_fg_color, message);
            }
            Some(Ok(zone))
                if ui
                    .button(format!("Show times in {}", zone.name()))
                    .clicked()
                    || entered =>
            {
                commands.push(Command::ShowZone(*zone));
                typed.clear();
                ui.close();
            }
            Some(Ok(_)) | None => {}
        }
        ui.data_mut(|d| d.insert_temp(id, typed));
        ui.weak("Dates without a time of day stay their calendar day.");
    }
}
