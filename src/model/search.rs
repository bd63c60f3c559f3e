//! Text search over events: substring matching on the title, description, source (who, where,
//! quote), tags and attributes, blind to case, marks and the spelling variants of one letter.
//!
//! Both sides are folded the same way ([`fold`]): lowercased, decomposed by Unicode's NFKD (so
//! `é` written as one character or as `e` + U+0301 is `e`, `ș` and `ş` are `s`, Cyrillic `ё` is
//! `е`, a presentation form is its letter), every combining mark dropped (accents, Arabic
//! harakat, the hamza on `أ`/`إ`/`ؤ`), then the letters Arabic, Persian, Pashto and Urdu write
//! differently brought to one (`ی`/`ى` → `ي`, `ک` → `ك`, `ة`/`ہ`/`ھ` → `ه`, `ٱ` → `ا`), the
//! tatweel dropped, and Arabic-Indic and Persian digits made ASCII. It does not transliterate
//! between scripts (Талибан does not find Taliban) nor stem words.

use unicode_normalization::char::{decompose_compatible, is_combining_mark};

use super::events::Event;

/// `text` folded for search: lowercased, marks removed, letter variants made one (see the
/// module's doc): `Müller` → `muller`, `كتاب` and `کتاب` → `كتاب`. ASCII is only lowercased.
pub fn fold(text: &str) -> String {
    if text.is_ascii() {
        return text.to_ascii_lowercase();
    }
    let mut out = String::with_capacity(text.len());
    // Character by character: the marks NFKD would put in canonical order are all dropped, so
    // the order among them does not matter, and the stream's reordering buffer is not needed.
    for lower in text.chars().flat_map(char::to_lowercase) {
        decompose_compatible(lower, |c| {
            if is_combining_mark(c) {
                return;
            }
            match one_letter(c) {
                Letter::One(c) => out.push(c),
                Letter::Two(text) => out.push_str(text),
                Letter::Dropped => {}
            }
        });
    }
    out
}

/// What a lowercased, decomposed character is searched as.
enum Letter {
    /// One character.
    One(char),
    /// Two letters (`ß` → `ss`).
    Two(&'static str),
    /// Nothing (the tatweel, a stretch between joined Arabic letters).
    Dropped,
}

/// The one spelling of a letter that NFKD leaves apart from its variants.
fn one_letter(c: char) -> Letter {
    Letter::One(match c {
        // Latin letters with a stroke, which do not decompose.
        'ł' => 'l',
        'đ' => 'd',
        'ø' => 'o',
        'ı' => 'i',
        'ħ' => 'h',
        'ß' => return Letter::Two("ss"),
        'æ' => return Letter::Two("ae"),
        'œ' => return Letter::Two("oe"),
        // Greek final sigma.
        'ς' => 'σ',
        // Arabic script: yeh (Arabic, Farsi, alef maksura, Pashto and Urdu forms), kaf (keheh),
        // heh (teh marbuta, heh goal, heh doachashmee, ae), alef wasla.
        'ی' | 'ى' | 'ې' | 'ۍ' | 'ے' => 'ي',
        'ک' => 'ك',
        'ة' | 'ہ' | 'ھ' | 'ە' => 'ه',
        'ٱ' => 'ا',
        '\u{0640}' => return Letter::Dropped,
        // Arabic-Indic and Persian digits.
        '٠'..='٩' => digit(c, '٠'),
        '۰'..='۹' => digit(c, '۰'),
        other => other,
    })
}

/// The ASCII digit of `c`, one of ten digits starting at `zero`.
fn digit(c: char, zero: char) -> char {
    char::from_digit(u32::from(c) - u32::from(zero), 10).unwrap_or(c)
}

/// Whether `event` contains `needle`, which must already be [`fold`]ed.
pub fn matches(event: Event<'_>, needle: &str) -> bool {
    if needle.is_empty() {
        return true;
    }
    let hit = |text: &str| {
        // Most text is ASCII: skip the allocation of folding when a plain check can decide
        // (ASCII folds to ASCII, so it never holds a needle that is not).
        if text.is_ascii() {
            needle.is_ascii()
                && text
                    .as_bytes()
                    .windows(needle.len())
                    .any(|w| w.eq_ignore_ascii_case(needle.as_bytes()))
        } else {
            fold(text).contains(needle)
        }
    };
    hit(event.title())
        || event.description().is_some_and(hit)
        || event.tags().iter().any(hit)
        || event.attributes().iter().any(|(_, v)| hit(v))
        || event.source().is_some_and(|s| {
            [&s.by, &s.outlet, &s.quote]
                .iter()
                .any(|f| f.as_deref().is_some_and(hit))
        })
}

#[cfg(test)]
mod tests {
    use super::{fold, matches};
    use crate::io::load_default;

    #[test]
    fn case_and_accents_do_not_matter() {
        assert_eq!(fold("Müller ÉCOLE Łódź"), "muller ecole lodz");
        let dataset = load_default().map(|l| l.dataset).unwrap_or_default();
        let hits: Vec<&str> = dataset
            .events
            .iter()
            .filter(|e| matches(*e, &fold("NIGHT VISION")))
            .map(|e| e.id())
            .collect();
        assert_eq!(hits, ["afghan-officials-weapons"]);
        let by_source = dataset
            .events
            .iter()
            .filter(|e| matches(*e, "nicholson"))
            .count();
        assert!(by_source >= 8, "{by_source}");
    }

    /// Whether `needle` is found in `text` once both are folded.
    fn finds(text: &str, needle: &str) -> bool {
        fold(text).contains(&fold(needle))
    }

    #[test]
    fn a_mark_written_apart_is_the_same_letter() {
        // é as one character (U+00E9) and as e + U+0301; both find the plain e.
        assert!(finds("Café de Flore", "cafe\u{301}"));
        assert!(finds("Cafe\u{301} de Flore", "café"));
        assert!(finds("Cafe\u{301} de Flore", "CAFE"));
        assert_eq!(fold("e\u{301}"), fold("é"));
        // The two spellings of Romanian ș and ț (comma below, cedilla) and plain s, t.
        assert!(finds("Timișoara și Constanța", "timisoara si constanta"));
        assert!(finds("Timişoara", "Timișoara"));
        // Letters with a stroke, and full-width or ligature forms.
        assert_eq!(fold("Łódź Straße ﬁle ＡＢ"), "lodz strasse file ab");
        assert!(!finds("Cafe", "cafes"));
    }

    #[test]
    fn cyrillic_yo_is_ye_and_case_does_not_matter() {
        assert!(finds("Пётр Алексеевич", "петр"));
        assert!(finds("ПЁТР", "Пётр"));
        assert!(finds("Талибан в Москве", "МОСКВЕ"));
        assert!(!finds("Талибан", "Taliban"));
    }

    #[test]
    fn arabic_and_persian_spellings_of_one_name_find_each_other() {
        // Yeh: Arabic ي, Persian ی, alef maksura ى.
        assert!(finds("علي", "علی"));
        assert!(finds("مصطفى", "مصطفی"));
        // Kaf: Arabic ك, Persian ک.
        assert!(finds("كابل", "کابل"));
        // Heh and teh marbuta.
        assert!(finds("حمزة", "حمزه"));
        // Alef with hamza above or below, with madda, and alef wasla: plain alef.
        for alef in ["أحمد", "إحمد", "آحمد", "ٱحمد"] {
            assert!(finds(alef, "احمد"), "{alef}");
        }
        // Harakat (fatha, damma, kasra, shadda, sukun, tanwin) and tatweel are not letters.
        assert!(finds("مُحَمَّد", "محمد"));
        assert!(finds("كتابًا", "كتابا"));
        assert!(finds("طالـــبان", "طالبان"));
        // A Persian name in Persian letters with Persian digits, searched in Arabic letters.
        assert!(finds("کمیته ۱۴۰۳", "كميته 1403"));
        // Different names stay different.
        assert!(!finds("كابل", "بابل"));
    }

    #[test]
    fn events_are_matched_through_the_fold_and_ascii_text_never_holds_arabic() {
        let csv = "title,start\nمُحَمَّد في كابل,2018\nMeeting in Kabul,2019\n";
        let (dataset, _, _) =
            crate::io::load_bytes("x.csv", csv.as_bytes()).unwrap_or_else(|e| panic!("{e}"));
        let hits = |needle: &str| -> Vec<&str> {
            let needle = fold(needle);
            dataset
                .events
                .iter()
                .filter(|e| matches(*e, &needle))
                .map(|e| e.title())
                .collect()
        };
        assert_eq!(hits("محمد في کابل"), ["مُحَمَّد في كابل"]);
        assert_eq!(hits("KABUL"), ["Meeting in Kabul"]);
        assert!(hits("کابول").is_empty());
    }
}
