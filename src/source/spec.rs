//! Source strings: what the user types to open a database instead of a file.
//!
//! | written | opens |
//! |---|---|
//! | `duckdb:events.parquet`, `duckdb:data/*.parquet`, `duckdb:events.csv` | a Parquet or CSV file or glob, read by an embedded DuckDB |
//! | `duckdb:cases.duckdb?table=events` | a table (or view) of a DuckDB database file |
//! | `postgresql://user@host:5432/db?table=events` (or `postgres://`) | a table (or view) of a PostgreSQL server |
//!
//! A password is never written in the string: the PostgreSQL client reads `PGPASSWORD` and
//! `~/.pgpass` (libpq's conventions), so the string can be remembered in the session safely.

use std::fmt;

/// A database the timeline reads from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SourceSpec {
    /// Read by an embedded DuckDB.
    Duck {
        /// The file, glob or database file, as written.
        path: String,
        /// The table or view, for a `.duckdb` database file.
        table: Option<String>,
    },
    /// A PostgreSQL server (or anything that speaks its protocol).
    Postgres {
        /// The connection string without the `table` parameter (and without a password).
        url: String,
        /// The table or view.
        table: String,
    },
}

/// Why a source string cannot be opened, in the user's words.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct SpecError(pub String);

impl SourceSpec {
    /// Whether `text` is meant as a source string rather than a file path.
    pub fn looks_like(text: &str) -> bool {
        let lower = text.trim().to_ascii_lowercase();
        lower.starts_with("duckdb:")
            || lower.starts_with("postgresql://")
            || lower.starts_with("postgres://")
    }

    /// Reads a source string.
    pub fn parse(text: &str) -> Result<Self, SpecError> {
        let text = text.trim();
        let lower = text.to_ascii_lowercase();
        if lower.starts_with("duckdb:") {
            let rest = &text["duckdb:".len()..];
            let (path, query) = split_query(rest);
            let table = param(query, "table");
            if path.is_empty() {
                return Err(SpecError(
                    "the source \"duckdb:\" names no file: write duckdb:PATH, e.g. \
                     duckdb:events.parquet or duckdb:cases.duckdb?table=events"
                        .into(),
                ));
            }
            let is_db = [".duckdb", ".db", ".ddb"]
                .iter()
                .any(|e| path.to_ascii_lowercase().ends_with(e));
            if is_db && table.is_none() {
                return Err(SpecError(format!(
                    "the DuckDB database {path} needs a table: write duckdb:{path}?table=NAME"
                )));
            }
            if let Some(t) = &table {
                check_table_name(t)?;
            }
            return Ok(Self::Duck {
                path: path.to_owned(),
                table,
            });
        }
        if lower.starts_with("postgresql://") || lower.starts_with("postgres://") {
            let (base, query) = split_query(text);
            // Before anything echoes the string: a password must not be printed either.
            if has_password(base) || has_password_param(query) {
                return Err(SpecError(
                    "the connection string carries a password: leave it out and set \
                     PGPASSWORD or a line in ~/.pgpass instead, so that it is never saved"
                        .into(),
                ));
            }
            let Some(table) = param(query, "table") else {
                return Err(SpecError(format!(
                    "the PostgreSQL source {base} names no table: add ?table=NAME \
                     (a table or a view in the layout of docs/sources.md)"
                )));
            };
            check_table_name(&table)?;
            let others: Vec<&str> = query
                .split('&')
                .filter(|p| !p.is_empty() && !p.starts_with("table="))
                .collect();
            let url = if others.is_empty() {
                base.to_owned()
            } else {
                format!("{base}?{}", others.join("&"))
            };
            return Ok(Self::Postgres { url, table });
        }
        Err(SpecError(format!(
            "\"{text}\" is not a source: write duckdb:PATH[?table=NAME] or \
             postgresql://user@host:port/db?table=NAME"
        )))
    }

    /// The table's (or file's) own name, as the timeline's title.
    pub fn table_name(&self) -> String {
        match self {
            Self::Duck { table: Some(t), .. } | Self::Postgres { table: t, .. } => t.clone(),
            Self::Duck { path, table: None } => path.rsplit('/').next().unwrap_or(path).to_owned(),
        }
    }

    /// A short name for titles and the status bar.
    pub fn short_name(&self) -> String {
        match self {
            Self::Duck { path, table } => {
                let file = path.rsplit('/').next().unwrap_or(path);
                match table {
                    Some(t) => format!("{file} · {t}"),
                    None => file.to_owned(),
                }
            }
            Self::Postgres { url, table } => {
                let host = url.split("://").nth(1).unwrap_or(url);
                let host = host.split('?').next().unwrap_or(host);
                let host = host.rsplit('@').next().unwrap_or(host);
                format!("{host} · {table}")
            }
        }
    }
}

impl fmt::Display for SourceSpec {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Duck { path, table: None } => write!(f, "duckdb:{path}"),
            Self::Duck {
                path,
                table: Some(t),
            } => write!(f, "duckdb:{path}?table={t}"),
            Self::Postgres { url, table } => {
                let sep = if url.contains('?') { '&' } else { '?' };
                write!(f, "{url}{sep}table={table}")
            }
        }
    }
}

fn split_query(text: &str) -> (&str, &str) {
    match text.split_once('?') {
        Some((a, b)) => (a, b),
        None => (text, ""),
    }
}

fn param(query: &str, name: &str) -> Option<String> {
    query
        .split('&')
        .filter_map(|p| p.split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.to_owned())
        .filter(|v| !v.is_empty())
}

/// `user:secret@host` in the authority part.
fn has_password(url: &str) -> bool {
    let Some(rest) = url.split("://").nth(1) else {
        return false;
    };
    let authority = rest.split('/').next().unwrap_or(rest);
    authority
        .rsplit_once('@')
        .is_some_and(|(user, _)| user.contains(':'))
}

/// `password=…` among the query's parameters (libpq reads it there too), its name in any case
/// or percent-encoded.
fn has_password_param(query: &str) -> bool {
    query.split('&').any(|p| {
        let key = p.split_once('=').map_or(p, |(k, _)| k);
        percent_decoded(key).eq_ignore_ascii_case("password")
    })
}

/// `text` with `%XX` escapes decoded (invalid ones kept as written).
pub(super) fn percent_decoded(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| char::from(b).to_digit(16);
        if bytes[i] == b'%'
            && let (Some(h), Some(l)) = (
                bytes.get(i + 1).copied().and_then(hex),
                bytes.get(i + 2).copied().and_then(hex),
            )
        {
            out.push((h * 16 + l) as u8);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// A table name is an identifier, optionally schema-qualified: letters, digits, `_`, one `.`.
fn check_table_name(name: &str) -> Result<(), SpecError> {
    let ok = !name.is_empty()
        && name.split('.').count() <= 2
        && name.split('.').all(|part| {
            !part.is_empty()
                && part.chars().all(|c| c.is_alphanumeric() || c == '_')
                && !part.starts_with(|c: char| c.is_ascii_digit())
        });
    if ok {
        Ok(())
    } else {
        Err(SpecError(format!(
            "\"{name}\" is not a table name: expected letters, digits and _ (optionally \
             schema.table)"
        )))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn duckdb_strings() {
        assert_eq!(
            SourceSpec::parse("duckdb:events.parquet"),
            Ok(SourceSpec::Duck {
                path: "events.parquet".into(),
                table: None
            })
        );
        let db = SourceSpec::parse("duckdb:/x/cases.duckdb?table=events").expect("parses");
        assert_eq!(db.to_string(), "duckdb:/x/cases.duckdb?table=events");
        assert_eq!(db.short_name(), "cases.duckdb · events");
        let err = SourceSpec::parse("duckdb:cases.duckdb").expect_err("needs a table");
        assert!(err.0.contains("?table=NAME"), "{err}");
        assert!(SourceSpec::parse("duckdb:").is_err());
    }

    #[test]
    fn postgres_strings() {
        let pg = SourceSpec::parse("postgresql://ana@127.0.0.1:5433/osint?table=public.events")
            .expect("parses");
        assert_eq!(
            pg,
            SourceSpec::Postgres {
                url: "postgresql://ana@127.0.0.1:5433/osint".into(),
                table: "public.events".into()
            }
        );
        assert_eq!(pg.short_name(), "127.0.0.1:5433/osint · public.events");
        let keep = SourceSpec::parse("postgres://h/db?sslmode=disable&table=ev").expect("parses");
        assert_eq!(keep.to_string(), "postgres://h/db?sslmode=disable&table=ev");
        let err = SourceSpec::parse("postgresql://ana:hunter2@h/db?table=ev").expect_err("pw");
        assert!(err.0.contains("PGPASSWORD"), "{err}");
        assert!(SourceSpec::parse("postgresql://h/db").is_err());
        assert!(SourceSpec::parse("postgresql://h/db?table=ev;drop").is_err());
        assert!(SourceSpec::looks_like("PostgreSQL://h/db"));
        assert!(!SourceSpec::looks_like("events.csv"));
    }
}

#[cfg(test)]
mod password_tests {
    use super::SourceSpec;

    #[test]
    fn a_password_in_the_query_is_refused_and_never_echoed() {
        for text in [
            "postgresql://me@db/x?table=t&password=hunter2",
            "postgresql://me@db/x?PASSWORD=hunter2&table=t",
            "postgresql://me@db/x?pass%77ord=hunter2&table=t",
            "postgresql://me:hunter2@db/x",
            "postgres://me@db/x?password=hunter2",
        ] {
            let refused = SourceSpec::parse(text);
            let Err(e) = refused else {
                panic!("{text}: accepted as {refused:?}");
            };
            let said = e.to_string();
            assert!(said.contains("carries a password"), "{text}: {said}");
            assert!(!said.contains("hunter2"), "{text}: {said}");
        }
        assert!(SourceSpec::parse("postgresql://me@db/x?table=t&sslmode=require").is_ok());
    }
}
