//! `comment-section`: the reader comments under an article, found by the section's heading.
//!
//! Templates print the comment section under a heading of its own ("Comments",
//! "12 Comments", "6 thoughts on “Title”", "Kommentare (3)"), and an extractor often keeps
//! the comments' text while dropping the names and time stamps `comment-thread` looks for.
//! What is left reads like more paragraphs; the heading is the evidence, and it needs
//! support of one of two kinds:
//!
//! - **a closer** after it ("Comments are closed.", "[ Read All Comments ]"): heading and
//!   closer bracket the section, and both go with everything between them. A closer
//!   that another rule took first ("View all comments" is also a widget's button, which
//!   `comments.widget` drops) still closes it, after the last line left above it;
//! - **a count** in the heading ("12 Comments", "6 thoughts on …"): a section that runs
//!   to the end. The heading and everything after it go, if it stands in the last
//!   `max-lines-after` lines, holds at most `max-share-after` of the text from it on, and no
//!   other counted heading stands within `teaser-gap` lines (a list of story teasers
//!   prints "12 comments" under every headline: that is not a section). A longer thread
//!   needs its closer: a counted heading with much text after it may as well be a
//!   section of the article ("12 comments" is also what a post's header links to);
//! - **a count and the post's title** ("156 Responses to “Shuteye”", "6 thoughts on
//!   “Title”", `titled-headings`): the heading blog templates print over the comment
//!   list, naming the post it hangs under. An article's own section does not quote the
//!   article's title after a count, so the section runs to the end however long the
//!   thread is (a popular post's 200 comments outweigh it many times), as long as no other
//!   counted heading stands within `teaser-gap` lines. The notice a comment engine prints
//!   over its list in place of a count (Slash's "The following comments are owned by
//!   whoever posted them.") is such a heading too. So does a counted heading right
//!   above the first comment's header, a name then a date with its year and a time of
//!   day, on one line ("385 Comments" over "Tim Ferriss — June 24th, 2012, 11:39 pm") or
//!   on two (the name alone over the stamp, which may be relative: "2 days ago"), or
//!   "Jane Doe says:":
//!   the count and the comment under it are two signs that agree, where either alone
//!   may be a post header's link or an article's chronology.
//!
//! A bare heading without either needs to stand at the very end: at most `bare-tail-lines`
//! lines and `bare-tail-chars` letters after it, none of them a sentence (the widget's
//! leftovers, "in reply to").
//! Anywhere else it is not enough: a style guide has a section called "Comments", about
//! comments in code.
//!
//! Either way the heading needs `min-chars-before` letters and digits above it, so a
//! document that opens with the word keeps its body. Letters are weighed as main-body
//! weighs them (an ideograph three, a Hangul syllable two): a Chinese article says in
//! 300 characters what an English one says in 900 letters.

use std::collections::HashSet;
use std::sync::Arc;

use regex::Regex;

use super::body::weighted_letters;
use super::threads::{name_line, one_line_header, relative_stamp, says_line};
use super::{Params, Survivor, SurvivorPos, ends_sentence, taken_after};
use crate::document::Document;
use crate::matcher::LineMatcher;
use crate::memo::Origins;

#[derive(Debug, Clone)]
pub struct CommentSection {
    min_chars_before: usize,
    teaser_gap: usize,
    max_lines_after: usize,
    max_share_after: f64,
    bare_tail_lines: usize,
    bare_tail_chars: usize,
    headings: Headings,
    closers: HashSet<String>,
    /// Shortest and longest closer, in bytes: most lines are ruled out by length alone.
    closer_bytes: (usize, usize),
    /// The closers' first letters, lowercased: most short lines start with another.
    closer_starts: Vec<char>,
}

/// Longest line, in bytes, that is tried as a heading: a counted heading may quote a
/// whole article title.
const MAX_HEADING_BYTES: usize = 300;

/// Longest line, in letters and digits, that is tried as a closer.
const MAX_CLOSER_CHARS: usize = 60;

impl CommentSection {
    pub(super) fn new(p: &mut Params) -> Result<Self, String> {
        Ok(CommentSection {
            min_chars_before: p.usize("min-chars-before", 300)?,
            teaser_gap: p.usize("teaser-gap", 10)?,
            max_lines_after: p.usize("max-lines-after", 15)?,
            max_share_after: p.ratio("max-share-after", 0.33)?,
            bare_tail_lines: p.usize("bare-tail-lines", 2)?,
            bare_tail_chars: p.usize("bare-tail-chars", 100)?,
            headings: Headings::new(
                [
                    (
                        Kind::Titled,
                        "titled-headings",
                        p.strings("titled-headings")?,
                    ),
                    (
                        Kind::Counted,
                        "counted-headings",
                        p.strings("counted-headings")?,
                    ),
                    (Kind::Heading, "headings", p.strings("headings")?),
                ],
                p.compile_now,
            )?,
            closers: HashSet::new(),
            closer_bytes: (0, 0),
            closer_starts: Vec::new(),
        }
        .with_closers(&p.words("closers")?))
    }

    fn with_closers(mut self, closers: &[String]) -> Self {
        self.closers = closers.iter().map(|c| closer_key(c)).collect();
        let lens = self.closers.iter().map(String::len);
        self.closer_bytes = (lens.clone().min().unwrap_or(0), lens.max().unwrap_or(0));
        self.closer_starts = self
            .closers
            .iter()
            .filter_map(|c| c.chars().next())
            .collect();
        self.closer_starts.sort_unstable();
        self.closer_starts.dedup();
        self
    }

    pub(super) fn detect(
        &self,
        doc: &Document,
        lines: &[Survivor],
        origins: &Origins,
        memo: &mut SectionKinds,
        out: &mut Vec<SurvivorPos>,
    ) {
        // A whole line reads the same in every pass: its kind is read once.
        let kinds: Vec<Kind> = lines
            .iter()
            .map(|l| match l.input_line(doc, origins) {
                Some(i) => memo.get(i, || self.kind(l)),
                None => self.kind(l),
            })
            .collect();
        // Most documents have no comment heading, and nothing below needs reading.
        let Some(first) = kinds
            .iter()
            .position(|k| matches!(k, Kind::Heading | Kind::Counted | Kind::Titled))
        else {
            return;
        };
        // A closer another rule took ("View all comments" is a comment widget's button
        // too) still ends the section: the section runs to the last line before it. Only
        // closers below the first heading can end one.
        let closed_after: Vec<bool> = (0..lines.len())
            .map(|j| {
                j >= first && taken_after(doc, lines, j).any(|i| self.is_closer(doc.line(i).trim()))
            })
            .collect();
        // The last line of the section closed at or after each line, found from the end
        // in one sweep: a long text has many headings and few closers.
        let mut next_closer = vec![None; lines.len() + 1];
        for k in (0..lines.len()).rev() {
            next_closer[k] = if kinds[k] == Kind::Closer || closed_after[k] {
                Some(k)
            } else {
                next_closer[k + 1]
            };
        }
        // Every bracketed section goes in one pass (a long text may hold many); text
        // already taken does not count as text above a later heading.
        // Text weighed as main-body weighs it, an ideograph three letters: a Chinese
        // article says in 300 characters what an English one says in 900 letters.
        let weight: Vec<usize> = lines
            .iter()
            .map(|l| weighted_letters(&l.text, l.chars))
            .collect();
        let total: usize = weight.iter().sum();
        let (mut seen, mut taken) = (0, 0);
        let mut k = 0;
        while k < lines.len() {
            let before = seen - taken;
            if before >= self.min_chars_before
                && matches!(kinds[k], Kind::Heading | Kind::Counted | Kind::Titled)
            {
                let close = if closed_after[k] {
                    Some(k)
                } else {
                    next_closer[k + 1]
                };
                if let Some(close) = close {
                    out.extend((k..=close).map(SurvivorPos));
                    let chars: usize = weight[k..=close].iter().sum();
                    seen += chars;
                    taken += chars;
                    k = close + 1;
                    continue;
                }
                let after = lines.len() - 1 - k;
                let rest = total - seen;
                if kinds[k] == Kind::Heading
                    && after <= self.bare_tail_lines
                    && rest - weight[k] <= self.bare_tail_chars
                    && !lines[k + 1..].iter().any(|l| ends_sentence(&l.text))
                {
                    out.extend(SurvivorPos::all(k..lines.len()));
                    return;
                }
                if (kinds[k] == Kind::Titled
                    || (kinds[k] == Kind::Counted && opens_comment(&lines[k + 1..])))
                    && !self.teaser(&kinds, k)
                {
                    out.extend(SurvivorPos::all(k..lines.len()));
                    return;
                }
                if kinds[k] == Kind::Counted
                    && after <= self.max_lines_after
                    && rest as f64 <= self.max_share_after * (total - taken) as f64
                    && !self.teaser(&kinds, k)
                {
                    out.extend(SurvivorPos::all(k..lines.len()));
                    return;
                }
            }
            seen += weight[k];
            k += 1;
        }
    }

    fn kind(&self, line: &Survivor) -> Kind {
        let text = line.text.trim();
        if line.chars == 0 || text.len() > MAX_HEADING_BYTES {
            return Kind::Other;
        }
        if line.chars <= MAX_CLOSER_CHARS && self.is_closer(text) {
            return Kind::Closer;
        }
        self.headings.kind(text)
    }

    /// Whether the trimmed line `text` is one of the closers.
    fn is_closer(&self, text: &str) -> bool {
        let (shortest, longest) = self.closer_bytes;
        // Brackets and dots around a closer add a few bytes: allow for them.
        (shortest..=longest + 8).contains(&text.len())
            && text
                .chars()
                .find(|c| c.is_alphanumeric())
                .and_then(|c| c.to_lowercase().next())
                .is_some_and(|c| self.closer_starts.binary_search(&c).is_ok())
            && self.closers.contains(&closer_key(text))
    }

    /// Another counted heading near `k`: comment counts under story teasers.
    fn teaser(&self, kinds: &[Kind], k: usize) -> bool {
        let lo = k.saturating_sub(self.teaser_gap);
        let hi = (k + self.teaser_gap).min(kinds.len() - 1);
        (lo..=hi).any(|j| j != k && matches!(kinds[j], Kind::Counted | Kind::Titled))
    }
}

/// comment-section's kind of each input line, read once for all passes.
///
/// Cost: one byte an input line, allocated when the detector first runs.
#[derive(Debug, Clone)]
pub struct SectionKinds {
    lines: usize,
    kinds: Vec<Option<Kind>>,
}

impl SectionKinds {
    pub fn new(lines: usize) -> SectionKinds {
        SectionKinds {
            lines,
            kinds: Vec::new(),
        }
    }

    fn get(&mut self, i: usize, read: impl FnOnce() -> Kind) -> Kind {
        if self.kinds.is_empty() {
            self.kinds.resize(self.lines, None);
        }
        *self.kinds[i].get_or_insert_with(read)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Heading,
    Counted,
    /// A count and the post's title: "6 thoughts on “Title”".
    Titled,
    Closer,
    Other,
}

/// Whether `after` opens with a comment's header: "Jane Doe says:", or a name, then a
/// date with its year and a time of day, on one line ("Tim Ferriss — June 24th, 2012,
/// 11:39 pm") or on two (the name alone, as comment-thread reads one, and without a
/// digit, over the stamp, which may also be relative: "2 days ago").
fn opens_comment(after: &[Survivor]) -> bool {
    let Some(first) = after.first() else {
        return false;
    };
    if says_line(&first.text) || one_line_header(&first.text) {
        return true;
    }
    let name = first.text.trim();
    let named = !name.bytes().any(|b| b.is_ascii_digit()) && name_line(name);
    named
        && after.get(1).is_some_and(|stamp| {
            let stamp = stamp.text.trim();
            one_line_header(&format!("{name} {stamp}")) || relative_stamp(stamp)
        })
}

/// The three lists of headings (`titled-headings`, `counted-headings`, `headings`), each
/// one case-insensitive regex matching a whole (trimmed) line against any of its
/// patterns, in brackets or not, with or without a colon after it: compiled at load for
/// a user's rule (a bad pattern fails there, named), on first use for the embedded
/// defaults (compiling them is a third of loading the default rules; the tests compile
/// them).
///
/// The three are one [`LineMatcher`], asked which of them a line matches in one walk
/// from the line's start, on a lazy DFA that stops at the first byte no heading can
/// continue with: three walks a line cost some 15 instructions a byte on varied pages,
/// most of it each search's setup on short lines.
#[derive(Debug, Clone)]
struct Headings {
    /// Each list's regex, in the order its kind wins: a titled heading is counted too.
    patterns: Vec<(Kind, String)>,
    compiled: std::sync::OnceLock<Option<Arc<LineMatcher>>>,
}

impl Headings {
    fn new(lists: [(Kind, &str, Vec<String>); 3], compile_now: bool) -> Result<Self, String> {
        let mut patterns = Vec::new();
        for (kind, key, list) in lists {
            if let Some(p) = whole_line(key, &list, compile_now)? {
                if compile_now {
                    // A user's patterns: a pattern too big to compile is named here.
                    Regex::new(&p).map_err(|e| format!("param `{key}`: {e}"))?;
                }
                patterns.push((kind, p));
            }
        }
        let headings = Headings {
            patterns,
            compiled: std::sync::OnceLock::new(),
        };
        if compile_now {
            headings
                .compiled
                .set(headings.compile())
                .expect("a new cell is empty");
        }
        Ok(headings)
    }

    fn compile(&self) -> Option<Arc<LineMatcher>> {
        let texts: Vec<&str> = self.patterns.iter().map(|(_, p)| p.as_str()).collect();
        (!texts.is_empty()).then(|| Arc::new(LineMatcher::many(&texts)))
    }

    /// The kind of heading `text` is, by the first list it matches.
    fn kind(&self, text: &str) -> Kind {
        self.compiled
            .get_or_init(|| self.compile())
            .as_ref()
            .and_then(|m| m.first(text))
            .map_or(Kind::Other, |k| self.patterns[k].0)
    }
}

/// The whole-line pattern for `patterns`, `None` for none. With `check`, each is parsed
/// alone first so that a bad one is named (the defaults are checked by the tests).
fn whole_line(key: &str, patterns: &[String], check: bool) -> Result<Option<String>, String> {
    if patterns.is_empty() {
        return Ok(None);
    }
    for p in patterns.iter().filter(|_| check) {
        regex_syntax::Parser::new()
            .parse(p)
            .map_err(|e| format!("param `{key}`: bad regex {p:?}: {e}"))?;
    }
    let all = patterns
        .iter()
        .map(|p| format!("(?:{p})"))
        .collect::<Vec<_>>()
        .join("|");
    Ok(Some(format!(r"(?i)^[\[(]?\s*(?:{all})\s*:?\s*[\])]?$")))
}

/// A closer as compared: lowercased, without the brackets, dots and spaces around it.
fn closer_key(text: &str) -> String {
    // Unicode's own test, not the folding table's: the closers are read at load, where
    // building that table would cost more than all the rest of this detector.
    text.trim_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase()
}

#[cfg(test)]
mod tests {
    use std::borrow::Cow;

    use super::*;

    fn section() -> CommentSection {
        let table: toml::Table = toml::from_str(
            r#"
            headings = ['(?:reader\s+|all\s+)?comments:?']
            counted-headings = ['\d+\s+comments?']
            titled-headings = ['\d+\s+(?:thoughts|responses)\s+(?:on|to)\s+“.+”']
            closers = ["Comments are closed.", "Read all comments"]
            "#,
        )
        .unwrap();
        let mut p = Params::new(&table);
        let s = CommentSection::new(&mut p).unwrap();
        p.finish("comment-section").unwrap();
        s
    }

    fn dropped(text: &str) -> Vec<usize> {
        dropped_without(text, &[])
    }

    /// `dropped`, with the lines in `taken` removed by other rules before it runs.
    fn dropped_without(text: &str, taken: &[usize]) -> Vec<usize> {
        let doc = Document::new(text);
        let lines: Vec<Survivor> = text
            .lines()
            .enumerate()
            .filter(|(i, _)| !taken.contains(i))
            .map(|(i, l)| Survivor::new(i, Cow::Borrowed(l)))
            .collect();
        let mut out = Vec::new();
        section().detect(
            &doc,
            &lines,
            &Origins::Input,
            &mut SectionKinds::new(doc.lines.len()),
            &mut out,
        );
        out.into_iter().map(|k| lines[k.0].line).collect()
    }

    /// A comment as long as the article above it.
    fn long() -> String {
        "Readers wrote in at great length about every aspect of the decision and its history. "
            .repeat(8)
    }

    const BODY: &str = "The council voted on Tuesday to close the old library and move its collection to the new civic centre.\nResidents who opposed the plan said they would keep campaigning, but the mayor said the decision was final.\nThe building will be sold next year, and the money will go to the new centre's reading rooms and archive.\nThe library's oldest maps and letters will be lent to the county museum until the new rooms are ready.\n";

    #[test]
    fn a_bad_pattern_is_named() {
        let e = whole_line("headings", &["Comments".into(), "(unclosed".into()], true).unwrap_err();
        assert!(
            e.starts_with("param `headings`: bad regex \"(unclosed\""),
            "{e}"
        );
        assert!(
            whole_line("headings", &["Comments".into()], true)
                .unwrap()
                .is_some()
        );
        assert!(whole_line("headings", &[], true).unwrap().is_none());
    }

    #[test]
    fn heading_and_closer_bracket_the_section() {
        let doc = format!(
            "{BODY}Comments\nA long comment that goes on and on about the library and the council.\nAnother reader agrees with every word and adds a good deal more of the same.\nA third reader thinks the building should be a museum of the town's history instead.\nA fourth one writes at even greater length than the article itself ever did, twice.\nComments are closed.\n"
        );
        assert_eq!(dropped(&doc), (4..=9).collect::<Vec<_>>());
    }

    #[test]
    fn a_closer_another_rule_took_still_ends_the_section() {
        let doc = format!(
            "{BODY}Comments\nA long comment that goes on and on about the library and the council.\nAnother reader agrees with every word and adds a good deal more of the same.\nRead all comments\nThe library will reopen as a museum, the council said in a separate statement.\n"
        );
        assert_eq!(dropped_without(&doc, &[7]), vec![4, 5, 6]);
    }

    #[test]
    fn every_bracketed_section_goes_in_one_pass() {
        let section = "Comments\nA reader agrees with every word.\nComments are closed.\n";
        let doc = format!("{BODY}{section}{BODY}{section}");
        assert_eq!(dropped(&doc), vec![4, 5, 6, 11, 12, 13]);
    }

    #[test]
    fn counted_heading_runs_to_the_end() {
        let doc = format!("{BODY}2 comments\nI agree.\nSo do I.\n");
        assert_eq!(dropped(&doc), vec![4, 5, 6]);
    }

    #[test]
    fn bare_heading_without_closer_stays() {
        let doc =
            format!("{BODY}Comments:\nWrite comments that say why the code does what it does.\n");
        assert!(dropped(&doc).is_empty());
    }

    #[test]
    fn bare_heading_at_the_very_end_goes_with_its_leftovers() {
        let doc = format!("{BODY}All comments\nin reply to(Show commentHide comment)\n");
        assert_eq!(dropped(&doc), vec![4, 5]);
        let doc = format!(
            "{BODY}Comments:\nWrite comments that say why the code does what it does, not what it does.\n"
        );
        assert!(dropped(&doc).is_empty());
    }

    #[test]
    fn heading_at_the_top_stays() {
        let doc = format!("3 comments\n{BODY}");
        assert!(dropped(&doc).is_empty());
    }

    #[test]
    fn teaser_counts_stay() {
        let doc = format!("{BODY}Library to close\n12 comments\nMayor re-elected\n4 comments\n");
        assert!(dropped(&doc).is_empty());
    }

    #[test]
    fn counted_heading_needs_more_text_above() {
        let long = long();
        let doc = format!("{BODY}2 comments\n{long}\n");
        assert!(dropped(&doc).is_empty());
    }

    #[test]
    fn a_heading_with_the_posts_title_opens_a_thread_of_any_length() {
        let long = long();
        let doc = format!("{BODY}156 Responses to “Library to close”\n{long}\n{long}\n");
        assert_eq!(dropped(&doc), vec![4, 5, 6]);
        // Under a list of teasers it is one more teaser's count.
        let doc = format!(
            "{BODY}156 Responses to “Library to close”\nMayor re-elected\n4 comments\n{long}\n"
        );
        assert!(dropped(&doc).is_empty());
        // At the top of the document it is no comment section.
        let doc = format!("6 thoughts on “Library to close”\n{BODY}");
        assert!(dropped(&doc).is_empty());
    }

    #[test]
    fn a_count_over_a_comment_header_opens_a_thread_of_any_length() {
        let long = long();
        let doc =
            format!("{BODY}385 Comments\nJane Roe — June 24th, 2012, 11:39 pm\n{long}\n{long}\n");
        assert_eq!(dropped(&doc), vec![4, 5, 6, 7]);
        // The name over the stamp, on two lines.
        let doc =
            format!("{BODY}385 Comments\nJane Roe\nJune 24th, 2012 at 11:39 pm\n{long}\n{long}\n");
        assert_eq!(dropped(&doc), vec![4, 5, 6, 7, 8]);
        // Over more text and no header, a count may be the post's own link.
        let doc = format!("{BODY}385 Comments\n{long}\n{long}\n");
        assert!(dropped(&doc).is_empty());
        let doc = format!("{BODY}385 Comments\nJune 2012\n{long}\n{long}\n");
        assert!(dropped(&doc).is_empty());
        // "Name says:", and a name over a relative stamp.
        let doc = format!("{BODY}385 Comments\nJane Roe says:\n{long}\n{long}\n");
        assert_eq!(dropped(&doc), vec![4, 5, 6, 7]);
        let doc = format!("{BODY}385 Comments\nJane Roe\n2 days ago\n{long}\n{long}\n");
        assert_eq!(dropped(&doc), vec![4, 5, 6, 7, 8]);
        // A sentence over a stamp is no name.
        let doc = format!("{BODY}385 Comments\nThe vote was close.\n2 days ago\n{long}\n{long}\n");
        assert!(dropped(&doc).is_empty());
    }
}
