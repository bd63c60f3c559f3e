//! The lane headers, pinned at the left while the time pans: the lane's colour swatch, its name,
//! and for a lane in a group the group's toggle ("[-] Group" / "[+] expand Group"). Dragging a
//! header moves the lane; a line shows where it will land.

use egui::{Rect, Sense, Stroke, Ui, pos2, vec2};

use crate::export::theme::color;
use crate::layout::metrics::{LANE_HEADER_WIDTH, LANE_PADDING, ROW_HEIGHT, SWATCH_WIDTH};
use crate::layout::scene::{LaneRow, Scene};
use crate::ui::command::Command;
use crate::ui::paint::rect;

/// Draws the headers of the lanes in `scene`, and pushes lane moves and group toggles.
pub fn headers_ui(
    ui: &mut Ui,
    response: &egui::Response,
    painter: &egui::Painter,
    scene: &Scene,
    lane_note: &dyn Fn(usize) -> Option<String>,
    commands: &mut Vec<Command>,
) {
    let visuals = ui.visuals().clone();
    let lanes_rect = rect(scene.lanes_area);
    let header_painter = painter.with_clip_rect(lanes_rect);
    // The lane under a height on screen, for dropping a dragged lane.
    let lane_at_y = |y: f32| {
        scene
            .lanes
            .iter()
            .position(|r| y >= r.top && y < r.top + r.height)
    };
    let mut dragged = None;
    for (k, row) in scene.lanes.iter().enumerate() {
        let header = Rect::from_min_size(
            pos2(scene.canvas.x0, row.top),
            vec2(LANE_HEADER_WIDTH, row.height),
        );
        if !header.intersects(lanes_rect) {
            continue;
        }
        header_painter.rect_filled(header, 0.0, visuals.panel_fill);
        // Dragging a lane's header moves the lane (its name and group toggle sit on top).
        if let Some(actor) = row.actor {
            let handle = ui.interact(
                header.intersect(lanes_rect),
                response.id.with(("lane-drag", actor)),
                Sense::drag(),
            );
            if handle.hovered() {
                ui.ctx().set_cursor_icon(egui::CursorIcon::Grab);
            }
            if handle.dragged() {
                ui.ctx().set_cursor_icon(egui::CursorIcon::Grabbing);
                dragged = Some(k);
            }
            if handle.drag_stopped()
                && let Some(target) = handle
                    .interact_pointer_pos()
                    .or_else(|| ui.ctx().pointer_latest_pos())
                    .and_then(|p| lane_at_y(p.y))
                && let Some(to) = scene.lanes[target].actor
                && to != actor
            {
                commands.push(Command::MoveLane { actor, to });
            }
        }
        let swatch = Rect::from_min_size(header.min, vec2(SWATCH_WIDTH, row.height));
        header_painter.rect_filled(swatch, 0.0, color(row.color, &visuals));
        header_painter.hline(
            header.x_range(),
            header.bottom(),
            Stroke::new(1.0, visuals.widgets.noninteractive.bg_stroke.color),
        );
        let note = row.actor.and_then(lane_note);
        if note.is_some() {
            let at = pos2(header.right() - 9.0, header.top() + 9.0);
            crate::ui::paint::paint_badge(
                &header_painter,
                crate::layout::scene::BadgeKind::Note,
                at,
                &visuals,
            );
        }
        name_ui(ui, row, header, lanes_rect, note.as_deref(), commands);
    }
    // Where a dragged lane will land.
    if let Some(from) = dragged
        && let Some(target) = ui.ctx().pointer_latest_pos().and_then(|p| lane_at_y(p.y))
    {
        let row = &scene.lanes[target];
        let y = if target > from {
            row.top + row.height
        } else {
            row.top
        };
        painter.hline(
            rect(scene.canvas).x_range(),
            y,
            Stroke::new(3.0, visuals.selection.stroke.color),
        );
    }
}

/// The lane's name, and under it the group's toggle.
fn name_ui(
    ui: &mut Ui,
    row: &LaneRow,
    header: Rect,
    lanes_rect: Rect,
    note: Option<&str>,
    commands: &mut Vec<Command>,
) {
    let name_rect = Rect::from_min_max(
        pos2(header.left() + SWATCH_WIDTH + 8.0, header.top() + 2.0),
        pos2(
            header.right() - 4.0,
            (header.top() + ROW_HEIGHT + LANE_PADDING).min(header.bottom()),
        ),
    );
    if !name_rect.intersects(lanes_rect) {
        return;
    }
    let mut child = ui.new_child(
        egui::UiBuilder::new()
            .max_rect(name_rect)
            .layout(egui::Layout::left_to_right(egui::Align::Center)),
    );
    child.set_clip_rect(name_rect.intersect(lanes_rect));
    // Not selectable: a drag on the name moves the lane.
    let name = child.add(
        egui::Label::new(egui::RichText::new(crate::ui::bidi::visual_order(&row.name)).strong())
            .truncate()
            .selectable(false),
    );
    if let Some(note) = note {
        name.on_hover_text(format!("Your note on {}:\n{note}", row.name));
    }
    let Some((group, collapsed)) = &row.group else {
        return;
    };
    // The group's name collapses or expands the group.
    let text = if *collapsed {
        format!("[+] expand {group}")
    } else {
        format!("[-] {group}")
    };
    let group_rect = Rect::from_min_size(
        pos2(name_rect.left(), name_rect.bottom() + 1.0),
        vec2(name_rect.width(), 14.0),
    );
    if group_rect.bottom() < header.bottom() && group_rect.intersects(lanes_rect) {
        let mut child = ui.new_child(
            egui::UiBuilder::new()
                .max_rect(group_rect)
                .layout(egui::Layout::left_to_right(egui::Align::Center)),
        );
        child.set_clip_rect(group_rect.intersect(lanes_rect));
        let link = egui::Button::new(egui::RichText::new(text).size(10.5).weak()).frame(false);
        let hint = if *collapsed {
            "Show the group's lanes one by one"
        } else {
            "Merge the group's lanes into one"
        };
        if child.add(link).on_hover_text(hint).clicked() {
            commands.push(Command::ToggleGroup(group.clone()));
        }
    }
}
