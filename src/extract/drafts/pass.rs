//! One pass over a report's sentences, making drafts: a sentence mostly quoted becomes quoted
//! speech attributed to its speaker; otherwise each clause with a reporting verb or a verb of
//! an act becomes a draft; a sentence with a time and neither becomes background. Each draft's
//! time is chosen from the expressions in its clause. The parts of a clause, the speakers and
//! the offsets are worked out beside this file ([`super::clause`], [`super::speakers`],
//! [`super::span`]); the links between drafts by [`super::links`].

use std::ops::Range;

use chrono::NaiveDate;

use super::actors::{ActorFinder, Token, tokens};
use super::clause::{
    action_verb, cut_subordinate, is_speech_kind, name_after, reporting_verb, subject_before,
    told_outlet,
};
use super::sentences::{Layout, Quotation};
use super::span::{CharIndex, shorten, skip_dateline, trim_range};
use super::speakers::{
    Attribution, Speaker, Speakers, short_name, strip_leading_article_keep_case,
};
use super::{Draft, DraftActor, MAX_TITLE_CHARS, TextSpan, links, on_calendar, time};
use crate::extract::timex_input::TimexSpan;
use crate::model::kinds::EventKind;

/// How much of a sentence quoted words must cover for it to be read as quoted speech (its
/// quote is then the quoted words, attributed to whoever the sentence closing the quotation
/// names).
const QUOTED_SHARE: f64 = 0.6;

/// How much of a sentence that starts inside a quotation the quotation must cover to be read as
/// quoted speech.
const OPENING_QUOTED_SHARE: f64 = 0.3;

/// The state of one pass over a document.
pub(super) struct Reader<'a> {
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
    /// The speakers met so far.
    speakers: Speakers,
    /// The drafts so far.
    drafts: Vec<Draft>,
    /// Each draft's content (what was said or done), for matching denials to claims.
    contents: Vec<Range<usize>>,
}

impl<'a> Reader<'a> {
    /// A pass over `text`, laid out as `layout`, with its temporal expressions, its date and
    /// the open dataset's lanes as `(id, name)`.
    pub(super) fn new(
        text: &'a str,
        layout: &'a Layout,
        timexes: &'a [TimexSpan],
        dct: NaiveDate,
        known_lanes: &'a [(String, String)],
    ) -> Self {
        Self {
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
            speakers: Speakers::default(),
            drafts: Vec::new(),
            contents: Vec::new(),
        }
    }

    /// The drafts of every sentence, with the links each denial proposes.
    pub(super) fn into_drafts(mut self) -> Vec<Draft> {
        let sentences = self.sentences;
        for (index, sentence) in sentences.iter().enumerate() {
            self.read_sentence(index, sentence.clone());
        }
        links::propose_denial_links(self.text, &mut self.drafts, &self.contents);
        self.drafts
    }

    /// Makes the drafts of one sentence.
    fn read_sentence(&mut self, index: usize, sentence: Range<usize>) {
        self.speakers
            .note_persons(&self.finder, self.text, sentence.clone());
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
                let speaker = self.speakers.resolve(&self.finder, self.text, phrase);
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
        let outlet = self
            .speakers
            .outlet_of(speaker_name.as_deref(), said.outlet);
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
        let speaker = self
            .speakers
            .resolve(&self.finder, self.text, subject_tokens);
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
            self.speakers.outlet_of(
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
            match self.speakers.affiliation(&speaker.name) {
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
        let chosen = time::choose(self.text, &candidates, self.dct);
        let end_byte = |t: &TimexSpan| {
            chosen
                .to
                .and_then(|j| self.timexes.get(j))
                .map_or(t.end_byte, |e| e.end_byte)
        };
        let time_words = chosen.from.and_then(|i| self.timexes.get(i)).and_then(|t| {
            let range = t.start_byte..end_byte(t);
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
