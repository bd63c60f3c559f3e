//! File dialogs behind a small seam: the app asks for a path and gets the answer later as a
//! [`Message`], so the UI thread never blocks on a dialog, and tests replace real dialogs.
//! Where the system's dialog cannot be shown (no desktop portal and no zenity: `rfd` then
//! answers "cancelled" at once), the answer is [`Message::DialogUnavailable`] and the app
//! opens its own ([`super::file_dialog`]) — never a silent nothing.

use std::collections::VecDeque;
use std::path::PathBuf;
use std::sync::Mutex;
use std::sync::mpsc::Sender;
use std::time::{Duration, Instant};

use super::command::{ExportKind, Message};
use super::file_dialog::DialogRequest;

/// A "cancel" faster than this did not come from a person: `rfd` found no dialog to show
/// (measured: with no portal and no zenity it answers in well under 50 ms; a person takes
/// seconds to cancel a dialog).
const NO_DIALOG_WITHIN: Duration = Duration::from_millis(250);

/// Set to `builtin` to always use Swimline's own file dialog inside the window.
pub const DIALOG_ENV: &str = "SWIMLINE_FILE_DIALOG";

/// Why the system's file dialog cannot be shown here, when that is known before trying: asked
/// for by [`DIALOG_ENV`], or no session bus (so no portal) and no zenity on the `PATH`.
pub fn system_dialog_missing() -> Option<String> {
    if std::env::var(DIALOG_ENV).is_ok_and(|v| v.eq_ignore_ascii_case("builtin")) {
        return Some(format!(
            "{DIALOG_ENV}=builtin asks for Swimline's own file dialog."
        ));
    }
    let has_bus = std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_some_and(|v| !v.is_empty());
    if !has_bus && !has_zenity() {
        return Some(
            "The desktop has no file dialog to show (no desktop portal and no zenity): this is Swimline's own."
                .to_owned(),
        );
    }
    None
}

/// Whether `zenity` is on the `PATH` (rfd's fallback when there is no portal).
fn has_zenity() -> bool {
    std::env::var_os("PATH").is_some_and(|paths| {
        std::env::split_paths(&paths).any(|folder| folder.join("zenity").is_file())
    })
}

/// The answer to send when `rfd` said "cancelled" after `took`: a real cancel, or (too fast
/// for a person) no dialog at all.
fn cancelled_or_missing(took: Duration, request: DialogRequest, cancelled: Message) -> Message {
    if took < NO_DIALOG_WITHIN {
        Message::DialogUnavailable {
            request,
            why: "The desktop's file dialog did not open (no desktop portal or zenity answered): this is Swimline's own.".to_owned(),
        }
    } else {
        cancelled
    }
}

/// Asks the user for files. Answers arrive as [`Message::OpenPicked`] and
/// [`Message::SavePicked`]; `None` in them means cancelled.
pub trait FileDialogs: Send {
    /// Ask for a data file to open.
    fn pick_open(&self, reply: Sender<Message>, ctx: egui::Context);
    /// Ask for a report to read (File ▸ Read a report…); answers [`Message::ReportPicked`].
    /// By default, the open dialog's answer passed on as the report's.
    fn pick_report(&self, reply: Sender<Message>, ctx: egui::Context) {
        let (relay, answer) = std::sync::mpsc::channel();
        self.pick_open(relay, ctx.clone());
        std::thread::spawn(move || {
            if let Ok(Message::OpenPicked(picked)) = answer.recv() {
                let _ = reply.send(Message::ReportPicked(picked));
                ctx.request_repaint();
            }
        });
    }
    /// Ask where to save an export of `kind`; `suggested` is the proposed file name.
    fn pick_save(
        &self,
        reply: Sender<Message>,
        ctx: egui::Context,
        suggested: String,
        kind: ExportKind,
    );
}

/// Real dialogs through `rfd`, each on its own thread (the desktop portal, or zenity).
#[derive(Debug, Default)]
pub struct NativeDialogs;

impl FileDialogs for NativeDialogs {
    fn pick_open(&self, reply: Sender<Message>, ctx: egui::Context) {
        if let Some(why) = system_dialog_missing() {
            let _ = reply.send(Message::DialogUnavailable {
                request: DialogRequest::Open,
                why,
            });
            ctx.request_repaint();
            return;
        }
        std::thread::spawn(move || {
            let asked = Instant::now();
            let picked = rfd::FileDialog::new()
                .set_title("Open timeline data")
                .add_filter(
                    "Timelines (Swimline, TimelineJS, vis-timeline, ACLED, Timesketch, Plaso, GDELT, spreadsheets, tables)",
                    &crate::io::EXTENSIONS,
                )
                .add_filter("JSON (Swimline, TimelineJS, vis-timeline)", &["json"])
                .add_filter(
                    "CSV (Swimline, TimelineJS sheet, ACLED, Timesketch)",
                    &["csv"],
                )
                .add_filter("JSON lines (Timesketch)", &["jsonl"])
                .add_filter("All files", &["*"])
                .pick_file();
            let answer = match picked {
                Some(path) => Message::OpenPicked(Some(path)),
                None => cancelled_or_missing(
                    asked.elapsed(),
                    DialogRequest::Open,
                    Message::OpenPicked(None),
                ),
            };
            // The app may have quit meanwhile; nothing to tell then.
            let _ = reply.send(answer);
            ctx.request_repaint();
        });
    }

    fn pick_report(&self, reply: Sender<Message>, ctx: egui::Context) {
        std::thread::spawn(move || {
            let picked = rfd::FileDialog::new()
                .set_title("Read a report")
                .add_filter(
                    "Reports (text, Markdown, HTML, Word, PDF)",
                    &crate::ui::state::reader::REPORT_EXTENSIONS,
                )
                .add_filter("All files", &["*"])
                .pick_file();
            let _ = reply.send(Message::ReportPicked(picked));
            ctx.request_repaint();
        });
    }

    fn pick_save(
        &self,
        reply: Sender<Message>,
        ctx: egui::Context,
        suggested: String,
        kind: ExportKind,
    ) {
        if let Some(why) = system_dialog_missing() {
            let _ = reply.send(Message::DialogUnavailable {
                request: DialogRequest::Save { suggested, kind },
                why,
            });
            ctx.request_repaint();
            return;
        }
        std::thread::spawn(move || {
            let asked = Instant::now();
            let request = DialogRequest::Save {
                suggested: suggested.clone(),
                kind,
            };
            let dialog = rfd::FileDialog::new().set_file_name(suggested);
            let dialog = match kind {
                ExportKind::Screenshot => dialog
                    .set_title("Export screenshot")
                    .add_filter("PNG image", &["png"]),
                ExportKind::Report => dialog
                    .set_title("Export the timeline")
                    .add_filter("PNG image", &["png"])
                    .add_filter("SVG drawing", &["svg"])
                    .add_filter("PDF document", &["pdf"])
                    .add_filter("Web page, interactive (HTML)", &["html"]),
                ExportKind::Data => dialog
                    .set_title("Export the events shown")
                    .add_filter("Swimline JSON", &["json"])
                    .add_filter("Swimline CSV", &["csv"]),
                ExportKind::Brief => dialog
                    .set_title("Export the brief (starred events)")
                    .add_filter("Markdown", &["md"])
                    .add_filter("HTML page", &["html"]),
                ExportKind::Timeline => dialog
                    .set_title("Save the drafts as a new timeline")
                    .add_filter("Swimline JSON", &["json"]),
            };
            let answer = match dialog.save_file() {
                Some(path) => Message::SavePicked(Some(path), kind),
                None => {
                    cancelled_or_missing(asked.elapsed(), request, Message::SavePicked(None, kind))
                }
            };
            let _ = reply.send(answer);
            ctx.request_repaint();
        });
    }
}

/// A desktop with no file dialog to show (as under a bare X server), for tests: every request
/// answers [`Message::DialogUnavailable`], as [`NativeDialogs`] does there.
#[derive(Debug, Default)]
pub struct UnavailableDialogs;

impl FileDialogs for UnavailableDialogs {
    fn pick_open(&self, reply: Sender<Message>, ctx: egui::Context) {
        let _ = reply.send(Message::DialogUnavailable {
            request: DialogRequest::Open,
            why: "No file dialog here (test).".to_owned(),
        });
        ctx.request_repaint();
    }

    fn pick_save(
        &self,
        reply: Sender<Message>,
        ctx: egui::Context,
        suggested: String,
        kind: ExportKind,
    ) {
        let _ = reply.send(Message::DialogUnavailable {
            request: DialogRequest::Save { suggested, kind },
            why: "No file dialog here (test).".to_owned(),
        });
        ctx.request_repaint();
    }
}

/// Dialogs that answer from a script, for tests: each call takes the next answer
/// (`None` = the user cancelled; an empty script also cancels).
#[derive(Debug, Default)]
pub struct ScriptedDialogs {
    /// Answers for [`FileDialogs::pick_open`], in order.
    pub open: Mutex<VecDeque<Option<PathBuf>>>,
    /// Answers for [`FileDialogs::pick_save`], in order.
    pub save: Mutex<VecDeque<Option<PathBuf>>>,
}

impl ScriptedDialogs {
    /// Dialogs that will answer the given paths.
    pub fn new(open: Vec<Option<PathBuf>>, save: Vec<Option<PathBuf>>) -> Self {
        Self {
            open: Mutex::new(open.into()),
            save: Mutex::new(save.into()),
        }
    }
}

impl FileDialogs for ScriptedDialogs {
    fn pick_open(&self, reply: Sender<Message>, ctx: egui::Context) {
        let answer = self
            .open
            .lock()
            .ok()
            .and_then(|mut q| q.pop_front())
            .flatten();
        let _ = reply.send(Message::OpenPicked(answer));
        ctx.request_repaint();
    }

    /// Takes its answer from the same script as `pick_open`.
    fn pick_report(&self, reply: Sender<Message>, ctx: egui::Context) {
        let answer = self
            .open
            .lock()
            .ok()
            .and_then(|mut q| q.pop_front())
            .flatten();
        let _ = reply.send(Message::ReportPicked(answer));
        ctx.request_repaint();
    }

    fn pick_save(
        &self,
        reply: Sender<Message>,
        ctx: egui::Context,
        _suggested: String,
        kind: ExportKind,
    ) {
        let answer = self
            .save
            .lock()
            .ok()
            .and_then(|mut q| q.pop_front())
            .flatten();
        let _ = reply.send(Message::SavePicked(answer, kind));
        ctx.request_repaint();
    }
}

/// A script shared with the test that wrote it, so the test can see which answers were taken.
impl FileDialogs for std::sync::Arc<ScriptedDialogs> {
    fn pick_open(&self, reply: Sender<Message>, ctx: egui::Context) {
        self.as_ref().pick_open(reply, ctx);
    }

    fn pick_report(&self, reply: Sender<Message>, ctx: egui::Context) {
        self.as_ref().pick_report(reply, ctx);
    }

    fn pick_save(
        &self,
        reply: Sender<Message>,
        ctx: egui::Context,
        suggested: String,
        kind: ExportKind,
    ) {
        self.as_ref().pick_save(reply, ctx, suggested, kind);
    }
}

impl ScriptedDialogs {
    /// How many answers are left: (open, save).
    pub fn left(&self) -> (usize, usize) {
        let len = |q: &Mutex<VecDeque<Option<PathBuf>>>| q.lock().map_or(0, |q| q.len());
        (len(&self.open), len(&self.save))
    }
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;
    use std::sync::mpsc::{Sender, channel};

    use super::{ExportKind, FileDialogs, Message};

    /// Dialogs that only know how to open (as an older implementation of the seam).
    struct OnlyOpen;

    impl FileDialogs for OnlyOpen {
        fn pick_open(&self, reply: Sender<Message>, _ctx: egui::Context) {
            let _ = reply.send(Message::OpenPicked(Some(PathBuf::from("report.txt"))));
        }

        fn pick_save(&self, reply: Sender<Message>, _: egui::Context, _: String, k: ExportKind) {
            let _ = reply.send(Message::SavePicked(None, k));
        }
    }

    #[test]
    fn a_report_is_picked_through_the_open_dialog_by_default() {
        let (reply, answer) = channel();
        OnlyOpen.pick_report(reply, egui::Context::default());
        let got = answer.recv_timeout(std::time::Duration::from_secs(10));
        assert!(
            matches!(got, Ok(Message::ReportPicked(Some(ref p))) if p == &PathBuf::from("report.txt"))
        );
    }
}
