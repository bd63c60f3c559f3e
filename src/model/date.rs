//! Dates as the reporting gives them: a precision, a qualifier, intervals, open ends, and dates
//! relative to other events ("18 to 24 months before the interview").
//!
//! The notation is a subset of EDTF (ISO 8601-2 / Library of Congress Extended Date/Time Format)
//! plus one extension for relative dates. Every type parses with [`FromStr`] and prints back with
//! [`fmt::Display`] in the canonical form. Resolving relative dates needs the other events and
//! lives in [`crate::model::resolve`]; this module knows nothing about events.
//!
//! | written | meaning |
//! |---|---|
//! | `2018-01-04` | a calendar day (never shifted by a time zone) |
//! | `2018-03`, `2016`, `201X`, `19XX` | a month, a year, a decade, a century |
//! | `2018-01-04T14:05`, `…T14:05:09Z`, `…T14:05+04:30` | a minute or second; offsets are kept as UTC |
//! | `-0043-03-15`, `Y-13800000000` | astronomical years (year 0 = 1 BCE); `Y` for more than 4 digits |
//! | `2016-06~`, `2016?`, `2016%` | approximate, uncertain, both |
//! | `2015-09-30/2016-03` | an interval: each end has its own precision |
//! | `2015/..`, `../2018`, `2015/` | open end, open start, unknown end |
//! | `@{bbc-interview}-P24M..-P18M` | 24 to 18 months before the start of event `bbc-interview` |
//! | `@{talks.end}+P1D` | one day after the end of event `talks` |

use std::fmt;
use std::str::FromStr;

use super::time::{
    CalendarDuration, CivilDateTime, MAX_ABS_YEAR, MONTH_ABBREV, MONTH_NAMES, SECS_PER_DAY,
    Timestamp, days_in_month, year_label,
};

/// How finely a written date pins down time.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Precision {
    /// `19XX`: a hundred years.
    Century,
    /// `201X`: ten years.
    Decade,
    /// `2016`.
    Year,
    /// `2018-03`.
    Month,
    /// `2018-01-04`.
    Day,
    /// `2018-01-04T14`.
    Hour,
    /// `2018-01-04T14:05`.
    Minute,
    /// `2018-01-04T14:05:09`.
    Second,
}

impl Precision {
    /// The precision in words, for the details panel.
    pub fn name(self) -> &'static str {
        match self {
            Self::Century => "century",
            Self::Decade => "decade",
            Self::Year => "year",
            Self::Month => "month",
            Self::Day => "day",
            Self::Hour => "hour",
            Self::Minute => "minute",
            Self::Second => "second",
        }
    }
}

/// Earliest and latest instants a written time may mean. `earliest <= latest`; `latest` is the
/// exclusive end of the last unit that fits (the year `2016` is `[2016-01-01, 2017-01-01)`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Bounds {
    /// The first instant the time may mean.
    pub earliest: Timestamp,
    /// The end of the last instant the time may mean (exclusive).
    pub latest: Timestamp,
}

impl Bounds {
    /// How long the uncertainty is, in seconds.
    pub fn span_secs(self) -> i64 {
        self.latest.0 - self.earliest.0
    }

    /// The bounds in words: `4 Jan 2018`, `Mar 2018`, `2016`, or `between Mar 2016 and Sep 2016`.
    pub fn describe(self) -> String {
        let a = self.earliest.civil();
        if self.span_secs() <= 0 {
            return describe_instant(a);
        }
        let last = Timestamp(self.latest.0 - 1).civil();
        let day_aligned = a.hour == 0 && a.minute == 0 && a.second == 0 && is_midnight(self.latest);
        if !day_aligned {
            return format!(
                "between {} and {}",
                describe_instant(a),
                describe_instant(self.latest.civil())
            );
        }
        let end = self.latest.civil();
        let month_aligned = day_aligned && a.day == 1 && end.day == 1;
        let year_aligned = month_aligned && a.month == 1 && end.month == 1;
        if year_aligned {
            if a.year == last.year {
                year_label(a.year)
            } else {
                format!(
                    "between {} and {}",
                    year_label(a.year),
                    year_label(last.year)
                )
            }
        } else if month_aligned {
            let first = format!(
                "{} {}",
                MONTH_ABBREV[usize::from(a.month - 1)],
                year_label(a.year)
            );
            let second = format!(
                "{} {}",
                MONTH_ABBREV[usize::from(last.month - 1)],
                year_label(last.year)
            );
            if first == second {
                first
            } else {
                format!("between {first} and {second}")
            }
        } else {
            let first = day_label(a);
            let second = day_label(last);
            if first == second {
                first
            } else {
                format!("between {first} and {second}")
            }
        }
    }
}

fn is_midnight(t: Timestamp) -> bool {
    t.0.rem_euclid(SECS_PER_DAY) == 0
}

fn day_label(c: CivilDateTime) -> String {
    format!(
        "{} {} {}",
        c.day,
        MONTH_ABBREV[usize::from(c.month - 1)],
        year_label(c.year)
    )
}

fn describe_instant(c: CivilDateTime) -> String {
    if (c.hour, c.minute, c.second) == (0, 0, 0) {
        day_label(c)
    } else {
        format!("{} {:02}:{:02} UTC", day_label(c), c.hour, c.minute)
    }
}

/// A calendar date as written, with its precision and EDTF qualifiers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FuzzyDate {
    /// Astronomical year (0 = 1 BCE). With [`Precision::Decade`] or [`Precision::Century`],
    /// the first year of the decade or century.
    pub year: i64,
    /// Month 1..=12, present from [`Precision::Month`] on.
    pub month: Option<u8>,
    /// Day of the month, present from [`Precision::Day`] on.
    pub day: Option<u8>,
    /// Hour, minute, second of day in UTC, present from [`Precision::Hour`] on.
    pub time: Option<(u8, u8, u8)>,
    /// How finely the date is given.
    pub precision: Precision,
    /// EDTF `~`: the source says "around", "roughly"; widens the bounds by one unit each side.
    pub approximate: bool,
    /// EDTF `?`: the source is not sure of it; bounds unchanged, drawn with a question mark.
    pub uncertain: bool,
}

impl FuzzyDate {
    /// A calendar day.
    pub fn day(year: i64, month: u8, day: u8) -> Self {
        Self {
            year,
            month: Some(month),
            day: Some(day),
            time: None,
            precision: Precision::Day,
            approximate: false,
            uncertain: false,
        }
    }

    /// The instants the date may mean.
    pub fn bounds(&self) -> Bounds {
        let month = self.month.unwrap_or(1);
        let day = self.day.unwrap_or(1);
        let (h, m, s) = self.time.unwrap_or((0, 0, 0));
        let start = CivilDateTime {
            year: self.year,
            month,
            day,
            hour: h,
            minute: m,
            second: s,
        }
        .timestamp();
        let unit = self.unit();
        let earliest = if self.approximate {
            start.plus(unit.negated())
        } else {
            start
        };
        let end = start.plus(unit);
        let latest = if self.approximate {
            end.plus(unit)
        } else {
            end
        };
        Bounds { earliest, latest }
    }

    /// One unit of the date's precision.
    fn unit(&self) -> CalendarDuration {
        let (months, secs) = match self.precision {
            Precision::Century => (1200, 0),
            Precision::Decade => (120, 0),
            Precision::Year => (12, 0),
            Precision::Month => (1, 0),
            Precision::Day => (0, SECS_PER_DAY),
            Precision::Hour => (0, 3600),
            Precision::Minute => (0, 60),
            Precision::Second => (0, 1),
        };
        CalendarDuration { months, secs }
    }

    /// The date in words, e.g. `around June 2016`, `4 January 2018`, `the 2010s`, `44 BCE`.
    pub fn describe(&self) -> String {
        let year = year_label(self.year);
        let mut text = match self.precision {
            Precision::Century | Precision::Decade if self.year < 0 => {
                let years = if self.precision == Precision::Century {
                    100
                } else {
                    10
                };
                format!(
                    "{} to {}",
                    year_label(self.year),
                    year_label(self.year + years - 1)
                )
            }
            Precision::Century => format!("the {}s", year_label(self.year)),
            Precision::Decade => format!("the {}s", year_label(self.year)),
            Precision::Year => year,
            Precision::Month => format!("{} {year}", month_name(self.month)),
            Precision::Day => format!(
                "{} {} {year}",
                self.day.unwrap_or(1),
                month_name(self.month)
            ),
            Precision::Hour | Precision::Minute | Precision::Second => {
                let (h, m, s) = self.time.unwrap_or((0, 0, 0));
                let clock = match self.precision {
                    Precision::Second => format!("{h:02}:{m:02}:{s:02}"),
                    Precision::Minute => format!("{h:02}:{m:02}"),
                    _ => format!("{h:02}h"),
                };
                format!(
                    "{} {} {year}, {clock} UTC",
                    self.day.unwrap_or(1),
                    month_name(self.month)
                )
            }
        };
        if self.approximate {
            text = format!("around {text}");
        }
        if self.uncertain {
            text.push_str(" (uncertain)");
        }
        text
    }
}

fn month_name(month: Option<u8>) -> &'static str {
    MONTH_NAMES[usize::from(month.unwrap_or(1).clamp(1, 12) - 1)]
}

impl fmt::Display for FuzzyDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.precision {
            Precision::Century | Precision::Decade => {
                let digits = format!("{:04}", self.year.abs());
                let keep = digits.len()
                    - if self.precision == Precision::Century {
                        2
                    } else {
                        1
                    };
                let sign = if self.year < 0 { "-" } else { "" };
                let xs = if self.precision == Precision::Century {
                    "XX"
                } else {
                    "X"
                };
                write!(f, "{sign}{}{xs}", &digits[..keep])?;
            }
            _ => {
                if self.year.abs() > 9999 {
                    write!(f, "Y{}", self.year)?;
                } else if self.year < 0 {
                    write!(f, "-{:04}", -self.year)?;
                } else {
                    write!(f, "{:04}", self.year)?;
                }
            }
        }
        if let Some(m) = self.month {
            write!(f, "-{m:02}")?;
        }
        if let Some(d) = self.day {
            write!(f, "-{d:02}")?;
        }
        if let Some((h, m, s)) = self.time {
            write!(f, "T{h:02}")?;
            if self.precision == Precision::Hour && m > 0 {
                // An hour given with an offset of odd minutes (`T10-02:01`) starts at a UTC
                // minute; written back as that whole hour minus the minutes, it reads back the
                // same, at hour precision (the fuzzer found `T12Z` losing the minute).
                write!(f, "-00:{m:02}")?;
                return self.write_qualifiers(f);
            }
            if self.precision >= Precision::Minute {
                write!(f, ":{m:02}")?;
            }
            if self.precision == Precision::Second {
                write!(f, ":{s:02}")?;
            }
            write!(f, "Z")?;
        }
        self.write_qualifiers(f)
    }
}

impl FuzzyDate {
    /// EDTF's qualifiers: `~` approximate, `?` uncertain, `%` both.
    fn write_qualifiers(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.approximate, self.uncertain) {
            (true, true) => write!(f, "%"),
            (true, false) => write!(f, "~"),
            (false, true) => write!(f, "?"),
            (false, false) => Ok(()),
        }
    }
}

/// Why a written date could not be read. `message` says what was expected.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{message} (in \"{input}\")")]
pub struct DateParseError {
    /// The text that was being read.
    pub input: String,
    /// What was wrong and what was expected instead.
    pub message: String,
}

fn parse_error(input: &str, message: impl Into<String>) -> DateParseError {
    DateParseError {
        input: input.to_owned(),
        message: message.into(),
    }
}

const DATE_HINT: &str = "expected a date such as 2018-01-04, 2018-03, 2016, 201X, 2016-06~, \
                         2018-01-04T14:05Z or @{event-id}-P24M..-P18M";

/// `str::trim`, with a fast answer for the common text that starts and ends in a visible ASCII
/// character (a million dates and fields are trimmed while a large file loads).
pub(crate) fn trim(text: &str) -> &str {
    let visible = |b: Option<&u8>| b.is_some_and(|b| b.is_ascii_graphic());
    let bytes = text.as_bytes();
    if visible(bytes.first()) && visible(bytes.last()) {
        text
    } else {
        text.trim()
    }
}

/// The common `2018`, `2018-01` and `2018-01-04`, read without the general parser (a large
/// file has a million of them). `None` for anything else, including an impossible date: the
/// general parser then says what is wrong.
fn plain_date(text: &str) -> Option<FuzzyDate> {
    let b = text.as_bytes();
    let digits = |range: std::ops::Range<usize>| -> Option<u32> {
        b.get(range)?.iter().try_fold(0u32, |n, &c| {
            c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0'))
        })
    };
    let year = i64::from(digits(0..4)?);
    let month = match b.len() {
        4 => None,
        7 | 10 if b[4] == b'-' => Some(digits(5..7)?),
        _ => return None,
    };
    let day = match b.len() {
        10 if b[7] == b'-' => Some(digits(8..10)?),
        10 => return None,
        _ => None,
    };
    let month = match month {
        Some(m @ 1..=12) => Some(m as u8),
        Some(_) => return None,
        None => None,
    };
    if let Some(d) = day
        && (d == 0 || d > u32::from(days_in_month(year, month.unwrap_or(1))))
    {
        return None;
    }
    Some(FuzzyDate {
        year,
        month,
        day: day.map(|d| d as u8),
        time: None,
        precision: match (month, day) {
            (None, _) => Precision::Year,
            (Some(_), None) => Precision::Month,
            (Some(_), Some(_)) => Precision::Day,
        },
        approximate: false,
        uncertain: false,
    })
}

impl FromStr for FuzzyDate {
    type Err = DateParseError;

    fn from_str(input: &str) -> Result<Self, Self::Err> {
        match plain_date(trim(input)) {
            Some(date) => Ok(date),
            None => parse_fuzzy_date(input),
        }
    }
}

/// The general reader of [`FuzzyDate`]s.
fn parse_fuzzy_date(input: &str) -> Result<FuzzyDate, DateParseError> {
    let text = trim(input);
    let (text, approximate, uncertain) = match text.chars().last() {
        Some('~') => (&text[..text.len() - 1], true, false),
        Some('?') => (&text[..text.len() - 1], false, true),
        Some('%') => (&text[..text.len() - 1], true, true),
        _ => (text, false, false),
    };
    let (date_part, time_part) = match text.split_once(['T', 't']) {
        Some((d, t)) => (d, Some(t)),
        None => (text, None),
    };
    // Year: optional `Y`, optional sign, digits (trailing X for unspecified digits).
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
    let rest = &rest[year_len..];
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
    let (time, time_precision) = match time_part {
        None => (None, None),
        Some(t) => {
            if day.is_none() {
                return Err(parse_error(
                    input,
                    "a time of day needs a full date before T",
                ));
            }
            let (clock, offset_secs) = split_offset(input, t)?;
            let fields: Vec<&str> = clock.split(':').collect();
            let (h, m, s, precision) = match fields.as_slice() {
                [h] => (
                    parse_number(input, h, 2, 0, 23, "hour")?,
                    0,
                    0,
                    Precision::Hour,
                ),
                [h, m] => (
                    parse_number(input, h, 2, 0, 23, "hour")?,
                    parse_number(input, m, 2, 0, 59, "minute")?,
                    0,
                    Precision::Minute,
                ),
                [h, m, s] => {
                    // Fractions of a second are accepted and dropped: the model counts seconds.
                    let whole = s.split(['.', ',']).next().unwrap_or_default();
                    (
                        parse_number(input, h, 2, 0, 23, "hour")?,
                        parse_number(input, m, 2, 0, 59, "minute")?,
                        parse_number(input, whole, 2, 0, 59, "second")?,
                        Precision::Second,
                    )
                }
                _ => {
                    return Err(parse_error(
                        input,
                        "expected a time as HH, HH:MM or HH:MM:SS",
                    ));
                }
            };
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
                    precision,
                    approximate,
                    uncertain,
                });
            }
            (Some((utc.hour, utc.minute, utc.second)), Some(precision))
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
        precision,
        approximate,
        uncertain,
    })
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

/// Which end of the referenced event a relative date counts from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Anchor {
    /// `@{id}`: from the start of the event.
    Start,
    /// `@{id.end}`: from the end of the event (its start, for a point event).
    End,
}

/// A date given relative to another event, with an offset range.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RelativeDate {
    /// The id of the event the date counts from.
    pub event: String,
    /// Which end of that event.
    pub anchor: Anchor,
    /// The smaller offset (`-P24M` in "18 to 24 months before").
    pub offset_min: CalendarDuration,
    /// The larger offset (`-P18M`); equal to `offset_min` when a single offset was given.
    pub offset_max: CalendarDuration,
}

impl fmt::Display for RelativeDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "@{{{}", self.event)?;
        if self.anchor == Anchor::End {
            write!(f, ".end")?;
        }
        write!(f, "}}")?;
        if self.offset_min == self.offset_max {
            if !self.offset_min.is_zero() {
                write!(f, "{}", self.offset_min)?;
            }
        } else {
            write!(f, "{}..{}", self.offset_min, self.offset_max)?;
        }
        Ok(())
    }
}

fn parse_relative(input: &str, text: &str) -> Result<RelativeDate, DateParseError> {
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

/// One end of an event's time.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Endpoint {
    /// A calendar date.
    Date(FuzzyDate),
    /// EDTF "one of a set", `[2018-01-01..2018-01-07]`: a single date somewhere from the first
    /// to the second (inclusive), as when a source gives only the week.
    /// Boxed: rare, and it would double the size of every endpoint.
    OneOf(Box<(FuzzyDate, FuzzyDate)>),
    /// A date relative to another event (boxed: rare, and large).
    Relative(Box<RelativeDate>),
    /// `..`: the interval runs on without end (or from before any start).
    Open,
    /// Empty: the end exists but is not known.
    Unknown,
}

impl Endpoint {
    /// Whether the endpoint's bounds come from elsewhere (relative) or are open or unknown.
    pub fn is_exact(&self) -> bool {
        match self {
            Self::Date(d) => !d.approximate && !d.uncertain,
            _ => false,
        }
    }
}

impl fmt::Display for Endpoint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Date(d) => d.fmt(f),
            Self::OneOf(pair) => write!(f, "[{}..{}]", pair.0, pair.1),
            Self::Relative(r) => r.fmt(f),
            Self::Open => write!(f, ".."),
            Self::Unknown => Ok(()),
        }
    }
}

impl FromStr for Endpoint {
    type Err = DateParseError;

    fn from_str(input: &str) -> Result<Self, Self::Err> {
        let text = trim(input);
        if text == ".." {
            Ok(Self::Open)
        } else if text.is_empty() {
            Ok(Self::Unknown)
        } else if text.starts_with('@') {
            parse_relative(input, text).map(|r| Self::Relative(Box::new(r)))
        } else if let Some(inner) = text.strip_prefix('[') {
            let hint = "expected a range of dates as [2018-01-01..2018-01-07]";
            let inner = inner
                .strip_suffix(']')
                .ok_or_else(|| parse_error(input, hint))?;
            let (a, b) = inner
                .split_once("..")
                .ok_or_else(|| parse_error(input, hint))?;
            let (a, b): (FuzzyDate, FuzzyDate) = (a.parse()?, b.parse()?);
            if b.bounds().latest < a.bounds().earliest {
                return Err(parse_error(
                    input,
                    "the range ends before it starts: expected [earlier..later]",
                ));
            }
            Ok(Self::OneOf(Box::new((a, b))))
        } else {
            text.parse().map(Self::Date)
        }
    }
}

/// When an event happened, as written: one endpoint (a point in time, or a single date with its
/// own span such as a month) or an interval of two.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TimeSpec {
    /// The start, or the only endpoint.
    pub start: Endpoint,
    /// The end of an interval; `None` for a point event.
    pub end: Option<Endpoint>,
}

impl TimeSpec {
    /// Whether the event is an interval (`a/b`), not a single date.
    pub fn is_interval(&self) -> bool {
        self.end.is_some()
    }

    /// The ids of events this time refers to.
    pub fn references(&self) -> impl Iterator<Item = &RelativeDate> {
        [Some(&self.start), self.end.as_ref()]
            .into_iter()
            .flatten()
            .filter_map(|e| match e {
                Endpoint::Relative(r) => Some(&**r),
                _ => None,
            })
    }
}

impl fmt::Display for TimeSpec {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.start.fmt(f)?;
        if let Some(end) = &self.end {
            write!(f, "/{end}")?;
        }
        Ok(())
    }
}

impl FromStr for TimeSpec {
    type Err = DateParseError;

    fn from_str(input: &str) -> Result<Self, Self::Err> {
        let text = trim(input);
        if text.is_empty() {
            return Err(parse_error(input, DATE_HINT));
        }
        // Split on the first '/' that is not inside an `@{…}` reference.
        let mut depth = 0usize;
        let mut split = None;
        for (i, ch) in text.char_indices() {
            match ch {
                '{' => depth += 1,
                '}' => depth = depth.saturating_sub(1),
                '/' if depth == 0 => {
                    split = Some(i);
                    break;
                }
                _ => {}
            }
        }
        match split {
            None => {
                let start: Endpoint = text.parse()?;
                if matches!(start, Endpoint::Open) {
                    return Err(parse_error(
                        input,
                        "'..' only makes sense as one end of an interval",
                    ));
                }
                Ok(Self { start, end: None })
            }
            Some(i) => {
                let start: Endpoint = text[..i].parse()?;
                let end: Endpoint = text[i + 1..].parse()?;
                let endless = |e: &Endpoint| matches!(e, Endpoint::Open | Endpoint::Unknown);
                if endless(&start) && endless(&end) {
                    return Err(parse_error(
                        input,
                        "an interval needs at least one known end",
                    ));
                }
                Ok(Self {
                    start,
                    end: Some(end),
                })
            }
        }
    }
}

#[cfg(test)]
mod plain_date_tests {
    use super::{parse_fuzzy_date, plain_date};

    #[test]
    fn the_fast_path_agrees_with_the_general_reader() {
        let mut inputs: Vec<String> = ["2018", "0000", "2018-01", "2016-02-29", "2018-12-31"]
            .map(str::to_owned)
            .to_vec();
        for year in [0, 1, 1900, 1999, 2000, 2018, 2024, 9999] {
            for month in 0..=13 {
                for day in [0, 1, 28, 29, 30, 31, 32] {
                    inputs.push(format!("{year:04}-{month:02}-{day:02}"));
                }
                inputs.push(format!("{year:04}-{month:02}"));
            }
        }
        let mut fast = 0;
        for input in &inputs {
            if let Some(date) = plain_date(input) {
                fast += 1;
                assert_eq!(Ok(date), parse_fuzzy_date(input), "{input}");
            } else {
                assert!(
                    input.len() != 10 || parse_fuzzy_date(input).is_err(),
                    "{input} is a plain date the fast path missed"
                );
            }
        }
        assert!(fast > 500, "{fast}");
    }
}

#[cfg(test)]
mod tests {
    use super::{Anchor, Bounds, Endpoint, FuzzyDate, Precision, TimeSpec, parse_duration};
    use crate::model::time::{CalendarDuration, CivilDateTime, Timestamp};

    fn day(y: i64, m: u8, d: u8) -> Timestamp {
        CivilDateTime::date(y, m, d).timestamp()
    }

    fn date(s: &str) -> FuzzyDate {
        s.parse().unwrap_or_else(|e| panic!("{s}: {e}"))
    }

    #[test]
    fn an_hour_with_an_offset_of_odd_minutes_reads_back_at_hour_precision() {
        // Found by the date fuzzer: `T10-02:01` is 12:01 UTC for an hour, written `T12Z`.
        for text in [
            "2468-06-04T10-02:01",
            "2018-01-04T10+05:45?",
            "2018-01-04T23-00:59",
        ] {
            let date: FuzzyDate = text.parse().unwrap_or_else(|e| panic!("{text}: {e}"));
            assert_eq!(date.precision, Precision::Hour);
            let written = date.to_string();
            assert_eq!(
                written.parse::<FuzzyDate>(),
                Ok(date.clone()),
                "{text} → {written}"
            );
        }
        let date: FuzzyDate = "2468-06-04T10-02:01"
            .parse()
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(date.to_string(), "2468-06-04T12-00:01");
        let bounds = date.bounds();
        assert_eq!(bounds.latest.0 - bounds.earliest.0, 3_600);
    }

    #[test]
    fn every_precision_resolves_to_its_span() {
        let cases = [
            (
                "2018-01-04",
                day(2018, 1, 4),
                day(2018, 1, 5),
                Precision::Day,
            ),
            (
                "2018-03",
                day(2018, 3, 1),
                day(2018, 4, 1),
                Precision::Month,
            ),
            ("2016", day(2016, 1, 1), day(2017, 1, 1), Precision::Year),
            ("201X", day(2010, 1, 1), day(2020, 1, 1), Precision::Decade),
            ("19XX", day(1900, 1, 1), day(2000, 1, 1), Precision::Century),
        ];
        for (text, earliest, latest, precision) in cases {
            let d = date(text);
            assert_eq!(d.precision, precision, "{text}");
            assert_eq!(d.bounds(), Bounds { earliest, latest }, "{text}");
            assert_eq!(d.to_string(), text, "round trip");
        }
        let minute = date("2018-01-04T14:05Z");
        assert_eq!(minute.precision, Precision::Minute);
        assert_eq!(minute.bounds().span_secs(), 60);
        let second = date("2018-01-04T14:05:09Z");
        assert_eq!(second.precision, Precision::Second);
        assert_eq!(
            second.bounds().earliest.0 - day(2018, 1, 4).0,
            14 * 3600 + 5 * 60 + 9
        );
    }

    #[test]
    fn offsets_are_kept_in_utc_and_may_change_the_day() {
        let d = date("2018-01-04T01:30+04:00");
        assert_eq!(d.to_string(), "2018-01-03T21:30Z");
        let d = date("2018-01-04T23:30:00-0100");
        assert_eq!(d.to_string(), "2018-01-05T00:30:00Z");
    }

    #[test]
    fn a_day_is_never_shifted() {
        // Regression for the vis-timeline bug where a bare date moved with the viewer's zone.
        let d = date("2018-01-04");
        assert_eq!(d.bounds().earliest.civil(), CivilDateTime::date(2018, 1, 4));
    }

    #[test]
    fn approximate_widens_by_one_unit_and_uncertain_does_not() {
        let around = date("2016-06~");
        assert!(around.approximate);
        assert_eq!(around.bounds().earliest, day(2016, 5, 1));
        assert_eq!(around.bounds().latest, day(2016, 8, 1));
        assert_eq!(around.describe(), "around June 2016");
        let unsure = date("2016?");
        assert!(unsure.uncertain && !unsure.approximate);
        assert_eq!(unsure.bounds().earliest, day(2016, 1, 1));
        assert_eq!(date("2016%").to_string(), "2016%");
    }

    #[test]
    fn bce_and_long_years() {
        let ides = date("-0043-03-15");
        assert_eq!(ides.year, -43);
        assert_eq!(ides.describe(), "15 March 44 BCE");
        assert_eq!(ides.to_string(), "-0043-03-15");
        let big_bang = date("Y-13800000000");
        assert_eq!(big_bang.year, -13_800_000_000);
        assert_eq!(big_bang.to_string(), "Y-13800000000");
        assert!(big_bang.bounds().earliest < ides.bounds().earliest);
    }

    #[test]
    fn bad_dates_say_what_was_expected() {
        for (text, needle) in [
            ("2018-13", "month as 2 digits from 01 to 12"),
            ("2016-02-30", "day as 2 digits from 01 to 29"),
            ("2019-02-29", "day as 2 digits from 01 to 28"),
            ("18-01-04", "four-digit year"),
            ("Jan 4", "expected a date"),
            ("2018-01-04T25:00", "hour"),
            ("2018-01T10:00", "full date"),
            ("20X8", "last digits"),
            ("201X-03", "cannot have a month"),
            ("", "expected a date"),
        ] {
            let err = text.parse::<TimeSpec>().err();
            let message = err.map(|e| e.to_string()).unwrap_or_default();
            assert!(message.contains(needle), "{text:?}: {message}");
        }
    }

    #[test]
    fn intervals_open_and_unknown_ends() {
        let t: TimeSpec = "2015-09-30/2016-03"
            .parse()
            .unwrap_or_else(|e| panic!("{e}"));
        assert!(t.is_interval());
        assert_eq!(t.to_string(), "2015-09-30/2016-03");
        let open: TimeSpec = "2015/..".parse().unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(open.end, Some(Endpoint::Open));
        let unknown: TimeSpec = "2015/".parse().unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(unknown.end, Some(Endpoint::Unknown));
        assert!("../..".parse::<TimeSpec>().is_err());
        assert!("..".parse::<TimeSpec>().is_err());
    }

    #[test]
    fn relative_dates_with_offset_ranges() {
        let t: TimeSpec = "@{bbc-interview}-P24M..-P18M/@{bbc-interview}"
            .parse()
            .unwrap_or_else(|e| panic!("{e}"));
        let refs: Vec<_> = t.references().collect();
        assert_eq!(refs.len(), 2);
        assert_eq!(refs[0].event, "bbc-interview");
        assert_eq!(refs[0].offset_min.months, -24);
        assert_eq!(refs[0].offset_max.months, -18);
        assert_eq!(
            t.to_string(),
            "@{bbc-interview}-P24M..-P18M/@{bbc-interview}"
        );
        let end: TimeSpec = "@{a/b.end}+P1D".parse().unwrap_or_else(|e| panic!("{e}"));
        let r = end.references().next().map(|r| (r.event.clone(), r.anchor));
        assert_eq!(r, Some(("a/b".to_owned(), Anchor::End)));
        assert!("@{}".parse::<TimeSpec>().is_err());
        assert!("@{x}P3D".parse::<TimeSpec>().is_err());
    }

    #[test]
    fn hours_and_one_of_a_range() {
        let hour = date("2018-01-04T14");
        assert_eq!(hour.precision, Precision::Hour);
        assert_eq!(hour.bounds().span_secs(), 3600);
        assert_eq!(hour.to_string(), "2018-01-04T14Z");
        let week: TimeSpec = "[2018-01-01..2018-01-07]"
            .parse()
            .unwrap_or_else(|e| panic!("{e}"));
        assert!(matches!(week.start, Endpoint::OneOf(..)));
        assert_eq!(week.to_string(), "[2018-01-01..2018-01-07]");
        assert!("[2018-01-07..2018-01-01]".parse::<TimeSpec>().is_err());
        assert!("[2018-01-07]".parse::<TimeSpec>().is_err());
    }

    #[test]
    fn durations() {
        let d = parse_duration("", "+P1Y2M10DT2H30M").unwrap_or_default();
        assert_eq!(d.months, 14);
        assert_eq!(d.secs, 10 * 86_400 + 2 * 3600 + 30 * 60);
        assert_eq!(parse_duration("", "-P2W").map(|d| d.secs), Ok(-14 * 86_400));
        assert!(parse_duration("", "P1D").is_err());
        assert!(parse_duration("", "+P").is_err());
        assert!(parse_duration("", "+P1X").is_err());
        // Regression: this overflowed i64 (tests/fixtures/fuzz/duration-overflow.json).
        let long = parse_duration("", "+P999999999999999999Y")
            .err()
            .map(|e| e.message);
        assert!(long.unwrap_or_default().contains("too long"));
        assert_eq!(CalendarDuration { months: 0, secs: 0 }.to_string(), "+P0D");
    }

    #[test]
    fn bounds_in_words() {
        let b = |a, z| Bounds {
            earliest: a,
            latest: z,
        };
        assert_eq!(b(day(2018, 1, 4), day(2018, 1, 5)).describe(), "4 Jan 2018");
        assert_eq!(b(day(2018, 3, 1), day(2018, 4, 1)).describe(), "Mar 2018");
        assert_eq!(b(day(2016, 1, 1), day(2017, 1, 1)).describe(), "2016");
        assert_eq!(
            b(day(2016, 3, 1), day(2016, 10, 1)).describe(),
            "between Mar 2016 and Sep 2016"
        );
        assert_eq!(
            b(day(2017, 12, 31), day(2018, 1, 3)).describe(),
            "between 31 Dec 2017 and 2 Jan 2018"
        );
    }
}
