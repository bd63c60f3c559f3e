//! Any bytes, through format detection, as a file opened by the user. No input may panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = swimline::io::load_bytes("fuzz", data);
});
