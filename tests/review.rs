//! `chaff snapshot` and `chaff diff`: reviewing a rule change on a corpus.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use common::{TempDir, chaff, root, text};

/// Every file under `dir` with its bytes, by relative path.
fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<String, Vec<u8>>) {
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                walk(root, &p, out);
            } else {
                let rel = p.strip_prefix(root).unwrap().to_string_lossy().into_owned();
                out.insert(rel, std::fs::read(&p).unwrap());
            }
        }
    }
    let mut out = BTreeMap::new();
    if dir.exists() {
        walk(dir, dir, &mut out);
    }
    out
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// A small corpus of text files in `tmp/corpus`.
fn corpus(tmp: &TempDir) -> PathBuf {
    let dir = tmp.path("corpus");
    std::fs::create_dir_all(dir.join("news")).unwrap();
    std::fs::write(
        dir.join("news/a.txt"),
        "The council met on Monday to vote on the budget.\nRead more: Another story\nIt passed.\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("b.txt"),
        "A quiet story with nothing to remove, told in one sentence.\n",
    )
    .unwrap();
    dir
}

#[test]
fn snapshot_update_then_check_then_a_rule_change() {
    let tmp = TempDir::new("snap-cycle");
    let corpus = corpus(&tmp);
    let snaps = tmp.path("snaps");
    let args = ["snapshot", "--corpus", s(&corpus), "--dir", s(&snaps)];

    let out = chaff(&args, b"");
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let files = tree(&snaps);
    assert_eq!(
        files.keys().collect::<Vec<_>>(),
        ["b.txt.snap", "manifest.txt", "news/a.txt.snap"]
    );
    assert_eq!(
        text(&files["news/a.txt.snap"]),
        "# chaff snapshot: news/a.txt\n\
         \x20   1 keep | The council met on Monday to vote on the budget.\n\
         \x20   2 drop links.read-more | Read more: Another story\n\
         \x20   3 keep | It passed.\n\
         -- 3 lines: 1 dropped, 0 spans cut\n"
    );

    // Up to date: --check passes and writes nothing.
    let check = [&args[..], &["--check"]].concat();
    let out = chaff(&check, b"");
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stdout));
    assert!(text(&out.stdout).contains("2 documents, 2 unchanged; 0 would change"));

    // A rule change: --check fails, names the document and the rule, writes nothing.
    let changed = [&check[..], &["--disable", "links.read-more"]].concat();
    let out = chaff(&changed, b"");
    assert_eq!(out.status.code(), Some(1));
    let report = text(&out.stdout);
    assert!(
        report.contains("1 would change: 1 changed, 0 missing, 0 orphaned"),
        "{report}"
    );
    assert!(
        report.contains("changed   news/a.txt.snap: 1 line changed fate"),
        "{report}"
    );
    assert!(report.contains("links.read-more  +0 −1"), "{report}");
    assert!(report.contains("manifest  rules fingerprint"), "{report}");
    assert_eq!(tree(&snaps), files, "--check wrote something");

    // --update accepts it: only the changed document and the manifest differ.
    let update = [&args[..], &["--update", "--disable", "links.read-more"]].concat();
    assert_eq!(chaff(&update, b"").status.code(), Some(0));
    let after = tree(&snaps);
    let differ: Vec<&String> = after.keys().filter(|k| after[*k] != files[*k]).collect();
    assert_eq!(differ, ["manifest.txt", "news/a.txt.snap"]);
    assert!(text(&after["news/a.txt.snap"]).contains("    2 keep | Read more: Another story\n"));
    let out = chaff(&[&changed[..]].concat(), b"");
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stdout));
}

#[test]
fn orphans_and_missing_snapshots() {
    let tmp = TempDir::new("snap-orphans");
    let corpus = corpus(&tmp);
    let snaps = tmp.path("snaps");
    let args = ["snapshot", "--corpus", s(&corpus), "--dir", s(&snaps)];
    assert_eq!(chaff(&args, b"").status.code(), Some(0));

    std::fs::remove_file(corpus.join("news/a.txt")).unwrap();
    std::fs::write(corpus.join("c.txt"), "A new document.\n").unwrap();
    let out = chaff(&[&args[..], &["--check"]].concat(), b"");
    assert_eq!(out.status.code(), Some(1));
    let report = text(&out.stdout);
    assert!(report.contains("missing   c.txt.snap"), "{report}");
    assert!(report.contains("orphaned  news/a.txt.snap"), "{report}");

    assert_eq!(chaff(&args, b"").status.code(), Some(0));
    let files = tree(&snaps);
    assert_eq!(
        files.keys().collect::<Vec<_>>(),
        ["b.txt.snap", "c.txt.snap", "manifest.txt"],
        "the orphan and its empty folder are gone"
    );
    assert!(!snaps.join("news").exists());
}

#[test]
fn a_new_rule_file_that_changes_nothing_still_makes_the_manifest_stale() {
    let tmp = TempDir::new("snap-fingerprint");
    let corpus = corpus(&tmp);
    let snaps = tmp.path("snaps");
    let args = ["snapshot", "--corpus", s(&corpus), "--dir", s(&snaps)];
    assert_eq!(chaff(&args, b"").status.code(), Some(0));
    let rules = tmp.write(
        "extra.toml",
        "[[rule]]\nid = \"x.never\"\ndescription = \"Never fires.\"\nphrases = [\"zzqx never here\"]\naction = \"drop-line\"\n",
    );
    let out = chaff(&[&args[..], &["--check", "--rules", &rules]].concat(), b"");
    assert_eq!(out.status.code(), Some(1));
    let report = text(&out.stdout);
    assert!(
        report.contains("2 documents, 2 unchanged; 0 would change"),
        "{report}"
    );
    assert!(report.contains("manifest  rules fingerprint"), "{report}");
}

#[test]
fn jsonl_records_are_named_by_id_and_output_does_not_depend_on_threads() {
    let tmp = TempDir::new("snap-jsonl");
    let mut lines = String::new();
    for i in 0..40 {
        lines.push_str(&format!(
            "{{\"id\":\"doc/{i} x\",\"text\":\"Story {i} is a long enough sentence to keep.\\nRead more: Other {i}\\n\"}}\n"
        ));
    }
    lines.push_str("{\"id\":7,\"text\":\"Seven.\"}\n");
    let jsonl = tmp.write("pages.jsonl", &lines);
    let mut trees = Vec::new();
    for j in ["1", "2", "5"] {
        let dir = tmp.path(&format!("snaps-{j}"));
        let out = chaff(
            &[
                "snapshot",
                "--jsonl",
                "-j",
                j,
                "--corpus",
                &jsonl,
                "--dir",
                s(&dir),
            ],
            b"",
        );
        assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
        trees.push(tree(&dir));
    }
    assert_eq!(trees[0], trees[1]);
    assert_eq!(trees[0], trees[2]);
    let names: Vec<&String> = trees[0].keys().collect();
    assert_eq!(names.len(), 42);
    assert!(names.contains(&&"pages/7.snap".to_string()));
    // An id that is no plain file name keeps its safe characters and gains a hash.
    assert!(
        names
            .iter()
            .any(|n| n.starts_with("pages/doc_0_x-") && n.ends_with(".snap")),
        "{names:?}"
    );
}

/// Run chaff on `args`; it must exit with `code` and say `needle` on standard error.
fn fails_with(args: &[&str], code: i32, needle: &str) {
    let out = chaff(args, b"");
    let err = text(&out.stderr);
    assert_eq!(out.status.code(), Some(code), "{err}");
    assert!(err.contains(needle), "{err}");
}

#[test]
fn bad_inputs_have_clear_errors() {
    let tmp = TempDir::new("snap-bad");
    let snaps = tmp.path("snaps");
    let snap = |corpus: &str, dir: &Path, extra: &[&str]| -> Vec<String> {
        let mut args = vec!["snapshot".to_string()];
        args.extend(extra.iter().map(|a| a.to_string()));
        args.extend([
            "--corpus".into(),
            corpus.into(),
            "--dir".into(),
            s(dir).into(),
        ]);
        args
    };
    let run = |args: Vec<String>, code: i32, needle: &str| {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        fails_with(&args, code, needle);
    };

    run(
        snap("/no/such/corpus", &snaps, &[]),
        1,
        "chaff: /no/such/corpus: cannot read corpus:",
    );

    let jsonl = tmp.write(
        "p.jsonl",
        "{\"id\":\"a\",\"text\":\"A.\"}\n{\"text\":\"B.\"}\n",
    );
    let out = chaff(
        &[
            "snapshot",
            "--jsonl",
            "--corpus",
            &jsonl,
            "--dir",
            s(&snaps),
        ],
        b"",
    );
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        text(&out.stderr),
        format!(
            "chaff: {jsonl}:2: the record has no id at `id` (a string or a number) to name its \
             snapshot; pass --id-field to name the field that has one\n"
        )
    );

    let dup = tmp.write(
        "d.jsonl",
        "{\"id\":\"a\",\"text\":\"A.\"}\n{\"id\":\"a\",\"text\":\"B.\"}\n",
    );
    run(
        snap(&dup, &snaps, &["--jsonl"]),
        1,
        ":2: its document name `d/a` is taken by",
    );

    // --dir that is a file, and a folder holding another tool's .snap files.
    let file = tmp.write("not-a-dir", "x");
    let corpus = corpus(&tmp);
    run(
        snap(s(&corpus), Path::new(&file), &[]),
        2,
        "--dir is not a folder",
    );
    let foreign = tmp.path("foreign");
    std::fs::create_dir_all(&foreign).unwrap();
    std::fs::write(
        foreign.join("x.snap"),
        "---\nsource: tests/snapshots.rs\n---\n",
    )
    .unwrap();
    run(
        snap(s(&corpus), &foreign, &[]),
        1,
        "x.snap: not a chaff snapshot",
    );
    assert!(
        foreign.join("x.snap").exists(),
        "a foreign file is never removed"
    );

    // An unreadable snapshot: a folder where a snapshot file should be.
    let snaps2 = tmp.path("snaps2");
    std::fs::create_dir_all(snaps2.join("b.txt.snap")).unwrap();
    run(
        snap(s(&corpus), &snaps2, &["--check"]),
        1,
        "b.txt.snap: cannot read snapshot",
    );
}

#[test]
fn the_example_snapshots_are_up_to_date() {
    // The worked example in the README: examples/snapshots is what chaff's default rules
    // and examples/rules make of examples/corpus. A rule change that changes them shows
    // here; `chaff snapshot --update` with the same arguments accepts it.
    let ex = root().join("examples");
    let out = chaff(
        &[
            "snapshot",
            "--check",
            "--rules",
            s(&ex.join("rules")),
            "--corpus",
            s(&ex.join("corpus")),
            "--dir",
            s(&ex.join("snapshots")),
        ],
        b"",
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}{}",
        text(&out.stdout),
        text(&out.stderr)
    );
}

/// A JSONL corpus from the test corpus documents, with ids.
fn corpus_jsonl(tmp: &TempDir) -> String {
    let mut lines = String::new();
    for doc in common::corpus() {
        let text = std::fs::read_to_string(&doc).unwrap();
        let value = serde_json::json!({"id": common::stem(&doc), "text": text});
        lines.push_str(&value.to_string());
        lines.push('\n');
    }
    tmp.write("corpus.jsonl", &lines)
}

fn stats(args: &[&str], jsonl: &str, tmp: &TempDir, name: &str) -> serde_json::Value {
    let path = tmp.path(name);
    let out = chaff(
        &[
            args,
            &[
                "--jsonl",
                "-q",
                "--stats",
                s(&path),
                "-o",
                s(&tmp.path("out.jsonl")),
                jsonl,
            ],
        ]
        .concat(),
        b"",
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap()
}

#[test]
fn diff_totals_equal_two_separate_runs() {
    let tmp = TempDir::new("diff-totals");
    let jsonl = corpus_jsonl(&tmp);
    let base = stats(&[], &jsonl, &tmp, "base.json");
    let new = stats(&["--disable", "comments.*"], &jsonl, &tmp, "new.json");
    let out = chaff(
        &[
            "diff",
            "--jsonl",
            "--format",
            "json",
            "--disable",
            "comments.*",
            &jsonl,
        ],
        b"",
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["documents"], base["documents"]);
    assert_eq!(report["bytes"], base["text_bytes_in"]);
    let removed = |stats: &serde_json::Value| {
        stats["text_bytes_in"].as_u64().unwrap() - stats["text_bytes_out"].as_u64().unwrap()
    };
    let rule_bytes = |stats: &serde_json::Value| -> u64 {
        stats["rules"]
            .as_object()
            .unwrap()
            .values()
            .map(|r| r["bytes"].as_u64().unwrap())
            .sum()
    };
    assert_eq!(
        report["bytes_removed"]["base"].as_u64().unwrap(),
        rule_bytes(&base)
    );
    assert_eq!(
        report["bytes_removed"]["new"].as_u64().unwrap(),
        rule_bytes(&new)
    );
    assert!(
        removed(&base) > removed(&new),
        "disabling comment rules keeps more text"
    );
    // Per rule, lines and bytes match each run's stats.
    for (which, stats) in [("base", &base), ("new", &new)] {
        let rules = report["rules"].as_object().unwrap();
        for (id, r) in rules {
            let (lines, bytes) = match stats["rules"].get(id) {
                Some(s) => (s["lines"].as_u64().unwrap(), s["bytes"].as_u64().unwrap()),
                None => (0, 0),
            };
            assert_eq!(
                r[format!("{which}_lines")].as_u64().unwrap(),
                lines,
                "{which} {id}"
            );
            assert_eq!(
                r[format!("{which}_bytes")].as_u64().unwrap(),
                bytes,
                "{which} {id}"
            );
        }
        for id in stats["rules"].as_object().unwrap().keys() {
            assert!(rules.contains_key(id), "{id} missing from the report");
        }
    }
    assert!(report["documents_changed"].as_u64().unwrap() > 0);
    // One thread or three: the same report.
    let one = chaff(
        &[
            "diff",
            "--jsonl",
            "-j",
            "1",
            "--format",
            "json",
            "--disable",
            "comments.*",
            &jsonl,
        ],
        b"",
    );
    let three = chaff(
        &[
            "diff",
            "--jsonl",
            "-j",
            "3",
            "--format",
            "json",
            "--disable",
            "comments.*",
            &jsonl,
        ],
        b"",
    );
    assert_eq!(one.stdout, out.stdout);
    assert_eq!(three.stdout, out.stdout);
}

#[test]
fn diff_gates_set_the_exit_code() {
    let tmp = TempDir::new("diff-gates");
    let doc = tmp.write("only-chaff.txt", "Read more: Another story\n");
    let no_rules = tmp.write(
        "none.toml",
        "[[rule]]\nid = \"x.never\"\ndescription = \"Never fires.\"\nphrases = [\"zzqx never here\"]\naction = \"drop-line\"\n",
    );
    // The base keeps the line (no default rules), the new rules empty the document.
    let base = ["--base-no-default-rules", "--base-rules", &no_rules];
    let out = chaff(
        &[&["diff"], &base[..], &["--fail-on-emptied", &doc]].concat(),
        b"",
    );
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        text(&out.stderr),
        "chaff diff: gate tripped: 1 document newly emptied (--fail-on-emptied)\n"
    );
    let report = text(&out.stdout);
    assert!(report.contains("newly emptied: only-chaff.txt"), "{report}");
    assert!(
        report.contains("-Read more: Another story  # dropped by links.read-more"),
        "{report}"
    );
    let out = chaff(
        &[
            &["diff"],
            &base[..],
            &["--fail-on-removed-share", "0.5", &doc],
        ]
        .concat(),
        b"",
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("above 50.000% (--fail-on-removed-share)"));
    // Same rules on both sides: no gate trips.
    let out = chaff(
        &[
            "diff",
            "--fail-on-emptied",
            "--fail-on-removed-share",
            "0",
            &doc,
        ],
        b"",
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    // Usage errors exit 2.
    let out = chaff(&["diff", "--fail-on-removed-share", "2", &doc], b"");
    assert_eq!(out.status.code(), Some(2));
    let out = chaff(&["diff", "--base-disable", "no.such.rule", &doc], b"");
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("base rules: error: no rule id matches `no.such.rule`"));
}

#[test]
fn diff_markdown_report_of_the_example() {
    let ex = root().join("examples");
    let out = chaff(
        &[
            "diff",
            "--rules",
            s(&ex.join("rules")),
            "--format",
            "markdown",
            s(&ex.join("corpus")),
        ],
        b"",
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path(root().join("snapshots/review"));
    settings.set_prepend_module_to_snapshot(false);
    settings.bind(|| insta::assert_snapshot!("diff_example_markdown", text(&out.stdout)));
}
