//! Tests of the event store.

use super::{EventsDraft, Record};
use crate::model::{EventDraft, EventKind};

#[test]
fn a_record_is_small() {
    assert!(
        std::mem::size_of::<Record>() <= 72,
        "{}",
        std::mem::size_of::<Record>()
    );
}

#[test]
fn events_round_trip_through_the_store() {
    let mut draft = EventsDraft::default();
    draft.push(EventDraft {
        id: "a".to_owned(),
        title: "Ä title".to_owned(),
        description: Some("words".to_owned()),
        time: "2018-03~/@{b}+P1D"
            .parse()
            .unwrap_or_else(|e| panic!("{e}")),
        actors: vec!["us".to_owned(), "ru".to_owned(), "us".to_owned()],
        kind: EventKind::Claim,
        source: None,
        tags: vec!["t".to_owned()],
        attributes: Vec::new(),
    });
    draft.push_parts(
        "b",
        "B",
        "2018".parse().unwrap_or_else(|e| panic!("{e}")),
        "2018",
        ["ru"],
        EventKind::Denial,
        super::Detail::default(),
    );
    let a = draft.get(0).unwrap_or_else(|| panic!("no event"));
    assert_eq!(
        (a.id(), a.title(), a.time_text()),
        ("a", "Ä title", "2018-03~/@{b}+P1D")
    );
    assert_eq!(a.description(), Some("words"));
    assert_eq!(a.tags(), ["t"]);
    assert_eq!(
        draft.actor_names_of(0).collect::<Vec<_>>(),
        ["us", "ru", "us"]
    );
    assert_eq!(
        draft.find_ids(["b", "x"]).into_iter().collect::<Vec<_>>(),
        [("b", 1)]
    );
    assert!(draft.get(1).is_some_and(|b| b.description().is_none()));
    draft.retain(|i| i == 1);
    assert_eq!(draft.len(), 1);
    assert_eq!(
        draft.find_ids(["a", "b"]).into_iter().collect::<Vec<_>>(),
        [("b", 0)]
    );
}
