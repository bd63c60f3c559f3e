//! The English words the temporal rules know: month and weekday names, units, number words,
//! ordinals, seasons, parts of the day, and the words that mark tense. Lookups only; which
//! sequences make an expression is in `rules`.

use super::cal::{Season, Unit};

/// The month a (lower-case) name or abbreviation stands for.
pub(crate) fn month(w: &str) -> Option<u32> {
    if !is_trigger(w) {
        return None;
    }
    Some(match w {
        "january" | "jan" => 1,
        "february" | "feb" => 2,
        "march" | "mar" => 3,
        "april" | "apr" => 4,
        "may" => 5,
        "june" | "jun" => 6,
        "july" | "jul" => 7,
        "august" | "aug" => 8,
        "september" | "sep" | "sept" => 9,
        "october" | "oct" => 10,
        "november" | "nov" => 11,
        "december" | "dec" => 12,
        _ => return None,
    })
}

/// Whether a month word is an abbreviation (may take a full stop).
pub(crate) fn is_month_abbrev(w: &str) -> bool {
    w.len() <= 4 && w != "may" && w != "june" && w != "july"
}

/// The ISO weekday number (Monday 1 … Sunday 7) of a weekday name.
pub(crate) fn weekday(w: &str) -> Option<u32> {
    if !is_trigger(w) {
        return None;
    }
    Some(match w {
        "monday" | "mon" => 1,
        "tuesday" | "tues" | "tue" => 2,
        "wednesday" | "wed" => 3,
        "thursday" | "thurs" | "thu" => 4,
        "friday" | "fri" => 5,
        "saturday" | "sat" => 6,
        "sunday" | "sun" => 7,
        _ => return None,
    })
}

/// Whether a weekday word is a full name (abbreviations like "sun", "wed" are ordinary words).
pub(crate) fn is_full_weekday(w: &str) -> bool {
    w.ends_with("day")
}

/// The weekday a plural name stands for ("Mondays").
pub(crate) fn weekday_plural(w: &str) -> Option<u32> {
    w.strip_suffix('s')
        .and_then(weekday)
        .filter(|_| w.len() > 6)
}

/// A unit word, and whether it is plural.
pub(crate) fn unit(w: &str) -> Option<(Unit, bool)> {
    if !is_trigger(w) {
        return None;
    }
    Some(match w {
        "second" => (Unit::Second, false),
        "seconds" | "secs" => (Unit::Second, true),
        "minute" => (Unit::Minute, false),
        "minutes" | "mins" => (Unit::Minute, true),
        "hour" => (Unit::Hour, false),
        "hours" | "hrs" => (Unit::Hour, true),
        "day" => (Unit::Day, false),
        "days" => (Unit::Day, true),
        "week" => (Unit::Week, false),
        "weeks" => (Unit::Week, true),
        "weekend" => (Unit::Weekend, false),
        "weekends" => (Unit::Weekend, true),
        "month" => (Unit::Month, false),
        "months" => (Unit::Month, true),
        "quarter" => (Unit::Quarter, false),
        "quarters" => (Unit::Quarter, true),
        "year" => (Unit::Year, false),
        "years" | "yrs" => (Unit::Year, true),
        "decade" => (Unit::Decade, false),
        "decades" => (Unit::Decade, true),
        "century" => (Unit::Century, false),
        "centuries" => (Unit::Century, true),
        _ => return None,
    })
}

/// The value of a number word ("two" … "ninety", "hundred", "dozen").
pub(crate) fn number_word(w: &str) -> Option<u32> {
    if !is_trigger(w) {
        return None;
    }
    Some(match w {
        "zero" => 0,
        "one" => 1,
        "two" => 2,
        "three" => 3,
        "four" => 4,
        "five" => 5,
        "six" => 6,
        "seven" => 7,
        "eight" => 8,
        "nine" => 9,
        "ten" => 10,
        "eleven" => 11,
        "twelve" => 12,
        "thirteen" => 13,
        "fourteen" => 14,
        "fifteen" => 15,
        "sixteen" => 16,
        "seventeen" => 17,
        "eighteen" => 18,
        "nineteen" => 19,
        "twenty" => 20,
        "thirty" => 30,
        "forty" => 40,
        "fifty" => 50,
        "sixty" => 60,
        "seventy" => 70,
        "eighty" => 80,
        "ninety" => 90,
        "hundred" => 100,
        "dozen" => 12,
        _ => return None,
    })
}

/// The value of an ordinal word or numeral ("third", "3rd", "twenty-first" is two tokens).
pub(crate) fn ordinal(w: &str) -> Option<u32> {
    let word = match w {
        "first" => Some(1),
        "second" => Some(2),
        "third" => Some(3),
        "fourth" => Some(4),
        "fifth" => Some(5),
        "sixth" => Some(6),
        "seventh" => Some(7),
        "eighth" => Some(8),
        "ninth" => Some(9),
        "tenth" => Some(10),
        "eleventh" => Some(11),
        "twelfth" => Some(12),
        "thirteenth" => Some(13),
        "fourteenth" => Some(14),
        "fifteenth" => Some(15),
        "sixteenth" => Some(16),
        "seventeenth" => Some(17),
        "eighteenth" => Some(18),
        "nineteenth" => Some(19),
        "twentieth" => Some(20),
        "twenty-first" => Some(21),
        "thirtieth" => Some(30),
        _ => None,
    };
    if word.is_some() {
        return word;
    }
    let digits = w
        .strip_suffix("st")
        .or_else(|| w.strip_suffix("nd"))
        .or_else(|| w.strip_suffix("rd"))
        .or_else(|| w.strip_suffix("th"))?;
    if digits.is_empty() || digits.len() > 3 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok()
}

/// A season word.
pub(crate) fn season(w: &str) -> Option<Season> {
    if !is_trigger(w) {
        return None;
    }
    Some(match w {
        "spring" => Season::Spring,
        "summer" => Season::Summer,
        "fall" | "autumn" => Season::Fall,
        "winter" => Season::Winter,
        _ => return None,
    })
}

/// The TimeML code of a part of the day ("morning" → `MO`).
pub(crate) fn part_of_day(w: &str) -> Option<&'static str> {
    if !is_trigger(w) {
        return None;
    }
    Some(match w {
        "morning" => "MO",
        "afternoon" => "AF",
        "evening" => "EV",
        "night" => "NI",
        _ => return None,
    })
}

/// The frequency adverbs that are sets by themselves ("daily" → every day).
pub(crate) fn frequency_adverb(w: &str) -> Option<Unit> {
    if !is_trigger(w) {
        return None;
    }
    Some(match w {
        "hourly" => Unit::Hour,
        "daily" | "nightly" => Unit::Day,
        "weekly" => Unit::Week,
        "monthly" => Unit::Month,
        "quarterly" => Unit::Quarter,
        "annually" | "yearly" | "annual" => Unit::Year,
        _ => return None,
    })
}

/// Words that place a clause in the future.
pub(crate) fn is_future_marker(w: &str) -> bool {
    matches!(
        w,
        "will"
            | "'ll"
            | "shall"
            | "wo"
            | "going"
            | "plans"
            | "plan"
            | "scheduled"
            | "expected"
            | "expects"
            | "upcoming"
            | "tomorrow"
            | "intends"
            | "due"
            | "hopes"
    )
}

/// Words that place a clause in the past.
pub(crate) fn is_past_marker(w: &str) -> bool {
    matches!(
        w,
        "said"
            | "was"
            | "were"
            | "had"
            | "did"
            | "told"
            | "ago"
            | "yesterday"
            | "went"
            | "came"
            | "met"
            | "made"
            | "took"
            | "gave"
            | "saw"
            | "began"
            | "left"
            | "held"
            | "won"
            | "lost"
            | "rose"
            | "fell"
            | "grew"
            | "became"
            | "spent"
            | "sold"
            | "bought"
            | "paid"
            | "led"
            | "kept"
            | "thought"
            | "brought"
            | "wrote"
            | "got"
            | "ran"
            | "meant"
            | "found"
            | "felt"
            | "been"
            | "spoke"
            | "struck"
            | "fought"
            | "sent"
            | "built"
            | "announced"
            | "reported"
            | "earlier"
            | "last"
            | "since"
    ) || (w.len() > 4 && w.ends_with("ed"))
}
/// Whether `w` is one of the [`TRIGGERS`] (a binary search: cheaper than the lookups'
/// matches for the many words that are none of them).
pub(crate) fn is_trigger(w: &str) -> bool {
    TRIGGERS.binary_search(&w).is_ok()
}

/// Every word that can start an expression, sorted for binary search: the names, units,
/// numbers and ordinals above and the premodifiers and determiners the rules know. A test
/// checks that each word the lookups above accept is here.
pub(crate) const TRIGGERS: &[&str] = &[
    "a",
    "about",
    "afternoon",
    "almost",
    "an",
    "annual",
    "annually",
    "approximately",
    "apr",
    "april",
    "around",
    "at",
    "aug",
    "august",
    "autumn",
    "beginning",
    "centuries",
    "century",
    "christmas",
    "circa",
    "coming",
    "couple",
    "current",
    "currently",
    "daily",
    "day",
    "days",
    "dec",
    "decade",
    "decades",
    "december",
    "dozen",
    "dozens",
    "each",
    "earlier",
    "early",
    "earth",
    "eight",
    "eighteen",
    "eighteenth",
    "eighth",
    "eighties",
    "eighty",
    "eleven",
    "eleventh",
    "end",
    "evening",
    "every",
    "exactly",
    "fall",
    "feb",
    "february",
    "few",
    "fewer",
    "fifteen",
    "fifteenth",
    "fifth",
    "fifties",
    "fifty",
    "final",
    "first",
    "fiscal",
    "five",
    "following",
    "forties",
    "forty",
    "four",
    "fourteen",
    "fourteenth",
    "fourth",
    "fri",
    "friday",
    "future",
    "fy",
    "groundhog",
    "half",
    "halloween",
    "hour",
    "hourly",
    "hours",
    "hrs",
    "hundred",
    "hundreds",
    "independence",
    "initial",
    "international",
    "jan",
    "january",
    "jul",
    "july",
    "jun",
    "june",
    "just",
    "last",
    "late",
    "lately",
    "later",
    "latest",
    "less",
    "longer",
    "many",
    "mar",
    "march",
    "may",
    "mid",
    "middle",
    "midnight",
    "mins",
    "minute",
    "minutes",
    "mon",
    "monday",
    "month",
    "monthly",
    "months",
    "more",
    "morning",
    "nd",
    "nearly",
    "new",
    "next",
    "night",
    "nightly",
    "nine",
    "nineteen",
    "nineteenth",
    "nineties",
    "ninety",
    "ninth",
    "no",
    "noon",
    "nov",
    "november",
    "now",
    "nowadays",
    "oct",
    "october",
    "once",
    "one",
    "over",
    "overnight",
    "past",
    "per",
    "precisely",
    "present",
    "presently",
    "previous",
    "pride",
    "q1",
    "q2",
    "q3",
    "q4",
    "quarter",
    "quarterly",
    "quarters",
    "rd",
    "recent",
    "recently",
    "right",
    "roughly",
    "same",
    "sat",
    "saturday",
    "second",
    "seconds",
    "secs",
    "sep",
    "sept",
    "september",
    "seven",
    "seventeen",
    "seventeenth",
    "seventh",
    "seventies",
    "seventy",
    "several",
    "shorter",
    "six",
    "sixteen",
    "sixteenth",
    "sixth",
    "sixties",
    "sixty",
    "some",
    "soon",
    "spring",
    "st",
    "start",
    "summer",
    "sun",
    "sunday",
    "ten",
    "tenth",
    "th",
    "that",
    "the",
    "these",
    "third",
    "thirteen",
    "thirteenth",
    "thirties",
    "thirtieth",
    "thirty",
    "this",
    "three",
    "thrice",
    "thu",
    "thurs",
    "thursday",
    "to",
    "today",
    "tomorrow",
    "tonight",
    "tue",
    "tues",
    "tuesday",
    "twelfth",
    "twelve",
    "twenties",
    "twentieth",
    "twenty",
    "twenty-first",
    "twice",
    "two",
    "under",
    "up",
    "upcoming",
    "valentine",
    "veterans",
    "wed",
    "wednesday",
    "week",
    "weekdays",
    "weekend",
    "weekends",
    "weekly",
    "weeknights",
    "weeks",
    "well",
    "winter",
    "year",
    "yearly",
    "years",
    "yesterday",
    "yrs",
    "zero",
];

#[cfg(test)]
mod tests {
    use super::{
        TRIGGERS, frequency_adverb, month, number_word, ordinal, part_of_day, season, unit, weekday,
    };

    #[test]
    fn triggers_are_sorted_and_hold_every_word_the_lookups_know() {
        assert!(
            TRIGGERS.windows(2).all(|w| w[0] < w[1]),
            "TRIGGERS must stay sorted"
        );
        // Every quoted word in this file that a lookup accepts must be a trigger.
        let source = include_str!("words.rs");
        for literal in source.split('"').skip(1).step_by(2) {
            let known = month(literal).is_some()
                || weekday(literal).is_some()
                || unit(literal).is_some()
                || number_word(literal).is_some()
                || (ordinal(literal).is_some()
                    && !literal.as_bytes().first().is_some_and(u8::is_ascii_digit))
                || season(literal).is_some()
                || part_of_day(literal).is_some()
                || frequency_adverb(literal).is_some();
            if known {
                assert!(
                    TRIGGERS.binary_search(&literal).is_ok(),
                    "{literal:?} is missing from TRIGGERS"
                );
            }
        }
    }
}
