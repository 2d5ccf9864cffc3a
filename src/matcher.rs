//! Finds where phrase and pattern rules match, in one pass over the document.
//!
//! All ASCII phrases of all rules go into two aho-corasick automata (exact, and ASCII
//! case-insensitive) that scan the whole text once; a match is mapped to its line and
//! kept if the rule's anchor and word boundaries hold. Patterns run line by line behind
//! a `RegexSet`, so a line pays for the regexes that can match it only.

use std::ops::Range;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use regex::{Regex, RegexSet, RegexSetBuilder};

/// The set holds every pattern rule; each one alone is held to a smaller limit when loaded.
const REGEX_SET_SIZE_LIMIT: usize = 1 << 30;

use crate::document::Document;
use crate::rules::{Action, Anchor, Matcher as RuleMatcher, Rule};

/// A rule matching a line: `span` is absolute in the document; for `cut` rules it is the
/// span to remove.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    pub rule: usize,
    pub line: usize,
    pub span: Range<usize>,
}

struct Automaton {
    ac: AhoCorasick,
    /// The rule of each pattern.
    rule_of: Vec<usize>,
}

pub struct Matcher {
    automata: Vec<Automaton>,
    set: Option<RegexSet>,
    /// The rule and regex behind each `set` entry.
    regexes: Vec<(usize, Regex)>,
}

impl Matcher {
    /// Build the automata and the regex set for the enabled phrase and pattern rules.
    pub fn new(rules: &[Rule]) -> Matcher {
        let mut exact = (Vec::new(), Vec::new());
        let mut folded = (Vec::new(), Vec::new());
        let mut regexes = Vec::new();
        for (i, rule) in rules.iter().enumerate().filter(|(_, r)| r.enabled) {
            match &rule.matcher {
                RuleMatcher::Phrases { ascii, regex } => {
                    let target = if rule.ignore_case {
                        &mut folded
                    } else {
                        &mut exact
                    };
                    for p in ascii {
                        target.0.push(p.clone());
                        target.1.push(i);
                    }
                    if let Some(re) = regex {
                        regexes.push((i, re.clone()));
                    }
                }
                RuleMatcher::Pattern(re) => regexes.push((i, re.clone())),
                RuleMatcher::Detector(_) => {}
            }
        }
        let mut automata = Vec::new();
        for ((patterns, rule_of), fold) in [(exact, false), (folded, true)] {
            if patterns.is_empty() {
                continue;
            }
            let ac = AhoCorasickBuilder::new()
                .match_kind(MatchKind::Standard)
                .ascii_case_insensitive(fold)
                .build(&patterns)
                .expect("phrases are plain strings and always build");
            automata.push(Automaton { ac, rule_of });
        }
        let set = (!regexes.is_empty()).then(|| {
            RegexSetBuilder::new(regexes.iter().map(|(_, r)| r.as_str()))
                .size_limit(REGEX_SET_SIZE_LIMIT)
                .build()
                .expect("every regex already compiled on its own under a smaller limit")
        });
        Matcher {
            automata,
            set,
            regexes,
        }
    }

    /// Every hit in `doc`, grouped by rule index (`out[rule]`), each group in line order.
    pub fn hits(&self, rules: &[Rule], doc: &Document, out: &mut [Vec<Hit>]) {
        let text = doc.text;
        for automaton in &self.automata {
            for m in automaton.ac.find_overlapping_iter(text) {
                let rule_idx = automaton.rule_of[m.pattern().as_usize()];
                let line_idx = doc.line_at(m.start());
                let Some(line) = doc.lines.get(line_idx) else {
                    continue;
                };
                if m.end() > line.end {
                    continue;
                }
                let rule = &rules[rule_idx];
                if !anchored(text, line.span(), m.start()..m.end(), rule.anchor)
                    || !within_words(text, line.span(), rule.max_words)
                {
                    continue;
                }
                let hits = &mut out[rule_idx];
                // One hit a line is enough to drop it; cuts keep every span.
                if rule.action != Action::Cut && hits.last().is_some_and(|h| h.line == line_idx) {
                    continue;
                }
                hits.push(Hit {
                    rule: rule_idx,
                    line: line_idx,
                    span: m.start()..m.end(),
                });
            }
        }
        // Overlapping matches arrive in order of their end; rules want line order.
        for hits in out.iter_mut() {
            hits.sort_by_key(|h| (h.line, h.span.start));
        }

        let Some(set) = &self.set else { return };
        for (line_idx, line) in doc.lines.iter().enumerate() {
            if line.blank {
                continue;
            }
            let content = &text[line.span()];
            for k in set.matches(content).iter() {
                let (rule_idx, re) = &self.regexes[k];
                let rule = &rules[*rule_idx];
                if !within_words(text, line.span(), rule.max_words) {
                    continue;
                }
                let spans: Vec<Range<usize>> = if rule.action == Action::Cut {
                    re.captures_iter(content)
                        .map(|c| c.name("cut").unwrap_or_else(|| c.get(0).unwrap()).range())
                        .collect()
                } else {
                    re.find(content).map(|m| m.range()).into_iter().collect()
                };
                for span in spans.into_iter().filter(|s| !s.is_empty()) {
                    out[*rule_idx].push(Hit {
                        rule: *rule_idx,
                        line: line_idx,
                        span: line.start + span.start..line.start + span.end,
                    });
                }
            }
        }
    }
}

/// Whether a literal match sits where its anchor wants it, on word boundaries.
fn anchored(text: &str, line: Range<usize>, m: Range<usize>, anchor: Anchor) -> bool {
    let before = &text[line.start..m.start];
    let after = &text[m.end..line.end];
    let matched = &text[m.clone()];
    let word = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    // A phrase that starts or ends with a letter must not start or end inside a word.
    if word(matched.chars().next()) && word(before.chars().next_back()) {
        return false;
    }
    if word(matched.chars().next_back()) && word(after.chars().next()) {
        return false;
    }
    let clear = |s: &str| s.trim().is_empty();
    match anchor {
        Anchor::WholeLine => clear(before) && clear(after),
        Anchor::LineStart => clear(before),
        Anchor::LineEnd => clear(after),
        Anchor::Anywhere => true,
    }
}

fn within_words(text: &str, line: Range<usize>, max: Option<usize>) -> bool {
    max.is_none_or(|max| text[line].split_whitespace().nth(max).is_none())
}
