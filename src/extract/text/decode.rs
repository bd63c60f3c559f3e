//! Bytes to characters: a byte-order mark's encoding, UTF-8, an HTML page's declared
//! `charset`, else Windows-1252 with a warning; and whether bytes are text at all. Does not
//! take a format apart (the readers beside it do).

/// Whether bytes look like a binary file: a NUL in the first 8 KiB without a UTF-16 mark, or
/// more than one in ten bytes a control character.
pub(super) fn looks_binary(bytes: &[u8]) -> bool {
    if encoding_rs::Encoding::for_bom(bytes).is_some() {
        return false;
    }
    let head = &bytes[..bytes.len().min(8192)];
    let controls = head
        .iter()
        .filter(|b| **b < 0x20 && !matches!(**b, b'\n' | b'\r' | b'\t' | 0x0c))
        .count();
    head.contains(&0) || controls * 10 > head.len()
}

/// Decodes text: a byte-order mark's encoding, else UTF-8, else Windows-1252 with a warning.
pub(super) fn decode_text(bytes: &[u8], warnings: &mut Vec<String>) -> String {
    if let Some((encoding, bom_len)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, had_errors) = encoding.decode_without_bom_handling(&bytes[bom_len..]);
        if had_errors {
            warnings.push(format!(
                "some bytes are not valid {}; they were replaced by \u{fffd}",
                encoding.name()
            ));
        }
        return text.into_owned();
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => text.to_owned(),
        Err(_) => {
            warnings.push(
                "the file is not UTF-8: it was read as Windows-1252 (Western European). If \
                 letters look wrong, save it as UTF-8 and open it again."
                    .to_owned(),
            );
            let (text, _, _) = encoding_rs::WINDOWS_1252.decode(bytes);
            text.into_owned()
        }
    }
}

/// Decodes an HTML page: its byte-order mark, UTF-8, the `charset` its head declares, else
/// Windows-1252 with a warning.
pub(super) fn decode_html(bytes: &[u8], warnings: &mut Vec<String>) -> String {
    if encoding_rs::Encoding::for_bom(bytes).is_some() || std::str::from_utf8(bytes).is_ok() {
        return decode_text(bytes, warnings);
    }
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(4096)]).to_ascii_lowercase();
    let declared = head.find("charset=").and_then(|at| {
        let label: String = head[at + "charset=".len()..]
            .trim_start_matches(['"', '\''])
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | ':' | '.'))
            .collect();
        encoding_rs::Encoding::for_label(label.as_bytes())
    });
    match declared {
        Some(encoding) => {
            let (text, _, had_errors) = encoding.decode(bytes);
            if had_errors {
                warnings.push(format!(
                    "some bytes are not valid {}; they were replaced by \u{fffd}",
                    encoding.name()
                ));
            }
            text.into_owned()
        }
        None => decode_text(bytes, warnings),
    }
}
