//! Reviewing a rule change like code: per-document snapshots of a corpus
//! ([`snapshot`]) and the difference two rule configurations make on it ([`diff`]).
//!
//! Both work on one document at a time and do no I/O: the `chaff snapshot` and
//! `chaff diff` commands read the corpus, run documents in parallel and write files.

pub mod diff;
pub mod snapshot;

use std::borrow::Cow;

use crate::cleaner::{Cleaned, Fate};
use crate::rules::Rule;

/// What one input line became, with rules named by id (so two rule sets compare).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LineFate<'a> {
    Blank,
    Keep,
    Drop(&'a str),
    /// Kept without the cut spans; the ids of the rules that cut, in order.
    Cut(Vec<&'a str>),
}

impl<'a> LineFate<'a> {
    /// The fate of input line `i` of `cleaned`.
    pub fn of(cleaned: &Cleaned, rules: &'a [Rule], i: usize) -> LineFate<'a> {
        if cleaned.doc.lines[i].blank {
            return LineFate::Blank;
        }
        match &cleaned.fates[i] {
            Fate::Keep => LineFate::Keep,
            Fate::Drop(r) => LineFate::Drop(&rules[*r].id),
            Fate::Cut(cuts) => {
                LineFate::Cut(cuts.iter().map(|(_, r)| rules[*r].id.as_str()).collect())
            }
        }
    }

    /// The rules this fate names.
    pub fn rules(&self) -> &[&'a str] {
        match self {
            LineFate::Drop(id) => std::slice::from_ref(id),
            LineFate::Cut(ids) => ids,
            LineFate::Blank | LineFate::Keep => &[],
        }
    }
}

/// Shorten `text` to at most `max` characters, marking the cut with `…`.
pub(crate) fn clip(text: &str, max: usize) -> Cow<'_, str> {
    match text.char_indices().nth(max) {
        None => Cow::Borrowed(text),
        Some((at, _)) => Cow::Owned(format!("{}…", &text[..at])),
    }
}
