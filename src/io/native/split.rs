//! A large native JSON file read on two threads: the events from a line past the middle on a
//! second thread, the document cut there on this one, then what follows the list. Anything that
//! does not read this way is read whole, so errors are reported exactly as by one read.

use serde::Deserialize;

use super::{RawEvent, RawEvents, RawFile, RawLink, RawPeriod};
use crate::model::PathSeg;

/// Fewer bytes than an event of the native format takes, for reserving room for the events
/// of a document from its size (room never written costs nothing).
pub(super) const EVENT_BYTES_GUESS: usize = 64;

thread_local! {
    /// How many events the list being read on this thread may hold (0: no idea).
    pub(super) static EVENTS_HINT: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

/// Runs `f` with room for `events` events reserved by the events list it reads.
pub(super) fn with_events_hint<T>(events: usize, f: impl FnOnce() -> T) -> T {
    EVENTS_HINT.with(|h| h.set(events));
    let result = f();
    EVENTS_HINT.with(|h| h.set(0));
    result
}

/// Documents larger than this are read by two threads when their events list can be split.
pub(super) const SPLIT_BYTES: usize = 8 << 20;

/// The keys that may follow the events list, when the document is read in two parts.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTail {
    #[serde(default)]
    links: Vec<RawLink>,
    #[serde(default)]
    periods: Vec<RawPeriod>,
}

/// Reads a large document on two threads: a second thread reads the events from an event
/// that starts a line past the middle to the end of the list, while this one reads the
/// document up to there (the list closed before that event), then what follows the list.
/// `None` when there is no such line or any part does not read: the caller reads the whole
/// document, and reports its errors from that.
pub(super) fn read_split(text: &str) -> Option<RawFile> {
    let start = event_line_after(text, text.len() / 2)?;
    // The event must be an item of a list: a comma before it.
    let comma = text[..start].trim_end().strip_suffix(',')?.len();
    let (head, second) = std::thread::scope(|scope| {
        let second = scope.spawn(|| read_events_from(text, start));
        let mut head = String::with_capacity(comma + 2);
        head.push_str(&text[..comma]);
        head.push_str("]}");
        let head = with_events_hint(text.len() / EVENT_BYTES_GUESS, || {
            serde_json::from_str::<RawFile>(&head).ok()
        });
        (head, second.join().ok().flatten())
    });
    let (mut raw, (events, end)) = (head?, second?);
    // What follows the list: `, "links": […] }` or `}`.
    let after = text[end..].trim_start();
    let tail = match after.strip_prefix(',') {
        Some(rest) => serde_json::from_str::<RawTail>(&format!("{{{rest}")).ok()?,
        None if after.trim_end() == "}" => RawTail {
            links: Vec::new(),
            periods: Vec::new(),
        },
        None => return None,
    };
    let n = raw.events.draft.len();
    raw.events
        .errors
        .extend(events.errors.into_iter().map(|mut e| {
            if let [PathSeg::Key(list), PathSeg::Index(i), ..] = e.path.0.as_mut_slice()
                && list == "events"
            {
                *i += n;
            }
            e
        }));
    raw.events.draft.defer_append(events.draft);
    raw.links.extend(tail.links);
    raw.periods.extend(tail.periods);
    Some(raw)
}

/// Where an event object starts on a line of its own (`{"id"`, after spaces) at or after
/// byte `from`: the `{`. A raw line end is never inside a JSON string.
pub(super) fn event_line_after(text: &str, from: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut at = from;
    while let Some(newline) = bytes.get(at..)?.iter().position(|&b| b == b'\n') {
        let line = at + newline + 1;
        let rest = text.get(line..)?;
        let brace = rest.len() - rest.trim_start_matches([' ', '\t']).len();
        if rest[brace..].starts_with('{') && rest[brace + 1..].trim_start().starts_with("\"id\"") {
            return Some(line + brace);
        }
        at = line;
    }
    None
}

/// The events from byte `start` (an event object) to the end of their list: the events, and
/// the byte just after the list's `]`.
pub(super) fn read_events_from(text: &str, start: usize) -> Option<(RawEvents, usize)> {
    let mut events = RawEvents::default();
    let guess = (text.len() - start) / EVENT_BYTES_GUESS;
    events.draft.reserve(guess, guess * 32);
    let mut at = start;
    loop {
        let mut stream =
            serde_json::Deserializer::from_str(text.get(at..)?).into_iter::<RawEvent<'_>>();
        let event = stream.next()?.ok()?;
        events.add(event);
        at += stream.byte_offset();
        let rest = text.get(at..)?;
        let skipped = rest.len() - rest.trim_start().len();
        at += skipped + 1;
        match rest.trim_start().as_bytes().first()? {
            b',' => {}
            b']' => return Some((events, at)),
            _ => return None,
        }
    }
}
