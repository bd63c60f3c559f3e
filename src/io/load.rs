//! The entry points: a file (its bytes checked and read, large tables from the disk in pieces,
//! the format detected or given), a file's bytes, the built-in dataset, a table's first rows for
//! the mapping dialog. Containers are opened here (a spreadsheet's sheet, a zip archive's file);
//! which format the content is in, and its reader, come from `detect.rs` and `format.rs`.

use std::path::Path;

use super::detect::{
    detect_csv, import_csv, import_table, load_csv, load_json, mapping_for, read_as,
};
use super::error::{LoadError, Problem};
use super::finish::finish;
use super::format::Format;
use super::json::is_json;
use super::loaded::{Loaded, Origin};
use super::options::LoadOptions;
use super::progress::{self, Progress};
use super::read::{FileBytes, check_is_readable, read_file, scan_utf8, unzipped};
use super::{csv_table, detect, mapping, native, sheet, swimline_csv, text};
use crate::model::Dataset;

/// The default dataset, compiled into the binary so the app works from any directory.
pub(crate) const DEFAULT_DATASET_JSON: &str = include_str!("../../data/russia-taliban-2018.json");

/// The file name shown for the default dataset.
const DEFAULT_DATASET_NAME: &str = "russia-taliban-2018.json";

/// Reads and validates a file. Never panics on bad input.
pub fn load_path(path: &Path) -> Result<Loaded, LoadError> {
    load_path_with(path, &LoadOptions::default())
}

/// As [`load_path`], with options.
pub fn load_path_with(path: &Path, options: &LoadOptions) -> Result<Loaded, LoadError> {
    load_path_reporting(path, options, None)
}

/// As [`load_path_with`], counting what it has done in `progress` and stopping with
/// [`LoadError::Cancelled`] when `progress` is cancelled.
pub(crate) fn load_path_reporting(
    path: &Path,
    options: &LoadOptions,
    progress: Option<&std::sync::Arc<Progress>>,
) -> Result<Loaded, LoadError> {
    let file = path.display().to_string();
    check_is_readable(&file, path)?;
    let loaded = |(dataset, format, warnings)| Loaded {
        dataset,
        display_name: path
            .file_name()
            .map_or_else(|| file.clone(), |n| n.to_string_lossy().into_owned()),
        path: Some(path.to_path_buf()),
        origin: Origin::File(format),
        warnings,
    };
    if let Some(streamed) = load_streamed(&file, path, options, progress, STREAM_BYTES)? {
        return Ok(loaded(streamed));
    }
    let bytes = read_file(path, progress).map_err(|source| LoadError::Read {
        file: file.clone(),
        source,
    })?;
    if progress.is_some_and(|p| p.is_cancelled()) {
        return Err(LoadError::Cancelled { file: file.clone() });
    }
    let whole = progress::with_current(progress, || load_owned(&file, bytes, options))?;
    Ok(loaded(whole))
}

/// Reads a file's content; `file` names it in messages.
pub fn load_bytes(file: &str, bytes: &[u8]) -> Result<(Dataset, Format, Vec<Problem>), LoadError> {
    load_bytes_with(file, bytes, &LoadOptions::default())
}

/// As [`load_bytes`], with options.
pub fn load_bytes_with(
    file: &str,
    bytes: &[u8],
    options: &LoadOptions,
) -> Result<(Dataset, Format, Vec<Problem>), LoadError> {
    if sheet::is_spreadsheet(bytes) {
        let any_sheet = options.mapping.is_some() || !options.remembered.is_empty();
        let (_, text, notes) =
            sheet::sheet_as_csv(file, bytes, options.sheet.as_deref(), any_sheet)?;
        let (dataset, format, mut warnings) = load_csv(file, &text, options)?;
        warnings.splice(0..0, notes);
        return Ok((dataset, format, warnings));
    }
    if bytes.starts_with(b"PK\x03\x04") {
        let inner = unzipped(file, bytes.to_vec())?;
        return load_bytes_with(file, &inner, options);
    }
    if is_json(bytes) {
        let (text, _) = text::decode(file, bytes, false)?;
        return load_json(file, &text, options);
    }
    let (text, encoding_warning) = text::decode_as(file, bytes, true, options.encoding)?;
    let (dataset, format, mut warnings) = load_csv(file, &text, options)?;
    warnings.splice(0..0, encoding_warning);
    Ok((dataset, format, warnings))
}

/// Reads a file's content as `format`, without detecting it: for a format the user chose, and
/// for fuzzing one reader at a time. Never panics on bad input.
pub fn load_bytes_as(
    file: &str,
    bytes: &[u8],
    format: Format,
    options: &LoadOptions,
) -> Result<(Dataset, Format, Vec<Problem>), LoadError> {
    let def = format.def();
    let (text, encoding_warning) =
        text::decode_as(file, bytes, !def.shape.is_json(), options.encoding)?;
    let (dataset, format, mut warnings) = read_as(file, &text, def, options)?;
    warnings.splice(0..0, encoding_warning);
    Ok((dataset, format, warnings))
}

/// The header and first `rows` rows of the table in `path` (the sheet `sheet` of a
/// spreadsheet, or its first), for the mapping dialog.
pub fn table_preview(
    path: &Path,
    sheet: Option<&str>,
    rows: usize,
) -> Result<(Vec<String>, Vec<Vec<String>>), LoadError> {
    let file = path.display().to_string();
    check_is_readable(&file, path)?;
    let bytes = std::fs::read(path).map_err(|source| LoadError::Read {
        file: file.clone(),
        source,
    })?;
    let text = if sheet::is_spreadsheet(&bytes) {
        sheet::sheet_as_csv(&file, &bytes, sheet, true)?.1
    } else {
        text::decode(&file, &bytes, true)?.0.into_owned()
    };
    Ok(mapping::preview(&text, rows))
}

/// The built-in dataset from the 2018 report on Russia and the Taliban.
pub fn load_default() -> Result<Loaded, LoadError> {
    let dataset = native::parse(DEFAULT_DATASET_NAME, DEFAULT_DATASET_JSON)?;
    Ok(Loaded {
        dataset,
        path: None,
        display_name: DEFAULT_DATASET_NAME.to_owned(),
        origin: Origin::BuiltIn,
        warnings: Vec::new(),
    })
}

/// Files at least this large are read from the disk in pieces when they are UTF-8 tables of a
/// layout Swimline knows, so that their text is never held whole (smaller ones are read whole:
/// their text costs little, and that path reads every format).
pub(super) const STREAM_BYTES: u64 = 16 << 20;

/// Reads a UTF-8 table of a known layout from the disk in pieces: one pass checks that the file
/// is UTF-8 and counts its lines and quotes, a second reads its rows (two readers, each on its
/// half, for a large Swimline CSV). `None` for anything else (a spreadsheet, a zip archive,
/// JSON, GDELT, text in another encoding, a table read through a mapping, a file smaller than
/// `min_bytes`), which is read whole.
pub(super) fn load_streamed(
    file: &str,
    path: &Path,
    options: &LoadOptions,
    progress: Option<&std::sync::Arc<Progress>>,
    min_bytes: u64,
) -> Result<Option<(Dataset, Format, Vec<Problem>)>, LoadError> {
    use std::io::Read as _;
    let read_error = |source| LoadError::Read {
        file: file.to_owned(),
        source,
    };
    let size = std::fs::metadata(path).map_err(read_error)?.len();
    if size < min_bytes {
        return Ok(None);
    }
    let mut head = Vec::new();
    std::fs::File::open(path)
        .and_then(|f| f.take(64 << 10).read_to_end(&mut head))
        .map_err(read_error)?;
    let head_text = match std::str::from_utf8(&head) {
        Ok(text) => text,
        Err(e) => std::str::from_utf8(&head[..e.valid_up_to()]).unwrap_or_default(),
    };
    if options.encoding.is_some()
        || sheet::is_spreadsheet(&head)
        || head.starts_with(b"PK\x03\x04")
        || is_json(&head)
        || detect::is_headerless_table(head_text)
    {
        return Ok(None);
    }
    let Some(scanned) = scan_utf8(path, progress).map_err(read_error)? else {
        return Ok(None);
    };
    if progress.is_some_and(|p| p.is_cancelled()) {
        return Err(LoadError::Cancelled {
            file: file.to_owned(),
        });
    }
    progress::with_current(progress, || {
        progress::current(|p| p.set_stage(progress::Stage::Parsing));
        let table = csv_table::Table::open(file, scanned)?;
        if detect_csv(&table).is_none() || mapping_for(&table, options).is_some() {
            return Ok(None);
        }
        let (imported, format) = import_table(file, table, options)?;
        finish(file, imported, format).map(Some)
    })
}

/// As [`load_bytes_with`], freeing the file's bytes as soon as its records are read (before
/// the dataset is checked), so that a large file is not held in memory twice.
pub(super) fn load_owned(
    file: &str,
    bytes: FileBytes,
    options: &LoadOptions,
) -> Result<(Dataset, Format, Vec<Problem>), LoadError> {
    let FileBytes { mut first, second } = bytes;
    // Two buffers serve only a Swimline CSV in UTF-8; anything else is read whole.
    if let Some(rest) = second {
        let rest = if options.encoding.is_none() && std::str::from_utf8(&first).is_ok() {
            String::from_utf8(rest).map_err(std::string::FromUtf8Error::into_bytes)
        } else {
            Err(rest)
        };
        match rest {
            Ok(rest) => {
                let outcome = {
                    let (text, _) = text::decode(file, &first, false)?;
                    progress::current(|p| p.set_stage(progress::Stage::Parsing));
                    let table = csv_table::Table::new(file, &text)?;
                    if detect_csv(&table) == Some(Format::SwimlineCsv) {
                        swimline_csv::parse_two_buffers(table, rest)
                    } else {
                        Err(rest)
                    }
                };
                match outcome {
                    Ok(imported) => {
                        let imported = imported?;
                        drop(first);
                        return finish(file, imported, Format::SwimlineCsv);
                    }
                    Err(rest) => first.extend_from_slice(rest.as_bytes()),
                }
            }
            Err(rest) => first.extend_from_slice(&rest),
        }
    }
    if sheet::is_spreadsheet(&first) {
        return load_bytes_with(file, &first, options);
    }
    let bytes = unzipped(file, first)?;
    if is_json(&bytes) {
        return load_bytes_with(file, &bytes, options);
    }
    let (imported, format, encoding_warning) = {
        let (text, encoding_warning) = text::decode_as(file, &bytes, true, options.encoding)?;
        let (imported, format) = import_csv(file, &text, options)?;
        (imported, format, encoding_warning)
    };
    drop(bytes);
    let (dataset, format, mut warnings) = finish(file, imported, format)?;
    warnings.splice(0..0, encoding_warning);
    Ok((dataset, format, warnings))
}

#[cfg(test)]
mod tests {
    use super::{LoadError, LoadOptions, Progress, load_default, load_path_reporting};
    use crate::generate::{GenFormat, Spec, write};
    use crate::io::progress::Stage;

    /// A generated file in `dir`.
    fn generated(
        dir: &std::path::Path,
        name: &str,
        format: GenFormat,
        events: usize,
    ) -> std::path::PathBuf {
        let path = dir.join(name);
        let mut bytes = Vec::new();
        let spec = Spec {
            events,
            actors: 5,
            seed: 7,
        };
        assert!(write(spec, format, &mut bytes).is_ok());
        assert!(std::fs::write(&path, bytes).is_ok());
        path
    }

    #[test]
    fn a_file_read_into_two_buffers_loads_as_when_read_whole() {
        use super::load_owned;
        use crate::io::read::{FileBytes, read_file_split};
        let mut csv = Vec::new();
        let spec = Spec {
            events: 20_000,
            actors: 7,
            seed: 3,
        };
        assert!(write(spec, GenFormat::Csv, &mut csv).is_ok());
        // Two rows at the end, after the middle: one good, one with a bad date (a warning
        // that names its row, so the first reader reads the second buffer itself).
        let text = String::from_utf8(csv).unwrap_or_default()
            + "late,late event,2019,,actor 1,claim\nbad,bad date,2019-13,,actor 1,claim\n";
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let path = dir.path().join("two.csv");
        assert!(std::fs::write(&path, &text).is_ok());
        let file = path.display().to_string();
        let whole = load_owned(
            &file,
            FileBytes {
                first: text.clone().into_bytes(),
                second: None,
            },
            &LoadOptions::default(),
        )
        .map(|(d, _, w)| (d, w));
        let bytes = read_file_split(&path, None, 64 << 10).unwrap_or_else(|e| panic!("{e}"));
        assert!(
            bytes.second.is_some(),
            "a file over the limit is read into two buffers"
        );
        assert!(bytes.first.ends_with(b"\n"));
        let two = load_owned(&file, bytes, &LoadOptions::default()).map(|(d, _, w)| (d, w));
        let (whole, two) = (whole.ok(), two.ok());
        assert!(
            whole
                .as_ref()
                .is_some_and(|(d, w)| d.events.len() == 20_001 && w.len() == 1)
        );
        assert_eq!(two, whole);
        let _ = std::fs::remove_file(&path);
    }

    #[test]
    fn a_table_read_from_disk_in_pieces_loads_as_when_read_whole() {
        use super::{load_owned, load_streamed};
        use crate::io::read::FileBytes;
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let unclosed = dir.path().join("unclosed.csv");
        let text = "title,start,description\r\nA,2018,ok\r\nB,2019,\"never closed\r\nC,2020,x\r\n";
        assert!(std::fs::write(&unclosed, text).is_ok());
        let options = LoadOptions::default();
        let tables = [
            root.join("../shared/data/timesketch/sigma_events.csv"),
            root.join("../shared/data/timesketch/invalid_datetime.csv"),
            root.join("../shared/data/plaso/l2tcsv-utc.csv"),
            root.join("../shared/data/plaso/dynamic.csv"),
            root.join("../shared/data/timelinejs3/my-own-timeline.csv"),
            root.join("tests/fixtures/acled/synthetic.csv"),
            unclosed,
        ];
        for path in &tables {
            let file = path.display().to_string();
            let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{file}: {e}"));
            let whole = load_owned(
                &file,
                FileBytes {
                    first: bytes,
                    second: None,
                },
                &options,
            )
            .map_err(|e| e.to_string());
            let streamed = load_streamed(&file, path, &options, None, 0)
                .map_err(|e| e.to_string())
                .map(|s| s.unwrap_or_else(|| panic!("{file} is read from disk")));
            assert!(whole.is_ok(), "{file}: {whole:?}");
            assert_eq!(streamed, whole, "{file}");
        }
        // The unclosed quote is said as when read whole.
        let warnings = load_streamed("u.csv", &tables[6], &options, None, 0)
            .ok()
            .flatten()
            .map(|(_, _, w)| w.iter().map(ToString::to_string).collect::<Vec<_>>());
        assert!(
            warnings.as_ref().is_some_and(|w| w
                .iter()
                .any(|w| w.contains("opened on line 3 is never closed"))),
            "{warnings:?}"
        );

        // What is not a UTF-8 table of a known layout is left to the whole-file path.
        let others: [(&str, Vec<u8>); 3] = [
            ("cp1252.csv", b"title,start\nCaf\xe9,2018\n".to_vec()),
            ("own.csv", b"Headline,Date\nA,2018\n".to_vec()),
            ("t.json", b"{\"events\": []}".to_vec()),
        ];
        for (name, bytes) in others {
            let path = dir.path().join(name);
            assert!(std::fs::write(&path, bytes).is_ok());
            let streamed = load_streamed(name, &path, &options, None, 0);
            assert!(matches!(streamed, Ok(None)), "{name}");
        }
        for name in [
            "../shared/data/gdelt/20191024143000.export.CSV",
            "../shared/data/spreadsheets/programmes-with-owners.xlsx",
            "data/russia-taliban-2018.json",
        ] {
            let streamed = load_streamed(name, &root.join(name), &options, None, 0);
            assert!(matches!(streamed, Ok(None)), "{name}");
        }
        // A header read through a mapping is rewritten first, so it is read whole; and a
        // small file is always read whole.
        let mapped = LoadOptions {
            mapping: "title=message,start=datetime".parse().ok(),
            ..LoadOptions::default()
        };
        let sigma = &tables[0];
        assert!(matches!(
            load_streamed("s", sigma, &mapped, None, 0),
            Ok(None)
        ));
        assert!(matches!(
            load_streamed("s", sigma, &options, None, super::STREAM_BYTES),
            Ok(None)
        ));
    }

    #[test]
    fn repeated_csv_ids_are_renamed_and_said_where() {
        let text = "id,title,start\na,A,2018\na,B,2019\na#2,C,2020\nb,D,2021\na,E,2022\n";
        let loaded = super::load_bytes("t.csv", text.as_bytes());
        let Ok((dataset, _, warnings)) = loaded else {
            panic!("{:?}", loaded.err().map(|e| e.to_string()));
        };
        let ids: Vec<&str> = dataset.events.iter().map(|e| e.id()).collect();
        // An id written in the file is kept; the repeats take the next free number.
        assert_eq!(ids, ["a", "a#3", "a#2", "b", "a#4"]);
        assert_eq!(dataset.events.at(1).title(), "B");
        let messages: Vec<String> = warnings.iter().map(ToString::to_string).collect();
        assert_eq!(
            messages,
            [
                "line 3: row 2, column \"id\": the id \"a\" is used by an earlier row; this row is a#3",
                "line 6: row 5, column \"id\": the id \"a\" is used by an earlier row; this row is a#4",
            ]
        );
    }

    #[test]
    fn repeated_json_ids_are_errors_that_name_the_first() {
        let text = r#"{"format": "swimline/1", "events": [
            {"id": "a", "title": "A", "time": "2018"},
            {"id": "b", "title": "B", "time": "2018"},
            {"id": "a", "title": "C", "time": "2018"}]}"#;
        let error = super::load_bytes("t.json", text.as_bytes())
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(
            error.contains("events[2].id: the id \"a\" is already used by events[0]"),
            "{error}"
        );
    }

    #[test]
    fn progress_counts_events_and_cancel_stops_the_load() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        for (name, format) in [("p.csv", GenFormat::Csv), ("p.json", GenFormat::Json)] {
            let path = generated(dir.path(), name, format, 40_000);
            let size = std::fs::metadata(&path).map_or(0, |m| m.len());
            let progress = Progress::new(size);
            let loaded = load_path_reporting(&path, &LoadOptions::default(), Some(&progress));
            assert_eq!(loaded.map(|l| l.dataset.events.len()).ok(), Some(40_000));
            let now = progress.snapshot();
            assert_eq!((now.stage, now.events), (Stage::Checking, 40_000), "{name}");
            assert!((now.fraction() - 0.9).abs() < 1e-6);

            let progress = Progress::new(size);
            progress.cancel();
            let stopped = load_path_reporting(&path, &LoadOptions::default(), Some(&progress));
            assert!(
                matches!(stopped, Err(LoadError::Cancelled { .. })),
                "{name}: {:?}",
                stopped.map(|l| l.dataset.events.len())
            );
            let _ = std::fs::remove_file(&path);
        }
    }

    #[test]
    fn the_default_dataset_loads() {
        let loaded = load_default();
        assert!(loaded.is_ok(), "{:?}", loaded.err().map(|e| e.to_string()));
    }
}
