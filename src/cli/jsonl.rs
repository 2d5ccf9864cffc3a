//! JSON Lines mode: stream records in batches through worker threads and write them
//! back in input order.
//!
//! A reader thread cuts the input into batches of whole lines, workers clean batches,
//! and the writer puts results back in order. Channels are bounded, so memory holds a
//! few batches per worker whatever the input's length; the output is the same bytes for
//! any thread count.

use std::collections::BTreeMap;
use std::io::{BufRead, Write};
use std::path::PathBuf;
use std::sync::mpsc::{Receiver, SyncSender, sync_channel};
use std::time::Instant;

use chaff::Cleaner;
use chaff::record::{RecordError, RecordOptions, RecordOutput, clean_record};

use super::io::{Output, display_name, open_input};
use super::progress::Progress;
use super::stats::Stats;

/// What to do with a record that cannot be cleaned.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum OnError {
    /// Stop with exit code 1, after writing every good record before it.
    Fail,
    /// Write the record as it is to `--rejects` (if given) and leave it out of the output.
    Skip,
    /// Pass the record through unchanged.
    Keep,
}

pub struct Config {
    pub record: RecordOptions,
    pub threads: usize,
    pub on_error: OnError,
    pub rejects: Option<PathBuf>,
    pub progress: bool,
}

/// Whole lines of one input, with the number of the first.
struct Batch {
    input: usize,
    first_line: u64,
    data: Vec<u8>,
    /// End of each line in `data` (the line break excluded).
    ends: Vec<(usize, usize)>,
}

struct Done {
    batch: Batch,
    results: Vec<Result<RecordOutput, RecordError>>,
}

/// Bytes a batch aims at: big enough to amortise the hand-offs, small enough that a few
/// per worker stay well inside the memory budget.
const BATCH_BYTES: usize = 1 << 20;

pub enum Failure {
    /// A record error in `--on-error fail` mode: file, line and what is wrong.
    Record(String),
    Io(String),
    BrokenPipe,
}

pub fn run(
    cleaner: &Cleaner,
    inputs: &[PathBuf],
    out: &mut Output,
    cfg: &Config,
) -> Result<Stats, Failure> {
    let start = Instant::now();
    let threads = cfg.threads.max(1);
    let (work_tx, work_rx) = sync_channel::<(u64, Batch)>(threads * 2);
    let work_rx = std::sync::Mutex::new(work_rx);
    let (done_tx, done_rx) = sync_channel::<(u64, Done)>(threads * 2);
    let mut rejects = match &cfg.rejects {
        Some(p) => Some(Output::create(p).map_err(|e| {
            Failure::Io(format!("{}: cannot create rejects file: {e}", p.display()))
        })?),
        None => None,
    };

    std::thread::scope(|scope| {
        let reader = scope.spawn(move || read_batches(inputs, work_tx));
        for _ in 0..threads {
            let done_tx = done_tx.clone();
            let work_rx = &work_rx;
            scope.spawn(move || {
                loop {
                    let next = work_rx.lock().expect("no worker panics").recv();
                    let Ok((seq, batch)) = next else { break };
                    let results = batch
                        .ends
                        .iter()
                        .map(|&(s, e)| clean_record(cleaner, &batch.data[s..e], &cfg.record))
                        .collect();
                    if done_tx.send((seq, Done { batch, results })).is_err() {
                        break;
                    }
                }
            });
        }
        drop(done_tx);
        let written = write_in_order(done_rx, inputs, out, rejects.as_mut(), cfg, start);
        let read = reader.join().expect("the reader does not panic");
        let mut stats = written?;
        stats.bytes_in = read?;
        Ok(stats)
    })
    .and_then(|stats| {
        if let Some(r) = rejects {
            r.finish()
                .map_err(|e| Failure::Io(format!("cannot write rejects file: {e}")))?;
        }
        Ok(stats)
    })
}

/// Cut every input into batches of whole lines. Returns the bytes read.
fn read_batches(inputs: &[PathBuf], tx: SyncSender<(u64, Batch)>) -> Result<u64, Failure> {
    let mut seq = 0;
    let mut total = 0u64;
    for (input, path) in inputs.iter().enumerate() {
        let name = display_name(path);
        let mut reader =
            open_input(path).map_err(|e| Failure::Io(format!("{name}: cannot read: {e}")))?;
        let mut line_no = 1u64;
        loop {
            let mut batch = Batch {
                input,
                first_line: line_no,
                data: Vec::with_capacity(BATCH_BYTES + (BATCH_BYTES >> 2)),
                ends: Vec::new(),
            };
            while batch.data.len() < BATCH_BYTES {
                let start = batch.data.len();
                let n = reader
                    .read_until(b'\n', &mut batch.data)
                    .map_err(|e| Failure::Io(format!("{name}: cannot read: {e}")))?;
                if n == 0 {
                    break;
                }
                total += n as u64;
                let mut end = batch.data.len();
                if batch.data[start..end].ends_with(b"\n") {
                    end -= 1;
                    if batch.data[start..end].ends_with(b"\r") {
                        end -= 1;
                    }
                }
                batch.ends.push((start, end));
                line_no += 1;
            }
            if batch.ends.is_empty() {
                break;
            }
            if tx.send((seq, batch)).is_err() {
                // The writer stopped (a failed record or a closed output): stop reading.
                return Ok(total);
            }
            seq += 1;
        }
    }
    Ok(total)
}

fn write_in_order(
    rx: Receiver<(u64, Done)>,
    inputs: &[PathBuf],
    out: &mut Output,
    mut rejects: Option<&mut Output>,
    cfg: &Config,
    start: Instant,
) -> Result<Stats, Failure> {
    let mut stats = Stats::default();
    let mut pending = BTreeMap::new();
    let mut next = 0u64;
    let mut progress = Progress::new(cfg.progress);
    let io = |e: std::io::Error| {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            Failure::BrokenPipe
        } else {
            Failure::Io(format!("cannot write output: {e}"))
        }
    };
    for (seq, done) in rx {
        pending.insert(seq, done);
        while let Some(done) = pending.remove(&next) {
            next += 1;
            let batch = &done.batch;
            for (k, result) in done.results.iter().enumerate() {
                let (s, e) = batch.ends[k];
                let raw = &batch.data[s..e];
                match result {
                    Ok(record) => {
                        stats.add_document(record);
                        out.write_all(record.line.as_bytes()).map_err(io)?;
                        out.write_all(b"\n").map_err(io)?;
                        stats.bytes_out += record.line.len() as u64 + 1;
                    }
                    Err(err) => {
                        *stats.bad.entry(err.kind()).or_insert(0) += 1;
                        let at = format!(
                            "{}: line {}: {err}",
                            display_name(&inputs[batch.input]),
                            batch.first_line + k as u64
                        );
                        match cfg.on_error {
                            OnError::Fail => {
                                return Err(Failure::Record(format!(
                                    "{at}; pass --on-error skip or keep to go on past bad records"
                                )));
                            }
                            OnError::Skip => {
                                if let Some(r) = rejects.as_deref_mut() {
                                    r.write_all(raw).map_err(io)?;
                                    r.write_all(b"\n").map_err(io)?;
                                    stats.bad_written_to_rejects += 1;
                                }
                            }
                            OnError::Keep => {
                                out.write_all(raw).map_err(io)?;
                                out.write_all(b"\n").map_err(io)?;
                                stats.bytes_out += raw.len() as u64 + 1;
                                stats.bad_kept += 1;
                            }
                        }
                    }
                }
            }
            progress.update(stats.documents, stats.text_bytes_in, start);
        }
    }
    progress.finish();
    Ok(stats)
}
