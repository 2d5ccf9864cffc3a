//! One JSON Lines record: find the text field, clean it, write the record back.
//!
//! Every other field is left as it was: values keep their exact bytes (numbers, escapes,
//! nesting) and keys keep their order, because the object is read as raw values and
//! written back around the one value that changes.

use std::collections::BTreeMap;
use std::fmt;

use serde_json::value::RawValue;

use crate::cleaner::{Cleaner, Edit, EditKind};

/// What to do with each record.
#[derive(Debug, Clone)]
pub struct RecordOptions {
    /// The path of the text field, split at dots (`meta.body` reaches a nested field).
    pub field: Vec<String>,
    /// Replace the text with the cleaned text.
    pub clean: bool,
    /// Add a field with the edits (`None`: no annotations).
    pub annotate: Option<String>,
    /// The path of the field holding the document's URL, for rules scoped to sites. A
    /// record without it is cleaned with those rules off.
    pub url_field: Option<Vec<String>>,
}

impl RecordOptions {
    pub fn new(field: &str) -> Self {
        RecordOptions {
            field: field.split('.').map(str::to_string).collect(),
            clean: true,
            annotate: None,
            url_field: None,
        }
    }
}

/// Why a record could not be cleaned.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RecordError {
    NotUtf8 { offset: usize },
    NotJson(String),
    NotObject { path: String },
    MissingField { path: String },
    NotString { path: String, found: &'static str },
}

impl RecordError {
    /// A short name for counting errors by kind in stats.
    pub fn kind(&self) -> &'static str {
        match self {
            RecordError::NotUtf8 { .. } => "not-utf8",
            RecordError::NotJson(_) => "not-json",
            RecordError::NotObject { .. } => "not-object",
            RecordError::MissingField { .. } => "missing-field",
            RecordError::NotString { .. } => "not-string",
        }
    }
}

impl fmt::Display for RecordError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RecordError::NotUtf8 { offset } => {
                write!(f, "invalid UTF-8 at byte {offset} of the line")
            }
            RecordError::NotJson(e) => write!(f, "not valid JSON: {e}"),
            RecordError::NotObject { path } if path.is_empty() => {
                write!(f, "not a JSON object")
            }
            RecordError::NotObject { path } => write!(f, "`{path}` is not a JSON object"),
            RecordError::MissingField { path } => write!(f, "no field `{path}`"),
            RecordError::NotString { path, found } => {
                write!(f, "field `{path}` holds {found}, not a string")
            }
        }
    }
}

impl std::error::Error for RecordError {}

/// Per-rule counts for one or many documents.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RuleCounts {
    /// Lines dropped, by rule index.
    pub lines: BTreeMap<usize, u64>,
    /// Bytes removed (dropped lines with their breaks, and cut spans), by rule index.
    pub bytes: BTreeMap<usize, u64>,
}

impl RuleCounts {
    /// The counts of one document's edits: the one place lines and bytes are charged to
    /// rules (`--stats`, `chaff diff`). Layout edits are charged to no rule.
    pub fn from_edits(edits: &[Edit]) -> RuleCounts {
        let mut counts = RuleCounts::default();
        for e in edits {
            if let Some(r) = e.rule {
                if e.kind == EditKind::DropLine {
                    *counts.lines.entry(r).or_insert(0) += 1;
                }
                *counts.bytes.entry(r).or_insert(0) += (e.span.end - e.span.start) as u64;
            }
        }
        counts
    }

    pub fn add(&mut self, other: &RuleCounts) {
        for (r, n) in &other.lines {
            *self.lines.entry(*r).or_insert(0) += n;
        }
        for (r, n) in &other.bytes {
            *self.bytes.entry(*r).or_insert(0) += n;
        }
    }
}

/// A cleaned record.
#[derive(Debug, Clone, Default)]
pub struct RecordOutput {
    /// The record as written out, without a line break.
    pub line: String,
    pub text_bytes_in: usize,
    pub text_bytes_out: usize,
    /// The text had content and cleaning left none.
    pub emptied: bool,
    /// Rules the removal guard held back (see `Cleaned::held`).
    pub held: Vec<usize>,
    pub counts: RuleCounts,
}

/// Clean the record in `line` (one JSON object, no line break).
pub fn clean_record(
    cleaner: &Cleaner,
    line: &[u8],
    opts: &RecordOptions,
) -> Result<RecordOutput, RecordError> {
    let line = std::str::from_utf8(line).map_err(|e| RecordError::NotUtf8 {
        offset: e.valid_up_to(),
    })?;
    // Finding the URL costs a second parse of the record: only when a rule needs it.
    let url = opts
        .url_field
        .as_ref()
        .filter(|_| cleaner.has_site_rules())
        .and_then(|path| find_string(line, path));
    let mut out = RecordOutput::default();
    let mut annotation = None;
    let mut rewritten = rewrite(line, &opts.field, 0, &mut |raw: &RawValue| {
        let text: String = match serde_json::from_str::<String>(raw.get()) {
            Ok(t) => t,
            Err(_) => {
                let found = describe(raw.get());
                return Err(RecordError::NotString {
                    path: opts.field.join("."),
                    found,
                });
            }
        };
        let cleaned = cleaner.clean_url(&text, url.as_deref());
        let cleaned_text = cleaned.text();
        out.text_bytes_in = text.len();
        out.text_bytes_out = cleaned_text.len();
        out.emptied = cleaned_text.is_empty() && !text.trim().is_empty();
        out.held.clone_from(&cleaned.held);
        let edits = cleaned.edits();
        out.counts = RuleCounts::from_edits(&edits);
        let value = if opts.clean {
            json_string(&cleaned_text)
        } else {
            raw.get().to_string()
        };
        annotation = opts.annotate.as_ref().map(|_| {
            let rules = cleaner.rules();
            let items: Vec<serde_json::Value> = edits
                .iter()
                .map(|e| {
                    let mut m = serde_json::Map::new();
                    m.insert("start".into(), e.span.start.into());
                    m.insert("end".into(), e.span.end.into());
                    m.insert(
                        "rule".into(),
                        e.rule
                            .map_or("layout".to_string(), |r| rules[r].id.clone())
                            .into(),
                    );
                    m.insert("action".into(), e.kind.name().into());
                    if !e.insert.is_empty() {
                        m.insert("insert".into(), e.insert.into());
                    }
                    serde_json::Value::Object(m)
                })
                .collect();
            serde_json::to_string(&items).expect("edits always serialise")
        });
        Ok(value)
    })?;
    if let (Some(name), Some(ann)) = (&opts.annotate, annotation) {
        // The object holds the text field, so it is not empty: add `,"name":[...]` last.
        rewritten.pop();
        rewritten.push(',');
        rewritten.push_str(&serde_json::to_string(name).expect("a string always serialises"));
        rewritten.push(':');
        rewritten.push_str(&ann);
        rewritten.push('}');
    }
    out.line = rewritten;
    Ok(out)
}

type Replace<'f> = dyn FnMut(&RawValue) -> Result<String, RecordError> + 'f;

/// Rewrite the object in `json`, replacing the value at `path[depth..]` through `replace`.
fn rewrite(
    json: &str,
    path: &[String],
    depth: usize,
    replace: &mut Replace,
) -> Result<String, RecordError> {
    let here = path[..depth].join(".");
    let object: Vec<(String, Box<RawValue>)> = parse_object(json, &here, depth)?;
    let key = &path[depth];
    let Some(index) = object.iter().position(|(k, _)| k == key) else {
        return Err(RecordError::MissingField {
            path: path[..=depth].join("."),
        });
    };
    let mut out = String::with_capacity(json.len() + 64);
    out.push('{');
    for (i, (k, v)) in object.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str(&serde_json::to_string(k).expect("keys serialise"));
        out.push(':');
        if i != index {
            out.push_str(v.get());
        } else if depth + 1 == path.len() {
            out.push_str(&replace(v)?);
        } else {
            out.push_str(&rewrite(v.get(), path, depth + 1, replace)?);
        }
    }
    out.push('}');
    Ok(out)
}

/// Parse a JSON object into its keys and raw values, in order.
fn parse_object(
    json: &str,
    here: &str,
    depth: usize,
) -> Result<Vec<(String, Box<RawValue>)>, RecordError> {
    if !json.trim_start().starts_with('{') {
        if depth == 0 {
            // Tell broken JSON from JSON that is not an object.
            return match serde_json::from_str::<&RawValue>(json) {
                Ok(_) => Err(RecordError::NotObject {
                    path: String::new(),
                }),
                Err(e) => Err(RecordError::NotJson(e.to_string())),
            };
        }
        return Err(RecordError::NotObject {
            path: here.to_string(),
        });
    }
    let map: raw_object::Object =
        serde_json::from_str(json).map_err(|e| RecordError::NotJson(e.to_string()))?;
    Ok(map.0)
}

/// The text and URL of a record, read without cleaning it (for `chaff learn`).
pub fn read_record(
    line: &[u8],
    opts: &RecordOptions,
) -> Result<(String, Option<String>), RecordError> {
    let line = std::str::from_utf8(line).map_err(|e| RecordError::NotUtf8 {
        offset: e.valid_up_to(),
    })?;
    let text = read_string(line, &opts.field, 0)?;
    let url = opts.url_field.as_ref().and_then(|p| find_string(line, p));
    Ok((text, url))
}

/// The id at `path` in the record `line`: a string, or a number as written. `None` when
/// the record has none there (or holds another kind of value).
pub fn read_id(line: &[u8], path: &[String]) -> Option<String> {
    let json = std::str::from_utf8(line).ok()?;
    let object: raw_object::Object = serde_json::from_str(json).ok()?;
    let (_, value) = object.0.into_iter().find(|(k, _)| *k == path[0])?;
    if path.len() > 1 {
        return read_id(value.get().as_bytes(), &path[1..]);
    }
    let raw = value.get().trim();
    match raw.as_bytes().first() {
        Some(b'"') => serde_json::from_str(raw).ok(),
        Some(b'-' | b'0'..=b'9') => Some(raw.to_string()),
        _ => None,
    }
}

fn read_string(json: &str, path: &[String], depth: usize) -> Result<String, RecordError> {
    let object = parse_object(json, &path[..depth].join("."), depth)?;
    let Some((_, value)) = object.iter().find(|(k, _)| *k == path[depth]) else {
        return Err(RecordError::MissingField {
            path: path[..=depth].join("."),
        });
    };
    if depth + 1 < path.len() {
        return read_string(value.get(), path, depth + 1);
    }
    serde_json::from_str(value.get()).map_err(|_| RecordError::NotString {
        path: path.join("."),
        found: describe(value.get()),
    })
}

/// The string at `path` in the object `json`, if there is one.
fn find_string(json: &str, path: &[String]) -> Option<String> {
    let object: raw_object::Object = serde_json::from_str(json).ok()?;
    let (_, value) = object.0.into_iter().find(|(k, _)| *k == path[0])?;
    if path.len() == 1 {
        serde_json::from_str(value.get()).ok()
    } else {
        find_string(value.get(), &path[1..])
    }
}

fn describe(raw: &str) -> &'static str {
    match raw.trim_start().as_bytes().first() {
        Some(b'n') => "null",
        Some(b't' | b'f') => "a boolean",
        Some(b'[') => "an array",
        Some(b'{') => "an object",
        Some(b'"') => "a string",
        _ => "a number",
    }
}

/// An object read as ordered (key, raw value) pairs, so values keep their bytes and
/// keys their order.
mod raw_object {
    use serde::de::{Deserialize, Deserializer, MapAccess, Visitor};
    use serde_json::value::RawValue;

    pub struct Object(pub Vec<(String, Box<RawValue>)>);

    impl<'de> Deserialize<'de> for Object {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            struct V;
            impl<'de> Visitor<'de> for V {
                type Value = Object;
                fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                    f.write_str("a JSON object")
                }
                fn visit_map<A: MapAccess<'de>>(self, mut a: A) -> Result<Object, A::Error> {
                    let mut v = Vec::new();
                    while let Some((k, raw)) = a.next_entry::<String, Box<RawValue>>()? {
                        v.push((k, raw));
                    }
                    Ok(Object(v))
                }
            }
            d.deserialize_map(V)
        }
    }
}

/// `text` as a JSON string, escaped exactly as `serde_json` escapes it (`\"`, `\\`,
/// the short escapes of `\b \f \n \r \t`, `\u00xx` for the other control
/// characters, nothing else): the cleaned text of every record is written so, and
/// serde_json's byte-by-byte table walk was 2% of cleaning. Eight bytes are tested at a
/// time for one that needs escaping, and the runs between them are copied whole.
fn json_string(text: &str) -> String {
    const LOW: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    // Whether any byte of `w` is below 0x20, a quote or a backslash (bytes of 0x80 and
    // above are never flagged: `HIGH & !w` clears them).
    let needs_escape = |w: u64| {
        let zero = |v: u64| v.wrapping_sub(LOW) & !v & HIGH;
        (w.wrapping_sub(LOW * 0x20)
            | zero(w ^ (LOW * u64::from(b'"')))
            | zero(w ^ (LOW * u64::from(b'\\'))))
            & !w
            & HIGH
            != 0
    };
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len() + 2 + text.len() / 16);
    out.push('"');
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        if i + 8 <= bytes.len() {
            let w = u64::from_le_bytes(bytes[i..i + 8].try_into().expect("eight bytes"));
            if !needs_escape(w) {
                i += 8;
                continue;
            }
        }
        let b = bytes[i];
        let escape: &str = match b {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            b'\n' => "\\n",
            b'\r' => "\\r",
            b'\t' => "\\t",
            0x08 => "\\b",
            0x0C => "\\f",
            0..=0x1F => "",
            _ => {
                i += 1;
                continue;
            }
        };
        out.push_str(&text[start..i]);
        if escape.is_empty() {
            const HEX: &[u8; 16] = b"0123456789abcdef";
            out.push_str("\\u00");
            out.push(char::from(HEX[usize::from(b >> 4)]));
            out.push(char::from(HEX[usize::from(b & 0xF)]));
        } else {
            out.push_str(escape);
        }
        i += 1;
        start = i;
    }
    out.push_str(&text[start..]);
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::RuleSet;

    fn run(line: &str, opts: &RecordOptions) -> Result<String, RecordError> {
        let cleaner = Cleaner::new(RuleSet::defaults().unwrap());
        clean_record(&cleaner, line.as_bytes(), opts).map(|o| o.line)
    }

    #[test]
    fn cleans_the_field_and_keeps_the_rest() {
        let opts = RecordOptions::new("text");
        let out = run(
            r#"{"id":"007","n":1.50,"text":"A story.\nRead more: X\n","z":{"a":[1, 2]}}"#,
            &opts,
        )
        .unwrap();
        assert_eq!(
            out,
            r#"{"id":"007","n":1.50,"text":"A story.\n","z":{"a":[1, 2]}}"#
        );
    }

    #[test]
    fn nested_field_and_annotation() {
        let mut opts = RecordOptions::new("doc.body");
        opts.clean = false;
        opts.annotate = Some("chaff".into());
        let out = run(r#"{"doc":{"body":"A.\nRead more: X"},"id":1}"#, &opts).unwrap();
        assert_eq!(
            out,
            r#"{"doc":{"body":"A.\nRead more: X"},"id":1,"chaff":[{"start":3,"end":15,"rule":"links.read-more","action":"drop-line"}]}"#
        );
    }

    #[test]
    fn ids_are_strings_or_numbers() {
        let path = |p: &str| p.split('.').map(str::to_string).collect::<Vec<_>>();
        assert_eq!(
            read_id(br#"{"id":"a/b","text":""}"#, &path("id")),
            Some("a/b".into())
        );
        assert_eq!(
            read_id(br#"{"id": 12,"text":""}"#, &path("id")),
            Some("12".into())
        );
        assert_eq!(
            read_id(br#"{"m":{"id":"x"}}"#, &path("m.id")),
            Some("x".into())
        );
        assert_eq!(read_id(br#"{"id":null}"#, &path("id")), None);
        assert_eq!(read_id(br#"{"text":"x"}"#, &path("id")), None);
    }

    #[test]
    fn bad_records() {
        let opts = RecordOptions::new("text");
        let err = |s: &str| run(s, &opts).unwrap_err().to_string();
        assert!(err("{\"text\": ").starts_with("not valid JSON: EOF while parsing"));
        assert_eq!(err("[1,2]"), "not a JSON object");
        assert_eq!(err(r#"{"body":"x"}"#), "no field `text`");
        assert_eq!(
            err(r#"{"text":5}"#),
            "field `text` holds a number, not a string"
        );
        assert_eq!(
            err(r#"{"text":null}"#),
            "field `text` holds null, not a string"
        );
        let nested = RecordOptions::new("a.b");
        assert_eq!(
            run(r#"{"a":"x"}"#, &nested).unwrap_err().to_string(),
            "`a` is not a JSON object"
        );
        let cleaner = Cleaner::new(RuleSet::defaults().unwrap());
        let e = clean_record(&cleaner, b"{\"text\":\"\xff\"}", &opts).unwrap_err();
        assert_eq!(e.to_string(), "invalid UTF-8 at byte 9 of the line");
    }
}

#[cfg(test)]
mod json_string_tests {
    use super::json_string;
    use proptest::prelude::*;

    #[test]
    fn escapes_as_serde_json_does() {
        let mut every: String = (0u32..0x300).filter_map(char::from_u32).collect();
        every.push_str("\u{2028}\u{2029}\u{7f}é😀\"\\");
        for text in [
            "",
            "plain",
            "a\"b\\c\nd\re\tf\u{8}g\u{c}h\u{1}i\u{1f}",
            "exactly8",
            "seven\"7",
            "twelve bytes\n",
            "«Qu’il pleuve» — 雨が降る\u{0}",
            every.as_str(),
        ] {
            assert_eq!(
                json_string(text),
                serde_json::to_string(text).unwrap(),
                "{text:?}"
            );
        }
    }

    proptest! {
        #[test]
        fn any_text_escapes_as_serde_json_does(text in "(?s).{0,200}") {
            prop_assert_eq!(json_string(&text), serde_json::to_string(&text).unwrap());
        }

        #[test]
        fn control_heavy_text_escapes_as_serde_json_does(text in "[\\x00-\\x7f]{0,64}") {
            prop_assert_eq!(json_string(&text), serde_json::to_string(&text).unwrap());
        }
    }
}
