//! The report's text in the reader window: each paragraph laid out once with its marks (time
//! expressions, speakers, the selected draft's words) and kept between frames, only those in
//! view drawn, and the view scrolled to the selected draft's words; and the colours of those
//! marks (the window's legend and the draft's quote use them too). Reads the reader's state;
//! changes only its own layout cache and the one-shot scroll request.

use egui::text::{CCursor, LayoutJob, TextFormat};
use egui::{Color32, RichText};

use crate::ui::state::reader::ReaderState;

/// The background of a time expression in the report's text.
pub(super) const TIME_FILL: Color32 = Color32::from_rgba_unmultiplied_const(60, 130, 240, 90);
/// The background of a speaker's name.
pub(super) const SPEAKER_FILL: Color32 = Color32::from_rgba_unmultiplied_const(240, 140, 30, 90);
/// The background of the selected draft's words.
pub(super) const QUOTE_FILL: Color32 = Color32::from_rgba_unmultiplied_const(240, 210, 40, 70);

/// How the report's text is drawn: its font and colours.
struct TextLook {
    /// The body font.
    font: egui::FontId,
    /// The text's colour.
    color: Color32,
    /// The selected draft's words' colour (and underline).
    strong: Color32,
    /// The width lines wrap at, in points.
    wrap_width_pt: f32,
}

/// The marks of a report's text: time expressions and speakers as sorted, disjoint byte ranges,
/// and the selected draft's words.
struct TextMarks {
    /// The time expressions.
    times: Vec<(usize, usize)>,
    /// The speakers' names.
    speakers: Vec<(usize, usize)>,
    /// The selected draft's words, if one is selected.
    quote: Option<(usize, usize)>,
}

/// The marks in `spans` that overlap `range`, clipped to it.
fn spans_in(spans: &[(usize, usize)], range: &std::ops::Range<usize>) -> Vec<(usize, usize)> {
    let lo = spans.partition_point(|s| s.1 <= range.start);
    let hi = spans.partition_point(|s| s.0 < range.end);
    spans
        .get(lo..hi.max(lo))
        .unwrap_or_default()
        .iter()
        .map(|&(a, b)| (a.max(range.start), b.min(range.end)))
        .collect()
}

/// One paragraph of `text` (`range`, without its line break) as a layout job with its marks.
fn paragraph_job(
    text: &str,
    range: &std::ops::Range<usize>,
    marks: &TextMarks,
    look: &TextLook,
) -> LayoutJob {
    let mut job = LayoutJob {
        wrap: egui::text::TextWrapping {
            max_width: look.wrap_width_pt,
            ..Default::default()
        },
        ..Default::default()
    };
    let times = spans_in(&marks.times, range);
    let speakers = spans_in(&marks.speakers, range);
    let quote = marks
        .quote
        .and_then(|q| spans_in(&[q], range).first().copied());
    let mut cuts: Vec<usize> = vec![range.start, range.end];
    for &(a, b) in times.iter().chain(&speakers).chain(&quote) {
        cuts.extend([a, b]);
    }
    cuts.sort_unstable();
    cuts.dedup();
    let covers = |spans: &[(usize, usize)], a: usize, b: usize| {
        let i = spans.partition_point(|s| s.1 <= a);
        spans.get(i).is_some_and(|s| s.0 <= a && b <= s.1)
    };
    for pair in cuts.windows(2) {
        let (a, b) = (pair[0], pair[1]);
        let Some(piece) = text.get(a..b) else {
            continue;
        };
        let is_time = covers(&times, a, b);
        let is_speaker = covers(&speakers, a, b);
        let is_quote = quote.is_some_and(|q| q.0 <= a && b <= q.1);
        let background = if is_time {
            TIME_FILL
        } else if is_speaker {
            SPEAKER_FILL
        } else if is_quote {
            QUOTE_FILL
        } else {
            Color32::TRANSPARENT
        };
        job.append(
            piece,
            0.0,
            TextFormat {
                font_id: look.font.clone(),
                color: if is_quote { look.strong } else { look.color },
                background,
                underline: if is_quote {
                    egui::Stroke::new(1.5, look.strong)
                } else {
                    egui::Stroke::NONE
                },
                ..Default::default()
            },
        );
    }
    if job.text.is_empty() {
        // An empty line keeps its height.
        job.append("", 0.0, TextFormat::simple(look.font.clone(), look.color));
    }
    job
}

/// The report's paragraphs laid out, kept between frames: laid out again all at once when the
/// width or the theme changes, and only those holding the old or the new selected draft's words
/// when the selection changes. (A report of a megabyte has thousands of paragraphs: laying them
/// all out, or even hashing them for egui's own cache, every frame would cost more than a frame.)
#[derive(Debug, Default)]
pub(super) struct TextCache {
    /// The wrap width (whole points) and dark mode they were laid out for.
    key: Option<(i32, bool)>,
    /// The selected draft's words they mark.
    quote: Option<(usize, usize)>,
    /// One galley per paragraph.
    galleys: Vec<std::sync::Arc<egui::Galley>>,
    /// Where each paragraph starts, from the text's top, in points.
    tops: Vec<f32>,
    /// The whole text's height, in points.
    height_pt: f32,
}

impl TextCache {
    /// Lays out again what changed since the last frame.
    fn refresh(&mut self, ui: &egui::Ui, state: &ReaderState, marks: &TextMarks, look: &TextLook) {
        let text = &state.report.document.text;
        let painter = ui.painter();
        let key = Some((look.wrap_width_pt.round() as i32, ui.visuals().dark_mode));
        let touches = |range: &std::ops::Range<usize>, q: Option<(usize, usize)>| {
            q.is_some_and(|(a, b)| a < range.end.max(range.start + 1) && range.start < b)
        };
        if self.key != key || self.galleys.len() != state.paragraphs.len() {
            self.galleys = state
                .paragraphs
                .iter()
                .map(|(range, _)| painter.layout_job(paragraph_job(text, range, marks, look)))
                .collect();
        } else if self.quote != marks.quote {
            for ((range, _), galley) in state.paragraphs.iter().zip(&mut self.galleys) {
                if touches(range, self.quote) || touches(range, marks.quote) {
                    *galley = painter.layout_job(paragraph_job(text, range, marks, look));
                }
            }
        } else {
            return;
        }
        self.key = key;
        self.quote = marks.quote;
        self.tops.clear();
        let mut height = 0.0;
        for galley in &self.galleys {
            self.tops.push(height);
            height += galley.size().y;
        }
        self.height_pt = height;
    }
}

/// The report's text, with the time expressions, the speakers and the selected draft's words
/// marked; scrolled to those words when a draft is selected. Each paragraph is its own galley,
/// kept between frames ([`TextCache`]), and only the paragraphs in view are drawn.
pub(super) fn text_ui(ui: &mut egui::Ui, state: &mut ReaderState, cache: &mut TextCache) {
    ui.label(RichText::new("The report").strong());
    let quote_at = state
        .selected
        .and_then(|i| state.drafts.get(i))
        .map(|d| (d.draft.quote.start_byte, d.draft.quote.start_char));
    let marks = TextMarks {
        times: state
            .report
            .timexes
            .iter()
            .map(|t| (t.start_byte, t.end_byte))
            .collect(),
        speakers: state
            .speaker_spans
            .iter()
            .map(|r| (r.start, r.end))
            .collect(),
        quote: state
            .selected
            .and_then(|i| state.drafts.get(i))
            .map(|d| (d.draft.quote.start_byte, d.draft.quote.end_byte)),
    };
    let look = TextLook {
        font: egui::TextStyle::Body.resolve(ui.style()),
        color: ui.visuals().text_color(),
        strong: ui.visuals().strong_text_color(),
        wrap_width_pt: ui.available_width() - 16.0,
    };
    cache.refresh(ui, state, &marks, &look);
    let (galleys, tops, height) = (&cache.galleys, &cache.tops, cache.height_pt);
    egui::ScrollArea::vertical()
        .id_salt("reader-text")
        .auto_shrink([false, false])
        .show_viewport(ui, |ui, viewport| {
            let origin = ui.max_rect().min;
            ui.set_min_height(height);
            let first = tops
                .partition_point(|&t| t <= viewport.min.y)
                .saturating_sub(1);
            for (galley, &top) in galleys.iter().zip(tops).skip(first) {
                if top > viewport.max.y {
                    break;
                }
                let rect = egui::Rect::from_min_size(origin + egui::vec2(0.0, top), galley.size());
                ui.put(rect, egui::Label::new(galley.clone()).selectable(true));
            }
            if state.scroll_to_quote
                && let Some((start_byte, start_char)) = quote_at
            {
                state.scroll_to_quote = false;
                let p = state
                    .paragraphs
                    .partition_point(|(range, _)| range.end < start_byte)
                    .min(galleys.len().saturating_sub(1));
                if let (Some(galley), Some(&top), Some((_, first_char))) =
                    (galleys.get(p), tops.get(p), state.paragraphs.get(p))
                {
                    let at = galley
                        .pos_from_cursor(CCursor::new(start_char.saturating_sub(*first_char)))
                        .translate(origin.to_vec2() + egui::vec2(0.0, top));
                    ui.scroll_to_rect(at, Some(egui::Align::Center));
                }
            }
        });
}
