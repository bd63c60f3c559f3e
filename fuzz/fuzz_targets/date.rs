//! The date and time parser: no text may panic it, and every time that parses is written back
//! (`Display`) as text that parses to the same time, which writes the same again.
#![no_main]

use libfuzzer_sys::fuzz_target;
use swimline::model::{FuzzyDate, TimeSpec};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(time) = text.parse::<TimeSpec>() {
        let written = time.to_string();
        let again: TimeSpec = written
            .parse()
            .unwrap_or_else(|e| panic!("{text:?} was written as {written:?}, which does not parse: {e}"));
        assert_eq!(again, time, "{text:?} → {written:?}");
        assert_eq!(again.to_string(), written);
    }
    if let Ok(date) = text.parse::<FuzzyDate>() {
        let written = date.to_string();
        let again: FuzzyDate = written
            .parse()
            .unwrap_or_else(|e| panic!("{text:?} was written as {written:?}, which does not parse: {e}"));
        assert_eq!(again, date, "{text:?} → {written:?}");
    }
});
