//! Runs the examples rule files carry: each example goes through a cleaner that holds
//! that one rule alone, so an example tests its rule and nothing else.

use crate::cleaner::Cleaner;
use crate::rules::{Example, Rule, RuleSet};

/// An example whose rule did not do what the example says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    pub rule: String,
    pub source: String,
    /// 1-based position of the example in its rule.
    pub example: usize,
    pub input: String,
    pub expected: String,
    pub actual: String,
}

impl std::fmt::Display for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        writeln!(
            f,
            "FAIL {} example {} ({})",
            self.rule, self.example, self.source
        )?;
        writeln!(f, "  input:\n{}", indent(&self.input))?;
        writeln!(f, "  expected:\n{}", indent(&self.expected))?;
        write!(f, "  got:\n{}", indent(&self.actual))
    }
}

fn indent(s: &str) -> String {
    if s.is_empty() {
        return "    (nothing)".into();
    }
    s.lines()
        .map(|l| format!("    |{l}"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The outcome of running the examples of a rule set.
#[derive(Debug, Default)]
pub struct Report {
    pub rules: usize,
    pub examples: usize,
    pub failures: Vec<Failure>,
}

/// Run every example of every rule in `set` (disabled rules too: their examples still
/// document them).
pub fn run(set: &RuleSet) -> Report {
    let mut report = Report::default();
    for rule in &set.rules {
        report.rules += 1;
        let mut alone = rule.clone();
        alone.enabled = true;
        let cleaner = Cleaner::new(RuleSet::from_rules(vec![alone]));
        for (k, example) in rule.examples().iter().enumerate() {
            report.examples += 1;
            if let Some(f) = check(&cleaner, rule, k, example) {
                report.failures.push(f);
            }
        }
    }
    report
}

fn check(cleaner: &Cleaner, rule: &Rule, k: usize, example: &Example) -> Option<Failure> {
    let (input, output) = (example.input.as_str(), example.output.as_deref());
    let actual = cleaner.clean_url(input, example.url.as_deref()).text();
    // Examples are written as TOML strings; the final line break is not part of the claim.
    let expected = output.unwrap_or(input);
    let same = actual.trim_end_matches(['\n', '\r']) == expected.trim_end_matches(['\n', '\r']);
    (!same).then(|| Failure {
        rule: rule.id.clone(),
        source: rule.source.clone(),
        example: k + 1,
        input: input.to_string(),
        expected: expected.to_string(),
        actual,
    })
}
