//! The HTML export in a real browser: Debian's `chromium`, headless and offline, driven over the
//! DevTools protocol by `tests/browser/html_check.mjs` (puppeteer-core, pointed at that chromium;
//! nothing downloads a browser). `scripts/check.sh` installs chromium, Node's packages and runs
//! this; run `npm ci` in `tests/browser` first when running it alone.

use std::path::Path;
use std::process::Command;

use super::{root, temp_dir};

/// What the browser found on the page of `html` (the script's JSON).
fn drive(html: &Path, extra: &[&str]) -> serde_json::Value {
    let script = root().join("tests/browser/html_check.mjs");
    assert!(
        root()
            .join("tests/browser/node_modules/puppeteer-core")
            .is_dir(),
        "run `npm ci` in tests/browser (scripts/check.sh does) to drive chromium"
    );
    let out = Command::new("node")
        .arg(&script)
        .arg(html)
        .args(extra)
        .output()
        .unwrap_or_else(|e| panic!("node (needed to drive chromium): {e}"));
    assert!(
        out.status.success(),
        "the browser could not be driven: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8_lossy(&out.stdout);
    serde_json::from_str(text.trim()).unwrap_or_else(|e| panic!("{e}: {text}"))
}

/// `swimline render DATA -o OUT.html`.
fn render_html(data: &Path, out: &Path) {
    let run = Command::new(env!("CARGO_BIN_EXE_swimline"))
        .arg("render")
        .arg(data)
        .arg("-o")
        .arg(out)
        .env_remove("DISPLAY")
        .output()
        .unwrap_or_else(|e| panic!("swimline: {e}"));
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
}

fn strings(v: &serde_json::Value) -> Vec<String> {
    v.as_array()
        .map(|a| {
            a.iter()
                .filter_map(|s| s.as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn the_bundled_report_works_offline_in_chromium() {
    let dir = temp_dir("browser");
    let html = dir.join("timeline.html");
    render_html(&root().join("data/russia-taliban-2018.json"), &html);
    let found = drive(&html, &[]);

    assert_eq!(
        strings(&found["requests"]),
        Vec::<String>::new(),
        "no request at all"
    );
    assert_eq!(
        strings(&found["errors"]),
        Vec::<String>::new(),
        "no script error"
    );
    // Every event of the file, found by its title among the page's labels.
    let dataset = swimline::io::load_path(&root().join("data/russia-taliban-2018.json"))
        .unwrap_or_else(|e| panic!("{e}"))
        .dataset;
    let labelled = strings(&found["labelled"]);
    for e in dataset.events.iter() {
        assert!(
            labelled.iter().any(|t| t == e.title()),
            "{:?} is labelled at some zoom",
            e.title()
        );
    }
    assert_eq!(
        found["marked"],
        dataset.events.len(),
        "each event has a mark"
    );

    // Searching "denies" counts what matches, from the data.
    let denies = dataset
        .events
        .iter()
        .filter(|e| {
            let folded = swimline::model::search::fold("denies");
            swimline::model::search::matches(*e, &folded)
        })
        .count();
    assert!(denies > 0, "the bundled file has a denial to find");
    let count = found["count"].as_str().unwrap_or_default();
    assert!(
        count.starts_with(&format!("{denies} of ")),
        "the count says {denies}: {count}"
    );
    assert!(
        found["dimmed"].as_u64().unwrap_or(0) > 0,
        "non-matches are dimmed"
    );

    // Clicking the denial shows its kind, actors, source and the claims it denies.
    let details = found["details"].as_str().unwrap_or_default();
    let denial = dataset
        .events
        .iter()
        .find(|e| e.kind() == swimline::model::EventKind::Denial)
        .unwrap_or_else(|| panic!("a denial"));
    assert!(details.contains(denial.title()), "{details}");
    assert!(details.contains("denial"), "{details}");
    for &a in denial.actors() {
        assert!(
            details.contains(&dataset.actors[a as usize].name),
            "{details}"
        );
    }
    for l in dataset.links.iter().filter(|l| l.from == denial.index()) {
        assert!(
            details.contains(dataset.events.at(l.to).title()),
            "the link to what it denies: {details}"
        );
    }
    let tooltip = found["tooltip"].as_str().unwrap_or_default();
    assert!(
        tooltip.contains(denial.title()) && tooltip.contains("as written"),
        "{tooltip}"
    );

    // Every lane's name whole and inside its column (the longest, "US forces in
    // Afghanistan", was cut to "US forces in Afghanista"), and its full name as its tooltip.
    let names = found["laneNames"].as_array().cloned().unwrap_or_default();
    assert_eq!(names.len(), dataset.actors.len(), "{names:?}");
    assert!(
        names
            .iter()
            .any(|n| n["name"] == "US forces in Afghanistan"),
        "{names:?}"
    );
    for n in &names {
        let lines = strings(&n["lines"]).join(" ");
        assert_eq!(n["name"].as_str(), Some(lines.as_str()), "whole: {n}");
        let (right, column) = (
            n["right"].as_f64().unwrap_or(f64::INFINITY),
            n["column"].as_f64().unwrap_or(0.0),
        );
        assert!(right <= column, "inside its column: {n}");
    }

    // Kind and lane filters.
    let filters = &found["filters"];
    assert_eq!(filters["denialsHidden"], true, "{filters}");
    let before = filters["heightBefore"].as_f64().unwrap_or(0.0);
    let after = filters["heightAfter"].as_f64().unwrap_or(f64::INFINITY);
    assert!(after < before, "a lane taken out closes up: {filters}");
    assert!(
        filters["now"]
            .as_str()
            .unwrap_or_default()
            .contains("lanes hidden"),
        "{filters}"
    );

    // Zooming in changes the axis.
    let (before, after) = (
        strings(&found["axisBefore"]),
        strings(&found["axisAfterZoom"]),
    );
    assert!(!before.is_empty(), "the axis has labels");
    assert_ne!(before, after, "the axis follows the zoom");
    assert_culled_right(&found);
}

/// After a zoom, what is on screen is what placing every point again puts there (a step moves
/// only the points on screen or on it before, and misses none).
fn assert_culled_right(found: &serde_json::Value) {
    let culling = &found["culling"];
    assert_eq!(culling["same"], true, "{culling}");
    assert!(
        culling["seen"].as_u64().unwrap_or(0) > 0,
        "points on screen: {culling}"
    );
}

#[test]
fn a_page_of_ten_thousand_events_stays_under_five_megabytes() {
    let dir = temp_dir("browser-10k");
    let data = dir.join("events.json");
    let mut file = std::fs::File::create(&data).unwrap_or_else(|e| panic!("{e}"));
    let spec = swimline::generate::Spec {
        events: 10_000,
        actors: 50,
        seed: 1,
    };
    swimline::generate::write(spec, swimline::generate::GenFormat::Json, &mut file)
        .unwrap_or_else(|e| panic!("{e}"));
    drop(file);
    let html = dir.join("timeline.html");
    render_html(&data, &html);
    let page = std::fs::read_to_string(&html).unwrap_or_default();
    assert!(page.len() < 5_000_000, "{} bytes", page.len());
    // Zoomed in, a step moves the points on screen, not every point of the rows near it (all
    // of them took 20 ms of style a step at this size).
    let found = drive(&html, &[]);
    assert_eq!(
        strings(&found["errors"]),
        Vec::<String>::new(),
        "no script error"
    );
    assert_culled_right(&found);
    let culling = &found["culling"];
    let (moved, near) = (
        culling["moved"].as_u64().unwrap_or(u64::MAX),
        culling["points"].as_u64().unwrap_or(0),
    );
    assert!(
        moved * 2 < near,
        "a step moved {moved} of {near} points: {culling}"
    );
    assert!(page.contains("<!DOCTYPE html>") && page.contains("window.swimline"));
    // What it could not draw one by one it says it folded.
    let folded = page.contains("class=\"fd\"") || page.contains("q fd");
    assert_eq!(
        folded,
        page.contains("This file is large"),
        "the page says so exactly when it folds events"
    );
}
