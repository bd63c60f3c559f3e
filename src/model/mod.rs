//! The domain: events, actors, links and time as the reporting knows it.
//!
//! Everything here is validated on construction ([`Dataset::build`]), so the layout and the UI
//! can trust ids, references and resolved times. No egui, no file I/O.

pub mod dataset;
pub mod date;
pub mod error;
pub mod events;
pub mod filter;
pub mod kinds;
pub mod resolve;
pub mod search;
pub mod time;
pub mod words;
pub mod zone;

pub use dataset::{
    Actor, ActorDraft, Dataset, DatasetDraft, EventDraft, EventKind, Link, LinkDraft, LinkKind,
    Period, PeriodDraft, Rgb, Source,
};
pub use date::{Anchor, Bounds, Endpoint, FuzzyDate, Precision, RelativeDate, TimeSpec};
pub use error::{FieldPath, ModelError, PathSeg};
pub use events::{
    AttributeIter, Attributes, DetailParts, Event, Events, EventsDraft, TagIter, Tags,
};
pub use kinds::Marks;
pub use resolve::ResolvedTime;
pub use time::{CalendarDuration, CivilDateTime, Timestamp};
pub use zone::ShownZone;
