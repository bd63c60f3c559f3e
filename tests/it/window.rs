//! The real binary in a real window under Xvfb: `swimline --screenshot` writes a PNG of the
//! default dataset. Needs `xvfb-run`; the check script installs it. Without it the test says it
//! was skipped, except on CI, where a missing Xvfb is a failure.

use std::process::Command;

use super::temp_dir;

fn has_xvfb() -> bool {
    Command::new("sh")
        .args(["-c", "command -v xvfb-run"])
        .output()
        .is_ok_and(|o| o.status.success())
}

#[test]
fn screenshot_of_the_default_dataset_in_a_real_window() {
    if !has_xvfb() {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI must have xvfb-run (scripts/check.sh installs it)"
        );
        eprintln!("skipped: xvfb-run is not installed");
        return;
    }
    let dir = temp_dir("window");
    let out = dir.join("default.png");
    let status = Command::new("xvfb-run")
        .args(["-a", "-s", "-screen 0 1600x1000x24"])
        .arg(env!("CARGO_BIN_EXE_swimline"))
        .arg("--screenshot")
        .arg(&out)
        .status()
        .unwrap_or_else(|e| panic!("xvfb-run: {e}"));
    assert!(status.success(), "swimline --screenshot failed: {status}");
    let image = image::open(&out)
        .unwrap_or_else(|e| panic!("{}: {e}", out.display()))
        .to_rgba8();
    assert_eq!(image.dimensions(), (1480, 900));
    // Russia's lane swatch (#c8323c) is on screen, at the left.
    let russia = image
        .enumerate_pixels()
        .filter(|(x, _, p)| *x < 8 && p.0[..3] == [0xc8, 0x32, 0x3c])
        .count();
    assert!(russia > 100, "Russia's swatch not found ({russia} pixels)");

    // A second run must refuse to overwrite the PNG.
    let before = std::fs::read(&out).unwrap_or_default();
    let again = Command::new("xvfb-run")
        .args(["-a"])
        .arg(env!("CARGO_BIN_EXE_swimline"))
        .arg("--screenshot")
        .arg(&out)
        .output()
        .unwrap_or_else(|e| panic!("xvfb-run: {e}"));
    assert!(!again.status.success());
    assert!(String::from_utf8_lossy(&again.stderr).contains("already exists"));
    assert_eq!(std::fs::read(&out).unwrap_or_default(), before);
    let _ = std::fs::remove_dir_all(dir);
}
