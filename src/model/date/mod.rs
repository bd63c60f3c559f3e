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
//! | `…T04:17:38.276340Z` | a millisecond, microsecond or nanosecond (the fraction is kept in [`FuzzyDate::nanos`]; bounds stay whole seconds) |
//! | `-0043-03-15`, `Y-13800000000` | astronomical years (year 0 = 1 BCE); `Y` for more than 4 digits |
//! | `2016-06~`, `2016?`, `2016%` | approximate, uncertain, both |
//! | `2015-09-30/2016-03` | an interval: each end has its own precision |
//! | `2015/..`, `../2018`, `2015/` | open end, open start, unknown end |
//! | `@{bbc-interview}-P24M..-P18M` | 24 to 18 months before the start of event `bbc-interview` |
//! | `@{talks.end}+P1D` | one day after the end of event `talks` |
//!
//! Forms also take dates as people write them ("10 Jan 2018", "10/01/2018"): see
//! [`read_typed_time`]; they are stored in this notation.

mod parse;
mod spec;
#[cfg(test)]
mod tests;
mod written;

pub use parse::parse_duration;
use parse::{parse_fuzzy_date, parse_relative};
pub use spec::{Endpoint, TimeSpec};
pub use written::{DayOrder, read_typed_date, read_typed_time};

use std::fmt;
use std::str::FromStr;

use super::time::{
    CalendarDuration, CivilDateTime, MONTH_ABBREV, MONTH_NAMES, SECS_PER_DAY, Timestamp,
    days_in_month, year_label,
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
    /// `2018-01-04T14:05:09.123`: one to three digits after the second.
    Millisecond,
    /// `2012-03-14T04:17:38.276340`: four to six digits, as Timesketch and Plaso write.
    Microsecond,
    /// `…T04:17:38.276340123`: seven to nine digits (more are dropped).
    Nanosecond,
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
            Self::Millisecond => "millisecond",
            Self::Microsecond => "microsecond",
            Self::Nanosecond => "nanosecond",
        }
    }

    /// How many digits after the second the precision writes: 0 to the second and coarser.
    pub fn fraction_digits(self) -> usize {
        match self {
            Self::Millisecond => 3,
            Self::Microsecond => 6,
            Self::Nanosecond => 9,
            _ => 0,
        }
    }

    /// The finer-than-a-second precision of `digits` written after the second (1 to 9 or
    /// more); [`Precision::Second`] for none.
    pub fn of_fraction_digits(digits: usize) -> Self {
        match digits {
            0 => Self::Second,
            1..=3 => Self::Millisecond,
            4..=6 => Self::Microsecond,
            _ => Self::Nanosecond,
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
        if self.span_secs() <= 1 {
            // One second (a time to the second, or finer): that second, not "between 04:17
            // and 04:17".
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
    } else if c.second == 0 {
        format!("{} {:02}:{:02} UTC", day_label(c), c.hour, c.minute)
    } else {
        format!(
            "{} {:02}:{:02}:{:02} UTC",
            day_label(c),
            c.hour,
            c.minute,
            c.second
        )
    }
}

/// A calendar date as written, with its precision and EDTF qualifiers.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
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
    /// Nanoseconds past the second, below 1,000,000,000; non-zero only with
    /// [`Precision::Millisecond`] and finer. [`Timestamp`]s count whole seconds: the fraction
    /// is kept here, as written, for the words, the notation and the order within a second.
    pub nanos: u32,
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
            nanos: 0,
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
            // Bounds are whole seconds: a finer time lies within its second.
            Precision::Second
            | Precision::Millisecond
            | Precision::Microsecond
            | Precision::Nanosecond => (0, 1),
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
            Precision::Hour
            | Precision::Minute
            | Precision::Second
            | Precision::Millisecond
            | Precision::Microsecond
            | Precision::Nanosecond => {
                let (h, m, s) = self.time.unwrap_or((0, 0, 0));
                let clock = match self.precision {
                    Precision::Second => format!("{h:02}:{m:02}:{s:02}"),
                    Precision::Minute => format!("{h:02}:{m:02}"),
                    Precision::Hour => format!("{h:02}h"),
                    _ => format!("{h:02}:{m:02}:{s:02}{}", self.fraction_text()),
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
            if self.precision >= Precision::Second {
                write!(f, ":{s:02}{}", self.fraction_text())?;
            }
            write!(f, "Z")?;
        }
        self.write_qualifiers(f)
    }
}

impl FuzzyDate {
    /// The fraction of a second as written, `.276340`, with as many digits as the precision
    /// has; empty to the second and coarser.
    pub fn fraction_text(&self) -> String {
        let digits = self.precision.fraction_digits();
        if digits == 0 {
            return String::new();
        }
        let all = format!("{:09}", self.nanos.min(999_999_999));
        format!(".{}", &all[..digits])
    }

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
        nanos: 0,
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
        // An id that itself ends like an anchor (`.start`) needs its anchor written out, or it
        // would read back as a shorter id (the date fuzzer found `@{.start.start}`).
        let is_ambiguous = self.event.ends_with(".start") || self.event.ends_with(".end");
        match self.anchor {
            Anchor::End => write!(f, ".end")?,
            Anchor::Start if is_ambiguous => write!(f, ".start")?,
            Anchor::Start => {}
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
