//! The temporal tagger: finds time expressions in English text and normalises them as TimeML
//! 1.2.1 TIMEX3 (type, value, mod, quant/freq), resolving relative ones against the document's
//! creation date (DCT).
//!
//! Hand-written rules over a token stream (no regular expressions, no model): `lex` splits the
//! text, `rules` recognises and resolves expressions, `cal` holds the calendar arithmetic and
//! `words` the vocabulary. It does not read files or write TimeML (`crate::extract::timeml`),
//! score (`crate::extract::score`) or map to Swimline's notation (`crate::extract::notation`).
//!
//! Conventions chosen where TimeML leaves room, each written down here once:
//! - Extents follow TimeML/TempEval-3: determiners and premodifiers are inside ("the past year",
//!   "early 2016", "about three weeks"), prepositions are outside ("since 2015" tags "2015"),
//!   "two weeks ago" and "a year earlier" are one expression.
//! - A bare weekday, month, quarter or season resolves to the most recent one on or before the
//!   DCT, unless its clause is in the future tense ("will", "scheduled" …), then to the next.
//! - "N units ago" takes the granularity of its unit: "two weeks ago" is the ISO week, "three
//!   years ago" the year; "a year ago" (and "a year earlier/later") is the same day a year
//!   away, as HeidelTime and the development set have it.
//! - "recent years" is `PAST_REF`, "the coming months" `FUTURE_REF` (DATE); "the past several
//!   months" is a DURATION (`PXM`) tied to the DCT.
//! - Ages ("40 years old", "a 40-year-old") are not tagged (TimeBank leaves them out).
//! - A range of durations ("18 to 24 months") is one DURATION whose value is the upper bound
//!   with `mod="EQUAL_OR_LESS"` (a TimeML value cannot hold a range); both bounds stay in
//!   [`Timex::range`].
//! - Vague amounts ("several months", "years") are `X` (`PXM`, `PXY`).
//! - Decades are `199X` (as the brief and the development set write them; HeidelTime writes
//!   `199`), centuries two digits (`19` for the 1900s), fiscal years `FY2017`, quarters as
//!   lengths `P3M`.
//! - Clock times with a zone carry its ISO offset (`EDT` → `-04:00`, `ET` by US daylight
//!   saving, `GMT` → `Z`); the day is the last one named nearby, else the DCT.

mod cal;
mod lex;
mod rules;
mod words;

use chrono::NaiveDate;
use serde::Serialize;

/// The four TIMEX3 types.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, serde::Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum TimexType {
    /// A calendar date or period: "March 2018", "last year", "now".
    Date,
    /// A time of day: "3 p.m.", "this morning".
    Time,
    /// A length of time: "three years", "the last 18 to 24 months".
    Duration,
    /// A recurring time: "every week", "daily".
    Set,
}

impl std::fmt::Display for TimexType {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

impl TimexType {
    /// The TimeML name (`DATE`, `TIME`, `DURATION`, `SET`).
    pub fn name(self) -> &'static str {
        match self {
            Self::Date => "DATE",
            Self::Time => "TIME",
            Self::Duration => "DURATION",
            Self::Set => "SET",
        }
    }

    /// Reads a TimeML type name (any case); `None` for anything else.
    pub(crate) fn from_name(name: &str) -> Option<Self> {
        match name.to_ascii_uppercase().as_str() {
            "DATE" => Some(Self::Date),
            "TIME" => Some(Self::Time),
            "DURATION" => Some(Self::Duration),
            "SET" => Some(Self::Set),
            _ => None,
        }
    }
}

/// The TIMEX3 `mod` attribute: how the expression qualifies its value.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum TimexMod {
    /// "before 2015" read as a point before the value.
    Before,
    /// After the value.
    After,
    /// At or before the value.
    OnOrBefore,
    /// At or after the value.
    OnOrAfter,
    /// "less than a year", "nearly two weeks".
    LessThan,
    /// "more than a year", "over two weeks".
    MoreThan,
    /// "up to 24 months", "at most", and a range "18 to 24 months".
    EqualOrLess,
    /// "at least two years".
    EqualOrMore,
    /// "early 2016", "the beginning of March".
    Start,
    /// "mid-2016", "the middle of the year".
    Mid,
    /// "late 2016", "the end of the year".
    End,
    /// "about three years", "around March".
    Approx,
}

impl TimexMod {
    /// The TimeML name (`EQUAL_OR_LESS` …).
    pub fn name(self) -> &'static str {
        match self {
            Self::Before => "BEFORE",
            Self::After => "AFTER",
            Self::OnOrBefore => "ON_OR_BEFORE",
            Self::OnOrAfter => "ON_OR_AFTER",
            Self::LessThan => "LESS_THAN",
            Self::MoreThan => "MORE_THAN",
            Self::EqualOrLess => "EQUAL_OR_LESS",
            Self::EqualOrMore => "EQUAL_OR_MORE",
            Self::Start => "START",
            Self::Mid => "MID",
            Self::End => "END",
            Self::Approx => "APPROX",
        }
    }

    /// Reads a TimeML mod name (any case); `None` for anything else.
    pub(crate) fn from_name(name: &str) -> Option<Self> {
        Some(match name.to_ascii_uppercase().as_str() {
            "BEFORE" => Self::Before,
            "AFTER" => Self::After,
            "ON_OR_BEFORE" => Self::OnOrBefore,
            "ON_OR_AFTER" => Self::OnOrAfter,
            "LESS_THAN" => Self::LessThan,
            "MORE_THAN" => Self::MoreThan,
            "EQUAL_OR_LESS" => Self::EqualOrLess,
            "EQUAL_OR_MORE" => Self::EqualOrMore,
            "START" => Self::Start,
            "MID" => Self::Mid,
            "END" => Self::End,
            "APPROX" => Self::Approx,
            _ => return None,
        })
    }
}

/// Which way an anchored duration runs from the DCT.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    /// "the past two years": the period ends at the DCT.
    BeforeDct,
    /// "the next two years": the period starts at the DCT.
    AfterDct,
}

/// A duration tied to the DCT ("the last 18 to 24 months"), with both bounds of a range.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct DctWindow {
    /// Whether the period ends or starts at the DCT.
    pub direction: Direction,
    /// The shortest length as an ISO 8601 duration (`P18M`); equal to `longest` unless the
    /// text gives a range. `PXM`-style when the amount is vague.
    pub shortest: String,
    /// The longest length (`P24M`).
    pub longest: String,
}

/// One temporal expression found in a text.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Timex {
    /// Byte offset of the first byte in the text.
    pub start_byte: usize,
    /// Byte offset just past the last byte.
    pub end_byte: usize,
    /// Offset of the first character, counted in Unicode scalar values.
    pub start_char: usize,
    /// Offset just past the last character, in Unicode scalar values.
    pub end_char: usize,
    /// The words of the expression, as in the text.
    pub text: String,
    /// The TIMEX3 type (`type` in JSON, as in TimeML).
    #[serde(rename = "type")]
    pub kind: TimexType,
    /// The TIMEX3 value (`2018-03`, `P18M`, `PRESENT_REF` …).
    pub value: String,
    /// The TIMEX3 mod, where the text qualifies the value (`mod` in JSON, as in TimeML).
    #[serde(rename = "mod")]
    pub modifier: Option<TimexMod>,
    /// The TIMEX3 quant of a set (`EVERY`, `EACH`).
    pub quant: Option<String>,
    /// The TIMEX3 freq of a set (`2X` for "twice a week").
    pub freq: Option<String>,
    /// For a duration tied to the DCT, which way it runs and its bounds (TimeML:
    /// `anchorTimeID` pointing at the DCT).
    pub window: Option<DctWindow>,
    /// For a range of durations ("18 to 24 months"): the lower and upper bound values.
    pub range: Option<(String, String)>,
    /// The document creation date the value was resolved against (not serialised: the
    /// document carries it once).
    #[serde(skip)]
    pub dct: NaiveDate,
}

/// Finds the temporal expressions in `text`, resolving relative ones against `dct`, in text
/// order and never overlapping.
pub fn tag(text: &str, dct: NaiveDate) -> Vec<Timex> {
    let toks = lex::tokenize(text);
    let hits = rules::find(&toks, dct);
    let mut out = Vec::with_capacity(hits.len());
    // Byte → char offsets in one walk over the text (hits are in order).
    let mut chars_before = 0usize;
    let mut byte_pos = 0usize;
    let mut char_at = |byte: usize| -> usize {
        if byte >= byte_pos {
            chars_before += text.get(byte_pos..byte).map_or(0, |s| s.chars().count());
        } else {
            chars_before = text.get(..byte).map_or(0, |s| s.chars().count());
        }
        byte_pos = byte;
        chars_before
    };
    for h in hits {
        let (Some(first), Some(last)) = (toks.get(h.start), toks.get(h.end.saturating_sub(1)))
        else {
            continue;
        };
        let (start_byte, end_byte) = (first.start, last.end);
        let start_char = char_at(start_byte);
        let end_char = char_at(end_byte);
        out.push(Timex {
            start_byte,
            end_byte,
            start_char,
            end_char,
            text: text.get(start_byte..end_byte).unwrap_or("").to_owned(),
            kind: h.kind,
            value: h.value,
            modifier: h.modifier,
            quant: h.quant,
            freq: h.freq,
            window: h.window,
            range: h.range,
            dct,
        });
    }
    out
}

#[cfg(test)]
mod tests;
