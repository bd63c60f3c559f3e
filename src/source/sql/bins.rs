//! The per-lane bins of a window as SQL: one pass over the rows, or parts over the rows and
//! the summary's levels (the lanes on screen in fine bins, the others in coarse ones).

use super::{LANE, Query, SqlFilter, TableLayout, Texts, hidden_lanes_sql};

/// Which lanes a part of a bins query counts.
#[derive(Clone, Copy)]
enum Lanes<'a> {
    /// Every lane.
    All,
    /// Rows with no lane.
    Unnamed,
    /// The lanes named.
    Only(&'a [String]),
    /// Every lane but those named (and, when `true`, but the rows with no lane).
    Except(&'a [String], bool),
}

impl TableLayout {
    /// Rows per lane per bin of `bin_secs` starting in `[w0, w1)`: `(lane TEXT, bin BIGINT,
    /// rows BIGINT)`, bin 0 starting at `w0`; from the summary where it serves.
    pub fn bins_sql(&self, filter: &SqlFilter, w0: i64, w1: i64, bin_secs: i64) -> Query {
        self.bins_sql_for(filter, w0, w1, bin_secs, None)
    }

    /// As [`TableLayout::bins_sql`], with only the lanes of `fine` (when given) counted in bins
    /// of `bin_secs`: the others in bins `2^coarse_shift` times as wide, numbered from −1
    /// down (coarse bin `k` is `−1 − k`), so that a wide view of many lanes is a few counts a
    /// lane instead of thousands. Each part is counted from the summary's level for its bins
    /// where one serves, else from the rows.
    pub fn bins_sql_for(
        &self,
        filter: &SqlFilter,
        w0: i64,
        w1: i64,
        bin_secs: i64,
        fine: Option<(&[String], u32)>,
    ) -> Query {
        let texts = Texts::default();
        let sql = self.bins_text(filter, w0, w1, bin_secs, fine, &texts);
        texts.query(sql)
    }

    /// The text of [`TableLayout::bins_sql_for`], lane names bound in `texts`.
    fn bins_text(
        &self,
        filter: &SqlFilter,
        w0: i64,
        w1: i64,
        bin_secs: i64,
        fine: Option<(&[String], u32)>,
        texts: &Texts,
    ) -> String {
        let level = self.summary_level(filter, bin_secs);
        let part = |level, lanes, width, coarse| Part {
            filter,
            level,
            lanes,
            w0,
            w1,
            width,
            coarse,
            texts,
        };
        let Some((lanes, shift)) = fine else {
            return self.bins_part(part(level, Lanes::All, bin_secs, false));
        };
        let coarse_secs = bin_secs.saturating_mul(1 << shift.min(20));
        let coarse_level = self.summary_level(filter, coarse_secs);
        let named: Vec<String> = lanes
            .iter()
            .filter(|l| l.as_str() != super::NO_LANE)
            .cloned()
            .collect();
        let unnamed = lanes.iter().any(|l| l == super::NO_LANE);
        if level.is_none() && coarse_level.is_none() {
            return self.bins_rows_case(
                part(None, Lanes::Only(&named), bin_secs, false),
                coarse_secs,
                unnamed,
            );
        }
        // Parts over different relations: the lanes on screen from one, the rest from another.
        let mut parts = Vec::new();
        if !named.is_empty() {
            parts.push(self.bins_part(part(level, Lanes::Only(&named), bin_secs, false)));
        }
        if unnamed {
            parts.push(self.bins_part(part(level, Lanes::Unnamed, bin_secs, false)));
        }
        parts.push(self.bins_part(part(
            coarse_level,
            Lanes::Except(&named, unnamed),
            coarse_secs,
            true,
        )));
        parts.join(" UNION ALL ")
    }

    /// The bins of a part's lanes in `[w0, w1)` at its width (numbered from −1 down when
    /// coarse), counted from the summary's level, or from the rows when `None`.
    fn bins_part(&self, part: Part<'_>) -> String {
        let Part {
            filter,
            level,
            lanes,
            w0,
            w1,
            width,
            coarse,
            texts,
        } = part;
        let (relation, secs, range, count, conditions) = match (level, &self.summary) {
            (Some(k), Some(summary)) => {
                let step = 1_i64 << k;
                (
                    summary.clone(),
                    format!("CAST(bin AS DOUBLE PRECISION) * {step}"),
                    format!(
                        "level = {k} AND bin >= {} AND bin < {}",
                        w0.div_euclid(step),
                        w1.div_euclid(step) + i64::from(w1.rem_euclid(step) != 0)
                    ),
                    format!("sum({})", self.summary_count(filter)),
                    hidden_lanes_sql(filter, texts),
                )
            }
            _ => (
                self.relation.clone(),
                self.start_secs().to_owned(),
                format!(
                    "{} AND {}",
                    self.time_test("start_time", ">=", w0),
                    self.time_test("start_time", "<", w1)
                ),
                "count(*)".to_owned(),
                self.filter_sql(filter, texts),
            ),
        };
        let index = format!("CAST(floor(({secs} - {w0}) / {width}) AS BIGINT)");
        let bin = if coarse {
            format!("-1 - {index}")
        } else {
            index
        };
        let join = |kind: &str, names: &[String]| fine_join(&relation, kind, names, texts);
        let (from, test) = match lanes {
            Lanes::All => (relation.clone(), String::new()),
            Lanes::Unnamed => (relation.clone(), format!(" AND {LANE} IS NULL")),
            // Joined, not `lane IN (…)`, which DuckDB tests name by name; an inner join lets
            // DuckDB skip row groups outside the names' range and PostgreSQL look each name
            // up in the summary's index.
            Lanes::Only(names) => (join("", names), String::new()),
            Lanes::Except(names, unnamed) => {
                let no_null = if unnamed {
                    format!(" AND {LANE} IS NOT NULL")
                } else {
                    String::new()
                };
                if names.is_empty() {
                    (relation.clone(), no_null)
                } else {
                    (
                        join("LEFT", names),
                        format!(" AND swimline_fine.fine_lane IS NULL{no_null}"),
                    )
                }
            }
        };
        // A summary row of hidden kinds only counts nothing: not a bin, as with the rows.
        let having = if level.is_some() && !filter.hidden_kinds.is_empty() {
            format!(" HAVING {count} > 0")
        } else {
            String::new()
        };
        format!(
            "SELECT {LANE}, {bin}, CAST({count} AS BIGINT) FROM {from} \
             WHERE {range}{test}{conditions} GROUP BY 1, 2{having}"
        )
    }

    /// Fine and coarse bins counted from the rows in one pass (the bin is a `CASE`): the
    /// part's lanes (`Lanes::Only`) in its bins, the others in bins `coarse_secs` wide (with
    /// the rows of no lane, unless `unnamed`).
    fn bins_rows_case(&self, part: Part<'_>, coarse_secs: i64, unnamed: bool) -> String {
        let Part {
            filter,
            lanes,
            w0,
            w1,
            width: bin_secs,
            texts,
            ..
        } = part;
        let named = match lanes {
            Lanes::Only(named) => named,
            _ => &[],
        };
        let secs = self.start_secs();
        let fine_bin = format!("CAST(floor(({secs} - {w0}) / {bin_secs}) AS BIGINT)");
        let coarse = format!("-1 - CAST(floor(({secs} - {w0}) / {coarse_secs}) AS BIGINT)");
        // The fine lanes as a table joined in: DuckDB tests `lane IN (…)` value by value (30
        // names took 11 s over 100M rows; the join 5.6 s, the same grouping of every lane in
        // fine bins 7.3 s).
        let mut test = if named.is_empty() {
            "FALSE".to_owned()
        } else {
            "swimline_fine.fine_lane IS NOT NULL".to_owned()
        };
        if unnamed {
            test.push_str(&format!(" OR {LANE} IS NULL"));
        }
        let from = if named.is_empty() {
            self.relation.clone()
        } else {
            fine_join(&self.relation, "LEFT", named, texts)
        };
        format!(
            "SELECT {LANE}, CASE WHEN {test} THEN {fine_bin} ELSE {coarse} END, \
             CAST(count(*) AS BIGINT) FROM {from} WHERE {} AND {}{} \
             GROUP BY 1, 2",
            self.time_test("start_time", ">=", w0),
            self.time_test("start_time", "<", w1),
            self.filter_sql(filter, texts)
        )
    }
}

/// One part of a bins query.
#[derive(Clone, Copy)]
struct Part<'a> {
    /// What is hidden and looked for.
    filter: &'a SqlFilter,
    /// The summary level it is counted from; `None`: from the rows.
    level: Option<u32>,
    /// Which lanes it counts.
    lanes: Lanes<'a>,
    /// The window's start, in seconds.
    w0: i64,
    /// The window's end (exclusive), in seconds.
    w1: i64,
    /// The bins' width, in seconds.
    width: i64,
    /// Whether the bins are numbered from −1 down (the coarse lanes').
    coarse: bool,
    /// Where lane names are bound.
    texts: &'a Texts,
}

/// `relation` joined (`kind`: "" for inner, "LEFT") with the lanes `names` as a table
/// `swimline_fine(fine_lane)`, the names bound in `texts`.
fn fine_join(relation: &str, kind: &str, names: &[String], texts: &Texts) -> String {
    let values: Vec<String> = names
        .iter()
        .map(|l| format!("({})", texts.bind(l)))
        .collect();
    format!(
        "(SELECT * FROM {relation}) AS swimline_rows {kind} JOIN (VALUES {}) AS \
         swimline_fine(fine_lane) ON CAST(swimline_rows.lane AS TEXT) = swimline_fine.fine_lane",
        values.join(", ")
    )
}
