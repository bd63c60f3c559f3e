//! Panels beside the timeline that take what they show as parameters and push commands: the
//! details of the selected event and the overview strip. They import `command`, never the app.

pub mod details;
pub mod overview;
pub mod your_notes;
