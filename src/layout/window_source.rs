//! The scene's source over a database: the last window answer's per-lane bins for counts and
//! density strips, and the in-memory index of its fetched events for the items drawn one by
//! one. Lanes not fetched event by event are always drawn as counts.

use crate::layout::TimelineIndex;
use crate::model::Dataset;
use crate::source::window::{Answer, resample};
use crate::source::{SourceItem, TimelineSource};

/// The scene's view of a window answer: counts from the database's bins, items from the
/// fetched events (indexed in `index`, whose lanes are the dataset's actors, filtered or not).
pub struct WindowSource<'a> {
    /// The fetched events' lanes.
    pub index: &'a TimelineIndex,
    /// The window dataset (lane names are its actors' ids).
    pub dataset: &'a Dataset,
    /// The last answer.
    pub answer: &'a Answer,
    /// The whole table's extent.
    pub extent: Option<(i64, i64)>,
}

impl WindowSource<'_> {
    fn lane_name(&self, lane: usize) -> Option<&str> {
        let actor = self.index.lane_actor.get(lane).copied().flatten()?;
        self.dataset.actors.get(actor).map(|a| a.id.as_str())
    }

    fn is_complete(&self, lane: usize) -> bool {
        self.lane_name(lane).is_some_and(|name| {
            self.answer.complete.contains(name) || !self.answer.bins.contains_key(name)
        })
    }

    /// Rows of `lane` starting in `[t0, t1)`, from the bins (partly covered bins counted in
    /// proportion).
    fn binned_count(&self, lane: usize, t0: f64, t1: f64) -> f64 {
        let (Some(plan), Some(bins)) = (
            self.answer.plan,
            self.lane_name(lane).and_then(|n| self.answer.bins.get(n)),
        ) else {
            return 0.0;
        };
        resample(bins, &plan, t0, t1, 1)
            .first()
            .copied()
            .unwrap_or(0.0)
    }
}

impl TimelineSource for WindowSource<'_> {
    fn lane_count(&self) -> usize {
        self.index.lane_count()
    }

    fn extent_secs(&self) -> Option<(i64, i64)> {
        self.extent
    }

    fn visible_count(&self, lane: usize, t0: i64, t1: i64) -> usize {
        if self.is_complete(lane) {
            return self.index.visible_count(lane, t0, t1);
        }
        // Not fetched one by one: drawn as counts, however few are in view.
        (self.binned_count(lane, t0 as f64, t1 as f64).round() as usize).max(1) + (1 << 30)
    }

    fn items_touching(&self, lane: usize, t0: i64, t1: i64, out: &mut Vec<SourceItem>) {
        if self.is_complete(lane) {
            self.index.items_touching(lane, t0, t1, out);
        }
    }

    fn density(&self, lane: usize, t0: f64, t1: f64, bins: usize) -> Vec<u32> {
        let (Some(plan), Some(counts)) = (
            self.answer.plan,
            self.lane_name(lane).and_then(|n| self.answer.bins.get(n)),
        ) else {
            return self.index.density(lane, t0, t1, bins);
        };
        resample(counts, &plan, t0, t1, bins)
            .into_iter()
            .map(|c| if c > 0.0 { c.ceil() as u32 } else { 0 })
            .collect()
    }

    fn lane_actor(&self, lane: usize) -> Option<usize> {
        self.index.lane_actor(lane)
    }

    fn lane_group(&self, lane: usize) -> Option<(&str, usize)> {
        self.index.lane_group(lane)
    }
}
