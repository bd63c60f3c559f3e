//! Recognisers of explicit calendar dates: "March 24, 2018", "24 March", "2018-03-24",
//! "3/24/2018", "Friday, March 16", years, decades ("the 1990s", "'90s"), and the helpers that
//! find a year for a date written without one. Relative expressions are in `relative`,
//! quarters, seasons and holidays in `periods`.

use chrono::{Datelike, NaiveDate};

use super::super::cal::Point;
use super::super::lex::TokKind;
use super::super::words;
use super::{Core, CoreHit, Ctx, Tense, resolve_weekday};

/// Words after a number that show it counts things, not years ("1500 troops").
fn is_count_noun(w: &str) -> bool {
    matches!(
        w,
        "people"
            | "troops"
            | "soldiers"
            | "fighters"
            | "dollars"
            | "miles"
            | "km"
            | "kilometres"
            | "kilometers"
            | "metres"
            | "meters"
            | "feet"
            | "tons"
            | "tonnes"
            | "points"
            | "members"
            | "cases"
            | "deaths"
            | "votes"
            | "units"
            | "jobs"
            | "employees"
            | "workers"
            | "percent"
            | "%"
            | "pounds"
            | "euros"
            | "men"
            | "women"
            | "children"
            | "students"
            | "hours"
            | "barrels"
            | "shares"
            | "acres"
    )
}

/// A four-digit year at `i` (1000–2099); `standalone` demands the checks that tell a year from
/// a count.
pub(super) fn year_at(ctx: &Ctx<'_>, i: usize, standalone: bool) -> Option<i32> {
    if ctx.digits(i) != 4 {
        return None;
    }
    let y = i32::try_from(ctx.num(i)?).ok()?;
    if !(1000..=2099).contains(&y) {
        return None;
    }
    if standalone {
        let prev = i.checked_sub(1).map_or("", |p| ctx.w(p));
        if matches!(
            prev,
            "$" | "£"
                | "€"
                | "#"
                | "no"
                | "number"
                | "page"
                | "route"
                | "flight"
                | "resolution"
                | "section"
                | "room"
                | "call"
                | "plan"
                | "document"
                | "association"
                | "hr"
                | "unscr"
                | "article"
                | "paragraph"
                | "chapter"
                | "item"
                | "code"
                | "model"
                | "version"
        ) || (is_count_noun(ctx.w(i + 1)) && !ctx.is_capitalized(i + 1))
            || (ctx.is(i + 1, ",") && ctx.digits(i + 2) == 3)
            || (ctx.is(i + 1, ".") && ctx.touches(i) && ctx.digits(i + 2) > 0)
            || (ctx.is(i + 1, ":") && ctx.touches(i))
        {
            return None;
        }
        if prev == "," && i >= 2 && ctx.digits(i - 2) > 0 {
            return None;
        }
        // "555-2018" is a telephone number; "2016-2017" stays a pair of years.
        if prev == "-" && i >= 2 && ctx.touches(i - 1) && !matches!(ctx.digits(i - 2), 0 | 4) {
            return None;
        }
        if y < 1800 && !matches!(prev, "in" | "since" | "of" | "from" | "until" | "by" | "to") {
            return None;
        }
    }
    Some(y)
}

/// A day of the month at `i`: `24`, `24th`, `twenty-fourth` is not handled; with the tokens.
pub(super) fn day_at(ctx: &Ctx<'_>, i: usize) -> Option<(u32, usize)> {
    let t = ctx.tok(i)?;
    let d = match t.kind {
        TokKind::Num if t.lower.len() <= 2 => t.number().and_then(|n| u32::try_from(n).ok())?,
        TokKind::Word => words::ordinal(&t.lower)?,
        _ => return None,
    };
    (1..=31).contains(&d).then_some((d, 1))
}

/// A month name at `i` (capitalised; abbreviations may take a full stop): (month, tokens).
pub(super) fn month_at(ctx: &Ctx<'_>, i: usize) -> Option<(u32, usize)> {
    let w = ctx.w(i);
    let m = words::month(w)?;
    if !ctx.is_capitalized(i) {
        return None;
    }
    let n = if words::is_month_abbrev(w) && ctx.is(i + 1, ".") && ctx.touches(i) {
        2
    } else {
        1
    };
    Some((m, n))
}

/// The year of a month (and day) written without one: the year of a coordinated date right
/// after it ("January 1 – December 31, 2020"), else a year written earlier in the sentence,
/// else the DCT's year moved by the tense (a past "December" seen in March is last
/// year's). A weekday given with the date picks among neighbouring years.
pub(super) fn year_for(
    ctx: &Ctx<'_>,
    i: usize,
    after: usize,
    month: u32,
    day: Option<u32>,
    weekday: Option<u32>,
) -> i32 {
    let dct = ctx.dct;
    let base = if let Some(y) = year_ahead(ctx, after).or_else(|| ctx.recent_year(i)) {
        y
    } else {
        let here = (month, day.unwrap_or(1));
        let now = (dct.month(), day.map_or(1, |_| dct.day()));
        match ctx.tense(i) {
            Tense::Past if here > now => dct.year() - 1,
            Tense::Future if here < now => dct.year() + 1,
            _ => dct.year(),
        }
    };
    if let (Some(wd), Some(d)) = (weekday, day) {
        for y in [base, dct.year(), dct.year() - 1, dct.year() + 1] {
            if ymd(y, month, d).is_some_and(|x| x.weekday().number_from_monday() == wd) {
                return y;
            }
        }
    }
    base
}

/// The year of a date coordinated right after token `after`: "1-2, 2021", "– December 31,
/// 2020", "and March 2014".
fn year_ahead(ctx: &Ctx<'_>, after: usize) -> Option<i32> {
    if !matches!(
        ctx.w(after),
        "-" | "–" | "—" | "to" | "and" | "through" | "until" | "or" | "till"
    ) {
        return None;
    }
    let mut k = after + 1;
    if let Some((_, mn)) = month_at(ctx, k) {
        k += mn;
    }
    if let Some((_, dn)) = day_at(ctx, k) {
        k += dn;
    }
    if k == after + 1 {
        return None;
    }
    if ctx.is(k, ",") {
        k += 1;
    }
    year_at(ctx, k, false)
}

/// A day, if it exists.
pub(super) fn ymd(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
}

/// The year after a month ("March 2018", "March, 2018", "March of 2018", "March of last
/// year"): (year, tokens).
fn year_after_month(ctx: &Ctx<'_>, e: usize) -> Option<(i32, usize)> {
    if let Some(y) = year_at(ctx, e, false) {
        return Some((y, 1));
    }
    if ctx.is(e, ",")
        && ctx.tok(e + 2).is_none_or(|t| t.kind != TokKind::Num)
        && let Some(y) = year_at(ctx, e + 1, false)
    {
        return Some((y, 2));
    }
    if ctx.is(e, "of") {
        if let Some(y) = year_at(ctx, e + 1, false) {
            return Some((y, 2));
        }
        if ctx.is(e + 2, "year") {
            let y = ctx.dct.year();
            match ctx.w(e + 1) {
                "last" | "past" => return Some((y - 1, 3)),
                "this" => return Some((y, 3)),
                "next" => return Some((y + 1, 3)),
                _ => {}
            }
        }
    }
    None
}

/// Explicit dates: ISO and numeric forms, month names with or without day and year, weekdays,
/// years, decades ("the 1990s", "'90s"), centuries by their hundreds ("the 1800s").
pub(super) fn explicit(ctx: &Ctx<'_>, j: usize) -> Option<CoreHit> {
    // 2018-03-24 and 2018-03.
    if ctx.digits(j) == 4 && ctx.is(j + 1, "-") && ctx.touches(j) && ctx.touches(j + 1) {
        let y = i32::try_from(ctx.num(j)?).ok()?;
        let m = u32::try_from(ctx.num(j + 2)?).ok()?;
        if ctx.digits(j + 2) == 2 && (1..=12).contains(&m) {
            if ctx.is(j + 3, "-") && ctx.touches(j + 2) && ctx.touches(j + 3) {
                let d = u32::try_from(ctx.num(j + 4)?).ok()?;
                let day = ymd(y, m, d)?;
                return Some(CoreHit::new(j + 5, Core::Date(Point::Day(day)), false));
            }
            return Some(CoreHit::new(j + 3, Core::Date(Point::Month(y, m)), false));
        }
    }
    // 3/24/2018, 03/24/18 (US order).
    if (1..=2).contains(&ctx.digits(j))
        && ctx.is(j + 1, "/")
        && ctx.touches(j)
        && ctx.touches(j + 1)
        && ctx.is(j + 3, "/")
        && ctx.touches(j + 2)
        && ctx.touches(j + 3)
    {
        let m = u32::try_from(ctx.num(j)?).ok()?;
        let d = u32::try_from(ctx.num(j + 2)?).ok()?;
        let y = i32::try_from(ctx.num(j + 4)?).ok()?;
        let y = match ctx.digits(j + 4) {
            2 => {
                if y < 50 {
                    2000 + y
                } else {
                    1900 + y
                }
            }
            4 => y,
            _ => return None,
        };
        let day = ymd(y, m, d)?;
        return Some(CoreHit::new(j + 5, Core::Date(Point::Day(day)), false));
    }
    // An optional weekday before a month date: "Friday, March 23".
    let mut k = j;
    let mut weekday = None;
    if let Some(wd) = words::weekday(ctx.w(j))
        && words::is_full_weekday(ctx.w(j))
        && ctx.is_capitalized(j)
    {
        weekday = Some(wd);
        k = j + 1;
        if ctx.is(k, ",") {
            k += 1;
        }
    }
    if let Some(hit) = month_date(ctx, k, weekday) {
        return Some(hit);
    }
    if let Some(wd) = weekday {
        let day = resolve_weekday(ctx.dct, wd, ctx.tense(j));
        if let Some(pod) = ctx.tok(j + 1).and_then(|t| words::part_of_day(&t.lower)) {
            let v = format!("{}T{pod}", Point::Day(day).value());
            return Some(CoreHit::new(j + 2, Core::Time(v), false));
        }
        return Some(CoreHit::new(j + 1, Core::Date(Point::Day(day)), false));
    }
    if let Some(hit) = decade(ctx, j) {
        return Some(hit);
    }
    // 2018
    if let Some(y) = year_at(ctx, j, true) {
        return Some(CoreHit::new(j + 1, Core::Date(Point::Year(y)), false));
    }
    // 24 March 2018, the 24th of March.
    if let Some((d, n)) = day_at(ctx, j) {
        let mut e = j + n;
        if ctx.is(e, "of") {
            e += 1;
        }
        if let Some((m, mn)) = month_at(ctx, e) {
            e += mn;
            let (y, yn) = match year_at(ctx, e, false) {
                Some(y) => (y, 1),
                None => (year_for(ctx, j, e, m, Some(d), None), 0),
            };
            let day = ymd(y, m, d)?;
            return Some(CoreHit::new(e + yn, Core::Date(Point::Day(day)), true));
        }
    }
    None
}

/// A decade or a century at token `j`: '90s, "the 90s", "mid-90s" (not "in his 20s": an age),
/// 1990s, 1800s.
fn decade(ctx: &Ctx<'_>, j: usize) -> Option<CoreHit> {
    // '90s
    if ctx.is(j, "'") && ctx.touches(j) {
        let w = ctx.w(j + 1);
        if let Some(d) = w.strip_suffix('s')
            && d.len() == 2
            && let Ok(n) = d.parse::<i32>()
            && n % 10 == 0
        {
            let century = if n < 30 { 200 } else { 190 };
            return Some(CoreHit::new(
                j + 2,
                Core::Date(Point::Decade(century + n / 10)),
                true,
            ));
        }
    }
    // "the 90s", "mid-90s" (not "in his 20s": an age).
    let w = ctx.w(j);
    if w.len() == 3
        && let Some(d) = w.strip_suffix('s')
        && let Ok(n) = d.parse::<i32>()
        && n % 10 == 0
        && !j.checked_sub(1).is_some_and(|p| {
            matches!(
                ctx.w(p),
                "his"
                    | "her"
                    | "their"
                    | "its"
                    | "my"
                    | "our"
                    | "your"
                    | "low"
                    | "high"
                    | "mid-to-high"
            )
        })
        && j.checked_sub(1).is_some_and(|p| {
            matches!(
                ctx.w(p),
                "the" | "-" | "early" | "late" | "mid" | "of" | "since"
            )
        })
    {
        let century = if n < 30 { 200 } else { 190 };
        return Some(CoreHit::new(
            j + 1,
            Core::Date(Point::Decade(century + n / 10)),
            true,
        ));
    }
    // 1990s, 1800s.
    if w.len() == 5
        && let Some(d) = w.strip_suffix('s')
        && let Ok(y) = d.parse::<i32>()
        && (1000..=2090).contains(&y)
        && y % 10 == 0
    {
        let p = if y % 100 == 0 && y != 2000 {
            Point::Century(y / 100)
        } else {
            Point::Decade(y / 10)
        };
        return Some(CoreHit::new(j + 1, Core::Date(p), true));
    }
    None
}

/// A date that starts with a month name.
fn month_date(ctx: &Ctx<'_>, k: usize, weekday: Option<u32>) -> Option<CoreHit> {
    let (m, mn) = month_at(ctx, k)?;
    let mut e = k + mn;
    if let Some((d, dn)) = day_at(ctx, e) {
        let after_day = e + dn;
        let year = if ctx.is(after_day, ",") {
            year_at(ctx, after_day + 1, false).map(|y| (y, 2))
        } else {
            year_at(ctx, after_day, false)
                .map(|y| (y, 1))
                .or_else(|| year_after_month(ctx, after_day).filter(|_| ctx.is(after_day, "of")))
        };
        let (y, yn) = year.unwrap_or_else(|| (year_for(ctx, k, after_day, m, Some(d), weekday), 0));
        // "March 3" where 3 is a count ("May 3 people") is rare enough to accept.
        let day = ymd(y, m, d)?;
        return Some(CoreHit::new(
            after_day + yn,
            Core::Date(Point::Day(day)),
            false,
        ));
    }
    if let Some((y, yn)) = year_after_month(ctx, e) {
        return Some(CoreHit::new(e + yn, Core::Date(Point::Month(y, m)), false));
    }
    // A bare month. "May" and abbreviations need a clear context.
    let w = ctx.w(k);
    let prev = k.checked_sub(1).map_or("", |p| ctx.w(p));
    let clear_context = matches!(
        prev,
        "in" | "since"
            | "until"
            | "till"
            | "by"
            | "from"
            | "to"
            | "of"
            | "early"
            | "late"
            | "-"
            | "mid"
            | "through"
            | "last"
            | "next"
            | "this"
            | "during"
            | "before"
            | "after"
            | "and"
            | "or"
            | "between"
    );
    if (w == "may" || (words::is_month_abbrev(w) && mn == 1)) && !clear_context {
        return None;
    }
    if w == "march"
        && !clear_context
        && ctx.tok(k + 1).is_some_and(|t| !t.is_capitalized)
        && !matches!(ctx.w(k + 1), "," | "." | ";" | ")" | "and" | "when" | "to")
    {
        // "March" as a verb or a name ("March on Washington") needs a clue.
        return None;
    }
    e = k + mn;
    let y = year_for(ctx, k, e, m, None, None);
    Some(CoreHit::new(e, Core::Date(Point::Month(y, m)), false))
}
