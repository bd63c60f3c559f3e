//! The text around the drafts: sentences and paragraphs, titles cut at a word, two dates as one
//! range, and text no input can make panic.

use super::super::span::shorten;
use super::super::{drafts, sentences};
use super::{dct, timex};
use crate::extract::timex_input::{TimexSpan, TimexType};
use crate::model::date::TimeSpec;

#[test]
fn sentences_keep_titles_abbreviations_and_quotations_together() {
    let text = "Gen. John Nicholson met Mr. Smith in the U.S. on Friday. \"We know. We saw it,\" he \
                added. John F. Kennedy spoke. It rose 3.5 percent!\nA second paragraph";
    let layout = sentences::layout(text);
    let got: Vec<&str> = layout.sentences.iter().map(|r| &text[r.clone()]).collect();
    assert_eq!(
        got,
        [
            "Gen. John Nicholson met Mr. Smith in the U.S. on Friday.",
            "\"We know.",
            "We saw it,\" he added.",
            "John F. Kennedy spoke.",
            "It rose 3.5 percent!",
            "A second paragraph",
        ]
    );
    let quoted: Vec<&str> = layout
        .quotations
        .iter()
        .map(|q| &text[q.inner.clone()])
        .collect();
    assert_eq!(quoted, ["We know. We saw it,"]);
}

#[test]
fn hard_wrapped_lines_join_their_paragraph() {
    let text = "Officials said the talks\nwere held in Doha.\nThe next day came.";
    let layout = sentences::layout(text);
    let got: Vec<&str> = layout.sentences.iter().map(|r| &text[r.clone()]).collect();
    assert_eq!(
        got,
        [
            "Officials said the talks\nwere held in Doha.",
            "The next day came."
        ]
    );
}

#[test]
fn titles_are_cut_at_a_word_boundary() {
    let long = "Russian military exercises held on the Afghan border with Tajikistan are a guise \
                used to bring in large amounts of equipment";
    let short = shorten(long, 80);
    assert_eq!(
        short,
        "Russian military exercises held on the Afghan border with Tajikistan are a…"
    );
    assert!(short.chars().count() <= 80);
    assert_eq!(shorten("Short  title", 80), "Short title");
}

#[test]
fn character_soup_and_bad_expressions_never_panic() {
    let pieces = [
        "Gen.",
        " ",
        "\"",
        "“",
        "”",
        "said",
        "denied",
        "he",
        "added",
        ".",
        ",",
        "U.S.",
        "Moscow",
        "\n",
        "é",
        "—",
        "suspended",
        "Mr.",
        "?",
        "!",
        "that",
        "Russia",
        "…",
        "'",
        ";",
        "ß",
        "Taliban",
        "although",
        "(",
        ")",
        "1",
        "🙂",
        "told",
        "BBC News",
    ];
    let mut state: u32 = 0x2545_f491;
    let mut next = || {
        state ^= state << 13;
        state ^= state >> 17;
        state ^= state << 5;
        state as usize
    };
    for round in 0..300 {
        let length = next() % 80;
        let text: String = (0..length).map(|_| pieces[next() % pieces.len()]).collect();
        // Expressions at arbitrary byte offsets, some past the end or inside a character.
        let timexes: Vec<TimexSpan> = (0..3)
            .map(|_| {
                let a = next() % (text.len() + 5);
                let b = a + next() % 10;
                TimexSpan {
                    start_byte: a,
                    end_byte: b,
                    text: String::new(),
                    timex_type: TimexType::Date,
                    value: "2018".to_owned(),
                    swimline_time: Some(
                        if round % 2 == 0 { "2018" } else { "not a time" }.to_owned(),
                    ),
                }
            })
            .collect();
        let lanes = [("russia".to_owned(), "Russia".to_owned())];
        for draft in drafts(&text, &timexes, dct(), &lanes) {
            assert_eq!(
                text.get(draft.quote.start_byte..draft.quote.end_byte),
                Some(draft.quote.text.as_str())
            );
            assert!(draft.time.parse::<TimeSpec>().is_ok(), "{}", draft.time);
            if let Some(words) = &draft.time_words {
                assert_eq!(
                    text.get(words.start_byte..words.end_byte),
                    Some(words.text.as_str())
                );
            }
        }
    }
}

#[test]
fn two_dates_written_as_a_range_are_one_interval() {
    // Seen on a State Department release read from .docx: "Between May and September 2017"
    // gave the draft the time 2017-05, as if it had all happened in May.
    let text = "Between May and September 2017, the group hacked a refinery. From 2015 to 2016 \
                the office was closed. In May and in September 2018 talks were held.";
    let spans: Vec<TimexSpan> = [
        timex(text, "May", TimexType::Date, "2017-05", Some("2017-05")),
        timex(
            text,
            "September 2017",
            TimexType::Date,
            "2017-09",
            Some("2017-09"),
        ),
        timex(text, "2015", TimexType::Date, "2015", Some("2015")),
        timex(text, "2016", TimexType::Date, "2016", Some("2016")),
        text.rfind("May").map(|at| TimexSpan {
            start_byte: at,
            end_byte: at + 3,
            text: "May".to_owned(),
            timex_type: TimexType::Date,
            value: "2018-05".to_owned(),
            swimline_time: Some("2018-05".to_owned()),
        }),
        timex(
            text,
            "September 2018",
            TimexType::Date,
            "2018-09",
            Some("2018-09"),
        ),
    ]
    .into_iter()
    .flatten()
    .collect();
    let all = drafts(text, &spans, dct(), &[]);
    let times: Vec<&str> = all.iter().map(|d| d.time.as_str()).collect();
    assert_eq!(
        times,
        ["2017-05/2017-09", "2015/2016", "2018-05"],
        "{all:?}"
    );
    let words = all[0].time_words.as_ref().map(|w| w.text.as_str());
    assert_eq!(words, Some("May and September 2017"));
}
