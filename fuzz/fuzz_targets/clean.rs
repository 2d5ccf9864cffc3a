//! Any bytes, read lossily, through the default rules: no panic, edits that apply, and
//! cleaning the output again changes nothing.
#![no_main]

use std::sync::LazyLock;

use chaff::{Cleaner, RuleSet, apply_edits};
use libfuzzer_sys::fuzz_target;

static CLEANER: LazyLock<Cleaner> =
    LazyLock::new(|| Cleaner::new(RuleSet::defaults().expect("the default rules load")));

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let cleaned = CLEANER.clean(&text);
    let out = cleaned.text();
    assert_eq!(apply_edits(&text, &cleaned.edits()), out, "edits do not apply");
    assert_eq!(CLEANER.clean(&out).text(), out, "not idempotent");
});
