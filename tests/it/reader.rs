//! File ▸ Read a report…, driven through the window by its labels: the seed report read (dated
//! by hand, as it gives no date), its drafts ticked and confirmed, added to the notes beside the
//! data (never to the data file), and saved as a new timeline that loads back.

use std::path::{Path, PathBuf};

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use swimline::extract::drafts::Draft;
use swimline::io::load_default;
use swimline::model::{EventKind, LinkKind};
use swimline::notes::NotesFile;
use swimline::notes::store::beside;
use swimline::ui::{ScriptedDialogs, SwimlineApp};

use super::{root, temp_dir};

/// The seed report's date (it has no dateline: the reader asks for it).
const REPORT_DATE: &str = "2018-03-23";

/// The bundled dataset as a file of the user's in `dir`, and the seed report beside it.
fn data_and_report(dir: &Path) -> (PathBuf, PathBuf) {
    let data = dir.join("data.json");
    std::fs::copy(root().join("data/russia-taliban-2018.json"), &data)
        .unwrap_or_else(|e| panic!("{e}"));
    let report = dir.join("report.txt");
    std::fs::copy(root().join("tests/fixtures/article.txt"), &report)
        .unwrap_or_else(|e| panic!("{e}"));
    (data, report)
}

/// Steps the window until `done`.
fn step_until(harness: &mut Harness<'static, SwimlineApp>, done: impl Fn(&SwimlineApp) -> bool) {
    for _ in 0..400 {
        harness.step();
        if done(harness.state()) {
            harness.run_ok();
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    panic!("never happened; status: {}", harness.state().status());
}

/// The window showing `data`, with dialogs that answer `open` and `save`; File ▸ Read a
/// report… clicked, the report's date typed and read: the drafts shown.
fn reader_on(
    data: &Path,
    open: Vec<Option<PathBuf>>,
    save: Vec<Option<PathBuf>>,
) -> Harness<'static, SwimlineApp> {
    let loaded = load_default().unwrap_or_else(|e| panic!("{e}"));
    let app = SwimlineApp::new(loaded, None, Box::new(ScriptedDialogs::new(open, save)))
        .open_on_start(data.to_path_buf());
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1480.0, 900.0))
        .build_ui_state(|ui, app: &mut SwimlineApp| app.ui_root(ui), app);
    step_until(&mut harness, |app| {
        !app.is_loading() && app.loaded().path.is_some()
    });
    harness.get_by_label("File").click();
    harness.run_ok();
    harness.get_by_label("Read a report…").click();
    step_until(&mut harness, |app| !app.is_reading_report());
    // The report has no dateline: the reader says so and asks for the day it was written.
    assert!(
        harness.query_by_label_contains("no date found").is_some(),
        "{}",
        harness.state().status()
    );
    harness.get_by_label("The report's date").click();
    harness.run_ok();
    harness
        .get_by_label("The report's date")
        .type_text(REPORT_DATE);
    harness.run_ok();
    harness.get_by_label("Read again on this date").click();
    step_until(&mut harness, |app| !app.reader_drafts().is_empty());
    harness
}

/// The drafts the command line gives for the report against the dataset's lanes.
fn expected_drafts(report: &Path, app: &SwimlineApp) -> Vec<Draft> {
    let lanes: Vec<(String, String)> = app
        .dataset()
        .actors
        .iter()
        .map(|a| (a.id.clone(), a.name.clone()))
        .collect();
    let date = chrono::NaiveDate::parse_from_str(REPORT_DATE, "%Y-%m-%d").ok();
    swimline::extract::report::extract_file(report, date, &lanes)
        .unwrap_or_else(|e| panic!("{e}"))
        .drafts
}

/// Ticks (or unticks) the draft titled `title`, scrolled to first.
fn tick(harness: &mut Harness<'static, SwimlineApp>, title: &str) {
    let label = format!("Keep “{title}”");
    harness.get_by_label(&label).scroll_to_me();
    harness.run_ok();
    harness.get_by_label(&label).click();
    harness.run_ok();
}

/// Clicks the row of the draft titled `title` (selects it).
fn select_draft(harness: &mut Harness<'static, SwimlineApp>, title: &str) {
    harness
        .get_by(|n| {
            n.role() == Role::Button
                && n.label()
                    .is_some_and(|l| l.contains(title) && !l.starts_with("Keep"))
        })
        .scroll_to_me();
    harness.run_ok();
    harness
        .get_by(|n| {
            n.role() == Role::Button
                && n.label()
                    .is_some_and(|l| l.contains(title) && !l.starts_with("Keep"))
        })
        .click();
    harness.run_ok();
}

#[test]
fn ticked_drafts_go_to_the_notes_with_their_link_and_to_a_new_timeline() {
    let dir = temp_dir("reader-add");
    let (data, report) = data_and_report(&dir);
    let data_before = std::fs::read(&data).unwrap_or_default();
    let saved = dir.join("drafts.json");
    let mut harness = reader_on(&data, vec![Some(report.clone())], vec![Some(saved.clone())]);
    let expected = expected_drafts(&report, harness.state());
    let shown: Vec<&str> = harness
        .state()
        .reader_drafts()
        .iter()
        .map(|d| d.title.as_str())
        .collect();
    let wanted: Vec<&str> = expected.iter().map(|d| d.title.as_str()).collect();
    assert_eq!(shown, wanted);

    // The denial, and a claim of Nicholson's it answers.
    let denial = expected
        .iter()
        .position(|d| d.kind == EventKind::Denial)
        .unwrap_or_else(|| panic!("no denial among {wanted:?}"));
    let claim = expected[denial]
        .links
        .iter()
        .map(|l| l.to_draft)
        .find(|&c| {
            expected[c].kind == EventKind::Claim
                && expected[c]
                    .source
                    .as_deref()
                    .is_some_and(|s| s.contains("Nicholson"))
        })
        .unwrap_or_else(|| panic!("the denial answers no claim of Nicholson's"));
    let (claim_title, denial_title) = (wanted[claim].to_owned(), wanted[denial].to_owned());

    harness.get_by_label("Untick all").click();
    harness.run_ok();
    tick(&mut harness, &claim_title);
    harness.run_ok();
    tick(&mut harness, &denial_title);
    harness.run_ok();
    assert_eq!(
        harness
            .state()
            .reader_drafts()
            .iter()
            .filter(|d| d.is_ticked)
            .count(),
        2
    );
    select_draft(&mut harness, &denial_title);
    harness
        .get_by_label_contains(&format!("Confirm: denies “{claim_title}”"))
        .click();
    harness.run_ok();

    harness.get_by_label("Add to my notes").click();
    harness.run_ok();
    let app = harness.state();
    let own = &app.notes().notes.own_events;
    let titles: Vec<&str> = own.values().map(|e| e.title.as_str()).collect();
    assert_eq!(own.len(), 2, "{titles:?}");
    assert!(titles.contains(&claim_title.as_str()) && titles.contains(&denial_title.as_str()));
    for e in own.values() {
        assert!(!e.time.contains("@{"), "written out: {}", e.time);
        assert!(e.description.contains("report.txt"), "{}", e.description);
        assert!(e.description.contains(REPORT_DATE), "{}", e.description);
        assert!(!e.quote.is_empty());
    }
    let claim_event = own
        .values()
        .find(|e| e.title == claim_title)
        .unwrap_or_else(|| panic!("no claim"));
    assert!(claim_event.source.contains("Nicholson"), "{claim_event:?}");
    let links: Vec<_> = app.notes().notes.own_links.values().collect();
    assert_eq!(links.len(), 1, "{links:?}");
    assert_eq!(links[0].kind, LinkKind::Denies);
    // They are events of the dataset on screen now.
    for title in [&claim_title, &denial_title] {
        assert!(
            app.dataset()
                .events
                .iter()
                .any(|e| e.title() == title.as_str()),
            "{title} is not on the timeline"
        );
    }

    // Written to the notes file beside the data; the data file is untouched.
    harness.state_mut().flush_notes();
    let text = std::fs::read_to_string(beside(&data)).unwrap_or_else(|e| panic!("{e}"));
    let notes = NotesFile::from_json(&text).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(notes.own_events.len(), 2);
    assert_eq!(notes.own_links.len(), 1);
    assert_eq!(std::fs::read(&data).unwrap_or_default(), data_before);

    // The two again, saved as a timeline of their own.
    harness.get_by_label("Tick all").click();
    harness.run_ok();
    harness.get_by_label("Untick all").click();
    harness.run_ok();
    tick(&mut harness, &claim_title);
    harness.run_ok();
    tick(&mut harness, &denial_title);
    harness.run_ok();
    harness.get_by_label("Save as a new timeline…").click();
    step_until(&mut harness, |_| saved.exists());
    let timeline = swimline::io::load_path(&saved).unwrap_or_else(|e| panic!("{e}"));
    let saved_titles: Vec<&str> = timeline.dataset.events.iter().map(|e| e.title()).collect();
    assert_eq!(saved_titles.len(), 2, "{saved_titles:?}");
    assert!(saved_titles.contains(&claim_title.as_str()));
    assert!(saved_titles.contains(&denial_title.as_str()));
    assert_eq!(timeline.dataset.links.len(), 1);
    assert_eq!(std::fs::read(&data).unwrap_or_default(), data_before);
}

#[test]
fn a_time_that_does_not_read_is_shown_beside_the_field_and_the_draft_is_not_added() {
    let dir = temp_dir("reader-bad-time");
    let (data, report) = data_and_report(&dir);
    let mut harness = reader_on(&data, vec![Some(report)], vec![]);
    let title = harness.state().reader_drafts()[0].title.clone();
    harness.get_by_label("Untick all").click();
    harness.run_ok();
    tick(&mut harness, &title);
    harness.run_ok();
    select_draft(&mut harness, &title);
    harness.get_by_label("Time").click();
    harness.run_ok();
    harness.get_by_label("Time").type_text(" in the spring");
    harness.run_ok();
    let error = harness.state().reader_drafts()[0]
        .time_error
        .clone()
        .unwrap_or_else(|| panic!("no error for {}", harness.state().reader_drafts()[0].time));
    assert!(
        harness.query_by_label(&error).is_some(),
        "{error} not shown"
    );

    harness.get_by_label("Add to my notes").click();
    harness.run_ok();
    assert!(harness.state().notes().notes.own_events.is_empty());
    assert!(
        harness.query_by_label_contains("Nothing added").is_some(),
        "the reader says why"
    );
}

/// A file dropped on the window, as the desktop hands it over.
#[derive(Debug)]
struct Dropped(PathBuf);

impl egui::DroppedFile for Dropped {
    fn path(&self) -> &Path {
        &self.0
    }

    fn bytes(&self) -> Result<Vec<u8>, String> {
        std::fs::read(&self.0).map_err(|e| e.to_string())
    }
}

#[test]
fn a_report_dropped_on_the_window_is_read_not_opened_as_data_and_pasted_text_is_read_too() {
    let dir = temp_dir("reader-drop");
    let (data, report) = data_and_report(&dir);
    let loaded = load_default().unwrap_or_else(|e| panic!("{e}"));
    let app = SwimlineApp::new(loaded, None, Box::new(ScriptedDialogs::new(vec![], vec![])))
        .open_on_start(data.clone());
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1480.0, 900.0))
        .build_ui_state(|ui, app: &mut SwimlineApp| app.ui_root(ui), app);
    step_until(&mut harness, |app| {
        !app.is_loading() && app.loaded().path.is_some()
    });
    harness
        .input_mut()
        .dropped_files
        .push(std::sync::Arc::new(Dropped(report)));
    harness.step();
    step_until(&mut harness, |app| !app.is_reading_report());
    // Read as a report (it has no date, so the reader asks); the data on screen is unchanged.
    assert!(harness.query_by_label_contains("no date found").is_some());
    assert_eq!(
        harness.state().loaded().path.as_deref(),
        Some(data.as_path())
    );

    harness.get_by_label("Paste text instead…").click();
    harness.run_ok();
    let field = "Paste the report's text (its first lines should say its date, or give it here):";
    harness.get_by_label(field).click();
    harness.run_ok();
    harness.get_by_label(field).type_text(
        "Moscow, 4 March 2022. The minister said on Tuesday that the talks had failed. \
         The embassy denied that the talks had failed.",
    );
    harness.run_ok();
    harness.get_by_label("Read it").click();
    step_until(&mut harness, |app| !app.reader_drafts().is_empty());
    let drafts = harness.state().reader_drafts();
    assert!(
        drafts.iter().any(|d| d.kind == EventKind::Denial),
        "{:?}",
        drafts
            .iter()
            .map(|d| (&d.title, d.kind))
            .collect::<Vec<_>>()
    );
    assert!(
        drafts.iter().any(|d| d.time.contains("2022-03-01")),
        "Tuesday before 4 March 2022 is 1 March: {:?}",
        drafts.iter().map(|d| &d.time).collect::<Vec<_>>()
    );
}

/// The window showing a copy of the bundled dataset in `dir`, loaded, with dialogs that answer
/// `open`.
fn window_on(dir: &Path, open: Vec<Option<PathBuf>>) -> (Harness<'static, SwimlineApp>, PathBuf) {
    let data = dir.join("data.json");
    std::fs::copy(root().join("data/russia-taliban-2018.json"), &data)
        .unwrap_or_else(|e| panic!("{e}"));
    let loaded = load_default().unwrap_or_else(|e| panic!("{e}"));
    let app = SwimlineApp::new(loaded, None, Box::new(ScriptedDialogs::new(open, vec![])))
        .open_on_start(data.clone());
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1480.0, 900.0))
        .build_ui_state(|ui, app: &mut SwimlineApp| app.ui_root(ui), app);
    step_until(&mut harness, |app| {
        !app.is_loading() && app.loaded().path.is_some()
    });
    (harness, data)
}

/// A fixture report of `tests/fixtures/reports/` (made by `scripts/report-fixtures.py`),
/// copied into `dir`.
fn fixture_report(dir: &Path, name: &str) -> PathBuf {
    let to = dir.join(name);
    std::fs::copy(root().join("tests/fixtures/reports").join(name), &to)
        .unwrap_or_else(|e| panic!("{name}: {e}"));
    to
}

/// The draft whose quote holds `words`.
fn draft_quoting<'a>(
    drafts: &'a [swimline::ui::state::reader::DraftForm],
    words: &str,
) -> &'a swimline::ui::state::reader::DraftForm {
    drafts
        .iter()
        .find(|d| d.draft.quote.text.contains(words))
        .unwrap_or_else(|| {
            panic!(
                "no draft quotes “{words}”: {:?}",
                drafts
                    .iter()
                    .map(|d| &d.draft.quote.text)
                    .collect::<Vec<_>>()
            )
        })
}

#[test]
fn a_word_document_and_a_pdf_open_in_the_reader_with_their_drafts() {
    let dir = temp_dir("reader-docx-pdf");
    let docx = fixture_report(&dir, "2022-03-25_state_rfj_russian_cyber_actor.docx");
    let pdf = fixture_report(&dir, "2022-06-30_state_cuba_harsh_sentencing.pdf");
    let (mut harness, data) = window_on(&dir, vec![Some(docx)]);
    let data_before = std::fs::read(&data).unwrap_or_default();

    // The .docx through File ▸ Read a report…, dated by its dateline.
    harness.get_by_label("File").click();
    harness.run_ok();
    harness.get_by_label("Read a report…").click();
    step_until(&mut harness, |app| !app.reader_drafts().is_empty());
    let app = harness.state();
    let text = app.reader_text().unwrap_or_default();
    // The body's paragraphs, a name Word split over two runs joined; the footnote and the
    // page header are not read.
    assert!(text.starts_with("March 25, 2022\n"), "{text}");
    assert!(
        text.contains("Russia-based hacker Evgeny Viktorovich Gladkikh."),
        "{text}"
    );
    assert!(!text.contains("Indicted by a federal grand jury"), "{text}");
    assert!(!text.contains("Media Note"), "{text}");
    let drafts = app.reader_drafts();
    let hack = draft_quoting(drafts, "Between May and September 2017");
    assert_eq!(
        hack.time, "2017-05/2017-09",
        "between May and September 2017"
    );
    let research = draft_quoting(drafts, "Between February and July 2018");
    assert_eq!(research.time, "2018-02/2018-07");
    assert!(
        harness
            .query_by_label_contains("the dateline on line 1")
            .is_some()
    );

    // The PDF dropped on the window: read as a report, its wrapped lines joined.
    harness
        .input_mut()
        .dropped_files
        .push(std::sync::Arc::new(Dropped(pdf)));
    harness.step();
    step_until(&mut harness, |app| {
        !app.is_reading_report()
            && app
                .reader_text()
                .is_some_and(|t| t.starts_with("June 30, 2022"))
    });
    let app = harness.state();
    let drafts = app.reader_drafts();
    let held = draft_quoting(drafts, "continues to hold in detention");
    assert_eq!(held.time, "2021-07-11");
    assert!(
        held.draft
            .quote
            .text
            .ends_with("human rights and fundamental freedoms."),
        "one sentence over three lines of the page: {}",
        held.draft.quote.text
    );
    assert!(
        drafts.iter().all(|d| d.source != "United"),
        "{:?}",
        drafts.iter().map(|d| &d.source).collect::<Vec<_>>()
    );
    assert_eq!(
        app.loaded().path.as_deref(),
        Some(data.as_path()),
        "read as a report, not opened as data"
    );
    assert_eq!(std::fs::read(&data).unwrap_or_default(), data_before);
}

#[test]
fn drafts_added_keep_the_report_in_the_notes_and_the_quote_opens_it_again() {
    let dir = temp_dir("reader-kept");
    let (data, report) = data_and_report(&dir);
    let data_before = std::fs::read(&data).unwrap_or_default();
    let mut harness = reader_on(&data, vec![Some(report.clone())], vec![]);
    let denial = harness
        .state()
        .reader_drafts()
        .iter()
        .find(|d| d.kind == EventKind::Denial)
        .map(|d| d.title.clone())
        .unwrap_or_else(|| panic!("no denial"));
    harness.get_by_label("Untick all").click();
    harness.run_ok();
    tick(&mut harness, &denial);
    harness.get_by_label("Add to my notes").click();
    harness.run_ok();
    harness.state_mut().flush_notes();
    drop(harness);

    // On disk: the report (text, date and why, file name) and the event pointing into it.
    let text = std::fs::read_to_string(beside(&data)).unwrap_or_else(|e| panic!("{e}"));
    assert!(text.contains("\"format\": \"swimline-notes/2\""), "{text}");
    let notes = NotesFile::from_json(&text).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(notes.reports.len(), 1, "{text}");
    let (id, event) = notes
        .own_events
        .iter()
        .next()
        .unwrap_or_else(|| panic!("no own event: {text}"));
    let (kept, at) = notes
        .quote_in_report(id)
        .unwrap_or_else(|| panic!("{id} has no report: {text}"));
    let article = std::fs::read_to_string(&report).unwrap_or_default();
    assert_eq!(kept.text, article);
    assert_eq!(kept.name, "report.txt");
    assert_eq!(kept.date, REPORT_DATE);
    assert!(!kept.date_reason.is_empty());
    assert_eq!(
        kept.words_at(at.start_char, at.end_char),
        Some(event.quote.as_str())
    );
    assert!(event.quote.contains("denied"), "{}", event.quote);
    assert_eq!(std::fs::read(&data).unwrap_or_default(), data_before);

    // Opened again, with the report's file gone: the event's quote opens the kept text.
    std::fs::remove_file(&report).unwrap_or_else(|e| panic!("{e}"));
    let (mut harness, _) = {
        let loaded = load_default().unwrap_or_else(|e| panic!("{e}"));
        let app = SwimlineApp::new(loaded, None, Box::new(ScriptedDialogs::new(vec![], vec![])))
            .open_on_start(data.clone());
        let mut harness = Harness::builder()
            .with_size(egui::vec2(1480.0, 900.0))
            .build_ui_state(|ui, app: &mut SwimlineApp| app.ui_root(ui), app);
        step_until(&mut harness, |app| {
            !app.is_loading() && app.loaded().path.is_some()
        });
        (harness, ())
    };
    assert_eq!(harness.state().notes().notes.reports.len(), 1);
    let pick = harness
        .state()
        .dataset()
        .event_by_id(id)
        .unwrap_or_else(|| panic!("{id} is not on the timeline"));
    let ctx = harness.ctx.clone();
    harness
        .state_mut()
        .apply(swimline::ui::Command::Select(Some(pick)), &ctx);
    harness.run_ok();
    harness
        .get_by_label("Open the report at this quote")
        .click();
    step_until(&mut harness, |app| !app.reader_drafts().is_empty());
    let app = harness.state();
    assert_eq!(app.reader_text(), Some(article.as_str()));
    let selected = app
        .reader_selected_draft()
        .unwrap_or_else(|| panic!("no draft selected"));
    assert_eq!(selected.draft.quote.start_char, at.start_char);
    assert_eq!(selected.draft.quote.text, event.quote);
    assert!(
        app.reader_drafts().iter().all(|d| !d.is_ticked),
        "reviewed already: none ticked, so Add does not add them twice"
    );
    assert!(
        harness
            .query_by_label_contains("as kept with your notes")
            .is_some()
    );
    assert_eq!(std::fs::read(&data).unwrap_or_default(), data_before);
}

#[test]
fn a_report_read_on_start_waits_for_the_data_and_matches_its_lanes() {
    // `SWIMLINE_READ_REPORT=… swimline DATA`: read before DATA had loaded, every actor was
    // proposed as a new lane (seen under Xvfb: "Russia (new lane)").
    let dir = temp_dir("reader-on-start");
    let (data, report) = data_and_report(&dir);
    let loaded = swimline::io::load_path(&data).unwrap_or_else(|e| panic!("{e}"));
    let mut empty = loaded;
    empty.dataset = swimline::model::Dataset::default();
    let date = chrono::NaiveDate::parse_from_str(REPORT_DATE, "%Y-%m-%d").ok();
    let app = SwimlineApp::new(empty, None, Box::new(ScriptedDialogs::new(vec![], vec![])))
        .open_on_start(data.clone())
        .read_report_on_start(report, date);
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1480.0, 900.0))
        .build_ui_state(|ui, app: &mut SwimlineApp| app.ui_root(ui), app);
    step_until(&mut harness, |app| {
        !app.is_loading() && !app.is_reading_report() && !app.reader_drafts().is_empty()
    });
    let drafts = harness.state().reader_drafts();
    let denial = drafts
        .iter()
        .find(|d| d.kind == EventKind::Denial)
        .unwrap_or_else(|| panic!("no denial"));
    assert!(
        denial.lanes.iter().any(|l| l.lane == "russia" && !l.is_new),
        "{:?}",
        denial.lanes
    );
}
