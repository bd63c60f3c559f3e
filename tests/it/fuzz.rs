//! No input may panic a loader. Property tests throw random bytes, and real files cut short or
//! mutated byte by byte, at `load_bytes`; every call must return `Ok` or an error, never panic.
//! Inputs that once taught us something stay in `tests/fixtures/fuzz/` and are replayed here.

use proptest::prelude::{Just, ProptestConfig, any, prop, prop_oneof, proptest};
use proptest::strategy::Strategy;
use swimline::io::load_bytes;

use super::root;

/// Real files of every format, as seeds for mutation.
fn seeds() -> Vec<Vec<u8>> {
    let names = [
        "data/russia-taliban-2018.json",
        "tests/fixtures/good/relative-chain.json",
        "tests/fixtures/imports/timelinejs3/eras.json",
        "tests/fixtures/imports/timelinejs3/legacy_tl2_example.json",
        "tests/fixtures/imports/timelinejs3/my-own-timeline.csv",
        "tests/fixtures/imports/vis-timeline/basic.json",
        "tests/fixtures/imports/timesketch/sigma_events.csv",
        "tests/fixtures/imports/acled/synthetic.csv",
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
        seed in 0usize..8,
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
}

/// Each file in `tests/fixtures/fuzz/` once found a bug; it must load or fail cleanly.
#[test]
fn the_corpus_of_past_failures_loads_or_fails_cleanly() {
    let dir = root().join("tests/fixtures/fuzz");
    let mut count = 0;
    for entry in std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
        let path = entry.map(|e| e.path()).unwrap_or_default();
        if path.extension().is_some_and(|x| x == "md") {
            continue;
        }
        let bytes = std::fs::read(&path).unwrap_or_default();
        let _ = load_bytes(&path.display().to_string(), &bytes);
        count += 1;
    }
    assert!(count > 0);
}
