//! Joining two sets of changes to one notes file — this window's and another writer's (a
//! second window, a colleague on a shared folder) — made since the version both started from.
//! By note: what only one side changed takes that side's value; what both changed the same way
//! is kept once; where both changed one note differently, nothing is lost: stars and tags are
//! united, two texts are both kept (and flagged), two versions of an own event are both kept.
//! A deletion on one side loses to an edit on the other. Reports kept for own events merge by id
//! as own events do.

use std::collections::BTreeMap;

use super::{EventNote, LaneNote, NotesFile};

/// What a merge did, for the status bar.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Merged {
    /// The notes with both sides' changes.
    pub notes: NotesFile,
    /// Notes (event or lane ids) both sides edited differently: both texts are kept, flagged.
    pub conflicts: Vec<String>,
}

/// Merges `mine` and `theirs`, two descendants of `base`.
pub fn merge(base: &NotesFile, mine: &NotesFile, theirs: &NotesFile) -> Merged {
    let mut conflicts = Vec::new();
    let events = merge_map(&base.events, &mine.events, &theirs.events, |id, m, t| {
        let (note, conflict) = merge_text(&m.note, &t.note);
        if conflict {
            conflicts.push(id.to_owned());
        }
        vec![(
            id.to_owned(),
            EventNote {
                starred: m.starred || t.starred,
                tags: union(&m.tags, &t.tags),
                note,
                conflict: conflict || m.conflict || t.conflict,
            },
        )]
    });
    let lanes = merge_map(&base.lanes, &mine.lanes, &theirs.lanes, |id, m, t| {
        let (note, conflict) = merge_text(&m.note, &t.note);
        if conflict {
            conflicts.push(format!("lane {id}"));
        }
        vec![(
            id.to_owned(),
            LaneNote {
                note,
                conflict: conflict || m.conflict || t.conflict,
            },
        )]
    });
    let own_events = merge_map(
        &base.own_events,
        &mine.own_events,
        &theirs.own_events,
        |id, m, t| {
            conflicts.push(id.to_owned());
            let other = format!("{id}-elsewhere");
            let mut theirs = t.clone();
            theirs.title = format!("{} (as edited elsewhere)", t.title);
            vec![(id.to_owned(), m.clone()), (other, theirs)]
        },
    );
    let own_links = merge_map(
        &base.own_links,
        &mine.own_links,
        &theirs.own_links,
        |id, m, t| {
            vec![
                (id.to_owned(), m.clone()),
                (format!("{id}-elsewhere"), t.clone()),
            ]
        },
    );
    // A report's id is its date and text: two values under one id are the same report, but
    // one side may have been edited by hand; both are kept, as own events are.
    let reports = merge_map(&base.reports, &mine.reports, &theirs.reports, |id, m, t| {
        vec![
            (id.to_owned(), m.clone()),
            (format!("{id}-elsewhere"), t.clone()),
        ]
    });
    let notes = NotesFile {
        format: mine.format.clone(),
        data_file: mine.data_file.clone().or_else(|| theirs.data_file.clone()),
        events,
        lanes,
        own_events,
        own_links,
        reports,
    };
    Merged { notes, conflicts }
}

/// Merges one map by key. `both` decides a key both sides changed to different values (and
/// may keep both, under two keys).
fn merge_map<V: Clone + PartialEq>(
    base: &BTreeMap<String, V>,
    mine: &BTreeMap<String, V>,
    theirs: &BTreeMap<String, V>,
    mut both: impl FnMut(&str, &V, &V) -> Vec<(String, V)>,
) -> BTreeMap<String, V> {
    let mut out = BTreeMap::new();
    let keys: std::collections::BTreeSet<&String> = mine.keys().chain(theirs.keys()).collect();
    for key in keys {
        let (b, m, t) = (base.get(key), mine.get(key), theirs.get(key));
        let kept = if m == t {
            m.cloned()
        } else if m == b {
            t.cloned()
        } else if t == b {
            m.cloned()
        } else {
            // Both changed it, differently. A deletion loses to an edit.
            match (m, t) {
                (Some(m), Some(t)) => {
                    for (k, v) in both(key, m, t) {
                        out.insert(k, v);
                    }
                    continue;
                }
                (Some(v), None) | (None, Some(v)) => Some(v.clone()),
                (None, None) => None,
            }
        };
        if let Some(v) = kept {
            out.insert(key.clone(), v);
        }
    }
    out
}

/// Two texts of one note: the same, one empty, one containing the other, or both kept, mine
/// first (`true`: a conflict to flag).
fn merge_text(mine: &str, theirs: &str) -> (String, bool) {
    if mine == theirs || theirs.trim().is_empty() || mine.contains(theirs) {
        return (mine.to_owned(), false);
    }
    if mine.trim().is_empty() || theirs.contains(mine) {
        return (theirs.to_owned(), false);
    }
    (format!("{mine}\n\n{CONFLICT_LINE}\n{theirs}"), true)
}

/// The line between the two texts of a note edited in two places at once.
pub const CONFLICT_LINE: &str = "-------- also written elsewhere at the same time --------";

/// `a` then the items of `b` that `a` lacks.
fn union(a: &[String], b: &[String]) -> Vec<String> {
    let mut out = a.to_vec();
    for x in b {
        if !out.contains(x) {
            out.push(x.clone());
        }
    }
    out
}
