//! Markdown to text, through `pulldown-cmark`: one block a line. Does not decode bytes (the
//! caller hands it text, see `decode`).

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use super::Lines;

/// The words of a Markdown document, one block a line. YAML front matter is kept as lines
/// (`date: 2018-03-23` helps find the document's date).
pub(super) fn to_text(source: &str) -> String {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
        | Options::ENABLE_FOOTNOTES;
    let mut lines = Lines::default();
    let mut in_image = 0_usize;
    let mut in_code_block = false;
    let mut in_metadata = false;
    for event in Parser::new_ext(source, options) {
        match event {
            Event::Start(Tag::Image { .. }) => in_image += 1,
            Event::End(TagEnd::Image) => in_image = in_image.saturating_sub(1),
            Event::Start(Tag::CodeBlock(_)) => {
                lines.break_line();
                in_code_block = true;
            }
            Event::End(TagEnd::CodeBlock) => {
                in_code_block = false;
                lines.break_line();
            }
            Event::Start(Tag::MetadataBlock(_)) => in_metadata = true,
            Event::End(TagEnd::MetadataBlock(_)) => {
                in_metadata = false;
                lines.break_line();
            }
            Event::Start(
                Tag::Paragraph
                | Tag::Heading { .. }
                | Tag::Item
                | Tag::BlockQuote(_)
                | Tag::TableRow
                | Tag::TableHead
                | Tag::FootnoteDefinition(_),
            ) => lines.break_line(),
            Event::End(
                TagEnd::Paragraph
                | TagEnd::Heading(_)
                | TagEnd::Item
                | TagEnd::BlockQuote(_)
                | TagEnd::TableRow
                | TagEnd::TableHead
                | TagEnd::FootnoteDefinition,
            ) => lines.break_line(),
            Event::End(TagEnd::TableCell) => lines.push("\t", true),
            Event::Text(words) if in_image == 0 => {
                lines.push(&words, in_code_block || in_metadata);
            }
            Event::Code(words) if in_image == 0 => lines.push(&words, false),
            Event::SoftBreak => lines.push(" ", false),
            Event::HardBreak => lines.break_line(),
            _ => {}
        }
    }
    lines.finish()
}
