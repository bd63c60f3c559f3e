//! Exports: the screenshot, the report (PNG, SVG, PDF, tiled PDF), the clipboard image, the
//! data (JSON, CSV) and the brief. Each is made from what is on screen, then written on a
//! thread, atomically, and said in the status bar.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::SwimlineApp;
use crate::export::write_png;
use crate::ui::command::{ExportKind, Message};

impl SwimlineApp {
    pub(super) fn start_export(
        &mut self,
        path: PathBuf,
        replace: bool,
        kind: ExportKind,
        ctx: &egui::Context,
    ) {
        let path = if path.extension().is_none() {
            path.with_extension(match kind {
                ExportKind::Data | ExportKind::Timeline => "json",
                ExportKind::Brief => "md",
                ExportKind::Report | ExportKind::Screenshot => "png",
            })
        } else {
            path
        };
        if self.is_open_data_file(&path) {
            self.shell.error = Some(format!(
                "{}: this is the data file that is open; Swimline never writes over it. \
                 Choose another name for the export.",
                path.display()
            ));
            return;
        }
        if path.exists() && !replace {
            self.windows.confirm_replace = Some((path, kind));
            return;
        }
        match kind {
            ExportKind::Report => return self.start_report(path, replace, ctx),
            ExportKind::Data => return self.start_data_export(path, replace, ctx),
            ExportKind::Brief => return self.start_brief_export(path, replace, ctx),
            ExportKind::Timeline => return self.start_timeline_save(path, replace, ctx),
            ExportKind::Screenshot => {}
        }
        self.jobs.pending_export = Some((path, replace));
        self.request_screenshot(ctx);
    }

    /// Writes a report of the timeline as shown — the time in view, every lane of the filtered
    /// view, the search dimming what it does not find, the selection ringed — as PNG, SVG or
    /// PDF by `path`'s name. The SVG is laid out here (it follows what is visible); turning it
    /// into pixels or a PDF and writing it run on a thread.
    pub(super) fn start_report(&mut self, path: PathBuf, replace: bool, ctx: &egui::Context) {
        use crate::export::output::{encode, output_kind};
        let kind = match output_kind(&path) {
            Ok(kind) => kind,
            Err(e) => {
                self.shell.error = Some(e.to_string());
                return;
            }
        };
        let paper = self.windows.export_choices.as_ref().and_then(|c| c.paper);
        if let (crate::export::output::OutputKind::Pdf, Some(paper)) = (kind, paper) {
            // Tiles are laid out page by page from the dataset, so here, not on a thread.
            let made =
                self.with_report_of(1200.0, |r| crate::export::tiles::tiled_report(r, paper));
            let bytes = made.and_then(|b| b);
            self.write_in_background(path, replace, ctx, move || bytes);
            return;
        }
        if kind == crate::export::output::OutputKind::Html {
            // The page's zoom levels are laid out from the dataset, so here, not on a thread.
            let notes = &self.doc.notes.notes;
            let made = self.with_report_of(1200.0, |r| {
                Ok::<_, String>(crate::export::html::report_html(r, Some(notes)).into_bytes())
            });
            let bytes = made.and_then(|b| b);
            self.shell.status = format!("Exporting {}…", path.display());
            self.write_in_background(path, replace, ctx, move || bytes);
            return;
        }
        let (width_pt, scale) = self
            .windows
            .export_choices
            .as_ref()
            .map_or((1200.0, 2.0), |c| (c.width_pt(), c.scale.clamp(1.0, 4.0)));
        let svg = match self.report_svg_now(width_pt) {
            Ok(svg) => svg,
            Err(e) => {
                self.shell.error = Some(format!("Cannot export: {e}"));
                return;
            }
        };
        self.shell.status = format!("Exporting {}…", path.display());
        self.write_in_background(path, replace, ctx, move || encode(&svg, kind, scale));
    }

    /// Copies the timeline as shown to the clipboard as an image (made on a thread).
    pub(super) fn start_copy_image(&mut self, ctx: &egui::Context) {
        let svg = match self.report_svg_now(1200.0) {
            Ok(svg) => svg,
            Err(e) => {
                self.shell.error = Some(format!("Cannot copy the image: {e}"));
                return;
            }
        };
        let sender = self.jobs.sender.clone();
        let ctx = ctx.clone();
        std::thread::spawn(move || {
            let image = crate::export::raster::pixels_of_svg(&svg, 2.0).map(|(w, h, rgba)| {
                egui::ColorImage::from_rgba_unmultiplied([w as usize, h as usize], &rgba)
            });
            let _ = sender.send(Message::CopiedImage(image));
            ctx.request_repaint();
        });
    }

    /// The report of the timeline as shown — every lane of the filtered view, the search, the
    /// selection — for the export window's choices (the view, light, when it is closed): its
    /// SVG, or what is wrong with the typed dates.
    pub(super) fn report_svg_now(&self, width_pt: f32) -> Result<String, String> {
        self.with_report_of(width_pt, crate::export::report::report_svg)
    }

    /// `f` of the report of the timeline as shown, for the export window's choices.
    pub(super) fn with_report_of<T>(
        &self,
        width_pt: f32,
        f: impl FnOnce(&crate::export::report::ReportOf<'_>) -> T,
    ) -> Result<T, String> {
        use crate::export::report::ReportOf;
        let dataset = &self.doc.loaded.dataset;
        let choices = self
            .windows
            .export_choices
            .clone()
            .unwrap_or_else(|| crate::ui::state::export::ExportChoices::new(&dataset.title));
        let view = choices.view(self.view.timeline.view, self.lanes().extent_secs)?;
        let of = self.shown.report_of(
            &self.doc,
            view,
            width_pt,
            choices.theme,
            self.view.shown_zone,
        );
        let in_view;
        let lanes = if choices.is_every_lane {
            of.index
        } else {
            in_view = crate::export::tiles::only_lanes(of.index, &self.view.timeline.lanes_in_view);
            &in_view
        };
        // "Only starred" in the export window narrows what is shown further.
        let starred_only;
        let (index, shown) = if choices.is_starred_only {
            let keeps: Vec<bool> = (0..dataset.events.len())
                .map(|i| self.is_shown(i) && self.doc.notes.marks_of(i).starred)
                .collect();
            starred_only = lanes.filtered(&keeps, |_| true);
            (&starred_only, keeps.iter().filter(|&&k| k).count())
        } else {
            (lanes, of.shown)
        };
        let mut only = of.only.clone();
        if choices.is_starred_only && !self.shown.filter.only_starred {
            only.push("only starred".to_owned());
        }
        Ok(f(&ReportOf {
            index,
            shown,
            only,
            selected: self.view.selected,
            title: Some(choices.title.clone()).filter(|t| !t.trim().is_empty()),
            remote: self.remote.as_ref().map(|r| (&r.answer, r.extent)),
            rows_in_view: self.remote.as_ref().map(|r| r.rows_in(view)),
            ..of
        }))
    }

    /// Writes the events shown — kept by the filter and, while there is a search, found by it —
    /// as Swimline JSON or CSV by `path`'s name (with the events their dates are relative to).
    pub(super) fn start_data_export(&mut self, path: PathBuf, replace: bool, ctx: &egui::Context) {
        use crate::export::data::{native_json, swimline_csv};
        let is_csv = path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("csv"));
        let dataset = &self.doc.loaded.dataset;
        let mask = self.shown.search.mask();
        let is_kept =
            |e: usize| self.is_shown(e) && mask.is_none_or(|m| m.get(e).copied().unwrap_or(true));
        let notes = &self.doc.notes;
        let extra = |e: usize| notes.export_columns(dataset, e);
        let text = if is_csv {
            swimline_csv(dataset, &is_kept, &extra)
        } else {
            native_json(dataset, &is_kept, &extra)
        };
        self.write_in_background(path, replace, ctx, move || Ok(text.into_bytes()));
    }

    /// Writes the brief — the starred events in time order with your notes — as HTML when
    /// `path` ends in `.html` or `.htm`, else as Markdown.
    pub(super) fn start_brief_export(&mut self, path: PathBuf, replace: bool, ctx: &egui::Context) {
        use crate::export::brief::{html, markdown, starred_count};
        let of = self.doc.brief_of();
        let is_html = path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("html") || e.eq_ignore_ascii_case("htm"));
        let n = starred_count(&of);
        let text = if is_html { html(&of) } else { markdown(&of) };
        self.shell.status = format!(
            "Writing the brief of {n} starred events to {}…",
            path.display()
        );
        self.write_in_background(path, replace, ctx, move || Ok(text.into_bytes()));
    }

    pub(super) fn is_open_data_file(&self, path: &Path) -> bool {
        let Some(open) = &self.doc.loaded.path else {
            return false;
        };
        match (open.canonicalize(), path.canonicalize()) {
            (Ok(a), Ok(b)) => a == b,
            _ => open == path,
        }
    }

    pub(super) fn request_screenshot(&self, ctx: &egui::Context) {
        let sender = self.jobs.sender.clone();
        let repaint = ctx.clone();
        ctx.request_screenshot(move |image| {
            let _ = sender.send(Message::Screenshot(image));
            repaint.request_repaint();
        });
    }

    pub(super) fn save_screenshot(&mut self, image: &Arc<egui::ColorImage>, ctx: &egui::Context) {
        if let Some(job) = &mut self.jobs.screenshot_job {
            let outcome = write_png(&job.path, image, false).map_err(|e| e.to_string());
            if let Ok(mut slot) = job.outcome.lock() {
                *slot = Some(outcome);
            }
            ctx.send_viewport_cmd(egui::ViewportCommand::Close);
            return;
        }
        let Some((path, replace)) = self.jobs.pending_export.take() else {
            return;
        };
        let sender = self.jobs.sender.clone();
        let image = Arc::clone(image);
        let ctx = ctx.clone();
        self.shell.status = format!("Saving {}…", path.display());
        std::thread::spawn(move || {
            let result = write_png(&path, &image, replace)
                .map(|()| path)
                .map_err(|e| e.to_string());
            let _ = sender.send(Message::Exported(result));
            ctx.request_repaint();
        });
    }

    /// Writes the bytes `make` gives to `path` on a thread (atomically; an existing file only
    /// when `replace`), and sends what happened back as [`Message::Exported`].
    pub(super) fn write_in_background(
        &self,
        path: PathBuf,
        replace: bool,
        ctx: &egui::Context,
        make: impl FnOnce() -> Result<Vec<u8>, String> + Send + 'static,
    ) {
        let sender = self.jobs.sender.clone();
        let ctx = ctx.clone();
        // Never over the data on screen, its notes or the session, whatever was agreed.
        let refused = crate::export::write::refuse_protected(
            &path,
            self.doc.loaded.path.as_deref(),
            self.saved.session_store.path(),
        );
        if let Err(e) = refused {
            let _ = sender.send(Message::Exported(Err(e.to_string())));
            ctx.request_repaint();
            return;
        }
        std::thread::spawn(move || {
            let written = make().and_then(|bytes| {
                let replace = crate::export::write::Replace::if_agreed(replace);
                crate::export::write::write_atomic(&path, &bytes, replace)
                    .map_err(|e| e.to_string())
            });
            let _ = sender.send(Message::Exported(written.map(|()| path)));
            ctx.request_repaint();
        });
    }
}
