//! File ▸ Read a report…, as plain data: the report read ([`Extracted`]), each draft event as the
//! analyst edits it (ticked or not, title, time in Swimline's notation checked as typed, kind,
//! source, lanes, the denial links confirmed), and what the ticked drafts become: your own
//! events and links for the notes ([`ReaderState::to_notes`]), or a new Swimline JSON timeline
//! ([`ReaderState::timeline_json`]). No egui, no files: the app reads and writes.
//!
//! Dates: a draft's time may be written against the report's date (`@{dct}-P24M..-P18M`). Your
//! own events live beside a dataset that has no event `dct`, so they are given the time written
//! out on the calendar (`[2016-03-23..2016-09-23]`), and the time as read stays in their
//! description with the report's name, date and the quote's offsets. The report itself (text,
//! date and why, file name) goes to the notes with them, and each event says where its quote
//! is in it ([`crate::notes::QuoteAt`]).

use chrono::NaiveDate;

use crate::extract::drafts::{Draft, on_calendar};
use crate::extract::report::Extracted;
use crate::model::{Actor, ActorDraft, Dataset, DatasetDraft, EventKind, TimeSpec};
use crate::notes::{KeptReport, NotesFile, OwnEvent, OwnLink, QuoteAt};

/// The extensions of the files the reader takes (a drop of one opens the reader, not the data).
pub const REPORT_EXTENSIONS: [&str; 7] = ["txt", "md", "markdown", "html", "htm", "docx", "pdf"];

/// Whether `path` names a report by its extension ([`REPORT_EXTENSIONS`]).
pub fn is_report_file(path: &std::path::Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| REPORT_EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
}

/// What the reader asks the app for (inside [`crate::ui::command::Command::Reader`]).
#[derive(Clone, Debug, PartialEq)]
pub enum ReaderCommand {
    /// Ask the user for a report to read.
    PickFile,
    /// Read this file (in the background), dated by what it says.
    ReadFile(std::path::PathBuf),
    /// Read the open report again against this date.
    Redate(NaiveDate),
    /// Read this pasted text as a report, dated `date` if given.
    ReadText {
        /// The text.
        text: String,
        /// Its date, if the user gave one.
        date: Option<NaiveDate>,
    },
    /// Add the ticked drafts to the notes as your own events (and the confirmed links).
    AddToNotes,
    /// Ask where to save the ticked drafts as a new Swimline timeline.
    SaveTimeline,
    /// Open the report kept with the notes that your own event of this id was read from, with
    /// the draft of its quote selected and scrolled to.
    OpenQuote(String),
    /// Close the reader.
    Close,
}

/// A lane a draft is drawn in: one of the open dataset's, or a new one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LaneChoice {
    /// The lane's id in the open dataset, or the new lane's name.
    pub lane: String,
    /// What the form shows: `Russia (as “Moscow”)`, `Analysts (new lane)`.
    pub label: String,
    /// Whether it is a lane the open dataset does not have.
    pub is_new: bool,
    /// Whether the draft is drawn in it.
    pub is_on: bool,
}

/// One draft as the analyst edits it.
#[derive(Clone, Debug, PartialEq)]
pub struct DraftForm {
    /// The draft as proposed (its quote, sentence, offsets and links stay as read).
    pub draft: Draft,
    /// Ticked: to keep.
    pub is_ticked: bool,
    /// The title, as typed.
    pub title: String,
    /// The time in Swimline's notation, as typed (`@{dct}` is the report's date).
    pub time: String,
    /// Why the typed time is not one, in the user's words; `None` when it reads.
    pub time_error: Option<String>,
    /// The kind.
    pub kind: EventKind,
    /// Who said it.
    pub source: String,
    /// The lanes offered, each on or off.
    pub lanes: Vec<LaneChoice>,
    /// For each proposed link (in `draft.links`' order), whether the analyst confirmed it.
    pub confirmed_links: Vec<bool>,
    /// A new lane's name, as typed (not yet added).
    pub new_lane: String,
}

impl DraftForm {
    /// The form of a proposed draft: ticked, its fields as proposed, links not yet confirmed.
    pub fn of(draft: Draft) -> Self {
        let lanes = draft
            .actors
            .iter()
            .map(|a| match (&a.lane_id, a.is_new) {
                (Some(id), false) => LaneChoice {
                    lane: id.clone(),
                    label: if a.mention == a.name {
                        a.name.clone()
                    } else {
                        format!("{} (as “{}”)", a.name, a.mention)
                    },
                    is_new: false,
                    is_on: true,
                },
                _ => LaneChoice {
                    lane: a.name.clone(),
                    label: format!("{} (new lane)", a.name),
                    is_new: true,
                    is_on: true,
                },
            })
            .fold(Vec::<LaneChoice>::new(), |mut all, choice| {
                if !all.iter().any(|c| c.lane == choice.lane) {
                    all.push(choice);
                }
                all
            });
        Self {
            is_ticked: true,
            title: draft.title.clone(),
            time: draft.time.clone(),
            time_error: None,
            kind: draft.kind,
            source: draft.source.clone().unwrap_or_default(),
            lanes,
            confirmed_links: vec![false; draft.links.len()],
            new_lane: String::new(),
            draft,
        }
    }

    /// Sets the time as typed and checks it: the error is set, or cleared when it reads.
    pub fn set_time(&mut self, time: String) {
        self.time_error = time_error(&time);
        self.time = time;
    }

    /// The lanes it is drawn in (ids of the open dataset's lanes, names of new ones).
    pub fn lanes_on(&self) -> Vec<String> {
        self.lanes
            .iter()
            .filter(|c| c.is_on)
            .map(|c| c.lane.clone())
            .collect()
    }
}

/// Why `time` is neither a time in Swimline's notation nor a date as people write it
/// ("10 Jan 2018", numbers in the order of the user's locale), in the user's words; `None` when
/// it reads.
pub fn time_error(time: &str) -> Option<String> {
    as_notation(time).err()
}

/// `time` in Swimline's notation: as it is when it is that, else the written date it is
/// (`10 Jan 2018` → `2018-01-10`), or why it is neither.
fn as_notation(time: &str) -> Result<String, String> {
    let time = time.trim();
    if time.parse::<TimeSpec>().is_ok() {
        return Ok(time.to_owned());
    }
    crate::model::date::read_typed_time(time, crate::model::date::DayOrder::from_environment())
        .map(|t| t.to_string())
        .map_err(|e| e.to_string())
}

/// The report read and its drafts as edited.
#[derive(Clone, Debug)]
pub struct ReaderState {
    /// The report: its text, date and why, time expressions, drafts as proposed.
    pub report: Extracted,
    /// Each draft as edited, in `report.drafts`' order.
    pub drafts: Vec<DraftForm>,
    /// The draft shown for editing.
    pub selected: Option<usize>,
    /// The report's date as typed in the window (`YYYY-MM-DD`).
    pub date_text: String,
    /// Why the typed date is not one.
    pub date_error: Option<String>,
    /// The text view should scroll to the selected draft's quote (once).
    pub scroll_to_quote: bool,
    /// The list of drafts should scroll to the selected one (once: it was selected from
    /// elsewhere than the list).
    pub scroll_to_row: bool,
    /// Where the drafts' speakers are named in the text (byte ranges, in text order, not
    /// overlapping): each source's name as written, and its last word (`Nicholson`).
    pub speaker_spans: Vec<std::ops::Range<usize>>,
    /// The text's paragraphs (its lines), each as its byte range without the line break and
    /// the character offset it starts at, in text order.
    pub paragraphs: Vec<(std::ops::Range<usize>, usize)>,
}

/// The lines of `text`: each line's byte range (without its `\n`) and the character offset it
/// starts at.
pub fn paragraphs(text: &str) -> Vec<(std::ops::Range<usize>, usize)> {
    let mut out = Vec::new();
    let (mut byte, mut chars) = (0, 0);
    for line in text.split('\n') {
        out.push((byte..byte + line.len(), chars));
        byte += line.len() + 1;
        chars += line.chars().count() + 1;
    }
    out
}

/// Where the speakers of `drafts` are named in `text`: each distinct source, and its last word
/// when that is a capitalised name of four letters or more, as byte ranges in text order.
pub fn speaker_spans(text: &str, drafts: &[Draft]) -> Vec<std::ops::Range<usize>> {
    let mut names: Vec<&str> = Vec::new();
    for source in drafts.iter().filter_map(|d| d.source.as_deref()) {
        let last = source.rsplit(' ').next().unwrap_or(source);
        for name in [source, last] {
            let is_name =
                name.chars().count() >= 4 && name.chars().next().is_some_and(char::is_uppercase);
            if is_name && !names.contains(&name) {
                names.push(name);
            }
        }
    }
    let mut spans: Vec<std::ops::Range<usize>> = names
        .iter()
        .flat_map(|name| {
            text.match_indices(name)
                .map(|(at, _)| at..at + name.len())
                .filter(|r| {
                    let before = text[..r.start].chars().next_back();
                    let after = text[r.end..].chars().next();
                    !before.is_some_and(char::is_alphanumeric)
                        && !after.is_some_and(char::is_alphanumeric)
                })
        })
        .collect();
    spans.sort_by_key(|r| (r.start, std::cmp::Reverse(r.end)));
    let mut out: Vec<std::ops::Range<usize>> = Vec::with_capacity(spans.len());
    for span in spans {
        match out.last() {
            Some(last) if span.start < last.end => {}
            _ => out.push(span),
        }
    }
    out
}

/// The ticked drafts as your own events: `(draft index, event)`, the links confirmed between
/// two of them as `(from draft, to draft, link)` (ids to fill in), and the drafts left out,
/// with why.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ForNotes {
    /// The events, by draft index.
    pub events: Vec<(usize, OwnEvent)>,
    /// Links between two of them (`from` and `to` are draft indices; the link's ids are empty
    /// until the events have theirs).
    pub links: Vec<(usize, usize, OwnLink)>,
    /// Ticked drafts that cannot be kept: the title and why.
    pub refused: Vec<(String, String)>,
    /// The report, to keep with the notes under its id ([`KeptReport::id`]), which each
    /// event's `report` names.
    pub report: KeptReport,
}

impl ReaderState {
    /// The reader showing `report`, its drafts all ticked, the first selected.
    pub fn new(report: Extracted) -> Self {
        let drafts: Vec<DraftForm> = report.drafts.iter().cloned().map(DraftForm::of).collect();
        Self {
            date_text: report.dct.format("%Y-%m-%d").to_string(),
            date_error: None,
            selected: (!drafts.is_empty()).then_some(0),
            scroll_to_quote: false,
            scroll_to_row: false,
            speaker_spans: speaker_spans(&report.document.text, &report.drafts),
            paragraphs: paragraphs(&report.document.text),
            drafts,
            report,
        }
    }

    /// Sets the report's date as typed; `Some(date)` when it reads and differs from the date
    /// the report was read against (the report should be read again).
    pub fn set_date_text(&mut self, text: String) -> Option<NaiveDate> {
        let parsed = NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d");
        self.date_text = text;
        match parsed {
            Ok(date) => {
                self.date_error = None;
                (date != self.report.dct).then_some(date)
            }
            Err(_) => {
                self.date_error = Some("a date as YYYY-MM-DD, e.g. 2018-03-23".to_owned());
                None
            }
        }
    }

    /// Keeps what the analyst did in `old` (the same text read on another date): for each draft
    /// resting on the same words, its tick, and the title, time, kind, source and lanes where
    /// they were edited; the rest as now proposed.
    pub fn carry_edits_from(&mut self, old: &Self) {
        if old.report.document.text != self.report.document.text {
            return;
        }
        for form in &mut self.drafts {
            let at = (form.draft.quote.start_byte, form.draft.quote.end_byte);
            let Some(before) = old
                .drafts
                .iter()
                .find(|o| (o.draft.quote.start_byte, o.draft.quote.end_byte) == at)
            else {
                continue;
            };
            form.is_ticked = before.is_ticked;
            if before.title != before.draft.title {
                form.title.clone_from(&before.title);
            }
            if before.time != before.draft.time {
                form.set_time(before.time.clone());
            }
            if before.kind != before.draft.kind {
                form.kind = before.kind;
            }
            if before.source != before.draft.source.clone().unwrap_or_default() {
                form.source.clone_from(&before.source);
            }
            if before.lanes != DraftForm::of(before.draft.clone()).lanes {
                form.lanes.clone_from(&before.lanes);
            }
        }
        self.selected = old.selected.filter(|&i| i < self.drafts.len());
    }

    /// How many drafts are ticked.
    pub fn ticked(&self) -> usize {
        self.drafts.iter().filter(|d| d.is_ticked).count()
    }

    /// The line kept with each event: where its words are in which report.
    fn provenance(&self, form: &DraftForm) -> String {
        let q = &form.draft.quote;
        format!(
            "From the report {} (dated {}: {}), characters {}–{} (bytes {}–{}). Time as read: {}.",
            self.report.name,
            self.report.dct.format("%Y-%m-%d"),
            self.date_reason(),
            q.start_char,
            q.end_char,
            q.start_byte,
            q.end_byte,
            form.time
        )
    }

    /// The ticked drafts as your own events, their times written out on the calendar (no
    /// event `dct` beside them), and the confirmed denial links between two ticked drafts.
    pub fn to_notes(&self) -> ForNotes {
        let mut out = ForNotes {
            report: self.kept_report(),
            ..ForNotes::default()
        };
        let report_id = out.report.id();
        for (i, form) in self.drafts.iter().enumerate() {
            if !form.is_ticked {
                continue;
            }
            match self.own_event(form, &report_id) {
                Ok(event) => out.events.push((i, event)),
                Err(why) => out.refused.push((form.title.clone(), why)),
            }
        }
        let kept = |i: usize| out.events.iter().any(|(k, _)| *k == i);
        let mut links = Vec::new();
        for &(i, _) in &out.events {
            let form = &self.drafts[i];
            for (link, &is_confirmed) in form.draft.links.iter().zip(&form.confirmed_links) {
                if is_confirmed && kept(link.to_draft) {
                    links.push((
                        i,
                        link.to_draft,
                        OwnLink {
                            from: String::new(),
                            to: String::new(),
                            kind: link.kind,
                            note: format!(
                                "Proposed by the reader of {} ({:.0}% of the words shared: {}); \
                                 confirmed by you",
                                self.report.name,
                                link.score * 100.0,
                                link.shared_words.join(", ")
                            ),
                        },
                    ));
                }
            }
        }
        out.links = links;
        out
    }

    /// Why the report has its date, as the window says it (the reader's wording is the
    /// command line's: "given with --date").
    fn date_reason(&self) -> String {
        self.report
            .dct_reason
            .replace("given with --date", "given by you")
    }

    /// The report as kept with the notes: its text, date and why, and file name.
    pub fn kept_report(&self) -> KeptReport {
        KeptReport {
            name: self.report.name.clone(),
            date: self.report.dct.format("%Y-%m-%d").to_string(),
            // As the window says it (the reader's wording is the command line's).
            date_reason: self
                .report
                .dct_reason
                .replace("given with --date", "given by you"),
            text: self.report.document.text.clone(),
        }
    }

    /// One draft as your own event (its quote placed in the report `report_id`), or why it
    /// cannot be one.
    fn own_event(&self, form: &DraftForm, report_id: &str) -> Result<OwnEvent, String> {
        if form.title.trim().is_empty() {
            return Err("it has no title".to_owned());
        }
        if let Some(e) = &form.time_error {
            return Err(format!("its time \"{}\": {e}", form.time));
        }
        if form.lanes_on().is_empty() {
            return Err(
                "it is in no lane (it would not be drawn): tick one, or add one of the data's \
                 lanes or a new one"
                    .to_owned(),
            );
        }
        let typed = as_notation(&form.time)?;
        let time = on_calendar(&typed, self.report.dct).ok_or_else(|| {
            format!(
                "its time \"{}\" cannot be written out from the report's date {}: give it as \
                 a date",
                form.time, self.report.dct
            )
        })?;
        if let Some(e) = time_error(&time) {
            return Err(format!("its time \"{time}\": {e}"));
        }
        Ok(OwnEvent {
            title: form.title.trim().to_owned(),
            time,
            lanes: form.lanes_on(),
            kind: form.kind,
            description: self.provenance(form),
            source: form.source.trim().to_owned(),
            quote: form.draft.quote.text.clone(),
            url: String::new(),
            report: Some(QuoteAt {
                report: report_id.to_owned(),
                start_char: form.draft.quote.start_char,
                end_char: form.draft.quote.end_char,
            }),
        })
    }

    /// The ticked drafts as a new Swimline timeline (JSON): the lanes they use (the open
    /// dataset's `actors` copied, with their names and colours; new lanes by name), the events,
    /// and the confirmed links between them. Refused drafts are said in `Err` only when none
    /// can be kept.
    pub fn timeline_json(&self, actors: &[Actor]) -> Result<(String, ForNotes), String> {
        let kept = self.to_notes();
        if kept.events.is_empty() {
            return Err(match kept.refused.first() {
                Some((title, why)) => format!("No draft can be saved: “{title}”: {why}"),
                None => "Tick the drafts to save first".to_owned(),
            });
        }
        let mut notes = NotesFile::new();
        let id_of = |i: usize| format!("draft-{}", i + 1);
        for (i, event) in &kept.events {
            notes.own_events.insert(id_of(*i), event.clone());
        }
        for (n, (from, to, link)) in kept.links.iter().enumerate() {
            notes.own_links.insert(
                format!("link-{}", n + 1),
                OwnLink {
                    from: id_of(*from),
                    to: id_of(*to),
                    ..link.clone()
                },
            );
        }
        let used: Vec<&String> = kept.events.iter().flat_map(|(_, e)| &e.lanes).collect();
        let base = Dataset::build(DatasetDraft {
            title: format!("Drafts from {}", self.report.name),
            description: Some(format!(
                "Events confirmed from the report {} (dated {}: {}) by Swimline's reader; each \
                 quotes the words it rests on.",
                self.report.name,
                self.report.dct.format("%Y-%m-%d"),
                self.report.dct_reason
            )),
            actors: actors
                .iter()
                .filter(|a| used.contains(&&a.id))
                .map(|a| ActorDraft {
                    id: a.id.clone(),
                    name: a.name.clone(),
                    group: a.group.clone(),
                    color: a.color,
                    description: a.description.clone(),
                })
                .collect(),
            ..DatasetDraft::default()
        })
        .map_err(|errors| {
            errors
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join("; ")
        })?;
        let file = crate::notes::own::Counts::all_of(&base);
        let combined = crate::notes::own::combine(base, file, &notes);
        if let Some((id, why)) = combined.problems.first() {
            return Err(format!("Cannot save the drafts as a timeline: {id}: {why}"));
        }
        let json = crate::export::data::native_json(&combined.dataset, &|_| true, &|_| Vec::new());
        Ok((json, kept))
    }
}

#[cfg(test)]
mod tests;
