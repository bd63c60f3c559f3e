//! The timeline canvas: builds the frame's [`crate::layout::scene::Scene`] and paints it
//! ([`super::paint`]), then lays hit areas, tooltips and accessibility nodes over the marks the
//! scene says are interactive (`hits`), the pinned lane headers (`headers`) and the
//! pointer's time readout. Pan, zoom and clicks on the background are `input`. Reads state,
//! pushes [`Command`]s; the only state it writes is its own (the scroll clamp, the stacking
//! cache).

mod headers;
mod hits;
mod input;
mod pile_list;

use egui::{Align2, FontId, Rect, Sense, Stroke, Ui, pos2, vec2};

use super::command::Command;
use super::paint;
use crate::layout::metrics::{AXIS_HEIGHT, LANE_HEADER_WIDTH};
use crate::layout::rows::{Stacking, stack_lanes, zoom_bucket};
use crate::layout::scene::{Area, Scene, SceneInput, build};
use crate::layout::{ScreenMap, TimeView, TimelineIndex};
use crate::model::Dataset;

/// Zoom to fit leaves this fraction of the span free on the right for the last labels when the
/// width of the time area is not known (or too narrow to leave the widest label its room).
const FIT_LABEL_ROOM: f64 = 0.18;

/// At most this many items get their own hit area and accessibility node per frame. Beyond it
/// they are still drawn. At the default dataset's ~30 items this never binds.
const MAX_INTERACTIVE_ITEMS: usize = 3000;

/// Pan and zoom of the timeline, and what is derived from them and cached.
#[derive(Clone, Debug)]
pub struct TimelineState {
    /// The visible time range.
    pub view: TimeView,
    /// How far the lanes are scrolled down, in points; clamped while drawing.
    pub scroll_y: f32,
    /// Rows of each lane's items at one zoom bucket.
    stacking: Option<Stacking>,
    /// The lanes on screen in the last frame (positions in the index drawn), for "lanes in
    /// view" exports.
    pub lanes_in_view: Vec<usize>,
    /// The width of the time area in the last frame, in points (what a database window is
    /// planned for).
    pub time_width_px: f64,
    /// The open list of a pile's or a fold's events, if any.
    pile_list: Option<pile_list::PileList>,
    /// The view was fitted before the width of the time area was known: fit it again, with
    /// the last labels' room, on the first frame that knows it.
    needs_fit: bool,
    /// An event to bring into view vertically (the lanes scrolled to its row) next frame.
    reveal: Option<usize>,
}

/// A database's last answer, drawn instead of the in-memory counts.
#[derive(Clone, Copy)]
pub struct RemoteView<'a> {
    /// The answer: per-lane bins and the events fetched.
    pub answer: &'a crate::source::window::Answer,
    /// The whole table's extent.
    pub extent: Option<(i64, i64)>,
    /// A refined answer is on its way: a small "refining…" mark is drawn.
    pub refining: bool,
}

impl TimelineState {
    /// A state showing `view`, with nothing cached.
    pub fn at(view: TimeView) -> Self {
        Self {
            view,
            scroll_y: 0.0,
            stacking: None,
            lanes_in_view: Vec::new(),
            time_width_px: 0.0,
            pile_list: None,
            needs_fit: false,
            reveal: None,
        }
    }

    /// Whether the list of a pile's or a fold's events is open.
    pub fn is_pile_list_open(&self) -> bool {
        self.pile_list.is_some()
    }

    /// Scrolls the lanes, next frame, so that `event`'s row is in view (Enter on a search
    /// match, Tab, following a link), as the view's glide brings it into view in time.
    pub fn reveal(&mut self, event: usize) {
        self.reveal = Some(event);
    }

    /// Closes the list of a pile's or a fold's events.
    pub fn close_pile_list(&mut self) {
        self.pile_list = None;
    }

    /// A state showing every event of `index`; fitted again with room for the last labels on
    /// the first frame drawn.
    pub fn fitted(index: &TimelineIndex) -> Self {
        let view = match index.extent_secs {
            Some((a, b)) => fit_with_label_room(a as f64, b as f64, 0.0, 0.0),
            None => {
                let now = crate::model::Timestamp::now().as_f64();
                TimeView::fit(now - 365.0 * 86_400.0, now, 0.0)
            }
        };
        Self {
            needs_fit: index.extent_secs.is_some(),
            ..Self::at(view)
        }
    }
}

/// The view showing every event of `index` in a time area `width_px` points wide, with room
/// right of the last events for their labels; `None` when there are no events.
pub fn fit_all(dataset: &Dataset, index: &TimelineIndex, width_px: f64) -> Option<TimeView> {
    let (a, b) = index.extent_secs?;
    let label_px = last_labels_px(dataset, index, a as f64, b as f64);
    Some(fit_with_label_room(a as f64, b as f64, width_px, label_px))
}

/// Events ending this close to the end of a fitted range (as a share of it) put their labels
/// right of it: the fit leaves room for the widest of them.
const LAST_LABELS_SHARE: f64 = 0.04;

/// The widest a fit leaves for the last labels, as a share of the time area's width.
const LAST_LABELS_MAX_SHARE: f64 = 0.4;

/// The room the labels of the events ending near `latest` want, in points (planned from their
/// titles, as the stacking plans it), for fitting `[earliest, latest]`.
pub fn last_labels_px(dataset: &Dataset, index: &TimelineIndex, earliest: f64, latest: f64) -> f64 {
    let near = latest - (latest - earliest) * LAST_LABELS_SHARE;
    let mut widest: f64 = 0.0;
    for lane in &index.lanes {
        // Lanes are sorted by start; the last events start near the end.
        let from = lane.earliest.partition_point(|&t| (t as f64) < near);
        for k in from..lane.len() {
            if (lane.latest[k] as f64) <= latest {
                let event = dataset.events.at(lane.events[k] as usize);
                let chars = event.title().chars().count() + 5;
                widest =
                    widest.max(chars as f64 * f64::from(crate::layout::metrics::LABEL_CHAR_WIDTH));
            }
        }
    }
    widest + 2.0 * f64::from(crate::layout::metrics::MARKER_RADIUS) + 12.0
}

/// A view of `[earliest, latest]` (seconds) in a time area `width_px` points wide (0: not
/// known), leaving `label_px` points right of `latest` (at most a share of the width) so the
/// last labels are not cut by the window's edge.
pub fn fit_with_label_room(earliest: f64, latest: f64, width_px: f64, label_px: f64) -> TimeView {
    let fit = TimeView::fit(earliest, latest, 0.03);
    // The share of the width kept free right of the last event.
    let free = if width_px > 0.0 {
        (label_px / width_px).clamp(FIT_LABEL_ROOM / 2.0, LAST_LABELS_MAX_SHARE)
    } else {
        FIT_LABEL_ROOM
    };
    let to_latest = latest - fit.start_secs;
    TimeView {
        span_secs: fit.span_secs.max(to_latest / (1.0 - free)),
        ..fit
    }
}

/// What the timeline draws.
pub struct TimelineInput<'a> {
    /// The dataset.
    pub dataset: &'a Dataset,
    /// Its lanes on screen (filtered, collapsed), indexed.
    pub index: &'a TimelineIndex,
    /// The selected event.
    pub selected: Option<usize>,
    /// Which events match the search; `None` when nothing is searched.
    pub matches: Option<&'a [bool]>,
    /// A screenshot of the window is being taken: the pointer's time readout is left out.
    pub is_capturing: bool,
    /// What the analyst marked on which event (stars, notes, own events).
    pub marks: Option<&'a rustc_hash::FxHashMap<usize, crate::model::Marks>>,
    /// Links from this position of the dataset's on are the analyst's own.
    pub own_links_from: Option<usize>,
    /// The analyst's notes on lanes, by actor id.
    pub lane_notes: Option<&'a std::collections::BTreeMap<String, crate::notes::LaneNote>>,
    /// A database on screen: its last answer.
    pub remote: Option<RemoteView<'a>>,
    /// The zone whose clocks the axis and the pointer's readout follow.
    pub zone: crate::model::ShownZone,
}

/// Where this frame's timeline is drawn, and how: what the parts drawn over the scene share.
struct Canvas<'a> {
    /// The whole canvas: lane names, axis and time area.
    rect: Rect,
    /// The canvas's response (clicks, drags, hover).
    response: &'a egui::Response,
    /// A painter clipped to the canvas.
    painter: &'a egui::Painter,
    /// The theme.
    visuals: &'a egui::Visuals,
    /// Time ↔ x in the time area, for this frame's view.
    map: &'a ScreenMap,
}

/// Draws the timeline in the space left in `ui`, and pushes what the user asked for.
pub fn timeline_ui(
    ui: &mut Ui,
    input: &TimelineInput<'_>,
    state: &mut TimelineState,
    commands: &mut Vec<Command>,
) {
    let TimelineInput {
        dataset,
        index,
        selected,
        matches,
        marks,
        own_links_from,
        remote,
        zone,
        ..
    } = *input;
    let rect = ui.available_rect_before_wrap();
    let response = ui.allocate_rect(rect, Sense::click_and_drag());
    let visuals = ui.visuals().clone();
    let painter = ui.painter_at(rect);
    painter.rect_filled(rect, 0.0, visuals.extreme_bg_color);
    if index.lanes.is_empty() {
        paint_no_events(&painter, rect, &visuals);
        return;
    }
    let map = fitted_map(ui, &response, rect, input, state, commands);

    // Stacking depends on the zoom (labels need room in time), cached per zoom bucket.
    let bucket = zoom_bucket(dataset.events.len(), map.secs_per_px());
    if state.stacking.as_ref().is_none_or(|s| s.bucket != bucket) {
        state.stacking = Some(stack_lanes(dataset, index, bucket));
    }
    let Some(stacking) = state.stacking.as_ref() else {
        return;
    };
    let window = remote.map(|r| crate::layout::WindowSource {
        index,
        dataset,
        answer: r.answer,
        extent: r.extent,
    });
    let source: &dyn crate::source::TimelineSource = match &window {
        Some(w) => w,
        None => index,
    };
    let mut scene_input = SceneInput {
        dataset,
        source,
        stacking,
        view: state.view,
        canvas: Area::new(rect.left(), rect.top(), rect.right(), rect.bottom()),
        scroll_y: state.scroll_y,
        selected,
        matches,
        now_secs: crate::model::Timestamp::now().as_f64(),
        marks,
        own_links_from,
        zone,
    };
    if let Some(event) = state.reveal.take()
        && let Some(scroll_y) = scroll_to_reveal(&scene_input, index, event)
    {
        state.scroll_y = scroll_y;
        scene_input.scroll_y = scroll_y;
    }
    let scene = build(&scene_input);
    state.scroll_y = scene.scroll_y;
    let canvas = Canvas {
        rect,
        response: &response,
        painter: &painter,
        visuals: &visuals,
        map: &map,
    };
    double_click(&canvas, &scene, commands);
    state.lanes_in_view = scene.lanes.iter().map(|r| r.lane).collect();

    paint::paint_marks(&painter, &scene, &visuals);
    let is_list_new = hits_and_headers_ui(ui, &canvas, input, source, &scene, state, commands);
    paint_axis_and_readout(&canvas, &scene, input);
    pile_list::pile_list_ui(
        ui,
        dataset,
        selected,
        &mut state.pile_list,
        is_list_new,
        commands,
    );
    if remote.is_some_and(|r| r.refining) {
        paint_refining(&canvas);
    }
}

/// What an empty timeline says instead.
fn paint_no_events(painter: &egui::Painter, rect: Rect, visuals: &egui::Visuals) {
    painter.text(
        rect.center(),
        Align2::CENTER_CENTER,
        format!(
            "No events to show. Open a file with {}, or drop one here.",
            crate::ui::actions::Action::Open.key_text()
        ),
        FontId::proportional(16.0),
        visuals.weak_text_color(),
    );
}

/// A small "refining…" mark: the last answer is drawn scaled to the view until the refined
/// one arrives.
fn paint_refining(canvas: &Canvas<'_>) {
    canvas.painter.text(
        pos2(
            canvas.rect.right() - 8.0,
            canvas.rect.top() + AXIS_HEIGHT + 6.0,
        ),
        Align2::RIGHT_TOP,
        "refining…",
        FontId::proportional(12.0),
        canvas.visuals.weak_text_color(),
    );
}

/// Handles pan and zoom over the canvas, fits the view on the first frame that knows the time
/// area's width (when asked to), and gives the frame's time ↔ x map.
fn fitted_map(
    ui: &Ui,
    response: &egui::Response,
    rect: Rect,
    input: &TimelineInput<'_>,
    state: &mut TimelineState,
    commands: &mut Vec<Command>,
) -> ScreenMap {
    let time_left = rect.left() + LANE_HEADER_WIDTH;
    let map = ScreenMap::new(
        state.view,
        f64::from(time_left),
        f64::from(rect.right() - time_left),
    );
    input::handle_input(ui, response, &map, commands);
    state.time_width_px = map.width_px;
    if std::mem::take(&mut state.needs_fit)
        && let Some(view) = fit_all(input.dataset, input.index, map.width_px)
    {
        state.view = view;
    }
    ScreenMap::new(state.view, map.left_px, map.width_px)
}

/// A double-click on a lane starts an event of your own there, then; on the axis, fits.
fn double_click(canvas: &Canvas<'_>, scene: &Scene, commands: &mut Vec<Command>) {
    let response = canvas.response;
    let time_left = canvas.map.left_px as f32;
    if response.double_clicked()
        && let Some(p) = response.interact_pointer_pos()
    {
        let row = scene
            .lanes
            .iter()
            .find(|r| p.x > time_left && p.y >= r.top && p.y < r.top + r.height);
        commands.push(match row {
            Some(row) => Command::NewEvent {
                actor: row.actor,
                at: Some(pointer_date_notation(
                    canvas.map.time_from_x(f64::from(p.x)),
                    canvas.map.secs_per_px(),
                )),
            },
            None => Command::ZoomToFit,
        });
    }
}

/// The hit areas over the marks (a click on a density strip opens the list of its events
/// there) and the pinned lane headers; whether the list of a pile's events opened this frame.
fn hits_and_headers_ui(
    ui: &mut Ui,
    canvas: &Canvas<'_>,
    input: &TimelineInput<'_>,
    source: &dyn crate::source::TimelineSource,
    scene: &Scene,
    state: &mut TimelineState,
    commands: &mut Vec<Command>,
) -> bool {
    let dataset = input.dataset;
    let list_before = state.pile_list.as_ref().map(|l| l.at);
    let density_click = hits::hits_ui(
        ui,
        canvas.response,
        dataset,
        scene,
        commands,
        &mut state.pile_list,
    );
    if let Some(click) = density_click {
        state.pile_list = Some(density_list(dataset, source, scene, click));
    }
    let is_list_new = state.pile_list.as_ref().map(|l| l.at) != list_before;
    let lane_note = |actor: usize| {
        let note = &input.lane_notes?.get(&dataset.actors.get(actor)?.id)?.note;
        (!note.trim().is_empty()).then(|| note.clone())
    };
    headers::headers_ui(
        ui,
        canvas.response,
        canvas.painter,
        scene,
        &lane_note,
        commands,
    );
    is_list_new
}

/// The line between the lane names and the time area, the axis, the today line and (unless a
/// screenshot is being taken) the time under the pointer.
fn paint_axis_and_readout(canvas: &Canvas<'_>, scene: &Scene, input: &TimelineInput<'_>) {
    let (painter, visuals) = (canvas.painter, canvas.visuals);
    painter.vline(
        canvas.map.left_px as f32,
        paint::rect(scene.lanes_area).y_range(),
        Stroke::new(1.0, visuals.widgets.noninteractive.bg_stroke.color),
    );
    paint::paint_axis(painter, scene, visuals);
    paint::paint_today(painter, scene, visuals);
    if !input.is_capturing {
        pointer_readout(
            painter,
            canvas.response,
            canvas.rect,
            canvas.map,
            visuals,
            input.zone,
        );
    }
}

/// A density strip lists at most this many of the events under a click (the rest: zoom in).
const DENSITY_LIST_MAX: usize = 500;

/// The list of the events of a density strip that start under a click.
fn density_list(
    dataset: &Dataset,
    source: &dyn crate::source::TimelineSource,
    scene: &crate::layout::scene::Scene,
    click: hits::DensityClick,
) -> pile_list::PileList {
    let mut items = Vec::new();
    source.items_touching(click.lane, click.from_secs, click.to_secs, &mut items);
    items.retain(|i| (click.from_secs..click.to_secs).contains(&i.earliest_secs));
    items.sort_by_key(|i| (i.earliest_secs, i.event));
    let total = items.len();
    let name = scene
        .lanes
        .iter()
        .find(|r| r.lane == click.lane)
        .map_or("", |r| r.name.as_str());
    let heading = if total > DENSITY_LIST_MAX {
        format!(
            "{total} events in {name} start here: the first {DENSITY_LIST_MAX} (zoom in for the rest)"
        )
    } else if total == 1 {
        format!("1 event in {name} starts here")
    } else {
        format!("{total} events in {name} start here")
    };
    let events = items
        .into_iter()
        .take(DENSITY_LIST_MAX)
        .map(|i| i.event)
        .filter(|&e| e < dataset.events.len())
        .collect();
    pile_list::PileList::new(heading, events, click.at)
}

/// The scroll that brings the row of `event` (in its first lane of `index`) into view, or
/// `None` when it is in view already (or not in any lane).
fn scroll_to_reveal(input: &SceneInput<'_>, index: &TimelineIndex, event: usize) -> Option<f32> {
    let (lane, position) = index.lanes.iter().enumerate().find_map(|(l, lane)| {
        lane.events
            .iter()
            .position(|&e| e as usize == event)
            .map(|p| (l, p))
    })?;
    let tops = crate::layout::scene::lane_tops(input);
    let (lane_top, lane_end) = (*tops.get(lane)?, *tops.get(lane + 1)?);
    let row = input
        .stacking
        .rows
        .get(lane)
        .and_then(|rows| rows.get(position))
        .map_or(0.0, |&r| f32::from(r));
    let row_height = crate::layout::metrics::ROW_HEIGHT;
    let row_top =
        (lane_top + crate::layout::metrics::LANE_PADDING + row * row_height).min(lane_end);
    let visible = input.canvas.height() - AXIS_HEIGHT;
    let (shown_from, shown_to) = (input.scroll_y, input.scroll_y + visible);
    if row_top >= shown_from && row_top + row_height <= shown_to {
        return None;
    }
    // The lane's top a third of the way down, or its row when the lane is taller than that.
    let target = if row_top - lane_top < visible * 0.6 {
        lane_top - visible / 3.0
    } else {
        row_top - visible / 3.0
    };
    Some(target.clamp(
        0.0,
        (tops.last().copied().unwrap_or(0.0) - visible).max(0.0),
    ))
}

/// The time under the pointer, read out on the axis.
fn pointer_readout(
    painter: &egui::Painter,
    response: &egui::Response,
    rect: Rect,
    map: &ScreenMap,
    visuals: &egui::Visuals,
    zone: crate::model::ShownZone,
) {
    let time_left = map.left_px as f32;
    let Some(pointer) = response.hover_pos().filter(|p| p.x > time_left) else {
        return;
    };
    let t = map.time_from_x(f64::from(pointer.x));
    let text = pointer_time_text(t, map.secs_per_px(), zone);
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

/// The time under the pointer, as precise as one point of the screen allows: `2018`,
/// `Mar 2018`, `4 Mar 2018`, `4 Mar 2018 14:05 UTC`, on the clocks of `zone`.
fn pointer_time_text(t: f64, secs_per_px: f64, zone: crate::model::ShownZone) -> String {
    use crate::model::time::{MONTH_ABBREV, year_label};
    let c = zone.civil(t.floor() as i64);
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
            "{} {month} {} {:02}:{:02} {}",
            c.day,
            year_label(c.year),
            c.hour,
            c.minute,
            zone.abbreviation(t.floor() as i64)
        )
    }
}

/// The time under the pointer in the files' notation, as precise as one point allows:
/// `2018`, `2018-03`, `2018-03-04`, `2018-03-04T14:05`.
fn pointer_date_notation(t: f64, secs_per_px: f64) -> String {
    let c = crate::model::Timestamp(t.floor() as i64).civil();
    let day = 86_400.0;
    // The day as the files write it (`2018-03-04`, `-0043-03-15`), cut to the precision.
    let date = crate::model::FuzzyDate::day(c.year, c.month, c.day).to_string();
    let cut = |n: usize| date[..date.len() - n].to_owned();
    if secs_per_px > 60.0 * day {
        cut(6)
    } else if secs_per_px > 2.0 * day {
        cut(3)
    } else if secs_per_px > 600.0 {
        date
    } else {
        format!("{date}T{:02}:{:02}", c.hour, c.minute)
    }
}

#[cfg(test)]
mod tests {
    use super::{pointer_date_notation, pointer_time_text};
    use crate::model::CivilDateTime;

    #[test]
    fn the_pointer_readout_is_as_precise_as_a_point() {
        let t = CivilDateTime {
            year: 2018,
            month: 3,
            day: 4,
            hour: 14,
            minute: 5,
            second: 0,
        }
        .timestamp()
        .as_f64();
        let utc = crate::model::ShownZone::Utc;
        assert_eq!(pointer_time_text(t, 1e8, utc), "2018");
        assert_eq!(pointer_time_text(t, 5.0 * 86_400.0, utc), "Mar 2018");
        assert_eq!(pointer_time_text(t, 3600.0, utc), "4 Mar 2018");
        assert_eq!(pointer_time_text(t, 10.0, utc), "4 Mar 2018 14:05 UTC");
        // On Kyiv's clocks (winter: UTC+2), the same instant.
        let kyiv = crate::model::ShownZone::parse("Europe/Kyiv").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(pointer_time_text(t, 10.0, kyiv), "4 Mar 2018 16:05 EET");
        for (secs_per_px, written) in [
            (1e8, "2018"),
            (5.0 * 86_400.0, "2018-03"),
            (3600.0, "2018-03-04"),
            (10.0, "2018-03-04T14:05"),
        ] {
            let notation = pointer_date_notation(t, secs_per_px);
            assert_eq!(notation, written);
            assert!(
                notation.parse::<crate::model::TimeSpec>().is_ok(),
                "{notation}"
            );
        }
    }
}
