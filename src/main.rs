//! The `swimline` command: opens the window on a file (or the built-in dataset), or with
//! `--screenshot` draws it once, writes a PNG and exits.

use std::path::PathBuf;
use std::process::ExitCode;

use swimline::io::{self, Loaded};
use swimline::ui::app::STORAGE_KEY;
use swimline::ui::{NativeDialogs, Persisted, ScreenshotJob, SessionStore, SwimlineApp};

const USAGE: &str = "\
Swimline: a timeline with one swimlane per actor.

Usage:
  swimline [FILE] [--sheet NAME] [--map ROLE=COLUMN,…] [--tz ZONE]
                                      open FILE (default: the built-in 2018 report dataset);
                                      --sheet: which sheet of a spreadsheet; --map: which
                                      column holds what in a table of its own layout, as
                                      title=Headline,start=Date,lanes=Who+Where,dates=DMY
                                      (roles: title start end lanes kind description source);
                                      --tz ZONE: times written without a zone (Timesketch,
                                      Plaso) are in ZONE, as Europe/Kyiv (default UTC)
  swimline --screenshot OUT.png [FILE]
                                      draw the window once, write it to OUT.png and exit
                                      (needs a display; use xvfb-run on a server).
                                      OUT.png must not exist: Swimline never overwrites.
  swimline check FILE... [--json] [--sheet NAME] [--map ROLE=COLUMN,…] [--tz ZONE]
                                      load and validate files without a window: print the
                                      format, events, actors, date range and warnings of each;
                                      exit 1 if any file fails (the error is on stderr)
  swimline render [FILE] -o OUT.png|OUT.svg|OUT.pdf [--from DATE] [--to DATE]
                [--lanes ID,…] [--kinds KIND,…] [--search TEXT] [--width PX] [--scale N]
                [--theme light|dark] [--title TEXT] [--page a4|letter] [--starred]
                [--sheet NAME] [--map ROLE=COLUMN,…] [--tz ZONE] [--force]
                                      draw a report of FILE (default: the built-in dataset)
                                      without a window: title, legend, key, footer; dates in
                                      EDTF (2016, 2018-06); --page tiles a PDF on landscape
                                      pages; --starred: only the events starred in the notes
                                      beside FILE; never overwrites without --force
  swimline brief FILE -o OUT.md|OUT.html [--force]
                                      write the brief of FILE: the events starred in the notes
                                      beside it, in time order, with dates in words, sources,
                                      quotes and your notes; never overwrites without --force
  swimline generate [--events N] [--actors L] [--seed S] OUT.csv|OUT.json
                                      write a synthetic dataset (default 100,000 events,
                                      50 actors); OUT must not exist
  swimline --help | --version";

/// What the command line asks for.
struct Args {
    file: Option<PathBuf>,
    screenshot: Option<PathBuf>,
    sheet: Option<String>,
    mapping: Option<io::Mapping>,
    tz: Option<String>,
}

/// `--tz NAME`: an IANA time zone, checked.
fn zone_arg(name: Option<&str>) -> Result<String, String> {
    let name = name.ok_or("--tz needs an IANA time zone, as Europe/Kyiv or UTC")?;
    name.parse::<chrono_tz::Tz>()
        .map(|_| name.to_owned())
        .map_err(|_| format!("--tz {name}: expected an IANA time zone, as Europe/Kyiv or UTC"))
}

fn parse_args() -> Result<Option<Args>, String> {
    let mut file = None;
    let mut screenshot = None;
    let mut sheet = None;
    let mut mapping = None;
    let mut tz = None;
    let mut args = std::env::args_os().skip(1);
    while let Some(arg) = args.next() {
        match arg.to_str() {
            Some("--help" | "-h") => {
                println!("{USAGE}");
                return Ok(None);
            }
            Some("--version" | "-V") => {
                println!("swimline {}", env!("CARGO_PKG_VERSION"));
                return Ok(None);
            }
            Some("--screenshot") => {
                let out = args
                    .next()
                    .ok_or("--screenshot needs the path of the PNG to write")?;
                screenshot = Some(PathBuf::from(out));
            }
            Some("--sheet") => {
                let name = args
                    .next()
                    .and_then(|a| a.into_string().ok())
                    .ok_or("--sheet needs the name of a sheet")?;
                sheet = Some(name);
            }
            Some("--tz") => {
                tz = Some(zone_arg(args.next().as_deref().and_then(|a| a.to_str()))?);
            }
            Some("--map") => {
                let text = args
                    .next()
                    .and_then(|a| a.into_string().ok())
                    .ok_or("--map needs the columns, as title=Headline,start=Date")?;
                mapping = Some(text.parse().map_err(|e| format!("--map {text}: {e}"))?);
            }
            Some(flag) if flag.starts_with("--") => {
                return Err(format!("unknown option {flag}\n\n{USAGE}"));
            }
            _ if file.is_none() => file = Some(PathBuf::from(arg)),
            _ => {
                return Err(format!(
                    "only one data file can be opened at a time\n\n{USAGE}"
                ));
            }
        }
    }
    Ok(Some(Args {
        file,
        screenshot,
        sheet,
        mapping,
        tz,
    }))
}

/// `swimline brief FILE -o OUT.md|OUT.html [--force]`.
fn run_brief(args: &[std::ffi::OsString]) -> ExitCode {
    let (mut input, mut output, mut force) = (None, None, false);
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        match arg.to_str() {
            Some("-o" | "--output") => output = args.next().map(PathBuf::from),
            Some("--force") => force = true,
            Some(flag) if flag.starts_with('-') => {
                eprintln!("swimline: brief: unknown option {flag}\n\n{USAGE}");
                return ExitCode::from(2);
            }
            _ if input.is_none() => input = Some(PathBuf::from(arg)),
            _ => {
                eprintln!("swimline: brief: only one data file at a time\n\n{USAGE}");
                return ExitCode::from(2);
            }
        }
    }
    let (Some(input), Some(output)) = (input, output) else {
        eprintln!("swimline: brief needs a data file and -o OUT.md (or OUT.html)\n\n{USAGE}");
        return ExitCode::from(2);
    };
    match swimline::render::brief(&input, &output, force) {
        Ok(said) => {
            println!("{said}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("swimline: {e}");
            ExitCode::FAILURE
        }
    }
}

/// `swimline check FILE… [--json] [--sheet NAME]`.
fn run_check(args: &[std::ffi::OsString]) -> ExitCode {
    let json = args.iter().any(|a| a == "--json");
    let mut sheet = None;
    let mut mapping = None;
    let mut tz = None;
    let mut paths: Vec<PathBuf> = Vec::new();
    let mut rest = args.iter();
    while let Some(a) = rest.next() {
        if a == "--json" {
            continue;
        }
        if a == "--sheet" {
            match rest.next().and_then(|s| s.to_str()) {
                Some(name) => sheet = Some(name.to_owned()),
                None => {
                    eprintln!("swimline: --sheet needs the name of a sheet\n\n{USAGE}");
                    return ExitCode::from(2);
                }
            }
            continue;
        }
        if a == "--tz" {
            match zone_arg(rest.next().and_then(|s| s.to_str())) {
                Ok(zone) => tz = Some(zone),
                Err(e) => {
                    eprintln!("swimline: {e}");
                    return ExitCode::from(2);
                }
            }
            continue;
        }
        if a == "--map" {
            let parsed = rest.next().and_then(|s| s.to_str()).map(|t| {
                t.parse::<io::Mapping>()
                    .map_err(|e| format!("--map {t}: {e}"))
            });
            match parsed {
                Some(Ok(m)) => mapping = Some(m),
                Some(Err(e)) => {
                    eprintln!("swimline: {e}");
                    return ExitCode::from(2);
                }
                None => {
                    eprintln!(
                        "swimline: --map needs the columns, as title=Headline,start=Date\n\n{USAGE}"
                    );
                    return ExitCode::from(2);
                }
            }
            continue;
        }
        paths.push(PathBuf::from(a));
    }
    if paths.is_empty() {
        eprintln!("swimline: check needs at least one file\n\n{USAGE}");
        return ExitCode::from(2);
    }
    let refs: Vec<&std::path::Path> = paths.iter().map(PathBuf::as_path).collect();
    let options = io::LoadOptions {
        sheet,
        mapping,
        tz,
        ..io::LoadOptions::default()
    };
    let report = swimline::cli::check_with(&refs, json, &options);
    print!("{}", report.stdout);
    eprint!("{}", report.stderr);
    if report.is_ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

/// `swimline generate --events N --actors L [--seed S] OUT.csv|OUT.json`.
fn run_generate(args: &[std::ffi::OsString]) -> ExitCode {
    let mut spec = swimline::generate::Spec {
        events: 100_000,
        actors: 50,
        seed: 1,
    };
    let mut out = None;
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        let mut number = |what: &str| -> Result<u64, String> {
            args.next()
                .and_then(|v| v.to_str())
                .and_then(|v| v.replace('_', "").parse().ok())
                .ok_or(format!("{what} needs a whole number"))
        };
        let result = match arg.to_str() {
            Some("--events") => number("--events").map(|n| spec.events = n as usize),
            Some("--actors") => number("--actors").map(|n| spec.actors = (n as usize).max(1)),
            Some("--seed") => number("--seed").map(|n| spec.seed = n),
            Some(flag) if flag.starts_with("--") => Err(format!("unknown option {flag}")),
            _ => {
                out = Some(PathBuf::from(arg));
                Ok(())
            }
        };
        if let Err(message) = result {
            eprintln!("swimline: {message}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    }
    let Some(out) = out else {
        eprintln!("swimline: generate needs the file to write (.csv or .json)\n\n{USAGE}");
        return ExitCode::from(2);
    };
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
        .open(&out)
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
            println!(
                "{}: {} events, {} actors, seed {}",
                out.display(),
                spec.events,
                spec.actors,
                spec.seed
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("swimline: cannot write {}: {e}", out.display());
            ExitCode::FAILURE
        }
    }
}

/// `swimline render [FILE] -o OUT [options]`.
fn run_render(args: &[std::ffi::OsString]) -> ExitCode {
    use swimline::render::{RenderError, render};
    let spec = match parse_render(args) {
        Ok(spec) => spec,
        Err(message) => {
            eprintln!("swimline render: {message}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    match render(&spec) {
        Ok(done) => {
            println!("{done}");
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

/// The options of `render`, or what is wrong with them.
fn parse_render(args: &[std::ffi::OsString]) -> Result<swimline::render::RenderSpec, String> {
    use swimline::export::report::Theme;
    use swimline::model::EventKind;
    let mut input = None;
    let mut output = None;
    let mut spec = swimline::render::RenderSpec::new(None, PathBuf::new());
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        let flag = arg.to_str().unwrap_or_default();
        let mut value = |what: &str| -> Result<String, String> {
            args.next()
                .and_then(|v| v.to_str())
                .map(str::to_owned)
                .ok_or(format!("{flag} needs {what}"))
        };
        match flag {
            "-o" | "--output" => output = Some(PathBuf::from(value("the file to write")?)),
            "--from" => spec.from = Some(value("a date such as 2016 or 2018-06")?),
            "--to" => spec.to = Some(value("a date such as 2016 or 2018-06")?),
            "--lanes" => {
                spec.lanes = value("actor ids, separated by commas")?
                    .split(',')
                    .map(|s| s.trim().to_owned())
                    .filter(|s| !s.is_empty())
                    .collect();
            }
            "--kinds" => {
                let text = value("kinds, separated by commas")?;
                for name in text.split(',').map(str::trim).filter(|s| !s.is_empty()) {
                    let kind = EventKind::ALL
                        .into_iter()
                        .find(|k| k.name() == name)
                        .ok_or_else(|| {
                            let names: Vec<&str> =
                                EventKind::ALL.iter().map(|k| k.name()).collect();
                            format!("--kinds {name}: expected one of {}", names.join(", "))
                        })?;
                    spec.kinds.push(kind);
                }
            }
            "--search" => spec.search = Some(value("the text to search for")?),
            "--width" => {
                let text = value("a width in pixels")?;
                spec.width_px = text
                    .parse()
                    .map_err(|_| format!("--width {text}: expected a whole number of pixels"))?;
            }
            "--scale" => {
                let text = value("a scale from 1 to 4")?;
                spec.scale = text
                    .parse()
                    .map_err(|_| format!("--scale {text}: expected a number from 1 to 4"))?;
            }
            "--theme" => {
                spec.theme = match value("light or dark")?.as_str() {
                    "light" => Theme::Light,
                    "dark" => Theme::Dark,
                    other => return Err(format!("--theme {other}: expected light or dark")),
                };
            }
            "--title" => spec.title = Some(value("the title")?),
            "--page" => {
                spec.paper = Some(match value("a4 or letter")?.to_ascii_lowercase().as_str() {
                    "a4" => swimline::render::Paper::A4,
                    "letter" => swimline::render::Paper::Letter,
                    other => return Err(format!("--page {other}: expected a4 or letter")),
                });
            }
            "--force" => spec.is_forced = true,
            "--starred" => spec.starred = true,
            "--sheet" => spec.load.sheet = Some(value("the name of a sheet")?),
            "--tz" => spec.load.tz = Some(zone_arg(Some(&value("an IANA time zone")?))?),
            "--map" => {
                let text = value("the columns, as title=Headline,start=Date")?;
                spec.load.mapping = Some(text.parse().map_err(|e| format!("--map {text}: {e}"))?);
            }
            other if other.starts_with('-') => return Err(format!("unknown option {other}")),
            _ if input.is_none() => input = Some(PathBuf::from(arg)),
            _ => return Err("only one data file can be rendered at a time".to_owned()),
        }
    }
    spec.input = input;
    spec.output = output.ok_or("render needs -o OUT.png, OUT.svg or OUT.pdf")?;
    Ok(spec)
}

fn main() -> ExitCode {
    let raw: Vec<std::ffi::OsString> = std::env::args_os().skip(1).collect();
    if raw.first().is_some_and(|a| a == "check") {
        return run_check(&raw[1..]);
    }
    if raw.first().is_some_and(|a| a == "generate") {
        return run_generate(&raw[1..]);
    }
    if raw.first().is_some_and(|a| a == "render") {
        return run_render(&raw[1..]);
    }
    if raw.first().is_some_and(|a| a == "brief") {
        return run_brief(&raw[1..]);
    }
    let args = match parse_args() {
        Ok(Some(args)) => args,
        Ok(None) => return ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("swimline: {message}");
            return ExitCode::from(2);
        }
    };

    let (loaded, error) = match &args.file {
        None => match io::load_default() {
            Ok(loaded) => (loaded, None),
            Err(e) => {
                eprintln!("swimline: the built-in dataset is broken: {e}");
                return ExitCode::FAILURE;
            }
        },
        // A screenshot needs the data before the first frame; the window loads in the background.
        Some(path) if args.screenshot.is_some() => match io::load_path_with(
            path,
            &io::LoadOptions {
                sheet: args.sheet.clone(),
                mapping: args.mapping.clone(),
                tz: args.tz.clone(),
                ..io::LoadOptions::default()
            },
        ) {
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
    if let (Some(path), None) = (&args.file, &args.screenshot) {
        app = app
            .open_on_start(path.clone())
            .with_sheet(args.sheet.clone())
            .with_mapping(args.mapping.clone());
    }
    app = app.with_read_zone(args.tz.clone());
    if let Some(job) = job {
        app = app.with_screenshot_job(job);
    }

    // A scripted render neither reads nor writes what the user's runs remember: eframe keeps
    // its window and egui memory in a temporary folder, and there is no session store (nor a
    // notes folder: it reads the notes beside a file only).
    let scripted = args.screenshot.is_some();
    app = app.with_notes_folder(
        eframe::storage_dir("Swimline")
            .filter(|_| !scripted)
            .map(|dir| dir.join("notes")),
    );
    let scratch = scripted
        .then(|| std::env::temp_dir().join(format!("swimline-screenshot-{}", std::process::id())));
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("Swimline")
            .with_inner_size([1480.0, 900.0])
            .with_min_inner_size([640.0, 400.0])
            .with_drag_and_drop(true),
        persist_window: !scripted,
        persistence_path: scratch.as_ref().map(|dir| dir.join("app.ron")),
        ..Default::default()
    };
    // Without a file named, the window comes back as it was left.
    let restore = args.file.is_none() && !scripted;
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
        eprintln!("swimline: cannot open a window: {e}");
        return ExitCode::FAILURE;
    }

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
        format: io::Format::Swimline,
        warnings: Vec::new(),
    }
}
