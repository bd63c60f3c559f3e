//! What a spreadsheet must pass before calamine reads it. calamine trusts sizes and counts it
//! reads from the file: a damaged or crafted workbook made it grow a sector chain that points
//! at itself without end, reserve room for 4 billion shared strings, or allocate a sheet of
//! 16,384 × 1,048,576 cells — none of which can be caught once it happens (the process
//! aborts). So the sizes are checked here against what the file can hold, first:
//!
//! - an `.xls` (an OLE compound file): every sector chain calamine follows ends within the
//!   file and visits no sector twice; the sheets' DIMENSIONS records stay within what a
//!   BIFF8 sheet can have (65,536 rows × 256 columns);
//! - an `.xlsx`, `.xlsm` or `.ods` (a zip archive): every entry unpacks to no more than
//!   [`super::read::inflation_limit`] of its compressed size, counted as it unpacks (the sizes an
//!   archive declares can lie); the shared-strings table claims no more strings than its bytes
//!   can hold.
//!
//! A panic inside calamine on what passes (an index out of bounds on a cut file) is caught at
//! the reader's edge, in `io::sheet`. This module reads bytes only; it knows no cell.

use std::io::{Cursor, Read as _};

/// A sector chain's end.
const ENDOFCHAIN: u32 = 0xFFFF_FFFE;
/// Sector ids from here up are markers, not sectors.
const RESERVED_SECTORS: u32 = 0xFFFF_FFFA;
/// A DIFAT sector's marker in the FAT.
const DIFSECT: u32 = 0xFFFF_FFFC;
/// Streams shorter than this live in the mini stream, in 64-byte mini sectors.
const MINI_STREAM_CUTOFF: u64 = 4096;
/// The most cells a BIFF8 sheet can have.
const MAX_XLS_CELLS: u64 = 65_536 * 256;
/// A sheet spanning more cells than this (a block of 256 MB as calamine reads it) must have at
/// least one cell in [`SPARSE_RATIO`] of its span.
const SPARSE_XLS_CELLS: u64 = 4_000_000;
const SPARSE_RATIO: u64 = 64;

/// Checks a spreadsheet's bytes; the error says, in words, what is wrong with the file.
pub(super) fn check(bytes: &[u8]) -> Result<(), String> {
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        check_compound_file(bytes)
    } else if bytes.starts_with(b"PK") {
        check_archive(bytes)
    } else {
        Ok(())
    }
}

/// The zip archive of an `.xlsx`, `.xlsm` or `.ods`.
fn check_archive(bytes: &[u8]) -> Result<(), String> {
    let Ok(mut archive) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        // calamine says that it cannot be opened, in its own time.
        return Ok(());
    };
    let total_limit = super::read::inflation_limit(bytes.len() as u64);
    let mut total: u64 = 0;
    for i in 0..archive.len() {
        let Ok(mut entry) = archive.by_index(i) else {
            continue;
        };
        let name = entry
            .name()
            .map(std::borrow::Cow::into_owned)
            .unwrap_or_default();
        let compressed = entry.compressed_size();
        let limit = super::read::inflation_limit(compressed);
        let too_much = |size: u64| {
            format!(
                "the workbook's part {name} unpacks to {} MB or more from {} KB: far more than a \
                 workbook compresses by; it is damaged or made to exhaust memory",
                size / 1_000_000,
                compressed / 1000
            )
        };
        if entry.size() > limit {
            return Err(too_much(entry.size()));
        }
        // The first bytes of the shared strings, to read the count they claim.
        let keep_head = name.eq_ignore_ascii_case("xl/sharedStrings.xml");
        let mut head = Vec::new();
        let mut size: u64 = 0;
        let mut buffer = vec![0_u8; 64 * 1024];
        let mut limited = (&mut entry).take(limit + 1);
        loop {
            let n = match limited.read(&mut buffer) {
                Ok(0) => break,
                Ok(n) => n,
                // A part that cannot be unpacked: calamine reports it when it reads it.
                Err(_) => break,
            };
            if keep_head && head.len() < 4096 {
                head.extend_from_slice(&buffer[..n.min(4096 - head.len())]);
            }
            size += n as u64;
        }
        if size > limit {
            return Err(too_much(size));
        }
        total += size;
        if total > total_limit {
            return Err(format!(
                "the workbook unpacks to {} MB or more from {} KB: far more than a workbook \
                 compresses by; it is damaged or made to exhaust memory",
                total / 1_000_000,
                bytes.len() / 1000
            ));
        }
        if keep_head {
            check_shared_strings(&head, size)?;
        }
    }
    Ok(())
}

/// The shared-strings table's `count` and `uniqueCount` against its size: each string takes
/// at least the five bytes of `<si/>`.
fn check_shared_strings(head: &[u8], size: u64) -> Result<(), String> {
    let text = String::from_utf8_lossy(head);
    let Some(start) = text.find("<sst") else {
        return Ok(());
    };
    let element = &text[start..text[start..].find('>').map_or(text.len(), |e| start + e)];
    for attribute in ["uniqueCount", "count"] {
        let Some(at) = element.find(&format!(" {attribute}=\"")) else {
            continue;
        };
        let digits: String = element[at + attribute.len() + 3..]
            .chars()
            .take_while(char::is_ascii_digit)
            .collect();
        let Ok(claimed) = digits.parse::<u64>() else {
            continue;
        };
        // `count` counts the cells that use a string, which may exceed the table; only
        // `uniqueCount` is the table's own size.
        if attribute == "uniqueCount" && claimed > size / 5 + 1 {
            return Err(format!(
                "the workbook's shared-strings table says it holds {claimed} strings, more than \
                 its {} bytes can hold: it is damaged",
                size
            ));
        }
    }
    Ok(())
}

/// The OLE compound file of an `.xls`: the header, the sector tables, every chain calamine
/// follows, and the DIMENSIONS records of the workbook stream.
fn check_compound_file(bytes: &[u8]) -> Result<(), String> {
    let file = Compound::open(bytes)?;
    let fat = file.fat()?;
    let directory_ids = file.chain(
        file.u32_at(0x30),
        &fat,
        file.max_id,
        file.sector_size,
        u64::MAX,
    )?;
    let directory = file.gather(&directory_ids, u64::MAX);
    let entries: Vec<&[u8]> = directory.chunks_exact(128).collect();
    let Some(root) = entries.first() else {
        return Err(damaged("it has no directory"));
    };
    let mini = file.mini_stream(root, &fat)?;
    for entry in entries.iter().skip(1) {
        let name = entry_name(entry);
        let is_workbook =
            name.eq_ignore_ascii_case("Workbook") || name.eq_ignore_ascii_case("Book");
        // Streams (object type 2) are read as streams; so is an entry of a workbook's name
        // whatever its type, as calamine finds it by name alone (the fuzzer's second .xls: a
        // "Workbook" of type 255 that the guard skipped and calamine read).
        if entry[66] != 2 && !is_workbook {
            continue;
        }
        let bytes = file.stream(entry, &fat, &mini)?;
        // Every stream of a workbook's name is checked: a crafted file may hold two, and
        // which one calamine reads is its own affair.
        if is_workbook {
            check_dimensions(&bytes)?;
            check_cell_span(&bytes)?;
        }
    }
    Ok(())
}

/// What is wrong with a damaged `.xls`, in words.
fn damaged(what: &str) -> String {
    format!("the .xls file is damaged: {what}")
}

/// An OLE compound file's bytes, with the sizes its header gives.
struct Compound<'a> {
    bytes: &'a [u8],
    /// 512 or 4096.
    sector_size: usize,
    /// The most sectors there can be: calamine counts them as the file's length over the
    /// sector size.
    max_id: usize,
}

/// The mini stream (the root's chain, in 64-byte mini sectors) and its table, the mini FAT;
/// both empty when the file has none.
struct MiniStream {
    fat: Vec<u32>,
    stream: Vec<u8>,
}

impl<'a> Compound<'a> {
    /// The file, when its header is whole and names a sector size.
    fn open(bytes: &'a [u8]) -> Result<Self, String> {
        if bytes.len() < 512 {
            return Err(damaged("it is shorter than its 512-byte header"));
        }
        let sector_size: usize = match u16::from_le_bytes([bytes[0x1E], bytes[0x1F]]) {
            9 => 512,
            12 => 4096,
            _ => return Err(damaged("its sector size is neither 512 nor 4096 bytes")),
        };
        Ok(Self {
            bytes,
            sector_size,
            max_id: bytes.len() / sector_size,
        })
    }

    /// The header's 32-bit word at `at` (below 512).
    fn u32_at(&self, at: usize) -> u32 {
        let b = self.bytes;
        u32::from_le_bytes([b[at], b[at + 1], b[at + 2], b[at + 3]])
    }

    /// Sector `id`'s bytes (cut short at the end of the file).
    fn sector(&self, id: u32) -> &'a [u8] {
        let start = (id as usize + 1)
            .saturating_mul(self.sector_size)
            .min(self.bytes.len());
        let end = start.saturating_add(self.sector_size).min(self.bytes.len());
        &self.bytes[start..end]
    }

    /// The FAT, through the DIFAT: 109 entries in the header, then a chain of DIFAT sectors.
    fn fat(&self) -> Result<Vec<u32>, String> {
        let mut difat: Vec<u32> = (0..109).map(|i| self.u32_at(0x4C + 4 * i)).collect();
        let mut next = self.u32_at(0x44);
        let mut hops = 0;
        while next < RESERVED_SECTORS {
            hops += 1;
            if hops > self.max_id + 1 || next as usize > self.max_id {
                return Err(damaged(
                    "its table of sector tables loops or points past the end",
                ));
            }
            difat.extend(words(self.sector(next)));
            next = difat.pop().unwrap_or(ENDOFCHAIN);
        }
        let mut fat = Vec::new();
        for id in difat.into_iter().filter(|id| *id < DIFSECT) {
            if id as usize > self.max_id {
                return Err(damaged("its sector table points past the end"));
            }
            fat.extend(words(self.sector(id)));
            if fat.len() > (self.max_id + 1) * (self.sector_size / 4) {
                return Err(damaged("its sector table is larger than the file"));
            }
        }
        Ok(fat)
    }

    /// A chain of sectors of `unit` bytes through `table`, `len` bytes long at most: it must
    /// end within the file and visit no sector twice.
    fn chain(
        &self,
        start: u32,
        table: &[u32],
        units: usize,
        unit: usize,
        len: u64,
    ) -> Result<Vec<u32>, String> {
        let mut ids = Vec::new();
        let mut id = start;
        while id != ENDOFCHAIN {
            if id as usize >= table.len() || id as usize > units {
                return Err(damaged("a chain of sectors points past the end"));
            }
            ids.push(id);
            if ids.len() > units + 1 {
                return Err(damaged("a chain of sectors loops back on itself"));
            }
            if (ids.len() * unit) as u64 >= len {
                break;
            }
            id = table[id as usize];
        }
        Ok(ids)
    }

    /// The bytes of sectors `ids`, `len` at most.
    fn gather(&self, ids: &[u32], len: u64) -> Vec<u8> {
        let mut out = Vec::new();
        for &id in ids {
            out.extend_from_slice(self.sector(id));
        }
        out.truncate(usize::try_from(len).unwrap_or(usize::MAX));
        out
    }

    /// A directory entry's stream length.
    fn stream_len(&self, entry: &[u8]) -> u64 {
        let len = u64::from_le_bytes([
            entry[120], entry[121], entry[122], entry[123], entry[124], entry[125], entry[126],
            entry[127],
        ]);
        // Version 3 files keep 32 bits of length; the high half may hold anything.
        if self.sector_size == 512 {
            len & 0xFFFF_FFFF
        } else {
            len
        }
    }

    /// The mini stream and the mini FAT, when there is one.
    fn mini_stream(&self, root: &[u8], fat: &[u32]) -> Result<MiniStream, String> {
        let mini_fat_sectors = u64::from(self.u32_at(0x40));
        if mini_fat_sectors == 0 {
            return Ok(MiniStream {
                fat: Vec::new(),
                stream: Vec::new(),
            });
        }
        let (max_id, sector_size) = (self.max_id, self.sector_size);
        let root_len = self.stream_len(root);
        let stream_ids = self.chain(start_of(root), fat, max_id, sector_size, root_len)?;
        let table_len = mini_fat_sectors.saturating_mul(sector_size as u64);
        let table_ids = self.chain(self.u32_at(0x3C), fat, max_id, sector_size, table_len)?;
        Ok(MiniStream {
            fat: words(&self.gather(&table_ids, table_len)),
            stream: self.gather(&stream_ids, root_len),
        })
    }

    /// A directory entry's stream: from the mini stream when it is short, else from sectors.
    fn stream(&self, entry: &[u8], fat: &[u32], mini: &MiniStream) -> Result<Vec<u8>, String> {
        let len = self.stream_len(entry);
        if len >= MINI_STREAM_CUTOFF {
            let ids = self.chain(start_of(entry), fat, self.max_id, self.sector_size, len)?;
            return Ok(self.gather(&ids, len));
        }
        let ids = self.chain(start_of(entry), &mini.fat, self.max_id * 8, 64, len)?;
        let mut out = Vec::new();
        for id in ids {
            let at = id as usize * 64;
            out.extend_from_slice(
                mini.stream
                    .get(at..(at + 64).min(mini.stream.len()))
                    .unwrap_or(&[]),
            );
        }
        out.truncate(len as usize);
        Ok(out)
    }
}

/// Little-endian 32-bit words.
fn words(data: &[u8]) -> Vec<u32> {
    data.chunks_exact(4)
        .map(|w| u32::from_le_bytes([w[0], w[1], w[2], w[3]]))
        .collect()
}

/// A directory entry's first sector.
fn start_of(entry: &[u8]) -> u32 {
    u32::from_le_bytes([entry[116], entry[117], entry[118], entry[119]])
}

/// A directory entry's name (UTF-16, up to its first NUL).
fn entry_name(entry: &[u8]) -> String {
    let name_len = usize::from(u16::from_le_bytes([entry[64], entry[65]])).min(64);
    char::decode_utf16(
        entry[..name_len]
            .chunks_exact(2)
            .map(|c| u16::from_le_bytes([c[0], c[1]])),
    )
    .map(|c| c.unwrap_or('?'))
    .take_while(|c| *c != '\0')
    .collect()
}

/// Each DIMENSIONS record of a BIFF workbook stream, read as calamine reads it, must describe
/// a sheet no larger than BIFF8 allows: calamine reserves room for that many cells at once.
fn check_dimensions(stream: &[u8]) -> Result<(), String> {
    let mut at = 0;
    while at + 4 <= stream.len() {
        let typ = u16::from_le_bytes([stream[at], stream[at + 1]]);
        let len = usize::from(u16::from_le_bytes([stream[at + 2], stream[at + 3]]));
        let data = &stream[at + 4..(at + 4 + len).min(stream.len())];
        if typ == 0x0200 && data.len() == len {
            let u16_at = |i: usize| u64::from(u16::from_le_bytes([data[i], data[i + 1]]));
            let u32_at = |i: usize| {
                u64::from(u32::from_le_bytes([
                    data[i],
                    data[i + 1],
                    data[i + 2],
                    data[i + 3],
                ]))
            };
            let dims = match len {
                10 => Some((u16_at(0), u16_at(2), u16_at(4), u16_at(6))),
                14 | 16 => Some((u32_at(0), u32_at(4), u16_at(8), u16_at(10))),
                _ => None,
            };
            if let Some((first_row, rows_end, mut first_col, cols_end)) = dims {
                if first_col > 0xFF || cols_end < first_col {
                    first_col = 0;
                }
                if rows_end >= 1 && cols_end >= 1 {
                    let rows = (rows_end - 1).checked_sub(first_row).map(|r| r + 1);
                    let cols = (cols_end - 1).checked_sub(first_col).map(|c| c + 1);
                    let cells = rows.zip(cols).map(|(r, c)| r.saturating_mul(c));
                    if cells.is_none_or(|n| n > MAX_XLS_CELLS) {
                        return Err(format!(
                            "the .xls file is damaged: a sheet says it spans rows {first_row} to \
                             {rows_end} and columns {first_col} to {cols_end}, beyond the \
                             65,536 rows and 256 columns an .xls sheet can have"
                        ));
                    }
                }
            }
        }
        at += 4 + len;
    }
    Ok(())
}

/// The cells of each sheet of a BIFF workbook stream, where their records put them, must lie
/// within as many cells as an .xls sheet holds: calamine reserves room for every cell between
/// the first and the last it meets (a column number is 16 bits in the records, though a sheet
/// has 256 columns; found by the fuzzer: one cell at column 65,000 reserved 34 GB).
fn check_cell_span(stream: &[u8]) -> Result<(), String> {
    // The sheets calamine reads: each BoundSheet record of the workbook's globals (the records
    // before the first EOF) says where one starts, and it is read from there to its own EOF.
    let mut starts = Vec::new();
    for (typ, data) in records(stream) {
        match typ {
            0x0085 => {
                if let Some(b) = data.get(..4) {
                    starts.push(u32::from_le_bytes([b[0], b[1], b[2], b[3]]) as usize);
                }
            }
            0x000A => break,
            _ => {}
        }
    }
    for start in starts {
        if let Some(sheet) = stream.get(start..) {
            check_sheet_span(sheet)?;
        }
    }
    Ok(())
}

/// The records of `stream` as calamine reads them: type and data, a CONTINUE record (0x003C)
/// belonging to the record before it; the first record cut short ends them.
fn records(stream: &[u8]) -> impl Iterator<Item = (u16, &[u8])> {
    let mut at = 0;
    std::iter::from_fn(move || {
        loop {
            let head = stream.get(at..at + 4)?;
            let typ = u16::from_le_bytes([head[0], head[1]]);
            let len = usize::from(u16::from_le_bytes([head[2], head[3]]));
            let data = stream.get(at + 4..at + 4 + len)?;
            at += 4 + len;
            if typ != 0x003C {
                return Some((typ, data));
            }
        }
    })
}

/// The cells of one sheet, read as calamine reads them from the sheet's start: the first BOF
/// is the sheet's own; a BOF after it opens a nested substream (an embedded chart), whose
/// records are skipped to its EOF; the sheet ends at its own EOF. A crafted file once hid a
/// far cell from a guard that took every BOF for a new sheet.
fn check_sheet_span(sheet: &[u8]) -> Result<(), String> {
    // (first row, last row, first column, last column) of the cells of the sheet being read,
    // and how many cells it has.
    let mut span: Option<(u64, u64, u64, u64)> = None;
    let mut cells: u64 = 0;
    let check = |span: Option<(u64, u64, u64, u64)>, cells: u64| {
        let Some((r0, r1, c0, c1)) = span else {
            return Ok(());
        };
        let area = (r1 - r0 + 1).saturating_mul(c1 - c0 + 1);
        if area > MAX_XLS_CELLS {
            return Err(format!(
                "the .xls file is damaged: a sheet has cells from row {r0} to row {r1} and from \
                 column {c0} to column {c1}, beyond the 65,536 rows and 256 columns an .xls \
                 sheet can have"
            ));
        }
        // The sheet is read as one block of cells from its first to its last (64 bytes a
        // cell, twice): a few cells far apart would take a gigabyte for a file of kilobytes.
        if area > SPARSE_XLS_CELLS && cells.saturating_mul(SPARSE_RATIO) < area {
            return Err(format!(
                "a sheet of this .xls file has {cells} cells spread from row {} to row {} and \
                 from column {} to column {}: reading it as one block would take about {} MB. \
                 Delete the far cells, or save the sheet as CSV, and open that",
                r0 + 1,
                r1 + 1,
                c0 + 1,
                c1 + 1,
                area * 64 / 1_000_000
            ));
        }
        Ok(())
    };
    let (mut seen_bof, mut depth) = (false, 0_usize);
    for (typ, data) in records(sheet) {
        if depth > 0 {
            match typ {
                0x0809 => depth += 1,
                0x000A => depth -= 1,
                _ => {}
            }
            continue;
        }
        let u16_at = |i: usize| {
            data.get(i..i + 2)
                .map(|b| u64::from(u16::from_le_bytes([b[0], b[1]])))
        };
        match typ {
            0x0809 if seen_bof => depth += 1,
            0x0809 => seen_bof = true,
            0x000A => break,
            // Number, Label, RString, BoolErr, Rk, LabelSst, MulRk, Formula: a cell at (row,
            // column); MulRk's last column is in its last two bytes.
            0x0203 | 0x0204 | 0x00D6 | 0x0205 | 0x027E | 0x00FD | 0x00BD | 0x0006 => {
                if let (Some(row), Some(col)) = (u16_at(0), u16_at(2)) {
                    let last = if typ == 0x00BD {
                        data.len()
                            .checked_sub(2)
                            .and_then(u16_at)
                            .unwrap_or(col)
                            .max(col)
                    } else {
                        col
                    };
                    let (r0, r1, c0, c1) = span.unwrap_or((row, row, col, last));
                    span = Some((r0.min(row), r1.max(row), c0.min(col), c1.max(last)));
                    cells += last - col + 1;
                }
            }
            _ => {}
        }
    }
    check(span, cells)
}

#[cfg(test)]
mod tests {
    use super::{check_cell_span, check_dimensions, check_shared_strings, check_sheet_span};

    #[test]
    fn cells_spread_beyond_an_xls_sheet_are_refused() {
        // A Number record: row, column, format, an 8-byte value.
        let number = |row: u16, col: u16| {
            let mut r = vec![0x03, 0x02, 14, 0];
            r.extend_from_slice(&row.to_le_bytes());
            r.extend_from_slice(&col.to_le_bytes());
            r.extend_from_slice(&[0; 10]);
            r
        };
        let bof = [0x09, 0x08, 0, 0];
        // A whole sheet's span with a cell in every 64 of it is read.
        let dense: Vec<u8> = (0..=65_535_u16)
            .step_by(16)
            .flat_map(|row| (0..=255_u16).step_by(4).map(move |col| number(row, col)))
            .flatten()
            .chain(number(65_535, 255))
            .collect();
        assert!(check_sheet_span(&dense).is_ok());
        // The fuzzer's second finding: two cells at opposite corners made calamine fill a block
        // of 16.7M cells (1 GB, a second) for a file of 5 KB.
        let sparse = [number(0, 0), number(65_535, 255)].concat();
        let refused = check_sheet_span(&sparse);
        assert!(
            refused.as_ref().is_err_and(|e| e.contains(
                "has 2 cells spread from row 1 to row 65536 and from column 1 to column 256"
            )),
            "{refused:?}"
        );
        // A small sheet may be as sparse as it likes.
        assert!(check_sheet_span(&[number(0, 0), number(1000, 255)].concat()).is_ok());
        // The fuzzer's finding: a cell at column 65,000 spans far more than a sheet holds.
        let wide = [number(0, 0), number(60_000, 65_000)].concat();
        let refused = check_sheet_span(&wide);
        assert!(
            refused.as_ref().is_err_and(|e| e.contains("column 65000")),
            "{refused:?}"
        );
        // Each sheet is its own span, read from where the globals' BoundSheet records say:
        // two sheets far apart are fine.
        let eof = [0x0A, 0x00, 0, 0];
        let bound_sheet = |at: u32| {
            let mut r = vec![0x85, 0x00, 8, 0];
            r.extend_from_slice(&at.to_le_bytes());
            r.extend_from_slice(&[0, 0, 0, 0]);
            r
        };
        let sheet = |cells: &[(u16, u16)]| {
            let mut r = bof.to_vec();
            for &(row, col) in cells {
                r.extend(number(row, col));
            }
            r.extend(eof);
            r
        };
        let workbook = |sheets: &[Vec<u8>]| {
            let globals_len = (bof.len() + sheets.len() * 12 + eof.len()) as u32;
            let mut at = globals_len;
            let mut out = bof.to_vec();
            for s in sheets {
                out.extend(bound_sheet(at));
                at += s.len() as u32;
            }
            out.extend(eof);
            for s in sheets {
                out.extend(s);
            }
            out
        };
        let two = workbook(&[sheet(&[(0, 0)]), sheet(&[(65_000, 200), (65_100, 255)])]);
        assert!(check_cell_span(&two).is_ok());
        let one = workbook(&[sheet(&[(0, 0), (65_535, 255)])]);
        assert!(check_cell_span(&one).is_err());
        // A BOF inside a sheet opens a nested substream (an embedded chart): calamine skips its
        // records and goes on with the sheet's, so a far cell after it is the same sheet's.
        let nested = [
            bof.to_vec(),
            number(0, 0),
            bof.to_vec(),
            number(5, 5),
            eof.to_vec(),
            number(65_535, 255),
            eof.to_vec(),
        ]
        .concat();
        assert!(check_sheet_span(&nested).is_err());
    }

    #[test]
    fn a_shared_strings_count_beyond_what_the_bytes_hold_is_refused() {
        let head = br#"<?xml version="1.0"?><sst xmlns="x" count="9" uniqueCount="4000000000"><si><t>a</t></si></sst>"#;
        let refused = check_shared_strings(head, head.len() as u64);
        assert!(
            refused
                .as_ref()
                .is_err_and(|e| e.contains("4000000000 strings")),
            "{refused:?}"
        );
        let fine = br#"<sst xmlns="x" count="900" uniqueCount="2"><si><t>a</t></si><si><t>b</t></si></sst>"#;
        assert!(check_shared_strings(fine, fine.len() as u64).is_ok());
    }

    #[test]
    fn dimensions_beyond_a_biff8_sheet_are_refused() {
        let record = |first_row: u32, rows_end: u32, first_col: u16, cols_end: u16| {
            let mut r = vec![0x00, 0x02, 14, 0];
            r.extend_from_slice(&first_row.to_le_bytes());
            r.extend_from_slice(&rows_end.to_le_bytes());
            r.extend_from_slice(&first_col.to_le_bytes());
            r.extend_from_slice(&cols_end.to_le_bytes());
            r.extend_from_slice(&[0, 0]);
            r
        };
        assert!(check_dimensions(&record(0, 100, 0, 10)).is_ok());
        assert!(check_dimensions(&record(0, 65_536, 0, 256)).is_ok());
        assert!(check_dimensions(&record(0, u32::MAX, 0, 256)).is_err());
        // The end before the start: calamine's subtraction would wrap.
        assert!(check_dimensions(&record(500, 10, 0, 10)).is_err());
    }
}
