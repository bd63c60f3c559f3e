//! Recognisers of named periods of a year: quarters ("the third quarter", "Q3 2017"),
//! halves ("the first half of 2017"), seasons ("the summer of 2016") and fixed-date holidays
//! ("Christmas Eve", "Pride Month").

use chrono::Datelike;

use super::super::cal::{Point, Unit};
use super::super::words;
use super::{Core, CoreHit, Ctx, Tense};

use super::dates::{year_at, year_for, ymd};

/// The year given after "of" a quarter or season: "of 2017", "of last year", "of this year",
/// "of fiscal 2017", or directly: "2017". Returns (point's year, fiscal?, tokens).
fn year_of(ctx: &Ctx<'_>, e: usize) -> Option<(i32, bool, usize)> {
    if let Some(y) = year_at(ctx, e, false) {
        return Some((y, false, 1));
    }
    if !ctx.is(e, "of") {
        return None;
    }
    let mut k = e + 1;
    let fiscal = ctx.is(k, "fiscal");
    if fiscal {
        k += 1;
        if ctx.is(k, "year") {
            k += 1;
        }
    }
    if let Some(y) = year_at(ctx, k, false) {
        return Some((y, fiscal, k + 1 - e));
    }
    if ctx.is(k + 1, "year") {
        let y = ctx.dct.year();
        let y = match ctx.w(k) {
            "last" | "past" | "previous" => y - 1,
            "this" | "the" => y,
            "next" => y + 1,
            _ => return None,
        };
        return Some((y, false, k + 2 - e));
    }
    None
}

/// Quarters ("the third quarter", "Q3 2017", "the fourth quarter of last year"), halves ("the
/// first half of 2017") and seasons ("the summer of 2016", "spring 2017", "in the fall").
pub(super) fn quarter_or_season(ctx: &Ctx<'_>, j: usize, has_the: bool) -> Option<CoreHit> {
    let w = ctx.w(j);
    let dct = ctx.dct;
    // "the fiscal third quarter": the word belongs to the expression; the value stays the
    // calendar quarter (which fiscal calendar is meant is not known).
    if w == "fiscal" && words::ordinal(ctx.w(j + 1)).is_some() {
        return quarter_or_season(ctx, j + 1, has_the);
    }
    // Q3, Q3 2017.
    if w.len() == 2
        && w.starts_with('q')
        && let Some(q) = w[1..].parse::<u32>().ok().filter(|q| (1..=4).contains(q))
    {
        if let Some(y) = year_at(ctx, j + 1, false) {
            return Some(CoreHit::new(j + 2, Core::Date(Point::Quarter(y, q)), true));
        }
        let p = this_or_last(ctx, j, Point::Quarter(dct.year(), q), Unit::Quarter);
        return Some(CoreHit::new(j + 1, Core::Date(p), true));
    }
    if let Some(n) = words::ordinal(w) {
        let mut e = j + 1;
        if ctx.is(e, "-") && ctx.touches(j) {
            e += 1;
        }
        let fiscal_word = ctx.is(e, "fiscal");
        if fiscal_word {
            e += 1;
        }
        let unit = match ctx.w(e) {
            "quarter" if (1..=4).contains(&n) => Unit::Quarter,
            "half" if (1..=2).contains(&n) => Unit::Half,
            _ => return None,
        };
        e += 1;
        let make = |y: i32| match unit {
            Unit::Half => Point::Half(y, n),
            _ => Point::Quarter(y, n),
        };
        if let Some((y, fiscal, yn)) = year_of(ctx, e) {
            let core = if fiscal {
                let p = make(y).value();
                Core::DateValue(format!("FY{p}"))
            } else {
                Core::Date(make(y))
            };
            return Some(CoreHit::new(e + yn, core, true));
        }
        let p = this_or_last(ctx, j, make(dct.year()), unit);
        return Some(CoreHit::new(e, Core::Date(p), true));
    }
    if let Some(s) = words::season(w) {
        let e = j + 1;
        if w == "fall" && ctx.is(e, "of") && year_of(ctx, e).is_none() {
            // "the fall of the Berlin Wall".
            return None;
        }
        if let Some((y, _, yn)) = year_of(ctx, e) {
            return Some(CoreHit::new(e + yn, Core::Date(Point::Season(y, s)), true));
        }
        let prev = j
            .checked_sub(if has_the { 2 } else { 1 })
            .map_or("", |p| ctx.w(p));
        if !has_the && !matches!(prev, "in" | "during" | "since" | "until" | "by" | "this") {
            return None;
        }
        let current = Point::season_of(dct);
        let p = match ctx.tense(j) {
            Tense::Future => (0..=3)
                .map(|n| current.shift(n))
                .find(|p| matches!(p, Point::Season(_, x) if *x == s)),
            _ => (0..=3)
                .map(|n| current.shift(-n))
                .find(|p| matches!(p, Point::Season(_, x) if *x == s)),
        }
        .unwrap_or(current);
        return Some(CoreHit::new(e, Core::Date(p), true));
    }
    None
}

/// A quarter or half named without its year: the latest on or before the DCT's in a past
/// clause, the next on or after in a future one.
fn this_or_last(ctx: &Ctx<'_>, i: usize, p: Point, unit: Unit) -> Point {
    let current = Point::containing(ctx.dct, unit);
    let key = |p: Point| match p {
        Point::Quarter(y, q) | Point::Half(y, q) => (y, q),
        _ => (0, 0),
    };
    // A quarter without a year in a report is one that has begun: the past unless the
    // clause says otherwise.
    let tense = match ctx.tense(i) {
        Tense::Unknown => Tense::Past,
        t => t,
    };
    super::nearest(
        current,
        |k| p.shift(k * if unit == Unit::Half { 2 } else { 4 }),
        tense,
        |a, b| key(a).cmp(&key(b)),
    )
}

/// Fixed-date holidays and named months: "Christmas", "New Year's Day", "Groundhog Day",
/// "International Women's Day", "Pride Month". Each word must be capitalised as a name is.
pub(super) fn holiday(ctx: &Ctx<'_>, j: usize) -> Option<CoreHit> {
    if !ctx.is_capitalized(j) {
        return None;
    }
    // The words of the name after the first, skipping an apostrophe-s ("Women's").
    let follows = |names: &[&str]| -> Option<usize> {
        let mut k = j + 1;
        for name in names {
            if matches!(ctx.w(k), "'" | "’") && ctx.is(k + 1, "s") {
                k += 2;
            }
            if !ctx.is(k, name) {
                return None;
            }
            k += 1;
        }
        Some(k)
    };
    let (end, month, day) = match ctx.w(j) {
        "christmas" => match follows(&["eve"]) {
            Some(e) => (e, 12, Some(24)),
            None => (follows(&["day"]).unwrap_or(j + 1), 12, Some(25)),
        },
        "new" => {
            if let Some(e) = follows(&["year", "day"]) {
                (e, 1, Some(1))
            } else {
                (follows(&["year", "eve"])?, 12, Some(31))
            }
        }
        "groundhog" => (follows(&["day"])?, 2, Some(2)),
        "valentine" => (follows(&["day"])?, 2, Some(14)),
        "halloween" => (j + 1, 10, Some(31)),
        "international" => (follows(&["women", "day"])?, 3, Some(8)),
        "earth" => (follows(&["day"])?, 4, Some(22)),
        "veterans" => (follows(&["day"])?, 11, Some(11)),
        "independence" => (follows(&["day"])?, 7, Some(4)),
        "pride" => (follows(&["month"])?, 6, None),
        _ => return None,
    };
    let y = year_for(ctx, j, end, month, day, None);
    let p = match day {
        Some(d) => Point::Day(ymd(y, month, d)?),
        None => Point::Month(y, month),
    };
    Some(CoreHit::new(end, Core::Date(p), false))
}
