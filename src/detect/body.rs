//! `main-body`: find the article in a page dump and drop the furniture around it.
//!
//! A naive dump of a web page puts the article between a head of menus, logins and
//! breadcrumbs and a tail of newsletter prompts, related-story teasers, tag lists and
//! footer links. No phrase list names them all, but they share a shape that running prose
//! does not: short lines with hardly any stopwords and no sentence end. This detector
//! classes every line left by the other rules by that evidence, as jusText does, and keeps
//! the stretch of the document that holds the most prose, as the body text extraction of
//! Finn, Kushmerick and Smyth (2001) does with tags and words. A line is
//!
//! - **prose**: at least `paragraph-chars` letters and digits, at least `prose-stopwords`
//!   of its words stopwords of the document's language. Scores its letters.
//! - **short prose**: a finished sentence with the stopwords of prose, but shorter. It
//!   scores its letters (half, under `min-chars`) when it belongs to the body: when the
//!   nearest clear line on either side is prose, or when it stands among at least
//!   `group-chars` letters of short prose (a blog written a sentence a line), or when it
//!   follows the body's prose across a post header (name, rank, date) in a page with at
//!   least three of them (the short answers of a forum thread). A long caption the page
//!   repeats under every photo, and a line of nothing visible (a zero-width space where a
//!   photo was), do not part short prose. Alone among furniture it
//!   is a teaser, a caption or a blurb, and scores `-neutral-cost`.
//! - **furniture**: shorter than `min-chars`, fewer than `furniture-stopwords` of its words
//!   stopwords, no sentence end, no number (a menu item, a share button, a tag). Costs
//!   `furniture-cost`, a third of it for the first `furniture-grace` lines of a run, so a
//!   lone label inside an article costs little and a menu of forty links a lot.
//! - **an item**: words with numbers (a date and venue, a quantity and ingredient, a
//!   score): a tenth of its letters, so a list or table holds on to the prose it follows.
//! - **an amount** opening a short line ("1/2 cup milk", "250 g Mehl"): an ingredient or a
//!   packing list's entry, a fifth of `furniture-cost`, so a recipe's list outweighs its
//!   sub-headings. A numbered entry ("3) Azul") is an item too, and a bare URL costs
//!   nothing: menus neither number their entries nor show raw links.
//! - anything else (a heading, a long line of names) scores `-neutral-cost`, or 0 when long.
//!
//! A run of furniture-shaped lines announced by a lead-in ending with a colon ("The
//! following schools will be closed:", "Upcoming screenings:") and closed by prose (or by
//! a finished sentence however full of names: "No word yet from Bedminster, Warren or
//! Manville.") is the text's own list, and scores as items: menus are neither announced
//! nor followed by a paragraph, and a comment form's fields, which a colon also opens,
//! end in no prose.
//!
//! **The headline stays** (`keep-title`): of the `TITLE_REACH` lines above the body, the
//! nearest that reads as a headline (3 to 25 words, no full stop, no breadcrumb
//! separator, shorter than a paragraph) and shares two or more content words with the
//! body's opening is kept, while the byline or dateline between them goes with the
//! furniture. Corpora whose truth leaves the headline out (schema.org's `articleBody`)
//! turn it off.
//!
//! The legal footer (the last copyright line in the document's last third, the trademark
//! and disclaimer paragraphs around it from the first one that speaks of rights, privacy,
//! liability or contact) scores nothing, when a body of prose remains above it: a short
//! article must not lose to the page's legal notices.
//!
//! Both stopword thresholds scale down (to a half at most) when the document's own
//! sentences hold fewer stopwords than English, French or German prose does: Russian,
//! Polish, Turkish or Finnish inflect where others use function words.
//!
//! The body is the run of lines with the highest total score (ties: the longest). Lines
//! before and after it go; everything inside it stays, so a heading, an ingredient list or
//! a results table inside the article is kept whatever it looks like. Another run that
//! scores at least `second-body` times as much (three quarters by default) stays too: an
//! article parted by a photo gallery or an ad block longer than the body's gaps bridge
//! has two such runs, and a run that strong is no sidebar's teaser. A body that holds the
//! legal footer (no prose stands apart from it: the article is all short lines) means
//! the detector cannot tell the article here, and it acts on nothing.
//!
//! The detector acts on page dumps only, and stays out of the way when it cannot judge:
//!
//! - what lies outside the body must hold a run of at least `page-dump-run` furniture lines
//!   (a menu, a footer). An extractor's output or a hand-written document has none, and the
//!   short lines at its edges are its own (a list closing a recipe, a sign-off);
//! - the body must hold at least `min-body-chars` (a poem, a list, a table, a short note:
//!   nothing there is prose around which furniture could be told);
//! - the document's language must have a stoplist: it is the one whose common function
//!   words the longer lines use most. Built in: ar, cs, da, de, el, en, es, fa, fi, fr, hi,
//!   hu, id, it, ja, nb, nl, pl, pt, ro, ru, sv, tr, uk, vi, zh; `languages` limits them,
//!   `extra-stopwords` adds words to a list or a list for another language.

use std::sync::Arc;

use super::stopwords::{Stoplists, TokenKind, tokens};
use super::{Params, Survivor, ends_sentence, has_time, has_year, is_alphanumeric};
use crate::document::Document;
use crate::memo::Origins;

#[derive(Debug, Clone)]
pub struct MainBody {
    lists: Arc<Stoplists>,
    min_chars: usize,
    paragraph_chars: usize,
    group_chars: i64,
    prose_stopwords: f64,
    furniture_stopwords: f64,
    furniture_cost: i64,
    furniture_grace: usize,
    neutral_cost: i64,
    dump_run: usize,
    min_body_chars: i64,
    second_body: f64,
    keep_title: bool,
}

/// Letters sampled from the document's longer lines to tell its language.
const SAMPLE_CHARS: usize = 4000;
/// Lines shorter than this are not sampled: menus would only add noise.
const SAMPLE_MIN_LINE: usize = 30;

impl MainBody {
    pub(super) fn new(p: &mut Params) -> Result<Self, String> {
        let languages = p.words("languages")?;
        let extra = p.word_lists("extra-stopwords")?;
        Ok(MainBody {
            lists: Arc::new(Stoplists::new(&languages, &extra)?),
            min_chars: p.usize("min-chars", 70)?,
            paragraph_chars: p.usize("paragraph-chars", 200)?,
            group_chars: p.usize("group-chars", 250)? as i64,
            prose_stopwords: p.ratio("prose-stopwords", 0.30)?,
            furniture_stopwords: p.ratio("furniture-stopwords", 0.15)?,
            furniture_cost: p.usize("furniture-cost", 30)? as i64,
            furniture_grace: p.usize("furniture-grace", 2)?,
            neutral_cost: p.usize("neutral-cost", 2)? as i64,
            dump_run: p.usize("page-dump-run", 4)?.max(1),
            min_body_chars: p.usize("min-body-chars", 200)? as i64,
            second_body: p.ratio("second-body", 0.75)?,
            keep_title: p.flag("keep-title", true)?,
        })
    }

    pub(super) fn detect(
        &self,
        doc: &Document,
        lines: &[Survivor],
        origins: &Origins,
        memo: &mut FeaturesMemo,
        out: &mut Vec<usize>,
    ) {
        // Furniture lines are short: without a run of short lines there is no page dump,
        // and no need to read the words.
        let short_run = lines
            .split(|l| l.chars >= self.min_chars)
            .any(|run| run.len() >= self.dump_run);
        if !short_run {
            return;
        }
        let Some(lang) = self.language(lines) else {
            return;
        };
        // Short lines the other rules took (a share row, "Previous Post / Next Post", a
        // newsletter box) were furniture where they stood: they part the body from what
        // follows as they did before they went. Long ones (a paragraph printed twice)
        // were not furniture.
        let taken: Vec<usize> = (0..lines.len())
            .map(|i| match i {
                0 => 0,
                _ => (lines[i - 1].line + 1..lines[i].line)
                    .filter(|&k| {
                        !doc.lines[k].blank
                            && doc
                                .line(k)
                                .chars()
                                .filter(|&c| is_alphanumeric(c))
                                .nth(self.min_chars)
                                .is_none()
                    })
                    .count(),
            })
            .collect();
        let gaps: Vec<i64> = taken
            .iter()
            .map(|&n| -(n.min(self.furniture_grace + 1) as i64) * self.furniture_cost / 3)
            .collect();
        // A run of taken lines parts short prose as a run of furniture does.
        let parted: Vec<bool> = taken.iter().map(|&n| n >= 2).collect();
        // Each line's input line, where its words are kept from pass to pass.
        let origin = |line: &Survivor| {
            line.is_whole()
                .then(|| origins.get(doc, line.line))
                .flatten()
        };
        let (classes, mut scores) = self.scores(lines, lang, &parted, &origin, memo);
        // The legal notices and the contact paragraph around the copyright line are
        // prose, often more of it than a short article has: they score nothing, when a
        // body of prose remains before them.
        let footer = legal_footer(lines, &classes);
        if let Some((from, to)) = footer {
            let mut without = scores.clone();
            for s in &mut without[from..=to] {
                *s = (*s).min(0);
            }
            if best_body(&without, &gaps)
                .is_some_and(|(_, end, total)| end < from && total >= self.min_body_chars)
            {
                scores = without;
            }
        }
        let Some((start, end, total)) = best_body(&scores, &gaps) else {
            return;
        };
        // A body that holds the legal footer, when no body of prose stands apart from it,
        // is the page's small print, not its article (which, made of short lines, this
        // detector cannot tell from the menus): act on nothing rather than on that.
        if footer.is_some_and(|(from, to)| start <= to && end >= from) {
            return;
        }
        if total < self.min_body_chars {
            return;
        }
        if longest_outside_run(&classes, start, end) < self.dump_run {
            return;
        }
        let title = self
            .keep_title
            .then(|| self.title(lines, lang, start))
            .flatten();
        let mut keep = vec![false; lines.len()];
        keep[start..=end].fill(true);
        if let Some(t) = title {
            keep[t] = true;
        }
        self.keep_second_bodies(&scores, &gaps, (start, end, total), &mut keep);
        out.extend((0..lines.len()).filter(|&i| !keep[i]));
    }

    /// Marks in `keep` every other stretch of the document that scores at least
    /// `second-body` times the body's total (and `min-body-chars`): the article's second
    /// half under a photo gallery or an ad block of many lines, which parts it from the
    /// first, is no furniture, and neither is anything that strong. Searched on both sides
    /// of each stretch found, as the body was.
    fn keep_second_bodies(
        &self,
        scores: &[i64],
        gaps: &[i64],
        (start, end, total): (usize, usize, i64),
        keep: &mut [bool],
    ) {
        if self.second_body <= 0.0 {
            return;
        }
        let floor = self
            .min_body_chars
            .max((total as f64 * self.second_body).ceil() as i64);
        let mut parts = vec![(0, start), (end + 1, scores.len())];
        while let Some((from, to)) = parts.pop() {
            if from >= to {
                continue;
            }
            if let Some((s, e, t)) = best_body(&scores[from..to], &gaps[from..to])
                && t >= floor
            {
                keep[from + s..=from + e].fill(true);
                parts.push((from, from + s));
                parts.push((from + e + 1, to));
            }
        }
    }

    /// The article's headline above the body, if there is one: the nearest of the
    /// `TITLE_REACH` lines above it that reads as a headline (a few words, no full stop,
    /// not a paragraph) and shares at least `TITLE_SHARED_WORDS` of its content words
    /// (not stopwords, `TITLE_MIN_WORD` letters or more) with the body's opening. A
    /// byline, a dateline or a kicker may stand between them. Menus, section labels and
    /// teasers for other stories do not repeat the lede's words.
    fn title(&self, lines: &[Survivor], lang: usize, start: usize) -> Option<usize> {
        // Cheap tests of shape first: most pages have no candidate left by them, and the
        // lede is only read when one is.
        let looks_like = |i: &usize| {
            let text = lines[*i].text.trim();
            (TITLE_WORDS.0..=TITLE_WORDS.1).contains(&text.split_whitespace().count())
                && lines[*i].chars < self.paragraph_chars
                && !text.ends_with('.')
                // A breadcrumb trail or a site name joined to the section is not a headline.
                && !text.contains(['|', '>', '»', '›'])
        };
        let mut candidates = (start.saturating_sub(TITLE_REACH)..start)
            .rev()
            .filter(looks_like)
            .peekable();
        candidates.peek()?;
        let mut opening = String::new();
        for line in &lines[start..] {
            opening.push_str(&line.text.to_lowercase());
            opening.push(' ');
            if opening.len() >= TITLE_OPENING_BYTES {
                break;
            }
        }
        let bit = 1u32 << lang;
        let mut scratch = String::new();
        candidates.find(|&i| {
            let text = lines[i].text.to_lowercase();
            let mut shared: Vec<&str> = tokens(&text)
                .filter(|t| matches!(t.kind, TokenKind::Word | TokenKind::Capitalised))
                .map(|t| t.text)
                .filter(|w| w.chars().count() >= TITLE_MIN_WORD)
                .filter(|w| has_word(&opening, w))
                .filter(|w| self.lists.mask(w, &mut scratch) & bit == 0)
                .collect();
            shared.sort_unstable();
            shared.dedup();
            shared.len() >= TITLE_SHARED_WORDS
        })
    }

    /// The bit of the language whose stopwords the longer lines use most, if any.
    fn language(&self, lines: &[Survivor]) -> Option<usize> {
        let mut hits = vec![0usize; self.lists.len()];
        let mut sampled = 0;
        let mut scratch = String::new();
        for line in lines.iter().filter(|l| l.chars >= SAMPLE_MIN_LINE) {
            for token in tokens(&line.text) {
                let mut mask = self.lists.masks(token.text, &mut scratch).1;
                while mask != 0 {
                    hits[mask.trailing_zeros() as usize] += 1;
                    mask &= mask - 1;
                }
            }
            sampled += line.chars;
            if sampled >= SAMPLE_CHARS {
                break;
            }
        }
        let (bit, &n) = hits
            .iter()
            .enumerate()
            .max_by_key(|&(bit, n)| (n, usize::MAX - bit))?;
        (n > 0).then_some(bit)
    }

    /// Each line's class, and its score: positive for prose, negative for furniture.
    fn scores(
        &self,
        lines: &[Survivor],
        lang: usize,
        parted: &[bool],
        origin: &dyn Fn(&Survivor) -> Option<usize>,
        memo: &mut FeaturesMemo,
    ) -> (Vec<Class>, Vec<i64>) {
        let bit = 1u32 << lang;
        let mut scratch = String::new();
        let mut read =
            |text: &str| Features::of(text, |w| self.lists.mask(w, &mut scratch) & bit != 0);
        let features: Vec<Features> = lines
            .iter()
            .map(|line| match origin(line) {
                Some(i) => memo.get(i, lang, || read(&line.text)),
                None => read(&line.text),
            })
            .collect();
        let scale = density_scale(lines, &features);
        let mut classes: Vec<(Class, i64)> = lines
            .iter()
            .zip(&features)
            .map(|(line, f)| (self.classify(f, &line.text, scale), f.weight as i64))
            .collect();
        introduced_lists(lines, &features, parted, &mut classes);
        let headers: Vec<Header> = lines
            .iter()
            .zip(&features)
            .map(|(line, f)| Header::of(f, &line.text))
            .collect();
        let transparent = transparent_long_lines(lines, &classes);
        let mut adopted = adopted(&classes, &transparent, parted, self.group_chars);
        adopt_posts(&classes, &headers, &mut adopted);
        let mut run = 0;
        let scores = (0..classes.len())
            .map(|i| {
                let (class, weight) = classes[i];
                if class != Class::Furniture {
                    run = 0;
                }
                match class {
                    Class::Prose => weight,
                    // A line of prose shorter than a paragraph is the body's when prose is
                    // its nearest clear neighbour; alone among furniture it is a teaser,
                    // a caption or a blurb.
                    Class::NearProse | Class::Sentence if adopted[i] => {
                        if class == Class::Sentence {
                            weight / 2
                        } else {
                            weight
                        }
                    }
                    Class::Furniture => {
                        run += 1;
                        if run <= self.furniture_grace {
                            -self.furniture_cost / 3
                        } else {
                            -self.furniture_cost
                        }
                    }
                    Class::Neutral | Class::NearProse | Class::Sentence => -self.neutral_cost,
                    // Lists and tables hold on to the prose they follow: a tour's dates, a
                    // recipe's quantities.
                    Class::Item => weight / 10,
                    Class::Quantity => (weight / 10).max(self.furniture_cost / 5),
                    _ => 0,
                }
            })
            .collect();
        (classes.into_iter().map(|(c, _)| c).collect(), scores)
    }

    fn classify(&self, f: &Features, text: &str, scale: f64) -> Class {
        // A row of a table as extractors write them (`| DL | Garrett | 57 |`, `|---|---|`).
        let row = text.trim();
        if row.len() > 2 && row.starts_with('|') && row.ends_with('|') {
            return Class::Item;
        }
        // A bare link is a list's or a story's, not a menu's: menus show words.
        if !row.contains(' ') && (row.starts_with("http://") || row.starts_with("https://")) {
            return Class::Link;
        }
        // Menus do not number their entries; an article's lists do ("1) Azul", "2. Wingspan").
        if numbered(row) {
            return Class::Item;
        }
        if f.words == 0 {
            // Nothing visible (a zero-width space left where a photo was) is a blank line;
            // symbols only are a divider or an icon row.
            if text.chars().all(|c| c.is_whitespace() || is_invisible(c)) {
                return Class::Neutral;
            }
            return if f.weight == 0 {
                Class::Furniture
            } else {
                Class::Neutral
            };
        }
        let density = f.density();
        let sentence = ends_sentence(text);
        if density >= self.prose_stopwords * scale {
            if f.weight >= self.paragraph_chars {
                return Class::Prose;
            }
            // Short of a paragraph, only a finished sentence counts: a teaser or a
            // headline of the same length usually ends without a stop.
            if sentence {
                return if f.weight >= self.min_chars {
                    Class::NearProse
                } else {
                    Class::Sentence
                };
            }
        }
        if f.weight >= self.min_chars {
            return Class::LowProse;
        }
        // A number marks a list item, a table row or a date, rarely a menu.
        if density < self.furniture_stopwords * scale && !sentence && f.numbers == 0 {
            return Class::Furniture;
        }
        if f.numbers > 0 && f.words >= 4 && f.weight >= 20 {
            return Class::Item;
        }
        // A quantity and what it measures: "1/2 cup milk", "2 eggs", "250 g Mehl".
        if (2..=8).contains(&f.words) && f.numbers < f.words && !sentence && quantity(row) {
            return Class::Quantity;
        }
        Class::Neutral
    }
}

/// "All rights reserved", in the languages we support.
const RIGHTS_RESERVED: &[&str] = &[
    "all rights reserved",
    "alle rechte vorbehalten",
    "tous droits réservés",
    "todos los derechos reservados",
    "tutti i diritti riservati",
    "todos os direitos reservados",
    "alle rechten voorbehouden",
    "wszelkie prawa zastrzeżone",
    "все права защищены",
    "tüm hakları saklıdır",
    "جميع الحقوق محفوظة",
    "版权所有",
    "版權所有",
];

/// What a site's legal notices and contact paragraph say, in the languages we support:
/// rights, trademarks, liability, privacy, how to reach the company.
const LEGAL: &[&str] = &[
    // en
    "rights reserved",
    "trademark",
    "copyright",
    "terms of use",
    "terms of service",
    "privacy",
    "cookie",
    "disclaimer",
    "liability",
    "liable",
    "not responsible",
    "affiliate",
    "commission",
    "medical advice",
    "information provided",
    "this website",
    "this site",
    "our site",
    "our website",
    "customer service",
    "contact us",
    "e-mail",
    "telephone",
    "fax",
    "without permission",
    "written permission",
    "reproduc",
    "not been evaluated",
    "consult your",
    // de
    "impressum",
    "haftung",
    "datenschutz",
    "nutzungsbedingungen",
    "alle rechte",
    "genehmigung",
    "kontakt",
    "telefon",
    "marken",
    // fr
    "droits réservés",
    "mentions légales",
    "confidentialité",
    "responsabilité",
    "marque",
    "contactez",
    "téléphone",
    // es
    "derechos reservados",
    "aviso legal",
    "privacidad",
    "responsabilidad",
    "reproducción",
    "contacto",
    "teléfono",
    // it
    "diritti riservati",
    "note legali",
    "riproduzione",
    "responsabilità",
    "marchi",
    "contatti",
    "telefono",
    "p.iva",
    "partita iva",
    // pt
    "direitos reservados",
    "reprodução",
    "responsabilidade",
    "contato",
    "telefone",
    "cnpj",
    // nl
    "rechten voorbehouden",
    "aansprakelijk",
    "handelsmerk",
    "telefoon",
    // pl
    "prawa zastrzeżone",
    "kopiowanie",
    "odpowiedzialnoś",
    "znak towarowy",
    "telefon",
    // ru
    "права защищены",
    "перепечатка",
    "ответственност",
    "товарный знак",
    "телефон",
    "контакт",
    // tr
    "hakları saklıdır",
    "sorumluluk",
    "iletişim",
    // ar
    "الحقوق محفوظة",
    "اتصل بنا",
    "الخصوصية",
    // zh
    "版权",
    "版權",
    "联系",
    "电话",
    "免责",
    "隐私",
];

static LEGAL_WORDS: std::sync::LazyLock<aho_corasick::AhoCorasick> =
    std::sync::LazyLock::new(|| {
        aho_corasick::AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .build(LEGAL)
            .expect("a valid automaton")
    });

/// A line that speaks as a site's legal footer or contact box does.
fn legal(text: &str) -> bool {
    LEGAL_WORDS.is_match(text) || copyright(text) || text.contains('@')
}

/// A site's copyright line: "© 2019 Jpost Inc. All rights reserved", "Copyright 2019".
fn copyright(text: &str) -> bool {
    if text.len() > 400 {
        return false;
    }
    if text.is_ascii() {
        // Lowercasing ASCII is ASCII's case folding: one automaton, no allocation.
        let mut marks = COPYRIGHT_ASCII.find_overlapping_iter(text);
        return marks.any(|m| m.pattern().as_usize() >= COPYRIGHT_MARKS.len() || has_year(text));
    }
    let lower = text.to_lowercase();
    ((lower.contains('©') || COPYRIGHT_MARKS.iter().any(|m| lower.contains(m))) && has_year(&lower))
        || RIGHTS_RESERVED.iter().any(|r| lower.contains(r))
}

/// What marks a copyright line, beside `©`; with a year.
const COPYRIGHT_MARKS: &[&str] = &["(c)", "copyright"];

/// [`COPYRIGHT_MARKS`], then the ASCII phrases of [`RIGHTS_RESERVED`], ignoring ASCII
/// case: [`copyright`] on ASCII text.
static COPYRIGHT_ASCII: std::sync::LazyLock<aho_corasick::AhoCorasick> =
    std::sync::LazyLock::new(|| {
        let phrases = RIGHTS_RESERVED.iter().filter(|p| p.is_ascii());
        aho_corasick::AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .build(COPYRIGHT_MARKS.iter().chain(phrases))
            .expect("a valid automaton")
    });

/// The page's legal footer: the last copyright line in the last third of the document
/// and the lines around it up to the nearest furniture line on either side (a disclaimer,
/// the customer service's hours, a trademark notice), with no prose after them.
fn legal_footer(lines: &[Survivor], classes: &[Class]) -> Option<(usize, usize)> {
    let tail = lines.len() - lines.len() / 3;
    let c = (tail..lines.len())
        .rev()
        .find(|&k| copyright(&lines[k].text))?;
    // Above the copyright line, the footer starts at the first paragraph that speaks as
    // one: on a plain blog the article's last paragraphs stand right above it.
    let top = (0..c)
        .rev()
        .take_while(|&k| classes[k] != Class::Furniture)
        .last()
        .unwrap_or(c);
    let from = (top..c).find(|&k| legal(&lines[k].text)).unwrap_or(c);
    let to = (c + 1..lines.len())
        .take_while(|&k| classes[k] != Class::Furniture)
        .last()
        .unwrap_or(c);
    if classes[to + 1..]
        .iter()
        .any(|c| matches!(c, Class::Prose | Class::NearProse))
    {
        return None;
    }
    Some((from, to))
}

/// The fraction characters an amount may be written with.
const FRACTIONS: &[char] = &['½', '¼', '¾', '⅓', '⅔'];

/// A line that opens with an amount: `2 eggs`, `1/2 cup`, `½ tsp`, `250 g`, `1.5 kg`.
fn quantity(text: &str) -> bool {
    let first = text.split_whitespace().next().unwrap_or("");
    let amount = first.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    // A unit glued to the amount ("250g", "2tbsp"), not a relative time ("12H ago").
    if !matches!(
        &first[amount.len()..],
        "" | "g"
            | "kg"
            | "mg"
            | "ml"
            | "l"
            | "cl"
            | "dl"
            | "oz"
            | "lb"
            | "lbs"
            | "cm"
            | "mm"
            | "m"
            | "tsp"
            | "tbsp"
            | "x"
    ) {
        return false;
    }
    !amount.is_empty()
        && amount.len() <= 7
        && amount
            .chars()
            .all(|c| c.is_ascii_digit() || FRACTIONS.contains(&c) || matches!(c, '/' | '.' | ',' | '-'))
        && amount.chars().next().is_some_and(|c| c.is_ascii_digit() || FRACTIONS.contains(&c))
        // Not a date or a time stamp ("20 Nov 2019, 9:42am", "1 hour ago").
        && !has_year(text)
        && !has_time(text)
        && !text.split_whitespace().nth(1).is_some_and(|unit| {
            let unit = unit.trim_end_matches(['s', '.', ',']).to_ascii_lowercase();
            matches!(
                unit.as_str(),
                "sec" | "second" | "min" | "minute" | "hour" | "hr" | "h" | "day" | "week"
                    | "month" | "year" | "yr"
            )
        })
}

/// The article or pronoun elided before an apostrophe, as French, Italian and Catalan
/// write it: `l` of "l'Assemblée", `dell` of "dell'anno", `qu` of "qu'il". The stoplists
/// hold these stems, and without them French prose reads as a list of names.
fn elided(token: &str) -> Option<&str> {
    let (head, rest) = token.split_once(['\'', '’'])?;
    (!head.is_empty() && head.chars().count() <= 4 && !rest.is_empty()).then_some(head)
}

/// `1) `, `12. `: the marker of a numbered list item.
fn numbered(text: &str) -> bool {
    let digits = text.bytes().take_while(u8::is_ascii_digit).count();
    (1..=3).contains(&digits)
        && matches!(text.as_bytes().get(digits), Some(b'.' | b')'))
        && text.as_bytes().get(digits + 1) == Some(&b' ')
}

/// Characters that print nothing: zero-width spaces and joiners, the word joiner, the
/// byte-order mark.
fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}'
    )
}

/// Stopword share of the sentences of English, French or German prose, read with our
/// function-word lists.
const REFERENCE_DENSITY: f64 = 0.42;

/// How far the stopword thresholds scale for this document's language: languages that
/// inflect rather than use function words (Russian, Polish, Turkish, Finnish, Arabic)
/// have fewer of them in every sentence, and their prose must not read as a list. The
/// document's own sentences tell: the median stopword share of its long lines that end a
/// sentence, against the share in English, French or German prose. Never above 1, never
/// below a half; 1 with fewer than two sentences to tell.
fn density_scale(lines: &[Survivor], features: &[Features]) -> f64 {
    let mut densities: Vec<f64> = lines
        .iter()
        .zip(features)
        .filter(|(line, f)| f.weight >= 100 && ends_sentence(&line.text))
        .map(|(_, f)| f.density())
        .collect();
    if densities.len() < 2 {
        return 1.0;
    }
    densities.sort_by(f64::total_cmp);
    let median = densities[densities.len() / 2];
    (median / REFERENCE_DENSITY).clamp(0.5, 1.0)
}

/// What a line looks like, before its neighbours are taken into account.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Class {
    /// A paragraph: long, with the stopwords of prose.
    Prose,
    /// Prose shorter than a paragraph.
    NearProse,
    /// A short line of prose ending a sentence.
    Sentence,
    /// Long but with few stopwords: a list of names, a caption of keywords.
    LowProse,
    /// Short, few stopwords, no sentence end, not a number: a menu item, a label.
    Furniture,
    /// A line of a list or table: numbers among words (a date and venue, a quantity and
    /// ingredient, a score), or a table row between bars.
    Item,
    /// Anything else: a heading, a list item, a table row, a poem's line.
    Neutral,
    /// A bare URL: a list's link or a story's source. Costs nothing and parts nothing.
    Link,
    /// An amount and what it measures: an ingredient, a packing list's entry. Menus do not
    /// count; it outweighs the sub-headings of its list ("Tuesday: egg muffins").
    Quantity,
}

/// Fewest copies of a long line without prose that make it a repeated caption.
const CAPTION_COPIES: usize = 3;

/// For each line, whether it is a long line with few stopwords that does not part the
/// prose around it: a caption the document repeats at least `CAPTION_COPIES` times (a
/// photo story's, under each photo), or one that ends a sentence (a results summary
/// dense with names and numbers is the article's, not a list's).
fn transparent_long_lines(lines: &[Survivor], classes: &[(Class, i64)]) -> Vec<bool> {
    let mut counts: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    for (line, (class, _)) in lines.iter().zip(classes) {
        if *class == Class::LowProse {
            *counts.entry(line.text.trim()).or_default() += 1;
        }
    }
    lines
        .iter()
        .zip(classes)
        .map(|(line, (class, _))| {
            *class == Class::LowProse
                && (counts[line.text.trim()] >= CAPTION_COPIES || ends_sentence(&line.text))
        })
        .collect()
}

/// For each line, whether it belongs to the body's prose: a paragraph, or shorter prose
/// that has a paragraph for its nearest clear neighbour (skipping neutral lines and other
/// short prose) or stands among enough short prose to make a body of its own (a blog
/// written a sentence a line). Alone among furniture, short prose is a teaser, a caption
/// or a blurb.
fn adopted(
    classes: &[(Class, i64)],
    transparent: &[bool],
    parted: &[bool],
    group_chars: i64,
) -> Vec<bool> {
    // A lone furniture line (a photo credit, a commenter's name) does not part prose; a
    // run of them does.
    let clear: Vec<bool> = (0..classes.len())
        .map(|i| match classes[i].0 {
            Class::Prose => true,
            // The same long caption under every photo of a photo story is the story's
            // separator, not a list that parts it.
            Class::LowProse => !transparent[i],
            Class::Furniture => {
                let furniture =
                    |k: usize| classes.get(k).is_some_and(|(c, _)| *c == Class::Furniture);
                (i > 0 && furniture(i - 1)) || furniture(i + 1)
            }
            _ => false,
        })
        .collect();
    let mut out: Vec<bool> = classes.iter().map(|(c, _)| *c == Class::Prose).collect();
    let mut i = 0;
    while i < classes.len() {
        if clear[i] {
            i += 1;
            continue;
        }
        // A run of lines the other rules took parts prose as a run of furniture does.
        let end = (i..classes.len())
            .find(|&k| clear[k] || (k > i && parted[k]))
            .unwrap_or(classes.len());
        // Only prose next to prose adds up: a teaser alone between its headline and its
        // time stamp, card after card, is not a body.
        let prose = |k: usize| {
            classes.get(k).is_some_and(|(c, _)| {
                matches!(c, Class::Prose | Class::NearProse | Class::Sentence)
            })
        };
        let mass: i64 = (i..end)
            .filter(|&k| matches!(classes[k].0, Class::NearProse | Class::Sentence))
            .filter(|&k| {
                (k > 0 && !parted[k] && prose(k - 1))
                    || (prose(k + 1) && !parted.get(k + 1).is_some_and(|p| *p))
            })
            .map(|k| classes[k].1)
            .sum();
        let by_prose = (i > 0 && !parted[i] && classes[i - 1].0 == Class::Prose)
            || (end < classes.len() && !parted[end] && classes[end].0 == Class::Prose);
        if by_prose || mass >= group_chars {
            for k in i..end {
                out[k] = matches!(classes[k].0, Class::NearProse | Class::Sentence);
            }
        }
        i = end;
    }
    out
}

/// How a line may serve in a post's header on a forum or a comment list: the poster's name
/// and rank (a few words, no sentence end), and the post's date or time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Header {
    No,
    Label,
    Stamp,
}

/// Most lines a post header takes: name, rank, date, post number.
const MAX_HEADER_LINES: usize = 5;
/// Fewest post headers that make a thread.
const MIN_POSTS: usize = 3;

impl Header {
    fn of(f: &Features, text: &str) -> Header {
        if f.words == 0 || f.words > 6 || ends_sentence(text) {
            return Header::No;
        }
        if f.numbers > 0 && (has_year(text) || has_time(text)) {
            Header::Stamp
        } else if f.words <= 3 {
            Header::Label
        } else {
            Header::No
        }
    }
}

/// Adopt short prose that follows the body's prose across a post header: a forum thread or
/// a list of answers is short posts under name-and-date headers, and each post belongs to
/// the body as much as the first. Only a header with a date or time counts, so a teaser's
/// blurb under its headline, or a caption under a credit, stays unadopted. Run both ways:
/// the long post may come last.
fn adopt_posts(classes: &[(Class, i64)], headers: &[Header], adopted: &mut [bool]) {
    let short = |k: usize| matches!(classes[k].0, Class::NearProse | Class::Sentence);
    let prose = |k: usize| classes[k].0 == Class::Prose || short(k);
    // A thread has posts: at least three headers between lines of prose. One or two are
    // an article's byline and date over its standfirst, which the body must not take.
    let mut posts = 0;
    let mut k = 0;
    while k < classes.len() {
        let run = headers[k..]
            .iter()
            .take_while(|h| **h != Header::No)
            .count();
        if run > 0
            && run <= MAX_HEADER_LINES
            && k > 0
            && prose(k - 1)
            && k + run < classes.len()
            && prose(k + run)
            && headers[k..k + run].contains(&Header::Stamp)
        {
            posts += 1;
        }
        k += run.max(1);
    }
    if posts < MIN_POSTS {
        return;
    }
    let body = |k: usize, adopted: &[bool]| classes[k].0 == Class::Prose || adopted[k];
    let mut walk = |order: &mut dyn Iterator<Item = usize>| {
        let mut last_body = false;
        let mut gap = 0usize;
        let mut stamp = false;
        for k in order {
            if body(k, adopted) {
                (last_body, gap, stamp) = (true, 0, false);
            } else if short(k) && last_body && (gap == 0 || stamp) {
                adopted[k] = true;
                (gap, stamp) = (0, false);
            } else if headers[k] != Header::No && gap < MAX_HEADER_LINES {
                gap += 1;
                stamp |= headers[k] == Header::Stamp;
            } else {
                last_body = false;
            }
        }
    };
    walk(&mut (0..classes.len()));
    walk(&mut (0..classes.len()).rev());
}

/// Each input line's [`Features`] in the document's language, kept from pass to pass
/// (see `crate::memo`): filled as lines are first read, allocated on the first, 20 bytes
/// a line.
#[derive(Debug, Default)]
pub struct FeaturesMemo {
    lines: usize,
    features: Vec<Packed>,
}

/// [`Features`] and the language they were read for; `lang` [`u32::MAX`] when unread.
#[derive(Debug, Clone, Copy)]
struct Packed {
    lang: u32,
    words: u32,
    stops: u32,
    numbers: u32,
    weight: u32,
}

const UNREAD: Packed = Packed {
    lang: u32::MAX,
    words: 0,
    stops: 0,
    numbers: 0,
    weight: 0,
};

impl FeaturesMemo {
    pub fn new(lines: usize) -> FeaturesMemo {
        FeaturesMemo {
            lines,
            features: Vec::new(),
        }
    }

    /// Input line `i`'s features for language `lang`, read by `read` the first time.
    fn get(&mut self, i: usize, lang: usize, read: impl FnOnce() -> Features) -> Features {
        if self.features.is_empty() {
            self.features.resize(self.lines, UNREAD);
        }
        let p = self.features[i];
        if p.lang as usize == lang {
            return Features {
                words: p.words as usize,
                stops: p.stops as usize,
                numbers: p.numbers as usize,
                weight: p.weight as usize,
            };
        }
        let f = read();
        let packed = (|| {
            Some(Packed {
                lang: u32::try_from(lang).ok()?,
                words: u32::try_from(f.words).ok()?,
                stops: u32::try_from(f.stops).ok()?,
                numbers: u32::try_from(f.numbers).ok()?,
                weight: u32::try_from(f.weight).ok()?,
            })
        })();
        // A line too long to pack is read again each pass.
        self.features[i] = packed.unwrap_or(UNREAD);
        f
    }
}

/// What the score of a line is made of.
#[derive(Debug, Default, Clone, Copy)]
struct Features {
    /// Words, numbers and ideographs.
    words: usize,
    stops: usize,
    numbers: usize,
    /// Letters and digits, an ideograph counting three (it carries a word's meaning).
    weight: usize,
}

impl Features {
    /// The share of the line's words that are stopwords. Numbers are neither stopwords
    /// nor words here: a date or a price says nothing of the language.
    fn density(&self) -> f64 {
        let words = self.words - self.numbers;
        if words == 0 {
            0.0
        } else {
            self.stops as f64 / words as f64
        }
    }

    fn of(text: &str, is_stop: impl FnMut(&str) -> bool) -> Features {
        if text.is_ascii() {
            Self::of_ascii(text, is_stop)
        } else {
            Self::of_tokens(text, is_stop)
        }
    }

    /// [`Features::of`] for any text, token by token.
    fn of_tokens(text: &str, mut is_stop: impl FnMut(&str) -> bool) -> Features {
        let mut f = Features::default();
        for token in tokens(text) {
            f.words += 1;
            let n = match token.kind {
                TokenKind::Number => {
                    f.numbers += 1;
                    token.text.bytes().filter(u8::is_ascii_digit).count()
                }
                TokenKind::Ideograph => 1,
                TokenKind::Word | TokenKind::Capitalised if token.text.is_ascii() => {
                    token.text.bytes().filter(u8::is_ascii_alphanumeric).count()
                }
                TokenKind::Word | TokenKind::Capitalised => {
                    token.text.chars().filter(|&c| is_alphanumeric(c)).count()
                }
            };
            f.weight += if token.kind == TokenKind::Ideograph {
                3
            } else {
                n
            };
            if token.kind != TokenKind::Number
                && (is_stop(token.text) || elided(token.text).is_some_and(&mut is_stop))
            {
                f.stops += 1;
            }
        }
        f
    }

    /// [`Features::of`] for a line of ASCII text (most of the web's), in one loop over its
    /// bytes: the tokens of [`tokens`] (an apostrophe between letters, and `.`, `,` or
    /// `:` between the digits of a number, stay inside a token), counted as they are
    /// found, with no character decoded and no second pass over a token.
    fn of_ascii(text: &str, mut is_stop: impl FnMut(&str) -> bool) -> Features {
        let bytes = text.as_bytes();
        let mut f = Features::default();
        let mut i = 0;
        while i < bytes.len() {
            if !bytes[i].is_ascii_alphanumeric() {
                i += 1;
                continue;
            }
            let start = i;
            let mut digits_only = bytes[i].is_ascii_digit();
            let mut alphanumeric = 1;
            let mut prev = bytes[i];
            i += 1;
            while i < bytes.len() {
                let b = bytes[i];
                if b.is_ascii_alphanumeric() {
                    digits_only &= b.is_ascii_digit();
                    alphanumeric += 1;
                } else {
                    let next = bytes.get(i + 1).copied();
                    let joins = match b {
                        b'\'' => {
                            prev.is_ascii_alphabetic()
                                && next.is_some_and(|n| n.is_ascii_alphabetic())
                        }
                        b'.' | b',' | b':' => {
                            digits_only
                                && prev.is_ascii_digit()
                                && next.is_some_and(|n| n.is_ascii_digit())
                        }
                        _ => false,
                    };
                    if !joins {
                        break;
                    }
                }
                prev = b;
                i += 1;
            }
            f.words += 1;
            f.weight += alphanumeric;
            if digits_only {
                f.numbers += 1;
                continue;
            }
            let token = &text[start..i];
            if is_stop(token) || elided(token).is_some_and(&mut is_stop) {
                f.stops += 1;
            }
        }
        f
    }
}

/// The longest run of furniture lines outside `start..=end`.
/// Lines above the body searched for its headline: the headline, a byline, a dateline
/// and a kicker or a share row between them.
const TITLE_REACH: usize = 4;
/// A headline's length in words: "Storm closes schools" to a long news headline.
const TITLE_WORDS: (usize, usize) = (3, 25);
/// Content words a headline shares with the lede: one alone is often a site's name or a
/// topic in a menu.
const TITLE_SHARED_WORDS: usize = 2;
/// Shorter words are too often inflections, numbers' units or abbreviations to match on.
const TITLE_MIN_WORD: usize = 4;
/// How much of the body's opening the headline is compared with: the lede and the
/// paragraph after it.
const TITLE_OPENING_BYTES: usize = 1000;

/// Whether `word` stands in `text` as a whole word: a handful of searches of a short
/// text, cheaper than tokenising it.
fn has_word(text: &str, word: &str) -> bool {
    text.match_indices(word).any(|(at, _)| {
        !text[..at].chars().next_back().is_some_and(is_alphanumeric)
            && !text[at + word.len()..]
                .chars()
                .next()
                .is_some_and(is_alphanumeric)
    })
}

/// Fewest words of a lead-in ("Upcoming screenings:", "The following schools will be
/// closed:"): a lone "Tags:" or "Share:" is a widget's label, not the text's own.
const LEAD_IN_WORDS: usize = 2;

/// A run of furniture-shaped lines that a line of the text introduces with a colon and
/// that prose closes is the text's own list (the schools that close, the cinemas of a
/// tour, the steps of a method): menus and footers are not announced by a lead-in, and
/// do not sit between it and a paragraph. Two signals, not one: a colon alone also opens
/// a comment form's fields ("Fill in your details below:"), which no prose closes. The
/// run's lines score as list items.
fn introduced_lists(
    lines: &[Survivor],
    features: &[Features],
    parted: &[bool],
    classes: &mut [(Class, i64)],
) {
    let mut i = 1;
    while i < classes.len() {
        let lead = lines[i - 1].text.trim_end();
        if classes[i].0 == Class::Furniture
            && !parted[i]
            && classes[i - 1].0 != Class::Furniture
            && lead.ends_with(':')
            && features[i - 1].words >= LEAD_IN_WORDS
        {
            let mut k = i;
            while k < classes.len()
                && (k == i || !parted[k])
                && matches!(classes[k].0, Class::Furniture | Class::Item)
            {
                k += 1;
            }
            // A sentence closes it, whatever its share of stopwords: the one after a list
            // of schools or cinemas is full of their names too.
            let closed = k < classes.len()
                && !parted[k]
                && (matches!(
                    classes[k].0,
                    Class::Prose | Class::NearProse | Class::Sentence
                ) || (classes[k].0 == Class::LowProse && ends_sentence(&lines[k].text)));
            if closed {
                for c in &mut classes[i..k] {
                    if c.0 == Class::Furniture {
                        c.0 = Class::Item;
                    }
                }
            }
            i = k;
        } else {
            i += 1;
        }
    }
}

fn longest_outside_run(classes: &[Class], start: usize, end: usize) -> usize {
    let longest = |part: &[Class]| {
        part.split(|c| *c != Class::Furniture)
            .map(<[Class]>::len)
            .max()
            .unwrap_or(0)
    };
    longest(&classes[..start]).max(longest(&classes[end + 1..]))
}

/// [`best_run`] over the lines' `scores` with each line's `gaps[i]` (the cost of the lines
/// other rules took right before it) standing between it and the line before, so a gap
/// parts the body without costing the line after it: the body may start right after it.
fn best_body(scores: &[i64], gaps: &[i64]) -> Option<(usize, usize, i64)> {
    let mut values = Vec::with_capacity(scores.len() * 2);
    let mut owner = Vec::with_capacity(scores.len() * 2);
    for (i, (&score, &gap)) in scores.iter().zip(gaps).enumerate() {
        if gap != 0 {
            values.push(gap);
            owner.push(None);
        }
        values.push(score);
        owner.push(Some(i));
    }
    let (start, end, total) = best_run(&values)?;
    let first = owner[start..=end].iter().find_map(|o| *o)?;
    let last = owner[start..=end].iter().rev().find_map(|o| *o)?;
    Some((first, last, total))
}

/// The run of `scores` with the highest sum, as `(first, last, sum)`; of equal sums the
/// one that starts first and then ends last, so zero-scored lines at a run's edges (a
/// heading right above the body) belong to it. `None` when no score is positive.
fn best_run(scores: &[i64]) -> Option<(usize, usize, i64)> {
    let mut best: Option<(usize, usize, i64)> = None;
    let mut start = 0;
    let mut sum = 0i64;
    for (i, &s) in scores.iter().enumerate() {
        if sum < 0 {
            start = i;
            sum = 0;
        }
        sum += s;
        let better = match best {
            None => sum > 0,
            Some((b_start, _, b_sum)) => sum > b_sum || (sum == b_sum && start == b_start),
        };
        if better {
            best = Some((start, i, sum));
        }
    }
    best.filter(|b| b.2 > 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// [`adopted`] with no transparent lines, nothing taken by other rules, and the
    /// default group size.
    fn adopted_plainly(classes: &[(Class, i64)]) -> Vec<bool> {
        let none = vec![false; classes.len()];
        adopted(classes, &none, &none, 250)
    }

    /// A thread: a long first post, then short answers under headers of name, rank and date.
    fn thread(answers: usize) -> (Vec<(Class, i64)>, Vec<Header>) {
        let mut classes = vec![(Class::Prose, 250)];
        let mut headers = vec![Header::No];
        for _ in 0..answers {
            classes.extend([
                (Class::Furniture, 6),
                (Class::Furniture, 6),
                (Class::Neutral, 9),
                (Class::Sentence, 40),
            ]);
            headers.extend([Header::Label, Header::Label, Header::Stamp, Header::No]);
        }
        (classes, headers)
    }

    #[test]
    fn short_posts_under_dated_headers_belong_to_the_body() {
        let (classes, headers) = thread(3);
        let mut adopted = adopted_plainly(&classes);
        assert_eq!(adopted.iter().filter(|a| **a).count(), 1);
        adopt_posts(&classes, &headers, &mut adopted);
        let posts: Vec<usize> = (0..adopted.len()).filter(|&k| adopted[k]).collect();
        assert_eq!(posts, [0, 4, 8, 12]);
    }

    #[test]
    fn a_byline_and_date_is_no_thread() {
        // Two headers: an article's byline over a standfirst, not a forum.
        let (classes, headers) = thread(2);
        let mut adopted = adopted_plainly(&classes);
        adopt_posts(&classes, &headers, &mut adopted);
        assert_eq!(adopted.iter().filter(|a| **a).count(), 1);
    }

    #[test]
    fn a_repeated_caption_does_not_part_a_photo_story() {
        let s = (Class::Sentence, 50);
        let caption = (Class::LowProse, 90);
        let classes = [s, s, caption, s, s, caption, s, s];
        let captions: Vec<bool> = classes.iter().map(|c| c.0 == Class::LowProse).collect();
        let sentences = |adopted: Vec<bool>| adopted.iter().filter(|a| **a).count();
        assert_eq!(sentences(adopted_plainly(&classes)), 0);
        assert_eq!(sentences(adopted(&classes, &captions, &[false; 8], 250)), 6);
    }

    #[test]
    fn quantities_are_amounts_not_dates_or_times() {
        for line in [
            "2 eggs",
            "1/2 cup rolled oats",
            "250 g Mehl",
            "250g Mehl",
            "½ tsp salt",
        ] {
            assert!(quantity(line), "{line}");
        }
        for line in [
            "12H ago 34 photos",
            "20 Nov 2019, 9:42am",
            "Nov 18",
            "Tuesday: 2 eggs",
        ] {
            assert!(!quantity(line), "{line}");
        }
    }

    fn survivors(text: &str) -> Vec<Survivor<'_>> {
        text.lines()
            .enumerate()
            .map(|(line, l)| Survivor {
                line,
                text: l.into(),
                key: line as u64,
                chars: l.chars().filter(|c| c.is_alphanumeric()).count(),
            })
            .collect()
    }

    #[test]
    fn the_legal_footer_starts_at_its_first_legal_paragraph() {
        let lines = survivors(
            "Menu\nNews\nSport\nWeather\nVideo\nSearch\nThe article's last paragraph, right above the footer.\nThe information provided on this website is not medical advice.\nResults vary.\n© 2019 Example, LLC. All rights reserved.\nApple is a trademark of Apple Inc.\nTerms | Privacy\nA teaser for another story, with a paragraph of its own.",
        );
        let mut classes = vec![Class::Prose; lines.len()];
        classes[..6].fill(Class::Furniture);
        classes[11..].fill(Class::Furniture);
        assert_eq!(legal_footer(&lines, &classes), Some((7, 10)));
        // Prose after the footer: the copyright line was not the page's end.
        classes[12] = Class::Prose;
        assert_eq!(legal_footer(&lines, &classes), None);
    }

    #[test]
    fn stopword_thresholds_follow_the_documents_sentences() {
        let lines = survivors("One sentence here.\nAnother sentence.\nA third one.");
        let f = |stops| Features {
            words: 20,
            stops,
            numbers: 0,
            weight: 120,
        };
        // English-like prose: 9 of 20 words are stopwords, thresholds stay.
        assert_eq!(density_scale(&lines, &[f(9), f(9), f(9)]), 1.0);
        // Russian-like prose: 4 of 20, thresholds drop to a half (the floor).
        assert_eq!(density_scale(&lines, &[f(4), f(4), f(4)]), 0.5);
        // Inflected but not that far: 6 of 20.
        let scale = density_scale(&lines, &[f(6), f(6), f(6)]);
        assert!((scale - 0.3 / REFERENCE_DENSITY).abs() < 1e-9);
        // One sentence cannot tell.
        assert_eq!(density_scale(&lines[..1], &[f(2)]), 1.0);
    }

    #[test]
    fn lines_other_rules_took_part_the_body_without_costing_the_next_line() {
        // A caption-like first paragraph (0) right after a share row the rules took: the
        // body starts at it, not after it.
        assert_eq!(
            best_body(&[-30, 0, 200, 100], &[0, -20, 0, 0]),
            Some((1, 3, 300))
        );
        // A taken run between the article and a teaser block parts them.
        assert_eq!(best_body(&[200, 10, 10], &[0, -30, 0]), Some((0, 0, 200)));
        assert_eq!(best_body(&[200, 10, 10], &[0, 0, 0]), Some((0, 2, 220)));
    }

    #[test]
    fn best_run_takes_the_heaviest_stretch_and_its_neutral_edges() {
        assert_eq!(
            best_run(&[-30, 0, 100, -10, 50, 0, -30, 20]),
            Some((1, 5, 140))
        );
        assert_eq!(best_run(&[-30, -30]), None);
        assert_eq!(best_run(&[0, 0]), None);
        // A heavy second run beyond heavy furniture wins on its own.
        assert_eq!(best_run(&[50, -30, -30, 100]), Some((3, 3, 100)));
        // Furniture lighter than the prose on both sides does not split the body.
        assert_eq!(best_run(&[100, -30, 100]), Some((0, 2, 170)));
    }

    #[test]
    fn ascii_features_are_the_tokens_features() {
        let stop = |w: &str| {
            matches!(
                w.to_lowercase().as_str(),
                "the" | "of" | "a" | "l" | "don't"
            )
        };
        for text in [
            "The end of a line, don't stop: 1,200.50 km at 9:30.",
            "l'homme 'quoted' it's 3. 4,5 ,6 1:2:3 a:b 12a 'x",
            "  ",
            "",
            "x",
            "Tom's 1990s A1 B-52 e-mail rock'n'roll 1.2.3. ...",
            "'''a''b'1'2'",
        ] {
            let a = Features::of_ascii(text, stop);
            let b = Features::of_tokens(text, stop);
            assert_eq!(
                (a.words, a.stops, a.numbers, a.weight),
                (b.words, b.stops, b.numbers, b.weight),
                "{text:?}"
            );
        }
    }
}
