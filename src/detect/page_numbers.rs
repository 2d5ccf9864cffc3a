//! `page-numbers`: a pager, or a calendar's days, printed a number to a line.
//!
//! A page dump prints each entry of a pager on a line of its own ("«", "1", "2", "3",
//! "…", "14", "»"), and an extractor may keep them. No phrase names them; their shape
//! does, in any language: a run of at least `min-numbers` lines, each a bare number of
//! one to four digits, counting up by one from line to line (a line "…" or "..." may
//! stand for the pages skipped: "3", "…", "14"), with the arrow lines beside them ("<",
//! "<<", "«", "‹", ">", ">>", "»", "›") and no other line among them. Blank lines do not
//! part a run.
//!
//! Not removed: numbers that do not count up one by one (a table's column of scores,
//! "3", "1", "0"), numbered steps with their text between the numbers, a number alone,
//! a run shorter than `min-numbers`.
//!
//! Params: `min-numbers` (default 3).
//! Cost: a line's length, and the few bytes of a line short enough to be an entry.

use super::Params;
use crate::document::Document;

#[derive(Debug, Clone)]
pub struct PageNumbers {
    min_numbers: usize,
}

/// What a line can be in a pager.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Entry {
    Number(u32),
    /// "…" or "...": the pages skipped between two numbers.
    Gap,
    /// An arrow to the first, previous, next or last page.
    Arrow,
    Other,
}

/// Arrow lines of pagers: to the previous and first pages, to the next and last.
const ARROWS: &[&str] = &["<", "<<", "«", "‹", ">", ">>", "»", "›", "←", "→"];

/// Longest line read as a possible entry: four digits or an ellipsis, and the
/// indentation a dump may leave around them.
const MAX_ENTRY_BYTES: usize = 16;

/// Most digits a page or a day number has.
const MAX_DIGITS: usize = 4;

impl PageNumbers {
    pub(super) fn new(p: &mut Params) -> Result<Self, String> {
        Ok(PageNumbers {
            min_numbers: p.usize("min-numbers", 3)?.max(2),
        })
    }

    pub(super) fn detect(&self, doc: &Document, out: &mut Vec<usize>) {
        let mut run: Vec<(usize, Entry)> = Vec::new();
        for i in 0..doc.lines.len() {
            if doc.lines[i].blank {
                continue;
            }
            // Most lines are longer than any pager entry, however indented: only their
            // length is read.
            let line = doc.line(i);
            let entry = match line.len() <= MAX_ENTRY_BYTES {
                true => entry(line),
                false => Entry::Other,
            };
            if entry == Entry::Other {
                self.judge(&run, out);
                run.clear();
            } else {
                run.push((i, entry));
            }
        }
        self.judge(&run, out);
    }

    /// Pushes the lines of `run` (lines of a pager's shape, in order) when its numbers
    /// count up as a pager's do.
    fn judge(&self, run: &[(usize, Entry)], out: &mut Vec<usize>) {
        let mut numbers = 0;
        let mut last: Option<u32> = None;
        let mut gap = false;
        for &(_, entry) in run {
            match entry {
                Entry::Number(n) => {
                    let follows = match last {
                        None => true,
                        Some(prev) if gap => n > prev,
                        Some(prev) => prev.checked_add(1) == Some(n),
                    };
                    if !follows {
                        return;
                    }
                    numbers += 1;
                    last = Some(n);
                    gap = false;
                }
                Entry::Gap => gap = true,
                Entry::Arrow | Entry::Other => {}
            }
        }
        if numbers >= self.min_numbers {
            out.extend(run.iter().map(|&(i, _)| i));
        }
    }
}

/// A line that is a number and nothing else ("14", "  3 "): a pager's entry, a
/// calendar's day. main-body reads such a line, taken by a rule, as no furniture.
pub(super) fn bare_number(line: &str) -> bool {
    let t = line.trim();
    !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit())
}

/// What `line` is in a pager.
fn entry(line: &str) -> Entry {
    let t = line.trim();
    // Four digits are the longest entry: an arrow or an ellipsis takes three bytes at most.
    if t.is_empty() || t.len() > MAX_DIGITS {
        return Entry::Other;
    }
    if bare_number(t) {
        return t.parse().map_or(Entry::Other, Entry::Number);
    }
    if t == "…" || t == "..." {
        return Entry::Gap;
    }
    if ARROWS.contains(&t) {
        return Entry::Arrow;
    }
    Entry::Other
}

#[cfg(test)]
mod tests {
    use super::*;

    fn removed(text: &str) -> Vec<usize> {
        let d = PageNumbers { min_numbers: 3 };
        let doc = Document::new(text);
        let mut out = Vec::new();
        d.detect(&doc, &mut out);
        out
    }

    #[test]
    fn a_pager_goes_with_its_arrows_and_gaps() {
        assert_eq!(
            removed("Text.\n«\n1\n2\n3\n…\n14\n»\nMore text."),
            [1, 2, 3, 4, 5, 6, 7]
        );
        assert_eq!(removed("<<\n<\n1\n\n2\n3\n>\n>>"), [0, 1, 2, 4, 5, 6, 7]);
    }

    #[test]
    fn numbers_that_do_not_count_up_stay() {
        // A column of scores, a countdown, steps with their text, two pages, a number.
        assert!(removed("3\n1\n0\n2").is_empty());
        assert!(removed("3\n2\n1").is_empty());
        assert!(removed("1\nPreheat the oven.\n2\nMix the flour.\n3\nBake.").is_empty());
        assert!(removed("1\n2\n»").is_empty());
        assert!(removed("42").is_empty());
        assert!(removed("1\n2\n…\n2").is_empty());
    }
}
