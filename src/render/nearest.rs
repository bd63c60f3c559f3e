//! The few names nearest to one the user mistyped (`--lanes RUSIA`), for an error that helps
//! instead of listing all 506 lanes: names that contain it (or it them) first, then by edit
//! distance, case ignored.

/// At most this many names are suggested.
pub const SUGGESTIONS: usize = 5;

/// The names of `candidates` nearest to `typed`, best first, at most [`SUGGESTIONS`].
pub fn nearest<'a>(typed: &str, candidates: impl IntoIterator<Item = &'a str>) -> Vec<&'a str> {
    let typed_lower = typed.to_lowercase();
    let mut scored: Vec<(usize, &str)> = candidates
        .into_iter()
        .map(|name| {
            let lower = name.to_lowercase();
            let is_part = !typed_lower.is_empty()
                && (lower.contains(&typed_lower) || typed_lower.contains(&lower));
            let distance = edit_distance(&typed_lower, &lower);
            (if is_part { 0 } else { 1 + distance }, name)
        })
        .collect();
    scored.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.cmp(b.1)));
    scored.dedup_by(|a, b| a.1 == b.1);
    scored
        .into_iter()
        .take(SUGGESTIONS)
        .map(|(_, name)| name)
        .collect()
}

/// The number of one-character insertions, deletions and substitutions from `a` to `b`.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut current = vec![i + 1; b.len() + 1];
        for (j, &cb) in b.iter().enumerate() {
            let substitution = previous[j] + usize::from(ca != cb);
            current[j + 1] = substitution.min(previous[j + 1] + 1).min(current[j] + 1);
        }
        previous = current;
    }
    previous[b.len()]
}

/// The error's tail: `the nearest are A, B, C (of 506)`.
pub fn nearest_words(typed: &str, candidates: &[&str]) -> String {
    let near = nearest(typed, candidates.iter().copied());
    if candidates.len() <= near.len() {
        format!("expected one of {}", near.join(", "))
    } else {
        format!(
            "the nearest are {} (of {})",
            near.join(", "),
            candidates.len()
        )
    }
}

#[cfg(test)]
mod tests {
    use super::{SUGGESTIONS, edit_distance, nearest, nearest_words};

    #[test]
    fn a_mistyped_lane_names_the_few_nearest() {
        let mut lanes: Vec<String> = (0..500).map(|i| format!("LANE{i:03}")).collect();
        lanes.extend(["RUSSIA", "RUSSIAN FEDERATION", "BELARUS", "PRUSSIA"].map(String::from));
        let names: Vec<&str> = lanes.iter().map(String::as_str).collect();
        let near = nearest("russia", names.iter().copied());
        assert_eq!(near[..3], ["PRUSSIA", "RUSSIA", "RUSSIAN FEDERATION"]);
        assert!(near.len() <= SUGGESTIONS);
        assert_eq!(nearest("RUSIA", names.iter().copied())[0], "RUSSIA");
        let words = nearest_words("RUSIA", &names);
        assert!(words.starts_with("the nearest are RUSSIA"), "{words}");
        assert!(words.ends_with("(of 504)"), "{words}");
        assert_eq!(nearest_words("x", &["a", "b"]), "expected one of a, b");
        assert_eq!(edit_distance("kitten", "sitting"), 3);
    }
}
