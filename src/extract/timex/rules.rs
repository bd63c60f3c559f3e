//! The driver of the temporal rules: walks the tokens, tries the expression recognisers at each
//! position (premodifiers first: "about", "the", "early", "the end of"), keeps the longest match
//! and turns it into a TIMEX3 type and value. The recognisers are in `dates` (explicit dates),
//! `relative` (relative expressions and words), `periods` (quarters, seasons, holidays),
//! `spans` (durations and sets) and `clock` (clock times); what they read of the tokens around
//! them (words, numbers, tense, the reference day) is `ctx`.

use chrono::{Datelike, NaiveDate};

use super::cal::{Count, Dur, Point, Unit, add_days};
use super::lex::{Tok, TokKind};
use super::words;
use super::{DctWindow, Direction, TimexMod, TimexType};

mod clock;
mod ctx;
mod dates;
mod periods;
mod relative;
mod spans;

use ctx::{Ctx, Tense};

/// A recognised expression, by token indices.
#[derive(Clone, Debug)]
pub(crate) struct Hit {
    /// First token.
    pub start: usize,
    /// One past the last token.
    pub end: usize,
    /// TIMEX3 type.
    pub kind: TimexType,
    /// TIMEX3 value.
    pub value: String,
    /// TIMEX3 mod.
    pub modifier: Option<TimexMod>,
    /// TIMEX3 quant.
    pub quant: Option<String>,
    /// TIMEX3 freq.
    pub freq: Option<String>,
    /// A duration tied to the DCT.
    pub window: Option<DctWindow>,
    /// Both bounds of a range of durations.
    pub range: Option<(String, String)>,
}

/// What a recogniser found, before premodifiers are applied.
#[derive(Clone, Debug)]
pub(crate) enum Core {
    /// A calendar point (DATE).
    Date(Point),
    /// A DATE with a literal value (`PRESENT_REF`, `XXXX-03`).
    DateValue(String),
    /// A TIME with its value.
    Time(String),
    /// A duration, possibly a range (`upper`), possibly tied to the DCT.
    Duration {
        /// The length, or the lower bound of a range.
        dur: Dur,
        /// The upper bound of a range.
        upper: Option<Dur>,
        /// Whether the text ties it to the DCT ("the past …", "the next …").
        window: Option<Direction>,
    },
    /// A SET.
    Set {
        /// Its value (`P1W`, `XXXX-WXX-1`).
        value: String,
        /// `EVERY`, `EACH`.
        quant: Option<&'static str>,
        /// `2X`.
        freq: Option<String>,
    },
}

/// A recogniser's answer: where it ends, what it means, and whether a preceding "the"
/// belongs to it ("the 1990s" yes, "the March 5 attack" no).
#[derive(Clone, Debug)]
pub(crate) struct CoreHit {
    /// One past the last token.
    pub end: usize,
    /// The meaning.
    pub core: Core,
    /// Whether a "the" before the expression is part of it.
    pub takes_the: bool,
    /// A mod the recogniser itself found ("18 to 24 months": `EQUAL_OR_LESS`).
    pub modifier: Option<TimexMod>,
}

impl CoreHit {
    pub(crate) fn new(end: usize, core: Core, takes_the: bool) -> Self {
        Self {
            end,
            core,
            takes_the,
            modifier: None,
        }
    }
}

/// Whether a token can start an expression at all (a cheap filter before the recognisers).
fn can_start(t: &Tok) -> bool {
    match t.kind {
        TokKind::Num => true,
        TokKind::Punct => t.lower == "'",
        TokKind::Word => {
            let w = t.lower.as_str();
            w.len() <= 13
                && (w.as_bytes().first().is_some_and(u8::is_ascii_digit)
                    || words::TRIGGERS.binary_search(&w).is_ok()
                    || words::weekday_plural(w).is_some()
                    || (w.len() == 6 && w.starts_with("fy")))
        }
    }
}

/// Finds all expressions, left to right, longest match first, never overlapping.
pub(crate) fn find(toks: &[Tok], dct: NaiveDate) -> Vec<Hit> {
    let mut ctx = Ctx {
        toks,
        dct,
        reference: dct,
        reference_sentence: u32::MAX,
    };
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        if !can_start(&toks[i]) {
            i += 1;
            continue;
        }
        match match_at(&ctx, i) {
            Some(hit) if hit.end > i => {
                if hit.kind == TimexType::Date
                    && let Some(d) = full_day(&hit.value)
                {
                    ctx.reference = d;
                    ctx.reference_sentence = toks[i].sentence;
                }
                i = hit.end;
                let next = continuation(&ctx, &hit);
                out.push(hit);
                if let Some(next) = next {
                    i = next.end;
                    out.push(next);
                }
            }
            _ => i += 1,
        }
    }
    out
}

/// The second end of a range written short after a date: "June 1-2, 2021" (the "2, 2021"),
/// "March 4 to 5", "June 29 and 30", "1939-43". TimeML tags each end on its own.
fn continuation(ctx: &Ctx<'_>, hit: &Hit) -> Option<Hit> {
    let k = hit.end;
    let joiner = ctx.w(k);
    if !matches!(
        joiner,
        "-" | "–" | "—" | "to" | "and" | "through" | "until" | "till"
    ) {
        return None;
    }
    let n = ctx.num(k + 1)?;
    let digits = ctx.digits(k + 1);
    let mut end = k + 2;
    let value = if let Some(day) = full_day(&hit.value) {
        if digits > 2 || n <= u64::from(day.day()) || n > 31 {
            return None;
        }
        let next = ctx.w(end);
        if next == ":" || words::month(next).is_some() || words::unit(next).is_some() {
            return None;
        }
        let mut year = day.year();
        if ctx.is(end, ",")
            && ctx.digits(end + 1) == 4
            && let Some(y) = ctx.num(end + 1).and_then(|y| i32::try_from(y).ok())
        {
            year = y;
            end += 2;
        }
        let d = NaiveDate::from_ymd_opt(year, day.month(), u32::try_from(n).ok()?)?;
        Point::Day(d).value()
    } else if hit.value.len() == 4 && hit.kind == TimexType::Date && digits == 2 {
        let y: i32 = hit.value.parse().ok()?;
        let n = i32::try_from(n).ok()?;
        if !ctx.touches(k) || n <= y % 100 {
            return None;
        }
        Point::Year(y - y % 100 + n).value()
    } else {
        return None;
    };
    Some(Hit {
        start: k + 1,
        end,
        kind: TimexType::Date,
        value,
        modifier: None,
        quant: None,
        freq: None,
        window: None,
        range: None,
    })
}

/// The day of a `YYYY-MM-DD` value.
fn full_day(value: &str) -> Option<NaiveDate> {
    if value.len() == 10 {
        NaiveDate::parse_from_str(value, "%Y-%m-%d").ok()
    } else {
        None
    }
}

/// Premodifiers that make a quantity approximate or bounded, with the tokens they take.
fn quantity_modifier(ctx: &Ctx<'_>, i: usize) -> Option<(usize, TimexMod)> {
    let w = ctx.w(i);
    let next = ctx.w(i + 1);
    let next_is_number = {
        let n = ctx.tok(i + 1);
        n.is_some_and(|t| t.kind == TokKind::Num)
            || words::number_word(next).is_some()
            || matches!(next, "a" | "an" | "half")
    };
    Some(match (w, next) {
        ("about" | "around" | "approximately" | "roughly" | "circa", _) => (1, TimexMod::Approx),
        ("longer" | "shorter", "than") => (
            2,
            if w == "longer" {
                TimexMod::MoreThan
            } else {
                TimexMod::LessThan
            },
        ),
        ("no", "longer") if ctx.is(i + 2, "than") => (3, TimexMod::EqualOrLess),
        ("some", _) if next_is_number && next != "a" => (1, TimexMod::Approx),
        ("nearly" | "almost", _) => (1, TimexMod::LessThan),
        ("more" | "less" | "fewer", "than") => (
            2,
            if w == "more" {
                TimexMod::MoreThan
            } else {
                TimexMod::LessThan
            },
        ),
        ("over" | "under", _) if next_is_number => (
            1,
            if w == "over" {
                TimexMod::MoreThan
            } else {
                TimexMod::LessThan
            },
        ),
        ("at", "least") => (2, TimexMod::EqualOrMore),
        ("at", "most") | ("up", "to") => (2, TimexMod::EqualOrLess),
        ("no", "more") | ("no", "less") if ctx.is(i + 2, "than") => (
            3,
            if next == "more" {
                TimexMod::EqualOrLess
            } else {
                TimexMod::EqualOrMore
            },
        ),
        ("just" | "well", "over" | "under") => {
            let inner = quantity_modifier(ctx, i + 1)?;
            (inner.0 + 1, inner.1)
        }
        _ => return None,
    })
}

/// Premodifiers of a point: "early", "late", "mid-", "the end of" …, with the tokens they take.
fn point_modifier(ctx: &Ctx<'_>, i: usize) -> Option<(usize, Option<TimexMod>)> {
    let w = ctx.w(i);
    match w {
        "early" => Some((1, Some(TimexMod::Start))),
        "late" => Some((1, Some(TimexMod::End))),
        "mid" => {
            // "mid-March", "mid March", "mid-2016".
            if ctx.is(i + 1, "-") && ctx.touches(i) {
                Some((2, Some(TimexMod::Mid)))
            } else {
                Some((1, Some(TimexMod::Mid)))
            }
        }
        "earlier" | "later" => Some((1, None)),
        "beginning" | "start" | "end" | "middle" | "close" | "turn" if ctx.is(i + 1, "of") => {
            let m = match w {
                "beginning" | "start" => TimexMod::Start,
                "middle" => TimexMod::Mid,
                _ => TimexMod::End,
            };
            Some((2, Some(m)))
        }
        _ => None,
    }
}

/// Tries every recogniser at `i` and returns the longest expression.
fn match_at(ctx: &Ctx<'_>, i: usize) -> Option<Hit> {
    let mut j = i;
    // "exactly a year ago", "right now": inside the extent, no mod.
    if matches!(ctx.w(j), "exactly" | "precisely") || (ctx.is(j, "right") && ctx.is(j + 1, "now")) {
        j += 1;
    }
    let mut modifier = None;
    let mut after_quantity = None;
    if let Some((n, m)) = quantity_modifier(ctx, j) {
        j += n;
        modifier = Some(m);
        after_quantity = Some(j);
    }
    let the_at = if ctx.is(j, "the") || (ctx.is(j, "that") && ctx.is(j + 1, "same")) {
        j += 1;
        Some(j - 1)
    } else {
        None
    };
    let mut point_mod_at = None;
    if let Some((n, m)) = point_modifier(ctx, j) {
        point_mod_at = Some(j);
        j += n;
        if m.is_some() {
            modifier = m;
        }
    }
    // After "the end of", the core may take its own "the".
    let inner_the = point_mod_at.is_some() && ctx.is(j, "the");
    let core_start = if inner_the { j + 1 } else { j };
    let has_the = if point_mod_at.is_some() {
        inner_the
    } else {
        the_at.is_some()
    };
    // "the" may have been a false start: then the caller moves on.
    let mut found = best_core(ctx, core_start, has_the)?;
    let mut start = i;
    if point_mod_at.is_none() && the_at.is_some() && !found.takes_the {
        // "the March 5 attack": the article is not part of the date; "about the March …"
        // is not a thing.
        if modifier.is_some() {
            return None;
        }
        start = core_start;
    }
    if point_mod_at.is_some() && matches!(found.core, Core::Set { .. }) {
        return None;
    }
    // "about" qualifies amounts, times and calendar periods, not "today" or "now".
    if let Some(after) = after_quantity
        && point_mod_at.is_none()
        && matches!(
            found.core,
            Core::Date(Point::Day(_)) | Core::DateValue(_) | Core::Set { .. }
        )
    {
        start = after;
        modifier = None;
    }
    let mut modifier = found.modifier.or(modifier);
    if !spans::suffix(ctx, &mut found, &mut modifier) {
        return None;
    }
    // "a week or so".
    if ctx.is(found.end, "or") && ctx.is(found.end + 1, "so") {
        found.end += 2;
        modifier = Some(TimexMod::Approx);
    }
    Some(finish(start, found, modifier))
}

/// The longest of all recognisers' answers at `j`.
fn best_core(ctx: &Ctx<'_>, j: usize, has_the: bool) -> Option<CoreHit> {
    let candidates = [
        dates::explicit(ctx, j),
        relative::relative(ctx, j, has_the),
        relative::lexical(ctx, j, has_the),
        periods::holiday(ctx, j),
        periods::quarter_or_season(ctx, j, has_the),
        spans::set(ctx, j),
        spans::duration(ctx, j, has_the),
        clock::time(ctx, j),
    ];
    candidates
        .into_iter()
        .flatten()
        .fold(None, |best: Option<CoreHit>, c| match best {
            Some(b) if b.end >= c.end => Some(b),
            _ => Some(c),
        })
}

/// Builds the hit from a recogniser's answer and the premodifiers.
fn finish(start: usize, found: CoreHit, modifier: Option<TimexMod>) -> Hit {
    let mut hit = Hit {
        start,
        end: found.end,
        kind: TimexType::Date,
        value: String::new(),
        modifier,
        quant: None,
        freq: None,
        window: None,
        range: None,
    };
    match found.core {
        Core::Date(p) => hit.value = p.value(),
        Core::DateValue(v) => hit.value = v,
        Core::Time(v) => {
            hit.kind = TimexType::Time;
            hit.value = v;
        }
        Core::Duration { dur, upper, window } => {
            hit.kind = TimexType::Duration;
            let longest = upper.unwrap_or(dur);
            hit.value = longest.value();
            if let Some(u) = upper {
                hit.range = Some((dur.value(), u.value()));
                if hit.modifier.is_none() {
                    hit.modifier = Some(TimexMod::EqualOrLess);
                }
            }
            hit.window = window.map(|direction| DctWindow {
                direction,
                shortest: dur.value(),
                longest: longest.value(),
            });
        }
        Core::Set { value, quant, freq } => {
            hit.kind = TimexType::Set;
            hit.value = value;
            hit.quant = quant.map(str::to_owned);
            hit.freq = freq;
        }
    }
    hit
}

/// Resolves a point named without its year or week (a weekday, a month, a quarter) against the
/// DCT: `candidates(k)` gives the k-th occurrence counting from the one containing the DCT;
/// the past (or an unknown tense) takes the latest on or before the DCT, the future the
/// earliest on or after it.
pub(crate) fn nearest(
    dct_point: Point,
    candidate: impl Fn(i32) -> Point,
    tense: Tense,
    cmp: impl Fn(Point, Point) -> std::cmp::Ordering,
) -> Point {
    use std::cmp::Ordering;
    let here = candidate(0);
    match (tense, cmp(here, dct_point)) {
        (Tense::Future, Ordering::Less) => candidate(1),
        (Tense::Past, Ordering::Greater) => candidate(-1),
        _ => here,
    }
}

/// The point a weekday names, seen from `dct` in `tense`.
pub(crate) fn resolve_weekday(dct: NaiveDate, weekday: u32, tense: Tense) -> NaiveDate {
    let today = dct.weekday().number_from_monday() as i64;
    let wd = i64::from(weekday);
    match tense {
        Tense::Future => {
            let ahead = (wd - today).rem_euclid(7);
            let ahead = if ahead == 0 { 7 } else { ahead };
            add_days(dct, ahead)
        }
        Tense::Past | Tense::Unknown => add_days(dct, -((today - wd).rem_euclid(7))),
    }
}

/// A vague count of `unit`.
pub(crate) fn vague(unit: Unit) -> Dur {
    Dur {
        count: Count::Vague,
        unit,
    }
}

#[cfg(test)]
mod tests {
    use super::{Tense, resolve_weekday};
    use chrono::NaiveDate;

    #[test]
    fn weekdays_in_a_past_report_are_on_or_before_the_dct() {
        let friday = NaiveDate::from_ymd_opt(2018, 3, 23).unwrap_or_default();
        assert_eq!(resolve_weekday(friday, 5, Tense::Past), friday);
        assert_eq!(
            resolve_weekday(friday, 1, Tense::Past).to_string(),
            "2018-03-19"
        );
        assert_eq!(
            resolve_weekday(friday, 1, Tense::Future).to_string(),
            "2018-03-26"
        );
    }
}
