//! `cargo bench`: the cleaner on every corpus document, on a large text, on JSONL
//! records, with growing rule sets, and on adversarial inputs. Every group reports
//! throughput in bytes, so criterion prints MB/s; compare groups within one run.
//!
//! Whole-process figures (reading, writing, threads) are `scripts/bench.sh`'s.

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::Duration;

use chaff::record::{RecordOptions, clean_record};
use chaff::{Cleaner, RuleSet, Source};
use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn corpus() -> Vec<(String, String)> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(root().join("tests/corpus"))
        .expect("tests/corpus exists")
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    paths.sort();
    paths
        .into_iter()
        .map(|p| {
            let name = p.file_stem().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read_to_string(&p).unwrap())
        })
        .collect()
}

/// The corpus documents, round after round, to about `bytes`.
fn large_text(docs: &[(String, String)], bytes: usize) -> String {
    let mut text = String::with_capacity(bytes + 100_000);
    'fill: loop {
        for (_, doc) in docs {
            text.push_str(doc.trim_end());
            text.push_str("\n\n");
            if text.len() >= bytes {
                break 'fill;
            }
        }
    }
    text
}

fn defaults() -> Cleaner {
    Cleaner::new(RuleSet::defaults().expect("the default rules load"))
}

/// A fixed-seed generator, so the extra rules are the same on every run.
struct Lcg(u64);

impl Lcg {
    fn word(&mut self) -> String {
        const SYLLABLES: &[&str] = &[
            "ka", "lo", "mi", "ne", "ru", "sa", "to", "vi", "ze", "pa", "qu", "dre",
        ];
        let mut w = String::new();
        for _ in 0..3 {
            self.0 = self
                .0
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            w.push_str(SYLLABLES[(self.0 >> 33) as usize % SYLLABLES.len()]);
        }
        w
    }
}

/// `literals` rules of one phrase each and `regexes` pattern rules, as a rule file.
fn extra_rules(literals: usize, regexes: usize) -> String {
    let mut rng = Lcg(42);
    let mut file = String::new();
    for n in 0..literals {
        let phrase = format!("{} {} {}", rng.word(), rng.word(), rng.word());
        file.push_str(&format!(
            "[[rule]]\nid = \"bench.literal-{n}\"\ndescription = \"x\"\naction = \"drop-line\"\nphrases = [\"{phrase}\"]\n\n"
        ));
    }
    for n in 0..regexes {
        let (a, b) = (rng.word(), rng.word());
        file.push_str(&format!(
            "[[rule]]\nid = \"bench.regex-{n}\"\ndescription = \"x\"\naction = \"drop-line\"\npattern = '{a}\\s+\\d+\\s+{b}'\n\n"
        ));
    }
    file
}

fn with_extra(literals: usize, regexes: usize) -> Cleaner {
    let mut set = RuleSet::defaults().unwrap();
    set.add_source(&Source {
        name: "bench.toml".into(),
        text: extra_rules(literals, regexes),
    })
    .expect("the generated rules load");
    Cleaner::new(set)
}

fn per_document(c: &mut Criterion) {
    let cleaner = defaults();
    let mut group = c.benchmark_group("corpus");
    group.measurement_time(Duration::from_secs(2));
    group.warm_up_time(Duration::from_millis(500));
    for (name, doc) in corpus() {
        group.throughput(Throughput::Bytes(doc.len() as u64));
        group.bench_with_input(BenchmarkId::from_parameter(&name), &doc, |b, doc| {
            b.iter(|| cleaner.clean(black_box(doc)).text())
        });
    }
    group.finish();
}

fn large(c: &mut Criterion) {
    let cleaner = defaults();
    let docs = corpus();
    let text = large_text(&docs, 8_000_000);
    let mut group = c.benchmark_group("large");
    group.sample_size(10);
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.bench_function("text-8mb", |b| {
        b.iter(|| cleaner.clean(black_box(&text)).text())
    });

    // JSONL: every record parsed, cleaned and written back, as a worker thread does.
    let mut records = Vec::new();
    let mut bytes = 0;
    'fill: loop {
        for (n, (_, doc)) in docs.iter().enumerate() {
            let line = format!(
                "{{\"id\":{n},\"url\":\"https://example.com/{n}\",\"text\":{}}}",
                serde_json::to_string(doc).unwrap()
            );
            bytes += line.len() + 1;
            records.push(line);
            if bytes >= 8_000_000 {
                break 'fill;
            }
        }
    }
    let opts = RecordOptions::new("text");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.bench_function("jsonl-8mb", |b| {
        b.iter(|| {
            for r in &records {
                black_box(clean_record(&cleaner, r.as_bytes(), &opts).unwrap());
            }
        })
    });
    group.finish();
}

fn rule_scaling(c: &mut Criterion) {
    let docs = corpus();
    let text = large_text(&docs, 2_000_000);
    let mut group = c.benchmark_group("rules");
    group.sample_size(10);
    group.throughput(Throughput::Bytes(text.len() as u64));
    for (name, literals, regexes) in [
        ("default", 0, 0),
        ("+100-literals", 100, 0),
        ("+1000-literals", 1000, 0),
        ("+5000-literals", 5000, 0),
        ("+100-regexes", 0, 100),
    ] {
        let cleaner = with_extra(literals, regexes);
        group.bench_function(name, |b| b.iter(|| cleaner.clean(black_box(&text)).text()));
    }
    group.finish();
}

fn adversarial(c: &mut Criterion) {
    let cleaner = defaults();
    let mut group = c.benchmark_group("adversarial");
    group.sample_size(10);
    let one_line = "lorem ipsum dolor sit amet, consectetur adipiscing elit. ".repeat(200_000);
    let words: String = (0..1_000_000)
        .map(|n| ["word\n", "text\n", "share\n", "menu\n"][n % 4])
        .collect();
    let paragraphs = "The council met on Tuesday to discuss the new budget, and after a long \
                      debate it approved the plan by seven votes to two.\n\n"
        .repeat(10_000);
    let long_lines = format!("{}\n", "a".repeat(100_000)).repeat(20);
    for (name, text) in [
        ("single-line-11mb", &one_line),
        ("one-word-lines-1m", &words),
        ("identical-paragraphs-10k", &paragraphs),
        ("long-lines", &long_lines),
    ] {
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_function(name, |b| b.iter(|| cleaner.clean(black_box(text)).text()));
    }
    // A pattern a backtracking engine would take exponential time on.
    let mut set = RuleSet::defaults().unwrap();
    set.add_source(&Source {
        name: "redos.toml".into(),
        text: "[[rule]]\nid = \"bench.redos\"\ndescription = \"x\"\naction = \"drop-line\"\npattern = '(a|aa)*b'\n".into(),
    })
    .unwrap();
    let redos = Cleaner::new(set);
    group.throughput(Throughput::Bytes(long_lines.len() as u64));
    group.bench_function("backtracking-pattern", |b| {
        b.iter(|| redos.clean(black_box(&long_lines)).text())
    });
    group.finish();
}

criterion_group!(benches, per_document, large, rule_scaling, adversarial);
criterion_main!(benches);
