//! `chaff snapshot`: a folder of per-document snapshots of a corpus, written or checked.

use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};

use clap::Args;

use chaff::review::snapshot::{self, Change, EXTENSION, HEADER, MANIFEST};
use chaff::{Cleaner, RuleSet};

use super::Failure;
use super::corpus::{self, CorpusArgs, Doc};
use super::io::{write_atomic, write_replace};
use super::pool::map_ordered;

/// Documents listed by name in the summary; the rest are counted.
const LISTED: usize = 50;

/// Write or check one snapshot file per document of a corpus: its --explain view, every
/// input line with its fate and the rule that decided it.
///
/// Commit the folder next to your rule files; a rule change then shows in the pull
/// request's diff as lines whose fate changed (`12 keep | …` → `12 drop links.read-more |
/// …`). Names come from each text file's path under the corpus folder, or from a JSONL
/// file's name and each record's id (`pages.jsonl`, id 7 → `pages/7.snap`). The folder's
/// manifest.txt records the rules' fingerprint (chaff's version, the rule files' text,
/// the disabled rules), so snapshots written with other rules are recognised.
///
/// Exit codes: 0 up to date (or updated); 1 with --check when a snapshot would change,
/// is missing or is orphaned, the manifest is stale, or on bad input; 2 usage error.
#[derive(Args, Debug)]
pub struct SnapshotArgs {
    /// Text files, folders of them, or with --jsonl JSON Lines files (.gz, .zst).
    #[arg(long, value_name = "PATH", required = true, num_args = 1..)]
    corpus: Vec<PathBuf>,

    /// The snapshot folder. Created if missing; it holds chaff's snapshots only.
    #[arg(long, value_name = "DIR")]
    dir: PathBuf,

    /// Write nothing; exit 1 when any snapshot would change, is missing or is orphaned.
    #[arg(long, conflicts_with = "update")]
    check: bool,

    /// Write what changed and remove orphans (the default).
    #[arg(long)]
    update: bool,

    #[command(flatten)]
    corpus_args: CorpusArgs,
}

enum Status {
    Unchanged,
    Changed(Change),
    Missing,
}

struct Outcome {
    name: String,
    status: Status,
}

pub fn run(args: &SnapshotArgs, set: RuleSet) -> Result<u8, Failure> {
    let check = args.check;
    let fingerprint = set.fingerprint();
    let cleaner = Cleaner::new(set);
    let dir = &args.dir;
    if dir.exists() && !dir.is_dir() {
        return Err(Failure::usage(format!(
            "{}: --dir is not a folder",
            dir.display()
        )));
    }
    let opts = args.corpus_args.options(true, dir.canonicalize().ok());
    let threads = args.corpus_args.threads();

    let mut names: HashSet<String> = HashSet::new();
    let mut stale: Vec<Outcome> = Vec::new();
    let mut unchanged = 0u64;
    map_ordered(
        threads,
        |send| corpus::read(&args.corpus, &opts, &mut |doc| send(doc)),
        |doc: Doc| one(&cleaner, dir, doc, check),
        |outcome| {
            let outcome = outcome?;
            names.insert(outcome.name.clone());
            match outcome.status {
                Status::Unchanged => unchanged += 1,
                _ => stale.push(outcome),
            }
            Ok(())
        },
    )?;

    let orphans = find_orphans(dir, &names)?;
    let manifest_path = dir.join(MANIFEST);
    let manifest = snapshot::render_manifest(&fingerprint, names.len());
    let old_manifest = match std::fs::read_to_string(&manifest_path) {
        Ok(s) => Some(s),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => {
            return Err(Failure::input(format!(
                "{}: cannot read: {e}",
                manifest_path.display()
            )));
        }
    };
    let manifest_stale = old_manifest.as_deref() != Some(manifest.as_str());
    let old_fingerprint = old_manifest
        .as_deref()
        .and_then(snapshot::manifest_fingerprint)
        .map(str::to_string);

    if !check {
        for orphan in &orphans {
            let path = dir.join(orphan);
            std::fs::remove_file(&path).map_err(|e| {
                Failure::input(format!("{}: cannot remove orphan: {e}", path.display()))
            })?;
            remove_empty_parents(dir, &path);
        }
        if manifest_stale {
            write_atomic(&manifest_path, manifest.as_bytes()).map_err(|e| {
                Failure::input(format!("{}: cannot write: {e}", manifest_path.display()))
            })?;
        }
    }

    let summary = Summary {
        check,
        documents: names.len() as u64,
        unchanged,
        stale: &stale,
        orphans: &orphans,
        fingerprint: &fingerprint,
        old_fingerprint: old_fingerprint.as_deref(),
        manifest_stale,
    };
    print!("{}", summary.render());
    let dirty = !stale.is_empty() || !orphans.is_empty() || manifest_stale;
    Ok(u8::from(check && dirty))
}

/// Clean one document and compare its snapshot with the one on disk; write it unless
/// checking.
fn one(cleaner: &Cleaner, dir: &Path, doc: Doc, check: bool) -> Result<Outcome, Failure> {
    let cleaned = cleaner.clean_url(&doc.text, doc.url.as_deref());
    let new = snapshot::render(&doc.name, &cleaned, cleaner.rules());
    let path = dir.join(snapshot::file_for(&doc.name));
    let status = match std::fs::read_to_string(&path) {
        Ok(old) if old == new => Status::Unchanged,
        Ok(old) if !old.starts_with(HEADER) => {
            return Err(Failure::input(format!(
                "{}: not a chaff snapshot (it does not start with `{}`); the snapshot folder \
                 must hold chaff's snapshots only",
                path.display(),
                HEADER.trim_end()
            )));
        }
        Ok(old) => Status::Changed(snapshot::compare(&old, &new)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Status::Missing,
        Err(e) => {
            return Err(Failure::input(format!(
                "{}: cannot read snapshot: {e}",
                path.display()
            )));
        }
    };
    if !check && !matches!(status, Status::Unchanged) {
        write_replace(&path, new.as_bytes())
            .map_err(|e| Failure::input(format!("{}: cannot write: {e}", path.display())))?;
    }
    Ok(Outcome {
        name: doc.name,
        status,
    })
}

/// Snapshot files under `dir` that no document of the corpus names, sorted.
fn find_orphans(dir: &Path, names: &HashSet<String>) -> Result<Vec<String>, Failure> {
    let mut found = Vec::new();
    if dir.is_dir() {
        list_snapshots(dir, "", &mut found)
            .map_err(|e| Failure::input(format!("{}: cannot list: {e}", dir.display())))?;
    }
    let suffix = format!(".{EXTENSION}");
    found.retain(|n| !n.strip_suffix(&suffix).is_some_and(|n| names.contains(n)));
    found.sort();
    for name in &found {
        let path = dir.join(name);
        let text = std::fs::read(&path)
            .map_err(|e| Failure::input(format!("{}: cannot read: {e}", path.display())))?;
        if !text.starts_with(HEADER.as_bytes()) {
            return Err(Failure::input(format!(
                "{}: not a chaff snapshot, in the snapshot folder; the folder must hold \
                 chaff's snapshots only (point --dir at a folder of its own)",
                path.display()
            )));
        }
    }
    Ok(found)
}

fn list_snapshots(dir: &Path, prefix: &str, out: &mut Vec<String>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let name = entry.file_name().to_string_lossy().into_owned();
        let rel = if prefix.is_empty() {
            name.clone()
        } else {
            format!("{prefix}/{name}")
        };
        if entry.file_type()?.is_dir() {
            list_snapshots(&entry.path(), &rel, out)?;
        } else if name.ends_with(&format!(".{EXTENSION}")) {
            out.push(rel);
        }
    }
    Ok(())
}

/// Remove the folders between `file` and `root` that are left empty.
fn remove_empty_parents(root: &Path, file: &Path) {
    let mut at = file.parent();
    while let Some(dir) = at {
        if dir == root || std::fs::remove_dir(dir).is_err() {
            break;
        }
        at = dir.parent();
    }
}

struct Summary<'a> {
    check: bool,
    documents: u64,
    unchanged: u64,
    stale: &'a [Outcome],
    orphans: &'a [String],
    fingerprint: &'a str,
    old_fingerprint: Option<&'a str>,
    manifest_stale: bool,
}

impl Summary<'_> {
    fn render(&self) -> String {
        use std::fmt::Write;
        let changed = self
            .stale
            .iter()
            .filter(|o| matches!(o.status, Status::Changed(_)))
            .count();
        let missing = self.stale.len() - changed;
        let mut out = String::new();
        let (verb, new_word, orphan_word) = if self.check {
            ("would change", "missing", "orphaned")
        } else {
            ("written", "new", "removed")
        };
        let _ = writeln!(
            out,
            "chaff snapshot: {} documents, {} unchanged; {} {verb}: {changed} changed, \
             {missing} {new_word}, {} {orphan_word}; rules {}",
            self.documents,
            self.unchanged,
            self.stale.len() + self.orphans.len(),
            self.orphans.len(),
            self.fingerprint
        );
        if self.manifest_stale {
            let _ = match self.old_fingerprint {
                Some(old) if old != self.fingerprint => writeln!(
                    out,
                    "  manifest  rules fingerprint {old} → {}{}",
                    self.fingerprint,
                    if self.check {
                        " (snapshots were written with other rules or another chaff)"
                    } else {
                        ""
                    }
                ),
                Some(_) => writeln!(out, "  manifest  document count changed"),
                None => writeln!(
                    out,
                    "  manifest  {MANIFEST} {}",
                    if self.check { "missing" } else { "written" }
                ),
            };
        }
        let mut rules: BTreeMap<&str, (u64, u64)> = BTreeMap::new();
        let mut listed = 0;
        let mut list = |out: &mut String, line: String| {
            if listed < LISTED {
                out.push_str(&line);
            }
            listed += 1;
        };
        for o in self.stale {
            match &o.status {
                Status::Changed(c) => {
                    for (id, (plus, minus)) in &c.rules {
                        let e = rules.entry(id).or_default();
                        e.0 += plus;
                        e.1 += minus;
                    }
                    let text = if c.text_lines > 0 {
                        format!(", {} of input text changed", lines(c.text_lines))
                    } else {
                        String::new()
                    };
                    list(
                        &mut out,
                        format!(
                            "  changed   {}: {} changed fate{text}\n",
                            snapshot::file_for(&o.name),
                            lines(c.fate_lines)
                        ),
                    );
                }
                Status::Missing => list(
                    &mut out,
                    format!("  {new_word:9} {}\n", snapshot::file_for(&o.name)),
                ),
                Status::Unchanged => {}
            }
        }
        for name in self.orphans {
            list(&mut out, format!("  {orphan_word:9} {name}\n"));
        }
        if listed > LISTED {
            let _ = writeln!(out, "  … and {} more", listed - LISTED);
        }
        if !rules.is_empty() {
            let mut rules: Vec<_> = rules.into_iter().collect();
            rules.sort_by_key(|(id, (p, m))| (std::cmp::Reverse(p + m), *id));
            let width = rules.iter().map(|(id, _)| id.len()).max().unwrap_or(0);
            let _ = writeln!(
                out,
                "  lines that changed fate, per rule (+ now decided by it, − no longer):"
            );
            for (id, (plus, minus)) in rules {
                let _ = writeln!(out, "    {id:width$}  +{plus} −{minus}");
            }
        }
        if self.check && (!self.stale.is_empty() || !self.orphans.is_empty() || self.manifest_stale)
        {
            out.push_str("  run the same command with --update instead of --check to accept\n");
        }
        out
    }
}

/// `1 line`, `2 lines`.
fn lines(n: u64) -> String {
    if n == 1 {
        "1 line".to_string()
    } else {
        format!("{n} lines")
    }
}
