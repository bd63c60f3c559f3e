//! Dates written in the Solar Hijri calendar (Iran, Afghanistan: 1 Farvardin 1403) or the Hijri
//! calendar (1 Ramadan 1445), as the Gregorian day they are, by `icu_calendar` (ICU4X).
//!
//! The Hijri calendar is the Umm al-Qura calendar of Saudi Arabia (its published tables, kept by
//! ICU4X for 1300–1600 AH): a month of a Hijri calendar that follows the sighting of the moon may
//! begin a day apart from it. The Solar Hijri calendar is the arithmetic one Iran and
//! Afghanistan use. It reads numbers, not month names.

use icu_calendar::cal::Hijri;
use icu_calendar::{Date, Iso};

/// A calendar a table may write its dates in, other than the Gregorian.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Calendar {
    /// The Solar Hijri calendar (Persian: Farvardin … Esfand).
    SolarHijri,
    /// The Hijri calendar by the Umm al-Qura tables (Muharram … Dhu al-Hijjah).
    Hijri,
}

/// The Gregorian day of `day` `month` `year` written in `calendar`; `None` when there is no such
/// day (a 31st of Mehr, a 13th month).
pub fn gregorian_of(
    calendar: Calendar,
    year: i32,
    month: u8,
    day: u8,
) -> Option<chrono::NaiveDate> {
    let iso = match calendar {
        Calendar::SolarHijri => Date::try_new_persian(year, month, day)
            .ok()?
            .to_calendar(Iso),
        Calendar::Hijri => {
            Date::try_new_hijri_with_calendar(year, month, day, Hijri::new_umm_al_qura())
                .ok()?
                .to_calendar(Iso)
        }
    };
    // ICU4X refuses a day past the month's end; check that it did not roll over anyway.
    let back = match calendar {
        Calendar::SolarHijri => iso.to_calendar(icu_calendar::cal::Persian).day_of_month().0,
        Calendar::Hijri => iso.to_calendar(Hijri::new_umm_al_qura()).day_of_month().0,
    };
    if back != day {
        return None;
    }
    chrono::NaiveDate::from_ymd_opt(
        iso.year().extended_year(),
        u32::from(iso.month().ordinal),
        u32::from(iso.day_of_month().0),
    )
}

#[cfg(test)]
mod tests {
    use super::{Calendar, gregorian_of};

    fn day(text: &str) -> Option<chrono::NaiveDate> {
        chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d").ok()
    }

    #[test]
    fn solar_hijri_days_match_the_published_tables() {
        // Nowruz, 1 Farvardin, of the years of the Iranian calendar centre's tables.
        for (year, nowruz) in [
            (1403, "2024-03-20"),
            (1402, "2023-03-21"),
            (1399, "2020-03-20"),
            (1397, "2018-03-21"),
        ] {
            assert_eq!(
                gregorian_of(Calendar::SolarHijri, year, 1, 1),
                day(nowruz),
                "{year}"
            );
        }
        // 22 Bahman 1357 (the revolution): 11 February 1979; 1 Mehr 1402: 23 September 2023;
        // 29 Esfand 1402 (the last day of a common year): 19 March 2024.
        assert_eq!(
            gregorian_of(Calendar::SolarHijri, 1357, 11, 22),
            day("1979-02-11")
        );
        assert_eq!(
            gregorian_of(Calendar::SolarHijri, 1402, 7, 1),
            day("2023-09-23")
        );
        assert_eq!(
            gregorian_of(Calendar::SolarHijri, 1402, 12, 29),
            day("2024-03-19")
        );
        // Mehr has 30 days; there is no 13th month, nor a 30th of Esfand in 1402.
        assert_eq!(gregorian_of(Calendar::SolarHijri, 1402, 7, 31), None);
        assert_eq!(gregorian_of(Calendar::SolarHijri, 1402, 13, 1), None);
        assert_eq!(gregorian_of(Calendar::SolarHijri, 1402, 12, 30), None);
        // 1403 is a leap year: 30 Esfand 1403 is 20 March 2025.
        assert_eq!(
            gregorian_of(Calendar::SolarHijri, 1403, 12, 30),
            day("2025-03-20")
        );
    }

    #[test]
    fn hijri_days_match_the_umm_al_qura_tables() {
        // 1 Ramadan 1445: 11 March 2024; 1 Shawwal 1445 (Eid al-Fitr): 10 April 2024;
        // 1 Muharram 1446: 7 July 2024; 10 Dhu al-Hijjah 1444 (Eid al-Adha): 28 June 2023;
        // 1 Muharram 1440: 11 September 2018.
        for (y, m, d, gregorian) in [
            (1445, 9, 1, "2024-03-11"),
            (1445, 10, 1, "2024-04-10"),
            (1446, 1, 1, "2024-07-07"),
            (1444, 12, 10, "2023-06-28"),
            (1440, 1, 1, "2018-09-11"),
        ] {
            assert_eq!(
                gregorian_of(Calendar::Hijri, y, m, d),
                day(gregorian),
                "{d}/{m}/{y}"
            );
        }
        assert_eq!(gregorian_of(Calendar::Hijri, 1445, 9, 31), None);
        assert_eq!(gregorian_of(Calendar::Hijri, 1445, 0, 1), None);
    }
}
