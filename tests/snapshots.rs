//! One snapshot of the cleaned text and one of the `--explain` view per corpus document,
//! in the top-level `snapshots/`, and the properties every document must keep.
//!
//! insta ignores trailing whitespace and line endings when it compares, so the cleaned
//! text is rendered with those made visible: trailing spaces as `·`, trailing tabs as
//! `⇥`, carriage returns as `␍`, and a missing final newline as a closing marker.

mod common;

use std::collections::BTreeSet;

fn settings() -> insta::Settings {
    let mut s = insta::Settings::clone_current();
    s.set_snapshot_path(common::root().join("snapshots"));
    s.set_prepend_module_to_snapshot(false);
    s
}

fn visible(text: &str) -> String {
    let mut out = String::new();
    for line in text.split_inclusive('\n') {
        let (body, nl) = match line.strip_suffix('\n') {
            Some(b) => (b, "\n"),
            None => (line, ""),
        };
        let (body, cr) = match body.strip_suffix('\r') {
            Some(b) => (b, "␍"),
            None => (body, ""),
        };
        let content = body.trim_end_matches([' ', '\t']);
        out.push_str(content);
        for c in body[content.len()..].chars() {
            out.push(if c == '\t' { '⇥' } else { '·' });
        }
        out.push_str(cr);
        out.push_str(nl);
    }
    if !text.is_empty() && !text.ends_with('\n') {
        out.push_str("⟨no final newline⟩\n");
    }
    out
}

#[test]
fn corpus_snapshots() {
    let cleaner = common::cleaner();
    let settings = settings();
    for path in common::corpus() {
        let input = std::fs::read_to_string(&path).unwrap();
        let cleaned = cleaner.clean(&input);
        let text = cleaned.text();
        let name = common::stem(&path);
        settings.bind(|| {
            insta::assert_snapshot!(format!("{name}.clean"), visible(&text));
            insta::assert_snapshot!(
                format!("{name}.explain"),
                chaff::explain(&cleaned, cleaner.rules())
            );
        });
    }
}

#[test]
fn cleaning_is_idempotent() {
    let cleaner = common::cleaner();
    for path in common::corpus() {
        let input = std::fs::read_to_string(&path).unwrap();
        let once = cleaner.clean(&input).text();
        let twice = cleaner.clean(&once).text();
        assert!(
            once == twice,
            "{}: cleaning the output changed it\n--- once\n{once}\n--- twice\n{twice}",
            path.display()
        );
    }
}

#[test]
fn output_lines_come_from_the_input_in_order() {
    let cleaner = common::cleaner();
    for path in common::corpus() {
        let input = std::fs::read_to_string(&path).unwrap();
        let cleaned = cleaner.clean(&input);
        let out = cleaned.text();
        let ending = if input.contains("\r\n") { "\r\n" } else { "\n" };
        assert!(
            out.is_empty() || out.ends_with(ending),
            "{}",
            path.display()
        );
        assert!(
            !out.starts_with(ending),
            "{}: leading blank line",
            path.display()
        );
        assert!(
            !out.contains(&ending.repeat(3)),
            "{}: blank lines not folded",
            path.display()
        );
        // Every kept line is a whole input line, or one with cut spans (explained as such).
        let mut pos = 0;
        for line in out.split(ending).filter(|l| !l.is_empty()) {
            match input[pos..].find(line) {
                Some(at) => pos += at + line.len(),
                None => {
                    let cut = cleaned
                        .fates
                        .iter()
                        .any(|f| matches!(f, chaff::Fate::Cut(_)));
                    assert!(
                        cut,
                        "{}: output line not in the input in order: {line:?}",
                        path.display()
                    );
                }
            }
        }
    }
}

#[test]
fn crlf_cleans_like_lf() {
    let cleaner = common::cleaner();
    for path in common::corpus() {
        let input = std::fs::read_to_string(&path).unwrap();
        if input.contains('\r') {
            continue;
        }
        let lf = cleaner.clean(&input).text();
        let crlf = cleaner.clean(&input.replace('\n', "\r\n")).text();
        assert_eq!(crlf, lf.replace('\n', "\r\n"), "{}", path.display());
    }
}

#[test]
fn no_snapshot_without_its_document() {
    let docs: BTreeSet<String> = common::corpus().iter().map(|p| common::stem(p)).collect();
    for entry in std::fs::read_dir(common::root().join("snapshots")).unwrap() {
        let entry = entry.unwrap();
        if entry.file_type().unwrap().is_dir() {
            continue; // other tests' snapshots (snapshots/review/)
        }
        let file = entry.file_name().to_string_lossy().into_owned();
        let doc = file
            .strip_suffix(".clean.snap")
            .or_else(|| file.strip_suffix(".explain.snap"))
            .unwrap_or_else(|| panic!("snapshots/{file}: not a snapshot of a corpus document"));
        assert!(
            docs.contains(doc),
            "snapshots/{file}: its document tests/corpus/{doc}.txt is gone; delete the snapshot"
        );
    }
}
