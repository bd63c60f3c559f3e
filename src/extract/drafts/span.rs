//! Offsets and trimming of the report's text for drafts: a span's character offsets (counted
//! from checkpoints, not from the text's start), ranges trimmed of punctuation or of a
//! dateline, and titles shortened at a word boundary. Does not choose which words a draft
//! rests on; [`super::pass`] does.

use std::ops::Range;

use super::TextSpan;

/// Character counts at every [`CharIndex::STEP_BYTES`] bytes of a text, so a span's character
/// offsets cost a short count instead of one from the text's start (a 1 MB report has
/// thousands of drafts).
pub(super) struct CharIndex {
    /// `(byte, chars before it)` at char boundaries, ascending.
    checkpoints: Vec<(usize, usize)>,
}

impl CharIndex {
    /// The distance between checkpoints.
    const STEP_BYTES: usize = 4096;

    /// The index of `text`.
    pub(super) fn new(text: &str) -> Self {
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
    pub(super) fn of(text: &str, range: Range<usize>, index: &CharIndex) -> Self {
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

/// A range without a dateline at its start: "WASHINGTON, Oct. 4, 2019 — Esper met …" → "Esper
/// met …". A dateline is a place in capitals, then a comma or "(Agency)", then a dash, within
/// the first 80 bytes.
pub(super) fn skip_dateline(text: &str, range: Range<usize>) -> Range<usize> {
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
pub(super) fn trim_range(text: &str, range: Range<usize>, chars: &[char]) -> Range<usize> {
    let slice = &text[range.clone()];
    let start = range.start + (slice.len() - slice.trim_start_matches(chars).len());
    let end = range.start + slice.trim_end_matches(chars).len();
    if start < end { start..end } else { range }
}

/// A title shortened to at most `max_chars` characters at a word boundary, with "…".
pub(super) fn shorten(title: &str, max_chars: usize) -> String {
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
