//! Seeded synthetic datasets for benchmarks and for trying Swimline at scale: `n` events over `l`
//! actors, spanning 1990–2025, mixing day points, intervals, approximate and month-precision
//! dates, relative dates and multi-actor events. The same seed always gives the same bytes.

use std::fmt::Write as _;
use std::io::{self, Write};

use crate::model::time::{CivilDateTime, SECS_PER_DAY, Timestamp};

/// SplitMix64: a tiny, well-known generator; quality is ample for test data.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n`.
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
}

/// The output format.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GenFormat {
    /// Swimline CSV.
    Csv,
    /// `swimline/1` JSON.
    Json,
}

/// What to generate.
#[derive(Clone, Copy, Debug)]
pub struct Spec {
    /// Number of events.
    pub events: usize,
    /// Number of actors (lanes).
    pub actors: usize,
    /// Seed of the generator.
    pub seed: u64,
}

const WORDS: [&str; 16] = [
    "talks",
    "convoy",
    "strike",
    "statement",
    "raid",
    "protest",
    "ceasefire",
    "shipment",
    "meeting",
    "report",
    "denial",
    "exercise",
    "checkpoint",
    "election",
    "summit",
    "deal",
];
const KINDS: [&str; 5] = ["action", "statement", "claim", "denial", "context"];

/// One event's fields as text.
struct Row {
    id: String,
    title: String,
    start: String,
    end: String,
    actors: Vec<usize>,
    kind: &'static str,
}

fn day(t: i64) -> String {
    let c = Timestamp(t).civil();
    format!("{:04}-{:02}-{:02}", c.year, c.month, c.day)
}

fn rows(spec: Spec) -> impl Iterator<Item = Row> {
    let mut rng = Rng(spec.seed);
    let start = CivilDateTime::date(1990, 1, 1).timestamp().0;
    let span_days = (CivilDateTime::date(2025, 1, 1).timestamp().0 - start) / SECS_PER_DAY;
    (0..spec.events).map(move |i| {
        let t = start + rng.below(span_days as u64) as i64 * SECS_PER_DAY;
        let shape = rng.below(100);
        let (start_text, end_text) = match shape {
            0..=59 => (day(t), String::new()),
            60..=79 => {
                let length = 1 + rng.below(90) as i64;
                (day(t), day(t + length * SECS_PER_DAY))
            }
            80..=89 => (format!("{}~", day(t)), String::new()),
            90..=94 => {
                let c = Timestamp(t).civil();
                (format!("{:04}-{:02}", c.year, c.month), String::new())
            }
            _ if i > 0 => {
                let target = rng.below(i as u64);
                let days = 1 + rng.below(30);
                (format!("@{{e{target}}}+P{days}D"), String::new())
            }
            _ => (day(t), String::new()),
        };
        let first = rng.below(spec.actors as u64) as usize;
        let mut actors = vec![first];
        if rng.below(10) == 0 && spec.actors > 1 {
            let second = rng.below(spec.actors as u64) as usize;
            if second != first {
                actors.push(second);
            }
        }
        let word = WORDS[rng.below(WORDS.len() as u64) as usize];
        Row {
            id: format!("e{i}"),
            title: format!("{word} {i}"),
            start: start_text,
            end: end_text,
            actors,
            kind: KINDS[rng.below(KINDS.len() as u64) as usize],
        }
    })
}

/// Writes a dataset in `format` to `out`.
pub fn write(spec: Spec, format: GenFormat, out: &mut impl Write) -> io::Result<()> {
    let mut line = String::with_capacity(128);
    match format {
        GenFormat::Csv => {
            writeln!(out, "id,title,start,end,actors,kind")?;
            for row in rows(spec) {
                line.clear();
                let actors: Vec<String> = row.actors.iter().map(|a| format!("actor {a}")).collect();
                let _ = writeln!(
                    line,
                    "{},{},{},{},{},{}",
                    row.id,
                    row.title,
                    row.start,
                    row.end,
                    actors.join(";"),
                    row.kind
                );
                out.write_all(line.as_bytes())?;
            }
        }
        GenFormat::Json => {
            writeln!(out, "{{\"format\": \"swimline/1\",")?;
            writeln!(
                out,
                "\"title\": \"Synthetic: {} events, {} actors, seed {}\",",
                spec.events, spec.actors, spec.seed
            )?;
            write!(out, "\"actors\": [")?;
            for a in 0..spec.actors {
                let sep = if a > 0 { "," } else { "" };
                write!(out, "{sep}\n{{\"id\": \"actor {a}\"}}")?;
            }
            write!(out, "],\n\"events\": [")?;
            for (k, row) in rows(spec).enumerate() {
                line.clear();
                let sep = if k > 0 { "," } else { "" };
                let time = if row.end.is_empty() {
                    row.start
                } else {
                    format!("{}/{}", row.start, row.end)
                };
                let actors: Vec<String> = row
                    .actors
                    .iter()
                    .map(|a| format!("\"actor {a}\""))
                    .collect();
                let _ = write!(
                    line,
                    "{sep}\n{{\"id\": \"{}\", \"title\": \"{}\", \"time\": \"{time}\", \"actors\": [{}], \"kind\": \"{}\"}}",
                    row.id,
                    row.title,
                    actors.join(", "),
                    row.kind
                );
                out.write_all(line.as_bytes())?;
            }
            writeln!(out, "]}}")?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::{GenFormat, Spec, write};

    #[test]
    fn generated_files_load_and_are_deterministic() {
        let spec = Spec {
            events: 2000,
            actors: 7,
            seed: 42,
        };
        for format in [GenFormat::Csv, GenFormat::Json] {
            let mut a = Vec::new();
            let mut b = Vec::new();
            assert!(write(spec, format, &mut a).is_ok() && write(spec, format, &mut b).is_ok());
            assert_eq!(a, b, "same seed, same bytes");
            let loaded = crate::io::load_bytes("gen", &a);
            let (dataset, _, warnings) = loaded.unwrap_or_else(|e| panic!("{format:?}: {e}"));
            assert_eq!(dataset.events.len(), 2000);
            assert_eq!(dataset.actors.len(), 7);
            assert!(warnings.is_empty(), "{warnings:?}");
        }
    }
}
