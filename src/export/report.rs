//! A report: the timeline's scene framed for a page — a title, a line saying what is shown, the
//! timeline with every lane (nothing cut off), a legend of the kinds and links it shows, a key
//! to how uncertainty is drawn, and a footer naming the source. Plain data, laid out in points;
//! [`super::svg`] writes it, and PNG and PDF are made from that SVG.

use crate::layout::TimelineIndex;
use crate::layout::rows::{stack_lanes, zoom_bucket};
use crate::layout::scene::{Area, Scene, SceneInput, build, content_height};
use crate::layout::{ScreenMap, TimeView};
use crate::model::{Dataset, EventKind, LinkKind};

/// The theme a report is drawn in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Theme {
    /// Dark text on white: for print (the default).
    Light,
    /// As the app shows it by default.
    Dark,
}

/// What a report shows and how it is framed.
pub struct ReportSpec<'a> {
    /// The dataset.
    pub dataset: &'a Dataset,
    /// Its lanes as shown (filtered, collapsed, in the user's order).
    pub index: &'a TimelineIndex,
    /// The stretch of time shown.
    pub view: TimeView,
    /// Width of the page in points.
    pub width: f32,
    /// The title (the dataset's unless the user typed another).
    pub title: String,
    /// The line under the title: what is shown ("16 events, Jan 2015 – Dec 2019").
    pub subtitle: String,
    /// The footer: the source file, the time zone, Swimline's version and the date.
    pub footer: String,
    /// Which events match the search (`None`: no search); the rest are dimmed.
    pub matches: Option<&'a [bool]>,
    /// The selected event, ringed.
    pub selected: Option<usize>,
    /// The theme.
    pub theme: Theme,
    /// What the analyst marked (stars, notes, own events); `None`: nothing.
    pub marks: Option<&'a rustc_hash::FxHashMap<usize, crate::model::Marks>>,
    /// Links from this position of the dataset's on are the analyst's own.
    pub own_links_from: Option<usize>,
    /// A database's last answer, drawn instead of the in-memory counts (and the table's
    /// extent).
    pub remote: Option<(&'a crate::source::window::Answer, Option<(i64, i64)>)>,
    /// The zone whose clocks the axis follows.
    pub zone: crate::model::ShownZone,
}

/// A report laid out: the scene at its place on the page, and the frame around it.
#[derive(Clone, Debug)]
pub struct Report {
    /// Page width, in points.
    pub width: f32,
    /// Page height, in points.
    pub height: f32,
    /// The theme.
    pub theme: Theme,
    /// The title, at the top.
    pub title: String,
    /// What is shown, under the title.
    pub subtitle: String,
    /// The timeline, laid out on its canvas (already offset on the page).
    pub scene: Scene,
    /// The kinds of event the timeline shows, for the legend.
    pub kinds: Vec<EventKind>,
    /// The kinds of link it shows.
    pub link_kinds: Vec<LinkKind>,
    /// Whether any label carries "(?)".
    pub has_uncertain: bool,
    /// Which of the analyst's signs the timeline shows, for the legend: stars, note marks,
    /// own events, own links.
    pub yours: (bool, bool, bool, bool),
    /// Top of the legend and key.
    pub legend_top: f32,
    /// Whether the legend and key are drawn (a tiled report has them on its last page only).
    pub has_legend: bool,
    /// The footer, at the bottom.
    pub footer: String,
}

/// Height of the title block, in points.
pub const TITLE_HEIGHT: f32 = 64.0;
/// Height of the legend and key block.
pub const LEGEND_HEIGHT: f32 = 136.0;
/// Height of the footer.
pub const FOOTER_HEIGHT: f32 = 28.0;
/// Margin around the page's content.
pub const MARGIN: f32 = 16.0;

/// Lays out the report of `spec`.
pub fn layout(spec: &ReportSpec<'_>) -> Report {
    let canvas_x0 = MARGIN;
    let canvas_x1 = spec.width - MARGIN;
    let time_width = f64::from(canvas_x1 - canvas_x0 - crate::layout::metrics::LANE_HEADER_WIDTH);
    let map = ScreenMap::new(spec.view, 0.0, time_width);
    let stacking = stack_lanes(
        spec.dataset,
        spec.index,
        zoom_bucket(spec.dataset.events.len(), map.secs_per_px()),
    );
    let top = TITLE_HEIGHT;
    let window = spec
        .remote
        .map(|(answer, extent)| crate::layout::WindowSource {
            index: spec.index,
            dataset: spec.dataset,
            answer,
            extent,
        });
    let source: &dyn crate::source::TimelineSource = match &window {
        Some(w) => w,
        None => spec.index,
    };
    let mut input = SceneInput {
        dataset: spec.dataset,
        source,
        stacking: &stacking,
        view: spec.view,
        canvas: Area::new(canvas_x0, top, canvas_x1, top + 1.0),
        scroll_y: 0.0,
        selected: spec.selected,
        matches: spec.matches,
        now_secs: crate::model::Timestamp::now().as_f64(),
        marks: spec.marks,
        own_links_from: spec.own_links_from,
        zone: spec.zone,
    };
    let height = content_height(&input);
    input.canvas = Area::new(canvas_x0, top, canvas_x1, top + height);
    let scene = build(&input);
    let shown = |event: usize| {
        spec.matches
            .is_none_or(|m| m.get(event).copied().unwrap_or(true))
    };
    let mut kinds: Vec<EventKind> = scene
        .marks
        .iter()
        .filter(|m| shown(m.event))
        .map(|m| spec.dataset.events.at(m.event).kind())
        .collect();
    kinds.sort_by_key(|k| EventKind::ALL.iter().position(|a| a == k));
    kinds.dedup();
    let mut link_kinds: Vec<LinkKind> = scene
        .links
        .iter()
        .map(|l| spec.dataset.links[l.link].kind)
        .collect();
    link_kinds.sort_by_key(|k| *k as u8);
    link_kinds.dedup();
    let has_uncertain = scene.labels.iter().any(|l| l.text.ends_with("(?)"));
    let has = |kind| scene.badges.iter().any(|b| b.kind == kind);
    let yours = (
        has(crate::layout::scene::BadgeKind::Star),
        has(crate::layout::scene::BadgeKind::Note),
        scene.rings.iter().any(|r| r.dashed),
        scene.links.iter().any(|l| l.dashed),
    );
    let legend_top = top + height + 12.0;
    let mut report = Report {
        width: spec.width,
        height: legend_top + LEGEND_HEIGHT + FOOTER_HEIGHT,
        theme: spec.theme,
        title: capped(&spec.title),
        subtitle: capped(&spec.subtitle),
        scene,
        kinds,
        link_kinds,
        has_uncertain,
        yours,
        legend_top,
        has_legend: true,
        footer: capped(&spec.footer),
    };
    // The legend's lines wrap on a narrow page: the page grows to hold them.
    report.height = legend_top + crate::export::svg::legend_height(&report) + FOOTER_HEIGHT;
    report
}

/// The most characters of a title, subtitle or footer a page draws: a page holds a few
/// hundred at most, and text layout of a 1 MB title never finished as PNG or PDF.
const MAX_HEADING_CHARS: usize = 600;

/// `text` cut to [`MAX_HEADING_CHARS`], the cut marked with "…".
fn capped(text: &str) -> String {
    match text.char_indices().nth(MAX_HEADING_CHARS) {
        Some((at, _)) => format!("{}\u{2026}", &text[..at]),
        None => text.to_owned(),
    }
}
