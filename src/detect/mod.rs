//! Built-in detectors: what a phrase or a regex cannot say.
//!
//! A rule file turns a detector on with `detector = "<name>"` and tunes it with `params`.
//! Line detectors judge each input line (and their neighbours); repeat detectors run
//! after the other rules, on what is left, so a copy that differed only by a glued widget
//! label is seen as the copy it is.

mod datelines;
mod icons;
mod links;
mod repeats;
mod timecodes;

use std::borrow::Cow;

use crate::document::Document;

pub use datelines::Datelines;
pub use icons::IconStrings;
pub use links::LinkLines;
pub use repeats::{RepeatedBody, RepeatedParagraphs, RepeatedTitle};
pub use timecodes::Timecodes;

/// A configured detector.
#[derive(Debug, Clone)]
pub enum Detector {
    IconStrings(IconStrings),
    Timecodes(Timecodes),
    Datelines(Datelines),
    LinkLines(LinkLines),
    RepeatedTitle(RepeatedTitle),
    RepeatedParagraphs(RepeatedParagraphs),
    RepeatedBody(RepeatedBody),
}

/// Every detector name, for errors and docs.
pub const NAMES: &[&str] = &[
    "icon-strings",
    "timecodes",
    "datelines",
    "link-lines",
    "repeated-title",
    "repeated-paragraphs",
    "repeated-body",
];

impl Detector {
    /// Build a detector from its name and `params`, rejecting unknown or ill-typed params.
    pub fn new(name: &str, params: &toml::Table) -> Result<Detector, String> {
        let mut p = Params::new(params);
        let d = match name {
            "icon-strings" => Detector::IconStrings(IconStrings::new(&mut p)?),
            "timecodes" => Detector::Timecodes(Timecodes::new(&mut p)?),
            "datelines" => Detector::Datelines(Datelines::new(&mut p)?),
            "link-lines" => Detector::LinkLines(LinkLines::new(&mut p)?),
            "repeated-title" => Detector::RepeatedTitle(RepeatedTitle::new(&mut p)?),
            "repeated-paragraphs" => Detector::RepeatedParagraphs(RepeatedParagraphs::new(&mut p)?),
            "repeated-body" => Detector::RepeatedBody(RepeatedBody::new(&mut p)?),
            other => {
                return Err(format!(
                    "unknown detector `{other}`; the detectors are: {}",
                    NAMES.join(", ")
                ));
            }
        };
        p.finish(name)?;
        Ok(d)
    }

    pub fn name(&self) -> &'static str {
        match self {
            Detector::IconStrings(_) => "icon-strings",
            Detector::Timecodes(_) => "timecodes",
            Detector::Datelines(_) => "datelines",
            Detector::LinkLines(_) => "link-lines",
            Detector::RepeatedTitle(_) => "repeated-title",
            Detector::RepeatedParagraphs(_) => "repeated-paragraphs",
            Detector::RepeatedBody(_) => "repeated-body",
        }
    }

    /// Repeat detectors judge the lines other rules left; line detectors judge the input.
    pub fn on_survivors(&self) -> bool {
        matches!(
            self,
            Detector::RepeatedTitle(_)
                | Detector::RepeatedParagraphs(_)
                | Detector::RepeatedBody(_)
        )
    }

    /// Line detectors: push the indices of the lines to drop.
    pub fn detect_lines(&self, doc: &Document, out: &mut Vec<usize>) {
        match self {
            Detector::IconStrings(d) => d.detect(doc, out),
            Detector::Timecodes(d) => d.detect(doc, out),
            Detector::Datelines(d) => d.detect(doc, out),
            Detector::LinkLines(d) => d.detect(doc, out),
            _ => {}
        }
    }

    /// Repeat detectors: `lines` are the surviving non-blank lines in order, as (line index,
    /// text after cuts). Push the positions in `lines` to drop.
    pub fn detect_survivors(&self, lines: &[(usize, Cow<str>)], out: &mut Vec<usize>) {
        match self {
            Detector::RepeatedTitle(d) => d.detect(lines, out),
            Detector::RepeatedParagraphs(d) => d.detect(lines, out),
            Detector::RepeatedBody(d) => d.detect(lines, out),
            _ => {}
        }
    }
}

/// Detector parameters, read strictly: every key must be used, every value well typed.
pub struct Params<'a> {
    table: &'a toml::Table,
    used: Vec<&'a str>,
}

impl<'a> Params<'a> {
    fn new(table: &'a toml::Table) -> Self {
        Params {
            table,
            used: Vec::new(),
        }
    }

    fn value(&mut self, key: &'static str) -> Option<&'a toml::Value> {
        let (k, v) = self.table.get_key_value(key)?;
        self.used.push(k.as_str());
        Some(v)
    }

    pub fn usize(&mut self, key: &'static str, default: usize) -> Result<usize, String> {
        match self.value(key) {
            None => Ok(default),
            Some(toml::Value::Integer(i)) if *i >= 0 => Ok(*i as usize),
            Some(v) => Err(format!(
                "param `{key}` must be a whole number >= 0, not {v}"
            )),
        }
    }

    pub fn ratio(&mut self, key: &'static str, default: f64) -> Result<f64, String> {
        let v = match self.value(key) {
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

    pub fn words(&mut self, key: &'static str) -> Result<Vec<String>, String> {
        match self.value(key) {
            None => Ok(Vec::new()),
            Some(toml::Value::Array(items)) => items
                .iter()
                .map(|i| match i {
                    toml::Value::String(s) => Ok(s.to_lowercase()),
                    other => Err(format!("param `{key}` must list strings, not {other}")),
                })
                .collect(),
            Some(v) => Err(format!("param `{key}` must be a list of strings, not {v}")),
        }
    }

    fn finish(self, detector: &str) -> Result<(), String> {
        match self.table.keys().find(|k| !self.used.contains(&k.as_str())) {
            Some(k) => Err(format!("detector `{detector}` has no param `{k}`")),
            None => Ok(()),
        }
    }
}

/// Sentence-ending punctuation, in the scripts we support.
pub(crate) fn ends_sentence(s: &str) -> bool {
    s.trim_end()
        .trim_end_matches(['"', '\'', '”', '’', '»', ')'])
        .ends_with(['.', '!', '?', '…', '。', '！', '？', '؟'])
}
