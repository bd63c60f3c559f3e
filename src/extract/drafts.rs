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

mod actors;
mod links;
mod sentences;
mod time;
mod words;

use std::collections::HashMap;
use std::ops::Range;

use chrono::NaiveDate;

use crate::extract::timex_input::TimexSpan;
use crate::model::kinds::{EventKind, LinkKind};

use actors::{ActorFinder, Token, tokens};
use sentences::Quotation;
pub use time::{DCT_EVENT_ID, on_calendar};
use words::{ACTION_VERBS, REPORTING_VERBS};

/// The longest title, in characters, before it is cut at a word boundary.
pub const MAX_TITLE_CHARS: usize = 80;

/// How much of a sentence quoted words must cover for it to be read as quoted speech (its
/// quote is then the quoted words, attributed to whoever the sentence closing the quotation
/// names).
const QUOTED_SHARE: f64 = 0.6;

/// How much of a sentence that starts inside a quotation the quotation must cover to be read as
/// quoted speech.
const OPENING_QUOTED_SHARE: f64 = 0.3;

/// How many drafts before a denial are looked at for the claims it answers (a report's denial
/// answers claims of the same report; this bounds the work on a book-length text).
const MAX_CLAIMS_BEFORE_DENIAL: usize = 500;

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

/// Character counts at every [`CharIndex::STEP_BYTES`] bytes of a text, so a span's character
/// offsets cost a short count instead of one from the text's start (a 1 MB report has
/// thousands of drafts).
struct CharIndex {
    /// `(byte, chars before it)` at char boundaries, ascending.
    checkpoints: Vec<(usize, usize)>,
}

impl CharIndex {
    /// The distance between checkpoints.
    const STEP_BYTES: usize = 4096;

    /// The index of `text`.
    fn new(text: &str) -> Self {
        let mut checkpoints = vec![(0, 0)];
        let mut next = Self::STEP_BYTES;
        for (chars, (byte, _)) in text.char_indices().enumerate() {
            if byte >= next {
                checkpoints.push((byte, chars));
                next = byte + Self::STEP_BYTES;
            }
        }
        Self { checkpoints }
    }

    /// How many characters stand before byte `at` (a char boundary) of `text`.
    fn chars_before(&self, text: &str, at: usize) -> usize {
        let i = self.checkpoints.partition_point(|(byte, _)| *byte <= at);
        let (byte, chars) = self
            .checkpoints
            .get(i.saturating_sub(1))
            .copied()
            .unwrap_or((0, 0));
        chars + text.get(byte..at).map_or(0, |t| t.chars().count())
    }
}

impl TextSpan {
    /// The span of `range` in `text`.
    fn of(text: &str, range: Range<usize>, index: &CharIndex) -> Self {
        let start_char = index.chars_before(text, range.start);
        Self {
            text: text[range.clone()].to_owned(),
            start_byte: range.start,
            end_byte: range.end,
            start_char,
            end_char: start_char + text[range].chars().count(),
        }
    }
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
    let mut reader = Reader {
        text,
        timexes,
        dct,
        finder: ActorFinder::new(known_lanes),
        quotations: &layout.quotations,
        sentences: &layout.sentences,
        timex_order: {
            let mut order: Vec<usize> = (0..timexes.len()).collect();
            order.sort_by_key(|i| timexes.get(*i).map_or(0, |t| t.start_byte));
            order
        },
        char_index: CharIndex::new(text),
        last_person: None,
        persons: Vec::new(),
        affiliations: HashMap::new(),
        outlets: HashMap::new(),
        drafts: Vec::new(),
        contents: Vec::new(),
    };
    for (index, sentence) in layout.sentences.iter().enumerate() {
        reader.read_sentence(index, sentence.clone());
    }
    reader.propose_denial_links();
    reader.drafts
}

/// Who a reporting verb points at, and the verb.
struct Attribution {
    /// The verb's kind.
    kind: EventKind,
    /// The speaker as named, resolved.
    speaker: Option<Speaker>,
    /// `told X`.
    outlet: Option<String>,
}

/// A speaker, resolved.
#[derive(Clone)]
struct Speaker {
    /// The name: `Gen. John Nicholson`, `Russia`, `Top Afghan military and police figures`.
    name: String,
    /// Whether a person (pronouns refer back to persons).
    is_person: bool,
}

/// The state of one pass over a document.
struct Reader<'a> {
    /// The document.
    text: &'a str,
    /// Its temporal expressions.
    timexes: &'a [TimexSpan],
    /// Its date.
    dct: NaiveDate,
    /// Finds actors and matches them to lanes.
    finder: ActorFinder<'a>,
    /// Every quotation.
    quotations: &'a [Quotation],
    /// Every sentence.
    sentences: &'a [Range<usize>],
    /// The indices of the temporal expressions, by where they start.
    timex_order: Vec<usize>,
    /// Character offsets.
    char_index: CharIndex,
    /// The last person named as a speaker, for "he added".
    last_person: Option<String>,
    /// Persons named so far, full names first seen ("Gen. John Nicholson").
    persons: Vec<String>,
    /// Lanes a speaker was introduced with ("Commander of U.S. forces in Afghanistan …").
    affiliations: HashMap<String, Vec<DraftActor>>,
    /// Where a speaker spoke ("told BBC News").
    outlets: HashMap<String, String>,
    /// The drafts so far.
    drafts: Vec<Draft>,
    /// Each draft's content (what was said or done), for matching denials to claims.
    contents: Vec<Range<usize>>,
}

impl<'a> Reader<'a> {
    /// Makes the drafts of one sentence.
    fn read_sentence(&mut self, index: usize, sentence: Range<usize>) {
        for person in self.finder.people(self.text, sentence.clone()) {
            let written = &self.text[person];
            let surname = written.split_whitespace().last().unwrap_or_default();
            let known = self
                .persons
                .iter()
                .any(|p| p.split_whitespace().last() == Some(surname));
            if !known {
                self.persons.push(written.to_owned());
            }
        }
        if let Some(quotation) = self.mostly_quoted(&sentence)
            && let Some(attribution) = self.attribute(quotation, index)
        {
            self.quoted_speech(sentence, quotation, attribution);
            return;
        }
        let clauses = self.clauses(&sentence);
        let mut made = false;
        for clause in clauses {
            made |= self.narrative_clause(&sentence, clause);
        }
        let has_time = !self.timexes_in(&sentence).is_empty();
        if !made && has_time {
            self.context(sentence);
        }
    }

    /// The quotation covering most of a sentence, if any.
    fn mostly_quoted(&self, sentence: &Range<usize>) -> Option<&'a Quotation> {
        let quotations = self.quotations_over(sentence);
        let length = sentence.len().max(1) as f64;
        let overlap = |q: &Quotation| {
            q.inner
                .end
                .min(sentence.end)
                .saturating_sub(q.inner.start.max(sentence.start))
        };
        let covered: usize = quotations.iter().map(overlap).sum();
        // `"It is not true," said Gen. Haddad.`: a sentence that starts inside a quotation is
        // quoted speech even when the attribution after it is long.
        let opens_quoted = quotations.iter().any(|q| {
            q.outer.start <= sentence.start
                && sentence.start < q.outer.end
                && overlap(q) as f64 >= OPENING_QUOTED_SHARE * length
        });
        if (covered as f64) < QUOTED_SHARE * length && !opens_quoted {
            return None;
        }
        quotations.iter().max_by_key(|q| overlap(q))
    }

    /// The temporal expressions wholly inside a range, with their index in the input.
    fn timexes_in(&self, range: &Range<usize>) -> Vec<(usize, &'a TimexSpan)> {
        let first = self.timex_order.partition_point(|i| {
            self.timexes
                .get(*i)
                .is_some_and(|t| t.start_byte < range.start)
        });
        self.timex_order[first..]
            .iter()
            .filter_map(|i| self.timexes.get(*i).map(|t| (*i, t)))
            .take_while(|(_, t)| t.start_byte < range.end)
            .filter(|(_, t)| t.end_byte <= range.end && t.start_byte < t.end_byte)
            .collect()
    }

    /// The quotations that overlap a range (quotations are in order and do not overlap).
    fn quotations_over(&self, range: &Range<usize>) -> &'a [Quotation] {
        let quotations = self.quotations;
        let first = quotations.partition_point(|q| q.outer.end <= range.start);
        let count = quotations[first..]
            .iter()
            .take_while(|q| q.outer.start < range.end)
            .count();
        &quotations[first..first + count]
    }

    /// The parts of a range outside every quotation.
    fn outside_quotes(&self, range: &Range<usize>) -> Vec<Range<usize>> {
        let mut parts = Vec::new();
        let mut at = range.start;
        for q in self.quotations_over(range) {
            if q.outer.start > at {
                parts.push(at..q.outer.start);
            }
            at = at.max(q.outer.end);
        }
        if at < range.end {
            parts.push(at..range.end);
        }
        parts
    }

    /// Who said a quotation: the reporting verb outside quotes in the sentence that closes it,
    /// else in the sentence that opens it.
    fn attribute(&mut self, quotation: &Quotation, index: usize) -> Option<Attribution> {
        let holding = |at: usize| {
            let i = self.sentences.partition_point(|s| s.end <= at);
            self.sentences.get(i).filter(|s| s.start <= at).map(|_| i)
        };
        let closing = holding(quotation.outer.end.saturating_sub(1)).unwrap_or(index);
        let opening = holding(quotation.outer.start).unwrap_or(index);
        for sentence_index in [closing, opening] {
            let Some(sentence) = self.sentences.get(sentence_index).cloned() else {
                continue;
            };
            for part in self.outside_quotes(&sentence) {
                let part_tokens = tokens(self.text, part.clone());
                let Some((at, kind)) = reporting_verb(&part_tokens) else {
                    continue;
                };
                let before = &part_tokens[..at];
                let after = &part_tokens[at + 1..];
                let phrase = if before.iter().any(|t| t.is_word()) {
                    before
                } else {
                    name_after(after)
                };
                let speaker = self.resolve_speaker(phrase);
                let outlet = told_outlet(self.text, &part_tokens, at);
                return Some(Attribution {
                    kind,
                    speaker,
                    outlet,
                });
            }
        }
        None
    }

    /// Resolves the words naming a speaker: a pronoun to the last person, a person's later
    /// mention to the full name first seen, anything else as written.
    fn resolve_speaker(&mut self, phrase: &[Token<'_>]) -> Option<Speaker> {
        let words: Vec<&Token<'_>> = phrase.iter().filter(|t| t.is_word()).collect();
        let first = words.first()?;
        let last = words.last()?;
        let lower = first.word.to_lowercase();
        if words.len() == 1 && matches!(lower.as_str(), "he" | "she") {
            return self.last_person.clone().map(|name| Speaker {
                name,
                is_person: true,
            });
        }
        if words.len() == 1 && matches!(lower.as_str(), "it" | "they" | "we" | "i") {
            return None;
        }
        let range = first.start..last.end;
        let known_surname = (words.len() == 1)
            .then(|| {
                self.persons
                    .iter()
                    .find(|p| p.split_whitespace().last() == Some(first.word))
                    .cloned()
            })
            .flatten();
        if let Some(name) = known_surname {
            self.last_person = Some(name.clone());
            return Some(Speaker {
                name,
                is_person: true,
            });
        }
        if let Some(person) = self.finder.last_person(self.text, range.clone()) {
            let written = self.text[person.clone()].to_owned();
            let surname = written
                .split_whitespace()
                .last()
                .unwrap_or_default()
                .to_owned();
            let name = self
                .persons
                .iter()
                .find(|p| p.split_whitespace().last() == Some(surname.as_str()))
                .cloned()
                .unwrap_or_else(|| {
                    self.persons.push(written.clone());
                    written
                });
            // Lanes named beside the person ("Commander of U.S. forces in Afghanistan"),
            // remembered from the first time they are given.
            let beside: Vec<DraftActor> = self
                .finder
                .actors(self.text, range.start..person.start)
                .into_iter()
                .filter(|a| a.lane_id.is_some())
                .collect();
            if !beside.is_empty() {
                self.affiliations.entry(name.clone()).or_insert(beside);
            }
            self.last_person = Some(name.clone());
            return Some(Speaker {
                name,
                is_person: true,
            });
        }
        let name = strip_leading_article(&self.text[range]);
        Some(Speaker {
            name,
            is_person: false,
        })
    }

    /// A draft for a sentence of quoted speech.
    fn quoted_speech(&mut self, sentence: Range<usize>, quotation: &Quotation, said: Attribution) {
        let inner =
            quotation.inner.start.max(sentence.start)..quotation.inner.end.min(sentence.end);
        let quote = trim_range(
            self.text,
            inner,
            &[' ', ',', ';', ':', '"', '“', '”', '\n', '\r'],
        );
        let speaker_name = said.speaker.as_ref().map(|s| s.name.clone());
        let short = said.speaker.as_ref().map(short_name);
        let title = match &short {
            Some(short) => format!("{short}: {}", &self.text[quote.clone()]),
            None => self.text[quote.clone()].to_owned(),
        };
        let outlet = self.outlet_of(speaker_name.as_deref(), said.outlet);
        let actors = self.actors_of(&sentence, said.speaker.as_ref());
        let content = quote.clone();
        self.push(DraftParts {
            title,
            kind: said.kind,
            source: speaker_name.clone(),
            subject: speaker_name,
            outlet,
            quote,
            sentence: sentence.clone(),
            time_range: sentence,
            actors,
            content,
        });
    }

    /// Remembers or recalls where a speaker spoke.
    fn outlet_of(&mut self, speaker: Option<&str>, said_now: Option<String>) -> Option<String> {
        let speaker = speaker?;
        match said_now {
            Some(outlet) => {
                self.outlets.insert(speaker.to_owned(), outlet.clone());
                Some(outlet)
            }
            None => self.outlets.get(speaker).cloned(),
        }
    }

    /// The clauses of a sentence: cut at "although", "but", "while", "whereas" and ";" outside
    /// quotations.
    fn clauses(&self, sentence: &Range<usize>) -> Vec<Range<usize>> {
        let mut cuts = vec![sentence.start];
        for part in self.outside_quotes(sentence) {
            let part_tokens = tokens(self.text, part);
            for (i, token) in part_tokens.iter().enumerate() {
                let lower = token.word.to_lowercase();
                let joins = matches!(
                    lower.as_str(),
                    "although" | "but" | "while" | "whereas" | "though"
                ) && i > 0
                    || token.word == ";";
                if joins {
                    cuts.push(token.start);
                }
            }
        }
        cuts.push(sentence.end);
        cuts.windows(2)
            .filter_map(|w| match w {
                [a, b] if a < b => Some(*a..*b),
                _ => None,
            })
            .collect()
    }

    /// A draft for a clause of narrative with a reporting verb or a verb of an act; whether one
    /// was made.
    fn narrative_clause(&mut self, sentence: &Range<usize>, clause: Range<usize>) -> bool {
        let mut clause_tokens: Vec<Token<'_>> = Vec::new();
        for part in self.outside_quotes(&clause) {
            clause_tokens.extend(tokens(self.text, part));
        }
        let found = reporting_verb(&clause_tokens).or_else(|| action_verb(&clause_tokens));
        let Some((at, kind)) = found else {
            return false;
        };
        let verb = clause_tokens[at].clone();
        let before = subject_before(&clause_tokens[..at]);
        let subject_tokens = if before.is_empty() {
            name_after(&clause_tokens[at + 1..])
        } else {
            before
        };
        let speaker = self.resolve_speaker(subject_tokens);
        let after: Vec<&Token<'_>> = clause_tokens[at + 1..]
            .iter()
            .filter(|t| t.is_word())
            .collect();
        let content_start = match after.first() {
            Some(t) if t.word.eq_ignore_ascii_case("that") => {
                after.get(1).map_or(verb.end, |t| t.start)
            }
            Some(t) => t.start,
            None => verb.end,
        };
        // "Esper met Stoltenberg on Thursday, a spokesman said.": nothing after the verb, so
        // what was said is the clause before the speaker.
        let said_before = is_speech_kind(kind)
            && after.is_empty()
            && subject_tokens
                .first()
                .is_some_and(|t| t.start > clause.start);
        let content_range = match subject_tokens.first() {
            Some(first) if said_before => clause.start..first.start,
            _ => content_start..clause.end,
        };
        let content = trim_range(self.text, content_range, &[' ', ',', '.', ';', '\n', '\r']);
        let content = skip_dateline(self.text, content);
        let speaker_name = speaker.as_ref().map(|s| s.name.clone());
        let subject_written = subject_tokens
            .first()
            .zip(subject_tokens.last())
            .map(|(a, b)| self.text[a.start..b.end].to_owned());
        let pronoun = subject_written
            .as_deref()
            .is_some_and(|s| matches!(s.to_lowercase().as_str(), "he" | "she"));
        let who = match (&speaker, pronoun) {
            (Some(s), true) => Some(short_name(s)),
            _ => subject_written
                .clone()
                .map(|s| strip_leading_article_keep_case(&s)),
        };
        let says_that = after
            .first()
            .is_some_and(|t| t.word.eq_ignore_ascii_case("that"));
        let is_speech = kind != EventKind::Action;
        let title = if is_speech && (says_that || said_before) {
            let who = speaker.as_ref().map(short_name).or(who);
            match who {
                Some(who) => format!("{who}: {}", &self.text[content.clone()]),
                None => self.text[content.clone()].to_owned(),
            }
        } else {
            let predicate = cut_subordinate(&self.text[verb.start..content.end.max(verb.end)]);
            match who {
                Some(who) => format!("{who} {predicate}"),
                None => predicate.to_owned(),
            }
        };
        let outlet = if is_speech {
            self.outlet_of(
                speaker_name.as_deref(),
                told_outlet(self.text, &clause_tokens, at),
            )
        } else {
            None
        };
        let actors = self.actors_of(&clause, if is_speech { speaker.as_ref() } else { None });
        let subject = if is_speech {
            speaker_name.clone()
        } else {
            subject_written.or(speaker_name.clone())
        };
        self.push(DraftParts {
            title,
            kind,
            source: if is_speech { speaker_name } else { None },
            subject,
            outlet,
            quote: sentence.clone(),
            sentence: sentence.clone(),
            time_range: clause,
            actors,
            content,
        });
        true
    }

    /// A draft for a sentence with a time and no verb this module knows: background.
    fn context(&mut self, sentence: Range<usize>) {
        let title = self.text[skip_dateline(self.text, sentence.clone())].to_owned();
        let actors = self.actors_of(&sentence, None);
        self.push(DraftParts {
            title,
            kind: EventKind::Context,
            source: None,
            subject: None,
            outlet: None,
            quote: sentence.clone(),
            sentence: sentence.clone(),
            time_range: sentence.clone(),
            actors,
            content: sentence,
        });
    }

    /// The actors of a draft: the speaker's lanes (or the speaker as a new actor), then those
    /// the words name.
    fn actors_of(&self, range: &Range<usize>, speaker: Option<&Speaker>) -> Vec<DraftActor> {
        let mut actors: Vec<DraftActor> = Vec::new();
        if let Some(speaker) = speaker {
            match self.affiliations.get(&speaker.name) {
                Some(lanes) => actors.extend(lanes.iter().cloned()),
                None if speaker.is_person => actors.push(self.finder.person(&speaker.name)),
                None => {}
            }
        }
        for actor in self.finder.actors(self.text, range.clone()) {
            let same_person = speaker.is_some_and(|s| {
                s.is_person
                    && actor.is_new
                    && s.name
                        .ends_with(actor.mention.split_whitespace().last().unwrap_or_default())
            });
            if !same_person && !actors.iter().any(|a| same_actor(a, &actor)) {
                actors.push(actor);
            }
        }
        actors
    }

    /// Adds a draft.
    fn push(&mut self, parts: DraftParts) {
        let candidates = self.timexes_in(&parts.time_range);
        let chosen = time::choose(&candidates, self.dct);
        let time_words = chosen.from.and_then(|i| self.timexes.get(i)).and_then(|t| {
            let range = t.start_byte..t.end_byte;
            (self.text.get(range.clone()).is_some())
                .then(|| TextSpan::of(self.text, range, &self.char_index))
        });
        self.drafts.push(Draft {
            title: shorten(&parts.title, MAX_TITLE_CHARS),
            time_on_calendar: on_calendar(&chosen.time, self.dct),
            time: chosen.time,
            time_words,
            kind: parts.kind,
            source: parts.source,
            subject: parts.subject,
            outlet: parts.outlet,
            quote: TextSpan::of(self.text, parts.quote, &self.char_index),
            sentence: TextSpan::of(self.text, parts.sentence, &self.char_index),
            actors: parts.actors,
            links: Vec::new(),
        });
        self.contents.push(parts.content);
    }

    /// Proposes, for each denial, links to the earlier claims sharing its content words.
    fn propose_denial_links(&mut self) {
        let words: Vec<_> = self
            .contents
            .iter()
            .map(|range| links::content_words(&self.text[range.clone()]))
            .collect();
        let mut proposals: Vec<(usize, ProposedLink)> = Vec::new();
        for (d, draft) in self.drafts.iter().enumerate() {
            if draft.kind != EventKind::Denial {
                continue;
            }
            let nearest = d.saturating_sub(MAX_CLAIMS_BEFORE_DENIAL);
            for (c, claim) in self.drafts.iter().enumerate().take(d).skip(nearest) {
                if claim.kind != EventKind::Claim {
                    continue;
                }
                let (score, shared_words) = links::overlap(&words[d], &words[c]);
                if !shared_words.is_empty() && score >= links::MIN_LINK_SCORE {
                    proposals.push((
                        d,
                        ProposedLink {
                            to_draft: c,
                            kind: LinkKind::Denies,
                            score,
                            shared_words,
                        },
                    ));
                }
            }
        }
        for (d, link) in proposals {
            if let Some(draft) = self.drafts.get_mut(d) {
                draft.links.push(link);
            }
        }
        for draft in &mut self.drafts {
            draft.links.sort_by(|a, b| {
                b.score
                    .total_cmp(&a.score)
                    .then(a.to_draft.cmp(&b.to_draft))
            });
        }
    }
}

/// What a draft is made of, before its time is chosen.
struct DraftParts {
    /// The title, before shortening.
    title: String,
    /// The kind.
    kind: EventKind,
    /// The speaker.
    source: Option<String>,
    /// Who said or did it.
    subject: Option<String>,
    /// Where it was said.
    outlet: Option<String>,
    /// The words quoted.
    quote: Range<usize>,
    /// The sentence.
    sentence: Range<usize>,
    /// Where its time is looked for.
    time_range: Range<usize>,
    /// Its actors.
    actors: Vec<DraftActor>,
    /// What was said or done, for denials.
    content: Range<usize>,
}

/// Whether two actors are the same lane or the same proposed name.
fn same_actor(a: &DraftActor, b: &DraftActor) -> bool {
    match (&a.lane_id, &b.lane_id) {
        (Some(x), Some(y)) => x == y,
        (None, None) => a.name == b.name,
        _ => false,
    }
}

/// Whether a kind is something said (not an action or background).
fn is_speech_kind(kind: EventKind) -> bool {
    matches!(
        kind,
        EventKind::Claim | EventKind::Denial | EventKind::Statement
    )
}

/// The first reporting verb among tokens and its kind (not after "to": "refused to deny").
fn reporting_verb(tokens: &[Token<'_>]) -> Option<(usize, EventKind)> {
    tokens.iter().enumerate().find_map(|(i, t)| {
        let lower = t.word.to_lowercase();
        let after_to = i > 0 && tokens[i - 1].word.eq_ignore_ascii_case("to");
        let (_, kind) = REPORTING_VERBS.iter().find(|(v, _)| *v == lower)?;
        (!after_to).then_some((i, *kind))
    })
}

/// The first verb of an act among tokens (not at the clause's start: a subject comes first).
fn action_verb(tokens: &[Token<'_>]) -> Option<(usize, EventKind)> {
    tokens.iter().enumerate().find_map(|(i, t)| {
        let lower = t.word.to_lowercase();
        (i > 0 && ACTION_VERBS.contains(&lower.as_str())).then_some((i, EventKind::Action))
    })
}

/// Auxiliaries and adverbs between a subject and its verb: "Russia has, on its part, denied".
const BETWEEN_SUBJECT_AND_VERB: &[&str] = &[
    "has",
    "have",
    "had",
    "is",
    "are",
    "was",
    "were",
    "will",
    "would",
    "could",
    "also",
    "since",
    "then",
    "later",
    "earlier",
    "previously",
    "repeatedly",
    "reportedly",
    "already",
    "now",
    "once",
    "again",
    "strongly",
    "publicly",
    "flatly",
    "firmly",
    "long",
];

/// Words that join clauses and are not part of a subject.
const CLAUSE_JOINERS: &[&str] = &[
    "although", "but", "while", "whereas", "though", "and", "that", "which", "who", "whom",
];

/// The subject of a verb: the tokens before it, less a leading joiner, trailing auxiliaries
/// and parentheticals between commas ("Russia has, on its part, denied").
fn subject_before<'t, 'a>(before: &'t [Token<'a>]) -> &'t [Token<'a>] {
    let mut end = before.len();
    while let Some(last) = end.checked_sub(1).and_then(|i| before.get(i)) {
        if last.word == "," {
            // A parenthetical: skip back to the comma that opens it, if near.
            let open = before[..end - 1].iter().rposition(|t| t.word == ",");
            match open {
                Some(o) if end - 1 - o <= 6 => end = o,
                _ => end -= 1,
            }
        } else if BETWEEN_SUBJECT_AND_VERB.contains(&last.word.to_lowercase().as_str())
            || last.word.ends_with("ly") && last.word.chars().next().is_some_and(char::is_lowercase)
        {
            end -= 1;
        } else {
            break;
        }
    }
    let mut start = 0;
    // A long stretch before the verb is mostly not the subject: keep the last clause of it.
    if let Some(comma) = before[..end].iter().rposition(|t| t.word == ",") {
        start = comma + 1;
    }
    while start < end && CLAUSE_JOINERS.contains(&before[start].word.to_lowercase().as_str()) {
        start += 1;
    }
    &before[start..end]
}

/// The name right after a verb (`said Gen. Nicholson`): capitalised words and titles.
fn name_after<'t, 'a>(after: &'t [Token<'a>]) -> &'t [Token<'a>] {
    let end = after
        .iter()
        .position(|t| !t.is_capitalised())
        .unwrap_or(after.len());
    &after[..end]
}

/// The outlet after "told": `told BBC News` → `BBC News`.
fn told_outlet(text: &str, tokens: &[Token<'_>], verb: usize) -> Option<String> {
    let verb_token = tokens.get(verb)?;
    if !verb_token.word.eq_ignore_ascii_case("told") {
        return None;
    }
    let name = name_after(tokens.get(verb + 1..)?);
    let (first, last) = (name.first()?, name.last()?);
    text.get(first.start..last.end).map(str::to_owned)
}

/// The short form of a speaker for titles: a person's surname, else the name.
fn short_name(speaker: &Speaker) -> String {
    if speaker.is_person {
        speaker
            .name
            .split_whitespace()
            .last()
            .unwrap_or(&speaker.name)
            .to_owned()
    } else {
        speaker.name.clone()
    }
}

/// "the Russians" → "Russians"; "Top Afghan figures" stays.
fn strip_leading_article(phrase: &str) -> String {
    let trimmed = phrase.trim();
    for article in ["the ", "The ", "a ", "A ", "an ", "An "] {
        if let Some(rest) = trimmed.strip_prefix(article) {
            return rest.to_owned();
        }
    }
    trimmed.to_owned()
}

/// As [`strip_leading_article`], keeping a capital for the title's start.
fn strip_leading_article_keep_case(phrase: &str) -> String {
    let stripped = strip_leading_article(phrase);
    let mut chars = stripped.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => stripped,
    }
}

/// A predicate cut before a subordinate clause: "suspended aid to Pakistan after complaining
/// …" → "suspended aid to Pakistan".
fn cut_subordinate(predicate: &str) -> &str {
    let cuts = [
        " after ",
        " because ",
        " following ",
        " despite ",
        " amid ",
        " before ",
        ", ",
        " as part of ",
        " in order to ",
    ];
    let end = cuts
        .iter()
        .filter_map(|c| predicate.find(c))
        .min()
        .unwrap_or(predicate.len());
    predicate[..end].trim_end_matches(['.', ',', ';', ' '])
}

/// A range without a dateline at its start: "WASHINGTON, Oct. 4, 2019 — Esper met …" → "Esper
/// met …". A dateline is a place in capitals, then a comma or "(Agency)", then a dash, within
/// the first 80 bytes.
fn skip_dateline(text: &str, range: Range<usize>) -> Range<usize> {
    let slice = &text[range.clone()];
    let head_end = slice
        .char_indices()
        .map(|(i, _)| i)
        .find(|i| *i >= 80)
        .unwrap_or(slice.len());
    let head = &slice[..head_end];
    let Some(dash) = head
        .find(['—', '–'])
        .or_else(|| head.find(" - ").map(|i| i + 1))
    else {
        return range;
    };
    let place: String = head
        .chars()
        .take_while(|c| *c != ',' && *c != '(')
        .collect();
    let letters: Vec<char> = place.chars().filter(|c| c.is_alphabetic()).collect();
    let is_place =
        letters.len() >= 2 && letters.iter().all(|c| c.is_uppercase()) && place.len() < dash;
    if !is_place {
        return range;
    }
    let after = dash + head[dash..].chars().next().map_or(1, char::len_utf8);
    let rest = &slice[after..];
    let start = range.start + after + (rest.len() - rest.trim_start().len());
    if start < range.end {
        start..range.end
    } else {
        range
    }
}

/// A range with `chars` trimmed from both ends.
fn trim_range(text: &str, range: Range<usize>, chars: &[char]) -> Range<usize> {
    let slice = &text[range.clone()];
    let start = range.start + (slice.len() - slice.trim_start_matches(chars).len());
    let end = range.start + slice.trim_end_matches(chars).len();
    if start < end { start..end } else { range }
}

/// A title shortened to at most `max_chars` characters at a word boundary, with "…".
fn shorten(title: &str, max_chars: usize) -> String {
    let title = title.split_whitespace().collect::<Vec<_>>().join(" ");
    if title.chars().count() <= max_chars {
        return title;
    }
    let cut = title
        .char_indices()
        .nth(max_chars.saturating_sub(1))
        .map_or(title.len(), |(i, _)| i);
    let head = &title[..cut];
    let at_word = head.rfind(' ').filter(|i| *i > cut / 2).unwrap_or(cut);
    format!(
        "{}…",
        head[..at_word].trim_end_matches([',', ';', ':', ' ', '.'])
    )
}

#[cfg(test)]
mod tests;
