//! The export window's choices: what stretch of time (the view, the whole extent, or typed
//! dates), the theme, the title, and for a PDF one page or tiles. No egui; the window edits
//! them and the export reads them.

use crate::export::report::Theme;
use crate::export::tiles::Paper;
use crate::layout::TimeView;
use crate::model::FuzzyDate;

/// Which stretch of time an export shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExportRange {
    /// The time in view.
    Visible,
    /// Every event.
    Whole,
    /// From and to typed dates.
    Typed,
}

/// The choices of the export window.
#[derive(Clone, Debug, PartialEq)]
pub struct ExportChoices {
    /// The stretch of time.
    pub range: ExportRange,
    /// The typed start (EDTF), for [`ExportRange::Typed`].
    pub from: String,
    /// The typed end (EDTF).
    pub to: String,
    /// Light for print, or dark as the app shows it.
    pub theme: Theme,
    /// The title, the dataset's to begin with.
    pub title: String,
    /// For a PDF: one page the size of the content (`None`) or tiles on this paper.
    pub paper: Option<Paper>,
    /// Every lane (a tall image, nothing cut off), or only the lanes on screen.
    pub is_every_lane: bool,
    /// Width of a PNG, in pixels.
    pub width_px: u32,
    /// Pixels per point of a PNG, 1 to 4 (the page is `width_px / scale` points wide).
    pub scale: f32,
    /// Only the starred events.
    pub is_starred_only: bool,
}

impl ExportChoices {
    /// The defaults: the view, light, the dataset's title, one page.
    pub fn new(title: &str) -> Self {
        Self {
            range: ExportRange::Visible,
            from: String::new(),
            to: String::new(),
            theme: Theme::Light,
            title: title.to_owned(),
            paper: None,
            is_every_lane: true,
            width_px: 2400,
            scale: 2.0,
            is_starred_only: false,
        }
    }

    /// The page's width in points.
    pub fn width_pt(&self) -> f32 {
        self.width_px.clamp(200, 20_000) as f32 / self.scale.clamp(1.0, 4.0)
    }

    /// The stretch of time these choices show, given the view and the extent of the events; or
    /// what is wrong with the typed dates, in words.
    pub fn view(&self, view: TimeView, extent: Option<(i64, i64)>) -> Result<TimeView, String> {
        match self.range {
            ExportRange::Visible => Ok(view),
            ExportRange::Whole => Ok(extent.map_or(view, |(a, b)| {
                let fit = TimeView::fit(a as f64, b as f64, 0.03);
                TimeView {
                    span_secs: fit.span_secs * 1.18,
                    ..fit
                }
            })),
            ExportRange::Typed => {
                let parse = |what: &str, text: &str| -> Result<FuzzyDate, String> {
                    text.trim()
                        .parse::<FuzzyDate>()
                        .map_err(|e| format!("{what}: {}", e.message))
                };
                let from = parse("from", &self.from)?.bounds().earliest.0;
                let to = parse("to", &self.to)?.bounds().latest.0;
                if to <= from {
                    return Err("the range ends before it starts".to_owned());
                }
                Ok(TimeView {
                    start_secs: from as f64,
                    span_secs: (to - from) as f64,
                })
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{ExportChoices, ExportRange};
    use crate::layout::TimeView;
    use crate::model::CivilDateTime;

    #[test]
    fn typed_dates_give_the_range_from_the_first_to_the_last_instant() {
        let view = TimeView {
            start_secs: 0.0,
            span_secs: 10.0,
        };
        let mut choices = ExportChoices::new("T");
        assert_eq!(choices.view(view, None), Ok(view));
        choices.range = ExportRange::Typed;
        choices.from = "2016".to_owned();
        choices.to = "2018-06".to_owned();
        let typed = choices.view(view, None).unwrap_or(view);
        let day = |y, m, d| CivilDateTime::date(y, m, d).timestamp().as_f64();
        assert_eq!(typed.start_secs, day(2016, 1, 1));
        assert_eq!(typed.end_secs(), day(2018, 7, 1));
        choices.to = "2015".to_owned();
        assert_eq!(
            choices.view(view, None),
            Err("the range ends before it starts".to_owned())
        );
        choices.to = "2018-13".to_owned();
        assert!(
            choices
                .view(view, None)
                .is_err_and(|e| e.starts_with("to: expected the month"))
        );
    }
}
