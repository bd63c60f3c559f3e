//! Tests of the reader's state: drafts to own events and links, refusals with why, the
//! timeline written and read back, edits kept across a new date, paragraphs, report files.

use super::{ReaderState, is_report_file};
use crate::extract::report::extract_document;
use crate::extract::text::{Document, DocumentFormat};
use crate::model::EventKind;

fn report(text: &str) -> ReaderState {
    let document = Document {
        text: text.to_owned(),
        format: DocumentFormat::PlainText,
        warnings: Vec::new(),
        metadata_date: None,
    };
    let date = chrono::NaiveDate::from_ymd_opt(2018, 3, 23);
    let lanes = vec![("russia".to_owned(), "Russia".to_owned())];
    let extracted = extract_document("pasted.txt".to_owned(), document, date, &lanes)
        .unwrap_or_else(|e| panic!("{e}"));
    ReaderState::new(extracted)
}

const TEXT: &str = "Gen. John Nicholson said Russia had been sending weapons and \
                    money to the Taliban in the last 18 to 24 months. Russia denied sending \
                    weapons or money to the Taliban.";

#[test]
fn ticked_drafts_become_own_events_with_calendar_times_and_confirmed_links() {
    let mut reader = report(TEXT);
    assert!(reader.drafts.len() >= 2, "{:#?}", reader.report.drafts);
    let denial = reader
        .drafts
        .iter()
        .position(|d| d.kind == EventKind::Denial)
        .unwrap_or_else(|| panic!("no denial: {:#?}", reader.report.drafts));
    assert!(!reader.drafts[denial].draft.links.is_empty());
    let notes = reader.to_notes();
    assert_eq!(notes.events.len(), reader.drafts.len());
    assert!(notes.links.is_empty(), "links wait for the analyst");
    for (_, e) in &notes.events {
        assert!(!e.time.contains("@{"), "{}", e.time);
        assert!(e.description.contains("pasted.txt"), "{}", e.description);
        assert!(e.description.contains("2018-03-23"), "{}", e.description);
    }
    reader.drafts[denial].confirmed_links[0] = true;
    let to = reader.drafts[denial].draft.links[0].to_draft;
    let notes = reader.to_notes();
    assert_eq!(notes.links.len(), 1);
    assert_eq!((notes.links[0].0, notes.links[0].1), (denial, to));
    // A link to a draft left out is not kept.
    reader.drafts[to].is_ticked = false;
    assert!(reader.to_notes().links.is_empty());
}

#[test]
fn a_time_that_does_not_read_is_shown_and_the_draft_is_refused() {
    let mut reader = report(TEXT);
    reader.drafts[0].set_time("in the spring".to_owned());
    assert!(reader.drafts[0].time_error.is_some());
    let notes = reader.to_notes();
    assert_eq!(notes.refused.len(), 1);
    assert!(notes.events.iter().all(|(i, _)| *i != 0));
    reader.drafts[0].set_time("2017-04".to_owned());
    assert_eq!(reader.drafts[0].time_error, None);
    assert!(reader.to_notes().refused.is_empty());
    // A date as people write it is taken, and kept in the notation.
    reader.drafts[0].set_time("10 April 2017".to_owned());
    assert_eq!(reader.drafts[0].time_error, None);
    let notes = reader.to_notes();
    assert!(notes.refused.is_empty());
    let kept = notes
        .events
        .iter()
        .find(|(i, _)| *i == 0)
        .map(|(_, e)| e.time.clone());
    assert_eq!(kept.as_deref(), Some("2017-04-10"));
}

#[test]
fn the_timeline_loads_back_with_the_ticked_events() {
    let mut reader = report(TEXT);
    for d in reader.drafts.iter_mut().skip(1) {
        d.is_ticked = false;
    }
    let (json, kept) = reader.timeline_json(&[]).unwrap_or_else(|e| panic!("{e}"));
    let dataset =
        crate::io::native::parse("drafts.json", &json).unwrap_or_else(|e| panic!("{e}\n{json}"));
    assert_eq!(dataset.events.len(), 1);
    assert_eq!(kept.events.len(), 1);
    assert_eq!(dataset.events.at(0).title(), reader.drafts[0].title);
    for d in &mut reader.drafts {
        d.is_ticked = false;
    }
    assert!(reader.timeline_json(&[]).is_err());
}

#[test]
fn reading_again_on_another_date_keeps_the_ticks_and_edits() {
    let mut old = report(TEXT);
    old.drafts[0].is_ticked = false;
    old.drafts[1].title = "Edited".to_owned();
    let mut new = report(TEXT);
    assert!(new.drafts[0].is_ticked);
    new.carry_edits_from(&old);
    assert!(!new.drafts[0].is_ticked);
    assert_eq!(new.drafts[1].title, "Edited");
    assert_eq!(new.drafts[0].title, old.drafts[0].draft.title);
    // Another text: nothing carried.
    let mut other = report("Russia denied on 3 March 2018 sending weapons to the Taliban.");
    let before = other.drafts.clone();
    other.carry_edits_from(&old);
    assert_eq!(other.drafts, before);
}

#[test]
fn paragraphs_are_the_lines_with_their_offsets() {
    let text = "ab\n\nçd\ne";
    let p = super::paragraphs(text);
    assert_eq!(p, vec![(0..2, 0), (3..3, 3), (4..7, 4), (8..9, 7)]);
    for (range, start_char) in &p {
        assert_eq!(text[..range.start].chars().count(), *start_char);
    }
}

#[test]
fn a_draft_in_no_lane_is_refused_with_why() {
    let mut reader = report(TEXT);
    for c in &mut reader.drafts[0].lanes {
        c.is_on = false;
    }
    let notes = reader.to_notes();
    assert!(notes.events.iter().all(|(i, _)| *i != 0));
    assert!(
        notes.refused.iter().any(|(_, why)| why.contains("no lane")),
        "{:?}",
        notes.refused
    );
}

#[test]
fn reports_are_known_by_their_extension() {
    assert!(is_report_file(std::path::Path::new("a/b.TXT")));
    assert!(is_report_file(std::path::Path::new("b.docx")));
    assert!(!is_report_file(std::path::Path::new("b.json")));
    assert!(!is_report_file(std::path::Path::new("b")));
}
