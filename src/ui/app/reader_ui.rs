//! The reader window: its memory ([`Reader`]: the report read, the reading under way, the
//! paste field, the last message) and its drawing — the header (the report's date and why, the
//! legend), the drafts with their ticks, the selected draft's fields, the paste field (the text
//! itself is in `reader_text`). Edits the reader's form (widget memory) and pushes commands;
//! File ▸ Read a report…'s routing, reading and what Add and Save do are in `reader`.

use std::path::PathBuf;

use chrono::NaiveDate;
use egui::{Color32, RichText};

use super::reader_text::{QUOTE_FILL, SPEAKER_FILL, TIME_FILL, TextCache, text_ui};
use crate::extract::drafts::on_calendar;
use crate::extract::text::Document;
use crate::model::EventKind;
use crate::ui::command::Command;
use crate::ui::state::reader::{DraftForm, LaneChoice, ReaderCommand, ReaderState};

/// What a reading reads.
#[derive(Clone, Debug)]
pub(super) enum Input {
    /// A file, read from disk.
    File(PathBuf),
    /// A document already read (pasted text, or the open report read again on another date).
    Document(String, Document),
}

/// The reader's part of the app.
#[derive(Debug, Default)]
pub(super) struct Reader {
    /// The report read, and its drafts as edited.
    pub(super) state: Option<ReaderState>,
    /// The last thing read (to read it again with a date when it had none).
    pub(super) last_input: Option<Input>,
    /// A reading under way: its generation and what it reads, in words.
    pub(super) reading: Option<(u64, String)>,
    /// Counts readings, so a superseded answer is dropped.
    pub(super) generation: u64,
    /// Why the last reading failed.
    pub(super) error: Option<String>,
    /// The paste field, while open.
    pub(super) paste: Option<String>,
    /// The date typed when the report had none.
    pub(super) date_for_retry: String,
    /// What the last Add or Save did, shown in the window.
    pub(super) message: Option<String>,
    /// A report to read once the window runs, and its date if given (`SWIMLINE_READ_REPORT`
    /// and `SWIMLINE_READ_REPORT_DATE`, for screenshots).
    pub(super) on_start: Option<(PathBuf, Option<NaiveDate>)>,
    /// Once the report is read, select its first draft of this kind (by name: `denial`;
    /// `SWIMLINE_READ_REPORT_SELECT`, for screenshots).
    pub(super) select_on_read: Option<String>,
    /// Once the report is read, select the draft whose quote is at these characters, and say
    /// the date's reason as kept with the notes (a report opened from an event's quote).
    pub(super) select_quote_on_read: Option<(std::ops::Range<usize>, String)>,
    /// The report's text as laid out on screen (for the report shown).
    pub(super) text_cache: TextCache,
}

impl Reader {
    /// The file name the save dialog proposes for the drafts as a timeline.
    pub(super) fn suggested_name(&self) -> String {
        let name = self
            .state
            .as_ref()
            .map_or("report", |s| s.report.name.as_str());
        let stem = name.rsplit_once('.').map_or(name, |(s, _)| s);
        format!("{stem}-drafts.json")
    }

    /// Whether a report is being read (or waits to be).
    pub(super) fn is_busy(&self) -> bool {
        self.reading.is_some() || self.on_start.is_some()
    }

    /// Whether the window has something to show.
    pub(super) fn is_open(&self) -> bool {
        self.state.is_some()
            || self.reading.is_some()
            || self.error.is_some()
            || self.paste.is_some()
    }
}

/// The colour of a field's error.
const ERROR_COLOR: Color32 = Color32::from_rgb(200, 40, 40);
/// The share of the column's height the list of drafts takes at most (the editor of the
/// selected one goes below), and the least height it is given, in points.
const DRAFT_LIST_SHARE: f32 = 0.5;
/// See [`DRAFT_LIST_SHARE`].
const DRAFT_LIST_MIN_HEIGHT_PT: f32 = 160.0;
/// Up to this many drafts, every row is drawn (each can be found by its label, as a screen
/// reader or a test does); above, only the rows in view (a report of a megabyte gives
/// thousands, and drawing them all would take most of a frame).
const DRAFT_ROWS_ALL_DRAWN: usize = 400;

/// The inside of the reader window.
pub(super) fn window_ui(
    ui: &mut egui::Ui,
    reader: &mut Reader,
    lanes: &[(String, String)],
    commands: &mut Vec<Command>,
) {
    if let Some((_, what)) = &reader.reading {
        ui.horizontal(|ui| {
            ui.spinner();
            ui.label(format!("Reading {what}…"));
        });
    }
    if let Some(error) = &reader.error {
        ui.colored_label(ERROR_COLOR, error);
        ui.horizontal(|ui| {
            let l = ui.label("The report's date");
            ui.add(
                egui::TextEdit::singleline(&mut reader.date_for_retry)
                    .hint_text("YYYY-MM-DD")
                    .desired_width(110.0),
            )
            .labelled_by(l.id);
            let date = NaiveDate::parse_from_str(reader.date_for_retry.trim(), "%Y-%m-%d").ok();
            if ui
                .add_enabled(date.is_some(), egui::Button::new("Read again on this date"))
                .clicked()
                && let Some(date) = date
            {
                commands.push(Command::Reader(ReaderCommand::Redate(date)));
            }
            if reader.paste.is_none() && ui.button("Paste text instead…").clicked() {
                reader.paste = Some(String::new());
            }
        });
    }
    paste_ui(ui, reader, commands);
    let Some(state) = &mut reader.state else {
        return;
    };
    if header_ui(ui, state, commands) {
        reader.paste = Some(String::new());
    }
    if let Some(message) = &reader.message {
        ui.label(RichText::new(message).strong());
    }
    ui.separator();
    ui.columns(2, |columns| {
        let [left, right] = columns else {
            return;
        };
        text_ui(left, state, &mut reader.text_cache);
        drafts_ui(right, state, lanes, commands);
    });
}

/// "Paste text instead…": a field for a report's text, read as plain text.
fn paste_ui(ui: &mut egui::Ui, reader: &mut Reader, commands: &mut Vec<Command>) {
    let Some(text) = &mut reader.paste else {
        return;
    };
    let mut close = false;
    let l =
        ui.label("Paste the report's text (its first lines should say its date, or give it here):");
    ui.add(
        egui::TextEdit::multiline(text)
            .desired_rows(6)
            .desired_width(ui.available_width()),
    )
    .labelled_by(l.id);
    ui.horizontal(|ui| {
        let l = ui.label("Its date");
        ui.add(
            egui::TextEdit::singleline(&mut reader.date_for_retry)
                .hint_text("YYYY-MM-DD (optional)")
                .desired_width(140.0),
        )
        .labelled_by(l.id);
        let date = NaiveDate::parse_from_str(reader.date_for_retry.trim(), "%Y-%m-%d").ok();
        if ui
            .add_enabled(!text.trim().is_empty(), egui::Button::new("Read it"))
            .clicked()
        {
            commands.push(Command::Reader(ReaderCommand::ReadText {
                text: text.clone(),
                date,
            }));
        }
        if ui.button("Cancel").clicked() {
            close = true;
        }
    });
    ui.separator();
    if close {
        reader.paste = None;
    }
}

/// The report's name, date (editable, with why it was chosen), counts, warnings and legend;
/// whether "Paste text instead…" was clicked.
fn header_ui(ui: &mut egui::Ui, state: &mut ReaderState, commands: &mut Vec<Command>) -> bool {
    let mut wants_paste = false;
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new(&state.report.name).strong());
        ui.weak(format!("({})", state.report.document.format.name()));
        let l = ui.label("dated");
        let mut text = state.date_text.clone();
        let response = ui
            .add(egui::TextEdit::singleline(&mut text).desired_width(90.0))
            .labelled_by(l.id)
            .on_hover_text("The date \"last year\" and \"two weeks ago\" are counted from");
        if response.changed() {
            state.set_date_text(text);
        }
        let report = &state.report;
        ui.weak(format!(
            "({})",
            report
                .dct_reason
                .replace("given with --date", "given by you")
        ));
        if let Some(e) = &state.date_error {
            ui.colored_label(ERROR_COLOR, e);
        } else if let Ok(date) = NaiveDate::parse_from_str(state.date_text.trim(), "%Y-%m-%d")
            && date != report.dct
            && ui.button("Read again on this date").clicked()
        {
            commands.push(Command::Reader(ReaderCommand::Redate(date)));
        }
    });
    let report = &state.report;
    ui.horizontal_wrapped(|ui| {
        let plural = |n: usize, one: &str| format!("{n} {one}{}", if n == 1 { "" } else { "s" });
        ui.label(format!(
            "{}, {}: nothing enters your timeline until you add it.",
            plural(report.timexes.len(), "time expression"),
            plural(report.drafts.len(), "draft event")
        ));
        ui.label(RichText::new(" time ").background_color(TIME_FILL));
        ui.label(RichText::new(" speaker ").background_color(SPEAKER_FILL));
        ui.label(
            RichText::new(" the selected draft's words ")
                .background_color(QUOTE_FILL)
                .underline(),
        );
        wants_paste = ui.button("Paste text instead…").clicked();
    });
    for w in &report.document.warnings {
        ui.colored_label(ERROR_COLOR, format!("Warning: {w}"));
    }
    wants_paste
}

/// One draft's row: its tick box and a button that selects it (kind, time, title, source);
/// whether the button was clicked.
fn draft_row_ui(
    ui: &mut egui::Ui,
    form: &mut DraftForm,
    is_selected: bool,
    scroll_to: bool,
) -> bool {
    ui.horizontal(|ui| {
        let title = form.title.clone();
        let response = ui.add(egui::Checkbox::without_text(&mut form.is_ticked));
        let ticked = form.is_ticked;
        response.widget_info(|| {
            egui::WidgetInfo::selected(
                egui::Role::CheckBox,
                true,
                ticked,
                format!("Keep “{title}”"),
            )
        });
        let warn = if form.time_error.is_some() {
            "(bad time) "
        } else if form.lanes.iter().all(|c| !c.is_on) {
            "(no lane) "
        } else {
            ""
        };
        let source = if form.source.is_empty() {
            String::new()
        } else {
            format!(" — {}", form.source)
        };
        let row = format!(
            "{warn}{:<9} {}  {}{source}",
            form.kind.name(),
            form.time,
            form.title
        );
        let response = ui.add(egui::Button::selectable(is_selected, row).truncate());
        if scroll_to {
            response.scroll_to_me(Some(egui::Align::Center));
        }
        response.clicked()
    })
    .inner
}

/// The drafts: ticks, a row each, the actions, and the selected one's fields.
fn drafts_ui(
    ui: &mut egui::Ui,
    state: &mut ReaderState,
    lanes: &[(String, String)],
    commands: &mut Vec<Command>,
) {
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new(format!("Drafts ({} ticked)", state.ticked())).strong());
        if ui.button("Tick all").clicked() {
            state.drafts.iter_mut().for_each(|d| d.is_ticked = true);
        }
        if ui.button("Untick all").clicked() {
            state.drafts.iter_mut().for_each(|d| d.is_ticked = false);
        }
        ui.separator();
        if ui
            .button("Add to my notes")
            .on_hover_text(
                "The ticked drafts become your own events (and the links you confirmed), in the \
                 notes beside the data; the data file is never written",
            )
            .clicked()
        {
            commands.push(Command::Reader(ReaderCommand::AddToNotes));
        }
        if ui
            .button("Save as a new timeline…")
            .on_hover_text("The ticked drafts as a Swimline JSON file of their own")
            .clicked()
        {
            commands.push(Command::Reader(ReaderCommand::SaveTimeline));
        }
    });
    let area = egui::ScrollArea::vertical()
        .id_salt("reader-drafts")
        .max_height((ui.available_height() * DRAFT_LIST_SHARE).max(DRAFT_LIST_MIN_HEIGHT_PT))
        .auto_shrink([false, true]);
    let selected = state.selected;
    let scroll_to_row = std::mem::take(&mut state.scroll_to_row);
    let mut clicked = None;
    if state.drafts.len() <= DRAFT_ROWS_ALL_DRAWN {
        area.show(ui, |ui| {
            for (i, form) in state.drafts.iter_mut().enumerate() {
                let is_selected = selected == Some(i);
                if draft_row_ui(ui, form, is_selected, scroll_to_row && is_selected) {
                    clicked = Some(i);
                }
            }
        });
    } else {
        let row_height = (ui.text_style_height(&egui::TextStyle::Body)
            + 2.0 * ui.spacing().button_padding.y)
            .max(ui.spacing().interact_size.y);
        let area = match selected.filter(|_| scroll_to_row) {
            Some(i) => area.vertical_scroll_offset(
                (i as f32 * (row_height + ui.spacing().item_spacing.y)
                    - DRAFT_LIST_MIN_HEIGHT_PT / 2.0)
                    .max(0.0),
            ),
            None => area,
        };
        area.show_rows(ui, row_height, state.drafts.len(), |ui, rows| {
            for i in rows {
                if let Some(form) = state.drafts.get_mut(i)
                    && draft_row_ui(ui, form, selected == Some(i), false)
                {
                    clicked = Some(i);
                }
            }
        });
    }
    if let Some(i) = clicked {
        state.selected = Some(i);
        state.scroll_to_quote = true;
    }
    ui.separator();
    let Some(i) = state.selected else {
        ui.weak("Select a draft to see its words and edit it.");
        return;
    };
    let dct = state.report.dct;
    let titles: Vec<String> = state.drafts.get(i).map_or_else(Vec::new, |form| {
        form.draft
            .links
            .iter()
            .map(|l| {
                state
                    .drafts
                    .get(l.to_draft)
                    .map_or_else(String::new, |d| d.title.clone())
            })
            .collect()
    });
    let Some(form) = state.drafts.get_mut(i) else {
        return;
    };
    egui::ScrollArea::vertical()
        .id_salt("reader-draft")
        .auto_shrink([false, false])
        .show(ui, |ui| draft_form_ui(ui, form, dct, &titles, lanes));
}

/// The selected draft's fields.
fn draft_form_ui(
    ui: &mut egui::Ui,
    form: &mut DraftForm,
    dct: NaiveDate,
    titles: &[String],
    lanes: &[(String, String)],
) {
    egui::Grid::new("reader-draft-grid")
        .num_columns(2)
        .spacing([8.0, 6.0])
        .show(ui, |ui| {
            let l = ui.label("Title");
            ui.add(egui::TextEdit::singleline(&mut form.title).desired_width(ui.available_width()))
                .labelled_by(l.id);
            ui.end_row();
            let l = ui.label("Time");
            ui.vertical(|ui| {
                let mut time = form.time.clone();
                let response = ui
                    .add(egui::TextEdit::singleline(&mut time).desired_width(260.0))
                    .labelled_by(l.id)
                    .on_hover_text(
                        "Swimline's notation: 2018-03, 2017-12~, 2016/2018, [..2018-03-23] for at \
                         or before; @{dct} is the report's date (@{dct}-P18M: 18 months before it)",
                    );
                if response.changed() {
                    form.set_time(time);
                }
                match &form.time_error {
                    Some(e) => {
                        ui.colored_label(ERROR_COLOR, e);
                    }
                    None => {
                        if form.time.contains("@{")
                            && let Some(calendar) = on_calendar(&form.time, dct)
                        {
                            ui.weak(format!("on the calendar: {calendar}"));
                        }
                    }
                }
                if let Some(words) = &form.draft.time_words {
                    ui.weak(format!("from “{}”", words.text));
                }
            });
            ui.end_row();
            ui.label("Kind");
            ui.horizontal_wrapped(|ui| {
                for kind in EventKind::ALL {
                    ui.radio_value(&mut form.kind, kind, kind.name());
                }
            });
            ui.end_row();
            let l = ui.label("Source");
            ui.add(
                egui::TextEdit::singleline(&mut form.source)
                    .hint_text("Who said it")
                    .desired_width(ui.available_width()),
            )
            .labelled_by(l.id);
            ui.end_row();
            if let Some(outlet) = &form.draft.outlet {
                ui.label("Outlet");
                ui.label(outlet);
                ui.end_row();
            }
            ui.label("Lanes");
            ui.vertical(|ui| draft_lanes_ui(ui, form, lanes));
            ui.end_row();
            ui.label("Quote");
            ui.vertical(|ui| {
                let q = &form.draft.quote;
                egui::Frame::new()
                    .fill(QUOTE_FILL)
                    .inner_margin(egui::Margin::same(4))
                    .show(ui, |ui| {
                        ui.label(format!("“{}”", q.text));
                    });
                ui.weak(format!(
                    "characters {}–{} (bytes {}–{}) of the report; kept with the event",
                    q.start_char, q.end_char, q.start_byte, q.end_byte
                ));
            });
            ui.end_row();
        });
    proposed_links_ui(ui, form, titles);
}

/// The selected draft's lanes: one tick each, and a lane of the data's or a new one to add.
fn draft_lanes_ui(ui: &mut egui::Ui, form: &mut DraftForm, lanes: &[(String, String)]) {
    ui.horizontal_wrapped(|ui| {
        for choice in &mut form.lanes {
            ui.checkbox(&mut choice.is_on, &choice.label);
        }
    });
    let mut added = None;
    ui.horizontal_wrapped(|ui| {
        egui::ComboBox::new("reader-add-lane", "Add a lane")
            .selected_text("one of the data's…")
            .show_ui(ui, |ui| {
                for (id, name) in lanes {
                    if !form.lanes.iter().any(|c| c.lane == *id)
                        && ui.selectable_label(false, name).clicked()
                    {
                        added = Some(LaneChoice {
                            lane: id.clone(),
                            label: name.clone(),
                            is_new: false,
                            is_on: true,
                        });
                    }
                }
            });
        let l = ui.label("or a new lane:");
        let response = ui
            .add(egui::TextEdit::singleline(&mut form.new_lane).desired_width(140.0))
            .labelled_by(l.id);
        let name = form.new_lane.trim().to_owned();
        let entered = response.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
        if (ui
            .add_enabled(!name.is_empty(), egui::Button::new("Add"))
            .clicked()
            || entered)
            && !name.is_empty()
            && !form.lanes.iter().any(|c| c.lane == name)
        {
            added = Some(LaneChoice {
                label: format!("{name} (new lane)"),
                lane: name,
                is_new: true,
                is_on: true,
            });
            form.new_lane.clear();
        }
    });
    if let Some(choice) = added {
        form.lanes.push(choice);
    }
}

/// The links the selected draft proposes (a denial to the claims it answers), each to confirm;
/// `titles` are the other drafts' titles, in the order of the links.
fn proposed_links_ui(ui: &mut egui::Ui, form: &mut DraftForm, titles: &[String]) {
    if !form.draft.links.is_empty() {
        ui.add_space(6.0);
        ui.label(RichText::new("Links it proposes").strong());
        for (k, (link, is_confirmed)) in form
            .draft
            .links
            .iter()
            .zip(form.confirmed_links.iter_mut())
            .enumerate()
        {
            let to = titles.get(k).map_or("?", String::as_str);
            ui.checkbox(
                is_confirmed,
                format!(
                    "Confirm: {} “{to}” ({:.0}%: {})",
                    link.kind.verb(),
                    link.score * 100.0,
                    link.shared_words.join(", ")
                ),
            );
        }
        ui.weak("Proposed from the words they share; only confirmed links are kept.");
    }
}
