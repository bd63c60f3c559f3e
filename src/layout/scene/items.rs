//! One lane item's marks, and the piles of items that found no row: what `build`
//! draws for each item in view once its lane is laid out.

use super::build::{Item, SceneInput};
use super::marks::{clamp_x, item_shape};
use super::{
    Area, Fill, Label, LaneRow, Mark, Marker, Members, Paint, Pile, Pt, Scene, TextPaint, pile_text,
};
use crate::layout::ScreenMap;
use crate::layout::metrics::{
    BAR_HEIGHT, LABEL_CHAR_WIDTH, LABEL_MIN_ROOM_PX, LANE_PADDING, MARKER_RADIUS, MAX_LABELS,
    PILE_GAP_PX, POINT_RANGE_MIN_PX, ROW_HEIGHT, SEARCH_DIM,
};
use crate::layout::stack::PILE_ROW;
use crate::model::{Event, EventKind};

/// One item's marks in its row (at `y_mid`): its shape, the analyst's badges, its kind's
/// marker before the title when the shape has none (claims and denials), its mark and its
/// label, which may reach `room_right`.
pub(super) fn item_marks(
    scene: &mut Scene,
    input: &SceneInput<'_>,
    map: &ScreenMap,
    (lane, item): (usize, &Item),
    y_mid: f32,
    room_right: f32,
) {
    let dataset = input.dataset;
    let event = dataset.events.at(item.event);
    let is_dimmed = input
        .matches
        .is_some_and(|m| !m.get(item.event).copied().unwrap_or(true));
    let fill = Fill::solid(Paint::Kind(event.kind()));
    let fill = if is_dimmed {
        fill.times(SEARCH_DIM)
    } else {
        fill
    };
    let markers_before = scene.markers.len();
    let shape = item_shape(
        event,
        &item.when,
        map,
        y_mid,
        fill,
        &mut scene.quads,
        &mut scene.markers,
    );
    let badge_span = input.marks.and_then(|m| m.get(&item.event)).and_then(|m| {
        super::marks::badges(
            *m,
            item.event,
            shape.area,
            &mut scene.badges,
            &mut scene.rings,
        )
    });
    let mut label_x = shape.label_x;
    let room = room_right;
    let mut room = shape.label_end.map_or(room, |end| room.min(end - 2.0));
    // Badges sit above the shape's top right: a label after the shape starts past
    // them, one on or in the shape ends before them, so no badge covers a letter.
    if let Some((badge_left, badge_right)) = badge_span {
        if label_x >= shape.area.x1 - 0.5 {
            label_x = label_x.max(badge_right + 2.0);
        } else {
            room = room.min(badge_left - 2.0);
        }
    }
    // A claim or a denial drawn as a bar or a band carries its kind's marker before its
    // title, as the legend shows it: the two are told apart whatever their dates.
    let mut area = shape.area;
    let kind = event.kind();
    if scene.markers.len() == markers_before
        && matches!(kind, EventKind::Claim | EventKind::Denial)
        && room - label_x >= 2.0 * MARKER_RADIUS + 2.0
    {
        let center = Pt {
            x: label_x + MARKER_RADIUS,
            y: y_mid,
        };
        scene.markers.push(Marker {
            center,
            kind,
            fill,
            event: item.event,
        });
        area.x1 = area.x1.max(center.x + MARKER_RADIUS);
        label_x += 2.0 * MARKER_RADIUS + 3.0;
    }
    scene.marks.push(Mark {
        event: item.event,
        lane,
        anchor: shape.anchor,
        area,
    });
    let label = Area::new(
        label_x,
        y_mid - ROW_HEIGHT / 2.0,
        room,
        y_mid + ROW_HEIGHT / 2.0,
    );
    if label.width() >= LABEL_MIN_ROOM_PX && scene.labels.len() < MAX_LABELS {
        let color = if shape.label_inside {
            TextPaint::On(fill)
        } else if is_dimmed {
            TextPaint::Dimmed
        } else {
            TextPaint::Normal
        };
        scene.labels.push(Label {
            room: label,
            text: label_text(event),
            color,
            event: item.event,
        });
    }
}

/// The "+N more" marks of a lane's items that found no row (`pile`, in any order): neighbours
/// closer than a mark's width share one mark, drawn in the lane's last row where the first of
/// them starts (or at the left edge, for those that started earlier).
pub(super) fn piles(scene: &mut Scene, map: &ScreenMap, row: &LaneRow, pile: &mut [Item]) {
    if pile.is_empty() {
        return;
    }
    pile.sort_by(|a, b| a.x0.total_cmp(&b.x0).then(a.event.cmp(&b.event)));
    let left = f64::from(scene.time_area.x0);
    let y_mid = row.top + LANE_PADDING + (f32::from(PILE_ROW) + 0.5) * ROW_HEIGHT;
    let mut start = 0;
    while start < pile.len() {
        let x = pile[start].x0.max(left);
        let width = pile_width(pile.len() - start);
        let end = start
            + pile[start..]
                .iter()
                .take_while(|it| it.x0.max(left) < x + width + PILE_GAP_PX)
                .count();
        let end = end.max(start + 1);
        let count = end - start;
        let from = scene.members.len();
        scene
            .members
            .extend(pile[start..end].iter().map(|it| it.event));
        let x0 = clamp_x(x, map);
        scene.piles.push(Pile {
            area: Area::new(
                x0,
                y_mid - BAR_HEIGHT / 2.0 - 1.0,
                x0 + pile_width(count) as f32,
                y_mid + BAR_HEIGHT / 2.0 + 1.0,
            ),
            count,
            lane: row.lane,
            members: Members {
                from,
                to: scene.members.len(),
            },
        });
        start = end;
    }
}

/// The width of the mark of a pile of `count`, in points: its text and a little room.
pub(super) fn pile_width(count: usize) -> f64 {
    f64::from(pile_text(count).chars().count() as f32 * LABEL_CHAR_WIDTH + 10.0)
}

/// The screen extent an item takes in its row, for folding.
pub(super) fn drawn_span(event: Event<'_>, item: &Item) -> (f64, f64) {
    if event.when().is_point && item.x1 - item.x0 < POINT_RANGE_MIN_PX {
        let c = (item.x0 + item.x1) / 2.0;
        (c - 0.5, c + 0.5)
    } else {
        (item.x0, item.x1)
    }
}

/// The label drawn beside an event: its title, marked when its date is uncertain.
pub(super) fn label_text(event: Event<'_>) -> String {
    if event.is_uncertain() {
        format!("{} (?)", event.title())
    } else {
        event.title().to_owned()
    }
}
