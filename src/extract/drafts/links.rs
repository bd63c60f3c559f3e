//! Which earlier claims a denial answers, by the content words they share: "denied providing
//! weapons or funding" shares `supply` and `weapon` with "providing weapons smuggled through
//! the Tajik border" and `fund` with "financial support provided by the enemy". Words are
//! folded to a few concepts (funding ~ financial ~ money) and crude stems; names are left out
//! (nearly every claim in a report names the same actors). Proposals only: the analyst confirms.

use std::collections::BTreeSet;

use super::words::{CONCEPTS, STOPWORDS};

/// The lowest share of a denial's content words a claim must touch to be proposed.
pub(super) const MIN_LINK_SCORE: f64 = 0.25;

/// The content words of a text, folded to concepts or stems, names left out.
pub(super) fn content_words(text: &str) -> BTreeSet<String> {
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
pub(super) fn overlap(denial: &BTreeSet<String>, claim: &BTreeSet<String>) -> (f64, Vec<String>) {
    let shared: Vec<String> = denial.intersection(claim).cloned().collect();
    if denial.is_empty() {
        return (0.0, shared);
    }
    (shared.len() as f64 / denial.len() as f64, shared)
}
