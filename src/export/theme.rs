//! The theme: colours in one place, for light and dark, and what the scene's named paints
//! ([`crate::layout::scene::Paint`]) are in each. The window's painter (`ui::paint`) and every
//! export (SVG, PNG, PDF, HTML) resolve a scene's paints here, so a report and the window agree;
//! egui supplies only the light or dark [`Visuals`] they are resolved against. Sizes are in
//! `layout::metrics`.

use egui::{Color32, Visuals};

use crate::layout::scene::{Fill, Paint};
use crate::model::{EventKind, LinkKind, Rgb};

/// The colour `paint` names, in this theme.
#[inline]
pub fn color(paint: Paint, visuals: &Visuals) -> Color32 {
    match paint {
        Paint::Kind(kind) => kind_color(kind, visuals),
        Paint::Link(kind) => link_color(kind, visuals),
        Paint::Lane { lane, rgb } => lane_color(rgb, lane),
        Paint::LaneBackground(lane) => lane_background(lane, visuals),
        Paint::Period { k, rgb } => rgb.map_or_else(
            || period_color(k, visuals),
            |c| lane_color(Some(c), k).gamma_multiply(0.18),
        ),
        Paint::Fold => visuals.weak_text_color().gamma_multiply(0.7),
        Paint::Grid => grid_color(visuals),
        Paint::MajorGrid => major_grid_color(visuals),
        Paint::Today => today_color(visuals),
        Paint::Selection => selection_color(visuals),
        Paint::Star => star_color(visuals),
        Paint::Own => own_color(visuals),
        Paint::Background => visuals.extreme_bg_color,
    }
}

/// The colour of `fill`, in this theme.
#[inline]
pub fn fill(fill: Fill, visuals: &Visuals) -> Color32 {
    let c = color(fill.paint, visuals);
    if fill.alpha >= 1.0 {
        c
    } else {
        c.gamma_multiply(fill.alpha)
    }
}

/// Black or white, whichever reads better on `background`.
pub fn contrasting_text(background: Color32) -> Color32 {
    let [r, g, b, _] = background.to_array();
    let luma = 0.299 * f32::from(r) + 0.587 * f32::from(g) + 0.114 * f32::from(b);
    if luma > 140.0 {
        Color32::from_gray(20)
    } else {
        Color32::WHITE
    }
}

/// The colour of an event kind: claims amber, denials red, so they differ at a glance.
#[inline]
pub fn kind_color(kind: EventKind, visuals: &Visuals) -> Color32 {
    let dark = visuals.dark_mode;
    match kind {
        EventKind::Action => pick(dark, (46, 110, 200), (96, 156, 240)),
        EventKind::Statement => pick(dark, (20, 140, 140), (70, 190, 190)),
        EventKind::Claim => pick(dark, (214, 132, 0), (245, 170, 40)),
        EventKind::Denial => pick(dark, (200, 30, 45), (240, 80, 90)),
        EventKind::Context => pick(dark, (120, 120, 128), (150, 150, 160)),
    }
}

/// The colour of a link arrow.
#[inline]
pub fn link_color(kind: LinkKind, visuals: &Visuals) -> Color32 {
    let dark = visuals.dark_mode;
    match kind {
        LinkKind::Denies => pick(dark, (200, 30, 45), (240, 80, 90)),
        LinkKind::Supports => pick(dark, (214, 132, 0), (245, 170, 40)),
        LinkKind::Causes => pick(dark, (70, 90, 140), (150, 170, 220)),
        LinkKind::RespondsTo => pick(dark, (130, 80, 170), (180, 140, 220)),
        LinkKind::CoincidesWith => pick(dark, (110, 110, 110), (170, 170, 170)),
    }
}

/// The colour of a lane's swatch: the actor's own, or one from a fixed palette.
#[inline]
pub fn lane_color(color: Option<Rgb>, lane: usize) -> Color32 {
    const PALETTE: [(u8, u8, u8); 8] = [
        (47, 111, 208),
        (200, 50, 60),
        (58, 154, 91),
        (192, 122, 34),
        (138, 107, 184),
        (15, 123, 108),
        (107, 107, 107),
        (200, 90, 160),
    ];
    match color {
        Some(Rgb([r, g, b])) => Color32::from_rgb(r, g, b),
        None => {
            let (r, g, b) = PALETTE[lane % PALETTE.len()];
            Color32::from_rgb(r, g, b)
        }
    }
}

/// Background of lane `lane`: alternating stripes.
#[inline]
pub fn lane_background(lane: usize, visuals: &Visuals) -> Color32 {
    let base = visuals.extreme_bg_color;
    if lane.is_multiple_of(2) {
        base
    } else if visuals.dark_mode {
        Color32::from_gray(30)
    } else {
        Color32::from_gray(242)
    }
}

/// Fill of era band `k`: faint, alternating, so neighbouring eras are told apart.
#[inline]
pub fn period_color(k: usize, visuals: &Visuals) -> Color32 {
    let (a, b) = if visuals.dark_mode {
        (
            Color32::from_rgba_unmultiplied(120, 140, 200, 22),
            Color32::from_rgba_unmultiplied(200, 170, 110, 22),
        )
    } else {
        (
            Color32::from_rgba_unmultiplied(60, 90, 180, 20),
            Color32::from_rgba_unmultiplied(180, 130, 40, 20),
        )
    };
    if k.is_multiple_of(2) { a } else { b }
}

/// The "today" line.
#[inline]
pub fn today_color(visuals: &Visuals) -> Color32 {
    if visuals.dark_mode {
        Color32::from_rgb(90, 200, 120)
    } else {
        Color32::from_rgb(20, 140, 60)
    }
}

/// Colour of grid lines at minor ticks.
#[inline]
pub fn grid_color(visuals: &Visuals) -> Color32 {
    if visuals.dark_mode {
        Color32::from_white_alpha(14)
    } else {
        Color32::from_black_alpha(18)
    }
}

/// Colour of grid lines at major ticks.
#[inline]
pub fn major_grid_color(visuals: &Visuals) -> Color32 {
    if visuals.dark_mode {
        Color32::from_white_alpha(40)
    } else {
        Color32::from_black_alpha(50)
    }
}

/// Outline of the selected event.
#[inline]
pub fn selection_color(visuals: &Visuals) -> Color32 {
    visuals.selection.stroke.color
}

/// The star on a starred event: gold, outlined in the text colour so it reads on any lane.
#[inline]
pub fn star_color(visuals: &Visuals) -> Color32 {
    pick(visuals.dark_mode, (214, 158, 0), (250, 204, 21))
}

/// The analyst's own marks (the dashed ring of an own event, the note mark): violet, apart
/// from every kind's colour.
#[inline]
pub fn own_color(visuals: &Visuals) -> Color32 {
    pick(visuals.dark_mode, (124, 58, 237), (196, 167, 255))
}

fn pick(dark: bool, light_rgb: (u8, u8, u8), dark_rgb: (u8, u8, u8)) -> Color32 {
    let (r, g, b) = if dark { dark_rgb } else { light_rgb };
    Color32::from_rgb(r, g, b)
}
