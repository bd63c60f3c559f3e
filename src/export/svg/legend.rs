//! The legend of a report's SVG: the kinds and links shown, and the key to how uncertain
//! dates are drawn.

use std::fmt::Write as _;

use super::{Writer, paint_attr, text_width};
use crate::export::report::{MARGIN, Report};
use crate::export::theme::fill;
use crate::layout::scene::{BadgeKind, Fill, Paint, Pt, key};

impl Writer<'_> {
    /// The legend: the kinds and links shown, what is yours, and the key to how uncertainty is
    /// drawn.
    pub(crate) fn legend(&mut self, report: &Report) {
        let right = report.width - MARGIN;
        let (x, row1, shift) = self.legend_kinds(report);
        let (x, row1, shift) = self.legend_links(report, x, row1, shift, right);
        self.legend_yours(report, x, row1, shift, right);
        self.uncertainty_key(report, shift, right);
    }

    /// The kinds shown, from the legend's first row; where the row goes on, the row's baseline
    /// and how far rows below move down (nothing yet).
    fn legend_kinds(&mut self, report: &Report) -> (f32, f32, f32) {
        let v = self.v;
        let top = report.legend_top;
        let mut x = MARGIN;
        let row1 = top + 12.0;
        // How far the rows below move down for the lines wrapped above them.
        let shift = 0.0;
        self.text(x, row1, 11.5, v.weak_text_color(), "Kinds:", "");
        x += 48.0;
        for &kind in &report.kinds {
            let col = fill(Fill::solid(Paint::Kind(kind)), v);
            self.marker(
                Pt {
                    x: x + 5.0,
                    y: row1,
                },
                kind,
                col,
                5.0,
                None,
            );
            self.text(x + 14.0, row1, 11.5, v.text_color(), kind.name(), "");
            x += 22.0 + text_width(kind.name(), 11.5) + 12.0;
        }
        (x, row1, shift)
    }

    /// The link kinds shown, after the kinds on row `row1` from `x` (on a line of their own
    /// where they do not fit); where the row goes on, its baseline and the shift below.
    fn legend_links(
        &mut self,
        report: &Report,
        mut x: f32,
        mut row1: f32,
        mut shift: f32,
        right: f32,
    ) -> (f32, f32, f32) {
        let v = self.v;
        if !report.link_kinds.is_empty() {
            let needed = 56.0
                + report
                    .link_kinds
                    .iter()
                    .map(|k| 52.0 + text_width(k.verb(), 11.5))
                    .sum::<f32>();
            if x + 12.0 + needed > right {
                // The links on a line of their own.
                x = MARGIN;
                row1 += 20.0;
                shift += 20.0;
            } else {
                x += 12.0;
            }
            self.text(x, row1, 11.5, v.weak_text_color(), "Links:", "");
            x += 44.0;
            for &kind in &report.link_kinds {
                let col = fill(Fill::solid(Paint::Link(kind)), v);
                self.line(
                    Pt { x, y: row1 },
                    Pt {
                        x: x + 22.0,
                        y: row1,
                    },
                    col,
                    2.0,
                    "",
                );
                let _ = writeln!(
                    self.out,
                    "<polygon points=\"{:.2},{:.2} {:.2},{:.2} {:.2},{:.2}\" {}/>",
                    x + 26.0,
                    row1,
                    x + 18.0,
                    row1 - 4.0,
                    x + 18.0,
                    row1 + 4.0,
                    paint_attr("fill", col)
                );
                self.text(x + 32.0, row1, 11.5, v.text_color(), kind.verb(), "");
                x += 40.0 + text_width(kind.verb(), 11.5) + 12.0;
            }
        }
        (x, row1, shift)
    }

    /// What is the analyst's (stars, notes, own events and links) where the report has any:
    /// on the first row when there is room, else on a row of its own under the key.
    fn legend_yours(&mut self, report: &Report, mut x: f32, row1: f32, shift: f32, right: f32) {
        let v = self.v;
        let top = report.legend_top;
        let (stars, notes, own, own_links) = report.yours;
        if stars || notes || own || own_links {
            let items = [
                (stars, Some(Some(BadgeKind::Star)), "starred"),
                (notes, Some(Some(BadgeKind::Note)), "has a note"),
                (own, Some(None), "added by you"),
                (own_links, None, "your link"),
            ];
            let needed = 56.0
                + items
                    .iter()
                    .filter(|i| i.0)
                    .map(|i| 36.0 + text_width(i.2, 11.5))
                    .sum::<f32>();
            // On the first row when there is room, else on a row of its own under the key.
            let row1 = if x + needed <= right {
                x += 12.0;
                row1
            } else {
                x = MARGIN;
                top + 128.0 + shift
            };
            self.text(x, row1, 11.5, v.weak_text_color(), "Yours:", "");
            x += 44.0;
            for (on, kind, words) in items {
                if !on {
                    continue;
                }
                match kind {
                    Some(Some(kind)) => self.badge(
                        kind,
                        Pt {
                            x: x + 5.0,
                            y: row1,
                        },
                    ),
                    None => {
                        let _ = writeln!(
                            self.out,
                            "<line x1=\"{:.2}\" y1=\"{row1:.2}\" x2=\"{:.2}\" y2=\"{row1:.2}\" {} stroke-width=\"1.5\" stroke-dasharray=\"5 3\"/>",
                            x - 2.0,
                            x + 12.0,
                            paint_attr("stroke", v.text_color())
                        );
                    }
                    Some(None) => {
                        let _ = writeln!(
                            self.out,
                            "<rect x=\"{:.2}\" y=\"{:.2}\" width=\"12\" height=\"12\" fill=\"none\" {} stroke-width=\"1.5\" stroke-dasharray=\"3 2\"/>",
                            x - 1.0,
                            row1 - 6.0,
                            paint_attr("stroke", crate::export::theme::own_color(v))
                        );
                    }
                }
                self.text(x + 16.0, row1, 11.5, v.text_color(), words, "");
                x += 24.0 + text_width(words, 11.5) + 12.0;
            }
        }
    }

    /// The key to how uncertain dates are drawn, one sample each, `shift` below its place.
    fn uncertainty_key(&mut self, report: &Report, shift: f32, right: f32) {
        let v = self.v;
        let top = report.legend_top;
        let row2 = top + 40.0 + shift;
        self.text(
            MARGIN,
            row2,
            11.5,
            v.weak_text_color(),
            "How uncertain dates are drawn:",
            "",
        );
        // The samples sit on rows 26 points apart (plus what the sentence above wrapped to),
        // each centred on its row's baseline.
        let x = MARGIN + 190.0;
        let mut row = row2;
        let mut extra = 0.0;
        for (k, sample) in key::uncertainty_key().iter().enumerate() {
            row += match k {
                0 => 0.0,
                1 => 26.0 + extra,
                _ => 22.0 + extra,
            };
            let top = row - key::SAMPLE_HEIGHT / 2.0;
            for q in &sample.quads {
                self.quad(&key::moved(q, x, top));
            }
            extra = self.wrapped(x + key::SAMPLE_WIDTH + 8.0, row, right, sample.text);
        }
        if report.has_uncertain {
            self.wrapped(x + 78.0, row + 20.0 + extra, right, key::UNSURE_TEXT);
        }
    }

    /// `text` at 11.5 points from `x` on baseline row `y`, wrapped at spaces so that no line
    /// passes `right`; how much taller than one line it is.
    fn wrapped(&mut self, x: f32, y: f32, right: f32, text: &str) -> f32 {
        const SIZE: f32 = 11.5;
        const STEP: f32 = 14.0;
        let lines = wrap_words(text, right - x, SIZE);
        for (k, line) in lines.iter().enumerate() {
            self.text(x, y + k as f32 * STEP, SIZE, self.v.text_color(), line, "");
        }
        lines.len().saturating_sub(1) as f32 * STEP
    }
}

/// `text` broken at spaces into lines no wider than `width` points at `size` (by the wide
/// estimate; a word longer than a line gets a line of its own).
pub fn wrap_words(text: &str, width: f32, size: f32) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split(' ') {
        let candidate = if line.is_empty() {
            word.to_owned()
        } else {
            format!("{line} {word}")
        };
        if !line.is_empty() && super::lanes::text_width_wide(&candidate, size) > width {
            lines.push(std::mem::take(&mut line));
            line = word.to_owned();
        } else {
            line = candidate;
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// Height of the legend and key of `report` as the SVG draws them (wrapped to its width), in
/// points: at least [`crate::export::report::LEGEND_HEIGHT`].
pub fn legend_height(report: &Report) -> f32 {
    let v = super::visuals(report.theme);
    let mut w = Writer::new(&v);
    w.legend(report);
    let lowest = w
        .out
        .match_indices(" y=\"")
        .filter_map(|(at, m)| {
            let rest = &w.out[at + m.len()..];
            rest.split('"').next().and_then(|n| n.parse::<f32>().ok())
        })
        .fold(report.legend_top, f32::max);
    (lowest - report.legend_top + 20.0).max(crate::export::report::LEGEND_HEIGHT)
}
