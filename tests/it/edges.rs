//! The defects of "correct at the edges" (#22), one test each, named after what broke: a
//! closed pipe, quadratic renaming, units a format documents, dates people write, files that
//! are not what they seem, and exports that must never write over what the user opened.
//! Hostile files are made here by the tests, not copied.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use super::{root, temp_dir};

/// `swimline ARGS`, killed (and the test failed) if it takes more than 30 seconds.
fn swimline(args: &[&std::ffi::OsStr]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_swimline"))
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("swimline: {e}"));
    let started = Instant::now();
    while child.try_wait().ok().flatten().is_none() {
        if started.elapsed() > Duration::from_secs(30) {
            let _ = child.kill();
            panic!("swimline {args:?} did not finish in 30 s");
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    child
        .wait_with_output()
        .unwrap_or_else(|e| panic!("swimline: {e}"))
}

fn os(s: &str) -> &std::ffi::OsStr {
    s.as_ref()
}

fn bundled() -> PathBuf {
    root().join("data/russia-taliban-2018.json")
}

#[test]
fn check_into_a_closed_pipe_ends_quietly_not_with_a_panic() {
    // As `swimline check FILE FILE | head -0`: the reader is gone before anything is written.
    let data = bundled();
    let mut child = Command::new(env!("CARGO_BIN_EXE_swimline"))
        .args([
            os("check"),
            data.as_os_str(),
            data.as_os_str(),
            data.as_os_str(),
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("swimline: {e}"));
    drop(child.stdout.take());
    let out = child
        .wait_with_output()
        .unwrap_or_else(|e| panic!("swimline: {e}"));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        !stderr.contains("panicked") && out.status.code() != Some(101),
        "{:?}: {stderr}",
        out.status
    );
}

/// Quote marks and runs of white space as one form, so a quote compares with its source by
/// its words and punctuation only.
fn normalised_quote(text: &str) -> String {
    let marks: String = text
        .chars()
        .map(|c| match c {
            '\u{201c}' | '\u{201d}' | '\u{201e}' | '\u{ab}' | '\u{bb}' => '"',
            '\u{2018}' | '\u{2019}' => '\'',
            c => c,
        })
        .collect();
    marks.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn every_quote_in_the_bundled_data_is_verbatim_from_the_report() {
    let article = normalised_quote(
        &std::fs::read_to_string(root().join("../shared/seed/article.txt"))
            .unwrap_or_else(|e| panic!("the seed report: {e}")),
    );
    let mut checked = 0;
    for entry in std::fs::read_dir(root().join("data")).unwrap_or_else(|e| panic!("data/: {e}")) {
        let path = entry.unwrap_or_else(|e| panic!("data/: {e}")).path();
        if path.extension().and_then(|e| e.to_str()) != Some("json") {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{e}"));
        let value: serde_json::Value =
            serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let events = value["events"].as_array().cloned().unwrap_or_default();
        for event in events {
            let Some(quote) = event["source"]["quote"].as_str() else {
                continue;
            };
            // A cut is marked with "…"; the parts must appear in the report in their order.
            let mut from = 0;
            for part in quote.split('\u{2026}') {
                let part = normalised_quote(part);
                if part.is_empty() {
                    continue;
                }
                let found = article[from..].find(&part).unwrap_or_else(|| {
                    panic!(
                        "{}: the quote of {} is not verbatim: {part:?}",
                        path.display(),
                        event["id"]
                    )
                });
                from += found + part.len();
            }
            checked += 1;
        }
    }
    assert!(checked >= 16, "only {checked} quotes checked");
}

#[test]
fn identical_rows_without_ids_load_in_linear_time() {
    // 40k identical rows took over two minutes (each repeat was renamed by counting from #2
    // and compared with every earlier row of its hash). 60k must take a few seconds even in a
    // debug build; the bound only catches the quadratic return, the bench measures the speed.
    let rows = 60_000;
    let mut text = String::from("title,start,actors\n");
    for _ in 0..rows {
        text.push_str("The same row,2018-03-23,Russia\n");
    }
    let started = Instant::now();
    let (dataset, _, _) =
        swimline::io::load_bytes("same.csv", text.as_bytes()).unwrap_or_else(|e| panic!("{e}"));
    let took = started.elapsed();
    assert_eq!(dataset.events.len(), rows);
    let ids: std::collections::HashSet<&str> = dataset.events.iter().map(|e| e.id()).collect();
    assert_eq!(ids.len(), rows, "every repeat has an id of its own");
    let first = dataset.events.at(0).id().to_owned();
    assert_eq!(dataset.events.at(1).id(), format!("{first}#2"));
    assert_eq!(dataset.events.at(rows - 1).id(), format!("{first}#{rows}"));
    assert!(took < Duration::from_secs(30), "{took:?}");
}

#[test]
fn repeated_vis_timeline_ids_are_renamed_in_linear_time() {
    let rows = 30_000;
    let items: Vec<String> = (0..rows)
        .map(|_| r#"{"id":"x","content":"Same","start":"2018-03-23"}"#.to_owned())
        .collect();
    let text = format!("[{}]", items.join(","));
    let started = Instant::now();
    let loaded = swimline::io::load_bytes("same.json", text.as_bytes());
    let took = started.elapsed();
    let (dataset, _, warnings) = loaded.unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(dataset.events.len(), rows);
    assert_eq!(dataset.events.at(rows - 1).id(), format!("x#{rows}"));
    assert_eq!(warnings.len(), rows - 1);
    assert!(took < Duration::from_secs(30), "{took:?}");
}

#[test]
fn plaso_timestamps_are_microseconds_whatever_their_size() {
    // A cookie expiring in 9999 is 253390508788000000 µs: read as nanoseconds by its size, it
    // was drawn in January 1978. Plaso documents microseconds; nothing is guessed.
    let text = std::fs::read_to_string(super::shared_data("plaso/json_line.jsonl"))
        .unwrap_or_else(|e| panic!("{e}"));
    let mut lines = Vec::new();
    for (n, line) in text.lines().take(3).enumerate() {
        let mut event: serde_json::Value =
            serde_json::from_str(line).unwrap_or_else(|e| panic!("{e}"));
        if n == 1 {
            event["timestamp"] = serde_json::json!(253_390_508_788_000_000_i64);
            event["message"] = serde_json::json!("cookie expires");
        }
        lines.push(event.to_string());
    }
    let (dataset, format, warnings) =
        swimline::io::load_bytes("run.jsonl", lines.join("\n").as_bytes())
            .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(format, swimline::io::Format::PlasoJsonl);
    let cookie = dataset
        .events
        .iter()
        .find(|e| e.title() == "cookie expires")
        .unwrap_or_else(|| panic!("no cookie event"));
    assert!(
        cookie.time().to_string().starts_with("9999-08-17T12:26:28"),
        "{}",
        cookie.time()
    );
    assert!(warnings.is_empty(), "{warnings:?}");
}

#[test]
fn a_timesketch_timestamp_read_as_seconds_by_its_size_says_so() {
    let path = super::shared_data("timesketch/csv_timestamp_no_datetime.csv");
    let loaded = swimline::io::load_path(&path).unwrap_or_else(|e| panic!("{e}"));
    let said: Vec<String> = loaded.warnings.iter().map(ToString::to_string).collect();
    assert!(
        said.iter()
            .any(|w| w.contains("1658689261 read as seconds since 1970 (by its size")),
        "{said:?}"
    );
    assert!(
        said.iter().any(|w| w.contains("read as milliseconds")),
        "{said:?}"
    );
}

/// A socket listening on a free port of 127.0.0.1, and the port.
fn local_listener() -> (std::net::TcpListener, u16) {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap_or_else(|e| panic!("{e}"));
    let port = listener
        .local_addr()
        .unwrap_or_else(|e| panic!("{e}"))
        .port();
    (listener, port)
}

#[test]
fn a_port_that_accepts_and_never_answers_is_an_error_not_a_hang() {
    let (listener, port) = local_listener();
    // Accept every connection and say nothing, keeping the sockets open.
    std::thread::spawn(move || {
        let mut held = Vec::new();
        for stream in listener.incoming().flatten() {
            held.push(stream);
        }
    });
    let source = format!("postgresql://me@127.0.0.1:{port}/db?table=events");
    let started = Instant::now();
    let out = swimline(&[os("check"), os(&source)]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("did not answer within"), "{stderr}");
    assert!(started.elapsed() < Duration::from_secs(25));
}

/// libpq's `sslmode=prefer`: a server that offers TLS and then fails the handshake is tried
/// again in plain text. A fake server says yes to the TLS request, closes during the
/// handshake, and then records what the next connection opens with.
#[test]
fn prefer_tries_plain_text_after_a_failed_tls_handshake() {
    use std::io::{Read, Write};
    let (listener, port) = local_listener();
    // What each connection opened with: the 4-byte code after the length (80877103 asks
    // for TLS; 196608 is a plain startup message, protocol 3.0).
    let (sender, opened) = std::sync::mpsc::channel::<u32>();
    std::thread::spawn(move || {
        for mut stream in listener.incoming().flatten() {
            let mut head = [0u8; 8];
            if stream.read_exact(&mut head).is_err() {
                continue;
            }
            let code = u32::from_be_bytes([head[4], head[5], head[6], head[7]]);
            let _ = sender.send(code);
            if code == 80_877_103 {
                // Yes to TLS, then gone mid-handshake.
                let _ = stream.write_all(b"S");
                let mut hello = [0u8; 64];
                let _ = stream.read(&mut hello);
            }
            // Closing the socket ends this connection.
        }
    });
    for (mode, tries) in [("prefer", 2), ("require", 1)] {
        let source = format!("postgresql://me@127.0.0.1:{port}/db?table=events&sslmode={mode}");
        let out = swimline(&[os("check"), os(&source)]);
        assert_eq!(out.status.code(), Some(1));
        let mut codes = Vec::new();
        while let Ok(code) = opened.recv_timeout(Duration::from_secs(2)) {
            codes.push(code);
        }
        if tries == 2 {
            assert_eq!(
                codes,
                [80_877_103, 196_608],
                "{mode}: TLS asked, then plain"
            );
        } else {
            assert_eq!(codes, [80_877_103], "{mode}: never plain");
        }
    }
}

mod sheets {
    //! Spreadsheets that crashed or exhausted the app, made by `super::super::workbooks`.

    use std::time::{Duration, Instant};

    use super::super::workbooks::{
        XlsDamage, column_name, ods, ods_row, sheet_data, sound_rows, xls, xlsx,
    };
    use swimline::io::load_bytes;

    /// Loads `bytes` as `name` and returns the error's words, failing on success.
    fn refused(name: &str, bytes: &[u8]) -> String {
        match load_bytes(name, bytes) {
            Ok((dataset, _, _)) => panic!("{name} loaded {} events", dataset.events.len()),
            Err(e) => e.to_string(),
        }
    }

    #[test]
    fn a_sound_xls_made_here_loads() {
        let (dataset, _, _) = load_bytes("events.xls", &xls(&sound_rows(), XlsDamage::None))
            .unwrap_or_else(|e| panic!("{e}"));
        let mut titles: Vec<&str> = dataset.events.iter().map(|e| e.title()).collect();
        titles.sort_unstable();
        assert_eq!(
            titles,
            [
                "Aid to Pakistan suspended",
                "Nicholson speaks to the BBC",
                "Russia denies it"
            ]
        );
    }

    #[test]
    fn a_cut_xls_is_an_error_in_words_not_a_crash() {
        let whole = xls(&sound_rows(), XlsDamage::None);
        // Cut at every 256 bytes from the end, as a download cut short would.
        for cut in (256..whole.len()).step_by(256) {
            let part = &whole[..whole.len() - cut];
            if let Err(e) = load_bytes("cut.xls", part) {
                let said = e.to_string();
                assert!(said.starts_with("cut.xls"), "{said}");
                assert!(
                    !said.contains("panicked") && !said.contains("Error"),
                    "{said}"
                );
            }
        }
    }

    #[test]
    fn an_xls_whose_sector_chains_loop_is_refused_at_once() {
        for damage in [XlsDamage::DirectoryLoop, XlsDamage::StreamLoop] {
            let started = Instant::now();
            let said = refused("loop.xls", &xls(&sound_rows(), damage));
            assert!(said.contains("loops back on itself"), "{damage:?}: {said}");
            assert!(started.elapsed() < Duration::from_secs(5));
        }
    }

    #[test]
    fn an_xls_sheet_larger_than_the_format_allows_is_refused() {
        let said = refused("huge.xls", &xls(&sound_rows(), XlsDamage::HugeDimensions));
        assert!(said.contains("beyond the 65,536 rows"), "{said}");
    }

    #[test]
    fn an_xlsx_cell_at_xfd1048576_takes_no_more_than_its_cells() {
        let mut data = sheet_data(&sound_rows());
        data.push_str(&format!(
            "<row r=\"1048576\"><c r=\"{}1048576\" t=\"inlineStr\"><is><t>x</t></is></c></row>",
            column_name(16_383)
        ));
        assert_eq!(column_name(16_383), "XFD");
        let started = Instant::now();
        let loaded = load_bytes("far.xlsx", &xlsx(&data, None));
        assert!(started.elapsed() < Duration::from_secs(20));
        let (dataset, _, _) = loaded.unwrap_or_else(|e| panic!("{e}"));
        assert!(
            dataset
                .events
                .iter()
                .any(|e| e.title() == "Russia denies it")
        );
    }

    #[test]
    fn a_shared_strings_count_of_four_billion_is_refused() {
        let strings = "<?xml version=\"1.0\"?><sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" count=\"1\" uniqueCount=\"4000000000\"><si><t>title</t></si></sst>";
        let data = "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c></row>";
        let said = refused("strings.xlsx", &xlsx(data, Some(strings)));
        assert!(said.contains("4000000000 strings"), "{said}");
    }

    #[test]
    fn a_workbook_that_inflates_a_thousandfold_is_refused() {
        let mut data = sheet_data(&sound_rows());
        data.push_str(&" ".repeat(80 << 20));
        let bytes = xlsx(&data, None);
        assert!(bytes.len() < 1 << 20, "{} bytes", bytes.len());
        let said = refused("bomb.xlsx", &bytes);
        assert!(
            said.contains("far more than a workbook compresses by"),
            "{said}"
        );
    }

    #[test]
    fn blank_rows_of_a_sheet_give_no_warning_as_in_a_csv() {
        let rows = [
            ods_row(&["title", "start", "actors"], None),
            ods_row(&["First", "2018-03-23", "russia"], None),
            "<table:table-row table:number-rows-repeated=\"3\"><table:table-cell/></table:table-row>"
                .to_owned(),
            ods_row(&["Second", "2018-03-24", "russia"], None),
        ]
        .concat();
        let (dataset, _, warnings) =
            load_bytes("blank.ods", &ods(&rows)).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(dataset.events.len(), 2);
        assert!(warnings.is_empty(), "{warnings:?}");
        let mut data = sheet_data(&sound_rows());
        data.push_str("<row r=\"12\"><c r=\"A12\" t=\"inlineStr\"><is><t>Late</t></is></c><c r=\"B12\" t=\"inlineStr\"><is><t>2019</t></is></c></row>");
        let (dataset, _, warnings) =
            load_bytes("gaps.xlsx", &xlsx(&data, None)).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(dataset.events.len(), 4);
        assert!(warnings.is_empty(), "{warnings:?}");
    }

    #[test]
    fn an_ods_of_repeated_rows_loads_every_row_in_linear_time() {
        let repeats = 100_000;
        let rows = [
            ods_row(&["title", "start", "actors"], None),
            ods_row(&["The same row", "2018-03-23", "russia"], Some(repeats)),
        ]
        .concat();
        let bytes = ods(&rows);
        assert!(bytes.len() < 4096);
        let started = Instant::now();
        let (dataset, _, _) = load_bytes("repeated.ods", &bytes).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(dataset.events.len(), repeats as usize);
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "{:?}",
            started.elapsed()
        );
    }
}

#[test]
fn a_gdelt_zip_that_inflates_far_past_its_size_is_refused() {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    zip.start_file(
        "20191024.export.CSV",
        zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated)
            .compression_level(Some(9)),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let line = "\t".repeat(60);
    for _ in 0..(80 << 20) / 61 {
        std::io::Write::write_all(&mut zip, line.as_bytes()).unwrap_or_else(|e| panic!("{e}"));
        std::io::Write::write_all(&mut zip, b"\n").unwrap_or_else(|e| panic!("{e}"));
    }
    let bytes = zip.finish().unwrap_or_else(|e| panic!("{e}")).into_inner();
    let dir = temp_dir("gdelt-bomb");
    let path = dir.join("20191024.export.CSV.zip");
    std::fs::write(&path, &bytes).unwrap_or_else(|e| panic!("{e}"));
    let said = swimline::io::load_path(&path)
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default();
    assert!(said.contains("far more than data compresses by"), "{said}");
    let _ = std::fs::remove_dir_all(&dir);
}

/// A copy of the bundled dataset in a folder of its own.
fn data_copy(dir: &Path) -> PathBuf {
    let data = dir.join("report.json");
    std::fs::copy(bundled(), &data).unwrap_or_else(|e| panic!("{e}"));
    data
}

#[test]
fn no_export_writes_over_the_data_its_notes_or_a_device_even_forced() {
    let dir = temp_dir("protected");
    let data = data_copy(&dir);
    let notes = dir.join("report.json.swimline-notes.json");
    let notes_text = r#"{"format":"swimline-notes/1","events":{"russia-denies":{"starred":true}}}"#;
    std::fs::write(&notes, notes_text).unwrap_or_else(|e| panic!("{e}"));
    let data_before = std::fs::read(&data).unwrap_or_default();
    for args in [
        vec![
            os("brief"),
            data.as_os_str(),
            os("-o"),
            notes.as_os_str(),
            os("--force"),
        ],
        vec![
            os("brief"),
            data.as_os_str(),
            os("-o"),
            data.as_os_str(),
            os("--force"),
        ],
        vec![
            os("render"),
            data.as_os_str(),
            os("-o"),
            notes.as_os_str(),
            os("--force"),
        ],
    ] {
        let out = swimline(&args);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_ne!(out.status.code(), Some(0), "{args:?}: {stderr}");
        assert!(stderr.contains("never writes"), "{args:?}: {stderr}");
    }
    assert_eq!(
        std::fs::read_to_string(&notes).unwrap_or_default(),
        notes_text
    );
    assert_eq!(std::fs::read(&data).unwrap_or_default(), data_before);

    // A named pipe is not a file: it is never replaced by one.
    let fifo = dir.join("pipe.md");
    let made = Command::new("mkfifo").arg(&fifo).status();
    if made.is_ok_and(|s| s.success()) {
        let out = swimline(&[
            os("brief"),
            data.as_os_str(),
            os("-o"),
            fifo.as_os_str(),
            os("--force"),
        ]);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_ne!(out.status.code(), Some(0), "{stderr}");
        assert!(stderr.contains("not a regular file"), "{stderr}");
        let kind = std::fs::symlink_metadata(&fifo).map(|m| m.file_type());
        assert!(kind.is_ok_and(|k| !k.is_file()), "the pipe is still a pipe");
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_notes_file_that_is_a_pipe_does_not_block_check_brief_or_render() {
    let dir = temp_dir("notes-fifo");
    let data = data_copy(&dir);
    let notes = dir.join("report.json.swimline-notes.json");
    let made = Command::new("mkfifo").arg(&notes).status();
    if !made.is_ok_and(|s| s.success()) {
        return;
    }
    let out = swimline(&[os("check"), data.as_os_str()]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{stdout}");
    assert!(stdout.contains("named pipe"), "{stdout}");
    let brief = dir.join("brief.md");
    let out = swimline(&[os("brief"), data.as_os_str(), os("-o"), brief.as_os_str()]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("could not be read"), "{stderr}");
    assert!(!brief.exists());
    let png = dir.join("starred.svg");
    let out = swimline(&[
        os("render"),
        data.as_os_str(),
        os("-o"),
        png.as_os_str(),
        os("--starred"),
    ]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("could not be read"), "{stderr}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_notes_file_with_an_event_noted_twice_is_reported_and_kept_aside() {
    let dir = temp_dir("notes-twice");
    let data = data_copy(&dir);
    let notes = dir.join("report.json.swimline-notes.json");
    let text = r#"{"format":"swimline-notes/1","events":{
        "russia-denies":{"starred":true,"note":"first"},
        "russia-denies":{"note":"second"}}}"#;
    std::fs::write(&notes, text).unwrap_or_else(|e| panic!("{e}"));
    let out = swimline(&[os("check"), data.as_os_str()]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("\"russia-denies\" is written twice"),
        "{stdout}"
    );
    // Nothing was written over it.
    assert_eq!(std::fs::read_to_string(&notes).unwrap_or_default(), text);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_title_of_a_megabyte_renders_as_png_in_moments() {
    let dir = temp_dir("huge-title");
    let text = std::fs::read_to_string(bundled()).unwrap_or_default();
    let mut value: serde_json::Value = serde_json::from_str(&text).unwrap_or_default();
    value["title"] = serde_json::json!("Taliban ".repeat(130_000));
    let data = dir.join("long.json");
    std::fs::write(&data, value.to_string()).unwrap_or_else(|e| panic!("{e}"));
    for name in ["long.png", "long.pdf"] {
        let out_path = dir.join(name);
        let out = swimline(&[
            os("render"),
            data.as_os_str(),
            os("-o"),
            out_path.as_os_str(),
        ]);
        assert_eq!(
            out.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(out_path.exists());
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn years_as_archaeologists_write_them_are_years_and_a_single_letter_is_not() {
    let text =
        "title,start\nSiege,-500/-500\nFounding,-205/-195\nCouncil,800\nBattle,-500\nMarked,x\n";
    let (dataset, _, warnings) =
        swimline::io::load_bytes("years.csv", text.as_bytes()).unwrap_or_else(|e| panic!("{e}"));
    let time = |title: &str| {
        dataset
            .events
            .iter()
            .find(|e| e.title() == title)
            .map(|e| e.time().to_string())
            .unwrap_or_else(|| panic!("no {title}: {warnings:?}"))
    };
    assert_eq!(time("Siege"), "-0500/-0500");
    assert_eq!(time("Founding"), "-0205/-0195");
    assert_eq!(time("Council"), "0800");
    assert_eq!(time("Battle"), "-0500");
    assert_eq!(dataset.events.len(), 4, "the lone x is not a date");
    let said: Vec<String> = warnings.iter().map(ToString::to_string).collect();
    assert!(
        said.iter()
            .any(|w| w.contains("line 6") && w.contains("first digits")),
        "{said:?}"
    );
}

#[test]
fn brief_and_render_find_the_notes_the_window_keeps_for_the_built_in_dataset() {
    let home = temp_dir("cli-agrees");
    let notes_dir = home.join("swimline/notes");
    std::fs::create_dir_all(&notes_dir).unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(
        notes_dir.join("built-in.swimline-notes.json"),
        r#"{"format":"swimline-notes/1","events":{"russia-denies":{"starred":true}}}"#,
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let run = |args: &[&std::ffi::OsStr]| {
        Command::new(env!("CARGO_BIN_EXE_swimline"))
            .args(args)
            .env("XDG_DATA_HOME", &home)
            .output()
            .unwrap_or_else(|e| panic!("{e}"))
    };
    let brief = home.join("brief.md");
    let data = bundled();
    let out = run(&[os("brief"), data.as_os_str(), os("-o"), brief.as_os_str()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("the brief of 1 starred events"),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    // brief, like render, takes the built-in dataset when no file is named.
    let brief2 = home.join("brief2.md");
    let out = run(&[os("brief"), os("-o"), brief2.as_os_str()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let svg = home.join("starred.svg");
    let out = run(&[os("render"), os("-o"), svg.as_os_str(), os("--starred")]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let drawn = std::fs::read_to_string(&svg).unwrap_or_default();
    assert!(
        drawn.contains("Russia denies"),
        "the starred denial is drawn"
    );

    // With nothing starred, --starred is an error that says why, not an empty chart.
    let empty = temp_dir("cli-agrees-none");
    let svg = empty.join("none.svg");
    let out = Command::new(env!("CARGO_BIN_EXE_swimline"))
        .args([os("render"), os("-o"), svg.as_os_str(), os("--starred")])
        .env("XDG_DATA_HOME", &empty)
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(out.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("no event is starred"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(!svg.exists());
    let _ = std::fs::remove_dir_all(&home);
    let _ = std::fs::remove_dir_all(&empty);
}
