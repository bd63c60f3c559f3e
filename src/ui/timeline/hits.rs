//! Hit areas over the scene's marks: each drawn occurrence of an event is a button with an
//! accessibility label ("Title (Lane)") and a hover card; folds, piles ("+N more") and density
//! strips say how many events they hold. Clicks select, Alt+click follows a link; a click on a
//! fold or a pile lists its events ([`super::pile_list`]).

use egui::{Sense, Ui, WidgetInfo};

use super::MAX_INTERACTIVE_ITEMS;
use super::pile_list::PileList;
use crate::export::theme;
use crate::layout::metrics::DENSITY_BIN_PX;
use crate::layout::scene::Scene;
use crate::model::{Dataset, Event};
use crate::ui::command::Command;
use crate::ui::paint::rect;

/// A density strip's hover counts the events starting this many bins either side of the
/// pointer's (± 6 points).
const HOVER_BINS: usize = 3;

/// Lays the hit areas of `scene` over the timeline `response` covers.
pub fn hits_ui(
    ui: &mut Ui,
    response: &egui::Response,
    dataset: &Dataset,
    scene: &Scene,
    commands: &mut Vec<Command>,
    list: &mut Option<PileList>,
) -> Option<DensityClick> {
    let mut density_click = None;
    let time_clip = rect(scene.time_area);
    let lane_name = |lane: usize| {
        scene
            .lanes
            .iter()
            .find(|r| r.lane == lane)
            .map_or("", |r| r.name.as_str())
    };
    for m in scene.marks.iter().take(MAX_INTERACTIVE_ITEMS) {
        let hit = rect(m.area).expand(2.0).intersect(time_clip);
        if !hit.is_positive() {
            continue;
        }
        let event = dataset.events.at(m.event);
        let label = format!("{} ({})", event.title(), lane_name(m.lane));
        let id = response.id.with(("event", m.event, m.lane));
        let item = ui.interact(hit, id, Sense::click());
        item.widget_info(|| WidgetInfo::labeled(egui::Role::Button, true, &label));
        let item = item.on_hover_ui(|ui| tooltip_ui(ui, dataset, event));
        if item.clicked() {
            // Alt+click follows a link of the event; a click selects it.
            if ui.input(|i| i.modifiers.alt) {
                commands.push(Command::FollowLink(m.event));
            } else {
                commands.push(Command::Select(Some(m.event)));
            }
        }
    }
    labels_ui(ui, response, dataset, scene, commands);
    let map = scene.map?;
    for d in &scene.densities {
        let area = rect(d.area);
        let id = response.id.with(("density", d.lane));
        let strip = ui.interact(area, id, Sense::click());
        let total: u32 = d.counts.iter().sum();
        let name = lane_name(d.lane);
        let text = format!(
            "{name}: {total} events in view, drawn as density — click to list those here, or zoom in"
        );
        strip.widget_info(|| WidgetInfo::labeled(egui::Role::Label, true, &text));
        if let Some(pointer) = strip.hover_pos() {
            let bin = (((pointer.x - area.left()) / DENSITY_BIN_PX as f32) as usize)
                .min(d.counts.len().saturating_sub(1));
            let t_bin = map.time_from_x(f64::from(area.left()) + bin as f64 * DENSITY_BIN_PX);
            // The bins a pointer covers, not the one 2-point bin under its tip (which said
            // "0 events" between two shaded bins).
            let near = bin.saturating_sub(HOVER_BINS)..(bin + HOVER_BINS + 1).min(d.counts.len());
            let count: u32 = d.counts.get(near.clone()).map_or(0, |c| c.iter().sum());
            let when = crate::model::Timestamp(t_bin as i64).civil();
            let x_of_bin = |k: usize| f64::from(area.left()) + k as f64 * DENSITY_BIN_PX;
            if strip.clicked() {
                density_click = Some(DensityClick {
                    lane: d.lane,
                    from_secs: map.time_from_x(x_of_bin(near.start)).floor() as i64,
                    to_secs: map.time_from_x(x_of_bin(near.end)).ceil() as i64,
                    at: pointer,
                });
            }
            strip.on_hover_text(format!(
                "{count} events starting near {} {} {} ({total} in view in {name}) — click to list them, or zoom in",
                when.day,
                crate::model::time::MONTH_ABBREV[usize::from(when.month - 1)],
                crate::model::time::year_label(when.year)
            ));
        }
    }
    for f in &scene.folds {
        let area = rect(f.area);
        let id = response
            .id
            .with(("fold", area.left() as i64, area.top() as i64));
        let fold = ui.interact(area.intersect(time_clip), id, Sense::click());
        let text = format!(
            "{} events in {} — click to list them, or zoom in",
            f.count,
            lane_name(f.lane)
        );
        fold.widget_info(|| WidgetInfo::labeled(egui::Role::Button, true, &text));
        let fold = fold.on_hover_text(&text);
        if fold.clicked() {
            *list = Some(PileList::new(
                format!(
                    "{} events in {}, too close to draw apart",
                    f.count,
                    lane_name(f.lane)
                ),
                scene.members_of(f.members).to_vec(),
                fold.interact_pointer_pos().unwrap_or(area.left_bottom()),
            ));
        }
    }
    for p in &scene.piles {
        let area = rect(p.area);
        let id = response.id.with(("pile", p.lane, area.left() as i64));
        let pile = ui.interact(area.intersect(time_clip), id, Sense::click());
        let label = format!(
            "{} ({})",
            crate::layout::scene::pile_text(p.count),
            lane_name(p.lane)
        );
        pile.widget_info(|| WidgetInfo::labeled(egui::Role::Button, true, &label));
        let pile = pile.on_hover_text(format!(
            "{} more events in {} here, with no row left to draw them — click to list them",
            p.count,
            lane_name(p.lane)
        ));
        if pile.clicked() {
            *list = Some(PileList::new(
                format!(
                    "{} more events in {}, with no row left to draw them",
                    p.count,
                    lane_name(p.lane)
                ),
                scene.members_of(p.members).to_vec(),
                pile.interact_pointer_pos().unwrap_or(area.left_bottom()),
            ));
        }
    }
    density_click
}

/// A click on an event's label selects the event, as a click on its mark does (Alt+click
/// follows its links); hovering it shows the event's card. Only the text is a target, not the
/// room the label may take, so the timeline behind stays draggable. The marks carry the
/// events' names for screen readers; the labels add none, so each event is named once.
fn labels_ui(
    ui: &mut Ui,
    response: &egui::Response,
    dataset: &Dataset,
    scene: &Scene,
    commands: &mut Vec<Command>,
) {
    let time_clip = rect(scene.time_area);
    for label in scene.labels.iter().take(MAX_INTERACTIVE_ITEMS) {
        let Some(event) = dataset.events.get(label.event) else {
            continue;
        };
        let room = rect(label.room);
        let width = ui
            .painter()
            .layout_no_wrap(
                label.text.clone(),
                egui::FontId::proportional(crate::layout::metrics::LABEL_FONT_SIZE),
                egui::Color32::WHITE,
            )
            .size()
            .x;
        let text = egui::Rect::from_min_max(
            room.left_top(),
            egui::pos2((room.left() + width).min(room.right()), room.bottom()),
        )
        .intersect(time_clip);
        if !text.is_positive() {
            continue;
        }
        let id = response.id.with(("label", label.event, room.top() as i64));
        let item = ui.interact(text, id, Sense::click());
        let item = item.on_hover_ui(|ui| tooltip_ui(ui, dataset, event));
        if item.clicked() {
            if ui.input(|i| i.modifiers.alt) {
                commands.push(Command::FollowLink(label.event));
            } else {
                commands.push(Command::Select(Some(label.event)));
            }
        }
    }
}

/// A click on a density strip: the lane and the time under the pointer's few points, whose
/// events the timeline lists.
#[derive(Clone, Copy, Debug)]
pub struct DensityClick {
    /// The lane.
    pub lane: usize,
    /// From this second…
    pub from_secs: i64,
    /// …to this one.
    pub to_secs: i64,
    /// Where the click was.
    pub at: egui::Pos2,
}

/// The hover card of an event.
fn tooltip_ui(ui: &mut Ui, dataset: &Dataset, event: Event<'_>) {
    ui.set_max_width(420.0);
    ui.strong(event.title());
    ui.horizontal(|ui| {
        let color = theme::kind_color(event.kind(), ui.visuals());
        ui.colored_label(color, event.kind().name());
        if let Some(by) = event.source().as_ref().and_then(|s| s.by.as_deref()) {
            ui.weak(format!("— according to {by}"));
        }
    });
    ui.label(format!("When: {}", event.when().describe()));
    ui.weak(format!("As written: {}", event.time()));
    let actors: Vec<&str> = event
        .actors()
        .iter()
        .map(|&a| dataset.actors[a as usize].name.as_str())
        .collect();
    if !actors.is_empty() {
        ui.label([dataset.lanes_word.heading(), &actors.join(", ")].join(": "));
    }
    ui.weak("Click for details");
}
