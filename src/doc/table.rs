//! The table of events (View ▸ Events): one row per event shown — kept by the filter, in a lane
//! drawn, and found by the search while there is one — sorted by any column, with the text of
//! each cell. The rows are worked out once per change of what is shown or of the order, not per
//! frame. No egui: the window draws only the rows
//! in view (`ui::panels::events_table`).

use super::Document;
use super::shown::Shown;
use crate::model::Event;

/// A column of the table, in the order drawn.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Column {
    /// When, in words with its precision, resolved ("at or before Mar 2018").
    When,
    /// The date as the source wrote it (`[..2018-03]`).
    Written,
    /// The title.
    Title,
    /// The kind (claim, denial …).
    Kind,
    /// The lanes (actors) it is in.
    Lanes,
    /// Who said it, and where.
    Source,
    /// The analyst's star and tags.
    Yours,
}

impl Column {
    /// Every column, in the order drawn.
    pub const ALL: [Column; 7] = [
        Column::When,
        Column::Written,
        Column::Title,
        Column::Kind,
        Column::Lanes,
        Column::Source,
        Column::Yours,
    ];

    /// The column's heading.
    pub fn name(self) -> &'static str {
        match self {
            Column::When => "When",
            Column::Written => "As written",
            Column::Title => "Title",
            Column::Kind => "Kind",
            Column::Lanes => "Lanes",
            Column::Source => "Source",
            Column::Yours => "Yours",
        }
    }
}

/// The order of the rows: by a column, up or down (ties by time, then by the file's order).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Order {
    /// The column sorted by.
    pub column: Column,
    /// Largest first.
    pub is_descending: bool,
}

impl Default for Order {
    fn default() -> Self {
        Self {
            column: Column::When,
            is_descending: false,
        }
    }
}

impl Order {
    /// The order after a click on `column`'s heading: by that column, or the other way round
    /// when it is the column sorted by already.
    pub fn clicked(self, column: Column) -> Self {
        Self {
            column,
            is_descending: self.column == column && !self.is_descending,
        }
    }
}

/// The table's rows and order, as last worked out.
#[derive(Debug, Default)]
pub struct EventTable {
    /// How the rows are sorted.
    pub order: Order,
    /// The events in the table, in row order.
    rows: Vec<usize>,
    /// What the rows were worked out from (what is shown, and the order); `None`: never.
    made_from: Option<(u64, Order)>,
}

impl EventTable {
    /// The rows for what `shown` keeps of `doc`, worked out again only when it or the order
    /// changed since the last call.
    pub fn rows(&mut self, doc: &Document, shown: &Shown) -> &[usize] {
        let stamp = (shown.generation(), self.order);
        if self.made_from != Some(stamp) {
            self.rows = rows_of(doc, shown, self.order);
            self.made_from = Some(stamp);
        }
        &self.rows
    }
}

/// The events shown (and found, while there is a search), sorted by `order`.
pub fn rows_of(doc: &Document, shown: &Shown, order: Order) -> Vec<usize> {
    let dataset = &doc.loaded.dataset;
    let mask = shown.search.mask().filter(|m| !m.is_empty());
    let mut rows: Vec<usize> = (0..dataset.events.len())
        .filter(|&i| shown.is_shown(dataset, i))
        .filter(|&i| mask.is_none_or(|m| m.get(i).copied().unwrap_or(false)))
        .collect();
    let time_of = |i: usize| {
        let when = dataset.events.at(i).when();
        (when.earliest(), when.latest(), i)
    };
    match order.column {
        Column::When => rows.sort_by_key(|&i| time_of(i)),
        Column::Kind => rows.sort_by_key(|&i| (dataset.events.at(i).kind().name(), time_of(i))),
        Column::Yours => rows.sort_by_key(|&i| {
            let marks = doc.notes.marks_of(i);
            (!marks.starred, !marks.tagged, !marks.noted, time_of(i))
        }),
        Column::Written | Column::Title | Column::Lanes | Column::Source => {
            rows.sort_by_cached_key(|&i| {
                let text = cell(doc, dataset.events.at(i), order.column);
                (crate::model::search::fold(&text), time_of(i))
            });
        }
    }
    if order.is_descending {
        rows.reverse();
    }
    rows
}

/// The text of `event`'s cell in `column`.
pub fn cell(doc: &Document, event: Event<'_>, column: Column) -> String {
    let dataset = &doc.loaded.dataset;
    match column {
        Column::When => event.when().describe(),
        Column::Written => event.time().to_string(),
        Column::Title => event.title().to_owned(),
        Column::Kind => event.kind().name().to_owned(),
        Column::Lanes => event
            .actors()
            .iter()
            .filter_map(|&a| dataset.actors.get(a as usize))
            .map(|a| a.name.as_str())
            .collect::<Vec<_>>()
            .join(", "),
        Column::Source => event
            .source()
            .map(|s| {
                [s.by.as_deref(), s.outlet.as_deref()]
                    .into_iter()
                    .flatten()
                    .collect::<Vec<_>>()
                    .join(", ")
            })
            .unwrap_or_default(),
        Column::Yours => {
            let marks = doc.notes.marks_of(event.index());
            let mut words = Vec::new();
            if marks.starred {
                words.push("★".to_owned());
            }
            if let Some(note) = doc.notes.notes.events.get(event.id()) {
                words.extend(note.tags.iter().cloned());
                if !note.note.trim().is_empty() {
                    words.push("(note)".to_owned());
                }
            }
            words.join(" ")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::filter::Filter;

    fn bundled() -> Document {
        Document::of(crate::io::load_default().unwrap_or_else(|e| panic!("{e}")))
    }

    fn ids(doc: &Document, rows: &[usize]) -> Vec<String> {
        rows.iter()
            .map(|&i| doc.loaded.dataset.events.at(i).id().to_owned())
            .collect()
    }

    #[test]
    fn the_rows_follow_the_filter_and_the_search_and_sort_by_any_column() {
        let doc = bundled();
        let mut shown = Shown::of(&doc, Filter::default(), Vec::new());
        let all = rows_of(&doc, &shown, Order::default());
        assert_eq!(all.len(), 16, "every event, once");
        // In time order: Russia's air campaign in Syria (September 2015) comes first.
        assert_eq!(ids(&doc, &all)[0], "syria-heats-up");
        let twice = rows_of(
            &doc,
            &shown,
            Order::default().clicked(Column::When).clicked(Column::When),
        );
        assert_eq!(
            ids(&doc, &twice)[0],
            "syria-heats-up",
            "clicked twice: up again"
        );
        let by_title = rows_of(&doc, &shown, Order::default().clicked(Column::Title));
        let titles: Vec<String> = by_title
            .iter()
            .map(|&i| crate::model::search::fold(doc.loaded.dataset.events.at(i).title()))
            .collect();
        let mut sorted = titles.clone();
        sorted.sort();
        assert_eq!(titles, sorted);
        let descending = rows_of(
            &doc,
            &shown,
            Order {
                column: Column::Title,
                is_descending: true,
            },
        );
        assert_eq!(descending.first(), by_title.last());

        // Only claims and denials: nine claims and one denial (counted by hand).
        let filter = Filter {
            hidden_kinds: crate::model::EventKind::ALL
                .into_iter()
                .filter(|k| !matches!(k.name(), "claim" | "denial"))
                .collect(),
            ..Filter::default()
        };
        shown = Shown::of(&doc, filter, Vec::new());
        assert_eq!(rows_of(&doc, &shown, Order::default()).len(), 10);
        // The search narrows the table (the timeline dims instead): "denies" is in one title.
        shown.search_for(&doc, "denies".to_owned());
        assert_eq!(
            ids(&doc, &rows_of(&doc, &shown, Order::default())),
            ["russia-denies"]
        );
    }

    #[test]
    fn the_rows_are_worked_out_again_only_when_what_is_shown_or_the_order_changes() {
        let doc = bundled();
        let mut shown = Shown::of(&doc, Filter::default(), Vec::new());
        let mut table = EventTable::default();
        assert_eq!(table.rows(&doc, &shown).len(), 16);
        shown.search_for(&doc, "weapons".to_owned());
        let found = table.rows(&doc, &shown).len();
        assert!(found > 0 && found < 16, "{found}");
        shown.search_for(&doc, String::new());
        assert_eq!(table.rows(&doc, &shown).len(), 16);
        let Some(&denial) = table
            .rows(&doc, &shown)
            .iter()
            .find(|&&i| doc.loaded.dataset.events.at(i).id() == "russia-denies")
        else {
            panic!("the denial is a row");
        };
        assert_eq!(
            cell(&doc, doc.loaded.dataset.events.at(denial), Column::Written),
            "[..2018-03]"
        );
        assert_eq!(
            cell(&doc, doc.loaded.dataset.events.at(denial), Column::Lanes),
            "Russia"
        );
    }
}
