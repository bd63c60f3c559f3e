//! A report written as SVG: text stays text (selectable, searchable), each event is a group
//! with a `<title>` (its title and its date as written, which a browser shows on hover), links
//! are paths. Colours are the theme's, resolved as the window resolves them. PNG and PDF are made
//! from this SVG, so all three show the same picture.

mod lanes;
mod legend;

use lanes::WRAPPED_LABEL_FONT_SIZE;
pub(crate) use lanes::group_caption;
pub use lanes::{label_lines, text_width_wide};
pub use legend::{legend_height, wrap_words};

use std::fmt::Write as _;

use egui::{Color32, Visuals};

use super::report::{FOOTER_HEIGHT, MARGIN, Report, Theme};
use crate::export::theme::{color, fill};
use crate::layout::scene::{Area, Paint, Pt, Quad};
use crate::model::{Dataset, EventKind};

/// The font the app draws with (egui's proportional font), then fallbacks for browsers.
pub const FONT_FAMILY: &str = "Ubuntu, 'Ubuntu Light', 'DejaVu Sans', sans-serif";

/// The theme's colours, as egui has them.
pub(crate) fn visuals(theme: Theme) -> Visuals {
    match theme {
        Theme::Light => Visuals::light(),
        Theme::Dark => Visuals::dark(),
    }
}

/// `fill="#rrggbb" fill-opacity="a"` (or `stroke`), for an egui colour.
pub(crate) fn paint_attr(attr: &str, c: Color32) -> String {
    let [r, g, b, a] = c.to_srgba_unmultiplied();
    if a == 255 {
        format!("{attr}=\"#{r:02x}{g:02x}{b:02x}\"")
    } else {
        format!(
            "{attr}=\"#{r:02x}{g:02x}{b:02x}\" {attr}-opacity=\"{:.3}\"",
            f32::from(a) / 255.0
        )
    }
}

/// Text for XML.
pub(crate) fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c if (c as u32) < 0x20 && c != '\t' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// Roughly how wide `text` is at `size` points (for placing, not for clipping).
pub(crate) fn text_width(text: &str, size: f32) -> f32 {
    text.chars().count() as f32 * size * 0.53
}

/// The SVG of `report`, with event titles and dates from `dataset`.
pub fn to_svg(report: &Report, dataset: &Dataset) -> String {
    let v = visuals(report.theme);
    let mut w = Writer::new(&v);
    let (width, height) = (report.width, report.height);
    let _ = writeln!(
        w.out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" \
         viewBox=\"0 0 {width} {height}\" font-family=\"{FONT_FAMILY}\">"
    );
    let page = if report.theme == Theme::Light {
        Color32::WHITE
    } else {
        v.panel_fill
    };
    w.rect(Area::new(0.0, 0.0, width, height), page, "");
    w.frame_top(report);
    w.timeline(report, dataset);
    if report.has_legend {
        w.legend(report);
    }
    let footer_y = height - FOOTER_HEIGHT / 2.0;
    w.text(
        MARGIN,
        footer_y,
        10.5,
        v.weak_text_color(),
        &report.footer,
        "",
    );
    w.out.push_str("</svg>\n");
    let defs = std::mem::take(&mut w.defs);
    let mut svg = w.out;
    if let Some(at) = svg.find('\n') {
        svg.insert_str(at + 1, &format!("<defs>\n{defs}</defs>\n"));
    }
    svg
}

/// Writes SVG elements in a theme's colours; what it needs defined (gradients, clip paths) goes
/// to `defs`, each with an id unique to this writer.
pub(crate) struct Writer<'a> {
    /// The elements written so far.
    pub(crate) out: String,
    /// The definitions they refer to.
    pub(crate) defs: String,
    /// Gradients made so far: (left, right) → id `g{index}`.
    gradients: Vec<(Color32, Color32)>,
    clips: usize,
    v: &'a Visuals,
}

impl<'a> Writer<'a> {
    /// A writer with nothing written, in the colours of `v`.
    pub(crate) fn new(v: &'a Visuals) -> Self {
        Self {
            out: String::with_capacity(64 * 1024),
            defs: String::new(),
            gradients: Vec::new(),
            clips: 0,
            v,
        }
    }
}

impl Writer<'_> {
    pub(crate) fn rect(&mut self, a: Area, c: Color32, extra: &str) {
        let _ = writeln!(
            self.out,
            "<rect x=\"{:.2}\" y=\"{:.2}\" width=\"{:.2}\" height=\"{:.2}\" {}{extra}/>",
            a.x0,
            a.y0,
            a.width().max(0.0),
            a.height().max(0.0),
            paint_attr("fill", c)
        );
    }

    pub(crate) fn line(&mut self, a: Pt, b: Pt, c: Color32, width: f32, extra: &str) {
        let _ = writeln!(
            self.out,
            "<line x1=\"{:.2}\" y1=\"{:.2}\" x2=\"{:.2}\" y2=\"{:.2}\" {} stroke-width=\"{width}\"{extra}/>",
            a.x,
            a.y,
            b.x,
            b.y,
            paint_attr("stroke", c)
        );
    }

    pub(crate) fn text(&mut self, x: f32, y: f32, size: f32, c: Color32, text: &str, extra: &str) {
        let _ = writeln!(
            self.out,
            "<text x=\"{x:.2}\" y=\"{y:.2}\" font-size=\"{size}\" dominant-baseline=\"central\" {}{extra}>{}</text>",
            paint_attr("fill", c),
            esc(text)
        );
    }

    /// A clip path for `area`; its id.
    pub(crate) fn clip(&mut self, a: Area) -> String {
        self.clips += 1;
        let id = format!("c{}", self.clips);
        let _ = writeln!(
            self.defs,
            "<clipPath id=\"{id}\"><rect x=\"{:.2}\" y=\"{:.2}\" width=\"{:.2}\" height=\"{:.2}\"/></clipPath>",
            a.x0,
            a.y0,
            a.width().max(0.0),
            a.height().max(0.0)
        );
        id
    }

    /// A mask that leaves a gap in the links' curves where they pass under a title's text, as
    /// the window does: no title is struck through. `None` when no curve meets a title.
    fn link_gaps(&mut self, scene: &crate::layout::scene::Scene) -> Option<String> {
        let reach: Vec<Area> = scene
            .links
            .iter()
            .map(|link| {
                let xs = link.curve.map(|p| p.x);
                let ys = link.curve.map(|p| p.y);
                let (min, max) = (
                    |a: [f32; 4]| a.into_iter().fold(f32::MAX, f32::min),
                    |a: [f32; 4]| a.into_iter().fold(f32::MIN, f32::max),
                );
                Area::new(min(xs), min(ys), max(xs), max(ys))
            })
            .collect();
        let holes: Vec<Area> = scene
            .labels
            .iter()
            .filter_map(|label| {
                let room = label.room.intersect(&scene.time_area);
                if room.width() <= 0.0 {
                    return None;
                }
                let (lines, size) = label_lines(&label.text, room.width());
                let width = lines
                    .iter()
                    .map(|l| text_width_wide(l, size))
                    .fold(0.0, f32::max)
                    .min(room.width());
                let height = lines.len() as f32 * (WRAPPED_LABEL_FONT_SIZE + 1.0).max(size);
                let y = label.room.center().y;
                Some(Area::new(
                    room.x0 - 1.0,
                    y - height / 2.0 - 1.0,
                    room.x0 + width + 1.0,
                    y + height / 2.0 + 1.0,
                ))
            })
            .filter(|hole| reach.iter().any(|r| r.intersects(hole)))
            .collect();
        if holes.is_empty() {
            return None;
        }
        let a = scene.canvas;
        let mut mask = format!(
            "<mask id=\"link-gaps\" maskUnits=\"userSpaceOnUse\" x=\"{:.2}\" y=\"{:.2}\" width=\"{:.2}\" height=\"{:.2}\"><rect x=\"{:.2}\" y=\"{:.2}\" width=\"{:.2}\" height=\"{:.2}\" fill=\"white\"/>",
            a.x0,
            a.y0,
            a.width(),
            a.height(),
            a.x0,
            a.y0,
            a.width(),
            a.height()
        );
        for h in holes {
            let _ = write!(
                mask,
                "<rect x=\"{:.2}\" y=\"{:.2}\" width=\"{:.2}\" height=\"{:.2}\" fill=\"black\"/>",
                h.x0,
                h.y0,
                h.width(),
                h.height()
            );
        }
        mask.push_str("</mask>");
        let _ = writeln!(self.defs, "{mask}");
        Some("link-gaps".to_owned())
    }

    pub(crate) fn quad(&mut self, q: &Quad) {
        let (l, r) = (fill(q.left, self.v), fill(q.right, self.v));
        if l == r {
            self.rect(q.area, l, "");
            return;
        }
        let k = match self.gradients.iter().position(|&g| g == (l, r)) {
            Some(k) => k,
            None => {
                let k = self.gradients.len();
                self.gradients.push((l, r));
                let stop = |c: Color32| {
                    let [cr, cg, cb, ca] = c.to_srgba_unmultiplied();
                    format!(
                        "stop-color=\"#{cr:02x}{cg:02x}{cb:02x}\" stop-opacity=\"{:.3}\"",
                        f32::from(ca) / 255.0
                    )
                };
                let _ = writeln!(
                    self.defs,
                    "<linearGradient id=\"g{k}\" x1=\"0\" x2=\"1\" y1=\"0\" y2=\"0\"><stop offset=\"0\" {}/><stop offset=\"1\" {}/></linearGradient>",
                    stop(l),
                    stop(r)
                );
                k
            }
        };
        let a = q.area;
        let _ = writeln!(
            self.out,
            "<rect x=\"{:.2}\" y=\"{:.2}\" width=\"{:.2}\" height=\"{:.2}\" fill=\"url(#g{k})\"/>",
            a.x0,
            a.y0,
            a.width().max(0.0),
            a.height().max(0.0)
        );
    }

    pub(crate) fn marker(
        &mut self,
        c: Pt,
        kind: EventKind,
        col: Color32,
        r: f32,
        outline: Option<Color32>,
    ) {
        let stroke = outline.map_or_else(String::new, |o| {
            format!(" {} stroke-width=\"1\"", paint_attr("stroke", o))
        });
        let d = r * 1.2;
        let diamond = format!(
            "{:.2},{:.2} {:.2},{:.2} {:.2},{:.2} {:.2},{:.2}",
            c.x,
            c.y - d,
            c.x + d,
            c.y,
            c.x,
            c.y + d,
            c.x - d,
            c.y
        );
        match kind {
            EventKind::Action => {
                let _ = writeln!(
                    self.out,
                    "<circle cx=\"{:.2}\" cy=\"{:.2}\" r=\"{r}\" {}{stroke}/>",
                    c.x,
                    c.y,
                    paint_attr("fill", col)
                );
            }
            EventKind::Statement => {
                let h = 0.85 * r;
                let _ = writeln!(
                    self.out,
                    "<rect x=\"{:.2}\" y=\"{:.2}\" width=\"{:.2}\" height=\"{:.2}\" rx=\"1\" {}{stroke}/>",
                    c.x - h,
                    c.y - h,
                    2.0 * h,
                    2.0 * h,
                    paint_attr("fill", col)
                );
            }
            EventKind::Claim | EventKind::Denial => {
                let _ = writeln!(
                    self.out,
                    "<polygon points=\"{diamond}\" {}{stroke}/>",
                    paint_attr("fill", col)
                );
                if kind == EventKind::Denial {
                    let k = r * 0.45;
                    for (dx, dy) in [(k, k), (k, -k)] {
                        self.line(
                            Pt {
                                x: c.x - dx,
                                y: c.y - dy,
                            },
                            Pt {
                                x: c.x + dx,
                                y: c.y + dy,
                            },
                            Color32::WHITE,
                            1.6,
                            "",
                        );
                    }
                }
            }
            EventKind::Context => {
                let _ = writeln!(
                    self.out,
                    "<circle cx=\"{:.2}\" cy=\"{:.2}\" r=\"{:.2}\" fill=\"none\" {} stroke-width=\"2\"/>",
                    c.x,
                    c.y,
                    r * 0.9,
                    paint_attr("stroke", col)
                );
            }
        }
    }

    fn frame_top(&mut self, report: &Report) {
        let v = self.v;
        self.text(
            MARGIN,
            24.0,
            20.0,
            v.strong_text_color(),
            &report.title,
            " font-weight=\"bold\"",
        );
        self.text(MARGIN, 48.0, 13.0, v.text_color(), &report.subtitle, "");
    }

    /// The timeline: background, lanes, eras, grid, links, events (grouped, titled), folds and
    /// density strips, lane headers, the axis.
    fn timeline(&mut self, report: &Report, dataset: &Dataset) {
        let scene = &report.scene;
        let v = self.v;
        self.rect(scene.canvas, v.extreme_bg_color, "");
        let time = scene.time_area;
        for row in &scene.lanes {
            let stripe = Area::new(
                scene.canvas.x0,
                row.top,
                scene.canvas.x1,
                row.top + row.height,
            );
            self.rect(stripe, color(Paint::LaneBackground(row.lane), v), "");
        }
        let time_clip = self.clip(time);
        let _ = writeln!(self.out, "<g clip-path=\"url(#{time_clip})\">");
        for p in &scene.periods {
            self.rect(p.area, color(p.paint, v), "");
            let x = p.area.x0.max(time.x0) + 4.0;
            self.text(x, time.y1 - 10.0, 12.0, v.weak_text_color(), &p.title, "");
        }
        for (xs, paint) in [
            (&scene.grid_minor, Paint::Grid),
            (&scene.grid_major, Paint::MajorGrid),
        ] {
            for &x in xs {
                self.line(
                    Pt { x, y: time.y0 },
                    Pt { x, y: time.y1 },
                    color(paint, v),
                    1.0,
                    "",
                );
            }
        }
        for c in &scene.connectors {
            self.line(
                Pt { x: c.x, y: c.y0 },
                Pt { x: c.x, y: c.y1 },
                fill(c.fill, v),
                c.width,
                " stroke-dasharray=\"4 3\"",
            );
        }
        let gaps = self
            .link_gaps(scene)
            .map_or_else(String::new, |id| format!(" mask=\"url(#{id})\""));
        for link in &scene.links {
            let col = fill(link.fill, v);
            let [a, b, c, d] = link.curve;
            let l = &dataset.links[link.link];
            let _ = writeln!(
                self.out,
                "<g class=\"link\"><title>{}{} {} {}</title><path d=\"M{:.2},{:.2} C{:.2},{:.2} {:.2},{:.2} {:.2},{:.2}\" fill=\"none\" {} stroke-width=\"{}\"{}{gaps}/>",
                if link.dashed { "(yours) " } else { "" },
                esc(dataset.events.at(l.from).title()),
                l.kind.verb(),
                esc(dataset.events.at(l.to).title()),
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
                self.out,
                "<polygon points=\"{:.2},{:.2} {:.2},{:.2} {:.2},{:.2}\" {}/></g>",
                t.x,
                t.y,
                p.x,
                p.y,
                q.x,
                q.y,
                paint_attr("fill", col)
            );
        }
        self.events(report, dataset);
        for q in scene.quads.iter().filter(|q| q.event.is_none()) {
            self.quad(q);
        }
        for f in &scene.folds {
            self.rect(f.area, color(Paint::Fold, v), " rx=\"1\"");
            if f.area.width() > 28.0 {
                let c = f.area.center();
                let _ = writeln!(
                    self.out,
                    "<text x=\"{:.2}\" y=\"{:.2}\" font-size=\"10\" text-anchor=\"middle\" dominant-baseline=\"central\" {}>{}</text>",
                    c.x,
                    c.y,
                    paint_attr("fill", v.extreme_bg_color),
                    f.count
                );
            }
        }
        for p in &scene.piles {
            // "+N more": the events that found no row are counted where they lie, and named.
            let names: Vec<String> = scene
                .members_of(p.members)
                .iter()
                .map(|&e| esc(dataset.events.at(e).title()))
                .collect();
            let _ = writeln!(
                self.out,
                "<g class=\"pile\"><title>{}</title>",
                names.join("\n")
            );
            self.rect(p.area, v.extreme_bg_color, " rx=\"3\"");
            let c = p.area.center();
            let _ = writeln!(
                self.out,
                "<rect x=\"{:.2}\" y=\"{:.2}\" width=\"{:.2}\" height=\"{:.2}\" rx=\"3\" fill=\"none\" {}/>",
                p.area.x0 + 0.5,
                p.area.y0 + 0.5,
                p.area.width() - 1.0,
                p.area.height() - 1.0,
                paint_attr("stroke", color(Paint::Fold, v))
            );
            let _ = writeln!(
                self.out,
                "<text x=\"{:.2}\" y=\"{:.2}\" font-size=\"11\" text-anchor=\"middle\" dominant-baseline=\"central\" {}>{}</text></g>",
                c.x,
                c.y,
                paint_attr("fill", v.strong_text_color()),
                esc(&crate::layout::scene::pile_text(p.count))
            );
        }
        if let Some(x) = scene.today_x {
            let c = color(Paint::Today, v);
            self.line(Pt { x, y: time.y0 }, Pt { x, y: time.y1 }, c, 1.5, "");
        }
        self.out.push_str("</g>\n");
        self.headers(report);
        self.axis(report);
    }
}
