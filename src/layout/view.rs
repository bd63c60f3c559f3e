//! The visible time range and the time↔x mapping, in `f64` seconds and pixels.
//!
//! `f64` is deliberate (see `DESIGN.md`): zoomed in to minutes on a decades-long dataset, events
//! far away map to x coordinates far outside the screen, which `f32` cannot hold precisely.

/// Shortest visible span: one minute across the timeline.
pub const MIN_SPAN_SECS: f64 = 60.0;

/// Longest visible span: 40 billion years, enough for cosmological timelines.
pub const MAX_SPAN_SECS: f64 = 40e9 * 365.2425 * 86_400.0;

/// Which stretch of time the timeline shows. Independent of the screen.
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct TimeView {
    /// The time at the left edge, in seconds since 1970-01-01 UTC.
    pub start_secs: f64,
    /// How much time the full width covers, in seconds; within
    /// [`MIN_SPAN_SECS`]..=[`MAX_SPAN_SECS`].
    pub span_secs: f64,
}

impl TimeView {
    /// This view made sane: a finite start and a span within the limits (for a view read back
    /// from storage, which may hold anything).
    pub fn clamped(self) -> Self {
        let span = if self.span_secs.is_finite() {
            self.span_secs.clamp(MIN_SPAN_SECS, MAX_SPAN_SECS)
        } else {
            MAX_SPAN_SECS
        };
        let start = if self.start_secs.is_finite() {
            self.start_secs.clamp(-MAX_SPAN_SECS, MAX_SPAN_SECS)
        } else {
            0.0
        };
        Self {
            start_secs: start,
            span_secs: span,
        }
    }

    /// A view that shows `[earliest, latest]` with `margin` (a fraction of the span) on each side.
    pub fn fit(earliest: f64, latest: f64, margin: f64) -> Self {
        let span = (latest - earliest).max(MIN_SPAN_SECS);
        let padded = (span * (1.0 + 2.0 * margin)).clamp(MIN_SPAN_SECS, MAX_SPAN_SECS);
        let centre = earliest + (latest - earliest) / 2.0;
        Self {
            start_secs: centre - padded / 2.0,
            span_secs: padded,
        }
    }

    /// The time at the right edge.
    pub fn end_secs(&self) -> f64 {
        self.start_secs + self.span_secs
    }

    /// This view zoomed by `factor` (< 1 zooms in) keeping the time at fraction `anchor` (0 = left
    /// edge, 1 = right edge) where it is. The span stays within its limits.
    pub fn zoomed(&self, factor: f64, anchor: f64) -> Self {
        let span = (self.span_secs * factor).clamp(MIN_SPAN_SECS, MAX_SPAN_SECS);
        let anchor_time = self.start_secs + anchor * self.span_secs;
        Self {
            start_secs: anchor_time - anchor * span,
            span_secs: span,
        }
    }

    /// This view moved later by `secs` (negative: earlier).
    pub fn panned(&self, secs: f64) -> Self {
        Self {
            start_secs: self.start_secs + secs,
            span_secs: self.span_secs,
        }
    }
}

/// A [`TimeView`] laid over a horizontal stretch of screen.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ScreenMap {
    /// The visible time range.
    pub view: TimeView,
    /// Screen x of the view's start, in points.
    pub left_px: f64,
    /// Width of the time area, in points; > 0.
    pub width_px: f64,
}

impl ScreenMap {
    /// Creates a mapping; a zero or negative width is treated as one point.
    pub fn new(view: TimeView, left_px: f64, width_px: f64) -> Self {
        Self {
            view,
            left_px,
            width_px: width_px.max(1.0),
        }
    }

    /// Points per second.
    pub fn px_per_sec(&self) -> f64 {
        self.width_px / self.view.span_secs
    }

    /// Seconds per point.
    pub fn secs_per_px(&self) -> f64 {
        self.view.span_secs / self.width_px
    }

    /// Screen x of time `t` (seconds); may lie far outside the screen.
    pub fn x_from_time(&self, t: f64) -> f64 {
        self.left_px + (t - self.view.start_secs) * self.px_per_sec()
    }

    /// Time (seconds) at screen x.
    pub fn time_from_x(&self, x: f64) -> f64 {
        self.view.start_secs + (x - self.left_px) * self.secs_per_px()
    }

    /// The view zoomed by `factor` around screen x `x` (the time under `x` stays under it).
    pub fn zoomed_around(&self, x: f64, factor: f64) -> TimeView {
        let anchor = ((x - self.left_px) / self.width_px).clamp(0.0, 1.0);
        self.view.zoomed(factor, anchor)
    }

    /// The view after dragging the content right by `dx` points.
    pub fn panned_by_px(&self, dx: f64) -> TimeView {
        self.view.panned(-dx * self.secs_per_px())
    }
}

#[cfg(test)]
mod tests {
    use super::{MIN_SPAN_SECS, ScreenMap, TimeView};

    #[test]
    fn one_unit_is_one_pixel() {
        let map = ScreenMap::new(
            TimeView {
                start_secs: 100.0,
                span_secs: 1000.0,
            },
            10.0,
            1000.0,
        );
        assert_eq!(map.x_from_time(100.0), 10.0);
        assert_eq!(map.x_from_time(600.0), 510.0);
        assert_eq!(map.time_from_x(510.0), 600.0);
        assert_eq!(map.x_from_time(-1e9), 10.0 - 1e9 - 100.0);
    }

    #[test]
    fn zoom_keeps_the_time_under_the_pointer() {
        let map = ScreenMap::new(
            TimeView {
                start_secs: 0.0,
                span_secs: 1000.0,
            },
            0.0,
            1000.0,
        );
        let zoomed = ScreenMap::new(map.zoomed_around(250.0, 0.5), 0.0, 1000.0);
        assert_eq!(zoomed.view.span_secs, 500.0);
        assert!((zoomed.time_from_x(250.0) - 250.0).abs() < 1e-9);
        let limit = map.view.zoomed(1e-9, 0.5);
        assert_eq!(limit.span_secs, MIN_SPAN_SECS);
    }

    #[test]
    fn pan_moves_content_with_the_mouse() {
        let map = ScreenMap::new(
            TimeView {
                start_secs: 0.0,
                span_secs: 1000.0,
            },
            0.0,
            500.0,
        );
        assert_eq!(map.panned_by_px(50.0).start_secs, -100.0);
    }

    #[test]
    fn fit_adds_margin_and_handles_a_single_instant() {
        let v = TimeView::fit(0.0, 1000.0, 0.05);
        assert_eq!(v.start_secs, -50.0);
        assert_eq!(v.span_secs, 1100.0);
        let point = TimeView::fit(500.0, 500.0, 0.05);
        assert!(point.span_secs >= MIN_SPAN_SECS);
        assert!(point.start_secs < 500.0 && point.end_secs() > 500.0);
    }
}
