//! `timecodes`: audio and video player leftovers.
//!
//! A player's controls, read as text, leave lines that are nothing but timecodes:
//! `0:00` and `14:40` on lines of their own, or `0:00 / 14:40` on one. The detector
//! removes a run of timecode-only lines (blank lines may sit between them) when the
//! run holds at least `min-codes` timecodes and one of them is a zero position
//! (`0:00`, `00:00`), the mark of a player that has not started. The run's label right
//! above it (`Podcasts`, `Listen`, `Audio`: at most `max-label-words` words, not a
//! sentence) goes with it.
//!
//! Not removed: a live blog's times (`14:40` above an entry, or `14:40 Putin arrives`),
//! race results and timetables (no zero position), a heading such as `Podcasts` that
//! is followed by prose.
//!
//! Params: `min-codes` (default 2), `max-label-words` (default 2).

use super::{Params, ends_sentence};
use crate::document::Document;

#[derive(Debug, Clone)]
pub struct Timecodes {
    min_codes: usize,
    max_label_words: usize,
}

/// `13:8` is what some players print for 13 minutes 8 seconds, so seconds may be one digit.
fn timecode(tok: &str) -> Option<bool> {
    let mut parts = tok.split(':');
    let first = parts.next()?;
    let rest: Vec<&str> = parts.collect();
    if rest.is_empty() || rest.len() > 2 {
        return None;
    }
    let digits = |s: &str, max: usize| {
        !s.is_empty() && s.len() <= max && s.bytes().all(|b| b.is_ascii_digit())
    };
    if !digits(first, 2) || !rest.iter().all(|p| digits(p, 2)) {
        return None;
    }
    Some(tok.bytes().all(|b| b == b'0' || b == b':'))
}

/// The number of timecodes on a line made of timecodes only, and whether one is zero.
fn codes_on(line: &str) -> Option<(usize, bool)> {
    let mut n = 0;
    let mut zero = false;
    for tok in line.split(|c: char| c.is_whitespace() || c == '/' || c == '|') {
        if tok.is_empty() {
            continue;
        }
        zero |= timecode(tok)?;
        n += 1;
    }
    (n > 0).then_some((n, zero))
}

impl Timecodes {
    pub(super) fn new(p: &mut Params) -> Result<Self, String> {
        Ok(Timecodes {
            min_codes: p.usize("min-codes", 2)?.max(1),
            max_label_words: p.usize("max-label-words", 2)?,
        })
    }

    pub(super) fn detect(&self, doc: &Document, out: &mut Vec<usize>) {
        let n = doc.lines.len();
        let mut i = 0;
        while i < n {
            let Some(first) = codes_on(doc.line(i)) else {
                i += 1;
                continue;
            };
            let (mut codes, mut zero) = first;
            let mut run = vec![i];
            let mut j = i + 1;
            while j < n {
                if doc.lines[j].blank {
                    j += 1;
                    continue;
                }
                match codes_on(doc.line(j)) {
                    Some((c, z)) => {
                        codes += c;
                        zero |= z;
                        run.push(j);
                        j += 1;
                    }
                    None => break,
                }
            }
            if zero && codes >= self.min_codes {
                if let Some(label) = self.label_above(doc, i) {
                    out.push(label);
                }
                out.extend(run);
            }
            i = j;
        }
    }

    fn label_above(&self, doc: &Document, first: usize) -> Option<usize> {
        let above = (0..first).rev().find(|&k| !doc.lines[k].blank)?;
        let text = doc.line(above).trim();
        let words = text.split_whitespace().count();
        (words <= self.max_label_words && !ends_sentence(text) && !text.ends_with(','))
            .then_some(above)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(text: &str) -> Vec<usize> {
        let d = Timecodes {
            min_codes: 2,
            max_label_words: 2,
        };
        let mut out = Vec::new();
        d.detect(&Document::new(text), &mut out);
        out.sort();
        out
    }

    #[test]
    fn player_runs_and_label() {
        assert_eq!(
            run("Text.\n\nPodcasts\n0:00\n14:40\n0:00\n13:8"),
            vec![2, 3, 4, 5, 6]
        );
        assert_eq!(run("Body.\n0:00 / 14:40\nMore body."), vec![1]);
    }

    #[test]
    fn live_blog_and_results_stay() {
        assert!(run("14:40\nPutin arrives.\n15:10\nTalks begin.").is_empty());
        assert!(run("Results\n2:04:11\n2:05:30\n2:06:02").is_empty());
        assert!(run("Body.\n0:00\nMore body.").is_empty());
    }

    #[test]
    fn sentence_above_is_no_label() {
        assert_eq!(run("He said so.\n0:00\n3:12"), vec![1, 2]);
    }
}
