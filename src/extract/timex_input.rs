//! The little the drafts need of a temporal expression: where it is, what TimeML says it is,
//! and Swimline's notation for it. The tagger's own type is converted into this one, so the
//! drafts do not depend on how the tagger works. Does not tag anything itself.

pub use super::timex::TimexType;

/// One temporal expression found in the document's text.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct TimexSpan {
    /// Where the expression starts, in bytes into the document's text (a char boundary).
    pub start_byte: usize,
    /// Where the expression ends (exclusive), in bytes into the document's text.
    pub end_byte: usize,
    /// The expression as written: `the last 18 to 24 months`.
    pub text: String,
    /// TimeML's type of the expression.
    pub timex_type: TimexType,
    /// TimeML's value: `2018-03-24`, `P18M`, `PAST_REF`, `XXXX-XX-XX` when unknown.
    pub value: String,
    /// The same span of time in Swimline's notation, where it can be written, with the document's
    /// date written `@{dct}`: `@{dct}-P24M..-P18M` for "in the last 18 to 24 months". `None` for
    /// a bare length of time or a recurring time that places nothing on the calendar.
    pub swimline_time: Option<String>,
}

impl From<&super::timex::Timex> for TimexSpan {
    /// What the drafts need of a tagged expression.
    fn from(t: &super::timex::Timex) -> Self {
        Self {
            start_byte: t.start_byte,
            end_byte: t.end_byte,
            text: t.text.clone(),
            timex_type: t.kind,
            value: t.value.clone(),
            swimline_time: t.swimline_time(),
        }
    }
}
