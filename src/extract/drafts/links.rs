//! Which earlier claims a denial answers, by the content words they share: "denied providing
//! weapons or funding" shares `supply` and `weapon` with "providing weapons smuggled through
//! the Tajik border" and `fund` with "financial support provided by the enemy". Words are
//! folded to a few concepts (funding ~ financial ~ money) and crude stems; names are left out
//! (nearly every claim in a report names the same actors). Proposals only: the analyst confirms.

use std::collections::BTreeSet;
use std::ops::Range;

use super::words::{CONCEPTS, STOPWORDS};
use super::{Draft, ProposedLink};
use crate::model::kinds::{EventKind, LinkKind};

/// The lowest share of a denial's content words a claim must touch to be proposed.
const MIN_LINK_SCORE: f64 = 0.25;

/// How many drafts before a denial are looked at for the claims it answers (a report's denial
/// answers claims of the same report; this bounds the work on a book-length text).
const MAX_CLAIMS_BEFORE_DENIAL: usize = 500;

/// The content words of a text, folded to concepts or stems, names left out.
fn content_words(text: &str) -> BTreeSet<String> {
    text.split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’'))
        .filter(|w| w.chars().next().is_some_and(char::is_lowercase))
        .map(|w| {
            w.trim_end_matches("'s")
                .trim_end_matches("’s")
                .to_lowercase()
        })
        .filter(|w| w.len() > 2 && !STOPWORDS.contains(&w.as_str()))
        .map(|w| fold(&w))
        .collect()
}

/// A word's concept, or a crude stem: `providing` → `supply`, `smuggled` → `smuggl`.
fn fold(word: &str) -> String {
    if let Some((concept, _)) = CONCEPTS.iter().find(|(_, forms)| forms.contains(&word)) {
        return (*concept).to_owned();
    }
    for suffix in ["ing", "ed", "es", "s"] {
        if let Some(stem) = word.strip_suffix(suffix)
            && stem.len() >= 4
            && !stem.ends_with('s')
        {
            return stem.to_owned();
        }
    }
    word.to_owned()
}

/// How much of a denial's content a claim shares (the share of the denial's words it touches,
/// 0 to 1) and the shared words.
fn overlap(denial: &BTreeSet<String>, claim: &BTreeSet<String>) -> (f64, Vec<String>) {
    let shared: Vec<String> = denial.intersection(claim).cloned().collect();
    if denial.is_empty() {
        return (0.0, shared);
    }
    (shared.len() as f64 / denial.len() as f64, shared)
}

/// Proposes, for each denial among `drafts`, links to the earlier claims sharing its content
/// words; `contents` holds each draft's content (what was said or done) in `text`.
pub(super) fn propose_denial_links(text: &str, drafts: &mut [Draft], contents: &[Range<usize>]) {
    let words: Vec<_> = contents
        .iter()
        .map(|range| content_words(&text[range.clone()]))
        .collect();
    let mut proposals: Vec<(usize, ProposedLink)> = Vec::new();
    for (d, draft) in drafts.iter().enumerate() {
        if draft.kind != EventKind::Denial {
            continue;
        }
        let nearest = d.saturating_sub(MAX_CLAIMS_BEFORE_DENIAL);
        for (c, claim) in drafts.iter().enumerate().take(d).skip(nearest) {
            if claim.kind != EventKind::Claim {
                continue;
            }
            let (score, shared_words) = overlap(&words[d], &words[c]);
            if !shared_words.is_empty() && score >= MIN_LINK_SCORE {
                proposals.push((
                    d,
                    ProposedLink {
                        to_draft: c,
                        kind: LinkKind::Denies,
                        score,
                        shared_words,
                    },
                ));
            }
        }
    }
    for (d, link) in proposals {
        if let Some(draft) = drafts.get_mut(d) {
            draft.links.push(link);
        }
    }
    for draft in drafts.iter_mut() {
        draft.links.sort_by(|a, b| {
            b.score
                .total_cmp(&a.score)
                .then(a.to_draft.cmp(&b.to_draft))
        });
    }
}
