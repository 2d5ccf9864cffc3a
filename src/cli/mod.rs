//! The binary's own modules: one a command (`clean`, `rules`, `learn`, `snapshot`,
//! `diff`), and what they share: I/O, the JSONL pipeline, stats, progress, the corpus
//! reader and worker pool of the review commands, the one failure type and rule loading.

use std::io::Write;
use std::path::{Path, PathBuf};

use chaff::{RuleError, RuleSet};

use crate::RuleArgs;

pub mod corpus;
pub mod diff;
pub mod pool;
pub mod snapshot;

pub mod clean;
pub mod io;
pub mod jsonl;
pub mod learn;
pub mod progress;
pub mod rules;
pub mod stats;

/// An error and the exit code it ends with (0: a closed output pipe, end quietly).
pub struct Failure {
    pub code: u8,
    pub message: String,
}

impl Failure {
    /// Bad input or a failed write: exit code 1.
    pub fn input(message: impl Into<String>) -> Failure {
        Failure {
            code: 1,
            message: message.into(),
        }
    }

    /// A usage error: exit code 2.
    pub fn usage(message: impl Into<String>) -> Failure {
        Failure {
            code: 2,
            message: message.into(),
        }
    }
}

impl From<RuleError> for Failure {
    fn from(e: RuleError) -> Self {
        Failure::usage(e.to_string())
    }
}

/// A share from 0 to 1, parsed from an argument.
pub fn share(s: &str) -> Result<f64, String> {
    let p: f64 = s.parse().map_err(|_| format!("`{s}` is not a number"))?;
    if (0.0..=1.0).contains(&p) {
        Ok(p)
    } else {
        Err(format!("{p} is not between 0 and 1"))
    }
}

pub fn read_text(path: &Path, lossy: bool) -> Result<String, Failure> {
    io::read_text(path, lossy).map_err(Failure::input)
}

pub fn write_out(out: &mut impl Write, bytes: &[u8]) -> Result<(), Failure> {
    out.write_all(bytes).map_err(write_failure)
}

/// A closed pipe (`chaff … | head`) is a reader that has seen enough: end quietly.
pub fn write_failure(e: std::io::Error) -> Failure {
    if e.kind() == std::io::ErrorKind::BrokenPipe {
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

/// The files a command reads: those it was given, or standard input (`-`) when none.
pub fn inputs_or_stdin(files: &[PathBuf]) -> std::borrow::Cow<'_, [PathBuf]> {
    if files.is_empty() {
        std::borrow::Cow::Owned(vec![PathBuf::from("-")])
    } else {
        std::borrow::Cow::Borrowed(files)
    }
}

/// Refuses an output that is one of the inputs: chaff never writes over its input (exit
/// code 2, as for any bad argument). A path that does not exist yet is no input.
pub fn refuse_overwrite(output: &Path, inputs: &[PathBuf], why: &str) -> Result<(), Failure> {
    let Ok(out) = output.canonicalize() else {
        return Ok(());
    };
    if inputs
        .iter()
        .filter_map(|p| p.canonicalize().ok())
        .any(|p| p == out)
    {
        return Err(Failure {
            code: 2,
            message: why.to_string(),
        });
    }
    Ok(())
}

pub fn load_rules(args: &RuleArgs, extra: &[PathBuf]) -> Result<(RuleSet, Vec<String>), Failure> {
    let paths: Vec<PathBuf> = args.rule_paths.iter().chain(extra).cloned().collect();
    Ok(RuleSet::load(
        !args.no_default_rules,
        &paths,
        &args.disable,
    )?)
}
