//! What the scene reads the timeline through: the lanes, the extent, the items of a lane in a
//! window of time and how many there are, and per-bin counts for density strips. The in-memory
//! [`crate::layout::TimelineIndex`] implements it today; a source that asks a database for the
//! visible window implements it too ([`crate::layout::WindowSource`], over DuckDB and
//! PostgreSQL), and nothing above it changes. Knows only the model: nothing here draws, and nothing here reads
//! the user's files (a DuckDB summary notes only their sizes and times of change).
//!
//! The database path, with its imports one way (leaves first): [`rows`] (the values a query
//! answers with), [`spec`] (what a source string names), [`plan`] (what to ask for a view),
//! [`sql`] (the table layout and its queries, names bound as texts), [`engine`] (the trait an
//! engine implements), [`postgres`] and `duckdb` (the engines; `tls` the
//! former's TLS, libpq's `sslmode`), [`summary`] (rows counted per
//! lane and bin), [`connect`] (the one place naming both engines), [`window`] (the queries of
//! a window and their answer), `worker` (the thread that asks), and `session` (a database
//! being browsed: the answers kept, what to ask next, the overview), which the window polls.

pub mod connect;
#[cfg(feature = "duckdb")]
pub mod duckdb;
pub mod engine;
pub mod plan;
pub mod postgres;
pub mod rows;
pub(crate) mod session;
pub mod spec;
pub mod sql;
pub mod summary;
pub(crate) mod tls;
pub mod window;
pub(crate) mod worker;

pub use spec::SourceSpec;

/// One item of a lane in a window of time, as a source gives it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SourceItem {
    /// The event (its index in the dataset).
    pub event: usize,
    /// The item's position in its lane (the lane's own numbering, stable for a source), which
    /// keys its stacking row.
    pub position: usize,
    /// The first instant the item may touch, in seconds.
    pub earliest_secs: i64,
    /// The last instant the item may touch, in seconds.
    pub latest_secs: i64,
}

/// The timeline's data as the scene reads it, lane by lane, for the window in view.
pub trait TimelineSource {
    /// How many lanes there are.
    fn lane_count(&self) -> usize;

    /// The first and last instant any item touches, in seconds; `None` when there is none.
    fn extent_secs(&self) -> Option<(i64, i64)>;

    /// How many items of `lane` start in the window `[t0, t1]` (seconds), or reach into it from
    /// just before; cheap, to decide whether the lane is drawn item by item.
    fn visible_count(&self, lane: usize, t0: i64, t1: i64) -> usize;

    /// Appends to `out` the items of `lane` that may touch `[t0, t1]`: those starting in it,
    /// and those that started earlier and reach into it (open ends and long items). An item may
    /// come once only.
    fn items_touching(&self, lane: usize, t0: i64, t1: i64, out: &mut Vec<SourceItem>);

    /// Items of `lane` starting in each of `bins` equal bins over `[t0, t1)` (seconds).
    fn density(&self, lane: usize, t0: f64, t1: f64, bins: usize) -> Vec<u32>;

    /// The actor whose lane `lane` is; `None` for the lane of events with no actor, or a lane
    /// that is a collapsed group.
    fn lane_actor(&self, lane: usize) -> Option<usize>;

    /// For a lane that is a collapsed group: the group's name and how many lanes it holds.
    fn lane_group(&self, lane: usize) -> Option<(&str, usize)>;
}
