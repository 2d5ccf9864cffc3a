//! Rules: loaded from TOML files (the default set is embedded in the binary), checked
//! strictly, compiled once.
//!
//! A rule either matches text (literal `phrases` or a regex `pattern`) and applies an
//! `action`, or names a built-in `detector` for what a pattern cannot say and configures it
//! with `params`. Every rule carries a description and examples; see the README for the format.

mod error;
mod spec;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use regex::{Regex, RegexBuilder};
use toml::Spanned;

use crate::detect::Detector;
use crate::matcher::LineMatcher;
pub use error::RuleError;
pub use spec::{Action, Anchor, Scope};
use spec::{LeanRuleFile, OverrideSpec, RuleFile, RuleSpec};

/// Regexes from rule files may not compile to more than this, so a hostile rule file
/// cannot exhaust memory.
const REGEX_SIZE_LIMIT: usize = 2 << 20;

/// The default rule files, embedded at build time from `rules/`: each file's name, its
/// full text, and its rules without descriptions and examples as JSON, which is what
/// start-up parses (see `lean_json` in build.rs: TOML parsing was most of start-up; empty
/// when the file does not parse, so its error is reported against the full text).
static EMBEDDED: &[(&str, &str, &str)] = include!(concat!(env!("OUT_DIR"), "/embedded_rules.rs"));

/// The text of one rule file and the name it is reported under.
#[derive(Debug, Clone)]
pub struct Source {
    pub name: String,
    pub text: String,
}

impl Source {
    /// The default rule files embedded in the binary, in full.
    pub fn defaults() -> Vec<Source> {
        EMBEDDED
            .iter()
            .map(|(name, text, _)| Source::embedded(name, text))
            .collect()
    }

    /// Embedded file `name` as the text `text` (whole, or its lean JSON copy).
    fn embedded(name: &str, text: &str) -> Source {
        Source {
            name: format!("<default>/{name}"),
            text: text.to_string(),
        }
    }

    /// Read a rule file, or every `*.toml` file under a folder (sorted, so load order and
    /// therefore explanations are stable).
    pub fn read_path(path: &Path) -> Result<Vec<Source>, RuleError> {
        let shown = path.display().to_string();
        let meta = std::fs::metadata(path)
            .map_err(|e| RuleError::general(&shown, format!("cannot read rule path: {e}")))?;
        let mut files = Vec::new();
        if meta.is_dir() {
            collect_toml(path, &mut files)
                .map_err(|e| RuleError::general(&shown, format!("cannot list folder: {e}")))?;
            files.sort();
            if files.is_empty() {
                return Err(
                    RuleError::general(&shown, "folder holds no .toml rule files")
                        .with_help("rule files end in .toml; see `chaff rules list` for examples"),
                );
            }
        } else {
            files.push(path.to_path_buf());
        }
        files
            .into_iter()
            .map(|f| {
                let name = f.display().to_string();
                let text = std::fs::read_to_string(&f)
                    .map_err(|e| RuleError::general(&name, format!("cannot read: {e}")))?;
                Ok(Source { name, text })
            })
            .collect()
    }
}

fn collect_toml(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            collect_toml(&path, out)?;
        } else if path.extension().is_some_and(|e| e == "toml") {
            out.push(path);
        }
    }
    Ok(())
}

/// When a rule file's regexes are compiled.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Compile {
    /// At load time, so a bad pattern fails with its place (users' rule files).
    Now,
    /// On first use (the embedded defaults, checked by the test suite): compiling every
    /// default regex took 330 M instructions of a 813 M start-up, most of it for rules
    /// a given run never needs, since a rule's own regex runs only on lines the shared
    /// pattern set says it matches.
    Lazily,
}

/// A rule's regex (already wrapped for its anchor and case), compiled on first use.
/// `as_str` gives the pattern without compiling it; everything else compiles it once
/// (thread-safe) and reads the compiled regex. Clones share it: the matcher's copy and
/// the rule's, and the rules of a set that wrote the same pattern (the share rules'
/// common buttons), compile it once.
#[derive(Debug, Clone)]
pub struct LazyRegex(Arc<LazyInner>);

#[derive(Debug)]
struct LazyInner {
    pattern: String,
    /// Whether every match starts at the line's start (`whole-line`, `line-start`).
    at_start: bool,
    compiled: OnceLock<Regex>,
    /// For [`LazyRegex::matches_line`]: built apart, and cheaper than `compiled`.
    line: OnceLock<LineMatcher>,
}

impl LazyRegex {
    fn new(pattern: String, at_start: bool) -> LazyRegex {
        LazyRegex(Arc::new(LazyInner {
            pattern,
            at_start,
            compiled: OnceLock::new(),
            line: OnceLock::new(),
        }))
    }

    /// The pattern, as given to the regex builder.
    pub fn as_str(&self) -> &str {
        &self.0.pattern
    }

    /// Whether every match starts at the start of the text searched: the pattern is
    /// wrapped for a `whole-line` or `line-start` anchor.
    pub fn at_start(&self) -> bool {
        self.0.at_start
    }

    /// Whether the pattern matches `line`, where nothing asks where: a block's member
    /// test. Builds a [`LineMatcher`] on first use, not the whole regex.
    pub fn matches_line(&self, line: &str) -> bool {
        self.0
            .line
            .get_or_init(|| LineMatcher::new(&self.0.pattern, self.0.at_start))
            .is_match(line)
    }

    fn compile(&self) -> Result<&Regex, regex::Error> {
        if let Some(re) = self.0.compiled.get() {
            return Ok(re);
        }
        let re = RegexBuilder::new(&self.0.pattern)
            .size_limit(REGEX_SIZE_LIMIT)
            .build()?;
        Ok(self.0.compiled.get_or_init(|| re))
    }
}

impl std::ops::Deref for LazyRegex {
    type Target = Regex;

    fn deref(&self) -> &Regex {
        self.compile()
            .expect("a user's regex compiled at load; the defaults' are compiled by the tests")
    }
}

/// What a rule looks for.
// One a rule, a few dozen a set: a detector's size costs nothing worth a box.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone)]
pub enum Matcher {
    /// Literal phrases, found by the shared automata (`matcher`).
    Phrases(Vec<String>),
    /// A regex, already wrapped for its anchor and case.
    Pattern(LazyRegex),
    Detector(Detector),
}

/// An example from a rule file: `input` must clean to `output` (`None`: stay untouched).
#[derive(Debug, Clone)]
pub struct Example {
    pub input: String,
    pub output: Option<String>,
    pub url: Option<String>,
}

/// The sites a rule is limited to. Empty `sites`: every document; otherwise only
/// documents whose URL's host matches one of `sites` and none of `exclude`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Sites {
    pub sites: Vec<String>,
    pub exclude: Vec<String>,
}

impl Sites {
    /// Whether the rule applies to a document at `host` (`None`: no URL known).
    pub fn admit(&self, host: Option<&str>) -> bool {
        if self.sites.is_empty() && self.exclude.is_empty() {
            return true;
        }
        let Some(host) = host else {
            return self.sites.is_empty();
        };
        (self.sites.is_empty() || self.sites.iter().any(|s| site_match(s, host)))
            && !self.exclude.iter().any(|s| site_match(s, host))
    }

    pub fn is_any(&self) -> bool {
        self.sites.is_empty() && self.exclude.is_empty()
    }
}

/// `example.com` matches `example.com` and `www.example.com`; `*.example.com` matches
/// `example.com` and every subdomain of it.
fn site_match(pattern: &str, host: &str) -> bool {
    match pattern.strip_prefix("*.") {
        Some(domain) => {
            host == domain
                || host
                    .strip_suffix(domain)
                    .is_some_and(|rest| rest.ends_with('.'))
        }
        None => host == pattern || host.strip_prefix("www.") == Some(pattern),
    }
}

/// The lowercase host of a URL (`https://www.Example.com:8080/a?b` → `www.example.com`).
pub fn url_host(url: &str) -> Option<String> {
    let rest = url.trim().split_once("://").map_or(url.trim(), |(_, r)| r);
    let rest = rest.rsplit_once('@').map_or(rest, |(_, r)| r);
    let host = rest.split(['/', '?', '#']).next()?;
    let host = host.rsplit_once(':').map_or(host, |(h, port)| {
        if port.bytes().all(|b| b.is_ascii_digit()) {
            h
        } else {
            host
        }
    });
    (!host.is_empty()).then(|| host.trim_end_matches('.').to_ascii_lowercase())
}

impl Example {
    /// True when the example shows text that must stay as it is (a hard negative).
    pub fn is_kept(&self) -> bool {
        self.output.as_deref().is_none_or(|o| o == self.input)
    }
}

/// What a `drop-block` label takes with it: the run of `member` lines right after it,
/// when at least `min_members` of them follow (with 0, the label goes alone too).
#[derive(Debug, Clone)]
pub struct Block {
    pub member: LazyRegex,
    pub min_members: usize,
}

/// A compiled rule.
#[derive(Debug, Clone)]
pub struct Rule {
    pub id: String,
    /// The description and examples: the rule file's own, or, for a default rule, read
    /// from its embedded file when first asked for.
    docs: Docs,
    /// The file the rule came from.
    pub source: String,
    pub matcher: Matcher,
    pub anchor: Anchor,
    pub ignore_case: bool,
    pub scope: Scope,
    pub scope_lines: usize,
    pub max_words: Option<usize>,
    /// Marks a phrase may be followed by at the line's end ("Related articles:",
    /// "More »"), whitespace between them or not.
    pub trailing: Vec<String>,
    pub action: Action,
    /// For `drop-block`: which lines after the label belong to it.
    pub block: Option<Block>,
    pub sites: Sites,
    pub enabled: bool,
    /// Whether the lines the rule takes sit inside an article (a video player's controls
    /// between two paragraphs) rather than around it: main-body does not count them as
    /// furniture that parts the text above them from the text below. (Ad labels are not
    /// marked: they stand between an article and its sidebar as often as inside it.)
    pub inline: bool,
    /// A detector rule's params as in effect: its own, with any `[[override]]` merged in.
    pub params: toml::Table,
    /// The files whose `[[override]]` changed this rule's params, in load order.
    pub overridden_by: Vec<String>,
}

impl Rule {
    /// A short name for the kind of rule, for listings.
    pub fn kind(&self) -> String {
        match &self.matcher {
            Matcher::Phrases { .. } => format!("phrases/{}", self.action.name()),
            Matcher::Pattern(_) => format!("pattern/{}", self.action.name()),
            Matcher::Detector(d) => format!("detector/{}", d.name()),
        }
    }

    /// The first line of the description.
    pub fn summary(&self) -> &str {
        self.description().lines().next().unwrap_or("").trim()
    }

    /// What the rule removes and why: its documentation.
    pub fn description(&self) -> &str {
        match &self.docs {
            Docs::Own(d) => &d.description,
            Docs::Embedded(file) => &embedded_docs(*file, &self.id).description,
        }
    }

    /// The rule's examples, which `chaff rules test` runs.
    pub fn examples(&self) -> &[Example] {
        match &self.docs {
            Docs::Own(d) => &d.examples,
            Docs::Embedded(file) => &embedded_docs(*file, &self.id).examples,
        }
    }
}

/// A rule's description and examples.
#[derive(Debug, Clone)]
struct RuleDocs {
    description: String,
    examples: Vec<Example>,
}

/// Where a rule's documentation is.
#[derive(Debug, Clone)]
enum Docs {
    /// Parsed with the rule (a user's rule file).
    Own(RuleDocs),
    /// In the full text of embedded file `EMBEDDED[k]`, parsed on first use.
    Embedded(usize),
}

impl RuleDocs {
    fn of(spec: &mut RuleSpec) -> RuleDocs {
        RuleDocs {
            description: spec.description.trim().to_string(),
            examples: std::mem::take(&mut spec.examples)
                .into_iter()
                .map(|e| Example {
                    input: e.input,
                    output: e.output,
                    url: e.url,
                })
                .collect(),
        }
    }
}

/// The documentation of rule `id` of embedded file `file`, from the file's full text,
/// each file parsed once. The full files are checked by the tests (every default rule has
/// a description and examples), so a missing one is a bug of the build, not of input.
fn embedded_docs(file: usize, id: &str) -> &'static RuleDocs {
    static DOCS: OnceLock<Vec<OnceLock<HashMap<String, RuleDocs>>>> = OnceLock::new();
    let files = DOCS.get_or_init(|| EMBEDDED.iter().map(|_| OnceLock::new()).collect());
    let docs = files[file].get_or_init(|| {
        let parsed: RuleFile =
            toml::from_str(EMBEDDED[file].1).expect("an embedded rule file parses");
        parsed
            .rules
            .into_iter()
            .map(|mut spec| (spec.id.get_ref().clone(), RuleDocs::of(&mut spec)))
            .collect()
    });
    static NONE: RuleDocs = RuleDocs {
        description: String::new(),
        examples: Vec::new(),
    };
    docs.get(id).unwrap_or(&NONE)
}

/// An error naming the first rule whose id an earlier rule has.
fn unique_ids(rules: &[Rule]) -> Result<(), RuleError> {
    let mut seen: HashMap<&str, &str> = HashMap::with_capacity(rules.len());
    for rule in rules {
        if let Some(other) = seen.insert(rule.id.as_str(), rule.source.as_str()) {
            return Err(RuleError::general(
                &rule.source,
                format!(
                    "duplicate rule id `{}`, already defined in {other}",
                    rule.id
                ),
            ));
        }
    }
    Ok(())
}

/// All loaded rules, in load order, with unique ids.
#[derive(Debug, Clone, Default)]
pub struct RuleSet {
    pub rules: Vec<Rule>,
    /// Each rule file's text, in load order, for [`RuleSet::fingerprint`].
    sources: Vec<SourceText>,
}

/// A loaded rule file's text as the fingerprint reads it: an embedded file by its index,
/// hashed only when a fingerprint is asked for (hashing the 40 default files is 3% of
/// start-up, and most runs never ask), a user's file by the hash of its text, taken at
/// load so the text need not be kept.
#[derive(Debug, Clone, Copy)]
enum SourceText {
    Embedded(usize),
    Hashed(u64),
}

impl SourceText {
    fn hash(self) -> u64 {
        match self {
            // An embedded file is known by its full text, as when it is loaded as a
            // user's.
            SourceText::Embedded(k) => xxhash_rust::xxh3::xxh3_64(EMBEDDED[k].1.as_bytes()),
            SourceText::Hashed(h) => h,
        }
    }
}

impl RuleSet {
    /// The embedded default rule set. Its regexes compile when a document first needs
    /// them (see [`LazyRegex`]); `tests::default_rules_compile_eagerly` holds them to
    /// every check a user's rule file gets at load time.
    pub fn defaults() -> Result<RuleSet, RuleError> {
        let mut set = RuleSet::default();
        for (k, (name, full, lean)) in EMBEDDED.iter().enumerate() {
            // An empty lean copy: build.rs could not parse the file, whose error the
            // TOML parser then reports against its real text.
            let (file, parsed) = match lean.is_empty() {
                true => {
                    let file = Source::embedded(name, full);
                    let parsed = parse_toml(&file)?;
                    (file, parsed)
                }
                false => {
                    let file = Source::embedded(name, lean);
                    let parsed = serde_json::from_str::<LeanRuleFile>(lean)
                        .map_err(|e| RuleError::at(&file.name, lean, 0..0, e.to_string()))?;
                    (file, parsed.into())
                }
            };
            set.add(&file, parsed, Compile::Lazily, Some(k))?;
        }
        // One check over the whole set, not one a file against every rule before it
        // (1,800 map inserts, 8% of start-up): the defaults carry no spans to point at.
        unique_ids(&set.rules)?;
        Ok(set)
    }

    /// Parse and compile rule files. Ids must be unique across all of them.
    pub fn from_sources(sources: &[Source]) -> Result<RuleSet, RuleError> {
        let mut set = RuleSet::default();
        for source in sources {
            set.add_source(source)?;
        }
        Ok(set)
    }

    /// Parse and compile one more rule file into the set: every regex is compiled now,
    /// so an error points at its file and field before any document is read.
    pub fn add_source(&mut self, source: &Source) -> Result<(), RuleError> {
        self.add(source, parse_toml(source)?, Compile::Now, None)
    }

    /// Rules whose `block-member` patterns are the same text share one regex, compiled
    /// once (a member regex of many languages costs some 10M instructions to build). The
    /// rules from `from` on are the new ones; a set holds a dozen block rules, so they are
    /// compared with each one before them.
    fn share_block_members(&mut self, from: usize) {
        for k in from..self.rules.len() {
            let Some(member) = self.rules[k].block.as_ref().map(|b| &b.member) else {
                continue;
            };
            let shared = self.rules[..k]
                .iter()
                .filter_map(|r| r.block.as_ref())
                .find(|b| b.member.as_str() == member.as_str())
                .map(|b| b.member.clone());
            if let (Some(shared), Some(block)) = (shared, self.rules[k].block.as_mut()) {
                block.member = shared;
            }
        }
    }

    /// `embedded`: the index of the embedded file `source` is the lean text of, whose
    /// rules read their documentation from the full text when asked.
    fn add(
        &mut self,
        source: &Source,
        file: RuleFile,
        when: Compile,
        embedded: Option<usize>,
    ) -> Result<(), RuleError> {
        // The embedded defaults are checked once, all together, in `defaults`.
        let seen: HashMap<&str, &str> = match embedded {
            Some(_) => HashMap::new(),
            None => self
                .rules
                .iter()
                .map(|r| (r.id.as_str(), r.source.as_str()))
                .collect(),
        };
        let mut added: Vec<Rule> = Vec::with_capacity(file.rules.len());
        for spec in file.rules {
            let id = spec.id.get_ref().clone();
            if let Some(other) = seen.get(id.as_str()) {
                return Err(RuleError::at(
                    &source.name,
                    &source.text,
                    spec.id.span(),
                    format!("duplicate rule id `{id}`, already defined in {other}"),
                )
                .with_rule(&id)
                .with_help("rule ids must be unique; to replace a default rule, `--disable` it and give yours a new id"));
            }
            if added.iter().any(|r| r.id == id) {
                return Err(RuleError::at(
                    &source.name,
                    &source.text,
                    spec.id.span(),
                    format!("duplicate rule id `{id}`, defined twice in this file"),
                )
                .with_rule(&id));
            }
            added.push(compile(spec, source, when, embedded)?);
        }
        let from = self.rules.len();
        self.rules.extend(added);
        self.share_block_members(from);
        for o in file.overrides {
            self.apply_override(&o, source)?;
        }
        self.sources.push(match embedded {
            Some(k) => SourceText::Embedded(k),
            None => SourceText::Hashed(xxhash_rust::xxh3::xxh3_64(source.text.as_bytes())),
        });
        Ok(())
    }

    /// Merge an `[[override]]`'s params over a loaded detector rule's and rebuild its
    /// detector, checked as strictly as the rule itself was.
    fn apply_override(&mut self, o: &OverrideSpec, source: &Source) -> Result<(), RuleError> {
        let id = o.id.get_ref();
        let err =
            |msg: String| RuleError::at(&source.name, &source.text, o.id.span(), msg).with_rule(id);
        let Some(rule) = self.rules.iter_mut().find(|r| &r.id == id) else {
            return Err(err(format!("no loaded rule has the id `{id}`"))
                .with_help("an override changes a rule loaded before it or in the same file: a default rule, or one from an earlier --rules file; `chaff rules list` shows them"));
        };
        let Matcher::Detector(detector) = &rule.matcher else {
            return Err(err(format!(
                "`{id}` is a {} rule; only detector rules have params to override",
                rule.kind()
            ))
            .with_help("to change a phrase or pattern rule, `--disable` it and add your own under a new id"));
        };
        let mut params = rule.params.clone();
        for (k, v) in &o.params {
            params.insert(k.clone(), v.clone());
        }
        let rebuilt = Detector::new(detector.name(), &params)
            .map_err(|msg| err(format!("in the params of this override: {msg}")))?;
        rule.matcher = Matcher::Detector(rebuilt);
        rule.params = params;
        rule.overridden_by.push(source.name.clone());
        Ok(())
    }

    /// A fingerprint of what decides the output: chaff's version, the text of every
    /// loaded rule file in load order, and which rules are disabled. File names are left
    /// out, so the same rules checked out elsewhere give the same fingerprint.
    /// Stable across runs and platforms (xxh3), shown as 16 hex digits.
    pub fn fingerprint(&self) -> String {
        let mut key = Vec::with_capacity(64 + 8 * self.sources.len());
        key.extend_from_slice(env!("CARGO_PKG_VERSION").as_bytes());
        key.push(0);
        for source in &self.sources {
            key.extend_from_slice(&source.hash().to_le_bytes());
        }
        for rule in self.rules.iter().filter(|r| !r.enabled) {
            key.push(0);
            key.extend_from_slice(rule.id.as_bytes());
        }
        format!("{:016x}", xxhash_rust::xxh3::xxh3_64(&key))
    }

    /// Turn off every rule whose id matches `glob` (`*` and `?` wildcards).
    /// It is an error for a glob to match nothing: a typo would otherwise pass silently.
    pub fn disable(&mut self, glob: &str) -> Result<usize, RuleError> {
        let mut n = 0;
        for rule in &mut self.rules {
            if glob_match(glob, &rule.id) {
                rule.enabled = false;
                n += 1;
            }
        }
        if n == 0 {
            return Err(
                RuleError::general("--disable", format!("no rule id matches `{glob}`"))
                    .with_help("`chaff rules list` shows every rule id"),
            );
        }
        Ok(n)
    }

    /// The rule set a command runs with: the embedded defaults (unless `defaults` is
    /// false), then the rule files under `paths` in order, then `disable` globs applied.
    /// Also returns the names of the files loaded from `paths`. The CLI and the Python
    /// binding assemble their rules here, so they cannot differ.
    pub fn load(
        defaults: bool,
        paths: &[PathBuf],
        disable: &[String],
    ) -> Result<(RuleSet, Vec<String>), RuleError> {
        let mut set = if defaults {
            RuleSet::defaults()?
        } else {
            RuleSet::default()
        };
        let mut names = Vec::new();
        for path in paths {
            for source in Source::read_path(path)? {
                set.add_source(&source)?;
                names.push(source.name);
            }
        }
        for glob in disable {
            set.disable(glob)?;
        }
        Ok((set, names))
    }

    /// A set of already compiled rules (the examples runner tests each rule alone).
    pub fn from_rules(rules: Vec<Rule>) -> RuleSet {
        RuleSet {
            rules,
            sources: Vec::new(),
        }
    }

    pub fn get(&self, id: &str) -> Option<&Rule> {
        self.rules.iter().find(|r| r.id == id)
    }
}

/// A rule file's text as TOML; an error names the file, line and column.
fn parse_toml(source: &Source) -> Result<RuleFile, RuleError> {
    toml::from_str(&source.text).map_err(|e| {
        let span = e.span().unwrap_or(0..0);
        RuleError::at(&source.name, &source.text, span, e.message().trim()).with_help(
            "see the rule format in the README (`[[rule]]` tables with id, description, ...)",
        )
    })
}

fn compile(
    mut spec: RuleSpec,
    source: &Source,
    when: Compile,
    embedded: Option<usize>,
) -> Result<Rule, RuleError> {
    let id = spec.id.get_ref().clone();
    let err = |span: std::ops::Range<usize>, msg: String| {
        RuleError::at(&source.name, &source.text, span, msg).with_rule(&id)
    };
    if !valid_id(&id) {
        return Err(err(spec.id.span(), format!("invalid rule id `{id}`"))
            .with_help("ids are lowercase words joined by `.` and `-`, e.g. `links.read-more`"));
    }
    if embedded.is_none() && spec.description.trim().is_empty() {
        return Err(
            err(spec.id.span(), "the rule has an empty description".into())
                .with_help("say what the rule removes and why; it is the rule's documentation"),
        );
    }
    let kinds = usize::from(!spec.phrases.is_empty())
        + usize::from(spec.pattern.is_some())
        + usize::from(spec.detector.is_some());
    if kinds != 1 {
        return Err(err(
            spec.id.span(),
            "a rule needs exactly one of `phrases`, `pattern` or `detector`".into(),
        ));
    }
    if !spec.params.is_empty() && spec.detector.is_none() {
        return Err(err(
            spec.id.span(),
            "`params` only configure detectors".into(),
        ));
    }

    let mut action = match (&spec.action, &spec.detector) {
        (Some(a), None) => *a.get_ref(),
        (None, None) => {
            return Err(
                err(spec.id.span(), "the rule has no `action`".into()).with_help(
                    "add action = \"drop-line\", \"cut\", \"drop-block\" or \"drop-to-end\"",
                ),
            );
        }
        (Some(a), Some(_)) => {
            return Err(err(a.span(), "detectors decide their own action".into())
                .with_help("remove `action`; configure the detector with `params`"));
        }
        (None, Some(_)) => Action::DropLine,
    };
    if let (Some(n), false) = (&spec.min_members, action == Action::DropBlock) {
        return Err(err(
            n.span(),
            "`min-members` only goes with action = \"drop-block\"".into(),
        ));
    }
    let block = match (&spec.block_member, action) {
        (Some(p), Action::DropBlock) => Some(Block {
            member: build_regex(p, source, &id, Anchor::WholeLine, spec.ignore_case, when)?,
            min_members: spec.min_members.as_ref().map_or(1, |n| *n.get_ref()),
        }),
        (None, Action::DropBlock) => {
            return Err(err(spec.id.span(), "`drop-block` needs a `block-member` pattern".into())
                .with_help("block-member is a regex for the lines that belong to the label, e.g. '(?i)facebook|twitter'"));
        }
        (Some(p), _) => {
            return Err(err(
                p.span(),
                "`block-member` only goes with action = \"drop-block\"".into(),
            ));
        }
        (None, _) => None,
    };

    let matcher = if let Some(name) = &spec.detector {
        let detector = match when {
            Compile::Now => Detector::new(name.get_ref(), &spec.params),
            Compile::Lazily => Detector::new_lazy(name.get_ref(), &spec.params),
        }
        .map_err(|msg| err(name.span(), msg))?;
        if detector.cuts() {
            action = Action::Cut;
        }
        Matcher::Detector(detector)
    } else if let Some(pattern) = &spec.pattern {
        let re = build_regex(pattern, source, &id, spec.anchor, spec.ignore_case, when)?;
        if when == Compile::Now
            && action == Action::Cut
            && re.capture_names().flatten().any(|n| n != "cut")
        {
            return Err(err(
                pattern.span(),
                "the only named group a cut pattern may have is `cut`".into(),
            ));
        }
        Matcher::Pattern(re)
    } else {
        // Moved, not copied: the default rules hold some three thousand phrases, and
        // copying each was an eighth of start-up.
        let mut literals = Vec::with_capacity(spec.phrases.len());
        for phrase in std::mem::take(&mut spec.phrases) {
            let span = phrase.span();
            let p = phrase.into_inner();
            if p.trim().is_empty() || p.contains('\n') {
                return Err(err(
                    span,
                    "a phrase must be non-empty and on one line".into(),
                ));
            }
            literals.push(p);
        }
        Matcher::Phrases(literals)
    };

    let mut trailing = Vec::with_capacity(spec.trailing.len());
    for mark in std::mem::take(&mut spec.trailing) {
        let span = mark.span();
        let mark = mark.into_inner();
        if !matches!(matcher, Matcher::Phrases(_)) {
            return Err(err(span, "`trailing` only goes with `phrases`".into())
                .with_help("a pattern says what may follow it itself, e.g. `\\s*:?`"));
        }
        if !matches!(spec.anchor, Anchor::WholeLine | Anchor::LineEnd) {
            return Err(err(
                span,
                "`trailing` marks follow a phrase at the line's end: anchor \"whole-line\" or \"line-end\"".into(),
            ));
        }
        if mark.is_empty() || mark.contains(char::is_whitespace) {
            return Err(err(
                span,
                format!("`{mark}` is no trailing mark: one or more characters, no whitespace"),
            ));
        }
        trailing.push(mark);
    }

    let mut sites = Sites::default();
    for (list, out) in [
        (&spec.sites, &mut sites.sites),
        (&spec.exclude_sites, &mut sites.exclude),
    ] {
        for site in list {
            let s = site.get_ref().trim().to_ascii_lowercase();
            let bare = s.strip_prefix("*.").unwrap_or(&s);
            if bare.is_empty() || bare.contains(['/', ':', '*', ' ']) {
                return Err(err(site.span(), format!("`{}` is not a site", site.get_ref()))
                    .with_help("a site is a host name, `example.com`, or `*.example.com` for it and its subdomains"));
            }
            out.push(s);
        }
    }
    let docs = match embedded {
        Some(file) => Docs::Embedded(file),
        None => Docs::Own(RuleDocs::of(&mut spec)),
    };
    Ok(Rule {
        id,
        docs,
        source: source.name.clone(),
        matcher,
        anchor: spec.anchor,
        ignore_case: spec.ignore_case,
        scope: spec.scope,
        scope_lines: spec.scope_lines.unwrap_or(5),
        max_words: spec.max_words,
        trailing,
        action,
        block,
        sites,
        enabled: spec.enabled,
        inline: spec.inline,
        params: spec.params,
        overridden_by: Vec::new(),
    })
}

/// Compile a rule's regex for its anchor and case, pointing any syntax error at the
/// character in the rule file.
fn build_regex(
    pattern: &Spanned<String>,
    source: &Source,
    id: &str,
    anchor: Anchor,
    ignore_case: bool,
    when: Compile,
) -> Result<LazyRegex, RuleError> {
    let p = pattern.get_ref();
    // A user's pattern is parsed here so an error points at its place; the embedded
    // defaults are parsed by the tests (loaded eagerly there), and not at every start.
    if when == Compile::Now
        && let Err(e) = regex_syntax::ast::parse::Parser::new().parse(p)
    {
        let span = pattern_error_span(pattern, &source.text, e.span());
        return Err(RuleError::at(&source.name, &source.text, span, format!("invalid regex: {}", e.kind()))
            .with_rule(id)
            .with_help("the syntax is the `regex` crate's (no look-around, no backreferences); TOML literal strings ('...') need no escaping"));
    }
    // Case goes into the pattern text, not the builder, so the shared pattern set built
    // from the same text agrees with the rule's own regex.
    let flags = if ignore_case { "(?i)" } else { "" };
    let wrapped = match anchor {
        Anchor::WholeLine => format!(r"{flags}^\s*(?:{p})\s*$"),
        Anchor::LineStart => format!(r"{flags}^\s*(?:{p})"),
        Anchor::LineEnd => format!(r"{flags}(?:{p})\s*$"),
        Anchor::Anywhere => format!("{flags}{p}"),
    };
    let lazy = LazyRegex::new(
        wrapped,
        matches!(anchor, Anchor::WholeLine | Anchor::LineStart),
    );
    if when == Compile::Lazily {
        return Ok(lazy);
    }
    lazy.compile().map(|_| lazy.clone()).map_err(|e| {
        let msg = match e {
            regex::Error::CompiledTooBig(limit) => {
                format!("regex compiles to more than {limit} bytes")
            }
            other => format!("invalid regex: {other}"),
        };
        RuleError::at(&source.name, &source.text, pattern.span(), msg)
            .with_rule(id)
            .with_help("split the pattern into smaller rules or use `phrases` for literal lists")
    })
}

/// Map an error position inside a pattern to the file: exact when the TOML string holds
/// the pattern verbatim (no escapes), else the start of the string.
fn pattern_error_span(
    pattern: &Spanned<String>,
    file: &str,
    inner: &regex_syntax::ast::Span,
) -> std::ops::Range<usize> {
    let outer = pattern.span();
    let raw = &file[outer.clone()];
    let quote = if raw.starts_with("'''") || raw.starts_with("\"\"\"") {
        3
    } else {
        1
    };
    let body = raw
        .get(quote..raw.len().saturating_sub(quote))
        .unwrap_or("");
    if body == pattern.get_ref() {
        let start = outer.start + quote + inner.start.offset;
        start..(outer.start + quote + inner.end.offset).max(start + 1)
    } else {
        outer
    }
}

fn valid_id(id: &str) -> bool {
    !id.is_empty()
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b"-._".contains(&b))
        && id.as_bytes()[0].is_ascii_lowercase()
}

/// `*` matches any run of characters, `?` one character.
pub fn glob_match(glob: &str, text: &str) -> bool {
    let (g, t): (Vec<char>, Vec<char>) = (glob.chars().collect(), text.chars().collect());
    let (mut gi, mut ti, mut star, mut mark) = (0, 0, None, 0);
    while ti < t.len() {
        if gi < g.len() && (g[gi] == '?' || g[gi] == t[ti]) {
            gi += 1;
            ti += 1;
        } else if gi < g.len() && g[gi] == '*' {
            star = Some(gi);
            mark = ti;
            gi += 1;
        } else if let Some(s) = star {
            gi = s + 1;
            mark += 1;
            ti = mark;
        } else {
            return false;
        }
    }
    g[gi..].iter().all(|&c| c == '*')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load(text: &str) -> Result<RuleSet, RuleError> {
        RuleSet::from_sources(&[Source {
            name: "test.toml".into(),
            text: text.into(),
        }])
    }

    fn with_defaults(text: &str) -> Result<RuleSet, RuleError> {
        let mut set = RuleSet::defaults().unwrap();
        set.add_source(&Source {
            name: "mine.toml".into(),
            text: text.into(),
        })?;
        Ok(set)
    }

    #[test]
    fn a_duplicate_id_across_files_is_named_with_both_files() {
        let rule = "[[rule]]\nid = \"x.same\"\ndescription = \"d\"\nphrases = [\"Aa\"]\naction = \"drop-line\"\n";
        let mut rules = load(rule).unwrap().rules;
        let mut again = RuleSet::from_sources(&[Source {
            name: "other.toml".into(),
            text: rule.into(),
        }])
        .unwrap()
        .rules;
        rules.append(&mut again);
        let err = unique_ids(&rules).unwrap_err().to_string();
        assert!(
            err.contains("other.toml") && err.contains("test.toml"),
            "{err}"
        );
        assert!(err.contains("duplicate rule id `x.same`"), "{err}");
        assert!(unique_ids(&RuleSet::defaults().unwrap().rules).is_ok());
    }

    #[test]
    fn an_override_changes_a_default_detector_params_only() {
        let set = with_defaults(
            "[[override]]\nid = \"body.furniture\"\nparams.min-body-chars = 100000\n",
        )
        .unwrap();
        let rule = set.get("body.furniture").unwrap();
        assert_eq!(rule.overridden_by, ["mine.toml"]);
        assert_eq!(rule.params["min-body-chars"].as_integer(), Some(100000));
        // The rule's other params stay as the default file set them.
        assert_eq!(rule.params["page-dump-run"].as_integer(), Some(4));
        // The first example of rules/body/main-body.toml.
        let body = &RuleSet::defaults().unwrap();
        let page = &body.get("body.furniture").unwrap().examples()[0].input;
        assert!(page.starts_with("Home\n"));
        let default = crate::Cleaner::new(RuleSet::defaults().unwrap());
        let changed = crate::Cleaner::new(set.clone());
        assert!(!default.clean(page).text().contains("Home\n"));
        assert!(changed.clean(page).text().starts_with("Home\n"));
        assert_ne!(
            set.fingerprint(),
            RuleSet::defaults().unwrap().fingerprint()
        );
    }

    #[test]
    fn a_bad_override_points_at_its_id() {
        let msg = |text: &str| with_defaults(text).unwrap_err().to_string();
        let e = msg("[[override]]\nid = \"body.nothing\"\nparams.x = 1\n");
        assert!(
            e.contains("no loaded rule has the id `body.nothing`"),
            "{e}"
        );
        assert!(e.contains("mine.toml:2:6"), "{e}");
        let e = msg("[[override]]\nid = \"links.read-more\"\nparams.x = 1\n");
        assert!(
            e.contains("only detector rules have params to override"),
            "{e}"
        );
        let e = msg("[[override]]\nid = \"body.furniture\"\nparams.min-chars = \"ten\"\n");
        assert!(
            e.contains("param `min-chars` must be a whole number"),
            "{e}"
        );
        let e = msg("[[override]]\nid = \"body.furniture\"\nparams.no-such-param = 1\n");
        assert!(e.contains("no-such-param"), "{e}");
        let e =
            msg("[[override]]\nid = \"body.furniture\"\nparams.min-chars = 1\nenabled = false\n");
        assert!(e.contains("unknown field `enabled`"), "{e}");
    }

    #[test]
    fn default_rules_compile_eagerly() {
        // `RuleSet::defaults` leaves regexes to their first use; loaded as a user's files
        // are, every default regex compiles within the size limit and every cut
        // pattern names no group but `cut`, so no default can fail on first use.
        let eager = RuleSet::from_sources(&Source::defaults()).unwrap();
        let lazy = RuleSet::defaults().unwrap();
        let patterns = |set: &RuleSet| -> Vec<String> {
            set.rules
                .iter()
                .filter_map(|r| match &r.matcher {
                    Matcher::Pattern(re) => Some(re.as_str().to_string()),
                    _ => None,
                })
                .collect()
        };
        assert_eq!(patterns(&eager), patterns(&lazy));
        assert!(patterns(&lazy).len() > 20);
        assert_eq!(eager.fingerprint(), lazy.fingerprint());
        // Every default file has its lean JSON copy (an empty one means build.rs could
        // not parse the file), which loses nothing a rule is made of, and the
        // documentation read back from the full texts is the full texts' own.
        assert!(EMBEDDED.iter().all(|(_, _, lean)| !lean.is_empty()));
        let shape = |set: &RuleSet| -> Vec<String> {
            set.rules
                .iter()
                .map(|r| {
                    format!(
                        "{} {} {:?} {:?} {} {:?} {} {:?} {:?} {:?} {} {:?} {} {:?}",
                        r.id,
                        r.kind(),
                        match &r.matcher {
                            Matcher::Phrases(p) => p.join("|"),
                            Matcher::Pattern(re) => re.as_str().to_string(),
                            Matcher::Detector(d) => d.name().to_string(),
                        },
                        r.anchor,
                        r.ignore_case,
                        r.scope,
                        r.scope_lines,
                        r.max_words,
                        r.sites,
                        r.params,
                        r.enabled,
                        r.block.as_ref().map(|b| (b.member.as_str(), b.min_members)),
                        r.description(),
                        r.examples(),
                    )
                })
                .collect()
        };
        assert_eq!(shape(&eager), shape(&lazy));
        assert!(lazy.rules.iter().all(|r| !r.examples().is_empty()));
    }

    #[test]
    fn sites_and_hosts() {
        assert_eq!(
            url_host("https://www.Example.com:8080/a?b").as_deref(),
            Some("www.example.com")
        );
        assert_eq!(url_host("example.org/x").as_deref(), Some("example.org"));
        let s = Sites {
            sites: vec!["example.com".into(), "*.example.org".into()],
            exclude: vec!["blog.example.org".into()],
        };
        assert!(s.admit(Some("example.com")));
        assert!(s.admit(Some("www.example.com")));
        assert!(!s.admit(Some("news.example.com")));
        assert!(s.admit(Some("example.org")));
        assert!(s.admit(Some("a.b.example.org")));
        assert!(!s.admit(Some("blog.example.org")));
        assert!(!s.admit(Some("badexample.org")));
        assert!(!s.admit(None));
        let all_but = Sites {
            sites: vec![],
            exclude: vec!["example.com".into()],
        };
        assert!(all_but.admit(None));
        assert!(!all_but.admit(Some("example.com")));
    }

    #[test]
    fn globs() {
        assert!(glob_match("links.*", "links.read-more"));
        assert!(glob_match("*", "x"));
        assert!(glob_match("a?c", "abc"));
        assert!(!glob_match("links.*", "share.row"));
        assert!(!glob_match("a", "ab"));
    }

    #[test]
    fn unknown_field_is_an_error_with_position() {
        let e =
            load("[[rule]]\nid = \"a.b\"\ndescription = \"d\"\nphrase = [\"x\"]\n").unwrap_err();
        assert_eq!(e.position.map(|p| p.0), Some(4), "{e}");
        assert!(e.message.contains("unknown field `phrase`"), "{e}");
    }

    #[test]
    fn bad_regex_points_at_the_character() {
        let src = "[[rule]]\nid = \"a.b\"\ndescription = \"d\"\naction = \"drop-line\"\npattern = 'ab(c'\n";
        let e = load(src).unwrap_err();
        assert_eq!(e.rule.as_deref(), Some("a.b"));
        assert_eq!(e.position, Some((5, 14)), "{e}");
        assert!(e.message.contains("unclosed group"), "{e}");
    }

    #[test]
    fn min_members_goes_with_drop_block_only_and_points_at_itself() {
        let src = "[[rule]]\nid = \"a.b\"\ndescription = \"d\"\naction = \"drop-line\"\nphrases = [\"x\"]\nmin-members = 0\n";
        let e = load(src).unwrap_err();
        assert_eq!(e.position.map(|p| p.0), Some(6), "{e}");
        assert!(e.message.contains("`min-members` only goes with"), "{e}");
        let src = "[[rule]]\nid = \"a.b\"\ndescription = \"d\"\naction = \"drop-block\"\nphrases = [\"x\"]\nblock-member = 'y'\nmin-members = 0\n";
        let rules = load(src).unwrap();
        assert_eq!(
            rules.rules[0].block.as_ref().map(|b| b.min_members),
            Some(0)
        );
    }

    #[test]
    fn trailing_marks_go_with_phrases_at_a_lines_end_and_point_at_themselves() {
        let rule = |rest: &str| {
            format!("[[rule]]\nid = \"a.b\"\ndescription = \"d\"\naction = \"drop-line\"\n{rest}")
        };
        let e = load(&rule("pattern = 'x'\ntrailing = [\":\"]\n")).unwrap_err();
        assert_eq!(e.position.map(|p| p.0), Some(6), "{e}");
        assert!(e.message.contains("only goes with `phrases`"), "{e}");
        let e = load(&rule(
            "phrases = [\"x\"]\nanchor = \"line-start\"\ntrailing = [\":\"]\n",
        ))
        .unwrap_err();
        assert_eq!(e.position.map(|p| p.0), Some(7), "{e}");
        assert!(e.message.contains("at the line's end"), "{e}");
        let e = load(&rule("phrases = [\"x\"]\ntrailing = [\": \"]\n")).unwrap_err();
        assert!(e.message.contains("no trailing mark"), "{e}");
        let ok = load(&rule(
            "phrases = [\"x\"]\nanchor = \"line-end\"\ntrailing = [\":\"]\n",
        ))
        .unwrap();
        assert_eq!(ok.rules[0].trailing, [":"]);
    }

    #[test]
    fn duplicate_ids_name_both_files() {
        let rule = "[[rule]]\nid = \"a.b\"\ndescription = \"d\"\naction = \"drop-line\"\nphrases = [\"x\"]\n";
        let e = RuleSet::from_sources(&[
            Source {
                name: "one.toml".into(),
                text: rule.into(),
            },
            Source {
                name: "two.toml".into(),
                text: rule.into(),
            },
        ])
        .unwrap_err();
        assert_eq!(e.file, "two.toml");
        assert!(e.message.contains("one.toml"), "{e}");
    }

    #[test]
    fn rule_needs_exactly_one_matcher_and_an_action() {
        let e = load("[[rule]]\nid = \"a.b\"\ndescription = \"d\"\naction = \"drop-line\"\n")
            .unwrap_err();
        assert!(e.message.contains("exactly one"), "{e}");
        let e =
            load("[[rule]]\nid = \"a.b\"\ndescription = \"d\"\nphrases = [\"x\"]\n").unwrap_err();
        assert!(e.message.contains("no `action`"), "{e}");
    }

    #[test]
    fn disable_glob_must_match() {
        let mut set = RuleSet::defaults().unwrap();
        assert!(set.disable("no.such.*").is_err());
        assert!(set.disable("links.*").unwrap() > 0);
    }
}
