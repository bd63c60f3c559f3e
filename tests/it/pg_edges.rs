//! PostgreSQL at its edges, against real servers: TLS as libpq's `sslmode` means it (a second
//! throwaway server started here with `ssl=on` and certificates made by the test with
//! `rcgen`), and rows the timeline used to lose (infinite times, empty or missing lanes and
//! starts, years far from ours). Needs the test server named in `SWIMLINE_TEST_PG`, as
//! `sources` does (`./scripts/check.sh` starts it).

use std::path::{Path, PathBuf};

use swimline::source::connect::open_now;
use swimline::source::plan::Plan;
use swimline::source::sql::{NO_LANE, SqlFilter};
use swimline::source::window::{Request, extent_of, fetch_window};

use super::{root, temp_dir};

/// The test server's connection string.
fn pg_url() -> String {
    std::env::var("SWIMLINE_TEST_PG").unwrap_or_else(|_| {
        panic!(
            "SWIMLINE_TEST_PG is not set: run the tests with ./scripts/check.sh, which starts a \
             PostgreSQL server for them (or start one with scripts/pg-test-server.sh start DIR \
             and set SWIMLINE_TEST_PG to what it prints)"
        )
    })
}

/// Runs `sql` on the server at `url` (plain text: the test's own setup).
fn execute(url: &str, sql: &str) {
    let mut client = postgres::Client::connect(url, postgres::NoTls)
        .unwrap_or_else(|e| panic!("the test server at {url}: {e}"));
    client.batch_execute(sql).unwrap_or_else(|e| panic!("{e}"));
}

/// A certificate authority made for one test, and the server certificates it signs.
struct Ca {
    cert_pem: String,
    issuer: rcgen::Issuer<'static, rcgen::KeyPair>,
}

impl Ca {
    fn new(name: &str) -> Self {
        let mut params =
            rcgen::CertificateParams::new(Vec::<String>::new()).unwrap_or_else(|e| panic!("{e}"));
        params.is_ca = rcgen::IsCa::Ca(rcgen::BasicConstraints::Unconstrained);
        params
            .distinguished_name
            .push(rcgen::DnType::CommonName, name);
        params.key_usages = vec![
            rcgen::KeyUsagePurpose::KeyCertSign,
            rcgen::KeyUsagePurpose::DigitalSignature,
        ];
        let key = rcgen::KeyPair::generate().unwrap_or_else(|e| panic!("{e}"));
        let cert = params.self_signed(&key).unwrap_or_else(|e| panic!("{e}"));
        Self {
            cert_pem: cert.pem(),
            issuer: rcgen::Issuer::new(params, key),
        }
    }

    /// A server certificate for `names` and its key, as PEM texts.
    fn server(&self, names: &[&str]) -> (String, String) {
        let names: Vec<String> = names.iter().map(|n| (*n).to_owned()).collect();
        let mut params = rcgen::CertificateParams::new(names).unwrap_or_else(|e| panic!("{e}"));
        params
            .distinguished_name
            .push(rcgen::DnType::CommonName, "swimline test server");
        params
            .extended_key_usages
            .push(rcgen::ExtendedKeyUsagePurpose::ServerAuth);
        let key = rcgen::KeyPair::generate().unwrap_or_else(|e| panic!("{e}"));
        let cert = params
            .signed_by(&key, &self.issuer)
            .unwrap_or_else(|e| panic!("{e}"));
        (cert.pem(), key.serialize_pem())
    }
}

/// A throwaway server of `scripts/pg-test-server.sh`, stopped when dropped.
struct Server {
    dir: PathBuf,
    url: String,
}

impl Server {
    /// Starts a server in `dir` with TLS on, serving `cert` and `key` (PEM files).
    fn start_tls(dir: &Path, cert: &Path, key: &Path) -> Self {
        let cluster = dir.join("cluster");
        let run = std::process::Command::new(root().join("scripts/pg-test-server.sh"))
            .arg("start")
            .arg(&cluster)
            .arg(cert)
            .arg(key)
            .output()
            .unwrap_or_else(|e| panic!("{e}"));
        assert!(
            run.status.success(),
            "the TLS test server did not start: {}",
            String::from_utf8_lossy(&run.stderr)
        );
        Self {
            dir: cluster,
            url: String::from_utf8_lossy(&run.stdout).trim().to_owned(),
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = std::process::Command::new(root().join("scripts/pg-test-server.sh"))
            .arg("stop")
            .arg(&self.dir)
            .output();
    }
}

/// Whether the connection to `source` is encrypted (as the server sees it), or why it failed.
fn encrypted(source: &str) -> Result<bool, String> {
    let mut opened = open_now(source, None)?;
    let rows = opened
        .engine
        .query("SELECT CAST(ssl AS TEXT) FROM pg_stat_ssl WHERE pid = pg_backend_pid()")
        .map_err(|e| e.to_string())?;
    let lanes: Vec<&str> = opened.lanes.iter().map(|l| l.name.as_str()).collect();
    assert_eq!(lanes, ["Russia", "Taliban"], "{source}: the table is read");
    Ok(rows.first().and_then(|r| r.first()).and_then(|v| v.text()) == Some("true"))
}

#[test]
fn tls_as_libpq_means_sslmode() {
    let dir = temp_dir("pg-tls");
    let ca = Ca::new("Swimline test CA");
    let other = Ca::new("Someone else's CA");
    // The server's certificate names db.example and localhost, not 127.0.0.1.
    let (cert, key) = ca.server(&["db.example", "localhost"]);
    let write = |name: &str, text: &str| {
        let path = dir.join(name);
        std::fs::write(&path, text).unwrap_or_else(|e| panic!("{e}"));
        path
    };
    let ca_file = write("ca.pem", &ca.cert_pem);
    let other_file = write("other-ca.pem", &other.cert_pem);
    let server = Server::start_tls(
        &dir,
        &write("server.crt", &cert),
        &write("server.key", &key),
    );
    execute(
        &server.url,
        "CREATE TABLE t_tls (id text, title text, start_time timestamp, lane text);
         INSERT INTO t_tls VALUES ('a', 'Talks', '2018-03-23', 'Russia'),
                                  ('b', 'Denial', '2018-03-24', 'Taliban');",
    );
    let by_ip = |query: &str| format!("{}?{query}&table=t_tls", server.url);
    let by_name = |query: &str| by_ip(query).replace("@127.0.0.1:", "@localhost:");
    let ca_at = format!("sslrootcert={}", ca_file.display());

    // verify-full with the right CA and a name the certificate carries: encrypted, and read.
    assert_eq!(
        encrypted(&by_name(&format!("sslmode=verify-full&{ca_at}"))),
        Ok(true)
    );
    // The same by address: the certificate is not for 127.0.0.1 — said with its names.
    let err = encrypted(&by_ip(&format!("sslmode=verify-full&{ca_at}")))
        .expect_err("the name is checked");
    assert!(
        err.contains("is for db.example, localhost, not 127.0.0.1"),
        "{err}"
    );
    // verify-ca checks the chain only.
    assert_eq!(
        encrypted(&by_ip(&format!("sslmode=verify-ca&{ca_at}"))),
        Ok(true)
    );
    // Another CA, or the machine's own: refused, in words.
    let err = encrypted(&by_name(&format!(
        "sslmode=verify-full&sslrootcert={}",
        other_file.display()
    )))
    .expect_err("another CA");
    assert!(
        err.contains("is not signed by the CAs of sslrootcert=") && err.contains("other-ca.pem"),
        "{err}"
    );
    let err = encrypted(&by_name("sslmode=verify-full")).expect_err("not a CA of this machine");
    assert!(
        err.contains(
            "is not signed by a CA this machine trusts (sslrootcert= names a private one)"
        ),
        "{err}"
    );
    // require encrypts without checking; prefer (also when nothing is said) uses TLS when offered.
    assert_eq!(encrypted(&by_ip("sslmode=require")), Ok(true));
    assert_eq!(encrypted(&by_ip("sslmode=prefer")), Ok(true));
    assert_eq!(encrypted(&format!("{}?table=t_tls", server.url)), Ok(true));
    // disable: plain text, as before.
    assert_eq!(encrypted(&by_ip("sslmode=disable")), Ok(false));

    // The shared test server has no TLS: require is refused in words, prefer falls back.
    execute(
        &pg_url(),
        "DROP TABLE IF EXISTS t_plain; CREATE TABLE t_plain (id text, title text, \
         start_time timestamp, lane text); INSERT INTO t_plain VALUES \
         ('a', 'Talks', '2018-03-23', 'Russia'), ('b', 'Denial', '2018-03-24', 'Taliban');",
    );
    let plain = |query: &str| format!("{}?{query}&table=t_plain", pg_url());
    let err = encrypted(&plain("sslmode=require")).expect_err("no TLS there");
    let place = pg_url()
        .split('@')
        .nth(1)
        .and_then(|rest| rest.split('/').next())
        .unwrap_or_default()
        .to_owned();
    assert!(
        err.contains(&format!(
            "the server at {place} does not offer TLS and sslmode=require asks for it"
        )),
        "{err}"
    );
    assert_eq!(encrypted(&plain("sslmode=prefer")), Ok(false));
    assert_eq!(encrypted(&plain("sslmode=disable")), Ok(false));
    drop(server);
    let _ = std::fs::remove_dir_all(dir);
}

/// Makes table `name` (id, title, start_time, end_time, lane) on the test server with two
/// plain rows (lanes Russia and Taliban, March 2018) and the rows `values` adds.
fn rows_table(name: &str, values: &str) -> String {
    execute(
        &pg_url(),
        &format!(
            "DROP TABLE IF EXISTS {name};
             CREATE TABLE {name} (id text, title text, start_time timestamp,
                 end_time timestamp, lane text);
             INSERT INTO {name} VALUES
                 ('a', 'Talks', '2018-03-23', NULL, 'Russia'),
                 ('b', 'Denial', '2018-03-24', NULL, 'Taliban'){values};"
        ),
    );
    format!("{}?table={name}", pg_url())
}

/// `swimline check SOURCE --json` and `swimline render SOURCE` as SVG: the check's line and
/// the picture.
fn check_and_render(source: &str, dir: &Path) -> (serde_json::Value, String) {
    let run = |args: &[&str]| {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_swimline"))
            .args(args)
            .env("XDG_DATA_HOME", dir.join("xdg"))
            .output()
            .unwrap_or_else(|e| panic!("{e}"));
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        out.stdout
    };
    let line = run(&["check", source, "--json"]);
    let line: serde_json::Value = serde_json::from_slice(&line).unwrap_or_else(|e| panic!("{e}"));
    let svg = dir.join("report.svg");
    let _ = std::fs::remove_file(&svg);
    run(&["render", source, "-o", &svg.to_string_lossy()]);
    (line, std::fs::read_to_string(&svg).unwrap_or_default())
}

#[test]
fn a_row_ending_at_infinity_is_drawn_open_ended_and_the_others_with_it() {
    let dir = temp_dir("pg-infinity");
    let source = rows_table(
        "t_infinity",
        ", ('c', 'Still going', '2018-03-25', 'infinity', 'Russia')",
    );
    let (line, svg) = check_and_render(&source, &dir);
    assert_eq!(line["events"], 3);
    assert_eq!(line["start"], "2018-03-23");
    assert_eq!(line["end"], "2018-03-25", "the open end is not a date");
    assert!(svg.contains(">3 rows in view"), "{svg}");
    for title in ["Talks", "Denial", "Still going"] {
        assert!(svg.contains(title), "{title} is drawn");
    }
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn rows_of_an_empty_or_missing_lane_are_drawn_in_the_lane_of_no_lane() {
    let dir = temp_dir("pg-no-lane");
    let source = rows_table(
        "t_no_lane",
        ", ('e', 'Empty lane row', '2018-03-25', NULL, ''), \
         ('n', 'Null lane row', '2018-03-26', NULL, NULL)",
    );
    let (line, svg) = check_and_render(&source, &dir);
    assert_eq!(line["events"], 4);
    assert_eq!(
        line["lanes"],
        serde_json::json!([
            {"lane": "Russia", "events": 1},
            {"lane": "Taliban", "events": 1},
            {"lane": "(no lane)", "events": 2}
        ])
    );
    assert!(svg.contains(">4 rows in view"), "{svg}");
    assert!(svg.contains(">(no lane)</text>"));
    for title in ["Talks", "Denial", "Empty lane row", "Null lane row"] {
        assert!(svg.contains(title), "{title} is drawn");
    }
    // Hiding another lane keeps them (a NULL lane is not "not in" any list).
    let out = dir.join("hidden.svg");
    let run = std::process::Command::new(env!("CARGO_BIN_EXE_swimline"))
        .args(["render", &source, "--lanes", "Russia,(no lane)", "-o"])
        .arg(&out)
        .env("XDG_DATA_HOME", dir.join("xdg"))
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let hidden = std::fs::read_to_string(&out).unwrap_or_default();
    assert!(hidden.contains("Null lane row") && hidden.contains("Empty lane row"));
    assert!(!hidden.contains("Denial"));
    // As the window asks: "(no lane)" on screen (fine bins, its events), the rest coarse.
    let mut opened = open_now(&source, None).unwrap_or_else(|e| panic!("{e}"));
    let (a, b) = extent_of(&opened.lanes).unwrap_or((0, 1));
    let request = Request {
        plan: Plan::for_view(a as f64, b as f64, 1000.0),
        filter: SqlFilter::default(),
        fine: Some(vec![NO_LANE.to_owned()]),
    };
    let answer = fetch_window(opened.engine.as_mut(), &request).unwrap_or_else(|e| panic!("{e}"));
    let counted = |lane: &str| answer.bins.get(lane).map_or(0, |b| b.iter().sum::<u32>());
    assert_eq!(
        (counted(NO_LANE), counted("Russia"), counted("Taliban")),
        (2, 1, 1)
    );
    assert!(!answer.coarse.contains(NO_LANE) && answer.coarse.contains("Russia"));
    let mut titles: Vec<&str> = answer.events.iter().map(|e| e.title.as_str()).collect();
    titles.sort_unstable();
    assert_eq!(titles, ["Empty lane row", "Null lane row"]);
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn rows_with_no_start_are_counted_in_a_warning() {
    let source = rows_table(
        "t_no_start",
        ", ('x', 'Undated', NULL, NULL, 'Russia'), ('y', 'Undated too', NULL, '2018-04-01', \
         'Taliban'), ('z', 'Since always', '-infinity', '2018-03-20', 'Russia')",
    );
    let opened = open_now(&source, None).unwrap_or_else(|e| panic!("{e}"));
    let rows: u64 = opened.lanes.iter().map(|l| l.rows).sum();
    assert_eq!(rows, 2, "the rows drawn");
    assert_eq!(
        opened.warnings,
        [
            "2 rows have no start time and are not drawn",
            "1 row starts at -infinity or infinity and is not drawn"
        ]
    );
    // `check` lists them, in the one schema of files and databases.
    let dir = temp_dir("pg-no-start");
    let (line, _) = check_and_render(&source, &dir);
    assert_eq!(
        line["warnings"],
        serde_json::json!(opened.warnings),
        "check --json: {line}"
    );
}

#[test]
fn rows_from_4713_bc_to_294276_ad_are_all_in_view() {
    let dir = temp_dir("pg-years");
    let source = rows_table(
        "t_years",
        ", ('p', 'Julian day zero', '4713-11-24 00:00:00 BC', NULL, 'Far'), \
         ('q', 'Year 500 BC', '0500-06-01 BC', NULL, 'Far'), \
         ('r', 'Year one', '0001-01-01', NULL, 'Far'), \
         ('s', 'Last of 9999', '9999-12-31', NULL, 'Far'), \
         ('t', 'Last PostgreSQL day', '294276-12-31', NULL, 'Far')",
    );
    let (line, svg) = check_and_render(&source, &dir);
    assert_eq!(line["events"], 7);
    assert!(svg.contains(">7 rows in view"), "{svg}");
    for title in [
        "Julian day zero",
        "Year 500 BC",
        "Year one",
        "Last of 9999",
        "Last PostgreSQL day",
    ] {
        assert!(svg.contains(title), "{title} is drawn");
    }
    let _ = std::fs::remove_dir_all(dir);
}
