//! Every default rule is documented and proven by its own examples.

use chaff::RuleSet;

#[test]
fn every_example_of_every_default_rule_passes() {
    let set = RuleSet::defaults().unwrap();
    let report = chaff::examples::run(&set);
    let failures: Vec<String> = report.failures.iter().map(|f| f.to_string()).collect();
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
    assert!(report.examples >= 2 * report.rules);
}

#[test]
fn every_rule_has_a_description_and_both_kinds_of_example() {
    let set = RuleSet::defaults().unwrap();
    assert!(!set.rules.is_empty());
    for rule in &set.rules {
        assert!(
            rule.description().len() >= 40,
            "{}: the description is the rule's documentation; say what it removes and why",
            rule.id
        );
        assert!(
            rule.examples().iter().any(|e| !e.is_kept()),
            "{}: needs an example of text it removes",
            rule.id
        );
        assert!(
            rule.examples().iter().any(|e| e.is_kept()),
            "{}: needs an example of look-alike text it must keep",
            rule.id
        );
    }
}

#[test]
fn rule_ids_are_namespaced_by_their_folder() {
    for rule in RuleSet::defaults().unwrap().rules {
        let folder = rule
            .source
            .trim_start_matches("<default>/")
            .split('/')
            .next()
            .unwrap()
            .to_string();
        assert!(
            rule.id.starts_with(&format!("{folder}.")),
            "{} lives in rules/{folder}/ and should be named {folder}.*",
            rule.id
        );
    }
}

#[test]
fn default_patterns_spell_their_digits_out() {
    // Unicode's `\d` is some sixty ranges: the default patterns held it 154 times, and
    // the shared pattern set and the rules' own regexes cost 28M more instructions to
    // build for it on the first megabyte (the sample of scripts/instructions.py). The
    // digits the pack languages' pages print are ASCII and Arabic-Indic: `[0-9٠-٩]`.
    for rule in RuleSet::defaults().unwrap().rules {
        let mut patterns = Vec::new();
        if let chaff::rules::Matcher::Pattern(re) = &rule.matcher {
            patterns.push(re.as_str().to_string());
        }
        if let Some(block) = &rule.block {
            patterns.push(block.member.as_str().to_string());
        }
        for p in patterns {
            assert!(
                !p.replace(r"\\", "").contains(r"\d"),
                "{}: write digits as [0-9٠-٩], not \\d (see README, Adding a rule)",
                rule.id
            );
        }
    }
}

#[test]
fn glued_labels_know_every_dateline_label() {
    // A stamp's label is one notion: what datelines.bare drops on a line of its own,
    // meta.glued-labels must cut where an extractor glued it to the first sentence.
    let set = RuleSet::defaults().unwrap();
    let labels = |id: &str| -> Vec<String> {
        let rule = set.get(id).unwrap();
        rule.params["labels"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap().to_lowercase())
            .collect()
    };
    let glued = labels("meta.glued-labels");
    for label in labels("datelines.bare") {
        assert!(
            glued.contains(&label),
            "`{label}`: a label of datelines.bare that meta.glued-labels lacks"
        );
    }
}
