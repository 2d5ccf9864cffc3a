//! Finds where phrase and pattern rules match, in one pass over the document.
//!
//! Phrases are grouped by case (exact, or case-insensitive) and by anchor. Phrases that
//! must start a line (`whole-line`, `line-start`) are looked up in a byte trie from each
//! line's first non-blank byte ([`PrefixTrie`]), which costs a step or two a line
//! however many phrases there are; the others go into aho-corasick automata that scan
//! the whole text once, and each match is mapped to its line. Case-insensitive phrases
//! fold ASCII case in the search and other letters by their casings ([`case`]). A match
//! is kept if the rule's anchor and word boundaries hold. Patterns run line by line
//! behind one pattern set (a lazy DFA over all of them): a line costs one walk of it,
//! and only the rules it reports that must say where (cuts) run their own regex.

use std::ops::Range;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use regex_automata::nfa::thompson::{self, pikevm::PikeVM};
use regex_automata::util::pool::Pool;
use regex_automata::{PatternID, hybrid};
use regex_syntax::hir::Hir;

/// The lazy DFA's cache for the shared set, per thread. The set holds every pattern rule
/// (dozens, several with Unicode classes); with the crate's default 2 MiB its DFA keeps
/// being thrown away and rebuilt on line after line, which cost 15x in throughput. It grows only as far as it is used.
const REGEX_SET_DFA_CACHE: usize = 16 << 20;

use crate::case;
use crate::detect::is_ideograph;
use crate::document::Document;
use crate::literals;
use crate::prefixes::PrefixTrie;
use crate::rules::{Action, Anchor, LazyRegex, Matcher as RuleMatcher, Rule};

/// The set holds every pattern rule; each one alone is held to a smaller limit when loaded.
const REGEX_SET_SIZE_LIMIT: usize = 1 << 30;

/// A rule matching a line: `span` is absolute in the document; for `cut` rules it is the
/// span to remove.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    pub rule: usize,
    pub line: usize,
    pub span: Range<usize>,
}

/// The phrases of one group (a case, an anchoring) and how they are found.
struct Automaton {
    search: Search,
    /// The rule of each pattern.
    rule_of: Vec<usize>,
}

enum Search {
    /// Phrases that may stand anywhere: one overlapping search of the whole text, which
    /// finds every phrase at every place.
    Scan(AhoCorasick),
    /// Phrases that must start a line: a walk from each line's first non-blank byte.
    Start(PrefixTrie),
}

/// Every pattern rule in one automaton that tells which of them match a line: what
/// `regex::RegexSet` does, built from a forward NFA alone. A set only asks whether each
/// pattern matches, never where, so the reverse NFA and the other engines `RegexSet`
/// compiles too are not needed; leaving them out halves the compilation, which is what
/// a small job's first document waits for.
///
/// Most patterns must match at a line's start and soon fail on a line that is not
/// theirs (`^\s*(?:read more|see also)…`): one automaton, searched from the line's
/// start only, dies within a few bytes of most lines. A pattern that may start further
/// in (`line-end`, `anywhere`), or that opens with any text ("a line ending in
/// 'contributed reporting'", [`literals::floats`]), would keep that automaton reading
/// every byte of every line, and every state it built would carry the other patterns'
/// progress too: on varied pages one `line-end` rule cost 11% of all instructions, and
/// eight floating patterns another 12%. They are automata of their own, each run only
/// on the lines that hold one of its patterns' required literals
/// ([`literals::required`]), which one aho-corasick scan of the document finds; a
/// part whose patterns have no such literals is run on every line (the start-anchored
/// ones stay with the rest, the others behind the meta engine's own prefilter). Each
/// part is compiled when a line first needs it, so a document that holds none of a
/// gated part's literals never pays for its automaton.
///
/// Gating the start-anchored patterns that have literals too was tried: the literal
/// automaton grew to hundreds of phrases and their casings, and building it and
/// extracting the literals cost more (100M instructions) than the parts left
/// uncompiled saved (35M) on a short document.
struct PatternSet {
    parts: Vec<Part>,
    /// The gated parts' required literals, and the part (a bit) each one opens.
    literals: Option<(AhoCorasick, Vec<Mask>)>,
    caches: Pool<PartCaches, CacheFn>,
    len: usize,
    /// Whether every match of each pattern is at least a byte long. Then a line the set
    /// says it matches holds a non-empty match, and a rule that drops lines need not
    /// compile its own regex to know it. Read off the trees the set is built from: a
    /// parse of its own cost as much again (36M instructions on a megabyte of pages).
    never_empty: Vec<bool>,
}

/// One automaton of a [`PatternSet`] and the set's index of each of its patterns.
struct Part {
    /// The patterns' syntax trees, compiled into `engines` when a line first needs them,
    /// and let go then: the trees of a large set hold megabytes.
    hirs: std::sync::Mutex<Vec<Hir>>,
    /// The lazy DFA, where every search starts, and the PikeVM a search goes to when the
    /// lazy DFA gives up (a Unicode word boundary on non-ASCII text, a cache cleared too
    /// often): slower, never wrong. Built on first use: a part behind literals that a
    /// document never holds costs nothing to compile.
    engines: std::sync::OnceLock<(hybrid::dfa::DFA, PikeVM)>,
    /// Searched from the line's start only (its patterns all begin with `^`).
    anchored: bool,
    gate: Gate,
    ids: Vec<usize>,
}

/// A line's gated parts, one bit each, that its literals open.
type Mask = u64;

/// Which lines a part is run on.
enum Gate {
    Every,
    /// Those where the set's literal scan set this bit.
    Literals(Mask),
    /// Those the meta engine over the part's patterns matches: it finds literals such
    /// as "Click To Tweet" with memchr and friends, where a lazy DFA reads every byte.
    Meta(Box<regex_automata::meta::Regex>),
}

/// A part's lazy-DFA and PikeVM caches, and the set its matches are gathered in.
type Caches = (
    hybrid::dfa::Cache,
    thompson::pikevm::Cache,
    regex_automata::PatternSet,
);
/// Each part's caches, made when the part is first searched.
type PartCaches = Vec<Option<Caches>>;
type CacheFn =
    Box<dyn Fn() -> PartCaches + Send + Sync + std::panic::UnwindSafe + std::panic::RefUnwindSafe>;

impl Part {
    fn new(hirs: Vec<Hir>, ids: Vec<usize>, anchored: bool, gate: Gate) -> Part {
        Part {
            hirs: std::sync::Mutex::new(hirs),
            engines: std::sync::OnceLock::new(),
            anchored,
            gate,
            ids,
        }
    }

    fn engines(&self) -> &(hybrid::dfa::DFA, PikeVM) {
        self.engines.get_or_init(|| {
            // Taken, not cloned: `get_or_init` runs this once, and nothing reads the trees
            // after it.
            let hirs = std::mem::take(&mut *self.hirs.lock().unwrap_or_else(|e| e.into_inner()));
            let nfa = thompson::Compiler::new()
                .configure(
                    thompson::Config::new()
                        .which_captures(thompson::WhichCaptures::None)
                        .nfa_size_limit(Some(REGEX_SET_SIZE_LIMIT)),
                )
                .build_many_from_hir(&hirs)
                .expect("every regex compiles on its own under a smaller limit: users' at load, the defaults' in the tests");
            // The settings `regex::RegexSet` gives its lazy DFA.
            let dfa = hybrid::dfa::DFA::builder()
                .configure(
                    hybrid::dfa::Config::new()
                        .match_kind(regex_automata::MatchKind::All)
                        .cache_capacity(REGEX_SET_DFA_CACHE)
                        .unicode_word_boundary(true)
                        .minimum_cache_clear_count(Some(3))
                        .minimum_bytes_per_state(Some(10)),
                )
                .build_from_nfa(nfa.clone())
                .expect("a lazy DFA builds from any NFA within the cache's size");
            let pike = PikeVM::builder()
                .configure(PikeVM::config().match_kind(regex_automata::MatchKind::All))
                .build_from_nfa(nfa)
                .expect("a PikeVM builds from any NFA");
            (dfa, pike)
        })
    }

    /// The part's caches in `slot`, made (and the part compiled) on first use.
    fn caches<'c>(&self, slot: &'c mut Option<Caches>) -> &'c mut Caches {
        slot.get_or_insert_with(|| {
            let (dfa, pike) = self.engines();
            (
                dfa.create_cache(),
                pike.create_cache(),
                regex_automata::PatternSet::new(self.ids.len()),
            )
        })
    }

    /// The part's patterns that `line` matches, gathered in the caches' own set.
    fn search<'c>(
        &self,
        caches: &'c mut Option<Caches>,
        line: &str,
    ) -> &'c regex_automata::PatternSet {
        let (dfa, pike) = self.engines();
        let (dfa_cache, pike_cache, in_part) = self.caches(caches);
        if !in_part.is_empty() {
            in_part.clear();
        }
        let input = self.input(line);
        if dfa
            .try_which_overlapping_matches(dfa_cache, &input, in_part)
            .is_err()
        {
            in_part.clear();
            pike.which_overlapping_matches(pike_cache, &input, in_part);
        }
        in_part
    }

    fn input<'h>(&self, line: &'h str) -> regex_automata::Input<'h> {
        let input = regex_automata::Input::new(line);
        if self.anchored {
            input.anchored(regex_automata::Anchored::Yes)
        } else {
            input
        }
    }
}

/// Gated parts a set can have: one bit each in a line's mask ([`PatternSet::open_lines`]).
/// Floating patterns beyond these stay in the part that runs on every line.
const MAX_GATED: usize = Mask::BITS as usize;

impl PatternSet {
    /// `patterns`: each regex, and whether it can only match at the start of a line.
    /// With `gated`, the floating patterns are parts of their own behind their literals
    /// (a set matched against documents); without, one part a kind (a block's member
    /// test, asked one line at a time).
    fn new<'p>(patterns: impl IntoIterator<Item = (&'p str, bool)>, gated: bool) -> PatternSet {
        let patterns: Vec<(&str, bool)> = patterns.into_iter().collect();
        let hirs: Vec<Hir> = patterns
            .iter()
            .map(|(p, _)| {
                regex_syntax::parse(p)
                    .expect("every regex parses: users' at load, the defaults' in the tests")
            })
            .collect();
        let never_empty: Vec<bool> = hirs
            .iter()
            .map(|h| h.properties().minimum_len().is_some_and(|n| n > 0))
            .collect();
        let mut required: Vec<Option<Vec<Vec<u8>>>> = (0..patterns.len())
            .map(|k| {
                let floats = patterns[k].1 && literals::floats(&hirs[k]);
                (gated && floats)
                    .then(|| literals::required(&hirs[k]))
                    .flatten()
            })
            .collect();
        // Each floating pattern with literals is a part of its own, run on the lines
        // that hold one of them: a line that holds "contributed" need not wake the
        // breadcrumb pattern too.
        let mut floating: Vec<usize> = (0..patterns.len())
            .filter(|&k| required[k].is_some())
            .collect();
        for &k in floating.iter().skip(MAX_GATED) {
            required[k] = None;
        }
        floating.truncate(MAX_GATED);
        let mut literals: Vec<Vec<u8>> = Vec::new();
        let mut opens: Vec<Mask> = Vec::new();
        let mut parts = Vec::new();
        // Each tree goes to the one part that holds its pattern, which compiles it when a
        // line first needs it: moved there, not copied (a copy and a second drop of the
        // trees cost 17M instructions).
        let mut owned: Vec<Option<Hir>> = hirs.into_iter().map(Some).collect();
        let take = |owned: &mut Vec<Option<Hir>>, k: usize| {
            owned[k].take().expect("each pattern is in one part")
        };
        let soon_fail: Vec<usize> = (0..patterns.len())
            .filter(|&k| patterns[k].1 && required[k].is_none())
            .collect();
        if !soon_fail.is_empty() {
            let trees = soon_fail.iter().map(|&k| take(&mut owned, k)).collect();
            parts.push(Part::new(trees, soon_fail, true, Gate::Every));
        }
        for (bit, &k) in floating.iter().enumerate() {
            let bit: Mask = 1 << bit;
            for literal in required[k].iter().flatten() {
                literals.push(literal.clone());
                opens.push(bit);
            }
            parts.push(Part::new(
                vec![take(&mut owned, k)],
                vec![k],
                true,
                Gate::Literals(bit),
            ));
        }
        // ASCII-case-insensitive literals miss the two letters outside ASCII that fold
        // into ASCII ones: the Kelvin sign (k) and the long s (s). A line that holds
        // either is open to every gated part.
        if !floating.is_empty() {
            let every = opens.iter().fold(0, |m, b| m | b);
            for odd in literals::ODD_FOLDS {
                literals.push(odd.to_string().into_bytes());
                opens.push(every);
            }
        }
        let anywhere: Vec<usize> = (0..patterns.len()).filter(|&k| !patterns[k].1).collect();
        if !anywhere.is_empty() {
            let trees = anywhere.iter().map(|&k| take(&mut owned, k)).collect();
            let gate = if gated {
                let texts: Vec<&str> = anywhere.iter().map(|&k| patterns[k].0).collect();
                Gate::Meta(Box::new(
                    regex_automata::meta::Regex::builder()
                        .configure(
                            regex_automata::meta::Config::new()
                                .nfa_size_limit(Some(REGEX_SET_SIZE_LIMIT))
                                .which_captures(thompson::WhichCaptures::None),
                        )
                        .build_many(&texts)
                        .expect("the patterns build an NFA"),
                ))
            } else {
                Gate::Every
            };
            parts.push(Part::new(trees, anywhere, false, gate));
        }
        let literals = (!literals.is_empty()).then(|| {
            // The scan goes on from just after the start of each match it reports, so
            // it misses an occurrence of a literal only where it reported one inside it
            // (`report` inside `reporting by`): a literal opens what every literal that
            // holds it opens.
            let lowered: Vec<Vec<u8>> = literals.iter().map(|l| l.to_ascii_lowercase()).collect();
            let opens: Vec<Mask> = lowered
                .iter()
                .map(|inner| {
                    lowered
                        .iter()
                        .zip(&opens)
                        .filter(|(outer, _)| memchr::memmem::find(outer, inner).is_some())
                        .fold(0, |m, (_, &bit)| m | bit)
                })
                .collect();
            let ac = AhoCorasick::builder()
                .ascii_case_insensitive(true)
                .kind(Some(aho_corasick::AhoCorasickKind::DFA))
                .build(&literals)
                .expect("a few hundred short literals make an automaton");
            (ac, opens)
        });
        let n = parts.len();
        PatternSet {
            caches: Pool::new(Box::new(move || (0..n).map(|_| None).collect())),
            parts,
            literals,
            len: patterns.len(),
            never_empty,
        }
    }

    /// Each line's mask of the gated parts whose literals it holds (empty without any):
    /// one scan of the whole text, or, when only a few lines are `wanted` (`sparse`: a
    /// later pass, the lines a cut changed), a scan of each of them.
    fn open_lines(
        &self,
        doc: &Document,
        wanted: &dyn Fn(usize) -> bool,
        sparse: bool,
    ) -> Vec<Mask> {
        let Some((ac, opens)) = &self.literals else {
            return Vec::new();
        };
        let all = opens.iter().fold(0, |m, b| m | b);
        let mut open: Vec<Mask> = vec![0; doc.lines.len()];
        let text = doc.text;
        // From `from`, the literals on `line`, until it is open to every part.
        let scan = |from: usize, end: usize, open: &mut Vec<Mask>| {
            let mut from = from;
            while let Some(m) = ac.find(aho_corasick::Input::new(text).span(from..end)) {
                let k = doc.line_at(m.start());
                let Some(mask) = open.get_mut(k) else {
                    break;
                };
                *mask |= opens[m.pattern().as_usize()];
                // A line open to every part needs no more looking at.
                from = if *mask == all {
                    doc.lines[k].end.max(m.end()).min(end)
                } else {
                    m.start() + 1
                };
            }
        };
        if sparse {
            for (k, line) in doc.lines.iter().enumerate() {
                if wanted(k) {
                    scan(line.start, line.end, &mut open);
                }
            }
        } else {
            scan(0, text.len(), &mut open);
        }
        open
    }

    /// The patterns that match `line`, into `found` (cleared first); `open`: the line's
    /// mask from [`PatternSet::open_lines`].
    fn matches(
        &self,
        caches: &mut [Option<Caches>],
        line: &str,
        open: Mask,
        found: &mut regex_automata::PatternSet,
    ) {
        // Clearing walks every slot; most lines leave the set empty.
        if !found.is_empty() {
            found.clear();
        }
        for (part, caches) in self.parts.iter().zip(caches.iter_mut()) {
            let run = match &part.gate {
                Gate::Every => true,
                Gate::Literals(bit) => open & bit != 0,
                Gate::Meta(meta) => meta.is_match(line),
            };
            if !run {
                continue;
            }
            let in_part = part.search(caches, line);
            // Iterating walks every slot; most lines match nothing.
            if !in_part.is_empty() {
                for p in in_part.iter() {
                    found.insert(PatternID::new_unchecked(part.ids[p.as_usize()]));
                }
            }
        }
    }
}

/// One pattern that only tells whether a line matches it (a block's member lines): a
/// set of one, so a forward NFA without captures, a lazy DFA over it and a PikeVM behind.
/// A `regex::Regex` also builds what says where a match is (a reverse NFA, capture
/// slots, a one-pass DFA): the block rules' eight member patterns cost 48M instructions
/// to build that way on the instruction sample's first documents.
pub struct LineMatcher(PatternSet);

impl LineMatcher {
    /// `pattern` must compile (a user's is checked at load, the defaults' by the tests).
    /// `anchored`: whether the pattern can only match at the start of the line.
    pub fn new(pattern: &str, anchored: bool) -> LineMatcher {
        LineMatcher(PatternSet::new([(pattern, anchored)], false))
    }

    /// Several patterns, each one that can only match at the start of the line, asked
    /// which of them a line matches in one walk ([`LineMatcher::first`]).
    pub fn many(patterns: &[&str]) -> LineMatcher {
        LineMatcher(PatternSet::new(patterns.iter().map(|&p| (p, true)), false))
    }

    /// The first of the patterns (in the order given to [`LineMatcher::many`]) that
    /// `line` matches.
    pub fn first(&self, line: &str) -> Option<usize> {
        let mut caches = self.0.caches.get();
        let mut first: Option<usize> = None;
        for (part, caches) in self.0.parts.iter().zip(caches.iter_mut()) {
            if let Some(p) = part.search(caches, line).iter().next() {
                let id = part.ids[p.as_usize()];
                first = Some(first.map_or(id, |f| f.min(id)));
            }
        }
        first
    }

    pub fn is_match(&self, line: &str) -> bool {
        let mut caches = self.0.caches.get();
        let part = &self.0.parts[0];
        let (dfa, pike) = part.engines();
        let caches = part.caches(&mut caches[0]);
        // The first match ends the search: whether, not where.
        let input = part.input(line).earliest(true);
        match dfa.try_search_fwd(&mut caches.0, &input) {
            Ok(found) => found.is_some(),
            Err(_) => pike.is_match(&mut caches.1, input),
        }
    }
}

impl std::fmt::Debug for LineMatcher {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("LineMatcher")
    }
}

/// The phrases of one automaton, before it is built: each phrase as (its rule, its place
/// in the rule's list), whether case is folded, whether the phrases must start a line.
/// The phrases themselves stay the rules' own until the automata are built.
type PhraseGroup = (Vec<(usize, usize)>, bool, bool);

pub struct Matcher {
    /// The phrases, grouped by case and anchoring: what the automata are built from.
    phrases: Vec<PhraseGroup>,
    /// Built on the first document too: a run over no input, a rule listing or a rules
    /// check never needs them, and building them is a third of loading the default rules.
    automata: std::sync::OnceLock<Vec<Automaton>>,
    /// Built on the first document, not at start-up: compiling the set (Unicode classes,
    /// case folding) is most of what starting costs, and a run over no input, or a rule
    /// listing, never needs it.
    set: std::sync::OnceLock<Option<PatternSet>>,
    /// The rule and regex behind each `set` entry.
    regexes: Vec<(usize, LazyRegex)>,
}

impl Matcher {
    /// Build the automata and the regex set for the enabled phrase and pattern rules.
    pub fn new(rules: &[Rule]) -> Matcher {
        // (rule, phrase) for [case-folded][anchored].
        let mut groups: [[Vec<(usize, usize)>; 2]; 2] = Default::default();
        let mut regexes = Vec::new();
        for (i, rule) in rules.iter().enumerate().filter(|(_, r)| r.enabled) {
            match &rule.matcher {
                RuleMatcher::Phrases(literals) => {
                    let anchored = matches!(rule.anchor, Anchor::WholeLine | Anchor::LineStart);
                    let target = &mut groups[usize::from(rule.ignore_case)][usize::from(anchored)];
                    target.extend((0..literals.len()).map(|k| (i, k)));
                }
                RuleMatcher::Pattern(re) => regexes.push((i, re.clone())),
                RuleMatcher::Detector(_) => {}
            }
        }
        let mut phrases = Vec::new();
        for (fold, by_anchor) in groups.into_iter().enumerate() {
            for (anchored, members) in by_anchor.into_iter().enumerate() {
                if !members.is_empty() {
                    phrases.push((members, fold == 1, anchored == 1));
                }
            }
        }
        Matcher {
            phrases,
            automata: std::sync::OnceLock::new(),
            set: std::sync::OnceLock::new(),
            regexes,
        }
    }

    /// The phrase automata, built on first use from the phrases of `rules` (the rules the
    /// matcher was built with).
    fn automata(&self, rules: &[Rule]) -> &[Automaton] {
        self.automata.get_or_init(|| {
            self.phrases
                .iter()
                .map(|(members, fold, anchored)| {
                    // ASCII case is folded by the search; other letters by listing the
                    // casings text writes a phrase in, built here, on the first
                    // document, not by every process that loads the rules.
                    let (mut patterns, mut rule_of) = (Vec::new(), Vec::new());
                    for &(rule, k) in members {
                        let RuleMatcher::Phrases(literals) = &rules[rule].matcher else {
                            unreachable!("grouped from the rule's phrases")
                        };
                        let phrase = &literals[k];
                        if *fold && !phrase.is_ascii() {
                            let casings = case::variants(phrase);
                            rule_of.extend(std::iter::repeat_n(rule, casings.len()));
                            patterns.extend(casings);
                        } else {
                            patterns.push(phrase.clone());
                            rule_of.push(rule);
                        }
                    }
                    (patterns, rule_of, fold, anchored)
                })
                .map(|(patterns, rule_of, fold, anchored)| Automaton {
                    search: if *anchored {
                        Search::Start(PrefixTrie::new(&patterns, *fold))
                    } else {
                        Search::Scan(
                            AhoCorasickBuilder::new()
                                .match_kind(MatchKind::Standard)
                                .ascii_case_insensitive(*fold)
                                .build(&patterns)
                                .expect("phrases are plain strings and always build"),
                        )
                    },
                    rule_of,
                })
                .collect()
        })
    }

    /// The regex set of every pattern rule, compiled on first use.
    fn set(&self) -> Option<&PatternSet> {
        self.set
            .get_or_init(|| {
                (!self.regexes.is_empty()).then(|| {
                    PatternSet::new(
                        self.regexes.iter().map(|(_, r)| (r.as_str(), r.at_start())),
                        true,
                    )
                })
            })
            .as_ref()
    }

    /// Every hit in `doc`, grouped by rule index (`out[rule]`), each group in line order.
    /// With `only`, the hits on the lines it selects (a later pass: the lines a cut
    /// changed); a line's hits depend on its text alone, so the others' are known.
    pub fn hits(
        &self,
        rules: &[Rule],
        doc: &Document,
        only: Option<&dyn Fn(usize) -> bool>,
        out: &mut [Vec<Hit>],
    ) {
        let wanted = |i: usize| !doc.lines[i].blank && only.is_none_or(|f| f(i));
        // Nothing to match in a document of blank lines (an empty input): no rule fires
        // on one, and the regex set need not be compiled for it.
        if !(0..doc.lines.len()).any(wanted) {
            return;
        }
        let text = doc.text;
        let mut record =
            |automaton: &Automaton, line_idx: usize, pattern: usize, m: Range<usize>| {
                let line = &doc.lines[line_idx];
                if m.end > line.end {
                    return;
                }
                let rule_idx = automaton.rule_of[pattern];
                let rule = &rules[rule_idx];
                if !anchored(text, line.span(), m.clone(), rule.anchor, &rule.trailing)
                    || !within_words(text, line.span(), rule.max_words)
                {
                    return;
                }
                let hits = &mut out[rule_idx];
                // One hit a line is enough to drop it; cuts keep every span.
                if rule.action != Action::Cut && hits.last().is_some_and(|h| h.line == line_idx) {
                    return;
                }
                hits.push(Hit {
                    rule: rule_idx,
                    line: line_idx,
                    span: m,
                });
            };
        for automaton in self.automata(rules) {
            let ac = match &automaton.search {
                Search::Scan(ac) => ac,
                Search::Start(trie) => {
                    for (line_idx, line) in doc.lines.iter().enumerate() {
                        if !wanted(line_idx) {
                            continue;
                        }
                        let content = &text[line.span()];
                        let start = line.start + (content.len() - content.trim_start().len());
                        trie.prefixes(&text.as_bytes()[start..line.end], |id, len| {
                            record(automaton, line_idx, id, start..start + len);
                        });
                    }
                    continue;
                }
            };
            if only.is_some() {
                // A few lines: each searched alone finds what the whole text's search
                // finds on it (a phrase holds no line break).
                for (line_idx, line) in doc.lines.iter().enumerate() {
                    if !wanted(line_idx) {
                        continue;
                    }
                    for m in ac.find_overlapping_iter(&text[line.span()]) {
                        let span = line.start + m.start()..line.start + m.end();
                        record(automaton, line_idx, m.pattern().as_usize(), span);
                    }
                }
            } else {
                for m in ac.find_overlapping_iter(text) {
                    let line_idx = doc.line_at(m.start());
                    if line_idx < doc.lines.len() {
                        record(automaton, line_idx, m.pattern().as_usize(), m.range());
                    }
                }
            }
        }
        if let Some(set) = self.set() {
            self.regex_hits(set, rules, doc, &wanted, only.is_some(), out);
        }
        // Overlapping literal matches arrive in order of their end, and leading cuts take
        // turns across rules; each rule wants its hits in line order.
        for hits in out.iter_mut() {
            hits.sort_by_key(|h| (h.line, h.span.start));
        }
    }

    /// The pattern rules' hits (and those of phrases that need a regex), in any order.
    fn regex_hits(
        &self,
        set: &PatternSet,
        rules: &[Rule],
        doc: &Document,
        wanted: &dyn Fn(usize) -> bool,
        sparse: bool,
        out: &mut [Vec<Hit>],
    ) {
        let text = doc.text;
        // Cuts at a line's start: once one is made the line starts after it, where another
        // such rule may match (a quote header glued to a "READ NEXT:" glued to another).
        // They take turns, in rule order, so the whole run goes in one pass.
        let leading: Vec<usize> = (0..self.regexes.len())
            .filter(|&k| {
                let rule = &rules[self.regexes[k].0];
                rule.action == Action::Cut && rule.anchor == Anchor::LineStart
            })
            .collect();
        let mut push = |rule_idx: usize, line_idx: usize, start: usize, span: Range<usize>| {
            out[rule_idx].push(Hit {
                rule: rule_idx,
                line: line_idx,
                span: start + span.start..start + span.end,
            });
        };
        let mut caches = set.caches.get();
        let open = set.open_lines(doc, wanted, sparse);
        let open = |line: usize| open.get(line).copied().unwrap_or(0);
        let mut matched = regex_automata::PatternSet::new(set.len);
        let mut rest = regex_automata::PatternSet::new(set.len);
        for (line_idx, line) in doc.lines.iter().enumerate() {
            if !wanted(line_idx) {
                continue;
            }
            let content = &text[line.span()];
            set.matches(&mut caches, content, open(line_idx), &mut matched);
            // Most lines match no pattern: do not walk the set's slots for them.
            if matched.is_empty() {
                continue;
            }
            if leading
                .iter()
                .any(|&k| matched.contains(PatternID::new_unchecked(k)))
            {
                let mut from = 0;
                'cut: loop {
                    // Which rules match where the line now starts, as the set tells: a
                    // rule's own regex (a costly compilation, the first time) runs only
                    // when it will find its span.
                    if from > 0 {
                        set.matches(&mut caches, &content[from..], open(line_idx), &mut rest);
                    }
                    let here = if from > 0 { &rest } else { &matched };
                    for &k in &leading {
                        if !here.contains(PatternID::new_unchecked(k)) {
                            continue;
                        }
                        let (rule_idx, re) = &self.regexes[k];
                        if !within_words(text, line.span(), rules[*rule_idx].max_words) {
                            continue;
                        }
                        if let Some(c) = re.captures(&content[from..]) {
                            let cut = c.name("cut").unwrap_or_else(|| c.get(0).unwrap()).range();
                            if !cut.is_empty() {
                                push(
                                    *rule_idx,
                                    line_idx,
                                    line.start,
                                    from + cut.start..from + cut.end,
                                );
                                from += cut.end;
                                continue 'cut;
                            }
                        }
                    }
                    break;
                }
            }
            for k in matched
                .iter()
                .map(|p| p.as_usize())
                .filter(|k| !leading.contains(k))
            {
                let (rule_idx, re) = &self.regexes[k];
                let rule = &rules[*rule_idx];
                if !within_words(text, line.span(), rule.max_words) {
                    continue;
                }
                let spans: Vec<Range<usize>> = if rule.action == Action::Cut {
                    re.captures_iter(content)
                        .map(|c| c.name("cut").unwrap_or_else(|| c.get(0).unwrap()).range())
                        .collect()
                } else if set.never_empty[k] {
                    // A rule that drops lines needs to know only that the line matches,
                    // which the set has said: the line stands for the match.
                    std::iter::once(0..content.len()).collect()
                } else {
                    re.find(content).map(|m| m.range()).into_iter().collect()
                };
                for span in spans.into_iter().filter(|s| !s.is_empty()) {
                    push(*rule_idx, line_idx, line.start, span);
                }
            }
        }
    }
}

/// Whether a literal match sits where its anchor wants it, on word boundaries; a line's
/// end may hold one of the rule's `trailing` marks after it.
fn anchored(
    text: &str,
    line: Range<usize>,
    m: Range<usize>,
    anchor: Anchor,
    trailing: &[String],
) -> bool {
    let before = &text[line.start..m.start];
    let after = &text[m.end..line.end];
    let matched = &text[m.clone()];
    // Chinese and Japanese do not space their words: an ideograph beside a phrase is no
    // word it would start or end inside.
    let word = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() && !is_ideograph(c));
    // A phrase that starts or ends with a letter must not start or end inside a word.
    if word(matched.chars().next()) && word(before.chars().next_back()) {
        return false;
    }
    if word(matched.chars().next_back()) && word(after.chars().next()) {
        return false;
    }
    let clear = |s: &str| s.trim().is_empty();
    let end = |s: &str| {
        let s = s.trim();
        s.is_empty() || trailing.iter().any(|t| t == s)
    };
    match anchor {
        Anchor::WholeLine => clear(before) && end(after),
        Anchor::LineStart => clear(before),
        Anchor::LineEnd => end(after),
        Anchor::Anywhere => true,
    }
}

fn within_words(text: &str, line: Range<usize>, max: Option<usize>) -> bool {
    max.is_none_or(|max| text[line].split_whitespace().nth(max).is_none())
}
