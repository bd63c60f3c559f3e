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
