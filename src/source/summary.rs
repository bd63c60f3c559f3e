//! Summaries: a table's rows counted per lane and bin at three widths
//! ([`super::sql::SUMMARY_LEVELS`]), made by the engine when the user asks, so that a view of
//! years counts a few hundred thousand summary rows instead of every row.
//!
//! - **PostgreSQL**: a materialised view `TABLE_swimline_summary` beside the table, indexed by
//!   level, lane and bin (it writes to the user's database, so only on request).
//! - **DuckDB**: a Parquet file in Swimline's own folder (`$XDG_DATA_HOME/swimline/summaries`),
//!   never beside the user's files, named after the source and after the size and time of
//!   change of every file it reads: a file that changed has no summary until one is made again.

use std::path::{Path, PathBuf};

use sha2::Digest as _;

use super::engine::{Engine, EngineError};
use super::spec::SourceSpec;
use super::sql::{SUMMARY_COLUMNS, quote, quote_table, summary_name};

/// Swimline's folder for DuckDB summaries, when the system has a data folder.
pub fn folder() -> Option<PathBuf> {
    eframe::storage_dir("Swimline").map(|d| d.join("summaries"))
}

/// Where the summary of a source lives (or would).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Place {
    /// A materialised view in the database, by its (unquoted) name.
    View(String),
    /// A Parquet file of Swimline's.
    File {
        /// The file for the source as it is now.
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
            Self::File { path, .. } => format!("read_parquet({})", quote(&path.to_string_lossy())),
        }
    }

    /// The name to tell the user.
    pub fn words(&self) -> String {
        match self {
            Self::View(name) => name.clone(),
            Self::File { path, .. } => path.display().to_string(),
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
            let path = folder.join(format!("{prefix}{}.parquet", hex8(&version.finalize())));
            Some(Place::File { path, prefix })
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
    if let Place::File { path, .. } = &place
        && !path.is_file()
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
        Place::File { path, prefix } => {
            let folder = path.parent().unwrap_or(Path::new("."));
            std::fs::create_dir_all(folder).map_err(|e| {
                EngineError::Failed(format!("cannot make the folder {}: {e}", folder.display()))
            })?;
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let partial = folder.join(format!(".{name}.{}.partial", std::process::id()));
            let sql = format!(
                "COPY (SELECT * FROM ({}) AS swimline_summary ORDER BY level, lane, bin) TO {} \
                 (FORMAT parquet)",
                engine.layout().summary_select_sql(),
                quote(&partial.to_string_lossy())
            );
            let written = engine.execute_batch(&sql).and_then(|()| {
                std::fs::rename(&partial, path).map_err(|e| {
                    EngineError::Failed(format!("cannot write {}: {e}", path.display()))
                })
            });
            if let Err(e) = written {
                let _ = std::fs::remove_file(&partial);
                return Err(e);
            }
            // The source's older summaries (of files since changed) are of no use now.
            if let Ok(entries) = std::fs::read_dir(folder) {
                for entry in entries.flatten() {
                    let file = entry.file_name().to_string_lossy().into_owned();
                    if file.starts_with(prefix.as_str()) && file != name {
                        let _ = std::fs::remove_file(entry.path());
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
