//! A virtual X server of the test's own. `Xvfb -displayfd` picks a free display number and
//! writes it back, so tests running side by side never race for one (as `xvfb-run -a` does:
//! two runs may both pick `:99`, and one then fails with "Failed to open connection to X
//! server"; CI saw it). `-noreset` keeps the server up when its last client leaves: without
//! it, a test polling with `xdotool search` before the app has connected makes the server
//! reset, and the app's connection, made during the reset, fails (seen 1 run in 4).

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};

/// A running Xvfb; the server is stopped when this is dropped.
pub struct Xvfb {
    child: Child,
    /// The value for `DISPLAY`, such as `:3`.
    pub display: String,
}

/// Whether `tool` is on the `PATH`.
pub fn has(tool: &str) -> bool {
    Command::new("sh")
        .args(["-c", &format!("command -v {tool}")])
        .output()
        .is_ok_and(|o| o.status.success())
}

impl Xvfb {
    /// Starts a server with one 1600×1000 screen, listening on a local socket only
    /// and never resetting.
    pub fn start() -> Xvfb {
        assert!(
            has("Xvfb"),
            "Xvfb is needed for the real-window tests: install xvfb \
             (scripts/check.sh does when it runs as root)"
        );
        let mut child = Command::new("Xvfb")
            .args([
                "-displayfd",
                "1",
                "-screen",
                "0",
                "1600x1000x24",
                "-nolisten",
                "tcp",
                "-noreset",
            ])
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| panic!("Xvfb: {e}"));
        let mut line = String::new();
        if let Some(out) = child.stdout.take() {
            let _ = BufReader::new(out).read_line(&mut line);
        }
        let number = line.trim();
        if number.is_empty() || !number.bytes().all(|b| b.is_ascii_digit()) {
            let _ = child.kill();
            let _ = child.wait();
            panic!("Xvfb did not say which display it took (it wrote {line:?})");
        }
        Xvfb {
            display: format!(":{number}"),
            child,
        }
    }
}

impl Drop for Xvfb {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
