//! Swimline: a desktop timeline visualizer with one swimlane per actor.
//!
//! Data flows one way: [`io`] (parse files) → [`model`] (validated [`model::Dataset`]) →
//! [`layout`] (pure geometry) → [`ui`] (egui) and [`export`]. [`extract`] reads a report's
//! text: its time expressions and the draft events they date.

pub mod cli;
pub mod doc;
pub mod export;
pub mod extract;
pub mod generate;
pub mod io;
pub mod layout;
pub mod model;
pub mod no_window;
pub mod notes;
pub mod paths;
pub mod render;
pub mod source;
pub mod ui;
