//! The search box's state: the query as typed, which events match (in time order and as a mask),
//! and which match was stepped to. No egui; the app fills it and the timeline reads the mask.

/// The search box and what it found.
#[derive(Debug, Default)]
pub struct Search {
    /// As typed.
    pub query: String,
    /// Indices of the matching events, in time order.
    pub matches: Vec<usize>,
    /// For each event, whether it matches; empty when there is no query.
    pub is_match: Vec<bool>,
    /// Position in `matches` of the match last stepped to.
    pub current: Option<usize>,
}

impl Search {
    /// Whether each event matches; `None` when nothing is searched.
    pub fn mask(&self) -> Option<&[bool]> {
        (!self.query.is_empty()).then_some(self.is_match.as_slice())
    }
}

impl Search {
    /// Searches `dataset` for `query` (case- and accent-insensitive), and the analyst's notes
    /// and tags (`notes`, by event index): which events match, and the matches in time order.
    /// The current match is forgotten.
    pub fn run(
        &mut self,
        dataset: &crate::model::Dataset,
        query: String,
        notes: &rustc_hash::FxHashMap<usize, String>,
    ) {
        use crate::model::search::{fold, matches};
        let needle = fold(query.trim());
        self.is_match = if needle.is_empty() {
            Vec::new()
        } else {
            dataset.events.iter().map(|e| matches(e, &needle)).collect()
        };
        for (&i, text) in notes {
            if !needle.is_empty() && i < self.is_match.len() && fold(text).contains(&needle) {
                self.is_match[i] = true;
            }
        }
        let mut matches: Vec<usize> = (0..self.is_match.len())
            .filter(|&i| self.is_match[i])
            .collect();
        matches.sort_by_key(|&i| (dataset.events.at(i).when().earliest(), i));
        self.matches = matches;
        self.current = None;
        self.query = query;
    }
}

#[cfg(test)]
mod tests {
    use super::Search;

    #[test]
    fn a_search_finds_matches_in_time_order_and_an_empty_one_finds_nothing() {
        let dataset = crate::io::load_default()
            .map(|l| l.dataset)
            .unwrap_or_else(|e| panic!("{e}"));
        let mut search = Search::default();
        search.run(&dataset, "DENIES".to_owned(), &Default::default());
        let ids: Vec<&str> = search
            .matches
            .iter()
            .map(|&i| dataset.events.at(i).id())
            .collect();
        // Counted by hand: only the denial's title says "denies".
        assert_eq!(ids, ["russia-denies"]);
        assert_eq!(
            search.mask().map(|m| m.iter().filter(|&&b| b).count()),
            Some(1)
        );
        search.run(&dataset, "  ".to_owned(), &Default::default());
        assert!(search.matches.is_empty());
        assert_eq!(search.mask(), Some(&[][..]));
        search.run(&dataset, String::new(), &Default::default());
        assert_eq!(search.mask(), None);
    }
}
