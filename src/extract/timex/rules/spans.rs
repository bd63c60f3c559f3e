//! Recognisers of lengths and recurrences: durations ("three years", "18 to 24 months", "a
//! year and a half", "two-year", "decades"), what follows them ("ago", "later", "from now",
//! "old"), and sets ("daily", "every Monday", "twice a week").

use super::super::cal::{Count, Dur, Point, Unit, add_days};
use super::super::lex::TokKind;
use super::super::words;
use super::{Core, CoreHit, Ctx};
use crate::extract::timex::TimexMod;

/// A count at `i`: digits (`18`, `1.5`), number words (`twenty-four`), `a`/`an`, or vague
/// words (`several`, `a few`, `many`, `some`): (count, tokens, whether it was "a"/"an").
fn count_at(ctx: &Ctx<'_>, i: usize) -> Option<(Count, usize, bool)> {
    let t = ctx.tok(i)?;
    if t.kind == TokKind::Num {
        let n = t.number()? as f64;
        // 1.5
        if ctx.is(i + 1, ".") && ctx.touches(i) && ctx.touches(i + 1) && ctx.digits(i + 2) > 0 {
            let frac: f64 = format!("0.{}", ctx.w(i + 2)).parse().ok()?;
            return Some((Count::Known(n + frac), 3, false));
        }
        // 1,000
        if ctx.is(i + 1, ",") && ctx.touches(i) && ctx.digits(i + 2) == 3 {
            return None;
        }
        return Some((Count::Known(n), 1, false));
    }
    let w = t.lower.as_str();
    if let Some(n) = words::number_word(w) {
        // twenty-four, twenty four
        let mut total = f64::from(n);
        let mut used = 1;
        if n >= 20 && n % 10 == 0 && n < 100 {
            let k = if ctx.is(i + 1, "-") && ctx.touches(i) {
                i + 2
            } else {
                i + 1
            };
            if let Some(u) = words::number_word(ctx.w(k)).filter(|u| *u < 10 && *u > 0) {
                total += f64::from(u);
                used = k + 1 - i;
            }
        }
        if w == "dozen" {
            return None;
        }
        return Some((Count::Known(total), used, false));
    }
    match w {
        "a" | "an" => match ctx.w(i + 1) {
            "few" => Some((Count::Vague, 2, false)),
            "number" if ctx.is(i + 2, "of") => Some((Count::Vague, 3, false)),
            "number" => None,
            "couple" => {
                let n = if ctx.is(i + 2, "of") { 3 } else { 2 };
                Some((Count::Known(2.0), n, false))
            }
            "dozen" => Some((Count::Known(12.0), 2, false)),
            "half" => Some((Count::Known(0.5), 2, false)),
            _ => Some((Count::Known(1.0), 1, true)),
        },
        "several" | "few" | "many" | "some" | "numerous" => Some((Count::Vague, 1, false)),
        "couple" if ctx.is(i + 1, "of") => Some((Count::Known(2.0), 2, false)),
        "dozens" | "hundreds" | "thousands" if ctx.is(i + 1, "of") => {
            Some((Count::Vague, 2, false))
        }
        "half" if matches!(ctx.w(i + 1), "a" | "an") => Some((Count::Known(0.5), 2, false)),
        _ => None,
    }
}

/// A count followed by a unit, possibly a range: "three years", "18 to 24 months",
/// "two-year", "two and a half years", "a year and a half", "between 18 and 24 months".
/// Returns (end, length or lower bound, upper bound). With `after_determiner`, "a year" is
/// refused (it is not "the past a year").
pub(super) fn count_units(
    ctx: &Ctx<'_>,
    i: usize,
    after_determiner: bool,
) -> Option<(usize, Dur, Option<Dur>)> {
    let (mut i, between) = if ctx.is(i, "between") {
        (i + 1, true)
    } else {
        (i, false)
    };
    let (count, n, is_article) = count_at(ctx, i)?;
    if after_determiner && is_article {
        return None;
    }
    let mut k = i + n;
    // "two and a half years"
    let mut count = count;
    if ctx.is(k, "and")
        && ctx.is(k + 1, "a")
        && ctx.is(k + 2, "half")
        && let Count::Known(c) = count
    {
        count = Count::Known(c + 0.5);
        k += 3;
    }
    // A range: "18 to 24", "18-24", "two or three", "between 18 and 24".
    let mut upper_count = None;
    let joiner = ctx.w(k);
    let is_joiner = match joiner {
        "to" | "or" => !between,
        "-" => !between && ctx.touches(k) && ctx.touches(k - 1),
        "and" => between,
        _ => false,
    };
    if is_joiner
        && let Some((c2, n2, false)) = count_at(ctx, k + 1)
        && matches!(c2, Count::Known(_))
        && words::unit(ctx.w(k + 1 + n2)).is_some()
    {
        upper_count = Some(c2);
        k += 1 + n2;
    } else if between {
        return None;
    }
    // "ten business days", "six more weeks".
    if matches!(
        ctx.w(k),
        "business"
            | "working"
            | "calendar"
            | "trading"
            | "fiscal"
            | "more"
            | "additional"
            | "full"
            | "consecutive"
            | "straight"
            | "long"
            | "whole"
            | "entire"
            | "extra"
    ) && words::unit(ctx.w(k + 1)).is_some()
    {
        k += 1;
    }
    // The unit, directly or hyphenated ("two-year").
    let mut hyphen = false;
    if ctx.is(k, "-") && ctx.touches(k - 1) && ctx.touches(k) {
        hyphen = true;
        k += 1;
    }
    let (unit, plural) = words::unit(ctx.w(k))?;
    if hyphen && plural {
        return None;
    }
    if is_article && ctx.is(k + 1, "-") && ctx.touches(k) && ctx.is(k + 2, "long") {
        // "a decade-long war": the adjective alone is the expression.
        return None;
    }
    if is_article && (plural || unit == Unit::Second) {
        // "a seconds" is not English; "a second" is usually the ordinal.
        return None;
    }
    k += 1;
    // "a year and a half"
    if ctx.is(k, "and")
        && ctx.is(k + 1, "a")
        && ctx.is(k + 2, "half")
        && let Count::Known(c) = count
    {
        count = Count::Known(c + 0.5);
        k += 3;
    }
    // Ages ("40-year-old") are not times: TimeBank leaves them untagged.
    if hyphen
        && ctx.is(k, "-")
        && matches!(ctx.w(k + 1), "old" | "older" | "younger")
        && ctx.touches(k - 1)
        && ctx.touches(k)
    {
        return None;
    }
    i = k;
    let dur = Dur { count, unit };
    let upper = upper_count.map(|c| Dur { count: c, unit });
    Some((i, dur, upper))
}

/// Plain durations: "three years", "18 to 24 months", "half an hour", "years" (after "for",
/// "in", "after" …), "decades".
pub(super) fn duration(ctx: &Ctx<'_>, j: usize, has_the: bool) -> Option<CoreHit> {
    if let Some((end, dur, upper)) = count_units(ctx, j, false) {
        let mut hit = CoreHit::new(
            end,
            Core::Duration {
                dur,
                upper,
                window: None,
            },
            false,
        );
        if upper.is_some() {
            hit.modifier = Some(TimexMod::EqualOrLess);
        }
        return Some(hit);
    }
    let (unit, plural) = words::unit(ctx.w(j))?;
    // "decade-long".
    if !plural
        && ctx.is(j + 1, "-")
        && ctx.touches(j)
        && ctx.touches(j + 1)
        && ctx.is(j + 2, "long")
    {
        let dur = Dur {
            count: Count::Known(1.0),
            unit,
        };
        return Some(CoreHit::new(
            j + 3,
            Core::Duration {
                dur,
                upper: None,
                window: None,
            },
            false,
        ));
    }
    // "over the years", "in the decades that followed": a vague length.
    if plural
        && has_the
        && matches!(unit, Unit::Year | Unit::Decade | Unit::Century)
        && j.checked_sub(2).is_some_and(|p| {
            matches!(
                ctx.w(p),
                "over" | "in" | "during" | "through" | "throughout" | "for"
            )
        })
    {
        return Some(CoreHit::new(
            j + 1,
            Core::Duration {
                dur: super::vague(unit),
                upper: None,
                window: None,
            },
            true,
        ));
    }
    // Bare plurals: "for years", "decades of war".
    if !plural || has_the {
        return None;
    }
    let prev = j.checked_sub(1).map_or("", |p| ctx.w(p));
    let fits = matches!(
        prev,
        "for" | "after" | "over" | "within" | "in" | "took" | "lasted" | "spent" | "than"
    ) || (matches!(unit, Unit::Decade | Unit::Century) && ctx.is(j + 1, "of"));
    if !fits || matches!(unit, Unit::Second | Unit::Minute) {
        return None;
    }
    Some(CoreHit::new(
        j + 1,
        Core::Duration {
            dur: super::vague(unit),
            upper: None,
            window: None,
        },
        false,
    ))
}

/// Turns a plain duration followed by "ago", "earlier", "later", "from now", "back" into the
/// date it points at. Returns `false` when the duration is an age ("40 years old"), which is
/// not tagged.
pub(super) fn suffix(ctx: &Ctx<'_>, found: &mut CoreHit, modifier: &mut Option<TimexMod>) -> bool {
    let Core::Duration {
        dur,
        upper: None,
        window: None,
    } = found.core
    else {
        return true;
    };
    let e = found.end;
    let (sign, base, n) = match ctx.w(e) {
        "ago" => (-1, ctx.dct, 1),
        "earlier" if !ctx.is(e + 1, "than") => (-1, ctx.reference, 1),
        "later" if !ctx.is(e + 1, "than") => (1, ctx.reference, 1),
        "from" if ctx.is(e + 1, "now") => (1, ctx.dct, 2),
        "hence" => (1, ctx.dct, 1),
        "back" if !matches!(ctx.w(e + 1), "to" | "from" | "in" | "into" | "on" | "home") => {
            (-1, ctx.dct, 1)
        }
        // Ages ("40 years old") are not times: TimeBank leaves them untagged.
        "old" | "older" | "younger" => return false,
        _ => return true,
    };
    found.end += n;
    *modifier = match *modifier {
        Some(TimexMod::MoreThan) => Some(if sign < 0 {
            TimexMod::Before
        } else {
            TimexMod::After
        }),
        Some(TimexMod::LessThan) => Some(if sign < 0 {
            TimexMod::After
        } else {
            TimexMod::Before
        }),
        m => m,
    };
    let (count, unit) = dur.whole();
    let Count::Known(c) = count else {
        found.core = Core::DateValue(if sign < 0 { "PAST_REF" } else { "FUTURE_REF" }.to_owned());
        return true;
    };
    let n = sign * c.round() as i32;
    let point = match unit {
        Unit::Second | Unit::Minute | Unit::Hour => Point::Day(base),
        Unit::Day => Point::Day(add_days(base, i64::from(n))),
        // "a year ago" is the same day a year before (the reference's own granularity);
        // "five years ago" is the year.
        Unit::Year if n.abs() == 1 => {
            let shifted = if n < 0 {
                base.checked_sub_months(chrono::Months::new(12))
            } else {
                base.checked_add_months(chrono::Months::new(12))
            };
            Point::Day(shifted.unwrap_or(base))
        }
        Unit::Weekend => Point::containing(base, Unit::Weekend).shift(n),
        u => Point::containing(base, u).shift(n),
    };
    found.core = Core::Date(point);
    true
}

/// Sets: "daily", "every week", "each Monday", "every other year", "every two years", "twice
/// a week", "three times a year", "once a month", "Mondays".
pub(super) fn set(ctx: &Ctx<'_>, j: usize) -> Option<CoreHit> {
    let w = ctx.w(j);
    // "Mondays".
    if let Some(wd) = words::weekday_plural(w).filter(|_| ctx.is_capitalized(j)) {
        return Some(set_hit(j + 1, format!("XXXX-WXX-{wd}"), None, None));
    }
    // "per year"; "a day" after an amount ("about a hundred a day", "2,000 cases a month").
    if matches!(w, "per" | "a" | "an")
        && let Some((unit, false)) = words::unit(ctx.w(j + 1))
    {
        // The amount is right before ("a hundred a day") or before one noun ("2,000 cases a
        // month"); "from a year earlier" and "for a year" are not rates.
        let is_amount = |k: usize| {
            ctx.digits(k) > 0
                || matches!(
                    ctx.w(k),
                    "hundred" | "thousand" | "million" | "billion" | "dozen" | "%" | "percent"
                )
        };
        let prev_is_noun = j.checked_sub(1).is_some_and(|k| {
            ctx.tok(k)
                .is_some_and(|t| t.kind == TokKind::Word && !t.is_capitalized)
                && !matches!(
                    ctx.w(k),
                    "for"
                        | "from"
                        | "in"
                        | "within"
                        | "than"
                        | "over"
                        | "after"
                        | "about"
                        | "of"
                        | "by"
                        | "to"
                        | "at"
                        | "around"
                        | "nearly"
                        | "almost"
                        | "once"
                        | "twice"
                        | "take"
                        | "took"
                        | "takes"
                        | "spent"
                        | "lasted"
                )
        });
        let after_amount = !matches!(
            ctx.w(j + 2),
            "earlier" | "later" | "ago" | "old" | "before" | "after"
        ) && (j.checked_sub(1).is_some_and(is_amount)
            || (prev_is_noun && j.checked_sub(2).is_some_and(is_amount)));
        if w == "per" || after_amount {
            let value = Dur {
                count: Count::Known(1.0),
                unit,
            }
            .value();
            return Some(set_hit(j + 2, value, None, None));
        }
    }
    if let Some(unit) = words::frequency_adverb(w) {
        let value = Dur {
            count: Count::Known(1.0),
            unit,
        }
        .value();
        return Some(set_hit(j + 1, value, None, None));
    }
    if matches!(w, "every" | "each") {
        return every(ctx, j, w);
    }
    times_per(ctx, j, w)
}

/// "every week", "each Monday", "every other year", "every two years", "every single day",
/// "every morning", "each March".
fn every(ctx: &Ctx<'_>, j: usize, w: &str) -> Option<CoreHit> {
    let quant = if w == "every" { "EVERY" } else { "EACH" };
    let mut k = j + 1;
    let mut n = 1.0;
    if ctx.is(k, "single") {
        k += 1;
    }
    if ctx.is(k, "other") {
        n = 2.0;
        k += 1;
    } else if let Some((Count::Known(c), used, false)) = count_at(ctx, k)
        && words::unit(ctx.w(k + used)).is_some_and(|(_, plural)| plural)
    {
        n = c;
        k += used;
    }
    let next = ctx.w(k);
    if let Some((unit, _)) = words::unit(next) {
        let value = Dur {
            count: Count::Known(n),
            unit,
        }
        .value();
        return Some(set_hit(k + 1, value, Some(quant), None));
    }
    if let Some(wd) = words::weekday(next).filter(|_| words::is_full_weekday(next)) {
        let mut value = format!("XXXX-WXX-{wd}");
        let mut end = k + 1;
        if let Some(pod) = words::part_of_day(ctx.w(k + 1)) {
            value.push('T');
            value.push_str(pod);
            end += 1;
        }
        return Some(set_hit(end, value, Some(quant), None));
    }
    if let Some(m) = words::month(next).filter(|_| ctx.is_capitalized(k)) {
        return Some(set_hit(k + 1, format!("XXXX-{m:02}"), Some(quant), None));
    }
    if let Some(pod) = words::part_of_day(next) {
        return Some(set_hit(
            k + 1,
            format!("XXXX-XX-XXT{pod}"),
            Some(quant),
            None,
        ));
    }
    if let Some(s) = words::season(next) {
        return Some(set_hit(
            k + 1,
            format!("XXXX-{}", s.code()),
            Some(quant),
            None,
        ));
    }
    None
}

/// "twice a week", "three times a year", "once a month".
fn times_per(ctx: &Ctx<'_>, j: usize, w: &str) -> Option<CoreHit> {
    let (times, used) = match w {
        "once" => (1, 1),
        "twice" => (2, 1),
        "thrice" => (3, 1),
        _ => {
            let (c, used, _) = count_at(ctx, j)?;
            if !ctx.is(j + used, "times") {
                return None;
            }
            match c {
                Count::Known(c) if c >= 1.0 => (c as u32, used + 1),
                _ => return None,
            }
        }
    };
    let k = j + used;
    if matches!(ctx.w(k), "a" | "an" | "per" | "every" | "each")
        && let Some((unit, false)) = words::unit(ctx.w(k + 1))
    {
        let value = Dur {
            count: Count::Known(1.0),
            unit,
        }
        .value();
        return Some(set_hit(k + 2, value, None, Some(format!("{times}X"))));
    }
    None
}

/// A set hit.
fn set_hit(
    end: usize,
    value: String,
    quant: Option<&'static str>,
    freq: Option<String>,
) -> CoreHit {
    CoreHit::new(end, Core::Set { value, quant, freq }, false)
}
