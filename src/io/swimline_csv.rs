//! Swimline CSV: a header row with `title` and `start` (required) and `id`, `end`, `actors`,
//! `kind`, `tags`, `source`, `description` (optional; any case). `actors` and `tags` are
//! separated by `;`. Other columns are kept as event attributes. Dates use the same notation as
//! the JSON format.

use std::fmt::Write as _;

use super::Imported;
use super::csv_table::{Row, Table};
use super::error::{LoadError, Problem};
use crate::model::{
    ActorDraft, DatasetDraft, Detail, Endpoint, EventKind, EventsDraft, Source, TimeSpec,
};

const KNOWN: [&str; 9] = [
    "id",
    "title",
    "start",
    "end",
    "actors",
    "kind",
    "tags",
    "source",
    "description",
];

pub(super) fn parse(mut table: Table<'_>) -> Result<Imported, LoadError> {
    let col = |name: &str| table.column(name);
    let (c_id, c_title, c_start, c_end) = (col("id"), col("title"), col("start"), col("end"));
    let (c_actors, c_kind, c_tags) = (col("actors"), col("kind"), col("tags"));
    let (c_source, c_description) = (col("source"), col("description"));
    let extra: Vec<(usize, String)> = table
        .names
        .iter()
        .enumerate()
        .filter(|(_, n)| !KNOWN.contains(&n.to_lowercase().as_str()) && !n.is_empty())
        .map(|(i, n)| (i, n.clone()))
        .collect();

    let mut warnings: Vec<Problem> = Vec::new();
    let mut row_warnings = Vec::new();
    let mut events = EventsDraft::default();
    // A row is at least as long as its id, title and time: reserve for the rows of the file
    // (its line count), with room for all of its text.
    let rows = table.line_count().saturating_sub(1);
    events.reserve(rows, table.len_bytes());
    let mut origins = Vec::with_capacity(rows);
    // One row buffer and one text buffer for the whole file: a row costs no allocation unless
    // it has a description, a source, tags or extra columns.
    let mut row = Row::default();
    let mut time_text = String::new();
    let mut id_text = String::new();
    while table.read_row(&mut row, &mut row_warnings) {
        let title = row.get(c_title);
        if title.is_empty() {
            warnings.push(row.problem("title", "skipped: expected a title"));
            continue;
        }
        let start_text = row.get(c_start);
        let start = match start_text.parse::<Endpoint>() {
            Ok(Endpoint::Unknown) => {
                warnings.push(row.problem("start", "skipped: expected a date, found nothing"));
                continue;
            }
            Ok(e) => e,
            Err(e) => {
                warnings.push(row.problem("start", format!("skipped: {e}")));
                continue;
            }
        };
        let end_text = row.get(c_end);
        let end = if end_text.is_empty() {
            None
        } else {
            match end_text.parse::<Endpoint>() {
                Ok(e) => Some(e),
                Err(e) => {
                    warnings.push(row.problem("end", format!("skipped: {e}")));
                    continue;
                }
            }
        };
        time_text.clear();
        time_text.push_str(start_text);
        if !end_text.is_empty() {
            time_text.push('/');
            time_text.push_str(end_text);
        }
        let kind_text = row.get(c_kind);
        let kind = if kind_text.is_empty() {
            EventKind::Action
        } else {
            match EventKind::ALL
                .iter()
                .find(|k| k.name().eq_ignore_ascii_case(kind_text))
            {
                Some(k) => *k,
                None => {
                    warnings.push(row.problem(
                        "kind",
                        format!(
                            "\"{kind_text}\" is not a kind: expected action, statement, claim, \
                             denial or context; read as action"
                        ),
                    ));
                    EventKind::Action
                }
            }
        };
        id_text.clear();
        match row.get(c_id) {
            "" => {
                let _ = write!(id_text, "row-{}", row.number);
            }
            id => id_text.push_str(id),
        }
        let source_text = row.get(c_source);
        let source = (!source_text.is_empty()).then(|| {
            if source_text.starts_with("http://") || source_text.starts_with("https://") {
                Source {
                    url: Some(source_text.to_owned()),
                    ..Source::default()
                }
            } else {
                Source {
                    by: Some(source_text.to_owned()),
                    ..Source::default()
                }
            }
        });
        let description = row.get(c_description);
        let detail = Detail {
            description: (!description.is_empty()).then(|| description.to_owned()),
            source: source.map(Box::new),
            tags: split_list(row.get(c_tags)),
            attributes: row.attributes(&extra),
        };
        events.push_parts(
            &id_text,
            title,
            TimeSpec { start, end },
            &time_text,
            list_items(row.get(c_actors)),
            kind,
            detail,
        );

        origins.push(row.origin());
    }
    // Repeated ids are renamed at the end, all at once, and said where they were.
    for (i, old, new) in events.rename_repeated_ids() {
        warnings.push(origins[i].column_problem(
            "id",
            format!("the id \"{old}\" is used by an earlier row; this row is {new}"),
        ));
    }
    warnings.sort_by_key(|w| w.location.map(|l| l.line));
    row_warnings.append(&mut warnings);
    // Lanes in order of first appearance: the actors the events named.
    let actors = events
        .actor_names()
        .iter()
        .map(|name| ActorDraft {
            id: name.clone(),
            name: name.clone(),
            ..ActorDraft::default()
        })
        .collect();
    Ok(Imported {
        draft: DatasetDraft {
            actors,
            events,
            ..DatasetDraft::default()
        },
        origins,
        warnings: row_warnings,
    })
}

/// `a; b ;; c` → `a`, `b`, `c`.
fn list_items(text: &str) -> impl Iterator<Item = &str> {
    text.split(';')
        .map(crate::model::date::trim)
        .filter(|s| !s.is_empty())
}

/// `a; b ;; c` → `["a", "b", "c"]`.
pub(super) fn split_list(text: &str) -> Vec<String> {
    list_items(text).map(str::to_owned).collect()
}

#[cfg(test)]
mod tests {
    use super::split_list;

    #[test]
    fn lists_split_on_semicolons_and_drop_empty_items() {
        assert_eq!(split_list("a; b ;; c"), ["a", "b", "c"]);
        assert_eq!(split_list(" ;x;"), ["x"]);
        assert_eq!(split_list("Ürümqi;  Łódź "), ["Ürümqi", "Łódź"]);
        assert!(split_list("").is_empty() && split_list(" ; ").is_empty());
    }
}
