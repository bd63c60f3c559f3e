//! Which format a file is in, from its content (not its name), and the hand-over to its reader:
//! the recognisers of [`FORMATS`] asked in passes by the shape of the content, each pass in the
//! registry's order. Also reading content as a format the caller chose. It opens no file and
//! knows no format by name, except that a table read through a mapping is a mapped table.

use super::csv_table::Table;
use super::draft::Imported;
use super::error::{LoadError, Location, Problem};
use super::finish::finish;
use super::format::{FORMATS, Format, FormatDef, Shape, TableReader, expected};
use super::json::json_value;
use super::mapping::{self, Mapping};
use super::options::LoadOptions;
use super::{progress, swimline_csv};
use crate::model::Dataset;

/// Reads JSON text of whichever format it is in.
pub(super) fn load_json(
    file: &str,
    text: &str,
    options: &LoadOptions,
) -> Result<(Dataset, Format, Vec<Problem>), LoadError> {
    progress::current(|p| p.set_stage(progress::Stage::Parsing));
    // A cheap look at the text first: the native format parses straight into typed records
    // (fast, for large files), without a parsed document in between.
    for def in &FORMATS {
        if let Shape::Native {
            text: looks, parse, ..
        } = def.shape
            && looks(text)
        {
            return parse(file, text).map(|d| (d, def.format, Vec::new()));
        }
    }
    if let Some(first) = first_of_json_lines(text) {
        for def in &FORMATS {
            if let Shape::JsonLines { first_line, read } = def.shape
                && first_line(first)
            {
                return finish(file, read(file, text, options)?, def.format);
            }
        }
    }
    let document = json_value(file, text)?;
    for def in &FORMATS {
        match def.shape {
            Shape::Native {
                document: looks,
                parse,
                ..
            } if looks(&document) => {
                return parse(file, text).map(|d| (d, def.format, Vec::new()));
            }
            Shape::JsonDocument {
                document: looks,
                read,
            } if looks(&document) => {
                return finish(file, read(file, text, &document, options)?, def.format);
            }
            _ => {}
        }
    }
    Err(LoadError::content(
        file,
        Problem {
            location: Some(Location { line: 1, column: 1 }),
            field: None,
            message: format!(
                "not a timeline format Swimline knows: expected {}",
                expected(true)
            ),
        },
    ))
}

/// The first line of JSON lines: at least two lines that are not blank, the first one JSON
/// object, and the whole not one JSON document.
fn first_of_json_lines(text: &str) -> Option<&str> {
    let mut lines = text.lines().filter(|l| !l.trim().is_empty());
    let (Some(first), Some(_)) = (lines.next(), lines.next()) else {
        return None;
    };
    (serde_json::from_str::<serde_json::Value>(first).is_ok_and(|v| v.is_object())
        && serde_json::from_str::<serde_json::Value>(text).is_err())
    .then_some(first)
}

/// Reads a table's text of whichever format its header (or its text) says.
pub(super) fn load_csv(
    file: &str,
    text: &str,
    options: &LoadOptions,
) -> Result<(Dataset, Format, Vec<Problem>), LoadError> {
    let (imported, format) = import_csv(file, text, options)?;
    finish(file, imported, format)
}

/// Whether a table's text is of a layout known without a header (GDELT).
pub(super) fn is_headerless_table(text: &str) -> bool {
    FORMATS
        .iter()
        .any(|def| matches!(def.shape, Shape::HeaderlessTable { text: looks, .. } if looks(text)))
}

/// The format and reader of a table of a layout Swimline knows, from its header.
fn table_format(table: &Table<'_>) -> Option<(Format, TableReader)> {
    FORMATS.iter().find_map(|def| match def.shape {
        Shape::Table { header, read } if header(table) => Some((def.format, read)),
        _ => None,
    })
}

/// The format a table's header says, if Swimline knows it.
pub(super) fn detect_csv(table: &Table<'_>) -> Option<Format> {
    table_format(table).map(|(format, _)| format)
}

/// Reads the records of a table's text, of whichever format its header says.
pub(super) fn import_csv(
    file: &str,
    text: &str,
    options: &LoadOptions,
) -> Result<(Imported, Format), LoadError> {
    progress::current(|p| p.set_stage(progress::Stage::Parsing));
    for def in &FORMATS {
        if let Shape::HeaderlessTable { text: looks, read } = def.shape
            && looks(text)
        {
            return Ok((read(file, text, options)?, def.format));
        }
    }
    let table = Table::new(file, text)?;
    if let Some(mapping) = mapping_for(&table, options) {
        drop(table);
        return Ok((
            read_mapped(file, text, &mapping, options)?,
            Format::MappedTable,
        ));
    }
    import_table(file, table, options)
}

/// Reads a table through a mapping of its columns: rewritten as Swimline CSV, with the notes
/// of the rewriting (dates read by a guess) first among the warnings.
fn read_mapped(
    file: &str,
    text: &str,
    mapping: &Mapping,
    options: &LoadOptions,
) -> Result<Imported, LoadError> {
    let (rewritten, notes) = mapping::to_swimline_csv(file, text, mapping, options.tz.as_deref())?;
    let mut imported = swimline_csv::parse(Table::new(file, &rewritten)?)?;
    imported.warnings.splice(0..0, notes);
    Ok(imported)
}

/// The mapping a table is read with: the one given, or, for a header of no layout Swimline
/// knows, the one remembered for it.
pub(super) fn mapping_for(table: &Table<'_>, options: &LoadOptions) -> Option<Mapping> {
    options.mapping.clone().or_else(|| {
        detect_csv(table)
            .is_none()
            .then(|| {
                options
                    .remembered
                    .get(&mapping::header_key(&table.names))
                    .cloned()
            })
            .flatten()
    })
}

/// Reads a table of a layout Swimline knows (see [`detect_csv`]).
pub(super) fn import_table(
    file: &str,
    table: Table<'_>,
    options: &LoadOptions,
) -> Result<(Imported, Format), LoadError> {
    let Some((format, read)) = table_format(&table) else {
        let header = table.names.join(",");
        return Err(LoadError::content(
            file,
            Problem {
                location: Some(Location { line: 1, column: 0 }),
                field: None,
                message: format!(
                    "not a CSV format Swimline knows (header: \"{header}\"): expected columns {}",
                    expected(false)
                ),
            },
        ));
    };
    Ok((read(table, options)?, format))
}

/// Reads decoded content as the format `def` defines, without detecting it. A mapped table
/// with no mapping among the options is read as Swimline CSV.
pub(super) fn read_as(
    file: &str,
    text: &str,
    def: &FormatDef,
    options: &LoadOptions,
) -> Result<(Dataset, Format, Vec<Problem>), LoadError> {
    let imported = match def.shape {
        Shape::Native { parse, .. } => {
            return parse(file, text).map(|d| (d, def.format, Vec::new()));
        }
        Shape::JsonLines { read, .. } | Shape::HeaderlessTable { read, .. } => {
            read(file, text, options)?
        }
        Shape::JsonDocument { read, .. } => read(file, text, &json_value(file, text)?, options)?,
        Shape::Table { read, .. } => read(Table::new(file, text)?, options)?,
        Shape::Mapped => match &options.mapping {
            Some(mapping) => read_mapped(file, text, mapping, options)?,
            None => swimline_csv::parse(Table::new(file, text)?)?,
        },
    };
    finish(file, imported, def.format)
}
