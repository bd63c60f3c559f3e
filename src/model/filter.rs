//! Which events and lanes are shown: by kind, by how certain their date is, and by actor.
//! Pure: the UI keeps a [`Filter`] and asks it.

use super::events::Event;
pub use super::kinds::Certainty;
use super::kinds::{EventKind, Marks};

/// What is hidden. The default hides nothing.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct Filter {
    /// Kinds of event not shown.
    pub hidden_kinds: Vec<EventKind>,
    /// Certainties not shown.
    pub hidden_certainties: Vec<Certainty>,
    /// Actor ids whose lanes are not shown.
    pub hidden_actors: Vec<String>,
    /// Tags not shown; [`UNTAGGED`] stands for events without tags. An event is shown while
    /// any of its tags is.
    pub hidden_tags: Vec<String>,
    /// Only events that touch this stretch of time (seconds, `[from, to)`).
    pub date_range: Option<(i64, i64)>,
    /// Only starred events.
    pub only_starred: bool,
    /// Only events with a note.
    pub only_noted: bool,
    /// Only events added by the analyst.
    pub only_own: bool,
    /// Only events carrying one of these of the analyst's own tags (empty: any).
    pub your_tags: Vec<String>,
}

/// The entry of [`Filter::hidden_tags`] that stands for events without tags.
pub const UNTAGGED: &str = "";

impl Filter {
    /// Whether anything is hidden.
    pub fn is_active(&self) -> bool {
        !(self.hidden_kinds.is_empty()
            && self.hidden_certainties.is_empty()
            && self.hidden_actors.is_empty()
            && self.hidden_tags.is_empty()
            && self.date_range.is_none()
            && !self.only_starred
            && !self.only_noted
            && !self.only_own
            && self.your_tags.is_empty())
    }

    /// Whether a condition on the analyst's notes is set (then [`Filter::keeps`] needs them).
    pub fn asks_notes(&self) -> bool {
        self.only_starred || self.only_noted || self.only_own || !self.your_tags.is_empty()
    }

    /// Whether `event` is shown (its lanes are decided separately), given what the analyst
    /// marked on it and their tags on it.
    pub fn keeps(&self, event: Event<'_>, marks: Marks, your_tags: &[String]) -> bool {
        (!self.only_starred || marks.starred)
            && (!self.only_noted || marks.noted)
            && (!self.only_own || marks.own)
            && (self.your_tags.is_empty() || your_tags.iter().any(|t| self.your_tags.contains(t)))
            && !self.hidden_kinds.contains(&event.kind())
            && (self.hidden_certainties.is_empty()
                || !self.hidden_certainties.contains(&event.certainty()))
            && (self.hidden_tags.is_empty() || self.keeps_tags(event.tags()))
            && self.date_range.is_none_or(|(from, to)| {
                let when = event.when();
                when.earliest() < to && when.latest() > from
            })
    }

    fn keeps_tags(&self, tags: crate::model::Tags<'_>) -> bool {
        if tags.is_empty() {
            return !self.hidden_tags.iter().any(|t| t == UNTAGGED);
        }
        tags.iter()
            .any(|t| !self.hidden_tags.iter().any(|h| h == t))
    }

    /// Shows or hides `item` in `list`.
    pub fn toggle<T: PartialEq>(list: &mut Vec<T>, item: T) {
        match list.iter().position(|x| *x == item) {
            Some(i) => {
                list.remove(i);
            }
            None => list.push(item),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{Certainty, Filter, UNTAGGED};
    use crate::io::load_default;
    use crate::model::time::CivilDateTime;
    use crate::model::{EventKind, Marks};

    #[test]
    fn certainty_and_kind_filters() {
        let dataset = load_default().map(|l| l.dataset).unwrap_or_default();
        let by_id = |id: &str| {
            dataset
                .events
                .at(dataset.event_by_id(id).unwrap_or_default())
        };
        assert_eq!(by_id("aid-suspended").certainty(), Certainty::Exact);
        assert_eq!(by_id("russia-denies").certainty(), Certainty::Approximate);
        assert_eq!(by_id("activity-picks-up").certainty(), Certainty::Relative);
        let mut filter = Filter::default();
        assert!(!filter.is_active());
        Filter::toggle(&mut filter.hidden_kinds, EventKind::Claim);
        assert!(filter.is_active());
        assert!(!filter.keeps(by_id("activity-picks-up"), Marks::default(), &[]));
        assert!(filter.keeps(by_id("russia-denies"), Marks::default(), &[]));
        Filter::toggle(&mut filter.hidden_certainties, Certainty::Approximate);
        assert!(!filter.keeps(by_id("russia-denies"), Marks::default(), &[]));
        assert!(filter.keeps(by_id("aid-suspended"), Marks::default(), &[]));
        let shown = dataset
            .events
            .iter()
            .filter(|e| filter.keeps(*e, Marks::default(), &[]))
            .count();
        assert_eq!(
            shown, 3,
            "the actions and statements with exact or relative dates"
        );
    }

    #[test]
    fn tag_and_date_range_filters() {
        let dataset = load_default().map(|l| l.dataset).unwrap_or_default();
        let shown = |filter: &Filter| -> Vec<&str> {
            dataset
                .events
                .iter()
                .filter(|e| filter.keeps(*e, Marks::default(), &[]))
                .map(|e| e.id())
                .collect()
        };
        let all = shown(&Filter::default()).len();
        // Hiding "weapons" keeps events that also carry another, shown tag.
        let mut filter = Filter::default();
        Filter::toggle(&mut filter.hidden_tags, "weapons".to_owned());
        let without_weapons = shown(&filter);
        let only_weapons = dataset
            .events
            .iter()
            .filter(|e| e.tags() == ["weapons"])
            .count();
        assert_eq!(without_weapons.len(), all - only_weapons);
        assert!(only_weapons >= 2, "{only_weapons}");
        // Untagged events have their own entry.
        let untagged = dataset
            .events
            .iter()
            .filter(|e| e.tags().is_empty())
            .count();
        let mut filter = Filter::default();
        filter.hidden_tags.push(UNTAGGED.to_owned());
        assert_eq!(shown(&filter).len(), all - untagged);

        // January 2018 holds the aid suspension (4 Jan) but not the Syria intervention (2015).
        let jan = |d: u8| CivilDateTime::date(2018, 1, d).timestamp().0;
        let filter = Filter {
            date_range: Some((jan(1), jan(31))),
            ..Filter::default()
        };
        let in_january = shown(&filter);
        assert!(in_january.contains(&"aid-suspended"), "{in_january:?}");
        assert!(!in_january.contains(&"syria-heats-up"), "{in_january:?}");
        assert!(filter.is_active());
    }

    #[test]
    fn filters_on_the_analysts_notes() {
        let dataset = load_default().map(|l| l.dataset).unwrap_or_default();
        let event = dataset.events.at(0);
        let starred = Marks {
            starred: true,
            ..Marks::default()
        };
        let mut filter = Filter {
            only_starred: true,
            ..Filter::default()
        };
        assert!(filter.is_active() && filter.asks_notes());
        assert!(filter.keeps(event, starred, &[]));
        assert!(!filter.keeps(event, Marks::default(), &[]));
        filter.only_starred = false;
        filter.your_tags = vec!["key".to_owned()];
        assert!(filter.keeps(
            event,
            Marks::default(),
            &["other".to_owned(), "key".to_owned()]
        ));
        assert!(!filter.keeps(event, starred, &["other".to_owned()]));
        filter.your_tags.clear();
        filter.only_own = true;
        assert!(!filter.keeps(event, starred, &[]));
        assert!(filter.keeps(
            event,
            Marks {
                own: true,
                ..Marks::default()
            },
            &[]
        ));
    }
}
