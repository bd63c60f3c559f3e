//! Pure geometry, with no egui in it: where time falls on screen, which ticks the axis shows,
//! which row of its lane each event takes, and what is visible. Unit-testable with 1 unit = 1 px.
//!
//! Like rerun's `re_time_ruler`, it has no opinion on where things sit on screen or how the user
//! pans and zooms: the UI owns that and asks these functions.

pub mod bulk;
pub mod histogram;
pub mod index;
pub mod metrics;
pub mod rows;
pub mod scene;
pub mod stack;
pub mod ticks;
pub mod view;
pub mod window_source;

pub use index::{LaneIndex, TimelineIndex};
pub use stack::{Run, fold_runs, stack_rows};
pub use ticks::{Tick, TickRows, ticks, ticks_in};
pub use view::{ScreenMap, TimeView};
pub use window_source::WindowSource;
