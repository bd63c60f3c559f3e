//! The key to how uncertain dates are drawn: one sample of each way, as quads in a box of its
//! own, with the sentence that explains it. The report's legend and the window's key draw the
//! same samples, so the two cannot tell different stories. No drawing here.

use super::{Area, Fill, Paint, Quad};
use crate::layout::metrics::{RANGE_BAND_ALPHA, UNCERTAIN_ALPHA};
use crate::model::EventKind;

/// Width of a sample, in points.
pub const SAMPLE_WIDTH: f32 = 70.0;
/// Height of a sample (a bar's height), in points; its middle is at half of it.
pub const SAMPLE_HEIGHT: f32 = 14.0;

/// One way an uncertain date is drawn.
#[derive(Clone, Debug, PartialEq)]
pub struct KeySample {
    /// The sample's shapes, in a box from `(0, 0)` to ([`SAMPLE_WIDTH`], [`SAMPLE_HEIGHT`]).
    pub quads: Vec<Quad>,
    /// What it means, in a sentence.
    pub text: &'static str,
}

/// The sentence on dates the source itself is not sure of.
pub const UNSURE_TEXT: &str = "(?) after a title: the source is not sure of the date";

/// A quad of one colour.
fn solid(area: Area, fill: Fill) -> Quad {
    Quad {
        area,
        left: fill,
        right: fill,
        event: None,
    }
}

/// The three samples, in the order the key lists them: a fade, a band between whiskers, a band
/// fading in to a whisker.
pub fn uncertainty_key() -> [KeySample; 3] {
    let (w, h) = (SAMPLE_WIDTH, SAMPLE_HEIGHT);
    let kind = |k: EventKind| Paint::Kind(k);
    let whisker = 1.5;
    let fade = KeySample {
        quads: vec![
            Quad {
                area: Area::new(0.0, 0.0, 40.0, h),
                left: Fill::faint(kind(EventKind::Action), UNCERTAIN_ALPHA),
                right: Fill::solid(kind(EventKind::Action)),
                event: None,
            },
            solid(
                Area::new(40.0, 0.0, w, h),
                Fill::solid(kind(EventKind::Action)),
            ),
        ],
        text: "fade: from the earliest to the latest possible start (or end)",
    };
    let claim = Fill::solid(kind(EventKind::Claim));
    let band = KeySample {
        quads: vec![
            solid(
                Area::new(0.0, 2.0, w, h - 2.0),
                Fill::faint(kind(EventKind::Claim), RANGE_BAND_ALPHA),
            ),
            solid(Area::new(0.0, 0.0, whisker, h), claim),
            solid(Area::new(w - whisker, 0.0, w, h), claim),
        ],
        text: "band between whiskers: one event known only to lie somewhere in that range \
               (a month, a year, or \u{2018}18 to 24 months before\u{2019}); no instant in it is marked",
    };
    let by_then = KeySample {
        quads: vec![
            Quad {
                area: Area::new(0.0, 2.0, w - whisker, h - 2.0),
                left: Fill::faint(kind(EventKind::Denial), RANGE_BAND_ALPHA * UNCERTAIN_ALPHA),
                right: Fill::faint(kind(EventKind::Denial), RANGE_BAND_ALPHA),
                event: None,
            },
            solid(
                Area::new(w - whisker, 0.0, w, h),
                Fill::solid(kind(EventKind::Denial)),
            ),
        ],
        text: "fading in to a whisker: one event at or before that date (a statement the \
               report says was made by then)",
    };
    [fade, band, by_then]
}

/// `quad` moved by `(dx, dy)`.
pub fn moved(quad: &Quad, dx: f32, dy: f32) -> Quad {
    let a = quad.area;
    Quad {
        area: Area::new(a.x0 + dx, a.y0 + dy, a.x1 + dx, a.y1 + dy),
        ..*quad
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_sample_stays_in_its_box_and_says_something() {
        for sample in uncertainty_key() {
            assert!(!sample.text.is_empty());
            for q in &sample.quads {
                let a = q.area;
                assert!(a.x0 >= 0.0 && a.x1 <= SAMPLE_WIDTH && a.x0 < a.x1, "{a:?}");
                assert!(a.y0 >= 0.0 && a.y1 <= SAMPLE_HEIGHT && a.y0 < a.y1, "{a:?}");
            }
        }
    }
}
