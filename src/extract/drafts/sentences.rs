//! Splitting a report into paragraphs, sentences and quotations, as byte ranges into its text.
//!
//! A paragraph is a line, except that a line running on in lower case joins the one before (a
//! hard-wrapped text file). A sentence ends at `.`, `!`, `?` or `…` (and any closing quotes
//! after it) when white space and a capital, a digit or an opening quote follow, unless the word
//! before the stop is an abbreviation ("Gen.", "Mr."), an initial ("John F. Kennedy") or a
//! dotted abbreviation ("U.S.") before a name. Quotations are paired marks in a paragraph
//! (straight and curly quotes alike, as reports mix them); a quotation left open runs to the
//! paragraph's end. Does not parse grammar.

use std::ops::Range;

use super::words::ABBREVIATIONS;

/// A quotation: the quoted words and the marks around them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(in crate::extract) struct Quotation {
    /// The quoted words, without the marks.
    pub inner: Range<usize>,
    /// The words with their marks.
    pub outer: Range<usize>,
}

/// Paragraphs, sentences and quotations of a text.
#[derive(Clone, Debug, Default)]
pub(in crate::extract) struct Layout {
    /// Each sentence, trimmed of white space, in order.
    pub sentences: Vec<Range<usize>>,
    /// Each quotation, in order.
    pub quotations: Vec<Quotation>,
}

/// Whether a character opens or closes a quotation.
fn is_quote_mark(c: char) -> bool {
    matches!(c, '"' | '“' | '”' | '„' | '«' | '»')
}

/// Characters that may follow a full stop and still belong to its sentence.
fn is_closer(c: char) -> bool {
    is_quote_mark(c) || matches!(c, '’' | '\'' | ')' | ']')
}

/// Words that start a sentence after a dotted abbreviation ("… in the U.S. The next day").
const SENTENCE_STARTERS: &[&str] = &[
    "The", "He", "She", "It", "They", "We", "This", "That", "But", "In", "A", "An", "On", "At",
    "There", "Its", "His", "Her", "Their", "I",
];

/// Splits `text` into sentences and quotations.
pub(in crate::extract) fn layout(text: &str) -> Layout {
    let mut result = Layout::default();
    for paragraph in paragraphs(text) {
        let quotations = quotations_in(text, paragraph.clone());
        result
            .sentences
            .extend(sentences_in(text, paragraph, &quotations));
        result.quotations.extend(quotations);
    }
    result
}

/// The paragraphs of a text: lines, with lower-case continuation lines joined.
fn paragraphs(text: &str) -> Vec<Range<usize>> {
    let mut found: Vec<Range<usize>> = Vec::new();
    let mut start = 0;
    for line in text.split_inclusive('\n') {
        let end = start + line.len();
        let content = line.trim();
        if !content.is_empty() {
            let continues = content.chars().next().is_some_and(char::is_lowercase);
            match found.last_mut() {
                Some(last) if continues && last.end == start => last.end = end,
                _ => found.push(start..end),
            }
        }
        start = end;
    }
    found
}

/// The quotations of one paragraph: marks paired in order of appearance.
fn quotations_in(text: &str, paragraph: Range<usize>) -> Vec<Quotation> {
    let mut found = Vec::new();
    let mut open: Option<usize> = None;
    for (offset, c) in text[paragraph.clone()].char_indices() {
        if !is_quote_mark(c) {
            continue;
        }
        let at = paragraph.start + offset;
        match open.take() {
            None => open = Some(at),
            Some(start) => found.push(Quotation {
                inner: start + text[start..].chars().next().map_or(1, char::len_utf8)..at,
                outer: start..at + c.len_utf8(),
            }),
        }
    }
    if let Some(start) = open {
        let end = paragraph.start + text[paragraph.clone()].trim_end().len();
        let inner_start = start + text[start..].chars().next().map_or(1, char::len_utf8);
        found.push(Quotation {
            inner: inner_start.min(end)..end,
            outer: start..end,
        });
    }
    found
}

/// The word just before byte `at` (letters, digits, dots and apostrophes).
fn word_before(text: &str, at: usize) -> &str {
    let head = &text[..at];
    let start = head
        .char_indices()
        .rev()
        .find(|(_, c)| !(c.is_alphanumeric() || matches!(c, '.' | '\'' | '’')))
        .map_or(0, |(i, c)| i + c.len_utf8());
    &head[start..]
}

/// The word starting at byte `at`.
fn word_at(text: &str, at: usize) -> &str {
    let tail = &text[at..];
    let end = tail
        .char_indices()
        .find(|(_, c)| !c.is_alphanumeric())
        .map_or(tail.len(), |(i, _)| i);
    &tail[..end]
}

/// Whether the full stop at byte `stop` belongs to an abbreviation rather than ending a
/// sentence, given the word that follows.
fn is_abbreviation_stop(text: &str, stop: usize, next_word: &str) -> bool {
    let word = word_before(text, stop);
    let bare = word.trim_start_matches(['\'', '’']);
    if ABBREVIATIONS.contains(&bare) {
        return true;
    }
    let letters = bare.chars().filter(|c| c.is_alphabetic()).count();
    let single_initial = letters == 1 && bare.chars().all(char::is_uppercase);
    // "U.S", "U.N", "a.m": dotted abbreviations run on unless a sentence clearly starts.
    let dotted = bare.contains('.') && letters <= 4;
    single_initial && !SENTENCE_STARTERS.contains(&next_word)
        || dotted && !SENTENCE_STARTERS.contains(&next_word)
}

/// The sentences of one paragraph.
fn sentences_in(
    text: &str,
    paragraph: Range<usize>,
    quotations: &[Quotation],
) -> Vec<Range<usize>> {
    let mut found = Vec::new();
    let mut start = paragraph.start;
    let body = &text[paragraph.clone()];
    let mut chars = body.char_indices().peekable();
    while let Some((offset, c)) = chars.next() {
        if !matches!(c, '.' | '!' | '?' | '…') {
            continue;
        }
        let stop = paragraph.start + offset;
        // Take the closing marks that belong to the sentence: quote marks that close a
        // quotation here, brackets, apostrophes.
        let mut end = stop + c.len_utf8();
        while let Some(&(o, next)) = chars.peek() {
            let at = paragraph.start + o;
            let closes_quote = !is_quote_mark(next)
                || quotations
                    .iter()
                    .any(|q| q.outer.end == at + next.len_utf8());
            if is_closer(next) && closes_quote || matches!(next, '.' | '!' | '?') {
                end = at + next.len_utf8();
                chars.next();
            } else {
                break;
            }
        }
        let rest = &text[end..paragraph.end];
        let Some(next_start) = rest.find(|ch: char| !ch.is_whitespace()) else {
            continue;
        };
        if next_start == 0 {
            continue; // "U.S.-led", "3.5", "Isis.com": no space after the stop.
        }
        let next_at = end + next_start;
        let next_char = text[next_at..].chars().next().unwrap_or(' ');
        let starts_sentence = next_char.is_uppercase()
            || next_char.is_ascii_digit()
            || is_quote_mark(next_char)
            || next_char == '(';
        if !starts_sentence {
            continue;
        }
        let next_word = word_at(
            text,
            next_at
                + if is_quote_mark(next_char) {
                    next_char.len_utf8()
                } else {
                    0
                },
        );
        if c == '.' && is_abbreviation_stop(text, stop, next_word) {
            continue;
        }
        push_trimmed(text, &mut found, start..end);
        start = next_at;
    }
    push_trimmed(text, &mut found, start..paragraph.end);
    found
}

/// Adds a range trimmed of white space, if anything is left.
fn push_trimmed(text: &str, found: &mut Vec<Range<usize>>, range: Range<usize>) {
    let slice = &text[range.clone()];
    let start = range.start + (slice.len() - slice.trim_start().len());
    let end = range.start + slice.trim_end().len();
    if start < end {
        found.push(start..end);
    }
}
