//! The `chaff` command: a thin layer over the library that owns I/O and exit codes.

mod cli;

use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use clap::{Args, Parser, Subcommand};

use chaff::record::RecordOptions;
use chaff::{Cleaner, RuleSet};
use cli::Failure;
use cli::io::{Output, display_name, is_stdin, write_atomic};
use cli::jsonl::{self, OnError};

/// Remove the chaff scrapers leave in text and keep the article, byte for byte.
///
/// chaff reads scraped plain text (files, or standard input when none are given or the
/// name is `-`) and writes it back without the noise: icon-sprite names, comment-form
/// footers, "Read more:" lines, share rows, player timecodes, datelines, glued widget
/// labels and bodies pasted twice. What counts as chaff is data: the rule files under
/// `rules/` in the source tree, embedded in the binary as the default set, plus any you
/// add with `--rules`. Kept lines are byte-identical to the input; runs of blank lines
/// fold to one. Each file is cleaned as a document of its own.
///
/// With --jsonl, each input line is a JSON object whose text field is cleaned (see
/// --field); every other field is written back untouched, in order. Inputs ending in .gz
/// or .zst are decompressed, and so is compressed standard input.
///
/// Exit codes: 0 success; 1 bad input (unreadable file, invalid UTF-8, a bad JSONL record)
/// or failing rule examples; 2 usage error or a rule file that does not load.
#[derive(Parser, Debug)]
#[command(name = "chaff", version, args_conflicts_with_subcommands = true)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,

    /// Files to clean; `-` or none reads standard input. (A file named `rules`: write `./rules`.)
    files: Vec<PathBuf>,

    /// Instead of the cleaned text, show every input line with its fate (keep, drop, cut),
    /// the rule that decided it, and cut spans between ⟦ and ⟧.
    #[arg(long)]
    explain: bool,

    /// Replace invalid UTF-8 with U+FFFD instead of failing (text mode).
    #[arg(long)]
    lossy: bool,

    /// The documents' URL, for rules limited to sites (text mode; in JSONL see --url-field).
    #[arg(long, value_name = "URL", conflicts_with = "jsonl")]
    url: Option<String>,

    /// Write to FILE instead of standard output (.gz and .zst are compressed). It may not
    /// be one of the inputs. FILE is written under a temporary name and renamed into
    /// place when the run succeeds, so a failed run never leaves half of it.
    #[arg(long, short = 'o', value_name = "FILE")]
    output: Option<PathBuf>,

    /// Clean every file under the given paths into DIR, with the same relative paths.
    /// Each output is written to a temporary file and renamed into place; an output that
    /// would overwrite an input is refused.
    #[arg(long, value_name = "DIR", conflicts_with_all = ["output", "explain", "jsonl"])]
    out_dir: Option<PathBuf>,

    #[command(flatten)]
    jsonl: JsonlArgs,

    #[command(flatten)]
    rules: RuleArgs,
}

#[derive(Args, Debug, Clone)]
#[command(next_help_heading = "JSON Lines")]
struct JsonlArgs {
    /// Read and write JSON Lines: one object a line, the text at --field.
    #[arg(long)]
    jsonl: bool,

    /// The field holding the text; dots reach into nested objects (`meta.body`).
    #[arg(long, value_name = "PATH", default_value = "text", requires = "jsonl")]
    field: String,

    /// The field holding each document's URL, for rules limited to sites (`sites = [...]`).
    /// A record without it is cleaned by the rules that apply everywhere.
    #[arg(long, value_name = "PATH", default_value = "url", requires = "jsonl")]
    url_field: String,

    /// Worker threads (default: the machine's cores). Output order and bytes do not
    /// depend on it.
    #[arg(long, short = 'j', value_name = "N", requires = "jsonl")]
    threads: Option<usize>,

    /// What to do with a record that is not JSON, lacks the field, holds a non-string
    /// there or is not UTF-8.
    #[arg(long, value_enum, default_value = "fail", requires = "jsonl")]
    on_error: OnError,

    /// With --on-error skip: write bad records, as they were, to FILE.
    #[arg(long, value_name = "FILE", requires = "jsonl")]
    rejects: Option<PathBuf>,

    /// Leave the text as it is and add a field with every edit: byte offsets into the
    /// original text, the rule id and the action. Applying the edits gives the cleaned text.
    #[arg(long, requires = "jsonl")]
    annotate: bool,

    /// The name of the --annotate field.
    #[arg(
        long,
        value_name = "NAME",
        default_value = "chaff",
        requires = "annotate"
    )]
    annotate_field: String,

    /// With --annotate: clean the text as well.
    #[arg(long, requires = "annotate")]
    clean: bool,

    /// Write a JSON summary of the run to FILE (`-` for standard error): documents, bytes,
    /// lines and bytes removed per rule, emptied documents, bad records, time, MB/s.
    #[arg(long, value_name = "FILE", requires = "jsonl")]
    stats: Option<String>,

    /// No progress line (it is shown only when standard error is a terminal), and no
    /// warning when a document with text cleans to nothing.
    #[arg(long, short = 'q')]
    quiet: bool,
}

#[derive(Args, Debug, Clone)]
#[command(next_help_heading = "Rules")]
struct RuleArgs {
    /// Add rule files: a .toml file, or a folder searched for them. Repeatable.
    #[arg(long = "rules", value_name = "PATH", global = true)]
    rule_paths: Vec<PathBuf>,

    /// Start from no rules instead of the embedded default set.
    #[arg(long, global = true)]
    no_default_rules: bool,

    /// Turn off rules whose id matches GLOB (`*`, `?`), e.g. `links.*`. Repeatable.
    #[arg(long, value_name = "GLOB", global = true)]
    disable: Vec<String>,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// List, test or check rules.
    #[command(subcommand)]
    Rules(RulesCommand),
    Learn(LearnArgs),
    Snapshot(cli::snapshot::SnapshotArgs),
    Diff(cli::diff::DiffArgs),
}

/// Learn each site's own boilerplate from a JSONL corpus and write it as a rule file.
///
/// Lines are compared after folding case, digit runs and whitespace, and counted once
/// per document, per site (the host of each record's URL, without `www.`). A line is
/// learned for a site when it is in at least --min-docs of the site's documents and
/// --min-share of them, stands next to the same line (or the document's start or end)
/// in --min-anchor of those, and is on no more than --max-sites sites: prose that many
/// sites share ("Thank you.") is never learned, nor a heading every article of one site
/// has but with different text after it.
///
/// The output is one rule per site, limited to that site, each line with its counts in
/// the description and as an example. Review it, then load it with --rules.
#[derive(Args, Debug)]
struct LearnArgs {
    /// JSONL files (.gz and .zst are decompressed); standard input when none.
    corpus: Vec<PathBuf>,

    /// The field holding the text; dots reach into nested objects.
    #[arg(long, value_name = "PATH", default_value = "text")]
    field: String,

    /// The field holding each document's URL. Records without one teach nothing.
    #[arg(long, value_name = "PATH", default_value = "url")]
    url_field: String,

    /// A line must be in at least N of a site's documents.
    #[arg(long, value_name = "N", default_value_t = 5, value_parser = clap::value_parser!(u32).range(2..))]
    min_docs: u32,

    /// ... and in at least this share of them (0 to 1).
    #[arg(long, value_name = "P", default_value_t = 0.5, value_parser = cli::share)]
    min_share: f64,

    /// A line found on more than K sites is common prose, never learned.
    #[arg(long, value_name = "K", default_value_t = 3, value_parser = clap::value_parser!(u32).range(1..))]
    max_sites: u32,

    /// A line must sit next to the same neighbour line, or the document's start or end,
    /// in at least this share of its documents (0 to 1).
    #[arg(long, value_name = "P", default_value_t = 0.5, value_parser = cli::share)]
    min_anchor: f64,

    /// What to do with a record that is not JSON, lacks the field or is not UTF-8:
    /// stop (fail) or count it and go on (skip).
    #[arg(long, value_enum, default_value = "fail")]
    on_error: LearnOnError,

    /// Write the rule file to FILE (atomically) instead of standard output.
    #[arg(long, short = 'o', value_name = "FILE")]
    output: Option<PathBuf>,

    /// No summary on standard error.
    #[arg(long, short = 'q')]
    quiet: bool,
}

#[derive(clap::ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
enum LearnOnError {
    Fail,
    Skip,
}

#[derive(Subcommand, Debug)]
enum RulesCommand {
    /// Every loaded rule: id, kind, source file, and the first line of its description.
    List,
    /// Every built-in detector with the params a rule file may set and their defaults.
    Detectors,
    /// Run the examples of the rules in PATH (default: every loaded rule), each rule alone.
    Test {
        /// Rule files or folders to test (they are loaded with the rest).
        paths: Vec<PathBuf>,
    },
    /// Load and compile rule files without running them; report the first error.
    Check {
        /// Rule files or folders.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match &cli.command {
        Some(Command::Rules(cmd)) => rules_command(cmd, &cli.rules),
        Some(Command::Learn(args)) => learn_command(args),
        Some(Command::Snapshot(args)) => {
            load_rules(&cli.rules, &[]).and_then(|(set, _)| cli::snapshot::run(args, set))
        }
        Some(Command::Diff(args)) => {
            load_rules(&cli.rules, &[]).and_then(|(set, _)| cli::diff::run(args, set))
        }
        None => clean_command(&cli),
    };
    match result {
        Ok(code) => ExitCode::from(code),
        Err(f) if f.code == 0 => ExitCode::SUCCESS,
        Err(f) => {
            eprintln!("chaff: {}", f.message);
            ExitCode::from(f.code)
        }
    }
}

fn load_rules(args: &RuleArgs, extra: &[PathBuf]) -> Result<(RuleSet, Vec<String>), Failure> {
    let paths: Vec<PathBuf> = args.rule_paths.iter().chain(extra).cloned().collect();
    Ok(RuleSet::load(
        !args.no_default_rules,
        &paths,
        &args.disable,
    )?)
}

fn clean_command(cli: &Cli) -> Result<u8, Failure> {
    let (set, _) = load_rules(&cli.rules, &[])?;
    let cleaner = Cleaner::new(set);
    let stdin_only = [PathBuf::from("-")];
    let files = if cli.files.is_empty() {
        &stdin_only[..]
    } else {
        &cli.files[..]
    };
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
    if jsonl::same_file(path, inputs) {
        return Err(Failure {
            code: 2,
            message: format!(
                "{}: is an input; chaff never writes over its input",
                path.display()
            ),
        });
    }
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
        if jsonl::same_file(&dest, std::slice::from_ref(file)) {
            return Err(Failure {
                code: 2,
                message: format!(
                    "{}: the output would overwrite this input; pick an --out-dir outside the inputs",
                    file.display()
                ),
            });
        }
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

fn read_text(path: &Path, lossy: bool) -> Result<String, Failure> {
    cli::io::read_text(path, lossy).map_err(Failure::input)
}

fn write_out(out: &mut impl Write, bytes: &[u8]) -> Result<(), Failure> {
    out.write_all(bytes).map_err(write_failure)
}

/// A closed pipe (`chaff … | head`) is a reader that has seen enough: end quietly.
fn write_failure(e: io::Error) -> Failure {
    if e.kind() == io::ErrorKind::BrokenPipe {
        Failure {
            code: 0,
            message: String::new(),
        }
    } else {
        Failure {
            code: 1,
            message: format!("cannot write output: {e}"),
        }
    }
}

fn learn_command(args: &LearnArgs) -> Result<u8, Failure> {
    let stdin_only = [PathBuf::from("-")];
    let inputs = if args.corpus.is_empty() {
        &stdin_only[..]
    } else {
        &args.corpus[..]
    };
    if let Some(out) = &args.output
        && jsonl::same_file(out, inputs)
    {
        return Err(Failure {
            code: 2,
            message: format!(
                "{}: is an input; chaff never writes over its input",
                out.display()
            ),
        });
    }
    let mut record = RecordOptions::new(&args.field);
    record.url_field = Some(args.url_field.split('.').map(str::to_string).collect());
    let opts = chaff::learn::LearnOptions {
        min_docs: args.min_docs,
        min_share: args.min_share,
        max_sites: args.max_sites,
        min_anchor: args.min_anchor,
    };
    let skip = args.on_error == LearnOnError::Skip;
    let (learned, bad) = cli::learn::run(inputs, &record, &opts, skip)?;
    let toml = learned.to_toml();
    match &args.output {
        Some(path) => write_atomic(path, toml.as_bytes()).map_err(|e| Failure {
            code: 1,
            message: format!("{}: cannot write: {e}", path.display()),
        })?,
        None => {
            let mut out = io::stdout().lock();
            write_out(&mut out, toml.as_bytes())?;
            out.flush().map_err(write_failure)?;
        }
    }
    if !args.quiet {
        eprintln!(
            "chaff learn: {} documents ({} without a URL, {} bad records skipped), {} sites with \
             learned lines, {} lines learned, {} left out as common to more than {} sites",
            learned.documents,
            learned.without_url,
            bad,
            learned.sites.len(),
            learned.lines(),
            learned.common_lines,
            args.max_sites
        );
    }
    Ok(0)
}

fn rules_command(cmd: &RulesCommand, args: &RuleArgs) -> Result<u8, Failure> {
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let mut text = String::new();
    let code = match cmd {
        RulesCommand::List => {
            let (set, _) = load_rules(args, &[])?;
            let width = set.rules.iter().map(|r| r.id.len()).max().unwrap_or(0);
            for r in &set.rules {
                let state = if r.enabled { "" } else { " (disabled)" };
                text.push_str(&format!(
                    "{:width$}  {:28}  {}{state}\n{:width$}  {:28}  {}\n",
                    r.id,
                    r.kind(),
                    r.summary(),
                    "",
                    "",
                    r.source
                ));
                for file in &r.overridden_by {
                    text.push_str(&format!(
                        "{:width$}  {:28}  params overridden by {file}\n",
                        "", ""
                    ));
                }
            }
            0
        }
        RulesCommand::Detectors => {
            for name in chaff::detect::names() {
                let params = chaff::detect::Detector::params_of(name).map_err(Failure::usage)?;
                let shown: Vec<String> = params
                    .iter()
                    .map(|(key, default)| match default {
                        chaff::detect::ParamDefault::Number(n) => format!("{key} ({n})"),
                        chaff::detect::ParamDefault::Flag(b) => format!("{key} ({b})"),
                        chaff::detect::ParamDefault::List => format!("{key} (list)"),
                    })
                    .collect();
                text.push_str(&format!("{name:20}  {}\n", shown.join(", ")));
            }
            0
        }
        RulesCommand::Check { paths } => {
            let (set, files) = load_rules(args, paths)?;
            let n = set
                .rules
                .iter()
                .filter(|r| files.contains(&r.source))
                .count();
            text.push_str(&format!("ok: {n} rules in {} files\n", files.len()));
            0
        }
        RulesCommand::Test { paths } => {
            let (mut set, files) = load_rules(args, paths)?;
            if !paths.is_empty() {
                set.rules.retain(|r| files.contains(&r.source));
            }
            let report = chaff::examples::run(&set);
            for f in &report.failures {
                text.push_str(&format!("{f}\n\n"));
            }
            text.push_str(&format!(
                "{} rules, {} examples: {} passed, {} failed\n",
                report.rules,
                report.examples,
                report.examples - report.failures.len(),
                report.failures.len()
            ));
            u8::from(!report.failures.is_empty())
        }
    };
    write_out(&mut out, text.as_bytes())?;
    out.flush().map_err(write_failure)?;
    Ok(code)
}
