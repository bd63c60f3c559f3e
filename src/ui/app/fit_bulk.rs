//! View ▸ Fit the bulk: the view of the lanes' events without the strays far from the rest
//! ([`crate::layout::bulk`]), saying in the status bar how many it leaves outside.

use super::SwimlineApp;
use crate::model::time::group_thousands;
use crate::ui::timeline::{fit_with_label_room, last_labels_px};

impl SwimlineApp {
    /// Glides to the bulk of the events on screen (each once, whatever its lanes).
    pub(super) fn fit_bulk(&mut self) {
        let index = self.lanes();
        let mut seen = vec![false; self.doc.loaded.dataset.events.len()];
        let mut starts = Vec::new();
        for lane in &index.lanes {
            for (k, &event) in lane.events.iter().enumerate() {
                if let Some(is_seen) = seen.get_mut(event as usize)
                    && !*is_seen
                {
                    *is_seen = true;
                    starts.push(lane.earliest[k]);
                }
            }
        }
        let Some((a, b, outside)) = crate::layout::bulk::bulk_extent(&mut starts) else {
            self.shell.status = "No events to fit.".to_owned();
            return;
        };
        let label_px = last_labels_px(&self.doc.loaded.dataset, self.lanes(), a as f64, b as f64);
        let view = fit_with_label_room(
            a as f64,
            b as f64,
            self.view.timeline.time_width_px,
            label_px,
        );
        self.view.timeline.scroll_y = 0.0;
        self.glide_to(view);
        self.shell.status = match outside {
            0 => "Fitted the bulk: every event is in it (no strays to leave out).".to_owned(),
            1 => "Fitted the bulk: 1 stray event lies outside the view (F fits every event)."
                .to_owned(),
            n => format!(
                "Fitted the bulk: {} stray events lie outside the view (F fits every event).",
                group_thousands(n as i64)
            ),
        };
    }
}
