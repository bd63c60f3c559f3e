//! Dates typed by people and forensic times (issue 23, items 7 and 8), driven through the
//! window by their labels: a written date in your own event's form is understood, said in
//! words and saved in the notation; an error clears as soon as the field is fixed; Filter ▸
//! Dates between takes a written date; a Timesketch time keeps its microseconds in the details,
//! whose lanes are "Sources".

use std::path::{Path, PathBuf};

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use swimline::io::load_default;
use swimline::ui::{ScriptedDialogs, SwimlineApp};

use super::{root, temp_dir};

/// The window with `path` opened (its notes beside it, in the test's folder).
fn app_opening(path: &Path) -> Harness<'static, SwimlineApp> {
    let loaded = load_default().unwrap_or_else(|e| panic!("{e}"));
    let app = SwimlineApp::new(loaded, None, Box::new(ScriptedDialogs::new(vec![], vec![])))
        .open_on_start(path.to_path_buf());
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1480.0, 900.0))
        .build_ui_state(|ui, app: &mut SwimlineApp| app.ui_root(ui), app);
    for _ in 0..1000 {
        harness.step();
        if !harness.state().is_loading() && harness.state().loaded().path.is_some() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    harness.run_ok();
    assert_eq!(
        harness.state().loaded().path.as_deref(),
        Some(path),
        "{}",
        harness.state().status()
    );
    harness
}

/// The bundled dataset, copied into `dir` as a file of the user's.
fn article_in(dir: &Path) -> PathBuf {
    let path = dir.join("article.json");
    std::fs::copy(root().join("data/russia-taliban-2018.json"), &path)
        .unwrap_or_else(|e| panic!("{e}"));
    path
}

/// Types `text` into the text field labelled `label`.
fn type_into(harness: &mut Harness<'static, SwimlineApp>, label: &str, text: &str) {
    harness
        .get_by_role_and_label(Role::TextInput, label)
        .focus();
    harness.run_ok();
    harness
        .get_by_role_and_label(Role::TextInput, label)
        .type_text(text);
    harness.run_ok();
}

#[test]
fn a_written_date_in_your_own_event_is_understood_said_and_saved_in_the_notation() {
    let dir = temp_dir("dates-own-event");
    let data = article_in(&dir);
    let mut harness = app_opening(&data);
    harness.get_by_label("Event").click();
    harness.run_ok();
    harness.get_by_label("New…").click();
    harness.run_ok();
    type_into(&mut harness, "Title", "Elders report Russian rifles");

    // A month that is not one: said at once, in the user's words, and again when saving.
    type_into(&mut harness, "When", "10 Jab 2018");
    harness.get_by_label_contains("\"Jab\" is not a month");
    harness.get_by_label("Save event").click();
    harness.run_ok();
    harness.get_by_label_contains("When \"10 Jab 2018\": \"Jab\" is not a month");
    // Fixed: the error goes as soon as the field reads, and what was understood shows.
    harness
        .get_by_role_and_label(Role::TextInput, "When")
        .focus();
    harness.run_ok();
    for _ in 0.."b 2018".len() {
        harness.key_press(egui::Key::Backspace);
        harness.run_ok();
    }
    harness
        .get_by_role_and_label(Role::TextInput, "When")
        .type_text("n 2018");
    harness.run_ok();
    harness.run_ok();
    // Both the line under the field and the refused save's message are gone.
    assert!(harness.query_by_label_contains("is not a month").is_none());
    harness.get_by_label("10 January 2018, precise to the day");

    harness
        .get_by_role_and_label(Role::CheckBox, "Taliban")
        .click();
    harness.run_ok();
    harness.get_by_label("Save event").click();
    harness.run_ok();
    let app = harness.state();
    let own = app
        .dataset()
        .event_by_id("mine-1")
        .unwrap_or_else(|| panic!("no own event: {}", app.status()));
    // Stored in Swimline's notation, drawn on its day.
    assert_eq!(
        app.dataset().events.at(own).time().to_string(),
        "2018-01-10"
    );
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn numbers_follow_the_day_order_switch_and_the_calendar_writes_a_day() {
    let dir = temp_dir("dates-switch");
    let data = article_in(&dir);
    let mut harness = app_opening(&data);
    harness.get_by_label("Event").click();
    harness.run_ok();
    harness.get_by_label("New…").click();
    harness.run_ok();
    harness
        .get_by_role_and_label(Role::RadioButton, "day first (31/12/2018)")
        .click();
    harness.run_ok();
    type_into(&mut harness, "When", "03/04/2018");
    harness.get_by_label("3 April 2018, precise to the day");
    harness
        .get_by_role_and_label(Role::RadioButton, "month first (12/31/2018)")
        .click();
    harness.run_ok();
    harness.get_by_label("4 March 2018, precise to the day");
    // 13 cannot be a month, whichever the switch says.
    harness
        .get_by_role_and_label(Role::TextInput, "When")
        .focus();
    harness.run_ok();
    for _ in 0.."03/04/2018".len() {
        harness.key_press(egui::Key::Backspace);
        harness.run_ok();
    }
    harness
        .get_by_role_and_label(Role::TextInput, "When")
        .type_text("13/04/2018");
    harness.run_ok();
    harness.get_by_label("13 April 2018, precise to the day");

    // The calendar opens at the typed month; a day clicked is written into the field.
    harness.get_by_label("Calendar").click();
    harness.run_ok();
    harness.get_by_label("April 2018");
    harness.get_by_label("20").click();
    harness.run_ok();
    harness.get_by_label("20 April 2018, precise to the day");
    assert!(
        harness.query_by_label("April 2018").is_none(),
        "the grid closes"
    );
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn filter_dates_between_take_a_written_date() {
    let dir = temp_dir("dates-filter");
    let data = article_in(&dir);
    let mut harness = app_opening(&data);
    harness.get_by_label("Filter").click();
    harness.run_ok();
    // Clicked into, as a person does: the menu stays open while dates are typed.
    for (field, text) in [("from", "1 Feb 2018"), ("to", "March 2018")] {
        harness
            .get_by_role_and_label(Role::TextInput, field)
            .click();
        harness.run_ok();
        harness
            .get_by_role_and_label(Role::TextInput, field)
            .type_text(text);
        harness.run_ok();
    }
    harness.get_by_label("from 1 February 2018, precise to the day");
    harness.get_by_label("to March 2018, precise to the month");
    // The calendar writes the day into the field it is for ("to", once "from" is set).
    harness.get_by_label("Calendar").click();
    harness.run_ok();
    harness.get_by_label("March 2018");
    harness.get_by_label("31").click();
    harness.run_ok();
    harness.get_by_label("to 31 March 2018, precise to the day");
    harness.get_by_label("Apply").click();
    harness.run_ok();
    // As `2018-02` to `2018-03` (tests/it/ui.rs): every event that may touch February or March
    // 2018 but three known to other days.
    assert_eq!(
        harness.state().filter_summary().as_deref(),
        Some("13 of 16 events")
    );
    // The filter changed: the menu closed, as it always did.
    assert!(
        harness
            .query_by_role_and_label(Role::TextInput, "from")
            .is_none()
    );
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn a_timesketch_time_keeps_its_microseconds_in_the_details() {
    let dir = temp_dir("dates-forensic");
    let path = dir.join("sketch.csv");
    std::fs::write(
        &path,
        "message,datetime,timestamp_desc\n\
         Checking timestamp conversion,2012-03-14 04:17:38.276340+00:00,Time Logged\n",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let mut harness = app_opening(&path);
    harness
        .get_by_label("Checking timestamp conversion (Time Logged)")
        .click();
    harness.run_ok();
    harness.get_by_label("14 Mar 2012 04:17:38 UTC");
    harness.get_by_label("14 March 2012, 04:17:38.276340 UTC, precise to the microsecond");
    harness.get_by_label("2012-03-14T04:17:38.276340Z");
    assert!(
        harness
            .query_by_label_contains("between 04:17 and 04:17")
            .is_none()
    );
    // A forensic timeline's lanes are sources of records, not people who acted.
    assert_eq!(
        harness.state().dataset().lanes_word,
        swimline::model::dataset::LanesWord::Sources
    );
    harness.get_by_label("Sources");
    assert!(harness.query_by_label("Actors").is_none());
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn the_exports_dates_take_a_written_date_and_keep_it_in_the_notation() {
    let dir = temp_dir("dates-export");
    let data = article_in(&dir);
    let mut harness = app_opening(&data);
    harness
        .get_by_role_and_label(Role::Button, "Export…")
        .click();
    harness.run_ok();
    // A new window takes a few frames to appear (egui fades it in).
    harness.run_steps(10);
    harness.get_by_label("from … to …").click();
    harness.run_ok();
    for (field, text) in [("from", "Jan 2017"), ("to", "31/03/2018")] {
        harness
            .get_by_role_and_label(Role::TextInput, field)
            .click();
        harness.run_ok();
        harness
            .get_by_role_and_label(Role::TextInput, field)
            .type_text(text);
        harness.run_ok();
    }
    harness.get_by_label("31 March 2018, precise to the day");
    // Left, a field holds the notation the export reads.
    harness
        .get_by_role_and_label(Role::TextInput, "from")
        .click();
    harness.run_ok();
    let value = |harness: &Harness<'static, SwimlineApp>, field: &str| {
        harness
            .get_by_role_and_label(Role::TextInput, field)
            .value()
            .unwrap_or_default()
    };
    assert_eq!(value(&harness, "to"), "2018-03-31");
    harness.get_by_label("January 2017, precise to the month");
    let _ = std::fs::remove_dir_all(dir);
}
