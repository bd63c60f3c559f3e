//! Ids in bulk: the events whose id an earlier one has (renamed for formats whose ids are made
//! up), and the first event of each id asked for. Both read the ids' kept hashes in one pass or
//! one sort, on two threads for a large store.

use super::{EventsDraft, id_hash};

/// From this many events on, ids are looked for on two threads.
const PARALLEL_IDS: usize = 1 << 20;

impl EventsDraft {
    /// The index of the first event with each of `wanted` ids (those no event has are left
    /// out): one pass over the events, looking each id up among the wanted ones.
    pub fn find_ids<'w>(
        &self,
        wanted: impl IntoIterator<Item = &'w str>,
    ) -> rustc_hash::FxHashMap<&'w str, usize> {
        self.find_ids_split(wanted, self.id_hashes.len() >= PARALLEL_IDS)
    }

    /// [`Self::find_ids`], on two threads when `split`.
    fn find_ids_split<'w>(
        &self,
        wanted: impl IntoIterator<Item = &'w str>,
        split: bool,
    ) -> rustc_hash::FxHashMap<&'w str, usize> {
        // Each id wanted, once, with its slot.
        let mut slot_of: rustc_hash::FxHashMap<&'w str, u32> = Default::default();
        let mut ids: Vec<&'w str> = Vec::new();
        for id in wanted {
            slot_of.entry(id).or_insert_with(|| {
                ids.push(id);
                (ids.len() - 1) as u32
            });
        }
        if ids.is_empty() {
            return rustc_hash::FxHashMap::default();
        }
        // The scan reads the kept hashes in order; an id's text is looked at only when its
        // hash is one of those wanted.
        let hashes: rustc_hash::FxHashSet<u32> = ids.iter().map(|id| id_hash(id)).collect();
        // A bit for the low 24 bits of each hash wanted: most events are ruled out in a 2 MB
        // table that stays in cache, not by a look-up in the set (a tenth of a 10M load).
        let mut bits = vec![0u64; 1 << 18];
        let bit = |h: u32| ((h as usize >> 6) & ((1 << 18) - 1), h & 63);
        for &h in &hashes {
            let (word, at) = bit(h);
            bits[word] |= 1 << at;
        }
        // The events whose id is wanted in `range`, in order, with the id's slot (two threads
        // share a large store).
        let scan = |range: std::ops::Range<usize>| {
            let mut hits: Vec<(u32, u32)> = Vec::new();
            for (i, &hash) in self.id_hashes[range.clone()].iter().enumerate() {
                let (word, at) = bit(hash);
                let event = range.start + i;
                if bits[word] >> at & 1 == 1
                    && hashes.contains(&hash)
                    && let Some(&slot) = slot_of.get(self.events.at(event).id())
                {
                    hits.push((event as u32, slot));
                }
            }
            hits
        };
        let n = self.id_hashes.len();
        let hits = if !split {
            scan(0..n)
        } else {
            std::thread::scope(|scope| {
                let second = scope.spawn(|| scan(n / 2..n));
                let mut hits = scan(0..n / 2);
                hits.extend(second.join().unwrap_or_else(|_| scan(n / 2..n)));
                hits
            })
        };
        // The first event with each id.
        let mut first = vec![u32::MAX; ids.len()];
        for (event, slot) in hits {
            let first = &mut first[slot as usize];
            if *first == u32::MAX {
                *first = event;
            }
        }
        ids.into_iter()
            .zip(first)
            .filter(|&(_, event)| event != u32::MAX)
            .map(|(id, event)| (id, event as usize))
            .collect()
    }

    /// Every event whose id an earlier event already has, with that earlier event, in order.
    /// One sort of the ids' hashes; ids are compared only where hashes meet. For a large
    /// dataset the hashes are split by their top bit (equal hashes fall in the same half) and
    /// each half is sorted on a thread of its own.
    pub fn repeated_ids(&self) -> Vec<(usize, usize)> {
        self.repeated_ids_split(self.id_hashes.len() >= PARALLEL_IDS)
    }

    /// [`Self::repeated_ids`], on two threads when `split`.
    fn repeated_ids_split(&self, split: bool) -> Vec<(usize, usize)> {
        if self.ids_unique {
            return Vec::new();
        }
        let mut repeats = if !split {
            self.repeats_among(|_| true)
        } else {
            std::thread::scope(|scope| {
                let high = scope.spawn(|| self.repeats_among(|h| h >> 31 == 1));
                let mut repeats = self.repeats_among(|h| h >> 31 == 0);
                repeats.extend(
                    high.join()
                        .unwrap_or_else(|_| self.repeats_among(|h| h >> 31 == 1)),
                );
                repeats
            })
        };
        repeats.sort_unstable();
        repeats
    }

    /// [`Self::repeated_ids`] among the events whose id hash passes `among`, in no order.
    fn repeats_among(&self, among: impl Fn(u32) -> bool) -> Vec<(usize, usize)> {
        let mut by_hash: Vec<(u32, u32)> = self
            .id_hashes
            .iter()
            .enumerate()
            .filter(|(_, h)| **h != 0 && among(**h))
            .map(|(i, &h)| (h, i as u32))
            .collect();
        by_hash.sort_unstable();
        let mut repeats = Vec::new();
        for run in by_hash
            .chunk_by(|a, b| a.0 == b.0)
            .filter(|run| run.len() > 1)
        {
            // Within a run (in file order), each event repeats the first one with its id. The
            // first of each id is looked up in a table, not by scanning the run: a run is as
            // long as the file when every row is the same (40k identical rows took over two
            // minutes scanned). The table's hasher is seeded, so a crafted file cannot make
            // its look-ups collide either.
            let mut first_of: std::collections::HashMap<&str, u32> =
                std::collections::HashMap::with_capacity(run.len().min(1 << 16));
            for &(_, i) in run {
                let id = self.events.at(i as usize).id();
                match first_of.entry(id) {
                    std::collections::hash_map::Entry::Occupied(first) => {
                        repeats.push((i as usize, *first.get() as usize));
                    }
                    std::collections::hash_map::Entry::Vacant(slot) => {
                        slot.insert(i);
                    }
                }
            }
        }
        repeats
    }

    /// Renames each repeated id to `id#2` (`#3`, …, whichever no event has): for formats whose
    /// ids are optional or made up. Returns the events renamed, with their old and new ids.
    pub fn rename_repeated_ids(&mut self) -> Vec<(usize, String, String)> {
        self.settle();
        let repeats = self.repeated_ids();
        self.ids_unique = true;
        if repeats.is_empty() {
            return Vec::new();
        }
        let mut taken: std::collections::HashSet<String> =
            self.events.iter().map(|e| e.id().to_owned()).collect();
        // The next number to try for each repeated id: counting from 2 again for every repeat
        // made a million identical rows quadratic.
        let mut next_of: std::collections::HashMap<String, u64> = std::collections::HashMap::new();
        let mut renamed = Vec::with_capacity(repeats.len());
        for (i, _) in repeats {
            let old = self.events.at(i).id().to_owned();
            let next = next_of.entry(old.clone()).or_insert(2);
            let new = loop {
                let candidate = format!("{old}#{next}");
                *next += 1;
                if !taken.contains(&candidate) {
                    break candidate;
                }
            };
            taken.insert(new.clone());
            // The id, title and time are one block of the arena: write the block anew.
            let event = self.events.at(i);
            let (title, time) = (event.title().to_owned(), event.time_text().to_owned());
            let record = &mut self.events.records[i];
            record.text_at = self.events.text.len() as u64;
            record.id_len = new.len() as u32;
            self.events.text.push_str(&new);
            self.events.text.push_str(&title);
            self.events.text.push_str(&time);
            self.id_hashes[i] = id_hash(&new);
            renamed.push((i, old, new));
        }
        renamed
    }
}

#[cfg(test)]
mod split_tests {
    use crate::model::EventKind;
    use crate::model::events::EventsDraft;

    /// The two-thread searches for repeated and wanted ids find what the one-thread ones do.
    #[test]
    fn repeated_ids_are_the_same_found_on_one_thread_or_two() {
        let mut draft = EventsDraft::default();
        for i in 0..5000 {
            let id = format!("e{}", (i * 7919) % 1300);
            draft.push_parts(
                &id,
                "T",
                "2018".parse().unwrap_or_else(|e| panic!("{e}")),
                "2018",
                ["a"],
                EventKind::Action,
                crate::model::events::DetailParts::default(),
            );
        }
        let one = draft.repeated_ids_split(false);
        assert_eq!(one.len(), 5000 - 1300);
        assert!(one.iter().all(|&(i, first)| first < i));
        assert_eq!(draft.repeated_ids_split(true), one);
        // The first event with each id, on one thread or two; an id no event has is left out.
        let wanted = ["e0", "e1299", "e650", "e0", "nobody"];
        let found = draft.find_ids_split(wanted, false);
        assert_eq!(found.len(), 3);
        for id in ["e0", "e1299", "e650"] {
            let first = (0..draft.len()).find(|&i| draft.id(i) == id);
            assert_eq!(found.get(id).copied(), first, "{id}");
        }
        assert_eq!(draft.find_ids_split(wanted, true), found);
    }
}

#[cfg(test)]
mod seed_tests {
    use std::hash::BuildHasher as _;

    #[test]
    fn ids_are_hashed_with_a_seed_not_a_hash_fixed_in_advance() {
        let ids: Vec<String> = (0..64).map(|i| format!("event-{i}")).collect();
        // Not FxHash's, which anyone can compute ahead and collide on in a crafted file.
        let fixed = |id: &str| (rustc_hash::FxBuildHasher.hash_one(id) >> 32).max(1) as u32;
        assert!(ids.iter().any(|id| super::super::id_hash(id) != fixed(id)));
        // Another seed hashes differently: the hash is not a function of the id alone.
        let other = std::hash::RandomState::new();
        assert!(
            ids.iter()
                .any(|id| super::super::hash(id) != other.hash_one(id.as_str()))
        );
    }
}
