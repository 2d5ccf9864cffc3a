//! Snapshots: one file per document holding its `--explain` view, so that a rule change
//! shows in an ordinary `git diff` as `   12 keep | …` → `   12 drop links.read-more | …`.
//!
//! A snapshot folder holds `<name>.snap` files and one [`MANIFEST`] that records the
//! fingerprint of the rules that wrote them (chaff's version, the rule files' text, the
//! disabled rules). The fingerprint lives in the manifest rather than in every file so
//! that a rule change rewrites one line there plus the documents whose fates changed,
//! not every file of the corpus; a stale folder is still recognised, by the manifest.
//!
//! Cost: rendering is linear in the document; [`compare`] parses two snapshots line by
//! line, only for a snapshot that differs.

use std::collections::BTreeMap;
use std::fmt::Write;
use std::path::{Component, Path};

use crate::cleaner::Cleaned;
use crate::explain::{ExplainStyle, explain_styled};
use crate::rules::Rule;

/// The extension of a snapshot file.
pub const EXTENSION: &str = "snap";

/// The file in a snapshot folder that records the rule set's fingerprint.
pub const MANIFEST: &str = "manifest.txt";

/// The first line of every snapshot starts with this, so chaff never takes another
/// tool's `.snap` file (insta's, say) for one of its own.
pub const HEADER: &str = "# chaff snapshot: ";

/// A record id is used as it is in a file name when it is this short and only holds
/// [safe bytes](safe_byte); longer or other ids are shortened and given a hash.
const MAX_PLAIN_ID: usize = 100;

/// The snapshot file of document `name`: a header naming it, then its explain view
/// with whole lines.
pub fn render(name: &str, cleaned: &Cleaned, rules: &[Rule]) -> String {
    let mut out = String::with_capacity(cleaned.doc.text.len() + 16 * cleaned.doc.lines.len());
    let _ = writeln!(out, "{HEADER}{name}");
    out.push_str(&explain_styled(cleaned, rules, ExplainStyle::Review));
    out
}

/// The manifest of a snapshot folder.
pub fn render_manifest(fingerprint: &str, documents: usize) -> String {
    format!(
        "# chaff snapshots: one <name>.snap file per document, its --explain view.\n\
         # Written by `chaff snapshot --update`; `chaff snapshot --check` fails when any is stale.\n\
         chaff {}\n\
         rules {fingerprint}\n\
         documents {documents}\n",
        env!("CARGO_PKG_VERSION")
    )
}

/// The rules fingerprint a manifest records, if it is one.
pub fn manifest_fingerprint(manifest: &str) -> Option<&str> {
    manifest.lines().find_map(|l| l.strip_prefix("rules "))
}

/// The file a document's snapshot is kept in, relative to the snapshot folder:
/// `news/a.txt` → `news/a.txt.snap`.
pub fn file_for(name: &str) -> String {
    format!("{name}.{EXTENSION}")
}

/// The name of a text file at `rel`, its path relative to the corpus folder, with `/`
/// separators (`news/a.txt`).
pub fn name_for_path(rel: &Path) -> String {
    let parts: Vec<String> = rel
        .components()
        .filter_map(|c| match c {
            Component::Normal(p) => Some(p.to_string_lossy().into_owned()),
            _ => None,
        })
        .collect();
    parts.join("/")
}

/// The name of the record with `id` in the JSONL file whose name, without `.jsonl` and
/// compression extensions, is `prefix` (`pages.jsonl.gz`, id `7` → `pages/7`). An id that is not a plain file name (a `/`, a space, a leading dot,
/// over [`MAX_PLAIN_ID`] bytes) keeps its safe characters and gains 16 hex digits of its
/// hash, so names stay stable and distinct.
pub fn name_for_record(prefix: &str, id: &str) -> String {
    let plain = !id.is_empty()
        && id.len() <= MAX_PLAIN_ID
        && !id.starts_with('.')
        && id.bytes().all(safe_byte);
    let stem = if plain {
        id.to_string()
    } else {
        let safe: String = id
            .chars()
            .map(|c| {
                if c.is_ascii() && safe_byte(c as u8) {
                    c
                } else {
                    '_'
                }
            })
            .take(MAX_PLAIN_ID / 2)
            .collect();
        let safe = safe.trim_start_matches('.');
        format!("{safe}-{:016x}", xxhash_rust::xxh3::xxh3_64(id.as_bytes()))
    };
    if prefix.is_empty() {
        stem
    } else {
        format!("{prefix}/{stem}")
    }
}

/// A byte that is safe in a file name on every common file system.
fn safe_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.')
}

/// The name a JSONL file gives its records' snapshots: its path without the extensions
/// `.gz`, `.zst`, `.zstd`, then `.jsonl`, `.ndjson` or `.json`.
pub fn record_prefix(rel: &Path) -> String {
    let name = name_for_path(rel);
    let mut stem = name.as_str();
    for ext in [".gz", ".zst", ".zstd"] {
        stem = stem.strip_suffix(ext).unwrap_or(stem);
    }
    for ext in [".jsonl", ".ndjson", ".json"] {
        stem = stem.strip_suffix(ext).unwrap_or(stem);
    }
    stem.to_string()
}

/// How a snapshot changed: lines whose fate changed, lines whose input text changed,
/// and per rule the lines it now decides that it did not (`+`) and the other way (`-`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Change {
    pub fate_lines: u64,
    pub text_lines: u64,
    pub rules: BTreeMap<String, (u64, u64)>,
}

/// One line of a snapshot: its number, fate word, rule ids and text.
struct Entry<'a> {
    fate: &'a str,
    ids: &'a str,
    text: &'a str,
}

fn parse(snapshot: &str) -> BTreeMap<u64, Entry<'_>> {
    let mut lines = BTreeMap::new();
    for line in snapshot.lines() {
        let body = line.trim_start();
        let (num, rest) = body.split_once(' ').unwrap_or((body, ""));
        let Ok(n) = num.parse::<u64>() else {
            continue; // header and footer lines
        };
        let (head, text) = rest.split_once(" | ").unwrap_or((rest, ""));
        let (fate, ids) = head.split_once(' ').unwrap_or((head, ""));
        lines.insert(n, Entry { fate, ids, text });
    }
    lines
}

/// Compare an old snapshot with a new one of the same document.
pub fn compare(old: &str, new: &str) -> Change {
    let (old, new) = (parse(old), parse(new));
    let mut change = Change::default();
    let blank = Entry {
        fate: "",
        ids: "",
        text: "",
    };
    let numbers: std::collections::BTreeSet<u64> = old.keys().chain(new.keys()).copied().collect();
    for n in numbers {
        let a = old.get(&n).unwrap_or(&blank);
        let b = new.get(&n).unwrap_or(&blank);
        // Cut markers are fate, not input.
        let unmarked = |t: &str| {
            t.chars()
                .filter(|&c| c != '⟦' && c != '⟧')
                .collect::<String>()
        };
        if a.text != b.text && unmarked(a.text) != unmarked(b.text) {
            change.text_lines += 1;
        }
        if (a.fate, a.ids) == (b.fate, b.ids) {
            continue;
        }
        change.fate_lines += 1;
        for id in b.ids.split(',').filter(|s| !s.is_empty()) {
            change.rules.entry(id.to_string()).or_default().0 += 1;
        }
        for id in a.ids.split(',').filter(|s| !s.is_empty()) {
            change.rules.entry(id.to_string()).or_default().1 += 1;
        }
    }
    change
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Cleaner, RuleSet};

    #[test]
    fn names_are_stable_and_safe() {
        assert_eq!(name_for_path(Path::new("news/a.txt")), "news/a.txt");
        assert_eq!(file_for("news/a.txt"), "news/a.txt.snap");
        assert_eq!(name_for_record("pages", "007"), "pages/007");
        let odd = name_for_record("pages", "https://x.org/a b");
        assert!(odd.starts_with("pages/https___x.org_a_b-"), "{odd}");
        assert_eq!(odd, name_for_record("pages", "https://x.org/a b"));
        assert_ne!(odd, name_for_record("pages", "https://x.org/a_b"));
        assert!(!name_for_record("", "../etc").contains('/'));
        assert!(!name_for_record("", "..").starts_with('.'));
        assert_eq!(record_prefix(Path::new("d/pages.jsonl.zst")), "d/pages");
        assert_eq!(record_prefix(Path::new("pages.ndjson")), "pages");
    }

    #[test]
    fn compare_counts_fates_and_rules() {
        let cleaner = Cleaner::new(RuleSet::defaults().unwrap());
        let text = "A story about the council.\nRead more: Another story\n";
        let new = render("a", &cleaner.clean(text), cleaner.rules());
        assert!(new.starts_with("# chaff snapshot: a\n    1 keep | A story"));
        assert!(new.contains("\n    2 drop links.read-more | Read more: Another story\n"));
        let mut off = RuleSet::defaults().unwrap();
        off.disable("links.read-more").unwrap();
        let off = Cleaner::new(off);
        let old = render("a", &off.clean(text), off.rules());
        let change = compare(&old, &new);
        assert_eq!(change.fate_lines, 1);
        assert_eq!(change.text_lines, 0);
        assert_eq!(change.rules["links.read-more"], (1, 0));
        assert_eq!(compare(&new, &old).rules["links.read-more"], (0, 1));
        assert_eq!(compare(&new, &new), Change::default());
    }

    #[test]
    fn manifest_round_trip() {
        let m = render_manifest("00ff", 3);
        assert_eq!(manifest_fingerprint(&m), Some("00ff"));
        assert_eq!(manifest_fingerprint("nothing"), None);
    }
}
