//! The HTML export's zoom step, timed in headless Chromium: generates 10,000 events (seed 1,
//! 50 actors), renders them with `render -o …html`, opens the page in Debian's chromium with
//! the network off (`tests/browser/html_check.mjs`, puppeteer-core) and zooms it 200 times
//! around the middle, in and out; prints the page's size, then as the benches do (`figure NAME
//! VALUE UNIT`, with n the steps timed) the median and 95th percentile of a step — the
//! script's work plus the browser's style and layout (`sync`), and to the next frame painted
//! (`frame`, which includes waiting for the frame: about 17 ms at 60 Hz) — and the load
//! average, since the machine may be shared.
//!
//! Run: `(cd tests/browser && npm ci) && cargo run --example html_zoom [EVENTS]`.

use std::process::Command;

fn main() -> Result<(), String> {
    let events: usize = std::env::args().nth(1).map_or(Ok(10_000), |n| {
        n.parse().map_err(|e| format!("EVENTS: {e}"))
    })?;
    let dir = tempfile::tempdir().map_err(|e| e.to_string())?;
    let data = dir.path().join("events.json");
    let mut file = std::fs::File::create(&data).map_err(|e| e.to_string())?;
    let spec = swimline::generate::Spec {
        events,
        actors: 50,
        seed: 1,
    };
    swimline::generate::write(spec, swimline::generate::GenFormat::Json, &mut file)
        .map_err(|e| e.to_string())?;
    drop(file);
    let html = dir.path().join("timeline.html");
    let said =
        swimline::render::render(&swimline::render::RenderSpec::new(Some(data), html.clone()))
            .map_err(|e| e.to_string())?;
    println!("{said}");
    let script =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/browser/html_check.mjs");
    let out = Command::new("node")
        .arg(script)
        .arg(&html)
        .args(["--bench", "200"])
        .output()
        .map_err(|e| format!("node: {e}"))?;
    if !out.status.success() {
        return Err(String::from_utf8_lossy(&out.stderr).into_owned());
    }
    let found: serde_json::Value =
        serde_json::from_slice(&out.stdout).map_err(|e| e.to_string())?;
    let bench = &found["bench"];
    let ms = |k: &str| bench[k].as_f64().unwrap_or(f64::NAN);
    let steps = bench["steps"].as_u64().unwrap_or(0);
    println!(
        "{events} events, {} zoom levels, {} marks, {steps} zoom steps ({} of them to another level); requests made: {}; load average {}",
        found["levels"],
        bench["marks"],
        bench["switches"],
        found["requests"].as_array().map_or(0, Vec::len),
        std::fs::read_to_string("/proc/loadavg")
            .unwrap_or_default()
            .split(' ')
            .next()
            .unwrap_or("?"),
    );
    // As the benches print a figure: its name, value and unit (n = the steps timed).
    for (name, key) in [
        ("html_zoom_step_sync_ms", "medianSyncMs"),
        ("html_zoom_step_sync_p95_ms", "p95SyncMs"),
        ("html_zoom_step_frame_ms", "medianFrameMs"),
        ("html_zoom_step_frame_p95_ms", "p95FrameMs"),
    ] {
        println!("figure {name} {:.1} ms (n={steps})", ms(key));
    }
    Ok(())
}
