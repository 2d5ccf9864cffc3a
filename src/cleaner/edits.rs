//! The cleaned text as edits of the input (byte spans removed, with the rule that removed
//! them): what `--annotate` writes and `apply_edits` replays.
//!
//! Cost: linear in the document's lines.

use super::*;

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

impl Cleaned<'_> {
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
    pub(super) fn blame(&self, line: usize, span: Range<usize>) -> (Option<usize>, EditKind) {
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
