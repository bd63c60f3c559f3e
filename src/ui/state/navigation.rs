//! Moving the view: glides from one stretch of time to another. No egui; the app runs the
//! clock.

use crate::layout::TimeView;

/// How long a glide of the view takes, in seconds: long enough to see where the view went,
/// short enough never to be waited for.
pub const GLIDE_SECS: f64 = 0.15;

/// A glide of the view from one stretch of time to another.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Glide {
    /// Where it starts.
    pub from: TimeView,
    /// Where it ends.
    pub to: TimeView,
    /// egui's clock when it began, in seconds.
    pub started: f64,
}

impl Glide {
    /// The view at `t` (0 to 1) of the way: eased out, the centre moving evenly and the span
    /// on a log scale, so a zoom of many orders of magnitude looks even.
    pub fn at(&self, t: f64) -> TimeView {
        if t >= 1.0 {
            return self.to;
        }
        let e = 1.0 - (1.0 - t).powi(3);
        let centre = |v: &TimeView| v.start_secs + v.span_secs / 2.0;
        let c = centre(&self.from) + (centre(&self.to) - centre(&self.from)) * e;
        let (s0, s1) = (self.from.span_secs.ln(), self.to.span_secs.ln());
        let span = (s0 + (s1 - s0) * e).exp();
        TimeView {
            start_secs: c - span / 2.0,
            span_secs: span,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Glide;
    use crate::layout::TimeView;

    #[test]
    fn a_glide_starts_and_ends_where_asked_and_zooms_evenly_on_a_log_scale() {
        let from = TimeView {
            start_secs: 0.0,
            span_secs: 1e9,
        };
        let to = TimeView {
            start_secs: 5e8,
            span_secs: 1e3,
        };
        let glide = Glide {
            from,
            to,
            started: 0.0,
        };
        let close = |a: TimeView, b: TimeView| {
            (a.start_secs - b.start_secs).abs() < 1e-3
                && (a.span_secs / b.span_secs - 1.0).abs() < 1e-9
        };
        assert!(close(glide.at(0.0), from));
        assert_eq!(glide.at(1.0), to);
        // Spans shrink monotonically, and halfway (eased) is between the two on a log scale.
        let spans: Vec<f64> = (0..=10)
            .map(|k| glide.at(f64::from(k) / 10.0).span_secs)
            .collect();
        assert!(spans.windows(2).all(|w| w[1] <= w[0]), "{spans:?}");
        // Halfway in time is 0.875 of the way eased (1 - 0.5³), on a log scale: 10^(9 - 6 ×
        // 0.875) seconds, where an even (linear) span would be 1.25e8 seconds.
        for (t, eased) in [(0.5, 0.875), (0.25, 1.0 - 0.75_f64.powi(3))] {
            let view = glide.at(t);
            let span = 10_f64.powf(9.0 - 6.0 * eased);
            assert!((view.span_secs / span - 1.0).abs() < 1e-9, "{t}: {view:?}");
            let centre = 5e8 + (5e8 + 500.0 - 5e8) * eased;
            assert!((view.start_secs + view.span_secs / 2.0 - centre).abs() < 1e-3);
        }
    }
}
