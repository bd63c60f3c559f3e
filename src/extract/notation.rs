//! Maps a TIMEX3 (value, mod, DCT window) to Swimline's own time notation (EDTF plus relative
//! dates, see `model::date`): `2018-03`, `2018-03-24`, `2016-01/2016-04`, `2016~`,
//! `@{dct}-P24M..-P18M`. The DCT is written as the event id `dct`, so the analyst's timeline
//! resolves relative times against the report's own event.
//!
//! Choices, where Swimline's notation has no direct form:
//! - a week, quarter, half year or season is the interval of its days or months
//!   (`2018-W12` → `2018-03-19/2018-03-25`, `2016-Q3` → `2016-07/2016-09`, winter
//!   `2017-WI` → `2017-12/2018-02`); a part of the day is an interval of hours (morning
//!   06–11, afternoon 12–17, evening 18–20, night 21–05 of the next day);
//! - `START`/`MID`/`END` of a year are its first/middle/last four months, of a month days
//!   1–10/11–20/21–end, of a decade its first/middle/last years (0–3, 3–6, 7–9); of anything
//!   else the whole unit;
//! - `APPROX` marks each end `~`; `BEFORE`/`ON_OR_BEFORE` give `[..X]` (at or before);
//! - `PRESENT_REF` is `@{dct}`; `PAST_REF` is `[..DCT]`; a vague stretch before the DCT ("the
//!   past several months") is `[..DCT]` too;
//! - a duration tied to the DCT is the stretch it covers: "the past two years" is
//!   `@{dct}-P2Y/@{dct}`; a range ("the last 18 to 24 months") is the time it started, 24 to
//!   18 months before the DCT: `@{dct}-P24M..-P18M` (how the seed dataset dates it);
//! - nothing (`None`) for `AFTER`, `FUTURE_REF`, fiscal years (their calendar depends on the
//!   organisation), unknown values (`XXXX-…`), sets and durations not tied to the DCT.

use chrono::{Datelike, Duration, NaiveDate, Weekday};

use super::timex::{Direction, Timex, TimexMod, TimexType};

/// The id Swimline's notation gives the report's own date in relative times:
/// `@{dct}-P24M..-P18M`.
pub const DCT_EVENT_ID: &str = "dct";

impl Timex {
    /// This expression's time in Swimline's notation, or `None` where it names no stretch of
    /// the calendar (a set, a free-floating duration, an unknown or future-vague value).
    pub fn swimline_time(&self) -> Option<String> {
        swimline_time(self)
    }
}

/// See [`Timex::swimline_time`].
pub fn swimline_time(t: &Timex) -> Option<String> {
    let dct = format!("@{{{DCT_EVENT_ID}}}");
    match t.kind {
        TimexType::Set => return None,
        TimexType::Duration => {
            let w = t.window.as_ref()?;
            if w.longest.contains('X') {
                return match w.direction {
                    Direction::BeforeDct => Some(format!("[..{}]", day_text(t.dct))),
                    Direction::AfterDct => None,
                };
            }
            let short = swimline_duration(&w.shortest)?;
            let long = swimline_duration(&w.longest)?;
            return Some(match (w.direction, short == long) {
                (Direction::BeforeDct, true) => format!("{dct}-{long}/{dct}"),
                (Direction::BeforeDct, false) => format!("{dct}-{long}..-{short}"),
                (Direction::AfterDct, true) => format!("{dct}/{dct}+{long}"),
                (Direction::AfterDct, false) => format!("{dct}+{short}..+{long}"),
            });
        }
        TimexType::Date | TimexType::Time => {}
    }
    match t.value.as_str() {
        "PRESENT_REF" => return Some(dct),
        "PAST_REF" => return Some(format!("[..{}]", day_text(t.dct))),
        _ => {}
    }
    let (start, end) = calendar(&t.value, t.modifier)?;
    let approx = if t.modifier == Some(TimexMod::Approx) {
        "~"
    } else {
        ""
    };
    match t.modifier {
        Some(TimexMod::Before | TimexMod::OnOrBefore) => Some(format!("[..{start}]")),
        Some(TimexMod::After | TimexMod::OnOrAfter) => None,
        _ => Some(match end {
            Some(end) => format!("{start}{approx}/{end}{approx}"),
            None => format!("{start}{approx}"),
        }),
    }
}

/// `d` moved by `n` days, or `d` itself at the ends of the calendar.
fn add_days(d: NaiveDate, n: i64) -> NaiveDate {
    Duration::try_days(n)
        .and_then(|delta| d.checked_add_signed(delta))
        .unwrap_or(d)
}

/// `YYYY-MM-DD`.
fn day_text(d: NaiveDate) -> String {
    format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day())
}

/// A TimeML duration (`P18M`, `P1DE`, `P1.5Y`, `PT3H`) in the form Swimline reads (`P18M`,
/// `P10Y`, `PT3H`): no decades, centuries, quarters or fractions.
pub fn swimline_duration(value: &str) -> Option<String> {
    let body = value.strip_prefix('P')?;
    let (is_time, body) = match body.strip_prefix('T') {
        Some(b) => (true, b),
        None => (false, body),
    };
    let split = body.find(|c: char| !(c.is_ascii_digit() || c == '.'))?;
    let (number, unit) = body.split_at(split);
    let n: f64 = number.parse().ok()?;
    let (factor, letter) = match (is_time, unit) {
        (false, "Y") => (1.0, "Y"),
        (false, "DE") => (10.0, "Y"),
        (false, "CE") => (100.0, "Y"),
        (false, "M") => (1.0, "M"),
        (false, "Q") => (3.0, "M"),
        (false, "W") => (1.0, "W"),
        (false, "WE") => (2.0, "D"),
        (false, "D") => (1.0, "D"),
        (true, "H") => (1.0, "H"),
        (true, "M") => (1.0, "M"),
        (true, "S") => (1.0, "S"),
        _ => return None,
    };
    let mut n = n * factor;
    let (mut letter, mut is_time) = (letter, is_time);
    // Fractions go down one unit: 1.5 years → 18 months, half a day → 12 hours.
    if n.fract() != 0.0 {
        (n, letter, is_time) = match (is_time, letter) {
            (false, "Y") => (n * 12.0, "M", false),
            (false, "W") => (n * 7.0, "D", false),
            (false, "D") => (n * 24.0, "H", true),
            (true, "H") => (n * 60.0, "M", true),
            (true, "M") => (n * 60.0, "S", true),
            _ => return None,
        };
        if n.fract() != 0.0 {
            return None;
        }
    }
    let t = if is_time { "T" } else { "" };
    Some(format!("P{t}{}{letter}", n as i64))
}

/// The first and (for intervals) last endpoint of a TimeML date or time value, narrowed by
/// START/MID/END.
fn calendar(value: &str, modifier: Option<TimexMod>) -> Option<(String, Option<String>)> {
    let part = match modifier {
        Some(TimexMod::Start) => Some(0),
        Some(TimexMod::Mid) => Some(1),
        Some(TimexMod::End) => Some(2),
        _ => None,
    };
    let (date, time) = match value.split_once('T') {
        Some((d, t)) => (d, Some(t)),
        None => (value, None),
    };
    if date.starts_with('X') || date.starts_with("FY") || date.is_empty() {
        return None;
    }
    let bytes = date.as_bytes();
    let all_digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    // Times: 2018-03-23T15:00(-04:00), 2018-03-23TMO.
    if let Some(t) = time {
        let day = NaiveDate::parse_from_str(date, "%Y-%m-%d").ok()?;
        let hours = match t {
            "MO" => Some((6, 11, 0)),
            "AF" => Some((12, 17, 0)),
            "EV" => Some((18, 20, 0)),
            "NI" => Some((21, 5, 1)),
            _ => None,
        };
        if let Some((from, to, next)) = hours {
            let end_day = add_days(day, next);
            return Some((
                format!("{}T{from:02}", day_text(day)),
                Some(format!("{}T{to:02}", day_text(end_day))),
            ));
        }
        let first = t.as_bytes().first()?;
        if !first.is_ascii_digit() {
            return None;
        }
        // "T24:00" (midnight) is the next day's 00:00.
        if let Some(rest) = t.strip_prefix("24") {
            return Some((format!("{}T00{rest}", day_text(add_days(day, 1))), None));
        }
        return Some((format!("{}T{t}", day_text(day)), None));
    }
    // Century "19", decade "199X", year "2018".
    if date.len() == 2 && all_digits(date) {
        return Some((format!("{date}XX"), None));
    }
    if date.len() == 4 && date.ends_with('X') && all_digits(&date[..3]) {
        let first: i32 = date[..3].parse().ok()?;
        return Some(match part {
            Some(p) => {
                let (a, b) = [(0, 3), (3, 6), (7, 9)][p];
                (
                    format!("{:04}", first * 10 + a),
                    Some(format!("{:04}", first * 10 + b)),
                )
            }
            None => (date.to_owned(), None),
        });
    }
    if date.len() == 4 && all_digits(date) {
        return Some(match part {
            Some(p) => {
                let (a, b) = [(1, 4), (5, 8), (9, 12)][p];
                (format!("{date}-{a:02}"), Some(format!("{date}-{b:02}")))
            }
            None => (date.to_owned(), None),
        });
    }
    if bytes.len() < 7 || bytes[4] != b'-' || !all_digits(&date[..4]) {
        return None;
    }
    let year: i32 = date[..4].parse().ok()?;
    let rest = &date[5..];
    let months = |a: u32, b: u32, y2: i32| {
        Some((format!("{year:04}-{a:02}"), Some(format!("{y2:04}-{b:02}"))))
    };
    match rest {
        "Q1" | "Q2" | "Q3" | "Q4" => {
            let q: u32 = rest[1..].parse().ok()?;
            return months(q * 3 - 2, q * 3, year);
        }
        "H1" => return months(1, 6, year),
        "H2" => return months(7, 12, year),
        "SP" => return months(3, 5, year),
        "SU" => return months(6, 8, year),
        "FA" => return months(9, 11, year),
        "WI" => return months(12, 2, year + 1),
        _ => {}
    }
    if let Some(w) = rest.strip_prefix('W') {
        let (week, weekend) = match w.strip_suffix("-WE") {
            Some(n) => (n, true),
            None => (w, false),
        };
        let week: u32 = week.parse().ok()?;
        let (a, b) = if weekend {
            (Weekday::Sat, Weekday::Sun)
        } else {
            (Weekday::Mon, Weekday::Sun)
        };
        let first = NaiveDate::from_isoywd_opt(year, week, a)?;
        let last = NaiveDate::from_isoywd_opt(year, week, b)?;
        return Some((day_text(first), Some(day_text(last))));
    }
    if rest.len() == 2 && all_digits(rest) {
        let month: u32 = rest.parse().ok()?;
        return Some(match part {
            Some(p) => {
                let last = NaiveDate::from_ymd_opt(year, month, 1)?
                    .checked_add_months(chrono::Months::new(1))?
                    .pred_opt()?
                    .day();
                let (a, b) = [(1, 10), (11, 20), (21, last)][p];
                (
                    format!("{year:04}-{month:02}-{a:02}"),
                    Some(format!("{year:04}-{month:02}-{b:02}")),
                )
            }
            None => (format!("{year:04}-{month:02}"), None),
        });
    }
    let day = NaiveDate::parse_from_str(date, "%Y-%m-%d").ok()?;
    Some((day_text(day), None))
}

#[cfg(test)]
mod tests {
    use super::swimline_duration;
    use crate::extract::timex::tag;
    use chrono::NaiveDate;

    fn dct() -> NaiveDate {
        NaiveDate::from_ymd_opt(2018, 3, 23).unwrap_or_default()
    }

    /// The notation of the one expression in `text`.
    fn notation(text: &str) -> Option<String> {
        let found = tag(text, dct());
        assert_eq!(found.len(), 1, "{text:?}: {found:?}");
        found[0].swimline_time()
    }

    #[test]
    fn seed_range_is_relative_to_the_report() {
        assert_eq!(
            notation("This activity really picked up in the last 18 to 24 months.").as_deref(),
            Some("@{dct}-P24M..-P18M")
        );
    }

    #[test]
    fn calendar_units_become_dates_and_intervals() {
        let cases = [
            ("It happened in March.", "2018-03"),
            ("It happened on March 24, 2016.", "2016-03-24"),
            ("It happened in 2015.", "2015"),
            ("It happened in the 1990s.", "199X"),
            ("It happened in the 20th century.", "19XX"),
            ("It happened last week.", "2018-03-12/2018-03-18"),
            (
                "It happened in the third quarter of 2016.",
                "2016-07/2016-09",
            ),
            ("It happened last winter.", "2017-12/2018-02"),
            ("It happened in early 2016.", "2016-01/2016-04"),
            ("It happened in mid-March.", "2018-03-11/2018-03-20"),
            ("It happened by the end of the year.", "2018-09/2018-12"),
            ("It happened around 2015.", "2015~"),
            ("It happened this morning.", "2018-03-23T06/2018-03-23T11"),
            ("It happened at 09:00 GMT.", "2018-03-23T09:00Z"),
            ("It happens now.", "@{dct}"),
            ("It happened recently.", "[..2018-03-23]"),
            ("It grew over the past two years.", "@{dct}-P2Y/@{dct}"),
            ("It will grow over the next decade.", "@{dct}/@{dct}+P10Y"),
            ("For the past several months it grew.", "[..2018-03-23]"),
        ];
        for (text, expected) in cases {
            assert_eq!(notation(text).as_deref(), Some(expected), "{text}");
        }
    }

    #[test]
    fn sets_and_free_durations_have_no_time() {
        assert_eq!(notation("They meet every week."), None);
        assert_eq!(notation("It took three years."), None);
        assert_eq!(notation("Fiscal 2017 was weak."), None);
    }

    #[test]
    fn durations_convert_to_what_swimline_reads() {
        assert_eq!(swimline_duration("P1DE").as_deref(), Some("P10Y"));
        assert_eq!(swimline_duration("P1.5Y").as_deref(), Some("P18M"));
        assert_eq!(swimline_duration("P2Q").as_deref(), Some("P6M"));
        assert_eq!(swimline_duration("PT0.5H").as_deref(), Some("PT30M"));
        assert_eq!(swimline_duration("PXM"), None);
        assert_eq!(swimline_duration("banana"), None);
    }
}
