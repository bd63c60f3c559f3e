//! The egui user interface. Its rooms:
//!
//! - [`command`]: what the UI asks for and what background work answers; imports no panel.
//! - [`state`]: the app's state that is not egui's (document, search, glides, session), with
//!   plain tests.
//! - [`timeline`]: builds the frame's scene ([`crate::layout::scene`]), paints it ([`paint`]),
//!   and lays hit areas, headers and input over it.
//! - [`panels`]: the details panel and the overview strip.
//! - [`app`]: the window — the one `apply` match, background jobs, shortcuts, menus, status bar
//!   and windows, each in its own file.
//! - `actions`: the command table: each menu item's and key's text, hover text, keys and help
//!   line, from which the key bindings, menus and the F1 list are built.
//! - [`crate::export::theme`]: colours; [`dialogs`]: the file dialogs behind a seam the tests replace;
//!   [`file_dialog`]: Swimline's own, inside the window, where the system's cannot be shown.
//!
//! The frame, in order: background messages → state; the clock (glides); input → commands;
//! draw (panels, the timeline's scene, windows), all reading state and pushing commands; apply
//! the commands; the screenshot job. Functions that take `&mut egui::Ui` end in `_ui`.

pub(crate) mod actions;
pub mod app;
pub mod bidi;
pub mod command;
pub mod dialogs;
pub mod file_dialog;
pub mod fonts;
pub mod paint;
pub mod panels;
pub mod state;
pub mod timeline;

pub use app::{
    Command, LaneSort, Message, Opened, Persisted, ScreenshotJob, Session, SessionStore,
    SwimlineApp, linked_events,
};
pub use dialogs::{FileDialogs, NativeDialogs, ScriptedDialogs, UnavailableDialogs};
