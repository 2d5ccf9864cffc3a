//! Reading a corpus for the review commands: text files (a file, or every file under a
//! folder) or JSON Lines records, each document with a stable name.
//!
//! Names are what snapshots are filed under (see `chaff::review::snapshot`): a text
//! file's path relative to the folder given, a record's JSONL file name and its id.
//! Two documents with one name are an error, not a silent overwrite.

use std::collections::HashMap;
use std::io::BufRead;
use std::path::{Path, PathBuf};

use clap::Args;

use chaff::record::{RecordOptions, read_id, read_record};
use chaff::review::snapshot::{name_for_path, name_for_record, record_prefix};

use super::Failure;
use super::io::{display_name, is_stdin, open_input, read_text, record_bytes};

/// How the review commands read their corpus (flattened into their arguments).
#[derive(Args, Debug)]
#[command(next_help_heading = "Corpus")]
pub struct CorpusArgs {
    /// The corpus is JSON Lines: one document per record, named by --id-field.
    #[arg(long)]
    pub jsonl: bool,

    /// The field holding the text; dots reach into nested objects.
    #[arg(long, value_name = "PATH", default_value = "text", requires = "jsonl")]
    pub field: String,

    /// The field holding each record's id (a string or a number), which names the
    /// document. `chaff snapshot` needs one in every record; `chaff diff` names a record
    /// without one by its line number.
    #[arg(long, value_name = "PATH", default_value = "id", requires = "jsonl")]
    pub id_field: String,

    /// The field holding each record's URL, for rules limited to sites.
    #[arg(long, value_name = "PATH", default_value = "url", requires = "jsonl")]
    pub url_field: String,

    /// Worker threads (default: the machine's cores). What is written does not depend on it.
    #[arg(long, short = 'j', value_name = "N")]
    pub threads: Option<usize>,

    /// Replace invalid UTF-8 in text files with U+FFFD instead of failing.
    #[arg(long)]
    pub lossy: bool,
}

impl CorpusArgs {
    pub fn options(&self, id_required: bool, exclude: Option<PathBuf>) -> Options {
        let mut record = RecordOptions::new(&self.field);
        record.url_field = Some(self.url_field.split('.').map(str::to_string).collect());
        Options {
            jsonl: self.jsonl,
            record,
            id_field: self.id_field.split('.').map(str::to_string).collect(),
            id_required,
            lossy: self.lossy,
            exclude,
        }
    }

    pub fn threads(&self) -> usize {
        self.threads
            .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
    }
}

pub struct Options {
    /// Inputs are JSON Lines, not text files.
    pub jsonl: bool,
    /// The text and URL fields of a record.
    pub record: RecordOptions,
    /// The field holding a record's id.
    pub id_field: Vec<String>,
    /// A record without an id is an error; otherwise it is named by its line number.
    pub id_required: bool,
    /// Replace invalid UTF-8 in text files with U+FFFD.
    pub lossy: bool,
    /// A folder never read as part of the corpus (the snapshot folder, canonical).
    pub exclude: Option<PathBuf>,
}

/// One document of the corpus.
pub struct Doc {
    pub name: String,
    pub text: String,
    pub url: Option<String>,
}

/// Call `each` with every document of `paths`, in order (sorted within folders); stop
/// early when it returns false.
pub fn read(
    paths: &[PathBuf],
    opts: &Options,
    each: &mut dyn FnMut(Doc) -> bool,
) -> Result<(), Failure> {
    let mut seen: HashMap<String, String> = HashMap::new();
    for path in paths {
        let mut files = Vec::new();
        if is_stdin(path) {
            files.push((path.clone(), PathBuf::from("stdin")));
        } else {
            let meta = std::fs::metadata(path).map_err(|e| {
                Failure::input(format!("{}: cannot read corpus: {e}", path.display()))
            })?;
            if meta.is_dir() {
                walk(path, path, opts.exclude.as_deref(), &mut files).map_err(|e| {
                    Failure::input(format!(
                        "{}: cannot list corpus folder: {e}",
                        path.display()
                    ))
                })?;
            } else {
                let name = path.file_name().map_or(path.clone(), PathBuf::from);
                files.push((path.clone(), name));
            }
        }
        for (file, rel) in files {
            let go_on = if opts.jsonl {
                read_jsonl(&file, &rel, opts, &mut seen, each)?
            } else {
                let name = name_for_path(&rel);
                check_unique(&mut seen, &name, &display_name(&file))?;
                let text = read_text(&file, opts.lossy).map_err(Failure::input)?;
                each(Doc {
                    name,
                    text,
                    url: None,
                })
            };
            if !go_on {
                return Ok(());
            }
        }
    }
    Ok(())
}

fn read_jsonl(
    file: &Path,
    rel: &Path,
    opts: &Options,
    seen: &mut HashMap<String, String>,
    each: &mut dyn FnMut(Doc) -> bool,
) -> Result<bool, Failure> {
    let shown = display_name(file);
    let io = |e: std::io::Error| Failure::input(format!("{shown}: cannot read: {e}"));
    let prefix = record_prefix(rel);
    let mut reader = open_input(file).map_err(io)?;
    let mut line = Vec::new();
    let mut line_no = 0u64;
    loop {
        line.clear();
        if reader.read_until(b'\n', &mut line).map_err(io)? == 0 {
            return Ok(true);
        }
        line_no += 1;
        let Some(rec) = record_bytes(&line) else {
            continue;
        };
        let at = format!("{shown}:{line_no}");
        let (text, url) =
            read_record(rec, &opts.record).map_err(|e| Failure::input(format!("{at}: {e}")))?;
        let id = match read_id(rec, &opts.id_field) {
            Some(id) => id,
            None if opts.id_required => {
                return Err(Failure::input(format!(
                    "{at}: the record has no id at `{}` (a string or a number) to name its snapshot; \
                     pass --id-field to name the field that has one",
                    opts.id_field.join(".")
                )));
            }
            None => format!("line-{line_no}"),
        };
        let name = name_for_record(&prefix, &id);
        check_unique(seen, &name, &at)?;
        if !each(Doc { name, text, url }) {
            return Ok(false);
        }
    }
}

fn check_unique(
    seen: &mut HashMap<String, String>,
    name: &str,
    origin: &str,
) -> Result<(), Failure> {
    if let Some(first) = seen.get(name) {
        return Err(Failure::input(format!(
            "{origin}: its document name `{name}` is taken by {first}; names come from file \
             paths and record ids and must be unique"
        )));
    }
    seen.insert(name.to_string(), origin.to_string());
    Ok(())
}

/// Every file under `dir`, sorted, with its path relative to `root`. Entries whose name
/// starts with `.` (`.git`, editor files) and the `exclude` folder are left out.
fn walk(
    root: &Path,
    dir: &Path,
    exclude: Option<&Path>,
    out: &mut Vec<(PathBuf, PathBuf)>,
) -> std::io::Result<()> {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)?
        .map(|e| e.map(|e| e.path()))
        .collect::<std::io::Result<_>>()?;
    entries.sort();
    for entry in entries {
        if entry
            .file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with('.'))
        {
            continue;
        }
        if entry.is_dir() {
            if exclude.is_some_and(|x| entry.canonicalize().is_ok_and(|c| c == x)) {
                continue;
            }
            walk(root, &entry, exclude, out)?;
        } else {
            let rel = entry.strip_prefix(root).unwrap_or(&entry).to_path_buf();
            out.push((entry, rel));
        }
    }
    Ok(())
}
