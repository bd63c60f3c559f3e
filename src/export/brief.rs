//! The brief: the starred events in time order, each with its date in words (as precise as the
//! source gives it), its actors, its kind, its source and quote, the links to it, and your tags
//! and note — the analyst's story of the file, as Markdown or as a standalone HTML page.

use std::fmt::Write as _;

use crate::model::Dataset;
use crate::notes::NotesFile;

/// One event of the brief, in the words it is written with.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Entry {
    title: String,
    when: String,
    as_written: String,
    kind: &'static str,
    actors: Vec<String>,
    source: Vec<String>,
    quote: Option<String>,
    url: Option<String>,
    links: Vec<String>,
    your_tags: Vec<String>,
    note: String,
    is_own: bool,
}

/// The starred events of `dataset` (by the notes), oldest first; events past `file_events`
/// are the analyst's own.
fn entries(
    dataset: &Dataset,
    notes: &NotesFile,
    (file_events, file_links): (usize, usize),
) -> Vec<Entry> {
    let mut starred: Vec<usize> = dataset
        .events
        .iter()
        .filter(|e| notes.events.get(e.id()).is_some_and(|n| n.starred))
        .map(|e| e.index())
        .collect();
    starred.sort_by_key(|&i| (dataset.events.at(i).when().earliest(), i));
    starred
        .into_iter()
        .map(|i| {
            let e = dataset.events.at(i);
            let note = notes.events.get(e.id()).cloned().unwrap_or_default();
            let source = e.source();
            let mut said = Vec::new();
            if let Some(s) = source {
                said.extend(s.by.clone());
                said.extend(s.outlet.clone());
                if let Some(r) = &s.reported {
                    said.push(format!("reported {}", r.describe()));
                }
            }
            let links = dataset
                .links
                .iter()
                .enumerate()
                .filter(|(_, l)| l.from == i || l.to == i)
                .map(|(k, l)| {
                    let (verb, other) = if l.from == i {
                        (l.kind.verb(), l.to)
                    } else {
                        (l.kind.inverse_verb(), l.from)
                    };
                    let yours = if k >= file_links { " (your link)" } else { "" };
                    format!("{verb} “{}”{yours}", dataset.events.at(other).title())
                })
                .collect();
            Entry {
                title: e.title().to_owned(),
                when: format!(
                    "{} — {}",
                    e.when().describe(),
                    crate::model::words::time_words(dataset, &e.time())
                ),
                as_written: e.time().to_string(),
                kind: e.kind().name(),
                actors: e
                    .actors()
                    .iter()
                    .map(|&a| dataset.actors[a as usize].name.clone())
                    .collect(),
                source: said,
                quote: source.and_then(|s| s.quote.clone()),
                url: source.and_then(|s| s.url.clone()),
                links,
                your_tags: note.tags,
                note: note.note,
                is_own: i >= file_events,
            }
        })
        .collect()
}

/// What the brief is about, for its heading.
pub struct BriefOf<'a> {
    /// The dataset (your own events in it).
    pub dataset: &'a Dataset,
    /// The notes.
    pub notes: &'a NotesFile,
    /// How many of the dataset's events are the file's.
    pub file_events: usize,
    /// How many of its links are the file's (the rest are yours).
    pub file_links: usize,
    /// The data file's name.
    pub source_name: &'a str,
}

/// How many events the brief of `of` holds.
pub fn starred_count(of: &BriefOf<'_>) -> usize {
    entries(of.dataset, of.notes, (of.file_events, of.file_links)).len()
}

fn heading(of: &BriefOf<'_>, n: usize) -> (String, String) {
    let title = if of.dataset.title.is_empty() {
        of.source_name.to_owned()
    } else {
        of.dataset.title.clone()
    };
    let line = format!(
        "{n} starred event{} from {}, in time order. Dates are as precise as the source gives \
         them. Written with Swimline {} on {}.",
        if n == 1 { "" } else { "s" },
        of.source_name,
        env!("CARGO_PKG_VERSION"),
        super::report::today()
    );
    (title, line)
}

/// The brief as Markdown.
pub fn markdown(of: &BriefOf<'_>) -> String {
    let entries = entries(of.dataset, of.notes, (of.file_events, of.file_links));
    let (title, line) = heading(of, entries.len());
    let mut out = format!("# Brief: {}\n\n_{}_\n", md(&title), md(&line));
    if entries.is_empty() {
        out.push_str("\nNo event is starred yet: select one and press S.\n");
    }
    for (k, e) in entries.iter().enumerate() {
        let _ = write!(out, "\n## {}. {}\n\n", k + 1, md(&e.title));
        let _ = writeln!(
            out,
            "- **When:** {}; as written: `{}`",
            md(&e.when),
            e.as_written
        );
        let _ = writeln!(out, "- **Kind:** {}", e.kind);
        if !e.actors.is_empty() {
            let _ = writeln!(out, "- **Who:** {}", md(&e.actors.join(", ")));
        }
        if !e.source.is_empty() {
            let _ = writeln!(out, "- **Source:** {}", md(&e.source.join(", ")));
        }
        if let Some(url) = &e.url {
            let _ = writeln!(out, "- **Link:** <{url}>");
        }
        for l in &e.links {
            let _ = writeln!(out, "- **Linked:** {}", md(l));
        }
        if e.is_own {
            out.push_str("- **Added by you** (not in the data file)\n");
        }
        if !e.your_tags.is_empty() {
            let _ = writeln!(out, "- **Your tags:** {}", md(&e.your_tags.join(", ")));
        }
        if let Some(q) = &e.quote {
            let _ = write!(out, "\n> “{}”\n", md(q).replace('\n', "\n> "));
        }
        if !e.note.trim().is_empty() {
            let _ = write!(
                out,
                "\n**Your note:** {}\n",
                md(e.note.trim()).replace('\n', "  \n")
            );
        }
    }
    out
}

/// The brief as a standalone HTML page.
pub fn html(of: &BriefOf<'_>) -> String {
    let entries = entries(of.dataset, of.notes, (of.file_events, of.file_links));
    let (title, line) = heading(of, entries.len());
    let mut out = format!(
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>Brief: {0}</title>\n\
         <style>body{{font-family:system-ui,sans-serif;max-width:46em;margin:2em auto;padding:0 1em;\
         line-height:1.45;color:#1f2328}}h2{{margin-top:1.6em;border-top:1px solid #d0d7de;padding-top:.8em}}\
         dt{{font-weight:600;float:left;width:7em}}dd{{margin-left:7.5em}}blockquote{{border-left:3px solid #d0d7de;\
         margin:0.8em 0;padding:0 1em;font-style:italic}}.note{{background:#f3efff;padding:.6em .9em;border-radius:6px;\
         white-space:pre-wrap}}.intro{{color:#57606a}}</style></head><body>\n<h1>Brief: {0}</h1>\n<p class=\"intro\">{1}</p>\n",
        esc(&title),
        esc(&line)
    );
    if entries.is_empty() {
        out.push_str("<p>No event is starred yet: select one and press S.</p>\n");
    }
    for (k, e) in entries.iter().enumerate() {
        let _ = write!(out, "<h2>{}. {}</h2>\n<dl>\n", k + 1, esc(&e.title));
        let _ = writeln!(
            out,
            "<dt>When</dt><dd>{}; as written: <code>{}</code></dd>",
            esc(&e.when),
            esc(&e.as_written)
        );
        let _ = writeln!(out, "<dt>Kind</dt><dd>{}</dd>", e.kind);
        if !e.actors.is_empty() {
            let _ = writeln!(out, "<dt>Who</dt><dd>{}</dd>", esc(&e.actors.join(", ")));
        }
        if !e.source.is_empty() {
            let _ = writeln!(out, "<dt>Source</dt><dd>{}</dd>", esc(&e.source.join(", ")));
        }
        if let Some(url) = &e.url {
            // Only web and mail addresses become links: a `javascript:` or `data:` URL from a
            // file or a note would run in the reader's browser. Anything else is shown as text.
            if is_linkable(url) {
                let _ = writeln!(
                    out,
                    "<dt>Link</dt><dd><a href=\"{0}\">{0}</a></dd>",
                    esc(url)
                );
            } else {
                let _ = writeln!(out, "<dt>Link</dt><dd><code>{}</code></dd>", esc(url));
            }
        }
        for l in &e.links {
            let _ = writeln!(out, "<dt>Linked</dt><dd>{}</dd>", esc(l));
        }
        if e.is_own {
            out.push_str("<dt>Added</dt><dd>by you (not in the data file)</dd>\n");
        }
        if !e.your_tags.is_empty() {
            let _ = writeln!(
                out,
                "<dt>Your tags</dt><dd>{}</dd>",
                esc(&e.your_tags.join(", "))
            );
        }
        out.push_str("</dl>\n");
        if let Some(q) = &e.quote {
            let _ = writeln!(out, "<blockquote>“{}”</blockquote>", esc(q));
        }
        if !e.note.trim().is_empty() {
            let _ = writeln!(
                out,
                "<p class=\"note\"><strong>Your note:</strong> {}</p>",
                esc(e.note.trim())
            );
        }
    }
    out.push_str("</body></html>\n");
    out
}

/// Text safe in Markdown: the characters that would start markup are escaped.
fn md(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Text safe in HTML.
fn esc(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

#[cfg(test)]
mod tests {
    use super::{BriefOf, html, markdown};
    use crate::io::load_default;
    use crate::notes::{EventNote, NotesFile};

    #[test]
    fn the_brief_tells_the_starred_events_in_time_order() {
        let dataset = load_default().map(|l| l.dataset).unwrap_or_default();
        let mut notes = NotesFile::new();
        for (id, note) in [
            ("russia-denies", "Lavrov's <usual> line"),
            ("aid-suspended", ""),
        ] {
            notes.events.insert(
                id.to_owned(),
                EventNote {
                    starred: true,
                    note: note.to_owned(),
                    tags: vec!["key".to_owned()],
                    ..EventNote::default()
                },
            );
        }
        notes.events.insert(
            "syria-heats-up".to_owned(),
            EventNote {
                note: "not starred: not in the brief".to_owned(),
                ..EventNote::default()
            },
        );
        let of = BriefOf {
            dataset: &dataset,
            notes: &notes,
            file_events: dataset.events.len(),
            file_links: dataset.links.len(),
            source_name: "built-in",
        };
        let text = markdown(&of);
        assert!(text.starts_with("# Brief: "), "{text}");
        assert!(
            text.contains("_2 starred events from built-in, in time order."),
            "{text}"
        );
        let aid = text.find("US suspends").unwrap_or(usize::MAX);
        let denial = text.find("## 2. ").unwrap_or(0);
        assert!(
            aid < denial,
            "the aid suspension (4 Jan 2018) comes before the denial: {text}"
        );
        assert!(
            text.contains("**Your note:** Lavrov's \\<usual\\> line"),
            "{text}"
        );
        assert!(text.contains("- **Your tags:** key"), "{text}");
        assert!(text.contains("- **Linked:** denies"), "{text}");
        assert!(!text.contains("not starred"), "{text}");
        let page = html(&of);
        assert!(page.contains("Lavrov's &lt;usual&gt; line"), "{page}");
        assert_eq!(page.matches("<h2>").count(), 2);
    }
}

/// Whether `url` may be written as a link someone clicks: `http:`, `https:` or `mailto:` only
/// (a browser strips white space and control characters before reading the scheme, so they
/// are refused here, not trimmed).
pub fn is_linkable(url: &str) -> bool {
    if url.chars().any(|c| c.is_control() || c.is_whitespace()) {
        return false;
    }
    let Some((scheme, rest)) = url.split_once(':') else {
        return false;
    };
    !rest.is_empty()
        && ["http", "https", "mailto"]
            .iter()
            .any(|s| scheme.eq_ignore_ascii_case(s))
}

#[cfg(test)]
mod link_tests {
    use super::is_linkable;

    #[test]
    fn only_web_and_mail_addresses_are_links() {
        for yes in ["https://bbc.co.uk/x", "HTTP://a.b", "mailto:a@b.org"] {
            assert!(is_linkable(yes), "{yes}");
        }
        for no in [
            "javascript:alert(1)",
            "JaVaScRiPt:alert(1)",
            " javascript:alert(1)",
            "java\tscript:alert(1)",
            "data:text/html,<script>",
            "vbscript:x",
            "file:///etc/passwd",
            "https:",
            "example.org",
        ] {
            assert!(!is_linkable(no), "{no}");
        }
    }
}
