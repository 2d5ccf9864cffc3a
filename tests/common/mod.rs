// Each test binary compiles this module and uses only part of it.
#![allow(dead_code)]

//! Helpers shared by the integration tests.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

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

/// Where the binary's standard output goes.
pub enum Stdout {
    /// Captured in the returned `Output`.
    Piped,
    /// A pipe whose reader is gone before anything is written (`chaff … | head`).
    Closed,
    /// A file, such as `/dev/full`.
    File(std::fs::File),
}

/// Run the binary with `args`, feeding `stdin` from a thread (so a large input cannot
/// deadlock against a full output pipe).
pub fn chaff(args: &[&str], stdin: &[u8]) -> Output {
    chaff_to(args, stdin, Stdout::Piped)
}

/// [`chaff`] with standard output sent to `stdout`.
pub fn chaff_to(args: &[&str], stdin: &[u8], stdout: Stdout) -> Output {
    let (out, closed) = match stdout {
        Stdout::Piped => (Stdio::piped(), false),
        Stdout::Closed => (Stdio::piped(), true),
        Stdout::File(f) => (Stdio::from(f), false),
    };
    let mut child = Command::new(env!("CARGO_BIN_EXE_chaff"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(out)
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    if closed {
        drop(child.stdout.take());
    }
    let mut input = child.stdin.take().unwrap();
    let data = stdin.to_vec();
    let feeder = std::thread::spawn(move || {
        let _ = input.write_all(&data);
    });
    let out = child.wait_with_output().unwrap();
    feeder.join().unwrap();
    out
}

pub fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// A scratch folder, removed when the test ends.
pub struct TempDir(PathBuf);

impl TempDir {
    pub fn new(name: &str) -> TempDir {
        let dir = std::env::temp_dir().join(format!("chaff-test-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        TempDir(dir)
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.0.join(name)
    }

    /// Write `content` to `name` in the folder; returns its path as a string.
    pub fn write(&self, name: &str, content: &str) -> String {
        let p = self.path(name);
        std::fs::write(&p, content).unwrap();
        p.to_str().unwrap().to_string()
    }

    pub fn to_str(&self) -> Option<&str> {
        self.0.to_str()
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}
