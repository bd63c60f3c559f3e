//! Recogniser of clock times: "3 p.m.", "3:30pm", "15:30", "09:00 GMT", "0900 GMT", "noon",
//! "midnight", optionally followed by the day ("3 p.m. Friday", "9 a.m. yesterday").

use chrono::{Datelike, NaiveDate};

use super::super::cal::{Point, add_days};
use super::super::words;
use super::{Core, CoreHit, Ctx, resolve_weekday};

/// The ISO 8601 offset a time-zone word stands for on `day` (`Z` for GMT/UTC; US zones
/// written without S/D follow daylight saving time); `Some("")` for "local".
fn zone(w: &str, day: NaiveDate) -> Option<&'static str> {
    let summer = us_daylight_saving(day);
    Some(match w {
        "gmt" | "utc" | "z" | "zulu" => "Z",
        "local" => "",
        "bst" | "cet" | "wat" => "+01:00",
        "cest" | "eet" | "sast" => "+02:00",
        "msk" | "eest" => "+03:00",
        "ist" => "+05:30",
        "pkt" => "+05:00",
        "jst" | "kst" => "+09:00",
        "est" => "-05:00",
        "edt" | "cdt" => "-04:00",
        "cst" | "mdt" => "-06:00",
        "mst" => "-07:00",
        "pdt" => "-07:00",
        "pst" => "-08:00",
        "et" | "eastern" if summer => "-04:00",
        "et" | "eastern" => "-05:00",
        "ct" | "central" if summer => "-05:00",
        "ct" | "central" => "-06:00",
        "pt" | "pacific" if summer => "-07:00",
        "pt" | "pacific" => "-08:00",
        _ => return None,
    })
}

/// Whether US daylight saving time is in force on `day` (second Sunday of March to the first
/// Sunday of November).
fn us_daylight_saving(day: NaiveDate) -> bool {
    let nth_sunday = |month: u32, n: u32| {
        NaiveDate::from_weekday_of_month_opt(day.year(), month, chrono::Weekday::Sun, n as u8)
    };
    match (nth_sunday(3, 2), nth_sunday(11, 1)) {
        (Some(start), Some(end)) => day >= start && day < end,
        _ => false,
    }
}

/// "a.m." / "pm" …: whether it is after noon.
fn meridiem(w: &str) -> Option<bool> {
    match w {
        "a.m." | "am" | "a.m" => Some(false),
        "p.m." | "pm" | "p.m" => Some(true),
        _ => None,
    }
}

/// A clock time at `j`, with the day it is on when the text gives one right after it.
pub(super) fn time(ctx: &Ctx<'_>, j: usize) -> Option<CoreHit> {
    let w = ctx.w(j);
    let (mut hour, minute, mut k, mut sure);
    match w {
        "noon" | "midday" => {
            (hour, minute, k, sure) = (12, 0, j + 1, true);
        }
        "midnight" => {
            (hour, minute, k, sure) = (24, 0, j + 1, true);
        }
        _ => {
            // "3pm", "10am": one token.
            if let Some(split) = w.find(|c: char| !c.is_ascii_digit())
                && split > 0
                && split <= 2
                && let Some(pm) = meridiem(&w[split..])
            {
                let h: u32 = w[..split].parse().ok()?;
                if !(1..=12).contains(&h) {
                    return None;
                }
                hour = to_24h(h, pm);
                (minute, k, sure) = (0, j + 1, true);
            } else {
                let digits = ctx.digits(j);
                let n = u32::try_from(ctx.num(j)?).ok()?;
                if digits <= 2 && ctx.is(j + 1, ":") && ctx.touches(j) && ctx.touches(j + 1) {
                    if ctx.digits(j + 2) != 2 {
                        return None;
                    }
                    let m = u32::try_from(ctx.num(j + 2)?).ok()?;
                    if n > 24 || m > 59 {
                        return None;
                    }
                    (hour, minute, k, sure) = (n, m, j + 3, true);
                } else if digits == 4
                    && zone(ctx.w(j + 1), ctx.reference).is_some_and(|z| !z.is_empty())
                {
                    // Military time: 0900 GMT.
                    let (h, m) = (n / 100, n % 100);
                    if h > 24 || m > 59 {
                        return None;
                    }
                    (hour, minute, k, sure) = (h, m, j + 1, true);
                } else if digits <= 2 && (1..=12).contains(&n) {
                    (hour, minute, k, sure) = (n, 0, j + 1, false);
                } else {
                    return None;
                }
            }
            // a.m. / p.m. after the number.
            let mw = ctx.w(k);
            if let Some(pm) = meridiem(mw) {
                if hour == 0 || hour > 12 {
                    return None;
                }
                hour = to_24h(hour, pm);
                k += 1;
                sure = true;
            } else if matches!(mw, "a" | "p") && ctx.is(k + 1, ".") && ctx.w(k + 2) == "m" {
                // "3 p. m." is rare; leave it.
            } else if mw == "o" && ctx.is(k + 1, "'") && ctx.is(k + 2, "clock") {
                k += 3;
                sure = true;
            }
        }
    }
    // "from 9 to 11 a.m.": the first hour takes the second's half of the day.
    // (The second time must carry its a.m./p.m., so the call below never recurses.)
    if !sure
        && matches!(ctx.w(k), "to" | "-" | "–" | "until" | "and")
        && (meridiem(ctx.w(k + 2)).is_some()
            || (ctx.is(k + 2, ":") && meridiem(ctx.w(k + 4)).is_some()))
        && let Some(next) = time(ctx, k + 1)
        && let Core::Time(v) = &next.core
        && let Some(next_hour) = v
            .split_once('T')
            .and_then(|(_, t)| t.get(..2))
            .and_then(|h| h.parse::<u32>().ok())
        && ctx.w(k + 2) != ":"
    {
        if next_hour > 12 && hour < 12 {
            hour += 12;
        }
        sure = true;
    }
    if !sure {
        return None;
    }
    // The day is the last one the text named (a schedule: "Friday, July 15, at 10:30 a.m."),
    // or the one right after: "3 p.m. Friday", "9 a.m. yesterday", "noon today".
    let mut offset = "";
    let zone_at = k;
    if let Some(z) = zone(ctx.w(k), ctx.reference) {
        offset = z;
        k += 1;
        if z.is_empty() && ctx.is(k, "time") {
            k += 1;
        }
    }
    let (day, k) = day_after(ctx, k).unwrap_or((ctx.day_for_time(j), k));
    if !offset.is_empty() {
        offset = zone(ctx.w(zone_at), day).unwrap_or(offset);
    }
    let value = format!("{}T{hour:02}:{minute:02}{offset}", Point::Day(day).value());
    Some(CoreHit::new(k, Core::Time(value), false))
}

/// 12-hour clock to 24-hour.
fn to_24h(h: u32, pm: bool) -> u32 {
    match (h, pm) {
        (12, false) => 0,
        (12, true) => 12,
        (h, true) => h + 12,
        (h, false) => h,
    }
}

/// A day word right after a time: weekday, today, yesterday, tomorrow.
fn day_after(ctx: &Ctx<'_>, k: usize) -> Option<(NaiveDate, usize)> {
    if ctx.is(k, "on")
        && let Some(hit) = super::dates::explicit(ctx, k + 1)
        && let Core::Date(Point::Day(d)) = hit.core
    {
        // "2:00 p.m. on Thursday, July 14": the day gives the value, its words stay apart.
        return Some((d, k));
    }
    let w = ctx.w(k);
    let dct = ctx.dct;
    match w {
        "today" | "tonight" => Some((dct, k + 1)),
        "yesterday" => Some((add_days(dct, -1), k + 1)),
        "tomorrow" => Some((add_days(dct, 1), k + 1)),
        _ => {
            let wd = words::weekday(w).filter(|_| words::is_full_weekday(w))?;
            if !ctx.is_capitalized(k) {
                return None;
            }
            Some((resolve_weekday(dct, wd, ctx.tense(k)), k + 1))
        }
    }
}
