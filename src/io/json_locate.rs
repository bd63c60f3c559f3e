//! Finds where a value sits in JSON text, given its path (`events[3].actors[1]`), so that
//! problems found after parsing (an unknown actor id) still point at a line and column.
//!
//! It only reads text that `serde_json` has already accepted, so it need not report syntax
//! errors: on anything unexpected it gives up and returns `None`.

use crate::model::PathSeg;

/// The byte offset of the value at `path` in `text`, or of the deepest part of the path found.
pub fn locate(text: &str, path: &[PathSeg]) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut pos = skip_ws(bytes, 0);
    let mut found = pos;
    for seg in path {
        match seg {
            PathSeg::Key(key) => {
                if bytes.get(pos) != Some(&b'{') {
                    return Some(found);
                }
                pos = skip_ws(bytes, pos + 1);
                loop {
                    if bytes.get(pos) != Some(&b'"') {
                        return Some(found);
                    }
                    let key_start = pos + 1;
                    let key_end = skip_string(bytes, pos)?;
                    let name = text.get(key_start..key_end - 1)?;
                    pos = skip_ws(bytes, key_end);
                    if bytes.get(pos) != Some(&b':') {
                        return Some(found);
                    }
                    pos = skip_ws(bytes, pos + 1);
                    if name == key {
                        break;
                    }
                    pos = skip_ws(bytes, skip_value(bytes, pos)?);
                    if bytes.get(pos) != Some(&b',') {
                        return Some(found);
                    }
                    pos = skip_ws(bytes, pos + 1);
                }
            }
            PathSeg::Index(n) => {
                if bytes.get(pos) != Some(&b'[') {
                    return Some(found);
                }
                pos = skip_ws(bytes, pos + 1);
                for _ in 0..*n {
                    pos = skip_ws(bytes, skip_value(bytes, pos)?);
                    if bytes.get(pos) != Some(&b',') {
                        return Some(found);
                    }
                    pos = skip_ws(bytes, pos + 1);
                }
            }
        }
        found = pos;
    }
    Some(found)
}

/// Where each element of one list of a JSON text starts, and a line index of the text: found
/// once, so that locating the n-th of 30,000 items does not walk the text from its start again
/// (30,000 items took minutes that way: each look-up walked to its item, and counted lines from
/// the top).
pub struct ListLocator<'t> {
    text: &'t str,
    /// The byte offset of each element of the list, in order.
    elements: Vec<usize>,
    /// The byte offset of each line's start.
    line_starts: Vec<usize>,
}

impl<'t> ListLocator<'t> {
    /// The elements of the list at `path` (keys only: the list itself, not an element).
    pub fn new(text: &'t str, path: &[PathSeg]) -> Self {
        let bytes = text.as_bytes();
        let mut elements = Vec::new();
        if let Some(mut pos) = locate(text, path)
            && bytes.get(pos) == Some(&b'[')
        {
            pos = skip_ws(bytes, pos + 1);
            while pos < bytes.len() && bytes.get(pos) != Some(&b']') {
                elements.push(pos);
                let Some(end) = skip_value(bytes, pos) else {
                    break;
                };
                pos = skip_ws(bytes, end);
                if bytes.get(pos) != Some(&b',') {
                    break;
                }
                pos = skip_ws(bytes, pos + 1);
            }
        }
        let mut line_starts = vec![0];
        line_starts.extend(memchr::memchr_iter(b'\n', bytes).map(|i| i + 1));
        Self {
            text,
            elements,
            line_starts,
        }
    }

    /// Where the `i`-th element starts, as a line and column (as `Location::of_offset` gives);
    /// `None` past the list's end.
    pub fn location(&self, i: usize) -> Option<super::error::Location> {
        let offset = *self.elements.get(i)?;
        let line = self.line_starts.partition_point(|&s| s <= offset);
        let line_start = self.line_starts[line - 1];
        let column = self
            .text
            .get(line_start..offset)
            .map_or(0, |t| t.chars().count())
            + 1;
        Some(super::error::Location { line, column })
    }
}

fn skip_ws(bytes: &[u8], mut pos: usize) -> usize {
    while matches!(bytes.get(pos), Some(b' ' | b'\n' | b'\r' | b'\t')) {
        pos += 1;
    }
    pos
}

/// `pos` is at an opening quote; returns the offset after the closing quote.
fn skip_string(bytes: &[u8], pos: usize) -> Option<usize> {
    let mut i = pos + 1;
    loop {
        match bytes.get(i)? {
            b'\\' => i += 2,
            b'"' => return Some(i + 1),
            _ => i += 1,
        }
    }
}

/// `pos` is at the start of a value; returns the offset just after it.
fn skip_value(bytes: &[u8], pos: usize) -> Option<usize> {
    match bytes.get(pos)? {
        b'"' => skip_string(bytes, pos),
        b'{' | b'[' => {
            let mut depth = 0usize;
            let mut i = pos;
            loop {
                match bytes.get(i)? {
                    b'"' => {
                        i = skip_string(bytes, i)?;
                        continue;
                    }
                    b'{' | b'[' => depth += 1,
                    b'}' | b']' => {
                        depth -= 1;
                        if depth == 0 {
                            return Some(i + 1);
                        }
                    }
                    _ => {}
                }
                i += 1;
            }
        }
        _ => {
            let mut i = pos;
            while let Some(b) = bytes.get(i) {
                if matches!(b, b',' | b']' | b'}' | b' ' | b'\n' | b'\r' | b'\t') {
                    break;
                }
                i += 1;
            }
            Some(i)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::locate;
    use crate::model::PathSeg;

    fn key(k: &str) -> PathSeg {
        PathSeg::Key(k.to_owned())
    }

    #[test]
    fn finds_nested_values() {
        let text = r#"{"a": 1, "events": [ {"id": "x", "s": "}\"]"}, {"actors": ["us", "zz"]} ]}"#;
        let path = [
            key("events"),
            PathSeg::Index(1),
            key("actors"),
            PathSeg::Index(1),
        ];
        let at = locate(text, &path);
        assert_eq!(at, text.find("\"zz\""));
        assert_eq!(at, Some(65));
    }

    #[test]
    fn a_missing_key_points_at_the_deepest_match() {
        let text = r#"{"events": [ {"id": "x"} ]}"#;
        let path = [key("events"), PathSeg::Index(0), key("nope")];
        // The event object (at 13), not the list or the document.
        assert_eq!(locate(text, &path), Some(13));
    }
}
