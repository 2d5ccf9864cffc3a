//! Properties that hold for any input, checked on generated documents: no panic, nothing
//! invented, idempotence, determinism, annotations that apply, and rule files that either
//! load and clean or fail with a place.

mod common;

use proptest::prelude::*;

use chaff::{Cleaner, RuleSet, Source, apply_edits};

/// Pieces that real scraped text and its chaff are made of, and characters that break
/// naive code: NUL, lone CR, BOM, form feed, zero-width and bidi marks, letters whose
/// lowercase is longer than they are, and a long word.
const PIECES: &[&str] = &[
    "The council met on Tuesday to discuss the budget.",
    "She said the plan would take years.",
    "Read more: Another headline here",
    "READ NEXT:",
    "SEE ALSO",
    "Share this:",
    "Facebook",
    "Twitter",
    "Email",
    "Leave a Comment",
    "This site uses Akismet to reduce spam.",
    "Post Comment",
    "Advertisement",
    "0:00",
    "14:40",
    "Podcasts",
    "8 Dec, 2021 14:34",
    "2024-07-05 06:15:31",
    "https://example.com/a/b?c=d",
    "Source: https://example.org/x",
    "icon bookmark-bicon cameraicon icon-facebook icon-twitter fa fa-share",
    "Quote from Bob on 1 May 2020, 10:00",
    "1 tbsp olive oil",
    "And still the river runs.",
    "2023-11-17 20:52:15 来源： 新华网",
    "twitter facebook",
    "Notify me of follow-up comments by email.",
    "保存javascript:void(0)",
    "新华网 > 正文",
    "Nombre (*):",
    "↑ ↑",
    "Show 3 new updates",
    "|",
    "-",
    "",
    " ",
    "\t",
    "\0",
    "\r",
    "\u{feff}",
    "\u{c}",
    "\u{200b}",
    "\u{202e}",
    "\u{2028}",
    "İstanbul",
    "ΣΑΣ",
    "ẞ",
    "日本語の文章です。",
    "نص عربي",
    "Загрузка…",
    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
];

/// A line: a few pieces joined by spaces or nothing.
fn line() -> impl Strategy<Value = String> {
    prop::collection::vec((prop::sample::select(PIECES), any::<bool>()), 0..4).prop_map(|ps| {
        let mut s = String::new();
        for (p, space) in ps {
            s.push_str(p);
            if space {
                s.push(' ');
            }
        }
        s
    })
}

/// A document: lines, some repeated (so the repeat detectors have work), joined by LF or
/// CRLF.
fn document() -> impl Strategy<Value = String> {
    (
        prop::collection::vec(line(), 0..40),
        prop::collection::vec(
            (any::<prop::sample::Index>(), any::<prop::sample::Index>()),
            0..6,
        ),
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map(|(mut lines, copies, crlf, final_break)| {
            for (from, to) in copies {
                if !lines.is_empty() {
                    let l = lines[from.index(lines.len())].clone();
                    let at = to.index(lines.len() + 1);
                    lines.insert(at, l);
                }
            }
            let mut s = lines.join(if crlf { "\r\n" } else { "\n" });
            if final_break {
                s.push('\n');
            }
            s
        })
}

/// Any text: generated documents, arbitrary strings, and arbitrary bytes read lossily.
fn any_text() -> impl Strategy<Value = String> {
    prop_oneof![
        6 => document(),
        2 => any::<String>(),
        1 => prop::collection::vec(any::<u8>(), 0..2000)
            .prop_map(|b| String::from_utf8_lossy(&b).into_owned()),
        1 => (line(), 1usize..400).prop_map(|(l, n)| l.repeat(n)),
    ]
}

fn lines_of(text: &str) -> Vec<&str> {
    text.split('\n')
        .map(|l| l.strip_suffix('\r').unwrap_or(l))
        .collect()
}

/// Whether `small` is `big` with some spans taken out.
fn is_subsequence(small: &str, big: &str) -> bool {
    let mut it = big.chars();
    small.chars().all(|c| it.any(|b| b == c))
}

/// Every output line is an input line or part of one, in input order.
fn nothing_invented(input: &str, output: &str) -> Result<(), String> {
    let inputs = lines_of(input);
    let mut j = 0;
    for out in lines_of(output) {
        if out.trim().is_empty() {
            continue;
        }
        while j < inputs.len() && !is_subsequence(out, inputs[j]) {
            j += 1;
        }
        if j == inputs.len() {
            return Err(format!(
                "output line {out:?} is not from the input, in order"
            ));
        }
        j += 1;
    }
    Ok(())
}

/// How long a failing case is shrunk before it is reported, in milliseconds.
const SHRINK_MILLIS: u32 = 120_000;

/// `cases` per property; `PROPTEST_CASES=N` scales them for a longer run.
fn config(cases: u32) -> ProptestConfig {
    let scale = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|n| n.parse::<u32>().ok())
        .map_or(1.0, |n| f64::from(n) / 1000.0);
    ProptestConfig {
        cases: ((f64::from(cases) * scale) as u32).max(1),
        failure_persistence: None,
        // Shrinking a batch of 200 documents, two processes a step, runs for hours and
        // prints nothing until it ends: a failure reports what it has after two minutes.
        max_shrink_time: SHRINK_MILLIS,
        ..ProptestConfig::default()
    }
}

thread_local! {
    static DEFAULT: Cleaner = common::cleaner();
}

proptest! {
    #![proptest_config(config(1000))]

    #[test]
    fn default_rules_never_invent_and_are_idempotent(text in any_text()) {
        DEFAULT.with(|cleaner| {
            let cleaned = cleaner.clean(&text);
            let out = cleaned.text();
            nothing_invented(&text, &out).map_err(TestCaseError::fail)?;
            prop_assert_eq!(apply_edits(&text, &cleaned.edits()), out.clone(), "edits");
            let again = cleaner.clean(&out).text();
            prop_assert_eq!(&again, &out, "cleaning the output again changed it");
            prop_assert_eq!(cleaner.clean(&text).text(), out, "not deterministic");
            Ok(())
        })?;
    }
}

/// Words and regexes user rules are made of; every pattern here is valid.
const WORDS: &[&str] = &[
    "Read",
    "more",
    "Share",
    "Facebook",
    "0:00",
    "the",
    "Advertisement",
    "Reply",
    "é",
    "日本",
    "a",
    "-",
];
const PATTERNS: &[&str] = &[
    r"\d+:\d+",
    r"(?:read|see) more",
    r"^\s*$",
    r".*",
    r"",
    r"(?P<cut>Quote from [^,]+, \d+:\d+)",
    r"[[:upper:]]{2,}",
    r"\p{Greek}+",
    r"x*",
    r"(a|aa)*b",
];

/// A rule file of 1 to 6 rules with random matchers, anchors, scopes and actions.
fn rule_file() -> impl Strategy<Value = String> {
    let rule = (
        prop::collection::vec(prop::sample::select(WORDS), 0..3),
        prop::option::of(prop::sample::select(PATTERNS)),
        prop::sample::select(&["whole-line", "line-start", "line-end", "anywhere"][..]),
        prop::sample::select(&["any", "head", "tail", "edges"][..]),
        0usize..4,
        prop::sample::select(&["drop-line", "cut", "drop-block", "drop-to-end"][..]),
        any::<bool>(),
        prop::option::of(0usize..5),
    );
    prop::collection::vec(rule, 1..6).prop_map(|rules| {
        let mut out = String::new();
        for (i, (words, pattern, anchor, scope, scope_lines, action, fold, max_words)) in
            rules.into_iter().enumerate()
        {
            out.push_str(&format!(
                "[[rule]]\nid = \"p.r{i}\"\ndescription = \"generated\"\n"
            ));
            match pattern {
                Some(p) => out.push_str(&format!("pattern = '{p}'\n")),
                None => {
                    let phrase = if words.is_empty() { "Read".into() } else { words.join(" ") };
                    out.push_str(&format!("phrases = [{:?}]\n", phrase));
                }
            }
            out.push_str(&format!(
                "anchor = \"{anchor}\"\nscope = \"{scope}\"\nscope-lines = {scope_lines}\naction = \"{action}\"\nignore-case = {fold}\n"
            ));
            if let Some(m) = max_words {
                out.push_str(&format!("max-words = {m}\n"));
            }
            if action == "drop-block" {
                out.push_str("block-member = '\\w+'\n");
            }
        }
        out
    })
}

proptest! {
    #![proptest_config(config(300))]

    /// A rule file either loads or says where it is wrong; one that loads cleans any text
    /// without panicking, inventing nothing, with edits that apply.
    #[test]
    fn user_rules_load_or_point_at_the_error_and_never_invent(
        file in rule_file(),
        text in any_text(),
        with_defaults in any::<bool>(),
    ) {
        let source = Source { name: "gen.toml".into(), text: file.clone() };
        let mut set = if with_defaults { RuleSet::defaults().unwrap() } else { RuleSet::default() };
        if let Err(e) = set.add_source(&source) {
            // Every generated field is valid, so any error is a bug in the generator
            // or the loader; either way it must have a place.
            prop_assert!(e.position.is_some(), "{e}");
            return Err(TestCaseError::fail(format!("a valid rule file failed: {e}\n{file}")));
        }
        let cleaner = Cleaner::new(set);
        let cleaned = cleaner.clean(&text);
        let out = cleaned.text();
        nothing_invented(&text, &out).map_err(TestCaseError::fail)?;
        prop_assert_eq!(apply_edits(&text, &cleaned.edits()), out);
    }

    /// A damaged rule file: loads, or fails with file, line and column inside the file.
    #[test]
    fn a_broken_rule_file_fails_with_its_place(
        file in rule_file(),
        cuts in prop::collection::vec((any::<prop::sample::Index>(), 0usize..8, prop::sample::select(&["", "\"", "'", "[", "]", "=", "\n", "x", "[[rule]]", "é", "\\"][..])), 1..4),
    ) {
        let mut text = file;
        for (at, len, insert) in cuts {
            let mut start = at.index(text.len() + 1);
            while !text.is_char_boundary(start) { start -= 1; }
            let mut end = (start + len).min(text.len());
            while !text.is_char_boundary(end) { end += 1; }
            text.replace_range(start..end, insert);
        }
        let source = Source { name: "broken.toml".into(), text: text.clone() };
        let mut set = RuleSet::default();
        if let Err(e) = set.add_source(&source) {
            prop_assert_eq!(&e.file, "broken.toml");
            let (line, col) = e.position.ok_or_else(|| TestCaseError::fail(format!("no position: {e}")))?;
            let lines = text.split('\n').count();
            prop_assert!(line >= 1 && line <= lines, "line {} of {}: {}", line, lines, e);
            prop_assert!(col >= 1);
            let shown = e.to_string();
            prop_assert!(shown.contains(&format!("broken.toml:{line}:{col}")), "{}", shown);
        } else {
            let cleaner = Cleaner::new(set);
            let out = cleaner.clean("Read more: x\nThe text.\n0:00\n").text();
            nothing_invented("Read more: x\nThe text.\n0:00\n", &out).map_err(TestCaseError::fail)?;
        }
    }
}

proptest! {
    #![proptest_config(config(12))]

    /// The JSONL pipeline gives the same bytes whatever the thread count, and the same
    /// text as the library.
    #[test]
    fn jsonl_output_does_not_depend_on_threads(docs in prop::collection::vec(document(), 1..200)) {
        let mut input = String::new();
        for (i, d) in docs.iter().enumerate() {
            input.push_str(&format!("{{\"id\":{i},\"text\":{}}}\n", serde_json::to_string(d).unwrap()));
        }
        let one = common::chaff(&["--jsonl", "-j1"], input.as_bytes());
        let three = common::chaff(&["--jsonl", "-j3"], input.as_bytes());
        prop_assert_eq!(one.status.code(), Some(0));
        prop_assert_eq!(&one.stdout, &three.stdout);
        let cleaner = common::cleaner();
        for (line, doc) in common::text(&one.stdout).lines().zip(&docs) {
            let v: serde_json::Value = serde_json::from_str(line).unwrap();
            prop_assert_eq!(v["text"].as_str().unwrap(), cleaner.clean(doc).text());
        }
    }
}

/// Inputs the fuzzers found (`tests/fuzz-regressions/<target>/`), checked the way their
/// fuzz target checks them. A new crash goes there, minimised, named for what it showed.
#[test]
fn fuzz_regressions() {
    let dir = common::root().join("tests/fuzz-regressions");
    let mut checked = 0;
    for target in std::fs::read_dir(&dir).unwrap() {
        let target = target.unwrap().path();
        let kind = target.file_name().unwrap().to_string_lossy().into_owned();
        for case in std::fs::read_dir(&target).unwrap() {
            let case = case.unwrap().path();
            let data = std::fs::read(&case).unwrap();
            let name = case.display();
            match kind.as_str() {
                "clean" => DEFAULT.with(|cleaner| {
                    let text = String::from_utf8_lossy(&data);
                    let cleaned = cleaner.clean(&text);
                    let out = cleaned.text();
                    assert_eq!(apply_edits(&text, &cleaned.edits()), out, "{name}");
                    assert_eq!(cleaner.clean(&out).text(), out, "{name}: not idempotent");
                    nothing_invented(&text, &out).unwrap_or_else(|e| panic!("{name}: {e}"));
                }),
                "load_rules" => {
                    let source = Source {
                        name: "fuzz.toml".into(),
                        text: String::from_utf8_lossy(&data).into_owned(),
                    };
                    if let Err(e) = RuleSet::default().add_source(&source) {
                        assert!(e.position.is_some(), "{name}: {e}");
                    }
                }
                other => panic!("{}: no fuzz target is called {other}", target.display()),
            }
            checked += 1;
        }
    }
    assert!(checked > 0, "no regression inputs under {}", dir.display());
}
