//! Reading a file's bytes: refusing what is not a regular file or is larger than the machine's
//! memory, reading in pieces for the progress bar, and a large file into two buffers so each
//! half is freed when its reader is done. Then the bytes are handed to their format.

use std::path::Path;

use super::csv_table;
use super::error::LoadError;
use super::json::is_json;
use super::progress::{self, Progress};

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

/// Reads a whole file that Swimline did not make itself (a notes file, a session, the data
/// file read again), with the data file's guards: what is not a regular file is refused before
/// it is opened (a FIFO blocked `check`, `brief` and the loading thread forever; a link to
/// `/dev/zero` never ended), and so is a file over `max_bytes` (read with a bound as well, in
/// case it grows while read). A missing file is `NotFound`, as from `std::fs::read`.
pub fn read_regular(path: &Path, max_bytes: u64) -> std::io::Result<Vec<u8>> {
    use std::io::Read as _;
    let meta = std::fs::metadata(path)?;
    if !meta.is_file() {
        return Err(std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            format!("it is {}, not a file", kind_of_non_file(&meta.file_type())),
        ));
    }
    let too_large = || {
        std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            format!(
                "it is larger than {} MB, more than such a file can be",
                max_bytes / 1_000_000
            ),
        )
    };
    if meta.len() > max_bytes {
        return Err(too_large());
    }
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    std::fs::File::open(path)?
        .take(max_bytes + 1)
        .read_to_end(&mut bytes)?;
    if bytes.len() as u64 > max_bytes {
        return Err(too_large());
    }
    Ok(bytes)
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

/// One pass through a file in pieces: `None` unless it is UTF-8 throughout; else where its text
/// starts (after a byte-order mark), and how many line ends and quotes it holds.
pub(super) fn scan_utf8(
    path: &Path,
    progress: Option<&std::sync::Arc<Progress>>,
) -> std::io::Result<Option<csv_table::CsvFile>> {
    scan_utf8_in(path, progress, usize::try_from(PIECE).unwrap_or(8 << 20))
}

/// As [`scan_utf8`], `piece` bytes at a time.
fn scan_utf8_in(
    path: &Path,
    progress: Option<&std::sync::Arc<Progress>>,
    piece: usize,
) -> std::io::Result<Option<csv_table::CsvFile>> {
    use std::io::Read as _;
    if let Some(progress) = progress {
        progress.set_stage(progress::Stage::Reading);
    }
    let mut file = std::fs::File::open(path)?;
    let mut buffer = vec![0u8; piece + 4];
    // The bytes of a character cut by the end of the last piece, moved to the front.
    let mut carried = 0;
    let (mut len, mut newlines, mut quotes) = (0u64, 0, 0);
    let mut start = None;
    loop {
        let n = file.read(&mut buffer[carried..carried + piece])?;
        if n == 0 {
            break;
        }
        let fresh = &buffer[carried..carried + n];
        newlines += memchr::memchr_iter(b'\n', fresh).count();
        quotes += memchr::memchr_iter(b'"', fresh).count();
        len += n as u64;
        let bytes = &buffer[..carried + n];
        if start.is_none() {
            if bytes.len() < 3 && bytes.starts_with(&b"\xEF\xBB\xBF"[..bytes.len()]) {
                carried = bytes.len();
                continue;
            }
            start = Some(if bytes.starts_with(b"\xEF\xBB\xBF") {
                3
            } else {
                0
            });
        }
        carried = match std::str::from_utf8(bytes) {
            Ok(_) => 0,
            // A character cut at the end: checked with the next piece.
            Err(e) if e.error_len().is_none() => bytes.len() - e.valid_up_to(),
            Err(_) => return Ok(None),
        };
        let whole = bytes.len() - carried;
        buffer.copy_within(whole..whole + carried, 0);
        if let Some(progress) = progress {
            progress.set_bytes(usize::try_from(len).unwrap_or(usize::MAX));
            if progress.is_cancelled() {
                break;
            }
        }
    }
    if carried > 0 {
        return Ok(None);
    }
    Ok(Some(csv_table::CsvFile {
        path: path.to_path_buf(),
        start: start.unwrap_or(0),
        len,
        newlines,
        quotes,
    }))
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
    let archive_len = bytes.len() as u64;
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
    // The compressed size is the archive's word too: no entry is larger than the archive.
    let compressed = entry.compressed_size().min(archive_len);
    let limit = inflation_limit(compressed);
    let too_much = |size: u64| {
        content(format!(
            "{name} inside the zip archive unpacks to {} MB or more from {} MB: far more than data \
             compresses by (the limit is {} times, at least {} MB); it is damaged or made to \
             exhaust memory",
            size / 1_000_000,
            entry_mb(compressed),
            MAX_INFLATION_RATIO,
            MIN_INFLATION_LIMIT_BYTES / 1_000_000
        ))
    };
    // The size an archive declares is read, not trusted: the bytes are counted as they unpack.
    if entry.size() > limit {
        return Err(too_much(entry.size()));
    }
    // Room for what it says it unpacks to, up to what any entry may (the fuzzer found a
    // declared 4 GB reserved before a byte was read); past that it grows as bytes arrive.
    let room = entry.size().min(limit).min(MIN_INFLATION_LIMIT_BYTES);
    let mut out = Vec::with_capacity(usize::try_from(room).unwrap_or(0));
    (&mut entry)
        .take(limit + 1)
        .read_to_end(&mut out)
        .map_err(|e| content(format!("cannot unpack {name} from the zip archive: {e}")))?;
    if out.len() as u64 > limit {
        return Err(too_much(out.len() as u64));
    }
    Ok(out)
}

/// How many times its compressed size an archive entry may unpack to. Text data compresses by
/// 3 to 20 (GDELT's exports by 5 to 8, a workbook's XML by 5 to 30); a 5 MB workbook of
/// whitespace unpacked to 5 GB (1,000 times) and a 26 MB zip to 6 GB.
pub(super) const MAX_INFLATION_RATIO: u64 = 100;

/// What any archive entry may unpack to whatever its compressed size (a small file's ratio
/// can be high without harm).
pub(super) const MIN_INFLATION_LIMIT_BYTES: u64 = 64 << 20;

/// The most an entry of `compressed` bytes may unpack to: [`MAX_INFLATION_RATIO`] times, at
/// least [`MIN_INFLATION_LIMIT_BYTES`], and never more than the machine's memory.
pub(super) fn inflation_limit(compressed: u64) -> u64 {
    let limit = compressed
        .saturating_mul(MAX_INFLATION_RATIO)
        .max(MIN_INFLATION_LIMIT_BYTES);
    memory_bytes().map_or(limit, |m| limit.min(m))
}

fn entry_mb(bytes: u64) -> String {
    format!("{:.1}", bytes as f64 / 1e6)
}

#[cfg(test)]
mod tests {
    use super::scan_utf8_in;

    #[test]
    fn the_scan_finds_utf8_across_pieces_and_counts_lines_and_quotes() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let path = dir.path().join("t.csv");
        let text = "\u{feff}title,start\n\"Łódź, \"\"Kyiv\"\"\",2018\n€uro,2019\n";
        std::fs::write(&path, text).unwrap_or_else(|e| panic!("{e}"));
        // Every piece size cuts some character (2 and 3 bytes long) somewhere.
        for piece in 1..=text.len() {
            let scanned = scan_utf8_in(&path, None, piece).unwrap_or_else(|e| panic!("{e}"));
            let scanned = scanned.unwrap_or_else(|| panic!("UTF-8 in pieces of {piece}"));
            assert_eq!(
                (scanned.start, scanned.len, scanned.newlines, scanned.quotes),
                (3, text.len() as u64, 3, 6),
                "pieces of {piece}"
            );
        }
        // Not UTF-8 (Windows-1252), or cut inside a character at the end: none.
        std::fs::write(&path, b"title,start\nCaf\xe9,2018\n").unwrap_or_else(|e| panic!("{e}"));
        assert!(scan_utf8_in(&path, None, 4).is_ok_and(|s| s.is_none()));
        std::fs::write(&path, b"title,start\n\xc5").unwrap_or_else(|e| panic!("{e}"));
        assert!(scan_utf8_in(&path, None, 4).is_ok_and(|s| s.is_none()));
        // Empty, and a lone byte-order mark.
        std::fs::write(&path, b"").unwrap_or_else(|e| panic!("{e}"));
        assert!(scan_utf8_in(&path, None, 4).is_ok_and(|s| s.is_some_and(|s| s.len == 0)));
        std::fs::write(&path, b"\xEF\xBB").unwrap_or_else(|e| panic!("{e}"));
        assert!(scan_utf8_in(&path, None, 1).is_ok_and(|s| s.is_none()));
    }
}
