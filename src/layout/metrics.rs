//! Sizes and level-of-detail rules of the timeline, in one place: every output (the window, the
//! SVG, PNG and PDF exports) lays the scene out with these. Sizes are in points (1 point = 1
//! pixel at 1× scale). Colours are not here: the scene names them and each output's theme
//! resolves them (`export::theme`).

/// Height of one stacked row in a lane, in points.
pub const ROW_HEIGHT: f32 = 24.0;
/// Space above and below the rows of a lane, in points.
pub const LANE_PADDING: f32 = 6.0;
/// Width of the pinned column of lane names, in points.
pub const LANE_HEADER_WIDTH: f32 = 190.0;
/// Height of the time axis (context row + tick row), in points.
pub const AXIS_HEIGHT: f32 = 46.0;
/// Height of a bar inside its row, in points.
pub const BAR_HEIGHT: f32 = 14.0;
/// Half the size of an event marker, in points.
pub const MARKER_RADIUS: f32 = 6.0;
/// Width of the lane's colour swatch, in points.
pub const SWATCH_WIDTH: f32 = 5.0;
/// Approximate width of one character of label text, used to plan room for labels.
pub const LABEL_CHAR_WIDTH: f32 = 6.6;
/// Gap between tick labels, in points.
pub const TICK_LABEL_GAP: f32 = 14.0;
/// Font size of event labels, in points.
pub const LABEL_FONT_SIZE: f32 = 12.0;
/// Font size of tick labels, in points.
pub const TICK_FONT_SIZE: f32 = 11.5;
/// Widest a label may plan to be; longer titles are cut at the next item.
pub const MAX_LABEL_WIDTH: f32 = 260.0;

/// Opacity of the faint end of an uncertainty ramp (0–1).
pub const UNCERTAIN_ALPHA: f32 = 0.10;
/// Opacity of the band of a point event whose date spans a range (0–1).
pub const RANGE_BAND_ALPHA: f32 = 0.28;
/// Opacity of events that do not match the search.
pub const SEARCH_DIM: f32 = 0.22;

/// A point event whose date range is narrower than this is drawn as a marker alone; wider, its
/// range is drawn as a band behind the marker.
pub const POINT_RANGE_MIN_PX: f64 = 8.0;

/// A date range whose right half is narrower than this puts its label after the band.
pub const NARROW_BAND_PX: f32 = 40.0;

/// Items narrower than this, closer than this to their neighbour, fold into one mark with a
/// count (Tracy's rule; 3 px keeps single markers clickable).
pub const FOLD_PX: f64 = 3.0;

/// Items of a lane's pile (those that found no row) closer than this past the end of a "+N more"
/// mark join it rather than start a mark of their own, in points: marks never touch.
pub const PILE_GAP_PX: f64 = 6.0;

/// Zoom-dependent stacking is cached per zoom bucket of 2^(1/4) (≈19%) in seconds per point.
pub const STACK_BUCKETS_PER_OCTAVE: f64 = 4.0;

/// Horizontal pixels kept clear of the screen edges before `f64` x is narrowed to `f32`.
pub const PAINT_MARGIN_PX: f64 = 2000.0;

/// Up to this many events, stacking leaves room for labels and is redone as the zoom changes;
/// above it, rows come from time extents alone, computed once (labels are still clipped so they
/// never overlap). At 1M events zoom-aware restacking cost ~1 s per zoom step.
pub const ZOOM_STACK_MAX_EVENTS: usize = 20_000;

/// A lane with more visible events than this per point of width (one per 4 points on
/// average, where no label fits) is drawn as a density strip. Measured with the scale benchmark:
/// at 0.5 the 2,000-lane frame (≈500 events per lane in view) took 9.9 ms (p95); at 0.25 it
/// becomes density strips. Small datasets are always itemised.
pub const DENSE_ITEMS_PER_PX: f64 = 0.25;

/// Lowest height of a lane that belongs to a group: its name row plus the group toggle.
pub const GROUPED_LANE_MIN_HEIGHT: f32 = ROW_HEIGHT + 2.0 * LANE_PADDING + 18.0;

/// Height of a density strip's lane, in rows.
pub const DENSE_LANE_ROWS: usize = 2;

/// A label is drawn only where at least this much room is free before the next item.
pub const LABEL_MIN_ROOM_PX: f32 = 32.0;

/// At most this many labels per frame: laying out text is the costliest thing drawn (the
/// 2,000-lane benchmark frame spent most of its time on labels before the cap).
pub const MAX_LABELS: usize = 600;

/// Width of one density bin, in points.
pub const DENSITY_BIN_PX: f64 = 2.0;

/// Shades of a density strip: counts 1, 2–3, 4–7, … 128+.
pub const DENSITY_LEVELS: u32 = 8;
