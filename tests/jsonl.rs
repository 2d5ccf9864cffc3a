//! JSON Lines mode, --output and --out-dir through the binary.

mod common;

use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use common::{TempDir, chaff, text};

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// Documents from the corpus as JSONL, with fields around the text.
fn corpus_jsonl(copies: usize) -> String {
    let mut docs: Vec<PathBuf> =
        std::fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus"))
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
    docs.sort();
    let mut out = String::new();
    for round in 0..copies {
        for (i, d) in docs.iter().enumerate() {
            let t = std::fs::read_to_string(d).unwrap();
            out.push_str(&format!(
                "{{\"id\":\"{round}-{i}\",\"n\":1.50,\"text\":{},\"meta\":{{\"lang\":\"en\"}}}}\n",
                serde_json::to_string(&t).unwrap()
            ));
        }
    }
    out
}

#[test]
fn each_record_is_cleaned_and_the_rest_kept() {
    let input = "{\"id\":\"x\",\"n\":1.50,\"text\":\"A.\\nRead more: B\\n\",\"z\":[1, 2]}\n";
    let out = chaff(&["--jsonl"], input.as_bytes());
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(
        text(&out.stdout),
        "{\"id\":\"x\",\"n\":1.50,\"text\":\"A.\\n\",\"z\":[1, 2]}\n"
    );
}

#[test]
fn nested_field() {
    let input = "{\"doc\":{\"body\":\"icon-facebook icon-twitter\\nText.\"}}\n";
    let out = chaff(&["--jsonl", "--field", "doc.body"], input.as_bytes());
    assert_eq!(text(&out.stdout), "{\"doc\":{\"body\":\"Text.\\n\"}}\n");
}

#[test]
fn output_is_the_same_for_any_thread_count_and_matches_text_mode() {
    let input = corpus_jsonl(8);
    let one = chaff(&["--jsonl", "-j", "1"], input.as_bytes());
    let two = chaff(&["--jsonl", "-j", "2"], input.as_bytes());
    let four = chaff(&["--jsonl", "-j", "4"], input.as_bytes());
    assert_eq!(one.status.code(), Some(0), "{}", text(&one.stderr));
    assert!(one.stdout == two.stdout && two.stdout == four.stdout);
    // Each record's text equals what text mode gives for the same document, in order.
    let cleaner = chaff::Cleaner::new(chaff::RuleSet::defaults().unwrap());
    let lines: Vec<&str> = std::str::from_utf8(&one.stdout).unwrap().lines().collect();
    let inputs: Vec<&str> = input.lines().collect();
    assert_eq!(lines.len(), inputs.len());
    for (inp, outp) in inputs.iter().zip(&lines) {
        let i: serde_json::Value = serde_json::from_str(inp).unwrap();
        let o: serde_json::Value = serde_json::from_str(outp).unwrap();
        assert_eq!(o["id"], i["id"]);
        assert_eq!(
            o["text"].as_str().unwrap(),
            cleaner.clean(i["text"].as_str().unwrap()).text()
        );
    }
}

#[test]
fn compressed_round_trips() {
    let dir = TempDir::new("compress");
    let input = corpus_jsonl(2);
    let plain = chaff(&["--jsonl"], input.as_bytes()).stdout;
    for ext in ["gz", "zst"] {
        let src = dir.path(&format!("in.jsonl.{ext}"));
        let dst = dir.path(&format!("out.jsonl.{ext}"));
        let compressed = match ext {
            "gz" => {
                let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
                e.write_all(input.as_bytes()).unwrap();
                e.finish().unwrap()
            }
            _ => zstd::encode_all(input.as_bytes(), 1).unwrap(),
        };
        std::fs::write(&src, &compressed).unwrap();
        // By file extension, to a compressed output.
        let out = chaff(&["--jsonl", s(&src), "--output", s(&dst)], b"");
        assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
        let raw = std::fs::read(&dst).unwrap();
        let mut back = Vec::new();
        match ext {
            "gz" => {
                flate2::read::MultiGzDecoder::new(&raw[..])
                    .read_to_end(&mut back)
                    .unwrap();
            }
            _ => back = zstd::decode_all(&raw[..]).unwrap(),
        }
        assert_eq!(back, plain, "{ext}");
        // Compressed standard input, told by its magic bytes.
        let out = chaff(&["--jsonl"], &compressed);
        assert_eq!(out.stdout, plain, "{ext} on stdin");
    }
}

#[test]
fn bad_records_fail_after_the_good_ones() {
    let input = "{\"text\":\"a\"}\n{\"text\":\"b\"}\nnot json\n{\"text\":\"c\"}\n";
    let out = chaff(&["--jsonl"], input.as_bytes());
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        text(&out.stdout),
        "{\"text\":\"a\\n\"}\n{\"text\":\"b\\n\"}\n"
    );
    assert_eq!(
        text(&out.stderr),
        "chaff: <stdin>: line 3: not valid JSON: expected ident at line 1 column 2; pass --on-error skip or keep to go on past bad records\n"
    );
}

#[test]
fn every_kind_of_bad_record_is_named() {
    let cases: [(&[u8], &str); 5] = [
        (
            b"{\"text\": 1",
            "line 1: not valid JSON: EOF while parsing an object at line 1 column 10",
        ),
        (b"[\"text\"]", "line 1: not a JSON object"),
        (b"{\"body\":\"x\"}", "line 1: no field `text`"),
        (
            b"{\"text\":[1]}",
            "line 1: field `text` holds an array, not a string",
        ),
        (
            b"{\"text\":\"\xff\"}",
            "line 1: invalid UTF-8 at byte 9 of the line",
        ),
    ];
    for (line, message) in cases {
        let out = chaff(&["--jsonl"], line);
        assert_eq!(out.status.code(), Some(1));
        let err = text(&out.stderr);
        assert!(
            err.starts_with(&format!("chaff: <stdin>: {message}")),
            "{err}"
        );
    }
}

#[test]
fn skip_writes_rejects_and_keep_passes_through() {
    let dir = TempDir::new("rejects");
    let rejects = dir.path("rejects.jsonl");
    let stats = dir.path("stats.json");
    let input = "{\"text\":\"a\"}\nnot json\n{\"id\":1}\n{\"text\":\"Read more: x\"}\n";
    let out = chaff(
        &[
            "--jsonl",
            "--on-error",
            "skip",
            "--rejects",
            s(&rejects),
            "--stats",
            s(&stats),
        ],
        input.as_bytes(),
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(text(&out.stdout), "{\"text\":\"a\\n\"}\n{\"text\":\"\"}\n");
    assert_eq!(
        std::fs::read_to_string(&rejects).unwrap(),
        "not json\n{\"id\":1}\n"
    );
    let st: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&stats).unwrap()).unwrap();
    assert_eq!(st["documents"], 2);
    assert_eq!(st["bad_records"], 2);
    assert_eq!(st["bad_records_by_kind"]["not-json"], 1);
    assert_eq!(st["bad_records_by_kind"]["missing-field"], 1);
    assert_eq!(st["documents_emptied"], 1);
    assert_eq!(st["rules"]["links.read-more"]["lines"], 1);

    let out = chaff(&["--jsonl", "--on-error", "keep"], input.as_bytes());
    assert_eq!(
        text(&out.stdout),
        "{\"text\":\"a\\n\"}\nnot json\n{\"id\":1}\n{\"text\":\"\"}\n"
    );
}

#[test]
fn annotations_apply_to_the_cleaned_text() {
    let input = corpus_jsonl(1);
    let annotated = chaff(&["--jsonl", "--annotate"], input.as_bytes());
    let both = chaff(&["--jsonl", "--annotate", "--clean"], input.as_bytes());
    let cleaned = chaff(&["--jsonl"], input.as_bytes());
    let a = text(&annotated.stdout);
    let b = text(&both.stdout);
    let c = text(&cleaned.stdout);
    for ((inp, ann), (both, clean)) in input.lines().zip(a.lines()).zip(b.lines().zip(c.lines())) {
        let inp: serde_json::Value = serde_json::from_str(inp).unwrap();
        let ann: serde_json::Value = serde_json::from_str(ann).unwrap();
        let both: serde_json::Value = serde_json::from_str(both).unwrap();
        let clean: serde_json::Value = serde_json::from_str(clean).unwrap();
        let original = inp["text"].as_str().unwrap();
        assert_eq!(ann["text"], inp["text"], "--annotate leaves the text alone");
        // Apply the byte-offset edits to the original text.
        let mut applied = String::new();
        let mut pos = 0;
        for e in ann["chaff"].as_array().unwrap() {
            let (start, end) = (
                e["start"].as_u64().unwrap() as usize,
                e["end"].as_u64().unwrap() as usize,
            );
            assert!(start >= pos && end >= start);
            applied.push_str(&original[pos..start]);
            applied.push_str(e.get("insert").and_then(|v| v.as_str()).unwrap_or(""));
            pos = end;
        }
        applied.push_str(&original[pos..]);
        assert_eq!(applied, clean["text"].as_str().unwrap());
        assert_eq!(both["text"], clean["text"]);
        assert_eq!(both["chaff"], ann["chaff"]);
    }
}

#[test]
fn output_may_not_be_an_input() {
    let dir = TempDir::new("same");
    let f = dir.path("docs.jsonl");
    std::fs::write(&f, "{\"text\":\"a\"}\n").unwrap();
    let out = chaff(&["--jsonl", s(&f), "--output", s(&f)], b"");
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("is an input; chaff never writes over its input"));
    assert_eq!(std::fs::read_to_string(&f).unwrap(), "{\"text\":\"a\"}\n");
}

#[test]
fn out_dir_mirrors_the_tree() {
    let dir = TempDir::new("outdir");
    let src = dir.path("src");
    std::fs::create_dir_all(src.join("a/b")).unwrap();
    std::fs::write(src.join("one.txt"), "Text.\nRead more: X\n").unwrap();
    std::fs::write(src.join("a/b/two.txt"), "fa fa-share\nOther text.").unwrap();
    let dst = dir.path("dst");
    let out = chaff(&["--out-dir", s(&dst), s(&src)], b"");
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(
        std::fs::read_to_string(dst.join("one.txt")).unwrap(),
        "Text.\n"
    );
    assert_eq!(
        std::fs::read_to_string(dst.join("a/b/two.txt")).unwrap(),
        "Other text.\n"
    );
    // Inputs untouched, no temporary files left.
    assert_eq!(
        std::fs::read_to_string(src.join("one.txt")).unwrap(),
        "Text.\nRead more: X\n"
    );
    let leftovers: Vec<_> = std::fs::read_dir(&dst)
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .file_name()
                .to_string_lossy()
                .contains("chaff-tmp")
        })
        .collect();
    assert!(leftovers.is_empty());
    // Cleaning a tree into itself would overwrite the inputs: refused.
    let out = chaff(&["--out-dir", s(&src), s(&src)], b"");
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("would overwrite this input"));
}
