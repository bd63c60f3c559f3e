//! Lane stacking (which row each event takes so none hides another) and folding of items too
//! small to draw one by one.

/// The most rows of items one lane may have; a lane taller than this would push the other lanes
/// off screen. An item that finds no free row goes to the lane's pile ([`PILE_ROW`]) instead of
/// lying under another one: the scene draws the pile as a "+N more" mark that lists them.
pub const MAX_ROWS: usize = 12;

/// The row of an item that found no room in [`MAX_ROWS`] rows: the lane's pile, one row below
/// the last row of items, where "+N more" marks are drawn.
pub const PILE_ROW: u16 = MAX_ROWS as u16;

/// Assigns each item a row: the lowest row whose last item ends before this one starts, or
/// [`PILE_ROW`] when all [`MAX_ROWS`] rows are taken there. `extents` are `(start, end)` in any
/// unit, sorted by start. Returns the row of each item and the number of rows used (at least 1;
/// `MAX_ROWS + 1` when some item went to the pile, which takes a row of its own).
pub fn stack_rows(extents: &[(f64, f64)]) -> (Vec<u16>, usize) {
    let mut row_ends: Vec<f64> = Vec::new();
    let mut rows = Vec::with_capacity(extents.len());
    let mut has_pile = false;
    for &(start, end) in extents {
        let free = row_ends.iter().position(|&row_end| row_end <= start);
        let row = match free {
            Some(r) => r,
            None if row_ends.len() < MAX_ROWS => {
                row_ends.push(f64::NEG_INFINITY);
                row_ends.len() - 1
            }
            None => {
                has_pile = true;
                rows.push(PILE_ROW);
                continue;
            }
        };
        row_ends[row] = row_ends[row].max(end);
        rows.push(row as u16);
    }
    let count = if has_pile {
        MAX_ROWS + 1
    } else {
        row_ends.len().max(1)
    };
    (rows, count)
}

/// A run of items drawn as one mark: a single item, or several folded together.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Run {
    /// Index (into the input) of the first item of the run.
    pub first: usize,
    /// How many items the run holds.
    pub count: usize,
    /// Left edge of the run, in points.
    pub x0: f64,
    /// Right edge of the run, in points.
    pub x1: f64,
}

/// Folds consecutive items narrower than `min_px` whose gaps are under `min_px` into one run,
/// as Tracy folds zones: a run of many tiny events becomes one mark with a count.
/// `spans` are `(x0, x1)` in points, sorted by `x0`.
pub fn fold_runs(spans: &[(f64, f64)], min_px: f64) -> Vec<Run> {
    let mut runs: Vec<Run> = Vec::new();
    for (i, &(x0, x1)) in spans.iter().enumerate() {
        let narrow = x1 - x0 < min_px;
        if let Some(last) = runs.last_mut() {
            let last_narrow = last.count > 1 || last.x1 - last.x0 < min_px;
            if narrow && last_narrow && x0 - last.x1 < min_px {
                last.count += 1;
                last.x1 = last.x1.max(x1);
                continue;
            }
        }
        runs.push(Run {
            first: i,
            count: 1,
            x0,
            x1,
        });
    }
    runs
}

#[cfg(test)]
mod tests {
    use super::{MAX_ROWS, PILE_ROW, Run, fold_runs, stack_rows};

    #[test]
    fn overlapping_items_take_new_rows_and_reuse_freed_ones() {
        let (rows, count) = stack_rows(&[(0.0, 10.0), (5.0, 15.0), (10.0, 20.0), (16.0, 30.0)]);
        assert_eq!(rows, vec![0, 1, 0, 1]);
        assert_eq!(count, 2);
        assert_eq!(stack_rows(&[]), (vec![], 1));
    }

    #[test]
    fn rows_are_capped_and_the_rest_go_to_the_pile_not_under_another() {
        let extents: Vec<(f64, f64)> = (0..100).map(|i| (f64::from(i), 1000.0)).collect();
        let (rows, count) = stack_rows(&extents);
        assert_eq!(count, MAX_ROWS + 1, "the pile takes a row of its own");
        for (i, &row) in rows.iter().enumerate() {
            if i < MAX_ROWS {
                assert_eq!(usize::from(row), i);
            } else {
                assert_eq!(row, PILE_ROW, "item {i} lies in no row of items");
            }
        }
        // Exactly full: no pile, no extra row.
        let (_, count) = stack_rows(&extents[..MAX_ROWS]);
        assert_eq!(count, MAX_ROWS);
    }

    #[test]
    fn tiny_neighbours_fold_wide_items_do_not() {
        let spans = [
            (0.0, 0.5),
            (1.0, 1.5),
            (2.0, 2.2),
            (10.0, 40.0),
            (41.0, 41.5),
        ];
        let runs = fold_runs(&spans, 2.0);
        assert_eq!(
            runs,
            vec![
                Run {
                    first: 0,
                    count: 3,
                    x0: 0.0,
                    x1: 2.2
                },
                Run {
                    first: 3,
                    count: 1,
                    x0: 10.0,
                    x1: 40.0
                },
                Run {
                    first: 4,
                    count: 1,
                    x0: 41.0,
                    x1: 41.5
                },
            ]
        );
    }
}
