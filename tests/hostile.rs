//! Hostile input and broken environments through the binary: write errors, closed pipes,
//! half-written outputs, rule files built to exhaust the regex engine, rules that remove
//! everything, and the exit codes the README promises. Each test shows the exact message.

mod common;

use std::fs::File;
use std::path::Path;
use std::process::Output;

use common::{Stdout, TempDir, chaff, chaff_to, root, text};

const FULL: &str = "/dev/full";

/// Run the binary with standard output going to `/dev/full` (every write fails with
/// ENOSPC, like a full disk). `None` where the system has no such device.
fn into_full_disk(args: &[&str], stdin: &[u8]) -> Option<Output> {
    let full = File::create(FULL).ok()?;
    Some(chaff_to(args, stdin, Stdout::File(full)))
}

fn learn_corpus() -> String {
    (0..6)
        .map(|i| {
            format!(
                "{{\"url\":\"https://example.com/{i}\",\"text\":\"Article {i} has text of its own.\\nSubscribe to the Example Gazette\"}}\n"
            )
        })
        .collect()
}

const ENOSPC: &str = "No space left on device (os error 28)";

#[test]
fn a_full_disk_on_standard_output_is_an_error_in_every_mode() {
    let page = std::fs::read(&common::corpus()[0]).unwrap();
    let jsonl = b"{\"text\":\"A sentence of an article.\"}\n".repeat(10);
    let learn = learn_corpus();
    let cases: [(&[&str], &[u8]); 5] = [
        (&[], &page),
        (&["--explain"], &page),
        (&["--jsonl", "-j2"], &jsonl),
        (&["rules", "list"], b""),
        (&["learn", "-q"], learn.as_bytes()),
    ];
    for (args, stdin) in cases {
        let Some(out) = into_full_disk(args, stdin) else {
            return;
        };
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        assert_eq!(
            text(&out.stderr),
            format!("chaff: cannot write output: {ENOSPC}\n"),
            "{args:?}"
        );
    }
}

#[test]
fn a_full_disk_on_an_output_file_is_an_error() {
    if !Path::new(FULL).exists() {
        return;
    }
    let out = chaff(
        &["--jsonl", "-o", FULL],
        b"{\"text\":\"A sentence of an article.\"}\n",
    );
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        text(&out.stderr),
        format!("chaff: cannot write output: {ENOSPC}\n")
    );
    let learn = learn_corpus();
    let out = chaff(&["learn", "-q", "-o", FULL], learn.as_bytes());
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        text(&out.stderr),
        format!("chaff: {FULL}: cannot write: {ENOSPC}\n")
    );
    // Written in place, not replaced by a renamed temporary file.
    let meta = std::fs::symlink_metadata(FULL).unwrap();
    assert!(!meta.is_file(), "{FULL} was replaced by a regular file");
}

#[test]
fn a_closed_pipe_ends_jsonl_mode_quietly() {
    let big = b"{\"text\":\"A line of text that stays in the output.\"}\n".repeat(50_000);
    let out = chaff_to(&["--jsonl", "-j2"], &big, Stdout::Closed);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(text(&out.stderr), "");
}

#[test]
fn a_failed_run_leaves_no_half_written_output() {
    let dir = TempDir::new("half-written");
    let dest = dir.path("clean.jsonl");
    std::fs::write(&dest, "the previous run's output\n").unwrap();
    let out = chaff(
        &["--jsonl", "-o", dest.to_str().unwrap()],
        b"{\"text\":\"kept\"}\noops\n",
    );
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        text(&out.stderr),
        "chaff: <stdin>: line 2: not valid JSON: expected value at line 1 column 1; \
         pass --on-error skip or keep to go on past bad records\n"
    );
    // The old file is untouched and no temporary file is left beside it.
    assert_eq!(
        std::fs::read_to_string(&dest).unwrap(),
        "the previous run's output\n"
    );
    let left: Vec<_> = std::fs::read_dir(dir.path(""))
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(left, ["clean.jsonl"]);

    // --out-dir: the files before the bad one are written whole, the bad one not at all.
    let src = dir.path("src");
    std::fs::create_dir_all(&src).unwrap();
    std::fs::write(src.join("a.txt"), "A paragraph of an article.\n").unwrap();
    std::fs::write(src.join("b.txt"), b"Bytes that are not \xff UTF-8.\n").unwrap();
    let dst = dir.path("dst");
    let out = chaff(
        &[
            "--out-dir",
            dst.to_str().unwrap(),
            src.join("a.txt").to_str().unwrap(),
            src.join("b.txt").to_str().unwrap(),
        ],
        b"",
    );
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        text(&out.stderr),
        format!(
            "chaff: {}: invalid UTF-8 at byte 19 (line 1); pass --lossy to replace invalid bytes with U+FFFD\n",
            src.join("b.txt").display()
        )
    );
    let mut written: Vec<_> = std::fs::read_dir(&dst)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    written.sort();
    assert_eq!(written, ["a.txt"]);
    assert_eq!(
        std::fs::read_to_string(dst.join("a.txt")).unwrap(),
        "A paragraph of an article.\n"
    );
}

fn rule_file(dir: &TempDir, pattern: &str) -> String {
    dir.write(
        "hostile.toml",
        &format!(
            "[[rule]]\nid = \"site.hostile\"\ndescription = \"A hostile pattern.\"\naction = \"drop-line\"\npattern = '{pattern}'\n"
        ),
    )
}

#[test]
fn a_regex_that_compiles_too_big_is_a_rule_error() {
    let dir = TempDir::new("regex-size");
    let path = rule_file(&dir, r"(?:\w{100}){100}");
    let out = chaff(&["--rules", &path], b"text\n");
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        text(&out.stderr),
        format!(
            "chaff: error in rule `site.hostile`: regex compiles to more than 2097152 bytes\n  \
             --> {path}:5:11\n  |\n5 | pattern = '(?:\\w{{100}}){{100}}'\n  |           \
             ^^^^^^^^^^^^^^^^^^\n  = help: split the pattern into smaller rules or use \
             `phrases` for literal lists\n"
        )
    );
}

#[test]
fn a_regex_nested_too_deep_is_a_rule_error() {
    let dir = TempDir::new("regex-nest");
    let pattern = format!("{}a{}", "(".repeat(300), ")".repeat(300));
    let path = rule_file(&dir, &pattern);
    let out = chaff(&["rules", "check", "--no-default-rules", &path], b"");
    assert_eq!(out.status.code(), Some(2));
    let err = text(&out.stderr);
    assert!(
        err.starts_with(&format!(
            "chaff: error in rule `site.hostile`: invalid regex: exceed the maximum number of \
             nested parentheses/brackets (250)\n  --> {path}:5:262\n"
        )),
        "{err}"
    );
}

#[test]
fn a_backtracking_pattern_stays_linear() {
    // Catastrophic for a backtracking engine: (a|aa)*b on a long run of a's with no b.
    // The regex crate's automata take time linear in the line, so this ends at once.
    let dir = TempDir::new("redos");
    let path = rule_file(&dir, "(a|aa)*b");
    let line = format!("{}\n", "a".repeat(200_000));
    let out = chaff(&["--no-default-rules", "--rules", &path], line.as_bytes());
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(out.stdout, line.as_bytes());
}

#[test]
fn a_rule_set_that_removes_everything_is_visible() {
    let dir = TempDir::new("remove-all");
    let path = rule_file(&dir, ".+");
    let page = "A title\n\nThe first paragraph.\nThe second paragraph.\n";
    let out = chaff(&["--rules", &path], page.as_bytes());
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(text(&out.stdout), "");
    assert_eq!(
        text(&out.stderr),
        "chaff: warning: <stdin>: every line was removed, by site.hostile (3); run with \
         --explain to see why, or --disable a rule that matches too much\n"
    );
    // -q silences it; --stats counts emptied documents in JSONL mode.
    let out = chaff(&["-q", "--rules", &path], page.as_bytes());
    assert_eq!(text(&out.stderr), "");
    let stats = dir.path("stats.json");
    let records = "{\"text\":\"One line.\"}\n{\"text\":\"\"}\n{\"text\":\"Two\\nlines.\"}\n";
    let out = chaff(
        &[
            "--jsonl",
            "--rules",
            &path,
            "--stats",
            stats.to_str().unwrap(),
        ],
        records.as_bytes(),
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&stats).unwrap()).unwrap();
    assert_eq!(json["documents"], 3);
    assert_eq!(json["documents_emptied"], 2);
}

#[test]
fn hostile_bytes_through_the_binary() {
    // NUL, lone CR, BOM, form feed, zero-width and bidi marks, a 10,000-character line,
    // mixed scripts, and bytes that are not UTF-8.
    let mut input = Vec::new();
    input.extend_from_slice("\u{feff}Title\r\n".as_bytes());
    input.extend_from_slice(b"nul\0byte\rlone CR\x0cform feed\n");
    input.extend_from_slice(
        "zero\u{200b}width \u{202e}bidi\u{202c} 日本語 русский عربى\n".as_bytes(),
    );
    input.extend_from_slice("x".repeat(10_000).as_bytes());
    input.extend_from_slice(b"\n\xff\xfe not UTF-8\n");
    let out = chaff(&["--lossy"], &input);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let again = chaff(&[], &out.stdout);
    assert_eq!(again.stdout, out.stdout, "not idempotent");
    let out = chaff(&[], &input);
    assert_eq!(out.status.code(), Some(1));
    let at = input.len() - b"\xff\xfe not UTF-8\n".len();
    assert_eq!(
        text(&out.stderr),
        format!(
            "chaff: <stdin>: invalid UTF-8 at byte {at} (line 5); pass --lossy to replace invalid bytes with U+FFFD\n"
        )
    );
}

/// The README's exit-code table lists exactly the codes the binary uses, and each one
/// is what the binary returns for a case the table names.
#[test]
fn exit_codes_match_the_readme() {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let table = readme
        .split("### Exit codes")
        .nth(1)
        .expect("the README has an exit-code section");
    let codes: Vec<&str> = table
        .lines()
        .skip_while(|l| !l.starts_with("| code"))
        .skip(2)
        .take_while(|l| l.starts_with('|'))
        .map(|l| l.trim_start_matches('|').split('|').next().unwrap().trim())
        .collect();
    assert_eq!(codes, ["0", "1", "2"]);

    let dir = TempDir::new("exit-codes");
    let bad_rules = dir.write("bad.toml", "[[rule]]\nid = 3\n");
    let failing = dir.write(
        "failing.toml",
        "[[rule]]\nid = \"site.x\"\ndescription = \"x\"\naction = \"drop-line\"\nphrases = [\"Hello\"]\n\
         [[rule.example]]\ninput = \"Hello\"\n",
    );
    let missing = dir.path("missing.txt");
    let cases: [(&[&str], &[u8], i32); 8] = [
        (&[], b"text\n", 0),
        (&["rules", "test"], b"", 0),
        (&[missing.to_str().unwrap()], b"", 1),
        (&[], b"\xff\n", 1),
        (&["--jsonl"], b"[1]\n", 1),
        (&["rules", "test", &failing], b"", 1),
        (&["--no-such-flag"], b"", 2),
        (&["--rules", &bad_rules], b"text\n", 2),
    ];
    for (args, stdin, code) in cases {
        let out = chaff(args, stdin);
        assert_eq!(
            out.status.code(),
            Some(code),
            "{args:?}: {}",
            text(&out.stderr)
        );
    }
}
