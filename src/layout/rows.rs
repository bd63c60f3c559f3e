//! The vertical layout of lanes: which row of its lane each item takes (stacked per zoom
//! bucket, so labels get room), how tall each lane is, and where it sits once scrolled.

use super::TimelineIndex;
use super::metrics::{
    DENSE_LANE_ROWS, GROUPED_LANE_MIN_HEIGHT, LABEL_CHAR_WIDTH, LANE_PADDING, MARKER_RADIUS,
    MAX_LABEL_WIDTH, ROW_HEIGHT, STACK_BUCKETS_PER_OCTAVE, ZOOM_STACK_MAX_EVENTS,
};
use crate::model::{Dataset, Event};

/// The rows of each lane's items at one zoom bucket.
#[derive(Clone, Debug)]
pub struct Stacking {
    /// The zoom bucket it was made for (`i64::MIN`: stacked on time alone, for any zoom).
    pub bucket: i64,
    /// `rows[lane][position]`: the row of each item.
    pub rows: Vec<Vec<u16>>,
    /// Rows in each lane.
    pub row_counts: Vec<usize>,
}

/// The zoom bucket of `secs_per_px` for a dataset of `events` events: large datasets stack on
/// time alone, once (restacking a million events on every zoom step cost up to 1.2 s a frame,
/// the scale benchmark's pan/zoom sequence before this rule).
pub fn zoom_bucket(events: usize, secs_per_px: f64) -> i64 {
    if events <= ZOOM_STACK_MAX_EVENTS {
        (secs_per_px.log2() * STACK_BUCKETS_PER_OCTAVE).floor() as i64
    } else {
        i64::MIN
    }
}

/// Stacks every lane of `index` for zoom bucket `bucket`: an item takes the first row where it
/// and its label fit.
pub fn stack_lanes(dataset: &Dataset, index: &TimelineIndex, bucket: i64) -> Stacking {
    let secs_per_px = if bucket == i64::MIN {
        0.0
    } else {
        ((bucket + 1) as f64 / STACK_BUCKETS_PER_OCTAVE).exp2()
    };
    let mut rows = Vec::with_capacity(index.lanes.len());
    let mut row_counts = Vec::with_capacity(index.lanes.len());
    for lane in &index.lanes {
        let (r, n) = lane.stack(|pos| {
            let event = dataset.events.at(lane.events[pos] as usize);
            let span_secs = (lane.latest[pos] - lane.earliest[pos]) as f64;
            let label_secs = label_px(event) * secs_per_px;
            if event.when().is_point || span_secs < label_secs {
                span_secs + label_secs
            } else {
                span_secs
            }
        });
        rows.push(r);
        row_counts.push(n);
    }
    Stacking {
        bucket,
        rows,
        row_counts,
    }
}

/// Room an event's marker and label want, in points (planned, not measured: see metrics).
pub fn label_px(event: Event<'_>) -> f64 {
    let chars = event.title().chars().count() as f32 + 4.0;
    f64::from((chars * LABEL_CHAR_WIDTH + 2.0 * MARKER_RADIUS + 8.0).min(MAX_LABEL_WIDTH))
}

/// The height of a lane of `rows` rows (a density strip when `is_dense`), with room for the
/// group toggle when it belongs to a group.
pub fn lane_height(rows: usize, is_dense: bool, is_grouped: bool) -> f32 {
    let rows = if is_dense { DENSE_LANE_ROWS } else { rows };
    let height = rows as f32 * ROW_HEIGHT + 2.0 * LANE_PADDING;
    if is_grouped {
        height.max(GROUPED_LANE_MIN_HEIGHT)
    } else {
        height
    }
}
