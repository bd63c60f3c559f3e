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
