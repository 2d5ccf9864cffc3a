//! Cleaning, the default command: text files or standard input to one output, JSONL
//! through the worker pipeline, or a tree of files into `--out-dir`.

use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::time::Instant;

use chaff::Cleaner;
use chaff::record::RecordOptions;

use super::io::{Output, display_name, is_stdin, write_atomic};
use super::jsonl;
use super::{
    Failure, inputs_or_stdin, load_rules, read_text, refuse_overwrite, write_failure, write_out,
};
use crate::{Cli, JsonlArgs};

pub fn command(cli: &Cli) -> Result<u8, Failure> {
    let (set, _) = load_rules(&cli.rules, &[])?;
    // Never dropped: the process ends after this command, and freeing the compiled
    // automata and tables cost 3% of a one-page run's instructions.
    let cleaner = std::mem::ManuallyDrop::new(Cleaner::new(set));
    let files = &*inputs_or_stdin(&cli.files);
    if let Some(dir) = &cli.out_dir {
        let quiet = cli.jsonl.quiet;
        return out_dir_command(&cleaner, files, dir, cli.lossy, cli.url.as_deref(), quiet);
    }
    let mut out = open_output(cli.output.as_deref(), files)?;
    let code = if cli.jsonl.jsonl {
        jsonl_command(&cleaner, files, &mut out, &cli.jsonl)?
    } else {
        let mut buf = String::new();
        for file in files {
            let text = read_text(file, cli.lossy)?;
            let cleaned = cleaner.clean_url(&text, cli.url.as_deref());
            if !cli.jsonl.quiet {
                warn_if_emptied(file, &text, &cleaned, cleaner.rules());
            }
            buf.clear();
            if cli.explain {
                if files.len() > 1 {
                    buf.push_str(&format!("== {}\n", file.display()));
                }
                buf.push_str(&chaff::explain(&cleaned, cleaner.rules()));
            } else {
                cleaned.write(&mut buf);
            }
            write_out(&mut out, buf.as_bytes())?;
        }
        0
    };
    out.finish().map_err(write_failure)?;
    Ok(code)
}

fn open_output(path: Option<&Path>, inputs: &[PathBuf]) -> Result<Output, Failure> {
    let Some(path) = path else {
        return Ok(Output::stdout());
    };
    refuse_overwrite(
        path,
        inputs,
        &format!(
            "{}: is an input; chaff never writes over its input",
            path.display()
        ),
    )?;
    Output::create(path).map_err(|e| Failure {
        code: 1,
        message: format!("{}: cannot create: {e}", path.display()),
    })
}

fn jsonl_command(
    cleaner: &Cleaner,
    files: &[PathBuf],
    out: &mut Output,
    args: &JsonlArgs,
) -> Result<u8, Failure> {
    let start = Instant::now();
    let mut record = RecordOptions::new(&args.field);
    record.annotate = args.annotate.then(|| args.annotate_field.clone());
    record.clean = !args.annotate || args.clean;
    record.url_field = Some(args.url_field.split('.').map(str::to_string).collect());
    let cfg = jsonl::Config {
        record,
        threads: args
            .threads
            .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get())),
        on_error: args.on_error,
        rejects: args.rejects.clone(),
        progress: !args.quiet && io::stderr().is_terminal(),
    };
    let stats = jsonl::run(cleaner, files, out, &cfg).map_err(|f| match f {
        jsonl::Failure::Record(message) | jsonl::Failure::Io(message) => {
            Failure { code: 1, message }
        }
        jsonl::Failure::BrokenPipe => Failure {
            code: 0,
            message: String::new(),
        },
    });
    let stats = stats?;
    if let Some(dest) = &args.stats {
        let json = stats.to_json(cleaner.rules(), start.elapsed());
        let written = if dest == "-" {
            io::stderr().write_all(json.as_bytes())
        } else {
            std::fs::write(dest, json)
        };
        written.map_err(|e| Failure {
            code: 1,
            message: format!("{dest}: cannot write stats: {e}"),
        })?;
    }
    Ok(0)
}

/// Clean every file under `paths` into `dir`, keeping relative paths.
fn out_dir_command(
    cleaner: &Cleaner,
    paths: &[PathBuf],
    dir: &Path,
    lossy: bool,
    url: Option<&str>,
    quiet: bool,
) -> Result<u8, Failure> {
    let mut jobs = Vec::new();
    for path in paths {
        if is_stdin(path) {
            return Err(Failure {
                code: 2,
                message: "--out-dir cleans files; it cannot read standard input".into(),
            });
        }
        collect_files(path, path, &mut jobs).map_err(|e| Failure {
            code: 1,
            message: format!("{}: cannot read: {e}", path.display()),
        })?;
    }
    for (file, rel) in &jobs {
        let dest = dir.join(rel);
        refuse_overwrite(
            &dest,
            std::slice::from_ref(file),
            &format!(
                "{}: the output would overwrite this input; pick an --out-dir outside the inputs",
                file.display()
            ),
        )?;
        let text = read_text(file, lossy)?;
        let cleaned = cleaner.clean_url(&text, url);
        if !quiet {
            warn_if_emptied(file, &text, &cleaned, cleaner.rules());
        }
        write_atomic(&dest, cleaned.text().as_bytes()).map_err(|e| Failure {
            code: 1,
            message: format!("{}: cannot write: {e}", dest.display()),
        })?;
    }
    Ok(0)
}

/// Every file under `path` (or `path` itself), with its path relative to `root`; a
/// single file named on the command line keeps just its file name.
fn collect_files(root: &Path, path: &Path, out: &mut Vec<(PathBuf, PathBuf)>) -> io::Result<()> {
    if path.is_dir() {
        let mut entries: Vec<PathBuf> = std::fs::read_dir(path)?
            .map(|e| e.map(|e| e.path()))
            .collect::<io::Result<_>>()?;
        entries.sort();
        for entry in entries {
            collect_files(root, &entry, out)?;
        }
    } else {
        let rel = if root == path {
            PathBuf::from(path.file_name().unwrap_or(path.as_os_str()))
        } else {
            path.strip_prefix(root).unwrap_or(path).to_path_buf()
        };
        out.push((path.to_path_buf(), rel));
    }
    Ok(())
}

/// A document with content that comes out empty is either all chaff or a rule that
/// matches too much; the output alone cannot tell which, so say it on standard error.
/// Say it too when the removal guard held a rule back.
fn warn_if_emptied(file: &Path, text: &str, cleaned: &chaff::Cleaned, rules: &[chaff::Rule]) {
    if !cleaned.held.is_empty() {
        let ids: Vec<&str> = cleaned.held.iter().map(|&r| rules[r].id.as_str()).collect();
        eprintln!(
            "chaff: note: {}: removal guard held back {}: with it, no paragraph was left; \
             run with --explain to see the document",
            display_name(file),
            ids.join(", ")
        );
    }
    if text.trim().is_empty() || !cleaned.is_empty() {
        return;
    }
    let mut lines: Vec<(usize, u64)> = Vec::new();
    for edit in cleaned.edits() {
        if let (Some(r), chaff::EditKind::DropLine) = (edit.rule, edit.kind) {
            match lines.iter_mut().find(|(rule, _)| *rule == r) {
                Some((_, n)) => *n += 1,
                None => lines.push((r, 1)),
            }
        }
    }
    lines.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let most: Vec<String> = lines
        .iter()
        .take(3)
        .map(|(r, n)| format!("{} ({n})", rules[*r].id))
        .collect();
    let more = if lines.len() > 3 { ", …" } else { "" };
    eprintln!(
        "chaff: warning: {}: every line was removed, by {}{more}; \
         run with --explain to see why, or --disable a rule that matches too much",
        display_name(file),
        most.join(", ")
    );
}
