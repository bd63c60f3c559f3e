//! The Filter menu: kinds, date certainty, tags, a date range, lanes (narrowed by typing when
//! there are many); each row with "only".

use super::SwimlineApp;
use crate::model::filter::{Certainty, Filter, UNTAGGED};
use crate::model::{EventKind, FuzzyDate};
use crate::ui::command::Command;
use crate::ui::state::forms::Understood;

/// What the user did with one row of a Filter list.
struct FilterRow {
    /// The checkbox changed: show or hide the item.
    toggled: bool,
    /// The button that shows only this item was pressed.
    only: bool,
}

/// One row of a Filter list: a checkbox (ticked while the item is shown) and a small button
/// that shows only this item.
fn filter_row(ui: &mut egui::Ui, label: String, shown: bool, only: &str, hint: &str) -> FilterRow {
    ui.horizontal(|ui| {
        let mut shown = shown;
        FilterRow {
            toggled: ui.checkbox(&mut shown, label).changed(),
            only: ui.small_button(only).on_hover_text(hint).clicked(),
        }
    })
    .inner
}

/// With more lanes than this, Filter ▸ Lanes has a field to narrow them by name.
const LANES_FIND_FROM: usize = 12;

/// Filter ▸ Kinds and Dates (by certainty): a checkbox each; `true` when one changed.
fn kinds_and_dates_ui(ui: &mut egui::Ui, filter: &mut Filter) -> bool {
    let mut changed = false;
    ui.weak("Kinds");
    for kind in EventKind::ALL {
        let mut shown = !filter.hidden_kinds.contains(&kind);
        if ui.checkbox(&mut shown, kind.name()).changed() {
            Filter::toggle(&mut filter.hidden_kinds, kind);
            changed = true;
        }
    }
    ui.separator();
    ui.weak("Dates");
    for certainty in Certainty::ALL {
        let mut shown = !filter.hidden_certainties.contains(&certainty);
        if ui.checkbox(&mut shown, certainty.name()).changed() {
            Filter::toggle(&mut filter.hidden_certainties, certainty);
            changed = true;
        }
    }
    changed
}

impl SwimlineApp {
    /// The Filter menu: edits a copy of the filter and pushes it when anything changed.
    pub(super) fn filter_menu_ui(&mut self, ui: &mut egui::Ui, commands: &mut Vec<Command>) {
        let mut filter = self.shown.filter.clone();
        let mut changed = false;
        changed |= kinds_and_dates_ui(ui, &mut filter);
        ui.separator();
        changed |= self.yours_ui(ui, &mut filter);
        ui.separator();
        ui.weak("Dates between");
        self.date_range_ui(ui, &mut filter, &mut changed);
        ui.separator();
        changed |= self.tags_menu_ui(ui, &mut filter);
        ui.menu_button("Lanes", |ui| changed |= self.lanes_menu_ui(ui, &mut filter));
        ui.separator();
        if ui
            .add_enabled(filter.is_active(), egui::Button::new("Show everything"))
            .clicked()
        {
            filter = Filter::default();
            self.windows.range_text = (String::new(), String::new());
            changed = true;
        }
        if changed {
            commands.push(Command::SetFilter(filter));
            // The menu stays open while dates are typed or picked (a click into a field or the
            // calendar must not close it), and closes once the filter changes, as before.
            ui.close();
        }
    }

    /// Filter ▸ Yours: starred, noted, added by you, and your tags; `true` when changed.
    fn yours_ui(&self, ui: &mut egui::Ui, filter: &mut Filter) -> bool {
        let mut changed = false;
        ui.weak("Yours");
        for (on, words) in [
            (&mut filter.only_starred, "only starred"),
            (&mut filter.only_noted, "only with a note"),
            (&mut filter.only_own, "only added by you"),
        ] {
            changed |= ui.checkbox(on, words).changed();
        }
        let your_tags = self.doc.notes.notes.tags_used();
        ui.add_enabled_ui(!your_tags.is_empty(), |ui| {
            ui.menu_button("Only your tags", |ui| {
                for (tag, count) in &your_tags {
                    let mut on = filter.your_tags.contains(tag);
                    if ui.checkbox(&mut on, format!("{tag} ({count})")).changed() {
                        Filter::toggle(&mut filter.your_tags, tag.clone());
                        changed = true;
                    }
                }
                ui.weak("Shown: events with any of the ticked tags.");
            });
        });
        changed
    }

    /// Filter ▸ Tags: the file's tags (and "(no tag)"), each with "only"; `true` when changed.
    fn tags_menu_ui(&self, ui: &mut egui::Ui, filter: &mut Filter) -> bool {
        let mut changed = false;
        ui.add_enabled_ui(!self.doc.tags.is_empty(), |ui| {
            ui.menu_button("Tags", |ui| {
                egui::ScrollArea::vertical()
                    .max_height(400.0)
                    .show(ui, |ui| {
                        let untagged = self.doc.untagged;
                        let entries = self
                            .doc
                            .tags
                            .iter()
                            .map(|(t, n)| (t.as_str(), t.as_str(), *n))
                            .chain((untagged > 0).then_some((UNTAGGED, "(no tag)", untagged)));
                        for (tag, label, count) in entries {
                            let shown = !filter.hidden_tags.iter().any(|t| t == tag);
                            let row = filter_row(
                                ui,
                                format!("{label} ({count})"),
                                shown,
                                "only",
                                "Show only events with this tag",
                            );
                            if row.toggled {
                                Filter::toggle(&mut filter.hidden_tags, tag.to_owned());
                                changed = true;
                            }
                            if row.only {
                                filter.hidden_tags = self
                                    .doc
                                    .tags
                                    .iter()
                                    .map(|(t, _)| t.clone())
                                    .chain(std::iter::once(UNTAGGED.to_owned()))
                                    .filter(|t| t != tag)
                                    .collect();
                                changed = true;
                            }
                        }
                    });
            });
        });
        changed
    }

    /// Filter ▸ Lanes: each lane with "solo", narrowed by typing when there are many; `true`
    /// when changed.
    fn lanes_menu_ui(&self, ui: &mut egui::Ui, filter: &mut Filter) -> bool {
        let mut changed = false;
        // Many lanes (GDELT has hundreds): type to narrow the list. The words typed are the
        // menu's own memory, kept while the app runs.
        let actors = &self.doc.loaded.dataset.actors;
        let find_id = egui::Id::unique("filter-lanes-find");
        let mut find: String = ui.data(|d| d.get_temp(find_id)).unwrap_or_default();
        if actors.len() > LANES_FIND_FROM {
            let label = ui.label("Find a lane");
            let field = ui.add(
                egui::TextEdit::singleline(&mut find)
                    .hint_text("type part of its name")
                    .desired_width(220.0),
            );
            let field = field.labelled_by(label.id);
            if field.changed() {
                ui.data_mut(|d| d.insert_temp(find_id, find.clone()));
            }
        }
        let words = find.trim().to_lowercase();
        let matching: Vec<&crate::model::Actor> = actors
            .iter()
            .filter(|a| words.is_empty() || a.name.to_lowercase().contains(&words))
            .collect();
        if !words.is_empty() {
            ui.weak(format!("{} of {} lanes", matching.len(), actors.len()));
        }
        egui::ScrollArea::vertical()
            .max_height(400.0)
            .show(ui, |ui| {
                for actor in matching {
                    let shown = !filter.hidden_actors.contains(&actor.id);
                    let row =
                        filter_row(ui, actor.name.clone(), shown, "solo", "Show only this lane");
                    if row.toggled {
                        Filter::toggle(&mut filter.hidden_actors, actor.id.clone());
                        changed = true;
                    }
                    if row.only {
                        filter.hidden_actors = actors
                            .iter()
                            .filter(|a| a.id != actor.id)
                            .map(|a| a.id.clone())
                            .collect();
                        changed = true;
                    }
                }
            });
        changed
    }

    /// The date range of the Filter menu: two dates as typed (`2016`, `2018-03`, `10 Jan
    /// 2018`), each with a calendar and what it was understood as; the visible range in one
    /// click, and a clear button.
    pub(super) fn date_range_ui(
        &mut self,
        ui: &mut egui::Ui,
        filter: &mut Filter,
        changed: &mut bool,
    ) {
        use super::notes_ui::date_field;
        use crate::ui::state::forms::understood_date;
        let (from_text, to_text) = &mut self.windows.range_text;
        ui.horizontal(|ui| {
            let label = ui.label("from");
            ui.add(
                egui::TextEdit::singleline(from_text)
                    .hint_text("e.g. 2016")
                    .desired_width(90.0),
            )
            .labelled_by(label.id);
            let label = ui.label("to");
            ui.add(
                egui::TextEdit::singleline(to_text)
                    .hint_text("e.g. Mar 2018")
                    .desired_width(90.0),
            )
            .labelled_by(label.id);
            date_field::calendar_button_ui(ui, "filter-dates");
        });
        let order = date_field::day_order_ui(ui);
        let from = understood_date(from_text, order);
        let to = understood_date(to_text, order);
        // The calendar writes into the first empty field, or the "to" field once "from" is set.
        let target = if from_text.trim().is_empty() {
            &mut *from_text
        } else {
            &mut *to_text
        };
        let typed = understood_date(target, order).ok().map(|(d, _)| d);
        date_field::calendar_ui(ui, "filter-dates", target, typed.as_ref());
        for (what, text, understood) in [("from", &from_text, &from), ("to", &to_text, &to)] {
            if let Ok((_, u)) = understood
                && !text.trim().is_empty()
            {
                ui.weak(format!("{what} {}", u.words));
            }
        }
        let parse = |text: &str, field: &str, read: &Result<(FuzzyDate, Understood), String>| {
            if text.trim().is_empty() {
                Ok(None)
            } else {
                read.as_ref()
                    .map(|(d, _)| Some(d.clone()))
                    .map_err(|e| format!("{field}: {e}"))
            }
        };
        let range = parse(from_text, "from", &from).and_then(|from| {
            let to = parse(to_text, "to", &to)?;
            let from = from.map_or(i64::MIN, |d| d.bounds().earliest.0);
            let to = to.map_or(i64::MAX, |d| d.bounds().latest.0);
            if to <= from {
                Err("the range ends before it starts".to_owned())
            } else {
                Ok((from, to))
            }
        });
        ui.horizontal(|ui| {
            let typed = range.as_ref().ok().filter(|r| **r != (i64::MIN, i64::MAX));
            if ui
                .add_enabled(typed.is_some(), egui::Button::new("Apply"))
                .clicked()
                && let Some(&range) = typed
            {
                filter.date_range = Some(range);
                *changed = true;
            }
            if ui
                .button("Visible range")
                .on_hover_text("Keep only the events that touch the stretch of time on screen")
                .clicked()
            {
                let view = self.view.timeline.view;
                let (from, to) = (view.start_secs, view.start_secs + view.span_secs);
                filter.date_range = Some((from.floor() as i64, to.ceil() as i64));
                let day = |secs: f64| {
                    let c = crate::model::time::Timestamp(secs as i64).civil();
                    FuzzyDate::day(c.year, c.month, c.day).to_string()
                };
                self.windows.range_text = (day(from), day(to));
                *changed = true;
            }
            if ui
                .add_enabled(filter.date_range.is_some(), egui::Button::new("Any date"))
                .clicked()
            {
                filter.date_range = None;
                self.windows.range_text = (String::new(), String::new());
                *changed = true;
            }
        });
        if let Err(message) = &range {
            ui.colored_label(ui.visuals().error_fg_color, message);
        }
    }

    /// Columns that can name lanes: the format's default and the attributes of the first thousand
    /// events (enough to find every column of a CSV).
    pub(super) fn lane_columns(&self, default: &str) -> Vec<String> {
        let mut columns = vec![default.to_owned()];
        for event in self.doc.loaded.dataset.events.iter().take(1000) {
            for (name, _) in event.attributes() {
                if !columns.iter().any(|c| c == name) {
                    columns.push(name.to_owned());
                }
            }
        }
        columns
    }
}
