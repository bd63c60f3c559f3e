//! A database engine as the window queries see it: run one SQL text, get rows of plain values;
//! interrupt the query running now from another thread. DuckDB and PostgreSQL implement it
//! ([`super::duckdb`], [`super::postgres`]); everything above reads the same rows.

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

    /// Runs `sql`, returning every row.
    fn query(&mut self, sql: &str) -> Result<Vec<Row>, EngineError>;

    /// What interrupts this engine's running query.
    fn interrupter(&self) -> Interrupter;
}

/// Connects to the database `spec` names and checks its table's layout.
pub fn connect(spec: &SourceSpec) -> Result<Box<dyn Engine>, String> {
    match spec {
        SourceSpec::Postgres { url, table } => {
            Ok(Box::new(super::postgres::PgEngine::connect(url, table)?))
        }
        SourceSpec::Duck { path, table } => connect_duck(path, table.as_deref()),
    }
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

/// Opens the database `text` names and counts its lanes.
pub fn open_now(text: &str) -> Result<OpenedNow, String> {
    let spec = SourceSpec::parse(text).map_err(|e| e.0)?;
    let mut engine = connect(&spec)?;
    let sql = engine.layout().lanes_sql();
    let rows = engine.query(&sql).map_err(|e| e.to_string())?;
    Ok(OpenedNow {
        spec,
        engine,
        lanes: super::window::lanes_of(&rows),
    })
}
