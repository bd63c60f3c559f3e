//! Every bundled dataset loads; every malformed fixture fails with exactly its documented message.

use std::path::PathBuf;

use swimline::io::{LoadError, load_default, load_path};
use swimline::model::EventKind;

use super::root;

fn files_in(folder: &str, ext: &str) -> Vec<PathBuf> {
    let dir = root().join(folder);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == ext))
        .collect();
    files.sort();
    files
}

fn assert_all_load(folder: &str) {
    let files = files_in(folder, "json");
    assert!(!files.is_empty(), "no files in {folder}");
    for file in files {
        let loaded = load_path(&file);
        assert!(
            loaded.is_ok(),
            "{}",
            loaded.err().map(|e| e.to_string()).unwrap_or_default()
        );
    }
}

#[test]
fn every_file_in_data_loads() {
    assert_all_load("data");
}

#[test]
fn good_fixtures_load() {
    assert_all_load("tests/fixtures/good");
}

/// Snapshot test: each `bad/NAME.json` fails with the text in `bad/NAME.expected` (the file
/// named without its folder, so the message reads as the user sees it after opening the file).
#[test]
fn malformed_files_give_the_documented_errors() {
    let files = files_in("tests/fixtures/bad", "json");
    assert!(files.len() >= 8);
    for file in files {
        let expected_path = file.with_extension("expected");
        let expected = std::fs::read_to_string(&expected_path)
            .unwrap_or_else(|e| panic!("{}: {e}", expected_path.display()));
        let error = load_path(&file).err();
        let Some(error) = error else {
            panic!("{} loaded but should not", file.display());
        };
        assert!(matches!(error, LoadError::Content { .. }));
        let dir = format!(
            "{}/",
            file.parent()
                .map(|p| p.display().to_string())
                .unwrap_or_default()
        );
        let message = error.to_string().replace(&dir, "");
        assert_eq!(
            message.trim_end(),
            expected.trim_end(),
            "{}",
            file.display()
        );
    }
}

#[test]
fn a_missing_file_is_a_read_error_naming_it() {
    let error = load_path(&root().join("no-such-file.json")).err();
    let message = error.map(|e| e.to_string()).unwrap_or_default();
    assert!(
        message.contains("no-such-file.json: cannot read the file"),
        "{message}"
    );
}

/// The seed report, as the issue lists it: the events and actors a reader would look for.
#[test]
fn the_default_dataset_tells_the_report_honestly() {
    let dataset = load_default().map(|l| l.dataset).unwrap_or_default();
    let names: Vec<&str> = dataset.actors.iter().map(|a| a.name.as_str()).collect();
    for actor in [
        "Russia",
        "Taliban",
        "Pakistan",
        "Islamic State",
        "US President",
    ] {
        assert!(names.contains(&actor), "{actor} missing from {names:?}");
    }
    let event = |id: &str| {
        let i = dataset
            .event_by_id(id)
            .unwrap_or_else(|| panic!("no event {id}"));
        dataset.events.at(i)
    };
    // "picked up in the last 18 to 24 months" before the March 2018 interview.
    let activity = event("activity-picks-up");
    assert_eq!(
        activity.when().describe(),
        "between Mar 2016 and Sep 2016 – Mar 2018"
    );
    assert_eq!(event("trump-tweet").when().describe(), "1 Jan 2018");
    assert_eq!(event("aid-suspended").when().describe(), "4 Jan 2018");
    assert_eq!(event("syria-heats-up").kind(), EventKind::Context);
    // The denial answers the claims, and says so through links.
    let denial = dataset.event_by_id("russia-denies").unwrap_or_default();
    assert_eq!(dataset.events.at(denial).kind(), EventKind::Denial);
    let denied: Vec<&str> = dataset
        .links
        .iter()
        .filter(|l| l.from == denial)
        .map(|l| dataset.events.at(l.to).id())
        .collect();
    assert!(denied.contains(&"nicholson-accuses") && denied.contains(&"weapons-smuggled"));
    // Every event rests on a quoted sentence of the report.
    let article = std::fs::read_to_string(root().join("tests/fixtures/article.txt"))
        .unwrap_or_default()
        .replace(['“', '”'], "\"");
    for e in dataset.events.iter() {
        let quote = e
            .source()
            .as_ref()
            .and_then(|s| s.quote.as_deref())
            .unwrap_or_default();
        assert!(!quote.is_empty(), "{} has no quote", e.id());
        let first_words: String = quote.replace(['“', '”'], "\"").chars().take(40).collect();
        assert!(
            article.contains(&first_words),
            "{}: quote not in the report: {first_words}",
            e.id()
        );
    }
}

/// Every example in the README is a real, loadable file of the format it shows.
#[test]
fn the_readme_examples_load() {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap_or_default();
    let mut formats = Vec::new();
    for (i, block) in readme.split("```").enumerate() {
        // Odd pieces are inside fences; the fence's first line names the language.
        let is_data = ["json\n", "csv\n", "jsonl\n"]
            .iter()
            .any(|l| block.starts_with(l));
        if i % 2 == 0 || !is_data {
            continue;
        }
        let body = block.split_once('\n').map_or("", |(_, b)| b);
        match swimline::io::load_bytes("README example", body.as_bytes()) {
            Ok((dataset, format, warnings)) => {
                assert!(warnings.is_empty(), "{format:?}: {warnings:?}");
                assert!(
                    !dataset.events.is_empty(),
                    "{format:?} example has no events"
                );
                formats.push(format);
            }
            Err(e) => panic!("README example does not load: {e}\n{body}"),
        }
    }
    use swimline::io::Format;
    for format in [
        Format::Swimline,
        Format::SwimlineCsv,
        Format::TimelineJs,
        Format::VisTimeline,
        Format::Acled,
        Format::TimesketchCsv,
        Format::TimesketchJsonl,
        Format::TimelineJsLegacy,
        Format::TimelineJsCsv,
    ] {
        assert!(formats.contains(&format), "no README example of {format:?}");
    }
}

/// The relative chain resolves to the days a reader works out by hand (loading is not enough).
#[test]
fn the_relative_chain_resolves_to_the_right_days() {
    use swimline::model::{CivilDateTime, Timestamp};
    let loaded = load_path(&root().join("tests/fixtures/good/relative-chain.json"))
        .unwrap_or_else(|e| panic!("{e}"));
    let dataset = &loaded.dataset;
    let bounds = |id: &str| {
        let event = dataset
            .event_by_id(id)
            .map(|i| dataset.events.at(i))
            .unwrap_or_else(|| panic!("no event {id}"));
        let when = event.when();
        (
            Timestamp(when.earliest()).civil(),
            Timestamp(when.latest()).civil(),
            when.describe(),
        )
    };
    let day = CivilDateTime::date;
    // The Ides of March of 44 BCE (astronomical year -43), the whole day.
    assert_eq!(
        bounds("ides"),
        (day(-43, 3, 15), day(-43, 3, 16), "15 Mar 44 BCE".to_owned())
    );
    // Three days later.
    assert_eq!(
        bounds("after"),
        (day(-43, 3, 18), day(-43, 3, 19), "18 Mar 44 BCE".to_owned())
    );
    // From 41 BCE on, with no known end (drawn as that year, open to the right).
    assert_eq!(
        bounds("open"),
        (
            day(-40, 1, 1),
            day(-39, 1, 1),
            "41 BCE – (open end)".to_owned()
        )
    );
    // `-004X`: any of the years -0040 to -0049, i.e. 50 BCE to 41 BCE.
    assert_eq!(
        bounds("decade"),
        (
            day(-49, 1, 1),
            day(-39, 1, 1),
            "between 50 BCE and 41 BCE".to_owned()
        )
    );
}
