//! A rule file and a text from one input (split at the first NUL), with no default
//! rules: a file that loads cleans the text without panicking, with edits that apply.
#![no_main]

use chaff::{Cleaner, RuleSet, Source, apply_edits};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let split = data.iter().position(|&b| b == 0).unwrap_or(data.len());
    let rules = String::from_utf8_lossy(&data[..split]);
    let text = String::from_utf8_lossy(data.get(split + 1..).unwrap_or_default());
    let mut set = RuleSet::default();
    let source = Source {
        name: "fuzz.toml".into(),
        text: rules.into_owned(),
    };
    if set.add_source(&source).is_err() {
        return;
    }
    let cleaner = Cleaner::new(set);
    let cleaned = cleaner.clean(&text);
    assert_eq!(apply_edits(&text, &cleaned.edits()), cleaned.text());
});
