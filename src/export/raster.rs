//! The report's SVG turned into a PNG (rasterised by resvg on the CPU: no display, no GPU) or a
//! PDF (by svg2pdf, text kept as text with the subsets of the fonts used embedded). Both read the
//! SVG with the fonts egui draws with, so the picture matches the window, and the bundled
//! Arabic-script font; the machine's fonts join them only when a letter needs one
//! ([`super::fonts`]). usvg orders mixed-direction text itself.

use resvg::usvg;

/// The fonts for reading the SVG text of `svg`.
fn options(svg: &str) -> usvg::Options<'static> {
    usvg::Options {
        fontdb: super::fonts::database_for(svg),
        font_family: "Ubuntu".to_owned(),
        ..usvg::Options::default()
    }
}

/// The SVG's tree, or why it cannot be read (a bug: Swimline wrote it).
pub fn tree(svg: &str) -> Result<usvg::Tree, String> {
    usvg::Tree::from_str(svg, &options(svg)).map_err(|e| format!("the SVG cannot be read: {e}"))
}

/// `svg` as pixels, `scale` pixels per point: width, height and unpremultiplied RGBA.
pub fn pixels_of_svg(svg: &str, scale: f32) -> Result<(u32, u32, Vec<u8>), String> {
    let pixmap = pixmap_of_svg(svg, scale)?;
    let rgba = pixmap
        .pixels()
        .iter()
        .flat_map(|p| {
            let c = p.demultiply();
            [c.red(), c.green(), c.blue(), c.alpha()]
        })
        .collect();
    Ok((pixmap.width(), pixmap.height(), rgba))
}

/// `svg` as a PNG, `scale` pixels per point.
pub fn png_of_svg(svg: &str, scale: f32) -> Result<Vec<u8>, String> {
    pixmap_of_svg(svg, scale)?
        .encode_png()
        .map_err(|e| format!("the PNG cannot be encoded: {e}"))
}

fn pixmap_of_svg(svg: &str, scale: f32) -> Result<resvg::tiny_skia::Pixmap, String> {
    let tree = tree(svg)?;
    let size = tree.size();
    let (w, h) = (
        (size.width() * scale).ceil() as u32,
        (size.height() * scale).ceil() as u32,
    );
    let mut pixmap = resvg::tiny_skia::Pixmap::new(w.max(1), h.max(1))
        .ok_or_else(|| format!("an image of {w} × {h} pixels is too large"))?;
    resvg::render(
        &tree,
        resvg::tiny_skia::Transform::from_scale(scale, scale),
        &mut pixmap.as_mut(),
    );
    Ok(pixmap)
}

/// `svg` as a one-page PDF the size of the SVG (1 point = 1/72 inch).
pub fn pdf_of_svg(svg: &str) -> Result<Vec<u8>, String> {
    let tree = tree(svg)?;
    svg2pdf::to_pdf(
        &tree,
        svg2pdf::ConversionOptions::default(),
        svg2pdf::PageOptions::default(),
    )
    .map_err(|e| format!("the PDF cannot be made: {e}"))
}
