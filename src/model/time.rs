//! Instants on one continuous, calendar-free axis, and the proleptic Gregorian calendar on it.
//!
//! A [`Timestamp`] is a count of seconds since 1970-01-01T00:00:00 UTC. Years are astronomical
//! (year 0 is 1 BCE, year -1 is 2 BCE). The arithmetic works on `i64` throughout, so years up to
//! ±[`MAX_ABS_YEAR`] work: far beyond chrono's ±262,000 years, as geological and cosmological
//! timelines need. This module does no parsing and no I/O; see `DESIGN.md` for why time is not
//! a `chrono::DateTime`.

use std::fmt;

/// Seconds in one civil day (no leap seconds: UTC as drawn on a timeline).
pub const SECS_PER_DAY: i64 = 86_400;

/// The largest absolute astronomical year we accept: 100 billion years keeps every second of
/// the range inside `i64` (1e11 years ≈ 3.2e18 s < 9.2e18).
pub const MAX_ABS_YEAR: i64 = 100_000_000_000;

/// Short English month names, index 0 = January.
pub const MONTH_ABBREV: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// Full English month names, index 0 = January.
pub const MONTH_NAMES: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// An instant: seconds since 1970-01-01T00:00:00 UTC on the proleptic Gregorian calendar.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Timestamp(pub i64);

impl Timestamp {
    /// The instant as seconds since the Unix epoch, as `f64` for screen maths.
    pub fn as_f64(self) -> f64 {
        self.0 as f64
    }

    /// The civil date and time (UTC) of this instant.
    pub fn civil(self) -> CivilDateTime {
        let days = self.0.div_euclid(SECS_PER_DAY);
        let secs_of_day = self.0.rem_euclid(SECS_PER_DAY);
        let (year, month, day) = civil_from_days(days);
        CivilDateTime {
            year,
            month,
            day,
            hour: (secs_of_day / 3600) as u8,
            minute: ((secs_of_day / 60) % 60) as u8,
            second: (secs_of_day % 60) as u8,
        }
    }

    /// Whether the instant lies within years ±[`MAX_ABS_YEAR`].
    pub fn is_in_range(self) -> bool {
        let limit = (MAX_ABS_YEAR + 1) * 366 * SECS_PER_DAY;
        self.0.abs() < limit
    }

    /// The current wall-clock time.
    pub fn now() -> Self {
        Self(chrono::Utc::now().timestamp())
    }

    /// This instant moved by a calendar duration: months first (clamping the day to the
    /// month's length, as "31 Jan + 1 month = 28/29 Feb"), then seconds.
    ///
    /// Never overflows: a result beyond twice [`MAX_ABS_YEAR`] is held there, which callers
    /// then reject as out of range ([`Timestamp::is_in_range`]).
    pub fn plus(self, duration: CalendarDuration) -> Self {
        let mut t = self;
        if duration.months != 0 {
            let c = t.civil();
            let limit = 2 * 12 * MAX_ABS_YEAR;
            let total = (c.year * 12 + i64::from(c.month) - 1)
                .saturating_add(duration.months)
                .clamp(-limit, limit);
            let year = total.div_euclid(12);
            let month = (total.rem_euclid(12) + 1) as u8;
            let day = c.day.min(days_in_month(year, month));
            t = CivilDateTime {
                year,
                month,
                day,
                ..c
            }
            .timestamp();
        }
        let limit = 2 * 366 * SECS_PER_DAY * MAX_ABS_YEAR;
        Self(t.0.saturating_add(duration.secs).clamp(-limit, limit))
    }
}

/// A date and time of day on the proleptic Gregorian calendar, in UTC.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct CivilDateTime {
    /// Astronomical year: 0 is 1 BCE.
    pub year: i64,
    /// Month, 1..=12.
    pub month: u8,
    /// Day of the month, 1..=31.
    pub day: u8,
    /// Hour, 0..=23.
    pub hour: u8,
    /// Minute, 0..=59.
    pub minute: u8,
    /// Second, 0..=59.
    pub second: u8,
}

impl CivilDateTime {
    /// Midnight at the start of the given day.
    pub fn date(year: i64, month: u8, day: u8) -> Self {
        Self {
            year,
            month,
            day,
            hour: 0,
            minute: 0,
            second: 0,
        }
    }

    /// The instant of this date and time.
    pub fn timestamp(self) -> Timestamp {
        let days = days_from_civil(self.year, self.month, self.day);
        Timestamp(
            days * SECS_PER_DAY
                + i64::from(self.hour) * 3600
                + i64::from(self.minute) * 60
                + i64::from(self.second),
        )
    }
}

/// A signed span of calendar time: whole months (calendar-aware) plus seconds.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct CalendarDuration {
    /// Whole months (a year is 12).
    pub months: i64,
    /// Seconds added after the months.
    pub secs: i64,
}

impl CalendarDuration {
    /// The duration pointing the other way.
    pub fn negated(self) -> Self {
        Self {
            months: -self.months,
            secs: -self.secs,
        }
    }

    /// Whether the duration is zero.
    pub fn is_zero(self) -> bool {
        self.months == 0 && self.secs == 0
    }
}

impl fmt::Display for CalendarDuration {
    /// ISO 8601 notation with a sign: `-P24M`, `+P1Y2M3DT4H`, `+P0D`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let negative = self.months < 0 || (self.months == 0 && self.secs < 0);
        let months = self.months.abs();
        let secs = self.secs.abs();
        write!(f, "{}P", if negative { '-' } else { '+' })?;
        let (days, rest) = (secs / SECS_PER_DAY, secs % SECS_PER_DAY);
        let (hours, minutes, seconds) = (rest / 3600, (rest / 60) % 60, rest % 60);
        // Months stay months ("18 to 24 months" reads back as -P24M..-P18M): the model keeps
        // no record of whether the source said "2 years" or "24 months".
        if months != 0 {
            write!(f, "{months}M")?;
        }
        if days > 0 {
            write!(f, "{days}D")?;
        }
        if hours > 0 || minutes > 0 || seconds > 0 {
            write!(f, "T")?;
            if hours > 0 {
                write!(f, "{hours}H")?;
            }
            if minutes > 0 {
                write!(f, "{minutes}M")?;
            }
            if seconds > 0 {
                write!(f, "{seconds}S")?;
            }
        }
        if self.is_zero() {
            write!(f, "0D")?;
        }
        Ok(())
    }
}

/// Whether `year` (astronomical) is a Gregorian leap year.
pub fn is_leap_year(year: i64) -> bool {
    year.rem_euclid(4) == 0 && (year.rem_euclid(100) != 0 || year.rem_euclid(400) == 0)
}

/// The number of days in `month` (1..=12) of `year`.
pub fn days_in_month(year: i64, month: u8) -> u8 {
    match month {
        2 if is_leap_year(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 of a civil date (Howard Hinnant's algorithm, in `i64`).
pub fn days_from_civil(year: i64, month: u8, day: u8) -> i64 {
    let month = i64::from(month);
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let year_of_era = year - era * 400;
    let month_from_march = if month > 2 { month - 3 } else { month + 9 };
    let day_of_year = (153 * month_from_march + 2) / 5 + i64::from(day) - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

/// The civil date `(year, month, day)` of a count of days since 1970-01-01.
pub fn civil_from_days(days: i64) -> (i64, u8, u8) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z - era * 146_097;
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let mp = (5 * day_of_year + 2) / 153;
    let day = (day_of_year - (153 * mp + 2) / 5 + 1) as u8;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

/// A year written for people: `2018`, `44 BCE` (astronomical -43); deep time as
/// `250,000 years ago`, `65 million years ago`, `13.8 billion years ago` (where a year either way
/// is below the precision anyone means).
pub fn year_label(year: i64) -> String {
    if year <= -DEEP_TIME_YEARS {
        let ago = year.unsigned_abs();
        return if ago >= 1_000_000_000 {
            format!("{} billion years ago", trim_decimals(ago as f64 / 1e9))
        } else if ago >= 1_000_000 {
            format!("{} million years ago", trim_decimals(ago as f64 / 1e6))
        } else {
            format!("{} years ago", group_thousands(ago as i64))
        };
    }
    if year <= 0 {
        format!("{} BCE", group_thousands(1 - year))
    } else if year >= 100_000 {
        group_thousands(year)
    } else {
        year.to_string()
    }
}

/// Years before this many BCE are written as "years ago".
pub const DEEP_TIME_YEARS: i64 = 100_000;

/// `13.80` → `13.8`, `65.000` → `65`, at most three decimals.
fn trim_decimals(x: f64) -> String {
    let text = format!("{x:.3}");
    text.trim_end_matches('0').trim_end_matches('.').to_owned()
}

/// A span of seconds in words, in its largest whole unit: `3 days`, `2 hours`, `90 seconds`.
pub fn duration_words(secs: i64) -> String {
    let secs = secs.abs();
    for (unit, size) in [
        ("week", 7 * 86_400),
        ("day", 86_400),
        ("hour", 3_600),
        ("minute", 60),
    ] {
        if secs >= size && secs % size == 0 {
            let n = secs / size;
            return format!("{n} {unit}{}", if n == 1 { "" } else { "s" });
        }
    }
    format!("{secs} second{}", if secs == 1 { "" } else { "s" })
}

/// `1234567` → `1,234,567`.
pub fn group_thousands(n: i64) -> String {
    let digits = n.unsigned_abs().to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 1);
    if n < 0 {
        out.push('-');
    }
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(ch);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{
        CalendarDuration, CivilDateTime, Timestamp, civil_from_days, days_from_civil,
        group_thousands, year_label,
    };

    #[test]
    fn epoch_and_known_days() {
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        assert_eq!(days_from_civil(2018, 1, 4), 17_535);
        assert_eq!(days_from_civil(2000, 3, 1), 11_017);
        assert_eq!(civil_from_days(17_535), (2018, 1, 4));
    }

    #[test]
    fn round_trip_over_wide_range_including_bce() {
        for days in (-3_000_000..3_000_000).step_by(997) {
            let (y, m, d) = civil_from_days(days);
            assert_eq!(days_from_civil(y, m, d), days, "day {days} = {y}-{m}-{d}");
        }
    }

    #[test]
    fn cosmological_years_fit() {
        let t = CivilDateTime::date(-13_800_000_000, 1, 1).timestamp();
        assert_eq!(t.civil().year, -13_800_000_000);
        assert!(t.0 < -400_000_000_000_000_000);
    }

    #[test]
    fn matches_chrono_where_chrono_works() {
        use chrono::{Datelike as _, Timelike as _};
        // Both ways, over the whole of chrono's range (years -262143 to 262142, BCE and far
        // future) in steps of a little over a year that wander through the days and the
        // seconds, and every hour of the years where calendars turn.
        let first = chrono::NaiveDateTime::MIN.and_utc().timestamp();
        let last = chrono::NaiveDateTime::MAX.and_utc().timestamp();
        let step = 31_556_952 + 86_400 * 13 + 3_607;
        let sweep = (0..).map(|k| first + k * step).take_while(|&t| t <= last);
        let edges = [-1_i64, 0, 1, 1582, 1900, 1970, 2000, 2100]
            .into_iter()
            .flat_map(|year| {
                let start = chrono::NaiveDate::from_ymd_opt(year as i32, 1, 1)
                    .and_then(|d| d.and_hms_opt(0, 0, 0))
                    .map_or(0, |d| d.and_utc().timestamp());
                (0..366 * 24).map(move |h| start + h * 3_600 + h % 60)
            });
        let mut compared = 0;
        for t in sweep.chain(edges).chain([first, last]) {
            let Some(theirs) = chrono::DateTime::from_timestamp(t, 0).map(|d| d.naive_utc()) else {
                panic!("chrono cannot show {t}");
            };
            let ours = Timestamp(t).civil();
            let expected = CivilDateTime {
                year: i64::from(theirs.year()),
                month: theirs.month() as u8,
                day: theirs.day() as u8,
                hour: theirs.hour() as u8,
                minute: theirs.minute() as u8,
                second: theirs.second() as u8,
            };
            assert_eq!(ours, expected, "at {t}");
            assert_eq!(expected.timestamp(), Timestamp(t), "{expected:?}");
            compared += 1;
        }
        assert!(compared > 8 * 366 * 24 + 500_000, "{compared}");
    }

    #[test]
    fn month_arithmetic_clamps_day() {
        let jan31 = CivilDateTime::date(2016, 1, 31).timestamp();
        let plus_one = jan31.plus(CalendarDuration { months: 1, secs: 0 });
        assert_eq!(plus_one.civil(), CivilDateTime::date(2016, 2, 29));
        let mar = CivilDateTime::date(2018, 3, 15).timestamp();
        let back = mar.plus(CalendarDuration {
            months: -24,
            secs: 0,
        });
        assert_eq!(back.civil(), CivilDateTime::date(2016, 3, 15));
    }

    #[test]
    fn labels() {
        assert_eq!(year_label(2018), "2018");
        assert_eq!(year_label(0), "1 BCE");
        assert_eq!(year_label(-43), "44 BCE");
        assert_eq!(year_label(-13_800_000_000), "13.8 billion years ago");
        assert_eq!(year_label(-65_000_000), "65 million years ago");
        assert_eq!(year_label(-250_000), "250,000 years ago");
        assert_eq!(year_label(-99_998), "99,999 BCE");
        assert_eq!(group_thousands(-1234), "-1,234");
        assert_eq!(
            CalendarDuration {
                months: -24,
                secs: 0
            }
            .to_string(),
            "-P24M"
        );
        assert_eq!(
            CalendarDuration {
                months: 12,
                secs: 86_400
            }
            .to_string(),
            "+P12M1D"
        );
        assert_eq!(Timestamp(0).civil(), CivilDateTime::date(1970, 1, 1));
    }
}
