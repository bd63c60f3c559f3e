//! What every importer ends with: ids made unique, the dataset validated (an event the dataset
//! rejects is dropped with a warning that names its record), a file where nothing could be read
//! turned into an error, and the lanes built from names as they turn up.

// Seeded per process (std's RandomState): ids come from files, which must not be able to make
// the set's probing quadratic with ids that collide under a hash fixed in advance.
use std::collections::HashSet;
use std::path::Path;

use super::error::{LoadError, Problem};
use super::{Format, Imported, progress};
use crate::model::{ActorDraft, Dataset, PathSeg};

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
    let id_column = match format {
        Format::SwimlineCsv => Some("id"),
        Format::Acled => Some("event_id_cnty"),
        Format::Gdelt => Some("GlobalEventID"),
        Format::TimelineJs
        | Format::TimelineJsLegacy
        | Format::TimelineJsCsv
        | Format::TimesketchCsv
        | Format::TimesketchJsonl
        | Format::PlasoL2tCsv
        | Format::PlasoCsv
        | Format::PlasoJsonl
        | Format::PlasoJson
        | Format::MappedTable => Some(""),
        Format::Swimline | Format::VisTimeline | Format::Database => None,
    };
    if let Some(column) = id_column {
        let renamed = imported.draft.events.rename_repeated_ids();
        if !renamed.is_empty() {
            imported.warnings.extend(
                renamed
                    .into_iter()
                    .filter(|(_, old, _)| !old.starts_with(CONTENT_ID_MARK) && !column.is_empty())
                    .map(|(i, old, new)| {
                        imported.origins[i].column_problem(
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
                Some((i, rest)) if i < imported.origins.len() => {
                    let origin = &imported.origins[i];
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
        let mut index = 0;
        imported.origins.retain(|_| {
            index += 1;
            !bad_events.contains(&(index - 1))
        });
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

/// serde_json's message without its " at line L column C" (we give the location ourselves).
pub(super) fn strip_position(message: &str) -> String {
    super::serde_words::plain(
        message
            .rfind(" at line ")
            .map_or(message, |i| &message[..i]),
    )
}

/// Lanes made from names as they turn up in a file: the first time a name is seen it becomes
/// an actor (id and name alike), in order of first appearance.
#[derive(Default)]
pub(super) struct Lanes {
    actors: Vec<ActorDraft>,
    seen: HashSet<String>,
}

impl Lanes {
    /// The lane for `name` (its actor id), made on first sight.
    pub(super) fn lane(&mut self, name: &str) -> String {
        self.see(name);
        name.to_owned()
    }

    /// Makes the lane for `name` if there is none yet.
    pub(super) fn see(&mut self, name: &str) {
        if !self.seen.contains(name) {
            self.seen.insert(name.to_owned());
            self.actors.push(ActorDraft {
                id: name.to_owned(),
                name: name.to_owned(),
                ..ActorDraft::default()
            });
        }
    }

    /// Whether no lane has been made yet.
    pub(super) fn is_empty(&self) -> bool {
        self.actors.is_empty()
    }

    /// The actors, one per lane.
    pub(super) fn into_actors(self) -> Vec<ActorDraft> {
        self.actors
    }
}

/// The first character of an id made from an event's content.
pub(super) const CONTENT_ID_MARK: char = '~';

/// An id made from what an event says (its title, time and lanes as written), for formats
/// without ids: the same event keeps it when the file is reloaded or re-sorted, so the notes
/// on it stay with it. `~` and 48 bits of an FNV-1a hash, in hex (`~3f9a1c2b7d4e`); a repeat
/// (two events saying the same at the same time) is renamed `~…#2`.
pub(crate) fn content_id(parts: &[&str]) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for (k, part) in parts.iter().enumerate() {
        if k > 0 {
            hash ^= 0x1f;
            hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
        }
        for &b in part.as_bytes() {
            hash ^= u64::from(b);
            hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    format!("{CONTENT_ID_MARK}{:012x}", hash >> 16)
}

/// The ids given so far, for making each new one unique.
#[derive(Default)]
pub(super) struct UniqueIds {
    /// Every id given. Seeded hashing: a crafted file cannot make look-ups collide.
    seen: std::collections::HashSet<String>,
    /// The next number to try after a repeated id (`a` → 2 until `a#2` is given): counting
    /// from 2 again for each repeat made a file of identical rows quadratic.
    next: std::collections::HashMap<String, u64>,
}

/// Makes ids unique: the second `a` becomes `a#2` (the third `a#3`, skipping any taken).
/// Returns the id given and whether it was renamed.
pub(super) fn unique_id(ids: &mut UniqueIds, id: String) -> (String, bool) {
    if ids.seen.insert(id.clone()) {
        return (id, false);
    }
    let next = ids.next.entry(id.clone()).or_insert(2);
    loop {
        let candidate = format!("{id}#{next}");
        *next += 1;
        if ids.seen.insert(candidate.clone()) {
            return (candidate, true);
        }
    }
}
