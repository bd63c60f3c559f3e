//! One report read whole, as `swimline extract` and File ▸ Read a report… use it: the file's
//! text, the date it is read against (given, or found, and why), its time expressions and the
//! draft events they date; and those written out as text for a terminal, as JSON, or as TimeML.
//! Reads the one file it is given; writes nothing.

use std::fmt::Write as _;
use std::path::Path;

use chrono::NaiveDate;

use super::dct::document_date;
use super::drafts::{DCT_EVENT_ID, Draft, drafts};
use super::text::{Document, read_document};
use super::timex::{Timex, tag};
use super::timex_input::TimexSpan;

/// A report, read.
#[derive(Clone, Debug)]
pub struct Extracted {
    /// The file's name, for messages and the TimeML `DOCID`.
    pub name: String,
    /// Its text, as read (every offset below counts into it).
    pub document: Document,
    /// The date relative expressions were resolved against (TimeML's DCT).
    pub dct: NaiveDate,
    /// Why that date: "given with --date", or where it was found.
    pub dct_reason: String,
    /// The time expressions, in text order.
    pub timexes: Vec<Timex>,
    /// The draft events, in text order.
    pub drafts: Vec<Draft>,
}

/// Reads the report at `path`, dates it (`date`, or the dateline or "Published" line it has),
/// tags its time expressions and drafts its events, matching actors to `known_lanes` (the
/// open dataset's `(id, name)`) first.
pub fn extract_file(
    path: &Path,
    date: Option<NaiveDate>,
    known_lanes: &[(String, String)],
) -> Result<Extracted, String> {
    let document = read_document(path).map_err(|e| e.to_string())?;
    let name = path
        .file_name()
        .map_or_else(|| "report".to_owned(), |n| n.to_string_lossy().into_owned());
    extract_document(name, document, date, known_lanes)
        .map_err(|e| format!("{}: {e}", path.display()))
}

/// As [`extract_file`], for a document already read (pasted text, a dropped file).
pub fn extract_document(
    name: String,
    document: Document,
    date: Option<NaiveDate>,
    known_lanes: &[(String, String)],
) -> Result<Extracted, String> {
    let (dct, dct_reason) = match date {
        Some(d) => (d, "given with --date".to_owned()),
        None => match document_date(&document) {
            Some((d, reason)) => (d, reason.to_string()),
            None => {
                return Err(
                    "no date found for this report (no dateline, no \"Published\" line, no date \
                     in its first lines): give the day it was written with --date YYYY-MM-DD, so \
                     that \"last year\" and \"two weeks ago\" can be dated"
                        .to_owned(),
                );
            }
        },
    };
    let timexes = tag(&document.text, dct);
    let spans: Vec<TimexSpan> = timexes.iter().map(TimexSpan::from).collect();
    let drafts = drafts(&document.text, &spans, dct, known_lanes);
    Ok(Extracted {
        name,
        document,
        dct,
        dct_reason,
        timexes,
        drafts,
    })
}

impl Extracted {
    /// The report as TimeML 1.2.1: its text unchanged, with a TIMEX3 around each expression.
    pub fn timeml(&self) -> String {
        super::timeml::to_timeml(&self.name, &self.document.text, self.dct, &self.timexes)
    }

    /// The report as JSON: the date used and why, the expressions (offsets, TimeML type and
    /// value, Swimline's notation) and the drafts.
    pub fn json(&self) -> serde_json::Value {
        serde_json::json!({
            "file": self.name,
            "format": self.document.format.name(),
            "date": self.dct.format("%Y-%m-%d").to_string(),
            "date_reason": self.dct_reason,
            "date_event": DCT_EVENT_ID,
            "warnings": self.document.warnings,
            "expressions": super::expressions_json(&self.timexes),
            "drafts": self.drafts,
        })
    }

    /// The report in words, for a terminal.
    pub fn words(&self) -> String {
        let mut out = String::new();
        let _ = writeln!(
            out,
            "{} ({}): dated {} ({}); {} time expressions, {} draft events",
            self.name,
            self.document.format.name(),
            self.dct.format("%-d %B %Y"),
            self.dct_reason,
            self.timexes.len(),
            self.drafts.len()
        );
        for w in &self.document.warnings {
            let _ = writeln!(out, "  warning: {w}");
        }
        if !self.timexes.is_empty() {
            let _ = writeln!(out, "\nTime expressions:");
        }
        for t in &self.timexes {
            let _ = writeln!(
                out,
                "  {:>6}  {:<9} {:<14} {:<22} {}",
                t.start_char,
                t.kind.name(),
                t.value,
                t.swimline_time().unwrap_or_default(),
                t.text
            );
        }
        if !self.drafts.is_empty() {
            let _ = writeln!(
                out,
                "\nDraft events (nothing enters a timeline unconfirmed):"
            );
        }
        for (i, d) in self.drafts.iter().enumerate() {
            let _ = writeln!(out, "  {:>3}. [{}] {}", i + 1, d.kind.name(), d.title);
            let _ = writeln!(
                out,
                "       when {}{}",
                d.time,
                d.time_on_calendar
                    .as_deref()
                    .map_or_else(String::new, |c| format!(" = {c}"))
            );
            if let Some(source) = &d.source {
                let _ = writeln!(out, "       source {source}");
            }
            let actors: Vec<String> = d
                .actors
                .iter()
                .map(|a| {
                    if a.is_new {
                        format!("{} (new)", a.name)
                    } else {
                        a.lane_id.clone().unwrap_or_else(|| a.name.clone())
                    }
                })
                .collect();
            if !actors.is_empty() {
                let _ = writeln!(out, "       actors {}", actors.join(", "));
            }
            for l in &d.links {
                let _ = writeln!(
                    out,
                    "       {} draft {} ({:.0}%: {})",
                    l.kind.verb(),
                    l.to_draft + 1,
                    l.score * 100.0,
                    l.shared_words.join(", ")
                );
            }
            let _ = writeln!(out, "       \u{201c}{}\u{201d}", d.quote.text);
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::extract_file;
    use crate::model::EventKind;

    /// The seed report, read as `swimline extract` reads it, against the bundled dataset's
    /// lanes: the drafts the issue asks for come out without hand help.
    #[test]
    fn the_seed_report_gives_the_drafts_of_the_bundled_dataset() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let loaded = crate::io::load_default().unwrap_or_else(|e| panic!("{e}"));
        let lanes: Vec<(String, String)> = loaded
            .dataset
            .actors
            .iter()
            .map(|a| (a.id.clone(), a.name.clone()))
            .collect();
        let date = chrono::NaiveDate::from_ymd_opt(2018, 3, 23);
        let report = extract_file(&root.join("tests/fixtures/article.txt"), date, &lanes)
            .unwrap_or_else(|e| panic!("{e}"));
        let months = report
            .timexes
            .iter()
            .find(|t| t.text.contains("18 to 24 months"))
            .unwrap_or_else(|| panic!("no expression for the 18 to 24 months"));
        assert_eq!(
            months.swimline_time().as_deref(),
            Some("@{dct}-P24M..-P18M")
        );
        let activity = report
            .drafts
            .iter()
            .find(|d| d.quote.text.contains("picked up"))
            .unwrap_or_else(|| panic!("no draft for the activity"));
        assert_eq!(activity.time, "@{dct}-P24M..-P18M");
        let claims: Vec<_> = report
            .drafts
            .iter()
            .filter(|d| d.kind == EventKind::Claim)
            .collect();
        assert!(
            claims.len() >= 4
                && claims.iter().all(|d| d
                    .source
                    .as_deref()
                    .is_some_and(|s| s.contains("Nicholson"))
                    || !d.sentence.text.contains("Nicholson")),
            "{claims:#?}"
        );
        let aid = report
            .drafts
            .iter()
            .find(|d| d.quote.text.contains("suspended security aid"))
            .unwrap_or_else(|| panic!("no draft for the aid"));
        assert_eq!(aid.kind, EventKind::Action);
        assert!(
            aid.actors
                .iter()
                .any(|a| a.lane_id.as_deref() == Some("us-president")),
            "{:?}",
            aid.actors
        );
        let denial = report
            .drafts
            .iter()
            .find(|d| d.kind == EventKind::Denial)
            .unwrap_or_else(|| panic!("no denial"));
        assert!(
            denial
                .actors
                .iter()
                .any(|a| a.lane_id.as_deref() == Some("russia"))
        );
        let denied: Vec<&str> = denial
            .links
            .iter()
            .map(|l| report.drafts[l.to_draft].quote.text.as_str())
            .collect();
        assert!(
            denied.iter().any(|q| q.contains("weapons")),
            "the denial is linked to the claims about weapons: {denied:?}"
        );
        let talks = report
            .drafts
            .iter()
            .find(|d| d.title.contains("holding talks"))
            .unwrap_or_else(|| panic!("no draft for the talks"));
        assert_eq!(talks.kind, EventKind::Statement);
        // The TimeML is the text unchanged around its tags.
        let timeml = report.timeml();
        assert!(timeml.contains("TIMEX3"), "{timeml}");
        let back = crate::extract::timeml::read_timeml(&timeml).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(back.text.trim(), report.document.text.trim());
    }
}
