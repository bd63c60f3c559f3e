use std::path::Path;

use super::merge::{CONFLICT_LINE, merge};
use super::own::{Counts, combine, marks};
use super::store::{NotesStore, beside, in_folder};
use super::{DataStamp, EventNote, KeptReport, NotesFile, OwnEvent, OwnLink, QuoteAt};
use crate::io::load_default;
use crate::model::{EventKind, LinkKind};

fn starred(note: &str) -> EventNote {
    EventNote {
        starred: true,
        note: note.to_owned(),
        ..EventNote::default()
    }
}

fn claim(title: &str, time: &str) -> OwnEvent {
    OwnEvent {
        title: title.to_owned(),
        time: time.to_owned(),
        lanes: vec!["russia".to_owned()],
        kind: EventKind::Claim,
        ..OwnEvent::default()
    }
}

#[test]
fn the_format_round_trips_and_says_what_is_wrong() {
    let mut notes = NotesFile::new();
    notes
        .events
        .insert("russia-denies".into(), starred("Lavrov, again"));
    notes.event_mut("russia-denies").tags.push("key".into());
    notes
        .own_events
        .insert("mine-1".into(), claim("Arms seen", "2017-12~"));
    notes.own_links.insert(
        "link-1".into(),
        OwnLink {
            from: "russia-denies".into(),
            to: "mine-1".into(),
            kind: LinkKind::Denies,
            note: "answers it".into(),
        },
    );
    let text = notes.to_json();
    assert!(text.contains("\"format\": \"swimline-notes/1\""), "{text}");
    assert!(
        !text.contains("conflict"),
        "false flags are not written: {text}"
    );
    assert_eq!(NotesFile::from_json(&text), Ok(notes.clone()));
    // Empty notes are dropped from the file, so a star taken off leaves nothing behind.
    let mut off = notes.clone();
    off.events
        .insert("aid-suspended".into(), EventNote::default());
    assert_eq!(off.to_json(), text);

    // `/2` (notes that keep a report) is read now; a later version is not.
    let newer = text.replace("swimline-notes/1", "swimline-notes/3");
    let err = NotesFile::from_json(&newer).err().unwrap_or_default();
    assert!(
        err.contains("\"swimline-notes/3\": expected \"swimline-notes/1\""),
        "{err}"
    );
    let typo = text.replace("\"starred\"", "\"stared\"");
    let err = NotesFile::from_json(&typo).err().unwrap_or_default();
    assert!(err.starts_with("line 5, column"), "{err}");
    assert!(err.contains("events.russia-denies"), "{err}");
    assert!(err.contains("unknown field \"stared\""), "{err}");
    assert!(!err.contains("EventNote"), "no Rust type names: {err}");
}

#[test]
fn a_merge_keeps_both_sides_and_flags_a_note_edited_twice() {
    let mut base = NotesFile::new();
    base.events.insert("a".into(), starred("first"));
    base.events.insert("b".into(), starred("b"));
    base.own_events
        .insert("mine-1".into(), claim("one", "2017"));

    let mut mine = base.clone();
    mine.events.insert("c".into(), starred("mine only"));
    mine.event_mut("a").note = "first, then mine".into();
    mine.event_mut("b").tags.push("x".into());
    mine.own_events
        .insert("mine-1".into(), claim("one, edited here", "2017"));

    let mut theirs = base.clone();
    theirs.events.insert("d".into(), starred("theirs only"));
    theirs.event_mut("a").note = "first, then theirs".into();
    theirs.event_mut("b").tags.push("y".into());
    theirs.event_mut("b").starred = false;
    theirs
        .own_events
        .insert("mine-1".into(), claim("one, edited there", "2017"));
    theirs
        .own_events
        .insert("mine-2".into(), claim("two", "2018"));

    let merged = merge(&base, &mine, &theirs);
    let n = &merged.notes;
    assert_eq!(n.events["c"].note, "mine only");
    assert_eq!(n.events["d"].note, "theirs only");
    assert_eq!(
        n.events["a"].note,
        format!("first, then mine\n\n{CONFLICT_LINE}\nfirst, then theirs")
    );
    assert!(n.events["a"].conflict);
    assert_eq!(n.events["b"].tags, ["x", "y"]);
    assert!(
        n.events["b"].starred,
        "a star is kept when the other side changed the note"
    );
    assert_eq!(n.own_events["mine-1"].title, "one, edited here");
    assert_eq!(
        n.own_events["mine-1-elsewhere"].title,
        "one, edited there (as edited elsewhere)"
    );
    assert_eq!(n.own_events["mine-2"].title, "two");
    assert_eq!(merged.conflicts, ["a", "mine-1"]);

    // A deletion on one side and nothing on the other deletes; against an edit, the edit stays.
    let mut mine = base.clone();
    mine.events.remove("a");
    mine.own_events.remove("mine-1");
    let mut theirs = base.clone();
    theirs.event_mut("a").note = "edited there".into();
    let merged = merge(&base, &mine, &theirs).notes;
    assert_eq!(merged.events["a"].note, "edited there");
    assert!(!merged.own_events.contains_key("mine-1"));
}

fn temp() -> tempfile::TempDir {
    tempfile::tempdir().unwrap_or_else(|e| panic!("a temporary folder: {e}"))
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn notes_live_beside_the_data_and_two_writers_merge() {
    let dir = temp();
    let data = dir.path().join("events.csv");
    std::fs::write(&data, "id,title,start\n").ok();
    assert_eq!(
        beside(&data),
        dir.path().join("events.csv.swimline-notes.json")
    );

    let mut one = NotesStore::open(Some(&data), None);
    let mut two = NotesStore::open(Some(&data), None);
    assert_eq!(one.store.path(), Some(beside(&data).as_path()));
    // Nothing to keep: no file is made.
    assert_eq!(
        one.store.save(&NotesFile::new()).map(|s| s.wrote),
        Ok(false)
    );
    assert!(!beside(&data).exists());

    one.notes
        .events
        .insert("e1".into(), starred("from window one"));
    let saved = one.store.save(&one.notes).unwrap_or_default();
    assert!(saved.wrote && saved.merged.is_none(), "{saved:?}");
    // The same notes again: the same bytes, nothing written.
    assert_eq!(one.store.save(&one.notes).map(|s| s.wrote), Ok(false));

    two.notes
        .events
        .insert("e2".into(), starred("from window two"));
    let saved = two.store.save(&two.notes).unwrap_or_default();
    let merged = saved.merged.unwrap_or_default();
    assert_eq!(merged.events.len(), 2, "both windows' notes: {merged:?}");
    let on_disk = NotesFile::from_json(&read(&beside(&data))).unwrap_or_default();
    assert_eq!(on_disk, merged);
    assert_eq!(
        std::fs::read_to_string(&data).ok().as_deref(),
        Some("id,title,start\n"),
        "the data file is never written"
    );

    // Window one, saving again, picks up window two's note too.
    one.notes.event_mut("e1").tags.push("checked".into());
    let saved = one.store.save(&one.notes).unwrap_or_default();
    let merged = saved.merged.unwrap_or_default();
    assert_eq!(merged.events["e2"].note, "from window two");
    assert_eq!(merged.events["e1"].tags, ["checked"]);
}

#[test]
fn a_notes_file_that_cannot_be_read_is_set_aside_never_overwritten() {
    let dir = temp();
    let data = dir.path().join("events.json");
    let notes_path = beside(&data);
    let garbage = "{\"format\": \"swimline-notes/1\", \"events\": {\"a\": {\"starred\": tru";
    std::fs::write(&notes_path, garbage).ok();
    let mut opened = NotesStore::open(Some(&data), None);
    let message = opened.message.clone().unwrap_or_default();
    assert!(
        message.contains("events.json.swimline-notes.json could not be read (line 1, column"),
        "{message}"
    );
    assert!(opened.notes.events.is_empty());
    // Saving nothing leaves it alone.
    let _ = opened.store.save(&opened.notes);
    assert_eq!(read(&notes_path), garbage);

    opened.notes.events.insert("b".into(), starred("new"));
    let saved = opened.store.save(&opened.notes).unwrap_or_default();
    let aside = dir
        .path()
        .join("events.json.swimline-notes.json.unreadable");
    assert_eq!(read(&aside), garbage, "kept byte for byte");
    assert!(saved.message.unwrap_or_default().contains(".unreadable"));
    assert_eq!(
        NotesFile::from_json(&read(&notes_path)).map(|n| n.events.len()),
        Ok(1)
    );

    // A second unreadable file does not replace the first one set aside.
    std::fs::write(&notes_path, "not json").ok();
    let mut again = NotesStore::open(Some(&data), None);
    again.notes.events.insert("c".into(), starred("newer"));
    let _ = again.store.save(&again.notes);
    assert_eq!(read(&aside), garbage);
    assert_eq!(
        read(
            &dir.path()
                .join("events.json.swimline-notes.json.unreadable-2")
        ),
        "not json"
    );
}

#[test]
fn a_folder_that_cannot_be_written_sends_the_notes_to_the_app_folder() {
    let dir = temp();
    let folder = temp();
    let data = dir.path().join("events.json");
    std::fs::write(&data, "{}").ok();
    // The built-in dataset's notes are in the app's folder.
    let builtin = NotesStore::open(None, Some(folder.path()));
    assert_eq!(
        builtin.store.path(),
        Some(folder.path().join("built-in.swimline-notes.json").as_path())
    );
    assert!(NotesStore::open(None, None).store.path().is_none());

    // A folder that cannot be written (a path under a file stands in for it; root ignores
    // permissions).
    let blocked = dir.path().join("events.json").join("sub.json");
    let mut opened = NotesStore::open(Some(&blocked), Some(folder.path()));
    opened
        .notes
        .events
        .insert("x".into(), starred("kept anyway"));
    let saved = opened.store.save(&opened.notes).unwrap_or_default();
    let moved = in_folder(folder.path(), Some(&blocked));
    assert_eq!(opened.store.path(), Some(moved.as_path()));
    assert!(
        saved
            .message
            .unwrap_or_default()
            .contains("the notes are kept in")
    );
    assert!(read(&moved).contains("kept anyway"));
    // Opened again, they are found there.
    let again = NotesStore::open(Some(&blocked), Some(folder.path()));
    assert_eq!(again.notes.events["x"].note, "kept anyway");
}

#[test]
fn own_events_join_the_dataset_after_the_files_and_bad_ones_are_said() {
    let dataset = load_default().map(|l| l.dataset).unwrap_or_default();
    let file = Counts::all_of(&dataset);
    let mut notes = NotesFile::new();
    notes.own_events.insert(
        "mine-1".into(),
        claim("Two days after the denial", "@{russia-denies}+P2D"),
    );
    let mut new_lane = claim("In a lane of its own", "2018-02-10");
    new_lane.lanes = vec!["Analyst".into()];
    notes.own_events.insert("mine-2".into(), new_lane);
    notes
        .own_events
        .insert("mine-3".into(), claim("Bad date", "2018-13-45"));
    notes.own_links.insert(
        "link-1".into(),
        OwnLink {
            from: "mine-1".into(),
            to: "activity-picks-up".into(),
            kind: LinkKind::RespondsTo,
            note: String::new(),
        },
    );
    notes.own_links.insert(
        "link-2".into(),
        OwnLink {
            from: "mine-1".into(),
            to: "gone-event".into(),
            kind: LinkKind::Denies,
            note: String::new(),
        },
    );
    let combined = combine(dataset.clone(), file, &notes);
    let d = &combined.dataset;
    assert_eq!(d.events.len(), file.events + 2);
    assert_eq!(d.links.len(), file.links + 1);
    assert_eq!(d.actors.len(), file.actors + 1);
    assert_eq!(d.actors[file.actors].name, "Analyst");
    let mine1 = d.event_by_id("mine-1").unwrap_or_default();
    let denies = d.event_by_id("russia-denies").unwrap_or_default();
    assert!(mine1 >= file.events);
    assert_eq!(
        d.events.at(mine1).when().earliest() - d.events.at(denies).when().earliest(),
        2 * 86_400
    );
    let ids: Vec<&str> = combined
        .problems
        .iter()
        .map(|(id, _)| id.as_str())
        .collect();
    assert_eq!(ids, ["mine-3", "link-2"], "{:?}", combined.problems);
    assert!(combined.problems[0].1.contains("2018-13-45"));

    // Combining again from the combination gives the same (the file part is kept apart).
    notes.own_events.remove("mine-2");
    let again = combine(combined.dataset.clone(), file, &notes);
    assert_eq!(again.dataset.events.len(), file.events + 1);
    assert_eq!(
        again.dataset.actors.len(),
        file.actors,
        "the lane made for mine-2 is gone with it"
    );

    // Marks: own events, stars, notes; a note on an event the file no longer has is orphaned.
    notes
        .events
        .insert("russia-denies".into(), starred("the denial"));
    notes
        .events
        .insert("no-longer-there".into(), starred("kept"));
    let (m, orphaned) = marks(&again.dataset, file.events, &notes);
    assert!(m[&denies].starred && m[&denies].noted && !m[&denies].own);
    assert!(m[&again.dataset.event_by_id("mine-1").unwrap_or_default()].own);
    assert_eq!(orphaned, ["no-longer-there"]);
}

#[test]
fn the_stamp_is_the_sha256_of_the_bytes() {
    let stamp = DataStamp::of("abc.txt", b"abc");
    assert_eq!(stamp.bytes, 3);
    assert_eq!(
        stamp.sha256,
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    );
}

/// A report as the reader keeps it, and an own event quoting its second sentence.
fn report_and_event() -> (KeptReport, OwnEvent) {
    let report = KeptReport {
        name: "briefing.txt".into(),
        date: "2022-03-21".into(),
        date_reason: "its dateline".into(),
        text: "Washington, March 21. Ünder the rules, the minister said on Monday that talks \
               failed."
            .into(),
    };
    let start_byte = report.text.find("the minister").unwrap_or_default();
    let start_char = report.text[..start_byte].chars().count();
    let end_char = report.text.chars().count();
    let mut event = claim("Talks failed", "2022-03-21");
    event.quote = "the minister said on Monday that talks failed.".into();
    event.report = Some(QuoteAt {
        report: report.id(),
        start_char,
        end_char,
    });
    (report, event)
}

#[test]
fn a_kept_report_round_trips_as_format_2_and_its_quote_points_at_the_words() {
    let (report, event) = report_and_event();
    let mut notes = NotesFile::new();
    notes.reports.insert(report.id(), report.clone());
    notes.own_events.insert("mine-1".into(), event.clone());
    let text = notes.to_json();
    assert!(text.contains("\"format\": \"swimline-notes/2\""), "{text}");
    let back = NotesFile::from_json(&text).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(back.reports, notes.reports);
    let (kept, at) = back
        .quote_in_report("mine-1")
        .unwrap_or_else(|| panic!("no report for mine-1: {text}"));
    assert_eq!(kept, &report);
    assert_eq!(
        kept.words_at(at.start_char, at.end_char),
        Some(event.quote.as_str())
    );
    // The same report read again on the same date is the same id; on another date, another.
    assert_eq!(
        report.id(),
        back.reports.keys().next().cloned().unwrap_or_default()
    );
    let redated = KeptReport {
        date: "2022-03-22".into(),
        ..report.clone()
    };
    assert_ne!(redated.id(), report.id());
    assert!(report.id().starts_with("report-") && report.id().len() == 23);
    assert_eq!(kept.words_at(3, 2), None);
    assert_eq!(kept.words_at(0, 10_000), None);
}

#[test]
fn a_report_no_event_points_at_is_not_written_and_old_files_still_load() {
    let (report, mut event) = report_and_event();
    let mut notes = NotesFile::new();
    notes.reports.insert(report.id(), report);
    // Alone, a report is nothing to write.
    assert!(notes.is_empty());
    event.report = None;
    notes.own_events.insert("mine-1".into(), event);
    let text = notes.to_json();
    assert!(text.contains("\"format\": \"swimline-notes/1\""), "{text}");
    assert!(!text.contains("\"reports\""), "{text}");
    // A `/1` file written before reports existed loads, with none.
    let old = r#"{"format": "swimline-notes/1", "own_events": {"mine-1": {"title": "Arms seen", "time": "2017-12~", "quote": "They had new rifles."}}}"#;
    let read = NotesFile::from_json(old).unwrap_or_else(|e| panic!("{e}"));
    assert!(read.reports.is_empty());
    assert_eq!(
        read.own_events.get("mine-1").and_then(|e| e.report.clone()),
        None
    );
    assert_eq!(read.quote_in_report("mine-1"), None);
    // A field of a report misspelt is refused, as every other field is.
    let typo = r#"{"format": "swimline-notes/2", "reports": {"report-1": {"name": "a", "date": "2022-03-21", "txt": "x"}}}"#;
    let err = NotesFile::from_json(typo).err().unwrap_or_default();
    assert!(err.contains("unknown field \"txt\""), "{err}");
}

#[test]
fn a_report_kept_on_both_sides_of_a_merge_is_kept_once() {
    let (report, event) = report_and_event();
    let base = NotesFile::new();
    let mut mine = NotesFile::new();
    mine.reports.insert(report.id(), report.clone());
    mine.own_events.insert("mine-1".into(), event.clone());
    let mut theirs = NotesFile::new();
    theirs.reports.insert(report.id(), report.clone());
    theirs.own_events.insert("mine-2".into(), event);
    let merged = merge(&base, &mine, &theirs).notes;
    assert_eq!(merged.reports.len(), 1);
    assert_eq!(merged.own_events.len(), 2);
    assert!(merged.quote_in_report("mine-2").is_some());
}
