//! One zoom level of the HTML timeline: the report's scene laid out for the whole extent at one
//! scale, written as SVG groups the page's script can move. Each element is tagged with how it
//! follows a change of scale within the level: `sp` groups are stretched (bars, bands, fades,
//! folds, link curves, vertical lines: their edges are instants), `pt` groups are moved by
//! their reference x, `data-x` (ticks, era titles, link heads), `q` groups too (markers,
//! labels, badges in the rows, only in the rows near the screen) — all by the page's script,
//! one transform each, and of the points only those on screen. It writes; it does not choose
//! the levels (that is [`super`]'s job).

use std::fmt::Write as _;

use serde::Serialize;

use crate::export::report::Report;
use crate::export::svg::{Writer, paint_attr, text_width};
use crate::export::theme::{color, contrasting_text, fill};
use crate::layout::metrics::{
    AXIS_HEIGHT, LABEL_CHAR_WIDTH, LABEL_FONT_SIZE, MARKER_RADIUS, ROW_HEIGHT, TICK_LABEL_GAP,
};
use crate::layout::scene::{Area, AxisTick, Paint, Pt, Scene, TextPaint};
use crate::model::Dataset;

mod names;
use names::header;
pub use names::header_width;

/// The most the page's script stretches a level (past the finest level, when zooming in
/// further): `timeline.js` stops zooming in at the finest level's scale times this.
pub const MAX_STRETCH: f32 = 16.0;

/// Far right of anything drawn across the time area, in points (the page is never this wide).
const FAR_RIGHT: f32 = 1.0e6;

/// What the script needs to know of a level besides its SVG.
#[derive(Clone, Debug, Serialize)]
pub struct LevelMeta {
    /// Seconds per point at this level.
    pub spp: f64,
    /// The instant at the time area's left edge, in seconds since 1970.
    pub t0: f64,
    /// Height of the lanes, in points.
    pub h: f32,
    /// Each lane row: its lane's position, its top (from the lanes' top) and its height.
    pub lanes: Vec<(usize, f32, f32)>,
    /// How many fold marks and density strips it draws (0: every event on its own).
    pub folded: usize,
}

/// A level written: the axis' group, the lanes' group, and what the script needs.
pub struct LevelSvg {
    /// The axis, for the sticky axis strip.
    pub axis: String,
    /// The lanes.
    pub body: String,
    /// Scale and rows.
    pub meta: LevelMeta,
}

/// The lane row (index into `scene.lanes`) holding `y`, if any.
fn row_of(scene: &Scene, y: f32) -> Option<usize> {
    scene
        .lanes
        .iter()
        .position(|r| y >= r.top && y < r.top + r.height)
}

/// Writes level `level` of `report` (laid out for the whole extent) with `w`, whose `defs`
/// collect the gradients and clips of every level.
pub fn write_level(
    w: &mut Writer<'_>,
    report: &Report,
    dataset: &Dataset,
    level: usize,
) -> LevelSvg {
    let scene = &report.scene;
    let v = crate::export::svg::visuals(report.theme);
    let time = scene.time_area;
    let Some(map) = scene.map else {
        return LevelSvg {
            axis: String::new(),
            body: String::new(),
            meta: LevelMeta {
                spp: 1.0,
                t0: 0.0,
                h: 0.0,
                lanes: Vec::new(),
                folded: 0,
            },
        };
    };
    let top = scene.lanes_area.y0;
    let shown = if level == 0 {
        ""
    } else {
        " style=\"display:none\""
    };

    let axis_svg = write_axis(
        w,
        &v,
        (level, scene.lanes_word.heading()),
        (scene.canvas, time, scene.canvas.x0 + header_width(scene)),
        (&scene.ticks_minor, &scene.ticks_major),
    );

    // The lanes: under them one SVG of what crosses rows (stripes, eras, grid, connectors,
    // links), over it one SVG per row, each in a block the browser skips while off screen
    // (`content-visibility`), so that a zoom step restyles only the rows in view.
    let before = std::mem::take(&mut w.out);
    let height = scene.lanes_area.height();
    let _ = writeln!(
        w.out,
        "<div class=\"lv\" data-l=\"{level}\"{shown}><svg class=\"under\" width=\"100%\" height=\"{height:.0}\" aria-hidden=\"true\"><g transform=\"translate(0,{:.1})\">",
        -top
    );
    for (k, row) in scene.lanes.iter().enumerate() {
        let _ = write!(w.out, "<g data-row=\"{k}\">");
        let stripe = Area::new(0.0, row.top, FAR_RIGHT, row.top + row.height);
        w.rect(stripe, color(Paint::LaneBackground(row.lane), &v), "");
        w.out.push_str("</g>\n");
    }
    let _ = writeln!(w.out, "<g clip-path=\"url(#tc)\">");
    w.out.push_str("<g class=\"sp\">");
    for p in &scene.periods {
        w.rect(p.area, color(p.paint, &v), "");
    }
    w.out.push_str("</g>\n");
    for p in &scene.periods {
        let x = p.area.x0.max(time.x0) + 4.0;
        let _ = write!(w.out, "<g class=\"pt\" data-x=\"{:.1}\">", p.area.x0);
        w.text(x, time.y1 - 10.0, 12.0, v.weak_text_color(), &p.title, "");
        w.out.push_str("</g>\n");
    }
    for (xs, paint) in [
        (&scene.grid_minor, Paint::Grid),
        (&scene.grid_major, Paint::MajorGrid),
    ] {
        // Vertical lines are stretched with the bars (a vertical line's x maps exactly, and
        // its stroke keeps its width): one transform for them all instead of one each.
        w.out.push_str("<g class=\"sp\">");
        for &x in xs {
            w.line(
                Pt { x, y: time.y0 },
                Pt { x, y: time.y1 },
                color(paint, &v),
                1.0,
                "",
            );
        }
        w.out.push_str("</g>\n");
    }
    connectors_and_links(w, scene, dataset, &v);
    w.out.push_str("</g></g></svg>\n");
    for (k, row) in scene.lanes.iter().enumerate() {
        let _ = write!(
            w.out,
            "<div class=\"row\" data-row=\"{k}\" style=\"contain-intrinsic-size:auto {:.0}px\"><svg width=\"100%\" height=\"{:.0}\"><g transform=\"translate(0,{:.1})\"><g clip-path=\"url(#tc)\">",
            row.height, row.height, -row.top
        );
        lane_items(w, scene, k, &v);
        w.out.push_str("</g>");
        header(w, scene, k, &v);
        w.out.push_str("</g></svg></div>\n");
    }
    w.out.push_str("</div>\n");
    let body_svg = std::mem::replace(&mut w.out, before);
    LevelSvg {
        axis: axis_svg,
        body: body_svg,
        meta: LevelMeta {
            spp: map.secs_per_px(),
            t0: map.time_from_x(f64::from(time.x0)),
            h: scene.lanes_area.height(),
            lanes: scene
                .lanes
                .iter()
                .map(|r| (r.lane, r.top - top, r.height))
                .collect(),
            folded: scene.folds.len() + scene.densities.len(),
        },
    }
}

/// The axis of a level: its ticks (moved as points) over the axis' band, the lanes' heading
/// ("Actors", "Sources") at the left.
fn write_axis(
    w: &mut Writer<'_>,
    v: &egui::Visuals,
    (level, heading): (usize, &str),
    (canvas, time, header_right): (Area, Area, f32),
    (minor, major): (&[AxisTick], &[AxisTick]),
) -> String {
    let shown = if level == 0 {
        ""
    } else {
        " style=\"display:none\""
    };
    let before = std::mem::take(&mut w.out);
    let _ = writeln!(
        w.out,
        "<g class=\"lv\" data-l=\"{level}\" transform=\"translate(0,{:.1})\"{shown}>",
        -canvas.y0
    );
    let axis = Area::new(0.0, canvas.y0, FAR_RIGHT, canvas.y0 + AXIS_HEIGHT);
    w.rect(axis, v.panel_fill, "");
    let _ = writeln!(w.out, "<g clip-path=\"url(#tc)\">");
    w.axis_ticks(axis, minor, major, true);
    w.out.push_str("</g>\n");
    let rule = v.widgets.noninteractive.bg_stroke.color;
    w.line(
        Pt {
            x: 0.0,
            y: axis.y1 - 0.5,
        },
        Pt {
            x: FAR_RIGHT,
            y: axis.y1 - 0.5,
        },
        rule,
        1.0,
        "",
    );
    w.rect(
        Area::new(0.0, axis.y0, header_right.max(time.x0), axis.y1 - 1.0),
        v.panel_fill,
        "",
    );
    w.text(
        canvas.x0 + 10.0,
        axis.center().y,
        12.0,
        v.weak_text_color(),
        heading,
        "",
    );
    w.out.push_str("</g>\n");
    std::mem::replace(&mut w.out, before)
}

/// The axis alone of level `level` of `first` (the first level's report): for levels finer than
/// the finest whose lanes the budget allows, so that the axis still reads at every zoom.
pub fn axis_level(
    w: &mut Writer<'_>,
    first: &Report,
    zone: crate::model::ShownZone,
    level: usize,
) -> (String, (f64, f64)) {
    let scene = &first.scene;
    let v = crate::export::svg::visuals(first.theme);
    let time = scene.time_area;
    let scale = (1u64 << level) as f64;
    let width = f64::from(time.width()) * scale;
    let Some(first_map) = scene.map else {
        return (String::new(), (1.0, 0.0));
    };
    let map = crate::layout::ScreenMap::new(first_map.view, f64::from(time.x0), width);
    let rows = crate::layout::ticks_in(
        zone,
        map.view.start_secs,
        map.view.end_secs(),
        map.width_px,
        f64::from(LABEL_CHAR_WIDTH),
        f64::from(TICK_LABEL_GAP),
    );
    let minor: Vec<AxisTick> = rows
        .minor
        .into_iter()
        .map(|t| AxisTick {
            x: map.x_from_time(t.time) as f32,
            label: t.label,
            next_x: f32::INFINITY,
        })
        .collect();
    let major_x: Vec<f32> = rows
        .major
        .iter()
        .map(|t| map.x_from_time(t.time) as f32)
        .collect();
    let right = time.x0 + width as f32;
    let major: Vec<AxisTick> = rows
        .major
        .into_iter()
        .enumerate()
        .map(|(k, t)| AxisTick {
            x: major_x[k].max(time.x0),
            label: t.label,
            next_x: major_x.get(k + 1).copied().unwrap_or(right),
        })
        .collect();
    let header_right = scene.canvas.x0 + header_width(scene);
    let svg = write_axis(
        w,
        &v,
        (level, scene.lanes_word.heading()),
        (scene.canvas, time, header_right),
        (&minor, &major),
    );
    (
        svg,
        (map.secs_per_px(), map.time_from_x(f64::from(time.x0))),
    )
}

/// Connectors (moved as points, their ends following their rows) and links (curves stretched,
/// heads moved), each naming the rows of its ends so that the script can follow a lane filter.
fn connectors_and_links(w: &mut Writer<'_>, scene: &Scene, dataset: &Dataset, v: &egui::Visuals) {
    let row = |y: f32| row_of(scene, y).map_or(-1, |r| r as i64);
    // Connectors are vertical: stretched with the bars, as the grid is.
    w.out.push_str("<g class=\"sp\">");
    for c in &scene.connectors {
        let _ = write!(
            w.out,
            "<g class=\"cn\" data-e=\"{}\" data-r=\"{} {}\">",
            c.event,
            row(c.y0),
            row(c.y1),
        );
        w.line(
            Pt { x: c.x, y: c.y0 },
            Pt { x: c.x, y: c.y1 },
            fill(c.fill, v),
            c.width,
            " stroke-dasharray=\"4 3\"",
        );
        w.out.push_str("</g>\n");
    }
    w.out.push_str("</g>\n");
    // The curves in one stretched group (one transform for them all); the heads after it.
    w.out.push_str("<g class=\"sp\">");
    let mut heads = String::new();
    for link in &scene.links {
        let col = fill(link.fill, v);
        let [a, b, c, d] = link.curve;
        let l = &dataset.links[link.link];
        let _ = writeln!(
            w.out,
            "<g class=\"ln\" data-e=\"{} {}\" data-r=\"{} {}\" data-p=\"{:.1} {:.1} {:.1} {:.1}\"><path d=\"M{:.1},{:.1} C{:.1},{:.1} {:.1},{:.1} {:.1},{:.1}\" fill=\"none\" {} stroke-width=\"{}\"{}/></g>",
            l.from,
            l.to,
            row(a.y),
            row(d.y),
            a.x,
            a.y,
            d.x,
            d.y,
            a.x,
            a.y,
            b.x,
            b.y,
            c.x,
            c.y,
            d.x,
            d.y,
            paint_attr("stroke", col),
            link.width,
            if link.dashed {
                " stroke-dasharray=\"5 3\""
            } else {
                ""
            }
        );
        let [t, p, q] = link.head;
        let _ = writeln!(
            heads,
            "<g class=\"pt lh\" data-e=\"{} {}\" data-r=\"{}\" data-x=\"{:.1}\"><polygon points=\"{:.1},{:.1} {:.1},{:.1} {:.1},{:.1}\" {}/></g>",
            l.from,
            l.to,
            row(d.y),
            d.x,
            t.x,
            t.y,
            p.x,
            p.y,
            q.x,
            q.y,
            paint_attr("fill", col)
        );
    }
    w.out.push_str("</g>\n");
    w.out.push_str(&heads);
}

/// The x a point element of `event` near `at` moves with: the centre of the event's marker in
/// the same row (so a label keeps its distance from its marker), else its own.
fn reference_x(scene: &Scene, event: usize, at: Pt) -> f32 {
    scene
        .markers
        .iter()
        .filter(|m| m.event == event && (m.center.y - at.y).abs() < ROW_HEIGHT / 2.0)
        .map(|m| m.center.x)
        .min_by(|a, b| (a - at.x).abs().total_cmp(&(b - at.x).abs()))
        .filter(|x| (x - at.x).abs() < 2.0 * MARKER_RADIUS + 4.0)
        .unwrap_or(at.x)
}

/// The x a label moves with: its marker's centre; else, for a label right of its bar, the
/// bar's right end (so it stays beside the bar as the bar stretches); else its own left.
fn label_reference_x(scene: &Scene, label: &crate::layout::scene::Label) -> f32 {
    let at = Pt {
        x: label.room.x0,
        y: label.room.center().y,
    };
    let x = reference_x(scene, label.event, at);
    if x != at.x {
        return x;
    }
    let bar_right = scene
        .quads
        .iter()
        .filter(|q| {
            q.event == Some(label.event) && (q.area.center().y - at.y).abs() < ROW_HEIGHT / 2.0
        })
        .map(|q| q.area.x1)
        .fold(f32::NEG_INFINITY, f32::max);
    if bar_right.is_finite() && at.x >= bar_right - 1.0 {
        bar_right
    } else {
        at.x
    }
}

/// The items of lane row `k`: bars and fades stretched, markers, rings, badges and labels moved,
/// folds and density strips.
fn lane_items(w: &mut Writer<'_>, scene: &Scene, k: usize, v: &egui::Visuals) {
    let in_row = |y: f32| row_of(scene, y) == Some(k);
    w.out.push_str("<g><g class=\"sp\">");
    let mut current: Option<usize> = None;
    // A fade narrower than a pixel at the most the script stretches a level is not drawn: it
    // would never show, and at 10,000 events half the rectangles were such.
    let min_width = 1.0 / MAX_STRETCH;
    for q in scene
        .quads
        .iter()
        .filter(|q| in_row(q.area.center().y) && q.area.width() >= min_width)
    {
        if q.event != current {
            if current.is_some() {
                w.out.push_str("</g>");
            }
            if let Some(e) = q.event {
                let _ = write!(w.out, "<g data-e=\"{e}\">");
            }
            current = q.event;
        }
        w.quad(q);
    }
    if current.is_some() {
        w.out.push_str("</g>");
    }
    for f in scene.folds.iter().filter(|f| in_row(f.area.center().y)) {
        let _ = write!(w.out, "<g class=\"fd\" data-n=\"{}\">", f.count);
        w.rect(f.area, color(Paint::Fold, v), " rx=\"1\"");
        w.out.push_str("</g>");
    }
    w.out.push_str("</g>\n");
    for f in scene
        .folds
        .iter()
        .filter(|f| in_row(f.area.center().y) && f.area.width() > 28.0)
    {
        let c = f.area.center();
        let _ = writeln!(
            w.out,
            "<g class=\"q fd\" data-n=\"{}\" data-x=\"{:.1}\"><text x=\"{:.1}\" y=\"{:.1}\" font-size=\"10\" text-anchor=\"middle\" dominant-baseline=\"central\" {}>{}</text></g>",
            f.count,
            c.x,
            c.x,
            c.y,
            paint_attr("fill", v.extreme_bg_color),
            f.count
        );
    }
    for m in scene.markers.iter().filter(|m| in_row(m.center.y)) {
        let _ = write!(
            w.out,
            "<g class=\"q\" data-e=\"{}\" data-x=\"{:.1}\">",
            m.event, m.center.x
        );
        w.marker(
            m.center,
            m.kind,
            fill(m.fill, v),
            MARKER_RADIUS,
            Some(v.extreme_bg_color),
        );
        w.out.push_str("</g>\n");
    }
    for r in scene.rings.iter().filter(|r| in_row(r.area.center().y)) {
        let a = r.area;
        let x = reference_x(scene, r.event, a.center());
        let _ = writeln!(
            w.out,
            "<g class=\"q\" data-e=\"{}\" data-x=\"{x:.1}\"><rect x=\"{:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{:.1}\" rx=\"{}\" fill=\"none\" {} stroke-width=\"{}\"{}/></g>",
            r.event,
            a.x0,
            a.y0,
            a.width(),
            a.height(),
            if r.dashed { 0 } else { 3 },
            paint_attr("stroke", color(r.paint, v)),
            r.width,
            if r.dashed {
                " stroke-dasharray=\"3 2\""
            } else {
                ""
            }
        );
    }
    for b in scene.badges.iter().filter(|b| in_row(b.center.y)) {
        let x = reference_x(scene, b.event, b.center);
        let _ = write!(
            w.out,
            "<g class=\"q\" data-e=\"{}\" data-x=\"{x:.1}\">",
            b.event
        );
        w.badge(b.kind, b.center);
        w.out.push_str("</g>\n");
    }
    for label in scene.labels.iter().filter(|l| in_row(l.room.center().y)) {
        let room = label.room.intersect(&scene.time_area);
        if room.width() <= 0.0 {
            continue;
        }
        let col = match label.color {
            TextPaint::Normal => v.text_color(),
            TextPaint::Dimmed => v.weak_text_color().gamma_multiply(0.6),
            TextPaint::On(f) => contrasting_text(fill(f, v)),
        };
        let x = label_reference_x(scene, label);
        let _ = write!(
            w.out,
            "<g class=\"q lb\" data-e=\"{}\" data-x=\"{x:.1}\">",
            label.event
        );
        // Cut to its room with an ellipsis rather than clipped: a clip path on each label made
        // a zoom step of 10,000 events twice as slow in Chromium.
        w.text(
            label.room.x0,
            label.room.center().y,
            LABEL_FONT_SIZE,
            col,
            &fit_text(&label.text, room.width(), LABEL_FONT_SIZE),
            "",
        );
        w.out.push_str("</g>\n");
    }
    w.out.push_str("</g>\n");
}

/// `text` cut with an ellipsis to fit `width` points at `size` (by the same estimate of a
/// character's width the report places labels with).
fn fit_text(text: &str, width: f32, size: f32) -> String {
    if text_width(text, size) <= width {
        return text.to_owned();
    }
    let chars = ((width / text_width("m", size)).floor() as usize).saturating_sub(1);
    let mut cut: String = text.chars().take(chars).collect();
    cut.truncate(cut.trim_end().len());
    cut.push('…');
    cut
}
