//! Scene tests: plain `#[test]`s on scenes of small datasets (no egui). The canvas is 1000 × 600
//! points at the origin, so the time area starts at x = 190 (the lane names' width) and is 810
//! points wide; views are chosen so that positions can be worked out by hand.

use proptest::prelude::{ProptestConfig, prop_assert, proptest};

use super::{Paint, Scene, SceneInput, build};
use crate::layout::metrics::{LANE_HEADER_WIDTH, RANGE_BAND_ALPHA, UNCERTAIN_ALPHA};
use crate::layout::rows::{stack_lanes, zoom_bucket};
use crate::layout::scene::Area;
use crate::layout::{ScreenMap, TimeView, TimelineIndex};
use crate::model::{CivilDateTime, Dataset};

const WIDTH: f32 = 1000.0;
const HEIGHT: f32 = 600.0;

fn dataset(events: &str) -> Dataset {
    let text = format!(
        r#"{{"format": "swimline/1", "actors": [{{"id": "a", "name": "A"}}, {{"id": "b", "name": "B"}}],
        "events": [{events}]}}"#
    );
    crate::io::load_bytes("t.json", text.as_bytes())
        .map(|(d, _, _)| d)
        .unwrap_or_else(|e| panic!("{e}"))
}

fn scene_of(dataset: &Dataset, view: TimeView, selected: Option<usize>) -> Scene {
    let map = ScreenMap::new(view, f64::from(LANE_HEADER_WIDTH), 810.0);
    scene_stacked(
        dataset,
        view,
        selected,
        zoom_bucket(dataset.events.len(), map.secs_per_px()),
    )
}

/// As [`scene_of`], stacked for zoom bucket `bucket` (`i64::MIN`: on time alone, as a dataset
/// of more than 20,000 events is).
fn scene_stacked(dataset: &Dataset, view: TimeView, selected: Option<usize>, bucket: i64) -> Scene {
    scene_in(
        dataset,
        view,
        selected,
        bucket,
        crate::model::ShownZone::Utc,
    )
}

/// As [`scene_stacked`], on the clocks of `zone`.
fn scene_in(
    dataset: &Dataset,
    view: TimeView,
    selected: Option<usize>,
    bucket: i64,
    zone: crate::model::ShownZone,
) -> Scene {
    let index = TimelineIndex::build(dataset);
    let stacking = stack_lanes(dataset, &index, bucket);
    build(&SceneInput {
        dataset,
        source: &index,
        stacking: &stacking,
        view,
        canvas: Area::new(0.0, 0.0, WIDTH, HEIGHT),
        scroll_y: 0.0,
        selected,
        matches: None,
        now_secs: 0.0,
        marks: None,
        own_links_from: None,
        zone,
    })
}

#[test]
fn stars_notes_and_own_events_are_marked_where_the_event_is_drawn() {
    use super::BadgeKind;
    use crate::model::Marks;
    let d = dataset(
        r#"{"id": "x", "title": "X", "time": "2018-01-10", "actors": ["a", "b"]},
           {"id": "y", "title": "Y", "time": "2018-01-20", "actors": ["a"]}"#,
    );
    let view = TimeView::fit(secs(2018, 1, 1), secs(2018, 2, 1), 0.0);
    let map = ScreenMap::new(view, f64::from(LANE_HEADER_WIDTH), 810.0);
    let index = TimelineIndex::build(&d);
    let stacking = stack_lanes(&d, &index, zoom_bucket(d.events.len(), map.secs_per_px()));
    let mut marks = rustc_hash::FxHashMap::default();
    marks.insert(
        0,
        Marks {
            starred: true,
            noted: true,
            ..Marks::default()
        },
    );
    marks.insert(
        1,
        Marks {
            own: true,
            ..Marks::default()
        },
    );
    let scene = build(&SceneInput {
        dataset: &d,
        source: &index,
        stacking: &stacking,
        view,
        canvas: Area::new(0.0, 0.0, WIDTH, HEIGHT),
        scroll_y: 0.0,
        selected: None,
        matches: None,
        now_secs: 0.0,
        marks: Some(&marks),
        own_links_from: None,
        zone: crate::model::ShownZone::Utc,
    });
    // X is drawn in both its lanes: a star and a note mark on each, star first, above the
    // marker's top right; Y (your own) gets a dashed ring and no badge.
    let on_x: Vec<BadgeKind> = scene
        .badges
        .iter()
        .filter(|b| b.event == 0)
        .map(|b| b.kind)
        .collect();
    assert_eq!(
        on_x,
        [
            BadgeKind::Star,
            BadgeKind::Note,
            BadgeKind::Star,
            BadgeKind::Note
        ]
    );
    let x_marks: Vec<_> = scene.marks.iter().filter(|m| m.event == 0).collect();
    assert_eq!(x_marks.len(), 2);
    let star = scene.badges[0];
    assert!((star.center.x - (x_marks[0].area.x1 + 1.0)).abs() < 1e-3);
    assert!((star.center.y - (x_marks[0].area.y0 - 1.0)).abs() < 1e-3);
    assert!(
        scene.badges[1].center.x > star.center.x,
        "the note mark is right of the star"
    );
    let rings: Vec<_> = scene.rings.iter().filter(|r| r.dashed).collect();
    assert_eq!(rings.len(), 1);
    assert_eq!(rings[0].event, 1);
    assert_eq!(rings[0].paint, Paint::Own);
}

fn secs(year: i64, month: u8, day: u8) -> f64 {
    CivilDateTime::date(year, month, day).timestamp().as_f64()
}

/// A view from 1 January 2018, `days` days long.
fn view_from_2018(days: f64) -> TimeView {
    TimeView {
        start_secs: secs(2018, 1, 1),
        span_secs: days * 86_400.0,
    }
}

fn x_of(view: TimeView, t: f64) -> f32 {
    ScreenMap::new(view, f64::from(LANE_HEADER_WIDTH), 810.0).x_from_time(t) as f32
}

fn close(a: f32, b: f32) -> bool {
    (a - b).abs() < 0.01
}

#[test]
fn an_uncertain_start_is_a_ramp_from_faint_to_full_across_exactly_its_span() {
    // Begun some time in January 2018 (known to the month), ended some time in June.
    let data = dataset(r#"{"id": "e", "title": "E", "time": "2018-01/2018-06", "actors": ["a"]}"#);
    let view = view_from_2018(270.0);
    let scene = scene_of(&data, view, None);
    let ramp_in: Vec<_> = scene
        .quads
        .iter()
        .filter(|q| q.left.alpha < q.right.alpha)
        .collect();
    assert_eq!(ramp_in.len(), 1, "{:?}", scene.quads);
    let q = ramp_in[0];
    assert!(close(q.area.x0, x_of(view, secs(2018, 1, 1))));
    assert!(close(q.area.x1, x_of(view, secs(2018, 2, 1))));
    assert_eq!((q.left.alpha, q.right.alpha), (UNCERTAIN_ALPHA, 1.0));
    assert_eq!(q.left.paint, Paint::Kind(crate::model::EventKind::Action));
    // Solid from February to June, then fading out across June.
    let solid = scene
        .quads
        .iter()
        .find(|q| q.left.alpha == 1.0 && q.right.alpha == 1.0)
        .unwrap_or_else(|| panic!("no solid part"));
    assert!(close(solid.area.x0, x_of(view, secs(2018, 2, 1))));
    assert!(close(solid.area.x1, x_of(view, secs(2018, 6, 1))));
    let out = scene
        .quads
        .iter()
        .find(|q| q.left.alpha > q.right.alpha)
        .unwrap_or_else(|| panic!("no fade out"));
    assert!(close(out.area.x0, x_of(view, secs(2018, 6, 1))));
    assert!(close(out.area.x1, x_of(view, secs(2018, 7, 1))));
    assert_eq!(out.right.alpha, UNCERTAIN_ALPHA);
}

#[test]
fn a_month_precise_point_is_a_band_of_that_month_with_whiskers_and_no_marker() {
    let data = dataset(r#"{"id": "e", "title": "E", "time": "2018-03", "actors": ["a"]}"#);
    let view = view_from_2018(181.0);
    let scene = scene_of(&data, view, None);
    let (mar, apr) = (x_of(view, secs(2018, 3, 1)), x_of(view, secs(2018, 4, 1)));
    assert_eq!(scene.quads.len(), 3, "{:?}", scene.quads);
    let band = scene.quads[0];
    assert!(close(band.area.x0, mar) && close(band.area.x1, apr));
    assert_eq!(band.left.alpha, RANGE_BAND_ALPHA);
    // Whiskers at both ends, 1.5 points wide, at full strength.
    assert!(close(scene.quads[1].area.x0, mar) && close(scene.quads[1].area.width(), 1.5));
    assert!(close(scene.quads[2].area.x1, apr) && close(scene.quads[2].area.width(), 1.5));
    assert_eq!(scene.quads[1].left.alpha, 1.0);
    // No marker: any instant inside the month would be one no source gives. One mark (for the
    // hit area) covering the month.
    assert!(scene.markers.is_empty(), "{:?}", scene.markers);
    assert_eq!(scene.marks.len(), 1);
    assert!(close(scene.marks[0].area.x0, mar) && close(scene.marks[0].area.x1, apr));
}

#[test]
fn a_date_at_or_before_another_fades_in_from_the_left_and_ends_in_a_whisker() {
    // Said some time before the report of March 2018: `[..2018-03]`.
    let data = dataset(r#"{"id": "e", "title": "Said", "time": "[..2018-03]", "actors": ["a"]}"#);
    let when = data.events.at(0).when();
    assert!(when.is_point && when.is_open_start);
    assert_eq!(when.describe(), "at or before Mar 2018");
    let view = view_from_2018(181.0);
    let scene = scene_of(&data, view, None);
    assert!(scene.markers.is_empty());
    let apr = x_of(view, secs(2018, 4, 1));
    let fade = scene.quads[0];
    assert!(
        fade.area.x0 < 190.0,
        "it reaches past the left edge: {:?}",
        fade.area
    );
    assert!(fade.left.alpha < fade.right.alpha);
    // Nothing drawn after the end of March; the whisker ends there.
    assert!(scene.quads.iter().all(|q| q.area.x1 <= apr + 0.01));
    let whisker = scene.quads[scene.quads.len() - 1];
    assert!(close(whisker.area.x1, apr) && close(whisker.area.width(), 1.5));
    assert_eq!(whisker.left.alpha, 1.0);
    // The label comes after it: "by then".
    assert!(scene.labels[0].room.x0 > apr);
}

#[test]
fn a_date_is_drawn_over_its_day_on_the_zones_clocks_and_an_instant_where_it_happened() {
    use crate::model::ShownZone;
    let data = dataset(
        r#"{"id": "d", "title": "Day", "time": "2012-01-04", "actors": ["a"]},
           {"id": "i", "title": "Instant", "time": "2012-01-04T00:00:00Z", "actors": ["b"]}"#,
    );
    let kabul = ShownZone::parse("Asia/Kabul").unwrap_or_else(|e| panic!("{e}"));
    let view = TimeView {
        start_secs: secs(2012, 1, 3),
        span_secs: 3.0 * 86_400.0,
    };
    let scene = scene_in(&data, view, None, i64::MIN, kabul);
    let mark = |event: usize| {
        scene
            .marks
            .iter()
            .find(|m| m.event == event)
            .unwrap_or_else(|| panic!("event {event} is drawn: {:?}", scene.marks))
    };
    // 4 January in Kabul (UTC+04:30) runs from 19:30 UTC on the 3rd to 19:30 UTC on the 4th.
    let shift = 4.5 * 3600.0;
    let day = mark(0).area;
    assert!(
        close(day.x0, x_of(view, secs(2012, 1, 4) - shift)),
        "{day:?}"
    );
    assert!(
        close(day.x1, x_of(view, secs(2012, 1, 5) - shift)),
        "{day:?}"
    );
    // The instant stays at midnight UTC, 04:30 on Kabul's clocks.
    let instant = mark(1).anchor;
    assert!(
        close(instant.x, x_of(view, secs(2012, 1, 4))),
        "{instant:?}"
    );
    // In UTC the day is its UTC day.
    let utc = scene_in(&data, view, None, i64::MIN, ShownZone::Utc);
    let day = utc.marks.iter().find(|m| m.event == 0).map(|m| m.area);
    assert!(
        day.is_some_and(|a| close(a.x0, x_of(view, secs(2012, 1, 4)))),
        "{day:?}"
    );

    // Los Angeles (UTC-08:00) draws 4 January until 08:00 UTC on the 5th: a view of the two
    // hours after midnight UTC finds it, though the index keeps it ending at midnight.
    let la = ShownZone::parse("America/Los_Angeles").unwrap_or_else(|e| panic!("{e}"));
    let late = TimeView {
        start_secs: secs(2012, 1, 5) + 3600.0,
        span_secs: 2.0 * 3600.0,
    };
    let scene = scene_in(&data, late, None, i64::MIN, la);
    assert!(
        scene.marks.iter().any(|m| m.event == 0),
        "{:?}",
        scene.marks
    );
    let scene = scene_in(&data, late, None, i64::MIN, ShownZone::Utc);
    assert!(
        scene.marks.iter().all(|m| m.event != 0),
        "{:?}",
        scene.marks
    );
}

#[test]
fn a_bce_dataset_gets_bce_tick_labels() {
    let data = dataset(
        r#"{"id": "a", "title": "Marathon", "time": "-0489", "actors": ["a"]},
           {"id": "b", "title": "Later", "time": "-0400", "actors": ["a"]}"#,
    );
    let view = TimeView {
        start_secs: secs(-500, 1, 1),
        span_secs: secs(-380, 1, 1) - secs(-500, 1, 1),
    };
    let scene = scene_of(&data, view, None);
    let labels: Vec<&str> = scene
        .ticks_minor
        .iter()
        .chain(&scene.ticks_major)
        .map(|t| t.label.as_str())
        .collect();
    assert!(!labels.is_empty());
    assert!(labels.iter().all(|l| l.ends_with("BCE")), "{labels:?}");
    assert!(labels.contains(&"490 BCE"), "{labels:?}");
}

#[test]
fn two_events_closer_than_the_fold_width_become_one_fold_of_two() {
    let data = dataset(
        r#"{"id": "a", "title": "A", "time": "2018-03-01T10:00:00Z", "actors": ["a"]},
           {"id": "b", "title": "B", "time": "2018-03-01T10:00:01Z", "actors": ["a"]}"#,
    );
    // Stacked on time alone (as a large dataset is), they share a row; a year wide, they are
    // less than a point apart.
    let scene = scene_stacked(&data, view_from_2018(365.0), None, i64::MIN);
    assert_eq!(scene.folds.len(), 1, "{:?}", scene.folds);
    assert_eq!(scene.folds[0].count, 2);
    assert!(scene.marks.is_empty() && scene.markers.is_empty());
    // Zoomed in to a minute, they are two marks.
    let minute = TimeView {
        start_secs: secs(2018, 3, 1) + 10.0 * 3600.0 - 30.0,
        span_secs: 60.0,
    };
    let scene = scene_stacked(&data, minute, None, i64::MIN);
    assert!(scene.folds.is_empty());
    assert_eq!(scene.marks.len(), 2);
}

#[test]
fn a_dense_lane_becomes_a_density_strip() {
    // 300 events a day apart in a 300-day view: more than one per 4 points of 810.
    let events: Vec<String> = (0..300)
        .map(|i| {
            let t = secs(2018, 1, 1) as i64 + i * 86_400;
            let c = crate::model::Timestamp(t).civil();
            format!(
                r#"{{"id": "e{i}", "title": "E{i}", "time": "{:04}-{:02}-{:02}", "actors": ["a"]}}"#,
                c.year, c.month, c.day
            )
        })
        .collect();
    let data = dataset(&events.join(","));
    let scene = scene_of(&data, view_from_2018(300.0), None);
    assert_eq!(scene.densities.len(), 1);
    let strip = &scene.densities[0];
    assert_eq!(strip.lane, 0);
    assert_eq!(strip.counts.iter().sum::<u32>(), 300);
    assert!(scene.marks.is_empty() && scene.labels.is_empty());
    // Zoomed to a month, the lane is drawn item by item again.
    let scene = scene_of(&data, view_from_2018(30.0), None);
    assert!(scene.densities.is_empty());
    assert!(scene.marks.len() >= 30);
}

#[test]
fn a_multi_actor_event_has_a_mark_per_lane_and_a_connector() {
    let data =
        dataset(r#"{"id": "e", "title": "Both", "time": "2018-03-04", "actors": ["a", "b"]}"#);
    let scene = scene_of(&data, view_from_2018(181.0), None);
    let lanes: Vec<usize> = scene.marks.iter().map(|m| m.lane).collect();
    assert_eq!(lanes, [0, 1]);
    assert_eq!(scene.connectors.len(), 1);
    let c = scene.connectors[0];
    assert!(close(c.y0, scene.marks[0].anchor.y) && close(c.y1, scene.marks[1].anchor.y));
    assert!(close(c.x, scene.marks[0].anchor.x));
}

#[test]
fn the_denials_link_runs_from_the_denial_to_each_claim_it_denies() {
    let text = r#"{"format": "swimline/1", "actors": [{"id": "a"}, {"id": "b"}], "events": [
        {"id": "c1", "title": "Claim one", "time": "2018-02-01", "actors": ["a"], "kind": "claim"},
        {"id": "c2", "title": "Claim two", "time": "2018-04-01", "actors": ["a"], "kind": "claim"},
        {"id": "d", "title": "Denial", "time": "2018-06-01", "actors": ["b"], "kind": "denial"}],
        "links": [{"from": "d", "to": "c1", "kind": "denies"}, {"from": "d", "to": "c2", "kind": "denies"}]}"#;
    let data = crate::io::load_bytes("t.json", text.as_bytes())
        .map(|(d, _, _)| d)
        .unwrap_or_else(|e| panic!("{e}"));
    let denial = data.event_by_id("d").unwrap_or_default();
    let scene = scene_of(&data, view_from_2018(181.0), Some(denial));
    assert_eq!(scene.links.len(), 2);
    let anchor = |id: &str| {
        let e = data.event_by_id(id).unwrap_or_default();
        scene
            .marks
            .iter()
            .find(|m| m.event == e)
            .map(|m| m.anchor)
            .unwrap_or_else(|| panic!("{id} not drawn"))
    };
    for (link, claim) in scene.links.iter().zip(["c1", "c2"]) {
        assert_eq!(link.curve[0], anchor("d"));
        assert_eq!(link.curve[3], anchor(claim));
        assert_eq!(link.fill.paint, Paint::Link(crate::model::LinkKind::Denies));
        assert_eq!(link.width, 2.5, "the selection's links are emphasised");
    }
    // The selection is ringed, and the claims it denies in the colour of the link.
    let selection: Vec<_> = scene
        .rings
        .iter()
        .filter(|r| r.paint == Paint::Selection)
        .collect();
    assert_eq!(selection.len(), 1);
    assert_eq!(
        scene
            .rings
            .iter()
            .filter(|r| r.paint == Paint::Link(crate::model::LinkKind::Denies))
            .count(),
        2
    );
}

#[test]
fn a_claim_or_denial_drawn_as_a_band_carries_its_kinds_marker_before_its_title() {
    use crate::model::EventKind;
    // A month-precise claim and a denial said by then: bands, which have no marker of their own.
    let data = dataset(
        r#"{"id": "c", "title": "Claim", "time": "2018-03", "actors": ["a"], "kind": "claim"},
           {"id": "d", "title": "Denial", "time": "[..2018-03]", "actors": ["b"], "kind": "denial"},
           {"id": "s", "title": "Said", "time": "2018-03", "actors": ["b"], "kind": "statement"}"#,
    );
    let scene = scene_of(&data, view_from_2018(181.0), None);
    for (id, kind) in [("c", EventKind::Claim), ("d", EventKind::Denial)] {
        let e = data.event_by_id(id).unwrap_or_default();
        let marker = scene
            .markers
            .iter()
            .find(|m| m.event == e)
            .unwrap_or_else(|| panic!("{id} has no marker"));
        assert_eq!(marker.kind, kind);
        let label = scene
            .labels
            .iter()
            .find(|l| l.event == e)
            .unwrap_or_else(|| panic!("{id} has no label"));
        assert!(
            marker.center.x + crate::layout::metrics::MARKER_RADIUS <= label.room.x0,
            "{id}: the marker stands before the title"
        );
        let mark = scene.marks.iter().find(|m| m.event == e).map(|m| m.area);
        assert!(
            mark.is_some_and(|a| a.x1 >= marker.center.x),
            "{id}: the marker is part of what a click selects"
        );
    }
    // A statement keeps its plain band: the rule is for what can be claimed and denied.
    let s = data.event_by_id("s").unwrap_or_default();
    assert!(scene.markers.iter().all(|m| m.event != s));
}

#[test]
fn no_badge_covers_a_label() {
    use crate::model::Marks;
    let d = dataset(
        r#"{"id": "p", "title": "A point with a long title", "time": "2018-01-10", "actors": ["a"]},
           {"id": "r", "title": "A long interval with its title on the bar", "time": "2018-01-12/2018-05-20", "actors": ["b"]}"#,
    );
    let view = TimeView::fit(secs(2018, 1, 1), secs(2018, 6, 1), 0.0);
    let map = ScreenMap::new(view, f64::from(LANE_HEADER_WIDTH), 810.0);
    let index = TimelineIndex::build(&d);
    let stacking = stack_lanes(&d, &index, zoom_bucket(d.events.len(), map.secs_per_px()));
    let both = Marks {
        starred: true,
        noted: true,
        ..Marks::default()
    };
    let marks: rustc_hash::FxHashMap<usize, Marks> = [(0, both), (1, both)].into_iter().collect();
    let scene = build(&SceneInput {
        dataset: &d,
        source: &index,
        stacking: &stacking,
        view,
        canvas: Area::new(0.0, 0.0, WIDTH, HEIGHT),
        scroll_y: 0.0,
        selected: None,
        matches: None,
        now_secs: 0.0,
        marks: Some(&marks),
        own_links_from: None,
        zone: crate::model::ShownZone::Utc,
    });
    assert_eq!(scene.badges.len(), 4);
    assert_eq!(scene.labels.len(), 2);
    let r = super::BADGE_RADIUS;
    for badge in &scene.badges {
        let b = Area::new(
            badge.center.x - r,
            badge.center.y - r,
            badge.center.x + r,
            badge.center.y + r,
        );
        for label in &scene.labels {
            assert!(
                !b.intersects(&label.room),
                "a badge at {b:?} covers the label {:?} at {:?}",
                label.text,
                label.room
            );
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    /// Over any zoom and position, no two labels of the same row overlap: each ends before the
    /// next one in its row begins.
    #[test]
    fn labels_never_overlap(centre in 0.0f64..1.0, log_span in 4.0f64..10.0) {
        let data = crate::io::load_default().map(|l| l.dataset).unwrap_or_default();
        let (a, b) = data.extent_secs().unwrap_or_default();
        let span = 10f64.powf(log_span);
        let mid = a as f64 + (b - a) as f64 * centre;
        let view = TimeView { start_secs: mid - span / 2.0, span_secs: span };
        let scene = scene_of(&data, view, None);
        let mut rooms: Vec<Area> = scene.labels.iter().map(|l| l.room).collect();
        rooms.sort_by(|p, q| p.y0.total_cmp(&q.y0).then(p.x0.total_cmp(&q.x0)));
        for pair in rooms.windows(2) {
            if pair[0].y0 == pair[1].y0 {
                prop_assert!(pair[0].x1 <= pair[1].x0, "{:?} overlaps {:?}", pair[0], pair[1]);
            }
        }
    }
}

mod piles;
