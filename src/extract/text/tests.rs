//! The readers on small files written in a temporary folder, and on hostile ones.

use std::io::Write;
use std::path::{Path, PathBuf};

use super::{DocumentFormat, ReadError, ReadLimits, read_document, read_document_with};

type TestResult = Result<(), Box<dyn std::error::Error>>;

/// Writes `bytes` as `name` in `dir` and gives its path.
fn write(dir: &Path, name: &str, bytes: &[u8]) -> Result<PathBuf, std::io::Error> {
    let path = dir.join(name);
    std::fs::write(&path, bytes)?;
    Ok(path)
}

/// A `.docx` holding `document_xml` as `word/document.xml`.
fn docx_bytes(document_xml: &str) -> Result<Vec<u8>, Box<dyn std::error::Error>> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default();
    zip.start_file("[Content_Types].xml", options)?;
    zip.write_all(b"<?xml version=\"1.0\"?><Types/>")?;
    zip.start_file("word/document.xml", options)?;
    zip.write_all(document_xml.as_bytes())?;
    Ok(zip.finish()?.into_inner())
}

/// A one-page PDF showing `line_one` and `line_two` in Helvetica, with a correct xref table.
fn pdf_bytes(line_one: &str, line_two: &str) -> Vec<u8> {
    let stream = format!("BT /F1 12 Tf 72 720 Td ({line_one}) Tj 0 -16 Td ({line_two}) Tj ET");
    let objects = [
        "<< /Type /Catalog /Pages 2 0 R >>".to_owned(),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_owned(),
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R \
         /Resources << /Font << /F1 5 0 R >> >> >>"
            .to_owned(),
        format!(
            "<< /Length {} >>\nstream\n{stream}\nendstream",
            stream.len()
        ),
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
            .to_owned(),
    ];
    let mut pdf = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, object) in objects.iter().enumerate() {
        offsets.push(pdf.len());
        pdf.extend_from_slice(format!("{} 0 obj\n{object}\nendobj\n", i + 1).as_bytes());
    }
    let xref_at = pdf.len();
    pdf.extend_from_slice(
        format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes(),
    );
    for offset in offsets {
        pdf.extend_from_slice(format!("{offset:010} 00000 n \n").as_bytes());
    }
    pdf.extend_from_slice(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref_at}\n%%EOF\n",
            objects.len() + 1
        )
        .as_bytes(),
    );
    pdf
}

#[test]
fn plain_utf8_text_is_kept_character_for_character() -> TestResult {
    let dir = tempfile::tempdir()?;
    let text = "KABUL (Reuters) - Gen. Nicholson said…\r\nSecond line — “quoted”.\n";
    let path = write(dir.path(), "report.txt", text.as_bytes())?;
    let document = read_document(&path)?;
    assert_eq!(document.text, text);
    assert_eq!(document.format, DocumentFormat::PlainText);
    assert!(document.warnings.is_empty());
    Ok(())
}

#[test]
fn windows_1252_text_is_read_with_a_warning() -> TestResult {
    let dir = tempfile::tempdir()?;
    // "café “quoted” – 2018" in Windows-1252.
    let bytes = b"caf\xe9 \x93quoted\x94 \x96 2018\n";
    let path = write(dir.path(), "old.txt", bytes)?;
    let document = read_document(&path)?;
    assert_eq!(document.text, "café “quoted” – 2018\n");
    assert_eq!(document.warnings.len(), 1);
    assert!(document.warnings[0].contains("Windows-1252"));
    Ok(())
}

#[test]
fn utf16_with_a_byte_order_mark_is_read() -> TestResult {
    let dir = tempfile::tempdir()?;
    let mut bytes = vec![0xff, 0xfe];
    for unit in "Moscow said so.".encode_utf16() {
        bytes.extend_from_slice(&unit.to_le_bytes());
    }
    let path = write(dir.path(), "wide.txt", &bytes)?;
    assert_eq!(read_document(&path)?.text, "Moscow said so.");
    Ok(())
}

#[test]
fn markdown_keeps_the_words_and_drops_the_marks() -> TestResult {
    let dir = tempfile::tempdir()?;
    let source = "---\ndate: 2018-03-23\n---\n# Russia *arming* the Taliban\n\n\
                  Gen. **Nicholson** said that [Russia](https://example.org/ru) was\n\
                  backing the Taliban.\n\n- first point\n- second `point`\n\n\
                  ![a map](map.png)\n\n> Quoted words.\n";
    let path = write(dir.path(), "note.md", source.as_bytes())?;
    let document = read_document(&path)?;
    assert_eq!(document.format, DocumentFormat::Markdown);
    assert_eq!(
        document.text,
        "date: 2018-03-23\nRussia arming the Taliban\n\
         Gen. Nicholson said that Russia was backing the Taliban.\n\
         first point\nsecond point\nQuoted words.\n"
    );
    Ok(())
}

#[test]
fn html_gives_the_article_text_without_scripts_navigation_or_page_furniture() -> TestResult {
    let dir = tempfile::tempdir()?;
    let page = r#"<!DOCTYPE html><html><head><title>Site title</title>
        <meta property="article:published_time" content="2018-03-23T10:15:00Z">
        <style>p { color: red }</style><script>var x = "said";</script></head>
        <body><header>Site header</header><nav><a href="/">Home</a> | News</nav>
        <main><article><header><h1>Russia &amp; the Taliban</h1>
        <time datetime="2018-03-22">22 March</time></header>
        <p>Gen. Nicholson said that Russia was
           backing the Taliban&nbsp;&mdash; &ldquo;we know&rdquo; &#8220;it&#x201D;.</p>
        <p hidden>hidden text</p><div aria-hidden="true">icons</div>
        <ul><li>One</li><li>Two <b>bold</b></li></ul>
        <pre>  kept   spacing</pre></article></main>
        <aside>Related stories</aside><footer>Copyright</footer></body></html>"#;
    let path = write(dir.path(), "page.html", page.as_bytes())?;
    let document = read_document(&path)?;
    assert_eq!(document.format, DocumentFormat::Html);
    assert_eq!(
        document.text,
        "Russia & the Taliban\n22 March\n\
         Gen. Nicholson said that Russia was backing the Taliban — “we know” “it”.\n\
         One\nTwo bold\n  kept   spacing\n"
    );
    let date = document.metadata_date.ok_or("no metadata date")?;
    assert_eq!(date.date.to_string(), "2018-03-23");
    assert!(
        date.found_in.contains("article:published_time"),
        "{}",
        date.found_in
    );
    Ok(())
}

#[test]
fn html_nested_deep_is_read_without_overflowing_and_absurd_nesting_is_refused() -> TestResult {
    let dir = tempfile::tempdir()?;
    let nested = |depth: usize| {
        format!(
            "<!-- <div> --><script>if (a < b) {{ x = '<div>'; }}</script>{}deep words{}",
            "<div><span><p>".repeat(depth),
            "</span></div>".repeat(depth)
        )
    };
    let path = write(dir.path(), "deep.html", nested(450).as_bytes())?;
    assert_eq!(read_document(&path)?.text, "deep words\n");
    let path = write(dir.path(), "deeper.html", nested(100_000).as_bytes())?;
    let message = read_document(&path).err().ok_or("read")?.to_string();
    assert!(
        message.contains("deeper.html") && message.contains("200000 deep"),
        "{message}"
    );
    Ok(())
}

#[test]
fn docx_paragraphs_become_lines_and_deleted_text_is_dropped() -> TestResult {
    let dir = tempfile::tempdir()?;
    let xml = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>
<w:p><w:r><w:t>WASHINGTON, March 23, 2018 </w:t></w:r><w:r><w:t xml:space="preserve">— Russia &amp; </w:t></w:r><w:r><w:t>Iran&#8217;s</w:t></w:r></w:p>
<w:p><w:r><w:t>Second</w:t><w:tab/><w:t>paragraph.</w:t></w:r><w:del><w:r><w:delText>gone</w:delText></w:r></w:del></w:p>
<w:p><w:r><w:instrText>PAGE</w:instrText></w:r></w:p>
</w:body></w:document>"#;
    let path = write(dir.path(), "memo.docx", &docx_bytes(xml)?)?;
    let document = read_document(&path)?;
    assert_eq!(document.format, DocumentFormat::Docx);
    assert_eq!(
        document.text,
        "WASHINGTON, March 23, 2018 — Russia & Iran’s\nSecond\tparagraph.\n"
    );
    Ok(())
}

#[test]
fn pdf_text_is_read_with_its_lines_joined() -> TestResult {
    let dir = tempfile::tempdir()?;
    let path = write(
        dir.path(),
        "brief.pdf",
        &pdf_bytes(
            "Gen. Nicholson said that Russia",
            "was backing the Taliban.",
        ),
    )?;
    let document = read_document(&path)?;
    assert_eq!(document.format, DocumentFormat::Pdf);
    assert_eq!(
        document.text.trim(),
        "Gen. Nicholson said that Russia was backing the Taliban."
    );
    Ok(())
}

#[test]
fn pdf_reflow_mends_hyphens_and_keeps_paragraphs() {
    assert_eq!(
        super::pdf::reflow("destabi-\nlizing activity\nby Russia.\n\n\nNext para-\nGraph\n"),
        "destabilizing activity by Russia.\nNext para- Graph\n"
    );
}

#[test]
fn the_format_comes_from_the_first_bytes_when_the_name_has_no_extension() -> TestResult {
    let dir = tempfile::tempdir()?;
    let page = write(dir.path(), "page", b"<!doctype html><p>Words&amp;more</p>")?;
    assert_eq!(read_document(&page)?.text, "Words&more\n");
    let pdf = write(dir.path(), "brief", &pdf_bytes("One line.", "Two."))?;
    assert_eq!(read_document(&pdf)?.format, DocumentFormat::Pdf);
    Ok(())
}

#[test]
fn truncated_docx_is_an_error_that_names_the_file() -> TestResult {
    let dir = tempfile::tempdir()?;
    let bytes =
        docx_bytes("<w:document><w:body><w:p><w:r><w:t>x</w:t></w:r></w:p></w:body></w:document>")?;
    let path = write(dir.path(), "cut.docx", &bytes[..bytes.len() / 2])?;
    let error = read_document(&path)
        .err()
        .ok_or("a truncated .docx was read")?;
    let message = error.to_string();
    assert!(message.contains("cut.docx"), "{message}");
    assert!(message.contains("zip"), "{message}");
    Ok(())
}

#[test]
fn a_zip_without_a_word_document_says_what_was_expected() -> TestResult {
    let dir = tempfile::tempdir()?;
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    zip.start_file("notes.txt", zip::write::SimpleFileOptions::default())?;
    zip.write_all(b"hello")?;
    let path = write(dir.path(), "other.docx", &zip.finish()?.into_inner())?;
    let message = read_document(&path).err().ok_or("read")?.to_string();
    assert!(message.contains("word/document.xml"), "{message}");
    Ok(())
}

#[test]
fn a_docx_that_inflates_past_the_limit_is_refused() -> TestResult {
    let dir = tempfile::tempdir()?;
    // 4 MiB of one repeated paragraph deflates to a few KiB.
    let body = "<w:p><w:r><w:t>aaaa</w:t></w:r></w:p>".repeat(4 * 1024 * 1024 / 36);
    let bytes = docx_bytes(&format!("<w:document><w:body>{body}</w:body></w:document>"))?;
    assert!(
        bytes.len() < 200_000,
        "the test's zip is {} bytes",
        bytes.len()
    );
    let path = write(dir.path(), "bomb.docx", &bytes)?;
    let limits = ReadLimits {
        max_file_bytes: 1024 * 1024,
        max_inflated_bytes: 1024 * 1024,
    };
    let message = read_document_with(&path, limits)
        .err()
        .ok_or("read")?
        .to_string();
    assert!(
        message.contains("bomb.docx") && message.contains("more than 1 MiB"),
        "{message}"
    );
    // Within the default limits the same file reads.
    assert!(read_document(&path)?.text.starts_with("aaaa\naaaa\n"));
    Ok(())
}

#[test]
fn a_file_over_the_size_limit_is_refused_before_it_is_read() -> TestResult {
    let dir = tempfile::tempdir()?;
    let path = write(dir.path(), "big.txt", &vec![b'a'; 3000])?;
    let limits = ReadLimits {
        max_file_bytes: 2000,
        max_inflated_bytes: 2000,
    };
    let error = read_document_with(&path, limits).err().ok_or("read")?;
    assert!(matches!(error, ReadError::TooLarge { .. }), "{error}");
    Ok(())
}

#[test]
fn binary_garbage_is_an_error_not_a_panic() -> TestResult {
    let dir = tempfile::tempdir()?;
    // A fixed pseudo-random byte soup (xorshift), so the test is the same every run.
    let mut state: u32 = 0x9e37_79b9;
    let garbage: Vec<u8> = (0..20_000)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 17;
            state ^= state << 5;
            state.to_le_bytes()[0]
        })
        .collect();
    for name in ["garbage.txt", "garbage.docx", "garbage.bin"] {
        let path = write(dir.path(), name, &garbage)?;
        let message = read_document(&path).err().ok_or(name)?.to_string();
        assert!(message.contains(name), "{message}");
    }
    // Garbage after a PDF header, and a PDF cut in half: errors, whatever the parser does.
    let mut fake_pdf = b"%PDF-1.4\n".to_vec();
    fake_pdf.extend_from_slice(&garbage);
    let path = write(dir.path(), "garbage.pdf", &fake_pdf)?;
    let message = read_document(&path).err().ok_or("garbage.pdf")?.to_string();
    assert!(message.contains("garbage.pdf"), "{message}");
    let pdf = pdf_bytes("Half a", "document.");
    let path = write(dir.path(), "half.pdf", &pdf[..pdf.len() / 2])?;
    // A half PDF may still show its text (lopdf rebuilds the cross-reference table), or fail
    // with an error naming the file: it must not panic.
    if let Err(error) = read_document(&path) {
        assert!(error.to_string().contains("half.pdf"), "{error}");
    }
    // HTML and Markdown readers take any text.
    let path = write(dir.path(), "garbage.html", &garbage)?;
    assert!(read_document(&path).is_ok());
    Ok(())
}

#[test]
fn unsupported_and_missing_files_say_what_to_do() -> TestResult {
    let dir = tempfile::tempdir()?;
    let path = write(dir.path(), "old.doc", b"\xd0\xcf\x11\xe0")?;
    let message = read_document(&path).err().ok_or("read")?.to_string();
    assert!(
        message.contains("old.doc") && message.contains("save it as .docx"),
        "{message}"
    );
    let missing = dir.path().join("missing.txt");
    let message = read_document(&missing).err().ok_or("read")?.to_string();
    assert!(
        message.starts_with("could not read") && message.contains("missing.txt"),
        "{message}"
    );
    let empty = write(dir.path(), "empty.md", b"  \n")?;
    let message = read_document(&empty).err().ok_or("read")?.to_string();
    assert!(message.contains("no text"), "{message}");
    Ok(())
}
