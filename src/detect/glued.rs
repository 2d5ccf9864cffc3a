//! `glued-labels`: a widget's label glued to the text that follows it, cut off.
//!
//! Extractors join a block's text to the next block's with no space between them, so a
//! time stamp, a reading time or a section kicker runs into the first sentence of the
//! article: `Updated 09:40 CETThe striker scored twice`, `5 min readThe council voted`,
//! `« on: May 3, 2024, 10:12:01 AM »Thanks for the tip`, `World | AnalysisWhy the vote`.
//! Dropping the line would lose the sentence; keeping it keeps the label. The detector
//! finds the join (a letter, digit or closing mark directly followed by a capital and a
//! small letter, or by an opening quote), within the first `max-label-bytes` of the line,
//! and cuts what stands before it when that is a label by itself:
//!
//! - a date or time stamp, as the `datelines` detector reads one (with its `labels`:
//!   "Updated", "Published", "on"), in «» or not;
//! - a reading time: a number, then one of the `reading-time` words ("min read", "min
//!   Lesezeit", "min de lecture" ...);
//! - a kicker: two to four capitalised words in sections parted by ` | `;
//! - several of these joined by `·`, `|` or `•` ("May 3, 2024 · 5 min read").
//!
//! What it costs: one scan of each line's first `max-label-bytes` for a join; the label
//! tests run only on the rare line that has one. A name written in camel case
//! ("McDonald", "iPhone", "YouTube") has a join, but what stands before it is no label.

use std::ops::Range;

use super::{Datelines, Params};
use crate::document::Document;

#[derive(Debug, Clone)]
pub struct GluedLabels {
    dates: Datelines,
    reading: Vec<String>,
    max_label_bytes: usize,
}

/// How far into a line a label's first digit or bar may stand: "Published on Wednesday,
/// 12" and "Aktualisiert am 12." fit; a sentence's first number usually stands further.
const MARK_BYTES: usize = 32;

/// Most words a kicker has: "World | Analysis", "Sport | Football | Premier League".
const KICKER_WORDS: usize = 4;

impl GluedLabels {
    pub(super) fn new(p: &mut Params) -> Result<Self, String> {
        Ok(GluedLabels {
            dates: Datelines::with_labels(p.words("labels")?),
            reading: p.words("reading-time")?,
            max_label_bytes: p.usize("max-label-bytes", 80)?,
        })
    }

    /// Push `(line, span)` for every label to cut.
    pub(super) fn detect(&self, doc: &Document, out: &mut Vec<(usize, Range<usize>)>) {
        for (i, line) in doc.lines.iter().enumerate() {
            if line.blank {
                continue;
            }
            let text = doc.line(i);
            let start = text.len() - text.trim_start().len();
            if let Some(join) = self.label_end(&text[start..]) {
                out.push((i, line.start + start..line.start + start + join));
            }
        }
    }

    /// Where the label at the start of `text` ends, if it has one glued to what follows.
    fn label_end(&self, text: &str) -> Option<usize> {
        let head = &text[..text.floor_char_boundary(self.max_label_bytes)];
        let bytes = head.as_bytes();
        // A label holds a digit or a `|` (a time stamp, a reading time, a kicker), and the
        // join comes after it: lines without one, most of them, end here.
        let first = bytes[..bytes.len().min(MARK_BYTES)]
            .iter()
            .position(|b| b.is_ascii_digit() || *b == b'|')?;
        for at in first + 1..bytes.len() {
            let b = bytes[at];
            // Only an ASCII capital, a quote or the lead byte of a wider character can
            // start what follows a join.
            if !(b.is_ascii_uppercase() || b == b'"' || b >= 0xC0) {
                continue;
            }
            let Some(prev) = head[..at].chars().next_back() else {
                continue;
            };
            if prev.is_whitespace() || matches!(prev, '(' | '[' | '"' | '“' | '«' | '-') {
                continue;
            }
            let mut after = text[at..].chars();
            let c = after.next().expect("inside the text");
            let next = after.next();
            let glued = (c.is_uppercase() && next.is_some_and(char::is_lowercase))
                || (matches!(c, '“' | '«' | '"') && next.is_some_and(char::is_alphabetic));
            if glued && self.is_label(&text[..at]) {
                return Some(at);
            }
        }
        None
    }

    fn is_label(&self, prefix: &str) -> bool {
        let prefix = prefix.trim();
        let parts: Vec<&str> = prefix.split(['·', '•', '|']).map(str::trim).collect();
        if parts.len() > 1 && self.kicker(&parts) {
            return true;
        }
        parts
            .iter()
            .all(|part| !part.is_empty() && (self.stamp(part) || self.reading_time(part)))
    }

    /// A date or time stamp, bare or in «guillemets».
    fn stamp(&self, part: &str) -> bool {
        let part =
            part.trim_matches(|c: char| matches!(c, '«' | '»' | '‹' | '›') || c.is_whitespace());
        self.dates.is_dateline(part)
    }

    /// "5 min read", "12 Min. Lesezeit", "3 min de lecture".
    fn reading_time(&self, part: &str) -> bool {
        let digits = part.bytes().take_while(u8::is_ascii_digit).count();
        if digits == 0 || digits > 3 {
            return false;
        }
        let rest = part[digits..].trim_start().to_lowercase();
        self.reading.contains(&rest)
    }

    /// Sections of one to two capitalised words without digits, two to `KICKER_WORDS`
    /// words in all.
    fn kicker(&self, parts: &[&str]) -> bool {
        let words: usize = parts.iter().map(|p| p.split_whitespace().count()).sum();
        (2..=KICKER_WORDS).contains(&words)
            && parts.iter().all(|p| {
                let n = p.split_whitespace().count();
                (1..=2).contains(&n)
                    && p.split_whitespace().all(|w| {
                        // "Analysis", not "CheatsCodesGuides" (a row of glued links).
                        let mut chars = w.chars();
                        chars.next().is_some_and(char::is_uppercase)
                            && chars.all(|c| c.is_alphabetic() && !c.is_uppercase())
                    })
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn det() -> GluedLabels {
        let mut t = toml::Table::new();
        t.insert(
            "labels".into(),
            toml::Value::Array(["updated", "published", "on"].map(|s| s.into()).to_vec()),
        );
        t.insert(
            "reading-time".into(),
            toml::Value::Array(["min read", "min lesezeit"].map(|s| s.into()).to_vec()),
        );
        GluedLabels::new(&mut Params::new(&t)).unwrap()
    }

    #[test]
    fn cuts_labels() {
        let d = det();
        for (line, label) in [
            ("5 min readThe council voted on Tuesday.", "5 min read"),
            (
                "Updated 09:40 CETThe striker scored twice.",
                "Updated 09:40 CET",
            ),
            (
                "« on: May 3, 2024, 10:12:01 AM »Thanks for the tip.",
                "« on: May 3, 2024, 10:12:01 AM »",
            ),
            (
                "May 3, 2024 · 5 min readThe council voted.",
                "May 3, 2024 · 5 min read",
            ),
            (
                "World | AnalysisWhy the council voted to close it.",
                "World | Analysis",
            ),
            ("12 Min LesezeitDer Rat hat entschieden.", "12 Min Lesezeit"),
        ] {
            assert_eq!(
                d.label_end(line).map(|at| &line[..at]),
                Some(label),
                "{line}"
            );
        }
    }

    #[test]
    fn leaves_names_and_sentences() {
        let d = det();
        for line in [
            "McDonald's opened 12 new restaurants in 2024.",
            "The iPhone 15 sold well in May 2024.",
            "In 2024YouTube changed its rules.",
            "World Cup | The final was played in Qatar.",
            "Paris, London and BerlinThe three cities",
            "CheatsCodesGuides | FilePlanet | 3D Gamers",
        ] {
            assert_eq!(d.label_end(line), None, "{line}");
        }
    }
}
