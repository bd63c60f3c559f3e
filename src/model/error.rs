//! Validation problems, each pointing at the field it is about.

use std::fmt;

/// One step of a path into a dataset: a field name or an index into a list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PathSeg {
    /// A named field, e.g. `events`, `time`.
    Key(String),
    /// A position in a list, from 0.
    Index(usize),
}

/// Where in a dataset a value sits, e.g. `events[3].actors[1]`. The JSON loader turns it into
/// a line and column of the file.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FieldPath(pub Vec<PathSeg>);

impl FieldPath {
    /// The path of a field of the `index`-th item of list `list`: `events[3].time`.
    pub fn item_field(list: &str, index: usize, field: &str) -> Self {
        Self(vec![
            PathSeg::Key(list.to_owned()),
            PathSeg::Index(index),
            PathSeg::Key(field.to_owned()),
        ])
    }

    /// This path extended by an index: `events[3].actors` → `events[3].actors[1]`.
    pub fn index(mut self, index: usize) -> Self {
        self.0.push(PathSeg::Index(index));
        self
    }

    /// This path extended by a key: `events[3].source` → `events[3].source.reported`.
    pub fn key(mut self, key: &str) -> Self {
        self.0.push(PathSeg::Key(key.to_owned()));
        self
    }
}

impl fmt::Display for FieldPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, seg) in self.0.iter().enumerate() {
            match seg {
                PathSeg::Key(k) if i == 0 => write!(f, "{k}")?,
                PathSeg::Key(k) => write!(f, ".{k}")?,
                PathSeg::Index(n) => write!(f, "[{n}]")?,
            }
        }
        Ok(())
    }
}

/// A dataset that cannot be trusted: one field is wrong, and `message` says what was expected.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{path}: {message}")]
pub struct ModelError {
    /// The field that is wrong.
    pub path: FieldPath,
    /// What is wrong with it and what was expected.
    pub message: String,
}

impl ModelError {
    /// A problem with the field at `path`.
    pub fn new(path: FieldPath, message: impl Into<String>) -> Self {
        Self {
            path,
            message: message.into(),
        }
    }
}
