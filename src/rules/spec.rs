//! The rule-file format, parsed strictly: an unknown field is an error, not a silent no-op.
//!
//! Positions of the fields that can be wrong after parsing (ids, patterns, detector names)
//! are kept as spans so a compile error can point at the file, line and column.

use serde::Deserialize;
use toml::Spanned;

/// The rule file and rule types, written once for two uses: `$at` is `Spanned` for a
/// file read as TOML (a user's, or a default one read in full), so an error can point at
/// the field; and `Plain` for the lean copies of the embedded files, which build.rs turns
/// into JSON (parsed in a tenth of TOML's time) and which cannot hold an error: a test
/// compiles every default rule.
macro_rules! rule_file {
    ($file:ident, $rule:ident, $at:ident, $($overrides:tt)*) => {
        #[derive(Debug, Deserialize)]
        #[serde(deny_unknown_fields)]
        pub struct $file {
            #[serde(default, rename = "rule")]
            pub rules: Vec<$rule>,
            $($overrides)*
        }

        #[derive(Debug, Deserialize)]
        #[serde(deny_unknown_fields, rename_all = "kebab-case")]
        pub struct $rule {
            pub id: $at<String>,
            /// Required of a user's rule (checked when it compiles); the lean copies of
            /// the embedded files leave it out.
            #[serde(default)]
            pub description: String,
            #[serde(default)]
            pub phrases: Vec<$at<String>>,
            pub pattern: Option<$at<String>>,
            pub detector: Option<$at<String>>,
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
            #[serde(default)]
            pub trailing: Vec<$at<String>>,
            pub action: Option<$at<Action>>,
            pub block_member: Option<$at<String>>,
            pub min_members: Option<$at<usize>>,
            #[serde(default)]
            pub sites: Vec<$at<String>>,
            #[serde(default)]
            pub exclude_sites: Vec<$at<String>>,
            #[serde(default = "yes")]
            pub enabled: bool,
            #[serde(default)]
            pub inline: bool,
            #[serde(default, rename = "example")]
            pub examples: Vec<ExampleSpec>,
        }
    };
}

/// A value without its place in the file.
type Plain<T> = T;

rule_file!(RuleFile, RuleSpec, Spanned,
    #[serde(default, rename = "override")]
    pub overrides: Vec<OverrideSpec>,
);
rule_file!(LeanRuleFile, LeanRuleSpec, Plain,);

/// `[[override]]`: new values for some params of a detector rule loaded before (a
/// default rule, or one from an earlier file), without copying the rule.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OverrideSpec {
    pub id: Spanned<String>,
    pub params: toml::Table,
}

impl From<LeanRuleFile> for RuleFile {
    fn from(lean: LeanRuleFile) -> RuleFile {
        RuleFile {
            rules: lean.rules.into_iter().map(RuleSpec::from).collect(),
            overrides: Vec::new(),
        }
    }
}

impl From<LeanRuleSpec> for RuleSpec {
    fn from(l: LeanRuleSpec) -> RuleSpec {
        fn at<T>(value: T) -> Spanned<T> {
            Spanned::new(0..0, value)
        }
        fn all(values: Vec<String>) -> Vec<Spanned<String>> {
            values.into_iter().map(at).collect()
        }
        RuleSpec {
            id: at(l.id),
            description: l.description,
            phrases: all(l.phrases),
            pattern: l.pattern.map(at),
            detector: l.detector.map(at),
            params: l.params,
            anchor: l.anchor,
            ignore_case: l.ignore_case,
            scope: l.scope,
            scope_lines: l.scope_lines,
            max_words: l.max_words,
            trailing: all(l.trailing),
            action: l.action.map(at),
            block_member: l.block_member.map(at),
            min_members: l.min_members.map(at),
            sites: all(l.sites),
            exclude_sites: all(l.exclude_sites),
            enabled: l.enabled,
            inline: l.inline,
            examples: l.examples,
        }
    }
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
