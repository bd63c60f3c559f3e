//! The windows of your notes: the form for an event of your own, the form for a link of your
//! own, the list of notes on events no longer in the file, and the banner of "around this
//! event". They edit their form (widget memory) and push commands. The date field every form
//! shares is [`date_field`].

pub(super) mod date_field;

use egui::RichText;

use super::SwimlineApp;
use crate::model::{EventKind, LinkKind};
use crate::ui::command::Command;

/// The link kinds, in the order the form offers them.
const LINK_KINDS: [LinkKind; 5] = [
    LinkKind::Denies,
    LinkKind::Supports,
    LinkKind::RespondsTo,
    LinkKind::Causes,
    LinkKind::CoincidesWith,
];

/// "Around “X”: ±1 week · Back to everything", above the timeline.
pub(super) fn around_banner_ui(ui: &mut egui::Ui, words: &str, commands: &mut Vec<Command>) {
    egui::Frame::new()
        .fill(ui.visuals().faint_bg_color)
        .inner_margin(egui::Margin::symmetric(8, 4))
        .show(ui, |ui| {
            ui.horizontal(|ui| {
                ui.label(RichText::new(format!("Showing {words}")).strong());
                if ui.button("Back to everything").clicked() {
                    commands.push(Command::LeaveAround);
                }
            });
        });
}

/// The When rows of the event form: the field and its calendar, then the day-order switch, what
/// was understood (or what was expected), and the calendar's grid while it is open.
fn when_field_ui(
    ui: &mut egui::Ui,
    form: &mut crate::ui::state::forms::EventForm,
    dataset: &crate::model::Dataset,
) {
    let l = ui.label("When");
    ui.horizontal(|ui| {
        ui.add(
            egui::TextEdit::singleline(&mut form.event.time)
                .hint_text("10 Jan 2018, 2018-03, 2017-12~, 2016/2018")
                .desired_width(240.0),
        )
        .labelled_by(l.id)
        .on_hover_text(
            "A date as you write it (10 Jan 2018, January 2018, 10/01/2018), or as in the \
             data files: EDTF dates (2018, 2018-03, 2018-03-04), ~ for about, ? for \
             uncertain, A/B for a stretch of time, [..2018-03] for at or before, and \
             @{event-id}+P2D for two days after another event",
        );
        date_field::calendar_button_ui(ui, "event-form-when");
    });
    ui.end_row();
    ui.label("");
    ui.vertical(|ui| {
        form.day_order = date_field::day_order_ui(ui);
        let understood =
            crate::ui::state::forms::understood_time(dataset, &form.event.time, form.day_order);
        date_field::understood_ui(ui, &form.event.time, &understood);
        let typed =
            crate::model::date::read_typed_date(form.event.time.trim(), form.day_order).ok();
        date_field::calendar_ui(ui, "event-form-when", &mut form.event.time, typed.as_ref());
    });
    ui.end_row();
}

impl SwimlineApp {
    /// The form for an event of your own (Event ▸ New…, a double-click on a lane, Edit…).
    pub(super) fn event_form_ui(&mut self, ctx: &egui::Context, commands: &mut Vec<Command>) {
        let Some(form) = self.windows.event_form.as_mut() else {
            return;
        };
        let dataset = &self.doc.loaded.dataset;
        let mut open = true;
        let heading = if form.id.is_some() {
            "Edit your event"
        } else {
            "New event of your own"
        };
        egui::Window::new(heading)
            .id(egui::Id::unique("event-form"))
            .open(&mut open)
            .collapsible(false)
            .default_width(460.0)
            .show(ctx, |ui| {
                egui::Grid::new("event-form-grid")
                    .num_columns(2)
                    .spacing([8.0, 6.0])
                    .show(ui, |ui| {
                        let l = ui.label("Title");
                        ui.add(
                            egui::TextEdit::singleline(&mut form.event.title)
                                .hint_text("What happened, in one line")
                                .desired_width(320.0),
                        )
                        .labelled_by(l.id);
                        ui.end_row();
                        when_field_ui(ui, form, dataset);
                        ui.label("Kind");
                        ui.horizontal(|ui| {
                            for kind in EventKind::ALL {
                                ui.radio_value(&mut form.event.kind, kind, kind.name());
                            }
                        });
                        ui.end_row();
                        ui.label("Lanes");
                        ui.vertical(|ui| {
                            egui::ScrollArea::vertical()
                                .max_height(120.0)
                                .show(ui, |ui| {
                                    ui.horizontal_wrapped(|ui| {
                                        for actor in &dataset.actors {
                                            let mut on = form.event.lanes.contains(&actor.id);
                                            if ui.checkbox(&mut on, &actor.name).changed() {
                                                if on {
                                                    form.event.lanes.push(actor.id.clone());
                                                } else {
                                                    form.event.lanes.retain(|l| *l != actor.id);
                                                }
                                            }
                                        }
                                    });
                                });
                            ui.horizontal(|ui| {
                                let l = ui.label("or a new lane:");
                                ui.add(
                                    egui::TextEdit::singleline(&mut form.new_lane)
                                        .desired_width(160.0),
                                )
                                .labelled_by(l.id);
                            });
                        });
                        ui.end_row();
                        for (name, field, hint) in [
                            ("Source", &mut form.event.source, "Who said it"),
                            ("Quote", &mut form.event.quote, "The sentence it rests on"),
                            ("Link", &mut form.event.url, "https://…"),
                        ] {
                            let l = ui.label(name);
                            ui.add(
                                egui::TextEdit::singleline(field)
                                    .hint_text(hint)
                                    .desired_width(320.0),
                            )
                            .labelled_by(l.id);
                            ui.end_row();
                        }
                        let l = ui.label("Description");
                        ui.add(
                            egui::TextEdit::multiline(&mut form.event.description)
                                .desired_rows(3)
                                .desired_width(320.0),
                        )
                        .labelled_by(l.id);
                        ui.end_row();
                    });
                // Once a save was refused, the reason follows the fields: it changes as they are
                // edited and goes as soon as they are right.
                if form.error.is_some() {
                    form.error = form.checked(dataset).err();
                }
                if let Some(error) = &form.error {
                    ui.colored_label(ui.visuals().error_fg_color, error);
                }
                ui.separator();
                ui.horizontal(|ui| {
                    if ui.button("Save event").clicked() {
                        match form.checked(dataset) {
                            Ok(event) => commands.push(Command::SaveOwnEvent {
                                id: form.id.clone(),
                                event,
                            }),
                            Err(e) => form.error = Some(e),
                        }
                    }
                    if ui.button("Cancel").clicked() {
                        commands.push(Command::CloseEventForm);
                    }
                    ui.weak("Kept in your notes beside the data, drawn with a dashed outline.");
                });
            });
        if !open {
            commands.push(Command::CloseEventForm);
        }
    }

    /// The form for a link of your own from the selected event to another.
    pub(super) fn link_form_ui(&mut self, ctx: &egui::Context, commands: &mut Vec<Command>) {
        let Some(form) = self.windows.link_form.as_mut() else {
            return;
        };
        let dataset = &self.doc.loaded.dataset;
        let mut open = true;
        egui::Window::new("Link of your own")
            .id(egui::Id::unique("link-form"))
            .open(&mut open)
            .collapsible(false)
            .default_width(460.0)
            .show(ctx, |ui| {
                let from = dataset.events.get(form.from).map_or("", |e| e.title());
                ui.label(RichText::new(format!("“{from}”")).strong());
                ui.horizontal_wrapped(|ui| {
                    for kind in LINK_KINDS {
                        ui.radio_value(&mut form.kind, kind, kind.verb());
                    }
                });
                let to = form.to.and_then(|t| dataset.events.get(t));
                ui.label(match to {
                    Some(e) => format!("to: “{}”", e.title()),
                    None => "to: pick the event below".to_owned(),
                });
                let l = ui.label("Find the event");
                ui.add(
                    egui::TextEdit::singleline(&mut form.query)
                        .hint_text("words of its title")
                        .desired_width(f32::INFINITY),
                )
                .labelled_by(l.id);
                let needle = crate::model::search::fold(form.query.trim());
                egui::ScrollArea::vertical()
                    .max_height(180.0)
                    .show(ui, |ui| {
                        let mut shown = 0;
                        for e in dataset.events.iter() {
                            if e.index() == form.from
                                || (!needle.is_empty()
                                    && !crate::model::search::matches(e, &needle))
                            {
                                continue;
                            }
                            let text = format!("{} — {}", e.title(), e.when().describe());
                            if ui
                                .selectable_label(form.to == Some(e.index()), text)
                                .clicked()
                            {
                                form.to = Some(e.index());
                            }
                            shown += 1;
                            if shown >= 60 {
                                ui.weak("… type more of the title to narrow the list");
                                break;
                            }
                        }
                    });
                let l = ui.label("Why (your note on the link)");
                ui.add(
                    egui::TextEdit::multiline(&mut form.note)
                        .desired_rows(2)
                        .desired_width(f32::INFINITY),
                )
                .labelled_by(l.id);
                ui.separator();
                ui.horizontal(|ui| {
                    if ui.button("Save link").clicked() {
                        match form.checked(dataset) {
                            Ok(link) => commands.push(Command::SaveOwnLink(link)),
                            Err(e) => {
                                form.query.clear();
                                commands.push(Command::CloseLinkForm);
                                self.shell.status = e;
                            }
                        }
                    }
                    if ui.button("Cancel").clicked() {
                        commands.push(Command::CloseLinkForm);
                    }
                });
            });
        if !open {
            commands.push(Command::CloseLinkForm);
        }
    }

    /// Notes whose event the data file no longer has, and your events that cannot be drawn.
    pub(super) fn orphans_ui(&self, ctx: &egui::Context, commands: &mut Vec<Command>) {
        if !self.windows.show_orphans {
            return;
        }
        let mut open = true;
        egui::Window::new("Notes on events no longer in the file")
            .id(egui::Id::unique("orphans"))
            .open(&mut open)
            .default_width(520.0)
            .show(ctx, |ui| {
                if self.doc.notes.orphaned.is_empty() && self.doc.notes.problems.is_empty() {
                    ui.label("Every note is on an event the file has.");
                }
                if !self.doc.notes.orphaned.is_empty() {
                    ui.label(
                        "The data file changed: these events are gone, but your notes on them \
                         are kept in the notes file (they come back if the event does).",
                    );
                }
                egui::ScrollArea::vertical().show(ui, |ui| {
                    for id in &self.doc.notes.orphaned {
                        let note = self
                            .doc
                            .notes
                            .notes
                            .events
                            .get(id)
                            .cloned()
                            .unwrap_or_default();
                        ui.separator();
                        ui.label(RichText::new(id).monospace().strong());
                        if note.starred {
                            ui.label("starred");
                        }
                        if !note.tags.is_empty() {
                            ui.label(format!("Your tags: {}", note.tags.join(", ")));
                        }
                        if !note.note.is_empty() {
                            ui.label(&note.note);
                        }
                    }
                    for (id, why) in &self.doc.notes.problems {
                        ui.separator();
                        ui.label(RichText::new(id).monospace().strong());
                        ui.label(format!("Yours, kept but not drawn: {why}"));
                    }
                });
            });
        if !open {
            commands.push(Command::ToggleOrphans);
        }
    }
}

impl SwimlineApp {
    /// File ▸ Open database…: a source string, with the recent ones a click away.
    pub(super) fn source_form_ui(&mut self, ctx: &egui::Context, commands: &mut Vec<Command>) {
        let Some(text) = self.windows.source_form.as_mut() else {
            return;
        };
        let mut open = true;
        egui::Window::new("Open database")
            .id(egui::Id::unique("open_database"))
            .open(&mut open)
            .default_width(560.0)
            .collapsible(false)
            .show(ctx, |ui| {
                ui.label(
                    "A table in Swimline's layout (id, title, start_time, lane …; see \
                     docs/sources.md). Only the time in view is asked for.",
                );
                ui.add_space(4.0);
                let field = ui.add(
                    egui::TextEdit::singleline(text)
                        .hint_text("duckdb:events.parquet  or  postgresql://user@host:5432/db?table=events")
                        .desired_width(f32::INFINITY),
                );
                let entered = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
                ui.weak(
                    "duckdb:PATH opens a Parquet or CSV file or glob; duckdb:FILE.duckdb?table=NAME \
                     a table of a database file. A PostgreSQL password is never typed here: \
                     set PGPASSWORD or ~/.pgpass.",
                );
                if !self.saved.persisted.recent_sources.is_empty() {
                    ui.separator();
                    ui.label("Recent");
                    for recent in &self.saved.persisted.recent_sources {
                        if ui.button(recent).clicked() {
                            commands.push(Command::OpenSource(recent.clone()));
                        }
                    }
                }
                ui.separator();
                ui.horizontal(|ui| {
                    let ok = crate::source::SourceSpec::parse(text);
                    if ui.add_enabled(ok.is_ok(), egui::Button::new("Open")).clicked() || (entered && ok.is_ok()) {
                        commands.push(Command::OpenSource(text.clone()));
                    }
                    if ui.button("Cancel").clicked() {
                        commands.push(Command::CloseDatabaseDialog);
                    }
                    if let Err(e) = ok
                        && !text.trim().is_empty()
                    {
                        ui.colored_label(ui.visuals().warn_fg_color, e.0);
                    }
                });
            });
        if !open {
            commands.push(Command::CloseDatabaseDialog);
        }
    }
}
