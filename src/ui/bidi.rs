//! Mixed-direction text put in the order egui must draw it, until egui orders it itself.
//!
//! egui 0.37 shapes text (harfrust: Arabic letters join) but has no bidirectional algorithm: it
//! lays a line out left to right in the order the characters are stored, cutting it into runs by
//! font, and harfrust draws each run right to left when its script is (Arabic, Hebrew). So
//! "طالبان و روسیه" came out with its words in reading order from the left, and a string of one
//! font mixing directions came out as one right-to-left run. [`visual_order`] reorders a line by
//! the Unicode bidirectional algorithm (UAX #9, the `unicode-bidi` crate; the paragraph left to
//! right, as the window and the exports are): the runs of each
//! direction in the order they are seen, mirrored brackets inside right-to-left runs, and each
//! stretch of right-to-left letters left in stored order, because harfrust reverses it when it
//! shapes it. Remove this when egui ships bidi (DESIGN.md, "Scripts and directions").
//!
//! It does not wrap: a line reordered here and then wrapped by egui is ordered per line only
//! when it fits on one (lane names, labels and titles are laid out without wrapping).

use std::borrow::Cow;

use unicode_bidi::{Level, ParagraphBidiInfo};

/// `text` in the left-to-right order egui must lay it out in to show it as the Unicode
/// bidirectional algorithm orders it; `text` itself (no copy) when it has no right-to-left
/// letter, as almost every label has.
pub fn visual_order(text: &str) -> Cow<'_, str> {
    if text.is_ascii() || !text.chars().any(is_right_to_left_letter) {
        return Cow::Borrowed(text);
    }
    let lines: Vec<String> = text.split('\n').map(visual_line).collect();
    Cow::Owned(lines.join("\n"))
}

/// One line (no `\n`) reordered; see [`visual_order`].
fn visual_line(line: &str) -> String {
    // Left to right at the paragraph level (UAX #9's HL1: the window's layout is left to right),
    // as usvg lays out the same text in the exports, so the window and a report agree.
    let info = ParagraphBidiInfo::new(line, Some(Level::ltr()));
    let (levels, runs) = info.visual_runs(0..line.len());
    let mut out = String::with_capacity(line.len() + 8);
    for run in runs {
        let Some(text) = line.get(run.clone()) else {
            continue;
        };
        let is_rtl = levels.get(run.start).is_some_and(|l| l.is_rtl());
        let chunks = chunks(text);
        if is_rtl {
            // Reversed; a stretch harfrust shapes right to left stays as stored (it reverses it).
            for chunk in chunks.iter().rev() {
                match chunk {
                    Chunk::Shaped(s) => out.push_str(s),
                    Chunk::Plain(s) => out.extend(
                        s.chars()
                            .rev()
                            .map(|c| unicode_bidi_mirroring::get_mirrored(c).unwrap_or(c)),
                    ),
                }
            }
        } else {
            // As stored; a stretch harfrust would reverse (Arabic-Indic digits in a
            // left-to-right run) is stored reversed, so that its reversal puts it right.
            for chunk in &chunks {
                match chunk {
                    Chunk::Shaped(s) => out.extend(s.chars().rev()),
                    Chunk::Plain(s) => out.push_str(s),
                }
            }
        }
    }
    out
}

/// A piece of a run: either a stretch harfrust shapes right to left, or anything else.
enum Chunk<'a> {
    /// Letters (and their marks, joiners and punctuation) of a right-to-left script.
    Shaped(&'a str),
    /// Everything else: spaces, Latin, digits, symbols.
    Plain(&'a str),
}

/// `text` cut into stretches of right-to-left script and the rest.
fn chunks(text: &str) -> Vec<Chunk<'_>> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut shaped = None;
    for (i, c) in text.char_indices() {
        let is_shaped = is_shaped_right_to_left(c);
        match shaped {
            Some(s) if s != is_shaped => {
                out.push(chunk(&text[start..i], s));
                start = i;
                shaped = Some(is_shaped);
            }
            None => shaped = Some(is_shaped),
            _ => {}
        }
    }
    if let Some(s) = shaped {
        out.push(chunk(&text[start..], s));
    }
    out
}

fn chunk(text: &str, is_shaped: bool) -> Chunk<'_> {
    if is_shaped {
        Chunk::Shaped(text)
    } else {
        Chunk::Plain(text)
    }
}

/// A letter written right to left (Hebrew, Arabic, Syriac, Thaana, N'Ko and their presentation
/// forms): what makes a line need reordering.
fn is_right_to_left_letter(c: char) -> bool {
    matches!(
        c,
        '\u{0590}'..='\u{08FF}' | '\u{FB1D}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFF}'
            | '\u{10800}'..='\u{10FFF}' | '\u{1E800}'..='\u{1EFFF}'
    )
}

/// A character egui puts in the same run as the right-to-left letters around it, which
/// harfrust then shapes right to left: the letters' blocks (with their digits, comma, tatweel),
/// combining marks, and the joiners Persian writes (ZWNJ, ZWJ).
fn is_shaped_right_to_left(c: char) -> bool {
    is_right_to_left_letter(c)
        || matches!(c, '\u{200C}' | '\u{200D}')
        || unicode_normalization::char::is_combining_mark(c)
}

#[cfg(test)]
mod tests {
    use super::visual_order;

    #[test]
    fn left_to_right_text_is_not_copied() {
        for text in ["Kabul talks", "Талибан — 塔利班", "Łódź 2018", ""] {
            assert!(matches!(
                visual_order(text),
                std::borrow::Cow::Borrowed(t) if t == text
            ));
        }
    }

    #[test]
    fn right_to_left_words_are_ordered_from_the_right_and_each_left_for_harfrust() {
        // "Taliban and Russia": the first word is drawn rightmost; each word stays as stored
        // (harfrust reverses its letters when it shapes it).
        assert_eq!(visual_order("طالبان و روسیه"), "روسیه و طالبان");
        // Persian's zero-width non-joiner stays inside its word.
        assert_eq!(visual_order("می‌رود امروز"), "امروز می‌رود");
    }

    #[test]
    fn a_mixed_title_keeps_each_direction_in_its_order() {
        // The bug: the Russian word came out reversed (one right-to-left run). In a
        // left-to-right paragraph (as the exports lay it out), the Persian words are one
        // right-to-left run, seen from the right; the Russian and Chinese keep their order.
        let title = "طالبان و روسیه — Талибан — 塔利班";
        assert_eq!(visual_order(title), "روسیه و طالبان — Талибан — 塔利班");
        // A left-to-right paragraph with a Persian name inside.
        assert_eq!(
            visual_order("Meeting with طالبان و روسیه in Moscow"),
            "Meeting with روسیه و طالبان in Moscow"
        );
    }

    #[test]
    fn brackets_are_mirrored_and_digits_stay_in_order() {
        // (Kabul) in Persian: the brackets turn so that they still open before the word.
        assert_eq!(visual_order("(کابل)"), "(کابل)");
        assert_eq!(visual_order("کابل (۱۴۰۳)"), "(۳۰۴۱) کابل");
        // ASCII digits in a right-to-left line: left to right, as written.
        assert_eq!(visual_order("سال 1403 شد"), "شد 1403 سال");
        // Lines are ordered one by one.
        assert_eq!(visual_order("الف ب\nA ب"), "ب الف\nA ب");
    }
}
