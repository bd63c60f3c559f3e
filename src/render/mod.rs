//! `swimline render FILE -o OUT.png|OUT.svg|OUT.pdf`: a report of a data file, made without a
//! window (no display needed): the same scene the window draws, framed with a title, what is
//! shown, a legend, a key to uncertainty and a footer. Reads the file, never writes it; writes
//! the output atomically and never over an existing file without `--force`.

mod nearest;
mod remote;

use std::path::{Path, PathBuf};

use crate::doc::Document;
use crate::doc::notes::NotesState;
use crate::doc::shown::Shown;
use crate::export::html::report_html;
pub use crate::export::output::OutputKind;
use crate::export::output::{UnknownKind, encode, output_kind};
use crate::export::report::{ReportOf, Theme, report_svg, view_of};
pub use crate::export::tiles::Paper;
use crate::export::tiles::tiled_report;
use crate::export::write::{Replace, WriteError, write_atomic};
use crate::io::{LoadError, load_default, load_path};
use crate::model::filter::Filter;
use crate::model::{EventKind, FuzzyDate};

/// What to render.
#[derive(Clone, Debug, PartialEq)]
pub struct RenderSpec {
    /// The data file; `None` for the built-in dataset (or a database source).
    pub input: Option<PathBuf>,
    /// A database source string (`duckdb:…`, `postgresql://…`) instead of a file.
    pub source: Option<String>,
    /// Where to write.
    pub output: PathBuf,
    /// Show from this date (EDTF), else from the first event.
    pub from: Option<String>,
    /// Show to this date (EDTF), else to the last event.
    pub to: Option<String>,
    /// Only these lanes (actor ids); empty: all.
    pub lanes: Vec<String>,
    /// Only these kinds; empty: all.
    pub kinds: Vec<EventKind>,
    /// Dim what does not match this text.
    pub search: Option<String>,
    /// Width of a PNG in pixels (and of SVG and PDF pages in points, divided by `scale`).
    pub width_px: u32,
    /// Pixels per point of a PNG, 1 to 4.
    pub scale: f32,
    /// Light (for print) or dark.
    pub theme: Theme,
    /// The title; the dataset's when `None`.
    pub title: Option<String>,
    /// Replace an existing output file.
    pub is_forced: bool,
    /// `--starred`: only the events starred in the notes beside the file.
    pub starred: bool,
    /// `--sheet` and `--map`: how to read a spreadsheet or a table of its own layout.
    pub load: crate::io::LoadOptions,
    /// A PDF tiled on pages of this paper (lane names and axis on every page) instead of one
    /// page the size of the content.
    pub paper: Option<Paper>,
    /// `--show-zone`: the zone whose clocks the axis follows.
    pub zone: crate::model::ShownZone,
}

/// Why a render failed.
#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    /// A flag or value is wrong; the message says which and why (exit status 2).
    #[error("{0}")]
    Usage(String),
    /// The data file cannot be read.
    #[error(transparent)]
    Load(#[from] LoadError),
    /// The output cannot be written (it exists, or the disk refused).
    #[error(transparent)]
    Write(#[from] WriteError),
    /// The image could not be made.
    #[error("{0}")]
    Export(String),
}

impl From<UnknownKind> for RenderError {
    fn from(unknown: UnknownKind) -> Self {
        Self::Usage(unknown.to_string())
    }
}

impl RenderSpec {
    /// A spec for `input` → `output` with every default: the whole extent, all lanes and
    /// kinds, 2400 pixels wide at 2×, light.
    pub fn new(input: Option<PathBuf>, output: PathBuf) -> Self {
        Self {
            input,
            source: None,
            output,
            from: None,
            to: None,
            lanes: Vec::new(),
            kinds: Vec::new(),
            search: None,
            width_px: 2400,
            scale: 2.0,
            theme: Theme::Light,
            title: None,
            is_forced: false,
            starred: false,
            load: crate::io::LoadOptions::default(),
            paper: None,
            zone: crate::model::ShownZone::Utc,
        }
    }
}

impl RenderSpec {
    /// The kinds `--kinds` leaves out.
    fn hidden_kinds(&self) -> Vec<EventKind> {
        if self.kinds.is_empty() {
            return Vec::new();
        }
        EventKind::ALL
            .into_iter()
            .filter(|k| !self.kinds.contains(k))
            .collect()
    }

    /// The lanes of `all` that `--lanes` leaves out.
    fn hidden_lanes<'a>(&self, all: impl Iterator<Item = &'a str>) -> Vec<String> {
        if self.lanes.is_empty() {
            return Vec::new();
        }
        all.filter(|l| !self.lanes.iter().any(|k| k == l))
            .map(str::to_owned)
            .collect()
    }

    /// The width of the report's time area, in points.
    fn time_width(&self) -> f64 {
        f64::from(
            self.width_px as f32 / self.scale
                - 2.0 * crate::export::report::MARGIN
                - crate::layout::metrics::LANE_HEADER_WIDTH,
        )
    }

    /// What the report keeps, in words, for the line under the title (with `search` when the
    /// search narrows, rather than dims).
    fn only_words(&self, search: Option<&str>) -> Vec<String> {
        let mut only = Vec::new();
        if !self.kinds.is_empty() {
            let names: Vec<&str> = self.kinds.iter().map(|k| k.name()).collect();
            only.push(format!("only {}", names.join(", ")));
        }
        if !self.lanes.is_empty() {
            only.push(format!("lanes {}", self.lanes.join(", ")));
        }
        if let Some(search) = search {
            only.push(format!("matching \u{201c}{search}\u{201d}"));
        }
        if self.starred {
            only.push("only starred".to_owned());
        }
        only
    }
}

/// Renders `spec` and writes it; returns what was written, in words.
pub fn render(spec: &RenderSpec) -> Result<String, RenderError> {
    // First, whatever the name's ending: never the user's own files, --force or not.
    crate::export::write::refuse_protected(
        &spec.output,
        spec.input.as_deref(),
        crate::paths::session_file().as_deref(),
    )?;
    let kind = output_kind(&spec.output)?;
    if !(1.0..=4.0).contains(&spec.scale) {
        return Err(RenderError::Usage(format!(
            "--scale {}: expected a scale from 1 to 4",
            spec.scale
        )));
    }
    if !(200..=20_000).contains(&spec.width_px) {
        return Err(RenderError::Usage(format!(
            "--width {}: expected a width from 200 to 20000 pixels",
            spec.width_px
        )));
    }
    let range = date_range(spec)?;
    if let Some(text) = &spec.source {
        if !spec.is_forced && spec.output.exists() {
            return Err(WriteError::Exists(spec.output.display().to_string()).into());
        }
        let (bytes, warnings) = remote::report_bytes(spec, text, range, kind)?;
        write_atomic(&spec.output, &bytes, Replace::if_agreed(spec.is_forced))?;
        let mut done = written(spec, kind, bytes.len());
        for w in warnings {
            done.push_str(&format!("\nwarning: {w}"));
        }
        return Ok(done);
    }
    let loaded = match &spec.input {
        Some(path) => {
            if same_file(path, &spec.output) {
                return Err(RenderError::Usage(format!(
                    "{}: that is the data file; Swimline never writes over it",
                    spec.output.display()
                )));
            }
            crate::io::load_path_with(path, &spec.load)?
        }
        None => load_default()?,
    };
    if !spec.is_forced && spec.output.exists() {
        return Err(WriteError::Exists(spec.output.display().to_string()).into());
    }
    // The notes of the data (beside it, or in the app's notes folder, as the window finds
    // them): your own events are drawn, stars and notes marked.
    let folder = crate::notes::store::app_folder();
    let doc = Document::with_notes(loaded, folder.as_deref());
    let bytes = report_bytes(spec, &doc, range, kind)?;
    let replace = Replace::if_agreed(spec.is_forced);
    write_atomic(&spec.output, &bytes, replace)?;
    let said = written(spec, kind, bytes.len());
    // Pixels and PDFs are drawn with the fonts found here (an SVG or HTML page with the
    // viewer's).
    let missing = match kind {
        OutputKind::Svg | OutputKind::Html => None,
        OutputKind::Png | OutputKind::Pdf => missing_scripts_of(&doc.loaded.dataset),
    };
    Ok(match missing {
        Some(words) => format!("{said}\nwarning: {words}"),
        None => said,
    })
}

/// What to say of the scripts of `dataset`'s names and titles that no font here draws.
fn missing_scripts_of(dataset: &crate::model::Dataset) -> Option<String> {
    let mut text = dataset.title.clone();
    for name in dataset.actors.iter().map(|a| a.name.as_str()) {
        text.push('\n');
        text.push_str(name);
    }
    for event in dataset.events.iter() {
        text.push('\n');
        text.push_str(event.title());
    }
    crate::export::fonts::missing_scripts_words(&crate::export::fonts::scripts_without_font(&text))
}

/// What `render` says it wrote.
fn written(spec: &RenderSpec, kind: OutputKind, bytes: usize) -> String {
    format!("{}: {} ({bytes} bytes)", spec.output.display(), kind.name())
}

/// Whether two paths name the same existing file.
fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

/// `--from` and `--to` as seconds: the first instant of `from`, the last of `to`.
fn date_range(spec: &RenderSpec) -> Result<(Option<i64>, Option<i64>), RenderError> {
    let parse = |flag: &str, text: &Option<String>| -> Result<Option<FuzzyDate>, RenderError> {
        text.as_deref()
            .map(|t| {
                t.parse::<FuzzyDate>()
                    .map_err(|e| RenderError::Usage(format!("{flag} {t}: {}", e.message)))
            })
            .transpose()
    };
    let from = parse("--from", &spec.from)?.map(|d| d.bounds().earliest.0);
    let to = parse("--to", &spec.to)?.map(|d| d.bounds().latest.0);
    if let (Some(a), Some(b)) = (from, to)
        && b <= a
    {
        return Err(RenderError::Usage(format!(
            "--to {} is not after --from {}: expected an end after the start",
            spec.to.as_deref().unwrap_or_default(),
            spec.from.as_deref().unwrap_or_default()
        )));
    }
    Ok((from, to))
}

/// Writes the brief of `input` — the events starred in the notes beside it, in time order — to
/// `output` as HTML (`.html`, `.htm`) or Markdown; says what it wrote.
pub fn brief(
    input: Option<&std::path::Path>,
    output: &std::path::Path,
    force: bool,
) -> Result<String, RenderError> {
    if input.is_some_and(|input| same_file(input, output)) {
        return Err(RenderError::Usage(format!(
            "{}: that is the data file; Swimline never writes over it",
            output.display()
        )));
    }
    crate::export::write::refuse_protected(output, input, crate::paths::session_file().as_deref())?;
    if !force && output.exists() {
        return Err(WriteError::Exists(output.display().to_string()).into());
    }
    let loaded = match input {
        Some(input) => load_path(input)?,
        None => load_default()?,
    };
    let folder = crate::notes::store::app_folder();
    let doc = Document::with_notes(loaded, folder.as_deref());
    unreadable_notes(&doc.notes)?;
    let of = doc.brief_of();
    let is_html = output
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("html") || e.eq_ignore_ascii_case("htm"));
    let text = if is_html {
        crate::export::brief::html(&of)
    } else {
        crate::export::brief::markdown(&of)
    };
    write_atomic(output, text.as_bytes(), Replace::if_agreed(force))?;
    Ok(format!(
        "{}: the brief of {} starred events ({})",
        output.display(),
        crate::export::brief::starred_count(&of),
        if is_html { "HTML" } else { "Markdown" }
    ))
}

/// An error when the notes a brief or a `--starred` report rests on could not be read: "no
/// event is starred" would be a wrong answer, not an empty one.
fn unreadable_notes(notes: &NotesState) -> Result<(), RenderError> {
    if !notes.store.is_unreadable() {
        return Ok(());
    }
    Err(RenderError::Export(notes.message.clone().unwrap_or_else(
        || {
            "the notes beside the data could not be read, so what is starred is not known"
                .to_owned()
        },
    )))
}

/// The report of `doc` as `kind`'s bytes.
fn report_bytes(
    spec: &RenderSpec,
    doc: &Document,
    range: (Option<i64>, Option<i64>),
    kind: OutputKind,
) -> Result<Vec<u8>, RenderError> {
    let dataset = &doc.loaded.dataset;
    if spec.starred {
        unreadable_notes(&doc.notes)?;
    }
    for lane in &spec.lanes {
        if !dataset.actors.iter().any(|a| &a.id == lane) {
            let ids: Vec<&str> = dataset.actors.iter().map(|a| a.id.as_str()).collect();
            return Err(RenderError::Usage(format!(
                "--lanes {lane}: no actor has that id; {}",
                nearest::nearest_words(lane, &ids)
            )));
        }
    }
    let filter = Filter {
        hidden_kinds: spec.hidden_kinds(),
        hidden_actors: spec.hidden_lanes(dataset.actors.iter().map(|a| a.id.as_str())),
        only_starred: spec.starred,
        ..Filter::default()
    };
    // What is shown, worked out as the window works it out.
    let mut shown = Shown::of(doc, filter, Vec::new());
    if let Some(search) = &spec.search {
        shown.search_for(doc, search.clone());
    }
    if !dataset.events.is_empty() && shown.count() == 0 {
        // An empty chart written with exit status 0 looked like success.
        return Err(RenderError::Export(if spec.starred {
            "nothing to draw: no event is starred in the notes of this data (star events in \
             the window, or leave out --starred)"
                .to_owned()
        } else {
            "nothing to draw: the kinds and lanes asked for leave no event".to_owned()
        }));
    }
    // The extent of what is shown (a filtered index keeps the whole dataset's).
    let extent = shown.extent(dataset);
    let view = view_of(extent, range, spec.time_width());
    // What the line under the title names: the dates asked for, else those of the events.
    let span = (
        range
            .0
            .or(extent.map(|e| e.0))
            .unwrap_or(view.start_secs as i64),
        range
            .1
            .or(extent.map(|e| e.1))
            .unwrap_or(view.end_secs() as i64)
            - 1,
    );
    let width_pt = spec.width_px as f32 / spec.scale;
    let of = ReportOf {
        span,
        only: spec.only_words(None),
        title: spec.title.clone(),
        ..shown.report_of(doc, view, width_pt, spec.theme, spec.zone)
    };
    if let (OutputKind::Pdf, Some(paper)) = (kind, spec.paper) {
        // Tiled pages, each bounded; the lanes are folded first as on one page.
        return tiled_report(&of, paper).map_err(RenderError::Export);
    }
    if kind == OutputKind::Html {
        return Ok(report_html(&of, Some(&doc.notes.notes)).into_bytes());
    }
    encode(&report_svg(&of), kind, spec.scale).map_err(RenderError::Export)
}
