//! A field for a date as people type it, used by every form that asks for one (your own
//! event's When, Filter ▸ Dates between, the export's dates): the text field with a calendar
//! beside it, the switch between day-first and month-first (remembered while the app runs, in
//! egui's memory; the first choice from the system locale), and the line under the field that
//! says, live, what was understood or what was expected.
//!
//! Reading the text is `ui::state::forms` and `model::date::written`; this only draws.

use egui::{Id, RichText, Ui};

use crate::model::FuzzyDate;
use crate::model::date::DayOrder;
use crate::model::time::{CivilDateTime, MONTH_NAMES, SECS_PER_DAY, Timestamp, days_in_month};
use crate::ui::state::forms::Understood;

/// Where the day order is kept in egui's memory: one choice for every form.
fn order_id() -> Id {
    Id::unique("swimline-date-day-order")
}

/// How `03/04/2018` is read: the user's last choice while the app runs, else the locale's.
pub(in crate::ui::app) fn day_order(ctx: &egui::Context) -> DayOrder {
    ctx.data_mut(|d| *d.get_temp_mut_or_insert_with(order_id(), DayOrder::from_environment))
}

/// The switch between day-first and month-first; the choice is kept for every form.
pub(in crate::ui::app) fn day_order_ui(ui: &mut Ui) -> DayOrder {
    let mut order = day_order(ui.ctx());
    ui.horizontal(|ui| {
        ui.weak("Numbers as");
        for choice in DayOrder::ALL {
            ui.radio_value(&mut order, choice, choice.name());
        }
    });
    ui.data_mut(|d| d.insert_temp(order_id(), order));
    order
}

/// The line under a date field: what it was understood as, or what was expected (in the
/// error colour); nothing for an empty field.
pub(in crate::ui::app) fn understood_ui(
    ui: &mut Ui,
    text: &str,
    understood: &Result<Understood, String>,
) {
    if text.trim().is_empty() {
        return;
    }
    match understood {
        Ok(u) if u.notation == text.trim() => {
            ui.label(RichText::new(&u.words).weak());
        }
        Ok(u) => {
            ui.label(RichText::new(&u.words).weak())
                .on_hover_text(format!("Saved as {}", u.notation));
        }
        Err(e) => {
            ui.colored_label(ui.visuals().error_fg_color, e);
        }
    }
}

/// What an open calendar remembers: the month it shows, and the month of the date typed when
/// it last looked, so that typing another date turns it to that month (`(0, 0)`: none yet).
type CalendarMemory = ((i64, u8), (i64, u8));

/// The "Calendar" button beside a date field: opens (or closes) a month's grid under it, whose
/// days write themselves into the field (as `2018-01-10`). `salt` tells the fields of one form
/// apart.
pub(in crate::ui::app) fn calendar_button_ui(ui: &mut Ui, salt: &str) {
    let id = Id::unique(("swimline-calendar", salt));
    let is_open = ui.data(|d| d.get_temp::<CalendarMemory>(id)).is_some();
    if ui
        .selectable_label(is_open, "Calendar")
        .on_hover_text("Pick the day on a calendar")
        .clicked()
    {
        ui.data_mut(|d| {
            if is_open {
                d.remove::<CalendarMemory>(id);
            } else {
                d.insert_temp::<CalendarMemory>(id, ((0, 0), (0, 0)));
            }
        });
    }
}

/// The month grid of the field `salt`, while its calendar is open: at the month of the date in
/// `text` (today's when there is none), following it as it is typed. A click on a day writes it
/// into `text` and closes the grid.
pub(in crate::ui::app) fn calendar_ui(
    ui: &mut Ui,
    salt: &str,
    text: &mut String,
    typed: Option<&FuzzyDate>,
) {
    let id = Id::unique(("swimline-calendar", salt));
    let Some((mut shown, seen)) = ui.data(|d| d.get_temp::<CalendarMemory>(id)) else {
        return;
    };
    let typed_month = typed.map_or((0, 0), |d| {
        let c = d.bounds().earliest.civil();
        (c.year, c.month)
    });
    if typed_month != seen && typed_month != (0, 0) {
        shown = typed_month;
    } else if shown.1 == 0 {
        let today = Timestamp::now().civil();
        shown = (today.year, today.month);
    }
    let (year, month) = shown;
    let mut picked = None;
    egui::Frame::group(ui.style()).show(ui, |ui| {
        ui.horizontal(|ui| {
            if ui.small_button("‹").on_hover_text("Month before").clicked() {
                shown = if month == 1 {
                    (year - 1, 12)
                } else {
                    (year, month - 1)
                };
            }
            ui.strong(format!("{} {year}", MONTH_NAMES[usize::from(month - 1)]));
            if ui.small_button("›").on_hover_text("Month after").clicked() {
                shown = if month == 12 {
                    (year + 1, 1)
                } else {
                    (year, month + 1)
                };
            }
        });
        picked = month_grid_ui(ui, salt, (year, month), typed);
    });
    ui.data_mut(|d| match picked {
        Some(day) => {
            *text = FuzzyDate::day(year, month, day).to_string();
            d.remove::<CalendarMemory>(id);
        }
        None => {
            d.insert_temp::<CalendarMemory>(id, (shown, typed_month));
        }
    });
}

/// The days of one month under the weekdays' names, Monday first; the day clicked, if any.
fn month_grid_ui(
    ui: &mut Ui,
    salt: &str,
    (year, month): (i64, u8),
    typed: Option<&FuzzyDate>,
) -> Option<u8> {
    let mut picked = None;
    egui::Grid::new(("swimline-calendar-grid", salt))
        .spacing([2.0, 2.0])
        .show(ui, |ui| {
            for name in ["Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"] {
                ui.weak(name);
            }
            ui.end_row();
            let first = CivilDateTime::date(year, month, 1).timestamp();
            // 1 January 1970 was a Thursday: 3 days after a Monday.
            let weekday = (first.0.div_euclid(SECS_PER_DAY) + 3).rem_euclid(7);
            for _ in 0..weekday {
                ui.label("");
            }
            for day in 1..=days_in_month(year, month) {
                let is_typed = typed
                    .is_some_and(|d| (d.year, d.month, d.day) == (year, Some(month), Some(day)));
                if ui
                    .selectable_label(is_typed, format!("{day:>2}"))
                    .on_hover_text(format!(
                        "{day} {} {year}",
                        MONTH_NAMES[usize::from(month - 1)]
                    ))
                    .clicked()
                {
                    picked = Some(day);
                }
                if (weekday + i64::from(day)) % 7 == 0 {
                    ui.end_row();
                }
            }
        });
    picked
}
