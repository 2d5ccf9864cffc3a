//! The binary: exit codes, error messages, pipes, rule options and subcommands.

mod common;

use common::{Stdout, TempDir, chaff, chaff_to, text};

const DOC: &[u8] = b"A story.\nRead more: Another story\n\n\nThe end.";

#[test]
fn filters_stdin() {
    let out = chaff(&[], DOC);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(text(&out.stdout), "A story.\n\nThe end.\n");
}

#[test]
fn keeps_crlf() {
    let out = chaff(
        &["-"],
        b"A story.\r\nRead more: Another story\r\nThe end.\r\n",
    );
    assert_eq!(text(&out.stdout), "A story.\r\nThe end.\r\n");
}

#[test]
fn invalid_utf8_names_the_byte_and_suggests_lossy() {
    let out = chaff(&[], b"ok\nbad \xff byte\n");
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        text(&out.stderr),
        "chaff: <stdin>: invalid UTF-8 at byte 7 (line 2); pass --lossy to replace invalid bytes with U+FFFD\n"
    );
    let out = chaff(&["--lossy"], b"ok\nbad \xff byte\n");
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(text(&out.stdout), "ok\nbad \u{fffd} byte\n");
}

#[test]
fn missing_file_is_bad_input() {
    let out = chaff(&["/no/such/file.txt"], b"");
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).starts_with("chaff: /no/such/file.txt: cannot read:"));
}

#[test]
fn explain_shows_rule_and_span() {
    let out = chaff(
        &["--explain"],
        b"SEE ALSOOrban at Zelensky's\nText.\nRead more: X\n",
    );
    let shown = text(&out.stdout);
    assert!(shown.contains("cut  links.glued-label"), "{shown}");
    assert!(shown.contains("⟦SEE ALSO⟧Orban at Zelensky's"), "{shown}");
    assert!(shown.contains("drop links.read-more"), "{shown}");
    assert!(shown.contains("keep"), "{shown}");
}

#[test]
fn disable_and_no_default_rules() {
    let out = chaff(&["--disable", "links.*"], DOC);
    assert!(text(&out.stdout).contains("Read more: Another story"));
    let out = chaff(&["--no-default-rules"], DOC);
    assert_eq!(
        text(&out.stdout),
        "A story.\nRead more: Another story\n\nThe end.\n"
    );
    let out = chaff(&["--disable", "nosuch.*"], DOC);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("no rule id matches `nosuch.*`"));
}

#[test]
fn user_rules_add_to_the_defaults() {
    let dir = TempDir::new("user-rules");
    std::fs::write(
        dir.path("mine.toml"),
        "[[rule]]\nid = \"site.newsletter\"\ndescription = \"Our newsletter box, on a line of its own.\"\nphrases = [\"Get our newsletter\"]\naction = \"drop-line\"\n\n[[rule.example]]\ninput = \"Get our newsletter\\nText.\"\noutput = \"Text.\"\n\n[[rule.example]]\ninput = \"Get our newsletter today, he said.\"\n",
    )
    .unwrap();
    let rules = dir.to_str().unwrap();
    let out = chaff(
        &["--rules", rules],
        b"Get our newsletter\nRead more: X\nText.\n",
    );
    assert_eq!(text(&out.stdout), "Text.\n");
    let out = chaff(&["rules", "test", rules], b"");
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(text(&out.stdout).ends_with("1 rules, 2 examples: 2 passed, 0 failed\n"));
    let out = chaff(&["rules", "check", rules], b"");
    assert_eq!(text(&out.stdout), "ok: 1 rules in 1 files\n");
    let out = chaff(&["rules", "list", "--rules", rules], b"");
    assert!(text(&out.stdout).contains("site.newsletter"));
    assert!(text(&out.stdout).contains("links.read-more"));
}

#[test]
fn failing_example_fails_rules_test() {
    let dir = TempDir::new("failing");
    let file = dir.path("bad.toml");
    std::fs::write(
        &file,
        "[[rule]]\nid = \"site.greedy\"\ndescription = \"Claims to keep what it drops.\"\nphrases = [\"Hello\"]\naction = \"drop-line\"\n\n[[rule.example]]\ninput = \"Hello\"\n",
    )
    .unwrap();
    let out = chaff(&["rules", "test", file.to_str().unwrap()], b"");
    assert_eq!(out.status.code(), Some(1));
    let shown = text(&out.stdout);
    assert!(shown.contains("FAIL site.greedy example 1"), "{shown}");
    assert!(
        shown.ends_with("1 rules, 1 examples: 0 passed, 1 failed\n"),
        "{shown}"
    );
}

#[test]
fn bad_rule_file_points_at_file_line_and_column() {
    let dir = TempDir::new("bad-regex");
    let file = dir.path("bad.toml");
    std::fs::write(
        &file,
        "[[rule]]\nid = \"site.bad\"\ndescription = \"A broken pattern.\"\naction = \"drop-line\"\npattern = 'Read (more'\n",
    )
    .unwrap();
    let path = file.to_str().unwrap();
    let out = chaff(&["rules", "check", path], b"");
    assert_eq!(out.status.code(), Some(2));
    let err = text(&out.stderr);
    assert_eq!(
        err,
        format!(
            "chaff: error in rule `site.bad`: invalid regex: unclosed group\n  --> {path}:5:17\n  |\n5 | pattern = 'Read (more'\n  |                 ^\n  = help: the syntax is the `regex` crate's (no look-around, no backreferences); TOML literal strings ('...') need no escaping\n"
        )
    );
    // The same error stops a cleaning run before it reads any input.
    let out = chaff(&["--rules", path], DOC);
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
}

#[test]
fn duplicate_id_with_a_default_rule_is_an_error() {
    let dir = TempDir::new("dup");
    let file = dir.path("dup.toml");
    std::fs::write(
        &file,
        "[[rule]]\nid = \"links.read-more\"\ndescription = \"Mine.\"\nphrases = [\"x\"]\naction = \"drop-line\"\n",
    )
    .unwrap();
    let out = chaff(&["--rules", file.to_str().unwrap()], DOC);
    assert_eq!(out.status.code(), Some(2));
    let err = text(&out.stderr);
    assert!(
        err.contains(
            "duplicate rule id `links.read-more`, already defined in <default>/links/read-more.toml"
        ),
        "{err}"
    );
    assert!(err.contains(":2:6"), "{err}");
}

#[test]
fn usage_error_exits_2() {
    let out = chaff(&["--no-such-flag"], b"");
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn broken_pipe_ends_quietly() {
    // A reader that closes its end at once: chaff must exit 0 without a message.
    let big: Vec<u8> = b"A line of text that stays in the output.\n".repeat(50_000);
    let out = chaff_to(&[], &big, Stdout::Closed);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(out.stderr.is_empty(), "{}", text(&out.stderr));
}

#[test]
fn rules_list_names_every_default_rule() {
    let out = chaff(&["rules", "list"], b"");
    let shown = text(&out.stdout);
    for id in [
        "links.read-more",
        "icons.sprite-names",
        "repeats.body",
        "player.timecodes",
    ] {
        assert!(shown.contains(id), "{id} missing from:\n{shown}");
    }
}

#[test]
fn rules_detectors_lists_params_with_defaults() {
    let out = chaff(&["rules", "detectors"], b"");
    assert_eq!(out.status.code(), Some(0));
    let listing = text(&out.stdout);
    assert_eq!(listing.lines().count(), chaff::detect::REGISTRY.len());
    assert!(
        listing.contains("bare-tail-lines (2), bare-tail-chars (100)"),
        "{listing}"
    );
    assert!(listing.contains("page-dump-run (4)"), "{listing}");
}
