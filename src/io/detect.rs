//! Which format a file is in, from its content (not its name), and the dispatch to its reader.

use super::error::{LoadError, Location, Problem};
use super::finish::{finish, strip_position};
use super::{Format, Imported, LoadOptions, progress};
use super::{
    acled, csv_table, gdelt, native, plaso, swimline_csv, timelinejs, timesketch, vis_timeline,
};
use crate::model::Dataset;

/// Whether the content is JSON (its first visible character opens an object or array).
pub(super) fn is_json(bytes: &[u8]) -> bool {
    let first = bytes
        .strip_prefix(b"\xEF\xBB\xBF")
        .unwrap_or(bytes)
        .iter()
        .find(|b| !b.is_ascii_whitespace())
        .copied();
    matches!(first, Some(b'{' | b'['))
}

pub(super) fn load_json(
    file: &str,
    text: &str,
    options: &LoadOptions,
) -> Result<(Dataset, Format, Vec<Problem>), LoadError> {
    progress::current(|p| p.set_stage(progress::Stage::Parsing));
    // The native format parses straight into typed records (fast, for large files).
    if text.contains("\"format\"") && native::looks_native(text) {
        return native::parse(file, text).map(|d| (d, Format::Swimline, Vec::new()));
    }
    // One JSON object per line: Plaso's json_line or Timesketch JSONL.
    let mut lines = text.lines().filter(|l| !l.trim().is_empty());
    if let (Some(first), Some(_)) = (lines.next(), lines.next())
        && serde_json::from_str::<serde_json::Value>(first).is_ok_and(|v| v.is_object())
        && serde_json::from_str::<serde_json::Value>(text).is_err()
    {
        if plaso::is_json_line(first) {
            let imported = timesketch::parse_jsonl_lanes(file, text, options, "parser")?;
            return finish(file, imported, Format::PlasoJsonl);
        }
        return finish(
            file,
            timesketch::parse_jsonl(file, text, options)?,
            Format::TimesketchJsonl,
        );
    }
    let value = json_value(file, text)?;
    let object = value.as_object();
    let has = |key: &str| object.is_some_and(|o| o.contains_key(key));
    let (imported, format) = if has("format") {
        return native::parse(file, text).map(|d| (d, Format::Swimline, Vec::new()));
    } else if has("event_0") {
        (plaso_json(file, &value, options)?, Format::PlasoJson)
    } else if has("timeline") {
        (
            timelinejs::parse_legacy(file, text, &value, options.zone())?,
            Format::TimelineJsLegacy,
        )
    } else if has("events") || has("eras") {
        (
            timelinejs::parse_json(text, &value, options.zone())?,
            Format::TimelineJs,
        )
    } else if value.is_array() || has("items") || has("groups") {
        (vis_timeline::parse(text, &value)?, Format::VisTimeline)
    } else {
        return Err(LoadError::content(
            file,
            Problem {
                location: Some(Location { line: 1, column: 1 }),
                field: None,
                message: "not a timeline format Swimline knows: expected Swimline JSON \
                          (\"format\": \"swimline/1\"), TimelineJS (\"events\"), TimelineJS 2 \
                          (\"timeline\"), or vis-timeline (\"items\" or an array of items)"
                    .to_owned(),
            },
        ));
    };
    finish(file, imported, format)
}

/// Plaso's `-o json`: an object of `event_0`, `event_1`, … (lanes by `parser`).
pub(super) fn plaso_json(
    file: &str,
    value: &serde_json::Value,
    options: &LoadOptions,
) -> Result<Imported, LoadError> {
    let Some(objects) = plaso::json_events(value) else {
        return Err(LoadError::content(
            file,
            Problem {
                location: Some(Location { line: 1, column: 1 }),
                field: None,
                message: "not Plaso JSON: expected one object whose keys are event_0, event_1, …"
                    .to_owned(),
            },
        ));
    };
    Ok(timesketch::parse_objects(
        objects,
        options,
        "parser",
        Vec::new(),
    ))
}

/// When the JSON in `text` stops at line `line`, column `column` because a comment starts
/// there (`//`, `/* */`): an error that says exactly that. JSON has no comments; files written by
/// hand, or for JavaScript, often do.
pub(super) fn comment_error(
    file: &str,
    text: &str,
    line: usize,
    column: usize,
) -> Option<LoadError> {
    let at_line = text.lines().nth(line.saturating_sub(1)).unwrap_or_default();
    let at = column.saturating_sub(1).min(at_line.len());
    let rest = at_line.get(at..).unwrap_or_default().trim_start();
    let kind = if rest.starts_with("//") {
        "//"
    } else if rest.starts_with("/*") {
        "/* */"
    } else {
        return None;
    };
    Some(LoadError::content(
        file,
        Problem {
            location: Some(Location {
                line,
                column: column.max(1),
            }),
            field: None,
            message: format!(
                "a comment ({kind}): JSON has no comments, so this is JavaScript or \"JSON with \
                 comments\", not JSON; remove the comments and open it again"
            ),
        },
    ))
}

/// The JSON document in `text`, or an error that says where it stops being JSON.
pub(super) fn json_value(file: &str, text: &str) -> Result<serde_json::Value, LoadError> {
    serde_json::from_str(text).map_err(|e| {
        if let Some(error) = comment_error(file, text, e.line(), e.column()) {
            return error;
        }
        LoadError::content(
            file,
            Problem {
                location: Some(Location {
                    line: e.line(),
                    column: e.column().max(1),
                }),
                field: None,
                message: format!("not valid JSON: {}", strip_position(&e.to_string())),
            },
        )
    })
}

pub(super) fn load_csv(
    file: &str,
    text: &str,
    options: &LoadOptions,
) -> Result<(Dataset, Format, Vec<Problem>), LoadError> {
    let (imported, format) = import_csv(file, text, options)?;
    finish(file, imported, format)
}

/// The CSV format a header says, if Swimline knows it.
pub(super) fn detect_csv(table: &csv_table::Table<'_>) -> Option<Format> {
    if table.has_all(&["event_id_cnty", "event_date"]) {
        Some(Format::Acled)
    } else if plaso::is_l2tcsv(table) {
        Some(Format::PlasoL2tCsv)
    } else if plaso::is_dynamic_csv(table) {
        Some(Format::PlasoCsv)
    } else if table.has_all(&["year", "headline"]) {
        Some(Format::TimelineJsCsv)
    } else if table.has_all(&["message", "timestamp_desc"])
        && (table.has_all(&["datetime"]) || table.has_all(&["timestamp"]))
    {
        Some(Format::TimesketchCsv)
    } else if table.has_all(&["title", "start"]) {
        Some(Format::SwimlineCsv)
    } else {
        None
    }
}

/// Reads the records of a CSV file, of whichever format its header says.
pub(super) fn import_csv(
    file: &str,
    text: &str,
    options: &LoadOptions,
) -> Result<(Imported, Format), LoadError> {
    progress::current(|p| p.set_stage(progress::Stage::Parsing));
    if gdelt::looks_like(text) {
        return Ok((gdelt::parse(file, text)?, Format::Gdelt));
    }
    let table = csv_table::Table::new(file, text)?;
    if let Some(mapping) = mapping_for(&table, options) {
        drop(table);
        let (rewritten, notes) =
            super::mapping::to_swimline_csv(file, text, &mapping, options.tz.as_deref())?;
        let table = csv_table::Table::new(file, &rewritten)?;
        let mut imported = swimline_csv::parse(table)?;
        imported.warnings.splice(0..0, notes);
        return Ok((imported, Format::MappedTable));
    }
    import_table(file, table, options)
}

/// The mapping a table is read with: the one given, or, for a header of no layout Swimline
/// knows, the one remembered for it.
pub(super) fn mapping_for(
    table: &csv_table::Table<'_>,
    options: &LoadOptions,
) -> Option<super::mapping::Mapping> {
    options.mapping.clone().or_else(|| {
        detect_csv(table)
            .is_none()
            .then(|| {
                options
                    .remembered
                    .get(&super::mapping::header_key(&table.names))
                    .cloned()
            })
            .flatten()
    })
}

/// Reads a table of a layout Swimline knows (see [`detect_csv`]).
pub(super) fn import_table(
    file: &str,
    table: csv_table::Table<'_>,
    options: &LoadOptions,
) -> Result<(Imported, Format), LoadError> {
    let (imported, format) = match detect_csv(&table) {
        Some(Format::Acled) => (acled::parse(table)?, Format::Acled),
        Some(Format::TimelineJsCsv) => (
            timelinejs::parse_csv(table, options.zone())?,
            Format::TimelineJsCsv,
        ),
        Some(Format::TimesketchCsv) => (
            timesketch::parse_csv(table, options)?,
            Format::TimesketchCsv,
        ),
        Some(Format::PlasoL2tCsv) => (
            plaso::parse_l2tcsv(table, options.lane_column.as_deref())?,
            Format::PlasoL2tCsv,
        ),
        Some(Format::PlasoCsv) => (
            timesketch::parse_csv_lanes(table, options, "source")?,
            Format::PlasoCsv,
        ),
        Some(_) => (swimline_csv::parse(table)?, Format::SwimlineCsv),
        None => {
            let header = table.names.join(",");
            return Err(LoadError::content(
                file,
                Problem {
                    location: Some(Location { line: 1, column: 0 }),
                    field: None,
                    message: format!(
                        "not a CSV format Swimline knows (header: \"{header}\"): expected columns \
                     title and start (Swimline CSV), Year and Headline (TimelineJS), \
                     event_id_cnty and event_date (ACLED), message, datetime and \
                     timestamp_desc (Timesketch), or date, time, timezone, MACB, source and \
                     desc (Plaso l2tcsv)"
                    ),
                },
            ));
        }
    };
    Ok((imported, format))
}
