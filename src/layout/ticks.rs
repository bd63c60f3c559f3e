//! Calendar-aware ticks for the time axis, from billions of years down to seconds.
//!
//! The step is the finest one whose labels cannot overlap: spacing is judged on the *shortest*
//! length a step can have (28 days for a month, 365 for a year), against the widest label the
//! step writes. A second row gives context: the year above months, the month above days.

use crate::model::time::{
    CivilDateTime, MONTH_ABBREV, SECS_PER_DAY, Timestamp, civil_from_days, days_from_civil,
    year_label,
};

/// One labelled tick.
#[derive(Clone, Debug, PartialEq)]
pub struct Tick {
    /// The instant, in seconds.
    pub time: f64,
    /// What the axis writes there.
    pub label: String,
}

/// The ticks of one frame.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct TickRows {
    /// Fine ticks with short labels (`Mar`, `4 Jan`, `14:00`), all inside the view.
    pub minor: Vec<Tick>,
    /// Context ticks (`2018`, `Jan 2018`): the first one is at or before the view's start so its
    /// label can stay pinned at the left edge. Empty when the minor labels are whole years.
    pub major: Vec<Tick>,
}

/// A step between ticks.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Step {
    /// A fixed number of seconds that divides a day, or a whole number of days.
    Secs(i64),
    /// Seven days, from Monday.
    Week,
    /// Calendar months.
    Months(i64),
    /// Calendar years.
    Years(i64),
}

impl Step {
    /// The shortest length the step can have, in seconds.
    fn min_secs(self) -> f64 {
        match self {
            Self::Secs(s) => s as f64,
            Self::Week => (7 * SECS_PER_DAY) as f64,
            Self::Months(n) => n as f64 * 28.0 * SECS_PER_DAY as f64,
            Self::Years(n) => n as f64 * 365.0 * SECS_PER_DAY as f64,
        }
    }
}

/// Steps below a day, then days, weeks, months.
const FIXED_STEPS: [Step; 17] = [
    Step::Secs(1),
    Step::Secs(5),
    Step::Secs(15),
    Step::Secs(30),
    Step::Secs(60),
    Step::Secs(5 * 60),
    Step::Secs(15 * 60),
    Step::Secs(30 * 60),
    Step::Secs(3600),
    Step::Secs(3 * 3600),
    Step::Secs(6 * 3600),
    Step::Secs(12 * 3600),
    Step::Secs(SECS_PER_DAY),
    Step::Week,
    Step::Months(1),
    Step::Months(3),
    Step::Months(6),
];

/// Never more ticks than this in a row, whatever the input (a guard, not a layout rule).
const MAX_TICKS: usize = 1000;

/// Ticks for the view `[start, end]` (seconds) drawn `width_px` wide, where a character of label
/// text is about `char_px` wide and labels need `gap_px` between them.
pub fn ticks(start: f64, end: f64, width_px: f64, char_px: f64, gap_px: f64) -> TickRows {
    if !(start.is_finite() && end.is_finite() && end > start && width_px > 0.0) {
        return TickRows::default();
    }
    let px_per_sec = width_px / (end - start);
    let fits = |step: Step| {
        let chars = label_chars(step, start, end) as f64;
        // The context row's labels ("26 Oct 2019", a little wider: bold) must fit between
        // their ticks too, or neighbours run together ("26 Oct 201927 Oct 2019").
        let major_fits = major_step_of(step).is_none_or(|ms| {
            let major_chars = major_label(ms, start).chars().count() as f64;
            ms.min_secs() * px_per_sec >= major_chars * char_px * MAJOR_WIDEN + gap_px
        });
        step.min_secs() * px_per_sec >= chars * char_px + gap_px && major_fits
    };
    let step = FIXED_STEPS
        .into_iter()
        .chain(year_steps())
        .find(|s| fits(*s))
        .unwrap_or(Step::Years(10_000_000_000));

    let minor = generate(step, start, end, false)
        .into_iter()
        .filter(|&t| t >= start)
        .map(|t| Tick {
            time: t,
            label: minor_label(step, t),
        })
        .collect();
    let major = major_step_of(step)
        .map(|ms| {
            generate(ms, start, end, true)
                .into_iter()
                .map(|t| Tick {
                    time: t,
                    label: major_label(ms, t),
                })
                .collect()
        })
        .unwrap_or_default();
    TickRows { minor, major }
}

/// [`ticks`] on the clocks of `zone`: the labels are its wall-clock times (midnight in Kyiv,
/// not in Greenwich), and each tick stands at the instant that wall-clock time happens. Years
/// and months begin at the zone's midnight too; far from the present (where the zone database
/// says nothing) the zone is UTC.
pub fn ticks_in(
    zone: crate::model::ShownZone,
    start: f64,
    end: f64,
    width_px: f64,
    char_px: f64,
    gap_px: f64,
) -> TickRows {
    if zone == crate::model::ShownZone::Utc {
        return ticks(start, end, width_px, char_px, gap_px);
    }
    let offset = |utc: f64| zone.offset_secs(utc.floor() as i64) as f64;
    let (shift_start, shift_end) = (offset(start), offset(end));
    let local = ticks(
        start + shift_start,
        end + shift_end,
        width_px,
        char_px,
        gap_px,
    );
    // A wall-clock time back to its instant: the offset in force then (taken at the instant
    // the time would be with the view's first offset, which is right but within an hour of a
    // change of clocks).
    let to_utc = |tick: Tick| {
        let guess = tick.time - shift_start;
        Tick {
            time: tick.time - offset(guess),
            label: tick.label,
        }
    };
    TickRows {
        minor: local
            .minor
            .into_iter()
            .map(to_utc)
            .filter(|t| t.time >= start && t.time <= end)
            .collect(),
        major: local.major.into_iter().map(to_utc).collect(),
    }
}

/// 1, 2, 5, 10, 20, 50, … years up to ten billion.
fn year_steps() -> impl Iterator<Item = Step> {
    (0..10).flat_map(|exp| {
        let base = 10_i64.pow(exp);
        [base, 2 * base, 5 * base].map(Step::Years)
    })
}

/// How many characters the widest label of `step` takes in this view.
fn label_chars(step: Step, start: f64, end: f64) -> usize {
    match step {
        Step::Secs(s) if s < 60 => 8,           // 14:05:09
        Step::Secs(s) if s < SECS_PER_DAY => 5, // 14:05
        Step::Secs(_) | Step::Week => 6,        // 30 Jan
        Step::Months(_) => 3,                   // Mar
        Step::Years(n) => {
            // The labels are of round years: measure those near each end of the view.
            let round = |t: f64| {
                let year = Timestamp(t as i64).civil().year;
                year_label(year_tick_at_or_after(year, n))
                    .len()
                    .max(year_label(year_tick_at_or_after(year - n, n)).len())
            };
            round(start).max(round(end))
        }
    }
}

/// The instants of `step` in `[start, end]`; with `from_before`, also the last one before
/// `start` so a pinned label has a beginning.
fn generate(step: Step, start: f64, end: f64, from_before: bool) -> Vec<f64> {
    let mut out = Vec::new();
    let mut push = |t: f64| -> bool {
        if t > end || out.len() >= MAX_TICKS {
            return false;
        }
        if t >= start || from_before {
            if t < start && from_before {
                out.clear();
            }
            out.push(t);
        }
        true
    };
    match step {
        Step::Secs(s) => {
            let s = s as f64;
            let mut t = (start / s).floor() * s;
            while push(t) {
                t += s;
            }
        }
        Step::Week => {
            // 1970-01-05 was a Monday.
            let week = (7 * SECS_PER_DAY) as f64;
            let monday = (4 * SECS_PER_DAY) as f64;
            let mut t = ((start - monday) / week).floor() * week + monday;
            while push(t) {
                t += week;
            }
        }
        Step::Months(n) => {
            let c = Timestamp(start.floor() as i64).civil();
            let first = c.year * 12 + i64::from(c.month) - 1;
            let mut index = first.div_euclid(n) * n;
            loop {
                let year = index.div_euclid(12);
                let month = (index.rem_euclid(12) + 1) as u8;
                let t = CivilDateTime::date(year, month, 1).timestamp().as_f64();
                if !push(t) {
                    break;
                }
                index += n;
            }
        }
        Step::Years(n) => {
            let first = Timestamp(start.floor() as i64).civil().year;
            let mut year = year_tick_at_or_after(first, n);
            loop {
                let t = (days_from_civil(year, 1, 1) * SECS_PER_DAY) as f64;
                if !push(t) {
                    break;
                }
                year = year_tick_at_or_after(year + 1, n);
            }
        }
    }
    out
}

/// The first year at or after `year` whose label is a round multiple of `n`: CE years that are
/// multiples of `n`, BCE years whose BCE number is (`500 BCE` is astronomical -499).
fn year_tick_at_or_after(year: i64, n: i64) -> i64 {
    if year > 0 {
        return (year + n - 1).div_euclid(n) * n;
    }
    let bce = 1 - year;
    let round = bce.div_euclid(n) * n;
    if round >= 1 { 1 - round } else { n }
}

fn minor_label(step: Step, t: f64) -> String {
    let c = Timestamp(t.round() as i64).civil();
    match step {
        Step::Secs(s) if s < 60 => format!("{:02}:{:02}:{:02}", c.hour, c.minute, c.second),
        Step::Secs(s) if s < SECS_PER_DAY => format!("{:02}:{:02}", c.hour, c.minute),
        Step::Secs(_) | Step::Week => {
            format!("{} {}", c.day, MONTH_ABBREV[usize::from(c.month - 1)])
        }
        Step::Months(_) => MONTH_ABBREV[usize::from(c.month - 1)].to_owned(),
        Step::Years(_) => year_label(c.year),
    }
}

/// The context row's step above ticks of `step` (days above hours, months above days, years
/// above months); `None` above years.
fn major_step_of(step: Step) -> Option<Step> {
    match step {
        Step::Secs(s) if s < SECS_PER_DAY => Some(Step::Secs(SECS_PER_DAY)),
        Step::Secs(_) | Step::Week => Some(Step::Months(1)),
        Step::Months(_) => Some(Step::Years(1)),
        Step::Years(_) => None,
    }
}

/// Context labels are bold and slightly larger than tick labels, and start 3 points after their
/// tick: planned this much wider per character.
const MAJOR_WIDEN: f64 = 1.25;

fn major_label(step: Step, t: f64) -> String {
    let days = (t / SECS_PER_DAY as f64).floor() as i64;
    let (year, month, day) = civil_from_days(days);
    let month = MONTH_ABBREV[usize::from(month - 1)];
    match step {
        Step::Secs(_) | Step::Week => format!("{day} {month} {}", year_label(year)),
        Step::Months(_) => format!("{month} {}", year_label(year)),
        Step::Years(_) => year_label(year),
    }
}

#[cfg(test)]
mod tests {

    #[test]
    fn ticks_in_a_zone_stand_at_its_midnights_and_say_its_hours() {
        use crate::model::ShownZone;
        let kyiv = ShownZone::parse("Europe/Kyiv").unwrap_or_else(|e| panic!("{e}"));
        // 2017-09-24 00:00 to 2017-09-27 00:00 UTC, 200 px: day ticks.
        let (start, end) = (1_506_211_200.0, 1_506_470_400.0);
        let utc = super::ticks(start, end, 200.0, 7.0, 12.0);
        let local = super::ticks_in(kyiv, start, end, 200.0, 7.0, 12.0);
        assert_eq!(utc.minor.len(), local.minor.len() + 1, "{local:?}");
        // UTC midnights are at whole days; Kyiv's (summer, UTC+3) three hours before them.
        assert!(utc.minor.iter().all(|t| t.time % 86_400.0 == 0.0));
        assert!(
            local
                .minor
                .iter()
                .all(|t| (t.time + 3.0 * 3600.0) % 86_400.0 == 0.0)
        );
        assert_eq!(local.minor[0].time, 1_506_286_800.0); // 2017-09-24T21:00Z
        assert_eq!(local.minor[0].label, "25 Sep");
        // Hours: 14:00 in Kyiv is 11:00 UTC.
        let hour = super::ticks_in(kyiv, 1_506_250_800.0, 1_506_258_000.0, 1200.0, 7.0, 12.0);
        let two = hour
            .minor
            .iter()
            .find(|t| t.label == "14:00")
            .unwrap_or_else(|| panic!("{hour:?}"));
        assert_eq!(two.time, 1_506_250_800.0);
        // UTC is the plain ticks.
        assert_eq!(
            super::ticks_in(ShownZone::Utc, start, end, 200.0, 7.0, 12.0),
            utc
        );
    }

    use super::{TickRows, ticks};
    use crate::model::time::CivilDateTime;

    const CHAR_PX: f64 = 7.0;
    const GAP_PX: f64 = 12.0;

    fn at(y: i64, m: u8, d: u8) -> f64 {
        CivilDateTime::date(y, m, d).timestamp().as_f64()
    }

    fn labels(rows: &TickRows) -> Vec<&str> {
        rows.minor.iter().map(|t| t.label.as_str()).collect()
    }

    fn assert_no_overlap(rows: &TickRows, px_per_sec: f64) {
        for pair in rows.minor.windows(2) {
            let gap_px = (pair[1].time - pair[0].time) * px_per_sec;
            let need = pair[0].label.len() as f64 * CHAR_PX + GAP_PX;
            assert!(
                gap_px >= need,
                "{} → {}: {gap_px} < {need}",
                pair[0].label,
                pair[1].label
            );
        }
        // The context row too, its labels bold (planned wider): no two run together.
        for pair in rows.major.windows(2) {
            let gap_px = (pair[1].time - pair[0].time) * px_per_sec;
            let need = pair[0].label.len() as f64 * CHAR_PX * super::MAJOR_WIDEN + GAP_PX;
            assert!(
                gap_px >= need,
                "context {} → {}: {gap_px} < {need}",
                pair[0].label,
                pair[1].label
            );
        }
    }

    #[test]
    fn decades_to_hours() {
        // 1990–2030 on 1000 px: yearly labels would need 40 × 40 px, so every 2 or 5 years.
        let (a, b) = (at(1990, 1, 1), at(2030, 1, 1));
        let rows = ticks(a, b, 1000.0, CHAR_PX, GAP_PX);
        assert_eq!(labels(&rows)[..3], ["1990", "1992", "1994"]);
        assert!(rows.major.is_empty());
        assert_no_overlap(&rows, 1000.0 / (b - a));

        // One year: months, with the year as context.
        let (a, b) = (at(2018, 1, 1), at(2018, 12, 31));
        let rows = ticks(a, b, 1200.0, CHAR_PX, GAP_PX);
        assert_eq!(labels(&rows)[..3], ["Jan", "Feb", "Mar"]);
        assert_eq!(rows.major[0].label, "2018");

        // Two weeks: days, with the month as context.
        let (a, b) = (at(2017, 12, 28), at(2018, 1, 11));
        let rows = ticks(a, b, 1200.0, CHAR_PX, GAP_PX);
        assert!(labels(&rows).contains(&"4 Jan"), "{:?}", labels(&rows));
        let majors: Vec<&str> = rows.major.iter().map(|t| t.label.as_str()).collect();
        assert_eq!(majors, ["Dec 2017", "Jan 2018"]);

        // One day: hours, with the day as context pinned from before the view.
        let (a, b) = (at(2018, 1, 4) + 3600.0, at(2018, 1, 5));
        let rows = ticks(a, b, 1200.0, CHAR_PX, GAP_PX);
        assert!(labels(&rows).contains(&"14:00"), "{:?}", labels(&rows));
        assert_eq!(rows.major[0].label, "4 Jan 2018");
        assert!(rows.major[0].time <= a);
        assert_no_overlap(&rows, 1200.0 / (b - a));
    }

    #[test]
    fn never_overlapping_at_any_zoom() {
        let centre = at(2018, 1, 4);
        let mut span = 90.0;
        while span < 1e18 {
            let rows = ticks(
                centre - span / 2.0,
                centre + span / 2.0,
                800.0,
                CHAR_PX,
                GAP_PX,
            );
            assert!(!rows.minor.is_empty(), "no ticks at span {span}");
            assert_no_overlap(&rows, 800.0 / span);
            span *= 1.7;
        }
    }

    #[test]
    fn context_labels_never_run_together() {
        // Four days of October 2019 at every width from 300 to 1600 px: where a day is just
        // wider than two "12:00" labels, the days' own labels ("26 Oct 2019") did not fit.
        let start = at(2019, 10, 24);
        for width in (300..1600).step_by(7) {
            let rows = ticks(
                start,
                start + 4.0 * 86_400.0,
                f64::from(width),
                CHAR_PX,
                GAP_PX,
            );
            assert_no_overlap(&rows, f64::from(width) / (4.0 * 86_400.0));
        }
    }

    #[test]
    fn bce_and_cosmological_years() {
        let rows = ticks(at(-600, 1, 1), at(300, 1, 1), 1000.0, CHAR_PX, GAP_PX);
        assert!(labels(&rows).contains(&"500 BCE"), "{:?}", labels(&rows));
        let rows = ticks(
            at(-14_000_000_000, 1, 1),
            at(2000, 1, 1),
            1000.0,
            CHAR_PX,
            GAP_PX,
        );
        assert!(
            labels(&rows)
                .iter()
                .any(|l| l.ends_with(" billion years ago")),
            "{:?}",
            labels(&rows)
        );
    }

    #[test]
    fn bad_input_gives_no_ticks() {
        assert_eq!(ticks(1.0, 0.0, 100.0, CHAR_PX, GAP_PX), TickRows::default());
        assert_eq!(
            ticks(f64::NAN, 0.0, 100.0, CHAR_PX, GAP_PX),
            TickRows::default()
        );
    }
}
