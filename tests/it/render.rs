//! `swimline render`: reports written without a window (no display), as PNG, SVG and PDF, with
//! the frame a report needs, never over a file without `--force`, and bad flags said plainly.

use std::path::Path;
use std::process::{Command, Output};

use super::{root, temp_dir};

/// `swimline render ARGS` with no display at all.
fn render(args: &[&std::ffi::OsStr]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_swimline"))
        .arg("render")
        .args(args)
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY")
        .output()
        .unwrap_or_else(|e| panic!("swimline: {e}"))
}

fn data() -> std::path::PathBuf {
    root().join("data/russia-taliban-2018.json")
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn the_bundled_dataset_renders_as_png_svg_and_pdf_without_a_display() {
    let dir = temp_dir("render");
    for name in ["r.png", "r.svg", "r.pdf"] {
        let out = dir.join(name);
        let run = render(&[data().as_os_str(), "-o".as_ref(), out.as_os_str()]);
        assert!(run.status.success(), "{name}: {}", stderr(&run));
    }
    let png = image::open(dir.join("r.png")).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(png.width(), 2400, "2400 pixels wide by default");
    assert!(png.height() > 1000);

    let svg = std::fs::read_to_string(dir.join("r.svg")).unwrap_or_default();
    // The frame: title, what is shown, legend, key, footer.
    for text in [
        ">Russia, the Taliban and US aid to Pakistan (2018 report)</text>",
        ">16 events, Sep 2015 – Mar 2018</text>",
        ">denial</text>",
        "band between whiskers",
        "fading in to a whisker",
        "times in UTC · exported with Swimline",
        // Lane names are text; each event a group with its title and its date as written.
        ">US forces in Afghanistan</text>",
        "<title>Russia denies providing weapons or funding to the Taliban — [..2018-03] (at or before Mar 2018)</title>",
    ] {
        assert!(svg.contains(text), "the SVG lacks {text:?}");
    }
    assert_eq!(svg.matches("<g class=\"event\"").count(), 16);
    // Links are paths, from the denial to the claims it denies.
    assert!(
        svg.matches("<g class=\"link\"><title>Russia denies")
            .count()
            >= 5
    );

    // A link's curve leaves a gap under the titles it passes (a mask with a hole over each),
    // as in the window: the denial's link to the Taliban's media claim passes under its title.
    assert_eq!(
        svg.matches("mask=\"url(#link-gaps)\"").count(),
        svg.matches("<g class=\"link\">").count()
    );
    let number = |text: &str, name: &str| -> f32 {
        let at = text
            .find(&format!(" {name}=\""))
            .unwrap_or_else(|| panic!("no {name}"));
        let rest = &text[at + name.len() + 3..];
        rest[..rest.find('"').unwrap_or(0)]
            .parse()
            .unwrap_or_else(|e| panic!("{name}: {e}"))
    };
    let mask = &svg[svg
        .find("<mask id=\"link-gaps\"")
        .unwrap_or_else(|| panic!("no mask"))..];
    let mask = &mask[..mask.find("</mask>").unwrap_or(0)];
    let holes: Vec<[f32; 4]> = mask
        .split("<rect")
        .filter(|r| r.contains("fill=\"black\""))
        .map(|r| {
            let (x, y) = (number(r, "x"), number(r, "y"));
            [x, y, x + number(r, "width"), y + number(r, "height")]
        })
        .collect();
    let title = svg
        .split("<text")
        .find(|t| t.contains(">Taliban stories in the media about"))
        .unwrap_or_else(|| panic!("no title"));
    let (x, y) = (number(title, "x"), number(title, "y"));
    assert!(
        holes
            .iter()
            .any(|h| h[0] <= x && x + 50.0 <= h[2] && h[1] < y && y < h[3]),
        "no gap under the title at {x},{y}: {holes:?}"
    );

    let pdf = std::fs::read(dir.join("r.pdf")).unwrap_or_default();
    assert!(pdf.starts_with(b"%PDF"));
    let text = Command::new("pdftotext")
        .arg(dir.join("r.pdf"))
        .arg("-")
        .output()
        .unwrap_or_else(|e| panic!("pdftotext (poppler-utils; scripts/check.sh installs it): {e}"));
    let text = String::from_utf8_lossy(&text.stdout);
    for words in [
        "Russia, the Taliban",
        "US forces in Afghanistan",
        "Moscow admits holding",
    ] {
        assert!(
            text.contains(words),
            "the PDF's text lacks {words:?}:\n{text}"
        );
    }
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn render_never_overwrites_without_force_nor_the_data_file() {
    let dir = temp_dir("render-safe");
    let out = dir.join("r.svg");
    std::fs::write(&out, b"mine").unwrap_or_else(|e| panic!("{e}"));
    let run = render(&[data().as_os_str(), "-o".as_ref(), out.as_os_str()]);
    assert_eq!(run.status.code(), Some(1));
    assert!(stderr(&run).contains("already exists"), "{}", stderr(&run));
    assert_eq!(std::fs::read(&out).unwrap_or_default(), b"mine");
    let run = render(&[
        data().as_os_str(),
        "-o".as_ref(),
        out.as_os_str(),
        "--force".as_ref(),
    ]);
    assert!(run.status.success(), "{}", stderr(&run));
    assert!(
        std::fs::read_to_string(&out)
            .unwrap_or_default()
            .starts_with("<svg")
    );
    // The data file itself, even with --force.
    let copy = dir.join("data.svg");
    std::fs::copy(data(), &copy).unwrap_or_else(|e| panic!("{e}"));
    let before = std::fs::read(&copy).unwrap_or_default();
    let run = render(&[
        copy.as_os_str(),
        "-o".as_ref(),
        copy.as_os_str(),
        "--force".as_ref(),
    ]);
    assert!(!run.status.success());
    assert_eq!(std::fs::read(&copy).unwrap_or_default(), before);
    // No temporary file is left behind.
    let names: Vec<String> = std::fs::read_dir(&dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    assert!(names.iter().all(|n| !n.ends_with(".tmp")), "{names:?}");
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn bad_flags_and_dates_say_which_and_why_with_status_2() {
    let dir = temp_dir("render-bad");
    let out = dir.join("r.png");
    let o = out.as_os_str();
    for (args, says) in [
        (
            vec!["--from", "2018-13"],
            "--from 2018-13: expected the month as 2 digits from 01 to 12",
        ),
        (
            vec!["--from", "2018", "--to", "2016"],
            "--to 2016 is not after --from 2018",
        ),
        (
            vec!["--kinds", "rumour"],
            "--kinds rumour: expected one of action, statement, claim, denial, context",
        ),
        (
            vec!["--scale", "9"],
            "--scale 9: expected a scale from 1 to 4",
        ),
        (
            vec!["--theme", "sepia"],
            "--theme sepia: expected light or dark",
        ),
        (
            vec!["--lanes", "nobody"],
            "--lanes nobody: no actor has that id",
        ),
        (vec!["--wat"], "unexpected argument '--wat'"),
    ] {
        let mut all: Vec<&std::ffi::OsStr> = vec![data().into_os_string().leak(), "-o".as_ref(), o];
        all.extend(args.iter().map(|a| std::ffi::OsStr::new(*a)));
        let run = render(&all);
        assert_eq!(run.status.code(), Some(2), "{args:?}: {}", stderr(&run));
        assert!(stderr(&run).contains(says), "{args:?}: {}", stderr(&run));
        assert!(!Path::new(&out).exists());
    }
    let run = render(&[
        data().as_os_str(),
        "-o".as_ref(),
        dir.join("r.gif").as_os_str(),
    ]);
    assert_eq!(run.status.code(), Some(2));
    assert!(stderr(&run).contains("must end in .png, .svg, .pdf or .html"));
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn the_subtitle_says_what_the_filter_and_search_show() {
    let dir = temp_dir("render-filter");
    let out = dir.join("r.svg");
    let run = render(&[
        data().as_os_str(),
        "-o".as_ref(),
        out.as_os_str(),
        "--kinds".as_ref(),
        "claim,denial".as_ref(),
        "--search".as_ref(),
        "weapons".as_ref(),
        "--title".as_ref(),
        "Claims & denials".as_ref(),
    ]);
    assert!(run.status.success(), "{}", stderr(&run));
    let svg = std::fs::read_to_string(&out).unwrap_or_default();
    assert!(svg.contains(">Claims &amp; denials</text>"), "{svg}");
    // Nine claims and one denial in the bundled dataset (counted by hand), from March 2016 (18
    // to 24 months before the interview); seven events say "weapons".
    assert!(
        svg.contains(">10 of 16 events, Mar 2016 – Mar 2018: only claim, denial; 7 matching “weapons” in full colour</text>"),
        "{}",
        svg.lines().find(|l| l.contains(" of 16 events")).unwrap_or_default()
    );
    assert_eq!(svg.matches("<g class=\"event\"").count(), 10);
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn render_lanes_counts_and_frames_only_the_events_in_those_lanes_as_the_window_does() {
    // `--lanes pakistan` keeps the lane of Pakistan; three of the sixteen events are in it
    // (the tweet, the suspended aid, the Taliban distancing itself: counted by hand). The line
    // under the title said "16 events" before the window and `render` shared one "what is
    // shown", and the time shown was that of all sixteen.
    let dir = temp_dir("render-lanes");
    let out = dir.join("r.svg");
    let run = render(&[
        data().as_os_str(),
        "-o".as_ref(),
        out.as_os_str(),
        "--lanes".as_ref(),
        "pakistan".as_ref(),
    ]);
    assert!(run.status.success(), "{}", stderr(&run));
    let svg = std::fs::read_to_string(&out).unwrap_or_default();
    let subtitle = svg
        .lines()
        .find(|l| l.contains(" of 16 events") || l.contains(">16 events"))
        .unwrap_or_default();
    assert!(
        subtitle.contains(">3 of 16 events, Jan 2018: lanes pakistan</text>")
            || subtitle.contains(">3 of 16 events, ")
                && subtitle.contains("2018: lanes pakistan</text>"),
        "{subtitle}"
    );
    assert!(
        !subtitle.contains("2015"),
        "the time shown is the lane's, not all of it: {subtitle}"
    );
    assert_eq!(svg.matches("<g class=\"event\"").count(), 3);
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn a_tiled_a4_pdf_repeats_the_lane_names_and_the_axis_on_every_page() {
    let dir = temp_dir("render-tiled");
    let data = dir.join("3k.csv");
    let made = Command::new(env!("CARGO_BIN_EXE_swimline"))
        .args(["generate", "--events", "3000", "--actors", "12"])
        .arg(&data)
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(made.status.success());
    let out = dir.join("tiled.pdf");
    let run = render(&[
        data.as_os_str(),
        "-o".as_ref(),
        out.as_os_str(),
        "--page".as_ref(),
        "a4".as_ref(),
    ]);
    assert!(run.status.success(), "{}", stderr(&run));
    let info = Command::new("pdfinfo")
        .arg(&out)
        .output()
        .unwrap_or_else(|e| panic!("pdfinfo (poppler-utils): {e}"));
    let info = String::from_utf8_lossy(&info.stdout);
    assert!(info.contains("841.89 x 595.28 pts (A4)"), "{info}");
    let pages: usize = info
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .unwrap_or(0);
    assert!(pages >= 2, "{info}");
    for page in 1..=pages {
        let text = Command::new("pdftotext")
            .args(["-f", &page.to_string(), "-l", &page.to_string()])
            .arg(&out)
            .arg("-")
            .output()
            .unwrap_or_else(|e| panic!("pdftotext: {e}"));
        let text = String::from_utf8_lossy(&text.stdout);
        assert!(
            text.contains(&format!("page {page} of {pages}")),
            "page {page}: {text}"
        );
        assert!(text.contains("Actors"), "page {page} has no axis header");
        assert!(
            text.lines().any(|l| l.starts_with("actor ")),
            "page {page} names no lane: {text}"
        );
        // The key to uncertain dates is on every page (#24).
        assert!(
            text.contains("How uncertain dates are drawn"),
            "page {page}"
        );
    }
    let run = render(&[
        data.as_os_str(),
        "-o".as_ref(),
        dir.join("x.pdf").as_os_str(),
        "--page".as_ref(),
        "a3".as_ref(),
    ]);
    assert_eq!(run.status.code(), Some(2));
    assert!(stderr(&run).contains("--page a3: expected a4 or letter"));
    let _ = std::fs::remove_dir_all(dir);
}

/// `swimline generate --events EVENTS --actors ACTORS` into `dir`: the data file's path.
fn generated(dir: &Path, events: u32, actors: u32) -> std::path::PathBuf {
    let data = dir.join(format!("{events}-{actors}.csv"));
    let made = Command::new(env!("CARGO_BIN_EXE_swimline"))
        .args(["generate", "--events", &events.to_string()])
        .args(["--actors", &actors.to_string()])
        .arg(&data)
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(made.status.success(), "{}", stderr(&made));
    data
}

/// The height of the SVG `svg`, in points, from its root element.
fn svg_height(svg: &str) -> f32 {
    svg.split_once(" height=\"")
        .and_then(|(_, rest)| rest.split_once('"'))
        .and_then(|(h, _)| h.parse().ok())
        .unwrap_or(f32::INFINITY)
}

#[test]
fn a_report_of_thousands_of_lanes_stays_bounded_and_says_what_it_folded() {
    // #22 "Runaway memory": 1M events in 2,000 lanes made a PNG 120,000 points tall and took
    // 6.4 GB. The same shape, smaller: every one of 5,000 lanes drawn made a page some
    // 300,000 points tall.
    let dir = temp_dir("render-many-lanes");
    let data = generated(&dir, 50_000, 5_000);
    let (svg_out, png_out) = (dir.join("r.svg"), dir.join("r.png"));
    let run = render(&[data.as_os_str(), "-o".as_ref(), svg_out.as_os_str()]);
    assert!(run.status.success(), "{}", stderr(&run));
    // A narrow PNG at 1× rasterises in seconds in a debug build; its height is the lanes'.
    let run = render(&[
        data.as_os_str(),
        "-o".as_ref(),
        png_out.as_os_str(),
        "--width".as_ref(),
        "800".as_ref(),
        "--scale".as_ref(),
        "1".as_ref(),
    ]);
    assert!(run.status.success(), "{}", stderr(&run));
    let svg = std::fs::read_to_string(&svg_out).unwrap_or_default();
    let said = svg
        .split_once("5,000 lanes: the ")
        .map(|(_, rest)| rest.split('<').next().unwrap_or_default())
        .unwrap_or_else(|| panic!("the subtitle does not say it folded"));
    let (drawn, rest) = said
        .split_once(" busiest are drawn, ")
        .unwrap_or_else(|| panic!("{said}"));
    let drawn: usize = drawn.parse().unwrap_or(usize::MAX);
    let folded_text = rest.trim_end_matches(" more folded into the last row");
    let folded: usize = folded_text.replace(',', "").parse().unwrap_or(usize::MAX);
    assert!(drawn < 60, "{said}");
    assert_eq!(drawn + folded, 5_000, "{said}");
    assert!(
        svg.contains(&format!(">Folded ({folded_text} lanes)</text>")),
        "the last row is named, its lanes counted as the subtitle counts them"
    );
    // Bounded: the lanes take at most 4,000 points, the SVG some ten thousand nodes.
    let height = svg_height(&svg);
    assert!(height < 5_000.0, "{height} points tall");
    let nodes = svg.matches('<').count();
    assert!(nodes < 60_000, "{nodes} SVG nodes");
    let png = image::open(&png_out).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(png.width(), 800);
    assert!(png.height() < 5_000, "{} pixels tall", png.height());
    // The web page scrolls, so only the number of lanes folds it (past 500), and it says so.
    let html = dir.join("r.html");
    let run = render(&[data.as_os_str(), "-o".as_ref(), html.as_os_str()]);
    assert!(run.status.success(), "{}", stderr(&run));
    let page = std::fs::read_to_string(&html).unwrap_or_default();
    let drawn: usize = page
        .split("5,000 lanes: the ")
        .nth(1)
        .and_then(|rest| rest.split(' ').next())
        .and_then(|n| n.replace(',', "").parse().ok())
        .unwrap_or_else(|| panic!("the page says it folded"));
    assert!(
        (60..500).contains(&drawn),
        "{drawn} lanes drawn on the page"
    );
    let folded = swimline::model::time::group_thousands(5_000 - drawn as i64);
    assert!(page.contains(&format!(">Folded ({folded} lanes)</text>")));
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn a_table_of_100000_lanes_renders_folded() {
    // #22: "a 100k-lane table fails after 100 s with 'nodes limit reached'".
    let dir = temp_dir("render-100k-lanes");
    let data = generated(&dir, 100_000, 100_000);
    let out = dir.join("r.svg");
    let run = render(&[data.as_os_str(), "-o".as_ref(), out.as_os_str()]);
    assert!(run.status.success(), "{}", stderr(&run));
    let svg = std::fs::read_to_string(&out).unwrap_or_default();
    // Some 66,000 of the 100,000 actors have an event, each its lane.
    assert!(
        svg.contains(" lanes: the 59 busiest are drawn, ")
            && svg.contains(" more folded into the last row"),
        "it says it folded"
    );
    assert!(svg_height(&svg) < 5_000.0);
    let png = dir.join("r.png");
    let run = render(&[
        data.as_os_str(),
        "-o".as_ref(),
        png.as_os_str(),
        "--width".as_ref(),
        "800".as_ref(),
        "--scale".as_ref(),
        "1".as_ref(),
    ]);
    assert!(run.status.success(), "{}", stderr(&run));
    assert!(!stderr(&run).contains("nodes limit"));
    let _ = std::fs::remove_dir_all(dir);
}
