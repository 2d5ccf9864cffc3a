//! `chaff diff`: clean a corpus under two rule configurations in one run and report
//! what changed.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;

use clap::{Args, ValueEnum};

use chaff::review::diff::{DocDiff, Report};
use chaff::{Cleaner, RuleSet};

use super::Failure;
use super::corpus::{self, CorpusArgs, Doc};
use super::io::Output;
use super::pool::map_ordered;

/// Report what a rule change does to a corpus: every document is cleaned under the base
/// configuration and the new one, in one run, and the report gives documents changed,
/// lines and bytes removed before and after, per rule, documents newly emptied or
/// guarded, and a diff of the cleaned text of the documents that changed most, each
/// changed line with the rule that now removes it or no longer does.
///
/// The new configuration is the usual one (`--rules`, `--disable`, `--no-default-rules`);
/// the base configuration has its own flags (`--base-rules`, `--base-disable`,
/// `--base-no-default-rules`). So `chaff diff --disable links.read-more corpus/` shows
/// what that rule does, and `chaff diff --base-rules old/ --rules new/ corpus/` what a
/// change to your rule files does.
///
/// Exit codes: 0 (no gate tripped); 1 a gate tripped (--fail-on-emptied,
/// --fail-on-removed-share) or bad input; 2 usage error or a rule file that does not load.
#[derive(Args, Debug)]
pub struct DiffArgs {
    /// Text files, folders of them, or with --jsonl JSON Lines files (.gz, .zst); `-`
    /// reads standard input.
    #[arg(required = true)]
    inputs: Vec<PathBuf>,

    /// Base configuration: add rule files (a .toml file or a folder). Repeatable.
    #[arg(long = "base-rules", value_name = "PATH")]
    base_rules: Vec<PathBuf>,

    /// Base configuration: turn off rules whose id matches GLOB. Repeatable.
    #[arg(long = "base-disable", value_name = "GLOB")]
    base_disable: Vec<String>,

    /// Base configuration: start from no rules instead of the embedded default set.
    #[arg(long = "base-no-default-rules")]
    base_no_default_rules: bool,

    /// The report's form: markdown (a pull-request comment), text (a terminal), json.
    #[arg(long, value_enum, default_value = "text")]
    format: Format,

    /// Show the diffs of at most N documents, those that changed most.
    #[arg(long, value_name = "N", default_value_t = 10)]
    max_docs: usize,

    /// Exit 1 when a document that had text is emptied under the new rules and was not
    /// under the base rules.
    #[arg(long)]
    fail_on_emptied: bool,

    /// Exit 1 when the share of input bytes whose fate changed (removed under one
    /// configuration, kept under the other) is above X (0 to 1; 0.01 is 1%).
    #[arg(long, value_name = "X", value_parser = super::share)]
    fail_on_removed_share: Option<f64>,

    /// Write the report to FILE instead of standard output.
    #[arg(long, short = 'o', value_name = "FILE")]
    output: Option<PathBuf>,

    /// Colour the text report: auto (when standard output is a terminal), always, never.
    #[arg(long, value_enum, default_value = "auto")]
    color: Color,

    #[command(flatten)]
    corpus_args: CorpusArgs,
}

#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
enum Format {
    Markdown,
    Text,
    Json,
}

#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
enum Color {
    Auto,
    Always,
    Never,
}

pub fn run(args: &DiffArgs, new_rules: RuleSet) -> Result<u8, Failure> {
    let (base_rules, _) = RuleSet::load(
        !args.base_no_default_rules,
        &args.base_rules,
        &args.base_disable,
    )
    .map_err(|e| Failure::usage(format!("base rules: {e}")))?;
    let base = Cleaner::new(base_rules);
    let new = Cleaner::new(new_rules);
    let opts = args.corpus_args.options(false, None);
    let threads = args.corpus_args.threads();
    let mut report = Report::new(args.max_docs);
    let mut index = 0u64;
    map_ordered(
        threads,
        |send| corpus::read(&args.inputs, &opts, &mut |doc| send(doc)),
        |doc: Doc| {
            let a = base.clean_url(&doc.text, doc.url.as_deref());
            let b = new.clean_url(&doc.text, doc.url.as_deref());
            DocDiff::new(doc.name, &a, base.rules(), &b, new.rules())
        },
        |diff| {
            report.add(index, diff);
            index += 1;
            Ok(())
        },
    )?;

    let text = match args.format {
        Format::Markdown => report.to_markdown(),
        Format::Json => report.to_json(),
        Format::Text => {
            let color = match args.color {
                Color::Always => true,
                Color::Never => false,
                Color::Auto => args.output.is_none() && std::io::stdout().is_terminal(),
            };
            report.to_text(color)
        }
    };
    let mut out = match &args.output {
        Some(path) => Output::create(path)
            .map_err(|e| Failure::input(format!("{}: cannot create: {e}", path.display())))?,
        None => Output::stdout(),
    };
    let written = out.write_all(text.as_bytes()).and_then(|()| out.finish());
    match written {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {}
        Err(e) => return Err(Failure::input(format!("cannot write the report: {e}"))),
        Ok(()) => {}
    }

    let mut tripped = Vec::new();
    if args.fail_on_emptied && report.newly_emptied > 0 {
        tripped.push(format!(
            "{} newly emptied (--fail-on-emptied)",
            if report.newly_emptied == 1 {
                "1 document".to_string()
            } else {
                format!("{} documents", report.newly_emptied)
            }
        ));
    }
    if let Some(max) = args.fail_on_removed_share
        && report.changed_share() > max
    {
        tripped.push(format!(
            "fate changed for {:.3}% of the input bytes, above {:.3}% (--fail-on-removed-share)",
            report.changed_share() * 100.0,
            max * 100.0
        ));
    }
    for t in &tripped {
        eprintln!("chaff diff: gate tripped: {t}");
    }
    Ok(u8::from(!tripped.is_empty()))
}
