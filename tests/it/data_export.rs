//! Data export reads back: what Swimline writes as JSON or CSV loads again as the same events
//! (ids, titles, times as written, actors, kinds, descriptions, sources, tags, attributes) and
//! the same links — for the bundled dataset and a generated one of 10,000 events.

use swimline::export::data::{native_json, swimline_csv};
use swimline::io::{Format, load_bytes};
use swimline::model::{Dataset, EventKind};

/// Everything of an event that must survive, with actors by name (`by_name`) or by id.
fn events_of(d: &Dataset, by_name: bool) -> Vec<String> {
    d.events
        .iter()
        .map(|e| {
            let actors: Vec<&str> = e
                .actors()
                .iter()
                .map(|&a| {
                    let actor = &d.actors[a as usize];
                    if by_name {
                        actor.name.as_str()
                    } else {
                        actor.id.as_str()
                    }
                })
                .collect();
            format!(
                "{} | {} | {} | {:?} | {} | {:?} | {:?} | {:?} | {:?}",
                e.id(),
                e.title(),
                e.time(),
                actors,
                e.kind().name(),
                e.description(),
                e.source(),
                e.tags().to_vec(),
                e.attributes().to_vec()
            )
        })
        .collect()
}

fn links_of(d: &Dataset, with_notes: bool) -> Vec<String> {
    d.links
        .iter()
        .map(|l| {
            format!(
                "{} {:?} {} {:?}",
                d.events.at(l.from).id(),
                l.kind,
                d.events.at(l.to).id(),
                l.note.as_ref().filter(|_| with_notes)
            )
        })
        .collect()
}

fn load(name: &str, text: &str) -> (Dataset, Format) {
    match load_bytes(name, text.as_bytes()) {
        Ok((d, f, w)) => {
            assert!(w.is_empty(), "{name}: {w:?}");
            (d, f)
        }
        Err(e) => panic!("{name} does not read back: {e}\n{text}"),
    }
}

fn generated_10k() -> Dataset {
    let mut bytes = Vec::new();
    let spec = swimline::generate::Spec {
        events: 10_000,
        actors: 12,
        seed: 5,
    };
    swimline::generate::write(spec, swimline::generate::GenFormat::Json, &mut bytes)
        .unwrap_or_else(|e| panic!("{e}"));
    load("10k.json", &String::from_utf8_lossy(&bytes)).0
}

#[test]
fn exported_json_and_csv_read_back_as_the_same_events_and_links() {
    let bundled = swimline::io::load_default()
        .map(|l| l.dataset)
        .unwrap_or_else(|e| panic!("{e}"));
    for (name, dataset) in [("bundled", bundled), ("generated", generated_10k())] {
        assert!(dataset.events.len() >= 16);
        let all = |_: usize| true;
        let (json, format) = load("export.json", &native_json(&dataset, &all, &|_| Vec::new()));
        assert_eq!(format, Format::Swimline);
        assert_eq!(
            events_of(&json, false),
            events_of(&dataset, false),
            "{name} (JSON)"
        );
        assert_eq!(
            links_of(&json, true),
            links_of(&dataset, true),
            "{name} (JSON)"
        );
        assert_eq!(json.title, dataset.title);
        let actors = |d: &Dataset| -> Vec<String> {
            d.actors
                .iter()
                .map(|a| format!("{} {} {:?} {:?}", a.id, a.name, a.group, a.color))
                .collect()
        };
        assert_eq!(actors(&json), actors(&dataset), "{name} (JSON)");

        let (csv, format) = load("export.csv", &swimline_csv(&dataset, &all, &|_| Vec::new()));
        assert_eq!(format, Format::SwimlineCsv);
        assert_eq!(
            events_of(&csv, true),
            events_of(&dataset, true),
            "{name} (CSV)"
        );
        // A CSV lists links row by row, so in the order of the events they start from.
        let sorted = |mut v: Vec<String>| {
            v.sort();
            v
        };
        assert_eq!(
            sorted(links_of(&csv, false)),
            sorted(links_of(&dataset, false)),
            "{name} (CSV)"
        );
    }
}

#[test]
fn an_export_of_what_is_shown_keeps_only_that_and_the_links_between_it() {
    let dataset = swimline::io::load_default()
        .map(|l| l.dataset)
        .unwrap_or_else(|e| panic!("{e}"));
    let claims_and_denials = |e: usize| {
        matches!(
            dataset.events.at(e).kind(),
            EventKind::Claim | EventKind::Denial
        )
    };
    let (json, _) = load(
        "shown.json",
        &native_json(&dataset, &claims_and_denials, &|_| Vec::new()),
    );
    let (csv, _) = load(
        "shown.csv",
        &swimline_csv(&dataset, &claims_and_denials, &|_| Vec::new()),
    );
    // Nine claims and one denial (counted by hand), and the interview their relative dates are
    // counted from (without it they would not read); the links among them stay, the link to
    // Syria goes.
    for d in [&json, &csv] {
        let ids: Vec<&str> = d.events.iter().map(|e| e.id()).collect();
        assert_eq!(d.events.len(), 11, "{ids:?}");
        assert!(ids.contains(&"bbc-interview"));
        let links = links_of(d, false);
        assert_eq!(
            links
                .iter()
                .filter(|l| l.starts_with("russia-denies Denies"))
                .count(),
            5,
            "{links:?}"
        );
        assert!(links.iter().all(|l| !l.contains("syria")), "{links:?}");
    }
    // Only the actors the kept events name.
    assert!(json.actors.iter().all(|a| a.id != "analysts"));
}
