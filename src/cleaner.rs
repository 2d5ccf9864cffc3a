//! The cleaner: match every rule once, decide each line's fate, hand back the decisions.
//!
//! Data flows one way: split into lines → phrase and pattern hits and line detectors →
//! decide (scopes, blocks, guards) → repeat detectors on what is left → [`Cleaned`],
//! which renders the text or explains every decision.

use std::borrow::Cow;
use std::ops::Range;

use crate::detect::{Memo as DetectorMemo, Stage, Survivor};
use crate::document::Document;
use crate::matcher::{Hit, Matcher};
use crate::memo::{Memo, Origins};
use crate::rules::{Action, Matcher as RuleMatcher, Rule, RuleSet, Scope, url_host};

/// A bound on re-cleaning passes. Real text settles in one or two (on 2,000 benchmark
/// documents: 1% needed a third); the fuzzer builds documents of stacked comment forms
/// where each pass's drop exposes the next form to the tail scope, one form a pass.
/// Past the bound, cleaning the output again may still remove something.
const MAX_PASSES: usize = 32;

/// Letters and digits of a line the removal guard counts as a paragraph of the article.
const GUARD_PARAGRAPH_CHARS: usize = 200;

/// A bound on the rules the removal guard holds back for one document.
const MAX_HELD: usize = 8;

/// A compiled rule set, ready to clean any number of documents (it is `Send + Sync`).
pub struct Cleaner {
    rules: Vec<Rule>,
    matcher: Matcher,
    site_rules: bool,
}

/// What happens to one input line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fate {
    Keep,
    /// The line goes, because of the rule at this index.
    Drop(usize),
    /// The line stays without these spans (absolute, sorted, disjoint), each with its rule.
    Cut(Vec<(Range<usize>, usize)>),
}

impl Cleaner {
    pub fn new(rules: RuleSet) -> Cleaner {
        let matcher = Matcher::new(&rules.rules);
        let site_rules = rules.rules.iter().any(|r| r.enabled && !r.sites.is_any());
        Cleaner {
            rules: rules.rules,
            matcher,
            site_rules,
        }
    }

    /// The rules this cleaner was built with (disabled ones included).
    pub fn rules(&self) -> &[Rule] {
        &self.rules
    }

    /// Whether any enabled rule is limited to some sites, so a document's URL matters.
    pub fn has_site_rules(&self) -> bool {
        self.site_rules
    }

    /// Clean a document whose URL is unknown (rules scoped to sites stay off).
    pub fn clean<'a>(&self, text: &'a str) -> Cleaned<'a> {
        self.clean_url(text, None)
    }

    /// Clean a document from `url`, so rules scoped to its site apply.
    ///
    /// Rules limited to the head or tail, the repeat detectors and `drop-to-end`'s guard
    /// judge a line by where it stands, and where it stands changes once other lines go.
    /// So the output is cleaned again until it no longer changes (at most
    /// [`MAX_PASSES`] times; one or two passes are the rule), which makes cleaning
    /// idempotent: chaff's output cleaned again is the same text. Later passes' removals are mapped back onto the
    /// input, so fates and edits always refer to the input's bytes.
    pub fn clean_url<'a>(&self, text: &'a str, url: Option<&str>) -> Cleaned<'a> {
        let host = url.and_then(url_host);
        let mut held = Vec::new();
        let mut memo = None;
        loop {
            let mut cleaned = self.settle(text, host.as_deref(), &held, &mut memo);
            let takers = cleaned.paragraph_takers(&self.rules);
            if takers.is_empty() || held.len() >= MAX_HELD {
                cleaned.held = held;
                return cleaned;
            }
            held.extend(takers);
        }
    }

    /// Clean `text` until the output is a fixed point, with the rules in `held` off.
    fn settle<'a>(
        &self,
        text: &'a str,
        host: Option<&str>,
        held: &[usize],
        memo: &mut Option<Memo>,
    ) -> Cleaned<'a> {
        let mut cleaned = self.pass(text, host, held, memo, None);
        for _ in 0..MAX_PASSES {
            let out = cleaned.text();
            // Layout alone (folded blank lines, dropped trailing CRs) moves the weights
            // `drop-to-end` compares, so only an unchanged text is known to be final.
            if out == text {
                break;
            }
            let again = self.pass(&out, host, held, memo, Some(&cleaned));
            if again.fates.iter().all(|f| *f == Fate::Keep) || !cleaned.absorb(&again) {
                break;
            }
        }
        cleaned
    }

    /// One pass of every rule over `text`: the input, or with `prior` the cleaned text of
    /// the input `prior` decided (whose lines `memo` has read).
    fn pass<'a>(
        &self,
        text: &'a str,
        host: Option<&str>,
        held: &[usize],
        memo: &mut Option<Memo>,
        prior: Option<&Cleaned>,
    ) -> Cleaned<'a> {
        let active = |(r, rule): &(usize, &Rule)| {
            rule.enabled && rule.sites.admit(host) && !held.contains(r)
        };
        let doc = Document::new(text);
        let mut state = State::new(&doc);
        let memo = memo.get_or_insert_with(|| Memo::new(&doc));
        let origins = match prior {
            None => Origins::Input,
            Some(prior) => Origins::of_pass(&doc, &prior.doc, &prior.kept()),
        };

        let mut hits: Vec<Vec<Hit>> = vec![Vec::new(); self.rules.len()];
        match &memo.hits {
            Some(input_hits) => {
                let fresh = |k| origins.fresh(&doc, k);
                self.matcher
                    .hits(&self.rules, &doc, Some(&fresh), &mut hits);
                let input = prior.map_or(&doc, |p| &p.doc);
                Memo::carry_hits(input_hits, input, &doc, &origins, &mut hits);
            }
            None => self.matcher.hits(&self.rules, &doc, None, &mut hits),
        }

        // Rules act in load order, so the first rule to claim a line is the one explained.
        let mut found = Vec::new();
        let mut cuts = Vec::new();
        for (r, rule) in self.rules.iter().enumerate().filter(active) {
            match &rule.matcher {
                RuleMatcher::Detector(d) if d.cuts() => {
                    cuts.clear();
                    d.detect_cuts(&doc, &mut cuts);
                    for (line, span) in cuts.drain(..) {
                        if state.in_scope(line, rule) {
                            state.cut(&Hit {
                                rule: r,
                                line,
                                span,
                            });
                        }
                    }
                }
                RuleMatcher::Detector(d) if !d.on_survivors() => {
                    found.clear();
                    d.detect_lines(&doc, &|line| state.in_scope(line, rule), &mut found);
                    for &line in &found {
                        if state.in_scope(line, rule) {
                            state.drop(line, r);
                        }
                    }
                }
                RuleMatcher::Detector(_) => {}
                _ => state.apply(&hits[r], rule, &doc),
            }
        }
        state.drop_emptied_lines(&doc);
        // The first pass read the input: its hits are the input's, for the passes after
        // it (moved, not copied: this pass is done with them).
        if prior.is_none() && memo.hits.is_none() {
            memo.hits = Some(hits);
        }

        let mut survivors: Option<Vec<Survivor>> = None;
        let staged = |stage| {
            self.rules.iter().enumerate().filter(active).filter(
                move |(_, r)| matches!(&r.matcher, RuleMatcher::Detector(d) if d.stage() == stage),
            )
        };
        for (r, rule) in staged(Stage::Survivors).chain(staged(Stage::Body)) {
            if let RuleMatcher::Detector(d) = &rule.matcher {
                let lines = survivors
                    .get_or_insert_with(|| state.survivors(&doc, &origins, &mut memo.detect));
                found.clear();
                d.detect_survivors(&doc, lines, &origins, &mut memo.detect, &mut found);
                for &k in &found {
                    if state.in_scope(lines[k].line, rule) {
                        state.drop(lines[k].line, r);
                    }
                }
                lines.retain(|s| !matches!(state.fates[s.line], Fate::Drop(_)));
            }
        }

        Cleaned {
            doc,
            fates: state.fates,
            held: Vec::new(),
        }
    }
}

/// Per-document working state: each line's fate, and where non-blank lines stand.
struct State {
    fates: Vec<Fate>,
    /// For each line, its position among non-blank lines (blank lines: `usize::MAX`).
    rank: Vec<usize>,
    non_blank: usize,
}

impl State {
    fn new(doc: &Document) -> State {
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

    fn in_scope(&self, line: usize, rule: &Rule) -> bool {
        self.in_scope_of(line, rule, self.non_blank)
    }

    /// `in_scope` for the document's first `non_blank` non-blank lines.
    fn in_scope_of(&self, line: usize, rule: &Rule, non_blank: usize) -> bool {
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
    fn drop(&mut self, line: usize, rule: usize) {
        if !matches!(self.fates[line], Fate::Drop(_)) {
            self.fates[line] = Fate::Drop(rule);
        }
    }

    /// Act on a rule's hits, in document order, where the rule's scope admits them.
    fn apply(&mut self, hits: &[Hit], rule: &Rule, doc: &Document) {
        if rule.action == Action::DropToEnd {
            // Takes all its markers at once, and judges scope itself: see `drop_to_end`.
            return self.drop_to_end(hits, rule, doc);
        }
        for hit in hits {
            if !self.in_scope(hit.line, rule) {
                continue;
            }
            match rule.action {
                Action::DropLine => self.drop(hit.line, hit.rule),
                Action::Cut => self.cut(hit),
                Action::DropBlock => self.drop_block(hit, rule, doc),
                Action::DropToEnd => {} // handled above
            }
        }
    }

    /// Cut a hit's span out of its line, unless the line is dropped already.
    fn cut(&mut self, hit: &Hit) {
        match &mut self.fates[hit.line] {
            Fate::Drop(_) => {}
            fate @ Fate::Keep => *fate = Fate::Cut(vec![(hit.span.clone(), hit.rule)]),
            Fate::Cut(cuts) => {
                cuts.push((hit.span.clone(), hit.rule));
                merge_cuts(cuts);
            }
        }
    }

    /// Drop a block label and the member lines after it, if at least one follows.
    fn drop_block(&mut self, hit: &Hit, rule: &Rule, doc: &Document) {
        let member = rule.block_member.as_ref().expect("checked when compiled");
        let mut members = Vec::new();
        for next in hit.line + 1..doc.lines.len() {
            if doc.lines[next].blank {
                continue;
            }
            if !member.is_match(doc.line(next)) {
                break;
            }
            members.push(next);
        }
        if !members.is_empty() {
            self.drop(hit.line, hit.rule);
            for m in members {
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
    fn drop_to_end(&mut self, hits: &[Hit], rule: &Rule, doc: &Document) {
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
    fn drop_emptied_lines(&mut self, doc: &Document) {
        for (i, fate) in self.fates.iter_mut().enumerate() {
            if let Fate::Cut(cuts) = fate
                && cut_text(doc, i, cuts).trim().is_empty()
            {
                *fate = Fate::Drop(cuts[0].1);
            }
        }
    }

    /// Kept non-blank lines and their text after cuts.
    fn survivors<'a>(
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

/// `text` ends a sentence, perhaps followed by quotes, brackets or an emoji ("! 🙂").
fn ends_sentence_before_symbols(text: &str) -> bool {
    const ENDS: &[char] = &['.', '!', '?', '…', '。', '！', '？', '؟'];
    text.trim_end_matches(|c: char| !ENDS.contains(&c) && !crate::detect::is_alphanumeric(c))
        .ends_with(ENDS)
}

/// Letters and digits in `text`.
fn letters(text: &str) -> usize {
    text.chars()
        .filter(|&c| crate::detect::is_alphanumeric(c))
        .count()
}

/// Line `i` without its cut spans.
fn cut_text(doc: &Document, i: usize, cuts: &[(Range<usize>, usize)]) -> String {
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
fn merge_cuts(cuts: &mut Vec<(Range<usize>, usize)>) {
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
fn map_span(
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

/// One change from the input to the cleaned text: replace input bytes `span` with
/// `insert` (almost always empty). Applied in order, the edits of a document turn its
/// input into exactly its cleaned text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edit {
    /// 0-based input line the edit starts on.
    pub line: usize,
    /// Byte span in the input.
    pub span: Range<usize>,
    /// What replaces the span: empty, or a line break where the layout needs one.
    pub insert: &'static str,
    /// The rule behind the edit (an index into the cleaner's rules); `None` for layout.
    pub rule: Option<usize>,
    pub kind: EditKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EditKind {
    /// A dropped line, with its line break.
    DropLine,
    /// A span cut out of a kept line.
    Cut,
    /// Blank lines folded, whitespace-only lines emptied, line breaks made uniform.
    Layout,
}

impl EditKind {
    pub fn name(self) -> &'static str {
        match self {
            EditKind::DropLine => "drop-line",
            EditKind::Cut => "cut",
            EditKind::Layout => "layout",
        }
    }
}

/// A piece of the cleaned text: a slice of the input, or an inserted line break.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Piece {
    Input(Range<usize>),
    Insert(&'static str),
}

/// A cleaned document: the input, and each line's fate.
pub struct Cleaned<'a> {
    pub doc: Document<'a>,
    pub fates: Vec<Fate>,
    /// Rules the removal guard held back for this document (indices into the rules):
    /// with them on, no paragraph of the input was left. Empty for almost every document.
    pub held: Vec<usize>,
}

impl Cleaned<'_> {
    /// The cleaned text: kept lines byte for byte (less cut spans), blank runs folded to
    /// one empty line, no blank lines at either end, one final line break, the input's
    /// line ending. An emptied document is the empty string.
    pub fn text(&self) -> String {
        let mut out = String::with_capacity(self.doc.text.len());
        self.write(&mut out);
        out
    }

    /// What is left of input line `i`: `None` when it is blank or dropped, the line
    /// less its cut spans otherwise (layout aside: a trailing CR stays here).
    pub fn kept_line(&self, i: usize) -> Option<Cow<'_, str>> {
        if self.doc.lines[i].blank {
            return None;
        }
        match &self.fates[i] {
            Fate::Drop(_) => None,
            Fate::Keep => Some(Cow::Borrowed(self.doc.line(i))),
            Fate::Cut(cuts) => Some(Cow::Owned(cut_text(&self.doc, i, cuts))),
        }
    }

    /// The cleaned text is empty: nothing of the document is left.
    pub fn is_empty(&self) -> bool {
        let mut empty = true;
        self.pieces(|piece| {
            if let Piece::Input(r) = piece {
                empty &= r.is_empty();
            } else {
                empty = false;
            }
        });
        empty
    }

    pub fn write(&self, out: &mut String) {
        self.pieces(|piece| match piece {
            Piece::Input(r) => out.push_str(&self.doc.text[r]),
            Piece::Insert(s) => out.push_str(s),
        });
    }

    /// The removal guard's test. When the input has paragraphs (lines of at least
    /// [`GUARD_PARAGRAPH_CHARS`] letters and digits that end a sentence), none is left, and what is left is
    /// less text than the paragraphs that went: the rules that judge blocks (drop-to-end
    /// and drop-block rules, the detectors that judge what the line rules left) and took
    /// one of those paragraphs. A line rule says what one line is and is trusted; a
    /// block rule that takes every paragraph and leaves less than it took has likely
    /// mistaken the article for chaff, and handing back the menus would be silent loss.
    /// (A page whose only long line is a glued teaser list, over an article of short
    /// lines that stays, is not guarded: what is left outweighs it.)
    fn paragraph_takers(&self, rules: &[Rule]) -> Vec<usize> {
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

    /// The input lines the cleaned text keeps, in order, each with whether a cut changed
    /// it: the cleaned text's non-blank lines, one for one.
    fn kept(&self) -> Vec<(usize, bool)> {
        (0..self.doc.lines.len())
            .filter(|&i| !self.doc.lines[i].blank)
            .filter_map(|i| match self.fates[i] {
                Fate::Drop(_) => None,
                Fate::Keep => Some((i, false)),
                Fate::Cut(_) => Some((i, true)),
            })
            .collect()
    }

    /// Take the removals of `again`, a pass over this document's cleaned text, as this
    /// document's own. Returns false when the two do not line up (then nothing changes).
    fn absorb(&mut self, again: &Cleaned) -> bool {
        // The cleaned text's non-blank lines are this document's kept non-blank lines,
        // in order, one for one.
        let kept: Vec<usize> = self.kept().into_iter().map(|(i, _)| i).collect();
        let outs: Vec<usize> = (0..again.doc.lines.len())
            .filter(|&k| !again.doc.lines[k].blank)
            .collect();
        if kept.len() != outs.len() {
            debug_assert!(false, "cleaned text does not line up with its input");
            return false;
        }
        let mut changed = false;
        for (&i, &k) in kept.iter().zip(&outs) {
            match &again.fates[k] {
                Fate::Keep => {}
                Fate::Drop(r) => {
                    self.fates[i] = Fate::Drop(*r);
                    changed = true;
                }
                Fate::Cut(cuts) => {
                    let pieces = self.kept_pieces(i);
                    let base = again.doc.lines[k].start;
                    let mut mapped = match &self.fates[i] {
                        Fate::Cut(c) => c.clone(),
                        _ => Vec::new(),
                    };
                    for (span, r) in cuts {
                        map_span(&pieces, span.start - base..span.end - base, *r, &mut mapped);
                    }
                    merge_cuts(&mut mapped);
                    let text = cut_text(&self.doc, i, &mapped);
                    self.fates[i] = if text.trim().is_empty() {
                        Fate::Drop(cuts[0].1)
                    } else {
                        Fate::Cut(mapped)
                    };
                    changed = true;
                }
            }
        }
        changed
    }

    /// The input byte ranges that make up line `i` after its cuts.
    fn kept_pieces(&self, i: usize) -> Vec<Range<usize>> {
        let line = &self.doc.lines[i];
        let mut pieces = Vec::new();
        let mut pos = line.start;
        if let Fate::Cut(cuts) = &self.fates[i] {
            for (span, _) in cuts {
                if span.start > pos {
                    pieces.push(pos..span.start);
                }
                pos = span.end;
            }
        }
        if line.end > pos {
            pieces.push(pos..line.end);
        }
        pieces
    }

    /// The line break after line `i`, as a piece: the input's own bytes when they are
    /// the document's line ending, else an insertion (last line without a break, or a
    /// stray LF in a CRLF document).
    fn line_break(&self, i: usize) -> Piece {
        let eol = self.doc.ending.as_str();
        let end = self.doc.lines[i].end;
        if self.doc.text[end..].starts_with(eol) {
            Piece::Input(end..end + eol.len())
        } else {
            Piece::Insert(eol)
        }
    }

    /// Emit the cleaned text as pieces, in order. Text and edits both come from here, so
    /// they cannot disagree.
    fn pieces(&self, mut emit: impl FnMut(Piece)) {
        let mut started = false;
        let mut gap: Option<usize> = None;
        for (i, line) in self.doc.lines.iter().enumerate() {
            if line.blank {
                gap.get_or_insert(i);
                continue;
            }
            let cuts = match &self.fates[i] {
                Fate::Drop(_) => continue,
                Fate::Keep => &[][..],
                Fate::Cut(cuts) => &cuts[..],
            };
            if let Some(blank) = gap.take()
                && started
            {
                // The first blank line of the run, emptied, stands for the whole run.
                emit(self.line_break(blank));
            }
            started = true;
            // A CR at the end of what is left of a line would read as part of a CRLF
            // break when the output is read again: layout leaves it out.
            let mut limit = line.end;
            while limit > line.start {
                if let Some((span, _)) =
                    cuts.iter().find(|(c, _)| c.start < limit && limit <= c.end)
                {
                    limit = span.start;
                } else if self.doc.text.as_bytes()[limit - 1] == b'\r' {
                    limit -= 1;
                } else {
                    break;
                }
            }
            let mut pos = line.start;
            for (span, _) in cuts {
                if span.start >= limit {
                    break;
                }
                if span.start > pos {
                    emit(Piece::Input(pos..span.start));
                }
                pos = span.end;
            }
            if limit > pos {
                emit(Piece::Input(pos..limit));
            }
            emit(self.line_break(i));
        }
    }

    /// Every change from input to cleaned text, in input order, each with its rule.
    pub fn edits(&self) -> Vec<Edit> {
        let mut edits = Vec::new();
        let mut pos = 0;
        let push_gap = |edits: &mut Vec<Edit>, from: usize, to: usize| {
            // Split a removed stretch at line starts so each edit belongs to one line.
            let mut at = from;
            while at < to {
                let line = self
                    .doc
                    .line_at(at)
                    .min(self.doc.lines.len().saturating_sub(1));
                let next = self
                    .doc
                    .lines
                    .get(line + 1)
                    .map_or(self.doc.text.len(), |l| l.start);
                let end = next.min(to).max(at + 1);
                let (rule, kind) = self.blame(line, at..end);
                edits.push(Edit {
                    line,
                    span: at..end,
                    insert: "",
                    rule,
                    kind,
                });
                at = end;
            }
        };
        self.pieces(|piece| match piece {
            Piece::Input(r) => {
                push_gap(&mut edits, pos, r.start);
                pos = r.end;
            }
            Piece::Insert(s) => edits.push(Edit {
                line: self
                    .doc
                    .line_at(pos)
                    .min(self.doc.lines.len().saturating_sub(1)),
                span: pos..pos,
                insert: s,
                rule: None,
                kind: EditKind::Layout,
            }),
        });
        push_gap(&mut edits, pos, self.doc.text.len());
        // A removal and an insertion at the same place read better as one replacement.
        edits.sort_by_key(|e| (e.span.start, e.span.end));
        edits
    }

    /// Which rule removed bytes `span` of line `line`.
    fn blame(&self, line: usize, span: Range<usize>) -> (Option<usize>, EditKind) {
        match self.fates.get(line) {
            Some(Fate::Drop(rule)) => (Some(*rule), EditKind::DropLine),
            Some(Fate::Cut(cuts)) => cuts
                .iter()
                .find(|(c, _)| c.start <= span.start && span.end <= c.end)
                .map_or((None, EditKind::Layout), |(_, r)| (Some(*r), EditKind::Cut)),
            _ => (None, EditKind::Layout),
        }
    }
}

/// Apply `edits` (from [`Cleaned::edits`]) to `input`: gives the cleaned text.
pub fn apply_edits(input: &str, edits: &[Edit]) -> String {
    let mut out = String::with_capacity(input.len());
    let mut pos = 0;
    for e in edits {
        out.push_str(&input[pos..e.span.start]);
        out.push_str(e.insert);
        pos = e.span.end;
    }
    out.push_str(&input[pos..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::RuleSet;

    #[test]
    fn edits_apply_to_the_cleaned_text() {
        let cleaner = Cleaner::new(RuleSet::defaults().unwrap());
        for input in [
            "",
            "\n\n",
            "A story.\nRead more: X\n\n\n  \nThe end.",
            "SEE ALSOOrban at Zelensky's\r\nText.\r\n\r\n\r\nMore.\nLast",
            "  \nicon-facebook icon-twitter\nBody.\n",
            "Read more: only chaff\n",
        ] {
            let cleaned = cleaner.clean(input);
            let edits = cleaned.edits();
            assert_eq!(apply_edits(input, &edits), cleaned.text(), "{input:?}");
            assert!(edits.windows(2).all(|w| w[0].span.end <= w[1].span.start));
        }
    }

    /// A block rule that would take every paragraph is held back, and says so; a line
    /// rule that removes a long line is trusted.
    #[test]
    fn removal_guard_holds_back_a_block_rule_that_takes_the_article() {
        let rules = r#"
            [[rule]]
            id = "test.greedy-block"
            description = "A label and every line after it: far too greedy."
            phrases = ["Related"]
            action = "drop-block"
            block-member = '.+'

            [[rule]]
            id = "test.long-line"
            description = "A line rule that drops a long line."
            pattern = 'Sponsored: .+'
            action = "drop-line"
        "#;
        let source = crate::rules::Source {
            name: "test.toml".into(),
            text: rules.into(),
        };
        let cleaner = Cleaner::new(RuleSet::from_sources(&[source]).unwrap());
        let paragraph = "The council voted on Tuesday to close the old library and move its collection to the new civic centre, which opens in the spring after two years of delays blamed on the rising cost of steel and a long dispute with the builder over the roof, the windows and the lifts, which are still not working.";
        let input = format!("Related\n{paragraph}\nShort line.\n");
        let guarded = cleaner.clean(&input);
        assert_eq!(guarded.text(), input);
        assert_eq!(guarded.held, vec![0]);

        let sponsored = format!("Sponsored: {paragraph}");
        let input = format!("{sponsored}\nShort line.\n");
        let trusted = cleaner.clean(&input);
        assert_eq!(trusted.text(), "Short line.\n");
        assert!(trusted.held.is_empty());
    }

    /// Threads of replies, each under its own form heading: the tail marker of what is
    /// left after one thread goes is the next heading up. All of them go in one pass,
    /// and the body stays (the fuzzer found the version that needed a pass a thread).
    #[test]
    fn drop_to_end_takes_every_thread_in_one_pass() {
        let cleaner = Cleaner::new(RuleSet::defaults().unwrap());
        let body: String = (1..=6)
            .map(|n| {
                format!(
                    "Day {n}: the tap in our kitchen had been dripping for weeks, and the \
                     sound kept us awake until we replaced the cartridge ourselves.\n\n"
                )
            })
            .collect();
        let threads = "Leave a Reply\nGreat tip, thanks.\n\n".repeat(12);
        let input = format!("{body}{threads}");
        let cleaned = cleaner.pass(&input, None, &[], &mut None, None);
        assert_eq!(cleaned.text(), body.trim_end().to_string() + "\n");
        let again = cleaner.clean(&cleaned.text()).text();
        assert_eq!(again, cleaned.text());
    }

    /// A line printed many times in a row at the top is a pattern of the text, not a
    /// title printed twice: it stays whole, in one pass (taking one copy a pass used to
    /// run the pass bound out and leave a result that was not a fixed point).
    #[test]
    fn a_run_of_identical_lines_stays_and_is_a_fixed_point() {
        let cleaner = Cleaner::new(RuleSet::defaults().unwrap());
        let line = "The council approved the plan by seven votes to two.\n";
        let input = line.repeat(200);
        let cleaned = cleaner.pass(&input, None, &[], &mut None, None);
        assert_eq!(cleaned.text(), input);
        assert_eq!(cleaner.clean(&input).text(), input);
    }
}
