//! What a document's lines give every cleaning pass that reads them unchanged.
//!
//! Cleaning runs again over its own output until nothing changes (see
//! [`crate::Cleaner::clean_url`]), and the removal guard may run it again with rules held
//! back. Those passes read text the first pass read already: every line they see is an
//! input line, byte for byte, unless a rule cut a span out of it. Whatever depends only on
//! a line's text (the rules' hits, the fold key the repeat detectors compare, the words
//! main-body weighs) is computed once, on the input line, and handed to later passes by
//! [`Origins`]: which input line each line of a pass is a copy of.
//!
//! Cost: one `Option` a line and a byte comparison of each line that survives a pass;
//! a later pass then matches and reads only the lines a cut changed.

use crate::detect::Memo as DetectorMemo;
use crate::document::Document;
use crate::matcher::Hit;

/// For each line of the document a pass reads, the input line it is an unchanged copy
/// of; none for a line a cut changed (and for blank lines, which no rule reads).
pub enum Origins {
    /// The input itself: every line is its own origin.
    Input,
    /// A later pass: input line indices, [`NONE`] where there is none (4 bytes a line,
    /// for documents of millions of lines).
    Pass(Vec<u32>),
}

/// In [`Origins::Pass`]: no input line.
const NONE: u32 = u32::MAX;

impl Origins {
    /// The lines of `doc`, a later pass's text, against the input lines that survive to it
    /// (`kept`: input line and whether a cut changed it, in order; the non-blank lines of
    /// the cleaned text are these, one for one). A line is a copy when its text is the
    /// input line's, byte for byte: layout may still have changed it (a trailing CR left
    /// out), and then it is read afresh.
    pub fn of_pass(doc: &Document, input: &Document, kept: &[(usize, bool)]) -> Origins {
        let mut origins = vec![NONE; doc.lines.len()];
        let outs = (0..doc.lines.len()).filter(|&k| !doc.lines[k].blank);
        // Past u32 line numbers (never on real text) every line is read afresh.
        if outs.clone().count() == kept.len() && input.lines.len() < NONE as usize {
            for (k, &(i, cut)) in outs.zip(kept) {
                if !cut && doc.line(k) == input.line(i) {
                    origins[k] = i as u32;
                }
            }
        }
        Origins::Pass(origins)
    }

    /// The input line that line `k` of `doc` copies.
    pub fn get(&self, doc: &Document, k: usize) -> Option<usize> {
        match self {
            Origins::Input => (!doc.lines[k].blank).then_some(k),
            Origins::Pass(o) => (o[k] != NONE).then_some(o[k] as usize),
        }
    }

    /// Whether line `k` must be read afresh: it is not blank and copies no input line.
    pub fn fresh(&self, doc: &Document, k: usize) -> bool {
        !doc.lines[k].blank && self.get(doc, k).is_none()
    }
}

/// Everything one document's passes share.
pub struct Memo {
    /// The first pass's hits over the input, grouped by rule, each in line order.
    pub hits: Option<Vec<Vec<Hit>>>,
    /// What the detectors computed on input lines.
    pub detect: DetectorMemo,
}

impl Memo {
    pub fn new(input: &Document) -> Memo {
        Memo {
            hits: None,
            detect: DetectorMemo::new(input.lines.len()),
        }
    }

    /// The input's hits carried onto the lines of a later pass that copy input lines:
    /// appended to `out`, which then holds every hit of the pass (`out` must already
    /// hold the hits of the fresh lines); each rule's hits are put back in line order.
    pub fn carry_hits(
        input_hits: &[Vec<Hit>],
        input: &Document,
        doc: &Document,
        origins: &Origins,
        out: &mut [Vec<Hit>],
    ) {
        let mut copy_of = vec![None; input.lines.len()];
        for k in 0..doc.lines.len() {
            if let Some(i) = origins.get(doc, k) {
                copy_of[i] = Some(k);
            }
        }
        for (rule, hits) in input_hits.iter().enumerate() {
            if hits.is_empty() {
                continue;
            }
            let before = out[rule].len();
            for hit in hits {
                if let Some(k) = copy_of[hit.line] {
                    let shift = doc.lines[k].start as isize - input.lines[hit.line].start as isize;
                    out[rule].push(Hit {
                        rule,
                        line: k,
                        span: hit.span.start.wrapping_add_signed(shift)
                            ..hit.span.end.wrapping_add_signed(shift),
                    });
                }
            }
            if before > 0 && out[rule].len() > before {
                // Stable: the hits of one line keep the order the matcher gave them.
                out[rule].sort_by_key(|h| (h.line, h.span.start));
            }
        }
    }
}
