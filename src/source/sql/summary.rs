//! Summaries as SQL: the levels a summary keeps, which level counts which bins, and the query
//! that makes one (the same text for both engines; [`crate::source::summary`] runs it).

use super::{LANE, SqlFilter, TableLayout, quote};
use crate::model::EventKind;

/// The widths of a summary's bins, as powers of two of seconds: 2^16 s (18 hours), 2^20 s (12
/// days) and 2^24 s (194 days). Bins are counted from the epoch, so a level serves every bin
/// width at least its own (the window's bins are whole multiples of it): the widest level
/// not wider than the bins asked is read.
pub const SUMMARY_LEVELS: [u32; 3] = [16, 20, 24];

/// The columns of a summary: per level, lane and bin, the rows (`n`) and the rows of each kind
/// (`n_action` counts an empty kind too); at the widest level also the first second, the last
/// second touched and the longest row (seconds), for the lanes' extent.
pub const SUMMARY_COLUMNS: &str = "level, lane, bin, n, n_action, n_statement, n_claim, n_denial, \
                                   n_context, first, last, longest";

/// The name of `table`'s summary, in its schema: `events` → `events_swimline_summary`.
/// PostgreSQL cuts identifiers at 63 bytes, so a table name longer than 46 bytes would lose
/// the suffix and collide (`summarize` failed with "relation … already exists"): its name is
/// then shortened at a character boundary and told apart by 8 hex digits of its hash.
pub fn summary_name(table: &str) -> String {
    const SUFFIX: &str = "_swimline_summary";
    const MAX_IDENTIFIER_BYTES: usize = 63;
    let (schema, name) = match table.rsplit_once('.') {
        Some((schema, name)) => (Some(schema), name),
        None => (None, table),
    };
    let short = if name.len() + SUFFIX.len() <= MAX_IDENTIFIER_BYTES {
        name.to_owned()
    } else {
        // FNV-1a of the whole name: stable across runs and machines.
        let hash = name.bytes().fold(0x811c_9dc5_u32, |h, b| {
            (h ^ u32::from(b)).wrapping_mul(0x0100_0193)
        });
        let room = MAX_IDENTIFIER_BYTES - SUFFIX.len() - 9;
        let mut cut = room;
        while !name.is_char_boundary(cut) {
            cut -= 1;
        }
        format!("{}_{hash:08x}", &name[..cut])
    };
    match schema {
        Some(schema) => format!("{schema}.{short}{SUFFIX}"),
        None => format!("{short}{SUFFIX}"),
    }
}

impl TableLayout {
    /// The level of the summary that counts bins of `bin_secs` under `filter`: the widest not
    /// wider than they are. `None` when there is no summary, the bins are narrower than its
    /// finest level, or the filter needs the rows themselves (a search, a date range).
    pub fn summary_level(&self, filter: &SqlFilter, bin_secs: i64) -> Option<u32> {
        let plain = filter.search.as_deref().is_none_or(|s| s.trim().is_empty())
            && filter.date_range.is_none();
        if self.summary.is_none() || !plain {
            return None;
        }
        SUMMARY_LEVELS
            .iter()
            .rev()
            .copied()
            .find(|&k| bin_secs >= 1_i64 << k)
    }

    /// How many times wider (a power of two) the bins of the lanes off screen are when the
    /// plan's are `bin_secs` wide: at least [`crate::source::plan::COARSE_SHIFT`], and where the
    /// summary serves, the first of its levels from there up to a chunk (2^10 bins), so that
    /// each coarse bin is one summary row (a chunk is a level's whole multiple, so the counts
    /// stay exact). For 2^15 s bins: 2^24 s, one row where 2^21 s bins read four.
    pub fn coarse_shift_for(&self, filter: &SqlFilter, bin_secs: i64) -> u32 {
        let least = crate::source::plan::COARSE_SHIFT;
        if bin_secs <= 0 || self.summary_level(filter, bin_secs << least).is_none() {
            return least;
        }
        let bin = bin_secs.ilog2();
        let most = crate::source::plan::BINS_PER_CHUNK.ilog2();
        (least..=most)
            .find(|s| SUMMARY_LEVELS.contains(&(bin + s)))
            .unwrap_or(least)
    }

    /// Whether the bins of `filter` at `bin_secs` can be counted from the summary.
    pub fn summary_serves(&self, filter: &SqlFilter, bin_secs: i64) -> bool {
        self.summary_level(filter, bin_secs).is_some()
    }

    /// A summary row's count of what `filter` shows: its rows less those of hidden kinds.
    pub(super) fn summary_count(&self, filter: &SqlFilter) -> String {
        let mut count = "n".to_owned();
        for kind in EventKind::ALL {
            if filter.hidden_kinds.contains(&kind) {
                count.push_str(&format!(" - n_{}", kind.name()));
            }
        }
        count
    }

    /// The query that makes a summary of this table: rows per lane and bin of 2^16 s counted
    /// once ([`TableLayout::summary_finest_sql`]), then added up into the wider levels
    /// ([`summary_levels_sql`]).
    pub fn summary_select_sql(&self) -> String {
        format!(
            "WITH swimline_finest AS ({}) {}",
            self.summary_finest_sql(),
            summary_levels_sql("swimline_finest")
        )
    }

    /// Rows per lane and bin of the finest level, with the rows of each kind and the first,
    /// last and longest seconds: `(lane, bin, n, n_action, …, first, last, longest)`.
    pub fn summary_finest_sql(&self) -> String {
        // Rows with no finite start are not drawn (the lanes' query counts them for a
        // warning); an open end does not stretch the extent.
        let start = self.finite_start();
        let end = self.finite_end();
        let kind = if self.has("kind") {
            "lower(coalesce(CAST(kind AS TEXT), ''))"
        } else {
            "''"
        };
        let per_kind: Vec<String> = EventKind::ALL
            .iter()
            .map(|k| {
                let test = if *k == EventKind::Action {
                    format!("{kind} IN ('action', '')")
                } else {
                    format!("{kind} = {}", quote(k.name()))
                };
                format!(
                    "CAST(sum(CASE WHEN {test} THEN 1 ELSE 0 END) AS BIGINT) AS n_{}",
                    k.name()
                )
            })
            .collect();
        format!(
            "SELECT {LANE} AS lane, CAST(floor({start} / {}) AS BIGINT) AS bin, \
             CAST(count(*) AS BIGINT) AS n, {}, min({start}) AS first, max({end}) AS last, \
             max({end} - {start}) AS longest FROM {} WHERE {start} IS NOT NULL GROUP BY 1, 2",
            1_i64 << SUMMARY_LEVELS[0],
            per_kind.join(", "),
            self.relation
        )
    }
}

/// Every level of a summary from its finest rows, read from `finest_rows` (a relation with the
/// columns of [`TableLayout::summary_finest_sql`]).
pub fn summary_levels_sql(finest_rows: &str) -> String {
    let finest = SUMMARY_LEVELS[0];
    let widest = SUMMARY_LEVELS[SUMMARY_LEVELS.len() - 1];
    let mut sql = String::new();
    let kinds: Vec<String> = EventKind::ALL
        .iter()
        .map(|k| format!("n_{}", k.name()))
        .collect();
    let none = "CAST(NULL AS DOUBLE PRECISION)";
    for (i, &k) in SUMMARY_LEVELS.iter().enumerate() {
        if i > 0 {
            sql.push_str(" UNION ALL ");
        }
        if k == finest {
            sql.push_str(&format!(
                "SELECT {k} AS level, lane, bin, n, {}, {none} AS first, {none} AS last, \
                     {none} AS longest FROM {finest_rows}",
                kinds.join(", ")
            ));
            continue;
        }
        let sums: Vec<String> = kinds
            .iter()
            .map(|c| format!("CAST(sum({c}) AS BIGINT)"))
            .collect();
        let extent = if k == widest {
            "min(first), max(last), max(longest)".to_owned()
        } else {
            format!("{none}, {none}, {none}")
        };
        sql.push_str(&format!(
            "SELECT {k}, lane, CAST(floor(bin / CAST({} AS DOUBLE PRECISION)) AS BIGINT), \
                 CAST(sum(n) AS BIGINT), {}, {extent} FROM {finest_rows} GROUP BY 2, 3",
            1_i64 << (k - finest),
            sums.join(", ")
        ));
    }
    sql
}

impl TableLayout {
    /// The statements that make (or remake) the summary `name` (quoted) of this table as a
    /// materialised view, indexed by level, lane and bin (PostgreSQL). Its rows are written in
    /// the index's order, so that the bins of the lanes on screen are read from a few pages:
    /// in the order the counting left them, reading 663k rows of 40 lanes took 2.1 s.
    pub fn make_summary_sql(&self, name: &str, index: &str) -> String {
        format!(
            "DROP MATERIALIZED VIEW IF EXISTS {name}; \
             CREATE MATERIALIZED VIEW {name} AS SELECT * FROM ({}) AS swimline_summary \
             ORDER BY level, lane, bin; \
             CREATE INDEX {index} ON {name} (level, lane, bin); ANALYZE {name};",
            self.summary_select_sql()
        )
    }
}

#[cfg(test)]
mod name_tests {
    use super::summary_name;

    #[test]
    fn a_long_table_name_gives_a_summary_name_postgresql_keeps_whole() {
        assert_eq!(summary_name("events"), "events_swimline_summary");
        assert_eq!(summary_name("s.events"), "s.events_swimline_summary");
        let long_a = "a".repeat(60);
        let long_b = format!("{}b", "a".repeat(59));
        let (a, b) = (summary_name(&long_a), summary_name(&long_b));
        assert!(a.len() <= 63 && b.len() <= 63, "{a} {b}");
        assert_ne!(a, b, "names that share their first 46 bytes differ");
        assert!(a.ends_with("_swimline_summary"));
        let cyrillic = "события".repeat(6);
        let c = summary_name(&format!("public.{cyrillic}"));
        assert!(
            c.strip_prefix("public.").is_some_and(|n| n.len() <= 63),
            "{c}"
        );
    }
}
