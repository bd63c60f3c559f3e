//! Dates as people write them in tables: day and month in either order, a two-digit year by the
//! spreadsheets' pivot (00–29 are 2000–2029, 30–99 are 1930–1999, said in a warning), a time of
//! day on a 24- or 12-hour clock with or without seconds (read by `chrono`'s format parsing),
//! Persian and Arabic-Indic digits, and dates in the Solar Hijri or Hijri calendar (the date as
//! written kept beside the Gregorian one). A local time the zone's clocks skip or repeat is
//! resolved by `io::local_time` and said in a warning. It knows no column and no mapping.

use crate::io::calendar::{Calendar, gregorian_of};
use crate::io::error::Problem;

/// How the table writes its dates.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize,
)]
pub enum DateOrder {
    /// As the files do: EDTF and ISO 8601 (`2018-03-04`, `2018-03`, `2018~`).
    #[default]
    AsWritten,
    /// Day, month, year: `04/03/2018`, `4.3.2018` (most of the world).
    DayMonthYear,
    /// Month, day, year: `03/04/2018` (the United States).
    MonthDayYear,
    /// The Solar Hijri calendar, year/month/day or day/month/year: `1403/01/01` (Iran,
    /// Afghanistan), shown in Gregorian.
    SolarHijri,
    /// The Hijri calendar (Umm al-Qura), year/month/day or day/month/year: `1445/09/01`, shown
    /// in Gregorian.
    Hijri,
}

impl DateOrder {
    /// Every order, for the dialog.
    pub const ALL: [Self; 5] = [
        Self::AsWritten,
        Self::DayMonthYear,
        Self::MonthDayYear,
        Self::SolarHijri,
        Self::Hijri,
    ];

    /// In words, for the dialog.
    pub fn words(self) -> &'static str {
        match self {
            Self::AsWritten => "as written (2018-03-04, 2018-03, 2018~)",
            Self::DayMonthYear => "day/month/year (04/03/2018)",
            Self::MonthDayYear => "month/day/year (03/04/2018)",
            Self::SolarHijri => "Solar Hijri (1403/01/01: Iran, Afghanistan)",
            Self::Hijri => "Hijri, Umm al-Qura (1445/09/01)",
        }
    }

    /// The calendar the dates are in, when it is not the Gregorian.
    pub(super) fn calendar(self) -> Option<Calendar> {
        match self {
            Self::SolarHijri => Some(Calendar::SolarHijri),
            Self::Hijri => Some(Calendar::Hijri),
            _ => None,
        }
    }
}

/// What was read in a way the user should know of, for the warnings of a mapped table.
#[derive(Debug, Default)]
pub(super) struct DateNotes {
    /// How many dates had a two-digit year, and the first (as written, as read).
    two_digit_years: usize,
    first_two_digit: Option<(String, String)>,
    /// Local times the clocks skipped or showed twice, in words (the first few), and how many.
    shifted: usize,
    first_shifted: Vec<String>,
}

impl DateNotes {
    /// How many shifted times are given as examples.
    const SHIFTED_SHOWN: usize = 3;

    /// The warnings, one for each kind of note.
    pub(super) fn into_problems(self) -> Vec<Problem> {
        let mut problems = Vec::new();
        if let Some((written, read)) = self.first_two_digit {
            problems.push(Problem {
                location: None,
                field: None,
                message: format!(
                    "{} date{} written with a two-digit year, read as spreadsheets do: 00–29 as \
                     2000–2029, 30–99 as 1930–1999 (\"{written}\" is {read}). Write the year in \
                     four digits where that is wrong.",
                    self.two_digit_years,
                    if self.two_digit_years == 1 { "" } else { "s" }
                ),
            });
        }
        if self.shifted > 0 {
            let more = self.shifted.saturating_sub(self.first_shifted.len());
            problems.push(Problem {
                location: None,
                field: None,
                message: format!(
                    "{} time{} of day where the clocks change: {}{}",
                    self.shifted,
                    if self.shifted == 1 { "" } else { "s" },
                    self.first_shifted.join("; "),
                    if more > 0 {
                        format!("; and {more} more")
                    } else {
                        String::new()
                    }
                ),
            });
        }
        problems
    }
}

/// Persian (۰–۹) and Arabic-Indic (٠–٩) digits as ASCII, so `۱۴۰۳/۰۱/۰۱` reads as `1403/01/01`.
fn ascii_digits(text: &str) -> std::borrow::Cow<'_, str> {
    if text.is_ascii() {
        return std::borrow::Cow::Borrowed(text);
    }
    let digit = |c: char, zero: char| char::from_digit(u32::from(c) - u32::from(zero), 10);
    text.chars()
        .map(|c| match c {
            '٠'..='٩' => digit(c, '٠').unwrap_or(c),
            '۰'..='۹' => digit(c, '۰').unwrap_or(c),
            other => other,
        })
        .collect()
}

/// The forms of a time of day a table may hold (24-hour or 12-hour clock, hours unpadded,
/// seconds optional), each with whether it has seconds, tried in turn by `chrono`.
const CLOCKS: [(&str, bool); 6] = [
    ("%H:%M:%S%.f", true),
    ("%H:%M", false),
    ("%I:%M:%S%.f %p", true),
    ("%I:%M %p", false),
    ("%I:%M:%S%.f%p", true),
    ("%I:%M%p", false),
];

/// A time of day as a table writes it (`9:05`, `2:05 PM`, `7 pm`, `14:05:30`) in ISO 8601
/// (`09:05`, `14:05`, `19:00`, `14:05:30`), or `None` (a time with its own offset, or no time).
fn clock(text: &str) -> Option<String> {
    let text = text.trim();
    // An hour alone on a 12-hour clock (`7 PM`): chrono needs the minutes.
    let lower = text.to_ascii_lowercase();
    let hour_only =
        (lower.ends_with("am") || lower.ends_with("pm")) && !text.contains(':') && text.len() > 2;
    let text = if hour_only {
        let (hour, half) = text.split_at(text.len() - 2);
        format!("{}:00 {half}", hour.trim())
    } else {
        text.to_owned()
    };
    CLOCKS.iter().find_map(|&(form, has_seconds)| {
        chrono::NaiveTime::parse_from_str(&text, form)
            .ok()
            .map(|t| {
                t.format(if has_seconds { "%H:%M:%S" } else { "%H:%M" })
                    .to_string()
            })
    })
}

/// `04/03/2018` (or with `.` or `-`, and a time after a space or `T`) in `order` as ISO, a
/// calendar's date as its Gregorian day; anything else as it is (the reader then says what is
/// wrong with it). Two-digit years are noted in `notes`.
pub(super) fn iso(value: &str, order: DateOrder, notes: &mut DateNotes) -> String {
    let written = value.trim();
    let value = ascii_digits(written);
    let value = value.as_ref();
    if value.is_empty() {
        return value.to_owned();
    }
    let (date, time) = match value.split_once([' ', 'T']) {
        Some((d, t)) => (d, Some(t.trim())),
        None => (value, None),
    };
    let with_time = |day: String| match time {
        Some(t) if !t.is_empty() => format!("{day}T{}", clock(t).as_deref().unwrap_or(t)),
        _ => day,
    };
    if order == DateOrder::AsWritten {
        // ISO dates are left to the reader; only a time of day it would refuse (unpadded, on a
        // 12-hour clock) is rewritten.
        let is_iso_clock = |t: &str| {
            t.contains('.')
                || t.split(':')
                    .all(|p| p.len() == 2 && p.bytes().all(|c| c.is_ascii_digit()))
        };
        return match (chrono::NaiveDate::parse_from_str(date, "%Y-%m-%d"), time) {
            (Ok(_), Some(t)) if date.len() == 10 && !is_iso_clock(t) => match clock(t) {
                Some(t) => format!("{date}T{t}"),
                None => written.to_owned(),
            },
            _ => written.to_owned(),
        };
    }
    let parts: Vec<&str> = date.split(['/', '.', '-']).collect();
    let [a, b, c] = parts.as_slice() else {
        return written.to_owned();
    };
    let all_digits = |s: &str| !s.is_empty() && s.bytes().all(|c| c.is_ascii_digit());
    if !(all_digits(a) && all_digits(b) && all_digits(c)) {
        return written.to_owned();
    }
    if let Some(calendar) = order.calendar() {
        // Year first (1403/01/01, as Iran and Afghanistan write it) or last (01/01/1403).
        let (y, m, d) = if a.len() >= 3 { (a, b, c) } else { (c, b, a) };
        let (Ok(y), Ok(m), Ok(d)) = (y.parse::<i32>(), m.parse::<u8>(), d.parse::<u8>()) else {
            return written.to_owned();
        };
        return match gregorian_of(calendar, y, m, d) {
            Some(day) if y >= 100 => with_time(day.format("%Y-%m-%d").to_string()),
            _ => written.to_owned(),
        };
    }
    let (d, m, y) = match order {
        DateOrder::DayMonthYear => (a, b, c),
        _ => (b, a, c),
    };
    if d.len() > 2 || m.len() > 2 {
        return written.to_owned();
    }
    let y = if y.len() == 2 {
        // The pivot of spreadsheets (Excel, LibreOffice): 00–29 are 2000–2029, 30–99 1930–1999.
        let century = if *y < "30" { "20" } else { "19" };
        let year = format!("{century}{y}");
        notes.two_digit_years += 1;
        if notes.first_two_digit.is_none() {
            notes.first_two_digit = Some((written.to_owned(), format!("{year}-{m:0>2}-{d:0>2}")));
        }
        year
    } else {
        (*y).to_owned()
    };
    with_time(format!("{y:0>4}-{m:0>2}-{d:0>2}"))
}

/// An ISO date and time of day with no offset (`2018-03-04T14:05`), written on the clocks of
/// `zone`, as the same instant in UTC, to the same precision; anything else as it is (a date
/// alone is a calendar day in every zone, and a time with its own offset says where it is).
/// A time the clocks skipped is moved forward by the gap, one they showed twice is the earlier.
pub(in crate::io) fn from_zone(value: String, zone: Option<chrono_tz::Tz>) -> String {
    from_zone_noted(value, zone, &mut DateNotes::default())
}

/// As [`from_zone`], noting in `notes` a time the clocks skipped or showed twice.
pub(super) fn from_zone_noted(
    value: String,
    zone: Option<chrono_tz::Tz>,
    notes: &mut DateNotes,
) -> String {
    let Some(tz) = zone else {
        return value;
    };
    let Some((date, time)) = value.split_once('T') else {
        return value;
    };
    let parts: Vec<&str> = time.split(':').collect();
    let numbers: Option<Vec<u32>> = parts
        .iter()
        .map(|p| (p.len() == 2).then(|| p.parse().ok()).flatten())
        .collect();
    let (Some(numbers), Ok(day)) = (numbers, chrono::NaiveDate::parse_from_str(date, "%Y-%m-%d"))
    else {
        return value;
    };
    let at = |i: usize| numbers.get(i).copied().unwrap_or(0);
    let Some((utc, said)) = day
        .and_hms_opt(at(0), at(1), at(2))
        .and_then(|l| crate::io::local_time::utc_of_local(l, tz))
    else {
        return value;
    };
    if let Some(said) = said {
        notes.shifted += 1;
        if notes.first_shifted.len() < DateNotes::SHIFTED_SHOWN {
            notes
                .first_shifted
                .push(said.words(&value.replace('T', " "), tz));
        }
    }
    match numbers.len() {
        1 => utc.format("%Y-%m-%dT%H").to_string(),
        2 => utc.format("%Y-%m-%dT%H:%M").to_string(),
        _ => utc.format("%Y-%m-%dT%H:%M:%S").to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::{DateNotes, DateOrder, iso};
    use crate::io::mapping::{Mapping, to_swimline_csv};

    fn read(value: &str, order: DateOrder) -> (String, DateNotes) {
        let mut notes = DateNotes::default();
        (iso(value, order, &mut notes), notes)
    }

    fn iso1(value: &str, order: DateOrder) -> String {
        read(value, order).0
    }

    #[test]
    fn dates_in_the_order_the_table_writes_them() {
        assert_eq!(iso1("04/03/2018", DateOrder::DayMonthYear), "2018-03-04");
        assert_eq!(iso1("04/03/2018", DateOrder::MonthDayYear), "2018-04-03");
        assert_eq!(
            iso1("4.3.2018 14:05", DateOrder::DayMonthYear),
            "2018-03-04T14:05"
        );
        assert_eq!(iso1("2018-03-04", DateOrder::AsWritten), "2018-03-04");
        assert_eq!(
            iso1("March 2018", DateOrder::DayMonthYear),
            "March 2018",
            "left for the reader to refuse"
        );
    }

    #[test]
    fn two_digit_years_by_the_spreadsheets_pivot_with_a_note() {
        // 30–99 are the 1900s, 00–29 the 2000s (the bug: 12/31/97 was 31 Dec 2097).
        let (day, notes) = read("12/31/97", DateOrder::MonthDayYear);
        assert_eq!(day, "1997-12-31");
        assert_eq!(notes.two_digit_years, 1);
        assert_eq!(iso1("31/12/29", DateOrder::DayMonthYear), "2029-12-31");
        assert_eq!(iso1("1.1.30", DateOrder::DayMonthYear), "1930-01-01");
        assert_eq!(iso1("01/01/00", DateOrder::DayMonthYear), "2000-01-01");
        let mut notes = DateNotes::default();
        for v in ["12/31/97", "1/2/05", "3/4/2018"] {
            iso(v, DateOrder::MonthDayYear, &mut notes);
        }
        let problems = notes.into_problems();
        assert_eq!(problems.len(), 1);
        let said = &problems[0].message;
        assert!(
            said.starts_with("2 dates written with a two-digit year"),
            "{said}"
        );
        assert!(
            said.contains("00–29 as 2000–2029, 30–99 as 1930–1999"),
            "{said}"
        );
        assert!(said.contains("\"12/31/97\" is 1997-12-31"), "{said}");
        // Four-digit years say nothing.
        assert!(
            read("3/4/2018", DateOrder::MonthDayYear)
                .1
                .into_problems()
                .is_empty()
        );
    }

    #[test]
    fn times_of_day_on_either_clock_unpadded_with_or_without_seconds() {
        let mdy = DateOrder::MonthDayYear;
        assert_eq!(iso1("3/4/2018 9:05", mdy), "2018-03-04T09:05");
        assert_eq!(iso1("3/4/2018 2:05 PM", mdy), "2018-03-04T14:05");
        assert_eq!(iso1("3/4/2018 2:05pm", mdy), "2018-03-04T14:05");
        assert_eq!(iso1("3/4/2018 12:05 AM", mdy), "2018-03-04T00:05");
        assert_eq!(iso1("3/4/2018 12:30:15 PM", mdy), "2018-03-04T12:30:15");
        assert_eq!(iso1("3/4/2018 7 PM", mdy), "2018-03-04T19:00");
        assert_eq!(iso1("3/4/2018 14:05:30", mdy), "2018-03-04T14:05:30");
        assert_eq!(iso1("3/4/2018 14:05:30.250", mdy), "2018-03-04T14:05:30");
        // A time with its own offset is left for the reader, as are impossible times.
        assert_eq!(iso1("3/4/2018 14:05Z", mdy), "2018-03-04T14:05Z");
        assert_eq!(iso1("3/4/2018 25:05", mdy), "2018-03-04T25:05");
        assert_eq!(iso1("3/4/2018 13:05 PM", mdy), "2018-03-04T13:05 PM");
        // ISO dates with a time the reader would refuse.
        assert_eq!(
            iso1("2018-03-04 9:05", DateOrder::AsWritten),
            "2018-03-04T09:05"
        );
        assert_eq!(
            iso1("2018-03-04 2:05 PM", DateOrder::AsWritten),
            "2018-03-04T14:05"
        );
        assert_eq!(
            iso1("2018-03-04T14:05+02:00", DateOrder::AsWritten),
            "2018-03-04T14:05+02:00"
        );
    }

    #[test]
    fn solar_hijri_and_hijri_dates_become_gregorian_days() {
        let persian = DateOrder::SolarHijri;
        assert_eq!(iso1("1403/01/01", persian), "2024-03-20");
        assert_eq!(iso1("۱۴۰۳/۰۱/۰۱", persian), "2024-03-20", "Persian digits");
        assert_eq!(iso1("1/1/1403", persian), "2024-03-20", "day first");
        assert_eq!(iso1("1403-01-01 9:30", persian), "2024-03-20T09:30");
        assert_eq!(iso1("1402/07/31", persian), "1402/07/31", "no 31 Mehr");
        let hijri = DateOrder::Hijri;
        assert_eq!(iso1("1445/09/01", hijri), "2024-03-11");
        assert_eq!(
            iso1("١٤٤٥/٠٩/٠١", hijri),
            "2024-03-11",
            "Arabic-Indic digits"
        );
        assert_eq!(iso1("10/12/1444", hijri), "2023-06-28");
        let m: Mapping = "title=A,start=B,dates=persian".parse().unwrap_or_default();
        assert_eq!(m.dates, DateOrder::SolarHijri);
        assert_eq!(m.to_string(), "title=A,start=B,dates=persian");
        let m: Mapping = "title=A,start=B,dates=Hijri".parse().unwrap_or_default();
        assert_eq!(m.to_string().parse::<Mapping>(), Ok(m));

        // In a table: the Gregorian day, and the date as written kept beside it.
        let table = "Title,Date\nNowruz,1403/01/01\n";
        let m: Mapping = "title=Title,start=Date,dates=persian"
            .parse()
            .unwrap_or_default();
        let (out, notes) = to_swimline_csv("t.csv", table, &m, None).unwrap_or_default();
        assert!(notes.is_empty());
        assert_eq!(
            out,
            "title,start,end,actors,kind,description,source,Date (as written)\n\
             Nowruz,2024-03-20,,,,,,1403/01/01\n"
        );
    }
}
