//! A report too large for a page, tiled on A4 or Letter landscape: the timeline cut into pages
//! across (stretches of time) and down (groups of lanes), each page with its own lane names and
//! axis, the title and "page 2 of 6" at the top, and on every page the legend and key of the
//! whole report (a report that fits one page at a readable scale is one page). Each
//! page is an SVG made like a one-page report; svg2pdf turns each into a PDF object and
//! pdf-writer puts them in one document, text kept as text.

use std::collections::HashMap;

use pdf_writer::{Content, Finish, Name, Pdf, Rect, Ref};

use super::raster::tree;
use super::report::{MARGIN, ReportSpec, TITLE_HEIGHT, layout};
use super::svg::to_svg;
use crate::layout::metrics::{AXIS_HEIGHT, LANE_HEADER_WIDTH};
use crate::layout::{TimeView, TimelineIndex};

/// Paper sizes, landscape, in points.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Paper {
    /// 297 × 210 mm.
    A4,
    /// 11 × 8.5 in.
    Letter,
}

impl Paper {
    /// Width and height in points, landscape.
    pub fn size(self) -> (f32, f32) {
        match self {
            Self::A4 => (841.89, 595.28),
            Self::Letter => (792.0, 612.0),
        }
    }
}

/// The smallest a report is scaled on paper: its labels (12 pt) print at 6.6 pt, its smallest
/// text (the footer, 10.5 pt) at 5.8 pt — the size of a map's small print, still read without
/// a lens.
pub const MIN_SCALE: f32 = 0.55;

/// The report `svg` (one page the size of its content) on one landscape page of `paper`:
/// scaled to fit (never above full size, never below [`MIN_SCALE`]) and centred across; a
/// report too tall even at the smallest scale gets a page as wide as `paper` and as tall as
/// it needs.
pub fn one_page_pdf(svg: &str, paper: Paper) -> Result<Vec<u8>, String> {
    let (page_w, page_h) = paper.size();
    let size = tree(svg)?.size();
    let (w, h) = (size.width(), size.height());
    let scale = (page_w / w).min(page_h / h).clamp(MIN_SCALE, 1.0);
    assemble_scaled(&[svg.to_owned()], page_w, page_h.max(h * scale), scale)
}

/// The report of `spec` on one page of `paper` when it fits at a scale of at least
/// [`MIN_SCALE`]: laid out as wide as the page divided by the scale, for the largest scale
/// that fits. `None` when it needs tiles.
fn on_one_page(spec: &ReportSpec<'_>, paper: Paper) -> Option<Result<Vec<u8>, String>> {
    let (page_w, page_h) = paper.size();
    let steps = 10;
    for k in 0..=steps {
        let scale = 1.0 - (1.0 - MIN_SCALE) * k as f32 / steps as f32;
        let report = layout(&ReportSpec {
            dataset: spec.dataset,
            index: spec.index,
            view: spec.view,
            width: page_w / scale,
            title: spec.title.clone(),
            subtitle: spec.subtitle.clone(),
            footer: spec.footer.clone(),
            matches: spec.matches,
            selected: spec.selected,
            theme: spec.theme,
            marks: spec.marks,
            own_links_from: spec.own_links_from,
            remote: spec.remote,
            zone: spec.zone,
        });
        if report.height * scale <= page_h {
            let svg = to_svg(&report, spec.dataset);
            return Some(assemble_scaled(&[svg], page_w, page_h, scale));
        }
    }
    None
}

/// The report of `spec` (laid out `spec.width` points wide) as a PDF tiled on `paper`: one
/// page when it fits on one (scaled, see [`MIN_SCALE`]).
pub fn tiled_pdf(spec: &ReportSpec<'_>, paper: Paper) -> Result<Vec<u8>, String> {
    if let Some(one) = on_one_page(spec, paper) {
        return one;
    }
    let (page_w, page_h) = paper.size();
    // How many pages across: the time of the whole report, cut into pages' widths.
    let full_time = spec.width - 2.0 * MARGIN - LANE_HEADER_WIDTH;
    let page_time = page_w - 2.0 * MARGIN - LANE_HEADER_WIDTH;
    let across = (full_time / page_time).ceil().max(1.0) as usize;
    let span = spec.view.span_secs / across as f64;
    // Lanes down: as many as fit under the title and above the footer (the last page also
    // holds the legend and key, so it may take a page of its own).
    // Every page has the legend and key of the whole report, under its lanes (wrapped to the
    // page's width).
    let whole = layout(spec);
    let legend = super::svg::legend_height(&super::report::Report {
        width: page_w,
        ..whole.clone()
    });
    let room = page_h - TITLE_HEIGHT - 28.0 - AXIS_HEIGHT - legend - 12.0;
    let mut pages: Vec<String> = Vec::new();
    let mut tiles = Vec::new();
    for col in 0..across {
        let view = TimeView {
            start_secs: spec.view.start_secs + span * col as f64,
            span_secs: span,
        };
        for lanes in lane_groups(spec, view, page_w, room) {
            tiles.push((view, lanes));
        }
    }
    let total = tiles.len();
    for (k, (view, lanes)) in tiles.into_iter().enumerate() {
        let index = only_lanes(spec.index, &lanes);
        let mut report = layout(&ReportSpec {
            dataset: spec.dataset,
            index: &index,
            view,
            width: page_w,
            title: spec.title.clone(),
            subtitle: format!("{} — page {} of {total}", spec.subtitle, k + 1),
            footer: spec.footer.clone(),
            matches: spec.matches,
            selected: spec.selected,
            theme: spec.theme,
            marks: spec.marks,
            own_links_from: spec.own_links_from,
            remote: spec.remote,
            zone: spec.zone,
        });
        // The legend and the key describe the whole report, whatever this page shows.
        report.kinds.clone_from(&whole.kinds);
        report.link_kinds.clone_from(&whole.link_kinds);
        report.has_uncertain = whole.has_uncertain;
        report.yours = whole.yours;
        report.height = report.height.max(page_h);
        pages.push(to_svg(&report, spec.dataset));
    }
    assemble(&pages, page_w, page_h)
}

/// The lanes of `spec.index` in groups that fit `room` points of height on a page `page_w`
/// wide showing `view`.
fn lane_groups(spec: &ReportSpec<'_>, view: TimeView, page_w: f32, room: f32) -> Vec<Vec<usize>> {
    let all = layout(&ReportSpec {
        dataset: spec.dataset,
        index: spec.index,
        view,
        width: page_w,
        title: String::new(),
        subtitle: String::new(),
        footer: String::new(),
        matches: spec.matches,
        selected: spec.selected,
        theme: spec.theme,
        marks: spec.marks,
        own_links_from: spec.own_links_from,
        remote: spec.remote,
        zone: spec.zone,
    });
    let mut groups: Vec<Vec<usize>> = Vec::new();
    let mut height = f32::INFINITY;
    for row in &all.scene.lanes {
        if height + row.height > room {
            groups.push(Vec::new());
            height = 0.0;
        }
        height += row.height;
        if let Some(group) = groups.last_mut() {
            group.push(row.lane);
        }
    }
    if groups.is_empty() {
        groups.push(Vec::new());
    }
    groups
}

/// `index` with only the lanes at positions `lanes`.
pub fn only_lanes(index: &TimelineIndex, lanes: &[usize]) -> TimelineIndex {
    let mut out = TimelineIndex {
        extent_secs: index.extent_secs,
        ..TimelineIndex::default()
    };
    for &lane in lanes {
        out.lanes.push(index.lanes[lane].clone());
        out.lane_actor.push(index.lane_actor[lane]);
        out.lane_group.push(index.lane_group[lane].clone());
    }
    out
}

/// The pages, each an SVG of `w` × `h` points, as one PDF.
fn assemble(pages: &[String], w: f32, h: f32) -> Result<Vec<u8>, String> {
    assemble_scaled(pages, w, h, 1.0)
}

/// The pages, each an SVG drawn at `scale` and centred across a page of `w` × `h` points, as
/// one PDF.
fn assemble_scaled(pages: &[String], w: f32, h: f32, scale: f32) -> Result<Vec<u8>, String> {
    let mut alloc = Ref::new(1);
    let catalog = alloc.bump();
    let tree_id = alloc.bump();
    let mut pdf = Pdf::new();
    let mut page_ids = Vec::new();
    let mut chunks = Vec::new();
    for svg in pages {
        let tree = tree(svg)?;
        let (chunk, svg_ref) = svg2pdf::to_chunk(&tree, svg2pdf::ConversionOptions::default())
            .map_err(|e| format!("the PDF cannot be made: {e}"))?;
        let mut map = HashMap::new();
        let chunk = chunk.renumber(|old| *map.entry(old).or_insert_with(|| alloc.bump()));
        let svg_ref = map.get(&svg_ref).copied().ok_or("the PDF cannot be made")?;
        let page = alloc.bump();
        let content = alloc.bump();
        let size = tree.size();
        chunks.push((
            page,
            content,
            svg_ref,
            chunk,
            size.width() * scale,
            size.height() * scale,
        ));
        page_ids.push(page);
    }
    pdf.catalog(catalog).pages(tree_id);
    pdf.pages(tree_id)
        .kids(page_ids.iter().copied())
        .count(page_ids.len() as i32);
    for (k, (page, content, svg_ref, chunk, sw, sh)) in chunks.into_iter().enumerate() {
        let name = format!("S{k}");
        let mut p = pdf.page(page);
        p.media_box(Rect::new(0.0, 0.0, w, h));
        p.parent(tree_id);
        p.contents(content);
        p.resources()
            .x_objects()
            .pair(Name(name.as_bytes()), svg_ref);
        p.finish();
        // The page's SVG fills the page from the top (it may be taller; it is cut at the foot).
        let mut c = Content::new();
        c.transform([sw, 0.0, 0.0, sh, ((w - sw) / 2.0).max(0.0), h - sh]);
        c.x_object(Name(name.as_bytes()));
        pdf.stream(content, &c.finish());
        pdf.extend(&chunk);
    }
    Ok(pdf.finish())
}
