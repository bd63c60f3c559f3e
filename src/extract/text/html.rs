//! HTML to text, through `scraper` (html5ever: the browsers' parsing algorithm, every named
//! entity decoded), one block a line, and the publication date the page's metadata gives.
//! Does not decode bytes (see `decode`) nor weigh that date against the text's (see
//! [`crate::extract::dct`]).

use chrono::NaiveDate;
use scraper::Node;
use scraper::node::Element;

use super::{Lines, MetadataDate};

/// The readable text of a page and the publication date its metadata gives.
pub(super) struct Page {
    /// One block a line.
    pub text: String,
    /// From `<meta>` or `<time datetime>`.
    pub published: Option<MetadataDate>,
}

/// The deepest nesting of elements read. The HTML parser checks the stack of open elements
/// for each new one, so its time grows with the square of the depth: a page nested 5,000
/// deep took 8 s in a debug build, one nested 1,000 deep a fraction of a second. Real pages
/// nest a few dozen deep.
pub(super) const MAX_NESTING: usize = 1_000;

/// Elements that never hold others, or that the parser closes by itself when the next one
/// starts: they do not count towards the nesting estimate.
const NOT_NESTING: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
    "wbr", "param", "keygen", "p", "li", "dt", "dd", "option", "optgroup", "tr", "td", "th",
    "thead", "tbody", "tfoot", "rb", "rt", "rp", "colgroup", "caption", "head", "body", "html",
];

/// How deep a page nests its elements, estimated in one pass over the source: start tags
/// less end tags, skipping comments, the insides of scripts and styles, empty elements and
/// those closed implicitly.
pub(super) fn nesting_estimate(source: &str) -> usize {
    let bytes = source.as_bytes();
    let (mut depth, mut deepest, mut at) = (0_usize, 0_usize, 0_usize);
    while let Some(offset) = memchr_lt(&bytes[at..]) {
        at += offset + 1;
        let rest = &source[at..];
        if rest.starts_with("!--") {
            at += rest.find("-->").map_or(rest.len(), |end| end + 3);
            continue;
        }
        let closing = rest.starts_with('/');
        let name: String = rest
            .trim_start_matches('/')
            .chars()
            .take_while(char::is_ascii_alphanumeric)
            .map(|c| c.to_ascii_lowercase())
            .collect();
        if name.is_empty() || NOT_NESTING.contains(&name.as_str()) {
            continue;
        }
        if closing {
            depth = depth.saturating_sub(1);
        } else if matches!(name.as_str(), "script" | "style") {
            let end = format!("</{name}");
            at += rest.to_ascii_lowercase().find(&end).unwrap_or(rest.len());
        } else {
            depth += 1;
            deepest = deepest.max(depth);
        }
    }
    deepest
}

/// Where the next `<` is.
fn memchr_lt(bytes: &[u8]) -> Option<usize> {
    bytes.iter().position(|b| *b == b'<')
}

/// Elements whose content is never the page's text.
const SKIPPED: &[&str] = &[
    "head", "script", "style", "noscript", "template", "nav", "aside", "form", "button", "select",
    "option", "textarea", "svg", "math", "iframe", "object", "embed", "canvas", "dialog", "menu",
];

/// Elements that begin and end a line.
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "section",
    "article",
    "main",
    "header",
    "footer",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "blockquote",
    "pre",
    "table",
    "tr",
    "figure",
    "figcaption",
    "address",
    "hr",
    "br",
    "caption",
    "details",
    "summary",
];

/// Metadata names that give a page's publication date, best first.
const DATE_META: &[&str] = &[
    "article:published_time",
    "datepublished",
    "og:published_time",
    "publication_date",
    "publish-date",
    "pubdate",
    "dc.date.issued",
    "dcterms.created",
    "dc.date",
    "date",
    "parsely-pub-date",
    "sailthru.date",
];

/// Whether an element is hidden or navigation by its attributes or role.
fn is_hidden(element: &Element) -> bool {
    element.attr("hidden").is_some()
        || element.attr("aria-hidden") == Some("true")
        || matches!(
            element.attr("role"),
            Some("navigation" | "banner" | "contentinfo" | "complementary" | "search")
        )
        || element.attr("style").is_some_and(|s| {
            s.replace(' ', "")
                .to_ascii_lowercase()
                .contains("display:none")
        })
}

/// The date at the start of a metadata value: `2018-03-23T10:00:00Z` → 2018-03-23.
fn leading_date(value: &str) -> Option<NaiveDate> {
    let value = value.trim();
    NaiveDate::parse_from_str(value.get(..10)?, "%Y-%m-%d").ok()
}

/// Walks the page without recursion (a hostile page may nest a million elements).
pub(super) fn to_text(source: &str) -> Page {
    let page = scraper::Html::parse_document(source);
    let mut lines = Lines::default();
    let mut skipping = 0_usize;
    let mut in_pre = 0_usize;
    let mut in_article = 0_usize;
    let mut meta_dates: Vec<(usize, MetadataDate)> = Vec::new();
    let mut time_date: Option<MetadataDate> = None;
    for edge in page.tree.root().traverse() {
        match edge {
            ego_tree::iter::Edge::Open(node) => match node.value() {
                Node::Element(element) => {
                    let name = element.name();
                    if name == "meta" {
                        let key = element
                            .attr("property")
                            .or_else(|| element.attr("name"))
                            .or_else(|| element.attr("itemprop"))
                            .unwrap_or_default()
                            .to_ascii_lowercase();
                        if let (Some(rank), Some(content)) = (
                            DATE_META.iter().position(|m| *m == key),
                            element.attr("content"),
                        ) && let Some(date) = leading_date(content)
                        {
                            let found_in = format!("the page's \"{key}\" ({})", content.trim());
                            meta_dates.push((rank, MetadataDate { date, found_in }));
                        }
                    }
                    if name == "time"
                        && time_date.is_none()
                        && let Some(value) = element.attr("datetime")
                        && let Some(date) = leading_date(value)
                    {
                        time_date = Some(MetadataDate {
                            date,
                            found_in: format!("the page's first <time> ({})", value.trim()),
                        });
                    }
                    let header_outside_article =
                        matches!(name, "header" | "footer") && in_article == 0;
                    if skipping > 0
                        || SKIPPED.contains(&name)
                        || header_outside_article
                        || is_hidden(element)
                    {
                        skipping += 1;
                        continue;
                    }
                    if matches!(name, "article" | "main") {
                        in_article += 1;
                    }
                    if name == "pre" {
                        in_pre += 1;
                    }
                    if BLOCKS.contains(&name) {
                        lines.break_line();
                    } else if matches!(name, "td" | "th") {
                        lines.push(" ", false);
                    }
                }
                Node::Text(text) if skipping == 0 => lines.push(text, in_pre > 0),
                _ => {}
            },
            ego_tree::iter::Edge::Close(node) => {
                if let Node::Element(element) = node.value() {
                    let name = element.name();
                    if skipping > 0 {
                        skipping -= 1;
                        continue;
                    }
                    if matches!(name, "article" | "main") {
                        in_article = in_article.saturating_sub(1);
                    }
                    if name == "pre" {
                        in_pre = in_pre.saturating_sub(1);
                    }
                    if BLOCKS.contains(&name) {
                        lines.break_line();
                    }
                }
            }
        }
    }
    meta_dates.sort_by_key(|(rank, _)| *rank);
    let published = meta_dates.into_iter().map(|(_, d)| d).next().or(time_date);
    Page {
        text: lines.finish(),
        published,
    }
}
