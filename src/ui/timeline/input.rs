//! The timeline's own input: drag to pan (and scroll the lanes), wheel to zoom around the
//! pointer, Shift+wheel to pan, Alt+wheel to scroll, pinch, and a click on the background to
//! clear the selection. Pushes commands; changes nothing itself.

use egui::Ui;

use crate::layout::ScreenMap;
use crate::ui::command::Command;

/// Wheel zoom: the view shrinks by `exp(-WHEEL_ZOOM_PER_POINT × scroll)`.
const WHEEL_ZOOM_PER_POINT: f64 = 0.0025;

/// Pan, zoom, double-click and background click.
pub fn handle_input(
    ui: &Ui,
    response: &egui::Response,
    map: &ScreenMap,
    commands: &mut Vec<Command>,
) {
    let mut view = map.view;
    if response.dragged() {
        let delta = response.drag_delta();
        view = ScreenMap::new(view, map.left_px, map.width_px).panned_by_px(f64::from(delta.x));
        if delta.y != 0.0 {
            commands.push(Command::ScrollLanes(-delta.y));
        }
    }
    if response.hovered() {
        let (scroll, zoom, modifiers, pointer) = ui.input(|i| {
            (
                i.smooth_scroll_delta,
                i.zoom_delta(),
                i.modifiers,
                i.pointer.hover_pos(),
            )
        });
        let current = ScreenMap::new(view, map.left_px, map.width_px);
        if modifiers.shift {
            // Shift+wheel pans time (egui turns it into a horizontal scroll).
            let dx = if scroll.x != 0.0 { scroll.x } else { scroll.y };
            view = current.panned_by_px(f64::from(dx));
        } else if modifiers.alt {
            if scroll.y != 0.0 {
                commands.push(Command::ScrollLanes(-scroll.y));
            }
        } else {
            let factor = (-f64::from(scroll.y) * WHEEL_ZOOM_PER_POINT).exp() / f64::from(zoom);
            if (factor - 1.0).abs() > 1e-9 {
                let x = pointer.map_or(map.left_px + map.width_px / 2.0, |p| f64::from(p.x));
                view = current.zoomed_around(x, factor);
            }
        }
    }
    if view != map.view {
        commands.push(Command::SetView(view));
    }
    // A double-click is the timeline's (a new event on a lane, a fit on the axis).
    if response.clicked() && !response.double_clicked() {
        commands.push(Command::Select(None));
    }
}
