//! The cleaner: match every rule once, decide each line's fate, hand back the decisions.
//!
//! Data flows one way: split into lines → phrase and pattern hits and line detectors →
//! decide (scopes, blocks, guards) → repeat detectors on what is left → [`Cleaned`],
//! which renders the text or explains every decision.
//!
//! This file holds the flow (passes to a fixed point, the guard's re-runs); [`decide`]
//! turns one pass's hits into fates, [`guard`] names the rules that took every paragraph,
//! [`cleaned`] renders the decisions, [`edits`] states them as byte edits of the input.

use std::borrow::Cow;
use std::ops::Range;

use crate::detect::{LineFacts, Memo as DetectorMemo, Stage, Survivor, SurvivorPos};
use crate::document::Document;
use crate::matcher::{Hit, Matcher};
use crate::memo::{Memo, Origins};
use crate::rules::{Action, Anchor, Matcher as RuleMatcher, Rule, RuleSet, Scope, url_host};

mod cleaned;
mod decide;
mod edits;
mod guard;

pub use cleaned::Cleaned;
use cleaned::Piece;
use decide::{State, cut_text, map_span, merge_cuts};
pub use edits::{Edit, EditKind, apply_edits};
use guard::MAX_HELD;

/// A bound on re-cleaning passes. Real text settles in one or two (on 2,000 benchmark
/// documents: 1% needed a third); the fuzzer builds documents of stacked comment forms
/// where each pass's drop exposes the next form to the tail scope, one form a pass.
/// Past the bound, cleaning the output again may still remove something.
const MAX_PASSES: usize = 32;

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
    ///
    /// The removal guard judges the input: a rule it holds back would have taken the
    /// last paragraph there. Once other rules have trimmed the document, the same rule
    /// may take only what it should (a comment form's heading that had a short
    /// article's lines weighing against it), and cleaning the output again would let it.
    /// So when the guard held a rule back, the output is cleaned again, guard and all,
    /// until nothing changes; the guard rarely acts, and this costs nothing otherwise.
    pub fn clean_url<'a>(&self, text: &'a str, url: Option<&str>) -> Cleaned<'a> {
        let host = url.and_then(url_host);
        let mut cleaned = self.guarded(text, host.as_deref());
        if cleaned.held.is_empty() {
            return cleaned;
        }
        for _ in 0..MAX_PASSES {
            let out = cleaned.text();
            let again = self.guarded(&out, host.as_deref());
            if again.fates.iter().all(|f| *f == Fate::Keep) || !cleaned.absorb(&again) {
                break;
            }
            for r in again.held {
                if !cleaned.held.contains(&r) {
                    cleaned.held.push(r);
                }
            }
        }
        cleaned
    }

    /// `text` cleaned to a fixed point, with the rules the removal guard holds back off.
    fn guarded<'a>(&self, text: &'a str, host: Option<&str>) -> Cleaned<'a> {
        let mut held = Vec::new();
        let mut memo = None;
        loop {
            let mut cleaned = self.settle(text, host, &held, &mut memo);
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
        let mut glued = Vec::new();
        for (r, rule) in self.rules.iter().enumerate().filter(active) {
            match &rule.matcher {
                RuleMatcher::Detector(d) if d.cuts() => {
                    cuts.clear();
                    // A line this rule read in an earlier pass and nothing cut since is
                    // judged the same (a line it cut is fresh); only a scope that moves
                    // with the lines around it makes it worth reading again.
                    let read = |k: usize| {
                        prior.is_none() || rule.scope != Scope::Any || origins.fresh(&doc, k)
                    };
                    d.detect_cuts(&doc, &read, &mut cuts);
                    for (line, span) in cuts.drain(..) {
                        if state.in_scope(line, rule) {
                            let hit = Hit {
                                rule: r,
                                line,
                                span,
                            };
                            state.cut(&hit);
                            glued.push(hit);
                        }
                    }
                }
                RuleMatcher::Detector(d) if !d.on_survivors() => {
                    found.clear();
                    let origin = |k: usize| origins.get(&doc, k);
                    let kept = match d.keeps_facts() {
                        true => memo.detect.facts(r),
                        false => &mut [],
                    };
                    let mut facts = LineFacts::new(kept, &origin);
                    d.detect_lines(
                        &doc,
                        &|line| state.in_scope(line, rule),
                        &mut facts,
                        &mut found,
                    );
                    for &line in &found {
                        if state.in_scope(line, rule) {
                            state.drop(line, r);
                        }
                    }
                }
                RuleMatcher::Detector(_) => {}
                // Most rules hit nothing in a document.
                _ if hits[r].is_empty() => {}
                _ => state.apply(&hits[r], rule, &doc),
            }
        }
        state.split_glued(&glued, &self.rules);
        state.drop_emptied_lines(&doc);
        // The first pass read the input: its hits are the input's, for the passes after
        // it (moved, not copied: this pass is done with them).
        if prior.is_none() && memo.hits.is_none() {
            memo.hits = Some(hits);
        }

        let mut survivors: Option<Vec<Survivor>> = None;
        let mut survivors_found: Vec<SurvivorPos> = Vec::new();
        let staged = |stage| {
            self.rules.iter().enumerate().filter(active).filter(
                move |(_, r)| matches!(&r.matcher, RuleMatcher::Detector(d) if d.stage() == stage),
            )
        };
        for (r, rule) in staged(Stage::Survivors).chain(staged(Stage::Body)) {
            if let RuleMatcher::Detector(d) = &rule.matcher {
                let lines = survivors
                    .get_or_insert_with(|| state.survivors(&doc, &origins, &mut memo.detect));
                survivors_found.clear();
                let fates = &state.fates;
                let inline =
                    |line: usize| matches!(fates[line], Fate::Drop(by) if self.rules[by].inline);
                d.detect_survivors(
                    &doc,
                    lines,
                    &origins,
                    &inline,
                    &mut memo.detect,
                    r,
                    &mut survivors_found,
                );
                for &k in &survivors_found {
                    let line = lines[k.0].line;
                    if state.in_scope(line, rule) {
                        state.drop(line, r);
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::RuleSet;

    /// A cleaner with only the rules of `toml`, a rule file's text.
    fn cleaner_of(toml: &str) -> Cleaner {
        let source = crate::rules::Source {
            name: "test.toml".into(),
            text: toml.into(),
        };
        Cleaner::new(RuleSet::from_sources(&[source]).unwrap())
    }

    /// Under the rules in `toml`, each of `dropped` goes from below a line of text and
    /// each of `kept` stays.
    fn assert_drops_and_keeps(toml: &str, dropped: &[&str], kept: &[&str]) {
        let cleaner = cleaner_of(toml);
        for line in dropped {
            let input = format!("Body.\n{line}\n");
            assert_eq!(cleaner.clean(&input).text(), "Body.\n", "{line:?}");
        }
        for line in kept {
            let input = format!("Body.\n{line}\n");
            assert_eq!(cleaner.clean(&input).text(), input, "{line:?}");
        }
    }

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

    /// A pattern that opens with any text runs only on lines holding one of its required
    /// literals (`crate::literals`): in any ASCII case, with `k` written as the Kelvin
    /// sign, a Cyrillic word in capitals; in a later pass too, on a line a cut changed
    /// (five words before the cut, four after it).
    #[test]
    fn floating_patterns_match_on_every_line_they_would_match() {
        let rules = r#"
            [[rule]]
            id = "test.cta"
            description = "A call to action at the end of a line."
            pattern = '.+\s+(?:clicking\s+here|подготовил)'
            ignore-case = true
            max-words = 4
            action = "drop-line"

            [[rule]]
            id = "test.kicker"
            description = "A kicker glued to the line."
            pattern = 'EXCLUSIVE:\s*'
            anchor = "line-start"
            action = "cut"
        "#;
        let cleaner = cleaner_of(rules);
        let input = "Thanks for clicking here\n\
                     THANKS FOR CLICKING HERE\n\
                     Thanks for clic\u{212A}ing here\n\
                     Иван Петров ПОДГОТОВИЛ\n\
                     EXCLUSIVE: Thanks for clicking here\n\
                     The story stays.\n";
        assert_eq!(cleaner.clean(input).text(), "The story stays.\n");
    }

    /// Two floating patterns whose literals nest ("porting" in " reporting by "): the
    /// scan that finds the short one first must still open the long one's pattern.
    #[test]
    fn floating_patterns_with_nested_literals_both_match() {
        let rules = r#"
            [[rule]]
            id = "test.credit"
            description = "A credit at the end of a line."
            pattern = '.+ reporting by \w+'
            max-words = 8
            action = "drop-line"

            [[rule]]
            id = "test.report"
            description = "A report link at the end of a line."
            pattern = '.+\s+porting'
            max-words = 3
            action = "drop-line"
        "#;
        let cleaner = cleaner_of(rules);
        let input = "Additional reporting by Reuters\nSee the porting\nThe story stays.\n";
        assert_eq!(cleaner.clean(input).text(), "The story stays.\n");
    }

    /// Case-insensitive phrases: ASCII letters in any case, other letters in the casings
    /// text writes (`case::variants`); anchored phrases at the first non-blank byte only;
    /// an ideograph beside a phrase is no word it sits inside.
    #[test]
    fn phrases_match_in_their_casings_and_where_anchored() {
        let rules = r#"
            [[rule]]
            id = "test.comment-form"
            description = "A comment form's heading."
            phrases = ["Оставить комментарий", "Menü öffnen", "cookie"]
            anchor = "line-start"
            ignore-case = true
            action = "drop-line"
        "#;
        assert_drops_and_keeps(
            rules,
            &[
                "Оставить комментарий",
                "  ОСТАВИТЬ КОММЕНТАРИЙ",
                "оставить комментарий:",
                "Оставить Комментарий",
                "MENÜ ÖFFNEN",
                "menü Öffnen",
                "CoOkIe settings",
                "cookie以改善您的体验。",
            ],
            &[
                "оСТАВИТЬ комментарий",
                "Bitte Menü öffnen",
                "cookies are baked",
                "Menü öffnenden",
            ],
        );
    }

    /// A space in an anchored phrase matches any run of whitespace, and `trailing` marks
    /// may end the line after a whole-line phrase; nothing else may.
    #[test]
    fn anchored_phrases_span_whitespace_and_take_trailing_marks() {
        let rules = r#"
            [[rule]]
            id = "test.related"
            description = "A related-stories heading."
            phrases = ["related articles", "читайте также"]
            trailing = [":", "…", "...", "»"]
            ignore-case = true
            action = "drop-line"
        "#;
        assert_drops_and_keeps(
            rules,
            &[
                "Related articles",
                "Related  articles:",
                "Related\u{a0}articles »",
                "\tRELATED\tARTICLES ...",
                "Читайте\u{a0}также…",
            ],
            &[
                "Related articles: the council's report",
                "Related articles!",
                "Related articles :-)",
                "Relatedarticles",
                "Related articles » »",
            ],
        );
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
        let cleaner = cleaner_of(rules);
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

    /// A block label with `min-members = 0` goes alone too; with the default, only with a
    /// member after it.
    #[test]
    fn min_members_zero_drops_a_label_without_members() {
        let rules = |min: &str| {
            cleaner_of(&format!(
                r#"
                [[rule]]
                id = "test.banner"
                description = "A banner and its buttons."
                phrases = ["We use cookies"]
                anchor = "line-start"
                action = "drop-block"
                block-member = 'OK|Got it'
                {min}
            "#
            ))
        };
        let alone = "Body.\nWe use cookies here.\nMore body.\n";
        let with_button = "Body.\nWe use cookies here.\nGot it\nMore body.\n";
        assert_eq!(rules("").clean(alone).text(), alone);
        assert_eq!(rules("").clean(with_button).text(), "Body.\nMore body.\n");
        let zero = rules("min-members = 0");
        assert_eq!(zero.clean(alone).text(), "Body.\nMore body.\n");
        assert_eq!(zero.clean(with_button).text(), "Body.\nMore body.\n");
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
