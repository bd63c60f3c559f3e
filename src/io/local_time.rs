//! A time of day written on a zone's clocks, as UTC — including the hour a clock skips when it
//! springs forward (a gap) and the hour it repeats when it falls back (an overlap), which
//! `chrono` leaves to the caller. A gap's time is moved forward by the gap (02:30 in a gap from
//! 02:00 to 03:00 is 03:30, as a clock that was not changed would read), an overlap's is the
//! earlier of its two instants; both say so. It does not parse text.

use chrono::{LocalResult, NaiveDateTime, Offset as _, TimeDelta, TimeZone as _};

/// What was done to a local time that is not one instant.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Resolved {
    /// The clocks skipped it: moved forward by the gap, this many minutes.
    Gap {
        /// How long the gap is, in minutes (60 for most zones).
        gap_minutes: i64,
    },
    /// The clocks showed it twice: the earlier instant was taken.
    Overlap,
}

impl Resolved {
    /// What was done, in words, for a warning about `written` in `zone`.
    pub fn words(self, written: &str, zone: chrono_tz::Tz) -> String {
        match self {
            Self::Gap { gap_minutes } => format!(
                "{written} does not exist in {zone} (the clocks skipped it, springing forward): \
                 moved forward by the gap, {gap_minutes} minutes"
            ),
            Self::Overlap => format!(
                "{written} happened twice in {zone} (the clocks fell back): the earlier was taken"
            ),
        }
    }
}

/// `local` on the clocks of `zone`, as UTC, and what was done if it was not one instant;
/// `None` only where the date is out of `chrono`'s range.
pub fn utc_of_local(
    local: NaiveDateTime,
    zone: chrono_tz::Tz,
) -> Option<(NaiveDateTime, Option<Resolved>)> {
    match zone.from_local_datetime(&local) {
        LocalResult::Single(t) => Some((t.naive_utc(), None)),
        LocalResult::Ambiguous(earlier, _) => Some((earlier.naive_utc(), Some(Resolved::Overlap))),
        LocalResult::None => {
            // The offset before the gap (a day earlier: no zone changes twice within a day) and
            // after it; the local time read with the offset before is the instant a clock not
            // yet moved would show it, that is the time moved forward by the gap.
            let before = zone
                .offset_from_utc_datetime(&local.checked_sub_signed(TimeDelta::days(1))?)
                .fix()
                .local_minus_utc();
            let after = zone
                .offset_from_utc_datetime(&local.checked_add_signed(TimeDelta::days(1))?)
                .fix()
                .local_minus_utc();
            let utc = local.checked_sub_signed(TimeDelta::seconds(i64::from(before)))?;
            let gap_minutes = i64::from(after - before) / 60;
            Some((utc, Some(Resolved::Gap { gap_minutes })))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{Resolved, utc_of_local};

    fn at(text: &str) -> chrono::NaiveDateTime {
        chrono::NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M:%S")
            .unwrap_or_else(|e| panic!("{text}: {e}"))
    }

    fn zone(name: &str) -> chrono_tz::Tz {
        name.parse().unwrap_or_else(|e| panic!("{name}: {e}"))
    }

    #[test]
    fn a_time_in_the_spring_gap_moves_forward_by_the_gap() {
        // Berlin, 28 March 2021: 02:00 CET became 03:00 CEST; 02:30 is read as 03:30 CEST.
        let berlin = zone("Europe/Berlin");
        let (utc, said) = utc_of_local(at("2021-03-28 02:30:00"), berlin).unwrap_or_default();
        assert_eq!(utc, at("2021-03-28 01:30:00"));
        assert_eq!(said, Some(Resolved::Gap { gap_minutes: 60 }));
        let words = Resolved::Gap { gap_minutes: 60 }.words("2021-03-28 02:30", berlin);
        assert!(
            words.contains("moved forward by the gap, 60 minutes"),
            "{words}"
        );
        // Lord Howe Island springs forward by half an hour (02:00 → 02:30, 2021-10-03).
        let (utc, said) = utc_of_local(at("2021-10-03 02:15:00"), zone("Australia/Lord_Howe"))
            .unwrap_or_default();
        assert_eq!(said, Some(Resolved::Gap { gap_minutes: 30 }));
        // 02:15 at +10:30 (before) is 15:45 UTC the day before: 02:45 at +11:00.
        assert_eq!(utc, at("2021-10-02 15:45:00"));
    }

    #[test]
    fn a_time_in_the_autumn_overlap_is_the_earlier_and_others_are_plain() {
        // Berlin, 31 October 2021: 02:30 happened at 00:30 UTC (CEST) and 01:30 UTC (CET).
        let berlin = zone("Europe/Berlin");
        let (utc, said) = utc_of_local(at("2021-10-31 02:30:00"), berlin).unwrap_or_default();
        assert_eq!(utc, at("2021-10-31 00:30:00"));
        assert_eq!(said, Some(Resolved::Overlap));
        let (utc, said) = utc_of_local(at("2021-07-01 12:00:00"), berlin).unwrap_or_default();
        assert_eq!((utc, said), (at("2021-07-01 10:00:00"), None));
        // Kabul has no daylight saving time: every time is one instant (UTC+4:30).
        let (utc, said) =
            utc_of_local(at("2021-03-21 02:30:00"), zone("Asia/Kabul")).unwrap_or_default();
        assert_eq!((utc, said), (at("2021-03-20 22:00:00"), None));
    }
}
