//! The time zone times are shown in (View ▸ Time zone): UTC, the computer's local time, or any
//! IANA zone. Only the showing changes: every time is kept in UTC, and a date without a time of
//! day is a calendar day, the same day in every zone (`2018-03-04` is 4 March in Kyiv and in
//! Los Angeles; shifting it would make it more precise than its source).

use chrono::{Offset as _, TimeZone as _};

use super::date::Bounds;
use super::resolve::ResolvedTime;
use super::time::{CivilDateTime, MONTH_ABBREV, SECS_PER_DAY, Timestamp, year_label};

/// Where times with a time of day are shown.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ShownZone {
    /// Coordinated Universal Time, as times are kept.
    #[default]
    Utc,
    /// The computer's own zone.
    Local,
    /// A zone of the IANA database (`Europe/Kyiv`).
    Named(chrono_tz::Tz),
}

impl ShownZone {
    /// `UTC`, `local`, or an IANA name (`Europe/Kyiv`; case as the database writes it, or any
    /// case). The message says what was expected.
    pub fn parse(text: &str) -> Result<Self, String> {
        let text = text.trim();
        if text.eq_ignore_ascii_case("utc") || text.eq_ignore_ascii_case("z") {
            return Ok(Self::Utc);
        }
        if text.eq_ignore_ascii_case("local") {
            return Ok(Self::Local);
        }
        text.parse::<chrono_tz::Tz>()
            .ok()
            .or_else(|| {
                chrono_tz::TZ_VARIANTS
                    .iter()
                    .find(|tz| tz.name().eq_ignore_ascii_case(text))
                    .copied()
            })
            .map(Self::Named)
            .ok_or(())
            .map_err(|_| {
                format!(
                    "\"{text}\" is not a time zone: expected UTC, local, or a name from the IANA \
                     database such as Europe/Kyiv or America/New_York"
                )
            })
    }

    /// The name as [`ShownZone::parse`] reads it back (`UTC`, `local`, `Europe/Kyiv`).
    pub fn name(self) -> String {
        match self {
            Self::Utc => "UTC".to_owned(),
            Self::Local => "local".to_owned(),
            Self::Named(tz) => tz.name().to_owned(),
        }
    }

    /// How far the zone's clocks are ahead of UTC at the instant `utc_secs`, in seconds. 0 for
    /// instants outside the calendar the zone database covers.
    pub fn offset_secs(self, utc_secs: i64) -> i64 {
        let Some(at) = chrono::DateTime::from_timestamp(utc_secs, 0) else {
            return 0;
        };
        let at = at.naive_utc();
        let secs = match self {
            Self::Utc => 0,
            Self::Local => chrono::Local
                .offset_from_utc_datetime(&at)
                .local_minus_utc(),
            Self::Named(tz) => tz.offset_from_utc_datetime(&at).fix().local_minus_utc(),
        };
        i64::from(secs)
    }

    /// The zone's short name at `utc_secs` (`UTC`, `EEST`), or its offset where the database
    /// has no abbreviation (`+03`).
    pub fn abbreviation(self, utc_secs: i64) -> String {
        match self {
            Self::Utc => "UTC".to_owned(),
            Self::Named(tz) => chrono::DateTime::from_timestamp(utc_secs, 0)
                .map(|at| {
                    use chrono_tz::OffsetName as _;
                    let offset = tz.offset_from_utc_datetime(&at.naive_utc());
                    offset
                        .abbreviation()
                        .map_or_else(|| offset_text(self.offset_secs(utc_secs)), str::to_owned)
                })
                .unwrap_or_else(|| "UTC".to_owned()),
            Self::Local => offset_text(self.offset_secs(utc_secs)),
        }
    }

    /// The wall-clock date and time at the instant `utc_secs` in this zone.
    pub fn civil(self, utc_secs: i64) -> CivilDateTime {
        Timestamp(utc_secs.saturating_add(self.offset_secs(utc_secs))).civil()
    }

    /// An instant to the second in this zone: `24 Sep 2017 19:01:01 EEST (UTC+03:00)`; in UTC,
    /// `24 Sep 2017 16:01:01 UTC`.
    pub fn instant_words(self, utc_secs: i64) -> String {
        let c = self.civil(utc_secs);
        let when = format!(
            "{} {} {} {:02}:{:02}:{:02}",
            c.day,
            MONTH_ABBREV[usize::from(c.month - 1)],
            year_label(c.year),
            c.hour,
            c.minute,
            c.second
        );
        match self {
            Self::Utc => format!("{when} UTC"),
            _ => {
                let offset = self.offset_words(utc_secs);
                // A zone without a short name (Asia/Kabul) is not named twice by its offset.
                match self.abbreviation(utc_secs) {
                    name if offset.ends_with(&name) => format!("{when} ({offset})"),
                    name => format!("{when} {name} ({offset})"),
                }
            }
        }
    }
}

/// The most a zone's clocks differ from UTC (UTC+14 in Kiribati; UTC-12 is the other end), in
/// seconds: how far a calendar day can be drawn from its UTC day.
pub const MAX_OFFSET_SECS: i64 = 14 * 3600;

impl ShownZone {
    /// Where bounds are drawn on this zone's clocks. Bounds that start and end on UTC midnights
    /// are calendar days (`2018-03-04`, `2018-03`, `2016`: that is how dates without a time of
    /// day are kept), and a calendar day is the same day in every zone: it is drawn from the
    /// zone's midnight at its start to the zone's midnight at its end. Other bounds are instants
    /// and stay where they are.
    pub fn drawn_bounds(self, bounds: Bounds) -> Bounds {
        if self == Self::Utc || !is_calendar(bounds) {
            return bounds;
        }
        Bounds {
            earliest: Timestamp(self.midnight(bounds.earliest.0)),
            latest: Timestamp(self.midnight(bounds.latest.0)),
        }
    }

    /// An event's time as drawn on this zone's clocks: each end through
    /// [`ShownZone::drawn_bounds`].
    pub fn drawn(self, when: &ResolvedTime) -> ResolvedTime {
        if self == Self::Utc {
            return *when;
        }
        ResolvedTime {
            start: self.drawn_bounds(when.start),
            end: self.drawn_bounds(when.end),
            ..*when
        }
    }

    /// The instant this zone's clocks read 00:00 on the calendar day that starts at the UTC
    /// midnight `utc_midnight` (the offset is the one in force at that local midnight; on a day
    /// whose midnight a clock change skips, the offset just after it).
    fn midnight(self, utc_midnight: i64) -> i64 {
        let guess = utc_midnight.saturating_sub(self.offset_secs(utc_midnight));
        utc_midnight.saturating_sub(self.offset_secs(guess))
    }

    /// The zone's offset from UTC at `utc_secs`: `UTC+03:00`, `UTC-03:30`.
    pub fn offset_words(self, utc_secs: i64) -> String {
        format!("UTC{}", offset_text(self.offset_secs(utc_secs)))
    }
}

/// Bounds that are whole calendar days: from a UTC midnight to a later one.
fn is_calendar(bounds: Bounds) -> bool {
    let (a, b) = (bounds.earliest.0, bounds.latest.0);
    b > a && a.rem_euclid(SECS_PER_DAY) == 0 && b.rem_euclid(SECS_PER_DAY) == 0
}

/// `+03:00`, `-09:30`, `+00:00`.
fn offset_text(secs: i64) -> String {
    let sign = if secs < 0 { '-' } else { '+' };
    let minutes = secs.abs() / 60;
    format!("{sign}{:02}:{:02}", minutes / 60, minutes % 60)
}

#[cfg(test)]
mod tests {
    use super::ShownZone;

    fn zone(name: &str) -> ShownZone {
        ShownZone::parse(name).unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn names_read_back_and_a_wrong_one_says_what_was_expected() {
        assert_eq!(zone("utc"), ShownZone::Utc);
        assert_eq!(zone("Local"), ShownZone::Local);
        assert_eq!(zone("europe/kyiv").name(), "Europe/Kyiv");
        assert_eq!(zone(&zone("Asia/Kolkata").name()), zone("Asia/Kolkata"));
        let e = ShownZone::parse("Mars/Olympus").err().unwrap_or_default();
        assert!(e.contains("\"Mars/Olympus\" is not a time zone"), "{e}");
        assert!(e.contains("Europe/Kyiv"), "{e}");
    }

    #[test]
    fn offsets_follow_summer_time() {
        let kyiv = zone("Europe/Kyiv");
        // 2017-09-24T16:01:01Z (summer, +3) and 2018-01-15T12:00:00Z (winter, +2).
        assert_eq!(kyiv.offset_secs(1_506_268_861), 3 * 3600);
        assert_eq!(kyiv.offset_secs(1_516_017_600), 2 * 3600);
        assert_eq!(
            kyiv.instant_words(1_506_268_861),
            "24 Sep 2017 19:01:01 EEST (UTC+03:00)"
        );
        assert_eq!(
            ShownZone::Utc.instant_words(1_506_268_861),
            "24 Sep 2017 16:01:01 UTC"
        );
        // A zone with no short name is named by its offset once.
        assert_eq!(
            zone("Asia/Kabul").instant_words(1_506_268_861),
            "24 Sep 2017 20:31:01 (UTC+04:30)"
        );
        // Half-hour offsets keep their minutes; west of Greenwich is negative.
        assert_eq!(zone("Asia/Kolkata").offset_secs(1_506_268_861), 19_800);
        assert!(
            zone("America/St_Johns")
                .instant_words(1_516_017_600)
                .ends_with("(UTC-03:30)")
        );
        // Far outside the database's calendar, the offset is none rather than a panic.
        assert_eq!(kyiv.offset_secs(i64::MAX), 0);
        assert_eq!(kyiv.offset_secs(-400_000_000_000_000), 0);
    }

    #[test]
    fn a_calendar_day_is_drawn_from_the_zones_midnight_and_an_instant_stays() {
        use crate::model::{Bounds, FuzzyDate, Timestamp};
        let day = FuzzyDate::day(2012, 1, 4).bounds();
        // Kabul is 4 h 30 ahead: its 4 January starts at 19:30 UTC on the 3rd.
        let kabul = zone("Asia/Kabul").drawn_bounds(day);
        assert_eq!(kabul.earliest.0, day.earliest.0 - 16_200);
        assert_eq!(kabul.span_secs(), 86_400);
        // Los Angeles is 8 h behind in winter: its 4 January starts at 08:00 UTC.
        let la = zone("America/Los_Angeles").drawn_bounds(day);
        assert_eq!(la.earliest.0, day.earliest.0 + 8 * 3600);
        // March 2018 in Kyiv: from midnight in winter time (+2) to midnight in summer time
        // (+3), one hour short of 31 days.
        let march = Bounds {
            earliest: FuzzyDate::day(2018, 3, 1).bounds().earliest,
            latest: FuzzyDate::day(2018, 4, 1).bounds().earliest,
        };
        let kyiv = zone("Europe/Kyiv").drawn_bounds(march);
        assert_eq!(kyiv.earliest.0, march.earliest.0 - 2 * 3600);
        assert_eq!(kyiv.latest.0, march.latest.0 - 3 * 3600);
        // An instant, or an hour, is where it is in every zone; UTC draws days as they are.
        let hour = Bounds {
            earliest: Timestamp(day.earliest.0),
            latest: Timestamp(day.earliest.0 + 3600),
        };
        assert_eq!(zone("Asia/Kabul").drawn_bounds(hour), hour);
        let instant = Bounds {
            earliest: Timestamp(day.earliest.0),
            latest: Timestamp(day.earliest.0),
        };
        assert_eq!(zone("Asia/Kabul").drawn_bounds(instant), instant);
        assert_eq!(ShownZone::Utc.drawn_bounds(day), day);
    }
}
