//! Tests of the native format: errors with their places, and the two-thread read.

use super::{parse, parse_split};

/// A document of `n` events, one a line as Swimline writes them, with links and a period
/// after the events; `bad` puts an impossible month in event `bad`.
fn document(n: usize, bad: Option<usize>) -> String {
    let mut text = String::from(
        "{\"format\": \"swimline/1\",\n\"title\": \"T\",\n\"actors\": [\n{\"id\": \"a\"},\n{\"id\": \"b\"}],\n\"events\": [\n",
    );
    for i in 0..n {
        let month = if bad == Some(i) { 13 } else { 1 + i % 12 };
        let time = if i % 5 == 4 {
            format!("@{{e{}}}+P2D", i - 1)
        } else {
            format!("2018-{month:02}")
        };
        let comma = if i + 1 < n { "," } else { "" };
        text.push_str(&format!(
            "{{\"id\": \"e{i}\", \"title\": \"event \\\"{i}\\\"\", \"time\": \"{time}\", \"actors\": [\"a\", \"b\"]}}{comma}\n"
        ));
    }
    text.push_str("],\n\"links\": [{\"from\": \"e1\", \"to\": \"e2\", \"kind\": \"denies\"}],\n");
    text.push_str("\"periods\": [{\"title\": \"P\", \"time\": \"2018/2019\"}]}\n");
    text
}

#[test]
fn two_threads_read_a_document_as_one_does() {
    let text = document(3000, None);
    let whole = parse_split("t.json", &text, usize::MAX).unwrap_or_default();
    assert_eq!(whole.events.len(), 3000);
    assert_eq!((whole.links.len(), whole.periods.len()), (1, 1));
    assert_eq!(whole.events.at(2999).title(), "event \"2999\"");
    assert_eq!(
        parse_split("t.json", &text, 1000).unwrap_or_default(),
        whole
    );

    // A bad time after the middle: the same message, at the same line and column.
    let bad = document(3000, Some(2500));
    let message = |split| {
        parse_split("t.json", &bad, split)
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default()
    };
    assert!(
        message(usize::MAX).contains("events[2500].time"),
        "{}",
        message(usize::MAX)
    );
    assert_eq!(message(1000), message(usize::MAX));

    // A key the format does not know after the events: read whole, and said.
    let odd = document(3000, None).replacen("\"periods\"", "\"perods\"", 1);
    let odd_message = parse_split("t.json", &odd, 1000)
        .err()
        .map(|e| e.to_string());
    assert!(odd_message.is_some_and(|m| m.contains("unknown field \"perods\"")));
}

fn error_of(text: &str) -> String {
    parse("t.json", text)
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default()
}

#[test]
fn minimal_document() {
    let text = r#"{"format": "swimline/1", "title": "T",
        "actors": [{"id": "a"}],
        "events": [{"id": "e", "title": "E", "time": "2018-01-04", "actors": ["a"]}]}"#;
    let dataset = parse("t.json", text).unwrap_or_default();
    assert_eq!(dataset.events.len(), 1);
    assert_eq!(dataset.actors[0].name, "a");
}

#[test]
fn actor_lists_of_any_length_with_escapes() {
    let text = r#"{"format": "swimline/1",
        "actors": [{"id": "a"}, {"id": "b\"c"}, {"id": "d"}],
        "events": [{"id": "e", "title": "E", "time": "2018", "actors": ["a", "b\"c", "d", "a"]},
                   {"id": "f", "title": "F", "time": "2018", "actors": ["\u0064"]}]}"#;
    let dataset = parse("t.json", text).unwrap_or_default();
    assert_eq!(dataset.events.at(0).actors(), [0, 1, 2]);
    assert_eq!(dataset.events.at(1).actors(), [2]);
}

#[test]
fn errors_name_line_column_field_and_expectation() {
    let bad_time = "{\"format\": \"swimline/1\",\n \"events\": [\n  {\"id\": \"e\", \"title\": \"E\", \"time\": \"2018-13\"}]}";
    assert_eq!(
        error_of(bad_time),
        "t.json:3:37: events[0].time: expected the month as 2 digits from 01 to 12, found \"13\" (in \"2018-13\")"
    );
    let bad_actor = "{\"format\": \"swimline/1\", \"actors\": [{\"id\": \"us\"}],\n \"events\": [{\"id\": \"e\", \"title\": \"E\", \"time\": \"2018\",\n \"actors\": [\"us\", \"ru\"]}]}";
    assert_eq!(
        error_of(bad_actor),
        "t.json:3:19: events[0].actors[1]: no actor has the id \"ru\": expected one of \"us\""
    );
    let bad_kind = "{\"format\": \"swimline/1\", \"events\": [{\"id\": \"e\", \"title\": \"E\", \"time\": \"2018\", \"kind\": \"clam\"}]}";
    let message = error_of(bad_kind);
    assert!(
        message.starts_with("t.json:1:")
            && message
                .contains("events[0].kind: unknown value \"clam\", expected one of \"action\""),
        "{message}"
    );
    let wrong_format = r#"{"format": "timeline/9"}"#;
    assert!(error_of(wrong_format).starts_with("t.json:1:12: format: expected \"swimline/1\""));
    let truncated = "{\"format\": \"swimline/1\", \"events\": [";
    assert!(error_of(truncated).contains("ends too early"));
    let not_json = "id,title\n1,x";
    assert!(
        error_of(not_json).starts_with("t.json:1:1: "),
        "{}",
        error_of(not_json)
    );
    let typo = r#"{"format": "swimline/1", "tittle": "x"}"#;
    assert!(error_of(typo).contains("unknown field \"tittle\""));
}
