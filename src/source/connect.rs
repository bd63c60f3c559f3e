//! Connecting to the database a [`SourceSpec`] names: the one place that knows both engines
//! ([`super::postgres`], and [`super::duckdb`] when Swimline is built with it). Checks the
//! table's layout, notes its summary, and (for `swimline check` and `render`) counts its lanes
//! on the calling thread.

use std::path::Path;

use super::engine::Engine;
use super::spec::SourceSpec;

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
    /// The rows that cannot be drawn, counted, with why, in words ("2 rows have no start time
    /// and are not drawn"): for `check` to list and `render` to print.
    pub warnings: Vec<String>,
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
        warnings: super::window::warnings_of(&rows),
    })
}

/// Makes (or remakes) the summary of `spec` on a connection of its own
/// ([`super::summary::make`]: a materialised view on a PostgreSQL server, Parquet files in
/// `summaries` for DuckDB); returns its name.
pub fn make_summary(spec: &SourceSpec, summaries: Option<&Path>) -> Result<String, String> {
    let mut engine = connect(spec, summaries)?;
    super::summary::make(engine.as_mut(), spec, summaries).map_err(|e| e.to_string())
}
