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
    let opened = match crate::source::connect::open_now(text, summaries.as_deref()) {
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
    let folder = crate::notes::store::app_folder();
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
        let value = check_json(CheckJson {
            file: None,
            source: Some(source),
            format: crate::io::Origin::Database.name(),
            engine: Some(opened.engine.name()),
            summary: opened.engine.layout().summary.clone(),
            events: rows,
            actors: opened.lanes.len(),
            lanes: Some(
                opened
                    .lanes
                    .iter()
                    .map(|l| (l.name.clone(), l.rows))
                    .collect(),
            ),
            periods: 0,
            range,
            warnings: opened.warnings.clone(),
            notes: summary,
            notes_file,
            notes_problem: notes.message,
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
            crate::io::Origin::Database.name(),
            opened.engine.name(),
            opened.lanes.len()
        );
        for w in &opened.warnings {
            let _ = writeln!(report.stdout, "  warning: {w}");
        }
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
                let folder = crate::notes::store::app_folder();
                let notes = crate::notes::store::NotesStore::open(Some(path), folder.as_deref());
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
        loaded.origin.name(),
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
    let value = check_json(CheckJson {
        file: Some(path.display().to_string()),
        source: None,
        format: loaded.origin.name(),
        engine: None,
        summary: None,
        events: loaded.dataset.events.len() as u64,
        actors: loaded.dataset.actors.len(),
        lanes: None,
        periods: loaded.dataset.periods.len(),
        range: date_range(loaded),
        warnings: loaded.warnings.iter().map(problem_text).collect(),
        notes: notes.summary,
        notes_file: notes.file.as_ref().map(|f| f.display().to_string()),
        notes_problem: notes.problem.clone(),
    });
    format!("{value}\n")
}

/// What `check --json` says of one input, a file or a database: one schema for both, every key
/// always present (`null` where it does not apply), documented in the README.
struct CheckJson {
    /// The file's path; `null` for a database.
    file: Option<String>,
    /// The database source; `null` for a file.
    source: Option<String>,
    /// The format, in words.
    format: &'static str,
    /// The database engine; `null` for a file.
    engine: Option<&'static str>,
    /// The database summary's name, when one is read; `null` otherwise.
    summary: Option<String>,
    /// Events: a file's events, a table's rows (each row is one event).
    events: u64,
    /// Lanes (actors).
    actors: usize,
    /// A database's lanes and their rows; `null` for a file.
    lanes: Option<Vec<(String, u64)>>,
    /// Periods (eras) of a file.
    periods: usize,
    /// The first and last day any event touches.
    range: Option<(String, String)>,
    /// Warnings, in words.
    warnings: Vec<String>,
    /// What the notes file holds.
    notes: crate::notes::Summary,
    /// The notes file, when there is one.
    notes_file: Option<String>,
    /// Why the notes could not be read.
    notes_problem: Option<String>,
}

fn check_json(c: CheckJson) -> serde_json::Value {
    serde_json::json!({
        "file": c.file,
        "source": c.source,
        "format": c.format,
        "engine": c.engine,
        "summary": c.summary,
        "events": c.events,
        "actors": c.actors,
        "lanes": c.lanes.map(|lanes| lanes
            .into_iter()
            .map(|(lane, events)| serde_json::json!({"lane": lane, "events": events}))
            .collect::<Vec<_>>()),
        "periods": c.periods,
        "start": c.range.as_ref().map(|r| r.0.clone()),
        "end": c.range.as_ref().map(|r| r.1.clone()),
        "warnings": c.warnings,
        "notes": c.notes,
        "notes_file": c.notes_file,
        "notes_problem": c.notes_problem,
    })
}

/// Writes `text` to standard output as it is, or with control characters escaped when standard
/// output is a terminal (file content may hold escape sequences that would drive the terminal).
///
/// A closed pipe (`swimline check FILE | head -1`) is not an error: the reader has what it
/// wanted, and the rest is dropped quietly. Returns whether everything was written.
pub fn print_out(text: &str) -> bool {
    use std::io::{IsTerminal as _, Write as _};
    let out = std::io::stdout();
    let shown = if out.is_terminal() {
        escape_controls(text)
    } else {
        std::borrow::Cow::Borrowed(text)
    };
    let mut lock = out.lock();
    lock.write_all(shown.as_bytes())
        .and_then(|()| lock.flush())
        .is_ok()
}

/// As [`print_out`], to standard error (always escaped when it is a terminal).
pub fn print_err(text: &str) {
    use std::io::{IsTerminal as _, Write as _};
    let err = std::io::stderr();
    let shown = if err.is_terminal() {
        escape_controls(text)
    } else {
        std::borrow::Cow::Borrowed(text)
    };
    let _ = err.lock().write_all(shown.as_bytes());
}

/// `text` with every control character but line ends and tabs written as `\u{1b}`, so no byte
/// of a file can move the cursor, change colours or retitle the terminal.
pub fn escape_controls(text: &str) -> std::borrow::Cow<'_, str> {
    let is_bad = |c: char| c.is_control() && c != '\n' && c != '\t';
    if !text.chars().any(is_bad) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        if is_bad(c) {
            let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

#[cfg(test)]
mod terminal_tests {
    use super::escape_controls;

    #[test]
    fn escape_sequences_from_a_file_are_shown_not_obeyed() {
        let title = "ok\u{1b}]0;owned\u{7}\u{1b}[2J line\n\tnext";
        assert_eq!(
            escape_controls(title),
            "ok\\u{1b}]0;owned\\u{7}\\u{1b}[2J line\n\tnext"
        );
        assert!(matches!(
            escape_controls("plain"),
            std::borrow::Cow::Borrowed(_)
        ));
    }
}
