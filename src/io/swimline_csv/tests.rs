//! Tests of the Swimline CSV reader.

use super::{parse_split, split_list};
use crate::io::csv_table::Table;
use crate::model::Dataset;

/// The dataset and warnings of `text`, read whole or in two halves.
fn read(text: &str, split_bytes: usize) -> (Dataset, Vec<String>) {
    let table = Table::new("t.csv", text).unwrap_or_else(|e| panic!("{e}"));
    let imported = parse_split(table, split_bytes, 37).unwrap_or_else(|e| panic!("{e}"));
    let (dataset, _, warnings) =
        crate::io::finish::finish("t.csv", imported, crate::io::Format::SwimlineCsv)
            .unwrap_or_else(|e| panic!("{e}"));
    (dataset, warnings.iter().map(ToString::to_string).collect())
}

/// As [`read`], from a file on disk read in pieces (each half by its own reader of the file).
fn read_from_disk(text: &str, split_bytes: usize) -> (Dataset, Vec<String>) {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let path = dir.path().join("t.csv");
    std::fs::write(&path, text).unwrap_or_else(|e| panic!("{e}"));
    let scanned = crate::io::read::scan_utf8(&path, None)
        .unwrap_or_else(|e| panic!("{e}"))
        .unwrap_or_else(|| panic!("UTF-8"));
    let table = Table::open("t.csv", scanned).unwrap_or_else(|e| panic!("{e}"));
    let imported = parse_split(table, split_bytes, 37).unwrap_or_else(|e| panic!("{e}"));
    let (dataset, _, warnings) =
        crate::io::finish::finish("t.csv", imported, crate::io::Format::SwimlineCsv)
            .unwrap_or_else(|e| panic!("{e}"));
    (dataset, warnings.iter().map(ToString::to_string).collect())
}

/// The dataset and warnings of `text` read as two buffers split at the line start
/// nearest the middle; `None` when the first buffer ends inside a quoted field.
fn read_two_buffers(text: &str) -> Option<(Dataset, Vec<String>)> {
    let middle = text.len() / 2;
    let split = middle + text[middle..].find('\n').map_or(0, |i| i + 1);
    let (first, second) = text.split_at(split);
    let table = Table::new("t.csv", first).unwrap_or_else(|e| panic!("{e}"));
    let imported = super::parse_two_buffers(table, second.to_owned()).ok()?;
    let imported = imported.unwrap_or_else(|e| panic!("{e}"));
    let (dataset, _, warnings) =
        crate::io::finish::finish("t.csv", imported, crate::io::Format::SwimlineCsv)
            .unwrap_or_else(|e| panic!("{e}"));
    Some((dataset, warnings.iter().map(ToString::to_string).collect()))
}

#[test]
fn two_halves_read_the_same_as_one_pass() {
    let mut rows = vec!["id,title,start,end,actors,kind,description".to_owned()];
    for i in 0..400 {
        let actors = ["a", "b; c", "c", "d;a"][i % 4];
        let end = if i % 3 == 0 { "2019-02" } else { "" };
        let start = if i % 7 == 0 && i > 0 {
            format!("@{{e{}}}+P1D", i / 4 * 2)
        } else {
            "2018-01-0".to_owned() + &(1 + i % 9).to_string()
        };
        let id = if i % 50 == 49 {
            "e1".to_owned()
        } else {
            format!("e{i}")
        };
        rows.push(format!(
            "{id},event {i},{start},{end},{actors},claim,\"said, \"\"twice\"\"\""
        ));
    }
    let text = rows.join("\n") + "\n";
    let whole = read(&text, usize::MAX);
    assert_eq!(whole.0.events.len(), 400);
    assert!(
        !whole.1.is_empty(),
        "the repeated ids are renamed with warnings"
    );
    assert_eq!(read(&text, 1000), whole, "split in two");
    assert_eq!(read_from_disk(&text, usize::MAX), whole, "from disk");
    assert_eq!(read_from_disk(&text, 1000), whole, "from disk, in two");
    // Windows line ends and a byte-order mark: the same rows on the same lines.
    let crlf = "\u{feff}".to_owned() + &text.replace('\n', "\r\n");
    assert_eq!(read(&crlf[3..], 1000), whole, "CRLF in memory");
    assert_eq!(read_from_disk(&crlf, 1000), whole, "CRLF from disk");
    assert_eq!(read_two_buffers(&text), Some(whole), "two buffers");

    // The middle of the file inside a long quoted field of many lines: the line end found
    // there is not a row's end, and the second half cannot be used.
    let mut quoted = rows.clone();
    let long = "a line\n".repeat(8000);
    quoted[200] = format!("e200,event 200,2018,,a,claim,\"{long}\"");
    let text = quoted.join("\n") + "\n";
    let middle = text.len() / 2;
    let field = text.find("a line").unwrap_or_default();
    assert!((field..field + long.len()).contains(&middle));
    let whole = read(&text, usize::MAX);
    assert!(
        whole
            .0
            .events
            .iter()
            .any(|e| e.description() == Some(long.trim_end()))
    );
    assert_eq!(read(&text, 1000), whole, "a quoted line end at the split");
    assert_eq!(read_from_disk(&text, 1000), whole, "from disk");
    assert_eq!(
        read_two_buffers(&text),
        None,
        "two buffers: read whole instead"
    );

    // A bad row in the second half: its warning names the row of the whole file.
    let mut bad = rows.clone();
    bad[350] = "e350,event 350,2018-13,,a,claim,".to_owned();
    let text = bad.join("\n") + "\n";
    let whole = read(&text, usize::MAX);
    assert!(
        whole.1.iter().any(|w| w.contains("line 351: row 350")),
        "{:?}",
        whole.1
    );
    assert_eq!(read(&text, 1000), whole, "a warning in the second half");
    assert_eq!(read_from_disk(&text, 1000), whole, "from disk");
    let crlf = text.replace('\n', "\r\n");
    assert_eq!(read_from_disk(&crlf, 1000), whole, "from disk, CRLF");
    assert_eq!(
        read_two_buffers(&text),
        Some(whole),
        "two buffers: the first reader goes on into the second"
    );
}

#[test]
fn lists_split_on_semicolons_and_drop_empty_items() {
    assert_eq!(split_list("a; b ;; c"), ["a", "b", "c"]);
    assert_eq!(split_list(" ;x;"), ["x"]);
    assert_eq!(split_list("Ürümqi;  Łódź "), ["Ürümqi", "Łódź"]);
    assert!(split_list("").is_empty() && split_list(" ; ").is_empty());
}
