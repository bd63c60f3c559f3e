//! Folding the lanes of a report that a page cannot hold: the busiest lanes are drawn as lanes
//! (in the order they are shown), every other lane is merged into one last row, and the report
//! says so in words. This keeps a report's height, its SVG's node count and its PNG's pixels
//! bounded whatever the number of lanes. It does not choose which lanes are shown (the filter
//! and `--lanes` do) and does not fold a database's window answer (its lanes are looked up by
//! name).

use crate::layout::TimelineIndex;
use crate::layout::index::LaneIndex;
use crate::layout::metrics::{LANE_PADDING, ROW_HEIGHT};
use crate::layout::stack::MAX_ROWS;
use crate::model::time::group_thousands;

/// The most lanes a report draws as lanes, the folded row included. 2,000 lanes drawn one by
/// one made a page 120,000 points tall (1M events: 6.4 GB to rasterise, DESIGN.md); 60 lanes
/// still read as lanes on a screen or a few printed pages.
pub const MAX_REPORT_LANES: usize = 60;

/// The most height the lanes of a report take, in points, the folded row included: 60 lanes
/// drawn as density strips (60 points each) take 3,600.
pub const MAX_LANES_HEIGHT_PT: f32 = 4_000.0;

/// How many lanes and how much height a report may draw before its lanes are folded.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Limits {
    /// The most lanes drawn as lanes, the folded row included.
    pub lanes: usize,
    /// The most height of the lanes, in points, the folded row included.
    pub height_pt: f32,
}

/// A page or an image: [`MAX_REPORT_LANES`] lanes, [`MAX_LANES_HEIGHT_PT`] points.
pub const PAGE_LIMITS: Limits = Limits {
    lanes: MAX_REPORT_LANES,
    height_pt: MAX_LANES_HEIGHT_PT,
};

/// The HTML page: its lanes scroll, and rows off screen cost the browser nothing
/// (`content-visibility`), so height is no limit there; its size is (each zoom level lays out
/// every lane), hence a cap on the lanes alone.
pub const HTML_LIMITS: Limits = Limits {
    lanes: 500,
    height_pt: f32::INFINITY,
};

/// The height kept for the folded row: as tall as a lane can be ([`MAX_ROWS`] rows).
const FOLDED_ROW_HEIGHT_PT: f32 = MAX_ROWS as f32 * ROW_HEIGHT + 2.0 * LANE_PADDING;

/// What folding left of a report's lanes.
#[derive(Clone, Debug)]
pub struct Folded {
    /// The lanes drawn, in the order shown, then the folded row last.
    pub index: TimelineIndex,
    /// How many lanes there were.
    pub lanes: usize,
    /// How many of them are drawn as lanes (the busiest).
    pub drawn: usize,
}

impl Folded {
    /// What was done, in words: "2,000 lanes: the 59 busiest are drawn, 1,941 more folded into
    /// the last row".
    pub fn words(&self) -> String {
        format!(
            "{} lanes: the {} busiest are drawn, {} more folded into the last row",
            group_thousands(self.lanes as i64),
            group_thousands(self.drawn as i64),
            group_thousands((self.lanes - self.drawn) as i64)
        )
    }
}

/// The lanes of `index` folded when there are more than `limits.lanes` or their heights
/// (`heights[lane]`, in points, as the report would draw them) add up to more than
/// `limits.height_pt`; `None` when they all fit.
pub(crate) fn fold_lanes(index: &TimelineIndex, heights: &[f32], limits: Limits) -> Option<Folded> {
    let total: f32 = heights.iter().sum();
    let lanes = index.lanes.len();
    if lanes <= limits.lanes && total <= limits.height_pt {
        return None;
    }
    // The busiest first (most events; the earlier shown first among equals), taken while they
    // fit beside the folded row.
    let mut by_count: Vec<usize> = (0..lanes).collect();
    by_count.sort_by_key(|&lane| (std::cmp::Reverse(index.lanes[lane].len()), lane));
    let room = limits.height_pt - FOLDED_ROW_HEIGHT_PT;
    let mut used = 0.0;
    let mut is_drawn = vec![false; lanes];
    let mut drawn = 0;
    for &lane in &by_count {
        let height = heights.get(lane).copied().unwrap_or(FOLDED_ROW_HEIGHT_PT);
        if drawn + 1 >= limits.lanes || used + height > room {
            break;
        }
        used += height;
        is_drawn[lane] = true;
        drawn += 1;
    }
    let mut out = TimelineIndex {
        extent_secs: index.extent_secs,
        ..TimelineIndex::default()
    };
    let mut rest: Vec<(i64, u32, i64, bool)> = Vec::new();
    for (lane_no, lane) in index.lanes.iter().enumerate() {
        if is_drawn[lane_no] {
            out.lanes.push(lane.clone());
            out.lane_actor.push(index.lane_actor[lane_no]);
            out.lane_group.push(index.lane_group[lane_no].clone());
            continue;
        }
        rest.reserve(lane.len());
        // `open_ended` lists positions in increasing order: walked beside the items.
        let mut open = lane.open_ended.iter().peekable();
        for i in 0..lane.len() {
            let is_open = open.next_if(|&&at| at as usize == i).is_some();
            rest.push((lane.earliest[i], lane.events[i], lane.latest[i], is_open));
        }
    }
    // An event in several folded lanes is one item of the folded row: its copies share a
    // start, so sorted by (start, event) they lie side by side.
    rest.sort_unstable_by_key(|&(start, event, _, _)| (start, event));
    rest.dedup_by_key(|item| item.1);
    let mut folded = LaneIndex {
        events: Vec::with_capacity(rest.len()),
        earliest: Vec::with_capacity(rest.len()),
        latest: Vec::with_capacity(rest.len()),
        ..LaneIndex::default()
    };
    for (start, event, end, is_open) in rest {
        if is_open {
            folded.open_ended.push(folded.events.len() as u32);
        }
        folded.events.push(event);
        folded.earliest.push(start);
        folded.latest.push(end);
    }
    folded.index_spans();
    out.lanes.push(folded);
    out.lane_actor.push(None);
    out.lane_group
        .push(Some(("Folded".to_owned(), lanes - drawn)));
    Some(Folded {
        index: out,
        lanes,
        drawn,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An index of lanes holding `counts[lane]` events each (event numbers shared between
    /// lanes where `shared`), one a day.
    fn index_of(counts: &[usize], shared: bool) -> TimelineIndex {
        let mut index = TimelineIndex::default();
        let mut next = 0u32;
        for (lane_no, &count) in counts.iter().enumerate() {
            let mut lane = LaneIndex::default();
            for k in 0..count {
                let event = if shared { k as u32 } else { next + k as u32 };
                lane.events.push(event);
                lane.earliest.push(k as i64 * 86_400);
                lane.latest.push(k as i64 * 86_400);
            }
            next += count as u32;
            lane.index_spans();
            index.lanes.push(lane);
            index.lane_actor.push(Some(lane_no));
            index.lane_group.push(None);
        }
        index
    }

    #[test]
    fn lanes_that_fit_are_not_folded() {
        let index = index_of(&[3; MAX_REPORT_LANES], false);
        assert!(fold_lanes(&index, &[60.0; MAX_REPORT_LANES], PAGE_LIMITS).is_none());
    }

    #[test]
    fn past_sixty_lanes_the_busiest_are_drawn_in_order_and_the_rest_fill_the_last_row() {
        // Lane k holds k + 1 events: the busiest are the last 59, drawn in the order shown.
        let counts: Vec<usize> = (1..=200).collect();
        let index = index_of(&counts, false);
        let folded =
            fold_lanes(&index, &[60.0; 200], PAGE_LIMITS).unwrap_or_else(|| panic!("not folded"));
        assert_eq!((folded.lanes, folded.drawn), (200, MAX_REPORT_LANES - 1));
        assert_eq!(folded.index.lanes.len(), MAX_REPORT_LANES);
        let actors: Vec<Option<usize>> = folded.index.lane_actor[..folded.drawn].to_vec();
        let busiest: Vec<Option<usize>> = (200 - folded.drawn..200).map(Some).collect();
        assert_eq!(actors, busiest);
        let last = folded.index.lanes.last().map_or(0, LaneIndex::len);
        let rest: usize = counts[..200 - folded.drawn].iter().sum();
        assert_eq!(
            last, rest,
            "every event of the folded lanes is in the last row"
        );
        assert_eq!(
            folded.index.lane_group.last().cloned().flatten(),
            Some(("Folded".to_owned(), 141))
        );
        assert_eq!(
            folded.words(),
            "200 lanes: the 59 busiest are drawn, 141 more folded into the last row"
        );
        let starts = &folded.index.lanes[MAX_REPORT_LANES - 1].earliest;
        assert!(starts.windows(2).all(|w| w[0] <= w[1]), "sorted by start");
    }

    #[test]
    fn a_few_tall_lanes_fold_by_height_and_an_event_in_many_folded_lanes_is_counted_once() {
        // Eight lanes of 600 points: beside the folded row (300 points) 4,000 points hold six.
        let index = index_of(&[5, 4, 3, 2, 2, 2, 2, 2], true);
        let folded =
            fold_lanes(&index, &[600.0; 8], PAGE_LIMITS).unwrap_or_else(|| panic!("not folded"));
        assert_eq!(folded.drawn, 6);
        assert_eq!(folded.index.lanes.len(), 7);
        // The two folded lanes share their two events.
        assert_eq!(folded.index.lanes[6].events, vec![0, 1]);
        let height: f32 = 6.0 * 600.0 + FOLDED_ROW_HEIGHT_PT;
        assert!(height <= MAX_LANES_HEIGHT_PT, "{height}");
    }
}
