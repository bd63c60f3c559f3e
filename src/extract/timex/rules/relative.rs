//! Recognisers of relative expressions: "last year", "this week", "next Friday", "last
//! March", "this spring", "the past three years", "the last 18 to 24 months", "recent years",
//! "the coming months", "this morning", and of words that are expressions by themselves:
//! "today", "now", "recently", "the past", "the year", "the nineties", "fiscal 2017".

use chrono::{Datelike, NaiveDate};

use super::super::cal::{Count, Dur, Point, Season, Unit, add_days};
use super::super::words;
use super::{Core, CoreHit, Ctx, Tense, resolve_weekday, spans};
use crate::extract::timex::{Direction, TimexMod};

use super::dates::year_at;

/// The offset a relative determiner gives: this 0, last −1, next +1.
fn determiner_offset(w: &str) -> Option<i32> {
    Some(match w {
        "this" | "current" | "same" => 0,
        "last" | "past" | "previous" | "preceding" | "latest" => -1,
        "next" | "coming" | "following" | "upcoming" => 1,
        _ => return None,
    })
}

/// Which way an offset points from the DCT.
fn direction(offset: i32) -> Direction {
    if offset < 0 {
        Direction::BeforeDct
    } else {
        Direction::AfterDct
    }
}

/// A duration core.
fn duration(end: usize, dur: Dur, upper: Option<Dur>, window: Option<Direction>) -> CoreHit {
    let mut hit = CoreHit::new(end, Core::Duration { dur, upper, window }, true);
    if upper.is_some() {
        hit.modifier = Some(TimexMod::EqualOrLess);
    }
    hit
}

/// A relative determiner and where its noun starts.
struct Det<'w> {
    /// The determiner's token.
    at: usize,
    /// The determiner, lower case ("last", "next", "this" …).
    word: &'w str,
    /// The first token after the determiner.
    noun: usize,
    /// this 0, last −1, next +1.
    offset: i32,
    /// "previous", "following": counted from the last date named, not the DCT.
    is_anaphoric: bool,
    /// Whether "the" came before.
    has_the: bool,
}

/// Relative expressions: "last year", "this week", "next Friday", "last March", "this spring",
/// "the past three years", "the last 18 to 24 months", "recent years", "this morning".
pub(super) fn relative(ctx: &Ctx<'_>, j: usize, has_the: bool) -> Option<CoreHit> {
    let word = ctx.w(j);
    match word {
        // "recent years", "recent days": some time before the DCT.
        "recent" => {
            let (_, true) = words::unit(ctx.w(j + 1))? else {
                return None;
            };
            return Some(CoreHit::new(
                j + 2,
                Core::DateValue("PAST_REF".to_owned()),
                true,
            ));
        }
        // "the first five months (of the year)": a length.
        "first" | "final" | "initial" if has_the => {
            let (end, dur, upper) = spans::count_units(ctx, j + 1, true)?;
            return Some(duration(end, dur, upper, None));
        }
        "other" if has_the && ctx.is(j + 1, "day") => {
            return Some(CoreHit::new(
                j + 2,
                Core::DateValue("PAST_REF".to_owned()),
                true,
            ));
        }
        // "to last six weeks": the verb, not the determiner.
        "last"
            if j.checked_sub(1).is_some_and(|p| {
                matches!(
                    ctx.w(p),
                    "to" | "will"
                        | "would"
                        | "could"
                        | "may"
                        | "might"
                        | "can"
                        | "should"
                        | "must"
                        | "not"
                        | "does"
                        | "did"
                        | "do"
                        | "'ll"
                        | "wo"
                )
            }) =>
        {
            return None;
        }
        _ => {}
    }
    let offset = determiner_offset(word)?;
    // "this past week" is last week.
    let (offset, noun) = if word == "this" && ctx.is(j + 1, "past") {
        (-1, j + 2)
    } else {
        (offset, j + 1)
    };
    let det = Det {
        at: j,
        word,
        noun,
        offset,
        is_anaphoric: matches!(word, "previous" | "preceding" | "following"),
        has_the,
    };
    counted(ctx, &det)
        .or_else(|| unit_after(ctx, &det))
        .or_else(|| named_after(ctx, &det))
}

/// A determiner before a plural or counted unit: "(the) coming months", "the same day", "the
/// past weeks", "the past three years", "last 18 to 24 months", "the next few weeks".
fn counted(ctx: &Ctx<'_>, det: &Det<'_>) -> Option<CoreHit> {
    let k = det.noun;
    let unit = words::unit(ctx.w(k));
    // "(the) coming months": some time after the DCT, as "recent years" is before it.
    if det.word == "coming" && matches!(unit, Some((_, true))) {
        return Some(CoreHit::new(
            k + 1,
            Core::DateValue("FUTURE_REF".to_owned()),
            true,
        ));
    }
    // "the same day", "that same year": the unit of the last date named.
    if det.word == "same" {
        let Some((unit @ (Unit::Day | Unit::Month | Unit::Year), false)) = unit else {
            return None;
        };
        let p = Point::containing(ctx.day_for_time(det.at), unit);
        return Some(CoreHit::new(k + 1, Core::Date(p), true));
    }
    if det.offset == 0 {
        return None;
    }
    let window = (!det.is_anaphoric).then_some(direction(det.offset));
    // "the past weeks", "the next months": a vague stretch from the DCT.
    if det.has_the
        && window.is_some()
        && let Some((unit, true)) = unit
    {
        return Some(duration(k + 1, super::vague(unit), None, window));
    }
    let (end, dur, upper) = spans::count_units(ctx, k, true)?;
    Some(duration(end, dur, upper, window))
}

/// A determiner before a singular unit: "last year", "this week", "the next day", "the past
/// hour", "the past year (and a half)", "this fiscal year", "this time".
fn unit_after(ctx: &Ctx<'_>, det: &Det<'_>) -> Option<CoreHit> {
    let k = det.noun;
    let next = ctx.w(k);
    // "this fiscal year", "last fiscal year" (US federal: from October).
    if next == "fiscal" && ctx.is(k + 1, "year") {
        let fy = if ctx.dct.month() >= 10 {
            ctx.dct.year() + 1
        } else {
            ctx.dct.year()
        };
        let p = Point::FiscalYear(fy + det.offset);
        return Some(CoreHit::new(k + 2, Core::Date(p), true));
    }
    if det.word == "this" && next == "time" {
        return Some(CoreHit::new(
            k + 1,
            Core::DateValue("PRESENT_REF".to_owned()),
            true,
        ));
    }
    let (unit, false) = words::unit(next)? else {
        return None;
    };
    // "last year's fourth quarter", "this year's first half".
    if unit == Unit::Year
        && matches!(ctx.w(k + 1), "'" | "’")
        && ctx.is(k + 2, "s")
        && let Some(n) = words::ordinal(ctx.w(k + 3))
    {
        let y = ctx.dct.year() + det.offset;
        let p = match (ctx.w(k + 4), n) {
            ("quarter", 1..=4) => Some(Point::Quarter(y, n)),
            ("half", 1..=2) => Some(Point::Half(y, n)),
            _ => None,
        };
        if let Some(p) = p {
            return Some(CoreHit::new(k + 5, Core::Date(p), true));
        }
    }
    let offset = det.offset;
    if unit == Unit::Day {
        // "the next day", "the previous day": from the last date mentioned.
        if !det.has_the || offset == 0 || !matches!(det.word, "next" | "following" | "previous") {
            return None;
        }
        let day = add_days(ctx.reference, i64::from(offset));
        return Some(CoreHit::new(k + 1, Core::Date(Point::Day(day)), true));
    }
    let one = |count: f64| Dur {
        count: Count::Known(count),
        unit,
    };
    if matches!(unit, Unit::Hour | Unit::Minute | Unit::Second) {
        // "the past hour"; "this hour" is not an expression the rules know.
        if det.has_the && offset != 0 {
            return Some(duration(k + 1, one(1.0), None, Some(direction(offset))));
        }
        return None;
    }
    if det.has_the && matches!(det.word, "past" | "last" | "next" | "coming") {
        // "the past year (and a half)".
        let (count, end) = if ctx.is(k + 1, "and") && ctx.is(k + 2, "a") && ctx.is(k + 3, "half") {
            (1.5, k + 4)
        } else {
            (1.0, k + 1)
        };
        return Some(duration(end, one(count), None, Some(direction(offset))));
    }
    // "the previous year" after "in 2021" is 2020; other anaphoric units count from the last
    // day named nearby, else from the DCT.
    let base = match (det.is_anaphoric, unit) {
        (false, _) => ctx.dct,
        (true, Unit::Year | Unit::Decade | Unit::Century) => ctx
            .recent_year(det.at)
            .and_then(|y| NaiveDate::from_ymd_opt(y, 1, 1))
            .unwrap_or_else(|| ctx.day_for_time(det.at)),
        (true, _) => ctx.day_for_time(det.at),
    };
    let p = Point::containing(base, unit).shift(offset);
    Some(CoreHit::new(k + 1, Core::Date(p), true))
}

/// A determiner before a name: "last Friday", "this Friday morning", "last March", "this
/// spring", "this morning", "last night".
fn named_after(ctx: &Ctx<'_>, det: &Det<'_>) -> Option<CoreHit> {
    let (k, offset) = (det.noun, det.offset);
    let next = ctx.w(k);
    if let Some(wd) = words::weekday(next).filter(|_| words::is_full_weekday(next)) {
        let today = i64::from(ctx.dct.weekday().number_from_monday());
        let wd64 = i64::from(wd);
        let day = match offset {
            -1 => add_days(ctx.dct, -((today - wd64 - 1).rem_euclid(7) + 1)),
            1 => add_days(ctx.dct, (wd64 - today - 1).rem_euclid(7) + 1),
            // "this Friday": the Friday of the DCT's week.
            _ => add_days(ctx.dct, wd64 - today),
        };
        if let Some(pod) = words::part_of_day(ctx.w(k + 1)) {
            let v = format!("{}T{pod}", Point::Day(day).value());
            return Some(CoreHit::new(k + 2, Core::Time(v), true));
        }
        return Some(CoreHit::new(k + 1, Core::Date(Point::Day(day)), true));
    }
    if let Some(m) = words::month(next).filter(|_| ctx.is_capitalized(k)) {
        let (here, y) = (ctx.dct.month(), ctx.dct.year());
        let y = match offset {
            -1 if m < here => y,
            -1 => y - 1,
            1 if m > here => y,
            1 => y + 1,
            _ => y,
        };
        return Some(CoreHit::new(k + 1, Core::Date(Point::Month(y, m)), true));
    }
    if let Some(s) = words::season(next) {
        // "last spring" is the previous year's (as "last March" is not "this March"); the
        // winter of January and February began the year before.
        let this_year = if s == Season::Winter && ctx.dct.month() <= 2 {
            ctx.dct.year() - 1
        } else {
            ctx.dct.year()
        };
        let p = Point::Season(this_year + offset, s);
        return Some(CoreHit::new(k + 1, Core::Date(p), true));
    }
    if let Some(pod) = words::part_of_day(next) {
        let day = match (offset, pod) {
            (0, _) => ctx.dct,
            (-1, "NI") => add_days(ctx.dct, -1),
            _ => return None,
        };
        let v = format!("{}T{pod}", Point::Day(day).value());
        return Some(CoreHit::new(k + 1, Core::Time(v), true));
    }
    None
}

/// Words that are expressions by themselves: "today", "yesterday morning", "tonight", "now",
/// "currently", "recently", "the past", "the future", "the year", "the weekend", "the
/// nineties", "the 20th century", "fiscal 2017".
pub(super) fn lexical(ctx: &Ctx<'_>, j: usize, has_the: bool) -> Option<CoreHit> {
    let w = ctx.w(j);
    let dct = ctx.dct;
    let day_word = match w {
        "today" => Some(dct),
        "yesterday" => Some(add_days(dct, -1)),
        "tomorrow" => Some(add_days(dct, 1)),
        _ => None,
    };
    if let Some(day) = day_word {
        if let Some(pod) = words::part_of_day(ctx.w(j + 1)) {
            let v = format!("{}T{pod}", Point::Day(day).value());
            return Some(CoreHit::new(j + 2, Core::Time(v), false));
        }
        return Some(CoreHit::new(j + 1, Core::Date(Point::Day(day)), false));
    }
    let literal =
        |n: usize, v: &str| Some(CoreHit::new(j + n, Core::DateValue(v.to_owned()), true));
    match w {
        "tonight" => {
            return Some(CoreHit::new(
                j + 1,
                Core::Time(format!("{}TNI", Point::Day(dct).value())),
                false,
            ));
        }
        "now" if ctx.is_capitalized(j) && ctx.is(j + 1, ",") => return None,
        "now" | "currently" | "nowadays" | "presently" => return literal(1, "PRESENT_REF"),
        "to" if ctx.is(j + 1, "date") && !ctx.is(j + 2, "of") => return literal(2, "PRESENT_REF"),
        "fy" => {
            let y = year_at(ctx, j + 1, false)?;
            return Some(CoreHit::new(j + 2, Core::Date(Point::FiscalYear(y)), false));
        }
        _ if w.len() == 6 && w.starts_with("fy") => {
            let y: i32 = w[2..].parse().ok()?;
            return Some(CoreHit::new(j + 1, Core::Date(Point::FiscalYear(y)), false));
        }
        "these" if ctx.is(j + 1, "days") => return literal(2, "PRESENT_REF"),
        "recently" | "lately" => return literal(1, "PAST_REF"),
        "past" if has_the && !ctx.is(j + 1, "-") => return literal(1, "PAST_REF"),
        "future" if has_the => return literal(1, "FUTURE_REF"),
        "present" if has_the => return literal(1, "PRESENT_REF"),
        "day" if has_the && ctx.is(j + 1, "before") && ctx.is(j + 2, "yesterday") => {
            let d = add_days(dct, -2);
            return Some(CoreHit::new(j + 3, Core::Date(Point::Day(d)), true));
        }
        "day" if has_the && ctx.is(j + 1, "after") && ctx.is(j + 2, "tomorrow") => {
            let d = add_days(dct, 2);
            return Some(CoreHit::new(j + 3, Core::Date(Point::Day(d)), true));
        }
        "year" if has_the && !(ctx.is(j + 1, "-") && ctx.touches(j)) => {
            if let Some(y) = year_at(ctx, j + 1, false) {
                return Some(CoreHit::new(j + 2, Core::Date(Point::Year(y)), true));
            }
            return Some(CoreHit::new(
                j + 1,
                Core::Date(Point::containing(dct, Unit::Year)),
                true,
            ));
        }
        // "the week" only as part of "the end of the week" ("days of the week" is no date).
        "week"
            if has_the
                && j >= 3
                && ctx.is(j - 2, "of")
                && matches!(
                    ctx.w(j - 3),
                    "end" | "beginning" | "start" | "middle" | "rest"
                ) =>
        {
            let p = Point::containing(dct, Unit::Week);
            return Some(CoreHit::new(j + 1, Core::Date(p), true));
        }
        "month" | "quarter" if has_the => {
            let (unit, _) = words::unit(w)?;
            let p = Point::containing(dct, unit);
            return Some(CoreHit::new(j + 1, Core::Date(p), true));
        }
        "weekend" if has_the => {
            let day = match ctx.tense(j) {
                Tense::Future => resolve_weekday(dct, 6, Tense::Future),
                _ => resolve_weekday(dct, 6, Tense::Past),
            };
            let p = Point::containing(day, Unit::Weekend);
            return Some(CoreHit::new(j + 1, Core::Date(p), true));
        }
        "fiscal" => {
            let mut e = j + 1;
            if ctx.is(e, "year") {
                e += 1;
            }
            if let Some(y) = year_at(ctx, e, false) {
                return Some(CoreHit::new(e + 1, Core::Date(Point::FiscalYear(y)), false));
            }
            if has_the && e == j + 2 {
                return Some(CoreHit::new(
                    e,
                    Core::Date(Point::FiscalYear(dct.year())),
                    true,
                ));
            }
            return None;
        }
        _ => {}
    }
    // "the nineties".
    if has_the {
        let decade = match w {
            "twenties" => Some(192),
            "thirties" => Some(193),
            "forties" => Some(194),
            "fifties" => Some(195),
            "sixties" => Some(196),
            "seventies" => Some(197),
            "eighties" => Some(198),
            "nineties" => Some(199),
            _ => None,
        };
        if let Some(d) = decade {
            return Some(CoreHit::new(j + 1, Core::Date(Point::Decade(d)), true));
        }
    }
    // "the 20th century", "the nineteenth century".
    if let Some(n) = words::ordinal(w) {
        let mut e = j + 1;
        if ctx.is(e, "-") && ctx.touches(j) {
            e += 1;
        }
        if ctx.is(e, "century") && (1..=30).contains(&n) {
            let c = i32::try_from(n).ok()? - 1;
            return Some(CoreHit::new(e + 1, Core::Date(Point::Century(c)), true));
        }
    }
    None
}
