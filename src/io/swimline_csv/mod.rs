//! Swimline CSV: a header row with `title` and `start` (required) and `id`, `end`, `actors`,
//! `kind`, `tags`, `source`, `description` (optional; any case). `actors` and `tags` are
//! separated by `;`. Other columns are kept as event attributes. Dates use the same notation as
//! the JSON format.
//!
//! What Swimline's own data export adds, so that a file it wrote reads back whole: `time` (the
//! whole time as written, which wins over `start` and `end`), the source's `outlet`,
//! `reported`, `quote` and `url`, and `links` (`denies:claim-id; supports:other-id`, from this
//! row's event).

#[cfg(test)]
mod tests;

use super::csv_table::{Row, Table};
use super::draft::{Imported, Origins};
use super::error::{LoadError, Problem};
use crate::model::{
    ActorDraft, DatasetDraft, DetailParts, Endpoint, EventKind, EventsDraft, Source, TimeSpec,
};

const KNOWN: [&str; 15] = [
    "time",
    "outlet",
    "reported",
    "quote",
    "url",
    "links",
    "id",
    "title",
    "start",
    "end",
    "actors",
    "kind",
    "tags",
    "source",
    "description",
];

/// Files larger than this are read by two threads, one half each.
const SPLIT_BYTES: usize = 8 << 20;

/// Events in each piece of the second half: large enough that each piece's arrays are
/// allocations of their own (mapped, so freeing one gives its memory back at once).
const PIECE: usize = 1 << 19;

/// Where each known column is.
struct Columns {
    id: Option<usize>,
    title: Option<usize>,
    start: Option<usize>,
    end: Option<usize>,
    actors: Option<usize>,
    kind: Option<usize>,
    tags: Option<usize>,
    source: Option<usize>,
    description: Option<usize>,
    time: Option<usize>,
    outlet: Option<usize>,
    reported: Option<usize>,
    quote: Option<usize>,
    url: Option<usize>,
    links: Option<usize>,
    /// The other columns, kept as attributes: position and name.
    extra: Vec<(usize, String)>,
}

impl Columns {
    fn of(table: &Table<'_>) -> Self {
        let col = |name: &str| table.column(name);
        Self {
            id: col("id"),
            title: col("title"),
            start: col("start"),
            end: col("end"),
            actors: col("actors"),
            kind: col("kind"),
            tags: col("tags"),
            source: col("source"),
            description: col("description"),
            time: col("time"),
            outlet: col("outlet"),
            reported: col("reported"),
            quote: col("quote"),
            url: col("url"),
            links: col("links"),
            extra: table
                .names
                .iter()
                .enumerate()
                .filter(|(_, n)| !KNOWN.contains(&n.to_lowercase().as_str()) && !n.is_empty())
                .map(|(i, n)| (i, n.clone()))
                .collect(),
        }
    }
}

/// What reading some of the rows produced.
#[derive(Default)]
struct Part {
    events: EventsDraft,
    origins: Origins,
    /// Rows the CSV reader could not read.
    row_warnings: Vec<Problem>,
    /// Rows skipped or read with a guess.
    warnings: Vec<Problem>,
    /// Some row had no id and was given one from its row number.
    made_up_ids: bool,
    /// Links named in the `links` column.
    links: Vec<crate::model::LinkDraft>,
}

impl Part {
    /// Whether nothing read depends on where the part starts in the file: no warnings (they
    /// name rows) and no ids made from row numbers.
    fn is_position_free(&self) -> bool {
        self.warnings.is_empty() && self.row_warnings.is_empty() && !self.made_up_ids
    }
}

pub(super) fn parse(table: Table<'_>) -> Result<Imported, LoadError> {
    parse_split(table, SPLIT_BYTES, PIECE)
}

/// As [`parse`], with files larger than `split_bytes` read in two halves, the second in pieces
/// of `piece` events.
fn parse_split(
    mut table: Table<'_>,
    split_bytes: usize,
    piece: usize,
) -> Result<Imported, LoadError> {
    let columns = Columns::of(&table);
    let mut part = Part::default();
    // A row is at least as long as its id, title and time: reserve for the rows of the file
    // (its line count), with room for all of its text.
    let rows = table.line_count().saturating_sub(1);
    part.events.reserve(rows, table.len_bytes());

    // A large file is read in two halves at once, split at a line end.
    let split = (table.len_bytes() > split_bytes)
        .then(|| table.line_start_after(table.len_bytes() / 2))
        .flatten();
    match split.and_then(|split| Some((split, table.rest_from(split)?))) {
        None => read_rows(&mut table, &columns, &mut part, usize::MAX, usize::MAX),
        Some((split, second)) => {
            read_halves(
                &mut table,
                &columns,
                &mut part,
                Second::Same(split, Box::new(second)),
                piece,
            );
        }
    }
    Ok(imported(part))
}

/// As [`parse`], for a file read as two buffers: `table` over the first, which ends at a line
/// end, and `second`, the rest of the file. The second buffer is freed as soon as its reader
/// is done, so the whole file's text is not held until both halves are read. `Err` gives the
/// second buffer back when the first half ends inside a quoted field (an odd number of
/// quotes), for the caller to read the file whole.
pub(super) fn parse_two_buffers(
    mut table: Table<'_>,
    second: String,
) -> Result<Result<Imported, LoadError>, String> {
    if table.quote_count() % 2 == 1 {
        return Err(second);
    }
    let columns = Columns::of(&table);
    let mut part = Part::default();
    let rows = 2 * table.line_count();
    part.events.reserve(rows, 2 * table.len_bytes());
    read_halves(&mut table, &columns, &mut part, Second::Own(second), PIECE);
    Ok(Ok(imported(part)))
}

/// Where the second half of a file is.
enum Second<'a> {
    /// In the same text or file as the first, from this byte on (given as its reader).
    Same(usize, Box<Table<'a>>),
    /// In a buffer of its own.
    Own(String),
}

/// Reads the first half into `part` while a second thread reads the second half in pieces.
/// The second half is used only if the first ends exactly where it starts (the line end was
/// not inside a quoted field) and nothing in it depended on where it starts (warnings, ids
/// made from row numbers); otherwise the first reader goes on into it alone, as it would have
/// anyway.
fn read_halves(
    table: &mut Table<'_>,
    columns: &Columns,
    part: &mut Part,
    second: Second<'_>,
    piece: usize,
) {
    let header = table.header();
    let progress = super::progress::current_arc();
    // Where the first reader stops: the split in a shared text, or the end of its own.
    let stop = match &second {
        Second::Same(split, _) => *split,
        Second::Own(..) => table.len_bytes(),
    };
    let (pieces, returned) = std::thread::scope(|scope| {
        let progress = &progress;
        let header = &header;
        let reader = scope.spawn(move || {
            super::progress::with_current(progress.as_ref(), || {
                // In pieces, so that merging frees each piece as the first half grows.
                let read_pieces = |second_table: &mut Table<'_>| {
                    let mut pieces = Vec::new();
                    loop {
                        let mut chunk = Part::default();
                        chunk.events.reserve(piece, piece * 32);
                        read_rows(second_table, columns, &mut chunk, usize::MAX, piece);
                        let stop = chunk.events.is_empty() || !chunk.is_position_free();
                        pieces.push(chunk);
                        if stop {
                            break;
                        }
                    }
                    pieces
                };
                match second {
                    Second::Same(_, mut second_table) => (read_pieces(&mut second_table), None),
                    Second::Own(buffer) => {
                        let pieces = read_pieces(&mut Table::headless(&buffer, header, 0, 0));
                        // Its own buffer goes now, unless the first reader may need it after
                        // all.
                        let usable = pieces.iter().all(Part::is_position_free);
                        (pieces, (!usable).then_some(buffer))
                    }
                }
            })
        });
        read_rows(table, columns, part, stop, usize::MAX);
        reader.join().unwrap_or_else(|_| (Vec::new(), None))
    });
    let lines = table.line_of(stop) - 1;
    let rows = table.rows_read();
    let usable = table.bytes_read() == stop
        && !pieces.is_empty()
        && pieces.iter().all(Part::is_position_free);
    if usable {
        // The pieces' events are appended once the file's text is freed (`io::finish`), so
        // the text and both halves are not held at once.
        for piece in pieces {
            part.links.extend(piece.links);
            part.events.defer_append(piece.events);
            part.origins
                .extend(piece.origins.iter().map(|o| o.shifted(lines, rows)));
        }
        return;
    }
    drop(pieces);
    match returned {
        // The first reader goes on into the second buffer, counting on from where it is.
        Some(buffer) => {
            let mut rest = Table::headless(&buffer, &header, rows, lines);
            read_rows(&mut rest, columns, part, usize::MAX, usize::MAX);
        }
        None => read_rows(table, columns, part, usize::MAX, usize::MAX),
    }
}

/// The import made of what the rows gave.
fn imported(part: Part) -> Imported {
    let Part {
        events,
        origins,
        mut row_warnings,
        mut warnings,
        links,
        ..
    } = part;
    // Repeated ids are renamed by `io::finish`, once the file's text is freed.
    row_warnings.append(&mut warnings);
    // Lanes in order of first appearance: the actors the events named.
    let actors = events
        .actor_names()
        .iter()
        .map(|name| ActorDraft {
            id: name.clone(),
            name: name.clone(),
            ..ActorDraft::default()
        })
        .collect();
    Imported {
        draft: DatasetDraft {
            actors,
            events,
            links,
            ..DatasetDraft::default()
        },
        origins,
        warnings: row_warnings,
    }
}

/// Reads rows into `part` until the end, until the reader is at byte `stop` or beyond, or until
/// `part` holds `limit` events.
fn read_rows(table: &mut Table<'_>, c: &Columns, part: &mut Part, stop: usize, limit: usize) {
    // One row buffer and two text buffers for the whole file: a row costs no allocation
    // unless it has a description, a source, tags or extra columns.
    let mut row = Row::default();
    let mut time_text = String::new();
    let mut id_text = String::new();
    let warnings = &mut part.warnings;
    while table.bytes_read() < stop
        && part.events.len() < limit
        && table.read_row(&mut row, &mut part.row_warnings)
    {
        let title = row.get(c.title);
        if title.is_empty() {
            warnings.push(row.problem("title", "skipped: expected a title"));
            continue;
        }
        let Some(time) = row_time(&row, c, &mut time_text, warnings) else {
            continue;
        };
        let kind_text = row.get(c.kind);
        let kind = if kind_text.is_empty() {
            EventKind::Action
        } else {
            match EventKind::ALL
                .iter()
                .find(|k| k.name().eq_ignore_ascii_case(kind_text))
            {
                Some(k) => *k,
                None => {
                    warnings.push(row.problem(
                        "kind",
                        format!(
                            "\"{kind_text}\" is not a kind: expected action, statement, claim, \
                             denial or context; read as action"
                        ),
                    ));
                    EventKind::Action
                }
            }
        };
        id_text.clear();
        match row.get(c.id) {
            "" => {
                id_text.push_str(&super::draft::content_id(&[
                    title,
                    &time_text,
                    row.get(c.actors),
                ]));
                part.made_up_ids = true;
            }
            id => id_text.push_str(id),
        }
        let source = row_source(&row, c, warnings);
        let links = row.get(c.links);
        if !links.is_empty() {
            row_links(&row, &id_text, links, &mut part.links, warnings);
        }
        let description = row.get(c.description);
        let detail = DetailParts {
            description: (!description.is_empty()).then_some(description),
            source: source.map(Box::new),
            tags: list_items(row.get(c.tags)).collect(),
            attributes: row.attribute_parts(&c.extra),
        };
        part.events.push_parts(
            &id_text,
            title,
            time,
            &time_text,
            list_items(row.get(c.actors)),
            kind,
            detail,
        );
        part.origins.push(row.origin());
    }
}

/// `a; b ;; c` → `a`, `b`, `c`.
fn list_items(text: &str) -> impl Iterator<Item = &str> {
    // By bytes (`;` is ASCII): `str::split` sets up a searcher per call, which showed in
    // profiles of a million rows of one or two names each.
    let mut rest = Some(text);
    std::iter::from_fn(move || {
        loop {
            let text = rest?;
            let (item, next) = match text.bytes().position(|b| b == b';') {
                Some(i) => (&text[..i], Some(&text[i + 1..])),
                None => (text, None),
            };
            rest = next;
            let item = crate::model::date::trim(item);
            if !item.is_empty() {
                return Some(item);
            }
        }
    })
}

/// `a; b ;; c` → `["a", "b", "c"]`.
#[cfg(test)]
pub(super) fn split_list(text: &str) -> Vec<String> {
    list_items(text).map(str::to_owned).collect()
}

/// The time of a row: its `time` column (the whole time as written) when it has one, else its
/// `start` and `end`; written into `time_text` as it is kept. `None` (with a warning) when the
/// row is skipped.
fn row_time(
    row: &Row,
    c: &Columns,
    time_text: &mut String,
    warnings: &mut Vec<Problem>,
) -> Option<TimeSpec> {
    time_text.clear();
    let whole = row.get(c.time);
    if !whole.is_empty() {
        return match whole.parse::<TimeSpec>() {
            Ok(time) => {
                time_text.push_str(whole);
                Some(time)
            }
            Err(e) => {
                warnings.push(row.problem("time", format!("skipped: {e}")));
                None
            }
        };
    }
    let start_text = row.get(c.start);
    let end_text = row.get(c.end);
    if end_text.is_empty() && is_interval(start_text) {
        // `-500/-500`, `-205/-195`: archaeologists write an uncertain span in one cell, as
        // EDTF writes an interval; read as the range between the two.
        return match start_text.parse::<TimeSpec>() {
            Ok(time) => {
                time_text.push_str(start_text);
                Some(time)
            }
            Err(e) => {
                warnings.push(row.problem("start", format!("skipped: {e}")));
                None
            }
        };
    }
    let start = match start_text.parse::<Endpoint>() {
        Ok(Endpoint::Unknown) => {
            warnings.push(row.problem("start", "skipped: expected a date, found nothing"));
            return None;
        }
        Ok(e) => e,
        Err(e) => {
            warnings.push(row.problem("start", format!("skipped: {e}")));
            return None;
        }
    };
    let end = if end_text.is_empty() {
        None
    } else {
        match end_text.parse::<Endpoint>() {
            Ok(e) => Some(e),
            Err(e) => {
                warnings.push(row.problem("end", format!("skipped: {e}")));
                return None;
            }
        }
    };
    time_text.push_str(start_text);
    if !end_text.is_empty() {
        time_text.push('/');
        time_text.push_str(end_text);
    }
    Some(TimeSpec { start, end })
}

/// Whether a start cell holds a whole interval, `a/b`, with the `/` outside any `@{…}`.
fn is_interval(text: &str) -> bool {
    let mut depth = 0_usize;
    for b in text.bytes() {
        match b {
            b'{' => depth += 1,
            b'}' => depth = depth.saturating_sub(1),
            b'/' if depth == 0 => return true,
            _ => {}
        }
    }
    false
}

/// The source of a row: `source` (who said it, or a link), and `outlet`, `reported` (a date),
/// `quote` and `url` where the file has them.
fn row_source(row: &Row, c: &Columns, warnings: &mut Vec<Problem>) -> Option<Source> {
    let text = |col: Option<usize>| {
        Some(row.get(col))
            .filter(|t| !t.is_empty())
            .map(str::to_owned)
    };
    let by = row.get(c.source);
    let (by, mut url) = if by.starts_with("http://") || by.starts_with("https://") {
        (None, Some(by.to_owned()))
    } else {
        (Some(by.to_owned()).filter(|b| !b.is_empty()), None)
    };
    url = text(c.url).or(url);
    let reported = row.get(c.reported);
    let reported = if reported.is_empty() {
        None
    } else {
        match reported.parse() {
            Ok(date) => Some(date),
            Err(e) => {
                let e: crate::model::date::DateParseError = e;
                warnings.push(row.problem("reported", format!("{}; read without it", e.message)));
                None
            }
        }
    };
    let source = Source {
        by,
        outlet: text(c.outlet),
        reported,
        quote: text(c.quote),
        url,
    };
    (source != Source::default()).then_some(source)
}

/// The links a row names from its event `id`: `denies:claim-id; supports:other-id`.
fn row_links(
    row: &Row,
    id: &str,
    text: &str,
    links: &mut Vec<crate::model::LinkDraft>,
    warnings: &mut Vec<Problem>,
) {
    use crate::model::LinkKind;
    for item in text.split(';').map(str::trim).filter(|i| !i.is_empty()) {
        let parsed = item.split_once(':').and_then(|(kind, to)| {
            let kind: LinkKind =
                serde_json::from_value(serde_json::Value::String(kind.trim().to_owned())).ok()?;
            Some((kind, to.trim()))
        });
        match parsed {
            Some((kind, to)) if !to.is_empty() => links.push(crate::model::LinkDraft {
                from: id.to_owned(),
                to: to.to_owned(),
                kind,
                note: None,
            }),
            _ => warnings.push(row.problem(
                "links",
                format!(
                    "\"{item}\" is not a link: expected kind:event-id, with a kind of denies, \
                     responds_to, causes, coincides_with or supports; left out"
                ),
            )),
        }
    }
}
