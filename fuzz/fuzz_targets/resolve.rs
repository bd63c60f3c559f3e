//! The relative-date resolver: each line of the input is the time of event `eN` (N = the line's
//! index), so lines may refer to each other (`@{e2}+P3D`, `@{e0}/@{e1}`). No input may panic
//! it, and every resolved time has its earliest instant at or before its latest.
#![no_main]

use libfuzzer_sys::fuzz_target;
use swimline::model::TimeSpec;
use swimline::model::resolve::resolve_times;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let times: Vec<TimeSpec> = text.lines().take(64).filter_map(|l| l.parse().ok()).collect();
    let ids: Vec<String> = (0..times.len()).map(|i| format!("e{i}")).collect();
    let id_refs: Vec<&str> = ids.iter().map(String::as_str).collect();
    let time_refs: Vec<&TimeSpec> = times.iter().collect();
    if let Ok(resolved) = resolve_times(&id_refs, &time_refs) {
        for r in resolved {
            assert!(r.earliest() <= r.latest(), "{text:?}: {r:?}");
        }
    }
});
