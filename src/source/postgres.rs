//! PostgreSQL (and the engines that speak its protocol: Citus, TimescaleDB …) through the
//! `postgres` crate. The password follows libpq's conventions: `PGPASSWORD`, then `~/.pgpass`
//! (or the file `PGPASSFILE` names); it is never part of the source string. TLS as libpq's
//! `sslmode` and `sslrootcert` ask (`source::tls`; `prefer` when the string says nothing).

use std::sync::Arc;

use postgres::Client;
use postgres::types::Type;

use super::engine::{Engine, EngineError, Interrupter};
use super::rows::Cell;
use super::sql::{ColumnType, TableLayout, layout_of, quote_table};
use super::tls::{SslMode, TlsSettings, settings_of};

/// A connection to a PostgreSQL server and the table it reads.
pub struct PgEngine {
    client: Client,
    layout: TableLayout,
    cancel: postgres::CancelToken,
    /// The connector, for cancel requests (a connection of their own, with the same TLS).
    tls: tokio_postgres_rustls::MakeRustlsConnect,
    /// `host:port/db`, for messages.
    place: String,
}

impl PgEngine {
    /// Connects to `url` and checks that `table` has the documented layout.
    pub fn connect(url: &str, table: &str) -> Result<Self, String> {
        let (client_url, tls) = settings_of(url)?;
        let mut config: postgres::Config = client_url
            .parse()
            .map_err(|e| format!("{url} is not a PostgreSQL connection string: {e}"))?;
        config.ssl_mode(tls.client_mode());
        if config.get_user().is_none() {
            let user = std::env::var("PGUSER")
                .or_else(|_| std::env::var("USER"))
                .unwrap_or_else(|_| "postgres".into());
            config.user(&user);
        }
        let place = place_of(&config);
        if config.get_password().is_none()
            && let Some(password) = password_for(&config)
        {
            config.password(password);
        }
        config.connect_timeout(std::time::Duration::from_secs(10));
        config.application_name("swimline");
        let relation = quote_table(table);
        // The connect timeout covers the socket only: a port that accepts and never answers
        // hung `check` in the handshake. The handshake, the session's settings and the first
        // query run on a thread of their own with one deadline; past it, the caller is told
        // and goes on (the thread ends when the socket does).
        let (sender, answer) = std::sync::mpsc::channel();
        let first_place = place.clone();
        let first_relation = relation.clone();
        let first_table = table.to_owned();
        std::thread::spawn(move || {
            let _ = sender.send(first_contact(
                &config,
                &tls,
                &first_place,
                &first_relation,
                &first_table,
            ));
        });
        let (client, connector, columns) =
            answer.recv_timeout(FIRST_CONTACT_DEADLINE).map_err(|_| {
                format!(
                    "PostgreSQL at {place} did not answer within {} s (the port accepted the \
                     connection, but no PostgreSQL server replied)",
                    FIRST_CONTACT_DEADLINE.as_secs()
                )
            })??;
        let layout = layout_of(table, relation, &columns)?;
        let cancel = client.cancel_token();
        Ok(Self {
            client,
            layout,
            cancel,
            tls: connector,
            place,
        })
    }
}

/// How long connecting, the handshake, the session's settings and the table's first query may
/// take together.
const FIRST_CONTACT_DEADLINE: std::time::Duration = std::time::Duration::from_secs(10);

/// Whether connecting failed in the TLS handshake (after the server offered TLS).
fn is_handshake_failure(error: &postgres::Error) -> bool {
    error
        .to_string()
        .starts_with("error performing TLS handshake")
}

/// What [`first_contact`] gives: the client, its TLS connector and the table's columns.
type FirstContact = (
    Client,
    tokio_postgres_rustls::MakeRustlsConnect,
    Vec<(String, ColumnType)>,
);

/// Connects (with the TLS `tls` asks for), sets the session up and reads the table's columns.
fn first_contact(
    config: &postgres::Config,
    tls: &TlsSettings,
    place: &str,
    relation: &str,
    table: &str,
) -> Result<FirstContact, String> {
    let connector = tls.connector()?;
    let connected = match config.connect(connector.connector.clone()) {
        // libpq's `prefer`: when the server offers TLS and the handshake then fails, the
        // connection is made again in plain text.
        Err(e) if tls.mode == SslMode::Prefer && is_handshake_failure(&e) => {
            let mut plain = config.clone();
            plain.ssl_mode(postgres::config::SslMode::Disable);
            plain.connect(connector.connector.clone())
        }
        other => other,
    };
    let mut client = connected.map_err(|e| {
        let host = host_of(config);
        let port = config.get_ports().first().copied().unwrap_or(5432);
        connector
            .words(&e, tls, &format!("{host}:{port}"), &host)
            .unwrap_or_else(|| format!("cannot connect to PostgreSQL at {place}: {}", words(&e)))
    })?;
    // Times in UTC; and room for a window's counts to be grouped in memory, this session
    // only: with the default 4 MB, PostgreSQL (guessing a group a row) sorted 3M rows on
    // disk to make 258k counts, 5.7 s; with 64 MB it groups them in a hash table, 3.6 s.
    // Strings as the SQL standard has them, whatever the server's default: a backslash is a
    // backslash, so doubling `'` is all the quoting a lane name needs (with the setting off, a
    // lane name ending in a backslash broke out of its quotes).
    client
        .batch_execute(
            "SET TIME ZONE 'UTC'; SET work_mem = '64MB'; SET standard_conforming_strings = on",
        )
        .map_err(|e| format!("PostgreSQL at {place}: {}", words(&e)))?;
    let statement = client
        .prepare(&format!("SELECT * FROM {relation} LIMIT 0"))
        .map_err(|e| format!("cannot read the table {table} at {place}: {}", words(&e)))?;
    let columns = statement
        .columns()
        .iter()
        .map(|c| (c.name().to_owned(), column_type(c.type_())))
        .collect();
    Ok((client, connector.connector, columns))
}

fn column_type(t: &Type) -> ColumnType {
    if *t == Type::TIMESTAMP || *t == Type::TIMESTAMPTZ || *t == Type::DATE {
        ColumnType::Timestamp
    } else if *t == Type::INT8 || *t == Type::INT4 || *t == Type::INT2 {
        ColumnType::Integer
    } else if *t == Type::TEXT || *t == Type::VARCHAR || *t == Type::BPCHAR || *t == Type::NAME {
        ColumnType::Text
    } else {
        ColumnType::Other(t.name().to_owned())
    }
}

/// The server's message without the client's wrapping ("db error: ERROR: …").
fn words(e: &postgres::Error) -> String {
    if let Some(db) = e.as_db_error() {
        return db.message().to_owned();
    }
    let text = e.to_string();
    match std::error::Error::source(e) {
        Some(cause) => format!("{text} ({cause})"),
        None => text,
    }
}

/// The (first) host connected to, as written: a name, an address or a socket's folder.
fn host_of(config: &postgres::Config) -> String {
    match config.get_hosts().first() {
        Some(postgres::config::Host::Tcp(h)) => h.clone(),
        #[cfg(unix)]
        Some(postgres::config::Host::Unix(p)) => p.display().to_string(),
        None => "localhost".into(),
    }
}

fn place_of(config: &postgres::Config) -> String {
    let host = host_of(config);
    let port = config.get_ports().first().copied().unwrap_or(5432);
    let db = config.get_dbname().unwrap_or("postgres");
    format!("{host}:{port}/{db}")
}

/// The password libpq would use: `PGPASSWORD`, else the first matching line of the password
/// file (`PGPASSFILE` or `~/.pgpass`: `host:port:database:user:password`, `*` matching any).
fn password_for(config: &postgres::Config) -> Option<String> {
    if let Ok(p) = std::env::var("PGPASSWORD") {
        return Some(p);
    }
    let file = std::env::var_os("PGPASSFILE")
        .map(std::path::PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| std::path::Path::new(&h).join(".pgpass")))?;
    let text = std::fs::read_to_string(file).ok()?;
    let host = match config.get_hosts().first() {
        Some(postgres::config::Host::Tcp(h)) => h.clone(),
        _ => "localhost".into(),
    };
    let port = config
        .get_ports()
        .first()
        .copied()
        .unwrap_or(5432)
        .to_string();
    let user = config.get_user().unwrap_or_default().to_owned();
    let db = config.get_dbname().unwrap_or(&user).to_owned();
    pgpass_lookup(&text, &[&host, &port, &db, &user])
}

/// The password of the first line of a `.pgpass` text matching `wanted` (host, port,
/// database, user).
fn pgpass_lookup(text: &str, wanted: &[&str; 4]) -> Option<String> {
    for line in text.lines() {
        if line.trim_start().starts_with('#') || line.trim().is_empty() {
            continue;
        }
        // Fields split at unescaped ':'; '\:' and '\\' are escapes.
        let mut fields = vec![String::new()];
        let mut chars = line.chars();
        while let Some(c) = chars.next() {
            match c {
                '\\' => {
                    if let Some(next) = chars.next() {
                        fields.last_mut()?.push(next);
                    }
                }
                ':' if fields.len() < 5 => fields.push(String::new()),
                c => fields.last_mut()?.push(c),
            }
        }
        if fields.len() == 5
            && fields[..4]
                .iter()
                .zip(wanted)
                .all(|(f, w)| f == "*" || f == w)
        {
            return fields.pop();
        }
    }
    None
}

impl Engine for PgEngine {
    fn name(&self) -> &'static str {
        "PostgreSQL"
    }

    fn layout(&self) -> &TableLayout {
        &self.layout
    }

    fn layout_mut(&mut self) -> &mut TableLayout {
        &mut self.layout
    }

    fn query_bound_each(
        &mut self,
        sql: &str,
        texts: &[String],
        each: &mut dyn FnMut(&[Cell<'_>]),
    ) -> Result<(), EngineError> {
        use postgres::fallible_iterator::FallibleIterator as _;
        let place = &self.place;
        let fail = |e: postgres::Error| {
            if e.code() == Some(&postgres::error::SqlState::QUERY_CANCELED) {
                EngineError::Interrupted
            } else {
                EngineError::Failed(format!("PostgreSQL at {place}: {}", words(&e)))
            }
        };
        // Rows as they come from the server, not all of them first; lane names as parameters.
        let mut rows = self.client.query_raw(sql, texts.iter()).map_err(fail)?;
        while let Some(row) = rows.next().map_err(fail)? {
            let mut cells = Vec::with_capacity(row.len());
            for (i, column) in row.columns().iter().enumerate() {
                let t = column.type_();
                let cell = if *t == Type::INT8 {
                    row.try_get::<_, Option<i64>>(i)
                        .ok()
                        .flatten()
                        .map(Cell::Int)
                } else if *t == Type::FLOAT8 {
                    row.try_get::<_, Option<f64>>(i)
                        .ok()
                        .flatten()
                        .map(Cell::Float)
                } else {
                    row.try_get::<_, Option<&str>>(i)
                        .ok()
                        .flatten()
                        .map(Cell::Text)
                };
                cells.push(cell.unwrap_or(Cell::Null));
            }
            each(&cells);
        }
        Ok(())
    }

    fn execute_batch(&mut self, sql: &str) -> Result<(), EngineError> {
        self.client.batch_execute(sql).map_err(|e| {
            EngineError::Failed(format!("PostgreSQL at {}: {}", self.place, words(&e)))
        })
    }

    fn interrupter(&self) -> Interrupter {
        let token = self.cancel.clone();
        let tls = self.tls.clone();
        Arc::new(move || {
            // A cancel request is a connection of its own: sent from a thread, never a frame.
            let token = token.clone();
            let tls = tls.clone();
            std::thread::spawn(move || {
                // A failed cancel only means the query runs to its end.
                let _ = token.cancel_query(tls);
            });
        })
    }
}

#[cfg(test)]
mod tests {
    use super::pgpass_lookup;

    #[test]
    fn pgpass_lines_match_with_wildcards_and_escapes() {
        let text = "# comment\nother:5432:*:ana:no\n*:5433:osint:ana:s3\\:cret\n";
        assert_eq!(
            pgpass_lookup(text, &["127.0.0.1", "5433", "osint", "ana"]),
            Some("s3:cret".to_owned())
        );
        assert_eq!(
            pgpass_lookup(text, &["127.0.0.1", "5432", "osint", "ana"]),
            None
        );
    }
}
