//! The egui user interface: the window, the timeline canvas and the details panel.
//!
//! UI code reads the model and the layout and emits [`app::Command`]s; the app applies them at
//! the end of the frame, so no state changes halfway through drawing. Functions that take
//! `&mut egui::Ui` end in `_ui`.

pub mod app;
pub mod command;
mod details;
pub mod dialogs;
pub mod overview;
pub mod paint;
pub mod state;
pub mod timeline;
pub mod tokens;

pub use app::{
    Command, LaneSort, Message, Opened, Persisted, ScreenshotJob, Session, SessionStore,
    SwimlineApp, linked_events,
};
pub use dialogs::{FileDialogs, NativeDialogs, ScriptedDialogs};
