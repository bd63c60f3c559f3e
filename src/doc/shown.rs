//! What is shown of a document: the user's choices — the filter (kinds, certainties, lanes,
//! tags, stars, notes, dates), the lane groups shown as one lane, the search — and what they
//! give: the events kept, the lanes drawn (filtered, collapsed, in the document's order) and how
//! many events that is. One computation for the window, `render`, `brief` and the database
//! path, so that they agree. No egui.

use super::Document;
use super::search::Search;
use crate::export::report::{ReportOf, Theme};
use crate::layout::{TimeView, TimelineIndex};
use crate::model::filter::Filter;
use crate::model::{Dataset, ShownZone};

/// The user's choices of what to show, and what they keep of a document.
#[derive(Debug, Default)]
pub struct Shown {
    /// What is hidden.
    pub filter: Filter,
    /// Lane groups shown as one lane.
    pub collapsed_groups: Vec<String>,
    /// The search box and its matches (they dim, they do not hide).
    pub search: Search,
    /// Events the filter keeps, one flag per event; empty when no filter is active.
    keeps: Vec<bool>,
    /// The lanes drawn when a filter or a collapsed group changes them; `None`: the document's
    /// own index (no second copy of a million-event index).
    derived: Option<TimelineIndex>,
    /// Events drawn: kept by the filter and in a lane drawn, each once.
    count: usize,
    /// Counts the changes of what is shown (a choice, the document, the search), so that what
    /// is derived from it (the table's rows) is worked out again only after one.
    generation: u64,
}

impl Shown {
    /// `filter` and `collapsed_groups` applied to `doc`.
    pub fn of(doc: &Document, filter: Filter, collapsed_groups: Vec<String>) -> Self {
        let mut shown = Self {
            filter,
            collapsed_groups,
            ..Self::default()
        };
        shown.update(doc);
        shown
    }

    /// Works out again what the choices keep of `doc`: after a choice changed, or the document
    /// (its events, its notes, its lane order).
    pub fn update(&mut self, doc: &Document) {
        self.generation += 1;
        let dataset = &doc.loaded.dataset;
        let filter = &self.filter;
        self.keeps = if filter.is_active() {
            dataset
                .events
                .iter()
                .map(|e| doc.notes.keeps(filter, e))
                .collect()
        } else {
            Vec::new()
        };
        self.derived = match (filter.is_active(), self.collapsed_groups.is_empty()) {
            (false, true) => None,
            (false, false) => Some(doc.index.collapsed(dataset, &self.collapsed_groups)),
            (true, _) => {
                let filtered = doc.index.filtered(&self.keeps, |actor| {
                    actor.is_none_or(|a| !filter.hidden_actors.contains(&dataset.actors[a].id))
                });
                Some(if self.collapsed_groups.is_empty() {
                    filtered
                } else {
                    filtered.collapsed(dataset, &self.collapsed_groups)
                })
            }
        };
        // What is shown: kept by the filter and in a lane on screen (a soloed lane shows only
        // its own events), each event once.
        self.count = match &self.derived {
            Some(index) if filter.is_active() => {
                let mut seen = vec![false; dataset.events.len()];
                for lane in &index.lanes {
                    for &e in &lane.events {
                        if let Some(s) = seen.get_mut(e as usize) {
                            *s = true;
                        }
                    }
                }
                seen.iter().filter(|s| **s).count()
            }
            _ => dataset.events.len(),
        };
    }

    /// Forgets the choices (a new dataset): no filter, no collapsed group; the search is kept
    /// as typed, to be run again on the new events.
    pub fn forget_choices(&mut self) {
        self.filter = Filter::default();
        self.collapsed_groups.clear();
    }

    /// The lanes drawn.
    pub fn lanes<'a>(&'a self, doc: &'a Document) -> &'a TimelineIndex {
        self.derived.as_ref().unwrap_or(&doc.index)
    }

    /// How many events are drawn: kept by the filter and in a lane drawn, each once (all of
    /// them when nothing is filtered).
    pub fn count(&self) -> usize {
        self.count
    }

    /// Whether `event` is drawn under the filter: kept, and in a lane not hidden.
    pub fn is_shown(&self, dataset: &Dataset, event: usize) -> bool {
        if !self.filter.is_active() {
            return true;
        }
        let kept = self.keeps.get(event).copied().unwrap_or(true);
        let actors = dataset.events.at(event).actors();
        kept && (actors.is_empty()
            || actors.iter().any(|&a| {
                !self
                    .filter
                    .hidden_actors
                    .contains(&dataset.actors[a as usize].id)
            }))
    }

    /// The first and last instant of the events drawn, in seconds; `None` when none is.
    pub fn extent(&self, dataset: &Dataset) -> Option<(i64, i64)> {
        (0..dataset.events.len())
            .filter(|&i| self.is_shown(dataset, i))
            .map(|i| {
                let when = dataset.events.at(i).when();
                (when.earliest(), when.latest())
            })
            .reduce(|a, b| (a.0.min(b.0), a.1.max(b.1)))
    }

    /// Runs the search for `query` over `doc`'s events and the analyst's notes on them.
    pub fn search_for(&mut self, doc: &Document, query: String) {
        self.generation += 1;
        self.search.run(&doc.loaded.dataset, query, &doc.notes.text);
    }

    /// Counts the changes of what is shown: equal numbers, the same rows.
    pub fn generation(&self) -> u64 {
        self.generation
    }

    /// The report of what is shown of `doc` over `view`, on a page `width_pt` wide: every lane
    /// drawn, the search, the analyst's marks; the line under the title names what the filter
    /// keeps. Callers change what differs (a title, the selection, a database's answer).
    pub fn report_of<'a>(
        &'a self,
        doc: &'a Document,
        view: TimeView,
        width_pt: f32,
        theme: Theme,
        zone: ShownZone,
    ) -> ReportOf<'a> {
        let dataset = &doc.loaded.dataset;
        let query = self.search.query.as_str();
        ReportOf {
            dataset,
            index: self.lanes(doc),
            view,
            shown: self.count,
            span: (view.start_secs as i64, view.end_secs() as i64 - 1),
            only: filter_words(&self.filter, dataset),
            search: (!query.is_empty()).then_some(query),
            mask: self.search.mask(),
            selected: None,
            marks: Some(&doc.notes.marks),
            own_links_from: Some(doc.notes.file.links),
            title: None,
            source_name: &doc.loaded.display_name,
            width_pt,
            theme,
            remote: None,
            rows_in_view: None,
            zone,
        }
    }
}

/// What `filter` hides, in the words a report's subtitle uses: "only claim, denial", "without
/// exact dates", "without the lanes Russia, Taliban", "without the tags media".
pub fn filter_words(filter: &Filter, dataset: &Dataset) -> Vec<String> {
    use crate::model::EventKind;
    let mut words = Vec::new();
    if !filter.hidden_kinds.is_empty() {
        let shown: Vec<&str> = EventKind::ALL
            .iter()
            .filter(|k| !filter.hidden_kinds.contains(k))
            .map(|k| k.name())
            .collect();
        words.push(format!("only {}", shown.join(", ")));
    }
    if !filter.hidden_certainties.is_empty() {
        let hidden: Vec<&str> = filter.hidden_certainties.iter().map(|c| c.name()).collect();
        words.push(format!("without {}", hidden.join(", ")));
    }
    if !filter.hidden_actors.is_empty() {
        let names: Vec<&str> = dataset
            .actors
            .iter()
            .filter(|a| filter.hidden_actors.contains(&a.id))
            .map(|a| a.name.as_str())
            .collect();
        words.push(format!("without the lanes {}", names.join(", ")));
    }
    if !filter.hidden_tags.is_empty() {
        let tags: Vec<&str> = filter
            .hidden_tags
            .iter()
            .map(|t| if t.is_empty() { "(no tag)" } else { t.as_str() })
            .collect();
        words.push(format!("without the tags {}", tags.join(", ")));
    }
    if filter.date_range.is_some() {
        words.push("only a stretch of dates".to_owned());
    }
    for (on, said) in [
        (filter.only_starred, "only starred"),
        (filter.only_noted, "only with your notes"),
        (filter.only_own, "only yours"),
    ] {
        if on {
            words.push(said.to_owned());
        }
    }
    if !filter.your_tags.is_empty() {
        words.push(format!("only your tags {}", filter.your_tags.join(", ")));
    }
    words
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bundled() -> Document {
        Document::of(crate::io::load_default().unwrap_or_else(|e| panic!("{e}")))
    }

    #[test]
    fn a_hidden_lane_hides_the_events_only_in_it_and_counts_each_event_once() {
        let doc = bundled();
        let dataset = &doc.loaded.dataset;
        let all = Shown::of(&doc, Filter::default(), Vec::new());
        assert_eq!(all.count(), dataset.events.len());
        // Hide every lane but Russia's: what is left is the events Russia is in, each once.
        let russia = dataset
            .actors
            .iter()
            .position(|a| a.id == "russia")
            .unwrap_or_else(|| panic!("the bundled dataset has a Russia lane"));
        let filter = Filter {
            hidden_actors: dataset
                .actors
                .iter()
                .filter(|a| a.id != "russia")
                .map(|a| a.id.clone())
                .collect(),
            ..Filter::default()
        };
        let only = Shown::of(&doc, filter, Vec::new());
        let by_hand = (0..dataset.events.len())
            .filter(|&i| {
                let actors = dataset.events.at(i).actors();
                actors.is_empty() || actors.contains(&(russia as u32))
            })
            .count();
        assert!(
            by_hand < dataset.events.len(),
            "the test needs a lane to hide"
        );
        assert_eq!(only.count(), by_hand);
        assert_eq!(
            (0..dataset.events.len())
                .filter(|&i| only.is_shown(dataset, i))
                .count(),
            by_hand
        );
        assert!(only.extent(dataset).is_some());
        assert_eq!(
            filter_words(&only.filter, dataset).len(),
            1,
            "one line names the hidden lanes"
        );
    }
}
