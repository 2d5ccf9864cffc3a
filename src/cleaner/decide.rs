//! One pass's decisions: each line's fate from the rules' hits, within their scopes,
//! blocks and drops to the end, and the lines left for the detectors that read survivors.
//!
//! Cost: linear in the lines and hits of the pass; a cut line is copied once.

use super::*;

/// Entries, each parted from the last by other text, that make an edge-scoped rule's
/// shape the document's own list: three is the fewest a writer repeats a format for, and
/// more than a sign-off parted by a line of prose ("email the desk at …" in the body, the
/// address under the last paragraph) has.
const LIST_ENTRIES: usize = 3;

/// A line's first word, as the entries of a list share it ("More:"): up to the first
/// blank, after leading ones.
fn first_word(line: &str) -> &str {
    let line = line.trim_start();
    line.split(char::is_whitespace).next().unwrap_or(line)
}

/// Per-document working state: each line's fate, and where non-blank lines stand.
pub(super) struct State {
    pub(super) fates: Vec<Fate>,
    /// For each line, its position among non-blank lines (blank lines: `usize::MAX`).
    rank: Vec<usize>,
    non_blank: usize,
}

impl State {
    pub(super) fn new(doc: &Document) -> State {
        let mut non_blank = 0;
        let rank = doc
            .lines
            .iter()
            .map(|l| {
                if l.blank {
                    usize::MAX
                } else {
                    non_blank += 1;
                    non_blank - 1
                }
            })
            .collect();
        State {
            fates: vec![Fate::Keep; doc.lines.len()],
            rank,
            non_blank,
        }
    }

    pub(super) fn in_scope(&self, line: usize, rule: &Rule) -> bool {
        self.in_scope_of(line, rule, self.non_blank)
    }

    /// `in_scope` for the document's first `non_blank` non-blank lines.
    pub(super) fn in_scope_of(&self, line: usize, rule: &Rule, non_blank: usize) -> bool {
        let rank = self.rank[line];
        if rank == usize::MAX || rank >= non_blank {
            return false;
        }
        let head = rank < rule.scope_lines;
        let tail = non_blank - rank <= rule.scope_lines;
        match rule.scope {
            Scope::Any => true,
            Scope::Head => head,
            Scope::Tail => tail,
            Scope::Edges => head || tail,
        }
    }

    /// Drop a line, unless an earlier rule already did.
    pub(super) fn drop(&mut self, line: usize, rule: usize) {
        if !matches!(self.fates[line], Fate::Drop(_)) {
            self.fates[line] = Fate::Drop(rule);
        }
    }

    /// Act on a rule's hits, in document order, where the rule's scope admits them.
    pub(super) fn apply(&mut self, hits: &[Hit], rule: &Rule, doc: &Document) {
        if rule.action == Action::DropToEnd {
            // Takes all its markers at once, and judges scope itself: see `drop_to_end`.
            return self.drop_to_end(hits, rule, doc);
        }
        let lists = self.own_lists(hits, rule, doc);
        for hit in hits {
            if !self.in_scope(hit.line, rule) {
                continue;
            }
            if !lists.is_empty() {
                let word = first_word(doc.line(hit.line));
                if lists.iter().any(|l| l.eq_ignore_ascii_case(word)) {
                    continue;
                }
            }
            match rule.action {
                Action::DropLine => self.drop(hit.line, hit.rule),
                Action::Cut => self.cut(hit),
                Action::DropBlock => self.drop_block(hit, rule, doc),
                Action::DropToEnd => {} // handled above
            }
        }
    }

    /// The first words that make an edge-scoped rule's hits the document's own list: the
    /// word that opens at least [`LIST_ENTRIES`] of its lines, each parted from the last
    /// such line by other text. Such a rule names what a page prints once at its head or
    /// foot (a sign-off with the author's addresses, a source line), where its lines stand
    /// together; a shape the text repeats between its paragraphs is its own list ("More:
    /// <url>" under every site a roundup reviews), whose last entry is no sign-off. Its
    /// edge lines stay; a sign-off of another shape under the list still goes.
    fn own_lists<'d>(&self, hits: &[Hit], rule: &Rule, doc: &'d Document) -> Vec<&'d str> {
        let mut lists: Vec<(&str, usize, usize)> = Vec::new(); // (word, entries, last rank)
        // Cheap first: most edge rules' hits lie outside their scope, where they act on
        // nothing, and nothing needs keeping.
        if rule.scope == Scope::Any
            || hits.len() < LIST_ENTRIES
            || !hits.iter().any(|h| self.in_scope(h.line, rule))
        {
            return Vec::new();
        }
        for hit in hits {
            let rank = self.rank[hit.line];
            if rank == usize::MAX {
                continue;
            }
            let word = first_word(doc.line(hit.line));
            match lists.iter_mut().find(|l| l.0.eq_ignore_ascii_case(word)) {
                Some(list) if rank <= list.2 + 1 => list.2 = list.2.max(rank),
                Some(list) => *list = (list.0, list.1 + 1, rank),
                None => lists.push((word, 1, rank)),
            }
        }
        lists
            .into_iter()
            .filter(|l| l.1 >= LIST_ENTRIES)
            .map(|l| l.0)
            .collect()
    }

    /// A label a detector cut at a join is a block of its own glued to the next one: a rule
    /// that drops the whole line for the label (a read-more link) would take the glued
    /// sentence with it. Such a drop gives way to the cut, and the rest of the line is
    /// judged again, on its own, in the next pass. Drops by detectors, which read more
    /// than the line, stand.
    pub(super) fn split_glued(&mut self, glued: &[Hit], rules: &[Rule]) {
        for hit in glued {
            if let Fate::Drop(r) = self.fates[hit.line]
                && rules[r].action == Action::DropLine
                && rules[r].anchor == Anchor::WholeLine
                && !matches!(rules[r].matcher, RuleMatcher::Detector(_))
            {
                self.fates[hit.line] = Fate::Cut(vec![(hit.span.clone(), hit.rule)]);
            }
        }
    }

    /// Cut a hit's span out of its line, unless the line is dropped already.
    pub(super) fn cut(&mut self, hit: &Hit) {
        match &mut self.fates[hit.line] {
            Fate::Drop(_) => {}
            fate @ Fate::Keep => *fate = Fate::Cut(vec![(hit.span.clone(), hit.rule)]),
            Fate::Cut(cuts) => {
                cuts.push((hit.span.clone(), hit.rule));
                merge_cuts(cuts);
            }
        }
    }

    /// Drop a block label and the member lines after it, if at least the rule's
    /// `min-members` follow (one unless it says otherwise). A line of symbols alone
    /// between two members (a form's "↑ ↑" under each field, a row of dots) neither
    /// breaks the block nor counts in it, and goes with it; after the last member it
    /// stays.
    pub(super) fn drop_block(&mut self, hit: &Hit, rule: &Rule, doc: &Document) {
        let block = rule.block.as_ref().expect("checked when compiled");
        let mut lines = Vec::new();
        let mut members = 0;
        let mut symbols = Vec::new();
        for next in hit.line + 1..doc.lines.len() {
            if doc.lines[next].blank {
                continue;
            }
            let text = doc.line(next);
            if block.member.matches_line(text) {
                lines.append(&mut symbols);
                lines.push(next);
                members += 1;
            } else if !text.chars().any(char::is_alphanumeric) {
                symbols.push(next);
            } else {
                break;
            }
        }
        if members >= block.min_members {
            self.drop(hit.line, hit.rule);
            for m in lines {
                self.drop(m, hit.rule);
            }
        }
    }

    /// Drop from a marker to the end of the document, for the markers in `hits` (in
    /// document order) that are in the rule's scope, and only when the text before the
    /// marker outweighs what would go: a marker with more text after it than before
    /// stands in the body, not under it. Bytes, not lines: a form is many short lines
    /// under a few long paragraphs.
    ///
    /// Markers are taken from the last: once a comment thread goes, the marker before it
    /// may stand in the tail of what is left (threads of replies each under their own
    /// "Leave a Reply"), so scope and weight are measured against the end of what is left.
    /// One pass then removes what would otherwise take one pass a marker.
    pub(super) fn drop_to_end(&mut self, hits: &[Hit], rule: &Rule, doc: &Document) {
        let mut end_line = doc.lines.len();
        let mut end_byte = doc.text.len();
        let mut end_rank = self.non_blank;
        for hit in hits.iter().rev() {
            if hit.line >= end_line || !self.in_scope_of(hit.line, rule, end_rank) {
                continue;
            }
            let before = doc.lines[hit.line].start;
            if before < end_byte - before {
                continue;
            }
            for line in hit.line..end_line {
                self.drop(line, hit.rule);
            }
            end_line = hit.line;
            end_byte = before;
            end_rank = self.rank[hit.line];
        }
    }

    /// A line whose cuts left only whitespace goes as a whole.
    pub(super) fn drop_emptied_lines(&mut self, doc: &Document) {
        for (i, fate) in self.fates.iter_mut().enumerate() {
            if let Fate::Cut(cuts) = fate
                && cut_text(doc, i, cuts).trim().is_empty()
            {
                *fate = Fate::Drop(cuts[0].1);
            }
        }
    }

    /// Kept non-blank lines and their text after cuts.
    pub(super) fn survivors<'a>(
        &self,
        doc: &Document<'a>,
        origins: &Origins,
        memo: &mut DetectorMemo,
    ) -> Vec<Survivor<'a>> {
        let mut scratch = Vec::new();
        self.fates
            .iter()
            .enumerate()
            .filter(|(i, _)| !doc.lines[*i].blank)
            .filter_map(|(i, fate)| {
                let (text, origin) = match fate {
                    Fate::Keep => (Cow::Borrowed(doc.line(i)), origins.get(doc, i)),
                    Fate::Cut(cuts) => (Cow::Owned(cut_text(doc, i, cuts)), None),
                    Fate::Drop(_) => return None,
                };
                Some(memo.survivor(i, text, origin, &mut scratch))
            })
            .collect()
    }
}

/// Line `i` without its cut spans.
pub(super) fn cut_text(doc: &Document, i: usize, cuts: &[(Range<usize>, usize)]) -> String {
    let line = &doc.lines[i];
    let mut out = String::with_capacity(line.end - line.start);
    let mut pos = line.start;
    for (span, _) in cuts {
        out.push_str(&doc.text[pos..span.start]);
        pos = span.end;
    }
    out.push_str(&doc.text[pos..line.end]);
    out
}

/// Sort cut spans and merge those that touch or overlap; the first rule keeps the credit.
pub(super) fn merge_cuts(cuts: &mut Vec<(Range<usize>, usize)>) {
    cuts.sort_by_key(|(s, _)| s.start);
    let mut merged: Vec<(Range<usize>, usize)> = Vec::with_capacity(cuts.len());
    for (span, r) in cuts.drain(..) {
        match merged.last_mut() {
            Some((last, _)) if span.start <= last.end => last.end = last.end.max(span.end),
            _ => merged.push((span, r)),
        }
    }
    *cuts = merged;
}

/// Map `span`, offsets into the text made of `pieces` laid end to end, to input ranges,
/// and add them to `cuts` (the input ranges already cut, which lie between pieces).
pub(super) fn map_span(
    pieces: &[Range<usize>],
    span: Range<usize>,
    rule: usize,
    cuts: &mut Vec<(Range<usize>, usize)>,
) {
    let mut offset = 0;
    for piece in pieces {
        let len = piece.end - piece.start;
        let from = span.start.max(offset);
        let to = span.end.min(offset + len);
        if from < to {
            cuts.push((piece.start + from - offset..piece.start + to - offset, rule));
        }
        offset += len;
    }
}
