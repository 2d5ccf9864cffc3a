//! The binary's own modules: I/O, the JSONL pipeline, stats, progress, and the review
//! commands (`snapshot`, `diff`) with the corpus reader and worker pool they share.

use chaff::RuleError;

pub mod corpus;
pub mod diff;
pub mod pool;
pub mod snapshot;

pub mod io;
pub mod jsonl;
pub mod learn;
pub mod progress;
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
