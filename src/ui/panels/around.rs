//! The spans "around this event" offers (the details panel's buttons, the Notes menu and the
//! banner's words). Plain data: a leaf that imports nothing, so both the panels and the app
//! can read it without importing each other.

/// The spans "around this event" offers, with their names.
pub const AROUND_SPANS: [(&str, i64); 4] = [
    ("1 hour", 3_600),
    ("1 day", 86_400),
    ("1 week", 7 * 86_400),
    ("1 month", 30 * 86_400),
];
