//! A one-line progress report on standard error, only when it is a terminal.

use std::io::Write;
use std::time::{Duration, Instant};

pub struct Progress {
    on: bool,
    last: Option<Instant>,
    shown: bool,
}

impl Progress {
    pub fn new(on: bool) -> Self {
        Progress {
            on,
            last: None,
            shown: false,
        }
    }

    pub fn update(&mut self, documents: u64, bytes: u64, start: Instant) {
        if !self.on
            || self
                .last
                .is_some_and(|t| t.elapsed() < Duration::from_millis(250))
        {
            return;
        }
        self.last = Some(Instant::now());
        let secs = start.elapsed().as_secs_f64().max(1e-9);
        let mb = bytes as f64 / 1e6;
        let _ = write!(
            std::io::stderr(),
            "\r{documents} documents, {mb:.1} MB of text, {:.1} MB/s   ",
            mb / secs
        );
        self.shown = true;
    }

    pub fn finish(&mut self) {
        if self.shown {
            let _ = writeln!(std::io::stderr());
        }
    }
}
