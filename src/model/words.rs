//! An event's time in words, with its precision or what it is relative to: "March 2018,
//! precise to the month", "18 to 24 months before the start of “Gen. Nicholson interviewed by
//! BBC News”". What the details panel, the clipboard text and the brief say.

use super::{
    Anchor, CalendarDuration, Dataset, Endpoint, RelativeDate, TimeSpec, time::SECS_PER_DAY,
};

/// A time in words: one endpoint's, or "from … to …".
pub fn time_words(dataset: &Dataset, time: &TimeSpec) -> String {
    match &time.end {
        None => endpoint_words(dataset, &time.start),
        Some(end) => format!(
            "from {} to {}",
            endpoint_words(dataset, &time.start),
            endpoint_words(dataset, end)
        ),
    }
}

/// One end of an event's time in words, with its precision or its reference.
pub fn endpoint_words(dataset: &Dataset, endpoint: &Endpoint) -> String {
    match endpoint {
        Endpoint::Date(d) => format!("{}, precise to the {}", d.describe(), d.precision.name()),
        Endpoint::OneOf(pair) => format!(
            "a single date between {} and {} (the source gives no more)",
            pair.0.describe(),
            pair.1.describe()
        ),
        Endpoint::OnOrBefore(d) => format!(
            "a single date at or before {} (the source gives no earlier bound)",
            d.describe()
        ),
        Endpoint::Relative(r) => relative_words(dataset, r),
        Endpoint::Open => "open (no end)".to_owned(),
        Endpoint::Unknown => "unknown".to_owned(),
    }
}

/// `18 to 24 months before the start of “Gen. Nicholson interviewed by BBC News”`.
pub fn relative_words(dataset: &Dataset, r: &RelativeDate) -> String {
    let target = dataset.event_by_id(&r.event).map_or(r.event.clone(), |i| {
        format!("“{}”", dataset.events.at(i).title())
    });
    let anchor = match r.anchor {
        Anchor::Start => "the start of",
        Anchor::End => "the end of",
    };
    let (a, b) = (r.offset_min, r.offset_max);
    if a.is_zero() && b.is_zero() {
        return format!("at {anchor} {target}");
    }
    let before = a.months < 0 || a.secs < 0 || b.months < 0 || b.secs < 0;
    let (near, far) = if before { (b, a) } else { (a, b) };
    let amount = if near == far {
        duration_words(near)
    } else if near.is_zero() {
        format!("up to {}", duration_words(far))
    } else {
        format!("{} to {}", number_words(near), duration_words(far))
    };
    let direction = if before { "before" } else { "after" };
    format!("{amount} {direction} {anchor} {target}")
}

/// The number part of a duration, without its unit when months or days alone.
fn number_words(d: CalendarDuration) -> String {
    if d.secs == 0 {
        d.months.abs().to_string()
    } else if d.months == 0 && d.secs % SECS_PER_DAY == 0 {
        (d.secs.abs() / SECS_PER_DAY).to_string()
    } else {
        duration_words(d)
    }
}

/// `24 months`, `3 days`, `5 hours`.
fn duration_words(d: CalendarDuration) -> String {
    let months = d.months.abs();
    let secs = d.secs.abs();
    let mut parts = Vec::new();
    if months > 0 {
        parts.push(plural(months, "month"));
    }
    if secs > 0 {
        if secs % SECS_PER_DAY == 0 {
            parts.push(plural(secs / SECS_PER_DAY, "day"));
        } else if secs % 3600 == 0 {
            parts.push(plural(secs / 3600, "hour"));
        } else {
            parts.push(plural(secs / 60, "minute"));
        }
    }
    if parts.is_empty() {
        "0 days".to_owned()
    } else {
        parts.join(" and ")
    }
}

fn plural(n: i64, unit: &str) -> String {
    if n == 1 {
        format!("1 {unit}")
    } else {
        format!("{n} {unit}s")
    }
}

#[cfg(test)]
mod tests {
    use super::relative_words;
    use crate::io::load_default;

    #[test]
    fn relative_dates_read_as_the_report_says_them() {
        let dataset = load_default().map(|l| l.dataset).unwrap_or_default();
        let activity = dataset.event_by_id("activity-picks-up").unwrap_or_default();
        let start = dataset
            .events
            .at(activity)
            .time()
            .references()
            .next()
            .cloned();
        let words = start
            .map(|r| relative_words(&dataset, &r))
            .unwrap_or_default();
        assert_eq!(
            words,
            "18 to 24 months before the start of “Gen. Nicholson interviewed by BBC News”"
        );
        let handed = dataset
            .event_by_id("weapons-handed-over")
            .unwrap_or_default();
        let r = dataset
            .events
            .at(handed)
            .time()
            .references()
            .next()
            .cloned();
        let words = r.map(|r| relative_words(&dataset, &r)).unwrap_or_default();
        assert_eq!(
            words,
            "up to 24 months before the start of “Gen. Nicholson interviewed by BBC News”"
        );
    }
}
