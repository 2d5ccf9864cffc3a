//! What cleaning a document decided ([`Cleaned`]), and the text it renders: kept lines
//! byte for byte less their cut spans, blank runs folded, the input's line ending.
//!
//! Cost: one pass over the lines to render; nothing is copied but the output.

use super::*;

/// A piece of the cleaned text: a slice of the input, or an inserted line break.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Piece {
    Input(Range<usize>),
    Insert(&'static str),
}

/// A cleaned document: the input, and each line's fate.
pub struct Cleaned<'a> {
    pub doc: Document<'a>,
    pub fates: Vec<Fate>,
    /// Rules the removal guard held back for this document (indices into the rules):
    /// with them on, no paragraph of the input was left. Empty for almost every document.
    /// A held rule may still remove lines of the trimmed text, which is judged again
    /// (see [`super::Cleaner::clean_url`]).
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

    /// The input lines the cleaned text keeps, in order, each with whether a cut changed
    /// it: the cleaned text's non-blank lines, one for one.
    pub(super) fn kept(&self) -> Vec<(usize, bool)> {
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
    pub(super) fn absorb(&mut self, again: &Cleaned) -> bool {
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
    pub(super) fn kept_pieces(&self, i: usize) -> Vec<Range<usize>> {
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
    pub(super) fn line_break(&self, i: usize) -> Piece {
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
    pub(super) fn pieces(&self, mut emit: impl FnMut(Piece)) {
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
}
