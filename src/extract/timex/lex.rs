//! Splits text into tokens for the temporal rules: words (lower-cased, with `a.m.`-style
//! abbreviations kept whole), numbers, and single punctuation marks, each with its byte span.
//! It also marks sentence boundaries. It knows nothing about time words.

/// What a token is made of.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum TokKind {
    /// Letters (possibly followed by digits), or digits followed by letters (`1990s`, `3pm`).
    Word,
    /// Digits only.
    Num,
    /// One character that is neither a letter, a digit nor white space.
    Punct,
}

/// One token of the text.
#[derive(Clone, Debug)]
pub(crate) struct Tok {
    /// Byte offset of the first byte in the text.
    pub start: usize,
    /// Byte offset just past the last byte.
    pub end: usize,
    /// The token in lower case.
    pub lower: String,
    /// Word, number or punctuation.
    pub kind: TokKind,
    /// Whether the token starts with an upper-case letter.
    pub is_capitalized: bool,
    /// Index of the sentence the token belongs to.
    pub sentence: u32,
}

impl Tok {
    /// The numeric value of a [`TokKind::Num`] token (saturating on absurd lengths).
    pub fn number(&self) -> Option<u64> {
        if self.kind != TokKind::Num || self.lower.len() > 12 {
            return None;
        }
        self.lower.parse().ok()
    }
}

/// Splits `text` into tokens.
pub(crate) fn tokenize(text: &str) -> Vec<Tok> {
    let bytes = text.as_bytes();
    let mut toks: Vec<Tok> = Vec::with_capacity(text.len() / 5);
    let mut sentence = 0u32;
    let mut i = 0usize;
    let mut newline_run = 0u32;
    while i < bytes.len() {
        let b = bytes[i];
        if b == b'\n' {
            newline_run += 1;
            if newline_run >= 1 {
                // A line break ends a sentence in headlines and paragraphs alike.
                if toks.last().is_some_and(|t| t.sentence == sentence) {
                    sentence += 1;
                }
            }
            i += 1;
            continue;
        }
        if b.is_ascii_whitespace() {
            i += 1;
            continue;
        }
        newline_run = 0;
        let start = i;
        let ch_len = utf8_len(b);
        let ch = if b.is_ascii() {
            char::from(b)
        } else {
            text[i..].chars().next().unwrap_or(' ')
        };
        if ch.is_alphanumeric() {
            let mut j = i;
            let mut has_alpha = false;
            let mut has_digit = false;
            while j < bytes.len() {
                // ASCII without decoding: most of an English text.
                let byte = bytes[j];
                if byte.is_ascii() {
                    if byte.is_ascii_alphabetic() {
                        has_alpha = true;
                    } else if byte.is_ascii_digit() {
                        has_digit = true;
                    } else {
                        break;
                    }
                    j += 1;
                    continue;
                }
                let c = text[j..].chars().next().unwrap_or(' ');
                if c.is_alphabetic() {
                    has_alpha = true;
                } else if c.is_ascii_digit() {
                    has_digit = true;
                } else {
                    break;
                }
                j += c.len_utf8();
            }
            // Abbreviations with inner dots: a.m., p.m., U.S. (letter '.' letter '.').
            if has_alpha && !has_digit && j - i == 1 {
                let mut k = j;
                let mut parts = 1;
                while k + 2 < bytes.len() + 1
                    && bytes.get(k) == Some(&b'.')
                    && bytes.get(k + 1).is_some_and(u8::is_ascii_alphabetic)
                    && bytes.get(k + 2).is_none_or(|c| !c.is_ascii_alphanumeric())
                {
                    k += 2;
                    parts += 1;
                }
                if parts > 1 {
                    if bytes.get(k) == Some(&b'.') {
                        k += 1;
                    }
                    j = k;
                }
            }
            let raw = &text[i..j];
            let kind = if has_alpha {
                TokKind::Word
            } else {
                TokKind::Num
            };
            toks.push(Tok {
                start,
                end: j,
                lower: if raw.is_ascii() {
                    raw.to_ascii_lowercase()
                } else {
                    raw.to_lowercase()
                },
                kind,
                is_capitalized: ch.is_uppercase(),
                sentence,
            });
            i = j;
            continue;
        }
        let end = i + ch_len.max(1);
        let end = end.min(bytes.len());
        let raw = text.get(i..end).unwrap_or("");
        toks.push(Tok {
            start,
            end,
            lower: raw.to_owned(),
            kind: TokKind::Punct,
            is_capitalized: false,
            sentence,
        });
        if matches!(b, b'.' | b'!' | b'?') {
            // A full stop ends a sentence when followed by white space and not part of a
            // short abbreviation (Gen., Mr., Jan.).
            let next_is_space = bytes.get(end).is_none_or(u8::is_ascii_whitespace);
            let prev_short = toks.len() >= 2 && {
                let p = &toks[toks.len() - 2];
                p.end == start && p.kind == TokKind::Word && p.lower.len() <= 4 && p.is_capitalized
            };
            if next_is_space && !prev_short {
                sentence += 1;
            }
        }
        i = end;
    }
    toks
}

/// The length in bytes of the UTF-8 character that starts with byte `b`.
fn utf8_len(b: u8) -> usize {
    match b {
        0x00..=0x7F => 1,
        0xC0..=0xDF => 2,
        0xE0..=0xEF => 3,
        0xF0..=0xFF => 4,
        _ => 1,
    }
}

#[cfg(test)]
mod tests {
    use super::{TokKind, tokenize};

    #[test]
    fn splits_words_numbers_and_abbreviations() {
        let toks = tokenize("At 3 p.m. on Jan. 5, 1990s U.S. troops");
        let words: Vec<&str> = toks.iter().map(|t| t.lower.as_str()).collect();
        assert_eq!(
            words,
            [
                "at", "3", "p.m.", "on", "jan", ".", "5", ",", "1990s", "u.s.", "troops"
            ]
        );
        assert_eq!(toks[1].kind, TokKind::Num);
        assert_eq!(toks[1].number(), Some(3));
        assert_eq!(toks[8].kind, TokKind::Word);
    }

    #[test]
    fn sentences_split_on_full_stops_but_not_titles() {
        let toks = tokenize("Gen. Nicholson spoke. He left\nNext line");
        let s: Vec<u32> = toks.iter().map(|t| t.sentence).collect();
        assert_eq!(s, [0, 0, 0, 0, 0, 1, 1, 2, 2]);
    }

    #[test]
    fn keeps_byte_offsets_with_multibyte_text() {
        let text = "“Friday” — é 2018";
        let toks = tokenize(text);
        for t in &toks {
            assert!(text.get(t.start..t.end).is_some());
        }
        assert_eq!(toks.last().map(|t| t.lower.as_str()), Some("2018"));
    }
}
