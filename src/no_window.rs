//! Why the window could not open, in the user's words: the windowing library's error names a
//! source file inside the build's dependencies ("…/winit-0.30.13/src/platform_impl/linux/
//! mod.rs:765: neither WAYLAND_DISPLAY nor …"), which tells a user nothing. Text only; opening
//! the window is `main`'s.

/// The message for a window that could not open, from the library's `raw` error.
pub fn cannot_open_window(raw: &str) -> String {
    if raw.contains("DISPLAY") || raw.contains("WAYLAND") {
        return "cannot open a window: there is no display (neither DISPLAY nor WAYLAND_DISPLAY \
                is set). Run it in a desktop session, or under xvfb-run for --screenshot; \
                `swimline render` and `swimline check` need no display"
            .to_owned();
    }
    format!("cannot open a window: {}", without_source_paths(raw))
}

/// `raw` without the "at /path/to/file.rs:123" a library puts in its errors.
fn without_source_paths(raw: &str) -> String {
    let mut out = String::new();
    let mut rest = raw;
    while let Some(at) = rest.find(" at /") {
        out.push_str(&rest[..at]);
        let after = &rest[at + 4..];
        // Past the path and its line (and column) numbers: `.rs` then `:765`, `:12:5`.
        let end = after.find(".rs:").map_or(after.len(), |p| {
            let mut end = p + 3;
            while after[end..].starts_with(':')
                && after[end + 1..].starts_with(|c: char| c.is_ascii_digit())
            {
                end += 1;
                end += after[end..]
                    .find(|c: char| !c.is_ascii_digit())
                    .unwrap_or(after.len() - end);
            }
            end
        });
        rest = &after[end..];
    }
    out.push_str(rest);
    out.trim().to_owned()
}

#[cfg(test)]
mod tests {
    use super::cannot_open_window;

    #[test]
    fn no_path_inside_the_dependencies_reaches_the_user() {
        let raw = "winit EventLoopError: os error at /root/.cargo/registry/src/index.crates.io-1949cf8c6b5b557f/winit-0.30.13/src/platform_impl/linux/mod.rs:765: neither WAYLAND_DISPLAY nor WAYLAND_SOCKET nor DISPLAY is set.";
        let said = cannot_open_window(raw);
        assert!(!said.contains(".cargo") && !said.contains(".rs:"), "{said}");
        assert!(said.contains("there is no display"), "{said}");
        let other = cannot_open_window("GL context lost at /a/b/glutin/src/x.rs:12:5: try again");
        assert_eq!(other, "cannot open a window: GL context lost: try again");
    }
}
