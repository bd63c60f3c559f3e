//! Any bytes as a zipped GDELT export (`….export.CSV.zip`) the user opened: unzipping with its
//! bound on inflation, then detection. No input may panic, hang or exhaust memory.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = swimline::io::load_bytes("20191024143000.export.CSV.zip", data);
});
