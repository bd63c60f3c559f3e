//! Workbooks the tests make themselves — an `.xls` (an OLE compound file holding a BIFF8
//! workbook stream), an `.xlsx` and an `.ods` — sound ones, and the damaged and hostile ones
//! that crashed or exhausted the app (#22): cut short, a sector chain pointing at itself, a
//! sheet's size beyond its format, a cell at XFD1048576, a shared-strings count of 4 billion,
//! a part that inflates a thousandfold, a million repeated rows. The fuzz targets are seeded
//! with the sound ones (`make_fuzz_seeds`).

use std::io::Write as _;

/// One cell of a sheet: text or a number.
#[derive(Clone, Debug)]
pub enum Value {
    /// Text.
    Text(String),
    /// A number.
    Number(f64),
}

/// The rows of the sound test sheet: a Swimline table of three events.
pub fn sound_rows() -> Vec<Vec<Value>> {
    let t = |s: &str| Value::Text(s.to_owned());
    vec![
        vec![t("title"), t("start"), t("actors")],
        vec![
            t("Nicholson speaks to the BBC"),
            t("2018-03-23"),
            t("nicholson"),
        ],
        vec![
            t("Aid to Pakistan suspended"),
            Value::Number(2018.0),
            t("usa"),
        ],
        vec![t("Russia denies it"), t("2018-03-23~"), t("russia")],
    ]
}

/// Little-endian bytes of a BIFF record.
fn record(typ: u16, data: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(data.len() + 4);
    out.extend_from_slice(&typ.to_le_bytes());
    out.extend_from_slice(&(data.len() as u16).to_le_bytes());
    out.extend_from_slice(data);
    out
}

/// A BOF record of BIFF8: `dt` 0x0005 for the workbook globals, 0x0010 for a worksheet.
fn bof(dt: u16) -> Vec<u8> {
    let mut d = Vec::new();
    d.extend_from_slice(&0x0600_u16.to_le_bytes());
    d.extend_from_slice(&dt.to_le_bytes());
    d.extend_from_slice(&0x0DBB_u16.to_le_bytes());
    d.extend_from_slice(&0x07CC_u16.to_le_bytes());
    d.extend_from_slice(&0_u32.to_le_bytes());
    d.extend_from_slice(&6_u32.to_le_bytes());
    record(0x0809, &d)
}

/// How a test `.xls` is damaged.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum XlsDamage {
    /// None: a sound workbook.
    None,
    /// The directory's sector chain points at itself.
    DirectoryLoop,
    /// The workbook stream's last sector points back at its first, and its directory entry
    /// says it is 2 GB long (so a reader following the chain copies its sectors until then).
    StreamLoop,
    /// The sheet's DIMENSIONS record claims 4 billion rows.
    HugeDimensions,
}

/// A BIFF8 workbook stream of one sheet, "Events", holding `rows`.
fn workbook_stream(rows: &[Vec<Value>], damage: XlsDamage) -> Vec<u8> {
    let mut globals = Vec::new();
    globals.extend(bof(0x0005));
    globals.extend(record(0x0042, &1200_u16.to_le_bytes())); // CODEPAGE: UTF-16
    let name = b"Events";
    // BOUNDSHEET8: the sheet's offset is filled in below, once the globals' length is known.
    let mut sheet_entry = vec![0, 0, 0, 0, 0, 0, name.len() as u8, 0];
    sheet_entry.extend_from_slice(name);
    let boundsheet_at = globals.len() + 4;
    globals.extend(record(0x0085, &sheet_entry));
    globals.extend(record(0x000A, &[]));
    let sheet_at = globals.len() as u32;
    globals[boundsheet_at..boundsheet_at + 4].copy_from_slice(&sheet_at.to_le_bytes());

    let mut sheet = bof(0x0010);
    let cols = rows.iter().map(Vec::len).max().unwrap_or(0) as u16;
    let rows_end: u32 = if damage == XlsDamage::HugeDimensions {
        u32::MAX
    } else {
        rows.len() as u32
    };
    let mut dims = Vec::new();
    dims.extend_from_slice(&0_u32.to_le_bytes());
    dims.extend_from_slice(&rows_end.to_le_bytes());
    dims.extend_from_slice(&0_u16.to_le_bytes());
    dims.extend_from_slice(&cols.to_le_bytes());
    dims.extend_from_slice(&0_u16.to_le_bytes());
    sheet.extend(record(0x0200, &dims));
    for (r, row) in rows.iter().enumerate() {
        for (c, value) in row.iter().enumerate() {
            let mut d = Vec::new();
            d.extend_from_slice(&(r as u16).to_le_bytes());
            d.extend_from_slice(&(c as u16).to_le_bytes());
            d.extend_from_slice(&15_u16.to_le_bytes());
            match value {
                Value::Text(text) => {
                    // LABEL with an XLUnicodeString of 8-bit characters.
                    let chars: Vec<u8> = text.chars().map(|ch| ch as u8).collect();
                    d.extend_from_slice(&(chars.len() as u16).to_le_bytes());
                    d.push(0);
                    d.extend_from_slice(&chars);
                    sheet.extend(record(0x0204, &d));
                }
                Value::Number(x) => {
                    d.extend_from_slice(&x.to_le_bytes());
                    sheet.extend(record(0x0203, &d));
                }
            }
        }
    }
    sheet.extend(record(0x000A, &[]));
    let mut stream = globals;
    stream.extend(sheet);
    stream
}

/// An `.xls`: a version-3 compound file (512-byte sectors) of a FAT sector, a directory
/// sector and the workbook stream (at least 4,096 bytes, so it lives in ordinary sectors).
pub fn xls(rows: &[Vec<Value>], damage: XlsDamage) -> Vec<u8> {
    const SECTOR: usize = 512;
    const FREESECT: u32 = 0xFFFF_FFFF;
    const ENDOFCHAIN: u32 = 0xFFFF_FFFE;
    const FATSECT: u32 = 0xFFFF_FFFD;
    let mut stream = workbook_stream(rows, damage);
    let stream_len = stream.len().max(4096);
    stream.resize(stream_len.div_ceil(SECTOR) * SECTOR, 0);
    let stream_sectors = stream.len() / SECTOR;

    let mut header = vec![0_u8; SECTOR];
    header[..8].copy_from_slice(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]);
    let put16 = |h: &mut [u8], at: usize, v: u16| h[at..at + 2].copy_from_slice(&v.to_le_bytes());
    let put32 = |h: &mut [u8], at: usize, v: u32| h[at..at + 4].copy_from_slice(&v.to_le_bytes());
    put16(&mut header, 0x18, 0x003E);
    put16(&mut header, 0x1A, 0x0003);
    put16(&mut header, 0x1C, 0xFFFE);
    put16(&mut header, 0x1E, 9);
    put16(&mut header, 0x20, 6);
    put32(&mut header, 0x2C, 1); // one FAT sector
    put32(&mut header, 0x30, 1); // the directory at sector 1
    put32(&mut header, 0x38, 4096);
    put32(&mut header, 0x3C, ENDOFCHAIN);
    put32(&mut header, 0x44, ENDOFCHAIN);
    for i in 0..109 {
        put32(&mut header, 0x4C + 4 * i, if i == 0 { 0 } else { FREESECT });
    }

    let mut fat = vec![FREESECT; SECTOR / 4];
    fat[0] = FATSECT;
    fat[1] = if damage == XlsDamage::DirectoryLoop {
        1
    } else {
        ENDOFCHAIN
    };
    for k in 0..stream_sectors {
        let id = 2 + k;
        fat[id] = if k + 1 == stream_sectors {
            if damage == XlsDamage::StreamLoop {
                2
            } else {
                ENDOFCHAIN
            }
        } else {
            (id + 1) as u32
        };
    }
    let fat_bytes: Vec<u8> = fat.iter().flat_map(|v| v.to_le_bytes()).collect();

    let mut directory = vec![0_u8; SECTOR];
    let entry =
        |dir: &mut [u8], at: usize, name: &str, typ: u8, child: u32, start: u32, size: u32| {
            let e = &mut dir[at * 128..(at + 1) * 128];
            let units: Vec<u16> = name.encode_utf16().collect();
            for (i, u) in units.iter().enumerate() {
                e[i * 2..i * 2 + 2].copy_from_slice(&u.to_le_bytes());
            }
            e[64..66].copy_from_slice(&(((units.len() + 1) * 2) as u16).to_le_bytes());
            e[66] = typ;
            e[67] = 1;
            e[68..72].copy_from_slice(&FREESECT.to_le_bytes());
            e[72..76].copy_from_slice(&FREESECT.to_le_bytes());
            e[76..80].copy_from_slice(&child.to_le_bytes());
            e[116..120].copy_from_slice(&start.to_le_bytes());
            e[120..124].copy_from_slice(&size.to_le_bytes());
        };
    entry(&mut directory, 0, "Root Entry", 5, 1, ENDOFCHAIN, 0);
    entry(
        &mut directory,
        1,
        "Workbook",
        2,
        FREESECT,
        2,
        if damage == XlsDamage::StreamLoop {
            0x7FFF_FFFF
        } else {
            stream_len as u32
        },
    );
    for unused in 2..4 {
        let e = &mut directory[unused * 128..(unused + 1) * 128];
        e[68..80].fill(0xFF);
    }

    let mut out = header;
    out.extend(fat_bytes);
    out.extend(directory);
    out.extend(stream);
    out
}

/// A zip archive of `(name, bytes)` parts, deflated.
fn zipped(parts: &[(&str, Vec<u8>)]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, bytes) in parts {
        zip.start_file(*name, options)
            .unwrap_or_else(|e| panic!("{e}"));
        zip.write_all(bytes).unwrap_or_else(|e| panic!("{e}"));
    }
    zip.finish().unwrap_or_else(|e| panic!("{e}")).into_inner()
}

/// XML text with `&`, `<` and `>` escaped.
fn xml_text(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// A column's letters (0 → A, 16383 → XFD).
pub fn column_name(mut col: u32) -> String {
    let mut letters = Vec::new();
    loop {
        letters.push(char::from(b'A' + (col % 26) as u8));
        if col < 26 {
            break;
        }
        col = col / 26 - 1;
    }
    letters.iter().rev().collect()
}

/// The `<sheetData>` of `rows`, inline strings.
pub fn sheet_data(rows: &[Vec<Value>]) -> String {
    let mut out = String::new();
    for (r, row) in rows.iter().enumerate() {
        out.push_str(&format!("<row r=\"{}\">", r + 1));
        for (c, value) in row.iter().enumerate() {
            let at = format!("{}{}", column_name(c as u32), r + 1);
            match value {
                Value::Text(t) => out.push_str(&format!(
                    "<c r=\"{at}\" t=\"inlineStr\"><is><t>{}</t></is></c>",
                    xml_text(t)
                )),
                Value::Number(x) => out.push_str(&format!("<c r=\"{at}\"><v>{x}</v></c>")),
            }
        }
        out.push_str("</row>");
    }
    out
}

/// An `.xlsx` of one sheet, "Events", whose `<sheetData>` is `sheet_data`, with a
/// shared-strings part when `shared_strings` is given.
pub fn xlsx(sheet_data: &str, shared_strings: Option<&str>) -> Vec<u8> {
    let main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    let rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    let pkg = "http://schemas.openxmlformats.org/package/2006/relationships";
    let mut types = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">\
         <Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>\
         <Default Extension=\"xml\" ContentType=\"application/xml\"/>\
         <Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>\
         <Override PartName=\"/xl/worksheets/sheet1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>",
    );
    let mut workbook_rels = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"{pkg}\">\
         <Relationship Id=\"rId1\" Type=\"{rel}/worksheet\" Target=\"worksheets/sheet1.xml\"/>"
    );
    if shared_strings.is_some() {
        types.push_str("<Override PartName=\"/xl/sharedStrings.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml\"/>");
        workbook_rels.push_str(&format!(
            "<Relationship Id=\"rId2\" Type=\"{rel}/sharedStrings\" Target=\"sharedStrings.xml\"/>"
        ));
    }
    types.push_str("</Types>");
    workbook_rels.push_str("</Relationships>");
    let mut parts = vec![
        ("[Content_Types].xml", types.into_bytes()),
        (
            "_rels/.rels",
            format!(
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"{pkg}\">\
                 <Relationship Id=\"rId1\" Type=\"{rel}/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>"
            )
            .into_bytes(),
        ),
        (
            "xl/workbook.xml",
            format!(
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?><workbook xmlns=\"{main}\" xmlns:r=\"{rel}\">\
                 <sheets><sheet name=\"Events\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>"
            )
            .into_bytes(),
        ),
        ("xl/_rels/workbook.xml.rels", workbook_rels.into_bytes()),
        (
            "xl/worksheets/sheet1.xml",
            format!(
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet xmlns=\"{main}\"><sheetData>{sheet_data}</sheetData></worksheet>"
            )
            .into_bytes(),
        ),
    ];
    if let Some(strings) = shared_strings {
        parts.push(("xl/sharedStrings.xml", strings.as_bytes().to_vec()));
    }
    zipped(&parts)
}

/// An `.ods` of one table, "Events", whose rows are `table_rows` (`<table:table-row>`…).
pub fn ods(table_rows: &str) -> Vec<u8> {
    let content = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\
         <office:document-content xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" \
         xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\" \
         xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\" office:version=\"1.2\">\
         <office:body><office:spreadsheet><table:table table:name=\"Events\">{table_rows}</table:table>\
         </office:spreadsheet></office:body></office:document-content>"
    );
    let manifest = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\
         <manifest:manifest xmlns:manifest=\"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0\" manifest:version=\"1.2\">\
         <manifest:file-entry manifest:full-path=\"/\" manifest:media-type=\"application/vnd.oasis.opendocument.spreadsheet\"/>\
         <manifest:file-entry manifest:full-path=\"content.xml\" manifest:media-type=\"text/xml\"/>\
         </manifest:manifest>";
    zipped(&[
        (
            "mimetype",
            b"application/vnd.oasis.opendocument.spreadsheet".to_vec(),
        ),
        ("content.xml", content.into_bytes()),
        ("META-INF/manifest.xml", manifest.as_bytes().to_vec()),
    ])
}

/// An ODS row of text cells.
pub fn ods_row(cells: &[&str], repeated: Option<u64>) -> String {
    let repeat = repeated.map_or_else(String::new, |n| {
        format!(" table:number-rows-repeated=\"{n}\"")
    });
    let mut out = format!("<table:table-row{repeat}>");
    for cell in cells {
        out.push_str(&format!(
            "<table:table-cell office:value-type=\"string\"><text:p>{}</text:p></table:table-cell>",
            xml_text(cell)
        ));
    }
    out.push_str("</table:table-row>");
    out
}

/// Writes the sound workbooks into the folder `SWIMLINE_FUZZ_SEEDS` names, as seeds for the
/// fuzz targets (`fuzz/run.sh` runs it): `cargo test --test it make_fuzz_seeds -- --ignored`.
#[test]
#[ignore = "writes files for the fuzzer; run by fuzz/run.sh"]
fn make_fuzz_seeds() {
    let Ok(folder) = std::env::var("SWIMLINE_FUZZ_SEEDS") else {
        panic!("set SWIMLINE_FUZZ_SEEDS to the folder to write the seeds to");
    };
    let folder = std::path::Path::new(&folder);
    std::fs::create_dir_all(folder).unwrap_or_else(|e| panic!("{e}"));
    let rows = sound_rows();
    let header: Vec<&str> = ["title", "start", "actors"].to_vec();
    let files = [
        ("sound.xls", xls(&rows, XlsDamage::None)),
        ("sound.xlsx", xlsx(&sheet_data(&rows), None)),
        (
            "sound.ods",
            ods(&[
                ods_row(&header, None),
                ods_row(&["Russia denies it", "2018-03-23", "russia"], Some(3)),
            ]
            .concat()),
        ),
    ];
    for (name, bytes) in files {
        std::fs::write(folder.join(name), bytes).unwrap_or_else(|e| panic!("{e}"));
    }
}
