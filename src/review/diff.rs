//! What a rule change does to a corpus: each document cleaned under a base and a new
//! configuration, compared ([`DocDiff`]), summed into a [`Report`], and rendered as
//! markdown (a pull-request comment), text (a terminal) or JSON (tools).
//!
//! Lines and bytes are charged to rules by [`RuleCounts::from_edits`], the same count
//! `--stats` reports, so a report's totals equal two separate JSONL runs' stats.
//!
//! Cost per document: both cleanings, then one walk over its lines; the unified diff is
//! rendered only for documents whose output changed, and the report keeps only the
//! `max_docs` that changed most, so memory does not grow with the corpus.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fmt::Write;
use std::ops::Range;

use crate::cleaner::{Cleaned, EditKind};
use crate::record::RuleCounts;
use crate::review::{LineFate, clip};
use crate::rules::Rule;

/// Kept lines shown around a change in a document's diff.
const CONTEXT: usize = 2;

/// Characters of a line shown in a diff: enough to recognise it, short enough for a
/// pull-request comment.
const SHOWN: usize = 160;

/// Diff lines shown per document; the rest is counted.
const MAX_DIFF_LINES: usize = 60;

/// Lines and bytes one rule removes under each configuration.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RuleDelta {
    pub base_lines: u64,
    pub new_lines: u64,
    pub base_bytes: u64,
    pub new_bytes: u64,
}

/// One document under both configurations.
#[derive(Debug, Clone, Default)]
pub struct DocDiff {
    pub name: String,
    pub bytes: u64,
    /// Per rule id.
    pub rules: BTreeMap<String, RuleDelta>,
    /// Input bytes removed under one configuration and kept under the other.
    pub changed_bytes: u64,
    /// Non-blank input lines whose fate (or deciding rule) differs.
    pub changed_lines: u64,
    /// The cleaned texts differ.
    pub text_changed: bool,
    pub base_emptied: bool,
    pub new_emptied: bool,
    pub base_guarded: bool,
    pub new_guarded: bool,
    /// The unified diff of the cleaned text, when it changed.
    pub hunks: String,
}

impl DocDiff {
    /// Compare the two cleanings of one document (`base` and `new` cleaned the same text).
    pub fn new(
        name: String,
        base: &Cleaned,
        base_rules: &[Rule],
        new: &Cleaned,
        new_rules: &[Rule],
    ) -> DocDiff {
        let text = base.doc.text;
        debug_assert_eq!(text, new.doc.text);
        let (base_edits, new_edits) = (base.edits(), new.edits());
        let mut rules: BTreeMap<String, RuleDelta> = BTreeMap::new();
        let base_counts = RuleCounts::from_edits(&base_edits);
        let new_counts = RuleCounts::from_edits(&new_edits);
        for (r, n) in &base_counts.bytes {
            let d = rules.entry(base_rules[*r].id.clone()).or_default();
            d.base_bytes += n;
            d.base_lines += base_counts.lines.get(r).copied().unwrap_or(0);
        }
        for (r, n) in &new_counts.bytes {
            let d = rules.entry(new_rules[*r].id.clone()).or_default();
            d.new_bytes += n;
            d.new_lines += new_counts.lines.get(r).copied().unwrap_or(0);
        }
        let removed = |edits: &[crate::Edit]| -> Vec<Range<usize>> {
            edits
                .iter()
                .filter(|e| e.rule.is_some() && e.kind != EditKind::Layout)
                .map(|e| e.span.clone())
                .collect()
        };
        let changed_bytes = symmetric_difference(&removed(&base_edits), &removed(&new_edits));
        let has_text = !text.trim().is_empty();
        let mut diff = DocDiff {
            name,
            bytes: text.len() as u64,
            rules,
            changed_bytes,
            base_emptied: has_text && base.is_empty(),
            new_emptied: has_text && new.is_empty(),
            base_guarded: !base.held.is_empty(),
            new_guarded: !new.held.is_empty(),
            ..DocDiff::default()
        };
        diff.walk_lines(base, base_rules, new, new_rules);
        diff
    }

    /// Count the lines whose fate changed and render the diff of the cleaned text.
    fn walk_lines(
        &mut self,
        base: &Cleaned,
        base_rules: &[Rule],
        new: &Cleaned,
        new_rules: &[Rule],
    ) {
        let n = base.doc.lines.len();
        // Per input line: the line as each configuration leaves it.
        let mut rows: Vec<Row> = Vec::new();
        for i in 0..n {
            let (a, b) = (
                LineFate::of(base, base_rules, i),
                LineFate::of(new, new_rules, i),
            );
            if a == LineFate::Blank {
                continue;
            }
            if a != b {
                self.changed_lines += 1;
            }
            let (ka, kb) = (base.kept_line(i), new.kept_line(i));
            if ka.is_none() && kb.is_none() {
                continue; // in neither output
            }
            let same = ka == kb;
            self.text_changed |= !same;
            rows.push(Row {
                line: i,
                base: ka,
                new: kb,
                same,
                base_rules: a.rules().join(","),
                new_rules: b.rules().join(","),
            });
        }
        if !self.text_changed {
            return;
        }
        self.hunks = render_hunks(&rows);
    }
}

/// One input line in the diff: what each configuration keeps of it.
struct Row<'a> {
    line: usize,
    base: Option<Cow<'a, str>>,
    new: Option<Cow<'a, str>>,
    same: bool,
    base_rules: String,
    new_rules: String,
}

/// A unified diff of the cleaned texts over `rows`, hunks headed by input line numbers,
/// each changed line followed by the rule that now removes it or no longer does.
fn render_hunks(rows: &[Row]) -> String {
    let changed: Vec<usize> = (0..rows.len()).filter(|&k| !rows[k].same).collect();
    let mut out = String::new();
    let mut shown = 0usize;
    let mut hidden = 0usize;
    let mut k = 0;
    while k < changed.len() {
        // One hunk: changes no more than 2 × CONTEXT kept lines apart.
        let first = changed[k];
        let mut last = first;
        while k + 1 < changed.len() && changed[k + 1] - last <= 2 * CONTEXT + 1 {
            k += 1;
            last = changed[k];
        }
        k += 1;
        let from = first.saturating_sub(CONTEXT);
        let to = (last + CONTEXT + 1).min(rows.len());
        let mut hunk = String::new();
        let mut lines = 1;
        let _ = writeln!(hunk, "@@ input line {} @@", rows[from].line + 1);
        for row in &rows[from..to] {
            if row.same {
                let _ = writeln!(hunk, " {}", clip(row.base.as_deref().unwrap_or(""), SHOWN));
                lines += 1;
                continue;
            }
            if let Some(b) = &row.base {
                let why = match (&row.new, row.new_rules.is_empty()) {
                    (None, _) => format!("dropped by {}", row.new_rules),
                    (Some(_), false) => format!("cut by {}", row.new_rules),
                    (Some(_), true) => "kept whole".to_string(),
                };
                let _ = writeln!(hunk, "-{}  # {why}", clip(b, SHOWN));
                lines += 1;
            }
            if let Some(a) = &row.new {
                let why = if row.base.is_none() {
                    format!("kept; was dropped by {}", row.base_rules)
                } else if row.new_rules.is_empty() {
                    format!("kept whole; was cut by {}", row.base_rules)
                } else {
                    format!("cut by {}", row.new_rules)
                };
                let _ = writeln!(hunk, "+{}  # {why}", clip(a, SHOWN));
                lines += 1;
            }
        }
        if shown + lines > MAX_DIFF_LINES && shown > 0 {
            hidden += hunk.lines().filter(|l| l.starts_with(['-', '+'])).count();
            continue;
        }
        shown += lines;
        out.push_str(&hunk);
    }
    if hidden > 0 {
        let _ = writeln!(out, "@@ … {hidden} more changed lines not shown @@");
    }
    out
}

/// Bytes in exactly one of two sorted lists of disjoint ranges.
fn symmetric_difference(a: &[Range<usize>], b: &[Range<usize>]) -> u64 {
    let total = |v: &[Range<usize>]| v.iter().map(|r| (r.end - r.start) as u64).sum::<u64>();
    let (mut i, mut j, mut both) = (0, 0, 0u64);
    while i < a.len() && j < b.len() {
        let lo = a[i].start.max(b[j].start);
        let hi = a[i].end.min(b[j].end);
        if lo < hi {
            both += (hi - lo) as u64;
        }
        if a[i].end <= b[j].end {
            i += 1;
        } else {
            j += 1;
        }
    }
    total(a) + total(b) - 2 * both
}

/// Totals over many documents, and the ones that changed most.
#[derive(Debug, Clone, Default)]
pub struct Report {
    pub documents: u64,
    pub bytes: u64,
    /// Documents whose cleaned text differs.
    pub changed: u64,
    /// Documents where only the deciding rule changed, not the text.
    pub rule_only: u64,
    pub changed_lines: u64,
    pub changed_bytes: u64,
    pub base_emptied: u64,
    pub new_emptied: u64,
    pub newly_emptied: u64,
    pub no_longer_emptied: u64,
    pub base_guarded: u64,
    pub new_guarded: u64,
    pub newly_guarded: u64,
    pub rules: BTreeMap<String, RuleDelta>,
    /// Names of documents newly emptied: the first `max_docs` by name, so the list does
    /// not depend on the order documents are added in.
    pub emptied_names: Vec<String>,
    /// The documents that changed most, most first (at most `max_docs`).
    pub top: Vec<DocDiff>,
    max_docs: usize,
    /// Input order of the documents in `top`, to break ties the same way every run.
    top_order: Vec<u64>,
}

impl Report {
    pub fn new(max_docs: usize) -> Report {
        Report {
            max_docs,
            ..Report::default()
        }
    }

    /// Add the document at `index` (its place in the input). The result depends on the
    /// documents and their indices only, not on the order they are added in.
    pub fn add(&mut self, index: u64, doc: DocDiff) {
        self.documents += 1;
        self.bytes += doc.bytes;
        self.changed += u64::from(doc.text_changed);
        self.rule_only += u64::from(!doc.text_changed && doc.changed_lines > 0);
        self.changed_lines += doc.changed_lines;
        self.changed_bytes += doc.changed_bytes;
        self.base_emptied += u64::from(doc.base_emptied);
        self.new_emptied += u64::from(doc.new_emptied);
        self.newly_emptied += u64::from(doc.new_emptied && !doc.base_emptied);
        self.no_longer_emptied += u64::from(doc.base_emptied && !doc.new_emptied);
        self.base_guarded += u64::from(doc.base_guarded);
        self.new_guarded += u64::from(doc.new_guarded);
        self.newly_guarded += u64::from(doc.new_guarded && !doc.base_guarded);
        for (id, d) in &doc.rules {
            let t = self.rules.entry(id.clone()).or_default();
            t.base_lines += d.base_lines;
            t.new_lines += d.new_lines;
            t.base_bytes += d.base_bytes;
            t.new_bytes += d.new_bytes;
        }
        if doc.new_emptied && !doc.base_emptied {
            self.emptied_names.push(doc.name.clone());
            self.emptied_names.sort();
            self.emptied_names.truncate(self.max_docs);
        }
        if !doc.text_changed || self.max_docs == 0 {
            return;
        }
        // Most changed bytes first, then input order.
        let key = |bytes: u64, idx: u64| (std::cmp::Reverse(bytes), idx);
        let at = self
            .top
            .iter()
            .zip(&self.top_order)
            .position(|(d, &i)| key(doc.changed_bytes, index) < key(d.changed_bytes, i))
            .unwrap_or(self.top.len());
        if at < self.max_docs {
            self.top.insert(at, doc);
            self.top_order.insert(at, index);
            self.top.truncate(self.max_docs);
            self.top_order.truncate(self.max_docs);
        }
    }

    /// Lines removed in all, under the base and the new configuration.
    pub fn removed_lines(&self) -> (u64, u64) {
        self.rules
            .values()
            .fold((0, 0), |(a, b), d| (a + d.base_lines, b + d.new_lines))
    }

    /// Bytes removed in all, under the base and the new configuration.
    pub fn removed_bytes(&self) -> (u64, u64) {
        self.rules
            .values()
            .fold((0, 0), |(a, b), d| (a + d.base_bytes, b + d.new_bytes))
    }

    /// The share of input bytes removed under one configuration and kept under the other.
    pub fn changed_share(&self) -> f64 {
        if self.bytes == 0 {
            0.0
        } else {
            self.changed_bytes as f64 / self.bytes as f64
        }
    }

    /// Rules whose lines or bytes differ, most bytes changed first.
    pub fn changed_rules(&self) -> Vec<(&str, RuleDelta)> {
        let mut v: Vec<(&str, RuleDelta)> = self
            .rules
            .iter()
            .filter(|(_, d)| d.base_lines != d.new_lines || d.base_bytes != d.new_bytes)
            .map(|(id, d)| (id.as_str(), *d))
            .collect();
        v.sort_by_key(|(id, d)| (std::cmp::Reverse(d.base_bytes.abs_diff(d.new_bytes)), *id));
        v
    }

    /// A report to paste as a pull-request comment: totals, the rules that changed, and
    /// the documents that changed most in collapsed sections.
    pub fn to_markdown(&self) -> String {
        let mut out = String::new();
        let _ = writeln!(
            out,
            "### chaff diff: {} of {} documents change\n",
            num(self.changed),
            num(self.documents)
        );
        let (lb, ln) = self.removed_lines();
        let (bb, bn) = self.removed_bytes();
        out.push_str("| | base | new | change |\n| --- | ---: | ---: | ---: |\n");
        let row = |out: &mut String, what: &str, a: u64, b: u64| {
            let _ = writeln!(
                out,
                "| {what} | {} | {} | {} |",
                num(a),
                num(b),
                signed(a, b)
            );
        };
        row(&mut out, "lines removed", lb, ln);
        row(&mut out, "bytes removed", bb, bn);
        row(
            &mut out,
            "documents emptied",
            self.base_emptied,
            self.new_emptied,
        );
        row(
            &mut out,
            "documents guarded",
            self.base_guarded,
            self.new_guarded,
        );
        let _ = writeln!(
            out,
            "\n{} documents, {} bytes of input. Fate changed for {} bytes ({}) and {}; \
             newly emptied: {}, newly guarded: {}{}.",
            num(self.documents),
            num(self.bytes),
            num(self.changed_bytes),
            percent(self.changed_share()),
            count(self.changed_lines, "line"),
            num(self.newly_emptied),
            num(self.newly_guarded),
            if self.rule_only > 0 {
                format!(
                    "; {} documents changed only which rule removes a line",
                    num(self.rule_only)
                )
            } else {
                String::new()
            }
        );
        if !self.emptied_names.is_empty() {
            let names: Vec<String> = self
                .emptied_names
                .iter()
                .map(|n| format!("`{n}`"))
                .collect();
            let _ = writeln!(out, "\nNewly emptied: {}", names.join(", "));
        }
        let rules = self.changed_rules();
        if !rules.is_empty() {
            out.push_str(
                "\n| rule | lines base | lines new | lines | bytes |\n| --- | ---: | ---: | ---: | ---: |\n",
            );
            for (id, d) in &rules {
                let _ = writeln!(
                    out,
                    "| `{id}` | {} | {} | {} | {} |",
                    num(d.base_lines),
                    num(d.new_lines),
                    signed(d.base_lines, d.new_lines),
                    signed(d.base_bytes, d.new_bytes)
                );
            }
        }
        if !self.top.is_empty() {
            let _ = writeln!(
                out,
                "\nThe {} documents that changed most (`-` leaves the output, `+` comes back):\n",
                self.top.len()
            );
            for d in &self.top {
                let _ = writeln!(
                    out,
                    "<details><summary><code>{}</code>: {}, {} bytes changed fate{}</summary>\n\n```diff\n{}```\n</details>\n",
                    d.name,
                    count(d.changed_lines, "line"),
                    num(d.changed_bytes),
                    if d.new_emptied && !d.base_emptied {
                        ", newly emptied"
                    } else {
                        ""
                    },
                    d.hunks.replace("```", "`\u{200b}``")
                );
            }
        }
        out
    }

    /// The report for a terminal; `color` adds ANSI colours to the diffs.
    pub fn to_text(&self, color: bool) -> String {
        let paint = |code: &str, s: &str| {
            if color {
                format!("\x1b[{code}m{s}\x1b[0m")
            } else {
                s.to_string()
            }
        };
        let mut out = String::new();
        let (lb, ln) = self.removed_lines();
        let (bb, bn) = self.removed_bytes();
        let _ = writeln!(
            out,
            "{}",
            paint(
                "1",
                &format!(
                    "chaff diff: {} of {} documents change",
                    num(self.changed),
                    num(self.documents)
                )
            )
        );
        let _ = writeln!(
            out,
            "  lines removed      {:>12} → {:<12} ({})",
            num(lb),
            num(ln),
            signed(lb, ln)
        );
        let _ = writeln!(
            out,
            "  bytes removed      {:>12} → {:<12} ({})",
            num(bb),
            num(bn),
            signed(bb, bn)
        );
        let _ = writeln!(
            out,
            "  documents emptied  {:>12} → {:<12} (newly: {})",
            num(self.base_emptied),
            num(self.new_emptied),
            num(self.newly_emptied)
        );
        let _ = writeln!(
            out,
            "  documents guarded  {:>12} → {:<12} (newly: {})",
            num(self.base_guarded),
            num(self.new_guarded),
            num(self.newly_guarded)
        );
        let _ = writeln!(
            out,
            "  fate changed for {} of {} input bytes ({}), {}",
            num(self.changed_bytes),
            num(self.bytes),
            percent(self.changed_share()),
            count(self.changed_lines, "line")
        );
        for name in &self.emptied_names {
            let _ = writeln!(out, "  newly emptied: {name}");
        }
        let rules = self.changed_rules();
        if !rules.is_empty() {
            let width = rules.iter().map(|(id, _)| id.len()).max().unwrap_or(0);
            let _ = writeln!(
                out,
                "\n{}",
                paint("1", "per rule (lines base → new, bytes change)")
            );
            for (id, d) in &rules {
                let _ = writeln!(
                    out,
                    "  {id:width$}  {:>9} → {:<9} {:>12}",
                    num(d.base_lines),
                    num(d.new_lines),
                    signed(d.base_bytes, d.new_bytes)
                );
            }
        }
        for d in &self.top {
            let _ = writeln!(
                out,
                "\n{}",
                paint(
                    "1",
                    &format!(
                        "{}: {}, {} bytes changed fate",
                        d.name,
                        count(d.changed_lines, "line"),
                        num(d.changed_bytes)
                    )
                )
            );
            for line in d.hunks.lines() {
                let painted = match line.as_bytes().first() {
                    Some(b'-') => paint("31", line),
                    Some(b'+') => paint("32", line),
                    Some(b'@') => paint("36", line),
                    _ => line.to_string(),
                };
                let _ = writeln!(out, "{painted}");
            }
        }
        out
    }

    /// The report as one JSON object, for tools.
    pub fn to_json(&self) -> String {
        use serde_json::{Value, json};
        let (lb, ln) = self.removed_lines();
        let (bb, bn) = self.removed_bytes();
        let rules: serde_json::Map<String, Value> = self
            .rules
            .iter()
            .map(|(id, d)| {
                (
                    id.clone(),
                    json!({
                        "base_lines": d.base_lines, "new_lines": d.new_lines,
                        "base_bytes": d.base_bytes, "new_bytes": d.new_bytes,
                    }),
                )
            })
            .collect();
        let top: Vec<Value> = self
            .top
            .iter()
            .map(|d| {
                json!({
                    "name": d.name, "changed_lines": d.changed_lines,
                    "changed_bytes": d.changed_bytes, "newly_emptied": d.new_emptied && !d.base_emptied,
                    "diff": d.hunks,
                })
            })
            .collect();
        let value = json!({
            "documents": self.documents,
            "bytes": self.bytes,
            "documents_changed": self.changed,
            "documents_rule_only": self.rule_only,
            "lines_changed": self.changed_lines,
            "bytes_changed": self.changed_bytes,
            "changed_share": self.changed_share(),
            "lines_removed": {"base": lb, "new": ln},
            "bytes_removed": {"base": bb, "new": bn},
            "documents_emptied": {"base": self.base_emptied, "new": self.new_emptied,
                                  "newly": self.newly_emptied, "no_longer": self.no_longer_emptied},
            "documents_guarded": {"base": self.base_guarded, "new": self.new_guarded,
                                  "newly": self.newly_guarded},
            "newly_emptied": self.emptied_names,
            "rules": rules,
            "top": top,
        });
        serde_json::to_string_pretty(&value).expect("a report serialises") + "\n"
    }
}

/// `12,345`.
fn num(n: u64) -> String {
    let s = n.to_string();
    let mut out = String::with_capacity(s.len() + s.len() / 3);
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// `1 line`, `2 lines`.
pub(crate) fn count(n: u64, what: &str) -> String {
    if n == 1 {
        format!("1 {what}")
    } else {
        format!("{} {what}s", num(n))
    }
}

/// `+12` / `−3` / `0`: the change from `a` to `b`.
fn signed(a: u64, b: u64) -> String {
    match b.cmp(&a) {
        std::cmp::Ordering::Greater => format!("+{}", num(b - a)),
        std::cmp::Ordering::Less => format!("−{}", num(a - b)),
        std::cmp::Ordering::Equal => "0".to_string(),
    }
}

fn percent(share: f64) -> String {
    format!("{:.3}%", share * 100.0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Cleaner, RuleSet};

    fn pair() -> (Cleaner, Cleaner) {
        let base = Cleaner::new(RuleSet::defaults().unwrap());
        let mut off = RuleSet::defaults().unwrap();
        off.disable("links.read-more").unwrap();
        (base, Cleaner::new(off))
    }

    #[test]
    fn a_disabled_rule_shows_as_lines_that_come_back() {
        let (base, new) = pair();
        let text = "The council met on Monday to vote on the budget.\nRead more: Another story\nIt passed.\n";
        let (a, b) = (base.clean(text), new.clean(text));
        let d = DocDiff::new("doc".into(), &a, base.rules(), &b, new.rules());
        assert!(d.text_changed);
        assert_eq!(d.changed_lines, 1);
        assert_eq!(d.changed_bytes, "Read more: Another story\n".len() as u64);
        assert_eq!(d.rules["links.read-more"].base_lines, 1);
        assert_eq!(d.rules["links.read-more"].new_lines, 0);
        assert_eq!(
            d.hunks,
            "@@ input line 1 @@\n The council met on Monday to vote on the budget.\n\
             +Read more: Another story  # kept; was dropped by links.read-more\n It passed.\n"
        );
        let back = DocDiff::new("doc".into(), &b, new.rules(), &a, base.rules());
        assert!(
            back.hunks
                .contains("-Read more: Another story  # dropped by links.read-more")
        );
    }

    #[test]
    fn same_rules_change_nothing() {
        let (base, _) = pair();
        let text = "A story.\nRead more: X\n";
        let a = base.clean(text);
        let d = DocDiff::new("doc".into(), &a, base.rules(), &a, base.rules());
        assert!(!d.text_changed);
        assert_eq!((d.changed_lines, d.changed_bytes), (0, 0));
        assert!(d.hunks.is_empty());
    }

    #[test]
    fn report_keeps_the_most_changed_in_a_fixed_order() {
        let mut r1 = Report::new(2);
        let mut r2 = Report::new(2);
        let doc = |name: &str, bytes: u64| DocDiff {
            name: name.into(),
            changed_bytes: bytes,
            text_changed: true,
            ..DocDiff::default()
        };
        let docs = [doc("a", 5), doc("b", 9), doc("c", 5), doc("d", 1)];
        for (i, d) in docs.iter().enumerate() {
            r1.add(i as u64, d.clone());
        }
        for (i, d) in docs.iter().enumerate().rev() {
            r2.add(i as u64, d.clone());
        }
        let names = |r: &Report| r.top.iter().map(|d| d.name.clone()).collect::<Vec<_>>();
        assert_eq!(names(&r1), ["b", "a"]);
        assert_eq!(names(&r2), names(&r1));
        assert_eq!(r1.changed, 4);
    }

    #[test]
    #[allow(clippy::single_range_in_vec_init)]
    fn symmetric_difference_of_ranges() {
        assert_eq!(symmetric_difference(&[0..10], &[5..15]), 10);
        assert_eq!(symmetric_difference(&[0..10], &[]), 10);
        assert_eq!(symmetric_difference(&[0..2, 4..6], &[0..2, 4..6]), 0);
        assert_eq!(
            symmetric_difference(&[0..3, 5..9], &[2..6]),
            3 + 4 + 4 - 2 * 2
        );
    }

    #[test]
    fn numbers_read_well() {
        assert_eq!(num(1234567), "1,234,567");
        assert_eq!(num(12), "12");
        assert_eq!(signed(3, 10), "+7");
        assert_eq!(signed(10, 3), "−7");
    }
}
