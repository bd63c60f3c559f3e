//! The marks of one event: a bar with its uncertainty fades, a range band with whiskers and a
//! marker, or a marker alone; where its label may go; density strips; link curves.

use super::{Area, Fill, Marker, Paint, Pt, Quad, pt};
use crate::layout::ScreenMap;
use crate::layout::metrics::{
    BAR_HEIGHT, DENSITY_BIN_PX, DENSITY_LEVELS, MARKER_RADIUS, NARROW_BAND_PX, PAINT_MARGIN_PX,
    POINT_RANGE_MIN_PX, RANGE_BAND_ALPHA, UNCERTAIN_ALPHA,
};
use crate::layout::rows::label_px;
use crate::model::{Event, ResolvedTime};

/// What [`item_shape`] laid out.
pub struct Shape {
    /// Where links and connectors attach.
    pub anchor: Pt,
    /// The shape's bounds.
    pub area: Area,
    /// Where the label starts.
    pub label_x: f32,
    /// The label sits on the bar, so it needs a contrasting colour.
    pub label_inside: bool,
    /// Where a label on the bar must end (the end of the bar's solid part).
    pub label_end: Option<f32>,
}

/// Adds one event's bar (to `quads`) or marker (to `markers`), and says where it went.
pub fn item_shape(
    event: Event<'_>,
    when: &ResolvedTime,
    map: &ScreenMap,
    y_mid: f32,
    fill: Fill,
    quads: &mut Vec<Quad>,
    markers: &mut Vec<Marker>,
) -> Shape {
    let event_no = event.index();
    let x = |t: i64| map.x_from_time(t as f64);
    let (y0, y1) = (y_mid - BAR_HEIGHT / 2.0, y_mid + BAR_HEIGHT / 2.0);
    let faint = fill.times(UNCERTAIN_ALPHA);
    let mut quad = |x0: f32, x1: f32, y0: f32, y1: f32, left: Fill, right: Fill| {
        quads.push(Quad {
            area: Area::new(x0, y0, x1, y1),
            left,
            right,
            event: Some(event_no),
        });
    };
    if when.is_point {
        let xa = x(when.start.earliest.0);
        let xb = x(when.start.latest.0);
        let band = fill.times(RANGE_BAND_ALPHA);
        if when.is_open_start {
            // `[..X]`: a single date at or before X. A band that fades in from the left and
            // ends in a whisker at the end of X; the label after it ("by then").
            let (far, l, r) = (
                clamp_x(map.left_px - PAINT_MARGIN_PX, map),
                clamp_x(xa, map),
                clamp_x(xb, map),
            );
            quad(
                far,
                l,
                y0 + 2.0,
                y1 - 2.0,
                band.times(UNCERTAIN_ALPHA),
                band,
            );
            quad(l, r, y0 + 2.0, y1 - 2.0, band, band);
            quad(r - 1.5, r, y0, y1, fill, fill);
            return Shape {
                anchor: pt(r, y_mid),
                area: Area::new(far.max(map.left_px as f32 - 2.0), y0, r, y1),
                label_x: r + 4.0,
                label_inside: false,
                label_end: None,
            };
        }
        let centre = pt(clamp_x((xa + xb) / 2.0, map), y_mid);
        if xb - xa >= POINT_RANGE_MIN_PX {
            // A date known only as a range: a faint band over the range between whiskers, and
            // no marker: a marker anywhere inside would single out an instant no source gives.
            let (l, r) = (clamp_x(xa, map), clamp_x(xb, map));
            quad(l, r, y0 + 2.0, y1 - 2.0, band, band);
            quad(l, l + 1.5, y0, y1, fill, fill);
            quad(r - 1.5, r, y0, y1, fill, fill);
            return Shape {
                anchor: centre,
                area: Area::new(l, y0, r, y1),
                label_x: range_label_x(l, r, map),
                label_inside: false,
                label_end: None,
            };
        }
        markers.push(Marker {
            center: centre,
            kind: event.kind(),
            fill,
            event: event_no,
        });
        return Shape {
            anchor: centre,
            area: Area::new(
                centre.x - MARKER_RADIUS,
                centre.y - MARKER_RADIUS,
                centre.x + MARKER_RADIUS,
                centre.y + MARKER_RADIUS,
            ),
            label_x: centre.x + MARKER_RADIUS + 4.0,
            label_inside: false,
            label_end: None,
        };
    }
    // An interval: ramps over the uncertain start and end, solid between.
    let xs0 = if when.is_open_start {
        map.left_px - PAINT_MARGIN_PX
    } else {
        x(when.start.earliest.0)
    };
    let xs1 = if when.is_open_start {
        xs0
    } else {
        x(when.start.latest.0)
    };
    let (xe0, xe1) = if when.is_open_end {
        let far = map.left_px + map.width_px + PAINT_MARGIN_PX;
        (far, far)
    } else {
        (x(when.end.earliest.0), x(when.end.latest.0))
    };
    let (a, b, c, d) = (
        clamp_x(xs0, map),
        clamp_x(xs1, map),
        clamp_x(xe0, map),
        clamp_x(xe1, map),
    );
    if b > a {
        quad(a, b, y0, y1, faint, fill);
    }
    if c > b {
        quad(b, c, y0, y1, fill, fill);
    }
    if d > c {
        quad(c, d, y0, y1, fill, faint);
    }
    if d - a < 2.0 {
        quad(a - 1.0, a + 1.0, y0, y1, fill, fill);
    }
    let area = Area::new(a, y0, d.max(a + 2.0), y1);
    // The label goes on the solid part of the bar when it fits there (pinned to the left edge
    // while the bar starts off screen), else after the bar, else (the bar runs off the right
    // edge) on the bar, cut at the solid part's end.
    let (left, right) = (map.left_px as f32, (map.left_px + map.width_px) as f32);
    let core_start = b.max(left);
    let core_visible = c.min(right) - core_start;
    let after_bar_visible = d + 44.0 < right;
    let label_inside =
        f64::from(core_visible) > label_px(event) || (!after_bar_visible && core_visible > 40.0);
    Shape {
        anchor: pt(b.max(a), y_mid),
        area,
        label_x: if label_inside {
            core_start + 4.0
        } else {
            d + 4.0
        },
        label_end: if label_inside { Some(c) } else { None },
        label_inside,
    }
}

/// Where the label of a point dated by a range goes: inside the band, after its left whisker
/// (at the screen's left edge while the band starts off screen); after the band when the band
/// on screen is too narrow for it to start there.
fn range_label_x(band_left: f32, band_right: f32, map: &ScreenMap) -> f32 {
    let (left, right) = (map.left_px as f32, (map.left_px + map.width_px) as f32);
    let start = band_left.max(left) + 4.0;
    if band_right - start < NARROW_BAND_PX && band_right + 4.0 < right - 40.0 {
        band_right + 4.0
    } else {
        start
    }
}

/// Adds a density strip: bins shaded by the logarithm of their count, neighbouring bins of the
/// same shade merged into one quad (so vertices follow the shape of the data, not its size).
pub fn add_density(quads: &mut Vec<Quad>, strip: Area, counts: &[u32], paint: Paint) {
    let level = |c: u32| {
        if c == 0 {
            0
        } else {
            (32 - c.leading_zeros()).min(DENSITY_LEVELS)
        }
    };
    let mut start = 0;
    while start < counts.len() {
        let l = level(counts[start]);
        let mut end = start + 1;
        while end < counts.len() && level(counts[end]) == l {
            end += 1;
        }
        if l > 0 {
            let alpha = 0.18 + 0.82 * l as f32 / DENSITY_LEVELS as f32;
            let fill = Fill::faint(paint, alpha);
            let x0 = strip.x0 + start as f32 * DENSITY_BIN_PX as f32;
            let x1 = (strip.x0 + end as f32 * DENSITY_BIN_PX as f32).min(strip.x1);
            quads.push(Quad {
                area: Area::new(x0, strip.y0, x1, strip.y1),
                left: fill,
                right: fill,
                event: None,
            });
        }
        start = end;
    }
}

/// A curved arrow from `a` to `b`: the Bézier and its head.
///
/// The curve leaves `a` and reaches `b` vertically, so its ends and its head never lie on the
/// titles written to the right of the marks, and between two rows it runs at their mid-height,
/// in the gap between them. (Every control point's x is one of the ends', so stretching time
/// stretches the curve exactly, as the HTML page does.)
pub fn arrow(a: Pt, b: Pt) -> ([Pt; 4], [Pt; 3]) {
    let (c1, c2) = if (a.y - b.y).abs() < 4.0 {
        // Same row: bow upwards so the arrow does not run through the events between.
        (pt(a.x, a.y - 30.0), pt(b.x, b.y - 30.0))
    } else {
        let mid_y = (a.y + b.y) / 2.0;
        (pt(a.x, mid_y), pt(b.x, mid_y))
    };
    let (dx, dy) = (b.x - c2.x, b.y - c2.y);
    let length = (dx * dx + dy * dy).sqrt();
    let (dx, dy) = if length.is_finite() && length > 0.0 {
        (dx / length, dy / length)
    } else {
        (1.0, 0.0)
    };
    let tip = pt(
        b.x - dx * (MARKER_RADIUS + 1.0),
        b.y - dy * (MARKER_RADIUS + 1.0),
    );
    let (sx, sy) = (-dy * 4.5, dx * 4.5);
    let back = pt(tip.x - dx * 9.0, tip.y - dy * 9.0);
    (
        [a, c1, c2, b],
        [
            tip,
            pt(back.x + sx, back.y + sy),
            pt(back.x - sx, back.y - sy),
        ],
    )
}

/// Narrows an x position to `f32` once it is near the screen (far values lose precision).
pub fn clamp_x(x: f64, map: &ScreenMap) -> f32 {
    x.clamp(
        map.left_px - PAINT_MARGIN_PX,
        map.left_px + map.width_px + PAINT_MARGIN_PX,
    ) as f32
}

/// The analyst's signs on one drawn mark: a star and a note mark above its top right (the star
/// first), and a dashed ring around an event of their own. Says where the badges lie across
/// (left and right edges), if any were drawn.
pub(super) fn badges(
    marks: crate::model::Marks,
    event: usize,
    area: Area,
    badges: &mut Vec<super::Badge>,
    rings: &mut Vec<super::Ring>,
) -> Option<(f32, f32)> {
    use super::{BADGE_RADIUS, Badge, BadgeKind, Ring};
    let y = area.y0 - 1.0;
    let first = area.x1 + 1.0;
    let mut x = first;
    let mut span = None;
    for (on, kind) in [
        (marks.starred, BadgeKind::Star),
        (marks.noted, BadgeKind::Note),
    ] {
        if on {
            badges.push(Badge {
                center: super::pt(x, y),
                kind,
                event,
            });
            span = Some((first - BADGE_RADIUS - 1.0, x + BADGE_RADIUS + 1.0));
            x += 2.0 * BADGE_RADIUS + 1.0;
        }
    }
    if marks.own {
        rings.push(Ring {
            area: area.expand(2.5),
            paint: Paint::Own,
            width: 1.5,
            event,
            dashed: true,
        });
    }
    span
}
