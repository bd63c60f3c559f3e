//! The leaf of the model: what an event is ([`EventKind`]), how events are linked
//! ([`LinkKind`]), who said it ([`Source`]), how well its date is known ([`Certainty`]), and
//! colours ([`Rgb`]). Imports nothing of the model but dates; everything else imports it.

use std::fmt;
use std::str::FromStr;

use super::date::{Endpoint, FuzzyDate, TimeSpec};

/// What an event is, so claims and denials can be told apart at a glance.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum EventKind {
    /// Something an actor did.
    #[default]
    Action,
    /// Something an actor said that is not contested.
    Statement,
    /// An assertion that others may deny.
    Claim,
    /// A rejection of a claim.
    Denial,
    /// Background the report alludes to.
    Context,
}

impl EventKind {
    /// Every kind, in legend order.
    pub const ALL: [Self; 5] = [
        Self::Action,
        Self::Statement,
        Self::Claim,
        Self::Denial,
        Self::Context,
    ];

    /// The kind's name as written in files.
    pub fn name(self) -> &'static str {
        match self {
            Self::Action => "action",
            Self::Statement => "statement",
            Self::Claim => "claim",
            Self::Denial => "denial",
            Self::Context => "context",
        }
    }
}

impl fmt::Display for EventKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// How two events relate. A link points from `from` to `to`: "`from` denies `to`".
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LinkKind {
    /// `from` denies the claim `to`.
    Denies,
    /// `from` answers `to`.
    RespondsTo,
    /// `from` led to `to`.
    Causes,
    /// `from` happened at roughly the time of `to`, and the source says so.
    CoincidesWith,
    /// `from` is evidence for the claim `to`.
    Supports,
}

impl LinkKind {
    /// The relation in words, read from `from` to `to`.
    pub fn verb(self) -> &'static str {
        match self {
            Self::Denies => "denies",
            Self::RespondsTo => "responds to",
            Self::Causes => "causes",
            Self::CoincidesWith => "coincides with",
            Self::Supports => "supports",
        }
    }

    /// The relation in words, read from `to` back to `from`.
    pub fn inverse_verb(self) -> &'static str {
        match self {
            Self::Denies => "denied by",
            Self::RespondsTo => "answered by",
            Self::Causes => "caused by",
            Self::CoincidesWith => "coincides with",
            Self::Supports => "supported by",
        }
    }
}

/// An sRGB colour.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Rgb(pub [u8; 3]);

impl FromStr for Rgb {
    type Err = String;

    /// Reads `#rrggbb`.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let hex = s.strip_prefix('#').unwrap_or(s);
        let channel = |i: usize| {
            hex.get(i..i + 2)
                .and_then(|h| u8::from_str_radix(h, 16).ok())
        };
        match (hex.len(), channel(0), channel(2), channel(4)) {
            (6, Some(r), Some(g), Some(b)) => Ok(Self([r, g, b])),
            _ => Err(format!("expected a colour as #rrggbb, found \"{s}\"")),
        }
    }
}

impl fmt::Display for Rgb {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let [r, g, b] = self.0;
        write!(f, "#{r:02x}{g:02x}{b:02x}")
    }
}

/// Who said or reported an event, where, when, and the words it rests on.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Source {
    /// The person or body that said it, e.g. `Gen. John Nicholson`.
    pub by: Option<String>,
    /// Where it was said or published, e.g. `BBC News`.
    pub outlet: Option<String>,
    /// When it was said or published.
    pub reported: Option<FuzzyDate>,
    /// The sentence of the source the event rests on, verbatim.
    pub quote: Option<String>,
    /// A link to the source.
    pub url: Option<String>,
}

/// How well an event's date is known.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum Certainty {
    /// Every end is a plain date.
    Exact,
    /// Some end is approximate, uncertain, a range, open or unknown.
    Approximate,
    /// Some end is given relative to another event.
    Relative,
}

impl Certainty {
    /// Every certainty, in menu order.
    pub const ALL: [Self; 3] = [Self::Exact, Self::Approximate, Self::Relative];

    /// The certainty in words.
    pub fn name(self) -> &'static str {
        match self {
            Self::Exact => "exact dates",
            Self::Approximate => "approximate dates",
            Self::Relative => "relative dates",
        }
    }

    /// How well a time is known: relative wins over approximate.
    pub fn of_time(time: &TimeSpec) -> Self {
        let ends = [Some(&time.start), time.end.as_ref()];
        let ends = ends.iter().flatten();
        if ends.clone().any(|e| matches!(e, Endpoint::Relative(_))) {
            Self::Relative
        } else if ends.clone().all(|e| e.is_exact()) {
            Self::Exact
        } else {
            Self::Approximate
        }
    }
}

/// What the analyst marked on one event (from the notes beside the data), for drawing and
/// filtering.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Marks {
    /// Starred.
    pub starred: bool,
    /// Has a note.
    pub noted: bool,
    /// Added by the analyst (not in the data file).
    pub own: bool,
    /// Carries one of the analyst's own tags.
    pub tagged: bool,
}
