//! The details panel's part that is yours: the star, your tags (with completion from the tags
//! you used), your note, notes on the event's lanes, your links, editing your own event, and
//! "around this event". Reads the notes, pushes commands; the only state it keeps is a text
//! field's draft while it has the keyboard.

use egui::{RichText, Ui};

use super::around::AROUND_SPANS;
use super::context::{DetailsInput, section_ui};
use crate::model::Event;
use crate::notes::EventNote;
use crate::ui::command::Command;

/// The star: `☆ Star` / `★ Starred`.
pub fn star_button_ui(ui: &mut Ui, input: &DetailsInput<'_>, commands: &mut Vec<Command>) {
    let starred = input.notes.marks_of(input.selected).starred;
    // The star itself is drawn (egui's fonts have no star glyph): gold when starred, hollow
    // (in the text colour) when not.
    let (rect, _) = ui.allocate_exact_size(egui::vec2(16.0, 16.0), egui::Sense::hover());
    let c = rect.center();
    if starred {
        crate::ui::paint::paint_badge(
            ui.painter(),
            crate::layout::scene::BadgeKind::Star,
            c,
            ui.visuals(),
        );
    } else {
        let points =
            crate::layout::scene::star_points(crate::layout::scene::Pt { x: c.x, y: c.y }, 6.0)
                .map(|p| egui::pos2(p.x, p.y));
        ui.painter().add(egui::Shape::closed_line(
            points.to_vec(),
            egui::Stroke::new(1.2, ui.visuals().text_color()),
        ));
    }
    let text = if starred { "Starred" } else { "Star" };
    let button = ui
        .add(egui::Button::new(text).selected(starred))
        .on_hover_text("Star the event: it matters (S). Starred events go into the brief.");
    if button.clicked() {
        commands.push(Command::ToggleStar(input.selected));
    }
}

/// A multi-line text field that shows `current` and pushes `make(text)` as it is typed; while
/// it has the keyboard it keeps what is typed, else it follows the notes (undo, a merge).
fn synced_text_ui(
    ui: &mut Ui,
    id: egui::Id,
    current: &str,
    hint: &str,
    label: egui::Id,
    commands: &mut Vec<Command>,
    make: impl FnOnce(String) -> Command,
) {
    let mut text = ui
        .data_mut(|d| d.get_temp::<String>(id))
        .unwrap_or_else(|| current.to_owned());
    let response = ui
        .add(
            egui::TextEdit::multiline(&mut text)
                .id(id.with("edit"))
                .hint_text(hint)
                .desired_rows(3)
                .desired_width(f32::INFINITY),
        )
        .labelled_by(label);
    if response.changed() {
        commands.push(make(text.clone()));
    } else if !response.has_focus() {
        current.clone_into(&mut text);
    }
    ui.data_mut(|d| d.insert_temp(id, text));
}

/// Your tags, note, lane notes, links and the span around the event.
pub fn your_notes_ui(ui: &mut Ui, input: &DetailsInput<'_>, commands: &mut Vec<Command>) {
    let selected = input.selected;
    let event = input.dataset.events.at(selected);
    let note = input
        .notes
        .notes
        .events
        .get(event.id())
        .cloned()
        .unwrap_or_default();
    section_ui(ui, "Yours");
    if input.notes.is_own(selected) {
        own_event_ui(ui, selected, event, commands);
    }
    your_tags_ui(ui, input, event, &note, commands);
    your_note_ui(ui, selected, event, &note, commands);
    lane_notes_ui(ui, input, event, commands);
    your_links_ui(ui, input, event, commands);
    around_ui(ui, selected, commands);
}

/// "Added by you", with Edit… and Delete: an event of your own.
fn own_event_ui(ui: &mut Ui, selected: usize, event: Event<'_>, commands: &mut Vec<Command>) {
    ui.horizontal(|ui| {
        ui.label(
            RichText::new("Added by you")
                .color(crate::export::theme::own_color(ui.visuals()))
                .strong(),
        );
        if ui.button("Edit…").clicked() {
            commands.push(Command::EditOwnEvent(selected));
        }
        if ui
            .button("Delete")
            .on_hover_text(format!(
                "{} brings it back",
                crate::ui::actions::Action::Undo.key_text()
            ))
            .clicked()
        {
            commands.push(Command::DeleteOwnEvent(event.id().to_owned()));
        }
    });
}

/// Your tags, each with a cross; a field to add one, with the tags you used before.
fn your_tags_ui(
    ui: &mut Ui,
    input: &DetailsInput<'_>,
    event: Event<'_>,
    note: &EventNote,
    commands: &mut Vec<Command>,
) {
    let selected = input.selected;
    ui.horizontal_wrapped(|ui| {
        ui.weak("Your tags:");
        for tag in &note.tags {
            if ui
                .small_button(format!("{tag} ×"))
                .on_hover_text("Take this tag off")
                .clicked()
            {
                commands.push(Command::SetYourTag {
                    event: selected,
                    tag: tag.clone(),
                    add: false,
                });
            }
        }
    });
    let tag_id = ui.make_persistent_id(("your-tag", event.id()));
    let mut typed = ui
        .data_mut(|d| d.get_temp::<String>(tag_id))
        .unwrap_or_default();
    ui.horizontal(|ui| {
        let label = ui.label("Add a tag");
        let field = ui
            .add(
                egui::TextEdit::singleline(&mut typed)
                    .hint_text("e.g. key, to check")
                    .desired_width(140.0),
            )
            .labelled_by(label.id);
        if field.lost_focus()
            && ui.input(|i| i.key_pressed(egui::Key::Enter))
            && !typed.trim().is_empty()
        {
            commands.push(Command::SetYourTag {
                event: selected,
                tag: typed.trim().to_owned(),
                add: true,
            });
            typed.clear();
        }
    });
    let wanted = typed.trim().to_lowercase();
    let suggestions: Vec<String> = input
        .notes
        .notes
        .tags_used()
        .into_iter()
        .map(|(t, _)| t)
        .filter(|t| !note.tags.contains(t) && t.to_lowercase().starts_with(&wanted))
        .take(6)
        .collect();
    if !suggestions.is_empty() {
        ui.horizontal_wrapped(|ui| {
            ui.weak("used:");
            for tag in suggestions {
                if ui
                    .small_button(&tag)
                    .on_hover_text("Add this tag")
                    .clicked()
                {
                    commands.push(Command::SetYourTag {
                        event: selected,
                        tag,
                        add: true,
                    });
                    typed.clear();
                }
            }
        });
    }
    ui.data_mut(|d| d.insert_temp(tag_id, typed));
}

/// Your note, with a warning and "Tidied up" when it was edited in two places at once.
fn your_note_ui(
    ui: &mut Ui,
    selected: usize,
    event: Event<'_>,
    note: &EventNote,
    commands: &mut Vec<Command>,
) {
    let label = ui.label("Your note");
    if note.conflict {
        ui.horizontal_wrapped(|ui| {
            ui.colored_label(
                ui.visuals().warn_fg_color,
                "Edited in two places at once: both texts are kept below.",
            );
            if ui.small_button("Tidied up").clicked() {
                commands.push(Command::ResolveConflict(selected));
            }
        });
    }
    synced_text_ui(
        ui,
        ui.make_persistent_id(("note", event.id())),
        &note.note,
        "What you make of it (kept beside the data, never in it)",
        label.id,
        commands,
        |text| Command::SetNote {
            event: selected,
            text,
        },
    );
}

/// A note on each of the event's lanes, folded under its lane's name.
fn lane_notes_ui(
    ui: &mut Ui,
    input: &DetailsInput<'_>,
    event: Event<'_>,
    commands: &mut Vec<Command>,
) {
    for &a in event.actors() {
        let actor = &input.dataset.actors[a as usize];
        let current = input
            .notes
            .notes
            .lanes
            .get(&actor.id)
            .map(|l| l.note.clone())
            .unwrap_or_default();
        let title = if current.trim().is_empty() {
            format!("Note on the lane {}", actor.name)
        } else {
            format!("Note on the lane {} (has a note)", actor.name)
        };
        egui::CollapsingHeader::new(title)
            .id_salt(("lane-note", &actor.id))
            .show(ui, |ui| {
                let label = ui.weak("Who the actor is, what to watch for");
                synced_text_ui(
                    ui,
                    ui.make_persistent_id(("lane-note", &actor.id)),
                    &current,
                    "",
                    label.id,
                    commands,
                    |text| Command::SetLaneNote {
                        actor: a as usize,
                        text,
                    },
                );
            });
    }
}

/// "Link to another event…", then your own links of the event, each with Remove.
fn your_links_ui(
    ui: &mut Ui,
    input: &DetailsInput<'_>,
    event: Event<'_>,
    commands: &mut Vec<Command>,
) {
    let dataset = input.dataset;
    ui.horizontal_wrapped(|ui| {
        if ui
            .button("Link to another event…")
            .on_hover_text("Your own link: this event denies, supports, responds to … another")
            .clicked()
        {
            commands.push(Command::NewLink(input.selected));
        }
    });
    for (id, link) in input
        .notes
        .notes
        .own_links
        .iter()
        .filter(|(_, l)| l.from == event.id() || l.to == event.id())
    {
        ui.horizontal_wrapped(|ui| {
            let (verb, other) = if link.from == event.id() {
                (link.kind.verb(), &link.to)
            } else {
                (link.kind.inverse_verb(), &link.from)
            };
            let title = dataset.event_by_id(other).map_or_else(
                || format!("{other} (no longer in the file)"),
                |i| dataset.events.at(i).title().to_owned(),
            );
            ui.weak(format!("you: {verb}"));
            let shown = ui.label(format!("“{title}”"));
            if !link.note.is_empty() {
                shown.on_hover_text(&link.note);
            }
            if ui.small_button("Remove").clicked() {
                commands.push(Command::DeleteOwnLink(id.clone()));
            }
        });
    }
}

/// Around this event: a button for each of [`AROUND_SPANS`], and a custom span in days.
fn around_ui(ui: &mut Ui, selected: usize, commands: &mut Vec<Command>) {
    ui.horizontal_wrapped(|ui| {
        ui.weak("Around it, in all lanes:");
        for (words, secs) in AROUND_SPANS {
            if ui
                .small_button(format!("±{words}"))
                .on_hover_text(format!("Show only what lies within {words} of it"))
                .clicked()
            {
                commands.push(Command::AroundEvent {
                    event: selected,
                    span_secs: secs,
                });
            }
        }
        let days_id = ui.make_persistent_id("around-days");
        let mut days: u32 = ui.data_mut(|d| d.get_temp(days_id)).unwrap_or(90);
        ui.add(
            egui::DragValue::new(&mut days)
                .range(1..=36_500)
                .suffix(" days"),
        );
        if ui.small_button("±custom").clicked() {
            commands.push(Command::AroundEvent {
                event: selected,
                span_secs: i64::from(days) * 86_400,
            });
        }
        ui.data_mut(|d| d.insert_temp(days_id, days));
    });
}
