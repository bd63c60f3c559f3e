//! The mapping's tests: dates as tables write them, and tables rewritten as Swimline CSV.

use super::{DateOrder, Mapping, from_zone, to_swimline_csv};

#[test]
fn times_of_day_in_the_mapping_s_zone_become_utc_and_dates_stay_days() {
    let kyiv = "Europe/Kyiv".parse::<chrono_tz::Tz>().ok();
    let z = |v: &str| from_zone(v.to_owned(), kyiv);
    // Summer (UTC+3) and winter (UTC+2), to the precision written.
    assert_eq!(z("2017-09-24T19:01:01"), "2017-09-24T16:01:01");
    assert_eq!(z("2018-01-15T14:05"), "2018-01-15T12:05");
    assert_eq!(z("2018-01-15T01"), "2018-01-14T23");
    // A date alone, a time with its own offset, and text that is no time stay as they are.
    assert_eq!(z("2018-01-15"), "2018-01-15");
    assert_eq!(z("2018-01-15T14:05Z"), "2018-01-15T14:05Z");
    assert_eq!(z("2018-01-15T14:05+05:00"), "2018-01-15T14:05+05:00");
    assert_eq!(z("around noon"), "around noon");
    assert_eq!(
        from_zone("2018-01-15T14:05".to_owned(), None),
        "2018-01-15T14:05"
    );

    let m: Mapping = "title=What,start=When,zone=Europe/Kyiv"
        .parse()
        .unwrap_or_default();
    assert_eq!(m.zone.as_deref(), Some("Europe/Kyiv"));
    assert_eq!(m.to_string(), "title=What,start=When,zone=Europe/Kyiv");
    assert!(
        "title=A,start=B,zone=Mars/Olympus"
            .parse::<Mapping>()
            .is_err_and(|e| e.contains("expected an IANA time zone"))
    );
    // The mapping's zone wins over --tz; without one, --tz applies.
    let table = "What,When\nCall,24.09.2017 19:01\n";
    let dmy = Mapping {
        dates: DateOrder::DayMonthYear,
        ..m.clone()
    };
    let (out, _) = to_swimline_csv("t.csv", table, &dmy, Some("Asia/Tokyo")).unwrap_or_default();
    assert!(out.contains("2017-09-24T16:01"), "{out}");
    let no_zone = Mapping { zone: None, ..dmy };
    let (out, _) =
        to_swimline_csv("t.csv", table, &no_zone, Some("Asia/Tokyo")).unwrap_or_default();
    assert!(out.contains("2017-09-24T10:01"), "{out}");
}

#[test]
fn a_mapping_reads_and_writes_as_the_command_line_has_it() {
    let m: Mapping = "title=Headline, start=Date, lanes=Who+Where, dates=DMY"
        .parse()
        .unwrap_or_default();
    assert_eq!(m.title, "Headline");
    assert_eq!(m.lanes, ["Who", "Where"]);
    assert_eq!(m.dates, DateOrder::DayMonthYear);
    assert_eq!(
        m.to_string(),
        "title=Headline,start=Date,lanes=Who+Where,dates=DMY"
    );
    assert_eq!(m.to_string().parse::<Mapping>(), Ok(m));
    assert!(
        "title=A"
            .parse::<Mapping>()
            .is_err_and(|e| e.contains("start=COLUMN"))
    );
    assert!(
        "title=A,start=B,colour=C"
            .parse::<Mapping>()
            .is_err_and(|e| e.contains("\"colour\" is not a role"))
    );
    assert!("title=A,start=B,dates=YDM".parse::<Mapping>().is_err());
}

/// `value` read in `order`, with the notes taken.
#[test]
fn a_mapped_table_says_where_the_clocks_skip_or_repeat() {
    let table = "What,When\nA,28.03.2021 02:30\nB,31.10.2021 02:30\nC,01.07.2021 12:00\n";
    let m: Mapping = "title=What,start=When,dates=DMY,zone=Europe/Berlin"
        .parse()
        .unwrap_or_default();
    let (out, notes) = to_swimline_csv("t.csv", table, &m, None).unwrap_or_default();
    // The gap: moved forward (03:30 CEST = 01:30 UTC); the overlap: the earlier (CEST).
    assert!(out.contains("A,2021-03-28T01:30,"), "{out}");
    assert!(out.contains("B,2021-10-31T00:30,"), "{out}");
    assert!(out.contains("C,2021-07-01T10:00,"), "{out}");
    assert_eq!(notes.len(), 1);
    let said = &notes[0].message;
    assert!(
        said.starts_with("2 times of day where the clocks change"),
        "{said}"
    );
    assert!(
        said.contains("2021-03-28 02:30 does not exist in Europe/Berlin"),
        "{said}"
    );
    assert!(said.contains("2021-10-31 02:30 happened twice"), "{said}");
}
