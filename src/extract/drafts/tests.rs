//! The drafts on the seed report (tests/fixtures/article.txt, DCT 2018-03-23) against the
//! bundled dataset made from it by hand (data/russia-taliban-2018.json), and the pieces on small
//! texts.

use chrono::NaiveDate;

use super::{Draft, drafts, on_calendar};
use crate::extract::timex_input::{TimexSpan, TimexType};
use crate::model::date::TimeSpec;
use crate::model::kinds::{EventKind, LinkKind};

mod speakers;
mod text;

type TestResult = Result<(), Box<dyn std::error::Error>>;

const ARTICLE: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/article.txt"
));
const DATASET: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/data/russia-taliban-2018.json"
));

fn dct() -> NaiveDate {
    NaiveDate::from_ymd_opt(2018, 3, 23).unwrap_or_default()
}

/// A temporal expression made by hand at the first place `words` occur in `text`.
fn timex(
    text: &str,
    words: &str,
    timex_type: TimexType,
    value: &str,
    time: Option<&str>,
) -> Option<TimexSpan> {
    let start = text.find(words)?;
    Some(TimexSpan {
        start_byte: start,
        end_byte: start + words.len(),
        text: words.to_owned(),
        timex_type,
        value: value.to_owned(),
        swimline_time: time.map(str::to_owned),
    })
}

/// The seed report's expressions, as a tagger following the conventions gives them.
fn seed_timexes() -> Vec<TimexSpan> {
    [timex(
        ARTICLE,
        "the last 18 to 24 months",
        TimexType::Duration,
        "P24M",
        Some("@{dct}-P24M..-P18M"),
    )]
    .into_iter()
    .flatten()
    .collect()
}

/// The dataset's lanes as `(id, name)`.
fn dataset_lanes() -> Result<Vec<(String, String)>, Box<dyn std::error::Error>> {
    let dataset: serde_json::Value = serde_json::from_str(DATASET)?;
    let actors = dataset["actors"].as_array().ok_or("no actors")?;
    Ok(actors
        .iter()
        .filter_map(|a| Some((a["id"].as_str()?.to_owned(), a["name"].as_str()?.to_owned())))
        .collect())
}

/// The seed report's drafts, with the dataset's lanes known.
fn seed_drafts() -> Result<Vec<Draft>, Box<dyn std::error::Error>> {
    Ok(drafts(ARTICLE, &seed_timexes(), dct(), &dataset_lanes()?))
}

/// The draft whose quote or sentence holds `words`, of `kind`.
fn find<'d>(all: &'d [Draft], words: &str, kind: EventKind) -> Result<&'d Draft, String> {
    all.iter()
        .find(|d| d.kind == kind && d.quote.text.contains(words))
        .ok_or_else(|| {
            let listing: Vec<String> = all
                .iter()
                .map(|d| format!("{} | {:?} | {:?} | {}", d.kind, d.source, d.time, d.title))
                .collect();
            format!("no {kind} quoting {words:?} among:\n{}", listing.join("\n"))
        })
}

fn lane_ids(draft: &Draft) -> Vec<&str> {
    draft
        .actors
        .iter()
        .filter_map(|a| a.lane_id.as_deref())
        .collect()
}

#[test]
fn the_activity_that_picked_up_is_dated_against_the_interview() -> TestResult {
    let all = seed_drafts()?;
    let draft = find(
        &all,
        "picked up in the last 18 to 24 months",
        EventKind::Claim,
    )?;
    assert_eq!(draft.time, "@{dct}-P24M..-P18M");
    assert_eq!(
        draft.time_on_calendar.as_deref(),
        Some("[2016-03-23..2016-09-23]")
    );
    assert_eq!(
        draft.time_words.as_ref().map(|w| w.text.as_str()),
        Some("the last 18 to 24 months")
    );
    assert_eq!(draft.source.as_deref(), Some("Gen. John Nicholson"));
    assert_eq!(
        draft.title,
        "Nicholson: This activity really picked up in the last 18 to 24 months"
    );
    Ok(())
}

#[test]
fn nicholsons_claims_are_claims_with_him_as_the_source_also_when_he_added() -> TestResult {
    let all = seed_drafts()?;
    for words in [
        "Russia was backing the Taliban and also providing weapons",
        "We see a narrative",
        "This narrative then is used as a justification",
        // The three sentences of the quotation closed by "he added".
        "We've had stories written by the Taliban",
        "We've had weapons brought to this headquarters",
        "We know that the Russians are involved",
        "Russian military exercises held on the Afghan border",
        // "He says …": the pronoun is Nicholson.
        "He says the weapons are then smuggled",
        "Prior to that we had not seen",
        // The quotation's last sentence, attributed in the same sentence at length.
        "So it's interesting to note the timing",
    ] {
        let draft = find(&all, words, EventKind::Claim)?;
        assert_eq!(
            draft.source.as_deref(),
            Some("Gen. John Nicholson"),
            "{words}"
        );
        assert!(
            lane_ids(draft).contains(&"us-forces"),
            "{words}: {:?}",
            draft.actors
        );
        assert_eq!(draft.time, "[..2018-03-23]", "{words}");
    }
    let told = find(&all, "We see a narrative", EventKind::Claim)?;
    assert_eq!(told.outlet.as_deref(), Some("BBC News"));
    assert!(
        told.title.starts_with("Nicholson: We see a narrative"),
        "{}",
        told.title
    );
    let first = find(&all, "Russia was backing the Taliban", EventKind::Claim)?;
    assert_eq!(
        lane_ids(first),
        ["us-forces", "russia", "taliban"],
        "{:?}",
        first.actors
    );
    let says = find(&all, "He says the weapons", EventKind::Claim)?;
    assert_eq!(
        says.title,
        "Nicholson says the weapons are then smuggled into Afghanistan to support the…"
    );
    Ok(())
}

#[test]
fn the_aid_suspension_is_an_action_of_the_us_president() -> TestResult {
    let all = seed_drafts()?;
    let draft = find(
        &all,
        "suspended security aid to Pakistan",
        EventKind::Action,
    )?;
    assert_eq!(
        draft.title,
        "U.S. President Donald Trump suspended security aid to Pakistan"
    );
    assert_eq!(draft.source, None);
    assert_eq!(
        draft.subject.as_deref(),
        Some("U.S. President Donald Trump")
    );
    // Afghanistan, named in the quoted tweet, comes after, matched to the lane "afghan".
    assert_eq!(
        lane_ids(draft),
        ["us-president", "pakistan", "afghan"],
        "{:?}",
        draft.actors
    );
    assert!(draft.actors.iter().all(|a| !a.is_new), "{:?}", draft.actors);
    // With no dataset open, the same words propose new lanes: the country and the man.
    let bare = drafts(ARTICLE, &seed_timexes(), dct(), &[]);
    let draft = find(
        &bare,
        "suspended security aid to Pakistan",
        EventKind::Action,
    )?;
    let names: Vec<&str> = draft.actors.iter().map(|a| a.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "United States",
            "President Donald Trump",
            "Pakistan",
            "Afghanistan"
        ]
    );
    assert!(draft.actors.iter().all(|a| a.is_new && a.lane_id.is_none()));
    Ok(())
}

#[test]
fn russias_denial_proposes_links_to_the_claims_about_weapons_and_funding() -> TestResult {
    let all = seed_drafts()?;
    let denial = find(
        &all,
        "denied providing weapons or funding",
        EventKind::Denial,
    )?;
    assert_eq!(denial.source.as_deref(), Some("Russia"));
    assert_eq!(
        denial.title,
        "Russia denied providing weapons or funding to the Taliban"
    );
    assert_eq!(lane_ids(denial), ["russia", "taliban"]);
    let linked: Vec<&str> = denial
        .links
        .iter()
        .map(|l| all[l.to_draft].quote.text.as_str())
        .collect();
    for words in [
        "providing weapons smuggled through the Tajik border",
        "financial support provided by the enemy",
        "weapons brought to this headquarters",
        "weapons are then smuggled",
        "among the weapons provided by Russia",
    ] {
        assert!(
            linked.iter().any(|q| q.contains(words)),
            "{words} not in {linked:#?}"
        );
    }
    for link in &denial.links {
        assert_eq!(link.kind, LinkKind::Denies);
        assert!(link.score > 0.0 && link.score <= 1.0);
        assert_eq!(all[link.to_draft].kind, EventKind::Claim);
    }
    // The claim that names weapons, funding's kin and providing comes first.
    let best = denial.links.first().ok_or("no links")?;
    assert!(best.shared_words.len() >= 2, "{:?}", denial.links);
    // The activity claim shares nothing with the denial.
    let activity = all
        .iter()
        .position(|d| d.quote.text.contains("picked up"))
        .ok_or("no activity")?;
    assert!(denial.links.iter().all(|l| l.to_draft != activity));
    Ok(())
}

#[test]
fn moscows_admitted_talks_are_a_statement() -> TestResult {
    let all = seed_drafts()?;
    let draft = find(
        &all,
        "Moscow has admitted to holding talks",
        EventKind::Statement,
    )?;
    assert_eq!(
        draft.title,
        "Moscow admitted to holding talks with the group"
    );
    assert_eq!(draft.source.as_deref(), Some("Moscow"));
    assert_eq!(lane_ids(draft), ["russia"]);
    assert_eq!(draft.time, "[..2018-03-23]");
    assert!(draft.links.is_empty());
    Ok(())
}

#[test]
fn every_draft_has_a_readable_time_true_offsets_and_a_short_title() -> TestResult {
    let all = seed_drafts()?;
    assert!(all.len() >= 12, "{} drafts", all.len());
    for draft in &all {
        assert!(draft.time.parse::<TimeSpec>().is_ok(), "{}", draft.time);
        let calendar = draft
            .time_on_calendar
            .as_deref()
            .ok_or("no calendar time")?;
        assert!(calendar.parse::<TimeSpec>().is_ok(), "{calendar}");
        assert!(
            draft.title.chars().count() <= super::MAX_TITLE_CHARS,
            "{}",
            draft.title
        );
        for span in [&draft.quote, &draft.sentence] {
            assert_eq!(
                ARTICLE.get(span.start_byte..span.end_byte),
                Some(span.text.as_str())
            );
            let by_chars: String = ARTICLE
                .chars()
                .skip(span.start_char)
                .take(span.end_char - span.start_char)
                .collect();
            assert_eq!(by_chars, span.text);
        }
        assert!(draft.sentence.text.contains(&draft.quote.text));
    }
    Ok(())
}

/// The words of a quote, lower case, for overlap.
fn quote_words(text: &str) -> std::collections::BTreeSet<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.len() > 2)
        .map(str::to_lowercase)
        .collect()
}

#[test]
fn the_drafts_find_the_datasets_claims_denial_statements_and_action() -> TestResult {
    let dataset: serde_json::Value = serde_json::from_str(DATASET)?;
    let lanes = dataset_lanes()?;
    let all = seed_drafts()?;
    let events = dataset["events"].as_array().ok_or("no events")?;
    let mut matched: Vec<(String, usize)> = Vec::new();
    let mut report = Vec::new();
    for event in events {
        let id = event["id"].as_str().unwrap_or_default();
        let kind = event["kind"].as_str().unwrap_or_default();
        let quote = event["source"]["quote"].as_str().unwrap_or_default();
        let by = event["source"]["by"].as_str();
        let want = quote_words(quote);
        let best = all
            .iter()
            .enumerate()
            .filter(|(_, d)| d.kind.name() == kind)
            .filter(|(_, d)| match (by, d.source.as_deref()) {
                (None, _) => true,
                (Some(by), Some(source)) => {
                    let lane_named_by = lanes.iter().any(|(lane_id, name)| {
                        name == by
                            && d.actors
                                .iter()
                                .any(|a| a.lane_id.as_deref() == Some(lane_id))
                    });
                    by == source
                        || lane_named_by
                        || by.to_lowercase().ends_with(&source.to_lowercase())
                }
                (Some(_), None) => false,
            })
            .map(|(i, d)| {
                let got = quote_words(&d.quote.text);
                let shared = want.intersection(&got).count();
                (i, shared as f64 / want.len().min(got.len()).max(1) as f64)
            })
            .max_by(|a, b| a.1.total_cmp(&b.1));
        let line = match best {
            Some((index, overlap)) if overlap >= 0.5 => {
                matched.push((id.to_owned(), index));
                format!("{id:28} {kind:9} matched draft {index} ({overlap:.2})")
            }
            _ => format!("{id:28} {kind:9} not matched"),
        };
        report.push(line);
    }
    let report = report.join("\n");
    for required in [
        "activity-picks-up",
        "nicholson-accuses",
        "isis-narrative",
        "tajik-exercises",
        "weapons-smuggled",
        "weapons-handed-over",
        "taliban-financial-stories",
        "afghan-officials-weapons",
        "aid-suspended",
        "analysts-aligned-interests",
        "russia-denies",
        "moscow-talks",
    ] {
        assert!(
            matched.iter().any(|(id, _)| id == required),
            "{required} missing:\n{report}"
        );
    }
    // Of the dataset's five `denies` links, the denial's proposals hold every one.
    let draft_of = |id: &str| matched.iter().find(|(m, _)| m == id).map(|(_, i)| *i);
    let denial = draft_of("russia-denies").ok_or("no denial")?;
    let links = dataset["links"].as_array().ok_or("no links")?;
    for link in links.iter().filter(|l| l["kind"] == "denies") {
        let to = link["to"].as_str().unwrap_or_default();
        let target = draft_of(to).ok_or(format!("{to} not matched:\n{report}"))?;
        assert!(
            all[denial].links.iter().any(|l| l.to_draft == target),
            "no proposed link to {to}: {:?}",
            all[denial].links
        );
    }
    Ok(())
}

#[test]
fn a_dated_action_takes_its_time_and_a_denial_links_only_to_what_it_denies() {
    let text = "Iran said it shipped rockets to the rebels. Iran also said it held talks in Oman. \
                Rebels seized the port on 4 May. Iran denied shipping rockets.";
    let on_4_may = timex(
        text,
        "4 May",
        TimexType::Date,
        "2020-05-04",
        Some("2020-05-04"),
    );
    let all = drafts(
        text,
        &on_4_may.into_iter().collect::<Vec<_>>(),
        NaiveDate::from_ymd_opt(2020, 5, 10).unwrap_or_default(),
        &[("iran".to_owned(), "Iran".to_owned())],
    );
    let kinds: Vec<EventKind> = all.iter().map(|d| d.kind).collect();
    assert_eq!(
        kinds,
        [
            EventKind::Claim,
            EventKind::Claim,
            EventKind::Action,
            EventKind::Denial
        ]
    );
    assert_eq!(all[2].time, "2020-05-04");
    assert_eq!(all[2].title, "Rebels seized the port on 4 May");
    let targets: Vec<usize> = all[3].links.iter().map(|l| l.to_draft).collect();
    assert_eq!(targets, [0]);
    assert_eq!(all[3].actors[0].lane_id.as_deref(), Some("iran"));
}

#[test]
fn relative_times_are_written_on_the_calendar() {
    let day = dct();
    assert_eq!(
        on_calendar("@{dct}-P24M..-P18M", day).as_deref(),
        Some("[2016-03-23..2016-09-23]")
    );
    assert_eq!(
        on_calendar("@{dct}-P2Y/@{dct}", day).as_deref(),
        Some("2016-03-23/2018-03-23")
    );
    assert_eq!(
        on_calendar("@{dct}+P2W", day).as_deref(),
        Some("2018-04-06")
    );
    assert_eq!(
        on_calendar("[..2018-03-23]", day).as_deref(),
        Some("[..2018-03-23]")
    );
    assert_eq!(on_calendar("@{dct}-PT3H", day), None);
    assert_eq!(
        on_calendar("@{other}-P1D", day).as_deref(),
        Some("@{other}-P1D")
    );
}

#[test]
fn a_long_report_gives_the_same_drafts_at_every_repeat_with_true_char_offsets() -> TestResult {
    let repeats = 40;
    let text = format!("{ARTICLE}\n").repeat(repeats);
    let one = seed_drafts()?.len();
    let all = drafts(&text, &[], dct(), &dataset_lanes()?);
    assert_eq!(all.len(), one * repeats);
    for (i, draft) in all.iter().enumerate().step_by(7) {
        let span = &draft.quote;
        assert_eq!(
            text.get(span.start_byte..span.end_byte),
            Some(span.text.as_str()),
            "{i}"
        );
        let chars_before = text[..span.start_byte].chars().count();
        assert_eq!(span.start_char, chars_before, "draft {i}");
        assert_eq!(span.end_char - span.start_char, span.text.chars().count());
    }
    Ok(())
}

/// The drafts of `text` (no time expressions, no lanes), each as `(kind, source)`.
fn kinds_and_sources(text: &str) -> Vec<(EventKind, Option<String>)> {
    drafts(
        text,
        &[],
        NaiveDate::from_ymd_opt(2022, 3, 21).unwrap_or_default(),
        &[],
    )
    .into_iter()
    .map(|d| (d.kind, d.source))
    .collect()
}
