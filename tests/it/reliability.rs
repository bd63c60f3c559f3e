//! The defects of the reliability issue, one test each, named after what broke: files where
//! nothing can be read, unclosed quotes, things that are not files, Rust names in messages, a
//! bad UTC offset that crashed the loader, and a saved session that cannot be read.

use std::path::Path;
use std::process::{Command, Output};
use std::time::{Duration, Instant};

use swimline::io::{LoadError, load_bytes, load_path};

use super::temp_dir;

/// `swimline ARGS`, killed (and the test failed) if it takes more than 20 seconds.
fn swimline(args: &[&std::ffi::OsStr]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_swimline"))
        .args(args)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("swimline: {e}"));
    let started = Instant::now();
    while child.try_wait().ok().flatten().is_none() {
        if started.elapsed() > Duration::from_secs(20) {
            let _ = child.kill();
            panic!("swimline {args:?} did not finish in 20 s");
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    child
        .wait_with_output()
        .unwrap_or_else(|e| panic!("swimline: {e}"))
}

fn check(path: &Path) -> (i32, String, String) {
    let out = swimline(&["check".as_ref(), path.as_os_str()]);
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn error_of(name: &str, text: &str) -> String {
    match load_bytes(name, text.as_bytes()) {
        Ok((dataset, format, warnings)) => panic!(
            "{name} loaded as {} with {} events and warnings {warnings:?}",
            format.name(),
            dataset.events.len()
        ),
        Err(e) => e.to_string(),
    }
}

#[test]
fn a_file_whose_every_record_is_bad_is_an_error_not_an_empty_timeline() {
    let cases = [
        (
            "bad-day.csv",
            "title,start\nA,2018-02-30\n",
            "bad-day.csv: no event could be read: 1 of 1 rows skipped — line 2: row 1, column \
             \"start\": expected the day as 2 digits from 01 to 28, found \"30\" (in \
             \"2018-02-30\")",
        ),
        (
            "month-13.json",
            r#"{"events":[{"start_date":{"year":2018,"month":13},"text":{"headline":"x"}}]}"#,
            "month-13.json: no event could be read: 1 of 1 items skipped — line 1, column 12: \
             events[0]: start date: expected the month as 2 digits from 01 to 12, \
             found \"13\"",
        ),
        (
            "unclosed.csv",
            "title,start\n\"A,2018\n",
            "unclosed.csv: no event could be read: 1 of 1 rows skipped — line 2: row 1: a quoted field opened on line 2 is never closed (the rest of the file was read \
             into it): close it with \"",
        ),
    ];
    let dir = temp_dir("nothing-read");
    for (name, text, expected) in cases {
        let message = error_of(name, text);
        assert_eq!(message, expected);
        // `check` fails on it, naming the file and the first problem.
        let path = dir.join(name);
        std::fs::write(&path, text).unwrap_or_else(|e| panic!("{e}"));
        let (code, stdout, stderr) = check(&path);
        assert_eq!(code, 1, "{name}: {stdout}{stderr}");
        assert!(stderr.contains("no event could be read"), "{stderr}");
        assert!(stderr.contains(name), "{stderr}");
    }
    // Several bad rows: counted, the first few listed.
    let many: String = std::iter::once("title,start\n".to_owned())
        .chain((1..=8).map(|i| format!("e{i},2018-0{i}-32\n")))
        .collect();
    let message = error_of("many.csv", &many);
    assert!(
        message
            .starts_with("many.csv: no event could be read: 8 of 8 rows skipped — line 2: row 1"),
        "{message}"
    );
    assert!(
        message.contains("many.csv:6: row 5, column \"start\""),
        "{message}"
    );
    assert!(message.ends_with("… and 3 more"), "{message}");
    assert_eq!(message.lines().count(), 6, "{message}");

    // A header and no rows is an empty timeline, not an error.
    let empty = load_bytes("header.csv", b"title,start\n");
    assert!(
        empty
            .as_ref()
            .is_ok_and(|(d, _, w)| d.events.is_empty() && w.is_empty())
    );
    // One good row among bad ones loads, with the bad one as a warning.
    let mixed = load_bytes("mixed.csv", b"title,start\nA,2018-02-30\nB,2018\n");
    assert!(mixed.is_ok_and(|(d, _, w)| d.events.len() == 1 && w.len() == 1));
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn an_unclosed_quote_is_reported_as_such_with_its_line() {
    // In the middle of a file: the rows before it load, the quote is named where it opens.
    let text = "title,start,description\nA,2018,fine\nB,2019,\"never closed\nC,2020,x\nD,2021,y\n";
    let loaded = load_bytes("q.csv", text.as_bytes());
    let Ok((dataset, _, warnings)) = loaded else {
        panic!("{:?}", loaded.err().map(|e| e.to_string()));
    };
    assert_eq!(dataset.events.len(), 1);
    let said: Vec<String> = warnings.iter().map(ToString::to_string).collect();
    assert_eq!(
        said,
        [
            "line 3: row 2: skipped: a quoted field opened on line 3 is never closed (the rest of \
          the file was read into it): close it with \""
        ]
    );
    // Doubled quotes inside a closed field are not an open quote.
    let fine = "title,start\n\"say \"\"hi\"\"\",2018\n\"multi\nline\",2019\n";
    assert!(
        load_bytes("ok.csv", fine.as_bytes())
            .is_ok_and(|(d, _, w)| d.events.len() == 2 && w.is_empty())
    );
}

#[test]
fn non_files_are_refused_at_once_and_huge_files_say_both_sizes() {
    let dir = temp_dir("non-files");
    // A FIFO blocks whoever opens it until a writer comes; a device never ends.
    let fifo = dir.join("pipe.csv");
    let made = Command::new("mkfifo").arg(&fifo).status();
    assert!(made.is_ok_and(|s| s.success()), "mkfifo");
    for (path, what) in [
        (fifo.as_path(), "a named pipe (FIFO)"),
        (Path::new("/dev/zero"), "a device"),
        (dir.as_path(), "a folder"),
    ] {
        let (code, _, stderr) = check(path);
        assert_eq!(code, 1, "{stderr}");
        assert!(
            stderr.contains(&format!("not a regular file but {what}")),
            "{stderr}"
        );
        let error = load_path(path).err();
        assert!(
            matches!(error, Some(LoadError::NotAFile { .. })),
            "{error:?}"
        );
    }
    // A file larger than this machine's memory (sparse: it takes no room on disk).
    let memory: u64 = std::fs::read_to_string("/proc/meminfo")
        .ok()
        .and_then(|m| {
            m.lines()
                .find(|l| l.starts_with("MemTotal:"))
                .and_then(|l| l.split_whitespace().nth(1)?.parse::<u64>().ok())
        })
        .map_or(0, |kb| kb * 1024);
    if memory > 0 {
        let huge = dir.join("huge.csv");
        let file = std::fs::File::create(&huge).unwrap_or_else(|e| panic!("{e}"));
        file.set_len(memory + (1 << 30))
            .unwrap_or_else(|e| panic!("{e}"));
        let (code, _, stderr) = check(&huge);
        assert_eq!(code, 1, "{stderr}");
        assert!(
            stderr.contains("the file is ") && stderr.contains("of memory"),
            "{stderr}"
        );
        let error = load_path(&huge).err();
        assert!(
            matches!(error, Some(LoadError::TooLarge { size_bytes, memory_bytes, .. })
                if size_bytes == memory + (1 << 30) && memory_bytes == memory),
            "{error:?}"
        );
    }
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn internal_names_never_leak_into_messages() {
    let message = error_of("nulls.json", r#"{"format":"swimline/1","events":[null]}"#);
    assert_eq!(
        message,
        "nulls.json:1:37: events[0]: expected an event object, found null"
    );
    let message = error_of("actor.json", r#"{"format":"swimline/1","actors":[3]}"#);
    assert_eq!(
        message,
        "actor.json:1:34: actors[0]: expected an actor object, found integer 3"
    );
    // No message of any bad fixture or fuzz input names a Rust type or uses Rust's quotes.
    let mut files = Vec::new();
    for folder in [
        "tests/fixtures/bad",
        "tests/fixtures/fuzz",
        "fuzz/regressions",
    ] {
        let dir = super::root().join(folder);
        if let Ok(entries) = std::fs::read_dir(&dir) {
            files.extend(entries.filter_map(Result::ok).map(|e| e.path()));
        }
    }
    assert!(files.len() > 10, "{files:?}");
    for path in files {
        let bytes = std::fs::read(&path).unwrap_or_default();
        let name = path.display().to_string();
        let said = match load_bytes(&name, &bytes) {
            Ok((_, _, warnings)) => warnings.iter().map(ToString::to_string).collect(),
            Err(e) => e.to_string(),
        };
        for leak in ["Raw", "struct ", "enum ", "`"] {
            assert!(!said.contains(leak), "{name} says {leak:?}: {said}");
        }
    }
}

#[test]
fn a_bad_utc_offset_with_a_multibyte_character_is_an_error_not_a_crash() {
    let text = "title,start\nA,2018-01-04T14+[Ԏq\n";
    let message = error_of("offset.csv", text);
    assert!(
        message.contains("expected a UTC offset as +HH:MM, +HHMM or Z"),
        "{message}"
    );
    let dir = temp_dir("offset");
    let path = dir.join("offset.csv");
    std::fs::write(&path, text).unwrap_or_else(|e| panic!("{e}"));
    let (code, _, stderr) = check(&path);
    assert_eq!(code, 1, "a panic exits 101: {stderr}");
    for time in [
        "2018-01-04T14+Ԏ",
        "2018-01-04T14:00+é1",
        "2018-01-04T14-ab:cd",
        "2018-01-04T14+1é",
    ] {
        assert!(
            time.parse::<swimline::model::FuzzyDate>().is_err(),
            "{time}"
        );
    }
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn an_unreadable_saved_session_is_ignored_said_once_and_kept_until_a_change() {
    use swimline::ui::{Command, ScriptedDialogs, SessionStore, SwimlineApp};
    let dir = temp_dir("unreadable-session");
    let path = dir.join("session.json");
    // Cut short, as a crash of an older version might have left it.
    let broken = b"{\n  \"recent_files\": [\n    \"/home/analyst/a.csv\",\n";
    std::fs::write(&path, broken).unwrap_or_else(|e| panic!("{e}"));
    let loaded = swimline::io::load_default().unwrap_or_else(|e| panic!("{e}"));
    let mut app = SwimlineApp::new(loaded, None, Box::new(ScriptedDialogs::default()))
        .with_session_store(SessionStore::open(path.clone()), true);
    // The app starts with the defaults and says so in the status bar.
    assert_eq!(app.dataset().events.len(), 16);
    assert!(app.persisted().recent_files.is_empty());
    let status = app.status().to_owned();
    assert!(
        status.starts_with(&format!(
            "The saved session {} could not be read",
            path.display()
        )),
        "{status}"
    );
    assert!(status.contains("line 4"), "{status}");
    // Saving before the user changed anything leaves the file as it was.
    app.save_session();
    assert_eq!(std::fs::read(&path).ok().as_deref(), Some(&broken[..]));
    // A change: the session is written, and the unreadable file kept beside it.
    app.apply(Command::ZoomToFit, &egui::Context::default());
    app.save_session();
    let opened = SessionStore::open(path.clone());
    assert!(opened.ignored.is_none() && opened.is_found);
    assert_eq!(
        std::fs::read(dir.join("session.json.unreadable"))
            .ok()
            .as_deref(),
        Some(&broken[..])
    );
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn the_command_line_follows_clap_and_completes_in_bash_zsh_and_fish() {
    for (shell, says) in [
        ("bash", "complete -F _swimline"),
        ("zsh", "#compdef swimline"),
        ("fish", "complete -c swimline"),
    ] {
        let out = swimline(&["completions".as_ref(), shell.as_ref()]);
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(out.status.success(), "{shell}");
        assert!(text.contains(says), "{shell}: {text}");
        for sub in ["check", "render", "brief", "generate"] {
            assert!(text.contains(sub), "{shell} completes {sub}");
        }
    }
    // Usage errors: clap's message and exit status 2; values checked in the user's words.
    let out = swimline(&["check".as_ref(), "--wat".as_ref()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("unexpected argument '--wat'"));
    let out = swimline(&[
        "check".as_ref(),
        "x.csv".as_ref(),
        "--tz".as_ref(),
        "Mars/Olympus".as_ref(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&out.stderr)
            .contains("expected an IANA time zone, as Europe/Kyiv or UTC"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = swimline(&["--help".as_ref()]);
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).contains("duckdb:PATH"));
    // A source string with a password is refused before anything connects.
    let out = swimline(&[
        "check".as_ref(),
        "postgresql://ana:secret@127.0.0.1:1/x?table=t".as_ref(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("PGPASSWORD"));
}
