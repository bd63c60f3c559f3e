//! The analyst's notes: driven through the window by their labels and read back after reopening;
//! kept through a re-sorted or changed data file; never half-written, even by a killed process.

use std::path::{Path, PathBuf};

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use swimline::doc::Document;
use swimline::io::load_default;
use swimline::notes::store::{NotesStore, beside};
use swimline::notes::{EventNote, NotesFile};
use swimline::ui::{ScriptedDialogs, SwimlineApp};

use super::{root, temp_dir};

/// The bundled dataset, copied into `dir` as a file of the user's.
fn article_in(dir: &Path) -> PathBuf {
    let path = dir.join("article.json");
    std::fs::copy(root().join("data/russia-taliban-2018.json"), &path)
        .unwrap_or_else(|e| panic!("{e}"));
    path
}

fn app_opening(path: &Path, save: Vec<Option<PathBuf>>) -> Harness<'static, SwimlineApp> {
    let loaded = load_default().unwrap_or_else(|e| panic!("{e}"));
    let app = SwimlineApp::new(loaded, None, Box::new(ScriptedDialogs::new(vec![], save)))
        .open_on_start(path.to_path_buf());
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1480.0, 900.0))
        .build_ui_state(|ui, app: &mut SwimlineApp| app.ui_root(ui), app);
    for _ in 0..500 {
        harness.step();
        if !harness.state().is_loading() && harness.state().loaded().path.is_some() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    harness.run_ok();
    harness
}

/// Steps the window (egui's clock moves with each step) until `done`.
fn step_until(harness: &mut Harness<'static, SwimlineApp>, done: impl Fn(&SwimlineApp) -> bool) {
    for _ in 0..200 {
        harness.step();
        if done(harness.state()) {
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    panic!("never happened; status: {}", harness.state().status());
}

fn read_notes(path: &Path) -> NotesFile {
    let text = std::fs::read_to_string(beside(path)).unwrap_or_else(|e| panic!("{e}"));
    NotesFile::from_json(&text).unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn star_note_tag_own_event_and_own_link_through_the_window_are_back_after_reopening() {
    let dir = temp_dir("notes-ui");
    let data = article_in(&dir);
    let before = std::fs::read(&data).unwrap_or_default();
    let mut harness = app_opening(&data, vec![]);

    // Select the denial, star it, tag it and write a note, by the labels a user sees.
    harness
        .get_by_label("Russia denies providing weapons or funding to the Taliban (Russia)")
        .click();
    harness.run_ok();
    harness.get_by_label("Star").click();
    harness.run_ok();
    assert!(harness.query_by_label("Starred").is_some());
    // The panel's title wraps (two lines here): what is below may need the panel scrolled.
    harness.get_by_label("Your note").scroll_to_me();
    harness.run_ok();
    harness.get_by_label("Your note").click();
    harness.run_ok();
    harness
        .get_by_label("Your note")
        .type_text("A blanket denial, undated.");
    harness.run_ok();
    harness.get_by_label("Add a tag").click();
    harness.run_ok();
    harness.get_by_label("Add a tag").type_text("key");
    harness.key_press(egui::Key::Enter);
    harness.run_ok();

    // A link of your own from the denial to a claim the file does not link it to.
    harness
        .get_by_label("Link to another event…")
        .scroll_to_me();
    harness.run_ok();
    harness.get_by_label("Link to another event…").click();
    harness.run_ok();
    harness.get_by_label("Find the event").click();
    harness.run_ok();
    harness
        .get_by_label("Find the event")
        .type_text("exercises");
    harness.run_ok();
    harness
        .get_by_label_contains("Russian exercises on the Tajik border leave equipment behind — ")
        .click();
    harness.run_ok();
    harness.get_by_label("Save link").click();
    harness.run_ok();

    // An event of your own, by Event ▸ New….
    harness.get_by_label("Event").click();
    harness.run_ok();
    harness.get_by_label("New…").click();
    harness.run_ok();
    harness
        .get_by_role_and_label(Role::TextInput, "Title")
        .click();
    harness.run_ok();
    harness
        .get_by_role_and_label(Role::TextInput, "Title")
        .type_text("Elders report Russian rifles");
    harness
        .get_by_role_and_label(Role::TextInput, "When")
        .click();
    harness.run_ok();
    harness
        .get_by_role_and_label(Role::TextInput, "When")
        .type_text("2017-10~");
    harness.run_ok();
    harness
        .get_by_role_and_label(Role::CheckBox, "Taliban")
        .click();
    harness.run_ok();
    harness.get_by_label("Save event").click();
    harness.run_ok();
    let app = harness.state();
    assert!(
        app.status()
            .starts_with("Added “Elders report Russian rifles”"),
        "{}",
        app.status()
    );
    let own = app
        .dataset()
        .event_by_id("mine-1")
        .unwrap_or_else(|| panic!("no own event"));
    assert!(app.notes().is_own(own));
    assert_eq!(app.dataset().events.at(own).time().to_string(), "2017-10~");

    // Saved within a second of the last change, beside the data; the data file untouched.
    step_until(&mut harness, |_| beside(&data).exists());
    step_until(&mut harness, |app| app.notes().dirty_since.is_none());
    let notes = read_notes(&data);
    let denial = &notes.events["russia-denies"];
    assert!(denial.starred);
    assert_eq!(denial.note, "A blanket denial, undated.");
    assert_eq!(denial.tags, ["key"]);
    assert_eq!(notes.own_events["mine-1"].lanes, ["taliban"]);
    let link = &notes.own_links["link-1"];
    assert_eq!(
        (link.from.as_str(), link.to.as_str()),
        ("russia-denies", "tajik-exercises")
    );
    assert_eq!(
        std::fs::read(&data).unwrap_or_default(),
        before,
        "the data file is never written"
    );

    // Ctrl+Z takes the own event back, Ctrl+Shift+Z brings it again.
    harness.get_by_label("Edit").click();
    harness.run_ok();
    harness
        .get_by_role_and_label(Role::Button, "Undo Ctrl+Z")
        .click();
    harness.run_ok();
    assert!(harness.state().dataset().event_by_id("mine-1").is_none());
    harness.key_press_modifiers(
        egui::Modifiers::COMMAND.plus(egui::Modifiers::SHIFT),
        egui::Key::Z,
    );
    harness.run_ok();
    assert!(harness.state().dataset().event_by_id("mine-1").is_some());
    harness.state_mut().flush_notes();
    drop(harness);

    // Reopened: everything is back, and drawn.
    let harness = app_opening(&data, vec![]);
    let app = harness.state();
    let d = app.dataset();
    let denial = d.event_by_id("russia-denies").unwrap_or_default();
    let marks = app.notes().marks_of(denial);
    assert!(marks.starred && marks.noted && marks.tagged, "{marks:?}");
    assert!(
        d.event_by_id("mine-1")
            .is_some_and(|i| app.notes().is_own(i))
    );
    let exercises = d.event_by_id("tajik-exercises").unwrap_or_default();
    assert!(
        d.links
            .iter()
            .any(|l| l.from == denial && l.to == exercises)
    );
    assert!(
        app.status()
            .contains("your notes: 1 starred, 1 note, 1 event of yours, 1 link of yours"),
        "{}",
        app.status()
    );
    harness.get_by_label("Elders report Russian rifles (Taliban)");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn the_brief_and_the_data_export_carry_the_notes() {
    let dir = temp_dir("notes-exports");
    let data = article_in(&dir);
    let mut notes = NotesFile::new();
    notes.events.insert(
        "russia-denies".into(),
        EventNote {
            starred: true,
            note: "undated".into(),
            tags: vec!["key".into()],
            ..EventNote::default()
        },
    );
    std::fs::write(beside(&data), notes.to_json()).ok();
    let (brief, shown) = (dir.join("brief.md"), dir.join("shown.csv"));
    let mut harness = app_opening(&data, vec![Some(brief.clone()), Some(shown.clone())]);
    harness.get_by_label("File").click();
    harness.run_ok();
    harness.get_by_label("Export brief…").click();
    step_until(&mut harness, |_| brief.exists());
    let text = std::fs::read_to_string(&brief).unwrap_or_default();
    assert!(
        text.contains("## 1. Russia denies providing weapons or funding to the Taliban"),
        "{text}"
    );
    assert!(text.contains("**Your note:** undated"), "{text}");
    assert_eq!(
        text.matches("\n## ").count(),
        1,
        "only the starred event: {text}"
    );

    harness.get_by_label("File").click();
    harness.run_ok();
    harness.get_by_label("Export data…").click();
    step_until(&mut harness, |_| shown.exists());
    let loaded = swimline::io::load_path(&shown).unwrap_or_else(|e| panic!("{e}"));
    let d = &loaded.dataset;
    let e = d
        .events
        .at(d.event_by_id("russia-denies").unwrap_or_default());
    let attr = |k: &str| e.attributes().get(k);
    assert_eq!(attr("starred"), Some("yes"));
    assert_eq!(attr("your_tags"), Some("key"));
    assert_eq!(attr("note"), Some("undated"));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_re_sorted_file_keeps_its_notes_and_a_removed_event_keeps_its_note_as_orphaned() {
    let dir = temp_dir("notes-resorted");
    // A CSV without an id column: each event's id comes from what it says.
    let path = dir.join("events.csv");
    let rows = [
        "Talks in Moscow,2017-12,Russia",
        "Aid suspended,2018-01-04,US",
        "Tweet,2018-01-01,US",
    ];
    let write = |rows: &[&str]| {
        std::fs::write(&path, format!("title,start,actors\n{}\n", rows.join("\n"))).ok();
    };
    write(&rows);
    let first = swimline::io::load_path(&path).unwrap_or_else(|e| panic!("{e}"));
    let id_of = |d: &swimline::model::Dataset, title: &str| {
        d.events
            .iter()
            .find(|e| e.title() == title)
            .map(|e| e.id().to_owned())
            .unwrap_or_default()
    };
    let aid = id_of(&first.dataset, "Aid suspended");
    assert!(aid.starts_with('~'), "{aid}");
    let mut notes = NotesFile::new();
    notes.events.insert(
        aid.clone(),
        EventNote {
            starred: true,
            note: "the key date".into(),
            ..EventNote::default()
        },
    );
    let talks = id_of(&first.dataset, "Talks in Moscow");
    notes.events.insert(
        talks.clone(),
        EventNote {
            note: "who was there?".into(),
            ..EventNote::default()
        },
    );
    notes.data_file = Some(swimline::notes::DataStamp::of(
        "events.csv",
        &std::fs::read(&path).unwrap_or_default(),
    ));
    std::fs::write(beside(&path), notes.to_json()).ok();

    // Re-sorted: the same ids, the notes on the same events.
    write(&[rows[2], rows[0], rows[1]]);
    let loaded = swimline::io::load_path(&path).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(id_of(&loaded.dataset, "Aid suspended"), aid);
    let prepared = Document::with_notes(loaded, None);
    let d = &prepared.loaded.dataset;
    let i = d.event_by_id(&aid).unwrap_or_default();
    assert_eq!(d.events.at(i).title(), "Aid suspended");
    assert!(prepared.notes.marks_of(i).starred);
    assert!(prepared.notes.orphaned.is_empty());

    // The talks row removed: its note is kept, listed as orphaned, and said.
    write(&[rows[1], rows[2]]);
    let loaded = swimline::io::load_path(&path).unwrap_or_else(|e| panic!("{e}"));
    let mut prepared = Document::with_notes(loaded, None);
    assert_eq!(prepared.notes.orphaned, std::slice::from_ref(&talks));
    let message = prepared.notes.message.clone().unwrap_or_default();
    assert!(
        message.contains("events.csv changed since the notes were written"),
        "{message}"
    );
    assert!(
        message.contains("1 note is on an event no longer in the file"),
        "{message}"
    );
    // A change and a save keep the orphaned note in the file.
    let dataset = &prepared.loaded.dataset;
    let tweet = id_of(dataset, "Tweet");
    prepared
        .notes
        .edit(swimline::doc::notes::EditKey::Other, 0.0, |n| {
            n.event_mut(&tweet).starred = true
        });
    let _ = prepared.notes.save_if_due(10.0, true);
    let on_disk = read_notes(&path);
    assert_eq!(on_disk.events[&talks].note, "who was there?");
    assert!(on_disk.events[&tweet].starred);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_notes_file_that_cannot_be_read_is_said_and_set_aside_when_a_note_is_saved() {
    let dir = temp_dir("notes-unreadable");
    let data = article_in(&dir);
    std::fs::write(
        beside(&data),
        "{\"format\": \"swimline-notes/1\", \"events\": [",
    )
    .ok();
    let mut harness = app_opening(&data, vec![]);
    let status = harness.state().status().to_owned();
    assert!(
        status.contains("could not be read (line 1, column"),
        "{status}"
    );
    harness
        .get_by_label("US suspends security aid to Pakistan (US President)")
        .click();
    harness.run_ok();
    harness.get_by_label("Star").click();
    harness.run_ok();
    let aside = dir.join("article.json.swimline-notes.json.unreadable");
    step_until(&mut harness, |_| aside.exists());
    assert_eq!(
        std::fs::read_to_string(&aside).unwrap_or_default(),
        "{\"format\": \"swimline-notes/1\", \"events\": ["
    );
    assert!(read_notes(&data).events["aid-suspended"].starred);
    let _ = std::fs::remove_dir_all(&dir);
}

/// The environment variable that turns the helper below into the writer that gets killed.
const WRITER: &str = "SWIMLINE_TEST_NOTES_WRITER";

/// The notes `state` writes: a note that says its number, long enough (200 KB) that a kill
/// often lands in the middle of writing it.
fn state(n: u64) -> NotesFile {
    let mut notes = NotesFile::new();
    notes.events.insert(
        "e".into(),
        EventNote {
            note: format!("state {n}\n{}", "x".repeat(200_000)),
            ..EventNote::default()
        },
    );
    notes
}

#[test]
#[ignore = "the writer that a_process_killed_while_saving_leaves_the_old_or_the_new_notes kills; it runs it"]
fn notes_writer_to_be_killed() {
    let Ok(path) = std::env::var(WRITER) else {
        return;
    };
    let mut store = NotesStore::open(Some(Path::new(&path)), None).store;
    for n in 1.. {
        let _ = store.save(&state(n));
    }
}

#[test]
fn a_process_killed_while_saving_leaves_the_old_or_the_new_notes() {
    let dir = temp_dir("notes-sigkill");
    let data = dir.join("data.json");
    std::fs::write(&data, "{}").ok();
    let exe = std::env::current_exe().unwrap_or_else(|e| panic!("{e}"));
    let mut last_seen = 0;
    for round in 0..40u64 {
        let mut child = std::process::Command::new(&exe)
            .args([
                "--ignored",
                "--exact",
                "notes::notes_writer_to_be_killed",
                "--test-threads=1",
            ])
            .env(WRITER, &data)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap_or_else(|e| panic!("{e}"));
        // Kill it (SIGKILL) at a different moment each round.
        std::thread::sleep(std::time::Duration::from_millis(20 + (round * 37) % 90));
        let _ = child.kill();
        let _ = child.wait();
        let Ok(text) = std::fs::read_to_string(beside(&data)) else {
            continue; // killed before its first save
        };
        let notes = NotesFile::from_json(&text)
            .unwrap_or_else(|e| panic!("round {round}: the notes file does not parse: {e}"));
        let note = &notes.events["e"].note;
        let n: u64 = note
            .strip_prefix("state ")
            .and_then(|rest| rest.split('\n').next())
            .and_then(|n| n.parse().ok())
            .unwrap_or_else(|| panic!("round {round}: not a state that was written"));
        assert_eq!(notes, state(n), "round {round}: exactly state {n}, whole");
        last_seen = n;
    }
    assert!(last_seen > 0, "the writer saved at least once");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn check_reports_the_notes_and_render_and_brief_draw_only_the_starred() {
    let dir = temp_dir("notes-cli");
    let data = article_in(&dir);
    let mut notes = NotesFile::new();
    for id in ["russia-denies", "aid-suspended"] {
        notes.events.insert(
            id.into(),
            EventNote {
                starred: true,
                ..EventNote::default()
            },
        );
    }
    notes.events.insert(
        "gone".into(),
        EventNote {
            note: "kept".into(),
            ..EventNote::default()
        },
    );
    notes.own_events.insert(
        "mine-1".into(),
        swimline::notes::OwnEvent {
            title: "Elders report rifles".into(),
            time: "2017-10~".into(),
            lanes: vec!["taliban".into()],
            ..Default::default()
        },
    );
    std::fs::write(beside(&data), notes.to_json()).ok();
    let run = |args: &[&std::ffi::OsStr]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_swimline"))
            .args(args)
            .output()
            .unwrap_or_else(|e| panic!("{e}"))
    };
    let out = run(&["check".as_ref(), data.as_os_str(), "--json".as_ref()]);
    let line: serde_json::Value =
        serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        line["notes"],
        serde_json::json!({"starred": 2, "with_note": 1, "own_events": 1, "own_links": 0, "orphaned": 1})
    );
    assert_eq!(line["events"], 16, "the file's events, not yours");

    let svg = dir.join("starred.svg");
    let out = run(&[
        "render".as_ref(),
        data.as_os_str(),
        "--starred".as_ref(),
        "-o".as_ref(),
        svg.as_os_str(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = std::fs::read_to_string(&svg).unwrap_or_default();
    assert_eq!(
        text.matches("<g class=\"event\"").count(),
        2,
        "two starred events"
    );
    assert!(
        text.contains("only starred"),
        "the line under the title says so"
    );
    // The aid suspension is drawn in two lanes (US President, Pakistan), the denial in one.
    assert_eq!(
        text.matches("class=\"star\"").count(),
        3 + 1,
        "a star on each mark, and one in the legend"
    );
    let all = dir.join("all.svg");
    let out = run(&[
        "render".as_ref(),
        data.as_os_str(),
        "-o".as_ref(),
        all.as_os_str(),
    ]);
    assert!(out.status.success());
    let text = std::fs::read_to_string(&all).unwrap_or_default();
    assert!(text.contains("data-id=\"mine-1\""), "your event is drawn");
    assert!(
        text.contains("stroke-dasharray=\"3 2\""),
        "with a dashed outline"
    );

    let brief = dir.join("brief.html");
    let out = run(&[
        "brief".as_ref(),
        data.as_os_str(),
        "-o".as_ref(),
        brief.as_os_str(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let page = std::fs::read_to_string(&brief).unwrap_or_default();
    assert_eq!(page.matches("<h2>").count(), 2);
    let again = run(&[
        "brief".as_ref(),
        data.as_os_str(),
        "-o".as_ref(),
        brief.as_os_str(),
    ]);
    assert_eq!(
        again.status.code(),
        Some(1),
        "never overwrites without --force"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn the_filter_shows_only_starred_and_the_search_finds_your_notes() {
    let dir = temp_dir("notes-filter");
    let data = article_in(&dir);
    let mut notes = NotesFile::new();
    notes.events.insert(
        "russia-denies".into(),
        EventNote {
            starred: true,
            ..EventNote::default()
        },
    );
    notes.events.insert(
        "aid-suspended".into(),
        EventNote {
            note: "Compare with the Kabul attacks".into(),
            tags: vec!["check".into()],
            ..EventNote::default()
        },
    );
    std::fs::write(beside(&data), notes.to_json()).ok();
    let mut harness = app_opening(&data, vec![]);
    harness.get_by_label("Filter").click();
    harness.run_ok();
    harness.get_by_label("only starred").click();
    harness.run_ok();
    assert_eq!(
        harness.state().filter_summary().as_deref(),
        Some("1 of 16 events")
    );
    harness.get_by_label("Filter").click();
    harness.run_ok();
    harness.get_by_label("only starred").click();
    harness.run_ok();
    harness.get_by_label("Filter").click();
    harness.run_ok();
    harness.get_by_label("only with a note").click();
    harness.run_ok();
    let app = harness.state();
    let aid = app
        .dataset()
        .event_by_id("aid-suspended")
        .unwrap_or_default();
    assert_eq!(app.filter_summary().as_deref(), Some("1 of 16 events"));
    assert!(app.is_shown(aid));
    harness.key_press(egui::Key::Escape);
    harness.run_ok();

    // "Kabul" is in no event of the file, only in your note; "check" only in your tags.
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::F);
    harness.run_ok();
    harness.get_by_role(Role::TextInput).type_text("kabul");
    harness.run_ok();
    assert_eq!(harness.state().search_summary(), "1 match");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_table_of_its_own_layout_opens_through_the_mapping_dialog_and_is_remembered() {
    let dir = temp_dir("mapping-ui");
    let path = dir.join("programmes.xlsx");
    std::fs::copy(
        super::shared_data("spreadsheets/programmes-with-owners.xlsx"),
        &path,
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let loaded = load_default().unwrap_or_else(|e| panic!("{e}"));
    let app = SwimlineApp::new(
        loaded,
        None,
        Box::new(ScriptedDialogs::new(vec![Some(path.clone())], vec![])),
    );
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1480.0, 900.0))
        .build_ui_state(|ui, app: &mut SwimlineApp| app.ui_root(ui), app);
    harness.run_ok();
    harness.get_by_role_and_label(Role::Button, "Open…").click();
    step_until(&mut harness, |app| {
        app.status().starts_with("A table of its own layout")
    });
    harness.run_ok();
    // The guesses: title from activity_name, start and end, lanes from owner.
    assert!(
        harness
            .query_by_label("Which column holds what: programmes.xlsx")
            .is_some()
    );
    harness.get_by_label("Open with these columns").click();
    step_until(&mut harness, |app| {
        app.loaded().path.as_deref() == Some(path.as_path())
    });
    let app = harness.state();
    assert_eq!(
        app.loaded().format(),
        Some(swimline::io::Format::MappedTable)
    );
    assert_eq!(app.dataset().events.len(), 8);
    assert_eq!(
        app.persisted().mappings.len(),
        1,
        "remembered for this header"
    );
    let _ = std::fs::remove_dir_all(&dir);
}
