//! The list a click on a "+N more" pile or a fold opens: each event it holds, one row each
//! (title, time as written, kind), to select from. It is how events the timeline has no room
//! to draw one by one stay reachable at any zoom. Reads the dataset, pushes
//! [`Command::Select`]; the only state it keeps is its own (which list is open, and where).

use egui::{Id, Pos2, RichText, Ui};

use crate::export::theme;
use crate::model::Dataset;
use crate::ui::command::Command;

/// Rows shown before the list scrolls, in points of height.
const LIST_MAX_HEIGHT: f32 = 320.0;

/// Width of the list, in points.
const LIST_WIDTH: f32 = 420.0;

/// An open list of the events of a pile or a fold.
#[derive(Clone, Debug, PartialEq)]
pub struct PileList {
    /// What it lists, in words ("54 more events in RUSSIA, …").
    pub heading: String,
    /// The events, in time order.
    pub events: Vec<usize>,
    /// Where it was opened (the click), in points.
    pub at: Pos2,
}

impl PileList {
    /// A list of `events` under `heading`, opened at `at`.
    pub fn new(heading: String, events: Vec<usize>, at: Pos2) -> Self {
        Self {
            heading,
            events,
            at,
        }
    }
}

/// Draws the open list, if any; closes it on Esc, on its close button, or on a click elsewhere
/// (`is_new`: it was opened by this frame's click, which does not close it).
pub fn pile_list_ui(
    ui: &mut Ui,
    dataset: &Dataset,
    selected: Option<usize>,
    list: &mut Option<PileList>,
    is_new: bool,
    commands: &mut Vec<Command>,
) {
    let Some(open) = list.as_ref() else {
        return;
    };
    let screen = ui.ctx().content_rect();
    let at = egui::pos2(
        open.at
            .x
            .min(screen.right() - LIST_WIDTH - 16.0)
            .max(screen.left()),
        open.at
            .y
            .min(screen.bottom() - LIST_MAX_HEIGHT - 80.0)
            .max(screen.top()),
    );
    let mut is_closing = ui.input(|i| i.key_pressed(egui::Key::Escape));
    let area = egui::Area::new(Id::unique("swimline-pile-list"))
        .order(egui::Order::Foreground)
        .fixed_pos(at)
        .show(ui.ctx(), |ui| {
            egui::Frame::popup(ui.style()).show(ui, |ui| {
                ui.set_width(LIST_WIDTH);
                ui.horizontal(|ui| {
                    ui.strong(&open.heading);
                    ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                        if ui
                            .small_button("Close")
                            .on_hover_text("Close the list")
                            .clicked()
                        {
                            is_closing = true;
                        }
                    });
                });
                ui.weak("Click one to select it.");
                ui.separator();
                egui::ScrollArea::vertical()
                    .max_height(LIST_MAX_HEIGHT)
                    .show(ui, |ui| {
                        for &e in &open.events {
                            let event = dataset.events.at(e);
                            let is_selected = selected == Some(e);
                            let row = ui.selectable_label(is_selected, event.title());
                            if row.clicked() {
                                commands.push(Command::Select(Some(e)));
                            }
                            ui.horizontal(|ui| {
                                ui.add_space(8.0);
                                ui.weak(event.time().to_string());
                                let color = theme::kind_color(event.kind(), ui.visuals());
                                ui.label(RichText::new(event.kind().name()).color(color).small());
                            });
                        }
                    });
            });
        });
    if area.response.clicked_elsewhere() && !is_new {
        is_closing = true;
    }
    if is_closing {
        *list = None;
    }
}
