//! The one place state changes: [`SwimlineApp::apply`] matches every [`Command`] the UI pushed
//! during the frame, at its end; with what it needs (lanes rebuilt after a filter, the search
//! rerun, glides started).

use super::SwimlineApp;
use super::keys::{search_box_id, step_through};
use super::linked_events;
use crate::doc::Document;
use crate::layout::{TimeView, TimelineIndex};
use crate::ui::command::{Command, ExportKind, LaneSort};
use crate::ui::state::navigation::{GLIDE_SECS, Glide};
use crate::ui::timeline::TimelineState;

impl SwimlineApp {
    /// Applies a command now, as the end of a frame would (for tests and scripts).
    pub fn apply(&mut self, command: Command, ctx: &egui::Context) {
        self.shell.has_changes = true;
        let Some(command) = self.apply_notes(command) else {
            return;
        };
        let Some(command) = self.apply_navigation(command, ctx) else {
            return;
        };
        let Some(command) = self.apply_opening(command, ctx) else {
            return;
        };
        let Some(command) = self.apply_lanes(command) else {
            return;
        };
        match command {
            Command::Reader(command) => self.apply_reader(command, ctx),
            Command::ToggleWarnings => self.windows.show_warnings = !self.windows.show_warnings,
            Command::ToggleHelp => self.windows.show_help = !self.windows.show_help,
            Command::ToggleKey => self.windows.show_key = !self.windows.show_key,
            Command::ToggleEvents => self.windows.show_events = !self.windows.show_events,
            Command::SortEvents(column) => {
                let table = &mut self.windows.events_table;
                table.order = table.order.clicked(column);
            }
            Command::RevealEvent(event) => {
                if event < self.doc.loaded.dataset.events.len() {
                    self.focus_on(event);
                    // Chosen in the table: it is in view there already.
                    self.windows.events_scrolled_to.0 = Some(event);
                }
            }
            Command::OpenExportWindow => {
                let title = &self.doc.loaded.dataset.title;
                let title = if title.is_empty() {
                    &self.doc.loaded.display_name
                } else {
                    title
                };
                self.windows.export_choices =
                    Some(crate::ui::state::export::ExportChoices::new(title));
                self.windows.export_preview = None;
            }
            Command::CloseExportWindow => {
                self.windows.export_choices = None;
                self.windows.export_preview = None;
            }
            Command::ExportDialog(kind) => self.ask_where_to_export(kind, ctx),
            Command::Export {
                path,
                replace,
                kind,
            } => self.start_export(path, replace, kind, ctx),
            Command::CopySelected => self.copy_selected(ctx),
            Command::CopyImage => self.start_copy_image(ctx),
            Command::DismissError => self.shell.error = None,
            Command::CancelReplace => {
                self.windows.confirm_replace = None;
                self.shell.status = "Export cancelled".to_owned();
            }
            Command::SetTheme(theme) => ctx.set_theme(theme),
            Command::ShowZone(zone) => {
                self.view.shown_zone = zone;
                self.saved.persisted.shown_zone = zone.name();
                self.shell.has_changes = true;
                self.shell.status = format!(
                    "Times with a time of day are shown in {}; dates stay their calendar day",
                    zone.name()
                );
            }
            Command::Quit => {
                self.flush_notes();
                ctx.send_viewport_cmd(egui::ViewportCommand::Close);
            }
            // Applied above (`apply_notes`, `apply_navigation`, `apply_opening`, `apply_lanes`).
            Command::ToggleStar(_)
            | Command::SetNote { .. }
            | Command::SetYourTag { .. }
            | Command::ResolveConflict(_)
            | Command::SetLaneNote { .. }
            | Command::NewEvent { .. }
            | Command::EditOwnEvent(_)
            | Command::SaveOwnEvent { .. }
            | Command::DeleteOwnEvent(_)
            | Command::CloseEventForm
            | Command::NewLink(_)
            | Command::SaveOwnLink(_)
            | Command::DeleteOwnLink(_)
            | Command::CloseLinkForm
            | Command::Undo
            | Command::Redo
            | Command::AroundEvent { .. }
            | Command::LeaveAround
            | Command::ToggleOrphans
            | Command::Select(..)
            | Command::SetView(..)
            | Command::ScrollLanes(..)
            | Command::ZoomToFit
            | Command::FitBulk
            | Command::ClosePileList
            | Command::SetQuery(..)
            | Command::StepMatch(..)
            | Command::FollowLink(..)
            | Command::StepEvent(..)
            | Command::PanBy(..)
            | Command::ZoomBy(..)
            | Command::FocusSearch
            | Command::OpenDialog
            | Command::Open(..)
            | Command::OpenSource(..)
            | Command::OpenDatabaseDialog
            | Command::CloseDatabaseDialog
            | Command::MakeSummary
            | Command::OpenBuiltIn
            | Command::SetLaneColumn(..)
            | Command::SetSheet(..)
            | Command::OpenMapped { .. }
            | Command::CloseMapping
            | Command::CancelLoading
            | Command::ToggleGroup(..)
            | Command::MoveLane { .. }
            | Command::SortLanes(..)
            | Command::SetFilter(..) => {}
        }
    }
    /// Applies a command that moves the view, the selection or the search; gives back any other command.
    fn apply_navigation(&mut self, command: Command, ctx: &egui::Context) -> Option<Command> {
        match command {
            Command::Select(event) => {
                self.view.selected = event.filter(|&i| i < self.doc.loaded.dataset.events.len());
            }
            Command::SetView(view) => {
                self.view.glide = None;
                self.view.timeline.view = view;
            }
            Command::ScrollLanes(dy) => self.view.timeline.scroll_y += dy,
            Command::ZoomToFit => {
                let fitted = crate::ui::timeline::fit_all(
                    &self.doc.loaded.dataset,
                    self.lanes(),
                    self.view.timeline.time_width_px,
                )
                .unwrap_or_else(|| TimelineState::fitted(self.lanes()).view);
                self.view.timeline.scroll_y = 0.0;
                self.glide_to(fitted);
            }
            Command::FitBulk => self.fit_bulk(),
            Command::ClosePileList => self.view.timeline.close_pile_list(),
            Command::SetQuery(query) => self.set_query(query),
            Command::StepMatch(step) => {
                let matches = &self.shown.search.matches;
                let next = step_through(matches.len(), self.shown.search.current, step, |p| {
                    self.is_shown(matches[p])
                });
                if let Some(next) = next {
                    self.shown.search.current = Some(next);
                    self.focus_on(self.shown.search.matches[next]);
                }
            }
            Command::FollowLink(event) => {
                let linked = linked_events(&self.doc.loaded.dataset, event);
                let here = self
                    .view
                    .selected
                    .and_then(|s| linked.iter().position(|&e| e == s));
                let next = match here {
                    Some(k) => linked.get((k + 1) % linked.len()),
                    None => linked.first(),
                };
                match next {
                    Some(&next) => self.focus_on(next),
                    None => {
                        self.shell.status = format!(
                            "“{}” has no links to follow",
                            self.doc.loaded.dataset.events.at(event).title()
                        );
                    }
                }
            }
            Command::StepEvent(step) => {
                let dataset = &self.doc.loaded.dataset;
                let order = self.view.time_order.get_or_insert_with(|| {
                    let mut order: Vec<usize> = (0..dataset.events.len()).collect();
                    order.sort_by_key(|&i| (dataset.events.at(i).when().earliest(), i));
                    order
                });
                let here = self
                    .view
                    .selected
                    .and_then(|s| order.iter().position(|&i| i == s));
                let order = self.view.time_order.as_deref().unwrap_or_default();
                let next = step_through(order.len(), here, step, |p| self.is_shown(order[p]));
                if let Some(event) = next.map(|p| order[p]) {
                    self.focus_on(event);
                }
            }
            // Keys compose from where the view is going, so a held key never lags behind.
            Command::PanBy(fraction) => {
                let view = self.view_target();
                self.glide_to(view.panned(view.span_secs * fraction));
            }
            Command::ZoomBy(factor) => self.glide_to(self.view_target().zoomed(factor, 0.5)),
            Command::FocusSearch => ctx.memory_mut(|m| m.request_focus(search_box_id())),
            other => return Some(other),
        }
        None
    }

    /// Applies a command that opens or reads data: files, databases, sheets, mappings; gives back any other command.
    fn apply_opening(&mut self, command: Command, ctx: &egui::Context) -> Option<Command> {
        match command {
            Command::OpenDialog => self
                .shell
                .dialogs
                .pick_open(self.jobs.sender.clone(), ctx.clone()),
            Command::Open(path) => self.start_loading(path, false, ctx),
            Command::OpenSource(text) => {
                self.windows.source_form = None;
                self.open_source(&text, ctx);
            }
            Command::OpenDatabaseDialog => {
                let last = self.saved.persisted.recent_sources.first().cloned();
                self.windows.source_form = Some(last.unwrap_or_default());
            }
            Command::CloseDatabaseDialog => self.windows.source_form = None,
            Command::MakeSummary => self.make_summary(ctx),
            Command::OpenBuiltIn => {
                if let Some(loading) = self.jobs.loading.take() {
                    loading.progress.cancel();
                }
                self.flush_notes();
                let folder = self.saved.notes_folder.clone();
                self.finish_loading(
                    crate::io::load_default().map(|l| Document::with_notes(l, folder.as_deref())),
                    false,
                );
            }
            Command::SetLaneColumn(column) => {
                self.reading.lane_column = column;
                if let Some(path) = self.doc.loaded.path.clone() {
                    self.start_loading(path, true, ctx);
                }
            }
            Command::SetSheet(sheet) => {
                self.reading.lane_column = None;
                if let Some(path) = self.doc.loaded.path.clone() {
                    self.reading.sheet = Some((path.clone(), sheet));
                    self.start_loading(path, true, ctx);
                }
            }
            Command::OpenMapped {
                path,
                mapping,
                header,
            } => {
                self.saved
                    .persisted
                    .mappings
                    .insert(crate::io::mapping::header_key(&header), mapping.clone());
                self.reading.mapping = Some((path.clone(), mapping));
                self.windows.mapping_form = None;
                self.start_loading(path, false, ctx);
            }
            Command::CloseMapping => {
                self.windows.mapping_form = None;
                self.shell.status =
                    format!("Not opened; still showing {}", self.doc.loaded.display_name);
            }
            Command::CancelLoading => {
                if let Some(loading) = self.jobs.loading.take() {
                    loading.progress.cancel();
                    self.shell.status = format!(
                        "Stopped loading {}; still showing {}",
                        loading.path.display(),
                        self.doc.loaded.display_name
                    );
                }
            }
            other => return Some(other),
        }
        None
    }

    /// Applies a command that changes what is shown: the filter, lane groups, lane order; gives back any other command.
    fn apply_lanes(&mut self, command: Command) -> Option<Command> {
        match command {
            Command::ToggleGroup(group) => {
                crate::model::filter::Filter::toggle(&mut self.shown.collapsed_groups, group);
                self.rebuild_lanes();
            }
            Command::MoveLane { actor, to } => {
                let mut order = self.lane_order_now();
                if let (Some(from), Some(at)) = (
                    order.iter().position(|&a| a == actor),
                    order.iter().position(|&a| a == to),
                ) {
                    let moved = order.remove(from);
                    order.insert(at, moved);
                    self.set_lane_order(order);
                }
            }
            Command::SortLanes(sort) => {
                let order = self.sorted_lanes(sort);
                self.set_lane_order(order);
            }
            Command::SetFilter(filter) => {
                self.shown.filter = filter;
                self.rebuild_lanes();
            }
            other => return Some(other),
        }
        None
    }

    /// Asks the user where to save an export of `kind`, suggesting a name from the data file's.
    fn ask_where_to_export(&mut self, kind: ExportKind, ctx: &egui::Context) {
        let stem = self
            .doc
            .loaded
            .display_name
            .rsplit_once('.')
            .map_or(self.doc.loaded.display_name.as_str(), |(s, _)| s);
        let suggested = match kind {
            ExportKind::Data => format!("{stem}-shown.json"),
            ExportKind::Brief => format!("{stem}-brief.md"),
            ExportKind::Timeline => self.reader.suggested_name(),
            ExportKind::Screenshot | ExportKind::Report => format!("{stem}.png"),
        };
        self.shell
            .dialogs
            .pick_save(self.jobs.sender.clone(), ctx.clone(), suggested, kind);
    }

    /// Copies the selected event to the clipboard as text.
    fn copy_selected(&mut self, ctx: &egui::Context) {
        if let Some(event) = self.view.selected {
            let text = crate::ui::panels::details::event_as_text(&self.doc.loaded.dataset, event);
            ctx.copy_text(text);
            self.shell.status = format!(
                "Copied “{}” as text",
                self.doc.loaded.dataset.events.at(event).title()
            );
        }
    }

    /// The lanes on screen: the full index, filtered, with collapsed groups merged. Keeps the
    /// view; drops the cached stacking.
    pub(super) fn rebuild_lanes(&mut self) {
        self.shown.update(&self.doc);
        self.view.timeline = TimelineState::at(self.view.timeline.view);
    }

    /// The actors in the order their lanes are drawn.
    pub fn lane_order_now(&self) -> Vec<usize> {
        self.doc
            .index
            .lane_actor
            .iter()
            .flatten()
            .copied()
            .collect()
    }

    pub(super) fn set_lane_order(&mut self, order: Vec<usize>) {
        self.doc.index.reorder(&order);
        self.rebuild_lanes();
    }

    /// The actors in the order `sort`.
    pub(super) fn sorted_lanes(&self, sort: LaneSort) -> Vec<usize> {
        crate::ui::state::lanes::sorted_lanes(
            &self.doc.index,
            &self.doc.loaded.dataset.actors,
            sort,
        )
    }

    /// Whether `event` is on screen under the current filter: kept, and in a lane not hidden.
    pub fn is_shown(&self, event: usize) -> bool {
        self.shown.is_shown(&self.doc.loaded.dataset, event)
    }

    /// The lanes on screen.
    pub(super) fn lanes(&self) -> &TimelineIndex {
        self.shown.lanes(&self.doc)
    }

    /// `212 of 1,480 events` while a filter hides some; `None` otherwise.
    pub fn filter_summary(&self) -> Option<String> {
        if !self.shown.filter.is_active() {
            return None;
        }
        let shown = self.shown.count();
        Some(format!(
            "{} of {} events",
            crate::model::time::group_thousands(shown as i64),
            crate::model::time::group_thousands(self.doc.loaded.dataset.events.len() as i64)
        ))
    }

    /// `3 of 17`, `17 matches`, `no match`; empty without a query.
    pub fn search_summary(&self) -> String {
        let n = self.shown.search.matches.len();
        match (
            self.shown.search.query.is_empty(),
            n,
            self.shown.search.current,
        ) {
            (true, _, _) => String::new(),
            (false, 0, _) => "no match".to_owned(),
            (false, n, Some(i)) => format!("{} of {n}", i + 1),
            (false, 1, None) => "1 match".to_owned(),
            (false, n, None) => format!("{n} matches"),
        }
    }

    pub(super) fn set_query(&mut self, query: String) {
        self.shown.search_for(&self.doc, query);
    }

    /// Selects `event` and moves the view so that it shows: centred when it fits, fitted when it
    /// is wider than the view.
    pub(super) fn focus_on(&mut self, event: usize) {
        self.view.selected = Some(event);
        self.view.timeline.reveal(event);
        let when = self.doc.loaded.dataset.events.at(event).when();
        let (a, b) = (when.earliest() as f64, when.latest() as f64);
        let view = self.view_target();
        let margin = view.span_secs * 0.05;
        if b - a > view.span_secs * 0.8 {
            self.glide_to(TimeView::fit(a, b, 0.1));
        } else if a < view.start_secs + margin || b > view.end_secs() - margin {
            self.glide_to(view.panned((a + b) / 2.0 - (view.start_secs + view.span_secs / 2.0)));
        }
    }

    /// Where the view is going: the end of the glide under way, or where it is.
    pub(super) fn view_target(&self) -> TimeView {
        self.view.glide.map_or(self.view.timeline.view, |g| g.to)
    }

    /// Moves the view to `to` in a short glide (keyboard, fit, jumps to an event), so the eye
    /// can follow; the wheel and drags move the view directly.
    pub(super) fn glide_to(&mut self, to: TimeView) {
        self.view.glide = Some(Glide {
            from: self.view.timeline.view,
            to,
            started: self.view.now,
        });
    }

    /// Sets the view for this frame along the glide under way.
    pub(super) fn advance_glide(&mut self, ctx: &egui::Context) {
        let Some(glide) = self.view.glide else {
            return;
        };
        let t = ((self.view.now - glide.started) / GLIDE_SECS).clamp(0.0, 1.0);
        self.view.timeline.view = glide.at(t);
        if t >= 1.0 {
            self.view.glide = None;
        } else {
            ctx.request_repaint();
        }
    }
}
