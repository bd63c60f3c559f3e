//! Tests of the date notation: parsing, bounds, words, and writing back.

mod plain_date_tests {
    use super::super::{parse_fuzzy_date, plain_date};

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

mod notation {
    use super::super::{Anchor, Bounds, Endpoint, FuzzyDate, Precision, TimeSpec, parse_duration};
    use crate::model::time::{CalendarDuration, CivilDateTime, Timestamp};

    fn day(y: i64, m: u8, d: u8) -> Timestamp {
        CivilDateTime::date(y, m, d).timestamp()
    }

    fn date(s: &str) -> FuzzyDate {
        s.parse().unwrap_or_else(|e| panic!("{s}: {e}"))
    }

    #[test]
    fn an_id_that_ends_like_an_anchor_reads_back_the_same() {
        // Found by the date fuzzer: `@{.start.start}` was written `@{.start}`, which does not
        // parse.
        for text in [
            "@{.start.start}",
            "@{a.end.start}",
            "@{a.start.end}+P1D",
            "@{x.start}",
        ] {
            let time: TimeSpec = text.parse().unwrap_or_else(|e| panic!("{text}: {e}"));
            let written = time.to_string();
            assert_eq!(written.parse::<TimeSpec>(), Ok(time), "{text} → {written}");
        }
        let plain: TimeSpec = "@{x.start}".parse().unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(plain.to_string(), "@{x}");
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
    fn fractions_of_a_second_are_kept_as_written_and_in_words() {
        // Issue 23: a Timesketch time showed "as written 2012-03-14T04:17:38Z".
        let d = date("2012-03-14T04:17:38.276340+00:00");
        assert_eq!(d.precision, Precision::Microsecond);
        assert_eq!(d.nanos, 276_340_000);
        assert_eq!(d.to_string(), "2012-03-14T04:17:38.276340Z");
        assert_eq!(d.describe(), "14 March 2012, 04:17:38.276340 UTC");
        // Bounds stay whole seconds: the second the time lies in.
        assert_eq!(d.bounds().span_secs(), 1);
        assert_eq!(d.bounds().describe(), "14 Mar 2012 04:17:38 UTC");
        for (text, precision, written) in [
            (
                "2018-01-04T14:05:09.5Z",
                Precision::Millisecond,
                "2018-01-04T14:05:09.500Z",
            ),
            (
                "2018-01-04T14:05:09,123Z",
                Precision::Millisecond,
                "2018-01-04T14:05:09.123Z",
            ),
            (
                "2018-01-04T14:05:09.1234567Z",
                Precision::Nanosecond,
                "2018-01-04T14:05:09.123456700Z",
            ),
            (
                "2018-01-04T14:05:09.123456789123Z",
                Precision::Nanosecond,
                "2018-01-04T14:05:09.123456789Z",
            ),
            (
                "2018-01-04T23:59:59.000001-01:00",
                Precision::Microsecond,
                "2018-01-05T00:59:59.000001Z",
            ),
            (
                "2018-01-04T14:05:09.250~",
                Precision::Millisecond,
                "2018-01-04T14:05:09.250Z~",
            ),
        ] {
            let d = date(text);
            assert_eq!(d.precision, precision, "{text}");
            assert_eq!(d.to_string(), written, "{text}");
            assert_eq!(date(written), d, "{written} reads back");
        }
        let bad = "2018-01-04T14:05:09.5x".parse::<FuzzyDate>();
        assert!(bad.is_err(), "{bad:?}");
        // Within one second, the fraction orders two times the bounds cannot tell apart.
        let (a, b) = (
            date("2012-03-14T04:17:38.2Z"),
            date("2012-03-14T04:17:38.19Z"),
        );
        assert_eq!(a.bounds(), b.bounds());
        assert!(b.nanos < a.nanos);
        // The fraction sits in what was padding: a date is no larger for it.
        assert!(std::mem::size_of::<FuzzyDate>() <= 24);
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

mod fractions {
    use super::super::{FuzzyDate, Precision};

    proptest::proptest! {
        /// A time with any fraction of a second reads back as written, at the precision its
        /// digits give.
        #[test]
        fn any_fraction_reads_back_as_written(
            nanos in 0u32..1_000_000_000,
            digits in 1usize..=9,
            second in 0u8..60,
        ) {
            let fraction = &format!("{nanos:09}")[..digits];
            let text = format!("2012-03-14T04:17:{second:02}.{fraction}Z");
            let date: FuzzyDate = text.parse().map_err(|e| proptest::test_runner::TestCaseError::fail(format!("{e}")))?;
            proptest::prop_assert_eq!(date.precision, Precision::of_fraction_digits(digits));
            let written = date.to_string();
            proptest::prop_assert_eq!(written.parse::<FuzzyDate>(), Ok(date.clone()));
            // Padded to the precision's digits, never cut: the digits typed stay.
            proptest::prop_assert!(written.contains(fraction), "{} → {}", text, written);
        }
    }
}
