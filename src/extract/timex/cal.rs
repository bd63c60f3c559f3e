//! Calendar values the rules compute with: a point of some granularity (a day, an ISO week, a
//! quarter, a season, a decade …) that can be shifted by whole units and printed as a TimeML
//! `value`, and durations (`P18M`, `PXY`). No text, no rules.

use chrono::{Datelike, Duration, NaiveDate};

/// A unit of calendar time, as durations and relative expressions count it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Unit {
    /// Seconds.
    Second,
    /// Minutes.
    Minute,
    /// Hours.
    Hour,
    /// Days.
    Day,
    /// Weekends (Saturday and Sunday).
    Weekend,
    /// ISO weeks.
    Week,
    /// Calendar months.
    Month,
    /// Calendar quarters.
    Quarter,
    /// Half years.
    Half,
    /// Years.
    Year,
    /// Decades (the 1990s).
    Decade,
    /// Centuries (the 1900s).
    Century,
}

impl Unit {
    /// The ISO 8601 / TimeML duration letter(s), and whether it belongs after `T`.
    pub fn letter(self) -> (&'static str, bool) {
        match self {
            Self::Second => ("S", true),
            Self::Minute => ("M", true),
            Self::Hour => ("H", true),
            Self::Day => ("D", false),
            Self::Weekend => ("WE", false),
            Self::Week => ("W", false),
            Self::Month => ("M", false),
            Self::Quarter => ("Q", false),
            Self::Half => ("H", false),
            Self::Year => ("Y", false),
            Self::Decade => ("DE", false),
            Self::Century => ("CE", false),
        }
    }
}

/// A season, as TimeML writes it (`SP`, `SU`, `FA`, `WI`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Season {
    /// March to May.
    Spring,
    /// June to August.
    Summer,
    /// September to November.
    Fall,
    /// December to February (of the year December is in).
    Winter,
}

impl Season {
    fn index(self) -> i32 {
        match self {
            Self::Spring => 0,
            Self::Summer => 1,
            Self::Fall => 2,
            Self::Winter => 3,
        }
    }

    fn from_index(i: i32) -> Self {
        match i.rem_euclid(4) {
            0 => Self::Spring,
            1 => Self::Summer,
            2 => Self::Fall,
            _ => Self::Winter,
        }
    }

    /// The TimeML code.
    pub fn code(self) -> &'static str {
        match self {
            Self::Spring => "SP",
            Self::Summer => "SU",
            Self::Fall => "FA",
            Self::Winter => "WI",
        }
    }

    /// The season a day falls in, with the year TimeML gives it.
    fn of_date(d: NaiveDate) -> (i32, Self) {
        match d.month() {
            3..=5 => (d.year(), Self::Spring),
            6..=8 => (d.year(), Self::Summer),
            9..=11 => (d.year(), Self::Fall),
            12 => (d.year(), Self::Winter),
            _ => (d.year() - 1, Self::Winter),
        }
    }
}

/// A stretch of the calendar named by its granularity.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Point {
    /// A calendar day.
    Day(NaiveDate),
    /// An ISO week: (ISO year, week 1..=53).
    Week(i32, u32),
    /// The weekend of an ISO week.
    Weekend(i32, u32),
    /// A month: (year, 1..=12).
    Month(i32, u32),
    /// A quarter: (year, 1..=4).
    Quarter(i32, u32),
    /// A half year: (year, 1..=2).
    Half(i32, u32),
    /// A season of a year.
    Season(i32, Season),
    /// A year.
    Year(i32),
    /// A decade, by its first year divided by ten (199 for the 1990s).
    Decade(i32),
    /// A century, by its first year divided by a hundred (19 for the 1900s).
    Century(i32),
    /// A fiscal year, by the calendar year it is named after.
    FiscalYear(i32),
}

impl Point {
    /// The point of granularity `unit` that contains day `d`.
    pub fn containing(d: NaiveDate, unit: Unit) -> Self {
        match unit {
            Unit::Second | Unit::Minute | Unit::Hour | Unit::Day => Self::Day(d),
            Unit::Week => {
                let w = d.iso_week();
                Self::Week(w.year(), w.week())
            }
            Unit::Weekend => {
                let w = d.iso_week();
                Self::Weekend(w.year(), w.week())
            }
            Unit::Month => Self::Month(d.year(), d.month()),
            Unit::Quarter => Self::Quarter(d.year(), (d.month() - 1) / 3 + 1),
            Unit::Half => Self::Half(d.year(), (d.month() - 1) / 6 + 1),
            Unit::Year => Self::Year(d.year()),
            Unit::Decade => Self::Decade(d.year().div_euclid(10)),
            Unit::Century => Self::Century(d.year().div_euclid(100)),
        }
    }

    /// The season containing day `d`.
    pub fn season_of(d: NaiveDate) -> Self {
        let (y, s) = Season::of_date(d);
        Self::Season(y, s)
    }

    /// The point `n` units later (earlier when negative), where the unit is the point's own.
    pub fn shift(self, n: i32) -> Self {
        match self {
            Self::Day(d) => Self::Day(add_days(d, i64::from(n))),
            Self::Week(y, w) | Self::Weekend(y, w) => {
                let monday = NaiveDate::from_isoywd_opt(y, w, chrono::Weekday::Mon)
                    .unwrap_or(NaiveDate::MIN);
                let d = add_days(monday, 7 * i64::from(n));
                let iw = d.iso_week();
                if matches!(self, Self::Week(..)) {
                    Self::Week(iw.year(), iw.week())
                } else {
                    Self::Weekend(iw.year(), iw.week())
                }
            }
            Self::Month(y, m) => {
                let i = (y * 12 + (m as i32 - 1)).saturating_add(n);
                Self::Month(i.div_euclid(12), i.rem_euclid(12) as u32 + 1)
            }
            Self::Quarter(y, q) => {
                let i = (y * 4 + (q as i32 - 1)).saturating_add(n);
                Self::Quarter(i.div_euclid(4), i.rem_euclid(4) as u32 + 1)
            }
            Self::Half(y, h) => {
                let i = (y * 2 + (h as i32 - 1)).saturating_add(n);
                Self::Half(i.div_euclid(2), i.rem_euclid(2) as u32 + 1)
            }
            Self::Season(y, s) => {
                let i = (y * 4 + s.index()).saturating_add(n);
                Self::Season(i.div_euclid(4), Season::from_index(i))
            }
            Self::Year(y) => Self::Year(y.saturating_add(n)),
            Self::Decade(d) => Self::Decade(d.saturating_add(n)),
            Self::Century(c) => Self::Century(c.saturating_add(n)),
            Self::FiscalYear(y) => Self::FiscalYear(y.saturating_add(n)),
        }
    }

    /// The point as a TimeML `value`.
    pub fn value(self) -> String {
        match self {
            Self::Day(d) => format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day()),
            Self::Week(y, w) => format!("{y:04}-W{w:02}"),
            Self::Weekend(y, w) => format!("{y:04}-W{w:02}-WE"),
            Self::Month(y, m) => format!("{y:04}-{m:02}"),
            Self::Quarter(y, q) => format!("{y:04}-Q{q}"),
            Self::Half(y, h) => format!("{y:04}-H{h}"),
            Self::Season(y, s) => format!("{y:04}-{}", s.code()),
            Self::Year(y) => format!("{y:04}"),
            Self::Decade(d) => format!("{d:03}X"),
            Self::Century(c) => format!("{c:02}"),
            Self::FiscalYear(y) => format!("FY{y:04}"),
        }
    }
}

/// `d` moved by `n` days; `d` itself when that leaves the calendar chrono can hold (a DCT at
/// the end of time must not make "tomorrow" panic).
pub(crate) fn add_days(d: NaiveDate, n: i64) -> NaiveDate {
    Duration::try_days(n)
        .and_then(|delta| d.checked_add_signed(delta))
        .unwrap_or(d)
}

/// A number as a duration counts it: known (possibly fractional), or vague ("several").
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum Count {
    /// A known amount.
    Known(f64),
    /// "several", "a few", "many": TimeML writes `X`.
    Vague,
}

/// A length of time: an amount of one unit.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Dur {
    /// How many units.
    pub count: Count,
    /// Which unit.
    pub unit: Unit,
}

impl Dur {
    /// The TimeML `value`: `P18M`, `PT3H`, `PXY`, `P1.5Y` turned into `P18M` where whole.
    pub fn value(self) -> String {
        // TimeML has no quarter or half-year duration unit: three and six months.
        let months = match self.unit {
            Unit::Quarter => Some(3.0),
            Unit::Half => Some(6.0),
            _ => None,
        };
        let d = match (months, self.count) {
            (Some(f), Count::Known(n)) => Self {
                count: Count::Known(n * f),
                unit: Unit::Month,
            },
            (Some(_), Count::Vague) => Self {
                count: Count::Vague,
                unit: Unit::Month,
            },
            _ => self,
        };
        let (count, unit) = d.whole();
        let (letter, is_time) = unit.letter();
        let t = if is_time { "T" } else { "" };
        match count {
            Count::Vague => format!("P{t}X{letter}"),
            Count::Known(n) => format!("P{t}{}{letter}", number_text(n)),
        }
    }

    /// The same length with a whole count in a smaller unit where the count is fractional
    /// (1.5 years → 18 months, half an hour → 30 minutes).
    pub fn whole(self) -> (Count, Unit) {
        let Count::Known(n) = self.count else {
            return (self.count, self.unit);
        };
        if n.fract() == 0.0 {
            return (self.count, self.unit);
        }
        let smaller = match self.unit {
            Unit::Year => Some((12.0, Unit::Month)),
            Unit::Decade => Some((10.0, Unit::Year)),
            Unit::Century => Some((100.0, Unit::Year)),
            Unit::Month => Some((30.0, Unit::Day)),
            Unit::Week => Some((7.0, Unit::Day)),
            Unit::Day => Some((24.0, Unit::Hour)),
            Unit::Hour => Some((60.0, Unit::Minute)),
            Unit::Minute => Some((60.0, Unit::Second)),
            Unit::Quarter => Some((3.0, Unit::Month)),
            Unit::Half => Some((6.0, Unit::Month)),
            Unit::Second | Unit::Weekend => None,
        };
        match smaller {
            Some((factor, unit)) if (n * factor).fract() == 0.0 => (Count::Known(n * factor), unit),
            _ => (self.count, self.unit),
        }
    }
}

/// A count as ISO 8601 writes it: `18`, `1.5`.
pub(crate) fn number_text(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        format!("{n}")
    }
}

#[cfg(test)]
mod tests {
    use super::{Count, Dur, Point, Unit};
    use chrono::NaiveDate;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
    }

    #[test]
    fn points_shift_across_year_ends() {
        let dct = day(2018, 3, 23);
        assert_eq!(Point::containing(dct, Unit::Week).value(), "2018-W12");
        assert_eq!(
            Point::containing(dct, Unit::Month).shift(-3).value(),
            "2017-12"
        );
        assert_eq!(
            Point::containing(dct, Unit::Quarter).shift(-1).value(),
            "2017-Q4"
        );
        assert_eq!(
            Point::containing(day(2018, 1, 2), Unit::Week)
                .shift(-1)
                .value(),
            "2017-W52"
        );
        assert_eq!(Point::containing(dct, Unit::Decade).value(), "201X");
        assert_eq!(Point::containing(dct, Unit::Century).value(), "20");
        assert_eq!(Point::season_of(dct).shift(-1).value(), "2017-WI");
        assert_eq!(Point::season_of(day(2018, 1, 5)).value(), "2017-WI");
    }

    #[test]
    fn durations_print_as_timeml() {
        let d = |n, unit| Dur {
            count: Count::Known(n),
            unit,
        };
        assert_eq!(d(18.0, Unit::Month).value(), "P18M");
        assert_eq!(d(3.0, Unit::Hour).value(), "PT3H");
        assert_eq!(d(1.5, Unit::Year).value(), "P18M");
        assert_eq!(d(0.5, Unit::Hour).value(), "PT30M");
        assert_eq!(d(1.0, Unit::Decade).value(), "P1DE");
        let vague = Dur {
            count: Count::Vague,
            unit: Unit::Month,
        };
        assert_eq!(vague.value(), "PXM");
    }
}
