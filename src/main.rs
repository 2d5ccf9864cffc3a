//! The `chaff` command: a thin layer over the library that owns I/O and exit codes.

use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};

use chaff::{Cleaner, RuleError, RuleSet, Source};

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
/// Exit codes: 0 success; 1 bad input (unreadable file, invalid UTF-8) or failing rule
/// examples; 2 usage error or a rule file that does not load.
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

    /// Replace invalid UTF-8 with U+FFFD instead of failing.
    #[arg(long)]
    lossy: bool,

    #[command(flatten)]
    rules: RuleArgs,
}

#[derive(Args, Debug, Clone)]
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
}

#[derive(Subcommand, Debug)]
enum RulesCommand {
    /// Every loaded rule: id, kind, source file, and the first line of its description.
    List,
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

/// An error and the exit code it ends with.
struct Failure {
    code: u8,
    message: String,
}

impl From<RuleError> for Failure {
    fn from(e: RuleError) -> Self {
        Failure {
            code: 2,
            message: e.to_string(),
        }
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match &cli.command {
        Some(Command::Rules(cmd)) => rules_command(cmd, &cli.rules),
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
    let mut set = if args.no_default_rules {
        RuleSet::default()
    } else {
        RuleSet::defaults()?
    };
    let mut extra_sources = Vec::new();
    for path in args.rule_paths.iter().chain(extra) {
        for source in Source::read_path(path)? {
            set.add_source(&source)?;
            extra_sources.push(source.name);
        }
    }
    for glob in &args.disable {
        set.disable(glob)?;
    }
    Ok((set, extra_sources))
}

fn clean_command(cli: &Cli) -> Result<u8, Failure> {
    let (set, _) = load_rules(&cli.rules, &[])?;
    let cleaner = Cleaner::new(set);
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let stdin_only = [PathBuf::from("-")];
    let files = if cli.files.is_empty() {
        &stdin_only[..]
    } else {
        &cli.files[..]
    };
    let mut buf = String::new();
    for file in files {
        let text = read_input(file, cli.lossy)?;
        let cleaned = cleaner.clean(&text);
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
    out.flush().map_err(write_failure)?;
    Ok(0)
}

fn read_input(path: &Path, lossy: bool) -> Result<String, Failure> {
    let name = if path == Path::new("-") {
        "<stdin>".to_string()
    } else {
        path.display().to_string()
    };
    let mut bytes = Vec::new();
    let read = if path == Path::new("-") {
        io::stdin().lock().read_to_end(&mut bytes)
    } else {
        std::fs::File::open(path).and_then(|mut f| f.read_to_end(&mut bytes))
    };
    read.map_err(|e| Failure {
        code: 1,
        message: format!("{name}: cannot read: {e}"),
    })?;
    match String::from_utf8(bytes) {
        Ok(s) => Ok(s),
        Err(e) if lossy => Ok(String::from_utf8_lossy(e.as_bytes()).into_owned()),
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            let line = e.as_bytes()[..at].iter().filter(|&&b| b == b'\n').count() + 1;
            Err(Failure {
                code: 1,
                message: format!(
                    "{name}: invalid UTF-8 at byte {at} (line {line}); \
                     pass --lossy to replace invalid bytes with U+FFFD"
                ),
            })
        }
    }
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
