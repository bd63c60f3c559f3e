//! What to ask for a view: the bin width (a power of two seconds, about half a pixel) and the
//! window snapped to whole chunks of bins and over-fetched by a chunk on each side, so that
//! small pans are answered from what is already here. Pure arithmetic: it asks nothing of a
//! database ([`super::window`] does, with a plan made here).

/// Bins per chunk: the window is snapped to whole chunks (about half of a view's width at
/// 1,000 pixels, so a chunk of over-fetch on each side covers a pan of half a screen).
pub const BINS_PER_CHUNK: i64 = 1024;

/// How many times wider the bins of the lanes off screen are, at least (a power of two): a
/// wide view of 2,000 lanes was 8.4M counts, most of them for lanes nobody was looking at.
/// Where a summary serves, they are as wide as one of its levels, up to 2^10 times
/// ([`crate::source::sql::TableLayout::coarse_shift_for`]).
pub const COARSE_SHIFT: u32 = 6;

/// What to ask for a view: the bin width and the snapped, over-fetched window.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Plan {
    /// Seconds per bin: a power of two.
    pub bin_secs: i64,
    /// The window's start, a whole number of chunks.
    pub w0: i64,
    /// The window's end (exclusive).
    pub w1: i64,
}

impl Plan {
    /// The plan for a view of `[t0, t1]` seconds drawn `px` pixels wide.
    pub fn for_view(t0: f64, t1: f64, px: f64) -> Self {
        let span = (t1 - t0).max(1.0);
        let raw = span / (2.0 * px.max(1.0));
        let bin_secs = if raw < 1.0 {
            1
        } else {
            1_i64 << (raw.log2().floor() as u32).min(50)
        };
        let chunk = bin_secs.saturating_mul(BINS_PER_CHUNK);
        let w0 = (t0 / chunk as f64).floor() as i64 - 1;
        let w1 = (t1 / chunk as f64).ceil() as i64 + 1;
        Self {
            bin_secs,
            w0: w0.saturating_mul(chunk),
            w1: w1.saturating_mul(chunk),
        }
    }

    /// How many bins the window holds.
    pub fn bins(&self) -> usize {
        (self.w1.saturating_sub(self.w0) / self.bin_secs.max(1)).max(0) as usize
    }

    /// Whether an answer made for this plan serves a view of `[t0, t1]` at `other`'s bin width.
    pub fn serves(&self, other: &Plan, t0: f64, t1: f64) -> bool {
        self.bin_secs == other.bin_secs && self.w0 as f64 <= t0 && self.w1 as f64 >= t1
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bins_are_powers_of_two_and_windows_whole_chunks() {
        // Forty years on 1,000 pixels: ~631,000 s a pixel-half, rounded down to 2^19.
        let span = 40.0 * 365.25 * 86_400.0;
        let plan = Plan::for_view(0.0, span, 1000.0);
        assert_eq!(plan.bin_secs, 1 << 19);
        let chunk = plan.bin_secs * BINS_PER_CHUNK;
        assert_eq!(plan.w0 % chunk, 0);
        assert_eq!(plan.w1 % chunk, 0);
        assert!(plan.w0 as f64 <= -(chunk as f64) + 1.0 && plan.w1 as f64 >= span);
        // A small pan is served by the same answer; a zoom is not.
        let panned = Plan::for_view(span * 0.1, span * 1.1, 1000.0);
        assert!(plan.serves(&panned, span * 0.1, span * 1.1));
        let zoomed = Plan::for_view(0.0, span / 4.0, 1000.0);
        assert!(!plan.serves(&zoomed, 0.0, span / 4.0));
        // An hour on 1,000 pixels: bins of one second, never less.
        assert_eq!(Plan::for_view(0.0, 3600.0, 1000.0).bin_secs, 1);
    }
}
