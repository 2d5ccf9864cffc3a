//! `timecodes`: audio and video player leftovers.
//!
//! A player's controls, read as text, leave lines that are nothing but timecodes:
//! `0:00` and `14:40` on lines of their own, or `0:00 / 14:40` on one. The detector
//! removes a run of timecode-only lines (blank lines may sit between them) when the
//! run holds at least `min-codes` timecodes and one of them is a zero position
//! (`0:00`, `00:00`), the mark of a player that has not started. A remaining time
//! (`-04:51`, `−4:51`), which only a player's countdown prints, marks one alone. The
//! run's label right above it (`Podcasts`, `Listen`, `Audio`: at most `max-label-words`
//! words, not a sentence) goes with it.
//!
//! Not removed: a live blog's times (`14:40` above an entry, or `14:40 Putin arrives`),
//! race results and timetables (no zero position; a gap is written `+0:42`), a heading
//! such as `Podcasts` that is followed by prose.
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

/// What marks a run of timecodes as a player's: a zero position, or a remaining time.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Marks {
    zero: bool,
    remaining: bool,
}

/// The number of timecodes on a line made of timecodes only, and what marks them.
fn codes_on(line: &str) -> Option<(usize, Marks)> {
    let mut n = 0;
    let mut marks = Marks::default();
    for tok in line.split(|c: char| c.is_whitespace() || c == '/' || c == '|') {
        if tok.is_empty() {
            continue;
        }
        // Most lines' first token is a word, which no timecode starts like: tell them by
        // their first byte before anything else.
        match tok.as_bytes()[0] {
            b'0'..=b'9' => marks.zero |= timecode(tok)?,
            b'-' => {
                timecode(&tok[1..])?;
                marks.remaining = true;
            }
            _ => {
                timecode(tok.strip_prefix('−')?)?;
                marks.remaining = true;
            }
        }
        n += 1;
    }
    (n > 0).then_some((n, marks))
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
            let (mut codes, mut marks) = first;
            let mut run = vec![i];
            let mut j = i + 1;
            while j < n {
                if doc.lines[j].blank {
                    j += 1;
                    continue;
                }
                match codes_on(doc.line(j)) {
                    Some((c, m)) => {
                        codes += c;
                        marks.zero |= m.zero;
                        marks.remaining |= m.remaining;
                        run.push(j);
                        j += 1;
                    }
                    None => break,
                }
            }
            if (marks.zero && codes >= self.min_codes) || marks.remaining {
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
        // A remaining time marks a player alone.
        assert_eq!(run("Body.\n-04:51\nMore body."), vec![1]);
        assert_eq!(run("Body.\n1:20 / −3:31\nMore body."), vec![1]);
    }

    #[test]
    fn live_blog_and_results_stay() {
        assert!(run("14:40\nPutin arrives.\n15:10\nTalks begin.").is_empty());
        assert!(run("Results\n2:04:11\n2:05:30\n2:06:02").is_empty());
        assert!(run("Body.\n0:00\nMore body.").is_empty());
        // A gap in a results table, and a minus sign in prose.
        assert!(run("Hamilton\n+0:42\nVerstappen").is_empty());
        assert!(run("Body.\n-04:51 was the gap.\nMore.").is_empty());
    }

    #[test]
    fn sentence_above_is_no_label() {
        assert_eq!(run("He said so.\n0:00\n3:12"), vec![1, 2]);
    }
}
