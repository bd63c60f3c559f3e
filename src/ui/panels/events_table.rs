//! The table of events (View ▸ Events, `T`): one row per event shown, sortable by any column by
//! a click on its heading, drawn only for the rows in view (a million rows scroll as ten). A
//! click on a row selects its event and brings it into view on the timeline; an event selected
//! on the timeline is scrolled to in the table. Takes the rows and pushes commands; the only
//! state it changes is its own scroll memory.

use egui::{Align, Label, Layout, RichText, Sense, Ui, vec2};

use crate::doc::Document;
use crate::doc::table::{Column, Order, cell};
use crate::ui::command::Command;

/// Height of a row, in points.
const ROW_HEIGHT: f32 = 20.0;

/// What the table draws from.
pub struct TableInput<'a> {
    /// The document (for the cells' text).
    pub doc: &'a Document,
    /// The events in row order.
    pub rows: &'a [usize],
    /// How they are sorted.
    pub order: Order,
    /// The selected event.
    pub selected: Option<usize>,
    /// Scroll to this row (the selection changed on the timeline), if it is out of view.
    pub scroll_to_row: Option<usize>,
}

/// The table's memory between frames: the rows last in view.
#[derive(Clone, Debug, Default)]
pub struct TableMemory {
    /// The rows drawn last frame.
    pub in_view: std::ops::Range<usize>,
    /// The height of the rows' viewport last frame, in points.
    pub view_height: f32,
}

/// A column's share of the width, in points (the title takes what is left).
fn width_of(column: Column) -> f32 {
    match column {
        Column::When => 190.0,
        Column::Written => 120.0,
        Column::Title => 0.0,
        Column::Kind => 80.0,
        Column::Lanes => 190.0,
        Column::Source => 170.0,
        Column::Yours => 90.0,
    }
}

/// The widths of the columns for a table `total` points wide.
fn widths(total: f32) -> Vec<f32> {
    let fixed: f32 = Column::ALL.iter().map(|&c| width_of(c)).sum();
    let gaps = 8.0 * Column::ALL.len() as f32;
    let title = (total - fixed - gaps).max(160.0);
    Column::ALL
        .iter()
        .map(|&c| {
            if c == Column::Title {
                title
            } else {
                width_of(c)
            }
        })
        .collect()
}

/// Draws the table: its heading line, the column headings, and the rows in view.
pub fn events_table_ui(
    ui: &mut Ui,
    input: &TableInput<'_>,
    memory: &mut TableMemory,
    commands: &mut Vec<Command>,
) {
    ui.horizontal(|ui| {
        ui.strong("Events");
        ui.weak(format!(
            "{} shown — click a heading to sort, a row to select it on the timeline",
            crate::model::time::group_thousands(input.rows.len() as i64)
        ));
        ui.with_layout(Layout::right_to_left(Align::Center), |ui| {
            if ui.button("Close").clicked() {
                commands.push(Command::ToggleEvents);
            }
        });
    });
    let widths = widths(ui.available_width());
    headings_ui(ui, &widths, input.order, commands);
    ui.separator();
    // What of the panel is left to see (its content may be laid out taller than the panel).
    let visible = (ui.clip_rect().bottom() - ui.cursor().top()).max(ROW_HEIGHT);
    let mut area = egui::ScrollArea::vertical()
        .id_salt("events_table")
        .max_height(visible)
        .auto_shrink([false, false]);
    if let Some(row) = input.scroll_to_row
        && !memory.in_view.contains(&row)
    {
        // The row in the middle of the viewport (rows are spaced as egui spaces items).
        let step = ROW_HEIGHT + ui.spacing().item_spacing.y;
        let lines_above = (memory.view_height / step / 2.0).floor();
        area = area.vertical_scroll_offset(((row as f32 - lines_above) * step).max(0.0));
    }
    let output = area.show_rows(ui, ROW_HEIGHT, input.rows.len(), |ui, range| {
        memory.in_view = range.clone();
        for row in range {
            let Some(&event) = input.rows.get(row) else {
                continue;
            };
            row_ui(ui, input, event, &widths, commands);
        }
    });
    memory.view_height = output.inner_rect.height();
}

/// The column headings, the sorted one marked with its direction, each over its column.
fn headings_ui(ui: &mut Ui, widths: &[f32], order: Order, commands: &mut Vec<Command>) {
    let (rect, _) = ui.allocate_exact_size(vec2(ui.available_width(), ROW_HEIGHT), Sense::hover());
    let mut x = rect.left();
    for (&column, &width) in Column::ALL.iter().zip(widths) {
        let mark = match (order.column == column, order.is_descending) {
            (true, false) => " ▲",
            (true, true) => " ▼",
            (false, _) => "",
        };
        let heading = RichText::new(format!("{}{mark}", column.name())).strong();
        let cell = egui::Rect::from_min_size(egui::pos2(x, rect.top()), vec2(width, ROW_HEIGHT));
        let clicked = ui
            .scope_builder(
                egui::UiBuilder::new()
                    .max_rect(cell)
                    .layout(Layout::left_to_right(Align::Center)),
                |ui| ui.add(egui::Button::new(heading).frame(false)),
            )
            .inner
            .on_hover_text(format!("Sort by {}", column.name().to_lowercase()))
            .clicked();
        if clicked {
            commands.push(Command::SortEvents(column));
        }
        x += width + 8.0;
    }
}

/// One row: its cells, highlighted when its event is selected; a click selects it.
fn row_ui(
    ui: &mut Ui,
    input: &TableInput<'_>,
    event: usize,
    widths: &[f32],
    commands: &mut Vec<Command>,
) {
    let Some(e) = input.doc.loaded.dataset.events.get(event) else {
        return;
    };
    let (rect, response) =
        ui.allocate_exact_size(vec2(ui.available_width(), ROW_HEIGHT), Sense::click());
    let is_selected = input.selected == Some(event);
    if is_selected {
        ui.painter()
            .rect_filled(rect, 2.0, ui.visuals().selection.bg_fill);
    } else if response.hovered() {
        ui.painter()
            .rect_filled(rect, 2.0, ui.visuals().widgets.hovered.weak_bg_fill);
    }
    let mut x = rect.left();
    for (&column, &width) in Column::ALL.iter().zip(widths) {
        let cell_rect =
            egui::Rect::from_min_size(egui::pos2(x, rect.top()), vec2(width, ROW_HEIGHT));
        let text = cell(input.doc, e, column);
        let text = if column == Column::Kind {
            RichText::new(text).color(crate::export::theme::kind_color(e.kind(), ui.visuals()))
        } else if is_selected {
            RichText::new(text).color(ui.visuals().selection.stroke.color)
        } else {
            RichText::new(text)
        };
        // Left-aligned in its column, cut with an ellipsis where it is wider.
        ui.scope_builder(
            egui::UiBuilder::new()
                .max_rect(cell_rect)
                .layout(Layout::left_to_right(Align::Center)),
            |ui| ui.add(Label::new(text).truncate().selectable(false)),
        );
        x += width + 8.0;
    }
    if response.clicked() {
        commands.push(Command::RevealEvent(event));
    }
    response.on_hover_text(e.title());
}
