//! The real window, driven by its labels with `egui_kittest` (no display needed).

use std::path::PathBuf;

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use swimline::io::load_default;
use swimline::layout::TimeView;
use swimline::ui::{Command, ScriptedDialogs, SwimlineApp};

use super::temp_dir;

fn app_with(open: Vec<Option<PathBuf>>, save: Vec<Option<PathBuf>>) -> SwimlineApp {
    let loaded = load_default().unwrap_or_else(|e| panic!("{e}"));
    SwimlineApp::new(loaded, None, Box::new(ScriptedDialogs::new(open, save)))
}

fn harness(app: SwimlineApp) -> Harness<'static, SwimlineApp> {
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1480.0, 900.0))
        .build_ui_state(|ui, app: &mut SwimlineApp| app.ui_root(ui), app);
    harness.run_ok();
    harness
}

/// Steps until background work (file loading) is done; it reports through a channel.
fn wait_for_loading(harness: &mut Harness<'static, SwimlineApp>) {
    for _ in 0..500 {
        harness.step();
        if !harness.state().is_loading() {
            harness.run_ok();
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    panic!("loading did not finish");
}

fn event_label(app: &SwimlineApp, id: &str, lane: &str) -> String {
    let dataset = app.dataset();
    let i = dataset
        .event_by_id(id)
        .unwrap_or_else(|| panic!("no event {id}"));
    format!("{} ({lane})", dataset.events.at(i).title())
}

#[test]
fn the_default_dataset_shows_a_lane_per_actor() {
    let harness = harness(app_with(vec![], vec![]));
    let names: Vec<String> = harness
        .state()
        .dataset()
        .actors
        .iter()
        .map(|a| a.name.clone())
        .collect();
    assert_eq!(names.len(), 8);
    for name in &names {
        let lane = harness.get_by_role_and_label(Role::Label, name);
        assert!(
            lane.rect().left() < 200.0,
            "{name}'s label is in the pinned column"
        );
    }
}

#[test]
fn an_event_in_several_lanes_appears_in_each() {
    let harness = harness(app_with(vec![], vec![]));
    for lane in ["US forces in Afghanistan", "Russia", "Taliban"] {
        let label = event_label(harness.state(), "nicholson-accuses", lane);
        harness.get_by_label(&label);
    }
}

#[test]
fn clicking_an_event_shows_its_details_and_esc_clears() {
    let mut harness = harness(app_with(vec![], vec![]));
    let label = event_label(harness.state(), "aid-suspended", "US President");
    harness.get_by_label(&label).click();
    harness.run_ok();
    let selected = harness.state().selected();
    assert_eq!(
        selected,
        harness.state().dataset().event_by_id("aid-suspended")
    );
    harness.get_by_label("Details");
    harness.get_by_label("4 Jan 2018");
    harness
        .get_by_label_contains("suspended security aid to Pakistan after complaining on Twitter");
    harness.key_press(egui::Key::Escape);
    harness.run_ok();
    assert_eq!(harness.state().selected(), None);
    assert!(harness.query_by_label("Details").is_none());
}

#[test]
fn the_details_of_a_denial_list_the_claims_it_denies_and_select_them() {
    let mut harness = harness(app_with(vec![], vec![]));
    let label = event_label(harness.state(), "russia-denies", "Russia");
    harness.get_by_label(&label).click();
    harness.run_ok();
    harness.get_by_label("Linked events");
    let claim = "Nicholson: Russia is backing the Taliban and supplying weapons";
    harness.get_by_role_and_label(Role::Link, claim).click();
    harness.run_ok();
    let expected = harness.state().dataset().event_by_id("nicholson-accuses");
    assert_eq!(harness.state().selected(), expected);
    harness.get_by_label("denied by:");
}

#[test]
fn alt_click_follows_the_links_of_an_event_one_after_another() {
    let mut harness = harness(app_with(vec![], vec![]));
    let label = event_label(harness.state(), "russia-denies", "Russia");
    let denial = harness.state().dataset().event_by_id("russia-denies");
    let linked = denial
        .map(|d| swimline::ui::linked_events(harness.state().dataset(), d))
        .unwrap_or_default();
    assert!(linked.len() >= 2, "{linked:?}");
    // Each Alt+click on the denial selects the next event it is linked to, in turn.
    for expected in linked.iter().chain(linked.first()) {
        harness
            .get_by_label(&label)
            .click_modifiers(egui::Modifiers::ALT);
        harness.run_ok();
        assert_eq!(harness.state().selected(), Some(*expected));
    }
    // An event without links says so and keeps the selection.
    let dataset = harness.state().dataset();
    let lonely = (0..dataset.events.len())
        .find(|&e| swimline::ui::linked_events(dataset, e).is_empty())
        .unwrap_or_default();
    let lane = dataset.events.at(lonely).actors()[0] as usize;
    let lonely_label = format!(
        "{} ({})",
        dataset.events.at(lonely).title(),
        dataset.actors[lane].name
    );
    let before = harness.state().selected();
    harness
        .get_by_label(&lonely_label)
        .click_modifiers(egui::Modifiers::ALT);
    harness.run_ok();
    assert_eq!(harness.state().selected(), before);
    assert!(harness.state().status().contains("no links to follow"));
}

#[test]
fn relative_dates_are_explained_in_words() {
    let mut harness = harness(app_with(vec![], vec![]));
    let label = event_label(harness.state(), "activity-picks-up", "Russia");
    harness.get_by_label(&label).click();
    harness.run_ok();
    harness.get_by_label("between Mar 2016 and Sep 2016 – Mar 2018");
    harness.get_by_label_contains("18 to 24 months before the start of");
}

#[test]
fn zoom_to_fit_shows_every_event() {
    let mut harness = harness(app_with(vec![], vec![]));
    let ctx = harness.ctx.clone();
    let far = TimeView {
        start_secs: 2e9,
        span_secs: 3600.0,
    };
    harness.state_mut().apply(Command::SetView(far), &ctx);
    harness.run_ok();
    let some = event_label(harness.state(), "aid-suspended", "Pakistan");
    assert!(
        harness.query_by_label(&some).is_none(),
        "nothing in view an hour in 2033"
    );
    harness
        .get_by_role_and_label(Role::Button, "Zoom to fit")
        .click();
    harness.run_ok();
    let app = harness.state();
    let mut expected = Vec::new();
    for event in app.dataset().events.iter() {
        for &a in event.actors() {
            expected.push(format!(
                "{} ({})",
                event.title(),
                app.dataset().actors[a as usize].name
            ));
        }
    }
    for label in expected {
        harness.get_by_label(&label);
    }
}

#[test]
fn the_wheel_zooms_time_around_the_pointer() {
    let mut harness = harness(app_with(vec![], vec![]));
    let before = harness.state().view();
    let pointer = egui::pos2(800.0, 500.0);
    harness.hover_at(pointer);
    harness.run_ok();
    harness.event(egui::Event::MouseWheel {
        unit: egui::MouseWheelUnit::Point,
        delta: egui::vec2(0.0, 120.0),
        phase: egui::TouchPhase::Move,
        modifiers: egui::Modifiers::NONE,
        source: egui::MouseWheelSource::Wheel,
    });
    harness.run_ok();
    let after = harness.state().view();
    assert!(
        after.span_secs < before.span_secs * 0.9,
        "{before:?} → {after:?}"
    );
    // The time under the pointer stayed put.
    let width = 1480.0 - 190.0;
    let frac = (f64::from(pointer.x) - 190.0) / width;
    let t_before = before.start_secs + frac * before.span_secs;
    let t_after = after.start_secs + frac * after.span_secs;
    assert!(
        (t_before - t_after).abs() < before.span_secs * 0.01,
        "{t_before} vs {t_after}"
    );
}

#[test]
fn loading_a_bad_file_shows_the_error_and_keeps_the_old_dataset() {
    let dir = temp_dir("bad-open");
    let bad = dir.join("broken.json");
    std::fs::write(
        &bad,
        "{\"format\": \"swimline/1\",\n \"events\": [{\"id\": \"x\", \"title\": \"X\", \"time\": \"2018-99\"}]}",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let mut harness = harness(app_with(vec![Some(bad.clone())], vec![]));
    let title_before = harness.state().dataset().title.clone();
    harness.get_by_role_and_label(Role::Button, "Open…").click();
    harness.run_ok();
    wait_for_loading(&mut harness);
    let error = harness.state().error().unwrap_or_default().to_owned();
    assert!(
        error.contains("broken.json:2:47: events[0].time: expected the month"),
        "{error}"
    );
    assert_eq!(harness.state().dataset().title, title_before);
    harness.get_by_label_contains("expected the month as 2 digits");
    // The old dataset is still there and usable.
    let label = event_label(harness.state(), "aid-suspended", "US President");
    harness.get_by_label(&label);
    harness
        .get_by_role_and_label(Role::Button, "Dismiss")
        .click();
    harness.run_ok();
    assert!(harness.state().error().is_none());
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn opening_a_good_file_replaces_the_dataset() {
    let file = super::root().join("tests/fixtures/good/relative-chain.json");
    let mut harness = harness(app_with(vec![Some(file)], vec![]));
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::O);
    harness.run_ok();
    wait_for_loading(&mut harness);
    assert_eq!(
        harness.state().dataset().title,
        "Relative dates, open ends, BCE"
    );
    harness.get_by_role_and_label(Role::Label, "Alpha");
    harness.get_by_label("Ides of March (Alpha)");
    assert!(harness.state().status().contains("relative-chain.json"));
}

#[test]
fn a_cancelled_dialog_changes_nothing() {
    let loaded = load_default().unwrap_or_else(|e| panic!("{e}"));
    let dialogs = std::sync::Arc::new(ScriptedDialogs::new(vec![None], vec![None]));
    let app = SwimlineApp::new(loaded, None, Box::new(dialogs.clone()));
    let mut harness = harness(app);
    let title = harness.state().dataset().title.clone();
    let status = harness.state().status().to_owned();
    harness.get_by_role_and_label(Role::Button, "Open…").click();
    harness.run_ok();
    // The open dialog was asked (its one answer, "cancel", taken), and nothing changed.
    assert_eq!(dialogs.left(), (0, 1));
    assert!(!harness.state().is_loading());
    harness
        .get_by_role_and_label(Role::Button, "Export screenshot…")
        .click();
    harness.run_ok();
    assert_eq!(dialogs.left(), (0, 0));
    assert_eq!(harness.state().dataset().title, title);
    assert_eq!(harness.state().dataset().events.len(), 16);
    assert_eq!(harness.state().status(), status);
    assert!(harness.state().error().is_none());
}

#[test]
fn export_never_overwrites_the_open_data_file() {
    let dir = temp_dir("export-self");
    let data = dir.join("data.json");
    std::fs::copy(
        super::root().join("tests/fixtures/good/relative-chain.json"),
        &data,
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let original = std::fs::read(&data).unwrap_or_default();
    let mut harness = harness(app_with(vec![Some(data.clone())], vec![Some(data.clone())]));
    harness.get_by_role_and_label(Role::Button, "Open…").click();
    harness.run_ok();
    wait_for_loading(&mut harness);
    harness
        .get_by_role_and_label(Role::Button, "Export screenshot…")
        .click();
    harness.run_ok();
    let error = harness.state().error().unwrap_or_default().to_owned();
    assert!(error.contains("never writes over it"), "{error}");
    assert_eq!(std::fs::read(&data).unwrap_or_default(), original);
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn export_over_an_existing_file_asks_first() {
    let dir = temp_dir("export-existing");
    let existing = dir.join("shot.png");
    std::fs::write(&existing, b"not yet").unwrap_or_else(|e| panic!("{e}"));
    let mut harness = harness(app_with(vec![], vec![Some(existing.clone())]));
    harness.key_press_modifiers(
        egui::Modifiers::COMMAND | egui::Modifiers::SHIFT,
        egui::Key::S,
    );
    harness.run_ok();
    harness.get_by_label("Replace the file?");
    harness
        .get_by_role_and_label(Role::Button, "Cancel")
        .click();
    harness.run_ok();
    assert!(harness.query_by_label("Replace the file?").is_none());
    assert_eq!(std::fs::read(&existing).unwrap_or_default(), b"not yet");
    assert_eq!(harness.state().status(), "Export cancelled");
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn a_file_with_warnings_says_so_and_lists_them() {
    let file = super::shared_data("timesketch/invalid_datetime.csv");
    let mut harness = harness(app_with(vec![Some(file)], vec![]));
    harness.get_by_role_and_label(Role::Button, "Open…").click();
    harness.run_ok();
    wait_for_loading(&mut harness);
    assert!(
        harness
            .state()
            .status()
            .contains("Timesketch CSV: 4 events, 1 sources, 4 warnings"),
        "a Timesketch file's lanes are its sources: {}",
        harness.state().status()
    );
    harness.get_by_label("Warnings: invalid_datetime.csv");
    harness.get_by_label_contains("row 4: datetime \"1234 19:01:01\" cannot be read");
    // The status bar button closes and reopens the list.
    harness
        .get_by_role_and_label(Role::Button, "4 warnings")
        .click();
    harness.run_ok();
    assert!(
        harness
            .query_by_label("Warnings: invalid_datetime.csv")
            .is_none()
    );
}

#[test]
fn a_changed_file_reloads_keeping_the_view_and_a_broken_change_keeps_the_data() {
    let dir = temp_dir("reload");
    let path = dir.join("live.csv");
    std::fs::write(&path, "title,start,actors\nFirst,2018-01-04,A\n")
        .unwrap_or_else(|e| panic!("{e}"));
    let loaded = swimline::io::load_path(&path).unwrap_or_else(|e| panic!("{e}"));
    let app = SwimlineApp::new(loaded, None, Box::new(ScriptedDialogs::default()));
    let mut harness = harness(app);
    let ctx = harness.ctx.clone();
    let view = TimeView {
        start_secs: 1.5e9,
        span_secs: 1e7,
    };
    harness.state_mut().apply(Command::SetView(view), &ctx);
    harness.run_ok();

    // Modification times can be coarse: make sure the new one differs.
    std::thread::sleep(std::time::Duration::from_millis(1100));
    std::fs::write(
        &path,
        "title,start,actors\nFirst,2018-01-04,A\nSecond,2018-01-05,B\n",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    wait_for(&mut harness, |app| app.dataset().events.len() == 2);
    assert_eq!(harness.state().view(), view, "the view is kept");
    assert!(harness.state().status().starts_with("Reloaded live.csv"));

    std::thread::sleep(std::time::Duration::from_millis(1100));
    std::fs::write(&path, "nonsense\n").unwrap_or_else(|e| panic!("{e}"));
    wait_for(&mut harness, |app| app.error().is_some());
    assert_eq!(
        harness.state().dataset().events.len(),
        2,
        "the data read before stays"
    );
    assert!(
        harness
            .state()
            .status()
            .contains("changed on disk but cannot be read")
    );
    let _ = std::fs::remove_dir_all(dir);
}

/// Steps the app (its file watch runs on egui's clock) until `done` holds.
fn wait_for(harness: &mut Harness<'static, SwimlineApp>, done: impl Fn(&SwimlineApp) -> bool) {
    // A deadline, not a count of steps: work on a thread (an image drawn by resvg unoptimised)
    // takes seconds when the machine is busy.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    while std::time::Instant::now() < deadline {
        harness.step();
        if done(harness.state()) {
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    panic!(
        "condition not reached; status: {}",
        harness.state().status()
    );
}

#[test]
fn recent_files_are_remembered_across_runs() {
    let file = super::shared_data("vis-timeline/basic.json");
    let mut harness = harness(app_with(vec![Some(file.clone())], vec![]));
    harness.get_by_role_and_label(Role::Button, "Open…").click();
    harness.run_ok();
    wait_for_loading(&mut harness);
    let remembered = harness.state().persisted().clone();
    assert_eq!(remembered.recent_files, vec![file.clone()]);
    // What eframe stores is what the next run reads, and older stores (missing fields) load.
    let text = serde_json::to_string(&remembered).unwrap_or_else(|e| panic!("{e}"));
    let back: swimline::ui::Persisted =
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(back, remembered);
    let old: swimline::ui::Persisted =
        serde_json::from_str("{}").unwrap_or_else(|e| panic!("an empty store must read: {e}"));
    assert!(old.recent_files.is_empty());
    let next = app_with(vec![], vec![]).with_persisted(back, false);
    let mut harness = self::harness(next);
    harness.get_by_label("File").click();
    harness.run_ok();
    harness.get_by_label("Open recent").hover();
    harness.run_ok();
    harness
        .get_by_role_and_label(Role::Button, "basic.json")
        .click();
    harness.run_ok();
    wait_for_loading(&mut harness);
    assert_eq!(
        harness.state().loaded().format(),
        Some(swimline::io::Format::VisTimeline)
    );
}

#[test]
fn a_cancelled_load_is_dropped_and_the_old_dataset_stays() {
    let file = super::shared_data("vis-timeline/basic.json");
    let mut harness = harness(app_with(vec![], vec![]));
    let ctx = harness.ctx.clone();
    let title = harness.state().dataset().title.clone();
    harness.state_mut().apply(Command::Open(file), &ctx);
    assert!(harness.state().is_loading());
    // What the status bar's Cancel button sends (a small file loads too fast to click it).
    harness.state_mut().apply(Command::CancelLoading, &ctx);
    // Let the background thread finish and its answer arrive.
    std::thread::sleep(std::time::Duration::from_millis(200));
    harness.run_ok();
    assert!(!harness.state().is_loading());
    assert_eq!(harness.state().dataset().title, title);
    assert!(harness.state().status().starts_with("Stopped loading"));
}

#[test]
fn a_lane_group_collapses_into_one_lane_and_expands_again() {
    let mut harness = harness(app_with(vec![], vec![]));
    // Each lane of the group carries the toggle; any of them collapses the group.
    let toggles = harness.get_all_by_label("[-] United States").count();
    assert_eq!(toggles, 2);
    if let Some(toggle) = harness.get_all_by_label("[-] United States").next() {
        toggle.click();
    }
    harness.run_ok();
    harness.get_by_role_and_label(Role::Label, "United States (2 lanes)");
    assert!(
        harness
            .query_by_role_and_label(Role::Label, "US President")
            .is_none()
    );
    // The President's events are in the merged lane, once each.
    let label = event_label(harness.state(), "aid-suspended", "United States (2 lanes)");
    harness.get_by_label(&label);
    harness.get_by_label("[+] expand United States").click();
    harness.run_ok();
    harness.get_by_role_and_label(Role::Label, "US President");
}

#[test]
fn timesketch_lanes_follow_the_column_picked_in_the_view_menu() {
    let file = super::shared_data("timesketch/sigma_events.csv");
    let mut harness = harness(app_with(vec![Some(file)], vec![]));
    harness.get_by_role_and_label(Role::Button, "Open…").click();
    harness.run_ok();
    wait_for_loading(&mut harness);
    harness.get_by_role_and_label(Role::Label, "Write time");
    harness.get_by_label("View").click();
    harness.run_ok();
    harness.get_by_label("Lanes from").hover();
    harness.run_ok();
    harness.get_by_label("extra_field_1").click();
    harness.run_ok();
    wait_for(&mut harness, |app| {
        !app.is_loading() && app.dataset().actors.iter().any(|a| a.name == "foo")
    });
    harness.run_ok();
    harness.get_by_role_and_label(Role::Label, "foo");
    assert!(
        harness
            .query_by_role_and_label(Role::Label, "Write time")
            .is_none()
    );
}

#[test]
fn view_sheet_marks_the_sheet_read_and_reads_another_when_picked() {
    // A copy of the workbook in a folder of its own (notes would be written beside it).
    let dir = temp_dir("sheets");
    let file = dir.join("two-timelines.xlsx");
    let fixture = super::root().join("tests/fixtures/spreadsheets/two-timelines.xlsx");
    std::fs::copy(fixture, &file).unwrap_or_else(|e| panic!("{e}"));
    let mut harness = harness(app_with(vec![Some(file)], vec![]));
    harness.get_by_role_and_label(Role::Button, "Open…").click();
    harness.run_ok();
    wait_for_loading(&mut harness);
    assert_eq!(harness.state().dataset().events.len(), 3);
    // The warning that names the other sheet opens in a window of its own; closed first.
    harness.get_by_label("Warnings: two-timelines.xlsx");
    harness.get_by_label("Close window").click();
    harness.run_ok();
    harness.get_by_label("View").click();
    harness.run_ok();
    harness.get_by_label("Sheet").hover();
    harness.run_ok();
    let toggled = |harness: &Harness<'static, SwimlineApp>, name: &str| {
        use egui_kittest::kittest::NodeT as _;
        harness
            .get_by_label(name)
            .accesskit_node()
            .toggled()
            .is_some_and(|t| t == egui::accesskit::Toggled::True)
    };
    // Nothing was picked: the sheet read (the first of a known layout) is the one marked.
    assert!(toggled(&harness, "Claims"));
    assert!(!toggled(&harness, "About") && !toggled(&harness, "Timeline"));
    harness.get_by_label("Timeline").click();
    harness.run_ok();
    wait_for(&mut harness, |app| {
        !app.is_loading() && app.dataset().events.len() == 2
    });
    let titles: Vec<String> = harness
        .state()
        .dataset()
        .events
        .iter()
        .map(|e| e.title().to_owned())
        .collect();
    assert_eq!(
        titles,
        [
            "Russia begins air strikes in Syria",
            "US suspends security aid to Pakistan"
        ]
    );
}

#[test]
fn search_counts_matches_and_steps_through_them_in_time() {
    let mut harness = harness(app_with(vec![], vec![]));
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::F);
    harness.run_ok();
    // Accents and case do not matter: "WEAPONS" finds "weapons".
    harness.get_by_role(Role::TextInput).type_text("WEAPONS");
    harness.run_ok();
    let n = harness.state().search_summary();
    assert!(n.ends_with("matches"), "{n}");
    // Counted by hand in data/russia-taliban-2018.json: seven events say "weapons" somewhere.
    assert_eq!(n, "7 matches");
    harness.key_press(egui::Key::Enter);
    harness.run_ok();
    assert_eq!(harness.state().search_summary(), "1 of 7");
    let id_of = |harness: &Harness<'static, SwimlineApp>| {
        let selected = harness.state().selected();
        let selected = selected.unwrap_or_else(|| panic!("nothing selected"));
        harness
            .state()
            .dataset()
            .events
            .at(selected)
            .id()
            .to_owned()
    };
    // The three that may have begun in March 2016 come first (in file order among them).
    let first = id_of(&harness);
    assert_eq!(first, "tajik-exercises");
    harness.key_press(egui::Key::Enter);
    harness.run_ok();
    assert_eq!(harness.state().search_summary(), "2 of 7");
    assert_eq!(id_of(&harness), "weapons-smuggled");
    let first = harness.state().dataset().event_by_id(&first);
    harness.key_press_modifiers(egui::Modifiers::SHIFT, egui::Key::Enter);
    harness.run_ok();
    assert_eq!(harness.state().selected(), first);
    harness.get_by_role_and_label(Role::Button, "Clear").click();
    harness.run_ok();
    assert_eq!(harness.state().search_summary(), "");
}

#[test]
fn tab_selects_events_in_time_order_and_the_keyboard_pans_and_zooms() {
    let mut harness = harness(app_with(vec![], vec![]));
    harness.key_press(egui::Key::Tab);
    harness.run_ok();
    let first = harness.state().selected();
    assert_eq!(
        first,
        harness.state().dataset().event_by_id("syria-heats-up")
    );
    harness.key_press(egui::Key::Tab);
    harness.run_ok();
    // Next in time: the activity that picked up 18 to 24 months before the interview, which
    // may have begun in March 2016 (the first of the events that may have, in file order).
    let second = harness.state().selected();
    assert_eq!(
        second,
        harness.state().dataset().event_by_id("activity-picks-up")
    );
    harness.key_press_modifiers(egui::Modifiers::SHIFT, egui::Key::Tab);
    harness.run_ok();
    assert_eq!(harness.state().selected(), first);
    let before = harness.state().view();
    harness.key_press(egui::Key::ArrowRight);
    harness.run_ok();
    let panned = harness.state().view();
    assert!((panned.start_secs - before.start_secs - before.span_secs * 0.1).abs() < 1.0);
    harness.key_press(egui::Key::Minus);
    harness.run_ok();
    assert!(harness.state().view().span_secs > panned.span_secs);
    harness.key_press(egui::Key::F1);
    harness.run_ok();
    harness.get_by_label("Keyboard and mouse");
    harness.get_by_label("select the next / previous event in time");
}

#[test]
fn clicking_the_overview_moves_the_view_there() {
    let mut harness = harness(app_with(vec![], vec![]));
    let ctx = harness.ctx.clone();
    let far = TimeView {
        start_secs: 2e9,
        span_secs: 86_400.0,
    };
    harness.state_mut().apply(Command::SetView(far), &ctx);
    harness.run_ok();
    harness
        .get_by_label("Overview of the whole dataset")
        .click();
    harness.run_ok();
    let view = harness.state().view();
    let centre = view.start_secs + view.span_secs / 2.0;
    let (a, b) = harness.state().dataset().extent_secs().unwrap_or_default();
    assert!(
        (a as f64..b as f64).contains(&centre),
        "{centre} not in {a}..{b}"
    );
    assert_eq!(
        view.span_secs, far.span_secs,
        "a click pans, it does not zoom"
    );
}

#[test]
fn filters_hide_kinds_dates_and_lanes_and_say_how_many_are_shown() {
    use swimline::model::filter::{Certainty, Filter};
    let mut harness = harness(app_with(vec![], vec![]));
    harness.get_by_label("Filter").click();
    harness.run_ok();
    harness
        .get_by_role_and_label(Role::CheckBox, "claim")
        .click();
    harness.run_ok();
    assert_eq!(
        harness.state().filter_summary().as_deref(),
        Some("7 of 16 events")
    );
    harness.get_by_label_contains("Filtered: 7 of 16 events");
    let claim = event_label(harness.state(), "nicholson-accuses", "Russia");
    assert!(
        harness.query_by_label(&claim).is_none(),
        "claims are hidden"
    );
    let ctx = harness.ctx.clone();
    // Solo: only Pakistan's lane, exact dates only.
    let others: Vec<String> = harness
        .state()
        .dataset()
        .actors
        .iter()
        .filter(|a| a.id != "pakistan")
        .map(|a| a.id.clone())
        .collect();
    let solo = Filter {
        hidden_kinds: vec![],
        hidden_certainties: vec![Certainty::Approximate, Certainty::Relative],
        hidden_actors: others,
        ..Filter::default()
    };
    harness.state_mut().apply(Command::SetFilter(solo), &ctx);
    harness.run_ok();
    assert!(
        harness
            .query_by_role_and_label(Role::Label, "Russia")
            .is_none()
    );
    harness.get_by_label(&event_label(harness.state(), "aid-suspended", "Pakistan"));
    if let Some(button) = harness.get_all_by_label("Show everything").next() {
        button.click();
    }
    harness.run_ok();
    assert_eq!(harness.state().filter_summary(), None);
    harness.get_by_role_and_label(Role::Label, "Russia");
}

#[test]
fn the_filter_menu_filters_by_tag_and_by_a_typed_date_range() {
    let mut harness = harness(app_with(vec![], vec![]));
    harness.get_by_label("Filter").click();
    harness.run_ok();
    harness.get_by_label("Tags").click();
    harness.run_ok();
    // "weapons" is on 6 events; "only" keeps those and hides the rest.
    // Tags are listed most used first, so the first "only" is beside "weapons".
    harness.get_by_role_and_label(Role::CheckBox, "weapons (6)");
    let only = harness
        .get_all_by_label("only")
        .next()
        .unwrap_or_else(|| panic!("no \"only\" buttons"));
    only.click();
    harness.run_ok();
    assert_eq!(
        harness.state().filter_summary().as_deref(),
        Some("6 of 16 events")
    );
    harness.get_by_label("Show everything").click();
    harness.run_ok();
    assert_eq!(harness.state().filter_summary(), None);

    // A typed range: 2018 only; an impossible one says why and cannot be applied.
    harness.get_by_label("Filter").click();
    harness.run_ok();
    for (field, text) in [("from", "2018-02"), ("to", "2018-01")] {
        harness
            .get_by_role_and_label(Role::TextInput, field)
            .focus();
        harness.run_ok();
        harness
            .get_by_role_and_label(Role::TextInput, field)
            .type_text(text);
        harness.run_ok();
    }
    harness.get_by_label("the range ends before it starts");
    harness.get_by_role_and_label(Role::TextInput, "to").focus();
    harness.run_ok();
    harness.key_press(egui::Key::Backspace);
    harness.run_ok();
    harness
        .get_by_role_and_label(Role::TextInput, "to")
        .type_text("3");
    harness.run_ok();
    harness.get_by_label("Apply").click();
    harness.run_ok();
    // Counted by hand: every event may touch February or March 2018 except three that are
    // known to other days (Syria, 30 Sep 2015; the tweet, 1 Jan 2018; the aid, 4 Jan 2018).
    assert_eq!(
        harness.state().filter_summary().as_deref(),
        Some("13 of 16 events")
    );
    let dataset = harness.state().dataset();
    let shown: Vec<&str> = (0..dataset.events.len())
        .filter(|&e| harness.state().is_shown(e))
        .map(|e| dataset.events.at(e).id())
        .collect();
    for gone in ["syria-heats-up", "trump-tweet", "aid-suspended"] {
        assert!(!shown.contains(&gone), "{gone} is shown: {shown:?}");
    }
}

#[test]
fn the_session_comes_back_on_the_next_start() {
    use swimline::model::filter::Filter;
    use swimline::ui::{Persisted, Session};
    let mut harness = harness(app_with(vec![], vec![]));
    let ctx = harness.ctx.clone();
    let view = TimeView {
        start_secs: 1.5e9,
        span_secs: 3.0e7,
    };
    let selected = harness.state().dataset().event_by_id("aid-suspended");
    for command in [
        Command::SetView(view),
        Command::SortLanes(swimline::ui::LaneSort::Name),
        Command::SetFilter(Filter {
            hidden_kinds: vec![swimline::model::EventKind::Claim],
            hidden_tags: vec!["media".to_owned()],
            ..Filter::default()
        }),
        Command::ToggleGroup("United States".to_owned()),
        Command::Select(selected),
    ] {
        harness.state_mut().apply(command, &ctx);
        harness.run_ok();
    }
    let session = harness.state().session();
    assert_eq!(session.view, Some(view));
    assert_eq!(session.selected.as_deref(), Some("aid-suspended"));

    // Through eframe's storage (JSON) and into a new app started without a file.
    let stored = Persisted {
        session: Some(session.clone()),
        ..Persisted::default()
    };
    let text = serde_json::to_string(&stored).unwrap_or_else(|e| panic!("{e}"));
    let back: Persisted = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(back, stored);
    let next = self::harness(app_with(vec![], vec![]).with_persisted(back.clone(), true));
    assert_eq!(next.state().session(), session);
    assert_eq!(
        next.state().filter_summary(),
        harness.state().filter_summary()
    );
    // A file named on the command line wins over the session.
    let named = self::harness(app_with(vec![], vec![]).with_persisted(back, false));
    assert_ne!(named.state().session(), session);

    // A session whose file was a data file reopens it, then puts the view back.
    let file = super::shared_data("vis-timeline/basic.json");
    let mut harness = self::harness(app_with(vec![Some(file.clone())], vec![]));
    harness.get_by_role_and_label(Role::Button, "Open…").click();
    harness.run_ok();
    wait_for_loading(&mut harness);
    let view = harness
        .state()
        .view()
        .zoomed(0.25, harness.state().view().start_secs);
    harness.state_mut().apply(Command::SetView(view), &ctx);
    harness.run_ok();
    let session = harness.state().session();
    assert_eq!(session.file.as_ref(), Some(&file));
    let stored = Persisted {
        session: Some(session.clone()),
        ..Persisted::default()
    };
    let mut next = self::harness(app_with(vec![], vec![]).with_persisted(stored, true));
    wait_for_loading(&mut next);
    assert_eq!(next.state().loaded().path.as_ref(), Some(&file));
    assert_eq!(next.state().session(), session);
    // File ▸ Open the example brings the built-in dataset back.
    next.get_by_label("File").click();
    next.run_ok();
    next.get_by_label("Open the example").click();
    next.run_ok();
    assert_eq!(next.state().loaded().path, None);
    assert_eq!(next.state().dataset().events.len(), 16);

    // A file that is gone: said so, and the built-in dataset stays.
    let gone = Persisted {
        session: Some(Session {
            file: Some(super::root().join("no/such/file.csv")),
            ..Session::default()
        }),
        ..Persisted::default()
    };
    let next = self::harness(app_with(vec![], vec![]).with_persisted(gone, true));
    assert!(
        next.state().status().contains("is no longer there"),
        "{}",
        next.state().status()
    );
    assert_eq!(next.state().loaded().path, None);

    // Older stores and nonsense views still load.
    let old: Persisted = serde_json::from_str(r#"{"recent_files": []}"#)
        .unwrap_or_else(|e| panic!("an older store must read: {e}"));
    assert_eq!(old.session, None);
    let odd: Persisted = serde_json::from_str(
        r#"{"session": {"view": {"start_secs": 1e308, "span_secs": -5}, "lane_order": ["nobody"]}}"#,
    )
    .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(odd.session.as_ref().map(|s| s.lane_order.len()), Some(1));
    let next = self::harness(app_with(vec![], vec![]).with_persisted(odd, true));
    let view = next.state().view();
    assert!(view.span_secs >= 60.0 && view.start_secs.is_finite());
}

#[test]
fn lanes_sort_from_the_view_menu_and_move_one_by_one() {
    let mut harness = harness(app_with(vec![], vec![]));
    let names = |harness: &Harness<'static, SwimlineApp>| -> Vec<String> {
        let app = harness.state();
        app.lane_order_now()
            .into_iter()
            .map(|a| app.dataset().actors[a].name.clone())
            .collect()
    };
    let file_order = names(&harness);
    harness.get_by_label("View").click();
    harness.run_ok();
    harness.get_by_label("Sort lanes").click();
    harness.run_ok();
    harness.get_by_label("by name").click();
    harness.run_ok();
    let by_name = names(&harness);
    let mut expected = file_order.clone();
    expected.sort_by_key(|n| n.to_lowercase());
    assert_eq!(by_name, expected);
    assert_ne!(by_name, file_order);

    // Most events first: Russia's lane holds the most in the report.
    let ctx = harness.ctx.clone();
    harness
        .state_mut()
        .apply(Command::SortLanes(swimline::ui::LaneSort::EventCount), &ctx);
    harness.run_ok();
    let counts: Vec<usize> = {
        let app = harness.state();
        app.lane_order_now()
            .into_iter()
            .map(|a| {
                app.dataset()
                    .events
                    .iter()
                    .filter(|e| e.actors().contains(&(a as u32)))
                    .count()
            })
            .collect()
    };
    assert!(counts.windows(2).all(|w| w[0] >= w[1]), "{counts:?}");

    // Dragging a lane onto another's place moves it there.
    let order = harness.state().lane_order_now();
    let (last, first) = (order[order.len() - 1], order[0]);
    harness.state_mut().apply(
        Command::MoveLane {
            actor: last,
            to: first,
        },
        &ctx,
    );
    harness.run_ok();
    let moved = harness.state().lane_order_now();
    assert_eq!(moved[0], last);
    assert_eq!(moved[1..], order[..order.len() - 1]);
    // The lanes on screen follow: the moved lane's name is drawn above the others.
    let top_of = |harness: &Harness<'static, SwimlineApp>, name: &str| {
        harness
            .get_by_role_and_label(Role::Label, name)
            .rect()
            .top()
    };
    let moved_name = harness.state().dataset().actors[last].name.clone();
    let first_name = harness.state().dataset().actors[first].name.clone();
    assert!(top_of(&harness, &moved_name) < top_of(&harness, &first_name));
}

#[test]
fn tab_and_search_skip_events_the_filter_hides() {
    use swimline::model::EventKind;
    use swimline::model::filter::Filter;
    let mut harness = harness(app_with(vec![], vec![]));
    let ctx = harness.ctx.clone();
    let no_claims = Filter {
        hidden_kinds: vec![EventKind::Claim],
        ..Filter::default()
    };
    harness
        .state_mut()
        .apply(Command::SetFilter(no_claims), &ctx);
    harness.run_ok();
    let selected_id = |harness: &Harness<'static, SwimlineApp>| {
        let selected = harness.state().selected();
        let selected = selected.unwrap_or_else(|| panic!("nothing selected"));
        let event = harness.state().dataset().events.at(selected);
        assert_ne!(event.kind(), EventKind::Claim, "{}", event.id());
        event.id().to_owned()
    };
    // The seven events of the bundled dataset that are not claims (listed by hand), each
    // once in seven steps, and then round again to the first.
    let mut visited = Vec::new();
    for _ in 0..8 {
        harness.key_press(egui::Key::Tab);
        harness.run_ok();
        visited.push(selected_id(&harness));
    }
    assert_eq!(visited[0], "syria-heats-up");
    assert_eq!(visited[7], visited[0]);
    visited.truncate(7);
    visited.sort();
    assert_eq!(
        visited,
        [
            "aid-suspended",
            "analysts-aligned-interests",
            "bbc-interview",
            "moscow-talks",
            "russia-denies",
            "syria-heats-up",
            "taliban-distances-pakistan",
        ]
    );
    harness
        .state_mut()
        .apply(Command::SetQuery("weapons".to_owned()), &ctx);
    harness.state_mut().apply(Command::StepMatch(1), &ctx);
    // Of the seven matches only the denial and Moscow's statement are not claims.
    let found = selected_id(&harness);
    assert!(
        ["russia-denies", "moscow-talks"].contains(&found.as_str()),
        "{found}"
    );
}

/// Regression: one-row lanes were too short to show their group's toggle, so vis-timeline's
/// nested groups could not be collapsed.
#[test]
fn nested_groups_of_one_row_lanes_show_their_toggle() {
    let path = super::shared_data("vis-timeline/nestedThreeLevels.groups.json");
    let loaded = swimline::io::load_path(&path).unwrap_or_else(|e| panic!("{e}"));
    let app = SwimlineApp::new(loaded, None, Box::new(ScriptedDialogs::default()));
    let mut harness = harness(app);
    assert!(harness.get_all_by_label("[-] Group 10").count() >= 2);
    if let Some(toggle) = harness.get_all_by_label("[-] Group 10").next() {
        toggle.click();
    }
    harness.run_ok();
    harness.get_by_role_and_label(Role::Label, "Group 10 (6 lanes)");
}

#[test]
fn export_writes_a_report_of_what_is_shown_and_asks_before_replacing() {
    let dir = temp_dir("ui-report");
    let svg = dir.join("report.svg");
    let pdf = dir.join("report.pdf");
    let loaded = load_default().unwrap_or_else(|e| panic!("{e}"));
    let dialogs = std::sync::Arc::new(ScriptedDialogs::new(
        vec![],
        vec![Some(svg.clone()), Some(pdf.clone()), Some(svg.clone())],
    ));
    let mut harness = harness(SwimlineApp::new(loaded, None, Box::new(dialogs.clone())));
    // Search first: the report says so, and dims what does not match.
    let ctx = harness.ctx.clone();
    harness
        .state_mut()
        .apply(Command::SetQuery("weapons".to_owned()), &ctx);
    let no_context = swimline::model::filter::Filter {
        hidden_kinds: vec![swimline::model::EventKind::Context],
        ..swimline::model::filter::Filter::default()
    };
    harness
        .state_mut()
        .apply(Command::SetFilter(no_context), &ctx);
    harness.run_ok();
    // The toolbar's Export… opens the window, with a preview; Save as… asks where.
    harness
        .get_by_role_and_label(Role::Button, "Export…")
        .click();
    harness.run_ok();
    harness.get_by_label("Export the timeline");
    harness.get_by_label("the time in view");
    // A new window takes a few frames to appear (egui fades it in); a click before that is
    // not taken.
    harness.run_steps(10);
    harness
        .get_by_role_and_label(Role::Button, "Save as…")
        .click();
    harness.run_ok();
    wait_for(&mut harness, |_| svg.exists());
    let text = std::fs::read_to_string(&svg).unwrap_or_default();
    // Two context events hidden (Syria, the Taliban and Pakistan), counted by hand.
    assert!(
        text.contains("14 of 16 events, ")
            && text.contains(
                ": only action, statement, claim, denial; 7 matching “weapons” in full colour</text>"
            ),
        "{}",
        text.lines().find(|l| l.contains(" of 16 events")).unwrap_or_default()
    );
    assert!(
        text.contains("7 matching “weapons” in full colour"),
        "{text}"
    );
    assert!(text.contains("<title>Russia denies providing weapons"));
    // Typed dates in the window; the PDF is a PDF.
    harness.get_by_label("from … to …").click();
    harness.run_ok();
    for (field, text) in [("from", "2017"), ("to", "2018-03")] {
        harness
            .get_by_role_and_label(Role::TextInput, field)
            .focus();
        harness.run_ok();
        harness
            .get_by_role_and_label(Role::TextInput, field)
            .type_text(text);
        harness.run_ok();
    }
    harness
        .get_by_role_and_label(Role::Button, "Save as…")
        .click();
    harness.run_ok();
    wait_for(&mut harness, |_| pdf.exists());
    assert!(std::fs::read(&pdf).unwrap_or_default().starts_with(b"%PDF"));
    // The same name again: asked first, and Cancel leaves the file as it was.
    let before = std::fs::read(&svg).unwrap_or_default();
    harness
        .get_by_role_and_label(Role::Button, "Save as…")
        .click();
    harness.run_ok();
    harness.get_by_label("Replace the file?");
    harness
        .get_by_role_and_label(Role::Button, "Cancel")
        .click();
    harness.run_ok();
    assert_eq!(std::fs::read(&svg).unwrap_or_default(), before);
    assert_eq!(dialogs.left(), (0, 0));
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn export_data_writes_the_events_shown_and_they_open_again() {
    use swimline::model::EventKind;
    use swimline::model::filter::Filter;
    let dir = temp_dir("ui-data");
    let csv = dir.join("shown.csv");
    let loaded = load_default().unwrap_or_else(|e| panic!("{e}"));
    let dialogs = std::sync::Arc::new(ScriptedDialogs::new(vec![], vec![Some(csv.clone())]));
    let mut harness = harness(SwimlineApp::new(loaded, None, Box::new(dialogs)));
    let ctx = harness.ctx.clone();
    // Only denials and statements: the denial, the analysts and Moscow's admission (by hand).
    let filter = Filter {
        hidden_kinds: vec![EventKind::Claim, EventKind::Action, EventKind::Context],
        ..Filter::default()
    };
    harness.state_mut().apply(Command::SetFilter(filter), &ctx);
    harness.run_ok();
    harness.get_by_label("File").click();
    harness.run_ok();
    harness.get_by_label("Export data…").click();
    harness.run_ok();
    wait_for(&mut harness, |_| csv.exists());
    let back = swimline::io::load_path(&csv).unwrap_or_else(|e| panic!("{e}"));
    let mut ids: Vec<&str> = back.dataset.events.iter().map(|e| e.id()).collect();
    ids.sort_unstable();
    assert_eq!(
        ids,
        [
            "analysts-aligned-interests",
            "moscow-talks",
            "russia-denies"
        ]
    );
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn ctrl_c_copies_the_selected_event_as_text_and_ctrl_shift_c_the_timeline_as_an_image() {
    let mut harness = harness(app_with(vec![], vec![]));
    let ctx = harness.ctx.clone();
    let denial = harness.state().dataset().event_by_id("russia-denies");
    harness.state_mut().apply(Command::Select(denial), &ctx);
    harness.run_ok();
    // The text, ready to paste into a report.
    let text = swimline::ui::panels::details::event_as_text(
        harness.state().dataset(),
        denial.unwrap_or_else(|| panic!("no denial")),
    );
    assert_eq!(
        text,
        "Russia denies providing weapons or funding to the Taliban\n\
         denial — at or before Mar 2018 (a single date at or before March 2018 (the source \
         gives no earlier bound))\n\
         As written: [..2018-03]\n\
         Actors: Russia\n\
         Source: Russia, reported March 2018\n\
         “Russia has, on its part, denied providing weapons or funding to the Taliban, \
         although Moscow has admitted to holding talks with the group.”\n"
    );
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::C);
    harness.run_ok();
    assert_eq!(
        harness.state().status(),
        "Copied “Russia denies providing weapons or funding to the Taliban” as text"
    );
    // The image is made on a thread, then handed to the clipboard.
    harness.key_press_modifiers(
        egui::Modifiers::COMMAND | egui::Modifiers::SHIFT,
        egui::Key::C,
    );
    wait_for(&mut harness, |app| {
        app.status().starts_with("Copied the timeline")
    });
    // 1200 points wide at 2 pixels a point; as tall as every lane needs.
    let status = harness.state().status().to_owned();
    assert!(
        status.starts_with("Copied the timeline as an image (2400 × "),
        "{status}"
    );
}

#[test]
fn the_export_window_takes_the_lanes_on_screen_and_the_png_scale() {
    let dir = temp_dir("ui-report-lanes");
    let svg = dir.join("lanes.svg");
    let png = dir.join("scale.png");
    let loaded = load_default().unwrap_or_else(|e| panic!("{e}"));
    let dialogs = std::sync::Arc::new(ScriptedDialogs::new(
        vec![],
        vec![Some(svg.clone()), Some(png.clone())],
    ));
    // A short window, scrolled down: the first lanes are off screen.
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1480.0, 560.0))
        .build_ui_state(
            |ui, app: &mut SwimlineApp| app.ui_root(ui),
            SwimlineApp::new(loaded, None, Box::new(dialogs)),
        );
    harness.run_ok();
    let ctx = harness.ctx.clone();
    harness.state_mut().apply(Command::ScrollLanes(600.0), &ctx);
    harness.run_ok();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::E);
    harness.run_ok();
    harness.run_steps(10);
    harness.get_by_label("the lanes on screen").click();
    harness.run_ok();
    harness
        .get_by_role_and_label(Role::Button, "Save as…")
        .click();
    harness.run_ok();
    wait_for(&mut harness, |_| svg.exists());
    let text = std::fs::read_to_string(&svg).unwrap_or_default();
    assert!(
        text.contains(">Analysts</text>"),
        "the last lane is on screen"
    );
    assert!(
        !text.contains(">US forces in Afghanistan</text>"),
        "the first is not"
    );
    // A PNG at 1×: 2400 pixels for a 2400-point page.
    harness.get_by_label("1×").click();
    harness.run_ok();
    harness
        .get_by_role_and_label(Role::Button, "Save as…")
        .click();
    harness.run_ok();
    wait_for(&mut harness, |_| png.exists());
    // Written on a thread: wait until the PNG reads whole.
    let mut image = None;
    for _ in 0..300 {
        image = image::open(&png).ok();
        if image.is_some() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    let image = image.unwrap_or_else(|| panic!("{} does not read", png.display()));
    assert_eq!(image.width(), 2400);
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn view_time_zone_moves_times_of_day_but_not_dates_and_is_remembered() {
    let file = super::shared_data("timesketch/sigma_events.csv");
    let mut harness = harness(app_with(vec![Some(file)], vec![]));
    harness.get_by_role_and_label(Role::Button, "Open…").click();
    harness.run_ok();
    wait_for_loading(&mut harness);
    let first = harness
        .state()
        .dataset()
        .events
        .iter()
        .position(|e| e.title() == "A message");
    assert!(first.is_some());
    let ctx = harness.ctx.clone();
    harness.state_mut().apply(Command::Select(first), &ctx);
    harness.run_ok();
    harness.get_by_label("times in UTC");
    // View ▸ Time zone, a name typed in any case, Enter.
    harness.get_by_label("View").click();
    harness.run_ok();
    harness.get_by_label("Time zone").hover();
    harness.run_ok();
    harness
        .get_by_role_and_label(Role::TextInput, "Another zone:")
        .click();
    harness.run_ok();
    harness
        .get_by_role_and_label(Role::TextInput, "Another zone:")
        .type_text("europe/kyiv");
    harness.run_ok();
    harness.get_by_label("Show times in Europe/Kyiv").click();
    harness.run_ok();
    assert_eq!(harness.state().persisted().shown_zone, "Europe/Kyiv");
    harness.get_by_label("times in Europe/Kyiv");
    // 2015-07-24T19:01:01+00:00 is 22:01:01 in Kyiv's summer (UTC+3).
    harness.get_by_label("In Europe/Kyiv: 24 Jul 2015 22:01:01 EEST (UTC+03:00)");
    // The bundled dataset's dates have no time of day: no line, whatever the zone.
    harness.state_mut().apply(Command::OpenBuiltIn, &ctx);
    wait_for_loading(&mut harness);
    let denial = harness.state().dataset().event_by_id("russia-denies");
    harness.state_mut().apply(Command::Select(denial), &ctx);
    harness.run_ok();
    assert!(harness.query_by_label_contains("In Europe/Kyiv:").is_none());
}

/// #24: in a short window the export window's actions are in sight (they were under the
/// preview, to be scrolled to), and Save as… with a name ending in .html writes the
/// interactive page.
#[test]
fn export_window_actions_are_in_sight_and_write_an_html_page() {
    let dir = temp_dir("ui-html");
    let html = dir.join("timeline.html");
    let loaded = load_default().unwrap_or_else(|e| panic!("{e}"));
    let dialogs = ScriptedDialogs::new(vec![], vec![Some(html.clone())]);
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1000.0, 560.0))
        .build_ui_state(
            |ui, app: &mut SwimlineApp| app.ui_root(ui),
            SwimlineApp::new(loaded, None, Box::new(dialogs)),
        );
    harness.run_ok();
    harness
        .get_by_role_and_label(Role::Button, "Export…")
        .click();
    harness.run_steps(10);
    let save = harness
        .get_by_role_and_label(Role::Button, "Save as…")
        .rect();
    assert!(
        save.max.y <= 560.0 && save.min.y >= 0.0,
        "Save as… at {save:?}, in a window 560 points tall"
    );
    harness
        .get_by_role_and_label(Role::Button, "Save as…")
        .click();
    harness.run_ok();
    wait_for(&mut harness, |_| html.exists());
    let page = std::fs::read_to_string(&html).unwrap_or_default();
    assert!(page.starts_with("<!DOCTYPE html>"), "a web page");
    assert!(page.contains("window.swimline"), "with its script");
    assert!(
        page.contains("Russia denies providing weapons"),
        "and its events"
    );
}
