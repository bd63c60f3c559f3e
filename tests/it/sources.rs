//! Database sources against the real engines: a PostgreSQL server started for the tests
//! (`scripts/pg-test-server.sh`, which `./scripts/check.sh` runs and names in
//! `SWIMLINE_TEST_PG`) and an embedded DuckDB (the `duckdb` feature, on in CI). Each test
//! works in a table (and folder) of its own.

use std::time::{Duration, Instant};

use egui_kittest::Harness;
use swimline::io::load_default;
use swimline::source::SourceSpec;
use swimline::source::connect::{connect, open_now};
use swimline::source::engine::EngineError;
use swimline::source::plan::Plan;
use swimline::source::sql::NO_LANE;
use swimline::source::sql::SqlFilter;
use swimline::source::window::{Request, extent_of, fetch_window, window_dataset};
use swimline::ui::{ScriptedDialogs, SwimlineApp};

use super::temp_dir;

/// The test server's connection string.
fn pg_url() -> String {
    std::env::var("SWIMLINE_TEST_PG").unwrap_or_else(|_| {
        panic!(
            "SWIMLINE_TEST_PG is not set: run the tests with ./scripts/check.sh, which starts a \
             PostgreSQL server for them (or start one with scripts/pg-test-server.sh start DIR \
             and set SWIMLINE_TEST_PG to what it prints)"
        )
    })
}

fn pg() -> postgres::Client {
    postgres::Client::connect(&pg_url(), postgres::NoTls)
        .unwrap_or_else(|e| panic!("the test server at {}: {e}", pg_url()))
}

/// The rows of the report as a table: the claim in two lanes, its denial, and an open-ended
/// action; plus `extra` generated rows in lane "Noise" (one an hour from 2017).
const REPORT_ROWS: &str = "
    ('claim', 'Russia arms the Taliban', TIMESTAMP '2018-03-23 00:00:00', NULL, 'Russia', 'claim',
        'Gen. Nicholson says so', 'BBC', 'We have seen Russia arming the Taliban'),
    ('claim', 'Russia arms the Taliban', TIMESTAMP '2018-03-23 00:00:00', NULL, 'Taliban', 'claim',
        'Gen. Nicholson says so', 'BBC', 'We have seen Russia arming the Taliban'),
    ('denial', 'Russia denies it', TIMESTAMP '2018-03-24 10:30:00', NULL, 'Russia', 'denial',
        NULL, 'https://example.org/tass', NULL),
    ('aid', 'US suspends aid to Pakistan', TIMESTAMP '2018-01-04 00:00:00',
        TIMESTAMP '2018-12-31 00:00:00', 'United States', 'action', NULL, NULL, NULL)";

/// Makes table `name` in the documented layout with the report's rows and `extra` noise rows.
fn pg_table(name: &str, extra: i64) {
    let mut client = pg();
    client
        .batch_execute(&format!(
            "DROP TABLE IF EXISTS {name} CASCADE;
             CREATE TABLE {name} (id text, title text, start_time timestamp, end_time timestamp,
                 lane text, kind text, description text, source text, quote text);
             INSERT INTO {name} VALUES {REPORT_ROWS};
             INSERT INTO {name} SELECT 'n' || g, 'noise ' || g,
                 TIMESTAMP '2017-01-01' + g * INTERVAL '1 hour', NULL, 'Noise', 'action',
                 NULL, NULL, NULL FROM generate_series(1, {extra}) g;"
        ))
        .unwrap_or_else(|e| panic!("{e}"));
}

fn whole(lanes: &[swimline::source::window::LaneInfo]) -> Request {
    let (a, b) = extent_of(lanes).unwrap_or((0, 1));
    Request {
        plan: Plan::for_view(a as f64, b as f64, 1000.0),
        filter: SqlFilter::default(),
        fine: None,
    }
}

#[test]
fn a_postgres_table_gives_lanes_counts_and_the_events_of_quiet_lanes() {
    pg_table("t_window", 2000);
    let mut opened =
        open_now(&format!("{}?table=t_window", pg_url()), None).unwrap_or_else(|e| panic!("{e}"));
    let names: Vec<(&str, u64)> = opened
        .lanes
        .iter()
        .map(|l| (l.name.as_str(), l.rows))
        .collect();
    assert_eq!(
        names,
        vec![
            ("Noise", 2000),
            ("Russia", 2),
            ("Taliban", 1),
            ("United States", 1)
        ]
    );
    let answer = fetch_window(opened.engine.as_mut(), &whole(&opened.lanes))
        .unwrap_or_else(|e| panic!("{e}"));
    // Every row is counted once in its lane's bins.
    let total: u32 = answer.bins.values().flatten().sum();
    assert_eq!(total, 2004);
    // Asked with only some lanes in fine bins (those on screen), the others come in bins 64
    // times as wide: the same rows, fewer counts.
    let mut some_fine = whole(&opened.lanes);
    some_fine.fine = Some(vec!["Russia".to_owned(), "United States".to_owned()]);
    let partly = fetch_window(opened.engine.as_mut(), &some_fine).unwrap_or_else(|e| panic!("{e}"));
    let n = some_fine.plan.bins();
    let lengths: Vec<(&str, usize, bool)> = ["Noise", "Russia", "Taliban", "United States"]
        .iter()
        .map(|l| {
            let len = partly.bins.get(*l).map_or(0, Vec::len);
            (*l, len, partly.coarse.contains(*l))
        })
        .collect();
    assert_eq!(
        lengths,
        [
            ("Noise", n / 64, true),
            ("Russia", n, false),
            ("Taliban", n / 64, true),
            ("United States", n, false)
        ]
    );
    assert!(
        partly.is_fine_for(&["Russia".to_owned()]) && !partly.is_fine_for(&["Noise".to_owned()])
    );
    let (a, b) = (some_fine.plan.w0 as f64, some_fine.plan.w1 as f64);
    for lane in ["Noise", "Russia", "Taliban", "United States"] {
        assert!(
            (partly.lane_rows_in(lane, a, b) - answer.lane_rows_in(lane, a, b)).abs() < 1e-6,
            "{lane}"
        );
    }
    assert_eq!(partly.rows_in(a, b), 2004);
    // Events come for the quiet lanes on screen only: Taliban is quiet but off screen.
    let on_screen: std::collections::HashSet<String> = answer
        .complete
        .iter()
        .filter(|l| *l != "Taliban")
        .cloned()
        .collect();
    assert_eq!(
        partly
            .complete
            .iter()
            .cloned()
            .collect::<std::collections::HashSet<_>>(),
        on_screen
    );
    // The quiet lanes come event by event; the noisy one (2,000 > 600 in the window) as counts.
    assert!(answer.complete.contains("Russia") && answer.complete.contains("Taliban"));
    assert!(!answer.complete.contains("Noise"));
    let dataset = window_dataset("t", &opened.lanes, &answer);
    assert_eq!(
        dataset.events.len(),
        3,
        "the claim once, in two lanes; the denial; the aid"
    );
    let claim = dataset.events.at(dataset
        .event_by_id("claim")
        .unwrap_or_else(|| panic!("claim")));
    assert_eq!(claim.actors().len(), 2);
    assert_eq!(
        claim.time().to_string(),
        "2018-03-23",
        "midnight is the day"
    );
    let denial = dataset.events.at(dataset
        .event_by_id("denial")
        .unwrap_or_else(|| panic!("denial")));
    assert_eq!(denial.time().to_string(), "2018-03-24T10:30:00Z");
    let aid = dataset
        .events
        .at(dataset.event_by_id("aid").unwrap_or_else(|| panic!("aid")));
    assert_eq!(aid.time().to_string(), "2018-01-04/2018-12-31");

    // Zoomed to a week of 2017, the noise lane has few enough rows to come one by one.
    let t0 = 1_483_228_800.0 + 30.0 * 86_400.0;
    let week = Request {
        plan: Plan::for_view(t0, t0 + 7.0 * 86_400.0, 1000.0),
        filter: SqlFilter::default(),
        fine: None,
    };
    let answer = fetch_window(opened.engine.as_mut(), &week).unwrap_or_else(|e| panic!("{e}"));
    assert!(answer.complete.contains("Noise"), "{:?}", answer.complete);
    let noise = answer
        .events
        .iter()
        .filter(|e| e.lanes == ["Noise"])
        .count();
    let in_window = answer
        .bins
        .get("Noise")
        .map_or(0, |b| b.iter().sum::<u32>()) as usize;
    assert_eq!(noise, in_window);
    assert!(noise > 100, "{noise}");
}

#[test]
fn filters_and_search_are_pushed_into_the_query() {
    pg_table("t_filter", 50);
    let mut opened =
        open_now(&format!("{}?table=t_filter", pg_url()), None).unwrap_or_else(|e| panic!("{e}"));
    let mut request = whole(&opened.lanes);
    request.filter = SqlFilter {
        hidden_kinds: vec![swimline::model::EventKind::Action],
        ..SqlFilter::default()
    };
    let answer = fetch_window(opened.engine.as_mut(), &request).unwrap_or_else(|e| panic!("{e}"));
    let total: u32 = answer.bins.values().flatten().sum();
    assert_eq!(total, 3, "two rows of the claim and the denial");
    request.filter = SqlFilter {
        search: Some("DENIES".into()),
        ..SqlFilter::default()
    };
    let answer = fetch_window(opened.engine.as_mut(), &request).unwrap_or_else(|e| panic!("{e}"));
    let ids: Vec<&str> = answer.events.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(ids, vec!["denial"]);
    request.filter = SqlFilter {
        hidden_lanes: vec!["Noise".into(), "Russia".into()],
        date_range: Some((1_514_764_800, 1_546_300_800)),
        ..SqlFilter::default()
    };
    let answer = fetch_window(opened.engine.as_mut(), &request).unwrap_or_else(|e| panic!("{e}"));
    let mut lanes: Vec<&String> = answer.bins.keys().collect();
    lanes.sort();
    assert_eq!(lanes, vec!["Taliban", "United States"]);
    // A quote with a quote mark in it is a value, not SQL.
    request.filter = SqlFilter {
        search: Some("it'; DROP TABLE t_filter; --".into()),
        ..SqlFilter::default()
    };
    let answer = fetch_window(opened.engine.as_mut(), &request).unwrap_or_else(|e| panic!("{e}"));
    assert!(answer.bins.is_empty());
    assert!(
        open_now(&format!("{}?table=t_filter", pg_url()), None).is_ok(),
        "the table is still there"
    );
}

#[test]
fn lane_names_with_quote_marks_are_bound_not_spliced() {
    let mut client = pg();
    client
        .batch_execute(
            "DROP TABLE IF EXISTS t_quotes CASCADE;
             CREATE TABLE t_quotes (id text, title text, start_time timestamp, lane text);
             INSERT INTO t_quotes VALUES
                 ('o1', 'One', TIMESTAMP '2018-03-23 00:00:00', 'O''Brien'),
                 ('o2', 'Two', TIMESTAMP '2018-03-24 00:00:00', 'O''Brien'),
                 ('b1', 'Bob', TIMESTAMP '2018-03-23 12:00:00', 'Bob''s \\ ''; DROP TABLE t_quotes; --'),
                 ('p1', 'Plain', TIMESTAMP '2018-03-25 00:00:00', 'plain');",
        )
        .unwrap_or_else(|e| panic!("{e}"));
    let mut opened =
        open_now(&format!("{}?table=t_quotes", pg_url()), None).unwrap_or_else(|e| panic!("{e}"));
    let names: Vec<String> = opened.lanes.iter().map(|l| l.name.clone()).collect();
    let bob = "Bob's \\ '; DROP TABLE t_quotes; --".to_owned();
    assert_eq!(
        names,
        vec![bob.clone(), "O'Brien".to_owned(), "plain".to_owned()]
    );
    // The lanes on screen (fine bins, events) and a hidden lane, all with quote marks.
    let mut request = whole(&opened.lanes);
    request.fine = Some(vec!["O'Brien".to_owned(), bob.clone()]);
    request.filter = SqlFilter {
        hidden_lanes: vec![bob.clone()],
        ..SqlFilter::default()
    };
    let answer = fetch_window(opened.engine.as_mut(), &request).unwrap_or_else(|e| panic!("{e}"));
    let mut lanes: Vec<&String> = answer.bins.keys().collect();
    lanes.sort();
    assert_eq!(lanes, vec!["O'Brien", "plain"]);
    let mut ids: Vec<&str> = answer.events.iter().map(|e| e.id.as_str()).collect();
    ids.sort_unstable();
    assert_eq!(ids, vec!["o1", "o2"], "the events of the lane on screen");
    assert!(answer.complete.contains("O'Brien"));
    // Nothing hidden: Bob's lane is counted and fetched, and the table is still there.
    request.filter = SqlFilter::default();
    let answer = fetch_window(opened.engine.as_mut(), &request).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        answer.bins.get(&bob).map(|b| b.iter().sum::<u32>()),
        Some(1)
    );
    assert!(answer.events.iter().any(|e| e.id == "b1"));
    assert!(
        open_now(&format!("{}?table=t_quotes", pg_url()), None).is_ok(),
        "the table is still there"
    );
}

#[test]
fn seconds_since_1970_work_as_times_and_a_table_of_another_layout_is_named_plainly() {
    let mut client = pg();
    client
        .batch_execute(
            "DROP TABLE IF EXISTS t_secs; DROP TABLE IF EXISTS t_gdelt;
             CREATE TABLE t_secs (id bigint, title text, start_time bigint, end_time bigint, lane text);
             INSERT INTO t_secs VALUES (1, 'one', 86400, NULL, 'a'), (2, 'two', 90000, 93600, 'b');
             CREATE TABLE t_gdelt (globaleventid bigint, sqldate int, actor1name text);",
        )
        .unwrap_or_else(|e| panic!("{e}"));
    let mut opened =
        open_now(&format!("{}?table=t_secs", pg_url()), None).unwrap_or_else(|e| panic!("{e}"));
    // Event 1 at midnight is the whole of 2 January 1970: the extent ends with that day.
    assert_eq!(extent_of(&opened.lanes), Some((86_400, 172_800)));
    let answer = fetch_window(opened.engine.as_mut(), &whole(&opened.lanes))
        .unwrap_or_else(|e| panic!("{e}"));
    let dataset = window_dataset("t", &opened.lanes, &answer);
    let two = dataset
        .events
        .at(dataset.event_by_id("2").unwrap_or_else(|| panic!("2")));
    assert_eq!(
        two.time().to_string(),
        "1970-01-02T01:00:00Z/1970-01-02T02:00:00Z"
    );

    let err = open_now(&format!("{}?table=t_gdelt", pg_url()), None)
        .err()
        .unwrap_or_default();
    assert!(
        err.contains("t_gdelt has no column id, title, start_time, lane"),
        "{err}"
    );
    assert!(err.contains("globaleventid, sqldate, actor1name"), "{err}");
    let err = open_now(&format!("{}?table=nope", pg_url()), None)
        .err()
        .unwrap_or_default();
    assert!(
        err.contains("cannot read the table nope") && err.contains("does not exist"),
        "{err}"
    );
    // A server that is not there is an error in words, quickly.
    let started = Instant::now();
    let err = open_now("postgresql://swimline@127.0.0.1:1/x?table=t", None)
        .err()
        .unwrap_or_default();
    assert!(
        err.starts_with("cannot connect to PostgreSQL at 127.0.0.1:1/x"),
        "{err}"
    );
    assert!(started.elapsed() < Duration::from_secs(11));
}

/// The views a summary is checked on: bins from 2^13 s (counted from the rows, the lanes off
/// screen from the summary) to 2^24 s, every lane fine or only some, kinds and lanes hidden;
/// with whether the summary counts the lanes on screen.
fn summary_requests(lanes: &[swimline::source::window::LaneInfo]) -> Vec<(Request, bool)> {
    let (a, _) = extent_of(lanes).unwrap_or((0, 1));
    let at = |t0: f64, span: f64, px: f64| Plan::for_view(t0, t0 + span, px);
    let year = 365.25 * 86_400.0;
    let plain = |plan: Plan, fine: Option<Vec<&str>>| Request {
        plan,
        filter: SqlFilter::default(),
        fine: fine.map(|f| f.into_iter().map(str::to_owned).collect()),
    };
    let a = a as f64;
    let mut out = vec![
        (plain(at(a, 2.0 * year, 100.0), None), true),
        (plain(at(a - 8.0 * year, 20.0 * year, 50.0), None), true),
        (plain(at(a - 20.0 * year, 40.0 * year, 20.0), None), true),
        (plain(at(a, 2.0 * year, 100.0), Some(vec!["Russia"])), true),
        (
            plain(
                at(a, 2.0 * year, 100.0),
                Some(vec!["Russia", NO_LANE, "Taliban"]),
            ),
            true,
        ),
        (
            plain(at(a, 190.0 * 86_400.0, 1000.0), Some(vec!["Noise"])),
            false,
        ),
        (
            plain(at(a, 190.0 * 86_400.0, 1000.0), Some(vec![NO_LANE])),
            false,
        ),
    ];
    let mut hidden = plain(at(a, 2.0 * year, 100.0), Some(vec!["Taliban"]));
    hidden.filter.hidden_kinds = vec![
        swimline::model::EventKind::Action,
        swimline::model::EventKind::Denial,
    ];
    hidden.filter.hidden_lanes = vec!["United States".into()];
    out.push((hidden, true));
    out
}

/// A lane as counted: its name, rows and extent.
type LaneRow = (String, u64, Option<(i64, i64)>);

/// An answer's bins by lane, its coarse lanes and its complete lanes, in order.
type Sorted = (
    std::collections::BTreeMap<String, Vec<u32>>,
    Vec<String>,
    Vec<String>,
);

/// Fetches every request of [`summary_requests`] from `rows` (no summary) and from `summary`
/// and checks they count the same rows in the same bins.
fn same_answers_from_the_summary(
    rows: &mut swimline::source::connect::OpenedNow,
    summary: &mut swimline::source::connect::OpenedNow,
) {
    assert!(rows.engine.layout().summary.is_none());
    assert!(summary.engine.layout().summary.is_some());
    let lanes = |o: &swimline::source::connect::OpenedNow| -> Vec<LaneRow> {
        o.lanes
            .iter()
            .map(|l| (l.name.clone(), l.rows, extent_of(std::slice::from_ref(l))))
            .collect()
    };
    assert_eq!(
        lanes(summary),
        lanes(rows),
        "the lanes, counted from the summary"
    );
    assert_eq!(
        summary.engine.layout().longest_secs,
        rows.engine.layout().longest_secs
    );
    for (request, served) in summary_requests(&rows.lanes) {
        let layout = summary.engine.layout();
        assert_eq!(
            layout.summary_serves(&request.filter, request.plan.bin_secs),
            served,
            "{request:?}"
        );
        let sorted = |a: swimline::source::window::Answer| -> Sorted {
            let bins: std::collections::BTreeMap<String, Vec<u32>> = a.bins.into_iter().collect();
            let mut coarse: Vec<String> = a.coarse.into_iter().collect();
            coarse.sort();
            let mut complete: Vec<String> = a.complete.into_iter().collect();
            complete.sort();
            (bins, coarse, complete)
        };
        let from_rows =
            fetch_window(rows.engine.as_mut(), &request).unwrap_or_else(|e| panic!("{e}"));
        let from_summary =
            fetch_window(summary.engine.as_mut(), &request).unwrap_or_else(|e| panic!("{e}"));
        // The lanes off screen are counted in bins as wide as a summary level where one
        // serves: the rows' coarse bins are added up to the same width to compare.
        let mut from_rows = from_rows;
        let fold = 1_usize << (from_summary.coarse_shift - from_rows.coarse_shift);
        for lane in &from_rows.coarse {
            if let Some(bins) = from_rows.bins.get_mut(lane) {
                *bins = bins.chunks(fold).map(|c| c.iter().sum()).collect();
            }
        }
        let (from_rows, from_summary) = (sorted(from_rows), sorted(from_summary));
        assert!(
            from_rows.0.values().flatten().sum::<u32>() > 0,
            "something counted: {request:?}"
        );
        if from_summary != from_rows {
            // Briefly: each lane's total and first counted bins (the bins are thousands long).
            let brief = |a: &(
                std::collections::BTreeMap<String, Vec<u32>>,
                Vec<String>,
                Vec<String>,
            )| {
                let lanes: Vec<String> = a
                    .0
                    .iter()
                    .map(|(l, b)| {
                        let at: Vec<usize> = (0..b.len()).filter(|&i| b[i] > 0).take(4).collect();
                        format!("{l}: {} of {} at {at:?}", b.iter().sum::<u32>(), b.len())
                    })
                    .collect();
                format!("{lanes:?} coarse {:?} complete {:?}", a.1, a.2)
            };
            panic!(
                "{request:?}\nsummary: {}\nrows:    {}",
                brief(&from_summary),
                brief(&from_rows)
            );
        }
    }
    // A search needs the rows themselves.
    let filter = SqlFilter {
        search: Some("noise 12".into()),
        ..SqlFilter::default()
    };
    assert!(!summary.engine.layout().summary_serves(&filter, 1 << 24));
}

#[test]
fn a_summary_counts_wide_views_as_the_rows_do() {
    pg_table("t_sum", 3000);
    pg().batch_execute(
        "INSERT INTO t_sum VALUES ('nolane', 'Nobody says', TIMESTAMP '2018-02-01 10:00:00',
             NULL, NULL, 'statement', NULL, NULL, NULL)",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let source = format!("{}?table=t_sum", pg_url());
    let mut before = open_now(&source, None).unwrap_or_else(|e| panic!("{e}"));
    assert!(
        before.lanes.iter().any(|l| l.name == NO_LANE),
        "a row with no lane"
    );
    let dir = temp_dir("pg-summary");
    let run = std::process::Command::new(env!("CARGO_BIN_EXE_swimline"))
        .args(["summarize", &source])
        .env("XDG_DATA_HOME", dir.join("xdg"))
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    assert!(
        String::from_utf8_lossy(&run.stdout).contains("made the summary t_sum_swimline_summary")
    );
    let mut opened = open_now(&source, None).unwrap_or_else(|e| panic!("{e}"));
    same_answers_from_the_summary(&mut before, &mut opened);
    // `swimline check` says it is there.
    let run = std::process::Command::new(env!("CARGO_BIN_EXE_swimline"))
        .args(["check", &source])
        .env("XDG_DATA_HOME", dir.join("xdg"))
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    let said = String::from_utf8_lossy(&run.stdout);
    assert!(said.contains("3005 rows, 5 lanes"), "{said}");
    assert!(
        said.contains("wide views counted from its summary"),
        "{said}"
    );
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn a_running_postgres_query_is_cancelled_by_the_interrupter() {
    let spec = SourceSpec::parse(&format!("{}?table=t_cancel", pg_url()))
        .unwrap_or_else(|e| panic!("{e}"));
    pg_table("t_cancel", 0);
    let mut engine = connect(&spec, None).unwrap_or_else(|e| panic!("{e}"));
    let interrupt = engine.interrupter();
    let started = Instant::now();
    let running = std::thread::spawn(move || engine.query("SELECT pg_sleep(30)"));
    std::thread::sleep(Duration::from_millis(300));
    interrupt();
    let result = running
        .join()
        .unwrap_or_else(|_| panic!("the query thread panicked"));
    assert_eq!(result, Err(EngineError::Interrupted));
    assert!(
        started.elapsed() < Duration::from_secs(10),
        "{:?}",
        started.elapsed()
    );
}

#[test]
fn check_and_render_read_a_postgres_table() {
    pg_table("t_cli", 300);
    let dir = temp_dir("source-cli");
    let source = format!("{}?table=t_cli", pg_url());
    let run = std::process::Command::new(env!("CARGO_BIN_EXE_swimline"))
        .args(["check", &source, "--json"])
        .env("XDG_DATA_HOME", dir.join("xdg"))
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let line: serde_json::Value =
        serde_json::from_slice(&run.stdout).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(line["format"], "a database table");
    assert_eq!(line["engine"], "PostgreSQL");
    assert_eq!(line["summary"], serde_json::Value::Null);
    assert_eq!(line["events"], 304);
    assert_eq!(line["actors"], 4);
    assert_eq!(line["start"], "2017-01-01");
    assert_eq!(line["end"], "2018-12-31");

    let out = dir.join("t.svg");
    let run = std::process::Command::new(env!("CARGO_BIN_EXE_swimline"))
        .args(["render", &source, "-o"])
        .arg(&out)
        .args(["--title", "From PostgreSQL"])
        .env("XDG_DATA_HOME", dir.join("xdg"))
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let svg = std::fs::read_to_string(&out).unwrap_or_default();
    assert!(svg.contains(">From PostgreSQL</text>"));
    assert!(
        svg.contains(">304 rows in view"),
        "the subtitle counts the table's rows"
    );
    for lane in ["Noise", "Russia", "Taliban", "United States"] {
        assert!(svg.contains(&format!(">{lane}</text>")), "lane {lane}");
    }
    assert!(
        svg.contains("Russia arms the Taliban"),
        "the quiet lanes' events are drawn"
    );
    // A bad table is an error on stderr, exit 1, and nothing written.
    let bad = dir.join("bad.svg");
    let run = std::process::Command::new(env!("CARGO_BIN_EXE_swimline"))
        .args(["render", &format!("{}?table=nope", pg_url()), "-o"])
        .arg(&bad)
        .env("XDG_DATA_HOME", dir.join("xdg"))
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(run.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&run.stderr).contains("does not exist"));
    assert!(!bad.exists());
    let _ = std::fs::remove_dir_all(dir);
}

/// The window opening `source`, with its notes folder `notes`, before it has answered.
fn app_opening(source: &str, notes: &std::path::Path) -> Harness<'static, SwimlineApp> {
    let loaded = load_default().unwrap_or_else(|e| panic!("{e}"));
    let app = SwimlineApp::new(loaded, None, Box::new(ScriptedDialogs::new(vec![], vec![])))
        .open_source_on_start(source.to_owned())
        .with_notes_folder(Some(notes.to_path_buf()));
    Harness::builder()
        .with_size(egui::vec2(1480.0, 900.0))
        .build_ui_state(|ui, app: &mut SwimlineApp| app.ui_root(ui), app)
}

/// The window on `source`, once it has answered for the view.
fn app_on(source: &str, notes: &std::path::Path) -> Harness<'static, SwimlineApp> {
    let mut harness = app_opening(source, notes);
    settle(&mut harness);
    harness
}

/// Steps until the database has answered for the view.
fn settle(harness: &mut Harness<'static, SwimlineApp>) {
    for _ in 0..2000 {
        harness.step();
        let app = harness.state();
        if app.is_remote() && !app.is_waiting_for_database() {
            harness.step();
            if !harness.state().is_waiting_for_database() {
                return;
            }
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    panic!(
        "the database never answered; status: {}",
        harness.state().status()
    );
}

#[test]
fn the_window_browses_a_postgres_table_and_keeps_notes_on_it_by_id() {
    pg_table("t_app", 5000);
    let dir = temp_dir("source-app");
    let source = format!("{}?table=t_app", pg_url());
    let mut harness = app_on(&source, &dir);
    let app = harness.state();
    assert!(
        app.status().contains("rows in 4 lanes") || app.status().contains("events drawn"),
        "{}",
        app.status()
    );
    assert_eq!(app.dataset().actors.len(), 4);
    let denial = app
        .dataset()
        .event_by_id("denial")
        .unwrap_or_else(|| panic!("the denial is fetched"));
    // Zoom in on the spring of 2018: a newer view, a new answer; the denial stays.
    {
        let ctx = harness.ctx.clone();
        harness.state_mut().apply(
            swimline::ui::Command::SetView(swimline::layout::TimeView {
                start_secs: 1_521_000_000.0,
                span_secs: 30.0 * 86_400.0,
            }),
            &ctx,
        );
    }
    settle(&mut harness);
    let app = harness.state();
    let denial_now = app
        .dataset()
        .event_by_id("denial")
        .unwrap_or_else(|| panic!("still there"));
    {
        let ctx = harness.ctx.clone();
        harness
            .state_mut()
            .apply(swimline::ui::Command::Select(Some(denial_now)), &ctx);
    }
    {
        let ctx = harness.ctx.clone();
        harness
            .state_mut()
            .apply(swimline::ui::Command::ToggleStar(denial_now), &ctx);
    }
    harness.state_mut().flush_notes();
    let _ = denial;
    // Far away in 2017 the denial is not in the window, but stays selected with its star.
    {
        let ctx = harness.ctx.clone();
        harness.state_mut().apply(
            swimline::ui::Command::SetView(swimline::layout::TimeView {
                start_secs: 1_483_228_800.0,
                span_secs: 2.0 * 86_400.0,
            }),
            &ctx,
        );
    }
    settle(&mut harness);
    let app = harness.state();
    let selected = app
        .selected()
        .unwrap_or_else(|| panic!("the selection is kept"));
    assert_eq!(app.dataset().events.at(selected).id(), "denial");
    assert!(app.notes().marks_of(selected).starred);
    assert!(
        app.dataset().events.len() > 10,
        "the noise of two days comes one by one"
    );
    drop(harness);
    // Reopened: the star is back, by id, from the notes folder.
    let harness = app_on(&source, &dir);
    let app = harness.state();
    let again = app
        .dataset()
        .event_by_id("denial")
        .unwrap_or_else(|| panic!("the denial"));
    assert!(app.notes().marks_of(again).starred);
    let files: Vec<_> = std::fs::read_dir(&dir)
        .map(|d| {
            d.flatten()
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    assert!(
        files
            .iter()
            .any(|f| f.starts_with("source-") && f.ends_with(".swimline-notes.json")),
        "{files:?}"
    );
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn a_table_that_cannot_be_read_leaves_the_app_on_what_it_had() {
    let dir = temp_dir("source-bad");
    let mut harness = app_opening(&format!("{}?table=no_such_table", pg_url()), &dir);
    for _ in 0..1000 {
        harness.step();
        if harness.state().error().is_some() {
            break;
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    let app = harness.state();
    let error = app.error().unwrap_or_else(|| panic!("an error is shown"));
    assert!(
        error.contains("no_such_table") && error.contains("does not exist"),
        "{error}"
    );
    assert!(!app.is_remote());
    assert_eq!(
        app.dataset().events.len(),
        16,
        "the built-in dataset is still on screen"
    );
    let _ = std::fs::remove_dir_all(dir);
}

#[cfg(feature = "duckdb")]
mod duck {
    use super::*;
    use egui_kittest::kittest::Queryable as _;

    /// Writes the report's rows and `extra` noise rows as Parquet (and CSV) in `dir` through
    /// DuckDB itself.
    fn parquet(dir: &std::path::Path, extra: i64) -> std::path::PathBuf {
        let path = dir.join("events.parquet");
        let db = duckdb::Connection::open_in_memory().unwrap_or_else(|e| panic!("{e}"));
        db.execute_batch(&format!(
            "CREATE TABLE ev (id VARCHAR, title VARCHAR, start_time TIMESTAMP, end_time TIMESTAMP,
                 lane VARCHAR, kind VARCHAR, description VARCHAR, source VARCHAR, quote VARCHAR);
             INSERT INTO ev VALUES {REPORT_ROWS};
             INSERT INTO ev SELECT 'n' || g, 'noise ' || g,
                 TIMESTAMP '2017-01-01' + g * INTERVAL 1 HOUR, NULL, 'Noise', 'action', NULL, NULL, NULL
                 FROM range(1, {extra} + 1) t(g);
             COPY ev TO '{}' (FORMAT parquet);
             COPY ev TO '{}' (HEADER);",
            path.display(),
            dir.join("events.csv").display()
        ))
        .unwrap_or_else(|e| panic!("{e}"));
        path
    }

    /// A DuckDB database file `cases.duckdb` in `dir` with the rows of `parquet` as table
    /// `events`.
    fn database_file(dir: &std::path::Path, parquet: &std::path::Path) -> std::path::PathBuf {
        let db_path = dir.join("cases.duckdb");
        let db = duckdb::Connection::open(&db_path).unwrap_or_else(|e| panic!("{e}"));
        db.execute_batch(&format!(
            "CREATE TABLE events AS SELECT * FROM read_parquet('{}')",
            parquet.display()
        ))
        .unwrap_or_else(|e| panic!("{e}"));
        db_path
    }

    #[test]
    fn a_database_opened_after_a_workbook_shows_none_of_its_tags_or_sheets() {
        // #21: the window's "new data replaces the old" forgot the tags (Filter) and sheets
        // (View ▸ Sheet) when the new data was a database.
        use super::super::workbooks::{Value, sheet_data, xlsx};
        let dir = temp_dir("duck-after-sheet");
        let t = |s: &str| Value::Text(s.to_owned());
        let rows = vec![
            vec![t("title"), t("start"), t("actors"), t("tags")],
            vec![
                t("Aid suspended"),
                t("2018-01"),
                t("usa"),
                t("aid; pakistan"),
            ],
        ];
        let book = dir.join("tagged.xlsx");
        std::fs::write(&book, xlsx(&sheet_data(&rows), None)).unwrap_or_else(|e| panic!("{e}"));
        let data = parquet(&dir, 10);
        let loaded = load_default().unwrap_or_else(|e| panic!("{e}"));
        let app = SwimlineApp::new(
            loaded,
            None,
            Box::new(ScriptedDialogs::new(vec![Some(book)], vec![])),
        )
        .with_notes_folder(Some(dir.join("notes")));
        let mut harness = Harness::builder()
            .with_size(egui::vec2(1480.0, 900.0))
            .build_ui_state(|ui, app: &mut SwimlineApp| app.ui_root(ui), app);
        harness.run_ok();
        harness.get_by_label("Open…").click();
        harness.run_ok();
        for _ in 0..2000 {
            harness.step();
            if !harness.state().is_loading() && harness.state().dataset().events.len() == 1 {
                break;
            }
            std::thread::sleep(Duration::from_millis(5));
        }
        assert_eq!(harness.state().sheets(), ["Events"]);
        assert!(!harness.state().tag_counts().is_empty());
        harness.get_by_label("File").click();
        harness.run_ok();
        harness.get_by_label("Open database…").click();
        harness.run_ok();
        // The search box is a text field too: the dialog's is the last one. Focused first,
        // then typed into.
        harness
            .get_all_by_role(egui::accesskit::Role::TextInput)
            .last()
            .unwrap_or_else(|| panic!("no text field"))
            .click();
        harness.run_ok();
        harness
            .get_all_by_role(egui::accesskit::Role::TextInput)
            .last()
            .unwrap_or_else(|| panic!("no text field"))
            .type_text(&format!("duckdb:{}", data.display()));
        harness.run_ok();
        harness.get_by_label("Open").click();
        settle(&mut harness);
        assert!(harness.state().is_remote());
        assert!(
            harness.state().sheets().is_empty(),
            "{:?}",
            harness.state().sheets()
        );
        assert!(
            harness.state().tag_counts().is_empty(),
            "{:?}",
            harness.state().tag_counts()
        );
        let _ = std::fs::remove_dir_all(dir);
    }

    #[test]
    fn duckdb_reads_parquet_csv_and_a_database_file() {
        let dir = temp_dir("duck-read");
        let path = parquet(&dir, 2000);
        for source in [
            format!("duckdb:{}", path.display()),
            format!("duckdb:{}", dir.join("events.csv").display()),
            format!("duckdb:{}/*.parquet", dir.display()),
        ] {
            let mut opened = open_now(&source, None).unwrap_or_else(|e| panic!("{source}: {e}"));
            assert_eq!(opened.engine.name(), "DuckDB");
            let rows: Vec<(&str, u64)> = opened
                .lanes
                .iter()
                .map(|l| (l.name.as_str(), l.rows))
                .collect();
            assert_eq!(
                rows,
                vec![
                    ("Noise", 2000),
                    ("Russia", 2),
                    ("Taliban", 1),
                    ("United States", 1)
                ],
                "{source}"
            );
            let answer = fetch_window(opened.engine.as_mut(), &whole(&opened.lanes))
                .unwrap_or_else(|e| panic!("{e}"));
            assert_eq!(answer.bins.values().flatten().sum::<u32>(), 2004);
            // Only "Taliban" on screen: the rest in coarse bins, the same rows.
            let mut partly = whole(&opened.lanes);
            partly.fine = Some(vec!["Taliban".to_owned()]);
            let coarse =
                fetch_window(opened.engine.as_mut(), &partly).unwrap_or_else(|e| panic!("{e}"));
            assert_eq!(coarse.bins.values().flatten().sum::<u32>(), 2004);
            assert!(coarse.coarse.contains("Noise") && !coarse.coarse.contains("Taliban"));
            // Events come for the quiet lanes on screen only.
            let taliban: Vec<&String> = coarse.complete.iter().collect();
            assert_eq!(taliban, ["Taliban"], "{source}");
            let dataset = window_dataset("t", &opened.lanes, &answer);
            let claim = dataset
                .event_by_id("claim")
                .unwrap_or_else(|| panic!("{source}"));
            assert_eq!(dataset.events.at(claim).actors().len(), 2);
        }
        let db_path = database_file(&dir, &path);
        let opened = open_now(&format!("duckdb:{}?table=events", db_path.display()), None)
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(opened.lanes.len(), 4);
        let err = open_now(&format!("duckdb:{}?table=nope", db_path.display()), None)
            .err()
            .unwrap_or_default();
        assert!(err.contains("cannot read nope"), "{err}");
        let err = open_now(
            &format!("duckdb:{}", dir.join("gone.parquet").display()),
            None,
        )
        .err()
        .unwrap_or_default();
        assert!(err.contains("there is no such file"), "{err}");
        let _ = std::fs::remove_dir_all(dir);
    }

    #[test]
    fn a_duckdb_summary_is_made_in_swimlines_folder_and_counts_as_the_rows_do() {
        let dir = temp_dir("duck-summary");
        let events = parquet(&dir, 3000);
        let path = dir.join("mixed.parquet");
        let write = |extra: &str| {
            let db = duckdb::Connection::open_in_memory().unwrap_or_else(|e| panic!("{e}"));
            db.execute_batch(&format!(
                "COPY (SELECT * FROM read_parquet('{}') UNION ALL SELECT 'nolane', 'Nobody says',
                     TIMESTAMP '2018-02-01 10:00:00', NULL, NULL, 'statement', NULL, NULL, NULL
                     {extra}) TO '{}' (FORMAT parquet)",
                events.display(),
                path.display()
            ))
            .unwrap_or_else(|e| panic!("{e}"));
        };
        write("");
        let source = format!("duckdb:{}", path.display());
        let spec = SourceSpec::parse(&source).unwrap_or_else(|e| panic!("{e}"));
        let folder = dir.join("summaries");
        let mut before = open_now(&source, Some(&folder)).unwrap_or_else(|e| panic!("{e}"));
        let mut engine = connect(&spec, Some(&folder)).unwrap_or_else(|e| panic!("{e}"));
        let made = swimline::source::summary::make(engine.as_mut(), &spec, Some(&folder))
            .unwrap_or_else(|e| panic!("{e}"));
        let files = || -> Vec<String> {
            let mut names: Vec<String> = std::fs::read_dir(&folder)
                .map(|d| {
                    d.flatten()
                        .map(|e| e.file_name().to_string_lossy().into_owned())
                        .collect()
                })
                .unwrap_or_default();
            names.sort();
            names
        };
        assert_eq!(
            files().len(),
            1,
            "one file, nothing partial left: {:?}",
            files()
        );
        assert!(made.starts_with(&folder.display().to_string()), "{made}");
        assert!(files()[0].starts_with("mixed_parquet-"), "{:?}", files());
        assert!(
            folder.join(&files()[0]).join("part-0000.parquet").is_file(),
            "a folder of sorted parts: {:?}",
            files()
        );
        let mut opened = open_now(&source, Some(&folder)).unwrap_or_else(|e| panic!("{e}"));
        same_answers_from_the_summary(&mut before, &mut opened);
        // The file changed: its summary is out of date, not read; made again, the old one goes.
        std::thread::sleep(Duration::from_millis(20));
        write(
            "UNION ALL SELECT 'late', 'Late', TIMESTAMP '2018-06-01', NULL, 'Russia', 'claim', NULL, NULL, NULL",
        );
        let changed = open_now(&source, Some(&folder)).unwrap_or_else(|e| panic!("{e}"));
        assert!(changed.engine.layout().summary.is_none(), "out of date");
        // What a making cut short left goes with the old summary.
        let cut_short = folder.join(format!(".{}.999999.partial", files()[0]));
        std::fs::create_dir_all(&cut_short).unwrap_or_else(|e| panic!("{e}"));
        let mut engine = connect(&spec, Some(&folder)).unwrap_or_else(|e| panic!("{e}"));
        swimline::source::summary::make(engine.as_mut(), &spec, Some(&folder))
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(files().len(), 1, "{:?}", files());
        let again = open_now(&source, Some(&folder)).unwrap_or_else(|e| panic!("{e}"));
        let russia = |o: &swimline::source::connect::OpenedNow| {
            o.lanes.iter().find(|l| l.name == "Russia").map(|l| l.rows)
        };
        assert_eq!(russia(&again), Some(3));
        assert_eq!(russia(&again), russia(&changed));

        // A table of a database file opened read-only, and a glob through `swimline summarize`
        // (into XDG_DATA_HOME's swimline/summaries).
        let db_path = database_file(&dir, &path);
        let xdg = dir.join("xdg");
        for source in [
            format!("duckdb:{}?table=events", db_path.display()),
            format!("duckdb:{}/m*.parquet", dir.display()),
        ] {
            let mut rows = open_now(&source, Some(&folder)).unwrap_or_else(|e| panic!("{e}"));
            let run = std::process::Command::new(env!("CARGO_BIN_EXE_swimline"))
                .args(["summarize", &source])
                .env("XDG_DATA_HOME", &xdg)
                .output()
                .unwrap_or_else(|e| panic!("{e}"));
            assert!(
                run.status.success(),
                "{}",
                String::from_utf8_lossy(&run.stderr)
            );
            let said = String::from_utf8_lossy(&run.stdout).into_owned();
            assert!(
                said.contains(&xdg.join("swimline/summaries").display().to_string()),
                "{said}"
            );
            let mut summed = open_now(&source, Some(&xdg.join("swimline/summaries")))
                .unwrap_or_else(|e| panic!("{e}"));
            same_answers_from_the_summary(&mut rows, &mut summed);
        }
        let _ = std::fs::remove_dir_all(dir);
    }

    #[test]
    fn a_running_duckdb_query_is_interrupted() {
        let dir = temp_dir("duck-interrupt");
        let path = parquet(&dir, 10);
        let spec = SourceSpec::parse(&format!("duckdb:{}", path.display()))
            .unwrap_or_else(|e| panic!("{e}"));
        let mut engine = connect(&spec, None).unwrap_or_else(|e| panic!("{e}"));
        let interrupt = engine.interrupter();
        let started = Instant::now();
        let running = std::thread::spawn(move || {
            engine.query("SELECT sum(a.range * b.range) FROM range(100000000) a, range(1000) b")
        });
        std::thread::sleep(Duration::from_millis(300));
        interrupt();
        let result = running
            .join()
            .unwrap_or_else(|_| panic!("the query thread panicked"));
        assert_eq!(result, Err(EngineError::Interrupted));
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "{:?}",
            started.elapsed()
        );
        let _ = std::fs::remove_dir_all(dir);
    }

    #[test]
    fn file_make_the_summary_writes_it_to_swimlines_folder_and_the_window_goes_on() {
        let dir = temp_dir("duck-app-summary");
        let path = parquet(&dir, 3000);
        let summaries = dir.join("summaries");
        let loaded = load_default().unwrap_or_else(|e| panic!("{e}"));
        let app = SwimlineApp::new(loaded, None, Box::new(ScriptedDialogs::new(vec![], vec![])))
            .with_summaries_folder(Some(summaries.clone()))
            .open_source_on_start(format!("duckdb:{}", path.display()))
            .with_notes_folder(Some(dir.clone()));
        let mut harness = Harness::builder()
            .with_size(egui::vec2(1480.0, 900.0))
            .build_ui_state(|ui, app: &mut SwimlineApp| app.ui_root(ui), app);
        settle(&mut harness);
        harness.get_by_label("File").click();
        harness.run_ok();
        harness.get_by_label("Make the summary").click();
        for _ in 0..2000 {
            harness.step();
            if harness.state().status().starts_with("Made the summary") {
                break;
            }
            std::thread::sleep(Duration::from_millis(5));
        }
        let status = harness.state().status();
        assert!(status.starts_with("Made the summary"), "{status}");
        assert!(
            status.contains(&summaries.display().to_string()),
            "{status}"
        );
        assert!(
            harness.state().error().is_none(),
            "{:?}",
            harness.state().error()
        );
        let made: Vec<_> = std::fs::read_dir(&summaries)
            .map(|d| d.flatten().map(|e| e.path()).collect())
            .unwrap_or_default();
        assert_eq!(made.len(), 1, "{made:?}");
        assert!(made[0].join("part-0000.parquet").is_file(), "{made:?}");
        settle(&mut harness);
        assert_eq!(harness.state().dataset().actors.len(), 4);
        assert!(harness.state().dataset().event_by_id("denial").is_some());
        let _ = std::fs::remove_dir_all(dir);
    }

    #[test]
    fn the_window_browses_a_parquet_file() {
        let dir = temp_dir("duck-app");
        let path = parquet(&dir, 3000);
        let harness = app_on(&format!("duckdb:{}", path.display()), &dir);
        let app = harness.state();
        assert_eq!(app.dataset().actors.len(), 4);
        assert!(app.dataset().event_by_id("denial").is_some());
        assert!(
            app.dataset().event_by_id("n5").is_none(),
            "the noise is counted, not fetched"
        );
        let _ = std::fs::remove_dir_all(dir);
    }
}
