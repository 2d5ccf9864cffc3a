//! Learn a site's own boilerplate from a corpus: lines that recur across many of one
//! site's documents (its navigation, its newsletter box, its footer), written out as a
//! rule file for people to review before use.
//!
//! Lines are compared after normalising case, digits and whitespace, as CCNet does, and
//! counted once per document. A line is learned for a site when it is in at least
//! `min_docs` of the site's documents and `min_share` of them, and
//!
//! - it is not common across sites: a line present on more than `max_sites` sites
//!   ("Thank you.", "Introduction") is prose anybody writes, not one site's furniture;
//! - it stands where boilerplate stands: next to the same neighbour line (or the
//!   document's start or end) in at least `min_anchor` of its documents. Navigation
//!   and footers are fixed runs of lines; a heading that every article of a recipe
//!   site has ("Ingredients") is followed by a different line on every page, and
//!   stays;
//! - it is not one page's headline: a line that opens an article (a paragraph follows
//!   it within [`LEAD_REACH`] lines, past a byline, a date, a share row) on some of its
//!   documents but on fewer than half of them is the headline of one of the site's
//!   articles, which its teaser lists ("Most read", "Recent posts") repeat on every other
//!   page. Learned, it would take the headline off its own article. A menu line that
//!   stands above the article on every page opens it on all of them, and is learned;
//!   so is a teaser list printed right above the article on every page (the headline
//!   among its entries with it: this cannot tell the two apart).
//!
//! Memory is a few dozen bytes per distinct line per site: learn from a sample of a
//! large corpus (a hundred thousand documents find any site's furniture).

use crate::keys::KeyMap;
use std::collections::HashMap;
use std::fmt::Write as _;

use crate::rules::url_host;

/// Thresholds for what is learned.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LearnOptions {
    /// A line must be in at least this many of a site's documents.
    pub min_docs: u32,
    /// ... and in at least this share of them.
    pub min_share: f64,
    /// A line on more than this many sites is never learned.
    pub max_sites: u32,
    /// A line must sit next to the same neighbour (or the document's edge) in at least
    /// this share of its documents.
    pub min_anchor: f64,
}

impl Default for LearnOptions {
    fn default() -> Self {
        LearnOptions {
            min_docs: 5,
            min_share: 0.5,
            max_sites: 3,
            min_anchor: 0.5,
        }
    }
}

/// Counts lines per site as documents come in.
#[derive(Debug, Default)]
pub struct Learner {
    sites: HashMap<String, Site>,
    documents: u64,
    without_url: u64,
}

#[derive(Debug, Default)]
struct Site {
    docs: u32,
    lines: KeyMap<LineCount>,
    /// (line, neighbour) pairs, the neighbour being the line before or after it, or the
    /// document's start or end, keyed by `pair`.
    pairs: KeyMap<Count>,
}

#[derive(Debug, Default)]
struct LineCount {
    count: Count,
    /// The documents in which the line opens an article (see [`LEAD_REACH`]).
    leads: Count,
    /// In how many documents the line sits next to its most frequent neighbour.
    anchored: u32,
    /// The line as first seen, kept once it recurs enough to matter.
    sample: Option<String>,
}

/// Documents counted once each: `last` is the last document that counted.
#[derive(Debug, Default, Clone, Copy)]
struct Count {
    docs: u32,
    last: u32,
}

impl Count {
    fn see(&mut self, doc: u32) -> bool {
        if self.docs > 0 && self.last == doc {
            return false;
        }
        self.docs += 1;
        self.last = doc;
        true
    }
}

/// A site's lines that pass its own thresholds, by key.
type Candidates = Vec<(u64, LearnedLine)>;

const START: u64 = 1;
const END: u64 = 2;

/// A line opens an article when a paragraph follows it within this many lines: a
/// headline over its article, with a byline, a date, a kicker and a share row between.
pub const LEAD_REACH: usize = 6;

/// Letters of a paragraph, for [`LEAD_REACH`]: more than a headline, a menu or a teaser
/// runs to (main-body's prose starts at 200 letters and digits; a lede can be shorter).
const LEAD_PARAGRAPH_LETTERS: usize = 150;

/// Whether a line of `letters` letters is a paragraph, for [`LEAD_REACH`]: its letters
/// weighed as main-body weighs them, so that a Chinese lede of 50 characters is one.
fn is_paragraph(line: &str, letters: usize) -> bool {
    crate::detect::weighted_letters(line, letters) >= LEAD_PARAGRAPH_LETTERS
}

/// What was learned: per site, the lines to drop there.
#[derive(Debug, Clone, PartialEq)]
pub struct Learned {
    pub sites: Vec<LearnedSite>,
    pub documents: u64,
    pub without_url: u64,
    /// Lines that passed a site's thresholds but are on more than `max_sites` sites.
    pub common_lines: usize,
    /// Lines that passed a site's thresholds but open an article on some of its pages
    /// and not on most: a page's headline, repeated by the site's teaser lists.
    pub headlines: usize,
    pub options: LearnOptions,
}

#[derive(Debug, Clone, PartialEq)]
pub struct LearnedSite {
    /// The host, without `www.`.
    pub host: String,
    pub docs: u32,
    pub lines: Vec<LearnedLine>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LearnedLine {
    /// The line as first seen (trimmed).
    pub text: String,
    /// How many of the site's documents hold it.
    pub docs: u32,
    /// In how many of those it sits next to its most frequent neighbour.
    pub anchored: u32,
    /// On how many sites of the corpus it is.
    pub sites: u32,
}

impl Learner {
    pub fn new() -> Self {
        Learner::default()
    }

    /// Count the lines of one document from `url` (a document without one teaches
    /// nothing: its site is unknown).
    pub fn add(&mut self, url: Option<&str>, text: &str, opts: &LearnOptions) {
        self.documents += 1;
        let Some(host) = url.and_then(url_host) else {
            self.without_url += 1;
            return;
        };
        let host = host.strip_prefix("www.").unwrap_or(&host);
        let site = match self.sites.get_mut(host) {
            Some(s) => s,
            None => self.sites.entry(host.to_string()).or_default(),
        };
        let doc = site.docs;
        site.docs += 1;
        let mut norm = String::new();
        // Each line's key, whether it is a paragraph, and its text.
        let lines: Vec<(u64, bool, &str)> = text
            .lines()
            .filter_map(|line| {
                normalise(line, &mut norm).map(|(key, n)| (key, is_paragraph(line, n), line))
            })
            .collect();
        let mut prev = START;
        for (i, &(key, paragraph, line)) in lines.iter().enumerate() {
            let entry = site.lines.entry(key).or_default();
            if entry.count.see(doc) && entry.count.docs >= opts.min_docs && entry.sample.is_none() {
                entry.sample = Some(line.trim().to_string());
            }
            let opens = !paragraph
                && lines[i + 1..]
                    .iter()
                    .take(LEAD_REACH)
                    .any(|&(_, paragraph, _)| paragraph);
            if opens {
                entry.leads.see(doc);
            }
            site.neighbours(key, prev, doc);
            if prev != START {
                site.neighbours(prev, key, doc);
            }
            prev = key;
        }
        if prev != START {
            site.neighbours(prev, END, doc);
        }
    }

    pub fn finish(self, opts: &LearnOptions) -> Learned {
        // Candidates per site, before the cross-site check.
        let mut candidates: Vec<(String, u32, Candidates)> = Vec::new();
        let mut wanted: KeyMap<u32> = KeyMap::default();
        let mut headlines = 0;
        for (host, site) in &self.sites {
            let mut lines = Vec::new();
            for (&key, lc) in &site.lines {
                let docs = lc.count.docs;
                if docs < opts.min_docs || f64::from(docs) < opts.min_share * f64::from(site.docs) {
                    continue;
                }
                let Some(text) = &lc.sample else { continue };
                if lc.leads.docs > 0 && 2 * lc.leads.docs < docs {
                    headlines += 1;
                    continue;
                }
                lines.push((
                    key,
                    LearnedLine {
                        text: text.clone(),
                        docs,
                        anchored: lc.anchored,
                        sites: 0,
                    },
                ));
                wanted.insert(key, 0);
            }
            if !lines.is_empty() {
                candidates.push((host.clone(), site.docs, lines));
            }
        }
        for site in self.sites.values() {
            for key in site.lines.keys() {
                if let Some(n) = wanted.get_mut(key) {
                    *n += 1;
                }
            }
        }

        let mut learned = Learned {
            sites: Vec::new(),
            documents: self.documents,
            without_url: self.without_url,
            common_lines: 0,
            headlines,
            options: *opts,
        };
        for (host, docs, lines) in candidates {
            let mut kept = Vec::new();
            for (key, mut line) in lines {
                line.sites = wanted[&key];
                if line.sites > opts.max_sites {
                    learned.common_lines += 1;
                } else if f64::from(line.anchored) >= opts.min_anchor * f64::from(line.docs) {
                    kept.push(line);
                }
            }
            if kept.is_empty() {
                continue;
            }
            kept.sort_by(|a, b| b.docs.cmp(&a.docs).then_with(|| a.text.cmp(&b.text)));
            learned.sites.push(LearnedSite {
                host,
                docs,
                lines: kept,
            });
        }
        learned.sites.sort_by(|a, b| a.host.cmp(&b.host));
        learned
    }
}

impl Site {
    /// Count `line` next to `neighbour` in `doc`, and keep the line's best pair count.
    fn neighbours(&mut self, line: u64, neighbour: u64, doc: u32) {
        let c = self.pairs.entry(pair(line, neighbour)).or_default();
        if c.see(doc) {
            let docs = c.docs;
            if let Some(l) = self.lines.get_mut(&line) {
                l.anchored = l.anchored.max(docs);
            }
        }
    }
}

fn pair(line: u64, neighbour: u64) -> u64 {
    // A distinct mix so a pair never shares a key with a line (different maps, but
    // one function for both keeps the hashes honest).
    let mut h = line.rotate_left(17) ^ neighbour.wrapping_mul(0x9e37_79b9_7f4a_7c15);
    h ^= h >> 29;
    h.wrapping_mul(0xbf58_476d_1ce4_e5b9)
}

/// The key of a line: FNV-1a over its lowercase form with digit runs as `0` and
/// whitespace runs as one space, and its letters. `None` for lines with fewer than two
/// letters, which say too little to learn (separators, bare numbers).
fn normalise(line: &str, buf: &mut String) -> Option<(u64, usize)> {
    buf.clear();
    let mut letters = 0;
    let (mut in_digits, mut in_space) = (false, true);
    for c in line.chars() {
        if c.is_whitespace() {
            if !in_space {
                buf.push(' ');
            }
            in_space = true;
            in_digits = false;
        } else if c.is_numeric() {
            if !in_digits {
                buf.push('0');
            }
            in_digits = true;
            in_space = false;
        } else {
            letters += usize::from(c.is_alphabetic());
            buf.extend(c.to_lowercase());
            in_digits = false;
            in_space = false;
        }
    }
    if letters < 2 {
        return None;
    }
    let trimmed = buf.trim_end();
    let mut key: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in trimmed.as_bytes() {
        key = (key ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
    }
    // START and END are taken.
    Some((key.max(3), letters))
}

/// The regex for a learned line: its text with digit runs as `\d+` and whitespace runs
/// as `\s+`, everything else literal, for a `(?x)` pattern (so `#` and spaces are
/// escaped).
fn line_regex(line: &str) -> String {
    let mut out = String::new();
    let mut literal = String::new();
    let mut last: Option<&str> = None;
    let flush = |out: &mut String, literal: &mut String| {
        // `regex::escape` escapes `#` too, which `(?x)` would read as a comment.
        out.push_str(&regex::escape(literal));
        literal.clear();
    };
    for c in line.trim().chars() {
        let class = if c.is_whitespace() {
            Some(r"\s+")
        } else if c.is_numeric() {
            Some(r"\d+")
        } else {
            None
        };
        match class {
            Some(cls) => {
                if last != Some(cls) {
                    flush(&mut out, &mut literal);
                    out.push_str(cls);
                }
            }
            None => literal.push(c),
        }
        last = class;
    }
    flush(&mut out, &mut literal);
    out.replace("'''", r"\x27\x27\x27")
}

/// A TOML basic string.
fn toml_str(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

/// A rule id for a host: `learned.` and the host with every run of other characters
/// than ASCII letters and digits as `-`.
fn rule_id(host: &str, taken: &mut HashMap<String, u32>) -> String {
    let mut slug = String::new();
    for c in host.chars() {
        if c.is_ascii_alphanumeric() {
            slug.push(c.to_ascii_lowercase());
        } else if !slug.ends_with('-') {
            slug.push('-');
        }
    }
    let slug = slug.trim_matches('-');
    let n = taken.entry(slug.to_string()).or_insert(0);
    *n += 1;
    if *n == 1 {
        format!("learned.{slug}")
    } else {
        format!("learned.{slug}-{n}")
    }
}

impl Learned {
    pub fn lines(&self) -> usize {
        self.sites.iter().map(|s| s.lines.len()).sum()
    }

    /// The rule file: one rule per site, each learned line in its description with its
    /// counts, and as an example removed on the site and kept elsewhere.
    pub fn to_toml(&self) -> String {
        let o = &self.options;
        let mut out = String::new();
        let _ = writeln!(
            out,
            "# Learned by `chaff learn` from {} documents ({} without a URL) on {} sites\n\
             # (min-docs {}, min-share {}, max-sites {}, min-anchor {}).\n\
             # {} lines on {} sites; {} lines left out for being on more than {} sites, {} as a\n\
             # page's headline (over its article on some pages, in teaser lists on others).\n\
             # Review every line: each rule drops whole lines, on its site only.",
            self.documents,
            self.without_url,
            self.sites.len(),
            o.min_docs,
            o.min_share,
            o.max_sites,
            o.min_anchor,
            self.lines(),
            self.sites.len(),
            self.common_lines,
            o.max_sites,
            self.headlines,
        );
        let mut taken = HashMap::new();
        for site in &self.sites {
            let mut description = format!(
                "Lines that recur on {} ({} documents), learned from the corpus: each is \
                 in N of its documents, next to the same line in A of those, on S sites.\n",
                site.host, site.docs
            );
            for line in &site.lines {
                let _ = writeln!(
                    description,
                    "- {} (N {}, A {}, S {})",
                    toml_str(&line.text),
                    line.docs,
                    line.anchored,
                    line.sites
                );
            }
            let _ = writeln!(out, "\n[[rule]]");
            let _ = writeln!(out, "id = \"{}\"", rule_id(&site.host, &mut taken));
            let _ = writeln!(out, "description = {}", toml_str(&description));
            let _ = writeln!(out, "sites = [{}]", toml_str(&site.host));
            let _ = writeln!(out, "pattern = '''(?x)");
            for (i, line) in site.lines.iter().enumerate() {
                let sep = if i == 0 { " " } else { "|" };
                let _ = writeln!(out, "{sep} {}", line_regex(&line.text));
            }
            let _ = writeln!(out, "'''");
            let _ = writeln!(out, "ignore-case = true");
            let _ = writeln!(out, "action = \"drop-line\"");
            for line in &site.lines {
                let _ = writeln!(out, "\n[[rule.example]]");
                let _ = writeln!(
                    out,
                    "url = {}",
                    toml_str(&format!("https://{}/", site.host))
                );
                let _ = writeln!(out, "input = {}", toml_str(&line.text));
                let _ = writeln!(out, "output = \"\"");
            }
            let other = site.lines.first().expect("a learned site has lines");
            let _ = writeln!(out, "\n[[rule.example]]");
            let _ = writeln!(out, "url = \"https://elsewhere.invalid/\"");
            let _ = writeln!(out, "input = {}", toml_str(&other.text));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalising_folds_case_digits_and_spaces() {
        let mut b = String::new();
        assert_eq!(
            normalise("Page 3 of  12", &mut b).map(|k| k.0),
            normalise(" page 41 of 7 ", &mut b).map(|k| k.0)
        );
        assert_ne!(
            normalise("Page 3 of 12", &mut b).map(|k| k.0),
            normalise("Page 3 or 12", &mut b).map(|k| k.0)
        );
        assert_eq!(normalise("Page 3 of 12", &mut b).map(|k| k.1), Some(6));
        assert_eq!(normalise("12:45", &mut b), None);
        assert_eq!(normalise("• —", &mut b), None);
    }

    /// A teaser list on every page of a site is learned, but for the headline whose
    /// article one of the pages is: over its own article it is the page's title. The
    /// menu line right above every article opens all of them, and is learned.
    #[test]
    fn a_pages_own_headline_is_not_learned_from_the_teaser_lists() {
        let teasers = [
            "Council votes to close the old library",
            "New bus routes start in the spring",
            "Storm closes schools across the county",
        ];
        // Each page's own words (digits would normalise to one line on every page).
        let topics = ["library", "buses", "storm", "budget", "harbour", "market"];
        let lede = |topic: &str| {
            format!(
                "The story of the {topic} opens with a paragraph long enough to be one: the \
                 council met on Tuesday evening and voted, after a debate of three hours, on \
                 the plan that residents had argued about all summer."
            )
        };
        let opts = LearnOptions::default();
        let mut learner = Learner::new();
        for (n, topic) in topics.iter().enumerate() {
            // Page 0 is the first teaser's article; the others have headlines of their own.
            let headline = if n == 0 {
                teasers[0].to_string()
            } else {
                format!("What the {topic} means for the town")
            };
            let text = format!(
                "Home\nNews\nSport\n{headline}\nBy Jane Smith\n{}\nThe end.\n\
                 Most read\n{}\n{}\n{}\nContact us\n",
                lede(topic),
                teasers[0],
                teasers[1],
                teasers[2],
            );
            learner.add(Some("https://news.example.com/a"), &text, &opts);
        }
        let learned = learner.finish(&opts);
        let lines: Vec<&str> = learned.sites[0]
            .lines
            .iter()
            .map(|l| l.text.as_str())
            .collect();
        for line in [
            "Home",
            "Sport",
            "Most read",
            teasers[1],
            teasers[2],
            "Contact us",
        ] {
            assert!(lines.contains(&line), "{line} not learned: {lines:?}");
        }
        assert!(!lines.contains(&teasers[0]), "{lines:?}");
        assert_eq!(learned.headlines, 1);
    }

    /// A lede is a paragraph in any script: 50 Chinese characters weigh what 150
    /// letters do.
    #[test]
    fn a_paragraph_is_weighed_as_main_body_weighs_text() {
        let zh = "市议会周二投票决定关闭旧图书馆，并将其藏书迁往春季开放的新市民中心，该项目此前因钢材成本上涨和与建筑商的纠纷推迟了两年。";
        let mut b = String::new();
        let (_, letters) = normalise(zh, &mut b).unwrap();
        assert!(letters < LEAD_PARAGRAPH_LETTERS);
        assert!(is_paragraph(zh, letters));
        let headline = "Council votes to close the old library";
        let (_, letters) = normalise(headline, &mut b).unwrap();
        assert!(!is_paragraph(headline, letters));
    }

    #[test]
    fn regex_of_a_line() {
        assert_eq!(line_regex("Page 3 of 12"), r"Page\s+\d+\s+of\s+\d+");
        assert_eq!(line_regex("#1 (new)"), r"\#\d+\s+\(new\)");
        let re =
            regex::Regex::new(&format!(r"(?xi)^(?:{})$", line_regex("© 2024 Ex. Co #1"))).unwrap();
        assert!(re.is_match("© 1999  ex. co #22"));
        assert!(!re.is_match("© 1999 exx co #22"));
    }

    #[test]
    fn ids_are_unique() {
        let mut taken = HashMap::new();
        assert_eq!(rule_id("a-b.com", &mut taken), "learned.a-b-com");
        assert_eq!(rule_id("a.b.com", &mut taken), "learned.a-b-com-2");
    }
}
