//! "Fit the bulk": the time range that holds most events, leaving out strays far from the rest
//! (one event two years from the others squeezes them into a sliver when everything is fitted).
//! Pure arithmetic on start times; the view that shows it is the caller's.

/// The shortest range holding this share of the events is the core of the bulk.
const CORE_SHARE: f64 = 0.95;

/// Events this close to the core (as a share of its length) join the bulk, one after another:
/// tails that thin out belong to it, strays far away do not.
const REACH_SHARE: f64 = 0.25;

/// The bulk of `starts` (event start times, seconds, any order; sorted in place): its first
/// and last instant and how many events lie outside it. `None` when there are no events.
pub fn bulk_extent(starts: &mut [i64]) -> Option<(i64, i64, usize)> {
    starts.sort_unstable();
    let n = starts.len();
    if n == 0 {
        return None;
    }
    // The shortest window of `k` consecutive starts.
    let k = ((n as f64 * CORE_SHARE).ceil() as usize).clamp(1, n);
    let (mut first, mut last) = (0..=n - k)
        .map(|i| (i, i + k - 1))
        .min_by_key(|&(i, j)| starts[j] - starts[i])
        .unwrap_or((0, n - 1));
    let reach = ((starts[last] - starts[first]) as f64 * REACH_SHARE).max(1.0) as i64;
    while first > 0 && starts[first] - starts[first - 1] <= reach {
        first -= 1;
    }
    while last + 1 < n && starts[last + 1] - starts[last] <= reach {
        last += 1;
    }
    Some((starts[first], starts[last], first + (n - 1 - last)))
}

#[cfg(test)]
mod tests {
    use super::bulk_extent;

    const DAY: i64 = 86_400;

    #[test]
    fn a_stray_two_years_away_is_left_out_and_counted() {
        // 200 events a day apart, one 730 days after the last.
        let mut starts: Vec<i64> = (0..200).map(|i| i * DAY).collect();
        starts.push(199 * DAY + 730 * DAY);
        assert_eq!(bulk_extent(&mut starts), Some((0, 199 * DAY, 1)));
        // Strays on both sides.
        starts.push(-900 * DAY);
        assert_eq!(bulk_extent(&mut starts), Some((0, 199 * DAY, 2)));
    }

    #[test]
    fn evenly_spread_events_are_all_the_bulk() {
        let mut starts: Vec<i64> = (0..50).rev().map(|i| i * 3 * DAY).collect();
        assert_eq!(bulk_extent(&mut starts), Some((0, 147 * DAY, 0)));
        assert_eq!(bulk_extent(&mut [5]), Some((5, 5, 0)));
        assert_eq!(bulk_extent(&mut []), None);
    }
}
