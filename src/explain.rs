//! The `--explain` view: every input line with its fate and the rule that decided it.
//!
//! Made for review: one line of output per input line, so a rule change shows as a
//! small diff in a snapshot.

use std::fmt::Write;

use crate::cleaner::{Cleaned, Fate};
use crate::rules::Rule;

/// How many characters of a line the view shows.
const SHOWN: usize = 100;

/// How the view lays a line out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExplainStyle {
    /// For a terminal (`--explain`): rule ids padded to one column, lines shortened to
    /// their first [`SHOWN`] characters.
    Aligned,
    /// For review in version control (`chaff snapshot`): whole lines, and no padding, so
    /// a rule with a longer id firing on one line does not rewrite every other line.
    Review,
}

/// Render the explanation of `cleaned`, naming rules from `rules`.
pub fn explain(cleaned: &Cleaned, rules: &[Rule]) -> String {
    explain_styled(cleaned, rules, ExplainStyle::Aligned)
}

/// [`explain`], in the given style.
pub fn explain_styled(cleaned: &Cleaned, rules: &[Rule], style: ExplainStyle) -> String {
    let doc = &cleaned.doc;
    let shorten = |text: &str| match style {
        ExplainStyle::Aligned => shorten(text),
        ExplainStyle::Review => text.to_string(),
    };
    // As wide as the ids this document names, not every loaded rule: adding a rule with
    // a long id must not shift every snapshot.
    let width = cleaned
        .fates
        .iter()
        .map(|f| match f {
            Fate::Keep => 0,
            Fate::Drop(r) => rules[*r].id.len(),
            Fate::Cut(cuts) => cuts
                .iter()
                .map(|(_, r)| rules[*r].id.len() + 1)
                .sum::<usize>()
                .saturating_sub(1),
        })
        .max()
        .unwrap_or(0)
        .max(4);
    let width = if style == ExplainStyle::Review {
        0
    } else {
        width
    };
    let mut out = String::new();
    let (mut dropped, mut cut) = (0, 0);
    for (i, line) in doc.lines.iter().enumerate() {
        let text = doc.line(i);
        let n = i + 1;
        let _ = match &cleaned.fates[i] {
            _ if line.blank => writeln!(out, "{n:>5}"),
            Fate::Keep if style == ExplainStyle::Review => {
                writeln!(out, "{n:>5} keep | {}", shorten(text))
            }
            Fate::Keep => writeln!(out, "{n:>5} keep {:width$} | {}", "", shorten(text)),
            Fate::Drop(r) => {
                dropped += 1;
                writeln!(
                    out,
                    "{n:>5} drop {:width$} | {}",
                    rules[*r].id,
                    shorten(text)
                )
            }
            Fate::Cut(cuts) => {
                cut += cuts.len();
                let mut marked = String::new();
                let mut pos = line.start;
                for (span, _) in cuts {
                    marked.push_str(&doc.text[pos..span.start]);
                    marked.push('⟦');
                    marked.push_str(&doc.text[span.clone()]);
                    marked.push('⟧');
                    pos = span.end;
                }
                marked.push_str(&doc.text[pos..line.end]);
                let ids: Vec<&str> = cuts.iter().map(|(_, r)| rules[*r].id.as_str()).collect();
                let gap = if style == ExplainStyle::Review {
                    ""
                } else {
                    " "
                };
                writeln!(
                    out,
                    "{n:>5} cut {gap}{:width$} | {}",
                    ids.join(","),
                    shorten(&marked)
                )
            }
        };
    }
    let _ = writeln!(
        out,
        "-- {} lines: {} dropped, {} spans cut",
        doc.lines.len(),
        dropped,
        cut
    );
    if !cleaned.held.is_empty() {
        let ids: Vec<&str> = cleaned.held.iter().map(|&r| rules[r].id.as_str()).collect();
        let _ = writeln!(
            out,
            "-- removal guard: held back {}: with it, no paragraph of the document was left",
            ids.join(", ")
        );
    }
    out
}

/// The first characters of a line, with `…` where it was cut short.
fn shorten(text: &str) -> String {
    let mut s: String = text.chars().take(SHOWN).collect();
    if s.len() < text.len() {
        s.push('…');
    }
    s
}
