//! Expressions → (extent, type, value, mod) against a fixed DCT.

use chrono::NaiveDate;

use super::{TimexMod, tag};

/// Friday 23 March 2018, the day of the seed report's interview.
fn dct() -> NaiveDate {
    NaiveDate::from_ymd_opt(2018, 3, 23).unwrap_or_default()
}

/// The (text, type, value, mod) of every expression in `text`.
fn found(text: &str) -> Vec<(String, &'static str, String, Option<&'static str>)> {
    tag(text, dct())
        .into_iter()
        .map(|t| {
            (
                t.text,
                t.kind.name(),
                t.value,
                t.modifier.map(TimexMod::name),
            )
        })
        .collect()
}

/// Asserts that `text` yields exactly one expression with these attributes.
fn one(text: &str, extent: &str, kind: &str, value: &str, modifier: Option<&str>) {
    let got = found(text);
    assert_eq!(
        got.len(),
        1,
        "expected one expression in {text:?}, found {got:?}"
    );
    let (t, k, v, m) = &got[0];
    assert_eq!(
        (t.as_str(), *k, v.as_str(), *m),
        (extent, kind, value, modifier),
        "in {text:?}"
    );
}

#[test]
fn seed_range_of_months() {
    one(
        "This activity really picked up in the last 18 to 24 months, he stated.",
        "the last 18 to 24 months",
        "DURATION",
        "P24M",
        Some("EQUAL_OR_LESS"),
    );
}

/// (sentence, extent, type, value, mod): one expression each, DCT Friday 23 March 2018.
const CASES: &[(&str, &str, &str, &str, Option<&str>)] = &[
    // Calendar dates.
    (
        "The deal was signed on March 24, 2016.",
        "March 24, 2016",
        "DATE",
        "2016-03-24",
        None,
    ),
    (
        "The deal was signed on 24 March 2016.",
        "24 March 2016",
        "DATE",
        "2016-03-24",
        None,
    ),
    (
        "The deal was signed on 2016-03-24.",
        "2016-03-24",
        "DATE",
        "2016-03-24",
        None,
    ),
    (
        "The deal was signed on 3/24/2016.",
        "3/24/2016",
        "DATE",
        "2016-03-24",
        None,
    ),
    (
        "The deal was signed in March 2016.",
        "March 2016",
        "DATE",
        "2016-03",
        None,
    ),
    (
        "The deal was signed in Jan. 2016.",
        "Jan. 2016",
        "DATE",
        "2016-01",
        None,
    ),
    ("The deal was signed in 2016.", "2016", "DATE", "2016", None),
    (
        "He was elected on February 1st of last year.",
        "February 1st of last year",
        "DATE",
        "2017-02-01",
        None,
    ),
    // Bare months and weekdays in a past-tense report: the latest on or before the DCT.
    (
        "The talks were held in March.",
        "March",
        "DATE",
        "2018-03",
        None,
    ),
    (
        "The talks were held in December.",
        "December",
        "DATE",
        "2017-12",
        None,
    ),
    (
        "The summit will be held in December.",
        "December",
        "DATE",
        "2018-12",
        None,
    ),
    (
        "The talks were held on Friday.",
        "Friday",
        "DATE",
        "2018-03-23",
        None,
    ),
    (
        "The talks were held on Monday.",
        "Monday",
        "DATE",
        "2018-03-19",
        None,
    ),
    (
        "The talks will resume on Monday.",
        "Monday",
        "DATE",
        "2018-03-26",
        None,
    ),
    (
        "The talks were held on Friday, March 16.",
        "Friday, March 16",
        "DATE",
        "2018-03-16",
        None,
    ),
    (
        "They met last Friday.",
        "last Friday",
        "DATE",
        "2018-03-16",
        None,
    ),
    (
        "They will meet next Friday.",
        "next Friday",
        "DATE",
        "2018-03-30",
        None,
    ),
    (
        "They meet this Wednesday.",
        "this Wednesday",
        "DATE",
        "2018-03-21",
        None,
    ),
    // Relative words.
    (
        "He arrived yesterday.",
        "yesterday",
        "DATE",
        "2018-03-22",
        None,
    ),
    ("He arrives today.", "today", "DATE", "2018-03-23", None),
    (
        "He arrives tomorrow.",
        "tomorrow",
        "DATE",
        "2018-03-24",
        None,
    ),
    ("Prices are high now.", "now", "DATE", "PRESENT_REF", None),
    (
        "Prices are currently high.",
        "currently",
        "DATE",
        "PRESENT_REF",
        None,
    ),
    (
        "Prices fell recently.",
        "recently",
        "DATE",
        "PAST_REF",
        None,
    ),
    (
        "In the past, prices fell.",
        "the past",
        "DATE",
        "PAST_REF",
        None,
    ),
    (
        "Prices fell in recent years.",
        "recent years",
        "DATE",
        "PAST_REF",
        None,
    ),
    // This / last / next.
    ("Profits fell last year.", "last year", "DATE", "2017", None),
    (
        "Profits fell last month.",
        "last month",
        "DATE",
        "2018-02",
        None,
    ),
    (
        "Profits fell last week.",
        "last week",
        "DATE",
        "2018-W11",
        None,
    ),
    (
        "Profits rose this week.",
        "this week",
        "DATE",
        "2018-W12",
        None,
    ),
    (
        "Profits will rise next year.",
        "next year",
        "DATE",
        "2019",
        None,
    ),
    (
        "Profits rose earlier this year.",
        "earlier this year",
        "DATE",
        "2018",
        None,
    ),
    (
        "Profits fell late last year.",
        "late last year",
        "DATE",
        "2017",
        Some("END"),
    ),
    (
        "Profits fell last weekend.",
        "last weekend",
        "DATE",
        "2018-W11-WE",
        None,
    ),
    (
        "Profits fell last decade.",
        "last decade",
        "DATE",
        "200X",
        None,
    ),
    // Seasons.
    (
        "Fighting grew this spring.",
        "this spring",
        "DATE",
        "2018-SP",
        None,
    ),
    (
        "Fighting grew last summer.",
        "last summer",
        "DATE",
        "2017-SU",
        None,
    ),
    (
        "Fighting grew in the summer of 2016.",
        "the summer of 2016",
        "DATE",
        "2016-SU",
        None,
    ),
    (
        "Fighting grew in spring 2016.",
        "spring 2016",
        "DATE",
        "2016-SP",
        None,
    ),
    // Parts of years, months and decades.
    (
        "It began in early 2016.",
        "early 2016",
        "DATE",
        "2016",
        Some("START"),
    ),
    (
        "It began in mid-2016.",
        "mid-2016",
        "DATE",
        "2016",
        Some("MID"),
    ),
    (
        "It began in late March.",
        "late March",
        "DATE",
        "2018-03",
        Some("END"),
    ),
    (
        "It began at the beginning of March.",
        "the beginning of March",
        "DATE",
        "2018-03",
        Some("START"),
    ),
    (
        "It will close by the end of the week.",
        "the end of the week",
        "DATE",
        "2018-W12",
        Some("END"),
    ),
    (
        "It will close by the end of the year.",
        "the end of the year",
        "DATE",
        "2018",
        Some("END"),
    ),
    ("It began in the 1990s.", "the 1990s", "DATE", "199X", None),
    (
        "It began in the early 1990s.",
        "the early 1990s",
        "DATE",
        "199X",
        Some("START"),
    ),
    ("It began in the '80s.", "the '80s", "DATE", "198X", None),
    (
        "It began in the nineties.",
        "the nineties",
        "DATE",
        "199X",
        None,
    ),
    (
        "It began in the 19th century.",
        "the 19th century",
        "DATE",
        "18",
        None,
    ),
    // Quarters, halves, fiscal years.
    (
        "Sales rose in the third quarter.",
        "the third quarter",
        "DATE",
        "2017-Q3",
        None,
    ),
    (
        "Sales will rise in the third quarter.",
        "the third quarter",
        "DATE",
        "2018-Q3",
        None,
    ),
    (
        "Sales rose in the first quarter.",
        "the first quarter",
        "DATE",
        "2018-Q1",
        None,
    ),
    (
        "Sales rose in the fourth quarter of 2016.",
        "the fourth quarter of 2016",
        "DATE",
        "2016-Q4",
        None,
    ),
    (
        "Sales rose in the second quarter of last year.",
        "the second quarter of last year",
        "DATE",
        "2017-Q2",
        None,
    ),
    (
        "Sales rose in the first half of 2017.",
        "the first half of 2017",
        "DATE",
        "2017-H1",
        None,
    ),
    ("Sales rose in Q3 2017.", "Q3 2017", "DATE", "2017-Q3", None),
    (
        "Sales fell in fiscal 2017.",
        "fiscal 2017",
        "DATE",
        "FY2017",
        None,
    ),
    ("Sales fell in FY 2017.", "FY 2017", "DATE", "FY2017", None),
    // Ago, later, from now.
    (
        "He left two weeks ago.",
        "two weeks ago",
        "DATE",
        "2018-W10",
        None,
    ),
    (
        "He left three days ago.",
        "three days ago",
        "DATE",
        "2018-03-20",
        None,
    ),
    (
        "He left five years ago.",
        "five years ago",
        "DATE",
        "2013",
        None,
    ),
    (
        "He left a month ago.",
        "a month ago",
        "DATE",
        "2018-02",
        None,
    ),
    (
        "He left a year ago.",
        "a year ago",
        "DATE",
        "2017-03-23",
        None,
    ),
    (
        "Prices may rise in the coming months.",
        "the coming months",
        "DATE",
        "FUTURE_REF",
        None,
    ),
    (
        "He left on the same day.",
        "the same day",
        "DATE",
        "2018-03-23",
        None,
    ),
    (
        "He left a few years back.",
        "a few years back",
        "DATE",
        "PAST_REF",
        None,
    ),
    (
        "He left more than two years ago.",
        "more than two years ago",
        "DATE",
        "2016",
        Some("BEFORE"),
    ),
    (
        "He will return two years from now.",
        "two years from now",
        "DATE",
        "2020",
        None,
    ),
    (
        "He left several years ago.",
        "several years ago",
        "DATE",
        "PAST_REF",
        None,
    ),
    // Durations.
    (
        "The war lasted three years.",
        "three years",
        "DURATION",
        "P3Y",
        None,
    ),
    (
        "The war lasted a decade.",
        "a decade",
        "DURATION",
        "P1DE",
        None,
    ),
    (
        "The siege lasted 48 hours.",
        "48 hours",
        "DURATION",
        "PT48H",
        None,
    ),
    (
        "The siege lasted two and a half years.",
        "two and a half years",
        "DURATION",
        "P30M",
        None,
    ),
    (
        "The siege lasted a year and a half.",
        "a year and a half",
        "DURATION",
        "P18M",
        None,
    ),
    (
        "The siege lasted half an hour.",
        "half an hour",
        "DURATION",
        "PT30M",
        None,
    ),
    (
        "The siege lasted about three weeks.",
        "about three weeks",
        "DURATION",
        "P3W",
        Some("APPROX"),
    ),
    (
        "The siege lasted more than a year.",
        "more than a year",
        "DURATION",
        "P1Y",
        Some("MORE_THAN"),
    ),
    (
        "The siege lasted less than a month.",
        "less than a month",
        "DURATION",
        "P1M",
        Some("LESS_THAN"),
    ),
    (
        "The siege lasted at least two weeks.",
        "at least two weeks",
        "DURATION",
        "P2W",
        Some("EQUAL_OR_MORE"),
    ),
    (
        "The siege lasted nearly two years.",
        "nearly two years",
        "DURATION",
        "P2Y",
        Some("LESS_THAN"),
    ),
    (
        "The siege lasted twenty-four hours.",
        "twenty-four hours",
        "DURATION",
        "PT24H",
        None,
    ),
    (
        "He signed a two-year contract.",
        "two-year",
        "DURATION",
        "P2Y",
        None,
    ),
    (
        "The wait is 18 to 24 months.",
        "18 to 24 months",
        "DURATION",
        "P24M",
        Some("EQUAL_OR_LESS"),
    ),
    (
        "The wait is 5-7 weeks.",
        "5-7 weeks",
        "DURATION",
        "P7W",
        Some("EQUAL_OR_LESS"),
    ),
    (
        "It grew over the past several months.",
        "the past several months",
        "DURATION",
        "PXM",
        None,
    ),
    (
        "It grew over the past few years.",
        "the past few years",
        "DURATION",
        "PXY",
        None,
    ),
    (
        "It grew over the past year.",
        "the past year",
        "DURATION",
        "P1Y",
        None,
    ),
    (
        "It grew over the past three years.",
        "the past three years",
        "DURATION",
        "P3Y",
        None,
    ),
    (
        "It will grow over the next two decades.",
        "the next two decades",
        "DURATION",
        "P2DE",
        None,
    ),
    (
        "It has been stalled for years.",
        "years",
        "DURATION",
        "PXY",
        None,
    ),
    (
        "Prices rose over the years.",
        "the years",
        "DURATION",
        "PXY",
        None,
    ),
    (
        "Processing takes ten business days.",
        "ten business days",
        "DURATION",
        "P10D",
        None,
    ),
    (
        "It was a decade-long war.",
        "decade-long",
        "DURATION",
        "P1DE",
        None,
    ),
    // Sets.
    ("The paper appears daily.", "daily", "SET", "P1D", None),
    ("They meet every week.", "every week", "SET", "P1W", None),
    (
        "They meet every Monday.",
        "every Monday",
        "SET",
        "XXXX-WXX-1",
        None,
    ),
    (
        "They meet every two years.",
        "every two years",
        "SET",
        "P2Y",
        None,
    ),
    (
        "They meet twice a week.",
        "twice a week",
        "SET",
        "P1W",
        None,
    ),
    (
        "They meet once a month.",
        "once a month",
        "SET",
        "P1M",
        None,
    ),
    (
        "They publish an annual report.",
        "annual",
        "SET",
        "P1Y",
        None,
    ),
    (
        "They process about a hundred a day.",
        "a day",
        "SET",
        "P1D",
        None,
    ),
    (
        "It saves 600 pounds per year.",
        "per year",
        "SET",
        "P1Y",
        None,
    ),
    // Times.
    (
        "The vote closed at 3 p.m.",
        "3 p.m.",
        "TIME",
        "2018-03-23T15:00",
        None,
    ),
    (
        "The vote closed at 3pm.",
        "3pm",
        "TIME",
        "2018-03-23T15:00",
        None,
    ),
    (
        "The vote closed at 15:30.",
        "15:30",
        "TIME",
        "2018-03-23T15:30",
        None,
    ),
    (
        "The vote closed at 09:00 GMT.",
        "09:00 GMT",
        "TIME",
        "2018-03-23T09:00Z",
        None,
    ),
    (
        "The vote closed at 0900 GMT.",
        "0900 GMT",
        "TIME",
        "2018-03-23T09:00Z",
        None,
    ),
    (
        "The vote closed at 10:30 a.m. EDT.",
        "10:30 a.m. EDT",
        "TIME",
        "2018-03-23T10:30-04:00",
        None,
    ),
    (
        "The vote closed at noon.",
        "noon",
        "TIME",
        "2018-03-23T12:00",
        None,
    ),
    (
        "The vote closed this morning.",
        "this morning",
        "TIME",
        "2018-03-23TMO",
        None,
    ),
    (
        "The vote closed last night.",
        "last night",
        "TIME",
        "2018-03-22TNI",
        None,
    ),
    (
        "The vote closed yesterday afternoon.",
        "yesterday afternoon",
        "TIME",
        "2018-03-22TAF",
        None,
    ),
    (
        "The vote closes tonight.",
        "tonight",
        "TIME",
        "2018-03-23TNI",
        None,
    ),
    (
        "The vote closed Friday night.",
        "Friday night",
        "TIME",
        "2018-03-23TNI",
        None,
    ),
    // Holidays.
    (
        "They met on Christmas Eve.",
        "Christmas Eve",
        "DATE",
        "2017-12-24",
        None,
    ),
];

#[test]
fn every_rule_gives_extent_type_value_and_mod() {
    let mut failures = Vec::new();
    for &(text, extent, kind, value, modifier) in CASES {
        let got = found(text);
        let want = (extent.to_owned(), kind, value.to_owned(), modifier);
        if got.len() != 1 || got[0] != want {
            failures.push(format!("{text:?}\n   want {want:?}\n   got  {got:?}"));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} failed:\n{}",
        failures.len(),
        CASES.len(),
        failures.join("\n")
    );
}

#[test]
fn since_tags_only_the_year() {
    one(
        "He has lived there since 2015.",
        "2015",
        "DATE",
        "2015",
        None,
    );
}

#[test]
fn words_that_only_look_like_times_are_left_alone() {
    for text in [
        "He may go.",
        "They march on the capital.",
        "He has 2,000 soldiers and 1500 troops.",
        "He paid $2018 for it.",
        "It was the fall of the Berlin Wall.",
        "The late president spoke.",
        "A second attempt failed.",
        "Each of them spoke.",
        "The 40-year-old man is 40 years old.",
        "Resolution 2254 passed.",
        "It rained on various days of the week.",
    ] {
        assert_eq!(found(text), [], "{text}");
    }
}

#[test]
fn a_range_of_days_tags_each_end() {
    let got = found("She travels to Chile from June 1-2, 2021, then home.");
    let values: Vec<(&str, &str)> = got
        .iter()
        .map(|(t, _, v, _)| (t.as_str(), v.as_str()))
        .collect();
    assert_eq!(
        values,
        [("June 1", "2021-06-01"), ("2, 2021", "2021-06-02")]
    );
    let got = found("It was occupied (1939-43).");
    let values: Vec<&str> = got.iter().map(|(_, _, v, _)| v.as_str()).collect();
    assert_eq!(values, ["1939", "1943"]);
}

#[test]
fn the_year_of_a_narrative_carries_to_bare_dates() {
    let got = found("Russia invaded in 2014, and on 27 February troops captured the parliament.");
    assert_eq!(got[1].2, "2014-02-27");
    let got = found("The review covers January 1 – December 31, 2020.");
    assert_eq!(got[0].2, "2020-01-01");
}

#[test]
fn offsets_are_bytes_and_characters() {
    let text = "“Déjà vu” — since March 2016.";
    let t = &tag(text, dct())[0];
    assert_eq!(&text[t.start_byte..t.end_byte], "March 2016");
    let chars: String = text
        .chars()
        .skip(t.start_char)
        .take(t.end_char - t.start_char)
        .collect();
    assert_eq!(chars, "March 2016");
}

#[test]
fn the_seed_report_dates_the_activity_against_the_interview() {
    let text = include_str!("../../../tests/fixtures/article.txt");
    let found = tag(text, dct());
    let range = found
        .iter()
        .find(|t| t.text == "the last 18 to 24 months")
        .expect("the seed report's range is found");
    assert_eq!(range.kind.name(), "DURATION");
    assert_eq!(range.swimline_time().as_deref(), Some("@{dct}-P24M..-P18M"));
    assert_eq!(range.range, Some(("P18M".to_owned(), "P24M".to_owned())));
}

#[test]
fn an_hour_range_takes_the_second_hours_half_of_the_day() {
    let got = found("The polls are open from 7 to 9 p.m., with 3 to 4 observers.");
    let values: Vec<&str> = got.iter().map(|(_, _, v, _)| v.as_str()).collect();
    assert_eq!(values, ["2018-03-23T19:00", "2018-03-23T21:00"]);
    // A long chain of bare numbers neither recurses deeply nor tags anything.
    assert_eq!(found(&"1 to ".repeat(20_000)), []);
}

/// A text with no sentence ends and many dates stays fast (no walk back to the start).
#[test]
fn a_text_without_full_stops_is_tagged_in_linear_time() {
    let text = "in March and in 2016 and on Friday and ".repeat(10_000);
    let start = std::time::Instant::now();
    let n = tag(&text, dct()).len();
    assert_eq!(n, 30_000);
    assert!(start.elapsed().as_secs() < 20, "took {:?}", start.elapsed());
}

/// A DCT at either end of the calendar, and absurd amounts, give values, never a panic.
#[test]
fn extreme_dates_and_amounts_never_panic() {
    let text = "Yesterday, tomorrow, next Friday, last week, the day after tomorrow, \
        99999999999 days ago, 2147483647 years from now, 999999999999 months later, \
        the next 99999999 decades, at 3 p.m. tomorrow, last winter, the third quarter, \
        two weeks ago, this morning, a year ago.";
    for dct in [NaiveDate::MIN, NaiveDate::MAX, dct()] {
        let found = tag(text, dct);
        assert!(found.len() >= 14, "{dct}: {found:?}");
        for t in &found {
            let _ = t.swimline_time();
        }
    }
}

#[test]
fn bad_input_never_panics() {
    for text in [
        "",
        "-",
        "'",
        "1/",
        "2018-",
        "2018-13-45",
        "99:99",
        "March 99",
        "the the the",
        "¿¡€",
        "1.",
        "every",
        "the end of",
        "Q9",
    ] {
        let _ = tag(text, dct());
    }
}

/// Random sequences of tricky pieces: nothing panics, and every expression's offsets fall on
/// character boundaries, in order, with its text equal to the slice they name.
#[test]
fn random_token_soup_keeps_offsets_sound() {
    const PIECES: &[&str] = &[
        "the", "last", "18", "to", "24", "months", "-", "–", "’s", "'", "90s", "1990s", "March",
        "May", "Friday", "3", "p.m.", ":", "30", "GMT", "ago", "a", "year", "and", "half", "of",
        "2018", "Q3", "fiscal", "every", "twice", "week", "early", "mid", "end", ",", ".", "\n",
        "é", "“", "FY", "2,000", "1/2/2018", "2018-03", "over", "more", "than", "recent", "coming",
        "same", "day", "the", "year", "noon", "EDT", "LOCAL", "31", "February", "29",
    ];
    let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    for _ in 0..2000 {
        let len = (next() % 12) as usize + 1;
        let mut text = String::new();
        for _ in 0..len {
            text.push_str(PIECES[(next() % PIECES.len() as u64) as usize]);
            if next() % 3 != 0 {
                text.push(' ');
            }
        }
        let mut last_end = 0;
        for t in tag(&text, dct()) {
            assert!(
                t.start_byte >= last_end && t.start_byte < t.end_byte,
                "{text:?}"
            );
            assert_eq!(
                text.get(t.start_byte..t.end_byte),
                Some(t.text.as_str()),
                "{text:?}"
            );
            assert_eq!(
                text[..t.start_byte].chars().count(),
                t.start_char,
                "{text:?}"
            );
            assert_eq!(text[..t.end_byte].chars().count(), t.end_char, "{text:?}");
            assert!(!t.value.is_empty(), "{text:?}");
            last_end = t.end_byte;
        }
    }
}
