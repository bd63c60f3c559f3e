//! Swimline CSV: a header row with `title` and `start` (required) and `id`, `end`, `actors`,
//! `kind`, `tags`, `source`, `description` (optional; any case). `actors` and `tags` are
//! separated by `;`. Other columns are kept as event attributes. Dates use the same notation as
//! the JSON format.

use rustc_hash::FxHashSet as HashSet;

use super::csv_table::Table;
use super::error::{LoadError, Problem};
use super::{Imported, Lanes, unique_id};
use crate::model::{DatasetDraft, Endpoint, EventDraft, EventKind, Source, TimeSpec};

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
    let mut events = Vec::new();
    let mut origins = Vec::new();
    let mut lanes = Lanes::default();
    let mut ids = HashSet::default();
    for row in table.rows(&mut row_warnings) {
        let title = row.get(c_title);
        if title.is_empty() {
            warnings.push(row.problem("title", "skipped: expected a title"));
            continue;
        }
        let start = match row.get(c_start).parse::<Endpoint>() {
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
        let mut event_actors = Vec::new();
        for name in split_list(row.get(c_actors)) {
            event_actors.push(lanes.lane(&name));
        }
        let wanted_id = match row.get(c_id) {
            "" => format!("row-{}", row.number),
            id => id.to_owned(),
        };
        let (id, renamed) = unique_id(&mut ids, wanted_id.clone());
        if renamed {
            warnings.push(row.problem(
                "id",
                format!("the id \"{wanted_id}\" is used by an earlier row; this row is {id}"),
            ));
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
        events.push(EventDraft {
            id,
            title: title.to_owned(),
            description: (!description.is_empty()).then(|| description.to_owned()),
            time: TimeSpec { start, end },
            actors: event_actors,
            kind,
            source: source.map(Box::new),
            tags: split_list(row.get(c_tags)),
            attributes: row.attributes(&extra),
        });
        origins.push(row.origin());
    }
    row_warnings.append(&mut warnings);
    Ok(Imported {
        draft: DatasetDraft {
            actors: lanes.into_actors(),
            events,
            ..DatasetDraft::default()
        },
        origins,
        warnings: row_warnings,
    })
}

/// `a; b ;; c` → `["a", "b", "c"]`.
pub(super) fn split_list(text: &str) -> Vec<String> {
    text.split(';')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect()
}
