//! The time of a draft in Swimline's notation: the sentence's temporal expression where it
//! has one that places it on the calendar, else `[..DCT]` (said or done at or before the report).
//! Also writes the same time on the calendar, with `@{dct}` replaced by the document's date, for
//! a timeline that has no event for the report itself. Checks every time with the model's own
//! parser, so a draft never carries a time Swimline cannot read.

use chrono::{Days, Months, NaiveDate};

use crate::extract::timex_input::{TimexSpan, TimexType};
use crate::model::date::{TimeSpec, parse_duration};

pub use crate::extract::notation::DCT_EVENT_ID;

/// The time chosen for a draft and the expression it rests on.
pub(super) struct ChosenTime {
    /// Swimline's notation.
    pub time: String,
    /// The expression it comes from, if any (else the report's date).
    pub from: Option<usize>,
}

/// The time of a draft from the expressions in its words (`(index, expression)`): the first
/// date, else time of day, else length of time with a notation Swimline reads, else `[..dct]`.
pub(super) fn choose(candidates: &[(usize, &TimexSpan)], dct: NaiveDate) -> ChosenTime {
    let usable = |t: &TimexSpan| {
        t.swimline_time
            .as_deref()
            .filter(|s| s.parse::<TimeSpec>().is_ok())
            .map(str::to_owned)
    };
    let ranked = [TimexType::Date, TimexType::Time, TimexType::Duration];
    for wanted in ranked {
        let found = candidates
            .iter()
            .filter(|(_, t)| t.timex_type == wanted)
            .find_map(|(i, t)| usable(t).map(|time| (*i, time)));
        if let Some((index, time)) = found {
            return ChosenTime {
                time,
                from: Some(index),
            };
        }
    }
    ChosenTime {
        time: on_or_before(dct),
        from: None,
    }
}

/// `[..2018-03-23]`: at or before the report's date.
pub(super) fn on_or_before(dct: NaiveDate) -> String {
    format!("[..{}]", dct.format("%Y-%m-%d"))
}

/// The time with `@{dct}` replaced by the document's date: `@{dct}-P24M..-P18M` on 2018-03-23
/// is `[2016-03-23..2016-09-23]`. `None` when an offset is not whole days or months, or the
/// result does not parse.
pub fn on_calendar(time: &str, dct: NaiveDate) -> Option<String> {
    let anchor = format!("@{{{DCT_EVENT_ID}}}");
    if !time.contains(&anchor) {
        return Some(time.to_owned());
    }
    let ends: Vec<String> = time
        .split('/')
        .map(|end| resolve_end(end, &anchor, dct))
        .collect::<Option<_>>()?;
    let written = ends.join("/");
    written.parse::<TimeSpec>().is_ok().then_some(written)
}

/// One endpoint with `@{dct}` replaced.
fn resolve_end(end: &str, anchor: &str, dct: NaiveDate) -> Option<String> {
    let Some(offsets) = end.strip_prefix(anchor) else {
        return (!end.contains(anchor)).then(|| end.to_owned());
    };
    let day = |d: NaiveDate| d.format("%Y-%m-%d").to_string();
    if offsets.is_empty() {
        return Some(day(dct));
    }
    match offsets.split_once("..") {
        Some((a, b)) => {
            let (a, b) = (shift(dct, a)?, shift(dct, b)?);
            let (early, late) = if a <= b { (a, b) } else { (b, a) };
            Some(format!("[{}..{}]", day(early), day(late)))
        }
        None => shift(dct, offsets).map(day),
    }
}

/// The date `offset` (a signed ISO 8601 duration of whole days, weeks, months, years) from
/// `date`.
fn shift(date: NaiveDate, offset: &str) -> Option<NaiveDate> {
    let duration = parse_duration(offset, offset).ok()?;
    const SECS_PER_DAY: i64 = 86_400;
    if duration.secs % SECS_PER_DAY != 0 {
        return None;
    }
    let months = u32::try_from(duration.months.unsigned_abs()).ok()?;
    let days = duration.secs.unsigned_abs() / SECS_PER_DAY.unsigned_abs();
    let date = if duration.months >= 0 {
        date.checked_add_months(Months::new(months))?
    } else {
        date.checked_sub_months(Months::new(months))?
    };
    if duration.secs >= 0 {
        date.checked_add_days(Days::new(days))
    } else {
        date.checked_sub_days(Days::new(days))
    }
}
