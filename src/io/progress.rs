//! How far a load has got, for the progress bar, and the request to stop it.
//!
//! The loading thread writes relaxed atomic counters (every few thousand records, so the cost
//! does not show); the UI thread reads them once a frame. A load that is asked to stop returns
//! [`super::LoadError::Cancelled`] at its next check instead of finishing.

use std::cell::RefCell;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU8, AtomicU64, Ordering};

/// Records between two updates of the counters.
pub(super) const EVERY: usize = 1 << 14;

/// What a load is doing.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stage {
    /// Reading the file from disk.
    Reading,
    /// Reading its records.
    Parsing,
    /// Checking ids and references, resolving times and indexing lanes.
    Checking,
}

/// Counters shared between a loading thread and the UI.
#[derive(Debug, Default)]
pub struct Progress {
    total_bytes: AtomicU64,
    bytes: AtomicU64,
    events: AtomicU64,
    /// What a second reader of the same file (the second half of a large CSV) has done.
    helper_bytes: AtomicU64,
    helper_events: AtomicU64,
    stage: AtomicU8,
    cancelled: AtomicBool,
}

/// A copy of the counters at one moment.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Snapshot {
    /// What the load is doing.
    pub stage: Stage,
    /// The file's size.
    pub total_bytes: u64,
    /// Bytes read or parsed so far (of the current stage).
    pub bytes: u64,
    /// Events read so far.
    pub events: u64,
}

impl Snapshot {
    /// The part done, from 0 to 1: reading counts for the first tenth, parsing for the rest
    /// up to 0.9, checking for the last tenth.
    pub fn fraction(&self) -> f32 {
        let part = if self.total_bytes == 0 {
            0.0
        } else {
            (self.bytes as f64 / self.total_bytes as f64).clamp(0.0, 1.0) as f32
        };
        match self.stage {
            Stage::Reading => 0.1 * part,
            Stage::Parsing => 0.1 + 0.8 * part,
            Stage::Checking => 0.9,
        }
    }
}

impl Progress {
    /// A new counter for a file of `total_bytes`.
    pub fn new(total_bytes: u64) -> Arc<Self> {
        let progress = Self::default();
        progress.total_bytes.store(total_bytes, Ordering::Relaxed);
        Arc::new(progress)
    }

    /// The counters now.
    pub fn snapshot(&self) -> Snapshot {
        Snapshot {
            stage: match self.stage.load(Ordering::Relaxed) {
                0 => Stage::Reading,
                1 => Stage::Parsing,
                _ => Stage::Checking,
            },
            total_bytes: self.total_bytes.load(Ordering::Relaxed),
            bytes: self.bytes.load(Ordering::Relaxed) + self.helper_bytes.load(Ordering::Relaxed),
            events: self.events.load(Ordering::Relaxed)
                + self.helper_events.load(Ordering::Relaxed),
        }
    }

    /// Asks the load to stop.
    pub fn cancel(&self) {
        self.cancelled.store(true, Ordering::Relaxed);
    }

    /// Whether the load was asked to stop.
    pub fn is_cancelled(&self) -> bool {
        self.cancelled.load(Ordering::Relaxed)
    }

    pub(super) fn set_stage(&self, stage: Stage) {
        let value = match stage {
            Stage::Reading => 0,
            Stage::Parsing => 1,
            Stage::Checking => 2,
        };
        self.stage.store(value, Ordering::Relaxed);
        for counter in [&self.bytes, &self.helper_bytes, &self.helper_events] {
            counter.store(0, Ordering::Relaxed);
        }
    }

    /// Counts what a second reader of the file has done.
    pub(super) fn set_helper(&self, bytes: usize, events: usize) {
        self.helper_bytes.store(bytes as u64, Ordering::Relaxed);
        self.helper_events.store(events as u64, Ordering::Relaxed);
    }

    pub(super) fn set_bytes(&self, bytes: usize) {
        self.bytes.store(bytes as u64, Ordering::Relaxed);
    }

    pub(super) fn set_events(&self, events: usize) {
        self.events.store(events as u64, Ordering::Relaxed);
    }
}

thread_local! {
    /// The progress of the load running on this thread, for code that cannot be handed it
    /// (a serde `Deserialize` implementation).
    static CURRENT: RefCell<Option<Arc<Progress>>> = const { RefCell::new(None) };
}

/// Runs `f` with `progress` as this thread's current progress.
pub(super) fn with_current<T>(progress: Option<&Arc<Progress>>, f: impl FnOnce() -> T) -> T {
    let previous = CURRENT.with(|c| c.replace(progress.cloned()));
    let result = f();
    CURRENT.with(|c| c.replace(previous));
    result
}

/// This thread's current progress, to hand to a helper thread.
pub(super) fn current_arc() -> Option<Arc<Progress>> {
    CURRENT.with(|c| c.borrow().clone())
}

/// Calls `f` with this thread's current progress, if there is one.
pub(super) fn current(f: impl FnOnce(&Progress)) {
    CURRENT.with(|c| {
        if let Some(progress) = c.borrow().as_deref() {
            f(progress);
        }
    });
}

/// Whether this thread's load was asked to stop.
pub(super) fn cancelled() -> bool {
    let mut cancelled = false;
    current(|p| cancelled = p.is_cancelled());
    cancelled
}
