//! The parts of a clause, by rule: its reporting verb or verb of an act, its subject (less
//! auxiliaries and parentheticals), the name after a verb (`said Gen. Nicholson`), the outlet
//! after "told", and a predicate cut before a subordinate clause. Works on tokens; does not
//! resolve who a subject is ([`super::speakers`] does) nor make drafts ([`super::pass`]).

use super::actors::Token;
use super::words::{ACTION_VERBS, REPORTING_VERBS};
use crate::model::kinds::EventKind;

/// Whether a kind is something said (not an action or background).
pub(super) fn is_speech_kind(kind: EventKind) -> bool {
    matches!(
        kind,
        EventKind::Claim | EventKind::Denial | EventKind::Statement
    )
}

/// The first reporting verb among tokens and its kind (not after "to": "refused to deny"; not a
/// word of a name: "The United States remains").
pub(super) fn reporting_verb(tokens: &[Token<'_>]) -> Option<(usize, EventKind)> {
    let headline = is_headline(tokens);
    tokens.iter().enumerate().find_map(|(i, t)| {
        let lower = t.word.to_lowercase();
        let after_to = i > 0 && tokens[i - 1].word.eq_ignore_ascii_case("to");
        let (_, kind) = REPORTING_VERBS.iter().find(|(v, _)| *v == lower)?;
        (!after_to && may_be_verb(i, t, headline)).then_some((i, *kind))
    })
}

/// The first verb of an act among tokens (not at the clause's start: a subject comes first;
/// not a word of a name).
pub(super) fn action_verb(tokens: &[Token<'_>]) -> Option<(usize, EventKind)> {
    let headline = is_headline(tokens);
    tokens.iter().enumerate().find_map(|(i, t)| {
        let lower = t.word.to_lowercase();
        (i > 0 && ACTION_VERBS.contains(&lower.as_str()) && may_be_verb(i, t, headline))
            .then_some((i, EventKind::Action))
    })
}

/// Whether the `i`th token may be a verb: in running text a capitalised word after the first
/// is part of a name ("the United States", "the Secretary of State", "the Claims Conference"),
/// not a verb; in a headline written in title case ("Russia Denies Arming the Taliban") every
/// word is capitalised and any may be.
fn may_be_verb(i: usize, token: &Token<'_>, is_headline: bool) -> bool {
    i == 0 || is_headline || !token.is_capitalised()
}

/// Whether tokens read as a title-case headline: no comma, and at least two thirds of their
/// words of four letters or more capitalised (running text has a few names among many
/// lower-case words; a list of names "Canada, France, … the United States" has commas).
fn is_headline(tokens: &[Token<'_>]) -> bool {
    if tokens.iter().any(|t| t.word == ",") {
        return false;
    }
    let long: Vec<&Token<'_>> = tokens
        .iter()
        .filter(|t| t.is_word() && t.word.chars().count() >= 4)
        .collect();
    let capitalised = long.iter().filter(|t| t.is_capitalised()).count();
    long.len() >= 2 && capitalised * 3 >= long.len() * 2
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
pub(super) fn subject_before<'t, 'a>(before: &'t [Token<'a>]) -> &'t [Token<'a>] {
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
pub(super) fn name_after<'t, 'a>(after: &'t [Token<'a>]) -> &'t [Token<'a>] {
    let end = after
        .iter()
        .position(|t| !t.is_capitalised())
        .unwrap_or(after.len());
    &after[..end]
}

/// The outlet after "told": `told BBC News` → `BBC News`.
pub(super) fn told_outlet(text: &str, tokens: &[Token<'_>], verb: usize) -> Option<String> {
    let verb_token = tokens.get(verb)?;
    if !verb_token.word.eq_ignore_ascii_case("told") {
        return None;
    }
    let name = name_after(tokens.get(verb + 1..)?);
    let (first, last) = (name.first()?, name.last()?);
    text.get(first.start..last.end).map(str::to_owned)
}

/// A predicate cut before a subordinate clause: "suspended aid to Pakistan after complaining
/// …" → "suspended aid to Pakistan".
pub(super) fn cut_subordinate(predicate: &str) -> &str {
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
