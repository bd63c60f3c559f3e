//! What a recogniser reads around a token: the words and numbers at an index, whether two
//! tokens touch, the tense of the clause, the last full year of the sentence, and the day a
//! clock time is on. Reads the tokens only; recognises nothing itself.

use chrono::{Datelike, NaiveDate};

use super::super::lex::{Tok, TokKind};
use super::super::words;

/// The tense of a clause, as far as its marker words tell.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Tense {
    /// Past or present: the default of a report.
    Past,
    /// A future marker is nearest.
    Future,
    /// No marker.
    Unknown,
}

/// The text, the DCT, and the reference date for anaphoric expressions ("two days later").
pub(crate) struct Ctx<'a> {
    pub toks: &'a [Tok],
    pub dct: NaiveDate,
    /// The last fully specified day mentioned, for "a day later", "the next day".
    pub reference: NaiveDate,
    /// The sentence `reference` was mentioned in (`u32::MAX` for the DCT).
    pub reference_sentence: u32,
}

impl Ctx<'_> {
    /// The lower-case token at `i`, or "" past the end.
    pub fn w(&self, i: usize) -> &str {
        self.toks.get(i).map_or("", |t| t.lower.as_str())
    }

    /// The token at `i`.
    pub fn tok(&self, i: usize) -> Option<&Tok> {
        self.toks.get(i)
    }

    /// Whether token `i` is the word `s`.
    pub fn is(&self, i: usize, s: &str) -> bool {
        self.w(i) == s
    }

    /// Whether tokens `i` and `i + 1` touch (no space between: "mid-March", "two-year").
    pub fn touches(&self, i: usize) -> bool {
        match (self.toks.get(i), self.toks.get(i + 1)) {
            (Some(a), Some(b)) => a.end == b.start,
            _ => false,
        }
    }

    /// The number at `i` if it is a plain number token.
    pub fn num(&self, i: usize) -> Option<u64> {
        self.tok(i).and_then(Tok::number)
    }

    /// The number of digits of a number token at `i` (0 otherwise).
    pub fn digits(&self, i: usize) -> usize {
        self.tok(i)
            .filter(|t| t.kind == TokKind::Num)
            .map_or(0, |t| t.lower.len())
    }

    /// Whether token `i` starts with a capital letter.
    pub fn is_capitalized(&self, i: usize) -> bool {
        self.tok(i).is_some_and(|t| t.is_capitalized)
    }

    /// The day a clock time at token `i` is on when the text does not say: the day named in
    /// the same sentence or one of the two before, else the DCT.
    pub fn day_for_time(&self, i: usize) -> NaiveDate {
        let sentence = self.tok(i).map_or(0, |t| t.sentence);
        if self.reference_sentence != u32::MAX && self.reference_sentence + 3 >= sentence {
            self.reference
        } else {
            self.dct
        }
    }

    /// The tense around token `i`: a future marker (a modal such as "will") shortly before
    /// the expression decides; otherwise the nearest marker word in the same sentence.
    pub fn tense(&self, i: usize) -> Tense {
        let Some(sentence) = self.tok(i).map(|t| t.sentence) else {
            return Tense::Unknown;
        };
        let same = |k: usize| self.toks.get(k).filter(|t| t.sentence == sentence);
        for dist in 1..10usize {
            let Some(t) = i.checked_sub(dist).and_then(same) else {
                break;
            };
            if words::is_future_marker(&t.lower) {
                return Tense::Future;
            }
        }
        for dist in 1..40usize {
            let mut found = None;
            for k in [i.checked_sub(dist), Some(i + dist)].into_iter().flatten() {
                let Some(t) = same(k) else { continue };
                if words::is_future_marker(&t.lower) {
                    found = Some(Tense::Future);
                } else if found.is_none() && words::is_past_marker(&t.lower) {
                    found = Some(Tense::Past);
                }
            }
            if let Some(t) = found {
                return t;
            }
        }
        Tense::Unknown
    }

    /// The last year written out in full earlier in this sentence (within 60 tokens), before
    /// token `i`
    /// (the year a narrative is in, for "23 February" after "in 2014").
    pub fn recent_year(&self, i: usize) -> Option<i32> {
        let sentence = self.tok(i)?.sentence;
        // At most 60 tokens back, so a text without full stops stays linear.
        let floor = i.saturating_sub(60);
        let mut k = i;
        while k > floor {
            k -= 1;
            let t = &self.toks[k];
            if t.sentence < sentence {
                return None;
            }
            if t.kind == TokKind::Num && t.lower.len() == 4 {
                let y = i32::try_from(t.number()?).ok()?;
                if (1000..=self.dct.year()).contains(&y) {
                    return Some(y);
                }
            }
        }
        None
    }
}
