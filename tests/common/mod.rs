// Each test binary compiles this module and uses only part of it.
#![allow(dead_code)]

//! Helpers shared by the integration tests.

use std::path::{Path, PathBuf};

use chaff::{Cleaner, RuleSet};

pub fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

pub fn cleaner() -> Cleaner {
    Cleaner::new(RuleSet::defaults().expect("the default rules load"))
}

/// The corpus documents, sorted by name.
pub fn corpus() -> Vec<PathBuf> {
    let mut docs: Vec<PathBuf> = std::fs::read_dir(root().join("tests/corpus"))
        .expect("tests/corpus exists")
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    docs.sort();
    assert!(
        docs.len() >= 25,
        "the corpus holds {} documents",
        docs.len()
    );
    docs
}

pub fn stem(path: &Path) -> String {
    path.file_stem().unwrap().to_string_lossy().into_owned()
}
