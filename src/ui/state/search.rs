//! The search box's state: the query as typed, which events match (in time order and as a mask),
//! and which match was stepped to. No egui; the app fills it and the timeline reads the mask.

/// The search box and what it found.
#[derive(Debug, Default)]
pub struct Search {
    /// As typed.
    pub query: String,
    /// Indices of the matching events, in time order.
    pub matches: Vec<usize>,
    /// For each event, whether it matches; empty when there is no query.
    pub is_match: Vec<bool>,
    /// Position in `matches` of the match last stepped to.
    pub current: Option<usize>,
}

impl Search {
    /// Whether each event matches; `None` when nothing is searched.
    pub fn mask(&self) -> Option<&[bool]> {
        (!self.query.is_empty()).then_some(self.is_match.as_slice())
    }
}
