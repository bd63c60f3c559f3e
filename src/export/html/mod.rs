//! The timeline as one self-contained HTML file that anyone can open: the report's scene as SVG
//! (the same drawing as the SVG, PNG and PDF exports), laid out at several zoom levels, with a
//! small hand-written script (`timeline.js`) and styles (`timeline.css`) kept beside this file
//! and the events' details inline as JSON. It makes no request at all: no fonts, images or
//! scripts from elsewhere (its content security policy forbids them), so it opens from a mail
//! attachment with no network.
//!
//! Zooming in the page picks the level whose scale is the nearest coarser one and stretches it
//! in time (bars are scaled, points moved: see `level.rs`); each level doubles the scale of the
//! one before, until every event is drawn on its own with its label, or the size budget is
//! spent. It does not write the file (see [`crate::render`]) nor choose what is shown (the
//! report's spec does).

mod level;

use std::fmt::Write as _;

use serde::Serialize;

use crate::export::report::{LEGEND_HEIGHT, MARGIN, Report, ReportSpec, layout};
use crate::export::svg::{FONT_FAMILY, Writer, esc, visuals};
use crate::layout::metrics::LANE_HEADER_WIDTH;
use crate::model::Dataset;
use crate::notes::NotesFile;

/// The script that makes the page move (wheel zoom, drag pan, search, filters, details).
const SCRIPT: &str = include_str!("timeline.js");
/// The page's styles (screen and print).
const STYLES: &str = include_str!("timeline.css");

/// Width of the first level, in points (CSS pixels): narrower than most screens and than an A4
/// landscape page printed from a browser (about 1,040), so that the page shows a level at its
/// own scale or stretched, never squeezed (a squeezed level's labels would run into each other).
pub const BASE_WIDTH_PT: f32 = 1000.0;

/// The most levels a file carries: level `k` is `2^k` times the scale of the first, so 13
/// levels reach 4,096 times (35 years on a 1,000-point screen: about three days).
pub const MAX_LEVELS: usize = 13;
/// Bytes the page may take: once the events' details and a level are written, no finer level is
/// added past it; the finest level written is stretched for deeper zooms (and the page says so
/// when it still folds events). 10,000 events stay under 5 MB.
pub const PAGE_BUDGET_BYTES: usize = 4_700_000;
/// A level coarser than this many seconds per point is always followed by a finer one while
/// the budget lasts, so that a few events can still be zoomed to their day (6 hours a point).
pub const FINEST_USEFUL_SPP: f64 = 6.0 * 3_600.0;

/// What the HTML page shows besides the report.
pub struct HtmlExtras<'a> {
    /// The analyst's notes (stars, tags, notes shown in the details), when the export includes
    /// them.
    pub notes: Option<&'a NotesFile>,
    /// The search the view had, put in the page's search box.
    pub search: Option<&'a str>,
}

/// An event's details, as the page's script reads them.
#[derive(Serialize)]
struct EventData {
    /// Position in the dataset (what `data-e` names).
    i: usize,
    /// Title.
    t: String,
    /// Date in words, with its precision.
    w: String,
    /// Date as written.
    d: String,
    /// Its middle instant, in seconds since 1970 (to centre the view on it).
    c: i64,
    /// Kind's name.
    k: &'static str,
    /// Actors (positions in the page's list of actors).
    a: Vec<u32>,
    /// Source (who, where, when reported).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    s: Vec<String>,
    /// Quote.
    #[serde(skip_serializing_if = "Option::is_none")]
    q: Option<String>,
    /// The source's address, only when http(s) or mailto.
    #[serde(skip_serializing_if = "Option::is_none")]
    u: Option<String>,
    /// Description.
    #[serde(skip_serializing_if = "Option::is_none")]
    x: Option<String>,
    /// Links: verb, other event's position, other's title.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    l: Vec<(String, usize, String)>,
    /// File tags.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    g: Vec<String>,
    /// Starred in the notes.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    st: bool,
    /// The analyst's tags.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    yt: Vec<String>,
    /// The analyst's note.
    #[serde(skip_serializing_if = "String::is_empty")]
    n: String,
}

/// Everything the script reads.
#[derive(Serialize)]
struct PageData {
    /// Left edge of the time area on the page, in points (right of the column of lane names,
    /// which is wider than the report's for long names).
    x0: f32,
    /// Left edge of the time area as the levels are drawn, in points.
    xd: f32,
    /// Width of the first level's time area, in points (what "fit" shows).
    w0: f32,
    /// Lanes: name.
    lanes: Vec<String>,
    /// Actors' names, by position.
    actors: Vec<String>,
    /// Kinds shown (names).
    kinds: Vec<&'static str>,
    /// The levels, coarsest first.
    levels: Vec<level::LevelMeta>,
    /// The axis' levels (those of `levels`, then finer ones): seconds per point and the instant
    /// at the time area's left edge.
    axes: Vec<(f64, f64)>,
    /// Events that any level draws on their own.
    events: Vec<EventData>,
    /// The search to start with.
    search: String,
    /// Whether the levels stop before every event is drawn on its own.
    is_folded: bool,
    /// The most the script stretches the finest level ([`level::MAX_STRETCH`]).
    stretch: f32,
}

/// Whether `url` may be a link in the page: http, https or mailto only.
pub fn is_safe_url(url: &str) -> bool {
    let lower = url.trim().to_ascii_lowercase();
    ["http://", "https://", "mailto:"]
        .iter()
        .any(|p| lower.starts_with(p))
}

/// The spec of level `level` (`2^level` times wider in time than `spec`): no search or
/// selection baked in (the page searches and selects itself).
fn level_spec<'a>(spec: &ReportSpec<'a>, level: usize) -> ReportSpec<'a> {
    let time_width = BASE_WIDTH_PT - 2.0 * MARGIN - LANE_HEADER_WIDTH;
    ReportSpec {
        dataset: spec.dataset,
        index: spec.index,
        view: spec.view,
        width: BASE_WIDTH_PT + time_width * ((1u64 << level) as f32 - 1.0),
        title: spec.title.clone(),
        subtitle: spec.subtitle.clone(),
        footer: spec.footer.clone(),
        matches: None,
        selected: None,
        theme: spec.theme,
        marks: spec.marks,
        own_links_from: spec.own_links_from,
        remote: spec.remote,
        zone: spec.zone,
    }
}

/// The page of `spec`.
pub fn to_html(spec: &ReportSpec<'_>, extras: &HtmlExtras<'_>) -> String {
    let dataset = spec.dataset;
    let v = visuals(spec.theme);
    let mut w = Writer::new(&v);
    let first = layout(&level_spec(spec, 0));
    // The details of every event shown first: the levels get what they leave of the budget.
    let mut shown = vec![false; dataset.events.len()];
    for lane in &spec.index.lanes {
        for &e in &lane.events {
            if let Some(s) = shown.get_mut(e as usize) {
                *s = true;
            }
        }
    }
    let all = events_data(spec, &shown, extras.notes);
    let budget = PAGE_BUDGET_BYTES.saturating_sub(
        serde_json::to_string(&all).map_or(0, |j| j.len()) + SCRIPT.len() + STYLES.len(),
    );
    let mut levels = Vec::new();
    let mut drawn = vec![false; dataset.events.len()];
    let mut bytes = 0;
    let mut report = first.clone();
    for k in 0..MAX_LEVELS {
        if k > 0 {
            report = layout(&level_spec(spec, k));
        }
        let mut out = level::write_level(&mut w, &report, dataset, k);
        out.axis = compact_numbers(&out.axis);
        out.body = compact_numbers(&out.body);
        if k > 0 && bytes + out.axis.len() + out.body.len() > budget {
            break;
        }
        bytes += out.axis.len() + out.body.len();
        for m in &report.scene.marks {
            if let Some(d) = drawn.get_mut(m.event) {
                *d = true;
            }
        }
        let is_complete = out.meta.folded == 0
            && report.scene.labels.len()
                >= report
                    .scene
                    .marks
                    .iter()
                    .map(|m| m.event)
                    .collect::<rustc_hash::FxHashSet<_>>()
                    .len();
        let spp = out.meta.spp;
        levels.push(out);
        if is_complete && spp <= FINEST_USEFUL_SPP {
            break;
        }
    }
    let events: Vec<EventData> = all
        .into_iter()
        .filter(|e| drawn.get(e.i).copied().unwrap_or(false))
        .collect();
    // The axis of finer levels still, down to the most the script zooms in.
    let mut axes: Vec<(f64, f64)> = levels.iter().map(|l| (l.meta.spp, l.meta.t0)).collect();
    let mut extra_axes = Vec::new();
    // When every event has its place at the finest level, its axis stretched four times still
    // reads; else the script may stretch it the most it does.
    let is_folded = levels.last().is_some_and(|l| l.meta.folded > 0);
    let stretch = if is_folded { level::MAX_STRETCH } else { 4.0 };
    let finest = axes.last().map_or(0.0, |a| a.0) / f64::from(stretch);
    for k in levels.len()..MAX_LEVELS + 4 {
        if first
            .scene
            .map
            .is_none_or(|m| m.secs_per_px() / ((1u64 << k) as f64) < finest)
        {
            break;
        }
        let (svg, meta) = level::axis_level(&mut w, &first, spec.zone, k);
        axes.push(meta);
        extra_axes.push(compact_numbers(&svg));
    }
    let data = PageData {
        x0: first.scene.time_area.x0 + header_extra(&first),
        xd: first.scene.time_area.x0,
        w0: first.scene.time_area.width(),
        lanes: first.scene.lanes.iter().map(|r| r.name.clone()).collect(),
        actors: dataset.actors.iter().map(|a| a.name.clone()).collect(),
        kinds: first.kinds.iter().map(|k| k.name()).collect(),
        levels: levels.iter().map(|l| l.meta.clone()).collect(),
        axes,
        events,
        search: extras.search.unwrap_or_default().to_owned(),
        is_folded,
        stretch: level::MAX_STRETCH,
    };
    page(&first, &mut w, (&levels, &extra_axes), &data, spec.theme)
}

/// The details of every event some level draws on its own.
fn events_data(spec: &ReportSpec<'_>, drawn: &[bool], notes: Option<&NotesFile>) -> Vec<EventData> {
    let dataset: &Dataset = spec.dataset;
    let mut links_of: Vec<Vec<(String, usize, String)>> = vec![Vec::new(); dataset.events.len()];
    for l in &dataset.links {
        if let Some(list) = links_of.get_mut(l.from) {
            list.push((
                l.kind.verb().to_owned(),
                l.to,
                dataset.events.at(l.to).title().to_owned(),
            ));
        }
        if let Some(list) = links_of.get_mut(l.to) {
            list.push((
                l.kind.inverse_verb().to_owned(),
                l.from,
                dataset.events.at(l.from).title().to_owned(),
            ));
        }
    }
    dataset
        .events
        .iter()
        .filter(|e| drawn.get(e.index()).copied().unwrap_or(false))
        .map(|e| {
            let note = notes.and_then(|n| n.events.get(e.id()));
            let source = e.source();
            let mut said = Vec::new();
            if let Some(s) = source {
                said.extend(s.by.clone());
                said.extend(s.outlet.clone());
                if let Some(r) = &s.reported {
                    said.push(format!("reported {}", r.describe()));
                }
            }
            EventData {
                i: e.index(),
                t: e.title().to_owned(),
                w: crate::model::words::time_words(dataset, &e.time()),
                d: e.time().to_string(),
                c: e.when().earliest() / 2 + e.when().latest() / 2,
                k: e.kind().name(),
                a: e.actors().to_vec(),
                s: said,
                q: source.and_then(|s| s.quote.clone()),
                u: source
                    .and_then(|s| s.url.clone())
                    .filter(|u| is_safe_url(u)),
                x: e.description().map(str::to_owned),
                l: links_of.get(e.index()).cloned().unwrap_or_default(),
                g: e.tags().iter().map(str::to_owned).collect(),
                st: note.is_some_and(|n| n.starred),
                yt: note.map(|n| n.tags.clone()).unwrap_or_default(),
                n: note.map(|n| n.note.clone()).unwrap_or_default(),
            }
        })
        .collect()
}

/// `svg` with the numbers inside its tags to one decimal (`12.56` → `12.6`, `14.00` → `14`),
/// three under one (opacities: `0.280` → `0.28`): a tenth of a point is finer than a screen
/// shows at the most a level is stretched, and it takes a fifth off a large page. Text between
/// tags is left as it is.
fn compact_numbers(svg: &str) -> String {
    let mut out = String::with_capacity(svg.len());
    let mut in_tag = false;
    let mut number = String::new();
    let flush = |number: &mut String, out: &mut String| {
        if number.contains('.') {
            if let Ok(x) = number.parse::<f64>() {
                // Under one (opacities, hairlines): three decimals; else one.
                let rounded = if x.abs() < 1.0 {
                    format!("{x:.3}")
                } else {
                    format!("{x:.1}")
                };
                let rounded = rounded.trim_end_matches('0').trim_end_matches('.');
                out.push_str(match rounded {
                    "-0" | "" | "-" => "0",
                    r => r,
                });
            } else {
                out.push_str(number);
            }
        } else {
            out.push_str(number);
        }
        number.clear();
    };
    for c in svg.chars() {
        if in_tag && (c.is_ascii_digit() || c == '.' || (c == '-' && number.is_empty())) {
            number.push(c);
            continue;
        }
        if !number.is_empty() {
            flush(&mut number, &mut out);
        }
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            _ => {}
        }
        out.push(c);
    }
    flush(&mut number, &mut out);
    out
}

/// JSON that may sit inside a `<script>` element.
fn script_json(data: &PageData) -> String {
    serde_json::to_string(data)
        .unwrap_or_else(|_| "{}".to_owned())
        .replace("</", "<\\/")
        .replace("<!--", "<\\!--")
}

/// How much wider the page's column of lane names is than the report's, in points.
fn header_extra(first: &Report) -> f32 {
    (level::header_width(&first.scene) - LANE_HEADER_WIDTH).max(0.0)
}

/// The page around the levels: head, controls, the two SVGs, legend, footer, data, script.
fn page(
    first: &Report,
    w: &mut Writer<'_>,
    (levels, extra_axes): (&[level::LevelSvg], &[String]),
    data: &PageData,
    theme: crate::export::report::Theme,
) -> String {
    // The legend and key, as the report draws them, in an SVG of their own.
    w.out.clear();
    w.legend(first);
    let legend = std::mem::take(&mut w.out);
    let mut out =
        String::with_capacity(levels.iter().map(|l| l.body.len()).sum::<usize>() + 200_000);
    let title = esc(&first.title);
    let dark = if theme == crate::export::report::Theme::Dark {
        " class=\"dark\""
    } else {
        ""
    };
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\"{dark}>\n<head>\n<meta charset=\"utf-8\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"generator\" content=\"Swimline {}\">\n<title>{title}</title>\n<style>\n:root{{--font:{}}}\n{STYLES}</style>\n</head>\n<body>\n",
        env!("CARGO_PKG_VERSION"),
        FONT_FAMILY
    );
    let _ = write!(
        out,
        "<header><h1>{title}</h1><p id=\"shown\">{}</p>",
        esc(&first.subtitle)
    );
    if data.is_folded {
        out.push_str(
            "<p class=\"folded\">This file is large: at its finest level some events are still \
             drawn folded (a mark with a count) or as density strips; open the data in Swimline \
             to see every one.</p>",
        );
    }
    out.push_str("</header>\n");
    out.push_str(
        "<nav id=\"controls\" aria-label=\"Timeline controls\">\
         <input id=\"search\" type=\"search\" placeholder=\"Search titles, sources, quotes…\" aria-label=\"Search\">\
         <span id=\"count\" role=\"status\"></span>\
         <details id=\"kinds\"><summary>Kinds</summary><div></div></details>\
         <details id=\"lanes\"><summary>Lanes</summary><div></div></details>\
         <button id=\"zoomin\" title=\"Zoom in (+)\">+</button><button id=\"zoomout\" title=\"Zoom out (−)\">−</button>\
         <button id=\"fit\" title=\"Show everything (0)\">Fit</button>\
         <span class=\"hint\">Wheel to zoom, drag to pan, click an event for its details.</span></nav>\n",
    );
    let time_x0 = first.scene.time_area.x0 + header_extra(first);
    let _ = write!(
        out,
        "<div id=\"tl\">\n<svg id=\"defs\" width=\"0\" height=\"0\" aria-hidden=\"true\"><defs>\n\
         <clipPath id=\"tc\"><rect x=\"{time_x0:.1}\" y=\"-1000000\" width=\"1000000\" height=\"2000000\"/></clipPath>\n{}</defs></svg>\n",
        w.defs
    );
    let axis_height = crate::layout::metrics::AXIS_HEIGHT;
    let _ = writeln!(
        out,
        "<svg id=\"axis\" width=\"100%\" height=\"{axis_height}\" font-family=\"{FONT_FAMILY}\" role=\"img\" aria-label=\"Time axis\">"
    );
    for l in levels {
        out.push_str(&l.axis);
    }
    for a in extra_axes {
        out.push_str(a);
    }
    out.push_str("</svg>\n");
    out.push_str("<div id=\"body\" role=\"img\" aria-label=\"Lanes and events\">\n");
    for l in levels {
        out.push_str(&l.body);
    }
    out.push_str("</div>\n</div>\n");
    out.push_str(
        "<aside id=\"details\" hidden aria-live=\"polite\"><button id=\"close\" title=\"Close\">×</button><div></div></aside>\n\
         <div id=\"tip\" hidden></div>\n",
    );
    let _ = write!(
        out,
        "<svg id=\"legend\" width=\"{:.0}\" height=\"{LEGEND_HEIGHT}\" viewBox=\"0 {:.1} {:.0} {LEGEND_HEIGHT}\" font-family=\"{FONT_FAMILY}\" role=\"img\" aria-label=\"Legend and key\">\n{legend}</svg>\n",
        first.width, first.legend_top, first.width
    );
    let _ = write!(
        out,
        "<footer>{}</footer>\n<script type=\"application/json\" id=\"data\">{}</script>\n<script>\n{SCRIPT}</script>\n</body>\n</html>\n",
        esc(&first.footer),
        script_json(data)
    );
    out
}

/// The report of `r` as one self-contained web page, with the notes' stars, tags and notes in
/// its details when `notes` is given.
pub fn report_html(
    r: &super::report::ReportOf<'_>,
    notes: Option<&crate::notes::NotesFile>,
) -> String {
    let extras = HtmlExtras {
        notes,
        search: r.search,
    };
    // Past 500 lanes, folded as the other reports are past a page's worth (#22); the page
    // scrolls, so its height is no reason to fold.
    let spec = super::report::report_spec(r);
    let folded = super::report::fold_report_lanes(&spec, super::report::fold::HTML_LIMITS);
    let spec = match &folded {
        Some(folded) => folded.spec(spec),
        None => spec,
    };
    to_html(&spec, &extras)
}

#[cfg(test)]
mod tests;

#[cfg(test)]
mod compact_tests {
    use super::compact_numbers;

    #[test]
    fn numbers_in_tags_are_shortened_and_text_is_not() {
        assert_eq!(
            compact_numbers(
                "<rect x=\"12.56\" y=\"14.00\" fill-opacity=\"0.280\" width=\"0.05\" stroke-width=\"1\"/><text x=\"-0.01\">2.50 m</text>"
            ),
            "<rect x=\"12.6\" y=\"14\" fill-opacity=\"0.28\" width=\"0.05\" stroke-width=\"1\"/><text x=\"-0.01\">2.50 m</text>"
        );
    }
}
