//! Any text as a rule file: it loads, or the error names the file and a line and column
//! inside it.
#![no_main]

use chaff::{RuleSet, Source};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let source = Source {
        name: "fuzz.toml".into(),
        text: text.to_string(),
    };
    if let Err(e) = RuleSet::default().add_source(&source) {
        let (line, col) = e.position.expect("a rule file error has a position");
        assert!(line >= 1 && line <= text.split('\n').count(), "{e}");
        assert!(col >= 1, "{e}");
        let _ = e.to_string();
    }
});
