//! The app's state that is not egui's: what is remembered between runs. Plain data with plain
//! tests; nothing here draws, and nothing here imports a panel or the app.

pub mod export;
pub mod forms;
pub mod lanes;
pub mod navigation;
pub mod reader;
pub mod session;
