//! Words and actors: a small tokenizer that keeps "U.S." and "Gen." whole, and the finder of
//! actors in a stretch of text — the open dataset's lanes by name or id first ("U.S. forces in
//! Afghanistan" is the lane "US forces in Afghanistan"), then the gazetteer ("Moscow" → Russia),
//! then named people (a title and a name, or two capitalised words that are nothing else).
//! A single unknown capitalised word is not proposed: too many are not actors.

use std::collections::HashMap;
use std::ops::Range;

use super::DraftActor;
use super::places::{GAZETTEER, Place};
use super::words::{ABBREVIATIONS, TITLES, is_not_a_name};

/// A word or a clause mark (`,` `;` `:`) with its place in the text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Token<'a> {
    /// The word as written.
    pub word: &'a str,
    /// Where it starts, in bytes into the text.
    pub start: usize,
    /// Where it ends, in bytes.
    pub end: usize,
}

impl Token<'_> {
    /// Whether it is a word (not a mark).
    pub fn is_word(&self) -> bool {
        self.word.chars().next().is_some_and(char::is_alphanumeric)
    }

    /// Whether it starts with a capital or is a title.
    pub fn is_capitalised(&self) -> bool {
        self.word.chars().next().is_some_and(char::is_uppercase)
    }
}

/// The tokens of `text[range]`.
pub(super) fn tokens(text: &str, range: Range<usize>) -> Vec<Token<'_>> {
    let mut found = Vec::new();
    let slice = &text[range.clone()];
    let chars: Vec<(usize, char)> = slice.char_indices().collect();
    let mut i = 0;
    while let Some(&(offset, c)) = chars.get(i) {
        if matches!(c, ',' | ';' | ':') {
            let start = range.start + offset;
            found.push(Token {
                word: &text[start..start + 1],
                start,
                end: start + 1,
            });
            i += 1;
            continue;
        }
        if !c.is_alphanumeric() {
            i += 1;
            continue;
        }
        let mut j = i + 1;
        while let Some(&(_, d)) = chars.get(j) {
            let joins = matches!(d, '.' | '\'' | '’' | '-' | '&')
                && chars.get(j + 1).is_some_and(|(_, e)| e.is_alphanumeric());
            if d.is_alphanumeric() || joins {
                j += 1;
            } else {
                break;
            }
        }
        let start = range.start + offset;
        let mut end = range.start + chars.get(j).map_or(slice.len(), |(o, _)| *o);
        let word = &text[start..end];
        let keeps_stop = ABBREVIATIONS.contains(&word)
            || TITLES.contains(&format!("{word}.").as_str())
            || word.contains('.');
        if keeps_stop && chars.get(j).is_some_and(|(_, d)| *d == '.') {
            end += 1;
            j += 1;
        }
        found.push(Token {
            word: &text[start..end],
            start,
            end,
        });
        i = j;
    }
    found
}

/// Text lower-cased with dots dropped and other marks made spaces, with the byte in the
/// original each byte comes from: "U.S. forces" → "us forces".
fn normalize_with_map(text: &str, base: usize) -> (String, Vec<usize>) {
    let mut out = String::with_capacity(text.len());
    let mut map = Vec::with_capacity(text.len());
    for (offset, c) in text.char_indices() {
        if c == '.' {
            continue;
        }
        if c.is_alphanumeric() {
            for lower in c.to_lowercase() {
                let before = out.len();
                out.push(lower);
                map.extend(std::iter::repeat_n(base + offset, out.len() - before));
            }
        } else if !out.ends_with(' ') {
            out.push(' ');
            map.push(base + offset);
        }
    }
    (out, map)
}

/// A name as lanes are compared: lower case, no dots, single spaces.
fn normalize(name: &str) -> String {
    normalize_with_map(name, 0).0.trim().to_owned()
}

/// Whether `text` has a word boundary before byte `at` and after byte `end`.
fn bounded(text: &str, at: usize, end: usize) -> bool {
    let before = text[..at].chars().next_back();
    let after = text[end..].chars().next();
    !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
}

/// A found mention of an actor.
struct Mention {
    /// Where, in the text.
    range: Range<usize>,
    /// The actor.
    actor: DraftActor,
    /// Whether it is a lane matched by its name or id (people right after it are its own).
    is_lane_name: bool,
}

/// Finds actors in text and matches them to the open dataset's lanes.
pub(super) struct ActorFinder<'a> {
    /// The lanes as `(id, name)`, with their normalised name and id.
    lanes: Vec<(&'a str, &'a str, String, String)>,
    /// The gazetteer's aliases by their first word, longest first.
    aliases: HashMap<&'static str, Vec<(&'static str, &'static Place)>>,
}

impl<'a> ActorFinder<'a> {
    /// A finder for these lanes.
    pub fn new(known_lanes: &'a [(String, String)]) -> Self {
        let mut aliases: HashMap<&'static str, Vec<(&'static str, &'static Place)>> =
            HashMap::new();
        for place in GAZETTEER {
            for alias in place.aliases {
                let first = alias.split(' ').next().unwrap_or(alias);
                aliases.entry(first).or_default().push((alias, place));
            }
        }
        for candidates in aliases.values_mut() {
            candidates.sort_by_key(|(alias, _)| std::cmp::Reverse(alias.len()));
        }
        Self {
            aliases,
            lanes: known_lanes
                .iter()
                .map(|(id, name)| (id.as_str(), name.as_str(), normalize(name), normalize(id)))
                .collect(),
        }
    }

    /// The lane whose normalised name or id is `normalized`.
    fn lane_named(&self, normalized: &str) -> Option<(&'a str, &'a str)> {
        self.lanes
            .iter()
            .find(|(_, _, name, id)| name == normalized || id == normalized)
            .map(|(id, name, _, _)| (*id, *name))
    }

    /// An actor for a name: its lane, or a new one.
    fn actor_for(&self, name: &str, mention: &str) -> DraftActor {
        match self.lane_named(&normalize(name)) {
            Some((id, lane_name)) => DraftActor {
                name: lane_name.to_owned(),
                lane_id: Some(id.to_owned()),
                is_new: false,
                mention: mention.to_owned(),
            },
            None => DraftActor {
                name: name.to_owned(),
                lane_id: None,
                is_new: true,
                mention: mention.to_owned(),
            },
        }
    }

    /// A place or organisation as an actor: the lane named by its canonical name or any of its
    /// aliases ("Afghan" is the lane `afghan` for "Afghanistan"), or a new one.
    fn place_actor(&self, place: &Place, mention: &str) -> DraftActor {
        let lane = std::iter::once(place.canonical)
            .chain(place.aliases.iter().copied())
            .find_map(|name| self.lane_named(&normalize(name)));
        match lane {
            Some((id, lane_name)) => DraftActor {
                name: lane_name.to_owned(),
                lane_id: Some(id.to_owned()),
                is_new: false,
                mention: mention.to_owned(),
            },
            None => self.actor_for(place.canonical, mention),
        }
    }

    /// A person as an actor: a lane of that name, or a new one.
    pub fn person(&self, name: &str) -> DraftActor {
        self.actor_for(name, name)
    }

    /// Lanes named in `text[range]` by name or id (capitalised where written).
    fn lane_mentions(&self, text: &str, range: Range<usize>) -> Vec<Mention> {
        let (normal, map) = normalize_with_map(&text[range.clone()], range.start);
        let mut found = Vec::new();
        for (id, name, normal_name, normal_id) in &self.lanes {
            for needle in [normal_name, normal_id] {
                if needle.is_empty() {
                    continue;
                }
                for (at, _) in normal.match_indices(needle.as_str()) {
                    let end = at + needle.len();
                    let whole = (at == 0 || normal[..at].ends_with(' '))
                        && (end == normal.len() || normal[end..].starts_with(' '));
                    let (Some(&start), Some(&last)) = (map.get(at), map.get(end - 1)) else {
                        continue;
                    };
                    let last_len = text[last..].chars().next().map_or(1, char::len_utf8);
                    let mut original_end = last + last_len;
                    // Keep the dot of "U.S." in the mention.
                    if text[original_end..].starts_with('.')
                        && text[start..original_end].contains('.')
                    {
                        original_end += 1;
                    }
                    let capital = text[start..].chars().next().is_some_and(char::is_uppercase);
                    if whole
                        && capital
                        && !found
                            .iter()
                            .any(|m: &Mention| m.range.start < original_end && start < m.range.end)
                    {
                        found.push(Mention {
                            range: start..original_end,
                            actor: DraftActor {
                                name: (*name).to_owned(),
                                lane_id: Some((*id).to_owned()),
                                is_new: false,
                                mention: text[start..original_end].to_owned(),
                            },
                            is_lane_name: true,
                        });
                    }
                }
            }
        }
        found
    }

    /// Places and organisations of the gazetteer in `text[range]`, outside `taken`.
    fn gazetteer_mentions(
        &self,
        text: &str,
        range: Range<usize>,
        taken: &[Mention],
    ) -> Vec<Mention> {
        let mut found: Vec<Mention> = Vec::new();
        for token in tokens(text, range.clone()) {
            let Some(candidates) = self.aliases.get(token.word) else {
                continue;
            };
            // Longest first: "Islamic State" before "Islamic".
            let hit = candidates.iter().find(|(alias, _)| {
                let end = token.start + alias.len();
                end <= range.end
                    && text[token.start..].starts_with(alias)
                    && bounded(text, token.start, end)
            });
            let Some((alias, place)) = hit else {
                continue;
            };
            let (start, end) = (token.start, token.start + alias.len());
            let overlaps = |m: &Mention| m.range.start < end && start < m.range.end;
            if taken.iter().any(overlaps) || found.iter().any(overlaps) {
                continue;
            }
            found.push(Mention {
                range: start..end,
                actor: self.place_actor(place, alias),
                is_lane_name: false,
            });
        }
        found
    }

    /// Runs of capitalised words outside `taken` that name a person: a title and a name, or
    /// two or more capitalised words.
    fn person_runs(
        &self,
        text: &str,
        range: Range<usize>,
        taken: &[Mention],
    ) -> Vec<(Range<usize>, bool)> {
        let words = tokens(text, range);
        let is_taken = |t: &Token<'_>| {
            taken
                .iter()
                .any(|m| m.range.start < t.end && t.start < m.range.end)
        };
        let mut runs = Vec::new();
        let mut i = 0;
        while i < words.len() {
            let starts =
                words[i].is_capitalised() && !is_taken(&words[i]) && !is_not_a_name(words[i].word);
            if !starts {
                i += 1;
                continue;
            }
            let mut j = i + 1;
            while j < words.len()
                && words[j].is_capitalised()
                && !is_taken(&words[j])
                && !is_not_a_name(words[j].word)
                // A title starts a new name, unless it follows another ("Vice President").
                && (!TITLES.contains(&words[j].word) || TITLES.contains(&words[j - 1].word))
            {
                j += 1;
            }
            let titled = TITLES.contains(&words[i].word);
            let names = words[i..j]
                .iter()
                .filter(|t| !TITLES.contains(&t.word))
                .count();
            if titled && names >= 1 || names >= 2 {
                let after_lane = i > 0
                    && taken.iter().any(|m| {
                        m.is_lane_name
                            && m.range.end <= words[i].start
                            && m.range.end + 2 >= words[i].start
                    });
                runs.push((words[i].start..words[j - 1].end, after_lane));
            }
            i = j;
        }
        runs
    }

    /// Every person named in `text[range]`, in order.
    pub fn people(&self, text: &str, range: Range<usize>) -> Vec<Range<usize>> {
        let taken = self.gazetteer_mentions(text, range.clone(), &[]);
        self.person_runs(text, range, &taken)
            .into_iter()
            .map(|(r, _)| r)
            .collect()
    }

    /// The last person named in `text[range]`.
    pub fn last_person(&self, text: &str, range: Range<usize>) -> Option<Range<usize>> {
        let taken = self.gazetteer_mentions(text, range.clone(), &[]);
        self.person_runs(text, range, &taken)
            .into_iter()
            .map(|(r, _)| r)
            .next_back()
    }

    /// The actors named in `text[range]`, in order of mention, each once.
    pub fn actors(&self, text: &str, range: Range<usize>) -> Vec<DraftActor> {
        let mut mentions = self.lane_mentions(text, range.clone());
        let places = self.gazetteer_mentions(text, range.clone(), &mentions);
        mentions.extend(places);
        let people: Vec<Mention> = self
            .person_runs(text, range, &mentions)
            .into_iter()
            .filter(|(_, after_lane)| !after_lane)
            .map(|(r, _)| Mention {
                actor: self.actor_for(&text[r.clone()], &text[r.clone()]),
                range: r,
                is_lane_name: false,
            })
            .collect();
        mentions.extend(people);
        mentions.sort_by_key(|m| m.range.start);
        let mut actors: Vec<DraftActor> = Vec::new();
        for m in mentions {
            let seen = actors.iter().any(|a| match (&a.lane_id, &m.actor.lane_id) {
                (Some(x), Some(y)) => x == y,
                (None, None) => a.name == m.actor.name,
                _ => false,
            });
            if !seen {
                actors.push(m.actor);
            }
        }
        actors
    }
}
