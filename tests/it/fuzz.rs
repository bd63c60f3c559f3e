//! No input may panic a loader. Property tests throw random bytes, and real files cut short or
//! mutated byte by byte, at `load_bytes`; every call must return `Ok` or an error, never panic.
//! Inputs that once taught us something stay in `tests/fixtures/fuzz/` and are replayed here.

use proptest::prelude::{Just, ProptestConfig, any, prop, prop_assert_eq, prop_oneof, proptest};
use proptest::strategy::Strategy;
use swimline::io::{Format, LoadOptions, load_bytes, load_bytes_as};

use super::root;

/// Real files of every format, as seeds for mutation.
fn seeds() -> Vec<Vec<u8>> {
    let names = [
        "data/russia-taliban-2018.json",
        "tests/fixtures/good/relative-chain.json",
        "../shared/data/timelinejs3/eras.json",
        "../shared/data/timelinejs3/legacy_tl2_example.json",
        "../shared/data/timelinejs3/my-own-timeline.csv",
        "../shared/data/vis-timeline/basic.json",
        "../shared/data/timesketch/sigma_events.csv",
        "tests/fixtures/acled/synthetic.csv",
        "../shared/data/plaso/l2tcsv-utc.csv",
        "../shared/data/plaso/json_line.jsonl",
        "../shared/data/spreadsheets/timelinejs-sheet-jefferson.xlsx",
        "../shared/data/spreadsheets/programmes-with-owners.xlsx",
    ];
    names
        .iter()
        .map(|n| std::fs::read(root().join(n)).unwrap_or_else(|e| panic!("{n}: {e}")))
        .collect()
}

/// Bytes that matter to the parsers.
fn interesting_byte() -> impl Strategy<Value = u8> {
    prop_oneof![
        any::<u8>(),
        prop::sample::select(b"{}[]\",:\n\r-/@~?%.XTZ+0123456789PMDY".to_vec()),
        Just(0xE9u8),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn random_bytes_never_panic(bytes in prop::collection::vec(interesting_byte(), 0..300)) {
        let _ = load_bytes("fuzz", &bytes);
    }

    #[test]
    fn mutated_real_files_never_panic(
        seed in 0usize..12,
        cut in 0.0f64..1.0,
        edits in prop::collection::vec((0.0f64..1.0, interesting_byte()), 0..12),
    ) {
        let mut bytes = seeds()[seed].clone();
        for (at, byte) in edits {
            let i = ((bytes.len() as f64) * at) as usize;
            if i < bytes.len() {
                bytes[i] = byte;
            }
        }
        let keep = ((bytes.len() as f64) * cut) as usize;
        bytes.truncate(keep.max(1));
        let _ = load_bytes("fuzz", &bytes);
    }

    #[test]
    fn random_dates_never_panic(text in "[-+@{}Y0-9X./~?%TZ:PMDWHS\\[\\] ]{0,40}") {
        let _ = text.parse::<swimline::model::TimeSpec>();
    }

    /// The event store keeps a time as text and parses it again for the details panel (and
    /// the importers that build times from parts write them with `Display`): whatever parses
    /// must read back the same after being written.
    #[test]
    fn times_read_back_as_written(text in time_text()) {
        if let Ok(time) = text.parse::<swimline::model::TimeSpec>() {
            let written = time.to_string();
            prop_assert_eq!(written.parse::<swimline::model::TimeSpec>(), Ok(time), "{} → {}", text, written);
        }
    }
}

/// The generator's forms parse (so the property above is not empty) and read back.
#[test]
fn every_form_of_time_reads_back() {
    for text in [
        "2018-03-04T10:20:30Z~",
        "-0044-03-15?",
        "Y-12345",
        "Y170000000",
        "201X",
        "19XX%",
        "[2018-01..2018-06]",
        "@{e1.start}-P2Y..-P1M",
        "@{e1.end}+P3D",
        "@{e1}",
        "../2018",
        "2018?/..",
        "2016~/@{e1}",
    ] {
        let time: Result<swimline::model::TimeSpec, _> = text.parse();
        let Ok(time) = time else {
            panic!("{text} does not parse: {:?}", time.err());
        };
        assert_eq!(time.to_string().parse(), Ok(time), "{text}");
    }
}

/// Times in the notation of the native format, from their parts: dates of every precision
/// with qualifiers, ranges, relative dates, open and unknown ends, intervals.
fn time_text() -> impl Strategy<Value = String> {
    let year = prop_oneof![
        (0i64..3000).prop_map(|y| format!("{y:04}")),
        (1i64..9999).prop_map(|y| format!("-{y:04}")),
        (10_000i64..20_000_000_000).prop_map(|y| format!("Y{y}")),
        (1i64..100_000).prop_map(|y| format!("Y-{y}")),
        (100i64..300).prop_map(|d| format!("{d}X")),
        (10i64..30).prop_map(|c| format!("{c}XX")),
    ];
    let date = (
        year,
        0u8..14,
        0u8..33,
        prop::option::of((0u8..25, 0u8..61, 0u8..61)),
        0usize..5,
    )
        .prop_map(|(year, month, day, time, qualifier)| {
            let mut text = year;
            if month > 0 {
                text.push_str(&format!("-{month:02}"));
                if day > 0 {
                    text.push_str(&format!("-{day:02}"));
                    if let Some((h, m, s)) = time {
                        text.push_str(&format!("T{h:02}:{m:02}:{s:02}Z"));
                    }
                }
            }
            text + ["", "~", "?", "%", ""][qualifier]
        });
    let duration = (
        1u32..40,
        prop_oneof![Just("Y"), Just("M"), Just("D"), Just("W")],
    )
        .prop_map(|(n, unit)| format!("P{n}{unit}"));
    let endpoint = prop_oneof![
        4 => date.clone(),
        1 => (date.clone(), date).prop_map(|(a, b)| format!("[{a}..{b}]")),
        1 => (0usize..3, duration.clone(), duration, any::<bool>()).prop_map(
            |(anchor, a, b, range)| {
                let anchor = ["", "start", "end"][anchor];
                let target = if anchor.is_empty() {
                    "@{e1}".to_owned()
                } else {
                    format!("@{{e1.{anchor}}}")
                };
                if range { format!("{target}-{a}..-{b}") } else { format!("{target}+{a}") }
            }
        ),
        1 => Just("..".to_owned()),
    ];
    (endpoint.clone(), prop::option::of(endpoint)).prop_map(|(a, b)| match b {
        Some(b) => format!("{a}/{b}"),
        None => a,
    })
}

/// What loading `bytes` (named `name`) gives, in one line per problem: how it loads, or the
/// error. Compared with a file's `.expected`.
pub fn outcome(name: &str, bytes: &[u8]) -> String {
    match load_bytes(name, bytes) {
        Ok((dataset, format, warnings)) => format!(
            "loads as {}: {} events, {} warnings",
            format.name(),
            dataset.events.len(),
            warnings.len()
        ),
        Err(e) => e.to_string(),
    }
}

/// Each file in `tests/fixtures/fuzz/` once found a bug or gave a wrong answer; each gives what
/// its `NAME.expected` says (the error's text, or how many events and warnings it loads with).
#[test]
fn the_corpus_of_past_failures_gives_what_each_expects() {
    let dir = root().join("tests/fixtures/fuzz");
    let mut count = 0;
    for entry in std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
        let path = entry.map(|e| e.path()).unwrap_or_default();
        if path
            .extension()
            .is_some_and(|x| x == "md" || x == "expected")
        {
            continue;
        }
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let bytes = std::fs::read(&path).unwrap_or_default();
        let expected_path = dir.join(format!("{name}.expected"));
        let expected = std::fs::read_to_string(&expected_path)
            .unwrap_or_else(|e| panic!("{}: {e}", expected_path.display()));
        assert_eq!(outcome(&name, &bytes), expected.trim_end(), "{name}");
        count += 1;
    }
    assert_eq!(count, 3);
}

/// The fuzz targets of `fuzz/`, and the format each reads (`None`: through detection).
const FUZZ_LOADERS: [(&str, Option<Format>); 10] = [
    ("load_any", None),
    ("load_swimline_json", Some(Format::Swimline)),
    ("load_swimline_csv", Some(Format::SwimlineCsv)),
    ("load_timelinejs", Some(Format::TimelineJs)),
    ("load_timelinejs2", Some(Format::TimelineJsLegacy)),
    ("load_timelinejs_csv", Some(Format::TimelineJsCsv)),
    ("load_vis_timeline", Some(Format::VisTimeline)),
    ("load_acled", Some(Format::Acled)),
    ("load_timesketch_csv", Some(Format::TimesketchCsv)),
    ("load_timesketch_jsonl", Some(Format::TimesketchJsonl)),
];

/// The fuzz targets that read bytes as a file of a given name (spreadsheets and zips, through
/// the spreadsheet guard and calamine), and that name.
const FUZZ_FILES: [(&str, &str); 4] = [
    ("load_xls", "fuzz.xls"),
    ("load_xlsx", "fuzz.xlsx"),
    ("load_ods", "fuzz.ods"),
    ("load_gdelt_zip", "20191024143000.export.CSV.zip"),
];

/// What fuzz target `target` does with `bytes`, as one line of text (it panics where the
/// target would report a crash).
fn run_fuzz_target(target: &str, bytes: &[u8]) -> String {
    use swimline::model::TimeSpec;
    let said = |result: Result<
        (swimline::model::Dataset, Format, Vec<swimline::io::Problem>),
        swimline::io::LoadError,
    >| match result {
        Ok((dataset, format, warnings)) => {
            let text: Vec<String> = warnings.iter().map(ToString::to_string).collect();
            format!(
                "loads as {}: {} events, {} warnings{}",
                format.name(),
                dataset.events.len(),
                warnings.len(),
                text.first()
                    .map(|w| format!(" (first: {w})"))
                    .unwrap_or_default()
            )
        }
        Err(e) => e.to_string(),
    };
    if let Some((_, name)) = FUZZ_FILES.iter().find(|(t, _)| *t == target) {
        return said(load_bytes(name, bytes));
    }
    if let Some((_, format)) = FUZZ_LOADERS.iter().find(|(t, _)| *t == target) {
        return match format {
            None => said(load_bytes("fuzz", bytes)),
            Some(format) => said(load_bytes_as(
                "fuzz",
                bytes,
                *format,
                &LoadOptions::default(),
            )),
        };
    }
    let Ok(text) = std::str::from_utf8(bytes) else {
        return "not UTF-8".to_owned();
    };
    match target {
        "date" => match text.parse::<TimeSpec>() {
            Ok(time) => {
                let written = time.to_string();
                assert_eq!(
                    written.parse::<TimeSpec>().as_ref(),
                    Ok(&time),
                    "{text:?} → {written:?}"
                );
                format!("reads back as {written}")
            }
            Err(e) => e.to_string(),
        },
        "resolve" => {
            let times: Vec<TimeSpec> = text
                .lines()
                .take(64)
                .filter_map(|l| l.parse().ok())
                .collect();
            let ids: Vec<String> = (0..times.len()).map(|i| format!("e{i}")).collect();
            let id_refs: Vec<&str> = ids.iter().map(String::as_str).collect();
            let refs: Vec<&TimeSpec> = times.iter().collect();
            match swimline::model::resolve::resolve_times(&id_refs, &refs) {
                Ok(resolved) => {
                    assert!(
                        resolved.iter().all(|r| r.earliest() <= r.latest()),
                        "{text:?}"
                    );
                    format!("{} times resolve", resolved.len())
                }
                Err(errors) => errors
                    .first()
                    .map(|e| e.message.clone())
                    .unwrap_or_default(),
            }
        }
        other => panic!("no fuzz target {other}"),
    }
}

fn fuzz_targets() -> Vec<&'static str> {
    FUZZ_LOADERS
        .iter()
        .map(|(t, _)| *t)
        .chain(["date", "resolve"])
        .collect()
}

/// The targets whose findings are replayed but whose corpora are not committed (made from
/// workbooks the tests write, and large: `fuzz/run.sh` makes them).
fn regression_only_targets() -> impl Iterator<Item = &'static str> {
    FUZZ_FILES.iter().map(|(t, _)| *t)
}

fn files_of(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_file() && p.extension().is_none_or(|x| x != "expected"))
        .collect();
    files.sort();
    files
}

/// Every input a fuzzer found a crash, hang or wrong answer with (`fuzz/regressions/TARGET/`)
/// gives what its `.expected` says, through the same code as its target.
#[test]
fn the_fuzzers_findings_give_what_each_expects() {
    let mut count = 0;
    for target in fuzz_targets().into_iter().chain(regression_only_targets()) {
        for path in files_of(&root().join("fuzz/regressions").join(target)) {
            let bytes = std::fs::read(&path).unwrap_or_default();
            let expected_path = path.with_file_name(format!(
                "{}.expected",
                path.file_name()
                    .map(|n| n.to_string_lossy())
                    .unwrap_or_default()
            ));
            let expected = std::fs::read_to_string(&expected_path)
                .unwrap_or_else(|e| panic!("{}: {e}", expected_path.display()));
            assert_eq!(
                run_fuzz_target(target, &bytes),
                expected.trim_end(),
                "{}",
                path.display()
            );
            count += 1;
        }
    }
    assert!(count >= 1, "no regressions found");
}

/// The fuzzers' minimized corpora (`fuzz/corpus/TARGET/`) replay without a panic, every time
/// that parses reads back, and no message names a Rust type.
#[test]
fn the_fuzz_corpus_replays_cleanly() {
    let mut count = 0;
    for target in fuzz_targets() {
        let files = files_of(&root().join("fuzz/corpus").join(target));
        assert!(!files.is_empty(), "fuzz/corpus/{target} is empty");
        for path in files {
            let bytes = std::fs::read(&path).unwrap_or_default();
            let said = run_fuzz_target(target, &bytes);
            // Messages quote the file, so only words the file does not hold are Swimline's.
            let input = String::from_utf8_lossy(&bytes);
            for leak in [
                "struct Raw",
                "expected struct",
                "expected enum",
                "invalid type",
                "`",
            ] {
                assert!(
                    !said.contains(leak) || input.contains(leak),
                    "{}: {said}",
                    path.display()
                );
            }
            count += 1;
        }
    }
    assert!(count > 100, "{count}");
}
