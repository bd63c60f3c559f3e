//! The analyst's first hour (issue 23): nothing hidden (a lane's "+N more" pile lists its
//! events and selects one), nothing silent (Swimline's own file dialog where the system's
//! cannot be shown), state that keeps (absolute paths, a details panel that leaves the
//! timeline room), and the first view (fit the bulk, Esc closes the shortcuts). Driven by
//! labels with `egui_kittest`, and one real window under Xvfb.

use std::path::{Path, PathBuf};

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use swimline::io::load_default;
use swimline::ui::{ScriptedDialogs, SwimlineApp, UnavailableDialogs};

use super::temp_dir;

fn harness(app: SwimlineApp) -> Harness<'static, SwimlineApp> {
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1480.0, 900.0))
        .build_ui_state(|ui, app: &mut SwimlineApp| app.ui_root(ui), app);
    harness.run_ok();
    harness
}

fn wait_for_loading(harness: &mut Harness<'static, SwimlineApp>) {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    while std::time::Instant::now() < deadline {
        harness.step();
        if !harness.state().is_loading() {
            harness.run_ok();
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    panic!("loading did not finish: {}", harness.state().status());
}

/// A Swimline file in `dir`: lane Russia with `day_long` events dated to 24 Oct 2019 (all
/// overlapping) and the events `extra` (JSON objects, comma-separated, may be empty).
fn write_day(dir: &Path, day_long: usize, extra: &str) -> PathBuf {
    let mut events: Vec<String> = (0..day_long)
        .map(|i| {
            format!(
                r#"{{"id": "r{i:02}", "title": "Report {i:02}", "time": "2019-10-24", "kind": "statement", "actors": ["ru"]}}"#
            )
        })
        .collect();
    if !extra.is_empty() {
        events.push(extra.to_owned());
    }
    let text = format!(
        r#"{{"format": "swimline/1", "title": "One day", "actors": [{{"id": "ru", "name": "Russia"}}], "events": [{}]}}"#,
        events.join(",")
    );
    let path = dir.join("one-day.json");
    std::fs::write(&path, text).unwrap_or_else(|e| panic!("{e}"));
    path
}

fn opened(file: PathBuf) -> Harness<'static, SwimlineApp> {
    let loaded = load_default().unwrap_or_else(|e| panic!("{e}"));
    let app = SwimlineApp::new(
        loaded,
        None,
        Box::new(ScriptedDialogs::new(vec![Some(file)], vec![])),
    );
    let mut harness = harness(app);
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::O);
    harness.run_ok();
    wait_for_loading(&mut harness);
    harness
}

#[test]
fn a_lanes_pile_says_how_many_more_and_its_list_selects_one() {
    let dir = temp_dir("hour-pile");
    let mut harness = opened(write_day(&dir, 40, ""));
    assert_eq!(harness.state().dataset().events.len(), 40);
    // Twelve rows are drawn; the other 28 are one "+28 more" mark where they lie.
    let pile = harness.get_by_role_and_label(Role::Button, "+28 more (Russia)");
    pile.click();
    harness.run_ok();
    harness.get_by_label_contains("28 more events in Russia");
    // The list names the events of the pile (those not drawn): pick one and select it.
    let in_list: Vec<usize> = (0..40)
        .filter(|i| harness.query_by_label(&format!("Report {i:02}")).is_some())
        .collect();
    assert_eq!(in_list.len(), 28, "{in_list:?}");
    // The first rows are in view without scrolling the list.
    let pick = in_list[1];
    harness.get_by_label(&format!("Report {pick:02}")).click();
    harness.run_ok();
    let expected = harness
        .state()
        .dataset()
        .event_by_id(&format!("r{pick:02}"));
    assert_eq!(harness.state().selected(), expected);
    harness.get_by_label("Details");
    // Esc closes the list first, then (a second Esc) clears the selection.
    harness.key_press(egui::Key::Escape);
    harness.run_ok();
    assert!(
        harness
            .query_by_label_contains("28 more events in Russia")
            .is_none()
    );
    assert_eq!(harness.state().selected(), expected);
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn with_no_system_dialog_ctrl_o_opens_swimlines_own_and_a_typed_path_loads() {
    let dir = temp_dir("hour-dialog");
    let file = write_day(&dir, 3, "");
    let loaded = load_default().unwrap_or_else(|e| panic!("{e}"));
    let app = SwimlineApp::new(loaded, None, Box::new(UnavailableDialogs));
    let mut harness = harness(app);
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::O);
    harness.run_ok();
    assert!(harness.state().is_in_window_dialog_open());
    harness.get_by_label("Open a file");
    assert!(
        harness.state().status().contains("No file dialog here"),
        "the status bar says why: {}",
        harness.state().status()
    );
    // A path that is not there is refused in words, and the dialog stays.
    let field = || Role::TextInput;
    harness.get_by_role_and_label(field(), "Path:").click();
    harness.run_ok();
    let missing = dir.join("missing.json");
    harness
        .get_by_role_and_label(field(), "Path:")
        .type_text(&missing.display().to_string());
    harness.run_ok();
    harness.get_by_role_and_label(Role::Button, "Open").click();
    harness.run_ok();
    harness.get_by_label_contains("There is no file at");
    assert!(harness.state().is_in_window_dialog_open());
    // The folder it points into is listed: a click on the file puts its name in the field,
    // Open opens it.
    harness.get_by_label("one-day.json").click();
    harness.run_ok();
    harness.get_by_role_and_label(Role::Button, "Open").click();
    harness.run_ok();
    wait_for_loading(&mut harness);
    assert!(!harness.state().is_in_window_dialog_open());
    assert_eq!(harness.state().dataset().title, "One day");
    assert_eq!(
        harness.state().loaded().path.as_deref(),
        Some(file.as_path())
    );

    // A whole path typed into a new dialog, and Enter, open that file.
    let other = super::root().join("tests/fixtures/good/relative-chain.json");
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::O);
    harness.run_ok();
    harness.get_by_role_and_label(field(), "Path:").click();
    harness.run_ok();
    harness
        .get_by_role_and_label(field(), "Path:")
        .type_text(&other.display().to_string());
    harness.run_ok();
    harness.key_press(egui::Key::Enter);
    harness.run_ok();
    wait_for_loading(&mut harness);
    assert!(!harness.state().is_in_window_dialog_open());
    assert_eq!(
        harness.state().dataset().title,
        "Relative dates, open ends, BCE"
    );

    // Cancel answers as a system dialog's cancel: nothing changes.
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::O);
    harness.run_ok();
    harness
        .get_by_role_and_label(Role::Button, "Cancel")
        .click();
    harness.run_ok();
    assert!(!harness.state().is_in_window_dialog_open());
    assert_eq!(
        harness.state().dataset().title,
        "Relative dates, open ends, BCE"
    );
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn recent_files_and_the_session_keep_absolute_paths() {
    // Opened by a relative path (from the crate's folder, where tests run).
    let relative = PathBuf::from("tests/fixtures/good/relative-chain.json");
    assert!(relative.is_relative() && relative.is_file());
    let harness = opened(relative.clone());
    let app = harness.state();
    assert_eq!(app.dataset().title, "Relative dates, open ends, BCE");
    let recent = &app.persisted().recent_files;
    assert!(recent[0].is_absolute(), "{recent:?}");
    assert!(recent[0].ends_with(&relative));
    let session = app.session();
    let file = session.file.unwrap_or_default();
    assert!(file.is_absolute(), "{}", file.display());
    assert_eq!(file, std::path::absolute(&relative).unwrap_or_default());
}

#[test]
fn a_long_title_wraps_and_the_details_panel_leaves_the_timeline_room() {
    let dir = temp_dir("hour-details");
    let long =
        "Russia denies providing weapons or funding to the Taliban, and says so again ".repeat(12);
    let extra = format!(
        r#"{{"id": "long", "title": "{}", "time": "2019-10-20", "actors": ["ru"]}}"#,
        long.trim()
    );
    let mut harness = opened(write_day(&dir, 2, &extra));
    harness
        .get_by_label(&format!("{} (Russia)", long.trim()))
        .click();
    harness.run_ok();
    harness.run_ok();
    for width in [1480.0_f32, 800.0] {
        harness.set_size(egui::vec2(width, 700.0));
        harness.run_ok();
        let (_, most) = swimline::ui::app::details_width_range(width);
        let heading = harness.get_by_label("Details").rect();
        assert!(
            heading.left() >= width - most - 1.0,
            "at {width}: the panel starts at {} (may take {most})",
            heading.left()
        );
        assert!(
            heading.left() >= swimline::ui::app::TIMELINE_MIN_WIDTH.min(width * 0.6) - 1.0,
            "at {width}: the timeline keeps its room"
        );
        let title = harness
            .get_by_role_and_label(Role::Label, long.trim())
            .rect();
        assert!(
            title.right() <= width + 1.0,
            "the title wraps inside the window"
        );
    }
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn fit_the_bulk_leaves_a_stray_outside_and_says_so_and_esc_closes_the_shortcuts() {
    let dir = temp_dir("hour-bulk");
    let mut extra: Vec<String> = (1..=28)
        .map(|d| {
            format!(r#"{{"id": "m{d}", "title": "March {d}", "time": "2018-03-{d:02}", "actors": ["ru"]}}"#)
        })
        .collect();
    extra.push(
        r#"{"id": "stray", "title": "Stray", "time": "2016-01-05", "actors": ["ru"]}"#.to_owned(),
    );
    let mut harness = opened(write_day(&dir, 0, &extra.join(",")));
    let before = harness.state().view();
    harness.key_press_modifiers(egui::Modifiers::SHIFT, egui::Key::F);
    harness.run_ok();
    for _ in 0..60 {
        harness.step();
    }
    harness.run_ok();
    assert!(
        harness
            .state()
            .status()
            .contains("1 stray event lies outside"),
        "{}",
        harness.state().status()
    );
    let view = harness.state().view();
    assert!(
        view.span_secs < before.span_secs / 10.0,
        "{view:?} vs {before:?}"
    );
    let start_of_march = 1_519_862_400.0; // 2018-03-01
    assert!(view.start_secs < start_of_march && view.end_secs() > start_of_march + 27.0 * 86_400.0);

    // F1 opens the shortcuts; Esc closes them.
    harness.key_press(egui::Key::F1);
    harness.run_ok();
    harness.get_by_label("Keyboard and mouse");
    harness.key_press(egui::Key::Escape);
    harness.run_ok();
    assert!(harness.query_by_label("Keyboard and mouse").is_none());
    let _ = std::fs::remove_dir_all(dir);
}

/// The real binary under Xvfb with no desktop portal and no zenity (as in CI): Ctrl+O shows
/// Swimline's own dialog; a path typed into it and Enter open the file (the window's title
/// names it). Needs `Xvfb` and `xdotool` (the check script installs them).
#[test]
fn in_a_real_window_ctrl_o_shows_the_in_window_dialog() {
    use super::xvfb::{Xvfb, has};
    use std::process::Command;
    assert!(
        has("xdotool"),
        "xdotool is needed (scripts/check.sh installs it as root)"
    );
    let x = Xvfb::start();
    let dir = temp_dir("hour-window");
    let file = write_day(&dir, 3, "");
    let script = format!(
        r#"
        "$SWIMLINE" & app=$!
        for i in $(seq 1 150); do
          wid=$(xdotool search --name 'Swimline' 2>/dev/null | head -n 1)
          [ -n "$wid" ] && break; sleep 0.2
        done
        [ -n "$wid" ] || {{ echo "no window"; kill $app; exit 3; }}
        sleep 2
        xdotool windowfocus --sync "$wid"
        xdotool key --window "$wid" ctrl+o
        sleep 1.5
        xdotool type --window "$wid" --delay 20 '{path}'
        xdotool key --window "$wid" Return
        for i in $(seq 1 100); do
          title=$(xdotool getwindowname "$wid")
          case "$title" in *one-day.json*) break;; esac
          sleep 0.2
        done
        echo "TITLE=$title"
        kill $app
        "#,
        path = file.display()
    );
    let run = Command::new("sh")
        .args(["-c", &script])
        .env("DISPLAY", &x.display)
        .env_remove("WAYLAND_DISPLAY")
        .env("SWIMLINE", env!("CARGO_BIN_EXE_swimline"))
        .env("XDG_DATA_HOME", dir.join("data"))
        .env("XDG_CONFIG_HOME", dir.join("config"))
        .env("HOME", &dir)
        .env_remove("DBUS_SESSION_BUS_ADDRESS")
        .output()
        .unwrap_or_else(|e| panic!("sh: {e}"));
    drop(x);
    let out = String::from_utf8_lossy(&run.stdout);
    assert!(
        out.contains("TITLE=One day — one-day.json — Swimline"),
        "the typed path was not opened through the in-window dialog: {out}\n{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn after_soloing_a_lane_the_status_bar_counts_what_is_shown() {
    let loaded = load_default().unwrap_or_else(|e| panic!("{e}"));
    let app = SwimlineApp::new(loaded, None, Box::new(ScriptedDialogs::new(vec![], vec![])));
    let mut harness = harness(app);
    let dataset = harness.state().dataset();
    let pakistan = dataset
        .actors
        .iter()
        .position(|a| a.id == "pakistan")
        .unwrap_or_else(|| panic!("no Pakistan"));
    let in_lane = dataset
        .events
        .iter()
        .filter(|e| e.actors().contains(&(pakistan as u32)))
        .count();
    let total = dataset.events.len();
    assert!(in_lane > 0 && in_lane < total);
    let solo = swimline::model::filter::Filter {
        hidden_actors: dataset
            .actors
            .iter()
            .filter(|a| a.id != "pakistan")
            .map(|a| a.id.clone())
            .collect(),
        ..swimline::model::filter::Filter::default()
    };
    let ctx = harness.ctx.clone();
    harness
        .state_mut()
        .apply(swimline::ui::Command::SetFilter(solo), &ctx);
    harness.run_ok();
    let expected = format!("{in_lane} of {total} events");
    assert_eq!(harness.state().filter_summary(), Some(expected.clone()));
    harness.get_by_label_contains(&format!("Filtered: {expected}"));
}

#[test]
fn enter_on_a_search_match_scrolls_the_lanes_to_it() {
    // Forty lanes of one event each: the last lanes are below the window's fold.
    let dir = temp_dir("hour-reveal");
    let path = write_forty_lanes(&dir);
    let mut harness = opened(path);
    let needle = "The needle 37 (Lane 37)";
    assert!(
        harness.query_by_label(needle).is_none(),
        "below the fold at first"
    );
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::F);
    harness.run_ok();
    harness.get_by_role(Role::TextInput).type_text("needle");
    harness.run_ok();
    harness.key_press(egui::Key::Enter);
    for _ in 0..30 {
        harness.step();
    }
    harness.run_ok();
    let expected = harness.state().dataset().event_by_id("e37");
    assert_eq!(harness.state().selected(), expected);
    let mark = harness.get_by_label(needle).rect();
    assert!(
        mark.top() > 70.0 && mark.bottom() < 800.0,
        "scrolled into view: {mark:?}"
    );
    let _ = std::fs::remove_dir_all(dir);
}

/// Forty lanes ("Lane 0" …) of one event each, the 38th titled "The needle 37".
fn write_forty_lanes(dir: &Path) -> PathBuf {
    let actors: Vec<String> = (0..40)
        .map(|i| format!(r#"{{"id": "a{i}", "name": "Lane {i}"}}"#))
        .collect();
    let events: Vec<String> = (0..40)
        .map(|i| {
            let title = if i == 37 { "The needle" } else { "Hay" };
            format!(
                r#"{{"id": "e{i}", "title": "{title} {i}", "time": "2019-10-{:02}", "actors": ["a{i}"]}}"#,
                i % 28 + 1
            )
        })
        .collect();
    let text = format!(
        r#"{{"format": "swimline/1", "title": "Many lanes", "actors": [{}], "events": [{}]}}"#,
        actors.join(","),
        events.join(",")
    );
    let path = dir.join("lanes.json");
    std::fs::write(&path, text).unwrap_or_else(|e| panic!("{e}"));
    path
}

#[test]
fn filter_lanes_narrows_by_typing() {
    let dir = temp_dir("hour-lanes");
    let mut harness = opened(write_forty_lanes(&dir));
    harness.get_by_label("Filter").click();
    harness.run_ok();
    harness.get_by_label("Lanes").hover();
    harness.run_ok();
    assert!(
        harness
            .query_by_role_and_label(Role::CheckBox, "Lane 12")
            .is_some()
    );
    // Focused without moving the pointer (which, crossing the Filter menu, opens another
    // submenu).
    harness
        .get_by_role_and_label(Role::TextInput, "Find a lane")
        .focus();
    harness.run_ok();
    harness
        .get_by_role_and_label(Role::TextInput, "Find a lane")
        .type_text("lane 3");
    harness.run_ok();
    harness.get_by_label("11 of 40 lanes");
    assert!(
        harness
            .query_by_role_and_label(Role::CheckBox, "Lane 12")
            .is_none()
    );
    harness
        .get_by_role_and_label(Role::CheckBox, "Lane 37")
        .click();
    harness.run_ok();
    assert_eq!(
        harness.state().filter_summary().as_deref(),
        Some("39 of 40 events")
    );
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn with_no_system_dialog_save_as_opens_swimlines_own_and_asks_before_replacing() {
    let dir = temp_dir("hour-save");
    let existing = dir.join("shot.png");
    std::fs::write(&existing, b"not yet").unwrap_or_else(|e| panic!("{e}"));
    let loaded = load_default().unwrap_or_else(|e| panic!("{e}"));
    let app = SwimlineApp::new(loaded, None, Box::new(UnavailableDialogs));
    let mut harness = harness(app);
    harness.key_press_modifiers(
        egui::Modifiers::COMMAND | egui::Modifiers::SHIFT,
        egui::Key::S,
    );
    harness.run_ok();
    harness.get_by_label("Save as");
    let field = harness.get_by_role_and_label(Role::TextInput, "Path:");
    assert!(
        field.value().is_some_and(|v| v.ends_with(".png")),
        "the suggested name is in the field: {:?}",
        field.value()
    );
    harness
        .get_by_role_and_label(Role::TextInput, "Path:")
        .focus();
    harness.run_ok();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    harness
        .get_by_role_and_label(Role::TextInput, "Path:")
        .type_text(&existing.display().to_string());
    harness.run_ok();
    harness.get_by_role_and_label(Role::Button, "Save").click();
    harness.run_ok();
    // The path chosen in Swimline's own dialog goes where a system dialog's would.
    harness.get_by_label("Replace the file?");
    harness
        .get_by_role_and_label(Role::Button, "Cancel")
        .click();
    harness.run_ok();
    assert_eq!(std::fs::read(&existing).unwrap_or_default(), b"not yet");
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn the_command_line_says_what_is_missing_and_names_the_nearest_lanes() {
    use std::process::Command;
    let dir = temp_dir("hour-cli");
    let missing = dir.join("nonexistent.json");
    let run = Command::new(env!("CARGO_BIN_EXE_swimline"))
        .arg(&missing)
        .env("XDG_DATA_HOME", dir.join("data"))
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(run.status.code(), Some(2));
    let said = String::from_utf8_lossy(&run.stderr);
    assert!(
        said.contains(&format!("there is no file {}", missing.display())),
        "{said}"
    );

    // 506 lanes: a mistyped one names the few nearest, not all of them.
    let out = dir.join("russia.png");
    let run = Command::new(env!("CARGO_BIN_EXE_swimline"))
        .args(["render"])
        .arg(super::shared_data("gdelt/20191024143000.export.CSV"))
        .args(["--lanes", "RUSIA", "-o"])
        .arg(&out)
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(!run.status.success());
    let said = String::from_utf8_lossy(&run.stderr);
    assert!(said.contains("the nearest are"), "{said}");
    assert!(
        said.contains("RUSSIA") && said.contains("(of 506)"),
        "{said}"
    );
    assert!(said.len() < 300, "a short message: {said}");
    assert!(!out.exists());
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn a_click_on_a_density_strip_lists_the_events_there_to_select() {
    // 400 events a day apart: fitted, the lane is too dense to itemise.
    let dir = temp_dir("hour-density");
    let start = 1_546_300_800_i64; // 2019-01-01
    let events: Vec<String> = (0..400)
        .map(|i| {
            let c = swimline::model::Timestamp(start + i * 86_400).civil();
            format!(
                r#"{{"id": "d{i}", "title": "Day {i:03}", "time": "{:04}-{:02}-{:02}", "actors": ["ru"]}}"#,
                c.year, c.month, c.day
            )
        })
        .collect();
    let path = write_day(&dir, 0, &events.join(","));
    let mut harness = opened(path);
    let strip = harness.get_by_label_contains("events in view, drawn as density");
    strip.click();
    harness.run_ok();
    harness.get_by_label_contains("events in Russia start here");
    let listed: Vec<usize> = (0..400)
        .filter(|i| harness.query_by_label(&format!("Day {i:03}")).is_some())
        .collect();
    assert!(
        (1..40).contains(&listed.len()),
        "a few days around the click: {listed:?}"
    );
    assert!(
        listed.windows(2).all(|w| w[1] == w[0] + 1),
        "neighbours: {listed:?}"
    );
    let pick = listed[0];
    harness.get_by_label(&format!("Day {pick:03}")).click();
    harness.run_ok();
    let expected = harness.state().dataset().event_by_id(&format!("d{pick}"));
    assert_eq!(harness.state().selected(), expected);
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn the_table_of_events_lists_what_is_shown_sorts_and_selects_both_ways() {
    let dir = temp_dir("hour-table");
    let mut harness = opened(write_day(&dir, 200, ""));
    // T opens the table (View ▸ Events): every event shown, one row each.
    harness.key_press(egui::Key::T);
    harness.run_ok();
    harness.get_by_label_contains("200 shown");
    // Only the rows in view are drawn: the first ones, in time order (ties in the file's).
    let count = |harness: &Harness<'static, SwimlineApp>, label: &str| {
        harness.query_all_by_label(label).count()
    };
    let (first, far) = (count(&harness, "Report 00"), count(&harness, "Report 148"));
    assert!(first >= 1);

    // An event selected elsewhere (the timeline, a search, Tab) is scrolled to in the table.
    let pick = harness
        .state()
        .dataset()
        .event_by_id("r150")
        .unwrap_or_else(|| panic!("r150"));
    let ctx = harness.ctx.clone();
    harness
        .state_mut()
        .apply(swimline::ui::Command::Select(Some(pick)), &ctx);
    harness.run_ok();
    harness.run_ok();
    assert!(
        count(&harness, "Report 148") > far,
        "the rows around the selection are in view"
    );

    let ctx = harness.ctx.clone();
    harness
        .state_mut()
        .apply(swimline::ui::Command::Select(None), &ctx);
    harness.run_ok();
    // A click on a heading sorts by it, again the other way round: by title, falling (titles
    // sort as text: "Report 99" after "Report 199"), and a new order with nothing selected
    // shows the first rows.
    harness.get_by_label("Title").click();
    harness.run_ok();
    harness.get_by_label("Title ▲").click();
    harness.run_ok();
    harness.get_by_label("Title ▼");
    // A click on a row selects its event (and brings it into view).
    let lowest = harness
        .query_all_by_label("Report 99")
        .max_by(|a, b| a.rect().top().total_cmp(&b.rect().top()))
        .unwrap_or_else(|| panic!("a row for Report 99"));
    lowest.click();
    harness.run_ok();
    let selected = harness.state().selected();
    assert_eq!(
        selected.map(|i| harness.state().dataset().events.at(i).id().to_owned()),
        Some("r99".to_owned())
    );
    // T again closes it.
    harness.key_press(egui::Key::T);
    harness.run_ok();
    assert!(harness.query_by_label_contains("200 shown").is_none());
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn a_click_on_an_events_label_selects_it() {
    let loaded = load_default().unwrap_or_else(|e| panic!("{e}"));
    let app = SwimlineApp::new(loaded, None, Box::new(ScriptedDialogs::default()));
    let mut harness = harness(app);
    let title = "Trump tweets that Pakistan gave the US \"nothing but lies & deceit\"";
    // The diamond of the tweet in the US President's lane; its label runs to its right.
    let mark = harness
        .get_by_label(&format!("{title} (US President)"))
        .rect();
    assert!(harness.state().selected().is_none());
    let on_text = egui::pos2(mark.right() + 60.0, mark.center().y);
    harness.hover_at(on_text);
    harness.run_ok();
    harness.event(egui::Event::PointerButton {
        pos: on_text,
        button: egui::PointerButton::Primary,
        pressed: true,
        modifiers: egui::Modifiers::NONE,
    });
    harness.event(egui::Event::PointerButton {
        pos: on_text,
        button: egui::PointerButton::Primary,
        pressed: false,
        modifiers: egui::Modifiers::NONE,
    });
    harness.run_ok();
    let selected = harness.state().selected();
    assert_eq!(
        selected.map(|i| harness.state().dataset().events.at(i).title().to_owned()),
        Some(title.to_owned()),
        "a click 60 points right of the mark, on the label's text, selects the event"
    );
}

#[test]
fn the_status_bars_key_opens_the_key_to_uncertain_dates_and_esc_closes_it() {
    let loaded = load_default().unwrap_or_else(|e| panic!("{e}"));
    let app = SwimlineApp::new(loaded, None, Box::new(ScriptedDialogs::default()));
    let mut harness = harness(app);
    assert!(
        harness
            .query_by_label("How uncertain dates are drawn")
            .is_none(),
        "the key is closed at first"
    );
    harness.get_by_label("Key…").click();
    harness.run_ok();
    harness.get_by_label("How uncertain dates are drawn");
    // The same sentences the reports print under their samples.
    for sample in swimline::layout::scene::key::uncertainty_key() {
        harness.get_by_label(sample.text);
    }
    harness.key_press(egui::Key::Escape);
    harness.run_ok();
    assert!(
        harness
            .query_by_label("How uncertain dates are drawn")
            .is_none(),
        "Esc closes the key"
    );
}
