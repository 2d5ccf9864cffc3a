//! The removal guard: which rules took every paragraph of a document that had some.
//!
//! Cost: one pass over the input's long lines, on every document; the rules it names are
//! re-run only for the few documents left without a paragraph.

use super::*;

/// Letters and digits of a line the removal guard counts as a paragraph of the article.
pub(super) const GUARD_PARAGRAPH_CHARS: usize = 200;

/// A bound on the rules the removal guard holds back for one document.
pub(super) const MAX_HELD: usize = 8;

impl Cleaned<'_> {
    /// The removal guard's test. When the input has paragraphs (lines of at least
    /// [`GUARD_PARAGRAPH_CHARS`] letters and digits that end a sentence), none is left, and what is left is
    /// less text than the paragraphs that went: the rules that judge blocks (drop-to-end
    /// and drop-block rules, the detectors that judge what the line rules left) and took
    /// one of those paragraphs. A line rule says what one line is and is trusted; a
    /// block rule that takes every paragraph and leaves less than it took has likely
    /// mistaken the article for chaff, and handing back the menus would be silent loss.
    /// (A page whose only long line is a glued teaser list, over an article of short
    /// lines that stays, is not guarded: what is left outweighs it.)
    pub(super) fn paragraph_takers(&self, rules: &[Rule]) -> Vec<usize> {
        let mut takers = Vec::new();
        let mut taken = 0;
        for (i, line) in self.doc.lines.iter().enumerate() {
            let text = self.doc.line(i);
            if line.blank || text.len() < GUARD_PARAGRAPH_CHARS {
                continue;
            }
            // A paragraph ends a sentence; a menu glued into one line does not.
            let chars = letters(text);
            if chars < GUARD_PARAGRAPH_CHARS || !ends_sentence_before_symbols(text) {
                continue;
            }
            match self.fates[i] {
                Fate::Drop(r) => {
                    let rule = &rules[r];
                    let block = matches!(rule.action, Action::DropToEnd | Action::DropBlock)
                        || matches!(&rule.matcher, RuleMatcher::Detector(d) if d.on_survivors());
                    if block {
                        taken += chars;
                        if !takers.contains(&r) {
                            takers.push(r);
                        }
                    }
                }
                // A paragraph is left: nothing to guard.
                _ => return Vec::new(),
            }
        }
        if takers.is_empty() {
            return takers;
        }
        let left: usize = (0..self.doc.lines.len())
            .filter(|&i| !self.doc.lines[i].blank)
            .map(|i| match &self.fates[i] {
                Fate::Keep => letters(self.doc.line(i)),
                Fate::Cut(cuts) => letters(&cut_text(&self.doc, i, cuts)),
                Fate::Drop(_) => 0,
            })
            .sum();
        if left >= taken {
            return Vec::new();
        }
        takers
    }
}

/// `text` ends a sentence, perhaps followed by quotes, brackets or an emoji ("! 🙂").
pub(super) fn ends_sentence_before_symbols(text: &str) -> bool {
    const ENDS: &[char] = &['.', '!', '?', '…', '。', '！', '？', '؟'];
    text.trim_end_matches(|c: char| !ENDS.contains(&c) && !crate::detect::is_alphanumeric(c))
        .ends_with(ENDS)
}

/// Letters and digits in `text`.
pub(super) fn letters(text: &str) -> usize {
    text.chars()
        .filter(|&c| crate::detect::is_alphanumeric(c))
        .count()
}
