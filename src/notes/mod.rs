//! The analyst's notes: stars, your tags and notes on events, notes on lanes, your own events
//! and your own links — kept beside the data file (`NAME.swimline-notes.json`), never in it.
//!
//! [`NotesFile`] is the format (`"format": "swimline-notes/1"`, or `/2` when it keeps the text
//! of a report own events were read from; documented in `docs/notes.md`); [`merge`] joins two sets of changes made to one base without losing a
//! note; [`store`] finds, reads and writes the file (atomically, setting aside one it cannot
//! read); [`own`] puts your own events and links into the dataset beside the file's, so that
//! search, filters, the timeline and every export treat them as events.

pub mod merge;
pub mod own;
pub mod path;
pub mod store;
#[cfg(test)]
mod tests;

use std::collections::BTreeMap;

pub use crate::model::Marks;
use crate::model::{EventKind, LinkKind};

/// The value of the `format` field this version writes (when no report is kept) and reads.
pub const FORMAT: &str = "swimline-notes/1";

/// The value of the `format` field of notes that keep a report's text ([`NotesFile::reports`]).
/// Read by this version as `/1` is; written only when a report is kept, so that notes without
/// one stay readable by a Swimline that knows only `/1`, and one that does not know reports says
/// a newer Swimline wrote the file (and leaves it alone) instead of refusing a field.
pub const FORMAT_WITH_REPORTS: &str = "swimline-notes/2";

/// What a notes file holds. Maps are keyed by id, so that two writers' changes merge by note.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NotesFile {
    /// [`FORMAT`], or [`FORMAT_WITH_REPORTS`] when it keeps a report (set when written).
    pub format: String,
    /// The data file the notes were written against, when it is a file.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub data_file: Option<DataStamp>,
    /// Stars, your tags and notes, by event id (the file's events and your own).
    #[serde(
        default,
        skip_serializing_if = "BTreeMap::is_empty",
        deserialize_with = "unique_keys"
    )]
    pub events: BTreeMap<String, EventNote>,
    /// Notes on lanes, by actor id.
    #[serde(
        default,
        skip_serializing_if = "BTreeMap::is_empty",
        deserialize_with = "unique_keys"
    )]
    pub lanes: BTreeMap<String, LaneNote>,
    /// Events you added, by their id.
    #[serde(
        default,
        skip_serializing_if = "BTreeMap::is_empty",
        deserialize_with = "unique_keys"
    )]
    pub own_events: BTreeMap<String, OwnEvent>,
    /// Links you drew between two events, by their id.
    #[serde(
        default,
        skip_serializing_if = "BTreeMap::is_empty",
        deserialize_with = "unique_keys"
    )]
    pub own_links: BTreeMap<String, OwnLink>,
    /// Reports your events were read from (File ▸ Read a report…), by id
    /// ([`KeptReport::id`]): their text, so that each event's quote stays one click away.
    /// Since `swimline-notes/2`; only those an own event points at are written.
    #[serde(
        default,
        skip_serializing_if = "BTreeMap::is_empty",
        deserialize_with = "unique_keys"
    )]
    pub reports: BTreeMap<String, KeptReport>,
}

/// A report kept with the notes: the text the reader read (every offset counts into it), the
/// date it was read against and why, and the name of the file it came from.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KeptReport {
    /// The file's name (`report.txt`; `pasted text` for text pasted in).
    pub name: String,
    /// The date relative expressions were read against, `YYYY-MM-DD`.
    pub date: String,
    /// Why that date ("given in the window", or where in the report it was found).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub date_reason: String,
    /// The report's text as read (one paragraph a line).
    pub text: String,
}

impl KeptReport {
    /// Its id in [`NotesFile::reports`]: `report-` and 16 hex digits of the SHA-256 of its date
    /// and text, so the same report read twice on the same date is kept once.
    pub fn id(&self) -> String {
        let stamp = DataStamp::of("", format!("{}\n{}", self.date, self.text).as_bytes());
        format!("report-{}", &stamp.sha256[..16])
    }

    /// The words between characters `start_char` and `end_char` of its text (`None` when the
    /// offsets fall outside it).
    pub fn words_at(&self, start_char: usize, end_char: usize) -> Option<&str> {
        let byte_at = |at: usize| {
            self.text
                .char_indices()
                .map(|(b, _)| b)
                .chain(std::iter::once(self.text.len()))
                .nth(at)
        };
        let (start, end) = (byte_at(start_char)?, byte_at(end_char)?);
        self.text.get(start..end)
    }
}

/// Where an own event's quote is in a report kept with the notes.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuoteAt {
    /// The report's id in [`NotesFile::reports`].
    pub report: String,
    /// Where the quote starts, in characters (Unicode scalar values) into the report's text.
    pub start_char: usize,
    /// Where it ends (exclusive), in characters.
    pub end_char: usize,
}

/// A map read from JSON that refuses a key written twice. serde keeps the last silently; for
/// notes that lost the first note, and the next save made the loss permanent. Refused, the
/// file is reported as unreadable and set aside before anything is written over it.
fn unique_keys<'de, D, V>(deserializer: D) -> Result<BTreeMap<String, V>, D::Error>
where
    D: serde::Deserializer<'de>,
    V: serde::Deserialize<'de>,
{
    struct Unique<V>(std::marker::PhantomData<V>);
    impl<'de, V: serde::Deserialize<'de>> serde::de::Visitor<'de> for Unique<V> {
        type Value = BTreeMap<String, V>;
        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("an object of notes by id")
        }
        fn visit_map<A: serde::de::MapAccess<'de>>(
            self,
            mut map: A,
        ) -> Result<Self::Value, A::Error> {
            let mut out = BTreeMap::new();
            while let Some((key, value)) = map.next_entry::<String, V>()? {
                if out.contains_key(&key) {
                    return Err(serde::de::Error::custom(format!(
                        "\"{key}\" is written twice; keeping one would lose the other"
                    )));
                }
                out.insert(key, value);
            }
            Ok(out)
        }
    }
    deserializer.deserialize_map(Unique(std::marker::PhantomData))
}

/// Which data file the notes were written against: its name, size and SHA-256, so that a
/// changed file is noticed (and the notes on events it no longer has are listed, not dropped).
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DataStamp {
    /// The file's name (not its folder: the pair may move together).
    pub name: String,
    /// Its size in bytes.
    pub bytes: u64,
    /// Its SHA-256, in lower-case hex.
    pub sha256: String,
}

impl DataStamp {
    /// The stamp of a file named `name` holding `bytes`.
    pub fn of(name: &str, bytes: &[u8]) -> Self {
        use sha2::Digest as _;
        let digest = sha2::Sha256::digest(bytes);
        let mut hex = String::with_capacity(64);
        for b in digest {
            use std::fmt::Write as _;
            let _ = write!(hex, "{b:02x}");
        }
        Self {
            name: name.to_owned(),
            bytes: bytes.len() as u64,
            sha256: hex,
        }
    }
}

/// What you marked on one event.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EventNote {
    /// Starred: it matters.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub starred: bool,
    /// Your tags (kept apart from the file's).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    /// Your note, several lines.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
    /// The note was edited in two places at once: both texts are in it, one after the other,
    /// until you tidy it up.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub conflict: bool,
}

impl EventNote {
    /// Whether it holds nothing (and can be dropped from the file).
    pub fn is_empty(&self) -> bool {
        !self.starred && self.tags.is_empty() && self.note.trim().is_empty() && !self.conflict
    }
}

/// Your note on a lane (who the actor is).
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LaneNote {
    /// The note.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
    /// Edited in two places at once; both texts are kept.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub conflict: bool,
}

/// An event you added: the same fields a data file gives, in the same notation.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OwnEvent {
    /// One line that says what happened.
    pub title: String,
    /// When, in Swimline's notation: EDTF (`2017-12`, `2017-12~`, `2018?`), intervals
    /// (`2016-06/2018-01`), open ends (`[..2018-03]`) and relative dates (`@{id}-P18M`).
    pub time: String,
    /// Actor ids of the lanes it is drawn in (a name no actor has becomes a lane of its own).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub lanes: Vec<String>,
    /// What it is.
    #[serde(default)]
    pub kind: EventKind,
    /// Longer text.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    /// Who said it.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub source: String,
    /// The sentence it rests on, verbatim.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub quote: String,
    /// A link to the source.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub url: String,
    /// Where the quote is in the report it was read from, when that report is kept in
    /// [`NotesFile::reports`] (since `swimline-notes/2`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub report: Option<QuoteAt>,
}

/// A link you drew: "`from` denies `to`", and why.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OwnLink {
    /// The event the link starts from (the denial), by id.
    pub from: String,
    /// The event it points to (the claim denied), by id.
    pub to: String,
    /// The relation.
    pub kind: LinkKind,
    /// Why you judge it holds.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}

impl NotesFile {
    /// An empty notes file of this format.
    pub fn new() -> Self {
        Self {
            format: FORMAT.to_owned(),
            ..Self::default()
        }
    }

    /// Whether it holds no note at all (then no file is written). Reports count for nothing
    /// by themselves: they are kept for the events that point at them.
    pub fn is_empty(&self) -> bool {
        self.events.values().all(EventNote::is_empty)
            && self
                .lanes
                .values()
                .all(|l| l.note.trim().is_empty() && !l.conflict)
            && self.own_events.is_empty()
            && self.own_links.is_empty()
    }

    /// The file's text: pretty JSON, keys in a fixed order, so that two saves of the same notes
    /// are the same bytes (and a version-control diff shows only what changed).
    pub fn to_json(&self) -> String {
        let mut tidy = self.clone();
        tidy.events.retain(|_, n| !n.is_empty());
        tidy.lanes
            .retain(|_, l| !l.note.trim().is_empty() || l.conflict);
        let used: std::collections::BTreeSet<&str> = self
            .own_events
            .values()
            .filter_map(|e| e.report.as_ref().map(|q| q.report.as_str()))
            .collect();
        tidy.reports.retain(|id, _| used.contains(id.as_str()));
        tidy.format = if tidy.reports.is_empty() {
            FORMAT
        } else {
            FORMAT_WITH_REPORTS
        }
        .to_owned();
        let mut text = serde_json::to_string_pretty(&tidy).unwrap_or_default();
        text.push('\n');
        text
    }

    /// Reads a notes file's text; the message says where and what in the user's words.
    pub fn from_json(text: &str) -> Result<Self, String> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let deserializer = &mut serde_json::Deserializer::from_str(text);
        let notes: Self = serde_path_to_error::deserialize(deserializer).map_err(|e| {
            let path = e.path().to_string();
            let inner = e.into_inner();
            let field = if path == "." || path.is_empty() {
                String::new()
            } else {
                format!(", field {path}")
            };
            format!(
                "line {}, column {}{field}: {}",
                inner.line(),
                inner.column(),
                crate::io::plain_serde_message(&inner.to_string())
            )
        })?;
        if notes.format != FORMAT && notes.format != FORMAT_WITH_REPORTS {
            return Err(format!(
                "its format is \"{}\": expected \"{FORMAT}\" or \"{FORMAT_WITH_REPORTS}\" (a \
                 newer Swimline may have written it)",
                notes.format
            ));
        }
        Ok(notes)
    }

    /// The note on event `id`, made when there is none.
    pub fn event_mut(&mut self, id: &str) -> &mut EventNote {
        self.events.entry(id.to_owned()).or_default()
    }

    /// An id for a new own event that no event of the dataset (nor another own event) has.
    pub fn new_own_id(&self, taken: impl Fn(&str) -> bool) -> String {
        (1..)
            .map(|n| format!("mine-{n}"))
            .find(|id| !self.own_events.contains_key(id) && !taken(id))
            .unwrap_or_default()
    }

    /// The report own event `id` was read from and where its quote is in it, when the report is
    /// kept.
    pub fn quote_in_report(&self, id: &str) -> Option<(&KeptReport, &QuoteAt)> {
        let at = self.own_events.get(id)?.report.as_ref()?;
        Some((self.reports.get(&at.report)?, at))
    }

    /// An id for a new own link.
    pub fn new_link_id(&self) -> String {
        (1..)
            .map(|n| format!("link-{n}"))
            .find(|id| !self.own_links.contains_key(id))
            .unwrap_or_default()
    }

    /// Every tag you have used, most used first, then A to Z.
    pub fn tags_used(&self) -> Vec<(String, usize)> {
        let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
        for note in self.events.values() {
            for tag in &note.tags {
                *counts.entry(tag.as_str()).or_default() += 1;
            }
        }
        let mut tags: Vec<(String, usize)> =
            counts.into_iter().map(|(t, n)| (t.to_owned(), n)).collect();
        tags.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        tags
    }
}

/// How much the notes hold, for `swimline check`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct Summary {
    /// Events starred.
    pub starred: usize,
    /// Events with a note.
    pub with_note: usize,
    /// Events you added.
    pub own_events: usize,
    /// Links you drew.
    pub own_links: usize,
    /// Notes whose event the data no longer has (kept).
    pub orphaned: usize,
}

impl NotesFile {
    /// What these notes hold, on `dataset` (the file's events, without your own).
    pub fn summary(&self, dataset: &crate::model::Dataset) -> Summary {
        let ids: std::collections::HashSet<&str> = dataset.events.iter().map(|e| e.id()).collect();
        let notes = || self.events.iter().filter(|(_, n)| !n.is_empty());
        Summary {
            starred: notes().filter(|(_, n)| n.starred).count(),
            with_note: notes().filter(|(_, n)| !n.note.trim().is_empty()).count(),
            own_events: self.own_events.len(),
            own_links: self.own_links.len(),
            orphaned: notes()
                .filter(|(id, _)| !ids.contains(id.as_str()) && !self.own_events.contains_key(*id))
                .count(),
        }
    }
}
