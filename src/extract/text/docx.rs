//! Word `.docx` to text: `word/document.xml` read with `quick-xml`, bounded in size,
//! one paragraph a line. Reads no other part of the archive (headers, footers, notes).

use std::io::Read;

use quick_xml::events::Event;

use super::{Lines, ReadLimits};

/// The body text of a `.docx`, one paragraph a line, or why it cannot be read.
pub(super) fn to_text(bytes: &[u8], limits: ReadLimits) -> Result<String, String> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .map_err(|e| format!("it is not a complete zip archive, as a .docx is ({e})"))?;
    let mut entry = archive.by_name("word/document.xml").map_err(|_| {
        "it has no word/document.xml: expected a Word document saved as .docx".to_owned()
    })?;
    let limit = limits.max_inflated_bytes;
    let too_big = || {
        format!(
            "its text part inflates to more than {} MiB; Swimline stops there (a zip bomb?)",
            limit / (1024 * 1024)
        )
    };
    if entry.size() > limit {
        return Err(too_big());
    }
    let mut xml = Vec::new();
    // The declared size may lie: never inflate more than the limit.
    (&mut entry)
        .take(limit.saturating_add(1))
        .read_to_end(&mut xml)
        .map_err(|e| format!("its text part could not be inflated ({e})"))?;
    if xml.len() as u64 > limit {
        return Err(too_big());
    }
    body_text(&xml)
}

/// The text of `word/document.xml`.
fn body_text(xml: &[u8]) -> Result<String, String> {
    let mut reader = quick_xml::Reader::from_reader(xml);
    let mut buf = Vec::new();
    let mut lines = Lines::default();
    let mut in_text = false;
    loop {
        let event = reader.read_event_into(&mut buf).map_err(|e| {
            format!(
                "its text part is not well-formed XML near byte {} ({e})",
                reader.buffer_position()
            )
        })?;
        match event {
            Event::Start(e) if e.local_name().as_ref() == b"t" => in_text = true,
            Event::Empty(e) => match e.local_name().as_ref() {
                b"tab" => lines.push("\t", true),
                b"br" | b"cr" => lines.break_line(),
                b"noBreakHyphen" | b"softHyphen" => lines.push("-", true),
                _ => {}
            },
            Event::End(e) => match e.local_name().as_ref() {
                b"t" => in_text = false,
                b"p" => lines.break_line(),
                b"tc" => lines.push("\t", true),
                _ => {}
            },
            Event::Text(t) if in_text => {
                let words = t
                    .xml10_content()
                    .map_err(|e| format!("its text part has text that is not UTF-8 ({e})"))?;
                lines.push(&words, true);
            }
            Event::GeneralRef(r) if in_text => {
                let resolved = match r.resolve_char_ref() {
                    Ok(Some(c)) => Some(c.to_string()),
                    _ => r.decode().ok().and_then(|name| {
                        quick_xml::escape::resolve_predefined_entity(&name).map(str::to_owned)
                    }),
                };
                if let Some(words) = resolved {
                    lines.push(&words, true);
                }
            }
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    Ok(lines.finish())
}
