//! Text search over events: case- and accent-insensitive substring matching on the title,
//! description, source (who, where, quote), tags and attributes.

use super::events::Event;

/// `text` lowercased, with the accents of Latin letters removed (`Müller` → `muller`).
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        for lower in c.to_lowercase() {
            out.push(strip_accent(lower));
        }
    }
    out
}

fn strip_accent(c: char) -> char {
    match c {
        'à'..='å' | 'ā' | 'ă' | 'ą' => 'a',
        'ç' | 'ć' | 'č' => 'c',
        'è'..='ë' | 'ē' | 'ę' | 'ě' => 'e',
        'ì'..='ï' | 'ī' | 'į' | 'ı' => 'i',
        'ñ' | 'ń' | 'ň' => 'n',
        'ò'..='ö' | 'ø' | 'ō' | 'ő' => 'o',
        'ù'..='ü' | 'ū' | 'ů' | 'ű' => 'u',
        'ý' | 'ÿ' => 'y',
        'ś' | 'š' | 'ş' => 's',
        'ź' | 'ż' | 'ž' => 'z',
        'ł' => 'l',
        'đ' | 'ď' => 'd',
        'ř' => 'r',
        'ť' => 't',
        'ğ' => 'g',
        other => other,
    }
}

/// Whether `event` contains `needle`, which must already be [`fold`]ed.
pub fn matches(event: Event<'_>, needle: &str) -> bool {
    if needle.is_empty() {
        return true;
    }
    let hit = |text: &str| {
        // Most text is ASCII: skip the allocation of folding when a plain check can decide.
        if text.is_ascii() && needle.is_ascii() {
            text.as_bytes()
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
}
