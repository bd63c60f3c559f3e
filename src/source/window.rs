//! Asking a database only for the window in view, the way Perfetto's UI asks its trace
//! processor: per-lane counts in bins of `span / (2 × pixels)` rounded down to a power of two
//! seconds, over a window snapped to whole chunks of bins and over-fetched by a chunk on each
//! side, so that small pans are answered from what is already here; and the events themselves
//! for the lanes that have few enough of them in that window to draw one by one.
//!
//! [`fetch_window`] is the pure sequence of queries (the worker thread and `swimline render`
//! both run it); `layout::WindowSource` is the scene's view of the last answer.

use rustc_hash::{FxHashMap, FxHashSet};

use super::engine::{Engine, EngineError};
use super::plan::Plan;
use super::rows::Row;
use super::sql::{NO_LANE, SqlFilter};
use crate::model::{ActorDraft, Dataset, DatasetDraft, EventDraft, EventKind, Source};

/// A lane with at most this many rows in the fetched window is fetched event by event.
pub const EVENTS_PER_LANE: usize = 600;

/// At most this many rows are fetched event by event for one window, lanes with the fewest
/// first.
pub const EVENTS_PER_WINDOW: usize = 40_000;

/// A lane as the database has it.
#[derive(Clone, Debug, PartialEq)]
pub struct LaneInfo {
    /// The lane's name (the `lane` column).
    pub name: String,
    /// How many rows it has.
    pub rows: u64,
    /// The first and last second its rows touch.
    pub first_secs: i64,
    /// See `first_secs`.
    pub last_secs: i64,
}

/// Reads the lanes (`lanes_sql`'s rows); a lane none of whose rows can be drawn (no start, or
/// an infinite one: [`warnings_of`] counts them) is no lane.
pub fn lanes_of(rows: &[Row]) -> Vec<LaneInfo> {
    rows.iter()
        .filter(|r| r.get(1).and_then(|v| v.number()).unwrap_or(0.0) > 0.0)
        .map(|r| LaneInfo {
            name: r
                .first()
                .and_then(|v| v.text())
                .unwrap_or(NO_LANE)
                .to_owned(),
            rows: r.get(1).and_then(|v| v.number()).unwrap_or(0.0) as u64,
            first_secs: r.get(2).and_then(|v| v.number()).unwrap_or(0.0).floor() as i64,
            last_secs: {
                // A last time of midnight is that whole day (as the events read it).
                let last = r.get(3).and_then(|v| v.number()).unwrap_or(0.0).ceil() as i64;
                if last.rem_euclid(86_400) == 0 {
                    last + 86_400
                } else {
                    last
                }
            },
        })
        .collect()
}

/// The rows of `lanes_sql`'s answer that cannot be drawn, in words: those with no start time
/// and those starting at `-infinity` or `infinity` (its sixth and seventh columns; a summary's
/// lanes have neither, and give none).
pub fn warnings_of(rows: &[Row]) -> Vec<String> {
    let total = |k: usize| -> u64 {
        rows.iter()
            .filter_map(|r| r.get(k).and_then(|v| v.number()))
            .map(|n| n.max(0.0) as u64)
            .sum()
    };
    let mut warnings = Vec::new();
    let (no_start, infinite) = (total(5), total(6));
    if no_start > 0 {
        warnings.push(if no_start == 1 {
            "1 row has no start time and is not drawn".to_owned()
        } else {
            format!("{no_start} rows have no start time and are not drawn")
        });
    }
    if infinite > 0 {
        warnings.push(if infinite == 1 {
            "1 row starts at -infinity or infinity and is not drawn".to_owned()
        } else {
            format!("{infinite} rows start at -infinity or infinity and are not drawn")
        });
    }
    warnings
}

/// The first and last second of all lanes.
pub fn extent_of(lanes: &[LaneInfo]) -> Option<(i64, i64)> {
    let first = lanes.iter().map(|l| l.first_secs).min()?;
    let last = lanes.iter().map(|l| l.last_secs).max()?;
    Some((first, last.max(first + 1)))
}

/// What the timeline asks: a view, its width, and the filter.
#[derive(Clone, Debug, PartialEq)]
pub struct Request {
    /// The plan of the view.
    pub plan: Plan,
    /// The filter pushed into every query.
    pub filter: SqlFilter,
    /// The lanes counted in the plan's bins (those on screen and around them); the others
    /// are counted in wider bins ([`Answer::coarse_shift`]). `None`: every lane in fine bins.
    pub fine: Option<Vec<String>>,
}

impl Request {
    /// Whether the answer to this request draws `lanes` in fine bins.
    pub fn is_fine_for(&self, lanes: &[String]) -> bool {
        self.fine
            .as_ref()
            .is_none_or(|fine| lanes.iter().all(|l| fine.contains(l)))
    }
}

/// A row of the events query, as an event.
#[derive(Clone, Debug, PartialEq)]
pub struct RemoteEvent {
    /// The `id` column.
    pub id: String,
    /// The `title` column.
    pub title: String,
    /// The start, in seconds.
    pub start_secs: f64,
    /// The end, in seconds, when there is one.
    pub end_secs: Option<f64>,
    /// Each lane it is in (one row each).
    pub lanes: Vec<String>,
    /// The `kind` column, as written.
    pub kind: Option<String>,
    /// The `description` column.
    pub description: Option<String>,
    /// The `source` column.
    pub source: Option<String>,
    /// The `quote` column.
    pub quote: Option<String>,
}

/// Reads event rows (in the order of [`super::sql::COLUMNS`]); rows of one id become one event
/// in several lanes.
pub fn events_of(rows: &[Row]) -> Vec<RemoteEvent> {
    let mut events: Vec<RemoteEvent> = Vec::new();
    let mut by_id: FxHashMap<String, usize> = FxHashMap::default();
    for r in rows {
        let text = |i: usize| {
            r.get(i)
                .and_then(|v| v.text())
                .map(str::to_owned)
                .filter(|s| !s.is_empty())
        };
        // A row with no finite start is not drawn (the lanes' query counts it).
        let Some(start_secs) = r.get(2).and_then(|v| v.number()).filter(|s| s.is_finite()) else {
            continue;
        };
        let id = text(0).unwrap_or_default();
        let lane = text(4).unwrap_or_else(|| NO_LANE.to_owned());
        if let Some(&at) = by_id.get(&id) {
            let event: &mut RemoteEvent = &mut events[at];
            if !event.lanes.contains(&lane) {
                event.lanes.push(lane);
            }
            continue;
        }
        by_id.insert(id.clone(), events.len());
        events.push(RemoteEvent {
            title: text(1).unwrap_or_else(|| format!("(untitled {id})")),
            id,
            start_secs,
            end_secs: r.get(3).and_then(|v| v.number()),
            lanes: vec![lane],
            kind: text(5),
            description: text(6),
            source: text(7),
            quote: text(8),
        });
    }
    events
}

/// The answer for one [`Request`].
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Answer {
    /// What it answers.
    pub plan: Option<Plan>,
    /// The filter it was made with.
    pub filter: SqlFilter,
    /// Rows per bin of the plan, by lane name (lanes with none in the window are absent); for
    /// the lanes in `coarse`, per bin `2^coarse_shift` times as wide.
    pub bins: FxHashMap<String, Vec<u32>>,
    /// The lanes counted in wide bins (they were off screen when asked).
    pub coarse: FxHashSet<String>,
    /// How many times wider (as a power of two) the bins of the `coarse` lanes are.
    pub coarse_shift: u32,
    /// The lanes whose every row touching the window is in `events`.
    pub complete: FxHashSet<String>,
    /// The events of the complete lanes.
    pub events: Vec<RemoteEvent>,
    /// How long the queries took, in seconds.
    pub query_secs: f64,
    /// The events as a dataset ([`window_dataset`]), made on the worker thread so that the
    /// frame that shows the answer does not make it.
    pub dataset: Option<std::sync::Arc<Dataset>>,
    /// Each lane's running totals of its bins (`running[k]`: the rows of bins before `k`),
    /// made on first use, so that counting a lane's rows in a view costs two look-ups rather
    /// than a pass over its bins (2,000 lanes × 3,072 bins in every frame, before).
    pub running: std::sync::OnceLock<FxHashMap<String, Vec<u32>>>,
}

impl Answer {
    /// How many rows start in `[t0, t1)`, as far as the bins tell (partly covered bins in
    /// proportion).
    pub fn rows_in(&self, t0: f64, t1: f64) -> u64 {
        self.bins
            .keys()
            .map(|lane| self.lane_rows_in(lane, t0, t1))
            .sum::<f64>()
            .round() as u64
    }

    /// About how much memory the answer holds, in bytes (its bins, their running totals and
    /// its events, the dataset made of them included).
    pub fn heap_bytes(&self) -> usize {
        let bins: usize = self.bins.values().map(|b| b.capacity() * 4).sum();
        let running: usize = self
            .running
            .get()
            .map_or(0, |r| r.values().map(|b| b.capacity() * 4).sum());
        let dataset = self.dataset.as_ref().map_or(0, |d| d.events.heap_bytes());
        bins + running + dataset + self.events.len() * std::mem::size_of::<RemoteEvent>()
    }

    /// The bins `lane` is counted in: the plan's, or for a lane in `coarse` the same window in
    /// bins `2^coarse_shift` times as wide.
    pub fn lane_plan(&self, lane: &str) -> Option<Plan> {
        let plan = self.plan?;
        Some(if self.coarse.contains(lane) {
            Plan {
                bin_secs: plan.bin_secs.saturating_mul(1 << self.coarse_shift.min(30)),
                ..plan
            }
        } else {
            plan
        })
    }

    /// Whether every lane of `lanes` is counted in the plan's bins (or has no rows).
    pub fn is_fine_for(&self, lanes: &[String]) -> bool {
        lanes.iter().all(|l| !self.coarse.contains(l))
    }

    /// How many rows of `lane` start in `[t0, t1)`, as far as its bins tell (partly covered
    /// bins in proportion, as [`resample`] counts them).
    pub fn lane_rows_in(&self, lane: &str, t0: f64, t1: f64) -> f64 {
        let (Some(plan), Some(running)) = (self.lane_plan(lane), self.running().get(lane)) else {
            return 0.0;
        };
        let n = running.len() - 1;
        let bin = plan.bin_secs as f64;
        let position = |t: f64| ((t - plan.w0 as f64) / bin).clamp(0.0, n as f64);
        // The rows before fractional bin position `x`.
        let before = |x: f64| {
            let k = (x.floor() as usize).min(n);
            let whole = f64::from(running[k]);
            if k == n {
                whole
            } else {
                whole + (x - k as f64) * f64::from(running[k + 1] - running[k])
            }
        };
        let (x0, x1) = (position(t0), position(t1));
        if x1 <= x0 {
            return 0.0;
        }
        before(x1) - before(x0)
    }

    /// Each lane's running totals (made now if not yet: the worker makes them before it
    /// sends an answer, so that no frame does).
    pub fn running(&self) -> &FxHashMap<String, Vec<u32>> {
        self.running.get_or_init(|| {
            self.bins
                .iter()
                .map(|(lane, bins)| {
                    let mut total = 0u32;
                    let mut running = Vec::with_capacity(bins.len() + 1);
                    running.push(0);
                    running.extend(bins.iter().map(|&c| {
                        total = total.saturating_add(c);
                        total
                    }));
                    (lane.clone(), running)
                })
                .collect()
        })
    }
}

/// Runs the queries of `request`: per-lane bins, then the events of the lanes few enough.
pub fn fetch_window(engine: &mut dyn Engine, request: &Request) -> Result<Answer, EngineError> {
    let started = std::time::Instant::now();
    let Plan { bin_secs, w0, w1 } = request.plan;
    let layout = engine.layout().clone();
    let n = request.plan.bins();
    let shift = layout.coarse_shift_for(&request.filter, bin_secs);
    let n_coarse = n.div_ceil(1 << shift);
    let mut bins: FxHashMap<String, Vec<u32>> = FxHashMap::default();
    let mut coarse: FxHashSet<String> = FxHashSet::default();
    // Up to millions of rows at a wide view: each is read where it lies and added to its
    // lane's bins (a lane's name is copied once, when it is first seen). Bins numbered from −1
    // down are a coarse lane's.
    let fine = request.fine.as_deref().map(|l| (l, shift));
    let query = layout.bins_sql_for(&request.filter, w0, w1, bin_secs, fine);
    engine.query_bins(&query, &mut |lane, b, count| {
        let lane = lane.unwrap_or(NO_LANE);
        let (k, len) = if b >= 0 { (b, n) } else { (-1 - b, n_coarse) };
        if k as usize >= len {
            return;
        }
        let lane_bins = match bins.get_mut(lane) {
            Some(lane_bins) => lane_bins,
            None => {
                if b < 0 {
                    coarse.insert(lane.to_owned());
                }
                bins.entry(lane.to_owned()).or_insert_with(|| vec![0; len])
            }
        };
        // A lane is fine or coarse throughout: a row of the other kind cannot come.
        if lane_bins.len() == len {
            let count = u32::try_from(count.max(0)).unwrap_or(u32::MAX);
            lane_bins[k as usize] = lane_bins[k as usize].saturating_add(count);
        }
    })?;
    // The lanes with the fewest rows in the window, while they fit — of the lanes on screen
    // (and around it) only: the others are not drawn, and asking for their events made a
    // PostgreSQL table's first picture fetch 40,000 rows nobody saw.
    let on_screen: Option<FxHashSet<&str>> = request
        .fine
        .as_ref()
        .map(|fine| fine.iter().map(String::as_str).collect());
    let mut counts: Vec<(&String, u64)> = bins
        .iter()
        .filter(|(lane, _)| on_screen.as_ref().is_none_or(|s| s.contains(lane.as_str())))
        .map(|(lane, b)| (lane, b.iter().map(|&c| u64::from(c)).sum::<u64>()))
        .filter(|(_, total)| *total as usize <= EVENTS_PER_LANE)
        .collect();
    counts.sort_by(|a, b| a.1.cmp(&b.1).then_with(|| a.0.cmp(b.0)));
    let mut chosen: Vec<String> = Vec::new();
    let mut total = 0usize;
    for (lane, rows) in counts {
        if total + rows as usize > EVENTS_PER_WINDOW {
            break;
        }
        total += rows as usize;
        chosen.push(lane.clone());
    }
    let mut answer = Answer {
        plan: Some(request.plan),
        filter: request.filter.clone(),
        ..Answer::default()
    };
    if !chosen.is_empty() {
        // Rows starting before the window and reaching into it come too; the limit leaves
        // room for them, and a lane cut short by it is drawn as a density strip.
        let limit = EVENTS_PER_WINDOW + 1;
        let query = layout.events_sql(&request.filter, &chosen, w0, w1, limit);
        let rows = engine.query_bound(&query)?;
        let cut = rows.len() >= limit;
        answer.events = events_of(&rows);
        if !cut {
            answer.complete = chosen.into_iter().collect();
        } else {
            // Only the lanes fully before the cut are whole.
            let last = rows
                .last()
                .and_then(|r| r.get(4))
                .and_then(|v| v.text())
                .map(str::to_owned);
            answer.complete = chosen
                .into_iter()
                .filter(|l| Some(l) < last.as_ref())
                .collect();
            let complete = &answer.complete;
            answer
                .events
                .retain(|e| e.lanes.iter().any(|l| complete.contains(l)));
        }
    }
    answer.bins = bins;
    answer.coarse = coarse;
    answer.coarse_shift = shift;
    answer.query_secs = started.elapsed().as_secs_f64();
    Ok(answer)
}

/// The time of an event as written in the files' notation, as precisely as the database gives
/// it: whole days at midnight read as that day (a `DATE`, or a day-precise `TIMESTAMP`).
fn time_text(secs: f64) -> String {
    let t = crate::model::time::Timestamp(secs.floor() as i64);
    let c = t.civil();
    // Astronomical years with four digits at least (`-4712` is 4713 BC, `0500` is AD 500),
    // as the notation reads them: a year written for people ("4713 BCE", "500") is not one,
    // and its event was dropped.
    let y = if c.year < 0 {
        format!("-{:04}", c.year.unsigned_abs())
    } else {
        format!("{:04}", c.year)
    };
    let (m, d) = (c.month, c.day);
    if c.hour == 0 && c.minute == 0 && c.second == 0 {
        format!("{y}-{m:02}-{d:02}")
    } else {
        format!(
            "{y}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
            c.hour, c.minute, c.second
        )
    }
}

/// The dataset of what is fetched: every lane (as an actor, in `lanes`' order) and the events
/// of `answer` (times, kinds and sources as the table gives them).
pub fn window_dataset(title: &str, lanes: &[LaneInfo], answer: &Answer) -> Dataset {
    let mut draft = DatasetDraft {
        title: title.to_owned(),
        ..DatasetDraft::default()
    };
    draft.actors = lanes
        .iter()
        .map(|l| ActorDraft {
            id: l.name.clone(),
            name: l.name.clone(),
            ..ActorDraft::default()
        })
        .collect();
    let known: FxHashSet<&str> = lanes.iter().map(|l| l.name.as_str()).collect();
    for e in &answer.events {
        let start = time_text(e.start_secs);
        let written = match e.end_secs {
            // `'infinity'`: the row goes on, an open end.
            Some(end) if end == f64::INFINITY => format!("{start}/.."),
            Some(end) if end > e.start_secs => format!("{start}/{}", time_text(end)),
            _ => start,
        };
        let Ok(time) = written.parse() else {
            continue;
        };
        let kind = e
            .kind
            .as_deref()
            .and_then(|k| {
                EventKind::ALL
                    .into_iter()
                    .find(|x| x.name().eq_ignore_ascii_case(k))
            })
            .unwrap_or_default();
        let source = (e.source.is_some() || e.quote.is_some()).then(|| {
            let (by, url) = match e.source.as_deref() {
                Some(s) if s.starts_with("http://") || s.starts_with("https://") => {
                    (None, Some(s.to_owned()))
                }
                other => (other.map(str::to_owned), None),
            };
            Box::new(Source {
                by,
                outlet: None,
                reported: None,
                quote: e.quote.clone(),
                url,
            })
        });
        let mut attributes = Vec::new();
        if let Some(k) = e.kind.as_deref()
            && !EventKind::ALL
                .iter()
                .any(|x| x.name().eq_ignore_ascii_case(k))
        {
            attributes.push(("kind".to_owned(), k.to_owned()));
        }
        draft.events.push(EventDraft {
            id: e.id.clone(),
            title: e.title.clone(),
            description: e.description.clone(),
            time,
            actors: e
                .lanes
                .iter()
                .filter(|l| known.contains(l.as_str()))
                .cloned()
                .collect(),
            kind,
            source,
            tags: Vec::new(),
            attributes,
        });
    }
    match Dataset::build_or_return(draft) {
        Ok(dataset) => dataset,
        // A repeated or empty id: keep the events that are fine.
        Err(failed) => {
            let (_, mut draft) = *failed;
            draft.events.rename_repeated_ids();
            Dataset::build(draft).unwrap_or_default()
        }
    }
}

/// `bins` (of `plan`) summed into `n` equal bins over `[t0, t1)`, partly covered source bins
/// counted in proportion to the overlap.
pub fn resample(bins: &[u32], plan: &Plan, t0: f64, t1: f64, n: usize) -> Vec<f64> {
    let mut out = vec![0.0; n];
    if n == 0 || t1 <= t0 {
        return out;
    }
    let width = (t1 - t0) / n as f64;
    let bin = plan.bin_secs as f64;
    let first = (((t0 - plan.w0 as f64) / bin).floor().max(0.0)) as usize;
    let last = ((((t1 - plan.w0 as f64) / bin).ceil()).max(0.0) as usize).min(bins.len());
    for (k, &count) in bins.iter().enumerate().take(last).skip(first) {
        if count == 0 {
            continue;
        }
        let s0 = plan.w0 as f64 + k as f64 * bin;
        let s1 = s0 + bin;
        // Spread the source bin over the output bins it overlaps.
        let o0 = (((s0.max(t0)) - t0) / width).floor() as usize;
        let o1 = ((((s1.min(t1)) - t0) / width).ceil() as usize).min(n);
        for (o, slot) in out.iter_mut().enumerate().take(o1).skip(o0) {
            let a = (t0 + o as f64 * width).max(s0);
            let b = (t0 + (o + 1) as f64 * width).min(s1);
            if b > a {
                *slot += f64::from(count) * (b - a) / bin;
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resampling_keeps_the_counts() {
        let plan = Plan {
            bin_secs: 10,
            w0: 0,
            w1: 40,
        };
        let bins = [4, 0, 2, 6];
        let whole = resample(&bins, &plan, 0.0, 40.0, 2);
        assert_eq!(whole, vec![4.0, 8.0]);
        // Half of the first bin and all of the second.
        let part = resample(&bins, &plan, 5.0, 20.0, 1);
        assert_eq!(part, vec![2.0]);
        // Outside the window: nothing known, nothing drawn.
        assert_eq!(resample(&bins, &plan, 100.0, 200.0, 3), vec![0.0; 3]);
    }

    #[test]
    fn a_lanes_rows_in_a_view_are_counted_as_resampling_counts_them() {
        let plan = Plan {
            bin_secs: 10,
            w0: 100,
            w1: 180,
        };
        let mut answer = Answer {
            plan: Some(plan),
            ..Answer::default()
        };
        let bins = vec![4, 0, 2, 6, 1, 0, 9, 3];
        answer.bins.insert("a".into(), bins.clone());
        answer.bins.insert("b".into(), vec![1; 8]);
        let views = [
            (100.0, 180.0),
            (105.0, 120.0),
            (113.0, 117.0),
            (0.0, 1000.0),
            (50.0, 101.0),
            (179.0, 400.0),
            (300.0, 400.0),
            (140.0, 140.0),
        ];
        for (t0, t1) in views {
            let expected = resample(&bins, &plan, t0, t1, 1)[0];
            let got = answer.lane_rows_in("a", t0, t1);
            assert!(
                (got - expected).abs() < 1e-9,
                "{t0}..{t1}: {got} vs {expected}"
            );
        }
        assert_eq!(answer.lane_rows_in("a", 105.0, 120.0), 2.0);
        assert_eq!(answer.lane_rows_in("none", 100.0, 180.0), 0.0);
        assert_eq!(answer.rows_in(100.0, 180.0), 25 + 8);
    }

    #[test]
    fn rows_of_one_id_are_one_event_in_several_lanes_and_midnight_is_a_day() {
        use super::super::rows::Value;
        let row = |id: &str, lane: &str, t: f64| {
            vec![
                Value::Text(id.into()),
                Value::Text("Talks".into()),
                Value::Float(t),
                Value::Null,
                Value::Text(lane.into()),
                Value::Text("Claim".into()),
                Value::Null,
                Value::Text("https://example.org/a".into()),
                Value::Text("We talk.".into()),
            ]
        };
        let events = events_of(&[row("a", "Russia", 86_400.0), row("a", "Taliban", 86_400.0)]);
        assert_eq!(events.len(), 1);
        assert_eq!(events[0].lanes, vec!["Russia", "Taliban"]);
        let lanes = lanes_of(&[
            vec![
                Value::Text("Russia".into()),
                Value::Int(1),
                Value::Float(86_400.0),
                Value::Float(86_400.0),
            ],
            vec![
                Value::Text("Taliban".into()),
                Value::Int(1),
                Value::Float(86_400.0),
                Value::Float(86_400.0),
            ],
        ]);
        let answer = Answer {
            events,
            ..Answer::default()
        };
        let dataset = window_dataset("t", &lanes, &answer);
        let e = dataset.events.at(0);
        assert_eq!(e.kind(), EventKind::Claim);
        assert_eq!(e.actors(), &[0, 1]);
        assert_eq!(e.time().to_string(), "1970-01-02");
        let source = e.source().expect("a source");
        assert_eq!(source.url.as_deref(), Some("https://example.org/a"));
        assert_eq!(source.quote.as_deref(), Some("We talk."));
    }
}
