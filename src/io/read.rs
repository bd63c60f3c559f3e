//! Reading a file's bytes: refusing what is not a regular file or is larger than the machine's
//! memory, reading in pieces for the progress bar, and a large file into two buffers so each
//! half is freed when its reader is done. Then the bytes are handed to their format.

use std::path::Path;

use super::detect::{detect_csv, import_csv, is_json};
use super::error::{LoadError, Problem};
use super::finish::finish;
use super::{Format, LoadOptions, progress};
use super::{Progress, load_bytes_with};
use super::{csv_table, swimline_csv, text};
use crate::model::Dataset;

/// Refuses, before opening it, what is not a regular file (opening a FIFO blocks until a writer
/// comes; `/dev/zero` never ends) and a file larger than the machine's memory.
pub(super) fn check_is_readable(file: &str, path: &Path) -> Result<(), LoadError> {
    let meta = std::fs::metadata(path).map_err(|source| LoadError::Read {
        file: file.to_owned(),
        source,
    })?;
    if !meta.is_file() {
        return Err(LoadError::NotAFile {
            file: file.to_owned(),
            what: kind_of_non_file(&meta.file_type()),
        });
    }
    if let Some(memory_bytes) = memory_bytes()
        && meta.len() > memory_bytes
    {
        return Err(LoadError::TooLarge {
            file: file.to_owned(),
            size_bytes: meta.len(),
            memory_bytes,
        });
    }
    Ok(())
}

/// What a path that is not a regular file is, in words.
pub(super) fn kind_of_non_file(kind: &std::fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt as _;
        if kind.is_fifo() {
            return "a named pipe (FIFO)";
        }
        if kind.is_char_device() || kind.is_block_device() {
            return "a device";
        }
        if kind.is_socket() {
            return "a socket";
        }
    }
    if kind.is_dir() {
        "a folder"
    } else {
        "something other than a file"
    }
}

/// The machine's memory (Linux: `MemTotal` in `/proc/meminfo`); `None` where it is not known.
pub(super) fn memory_bytes() -> Option<u64> {
    let info = std::fs::read_to_string("/proc/meminfo").ok()?;
    let line = info.lines().find(|l| l.starts_with("MemTotal:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    kb.checked_mul(1024)
}

/// A file's bytes: one buffer, or for a large file that is not JSON two, the second starting
/// at a line start, so that each half can be freed as soon as its reader is done.
pub(super) struct FileBytes {
    pub(super) first: Vec<u8>,
    pub(super) second: Option<Vec<u8>>,
}

/// Files larger than this that are not JSON are read into two buffers.
pub(super) const TWO_BUFFERS_BYTES: u64 = 64 << 20;

/// How much is read at a time (between two updates of the progress bar).
pub(super) const PIECE: u64 = 8 << 20;

/// Reads a whole file in large pieces, counting them in `progress`.
pub(super) fn read_file(
    path: &Path,
    progress: Option<&std::sync::Arc<Progress>>,
) -> std::io::Result<FileBytes> {
    read_file_split(path, progress, TWO_BUFFERS_BYTES)
}

/// As [`read_file`], with files larger than `two_buffers_bytes` read into two buffers.
pub(super) fn read_file_split(
    path: &Path,
    progress: Option<&std::sync::Arc<Progress>>,
    two_buffers_bytes: u64,
) -> std::io::Result<FileBytes> {
    use std::io::Read;
    if let Some(progress) = progress {
        progress.set_stage(progress::Stage::Reading);
    }
    let mut file = std::fs::File::open(path)?;
    let size = file.metadata().map_or(0, |m| m.len());
    let capacity = |n: u64| usize::try_from(n).unwrap_or(0);
    let two = size > two_buffers_bytes;
    // Past three fifths of a large file that is not JSON, a second buffer starts after the
    // last line end read so far. Its reader has less to do and finishes first, so its buffer
    // is freed before the first reader's arrays are full: the peak is a fifth of the file
    // lower than with halves, for a load a tenth slower.
    let split_at = size / 5 * 3;
    let mut first = Vec::with_capacity(capacity(if two { split_at + PIECE } else { size }));
    let mut second: Option<Vec<u8>> = None;
    let mut read = 0u64;
    loop {
        let target = match &mut second {
            Some(rest) => rest,
            None => &mut first,
        };
        let before = target.len();
        // Straight into the buffer, a piece at a time (for the progress bar).
        let n = (&mut file).take(PIECE).read_to_end(target)?;
        if n == 0 || progress.is_some_and(|p| p.is_cancelled()) {
            break;
        }
        read += n as u64;
        if second.is_none()
            && two
            && read >= split_at
            && !is_json(&first)
            && let Some(i) = first[before..].iter().rposition(|&b| b == b'\n')
        {
            let cut = before + i + 1;
            let mut rest = Vec::with_capacity(capacity(size.saturating_sub(cut as u64) + PIECE));
            rest.extend_from_slice(&first[cut..]);
            first.truncate(cut);
            second = Some(rest);
        }
        if let Some(progress) = progress {
            progress.set_bytes(capacity(read));
        }
    }
    Ok(FileBytes { first, second })
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
        let rest = if std::str::from_utf8(&first).is_ok() {
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
    if super::sheet::is_spreadsheet(&first) {
        return load_bytes_with(file, &first, options);
    }
    let bytes = unzipped(file, first)?;
    if is_json(&bytes) {
        return load_bytes_with(file, &bytes, options);
    }
    let (imported, format, encoding_warning) = {
        let (text, encoding_warning) = text::decode(file, &bytes, true)?;
        let (imported, format) = import_csv(file, &text, options)?;
        (imported, format, encoding_warning)
    };
    drop(bytes);
    let (dataset, format, mut warnings) = finish(file, imported, format)?;
    warnings.splice(0..0, encoding_warning);
    Ok((dataset, format, warnings))
}

/// The one file inside a `.zip` (as GDELT distributes its exports), or `bytes` themselves when
/// they are not a zip archive. An archive of several files opens its first data file (a name
/// ending in `.csv`, `.tsv`, `.txt`, `.json` or `.jsonl`, any case); one larger than the
/// machine's memory is refused before it is unpacked.
pub(super) fn unzipped(file: &str, bytes: Vec<u8>) -> Result<Vec<u8>, LoadError> {
    use std::io::Read as _;
    if !bytes.starts_with(b"PK\x03\x04") {
        return Ok(bytes);
    }
    let content = |message: String| {
        LoadError::content(
            file,
            super::error::Problem {
                location: None,
                field: None,
                message,
            },
        )
    };
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(|_| {
        content("a zip archive that cannot be read: it is cut short or damaged".to_owned())
    })?;
    let names: Vec<String> = archive
        .file_names()
        .filter_map(|n| n.ok().map(std::borrow::Cow::into_owned))
        .collect();
    let is_data = |n: &str| {
        let n = n.to_ascii_lowercase();
        [".csv", ".tsv", ".txt", ".json", ".jsonl"]
            .iter()
            .any(|e| n.ends_with(e))
    };
    let Some(name) = names
        .iter()
        .find(|n| is_data(n))
        .or_else(|| names.iter().find(|n| !n.ends_with('/')))
        .cloned()
    else {
        return Err(content("a zip archive with no file in it".to_owned()));
    };
    let mut entry = archive
        .by_name(&name)
        .map_err(|e| content(format!("cannot unpack {name} from the zip archive: {e}")))?;
    if let Some(memory) = memory_bytes()
        && entry.size() > memory
    {
        return Err(LoadError::TooLarge {
            file: format!("{file} ({name} inside it)"),
            size_bytes: entry.size(),
            memory_bytes: memory,
        });
    }
    let mut out = Vec::with_capacity(usize::try_from(entry.size()).unwrap_or(0).min(1 << 32));
    entry
        .read_to_end(&mut out)
        .map_err(|e| content(format!("cannot unpack {name} from the zip archive: {e}")))?;
    Ok(out)
}
