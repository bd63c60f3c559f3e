//! Real files from other projects (and ACLED-shaped synthetic rows) load with the numbers of
//! events counted by hand, or are refused with a message that says why.

use std::path::PathBuf;
use std::process::Command;

use swimline::io::{Format, LoadOptions, load_path};
use swimline::model::Endpoint;

use super::root;

/// A real file in `../shared/data/`, or the synthetic ACLED rows (ACLED's terms forbid
/// passing on its data, so `../shared/data/` has none) in `tests/fixtures/acled/`.
fn fixture(name: &str) -> PathBuf {
    if name.starts_with("acled/") {
        root().join("tests/fixtures").join(name)
    } else {
        super::shared_data(name)
    }
}

/// (file, format, events, lanes, periods, warnings), counted by hand from the files.
const EXPECTED: [(&str, Format, usize, usize, usize, usize); 20] = [
    (
        "timelinejs3/all-media-types.json",
        Format::TimelineJs,
        41,
        6,
        0,
        0,
    ),
    (
        "timelinejs3/cosmo-mixed.json",
        Format::TimelineJs,
        11,
        1,
        0,
        0,
    ),
    ("timelinejs3/cosmo.json", Format::TimelineJs, 7, 1, 0, 0),
    ("timelinejs3/eras.json", Format::TimelineJs, 20, 1, 3, 0),
    (
        "timelinejs3/legacy_tl2_example.json",
        Format::TimelineJsLegacy,
        28,
        3,
        0,
        1,
    ),
    (
        "timelinejs3/marktwain.json",
        Format::TimelineJs,
        17,
        1,
        0,
        0,
    ),
    (
        "timelinejs3/women_in_computing.json",
        Format::TimelineJs,
        10,
        1,
        0,
        0,
    ),
    (
        "timelinejs3/my-own-timeline.csv",
        Format::TimelineJsCsv,
        10,
        1,
        0,
        0,
    ),
    ("vis-timeline/basic.json", Format::VisTimeline, 6, 1, 0, 0),
    (
        "vis-timeline/nestedThreeLevels.groups.json",
        Format::VisTimeline,
        0,
        22,
        0,
        1,
    ),
    (
        "timesketch/csv_timestamp_no_datetime.csv",
        Format::TimesketchCsv,
        3,
        1,
        0,
        // #22: a timestamp read as seconds (and one as milliseconds) by its size says so.
        2,
    ),
    (
        "timesketch/invalid_datetime.csv",
        Format::TimesketchCsv,
        4,
        1,
        0,
        4,
    ),
    (
        "timesketch/sigma_events.csv",
        Format::TimesketchCsv,
        4,
        2,
        0,
        0,
    ),
    (
        "timesketch/validate_time_out_of_range.csv",
        Format::TimesketchCsv,
        2,
        1,
        0,
        0,
    ),
    (
        "timesketch/validate_timestamp_conversion.csv",
        Format::TimesketchCsv,
        3,
        2,
        0,
        0,
    ),
    ("acled/synthetic.csv", Format::Acled, 4, 4, 0, 2),
    // 2,111 lines; 506 distinct Actor1/Actor2 names (the code where the name is empty),
    // counted with a one-line awk-like script over the file.
    (
        "gdelt/20191024143000.export.CSV",
        Format::Gdelt,
        2111,
        506,
        0,
        0,
    ),
    // Lanes by source: 16 LOG rows and 3 FILE rows (cut -d, -f5 | sort | uniq -c).
    ("plaso/l2tcsv-utc.csv", Format::PlasoL2tCsv, 19, 2, 0, 0),
    // Six FILE rows.
    ("plaso/dynamic.csv", Format::PlasoCsv, 6, 1, 0, 0),
    // Lanes by parser: 16 text/syslog_traditional, 4 filestat.
    ("plaso/json_line.jsonl", Format::PlasoJsonl, 20, 2, 0, 0),
];

#[test]
fn every_real_file_loads_with_the_counted_events() {
    for (name, format, events, lanes, periods, warnings) in EXPECTED {
        let loaded = load_path(&fixture(name)).unwrap_or_else(|e| panic!("{name}: {e}"));
        let got = (
            loaded.format(),
            loaded.dataset.events.len(),
            loaded.dataset.actors.len(),
            loaded.dataset.periods.len(),
            loaded.warnings.len(),
        );
        assert_eq!(
            got,
            (Some(format), events, lanes, periods, warnings),
            "{name}: {:?}",
            loaded.warnings
        );
    }
}

#[test]
fn a_csv_that_is_not_a_timeline_is_refused_with_the_reason() {
    let error = load_path(&fixture("timelinejs3/parser_test.csv")).err();
    let message = error.map(|e| e.to_string()).unwrap_or_default();
    assert!(
        message.contains(
            "parser_test.csv:1: not a CSV format Swimline knows (header: \"title,count,description\")"
        ),
        "{message}"
    );
}

#[test]
fn timelinejs_dates_keep_their_precision_and_bce_years() {
    let cosmo = load_path(&fixture("timelinejs3/cosmo.json")).unwrap_or_else(|e| panic!("{e}"));
    let first = cosmo.dataset.events.at(0);
    assert_eq!(first.time().to_string(), "Y-13800000000");
    assert_eq!(first.when().start.describe(), "13.8 billion years ago");
    let twain = load_path(&fixture("timelinejs3/marktwain.json")).unwrap_or_else(|e| panic!("{e}"));
    // {"year":"2000","month":"01","day":"05","hour":"6","minute":"45","second":"56"}
    assert!(
        twain
            .dataset
            .events
            .iter()
            .any(|e| e.time().to_string() == "2000-01-05T06:45:56Z")
    );
    let women = load_path(&fixture("timelinejs3/women_in_computing.json"))
        .unwrap_or_else(|e| panic!("{e}"));
    let ada = women.dataset.events.at(0);
    assert_eq!(ada.title(), "Ada Lovelace");
    assert_eq!(ada.time().to_string(), "1815-12-10/1852-11-27");
    assert!(
        ada.attributes()
            .iter()
            .any(|(k, v)| k == "Media credit" && v == "Wikimedia Commons")
    );
    assert!(
        ada.attributes()
            .iter()
            .any(|(k, v)| k == "Media caption" && v == "Portrait by Alfred Edward Chalon")
    );
    let eras = load_path(&fixture("timelinejs3/eras.json")).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(eras.dataset.periods[0].title, "Era Test 650-700");
    let media =
        load_path(&fixture("timelinejs3/all-media-types.json")).unwrap_or_else(|e| panic!("{e}"));
    let names: Vec<&str> = media
        .dataset
        .actors
        .iter()
        .map(|a| a.name.as_str())
        .collect();
    assert!(
        names.contains(&"Video") && names.contains(&"Ungrouped"),
        "{names:?}"
    );
}

#[test]
fn the_timelinejs_spreadsheet_keeps_html_out_and_the_title_slide_as_title() {
    let sheet =
        load_path(&fixture("timelinejs3/my-own-timeline.csv")).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(sheet.dataset.title, "MY OWN CSV");
    let ada = sheet.dataset.events.at(0);
    assert_eq!(ada.title(), "Ada Lovelace");
    let text = ada.description().unwrap_or_default();
    assert!(
        text.starts_with(
            "Women have been programming since before it was a thing. Take Ada Lovelace:"
        ),
        "{text}"
    );
    assert!(!text.contains('<'));
    // "1943,7,,,1946" — a month and a year.
    assert!(
        sheet
            .dataset
            .events
            .iter()
            .any(|e| e.time().to_string() == "1943-07/1946")
    );
}

#[test]
fn vis_timeline_items_and_nested_groups() {
    let basic = load_path(&fixture("vis-timeline/basic.json")).unwrap_or_else(|e| panic!("{e}"));
    let range = basic
        .dataset
        .events
        .iter()
        .find(|e| e.id() == "4")
        .map(|e| e.time().to_string());
    assert_eq!(range.as_deref(), Some("2014-04-16/2014-04-19"));
    assert_eq!(basic.dataset.actors[0].name, "Items");
    let nested = load_path(&fixture("vis-timeline/nestedThreeLevels.groups.json"))
        .unwrap_or_else(|e| panic!("{e}"));
    let north_america = nested
        .dataset
        .actors
        .iter()
        .find(|a| a.name == "North America");
    assert_eq!(
        north_america.and_then(|a| a.group.as_deref()),
        Some("Group 10")
    );
}

#[test]
fn acled_precision_codes_become_uncertainty() {
    let acled = load_path(&fixture("acled/synthetic.csv")).unwrap_or_else(|e| panic!("{e}"));
    let by_id = |id: &str| {
        acled
            .dataset
            .events
            .iter()
            .find(|e| e.id() == id)
            .unwrap_or_else(|| panic!("{id}"))
    };
    assert_eq!(by_id("SYN1").when().describe(), "4 Jan 2018");
    assert!(matches!(by_id("SYN2").time().start, Endpoint::OneOf(..)));
    assert_eq!(
        by_id("SYN2").when().describe(),
        "between 7 Jan 2018 and 13 Jan 2018"
    );
    assert_eq!(by_id("SYN3").when().describe(), "Feb 2018");
    assert_eq!(by_id("SYN6").when().describe(), "2 Mar 2018");
    let clash = by_id("SYN1");
    assert_eq!(clash.actors().len(), 2, "actor1 and actor2 are both lanes");
    assert_eq!(clash.title(), "Armed clash in Hilltown");
    assert!(
        clash
            .attributes()
            .iter()
            .any(|(k, v)| k == "fatalities" && v == "3")
    );
    assert!(
        clash
            .description()
            .unwrap_or_default()
            .contains("\"a major road\"")
    );
}

#[test]
fn timesketch_invalid_datetimes_are_warnings_naming_the_row() {
    let t =
        load_path(&fixture("timesketch/invalid_datetime.csv")).unwrap_or_else(|e| panic!("{e}"));
    let w: Vec<String> = t.warnings.iter().map(ToString::to_string).collect();
    assert_eq!(
        w[0],
        "line 2: row 1: datetime \"2017-09-24 19:01:01\" has no time zone: read as UTC"
    );
    assert!(
        w[3].starts_with("line 5: row 4: datetime \"1234 19:01:01\" cannot be read"),
        "{}",
        w[3]
    );
    let conversion = load_path(&fixture("timesketch/validate_timestamp_conversion.csv"))
        .unwrap_or_else(|e| panic!("{e}"));
    // "+0000" and a space instead of T are both read.
    let times: Vec<String> = conversion
        .dataset
        .events
        .iter()
        .map(|e| e.time().to_string())
        .collect();
    assert_eq!(
        times,
        [
            "2012-03-14T04:17:38Z",
            "2022-07-24T19:01:01Z",
            "2015-07-25T02:01:01Z"
        ]
    );
}

#[test]
fn swimline_csv_with_quotes_bom_crlf_windows_1252_and_bad_rows() {
    let dir = super::temp_dir("swimline-csv");
    let path = dir.join("events.csv");
    let mut bytes = b"\xEF\xBB\xBFId,Title,Start,End,Actors,Kind,Tags,Source,Notes\r\n".to_vec();
    bytes.extend_from_slice(b"a,\"Talks, round one\",2018-01-04,,Russia; Taliban,statement,talks,BBC,\"said \"\"yes\"\"\nthen left\"\r\n");
    bytes.extend_from_slice(b"b,Denied,2018?,,Russia,denial,,,\r\n");
    bytes.extend_from_slice(b"c,Bad,2018-13,,Russia,,,,\r\n");
    bytes.extend_from_slice(b"d,After,@{a}+P1D,@{a}+P3D,Taliban,claim,,https://example.org,\r\n");
    std::fs::write(&path, &bytes).unwrap_or_else(|e| panic!("{e}"));
    let loaded = load_path(&path).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(loaded.format(), Some(Format::SwimlineCsv));
    assert_eq!(loaded.dataset.events.len(), 3);
    let talks = loaded.dataset.events.at(0);
    assert_eq!(talks.title(), "Talks, round one");
    assert_eq!(talks.actors().len(), 2);
    assert_eq!(
        talks.attributes().to_vec(),
        vec![("Notes".to_owned(), "said \"yes\"\nthen left".to_owned())]
    );
    let w: Vec<String> = loaded.warnings.iter().map(ToString::to_string).collect();
    assert_eq!(w.len(), 1);
    assert!(
        w[0].starts_with("line 5: row 3, column \"start\": skipped: expected the month"),
        "{}",
        w[0]
    );
    assert_eq!(
        loaded.dataset.events.at(2).when().describe(),
        "5 Jan 2018 – 7 Jan 2018"
    );

    // The same file saved by Excel on Windows (Windows-1252): read, with a warning.
    let latin = b"title,start,actors\r\nCaf\xe9 meeting,2018-01-04,M\xfcller\r\n";
    std::fs::write(&path, latin).unwrap_or_else(|e| panic!("{e}"));
    let loaded = load_path(&path).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(loaded.dataset.events.at(0).title(), "Café meeting");
    assert_eq!(loaded.dataset.actors[0].name, "Müller");
    assert!(
        loaded.warnings[0]
            .message
            .contains("windows-1252 (Western European")
    );
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn check_json_prints_the_counts() {
    let files: Vec<PathBuf> = EXPECTED.iter().map(|(name, ..)| fixture(name)).collect();
    let output = Command::new(env!("CARGO_BIN_EXE_swimline"))
        .arg("check")
        .arg("--json")
        .args(&files)
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let stdout = String::from_utf8_lossy(&output.stdout);
    let lines: Vec<serde_json::Value> = stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{l}: {e}")))
        .collect();
    assert_eq!(lines.len(), EXPECTED.len());
    for (line, (name, format, events, lanes, _, warnings)) in lines.iter().zip(EXPECTED) {
        assert!(line["file"].as_str().unwrap_or_default().ends_with(name));
        assert_eq!(line["format"], format.name());
        assert_eq!(line["events"], events, "{name}");
        assert_eq!(line["actors"], lanes, "{name}");
        assert_eq!(
            line["warnings"].as_array().map(Vec::len),
            Some(warnings),
            "{name}"
        );
    }
    assert_eq!(lines[2]["start"], "Y-13800000000-01-01");

    let failing = Command::new(env!("CARGO_BIN_EXE_swimline"))
        .args(["check"])
        .arg(fixture("timelinejs3/parser_test.csv"))
        .arg(fixture("vis-timeline/basic.json"))
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(failing.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&failing.stderr).contains("parser_test.csv:1: not a CSV format")
    );
    assert!(
        String::from_utf8_lossy(&failing.stdout)
            .contains("basic.json: vis-timeline JSON, 6 events")
    );
}

#[test]
fn timesketch_lanes_can_come_from_another_column() {
    use swimline::io::load_path_with;
    let path = fixture("timesketch/validate_timestamp_conversion.csv");
    let options = LoadOptions {
        lane_column: Some("data_type".to_owned()),
        ..LoadOptions::default()
    };
    let loaded = load_path_with(&path, &options).unwrap_or_else(|e| panic!("{e}"));
    let lanes: Vec<&str> = loaded
        .dataset
        .actors
        .iter()
        .map(|a| a.name.as_str())
        .collect();
    assert_eq!(
        lanes,
        [
            "This event has timestamp",
            "This data_type should stay the same"
        ]
    );
    // timestamp_desc is no longer a lane, so it is kept as an attribute.
    let first = loaded.dataset.events.at(0).attributes();
    assert!(
        first.iter().any(|a| a == ("timestamp_desc", "Time Logged")),
        "{first:?}"
    );
    let missing = LoadOptions {
        lane_column: Some("nope".to_owned()),
        ..LoadOptions::default()
    };
    let loaded = load_path_with(&path, &missing).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(loaded.dataset.actors.len(), 2);
    assert!(loaded.warnings[0].message.contains("no column \"nope\""));
}

#[test]
fn a_gdelt_export_reads_day_actors_cameo_and_source_and_its_zip_too() {
    let path = fixture("gdelt/20191024143000.export.CSV");
    let loaded = load_path(&path).unwrap_or_else(|e| panic!("{e}"));
    let d = &loaded.dataset;
    // The first line: 881990832, SQLDATE 20181024, Actor2 VICTORIA (no Actor1), CAMEO 139
    // (root 13, Threaten), QuadClass 3 (verbal conflict), Goldstein -7.0, 3 mentions,
    // ActionGeo Vancouver, the Times Colonist's URL.
    let e = d.events.at(d
        .event_by_id("881990832")
        .unwrap_or_else(|| panic!("no first row")));
    assert_eq!(e.time().to_string(), "2018-10-24");
    assert_eq!(
        e.title(),
        "Threaten: VICTORIA, in Vancouver, British Columbia, Canada"
    );
    assert_eq!(e.kind(), swimline::model::EventKind::Statement);
    assert_eq!(e.tags(), ["Threaten", "CAMEO 139"]);
    let lanes: Vec<&str> = e
        .actors()
        .iter()
        .map(|&a| d.actors[a as usize].name.as_str())
        .collect();
    assert_eq!(lanes, ["VICTORIA"]);
    let source = e.source().unwrap_or_else(|| panic!("no source"));
    assert_eq!(source.outlet.as_deref(), Some("www.timescolonist.com"));
    assert!(
        source
            .url
            .as_deref()
            .is_some_and(|u| u.ends_with("-1.23985964"))
    );
    let attr = |k: &str| e.attributes().get(k);
    assert_eq!(attr("GoldsteinScale"), Some("-7.0"));
    assert_eq!(attr("NumMentions"), Some("3"));
    assert_eq!(attr("AvgTone"), Some("2.02774813233724"));
    assert_eq!(attr("QuadClass"), Some("verbal conflict"));

    // The same file as GDELT distributes it, zipped.
    let dir = super::temp_dir("gdelt-zip");
    let zipped = dir.join("20191024143000.export.CSV.zip");
    let bytes = std::fs::read(&path).unwrap_or_default();
    let out = std::fs::File::create(&zipped).unwrap_or_else(|e| panic!("{e}"));
    let mut zip = zip::ZipWriter::new(out);
    let options = zip::write::SimpleFileOptions::default();
    zip.start_file("20191024143000.export.CSV", options)
        .unwrap_or_else(|e| panic!("{e}"));
    std::io::Write::write_all(&mut zip, &bytes).unwrap_or_else(|e| panic!("{e}"));
    zip.finish().unwrap_or_else(|e| panic!("{e}"));
    let from_zip = load_path(&zipped).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(from_zip.format(), Some(Format::Gdelt));
    assert!(
        from_zip.dataset.events == loaded.dataset.events,
        "the same events"
    );
    assert!(
        from_zip.dataset.actors == loaded.dataset.actors,
        "the same lanes"
    );

    // A damaged archive says so, in words.
    let broken = dir.join("broken.zip");
    std::fs::write(&broken, b"PK\x03\x04not really").ok();
    let message = load_path(&broken)
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default();
    assert!(
        message.ends_with("a zip archive that cannot be read: it is cut short or damaged"),
        "{message}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn plaso_outputs_read_their_times_lanes_and_macb_and_a_zero_time_is_not_set() {
    let l2t = load_path(&fixture("plaso/l2tcsv-utc.csv")).unwrap_or_else(|e| panic!("{e}"));
    let d = &l2t.dataset;
    // Line 4: 01/22/2012,07:53:01,UTC,M...,LOG,Cron log,…,root,…, "Cron ran: touch
    // /var/run/crond.somecheck for user: root pid: 31051".
    let cron = d
        .events
        .iter()
        .find(|e| {
            e.title()
                .starts_with("Cron ran: touch /var/run/crond.somecheck")
        })
        .unwrap_or_else(|| panic!("no cron row"));
    assert_eq!(cron.time().to_string(), "2012-01-22T07:53:01Z");
    assert_eq!(d.actors[cron.actors()[0] as usize].name, "LOG");
    let attr = |e: swimline::model::Event<'_>, k: &str| e.attributes().get(k).map(str::to_owned);
    assert_eq!(attr(cron, "MACB").as_deref(), Some("M..."));
    assert_eq!(attr(cron, "sourcetype").as_deref(), Some("Cron log"));
    assert_eq!(attr(cron, "user").as_deref(), Some("root"));
    assert_eq!(attr(cron, "inode"), None, "\"-\" is no value");

    // The same run as json_line, its timestamps in microseconds.
    let lines = load_path(&fixture("plaso/json_line.jsonl")).unwrap_or_else(|e| panic!("{e}"));
    let first = lines.dataset.events.at(0);
    assert_eq!(first.time().to_string(), "2012-01-22T07:52:33Z");
    assert_eq!(
        lines.dataset.actors[first.actors()[0] as usize].name,
        "text/syslog_traditional"
    );
    assert!(
        attr(first, "__container_type__").is_none(),
        "Plaso's own bookkeeping is left out"
    );

    // psort -o json: ../shared/data/ has no such file, so the json_line events are put in its
    // exact shape here ({"event_0": {…}, "event_1": {…}}), in reverse, to check the order.
    let text = std::fs::read_to_string(fixture("plaso/json_line.jsonl")).unwrap_or_default();
    let mut object = serde_json::Map::new();
    for (n, line) in text
        .lines()
        .enumerate()
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
    {
        let mut event: serde_json::Value = serde_json::from_str(line).unwrap_or_default();
        if n == 3 {
            event["timestamp"] = serde_json::json!(0);
        }
        object.insert(format!("event_{n}"), event);
    }
    let json = serde_json::to_string_pretty(&object).unwrap_or_default();
    let (dataset, format, warnings) =
        swimline::io::load_bytes("psort.json", json.as_bytes()).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(format, Format::PlasoJson);
    assert_eq!(dataset.events.len(), 19, "event_3's time is not set");
    assert_eq!(
        dataset.events.at(0).time().to_string(),
        "2012-01-22T07:52:33Z"
    );
    assert_eq!(warnings.len(), 1);
    assert!(
        warnings[0]
            .to_string()
            .contains("skipped: the time is not set (timestamp 0)"),
        "{}",
        warnings[0]
    );

    // An l2tcsv row of zeros is a warning, not an event in 1970; a zone is converted to UTC.
    let header = "date,time,timezone,MACB,source,sourcetype,type,user,host,short,desc,version,filename,inode,notes,format,extra";
    let csv = format!(
        "{header}\n00/00/0000,00:00:00,UTC,....,FILE,File stat,-,-,-,x,not set,2,-,-,-,-,-\n\
         07/01/2012,07:00:00,Europe/Kyiv,M...,LOG,Log,-,-,-,y,at seven in Kyiv,2,-,-,-,-,-\n"
    );
    let (dataset, _, warnings) =
        swimline::io::load_bytes("t.csv", csv.as_bytes()).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(dataset.events.len(), 1);
    assert_eq!(
        dataset.events.at(0).time().to_string(),
        "2012-07-01T04:00:00Z"
    );
    assert!(
        warnings[0]
            .to_string()
            .contains("the time is not set (date \"00/00/0000\")"),
        "{}",
        warnings[0]
    );
}

#[test]
fn a_semicolon_or_tab_separated_file_reads_as_the_comma_one() {
    let comma = std::fs::read_to_string(fixture("plaso/dynamic.csv")).unwrap_or_default();
    let by_comma =
        swimline::io::load_bytes("dynamic.csv", comma.as_bytes()).unwrap_or_else(|e| panic!("{e}"));
    // psort writes the same columns with ";" when asked; no field of this file holds one.
    assert!(!comma.contains(';'));
    for (separator, name) in [
        (";", "dynamic-semicolon.csv"),
        ("\t", "dynamic.tsv"),
        ("|", "dynamic-pipe.csv"),
    ] {
        let text = comma.replace(',', separator);
        let (dataset, format, warnings) = swimline::io::load_bytes(name, text.as_bytes())
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(format, Format::PlasoCsv, "{name}");
        assert!(warnings.is_empty(), "{name}: {warnings:?}");
        assert!(
            dataset.events == by_comma.0.events,
            "{name}: the same events"
        );
    }
}

#[test]
fn a_timelinejs_sheet_saved_as_xlsx_reads_as_its_csv_would() {
    let path = fixture("spreadsheets/timelinejs-sheet-jefferson.xlsx");
    let loaded = load_path(&path).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(loaded.format(), Some(Format::TimelineJsCsv));
    let d = &loaded.dataset;
    let times: Vec<String> = d.events.iter().map(|e| e.time().to_string()).collect();
    // Google Sheets stored Year 1743, Month 4, Day 13 as the numbers 1743.0, 4.0, 13.0; the
    // End Year of the Declaration as the text "1776".
    assert_eq!(
        times,
        [
            "1743-04-13",
            "1760",
            "1768",
            "1775",
            "1775",
            "1776-08-02/1776",
            "1786-08-09",
            "1790-04-04"
        ]
    );
    assert_eq!(d.events.at(0).title(), "Birth of Thomas Jefferson");
    assert_eq!(d.periods.len(), 1, "the era row");
    assert_eq!(d.periods[0].time.to_string(), "1743/1826");

    // The sheet by name; a name it does not have is refused with the names it has.
    let named = LoadOptions {
        sheet: Some("Sheet1".to_owned()),
        ..LoadOptions::default()
    };
    let again = swimline::io::load_path_with(&path, &named).unwrap_or_else(|e| panic!("{e}"));
    assert!(again.dataset.events == loaded.dataset.events);
    let wrong = LoadOptions {
        sheet: Some("Timeline".to_owned()),
        ..LoadOptions::default()
    };
    let message = swimline::io::load_path_with(&path, &wrong)
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default();
    assert!(
        message.ends_with("there is no sheet \"Timeline\": expected one of \"Sheet1\""),
        "{message}"
    );

    // A table of its own layout says which columns it has (the mapping dialog's job).
    let own = load_path(&fixture("spreadsheets/programmes-with-owners.xlsx")).err();
    let message = own.map(|e| e.to_string()).unwrap_or_default();
    assert!(
        message.contains("no sheet has a layout Swimline knows: \"Sheet1\" (header: id, activity_name, T0, T3, T4, start, end, cost, owner)"),
        "{message}"
    );
}

#[test]
fn a_workbook_with_two_timelines_reads_the_first_names_the_other_and_keeps_1904_dates() {
    // Synthetic (tests/fixtures/spreadsheets/make-two-timelines.py): ../shared/data/ has no
    // workbook with several timeline sheets, nor one in Excel's 1904 date system.
    let path = root().join("tests/fixtures/spreadsheets/two-timelines.xlsx");
    let loaded = load_path(&path).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(loaded.format(), Some(Format::SwimlineCsv));
    let d = &loaded.dataset;
    let times: Vec<String> = d.events.iter().map(|e| e.time().to_string()).collect();
    // Date cells of the 1904 system (4 January 2018 is stored as 41642, which the 1900 system
    // reads as 3 January 2014), a date and time (a cell holds seconds too), and a range.
    assert_eq!(
        times,
        [
            "2018-01-04",
            "2018-03-23T14:05:00Z",
            "2016-09-01/2018-03-01"
        ]
    );
    assert_eq!(
        d.events.at(0).title(),
        "US suspends security aid to Pakistan"
    );
    let warnings: Vec<String> = loaded.warnings.iter().map(ToString::to_string).collect();
    assert!(
        warnings.iter().any(|w| w.contains(
            "read the sheet \"Claims\"; \"Timeline\" could be read too: pick one with View, Sheet"
        )),
        "{warnings:?}"
    );

    // --sheet (View ▸ Sheet in the app) picks the other, read as TimelineJS.
    let other = LoadOptions {
        sheet: Some("Timeline".to_owned()),
        ..LoadOptions::default()
    };
    let timeline = swimline::io::load_path_with(&path, &other).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(timeline.format(), Some(Format::TimelineJsCsv));
    let titles: Vec<&str> = timeline.dataset.events.iter().map(|e| e.title()).collect();
    assert_eq!(
        titles,
        [
            "Russia begins air strikes in Syria",
            "US suspends security aid to Pakistan"
        ]
    );
    assert_eq!(
        timeline.dataset.events.at(0).time().to_string(),
        "2015-09-30"
    );
    // The sheet that is not a timeline is refused by name, with what it holds.
    let about = LoadOptions {
        sheet: Some("About".to_owned()),
        ..LoadOptions::default()
    };
    let message = swimline::io::load_path_with(&path, &about)
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default();
    assert!(!message.is_empty(), "the About sheet is no timeline");
}

#[test]
fn messy_files_read_as_their_own_tools_read_them() {
    let load = |name: &str, text: &[u8]| swimline::io::load_bytes(name, text);
    // TimelineJS 2: `tag` for `tags`, hours and minutes in startDate, `era` as one object.
    let tl2 = br#"{"timeline": {"headline": "T", "type": "default",
        "date": [{"startDate": "1896,9,10,12,06", "headline": "A", "tag": "Press"}],
        "era": {"startDate": "1890", "endDate": "1900", "headline": "The nineties"}}}"#;
    let (d, format, warnings) = load("tl2.json", tl2).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(format, Format::TimelineJsLegacy);
    assert!(warnings.is_empty(), "{warnings:?}");
    assert_eq!(d.events.at(0).time().to_string(), "1896-09-10T12:06Z");
    assert_eq!(d.actors[d.events.at(0).actors()[0] as usize].name, "Press");
    assert_eq!(d.periods.len(), 1);
    assert_eq!(d.periods[0].title, "The nineties");

    // Timesketch: milliseconds in timestamp; a datetime with a space is trusted over it.
    let ts = "message,timestamp,datetime,timestamp_desc\n\
              a,1500000000000,,Write\n\
              b,1500000000000,2017-07-14 02:40:00+00:00,Write\n";
    let (d, _, _) = load("ts.csv", ts.as_bytes()).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(d.events.at(0).time().to_string(), "2017-07-14T02:40:00Z");
    assert_eq!(d.events.at(1).time().to_string(), "2017-07-14T02:40:00Z");

    // A byte-order mark and blank lines before the JSON.
    let vis = b"\xEF\xBB\xBF\n\n[{\"id\": 1, \"content\": \"a\", \"start\": \"2014-04-20\"}]";
    let (d, format, _) = load("vis.json", vis).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!((format, d.events.len()), (Format::VisTimeline, 1));

    // JSON with comments is not JSON, and the message says exactly that.
    for (text, kind, at) in [
        (
            "{\n  // written by hand\n  \"format\": \"swimline/1\"\n}",
            "//",
            "2:3",
        ),
        ("{\"events\": [] /* later */}", "/* */", "1:15"),
    ] {
        let message = load("c.json", text.as_bytes())
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert_eq!(
            message,
            format!(
                "c.json:{at}: a comment ({kind}): JSON has no comments, so this is JavaScript or \"JSON with comments\", not JSON; remove the comments and open it again"
            )
        );
    }
}

#[test]
fn a_table_of_its_own_layout_reads_through_a_mapping_and_it_is_remembered_by_its_header() {
    let path = fixture("spreadsheets/programmes-with-owners.xlsx");
    let mapping: swimline::io::Mapping = "title=activity_name,start=start,end=end,lanes=owner"
        .parse()
        .unwrap_or_else(|e| panic!("{e}"));
    let with = LoadOptions {
        mapping: Some(mapping.clone()),
        ..LoadOptions::default()
    };
    let loaded = swimline::io::load_path_with(&path, &with).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(loaded.format(), Some(Format::MappedTable));
    let d = &loaded.dataset;
    assert_eq!(d.events.len(), 8);
    // Row 2: "Test programme 001", start and end real date cells (1900 serials shown as
    // mm-dd-yy), owner in its own lane; the other columns kept as attributes.
    let first = d.events.at(0);
    assert_eq!(first.title(), "Test programme 001");
    assert_eq!(first.time().to_string(), "2023-04-01/2024-04-01");
    assert_eq!(first.actors().len(), 1);
    let names: Vec<&str> = first.attributes().iter().map(|(k, _)| k).collect();
    assert!(
        names.contains(&"id (column)") && names.contains(&"cost"),
        "{names:?}"
    );

    // Remembered for its header, a mapping applies without being asked for.
    let (header, rows) =
        swimline::io::table_preview(&path, None, 3).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(header[1], "activity_name");
    assert_eq!(rows.len(), 3);
    let mut remembered = LoadOptions::default();
    remembered
        .remembered
        .insert(swimline::io::mapping::header_key(&header), mapping);
    let again = swimline::io::load_path_with(&path, &remembered).unwrap_or_else(|e| panic!("{e}"));
    assert!(again.dataset.events == loaded.dataset.events);

    // Dates written day first, in a CSV separated by semicolons.
    let csv = "Headline;Date;Who\nTalks;04/03/2018;Russia\n";
    let dmy = LoadOptions {
        mapping: Some(
            "title=Headline,start=Date,lanes=Who,dates=DMY"
                .parse()
                .unwrap_or_default(),
        ),
        ..LoadOptions::default()
    };
    let (d, _, _) = swimline::io::load_bytes_with("t.csv", csv.as_bytes(), &dmy)
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(d.events.at(0).time().to_string(), "2018-03-04");
}

#[test]
fn times_written_without_a_zone_are_read_in_the_zone_asked_for() {
    let path = fixture("timesketch/invalid_datetime.csv");
    let utc = load_path(&path).unwrap_or_else(|e| panic!("{e}"));
    let kyiv = swimline::io::load_path_with(
        &path,
        &LoadOptions {
            tz: Some("Europe/Kyiv".to_owned()),
            ..LoadOptions::default()
        },
    )
    .unwrap_or_else(|e| panic!("{e}"));
    // Row 1: "2017-09-24 19:01:01" without a zone. As UTC by default, with a warning; in Kyiv
    // (UTC+3 in September, summer time) it is 16:01:01 UTC, and nothing to warn about.
    assert_eq!(
        utc.dataset.events.at(0).time().to_string(),
        "2017-09-24T19:01:01Z"
    );
    assert_eq!(
        kyiv.dataset.events.at(0).time().to_string(),
        "2017-09-24T16:01:01Z"
    );
    assert_eq!(utc.warnings.len(), 4);
    assert_eq!(
        kyiv.warnings.len(),
        1,
        "only the datetime that cannot be read: {:?}",
        kyiv.warnings
    );
    // A time with its own zone is not moved.
    let sigma = fixture("timesketch/sigma_events.csv");
    let a = load_path(&sigma).unwrap_or_else(|e| panic!("{e}"));
    let b = swimline::io::load_path_with(
        &sigma,
        &LoadOptions {
            tz: Some("Asia/Tokyo".to_owned()),
            ..LoadOptions::default()
        },
    )
    .unwrap_or_else(|e| panic!("{e}"));
    assert!(a.dataset.events == b.dataset.events);
}

#[test]
fn timelinejs_times_of_day_are_read_in_the_zone_given_and_dates_stay_days() {
    use swimline::io::load_path_with;
    let path = fixture("timelinejs3/marktwain.json");
    let utc = load_path(&path).unwrap_or_else(|e| panic!("{e}"));
    let new_york = LoadOptions {
        tz: Some("America/New_York".to_owned()),
        ..LoadOptions::default()
    };
    let zoned = load_path_with(&path, &new_york).unwrap_or_else(|e| panic!("{e}"));
    let time_of = |l: &swimline::io::Loaded, title: &str| {
        let d = &l.dataset;
        let e = d
            .events
            .iter()
            .find(|e| e.title() == title)
            .unwrap_or_else(|| panic!("no {title}"));
        e.time().to_string()
    };
    // 5 January 1960, 06:45:56 on New York's winter clocks (UTC-5) is 11:45:56 UTC.
    assert_eq!(time_of(&utc, "San Francisco"), "1960-01-05T06:45:56Z");
    assert_eq!(time_of(&zoned, "San Francisco"), "1960-01-05T11:45:56Z");
    // A date without a time of day is the same calendar day in any zone.
    let dates_only = |l: &swimline::io::Loaded| {
        l.dataset
            .events
            .iter()
            .filter(|e| !e.time().to_string().contains('T'))
            .map(|e| (e.title().to_owned(), e.time().to_string()))
            .collect::<Vec<_>>()
    };
    assert!(!dates_only(&utc).is_empty());
    assert_eq!(dates_only(&utc), dates_only(&zoned));
}
