//! The table layout of `docs/sources.md` and the few queries the timeline asks of it, written
//! once for both engines (DuckDB and PostgreSQL read the same SQL here: `date_part('epoch', …)`,
//! `CAST(… AS TEXT)`, `ILIKE`, standard string literals).
//!
//! Every value put into a query is a number this module formats, a string literal it quotes
//! (`'` doubled: kinds, the search), or — for lane names and event ids, which come from the
//! table and the user — a bound text (`$1`, `$2`, …, in [`Query::texts`]), never spliced into
//! the SQL; table names are checked identifiers ([`super::spec`]).

use std::cell::RefCell;

use crate::model::EventKind;
use crate::model::filter::Filter;
use crate::model::time::Timestamp;

mod bins;
mod summary;

pub use summary::{SUMMARY_COLUMNS, SUMMARY_LEVELS, summary_levels_sql, summary_name};

/// The lane of rows whose `lane` is `NULL` or empty.
pub const NO_LANE: &str = "(no lane)";

/// A row's lane as the queries read it: its text, `NULL` for none — an empty name is no name,
/// as a missing one (both are drawn in the lane [`NO_LANE`]).
pub(crate) const LANE: &str = "nullif(CAST(lane AS TEXT), '')";

/// Seconds beyond this (either way) are an infinite time (`'infinity'`, `'-infinity'`): no
/// finite `TIMESTAMP` of either engine comes near (PostgreSQL's last is 9.2e12 s).
const INFINITE_SECS: &str = "CAST(1e300 AS DOUBLE PRECISION)";

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
    /// What the table's summary is read `FROM` ([`super::summary`]: rows per level, lane and
    /// bin), when it has one: wide views count from it instead of every row.
    pub summary: Option<String>,
    /// How long the longest row lasts (end − start, in seconds), once the lanes have been read: the events of a window then look
    /// back only that far before it, which lets an engine skip what lies earlier (DuckDB's
    /// row-group statistics, PostgreSQL's index). `None`: not known, no bound.
    pub longest_secs: Option<i64>,
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

impl SqlFilter {
    /// What a database is asked to leave out for `filter` (its kinds, lanes — a database's
    /// lane is its actor, by name —, and dates) and the search (`search`, trimmed; empty: none).
    /// The rest of the filter (certainties, tags, the analyst's stars, notes and own events) is
    /// not the table's to know: the app applies it to the fetched window as to a file's events.
    pub fn of(filter: &Filter, search: Option<&str>) -> Self {
        // Every field named (no `..`): a field added to the filter does not compile here until
        // it is decided whether the database is asked for it.
        let Filter {
            hidden_kinds,
            hidden_certainties: _,
            hidden_actors,
            hidden_tags: _,
            date_range,
            only_starred: _,
            only_noted: _,
            only_own: _,
            your_tags: _,
        } = filter;
        let search = search.map(str::trim).filter(|s| !s.is_empty());
        Self {
            hidden_kinds: hidden_kinds.clone(),
            hidden_lanes: hidden_actors.clone(),
            date_range: *date_range,
            search: search.map(str::to_owned),
        }
    }
}

/// A query and the texts it binds: `$1`, `$2`, … in `sql` stand for `texts[0]`, `texts[1]`, …
/// (both engines number their parameters so).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Query {
    /// The SQL text.
    pub sql: String,
    /// The values of its parameters, in order.
    pub texts: Vec<String>,
}

/// The texts bound by a query being written.
#[derive(Default)]
struct Texts(RefCell<Vec<String>>);

impl Texts {
    /// `text` as the query's next parameter, read as text.
    fn bind(&self, text: &str) -> String {
        let mut texts = self.0.borrow_mut();
        texts.push(text.to_owned());
        format!("CAST(${} AS TEXT)", texts.len())
    }

    /// The query of `sql` with the texts bound so far.
    fn query(self, sql: String) -> Query {
        Query {
            sql,
            texts: self.0.into_inner(),
        }
    }
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

/// The condition hiding `filter`'s hidden lanes (begins with ` AND `; empty when none are),
/// their names bound in `texts`.
fn hidden_lanes_sql(filter: &SqlFilter, texts: &Texts) -> String {
    if filter.hidden_lanes.is_empty() {
        return String::new();
    }
    let lanes: Vec<String> = filter.hidden_lanes.iter().map(|l| texts.bind(l)).collect();
    // The lane as drawn: a row of no lane is in NO_LANE (and `NULL NOT IN (…)` would drop it).
    format!(
        " AND coalesce({LANE}, {}) NOT IN ({})",
        quote(NO_LANE),
        lanes.join(", ")
    )
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

    /// The condition `column op secs` (`column` is `start_time` or an expression of the time
    /// columns): against a `TIMESTAMP` literal where one can be written, which an index serves;
    /// in seconds otherwise. Literals in ISO form hold years 1 to 9999 in both engines, and
    /// a table holds more (PostgreSQL from 4713 BC to 294276 AD): clamping the literal lost
    /// the rows beyond (6 rows from 4713 BC to 294276 AD were "3 rows in view").
    fn time_test(&self, column: &str, op: &str, secs: i64) -> String {
        match self.time {
            TimeType::Seconds => format!("{column} {op} {secs}"),
            TimeType::Timestamp => {
                let lo = crate::model::time::CivilDateTime::date(1, 1, 1)
                    .timestamp()
                    .0;
                let hi = crate::model::time::CivilDateTime::date(9999, 12, 31)
                    .timestamp()
                    .0;
                if (lo..=hi).contains(&secs) {
                    let c = Timestamp(secs).civil();
                    format!(
                        "{column} {op} TIMESTAMP '{:04}-{:02}-{:02} {:02}:{:02}:{:02}'",
                        c.year, c.month, c.day, c.hour, c.minute, c.second
                    )
                } else {
                    format!("CAST(date_part('epoch', {column}) AS DOUBLE PRECISION) {op} {secs}")
                }
            }
        }
    }

    /// The start in seconds when it is finite, else `NULL` (no start, or an infinite one).
    fn finite_start(&self) -> String {
        let start = self.start_secs();
        format!(
            "CASE WHEN {start} > -{INFINITE_SECS} AND {start} < {INFINITE_SECS} THEN {start} END"
        )
    }

    /// The end in seconds when it and the start are finite; the start when the row has no
    /// finite end (an open end, `'infinity'`, is not a date: it does not stretch the extent);
    /// `NULL` with no finite start.
    fn finite_end(&self) -> String {
        let start = self.finite_start();
        let end = self.end_secs();
        format!(
            "CASE WHEN {end} > -{INFINITE_SECS} AND {end} < {INFINITE_SECS} THEN \
             (CASE WHEN {start} IS NULL THEN NULL ELSE {end} END) ELSE {start} END"
        )
    }

    /// The `WHERE` conditions of `filter` (each begins with ` AND `), lane names bound in
    /// `texts`.
    fn filter_sql(&self, filter: &SqlFilter, texts: &Texts) -> String {
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
        sql.push_str(&hidden_lanes_sql(filter, texts));
        if let Some((from, to)) = filter.date_range {
            sql.push_str(&format!(
                " AND {} AND {}",
                self.time_test("start_time", "<", to),
                self.time_test(self.end_column(), ">=", from)
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

    /// Each lane with its number of rows, the first and last second it touches and how long
    /// its longest row lasts: `(lane TEXT, rows BIGINT, first DOUBLE, last DOUBLE, longest
    /// DOUBLE)`, by lane name (from the summary's widest level when there is one).
    pub fn lanes_sql(&self) -> String {
        if let Some(summary) = &self.summary {
            let top = SUMMARY_LEVELS[SUMMARY_LEVELS.len() - 1];
            return format!(
                "SELECT lane, CAST(sum(n) AS BIGINT), min(first), max(last), max(longest) \
                 FROM {summary} WHERE level = {top} GROUP BY 1 ORDER BY 1"
            );
        }
        // Every row is grouped: those with no start, or an infinite one, are counted in the
        // last two columns (for a warning), not drawn.
        format!(
            "SELECT {LANE}, CAST(count({start}) AS BIGINT), min({start}), max({end}), \
             max({end} - {start}), \
             CAST(sum(CASE WHEN start_time IS NULL THEN 1 ELSE 0 END) AS BIGINT), \
             CAST(sum(CASE WHEN start_time IS NOT NULL AND {start} IS NULL THEN 1 ELSE 0 END) \
             AS BIGINT) FROM {} GROUP BY 1 ORDER BY 1",
            self.relation,
            start = self.finite_start(),
            end = self.finite_end(),
        )
    }

    /// Notes how long the longest row lasts, from the rows of [`TableLayout::lanes_sql`].
    pub fn note_longest(&mut self, lanes: &[super::rows::Row]) {
        self.longest_secs = lanes
            .iter()
            .filter_map(|r| r.get(4).and_then(super::rows::Value::number))
            .map(|s| s.max(0.0).ceil() as i64)
            .max()
            .or(Some(0));
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
    ) -> Query {
        let texts = Texts::default();
        let lanes_named = lanes;
        let lanes: Vec<String> = lanes.iter().map(|l| texts.bind(l)).collect();
        // Rows start at most the longest row's length before the window (when known).
        let reach = self
            .longest_secs
            .map(|longest| {
                format!(
                    " AND {}",
                    self.time_test("start_time", ">=", w0.saturating_sub(longest))
                )
            })
            .unwrap_or_default();
        // The rows of no lane (NULL or empty) are the lane NO_LANE's.
        let named = format!("CAST(lane AS TEXT) IN ({})", lanes.join(", "));
        let of_lanes = if lanes_named.iter().any(|l| l == NO_LANE) {
            format!("({named} OR {LANE} IS NULL)")
        } else {
            named
        };
        let sql = format!(
            "SELECT {} FROM {} WHERE {of_lanes} AND {}{reach} \
             AND {}{} ORDER BY 5, 3, 1 LIMIT {limit}",
            self.select_list(),
            self.relation,
            self.time_test("start_time", "<", w1),
            self.time_test(self.end_column(), ">=", w0),
            self.filter_sql(filter, &texts)
        );
        texts.query(sql)
    }

    /// Every row of the event `id` (one per lane), in the order of [`COLUMNS`].
    pub fn event_sql(&self, id: &str) -> Query {
        let texts = Texts::default();
        let sql = format!(
            "SELECT {} FROM {} WHERE CAST(id AS TEXT) = {} ORDER BY 5 LIMIT 1000",
            self.select_list(),
            self.relation,
            texts.bind(id)
        );
        texts.query(sql)
    }

    /// The rows matching `filter` (its search, mostly), first in time, at most `limit`.
    pub fn matches_sql(&self, filter: &SqlFilter, limit: usize) -> Query {
        let texts = Texts::default();
        let sql = format!(
            "SELECT {} FROM {} WHERE {} IS NOT NULL{} ORDER BY 3, 1, 5 LIMIT {limit}",
            self.select_list(),
            self.relation,
            self.finite_start(),
            self.filter_sql(filter, &texts)
        );
        texts.query(sql)
    }

    /// How many rows match `filter`.
    pub fn count_sql(&self, filter: &SqlFilter) -> Query {
        let texts = Texts::default();
        let sql = format!(
            "SELECT CAST(count(*) AS BIGINT) FROM {} WHERE {} IS NOT NULL{}",
            self.relation,
            self.finite_start(),
            self.filter_sql(filter, &texts)
        );
        texts.query(sql)
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
            "CAST(id AS TEXT), CAST(title AS TEXT), {}, {end}, {LANE}, {}, {}, {}, {}",
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
    use crate::source::rows::Value;

    fn cols(list: &[(&str, ColumnType)]) -> Vec<(String, ColumnType)> {
        list.iter()
            .map(|(n, t)| ((*n).to_owned(), t.clone()))
            .collect()
    }

    #[test]
    fn the_filter_the_database_reads_is_made_from_the_apps_filter_field_by_field() {
        // Every field set: what the database can be asked for comes through, the rest stays
        // with the app (the window applies it to the fetched events).
        let filter = Filter {
            hidden_kinds: vec![EventKind::Denial, EventKind::Action],
            hidden_certainties: vec![crate::model::filter::Certainty::Approximate],
            hidden_actors: vec!["O'Brien".into(), "(no lane)".into()],
            hidden_tags: vec!["x".into()],
            date_range: Some((-86_400, 86_400)),
            only_starred: true,
            only_noted: true,
            only_own: true,
            your_tags: vec!["mine".into()],
        };
        let sql = SqlFilter::of(&filter, Some("  Taliban "));
        assert_eq!(
            sql,
            SqlFilter {
                hidden_kinds: vec![EventKind::Denial, EventKind::Action],
                hidden_lanes: vec!["O'Brien".into(), "(no lane)".into()],
                date_range: Some((-86_400, 86_400)),
                search: Some("Taliban".into()),
            }
        );
        // Each of the four alone, so that a field dropped on the way fails here.
        let one = |f: Filter| SqlFilter::of(&f, None);
        assert_eq!(
            one(Filter {
                hidden_kinds: vec![EventKind::Claim],
                ..Filter::default()
            })
            .hidden_kinds,
            vec![EventKind::Claim]
        );
        assert_eq!(
            one(Filter {
                hidden_actors: vec!["a".into()],
                ..Filter::default()
            })
            .hidden_lanes,
            vec!["a".to_owned()]
        );
        assert_eq!(
            one(Filter {
                date_range: Some((1, 2)),
                ..Filter::default()
            })
            .date_range,
            Some((1, 2))
        );
        // No search, or only spaces: none.
        assert_eq!(
            SqlFilter::of(&Filter::default(), Some("  ")),
            SqlFilter::default()
        );
        assert_eq!(
            SqlFilter::of(&Filter::default(), None),
            SqlFilter::default()
        );
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
    fn each_part_of_a_window_is_counted_from_the_widest_summary_level_not_wider_than_its_bins() {
        let mut layout = TableLayout {
            relation: "\"ev\"".into(),
            time: TimeType::Seconds,
            optional: vec!["kind"],
            summary: None,
            longest_secs: None,
        };
        let fine = ["a".to_owned()];
        let sql = |l: &TableLayout, bin: i64| {
            l.bins_sql_for(&SqlFilter::default(), 0, bin * 4096, bin, Some((&fine, 6)))
                .sql
        };
        assert!(
            sql(&layout, 1 << 18).contains("CASE WHEN"),
            "no summary: one pass"
        );
        layout.summary = Some("\"ev_swimline_summary\"".into());
        // Lanes on screen in 2^18 s bins from the 2^16 level, the others in 2^24 s from 2^24.
        let wide = sql(&layout, 1 << 18);
        assert!(
            wide.contains("level = 16 AND bin >= 0 AND bin < 16384"),
            "{wide}"
        );
        assert!(
            wide.contains("level = 24 AND bin >= 0 AND bin < 64"),
            "{wide}"
        );
        assert!(wide.contains("swimline_fine.fine_lane IS NULL"), "{wide}");
        // 2^13 s bins: the lanes on screen from the rows, the others (2^19 s) from 2^16.
        let mid = sql(&layout, 1 << 13);
        assert!(
            mid.contains("start_time >= 0 AND start_time < 33554432"),
            "{mid}"
        );
        assert!(mid.contains("level = 16"), "{mid}");
        assert!(!mid.contains("level = 20"), "{mid}");
        // Narrow views, a search or a date range: the rows alone.
        assert!(sql(&layout, 1 << 9).contains("CASE WHEN"));
        let search = SqlFilter {
            search: Some("x".into()),
            ..SqlFilter::default()
        };
        assert!(!layout.summary_serves(&search, 1 << 24));
        let dates = SqlFilter {
            date_range: Some((0, 1)),
            ..SqlFilter::default()
        };
        assert!(!layout.summary_serves(&dates, 1 << 24));
        // Hidden kinds are taken off the count; a row of hidden kinds only is no bin.
        let hidden = SqlFilter {
            hidden_kinds: vec![EventKind::Action, EventKind::Claim],
            ..SqlFilter::default()
        };
        let counted = layout.bins_sql(&hidden, 0, 1 << 30, 1 << 20).sql;
        assert!(counted.contains("sum(n - n_action - n_claim)"), "{counted}");
        assert!(counted.contains("HAVING"), "{counted}");
        // The lanes from the widest level.
        assert!(layout.lanes_sql().contains("WHERE level = 24"));
    }

    #[test]
    fn lane_names_and_ids_are_bound_texts_each_placeholder_one_of_them() {
        let mut layout = TableLayout {
            relation: "\"ev\"".into(),
            time: TimeType::Seconds,
            optional: vec!["kind"],
            summary: None,
            longest_secs: None,
        };
        let hidden = SqlFilter {
            hidden_lanes: vec!["Bob's".into()],
            ..SqlFilter::default()
        };
        let lanes = ["O'Brien".to_owned(), "a".to_owned()];
        let events = layout.events_sql(&hidden, &lanes, 0, 100, 10);
        assert!(
            events
                .sql
                .contains("IN (CAST($1 AS TEXT), CAST($2 AS TEXT)) AND"),
            "{}",
            events.sql
        );
        assert!(
            events.sql.contains("NOT IN (CAST($3 AS TEXT))"),
            "{}",
            events.sql
        );
        assert_eq!(events.texts, vec!["O'Brien", "a", "Bob's"]);
        let id = layout.event_sql("it's");
        assert_eq!(id.texts, vec!["it's"]);
        // Every query: no name in the SQL, and each `$n` one of its texts (parts of a bins
        // query bind the hidden lanes once each).
        let fine = (&lanes[..], 6);
        let mut queries = vec![
            events,
            id,
            layout.count_sql(&hidden),
            layout.matches_sql(&hidden, 5),
            layout.bins_sql_for(&hidden, 0, 1 << 30, 1 << 18, Some(fine)),
        ];
        layout.summary = Some("\"ev_swimline_summary\"".into());
        queries.push(layout.bins_sql_for(&hidden, 0, 1 << 30, 1 << 18, Some(fine)));
        for query in &queries {
            assert!(
                !query.sql.contains("Brien")
                    && !query.sql.contains("Bob")
                    && !query.sql.contains("it's"),
                "{}",
                query.sql
            );
            for n in 1..=query.texts.len() {
                assert!(
                    query.sql.contains(&format!("CAST(${n} AS TEXT)")),
                    "${n}: {}",
                    query.sql
                );
            }
            let next = format!("${}", query.texts.len() + 1);
            assert!(!query.sql.contains(&next), "{}", query.sql);
        }
        // The lanes on screen joined in, the hidden lane left out, in the part from the rows.
        let bins = &queries[4];
        assert_eq!(bins.texts, vec!["O'Brien", "a", "Bob's"]);
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
        let query = layout.bins_sql(&filter, 0, 86_400, 3600);
        let sql = &query.sql;
        assert!(sql.contains("NOT IN ('denial')"), "{sql}");
        // A lane's name is a bound text, never in the SQL.
        assert!(sql.contains("NOT IN (CAST($1 AS TEXT))"), "{sql}");
        assert!(!sql.contains("Brien"), "{sql}");
        assert_eq!(query.texts, vec!["O'Brien".to_owned()]);
        assert!(sql.contains("TIMESTAMP '1970-01-02 00:00:00'"), "{sql}");
        assert!(sql.contains("ILIKE '%50\\%\\_%' ESCAPE"), "{sql}");
        assert!(!sql.contains("quote AS"), "no quote column: {sql}");
        assert_eq!(quote_table("public.events"), "\"public\".\"events\"");
        // Events look back from the window as far as the longest row lasts, once it is known
        // (from the fifth column of the lanes' rows: here three days).
        let events = |l: &TableLayout| {
            l.events_sql(&SqlFilter::default(), &["a".into()], 864_000, 950_400, 10)
                .sql
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
