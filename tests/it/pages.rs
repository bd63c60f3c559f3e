//! Pages fit for a briefing (#24): a one-page PDF is A4 landscape, the bundled report tiled on
//! A4 is one page, no text runs past a page's edge (read back from the real PDF with
//! `pdftotext -bbox`), and every tiled page's legend lists every kind the report shows.

use std::path::{Path, PathBuf};
use std::process::Command;

use super::{root, temp_dir};

fn swimline(args: &[&std::ffi::OsStr]) {
    let run = Command::new(env!("CARGO_BIN_EXE_swimline"))
        .args(args)
        .env_remove("DISPLAY")
        .output()
        .unwrap_or_else(|e| panic!("swimline: {e}"));
    assert!(
        run.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&run.stderr)
    );
}

fn bundled() -> PathBuf {
    root().join("data/russia-taliban-2018.json")
}

/// A page read back: its width and height, and each word with its box (x0, y0, x1, y1).
type Page = ((f32, f32), Vec<(String, [f32; 4])>);

/// Each page of `pdf`.
fn pages(pdf: &Path) -> Vec<Page> {
    let out = Command::new("pdftotext")
        .arg("-bbox")
        .arg(pdf)
        .arg("-")
        .output()
        .unwrap_or_else(|e| panic!("pdftotext (poppler-utils): {e}"));
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    let attr = |line: &str, name: &str| -> f32 {
        line.split(&format!("{name}=\""))
            .nth(1)
            .and_then(|r| r.split('"').next())
            .and_then(|n| n.parse().ok())
            .unwrap_or(f32::NAN)
    };
    let mut pages = Vec::new();
    for line in text.lines() {
        let line = line.trim();
        if line.starts_with("<page ") {
            pages.push(((attr(line, "width"), attr(line, "height")), Vec::new()));
        } else if line.starts_with("<word ") {
            let word = line
                .split('>')
                .nth(1)
                .and_then(|r| r.split('<').next())
                .unwrap_or_default()
                .to_owned();
            let b = [
                attr(line, "xMin"),
                attr(line, "yMin"),
                attr(line, "xMax"),
                attr(line, "yMax"),
            ];
            if let Some(page) = pages.last_mut() {
                page.1.push((word, b));
            }
        }
    }
    pages
}

/// No word of any page of `pdf` runs past the page.
fn assert_no_word_past_the_page(pdf: &Path) {
    for (k, ((w, h), words)) in pages(pdf).iter().enumerate() {
        assert!(!words.is_empty(), "page {} has text", k + 1);
        for (word, [x0, y0, x1, y1]) in words {
            assert!(
                *x0 >= 0.0 && *y0 >= 0.0 && *x1 <= *w + 0.5 && *y1 <= *h + 0.5,
                "page {}: {word:?} at {x0}..{x1} × {y0}..{y1} runs past the page ({w} × {h})",
                k + 1
            );
        }
    }
}

#[test]
fn a_one_page_pdf_is_a4_landscape_with_nothing_past_its_edges() {
    let dir = temp_dir("pages-one");
    let pdf = dir.join("report.pdf");
    swimline(&[
        "render".as_ref(),
        bundled().as_os_str(),
        "-o".as_ref(),
        pdf.as_os_str(),
    ]);
    let pages = pages(&pdf);
    assert_eq!(pages.len(), 1);
    let (w, h) = pages[0].0;
    assert!(
        (w - 841.89).abs() < 1.0 && (h - 595.28).abs() < 1.0,
        "A4 landscape: {w} × {h}"
    );
    assert_no_word_past_the_page(&pdf);
}

#[test]
fn the_bundled_report_on_a4_is_one_page_with_its_legend() {
    let dir = temp_dir("pages-a4");
    let pdf = dir.join("report.pdf");
    swimline(&[
        "render".as_ref(),
        bundled().as_os_str(),
        "-o".as_ref(),
        pdf.as_os_str(),
        "--page".as_ref(),
        "a4".as_ref(),
    ]);
    let pages = pages(&pdf);
    assert_eq!(pages.len(), 1, "16 events fit one A4 page");
    assert_no_word_past_the_page(&pdf);
    let words: Vec<&str> = pages[0].1.iter().map(|(w, _)| w.as_str()).collect();
    for needle in ["Kinds:", "denial", "claim", "denies"] {
        assert!(words.contains(&needle), "{needle} in the legend");
    }
}

#[test]
fn every_tiled_page_has_the_whole_legend() {
    let dir = temp_dir("pages-tiles");
    let data = dir.join("events.json");
    swimline(&[
        "generate".as_ref(),
        "--events".as_ref(),
        "400".as_ref(),
        "--actors".as_ref(),
        "12".as_ref(),
        data.as_os_str(),
    ]);
    let pdf = dir.join("tiles.pdf");
    swimline(&[
        "render".as_ref(),
        data.as_os_str(),
        "-o".as_ref(),
        pdf.as_os_str(),
        "--page".as_ref(),
        "a4".as_ref(),
    ]);
    let pages = pages(&pdf);
    assert!(
        pages.len() > 1,
        "400 events need tiles: {} pages",
        pages.len()
    );
    let dataset = swimline::io::load_path(&data)
        .unwrap_or_else(|e| panic!("{e}"))
        .dataset;
    let mut kinds: Vec<&str> = dataset.events.iter().map(|e| e.kind().name()).collect();
    kinds.sort_unstable();
    kinds.dedup();
    for (k, (_, words)) in pages.iter().enumerate() {
        let words: Vec<&str> = words.iter().map(|(w, _)| w.as_str()).collect();
        assert!(words.contains(&"Kinds:"), "page {} has the legend", k + 1);
        for kind in &kinds {
            assert!(words.contains(kind), "page {} lists {kind}", k + 1);
        }
    }
    assert_no_word_past_the_page(&pdf);
}

#[test]
fn no_text_of_an_svg_page_extends_past_it() {
    let dir = temp_dir("pages-svg");
    for width in ["842", "1200"] {
        let svg_path = dir.join(format!("report-{width}.svg"));
        swimline(&[
            "render".as_ref(),
            bundled().as_os_str(),
            "-o".as_ref(),
            svg_path.as_os_str(),
            "--width".as_ref(),
            width.as_ref(),
            "--scale".as_ref(),
            "1".as_ref(),
        ]);
        let svg = std::fs::read_to_string(&svg_path).unwrap_or_else(|e| panic!("{e}"));
        let page: f32 = width.parse().unwrap_or(0.0);
        let attr = |tag: &str, name: &str| -> Option<f32> {
            tag.split(&format!(" {name}=\""))
                .nth(1)?
                .split('"')
                .next()?
                .parse()
                .ok()
        };
        let mut texts = 0;
        for piece in svg.split("<text ").skip(1) {
            let (tag, rest) = piece.split_once('>').unwrap_or((piece, ""));
            let tag = format!(" {tag}");
            let tag = tag.as_str();
            let content = rest.split("</text>").next().unwrap_or_default();
            let (Some(x), Some(size)) = (attr(tag, "x"), attr(tag, "font-size")) else {
                continue;
            };
            let chars = content
                .replace("&amp;", "&")
                .replace("&quot;", "\"")
                .chars()
                .count();
            // As the layout measures text (a character is 0.53 of the size); centred text
            // reaches half as far.
            let reach = chars as f32 * size * 0.53;
            let right = if tag.contains("text-anchor=\"middle\"") {
                x + reach / 2.0
            } else {
                x + reach
            };
            assert!(
                right <= page + 0.5,
                "{width} pt page: {content:?} at x {x} reaches {right}"
            );
            texts += 1;
        }
        assert!(texts > 40, "{texts} texts checked");
    }
}

/// The share of a page's room for lanes that its lanes fill, read back from the PDF: the
/// lanes run from the axis ("Actors") to the legend ("Kinds:"), and what the page leaves
/// between the legend's last line and the footer is room they did not use.
fn lanes_fill(words: &[(String, [f32; 4])]) -> f32 {
    let find = |w: &str| {
        words
            .iter()
            .find(|(t, _)| t == w)
            .map(|(_, b)| *b)
            .unwrap_or_else(|| panic!("{w} on the page"))
    };
    let (actors, kinds) = (find("Actors"), find("Kinds:"));
    let footer_top = words.iter().map(|(_, b)| b[1]).fold(0.0, f32::max);
    let legend_bottom = words
        .iter()
        .filter(|(_, b)| b[1] >= kinds[1] - 1.0 && b[1] < footer_top - 1.0)
        .map(|(_, b)| b[3])
        .fold(0.0, f32::max);
    let lanes = kinds[1] - actors[3];
    lanes / (lanes + (footer_top - legend_bottom))
}

#[test]
fn tiles_of_three_thousand_events_are_packed() {
    let dir = temp_dir("pages-packed");
    let data = dir.join("3k.csv");
    swimline(&[
        "generate".as_ref(),
        "--events".as_ref(),
        "3000".as_ref(),
        "--actors".as_ref(),
        "12".as_ref(),
        data.as_os_str(),
    ]);
    let pdf = dir.join("tiles.pdf");
    swimline(&[
        "render".as_ref(),
        data.as_os_str(),
        "-o".as_ref(),
        pdf.as_os_str(),
        "--page".as_ref(),
        "a4".as_ref(),
    ]);
    let pages = pages(&pdf);
    // Cut into equal shares of time with lanes stacked over the whole file, it took 15 pages,
    // the third 42% full and twelve with their right half after the last event.
    assert!(
        (2..15).contains(&pages.len()),
        "fewer tiles than the 15 of equal shares: {}",
        pages.len()
    );
    for (k, (_, words)) in pages.iter().enumerate().take(pages.len() - 1) {
        let fill = lanes_fill(words);
        assert!(
            fill >= 0.5,
            "page {} of {}: its lanes fill {fill:.2} of the room",
            k + 1,
            pages.len()
        );
    }
    // No page spans time after the last event, but for a label's room: the axis of the last
    // page ends within a few years of it (the events end in 2024).
    let (_, words) = pages.last().unwrap_or_else(|| panic!("a page"));
    let last_year = words
        .iter()
        .filter_map(|(w, _)| w.parse::<i32>().ok())
        .filter(|y| (1900..2100).contains(y))
        .max()
        .unwrap_or(0);
    let dataset = swimline::io::load_path(&data)
        .unwrap_or_else(|e| panic!("{e}"))
        .dataset;
    let end_year = dataset
        .events
        .iter()
        .map(|e| e.when().latest())
        .max()
        .map_or(0, |s| 1970 + (s / 31_557_600) as i32);
    assert!(
        last_year <= end_year + 8,
        "the last page's axis reaches {last_year}, the events end in {end_year}"
    );
    assert_no_word_past_the_page(&pdf);
}
