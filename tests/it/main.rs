//! Integration tests, one binary: data files, bad input, and the UI driven by its labels.

mod browser;
mod data_export;
mod data_files;
mod dates;
mod edges;
mod fuzz;
mod hour;
mod imports;
mod notes;
mod pages;
mod pg_edges;
mod reader;
mod reliability;
mod render;
mod sources;
mod ui;
mod window;
mod workbooks;
mod world;

use std::path::{Path, PathBuf};

/// The crate's root folder.
pub fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// A real file made by others, where it lies: `../shared/data/` beside the checkout (with its
/// provenance in `PROVENANCE.md` there); CI has that folder beside the clone.
pub fn shared_data(name: &str) -> PathBuf {
    root().join("../shared/data").join(name)
}

/// A fresh, empty folder for one test.
pub fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("swimline-test-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    dir
}
