//! serde's messages in the user's words: "invalid type: null, expected struct RawEvent" becomes
//! "expected an event object, found null". Readers pass every serde message through [`plain`],
//! so no Rust type name reaches a user. Only rewrites text; knows nothing of files.

/// What each of the readers' raw types is, for a user.
const TYPE_WORDS: [(&str, &str); 9] = [
    ("struct RawFile", "a Swimline file object"),
    ("struct RawEvents", "a list of events"),
    ("struct RawEvent", "an event object"),
    ("struct RawActor", "an actor object"),
    ("struct RawLink", "a link object"),
    ("struct RawPeriod", "a period object"),
    ("struct RawSource", "a source object"),
    ("struct RawTail", "the rest of a Swimline file"),
    ("struct FormatProbe", "an object"),
];

/// serde's words for JSON's kinds of value, and ours.
const VALUE_WORDS: [(&str, &str); 6] = [
    ("unknown variant", "unknown value"),
    ("a sequence", "a list"),
    ("a map", "an object"),
    ("unit value", "null"),
    ("an option", "a value or null"),
    ("a borrowed string", "a string"),
];

/// `message` (one of serde's, without its position) in the user's words.
pub fn plain(message: &str) -> String {
    let mut text = message.to_owned();
    for (from, to) in TYPE_WORDS.iter().chain(VALUE_WORDS.iter()) {
        text = text.replace(from, to);
    }
    // Any other type name serde may name.
    for prefix in ["struct ", "enum ", "tuple struct "] {
        while let Some(at) = text.find(prefix) {
            let name_end = text[at + prefix.len()..]
                .find(|c: char| !(c.is_alphanumeric() || c == '_'))
                .map_or(text.len(), |i| at + prefix.len() + i);
            text.replace_range(at..name_end, "an object");
        }
    }
    // "invalid type: X, expected Y" → "expected Y, found X" (serde writes numbers as `7`).
    for head in ["invalid type: ", "invalid value: "] {
        if let Some(rest) = text.strip_prefix(head)
            && let Some((found, expected)) = rest.split_once(", expected ")
        {
            let expected = expected.replace('`', "\"");
            return format!("expected {expected}, found {}", found.replace('`', ""));
        }
    }
    let text = text.replace('`', "\"");
    if let Some(rest) = text.strip_prefix("missing field ") {
        return format!("the field {rest} is missing");
    }
    text
}

#[cfg(test)]
mod tests {
    use super::plain;

    #[test]
    fn type_names_never_reach_the_user() {
        assert_eq!(
            plain("invalid type: null, expected struct RawEvent"),
            "expected an event object, found null"
        );
        assert_eq!(
            plain("invalid type: map, expected a sequence"),
            "expected a list, found map"
        );
        assert_eq!(
            plain("unknown field `colour`, expected one of `id`, `name`"),
            "unknown field \"colour\", expected one of \"id\", \"name\""
        );
        assert_eq!(
            plain("unknown variant `clam`, expected one of `action`, `claim`"),
            "unknown value \"clam\", expected one of \"action\", \"claim\""
        );
        assert_eq!(
            plain("missing field `time`"),
            "the field \"time\" is missing"
        );
        assert_eq!(
            plain("invalid type: integer `7`, expected a string"),
            "expected a string, found integer 7"
        );
        assert_eq!(
            plain("invalid type: string \"x\", expected struct Whatever"),
            "expected an object, found string \"x\""
        );
    }
}
