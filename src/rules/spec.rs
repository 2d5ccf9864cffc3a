//! The rule-file format, parsed strictly: an unknown field is an error, not a silent no-op.
//!
//! Positions of the fields that can be wrong after parsing (ids, patterns, detector names)
//! are kept as spans so a compile error can point at the file, line and column.

use serde::Deserialize;
use toml::Spanned;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleFile {
    #[serde(default, rename = "rule")]
    pub rules: Vec<RuleSpec>,
    #[serde(default, rename = "override")]
    pub overrides: Vec<OverrideSpec>,
}

/// `[[override]]`: new values for some params of a detector rule loaded before (a
/// default rule, or one from an earlier file), without copying the rule.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OverrideSpec {
    pub id: Spanned<String>,
    pub params: toml::Table,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RuleSpec {
    pub id: Spanned<String>,
    /// Required of a user's rule (checked when it compiles); the lean copies of the
    /// embedded files leave it out.
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub phrases: Vec<Spanned<String>>,
    pub pattern: Option<Spanned<String>>,
    pub detector: Option<Spanned<String>>,
    #[serde(default)]
    pub params: toml::Table,
    #[serde(default)]
    pub anchor: Anchor,
    #[serde(default)]
    pub ignore_case: bool,
    #[serde(default)]
    pub scope: Scope,
    pub scope_lines: Option<usize>,
    pub max_words: Option<usize>,
    pub action: Option<Spanned<Action>>,
    pub block_member: Option<Spanned<String>>,
    pub min_members: Option<Spanned<usize>>,
    #[serde(default)]
    pub sites: Vec<Spanned<String>>,
    #[serde(default)]
    pub exclude_sites: Vec<Spanned<String>>,
    #[serde(default = "yes")]
    pub enabled: bool,
    #[serde(default, rename = "example")]
    pub examples: Vec<ExampleSpec>,
}

fn yes() -> bool {
    true
}

/// Where on a line a phrase or pattern must sit.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Anchor {
    /// The match is the whole line (surrounding whitespace aside).
    #[default]
    WholeLine,
    /// The match starts the line (leading whitespace aside).
    LineStart,
    /// The match ends the line (trailing whitespace aside).
    LineEnd,
    /// Anywhere in the line.
    Anywhere,
}

/// Which lines a rule may fire on.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Scope {
    #[default]
    Any,
    /// The first `scope-lines` non-blank lines.
    Head,
    /// The last `scope-lines` non-blank lines.
    Tail,
    /// The head or the tail.
    Edges,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Action {
    /// Remove the whole line.
    DropLine,
    /// Remove the matched span (or the pattern's `cut` group) and keep the rest of the line.
    Cut,
    /// Remove the matched line and the run of `block-member` lines right after it.
    DropBlock,
    /// Remove the matched line and everything after it.
    DropToEnd,
}

impl Action {
    pub fn name(self) -> &'static str {
        match self {
            Action::DropLine => "drop-line",
            Action::Cut => "cut",
            Action::DropBlock => "drop-block",
            Action::DropToEnd => "drop-to-end",
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExampleSpec {
    pub input: String,
    /// What chaff must leave of `input`; absent means the input must pass untouched.
    pub output: Option<String>,
    /// The document's URL, for rules scoped to sites.
    pub url: Option<String>,
}
