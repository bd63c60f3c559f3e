//! Text helpers for importers: decoding bytes and turning the HTML that TimelineJS and
//! vis-timeline allow in fields into text.
//!
//! Decoding goes, in order: the encoding the user chose (`--encoding`); a byte-order mark
//! (UTF-8, UTF-16 LE or BE, as Excel's "Unicode text" is saved); UTF-8; and for the rest a guess
//! from the letters by `chardetng` over the whole file (Windows-1251 for a Russian CSV saved on
//! Windows, Windows-1256 for an Arabic one, Windows-1252 for Western Europe). Anything not read
//! as UTF-8 gets one warning naming the encoding used and how sure the guess is. It does not
//! choose the format of the file, nor read spreadsheets (those carry their own text).

use std::borrow::Cow;

use encoding_rs::Encoding;

use super::error::{LoadError, Problem, decode_utf8};

/// The text of `bytes`: UTF-8 (a byte-order mark is dropped) or, when `allow_other` and the
/// bytes are not UTF-8, the encoding of their byte-order mark or the one guessed from them, with
/// a warning that says which.
pub fn decode<'a>(
    file: &str,
    bytes: &'a [u8],
    allow_other: bool,
) -> Result<(Cow<'a, str>, Option<Problem>), LoadError> {
    decode_as(file, bytes, allow_other, None)
}

/// As [`decode`], read in `chosen` when the user chose an encoding (`--encoding`), whatever the
/// bytes look like (a byte-order mark of that encoding is dropped).
pub fn decode_as<'a>(
    file: &str,
    bytes: &'a [u8],
    allow_other: bool,
    chosen: Option<&'static Encoding>,
) -> Result<(Cow<'a, str>, Option<Problem>), LoadError> {
    if let Some(encoding) = chosen {
        let (text, had_errors) = encoding.decode_with_bom_removal(bytes);
        let warning = had_errors.then(|| {
            warning(format!(
                "some bytes are not {} (the encoding chosen): they were read as U+FFFD (�). \
                 Check the encoding the file was saved in.",
                encoding.name()
            ))
        });
        return Ok((text, warning));
    }
    match (allow_other, Encoding::for_bom(bytes)) {
        (true, Some((bom, _))) if bom != encoding_rs::UTF_8 => {
            let (text, had_errors) = bom.decode_with_bom_removal(bytes);
            let cut = if had_errors {
                " Some bytes were not UTF-16 (the file may be cut short): they were read as \
                 U+FFFD (�)."
            } else {
                ""
            };
            let message = format!(
                "the file is {} (\"Unicode text\"), as its byte-order mark says; it was read as \
                 such.{cut}",
                describe(bom)
            );
            return Ok((text, Some(warning(message))));
        }
        _ => {}
    }
    match decode_utf8(file, bytes) {
        Ok(text) => Ok((Cow::Borrowed(text), None)),
        Err(_) if allow_other => {
            let guess = guess(bytes);
            let (text, had_errors) = guess.encoding.decode_without_bom_handling(bytes);
            let sure = if guess.is_sure && !had_errors {
                "a confident guess"
            } else {
                "an uncertain guess"
            };
            let message = format!(
                "the file is not UTF-8; it was read as {} — {sure} from its {} bytes outside \
                 ASCII. If the titles look wrong, open it with the encoding it was saved in \
                 (--encoding NAME, as windows-1251), or save it as UTF-8 to silence this.",
                describe(guess.encoding),
                guess.non_ascii_bytes
            );
            Ok((text, Some(warning(message))))
        }
        Err(e) => Err(e),
    }
}

/// The encoding named `label` (`windows-1251`, `cp1256`, `utf-16le`, `latin1`: the labels of the
/// WHATWG Encoding Standard, any case), for `--encoding`.
pub fn encoding_for_label(label: &str) -> Option<&'static Encoding> {
    Encoding::for_label(label.trim().as_bytes())
}

/// What `chardetng` made of bytes that are not UTF-8.
struct Guess {
    /// The encoding guessed.
    encoding: &'static Encoding,
    /// Whether every regional hint but at most one gives the same guess: the letters decide it.
    is_sure: bool,
    /// How many bytes outside ASCII the guess rests on.
    non_ascii_bytes: usize,
}

/// Top-level domains standing for the regions `chardetng` knows (one of each kind it tells
/// apart): a guess that the regional hints do not change rests on the letters alone.
const REGION_HINTS: [&[u8]; 14] = [
    b"pl", b"ru", b"de", b"gr", b"tr", b"il", b"eg", b"lt", b"vn", b"th", b"cn", b"tw", b"jp",
    b"kr",
];

/// The encoding of bytes that are not UTF-8, guessed from all of them.
fn guess(bytes: &[u8]) -> Guess {
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    let encoding = detector.guess(None, chardetng::Utf8Detection::Deny);
    // One hint may pull its own region's encoding (Arabic's Windows-1256 from Russian text);
    // the guess is sure when every other hint agrees.
    let disagreeing = REGION_HINTS
        .iter()
        .filter(|tld| detector.guess(Some(tld), chardetng::Utf8Detection::Deny) != encoding)
        .count();
    Guess {
        encoding,
        is_sure: disagreeing <= 1,
        non_ascii_bytes: bytes.iter().filter(|b| !b.is_ascii()).count(),
    }
}

/// An encoding in words: its name and what it is for.
fn describe(encoding: &'static Encoding) -> String {
    let what = match encoding.name() {
        "UTF-16LE" => "little-endian",
        "UTF-16BE" => "big-endian",
        "windows-1250" | "ISO-8859-2" => "Central European",
        "windows-1251" | "KOI8-R" | "KOI8-U" | "IBM866" | "ISO-8859-5" => "Cyrillic",
        "windows-1252" => "Western European, as Excel saves CSV on Windows",
        "windows-1253" | "ISO-8859-7" => "Greek",
        "windows-1254" => "Turkish",
        "windows-1255" | "ISO-8859-8" => "Hebrew",
        "windows-1256" | "ISO-8859-6" => "Arabic script",
        "windows-1257" | "ISO-8859-4" | "ISO-8859-13" => "Baltic",
        "windows-1258" => "Vietnamese",
        "windows-874" => "Thai",
        "GBK" | "gb18030" => "Simplified Chinese",
        "Big5" => "Traditional Chinese",
        "Shift_JIS" | "EUC-JP" | "ISO-2022-JP" => "Japanese",
        "EUC-KR" => "Korean",
        _ => return encoding.name().to_owned(),
    };
    format!("{} ({what})", encoding.name())
}

/// A warning about the whole file.
fn warning(message: String) -> Problem {
    Problem {
        location: None,
        field: None,
        message,
    }
}

/// Readable text from an HTML fragment: tags dropped, line breaks kept for `<br>`, `<p>`, `<li>`
/// and `<div>`, every HTML entity decoded (after the tags are dropped, so `&lt;b&gt;` stays text),
/// runs of spaces folded.
pub fn html_to_text(html: &str) -> String {
    if !html.contains(['<', '&']) {
        return fold_spaces(html);
    }
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(i) = rest.find('<') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let Some(end) = rest.find('>') else {
            break;
        };
        let tag = rest[1..end].trim_start_matches('/').to_ascii_lowercase();
        let name = tag
            .split(|c: char| c.is_whitespace() || c == '/')
            .next()
            .unwrap_or("");
        if matches!(
            name,
            "br" | "p" | "li" | "div" | "blockquote" | "h1" | "h2" | "h3"
        ) {
            out.push('\n');
        }
        rest = &rest[end + 1..];
    }
    out.push_str(rest);
    fold_spaces(&html_escape::decode_html_entities(&out))
}

/// Trims each line, folds runs of spaces, and drops empty lines.
fn fold_spaces(text: &str) -> String {
    text.lines()
        .map(|line| line.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|line| !line.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::{decode, decode_as, html_to_text};

    /// A table of Russian (or other) titles, as a user would type it.
    fn table(titles: &[&str]) -> String {
        let mut text = "title,start,actors\r\n".to_owned();
        for (i, title) in titles.iter().enumerate() {
            text.push_str(&format!("{title},2018-01-{:02},{title}\r\n", i + 1));
        }
        text
    }

    /// `text` in `encoding` (made here, not copied), read back without being told the encoding.
    fn round_trip(text: &str, encoding: &'static encoding_rs::Encoding) -> (String, String) {
        let (bytes, _, unmappable) = encoding.encode(text);
        assert!(!unmappable, "{} cannot hold the test text", encoding.name());
        let (read, warning) = decode("x.csv", &bytes, true).unwrap_or_else(|e| panic!("{e}"));
        let warning = warning.map(|w| w.message).unwrap_or_default();
        (read.into_owned(), warning)
    }

    #[test]
    fn a_russian_table_saved_as_windows_1251_is_read_as_cyrillic() {
        let text = table(&[
            "Встреча в Москве с представителями движения Талибан",
            "Заявление Министерства иностранных дел России",
            "Переговоры в Душанбе",
        ]);
        let (read, warning) = round_trip(&text, encoding_rs::WINDOWS_1251);
        assert_eq!(read, text);
        assert!(warning.contains("windows-1251 (Cyrillic)"), "{warning}");
        assert!(warning.contains("a confident guess"), "{warning}");
    }

    #[test]
    fn an_arabic_table_saved_as_windows_1256_is_read_as_arabic() {
        let text = table(&[
            "اجتماع في موسكو مع ممثلين عن حركة طالبان",
            "بيان وزارة الخارجية الروسية حول المفاوضات",
            "المحادثات في الدوحة",
        ]);
        let (read, warning) = round_trip(&text, encoding_rs::WINDOWS_1256);
        assert_eq!(read, text);
        assert!(
            warning.contains("windows-1256 (Arabic script)"),
            "{warning}"
        );
    }

    #[test]
    fn utf16_with_its_byte_order_mark_says_utf16_not_windows_1252() {
        let text = table(&["Талибан", "طالبان", "塔利班"]);
        let le: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain(text.encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        let be: Vec<u8> = [0xFE, 0xFF]
            .into_iter()
            .chain(text.encode_utf16().flat_map(u16::to_be_bytes))
            .collect();
        for (bytes, order) in [
            (le, "UTF-16LE (little-endian)"),
            (be, "UTF-16BE (big-endian)"),
        ] {
            let (read, warning) = decode("x.txt", &bytes, true).unwrap_or_else(|e| panic!("{e}"));
            let warning = warning.map(|w| w.message).unwrap_or_default();
            assert_eq!(read, text);
            assert!(warning.contains(order), "{warning}");
            assert!(!warning.contains("1252"), "{warning}");
        }
    }

    #[test]
    fn the_encoding_chosen_wins_over_the_guess() {
        // Two Cyrillic letters are too few to guess from; the user knows.
        let (bytes, _, _) = encoding_rs::KOI8_R.encode("title,start\nМир,2018\n");
        let chosen = decode_as("x.csv", &bytes, true, Some(encoding_rs::KOI8_R));
        let (read, warning) = chosen.unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(read, "title,start\nМир,2018\n");
        assert!(warning.is_none());
        // UTF-8 read as Windows-1252 because the user said so: the user's choice stands.
        let forced = decode_as(
            "x.csv",
            "é".as_bytes(),
            true,
            Some(encoding_rs::WINDOWS_1252),
        );
        assert_eq!(
            forced.map(|(t, _)| t.into_owned()).ok(),
            Some("Ã©".to_owned())
        );
        assert_eq!(
            super::encoding_for_label(" CP1256 ").map(encoding_rs::Encoding::name),
            Some("windows-1256")
        );
        assert!(super::encoding_for_label("martian").is_none());
    }

    #[test]
    fn html_becomes_readable_text() {
        assert_eq!(
            html_to_text(
                "<p>Take <a href=\"x\">Ada&nbsp;Lovelace</a>:</p><p>first &amp; best&#33;</p>"
            ),
            "Take Ada Lovelace:\nfirst & best!"
        );
        assert_eq!(
            html_to_text("Elizabeth Taylor<br/> 1932-2011"),
            "Elizabeth Taylor\n1932-2011"
        );
        assert_eq!(html_to_text("a < b & c"), "a < b & c");
        assert_eq!(html_to_text("broken <tag"), "broken <tag");
    }

    #[test]
    fn every_html_entity_is_decoded_and_escaped_tags_stay_text() {
        assert_eq!(
            html_to_text("Caf&eacute; &laquo;Kabul&raquo; &euro;5 &rsquo;&#x62F;&#1585;"),
            "Café «Kabul» €5 ’در"
        );
        assert_eq!(
            html_to_text("&lt;b&gt;not bold&lt;/b&gt;"),
            "<b>not bold</b>"
        );
        assert_eq!(html_to_text("AT&T &unknown; &"), "AT&T &unknown; &");
    }

    #[test]
    fn windows_1252_is_read_with_a_warning() {
        let (text, warning) = decode("x.csv", b"Caf\xe9 au lait,M\xfcller,na\xefve", true)
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(text, "Café au lait,Müller,naïve");
        let warning = warning.map(|w| w.message).unwrap_or_default();
        assert!(
            warning.contains("windows-1252 (Western European"),
            "{warning}"
        );
        assert!(decode("x.json", b"caf\xe9", false).is_err());
    }
}
