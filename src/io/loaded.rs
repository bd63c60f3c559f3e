//! What a load gives: the dataset, where it came from ([`Origin`]: the built-in dataset, a file
//! of some format, or a database table) and the warnings. Plain data: it reads nothing.

use std::path::PathBuf;

use super::error::Problem;
use super::format::Format;
use crate::model::Dataset;

/// Where a dataset came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Origin {
    /// The dataset compiled into the binary (Swimline JSON).
    BuiltIn,
    /// A file, read as this format.
    File(Format),
    /// A database table in the layout of `docs/sources.md` (DuckDB, PostgreSQL), read window
    /// by window.
    Database,
}

impl Origin {
    /// The format the dataset was read as; `None` for a database table.
    pub fn format(self) -> Option<Format> {
        match self {
            Self::BuiltIn => Some(Format::Swimline),
            Self::File(format) => Some(format),
            Self::Database => None,
        }
    }

    /// What it was read as, as shown to users and printed by `swimline check`: the format's
    /// name, or "a database table".
    pub fn name(self) -> &'static str {
        self.format().map_or("a database table", Format::name)
    }

    /// The column lanes come from by default, where View ▸ Lanes from picks another (see
    /// [`Format::default_lane_column`]).
    pub(crate) fn default_lane_column(self) -> Option<&'static str> {
        self.format().and_then(Format::default_lane_column)
    }
}

/// A dataset and where it came from.
#[derive(Clone, Debug)]
pub struct Loaded {
    /// The validated dataset.
    pub dataset: Dataset,
    /// The file it was read from; `None` for the built-in default dataset and a database.
    pub path: Option<PathBuf>,
    /// The name shown to the user (the file's name).
    pub display_name: String,
    /// Where it came from: the built-in dataset, a file and its format, or a database.
    pub origin: Origin,
    /// Problems that did not stop the load: skipped rows, guessed encodings.
    pub warnings: Vec<Problem>,
}

impl Loaded {
    /// The format it was read as; `None` for a database table.
    pub fn format(&self) -> Option<Format> {
        self.origin.format()
    }
}
