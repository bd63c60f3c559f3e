//! Tests of the event store.

use super::{EventsDraft, Record};
use crate::model::{EventDraft, EventKind};

#[test]
fn a_record_is_small() {
    assert!(
        std::mem::size_of::<Record>() <= 48,
        "{}",
        std::mem::size_of::<Record>()
    );
}

/// Times whose bounds fit the record's offsets and times that do not (wider than 136 years,
/// open, before the epoch, at the ends of the calendar) come back as they were resolved, from a
/// draft and from one appended to it; lanes come back with repeats and unknown actors dropped,
/// one kept in the record or several beside it.
#[test]
fn times_and_lanes_come_back_as_they_went_in() {
    use crate::model::resolve::resolve_absolute;
    let times = [
        "2018-03-04",
        "2018-03-04T10:20:30Z/2018-03-05",
        "2016~/2018?",
        "-0500/2018",
        "../2018",
        "2018/..",
        "1850/1990",
        "1900/2035",
        "-9999/9999",
        "1969-12-31T23:59:59Z",
    ];
    let lanes: [&[&str]; 5] = [
        &["us"],
        &["us", "ru", "us"],
        &[],
        &["ru", "ghost"],
        &["ghost"],
    ];
    let fill = |draft: &mut EventsDraft, prefix: &str| {
        for (i, time) in times.iter().enumerate() {
            draft.push_parts(
                &format!("{prefix}{i}"),
                "T",
                time.parse().unwrap_or_else(|e| panic!("{time}: {e}")),
                time,
                lanes[i % lanes.len()].iter().copied(),
                EventKind::Action,
                super::DetailParts::default(),
            );
        }
    };
    let mut draft = EventsDraft::default();
    fill(&mut draft, "a");
    let mut second = EventsDraft::default();
    // The second draft meets its actors in another order.
    second.push_parts(
        "first",
        "T",
        "2018".parse().unwrap_or_else(|e| panic!("{e}")),
        "2018",
        ["pk", "ru"],
        EventKind::Action,
        super::DetailParts::default(),
    );
    fill(&mut second, "b");
    draft.append(second);
    let names: Vec<String> = draft.parts().actor_names.to_vec();
    // us → 0, ru → 1, pk → 2; "ghost" is no actor.
    let actor_of_name: Vec<Option<u32>> = names
        .iter()
        .map(|n| {
            ["us", "ru", "pk"]
                .iter()
                .position(|a| a == n)
                .map(|a| a as u32)
        })
        .collect();
    let events = draft.finish(&actor_of_name, &[]);
    assert_eq!(events.len(), 2 * times.len() + 1);
    assert_eq!(events.at(times.len()).actors(), [2, 1]);
    let expected_lanes: [&[u32]; 5] = [&[0], &[0, 1], &[], &[1], &[]];
    for (i, time) in times.iter().enumerate() {
        let spec = time.parse().unwrap_or_else(|e| panic!("{time}: {e}"));
        let resolved = resolve_absolute(&spec).unwrap_or_else(|e| panic!("{time}: {e}"));
        for at in [i, times.len() + 1 + i] {
            let event = events.at(at);
            assert_eq!(event.when(), resolved, "{time}");
            assert_eq!(events.when(at), resolved, "{time}");
            assert_eq!(event.actors(), expected_lanes[i % 5], "{time}");
            assert_eq!(event.time_text(), *time);
        }
    }
    assert!(events.at(2).is_uncertain() && !events.at(0).is_uncertain());
    assert_eq!(
        events.at(2).certainty(),
        crate::model::kinds::Certainty::Approximate
    );
    assert_eq!(
        events.at(0).certainty(),
        crate::model::kinds::Certainty::Exact
    );
    // The wide ones are kept beside, once each.
    assert_eq!(events.wide.len(), 2 * 3, "{:?}", events.wide);
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

/// An id is found by scanning a small store and by the sorted order of a large one, the first
/// event of a repeated id (a draft's) first.
#[test]
fn events_are_found_by_id_small_or_large() {
    for n in [10_u32, 1000] {
        let mut draft = EventsDraft::default();
        for i in 0..n {
            push(
                &mut draft,
                &format!("e{}", (i * 7) % n),
                super::DetailParts::default(),
            );
        }
        push(&mut draft, "e3", super::DetailParts::default());
        let events = draft.finish(&[Some(0)], &[]);
        for i in [0, 1, n / 2, n - 1] {
            let id = format!("e{i}");
            let first = events.iter().position(|e| e.id() == id);
            assert_eq!(events.find(&id), first, "{n}: {id}");
        }
        assert_eq!(events.find("e3").map(|e| events.at(e).id()), Some("e3"));
        assert!(events.find("e3").is_some_and(|e| e < n as usize));
        assert_eq!(events.find("nobody"), None);
        assert_eq!(events.find(""), None);
    }
}
