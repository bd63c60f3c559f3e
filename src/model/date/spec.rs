//! A time as an event has it: one endpoint or an interval of two ([`TimeSpec`]), each a
//! date, a relative date, or open / unknown ([`Endpoint`]).

use std::fmt;
use std::str::FromStr;

use super::{
    DATE_HINT, DateParseError, FuzzyDate, RelativeDate, parse_error, parse_relative, trim,
};

/// One end of an event's time.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Endpoint {
    /// A calendar date.
    Date(FuzzyDate),
    /// EDTF "one of a set", `[2018-01-01..2018-01-07]`: a single date somewhere from the first
    /// to the second (inclusive), as when a source gives only the week.
    /// Boxed: rare, and it would double the size of every endpoint.
    OneOf(Box<(FuzzyDate, FuzzyDate)>),
    /// EDTF "one of a set" with no earlier bound, `[..2018-03]`: a single date at or before the
    /// given one, as when a source reports a statement made some time before it was published.
    OnOrBefore(FuzzyDate),
    /// A date relative to another event (boxed: rare, and large).
    Relative(Box<RelativeDate>),
    /// `..`: the interval runs on without end (or from before any start).
    Open,
    /// Empty: the end exists but is not known.
    Unknown,
}

impl Endpoint {
    /// Whether the endpoint's bounds come from elsewhere (relative) or are open or unknown.
    pub fn is_exact(&self) -> bool {
        match self {
            Self::Date(d) => !d.approximate && !d.uncertain,
            _ => false,
        }
    }
}

impl fmt::Display for Endpoint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Date(d) => d.fmt(f),
            Self::OneOf(pair) => write!(f, "[{}..{}]", pair.0, pair.1),
            Self::OnOrBefore(d) => write!(f, "[..{d}]"),
            Self::Relative(r) => r.fmt(f),
            Self::Open => write!(f, ".."),
            Self::Unknown => Ok(()),
        }
    }
}

impl FromStr for Endpoint {
    type Err = DateParseError;

    fn from_str(input: &str) -> Result<Self, Self::Err> {
        let text = trim(input);
        if text == ".." {
            Ok(Self::Open)
        } else if text.is_empty() {
            Ok(Self::Unknown)
        } else if text.starts_with('@') {
            parse_relative(input, text).map(|r| Self::Relative(Box::new(r)))
        } else if let Some(inner) = text.strip_prefix('[') {
            let hint = "expected a range of dates as [2018-01-01..2018-01-07], or [..2018-03] \
                        for a date at or before another";
            let inner = inner
                .strip_suffix(']')
                .ok_or_else(|| parse_error(input, hint))?;
            let (a, b) = inner
                .split_once("..")
                .ok_or_else(|| parse_error(input, hint))?;
            if a.trim().is_empty() {
                return b.parse().map(Self::OnOrBefore);
            }
            let (a, b): (FuzzyDate, FuzzyDate) = (a.parse()?, b.parse()?);
            if b.bounds().latest < a.bounds().earliest {
                return Err(parse_error(
                    input,
                    "the range ends before it starts: expected [earlier..later]",
                ));
            }
            Ok(Self::OneOf(Box::new((a, b))))
        } else {
            text.parse().map(Self::Date)
        }
    }
}

/// When an event happened, as written: one endpoint (a point in time, or a single date with its
/// own span such as a month) or an interval of two.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TimeSpec {
    /// The start, or the only endpoint.
    pub start: Endpoint,
    /// The end of an interval; `None` for a point event.
    pub end: Option<Endpoint>,
}

impl TimeSpec {
    /// Whether the event is an interval (`a/b`), not a single date.
    pub fn is_interval(&self) -> bool {
        self.end.is_some()
    }

    /// The ids of events this time refers to.
    pub fn references(&self) -> impl Iterator<Item = &RelativeDate> {
        [Some(&self.start), self.end.as_ref()]
            .into_iter()
            .flatten()
            .filter_map(|e| match e {
                Endpoint::Relative(r) => Some(&**r),
                _ => None,
            })
    }
}

impl fmt::Display for TimeSpec {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.start.fmt(f)?;
        if let Some(end) = &self.end {
            write!(f, "/{end}")?;
        }
        Ok(())
    }
}

impl FromStr for TimeSpec {
    type Err = DateParseError;

    fn from_str(input: &str) -> Result<Self, Self::Err> {
        let text = trim(input);
        if text.is_empty() {
            return Err(parse_error(input, DATE_HINT));
        }
        // Split on the first '/' that is not inside an `@{…}` reference.
        let mut depth = 0usize;
        let mut split = None;
        for (i, ch) in text.char_indices() {
            match ch {
                '{' => depth += 1,
                '}' => depth = depth.saturating_sub(1),
                '/' if depth == 0 => {
                    split = Some(i);
                    break;
                }
                _ => {}
            }
        }
        match split {
            None => {
                let start: Endpoint = text.parse()?;
                if matches!(start, Endpoint::Open) {
                    return Err(parse_error(
                        input,
                        "'..' only makes sense as one end of an interval",
                    ));
                }
                Ok(Self { start, end: None })
            }
            Some(i) => {
                let start: Endpoint = text[..i].parse()?;
                let end: Endpoint = text[i + 1..].parse()?;
                let endless = |e: &Endpoint| matches!(e, Endpoint::Open | Endpoint::Unknown);
                if endless(&start) && endless(&end) {
                    return Err(parse_error(
                        input,
                        "an interval needs at least one known end",
                    ));
                }
                Ok(Self {
                    start,
                    end: Some(end),
                })
            }
        }
    }
}
