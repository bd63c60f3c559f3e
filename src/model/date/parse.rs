//! Parsing the notation of dates: EDTF dates with their qualifiers and precision, times of day
//! with UTC offsets, relative dates (`@{id}-P24M..-P18M`) and ISO 8601 durations. Every
//! failure says what was expected, with the text it was given.

use super::{
    Anchor, DATE_HINT, DateParseError, FuzzyDate, Precision, RelativeDate, parse_error, trim,
};
use crate::model::time::{
    CalendarDuration, CivilDateTime, MAX_ABS_YEAR, SECS_PER_DAY, Timestamp, days_in_month,
};

/// `text` without its EDTF qualifier, and whether it said approximate (`~`), uncertain (`?`)
/// or both (`%`).
pub(super) fn split_qualifier(text: &str) -> (&str, bool, bool) {
    match text.chars().last() {
        Some('~') => (&text[..text.len() - 1], true, false),
        Some('?') => (&text[..text.len() - 1], false, true),
        Some('%') => (&text[..text.len() - 1], true, true),
        _ => (text, false, false),
    }
}

/// The general reader of [`FuzzyDate`]s.
pub(super) fn parse_fuzzy_date(input: &str) -> Result<FuzzyDate, DateParseError> {
    let text = trim(input);
    let (text, approximate, uncertain) = split_qualifier(text);
    let (date_part, time_part) = match text.split_once(['T', 't']) {
        Some((d, t)) => (d, Some(t)),
        None => (text, None),
    };
    let (year, precision_from_x, rest) = parse_year(input, date_part)?;
    let mut parts = rest.split('-');
    // `rest` starts with '-' when a month follows, so the first split part is empty.
    let first = parts.next().unwrap_or_default();
    if !first.is_empty() {
        return Err(parse_error(input, DATE_HINT));
    }
    let month = match parts.next() {
        Some(m) => Some(parse_number(input, m, 2, 1, 12, "month")?),
        None => None,
    };
    let day = match parts.next() {
        Some(d) => {
            let max = days_in_month(year, month.unwrap_or(1));
            Some(parse_number(input, d, 2, 1, max, "day")?)
        }
        None => None,
    };
    if parts.next().is_some() {
        return Err(parse_error(input, DATE_HINT));
    }
    if precision_from_x.is_some() && month.is_some() {
        return Err(parse_error(
            input,
            "a decade or century (201X, 19XX) cannot have a month",
        ));
    }
    let (time, nanos, time_precision) = match time_part {
        None => (None, 0, None),
        Some(t) => {
            if day.is_none() {
                return Err(parse_error(
                    input,
                    "a time of day needs a full date before T",
                ));
            }
            let (Clock(h, m, s, nanos), precision, offset_secs) = parse_clock(input, t)?;
            let local = CivilDateTime {
                year,
                month: month.unwrap_or(1),
                day: day.unwrap_or(1),
                hour: h,
                minute: m,
                second: s,
            }
            .timestamp();
            let utc = Timestamp(local.0 - offset_secs).civil();
            if utc.year != year || Some(utc.month) != month || Some(utc.day) != day {
                // The offset moved the instant to another UTC day: keep the UTC date.
                return Ok(FuzzyDate {
                    year: utc.year,
                    month: Some(utc.month),
                    day: Some(utc.day),
                    time: Some((utc.hour, utc.minute, utc.second)),
                    nanos,
                    precision,
                    approximate,
                    uncertain,
                });
            }
            (
                Some((utc.hour, utc.minute, utc.second)),
                nanos,
                Some(precision),
            )
        }
    };
    let precision = time_precision
        .or(precision_from_x)
        .unwrap_or(match (month, day) {
            (Some(_), Some(_)) => Precision::Day,
            (Some(_), None) => Precision::Month,
            _ => Precision::Year,
        });
    Ok(FuzzyDate {
        year,
        month,
        day,
        time,
        nanos,
        precision,
        approximate,
        uncertain,
    })
}

/// The year at the start of `date_part`: optional `Y`, optional sign, digits (trailing X for
/// unspecified digits); with the precision the X give and the text after the year.
fn parse_year<'a>(
    input: &str,
    date_part: &'a str,
) -> Result<(i64, Option<Precision>, &'a str), DateParseError> {
    let (rest, long_year) = match date_part.strip_prefix('Y') {
        Some(r) => (r, true),
        None => (date_part, false),
    };
    let (negative, rest) = match rest.strip_prefix('-') {
        Some(r) => (true, r),
        None => (false, rest.strip_prefix('+').unwrap_or(rest)),
    };
    let year_len = rest
        .find(|c: char| !(c.is_ascii_digit() || c == 'X' || c == 'x'))
        .unwrap_or(rest.len());
    let year_text = &rest[..year_len];
    if year_text.is_empty() {
        return Err(parse_error(input, DATE_HINT));
    }
    let unspecified = year_text
        .chars()
        .rev()
        .take_while(|c| *c == 'X' || *c == 'x')
        .count();
    let known = &year_text[..year_text.len() - unspecified];
    if unspecified > 0 && known.len() < 2 {
        // A lone `x` (a cell someone marked) is not the decade 000X.
        return Err(parse_error(
            input,
            "a year with unknown digits needs its first digits, as 201X or 19XX",
        ));
    }
    if known.contains(['X', 'x']) {
        return Err(parse_error(
            input,
            "only the last digits of a year may be X (201X, 19XX)",
        ));
    }
    if !long_year && year_text.len() < 4 && unspecified == 0 && year_text.len() != rest.len() {
        // `18-01-04` is ambiguous; EDTF asks for four-digit years.
        return Err(parse_error(
            input,
            "expected a four-digit year, as in 2018-01-04",
        ));
    }
    let precision_from_x = match unspecified {
        0 => None,
        1 => Some(Precision::Decade),
        2 => Some(Precision::Century),
        _ => {
            return Err(parse_error(
                input,
                "at most two unspecified year digits (19XX) are supported",
            ));
        }
    };
    let magnitude: i64 = known
        .parse::<i64>()
        .or_else(|e| if known.is_empty() { Ok(0) } else { Err(e) })
        .ok()
        .and_then(|k| k.checked_mul(10_i64.pow(unspecified as u32)))
        .ok_or_else(|| parse_error(input, "the year has too many digits"))?;
    if magnitude > MAX_ABS_YEAR {
        return Err(parse_error(
            input,
            format!("years beyond ±{MAX_ABS_YEAR} are not supported"),
        ));
    }
    // Unspecified digits stand for any digit: `-004X` is the years -0040 to -0049, which
    // begin at -49 (a weak test had hidden that it began at -40).
    let year = match (negative, precision_from_x) {
        (true, Some(_)) => -(magnitude + 10_i64.pow(unspecified as u32) - 1),
        (true, None) => -magnitude,
        (false, _) => magnitude,
    };
    Ok((year, precision_from_x, &rest[year_len..]))
}

/// A clock as written: hour, minute, second, and nanoseconds past the second.
struct Clock(u8, u8, u8, u32);

/// A time of day as written after `T`: `HH`, `HH:MM`, `HH:MM:SS` or `HH:MM:SS.ffffff` (up to
/// nine digits kept, more dropped), with a UTC offset; the clock, its precision, and the
/// offset in seconds east of UTC.
fn parse_clock(input: &str, t: &str) -> Result<(Clock, Precision, i64), DateParseError> {
    let (clock, offset_secs) = split_offset(input, t)?;
    let fields: Vec<&str> = clock.split(':').collect();
    let (clock, precision) = match fields.as_slice() {
        [h] => (
            Clock(parse_number(input, h, 2, 0, 23, "hour")?, 0, 0, 0),
            Precision::Hour,
        ),
        [h, m] => (
            Clock(
                parse_number(input, h, 2, 0, 23, "hour")?,
                parse_number(input, m, 2, 0, 59, "minute")?,
                0,
                0,
            ),
            Precision::Minute,
        ),
        [h, m, s] => {
            let (whole, fraction) = s.split_once(['.', ',']).unwrap_or((s, ""));
            let (nanos, precision) = parse_fraction(input, fraction)?;
            (
                Clock(
                    parse_number(input, h, 2, 0, 23, "hour")?,
                    parse_number(input, m, 2, 0, 59, "minute")?,
                    parse_number(input, whole, 2, 0, 59, "second")?,
                    nanos,
                ),
                precision,
            )
        }
        _ => {
            return Err(parse_error(
                input,
                "expected a time as HH, HH:MM or HH:MM:SS",
            ));
        }
    };
    Ok((clock, precision, offset_secs))
}

/// The digits after a second's point (`276340`), as nanoseconds and the precision they give;
/// `(0, Second)` for none. Digits past the ninth are dropped.
fn parse_fraction(input: &str, digits: &str) -> Result<(u32, Precision), DateParseError> {
    if !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(parse_error(
            input,
            format!("expected the fraction of a second as digits, found \"{digits}\""),
        ));
    }
    let kept = &digits[..digits.len().min(9)];
    let nanos = format!("{kept:0<9}").parse::<u32>().unwrap_or(0);
    Ok((nanos, Precision::of_fraction_digits(digits.len())))
}

/// Splits `14:05+04:30` into the clock and the offset in seconds east of UTC.
fn split_offset<'a>(input: &str, t: &'a str) -> Result<(&'a str, i64), DateParseError> {
    if let Some(clock) = t.strip_suffix(['Z', 'z']) {
        return Ok((clock, 0));
    }
    let Some(pos) = t.rfind(['+', '-']) else {
        return Ok((t, 0));
    };
    let (clock, offset) = t.split_at(pos);
    let sign = if offset.starts_with('-') { -1 } else { 1 };
    // `offset` starts with the one-byte sign; what follows is any text, so it is checked to be
    // ASCII digits before it is sliced by bytes (a fuzzer found `+[Ԏq` cut inside a character).
    let digits: String = offset[1..].chars().filter(|c| *c != ':').collect();
    if (digits.len() != 4 && digits.len() != 2) || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(parse_error(
            input,
            "expected a UTC offset as +HH:MM, +HHMM or Z",
        ));
    }
    let hours = parse_number(input, &digits[..2], 2, 0, 23, "offset hour")?;
    let minutes = if digits.len() == 4 {
        parse_number(input, &digits[2..], 2, 0, 59, "offset minute")?
    } else {
        0
    };
    Ok((
        clock,
        sign * (i64::from(hours) * 3600 + i64::from(minutes) * 60),
    ))
}

fn parse_number(
    input: &str,
    text: &str,
    digits: usize,
    min: u8,
    max: u8,
    what: &str,
) -> Result<u8, DateParseError> {
    let value = if text.len() == digits && text.bytes().all(|b| b.is_ascii_digit()) {
        text.parse::<u8>().ok()
    } else {
        None
    };
    match value {
        Some(v) if (min..=max).contains(&v) => Ok(v),
        _ => Err(parse_error(
            input,
            format!(
                "expected the {what} as {digits} digits from {min:0digits$} to {max}, found \"{text}\""
            ),
        )),
    }
}

pub(super) fn parse_relative(input: &str, text: &str) -> Result<RelativeDate, DateParseError> {
    let hint = "expected a relative date such as @{event-id}, @{event-id}-P18M or \
                @{event-id.end}-P24M..-P18M";
    let body = text
        .strip_prefix("@{")
        .ok_or_else(|| parse_error(input, hint))?;
    let (reference, offsets) = body
        .split_once('}')
        .ok_or_else(|| parse_error(input, "a relative date's event id must end with }"))?;
    let (event, anchor) = match reference.strip_suffix(".end") {
        Some(id) => (id, Anchor::End),
        None => (
            reference.strip_suffix(".start").unwrap_or(reference),
            Anchor::Start,
        ),
    };
    if event.trim().is_empty() {
        return Err(parse_error(
            input,
            "a relative date needs an event id inside @{…}",
        ));
    }
    let (offset_min, offset_max) = if offsets.is_empty() {
        (CalendarDuration::default(), CalendarDuration::default())
    } else if let Some((a, b)) = offsets.split_once("..") {
        (parse_duration(input, a)?, parse_duration(input, b)?)
    } else {
        let d = parse_duration(input, offsets)?;
        (d, d)
    };
    Ok(RelativeDate {
        event: event.to_owned(),
        anchor,
        offset_min,
        offset_max,
    })
}

/// The longest offset accepted in months: `MAX_ABS_YEAR` years.
const MAX_OFFSET_MONTHS: i64 = 12 * MAX_ABS_YEAR;
/// The longest offset accepted in seconds: about `MAX_ABS_YEAR` years (3.2e18 s, inside `i64`).
const MAX_OFFSET_SECS: i64 = 366 * SECS_PER_DAY * MAX_ABS_YEAR;

/// Parses a signed ISO 8601 duration: `-P24M`, `+P1Y2M10DT2H30M`, `+P2W`.
pub fn parse_duration(input: &str, text: &str) -> Result<CalendarDuration, DateParseError> {
    let hint = format!(
        "expected a signed ISO 8601 duration such as -P24M, +P3D or -P1Y6M, found \"{text}\""
    );
    let (sign, body) = match text.as_bytes().first() {
        Some(b'-') => (-1, &text[1..]),
        Some(b'+') => (1, &text[1..]),
        _ => return Err(parse_error(input, hint)),
    };
    let body = body
        .strip_prefix('P')
        .ok_or_else(|| parse_error(input, hint.clone()))?;
    let (date_part, time_part) = body.split_once('T').unwrap_or((body, ""));
    let mut months: i64 = 0;
    let mut secs: i64 = 0;
    let mut any = false;
    for (part, is_time) in [(date_part, false), (time_part, true)] {
        let mut number = String::new();
        for ch in part.chars() {
            if ch.is_ascii_digit() {
                number.push(ch);
                continue;
            }
            let n: i64 = number
                .parse()
                .map_err(|_| parse_error(input, hint.clone()))?;
            number.clear();
            any = true;
            let (target, unit, limit) = match (ch, is_time) {
                ('Y', false) => (&mut months, 12, MAX_OFFSET_MONTHS),
                ('M', false) => (&mut months, 1, MAX_OFFSET_MONTHS),
                ('W', false) => (&mut secs, 7 * SECS_PER_DAY, MAX_OFFSET_SECS),
                ('D', false) => (&mut secs, SECS_PER_DAY, MAX_OFFSET_SECS),
                ('H', true) => (&mut secs, 3600, MAX_OFFSET_SECS),
                ('M', true) => (&mut secs, 60, MAX_OFFSET_SECS),
                ('S', true) => (&mut secs, 1, MAX_OFFSET_SECS),
                _ => return Err(parse_error(input, hint.clone())),
            };
            *target = n
                .checked_mul(unit)
                .and_then(|v| target.checked_add(v))
                .filter(|v| *v <= limit)
                .ok_or_else(|| {
                    parse_error(
                        input,
                        format!(
                            "the duration \"{text}\" is too long: at most {MAX_ABS_YEAR} years"
                        ),
                    )
                })?;
        }
        if !number.is_empty() {
            return Err(parse_error(input, hint.clone()));
        }
    }
    if !any {
        return Err(parse_error(input, hint));
    }
    Ok(CalendarDuration {
        months: sign * months,
        secs: sign * secs,
    })
}
