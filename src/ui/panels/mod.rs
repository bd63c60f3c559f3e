//! Panels beside the timeline that take what they show as parameters and push commands: the
//! details of the selected event (the file's part in `details`, yours in `your_notes`, both
//! reading one [`details::DetailsInput`]) and the overview strip. They import `command`, never
//! the app; what the app shares with them (the spans of "around this event") sits in a leaf
//! here that imports nothing.

pub mod around;
mod context;
pub mod details;
pub mod events_table;
pub mod overview;
pub mod your_notes;
