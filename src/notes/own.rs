//! Your own events and links, put into the dataset after the file's: checked and resolved as the
//! file's are (an own event may be dated relative to a file event, `@{id}+P2D`), so that the
//! timeline, search, filters and exports see them as events. They come after the file's events,
//! links and lanes, so "added by you" is an index past the file's count. What cannot be placed
//! (a date that does not parse, a link to an event the file no longer has) is said and kept in
//! the notes, never dropped from them.

use rustc_hash::{FxHashMap, FxHashSet};

use super::NotesFile;
use crate::model::{ActorDraft, Dataset, EventDraft, LinkDraft, Marks, PathSeg, Source, TimeSpec};

/// The file's dataset with your own events and links after its own.
#[derive(Clone, Debug, Default)]
pub struct Combined {
    /// The events, links and lanes of the file, then yours.
    pub dataset: Dataset,
    /// How many of the dataset's events, links and actors are the file's (the rest are yours).
    pub file: Counts,
    /// Own events and links that could not be placed: the id and why.
    pub problems: Vec<(String, String)>,
}

/// How many events, links and actors a dataset's file part has.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    /// Events.
    pub events: usize,
    /// Links.
    pub links: usize,
    /// Actors.
    pub actors: usize,
}

impl Counts {
    /// All of `dataset` (no own events in it).
    pub fn all_of(dataset: &Dataset) -> Self {
        Self {
            events: dataset.events.len(),
            links: dataset.links.len(),
            actors: dataset.actors.len(),
        }
    }
}

/// `dataset` (the file's, or an earlier combination whose file part is `file`) with the own
/// events and links of `notes` after the file's.
pub fn combine(dataset: Dataset, file: Counts, notes: &NotesFile) -> Combined {
    let is_plain = file == Counts::all_of(&dataset);
    if is_plain && notes.own_events.is_empty() && notes.own_links.is_empty() {
        return Combined {
            dataset,
            file,
            problems: Vec::new(),
        };
    }
    let mut draft = dataset.to_draft();
    if !is_plain {
        draft.events.retain(|i| i < file.events);
        draft.links.truncate(file.links);
        draft.actors.truncate(file.actors);
    }
    let mut problems = Vec::new();
    let mut actor_ids: FxHashSet<String> = draft.actors.iter().map(|a| a.id.clone()).collect();
    let mut own_ids = Vec::new();
    for (id, own) in &notes.own_events {
        let time: TimeSpec = match own.time.parse() {
            Ok(time) => time,
            Err(e) => {
                problems.push((id.clone(), format!("its date \"{}\": {e}", own.time)));
                continue;
            }
        };
        for lane in &own.lanes {
            if actor_ids.insert(lane.clone()) {
                draft.actors.push(ActorDraft {
                    id: lane.clone(),
                    name: lane.clone(),
                    ..ActorDraft::default()
                });
            }
        }
        let text = |s: &str| (!s.trim().is_empty()).then(|| s.to_owned());
        let source =
            (text(&own.source).is_some() || text(&own.quote).is_some() || text(&own.url).is_some())
                .then(|| {
                    Box::new(Source {
                        by: text(&own.source),
                        quote: text(&own.quote),
                        url: text(&own.url),
                        ..Source::default()
                    })
                });
        draft.events.push(EventDraft {
            id: id.clone(),
            title: own.title.clone(),
            description: text(&own.description),
            time,
            actors: own.lanes.clone(),
            kind: own.kind,
            source,
            tags: Vec::new(),
            attributes: Vec::new(),
        });
        own_ids.push(id.clone());
    }
    let own_links_at = draft.links.len();
    draft
        .links
        .extend(notes.own_links.values().map(|l| LinkDraft {
            from: l.from.clone(),
            to: l.to.clone(),
            kind: l.kind,
            note: (!l.note.trim().is_empty()).then(|| l.note.clone()),
        }));
    let link_ids: Vec<&String> = notes.own_links.keys().collect();
    // Check; drop what the checks refuse (own events and own links only) and check again.
    for _ in 0..4 {
        let failed = match Dataset::build_or_return(std::mem::take(&mut draft)) {
            Ok(dataset) => {
                return Combined {
                    dataset,
                    file,
                    problems,
                };
            }
            Err(failed) => failed,
        };
        let (errors, back) = *failed;
        draft = back;
        let mut bad_events = FxHashSet::default();
        let mut bad_links = FxHashSet::default();
        for error in errors {
            match error.path.0.as_slice() {
                [PathSeg::Key(list), PathSeg::Index(i), ..]
                    if list == "events" && *i >= file.events =>
                {
                    problems.push((draft.events.id(*i).to_owned(), error.message));
                    bad_events.insert(*i);
                }
                [PathSeg::Key(list), PathSeg::Index(i), ..]
                    if list == "links" && *i >= own_links_at =>
                {
                    let id = link_ids
                        .get(*i - own_links_at)
                        .map_or_else(String::new, |s| (*s).clone());
                    problems.push((id, error.message));
                    bad_links.insert(*i);
                }
                _ => problems.push((String::new(), error.message)),
            }
        }
        if bad_events.is_empty() && bad_links.is_empty() {
            break;
        }
        let gone: FxHashSet<String> = bad_events
            .iter()
            .map(|&i| draft.events.id(i).to_owned())
            .collect();
        draft.events.retain(|i| !bad_events.contains(&i));
        let mut k = 0;
        draft.links.retain(|l| {
            k += 1;
            !bad_links.contains(&(k - 1)) && !gone.contains(&l.from) && !gone.contains(&l.to)
        });
    }
    // Nothing of yours could be placed cleanly: the file's dataset as it was.
    draft.events.retain(|i| i < file.events);
    draft.links.truncate(file.links);
    draft.actors.truncate(file.actors);
    let dataset = Dataset::build(draft).unwrap_or_default();
    Combined {
        dataset,
        file,
        problems,
    }
}

/// What is marked on each event that has a mark, by event index; and the ids of notes whose
/// event the dataset no longer has (orphaned: kept in the notes, listed for the user).
pub fn marks(
    dataset: &Dataset,
    file_events: usize,
    notes: &NotesFile,
) -> (FxHashMap<usize, Marks>, Vec<String>) {
    let mut marks: FxHashMap<usize, Marks> = FxHashMap::default();
    for i in file_events..dataset.events.len() {
        marks.entry(i).or_default().own = true;
    }
    let wanted: FxHashMap<&str, &super::EventNote> = notes
        .events
        .iter()
        .filter(|(_, n)| !n.is_empty())
        .map(|(id, n)| (id.as_str(), n))
        .collect();
    let mut found: FxHashSet<&str> = FxHashSet::default();
    if !wanted.is_empty() {
        for event in dataset.events.iter() {
            if let Some((id, note)) = wanted.get_key_value(event.id()) {
                found.insert(id);
                let m = marks.entry(event.index()).or_default();
                m.starred = note.starred;
                m.noted = !note.note.trim().is_empty();
                m.tagged = !note.tags.is_empty();
            }
        }
    }
    let orphaned = wanted
        .keys()
        .filter(|id| !found.contains(*id))
        .map(|id| (*id).to_owned())
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    (marks, orphaned)
}
