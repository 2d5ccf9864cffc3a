//! The run summary written by `--stats`.

use std::collections::BTreeMap;
use std::time::Duration;

use chaff::Rule;
use chaff::record::{RecordOutput, RuleCounts};

#[derive(Debug, Default)]
pub struct Stats {
    pub documents: u64,
    pub bytes_in: u64,
    pub bytes_out: u64,
    pub text_bytes_in: u64,
    pub text_bytes_out: u64,
    pub emptied: u64,
    /// Documents where the removal guard held rules back, and how often each rule was.
    pub guarded: u64,
    pub held: BTreeMap<usize, u64>,
    /// Bad records by kind (`not-json`, `missing-field`, ...).
    pub bad: BTreeMap<&'static str, u64>,
    pub bad_written_to_rejects: u64,
    pub bad_kept: u64,
    pub counts: RuleCounts,
}

impl Stats {
    pub fn add_document(&mut self, out: &RecordOutput) {
        self.documents += 1;
        self.text_bytes_in += out.text_bytes_in as u64;
        self.text_bytes_out += out.text_bytes_out as u64;
        self.emptied += u64::from(out.emptied);
        self.guarded += u64::from(!out.held.is_empty());
        for &r in &out.held {
            *self.held.entry(r).or_insert(0) += 1;
        }
        self.counts.add(&out.counts);
    }

    pub fn to_json(&self, rules: &[Rule], wall: Duration) -> String {
        let secs = wall.as_secs_f64();
        let mut per_rule = serde_json::Map::new();
        for (r, bytes) in &self.counts.bytes {
            let mut m = serde_json::Map::new();
            m.insert(
                "lines".into(),
                self.counts.lines.get(r).copied().unwrap_or(0).into(),
            );
            m.insert("bytes".into(), (*bytes).into());
            per_rule.insert(rules[*r].id.clone(), serde_json::Value::Object(m));
        }
        for (r, n) in &self.held {
            let entry = per_rule
                .entry(rules[*r].id.clone())
                .or_insert_with(|| serde_json::json!({"lines": 0, "bytes": 0}));
            if let serde_json::Value::Object(m) = entry {
                m.insert("held_back".into(), (*n).into());
            }
        }
        let bad: serde_json::Map<String, serde_json::Value> = self
            .bad
            .iter()
            .map(|(k, v)| (k.to_string(), (*v).into()))
            .collect();
        let value = serde_json::json!({
            "documents": self.documents,
            "bytes_in": self.bytes_in,
            "bytes_out": self.bytes_out,
            "text_bytes_in": self.text_bytes_in,
            "text_bytes_out": self.text_bytes_out,
            "documents_emptied": self.emptied,
            "documents_guarded": self.guarded,
            "bad_records": self.bad.values().sum::<u64>(),
            "bad_records_by_kind": bad,
            "bad_records_rejected": self.bad_written_to_rejects,
            "bad_records_kept": self.bad_kept,
            "rules": per_rule,
            "wall_seconds": (secs * 1000.0).round() / 1000.0,
            "mb_per_second": if secs > 0.0 { ((self.bytes_in as f64 / secs / 1e6) * 10.0).round() / 10.0 } else { 0.0 },
        });
        serde_json::to_string_pretty(&value).expect("stats serialise") + "\n"
    }
}
