//! Who speaks: pronouns, inverted attribution, relative clauses, names taken whole, and the
//! words that are not speakers (openers, contractions, numbers, times, running text).

use chrono::NaiveDate;

use super::{dct, drafts, kinds_and_sources};
use crate::model::kinds::EventKind;

#[test]
fn she_refers_to_the_last_named_speaker_and_inverted_attribution_is_read() {
    let text = "Foreign Minister Anna Berg said the border would reopen. \"We expect trucks \
                within days,\" she added. \"It is not true,\" said Gen. Omar Haddad.";
    let all = drafts(
        text,
        &[],
        NaiveDate::from_ymd_opt(2020, 5, 1).unwrap_or_default(),
        &[],
    );
    let sources: Vec<Option<&str>> = all.iter().map(|d| d.source.as_deref()).collect();
    assert_eq!(
        sources,
        [
            Some("Minister Anna Berg"),
            Some("Minister Anna Berg"),
            Some("Gen. Omar Haddad")
        ]
    );
    assert_eq!(all[1].quote.text, "We expect trucks within days");
    assert_eq!(all[1].title, "Berg: We expect trucks within days");
    assert_eq!(all[0].time, "[..2020-05-01]");
}

#[test]
fn a_speaker_inside_a_relative_clause_is_not_prefixed_by_which() {
    let text = "The rifles, which officials said came from Iran, were seized at the port.";
    let all = drafts(text, &[], dct(), &[]);
    assert_eq!(all.len(), 1);
    assert_eq!(all[0].kind, EventKind::Claim);
    assert_eq!(all[0].source.as_deref(), Some("officials"));
}

#[test]
fn an_attribution_at_the_end_quotes_what_comes_before_it_without_the_dateline() {
    let text = "WASHINGTON, Oct. 4, 2019 — Defense Secretary Mark T. Esper met NATO Secretary \
                General Jens Stoltenberg on Thursday, a Pentagon spokesman said. Esper told \
                reporters that the alliance was strong. He added that spending rose.";
    let all = drafts(text, &[], dct(), &[]);
    let titles: Vec<&str> = all.iter().map(|d| d.title.as_str()).collect();
    assert_eq!(
        titles,
        [
            "Pentagon spokesman: Defense Secretary Mark T. Esper met NATO Secretary General…",
            "Esper told reporters that the alliance was strong",
            "Esper: spending rose",
        ]
    );
    let sources: Vec<Option<&str>> = all.iter().map(|d| d.source.as_deref()).collect();
    assert_eq!(
        sources,
        [
            Some("Pentagon spokesman"),
            Some("Secretary Mark T. Esper"),
            Some("Secretary Mark T. Esper")
        ]
    );
    assert!(all[0].quote.text.starts_with("WASHINGTON, Oct. 4, 2019"));
}

#[test]
fn a_capitalised_word_of_a_name_is_not_a_verb_and_the_name_is_taken_whole() {
    // "States" is a reporting verb in "the minister states that"; in "The United States" it is
    // the end of a name (seen on a State Department release: the speaker came out "United").
    let all = kinds_and_sources(
        "The United States remains united with our allies and partners. The United States \
         said the talks had failed. The G7 ministers of Canada, Japan, and the United States \
         of America reiterate their condemnation.",
    );
    assert!(
        all.iter().all(|(_, s)| s.as_deref() != Some("United")),
        "{all:?}"
    );
    assert!(
        all.iter()
            .any(|(k, s)| *k == EventKind::Claim && s.as_deref() == Some("United States")),
        "the name is taken whole: {all:?}"
    );
    // A headline in title case keeps its verb.
    let headline = kinds_and_sources("Russia Denies Arming the Taliban");
    assert_eq!(
        headline,
        [(EventKind::Denial, Some("Russia".to_owned()))],
        "{headline:?}"
    );
}

#[test]
fn contractions_and_sentence_openers_are_not_speakers() {
    // Seen on a State Department briefing: "I'll" and "What I'll" came out as speakers.
    let all = kinds_and_sources(
        "I’ll get to your questions, but I'll say that the talks failed. What I’ll say is that \
         we are prepared to make difficult decisions. As you heard me say yesterday, the \
         sanctions are working. If the ministry says it agrees, we will know.",
    );
    for (_, source) in &all {
        let source = source.as_deref().unwrap_or_default();
        for bad in ["I’ll", "I'll", "What", "you", "As", "If", "me"] {
            assert!(
                !source.split_whitespace().any(|w| w == bad),
                "{source:?} in {all:?}"
            );
        }
    }
    assert!(
        all.iter().any(|(_, s)| s.as_deref() == Some("ministry")),
        "the opener is dropped, the subject kept: {all:?}"
    );
    // In a transcript, "I" is the speaker its label names.
    let briefing = kinds_and_sources(
        "MR PRICE: What I’ll say is that Iran made a commitment to the UK. QUESTION: I said \
         that yesterday.",
    );
    assert_eq!(
        briefing.first().and_then(|(_, s)| s.as_deref()),
        Some("MR PRICE"),
        "{briefing:?}"
    );
    assert!(
        briefing
            .iter()
            .all(|(_, s)| s.as_deref() != Some("QUESTION")),
        "{briefing:?}"
    );
}

#[test]
fn numbers_times_and_running_text_are_not_speakers() {
    // Seen on the State Department briefing: "800 million", "yesterday", "emphasis on
    // sovereignty of all" and "for which the Secretary" came out as speakers.
    let all = kinds_and_sources(
        "We have provided $2 billion, and 800 million announced last week. The Ambassador, \
         Qin Gang, yesterday told CBS that the relationship is trusted. This is a refrain, the \
         emphasis on sovereignty of all states. It funds the mechanism, for which the Secretary \
         announced a contribution. Blinken did the same, echoing precisely what the President \
         had said the day before.",
    );
    let sources: Vec<&str> = all.iter().filter_map(|(_, s)| s.as_deref()).collect();
    for bad in [
        "800 million",
        "yesterday",
        "emphasis",
        "for which",
        "echoing",
    ] {
        assert!(
            sources.iter().all(|s| !s.contains(bad)),
            "{bad:?} in {sources:?}"
        );
    }
    assert!(sources.contains(&"Secretary"), "{sources:?}");
    assert!(sources.contains(&"President"), "{sources:?}");
}
