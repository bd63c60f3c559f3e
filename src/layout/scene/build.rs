//! [`build`]: the scene of one frame, from what it reads. Per-frame work follows what is
//! visible: each lane's items in view come from the source (binary search in the in-memory
//! index), tiny neighbours fold into one mark, dense lanes become density strips.

use super::items::{drawn_span, item_marks, piles};
use super::marks::{add_density, arrow, clamp_x};
use super::{
    Area, AxisTick, Connector, DensityStrip, Fill, Fold, LaneRow, LinkCurve, Mark, Members, Paint,
    PeriodBand, Pt, Ring, Scene, pt,
};
use crate::layout::metrics::{
    AXIS_HEIGHT, BAR_HEIGHT, DENSE_ITEMS_PER_PX, DENSITY_BIN_PX, FOLD_PX, LABEL_CHAR_WIDTH,
    LANE_HEADER_WIDTH, LANE_PADDING, MARKER_RADIUS, PAINT_MARGIN_PX, ROW_HEIGHT, TICK_LABEL_GAP,
};
use crate::layout::rows::{Stacking, lane_height};
use crate::layout::stack::PILE_ROW;
use crate::layout::{ScreenMap, TimeView, fold_runs, ticks_in};
use crate::model::zone::MAX_OFFSET_SECS;
use crate::model::{Dataset, ShownZone};
use crate::source::{SourceItem, TimelineSource};

/// What a scene is built from.
pub struct SceneInput<'a> {
    /// The events, actors, links and eras.
    pub dataset: &'a Dataset,
    /// The lanes and their items.
    pub source: &'a dyn TimelineSource,
    /// The stacking rows of the source's items.
    pub stacking: &'a Stacking,
    /// The time in view.
    pub view: TimeView,
    /// The canvas: the axis at the top, lane names at the left, the time area.
    pub canvas: Area,
    /// How far the lanes are scrolled down, in points (clamped in the scene).
    pub scroll_y: f32,
    /// The selected event.
    pub selected: Option<usize>,
    /// Which events match the search (`None`: no search); the rest are dimmed.
    pub matches: Option<&'a [bool]>,
    /// Now, in seconds since 1970, for the "today" line.
    pub now_secs: f64,
    /// What the analyst marked on which event (stars, notes, own events); `None`: nothing.
    pub marks: Option<&'a rustc_hash::FxHashMap<usize, crate::model::Marks>>,
    /// Links from this position of the dataset's on are the analyst's own (drawn dashed).
    pub own_links_from: Option<usize>,
    /// The zone whose clocks the axis follows (View ▸ Time zone).
    pub zone: crate::model::ShownZone,
}

/// One item of a lane in view, before folding.
#[derive(Clone, Copy, Debug)]
pub(super) struct Item {
    pub(super) event: usize,
    /// Its time as drawn on the shown zone's clocks (`ShownZone::drawn`).
    pub(super) when: crate::model::ResolvedTime,
    /// Screen x of the earliest start and the latest end (open ends reach past the screen).
    pub(super) x0: f64,
    pub(super) x1: f64,
}

/// Lays out the timeline of `input`.
pub fn build(input: &SceneInput<'_>) -> Scene {
    let SceneInput {
        dataset,
        source,
        canvas,
        ..
    } = *input;
    let mut scene = Scene {
        canvas,
        lanes_word: dataset.lanes_word,
        ..Scene::default()
    };
    if source.lane_count() == 0 {
        return scene;
    }
    let time_left = canvas.x0 + LANE_HEADER_WIDTH;
    let lanes_area = Area::new(canvas.x0, canvas.y0 + AXIS_HEIGHT, canvas.x1, canvas.y1);
    let time_area = Area::new(time_left, lanes_area.y0, canvas.x1, canvas.y1);
    let map = ScreenMap::new(
        input.view,
        f64::from(time_left),
        f64::from(canvas.x1 - time_left),
    );
    scene.lanes_area = lanes_area;
    scene.time_area = time_area;
    scene.map = Some(map);

    // Vertical layout of lanes, scrolled. Lanes too dense to itemise are short density strips.
    let t0 = map.view.start_secs.floor() as i64;
    let t1 = map.view.end_secs().ceil() as i64;
    // Off UTC, a calendar day is drawn from the zone's midnight (`ShownZone::drawn`): up to
    // 14 h from where the index keeps it, so the items are asked for that much wider.
    let reach = if input.zone == ShownZone::Utc {
        0
    } else {
        MAX_OFFSET_SECS
    };
    let (is_dense, heights) = lane_layout(input, &map);
    let total_height: f32 = heights.iter().sum();
    let max_scroll = (total_height - lanes_area.height()).max(0.0);
    scene.scroll_y = input.scroll_y.clamp(0.0, max_scroll);
    let mut top = lanes_area.y0 - scene.scroll_y;
    for (lane, &height) in heights.iter().enumerate() {
        let row = Area::new(canvas.x0, top, canvas.x1, top + height);
        if row.intersects(&lanes_area) {
            scene
                .lanes
                .push(lane_row(dataset, source, lane, top, height));
        }
        top += height;
    }

    periods(&mut scene, dataset, &map, input.zone);
    let tick_rows = ticks_in(
        input.zone,
        map.view.start_secs,
        map.view.end_secs(),
        map.width_px,
        f64::from(LABEL_CHAR_WIDTH),
        f64::from(TICK_LABEL_GAP),
    );
    scene.grid_minor = tick_rows
        .minor
        .iter()
        .map(|t| map.x_from_time(t.time) as f32)
        .collect();
    scene.grid_major = tick_rows
        .major
        .iter()
        .filter(|t| t.time >= map.view.start_secs)
        .map(|t| map.x_from_time(t.time) as f32)
        .collect();

    let lanes = std::mem::take(&mut scene.lanes);
    let mut items = Vec::new();
    for row in &lanes {
        if row.top > lanes_area.y1 || row.top + row.height < lanes_area.y0 {
            continue;
        }
        if is_dense[row.lane] {
            // Too many to draw one by one: a density strip, one bin per few pixels, found by
            // binary search so the cost follows the pixels, not the events.
            let bins = (map.width_px / DENSITY_BIN_PX).ceil() as usize;
            let counts = source.density(row.lane, map.view.start_secs, map.view.end_secs(), bins);
            let strip = Area::new(
                time_area.x0,
                row.top + LANE_PADDING,
                time_area.x1,
                row.top + row.height - LANE_PADDING,
            );
            add_density(&mut scene.quads, strip, &counts, row.color);
            scene.densities.push(DensityStrip {
                lane: row.lane,
                area: strip,
                counts,
            });
            continue;
        }
        items.clear();
        source.items_touching(row.lane, t0 - reach, t1 + reach, &mut items);
        lane_items(&mut scene, input, &map, row, &items);
    }
    scene.lanes = lanes;

    connectors_links_and_rings(&mut scene, input);

    let now = input.now_secs;
    if (map.view.start_secs..map.view.end_secs()).contains(&now) {
        scene.today_x = Some(map.x_from_time(now) as f32);
    }
    let major_x: Vec<f32> = tick_rows
        .major
        .iter()
        .map(|t| map.x_from_time(t.time) as f32)
        .collect();
    scene.ticks_minor = tick_rows
        .minor
        .into_iter()
        .map(|t| AxisTick {
            x: map.x_from_time(t.time) as f32,
            label: t.label,
            next_x: f32::INFINITY,
        })
        .collect();
    scene.ticks_major = tick_rows
        .major
        .into_iter()
        .enumerate()
        .map(|(k, t)| AxisTick {
            x: major_x[k].max(time_left),
            label: t.label,
            next_x: major_x.get(k + 1).copied().unwrap_or(canvas.x1),
        })
        .collect();
    scene
}

/// Which lanes are drawn as density strips at `map`'s zoom, and each lane's height.
fn lane_layout(input: &SceneInput<'_>, map: &ScreenMap) -> (Vec<bool>, Vec<f32>) {
    let (dataset, source) = (input.dataset, input.source);
    let t0 = map.view.start_secs.floor() as i64;
    let t1 = map.view.end_secs().ceil() as i64;
    let dense_above = DENSE_ITEMS_PER_PX * map.width_px;
    let lane_count = source.lane_count();
    let is_dense: Vec<bool> = (0..lane_count)
        .map(|lane| source.visible_count(lane, t0, t1) as f64 > dense_above)
        .collect();
    let heights = (0..lane_count)
        .map(|lane| {
            let is_grouped = source.lane_group(lane).is_some()
                || source
                    .lane_actor(lane)
                    .is_some_and(|a| dataset.actors[a].group.is_some());
            let rows = input.stacking.row_counts.get(lane).copied().unwrap_or(1);
            lane_height(rows, is_dense[lane], is_grouped)
        })
        .collect();
    (is_dense, heights)
}

/// The height the scene of `input` needs to show every lane without scrolling: the axis and
/// all lanes (for exports: a tall image, nothing cut off).
pub fn content_height(input: &SceneInput<'_>) -> f32 {
    let canvas = input.canvas;
    let time_left = canvas.x0 + LANE_HEADER_WIDTH;
    let map = ScreenMap::new(
        input.view,
        f64::from(time_left),
        f64::from(canvas.x1 - time_left),
    );
    AXIS_HEIGHT + lane_layout(input, &map).1.iter().sum::<f32>()
}

/// Where each lane of the scene of `input` begins below the axis, unscrolled, in points, with
/// one more entry for the end of the last: what scrolling a lane into view needs.
pub fn lane_tops(input: &SceneInput<'_>) -> Vec<f32> {
    let canvas = input.canvas;
    let time_left = canvas.x0 + LANE_HEADER_WIDTH;
    let map = ScreenMap::new(
        input.view,
        f64::from(time_left),
        f64::from(canvas.x1 - time_left),
    );
    let mut top = 0.0;
    let mut tops = vec![0.0];
    for height in lane_layout(input, &map).1 {
        top += height;
        tops.push(top);
    }
    tops
}

/// The header of lane `lane`.
fn lane_row(
    dataset: &Dataset,
    source: &dyn TimelineSource,
    lane: usize,
    top: f32,
    height: f32,
) -> LaneRow {
    let actor = source.lane_actor(lane);
    let collapsed = source.lane_group(lane);
    let name = match (collapsed, actor) {
        (Some((group, members)), _) => format!(
            "{group} ({} lanes)",
            crate::model::time::group_thousands(members as i64)
        ),
        (None, Some(a)) => dataset.actors[a].name.clone(),
        (None, None) => "(no actor)".to_owned(),
    };
    let group = match collapsed {
        Some((group, _)) => Some((group.to_owned(), true)),
        None => actor
            .and_then(|a| dataset.actors[a].group.clone())
            .map(|g| (g, false)),
    };
    LaneRow {
        lane,
        top,
        height,
        name,
        actor,
        color: Paint::Lane {
            lane,
            rgb: actor.and_then(|a| dataset.actors[a].color),
        },
        group,
    }
}

/// Eras: labelled bands behind the lanes.
fn periods(scene: &mut Scene, dataset: &Dataset, map: &ScreenMap, zone: ShownZone) {
    let area = scene.time_area;
    for (k, period) in dataset.periods.iter().enumerate() {
        let when = zone.drawn(&period.when);
        let x0 = clamp_x(map.x_from_time(when.earliest() as f64), map);
        let x1 = clamp_x(map.x_from_time(when.latest() as f64), map);
        if x1 < area.x0 || x0 > area.x1 {
            continue;
        }
        scene.periods.push(PeriodBand {
            area: Area::new(x0, area.y0, x1, area.y1),
            title: period.title.clone(),
            paint: Paint::Period {
                k,
                rgb: period.color,
            },
        });
    }
}

/// The items of one lane in view: stacked in rows, folded where too close, each with its
/// shape and, where there is room, its label.
fn lane_items(
    scene: &mut Scene,
    input: &SceneInput<'_>,
    map: &ScreenMap,
    row: &LaneRow,
    items: &[SourceItem],
) {
    let dataset = input.dataset;
    let rows = &input.stacking.rows[row.lane];
    let row_count = input.stacking.row_counts[row.lane].max(1);
    let t1 = map.view.end_secs().ceil() as i64;
    let mut by_row: Vec<Vec<Item>> = vec![Vec::new(); row_count];
    let mut pile: Vec<Item> = Vec::new();
    for item in items {
        let when = input.zone.drawn(&dataset.events.at(item.event).when());
        let x0 = map.x_from_time(when.earliest() as f64);
        let x1 = if when.is_open_end {
            map.x_from_time(t1 as f64) + PAINT_MARGIN_PX
        } else {
            map.x_from_time(when.latest() as f64)
        };
        if x0 > map.left_px + map.width_px + PAINT_MARGIN_PX {
            continue;
        }
        // A point just off the left edge still shows part of its marker.
        let slack = if when.is_point {
            f64::from(MARKER_RADIUS)
        } else {
            0.0
        };
        if x1 < map.left_px - 1.0 - slack {
            continue;
        }
        let item_at = Item {
            event: item.event,
            when,
            x0,
            x1,
        };
        let stack_row = rows.get(item.position).copied().unwrap_or(0);
        if stack_row == PILE_ROW {
            pile.push(item_at);
        } else {
            by_row[usize::from(stack_row).min(row_count - 1)].push(item_at);
        }
    }
    piles(scene, map, row, &mut pile);
    let right = scene.time_area.x1;
    for (stack_row, row_items) in by_row.iter().enumerate() {
        let spans: Vec<(f64, f64)> = row_items
            .iter()
            .map(|it| drawn_span(dataset.events.at(it.event), it))
            .collect();
        let runs = fold_runs(&spans, FOLD_PX);
        let y_mid = row.top + LANE_PADDING + (stack_row as f32 + 0.5) * ROW_HEIGHT;
        for (k, run) in runs.iter().enumerate() {
            let next_x = runs.get(k + 1).map_or(f64::INFINITY, |r| r.x0);
            if run.count > 1 {
                let from = scene.members.len();
                scene.members.extend(
                    row_items[run.first..run.first + run.count]
                        .iter()
                        .map(|it| it.event),
                );
                scene.folds.push(Fold {
                    area: Area::new(
                        clamp_x(run.x0, map),
                        y_mid - BAR_HEIGHT / 2.0,
                        clamp_x(run.x1.max(run.x0 + 3.0), map),
                        y_mid + BAR_HEIGHT / 2.0,
                    ),
                    count: run.count,
                    lane: row.lane,
                    members: Members {
                        from,
                        to: scene.members.len(),
                    },
                });
                continue;
            }
            let room_right = (next_x - 4.0).min(f64::from(right)) as f32;
            item_marks(
                scene,
                input,
                map,
                (row.lane, &row_items[run.first]),
                y_mid,
                room_right,
            );
        }
    }
}

/// Connectors of events in several lanes, link arrows (the denial points at the claim it
/// denies), and rings around the selection and the events it is linked to.
fn connectors_links_and_rings(scene: &mut Scene, input: &SceneInput<'_>) {
    let dataset = input.dataset;
    let selected = input.selected;
    // The marks by event: sorted (event, mark) pairs, so an event's occurrences are one run,
    // found by binary search (a map of vectors cost a tenth of a 1M-event frame).
    let mut by_event: Vec<(usize, usize)> = scene
        .marks
        .iter()
        .enumerate()
        .map(|(k, m)| (m.event, k))
        .collect();
    by_event.sort_unstable();
    let occurrences_of = |event: usize| -> &[(usize, usize)] {
        let from = by_event.partition_point(|&(e, _)| e < event);
        let to = by_event.partition_point(|&(e, _)| e <= event);
        &by_event[from..to]
    };
    let mut start = 0;
    while start < by_event.len() {
        let event = by_event[start].0;
        let run = occurrences_of(event);
        start += run.len();
        if run.len() < 2 {
            continue;
        }
        let is_selected = selected == Some(event);
        let (y0, y1) = run.iter().fold((f32::MAX, f32::MIN), |(a, b), &(_, k)| {
            let y = scene.marks[k].anchor.y;
            (a.min(y), b.max(y))
        });
        let paint = Paint::Kind(dataset.events.at(event).kind());
        scene.connectors.push(Connector {
            x: scene.marks[run[0].1].anchor.x,
            y0,
            y1,
            fill: Fill::faint(paint, if is_selected { 1.0 } else { 0.55 }),
            width: if is_selected { 2.5 } else { 1.2 },
            event,
        });
    }
    for (k, link) in dataset.links.iter().enumerate() {
        let (from, to) = (occurrences_of(link.from), occurrences_of(link.to));
        let Some((a, b)) = closest_pair(&scene.marks, from, to) else {
            continue;
        };
        let involved = selected.is_some_and(|s| s == link.from || s == link.to);
        let alpha = if selected.is_some() && !involved {
            0.25
        } else {
            1.0
        };
        let (curve, head) = arrow(a, b);
        scene.links.push(LinkCurve {
            curve,
            head,
            fill: Fill::faint(Paint::Link(link.kind), alpha),
            width: if involved { 2.5 } else { 1.5 },
            link: k,
            dashed: input.own_links_from.is_some_and(|from| k >= from),
        });
    }
    // Every copy of the selected event (one per lane) is ringed, and the events it is linked
    // to are ringed in the colour of the link.
    if let Some(sel) = selected {
        for (link, other) in dataset.links_of(sel) {
            for m in scene.marks.iter().filter(|m| m.event == other) {
                scene.rings.push(Ring {
                    area: m.area.expand(3.0),
                    paint: Paint::Link(link.kind),
                    width: 1.5,
                    event: other,
                    dashed: false,
                });
            }
        }
        for m in scene.marks.iter().filter(|m| m.event == sel) {
            scene.rings.push(Ring {
                area: m.area.expand(3.0),
                paint: Paint::Selection,
                width: 2.0,
                event: sel,
                dashed: false,
            });
        }
    }
}

/// Of all pairs of occurrences (`(event, mark)` pairs into `marks`), the two closest on screen.
fn closest_pair(
    marks: &[Mark],
    from: &[(usize, usize)],
    to: &[(usize, usize)],
) -> Option<(Pt, Pt)> {
    from.iter()
        .flat_map(|&(_, a)| {
            to.iter()
                .map(move |&(_, b)| (marks[a].anchor, marks[b].anchor))
        })
        .min_by(|p, q| {
            let dp = (p.0.y - p.1.y).abs() * 4.0 + (p.0.x - p.1.x).abs();
            let dq = (q.0.y - q.1.y).abs() * 4.0 + (q.0.x - q.1.x).abs();
            dp.total_cmp(&dq)
        })
        .map(|(a, b)| (pt(a.x, a.y), pt(b.x, b.y)))
}
