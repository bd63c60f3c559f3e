//! A database engine as the window queries see it: run one SQL text, get rows of plain values;
//! interrupt the query running now from another thread. DuckDB and PostgreSQL implement it
//! ([`super::duckdb`], [`super::postgres`]); everything above reads the same rows. The trait
//! only: which engines there are, and connecting to one, is [`super::connect`]'s.

use std::sync::Arc;

use super::rows::{Cell, Row};
use super::sql::{Query, TableLayout};

/// Why a query gave no rows.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum EngineError {
    /// A newer view interrupted it.
    #[error("interrupted")]
    Interrupted,
    /// The engine said no, in its words (prefixed with what was being asked).
    #[error("{0}")]
    Failed(String),
}

/// Interrupts the query an engine runs now (a newer view wants its answer); callable from any
/// thread, never blocks.
pub type Interrupter = Arc<dyn Fn() + Send + Sync>;

/// A connected engine with the table it reads.
pub trait Engine: Send {
    /// The engine's name for messages ("DuckDB", "PostgreSQL").
    fn name(&self) -> &'static str;

    /// The table in the documented layout, as found (checked when connecting).
    fn layout(&self) -> &TableLayout;

    /// The layout, to note a summary made or found.
    fn layout_mut(&mut self) -> &mut TableLayout;

    /// Runs `sql` with its parameters `$1`, `$2`, … bound to `texts`, handing each row to
    /// `each` as it comes, borrowed: nothing is kept (the per-lane bins of a wide view are
    /// millions of rows).
    fn query_bound_each(
        &mut self,
        sql: &str,
        texts: &[String],
        each: &mut dyn FnMut(&[Cell<'_>]),
    ) -> Result<(), EngineError>;

    /// Runs `sql` (no parameters), handing each row to `each` as it comes.
    fn query_each(
        &mut self,
        sql: &str,
        each: &mut dyn FnMut(&[Cell<'_>]),
    ) -> Result<(), EngineError> {
        self.query_bound_each(sql, &[], each)
    }

    /// Runs `sql`, whose rows are a text (or `NULL`) and two integers — the per-lane bins of
    /// [`super::sql::TableLayout::bins_sql`] — handing each row to `each`; rows whose numbers
    /// are missing are passed over. (PostgreSQL's `COPY … TO STDOUT` read them 4% faster than
    /// rows: not worth a parser of its own.)
    fn query_bins(
        &mut self,
        query: &Query,
        each: &mut dyn FnMut(Option<&str>, i64, i64),
    ) -> Result<(), EngineError> {
        self.query_bound_each(&query.sql, &query.texts, &mut |r| {
            let number = |k: usize| r.get(k).and_then(|v| v.number()).map(|x| x as i64);
            if let (Some(b), Some(n)) = (number(1), number(2)) {
                each(r.first().and_then(|v| v.text()), b, n);
            }
        })
    }

    /// Runs `sql` (no parameters), returning every row.
    fn query(&mut self, sql: &str) -> Result<Vec<Row>, EngineError> {
        self.query_bound(&Query {
            sql: sql.to_owned(),
            texts: Vec::new(),
        })
    }

    /// Runs `query` with its texts bound, returning every row.
    fn query_bound(&mut self, query: &Query) -> Result<Vec<Row>, EngineError> {
        let mut out = Vec::new();
        self.query_bound_each(&query.sql, &query.texts, &mut |cells| {
            out.push(cells.iter().map(|c| c.to_value()).collect());
        })?;
        Ok(out)
    }

    /// Runs statements that return no rows, separated by `;`.
    fn execute_batch(&mut self, sql: &str) -> Result<(), EngineError>;

    /// What interrupts this engine's running query.
    fn interrupter(&self) -> Interrupter;
}
