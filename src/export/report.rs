//! A report: the timeline's scene framed for a page — a title, a line saying what is shown, the
//! timeline with every lane (nothing cut off; past a page's worth, the busiest drawn and the
//! rest folded into one last row, said in the subtitle: [`fold_report_lanes`]), a legend of
//! the kinds and links it shows, a key to how uncertainty is drawn, and a footer naming the
//! source. Plain data, laid out in points; [`super::svg`] writes it, and PNG and PDF are made
//! from that SVG.
//!
//! [`ReportOf`] is the timeline as shown, handed over by whoever shows it (the window's export,
//! `render`); [`report_spec`] frames it (title, the line under it, footer), and [`report_svg`] /
//! [`super::html::report_html`] write it.

use crate::layout::TimelineIndex;
use crate::layout::rows::{stack_lanes, zoom_bucket};
use crate::layout::scene::{Area, Scene, SceneInput, build, content_height, lane_tops};
use crate::layout::{ScreenMap, TimeView};
use crate::model::{Dataset, EventKind, LinkKind, Timestamp};

use super::svg::to_svg;

pub mod fold;

pub use fold::{Folded, MAX_LANES_HEIGHT_PT, MAX_REPORT_LANES};

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

/// The scene input of the report of `spec` (its canvas one point tall, to be grown), handed to
/// `f`: what [`layout`] and the lanes' heights are measured from.
fn with_scene_input<R>(spec: &ReportSpec<'_>, f: impl FnOnce(&mut SceneInput<'_>) -> R) -> R {
    let canvas_x0 = MARGIN;
    let canvas_x1 = spec.width - MARGIN;
    let time_width = f64::from(canvas_x1 - canvas_x0 - crate::layout::metrics::LANE_HEADER_WIDTH);
    let map = ScreenMap::new(spec.view, 0.0, time_width);
    let stacking = stack_lanes(
        spec.dataset,
        spec.index,
        zoom_bucket(spec.dataset.events.len(), map.secs_per_px()),
    );
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
        canvas: Area::new(canvas_x0, TITLE_HEIGHT, canvas_x1, TITLE_HEIGHT + 1.0),
        scroll_y: 0.0,
        selected: spec.selected,
        matches: spec.matches,
        now_secs: crate::model::Timestamp::now().as_f64(),
        marks: spec.marks,
        own_links_from: spec.own_links_from,
        zone: spec.zone,
    };
    f(&mut input)
}

/// The lanes of `spec` folded when a page cannot hold them legibly ([`fold::MAX_REPORT_LANES`],
/// [`fold::MAX_LANES_HEIGHT_PT`]); `None` when every lane is drawn, and for a database's
/// window (its lanes are looked up by name, so they are not merged). Lay the report out from
/// [`Folded::spec`].
pub fn fold_report_lanes(spec: &ReportSpec<'_>, limits: fold::Limits) -> Option<Folded> {
    if spec.remote.is_some() {
        return None;
    }
    let heights: Vec<f32> = with_scene_input(spec, |input| {
        lane_tops(input).windows(2).map(|w| w[1] - w[0]).collect()
    });
    fold::fold_lanes(spec.index, &heights, limits)
}

impl Folded {
    /// `spec` with these folded lanes, its subtitle saying what was folded.
    pub fn spec<'a>(&'a self, spec: ReportSpec<'a>) -> ReportSpec<'a> {
        let words = self.words();
        let room = MAX_HEADING_CHARS.saturating_sub(words.chars().count() + 3);
        let subtitle = match spec.subtitle.char_indices().nth(room) {
            Some((at, _)) => format!("{}\u{2026}", &spec.subtitle[..at]),
            None => spec.subtitle.clone(),
        };
        ReportSpec {
            index: &self.index,
            subtitle: format!("{subtitle} \u{b7} {words}"),
            ..spec
        }
    }
}

/// Lays out the report of `spec`, every lane of `spec.index` drawn (see
/// [`fold_report_lanes`] for a page that cannot hold them).
pub fn layout(spec: &ReportSpec<'_>) -> Report {
    let top = TITLE_HEIGHT;
    let (scene, height) = with_scene_input(spec, |input| {
        let height = content_height(input);
        let canvas = input.canvas;
        input.canvas = Area::new(canvas.x0, top, canvas.x1, top + height);
        (build(input), height)
    });
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

/// The stretch of time shown: `--from`/`--to` where given, else the extent of what is shown
/// with a little room, and on the right room for the longest label after the last event (the
/// report's width is `time_width` points).
pub(crate) fn view_of(
    extent: Option<(i64, i64)>,
    (from, to): (Option<i64>, Option<i64>),
    time_width: f64,
) -> TimeView {
    let (a, b) = extent.unwrap_or_else(|| {
        let now = Timestamp::now().0;
        (now - 365 * 86_400, now)
    });
    let start = from.unwrap_or(a) as f64;
    let end = to.unwrap_or(b) as f64;
    let span = (end - start).max(60.0);
    let (pad_left, pad_right) = (
        if from.is_some() { 0.0 } else { span * 0.03 },
        if to.is_some() {
            0.0
        } else {
            let label = f64::from(crate::layout::metrics::MAX_LABEL_WIDTH) + 10.0;
            (span * 0.18).max(span * label / (time_width - label).max(1.0))
        },
    );
    TimeView {
        start_secs: start - pad_left,
        span_secs: span + pad_left + pad_right,
    }
}

/// The timeline as shown, to be made a report of: by `render`, and by the app's export.
pub struct ReportOf<'a> {
    /// The dataset.
    pub dataset: &'a Dataset,
    /// Its lanes as shown (filtered, collapsed, in order).
    pub index: &'a TimelineIndex,
    /// The time shown.
    pub view: TimeView,
    /// How many events the filter shows.
    pub shown: usize,
    /// The first and last instant the line under the title names, in seconds.
    pub span: (i64, i64),
    /// What the filter keeps, in words ("only claim, denial").
    pub only: Vec<String>,
    /// The search, when there is one.
    pub search: Option<&'a str>,
    /// Which events match it.
    pub mask: Option<&'a [bool]>,
    /// The selected event, ringed.
    pub selected: Option<usize>,
    /// What the analyst marked: stars, notes, own events.
    pub marks: Option<&'a rustc_hash::FxHashMap<usize, crate::model::Marks>>,
    /// Links from this position of the dataset's on are the analyst's own.
    pub own_links_from: Option<usize>,
    /// The title; the dataset's when `None`.
    pub title: Option<String>,
    /// The data file's name, for the footer.
    pub source_name: &'a str,
    /// Page width in points.
    pub width_pt: f32,
    /// Light or dark.
    pub theme: Theme,
    /// A database on screen: its last answer and the table's extent.
    pub remote: Option<(&'a crate::source::window::Answer, Option<(i64, i64)>)>,
    /// For a database: how many rows the view holds (the subtitle counts rows, not the few
    /// events fetched).
    pub rows_in_view: Option<u64>,
    /// The zone whose clocks the axis follows.
    pub zone: crate::model::ShownZone,
}

/// The SVG of the report of `r`: title, what is shown, the timeline, legend, key, footer.
/// Past [`MAX_REPORT_LANES`] lanes (or [`MAX_LANES_HEIGHT_PT`] of them) the busiest are drawn
/// and the rest folded into the last row, and the subtitle says so.
pub fn report_svg(r: &ReportOf<'_>) -> String {
    let spec = report_spec(r);
    match fold_report_lanes(&spec, fold::PAGE_LIMITS) {
        Some(folded) => to_svg(&layout(&folded.spec(spec)), r.dataset),
        None => to_svg(&layout(&spec), r.dataset),
    }
}

/// What the report of `r` is laid out from.
pub fn report_spec<'a>(r: &ReportOf<'a>) -> ReportSpec<'a> {
    let dataset = r.dataset;
    ReportSpec {
        dataset,
        index: r.index,
        view: r.view,
        width: r.width_pt,
        title: r.title.clone().unwrap_or_else(|| {
            if dataset.title.is_empty() {
                r.source_name.to_owned()
            } else {
                dataset.title.clone()
            }
        }),
        subtitle: subtitle(r),
        footer: format!(
            "Source: {} · times in {} · exported with Swimline {} on {}",
            r.source_name,
            zone_words(r.zone),
            env!("CARGO_PKG_VERSION"),
            today()
        ),
        matches: r.mask,
        selected: r.selected,
        theme: r.theme,
        marks: r.marks,
        own_links_from: r.own_links_from,
        remote: r.remote,
        zone: r.zone,
    }
}

/// The zone as the footer names it: `UTC`, `Europe/Kyiv`, `local time (UTC+02:00)`.
fn zone_words(zone: crate::model::ShownZone) -> String {
    match zone {
        crate::model::ShownZone::Local => {
            format!("local time ({})", zone.offset_words(Timestamp::now().0))
        }
        other => other.name(),
    }
}

/// The line under the title: how many events, over what time, and what hides or dims them.
fn subtitle(r: &ReportOf<'_>) -> String {
    use crate::model::time::{MONTH_ABBREV, group_thousands, year_label};
    let month = |t: i64| {
        let c = Timestamp(t).civil();
        format!(
            "{} {}",
            MONTH_ABBREV[usize::from(c.month - 1)],
            year_label(c.year)
        )
    };
    let total = r.dataset.events.len();
    let mut text = if let Some(rows) = r.rows_in_view {
        format!("{} rows in view", group_thousands(rows as i64))
    } else if r.shown == total {
        format!("{} events", group_thousands(total as i64))
    } else {
        format!(
            "{} of {} events",
            group_thousands(r.shown as i64),
            group_thousands(total as i64)
        )
    };
    text.push_str(&format!(", {}", span_words(r.span, month)));
    let mut only = r.only.clone();
    if let (Some(search), Some(mask)) = (r.search, r.mask) {
        let n = mask.iter().filter(|&&m| m).count();
        only.push(format!(
            "{} matching \u{201c}{search}\u{201d} in full colour",
            group_thousands(n as i64)
        ));
    }
    if !only.is_empty() {
        text.push_str(": ");
        text.push_str(&only.join("; "));
    }
    text
}

/// The time a report covers, as precisely as it needs: months (`Sep 2015 – Mar 2018`), or
/// days within one month (`3 – 5 Jan 2018`), or one day (`4 Jan 2018`); the end is exclusive.
fn span_words((t0, t1): (i64, i64), month: impl Fn(i64) -> String) -> String {
    let (a, b) = (Timestamp(t0).civil(), Timestamp((t1 - 1).max(t0)).civil());
    if (a.year, a.month) != (b.year, b.month) {
        return format!("{} – {}", month(t0), month(t1));
    }
    if a.day == b.day {
        format!("{} {}", a.day, month(t0))
    } else {
        format!("{} – {} {}", a.day, b.day, month(t0))
    }
}

/// Today, as `2026-12-01`.
pub(crate) fn today() -> String {
    let c = Timestamp::now().civil();
    format!("{:04}-{:02}-{:02}", c.year, c.month, c.day)
}

#[cfg(test)]
mod span_tests {
    use super::*;

    #[test]
    fn a_report_spans_months_or_days_as_precisely_as_it_needs() {
        let month = |t: i64| {
            let c = Timestamp(t).civil();
            format!("{}/{}", c.month, c.year)
        };
        let day = |y, m, d| {
            crate::model::time::CivilDateTime::date(y, m, d)
                .timestamp()
                .0
        };
        assert_eq!(
            span_words((day(2015, 9, 3), day(2018, 3, 1)), month),
            "9/2015 – 3/2018"
        );
        assert_eq!(
            span_words((day(2018, 1, 3), day(2018, 1, 6)), month),
            "3 – 5 1/2018"
        );
        assert_eq!(
            span_words((day(2018, 1, 4), day(2018, 1, 5)), month),
            "4 1/2018"
        );
    }
}
