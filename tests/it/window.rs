//! The real binary in a real window under Xvfb: `swimline --screenshot` writes a PNG of the
//! default dataset. Needs `Xvfb` (the check script installs it); without it the test fails,
//! so the README's test command never passes without having run it.
//!
//! The run has a data folder of its own holding a saved state of another window size and other
//! recent files (made by a real run of Swimline, `tests/fixtures/saved-state/`): the screenshot
//! must neither read it (the window has the default size) nor write it (byte for byte the same).

use std::path::Path;
use std::process::Command;

use super::temp_dir;
use super::xvfb::Xvfb;

/// Every file under `dir`, with its bytes, sorted by path.
fn snapshot(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(folder) = stack.pop() {
        for entry in std::fs::read_dir(&folder).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{e}"));
                files.push((path.display().to_string(), bytes));
            }
        }
    }
    files.sort();
    files
}

#[test]
fn screenshot_of_the_default_dataset_in_a_real_window() {
    let dir = temp_dir("window");
    // A saved state that differs from the defaults: another window size, other recent files.
    let data_home = dir.join("data");
    let saved = super::root().join("tests/fixtures/saved-state/swimline");
    let state = data_home.join("swimline");
    std::fs::create_dir_all(&state).unwrap_or_else(|e| panic!("{e}"));
    for name in ["app.ron", "session.json"] {
        std::fs::copy(saved.join(name), state.join(name)).unwrap_or_else(|e| panic!("{name}: {e}"));
    }
    let before = snapshot(&data_home);
    assert_eq!(before.len(), 2);

    let out = dir.join("default.png");
    let x = Xvfb::start();
    let run = |out: &Path| {
        Command::new(env!("CARGO_BIN_EXE_swimline"))
            .arg("--screenshot")
            .arg(out)
            .env("DISPLAY", &x.display)
            .env_remove("WAYLAND_DISPLAY")
            .env("XDG_DATA_HOME", &data_home)
            .output()
            .unwrap_or_else(|e| panic!("swimline: {e}"))
    };
    let first = run(&out);
    assert!(
        first.status.success(),
        "swimline --screenshot failed: {}",
        String::from_utf8_lossy(&first.stderr)
    );
    let image = image::open(&out)
        .unwrap_or_else(|e| panic!("{}: {e}", out.display()))
        .to_rgba8();
    assert_eq!(
        image.dimensions(),
        (1480, 900),
        "the saved window size was used"
    );
    // Russia's lane swatch (#c8323c) is on screen, at the left.
    let russia = image
        .enumerate_pixels()
        .filter(|(x, _, p)| *x < 8 && p.0[..3] == [0xc8, 0x32, 0x3c])
        .count();
    assert!(russia > 100, "Russia's swatch not found ({russia} pixels)");
    assert_eq!(snapshot(&data_home), before, "the saved state was written");

    // A second run must refuse to overwrite the PNG.
    let png = std::fs::read(&out).unwrap_or_default();
    let again = run(&out);
    assert!(!again.status.success());
    assert!(String::from_utf8_lossy(&again.stderr).contains("already exists"));
    assert_eq!(std::fs::read(&out).unwrap_or_default(), png);
    assert_eq!(snapshot(&data_home), before);
    let _ = std::fs::remove_dir_all(dir);
}
