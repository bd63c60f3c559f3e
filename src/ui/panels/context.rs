//! What the details panel reads (one read-only context for both its halves, the file's and
//! yours) and the section heading both draw. A leaf under `details` and `your_notes`, so that
//! neither half imports the other's context.

use egui::{RichText, Ui};

use crate::model::Dataset;

/// What the details panel shows.
pub struct DetailsInput<'a> {
    /// The dataset.
    pub dataset: &'a Dataset,
    /// The selected event.
    pub selected: usize,
    /// The analyst's notes.
    pub notes: &'a crate::doc::notes::NotesState,
    /// The zone whose clocks times of day are shown on (View ▸ Time zone).
    pub zone: crate::model::ShownZone,
}

/// A section's heading: small, strong and weak-coloured, with a gap above it.
pub(super) fn section_ui(ui: &mut Ui, title: &str) {
    ui.add_space(8.0);
    ui.label(
        RichText::new(title)
            .small()
            .strong()
            .color(ui.visuals().weak_text_color()),
    );
}
