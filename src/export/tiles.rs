//! A report too large for a page, tiled on A4 or Letter landscape: the timeline cut into pages
//! across (stretches of time, cut where the events are dense, none empty) and down (groups of
//! lanes packed onto pages, each lane as tall as its rows in that time), each page with its
//! own lane names and axis, the title and "page 2 of 6" at the top, and on every page the
//! legend and key of the whole report (a report that fits one page at a readable scale is one
//! page). Each page is an SVG made like a one-page report; svg2pdf turns each into a PDF
//! object and pdf-writer puts them in one document, text kept as text.

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

/// The least share of a page's room for lanes that a tile fills, all but the last tile of the
/// report: the columns of time are chosen so that their lanes pack pages this full.
pub const MIN_TILE_FILL: f32 = 0.5;

/// Room left after the last event of a tiled report for its label, in points: a label of
/// usual length (a longer one wraps onto a second line); the report's `MAX_LABEL_WIDTH` would
/// leave a page's right third empty.
const LAST_LABEL_ROOM: f32 = 130.0;

/// The most columns of time a tiled report is cut into (each cut tried costs a layout a
/// column: 1 + 2 + … + 8 = 36 layouts at most).
const MAX_COLUMNS: usize = 8;

/// The report `of` as tiled pages: its lanes folded first as on one page (a report of 100,000
/// lanes is a few pages, not thousands), then tiled. What `render --page` and the export
/// window both write.
pub fn tiled_report(of: &super::report::ReportOf<'_>, paper: Paper) -> Result<Vec<u8>, String> {
    let whole = super::report::report_spec(of);
    match super::report::fold_report_lanes(&whole, super::report::fold::PAGE_LIMITS) {
        Some(folded) => tiled_pdf(&folded.spec(whole), paper),
        None => tiled_pdf(&whole, paper),
    }
}

/// The report of `spec` (laid out `spec.width` points wide) as a PDF tiled on `paper`: one
/// page when it fits on one (scaled, see [`MIN_SCALE`]). Else packed: the time is cut into
/// columns where its events need it (see `columns`), each column's lanes with events in it
/// are laid out only as tall as their rows and grouped into pages.
pub fn tiled_pdf(spec: &ReportSpec<'_>, paper: Paper) -> Result<Vec<u8>, String> {
    if let Some(one) = on_one_page(spec, paper) {
        return one;
    }
    let (page_w, page_h) = paper.size();
    // Every page has the legend and key of the whole report, under its lanes (wrapped to the
    // page's width).
    let whole = layout(spec);
    let legend = super::svg::legend_height(&super::report::Report {
        width: page_w,
        ..whole.clone()
    });
    let room = page_h - TITLE_HEIGHT - 28.0 - AXIS_HEIGHT - legend - 12.0;
    // Tiles label at least the share of their events the report on one wide page labels.
    let shown: usize = spec.index.lanes.iter().map(|l| l.events.len()).sum();
    let labelled_share = whole.scene.labels.len() as f64 / shown.max(1) as f64;
    let tiles: Vec<(TimeView, Vec<usize>)> = columns(spec, page_w, room, labelled_share)
        .into_iter()
        .flat_map(|(view, groups)| groups.into_iter().map(move |g| (view, g)))
        .collect();
    let total = tiles.len();
    let mut pages: Vec<String> = Vec::new();
    for (k, (view, lanes)) in tiles.into_iter().enumerate() {
        let index = only_lanes(&within(spec, view), &lanes);
        let mut report = layout(&ReportSpec {
            index: &index,
            subtitle: format!("{} — page {} of {total}", spec.subtitle, k + 1),
            ..at(spec, view, page_w)
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

/// `spec` showing `view` on a page `page_w` wide.
fn at<'a>(spec: &ReportSpec<'a>, view: TimeView, page_w: f32) -> ReportSpec<'a> {
    ReportSpec {
        dataset: spec.dataset,
        index: spec.index,
        view,
        width: page_w,
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
    }
}

/// A column of time tried: its view, its lanes in page groups, and what it is worth.
struct Column {
    view: TimeView,
    /// Lanes with events in the view, in groups of a page each, with the height they take.
    groups: Vec<(Vec<usize>, f32)>,
    /// Events in the view (of its lanes) and how many of them have a label.
    labelled: (usize, usize),
}

/// The report's time cut into columns, each with its lanes in page groups. The time is cut
/// where it is dense: into 1, 2, … [`MAX_COLUMNS`] columns holding as many events each (their
/// starts' quantiles), each column from its first event to its last (the last with room after
/// it for a label), so no column spans empty time. Of these cuts, the one with the fewest
/// tiles is taken among those that label at least `labelled_share` of their events (the share
/// the report on one wide page labels: tiles are never less legible than it) and whose tiles
/// are each at least [`MIN_TILE_FILL`] full (the last tile excepted); failing that, the
/// legible one with the fewest tiles; failing that, the fewest tiles. Ties go to the cut that
/// labels more.
fn columns(
    spec: &ReportSpec<'_>,
    page_w: f32,
    room: f32,
    labelled_share: f64,
) -> Vec<(TimeView, Vec<Vec<usize>>)> {
    let mut starts: Vec<i64> = spec
        .index
        .lanes
        .iter()
        .flat_map(|l| l.earliest.iter().copied())
        .collect();
    starts.sort_unstable();
    let (Some(&first), Some(last)) = (
        starts.first(),
        spec.index
            .lanes
            .iter()
            .filter_map(|l| l.latest.iter().max())
            .max(),
    ) else {
        return vec![(spec.view, vec![(0..spec.index.lanes.len()).collect()])];
    };
    let view_end = spec.view.end_secs();
    let start = (first as f64).max(spec.view.start_secs);
    let end = (*last as f64).min(view_end).max(start + 60.0);
    let page_time = f64::from(page_w - 2.0 * MARGIN - LANE_HEADER_WIDTH);
    let label = f64::from(LAST_LABEL_ROOM);
    // (rank: 2 legible + 1 full, tiles, labels, the columns)
    let mut best: Option<(u8, usize, usize, Vec<Column>)> = None;
    for n in 1..=MAX_COLUMNS.min(starts.len()) {
        let cuts: Vec<f64> = (0..=n)
            .map(|k| match k {
                0 => start,
                k if k == n => end,
                k => (starts[k * starts.len() / n] as f64).clamp(start, end),
            })
            .collect();
        let mut cols = Vec::new();
        for pair in cuts.windows(2) {
            let (a, b) = (pair[0], pair[1]);
            if b <= a {
                continue;
            }
            let is_last = b >= end;
            let mut span = b - a;
            if is_last {
                // Room after the last event for a label of usual length, within the report
                // (a longer one wraps).
                span = (span + span * label / (page_time - label).max(1.0))
                    .min(view_end - a)
                    .max(span);
            }
            // A little room before the first event (its marker is not cut by the page).
            let pad = if a <= start { span * 0.01 } else { 0.0 };
            let view = TimeView {
                start_secs: a - pad,
                span_secs: (span + pad).max(60.0),
            };
            cols.push(try_column(spec, view, page_w, room));
        }
        let tiles: usize = cols.iter().map(|c| c.groups.len()).sum();
        let labels: usize = cols.iter().map(|c| c.labelled.1).sum();
        let events: usize = cols.iter().map(|c| c.labelled.0).sum();
        let heights: Vec<f32> = cols
            .iter()
            .flat_map(|c| c.groups.iter().map(|g| g.1))
            .collect();
        let is_full = heights
            .iter()
            .take(heights.len().saturating_sub(1))
            .all(|&h| h >= MIN_TILE_FILL * room);
        let is_legible = labels as f64 >= labelled_share * events as f64;
        let rank = u8::from(is_legible) * 2 + u8::from(is_full);
        let is_better = best.as_ref().is_none_or(|(r, t, l, _)| {
            rank > *r || (rank == *r && (tiles < *t || (tiles == *t && labels > *l)))
        });
        if is_better {
            best = Some((rank, tiles, labels, cols));
        }
    }
    let out: Vec<(TimeView, Vec<Vec<usize>>)> = best
        .map(|(_, _, _, cols)| cols)
        .unwrap_or_default()
        .into_iter()
        .filter(|c| !c.groups.is_empty())
        .map(|c| (c.view, c.groups.into_iter().map(|(g, _)| g).collect()))
        .collect();
    if out.is_empty() {
        return vec![(spec.view, vec![(0..spec.index.lanes.len()).collect()])];
    }
    out
}

/// `view` on pages `page_w` wide: the lanes with events in it laid out, grouped into pages of
/// `room` points of lanes.
fn try_column(spec: &ReportSpec<'_>, view: TimeView, page_w: f32, room: f32) -> Column {
    let (t0, t1) = (view.start_secs, view.end_secs());
    let mut lanes = Vec::new();
    let mut events = 0;
    for (k, l) in spec.index.lanes.iter().enumerate() {
        let here = l
            .earliest
            .iter()
            .zip(&l.latest)
            .filter(|&(&a, &b)| (a as f64) <= t1 && (b as f64) >= t0)
            .count();
        if here > 0 {
            lanes.push(k);
            events += here;
        }
    }
    if lanes.is_empty() {
        return Column {
            view,
            groups: Vec::new(),
            labelled: (0, 0),
        };
    }
    let index = only_lanes(&within(spec, view), &lanes);
    let all = layout(&ReportSpec {
        index: &index,
        title: String::new(),
        subtitle: String::new(),
        footer: String::new(),
        ..at(spec, view, page_w)
    });
    // First fit, tallest lanes first (a page's lanes then keep the report's order): pages
    // fuller than lanes cut in their order, where a tall lane after a short one leaves the
    // short one a page of its own.
    let mut rows: Vec<(usize, f32)> = all
        .scene
        .lanes
        .iter()
        .filter_map(|r| lanes.get(r.lane).map(|&l| (l, r.height)))
        .collect();
    rows.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    let mut groups: Vec<(Vec<usize>, f32)> = Vec::new();
    for (lane, height) in rows {
        match groups.iter_mut().find(|g| g.1 + height <= room) {
            Some(g) => {
                g.0.push(lane);
                g.1 += height;
            }
            None => groups.push((vec![lane], height)),
        }
    }
    for g in &mut groups {
        g.0.sort_unstable();
    }
    groups.sort_by_key(|g| g.0.first().copied());
    Column {
        view,
        groups,
        labelled: (events, all.scene.labels.len()),
    }
}

/// The index of `spec` with only the events that reach into `view`: a lane's rows are then
/// stacked for the events of the tile, and the lane is only as tall as they need (stacked
/// over the whole report, a lane with three events on a page took half of it).
fn within(spec: &ReportSpec<'_>, view: TimeView) -> TimelineIndex {
    let (t0, t1) = (view.start_secs, view.end_secs());
    let mut keep = vec![false; spec.dataset.events.len()];
    for lane in &spec.index.lanes {
        for (i, &e) in lane.events.iter().enumerate() {
            let is_open = lane.open_ended.contains(&(i as u32));
            if (lane.earliest[i] as f64) <= t1
                && (is_open || lane.latest[i] as f64 >= t0)
                && let Some(k) = keep.get_mut(e as usize)
            {
                *k = true;
            }
        }
    }
    spec.index.filtered(&keep, |_| true)
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
