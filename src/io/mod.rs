//! Reading data files into a [`Dataset`](crate::model::Dataset). One file per format; each
//! parses into raw records as close to the file as possible, then converts them into the model,
//! and reports problems with the file, the line and column (JSON) or row and column name (CSV),
//! and the field.
//!
//! The format is detected from the content, not the file name. A bad record among good ones is a
//! warning (the record is skipped and listed); a file that cannot be read at all is an error.
//! This module never writes files.
//!
//! The rooms, with arrows pointing one way (down this list):
//! - `load.rs`: the entry points (a path, bytes, the built-in dataset, a table's first rows),
//!   containers (spreadsheets, zip archives) opened;
//! - `detect.rs`: which format content is in, and the hand-over to its reader;
//! - `finish.rs`: what every import ends with (ids, validation, nothing read is an error);
//! - `format.rs`: the formats, each declared once (name, recognisers, reader, extensions);
//! - one file per format (`native/`, `swimline_csv/`, `timelinejs.rs`, …), which build a
//!   `draft.rs` import from the shared readers (`csv_table.rs`, `json.rs`, `text.rs`, …);
//! - the plain types: `loaded.rs` (what a load gives), `options.rs`, `error.rs`, `progress.rs`.
//!
//! No file here imports this one: each names the file it needs.

mod acled;
mod calendar;
mod csv_table;
mod detect;
mod draft;
mod error;
mod finish;
mod format;
mod gdelt;
mod json;
mod json_locate;
mod load;
mod loaded;
mod local_time;
pub mod mapping;
pub(crate) mod native;
mod options;
mod plaso;
pub(crate) mod progress;
mod read;
mod serde_words;
mod sheet;
mod sheet_guard;
mod swimline_csv;
mod text;
mod timelinejs;
mod timesketch;
mod vis_timeline;

pub use error::{LoadError, Location, Problem};
pub(crate) use format::EXTENSIONS;
pub use format::Format;
pub(crate) use load::{DEFAULT_DATASET_JSON, load_path_reporting};
pub use load::{
    load_bytes, load_bytes_as, load_bytes_with, load_default, load_path, load_path_with,
    table_preview,
};
pub use loaded::{Loaded, Origin};
pub use mapping::{DateOrder, Mapping};
pub use options::LoadOptions;
pub(crate) use progress::Progress;
pub(crate) use read::read_regular;
pub(crate) use serde_words::plain as plain_serde_message;
pub(crate) use sheet::sheet_names;
pub use text::encoding_for_label;
