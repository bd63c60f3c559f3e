//! The choices that change how a file is read (lanes, sheet, mapping, zone, encoding). Plain
//! data: it reads nothing.

use super::mapping::Mapping;

/// Choices that change how a file is read.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LoadOptions {
    /// For Timesketch files: the column (or JSON key) whose values become the lanes, instead of
    /// `timestamp_desc`.
    pub lane_column: Option<String>,
    /// For spreadsheets: the sheet to read (`None`: the first with a layout Swimline knows).
    pub sheet: Option<String>,
    /// Read a table of its own layout with these columns (`--map`, the mapping dialog).
    pub mapping: Option<Mapping>,
    /// The IANA zone (`Europe/Kyiv`) that times written without a zone are in (`--tz`);
    /// `None`: UTC.
    pub tz: Option<String>,
    /// Mappings remembered for headers (by [`header_key`](super::mapping::header_key)): a table whose header has
    /// one is read with it.
    pub remembered: std::collections::BTreeMap<String, Mapping>,
    /// The encoding a text file is read in (`--encoding`), whatever its bytes look like;
    /// `None`: its byte-order mark, UTF-8, or the encoding guessed from its letters.
    pub encoding: Option<&'static encoding_rs::Encoding>,
}

impl LoadOptions {
    /// [`LoadOptions::tz`] as a zone (`None` for UTC, or a name that is not one: the command
    /// line checks names before they get here).
    pub fn zone(&self) -> Option<chrono_tz::Tz> {
        self.tz.as_deref().and_then(|z| z.parse().ok())
    }
}
