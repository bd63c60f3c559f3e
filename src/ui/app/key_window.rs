//! The key to the timeline, one click from the status bar's legend: what each kind's marker
//! means, how uncertain dates are drawn (the same samples the reports print), the links, and
//! the analyst's own signs. Painted with the timeline's own painters, so the key and the marks
//! cannot look different.

use egui::{Sense, Stroke, vec2};

use super::SwimlineApp;
use crate::export::theme::{self, fill};
use crate::layout::scene::{BadgeKind, Fill, Paint, key};
use crate::model::{EventKind, LinkKind};
use crate::ui::command::Command;
use crate::ui::paint;

/// What each kind means, in the key's words.
fn kind_meaning(kind: EventKind) -> &'static str {
    match kind {
        EventKind::Action => "something an actor did",
        EventKind::Statement => "something an actor said that nobody contests",
        EventKind::Claim => "something a source says happened, which others may deny",
        EventKind::Denial => "a source says a claim is not true (its links point at the claims)",
        EventKind::Context => "background the report alludes to",
    }
}

/// Every kind of link, in the key's order.
const LINK_KINDS: [LinkKind; 5] = [
    LinkKind::Denies,
    LinkKind::RespondsTo,
    LinkKind::Causes,
    LinkKind::CoincidesWith,
    LinkKind::Supports,
];

/// A box of the sample's size, for painting into.
fn sample_rect(ui: &mut egui::Ui) -> egui::Rect {
    ui.allocate_exact_size(
        vec2(key::SAMPLE_WIDTH, key::SAMPLE_HEIGHT + 4.0),
        Sense::hover(),
    )
    .0
}

impl SwimlineApp {
    /// The key window, while open.
    pub(super) fn key_ui(&self, ctx: &egui::Context, commands: &mut Vec<Command>) {
        if !self.windows.show_key {
            return;
        }
        let mut open = true;
        egui::Window::new("Key to the timeline")
            .id(egui::Id::unique("key to the timeline"))
            .open(&mut open)
            .collapsible(false)
            .resizable(false)
            .default_width(560.0)
            .show(ctx, |ui| {
                ui.set_max_width(560.0);
                key_contents_ui(ui);
            });
        if !open {
            commands.push(Command::ToggleKey);
        }
    }
}

/// The key's four parts.
fn key_contents_ui(ui: &mut egui::Ui) {
    let visuals = ui.visuals().clone();
    ui.strong("Kinds");
    egui::Grid::new("key kinds").num_columns(3).show(ui, |ui| {
        for kind in EventKind::ALL {
            let rect = sample_rect(ui);
            let color = theme::kind_color(kind, &visuals);
            paint::paint_marker(
                ui.painter(),
                rect.center(),
                kind,
                color,
                crate::layout::metrics::MARKER_RADIUS,
                Some(visuals.extreme_bg_color),
            );
            ui.label(kind.name());
            ui.label(kind_meaning(kind));
            ui.end_row();
        }
    });
    ui.weak(
        "A claim's or a denial's marker also stands before its title when its date is a range, \
         so the two are told apart at any zoom.",
    );
    ui.separator();
    ui.strong("How uncertain dates are drawn");
    egui::Grid::new("key dates").num_columns(2).show(ui, |ui| {
        for sample in key::uncertainty_key() {
            let rect = sample_rect(ui);
            let quads: Vec<_> = sample
                .quads
                .iter()
                .map(|q| key::moved(q, rect.left(), rect.top() + 2.0))
                .collect();
            ui.painter().add(paint::quads_shape(&quads, &visuals));
            ui.add(egui::Label::new(sample.text).wrap());
            ui.end_row();
        }
        ui.label("");
        ui.label(key::UNSURE_TEXT);
        ui.end_row();
    });
    ui.separator();
    ui.strong("Links");
    ui.weak("An arrow reads from where it starts: the denial \u{2192} the claim it denies.");
    egui::Grid::new("key links").num_columns(2).show(ui, |ui| {
        for kind in LINK_KINDS {
            let rect = sample_rect(ui);
            let color = fill(Fill::solid(Paint::Link(kind)), &visuals);
            let (a, b) = (rect.left_center(), rect.right_center() - vec2(8.0, 0.0));
            ui.painter().line_segment([a, b], Stroke::new(2.0, color));
            ui.painter().add(egui::Shape::convex_polygon(
                vec![b + vec2(8.0, 0.0), b + vec2(0.0, -4.0), b + vec2(0.0, 4.0)],
                color,
                Stroke::NONE,
            ));
            ui.label(kind.verb());
            ui.end_row();
        }
        let rect = sample_rect(ui);
        let own = theme::own_color(&visuals);
        ui.painter().extend(egui::Shape::dashed_line(
            &[rect.left_center(), rect.right_center()],
            Stroke::new(2.0, own),
            5.0,
            3.0,
        ));
        ui.label("dashed: a link you drew (kept in your notes, not in the data file)");
        ui.end_row();
    });
    ui.separator();
    ui.strong("Yours");
    egui::Grid::new("key yours").num_columns(2).show(ui, |ui| {
        for (kind, words) in [
            (BadgeKind::Star, "you starred it (S)"),
            (BadgeKind::Note, "you wrote a note on it"),
        ] {
            let rect = sample_rect(ui);
            paint::paint_badge(ui.painter(), kind, rect.center(), &visuals);
            ui.label(words);
            ui.end_row();
        }
        let rect = sample_rect(ui).shrink2(vec2(24.0, 2.0));
        ui.painter().extend(egui::Shape::dashed_line(
            &[
                rect.left_top(),
                rect.right_top(),
                rect.right_bottom(),
                rect.left_bottom(),
                rect.left_top(),
            ],
            Stroke::new(1.5, theme::own_color(&visuals)),
            3.0,
            2.0,
        ));
        ui.label("dashed ring: an event you added (in your notes, not in the data file)");
        ui.end_row();
    });
}
