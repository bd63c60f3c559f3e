//! PDF to text, through `pdf-extract` (on `lopdf`), each paragraph's lines joined. Reads only
//! the text layer: a scanned page (a picture of text) gives nothing.

/// The text layer of a PDF with each paragraph's lines joined, or why it cannot be read.
pub(super) fn to_text(bytes: &[u8]) -> Result<String, String> {
    let raw = pdf_extract::extract_text_from_mem(bytes).map_err(|e| {
        let why = e.to_string();
        if why.to_ascii_lowercase().contains("encrypt") {
            "it is encrypted; save an unprotected copy first".to_owned()
        } else {
            format!("its text could not be read ({why})")
        }
    })?;
    Ok(reflow(&raw))
}

/// Joins the lines of each paragraph (blank lines part paragraphs), mending words hyphenated
/// across lines ("destabi-\nlizing").
pub(super) fn reflow(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    for paragraph in raw.split("\n\n") {
        let mut line_out = String::new();
        for line in paragraph.lines().map(str::trim).filter(|l| !l.is_empty()) {
            if line_out.ends_with('-') && line.chars().next().is_some_and(char::is_lowercase) {
                line_out.pop();
            } else if !line_out.is_empty() {
                line_out.push(' ');
            }
            line_out.push_str(line);
        }
        if !line_out.is_empty() {
            out.push_str(&line_out);
            out.push('\n');
        }
    }
    out
}
