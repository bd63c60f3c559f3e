//! Nothing hidden: every event the filter keeps is drawn, folded into a counted mark, put in a
//! lane's "+N more" pile, or counted in a density strip — at every zoom.

use proptest::prelude::{ProptestConfig, prop_assert, prop_assert_eq, proptest};
use rustc_hash::FxHashSet;

use super::{dataset, scene_of, secs};
use crate::layout::TimeView;
use crate::layout::scene::{Scene, pile_text};
use crate::layout::stack::MAX_ROWS;
use crate::model::Dataset;

/// GDELT's day: `day_long` events dated to 24 Oct 2019 (each covers the whole day) and
/// `points` events at minutes of that day, many sharing a minute, all in lane A.
fn one_day(day_long: usize, points: usize) -> Dataset {
    let mut events: Vec<String> = (0..day_long)
        .map(|i| {
            format!(
                r#"{{"id": "d{i}", "title": "Day-long report number {i}", "time": "2019-10-24", "actors": ["a"]}}"#
            )
        })
        .collect();
    events.extend((0..points).map(|i| {
        let (hour, minute) = ((i * 7) % 24, (i * 13) % 60);
        format!(
            r#"{{"id": "p{i}", "title": "P{i}", "time": "2019-10-24T{hour:02}:{minute:02}:00Z", "actors": ["a"]}}"#
        )
    }));
    dataset(&events.join(","))
}

/// The events of lane 0 the scene shows one way or another: drawn, in a fold or in a pile.
fn shown_in_lane_0(scene: &Scene) -> FxHashSet<usize> {
    let mut shown: FxHashSet<usize> = scene
        .marks
        .iter()
        .filter(|m| m.lane == 0)
        .map(|m| m.event)
        .collect();
    for f in scene.folds.iter().filter(|f| f.lane == 0) {
        assert_eq!(scene.members_of(f.members).len(), f.count);
        shown.extend(scene.members_of(f.members));
    }
    for p in scene.piles.iter().filter(|p| p.lane == 0) {
        assert_eq!(scene.members_of(p.members).len(), p.count);
        shown.extend(scene.members_of(p.members));
    }
    shown
}

#[test]
fn a_day_of_sixty_overlapping_events_draws_twelve_rows_and_a_pile_of_the_rest() {
    let data = one_day(60, 0);
    let day = TimeView {
        start_secs: secs(2019, 10, 24) - 3600.0,
        span_secs: 26.0 * 3600.0,
    };
    let scene = scene_of(&data, day, None);
    assert!(scene.densities.is_empty());
    let drawn: FxHashSet<usize> = scene.marks.iter().map(|m| m.event).collect();
    assert_eq!(drawn.len(), MAX_ROWS, "one per row");
    assert_eq!(scene.piles.len(), 1, "{:?}", scene.piles);
    let pile = scene.piles[0];
    assert_eq!(pile.count, 60 - MAX_ROWS);
    assert_eq!(pile_text(pile.count), "+48 more");
    // The pile lies where its events are (the day's start), in a row below the rows of items.
    let day_x = scene
        .marks
        .iter()
        .map(|m| m.area.x0)
        .fold(f32::INFINITY, f32::min);
    assert!((pile.area.x0 - day_x).abs() < 1.0, "{pile:?} vs {day_x}");
    let lowest_mark = scene
        .marks
        .iter()
        .map(|m| m.area.y1)
        .fold(f32::MIN, f32::max);
    assert!(pile.area.y0 >= lowest_mark, "the pile covers no mark");
    let lane = &scene.lanes[0];
    assert!(
        pile.area.y1 <= lane.top + lane.height,
        "the pile is inside its lane"
    );
    assert_eq!(shown_in_lane_0(&scene).len(), 60);
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 120, ..ProptestConfig::default() })]

    /// Over any zoom from a minute to a year around the day of 500 events, every event that
    /// touches the view is drawn, folded, piled or (in a density strip) counted.
    #[test]
    fn no_kept_event_is_unreachable_at_any_zoom(centre in 0.0f64..1.0, log_span in 1.5f64..7.5) {
        let data = one_day(60, 440);
        let day_start = secs(2019, 10, 24);
        let span = 10f64.powf(log_span);
        let mid = day_start + 86_400.0 * centre;
        let view = TimeView { start_secs: mid - span / 2.0, span_secs: span };
        let scene = scene_of(&data, view, None);
        let (start, end) = (view.start_secs, view.end_secs());
        if let Some(strip) = scene.densities.iter().find(|d| d.lane == 0) {
            // Too dense to itemise: the strip counts every event starting in view.
            let (t0, t1) = (start.ceil() as i64, end.ceil() as i64);
            let starting = data
                .events
                .iter()
                .filter(|e| (t0..t1).contains(&e.when().earliest()))
                .count();
            prop_assert_eq!(strip.counts.iter().map(|&c| c as usize).sum::<usize>(), starting);
        } else {
            // Drawn means seen: no mark lies over another of its row.
            let mut marks: Vec<_> = scene.marks.iter().filter(|m| m.lane == 0).collect();
            marks.sort_by(|a, b| a.anchor.y.total_cmp(&b.anchor.y).then(a.area.x0.total_cmp(&b.area.x0)));
            for pair in marks.windows(2) {
                if pair[0].anchor.y == pair[1].anchor.y {
                    prop_assert!(
                        pair[1].area.x0 >= pair[0].area.x1 - 1.0,
                        "{:?} lies over {:?} in {view:?}", pair[1], pair[0]
                    );
                }
            }
            let shown = shown_in_lane_0(&scene);
            for (k, e) in data.events.iter().enumerate() {
                let when = e.when();
                let touches = (when.latest() as f64) > start + 1.0
                    && (when.earliest() as f64) < end - 1.0;
                if touches {
                    prop_assert!(shown.contains(&k), "{} hidden in {view:?}", e.title());
                }
            }
        }
    }
}
