//! The `chaff` command: a thin layer over the library that owns I/O and exit codes. This
//! file holds the arguments and hands each command to its module under `cli/` (`clean`,
//! `rules`, `learn`, `snapshot`, `diff`); a command returns its exit code or a
//! [`cli::Failure`], which `main` prints once.

mod cli;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};

use cli::jsonl::OnError;

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
        Some(Command::Rules(cmd)) => cli::rules::command(cmd, &cli.rules),
        Some(Command::Learn(args)) => cli::learn::command(args),
        Some(Command::Snapshot(args)) => {
            cli::load_rules(&cli.rules, &[]).and_then(|(set, _)| cli::snapshot::run(args, set))
        }
        Some(Command::Diff(args)) => {
            cli::load_rules(&cli.rules, &[]).and_then(|(set, _)| cli::diff::run(args, set))
        }
        None => cli::clean::command(&cli),
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
