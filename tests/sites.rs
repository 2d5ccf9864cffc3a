//! Rules limited to sites: `sites`/`exclude-sites`, `--url`, `--url-field`, examples with a
//! `url`, and `chaff learn` writing such rules from a corpus.

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

fn chaff(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_chaff"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut input = child.stdin.take().unwrap();
    let data = stdin.to_vec();
    let feeder = std::thread::spawn(move || {
        let _ = input.write_all(&data);
    });
    let out = child.wait_with_output().unwrap();
    feeder.join().unwrap();
    out
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

struct TempDir(PathBuf);

impl TempDir {
    fn new(name: &str) -> TempDir {
        let dir = std::env::temp_dir().join(format!("chaff-sites-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        TempDir(dir)
    }

    fn path(&self, name: &str) -> PathBuf {
        self.0.join(name)
    }

    fn write(&self, name: &str, content: &str) -> String {
        let p = self.path(name);
        std::fs::write(&p, content).unwrap();
        p.to_str().unwrap().to_string()
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

const SITE_RULE: &str = r#"
[[rule]]
id = "site.example-weekly"
description = "Example Weekly's newsletter box, which only that site prints."
phrases = ["Get Example Weekly in your inbox"]
action = "drop-line"
sites = ["example.com", "*.example.org"]
exclude-sites = ["docs.example.org"]

[[rule.example]]
url = "https://www.example.com/story"
input = "Get Example Weekly in your inbox\nThe story."
output = "The story."

[[rule.example]]
url = "https://elsewhere.net/quote"
input = "Get Example Weekly in your inbox\nThe story."
"#;

const DOC: &[u8] = b"The story.\nGet Example Weekly in your inbox\nThe end.\n";

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
