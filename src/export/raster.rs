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

/// The most pixels a PNG of a report has: resvg holds width × height × 4 bytes, so 100 million
/// pixels take 400 MB. A report's lanes are folded to a bounded height
/// ([`super::report::MAX_LANES_HEIGHT_PT`]), so only a very wide page at a large scale comes
/// near it (20,000 pixels wide at scale 4: some 18,000 tall).
pub const MAX_PNG_PIXELS: u64 = 100_000_000;

fn pixmap_of_svg(svg: &str, scale: f32) -> Result<resvg::tiny_skia::Pixmap, String> {
    let tree = tree(svg)?;
    let size = tree.size();
    let (w, h) = (
        (size.width() * scale).ceil() as u32,
        (size.height() * scale).ceil() as u32,
    );
    if u64::from(w) * u64::from(h) > MAX_PNG_PIXELS {
        return Err(format!(
            "an image of {w} × {h} pixels is larger than Swimline draws ({} million pixels): \
             choose a smaller width or scale",
            MAX_PNG_PIXELS / 1_000_000
        ));
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    /// An empty page `w` × `h` points.
    fn page(w: u32, h: u32) -> String {
        format!(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}\" height=\"{h}\"><rect width=\"4\" height=\"4\"/></svg>"
        )
    }

    #[test]
    fn a_png_past_the_pixel_bound_is_refused_before_its_pixels_are_held() {
        // #22: resvg held width × height × 4 bytes, 6.4 GB for a page of 2,000 lanes.
        let err = png_of_svg(&page(10_000, 5_001), 2.0)
            .err()
            .unwrap_or_default();
        assert!(
            err.contains("an image of 20000 × 10002 pixels is larger than Swimline draws"),
            "{err}"
        );
        assert!(png_of_svg(&page(100, 50), 2.0).is_ok());
    }
}
