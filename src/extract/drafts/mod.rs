//! Draft events from a report: for each sentence (or clause) that carries a temporal anchor, a
//! reporting verb or a verb of an act, a draft the analyst confirms, edits or drops — with a
//! title, a time in Swimline's notation, the words it rests on (and their offsets), a kind, the
//! speaker as its source, the actors it names (matched to the open dataset's lanes first), and,
//! for a denial, proposed links to the earlier claims it answers.
//!
//! Rules, not a parser of grammar: quotations are attributed by the reporting verb outside them
//! in the sentence that closes them ("…," he added); "he"/"she" are the last named person who
//! spoke; a narrative sentence is cut into clauses at "although", "but", "while", "whereas" and
//! ";". It suggests, never decides: nothing here enters a timeline unconfirmed. Does not find
//! temporal expressions ([`super::timex_input`] brings them) nor read files ([`super::text`]).
//!
//! This file holds the drafts' types and the entry point, [`drafts`]; the pass over the
//! sentences is `pass`, drawing on `sentences` (sentences and quotations), `clause` (a clause's
//! verb and subject), `speakers` (who speaks), `actors` (names to lanes), `time` (a draft's
//! time), `span` (offsets and titles), `links` (a denial's claims) and `words` and `places`
//! (the word lists).

mod actors;
mod clause;
mod links;
mod pass;
mod places;
mod sentences;
mod span;
mod speakers;
mod time;
mod words;

use chrono::NaiveDate;

use crate::extract::timex_input::TimexSpan;
use crate::model::kinds::{EventKind, LinkKind};

use pass::Reader;
pub use time::{DCT_EVENT_ID, on_calendar};

/// The longest title, in characters, before it is cut at a word boundary.
pub const MAX_TITLE_CHARS: usize = 80;

/// A stretch of the document's text, with its offsets.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct TextSpan {
    /// The words, verbatim.
    pub text: String,
    /// Where they start, in bytes into the document's text.
    pub start_byte: usize,
    /// Where they end (exclusive), in bytes.
    pub end_byte: usize,
    /// Where they start, in characters (Unicode scalar values) into the document's text.
    pub start_char: usize,
    /// Where they end (exclusive), in characters.
    pub end_char: usize,
}

/// An actor a draft names: a lane of the open dataset, or a new one proposed.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct DraftActor {
    /// The lane's name, or the proposed lane's name (`Russia` for "Moscow").
    pub name: String,
    /// The open dataset's lane, when matched by id or name.
    pub lane_id: Option<String>,
    /// Whether this is a new lane to propose (no lane matched).
    #[serde(rename = "new")]
    pub is_new: bool,
    /// The words that named it, as written: `Moscow`, `U.S. forces in Afghanistan`.
    pub mention: String,
}

/// A link a draft proposes to another draft, for the analyst to confirm.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct ProposedLink {
    /// The index of the other draft in the list returned.
    pub to_draft: usize,
    /// The relation: `denies` for a denial's link to a claim.
    pub kind: LinkKind,
    /// How sure: the share of the denial's content words the claim shares, 0 to 1.
    pub score: f64,
    /// The shared content words (folded: `fund` for "funding" and "financial").
    pub shared_words: Vec<String>,
}

/// A draft event: a suggestion, shown with the words it comes from.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct Draft {
    /// A short title (at most [`MAX_TITLE_CHARS`] characters): the clause, or "Speaker: words".
    pub title: String,
    /// The time in Swimline's notation; `@{dct}` is the document's date
    /// ([`DCT_EVENT_ID`]), and `[..2018-03-23]` means at or before the report.
    pub time: String,
    /// The same time with the document's date written out (`[2016-03-23..2016-09-23]`), where
    /// it can be.
    pub time_on_calendar: Option<String>,
    /// The temporal expression the time comes from; `None` when the time is the report's.
    pub time_words: Option<TextSpan>,
    /// What kind of event it is.
    pub kind: EventKind,
    /// Who said it, for claims, denials and statements: `Gen. John Nicholson`.
    pub source: Option<String>,
    /// Who did or said it, as the text names them (a pronoun resolved to its speaker).
    pub subject: Option<String>,
    /// Where it was said, when the text says (`told BBC News`).
    pub outlet: Option<String>,
    /// The words it rests on: the quoted words, or the whole sentence.
    pub quote: TextSpan,
    /// The whole sentence.
    pub sentence: TextSpan,
    /// The actors it names, lanes first.
    pub actors: Vec<DraftActor>,
    /// Proposed links to other drafts (a denial to the claims it answers), best first.
    pub links: Vec<ProposedLink>,
}

/// The drafts of a document's `text`, given the temporal expressions found in it, its date, and
/// the open dataset's lanes as `(id, name)`.
pub fn drafts(
    text: &str,
    timexes: &[TimexSpan],
    dct: NaiveDate,
    known_lanes: &[(String, String)],
) -> Vec<Draft> {
    let layout = sentences::layout(text);
    Reader::new(text, &layout, timexes, dct, known_lanes).into_drafts()
}

#[cfg(test)]
mod tests;
