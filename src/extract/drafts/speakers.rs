//! Who speaks in a report: a speaker resolved from the words naming it (a pronoun to the last
//! person who spoke, a surname to the full name first seen, anything else as written), the
//! lanes a person was introduced with, and where each spoke ("told BBC News"), remembered over
//! one pass. Does not find the reporting verb ([`super::clause`]) nor make drafts
//! ([`super::pass`]).

use std::collections::HashMap;

use super::DraftActor;
use super::actors::{ActorFinder, Token};
use crate::model::kinds::EventKind;

/// Who a reporting verb points at, and the verb.
pub(super) struct Attribution {
    /// The verb's kind.
    pub(super) kind: EventKind,
    /// The speaker as named, resolved.
    pub(super) speaker: Option<Speaker>,
    /// `told X`.
    pub(super) outlet: Option<String>,
}

/// A speaker, resolved.
#[derive(Clone)]
pub(super) struct Speaker {
    /// The name: `Gen. John Nicholson`, `Russia`, `Top Afghan military and police figures`.
    pub(super) name: String,
    /// Whether a person (pronouns refer back to persons).
    pub(super) is_person: bool,
}

/// What a pass remembers of the speakers met so far.
#[derive(Default)]
pub(super) struct Speakers {
    /// The last person named as a speaker, for "he added".
    last_person: Option<String>,
    /// Persons named so far, full names first seen ("Gen. John Nicholson").
    persons: Vec<String>,
    /// Lanes a speaker was introduced with ("Commander of U.S. forces in Afghanistan …").
    affiliations: HashMap<String, Vec<DraftActor>>,
    /// Where a speaker spoke ("told BBC News").
    outlets: HashMap<String, String>,
}

impl Speakers {
    /// Remembers the persons a sentence names, by the full name first seen.
    pub(super) fn note_persons(
        &mut self,
        finder: &ActorFinder<'_>,
        text: &str,
        sentence: std::ops::Range<usize>,
    ) {
        for person in finder.people(text, sentence) {
            let written = &text[person];
            let surname = written.split_whitespace().last().unwrap_or_default();
            let known = self
                .persons
                .iter()
                .any(|p| p.split_whitespace().last() == Some(surname));
            if !known {
                self.persons.push(written.to_owned());
            }
        }
    }

    /// The lanes `name` was introduced with, if any.
    pub(super) fn affiliation(&self, name: &str) -> Option<&[DraftActor]> {
        self.affiliations.get(name).map(Vec::as_slice)
    }

    /// Resolves the words naming a speaker: a pronoun to the last person, a person's later
    /// mention to the full name first seen, anything else as written.
    pub(super) fn resolve(
        &mut self,
        finder: &ActorFinder<'_>,
        text: &str,
        phrase: &[Token<'_>],
    ) -> Option<Speaker> {
        // A transcript's speaker label ("MR PRICE: What I'll say"): who "I" and "we" are.
        let (label, phrase) = speaker_label(text, phrase);
        let mut words: Vec<&Token<'_>> = phrase.iter().filter(|t| t.is_word()).collect();
        // A time or manner word between the speaker and the verb names nobody ("Qin Gang,
        // yesterday told CBS").
        while words
            .last()
            .is_some_and(|t| BEFORE_VERB.contains(&t.word.to_lowercase().as_str()))
        {
            words.pop();
        }
        // The word right before the verb is a pronoun ("What I'll say", "As you heard me",
        // "I don't think he said"): that is the subject, whatever comes before it.
        if let Some(pronoun) = words.last().and_then(|t| pronoun(t.word)) {
            return match pronoun {
                "he" | "she" => self.last_person.clone().map(|name| Speaker {
                    name,
                    is_person: true,
                }),
                "i" | "we" | "me" | "us" => label.map(|name| Speaker {
                    name,
                    is_person: true,
                }),
                _ => None,
            };
        }
        // A sentence or clause opens with a capital: "What", "As", "If" name nobody.
        while words
            .first()
            .is_some_and(|t| OPENERS.contains(&t.word.to_lowercase().as_str()))
        {
            words.remove(0);
        }
        // A relative clause ends before the speaker: "… for which the Secretary announced",
        // "echoing precisely what the President had said".
        if let Some(at) = words
            .iter()
            .rposition(|t| RELATIVES.contains(&t.word.to_lowercase().as_str()))
        {
            words.drain(..=at);
        }
        // A stretch of running text with a pronoun in it, or long and naming no person, is a
        // clause, not a name ("It is a partnership … that the United States"): keep the name
        // at its end, if any. ("Commander of U.S. forces in Afghanistan Gen. John Nicholson"
        // stays whole: the lanes beside the person are read from it.)
        let is_subject =
            |t: &&Token<'_>| pronoun(t.word).is_some_and(|p| SUBJECT_PRONOUNS.contains(&p));
        let names_a_person = || {
            let (first, last) = (words.first(), words.last());
            first
                .zip(last)
                .is_some_and(|(f, l)| finder.last_person(text, f.start..l.end).is_some())
        };
        if (words.len() > MAX_SPEAKER_WORDS || words.iter().any(is_subject)) && !names_a_person() {
            let name_from = words
                .iter()
                .rposition(|t| !t.is_capitalised() && t.word != "of")
                .map_or(0, |i| i + 1);
            words.drain(..name_from);
        }
        let first = words.first()?;
        let last = words.last()?;
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
        if let Some(person) = finder.last_person(text, range.clone()) {
            let written = text[person.clone()].to_owned();
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
            let beside: Vec<DraftActor> = finder
                .actors(text, range.start..person.start)
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
        // Without a capital, a speaker is a few plain words ("officials", "news agencies"):
        // a number ("800 million"), a time or a stretch with a preposition in it ("emphasis
        // on sovereignty of all") names no one.
        let plain = !words.iter().any(|t| t.is_capitalised());
        if plain
            && (words.len() > 3
                || first.word.starts_with(|c: char| c.is_ascii_digit())
                || words
                    .iter()
                    .any(|t| PREPOSITIONS.contains(&t.word.to_lowercase().as_str())))
        {
            return None;
        }
        let name = strip_leading_article(&text[range]);
        Some(Speaker {
            name,
            is_person: false,
        })
    }

    /// Remembers or recalls where a speaker spoke.
    pub(super) fn outlet_of(
        &mut self,
        speaker: Option<&str>,
        said_now: Option<String>,
    ) -> Option<String> {
        let speaker = speaker?;
        match said_now {
            Some(outlet) => {
                self.outlets.insert(speaker.to_owned(), outlet.clone());
                Some(outlet)
            }
            None => self.outlets.get(speaker).cloned(),
        }
    }
}

/// Labels of a transcript that name no one in particular.
const ANONYMOUS_LABELS: &[&str] = &["QUESTION", "Q", "MODERATOR", "OPERATOR", "PARTICIPANT"];

/// A transcript's speaker label at the start of `phrase` (one to four capitalised words and a
/// colon: `MR PRICE:`), and the phrase after it; `None` and the whole phrase when there is none
/// (or it names no one: `QUESTION:`).
fn speaker_label<'t, 'a>(text: &str, phrase: &'t [Token<'a>]) -> (Option<String>, &'t [Token<'a>]) {
    let Some(colon) = phrase.iter().take(5).position(|t| t.word == ":") else {
        return (None, phrase);
    };
    let name = &phrase[..colon];
    let (Some(first), Some(last)) = (name.first(), name.last()) else {
        return (None, phrase);
    };
    if !name.iter().all(Token::is_capitalised) {
        return (None, phrase);
    }
    let label = &text[first.start..last.end];
    let rest = &phrase[colon + 1..];
    if ANONYMOUS_LABELS.contains(&label) {
        (None, rest)
    } else {
        (Some(label.to_owned()), rest)
    }
}

/// The most words a speaker is named in when no name is found among them ("Top Afghan military
/// and police figures" is six); longer, it is a clause and only a name at its end is kept.
const MAX_SPEAKER_WORDS: usize = 8;

/// Words that open a sentence or clause before its subject and name nobody.
const OPENERS: &[&str] = &[
    "what", "as", "if", "when", "because", "since", "while", "although", "though", "so", "and",
    "but", "or", "from", "is", "are", "was", "were", "then", "also", "now", "that", "which",
];

/// Words that may stand between a speaker and the verb and name nobody.
const BEFORE_VERB: &[&str] = &[
    "yesterday",
    "today",
    "tonight",
    "tomorrow",
    "recently",
    "earlier",
    "later",
    "also",
    "again",
    "previously",
    "separately",
    "reportedly",
    "then",
    "now",
    "once",
    "repeatedly",
    "publicly",
];

/// Words that open a relative clause: the speaker comes after the last of them.
const RELATIVES: &[&str] = &["which", "what", "who", "whom", "whose", "where", "whatever"];

/// Prepositions: a phrase in plain words with one of them is running text, not a speaker.
const PREPOSITIONS: &[&str] = &[
    "on", "of", "in", "for", "to", "with", "about", "at", "by", "from", "over", "into",
];

/// The pronouns that are a clause's subject ("her" and "his" may open a speaker's name: "Her
/// spokesman").
const SUBJECT_PRONOUNS: &[&str] = &["i", "we", "you", "they", "it", "he", "she"];

/// A personal pronoun, in lower case, with any contraction dropped ("I'll", "we've",
/// "You’re" → "i", "we", "you"); `None` for any other word.
fn pronoun(word: &str) -> Option<&'static str> {
    let bare = word
        .split(['\'', '’'])
        .next()
        .unwrap_or(word)
        .to_lowercase();
    [
        "i", "we", "you", "they", "it", "he", "she", "me", "us", "them", "him", "her",
    ]
    .into_iter()
    .find(|p| *p == bare)
}

/// The short form of a speaker for titles: a person's surname, else the name.
pub(super) fn short_name(speaker: &Speaker) -> String {
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
pub(super) fn strip_leading_article_keep_case(phrase: &str) -> String {
    let stripped = strip_leading_article(phrase);
    let mut chars = stripped.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => stripped,
    }
}
