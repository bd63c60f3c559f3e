//! A database being browsed, without the window: the connection (on its worker thread), the
//! lanes and extent of the table, the answer drawn now and the answers kept for going back,
//! what to ask next for a view, the selected event kept while the view moves away from it,
//! and the overview strip resampled once from an answer over the whole extent.
//!
//! Knows no egui and draws nothing: the window ([`crate::ui`]) polls it after each frame,
//! installs what it hands back (a window's dataset, with the analyst's notes combined there)
//! and words the status line. A session is tested here with a fake engine.

use std::path::PathBuf;

use super::connect::connect;
use super::plan::Plan;
use super::spec::SourceSpec;
use super::sql::SqlFilter;
use super::window::{Answer, LaneInfo, RemoteEvent, Request, extent_of, resample, window_dataset};
use super::worker::{Reply, Worker};
use crate::layout::histogram::{BINS, Overview};
use crate::model::Dataset;

/// Answers kept for zooming back and panning back without asking again.
const CACHED_ANSWERS: usize = 8;

/// How large the answers kept for going back may be together, in bytes.
const CACHED_BYTES: usize = 96 << 20;

/// A database being connected to (what was on screen stays until it answers).
pub(crate) struct Connecting {
    /// What is being opened.
    pub(crate) spec: SourceSpec,
    worker: Worker,
}

/// What connecting came to, at a poll.
pub(crate) enum Connected {
    /// No word yet.
    Waiting(Connecting),
    /// Connected, the layout checked and the lanes counted.
    Open {
        /// The database, with no answer yet.
        session: Box<Session>,
        /// How long connecting and counting took, in seconds.
        secs: f64,
    },
    /// Could not connect (or count the lanes).
    Failed {
        /// What was being opened.
        spec: SourceSpec,
        /// Why, in the user's words.
        message: String,
    },
}

impl Connecting {
    /// Connects to `spec` on a thread of its own (DuckDB's summaries are looked for in
    /// `summaries`); `wake` is called after each reply (to repaint the window).
    pub(crate) fn start(
        spec: SourceSpec,
        summaries: Option<PathBuf>,
        wake: impl Fn() + Send + 'static,
    ) -> Self {
        let worker = Worker::start(spec.clone(), summaries, wake, connect);
        Self { spec, worker }
    }

    /// Connects with `engine` already open (a fake one, in tests).
    #[cfg(test)]
    fn with_engine(
        spec: SourceSpec,
        engine: Result<Box<dyn super::engine::Engine>, String>,
    ) -> Self {
        let worker = Worker::start(spec.clone(), None, || {}, move |_, _| engine);
        Self { spec, worker }
    }

    /// What the worker said: the session when connected, why not when it failed.
    pub(crate) fn poll(mut self) -> Connected {
        for reply in self.worker.poll() {
            match reply {
                Reply::Connected {
                    engine,
                    lanes,
                    warnings,
                    secs,
                } => {
                    return Connected::Open {
                        session: Box::new(Session::new(self, engine, lanes, warnings)),
                        secs,
                    };
                }
                Reply::Failed { message, .. } => {
                    return Connected::Failed {
                        spec: self.spec,
                        message,
                    };
                }
                Reply::Answer { .. } => {}
            }
        }
        Connected::Waiting(self)
    }
}

/// The database browsed: its lanes, the answer drawn and those kept, what is asked.
pub(crate) struct Session {
    /// What was opened.
    pub(crate) spec: SourceSpec,
    worker: Worker,
    /// "DuckDB", "PostgreSQL".
    pub(crate) engine: &'static str,
    /// Every lane, by name, with its rows.
    pub(crate) lanes: Vec<LaneInfo>,
    /// The whole table's extent, in seconds.
    pub(crate) extent: Option<(i64, i64)>,
    /// The rows that cannot be drawn, counted, in words ("2 rows have no start time and are
    /// not drawn"), for the status line; counted from the rows (a summary does not know them).
    pub(crate) warnings: Vec<String>,
    /// The answer drawn now.
    pub(crate) answer: Answer,
    /// Recent answers, newest last.
    cache: Vec<Answer>,
    /// The newest ask not answered yet.
    asked: Option<Request>,
    /// The selected event, kept in the dataset when the window moves away from it.
    kept: Option<RemoteEvent>,
    /// The overview strip waits for an answer over the whole extent.
    overview_pending: bool,
}

/// What the worker sent since the last poll.
#[derive(Default)]
pub(crate) struct Polled {
    /// The newest answer, to be drawn.
    pub(crate) answer: Option<Answer>,
    /// The last ask that failed, why, in the user's words.
    pub(crate) error: Option<String>,
}

/// The view the window shows, as the database is asked for it.
pub(crate) struct Wanted {
    /// The view's first second.
    pub(crate) t0_secs: f64,
    /// The view's last second.
    pub(crate) t1_secs: f64,
    /// How wide the view's time area is, in pixels.
    pub(crate) width_px: f64,
    /// What is hidden and looked for.
    pub(crate) filter: SqlFilter,
    /// The lanes on screen, by name: their bins must be fine.
    pub(crate) on_screen: Vec<String>,
    /// The lanes on screen and around it, by name: their bins are asked fine.
    pub(crate) near: Vec<String>,
}

/// An answer made the one drawn: what the window installs.
pub(crate) struct Taken {
    /// The window's dataset: every lane as an actor, the answer's events and the selected one
    /// (your own events and notes are not in it: the window combines them).
    pub(crate) dataset: Dataset,
    /// The overview strip over the whole extent, the first time an answer covers it.
    pub(crate) overview: Option<Overview>,
    /// Answers let go from the cache, to be freed away from the frame.
    pub(crate) evicted: Vec<Answer>,
}

impl Session {
    fn new(
        connecting: Connecting,
        engine: &'static str,
        lanes: Vec<LaneInfo>,
        warnings: Vec<String>,
    ) -> Self {
        let Connecting { spec, worker } = connecting;
        Self {
            spec,
            worker,
            engine,
            warnings,
            extent: extent_of(&lanes),
            lanes,
            answer: Answer::default(),
            cache: Vec::new(),
            asked: None,
            kept: None,
            overview_pending: true,
        }
    }

    /// Whether a refined answer is on its way.
    pub(crate) fn is_refining(&self) -> bool {
        self.worker.is_busy()
    }

    /// How many rows the table has.
    pub(crate) fn rows(&self) -> u64 {
        self.lanes.iter().map(|l| l.rows).sum()
    }

    /// How many rows start in `view`, as far as the last answer tells.
    pub(crate) fn rows_in(&self, view: crate::layout::TimeView) -> u64 {
        self.answer.rows_in(view.start_secs, view.end_secs())
    }

    /// The dataset of `answer`'s events in every lane, made here (an answer from the worker
    /// brings its own).
    pub(crate) fn dataset_of(&self, answer: &Answer) -> Dataset {
        window_dataset(&self.spec.table_name(), &self.lanes, answer)
    }

    /// Has the worker look for the source's summary again (one was just made): it counts the
    /// lanes from it, and the next poll brings the new counts.
    pub(crate) fn find_summary(&self) {
        self.worker.find_summary();
    }

    /// Reads what the worker sent: the newest answer, failures, and lanes counted again.
    pub(crate) fn poll(&mut self) -> Polled {
        let mut polled = Polled::default();
        for reply in self.worker.poll() {
            match reply {
                Reply::Answer { generation, answer } => {
                    if generation == self.worker.generation {
                        self.asked = None;
                    }
                    polled.answer = Some(*answer);
                }
                Reply::Failed { message, .. } => {
                    self.asked = None;
                    polled.error = Some(message);
                }
                Reply::Connected { lanes, .. } => {
                    // Counted again (from a summary just made): the same lanes, new counts.
                    self.extent = extent_of(&lanes);
                    self.lanes = lanes;
                }
            }
        }
        polled
    }

    /// Asks for the window `wanted` needs unless the answer drawn (or the one asked for)
    /// serves it; a kept answer that serves it is handed back, to be drawn (and asks
    /// nothing). A pan inside the over-fetched window asks nothing.
    pub(crate) fn ask(&mut self, wanted: Wanted) -> Option<Answer> {
        let (t0, t1) = (wanted.t0_secs, wanted.t1_secs);
        let want = Request {
            plan: Plan::for_view(t0, t1, wanted.width_px),
            filter: wanted.filter,
            fine: Some(wanted.near),
        };
        let on_screen = wanted.on_screen;
        let serves = |a: &Answer| {
            a.filter == want.filter
                && a.plan.is_some_and(|p| p.serves(&want.plan, t0, t1))
                && a.is_fine_for(&on_screen)
        };
        if serves(&self.answer) {
            return None;
        }
        if let Some(at) = self.cache.iter().rposition(serves) {
            return Some(self.cache.remove(at));
        }
        let asked_serves = self.asked.as_ref().is_some_and(|a| {
            a.filter == want.filter
                && a.plan.serves(&want.plan, t0, t1)
                && a.is_fine_for(&on_screen)
        });
        if !asked_serves {
            self.worker.ask(want.clone());
            self.asked = Some(want);
        }
        None
    }

    /// Makes `answer` the one drawn, the one before kept for going back: its dataset (with
    /// the selected event, by id `selected`, kept in it when the view moved away from it),
    /// the overview when it is the first answer over the whole extent, and the answers the
    /// cache let go (the oldest, past a count or a size).
    pub(crate) fn take(&mut self, mut answer: Answer, selected: Option<&str>) -> Taken {
        if let Some(id) = selected {
            let here = self
                .answer
                .events
                .iter()
                .chain(self.kept.as_ref())
                .find(|e| e.id == id)
                .cloned();
            if here.is_some() {
                self.kept = here;
            }
        } else {
            self.kept = None;
        }
        if let Some(kept) = &self.kept
            && !answer.events.iter().any(|e| e.id == kept.id)
        {
            answer.events.push(kept.clone());
            // The worker's dataset lacks it: made again here (one event more, rarely).
            answer.dataset = None;
        }
        // Copied (3 ms at 40,000 events): the answer keeps its own for when it is drawn again
        // from the cache.
        let dataset = match &answer.dataset {
            Some(made) => (**made).clone(),
            None => self.dataset_of(&answer),
        };
        let overview = self.overview_of(&answer);
        let old = std::mem::replace(&mut self.answer, answer);
        let mut evicted = Vec::new();
        if old.plan.is_some() {
            self.cache.push(old);
            // The oldest go first, past a count or a size (a wide view's bins are tens of
            // megabytes: eight of them were most of the app's peak while browsing 100M rows).
            let mut bytes: usize = self.cache.iter().map(Answer::heap_bytes).sum();
            while self.cache.len() > CACHED_ANSWERS
                || (bytes > CACHED_BYTES && self.cache.len() > 1)
            {
                let gone = self.cache.remove(0);
                bytes -= gone.heap_bytes();
                evicted.push(gone);
            }
        }
        Taken {
            dataset,
            overview,
            evicted,
        }
    }

    /// The overview strip from `answer`, when one is still wanted and `answer` covers the
    /// whole extent (then no more is wanted).
    fn overview_of(&mut self, answer: &Answer) -> Option<Overview> {
        let (Some(plan), Some((a, b))) = (answer.plan, self.extent) else {
            return None;
        };
        if !self.overview_pending || plan.w0 > a || plan.w1 < b {
            return None;
        }
        // The lanes summed first, then resampled once for each bin width (resampling is
        // linear): resampling 2,000 lanes one by one took 135 ms of a frame.
        let mut total = vec![0.0; BINS];
        for coarse in [false, true] {
            let lanes = answer
                .bins
                .iter()
                .filter(|(lane, _)| answer.coarse.contains(*lane) == coarse);
            let mut sum: Vec<u32> = Vec::new();
            let mut width = None;
            for (lane, bins) in lanes {
                width = width.or_else(|| answer.lane_plan(lane));
                sum.resize(sum.len().max(bins.len()), 0);
                for (s, &c) in sum.iter_mut().zip(bins) {
                    *s = s.saturating_add(c);
                }
            }
            if let Some(width) = width {
                let part = resample(&sum, &width, a as f64, b as f64, BINS);
                for (t, p) in total.iter_mut().zip(part) {
                    *t += p;
                }
            }
        }
        self.overview_pending = false;
        Some(Overview::of_counts((a as f64, b as f64), &total))
    }
}

#[cfg(test)]
mod tests {
    use std::sync::{Arc, Mutex};
    use std::time::{Duration, Instant};

    use super::*;
    use crate::source::engine::{Engine, EngineError, Interrupter};
    use crate::source::rows::{Cell, Row, Value};
    use crate::source::sql::{TableLayout, TimeType};

    /// What the fake engine answers: the lanes, then whatever bins and events the test has
    /// set for the next window (it reads no SQL but the lanes query's).
    #[derive(Default)]
    struct Script {
        lanes: Vec<Row>,
        bins: Vec<Row>,
        events: Vec<Row>,
    }

    struct Fake {
        layout: TableLayout,
        script: Arc<Mutex<Script>>,
    }

    fn cell(v: &Value) -> Cell<'_> {
        match v {
            Value::Null => Cell::Null,
            Value::Int(n) => Cell::Int(*n),
            Value::Float(x) => Cell::Float(*x),
            Value::Text(t) => Cell::Text(t),
        }
    }

    impl Engine for Fake {
        fn name(&self) -> &'static str {
            "Fake"
        }

        fn layout(&self) -> &TableLayout {
            &self.layout
        }

        fn layout_mut(&mut self) -> &mut TableLayout {
            &mut self.layout
        }

        fn query_bound_each(
            &mut self,
            sql: &str,
            _texts: &[String],
            each: &mut dyn FnMut(&[Cell<'_>]),
        ) -> Result<(), EngineError> {
            let script = self.script.lock().unwrap_or_else(|e| e.into_inner());
            let rows = if sql == self.layout.lanes_sql() {
                &script.lanes
            } else if sql.contains(" LIMIT ") {
                &script.events
            } else {
                &script.bins
            };
            for row in rows {
                let cells: Vec<Cell<'_>> = row.iter().map(cell).collect();
                each(&cells);
            }
            Ok(())
        }

        fn execute_batch(&mut self, _sql: &str) -> Result<(), EngineError> {
            Ok(())
        }

        fn interrupter(&self) -> Interrupter {
            Arc::new(|| {})
        }
    }

    fn spec() -> SourceSpec {
        SourceSpec::parse("postgresql://me@127.0.0.1:1/db?table=events")
            .unwrap_or_else(|e| panic!("{}", e.0))
    }

    fn text(t: &str) -> Value {
        Value::Text(t.to_owned())
    }

    /// An event row, in the order of the events query.
    fn event_row(id: &str, lane: &str, secs: f64) -> Row {
        let mut row = vec![
            text(id),
            text(id),
            Value::Float(secs),
            Value::Null,
            text(lane),
        ];
        row.extend([Value::Null, Value::Null, Value::Null, Value::Null]);
        row
    }

    /// A bin row of `plan`: `count` rows of `lane` starting at `secs`.
    fn bin_row(plan: &Plan, lane: &str, secs: i64, count: i64) -> Row {
        let k = (secs - plan.w0) / plan.bin_secs;
        vec![text(lane), Value::Int(k), Value::Int(count)]
    }

    /// A lanes row: `rows` rows of `name` over `[first, last]` s.
    fn lane(name: &str, rows: i64, first: f64, last: f64) -> Row {
        vec![
            text(name),
            Value::Int(rows),
            Value::Float(first),
            Value::Float(last),
            Value::Float(0.0),
        ]
    }

    /// Two lanes over [1000, 9000] s: "a" (3 rows), "b" (2 rows).
    fn open() -> (Session, Arc<Mutex<Script>>) {
        open_with(vec![
            lane("a", 3, 1000.0, 5000.0),
            lane("b", 2, 2000.0, 9000.0),
        ])
    }

    /// A session on a table whose lanes' query answers `lanes`.
    fn open_with(lanes: Vec<Row>) -> (Session, Arc<Mutex<Script>>) {
        let script = Arc::new(Mutex::new(Script {
            lanes,
            ..Script::default()
        }));
        let fake = Fake {
            layout: TableLayout {
                relation: "\"events\"".into(),
                time: TimeType::Seconds,
                optional: Vec::new(),
                summary: None,
                longest_secs: None,
            },
            script: script.clone(),
        };
        let mut connecting = Connecting::with_engine(spec(), Ok(Box::new(fake)));
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            match connecting.poll() {
                Connected::Waiting(still) => connecting = still,
                Connected::Open { session, .. } => return (*session, script),
                Connected::Failed { message, .. } => panic!("{message}"),
            }
            assert!(Instant::now() < deadline, "no word from the worker");
            std::thread::sleep(Duration::from_millis(5));
        }
    }

    /// Waits for the session's next answer.
    fn answer(session: &mut Session) -> Answer {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let polled = session.poll();
            assert_eq!(polled.error, None);
            if let Some(answer) = polled.answer {
                return answer;
            }
            assert!(Instant::now() < deadline, "no answer from the worker");
            std::thread::sleep(Duration::from_millis(5));
        }
    }

    fn wanted(t0_secs: f64, t1_secs: f64, filter: SqlFilter) -> Wanted {
        let lanes = vec!["a".to_owned(), "b".to_owned()];
        Wanted {
            t0_secs,
            t1_secs,
            width_px: 1000.0,
            filter,
            on_screen: lanes.clone(),
            near: lanes,
        }
    }

    #[test]
    fn rows_that_cannot_be_drawn_are_counted_for_the_status_line() {
        // Lane "a": 3 rows drawn, 2 with no start, 1 at -infinity; a lane of undrawable rows
        // only (no start: no extent) is no lane.
        let mut a = lane("a", 3, 1000.0, 5000.0);
        a.extend([Value::Int(2), Value::Int(1)]);
        let mut only_undated = vec![text("z"), Value::Int(0), Value::Null, Value::Null];
        only_undated.extend([Value::Null, Value::Int(1), Value::Int(0)]);
        let (session, _) = open_with(vec![a, only_undated]);
        assert_eq!(session.lanes.len(), 1);
        assert_eq!(session.extent, Some((1000, 5000)));
        assert_eq!(
            session.warnings,
            [
                "3 rows have no start time and are not drawn",
                "1 row starts at -infinity or infinity and is not drawn"
            ]
        );
        let (plain, _) = open();
        assert!(plain.warnings.is_empty());
    }

    #[test]
    fn a_view_is_asked_once_a_pan_inside_its_window_asks_nothing_and_going_back_is_kept() {
        let (mut session, script) = open();
        assert_eq!(session.engine, "Fake");
        assert_eq!(session.lanes.len(), 2);
        assert_eq!(session.extent, Some((1000, 9000)));
        assert_eq!(session.rows(), 5);
        // The whole extent: its bins and the events of both (quiet) lanes.
        let whole = Plan::for_view(1000.0, 9000.0, 1000.0);
        {
            let mut s = script.lock().unwrap_or_else(|e| e.into_inner());
            s.bins = vec![
                bin_row(&whole, "a", 1000, 2),
                bin_row(&whole, "a", 5000, 1),
                bin_row(&whole, "b", 2000, 2),
            ];
            s.events = vec![
                event_row("e1", "a", 1000.0),
                event_row("e2", "a", 5000.0),
                event_row("e3", "b", 2000.0),
            ];
        }
        assert!(
            session
                .ask(wanted(1000.0, 9000.0, SqlFilter::default()))
                .is_none()
        );
        assert!(session.is_refining());
        // Asked again before the answer came: the ask on its way serves it.
        assert!(
            session
                .ask(wanted(1000.0, 9000.0, SqlFilter::default()))
                .is_none()
        );
        assert_eq!(session.worker.generation, 1);
        let first = answer(&mut session);
        assert_eq!(first.plan, Some(whole));
        let taken = session.take(first, None);
        assert_eq!(taken.dataset.events.len(), 3);
        assert_eq!(taken.dataset.actors.len(), 2);
        assert!(taken.evicted.is_empty());
        // The overview, once, from the answer over the whole extent: every row counted.
        let overview = taken.overview.expect("the overview of the whole extent");
        assert_eq!(overview.extent, (1000.0, 9000.0));
        let counted: f64 = overview.points.iter().step_by(2).map(|p| p[1]).sum();
        assert!((counted - 5.0).abs() < 1e-9, "{counted}");
        assert!(!session.is_refining());
        // The same view, and a pan inside the over-fetched window: nothing asked.
        assert!(
            session
                .ask(wanted(1000.0, 9000.0, SqlFilter::default()))
                .is_none()
        );
        assert!(
            session
                .ask(wanted(1500.0, 9500.0, SqlFilter::default()))
                .is_none()
        );
        assert_eq!(session.worker.generation, 1);
        // Another filter is another answer.
        let hidden = SqlFilter {
            hidden_lanes: vec!["b".into()],
            ..SqlFilter::default()
        };
        assert!(
            session
                .ask(wanted(1000.0, 9000.0, hidden.clone()))
                .is_none()
        );
        assert_eq!(session.worker.generation, 2);
        let filtered = answer(&mut session);
        assert_eq!(filtered.filter, hidden);
        let taken = session.take(filtered, None);
        assert_eq!(taken.overview, None, "the overview is made once");
        // Back to no filter: the first answer, from the cache, asking nothing.
        let back = session
            .ask(wanted(1000.0, 9000.0, SqlFilter::default()))
            .expect("the kept answer");
        assert_eq!(back.plan, Some(whole));
        assert_eq!(back.filter, SqlFilter::default());
        assert_eq!(session.worker.generation, 2);
        // A zoom is a new ask.
        assert!(
            session
                .ask(wanted(1000.0, 1500.0, SqlFilter::default()))
                .is_none()
        );
        assert_eq!(session.worker.generation, 3);
    }

    fn remote_event(id: &str, lane: &str, secs: f64) -> RemoteEvent {
        RemoteEvent {
            id: id.into(),
            title: id.into(),
            start_secs: secs,
            end_secs: None,
            lanes: vec![lane.into()],
            kind: None,
            description: None,
            source: None,
            quote: None,
        }
    }

    fn answer_of(events: Vec<RemoteEvent>, marker_secs: f64) -> Answer {
        Answer {
            plan: Some(Plan::for_view(1000.0, 9000.0, 1000.0)),
            events,
            query_secs: marker_secs,
            ..Answer::default()
        }
    }

    #[test]
    fn the_selected_event_stays_in_the_window_when_the_view_moves_away_from_it() {
        let (mut session, _) = open();
        let here = vec![
            remote_event("e1", "a", 1000.0),
            remote_event("e3", "b", 2000.0),
        ];
        let taken = session.take(answer_of(here, 0.0), None);
        assert_eq!(taken.dataset.events.len(), 2);
        // The view moved to where only e3 is, with e1 selected: e1 stays.
        let taken = session.take(
            answer_of(vec![remote_event("e3", "b", 2000.0)], 0.0),
            Some("e1"),
        );
        assert!(taken.dataset.event_by_id("e1").is_some());
        assert!(taken.dataset.event_by_id("e3").is_some());
        // Still selected further on; once nothing is selected, it goes.
        let taken = session.take(answer_of(Vec::new(), 0.0), Some("e1"));
        assert!(taken.dataset.event_by_id("e1").is_some());
        let taken = session.take(answer_of(Vec::new(), 0.0), None);
        assert_eq!(taken.dataset.events.len(), 0);
    }

    #[test]
    fn the_oldest_kept_answers_are_let_go_past_the_count() {
        let (mut session, _) = open();
        let mut evicted = Vec::new();
        for k in 0..CACHED_ANSWERS + 3 {
            let taken = session.take(answer_of(Vec::new(), k as f64), None);
            evicted.extend(taken.evicted.into_iter().map(|a| a.query_secs));
        }
        // The first answer replaced none worth keeping; each later one kept the one before.
        assert_eq!(session.cache.len(), CACHED_ANSWERS);
        assert_eq!(evicted, vec![0.0, 1.0]);
        let kept: Vec<f64> = session.cache.iter().map(|a| a.query_secs).collect();
        let expected: Vec<f64> = (2..CACHED_ANSWERS + 2).map(|k| k as f64).collect();
        assert_eq!(kept, expected);
    }

    #[test]
    fn a_connection_that_fails_says_why_and_what_it_was() {
        let mut connecting = Connecting::with_engine(spec(), Err("no such table".into()));
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            match connecting.poll() {
                Connected::Waiting(still) => connecting = still,
                Connected::Open { .. } => panic!("connected to nothing"),
                Connected::Failed {
                    spec: failed,
                    message,
                } => {
                    assert_eq!(message, "no such table");
                    assert_eq!(failed, spec());
                    return;
                }
            }
            assert!(Instant::now() < deadline, "no word from the worker");
            std::thread::sleep(Duration::from_millis(5));
        }
    }
}
