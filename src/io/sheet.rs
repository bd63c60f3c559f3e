//! Spreadsheets (.xlsx, .xlsm, .xls, .ods, read with calamine): a sheet becomes the rows of a
//! CSV and is read by the reader its header names (Swimline CSV, a TimelineJS sheet, ACLED,
//! Timesketch, Plaso), so a sheet reads exactly as the same table saved as CSV would. Date cells
//! become ISO dates (`2018-03-04`, `2018-03-04T10:30:00`; calamine counts both the 1900 and the
//! 1904 date systems), whole numbers lose Excel's `.0` (`1743`, not `1743.0`), and dates typed
//! as text stay text for the reader to parse. When several sheets have a known layout, the first
//! is read and a warning names the others (View ▸ Sheet and `--sheet NAME` pick one).

use std::io::Cursor;

use calamine::{Data, Reader as _, Sheets};

use super::csv_table::Table;
use super::detect::detect_csv;
use super::error::{LoadError, Problem};

/// Whether `bytes` are a spreadsheet: an OLE file (.xls) or a zip archive holding a workbook
/// (.xlsx, .xlsm) or an OpenDocument spreadsheet (.ods).
pub(super) fn is_spreadsheet(bytes: &[u8]) -> bool {
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        return true;
    }
    if !bytes.starts_with(b"PK\x03\x04") {
        return false;
    }
    let Ok(archive) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        return false;
    };
    archive
        .file_names()
        .filter_map(Result::ok)
        .any(|n| n == "[Content_Types].xml" || n.starts_with("xl/") || n == "content.xml")
}

/// One sheet's cells as CSV text.
fn sheet_csv(range: &calamine::Range<Data>) -> String {
    let mut out = String::new();
    for row in range.rows() {
        // Trailing empty cells are left off, as a CSV export would.
        let mut cells: Vec<String> = row.iter().map(cell_text).collect();
        while cells.last().is_some_and(String::is_empty) {
            cells.pop();
        }
        push_record(&mut out, &cells);
    }
    out
}

/// Appends one row to CSV text; a row with no cells is a blank line, as in a CSV export (the
/// csv crate writes `""`, a row of one empty field, which the readers warn about row by row).
fn push_record(out: &mut String, cells: &[String]) {
    if cells.is_empty() {
        out.push('\n');
        return;
    }
    let mut writer = csv::WriterBuilder::new()
        .flexible(true)
        .from_writer(Vec::new());
    let _ = writer.write_record(cells);
    let bytes = writer.into_inner().unwrap_or_default();
    out.push_str(&String::from_utf8_lossy(&bytes));
}

/// The most CSV text one sheet may become: a sheet whose few cells lie far apart (one at A1,
/// one at XFD1048576) would otherwise become gigabytes of empty fields.
const MAX_SHEET_CSV_BYTES: usize = 512 << 20;

/// The sheet `name` as CSV text. An `.xlsx` sheet is read cell by cell, so only the cells
/// that exist take memory (calamine's whole-sheet range reserves rows × columns cells: a
/// sheet with one cell at XFD1048576 asked for 550 GB); the others through their range, whose
/// size `sheet_guard` has checked.
fn sheet_text(workbook: &mut Sheets<Cursor<Vec<u8>>>, name: &str) -> Result<String, String> {
    let Sheets::Xlsx(xlsx) = workbook else {
        return workbook
            .worksheet_range(name)
            .map(|range| sheet_csv(&range))
            .map_err(|e| e.to_string());
    };
    let mut reader = xlsx
        .worksheet_cells_reader(name)
        .map_err(|e| e.to_string())?;
    let mut cells: Vec<((u32, u32), Data)> = Vec::new();
    while let Some(cell) = reader.next_cell().map_err(|e| e.to_string())? {
        let value: Data = cell.get_value().clone().into();
        if value != Data::Empty {
            cells.push((cell.get_position(), value));
        }
    }
    sparse_csv(cells)
}

/// Cells at their (row, column) as CSV text, from the first row and column that hold one, as
/// a dense range would give them; rows with no cell are empty lines.
fn sparse_csv(mut cells: Vec<((u32, u32), Data)>) -> Result<String, String> {
    cells.sort_by_key(|(pos, _)| *pos);
    let Some(first_row) = cells.first().map(|((r, _), _)| *r) else {
        return Ok(String::new());
    };
    let first_col = cells.iter().map(|((_, c), _)| *c).min().unwrap_or(0);
    let mut out = String::new();
    let mut row = first_row;
    let mut line: Vec<String> = Vec::new();
    let too_large = || {
        format!(
            "the sheet's cells lie so far apart that it would take more than {} MB as a table",
            MAX_SHEET_CSV_BYTES >> 20
        )
    };
    let flush = |line: &mut Vec<String>, out: &mut String| -> Result<(), String> {
        push_record(out, line);
        line.clear();
        if out.len() > MAX_SHEET_CSV_BYTES {
            return Err(too_large());
        }
        Ok(())
    };
    for ((r, c), value) in cells {
        while row < r {
            flush(&mut line, &mut out)?;
            row += 1;
        }
        let col = (c - first_col) as usize;
        if col.saturating_sub(line.len()) > MAX_SHEET_CSV_BYTES {
            return Err(too_large());
        }
        while line.len() < col {
            line.push(String::new());
        }
        line.push(cell_text(&value));
        if line.len() > MAX_SHEET_CSV_BYTES / 2 {
            return Err(too_large());
        }
    }
    flush(&mut line, &mut out)?;
    Ok(out)
}

/// Runs `read` (calamine's work on a workbook), with a panic inside it caught and turned into
/// the file's error in words: a cut `.xls` panicked inside calamine (an index past the end of
/// a sector) and took the app down. The panic's own message is kept off the terminal.
fn guarded<T>(read: impl FnOnce() -> T) -> Result<T, String> {
    quiet_panics::install();
    quiet_panics::QUIET.with(|q| q.set(true));
    let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(read));
    quiet_panics::QUIET.with(|q| q.set(false));
    outcome.map_err(|_| {
        "a spreadsheet that cannot be read: it is cut short or damaged (the spreadsheet reader \
         stopped inside it)"
            .to_owned()
    })
}

/// A panic hook that stays silent on the thread while it reads a workbook (the panic becomes
/// the file's error) and otherwise does what the hook before it did.
mod quiet_panics {
    use std::cell::Cell;
    use std::sync::Once;

    thread_local! {
        /// Whether this thread is inside [`super::guarded`].
        pub static QUIET: Cell<bool> = const { Cell::new(false) };
    }

    /// Installs the hook, once per process.
    pub fn install() {
        static ONCE: Once = Once::new();
        ONCE.call_once(|| {
            let before = std::panic::take_hook();
            std::panic::set_hook(Box::new(move |info| {
                if !QUIET.with(Cell::get) {
                    before(info);
                }
            }));
        });
    }
}

/// A cell as the text a CSV export of it would hold.
fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Empty | Data::Error(_) => String::new(),
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::Float(f) => f.to_string(),
        Data::Bool(b) => b.to_string(),
        Data::DateTime(d) if d.is_duration() => d.as_f64().to_string(),
        Data::DateTime(d) => {
            let (y, mo, day, h, mi, s, _) = d.to_ymd_hms_milli();
            if (h, mi, s) == (0, 0, 0) {
                format!("{y:04}-{mo:02}-{day:02}")
            } else {
                format!("{y:04}-{mo:02}-{day:02}T{h:02}:{mi:02}:{s:02}")
            }
        }
    }
}

fn problem(message: String) -> Problem {
    Problem {
        location: None,
        field: None,
        message,
    }
}

/// The names of a spreadsheet's sheets, in workbook order, and the one read when none is
/// picked (the first with a layout Swimline knows).
pub fn sheet_names(bytes: &[u8]) -> (Vec<String>, Option<String>) {
    if super::sheet_guard::check(bytes).is_err() {
        return (Vec::new(), None);
    }
    let names = guarded(|| {
        calamine::open_workbook_auto_from_rs(Cursor::new(bytes.to_vec()))
            .map(|w| w.sheet_names())
            .unwrap_or_default()
    })
    .unwrap_or_default();
    let first = sheet_as_csv("", bytes, None, false)
        .ok()
        .and_then(|(name, _, _)| name);
    (names, first)
}

/// The sheet to read (`wanted`, or the first with a layout Swimline knows): its name (none for
/// a table read through a mapping), its CSV text, and a note when other sheets would have read
/// too.
pub(super) fn sheet_as_csv(
    file: &str,
    bytes: &[u8],
    wanted: Option<&str>,
    any_sheet: bool,
) -> Result<(Option<String>, String, Vec<Problem>), LoadError> {
    super::sheet_guard::check(bytes)
        .map_err(|message| LoadError::content(file, problem(message)))?;
    guarded(|| read_sheets(file, bytes, wanted, any_sheet))
        .map_err(|message| LoadError::content(file, problem(message)))?
}

/// [`sheet_as_csv`] once the bytes have passed the guard, inside [`guarded`].
fn read_sheets(
    file: &str,
    bytes: &[u8],
    wanted: Option<&str>,
    any_sheet: bool,
) -> Result<(Option<String>, String, Vec<Problem>), LoadError> {
    let mut workbook =
        calamine::open_workbook_auto_from_rs(Cursor::new(bytes.to_vec())).map_err(|e| {
            LoadError::content(
                file,
                problem(format!(
                    "a spreadsheet that cannot be read: it is cut short, damaged or protected \
                     by a password ({})",
                    e
                )),
            )
        })?;
    let names = workbook.sheet_names();
    let quoted = |names: &[String]| {
        names
            .iter()
            .map(|n| format!("\"{n}\""))
            .collect::<Vec<_>>()
            .join(", ")
    };
    if let Some(wanted) = wanted {
        if !names.iter().any(|n| n == wanted) {
            return Err(LoadError::content(
                file,
                problem(format!(
                    "there is no sheet \"{wanted}\": expected one of {}",
                    quoted(&names)
                )),
            ));
        }
        let text = sheet_text(&mut workbook, wanted).map_err(|e| {
            LoadError::content(
                file,
                problem(format!("the sheet \"{wanted}\" cannot be read: {e}")),
            )
        })?;
        return Ok((Some(wanted.to_owned()), text, Vec::new()));
    }
    let mut known: Vec<(String, String)> = Vec::new();
    let mut headers = Vec::new();
    let mut first_table = None;
    let mut unreadable = Vec::new();
    for name in &names {
        let text = match sheet_text(&mut workbook, name) {
            Ok(text) => text,
            Err(e) => {
                unreadable.push(format!("\"{name}\" (cannot be read: {e})"));
                continue;
            }
        };
        if first_table.is_none() && !text.trim().is_empty() {
            first_table = Some(text.clone());
        }
        let header = Table::new(file, &text)
            .ok()
            .map(|table| (detect_csv(&table).is_some(), table.names.join(", ")));
        match header {
            Some((true, _)) => known.push((name.clone(), text)),
            Some((false, names)) => headers.push(format!("\"{name}\" (header: {names})")),
            None => headers.push(format!("\"{name}\" (empty)")),
        }
    }
    if known.is_empty()
        && any_sheet
        && let Some(text) = first_table
    {
        // A table of its own layout, to be read with a mapping.
        return Ok((None, text, Vec::new()));
    }
    let mut known = known.into_iter();
    let Some((first, text)) = known.next() else {
        return Err(LoadError::content(
            file,
            problem(format!(
                "no sheet has a layout Swimline knows: {}; expected columns title and start \
                 (Swimline), Year and Headline (TimelineJS), event_id_cnty and event_date \
                 (ACLED), message, datetime and timestamp_desc (Timesketch), or date, time, \
                 timezone, MACB, source and desc (Plaso)",
                if headers.is_empty() && unreadable.is_empty() {
                    "it has no sheets".to_owned()
                } else {
                    headers
                        .iter()
                        .chain(&unreadable)
                        .cloned()
                        .collect::<Vec<_>>()
                        .join("; ")
                }
            )),
        ));
    };
    let others: Vec<String> = known.map(|(n, _)| n).collect();
    let notes = if others.is_empty() {
        Vec::new()
    } else {
        vec![problem(format!(
            "read the sheet \"{first}\"; {} could be read too: pick one with View, Sheet (or \
             --sheet NAME)",
            quoted(&others)
        ))]
    };
    Ok((Some(first), text, notes))
}

#[cfg(test)]
mod tests {
    use super::cell_text;
    use calamine::{Data, ExcelDateTime, ExcelDateTimeType};

    #[test]
    fn cells_read_as_a_csv_export_would_hold_them() {
        assert_eq!(cell_text(&Data::Float(1743.0)), "1743");
        assert_eq!(cell_text(&Data::Float(2.5)), "2.5");
        assert_eq!(cell_text(&Data::Int(7)), "7");
        assert_eq!(cell_text(&Data::Empty), "");
        // Worked by hand: in the 1900 system 43101 is 2018-01-01 (so 43165 is 64 days later,
        // 6 March); the 1904 system counts 1,462 days fewer, so 43165 there is 44627 in 1900
        // terms: 2022-01-01 is 44562, plus 65 days is 7 March.
        let day = |is_1904| {
            Data::DateTime(ExcelDateTime::new(
                43165.0,
                ExcelDateTimeType::DateTime,
                is_1904,
            ))
        };
        assert_eq!(cell_text(&day(false)), "2018-03-06");
        assert_eq!(cell_text(&day(true)), "2022-03-07");
        let noon = Data::DateTime(ExcelDateTime::new(
            43165.5,
            ExcelDateTimeType::DateTime,
            false,
        ));
        assert_eq!(cell_text(&noon), "2018-03-06T12:00:00");
    }
}
