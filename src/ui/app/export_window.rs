//! The export window (File ▸ Export the timeline…, Ctrl+E): what stretch of time, the theme,
//! the title, for a PDF one page or tiles, and a live preview of the report; "Save as…" asks
//! where and writes it (PNG, SVG or PDF by the name).

use std::hash::{Hash, Hasher};

use super::SwimlineApp;
use crate::export::report::Theme;
use crate::export::tiles::Paper;
use crate::ui::command::{Command, ExportKind};
use crate::ui::state::export::ExportRange;

/// Width of the preview's report, in points (drawn at one pixel a point).
const PREVIEW_WIDTH_PT: f32 = 560.0;

impl SwimlineApp {
    pub(super) fn export_window_ui(&mut self, ctx: &egui::Context, commands: &mut Vec<Command>) {
        if self.windows.export_choices.is_none() {
            return;
        }
        self.refresh_preview(ctx);
        let mut open = true;
        let preview = self.windows.export_preview.as_ref().map(|(_, p)| p.clone());
        let Some(choices) = self.windows.export_choices.as_mut() else {
            return;
        };
        egui::Window::new("Export the timeline")
            .id(egui::Id::unique("export_window"))
            .open(&mut open)
            .collapsible(false)
            .default_width(600.0)
            .show(ctx, |ui| {
                ui.horizontal(|ui| {
                    ui.label("Time:");
                    ui.radio_value(&mut choices.range, ExportRange::Visible, "the time in view");
                    ui.radio_value(&mut choices.range, ExportRange::Whole, "every event");
                    ui.radio_value(&mut choices.range, ExportRange::Typed, "from … to …");
                });
                if choices.range == ExportRange::Typed {
                    typed_dates_ui(ui, &mut choices.from, &mut choices.to);
                }
                ui.horizontal(|ui| {
                    ui.label("Lanes:");
                    ui.radio_value(&mut choices.is_every_lane, true, "every lane");
                    ui.radio_value(&mut choices.is_every_lane, false, "the lanes on screen");
                });
                ui.checkbox(&mut choices.is_starred_only, "Starred only")
                    .on_hover_text("Only the events you starred (S); stars and note marks are drawn either way");
                ui.horizontal(|ui| {
                    let width = ui.label("PNG:");
                    ui.add(
                        egui::DragValue::new(&mut choices.width_px)
                            .range(200..=20_000)
                            .suffix(" px wide"),
                    )
                    .labelled_by(width.id);
                    ui.label("at");
                    for scale in [1.0, 2.0, 3.0, 4.0] {
                        ui.radio_value(&mut choices.scale, scale, format!("{scale}×"));
                    }
                });
                ui.horizontal(|ui| {
                    ui.label("Theme:");
                    ui.radio_value(&mut choices.theme, Theme::Light, "light, for print");
                    ui.radio_value(&mut choices.theme, Theme::Dark, "dark");
                });
                ui.horizontal(|ui| {
                    ui.label("PDF:");
                    ui.radio_value(&mut choices.paper, None, "one page");
                    ui.radio_value(&mut choices.paper, Some(Paper::A4), "A4 pages");
                    ui.radio_value(&mut choices.paper, Some(Paper::Letter), "Letter pages");
                });
                ui.horizontal(|ui| {
                    let label = ui.label("Title:");
                    ui.add(egui::TextEdit::singleline(&mut choices.title).desired_width(420.0))
                        .labelled_by(label.id);
                });
                ui.weak("Every lane of the view as filtered; the search dims what it does not find, and the line under the title says so.");
                // The actions above the preview, so that they are always in sight (#24).
                ui.horizontal(|ui| {
                    let can_save = !matches!(preview, Some(Err(_)));
                    if ui.add_enabled(can_save, egui::Button::new("Save as…")).clicked() {
                        commands.push(Command::ExportDialog(ExportKind::Report));
                    }
                    if ui.button("Close").clicked() {
                        commands.push(Command::CloseExportWindow);
                    }
                    ui.weak("PNG, SVG, PDF, or .html for one interactive page anyone can open");
                });
                ui.separator();
                match &preview {
                    Some(Ok(texture)) => {
                        let size = texture.size_vec2();
                        let scale = (PREVIEW_WIDTH_PT / size.x).min(1.0);
                        // Room for the choices above it, whatever the window's height.
                        let room = (ui.ctx().content_rect().height() - 360.0).clamp(100.0, 420.0);
                        egui::ScrollArea::vertical().max_height(room).show(ui, |ui| {
                            ui.add(egui::Image::new((texture.id(), size * scale)));
                        });
                    }
                    Some(Err(message)) => {
                        ui.colored_label(ui.visuals().error_fg_color, message);
                    }
                    None => {
                        ui.weak("Preparing the preview…");
                    }
                }
            });
        if !open {
            commands.push(Command::CloseExportWindow);
        }
    }

    /// Makes the preview again when what it shows changed (the choices, the view, the filter,
    /// the search, the selection).
    fn refresh_preview(&mut self, ctx: &egui::Context) {
        let Some(choices) = &self.windows.export_choices else {
            return;
        };
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        format!("{choices:?}").hash(&mut hasher);
        format!("{:?} {:?}", self.view.timeline.view, self.shown.filter).hash(&mut hasher);
        self.shown.search.query.hash(&mut hasher);
        self.view.selected.hash(&mut hasher);
        self.doc.loaded.dataset.events.len().hash(&mut hasher);
        self.doc.notes.revision.hash(&mut hasher);
        self.doc.loaded.display_name.hash(&mut hasher);
        let key = hasher.finish();
        if self
            .windows
            .export_preview
            .as_ref()
            .is_some_and(|(k, _)| *k == key)
        {
            return;
        }
        let picture = self
            .report_svg_now(PREVIEW_WIDTH_PT)
            .and_then(|svg| crate::export::raster::pixels_of_svg(&svg, 1.0))
            .map(|(w, h, rgba)| {
                let image =
                    egui::ColorImage::from_rgba_unmultiplied([w as usize, h as usize], &rgba);
                ctx.load_texture("export-preview", image, egui::TextureOptions::LINEAR)
            });
        self.windows.export_preview = Some((key, picture));
    }
}

/// The export's two typed dates, each a date field: written forms (`10 Jan 2018`) are put in
/// Swimline's notation once the field is left, which is what the export reads; what each was
/// understood as shows under them.
fn typed_dates_ui(ui: &mut egui::Ui, from: &mut String, to: &mut String) {
    use super::notes_ui::date_field;
    use crate::ui::state::forms::understood_date;
    let mut focused = [false; 2];
    ui.horizontal(|ui| {
        for ((name, text, hint), focused) in
            [("from", &mut *from, "2016"), ("to", &mut *to, "Jun 2018")]
                .into_iter()
                .zip(&mut focused)
        {
            let label = ui.label(name);
            *focused = ui
                .add(
                    egui::TextEdit::singleline(text)
                        .desired_width(90.0)
                        .hint_text(hint),
                )
                .labelled_by(label.id)
                .has_focus();
        }
        date_field::calendar_button_ui(ui, "export-dates");
    });
    let order = date_field::day_order_ui(ui);
    for ((name, text), focused) in [("from", &mut *from), ("to", &mut *to)]
        .into_iter()
        .zip(focused)
    {
        let understood = understood_date(text, order);
        if let Ok((_, u)) = &understood
            && !focused
            && text.trim().parse::<crate::model::FuzzyDate>().is_err()
        {
            *text = u.notation.clone();
        }
        ui.horizontal(|ui| {
            ui.weak(name);
            date_field::understood_ui(ui, text, &understood.map(|(_, u)| u));
        });
    }
    let target = if from.trim().is_empty() { from } else { to };
    let typed = understood_date(target, order).ok().map(|(d, _)| d);
    date_field::calendar_ui(ui, "export-dates", target, typed.as_ref());
}
