//! The rows a database engine answers with, owned ([`Value`], [`Row`]) or borrowed while they
//! are read ([`Cell`]). Plain values: nothing here knows an engine, a table or SQL.

/// One value of a result row.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    /// SQL `NULL`.
    Null,
    /// An integer.
    Int(i64),
    /// A floating-point number.
    Float(f64),
    /// Text.
    Text(String),
}

impl Value {
    /// The value as text, when it is text.
    pub fn text(&self) -> Option<&str> {
        match self {
            Self::Text(t) => Some(t),
            _ => None,
        }
    }

    /// The value as a number of seconds (or a count), when it is a number.
    pub fn number(&self) -> Option<f64> {
        match self {
            Self::Int(n) => Some(*n as f64),
            Self::Float(x) => Some(*x),
            _ => None,
        }
    }
}

/// A result row.
pub type Row = Vec<Value>;

/// One value of a result row, borrowed while the row is read ([`super::engine::Engine::query_each`]).
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Cell<'a> {
    /// SQL `NULL`.
    Null,
    /// An integer.
    Int(i64),
    /// A floating-point number.
    Float(f64),
    /// Text.
    Text(&'a str),
}

impl<'a> Cell<'a> {
    /// The value as text, when it is text.
    pub fn text(self) -> Option<&'a str> {
        match self {
            Self::Text(t) => Some(t),
            _ => None,
        }
    }

    /// The value as a number of seconds (or a count), when it is a number.
    pub fn number(self) -> Option<f64> {
        match self {
            Self::Int(n) => Some(n as f64),
            Self::Float(x) => Some(x),
            _ => None,
        }
    }

    /// The value, owned.
    pub fn to_value(self) -> Value {
        match self {
            Self::Null => Value::Null,
            Self::Int(n) => Value::Int(n),
            Self::Float(x) => Value::Float(x),
            Self::Text(t) => Value::Text(t.to_owned()),
        }
    }
}
