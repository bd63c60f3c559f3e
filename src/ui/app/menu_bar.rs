//! The menu bar: File (open, recent, export), Edit (undo, redo), Event (new, star, link,
//! around), Filter, View, the quick buttons, the search box, and the title. The items that are
//! actions take their text, key hint and hover text from the command table (`ui/actions.rs`).

use super::SwimlineApp;
use super::keys::search_box_id;
use crate::ui::actions::{self, Action};
use crate::ui::command::{Command, LaneSort};

impl SwimlineApp {
    /// A menu item for `action`: its text, key and hover text from the table; pushes what it
    /// asks for when clicked.
    fn action_item_ui(
        &self,
        ui: &mut egui::Ui,
        action: Action,
        is_enabled: bool,
        commands: &mut Vec<Command>,
    ) {
        let button = action.menu_button(ui.ctx());
        self.action_button_ui(ui, action, button, is_enabled, commands);
    }

    /// Adds `button` for `action` with the action's hover text; pushes what it asks for when
    /// clicked.
    fn action_button_ui(
        &self,
        ui: &mut egui::Ui,
        action: Action,
        button: egui::Button<'_>,
        is_enabled: bool,
        commands: &mut Vec<Command>,
    ) {
        let mut response = ui.add_enabled(is_enabled, button);
        if let Some(tooltip) = action.tooltip() {
            response = response.on_hover_text(tooltip);
        }
        if response.clicked() {
            self.push_action(action, commands);
        }
    }

    fn file_menu_ui(&self, ui: &mut egui::Ui, commands: &mut Vec<Command>) {
        self.action_item_ui(ui, Action::Open, true, commands);
        self.action_item_ui(ui, Action::ReadReport, true, commands);
        ui.menu_button("Open recent", |ui| self.recent_menu_ui(ui, commands));
        self.action_item_ui(ui, Action::OpenDatabase, true, commands);
        if let Some(remote) = &self.remote
            && ui
                .button("Make the summary")
                .on_hover_text(if remote.engine == "PostgreSQL" {
                    "Writes a materialised view of rows per lane and bin to the server \
                     (TABLE_swimline_summary), so that views of days to decades count from it \
                     instead of every row; again to refresh it"
                } else {
                    "Writes rows per lane and bin to a Parquet file in Swimline's own folder \
                     (never beside your files), so that views of days to decades count from it \
                     instead of every row; again after the files change"
                })
                .clicked()
        {
            commands.push(Command::MakeSummary);
        }
        for action in [
            Action::OpenExample,
            Action::ExportTimeline,
            Action::ExportData,
            Action::ExportBrief,
            Action::ExportScreenshot,
        ] {
            self.action_item_ui(ui, action, true, commands);
        }
        ui.separator();
        ui.weak(self.notes_place()).on_hover_text(
            "Stars, tags, notes and your own events are kept beside the data file, never in it",
        );
        ui.separator();
        self.action_item_ui(ui, Action::Quit, true, commands);
    }

    /// File ▸ Open recent: the last files opened, by name (the path on hover).
    fn recent_menu_ui(&self, ui: &mut egui::Ui, commands: &mut Vec<Command>) {
        if self.saved.persisted.recent_files.is_empty() {
            ui.weak("No files yet");
        }
        for path in &self.saved.persisted.recent_files {
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
    }

    fn edit_menu_ui(&self, ui: &mut egui::Ui, commands: &mut Vec<Command>) {
        let (can_undo, can_redo) = self.doc.notes.can_undo_redo();
        self.action_item_ui(ui, Action::Undo, can_undo, commands);
        self.action_item_ui(ui, Action::Redo, can_redo, commands);
        ui.weak("Undo and redo change your notes, never the data file.");
    }

    fn event_menu_ui(&self, ui: &mut egui::Ui, commands: &mut Vec<Command>) {
        self.action_item_ui(ui, Action::NewEvent, true, commands);
        let selected = self.view.selected;
        // Star is there only while an event is selected.
        if let Some(s) = selected {
            let words = if self.doc.notes.marks_of(s).starred {
                "Take the star off"
            } else {
                Action::Star.text()
            };
            let star = Action::Star.menu_button_with_text(ui.ctx(), words);
            self.action_button_ui(ui, Action::Star, star, true, commands);
        }
        self.action_item_ui(ui, Action::LinkEvent, selected.is_some(), commands);
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
        self.action_item_ui(
            ui,
            Action::BackToEverything,
            self.view.around.is_some(),
            commands,
        );
        ui.separator();
        let n = self.doc.notes.orphaned.len() + self.doc.notes.problems.len();
        if ui
            .button(format!("Notes on events no longer in the file ({n})…"))
            .clicked()
        {
            commands.push(Command::ToggleOrphans);
        }
    }

    fn view_menu_ui(&self, ui: &mut egui::Ui, commands: &mut Vec<Command>) {
        self.action_item_ui(ui, Action::ZoomToFit, true, commands);
        self.action_item_ui(ui, Action::FitBulk, true, commands);
        self.action_item_ui(ui, Action::Events, true, commands);
        if ui
            .button("Key to the timeline…")
            .on_hover_text("What the marks, fades, bands and links mean")
            .clicked()
        {
            commands.push(Command::ToggleKey);
        }
        if self.doc.sheets.len() > 1 {
            ui.menu_button("Sheet", |ui| {
                let current = self
                    .reading
                    .sheet
                    .as_ref()
                    .map(|(_, s)| s.as_str())
                    .or(self.doc.first_sheet.as_deref());
                for name in &self.doc.sheets {
                    let on = current == Some(name.as_str());
                    if ui.radio(on, name).clicked() {
                        commands.push(Command::SetSheet(name.clone()));
                    }
                }
                ui.weak("The sheet is read as the table it holds.");
            });
        }
        if let Some(default) = self.doc.loaded.origin.default_lane_column() {
            ui.menu_button("Lanes from", |ui| {
                let current = self.reading.lane_column.as_deref().unwrap_or(default);
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
    }

    /// The buttons beside the menus: the actions used most, without their keys.
    fn quick_buttons_ui(&self, ui: &mut egui::Ui, commands: &mut Vec<Command>) {
        if ui.button(Action::Open.text()).clicked() {
            self.push_action(Action::Open, commands);
        }
        let export_hover = format!(
            "Export the timeline as PNG, SVG or PDF ({})",
            Action::ExportTimeline.key_text()
        );
        if ui.button("Export…").on_hover_text(export_hover).clicked() {
            self.push_action(Action::ExportTimeline, commands);
        }
        for action in [Action::ExportScreenshot, Action::ZoomToFit] {
            if ui.button(action.text()).clicked() {
                self.push_action(action, commands);
            }
        }
    }

    /// The search box: typing searches; Enter / Shift+Enter (the table's keys) step through the
    /// matches and keep the keyboard in the box.
    fn search_box_ui(&self, ui: &mut egui::Ui, commands: &mut Vec<Command>) {
        let mut query = self.shown.search.query.clone();
        let edit = egui::TextEdit::singleline(&mut query)
            .id(search_box_id())
            .hint_text(format!("Search ({})", Action::Search.key_text()))
            .desired_width(200.0);
        let response = ui.add(edit);
        if response.changed() {
            commands.push(Command::SetQuery(query));
        }
        if response.lost_focus()
            && let Some(action) = ui.input(actions::pressed_in_search_box)
        {
            self.push_action(action, commands);
            response.request_focus();
        }
        let summary = self.search_summary();
        if !summary.is_empty() {
            ui.label(summary);
            if ui.small_button("Clear").clicked() {
                commands.push(Command::SetQuery(String::new()));
            }
        }
    }

    pub(super) fn menu_bar_ui(&mut self, ui: &mut egui::Ui, commands: &mut Vec<Command>) {
        egui::MenuBar::new().ui(ui, |ui| {
            ui.menu_button("File", |ui| self.file_menu_ui(ui, commands));
            ui.menu_button("Edit", |ui| self.edit_menu_ui(ui, commands));
            ui.menu_button("Event", |ui| self.event_menu_ui(ui, commands));
            egui::containers::menu::MenuButton::new("Filter")
                .config(
                    egui::containers::menu::MenuConfig::new()
                        .close_behavior(egui::PopupCloseBehavior::CloseOnClickOutside),
                )
                .ui(ui, |ui| self.filter_menu_ui(ui, commands));
            ui.menu_button("View", |ui| self.view_menu_ui(ui, commands));
            ui.separator();
            self.quick_buttons_ui(ui, commands);
            ui.separator();
            self.search_box_ui(ui, commands);
            ui.separator();
            ui.strong(crate::ui::bidi::visual_order(
                &self.doc.loaded.dataset.title,
            ));
            ui.weak(format!("({})", self.doc.loaded.display_name));
        });
    }

    /// View ▸ Time zone: UTC, the computer's zone, a few common ones, or any IANA name typed.
    /// Only times written with a time of day move; a date stays its calendar day.
    fn zone_menu_ui(&self, ui: &mut egui::Ui, commands: &mut Vec<Command>) {
        use crate::model::ShownZone;
        let now = crate::model::Timestamp::now().0;
        let current = self.view.shown_zone;
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
