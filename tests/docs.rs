//! The README's detector table lists exactly the params each detector reads, with their
//! defaults: the table is checked against the detectors' own registry
//! (`Detector::params_of`), so the two cannot drift.

mod common;

use chaff::detect::{Detector, ParamDefault};
use common::root;

/// A README row's params: each name, and its default as written (if any).
type DocumentedParams = Vec<(String, Option<String>)>;

/// The rows of the README's detector table: name → its params.
fn readme_rows() -> Vec<(String, DocumentedParams)> {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let section = readme
        .split("### Detectors")
        .nth(1)
        .expect("the README has a Detectors section");
    let mut rows = Vec::new();
    for line in section
        .lines()
        .skip_while(|l| !l.starts_with("| detector"))
        .skip(2)
    {
        if !line.starts_with("| `") {
            break;
        }
        let cells: Vec<&str> = line.split(" | ").collect();
        let name = cells[0]
            .trim_start_matches("| ")
            .trim_matches('`')
            .to_string();
        let params_cell = cells
            .last()
            .unwrap()
            .trim_end_matches(" |")
            .trim_end_matches('|');
        // `name` (default), `name`, ...: a backticked name outside parentheses, then
        // what stands in the parentheses right after it, if any.
        let mut params = Vec::new();
        let mut chars = params_cell.chars().peekable();
        while let Some(c) = chars.next() {
            if c == '(' {
                // A default with no name before it: skip it whole.
                for d in chars.by_ref() {
                    if d == ')' {
                        break;
                    }
                }
                continue;
            }
            if c != '`' {
                continue;
            }
            let key: String = chars.by_ref().take_while(|&d| d != '`').collect();
            while chars.peek() == Some(&' ') {
                chars.next();
            }
            let default = (chars.peek() == Some(&'(')).then(|| {
                chars.next();
                chars.by_ref().take_while(|&d| d != ')').collect::<String>()
            });
            params.push((key, default));
        }
        rows.push((name, params));
    }
    rows
}

#[test]
fn the_detector_table_lists_every_param_with_its_default() {
    let rows = readme_rows();
    let mut names: Vec<&str> = rows.iter().map(|(n, _)| n.as_str()).collect();
    names.sort();
    let mut registry: Vec<&str> = chaff::detect::names().collect();
    registry.sort();
    assert_eq!(names, registry, "the README's detectors");
    for (name, documented) in &rows {
        let params = Detector::params_of(name).unwrap();
        let keys: Vec<&str> = params.iter().map(|(k, _)| *k).collect();
        let shown: Vec<&str> = documented.iter().map(|(k, _)| k.as_str()).collect();
        let mut sorted_keys = keys.clone();
        sorted_keys.sort();
        let mut sorted_shown = shown.clone();
        sorted_shown.sort();
        assert_eq!(sorted_shown, sorted_keys, "README row `{name}`: params");
        for (key, default) in &params {
            let written = documented
                .iter()
                .find(|(k, _)| k == key)
                .unwrap()
                .1
                .as_deref();
            match default {
                ParamDefault::Number(n) => {
                    let w: f64 = written
                        .and_then(|w| w.parse().ok())
                        .unwrap_or_else(|| panic!("`{name}` `{key}`: no number in {written:?}"));
                    assert_eq!(w, *n, "`{name}` `{key}`: README says {w}, the code {n}");
                }
                ParamDefault::Flag(b) => {
                    assert_eq!(written, Some(b.to_string().as_str()), "`{name}` `{key}`");
                }
                ParamDefault::List => {}
            }
        }
    }
}

/// The README's worked `chaff diff` example shows what the command prints today: every
/// rule change that moves the example's figures updates the README with it.
#[test]
fn readme_diff_example_is_current() {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let command = "$ chaff diff --rules examples/rules examples/corpus --max-docs 1\n";
    let start = readme
        .find(command)
        .expect("the README shows the diff example")
        + command.len();
    let shown = &readme[start..start + readme[start..].find("```").unwrap()];
    let ex = root().join("examples");
    let out = common::chaff(
        &[
            "diff",
            "--color",
            "never",
            "--rules",
            ex.join("rules").to_str().unwrap(),
            ex.join("corpus").to_str().unwrap(),
            "--max-docs",
            "1",
        ],
        b"",
    );
    assert_eq!(out.status.code(), Some(0));
    let printed = common::text(&out.stdout).replace(&format!("{}/", ex.display()), "");
    assert_eq!(printed, shown, "update the README's worked example");
}
