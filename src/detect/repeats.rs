//! Repeats: the title printed twice, a paragraph pasted again, a whole body pasted twice.
//!
//! These detectors run after every other rule, on the lines that are left and with cut
//! spans already taken out, so a second copy that differed from the first only by a
//! glued widget label is recognised. Lines are compared after folding case and dropping
//! everything but letters and digits. The first copy is always the one kept.
//!
//! Repetition that is content survives by evidence from the text: a song's chorus or a
//! poem's refrain is made of short lines, table rows and list items (`1 tbsp olive oil`)
//! are short, so only long lines and long runs count as pasted twice; and a line that
//! recurs more than `max-copies` times (a meal in a weekly meal plan, an item in every
//! section of a schedule) is a pattern of the content, not a paste, so none of its copies
//! is taken.
//!
//! A forum's or a comment thread's quote is content too: a copy under another post's
//! header than its original's (a name over a dated and timed stamp, "Jane says:") is a
//! reply quoting what it answers, and stays.
//!
//! - `repeated-title`: a line in the first `head-lines` lines that repeats the line right
//!   above it, character for character (surrounding whitespace aside). A poem whose first
//!   line restates its title with other punctuation or case is left alone.
//! - `repeated-paragraphs`: a line of at least `min-chars` letters and digits that
//!   repeats an earlier line (default 100: longer than a refrain, shorter than a caption
//!   or paragraph) and occurs at most `max-copies` times (default 2), unless the copy
//!   stands inside running prose (a paragraph ending a sentence right above it, and
//!   another below it or the document's end): a speech's refrain, a point the writer
//!   makes twice. A teaser, caption or standfirst printed again sits under a label, a
//!   byline or a photo credit.
//! - `repeated-body`: a run of at least `min-lines` lines that repeats an earlier run,
//!   holding at least `min-chars` letters and digits, `min-avg-chars` a line on average;
//!   a line that occurs more than `max-copies` times (default 2) ends a run.

use super::threads::post_header;
use super::{Params, Survivor, SurvivorPos};
use crate::keys::KeyMap;

/// Whether the copy at `copy` of the line at `original` is a quote: the original is a
/// post's (a post's header, see [`post_header`], stands above it) and another post's
/// header stands between them, so the copy is in a later post of a forum or a comment
/// thread, which quotes what it answers. A body pasted twice, a pull quote or a teaser
/// repeating the standfirst has no poster's name and stamp above and between its copies
/// (a section's kicker over a dateline, "ASIA BUSINESS" over "Updated July 23, 2012,
/// 11:27 p.m. ET", reads as one header, but not above the first copy too).
///
/// Cost: only once a repeat is found, a scan for the document's first header (kept in
/// `first_header`) and a look at the lines between the copies.
fn quoted(
    lines: &[Survivor],
    first_header: &mut Option<Option<usize>>,
    original: usize,
    copy: usize,
) -> bool {
    // Between the copies first: most repeats have no header there, and then the scan
    // for the document's first header is not needed.
    (original + 1..copy).any(|m| post_header(lines, m))
        && first_header
            .get_or_insert_with(|| (0..lines.len()).find(|&m| post_header(lines, m)))
            .is_some_and(|h| h < original)
}

/// How often each key occurs among `lines`.
fn counts(lines: &[Survivor]) -> KeyMap<usize> {
    let mut counts = KeyMap::with_capacity_and_hasher(lines.len(), Default::default());
    for line in lines {
        *counts.entry(line.key).or_insert(0) += 1;
    }
    counts
}

#[derive(Debug, Clone)]
pub struct RepeatedTitle {
    head_lines: usize,
}

impl RepeatedTitle {
    pub(super) fn new(p: &mut Params) -> Result<Self, String> {
        Ok(RepeatedTitle {
            head_lines: p.usize("head-lines", 6)?,
        })
    }

    pub(super) fn detect(&self, lines: &[Survivor], out: &mut Vec<SurvivorPos>) {
        let same = |a: usize, b: usize| lines[a].text.trim() == lines[b].text.trim();
        for k in 1..lines.len().min(self.head_lines) {
            // A pair, not a run: a line printed three or more times in a row is a pattern
            // of the text (a chant, a table), and taking one copy of a run would only
            // bring the next copy up to the same place, a pass at a time.
            let run_before = k >= 2 && same(k - 1, k - 2);
            let run_after = k + 1 < lines.len() && same(k + 1, k);
            if same(k, k - 1) && !run_before && !run_after {
                out.push(SurvivorPos(k));
            }
        }
    }
}

#[derive(Debug, Clone)]
pub struct RepeatedParagraphs {
    min_chars: usize,
    max_copies: usize,
}

impl RepeatedParagraphs {
    pub(super) fn new(p: &mut Params) -> Result<Self, String> {
        Ok(RepeatedParagraphs {
            min_chars: p.usize("min-chars", 100)?.max(1),
            max_copies: p.usize("max-copies", 2)?.max(2),
        })
    }

    pub(super) fn detect(&self, lines: &[Survivor], out: &mut Vec<SurvivorPos>) {
        let counts = counts(lines);
        let mut first: KeyMap<usize> = KeyMap::default();
        let mut first_header = None;
        for (k, line) in lines.iter().enumerate() {
            if line.chars < self.min_chars || counts[&line.key] > self.max_copies {
                continue;
            }
            let j = *first.entry(line.key).or_insert(k);
            if j < k && !quoted(lines, &mut first_header, j, k) && !self.in_prose(lines, k) {
                out.push(SurvivorPos(k));
            }
        }
    }

    /// Whether the line at `k` stands inside running prose: a paragraph of at least
    /// `min-chars` ending a sentence right above it, and another right below it (or
    /// the document's end). A teaser, a caption or a standfirst printed again sits
    /// under a label, a byline or a photo credit; a paragraph the writer repeats inside
    /// the text is the text's.
    fn in_prose(&self, lines: &[Survivor], k: usize) -> bool {
        let prose = |l: &Survivor| l.chars >= self.min_chars && super::ends_sentence(&l.text);
        k > 0 && prose(&lines[k - 1]) && lines.get(k + 1).is_none_or(prose)
    }
}

#[derive(Debug, Clone)]
pub struct RepeatedBody {
    min_lines: usize,
    min_chars: usize,
    min_avg_chars: usize,
    max_copies: usize,
}

impl RepeatedBody {
    pub(super) fn new(p: &mut Params) -> Result<Self, String> {
        Ok(RepeatedBody {
            min_lines: p.usize("min-lines", 3)?.max(2),
            min_chars: p.usize("min-chars", 400)?,
            min_avg_chars: p.usize("min-avg-chars", 50)?,
            max_copies: p.usize("max-copies", 2)?.max(2),
        })
    }

    pub(super) fn detect(&self, lines: &[Survivor], out: &mut Vec<SurvivorPos>) {
        let keys: Vec<u64> = lines.iter().map(|l| l.key).collect();
        let chars: Vec<usize> = lines.iter().map(|l| l.chars).collect();
        let counts = counts(lines);
        let rare = |k: usize| counts[&keys[k]] <= self.max_copies;
        let mut first_header = None;
        // Where each key first stood: the copy a repeat is compared with.
        let mut first: KeyMap<usize> = KeyMap::default();
        let mut i = 0;
        while i < keys.len() {
            let candidate = first.get(&keys[i]).copied();
            first.entry(keys[i]).or_insert(i);
            let Some(j) = candidate else {
                i += 1;
                continue;
            };
            // Extend the run while both copies agree and the earlier one stays earlier.
            let mut len = 0;
            while i + len < keys.len()
                && j + len < i
                && keys[j + len] == keys[i + len]
                && rare(i + len)
            {
                len += 1;
            }
            let total: usize = chars[i..i + len].iter().sum();
            if len >= self.min_lines
                && total >= self.min_chars
                && total >= self.min_avg_chars * len
                && !quoted(lines, &mut first_header, j, i)
            {
                out.extend(SurvivorPos::all(i..i + len));
                for (k, key) in keys.iter().enumerate().skip(i).take(len) {
                    first.entry(*key).or_insert(k);
                }
                i += len;
            } else {
                // A rejected run's suffixes are rejected too (fewer lines, fewer chars);
                // skipping them keeps a document of many identical lines linear.
                i += len.max(1);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(texts: &[&'static str]) -> Vec<Survivor<'static>> {
        texts
            .iter()
            .enumerate()
            .map(|(i, t)| Survivor::new(i, (*t).into()))
            .collect()
    }

    const PARA: &str =
        "Putin also confirmed that the industry in Russia has already been given instructions.";

    #[test]
    fn body_pasted_twice() {
        let d = RepeatedBody {
            min_lines: 3,
            min_chars: 150,
            min_avg_chars: 45,
            max_copies: 2,
        };
        let l = lines(&[
            "Title",
            PARA,
            "Second paragraph that is long enough to count as prose here.",
            "Third paragraph, also long enough to count as real prose text.",
            PARA,
            "Second paragraph that is long enough to count as prose here.",
            "Third paragraph, also long enough to count as real prose text.",
        ]);
        let mut out = Vec::new();
        d.detect(&l, &mut out);
        assert_eq!(out, [SurvivorPos(4), SurvivorPos(5), SurvivorPos(6)]);
    }

    #[test]
    fn chorus_stays() {
        let d = RepeatedBody {
            min_lines: 3,
            min_chars: 400,
            min_avg_chars: 50,
            max_copies: 2,
        };
        let chorus = [
            "Oh, we sail away tonight",
            "Over the silver sea",
            "Nobody waits for the morning",
            "Nobody waits for me",
        ];
        let mut texts = vec!["Verse one line"];
        texts.extend(chorus);
        texts.push("Verse two line");
        texts.extend(chorus);
        let mut out = Vec::new();
        d.detect(&lines(&texts), &mut out);
        assert!(out.is_empty());
        let p = RepeatedParagraphs {
            min_chars: 100,
            max_copies: 2,
        };
        p.detect(&lines(&texts), &mut out);
        assert!(out.is_empty());
    }

    #[test]
    fn a_long_line_recurring_three_times_is_a_pattern_not_a_paste() {
        const MEAL: &str = "Asparagus and Eggs [1 cup asparagus, 2 soft-boiled or poached eggs, half a cup of sweet potato]";
        let p = RepeatedParagraphs {
            min_chars: 50,
            max_copies: 2,
        };
        let mut out = Vec::new();
        p.detect(
            &lines(&["Day 1", MEAL, "Day 2", MEAL, "Day 3", MEAL]),
            &mut out,
        );
        assert!(out.is_empty());
        p.detect(&lines(&["Day 1", MEAL, "Day 2", MEAL]), &mut out);
        assert_eq!(out, [SurvivorPos(3)]);
    }

    #[test]
    fn title_twice_but_poem_title_as_first_line_stays() {
        let t = RepeatedTitle { head_lines: 6 };
        let mut out = Vec::new();
        t.detect(
            &lines(&["Icons", "A title", " A title ", "Text."]),
            &mut out,
        );
        assert_eq!(out, [SurvivorPos(2)]);
        out.clear();
        t.detect(
            &lines(&[
                "Do Not Go Gentle Into That Good Night",
                "Do not go gentle into that good night,",
            ]),
            &mut out,
        );
        assert!(out.is_empty());
    }

    #[test]
    fn title_printed_twice_but_not_a_run() {
        let d = RepeatedTitle { head_lines: 6 };
        let mut out = Vec::new();
        d.detect(&lines(&["Title", "Title", "Body text."]), &mut out);
        assert_eq!(out, [SurvivorPos(1)]);
        // A chant printed line after line: no copy goes, so nothing moves up a pass later.
        out.clear();
        d.detect(
            &lines(&["Go team!", "Go team!", "Go team!", "Body text."]),
            &mut out,
        );
        assert!(out.is_empty());
        out.clear();
        d.detect(&lines(&["Title", "Title", "Sub", "Sub", "Sub"]), &mut out);
        assert_eq!(out, [SurvivorPos(1)]);
    }
}
