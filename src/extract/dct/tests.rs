//! The document-date finder on the ways news reports write their date.

use chrono::NaiveDate;

use super::{DateClue, document_date, find_document_date};
use crate::extract::text::{Document, DocumentFormat, MetadataDate};

/// The date found in `text` as `YYYY-MM-DD` and the reason in words.
fn found(text: &str) -> Option<(String, String)> {
    find_document_date(text).map(|(date, reason)| (date.to_string(), reason.to_string()))
}

#[test]
fn a_washington_dateline_is_taken_and_named() {
    assert_eq!(
        found("WASHINGTON, March 23, 2018 — The commander said on Friday…\nMore."),
        Some((
            "2018-03-23".to_owned(),
            "the dateline on line 1: 'March 23, 2018'".to_owned()
        ))
    );
}

#[test]
fn datelines_with_an_agency_or_day_first_dates_are_taken() {
    let cases = [
        (
            "KABUL, 23 March 2018 (Reuters) - Afghan officials said…",
            "2018-03-23",
        ),
        (
            "23 March 2018\nKABUL (Reuters) - Afghan officials said…",
            "2018-03-23",
        ),
        ("LONDON, Sept. 5, 2017: The minister said…", "2017-09-05"),
        ("2018-03-23 — Briefing notes", "2018-03-23"),
    ];
    for (text, want) in cases {
        let (date, reason) = find_document_date(text).unzip();
        assert_eq!(date.map(|d| d.to_string()).as_deref(), Some(want), "{text}");
        assert!(
            reason.is_some_and(|r| r.clue == DateClue::Dateline),
            "{text}"
        );
    }
}

#[test]
fn a_published_line_beats_an_updated_line_and_a_date_in_the_story() {
    let text = "Russia 'arming the Afghan Taliban', says US\n\
                Updated 24 March 2018\n\
                Published 23 March 2018\n\
                Talks were held on 1 January 2018 in Moscow.";
    assert_eq!(
        found(text),
        Some((
            "2018-03-23".to_owned(),
            "the \"Published\" line on line 3: '23 March 2018'".to_owned()
        ))
    );
    let updated_only = "Headline\nLast updated: March 24th, 2018 at 10:00\nStory.";
    let (date, reason) = find_document_date(updated_only).unzip();
    assert_eq!(date, NaiveDate::from_ymd_opt(2018, 3, 24));
    assert_eq!(
        reason.map(|r| r.clue),
        Some(DateClue::Labelled("Last updated".to_owned()))
    );
}

#[test]
fn a_posted_on_line_at_the_end_of_a_short_page_is_found() {
    let mut text = String::from("Headline\n");
    for i in 0..60 {
        text.push_str(&format!("Paragraph {i} without a date.\n"));
    }
    text.push_str("Posted on 2 April 2019 by the desk\n");
    assert_eq!(
        found(&text),
        Some((
            "2019-04-02".to_owned(),
            "the \"Posted on\" line on line 62: '2 April 2019'".to_owned()
        ))
    );
}

#[test]
fn a_date_in_the_first_lines_is_the_last_resort() {
    let text = "Briefing by the Department\nBy Jane Roe, March 4, 2016\nThe talks went on.";
    assert_eq!(
        found(text),
        Some((
            "2016-03-04".to_owned(),
            "the first date in the opening lines, on line 2: 'March 4, 2016'".to_owned()
        ))
    );
}

#[test]
fn no_full_date_means_no_date() {
    // The seed report has none; month-only and year-less dates are not enough; a date deep in
    // the story is not the report's; an impossible day is not a date.
    let seed = "The Taliban is seeking to show itself…\nGen. John Nicholson said that Russia…";
    assert_eq!(found(seed), None);
    assert_eq!(
        found("KABUL, March 23 (Reuters) - Officials said in March 2018…"),
        None
    );
    let mut deep = "A line.\n".repeat(10);
    deep.push_str("The talks began on 1 January 2018.\n");
    assert_eq!(found(&deep), None);
    assert_eq!(found("WASHINGTON, February 30, 2018 — x"), None);
}

#[test]
fn metadata_is_used_when_the_text_gives_no_date() {
    let mut document = Document {
        text: "A headline\nA story without a date.".to_owned(),
        format: DocumentFormat::Html,
        warnings: Vec::new(),
        metadata_date: NaiveDate::from_ymd_opt(2018, 3, 23).map(|date| MetadataDate {
            date,
            found_in: "the page's \"article:published_time\" (2018-03-23T10:00Z)".to_owned(),
        }),
    };
    let (date, reason) = document_date(&document).unzip();
    assert_eq!(date, NaiveDate::from_ymd_opt(2018, 3, 23));
    assert_eq!(
        reason.map(|r| r.to_string()).as_deref(),
        Some("the page's \"article:published_time\" (2018-03-23T10:00Z)")
    );
    // A date the reader sees wins over metadata.
    document.text = "WASHINGTON, March 22, 2018 — A story.".to_owned();
    assert_eq!(
        document_date(&document).map(|(d, _)| d),
        NaiveDate::from_ymd_opt(2018, 3, 22)
    );
}

#[test]
fn markdown_front_matter_gives_its_date_line() {
    let (date, reason) = find_document_date("date: 2018-03-23\ntitle: A report\nText.").unzip();
    assert_eq!(date, NaiveDate::from_ymd_opt(2018, 3, 23));
    assert_eq!(
        reason.map(|r| r.clue),
        Some(DateClue::Labelled("date".to_owned()))
    );
}
