//! The histogram of a dataset for the overview strip: event starts counted in a fixed number of
//! bins over the whole extent, once per load (so drawing it costs the same at any size). Plain
//! data; the strip that draws it is `ui::panels::overview`.

use crate::model::Dataset;

/// Number of histogram bins across the dataset's extent.
pub const BINS: usize = 240;

/// The histogram of a dataset, made once per dataset.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Overview {
    /// The extent shown, in seconds.
    pub extent: (f64, f64),
    /// `[time, events starting in the bin]` at each bin's start, and a closing point.
    pub points: Vec<[f64; 2]>,
}

impl Overview {
    /// Counts event starts in 240 bins over the dataset's extent: O(n) once per load.
    pub fn of(dataset: &Dataset) -> Self {
        let Some((a, b)) = dataset.extent_secs() else {
            return Self::default();
        };
        let (a, b) = (a as f64, (b as f64).max(a as f64 + 1.0));
        let width = (b - a) / BINS as f64;
        let mut counts = vec![0u32; BINS];
        for e in dataset.events.iter() {
            let bin = ((e.when().earliest() as f64 - a) / width) as usize;
            counts[bin.min(BINS - 1)] += 1;
        }
        let counts: Vec<f64> = counts.into_iter().map(f64::from).collect();
        Self::of_counts((a, b), &counts)
    }

    /// The histogram of `counts`, equal bins over `extent` (a database's answer for the whole
    /// extent, summed over its lanes).
    pub fn of_counts(extent: (f64, f64), counts: &[f64]) -> Self {
        let (a, b) = (extent.0, extent.1.max(extent.0 + 1.0));
        if counts.is_empty() {
            return Self::default();
        }
        let width = (b - a) / counts.len() as f64;
        let mut points: Vec<[f64; 2]> = counts
            .iter()
            .enumerate()
            .flat_map(|(i, &c)| {
                let x = a + i as f64 * width;
                [[x, c], [x + width, c]]
            })
            .collect();
        points.push([b, 0.0]);
        Self {
            extent: (a, b),
            points,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{BINS, Overview};

    #[test]
    fn the_histogram_counts_every_event_once() {
        // Four events over 2000-01-01 .. 2024-01-01 (8,766 days): bins of 36.525 days. Two
        // start on the first day, one on 1 June 2010 (day 3,804: bin 104), one on the last day.
        let text = r#"{"format": "swimline/1", "actors": [{"id": "a"}], "events": [
            {"id": "year", "title": "Y", "time": "2000", "actors": ["a"]},
            {"id": "day", "title": "D", "time": "2000-01-01", "actors": ["a"]},
            {"id": "june", "title": "J", "time": "2010-06", "actors": ["a"]},
            {"id": "last", "title": "L", "time": "2023-12-31", "actors": ["a"]}]}"#;
        let dataset = crate::io::load_bytes("h.json", text.as_bytes())
            .map(|(d, _, _)| d)
            .unwrap_or_else(|e| panic!("{e}"));
        let overview = Overview::of(&dataset);
        assert_eq!(overview.points.len(), 2 * BINS + 1);
        let counts: Vec<(usize, f64)> = overview
            .points
            .iter()
            .step_by(2)
            .take(BINS)
            .map(|p| p[1])
            .enumerate()
            .filter(|&(_, c)| c > 0.0)
            .collect();
        assert_eq!(counts, [(0, 2.0), (104, 1.0), (239, 1.0)]);
        // Each bin is drawn as a step from its start to its end.
        let day = 86_400.0;
        assert_eq!(
            overview.points[2 * 104][0],
            946_684_800.0 + 104.0 * 36.525 * day
        );
        assert_eq!(overview.extent.1 - overview.extent.0, 8_766.0 * day);
    }
}
