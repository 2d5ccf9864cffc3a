//! `chaff rules`: list the rules and detectors, check rule files, run their examples.

use std::io::{self, Write};

use super::{Failure, load_rules, write_failure, write_out};
use crate::{RuleArgs, RulesCommand};

pub fn command(cmd: &RulesCommand, args: &RuleArgs) -> Result<u8, Failure> {
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let mut text = String::new();
    let code = match cmd {
        RulesCommand::List => {
            let (set, _) = load_rules(args, &[])?;
            let width = set.rules.iter().map(|r| r.id.len()).max().unwrap_or(0);
            for r in &set.rules {
                let state = if r.enabled { "" } else { " (disabled)" };
                text.push_str(&format!(
                    "{:width$}  {:28}  {}{state}\n{:width$}  {:28}  {}\n",
                    r.id,
                    r.kind(),
                    r.summary(),
                    "",
                    "",
                    r.source
                ));
                for file in &r.overridden_by {
                    text.push_str(&format!(
                        "{:width$}  {:28}  params overridden by {file}\n",
                        "", ""
                    ));
                }
            }
            0
        }
        RulesCommand::Detectors => {
            for name in chaff::detect::names() {
                let params = chaff::detect::Detector::params_of(name).map_err(Failure::usage)?;
                let shown: Vec<String> = params
                    .iter()
                    .map(|(key, default)| match default {
                        chaff::detect::ParamDefault::Number(n) => format!("{key} ({n})"),
                        chaff::detect::ParamDefault::Flag(b) => format!("{key} ({b})"),
                        chaff::detect::ParamDefault::List => format!("{key} (list)"),
                    })
                    .collect();
                text.push_str(&format!("{name:20}  {}\n", shown.join(", ")));
            }
            0
        }
        RulesCommand::Check { paths } => {
            let (set, files) = load_rules(args, paths)?;
            let n = set
                .rules
                .iter()
                .filter(|r| files.contains(&r.source))
                .count();
            text.push_str(&format!("ok: {n} rules in {} files\n", files.len()));
            0
        }
        RulesCommand::Test { paths } => {
            let (mut set, files) = load_rules(args, paths)?;
            if !paths.is_empty() {
                set.rules.retain(|r| files.contains(&r.source));
            }
            let report = chaff::examples::run(&set);
            for f in &report.failures {
                text.push_str(&format!("{f}\n\n"));
            }
            text.push_str(&format!(
                "{} rules, {} examples: {} passed, {} failed\n",
                report.rules,
                report.examples,
                report.examples - report.failures.len(),
                report.failures.len()
            ));
            u8::from(!report.failures.is_empty())
        }
    };
    write_out(&mut out, text.as_bytes())?;
    out.flush().map_err(write_failure)?;
    Ok(code)
}
