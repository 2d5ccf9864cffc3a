//! The binary's own modules: I/O, the JSONL pipeline, stats, progress.

pub mod io;
pub mod jsonl;
pub mod learn;
pub mod progress;
pub mod stats;
