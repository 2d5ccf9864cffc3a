//! `chaff learn`: read JSONL corpora and count their lines per site.

use std::io::{self, BufRead, Write};
use std::path::PathBuf;

use chaff::learn::{LearnOptions, Learned, Learner};
use chaff::record::{RecordOptions, read_record};

use crate::{LearnArgs, LearnOnError};

use super::io::{display_name, open_input, record_bytes, write_atomic};
use super::{Failure, inputs_or_stdin, refuse_overwrite, write_failure, write_out};

/// Learn from every record of `inputs`. A bad record stops the run with its file and
/// line, unless `skip_bad`; then it is counted in the second value.
pub fn run(
    inputs: &[PathBuf],
    record: &RecordOptions,
    opts: &LearnOptions,
    skip_bad: bool,
) -> Result<(Learned, u64), Failure> {
    let mut learner = Learner::new();
    let mut bad = 0u64;
    let mut line = Vec::new();
    for path in inputs {
        let name = display_name(path);
        let io_failure = |e: std::io::Error| Failure {
            code: 1,
            message: format!("{name}: cannot read: {e}"),
        };
        let mut reader = open_input(path).map_err(io_failure)?;
        let mut line_no = 0u64;
        loop {
            line.clear();
            if reader.read_until(b'\n', &mut line).map_err(io_failure)? == 0 {
                break;
            }
            line_no += 1;
            let Some(rec) = record_bytes(&line) else {
                continue;
            };
            match read_record(rec, record) {
                Ok((text, url)) => learner.add(url.as_deref(), &text, opts),
                Err(_) if skip_bad => bad += 1,
                Err(e) => {
                    return Err(Failure {
                        code: 1,
                        message: format!(
                            "{name}:{line_no}: {e} (pass --on-error skip to learn from the rest)"
                        ),
                    });
                }
            }
        }
    }
    Ok((learner.finish(opts), bad))
}

/// `chaff learn`: the command, from its arguments to the rule file it writes.
pub fn command(args: &LearnArgs) -> Result<u8, Failure> {
    let inputs = &*inputs_or_stdin(&args.corpus);
    if let Some(out) = &args.output {
        refuse_overwrite(
            out,
            inputs,
            &format!(
                "{}: is an input; chaff never writes over its input",
                out.display()
            ),
        )?;
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
    let (learned, bad) = run(inputs, &record, &opts, skip)?;
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
             learned lines, {} lines learned, {} left out as common to more than {} sites, {} as \
             a page's headline",
            learned.documents,
            learned.without_url,
            bad,
            learned.sites.len(),
            learned.lines(),
            learned.common_lines,
            args.max_sites,
            learned.headlines
        );
    }
    Ok(0)
}
