//! `swimline render SOURCE`: a report of a database, made the way the window makes its view —
//! one window asked for at the report's width (per-lane counts, and the events of the lanes few
//! enough in it), with your notes on the source by event id.

use super::{RenderError, RenderSpec};
use crate::export::html::report_html;
use crate::export::output::{OutputKind, encode};
use crate::export::report::{ReportOf, report_svg, view_of};
use crate::export::tiles::tiled_report;
use crate::layout::TimelineIndex;
use crate::model::filter::Filter;
use crate::source::connect::open_now;
use crate::source::plan::Plan;
use crate::source::sql::SqlFilter;
use crate::source::window::{Request, extent_of, fetch_window, window_dataset};

/// The bytes of the report of the database `text` names, and the rows it could not draw,
/// counted in words.
pub(super) fn report_bytes(
    spec: &RenderSpec,
    text: &str,
    range: (Option<i64>, Option<i64>),
    kind: OutputKind,
) -> Result<(Vec<u8>, Vec<String>), RenderError> {
    let summaries = crate::source::summary::folder();
    let mut opened = open_now(text, summaries.as_deref()).map_err(RenderError::Export)?;
    for lane in &spec.lanes {
        if !opened.lanes.iter().any(|l| &l.name == lane) {
            let names: Vec<&str> = opened.lanes.iter().map(|l| l.name.as_str()).collect();
            return Err(RenderError::Usage(format!(
                "--lanes {lane}: the table has no such lane; {}",
                super::nearest::nearest_words(lane, &names)
            )));
        }
    }
    let extent = extent_of(&opened.lanes);
    let time_width = spec.time_width();
    let view = view_of(extent, range, time_width);
    let filter = Filter {
        hidden_kinds: spec.hidden_kinds(),
        hidden_actors: spec.hidden_lanes(opened.lanes.iter().map(|l| l.name.as_str())),
        ..Filter::default()
    };
    let filter = SqlFilter::of(&filter, spec.search.as_deref());
    let request = Request {
        plan: Plan::for_view(view.start_secs, view.end_secs(), time_width),
        filter,
        fine: None,
    };
    let answer = fetch_window(opened.engine.as_mut(), &request)
        .map_err(|e| RenderError::Export(e.to_string()))?;
    let name = opened.spec.short_name();
    let window = window_dataset(&opened.spec.table_name(), &opened.lanes, &answer);
    // Your notes on this source (by event id), as the window keeps them.
    let folder = crate::notes::store::app_folder();
    let notes_opened =
        crate::notes::store::NotesStore::open_source(&opened.spec.to_string(), folder.as_deref());
    let file = crate::notes::own::Counts::all_of(&window);
    let combined = crate::notes::own::combine(window, file, &notes_opened.notes);
    let dataset = combined.dataset;
    let mut notes =
        crate::doc::notes::NotesState::new(notes_opened.store, notes_opened.notes, file, None);
    notes.windowed = true;
    notes.refresh(&dataset);
    let mut index = TimelineIndex::build(&dataset);
    index.extent_secs = extent;
    let hidden = &request.filter.hidden_lanes;
    let keeps: Vec<bool> = (0..dataset.events.len())
        .map(|i| !spec.starred || notes.marks_of(i).starred)
        .collect();
    let index = if hidden.is_empty() && !spec.starred {
        index
    } else {
        index.filtered(&keeps, |actor| {
            actor.is_none_or(|a| !hidden.contains(&dataset.actors[a].id))
        })
    };
    let rows = answer.rows_in(view.start_secs, view.end_secs());
    let only = spec.only_words(spec.search.as_deref());
    let source_name = format!("{name} ({})", opened.engine.name());
    let of = ReportOf {
        dataset: &dataset,
        index: &index,
        view,
        shown: dataset.events.len(),
        span: (view.start_secs as i64, view.end_secs() as i64 - 1),
        only,
        search: None,
        mask: None,
        selected: None,
        marks: Some(&notes.marks),
        own_links_from: Some(notes.file.links),
        title: spec.title.clone(),
        source_name: &source_name,
        width_pt: spec.width_px as f32 / spec.scale,
        theme: spec.theme,
        remote: Some((&answer, extent)),
        rows_in_view: Some(rows),
        zone: spec.zone,
    };
    let bytes = if let (OutputKind::Pdf, Some(paper)) = (kind, spec.paper) {
        tiled_report(&of, paper).map_err(RenderError::Export)?
    } else if kind == OutputKind::Html {
        report_html(&of, None).into_bytes()
    } else {
        encode(&report_svg(&of), kind, spec.scale).map_err(RenderError::Export)?
    };
    Ok((bytes, std::mem::take(&mut opened.warnings)))
}
