//! The overview strip under the timeline: the whole dataset's extent with a histogram of event
//! starts (an `egui_plot` line, cheap at any size: it has a fixed number of points), and the
//! visible range as a window on it. Click or drag in the strip to move the view there.

use egui::Ui;
use egui_plot::{Line, Plot, PlotPoints, Polygon};

use crate::layout::TimeView;
pub use crate::layout::histogram::Overview;
use crate::ui::command::Command;

/// Height of the strip, in points.
pub const OVERVIEW_HEIGHT: f32 = 64.0;

/// Draws the strip and pushes a new view when the user clicks or drags in it.
pub fn overview_ui(ui: &mut Ui, overview: &Overview, view: TimeView, commands: &mut Vec<Command>) {
    if overview.points.is_empty() {
        return;
    }
    let (a, b) = overview.extent;
    let top = overview.points.iter().map(|p| p[1]).fold(1.0, f64::max);
    let accent = ui.visuals().selection.bg_fill;
    let histogram = Line::new("events", PlotPoints::from(overview.points.clone()))
        .color(ui.visuals().weak_text_color());
    let (v0, v1) = (
        view.start_secs.max(a - (b - a)),
        view.end_secs().min(b + (b - a)),
    );
    let window = Polygon::new(
        "view",
        PlotPoints::from(vec![[v0, 0.0], [v1, 0.0], [v1, top], [v0, top]]),
    )
    .fill_color(accent.gamma_multiply(0.35))
    .stroke(egui::Stroke::new(1.5, accent));
    // The plot remembers its bounds by its id: a new extent (another file) is a new plot, or
    // it keeps the bounds of the first dataset it showed (seen under Xvfb: an empty strip).
    let response = Plot::new(("overview", a.to_bits(), b.to_bits()))
        .height(OVERVIEW_HEIGHT)
        .show_axes([false, false])
        .show_grid([false, false])
        .allow_drag(false)
        .allow_zoom(false)
        .allow_scroll(false)
        .allow_boxed_zoom(false)
        .allow_double_click_reset(false)
        .show_x(false)
        .show_y(false)
        .default_x_bounds(a, b)
        .include_y(0.0)
        .include_y(top)
        .show(ui, |plot_ui| {
            plot_ui.line(histogram);
            plot_ui.polygon(window);
            let pointer = plot_ui.pointer_coordinate()?;
            let r = plot_ui.response();
            // Which edge of the window a drag holds, kept from the press to the release.
            let edge_id = r.id.with("edge");
            let transform = plot_ui.transform();
            let edge_at = |x: f32| {
                let near =
                    |secs: f64| (transform.position_from_point_x(secs) - x).abs() <= EDGE_GRAB_PX;
                if near(v0) {
                    Some(Edge::Start)
                } else if near(v1) {
                    Some(Edge::End)
                } else {
                    None
                }
            };
            if r.hover_pos().and_then(|p| edge_at(p.x)).is_some() {
                plot_ui
                    .ctx()
                    .set_cursor_icon(egui::CursorIcon::ResizeHorizontal);
            }
            let ctx = plot_ui.ctx().clone();
            if r.drag_started() {
                // Where the press began: a drag starts only once the pointer has moved.
                let pressed_at = ctx.input(|i| i.pointer.press_origin());
                let edge = pressed_at.and_then(|p| edge_at(p.x));
                ctx.data_mut(|d| d.insert_temp(edge_id, edge));
            }
            let held: Option<Edge> = ctx.data(|d| d.get_temp(edge_id)).flatten();
            if r.drag_stopped() {
                ctx.data_mut(|d| d.remove::<Option<Edge>>(edge_id));
            }
            match held {
                Some(edge) if r.dragged() => Some(Move::Edge(edge, pointer.x)),
                _ => (r.clicked() || r.dragged()).then_some(Move::Centre(pointer.x)),
            }
        });
    match response.inner {
        Some(Move::Centre(x)) => {
            let centre = view.start_secs + view.span_secs / 2.0;
            commands.push(Command::SetView(view.panned(x - centre)));
        }
        Some(Move::Edge(edge, x)) => commands.push(Command::SetView(with_edge(view, edge, x))),
        None => {}
    }
    response.response.widget_info(|| {
        egui::WidgetInfo::labeled(egui::Role::Image, true, "Overview of the whole dataset")
    });
}

/// How close to an edge of the view window (points) a press grabs the edge.
const EDGE_GRAB_PX: f32 = 5.0;

/// An edge of the view window in the overview.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Edge {
    Start,
    End,
}

/// What a press in the overview does.
enum Move {
    /// Centre the view here (a click, or dragging the window).
    Centre(f64),
    /// Move one edge of the view here, keeping the other (zoom).
    Edge(Edge, f64),
}

/// `view` with `edge` moved to `secs`, the other edge kept; never narrower than the least span.
fn with_edge(view: TimeView, edge: Edge, secs: f64) -> TimeView {
    let min = crate::layout::view::MIN_SPAN_SECS;
    let (start, end) = match edge {
        Edge::Start => (secs.min(view.end_secs() - min), view.end_secs()),
        Edge::End => (view.start_secs, secs.max(view.start_secs + min)),
    };
    TimeView {
        start_secs: start,
        span_secs: (end - start).clamp(min, crate::layout::view::MAX_SPAN_SECS),
    }
}

#[cfg(test)]
mod tests {
    use super::{Edge, with_edge};
    use crate::layout::TimeView;

    #[test]
    fn dragging_an_edge_moves_only_that_edge() {
        let view = TimeView {
            start_secs: 1000.0,
            span_secs: 5000.0,
        };
        let wider = with_edge(view, Edge::Start, 0.0);
        assert_eq!((wider.start_secs, wider.end_secs()), (0.0, 6000.0));
        let narrower = with_edge(view, Edge::End, 3000.0);
        assert_eq!((narrower.start_secs, narrower.end_secs()), (1000.0, 3000.0));
        // Past the other edge: the view keeps the least span instead of turning over.
        let crossed = with_edge(view, Edge::End, 0.0);
        assert_eq!(crossed.start_secs, 1000.0);
        assert!(crossed.span_secs >= crate::layout::view::MIN_SPAN_SECS);
    }
}
