//! A database engine as the window queries see it: run one SQL text, get rows of plain values;
//! interrupt the query running now from another thread. DuckDB and PostgreSQL implement it
//! ([`super::duckdb`], [`super::postgres`]); everything above reads the same rows.

use std::path::Path;
use std::sync::Arc;

use super::spec::SourceSpec;
use super::sql::TableLayout;

/// One value of a result row.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    /// SQL `NULL`.
    Null,
    /// An integer.
    Int(i64),
    /// A floating-point number.
    Float(f64),
    /// Text.
    Text(String),
}

impl Value {
    /// The value as text, when it is text.
    pub fn text(&self) -> Option<&str> {
        match self {
            Self::Text(t) => Some(t),
            _ => None,
        }
    }

    /// The value as a number of seconds (or a count), when it is a number.
    pub fn number(&self) -> Option<f64> {
        match self {
            Self::Int(n) => Some(*n as f64),
            Self::Float(x) => Some(*x),
            _ => None,
        }
    }
}

/// A result row.
pub type Row = Vec<Value>;

/// One value of a result row, borrowed while the row is read ([`Engine::query_each`]).
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Cell<'a> {
    /// SQL `NULL`.
    Null,
    /// An integer.
    Int(i64),
    /// A floating-point number.
    Float(f64),
    /// Text.
    Text(&'a str),
}

impl<'a> Cell<'a> {
    /// The value as text, when it is text.
    pub fn text(self) -> Option<&'a str> {
        match self {
            Self::Text(t) => Some(t),
            _ => None,
        }
    }

    /// The value as a number of seconds (or a count), when it is a number.
    pub fn number(self) -> Option<f64> {
        match self {
            Self::Int(n) => Some(n as f64),
            Self::Float(x) => Some(x),
            _ => None,
        }
    }

    /// The value, owned.
    pub fn to_value(self) -> Value {
        match self {
            Self::Null => Value::Null,
            Self::Int(n) => Value::Int(n),
            Self::Float(x) => Value::Float(x),
            Self::Text(t) => Value::Text(t.to_owned()),
        }
    }
}

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

    /// Runs `sql`, handing each row to `each` as it comes, borrowed: nothing is kept (the
    /// per-lane bins of a wide view are millions of rows).
    fn query_each(
        &mut self,
        sql: &str,
        each: &mut dyn FnMut(&[Cell<'_>]),
    ) -> Result<(), EngineError>;

    /// Runs `sql`, whose rows are a text (or `NULL`) and two integers — the per-lane bins of
    /// [`super::sql::TableLayout::bins_sql`] — handing each row to `each`; rows whose numbers
    /// are missing are passed over. (PostgreSQL's `COPY … TO STDOUT` read them 4% faster than
    /// rows: not worth a parser of its own.)
    fn query_bins(
        &mut self,
        sql: &str,
        each: &mut dyn FnMut(Option<&str>, i64, i64),
    ) -> Result<(), EngineError> {
        self.query_each(sql, &mut |r| {
            let number = |k: usize| r.get(k).and_then(|v| v.number()).map(|x| x as i64);
            if let (Some(b), Some(n)) = (number(1), number(2)) {
                each(r.first().and_then(|v| v.text()), b, n);
            }
        })
    }

    /// Runs `sql`, returning every row.
    fn query(&mut self, sql: &str) -> Result<Vec<Row>, EngineError> {
        let mut out = Vec::new();
        self.query_each(sql, &mut |cells| {
            out.push(cells.iter().map(|c| c.to_value()).collect());
        })?;
        Ok(out)
    }

    /// Runs statements that return no rows, separated by `;`.
    fn execute_batch(&mut self, sql: &str) -> Result<(), EngineError>;

    /// What interrupts this engine's running query.
    fn interrupter(&self) -> Interrupter;
}

/// Connects to the database `spec` names, checks its table's layout, and notes its summary
/// when it has one (a DuckDB source's summaries are looked for in `summaries`, Swimline's
/// folder for them: [`super::summary::folder`]).
pub fn connect(spec: &SourceSpec, summaries: Option<&Path>) -> Result<Box<dyn Engine>, String> {
    let mut engine: Box<dyn Engine> = match spec {
        SourceSpec::Postgres { url, table } => {
            Box::new(super::postgres::PgEngine::connect(url, table)?)
        }
        SourceSpec::Duck { path, table } => connect_duck(path, table.as_deref())?,
    };
    super::summary::find(engine.as_mut(), spec, summaries);
    Ok(engine)
}

#[cfg(feature = "duckdb")]
fn connect_duck(path: &str, table: Option<&str>) -> Result<Box<dyn Engine>, String> {
    Ok(Box::new(super::duckdb::DuckEngine::open(path, table)?))
}

#[cfg(not(feature = "duckdb"))]
fn connect_duck(path: &str, _table: Option<&str>) -> Result<Box<dyn Engine>, String> {
    Err(format!(
        "cannot open duckdb:{path}: this Swimline was built without DuckDB (build it with \
         `cargo build --release --features duckdb`)"
    ))
}

/// A database opened on the calling thread (for `swimline check` and `render`): connected,
/// its layout checked and its lanes counted.
pub struct OpenedNow {
    /// What was opened.
    pub spec: SourceSpec,
    /// The connection.
    pub engine: Box<dyn Engine>,
    /// Every lane with its rows and extent.
    pub lanes: Vec<super::window::LaneInfo>,
}

/// Opens the database `text` names and counts its lanes (from its summary when it has one;
/// DuckDB's are looked for in `summaries`).
pub fn open_now(text: &str, summaries: Option<&Path>) -> Result<OpenedNow, String> {
    let spec = SourceSpec::parse(text).map_err(|e| e.0)?;
    let mut engine = connect(&spec, summaries)?;
    let sql = engine.layout().lanes_sql();
    let rows = engine.query(&sql).map_err(|e| e.to_string())?;
    engine.layout_mut().note_longest(&rows);
    Ok(OpenedNow {
        spec,
        engine,
        lanes: super::window::lanes_of(&rows),
    })
}
