//! TimeML 1.2.1 in and out: writes a text with its TIMEX3 tags as a TempEval-3 style document,
//! and reads such documents (`.tml`) back into plain text, DCT and TIMEX3 spans.
//!
//! The text stays the same character for character: the writer escapes only what XML requires
//! (`&` → `&amp;`, `<` → `&lt;`, `>` → `&gt;`) and the reader undoes exactly that (and the other
//! XML entities and character references), so `read(write(text))` gives `text` back with the
//! same offsets. EVENT, SIGNAL and other tags inside `<TEXT>` are dropped, their words kept;
//! TLINK and the like outside `<TEXT>` are ignored. This is not a general XML parser: no DTDs,
//! no CDATA sections, no namespaces beyond ignoring them.

use std::fmt::Write as _;

use chrono::NaiveDate;

use super::timex::{Direction, Timex, TimexMod, TimexType};

/// A TimeML document read from a file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TimemlDoc {
    /// The `<DOCID>`, or "" when absent.
    pub doc_id: String,
    /// The creation date from the DCT TIMEX3, when the file has one.
    pub dct: Option<NaiveDate>,
    /// The plain text of `<TEXT>`, tags removed and entities decoded.
    pub text: String,
    /// The TIMEX3 spans inside `<TEXT>`, with byte and character offsets into `text`.
    pub timexes: Vec<Timex>,
}

/// What can be wrong with a TimeML file.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum TimemlError {
    /// The file has no `<TEXT>…</TEXT>` element.
    #[error("the file has no <TEXT> … </TEXT> part to read")]
    MissingText,
    /// A tag is not closed with `>`.
    #[error("a tag starting at byte {offset} is never closed with '>'")]
    UnclosedTag {
        /// Byte offset of the `<` in the file.
        offset: usize,
    },
    /// A `</TIMEX3>` without an opening tag, or an opening tag never closed.
    #[error("the TIMEX3 tags do not pair up near byte {offset}")]
    UnpairedTimex {
        /// Byte offset in the file.
        offset: usize,
    },
    /// A TIMEX3 without a type TimeML knows.
    #[error("the TIMEX3 at byte {offset} has no valid type (DATE, TIME, DURATION or SET)")]
    BadType {
        /// Byte offset in the file.
        offset: usize,
    },
}

/// Escapes text for XML element content.
fn escape_text(s: &str, out: &mut String) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            c => out.push(c),
        }
    }
}

/// Escapes text for an XML attribute in double quotes.
fn escape_attr(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '"' => out.push_str("&quot;"),
            c => escape_text(c.encode_utf8(&mut [0; 4]), &mut out),
        }
    }
    out
}

/// The opening TIMEX3 tag of one expression, with tid `t{n}`.
fn open_tag(n: usize, t: &Timex) -> String {
    let mut tag = format!(
        "<TIMEX3 tid=\"t{n}\" type=\"{}\" value=\"{}\"",
        t.kind.name(),
        escape_attr(&t.value)
    );
    if let Some(m) = t.modifier {
        let _ = write!(tag, " mod=\"{}\"", m.name());
    }
    if let Some(q) = &t.quant {
        let _ = write!(tag, " quant=\"{}\"", escape_attr(q));
    }
    if let Some(f) = &t.freq {
        let _ = write!(tag, " freq=\"{}\"", escape_attr(f));
    }
    if let Some(w) = &t.window {
        let _ = write!(tag, " anchorTimeID=\"t0\"");
        let way = match w.direction {
            Direction::BeforeDct => "ending at",
            Direction::AfterDct => "starting at",
        };
        if w.shortest != w.longest {
            let _ = write!(
                tag,
                " comment=\"range {} to {} {way} the DCT\"",
                w.shortest, w.longest
            );
        }
    } else if let Some((lo, hi)) = &t.range {
        let _ = write!(tag, " comment=\"range {lo} to {hi}\"");
    }
    tag.push('>');
    tag
}

/// The body of `<TEXT>`: `text` escaped for XML with a TIMEX3 tag around each expression.
/// Expressions that overlap an earlier one or do not fall on character boundaries are left out.
pub fn inline_timex(text: &str, timexes: &[Timex]) -> String {
    let mut sorted: Vec<&Timex> = timexes.iter().collect();
    sorted.sort_by_key(|t| (t.start_byte, std::cmp::Reverse(t.end_byte)));
    let mut out = String::with_capacity(text.len() + timexes.len() * 64);
    let mut pos = 0usize;
    let mut n = 0usize;
    for t in sorted {
        let (Some(before), Some(inside)) = (
            text.get(pos..t.start_byte),
            text.get(t.start_byte..t.end_byte),
        ) else {
            continue;
        };
        if t.start_byte < pos || t.end_byte <= t.start_byte {
            continue;
        }
        n += 1;
        escape_text(before, &mut out);
        out.push_str(&open_tag(n, t));
        escape_text(inside, &mut out);
        out.push_str("</TIMEX3>");
        pos = t.end_byte;
    }
    escape_text(text.get(pos..).unwrap_or(""), &mut out);
    out
}

/// A whole TempEval-3 style TimeML document: `<DOCID>`, the DCT as TIMEX3 `t0` with
/// `functionInDocument="CREATION_TIME"`, and `<TEXT>` holding `text` with its tags.
pub fn to_timeml(doc_id: &str, text: &str, dct: NaiveDate, timexes: &[Timex]) -> String {
    let dct_value = dct.format("%Y-%m-%d").to_string();
    let mut out = String::with_capacity(text.len() * 2 + 512);
    out.push_str("<?xml version=\"1.0\" ?>\n");
    out.push_str(
        "<TimeML xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" \
         xsi:noNamespaceSchemaLocation=\"http://timeml.org/timeMLdocs/TimeML_1.2.1.xsd\">\n",
    );
    out.push_str("<DOCID>");
    escape_text(doc_id, &mut out);
    out.push_str("</DOCID>\n");
    let _ = writeln!(
        out,
        "<DCT><TIMEX3 tid=\"t0\" type=\"DATE\" value=\"{dct_value}\" temporalFunction=\"false\" \
         functionInDocument=\"CREATION_TIME\">{dct_value}</TIMEX3></DCT>"
    );
    out.push_str("<TEXT>");
    out.push_str(&inline_timex(text, timexes));
    out.push_str("</TEXT>\n</TimeML>\n");
    out
}

/// Decodes one entity or character reference at the start of `s` (which starts with `&`):
/// (the character, bytes used).
fn decode_entity(s: &str) -> Option<(char, usize)> {
    let end = s.bytes().take(12).position(|b| b == b';')?;
    let name = &s[1..end];
    let c = match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        _ => {
            let code = if let Some(hex) = name.strip_prefix("#x").or(name.strip_prefix("#X")) {
                u32::from_str_radix(hex, 16).ok()?
            } else {
                name.strip_prefix('#')?.parse().ok()?
            };
            char::from_u32(code)?
        }
    };
    Some((c, end + 1))
}

/// Decodes entities in an attribute value or a short piece of text.
fn unescape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        match decode_entity(rest) {
            Some((c, n)) => {
                out.push(c);
                rest = &rest[n..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// The attributes of a tag's inside (`TIMEX3 tid="t1" type='DATE'`), names as written.
fn attributes(tag: &str) -> Vec<(&str, String)> {
    let mut out = Vec::new();
    let mut rest = tag;
    while let Some(eq) = rest.find('=') {
        let name = rest[..eq]
            .trim()
            .rsplit(char::is_whitespace)
            .next()
            .unwrap_or("");
        let after = rest[eq + 1..].trim_start();
        let Some(quote) = after.chars().next().filter(|c| *c == '"' || *c == '\'') else {
            break;
        };
        let body = &after[1..];
        let Some(close) = body.find(quote) else { break };
        out.push((name, unescape(&body[..close])));
        rest = &body[close + 1..];
    }
    out
}

/// The value of attribute `name` (case-insensitive) among `attrs`.
fn attr<'a>(attrs: &'a [(&str, String)], name: &str) -> Option<&'a str> {
    attrs
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case(name))
        .map(|(_, v)| v.as_str())
}

/// The date at the start of a TimeML value (`2018-03-23`, `20180323`, `2018-03-23T10:00`).
fn parse_dct(value: &str) -> Option<NaiveDate> {
    let v = value.trim();
    v.get(..10)
        .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
        .or_else(|| {
            v.get(..8)
                .and_then(|d| NaiveDate::parse_from_str(d, "%Y%m%d").ok())
        })
}

/// The content of the first `<name>…</name>` element, raw.
fn element<'a>(doc: &'a str, name: &str) -> Option<(usize, &'a str)> {
    let open = format!("<{name}");
    let mut from = 0;
    loop {
        let i = from + doc.get(from..)?.find(&open)?;
        let after = doc.get(i + open.len()..)?;
        // "<TEXT>" but not "<TEXTX>".
        if after.starts_with('>') || after.starts_with(char::is_whitespace) {
            let gt = i + open.len() + after.find('>')?;
            let close = format!("</{name}>");
            let end = gt + 1 + doc.get(gt + 1..)?.find(&close)?;
            return Some((gt + 1, &doc[gt + 1..end]));
        }
        from = i + open.len();
    }
}

/// A TIMEX3 opened and not yet closed: byte and char offset in the text, its attributes, and
/// the byte offset of its tag in the file.
type OpenTimex<'a> = (usize, usize, Vec<(&'a str, String)>, usize);

/// Reads a TimeML document: its id, DCT, the plain text of `<TEXT>` and its TIMEX3 spans.
pub fn read_timeml(doc: &str) -> Result<TimemlDoc, TimemlError> {
    let doc_id = element(doc, "DOCID").map_or(String::new(), |(_, s)| unescape(s.trim()));
    let dct = element(doc, "DCT")
        .and_then(|(_, inner)| {
            let i = inner.find("<TIMEX3")?;
            let gt = inner[i..].find('>')?;
            let attrs = attributes(&inner[i + 7..i + gt]);
            attr(&attrs, "value").and_then(parse_dct)
        })
        .or_else(|| creation_time_anywhere(doc));
    let (text_start, body) = element(doc, "TEXT").ok_or(TimemlError::MissingText)?;
    let mut text = String::with_capacity(body.len());
    let mut chars = 0usize;
    let mut timexes = Vec::new();
    let mut open: Option<OpenTimex<'_>> = None;
    let mut rest = body;
    let mut at = text_start;
    while !rest.is_empty() {
        let next = rest.find(['<', '&']).unwrap_or(rest.len());
        let plain = &rest[..next];
        text.push_str(plain);
        chars += plain.chars().count();
        at += next;
        rest = &rest[next..];
        if rest.starts_with('&') {
            match decode_entity(rest) {
                Some((c, n)) => {
                    text.push(c);
                    chars += 1;
                    rest = &rest[n..];
                    at += n;
                }
                None => {
                    text.push('&');
                    chars += 1;
                    rest = &rest[1..];
                    at += 1;
                }
            }
            continue;
        }
        if rest.is_empty() {
            break;
        }
        let gt = rest
            .find('>')
            .ok_or(TimemlError::UnclosedTag { offset: at })?;
        let inside = &rest[1..gt];
        let name = inside
            .trim_start_matches('/')
            .split(|c: char| c.is_whitespace() || c == '/')
            .next()
            .unwrap_or("");
        if name.eq_ignore_ascii_case("TIMEX3") {
            if inside.starts_with('/') {
                let (sb, sc, attrs, tag_at) = open
                    .take()
                    .ok_or(TimemlError::UnpairedTimex { offset: at })?;
                timexes.push(gold_timex(
                    &text,
                    (sb, sc),
                    (text.len(), chars),
                    &attrs,
                    dct,
                    tag_at,
                )?);
            } else if !inside.ends_with('/') {
                if open.is_some() {
                    return Err(TimemlError::UnpairedTimex { offset: at });
                }
                open = Some((text.len(), chars, attributes(&inside[6..]), at));
            }
        }
        rest = &rest[gt + 1..];
        at += gt + 1;
    }
    if let Some((_, _, _, tag_at)) = open {
        return Err(TimemlError::UnpairedTimex { offset: tag_at });
    }
    Ok(TimemlDoc {
        doc_id,
        dct,
        text,
        timexes,
    })
}

/// A TIMEX3 with `functionInDocument="CREATION_TIME"` (or `PUBLICATION_TIME`, as some
/// TimeBank files have) anywhere in the file.
fn creation_time_anywhere(doc: &str) -> Option<NaiveDate> {
    let mut from = 0;
    while let Some(i) = doc.get(from..)?.find("<TIMEX3") {
        let start = from + i;
        let gt = start + doc[start..].find('>')?;
        let attrs = attributes(&doc[start + 7..gt]);
        if matches!(
            attr(&attrs, "functionInDocument"),
            Some("CREATION_TIME" | "PUBLICATION_TIME")
        ) {
            return attr(&attrs, "value").and_then(parse_dct);
        }
        from = gt;
    }
    None
}

/// A gold TIMEX3 from its attributes and offsets.
fn gold_timex(
    text: &str,
    (start_byte, start_char): (usize, usize),
    (end_byte, end_char): (usize, usize),
    attrs: &[(&str, String)],
    dct: Option<NaiveDate>,
    tag_at: usize,
) -> Result<Timex, TimemlError> {
    let kind = attr(attrs, "type")
        .and_then(TimexType::from_name)
        .ok_or(TimemlError::BadType { offset: tag_at })?;
    Ok(Timex {
        start_byte,
        end_byte,
        start_char,
        end_char,
        text: text.get(start_byte..end_byte).unwrap_or("").to_owned(),
        kind,
        value: attr(attrs, "value").unwrap_or("").to_owned(),
        modifier: attr(attrs, "mod").and_then(TimexMod::from_name),
        quant: attr(attrs, "quant").map(str::to_owned),
        freq: attr(attrs, "freq").map(str::to_owned),
        window: None,
        range: None,
        dct: dct.unwrap_or_default(),
    })
}

#[cfg(test)]
mod tests {
    use super::{TimemlError, read_timeml, to_timeml};
    use crate::extract::timex::tag;
    use chrono::NaiveDate;

    fn dct() -> NaiveDate {
        NaiveDate::from_ymd_opt(2018, 3, 23).unwrap_or_default()
    }

    #[test]
    fn round_trip_keeps_text_and_offsets() {
        let text = "In March, R&D <costs> rose “sharply” — since 2015 — and will fall next year.";
        let timexes = tag(text, dct());
        assert_eq!(timexes.len(), 3);
        let doc = to_timeml("doc-1", text, dct(), &timexes);
        assert!(doc.contains("R&amp;D &lt;costs&gt;"));
        assert!(doc.contains("<TIMEX3 tid=\"t1\" type=\"DATE\" value=\"2018-03\">March</TIMEX3>"));
        assert!(doc.contains("functionInDocument=\"CREATION_TIME\">2018-03-23</TIMEX3></DCT>"));
        let back = read_timeml(&doc).expect("reads what it wrote");
        assert_eq!(back.text, text);
        assert_eq!(back.dct, Some(dct()));
        assert_eq!(back.doc_id, "doc-1");
        let spans: Vec<_> = back
            .timexes
            .iter()
            .map(|t| (t.start_char, t.end_char, t.value.as_str()))
            .collect();
        let expected: Vec<_> = timexes
            .iter()
            .map(|t| (t.start_char, t.end_char, t.value.as_str()))
            .collect();
        assert_eq!(spans, expected);
    }

    #[test]
    fn reads_tempeval_layout_and_drops_events() {
        let doc = "<?xml version=\"1.0\" ?>\n<TimeML><DOCID>wsj_1</DOCID>\n\
            <DCT><TIMEX3 tid=\"t0\" type=\"DATE\" value=\"1998-01-08\" \
            functionInDocument=\"CREATION_TIME\">01/08/1998</TIMEX3></DCT>\n\
            <TEXT>\nSales <EVENT eid=\"e1\" class=\"OCCURRENCE\">rose</EVENT> \
            <SIGNAL sid=\"s1\">in</SIGNAL> <TIMEX3 tid=\"t1\" type='DATE' value=\"1997-Q3\" \
            mod=\"END\">the third quarter</TIMEX3> &amp; more.\n</TEXT>\n\
            <TLINK lid=\"l1\" relType=\"BEFORE\" eventInstanceID=\"ei1\" relatedToTime=\"t1\"/>\n\
            </TimeML>";
        let d = read_timeml(doc).expect("valid");
        assert_eq!(d.text, "\nSales rose in the third quarter & more.\n");
        assert_eq!(d.dct, NaiveDate::from_ymd_opt(1998, 1, 8));
        assert_eq!(d.timexes.len(), 1);
        let t = &d.timexes[0];
        assert_eq!(&d.text[t.start_byte..t.end_byte], "the third quarter");
        assert_eq!((t.start_char, t.end_char), (15, 32));
        assert_eq!(t.modifier.map(|m| m.name()), Some("END"));
    }

    /// Every prefix and suffix of a valid document reads or fails with an error, never panics.
    #[test]
    fn truncated_documents_never_panic() {
        let text = "R&D “rose” — in March 2016, <fast> & 3 p.m. daily.";
        let doc = to_timeml("d", text, dct(), &tag(text, dct()));
        for (i, _) in doc.char_indices() {
            let _ = read_timeml(&doc[..i]);
            let _ = read_timeml(&doc[i..]);
        }
    }

    #[test]
    fn broken_files_are_reported_not_panicked_on() {
        assert_eq!(
            read_timeml("<TimeML></TimeML>"),
            Err(TimemlError::MissingText)
        );
        let unclosed = "<TEXT>a <TIMEX3 tid=\"t1\" type=\"DATE\" value=\"2018\">2018</TEXT>";
        assert!(matches!(
            read_timeml(unclosed),
            Err(TimemlError::UnpairedTimex { .. })
        ));
        assert!(matches!(
            read_timeml("<TEXT>a <TIMEX3 tid=\"t1\"</TEXT>"),
            Err(TimemlError::UnpairedTimex { .. }
                | TimemlError::UnclosedTag { .. }
                | TimemlError::BadType { .. })
        ));
    }
}
