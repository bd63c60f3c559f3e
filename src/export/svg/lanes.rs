//! The timeline part of a report's SVG: each event as a titled group, the lane headers, the
//! axis.

use std::fmt::Write as _;

use super::{Writer, esc, paint_attr, text_width};
use crate::export::report::Report;
use crate::export::theme::{color, contrasting_text, fill};
use crate::layout::metrics::{
    AXIS_HEIGHT, LABEL_FONT_SIZE, LANE_HEADER_WIDTH, LANE_PADDING, MARKER_RADIUS, ROW_HEIGHT,
    SWATCH_WIDTH, TICK_FONT_SIZE,
};
use crate::layout::scene::{Area, AxisTick, BADGE_RADIUS, BadgeKind, Pt, TextPaint, star_points};
use crate::model::Dataset;

/// Size of a label's text when it is wrapped onto two lines, in points (two lines fill a row).
pub const WRAPPED_LABEL_FONT_SIZE: f32 = 10.0;

/// A character's width as a share of the font size, erring wide (the fonts a PDF reader or a
/// browser substitutes are wider than egui's): for deciding where text fits.
const WIDE_CHAR: f32 = 0.58;

/// How wide `text` may be at `size`, erring wide.
pub fn text_width_wide(text: &str, size: f32) -> f32 {
    text.chars().count() as f32 * size * WIDE_CHAR
}

/// What a report writes under a lane's name about its group: the group's name for a lane of
/// an open group; nothing for a closed group's row, whose name already says it ("United
/// States (2 lanes)"). The window's "[-]"/"[+]" toggles mean nothing on a page.
pub(crate) fn group_caption(group: Option<&(String, bool)>) -> Option<String> {
    match group {
        Some((name, false)) => Some(name.clone()),
        _ => None,
    }
}

/// `text` as the lines a label of room `width` shows, and their size: one line at the label
/// size when it fits; else at `WRAPPED_LABEL_FONT_SIZE`, on one line or two broken at a
/// space, the second ending in an ellipsis when the rest does not fit either.
pub fn label_lines(text: &str, width: f32) -> (Vec<String>, f32) {
    if text_width_wide(text, LABEL_FONT_SIZE) <= width {
        return (vec![text.to_owned()], LABEL_FONT_SIZE);
    }
    (wrapped_lines(text, width), WRAPPED_LABEL_FONT_SIZE)
}

/// `text` on at most two lines of [`WRAPPED_LABEL_FONT_SIZE`] no wider than `width`.
fn wrapped_lines(text: &str, width: f32) -> Vec<String> {
    let per_line = ((width / (WRAPPED_LABEL_FONT_SIZE * WIDE_CHAR)).floor() as usize).max(1);
    let mut first = String::new();
    let mut rest = text;
    for (at, word) in text.split_inclusive(' ').scan(0, |at, w| {
        let start = *at;
        *at += w.len();
        Some((start, w))
    }) {
        if (first.chars().count() + word.trim_end().chars().count()) > per_line {
            break;
        }
        first.push_str(word);
        rest = &text[at + word.len()..];
    }
    if first.is_empty() {
        // One word longer than the room: cut it with an ellipsis on one line.
        let cut: String = text.chars().take(per_line.saturating_sub(1)).collect();
        return vec![format!("{cut}…")];
    }
    let first = first.trim_end().to_owned();
    let second = if rest.chars().count() <= per_line {
        rest.to_owned()
    } else {
        let cut: String = rest.chars().take(per_line.saturating_sub(1)).collect();
        format!("{}…", cut.trim_end())
    };
    if second.is_empty() {
        vec![first]
    } else {
        vec![first, second]
    }
}

impl Writer<'_> {
    /// Each drawn event as a group: its bars and marker, its rings and its label, with a
    /// `<title>` of its title and its date as written.
    pub(crate) fn events(&mut self, report: &Report, dataset: &Dataset) {
        let scene = &report.scene;
        let v = self.v;
        let mut order: Vec<usize> = scene.marks.iter().map(|m| m.event).collect();
        order.sort_unstable();
        order.dedup();
        for event in order {
            let e = dataset.events.at(event);
            let _ = writeln!(
                self.out,
                "<g class=\"event\" data-id=\"{}\"><title>{} — {} ({})</title>",
                esc(e.id()),
                esc(e.title()),
                esc(&e.time().to_string()),
                esc(&e.when().describe())
            );
            for q in scene.quads.iter().filter(|q| q.event == Some(event)) {
                self.quad(q);
            }
            for m in scene.markers.iter().filter(|m| m.event == event) {
                self.marker(
                    m.center,
                    m.kind,
                    fill(m.fill, v),
                    MARKER_RADIUS,
                    Some(v.extreme_bg_color),
                );
            }
            for r in scene.rings.iter().filter(|r| r.event == event) {
                let a = r.area;
                let _ = writeln!(
                    self.out,
                    "<rect x=\"{:.2}\" y=\"{:.2}\" width=\"{:.2}\" height=\"{:.2}\" rx=\"{}\" fill=\"none\" {} stroke-width=\"{}\"{}/>",
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
            for b in scene.badges.iter().filter(|b| b.event == event) {
                self.badge(b.kind, b.center);
            }
            for label in scene.labels.iter().filter(|l| l.event == event) {
                let room = label.room.intersect(&scene.time_area);
                if room.width() <= 0.0 {
                    continue;
                }
                let col = match label.color {
                    TextPaint::Normal => v.text_color(),
                    TextPaint::Dimmed => v.weak_text_color().gamma_multiply(0.6),
                    TextPaint::On(f) => contrasting_text(fill(f, v)),
                };
                let clip = self.clip(room);
                let extra = format!(" clip-path=\"url(#{clip})\"");
                // A title longer than its room goes on two smaller lines, the second cut with
                // an ellipsis if it still does not fit: no text is cut mid-letter at a page's
                // edge or the next mark.
                let (lines, size) = label_lines(&label.text, room.width());
                let y = label.room.center().y;
                let step = WRAPPED_LABEL_FONT_SIZE + 1.0;
                for (k, line) in lines.iter().enumerate() {
                    let dy = (k as f32 - (lines.len() as f32 - 1.0) / 2.0) * step;
                    self.text(label.room.x0, y + dy, size, col, line, &extra);
                }
            }
            self.out.push_str("</g>\n");
        }
    }

    /// A star or a note mark, as the window draws them.
    pub(crate) fn badge(&mut self, kind: BadgeKind, c: Pt) {
        let v = self.v;
        let outline = paint_attr("stroke", v.extreme_bg_color);
        match kind {
            BadgeKind::Star => {
                let points: Vec<String> = star_points(c, BADGE_RADIUS + 1.0)
                    .iter()
                    .map(|p| format!("{:.2},{:.2}", p.x, p.y))
                    .collect();
                let _ = writeln!(
                    self.out,
                    "<polygon class=\"star\" points=\"{}\" {} {outline} stroke-width=\"1\"><title>starred</title></polygon>",
                    points.join(" "),
                    paint_attr("fill", crate::export::theme::star_color(v)),
                );
            }
            BadgeKind::Note => {
                let r = BADGE_RADIUS;
                let _ = writeln!(
                    self.out,
                    "<path class=\"note\" d=\"M{:.2},{:.2} h{:.2} l{:.2},{:.2} v{:.2} h{:.2} z\" {} {outline} stroke-width=\"1\"><title>has a note</title></path>",
                    c.x - r * 0.8,
                    c.y - r,
                    r * 1.1,
                    r * 0.5,
                    r * 0.5,
                    r * 1.5,
                    -r * 1.6,
                    paint_attr("fill", crate::export::theme::own_color(v)),
                );
            }
        }
    }

    pub(crate) fn headers(&mut self, report: &Report) {
        let scene = &report.scene;
        let v = self.v;
        for row in &scene.lanes {
            let header = Area::new(
                scene.canvas.x0,
                row.top,
                scene.canvas.x0 + LANE_HEADER_WIDTH,
                row.top + row.height,
            );
            self.rect(header, v.panel_fill, "");
            self.rect(
                Area::new(header.x0, header.y0, header.x0 + SWATCH_WIDTH, header.y1),
                color(row.color, v),
                "",
            );
            let rule = v.widgets.noninteractive.bg_stroke.color;
            self.line(
                Pt {
                    x: header.x0,
                    y: header.y1,
                },
                Pt {
                    x: header.x1,
                    y: header.y1,
                },
                rule,
                1.0,
                "",
            );
            let name_y = header.y0 + 2.0 + (ROW_HEIGHT + LANE_PADDING - 2.0) / 2.0;
            let clip = self.clip(Area::new(header.x0, header.y0, header.x1 - 4.0, header.y1));
            let extra = format!(" font-weight=\"bold\" clip-path=\"url(#{clip})\"");
            self.text(
                header.x0 + SWATCH_WIDTH + 8.0,
                name_y,
                13.0,
                v.strong_text_color(),
                &row.name,
                &extra,
            );
            if let Some(text) = group_caption(row.group.as_ref()) {
                let y = name_y + (ROW_HEIGHT + LANE_PADDING) / 2.0 + 6.0;
                if y + 6.0 < header.y1 {
                    self.text(
                        header.x0 + SWATCH_WIDTH + 8.0,
                        y,
                        10.5,
                        v.weak_text_color(),
                        &text,
                        "",
                    );
                }
            }
        }
        let line = v.widgets.noninteractive.bg_stroke.color;
        let x = scene.time_area.x0;
        self.line(
            Pt {
                x,
                y: scene.lanes_area.y0,
            },
            Pt {
                x,
                y: scene.lanes_area.y1,
            },
            line,
            1.0,
            "",
        );
    }

    /// The ticks of a time axis in the band `axis`: each minor tick a mark with its label below,
    /// each major one its label above (bold), kept left of the next one. `movable` puts each in
    /// a group with its x (`<g class="pt" data-x>`), which the HTML page moves as it zooms.
    pub(crate) fn axis_ticks(
        &mut self,
        axis: Area,
        minor: &[AxisTick],
        major: &[AxisTick],
        movable: bool,
    ) {
        let v = self.v;
        let open = |out: &mut String, x: f32| {
            if movable {
                let _ = write!(out, "<g class=\"pt\" data-x=\"{x:.1}\">");
            }
        };
        let close = |out: &mut String| {
            if movable {
                out.push_str("</g>\n");
            }
        };
        let row_y = axis.y0 + AXIS_HEIGHT * 0.72;
        for t in minor {
            open(&mut self.out, t.x);
            self.line(
                Pt {
                    x: t.x,
                    y: axis.y1 - 6.0,
                },
                Pt { x: t.x, y: axis.y1 },
                v.weak_text_color(),
                1.0,
                "",
            );
            self.text(
                t.x + 3.0,
                row_y,
                TICK_FONT_SIZE,
                v.text_color(),
                &t.label,
                "",
            );
            close(&mut self.out);
        }
        let context_y = axis.y0 + AXIS_HEIGHT * 0.28;
        for t in major {
            let width = text_width(&t.label, TICK_FONT_SIZE + 0.5);
            let x = t.x.min(t.next_x - width - 9.0);
            open(&mut self.out, x);
            self.text(
                x + 3.0,
                context_y,
                TICK_FONT_SIZE + 0.5,
                v.strong_text_color(),
                &t.label,
                " font-weight=\"bold\"",
            );
            close(&mut self.out);
        }
    }

    pub(crate) fn axis(&mut self, report: &Report) {
        let scene = &report.scene;
        let v = self.v;
        let c = scene.canvas;
        let axis = Area::new(c.x0, c.y0, c.x1, c.y0 + AXIS_HEIGHT);
        self.rect(axis, v.panel_fill, "");
        let rule = v.widgets.noninteractive.bg_stroke.color;
        self.line(
            Pt {
                x: axis.x0,
                y: axis.y1,
            },
            Pt {
                x: axis.x1,
                y: axis.y1,
            },
            rule,
            1.0,
            "",
        );
        let clip = self.clip(Area::new(scene.time_area.x0, axis.y0, axis.x1, axis.y1));
        let _ = writeln!(self.out, "<g clip-path=\"url(#{clip})\">");
        self.axis_ticks(axis, &scene.ticks_minor, &scene.ticks_major, false);
        self.out.push_str("</g>\n");
        self.text(
            c.x0 + 10.0,
            axis.center().y,
            12.0,
            v.weak_text_color(),
            scene.lanes_word.heading(),
            "",
        );
    }
}

#[cfg(test)]
mod tests {
    use super::{LABEL_FONT_SIZE, WRAPPED_LABEL_FONT_SIZE, label_lines, text_width_wide};

    #[test]
    fn a_label_too_long_for_its_room_wraps_and_never_passes_it() {
        let title = "Afghan military and police chiefs: Russia supplied goggles and machine guns";
        assert_eq!(
            label_lines(title, 1000.0),
            (vec![title.to_owned()], LABEL_FONT_SIZE)
        );
        for width in [60.0, 150.0, 260.0, 400.0] {
            let (lines, size) = label_lines(title, width);
            assert_eq!(size, WRAPPED_LABEL_FONT_SIZE);
            assert!((1..=2).contains(&lines.len()), "{width}: {lines:?}");
            for line in &lines {
                assert!(text_width_wide(line, size) <= width, "{width}: {line:?}");
            }
        }
        let (lines, _) = label_lines(title, 260.0);
        assert_eq!(lines.join(" "), title, "two lines hold it all");
        let (lines, _) = label_lines(title, 150.0);
        assert!(lines[0].starts_with("Afghan military"), "{lines:?}");
        assert!(lines.len() == 2 && lines[1].ends_with('…'), "{lines:?}");
    }
}
