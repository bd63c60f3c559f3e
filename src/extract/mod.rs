//! Reading a report: its text ([`text`]: plain text, Markdown, HTML, Word, PDF) and its date
//! (`dct`), the temporal tagger ([`timex`]), TimeML writing and reading (`timeml`), the
//! TempEval-3 scorer ([`score`]), the mapping of TimeML values to Swimline's own time notation
//! (`notation`), and the draft events a report proposes ([`drafts`], from the expressions as
//! [`timex_input`] hands them over); [`report`] runs them all on one report. No UI; only
//! [`text`] reads files. `dct`, `notation` and `timeml` are used only inside `extract`.

pub(crate) mod dct;
pub mod drafts;
pub(crate) mod notation;
pub mod report;
pub mod score;
pub mod text;
pub(crate) mod timeml;
pub mod timex;
pub mod timex_input;

pub use timex::{DctWindow, Direction, Timex, TimexMod, TimexType, tag};

/// The expressions as JSON for `swimline extract --json`: for each, its words, character and
/// byte offsets, TIMEX3 type, value, mod, quant, freq, DCT window and range, and its time in
/// Swimline's notation (`null` where it has none).
pub(crate) fn expressions_json(timexes: &[Timex]) -> serde_json::Value {
    serde_json::Value::Array(
        timexes
            .iter()
            .map(|t| {
                let mut v = serde_json::to_value(t).unwrap_or(serde_json::Value::Null);
                if let serde_json::Value::Object(map) = &mut v {
                    map.insert(
                        "swimline_time".to_owned(),
                        t.swimline_time()
                            .map_or(serde_json::Value::Null, serde_json::Value::String),
                    );
                }
                v
            })
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::{expressions_json, tag};
    use chrono::NaiveDate;

    #[test]
    fn json_carries_offsets_values_and_notation() {
        let dct = NaiveDate::from_ymd_opt(2018, 3, 23).unwrap_or_default();
        let text = "It picked up in the last 18 to 24 months.";
        let json = expressions_json(&tag(text, dct));
        let first = &json[0];
        assert_eq!(first["text"], "the last 18 to 24 months");
        assert_eq!(first["start_char"], 16);
        assert_eq!(first["type"], "DURATION");
        assert_eq!(first["value"], "P24M");
        assert_eq!(first["mod"], "EQUAL_OR_LESS");
        assert_eq!(first["swimline_time"], "@{dct}-P24M..-P18M");
        assert_eq!(first["window"]["direction"], "before_dct");
    }
}
