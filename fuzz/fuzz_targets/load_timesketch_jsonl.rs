//! One reader, without format detection: TimesketchJsonl. No input may panic it.
#![no_main]

use libfuzzer_sys::fuzz_target;
use swimline::io::{Format, LoadOptions, load_bytes_as};

fuzz_target!(|data: &[u8]| {
    let _ = load_bytes_as("fuzz", data, Format::TimesketchJsonl, &LoadOptions::default());
});
