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
        super::DetailParts::default(),
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

fn parts<'a>(tags: &[&'a str], attributes: &[(&'a str, &'a str)]) -> super::DetailParts<'a> {
    super::DetailParts {
        description: Some("notes"),
        tags: tags.to_vec(),
        attributes: attributes.to_vec(),
        ..super::DetailParts::default()
    }
}

fn push(draft: &mut EventsDraft, id: &str, detail: super::DetailParts<'_>) {
    draft.push_parts(
        id,
        "T",
        "2018".parse().unwrap_or_else(|e| panic!("{e}")),
        "2018",
        ["ru"],
        EventKind::Action,
        detail,
    );
}

#[test]
fn repeated_tags_and_attribute_values_are_kept_once() {
    let mut draft = EventsDraft::default();
    for i in 0..100 {
        let id = format!("e{i}");
        let fatalities = (i % 3).to_string();
        push(
            &mut draft,
            &id,
            parts(
                &["Battles", "Armed clash"],
                &[("country", "Afghanistan"), ("fatalities", &fatalities)],
            ),
        );
    }
    // Two tags, two names, one country and three counts: eight words for 100 events.
    assert_eq!(draft.store().words.len(), 8);
    assert_eq!(draft.store().cells.len(), 200);
    let e = draft.get(41).unwrap_or_else(|| panic!("no event"));
    assert_eq!(e.tags(), ["Battles", "Armed clash"]);
    assert_eq!(
        e.attributes().to_vec(),
        [
            ("country".to_owned(), "Afghanistan".to_owned()),
            ("fatalities".to_owned(), "2".to_owned())
        ]
    );
    assert_eq!(e.attributes().get("fatalities"), Some("2"));
    assert_eq!(e.description(), Some("notes"));
}

#[test]
fn appending_a_draft_renumbers_its_words_and_keeps_each_event_s_parts() {
    let mut first = EventsDraft::default();
    push(&mut first, "a", parts(&["x"], &[("k", "1")]));
    push(&mut first, "plain", super::DetailParts::default());
    let mut second = EventsDraft::default();
    // The second draft numbers its words in another order, and shares some with the first.
    push(
        &mut second,
        "b",
        parts(&["y", "x"], &[("k", "2"), ("j", "1")]),
    );
    first.append(second);
    let b = first.get(2).unwrap_or_else(|| panic!("no event"));
    assert_eq!(b.id(), "b");
    assert_eq!(b.tags(), ["y", "x"]);
    assert_eq!(
        b.attributes().to_vec(),
        [
            ("k".to_owned(), "2".to_owned()),
            ("j".to_owned(), "1".to_owned())
        ]
    );
    assert_eq!(b.description(), Some("notes"));
    // x, k, 1, y, 2, j: the shared words are not kept twice.
    assert_eq!(first.store().words.len(), 6);
    let plain = first.get(1).unwrap_or_else(|| panic!("no event"));
    assert!(plain.tags().is_empty() && plain.attributes().is_empty());
    assert_eq!(plain.description(), None);
    // Keeping only some events keeps their parts.
    first.retain(|i| i != 0);
    let b = first.get(1).unwrap_or_else(|| panic!("no event"));
    assert_eq!((b.id(), b.attributes().get("j")), ("b", Some("1")));
}
