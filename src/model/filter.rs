//! Which events and lanes are shown: by kind, by how certain their date is, and by actor.
//! Pure: the UI keeps a [`Filter`] and asks it.

use super::dataset::EventKind;
use super::date::{Endpoint, TimeSpec};
use super::events::Event;

/// How well an event's date is known.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum Certainty {
    /// Every end is a plain date.
    Exact,
    /// Some end is approximate, uncertain, a range, open or unknown.
    Approximate,
    /// Some end is given relative to another event.
    Relative,
}

impl Certainty {
    /// Every certainty, in menu order.
    pub const ALL: [Self; 3] = [Self::Exact, Self::Approximate, Self::Relative];

    /// The certainty in words.
    pub fn name(self) -> &'static str {
        match self {
            Self::Exact => "exact dates",
            Self::Approximate => "approximate dates",
            Self::Relative => "relative dates",
        }
    }

    /// How well `event`'s date is known: relative wins over approximate.
    pub fn of(event: Event<'_>) -> Self {
        event.certainty()
    }

    /// How well a time is known: relative wins over approximate.
    pub fn of_time(time: &TimeSpec) -> Self {
        let ends = [Some(&time.start), time.end.as_ref()];
        let ends = ends.iter().flatten();
        if ends.clone().any(|e| matches!(e, Endpoint::Relative(_))) {
            Self::Relative
        } else if ends.clone().all(|e| e.is_exact()) {
            Self::Exact
        } else {
            Self::Approximate
        }
    }
}

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
}

impl Filter {
    /// Whether anything is hidden.
    pub fn is_active(&self) -> bool {
        !(self.hidden_kinds.is_empty()
            && self.hidden_certainties.is_empty()
            && self.hidden_actors.is_empty())
    }

    /// Whether `event` is shown (its lanes are decided separately).
    pub fn keeps(&self, event: Event<'_>) -> bool {
        !self.hidden_kinds.contains(&event.kind())
            && (self.hidden_certainties.is_empty()
                || !self.hidden_certainties.contains(&event.certainty()))
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
    use super::{Certainty, Filter};
    use crate::io::load_default;
    use crate::model::EventKind;

    #[test]
    fn certainty_and_kind_filters() {
        let dataset = load_default().map(|l| l.dataset).unwrap_or_default();
        let by_id = |id: &str| {
            dataset
                .events
                .at(dataset.event_by_id(id).unwrap_or_default())
        };
        assert_eq!(Certainty::of(by_id("aid-suspended")), Certainty::Exact);
        assert_eq!(
            Certainty::of(by_id("russia-denies")),
            Certainty::Approximate
        );
        assert_eq!(
            Certainty::of(by_id("activity-picks-up")),
            Certainty::Relative
        );
        let mut filter = Filter::default();
        assert!(!filter.is_active());
        Filter::toggle(&mut filter.hidden_kinds, EventKind::Claim);
        assert!(filter.is_active());
        assert!(!filter.keeps(by_id("activity-picks-up")));
        assert!(filter.keeps(by_id("russia-denies")));
        Filter::toggle(&mut filter.hidden_certainties, Certainty::Approximate);
        assert!(!filter.keeps(by_id("russia-denies")));
        assert!(filter.keeps(by_id("aid-suspended")));
        let shown = dataset.events.iter().filter(|e| filter.keeps(*e)).count();
        assert_eq!(
            shown, 3,
            "the actions and statements with exact or relative dates"
        );
    }
}
