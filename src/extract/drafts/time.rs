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
    /// The expression that ends it, when two make a range ("between May and September 2017").
    pub to: Option<usize>,
}

/// The time of a draft from the expressions in its words (`(index, expression)`, in text
/// order, offsets into `text`): a range of two dates written as one ("between May and
/// September 2017", "from 2015 to 2017"), else the first date, else time of day, else length of
/// time with a notation Swimline reads, else `[..dct]`.
pub(super) fn choose(text: &str, candidates: &[(usize, &TimexSpan)], dct: NaiveDate) -> ChosenTime {
    let usable = |t: &TimexSpan| {
        t.swimline_time
            .as_deref()
            .filter(|s| s.parse::<TimeSpec>().is_ok())
            .map(str::to_owned)
    };
    if let Some(range) = date_range(text, candidates) {
        return range;
    }
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
                to: None,
            };
        }
    }
    ChosenTime {
        time: on_or_before(dct),
        from: None,
        to: None,
    }
}

/// Words that open a range of two dates, before the first (lower case, with the space after).
const RANGE_OPENERS: &[&str] = &["between ", "from "];

/// Words between the two dates of a range (lower case, trimmed).
const RANGE_JOINERS: &[&str] = &["and", "to", "through", "until", "till", "-", "–", "—"];

/// Two dates of `candidates`, one right after the other, written as a range ("between May and
/// September 2017", "from 2015 to 2017"), as the interval `2017-05/2017-09` when Swimline reads
/// it and it runs forwards.
fn date_range(text: &str, candidates: &[(usize, &TimexSpan)]) -> Option<ChosenTime> {
    candidates.windows(2).find_map(|pair| {
        let [(i, a), (j, b)] = pair else {
            return None;
        };
        if a.timex_type != TimexType::Date || b.timex_type != TimexType::Date {
            return None;
        }
        let between = text.get(a.end_byte..b.start_byte)?.trim().to_lowercase();
        let before = text.get(..a.start_byte)?.to_lowercase();
        let opened = RANGE_OPENERS.iter().any(|o| before.ends_with(o));
        if !opened || !RANGE_JOINERS.contains(&between.as_str()) {
            return None;
        }
        let (start, end) = (a.swimline_time.as_deref()?, b.swimline_time.as_deref()?);
        // Calendar dates only (`2017`, `2017-05`, `2017-05-03`), which compare as written.
        let common = start.len().min(end.len());
        let forwards = is_calendar_date(start)
            && is_calendar_date(end)
            && start.get(..common) <= end.get(..common);
        let time = format!("{start}/{end}");
        let forwards = forwards && time.parse::<TimeSpec>().is_ok();
        forwards.then_some(ChosenTime {
            time,
            from: Some(*i),
            to: Some(*j),
        })
    })
}

/// Whether `time` is a plain calendar date: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
fn is_calendar_date(time: &str) -> bool {
    let digits = |part: &str, n: usize| part.len() == n && part.bytes().all(|b| b.is_ascii_digit());
    let mut parts = time.split('-');
    parts.next().is_some_and(|y| digits(y, 4))
        && parts.all(|p| digits(p, 2))
        && time.split('-').count() <= 3
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
