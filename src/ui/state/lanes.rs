//! The order of the lanes: by the file, by name, by first event, or by number of events. No
//! egui; the View menu asks for an order and the app puts the lanes in it.

use crate::layout::TimelineIndex;
use crate::model::Actor;
use crate::ui::command::LaneSort;

/// The actors of `index`'s lanes in the order `sort` (lanes with no actor are left out).
pub fn sorted_lanes(index: &TimelineIndex, actors: &[Actor], sort: LaneSort) -> Vec<usize> {
    // (actor, first event, number of events) of each lane with an actor.
    let mut lanes: Vec<(usize, i64, usize)> = index
        .lanes
        .iter()
        .zip(&index.lane_actor)
        .filter_map(|(lane, actor)| {
            let first = lane.earliest.first().copied().unwrap_or(i64::MAX);
            actor.map(|a| (a, first, lane.len()))
        })
        .collect();
    match sort {
        LaneSort::File => lanes.sort_by_key(|&(a, _, _)| a),
        LaneSort::Name => {
            lanes.sort_by_cached_key(|&(a, _, _)| (crate::model::search::fold(&actors[a].name), a));
        }
        LaneSort::FirstEvent => lanes.sort_by_key(|&(a, first, _)| (first, a)),
        LaneSort::EventCount => {
            lanes.sort_by_key(|&(a, _, count)| (std::cmp::Reverse(count), a));
        }
    }
    lanes.into_iter().map(|(a, _, _)| a).collect()
}

#[cfg(test)]
mod tests {
    use super::sorted_lanes;
    use crate::layout::TimelineIndex;
    use crate::ui::command::LaneSort;

    #[test]
    fn lanes_sort_by_file_name_first_event_and_count() {
        let text = r#"{"format": "swimline/1",
            "actors": [{"id": "z", "name": "Zulu"}, {"id": "a", "name": "Älpha"}, {"id": "m", "name": "mike"}],
            "events": [
                {"id": "1", "title": "1", "time": "2010", "actors": ["z"]},
                {"id": "2", "title": "2", "time": "2001", "actors": ["a"]},
                {"id": "3", "title": "3", "time": "2005", "actors": ["m"]},
                {"id": "4", "title": "4", "time": "2006", "actors": ["m"]},
                {"id": "5", "title": "5", "time": "2007", "actors": ["m", "a"]}]}"#;
        let dataset = crate::io::load_bytes("l.json", text.as_bytes())
            .map(|(d, _, _)| d)
            .unwrap_or_else(|e| panic!("{e}"));
        let index = TimelineIndex::build(&dataset);
        let order = |sort| sorted_lanes(&index, &dataset.actors, sort);
        assert_eq!(order(LaneSort::File), [0, 1, 2]);
        // Accents and case do not count: Älpha, mike, Zulu.
        assert_eq!(order(LaneSort::Name), [1, 2, 0]);
        assert_eq!(order(LaneSort::FirstEvent), [1, 2, 0]);
        // mike has three, Älpha two, Zulu one.
        assert_eq!(order(LaneSort::EventCount), [2, 1, 0]);
    }
}
