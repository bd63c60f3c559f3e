//! The timeline before it became a scene: kept only so the scale benchmark can measure the old
//! frame beside the new one in the same run (the house issue asks for both figures), then to be
//! removed. Not used by the app otherwise.
//!
//! Per-frame work follows what is visible: each lane's events in view are found by binary search
//! in the [`TimelineIndex`], tiny neighbours fold into one mark, and all bars go into one mesh.

use rustc_hash::FxHashMap as HashMap;

use egui::epaint::{CubicBezierShape, Mesh, PathStroke};
use egui::{
    Align2, Color32, FontId, Painter, Pos2, Rect, Sense, Shape, Stroke, Ui, WidgetInfo, pos2, vec2,
};

use crate::layout::{ScreenMap, TimeView, TimelineIndex, fold_runs, ticks};
use crate::model::{Dataset, Event, EventKind};
use crate::ui::command::Command;
use crate::ui::tokens::{
    self, AXIS_HEIGHT, BAR_HEIGHT, LABEL_CHAR_WIDTH, LABEL_FONT_SIZE, LANE_HEADER_WIDTH,
    LANE_PADDING, MARKER_RADIUS, MAX_LABEL_WIDTH, RANGE_BAND_ALPHA, ROW_HEIGHT, SWATCH_WIDTH,
    TICK_FONT_SIZE, TICK_LABEL_GAP, UNCERTAIN_ALPHA,
};

/// A point event whose date range is narrower than this is drawn as a marker alone; wider, its
/// range is drawn as a band behind the marker.
const POINT_RANGE_MIN_PX: f64 = 8.0;

/// A date range whose right half is narrower than this puts its label after the band.
const NARROW_BAND_PX: f32 = 40.0;

/// Items narrower than this, closer than this to their neighbour, fold into one mark with a
/// count (Tracy's rule; 3 px keeps single markers clickable).
const FOLD_PX: f64 = 3.0;

/// At most this many items get their own hit area and accessibility node per frame. Beyond it
/// they are still drawn. At the default dataset's ~30 items this never binds.
const MAX_INTERACTIVE_ITEMS: usize = 3000;

/// Wheel zoom: the view shrinks by `exp(-WHEEL_ZOOM_PER_POINT × scroll)`.
const WHEEL_ZOOM_PER_POINT: f64 = 0.0025;

/// Zoom-dependent stacking is cached per zoom bucket of 2^(1/4) (≈19%) in seconds per point.
const STACK_BUCKETS_PER_OCTAVE: f64 = 4.0;

/// Horizontal pixels kept clear of the screen edges before `f64` x is narrowed to `f32`.
const PAINT_MARGIN_PX: f64 = 2000.0;

/// Zoom to fit leaves this fraction of the span free on the right for the last labels.
const FIT_LABEL_ROOM: f64 = 0.18;

/// Up to this many events, stacking leaves room for labels and is redone as the zoom changes;
/// above it, rows come from time extents alone, computed once (labels are still clipped so they
/// never overlap). At 1M events zoom-aware restacking cost ~1 s per zoom step.
const ZOOM_STACK_MAX_EVENTS: usize = 20_000;

/// A lane with more visible events than this per point of width (one per 4 points on
/// average, where no label fits) is drawn as a density strip. Measured with the scale benchmark:
/// at 0.5 the 2,000-lane frame (≈500 events per lane in view) took 9.9 ms (p95); at 0.25 it
/// becomes density strips. Small datasets are always itemised.
const DENSE_ITEMS_PER_PX: f64 = 0.25;

/// Opacity of events that do not match the search.
const SEARCH_DIM: f32 = 0.22;

/// Lowest height of a lane that belongs to a group: its name row plus the group toggle.
const GROUPED_LANE_MIN_HEIGHT: f32 = ROW_HEIGHT + 2.0 * LANE_PADDING + 18.0;

/// Height of a density strip's lane, in rows.
const DENSE_LANE_ROWS: usize = 2;

/// A label is drawn only where at least this much room is free before the next item.
const LABEL_MIN_ROOM_PX: f32 = 32.0;

/// At most this many labels per frame: laying out text is the costliest thing drawn (the
/// 2,000-lane benchmark frame spent most of its time on labels before the cap).
const MAX_LABELS: usize = 600;

/// Width of one density bin, in points.
const DENSITY_BIN_PX: f64 = 2.0;

/// A lane drawn as a density strip this frame.
struct Density {
    lane: usize,
    rect: Rect,
    /// Events starting in each bin.
    counts: Vec<u32>,
}

/// Pan and zoom of the timeline, and what is derived from them and cached.
#[derive(Clone, Debug)]
pub struct TimelineState {
    /// The visible time range.
    pub view: TimeView,
    /// How far the lanes are scrolled down, in points; clamped while drawing.
    pub scroll_y: f32,
    /// Rows of each lane's items at one zoom bucket.
    stack: Option<StackCache>,
}

#[derive(Clone, Debug)]
struct StackCache {
    bucket: i64,
    /// `rows[lane][position]`: the row of each item.
    rows: Vec<Vec<u16>>,
    /// Rows in each lane.
    row_counts: Vec<usize>,
}

impl TimelineState {
    /// A state showing `view`, with nothing cached.
    pub fn at(view: TimeView) -> Self {
        Self {
            view,
            scroll_y: 0.0,
            stack: None,
        }
    }

    /// A state showing every event of `index`.
    pub fn fitted(index: &TimelineIndex) -> Self {
        let view = match index.extent_secs {
            Some((a, b)) => {
                // Extra room on the right, where the labels of the last events go.
                let fit = TimeView::fit(a as f64, b as f64, 0.03);
                TimeView {
                    span_secs: fit.span_secs * (1.0 + FIT_LABEL_ROOM),
                    ..fit
                }
            }
            None => {
                let now = crate::model::Timestamp::now().as_f64();
                TimeView::fit(now - 365.0 * 86_400.0, now, 0.0)
            }
        };
        Self {
            view,
            scroll_y: 0.0,
            stack: None,
        }
    }
}

/// Where one occurrence of an event was drawn this frame.
#[derive(Clone, Copy, Debug)]
struct Placed {
    event: usize,
    lane: usize,
    /// Where links and connectors attach.
    anchor: Pos2,
    /// The drawn shape's bounds, for hit testing and selection.
    rect: Rect,
}

/// One item of a lane in view, before folding.
#[derive(Clone, Copy, Debug)]
struct Item {
    event: usize,
    row: u16,
    /// Screen x of the earliest start and the latest end (open ends reach past the screen).
    x0: f64,
    x1: f64,
}

/// Draws the timeline in the space left in `ui`, and pushes what the user asked for.
pub fn timeline_ui(
    ui: &mut Ui,
    dataset: &Dataset,
    index: &TimelineIndex,
    selected: Option<usize>,
    matches: Option<&[bool]>,
    state: &mut TimelineState,
    commands: &mut Vec<Command>,
) {
    let rect = ui.available_rect_before_wrap();
    let response = ui.allocate_rect(rect, Sense::click_and_drag());
    let visuals = ui.visuals().clone();
    let painter = ui.painter_at(rect);
    painter.rect_filled(rect, 0.0, visuals.extreme_bg_color);

    if index.lanes.is_empty() {
        painter.text(
            rect.center(),
            Align2::CENTER_CENTER,
            "No events to show. Open a file with Ctrl+O, or drop one here.",
            FontId::proportional(16.0),
            visuals.weak_text_color(),
        );
        return;
    }

    let time_left = rect.left() + LANE_HEADER_WIDTH;
    let lanes_rect = Rect::from_min_max(pos2(rect.left(), rect.top() + AXIS_HEIGHT), rect.max);
    let map = ScreenMap::new(
        state.view,
        f64::from(time_left),
        f64::from(rect.right() - time_left),
    );

    handle_input(ui, &response, &map, commands);

    // Stacking depends on the zoom (labels need room in time), cached per zoom bucket.
    // Large datasets stack on time alone, once: restacking a million events on every zoom step
    // cost up to 1.2 s a frame (the scale benchmark's pan/zoom sequence, before this rule).
    let zoom_aware = dataset.events.len() <= ZOOM_STACK_MAX_EVENTS;
    let bucket = if zoom_aware {
        (map.secs_per_px().log2() * STACK_BUCKETS_PER_OCTAVE).floor() as i64
    } else {
        i64::MIN
    };
    if state.stack.as_ref().is_none_or(|c| c.bucket != bucket) {
        let secs_per_px = if zoom_aware {
            ((bucket + 1) as f64 / STACK_BUCKETS_PER_OCTAVE).exp2()
        } else {
            0.0
        };
        state.stack = Some(stack_lanes(dataset, index, secs_per_px, bucket));
    }
    let Some(stack) = state.stack.as_ref() else {
        return;
    };

    // Vertical layout of lanes, scrolled.
    // Lanes too dense to itemise are drawn as short density strips.
    let t0 = map.view.start_secs.floor() as i64;
    let t1 = map.view.end_secs().ceil() as i64;
    let dense_above = DENSE_ITEMS_PER_PX * map.width_px;
    let is_dense: Vec<bool> = index
        .lanes
        .iter()
        .map(|lane| lane.visible(t0, t1).len() as f64 > dense_above)
        .collect();
    let lane_heights: Vec<f32> = stack
        .row_counts
        .iter()
        .zip(&is_dense)
        .enumerate()
        .map(|(lane, (&rows, &dense))| {
            let rows = if dense { DENSE_LANE_ROWS } else { rows };
            let height = rows as f32 * ROW_HEIGHT + 2.0 * LANE_PADDING;
            // A lane in a group needs room under its name for the group's toggle.
            let is_grouped = index.lane_group[lane].is_some()
                || index.lane_actor[lane].is_some_and(|a| dataset.actors[a].group.is_some());
            if is_grouped {
                height.max(GROUPED_LANE_MIN_HEIGHT)
            } else {
                height
            }
        })
        .collect();
    let total_height: f32 = lane_heights.iter().sum();
    let max_scroll = (total_height - lanes_rect.height()).max(0.0);
    state.scroll_y = state.scroll_y.clamp(0.0, max_scroll);
    let mut lane_tops = Vec::with_capacity(lane_heights.len());
    let mut y = lanes_rect.top() - state.scroll_y;
    for h in &lane_heights {
        lane_tops.push(y);
        y += h;
    }

    let lane_painter = painter.with_clip_rect(lanes_rect);
    let time_clip = Rect::from_min_max(pos2(time_left, lanes_rect.top()), lanes_rect.max);
    let item_painter = painter.with_clip_rect(time_clip);

    // Lane stripes.
    for (lane, (&top, &h)) in lane_tops.iter().zip(&lane_heights).enumerate() {
        let stripe = Rect::from_min_size(pos2(rect.left(), top), vec2(rect.width(), h));
        if stripe.intersects(lanes_rect) {
            lane_painter.rect_filled(stripe, 0.0, tokens::lane_background(lane, &visuals));
        }
    }

    // Eras: labelled bands behind the lanes.
    for (k, period) in dataset.periods.iter().enumerate() {
        let when = &period.when;
        let x0 = clamp_x(map.x_from_time(when.earliest() as f64), &map);
        let x1 = clamp_x(map.x_from_time(when.latest() as f64), &map);
        if x1 < time_clip.left() || x0 > time_clip.right() {
            continue;
        }
        let color = period.color.map_or_else(
            || tokens::period_color(k, &visuals),
            |c| tokens::lane_color(Some(c), k).gamma_multiply(0.18),
        );
        let band = Rect::from_min_max(pos2(x0, time_clip.top()), pos2(x1, time_clip.bottom()));
        item_painter.rect_filled(band, 0.0, color);
        let label_x = x0.max(time_clip.left()) + 4.0;
        item_painter.with_clip_rect(band.intersect(time_clip)).text(
            pos2(label_x, time_clip.bottom() - 4.0),
            Align2::LEFT_BOTTOM,
            &period.title,
            FontId::proportional(12.0),
            visuals.weak_text_color(),
        );
    }

    // Grid.
    let tick_rows = ticks(
        map.view.start_secs,
        map.view.end_secs(),
        map.width_px,
        f64::from(LABEL_CHAR_WIDTH),
        f64::from(TICK_LABEL_GAP),
    );
    for tick in &tick_rows.minor {
        let x = map.x_from_time(tick.time) as f32;
        item_painter.vline(
            x,
            time_clip.y_range(),
            Stroke::new(1.0, tokens::grid_color(&visuals)),
        );
    }
    for tick in tick_rows
        .major
        .iter()
        .filter(|t| t.time >= map.view.start_secs)
    {
        let x = map.x_from_time(tick.time) as f32;
        item_painter.vline(
            x,
            time_clip.y_range(),
            Stroke::new(1.0, tokens::major_grid_color(&visuals)),
        );
    }

    // Items of the lanes in view.
    let mut placed: Vec<Placed> = Vec::new();
    let mut mesh = Mesh::default();
    let mut markers: Vec<(Pos2, EventKind, Color32)> = Vec::new();
    let mut labels: Vec<(Rect, String, Color32)> = Vec::new();
    let mut folds: Vec<(Rect, usize)> = Vec::new();
    let mut densities: Vec<Density> = Vec::new();
    for (lane_no, lane) in index.lanes.iter().enumerate() {
        let top = lane_tops[lane_no];
        if top > lanes_rect.bottom() || top + lane_heights[lane_no] < lanes_rect.top() {
            continue;
        }
        let rows = &stack.rows[lane_no];
        let range = lane.visible(t0, t1);
        let row_count = stack.row_counts[lane_no];
        if is_dense[lane_no] {
            // Too many to draw one by one: a density strip, one bin per few pixels, found by
            // binary search so the cost follows the pixels, not the events.
            let bins = (map.width_px / DENSITY_BIN_PX).ceil() as usize;
            let counts = lane.density(map.view.start_secs, map.view.end_secs(), bins);
            let strip = Rect::from_min_max(
                pos2(time_clip.left(), top + LANE_PADDING),
                pos2(
                    time_clip.right(),
                    top + lane_heights[lane_no] - LANE_PADDING,
                ),
            );
            let color = tokens::lane_color(
                index.lane_actor[lane_no].and_then(|a| dataset.actors[a].color),
                lane_no,
            );
            add_density(&mut mesh, strip, &counts, color);
            densities.push(Density {
                lane: lane_no,
                rect: strip,
                counts,
            });
            continue;
        }
        let mut items: Vec<(usize, Item)> = Vec::with_capacity(range.len());
        let open_earlier = lane
            .open_ended
            .iter()
            .map(|&p| p as usize)
            .filter(|p| !range.contains(p) && lane.earliest[*p] <= t1);
        let long_earlier = lane.long_touching(t0, t1).filter(|p| !range.contains(p));
        for pos in range.clone().chain(open_earlier).chain(long_earlier) {
            let event_no = lane.events[pos] as usize;
            let when = dataset.events.at(event_no).when();
            let x0 = map.x_from_time(lane.earliest[pos] as f64);
            let x1 = if when.is_open_end {
                map.x_from_time(t1 as f64) + PAINT_MARGIN_PX
            } else {
                map.x_from_time(lane.latest[pos] as f64)
            };
            if x1 < map.left_px - 1.0 && !when.is_point {
                continue;
            }
            items.push((
                pos,
                Item {
                    event: event_no,
                    row: rows[pos],
                    x0,
                    x1,
                },
            ));
        }
        let mut by_row: Vec<Vec<Item>> = vec![Vec::new(); row_count];
        for (_, item) in &items {
            by_row[usize::from(item.row).min(row_count - 1)].push(*item);
        }
        for (row, row_items) in by_row.iter().enumerate() {
            let spans: Vec<(f64, f64)> = row_items
                .iter()
                .map(|it| drawn_span(dataset, it, &map))
                .collect();
            let runs = fold_runs(&spans, FOLD_PX);
            let y_mid = top + LANE_PADDING + (row as f32 + 0.5) * ROW_HEIGHT;
            for (k, run) in runs.iter().enumerate() {
                let next_x = runs.get(k + 1).map_or(f64::INFINITY, |r| r.x0);
                if run.count > 1 {
                    let r = Rect::from_min_max(
                        pos2(clamp_x(run.x0, &map), y_mid - BAR_HEIGHT / 2.0),
                        pos2(
                            clamp_x(run.x1.max(run.x0 + 3.0), &map),
                            y_mid + BAR_HEIGHT / 2.0,
                        ),
                    );
                    folds.push((r, run.count));
                    continue;
                }
                let item = row_items[run.first];
                let event = dataset.events.at(item.event);
                let is_dimmed =
                    matches.is_some_and(|m| !m.get(item.event).copied().unwrap_or(true));
                let color = tokens::kind_color(event.kind(), &visuals);
                let color = if is_dimmed {
                    color.gamma_multiply(SEARCH_DIM)
                } else {
                    color
                };
                let shape = item_shape(event, &map, y_mid, &mut mesh, &mut markers, color);
                placed.push(Placed {
                    event: item.event,
                    lane: lane_no,
                    anchor: shape.anchor,
                    rect: shape.rect,
                });
                let room = (next_x - 4.0).min(f64::from(time_clip.right())) as f32;
                let room = shape.label_end.map_or(room, |end| room.min(end - 2.0));
                let label_rect = Rect::from_min_max(
                    pos2(shape.label_x, y_mid - ROW_HEIGHT / 2.0),
                    pos2(room, y_mid + ROW_HEIGHT / 2.0),
                );
                if label_rect.width() >= LABEL_MIN_ROOM_PX && labels.len() < MAX_LABELS {
                    let text_color = if shape.label_inside {
                        contrasting_text(color)
                    } else if is_dimmed {
                        visuals.weak_text_color().gamma_multiply(0.6)
                    } else {
                        visuals.text_color()
                    };
                    labels.push((label_rect, label_text(event), text_color));
                }
            }
        }
    }

    // Connectors: an event in several lanes is joined by a vertical line.
    let mut by_event: HashMap<usize, Vec<Placed>> = HashMap::default();
    for p in &placed {
        by_event.entry(p.event).or_default().push(*p);
    }
    for (event_no, occurrences) in &by_event {
        if occurrences.len() < 2 {
            continue;
        }
        let color = tokens::kind_color(dataset.events.at(*event_no).kind(), &visuals);
        let is_selected = selected == Some(*event_no);
        let x = occurrences[0].anchor.x;
        let (y0, y1) = occurrences.iter().fold((f32::MAX, f32::MIN), |(a, b), p| {
            (a.min(p.anchor.y), b.max(p.anchor.y))
        });
        let stroke = Stroke::new(
            if is_selected { 2.5 } else { 1.2 },
            color.gamma_multiply(if is_selected { 1.0 } else { 0.55 }),
        );
        item_painter.extend(Shape::dashed_line(
            &[pos2(x, y0), pos2(x, y1)],
            stroke,
            4.0,
            3.0,
        ));
    }

    item_painter.add(Shape::mesh(mesh));
    for (rect, count) in &folds {
        let fill = visuals.weak_text_color().gamma_multiply(0.7);
        item_painter.rect_filled(*rect, 1.0, fill);
        if rect.width() > 28.0 {
            item_painter.text(
                rect.center(),
                Align2::CENTER_CENTER,
                count.to_string(),
                FontId::proportional(10.0),
                visuals.extreme_bg_color,
            );
        }
    }
    for (center, kind, color) in &markers {
        paint_marker(
            &item_painter,
            *center,
            *kind,
            *color,
            MARKER_RADIUS,
            Some(visuals.extreme_bg_color),
        );
    }

    // Links between events, as arrows: the denial points at the claim it denies.
    for link in &dataset.links {
        let (Some(from), Some(to)) = (by_event.get(&link.from), by_event.get(&link.to)) else {
            continue;
        };
        let Some((a, b)) = closest_pair(from, to) else {
            continue;
        };
        let involved = selected.is_some_and(|s| s == link.from || s == link.to);
        let color = tokens::link_color(link.kind, &visuals);
        let color = match (selected.is_some(), involved) {
            (true, false) => color.gamma_multiply(0.25),
            _ => color,
        };
        let width = if involved { 2.5 } else { 1.5 };
        paint_arrow(&item_painter, a, b, Stroke::new(width, color));
    }

    // Selection: every copy of the selected event (one per lane) is ringed, and the events
    // it is linked to are ringed in the colour of the link.
    if let Some(sel) = selected {
        for (link, other) in dataset.links_of(sel) {
            let color = tokens::link_color(link.kind, &visuals);
            for p in placed.iter().filter(|p| p.event == other) {
                item_painter.rect_stroke(
                    p.rect.expand(3.0),
                    3.0,
                    Stroke::new(1.5, color),
                    egui::StrokeKind::Outside,
                );
            }
        }
        for p in placed.iter().filter(|p| p.event == sel) {
            item_painter.rect_stroke(
                p.rect.expand(3.0),
                3.0,
                Stroke::new(2.0, tokens::selection_color(&visuals)),
                egui::StrokeKind::Outside,
            );
        }
    }

    // Labels, each clipped to the room before the next item in its row.
    let font = FontId::proportional(LABEL_FONT_SIZE);
    for (rect, text, color) in &labels {
        let clip = rect.intersect(time_clip);
        if clip.width() <= 0.0 {
            continue;
        }
        painter.with_clip_rect(clip).text(
            pos2(rect.left(), rect.center().y),
            Align2::LEFT_CENTER,
            text,
            font.clone(),
            *color,
        );
    }

    // Hit areas with accessibility labels, and hover tooltips.
    for p in placed.iter().take(MAX_INTERACTIVE_ITEMS) {
        let hit = p.rect.expand(2.0).intersect(time_clip);
        if !hit.is_positive() {
            continue;
        }
        let event = dataset.events.at(p.event);
        let lane_name = lane_name(dataset, index, p.lane);
        let label = format!("{} ({lane_name})", event.title());
        let id = response.id.with(("event", p.event, p.lane));
        let item = ui.interact(hit, id, Sense::click());
        item.widget_info(|| WidgetInfo::labeled(egui::Role::Button, true, &label));
        let item = item.on_hover_ui(|ui| tooltip_ui(ui, dataset, event));
        if item.clicked() {
            // Alt+click follows a link of the event; a click selects it.
            if ui.input(|i| i.modifiers.alt) {
                commands.push(Command::FollowLink(p.event));
            } else {
                commands.push(Command::Select(Some(p.event)));
            }
        }
    }
    for d in &densities {
        let id = response.id.with(("density", d.lane));
        let strip = ui.interact(d.rect, id, Sense::hover());
        let total: u32 = d.counts.iter().sum();
        let name = lane_name(dataset, index, d.lane);
        let text = format!("{name}: {total} events in view, drawn as density — zoom in");
        strip.widget_info(|| WidgetInfo::labeled(egui::Role::Label, true, &text));
        if let Some(pointer) = strip.hover_pos() {
            let bin = (((pointer.x - d.rect.left()) / DENSITY_BIN_PX as f32) as usize)
                .min(d.counts.len().saturating_sub(1));
            let t_bin = map.time_from_x(f64::from(d.rect.left()) + bin as f64 * DENSITY_BIN_PX);
            let count = d.counts.get(bin).copied().unwrap_or(0);
            let when = crate::model::Timestamp(t_bin as i64).civil();
            strip.on_hover_text(format!(
                "{count} events starting near {} {} {} ({total} in view in {name}) — zoom in to see them",
                when.day,
                crate::model::time::MONTH_ABBREV[usize::from(when.month - 1)],
                crate::model::time::year_label(when.year)
            ));
        }
    }
    for (rect, count) in &folds {
        let id = response
            .id
            .with(("fold", rect.left() as i64, rect.top() as i64));
        let fold = ui.interact(rect.intersect(time_clip), id, Sense::hover());
        let text = format!("{count} events — zoom in to see them");
        fold.widget_info(|| WidgetInfo::labeled(egui::Role::Label, true, &text));
        fold.on_hover_text(&text);
    }

    // Lane headers, pinned at the left while the time pans.
    let header_painter = painter.with_clip_rect(lanes_rect);
    // The lane under a height on screen, for dropping a dragged lane.
    let lane_at_y = |y: f32| {
        lane_tops
            .iter()
            .zip(&lane_heights)
            .position(|(&top, &h)| y >= top && y < top + h)
    };
    let mut dragged_lane = None;
    for (lane_no, (&top, &h)) in lane_tops.iter().zip(&lane_heights).enumerate() {
        let header = Rect::from_min_size(pos2(rect.left(), top), vec2(LANE_HEADER_WIDTH, h));
        if !header.intersects(lanes_rect) {
            continue;
        }
        header_painter.rect_filled(header, 0.0, visuals.panel_fill);
        let actor = index.lane_actor[lane_no].map(|a| &dataset.actors[a]);
        // Dragging a lane's header moves the lane (its name and group toggle sit on top).
        if let Some(actor_no) = index.lane_actor[lane_no] {
            let handle = ui.interact(
                header.intersect(lanes_rect),
                response.id.with(("lane-drag", actor_no)),
                Sense::drag(),
            );
            if handle.hovered() {
                ui.ctx().set_cursor_icon(egui::CursorIcon::Grab);
            }
            if handle.dragged() {
                ui.ctx().set_cursor_icon(egui::CursorIcon::Grabbing);
                dragged_lane = Some(lane_no);
            }
            if handle.drag_stopped()
                && let Some(target) = handle
                    .interact_pointer_pos()
                    .or_else(|| ui.ctx().pointer_latest_pos())
                    .and_then(|p| lane_at_y(p.y))
                && let Some(to) = index.lane_actor[target]
                && to != actor_no
            {
                commands.push(Command::MoveLane {
                    actor: actor_no,
                    to,
                });
            }
        }
        let swatch = Rect::from_min_size(header.min, vec2(SWATCH_WIDTH, h));
        header_painter.rect_filled(
            swatch,
            0.0,
            tokens::lane_color(actor.and_then(|a| a.color), lane_no),
        );
        header_painter.hline(
            header.x_range(),
            header.bottom(),
            Stroke::new(1.0, visuals.widgets.noninteractive.bg_stroke.color),
        );
        let name_rect = Rect::from_min_max(
            pos2(header.left() + SWATCH_WIDTH + 8.0, header.top() + 2.0),
            pos2(
                header.right() - 4.0,
                (header.top() + ROW_HEIGHT + LANE_PADDING).min(header.bottom()),
            ),
        );
        if name_rect.intersects(lanes_rect) {
            let name = lane_name(dataset, index, lane_no);
            let mut child = ui.new_child(
                egui::UiBuilder::new()
                    .max_rect(name_rect)
                    .layout(egui::Layout::left_to_right(egui::Align::Center)),
            );
            child.set_clip_rect(name_rect.intersect(lanes_rect));
            // Not selectable: a drag on the name moves the lane.
            child.add(
                egui::Label::new(egui::RichText::new(name).strong())
                    .truncate()
                    .selectable(false),
            );
            let group = index.lane_group[lane_no]
                .as_ref()
                .map(|(g, _)| g.as_str())
                .or_else(|| actor.and_then(|a| a.group.as_deref()));
            if let Some(group) = group {
                // The group's name collapses or expands the group.
                let collapsed = index.lane_group[lane_no].is_some();
                let text = if collapsed {
                    format!("[+] expand {group}")
                } else {
                    format!("[-] {group}")
                };
                let group_rect = Rect::from_min_size(
                    pos2(name_rect.left(), name_rect.bottom() + 1.0),
                    vec2(name_rect.width(), 14.0),
                );
                if group_rect.bottom() < header.bottom() && group_rect.intersects(lanes_rect) {
                    let mut child = ui.new_child(
                        egui::UiBuilder::new()
                            .max_rect(group_rect)
                            .layout(egui::Layout::left_to_right(egui::Align::Center)),
                    );
                    child.set_clip_rect(group_rect.intersect(lanes_rect));
                    let link =
                        egui::Button::new(egui::RichText::new(text).size(10.5).weak()).frame(false);
                    let hint = if collapsed {
                        "Show the group's lanes one by one"
                    } else {
                        "Merge the group's lanes into one"
                    };
                    if child.add(link).on_hover_text(hint).clicked() {
                        commands.push(Command::ToggleGroup(group.to_owned()));
                    }
                }
            }
        }
    }
    // Where a dragged lane will land.
    if let Some(from) = dragged_lane
        && let Some(target) = ui.ctx().pointer_latest_pos().and_then(|p| lane_at_y(p.y))
    {
        let y = if target > from {
            lane_tops[target] + lane_heights[target]
        } else {
            lane_tops[target]
        };
        painter.hline(
            rect.x_range(),
            y,
            Stroke::new(3.0, visuals.selection.stroke.color),
        );
    }
    painter.vline(
        time_left,
        lanes_rect.y_range(),
        Stroke::new(1.0, visuals.widgets.noninteractive.bg_stroke.color),
    );

    axis_ui(&painter, rect, time_left, &map, &tick_rows, &visuals);

    // "Today", when it is in view.
    let now = crate::model::Timestamp::now().as_f64();
    if (map.view.start_secs..map.view.end_secs()).contains(&now) {
        let x = map.x_from_time(now) as f32;
        let color = tokens::today_color(&visuals);
        item_painter.vline(x, time_clip.y_range(), Stroke::new(1.5, color));
        painter.text(
            pos2(x + 3.0, lanes_rect.top() + 2.0),
            Align2::LEFT_TOP,
            "today",
            FontId::proportional(10.5),
            color,
        );
    }

    // The time under the pointer, read out on the axis.
    if let Some(pointer) = response.hover_pos().filter(|p| p.x > time_left) {
        let t = map.time_from_x(f64::from(pointer.x));
        let text = pointer_time_text(t, map.secs_per_px());
        let axis_row = rect.top() + AXIS_HEIGHT * 0.28;
        let galley = painter.layout_no_wrap(
            text,
            FontId::proportional(11.0),
            visuals.strong_text_color(),
        );
        let size = galley.size() + vec2(8.0, 4.0);
        let left = (pointer.x - size.x / 2.0).clamp(time_left, rect.right() - size.x);
        let bubble = Rect::from_min_size(pos2(left, axis_row - size.y / 2.0), size);
        painter.rect_filled(bubble, 3.0, visuals.extreme_bg_color);
        painter.rect_stroke(
            bubble,
            3.0,
            Stroke::new(1.0, visuals.weak_text_color()),
            egui::StrokeKind::Inside,
        );
        painter.galley(
            bubble.min + vec2(4.0, 2.0),
            galley,
            visuals.strong_text_color(),
        );
        painter.vline(
            pointer.x,
            (rect.top() + AXIS_HEIGHT - 8.0)..=(rect.top() + AXIS_HEIGHT),
            Stroke::new(1.5, visuals.strong_text_color()),
        );
    }
}

/// Pan, zoom, double-click and background click.
fn handle_input(ui: &Ui, response: &egui::Response, map: &ScreenMap, commands: &mut Vec<Command>) {
    let mut view = map.view;
    if response.dragged() {
        let delta = response.drag_delta();
        view = ScreenMap::new(view, map.left_px, map.width_px).panned_by_px(f64::from(delta.x));
        if delta.y != 0.0 {
            commands.push(Command::ScrollLanes(-delta.y));
        }
    }
    if response.hovered() {
        let (scroll, zoom, modifiers, pointer) = ui.input(|i| {
            (
                i.smooth_scroll_delta,
                i.zoom_delta(),
                i.modifiers,
                i.pointer.hover_pos(),
            )
        });
        let current = ScreenMap::new(view, map.left_px, map.width_px);
        if modifiers.shift {
            // Shift+wheel pans time (egui turns it into a horizontal scroll).
            let dx = if scroll.x != 0.0 { scroll.x } else { scroll.y };
            view = current.panned_by_px(f64::from(dx));
        } else if modifiers.alt {
            if scroll.y != 0.0 {
                commands.push(Command::ScrollLanes(-scroll.y));
            }
        } else {
            let factor = (-f64::from(scroll.y) * WHEEL_ZOOM_PER_POINT).exp() / f64::from(zoom);
            if (factor - 1.0).abs() > 1e-9 {
                let x = pointer.map_or(map.left_px + map.width_px / 2.0, |p| f64::from(p.x));
                view = current.zoomed_around(x, factor);
            }
        }
    }
    if view != map.view {
        commands.push(Command::SetView(view));
    }
    if response.double_clicked() {
        commands.push(Command::ZoomToFit);
    } else if response.clicked() {
        commands.push(Command::Select(None));
    }
}

/// The axis: the context row (pinned labels) above the tick row.
fn axis_ui(
    painter: &Painter,
    rect: Rect,
    time_left: f32,
    map: &ScreenMap,
    tick_rows: &crate::layout::TickRows,
    visuals: &egui::Visuals,
) {
    let axis = Rect::from_min_max(rect.min, pos2(rect.right(), rect.top() + AXIS_HEIGHT));
    painter.rect_filled(axis, 0.0, visuals.panel_fill);
    painter.hline(
        axis.x_range(),
        axis.bottom(),
        Stroke::new(1.0, visuals.widgets.noninteractive.bg_stroke.color),
    );
    let time_axis = Rect::from_min_max(pos2(time_left, axis.top()), axis.max);
    let axis_painter = painter.with_clip_rect(time_axis);
    let font = FontId::proportional(TICK_FONT_SIZE);
    let text_color = visuals.text_color();
    let row_y = axis.top() + AXIS_HEIGHT * 0.72;
    for tick in &tick_rows.minor {
        let x = map.x_from_time(tick.time) as f32;
        axis_painter.vline(
            x,
            (axis.bottom() - 6.0)..=axis.bottom(),
            Stroke::new(1.0, visuals.weak_text_color()),
        );
        axis_painter.text(
            pos2(x + 3.0, row_y),
            Align2::LEFT_CENTER,
            &tick.label,
            font.clone(),
            text_color,
        );
    }
    let context_y = axis.top() + AXIS_HEIGHT * 0.28;
    let strong = FontId::proportional(TICK_FONT_SIZE + 0.5);
    for (k, tick) in tick_rows.major.iter().enumerate() {
        let x = (map.x_from_time(tick.time) as f32).max(time_left);
        let next = tick_rows
            .major
            .get(k + 1)
            .map_or(axis.right(), |t| map.x_from_time(t.time) as f32);
        let galley = axis_painter.layout_no_wrap(
            tick.label.clone(),
            strong.clone(),
            visuals.strong_text_color(),
        );
        // A pinned label is pushed out to the left by the next one rather than overlap it (the
        // axis clips it).
        let x = x.min(next - galley.size().x - 9.0);
        let pos = pos2(x + 3.0, context_y - galley.size().y / 2.0);
        axis_painter.galley(pos, galley, visuals.strong_text_color());
    }
    painter.text(
        pos2(rect.left() + 10.0, axis.center().y),
        Align2::LEFT_CENTER,
        "Actors",
        FontId::proportional(12.0),
        visuals.weak_text_color(),
    );
}

/// The screen extent an item takes in its row, for folding.
fn drawn_span(dataset: &Dataset, item: &Item, map: &ScreenMap) -> (f64, f64) {
    let when = dataset.events.at(item.event).when();
    if when.is_point && item.x1 - item.x0 < POINT_RANGE_MIN_PX {
        let c = (item.x0 + item.x1) / 2.0;
        let _ = map;
        (c - 0.5, c + 0.5)
    } else {
        (item.x0, item.x1)
    }
}

/// What [`item_shape`] drew.
struct DrawnShape {
    anchor: Pos2,
    rect: Rect,
    label_x: f32,
    /// The label sits on the bar, so it needs a contrasting colour.
    label_inside: bool,
    /// Where a label on the bar must end (the end of the bar's solid part).
    label_end: Option<f32>,
}

/// Adds one event's bar (to the mesh) or marker (to `markers`), and says where it went.
fn item_shape(
    event: Event<'_>,
    map: &ScreenMap,
    y_mid: f32,
    mesh: &mut Mesh,
    markers: &mut Vec<(Pos2, EventKind, Color32)>,
    color: Color32,
) -> DrawnShape {
    let when = &event.when();
    let x = |t: i64| map.x_from_time(t as f64);
    let (y0, y1) = (y_mid - BAR_HEIGHT / 2.0, y_mid + BAR_HEIGHT / 2.0);
    let faint = color.gamma_multiply(UNCERTAIN_ALPHA);
    if when.is_point {
        let xa = x(when.start.earliest.0);
        let xb = x(when.start.latest.0);
        let centre = pos2(clamp_x((xa + xb) / 2.0, map), y_mid);
        if xb - xa >= POINT_RANGE_MIN_PX {
            // A date known only as a range: a faint band over the range, whiskers at its ends,
            // the marker in the middle. Nothing claims a precision the source does not give.
            let band = color.gamma_multiply(RANGE_BAND_ALPHA);
            let (l, r) = (clamp_x(xa, map), clamp_x(xb, map));
            add_quad(mesh, l, r, y0 + 2.0, y1 - 2.0, band, band);
            add_quad(mesh, l, l + 1.5, y0, y1, color, color);
            add_quad(mesh, r - 1.5, r, y0, y1, color, color);
            markers.push((centre, event.kind(), color));
            return DrawnShape {
                anchor: centre,
                rect: Rect::from_min_max(pos2(l, y0), pos2(r, y1)),
                label_x: range_label_x(centre.x, l, r, map),
                label_inside: false,
                label_end: None,
            };
        }
        markers.push((centre, event.kind(), color));
        return DrawnShape {
            anchor: centre,
            rect: Rect::from_center_size(centre, vec2(2.0 * MARKER_RADIUS, 2.0 * MARKER_RADIUS)),
            label_x: centre.x + MARKER_RADIUS + 4.0,
            label_inside: false,
            label_end: None,
        };
    }
    // An interval: ramps over the uncertain start and end, solid between.
    let xs0 = if when.is_open_start {
        map.left_px - PAINT_MARGIN_PX
    } else {
        x(when.start.earliest.0)
    };
    let xs1 = if when.is_open_start {
        xs0
    } else {
        x(when.start.latest.0)
    };
    let (xe0, xe1) = if when.is_open_end {
        let far = map.left_px + map.width_px + PAINT_MARGIN_PX;
        (far, far)
    } else {
        (x(when.end.earliest.0), x(when.end.latest.0))
    };
    let (a, b, c, d) = (
        clamp_x(xs0, map),
        clamp_x(xs1, map),
        clamp_x(xe0, map),
        clamp_x(xe1, map),
    );
    if b > a {
        add_quad(mesh, a, b, y0, y1, faint, color);
    }
    if c > b {
        add_quad(mesh, b, c, y0, y1, color, color);
    }
    if d > c {
        add_quad(mesh, c, d, y0, y1, color, faint);
    }
    if d - a < 2.0 {
        add_quad(mesh, a - 1.0, a + 1.0, y0, y1, color, color);
    }
    let rect = Rect::from_min_max(pos2(a, y0), pos2(d.max(a + 2.0), y1));
    // The label goes on the solid part of the bar when it fits there (pinned to the left edge
    // while the bar starts off screen), else after the bar, else (the bar runs off the right
    // edge) on the bar, cut at the solid part's end.
    let (left, right) = (map.left_px as f32, (map.left_px + map.width_px) as f32);
    let core_start = b.max(left);
    let core_visible = c.min(right) - core_start;
    let after_bar_visible = d + 44.0 < right;
    let label_inside =
        f64::from(core_visible) > label_px(event) || (!after_bar_visible && core_visible > 40.0);
    DrawnShape {
        anchor: pos2(b.max(a), y_mid),
        rect,
        label_x: if label_inside {
            core_start + 4.0
        } else {
            d + 4.0
        },
        label_end: if label_inside { Some(c) } else { None },
        label_inside,
    }
}

/// Where the label of a point dated by a range goes: after the marker, over the faint band; when
/// the marker is off screen, at the visible start of the band, so every band on screen is named.
fn range_label_x(marker_x: f32, band_left: f32, band_right: f32, map: &ScreenMap) -> f32 {
    let (left, right) = (map.left_px as f32, (map.left_px + map.width_px) as f32);
    // A narrow band: the label goes after it, clear of the end whisker.
    if band_right - marker_x < NARROW_BAND_PX && band_right + 4.0 < right - 40.0 {
        return band_right + 4.0;
    }
    let after_marker = marker_x + MARKER_RADIUS + 4.0;
    if after_marker > right - 40.0 {
        band_left.max(left) + 4.0
    } else {
        after_marker.max(left + 4.0)
    }
}

/// Paints a marker whose shape tells the kind: action ●, statement ■, claim ◆, denial ◆ with a
/// cross, context ○.
pub fn paint_marker(
    painter: &Painter,
    center: Pos2,
    kind: EventKind,
    color: Color32,
    r: f32,
    outline: Option<Color32>,
) {
    let outline = outline.map_or(Stroke::NONE, |c| Stroke::new(1.0, c));
    let diamond = vec![
        center + vec2(0.0, -r * 1.2),
        center + vec2(r * 1.2, 0.0),
        center + vec2(0.0, r * 1.2),
        center + vec2(-r * 1.2, 0.0),
    ];
    match kind {
        EventKind::Action => {
            painter.circle(center, r, color, outline);
        }
        EventKind::Statement => {
            painter.rect(
                Rect::from_center_size(center, vec2(1.7 * r, 1.7 * r)),
                1.0,
                color,
                outline,
                egui::StrokeKind::Outside,
            );
        }
        EventKind::Claim => {
            painter.add(Shape::convex_polygon(diamond, color, outline));
        }
        EventKind::Denial => {
            painter.add(Shape::convex_polygon(diamond, color, outline));
            let k = r * 0.45;
            let white = Stroke::new(1.6, Color32::WHITE);
            painter.line_segment([center + vec2(-k, -k), center + vec2(k, k)], white);
            painter.line_segment([center + vec2(-k, k), center + vec2(k, -k)], white);
        }
        EventKind::Context => {
            painter.circle(
                center,
                r * 0.9,
                Color32::TRANSPARENT,
                Stroke::new(2.0, color),
            );
        }
    }
}

/// A curved arrow from `a` to `b`.
fn paint_arrow(painter: &Painter, a: Pos2, b: Pos2, stroke: Stroke) {
    let mid_x = (a.x + b.x) / 2.0;
    let (c1, c2) = if (a.y - b.y).abs() < 4.0 {
        // Same row: bow upwards so the arrow does not run through the events between.
        (pos2(a.x, a.y - 30.0), pos2(b.x, b.y - 30.0))
    } else {
        (pos2(mid_x, a.y), pos2(mid_x, b.y))
    };
    painter.add(CubicBezierShape::from_points_stroke(
        [a, c1, c2, b],
        false,
        Color32::TRANSPARENT,
        PathStroke::new(stroke.width, stroke.color),
    ));
    let dir = (b - c2).normalized();
    let dir = if dir.is_finite() && dir.length() > 0.5 {
        dir
    } else {
        vec2(1.0, 0.0)
    };
    let tip = b - dir * (MARKER_RADIUS + 1.0);
    let side = vec2(-dir.y, dir.x) * 4.5;
    let back = tip - dir * 9.0;
    painter.add(Shape::convex_polygon(
        vec![tip, back + side, back - side],
        stroke.color,
        Stroke::NONE,
    ));
}

/// Of all pairs of occurrences, the two closest on screen.
fn closest_pair(from: &[Placed], to: &[Placed]) -> Option<(Pos2, Pos2)> {
    from.iter()
        .flat_map(|a| to.iter().map(move |b| (a.anchor, b.anchor)))
        .min_by(|p, q| {
            let dp = (p.0.y - p.1.y).abs() * 4.0 + (p.0.x - p.1.x).abs();
            let dq = (q.0.y - q.1.y).abs() * 4.0 + (q.0.x - q.1.x).abs();
            dp.total_cmp(&dq)
        })
}

/// Adds a density strip: bins shaded by the logarithm of their count, neighbouring bins of the
/// same shade merged into one quad (so vertices follow the shape of the data, not its size).
fn add_density(mesh: &mut Mesh, strip: Rect, counts: &[u32], color: Color32) {
    let level = |c: u32| {
        if c == 0 {
            0
        } else {
            (32 - c.leading_zeros()).min(DENSITY_LEVELS)
        }
    };
    let mut start = 0;
    while start < counts.len() {
        let l = level(counts[start]);
        let mut end = start + 1;
        while end < counts.len() && level(counts[end]) == l {
            end += 1;
        }
        if l > 0 {
            let alpha = 0.18 + 0.82 * l as f32 / DENSITY_LEVELS as f32;
            let c = color.gamma_multiply(alpha);
            let x0 = strip.left() + start as f32 * DENSITY_BIN_PX as f32;
            let x1 = (strip.left() + end as f32 * DENSITY_BIN_PX as f32).min(strip.right());
            add_quad(mesh, x0, x1, strip.top(), strip.bottom(), c, c);
        }
        start = end;
    }
}

/// Shades of a density strip: counts 1, 2–3, 4–7, … 128+.
const DENSITY_LEVELS: u32 = 8;

fn add_quad(mesh: &mut Mesh, x0: f32, x1: f32, y0: f32, y1: f32, left: Color32, right: Color32) {
    let i = mesh.vertices.len() as u32;
    mesh.colored_vertex(pos2(x0, y0), left);
    mesh.colored_vertex(pos2(x1, y0), right);
    mesh.colored_vertex(pos2(x1, y1), right);
    mesh.colored_vertex(pos2(x0, y1), left);
    mesh.add_triangle(i, i + 1, i + 2);
    mesh.add_triangle(i, i + 2, i + 3);
}

/// The time under the pointer, as precise as one point of the screen allows: `2018`,
/// `Mar 2018`, `4 Mar 2018`, `4 Mar 2018 14:05 UTC`.
fn pointer_time_text(t: f64, secs_per_px: f64) -> String {
    use crate::model::time::{MONTH_ABBREV, year_label};
    let c = crate::model::Timestamp(t.floor() as i64).civil();
    let month = MONTH_ABBREV[usize::from(c.month - 1)];
    let day = 86_400.0;
    if secs_per_px > 60.0 * day {
        year_label(c.year)
    } else if secs_per_px > 2.0 * day {
        format!("{month} {}", year_label(c.year))
    } else if secs_per_px > 600.0 {
        format!("{} {month} {}", c.day, year_label(c.year))
    } else {
        format!(
            "{} {month} {} {:02}:{:02} UTC",
            c.day,
            year_label(c.year),
            c.hour,
            c.minute
        )
    }
}

/// Black or white, whichever reads better on `background`.
fn contrasting_text(background: Color32) -> Color32 {
    let [r, g, b, _] = background.to_array();
    let luma = 0.299 * f32::from(r) + 0.587 * f32::from(g) + 0.114 * f32::from(b);
    if luma > 140.0 {
        Color32::from_gray(20)
    } else {
        Color32::WHITE
    }
}

/// Narrows an x position to `f32` once it is near the screen (far values lose precision).
fn clamp_x(x: f64, map: &ScreenMap) -> f32 {
    x.clamp(
        map.left_px - PAINT_MARGIN_PX,
        map.left_px + map.width_px + PAINT_MARGIN_PX,
    ) as f32
}

/// The label drawn beside an event: its title, marked when its date is uncertain.
fn label_text(event: Event<'_>) -> String {
    if event.is_uncertain() {
        format!("{} (?)", event.title())
    } else {
        event.title().to_owned()
    }
}

/// Room an event's marker and label want, in points (planned, not measured: see tokens).
fn label_px(event: Event<'_>) -> f64 {
    let chars = event.title().chars().count() as f32 + 4.0;
    f64::from((chars * LABEL_CHAR_WIDTH + 2.0 * MARKER_RADIUS + 8.0).min(MAX_LABEL_WIDTH))
}

fn stack_lanes(
    dataset: &Dataset,
    index: &TimelineIndex,
    secs_per_px: f64,
    bucket: i64,
) -> StackCache {
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
    StackCache {
        bucket,
        rows,
        row_counts,
    }
}

fn lane_name(dataset: &Dataset, index: &TimelineIndex, lane: usize) -> String {
    if let Some((group, members)) = index.lane_group.get(lane).and_then(Option::as_ref) {
        return format!("{group} ({members} lanes)");
    }
    match index.lane_actor.get(lane).copied().flatten() {
        Some(a) => dataset.actors[a].name.clone(),
        None => "(no actor)".to_owned(),
    }
}

/// The hover card of an event.
fn tooltip_ui(ui: &mut Ui, dataset: &Dataset, event: Event<'_>) {
    ui.set_max_width(420.0);
    ui.strong(event.title());
    ui.horizontal(|ui| {
        let color = tokens::kind_color(event.kind(), ui.visuals());
        ui.colored_label(color, event.kind().name());
        if let Some(by) = event.source().as_ref().and_then(|s| s.by.as_deref()) {
            ui.weak(format!("— according to {by}"));
        }
    });
    ui.label(format!("When: {}", event.when().describe()));
    ui.weak(format!("As written: {}", event.time()));
    let actors: Vec<&str> = event
        .actors()
        .iter()
        .map(|&a| dataset.actors[a as usize].name.as_str())
        .collect();
    if !actors.is_empty() {
        ui.label(format!("Actors: {}", actors.join(", ")));
    }
    ui.weak("Click for details");
}
