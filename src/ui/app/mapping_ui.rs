//! The mapping dialog: a table whose columns are not a layout Swimline knows, shown with its
//! first rows, and a choice for each role (title, start, end, lanes, kind, description, source)
//! and for how the dates are written. Edits its form, pushes commands.

use super::SwimlineApp;
use crate::io::DateOrder;
use crate::ui::command::Command;

/// A choice of one column, or none when `optional`.
fn column_choice(
    ui: &mut egui::Ui,
    label: &str,
    header: &[String],
    value: &mut String,
    optional: bool,
) {
    let shown = if value.is_empty() {
        "(none)"
    } else {
        value.as_str()
    };
    let l = ui.label(label);
    egui::ComboBox::from_id_salt(("map", label))
        .selected_text(shown.to_owned())
        .width(220.0)
        .show_ui(ui, |ui| {
            if optional {
                ui.selectable_value(value, String::new(), "(none)");
            }
            for name in header {
                ui.selectable_value(value, name.clone(), name);
            }
        })
        .response
        .labelled_by(l.id);
}

impl SwimlineApp {
    /// The mapping dialog, while a table of its own layout waits to be opened.
    pub(super) fn mapping_ui(&mut self, ctx: &egui::Context, commands: &mut Vec<Command>) {
        let Some(form) = self.windows.mapping_form.as_mut() else {
            return;
        };
        let mut open = true;
        let name = form
            .path
            .file_name()
            .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
        egui::Window::new(format!("Which column holds what: {name}"))
            .id(egui::Id::unique("mapping"))
            .open(&mut open)
            .default_width(760.0)
            .show(ctx, |ui| {
                ui.label(
                    "Its columns are not a layout Swimline knows. Say which holds what; the \
                     choice is remembered for tables with these columns.",
                );
                egui::ScrollArea::horizontal()
                    .id_salt("mapping-preview")
                    .max_height(190.0)
                    .show(ui, |ui| {
                        egui::Grid::new("mapping-rows")
                            .striped(true)
                            .show(ui, |ui| {
                                for h in &form.header {
                                    ui.strong(h);
                                }
                                ui.end_row();
                                for row in &form.rows {
                                    for cell in row.iter().take(form.header.len().max(1)) {
                                        let short: String = cell.chars().take(40).collect();
                                        ui.label(short);
                                    }
                                    ui.end_row();
                                }
                            });
                    });
                ui.separator();
                let header = form.header.clone();
                let m = &mut form.mapping;
                egui::Grid::new("mapping-roles")
                    .num_columns(2)
                    .show(ui, |ui| {
                        column_choice(ui, "Title", &header, &mut m.title, false);
                        ui.end_row();
                        column_choice(ui, "Start", &header, &mut m.start, false);
                        ui.end_row();
                        for (label, slot) in [
                            ("End", &mut m.end),
                            ("Kind", &mut m.kind),
                            ("Description", &mut m.description),
                            ("Source", &mut m.source),
                        ] {
                            let mut value = slot.clone().unwrap_or_default();
                            column_choice(ui, label, &header, &mut value, true);
                            *slot = (!value.is_empty()).then_some(value);
                            ui.end_row();
                        }
                        ui.label("Lanes");
                        ui.horizontal_wrapped(|ui| {
                            for h in &header {
                                let mut on = m.lanes.contains(h);
                                if ui.checkbox(&mut on, h).changed() {
                                    if on {
                                        m.lanes.push(h.clone());
                                    } else {
                                        m.lanes.retain(|l| l != h);
                                    }
                                }
                            }
                        });
                        ui.end_row();
                        ui.label("Dates");
                        ui.vertical(|ui| {
                            for order in DateOrder::ALL {
                                ui.radio_value(&mut m.dates, order, order.words());
                            }
                        });
                        ui.end_row();
                        let label = ui.label("Time zone");
                        ui.horizontal(|ui| {
                            ui.add(
                                egui::TextEdit::singleline(&mut form.zone_text)
                                    .hint_text("UTC")
                                    .desired_width(160.0),
                            )
                            .labelled_by(label.id);
                            ui.weak(
                                "of times of day written without an offset (Europe/Kyiv); \
                                 dates alone stay their calendar day",
                            );
                        });
                        ui.end_row();
                    });
                ui.separator();
                ui.horizontal(|ui| {
                    match form.checked() {
                        Ok(mapping) => {
                            if ui.button("Open with these columns").clicked() {
                                commands.push(Command::OpenMapped {
                                    path: form.path.clone(),
                                    mapping: mapping.clone(),
                                    header: form.header.clone(),
                                });
                            }
                            ui.weak(format!("on the command line: --map {mapping}"));
                        }
                        Err(why) => {
                            ui.add_enabled(false, egui::Button::new("Open with these columns"));
                            ui.colored_label(ui.visuals().warn_fg_color, why);
                        }
                    }
                    if ui.button("Cancel").clicked() {
                        commands.push(Command::CloseMapping);
                    }
                });
            });
        if !open {
            commands.push(Command::CloseMapping);
        }
    }
}
