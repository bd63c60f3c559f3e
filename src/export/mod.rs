//! Everything Swimline makes for others to read, with no window needed: the report of the
//! timeline as shown ([`report`]: framed, then written as SVG, PNG, PDF or an interactive HTML
//! page — [`output`]), the brief of starred events ([`brief`]), the data as shown ([`data`]),
//! screenshots; all in the colours of [`theme`], and all written atomically, never over an
//! existing file unless the user said so ([`write`](mod@write)). Knows nothing of the window or of the
//! command line.

pub mod brief;
pub mod data;
pub mod fonts;
pub mod html;
pub mod output;
pub mod raster;
pub mod report;
pub mod svg;
pub mod theme;
pub mod tiles;
pub mod write;

use std::path::Path;

use write::Replace;

use image::ImageEncoder;
use image::codecs::png::PngEncoder;

/// Why a screenshot could not be written.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// The file exists and the user did not agree to replace it.
    #[error(
        "{0} already exists: choose another name (Swimline does not overwrite files without asking)"
    )]
    Exists(String),
    /// The file could not be created or written.
    #[error("cannot write {file}: {source}")]
    Write {
        /// The path.
        file: String,
        /// What the operating system said.
        #[source]
        source: std::io::Error,
    },
    /// The path may not be written (not a regular file, or one of the user's own files).
    #[error("{0}")]
    Refused(String),
    /// The image could not be encoded.
    #[error("cannot encode the PNG for {file}: {message}")]
    Encode {
        /// The path.
        file: String,
        /// What the encoder said.
        message: String,
    },
}

/// Encodes RGBA pixels (`width * height * 4` bytes, unpremultiplied sRGB) as PNG.
pub fn encode_png(width: u32, height: u32, rgba: &[u8]) -> Result<Vec<u8>, String> {
    let mut bytes = Vec::new();
    PngEncoder::new(&mut bytes)
        .write_image(rgba, width, height, image::ExtendedColorType::Rgba8)
        .map_err(|e| e.to_string())?;
    Ok(bytes)
}

/// The pixels of an egui image as unpremultiplied RGBA bytes.
pub fn rgba_bytes(image: &egui::ColorImage) -> Vec<u8> {
    image
        .pixels
        .iter()
        .flat_map(|c| c.to_srgba_unmultiplied())
        .collect()
}

/// Writes `image` to `path` as PNG. With `replace` false an existing file is an error (checked
/// atomically by creating the file exclusively); with `replace` true (the user confirmed) the
/// PNG is written beside it and renamed over it, so a failure never leaves half a file.
pub fn write_png(path: &Path, image: &egui::ColorImage, replace: bool) -> Result<(), ExportError> {
    let file = path.display().to_string();
    let [w, h] = image.size;
    let png = encode_png(w as u32, h as u32, &rgba_bytes(image)).map_err(|message| {
        ExportError::Encode {
            file: file.clone(),
            message,
        }
    })?;
    write::write_atomic(path, &png, Replace::if_agreed(replace)).map_err(|e| match e {
        write::WriteError::Exists(file) => ExportError::Exists(file),
        write::WriteError::Io { file, source } => ExportError::Write { file, source },
        refused @ (write::WriteError::NotAFile(_) | write::WriteError::Protected { .. }) => {
            ExportError::Refused(refused.to_string())
        }
    })
}

#[cfg(test)]
mod tests {
    use super::{ExportError, write_png};

    #[test]
    fn never_overwrites_without_consent() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let path = dir.path().join("shot.png");
        let _ = std::fs::remove_file(&path);
        let image = egui::ColorImage::filled([4, 3], egui::Color32::RED);
        assert!(write_png(&path, &image, false).is_ok());
        let first = std::fs::read(&path).unwrap_or_default();
        assert!(first.starts_with(b"\x89PNG"));
        let again = write_png(
            &path,
            &egui::ColorImage::filled([2, 2], egui::Color32::BLUE),
            false,
        );
        assert!(matches!(again, Err(ExportError::Exists(_))));
        assert_eq!(
            std::fs::read(&path).unwrap_or_default(),
            first,
            "file untouched"
        );
        assert!(write_png(&path, &image, true).is_ok());
        let _ = std::fs::remove_dir_all(&dir);
    }
}
