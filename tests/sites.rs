//! Rules limited to sites: `sites`/`exclude-sites`, `--url`, `--url-field`, examples with a
//! `url`, and `chaff learn` writing such rules from a corpus.

mod common;

use common::{TempDir, chaff, text};

const SITE_RULE: &str = r#"
[[rule]]
id = "site.example-weekly"
description = "Example Weekly's newsletter box, which only that site prints."
phrases = ["Example Weekly: the week in five minutes"]
action = "drop-line"
sites = ["example.com", "*.example.org"]
exclude-sites = ["docs.example.org"]

[[rule.example]]
url = "https://www.example.com/story"
input = "Example Weekly: the week in five minutes\nThe story."
output = "The story."

[[rule.example]]
url = "https://elsewhere.net/quote"
input = "Example Weekly: the week in five minutes\nThe story."
"#;

const DOC: &[u8] = b"The story.\nExample Weekly: the week in five minutes\nThe end.\n";

#[test]
fn url_option_turns_site_rules_on() {
    let dir = TempDir::new("url");
    let rules = dir.write("site.toml", SITE_RULE);
    let clean = |url: Option<&str>| {
        let mut args = vec!["--rules", rules.as_str()];
        if let Some(u) = url {
            args.extend(["--url", u]);
        }
        let out = chaff(&args, DOC);
        assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
        text(&out.stdout)
    };
    let removed = "The story.\nThe end.\n";
    let kept = text(DOC);
    assert_eq!(clean(Some("https://example.com/a")), removed);
    assert_eq!(clean(Some("http://WWW.Example.COM:8080/a?b=1")), removed);
    assert_eq!(clean(Some("https://news.example.org/")), removed);
    assert_eq!(clean(Some("https://example.org/")), removed);
    assert_eq!(clean(Some("https://docs.example.org/x")), kept, "excluded");
    assert_eq!(
        clean(Some("https://news.example.com/")),
        kept,
        "no wildcard"
    );
    assert_eq!(clean(Some("https://notexample.com/")), kept);
    assert_eq!(clean(None), kept, "no URL, no site rules");
}

#[test]
fn url_field_in_jsonl() {
    let dir = TempDir::new("jsonl");
    let rules = dir.write("site.toml", SITE_RULE);
    let doc = serde_json::to_string(&text(DOC)).unwrap();
    let input = format!(
        "{{\"url\":\"https://example.com/1\",\"text\":{doc}}}\n\
         {{\"url\":\"https://other.net/1\",\"text\":{doc}}}\n\
         {{\"text\":{doc}}}\n\
         {{\"meta\":{{\"source\":\"https://a.example.org/\"}},\"text\":{doc}}}\n"
    );
    let texts = |args: &[&str]| -> Vec<String> {
        let out = chaff(args, input.as_bytes());
        assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
        text(&out.stdout)
            .lines()
            .map(|l| {
                let v: serde_json::Value = serde_json::from_str(l).unwrap();
                v["text"].as_str().unwrap().to_string()
            })
            .collect()
    };
    let removed = "The story.\nThe end.\n";
    let kept = text(DOC);
    // `url` is the default field.
    assert_eq!(
        texts(&["--jsonl", "--rules", &rules]),
        [removed, &kept, &kept, &kept]
    );
    assert_eq!(
        texts(&["--jsonl", "--rules", &rules, "--url-field", "meta.source"]),
        [&kept, &kept, &kept, removed]
    );
}

#[test]
fn examples_carry_their_url() {
    let dir = TempDir::new("examples");
    let rules = dir.write("site.toml", SITE_RULE);
    let out = chaff(&["rules", "test", &rules], b"");
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stdout));
    // The same example claimed for another site fails: the URL is part of the test.
    let wrong = dir.write(
        "wrong.toml",
        &SITE_RULE.replace("https://www.example.com/story", "https://example.net/story"),
    );
    let out = chaff(&["rules", "test", &wrong], b"");
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stdout).contains("FAIL site.example-weekly example 1"));
}

#[test]
fn a_site_that_is_a_url_is_an_error_at_its_place() {
    let dir = TempDir::new("bad");
    let rules = dir.write(
        "bad.toml",
        "[[rule]]\nid = \"site.x\"\ndescription = \"x\"\nphrases = [\"x\"]\naction = \"drop-line\"\nsites = [\"https://example.com/\"]\n",
    );
    let out = chaff(&["--rules", &rules], b"x\n");
    assert_eq!(out.status.code(), Some(2));
    let err = text(&out.stderr);
    assert!(err.contains("bad.toml:6:"), "{err}");
    assert!(
        err.contains("`https://example.com/` is not a site"),
        "{err}"
    );
}

#[test]
fn url_and_jsonl_conflict() {
    let out = chaff(&["--jsonl", "--url", "https://example.com/"], b"");
    assert_eq!(out.status.code(), Some(2));
}

/// Five sites, twelve documents each. Every site has its own furniture, every document
/// its own prose; some prose lines recur across sites or sit under a fixed heading.
fn multi_site_corpus() -> String {
    let sites = [
        "news.example.com",
        "www.recipes.example.org",
        "blog.example.net",
        "shop.example.io",
        "forum.example.dev",
    ];
    let mut out = String::new();
    let names = ["Alpha", "Bravo", "Charlie", "Delta", "Echo"];
    for (s, site) in sites.iter().enumerate() {
        let name = names[s];
        for d in 0..12 {
            let mut lines: Vec<String> = Vec::new();
            lines.push(format!("Home - Sections - {name} Daily"));
            lines.push(format!("Subscribe to the {name} letter"));
            lines.push(String::new());
            let words = [
                "harbour", "orchard", "glacier", "market", "railway", "lantern", "meadow",
                "quarry", "violin", "compass", "thimble", "beacon", "saddle", "walnut",
            ];
            let word = |k: usize| words[(k * 5 + s * 3) % words.len()];
            lines.push(format!(
                "The {} story begins with its own first sentence.",
                word(d)
            ));
            if s == 1 {
                // A heading every recipe has, with different text under it each time.
                lines.push("Ingredients".into());
                let food = ["flour", "rice", "lentils", "oats", "sugar", "beans"];
                lines.push(format!("{} cups of {}", d + 1, food[d % 6]));
                lines.push(format!(
                    "a pinch of {}",
                    ["salt", "cumin", "mace", "dill", "sage", "thyme"][d % 6]
                ));
            }
            lines.push(format!("It goes on about the {} in detail.", word(d + 1)));
            if d % 3 != 0 {
                // Prose that many sites print.
                lines.push("Thank you for reading.".into());
            }
            lines.push(String::new());
            lines.push(format!("© {} {name} Media. All rights reserved.", 2000 + d));
            let text = lines.join("\n") + "\n";
            out.push_str(&format!(
                "{{\"id\":\"{s}-{d}\",\"url\":\"https://{site}/story/{d}\",\"text\":{}}}\n",
                serde_json::to_string(&text).unwrap()
            ));
        }
    }
    out.push_str("{\"id\":\"no-url\",\"text\":\"Home - Sections - Alpha Daily\\nA story.\"}\n");
    out
}

#[test]
fn learn_writes_reviewable_site_rules_that_clean_the_corpus() {
    let dir = TempDir::new("learn");
    let corpus = multi_site_corpus();
    let corpus_path = dir.write("corpus.jsonl", &corpus);
    let learned = dir.path("learned.toml");
    let learned = learned.to_str().unwrap();
    let out = chaff(&["learn", &corpus_path, "-o", learned], b"");
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let summary = text(&out.stderr);
    assert!(
        summary.contains("61 documents (1 without a URL"),
        "{summary}"
    );
    let toml = std::fs::read_to_string(learned).unwrap();

    // One rule per site, limited to it, the counts in the description.
    for (id, host) in [
        ("learned.news-example-com", "news.example.com"),
        ("learned.recipes-example-org", "recipes.example.org"),
        ("learned.forum-example-dev", "forum.example.dev"),
    ] {
        assert!(toml.contains(&format!("id = \"{id}\"")), "{toml}");
        assert!(toml.contains(&format!("sites = [\"{host}\"]")), "{toml}");
    }
    assert!(
        toml.contains("Subscribe to the Alpha letter\" (N 12, A 12, S 1)"),
        "{toml}"
    );
    // Digits vary, the line is the same: learned once, as a pattern.
    assert!(toml.contains(r"©\s+\d+\s+Alpha\s+Media\.\s+All\s+rights\s+reserved\."));
    // Never learned: prose on every site, and a heading with other text under it.
    assert!(!toml.contains("Thank you for reading"), "{toml}");
    assert!(!toml.contains("\"Ingredients\""), "{toml}");
    assert!(!toml.contains("cups"), "{toml}");

    // It loads as a rule file, its examples pass, and it cleans the corpus site by site.
    let out = chaff(&["rules", "test", learned], b"");
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stdout));
    let out = chaff(&["--jsonl", "--rules", learned], corpus.as_bytes());
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let cleaned: Vec<serde_json::Value> = text(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let recipe = cleaned[12 + 4]["text"].as_str().unwrap();
    assert_eq!(
        recipe,
        "The compass story begins with its own first sentence.\nIngredients\n5 cups of sugar\na pinch of sage\nIt goes on about the harbour in detail.\nThank you for reading.\n"
    );
    // The record without a URL keeps the site's line: its site is unknown.
    let last = cleaned.last().unwrap()["text"].as_str().unwrap();
    assert!(last.starts_with("Home - Sections - Alpha Daily"), "{last}");
    // The learned rules applied to another site's documents change nothing there.
    let other = chaff(
        &["--rules", learned, "--url", "https://elsewhere.example/"],
        b"Subscribe to the Alpha letter\nText.\n",
    );
    assert_eq!(
        text(&other.stdout),
        "Subscribe to the Alpha letter\nText.\n"
    );
}

#[test]
fn learn_names_a_bad_record() {
    let out = chaff(
        &["learn"],
        b"{\"url\":\"https://a.example/\",\"text\":\"x\"}\n{\"url\":\"https://a.example/\"}\n",
    );
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        text(&out.stderr),
        "chaff: <stdin>:2: no field `text` (pass --on-error skip to learn from the rest)\n"
    );
    let out = chaff(
        &["learn", "--on-error", "skip"],
        b"{\"url\":\"https://a.example/\",\"text\":\"x\"}\nnot json\n",
    );
    assert_eq!(out.status.code(), Some(0));
    assert!(text(&out.stderr).contains("1 bad records skipped"));
}

#[test]
fn learn_never_writes_over_its_corpus() {
    let dir = TempDir::new("learn-same");
    let f = dir.path("docs.jsonl");
    let corpus = "{\"url\":\"https://a.example/\",\"text\":\"x\"}\n";
    std::fs::write(&f, corpus).unwrap();
    let path = f.to_str().unwrap();
    let out = chaff(&["learn", path, "--output", path], b"");
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("is an input; chaff never writes over its input"));
    assert_eq!(std::fs::read_to_string(&f).unwrap(), corpus);
}
