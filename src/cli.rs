//! `swimline check FILE… [--json]`: load and validate files without a window, and report per
//! file the format detected, the number of events and actors, the date range and the warnings.

use std::fmt::Write as _;
use std::path::Path;

use crate::io::{Loaded, Problem};
use crate::model::{FuzzyDate, Timestamp};

/// What `check` printed, and whether every file loaded.
pub struct CheckReport {
    /// Standard output: one block (or, with `--json`, one JSON object) per file that loaded.
    pub stdout: String,
    /// Standard error: one error message per file that did not load.
    pub stderr: String,
    /// Every file loaded.
    pub is_ok: bool,
}

/// Checks each input: a file, or a database source string (`duckdb:…`, `postgresql://…`).
pub fn check_inputs(
    inputs: &[String],
    json: bool,
    options: &crate::io::LoadOptions,
) -> CheckReport {
    let mut report = CheckReport {
        stdout: String::new(),
        stderr: String::new(),
        is_ok: true,
    };
    for input in inputs {
        let one = if crate::source::SourceSpec::looks_like(input) {
            check_source(input, json)
        } else {
            check_with(&[Path::new(input)], json, options)
        };
        report.stdout.push_str(&one.stdout);
        report.stderr.push_str(&one.stderr);
        report.is_ok &= one.is_ok;
    }
    report
}

/// Checks a database source: connects, checks the table's layout, counts its rows and lanes.
fn check_source(text: &str, json: bool) -> CheckReport {
    let mut report = CheckReport {
        stdout: String::new(),
        stderr: String::new(),
        is_ok: true,
    };
    let summaries = crate::source::summary::folder();
    let opened = match crate::source::engine::open_now(text, summaries.as_deref()) {
        Ok(o) => o,
        Err(e) => {
            report.is_ok = false;
            let _ = writeln!(report.stderr, "{e}");
            return report;
        }
    };
    let rows: u64 = opened.lanes.iter().map(|l| l.rows).sum();
    let extent = crate::source::window::extent_of(&opened.lanes);
    let day = |t: i64| {
        let c = Timestamp(t).civil();
        FuzzyDate::day(c.year, c.month, c.day).to_string()
    };
    let range = extent.map(|(a, b)| (day(a), day((b - 1).max(a))));
    let source = opened.spec.to_string();
    let folder = eframe::storage_dir("Swimline").map(|d| d.join("notes"));
    let notes = crate::notes::store::NotesStore::open_source(&source, folder.as_deref());
    let notes_file = notes
        .store
        .path()
        .filter(|p| p.exists())
        .map(|p| p.display().to_string());
    let mut summary = notes.notes.summary(&crate::model::Dataset::default());
    // A database's notes are on events asked for by id: none is orphaned by a window.
    summary.orphaned = 0;
    if json {
        let value = serde_json::json!({
            "source": source,
            "format": crate::io::Format::Database.name(),
            "engine": opened.engine.name(),
            "summary": opened.engine.layout().summary,
            "rows": rows,
            "actors": opened.lanes.len(),
            "lanes": opened.lanes.iter().map(|l| serde_json::json!({"lane": l.name, "rows": l.rows})).collect::<Vec<_>>(),
            "start": range.as_ref().map(|r| r.0.clone()),
            "end": range.as_ref().map(|r| r.1.clone()),
            "warnings": Vec::<String>::new(),
            "notes": summary,
            "notes_file": notes_file,
            "notes_problem": notes.message,
        });
        let _ = writeln!(report.stdout, "{value}");
    } else {
        let range = range.map_or("no dates".to_owned(), |(a, b)| format!("{a} to {b}"));
        let summary = if opened.engine.layout().summary.is_some() {
            "wide views counted from its summary"
        } else {
            "no summary (swimline summarize makes one)"
        };
        let _ = writeln!(
            report.stdout,
            "{source}: {} ({}), {rows} rows, {} lanes, {range}; {summary}",
            crate::io::Format::Database.name(),
            opened.engine.name(),
            opened.lanes.len()
        );
    }
    report
}

/// Checks each file. Never panics on bad input; never writes files.
pub fn check(paths: &[&Path], json: bool) -> CheckReport {
    check_with(paths, json, &crate::io::LoadOptions::default())
}

/// As [`check`], reading the files with `options` (a spreadsheet's sheet).
pub fn check_with(paths: &[&Path], json: bool, options: &crate::io::LoadOptions) -> CheckReport {
    let mut report = CheckReport {
        stdout: String::new(),
        stderr: String::new(),
        is_ok: true,
    };
    for path in paths {
        match crate::io::load_path_with(path, options) {
            Ok(loaded) => {
                let notes = crate::notes::store::NotesStore::open(Some(path), None);
                let found = notes
                    .store
                    .path()
                    .filter(|p| p.exists())
                    .map(Path::to_path_buf);
                let notes = Notes {
                    file: found,
                    summary: notes.notes.summary(&loaded.dataset),
                    problem: notes.message,
                };
                let text = if json {
                    json_line(path, &loaded, &notes)
                } else {
                    text_block(path, &loaded, &notes)
                };
                report.stdout.push_str(&text);
            }
            Err(e) => {
                report.is_ok = false;
                let _ = writeln!(report.stderr, "{e}");
            }
        }
    }
    report
}

/// The notes found beside a file.
struct Notes {
    /// The notes file, when there is one.
    file: Option<std::path::PathBuf>,
    /// What it holds.
    summary: crate::notes::Summary,
    /// Why it could not be read, if it could not.
    problem: Option<String>,
}

/// The first and last day any event touches, as ISO dates (`-0043-03-15`, `Y-13800000000-01-01`).
fn date_range(loaded: &Loaded) -> Option<(String, String)> {
    let (a, b) = loaded.dataset.extent_secs()?;
    let day = |t: i64| {
        let c = Timestamp(t).civil();
        FuzzyDate::day(c.year, c.month, c.day).to_string()
    };
    Some((day(a), day((b - 1).max(a))))
}

fn problem_text(p: &Problem) -> String {
    p.to_string()
}

fn text_block(path: &Path, loaded: &Loaded, notes: &Notes) -> String {
    let d = &loaded.dataset;
    let range = date_range(loaded).map_or("no dates".to_owned(), |(a, b)| format!("{a} to {b}"));
    let mut out = format!(
        "{}: {}, {} events, {} actors, {range}, {} warnings\n",
        path.display(),
        loaded.format.name(),
        d.events.len(),
        d.actors.len(),
        loaded.warnings.len()
    );
    for w in &loaded.warnings {
        let _ = writeln!(out, "  warning: {}", problem_text(w));
    }
    if let Some(file) = &notes.file {
        let n = notes.summary;
        let _ = writeln!(
            out,
            "  notes ({}): starred {}, with a note {}, own events {}, own links {}, on events no longer in the file {}",
            file.display(),
            n.starred,
            n.with_note,
            n.own_events,
            n.own_links,
            n.orphaned
        );
    }
    if let Some(problem) = &notes.problem {
        let _ = writeln!(out, "  notes: {problem}");
    }
    out
}

fn json_line(path: &Path, loaded: &Loaded, notes: &Notes) -> String {
    let range = date_range(loaded);
    let value = serde_json::json!({
        "file": path.display().to_string(),
        "format": loaded.format.name(),
        "events": loaded.dataset.events.len(),
        "actors": loaded.dataset.actors.len(),
        "periods": loaded.dataset.periods.len(),
        "start": range.as_ref().map(|r| r.0.clone()),
        "end": range.as_ref().map(|r| r.1.clone()),
        "warnings": loaded.warnings.iter().map(problem_text).collect::<Vec<_>>(),
        "notes": notes.summary,
        "notes_file": notes.file.as_ref().map(|f| f.display().to_string()),
        "notes_problem": notes.problem,
    });
    format!("{value}\n")
}
