//! Summaries: a table's rows counted per lane and bin at three widths
//! ([`super::sql::SUMMARY_LEVELS`]), made by the engine when the user asks, so that a view of
//! years counts a few hundred thousand summary rows instead of every row.
//!
//! - **PostgreSQL**: a materialised view `TABLE_swimline_summary` beside the table, indexed by
//!   level, lane and bin (it writes to the user's database, so only on request).
//! - **DuckDB**: a folder of Parquet files in Swimline's own folder
//!   (`$XDG_DATA_HOME/swimline/summaries`), never beside the user's files, named after the
//!   source and after the size and time of change of every file it reads: a file that changed
//!   has no summary until one is made again. The rows are sorted by level, lane and bin, so
//!   that DuckDB skips the row groups of lanes not asked for; they are sorted a range of lanes
//!   at a time (a file each), since sorting tens of millions of rows at once does not fit
//!   DuckDB's memory budget.

use std::path::{Path, PathBuf};

use sha2::Digest as _;

use super::engine::{Engine, EngineError};
use super::spec::SourceSpec;
use super::sql::{SUMMARY_COLUMNS, quote, quote_table, summary_name};

/// Swimline's folder for DuckDB summaries (`summaries/` in [`crate::paths::data_folder`]),
/// when the system has a data folder.
pub fn folder() -> Option<PathBuf> {
    crate::paths::data_folder().map(|d| d.join("summaries"))
}

/// Where the summary of a source lives (or would).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Place {
    /// A materialised view in the database, by its (unquoted) name.
    View(String),
    /// A folder of Parquet files of Swimline's.
    Files {
        /// The folder for the source as it is now.
        path: PathBuf,
        /// The start of the name every summary of this source has (older ones included).
        prefix: String,
    },
}

impl Place {
    /// What queries read `FROM`.
    pub fn relation(&self) -> String {
        match self {
            Self::View(name) => quote_table(name),
            Self::Files { path, .. } => format!(
                "read_parquet({})",
                quote(&path.join("*.parquet").to_string_lossy())
            ),
        }
    }

    /// The name to tell the user.
    pub fn words(&self) -> String {
        match self {
            Self::View(name) => name.clone(),
            Self::Files { path, .. } => path.display().to_string(),
        }
    }
}

/// Where the summary of `spec` lives: for DuckDB, in `folder` (`None`: no summaries).
pub fn place(engine: &mut dyn Engine, spec: &SourceSpec, folder: Option<&Path>) -> Option<Place> {
    match spec {
        SourceSpec::Postgres { table, .. } => Some(Place::View(summary_name(table))),
        SourceSpec::Duck { path, table } => {
            let folder = folder?;
            let files: Vec<PathBuf> = if table.is_some() {
                vec![PathBuf::from(path)]
            } else {
                let rows = engine
                    .query(&format!(
                        "SELECT file FROM glob({}) ORDER BY 1",
                        quote(path)
                    ))
                    .ok()?;
                rows.iter()
                    .filter_map(|r| r.first().and_then(|v| v.text()).map(PathBuf::from))
                    .collect()
            };
            let absolute = std::path::absolute(path).unwrap_or_else(|_| PathBuf::from(path));
            let identity = format!(
                "{}?table={}",
                absolute.display(),
                table.as_deref().unwrap_or("")
            );
            let mut version = sha2::Sha256::new();
            version.update(identity.as_bytes());
            for file in &files {
                let meta = std::fs::metadata(file).ok()?;
                let changed = meta
                    .modified()
                    .ok()
                    .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
                    .map_or(0, |d| d.as_nanos());
                version.update(format!("\n{}\t{}\t{changed}", file.display(), meta.len()));
            }
            let stem: String = absolute
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default()
                .chars()
                .map(|c| {
                    if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                        c
                    } else {
                        '_'
                    }
                })
                .take(40)
                .collect();
            let prefix = format!(
                "{stem}-{}-",
                hex8(&sha2::Sha256::digest(identity.as_bytes()))
            );
            let path = folder.join(format!("{prefix}{}", hex8(&version.finalize())));
            Some(Place::Files { path, prefix })
        }
    }
}

fn hex8(digest: &[u8]) -> String {
    digest.iter().take(8).map(|b| format!("{b:02x}")).collect()
}

/// Notes the summary of `spec` in the engine's layout when there is one with the right
/// columns; forgets it when there is none (or it is out of date).
pub fn find(engine: &mut dyn Engine, spec: &SourceSpec, folder: Option<&Path>) {
    engine.layout_mut().summary = None;
    let Some(place) = place(engine, spec, folder) else {
        return;
    };
    if let Place::Files { path, .. } = &place
        && !path.is_dir()
    {
        return;
    }
    let relation = place.relation();
    let probe = format!("SELECT {SUMMARY_COLUMNS} FROM {relation} LIMIT 0");
    if engine.query(&probe).is_ok() {
        engine.layout_mut().summary = Some(relation);
    }
}

/// Makes (or remakes) the summary of `spec` and uses it from now on; returns its name. On
/// PostgreSQL this writes to the user's database (a materialised view), so only on request
/// (File ▸ Make the summary, `swimline summarize`); for DuckDB it writes a Parquet file in
/// `folder` atomically (a temporary file, then renamed) and removes the source's older ones.
pub fn make(
    engine: &mut dyn Engine,
    spec: &SourceSpec,
    folder: Option<&Path>,
) -> Result<String, EngineError> {
    let place = place(engine, spec, folder).ok_or_else(|| {
        EngineError::Failed(
            "there is no folder for Swimline's summaries (no home folder or XDG_DATA_HOME)".into(),
        )
    })?;
    engine.layout_mut().summary = None;
    match &place {
        Place::View(name) => {
            let index = format!("\"{}_lanes\"", name.rsplit('.').next().unwrap_or(name));
            let sql = engine.layout().make_summary_sql(&quote_table(name), &index);
            engine.execute_batch(&sql)?;
        }
        Place::Files { path, prefix } => {
            let folder = path.parent().unwrap_or(Path::new("."));
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let partial = folder.join(format!(".{name}.{}.partial", std::process::id()));
            let _ = std::fs::remove_dir_all(&partial);
            let made = std::fs::create_dir_all(&partial)
                .map_err(|e| {
                    EngineError::Failed(format!(
                        "cannot make the folder {}: {e}",
                        partial.display()
                    ))
                })
                .and_then(|()| {
                    // Counting 100M rows into 27M (lane, bin) rows needs more than the browsing
                    // budget (DuckDB 1.2 ran out of memory at 320 MB on two threads; 640 MB
                    // was enough): a one-off job, on a connection of its own.
                    engine.execute_batch(&format!("SET memory_limit = '{MAKING_MEMORY}'"))?;
                    let written = write_files(engine, &partial, ROWS_PER_FILE);
                    let _ =
                        engine.execute_batch(&format!("SET memory_limit = '{BROWSING_MEMORY}'"));
                    written
                })
                .and_then(|()| {
                    let _ = std::fs::remove_dir_all(path);
                    std::fs::rename(&partial, path).map_err(|e| {
                        EngineError::Failed(format!("cannot write {}: {e}", path.display()))
                    })
                });
            if let Err(e) = made {
                let _ = std::fs::remove_dir_all(&partial);
                return Err(e);
            }
            // The source's older summaries (of files since changed) are of no use now, nor
            // what a making cut short (the app closed halfway) left.
            if let Ok(entries) = std::fs::read_dir(folder) {
                for entry in entries.flatten() {
                    let file = entry.file_name().to_string_lossy().into_owned();
                    let ours = file.starts_with(prefix.as_str())
                        || file.starts_with(&format!(".{prefix}"));
                    if ours && file != name {
                        let _ = std::fs::remove_dir_all(entry.path());
                    }
                }
            }
        }
    }
    find(engine, spec, folder);
    if engine.layout().summary.is_none() {
        return Err(EngineError::Failed(format!(
            "the summary {} was made but cannot be read",
            place.words()
        )));
    }
    Ok(place.words())
}

/// DuckDB's memory budget while it makes a summary.
pub const MAKING_MEMORY: &str = "1GB";

/// DuckDB's memory budget while browsing: the window queries (a hash aggregate of lanes ×
/// bins, the events of the quiet lanes) fit in it; larger work spills to disk.
pub const BROWSING_MEMORY: &str = "320MB";

/// Rows per summary file, about: each is sorted on its own within DuckDB's memory budget.
const ROWS_PER_FILE: i64 = 2_000_000;

/// Writes the summary's Parquet files into `folder`: the finest rows counted once into a file
/// of their own; every level from them, split into ranges of lanes of about `rows_per_file`
/// rows (DuckDB's partitioned write, one pass); then each range sorted by level, lane and bin
/// into `part-NNNN.parquet`. (Sorting every row at once did not fit the memory budget;
/// ranges read back one by one from the finest rows took 104 s for 100M rows, this 60–90 s.)
fn write_files(
    engine: &mut dyn Engine,
    folder: &Path,
    rows_per_file: i64,
) -> Result<(), EngineError> {
    let step = |what: &str, e: EngineError| match e {
        EngineError::Failed(m) => EngineError::Failed(format!("{what}: {m}")),
        other => other,
    };
    let finest = folder.join("finest.rows");
    let finest_file = quote(&finest.to_string_lossy());
    engine
        .execute_batch(&format!(
            "COPY ({}) TO {finest_file} (FORMAT parquet)",
            engine.layout().summary_finest_sql()
        ))
        .map_err(|e| step("counting every row per lane and bin", e))?;
    let counts = engine.query(&format!(
        "SELECT lane, count(*) FROM read_parquet({finest_file}) GROUP BY 1 ORDER BY 1 NULLS FIRST"
    ))?;
    // Ranges of lanes by name, each starting where the last ended; the first also takes the
    // rows with no lane.
    let mut starts: Vec<String> = Vec::new();
    let mut rows = 0;
    for row in &counts {
        let n = row.get(1).and_then(|v| v.number()).unwrap_or(0.0) as i64;
        if rows > 0
            && rows + n > rows_per_file
            && let Some(lane) = row.first().and_then(|v| v.text())
        {
            starts.push(lane.to_owned());
            rows = 0;
        }
        rows += n;
    }
    let mut range = "CASE WHEN lane IS NULL THEN 0".to_owned();
    for (i, start) in starts.iter().enumerate() {
        range.push_str(&format!(" WHEN lane < {} THEN {i}", quote(start)));
    }
    range.push_str(&format!(" ELSE {} END", starts.len()));
    let unsorted = folder.join("unsorted");
    engine
        .execute_batch(&format!(
            "COPY (SELECT *, {range} AS swimline_range FROM ({}) AS swimline_levels) TO {} \
             (FORMAT parquet, PARTITION_BY (swimline_range))",
            super::sql::summary_levels_sql(&format!("read_parquet({finest_file})")),
            quote(&unsorted.to_string_lossy())
        ))
        .map_err(|e| step("adding up the wider levels", e))?;
    for i in 0..=starts.len() {
        let from = unsorted
            .join(format!("swimline_range={i}"))
            .join("*.parquet");
        let part = folder.join(format!("part-{i:04}.parquet"));
        engine
            .execute_batch(&format!(
                "COPY (SELECT {SUMMARY_COLUMNS} FROM read_parquet({}, hive_partitioning = false) \
                 ORDER BY level, lane, bin) TO {} (FORMAT parquet)",
                quote(&from.to_string_lossy()),
                quote(&part.to_string_lossy())
            ))
            .map_err(|e| step("sorting the summary", e))?;
    }
    let gone = |p: &Path, r: std::io::Result<()>| {
        r.map_err(|e| EngineError::Failed(format!("cannot remove {}: {e}", p.display())))
    };
    gone(&unsorted, std::fs::remove_dir_all(&unsorted))?;
    gone(&finest, std::fs::remove_file(&finest))
}

// DuckDB's own test: only with the engine built in.
#[cfg(all(test, feature = "duckdb"))]
mod tests {
    use super::*;

    #[test]
    fn parts_sorted_a_range_of_lanes_at_a_time_hold_what_one_query_counts() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let data = dir.path().join("e.parquet");
        let db = duckdb::Connection::open_in_memory().unwrap_or_else(|e| panic!("{e}"));
        // Five lanes and rows with none, over four years.
        db.execute_batch(&format!(
            "COPY (SELECT 'e' || i AS id, 't' AS title,
                 TIMESTAMP '2015-01-01' + to_seconds(i * 9973) AS start_time,
                 CAST(NULL AS TIMESTAMP) AS end_time,
                 CASE WHEN i % 6 = 5 THEN NULL ELSE 'lane ' || (i % 6) END AS lane,
                 ['claim', 'denial', NULL, 'whatever'][i % 4 + 1] AS kind
               FROM range(12000) t(i)) TO '{}' (FORMAT parquet)",
            data.display()
        ))
        .unwrap_or_else(|e| panic!("{e}"));
        let mut engine = crate::source::duckdb::DuckEngine::open(&data.to_string_lossy(), None)
            .unwrap_or_else(|e| panic!("{e}"));
        let parts = dir.path().join("parts");
        std::fs::create_dir_all(&parts).unwrap_or_else(|e| panic!("{e}"));
        write_files(&mut engine, &parts, 1500).unwrap_or_else(|e| panic!("{e}"));
        let mut files: Vec<String> = std::fs::read_dir(&parts)
            .map(|d| {
                d.flatten()
                    .map(|e| e.file_name().to_string_lossy().into_owned())
                    .collect()
            })
            .unwrap_or_default();
        files.sort();
        assert_eq!(
            files.len(),
            6,
            "a part per lane (1,500 rows each at most): {files:?}"
        );
        let glob = quote(&parts.join("*.parquet").to_string_lossy());
        let from_parts = engine
            .query(&format!("SELECT * FROM read_parquet({glob}) ORDER BY ALL"))
            .unwrap_or_else(|e| panic!("{e}"));
        let at_once = engine
            .query(&format!(
                "SELECT * FROM ({}) AS s ORDER BY ALL",
                engine.layout().summary_select_sql()
            ))
            .unwrap_or_else(|e| panic!("{e}"));
        assert!(from_parts.len() > 100, "{}", from_parts.len());
        assert_eq!(from_parts, at_once);
        // Each part holds one range of lanes, sorted.
        let lanes = engine
            .query(&format!(
                "SELECT filename, count(DISTINCT coalesce(lane, '-')) FROM \
                 read_parquet({glob}, filename = true) GROUP BY 1"
            ))
            .unwrap_or_else(|e| panic!("{e}"));
        assert!(
            lanes
                .iter()
                .all(|r| r.get(1) == Some(&crate::source::rows::Value::Int(1)))
        );
    }
}
