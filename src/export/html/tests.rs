//! The HTML page of the bundled report: self-contained, safe, every event in it.

use super::is_safe_url;
use crate::render::{RenderSpec, render};

/// The bundled report as a page, written by `render` into a temporary folder.
fn bundled_page() -> String {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let out = dir.path().join("timeline.html");
    let said = render(&RenderSpec::new(None, out.clone())).expect("the page is written");
    assert!(said.contains("HTML"), "{said}");
    std::fs::read_to_string(&out).expect("the page reads back")
}

#[test]
fn the_page_makes_no_request() {
    let page = bundled_page();
    for needle in [
        "<link",
        " src=",
        "@import",
        "@font-face",
        "url(http",
        "url(//",
        "xlink:href=\"http",
    ] {
        assert!(
            !page.contains(needle),
            "the page refers to something outside it: {needle}"
        );
    }
    let outside: Vec<&str> = page
        .match_indices("url(")
        .map(|(at, _)| &page[at..at + 5])
        .filter(|u| *u != "url(#")
        .collect();
    assert!(
        outside.is_empty(),
        "only references inside the page: {outside:?}"
    );
    assert!(
        page.contains("default-src 'none'"),
        "the content security policy forbids requests"
    );
}

#[test]
fn the_bundled_report_is_small_and_names_every_event() {
    let page = bundled_page();
    assert!(page.len() < 1_000_000, "{} bytes", page.len());
    let dataset = crate::io::load_default()
        .expect("the bundled dataset")
        .dataset;
    for e in dataset.events.iter() {
        let title = serde_json::to_string(e.title()).expect("a title as JSON");
        assert!(page.contains(&title), "{title} is in the page's data");
    }
    assert!(
        page.matches("class=\"lv\"").count() >= 4,
        "several zoom levels"
    );
}

#[test]
fn only_web_and_mail_addresses_are_links() {
    assert!(is_safe_url("https://example.org/a"));
    assert!(is_safe_url(" HTTP://example.org"));
    assert!(is_safe_url("mailto:desk@example.org"));
    assert!(!is_safe_url("javascript:alert(1)"));
    assert!(!is_safe_url("data:text/html,hi"));
    assert!(!is_safe_url("file:///etc/passwd"));
}
