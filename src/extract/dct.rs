//! Finding the date a report was written (its document creation time, DCT), which every relative
//! expression in it is resolved against. Looks, in this order, for a dateline ("WASHINGTON,
//! March 23, 2018 —"), a "Published …" or "Posted on …" line, an "Updated …" line, and a full
//! date in the opening lines; and says which date it took and why, in words.
//!
//! Only full dates (day, month and year) count: "March 2018" or a year-less Reuters dateline
//! ("KABUL, March 23 (Reuters) -") gives nothing, and the caller asks the user (`--date`). Does
//! not look at file times: a file's modification date is not the report's.

use std::fmt;
use std::sync::OnceLock;

use chrono::NaiveDate;
use regex::Regex;

use super::text::Document;

/// How far into the text a dateline or a "Published" line is looked for, in lines.
const HEAD_LINES: usize = 40;
/// How many lines at the very end are also looked at for a "Published" line (some pages put it
/// after the story).
const TAIL_LINES: usize = 5;
/// A dateline sits in the first lines of a story.
const DATELINE_LINES: usize = 10;
/// A bare date counts only in the first non-empty lines.
const EARLY_DATE_LINES: usize = 5;
/// A dateline's date starts within this many bytes of its line's start.
const DATELINE_MAX_START_BYTES: usize = 80;

/// Where the document's date was found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DateClue {
    /// A dateline at the head of the story.
    Dateline,
    /// A labelled line, with its label as written: `Published`, `Posted on`, `Updated`.
    Labelled(String),
    /// The first full date in the opening lines.
    EarlyDate,
    /// The file's own metadata (an HTML page's `article:published_time`), described in words.
    Metadata(String),
}

/// Which date was taken and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DateReason {
    /// The kind of clue.
    pub clue: DateClue,
    /// The line it is on, counted from 1 (0 for metadata).
    pub line: usize,
    /// The date as written in the text: `March 23, 2018`.
    pub words: String,
}

impl fmt::Display for DateReason {
    /// `the dateline on line 1: 'March 23, 2018'`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let line = self.line;
        let words = &self.words;
        match &self.clue {
            DateClue::Dateline => write!(f, "the dateline on line {line}: '{words}'"),
            DateClue::Labelled(label) => {
                write!(f, "the \"{label}\" line on line {line}: '{words}'")
            }
            DateClue::EarlyDate => {
                write!(
                    f,
                    "the first date in the opening lines, on line {line}: '{words}'"
                )
            }
            DateClue::Metadata(found_in) => write!(f, "{found_in}"),
        }
    }
}

/// A full date found in a line: where, the date, and the words.
struct FoundDate<'a> {
    /// Byte offset of the date in its line.
    start: usize,
    /// Byte offset just past the date in its line.
    end: usize,
    /// The date.
    date: NaiveDate,
    /// The date as written.
    words: &'a str,
}

/// The month names and abbreviations a date may be written with.
const MONTH_PATTERN: &str = r"(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?";

/// The three ways a full date is written: "March 23, 2018", "23 March 2018", "2018-03-23".
fn date_patterns() -> &'static [Regex; 3] {
    static PATTERNS: OnceLock<[Regex; 3]> = OnceLock::new();
    PATTERNS.get_or_init(|| {
        // The patterns are constants, compiled by every test of this module: a failure is a
        // programming error, never bad input.
        let build = |pattern: String| Regex::new(&pattern).expect("a constant date pattern");
        [
            build(format!(
                r"(?i)\b{MONTH_PATTERN}\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})\b"
            )),
            build(format!(
                r"(?i)\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{MONTH_PATTERN},?\s+(\d{{4}})\b"
            )),
            build(r"\b(\d{4})-(\d{2})-(\d{2})\b".to_owned()),
        ]
    })
}

/// The month number of a month name or abbreviation.
fn month_number(name: &str) -> Option<u32> {
    let lower = name.to_ascii_lowercase();
    let prefix = lower.get(..3)?;
    let months = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    months
        .iter()
        .position(|m| *m == prefix)
        .and_then(|i| u32::try_from(i + 1).ok())
}

/// The full dates in one line, in order of where they start.
fn dates_in(line: &str) -> Vec<FoundDate<'_>> {
    let [mdy, dmy, iso] = date_patterns();
    let mut found = Vec::new();
    let number = |m: Option<regex::Match<'_>>| m.and_then(|m| m.as_str().parse::<u32>().ok());
    for caps in mdy.captures_iter(line) {
        let month = caps.get(1).and_then(|m| month_number(m.as_str()));
        let (day, year) = (number(caps.get(2)), number(caps.get(3)));
        push_date(&mut found, line, caps.get(0), year, month, day);
    }
    for caps in dmy.captures_iter(line) {
        let month = caps.get(2).and_then(|m| month_number(m.as_str()));
        let (day, year) = (number(caps.get(1)), number(caps.get(3)));
        push_date(&mut found, line, caps.get(0), year, month, day);
    }
    for caps in iso.captures_iter(line) {
        let (year, month, day) = (
            number(caps.get(1)),
            number(caps.get(2)),
            number(caps.get(3)),
        );
        push_date(&mut found, line, caps.get(0), year, month, day);
    }
    found.sort_by_key(|d| d.start);
    found
}

/// Adds a date if its parts make a real calendar day.
fn push_date<'a>(
    found: &mut Vec<FoundDate<'a>>,
    line: &'a str,
    whole: Option<regex::Match<'a>>,
    year: Option<u32>,
    month: Option<u32>,
    day: Option<u32>,
) {
    let (Some(whole), Some(year), Some(month), Some(day)) = (whole, year, month, day) else {
        return;
    };
    let Some(date) = i32::try_from(year)
        .ok()
        .and_then(|y| NaiveDate::from_ymd_opt(y, month, day))
    else {
        return;
    };
    found.push(FoundDate {
        start: whole.start(),
        end: whole.end(),
        date,
        words: &line[whole.start()..whole.end()],
    });
}

/// The labels of lines that give a publication date, with whether they tell of a later update
/// (used only when nothing better is found).
const LABELS: &[(&str, bool)] = &[
    ("first published", false),
    ("published on", false),
    ("published", false),
    ("posted on", false),
    ("posted", false),
    ("date", false),
    ("dated", false),
    ("released", false),
    ("issued", false),
    ("filed", false),
    ("last updated", true),
    ("updated on", true),
    ("updated", true),
    ("last modified", true),
    ("modified", true),
];

/// The label a line starts with (after bullets and a "|"-separated byline), as written, and
/// whether it tells of an update.
fn label_of(line: &str) -> Option<(&str, bool)> {
    let trimmed = line.trim_start_matches(|c: char| c.is_whitespace() || "•*-–—|>".contains(c));
    let lower = trimmed.to_lowercase();
    LABELS.iter().find_map(|(label, is_update)| {
        let rest = lower.strip_prefix(label)?;
        let next = rest.chars().next();
        let ends_word = next.is_none_or(|c| !c.is_alphanumeric());
        (ends_word && trimmed.is_char_boundary(label.len()))
            .then(|| (&trimmed[..label.len()], *is_update))
    })
}

/// Whether a date in a line is a dateline: near the start, after nothing but a place (capitals,
/// commas) or nothing at all, and followed by a dash, a colon or "(Agency)".
fn is_dateline(line: &str, found: &FoundDate<'_>) -> bool {
    if found.start > DATELINE_MAX_START_BYTES {
        return false;
    }
    let before = line[..found.start].trim();
    let after = line[found.end..].trim_start();
    let after = match after.strip_prefix('(') {
        Some(rest) => rest.split_once(')').map_or("", |(_, r)| r).trim_start(),
        None => after,
    };
    let dash_after = after.starts_with(['—', '–', '-', ':', '/']);
    let capital_place = before.ends_with(',')
        && before
            .chars()
            .filter(|c| c.is_alphabetic())
            .all(|c| c.is_uppercase());
    // "Kabul, Afghanistan, March 23, 2018 —": a place in mixed case needs the dash.
    let short_place = before.ends_with(',')
        && before.split_whitespace().count() <= 4
        && !before.to_lowercase().starts_with("by ");
    (before.is_empty() || capital_place) && (dash_after || after.is_empty())
        || short_place && dash_after
}

/// Finds the date a report was written from its text alone, and says why.
pub fn find_document_date(text: &str) -> Option<(NaiveDate, DateReason)> {
    let lines: Vec<&str> = text.lines().collect();
    let tail_start = lines
        .len()
        .saturating_sub(TAIL_LINES)
        .max(HEAD_LINES.min(lines.len()));
    let looked_at = lines
        .iter()
        .enumerate()
        .take(HEAD_LINES)
        .chain(lines.iter().enumerate().skip(tail_start));
    let mut published: Option<(NaiveDate, DateReason)> = None;
    let mut updated: Option<(NaiveDate, DateReason)> = None;
    let mut early: Option<(NaiveDate, DateReason)> = None;
    let mut non_empty_seen = 0_usize;
    for (index, line) in looked_at {
        let line_number = index + 1;
        if !line.trim().is_empty() {
            non_empty_seen += 1;
        }
        let found = dates_in(line);
        let Some(first) = found.first() else {
            continue;
        };
        let reason = |clue| DateReason {
            clue,
            line: line_number,
            words: first.words.to_owned(),
        };
        if index < DATELINE_LINES && is_dateline(line, first) {
            return Some((first.date, reason(DateClue::Dateline)));
        }
        if let Some((label, is_update)) = label_of(line) {
            let slot = if is_update {
                &mut updated
            } else {
                &mut published
            };
            if slot.is_none() {
                *slot = Some((first.date, reason(DateClue::Labelled(label.to_owned()))));
            }
        } else if early.is_none() && non_empty_seen <= EARLY_DATE_LINES && index < HEAD_LINES {
            early = Some((first.date, reason(DateClue::EarlyDate)));
        }
    }
    published.or(updated).or(early)
}

/// Finds the date of a document read from a file: the date in its text first (what a reader
/// sees), then its metadata (an HTML page's `article:published_time`).
pub fn document_date(document: &Document) -> Option<(NaiveDate, DateReason)> {
    find_document_date(&document.text).or_else(|| {
        let meta = document.metadata_date.as_ref()?;
        Some((
            meta.date,
            DateReason {
                clue: DateClue::Metadata(meta.found_in.clone()),
                line: 0,
                words: meta.date.to_string(),
            },
        ))
    })
}

#[cfg(test)]
mod tests;
