//! `cargo bench --bench scale`: Swimline at a million events.
//!
//! Generates seeded synthetic datasets (not committed), then measures loading, peak memory,
//! headless frames of the real UI (`run_ui` + `tessellate`, 1920×1080), and search. Each figure is
//! printed as `figure NAME VALUE UNIT` (medians; p95 where the name says so), with baselines
//! measured in the same run and the ratios against them. Run on an idle machine.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use swimline::generate::{GenFormat, Spec, write};
use swimline::io::{Loaded, load_path};
use swimline::layout::{TimeView, TimelineIndex};
use swimline::model::search::{fold, matches};
use swimline::ui::{Command, ScriptedDialogs, SwimlineApp};

const WIDTH: f32 = 1920.0;
const HEIGHT: f32 = 1080.0;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    // The peak-memory child: load one file, report VmHWM, exit.
    if let Some(i) = args.iter().position(|a| a == "--child-load") {
        let path = PathBuf::from(&args[i + 1]);
        let loaded = load_path(&path).unwrap_or_else(|e| panic!("{e}"));
        let index = TimelineIndex::build(&loaded.dataset);
        std::hint::black_box((&loaded, &index));
        println!("{}", vm_hwm_kb());
        return;
    }
    // `--write-acled ROWS PATH`: only write the ACLED-layout file (to profile its load).
    if let Some(i) = args.iter().position(|a| a == "--write-acled") {
        let rows = args
            .get(i + 1)
            .and_then(|n| n.parse().ok())
            .unwrap_or(300_000);
        if let Some(path) = args.get(i + 2) {
            write_acled(Path::new(path), rows);
        }
        return;
    }
    // `cargo bench` passes `--bench`. Without it (`cargo test --all-targets` runs benches as
    // tests, in a debug build) only a small smoke run checks that the code still works.
    let full = args.iter().any(|a| a == "--bench");
    FULL_RUN.store(full, Ordering::Relaxed);
    let (million, hundred_k) = if full {
        (1_000_000, 100_000)
    } else {
        (20_000, 5_000)
    };
    if !full {
        println!("smoke run: pass --bench (cargo bench --bench scale) for the real figures");
    }
    let dir = std::env::temp_dir().join(format!("swimline-bench-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
    machine();

    let generate = |name: &str, events, actors, format| {
        let path = dir.join(name);
        let file = std::fs::File::create(&path).unwrap_or_else(|e| panic!("{e}"));
        let mut out = std::io::BufWriter::new(file);
        write(
            Spec {
                events,
                actors,
                seed: 7,
            },
            format,
            &mut out,
        )
        .unwrap_or_else(|e| panic!("{e}"));
        drop(out);
        path
    };
    let csv_10k = generate("10k.csv", 10_000, 50, GenFormat::Csv);
    let csv_100k = generate("100k.csv", hundred_k, 50, GenFormat::Csv);
    let csv_1m = generate("1m.csv", million, 50, GenFormat::Csv);
    let json_1m = generate("1m.json", million, 50, GenFormat::Json);
    let csv_1m_2000 = generate("1m-2000.csv", million, 2000, GenFormat::Csv);

    // Loading: file → validated dataset → per-lane index. Baseline: reading the bytes and
    // splitting the CSV into records with the csv crate, doing nothing with them.
    let read_csv = median_secs(3, || {
        let bytes = std::fs::read(&csv_1m).unwrap_or_default();
        let mut reader = csv::Reader::from_reader(bytes.as_slice());
        std::hint::black_box(reader.records().count());
    });
    figure("baseline_read_csv_1m_s", read_csv, "s");
    let load_csv = median_secs(3, || {
        std::hint::black_box(load_and_index(&csv_1m));
    });
    figure("load_csv_1m_s", load_csv, "s");
    ratio(
        "load_csv_1m_s / baseline_read_csv_1m_s",
        load_csv / read_csv,
    );
    let load_json = median_secs(3, || {
        std::hint::black_box(load_and_index(&json_1m));
    });
    figure("load_json_1m_s", load_json, "s");
    ratio(
        "load_json_1m_s / baseline_read_csv_1m_s",
        load_json / read_csv,
    );
    let rss = peak_rss_kb(&args[0], &csv_1m);
    figure("peak_rss_1m_mb", rss / 1024.0, "MB");

    // A wide file: ACLED's exact 31-column layout, with notes of realistic length and the
    // repeated values (countries, event types, sources) real exports have.
    let acled_rows = if full { 300_000 } else { 3_000 };
    let acled = dir.join("acled-300k.csv");
    let made = std::time::Instant::now();
    write_acled(&acled, acled_rows);
    println!(
        "(made the ACLED file in {:.1} s, {} MB)",
        made.elapsed().as_secs_f64(),
        std::fs::metadata(&acled).map_or(0, |m| m.len()) / 1_000_000
    );
    let warned = load_path(&acled).map(|l| (l.format(), l.dataset.events.len(), l.warnings.len()));
    assert!(
        matches!(warned, Ok((Some(swimline::io::Format::Acled), n, 0)) if n == acled_rows),
        "the generated ACLED file reads as ACLED, every row, no warning: {warned:?}"
    );
    let load_acled = median_secs(3, || {
        std::hint::black_box(load_and_index(&acled));
    });
    figure("load_acled_300k_s", load_acled, "s");
    let rss = peak_rss_kb(&args[0], &acled);
    figure("peak_rss_acled_300k_mb", rss / 1024.0, "MB");

    // Frames of the real UI.
    let fitted = |path: &Path| -> Frames {
        let app = app_for(path);
        run_frames(app, 30, |_, _| None)
    };
    let f10k = fitted(&csv_10k);
    let f100k = fitted(&csv_100k);
    let f1m = fitted(&csv_1m);
    // The frames drew something: lanes, marks and text (a broken UI would draw nothing fast).
    for (name, frames) in [("10k", &f10k), ("100k", &f100k), ("1m", &f1m)] {
        assert!(
            frames.vertices > 1_000 && frames.shapes > 10,
            "{name}: {} vertices, {} shapes",
            frames.vertices,
            frames.shapes
        );
    }
    figure("frame_full_10k_ms", f10k.p95_ms, "ms (p95)");
    figure("frame_full_100k_ms", f100k.p95_ms, "ms (p95)");
    figure("frame_full_1m_ms", f1m.p95_ms, "ms (p95)");
    ratio(
        "frame_full_1m_ms / frame_full_10k_ms",
        f1m.p95_ms / f10k.p95_ms,
    );
    figure("vertices_full_10k", f10k.vertices as f64, "vertices");
    figure("vertices_full_1m", f1m.vertices as f64, "vertices");
    figure("shapes_full_1m", f1m.shapes as f64, "shapes");
    let dense = fitted(&csv_1m_2000);
    figure("frame_dense_1m_ms", dense.p95_ms, "ms (p95)");

    let week = {
        let app = app_for(&csv_1m);
        let start = swimline::model::CivilDateTime::date(2010, 3, 1)
            .timestamp()
            .as_f64();
        let view = TimeView {
            start_secs: start,
            span_secs: 7.0 * 86_400.0,
        };
        run_frames(app, 30, move |_, _| Some(Command::SetView(view)))
    };
    figure("frame_week_1m_ms", week.p95_ms, "ms (p95)");

    let panzoom = pan_and_zoom(app_for(&csv_1m));
    figure("frame_panzoom_max_ms", panzoom.max_ms, "ms");
    figure("frame_panzoom_p95_ms", panzoom.p95_ms, "ms (p95)");

    // The table of events over a million events: its rows sorted by time and by title (once
    // per change of what is shown), and frames with it open while the selection jumps about
    // (each scrolls the table to the selected row).
    {
        use swimline::doc::shown::Shown;
        use swimline::doc::table::{Column, Order, rows_of};
        let doc = swimline::doc::Document::of(load_path(&csv_1m).unwrap_or_else(|e| panic!("{e}")));
        let shown = Shown::of(&doc, swimline::model::filter::Filter::default(), Vec::new());
        let by_time = median_secs(3, || {
            std::hint::black_box(rows_of(&doc, &shown, Order::default()));
        });
        figure("table_rows_by_time_1m_ms", by_time * 1000.0, "ms");
        let by_title = median_secs(3, || {
            std::hint::black_box(rows_of(
                &doc,
                &shown,
                Order::default().clicked(Column::Title),
            ));
        });
        figure("table_rows_by_title_1m_ms", by_title * 1000.0, "ms");
        let mut app = app_for(&csv_1m);
        app.apply(Command::ToggleEvents, &egui::Context::default());
        let n = app.dataset().events.len();
        let table = run_frames(app, 30, move |frame, _| {
            Some(Command::Select(Some((frame * 33_331) % n.max(1))))
        });
        figure("frame_table_1m_ms", table.p95_ms, "ms (p95)");
        ratio(
            "frame_table_1m_ms / frame_full_1m_ms",
            table.p95_ms / f1m.p95_ms,
        );
    }

    // Search over a million events.
    let loaded = load_path(&csv_1m).unwrap_or_else(|e| panic!("{e}"));
    let needle = fold("CEASEFIRE 12");
    let count_hits = || {
        loaded
            .dataset
            .events
            .iter()
            .filter(|e| matches(*e, &needle))
            .count()
    };
    let filter = median_secs(5, || {
        std::hint::black_box(count_hits());
    });
    // The search found what it looks for, and not everything.
    let hits = count_hits();
    assert!(
        hits > 0 && hits < loaded.dataset.events.len(),
        "{hits} hits"
    );
    assert_eq!(loaded.dataset.events.len(), million);
    figure("filter_1m_ms", filter * 1000.0, "ms");

    // Reports: the whole extent of the million events as a 4000-pixel PNG, an SVG and a PDF
    // (from the loaded dataset: the scene, the SVG, then pixels or a PDF), and the bundled
    // dataset rendered by the whole `swimline render` process.
    {
        use swimline::export::output::{OutputKind, encode};
        use swimline::export::report::Theme;
        use swimline::export::report::{ReportOf, report_svg};
        let index = TimelineIndex::build(&loaded.dataset);
        let (a, b) = loaded.dataset.extent_secs().unwrap_or_default();
        let view = TimeView::fit(a as f64, b as f64, 0.03);
        // The smoke run (a debug build under `cargo test`) draws a small page once: resvg is
        // some hundred times slower unoptimised.
        let (width_pt, runs) = if full { (4000.0, 3) } else { (400.0, 1) };
        let svg_of = || {
            report_svg(&ReportOf {
                dataset: &loaded.dataset,
                index: &index,
                view,
                shown: loaded.dataset.events.len(),
                span: (a, b),
                only: Vec::new(),
                search: None,
                mask: None,
                selected: None,
                marks: None,
                own_links_from: None,
                title: None,
                source_name: "1m.csv",
                width_pt,
                theme: Theme::Light,
                remote: None,
                rows_in_view: None,
                zone: swimline::model::ShownZone::Utc,
            })
        };
        let svg = svg_of();
        assert!(
            svg.contains("actor 1") && svg.len() > 10_000,
            "{} bytes",
            svg.len()
        );
        figure("export_svg_1m_mb", svg.len() as f64 / 1e6, "MB");
        let png = median_secs(runs, || {
            let bytes = encode(&svg_of(), OutputKind::Png, 1.0).unwrap_or_default();
            assert!(bytes.starts_with(b"\x89PNG"));
        });
        figure("export_png_1m_s", png, "s");
        let pdf = median_secs(runs, || {
            let bytes = encode(&svg_of(), OutputKind::Pdf, 1.0).unwrap_or_default();
            assert!(bytes.starts_with(b"%PDF"));
        });
        figure("export_pdf_1m_s", pdf, "s");
        let out = dir.join("default.png");
        let render = median_secs(if full { 5 } else { 1 }, || {
            let status = std::process::Command::new(env!("CARGO_BIN_EXE_swimline"))
                .args(["render", "-o"])
                .arg(&out)
                .arg("--force")
                .stdout(std::process::Stdio::null())
                .status();
            assert!(status.is_ok_and(|s| s.success()));
        });
        figure("render_default_png_s", render, "s (whole process)");
    }

    // Ten million events, on request (a 561 MB file; about two minutes more):
    // `SWIMLINE_BENCH_10M=1 cargo bench --bench scale`.
    if full && std::env::var_os("SWIMLINE_BENCH_10M").is_some() {
        let csv_10m = generate("10m.csv", 10 * million, 50, GenFormat::Csv);
        let load = median_secs(1, || {
            std::hint::black_box(load_and_index(&csv_10m));
        });
        figure("load_csv_10m_s", load, "s");
        let rss = peak_rss_kb(&args[0], &csv_10m);
        figure("peak_rss_10m_mb", rss / 1024.0, "MB");
        let frames = pan_and_zoom(app_for(&csv_10m));
        figure("frame_panzoom_max_10m_ms", frames.max_ms, "ms");
        figure("frame_panzoom_p95_10m_ms", frames.p95_ms, "ms (p95)");
    }

    let _ = std::fs::remove_dir_all(&dir);
}

/// The scripted sequence of 120 frames: zoom in 8% a frame for 60 frames around a point,
/// then pan for 60.
fn pan_and_zoom(app: SwimlineApp) -> Frames {
    let mut app = app;
    pan_and_zoom_mut(&mut app)
}

fn pan_and_zoom_mut(app: &mut SwimlineApp) -> Frames {
    let fit = app.view();
    run_frames_mut(app, 120, move |frame, _| {
        let k = frame as f64;
        let view = if frame < 60 {
            fit.zoomed(0.92_f64.powf(k), 0.4)
        } else {
            let zoomed = fit.zoomed(0.92_f64.powf(59.0), 0.4);
            zoomed.panned(zoomed.span_secs * 0.03 * (k - 59.0))
        };
        Some(Command::SetView(view))
    })
}

fn load_and_index(path: &Path) -> (Loaded, TimelineIndex) {
    let loaded = load_path(path).unwrap_or_else(|e| panic!("{e}"));
    let index = TimelineIndex::build(&loaded.dataset);
    (loaded, index)
}

fn app_for(path: &Path) -> SwimlineApp {
    let loaded = load_path(path).unwrap_or_else(|e| panic!("{e}"));
    SwimlineApp::new(loaded, None, Box::new(ScriptedDialogs::default()))
}

struct Frames {
    p95_ms: f64,
    max_ms: f64,
    vertices: usize,
    shapes: usize,
}

/// Runs `n` frames (after two warm-up frames), applying `command(frame)` before each.
fn run_frames(
    mut app: SwimlineApp,
    n: usize,
    command: impl Fn(usize, &SwimlineApp) -> Option<Command>,
) -> Frames {
    run_frames_mut(&mut app, n, command)
}

fn run_frames_mut(
    app: &mut SwimlineApp,
    n: usize,
    command: impl Fn(usize, &SwimlineApp) -> Option<Command>,
) -> Frames {
    let ctx = egui::Context::default();
    let mut times = Vec::with_capacity(n);
    let (mut vertices, mut shapes) = (0, 0);
    for frame in 0..n + 2 {
        if let Some(c) = command(frame.saturating_sub(2), app) {
            app.apply(c, &ctx);
        }
        let input = egui::RawInput {
            screen_rect: Some(egui::Rect::from_min_size(
                egui::Pos2::ZERO,
                egui::vec2(WIDTH, HEIGHT),
            )),
            time: Some(frame as f64 / 60.0),
            ..Default::default()
        };
        let t = Instant::now();
        let mut out = ctx.run_ui(input, |ui| app.ui_root(ui));
        // Nothing paints these frames: the font atlas updates are dropped on purpose.
        out.textures_delta.clear();
        shapes = out.shapes.len();
        let primitives = ctx.tessellate(std::mem::take(&mut out.shapes), out.pixels_per_point);
        let elapsed = t.elapsed();
        vertices = primitives
            .iter()
            .map(|p| match &p.primitive {
                egui::epaint::Primitive::Mesh(m) => m.vertices.len(),
                egui::epaint::Primitive::Callback(_) => 0,
            })
            .sum();
        if frame >= 2 {
            times.push(elapsed);
        }
    }
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    Frames {
        p95_ms: ms(times[(times.len() * 95 / 100).min(times.len() - 1)]),
        max_ms: ms(*times.last().unwrap_or(&Duration::ZERO)),
        vertices,
        shapes,
    }
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

fn peak_rss_kb(exe: &str, path: &Path) -> f64 {
    let out = std::process::Command::new(exe)
        .arg("--child-load")
        .arg(path)
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    String::from_utf8_lossy(&out.stdout)
        .trim()
        .parse()
        .unwrap_or(f64::NAN)
}

fn vm_hwm_kb() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0)
}

fn machine() {
    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .unwrap_or_default()
        .lines()
        .find_map(|l| {
            l.strip_prefix("model name")
                .map(|v| v.trim_start_matches([' ', '\t', ':']).to_owned())
        })
        .unwrap_or_else(|| "unknown CPU".to_owned());
    let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
    println!("machine {cpu}, {cores} cores");
}

/// Whether this is the real run (`--bench`); a smoke run labels its lines so no one quotes them.
static FULL_RUN: AtomicBool = AtomicBool::new(false);

fn label() -> &'static str {
    if FULL_RUN.load(Ordering::Relaxed) {
        ""
    } else {
        "smoke-test "
    }
}

/// Prints a figure; a figure that is not a number (a child that printed nothing, say) fails the
/// run, smoke run included, instead of printing NaN.
fn figure(name: &str, value: f64, unit: &str) {
    assert!(value.is_finite() && value >= 0.0, "{name} is {value}");
    println!("{}figure {name} {value:.3} {unit}", label());
}

fn ratio(name: &str, value: f64) {
    println!("{}ratio {name} {value:.2}", label());
}

/// `rows` rows in ACLED's 31-column export layout: a few dozen countries and actors, ACLED's
/// event types, notes of two to three hundred characters, as a real export has them.
fn write_acled(path: &Path, rows: usize) {
    use std::io::Write as _;
    const TYPES: [(&str, &str, &str); 6] = [
        ("Political violence", "Battles", "Armed clash"),
        (
            "Political violence",
            "Explosions/Remote violence",
            "Shelling/artillery/missile attack",
        ),
        ("Political violence", "Violence against civilians", "Attack"),
        ("Demonstrations", "Protests", "Peaceful protest"),
        ("Demonstrations", "Riots", "Violent demonstration"),
        (
            "Strategic developments",
            "Strategic developments",
            "Looting/property destruction",
        ),
    ];
    const COUNTRIES: [(&str, &str, &str); 8] = [
        ("4", "Afghanistan", "Southern Asia"),
        ("586", "Pakistan", "Southern Asia"),
        ("760", "Syria", "Middle East"),
        ("368", "Iraq", "Middle East"),
        ("887", "Yemen", "Middle East"),
        ("804", "Ukraine", "Europe"),
        ("566", "Nigeria", "Western Africa"),
        ("466", "Mali", "Western Africa"),
    ];
    let file = std::fs::File::create(path).unwrap_or_else(|e| panic!("{e}"));
    let mut out = std::io::BufWriter::new(file);
    let _ = writeln!(
        out,
        "event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,\
         actor1,assoc_actor_1,inter1,actor2,assoc_actor_2,inter2,interaction,civilian_targeting,\
         iso,region,country,admin1,admin2,admin3,location,latitude,longitude,geo_precision,\
         source,source_scale,notes,fatalities,tags,timestamp"
    );
    let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = || {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        x
    };
    for i in 0..rows {
        let (disorder, kind, sub) = TYPES[(next() % 6) as usize];
        let (iso, country, region) = COUNTRIES[(next() % 8) as usize];
        let day = 1 + next() % 28;
        let month = 1 + next() % 12;
        let year = 2015 + next() % 9;
        let a1 = next() % 40;
        let a2 = next() % 40;
        let place = next() % 500;
        let fatalities = next() % 12;
        let _ = writeln!(
            out,
            "{}{i},{year}-{month:02}-{day:02},{year},{},{disorder},{kind},{sub},\
             Military Forces of {country} ({a1}),,1,Rebel Group {a2} ({country}),Civilians ({country}),2,12,,\
             {iso},{region},{country},Province {},District {place},,Town {place},{}.{:04},{}.{:04},{},\
             Local Source {}; Agence France Presse,National-International,\
             \"On {day} {} {year}, forces clashed with members of Rebel Group {a2} near Town {place} \
             in District {place}, Province {}. Casualties were reported on both sides; {fatalities} \
             people were killed according to local sources, and several houses were damaged.\",\
             {fatalities},,{}",
            &country[..3].to_uppercase(),
            1 + next() % 3,
            place % 30,
            10 + next() % 40,
            next() % 10_000,
            30 + next() % 40,
            next() % 10_000,
            1 + next() % 3,
            next() % 60,
            [
                "January",
                "February",
                "March",
                "April",
                "May",
                "June",
                "July",
                "August",
                "September",
                "October",
                "November",
                "December"
            ][(month - 1) as usize],
            place % 30,
            1_600_000_000 + next() % 100_000_000,
        );
    }
}
