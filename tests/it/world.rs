//! The world's data (#26): files in the encodings they come in, dates as tables write them,
//! and every script drawn in the exports. The files are made by `scripts/world-data.sh` (or by
//! the test itself), never copied.

use std::path::Path;
use std::process::{Command, Output};

use swimline::io::{LoadOptions, load_path_with};

use super::{root, temp_dir};

/// A folder with the files `scripts/world-data.sh` makes.
fn world_data(name: &str) -> super::TestDir {
    let dir = temp_dir(name);
    let made = Command::new("bash")
        .arg(root().join("scripts/world-data.sh"))
        .arg(&dir)
        .output()
        .unwrap_or_else(|e| panic!("scripts/world-data.sh: {e}"));
    assert!(
        made.status.success(),
        "scripts/world-data.sh: {}",
        String::from_utf8_lossy(&made.stderr)
    );
    dir
}

/// `swimline ARGS` with no display.
fn swimline(args: &[&std::ffi::OsStr]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_swimline"))
        .args(args)
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY")
        .output()
        .unwrap_or_else(|e| panic!("swimline: {e}"))
}

/// `input` rendered as an SVG (with `extra` flags), and what `swimline check` said of it.
fn svg_of(input: &Path, extra: &[&str]) -> (String, String) {
    let out = input.with_extension("svg");
    let _ = std::fs::remove_file(&out);
    let mut args: Vec<&std::ffi::OsStr> = vec![
        "render".as_ref(),
        input.as_os_str(),
        "-o".as_ref(),
        out.as_os_str(),
    ];
    args.extend(extra.iter().map(std::ffi::OsStr::new));
    let run = swimline(&args);
    assert!(
        run.status.success(),
        "render {}: {}",
        input.display(),
        String::from_utf8_lossy(&run.stderr)
    );
    let mut check: Vec<&std::ffi::OsStr> = vec!["check".as_ref(), input.as_os_str()];
    check.extend(extra.iter().map(std::ffi::OsStr::new));
    let checked = swimline(&check);
    let said = String::from_utf8_lossy(&checked.stdout).into_owned()
        + &String::from_utf8_lossy(&checked.stderr);
    (std::fs::read_to_string(&out).unwrap_or_default(), said)
}

#[test]
fn tables_in_windows_1251_1256_and_utf16_render_with_their_titles() {
    let dir = world_data("encodings");
    let (svg, said) = svg_of(&dir.join("ru-1251.csv"), &[]);
    for title in [
        "Встреча в Москве с представителями движения",
        "Заявление Министерства иностранных дел",
        "Переговоры в Душанбе",
        "Россия",
    ] {
        assert!(svg.contains(&format!(">{title}</text>")), "{title}:\n{svg}");
    }
    assert!(said.contains("windows-1251 (Cyrillic)"), "{said}");

    let (svg, said) = svg_of(&dir.join("ar-1256.csv"), &[]);
    for title in ["المحادثات في الدوحة", "قطر", "روسيا"] {
        assert!(svg.contains(&format!(">{title}</text>")), "{title}");
    }
    assert!(said.contains("windows-1256 (Arabic script)"), "{said}");

    // Excel's "Unicode text": the warning says UTF-16, not Windows-1252 (the bug).
    let (svg, said) = svg_of(&dir.join("utf16.txt"), &[]);
    for title in ["Талибан в Москве", "طالبان در دوحه", "塔利班"] {
        assert!(svg.contains(&format!(">{title}</text>")), "{title}");
    }
    assert!(said.contains("UTF-16LE"), "{said}");
    assert!(!said.contains("1252"), "{said}");
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn encoding_names_the_encoding_when_the_guess_cannot_know() {
    // Two short Cyrillic words in KOI8-R: too few letters to tell the encoding from.
    let dir = temp_dir("encoding-flag");
    let path = dir.join("koi8.csv");
    let (bytes, _, _) = encoding_rs::KOI8_R.encode("title,start\nМир,2018\nДом,2019\n");
    std::fs::write(&path, &bytes).unwrap_or_else(|e| panic!("{e}"));
    let (svg, said) = svg_of(&path, &["--encoding", "koi8-r"]);
    assert!(
        svg.contains(">Мир</text>") && svg.contains(">Дом</text>"),
        "{svg}"
    );
    assert!(!said.contains("guess"), "{said}");
    let bad = swimline(&[
        "check".as_ref(),
        path.as_os_str(),
        "--encoding".as_ref(),
        "martian".as_ref(),
    ]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("expected an encoding"));
    let _ = std::fs::remove_dir_all(dir);
}

/// The text `pdftotext` finds in `pdf`, with Arabic presentation forms made letters again.
fn pdf_text(pdf: &Path) -> String {
    use unicode_normalization::UnicodeNormalization as _;
    let text = Command::new("pdftotext")
        .arg(pdf)
        .arg("-")
        .output()
        .unwrap_or_else(|e| panic!("pdftotext (poppler-utils; scripts/check.sh installs it): {e}"));
    String::from_utf8_lossy(&text.stdout).nfkc().collect()
}

#[test]
fn a_pdf_of_four_scripts_has_the_letters_of_each() {
    let dir = world_data("pdf-scripts");
    let pdf = dir.join("four.pdf");
    let run = swimline(&[
        "render".as_ref(),
        dir.join("four-scripts.json").as_os_str(),
        "-o".as_ref(),
        pdf.as_os_str(),
    ]);
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let text = pdf_text(&pdf);
    // Persian, Pashto (its own letters ې and ښ too), Russian.
    for word in [
        "طالبان",
        "مسکو",
        "دوحه",
        "سولې",
        "Переговоры",
        "Россия",
        "Талибан",
    ] {
        assert!(
            text.contains(word),
            "the PDF's text lacks {word:?}:\n{text}"
        );
    }
    // Chinese where the machine has a font for it (Debian's fonts-noto-cjk; scripts/check.sh
    // installs it), else the render says which script it cannot draw.
    let has_cjk = swimline::export::fonts::scripts_without_font("塔利班").is_empty();
    if has_cjk {
        for word in ["塔利班", "中国"] {
            assert!(
                text.contains(word),
                "the PDF's text lacks {word:?}:\n{text}"
            );
        }
    } else {
        let said = String::from_utf8_lossy(&run.stdout);
        assert!(
            said.contains("warning: no font on this machine draws Han letters"),
            "{said}"
        );
    }
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn a_timesketch_time_in_the_spring_gap_moves_forward_with_a_warning() {
    // Regression: with --tz Europe/Berlin, 02:30 on 28 March 2021 (skipped by the clocks) was
    // silently kept as UTC.
    let dir = temp_dir("dst-gap");
    let path = dir.join("sketch.csv");
    std::fs::write(
        &path,
        "message,datetime,timestamp_desc\n\
         Logon,2021-03-28 02:30:00,Event Recorded\n\
         Logoff,2021-10-31 02:30:00,Event Recorded\n",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let options = LoadOptions {
        tz: Some("Europe/Berlin".to_owned()),
        ..LoadOptions::default()
    };
    let loaded = load_path_with(&path, &options).unwrap_or_else(|e| panic!("{e}"));
    let at = |i: usize| loaded.dataset.events.at(i).when().earliest();
    // 03:30 CEST (moved forward by the hour) is 01:30 UTC; the overlap's earlier 02:30 (CEST)
    // is 00:30 UTC.
    assert_eq!(at(0), 1_616_895_000, "2021-03-28T01:30:00Z");
    assert_eq!(at(1), 1_635_640_200, "2021-10-31T00:30:00Z");
    let w: Vec<String> = loaded.warnings.iter().map(ToString::to_string).collect();
    assert!(
        w.iter()
            .any(|w| w.contains("does not exist in Europe/Berlin")
                && w.contains("moved forward by the gap, 60 minutes")),
        "{w:?}"
    );
    assert!(
        w.iter().any(|w| w.contains("the earlier was taken")),
        "{w:?}"
    );
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn a_mapped_table_reads_two_digit_years_twelve_hour_clocks_and_the_solar_hijri_calendar() {
    let dir = temp_dir("mapped-dates");
    let path = dir.join("table.csv");
    std::fs::write(
        &path,
        "Headline,Date\nElection,12/31/97 2:05 PM\nCeasefire,1/2/05 9:05\n",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let options = LoadOptions {
        mapping: "title=Headline,start=Date,dates=MDY".parse().ok(),
        ..LoadOptions::default()
    };
    let loaded = load_path_with(&path, &options).unwrap_or_else(|e| panic!("{e}"));
    let when = |i: usize| loaded.dataset.events.at(i).time().to_string();
    // Regression: 12/31/97 was 31 Dec 2097, and 2:05 PM and 9:05 were refused.
    assert_eq!(when(0), "1997-12-31T14:05Z");
    assert_eq!(when(1), "2005-01-02T09:05Z");
    assert!(
        loaded.warnings[0]
            .message
            .starts_with("2 dates written with a two-digit year"),
        "{:?}",
        loaded.warnings
    );

    std::fs::write(
        &path,
        "Headline,Date\nNowruz,1403/01/01\nRevolution day,۱۳۵۷/۱۱/۲۲\n",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let options = LoadOptions {
        mapping: "title=Headline,start=Date,dates=persian".parse().ok(),
        ..LoadOptions::default()
    };
    let loaded = load_path_with(&path, &options).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(loaded.dataset.events.at(0).time().to_string(), "2024-03-20");
    assert_eq!(loaded.dataset.events.at(1).time().to_string(), "1979-02-11");
    assert_eq!(
        loaded.dataset.events.at(1).attributes().to_vec(),
        vec![("Date (as written)".to_owned(), "۱۳۵۷/۱۱/۲۲".to_owned())]
    );
    let _ = std::fs::remove_dir_all(dir);
}
