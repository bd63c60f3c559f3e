//! The table layout of `docs/sources.md` and the few queries the timeline asks of it, written
//! once for both engines (DuckDB and PostgreSQL read the same SQL here: `date_part('epoch', …)`,
//! `CAST(… AS TEXT)`, `ILIKE`, standard string literals).
//!
//! Every value put into a query is a number this module formats or a string literal it quotes
//! (`'` doubled); table names are checked identifiers ([`super::spec`]).

use crate::model::EventKind;
use crate::model::time::Timestamp;

/// The columns of the documented layout, in the order the events query selects them.
pub const COLUMNS: [&str; 9] = [
    "id",
    "title",
    "start_time",
    "end_time",
    "lane",
    "kind",
    "description",
    "source",
    "quote",
];

/// The columns a table must have.
pub const REQUIRED: [&str; 4] = ["id", "title", "start_time", "lane"];

/// How a column's values came back when the engine described the table.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ColumnType {
    /// `TIMESTAMP` (with or without a time zone).
    Timestamp,
    /// Any integer type.
    Integer,
    /// Text (or anything else that reads as text).
    Text,
    /// Something else, by the engine's name for it.
    Other(String),
}

/// How the times are stored.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TimeType {
    /// `TIMESTAMP`: compared with timestamp literals, read through `date_part('epoch', …)`.
    Timestamp,
    /// `BIGINT` seconds since 1970.
    Seconds,
}

/// A table in the documented layout, as found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TableLayout {
    /// What the queries read `FROM` (a quoted table name, or `read_parquet('…')`).
    pub relation: String,
    /// How `start_time` (and `end_time`) are stored.
    pub time: TimeType,
    /// Which of the optional columns exist, by name.
    pub optional: Vec<&'static str>,
    /// The table's day summary (`TABLE_swimline_days`: rows per lane, day and kind), quoted,
    /// when the database has one: wide views count from it instead of every row.
    pub summary: Option<String>,
    /// How long the longest row lasts (end − start, in seconds; at most a day more when read
    /// from the day summary), once the lanes have been read: the events of a window then look
    /// back only that far before it, which lets an engine skip what lies earlier (DuckDB's
    /// row-group statistics, PostgreSQL's index). `None`: not known, no bound.
    pub longest_secs: Option<i64>,
}

/// Bins at least this wide (2^17 s, about a day and a half) are counted from the day summary:
/// a day's rows then fall in the bin where the day starts, never more than a day off.
pub const SUMMARY_MIN_BIN_SECS: i64 = 1 << 17;

/// The columns of a day summary.
pub const SUMMARY_COLUMNS: &str = "lane, day, kind, n, last";

/// The name of `table`'s day summary, in its schema: `events` → `events_swimline_days`.
pub fn summary_name(table: &str) -> String {
    format!("{table}_swimline_days")
}

/// What the timeline hides or looks for, pushed into every query's `WHERE`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct SqlFilter {
    /// Kinds not shown (a missing or empty kind is an action).
    pub hidden_kinds: Vec<EventKind>,
    /// Lanes not shown, by name.
    pub hidden_lanes: Vec<String>,
    /// Only events touching `[from, to)`, in seconds.
    pub date_range: Option<(i64, i64)>,
    /// Only events whose title, description, lane, source or quote contain this (any case).
    pub search: Option<String>,
}

/// Why a table cannot be read in the layout, in the user's words.
pub fn layout_of(
    table: &str,
    relation: String,
    columns: &[(String, ColumnType)],
) -> Result<TableLayout, String> {
    let find = |name: &str| {
        columns
            .iter()
            .find(|(c, _)| c.eq_ignore_ascii_case(name))
            .map(|(_, t)| t)
    };
    let missing: Vec<&str> = REQUIRED
        .iter()
        .copied()
        .filter(|c| find(c).is_none())
        .collect();
    if !missing.is_empty() {
        let found: Vec<&str> = columns.iter().map(|(c, _)| c.as_str()).collect();
        return Err(format!(
            "{table} has no column {}: a timeline table needs id, title, start_time and lane \
             (and may have end_time, kind, description, source, quote; see docs/sources.md). \
             Its columns are: {}",
            missing.join(", "),
            if found.is_empty() {
                "none".to_owned()
            } else {
                found.join(", ")
            }
        ));
    }
    let time = match find("start_time") {
        Some(ColumnType::Timestamp) => TimeType::Timestamp,
        Some(ColumnType::Integer) => TimeType::Seconds,
        Some(other) => {
            return Err(format!(
                "{table}.start_time is {}: expected TIMESTAMP, or BIGINT seconds since 1970",
                type_words(other)
            ));
        }
        None => TimeType::Timestamp,
    };
    if let Some(end) = find("end_time") {
        let same = matches!(
            (time, end),
            (TimeType::Timestamp, ColumnType::Timestamp) | (TimeType::Seconds, ColumnType::Integer)
        );
        if !same {
            return Err(format!(
                "{table}.end_time is {} but start_time is {}: both must be the same type",
                type_words(end),
                match time {
                    TimeType::Timestamp => "a TIMESTAMP",
                    TimeType::Seconds => "an integer",
                }
            ));
        }
    }
    let optional = COLUMNS[3..]
        .iter()
        .copied()
        .filter(|c| *c != "lane" && find(c).is_some())
        .collect();
    Ok(TableLayout {
        relation,
        time,
        optional,
        summary: None,
        longest_secs: None,
    })
}

fn type_words(t: &ColumnType) -> String {
    match t {
        ColumnType::Timestamp => "a TIMESTAMP".into(),
        ColumnType::Integer => "an integer".into(),
        ColumnType::Text => "text".into(),
        ColumnType::Other(name) => format!("of type {name}"),
    }
}

/// `text` as an SQL string literal.
pub fn quote(text: &str) -> String {
    format!("'{}'", text.replace('\'', "''"))
}

/// A table name (checked: letters, digits, `_`, one `.`) as a quoted identifier.
pub fn quote_table(name: &str) -> String {
    name.split('.')
        .map(|p| format!("\"{p}\""))
        .collect::<Vec<_>>()
        .join(".")
}

impl TableLayout {
    fn has(&self, column: &str) -> bool {
        self.optional.contains(&column)
    }

    /// The start, in seconds, as an SQL expression.
    fn start_secs(&self) -> &'static str {
        match self.time {
            TimeType::Timestamp => "CAST(date_part('epoch', start_time) AS DOUBLE PRECISION)",
            TimeType::Seconds => "CAST(start_time AS DOUBLE PRECISION)",
        }
    }

    /// The end (the start when there is none), in seconds.
    fn end_secs(&self) -> &'static str {
        match (self.time, self.has("end_time")) {
            (TimeType::Timestamp, true) => {
                "CAST(date_part('epoch', coalesce(end_time, start_time)) AS DOUBLE PRECISION)"
            }
            (TimeType::Seconds, true) => "CAST(coalesce(end_time, start_time) AS DOUBLE PRECISION)",
            _ => self.start_secs(),
        }
    }

    /// `secs` as a literal comparable with `start_time`.
    fn time_literal(&self, secs: i64) -> String {
        match self.time {
            TimeType::Seconds => secs.to_string(),
            TimeType::Timestamp => {
                // TIMESTAMP literals hold years 1 to 9999 in both engines.
                let lo = crate::model::time::CivilDateTime::date(1, 1, 1)
                    .timestamp()
                    .0;
                let hi = crate::model::time::CivilDateTime::date(9999, 12, 31)
                    .timestamp()
                    .0;
                let c = Timestamp(secs.clamp(lo, hi)).civil();
                format!(
                    "TIMESTAMP '{:04}-{:02}-{:02} {:02}:{:02}:{:02}'",
                    c.year, c.month, c.day, c.hour, c.minute, c.second
                )
            }
        }
    }

    /// The `WHERE` conditions of `filter` (each begins with ` AND `).
    fn filter_sql(&self, filter: &SqlFilter) -> String {
        let mut sql = String::new();
        if !filter.hidden_kinds.is_empty() {
            let kinds: Vec<String> = filter
                .hidden_kinds
                .iter()
                .map(|k| quote(k.name()))
                .collect();
            if self.has("kind") {
                let action_hidden = filter.hidden_kinds.contains(&EventKind::Action);
                sql.push_str(&format!(
                    " AND (lower(coalesce(kind, '')) NOT IN ({}){})",
                    kinds.join(", "),
                    if action_hidden {
                        " AND coalesce(kind, '') <> ''"
                    } else {
                        ""
                    }
                ));
            } else if filter.hidden_kinds.contains(&EventKind::Action) {
                // With no kind column every event is an action.
                sql.push_str(" AND 1 = 0");
            }
        }
        if !filter.hidden_lanes.is_empty() {
            let lanes: Vec<String> = filter.hidden_lanes.iter().map(|l| quote(l)).collect();
            sql.push_str(&format!(
                " AND CAST(lane AS TEXT) NOT IN ({})",
                lanes.join(", ")
            ));
        }
        if let Some((from, to)) = filter.date_range {
            sql.push_str(&format!(
                " AND start_time < {} AND {} >= {}",
                self.time_literal(to),
                self.end_column(),
                self.time_literal(from)
            ));
        }
        if let Some(needle) = filter.search.as_deref().filter(|s| !s.trim().is_empty()) {
            let escaped = needle
                .trim()
                .replace('\\', "\\\\")
                .replace('%', "\\%")
                .replace('_', "\\_");
            let pattern = quote(&format!("%{escaped}%"));
            let mut columns = vec!["title", "lane"];
            columns.extend(
                ["description", "source", "quote"]
                    .into_iter()
                    .filter(|c| self.has(c)),
            );
            let any: Vec<String> = columns
                .iter()
                .map(|c| format!("CAST({c} AS TEXT) ILIKE {pattern} ESCAPE '\\'"))
                .collect();
            sql.push_str(&format!(" AND ({})", any.join(" OR ")));
        }
        sql
    }

    fn end_column(&self) -> &'static str {
        if self.has("end_time") {
            "coalesce(end_time, start_time)"
        } else {
            "start_time"
        }
    }

    /// The day summary read as the table: `day` as `start_time`, `last` as `end_time`.
    fn summary_relation(&self) -> Option<String> {
        self.summary.as_ref().map(|s| {
            format!(
                "(SELECT lane, day AS start_time, last AS end_time, kind, n FROM {s}) AS swimline_days"
            )
        })
    }

    /// A view of the summary: the columns it has, for [`TableLayout::filter_sql`].
    fn as_summary(&self) -> Self {
        let mut optional = vec!["end_time", "kind"];
        optional.retain(|c| *c != "kind" || self.has("kind"));
        Self {
            relation: self.summary_relation().unwrap_or_default(),
            time: self.time,
            optional,
            summary: None,
            longest_secs: None,
        }
    }

    /// Whether the bins of `filter` at `bin_secs` can be counted from the day summary.
    pub fn summary_serves(&self, filter: &SqlFilter, bin_secs: i64) -> bool {
        self.summary.is_some()
            && bin_secs >= SUMMARY_MIN_BIN_SECS
            && filter.search.as_deref().is_none_or(|s| s.trim().is_empty())
    }

    /// Each lane with its number of rows, the first and last second it touches and how long
    /// its longest row lasts: `(lane TEXT, rows BIGINT, first DOUBLE, last DOUBLE, longest
    /// DOUBLE)`, by lane name (from the day summary when there is one: the first second is
    /// then its day's start, and the longest is measured from that start).
    pub fn lanes_sql(&self) -> String {
        if self.summary.is_some() {
            let s = self.as_summary();
            return format!(
                "SELECT CAST(lane AS TEXT), CAST(sum(n) AS BIGINT), min({start}), max({end}), \
                 max({end} - {start}) FROM {} GROUP BY 1 ORDER BY 1",
                s.relation,
                start = s.start_secs(),
                end = s.end_secs(),
            );
        }
        format!(
            "SELECT CAST(lane AS TEXT), CAST(count(*) AS BIGINT), min({start}), max({end}), \
             max({end} - {start}) FROM {} WHERE start_time IS NOT NULL GROUP BY 1 ORDER BY 1",
            self.relation,
            start = self.start_secs(),
            end = self.end_secs(),
        )
    }

    /// Notes how long the longest row lasts, from the rows of [`TableLayout::lanes_sql`].
    pub fn note_longest(&mut self, lanes: &[super::engine::Row]) {
        self.longest_secs = lanes
            .iter()
            .filter_map(|r| r.get(4).and_then(super::engine::Value::number))
            .map(|s| s.max(0.0).ceil() as i64)
            .max()
            .or(Some(0));
    }

    /// Rows per lane per bin of `bin_secs` starting in `[w0, w1)`: `(lane TEXT, bin BIGINT,
    /// rows BIGINT)`, bin 0 starting at `w0`; from the day summary where it serves.
    pub fn bins_sql(&self, filter: &SqlFilter, w0: i64, w1: i64, bin_secs: i64) -> String {
        self.bins_sql_for(filter, w0, w1, bin_secs, None)
    }

    /// As [`TableLayout::bins_sql`], with only the lanes of `fine` (when given) counted in bins
    /// of `bin_secs`: the others in bins `2^coarse_shift` times as wide, numbered from −1
    /// down (coarse bin `k` is `−1 − k`), so that a wide view of many lanes is a few counts a
    /// lane instead of thousands.
    pub fn bins_sql_for(
        &self,
        filter: &SqlFilter,
        w0: i64,
        w1: i64,
        bin_secs: i64,
        fine: Option<(&[String], u32)>,
    ) -> String {
        let (from, count, f) = if self.summary_serves(filter, bin_secs) {
            let s = self.as_summary();
            // A day that starts before the window but is in it is counted from its day.
            let w0_day = w0.div_euclid(86_400) * 86_400;
            (
                s.relation.clone(),
                "sum(n)",
                (
                    s.start_secs(),
                    s.time_literal(w0_day),
                    s.time_literal(w1),
                    s.filter_sql(filter),
                ),
            )
        } else {
            (
                self.relation.clone(),
                "count(*)",
                (
                    self.start_secs(),
                    self.time_literal(w0),
                    self.time_literal(w1),
                    self.filter_sql(filter),
                ),
            )
        };
        let (secs, lo, hi, conditions) = f;
        let fine_bin = format!("CAST(floor(({secs} - {w0}) / {bin_secs}) AS BIGINT)");
        let (bin, from) = match fine {
            None => (fine_bin, from),
            Some((lanes, shift)) => {
                let coarse = bin_secs.saturating_mul(1 << shift.min(20));
                let coarse = format!("-1 - CAST(floor(({secs} - {w0}) / {coarse}) AS BIGINT)");
                // The fine lanes as a table joined in: DuckDB tests `lane IN (…)` value by
                // value (30 names took 11 s over 100M rows; the join 5.6 s, the same grouping
                // of every lane in fine bins 7.3 s).
                let names: Vec<String> = lanes
                    .iter()
                    .filter(|l| l.as_str() != super::window::NO_LANE)
                    .map(|l| format!("({})", quote(l)))
                    .collect();
                let mut test = if names.is_empty() {
                    "FALSE".to_owned()
                } else {
                    "swimline_fine.fine_lane IS NOT NULL".to_owned()
                };
                if lanes.iter().any(|l| l == super::window::NO_LANE) {
                    test.push_str(" OR lane IS NULL");
                }
                let from = if names.is_empty() {
                    from
                } else {
                    format!(
                        "(SELECT * FROM {from}) AS swimline_rows LEFT JOIN (VALUES {}) AS \
                         swimline_fine(fine_lane) ON CAST(swimline_rows.lane AS TEXT) = \
                         swimline_fine.fine_lane",
                        names.join(", ")
                    )
                };
                (
                    format!("CASE WHEN {test} THEN {fine_bin} ELSE {coarse} END"),
                    from,
                )
            }
        };
        format!(
            "SELECT CAST(lane AS TEXT), {bin}, CAST({count} AS BIGINT) FROM {from} \
             WHERE start_time >= {lo} AND start_time < {hi}{conditions} GROUP BY 1, 2"
        )
    }

    /// The statements that make (or remake) the day summary `name` (quoted) of this table as a
    /// materialised view, with an index on its days (PostgreSQL).
    pub fn make_summary_sql(&self, name: &str, index: &str) -> String {
        let day = match self.time {
            TimeType::Timestamp => "date_trunc('day', start_time)",
            TimeType::Seconds => "CAST(floor(start_time / 86400.0) * 86400 AS BIGINT)",
        };
        let kind = if self.has("kind") {
            "lower(coalesce(CAST(kind AS TEXT), ''))"
        } else {
            "''"
        };
        format!(
            "DROP MATERIALIZED VIEW IF EXISTS {name}; \
             CREATE MATERIALIZED VIEW {name} AS SELECT CAST(lane AS TEXT) AS lane, {day} AS day, \
             {kind} AS kind, count(*) AS n, max({}) AS last FROM {} \
             WHERE start_time IS NOT NULL GROUP BY 1, 2, 3; \
             CREATE INDEX {index} ON {name} (day);",
            self.end_column(),
            self.relation
        )
    }

    /// The rows of `lanes` touching `[w0, w1)`, at most `limit`, in the column order of
    /// [`COLUMNS`] with times in seconds (missing optional columns are `NULL`).
    pub fn events_sql(
        &self,
        filter: &SqlFilter,
        lanes: &[String],
        w0: i64,
        w1: i64,
        limit: usize,
    ) -> String {
        let lanes: Vec<String> = lanes.iter().map(|l| quote(l)).collect();
        // Rows start at most the longest row's length before the window (when known).
        let reach = self
            .longest_secs
            .map(|longest| {
                format!(
                    " AND start_time >= {}",
                    self.time_literal(w0.saturating_sub(longest))
                )
            })
            .unwrap_or_default();
        format!(
            "SELECT {} FROM {} WHERE CAST(lane AS TEXT) IN ({}) AND start_time < {}{reach} \
             AND {} >= {}{} ORDER BY 5, 3, 1 LIMIT {limit}",
            self.select_list(),
            self.relation,
            lanes.join(", "),
            self.time_literal(w1),
            self.end_column(),
            self.time_literal(w0),
            self.filter_sql(filter)
        )
    }

    /// Every row of the event `id` (one per lane), in the order of [`COLUMNS`].
    pub fn event_sql(&self, id: &str) -> String {
        format!(
            "SELECT {} FROM {} WHERE CAST(id AS TEXT) = {} ORDER BY 5 LIMIT 1000",
            self.select_list(),
            self.relation,
            quote(id)
        )
    }

    /// The rows matching `filter` (its search, mostly), first in time, at most `limit`.
    pub fn matches_sql(&self, filter: &SqlFilter, limit: usize) -> String {
        format!(
            "SELECT {} FROM {} WHERE start_time IS NOT NULL{} ORDER BY 3, 1, 5 LIMIT {limit}",
            self.select_list(),
            self.relation,
            self.filter_sql(filter)
        )
    }

    /// How many rows match `filter`.
    pub fn count_sql(&self, filter: &SqlFilter) -> String {
        format!(
            "SELECT CAST(count(*) AS BIGINT) FROM {} WHERE start_time IS NOT NULL{}",
            self.relation,
            self.filter_sql(filter)
        )
    }

    fn select_list(&self) -> String {
        let text = |c: &str| {
            if self.has(c) {
                format!("CAST({c} AS TEXT)")
            } else {
                "CAST(NULL AS TEXT)".to_owned()
            }
        };
        let end = if self.has("end_time") {
            match self.time {
                TimeType::Timestamp => {
                    "CAST(date_part('epoch', end_time) AS DOUBLE PRECISION)".to_owned()
                }
                TimeType::Seconds => "CAST(end_time AS DOUBLE PRECISION)".to_owned(),
            }
        } else {
            "CAST(NULL AS DOUBLE PRECISION)".to_owned()
        };
        format!(
            "CAST(id AS TEXT), CAST(title AS TEXT), {}, {end}, CAST(lane AS TEXT), {}, {}, {}, {}",
            self.start_secs(),
            text("kind"),
            text("description"),
            text("source"),
            text("quote"),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::engine::Value;

    fn cols(list: &[(&str, ColumnType)]) -> Vec<(String, ColumnType)> {
        list.iter()
            .map(|(n, t)| ((*n).to_owned(), t.clone()))
            .collect()
    }

    #[test]
    fn the_layout_is_found_or_the_missing_columns_named() {
        let ok = layout_of(
            "events",
            "\"events\"".into(),
            &cols(&[
                ("id", ColumnType::Text),
                ("title", ColumnType::Text),
                ("START_TIME", ColumnType::Integer),
                ("end_time", ColumnType::Integer),
                ("lane", ColumnType::Text),
                ("quote", ColumnType::Text),
            ]),
        )
        .expect("a layout");
        assert_eq!(ok.time, TimeType::Seconds);
        assert_eq!(ok.optional, vec!["end_time", "quote"]);
        let err = layout_of(
            "gdelt",
            "\"gdelt\"".into(),
            &cols(&[
                ("GLOBALEVENTID", ColumnType::Integer),
                ("title", ColumnType::Text),
            ]),
        )
        .expect_err("not the layout");
        assert!(err.contains("no column id, start_time, lane"), "{err}");
        assert!(err.contains("GLOBALEVENTID"), "{err}");
        let err = layout_of(
            "t",
            "t".into(),
            &cols(&[
                ("id", ColumnType::Text),
                ("title", ColumnType::Text),
                ("start_time", ColumnType::Text),
                ("lane", ColumnType::Text),
            ]),
        )
        .expect_err("text times");
        assert_eq!(
            err,
            "t.start_time is text: expected TIMESTAMP, or BIGINT seconds since 1970"
        );
    }

    #[test]
    fn filters_become_where_conditions_with_quoted_values() {
        let mut layout = TableLayout {
            relation: "\"ev\"".into(),
            time: TimeType::Timestamp,
            optional: vec!["kind", "description"],
            summary: None,
            longest_secs: None,
        };
        let filter = SqlFilter {
            hidden_kinds: vec![EventKind::Denial],
            hidden_lanes: vec!["O'Brien".into()],
            date_range: Some((0, 86_400)),
            search: Some("50%_".into()),
        };
        let sql = layout.bins_sql(&filter, 0, 86_400, 3600);
        assert!(sql.contains("NOT IN ('denial')"), "{sql}");
        assert!(sql.contains("NOT IN ('O''Brien')"), "{sql}");
        assert!(sql.contains("TIMESTAMP '1970-01-02 00:00:00'"), "{sql}");
        assert!(sql.contains("ILIKE '%50\\%\\_%' ESCAPE"), "{sql}");
        assert!(!sql.contains("quote AS"), "no quote column: {sql}");
        assert_eq!(quote_table("public.events"), "\"public\".\"events\"");
        // Events look back from the window as far as the longest row lasts, once it is known
        // (from the fifth column of the lanes' rows: here three days).
        let events = |l: &TableLayout| {
            l.events_sql(&SqlFilter::default(), &["a".into()], 864_000, 950_400, 10)
        };
        assert!(
            !events(&layout).contains("1970-01-08"),
            "{}",
            events(&layout)
        );
        let lane = |longest: f64| {
            vec![
                Value::Text("a".into()),
                Value::Int(3),
                Value::Float(0.0),
                Value::Float(1e6),
                Value::Float(longest),
            ]
        };
        layout.note_longest(&[lane(3600.0), lane(259_199.5)]);
        assert_eq!(layout.longest_secs, Some(259_200));
        let sql = events(&layout);
        assert!(
            sql.contains("start_time >= TIMESTAMP '1970-01-08 00:00:00'"),
            "{sql}"
        );
        assert!(
            sql.contains("start_time < TIMESTAMP '1970-01-12 00:00:00'"),
            "{sql}"
        );
    }
}
