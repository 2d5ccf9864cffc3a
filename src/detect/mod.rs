//! Built-in detectors: what a phrase or a regex cannot say.
//!
//! A rule file turns a detector on with `detector = "<name>"` and tunes it with `params`.
//! Line detectors judge each input line (and their neighbours); repeat detectors run
//! after the other rules, on what is left, so a copy that differed only by a glued widget
//! label is seen as the copy it is.

mod body;
mod bylines;
mod comment_section;
mod datelines;
mod glued;
mod icons;
mod labels;
mod links;
mod page_numbers;
mod repeats;
mod rows;
mod stopwords;
mod threads;
mod timecodes;

use std::borrow::Cow;

use crate::document::Document;
use crate::memo::Origins;

pub(crate) use body::weighted_letters;
pub use body::{FeaturesMemo, MainBody};
pub use comment_section::CommentSection;
pub use comment_section::SectionKinds;
pub use datelines::Datelines;
pub use glued::GluedLabels;
pub use icons::IconStrings;
pub use links::LinkLines;
pub use page_numbers::PageNumbers;
pub use repeats::{RepeatedBody, RepeatedParagraphs, RepeatedTitle};
pub use rows::LinkRows;
pub(crate) use stopwords::is_ideograph;
pub use threads::CommentThread;
pub use timecodes::Timecodes;

/// When a detector runs, and what it hands back. The order is the order of a pass.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Stage {
    /// On the input, with the line rules: cuts spans out of lines.
    Cuts,
    /// On the input, with the line rules: drops lines.
    Lines,
    /// On the lines the line rules left (repeats, comment threads and sections).
    Survivors,
    /// Last, on the text as it will read: the main body.
    Body,
}

/// One row per detector: its name (what a rule file writes), its stage and how to build
/// it from a rule's params. Everything else about a detector is read from here; adding
/// one is a row, a variant of [`Kind`] and an arm in the dispatch of its stage.
pub struct Entry {
    pub name: &'static str,
    pub stage: Stage,
    build: fn(&mut Params) -> Result<Kind, String>,
}

/// Every detector, in the order the docs list them.
pub const REGISTRY: &[Entry] = &[
    Entry {
        name: "icon-strings",
        stage: Stage::Lines,
        build: |p| Ok(Kind::IconStrings(IconStrings::new(p)?)),
    },
    Entry {
        name: "timecodes",
        stage: Stage::Lines,
        build: |p| Ok(Kind::Timecodes(Timecodes::new(p)?)),
    },
    Entry {
        name: "datelines",
        stage: Stage::Lines,
        build: |p| Ok(Kind::Datelines(Datelines::new(p)?)),
    },
    Entry {
        name: "glued-labels",
        stage: Stage::Cuts,
        build: |p| Ok(Kind::GluedLabels(GluedLabels::new(p)?)),
    },
    Entry {
        name: "link-lines",
        stage: Stage::Lines,
        build: |p| Ok(Kind::LinkLines(LinkLines::new(p)?)),
    },
    Entry {
        name: "link-rows",
        stage: Stage::Lines,
        build: |p| Ok(Kind::LinkRows(LinkRows::new(p)?)),
    },
    Entry {
        name: "page-numbers",
        stage: Stage::Lines,
        build: |p| Ok(Kind::PageNumbers(PageNumbers::new(p)?)),
    },
    Entry {
        name: "repeated-title",
        stage: Stage::Survivors,
        build: |p| Ok(Kind::RepeatedTitle(RepeatedTitle::new(p)?)),
    },
    Entry {
        name: "repeated-paragraphs",
        stage: Stage::Survivors,
        build: |p| Ok(Kind::RepeatedParagraphs(RepeatedParagraphs::new(p)?)),
    },
    Entry {
        name: "repeated-body",
        stage: Stage::Survivors,
        build: |p| Ok(Kind::RepeatedBody(RepeatedBody::new(p)?)),
    },
    Entry {
        name: "main-body",
        stage: Stage::Body,
        build: |p| Ok(Kind::MainBody(MainBody::new(p)?)),
    },
    Entry {
        name: "comment-thread",
        stage: Stage::Survivors,
        build: |p| Ok(Kind::CommentThread(CommentThread::new(p)?)),
    },
    Entry {
        name: "comment-section",
        stage: Stage::Survivors,
        build: |p| Ok(Kind::CommentSection(CommentSection::new(p)?)),
    },
];

/// Every detector name, for errors and docs.
pub fn names() -> impl Iterator<Item = &'static str> {
    REGISTRY.iter().map(|e| e.name)
}

/// A configured detector: its registry row and its settings.
#[derive(Clone)]
pub struct Detector {
    entry: &'static Entry,
    kind: Kind,
}

impl std::fmt::Debug for Detector {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.kind.fmt(f)
    }
}

/// A detector's settings, one variant a detector.
#[derive(Debug, Clone)]
pub enum Kind {
    IconStrings(IconStrings),
    Timecodes(Timecodes),
    Datelines(Datelines),
    GluedLabels(GluedLabels),
    LinkLines(LinkLines),
    LinkRows(LinkRows),
    PageNumbers(PageNumbers),
    RepeatedTitle(RepeatedTitle),
    RepeatedParagraphs(RepeatedParagraphs),
    RepeatedBody(RepeatedBody),
    MainBody(MainBody),
    CommentThread(CommentThread),
    CommentSection(CommentSection),
}

impl Detector {
    /// Build a detector from its name and `params`, rejecting unknown or ill-typed params.
    pub fn new(name: &str, params: &toml::Table) -> Result<Detector, String> {
        Detector::build(name, &mut Params::new(params))
    }

    /// [`Detector::new`] for the embedded default rules: what a detector compiles from its
    /// params (comment-section's heading regexes) waits for its first use. The test suite
    /// loads the defaults eagerly too, so none can fail then.
    pub fn new_lazy(name: &str, params: &toml::Table) -> Result<Detector, String> {
        let mut p = Params::new(params);
        p.compile_now = false;
        Detector::build(name, &mut p)
    }

    /// The params detector `name` reads, in the order it reads them, with their
    /// defaults: what a rule file may set, and what the README's table must list.
    pub fn params_of(name: &str) -> Result<Vec<(&'static str, ParamDefault)>, String> {
        let empty = toml::Table::new();
        let mut p = Params::new(&empty);
        Detector::build(name, &mut p)?;
        Ok(p.asked)
    }

    fn build(name: &str, p: &mut Params) -> Result<Detector, String> {
        let Some(entry) = REGISTRY.iter().find(|e| e.name == name) else {
            return Err(format!(
                "unknown detector `{name}`; the detectors are: {}",
                names().collect::<Vec<_>>().join(", ")
            ));
        };
        let kind = (entry.build)(p)?;
        p.finish(name)?;
        Ok(Detector { entry, kind })
    }

    pub fn name(&self) -> &'static str {
        self.entry.name
    }

    /// When the detector runs.
    pub fn stage(&self) -> Stage {
        self.entry.stage
    }

    /// Whether the detector judges the lines other rules left rather than the input.
    pub fn on_survivors(&self) -> bool {
        self.stage() >= Stage::Survivors
    }

    /// Whether the detector cuts spans out of lines rather than dropping lines.
    pub fn cuts(&self) -> bool {
        self.stage() == Stage::Cuts
    }

    /// Cutting detectors: push `(line, byte span)` for every span to cut, reading only
    /// the lines `read` admits. A cutting detector judges each line by its text alone
    /// (a test holds it to that), so a later pass need not read again a line an earlier
    /// one read and left as it was.
    pub fn detect_cuts(
        &self,
        doc: &Document,
        read: &dyn Fn(usize) -> bool,
        out: &mut Vec<(usize, std::ops::Range<usize>)>,
    ) {
        if let Kind::GluedLabels(d) = &self.kind {
            d.detect(doc, read, out);
        }
    }

    /// Whether the detector keeps [`LineFacts`] (the others are given none).
    pub fn keeps_facts(&self) -> bool {
        matches!(self.kind, Kind::Datelines(_) | Kind::CommentThread(_))
    }

    /// Line detectors: push the indices of the lines to drop. `in_scope` tells the lines
    /// the rule's scope admits (only those of the pushed lines are dropped): a detector
    /// that judges each line on its own need not read the others. `facts` keeps what
    /// this rule's detector read off a line's text from pass to pass.
    pub fn detect_lines(
        &self,
        doc: &Document,
        in_scope: &dyn Fn(usize) -> bool,
        facts: &mut LineFacts,
        out: &mut Vec<usize>,
    ) {
        match &self.kind {
            Kind::IconStrings(d) => d.detect(doc, out),
            Kind::Timecodes(d) => d.detect(doc, out),
            Kind::Datelines(d) => d.detect(doc, in_scope, facts, out),
            Kind::LinkLines(d) => d.detect(doc, out),
            Kind::LinkRows(d) => d.detect(doc, out),
            Kind::PageNumbers(d) => d.detect(doc, out),
            _ => {}
        }
    }

    /// Repeat detectors: `lines` are the surviving non-blank lines of `doc` in order.
    /// Push the positions in `lines` to drop. `rule` is this detector's rule, whose
    /// [`LineFacts`] the memo keeps when [`Detector::keeps_facts`]. `inline`: whether a
    /// line of `doc` that is gone was taken by a rule of chrome inside an article
    /// ([`crate::rules::Rule::inline`]).
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn detect_survivors(
        &self,
        doc: &Document,
        lines: &[Survivor],
        origins: &Origins,
        inline: &dyn Fn(usize) -> bool,
        memo: &mut Memo,
        rule: usize,
        out: &mut Vec<SurvivorPos>,
    ) {
        match &self.kind {
            Kind::RepeatedTitle(d) => d.detect(lines, out),
            Kind::RepeatedParagraphs(d) => d.detect(lines, out),
            Kind::RepeatedBody(d) => d.detect(lines, out),
            Kind::MainBody(d) => d.detect(doc, lines, origins, inline, &mut memo.words, out),
            Kind::CommentThread(d) => {
                let origin = |k: usize| origins.get(doc, k);
                let mut facts = LineFacts::new(memo.facts(rule), &origin);
                d.detect(doc, lines, &mut facts, out)
            }
            Kind::CommentSection(d) => d.detect(doc, lines, origins, &mut memo.section_kinds, out),
            _ => {}
        }
    }
}

/// Up to four yes-or-no facts one rule's detector reads off a line's text alone (is it a
/// dateline?), kept by input line for the rest of the document's passes, and read once
/// within a pass however many of the detector's tests ask. Two bits a fact: known, and
/// its value.
pub struct LineFacts<'m> {
    facts: &'m mut [u8],
    origin: &'m dyn Fn(usize) -> Option<usize>,
}

impl<'m> LineFacts<'m> {
    /// `facts`: one byte an input line; `origin`: the input line a line of the pass's
    /// document copies, if any (a line a cut changed has none, and is read afresh).
    pub fn new(facts: &'m mut [u8], origin: &'m dyn Fn(usize) -> Option<usize>) -> Self {
        LineFacts { facts, origin }
    }

    /// Fact number `fact` (0 to 3) of the pass's line `line`, computed by `read` when not
    /// known yet.
    pub fn get(&mut self, line: usize, fact: u8, read: impl FnOnce() -> bool) -> bool {
        let Some(i) = (self.origin)(line).filter(|&i| i < self.facts.len()) else {
            return read();
        };
        let (known, yes) = (1u8 << (2 * fact), 2u8 << (2 * fact));
        if self.facts[i] & known != 0 {
            return self.facts[i] & yes != 0;
        }
        let value = read();
        self.facts[i] |= known | if value { yes } else { 0 };
        value
    }
}

/// What detectors computed on the input's lines, kept for the passes after the first
/// (see `crate::memo`): indexed by input line, filled when first needed.
pub struct Memo {
    lines: usize,
    /// Fold keys and letter counts ([`UNKNOWN`] until computed), allocated when the
    /// first is: two vectors of 12 bytes a line together, not 24 in one.
    keys: Vec<u64>,
    chars: Vec<u32>,
    words: FeaturesMemo,
    /// comment-section's reading of each input line (a heading, a closer, ...), kept
    /// from pass to pass.
    section_kinds: SectionKinds,
    /// The line detectors' [`LineFacts`], by rule index.
    facts: Vec<(usize, Vec<u8>)>,
}

/// In [`Memo`]'s `chars`: not computed yet.
const UNKNOWN: u32 = u32::MAX;

impl Memo {
    pub fn new(lines: usize) -> Memo {
        Memo {
            lines,
            keys: Vec::new(),
            chars: Vec::new(),
            words: FeaturesMemo::new(lines),
            section_kinds: SectionKinds::new(lines),
            facts: Vec::new(),
        }
    }

    /// The bytes of rule `rule`'s [`LineFacts`], one an input line (a document has a few
    /// line-detector rules: they are looked up in order).
    pub fn facts(&mut self, rule: usize) -> &mut [u8] {
        let k = match self.facts.iter().position(|(r, _)| *r == rule) {
            Some(k) => k,
            None => {
                self.facts.push((rule, vec![0; self.lines]));
                self.facts.len() - 1
            }
        };
        &mut self.facts[k].1
    }

    /// The survivor of line `line`, whose text is `text`: `origin`, when known, is the
    /// input line `text` is a copy of, whose fold key is then computed only once.
    pub fn survivor<'a>(
        &mut self,
        line: usize,
        text: Cow<'a, str>,
        origin: Option<usize>,
        scratch: &mut Vec<u8>,
    ) -> Survivor<'a> {
        let Some(i) = origin else {
            return Survivor::with_scratch(line, text, scratch);
        };
        if self.chars.is_empty() {
            self.keys.resize(self.lines, 0);
            self.chars.resize(self.lines, UNKNOWN);
        }
        if self.chars[i] == UNKNOWN {
            let s = Survivor::with_scratch(line, text, scratch);
            // A line of four billion letters is read again each pass.
            if let Ok(chars) = u32::try_from(s.chars)
                && chars != UNKNOWN
            {
                self.keys[i] = s.key;
                self.chars[i] = chars;
            }
            return s;
        }
        Survivor {
            line,
            text,
            key: self.keys[i],
            chars: self.chars[i] as usize,
        }
    }
}

/// A position in the survivors a detector is given (`lines[k]`), not a line of the
/// document: the two are easy to mix up in a detector that reads both, and `Survivor::line`
/// is the one way from this to that.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct SurvivorPos(pub usize);

impl SurvivorPos {
    /// Every position in `range`.
    pub fn all(range: std::ops::Range<usize>) -> impl Iterator<Item = SurvivorPos> {
        range.map(SurvivorPos)
    }
}

/// The input lines other rules took right after survivor `j`: the non-blank lines of
/// `doc` between it and the next survivor (or the document's end). Detectors on survivors
/// read them where a taken line still tells something: a menu a rule took parts the
/// body (main-body), a closer a rule took ends a comment section.
pub(crate) fn taken_after<'d>(
    doc: &'d Document,
    lines: &[Survivor],
    j: usize,
) -> impl Iterator<Item = usize> + 'd {
    let next = lines.get(j + 1).map_or(doc.lines.len(), |l| l.line);
    (lines[j].line + 1..next).filter(move |&i| !doc.lines[i].blank)
}

/// A line left after the line rules, as the repeat detectors see it.
#[derive(Debug, Clone)]
pub struct Survivor<'a> {
    /// Index of the line in the document being cleaned.
    pub line: usize,
    /// The line's text after cuts.
    pub text: Cow<'a, str>,
    /// Hash of the line's case-folded letters and digits: two lines with the same key
    /// count as the same line, whatever their spacing and punctuation.
    pub key: u64,
    /// How many letters and digits the line has.
    pub chars: usize,
}

/// ASCII letters and digits, lowercased; 0 for every other ASCII byte.
const FOLD: [u8; 128] = {
    let mut t = [0u8; 128];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        if c.is_ascii_alphanumeric() {
            t[b] = c.to_ascii_lowercase();
        }
        b += 1;
    }
    t
};

/// Every non-blank line of `text` as a survivor, numbered as in `text`: what detectors on
/// survivors are tested with.
#[cfg(test)]
pub(crate) fn survivors_of(text: &str) -> Vec<Survivor<'_>> {
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, l)| Survivor::new(i, l.into()))
        .collect()
}

impl<'a> Survivor<'a> {
    /// The line as it stands in the document, no span cut out of it.
    pub fn is_whole(&self) -> bool {
        matches!(self.text, Cow::Borrowed(_))
    }

    /// The input line this survivor is, when it is one whole: what a detector reads of
    /// it can then be kept for the passes after this one. A cut line is read afresh.
    #[inline]
    pub(crate) fn input_line(&self, doc: &Document, origins: &Origins) -> Option<usize> {
        self.is_whole()
            .then(|| origins.get(doc, self.line))
            .flatten()
    }

    pub fn new(line: usize, text: Cow<'a, str>) -> Self {
        Self::with_scratch(line, text, &mut Vec::new())
    }

    /// [`Survivor::new`] with a buffer reused from line to line.
    pub fn with_scratch(line: usize, text: Cow<'a, str>, folded: &mut Vec<u8>) -> Self {
        fold(&text, folded);
        Survivor {
            line,
            // xxh3: fast and stable across runs and platforms, so results never depend
            // on a seed.
            key: xxhash_rust::xxh3::xxh3_64(folded),
            chars: folded.len() - extra_bytes(folded),
            text,
        }
    }
}

/// The line's letters and digits, lowercased, as UTF-8.
fn fold(text: &str, out: &mut Vec<u8>) {
    out.clear();
    let bytes = text.as_bytes();
    if bytes.is_ascii() {
        // Most of the web's text: a table lookup a byte, no branch on the byte's class.
        out.resize(bytes.len(), 0);
        let mut n = 0;
        for &b in bytes {
            let f = FOLD[usize::from(b)];
            out[n] = f;
            n += usize::from(f != 0);
        }
        out.truncate(n);
        return;
    }
    let mut buf = [0u8; 4];
    for c in text.chars() {
        if c.is_ascii() {
            let f = FOLD[c as usize];
            if f != 0 {
                out.push(f);
            }
            continue;
        }
        let folded = fold_bmp(c).unwrap_or(MULTI);
        match folded {
            0 => {}
            MULTI => {
                if c.is_alphanumeric() {
                    for lower in c.to_lowercase() {
                        out.extend_from_slice(lower.encode_utf8(&mut buf).as_bytes());
                    }
                }
            }
            one => {
                let lower = char::from_u32(one).expect("the table holds chars");
                out.extend_from_slice(lower.encode_utf8(&mut buf).as_bytes());
            }
        }
    }
}

/// In [`FOLD_BMP`]: fold this character the slow way.
const MULTI: u32 = u32::MAX;

/// For each character of the Basic Multilingual Plane, two bytes little-endian: 0 when it
/// is not a letter or digit, 0xFFFF ([`MULTI`]) when its lowercase is not one character
/// of the plane, else that lowercase. Looking a character up here is several times faster
/// than asking Unicode's tables each time, and most of the web's non-ASCII text is in
/// this plane. Written by `build.rs` from the toolchain's own tables, so no process
/// spends the 20 M instructions of building it (a test checks every character).
static FOLD_BMP: &[u8; 2 << 16] = include_bytes!(concat!(env!("OUT_DIR"), "/fold_bmp.bin"));

/// `c`'s entry in [`FOLD_BMP`], if `c` is in the Basic Multilingual Plane.
#[inline]
fn fold_bmp(c: char) -> Option<u32> {
    let cp = c as usize;
    let entry = FOLD_BMP.get(2 * cp..2 * cp + 2)?;
    match u16::from_le_bytes([entry[0], entry[1]]) {
        0xFFFF => Some(MULTI),
        folded => Some(u32::from(folded)),
    }
}

/// `c.is_alphanumeric()`, by table for the Basic Multilingual Plane. ASCII needs no
/// table, and a run that meets only ASCII never builds it.
pub(crate) fn is_alphanumeric(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    match fold_bmp(c) {
        Some(folded) => folded != 0,
        None => c.is_alphanumeric(),
    }
}

/// Bytes of `folded` beyond one a character (continuation bytes of UTF-8).
fn extra_bytes(folded: &[u8]) -> usize {
    if folded.is_ascii() {
        return 0;
    }
    folded.iter().filter(|&&b| b & 0xC0 == 0x80).count()
}

/// Detector parameters, read strictly: every key must be used, every value well typed.
pub struct Params<'a> {
    /// Compile what the params hold (regexes) now, so a bad one fails at load with its
    /// rule; off for the embedded defaults, which the tests compile.
    pub compile_now: bool,
    table: &'a toml::Table,
    used: Vec<&'a str>,
    /// Every param the detector asked for, with its default: the registry the docs are
    /// checked against (see [`Detector::params_of`]).
    asked: Vec<(&'static str, ParamDefault)>,
}

/// A param's default, as the docs show it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum ParamDefault {
    Number(f64),
    Flag(bool),
    /// A list or table, empty unless the rule file fills it.
    List,
}

impl<'a> Params<'a> {
    fn new(table: &'a toml::Table) -> Self {
        Params {
            compile_now: true,
            table,
            used: Vec::new(),
            asked: Vec::new(),
        }
    }

    fn value(&mut self, key: &'static str) -> Option<&'a toml::Value> {
        let (k, v) = self.table.get_key_value(key)?;
        self.used.push(k.as_str());
        Some(v)
    }

    fn ask(&mut self, key: &'static str, default: ParamDefault) -> Option<&'a toml::Value> {
        self.asked.push((key, default));
        self.value(key)
    }

    pub fn usize(&mut self, key: &'static str, default: usize) -> Result<usize, String> {
        match self.ask(key, ParamDefault::Number(default as f64)) {
            None => Ok(default),
            Some(toml::Value::Integer(i)) if *i >= 0 => Ok(*i as usize),
            Some(v) => Err(format!(
                "param `{key}` must be a whole number >= 0, not {v}"
            )),
        }
    }

    pub fn ratio(&mut self, key: &'static str, default: f64) -> Result<f64, String> {
        let v = match self.ask(key, ParamDefault::Number(default)) {
            None => return Ok(default),
            Some(toml::Value::Float(f)) => *f,
            Some(toml::Value::Integer(i)) => *i as f64,
            Some(v) => return Err(format!("param `{key}` must be a number, not {v}")),
        };
        if (0.0..=1.0).contains(&v) {
            Ok(v)
        } else {
            Err(format!("param `{key}` must lie between 0 and 1, not {v}"))
        }
    }

    pub fn flag(&mut self, key: &'static str, default: bool) -> Result<bool, String> {
        match self.ask(key, ParamDefault::Flag(default)) {
            None => Ok(default),
            Some(toml::Value::Boolean(b)) => Ok(*b),
            Some(v) => Err(format!("param `{key}` must be true or false, not {v}")),
        }
    }

    pub fn words(&mut self, key: &'static str) -> Result<Vec<String>, String> {
        self.ask(key, ParamDefault::List)
            .map_or(Ok(Vec::new()), |v| lowercase_strings(key, v))
    }

    /// A list of strings as written (for regexes, where case carries meaning: `\W`).
    pub fn strings(&mut self, key: &'static str) -> Result<Vec<String>, String> {
        self.ask(key, ParamDefault::List)
            .map_or(Ok(Vec::new()), |v| strings(key, v))
    }

    /// A table of word lists by name: `{ xx = ["word", ...] }`.
    pub fn word_lists(&mut self, key: &'static str) -> Result<Vec<(String, Vec<String>)>, String> {
        let Some(value) = self.ask(key, ParamDefault::List) else {
            return Ok(Vec::new());
        };
        let toml::Value::Table(table) = value else {
            return Err(format!(
                "param `{key}` must be a table of word lists, like {{ xx = [\"word\"] }}, not {value}"
            ));
        };
        table
            .iter()
            .map(|(name, words)| {
                Ok((
                    name.clone(),
                    lowercase_strings(&format!("{key}.{name}"), words)?,
                ))
            })
            .collect()
    }

    fn finish(&self, detector: &str) -> Result<(), String> {
        match self.table.keys().find(|k| !self.used.contains(&k.as_str())) {
            Some(k) => Err(format!("detector `{detector}` has no param `{k}`")),
            None => Ok(()),
        }
    }
}

/// The lowercased strings of a list param, `key` naming it in errors.
fn lowercase_strings(key: &str, value: &toml::Value) -> Result<Vec<String>, String> {
    let mut list = strings(key, value)?;
    for s in &mut list {
        // Most words are ASCII: lowercased in place, without a second allocation.
        if s.is_ascii() {
            s.make_ascii_lowercase();
        } else {
            *s = s.to_lowercase();
        }
    }
    Ok(list)
}

/// The strings of a list param, `key` naming it in errors.
fn strings(key: &str, value: &toml::Value) -> Result<Vec<String>, String> {
    let toml::Value::Array(items) = value else {
        return Err(format!(
            "param `{key}` must be a list of strings, not {value}"
        ));
    };
    items
        .iter()
        .map(|i| match i {
            toml::Value::String(s) => Ok(s.clone()),
            other => Err(format!("param `{key}` must list strings, not {other}")),
        })
        .collect()
}

/// A headline's shape: a few words, no sentence end, most words of four letters or more
/// capitalised ("The Twists and Turns of Making a Neon Sign").
pub(crate) fn headline(text: &str) -> bool {
    let text = text.trim();
    if ends_sentence(text) {
        return false;
    }
    let long: Vec<&str> = text
        .split_whitespace()
        .filter(|w| w.chars().filter(|c| c.is_alphabetic()).count() >= 4)
        .collect();
    !long.is_empty()
        && long
            .iter()
            .filter(|w| {
                w.chars()
                    .find(|c| c.is_alphabetic())
                    .is_some_and(char::is_uppercase)
            })
            .count()
            * 3
            >= long.len() * 2
}

/// Sentence-ending punctuation, in the scripts we support.
pub(crate) fn ends_sentence(s: &str) -> bool {
    s.trim_end()
        .trim_end_matches(['"', '\'', '”', '’', '»', ')'])
        .ends_with(['.', '!', '?', '…', '。', '！', '？', '؟'])
}

/// Four digits from 1900 to 2099, not part of a longer number.
pub(crate) fn has_year(text: &str) -> bool {
    text.as_bytes()
        .split(|b| !b.is_ascii_digit())
        .any(|run| run.len() == 4 && (run.starts_with(b"19") || run.starts_with(b"20")))
}

/// `h:mm` or `hh:mm` (or with a dot, as German and Russian write it).
pub(crate) fn has_time(text: &str) -> bool {
    let b = text.as_bytes();
    (1..b.len().saturating_sub(2)).any(|i| {
        matches!(b[i], b':' | b'.')
            && b[i - 1].is_ascii_digit()
            && b[i + 1].is_ascii_digit()
            && b[i + 2].is_ascii_digit()
            && b.get(i + 3).is_none_or(|c| !c.is_ascii_digit())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A fact is read once an input line, kept for the lines that copy it, and read
    /// afresh for a line that copies none.
    #[test]
    fn headlines_are_capitalised_and_unfinished() {
        for h in [
            "Navigator: Ode To The Dead Mall",
            "The Twists and Turns of Making a Neon Sign",
            "Remembering Pittsburgh's Most Mesmerizing Sign",
        ] {
            assert!(headline(h), "{h}");
        }
        for h in [
            "Great post, thanks for sharing",
            "I love this story.",
            "so true, we did the same last year",
            "1",
        ] {
            assert!(!headline(h), "{h}");
        }
    }

    #[test]
    fn line_facts_are_read_once_an_input_line() {
        let mut bytes = vec![0u8; 3];
        let origin = |k: usize| (k < 3).then(|| 2 - k);
        let reads = std::cell::Cell::new(0);
        let mut facts = LineFacts::new(&mut bytes, &origin);
        let mut get = |line: usize, fact: u8, value: bool| {
            facts.get(line, fact, || {
                reads.set(reads.get() + 1);
                value
            })
        };
        assert!(get(0, 0, true));
        assert!(get(0, 0, false), "known: the first reading stands");
        assert!(!get(0, 1, false), "another fact of the same line is read");
        assert!(!get(5, 0, false));
        assert!(
            get(5, 0, true),
            "a line without an origin is read every time"
        );
        assert_eq!(reads.get(), 4);
        assert_eq!(bytes[2], 0b0111);
    }

    /// The table `build.rs` wrote answers as Unicode's own tables do, for every character.
    #[test]
    fn folding_table_is_exact_for_every_char() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            assert_eq!(is_alphanumeric(c), c.is_alphanumeric(), "{c:?}");
            if let Some(folded) = fold_bmp(c) {
                let mut lower = c.to_lowercase();
                let want = match (c.is_alphanumeric(), lower.next(), lower.next()) {
                    (false, ..) => 0,
                    (true, Some(l), None) => u32::from(l),
                    (true, ..) => MULTI,
                };
                assert_eq!(folded, want, "{c:?}");
            }
        }
    }
}
