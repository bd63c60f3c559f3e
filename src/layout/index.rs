//! Per-lane arrays of events sorted by start, so the visible ones are found by binary search
//! (`partition_point`) instead of a scan of every event each frame.
//!
//! The hot columns (times, event index) are kept apart from the event text: drawing touches
//! only these arrays.

use std::ops::Range;

use crate::model::Dataset;

use super::stack::stack_rows;

/// The events of one lane, sorted by their earliest instant.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct LaneIndex {
    /// Index into [`Dataset::events`] of each item, sorted by `earliest`.
    pub events: Vec<u32>,
    /// Earliest instant of each item, in seconds; ascending.
    pub earliest: Vec<i64>,
    /// Latest instant of each item, in seconds (the start for an open end).
    pub latest: Vec<i64>,
    /// Positions (into `events`) of items whose end is open: drawn on to the right edge.
    pub open_ended: Vec<u32>,
    /// How far before the view an item outside [`Self::long`] may start and still reach into
    /// it: the longest `latest - earliest` of all but the longest hundredth of the lane.
    pub short_span_secs: i64,
    /// Positions of the items longer than `short_span_secs` (at most a hundredth): looked at
    /// one by one, so that a few long items do not make every view reach back years.
    pub long: Vec<u32>,
}

impl LaneIndex {
    /// Positions of the items that may touch `[t0, t1]` (seconds), found in O(log n). Items with
    /// an open end that started earlier are in [`Self::open_ended`], and long items that started
    /// earlier in [`Self::long_touching`], not necessarily here.
    pub fn visible(&self, t0: i64, t1: i64) -> Range<usize> {
        let from = t0.saturating_sub(self.short_span_secs);
        let lo = self.earliest.partition_point(|&e| e < from);
        let hi = self.earliest.partition_point(|&e| e <= t1);
        lo..hi.max(lo)
    }

    /// Positions of the long items that touch `[t0, t1]` (some may also be in
    /// [`Self::visible`]).
    pub fn long_touching(&self, t0: i64, t1: i64) -> impl Iterator<Item = usize> + '_ {
        self.long
            .iter()
            .map(|&p| p as usize)
            .filter(move |&p| self.earliest[p] <= t1 && self.latest[p] >= t0)
    }

    /// Sets [`Self::short_span_secs`] and [`Self::long`] from the items: the longest
    /// hundredth of a lane of more than a hundred items is kept apart. O(n).
    pub fn index_spans(&mut self) {
        let spans: Vec<i64> = self
            .earliest
            .iter()
            .zip(&self.latest)
            .map(|(a, b)| b - a)
            .collect();
        self.long.clear();
        if spans.len() <= 100 {
            self.short_span_secs = spans.iter().copied().max().unwrap_or(0);
            return;
        }
        let k = spans.len() - spans.len() / 100 - 1;
        let mut order = spans.clone();
        let (_, &mut bound, _) = order.select_nth_unstable(k);
        self.short_span_secs = bound;
        self.long = (0..spans.len())
            .filter(|&p| spans[p] > bound)
            .map(|p| p as u32)
            .collect();
    }

    /// How many items start in each of `bins` equal slices of `[t0, t1)` (seconds): one binary
    /// search per bin edge, O(bins × log n), whatever the number of events.
    pub fn density(&self, t0: f64, t1: f64, bins: usize) -> Vec<u32> {
        let step = (t1 - t0) / bins.max(1) as f64;
        let edge = |k: usize| {
            let t = (t0 + step * k as f64).ceil() as i64;
            self.earliest.partition_point(|&e| e < t)
        };
        let mut previous = edge(0);
        (1..=bins)
            .map(|k| {
                let next = edge(k);
                let count = next - previous;
                previous = next;
                count as u32
            })
            .collect()
    }

    /// Number of items in the lane.
    pub fn len(&self) -> usize {
        self.events.len()
    }

    /// Whether the lane has no items.
    pub fn is_empty(&self) -> bool {
        self.events.is_empty()
    }

    /// Rows for the lane's items: each item occupies `[earliest, max(latest, earliest +
    /// min_secs(position))]`, where `min_secs` is the room the item's marker and label need at
    /// the current zoom. Returns each item's row and the number of rows.
    pub fn stack(&self, min_secs: impl Fn(usize) -> f64) -> (Vec<u16>, usize) {
        let extents: Vec<(f64, f64)> = (0..self.len())
            .map(|i| {
                let start = self.earliest[i] as f64;
                let end = (self.latest[i] as f64).max(start + min_secs(i));
                (start, end)
            })
            .collect();
        stack_rows(&extents)
    }
}

/// One lane per actor, in the dataset's order, plus a last lane for events with no actor when
/// there are any.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct TimelineIndex {
    /// The lanes, top to bottom.
    pub lanes: Vec<LaneIndex>,
    /// The actor of each lane; `None` for the lane of events with no actor. For a collapsed
    /// group, its first member.
    pub lane_actor: Vec<Option<usize>>,
    /// For a lane that is a collapsed group: the group's name and how many lanes it holds.
    pub lane_group: Vec<Option<(String, usize)>>,
    /// Earliest and latest instants of all events, in seconds; `None` when there are none.
    pub extent_secs: Option<(i64, i64)>,
}

impl TimelineIndex {
    /// Builds the index: O(n log n) once per loaded dataset.
    pub fn build(dataset: &Dataset) -> Self {
        // One pass in file order (the records are read in sequence) puts each event in its
        // lanes, then each lane is sorted by start on its own: far fewer cache misses than
        // sorting all events and visiting them in time order.
        let n_actors = dataset.actors.len();
        let lane_of = |a: u32| if a == u32::MAX { n_actors } else { a as usize };
        fn lanes_of(event: crate::model::Event<'_>) -> &[u32] {
            match event.actors() {
                [] => &[u32::MAX],
                actors => actors,
            }
        }
        let mut counts = vec![0usize; n_actors + 1];
        for event in dataset.events.iter() {
            for &a in lanes_of(event) {
                counts[lane_of(a)] += 1;
            }
        }
        // 16 bytes an item per lane (at 10M events, a third less than the plain tuple).
        let mut items: Vec<Vec<Item>> = counts.iter().map(|&n| Vec::with_capacity(n)).collect();
        for event in dataset.events.iter() {
            let when = event.when();
            let item = Item::new(
                when.earliest(),
                event.index() as u32,
                when.latest(),
                when.is_open_end,
            );
            for &a in lanes_of(event) {
                items[lane_of(a)].push(item);
            }
        }
        let sorted_lane = |items| sorted_lane(items, dataset);
        // Sorting the lanes is most of the work: two threads share it for a large dataset.
        let total: usize = items.iter().map(Vec::len).sum();
        let mut lanes: Vec<LaneIndex> = if total < PARALLEL_ITEMS {
            items.into_iter().map(sorted_lane).collect()
        } else {
            let mut half = 0;
            let split = items
                .iter()
                .position(|lane| {
                    half += lane.len();
                    half * 2 >= total
                })
                .map_or(items.len(), |i| i + 1);
            let second_items = items.split_off(split);
            std::thread::scope(|scope| {
                let second = scope.spawn(|| {
                    second_items
                        .into_iter()
                        .map(sorted_lane)
                        .collect::<Vec<_>>()
                });
                let mut lanes: Vec<LaneIndex> = items.into_iter().map(sorted_lane).collect();
                match second.join() {
                    Ok(second) => lanes.extend(second),
                    // Unreachable: sorting does not panic. Stay whole all the same.
                    Err(_) => lanes.resize_with(counts.len(), LaneIndex::default),
                }
                lanes
            })
        };
        let unassigned = lanes.pop().unwrap_or_default();
        let mut lane_actor: Vec<Option<usize>> = (0..lanes.len()).map(Some).collect();
        if !unassigned.is_empty() {
            lanes.push(unassigned);
            lane_actor.push(None);
        }
        Self {
            lane_group: vec![None; lanes.len()],
            lanes,
            lane_actor,
            extent_secs: dataset.extent_secs(),
        }
    }

    /// Puts the actors' lanes in `order` (actor indices; actors it leaves out keep their
    /// relative order after it). The lane of events without actors stays last. Moves the lane
    /// arrays, copies nothing.
    pub fn reorder(&mut self, order: &[usize]) {
        // Each lane with its actor and collapsed group, taken out one by one below.
        type Lane = (LaneIndex, Option<usize>, Option<(String, usize)>);
        let mut lanes: Vec<Option<Lane>> = self
            .lanes
            .drain(..)
            .zip(self.lane_actor.drain(..))
            .zip(self.lane_group.drain(..))
            .map(|((lane, actor), group)| Some((lane, actor, group)))
            .collect();
        let mut position_of_actor: rustc_hash::FxHashMap<usize, usize> = Default::default();
        for (i, lane) in lanes.iter().enumerate() {
            if let Some((_, Some(actor), _)) = lane {
                position_of_actor.insert(*actor, i);
            }
        }
        let picked: Vec<usize> = order
            .iter()
            .filter_map(|actor| position_of_actor.get(actor).copied())
            .collect();
        // The order asked for, then the other lanes with an actor, then the one without.
        let mut is_picked = vec![false; lanes.len()];
        for &i in &picked {
            is_picked[i] = true;
        }
        let rest = (0..lanes.len()).filter(|&i| !is_picked[i]);
        let (with_actor, without): (Vec<usize>, Vec<usize>) =
            rest.partition(|&i| lanes[i].as_ref().is_some_and(|(_, a, _)| a.is_some()));
        for i in picked.into_iter().chain(with_actor).chain(without) {
            if let Some((lane, actor, group)) = lanes[i].take() {
                self.lanes.push(lane);
                self.lane_actor.push(actor);
                self.lane_group.push(group);
            }
        }
    }

    /// This index with only the events `keep[event]` and the lanes `keep_lane(actor)`: one pass
    /// over each lane, keeping its order (no sort), so filtering a million events takes
    /// milliseconds.
    pub fn filtered(&self, keep: &[bool], keep_lane: impl Fn(Option<usize>) -> bool) -> Self {
        let mut out = Self {
            extent_secs: self.extent_secs,
            ..Self::default()
        };
        for (lane_no, lane) in self.lanes.iter().enumerate() {
            let actor = self.lane_actor[lane_no];
            if !keep_lane(actor) {
                continue;
            }
            let mut kept = LaneIndex::default();
            for i in 0..lane.len() {
                let event = lane.events[i];
                if !keep.get(event as usize).copied().unwrap_or(true) {
                    continue;
                }
                if lane.open_ended.contains(&(i as u32)) {
                    kept.open_ended.push(kept.events.len() as u32);
                }
                kept.events.push(event);
                kept.earliest.push(lane.earliest[i]);
                kept.latest.push(lane.latest[i]);
            }
            kept.index_spans();
            out.lanes.push(kept);
            out.lane_actor.push(actor);
            out.lane_group.push(self.lane_group[lane_no].clone());
        }
        out
    }

    /// This index with the lanes of each group in `collapsed` merged into one lane, placed where
    /// the group's first lane was. An event in several lanes of a group appears once.
    pub fn collapsed(&self, dataset: &Dataset, collapsed: &[String]) -> Self {
        let mut out = Self {
            extent_secs: self.extent_secs,
            ..Self::default()
        };
        let mut group_lane: Vec<(String, usize)> = Vec::new();
        for (lane_no, lane) in self.lanes.iter().enumerate() {
            let actor = self.lane_actor[lane_no];
            let group = actor
                .and_then(|a| dataset.actors[a].group.as_ref())
                .filter(|g| collapsed.contains(g));
            let Some(group) = group else {
                out.lanes.push(lane.clone());
                out.lane_actor.push(actor);
                out.lane_group.push(None);
                continue;
            };
            match group_lane.iter().find(|(g, _)| g == group) {
                Some(&(_, target)) => {
                    out.lanes[target] = merge(&out.lanes[target], lane);
                    if let Some((_, members)) = &mut out.lane_group[target] {
                        *members += 1;
                    }
                }
                None => {
                    group_lane.push((group.clone(), out.lanes.len()));
                    out.lanes.push(lane.clone());
                    out.lane_actor.push(actor);
                    out.lane_group.push(Some((group.clone(), 1)));
                }
            }
        }
        out
    }
}

/// Lane items above which two threads build the index.
const PARALLEL_ITEMS: usize = 100_000;

/// One lane's (start, event, end, open end) items as a lane index, sorted by start.
/// An event's place in a lane while the index is built: its start, and its end as an offset
/// with the open-end flag in the top bit ([`Item::LOOK_UP`] when the end is more than 68 years
/// after the start: it is read from the dataset again).
#[derive(Clone, Copy)]
struct Item {
    start: i64,
    event: u32,
    span: u32,
}

impl Item {
    const OPEN: u32 = 1 << 31;
    const LOOK_UP: u32 = Self::OPEN - 1;

    fn new(start: i64, event: u32, end: i64, open: bool) -> Self {
        let span = end
            .checked_sub(start)
            .and_then(|s| u32::try_from(s).ok())
            .filter(|&s| s < Self::LOOK_UP)
            .unwrap_or(Self::LOOK_UP);
        Self {
            start,
            event,
            span: span | if open { Self::OPEN } else { 0 },
        }
    }

    /// (start, event, end, open end).
    fn unpacked(self, dataset: &Dataset) -> (i64, u32, i64, bool) {
        let end = match self.span & Self::LOOK_UP {
            Self::LOOK_UP => dataset.events.when(self.event as usize).latest(),
            span => self.start + i64::from(span),
        };
        (self.start, self.event, end, self.span & Self::OPEN != 0)
    }
}

fn sorted_lane(mut items: Vec<Item>, dataset: &Dataset) -> LaneIndex {
    items.sort_unstable_by_key(|item| (item.start, item.event));
    let len = items.len();
    lane_of_sorted(items.into_iter().map(|item| item.unpacked(dataset)), len)
}

/// A lane index of (start, event, end, open end) items already sorted by start.
fn lane_of_sorted(items: impl Iterator<Item = (i64, u32, i64, bool)>, len: usize) -> LaneIndex {
    let mut lane = LaneIndex {
        events: Vec::with_capacity(len),
        earliest: Vec::with_capacity(len),
        latest: Vec::with_capacity(len),
        ..LaneIndex::default()
    };
    for (start, event, end, open) in items {
        if open {
            lane.open_ended.push(lane.events.len() as u32);
        }
        lane.events.push(event);
        lane.earliest.push(start);
        lane.latest.push(end);
    }
    lane.index_spans();
    lane
}

/// Two lanes as one, sorted by start, each event once.
fn merge(a: &LaneIndex, b: &LaneIndex) -> LaneIndex {
    let mut items: Vec<(i64, u32, i64, bool)> = Vec::with_capacity(a.len() + b.len());
    for lane in [a, b] {
        for i in 0..lane.len() {
            let open = lane.open_ended.contains(&(i as u32));
            items.push((lane.earliest[i], lane.events[i], lane.latest[i], open));
        }
    }
    items.sort_unstable_by_key(|&(start, event, _, _)| (start, event));
    items.dedup_by_key(|item| item.1);
    let len = items.len();
    lane_of_sorted(items.into_iter(), len)
}

/// The in-memory index is the first source of the scene.
impl crate::source::TimelineSource for TimelineIndex {
    fn lane_count(&self) -> usize {
        self.lanes.len()
    }

    fn extent_secs(&self) -> Option<(i64, i64)> {
        self.extent_secs
    }

    fn visible_count(&self, lane: usize, t0: i64, t1: i64) -> usize {
        self.lanes.get(lane).map_or(0, |l| l.visible(t0, t1).len())
    }

    fn items_touching(
        &self,
        lane: usize,
        t0: i64,
        t1: i64,
        out: &mut Vec<crate::source::SourceItem>,
    ) {
        let Some(lane) = self.lanes.get(lane) else {
            return;
        };
        let range = lane.visible(t0, t1);
        let open_earlier = lane
            .open_ended
            .iter()
            .map(|&p| p as usize)
            .filter(|p| !range.contains(p) && lane.earliest[*p] <= t1);
        let long_earlier = lane.long_touching(t0, t1).filter(|p| !range.contains(p));
        out.extend(
            range
                .clone()
                .chain(open_earlier)
                .chain(long_earlier)
                .map(|position| crate::source::SourceItem {
                    event: lane.events[position] as usize,
                    position,
                    earliest_secs: lane.earliest[position],
                    latest_secs: lane.latest[position],
                }),
        );
    }

    fn density(&self, lane: usize, t0: f64, t1: f64, bins: usize) -> Vec<u32> {
        self.lanes
            .get(lane)
            .map_or_else(|| vec![0; bins], |l| l.density(t0, t1, bins))
    }

    fn lane_actor(&self, lane: usize) -> Option<usize> {
        self.lane_actor.get(lane).copied().flatten()
    }

    fn lane_group(&self, lane: usize) -> Option<(&str, usize)> {
        self.lane_group
            .get(lane)
            .and_then(Option::as_ref)
            .map(|(name, n)| (name.as_str(), *n))
    }
}

#[cfg(test)]
mod tests {
    use super::{LaneIndex, TimelineIndex};
    use crate::io::load_default;

    #[test]
    fn visible_range_finds_long_items_that_started_before_the_view() {
        let mut lane = LaneIndex {
            events: vec![0, 1, 2, 3],
            earliest: vec![0, 10, 20, 100],
            latest: vec![50, 11, 21, 101],
            ..LaneIndex::default()
        };
        lane.index_spans();
        let range = lane.visible(40, 60);
        assert!(range.contains(&0), "the long item reaches into the view");
        assert!(!range.contains(&3));
        assert_eq!(lane.visible(200, 300), 4..4);
    }

    #[test]
    fn a_few_long_items_do_not_widen_every_view() {
        // A thousand one-second items a day apart, and five that last a year.
        let n = 1000;
        let earliest: Vec<i64> = (0..n).map(|i| i * 86_400).collect();
        let mut latest: Vec<i64> = earliest.iter().map(|e| e + 1).collect();
        for k in 0..5 {
            latest[k * 100] = earliest[k * 100] + 365 * 86_400;
        }
        let mut lane = LaneIndex {
            events: (0..n as u32).collect(),
            earliest,
            latest,
            ..LaneIndex::default()
        };
        lane.index_spans();
        assert_eq!(lane.long, [0, 100, 200, 300, 400]);
        assert_eq!(lane.short_span_secs, 1);
        // A day in the middle: two items in the range, and the long ones that reach it.
        let (t0, t1) = (500 * 86_400, 501 * 86_400 - 1);
        assert_eq!(lane.visible(t0, t1), 500..501);
        // The one-second item of that day still touches a view that starts a second later (it
        // is looked back for exactly as far as the short items reach), and not one after.
        assert_eq!(lane.visible(t0 + 1, t1), 500..501);
        assert_eq!(lane.visible(t0 + 2, t1), 501..501);
        let long: Vec<usize> = lane.long_touching(t0, t1).collect();
        assert_eq!(long, [200, 300, 400]);
    }

    #[test]
    fn a_collapsed_group_is_one_lane_with_each_event_once() {
        let dataset = load_default().map(|l| l.dataset).unwrap_or_default();
        let index = TimelineIndex::build(&dataset);
        let collapsed = index.collapsed(&dataset, &["United States".to_owned()]);
        assert_eq!(collapsed.lanes.len(), index.lanes.len() - 1);
        assert_eq!(
            collapsed.lane_group[0],
            Some(("United States".to_owned(), 2))
        );
        let us_events: std::collections::BTreeSet<u32> = index.lanes[0]
            .events
            .iter()
            .chain(&index.lanes[1].events)
            .copied()
            .collect();
        assert_eq!(collapsed.lanes[0].len(), us_events.len());
        assert!(collapsed.lanes[0].earliest.windows(2).all(|w| w[0] <= w[1]));
        assert_eq!(collapsed.lanes[1], index.lanes[2], "other lanes unchanged");
    }

    /// Every item's bounds and open end come from the dataset as they are, for spans that fit
    /// the build's 31-bit offsets and spans that do not (read from the dataset again).
    #[test]
    fn each_item_has_its_events_bounds_whatever_its_length() {
        let csv = "id,title,start,end,actors\n\
                   a,A,2018-03-04,,x\n\
                   b,B,1900,2035,x\n\
                   c,C,-0500,2018,x\n\
                   d,D,2018,..,x\n\
                   e,E,1950,2030,x\n";
        let dataset = crate::io::load_bytes("t.csv", csv.as_bytes())
            .map(|(d, _, _)| d)
            .unwrap_or_else(|e| panic!("{e}"));
        let index = TimelineIndex::build(&dataset);
        let lane = &index.lanes[0];
        assert_eq!(lane.len(), 5);
        for (i, &event) in lane.events.iter().enumerate() {
            let when = dataset.events.when(event as usize);
            assert_eq!(
                (lane.earliest[i], lane.latest[i]),
                (when.earliest(), when.latest())
            );
            assert_eq!(lane.open_ended.contains(&(i as u32)), when.is_open_end);
        }
        assert_eq!(lane.open_ended.len(), 1);
    }

    #[test]
    fn density_counts_starts_per_bin() {
        let lane = LaneIndex {
            events: vec![0, 1, 2, 3, 4],
            earliest: vec![0, 1, 5, 9, 25],
            latest: vec![0, 1, 5, 9, 25],
            ..LaneIndex::default()
        };
        assert_eq!(lane.density(0.0, 20.0, 4), vec![2, 2, 0, 0]);
        assert_eq!(lane.density(0.0, 30.0, 3), vec![4, 0, 1]);
    }

    #[test]
    fn the_default_dataset_has_a_lane_per_actor_and_shared_events_in_each() {
        let loaded = load_default().ok();
        let dataset = loaded.map(|l| l.dataset).unwrap_or_default();
        let index = TimelineIndex::build(&dataset);
        assert_eq!(index.lanes.len(), dataset.actors.len());
        let total: usize = index.lanes.iter().map(LaneIndex::len).sum();
        let expected: usize = dataset.events.iter().map(|e| e.actors().len()).sum();
        assert_eq!(total, expected);
        for lane in &index.lanes {
            assert!(lane.earliest.windows(2).all(|w| w[0] <= w[1]));
        }
    }
}
