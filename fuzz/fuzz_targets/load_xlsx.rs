//! Any bytes as a `.xlsx` the user opened: the spreadsheet guard, calamine and the sheet's
//! reader. No input may panic, hang or exhaust memory (run with -rss_limit_mb and -timeout).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = swimline::io::load_bytes("fuzz.xlsx", data);
});
