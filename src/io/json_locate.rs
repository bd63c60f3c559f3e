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
