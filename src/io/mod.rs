//! Reading data files into a [`Dataset`]. One file per format; each parses into raw records as
//! close to the file as possible, then converts them into the model, and reports problems with
//! the file, line and column, and the field.
//!
//! This module never writes files.

pub mod error;
mod json_locate;
pub mod native;

use std::path::{Path, PathBuf};

pub use error::{LoadError, Location, Problem};

use crate::model::Dataset;

/// The default dataset, compiled into the binary so the app works from any directory.
pub const DEFAULT_DATASET_JSON: &str = include_str!("../../data/russia-taliban-2018.json");

/// The file name shown for the default dataset.
pub const DEFAULT_DATASET_NAME: &str = "russia-taliban-2018.json";

/// A dataset and where it came from.
#[derive(Clone, Debug)]
pub struct Loaded {
    /// The validated dataset.
    pub dataset: Dataset,
    /// The file it was read from; `None` for the built-in default dataset.
    pub path: Option<PathBuf>,
    /// The name shown to the user (the file's name).
    pub display_name: String,
    /// The format it was read as, e.g. `Swimline JSON`.
    pub format: &'static str,
}

/// Reads and validates a file. Never panics on bad input.
pub fn load_path(path: &Path) -> Result<Loaded, LoadError> {
    let file = path.display().to_string();
    let bytes = std::fs::read(path).map_err(|source| LoadError::Read {
        file: file.clone(),
        source,
    })?;
    let text = error::decode_utf8(&file, &bytes)?;
    let dataset = native::parse(&file, text)?;
    Ok(Loaded {
        dataset,
        display_name: path
            .file_name()
            .map_or_else(|| file.clone(), |n| n.to_string_lossy().into_owned()),
        path: Some(path.to_path_buf()),
        format: native::FORMAT_NAME,
    })
}

/// The built-in dataset from the 2018 report on Russia and the Taliban.
pub fn load_default() -> Result<Loaded, LoadError> {
    let dataset = native::parse(DEFAULT_DATASET_NAME, DEFAULT_DATASET_JSON)?;
    Ok(Loaded {
        dataset,
        path: None,
        display_name: DEFAULT_DATASET_NAME.to_owned(),
        format: native::FORMAT_NAME,
    })
}

#[cfg(test)]
mod tests {
    use super::load_default;

    #[test]
    fn the_default_dataset_loads() {
        let loaded = load_default();
        assert!(loaded.is_ok(), "{:?}", loaded.err().map(|e| e.to_string()));
    }
}
