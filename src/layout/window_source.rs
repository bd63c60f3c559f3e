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
        self.lane_name(lane)
            .map_or(0.0, |name| self.answer.lane_rows_in(name, t0, t1))
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
        let Some((plan, counts)) = self.lane_name(lane).and_then(|n| {
            let plan = self.answer.lane_plan(n)?;
            Some((plan, self.answer.bins.get(n)?))
        }) else {
            return self.index.density(lane, t0, t1, bins);
        };
        // Rounded on the running total, so that the strip's counts add up to the rows (a row
        // spread over several narrow bins lands in one of them, not in each).
        let mut total = 0.0;
        let mut said = 0u64;
        resample(counts, &plan, t0, t1, bins)
            .into_iter()
            .map(|c| {
                total += c;
                let now = total.round() as u64;
                let here = now.saturating_sub(said);
                said = now;
                here as u32
            })
            .collect()
    }

    fn lane_actor(&self, lane: usize) -> Option<usize> {
        self.index.lane_actor(lane)
    }

    fn lane_group(&self, lane: usize) -> Option<(&str, usize)> {
        self.index.lane_group(lane)
    }
}

#[cfg(test)]
mod tests {
    use super::WindowSource;
    use crate::layout::rows::stack_lanes;
    use crate::layout::scene::{Area, SceneInput, build};
    use crate::layout::{TimeView, TimelineIndex};
    use crate::source::plan::Plan;
    use crate::source::rows::Value;
    use crate::source::window::{Answer, events_of, lanes_of, window_dataset};

    /// Two lanes: "quiet" fetched event by event (two events), "loud" counted only (500 rows
    /// in the first bin of a day).
    fn answer() -> (Vec<crate::source::window::LaneInfo>, Answer) {
        let lane = |name: &str, rows: i64| {
            vec![
                Value::Text(name.into()),
                Value::Int(rows),
                Value::Float(0.0),
                Value::Float(86_399.0),
            ]
        };
        let lanes = lanes_of(&[lane("loud", 500), lane("quiet", 2)]);
        let event = |id: &str, t: f64| {
            let mut row = vec![Value::Text(id.into()), Value::Text(format!("event {id}"))];
            row.extend([Value::Float(t), Value::Null, Value::Text("quiet".into())]);
            row.extend([Value::Null, Value::Null, Value::Null, Value::Null]);
            row
        };
        let plan = Plan {
            bin_secs: 3600,
            w0: 0,
            w1: 86_400,
        };
        let mut loud = vec![0; plan.bins()];
        loud[0] = 500;
        let mut quiet = vec![0; plan.bins()];
        quiet[2] = 1;
        quiet[20] = 1;
        let answer = Answer {
            plan: Some(plan),
            bins: [("loud".to_owned(), loud), ("quiet".to_owned(), quiet)]
                .into_iter()
                .collect(),
            complete: ["quiet".to_owned()].into_iter().collect(),
            events: events_of(&[event("a", 9000.0), event("b", 75_000.0)]),
            ..Answer::default()
        };
        (lanes, answer)
    }

    #[test]
    fn a_lane_fetched_one_by_one_draws_marks_and_a_counted_lane_draws_a_strip() {
        use crate::source::TimelineSource;
        let (lanes, answer) = answer();
        let dataset = window_dataset("t", &lanes, &answer);
        let index = TimelineIndex::build(&dataset);
        let source = WindowSource {
            index: &index,
            dataset: &dataset,
            answer: &answer,
            extent: Some((0, 86_400)),
        };
        // The counted lane is dense however few rows are in view; the fetched one counts its
        // events.
        assert!(source.visible_count(0, 0, 3600) > 1_000_000);
        assert_eq!(source.visible_count(1, 0, 86_400), 2);
        let mut items = Vec::new();
        source.items_touching(0, 0, 86_400, &mut items);
        assert!(items.is_empty(), "nothing fetched for the loud lane");
        // Its density: the 500 rows of the first hour, resampled to half-hours (in proportion).
        assert_eq!(source.density(0, 0.0, 7200.0, 4), vec![250, 250, 0, 0]);

        let stacking = stack_lanes(&dataset, &index, 0);
        let scene = build(&SceneInput {
            dataset: &dataset,
            source: &source,
            stacking: &stacking,
            view: TimeView {
                start_secs: 0.0,
                span_secs: 86_400.0,
            },
            canvas: Area::new(0.0, 0.0, 1200.0, 400.0),
            scroll_y: 0.0,
            selected: None,
            matches: None,
            now_secs: 0.0,
            marks: None,
            own_links_from: None,
            zone: crate::model::ShownZone::Utc,
        });
        assert_eq!(scene.densities.len(), 1, "one strip");
        assert_eq!(scene.densities[0].lane, 0);
        assert_eq!(scene.densities[0].counts.iter().sum::<u32>(), 500);
        let events: Vec<usize> = scene.marks.iter().map(|m| m.event).collect();
        assert_eq!(events.len(), 2, "{events:?}");
    }
}
