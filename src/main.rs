//! The `swimline` command: opens the window on a file (or the built-in dataset), or with
//! `--screenshot` draws it once, writes a PNG and exits.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{CommandFactory, Parser, Subcommand};
use swimline::io::{self, Loaded};
use swimline::ui::app::STORAGE_KEY;
use swimline::ui::{NativeDialogs, Persisted, ScreenshotJob, SessionStore, SwimlineApp};

/// Swimline: a timeline with one swimlane per actor, honest about uncertain dates.
#[derive(Parser, Debug)]
#[command(
    name = "swimline",
    version,
    about = "A timeline with one swimlane per actor, honest about uncertain dates.",
    long_about = None,
    args_conflicts_with_subcommands = true,
    after_help = "SOURCE opens a database instead of a file: duckdb:PATH (a Parquet or CSV file \
                  or glob), duckdb:FILE.duckdb?table=NAME, or \
                  postgresql://user@host:port/db?table=NAME (the password from PGPASSWORD or \
                  ~/.pgpass). See docs/sources.md."
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Cmd>,
    #[command(flatten)]
    open: OpenArgs,
}

/// How a file is read: the sheet, the columns, the zone.
#[derive(clap::Args, Debug, Clone, Default)]
struct ReadArgs {
    /// Which sheet of a spreadsheet to read.
    #[arg(long, value_name = "NAME")]
    sheet: Option<String>,
    /// Which column holds what in a table of its own layout, as
    /// title=Headline,start=Date,lanes=Who+Where,dates=DMY (roles: title start end lanes kind
    /// description source).
    #[arg(long, value_name = "ROLE=COLUMN,…", value_parser = mapping_arg)]
    map: Option<io::Mapping>,
    /// Times written without a zone (Timesketch, Plaso) are in this IANA zone (default UTC).
    #[arg(long, value_name = "ZONE", value_parser = zone_arg)]
    tz: Option<String>,
    /// Read a text file in this encoding (windows-1251, windows-1256, utf-16le, …) instead of the
    /// one its byte-order mark says or that is guessed from its letters.
    #[arg(long, value_name = "NAME", value_parser = encoding_arg)]
    encoding: Option<&'static encoding_rs::Encoding>,
}

impl ReadArgs {
    fn options(&self) -> io::LoadOptions {
        io::LoadOptions {
            sheet: self.sheet.clone(),
            mapping: self.map.clone(),
            tz: self.tz.clone(),
            encoding: self.encoding,
            ..io::LoadOptions::default()
        }
    }
}

/// Opening the window.
#[derive(clap::Args, Debug, Clone, Default)]
struct OpenArgs {
    /// The data file or database SOURCE to open (default: the built-in 2018 report dataset).
    #[arg(value_name = "FILE|SOURCE")]
    input: Option<String>,
    /// Draw the window once, write it to this PNG and exit (needs a display; use xvfb-run on a
    /// server). The file must not exist: Swimline never overwrites.
    #[arg(long, value_name = "OUT.png")]
    screenshot: Option<PathBuf>,
    #[command(flatten)]
    read: ReadArgs,
}

#[derive(Subcommand, Debug)]
enum Cmd {
    /// Load and validate files (or a database) without a window: print the format, events,
    /// actors, date range and warnings of each; exit 1 if any fails (the error is on stderr).
    Check {
        /// The files or SOURCEs to check.
        #[arg(required = true, value_name = "FILE|SOURCE")]
        inputs: Vec<String>,
        /// One JSON object a line instead of text.
        #[arg(long)]
        json: bool,
        #[command(flatten)]
        read: Box<ReadArgs>,
    },
    /// Draw a report (title, legend, key, footer) without a window, as PNG, SVG or PDF. Never
    /// overwrites without --force.
    Render(Box<RenderArgs>),
    /// Write the brief of FILE: the events starred in the notes beside it, in time order, with
    /// dates in words, sources, quotes and your notes. Never overwrites without --force.
    Brief {
        /// The data file (the built-in dataset when left out, as for render).
        #[arg(value_name = "FILE")]
        input: Option<PathBuf>,
        /// Where to write: OUT.md or OUT.html.
        #[arg(short, long, value_name = "OUT.md|OUT.html")]
        output: PathBuf,
        /// Replace OUT if it exists.
        #[arg(long)]
        force: bool,
    },
    /// Read a report (plain text, Markdown, HTML, Word .docx or PDF): its time expressions,
    /// dated against the report's own date, and the draft events they date — who said, did or
    /// denied what, when, in whose words. Suggestions only: nothing enters a timeline here.
    Extract {
        /// The report.
        #[arg(value_name = "FILE", required_unless_present = "score")]
        input: Option<PathBuf>,
        /// The day the report was written (its creation date, DCT); without it, the report's
        /// dateline or "Published" line, and the date used is said with its reason.
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = day_arg)]
        date: Option<chrono::NaiveDate>,
        /// The expressions and drafts as JSON (offsets, TimeML values, Swimline's notation).
        #[arg(long, conflicts_with = "timeml")]
        json: bool,
        /// The report as TimeML 1.2.1: its text unchanged, with TIMEX3 tags around each
        /// expression.
        #[arg(long)]
        timeml: bool,
        /// Match actors to the lanes of this data file first (by id and name).
        #[arg(long, value_name = "DATA")]
        lanes_of: Option<PathBuf>,
        /// Score the tagger on a folder of gold TimeML files as TempEval-3 Task A does
        /// (strict and relaxed span F1, value and type F1) instead of reading a report.
        #[arg(long, value_name = "FOLDER", conflicts_with_all = ["json", "timeml"])]
        score: Option<PathBuf>,
    },
    /// Make (or remake) the summary of a database source — its rows per lane and bin of 18
    /// hours, 12 days and 194 days — so that views of days to decades count from it. On
    /// PostgreSQL a materialised view, TABLE_swimline_summary, written to the database; for
    /// DuckDB a Parquet file in Swimline's folder. Run it again when the data has grown.
    Summarize {
        /// The source: postgresql://user@host:port/db?table=NAME or duckdb:PATH[?table=NAME].
        #[arg(value_name = "SOURCE")]
        source: String,
    },
    /// Write a synthetic dataset (OUT must not exist).
    Generate {
        /// How many events.
        #[arg(long, default_value = "100000", value_parser = whole_number)]
        events: u64,
        /// How many actors.
        #[arg(long, default_value = "50", value_parser = whole_number)]
        actors: u64,
        /// The random seed.
        #[arg(long, default_value = "1", value_parser = whole_number)]
        seed: u64,
        /// OUT.csv or OUT.json.
        #[arg(value_name = "OUT.csv|OUT.json")]
        out: PathBuf,
    },
    /// Print a completion script for a shell (e.g. `swimline completions bash >
    /// ~/.local/share/bash-completion/completions/swimline`).
    Completions {
        /// bash, zsh or fish (also elvish, powershell).
        shell: clap_complete::Shell,
    },
}

/// `swimline render`.
#[derive(clap::Args, Debug)]
struct RenderArgs {
    /// The data file or database SOURCE (default: the built-in dataset).
    #[arg(value_name = "FILE|SOURCE")]
    input: Option<String>,
    /// Where to write: OUT.png, OUT.svg, OUT.pdf or OUT.html (one interactive page).
    #[arg(short, long, value_name = "OUT")]
    output: PathBuf,
    /// Show from this date (EDTF: 2016, 2018-06), else from the first event.
    #[arg(long, value_name = "DATE")]
    from: Option<String>,
    /// Show to this date, else to the last event.
    #[arg(long, value_name = "DATE")]
    to: Option<String>,
    /// Only these lanes (actor ids, separated by commas).
    #[arg(long, value_name = "ID,…")]
    lanes: Option<String>,
    /// Only these kinds (action, statement, claim, denial, context).
    #[arg(long, value_name = "KIND,…")]
    kinds: Option<String>,
    /// Dim what does not match this text.
    #[arg(long, value_name = "TEXT")]
    search: Option<String>,
    /// Width of a PNG in pixels.
    #[arg(long, value_name = "PX")]
    width: Option<String>,
    /// Pixels per point of a PNG, 1 to 4.
    #[arg(long, value_name = "N")]
    scale: Option<String>,
    /// light (for print) or dark.
    #[arg(long, value_name = "light|dark")]
    theme: Option<String>,
    /// The title (default: the dataset's).
    #[arg(long, value_name = "TEXT")]
    title: Option<String>,
    /// Tile a PDF on landscape pages of this paper (a4 or letter).
    #[arg(long, value_name = "a4|letter")]
    page: Option<String>,
    /// The axis on the clocks of this zone: UTC (the default), local, or an IANA name as
    /// Europe/Kyiv. Dates without a time of day stay their calendar day.
    #[arg(long, value_name = "ZONE", value_parser = shown_zone_arg)]
    show_zone: Option<swimline::model::ShownZone>,
    /// Only the events starred in your notes.
    #[arg(long)]
    starred: bool,
    /// Replace OUT if it exists.
    #[arg(long)]
    force: bool,
    #[command(flatten)]
    read: ReadArgs,
}

/// `--tz NAME`: an IANA time zone, checked.
fn zone_arg(name: &str) -> Result<String, String> {
    name.parse::<chrono_tz::Tz>()
        .map(|_| name.to_owned())
        .map_err(|_| "expected an IANA time zone, as Europe/Kyiv or UTC".to_owned())
}

/// `--date YYYY-MM-DD`.
fn day_arg(text: &str) -> Result<chrono::NaiveDate, String> {
    chrono::NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
        .map_err(|_| "expected a day as YYYY-MM-DD, as 2018-03-23".to_owned())
}

/// `swimline extract FILE [--date D] [--json|--timeml] [--lanes-of DATA]`, or `--score DIR`.
fn run_extract(args: ExtractArgs) -> ExitCode {
    if let Some(folder) = &args.score {
        return match swimline::extract::score::score_folder(folder) {
            Ok(said) => {
                swimline::cli::print_out(&said);
                ExitCode::SUCCESS
            }
            Err(e) => {
                swimline::cli::print_err(&format!("swimline: {e}\n"));
                ExitCode::FAILURE
            }
        };
    }
    let Some(input) = &args.input else {
        return ExitCode::from(2);
    };
    let lanes = match &args.lanes_of {
        Some(path) => match io::load_path(path) {
            Ok(loaded) => loaded
                .dataset
                .actors
                .iter()
                .map(|a| (a.id.clone(), a.name.clone()))
                .collect(),
            Err(e) => {
                swimline::cli::print_err(&format!("swimline: {e}\n"));
                return ExitCode::FAILURE;
            }
        },
        None => Vec::new(),
    };
    match swimline::extract::report::extract_file(input, args.date, &lanes) {
        Ok(report) => {
            let out = if args.timeml {
                report.timeml()
            } else if args.json {
                format!("{}\n", report.json())
            } else {
                report.words()
            };
            swimline::cli::print_out(&out);
            ExitCode::SUCCESS
        }
        Err(e) => {
            swimline::cli::print_err(&format!("swimline: {e}\n"));
            ExitCode::FAILURE
        }
    }
}

/// The arguments of `swimline extract`.
struct ExtractArgs {
    input: Option<PathBuf>,
    date: Option<chrono::NaiveDate>,
    json: bool,
    timeml: bool,
    lanes_of: Option<PathBuf>,
    score: Option<PathBuf>,
}

/// `--encoding NAME`: an encoding by one of its WHATWG labels, checked.
fn encoding_arg(name: &str) -> Result<&'static encoding_rs::Encoding, String> {
    io::encoding_for_label(name).ok_or_else(|| {
        "expected an encoding, as windows-1251, windows-1256, utf-16le or iso-8859-1".to_owned()
    })
}

/// `--show-zone NAME`: UTC, local or an IANA zone.
fn shown_zone_arg(name: &str) -> Result<swimline::model::ShownZone, String> {
    swimline::model::ShownZone::parse(name)
}

/// `--map title=Headline,…`.
fn mapping_arg(text: &str) -> Result<io::Mapping, String> {
    text.parse::<io::Mapping>().map_err(|e| e.to_string())
}

fn whole_number(text: &str) -> Result<u64, String> {
    text.replace('_', "")
        .parse()
        .map_err(|_| "expected a whole number".to_owned())
}

/// `swimline brief FILE -o OUT.md|OUT.html [--force]`.
fn run_brief(input: Option<&std::path::Path>, output: &std::path::Path, force: bool) -> ExitCode {
    match swimline::render::brief(input, output, force) {
        Ok(said) => {
            swimline::cli::print_out(&format!("{said}\n"));
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("swimline: {e}");
            ExitCode::FAILURE
        }
    }
}

/// `swimline summarize SOURCE`.
fn run_summarize(text: &str) -> ExitCode {
    use swimline::source::SourceSpec;
    let spec = match SourceSpec::parse(text) {
        Ok(spec) => spec,
        Err(e) => {
            eprintln!("swimline: {e}");
            return ExitCode::from(2);
        }
    };
    let started = std::time::Instant::now();
    let folder = swimline::source::summary::folder();
    let made = swimline::source::connect::make_summary(&spec, folder.as_deref());
    match made {
        Ok(name) => {
            swimline::cli::print_out(&format!(
                "made the summary {name} in {:.1} s\n",
                started.elapsed().as_secs_f64()
            ));
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("swimline: {e}");
            ExitCode::FAILURE
        }
    }
}

/// `swimline check FILE|SOURCE… [--json]`.
fn run_check(inputs: &[String], json: bool, read: &ReadArgs) -> ExitCode {
    let report = swimline::cli::check_inputs(inputs, json, &read.options());
    swimline::cli::print_out(&report.stdout);
    swimline::cli::print_err(&report.stderr);
    if report.is_ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

/// `swimline generate [--events N] [--actors L] [--seed S] OUT.csv|OUT.json`.
fn run_generate(spec: swimline::generate::Spec, out: &std::path::Path) -> ExitCode {
    let format = match out.extension().and_then(|e| e.to_str()) {
        Some("json") => swimline::generate::GenFormat::Json,
        Some("csv") => swimline::generate::GenFormat::Csv,
        _ => {
            eprintln!(
                "swimline: {}: the name must end in .csv or .json",
                out.display()
            );
            return ExitCode::from(2);
        }
    };
    let file = match std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(out)
    {
        Ok(f) => f,
        Err(e) => {
            eprintln!(
                "swimline: cannot create {}: {e} (Swimline never overwrites files)",
                out.display()
            );
            return ExitCode::FAILURE;
        }
    };
    let mut writer = std::io::BufWriter::new(file);
    let written = swimline::generate::write(spec, format, &mut writer)
        .and_then(|()| std::io::Write::flush(&mut writer));
    match written {
        Ok(()) => {
            swimline::cli::print_out(&format!(
                "{}: {} events, {} actors, seed {}\n",
                out.display(),
                spec.events,
                spec.actors,
                spec.seed
            ));
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("swimline: cannot write {}: {e}", out.display());
            ExitCode::FAILURE
        }
    }
}

/// `swimline render [FILE|SOURCE] -o OUT [options]`.
fn run_render(args: RenderArgs) -> ExitCode {
    use swimline::render::{RenderError, render};
    let spec = match render_spec(args) {
        Ok(spec) => spec,
        Err(message) => {
            eprintln!("swimline render: {message}");
            return ExitCode::from(2);
        }
    };
    match render(&spec) {
        Ok(done) => {
            swimline::cli::print_out(&format!("{done}\n"));
            ExitCode::SUCCESS
        }
        Err(RenderError::Usage(message)) => {
            eprintln!("swimline render: {message}");
            ExitCode::from(2)
        }
        Err(e) => {
            eprintln!("swimline: {e}");
            ExitCode::FAILURE
        }
    }
}

/// The render options as a spec, or what is wrong with their values.
fn render_spec(args: RenderArgs) -> Result<swimline::render::RenderSpec, String> {
    use swimline::export::report::Theme;
    use swimline::model::EventKind;
    let mut spec = swimline::render::RenderSpec::new(None, args.output);
    match args.input {
        Some(text) if swimline::source::SourceSpec::looks_like(&text) => spec.source = Some(text),
        Some(text) => spec.input = Some(PathBuf::from(text)),
        None => {}
    }
    spec.from = args.from;
    spec.to = args.to;
    if let Some(lanes) = args.lanes {
        spec.lanes = lanes
            .split(',')
            .map(|s| s.trim().to_owned())
            .filter(|s| !s.is_empty())
            .collect();
    }
    if let Some(text) = args.kinds {
        for name in text.split(',').map(str::trim).filter(|s| !s.is_empty()) {
            let kind = EventKind::ALL
                .into_iter()
                .find(|k| k.name() == name)
                .ok_or_else(|| {
                    let names: Vec<&str> = EventKind::ALL.iter().map(|k| k.name()).collect();
                    format!("--kinds {name}: expected one of {}", names.join(", "))
                })?;
            spec.kinds.push(kind);
        }
    }
    spec.search = args.search;
    if let Some(text) = args.width {
        spec.width_px = text
            .parse()
            .map_err(|_| format!("--width {text}: expected a whole number of pixels"))?;
    }
    if let Some(text) = args.scale {
        spec.scale = text
            .parse()
            .map_err(|_| format!("--scale {text}: expected a number from 1 to 4"))?;
    }
    if let Some(theme) = args.theme {
        spec.theme = match theme.as_str() {
            "light" => Theme::Light,
            "dark" => Theme::Dark,
            other => return Err(format!("--theme {other}: expected light or dark")),
        };
    }
    spec.title = args.title;
    if let Some(page) = args.page {
        spec.paper = Some(match page.to_ascii_lowercase().as_str() {
            "a4" => swimline::render::Paper::A4,
            "letter" => swimline::render::Paper::Letter,
            other => return Err(format!("--page {other}: expected a4 or letter")),
        });
    }
    spec.is_forced = args.force;
    spec.starred = args.starred;
    spec.zone = args.show_zone.unwrap_or_default();
    spec.load = args.read.options();
    Ok(spec)
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Some(command) => run_command(command),
        None => run_window(cli.open),
    }
}

/// Runs a subcommand (`check`, `render`, `brief`, …): no window.
fn run_command(command: Cmd) -> ExitCode {
    match command {
        Cmd::Check { inputs, json, read } => run_check(&inputs, json, &read),
        Cmd::Render(args) => run_render(*args),
        Cmd::Brief {
            input,
            output,
            force,
        } => run_brief(input.as_deref(), &output, force),
        Cmd::Generate {
            events,
            actors,
            seed,
            out,
        } => {
            let spec = swimline::generate::Spec {
                events: events as usize,
                actors: (actors as usize).max(1),
                seed,
            };
            run_generate(spec, &out)
        }
        Cmd::Summarize { source } => run_summarize(&source),
        Cmd::Extract {
            input,
            date,
            json,
            timeml,
            lanes_of,
            score,
        } => run_extract(ExtractArgs {
            input,
            date,
            json,
            timeml,
            lanes_of,
            score,
        }),
        Cmd::Completions { shell } => {
            let mut command = Cli::command();
            let mut script = Vec::new();
            clap_complete::generate(shell, &mut command, "swimline", &mut script);
            swimline::cli::print_out(&String::from_utf8_lossy(&script));
            ExitCode::SUCCESS
        }
    }
}

/// Opens the window on the built-in dataset, a file or a database (`swimline [INPUT]`).
fn run_window(args: OpenArgs) -> ExitCode {
    let source = args
        .input
        .clone()
        .filter(|t| swimline::source::SourceSpec::looks_like(t));
    if let Some(text) = &source
        && let Err(e) = swimline::source::SourceSpec::parse(text)
    {
        eprintln!("swimline: {e}");
        return ExitCode::from(2);
    }
    let file: Option<PathBuf> = args
        .input
        .clone()
        .filter(|_| source.is_none())
        .map(PathBuf::from);
    let read = args.read.options();
    if let Some(path) = file.as_ref().filter(|p| !p.exists()) {
        // Said at once, not as an empty timeline "still showing" a file that never was.
        let absolute = std::path::absolute(path).unwrap_or_else(|_| path.clone());
        eprintln!("swimline: there is no file {}", absolute.display());
        return ExitCode::from(2);
    }

    let (loaded, error) = match &file {
        None => match io::load_default() {
            Ok(loaded) => (loaded, None),
            Err(e) => {
                eprintln!("swimline: the built-in dataset is broken: {e}");
                return ExitCode::FAILURE;
            }
        },
        // A screenshot needs the data before the first frame; the window loads in the background.
        Some(path) if args.screenshot.is_some() => match io::load_path_with(path, &read) {
            Ok(loaded) => (loaded, None),
            Err(e) => {
                eprintln!("swimline: {e}");
                return ExitCode::FAILURE;
            }
        },
        Some(path) => (empty(path), None),
    };

    if let Some(out) = &args.screenshot
        && out.exists()
    {
        eprintln!(
            "swimline: {} already exists: choose another name (Swimline does not overwrite files)",
            out.display()
        );
        return ExitCode::FAILURE;
    }

    let job = args.screenshot.clone().map(ScreenshotJob::new);
    let outcome = job.as_ref().map(|j| j.outcome.clone());
    let mut app = SwimlineApp::new(loaded, error, Box::new(NativeDialogs));
    if let (Some(path), None) = (&file, &args.screenshot) {
        app = app
            .open_on_start(path.clone())
            .with_sheet(read.sheet.clone())
            .with_mapping(read.mapping.clone());
    }
    if let Some(text) = source.clone() {
        app = app.open_source_on_start(text);
    }
    app = app
        .with_read_zone(read.tz.clone())
        .with_read_encoding(read.encoding);
    if let Some(job) = job {
        app = app.with_screenshot_job(job);
    }
    // Pictures of the reader (docs/reader.png): `SWIMLINE_READ_REPORT=FILE
    // [SWIMLINE_READ_REPORT_DATE=YYYY-MM-DD] [SWIMLINE_READ_REPORT_SELECT=denial] swimline
    // --screenshot out.png` (the last selects the first draft of that kind).
    if let Some(report) = std::env::var_os("SWIMLINE_READ_REPORT") {
        let date = std::env::var("SWIMLINE_READ_REPORT_DATE")
            .ok()
            .and_then(|d| chrono::NaiveDate::parse_from_str(&d, "%Y-%m-%d").ok());
        app = app.read_report_on_start(PathBuf::from(report), date);
        if let Ok(kind) = std::env::var("SWIMLINE_READ_REPORT_SELECT") {
            app = app.select_draft_on_read(kind);
        }
    }

    // A scripted render neither reads nor writes what the user's runs remember: eframe keeps
    // its window and egui memory in a temporary folder, and there is no session store (nor a
    // notes folder: it reads the notes beside a file only).
    let scripted = args.screenshot.is_some();
    app = app.with_notes_folder(swimline::notes::store::app_folder().filter(|_| !scripted));
    app = app.with_summaries_folder(swimline::source::summary::folder().filter(|_| !scripted));
    let scratch = scripted
        .then(|| std::env::temp_dir().join(format!("swimline-screenshot-{}", std::process::id())));
    let options = native_options(scripted, scratch.as_deref());
    // Without a file named, the window comes back as it was left.
    let restore = args.input.is_none() && !scripted;
    let opened = SessionStore::default_path()
        .filter(|_| !scripted)
        .map(SessionStore::open);
    let creator = Box::new(move |cc: &eframe::CreationContext<'_>| {
        let app = match opened {
            // A first start after an older version: the session it kept in eframe's file.
            Some(mut opened) if !opened.is_found && opened.ignored.is_none() => {
                if let Some(old) = cc
                    .storage
                    .and_then(|s| eframe::get_value::<Persisted>(s, STORAGE_KEY))
                {
                    opened.persisted = old;
                }
                app.with_session_store(opened, restore)
            }
            Some(opened) => app.with_session_store(opened, restore),
            None => app,
        };
        Ok(Box::new(app) as Box<dyn eframe::App>)
    });
    let ran = eframe::run_native("Swimline", options, creator);
    if let Some(dir) = scratch {
        let _ = std::fs::remove_dir_all(dir);
    }
    if let Err(e) = ran {
        eprintln!(
            "swimline: {}",
            swimline::no_window::cannot_open_window(&e.to_string())
        );
        return ExitCode::FAILURE;
    }

    screenshot_exit(outcome)
}

/// The window's options; a scripted run keeps eframe's memory in `scratch`, not the user's.
fn native_options(scripted: bool, scratch: Option<&std::path::Path>) -> eframe::NativeOptions {
    eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("Swimline")
            .with_inner_size([1480.0, 900.0])
            .with_min_inner_size([640.0, 400.0])
            .with_drag_and_drop(true),
        persist_window: !scripted,
        persistence_path: scratch.map(|dir| dir.join("app.ron")),
        // The app installs its own fallback (the bundled Arabic-script font, then the machine's
        // fonts per missing glyph), which also says which scripts no font draws.
        system_font_fallback: false,
        ..Default::default()
    }
}

/// What a screenshot job left for the process: `None` until it ends, then whether it was written.
type ScreenshotOutcome = std::sync::Arc<std::sync::Mutex<Option<Result<(), String>>>>;

/// The exit status of a `--screenshot` run from what its job left (`None`: no screenshot asked).
fn screenshot_exit(outcome: Option<ScreenshotOutcome>) -> ExitCode {
    match outcome.map(|o| o.lock().map(|mut slot| slot.take()).ok().flatten()) {
        None => ExitCode::SUCCESS,
        Some(Some(Ok(()))) => ExitCode::SUCCESS,
        Some(Some(Err(message))) => {
            eprintln!("swimline: {message}");
            ExitCode::FAILURE
        }
        Some(None) => {
            eprintln!("swimline: the window closed before the screenshot was taken");
            ExitCode::FAILURE
        }
    }
}

/// Nothing loaded, named after the file that failed.
fn empty(path: &std::path::Path) -> Loaded {
    Loaded {
        dataset: swimline::model::Dataset::default(),
        display_name: path.file_name().map_or_else(
            || path.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        ),
        path: None,
        origin: io::Origin::File(io::Format::Swimline),
        warnings: Vec::new(),
    }
}
