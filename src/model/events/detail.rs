//! The optional parts of an event — description, source, tags and the file's other columns —
//! stored for wide files.
//!
//! A row of a wide file (ACLED has 31 columns) carries a dozen attributes, most of them values
//! that repeat from row to row (a country, an event type, a source scale). Kept as a `String`
//! pair each, 300,000 such rows cost 7 million small allocations and 800 MB. Here every tag,
//! attribute name and attribute value is kept once, in [`Words`] (one arena string), and an
//! event holds only its cells: a run of `(name, value)` word numbers in one array shared by all
//! events. Descriptions, which rarely repeat, go to the events' text arena.

use hashbrown::HashTable;
use rustc_hash::FxBuildHasher;
use std::hash::BuildHasher;

use crate::model::kinds::Source;

/// Strings kept once each, numbered in the order they were first kept.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(super) struct Words {
    /// Every word, one after the other.
    text: String,
    /// Where each word ends in `text`; word `i` starts where word `i - 1` ends.
    ends: Vec<u64>,
}

impl Words {
    /// Word `i`.
    pub fn get(&self, i: u32) -> &str {
        let i = i as usize;
        let start = if i == 0 { 0 } else { self.ends[i - 1] as usize };
        &self.text[start..self.ends[i] as usize]
    }

    /// How many words there are.
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    /// Bytes held.
    pub fn heap_bytes(&self) -> usize {
        self.text.capacity() + self.ends.capacity() * 8
    }

    pub fn shrink_to_fit(&mut self) {
        self.text.shrink_to_fit();
        self.ends.shrink_to_fit();
    }
}

fn hash(text: &str) -> u64 {
    FxBuildHasher.hash_one(text)
}

/// The number of each word in [`Words`], to keep each once while a file is read. Not kept in
/// the finished store: it is only needed while words are added.
#[derive(Clone, Debug, Default)]
pub(super) struct WordTable {
    table: HashTable<u32>,
}

impl WordTable {
    /// The number of `word` in `words`, adding it when it is not there yet.
    pub fn intern(&mut self, words: &mut Words, word: &str) -> u32 {
        let h = hash(word);
        if let Some(&i) = self.table.find(h, |&i| words.get(i) == word) {
            return i;
        }
        let i = words.ends.len() as u32;
        words.text.push_str(word);
        words.ends.push(words.text.len() as u64);
        let words = &*words;
        self.table.insert_unique(h, i, |&i| hash(words.get(i)));
        i
    }
}

/// What a stored event keeps of its optional parts: spans into the events' arrays.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct StoredDetail {
    /// Where the description starts in the events' text arena, and its length in bytes
    /// ([`NO_TEXT`] when there is none).
    pub description_at: u64,
    pub description_len: u32,
    /// Who said or reported it: an index into the events' sources, each kept once (ACLED
    /// names the same few outlets on every row), or [`NO_SOURCE`].
    pub source: u32,
    /// The event's tags: `tags_len` word numbers from `tags_at` in the tags array.
    pub tags_at: u32,
    pub tags_len: u16,
    /// The event's attributes: `cells_len` (name, value) word numbers from `cells_at` in the
    /// cells array.
    pub cells_at: u32,
    pub cells_len: u16,
}

/// The length that marks "no description".
pub(super) const NO_TEXT: u32 = u32::MAX;

/// The source index that marks "no source".
pub(super) const NO_SOURCE: u32 = u32::MAX;

/// The number of each source in the events' sources, to keep each once while a file is read.
#[derive(Clone, Debug, Default)]
pub(super) struct SourceTable {
    table: HashTable<u32>,
}

impl SourceTable {
    /// The index of `source` in `sources`, adding it when it is not there yet.
    pub fn intern(&mut self, sources: &mut Vec<Source>, source: Source) -> u32 {
        let h = FxBuildHasher.hash_one(&source);
        if let Some(&i) = self.table.find(h, |&i| sources[i as usize] == source) {
            return i;
        }
        let i = sources.len() as u32;
        sources.push(source);
        let sources = &*sources;
        self.table
            .insert_unique(h, i, |&i| FxBuildHasher.hash_one(&sources[i as usize]));
        i
    }
}

/// The optional parts of an event as a reader has them at hand, borrowed: nothing is copied
/// until the store keeps it (once, for a repeated value).
#[derive(Clone, Debug, Default)]
pub struct DetailParts<'a> {
    /// Longer text.
    pub description: Option<&'a str>,
    /// Who said or reported it.
    pub source: Option<Box<Source>>,
    /// Free labels.
    pub tags: Vec<&'a str>,
    /// Other fields the file carried, as name and value, in the file's order.
    pub attributes: Vec<(&'a str, &'a str)>,
}

impl DetailParts<'_> {
    /// Whether there is nothing to keep.
    pub fn is_empty(&self) -> bool {
        self.description.is_none()
            && self.source.is_none()
            && self.tags.is_empty()
            && self.attributes.is_empty()
    }
}

/// An event's tags, borrowed from the store.
#[derive(Clone, Copy)]
pub struct Tags<'a> {
    pub(super) words: &'a Words,
    pub(super) ids: &'a [u32],
}

impl<'a> Tags<'a> {
    /// How many there are.
    pub fn len(self) -> usize {
        self.ids.len()
    }

    /// Whether there is none.
    pub fn is_empty(self) -> bool {
        self.ids.is_empty()
    }

    /// The tags in the order the file gave them.
    pub fn iter(self) -> TagIter<'a> {
        self.into_iter()
    }

    /// Whether `tag` is one of them.
    pub fn contains(self, tag: &str) -> bool {
        self.iter().any(|t| t == tag)
    }

    /// The tags, copied.
    pub fn to_vec(self) -> Vec<String> {
        self.iter().map(str::to_owned).collect()
    }

    /// The tags joined by `separator`.
    pub fn join(self, separator: &str) -> String {
        self.iter().collect::<Vec<_>>().join(separator)
    }
}

impl<'a> IntoIterator for Tags<'a> {
    type Item = &'a str;
    type IntoIter = TagIter<'a>;
    fn into_iter(self) -> TagIter<'a> {
        TagIter {
            words: self.words,
            ids: self.ids.iter(),
        }
    }
}

impl PartialEq<[&str]> for Tags<'_> {
    fn eq(&self, other: &[&str]) -> bool {
        self.len() == other.len() && self.iter().zip(other).all(|(a, b)| a == *b)
    }
}

impl<const N: usize> PartialEq<[&str; N]> for Tags<'_> {
    fn eq(&self, other: &[&str; N]) -> bool {
        *self == other[..]
    }
}

impl std::fmt::Debug for Tags<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

/// The tags of an event, one by one.
#[derive(Clone)]
pub struct TagIter<'a> {
    words: &'a Words,
    ids: std::slice::Iter<'a, u32>,
}

impl<'a> Iterator for TagIter<'a> {
    type Item = &'a str;
    fn next(&mut self) -> Option<&'a str> {
        self.ids.next().map(|&i| self.words.get(i))
    }
    fn size_hint(&self) -> (usize, Option<usize>) {
        self.ids.size_hint()
    }
}

impl ExactSizeIterator for TagIter<'_> {}

/// An event's attributes (the file's other columns), borrowed from the store.
#[derive(Clone, Copy)]
pub struct Attributes<'a> {
    pub(super) words: &'a Words,
    pub(super) cells: &'a [[u32; 2]],
}

impl<'a> Attributes<'a> {
    /// How many there are.
    pub fn len(self) -> usize {
        self.cells.len()
    }

    /// Whether there is none.
    pub fn is_empty(self) -> bool {
        self.cells.is_empty()
    }

    /// The attributes as name and value, in the file's order.
    pub fn iter(self) -> AttributeIter<'a> {
        AttributeIter {
            words: self.words,
            cells: self.cells.iter(),
        }
    }

    /// The value of the attribute named `name`.
    pub fn get(self, name: &str) -> Option<&'a str> {
        self.iter().find(|(n, _)| *n == name).map(|(_, v)| v)
    }

    /// The attributes, copied.
    pub fn to_vec(self) -> Vec<(String, String)> {
        self.iter()
            .map(|(n, v)| (n.to_owned(), v.to_owned()))
            .collect()
    }
}

impl<'a> IntoIterator for Attributes<'a> {
    type Item = (&'a str, &'a str);
    type IntoIter = AttributeIter<'a>;
    fn into_iter(self) -> AttributeIter<'a> {
        self.iter()
    }
}

impl std::fmt::Debug for Attributes<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

/// The attributes of an event, one by one, as name and value.
#[derive(Clone)]
pub struct AttributeIter<'a> {
    words: &'a Words,
    cells: std::slice::Iter<'a, [u32; 2]>,
}

impl<'a> Iterator for AttributeIter<'a> {
    type Item = (&'a str, &'a str);
    fn next(&mut self) -> Option<(&'a str, &'a str)> {
        self.cells
            .next()
            .map(|&[n, v]| (self.words.get(n), self.words.get(v)))
    }
    fn size_hint(&self) -> (usize, Option<usize>) {
        self.cells.size_hint()
    }
}

impl ExactSizeIterator for AttributeIter<'_> {}
