//! `chaff learn`: read JSONL corpora and count their lines per site.

use std::io::BufRead;
use std::path::PathBuf;

use chaff::learn::{LearnOptions, Learned, Learner};
use chaff::record::{RecordOptions, read_record};

use super::Failure;
use super::io::{display_name, open_input, record_bytes};

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
