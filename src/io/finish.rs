//! What every import ends with: ids made unique as its format says, the dataset validated (an
//! event the dataset rejects is dropped with a warning that names its record), and a file where
//! nothing could be read turned into an error. It reads no file and detects no format.

// Seeded per process (std's RandomState): ids come from files, which must not be able to make
// the set's probing quadratic with ids that collide under a hash fixed in advance.
use std::collections::HashSet;
use std::path::Path;

use super::draft::{CONTENT_ID_MARK, Imported, Record, RecordOrigin};
use super::error::{LoadError, Problem};
use super::format::{Format, Ids};
use super::progress;
use crate::model::{Dataset, PathSeg};

/// Validates an import. Events the dataset rejects (an end before its start, say) are dropped
/// with a warning that points at their row, as long as anything is left.
pub(super) fn finish(
    file: &str,
    mut imported: Imported,
    format: Format,
) -> Result<(Dataset, Format, Vec<Problem>), LoadError> {
    if progress::cancelled() {
        return Err(LoadError::Cancelled {
            file: file.to_owned(),
        });
    }
    progress::current(|p| {
        p.set_events(imported.draft.events.len());
        p.set_stage(progress::Stage::Checking);
    });
    // Formats whose ids are optional or made up: a repeated id is renamed (`a#2`), not an
    // error, and said where it was.
    // Ids made from an event's content (formats without ids) repeat when two events say the
    // same at the same time: renamed without a word.
    let id_column = match format.def().ids {
        Ids::Column(column) => Some(column),
        Ids::Made => Some(""),
        Ids::Kept => None,
    };
    if let Some(column) = id_column {
        let renamed = imported.draft.events.rename_repeated_ids();
        if !renamed.is_empty() {
            imported.warnings.extend(
                renamed
                    .into_iter()
                    .filter(|(_, old, _)| !old.starts_with(CONTENT_ID_MARK) && !column.is_empty())
                    .map(|(i, old, new)| {
                        let origin = imported
                            .origins
                            .get(i)
                            .unwrap_or_else(|| RecordOrigin::new(None, Record::Row(i as u32 + 1)));
                        origin.column_problem(
                            column,
                            format!(
                                "the id \"{old}\" is used by an earlier row; this row is {new}"
                            ),
                        )
                    }),
            );
            imported
                .warnings
                .sort_by_key(|w| w.location.map(|l| l.line));
        }
    }
    if imported.draft.title.is_empty() {
        imported.draft.title = Path::new(file)
            .file_stem()
            .map_or_else(String::new, |s| s.to_string_lossy().into_owned());
    }
    for _ in 0..2 {
        let draft = std::mem::take(&mut imported.draft);
        let errors = match Dataset::build_or_return(draft) {
            Ok(dataset) => return nothing_read_is_an_error(file, dataset, format, imported),
            Err(failed) => {
                let (errors, draft) = *failed;
                imported.draft = draft;
                errors
            }
        };
        let mut bad_events: HashSet<usize> = HashSet::default();
        let mut fatal = Vec::new();
        for error in errors {
            let event = match error.path.0.as_slice() {
                [PathSeg::Key(list), PathSeg::Index(i), rest @ ..] if list == "events" => {
                    Some((*i, rest.to_vec()))
                }
                _ => None,
            };
            match event {
                Some((i, rest)) if let Some(origin) = imported.origins.get(i) => {
                    let field = crate::model::FieldPath(rest).to_string();
                    imported.warnings.push(Problem {
                        location: origin.location(),
                        field: Some(if field.is_empty() {
                            origin.what.to_string()
                        } else {
                            format!("{}, {field}", origin.what)
                        }),
                        message: format!("skipped: {}", error.message),
                    });
                    bad_events.insert(i);
                }
                _ => fatal.push(Problem {
                    location: None,
                    field: Some(error.path.to_string()),
                    message: error.message,
                }),
            }
        }
        if !fatal.is_empty() {
            return Err(LoadError::Content {
                file: file.to_owned(),
                problems: fatal,
            });
        }
        let removed: HashSet<String> = bad_events
            .iter()
            .map(|&i| imported.draft.events.id(i).to_owned())
            .collect();
        imported.draft.events.retain(|i| !bad_events.contains(&i));
        imported
            .origins
            .retain_indices(|i| !bad_events.contains(&i));
        imported
            .draft
            .links
            .retain(|l| !removed.contains(&l.from) && !removed.contains(&l.to));
    }
    Err(LoadError::Content {
        file: file.to_owned(),
        problems: imported.warnings,
    })
}

/// A dataset with no event and no period, from a file whose every record was skipped, is an
/// error that says so (a file with a header and no rows is an empty timeline, not an error).
pub(super) fn nothing_read_is_an_error(
    file: &str,
    dataset: Dataset,
    format: Format,
    imported: Imported,
) -> Result<(Dataset, Format, Vec<Problem>), LoadError> {
    let skipped: Vec<Problem> = imported
        .warnings
        .iter()
        .filter_map(|w| {
            let message = w.message.strip_prefix("skipped: ")?;
            Some(Problem {
                message: message.to_owned(),
                ..w.clone()
            })
        })
        .collect();
    if dataset.events.is_empty() && dataset.periods.is_empty() && !skipped.is_empty() {
        return Err(LoadError::NothingRead {
            file: file.to_owned(),
            skipped: skipped.len(),
            records: format.records(),
            problems: skipped,
        });
    }
    Ok((dataset, format, imported.warnings))
}
