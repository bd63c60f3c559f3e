//! `cargo bench --bench engine --features duckdb`: the window browsing a database.
//!
//! Makes its own data (not committed; the time it takes is printed apart from the figures): 100
//! million events in one Parquet file (2,000 lanes, 1990–2025, sorted by time, lanes as skewed as
//! real actors: a few loud, most quiet) read by the embedded DuckDB, and 20 million rows in a
//! PostgreSQL table (indexed on time and on lane and time) on a throwaway server
//! (`scripts/pg-test-server.sh`, or the one `SWIMLINE_TEST_PG` names). Then it runs the real app
//! headless (`run_ui` + `tessellate` each frame, 1920×1080) through a scripted sequence from the
//! whole extent down to hours, with pans and a zoom back out, and prints `figure NAME VALUE UNIT`:
//! the time to the first picture (from File ▸ Open database… on the running app), the p95 and
//! median of "view changed → refined answer drawn", the slowest frame while queries were in
//! flight (every frame after the app's first), and the app's peak memory while browsing the
//! Parquet file. Baseline, in the same run: one `count(*)` over every row.
//!
//! `-- --only pg` (or `duckdb`) runs one half; `SWIMLINE_BENCH_VIEWS=1` prints each view's time.

use std::path::Path;
use std::time::{Duration, Instant};

use swimline::layout::TimeView;
use swimline::ui::{Command, ScriptedDialogs, SwimlineApp};

const WIDTH: f32 = 1920.0;
const HEIGHT: f32 = 1080.0;
const LANES: u64 = 2000;
/// 1990-01-01 and 35 years on, in seconds.
const T0: i64 = 631_152_000;
const SPAN: i64 = 35 * 31_557_600;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if let Some(i) = args.iter().position(|a| a == "--make-parquet") {
        make_parquet(args[i + 1].parse().unwrap_or(0), Path::new(&args[i + 2]));
        return;
    }
    if let Some(i) = args.iter().position(|a| a == "--make-summary") {
        let spec =
            swimline::source::SourceSpec::parse(&args[i + 1]).unwrap_or_else(|e| panic!("{e}"));
        let folder = Path::new(&args[i + 2]);
        let mut engine = swimline::source::connect::connect(&spec, Some(folder))
            .unwrap_or_else(|e| panic!("{e}"));
        swimline::source::summary::make(engine.as_mut(), &spec, Some(folder))
            .unwrap_or_else(|e| panic!("{e}"));
        return;
    }
    let full = args.iter().any(|a| a == "--bench");
    let (duck_rows, pg_rows) = if full {
        (100_000_000_u64, 20_000_000_u64)
    } else {
        println!(
            "smoke run: pass --bench (cargo bench --bench engine --features duckdb) for the real figures"
        );
        (200_000, 50_000)
    };
    let label = if full { "" } else { "smoke-test " };
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/engine-bench");
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));

    // `--only pg` or `--only duckdb` runs one half (while working on it).
    let only = args
        .iter()
        .position(|a| a == "--only")
        .and_then(|i| args.get(i + 1))
        .cloned();
    let mut frame_max: f64 = 0.0;
    let mut frame_p95: f64 = 0.0;
    if only.as_deref() != Some("pg") {
        // DuckDB on Parquet. The file is made by a child process (so its memory is not the app's)
        // and kept for the next run.
        let parquet = dir.join(format!("events-{duck_rows}.parquet"));
        if !parquet.exists() {
            let made = Instant::now();
            let status = std::process::Command::new(&args[0])
                .args(["--make-parquet", &duck_rows.to_string()])
                .arg(&parquet)
                .status()
                .unwrap_or_else(|e| panic!("{e}"));
            assert!(status.success(), "making the Parquet file failed");
            println!(
                "(made {} rows of Parquet in {:.1} s, {} MB)",
                duck_rows,
                made.elapsed().as_secs_f64(),
                std::fs::metadata(&parquet).map_or(0, |m| m.len()) / 1_000_000
            );
        } else {
            println!("(reusing {})", parquet.display());
        }
        let source = format!("duckdb:{}", parquet.display());
        let scan = median_secs(3, || {
            let mut opened = swimline::source::connect::open_now(&source, None)
                .unwrap_or_else(|e| panic!("{e}"));
            let rel = opened.engine.layout().relation.clone();
            let rows = opened
                .engine
                .query(&format!("SELECT count(*) FROM {rel}"))
                .unwrap_or_else(|e| panic!("{e}"));
            std::hint::black_box(rows);
        });
        let name = if full { "100m" } else { "smoke" };
        figure(label, &format!("baseline_duckdb_{name}_count_s"), scan, "s");
        // The first picture counted from every row, then the summary made (in a folder of the
        // bench's own) and everything after counted from it where it serves.
        let summaries = dir.join("summaries");
        let _ = std::fs::remove_dir_all(&summaries);
        let rows_first = browse_first(&source, Some(&summaries));
        figure(
            label,
            &format!("engine_duckdb_{name}_first_picture_rows_s"),
            rows_first,
            "s (no summary)",
        );
        // Made by a child process, as `swimline summarize` would (its memory is not the app's).
        let made = Instant::now();
        let status = std::process::Command::new(&args[0])
            .arg("--make-summary")
            .arg(&source)
            .arg(&summaries)
            .status()
            .unwrap_or_else(|e| panic!("{e}"));
        assert!(status.success(), "making the summary failed");
        println!(
            "(made the summary of {duck_rows} rows in {:.1} s, {} MB)",
            made.elapsed().as_secs_f64(),
            bytes_under(&summaries) / 1_000_000
        );
        let duck = browse(&source, Some(&summaries));
        assert!(duck.drawn_events > 0, "the quiet lanes' events were drawn");
        println!(
            "  (at most {} events drawn one by one in a view)",
            duck.drawn_events
        );
        figure(
            label,
            &format!("engine_duckdb_{name}_first_picture_s"),
            duck.first_picture_s,
            "s",
        );
        ratio(
            label,
            &format!("engine_duckdb_{name}_first_picture_s / baseline_duckdb_{name}_count_s"),
            duck.first_picture_s / scan,
        );
        figure(
            label,
            &format!("engine_duckdb_{name}_refine_p95_ms"),
            duck.refine_p95_ms,
            "ms (p95)",
        );
        figure(
            label,
            &format!("engine_duckdb_{name}_refine_median_ms"),
            duck.refine_median_ms,
            "ms",
        );
        println!(
            "  ({} views: {} asked the engine, {} were answered from what was fetched)",
            duck.views,
            duck.asked,
            duck.views - duck.asked
        );
        let rss = vm_hwm_kb() as f64 / 1024.0;
        figure(label, "engine_app_rss_mb", rss, "MB");
        frame_max = duck.frame_max_ms;
        frame_p95 = duck.frame_p95_ms;
    }
    if only.as_deref() == Some("duckdb") {
        figure(label, "engine_frame_max_ms", frame_max, "ms");
        return;
    }
    // PostgreSQL.
    let (url, server) = match std::env::var("SWIMLINE_TEST_PG") {
        Ok(url) => (url, None),
        Err(_) => {
            let cluster =
                std::env::temp_dir().join(format!("swimline-engine-pg-{}", std::process::id()));
            let out = std::process::Command::new(
                Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/pg-test-server.sh"),
            )
            .arg("start")
            .arg(&cluster)
            .output()
            .unwrap_or_else(|e| panic!("{e}"));
            assert!(
                out.status.success(),
                "{}",
                String::from_utf8_lossy(&out.stderr)
            );
            (
                String::from_utf8_lossy(&out.stdout).trim().to_owned(),
                Some(cluster),
            )
        }
    };
    let table = format!("engine_bench_{pg_rows}");
    let made = Instant::now();
    let made_now = make_pg_table(&url, &table, pg_rows);
    if made_now {
        println!(
            "(made {pg_rows} PostgreSQL rows with their indexes in {:.1} s)",
            made.elapsed().as_secs_f64()
        );
    }
    let pg_name = if full { "20m" } else { "smoke" };
    let pg_source = format!("{url}?table={table}");
    // Counting every row for the whole extent, before the summary exists (a baseline).
    let spec = swimline::source::SourceSpec::parse(&pg_source).unwrap_or_else(|e| panic!("{e}"));
    {
        let mut engine =
            swimline::source::connect::connect(&spec, None).unwrap_or_else(|e| panic!("{e}"));
        let _ = engine.execute_batch(&format!(
            "DROP MATERIALIZED VIEW IF EXISTS {table}_swimline_summary"
        ));
    }
    let rows_first = browse_first(&pg_source, None);
    figure(
        label,
        &format!("engine_pg_{pg_name}_first_picture_rows_s"),
        rows_first,
        "s (no summary)",
    );
    let made = Instant::now();
    {
        let mut engine =
            swimline::source::connect::connect(&spec, None).unwrap_or_else(|e| panic!("{e}"));
        swimline::source::summary::make(engine.as_mut(), &spec, None)
            .unwrap_or_else(|e| panic!("{e}"));
    }
    println!(
        "(made the summary of {pg_rows} rows in {:.1} s)",
        made.elapsed().as_secs_f64()
    );
    let pg = browse(&pg_source, None);
    figure(
        label,
        &format!("engine_pg_{pg_name}_first_picture_s"),
        pg.first_picture_s,
        "s",
    );
    figure(
        label,
        &format!("engine_pg_{pg_name}_refine_p95_ms"),
        pg.refine_p95_ms,
        "ms (p95)",
    );
    figure(
        label,
        &format!("engine_pg_{pg_name}_refine_median_ms"),
        pg.refine_median_ms,
        "ms",
    );
    println!(
        "  ({} views: {} asked the engine, {} were answered from what was fetched)",
        pg.views,
        pg.asked,
        pg.views - pg.asked
    );
    frame_max = frame_max.max(pg.frame_max_ms);
    figure(label, "engine_frame_max_ms", frame_max, "ms");
    figure(
        label,
        "engine_frame_p95_ms",
        frame_p95.max(pg.frame_p95_ms),
        "ms (p95)",
    );
    if let Some(cluster) = server {
        let _ = std::process::Command::new(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/pg-test-server.sh"),
        )
        .arg("stop")
        .arg(&cluster)
        .status();
        let _ = std::fs::remove_dir_all(cluster);
    }
}

/// What browsing one source measured.
struct Browse {
    first_picture_s: f64,
    refine_p95_ms: f64,
    refine_median_ms: f64,
    frame_max_ms: f64,
    frame_p95_ms: f64,
    views: usize,
    asked: usize,
    drawn_events: usize,
}

/// The time to the first picture of `source` alone.
fn browse_first(source: &str, summaries: Option<&Path>) -> f64 {
    browse_views(source, summaries, false).first_picture_s
}

/// The headless app on `source`: the first picture, then the scripted views.
fn browse(source: &str, summaries: Option<&Path>) -> Browse {
    browse_views(source, summaries, true)
}

fn browse_views(source: &str, summaries: Option<&Path>, with_views: bool) -> Browse {
    let loaded = swimline::io::load_default().unwrap_or_else(|e| panic!("{e}"));
    let mut app = SwimlineApp::new(loaded, None, Box::new(ScriptedDialogs::new(vec![], vec![])))
        .with_summaries_folder(summaries.map(Path::to_path_buf));
    let ctx = egui::Context::default();
    let mut frame = 0u64;
    let mut frames: Vec<f64> = Vec::new();
    let mut step = |app: &mut SwimlineApp, frames: &mut Vec<f64>| {
        let input = egui::RawInput {
            screen_rect: Some(egui::Rect::from_min_size(
                egui::Pos2::ZERO,
                egui::vec2(WIDTH, HEIGHT),
            )),
            time: Some(frame as f64 / 60.0),
            ..Default::default()
        };
        frame += 1;
        let t = Instant::now();
        let mut out = ctx.run_ui(input, |ui| app.ui_root(ui));
        out.textures_delta.clear();
        let primitives = ctx.tessellate(std::mem::take(&mut out.shapes), out.pixels_per_point);
        std::hint::black_box(primitives);
        frames.push(t.elapsed().as_secs_f64() * 1000.0);
    };
    let wait = |app: &mut SwimlineApp,
                frames: &mut Vec<f64>,
                step: &mut dyn FnMut(&mut SwimlineApp, &mut Vec<f64>)| {
        let started = Instant::now();
        loop {
            step(app, frames);
            if app.is_remote() && !app.is_waiting_for_database() {
                step(app, frames);
                if !app.is_waiting_for_database() {
                    return;
                }
            }
            assert!(
                started.elapsed() < Duration::from_secs(600),
                "no answer in ten minutes: {}",
                app.status()
            );
            std::thread::sleep(Duration::from_millis(2));
        }
    };
    // The app's first frame (egui lays out its fonts: 6–11 ms) is its start, not browsing;
    // then the database is opened as File ▸ Open database… opens it.
    step(&mut app, &mut frames);
    let startup_ms = frames.pop().unwrap_or(0.0);
    if std::env::var_os("SWIMLINE_BENCH_VIEWS").is_some() {
        println!("  (the app's first frame, before opening: {startup_ms:.1} ms, not counted)");
    }
    let started = Instant::now();
    app.apply(Command::OpenSource(source.to_owned()), &ctx);
    wait(&mut app, &mut frames, &mut step);
    let first_picture_s = started.elapsed().as_secs_f64();
    assert!(app.error().is_none(), "{:?}", app.error());
    // At the whole extent of 100M rows even the quietest lane is too loud to draw one by one;
    // the most events drawn in any view of the sequence says the quiet lanes were fetched.
    let mut drawn_events = app.dataset().events.len();
    // From the whole extent down to two hours around 2015-06-01, panning on the way, then back
    // out: each view is drawn when its refined answer is.
    let focus = 1_433_116_800.0;
    let mut views = Vec::new();
    let mut span = if with_views { SPAN as f64 } else { 0.0 };
    let mut centre = (T0 + SPAN / 2) as f64;
    while span > 7200.0 {
        span = (span * 0.4).max(7200.0);
        centre = focus + (centre - focus) * 0.4;
        views.push(TimeView {
            start_secs: centre - span / 2.0,
            span_secs: span,
        });
        if views.len() % 3 == 0 {
            centre += span * 0.3;
            views.push(TimeView {
                start_secs: centre - span / 2.0,
                span_secs: span,
            });
        }
    }
    for _ in 0..(if with_views { 4 } else { 0 }) {
        span *= 6.0;
        views.push(TimeView {
            start_secs: centre - span / 2.0,
            span_secs: span,
        });
    }
    // Where each view's frames begin, to say which view a slow frame belongs to.
    let mut marks: Vec<(usize, String)> = vec![(0, "the first picture".to_owned())];
    let mut refine = Vec::new();
    let mut asked = 0;
    for view in &views {
        marks.push((
            frames.len(),
            format!("the view of {:.1} days", view.span_secs / 86_400.0),
        ));
        let t = Instant::now();
        app.apply(Command::SetView(*view), &ctx);
        step(&mut app, &mut frames);
        let did_ask = app.is_waiting_for_database();
        wait(&mut app, &mut frames, &mut step);
        assert!(app.error().is_none(), "{:?}", app.error());
        asked += usize::from(did_ask);
        refine.push(t.elapsed().as_secs_f64() * 1000.0);
        if std::env::var_os("SWIMLINE_BENCH_VIEWS").is_some() {
            println!(
                "  view of {:.1} days: {:.0} ms{}",
                view.span_secs / 86_400.0,
                t.elapsed().as_secs_f64() * 1000.0,
                if did_ask { "" } else { " (not asked)" }
            );
        }
        drawn_events = drawn_events.max(app.dataset().events.len());
    }
    refine.sort_by(f64::total_cmp);
    let at = |q: usize| {
        refine
            .get((refine.len() * q / 100).min(refine.len().saturating_sub(1)))
            .copied()
            .unwrap_or(0.0)
    };
    if std::env::var_os("SWIMLINE_BENCH_VIEWS").is_some() {
        let mut slow: Vec<(usize, f64)> = frames.iter().copied().enumerate().collect();
        slow.sort_by(|a, b| b.1.total_cmp(&a.1));
        for (i, ms) in slow.into_iter().take(5) {
            let at = marks.iter().rev().find(|(start, _)| *start <= i);
            let (start, what) = at.map_or((0, ""), |(s, w)| (*s, w.as_str()));
            println!(
                "  slow frame: {ms:.1} ms, frame {} of {what}",
                i - start + 1
            );
        }
    }
    frames.sort_by(f64::total_cmp);
    Browse {
        first_picture_s,
        refine_p95_ms: at(95),
        refine_median_ms: at(50),
        frame_max_ms: frames.last().copied().unwrap_or(0.0),
        frame_p95_ms: frames[(frames.len() * 95 / 100).min(frames.len() - 1)],
        views: views.len(),
        asked,
        drawn_events,
    }
}

/// `rows` events as Parquet at `path`: ids, titles, times over 35 years (a twentieth with an
/// end three days on), 2,000 lanes from loud to quiet, the five kinds; sorted by time.
fn make_parquet(rows: u64, path: &Path) {
    let db = duckdb::Connection::open_in_memory().unwrap_or_else(|e| panic!("{e}"));
    let tmp = path.with_extension("tmp");
    db.execute_batch(&format!(
        "SET preserve_insertion_order = false;
         COPY (
           SELECT 'e' || i AS id,
                  'event ' || i AS title,
                  TIMESTAMP '1990-01-01' + to_seconds(CAST(hash(i) % {SPAN} AS BIGINT)) AS start_time,
                  CASE WHEN i % 20 = 0 THEN TIMESTAMP '1990-01-01'
                       + to_seconds(CAST(hash(i) % {SPAN} AS BIGINT) + 259200) END AS end_time,
                  'lane ' || lpad(CAST(CAST(floor({LANES} * pow((hash(i * 7 + 1) % 1000000) / 1e6, 3)) AS BIGINT) AS VARCHAR), 4, '0') AS lane,
                  ['action', 'statement', 'claim', 'denial', 'context'][CAST(i % 5 AS BIGINT) + 1] AS kind
           FROM range({rows}) t(i)
           ORDER BY start_time
         ) TO '{}' (FORMAT parquet, ROW_GROUP_SIZE 122880);",
        tmp.display()
    ))
    .unwrap_or_else(|e| panic!("{e}"));
    std::fs::rename(&tmp, path).unwrap_or_else(|e| panic!("{e}"));
}

/// Makes `table` with `rows` rows on the server at `url` unless it is there with that many;
/// returns whether it made it.
fn make_pg_table(url: &str, table: &str, rows: u64) -> bool {
    let mut client =
        postgres::Client::connect(url, postgres::NoTls).unwrap_or_else(|e| panic!("{e}"));
    let have: Option<i64> = client
        .query_opt(&format!("SELECT count(*) FROM {table}"), &[])
        .ok()
        .flatten()
        .map(|r| r.get(0));
    if have == Some(rows as i64) {
        return false;
    }
    client
        .batch_execute(&format!(
            "DROP TABLE IF EXISTS {table};
             CREATE UNLOGGED TABLE {table} (id text, title text, start_time timestamp,
                 end_time timestamp, lane text, kind text);
             INSERT INTO {table}
             SELECT 'e' || i, 'event ' || i,
                    TIMESTAMP '1990-01-01' + ((i * 2654435761) % {SPAN}) * INTERVAL '1 second',
                    CASE WHEN i % 20 = 0 THEN TIMESTAMP '1990-01-01'
                         + (((i * 2654435761) % {SPAN}) + 259200) * INTERVAL '1 second' END,
                    'lane ' || lpad(floor({LANES} * power(((i * 40503) % 1000000) / 1e6, 3))::bigint::text, 4, '0'),
                    (ARRAY['action', 'statement', 'claim', 'denial', 'context'])[i % 5 + 1]
             FROM generate_series(1::bigint, {rows}) i;
             CREATE INDEX ON {table} (start_time);
             CREATE INDEX ON {table} (lane, start_time);
             ANALYZE {table};"
        ))
        .unwrap_or_else(|e| panic!("{e}"));
    true
}

/// The bytes of every file under `dir`.
fn bytes_under(dir: &Path) -> u64 {
    std::fs::read_dir(dir).map_or(0, |entries| {
        entries
            .flatten()
            .map(|e| match e.file_type() {
                Ok(t) if t.is_dir() => bytes_under(&e.path()),
                _ => e.metadata().map_or(0, |m| m.len()),
            })
            .sum()
    })
}

fn median_secs(runs: usize, mut f: impl FnMut()) -> f64 {
    let mut times: Vec<f64> = (0..runs)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed().as_secs_f64()
        })
        .collect();
    times.sort_by(f64::total_cmp);
    times[times.len() / 2]
}

fn vm_hwm_kb() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .unwrap_or_default()
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0)
}

fn figure(label: &str, name: &str, value: f64, unit: &str) {
    println!("{label}figure {name} {value:.3} {unit}");
}

fn ratio(label: &str, name: &str, value: f64) {
    println!("{label}ratio {name} {value:.2}");
}
