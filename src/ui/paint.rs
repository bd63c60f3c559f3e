//! Paints a [`Scene`] with egui: the scene's named colours resolved with the theme
//! ([`crate::export::theme`]), all bars in one mesh, text only where the scene gave it room. Decides
//! nothing about what is drawn or where; that is the scene's.

use egui::epaint::{CubicBezierShape, Mesh, PathStroke};
use egui::{Align2, Color32, FontId, Painter, Pos2, Rect, Shape, Stroke, Visuals, pos2, vec2};

use crate::export::theme::{self, color, contrasting_text, fill};
use crate::layout::metrics::{AXIS_HEIGHT, LABEL_FONT_SIZE, MARKER_RADIUS, TICK_FONT_SIZE};
use crate::layout::scene::{
    Area, BADGE_RADIUS, BadgeKind, Fill, Paint, Pt, Quad, Scene, TextPaint, pile_text, star_points,
};
use crate::model::EventKind;

/// A scene's box as egui's.
pub fn rect(area: Area) -> Rect {
    Rect::from_min_max(pos2(area.x0, area.y0), pos2(area.x1, area.y1))
}

/// A scene's point as egui's.
pub fn pos(p: Pt) -> Pos2 {
    pos2(p.x, p.y)
}

/// The colour of a label's text.
fn text_color(paint: TextPaint, visuals: &Visuals) -> Color32 {
    match paint {
        TextPaint::Normal => visuals.text_color(),
        TextPaint::Dimmed => visuals.weak_text_color().gamma_multiply(0.6),
        TextPaint::On(background) => contrasting_text(fill(background, visuals)),
    }
}

/// Paints the scene's lanes and marks, under the lane names and the axis: stripes, eras, grid,
/// connectors, the bars' mesh, folds, markers, links, rings and labels, in that order.
pub fn paint_marks(painter: &Painter, scene: &Scene, visuals: &Visuals) {
    let lane_painter = painter.with_clip_rect(rect(scene.lanes_area));
    // Every mark but the labels is clipped to the time area (the labels are clipped to their
    // own room in it).
    let item_painter = painter.with_clip_rect(rect(scene.time_area));
    paint_lane_stripes(&lane_painter, scene, visuals);
    paint_periods(&item_painter, scene, visuals);
    paint_grid(&item_painter, scene, visuals);
    paint_connectors(&item_painter, scene, visuals);
    paint_bars(&item_painter, scene, visuals);
    paint_folds(&item_painter, scene, visuals);
    paint_piles(&item_painter, scene, visuals);
    for m in &scene.markers {
        paint_marker(
            &item_painter,
            pos(m.center),
            m.kind,
            fill(m.fill, visuals),
            MARKER_RADIUS,
            Some(visuals.extreme_bg_color),
        );
    }
    // Labels are laid out first so the links can leave a gap where they cross a title.
    let labels = laid_out_labels(painter, scene, visuals);
    let holes: Vec<Rect> = labels.iter().map(|l| l.ink).collect();
    paint_links(&item_painter, scene, visuals, &holes);
    paint_rings(&item_painter, scene, visuals);
    for badge in &scene.badges {
        paint_badge(&item_painter, badge.kind, pos(badge.center), visuals);
    }
    for label in labels {
        painter
            .with_clip_rect(label.clip)
            .galley(label.at, label.galley, visuals.text_color());
    }
}

/// Each lane's background stripe, across the whole canvas (under the lane names too).
fn paint_lane_stripes(lane_painter: &Painter, scene: &Scene, visuals: &Visuals) {
    for row in &scene.lanes {
        let stripe = Rect::from_min_size(
            pos2(scene.canvas.x0, row.top),
            vec2(scene.canvas.width(), row.height),
        );
        lane_painter.rect_filled(stripe, 0.0, color(Paint::LaneBackground(row.lane), visuals));
    }
}

/// The eras: a band each, its title at the bottom left of what is in view of it.
fn paint_periods(item_painter: &Painter, scene: &Scene, visuals: &Visuals) {
    let time_clip = rect(scene.time_area);
    for period in &scene.periods {
        let band = rect(period.area);
        item_painter.rect_filled(band, 0.0, color(period.paint, visuals));
        item_painter.with_clip_rect(band.intersect(time_clip)).text(
            pos2(
                band.left().max(time_clip.left()) + 4.0,
                time_clip.bottom() - 4.0,
            ),
            Align2::LEFT_BOTTOM,
            crate::ui::bidi::visual_order(&period.title),
            FontId::proportional(12.0),
            visuals.weak_text_color(),
        );
    }
}

/// The grid's vertical lines: the minor ones, then the major ones over them.
fn paint_grid(item_painter: &Painter, scene: &Scene, visuals: &Visuals) {
    let time_clip = rect(scene.time_area);
    for (xs, paint) in [
        (&scene.grid_minor, Paint::Grid),
        (&scene.grid_major, Paint::MajorGrid),
    ] {
        for &x in xs {
            item_painter.vline(
                x,
                time_clip.y_range(),
                Stroke::new(1.0, color(paint, visuals)),
            );
        }
    }
}

/// The dashed lines joining an event's marks in its several lanes.
fn paint_connectors(item_painter: &Painter, scene: &Scene, visuals: &Visuals) {
    for c in &scene.connectors {
        item_painter.extend(Shape::dashed_line(
            &[pos2(c.x, c.y0), pos2(c.x, c.y1)],
            Stroke::new(c.width, fill(c.fill, visuals)),
            4.0,
            3.0,
        ));
    }
}

/// The bars and bands, all in one mesh; a quad's colour may ramp from its left to its right.
fn paint_bars(item_painter: &Painter, scene: &Scene, visuals: &Visuals) {
    item_painter.add(quads_shape(&scene.quads, visuals));
}

/// Quads as one mesh, each one's colour ramping from its left edge to its right.
pub fn quads_shape(quads: &[Quad], visuals: &Visuals) -> Shape {
    let mut mesh = Mesh::default();
    mesh.reserve_vertices(quads.len() * 4);
    mesh.reserve_triangles(quads.len() * 2);
    // Fills repeat (a kind's colour and its fades): the last few resolved are kept.
    let mut cache: [(Option<Fill>, Color32); 4] = [(None, Color32::TRANSPARENT); 4];
    let mut next = 0;
    let mut resolve = |f: Fill| {
        if let Some((_, c)) = cache.iter().find(|(k, _)| *k == Some(f)) {
            return *c;
        }
        let c = fill(f, visuals);
        cache[next] = (Some(f), c);
        next = (next + 1) % cache.len();
        c
    };
    for q in quads {
        let (left, right) = (resolve(q.left), resolve(q.right));
        let i = mesh.vertices.len() as u32;
        let a = q.area;
        mesh.colored_vertex(pos2(a.x0, a.y0), left);
        mesh.colored_vertex(pos2(a.x1, a.y0), right);
        mesh.colored_vertex(pos2(a.x1, a.y1), right);
        mesh.colored_vertex(pos2(a.x0, a.y1), left);
        mesh.add_triangle(i, i + 1, i + 2);
        mesh.add_triangle(i, i + 2, i + 3);
    }
    Shape::mesh(mesh)
}

/// Folds (items too close to tell apart), with their count where it fits.
fn paint_folds(item_painter: &Painter, scene: &Scene, visuals: &Visuals) {
    for f in &scene.folds {
        let area = rect(f.area);
        item_painter.rect_filled(area, 1.0, color(Paint::Fold, visuals));
        if area.width() > 28.0 {
            item_painter.text(
                area.center(),
                Align2::CENTER_CENTER,
                f.count.to_string(),
                FontId::proportional(10.0),
                visuals.extreme_bg_color,
            );
        }
    }
}

/// Piles: "+N more" as an outlined tag, so it reads as a sign and not as an event.
fn paint_piles(item_painter: &Painter, scene: &Scene, visuals: &Visuals) {
    for p in &scene.piles {
        let area = rect(p.area);
        item_painter.rect_filled(area, 3.0, visuals.extreme_bg_color);
        item_painter.rect_stroke(
            area,
            3.0,
            Stroke::new(1.0, color(Paint::Fold, visuals)),
            egui::StrokeKind::Inside,
        );
        item_painter.text(
            area.center(),
            Align2::CENTER_CENTER,
            pile_text(p.count),
            FontId::proportional(LABEL_FONT_SIZE - 1.0),
            visuals.strong_text_color(),
        );
    }
}

/// The links between events: a curve (dashed for some kinds) and its arrowhead. A curve leaves
/// a gap where it passes under a label's text (`holes`), so no title is struck through.
fn paint_links(item_painter: &Painter, scene: &Scene, visuals: &Visuals, holes: &[Rect]) {
    for link in &scene.links {
        let c = fill(link.fill, visuals);
        let curve = CubicBezierShape::from_points_stroke(
            link.curve.map(pos),
            false,
            Color32::TRANSPARENT,
            PathStroke::new(link.width, c),
        );
        let bounds = curve.visual_bounding_rect();
        let near: Vec<Rect> = holes
            .iter()
            .filter(|h| h.intersects(bounds))
            .copied()
            .collect();
        let stroke = Stroke::new(link.width, c);
        if near.is_empty() && !link.dashed {
            item_painter.add(curve);
        } else {
            let points = curve.flatten(Some(0.5));
            for part in split_around(&points, &near) {
                if link.dashed {
                    item_painter.extend(Shape::dashed_line(&part, stroke, 5.0, 3.0));
                } else {
                    item_painter.add(Shape::line(part, stroke));
                }
            }
        }
        item_painter.add(Shape::convex_polygon(
            link.head.map(pos).to_vec(),
            c,
            Stroke::NONE,
        ));
    }
}

/// The parts of the polyline `points` outside every rectangle of `holes`, each with at least
/// two points.
pub fn split_around(points: &[Pos2], holes: &[Rect]) -> Vec<Vec<Pos2>> {
    let mut parts = Vec::new();
    let mut part: Vec<Pos2> = Vec::new();
    for w in points.windows(2) {
        let (a, b) = (w[0], w[1]);
        let mut cuts: Vec<(f32, f32)> = holes
            .iter()
            .filter_map(|h| segment_inside(a, b, *h))
            .collect();
        cuts.sort_by(|x, y| x.0.total_cmp(&y.0));
        let mut t = 0.0;
        for (t0, t1) in cuts {
            if t0 > t {
                if part.is_empty() {
                    part.push(a.lerp(b, t));
                }
                part.push(a.lerp(b, t0));
            }
            if t1 > t {
                if part.len() >= 2 {
                    parts.push(std::mem::take(&mut part));
                } else {
                    part.clear();
                }
                t = t1;
            }
        }
        if t < 1.0 {
            if part.is_empty() {
                part.push(a.lerp(b, t));
            }
            part.push(b);
        }
    }
    if part.len() >= 2 {
        parts.push(part);
    }
    parts
}

/// Where the segment from `a` to `b` lies inside `r`, as fractions of its length (Liang and
/// Barsky's clipping), if it enters it at all.
fn segment_inside(a: Pos2, b: Pos2, r: Rect) -> Option<(f32, f32)> {
    let d = b - a;
    let (mut t0, mut t1) = (0.0_f32, 1.0_f32);
    for (p, q) in [
        (-d.x, a.x - r.left()),
        (d.x, r.right() - a.x),
        (-d.y, a.y - r.top()),
        (d.y, r.bottom() - a.y),
    ] {
        if p == 0.0 {
            if q < 0.0 {
                return None;
            }
        } else {
            let t = q / p;
            if p < 0.0 {
                t0 = t0.max(t);
            } else {
                t1 = t1.min(t);
            }
        }
    }
    (t0 < t1).then_some((t0, t1))
}

/// The rings round the selection and the events linked to it, and the dashed rings of your own
/// events (four dashed sides).
fn paint_rings(item_painter: &Painter, scene: &Scene, visuals: &Visuals) {
    for ring in &scene.rings {
        let stroke = Stroke::new(ring.width, color(ring.paint, visuals));
        if ring.dashed {
            let r = rect(ring.area);
            let corners = [
                r.left_top(),
                r.right_top(),
                r.right_bottom(),
                r.left_bottom(),
                r.left_top(),
            ];
            item_painter.extend(Shape::dashed_line(&corners, stroke, 3.0, 2.0));
        } else {
            item_painter.rect_stroke(rect(ring.area), 3.0, stroke, egui::StrokeKind::Outside);
        }
    }
}

/// A label ready to paint: its text laid out, where it goes, its clip, and where its ink is.
struct LaidOutLabel {
    /// The text's top left.
    at: Pos2,
    /// The text.
    galley: std::sync::Arc<egui::Galley>,
    /// The room it may take within the time area.
    clip: Rect,
    /// The box its letters cover (within the clip), a little grown.
    ink: Rect,
}

/// The labels, each laid out to be clipped to the room the scene gave it within the time area.
fn laid_out_labels(painter: &Painter, scene: &Scene, visuals: &Visuals) -> Vec<LaidOutLabel> {
    let time_clip = rect(scene.time_area);
    let font = FontId::proportional(LABEL_FONT_SIZE);
    let mut out = Vec::with_capacity(scene.labels.len());
    for label in &scene.labels {
        let room = rect(label.room);
        let clip = room.intersect(time_clip);
        if clip.width() <= 0.0 {
            continue;
        }
        let galley = painter.layout_no_wrap(
            crate::ui::bidi::visual_order(&label.text).into_owned(),
            font.clone(),
            text_color(label.color, visuals),
        );
        let at = pos2(room.left(), room.center().y - galley.size().y / 2.0);
        let ink = Rect::from_min_size(at, galley.size())
            .intersect(clip)
            .expand2(vec2(2.0, 0.0));
        out.push(LaidOutLabel {
            at,
            galley,
            clip,
            ink,
        });
    }
    out
}

/// Paints the axis above the lanes: the context row (pinned labels) above the tick row.
pub fn paint_axis(painter: &Painter, scene: &Scene, visuals: &Visuals) {
    let canvas = rect(scene.canvas);
    let time_left = scene.time_area.x0;
    let axis = Rect::from_min_max(canvas.min, pos2(canvas.right(), canvas.top() + AXIS_HEIGHT));
    painter.rect_filled(axis, 0.0, visuals.panel_fill);
    painter.hline(
        axis.x_range(),
        axis.bottom(),
        Stroke::new(1.0, visuals.widgets.noninteractive.bg_stroke.color),
    );
    let time_axis = Rect::from_min_max(pos2(time_left, axis.top()), axis.max);
    let axis_painter = painter.with_clip_rect(time_axis);
    let font = FontId::proportional(TICK_FONT_SIZE);
    let text_color = visuals.text_color();
    let row_y = axis.top() + AXIS_HEIGHT * 0.72;
    for tick in &scene.ticks_minor {
        axis_painter.vline(
            tick.x,
            (axis.bottom() - 6.0)..=axis.bottom(),
            Stroke::new(1.0, visuals.weak_text_color()),
        );
        axis_painter.text(
            pos2(tick.x + 3.0, row_y),
            Align2::LEFT_CENTER,
            &tick.label,
            font.clone(),
            text_color,
        );
    }
    let context_y = axis.top() + AXIS_HEIGHT * 0.28;
    let strong = FontId::proportional(TICK_FONT_SIZE + 0.5);
    for tick in &scene.ticks_major {
        let galley = axis_painter.layout_no_wrap(
            tick.label.clone(),
            strong.clone(),
            visuals.strong_text_color(),
        );
        // A pinned label is pushed out to the left by the next one rather than overlap it (the
        // axis clips it).
        let x = tick.x.min(tick.next_x - galley.size().x - 9.0);
        let at = pos2(x + 3.0, context_y - galley.size().y / 2.0);
        axis_painter.galley(at, galley, visuals.strong_text_color());
    }
    painter.text(
        pos2(canvas.left() + 10.0, axis.center().y),
        Align2::LEFT_CENTER,
        scene.lanes_word.heading(),
        FontId::proportional(12.0),
        visuals.weak_text_color(),
    );
}

/// Paints the "today" line and its label, when the scene has it.
pub fn paint_today(painter: &Painter, scene: &Scene, visuals: &Visuals) {
    let Some(x) = scene.today_x else {
        return;
    };
    let time_clip = rect(scene.time_area);
    let c = theme::today_color(visuals);
    painter
        .with_clip_rect(time_clip)
        .vline(x, time_clip.y_range(), Stroke::new(1.5, c));
    painter.text(
        pos2(x + 3.0, scene.lanes_area.y0 + 2.0),
        Align2::LEFT_TOP,
        "today",
        FontId::proportional(10.5),
        c,
    );
}

/// Paints a marker whose shape tells the kind: action ●, statement ■, claim ◆, denial ◆ with a
/// cross, context ○.
pub fn paint_marker(
    painter: &Painter,
    center: Pos2,
    kind: EventKind,
    color: Color32,
    r: f32,
    outline: Option<Color32>,
) {
    let outline = outline.map_or(Stroke::NONE, |c| Stroke::new(1.0, c));
    let diamond = vec![
        center + vec2(0.0, -r * 1.2),
        center + vec2(r * 1.2, 0.0),
        center + vec2(0.0, r * 1.2),
        center + vec2(-r * 1.2, 0.0),
    ];
    match kind {
        EventKind::Action => {
            painter.circle(center, r, color, outline);
        }
        EventKind::Statement => {
            painter.rect(
                Rect::from_center_size(center, vec2(1.7 * r, 1.7 * r)),
                1.0,
                color,
                outline,
                egui::StrokeKind::Outside,
            );
        }
        EventKind::Claim => {
            painter.add(Shape::convex_polygon(diamond, color, outline));
        }
        EventKind::Denial => {
            painter.add(Shape::convex_polygon(diamond, color, outline));
            let k = r * 0.45;
            let white = Stroke::new(1.6, Color32::WHITE);
            painter.line_segment([center + vec2(-k, -k), center + vec2(k, k)], white);
            painter.line_segment([center + vec2(-k, k), center + vec2(k, -k)], white);
        }
        EventKind::Context => {
            painter.circle(
                center,
                r * 0.9,
                Color32::TRANSPARENT,
                Stroke::new(2.0, color),
            );
        }
    }
}

/// A star (five triangles round a pentagon: egui fills only convex shapes) or a note mark (a
/// small sheet with a folded corner), outlined so it reads on any lane.
pub fn paint_badge(painter: &Painter, kind: BadgeKind, center: Pos2, visuals: &Visuals) {
    let outline = Stroke::new(1.0, visuals.extreme_bg_color);
    match kind {
        BadgeKind::Star => {
            let c = theme::star_color(visuals);
            let p = star_points(
                Pt {
                    x: center.x,
                    y: center.y,
                },
                BADGE_RADIUS + 1.0,
            )
            .map(pos);
            painter.add(Shape::closed_line(p.to_vec(), outline));
            let inner: Vec<Pos2> = (0..5).map(|k| p[2 * k + 1]).collect();
            painter.add(Shape::convex_polygon(inner, c, Stroke::NONE));
            for k in 0..5 {
                let tip = [p[(2 * k + 9) % 10], p[2 * k], p[2 * k + 1]];
                painter.add(Shape::convex_polygon(tip.to_vec(), c, Stroke::NONE));
            }
        }
        BadgeKind::Note => {
            let c = theme::own_color(visuals);
            let r = BADGE_RADIUS;
            let sheet = [
                center + vec2(-r * 0.8, -r),
                center + vec2(r * 0.3, -r),
                center + vec2(r * 0.8, -r * 0.5),
                center + vec2(r * 0.8, r),
                center + vec2(-r * 0.8, r),
            ];
            painter.add(Shape::convex_polygon(sheet.to_vec(), c, outline));
            let line = Stroke::new(1.0, visuals.extreme_bg_color);
            for dy in [-0.2, 0.35] {
                painter.line_segment(
                    [
                        center + vec2(-r * 0.45, r * dy),
                        center + vec2(r * 0.45, r * dy),
                    ],
                    line,
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use egui::{Pos2, Rect, pos2};

    use super::split_around;

    /// The parts, to a hundredth of a point.
    fn rounded(parts: Vec<Vec<Pos2>>) -> Vec<Vec<(i32, i32)>> {
        parts
            .into_iter()
            .map(|p| {
                p.into_iter()
                    .map(|q| ((q.x * 100.0).round() as i32, (q.y * 100.0).round() as i32))
                    .collect()
            })
            .collect()
    }

    #[test]
    fn a_line_through_a_title_leaves_a_gap_exactly_where_the_title_is() {
        let line = [pos2(0.0, 10.0), pos2(100.0, 10.0)];
        let title = Rect::from_min_max(pos2(40.0, 0.0), pos2(60.0, 20.0));
        assert_eq!(
            rounded(split_around(&line, &[title])),
            vec![
                vec![(0, 1000), (4000, 1000)],
                vec![(6000, 1000), (10000, 1000)]
            ]
        );
        // A line that misses every title is kept whole; one that ends inside a title stops at it.
        let above = [pos2(0.0, -5.0), pos2(50.0, -5.0), pos2(100.0, -5.0)];
        assert_eq!(
            rounded(split_around(&above, &[title])),
            vec![vec![(0, -500), (5000, -500), (10000, -500)]]
        );
        let into = [pos2(0.0, 10.0), pos2(50.0, 10.0)];
        assert_eq!(
            rounded(split_around(&into, &[title])),
            vec![vec![(0, 1000), (4000, 1000)]]
        );
    }
}
