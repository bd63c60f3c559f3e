//! Dates as people type them into a form: "10 Jan 2018", "10 January 2018", "January 10,
//! 2018", "Jan 2018", "2018/01/10", "10/01/2018", "10.01.2018" — read into a [`FuzzyDate`] so
//! they can be stored in Swimline's notation (`2018-01-10`).
//!
//! Swimline's own notation always comes first ([`read_typed_date`], [`read_typed_time`]): a text
//! that is notation means what it always meant. Only a text that is not notation is tried as a
//! written form. Numbers with the year last ("03/04/2018") follow a [`DayOrder`] chosen by the
//! user, unless one of the two numbers cannot be a month ("13/04/2018"), which settles it.
//!
//! This module knows no events and no locale: the form decides the day order and shows the
//! result. Two-digit years are refused (which century?) rather than guessed.

use std::fmt;

use super::parse::split_qualifier;
use super::{DateParseError, FuzzyDate, Precision, TimeSpec, parse_error, trim};
use crate::model::time::{MONTH_NAMES, days_in_month};

/// Which number comes first in a date written with the year last (`03/04/2018`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum DayOrder {
    /// `03/04/2018` is 3 April 2018 (most of the world).
    #[default]
    DayFirst,
    /// `03/04/2018` is March 4, 2018 (the United States).
    MonthFirst,
}

impl DayOrder {
    /// Both orders, in the order a form offers them.
    pub const ALL: [Self; 2] = [Self::DayFirst, Self::MonthFirst];

    /// The order in a few words, for the switch beside a date field.
    pub fn name(self) -> &'static str {
        match self {
            Self::DayFirst => "day first (31/12/2018)",
            Self::MonthFirst => "month first (12/31/2018)",
        }
    }

    /// The usual order of a POSIX locale name (`en_US.UTF-8`, `de_DE`, `C`): month first for
    /// the United States and the few places that write dates as it does, day first elsewhere
    /// and when there is no locale.
    pub fn of_locale(locale: &str) -> Self {
        let region = locale
            .split(['.', '@'])
            .next()
            .and_then(|l| l.split_once('_'))
            .map(|(_, region)| region);
        match region {
            Some("US" | "PH" | "PR" | "GU" | "AS" | "UM" | "VI" | "MP" | "FM" | "MH") => {
                Self::MonthFirst
            }
            _ => Self::DayFirst,
        }
    }

    /// The order of the user's locale, from `LC_ALL`, `LC_TIME` or `LANG` (the first that is
    /// set), as POSIX looks them up.
    pub fn from_environment() -> Self {
        ["LC_ALL", "LC_TIME", "LANG"]
            .into_iter()
            .filter_map(|name| std::env::var(name).ok())
            .find(|value| !value.is_empty())
            .map_or(Self::DayFirst, |locale| Self::of_locale(&locale))
    }
}

impl fmt::Display for DayOrder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// What a form says when a date cannot be read, in the user's words.
const WRITTEN_HINT: &str = "expected a date such as 10 Jan 2018, January 10, 2018, Jan 2018, \
                            2018/01/10, 10/01/2018 or 2018-01-10";

/// A date typed into a form: Swimline's notation (`2018-03`, `2017-12~`) if it is that, else a
/// written form read with `order`. The error says what was expected.
pub fn read_typed_date(text: &str, order: DayOrder) -> Result<FuzzyDate, DateParseError> {
    if is_month_and_year(text) {
        return parse_written(text, order);
    }
    let notation = text.parse::<FuzzyDate>();
    match notation {
        Ok(date) => Ok(date),
        Err(e) if !looks_written(text) => Err(e),
        Err(_) => parse_written(text, order),
    }
}

/// A time typed into a form: Swimline's notation (`2018-03`, `2016/2018`, `@{id}+P2D`) if it is
/// that, else one date in a written form read with `order`. The error says what was expected.
pub fn read_typed_time(text: &str, order: DayOrder) -> Result<TimeSpec, DateParseError> {
    let as_written = || {
        parse_written(text, order).map(|date| TimeSpec {
            start: super::Endpoint::Date(date),
            end: None,
        })
    };
    if is_month_and_year(text) {
        return as_written();
    }
    match text.parse::<TimeSpec>() {
        Ok(time) => Ok(time),
        Err(e) if !looks_written(text) => Err(e),
        Err(_) => as_written(),
    }
}

/// `01/2018`, `1.2018`: a month and a year as people write them. In the notation `10/2018`
/// would be the years 10 to 2018, which no one typing into a form means.
fn is_month_and_year(text: &str) -> bool {
    let text = trim(text);
    text.split_once(['/', '.']).is_some_and(|(month, year)| {
        let digits = |s: &str, n: std::ops::RangeInclusive<usize>| {
            n.contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit())
        };
        digits(month, 1..=2) && digits(year, 4..=4)
    })
}

/// Whether a text that is not notation was meant as a written date: it has a word (a month's
/// name) or numbers separated by `/`, `.`, `,` or spaces. `2018-02-31` or `@{x` are notation
/// gone wrong, and keep the notation's own error.
fn looks_written(text: &str) -> bool {
    let text = trim(text);
    let has_word = text
        .split(|c: char| !c.is_alphabetic())
        .any(|word| word.chars().count() >= 3);
    let numbers = text
        .split(['/', '.', ' ', ',', '-'])
        .filter(|part| !part.is_empty())
        .count();
    // `2018-02-31` is the notation's year-month-day.
    let is_notation_day = text.len() > 4 && text.as_bytes()[4] == b'-';
    !text.starts_with('@')
        && !text.starts_with('[')
        && (has_word || (numbers >= 3 && !is_notation_day))
}

/// One piece of a written date.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Piece<'a> {
    /// Digits (a trailing `st`, `nd`, `rd`, `th` dropped), and how many digits there were.
    Number(u32, usize),
    /// A month's name or abbreviation: its number.
    Month(u8),
    /// A word that is no month.
    Word(&'a str),
}

/// The month a word names: `January`, `Jan`, `Jan.`, `Sept`, any case.
fn month_of(word: &str) -> Option<u8> {
    let word = word.trim_end_matches('.').to_lowercase();
    if word.len() < 3 {
        return None;
    }
    let word = if word == "sept" { "sep" } else { word.as_str() };
    MONTH_NAMES
        .iter()
        .position(|name| {
            let name = name.to_lowercase();
            name == word || name[..3] == *word
        })
        .and_then(|i| u8::try_from(i + 1).ok())
}

/// The pieces of `text`, split at spaces, commas, and (between digits) `/`, `.`, `-`.
fn pieces(text: &str) -> Vec<Piece<'_>> {
    text.split([' ', ',', '/', '-', '\t'])
        .flat_map(|part| {
            // `10.01.2018` splits at its dots; `Jan.` keeps its dot as part of the word.
            if part.starts_with(|c: char| c.is_ascii_digit()) {
                part.split('.').collect::<Vec<_>>()
            } else {
                vec![part]
            }
        })
        .filter(|part| !part.is_empty())
        .map(|part| {
            let digits = part.trim_end_matches(['s', 't', 'n', 'd', 'r', 'h']);
            let is_ordinal = digits.len() < part.len()
                && ["st", "nd", "rd", "th"].contains(&&part[digits.len()..]);
            let digits = if is_ordinal { digits } else { part };
            match digits.parse::<u32>() {
                Ok(n) if digits.bytes().all(|b| b.is_ascii_digit()) => {
                    Piece::Number(n, digits.len())
                }
                _ => month_of(part).map_or(Piece::Word(part), Piece::Month),
            }
        })
        .collect()
}

/// A written date, with its qualifier (`~`, `?`, `%`) if it ends with one.
fn parse_written(input: &str, order: DayOrder) -> Result<FuzzyDate, DateParseError> {
    let text = trim(input);
    let (text, approximate, uncertain) = split_qualifier(text);
    let pieces = pieces(text);
    if let Some(Piece::Word(word)) = pieces.iter().find(|p| matches!(p, Piece::Word(_))) {
        return Err(parse_error(
            input,
            format!("\"{word}\" is not a month: expected a month's name, as January or Jan"),
        ));
    }
    let (year, month, day) = match pieces.as_slice() {
        // 2018 Jan 10 (a four-digit number first is the year)
        [
            Piece::Number(y, 4),
            Piece::Month(m),
            Piece::Number(d, 1 | 2),
        ] => (i64::from(*y), *m, Some(*d)),
        // 10 Jan 2018, January 10, 2018
        [Piece::Number(d, _), Piece::Month(m), Piece::Number(y, n)]
        | [Piece::Month(m), Piece::Number(d, _), Piece::Number(y, n)] => {
            (year_of(input, *y, *n)?, *m, Some(*d))
        }
        // Jan 2018, 2018 January
        [Piece::Month(m), Piece::Number(y, n)] | [Piece::Number(y, n @ 4), Piece::Month(m)] => {
            (year_of(input, *y, *n)?, *m, None)
        }
        // 01/2018
        [Piece::Number(m, 1 | 2), Piece::Number(y, 4)] => {
            (i64::from(*y), month_number(input, *m)?, None)
        }
        // 2018/01/10, 2018.01.10
        [
            Piece::Number(y, 4),
            Piece::Number(m, _),
            Piece::Number(d, _),
        ] => (i64::from(*y), month_number(input, *m)?, Some(*d)),
        // 10/01/2018 or 01/10/2018
        [
            Piece::Number(a, _),
            Piece::Number(b, _),
            Piece::Number(y, n),
        ] => {
            let (m, d) = day_and_month(input, *a, *b, order)?;
            (year_of(input, *y, *n)?, m, Some(d))
        }
        _ => return Err(parse_error(input, WRITTEN_HINT)),
    };
    if let Some(d) = day {
        let last = days_in_month(year, month);
        if d == 0 || d > u32::from(last) {
            return Err(parse_error(
                input,
                format!(
                    "{} {year} has days 1 to {last}, not {d}",
                    MONTH_NAMES[usize::from(month - 1)]
                ),
            ));
        }
    }
    Ok(FuzzyDate {
        year,
        month: Some(month),
        day: day.and_then(|d| u8::try_from(d).ok()),
        time: None,
        nanos: 0,
        precision: if day.is_some() {
            Precision::Day
        } else {
            Precision::Month
        },
        approximate,
        uncertain,
    })
}

/// The year of a written date: four digits; two are refused, as their century is a guess.
fn year_of(input: &str, year: u32, digits: usize) -> Result<i64, DateParseError> {
    if digits == 4 {
        Ok(i64::from(year))
    } else {
        Err(parse_error(
            input,
            format!("write the year in full, as 2018 (\"{year}\" could be any century)"),
        ))
    }
}

fn month_number(input: &str, month: u32) -> Result<u8, DateParseError> {
    u8::try_from(month)
        .ok()
        .filter(|m| (1..=12).contains(m))
        .ok_or_else(|| {
            parse_error(
                input,
                format!("a month is 1 to 12, not {month}: expected year/month/day, as 2018/01/10"),
            )
        })
}

/// The month and day of `a/b/year`: by `order`, unless only one of the two can be a month.
fn day_and_month(
    input: &str,
    a: u32,
    b: u32,
    order: DayOrder,
) -> Result<(u8, u32), DateParseError> {
    let can_be_month = |n: u32| (1..=12).contains(&n);
    let month = |n: u32| u8::try_from(n).unwrap_or(0);
    match (can_be_month(a), can_be_month(b)) {
        (true, true) => Ok(match order {
            DayOrder::DayFirst => (month(b), a),
            DayOrder::MonthFirst => (month(a), b),
        }),
        (false, true) => Ok((month(b), a)),
        (true, false) => Ok((month(a), b)),
        (false, false) => Err(parse_error(
            input,
            format!(
                "neither {a} nor {b} can be a month: expected day/month/year or \
                 month/day/year, as 10/01/2018"
            ),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::{DayOrder, read_typed_date, read_typed_time};
    use crate::model::FuzzyDate;

    fn read(text: &str, order: DayOrder) -> String {
        read_typed_date(text, order)
            .map(|d| d.to_string())
            .unwrap_or_else(|e| format!("error: {}", e.message))
    }

    #[test]
    fn every_written_form_reads_as_its_day_or_month() {
        for (text, notation) in [
            ("10 Jan 2018", "2018-01-10"),
            ("10 January 2018", "2018-01-10"),
            ("10 jan. 2018", "2018-01-10"),
            ("10th January 2018", "2018-01-10"),
            ("January 10, 2018", "2018-01-10"),
            ("Jan 10 2018", "2018-01-10"),
            ("Sept 3, 2018", "2018-09-03"),
            ("2018 Jan 10", "2018-01-10"),
            ("2018 January", "2018-01"),
            ("Jan 2018", "2018-01"),
            ("January 2018", "2018-01"),
            ("2018/01/10", "2018-01-10"),
            ("2018.01.10", "2018-01-10"),
            ("10/01/2018", "2018-01-10"),
            ("10.01.2018", "2018-01-10"),
            ("10-01-2018", "2018-01-10"),
            ("  10 Jan 2018  ", "2018-01-10"),
            ("10 Jan 2018~", "2018-01-10~"),
            ("Jan 2018?", "2018-01?"),
            ("01/2018", "2018-01"),
            ("1.2018", "2018-01"),
        ] {
            assert_eq!(read(text, DayOrder::DayFirst), notation, "{text}");
        }
    }

    #[test]
    fn numbers_with_the_year_last_follow_the_switch_unless_one_cannot_be_a_month() {
        assert_eq!(read("03/04/2018", DayOrder::DayFirst), "2018-04-03");
        assert_eq!(read("03/04/2018", DayOrder::MonthFirst), "2018-03-04");
        assert_eq!(read("03.04.2018", DayOrder::MonthFirst), "2018-03-04");
        for order in DayOrder::ALL {
            assert_eq!(read("13/04/2018", order), "2018-04-13", "{order}");
            assert_eq!(read("04/13/2018", order), "2018-04-13", "{order}");
        }
        let err = read("13/14/2018", DayOrder::DayFirst);
        assert!(err.contains("neither 13 nor 14 can be a month"), "{err}");
    }

    #[test]
    fn swimlines_notation_keeps_its_meaning() {
        for text in ["2018-03", "2017-12~", "2016", "201X", "2018-01-04T14:05Z"] {
            let date: FuzzyDate = text.parse().unwrap_or_else(|e| panic!("{e}"));
            for order in DayOrder::ALL {
                assert_eq!(read_typed_date(text, order), Ok(date.clone()), "{text}");
            }
        }
        for text in [
            "2016/2018",
            "@{russia-denies}+P2D",
            "2015/..",
            "[..2018-03]",
        ] {
            let time = read_typed_time(text, DayOrder::MonthFirst).map(|t| t.to_string());
            assert_eq!(time.as_deref(), Ok(text));
        }
        let time = read_typed_time("10 Jan 2018", DayOrder::DayFirst).map(|t| t.to_string());
        assert_eq!(time.as_deref(), Ok("2018-01-10"));
        let time = read_typed_time("10/2018", DayOrder::DayFirst).map(|t| t.to_string());
        assert_eq!(time.as_deref(), Ok("2018-10"));
        // Notation gone wrong keeps the notation's own message.
        let err = read("2018-02-31", DayOrder::DayFirst);
        assert!(err.contains("day"), "{err}");
    }

    #[test]
    fn what_cannot_be_a_date_says_what_was_expected() {
        for (text, said) in [
            ("31 Feb 2018", "February 2018 has days 1 to 28, not 31"),
            ("Janury 10, 2018", "\"Janury\" is not a month"),
            ("10 Jan 18", "write the year in full"),
            ("10/01/18", "write the year in full"),
            ("2018/13/01", "a month is 1 to 12, not 13"),
            ("10 Jan", "expected a date such as 10 Jan 2018"),
            ("tomorrow morning", "\"tomorrow\" is not a month"),
        ] {
            let err = read(text, DayOrder::DayFirst);
            assert!(err.contains(said), "{text}: {err}");
        }
    }

    #[test]
    fn the_locale_gives_the_first_choice_of_order() {
        assert_eq!(DayOrder::of_locale("en_US.UTF-8"), DayOrder::MonthFirst);
        assert_eq!(DayOrder::of_locale("en_GB.UTF-8"), DayOrder::DayFirst);
        assert_eq!(DayOrder::of_locale("de_DE@euro"), DayOrder::DayFirst);
        assert_eq!(DayOrder::of_locale("C"), DayOrder::DayFirst);
        assert_eq!(DayOrder::of_locale(""), DayOrder::DayFirst);
    }

    proptest::proptest! {
        /// Whatever is typed never panics, and whatever is understood is saved as notation
        /// that reads back the same.
        #[test]
        fn typed_dates_never_panic_and_save_as_notation_that_reads_back(
            text in "[0-9A-Za-zé ,./~?%-]{0,24}",
            is_day_first: bool,
        ) {
            let order = if is_day_first { DayOrder::DayFirst } else { DayOrder::MonthFirst };
            if let Ok(time) = read_typed_time(&text, order) {
                let saved = time.to_string();
                proptest::prop_assert_eq!(saved.parse::<crate::model::TimeSpec>(), Ok(time));
            }
            let _ = read_typed_date(&text, order);
        }

        /// Written dates built from parts read as those parts, either way round.
        #[test]
        fn a_day_written_any_way_reads_as_that_day(
            year in 1000u32..=9999,
            month in 1u8..=12,
            day in 1u8..=28,
            form in 0usize..5,
        ) {
            let name = crate::model::time::MONTH_NAMES[usize::from(month - 1)];
            let text = match form {
                0 => format!("{day} {name} {year}"),
                1 => format!("{name} {day}, {year}"),
                2 => format!("{day} {} {year}", &name[..3]),
                3 => format!("{year}/{month:02}/{day:02}"),
                _ => format!("{month}/{day}/{year}"),
            };
            let date = read_typed_date(&text, DayOrder::MonthFirst);
            proptest::prop_assert_eq!(
                date.map(|d| d.to_string()),
                Ok(format!("{year}-{month:02}-{day:02}")),
                "{}", text
            );
        }
    }
}
