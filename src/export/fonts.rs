//! The fonts that reports and the window draw with: egui's own (Ubuntu, Hack), the bundled
//! Vazirmatn for Arabic script (Persian, Pashto, Urdu, Arabic: the region of the bundled report
//! always draws, on any machine), and, only when a text has a letter none of those has, the
//! machine's own fonts (`fontdb`'s system fonts, scanned once). It names the scripts that no
//! font on the machine has, so that they are said instead of drawn as empty boxes. It does not
//! order mixed-direction text (usvg does that for exports, `ui::bidi` for the window).

use std::collections::BTreeSet;
use std::sync::{Arc, OnceLock};

use resvg::usvg::fontdb;

/// Vazirmatn (Non-Latin cut, regular), SIL Open Font License 1.1 (`assets/fonts/`): the Arabic
/// script of Persian, Pashto, Urdu and Arabic, 56 KB.
pub const VAZIRMATN: &[u8] = include_bytes!("../../assets/fonts/Vazirmatn-NL-Regular.ttf");

/// The bundled fonts: egui's and Vazirmatn. Made once.
fn bundled() -> &'static Arc<fontdb::Database> {
    static DB: OnceLock<Arc<fontdb::Database>> = OnceLock::new();
    DB.get_or_init(|| {
        let mut db = fontdb::Database::new();
        load_bundled(&mut db);
        Arc::new(db)
    })
}

fn load_bundled(db: &mut fontdb::Database) {
    db.load_font_data(epaint_default_fonts::UBUNTU_LIGHT.to_vec());
    db.load_font_data(epaint_default_fonts::HACK_REGULAR.to_vec());
    db.load_font_data(VAZIRMATN.to_vec());
    db.set_sans_serif_family("Ubuntu");
}

/// The bundled fonts, then the machine's. Scanned once, the first time a text needs it
/// (a few milliseconds to a few hundred, by how many fonts the machine has).
fn with_system() -> &'static Arc<fontdb::Database> {
    static DB: OnceLock<Arc<fontdb::Database>> = OnceLock::new();
    DB.get_or_init(|| {
        let mut db = fontdb::Database::new();
        load_bundled(&mut db);
        db.load_system_fonts();
        Arc::new(db)
    })
}

/// The fonts to draw `text` with: the bundled ones when they have every letter of it (the
/// machine's fonts are then never scanned), else the bundled and the machine's.
pub fn database_for(text: &str) -> Arc<fontdb::Database> {
    if lacking(bundled(), text).next().is_none() {
        Arc::clone(bundled())
    } else {
        Arc::clone(with_system())
    }
}

/// The scripts of the letters of `text` that no font (bundled or on the machine) has, by their
/// Unicode names (`Han`, `Devanagari`), each once, sorted.
pub fn scripts_without_font(text: &str) -> Vec<&'static str> {
    let db = database_for(text);
    let scripts: BTreeSet<&'static str> = lacking(&db, text).filter_map(script_name).collect();
    scripts.into_iter().collect()
}

/// The distinct characters of `text` that no face of `db` has (spaces, controls and marks
/// aside: they need no glyph of their own).
fn lacking<'a>(db: &'a fontdb::Database, text: &'a str) -> impl Iterator<Item = char> + 'a {
    let mut seen = BTreeSet::new();
    text.chars()
        .filter(|c| !c.is_ascii() && !c.is_whitespace() && !c.is_control())
        .filter(|c| !matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{FEFF}'))
        .filter(|&c| !unicode_normalization::char::is_combining_mark(c))
        .filter(move |&c| seen.insert(c))
        .filter(move |&c| !db.faces().any(|face| has_char(db, face.id, c)))
}

/// Whether the face `id` of `db` has a glyph for `c`.
fn has_char(db: &fontdb::Database, id: fontdb::ID, c: char) -> bool {
    db.with_face_data(id, |data, index| {
        ttf_parser::Face::parse(data, index)
            .ok()
            .and_then(|face| face.glyph_index(c))
            .is_some()
    })
    .unwrap_or(false)
}

/// The Unicode name of the script of `c` (`Arabic`, `Han`), or `None` for characters shared by
/// scripts (punctuation, symbols, digits).
pub fn script_name(c: char) -> Option<&'static str> {
    use unicode_script::{Script, UnicodeScript as _};
    match c.script() {
        Script::Common | Script::Inherited | Script::Unknown => None,
        script => Some(script.full_name()),
    }
}

/// What to tell the user about scripts no font draws, or `None` when every script is drawn.
pub fn missing_scripts_words(scripts: &[&str]) -> Option<String> {
    if scripts.is_empty() {
        return None;
    }
    let cjk = scripts
        .iter()
        .any(|s| matches!(*s, "Han" | "Hiragana" | "Katakana" | "Hangul" | "Bopomofo"));
    Some(format!(
        "no font on this machine draws {} letters: they show as empty boxes. Install a font \
         for {}{}.",
        scripts.join(", ").replace('_', " "),
        if scripts.len() == 1 { "it" } else { "them" },
        if cjk {
            " (for Chinese, Japanese and Korean: Debian's fonts-noto-cjk)"
        } else {
            " (Debian's fonts-noto-core has most scripts)"
        }
    ))
}

#[cfg(test)]
mod tests {
    use super::{database_for, missing_scripts_words, script_name, scripts_without_font};

    #[test]
    fn the_bundled_fonts_draw_latin_cyrillic_and_arabic_script() {
        // Persian, Pashto (ټ ډ ړ ږ ښ ځ څ ې ۍ ګ ڼ), Urdu, Arabic, Russian and Ukrainian: no system
        // font is needed, so none is scanned.
        let text = "طالبان و روسیه — د افغانستان ټولټاکنې ډېرې ښې ځایونه څو ګڼ ږ ړ ۍ — \
                    پاکستان کا شہر — Талибан, Україна — Łódź";
        assert!(scripts_without_font(text).is_empty());
        assert_eq!(
            database_for(text).len(),
            3,
            "Ubuntu, Hack and Vazirmatn only"
        );
    }

    #[test]
    fn a_script_no_font_has_is_named() {
        assert_eq!(script_name('塔'), Some("Han"));
        assert_eq!(script_name('ж'), Some("Cyrillic"));
        assert_eq!(script_name('—'), None);
        // Old Turkic runes: no font on a test machine has them.
        let scripts = scripts_without_font("𐰴𐰆𐰞 Kabul");
        assert_eq!(scripts, ["Old_Turkic"]);
        let words = missing_scripts_words(&scripts).unwrap_or_default();
        assert!(
            words.starts_with("no font on this machine draws Old Turkic letters"),
            "{words}"
        );
        assert!(missing_scripts_words(&["Han"]).is_some_and(|w| w.contains("fonts-noto-cjk")));
        assert_eq!(missing_scripts_words(&[]), None);
    }
}
