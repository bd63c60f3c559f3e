//! The data shown, written back out: the events the filter keeps (and the search finds, if
//! asked), as Swimline JSON or Swimline CSV, so that loading the file again gives the same
//! events — ids, titles, times as written, actors, kinds, descriptions, sources, tags,
//! attributes — and the links between them. Never writes a file itself (see `write`).

use std::collections::BTreeSet;

use serde_json::{Map, Value, json};

use crate::model::{Dataset, Event, Source};

/// `event`'s source as the native format writes it.
fn source_json(source: &Source) -> Value {
    let mut o = Map::new();
    let mut put = |key: &str, value: Option<String>| {
        if let Some(v) = value {
            o.insert(key.to_owned(), Value::String(v));
        }
    };
    put("by", source.by.clone());
    put("outlet", source.outlet.clone());
    put(
        "reported",
        source.reported.as_ref().map(ToString::to_string),
    );
    put("quote", source.quote.clone());
    put("url", source.url.clone());
    Value::Object(o)
}

/// What the analyst's notes add to an exported event, as attribute names and values (read
/// back as attributes): see [`NOTE_COLUMNS`].
pub type Extra<'a> = &'a dyn Fn(usize) -> Vec<(&'static str, String)>;

/// The columns the analyst's notes add to a data export, in order: `starred` (`yes`),
/// `your_tags` (`;`-separated), `note`, `added_by_you` (`yes`).
pub const NOTE_COLUMNS: [&str; 4] = ["starred", "your_tags", "note", "added_by_you"];

fn event_json(dataset: &Dataset, e: Event<'_>, extra: Extra<'_>) -> Value {
    let mut o = Map::new();
    o.insert("id".to_owned(), json!(e.id()));
    o.insert("title".to_owned(), json!(e.title()));
    o.insert("time".to_owned(), json!(e.time().to_string()));
    let actors: Vec<&str> = e
        .actors()
        .iter()
        .map(|&a| dataset.actors[a as usize].id.as_str())
        .collect();
    o.insert("actors".to_owned(), json!(actors));
    o.insert("kind".to_owned(), json!(e.kind().name()));
    if let Some(d) = e.description() {
        o.insert("description".to_owned(), json!(d));
    }
    if let Some(s) = e.source() {
        o.insert("source".to_owned(), source_json(s));
    }
    if !e.tags().is_empty() {
        o.insert("tags".to_owned(), json!(e.tags().to_vec()));
    }
    let mine = extra(e.index());
    if !e.attributes().is_empty() || !mine.is_empty() {
        let attrs: Map<String, Value> = e
            .attributes()
            .iter()
            .map(|(k, v)| (k.to_owned(), json!(v)))
            .chain(mine.into_iter().map(|(k, v)| (k.to_owned(), json!(v))))
            .collect();
        o.insert("attributes".to_owned(), Value::Object(attrs));
    }
    Value::Object(o)
}

/// The events `is_kept` keeps, and the events their relative dates are counted from (which
/// the dates need to mean anything), in the dataset's order.
pub fn exported_events(dataset: &Dataset, is_kept: &dyn Fn(usize) -> bool) -> Vec<bool> {
    let mut out: Vec<bool> = (0..dataset.events.len()).map(is_kept).collect();
    let mut todo: Vec<usize> = (0..out.len()).filter(|&e| out[e]).collect();
    while let Some(e) = todo.pop() {
        for r in dataset.events.at(e).time().references() {
            if let Some(target) = dataset.event_by_id(&r.event)
                && !out[target]
            {
                out[target] = true;
                todo.push(target);
            }
        }
    }
    out
}

/// The events `is_kept` keeps (with those their dates refer to), the actors they name and the
/// links between them, as a Swimline JSON document (`"format": "swimline/1"`).
pub fn native_json(dataset: &Dataset, is_kept: &dyn Fn(usize) -> bool, extra: Extra<'_>) -> String {
    let exported = exported_events(dataset, is_kept);
    let is_kept = |e: usize| exported[e];
    let kept: Vec<usize> = (0..dataset.events.len()).filter(|&e| is_kept(e)).collect();
    let used: BTreeSet<u32> = kept
        .iter()
        .flat_map(|&e| dataset.events.at(e).actors().iter().copied())
        .collect();
    let actors: Vec<Value> = dataset
        .actors
        .iter()
        .enumerate()
        .filter(|(a, _)| used.contains(&(*a as u32)))
        .map(|(_, a)| {
            let mut o = Map::new();
            o.insert("id".to_owned(), json!(a.id));
            o.insert("name".to_owned(), json!(a.name));
            if let Some(g) = &a.group {
                o.insert("group".to_owned(), json!(g));
            }
            if let Some(c) = a.color {
                o.insert("color".to_owned(), json!(c.to_string()));
            }
            if let Some(d) = &a.description {
                o.insert("description".to_owned(), json!(d));
            }
            Value::Object(o)
        })
        .collect();
    let events: Vec<Value> = kept
        .iter()
        .map(|&e| event_json(dataset, dataset.events.at(e), extra))
        .collect();
    let links: Vec<Value> = dataset
        .links
        .iter()
        .filter(|l| is_kept(l.from) && is_kept(l.to))
        .map(|l| {
            let mut o = Map::new();
            o.insert("from".to_owned(), json!(dataset.events.at(l.from).id()));
            o.insert("to".to_owned(), json!(dataset.events.at(l.to).id()));
            o.insert(
                "kind".to_owned(),
                serde_json::to_value(l.kind).unwrap_or_default(),
            );
            if let Some(n) = &l.note {
                o.insert("note".to_owned(), json!(n));
            }
            Value::Object(o)
        })
        .collect();
    let periods: Vec<Value> = dataset
        .periods
        .iter()
        .map(|p| {
            let mut o = Map::new();
            o.insert("title".to_owned(), json!(p.title));
            o.insert("time".to_owned(), json!(p.time.to_string()));
            if let Some(c) = p.color {
                o.insert("color".to_owned(), json!(c.to_string()));
            }
            Value::Object(o)
        })
        .collect();
    let mut doc = Map::new();
    doc.insert("format".to_owned(), json!(crate::io::native::FORMAT_TAG));
    if !dataset.title.is_empty() {
        doc.insert("title".to_owned(), json!(dataset.title));
    }
    if let Some(d) = &dataset.description {
        doc.insert("description".to_owned(), json!(d));
    }
    doc.insert("actors".to_owned(), Value::Array(actors));
    doc.insert("events".to_owned(), Value::Array(events));
    if !links.is_empty() {
        doc.insert("links".to_owned(), Value::Array(links));
    }
    if !periods.is_empty() {
        doc.insert("periods".to_owned(), Value::Array(periods));
    }
    serde_json::to_string_pretty(&Value::Object(doc)).unwrap_or_default() + "\n"
}

/// The columns Swimline CSV export writes, before the attributes' own.
const CSV_COLUMNS: [&str; 14] = [
    "id",
    "title",
    "start",
    "end",
    "time",
    "actors",
    "kind",
    "tags",
    "description",
    "source",
    "outlet",
    "reported",
    "quote",
    "url",
];

/// The events `is_kept` keeps (with those their dates refer to) as Swimline CSV: one row each,
/// `time` as written (with `start` and `end` beside it for other tools), the source's parts,
/// `links` from each event to those it points at, and a column per attribute name.
pub fn swimline_csv(
    dataset: &Dataset,
    is_kept: &dyn Fn(usize) -> bool,
    extra: Extra<'_>,
) -> String {
    let exported = exported_events(dataset, is_kept);
    let is_kept = |e: usize| exported[e];
    let kept: Vec<usize> = (0..dataset.events.len()).filter(|&e| is_kept(e)).collect();
    let attributes: BTreeSet<&str> = kept
        .iter()
        .flat_map(|&e| dataset.events.at(e).attributes().iter().map(|(k, _)| k))
        .filter(|k| {
            !CSV_COLUMNS.contains(&k.to_lowercase().as_str())
                && !k.eq_ignore_ascii_case("links")
                && !NOTE_COLUMNS.contains(&k.to_lowercase().as_str())
        })
        .collect();
    let extras: Vec<Vec<(&str, String)>> = kept.iter().map(|&e| extra(e)).collect();
    let note_columns: Vec<&str> = NOTE_COLUMNS
        .into_iter()
        .filter(|c| extras.iter().any(|x| x.iter().any(|(k, _)| k == c)))
        .collect();
    let mut out = csv::WriterBuilder::new().from_writer(Vec::new());
    let mut header: Vec<&str> = CSV_COLUMNS.to_vec();
    header.push("links");
    header.extend(note_columns.iter().copied());
    header.extend(attributes.iter().copied());
    let _ = out.write_record(&header);
    for (&e, mine) in kept.iter().zip(&extras) {
        let event = dataset.events.at(e);
        let time = event.time();
        let source = event.source();
        let field = |f: fn(&Source) -> Option<String>| source.and_then(f).unwrap_or_default();
        // Lanes by name: a CSV has no table of actors, so the name is what reads back.
        let actors: Vec<&str> = event
            .actors()
            .iter()
            .map(|&a| dataset.actors[a as usize].name.as_str())
            .collect();
        let links: Vec<String> = dataset
            .links
            .iter()
            .filter(|l| l.from == e && is_kept(l.to))
            .map(|l| {
                let kind = serde_json::to_value(l.kind)
                    .ok()
                    .and_then(|v| v.as_str().map(str::to_owned))
                    .unwrap_or_default();
                format!("{kind}:{}", dataset.events.at(l.to).id())
            })
            .collect();
        let mut row: Vec<String> = vec![
            event.id().to_owned(),
            event.title().to_owned(),
            time.start.to_string(),
            time.end
                .as_ref()
                .map(ToString::to_string)
                .unwrap_or_default(),
            time.to_string(),
            actors.join(";"),
            event.kind().name().to_owned(),
            event.tags().join(";"),
            event.description().unwrap_or_default().to_owned(),
            field(|s| s.by.clone()),
            field(|s| s.outlet.clone()),
            field(|s| s.reported.as_ref().map(ToString::to_string)),
            field(|s| s.quote.clone()),
            field(|s| s.url.clone()),
            links.join(";"),
        ];
        row.extend(note_columns.iter().map(|c| {
            mine.iter()
                .find(|(k, _)| k == c)
                .map(|(_, v)| v.clone())
                .unwrap_or_default()
        }));
        row.extend(
            attributes
                .iter()
                .map(|name| event.attributes().get(name).unwrap_or_default().to_owned()),
        );
        let _ = out.write_record(&row);
    }
    String::from_utf8(out.into_inner().unwrap_or_default()).unwrap_or_default()
}
