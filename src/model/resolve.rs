//! Turns every event's written time into earliest/latest bounds, following relative dates from
//! event to event. An unknown reference or a cycle is an error that names the event.
//!
//! Works without recursion (an explicit stack), so a long chain of relative dates in a hostile
//! file cannot overflow the thread's stack.

// Keyed by ids from files: seeded per process (std's RandomState), not FxHash.
use std::collections::HashMap;

use super::date::{Anchor, Bounds, Endpoint, RelativeDate, TimeSpec};
use super::error::{FieldPath, ModelError};

/// An event's time, resolved: where its start and end may lie.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ResolvedTime {
    /// Where the start may lie. For an open or unknown start, equal to `end`.
    pub start: Bounds,
    /// Where the end may lie. For a point event, equal to `start`; for an open or unknown end,
    /// equal to `start`.
    pub end: Bounds,
    /// The start is open (`..`) or unknown: the event began at some time before `end`.
    pub is_open_start: bool,
    /// The end is open (`..`) or unknown: the event goes on after `start`.
    pub is_open_end: bool,
    /// The event is a single date (no `/` in its time), drawn as a marker when narrow.
    pub is_point: bool,
}

impl ResolvedTime {
    /// The first instant the event may touch.
    pub fn earliest(&self) -> i64 {
        self.start.earliest.0
    }

    /// The last instant the event may touch (exclusive).
    pub fn latest(&self) -> i64 {
        self.end.latest.0.max(self.start.latest.0)
    }

    /// The time in words: `4 Jan 2018`, or `between Mar 2016 and Sep 2016 – Mar 2018`.
    pub fn describe(&self) -> String {
        if self.is_point && self.is_open_start {
            return format!("at or before {}", self.start.describe());
        }
        if self.is_point {
            return self.start.describe();
        }
        let start = if self.is_open_start {
            "(open start)".to_owned()
        } else {
            self.start.describe()
        };
        let end = if self.is_open_end {
            "(open end)".to_owned()
        } else {
            self.end.describe()
        };
        format!("{start} – {end}")
    }
}

#[derive(Clone, Copy)]
enum State {
    Unvisited,
    InProgress,
    Done(ResolvedTime),
    Failed,
}

/// Resolves the times of all events. `ids[i]` is the id of event `i`, `times[i]` its time;
/// errors point at `events[i].time`.
pub fn resolve_times(
    ids: &[&str],
    times: &[&TimeSpec],
) -> Result<Vec<ResolvedTime>, Vec<ModelError>> {
    resolve_times_at(ids, times, |i| FieldPath::item_field("events", i, "time"))
}

/// As [`resolve_times`], with errors about entry `i` pointing at `time_path(i)`.
pub fn resolve_times_at(
    ids: &[&str],
    times: &[&TimeSpec],
    time_path: impl Fn(usize) -> FieldPath,
) -> Result<Vec<ResolvedTime>, Vec<ModelError>> {
    let index: HashMap<&str, usize> = ids.iter().enumerate().map(|(i, id)| (*id, i)).collect();
    resolve_pending(
        times,
        Refs {
            event_of_id: |id: &str| index.get(id).copied(),
            slot_of_event: Some,
            known: |_| None,
            id_of: |i: usize| ids[i].to_owned(),
        },
        time_path,
    )
}

/// Resolves one time that refers to no other event, and checks it is in range.
pub(crate) fn resolve_absolute(time: &TimeSpec) -> Result<ResolvedTime, String> {
    let resolved = resolve_one(time, |_| None)?;
    check_range(resolved)
}

/// How [`resolve_pending`] sees the events its times may refer to.
pub(crate) struct Refs<Ids, Slots, Known, Names> {
    /// The event with an id.
    pub event_of_id: Ids,
    /// The slot among the pending times of an event whose time is pending, if it is.
    pub slot_of_event: Slots,
    /// The time of an event that is not pending; `None` when it failed to resolve.
    pub known: Known,
    /// The id of the event in a slot, for messages about cycles.
    pub id_of: Names,
}

/// Resolves `pending` times, which may refer to each other and to events whose times are known.
/// Errors about slot `s` point at `time_path(s)`.
pub(crate) fn resolve_pending<Ids, Slots, Known, Names>(
    pending: &[&TimeSpec],
    refs: Refs<Ids, Slots, Known, Names>,
    time_path: impl Fn(usize) -> FieldPath,
) -> Result<Vec<ResolvedTime>, Vec<ModelError>>
where
    Ids: Fn(&str) -> Option<usize>,
    Slots: Fn(usize) -> Option<usize>,
    Known: Fn(usize) -> Option<ResolvedTime>,
    Names: Fn(usize) -> String,
{
    let mut state = vec![State::Unvisited; pending.len()];
    let mut errors = Vec::new();
    // Where a reference points: a pending slot, or an event whose time is known.
    enum Target {
        Slot(usize),
        Known(ResolvedTime),
        /// An event whose own time failed (reported where it failed).
        Failed,
    }
    let target = |id: &str| -> Option<Target> {
        let event = (refs.event_of_id)(id)?;
        match (refs.slot_of_event)(event) {
            Some(slot) => Some(Target::Slot(slot)),
            None => Some((refs.known)(event).map_or(Target::Failed, Target::Known)),
        }
    };

    for root in 0..pending.len() {
        if !matches!(state[root], State::Unvisited) {
            continue;
        }
        let mut stack = vec![root];
        while let Some(&i) = stack.last() {
            state[i] = State::InProgress;
            let mut next = None;
            let mut failed = false;
            for reference in pending[i].references() {
                let j = match target(reference.event.as_str()) {
                    None => {
                        errors.push(ModelError::new(
                            time_path(i),
                            format!(
                                "refers to event \"{}\", but no event has that id",
                                reference.event
                            ),
                        ));
                        failed = true;
                        break;
                    }
                    Some(Target::Known(_)) => continue,
                    // The root cause is reported where it happened.
                    Some(Target::Failed) => {
                        failed = true;
                        break;
                    }
                    Some(Target::Slot(j)) => j,
                };
                match state[j] {
                    State::Unvisited => {
                        next = Some(j);
                        break;
                    }
                    State::InProgress => {
                        let from = stack.iter().position(|&k| k == j).unwrap_or(0);
                        let cycle: Vec<String> = stack[from..]
                            .iter()
                            .chain(std::iter::once(&j))
                            .map(|&k| (refs.id_of)(k))
                            .collect();
                        errors.push(ModelError::new(
                            time_path(i),
                            format!(
                                "relative dates form a cycle ({}): one of them needs a date of its own",
                                cycle.join(" -> ")
                            ),
                        ));
                        failed = true;
                        break;
                    }
                    // The root cause of a failed reference is reported where it happened.
                    State::Failed => {
                        failed = true;
                        break;
                    }
                    State::Done(_) => {}
                }
            }
            if let Some(j) = next.filter(|_| !failed) {
                stack.push(j);
                continue;
            }
            state[i] = if failed {
                State::Failed
            } else {
                let time_of = |id: &str| match target(id)? {
                    Target::Known(t) => Some(t),
                    Target::Failed => None,
                    Target::Slot(j) => match state[j] {
                        State::Done(t) => Some(t),
                        _ => None,
                    },
                };
                match resolve_one(pending[i], time_of).and_then(check_range) {
                    Ok(resolved) => State::Done(resolved),
                    Err(message) => {
                        errors.push(ModelError::new(time_path(i), message));
                        State::Failed
                    }
                }
            };
            stack.pop();
        }
    }

    if errors.is_empty() {
        Ok(state
            .into_iter()
            .filter_map(|s| match s {
                State::Done(r) => Some(r),
                _ => None,
            })
            .collect())
    } else {
        Err(errors)
    }
}

fn check_range(r: ResolvedTime) -> Result<ResolvedTime, String> {
    let in_range = [
        r.start.earliest,
        r.start.latest,
        r.end.earliest,
        r.end.latest,
    ]
    .iter()
    .all(|t| t.is_in_range());
    if in_range {
        Ok(r)
    } else {
        Err(format!(
            "resolves to {}, beyond the years ±{} that Swimline can draw",
            r.describe(),
            crate::model::time::MAX_ABS_YEAR
        ))
    }
}

/// Resolves one time; `time_of` gives the resolved time of a referenced event, or `None`.
fn resolve_one(
    time: &TimeSpec,
    time_of: impl Fn(&str) -> Option<ResolvedTime>,
) -> Result<ResolvedTime, String> {
    let endpoint = |e: &Endpoint| -> Option<Bounds> {
        match e {
            Endpoint::Date(d) => Some(d.bounds()),
            Endpoint::OneOf(pair) => Some(Bounds {
                earliest: pair.0.bounds().earliest,
                latest: pair.1.bounds().latest,
            }),
            Endpoint::OnOrBefore(d) => Some(d.bounds()),
            Endpoint::Relative(r) => relative_bounds(r, time_of(r.event.as_str())?),
            Endpoint::Open | Endpoint::Unknown => None,
        }
    };
    let start = endpoint(&time.start);
    // `[..X]`: known only to be at or before X; its bounds are X's, and it is open to the left.
    let is_on_or_before = matches!(time.start, Endpoint::OnOrBefore(_));
    let Some(end_spec) = &time.end else {
        let start = start.ok_or("a single date cannot be open or unknown")?;
        return Ok(ResolvedTime {
            start,
            end: start,
            is_open_start: is_on_or_before,
            is_open_end: false,
            is_point: true,
        });
    };
    let end = endpoint(end_spec);
    match (start, end) {
        (Some(start), Some(end)) => {
            // The last instant the end may mean; `latest` is exclusive unless it is an instant.
            let end_last = end.latest.0 - i64::from(end.span_secs() > 0);
            if end_last < start.earliest.0 {
                return Err(format!(
                    "the end ({}) is before the start ({}): expected an end at or after the start",
                    end.describe(),
                    start.describe()
                ));
            }
            Ok(ResolvedTime {
                start,
                end,
                is_open_start: is_on_or_before,
                is_open_end: false,
                is_point: false,
            })
        }
        (Some(start), None) => Ok(ResolvedTime {
            start,
            end: start,
            is_open_start: false,
            is_open_end: true,
            is_point: false,
        }),
        (None, Some(end)) => Ok(ResolvedTime {
            start: end,
            end,
            is_open_start: true,
            is_open_end: false,
            is_point: false,
        }),
        (None, None) => Err("an interval needs at least one known end".to_owned()),
    }
}

fn relative_bounds(r: &RelativeDate, target: ResolvedTime) -> Option<Bounds> {
    let anchor = match r.anchor {
        Anchor::Start => target.start,
        Anchor::End => target.end,
    };
    let a = anchor.earliest.plus(r.offset_min);
    let b = anchor.earliest.plus(r.offset_max);
    let c = anchor.latest.plus(r.offset_min);
    let d = anchor.latest.plus(r.offset_max);
    Some(Bounds {
        earliest: a.min(b).min(c).min(d),
        latest: a.max(b).max(c).max(d),
    })
}

#[cfg(test)]
mod tests {
    use super::resolve_times;
    use crate::model::date::TimeSpec;
    use crate::model::time::CivilDateTime;

    fn specs(texts: &[&str]) -> Vec<TimeSpec> {
        texts
            .iter()
            .map(|t| t.parse().unwrap_or_else(|e| panic!("{t}: {e}")))
            .collect()
    }

    #[test]
    fn eighteen_to_twenty_four_months_before_the_interview() {
        let times = specs(&["2018-03", "@{interview}-P24M..-P18M/@{interview}"]);
        let refs: Vec<&TimeSpec> = times.iter().collect();
        let resolved = resolve_times(&["interview", "activity"], &refs).unwrap_or_default();
        let activity = resolved[1];
        // The interview is "March 2018": [1 Mar, 1 Apr). 24 months before its earliest instant is
        // 1 Mar 2016; 18 months before its latest is 1 Oct 2016.
        assert_eq!(
            activity.start.earliest,
            CivilDateTime::date(2016, 3, 1).timestamp()
        );
        assert_eq!(
            activity.start.latest,
            CivilDateTime::date(2016, 10, 1).timestamp()
        );
        assert_eq!(activity.end, resolved[0].start);
        assert!(!activity.is_point);
        assert_eq!(
            activity.describe(),
            "between Mar 2016 and Sep 2016 – Mar 2018"
        );
    }

    #[test]
    fn chains_resolve_in_any_order() {
        let times = specs(&["@{b}+P1D", "@{c}+P1D", "2018-01-01"]);
        let refs: Vec<&TimeSpec> = times.iter().collect();
        let resolved = resolve_times(&["a", "b", "c"], &refs).unwrap_or_default();
        assert_eq!(
            resolved[0].start.earliest,
            CivilDateTime::date(2018, 1, 3).timestamp()
        );
    }

    #[test]
    fn unknown_reference_and_cycles_are_errors() {
        let times = specs(&["@{nope}", "@{c}", "@{b}-P1D", "2018"]);
        let refs: Vec<&TimeSpec> = times.iter().collect();
        let errors = resolve_times(&["a", "b", "c", "d"], &refs)
            .err()
            .unwrap_or_default();
        let text: Vec<String> = errors.iter().map(ToString::to_string).collect();
        assert_eq!(text.len(), 2, "{text:?}");
        assert!(text[0].starts_with("events[0].time: refers to event \"nope\""));
        assert!(text[1].contains("cycle (b -> c -> b)"), "{text:?}");
        let self_ref = specs(&["@{a}"]);
        let refs: Vec<&TimeSpec> = self_ref.iter().collect();
        assert!(resolve_times(&["a"], &refs).is_err());
    }

    #[test]
    fn end_before_start_is_an_error() {
        let times = specs(&["2018/2017"]);
        let refs: Vec<&TimeSpec> = times.iter().collect();
        let errors = resolve_times(&["a"], &refs).err().unwrap_or_default();
        assert!(errors[0].message.contains("before the start"));
        // Overlapping uncertain ends are fine: "2017~/2016~" may still be the right way round.
        let times = specs(&["2017~/2016~"]);
        let refs: Vec<&TimeSpec> = times.iter().collect();
        assert!(resolve_times(&["a"], &refs).is_ok());
    }

    #[test]
    fn long_chains_do_not_overflow_the_stack() {
        let n = 50_000;
        let ids: Vec<String> = (0..n).map(|i| format!("e{i}")).collect();
        let mut times: Vec<TimeSpec> = (1..n)
            .map(|i| {
                format!("@{{e{i}}}-P1D")
                    .parse()
                    .unwrap_or_else(|e| panic!("{e}"))
            })
            .collect();
        times.push("2018-01-01".parse().unwrap_or_else(|e| panic!("{e}")));
        let id_refs: Vec<&str> = ids.iter().map(String::as_str).collect();
        let refs: Vec<&TimeSpec> = times.iter().collect();
        let resolved = resolve_times(&id_refs, &refs).unwrap_or_default();
        assert_eq!(resolved.len(), n);
    }
}
