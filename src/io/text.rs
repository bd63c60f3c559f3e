//! Text helpers for importers: decoding bytes (UTF-8, or Windows-1252 as Excel saves CSV on
//! Windows) and turning the HTML that TimelineJS and vis-timeline allow in fields into text.

use std::borrow::Cow;

use super::error::{LoadError, Problem, decode_utf8};

/// The text of `bytes`: UTF-8 (a byte-order mark is dropped) or, when `allow_1252` and the bytes
/// are not UTF-8, Windows-1252 with a warning that says so.
pub fn decode<'a>(
    file: &str,
    bytes: &'a [u8],
    allow_1252: bool,
) -> Result<(Cow<'a, str>, Option<Problem>), LoadError> {
    match decode_utf8(file, bytes) {
        Ok(text) => Ok((Cow::Borrowed(text), None)),
        Err(_) if allow_1252 => {
            let (text, _, _) = encoding_rs::WINDOWS_1252.decode(bytes);
            let warning = Problem {
                location: None,
                field: None,
                message: "the file is not UTF-8; it was read as Windows-1252 (as Excel saves CSV \
                          on Windows). Check accented letters, and save as UTF-8 to silence this."
                    .to_owned(),
            };
            Ok((text, Some(warning)))
        }
        Err(e) => Err(e),
    }
}

/// Readable text from an HTML fragment: tags dropped, line breaks kept for `<br>`, `<p>`, `<li>`
/// and `<div>`, entities decoded, runs of spaces folded.
pub fn html_to_text(html: &str) -> String {
    if !html.contains(['<', '&']) {
        return fold_spaces(html);
    }
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(i) = rest.find(['<', '&']) {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        if rest.starts_with('<') {
            let Some(end) = rest.find('>') else {
                out.push_str(rest);
                rest = "";
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
        } else {
            let end = rest.find(';').filter(|&e| e <= 10);
            match end.and_then(|e| entity(&rest[1..e]).map(|c| (e, c))) {
                Some((e, c)) => {
                    out.push(c);
                    rest = &rest[e + 1..];
                }
                None => {
                    out.push('&');
                    rest = &rest[1..];
                }
            }
        }
    }
    out.push_str(rest);
    fold_spaces(&out)
}

fn entity(name: &str) -> Option<char> {
    match name {
        "amp" => Some('&'),
        "lt" => Some('<'),
        "gt" => Some('>'),
        "quot" => Some('"'),
        "apos" => Some('\''),
        "nbsp" => Some(' '),
        "mdash" => Some('—'),
        "ndash" => Some('–'),
        "hellip" => Some('…'),
        _ => {
            let number = name.strip_prefix('#')?;
            let code = match number.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                None => number.parse().ok()?,
            };
            char::from_u32(code)
        }
    }
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
    use super::{decode, html_to_text};

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
    fn windows_1252_is_read_with_a_warning() {
        let (text, warning) = decode("x.csv", b"caf\xe9", true).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(text, "café");
        assert!(warning.is_some());
        assert!(decode("x.json", b"caf\xe9", false).is_err());
    }
}
