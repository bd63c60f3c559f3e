//! The kinds of file a report is written as (PNG, SVG, PDF, HTML), told by the output's name,
//! and an SVG turned into the bytes of each. Writes nothing (see [`super::write`]).

use std::path::Path;

use super::raster::png_of_svg;
use super::tiles::Paper;

/// The kinds of file a report is written as, by the name's extension.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OutputKind {
    /// A raster image.
    Png,
    /// Vector, text as text.
    Svg,
    /// One A4 landscape page (the report scaled to fit), text as text.
    Pdf,
    /// One self-contained, interactive web page (zoom, pan, search, details).
    Html,
}

/// An output name whose ending names no kind Swimline writes.
#[derive(Debug, thiserror::Error)]
#[error("{0}: the output's name must end in .png, .svg, .pdf or .html")]
pub struct UnknownKind(pub String);

impl OutputKind {
    /// The kind's name as a user reads it: `PNG`, `SVG`, `PDF`, `HTML`.
    pub fn name(self) -> &'static str {
        match self {
            Self::Png => "PNG",
            Self::Svg => "SVG",
            Self::Pdf => "PDF",
            Self::Html => "HTML",
        }
    }
}

/// The kind of file `path` names, from its extension.
pub fn output_kind(path: &Path) -> Result<OutputKind, UnknownKind> {
    match path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .as_deref()
    {
        Some("png") => Ok(OutputKind::Png),
        Some("svg") => Ok(OutputKind::Svg),
        Some("pdf") => Ok(OutputKind::Pdf),
        Some("html" | "htm") => Ok(OutputKind::Html),
        _ => Err(UnknownKind(path.display().to_string())),
    }
}

/// `svg` as the bytes of `kind` (a PNG at `scale` pixels per point; a web page wraps the SVG
/// as it is, with no zoom levels: [`super::html::report_html`] makes the interactive one).
pub fn encode(svg: &str, kind: OutputKind, scale: f32) -> Result<Vec<u8>, String> {
    match kind {
        OutputKind::Svg => Ok(svg.as_bytes().to_vec()),
        OutputKind::Png => png_of_svg(svg, scale),
        OutputKind::Pdf => crate::export::tiles::one_page_pdf(svg, Paper::A4),
        OutputKind::Html => Ok(format!(
            "<!DOCTYPE html>\n<html lang=\"en\"><meta charset=\"utf-8\"><body>\n{svg}</body></html>\n"
        )
        .into_bytes()),
    }
}
