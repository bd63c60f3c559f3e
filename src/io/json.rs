//! JSON as every JSON format reads it: whether content is JSON at all, the parsed document with
//! an error that says where it stops being JSON (and says so plainly when that is a comment),
//! and serde_json's messages in plain words. It knows no format.

use super::error::{LoadError, Location, Problem};

/// Whether the content is JSON (its first visible character opens an object or array).
pub(super) fn is_json(bytes: &[u8]) -> bool {
    let first = bytes
        .strip_prefix(b"\xEF\xBB\xBF")
        .unwrap_or(bytes)
        .iter()
        .find(|b| !b.is_ascii_whitespace())
        .copied();
    matches!(first, Some(b'{' | b'['))
}

/// When the JSON in `text` stops at line `line`, column `column` because a comment starts
/// there (`//`, `/* */`): an error that says exactly that. JSON has no comments; files written by
/// hand, or for JavaScript, often do.
pub(super) fn comment_error(
    file: &str,
    text: &str,
    line: usize,
    column: usize,
) -> Option<LoadError> {
    let at_line = text.lines().nth(line.saturating_sub(1)).unwrap_or_default();
    let at = column.saturating_sub(1).min(at_line.len());
    let rest = at_line.get(at..).unwrap_or_default().trim_start();
    let kind = if rest.starts_with("//") {
        "//"
    } else if rest.starts_with("/*") {
        "/* */"
    } else {
        return None;
    };
    Some(LoadError::content(
        file,
        Problem {
            location: Some(Location {
                line,
                column: column.max(1),
            }),
            field: None,
            message: format!(
                "a comment ({kind}): JSON has no comments, so this is JavaScript or \"JSON with \
                 comments\", not JSON; remove the comments and open it again"
            ),
        },
    ))
}

/// The JSON document in `text`, or an error that says where it stops being JSON.
pub(super) fn json_value(file: &str, text: &str) -> Result<serde_json::Value, LoadError> {
    serde_json::from_str(text).map_err(|e| {
        if let Some(error) = comment_error(file, text, e.line(), e.column()) {
            return error;
        }
        LoadError::content(
            file,
            Problem {
                location: Some(Location {
                    line: e.line(),
                    column: e.column().max(1),
                }),
                field: None,
                message: format!("not valid JSON: {}", strip_position(&e.to_string())),
            },
        )
    })
}

/// serde_json's message without its " at line L column C" (we give the location ourselves).
pub(super) fn strip_position(message: &str) -> String {
    super::serde_words::plain(
        message
            .rfind(" at line ")
            .map_or(message, |i| &message[..i]),
    )
}
