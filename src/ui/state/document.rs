//! The document: a loaded dataset with what the loading thread derives from it (lane index,
//! overview histogram, tag counts), so that the UI thread never indexes a million events. No
//! egui.

use crate::io::Loaded;
use crate::layout::TimelineIndex;
use crate::layout::histogram::Overview;

/// A loaded dataset with what the loading thread derived from it, so that the UI thread does
/// not stall a frame indexing a million events.
#[derive(Debug)]
pub struct Prepared {
    /// The dataset and where it came from.
    pub loaded: Loaded,
    /// Its lanes, indexed.
    pub index: TimelineIndex,
    /// Its density histogram for the overview strip.
    pub overview: Overview,
    /// Its tags with the number of events carrying each, most used first.
    pub tags: Vec<(String, usize)>,
    /// How many of its events have no tag.
    pub untagged: usize,
}

impl Prepared {
    /// Indexes `loaded`.
    pub fn of(loaded: Loaded) -> Self {
        let mut counts: rustc_hash::FxHashMap<&str, usize> = rustc_hash::FxHashMap::default();
        let mut untagged = 0;
        for event in loaded.dataset.events.iter() {
            untagged += usize::from(event.tags().is_empty());
            for tag in event.tags() {
                *counts.entry(tag.as_str()).or_default() += 1;
            }
        }
        let mut tags: Vec<(String, usize)> =
            counts.into_iter().map(|(t, n)| (t.to_owned(), n)).collect();
        tags.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        Self {
            index: TimelineIndex::build(&loaded.dataset),
            overview: Overview::of(&loaded.dataset),
            tags,
            untagged,
            loaded,
        }
    }
}
