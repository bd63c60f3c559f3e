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
mod xvfb;

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

/// A fresh, empty folder for one test, removed with everything in it when the test is done
/// (the guard is dropped, also when the test fails).
pub fn temp_dir(name: &str) -> TestDir {
    let dir = std::env::temp_dir().join(format!("swimline-test-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    TestDir(dir)
}

/// A test's folder: a path (it derefs to one) that is removed when dropped.
#[derive(Debug)]
pub struct TestDir(PathBuf);

impl std::ops::Deref for TestDir {
    type Target = PathBuf;

    fn deref(&self) -> &PathBuf {
        &self.0
    }
}

impl AsRef<Path> for TestDir {
    fn as_ref(&self) -> &Path {
        &self.0
    }
}

impl AsRef<std::ffi::OsStr> for TestDir {
    fn as_ref(&self) -> &std::ffi::OsStr {
        self.0.as_os_str()
    }
}

impl Drop for TestDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}
