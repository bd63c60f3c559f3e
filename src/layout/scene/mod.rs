//! The timeline as a scene: plain data, in points, with no egui type in it — what the window,
//! the SVG, the PNG and the PDF all draw. [`build`] lays it out from the dataset, a
//! [`crate::source::TimelineSource`], the view, the canvas, the lanes' stacking, the filter and
//! search masks and the selection; it decides what is drawn (folds, density strips, bands and
//! their fades, label room) and where. Drawing it is each output's job.
//!
//! Colours are named, not given ([`Paint`]): each output resolves them with its theme, so the
//! same scene prints light and shows dark. Every mark carries the event it stands for, so a
//! painter can lay hit areas and accessibility nodes over it, and an SVG writer a `<title>`.

mod build;
mod items;
pub mod key;
mod marks;
#[cfg(test)]
mod tests;

pub use build::{SceneInput, build, content_height, lane_tops};

use crate::layout::ScreenMap;
use crate::model::{EventKind, LinkKind, Rgb};

/// A point on the canvas, in points.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Pt {
    /// Left to right.
    pub x: f32,
    /// Top to bottom.
    pub y: f32,
}

/// `Pt { x, y }`.
pub const fn pt(x: f32, y: f32) -> Pt {
    Pt { x, y }
}

/// An axis-aligned box on the canvas, in points; `x0 <= x1` and `y0 <= y1` when positive.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Area {
    /// Left edge.
    pub x0: f32,
    /// Top edge.
    pub y0: f32,
    /// Right edge.
    pub x1: f32,
    /// Bottom edge.
    pub y1: f32,
}

impl Area {
    /// The box from `(x0, y0)` to `(x1, y1)`.
    pub const fn new(x0: f32, y0: f32, x1: f32, y1: f32) -> Self {
        Self { x0, y0, x1, y1 }
    }

    /// Width (negative when empty).
    pub fn width(&self) -> f32 {
        self.x1 - self.x0
    }

    /// Height.
    pub fn height(&self) -> f32 {
        self.y1 - self.y0
    }

    /// The centre.
    pub fn center(&self) -> Pt {
        pt((self.x0 + self.x1) / 2.0, (self.y0 + self.y1) / 2.0)
    }

    /// Grown by `by` on every side.
    pub fn expand(&self, by: f32) -> Self {
        Self::new(self.x0 - by, self.y0 - by, self.x1 + by, self.y1 + by)
    }

    /// The part inside both.
    pub fn intersect(&self, other: &Self) -> Self {
        Self::new(
            self.x0.max(other.x0),
            self.y0.max(other.y0),
            self.x1.min(other.x1),
            self.y1.min(other.y1),
        )
    }

    /// Whether the two overlap (touching edges count, as egui counts them).
    pub fn intersects(&self, other: &Self) -> bool {
        self.x0 <= other.x1 && other.x0 <= self.x1 && self.y0 <= other.y1 && other.y0 <= self.y1
    }

    /// Whether it has room in both directions.
    pub fn is_positive(&self) -> bool {
        self.x1 > self.x0 && self.y1 > self.y0
    }
}

/// A colour by what it means; each output's theme says which colour that is.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Paint {
    /// The colour of an event kind (claims amber, denials red).
    Kind(EventKind),
    /// The colour of a link kind.
    Link(LinkKind),
    /// A lane's colour: the actor's own, or lane `lane`'s from the palette.
    Lane {
        /// The lane's position (picks the palette colour).
        lane: usize,
        /// The actor's own colour.
        rgb: Option<Rgb>,
    },
    /// The background stripe of lane `0`, alternating.
    LaneBackground(usize),
    /// Era band `k`: its own colour, faint, or one of two alternating tints.
    Period {
        /// The era's position.
        k: usize,
        /// Its own colour.
        rgb: Option<Rgb>,
    },
    /// Fold marks (several events in one mark).
    Fold,
    /// Grid lines at minor ticks.
    Grid,
    /// Grid lines at major ticks.
    MajorGrid,
    /// The "today" line.
    Today,
    /// The ring around the selected event.
    Selection,
    /// The star on an event the analyst starred.
    Star,
    /// The analyst's own: the dashed ring around an event they added, their note marks.
    Own,
    /// The canvas behind everything.
    Background,
}

/// A paint, made fainter: `alpha` multiplies its opacity (1 = as the theme gives it).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Fill {
    /// The colour.
    pub paint: Paint,
    /// Opacity factor, 0–1.
    pub alpha: f32,
}

impl Fill {
    /// `paint` at full opacity.
    pub const fn solid(paint: Paint) -> Self {
        Self { paint, alpha: 1.0 }
    }

    /// `paint` with its opacity multiplied by `alpha`.
    pub const fn faint(paint: Paint, alpha: f32) -> Self {
        Self { paint, alpha }
    }

    /// This fill, fainter by `alpha` again.
    pub fn times(self, alpha: f32) -> Self {
        Self {
            paint: self.paint,
            alpha: self.alpha * alpha,
        }
    }
}

/// The colour of a label's text.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum TextPaint {
    /// The theme's text colour.
    Normal,
    /// Faint: the event does not match the search.
    Dimmed,
    /// On a bar of this fill: black or white, whichever reads better.
    On(Fill),
}

/// One lane's row: where it is and what its header shows.
#[derive(Clone, Debug, PartialEq)]
pub struct LaneRow {
    /// The lane's position, top to bottom.
    pub lane: usize,
    /// Top edge, scrolled.
    pub top: f32,
    /// Height.
    pub height: f32,
    /// The name shown in the header (`Group (3 lanes)` for a collapsed group).
    pub name: String,
    /// The actor whose lane it is (`None`: events with no actor, or a collapsed group).
    pub actor: Option<usize>,
    /// The swatch's colour.
    pub color: Paint,
    /// The group the lane belongs to, and whether it is collapsed into this lane.
    pub group: Option<(String, bool)>,
}

/// A quad with a horizontal colour ramp: bars, uncertainty fades, whiskers, density bins. All
/// of them go into one mesh.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Quad {
    /// The box.
    pub area: Area,
    /// Colour at the left edge.
    pub left: Fill,
    /// Colour at the right edge.
    pub right: Fill,
    /// The event it belongs to (`None` for density bins).
    pub event: Option<usize>,
}

/// A marker whose shape tells the kind: action ●, statement ■, claim ◆, denial ◆ with a cross,
/// context ○.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Marker {
    /// Its centre.
    pub center: Pt,
    /// The kind it shows.
    pub kind: EventKind,
    /// Its colour.
    pub fill: Fill,
    /// The event.
    pub event: usize,
}

/// Where one occurrence of an event was drawn (one per lane it is in): what hit areas,
/// tooltips and accessibility nodes lie over.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Mark {
    /// The event.
    pub event: usize,
    /// The lane.
    pub lane: usize,
    /// Where links and connectors attach.
    pub anchor: Pt,
    /// The drawn shape's bounds.
    pub area: Area,
}

/// The events a fold or a pile holds: the range `from..to` of [`Scene::members`], in time order.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Members {
    /// First position in [`Scene::members`].
    pub from: usize,
    /// One past the last position.
    pub to: usize,
}

/// Several events too close to tell apart, drawn as one mark with their count.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Fold {
    /// The mark.
    pub area: Area,
    /// How many events it holds.
    pub count: usize,
    /// The lane.
    pub lane: usize,
    /// The events it holds (for the list a click opens).
    pub members: Members,
}

/// Events that found no free row in their lane ([`crate::layout::stack::MAX_ROWS`] were taken
/// where they lie), drawn as one "+N more" mark in the lane's last row, where they are: nothing
/// the filter keeps lies unseen under another mark.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Pile {
    /// The mark.
    pub area: Area,
    /// How many events it holds.
    pub count: usize,
    /// The lane.
    pub lane: usize,
    /// The events it holds (for the list a click opens).
    pub members: Members,
}

/// The text of a pile's mark: `+54 more`.
pub fn pile_text(count: usize) -> String {
    format!("+{count} more")
}

/// A lane too dense to draw item by item, drawn as a strip of shaded bins.
#[derive(Clone, Debug, PartialEq)]
pub struct DensityStrip {
    /// The lane.
    pub lane: usize,
    /// The strip.
    pub area: Area,
    /// Events starting in each bin ([`crate::layout::metrics::DENSITY_BIN_PX`] wide).
    pub counts: Vec<u32>,
}

/// A dashed vertical line joining the occurrences of an event in several lanes.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Connector {
    /// Its x.
    pub x: f32,
    /// Top end.
    pub y0: f32,
    /// Bottom end.
    pub y1: f32,
    /// Its colour.
    pub fill: Fill,
    /// Line width.
    pub width: f32,
    /// The event.
    pub event: usize,
}

/// A link between two events, as a curved arrow from `from` to `to`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LinkCurve {
    /// The cubic Bézier: start, two control points, end.
    pub curve: [Pt; 4],
    /// The arrowhead: tip and the two back corners.
    pub head: [Pt; 3],
    /// Its colour.
    pub fill: Fill,
    /// Line width.
    pub width: f32,
    /// The link's position in the dataset's links.
    pub link: usize,
    /// Drawn dashed: a link the analyst drew (not in the data file).
    pub dashed: bool,
}

/// A ring around a mark: the selection, or an event linked to it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Ring {
    /// The ring's box (already grown around the mark).
    pub area: Area,
    /// Its colour.
    pub paint: Paint,
    /// Line width.
    pub width: f32,
    /// The event ringed.
    pub event: usize,
    /// Drawn dashed: an event the analyst added (not in the data file).
    pub dashed: bool,
}

/// What a badge on a mark says.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BadgeKind {
    /// The analyst starred the event.
    Star,
    /// The analyst wrote a note on it.
    Note,
}

/// A small sign above a mark's top right: a star, or a note.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Badge {
    /// Its centre.
    pub center: Pt,
    /// What it says.
    pub kind: BadgeKind,
    /// The event.
    pub event: usize,
}

/// Radius of a badge, in points.
pub const BADGE_RADIUS: f32 = 4.5;

/// The ten corners of a five-pointed star of outer radius `r` around `c`, point up, outer and
/// inner corners taking turns.
pub fn star_points(c: Pt, r: f32) -> [Pt; 10] {
    let mut points = [Pt::default(); 10];
    for (k, p) in points.iter_mut().enumerate() {
        let radius = if k % 2 == 0 { r } else { r * 0.45 };
        let angle = -std::f32::consts::FRAC_PI_2 + k as f32 * std::f32::consts::PI / 5.0;
        *p = pt(c.x + radius * angle.cos(), c.y + radius * angle.sin());
    }
    points
}

/// An event's label, drawn only inside its room.
#[derive(Clone, Debug, PartialEq)]
pub struct Label {
    /// The room it may take (text starts at its left edge, centred vertically; cut at the
    /// right edge).
    pub room: Area,
    /// The text.
    pub text: String,
    /// Its colour.
    pub color: TextPaint,
    /// The event.
    pub event: usize,
}

/// An era: a labelled band behind the lanes.
#[derive(Clone, Debug, PartialEq)]
pub struct PeriodBand {
    /// The band, full height of the lanes.
    pub area: Area,
    /// Its title, written at the band's bottom left.
    pub title: String,
    /// Its colour.
    pub paint: Paint,
}

/// A tick of the axis.
#[derive(Clone, Debug, PartialEq)]
pub struct AxisTick {
    /// Its x.
    pub x: f32,
    /// Its label.
    pub label: String,
    /// For a context (major) label: the x of the next one, which pushes it left rather than
    /// be overlapped.
    pub next_x: f32,
}

/// The timeline, laid out.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Scene {
    /// The whole canvas.
    pub canvas: Area,
    /// The time area under the axis (right of the lane names): what marks are clipped to.
    pub time_area: Area,
    /// The lanes' area under the axis, names included.
    pub lanes_area: Area,
    /// The time ↔ x mapping the scene was laid out with.
    pub map: Option<ScreenMap>,
    /// The vertical scroll, clamped to the lanes' height.
    pub scroll_y: f32,
    /// The lanes in view (top to bottom); empty when there is nothing to show.
    pub lanes: Vec<LaneRow>,
    /// Eras.
    pub periods: Vec<PeriodBand>,
    /// Grid lines at minor ticks (x).
    pub grid_minor: Vec<f32>,
    /// Grid lines at major ticks (x).
    pub grid_major: Vec<f32>,
    /// Connectors between occurrences of one event.
    pub connectors: Vec<Connector>,
    /// Bars, fades, whiskers and density bins: one mesh.
    pub quads: Vec<Quad>,
    /// Fold marks.
    pub folds: Vec<Fold>,
    /// "+N more" marks of events that found no row.
    pub piles: Vec<Pile>,
    /// The events of the folds and piles, each one's a range ([`Members`]).
    pub members: Vec<usize>,
    /// Markers.
    pub markers: Vec<Marker>,
    /// Link arrows.
    pub links: Vec<LinkCurve>,
    /// Rings of the selection and its linked events, and the dashed rings of your own events.
    pub rings: Vec<Ring>,
    /// Stars and note marks on events.
    pub badges: Vec<Badge>,
    /// Labels.
    pub labels: Vec<Label>,
    /// Every drawn occurrence of an event, for hit areas.
    pub marks: Vec<Mark>,
    /// Density strips, for their hover text.
    pub densities: Vec<DensityStrip>,
    /// The axis' tick row.
    pub ticks_minor: Vec<AxisTick>,
    /// The axis' context row (pinned labels).
    pub ticks_major: Vec<AxisTick>,
    /// The x of "today", when it is in view.
    pub today_x: Option<f32>,
    /// What the lanes are, for the heading over them ("Actors", "Sources").
    pub lanes_word: crate::model::dataset::LanesWord,
}

impl Scene {
    /// Whether there is nothing to draw (no lanes).
    pub fn is_empty(&self) -> bool {
        self.lanes.is_empty()
    }

    /// The events of a fold or a pile, in time order.
    pub fn members_of(&self, members: Members) -> &[usize] {
        self.members.get(members.from..members.to).unwrap_or(&[])
    }
}
