//! vis-timeline data: `{ "items": [...], "groups": [...] }`, a bare array of items, or a bare
//! array of groups. Items: `id, content, start, end, group, type, title, subgroup`; `type:
//! background` items become background bands. Groups: `id, content, nestedGroups, order,
//! visible` become lanes; a nested group's lane carries its parent's name as its group.

// Ids and groups from the file: seeded per process (std's RandomState), not FxHash.
use std::collections::{HashMap, HashSet};

use serde_json::Value;

use super::draft::{Imported, List, Origins, Record, RecordOrigin, UniqueIds, unique_id};
use super::error::{LoadError, Problem};
use super::json_locate::ListLocator;
use super::text::html_to_text;
use crate::model::{
    ActorDraft, CivilDateTime, DatasetDraft, Endpoint, EventDraft, EventKind, FuzzyDate, PathSeg,
    PeriodDraft, Precision, TimeSpec, Timestamp,
};

fn id_text(value: Option<&Value>) -> Option<String> {
    match value? {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// A vis-timeline date: an ISO string (`2014-04-20`, `2014-04-20 10:00`, `…T10:00:00.000Z`) or
/// milliseconds since 1970.
fn date_of(value: &Value) -> Result<FuzzyDate, String> {
    match value {
        Value::String(s) => {
            let s = s.trim();
            let iso = match s.split_once(' ') {
                Some((d, t)) if d.len() >= 8 && t.contains(':') => format!("{d}T{t}"),
                _ => s.to_owned(),
            };
            iso.parse::<FuzzyDate>().map_err(|e| e.message)
        }
        Value::Number(n) => {
            let ms = n.as_f64().ok_or("expected milliseconds since 1970")?;
            if !ms.is_finite() || ms.abs() > 8.64e18 {
                return Err(format!("{ms} ms is out of range"));
            }
            let c = Timestamp((ms / 1000.0).floor() as i64).civil();
            Ok(second_precision(c))
        }
        _ => Err("expected a date string or milliseconds since 1970".to_owned()),
    }
}

/// A date to the second from civil parts.
pub(super) fn second_precision(c: CivilDateTime) -> FuzzyDate {
    FuzzyDate {
        year: c.year,
        month: Some(c.month),
        day: Some(c.day),
        time: Some((c.hour, c.minute, c.second)),
        nanos: 0,
        precision: Precision::Second,
        approximate: false,
        uncertain: false,
    }
}

fn origin(elements: &ListLocator<'_>, list: Option<&str>, i: usize) -> RecordOrigin {
    let list = match list {
        Some("groups") => List::Groups,
        Some(_) => List::Items,
        None => List::Root,
    };
    RecordOrigin::new(elements.location(i), Record::Item(list, i as u32))
}

/// The elements of the list under `key` (the root list when `None`), located once.
fn list_locator<'t>(text: &'t str, key: Option<&str>) -> ListLocator<'t> {
    let path: Vec<PathSeg> = key
        .map(|k| PathSeg::Key(k.to_owned()))
        .into_iter()
        .collect();
    ListLocator::new(text, &path)
}

fn looks_like_group(v: &Value) -> bool {
    v.get("start").is_none()
        && (v.get("nestedGroups").is_some()
            || v.get("treeLevel").is_some()
            || v.get("content").is_some())
}

/// The groups as lanes (sorted by `order` when given), parents named on their children; and
/// the ids of the groups. A group without an id is skipped with a warning.
fn group_lanes(
    text: &str,
    groups: &[Value],
    groups_key: Option<&str>,
    warnings: &mut Vec<Problem>,
) -> (Vec<ActorDraft>, HashSet<String>) {
    // Groups → lanes, parents named on their children.
    let mut actors: Vec<(Option<f64>, ActorDraft)> = Vec::new();
    let mut parent_of: HashMap<String, String> = HashMap::default();
    for g in groups {
        if let Some(children) = g.get("nestedGroups").and_then(Value::as_array) {
            let name = html_to_text(&id_text(g.get("content")).unwrap_or_default());
            for child in children.iter().filter_map(|c| id_text(Some(c))) {
                parent_of.insert(child, name.clone());
            }
        }
    }
    let mut group_ids = HashSet::default();
    let group_elements = list_locator(text, groups_key);
    for (i, g) in groups.iter().enumerate() {
        let Some(id) = id_text(g.get("id")) else {
            let at = origin(&group_elements, groups_key, i);
            warnings.push(Problem {
                location: at.location(),
                field: Some(at.what.to_string()),
                message: "skipped: a group needs an id".to_owned(),
            });
            continue;
        };
        if !group_ids.insert(id.clone()) {
            continue;
        }
        let name = html_to_text(&id_text(g.get("content")).unwrap_or_else(|| id.clone()));
        actors.push((
            g.get("order").and_then(Value::as_f64),
            ActorDraft {
                group: parent_of.get(&id).cloned(),
                description: g.get("title").and_then(Value::as_str).map(html_to_text),
                name: name.replace('\n', " "),
                id,
                color: None,
            },
        ));
    }
    // vis-timeline sorts groups by `order` when it is given; file order otherwise.
    actors.sort_by(|a, b| match (a.0, b.0) {
        (Some(x), Some(y)) => x.total_cmp(&y),
        _ => std::cmp::Ordering::Equal,
    });
    (actors.into_iter().map(|(_, a)| a).collect(), group_ids)
}

pub(super) fn parse(text: &str, value: &Value) -> Result<Imported, LoadError> {
    let (items, groups, items_key, groups_key): (&[Value], &[Value], Option<&str>, Option<&str>) =
        match value {
            Value::Array(list) if !list.is_empty() && list.iter().all(looks_like_group) => {
                (&[], list, None, None)
            }
            Value::Array(list) => (list, &[], None, None),
            Value::Object(o) => (
                o.get("items")
                    .and_then(Value::as_array)
                    .map_or(&[][..], Vec::as_slice),
                o.get("groups")
                    .and_then(Value::as_array)
                    .map_or(&[][..], Vec::as_slice),
                Some("items"),
                Some("groups"),
            ),
            _ => (&[], &[], None, None),
        };
    let mut warnings = Vec::new();

    let (mut actors, mut group_ids) = group_lanes(text, groups, groups_key, &mut warnings);

    let mut events = Vec::new();
    let mut origins = Origins::default();
    let mut periods = Vec::new();
    let mut ids = UniqueIds::default();
    let mut ungrouped_lane = false;
    let item_elements = list_locator(text, items_key);
    for (i, item) in items.iter().enumerate() {
        let at = origin(&item_elements, items_key, i);
        let skip = |message: String| at.problem(format!("skipped: {message}"));
        let Some(start) = item.get("start") else {
            warnings.push(skip("an item needs a start".to_owned()));
            continue;
        };
        let start = match date_of(start) {
            Ok(d) => d,
            Err(e) => {
                warnings.push(skip(format!("start: {e}")));
                continue;
            }
        };
        let end = match item.get("end").filter(|v| !v.is_null()).map(date_of) {
            None => None,
            Some(Ok(d)) => Some(Endpoint::Date(d)),
            Some(Err(e)) => {
                warnings.push(skip(format!("end: {e}")));
                continue;
            }
        };
        let time = TimeSpec {
            start: Endpoint::Date(start),
            end,
        };
        let content =
            html_to_text(&id_text(item.get("content")).unwrap_or_default()).replace('\n', " ");
        if item.get("type").and_then(Value::as_str) == Some("background") {
            periods.push(PeriodDraft {
                title: content,
                time,
                color: None,
            });
            continue;
        }
        let lane = match id_text(item.get("group")) {
            Some(g) if group_ids.contains(&g) => g,
            Some(g) => {
                warnings.push(Problem {
                    location: at.location(),
                    field: Some(format!("{}.group", at.what)),
                    message: format!("no group has the id \"{g}\"; a lane was made for it"),
                });
                group_ids.insert(g.clone());
                actors.push(ActorDraft {
                    id: g.clone(),
                    name: g.clone(),
                    ..ActorDraft::default()
                });
                g
            }
            None => {
                ungrouped_lane = true;
                "\0ungrouped".to_owned()
            }
        };
        let wanted = id_text(item.get("id")).unwrap_or_else(|| format!("item-{}", i + 1));
        let (id, renamed) = unique_id(&mut ids, wanted.clone());
        if renamed {
            warnings.push(Problem {
                location: at.location(),
                field: Some(format!("{}.id", at.what)),
                message: format!("the id \"{wanted}\" is repeated; renamed {id}"),
            });
        }
        let mut attributes = Vec::new();
        if let Some(sub) = id_text(item.get("subgroup")) {
            attributes.push(("Subgroup".to_owned(), sub));
        }
        let tooltip = item.get("title").and_then(Value::as_str).map(html_to_text);
        events.push(EventDraft {
            id,
            title: if content.is_empty() {
                "(untitled)".to_owned()
            } else {
                content
            },
            description: tooltip.filter(|t| !t.is_empty()),
            time,
            actors: vec![lane],
            kind: EventKind::Action,
            source: None,
            tags: Vec::new(),
            attributes,
        });
        origins.push(at);
    }
    if ungrouped_lane {
        let name = if actors.is_empty() {
            "Items"
        } else {
            "Ungrouped"
        };
        actors.push(ActorDraft {
            id: "\0ungrouped".to_owned(),
            name: name.to_owned(),
            ..ActorDraft::default()
        });
    }
    if items.is_empty() {
        warnings.push(Problem {
            location: None,
            field: None,
            message: format!(
                "the file has {} groups but no items: the lanes are empty",
                groups.len()
            ),
        });
    }
    Ok(Imported {
        draft: DatasetDraft {
            actors,
            events: events.into_iter().collect(),
            periods,
            ..DatasetDraft::default()
        },
        origins,
        warnings,
    })
}
