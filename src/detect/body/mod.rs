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
//!   A finished sentence of `paragraph-chars` letters or more counts as short prose
//!   with as few as `furniture-stopwords` of its words stopwords: a sentence of names,
//!   places and figures, which no menu runs to.
//! - **furniture**: shorter than `min-chars`, fewer than `furniture-stopwords` of its words
//!   stopwords, no sentence end, no number (a menu item, a share button, a tag). Costs
//!   `furniture-cost`, a third of it for the first `furniture-grace` lines of a run, so a
//!   lone label inside an article costs little and a menu of forty links a lot.
//! - **an item**: words with numbers (a date and venue, a quantity and ingredient, a
//!   score): a tenth of its letters, so a list or table holds on to the prose it follows.
//! - **an amount** opening a short line ("1/2 cup milk", "250 g Mehl"): an ingredient or a
//!   packing list's entry, a fifth of `furniture-cost`, so a recipe's list outweighs its
//!   sub-headings. A numbered entry ("3) Azul") or one behind a bullet its writer typed
//!   ("•  Reduced weight", "– red onions") is an item too, and a bare URL costs nothing:
//!   menus neither number their entries, nor print their bullets (a style sheet draws
//!   them), nor show raw links.
//! - anything else (a heading, a long line of names) scores `-neutral-cost`, or 0 when long.
//!
//! A run of furniture-shaped lines announced by a lead-in ending with a colon ("The
//! following schools will be closed:", "Upcoming screenings:") and closed by prose (or by
//! a finished sentence however full of names: "No word yet from Bedminster, Warren or
//! Manville.") is the text's own list, and scores as items: menus are neither announced
//! nor followed by a paragraph, and a comment form's fields, which a colon also opens,
//! end in no prose.
//!
//! So is a table printed one row to a line: at least four short lines in a row, each a
//! label of a few words, a colon and a value, the labels' punctuation the same
//! ("England (Group A): 10th appearance", "Weight: 250 g", "Bluetooth: 5.2"), score as
//! items; a menu's entries are bare words.
//!
//! So is a table printed one cell to a line, as a page's dump prints every cell: at least
//! three rows of two to six cells, figures ("114", "56%", "$3.99") in the same two
//! columns or more of every row and words in the others (a poll's answers, votes and
//! shares; a player's plays and share of them), with the row of column headings above
//! it. Figures that only count or place the rows ("Most read: 1, a headline, 2, a
//! headline", a chart's position and peak) are a list's numbers, and one figure a row is
//! a teaser's comment count: those stay furniture.
//!
//! A tutorial's listing is the text's own too: a run of lines in code's characters
//! (brackets, `=`, `<`, `//`, indentation) with at least two lines only code writes (one
//! that ends with `;`, `{` or `}`, a Python header's `):`, a tag of markup, a shell
//! prompt) scores as items, however few stopwords `if (!target)` or `<head>` hold. Up to
//! three bare lines between two of its lines (SQL's `SELECT`, `FROM`, `series,` on
//! lines of their own) are the listing's too: no menu is wedged between lines of code.
//!
//! **The headline stays** (`keep-title`): of the `TITLE_REACH` lines above the body (above
//! the first stretch kept, when `earlier-body` keeps one above it), the one that reads
//! as a headline (3 to 25 words, no full stop, no breadcrumb separator,
//! shorter than a paragraph) and shares the most content words with the body's opening,
//! two or more (a word of six letters or more by its stem, so that "korpuss" finds
//! "korpusu"; Korean's "서울시" finds "서울시는"), is kept, while the byline or dateline
//! between them goes with the furniture. A headline whose words are too short to count
//! ("The Art of War, Revisited") is found by a three-word phrase it quotes from the lede
//! ("art of war", two of them no stopwords). Most words, not nearest: a byline shares
//! the author's name with the author box under a short article. Corpora whose truth
//! leaves the headline out (schema.org's `articleBody`) turn it off.
//!
//! The legal footer (the last copyright line in the document's last third, the trademark
//! and disclaimer paragraphs around it from the first one that speaks of rights, privacy,
//! liability or contact) scores nothing, when a body of prose remains above it: a short
//! article must not lose to the page's legal notices.
//!
//! Both stopword thresholds scale down (to a quarter at most) when the document's own
//! sentences hold fewer stopwords than English, French or German prose does: Russian,
//! Polish, Turkish or Finnish inflect where others use function words.
//! Chinese and Japanese mark their clauses with `，` `。` `、` `；`, which count as
//! stopwords: formal Chinese prose holds few of the stoplist's characters, no more than
//! a headline does.
//!
//! Short lines the other rules took cost what furniture costs where they stood (a menu a
//! rule took whole parts the body from a sidebar as the menu did), except those of a rule
//! marked `inline`: a video player's controls printed between two paragraphs are inside
//! the article, and the text under them is the body's as much as the text above.
//!
//! The body is the run of lines with the highest total score (ties: the longest), started
//! at the lead-in right above it when there is one (a sentence ending with a colon over
//! the first entries it announces: [`run::lead_in`]), carried
//! on over the lines right under it that read as text (long lines however few their
//! stopwords, sentences, a list's entries, links: a photo gallery's captions under the
//! last paragraph) until the first menu- or heading-shaped line or a line another rule
//! took, passing over lines of nothing visible ([`run::text_tail`]). An article ends
//! where its widgets start (a share row, its tags, a comment form, which other rules
//! take): when only text stands between the body and them, no menu-shaped line, a
//! finished sentence at least, no thread's date stamps and not half of it headlines
//! (unless the body's last paragraph announces them with a colon), that
//! text is the article's too, however little it scores (a list its lead-in announces, a
//! worked example a step a line: [`run::widget_tail`]). Lines
//! before and after it go; everything inside it stays, so a heading, an ingredient list or
//! a results table inside the article is kept whatever it looks like. Another run that
//! scores at least `second-body` times as much (three quarters by default) stays too: an
//! article parted by a photo gallery or an ad block longer than the body's gaps bridge
//! has two such runs, and a run that strong is no sidebar's teaser. Above the body,
//! `earlier-body` times (half) is enough: a page prints its article before the comment
//! thread and the sidebars under it, which can outscore a short article. A short article
//! may hold no paragraph at all (three sentences a line, none of them 200 letters): its
//! short prose, with no paragraph beside it, scores as a teaser's blurb would, and an
//! "About" box or a comment below wins. So the stretch above the body that scores most
//! with every finished sentence counted in full ([`earlier_sentences`]) stays too when
//! it scores `earlier-body` times the body, as any stretch above it must: a page prints
//! its article before its sidebar and its comments. A copyright notice scores there as
//! it does anywhere (a page that prints its terms and "All rights reserved" over the
//! article). (A list of teasers above a short article can outweigh it so, and stays with
//! it: text kept that is not the article's, where the other way the article was lost.)
//!
//! A body that holds the legal footer (no prose stands apart from it: the article is all
//! short lines) means the detector cannot tell the article here, and it acts on nothing.
//!
//! The detector acts on page dumps only, and stays out of the way when it cannot judge:
//!
//! - what lies outside the body must hold a run of at least `page-dump-run` furniture lines
//!   (a menu, a footer), the short lines other rules took among them counted (a menu
//!   whose "Subscribe" and "Home" a rule took is a menu of its whole length). An
//!   extractor's output or a hand-written document has none, and the short lines at its
//!   edges are its own (a list closing a recipe, a sign-off);
//! - a document whose first paragraph comes before any furniture line reads as an
//!   extractor's output (it starts with its article) and is trimmed only when it still
//!   holds at least `page-dump-lines` furniture lines: a page's menus, link lists and
//!   footer, not the few leftovers an extractor lets through, which the article's own
//!   lists outnumber (screening dates under a film's trailer, a gallery's picture
//!   titles, a review's pros and cons);
//! - a hard-wrapped document (a text file, an RFC, a `<pre>` block, an abstract whose
//!   HTML source broke its lines, a poem) is no page dump: its lines are short because
//!   they are wrapped, and most of them break off mid-sentence on a stopword or a comma
//!   ([`wrapped`]), which menus and teasers never do;
//! - the body must hold at least `min-body-chars` (a poem, a list, a table, a short note:
//!   nothing there is prose around which furniture could be told);
//! - the document's language must have a stoplist: it is the one whose common function
//!   words the longer lines use most (ties: the one listed first, function-word lists
//!   before Wikipedia's). Built in: ar, az, be, bg, bn, ca, cs, da, de, el, en, es, et,
//!   eu, fa, fi, fr, he, hi, hr, hu, hy, id, is, it, ja, ka, kk, ko, lt, lv, mk, ml, mr,
//!   nb, ne, nl, pl, pt, ro, ru, sk, sl, sq, sr, sv, sw, ta, te, tl, tr, uk, ur, vi, zh;
//!   `languages` limits them, `extra-stopwords` adds words to a list or a list for
//!   another language (64 languages in all at most). Thai, Burmese, Khmer and Lao, which
//!   do not space their words and have no list, are left alone.
//!
//! The parts, in the order a document goes through them: [`features`] reads each line's
//! words once (kept from pass to pass), [`classes`] names what the line is, [`lists`] and
//! [`adopt`] correct a class by the line's neighbours, [`footer`] sets the legal notices
//! aside, [`run`] finds the body, [`title`] its headline; [`wrapped`] tells hard-wrapped
//! text. This file holds the detector's
//! settings and the flow between them.

use std::sync::Arc;

use super::stopwords::{LangMask, Stoplists, TokenKind, ascii_tokens, tokens};
use super::{
    Params, Survivor, SurvivorPos, ends_sentence, has_time, has_year, headline, is_alphanumeric,
    taken_after,
};
use crate::document::Document;
use crate::memo::Origins;

mod adopt;
mod classes;
mod features;
mod footer;
mod lists;
mod run;
mod title;
mod wrapped;

use adopt::{Header, adopt_posts, adopted, transparent_long_lines};
use classes::Class;
pub use features::FeaturesMemo;
pub(crate) use features::weighted_letters;
use features::{Features, Sample, density_scale};
use footer::legal_footer;
use lists::{cell_tables, introduced_lists, listings, parallel_rows};
use run::{best_body, lead_in, longest_outside_run, text_tail, widget_tail};

/// What [`MainBody::scores`] reads of each line, one entry a line.
struct Scored {
    classes: Vec<Class>,
    /// Positive for prose, negative for furniture.
    scores: Vec<i64>,
    /// The cost of the short lines other rules took right before the line.
    gaps: Vec<i64>,
    /// The line's letters and digits weighted by script ([`Features::weight`]).
    weights: Vec<i64>,
    headers: Vec<Header>,
}

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
    dump_lines: usize,
    min_body_chars: i64,
    second_body: f64,
    earlier_body: f64,
    keep_title: bool,
}

/// Lines in hard-wrapped paragraphs that make a document a text file rather than a web
/// page: a dozen, so that a comment or a stanza quoted in a page does not.
const WRAPPED_MIN_LINES: usize = 12;

/// The share of a document's longer lines that must run on into the next for it to read
/// as hard-wrapped text. Wrapped prose breaks on a stopword or a comma about every second
/// line (an RFC: 0.69, a paper's abstract wrapped by its HTML source: 0.54, a hymn: 0.82);
/// a web page's paragraphs, one to a line, almost never (at most 0.36 on the eval sets'
/// pages, over a dozen lines).
const WRAPPED_SHARE: f64 = 0.4;

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
            dump_lines: p.usize("page-dump-lines", 30)?,
            min_body_chars: p.usize("min-body-chars", 200)? as i64,
            second_body: p.ratio("second-body", 0.75)?,
            earlier_body: p.ratio("earlier-body", 0.5)?,
            keep_title: p.flag("keep-title", true)?,
        })
    }

    pub(super) fn detect(
        &self,
        doc: &Document,
        lines: &[Survivor],
        origins: &Origins,
        inline: &dyn Fn(usize) -> bool,
        memo: &mut FeaturesMemo,
        out: &mut Vec<SurvivorPos>,
    ) {
        // Furniture lines are short and end no sentence (unless they hold no letter at
        // all: a divider): without a run of such lines there is no page dump, and no need
        // to read the words. Most extractor output has none.
        let short_run = lines
            .split(|l| l.chars >= self.min_chars || (l.chars > 0 && ends_sentence(&l.text)))
            .any(|run| run.len() >= self.dump_run);
        if !short_run {
            return;
        }
        // Told once a document: a later pass's lines are the same article's, and their
        // features are in the memo already (a cut line is read afresh).
        let (lang, sample) = match memo.lang {
            Some(lang) => (lang, Sample::default()),
            None => {
                let Some((lang, sample)) = self.language(lines) else {
                    return;
                };
                memo.lang = Some(lang);
                (lang, sample)
            }
        };
        // Short lines the other rules took (a share row, "Previous Post / Next Post", a
        // newsletter box) were furniture where they stood: they part the body from what
        // follows as they did before they went. Long ones (a paragraph printed twice)
        // were not furniture, nor were bare numbers (a pager's, a calendar's days), nor
        // the chrome a rule says sits inside an article (a video player's controls
        // between two paragraphs): the article goes on under it.
        let short_taken_after = |j: usize| {
            taken_after(doc, lines, j)
                .filter(|&k| !inline(k))
                .filter(|&k| {
                    let line = doc.line(k);
                    let short = line
                        .chars()
                        .filter(|&c| is_alphanumeric(c))
                        .nth(self.min_chars)
                        .is_none();
                    // A bare number (a pager's entry, a calendar's day) reads as
                    // neutral, not furniture, where it stands (see `classes`):
                    // taken, it parts nothing either. ("1 | 2 | 3" is a row.)
                    short && !super::page_numbers::bare_number(line)
                })
        };
        let taken: Vec<usize> = (0..lines.len())
            .map(|i| match i {
                0 => 0,
                _ => short_taken_after(i - 1).count(),
            })
            .collect();
        // Each line's input line, where its words are kept from pass to pass.
        let origin = |line: &Survivor| line.input_line(doc, origins);
        let Scored {
            classes,
            mut scores,
            gaps,
            weights,
            headers,
        } = self.scores(lines, lang, &sample, &taken, &origin, memo);
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
        if longest_outside_run(&classes, &taken, start, end) < self.dump_run {
            return;
        }
        // Judged on the first pass that gets here, which reads the input: once trimmed, a
        // page opens with its article as an extractor's output does.
        if !*memo
            .page_dump
            .get_or_insert_with(|| self.is_page_dump(&classes) && !self.hard_wrapped(lines, lang))
        {
            return;
        }
        let mut keep = vec![false; lines.len()];
        // The first paragraph is not always the article's start: a lead-in above it is.
        let start = lead_in(lines, &classes, &gaps, start);
        // The last paragraph is not the article's end: the text under it is.
        let end = text_tail(lines, &classes, &gaps, end);
        // The widgets under the last line (a comment form to the page's end) end the
        // article as a gap does.
        let closed = lines
            .len()
            .checked_sub(1)
            .is_some_and(|last| short_taken_after(last).next().is_some());
        let end = widget_tail(lines, &classes, &headers, &gaps, closed, end);
        keep[start..=end].fill(true);
        self.keep_second_bodies(&scores, &gaps, (start, end, total), &mut keep);
        // A short post's sentences above the body need what any stretch above it needs
        // (`earlier-body` times its total): the article comes before the comments and
        // sidebars that outscore it.
        if let Some((from, to)) = self.floors(total).1.and_then(|floor| {
            earlier_sentences(lines, &classes, &weights, &scores, &gaps, start, floor)
        }) {
            keep[from..=to].fill(true);
        }
        // The headline is over the article's start: the first stretch kept.
        let first = keep.iter().position(|&k| k).unwrap_or(start);
        if let Some(t) = self
            .keep_title
            .then(|| self.title(lines, lang, first))
            .flatten()
        {
            keep[t] = true;
        }
        out.extend(SurvivorPos::all(0..lines.len()).filter(|&k| !keep[k.0]));
    }

    /// Whether the lines read as a page's whole text rather than an extractor's output: a
    /// head of furniture (menus, a breadcrumb) above the first paragraph (prose, or a
    /// finished sentence of prose as long as `min-chars`), or at least `page-dump-lines`
    /// furniture lines in all.
    fn is_page_dump(&self, classes: &[Class]) -> bool {
        let first_prose = classes
            .iter()
            .position(|c| matches!(c, Class::Prose | Class::NearProse))
            .unwrap_or(classes.len());
        classes[..first_prose].contains(&Class::Furniture)
            || classes.iter().filter(|c| **c == Class::Furniture).count() >= self.dump_lines
    }

    /// Marks in `keep` every other stretch of the document that scores at least
    /// `second-body` times the body's total (and `min-body-chars`): the article's second
    /// half under a photo gallery or an ad block of many lines, which parts it from the
    /// first, is no furniture, and neither is anything that strong. Above the body,
    /// `earlier-body` times is enough: pages print the article before its comments and
    /// the sidebars under it, so the stronger stretch below an article is more often a
    /// thread or a teaser block than the article is a teaser above them. Searched on both
    /// sides of each stretch found, as the body was.
    fn keep_second_bodies(
        &self,
        scores: &[i64],
        gaps: &[i64],
        (start, end, total): (usize, usize, i64),
        keep: &mut [bool],
    ) {
        let (below, above) = self.floors(total);
        if above.is_none() {
            return;
        }
        let mut parts = vec![(0, start), (end + 1, scores.len())];
        while let Some((from, to)) = parts.pop() {
            if from >= to {
                continue;
            }
            if let Some((s, e, t)) = best_body(&scores[from..to], &gaps[from..to])
                && (if from + e < start { above } else { below }).is_some_and(|f| t >= f)
            {
                keep[from + s..=from + e].fill(true);
                parts.push((from, from + s));
                parts.push((from + e + 1, to));
            }
        }
    }

    /// What another stretch must score to stay beside a body of `total`, below it and
    /// above it: `second-body` times the total below, the lower of that and
    /// `earlier-body` times it above (never under `min-body-chars`). A ratio of 0 turns
    /// its side off.
    fn floors(&self, total: i64) -> (Option<i64>, Option<i64>) {
        let floor = |ratio: f64| {
            (ratio > 0.0).then(|| {
                self.min_body_chars
                    .max((total as f64 * ratio).ceil() as i64)
            })
        };
        let below = floor(self.second_body);
        let above = [below, floor(self.earlier_body)]
            .into_iter()
            .flatten()
            .min();
        (below, above)
    }

    /// The bit of the language whose stopwords the longer lines use most (ties: the
    /// lowest bit, the language listed first), if any, and the words of the lines it was
    /// told from, which [`MainBody::scores`] reads again.
    fn language(&self, lines: &[Survivor]) -> Option<(usize, Sample)> {
        let mut hits = vec![0usize; self.lists.len()];
        let mut sampled = 0;
        let mut scratch = String::new();
        let mut sample = Sample::default();
        for (pos, line) in lines.iter().enumerate() {
            if line.chars < SAMPLE_MIN_LINE {
                continue;
            }
            sample.read(
                pos,
                &line.text,
                |word| self.lists.masks(word, &mut scratch),
                |mut mask| {
                    while mask != 0 {
                        hits[mask.trailing_zeros() as usize] += 1;
                        mask &= mask - 1;
                    }
                },
            );
            sampled += line.chars;
            if sampled >= SAMPLE_CHARS {
                break;
            }
        }
        let (bit, &n) = hits
            .iter()
            .enumerate()
            .max_by_key(|&(bit, n)| (n, usize::MAX - bit))?;
        (n > 0).then_some((bit, sample))
    }

    /// Whether the document is hard-wrapped text (a text file, a `<pre>` block, a poem):
    /// at least [`WRAPPED_MIN_LINES`] lines, and [`WRAPPED_SHARE`] of the lines of
    /// [`wrapped::WRAP_MIN_WORDS`] words or more, run on into the next (see [`wrapped`]).
    fn hard_wrapped(&self, lines: &[Survivor], lang: usize) -> bool {
        let bit: LangMask = 1 << lang;
        let mut scratch = String::new();
        let (wrapped, long) =
            wrapped::wrapped_lines(lines, |w| self.lists.mask(w, &mut scratch) & bit != 0);
        wrapped >= WRAPPED_MIN_LINES && wrapped as f64 >= WRAPPED_SHARE * long as f64
    }

    /// Each line's class, its score (positive for prose, negative for furniture), the
    /// cost of the short lines other rules took right before it (`taken`), its gap, its
    /// weight and how it may serve in a post's header.
    fn scores(
        &self,
        lines: &[Survivor],
        lang: usize,
        sample: &Sample,
        taken: &[usize],
        origin: &dyn Fn(&Survivor) -> Option<usize>,
        memo: &mut FeaturesMemo,
    ) -> Scored {
        // A run of taken lines parts short prose as a run of furniture does.
        let parted: Vec<bool> = taken.iter().map(|&n| n >= 2).collect();
        let parted = &parted[..];
        let bit: LangMask = 1 << lang;
        let mut scratch = String::new();
        let mut read = |pos: usize, text: &str| {
            sample.features(pos, bit).unwrap_or_else(|| {
                Features::of(text, |w| self.lists.mask(w, &mut scratch) & bit != 0)
            })
        };
        let features: Vec<Features> = lines
            .iter()
            .enumerate()
            .map(|(pos, line)| match origin(line) {
                Some(i) => memo.get(i, lang, || read(pos, &line.text)),
                None => read(pos, &line.text),
            })
            .collect();
        let scale = density_scale(lines, &features);
        let mut classes: Vec<(Class, i64)> = lines
            .iter()
            .zip(&features)
            .map(|(line, f)| (self.classify(f, &line.text, scale), f.weight as i64))
            .collect();
        introduced_lists(lines, &features, parted, &mut classes);
        listings(lines, &mut classes);
        parallel_rows(lines, &mut classes);
        cell_tables(lines, &mut classes);
        let headers: Vec<Header> = lines
            .iter()
            .zip(&features)
            .map(|(line, f)| Header::of(f, &line.text))
            .collect();
        let transparent = transparent_long_lines(lines, &classes);
        let mut adopted = adopted(&classes, &transparent, parted, self.group_chars);
        adopt_posts(&classes, &headers, &mut adopted);
        let furniture: Vec<bool> = classes.iter().map(|c| c.0 == Class::Furniture).collect();
        let (costs, gaps) = self.furniture_costs(&furniture, taken);
        let scores = (0..classes.len())
            .map(|i| {
                let (class, weight) = classes[i];
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
                    Class::Furniture => costs[i],
                    Class::Neutral | Class::Blank | Class::NearProse | Class::Sentence => {
                        -self.neutral_cost
                    }
                    // Lists and tables hold on to the prose they follow: a tour's dates, a
                    // recipe's quantities.
                    Class::Item => weight / 10,
                    Class::Quantity => (weight / 10).max(self.furniture_cost / 5),
                    _ => 0,
                }
            })
            .collect();
        let (classes, weights) = classes.into_iter().unzip();
        Scored {
            classes,
            scores,
            gaps,
            weights,
            headers,
        }
    }

    /// What each furniture line costs, and each line's gap: the cost of the `taken[i]`
    /// short lines other rules took right before line `i`. A run of furniture costs a third
    /// of `furniture-cost` a line for its first `furniture-grace` lines and the full cost
    /// after. The taken lines were furniture where they stood: they cost what a run of
    /// furniture costs (a menu that a rule took whole parts the body from a sidebar as much
    /// as the menu did), and they stay in the run around them, so that a rule taking the
    /// middle line of a sidebar does not give the lines after it a fresh grace.
    fn furniture_costs(&self, furniture: &[bool], taken: &[usize]) -> (Vec<i64>, Vec<i64>) {
        let cost = |run: usize| {
            if run <= self.furniture_grace {
                -self.furniture_cost / 3
            } else {
                -self.furniture_cost
            }
        };
        let mut run = 0;
        let mut costs = vec![0; furniture.len()];
        let mut gaps = vec![0; furniture.len()];
        for i in 0..furniture.len() {
            for _ in 0..taken[i] {
                run += 1;
                gaps[i] += cost(run);
            }
            if furniture[i] {
                run += 1;
                costs[i] = cost(run);
            } else {
                run = 0;
            }
        }
        (costs, gaps)
    }
}

/// The stretch above the body (`..start`) with the highest score when every line of
/// short prose counts its letters in full, adopted or not (a sentence of a short article
/// that has no paragraph to lean on), as `(first, last)`, if it scores at least `floor`.
/// A copyright notice is no article's sentence however it reads: it scores as scored.
/// Lines of any other class score as they do (`scores`, `gaps`): the menus and teasers
/// between stretches still cost what they cost.
///
/// Cost: one pass over the classes above the body, which on most pages holds too little
/// short prose to reach `floor` and ends there; else a search for the best run.
fn earlier_sentences(
    lines: &[Survivor],
    classes: &[Class],
    weights: &[i64],
    scores: &[i64],
    gaps: &[i64],
    start: usize,
    floor: i64,
) -> Option<(usize, usize)> {
    let generous = |k: usize| match classes[k] {
        // A page that prints its terms and "All rights reserved" over the article: the
        // notice is the page's sentence, not the article's.
        _ if footer::copyright(&lines[k].text) => scores[k],
        Class::NearProse | Class::Sentence => weights[k],
        // A long line of names and figures that ends a sentence is short prose too.
        Class::LowProse if ends_sentence(&lines[k].text) => weights[k],
        _ => scores[k],
    };
    // No run sums to more than every positive score (a long line's counted whether it
    // ends a sentence or not: reading its end is left for the pages that get past this).
    let bound: i64 = (0..start)
        .map(|k| match classes[k] {
            Class::NearProse | Class::Sentence | Class::LowProse => weights[k],
            _ => scores[k].max(0),
        })
        .sum();
    if bound < floor {
        return None;
    }
    let generous: Vec<i64> = (0..start).map(generous).collect();
    best_body(&generous, &gaps[..start])
        .filter(|&(_, _, total)| total >= floor)
        .map(|(first, last, _)| (first, last))
}

#[cfg(test)]
mod tests {
    use super::features::REFERENCE_DENSITY;
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

    /// A short post of three sentences and no paragraph, under a menu and over a sidebar
    /// whose "About" paragraph won the body: read with each sentence in full, the post
    /// outweighs it and stays; a menu above it adds nothing.
    #[test]
    fn a_short_post_without_a_paragraph_outweighs_a_sidebar_below_it() {
        let text = "Home\nArchive\nWhy Small Teams Ship Faster\nLast week a reader asked me why the smallest team in our office ships more than the largest one.\nFewer people, fewer handoffs, fewer meetings: fewer places where decisions stall.\nHow large is your team, and how often does it wait for a decision?\nRecent Posts\nAbout\nThis site is for people who lead small teams.";
        let lines = crate::detect::survivors_of(text);
        use Class::*;
        let classes = [
            Furniture, Furniture, Neutral, NearProse, LowProse, Sentence, Neutral, Neutral, Prose,
        ];
        let weights = [4, 7, 24, 80, 70, 55, 11, 5, 230];
        // As scored: the post's unadopted short prose costs what a teaser's blurb costs.
        let scores = [-10, -10, -2, -2, 0, -2, -2, -2, 230];
        let gaps = [0; 9];
        assert_eq!(
            earlier_sentences(&lines, &classes, &weights, &scores, &gaps, 8, 200),
            Some((3, 5))
        );
        // A sentence that holds the page's copyright notice scores as it did, and the
        // post (135) no longer reaches 200.
        let noticed = text.replace("decisions stall.", "decisions stall. © 2012 Example Media.");
        let lines = crate::detect::survivors_of(&noticed);
        assert_eq!(
            earlier_sentences(&lines, &classes, &weights, &scores, &gaps, 8, 200),
            None
        );
        // A line of few stopwords that ends no sentence is no prose however read: it
        // scores as it did, and the post (135) no longer outweighs the sidebar's 200.
        let unfinished = text.replace("decisions stall.", "decisions stall");
        let lines = crate::detect::survivors_of(&unfinished);
        assert_eq!(
            earlier_sentences(&lines, &classes, &weights, &scores, &gaps, 8, 200),
            None
        );
    }

    #[test]
    fn short_prose_parted_by_drawn_rules_adds_up() {
        use Class::*;
        // Three sentences between "———" rules (lines of nothing visible): side by side.
        let ruled = [
            (Furniture, 4),
            (Furniture, 6),
            (NearProse, 150),
            (Blank, 0),
            (NearProse, 120),
            (Blank, 0),
            (Sentence, 40),
            (Furniture, 5),
            (Furniture, 7),
        ];
        assert_eq!(
            adopted_plainly(&ruled),
            [false, false, true, false, true, false, true, false, false]
        );
        // A line other rules took between them parts them as before.
        let none = vec![false; ruled.len()];
        let mut parted = none.clone();
        parted[4] = true;
        parted[6] = true;
        assert!(!adopted(&ruled, &none, &parted, 250).iter().any(|a| *a));
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

    use crate::detect::survivors_of as survivors;

    /// One news sentence a language (the same story where the languages are close: Czech
    /// and Slovak, Croatian and Serbian, Spanish, Catalan and Portuguese, Russian,
    /// Ukrainian and Bulgarian): each must be told as its own by its function words, the
    /// languages with a Wikipedia list among them, whose frequent words other languages
    /// share.
    #[test]
    fn the_language_is_told_by_its_function_words() {
        let body = MainBody::new(&mut Params::new(&toml::Table::new())).unwrap();
        for (code, text) in [
            (
                "en",
                "The government approved a new education law on Wednesday, which will come into force at the start of next year.",
            ),
            (
                "de",
                "Die Regierung hat am Mittwoch ein neues Bildungsgesetz beschlossen, das zu Beginn des nächsten Jahres in Kraft treten wird.",
            ),
            (
                "nl",
                "De regering heeft woensdag een nieuwe onderwijswet aangenomen, die aan het begin van volgend jaar in werking treedt.",
            ),
            (
                "es",
                "El gobierno aprobó el miércoles una nueva ley de educación, que entrará en vigor a principios del próximo año.",
            ),
            (
                "ca",
                "El govern va aprovar dimecres una nova llei d'educació, que entrarà en vigor a l'inici de l'any vinent i que afecta totes les escoles.",
            ),
            (
                "pt",
                "O governo aprovou na quarta-feira uma nova lei da educação, que entrará em vigor no início do próximo ano.",
            ),
            (
                "cs",
                "Vláda ve středu schválila nový zákon o vzdělávání, který nabude účinnosti na začátku příštího roku a který se týká všech škol.",
            ),
            (
                "sk",
                "Vláda v stredu schválila nový zákon o vzdelávaní, ktorý nadobudne účinnosť na začiatku budúceho roka a ktorý sa týka všetkých škôl.",
            ),
            (
                "hr",
                "Vlada je u srijedu usvojila novi zakon o obrazovanju, koji će stupiti na snagu početkom sljedeće godine i koji se odnosi na sve škole.",
            ),
            (
                "sr",
                "Влада је у среду усвојила нови закон о образовању, који ће ступити на снагу почетком следеће године и који се односи на све школе.",
            ),
            (
                "ru",
                "Правительство в среду приняло новый закон об образовании, который вступит в силу в начале следующего года и который касается всех школ.",
            ),
            (
                "uk",
                "Уряд у середу ухвалив новий закон про освіту, який набуде чинності на початку наступного року і який стосується всіх шкіл.",
            ),
            (
                "bg",
                "Правителството прие в сряда нов закон за образованието, който ще влезе в сила от началото на следващата година и се отнася за всички училища.",
            ),
            (
                "lv",
                "Rīgas dome otrdien atklāja jauno bibliotēku, un tā būs atvērta katru dienu, arī svētdienās, kad ir brīvdienas.",
            ),
            (
                "lt",
                "Vyriausybė trečiadienį patvirtino naują švietimo įstatymą, kuris įsigalios kitų metų pradžioje ir bus taikomas visoms mokykloms.",
            ),
            (
                "et",
                "Valitsus kiitis kolmapäeval heaks uue haridusseaduse, mis jõustub järgmise aasta alguses ja mis puudutab kõiki koole.",
            ),
            (
                "he",
                "הממשלה אישרה ביום רביעי את חוק החינוך החדש, שייכנס לתוקף בתחילת השנה הבאה ויחול על כל בתי הספר.",
            ),
            (
                "ko",
                "서울시는 내년부터 공공자전거 요금을 내린다고 밝혔다. 이 조치로 더 많은 시민이 자전거를 이용할 수 있을 것으로 기대하고 있다.",
            ),
        ] {
            let lines = survivors(text);
            let (bit, _) = body
                .language(&lines)
                .unwrap_or_else(|| panic!("{code}: none"));
            assert_eq!(body.lists.code(bit), code, "{text}");
        }
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
            marks: 0,
        };
        // English-like prose: 9 of 20 words are stopwords, thresholds stay.
        assert_eq!(density_scale(&lines, &[f(9), f(9), f(9)]), 1.0);
        // Russian-like prose: 4 of 20, thresholds drop to about a half.
        let scale = density_scale(&lines, &[f(4), f(4), f(4)]);
        assert!((scale - 0.2 / REFERENCE_DENSITY).abs() < 1e-9);
        // Turkish-like prose: 2 of 20, thresholds drop to the floor.
        assert_eq!(
            density_scale(&lines, &[f(2), f(2), f(2)]),
            super::features::MIN_DENSITY_SCALE
        );
        // Inflected but not that far: 6 of 20.
        let scale = density_scale(&lines, &[f(6), f(6), f(6)]);
        assert!((scale - 0.3 / REFERENCE_DENSITY).abs() < 1e-9);
        // One sentence cannot tell.
        assert_eq!(density_scale(&lines[..1], &[f(2)]), 1.0);
    }

    #[test]
    fn lines_other_rules_took_stay_in_their_run_of_furniture() {
        let body = MainBody::new(&mut Params::new(&toml::Table::new())).unwrap();
        // Five menu lines, the third taken by a rule: the lines after it pay full cost,
        // as they did when it stood there, not a fresh run's grace.
        let furniture = [true, true, true, true, false];
        let (costs, gaps) = body.furniture_costs(&furniture, &[0, 0, 1, 0, 0]);
        assert_eq!(costs, [-10, -10, -30, -30, 0]);
        assert_eq!(gaps, [0, 0, -30, 0, 0]);
        // Taken lines after prose start a run of their own.
        let (costs, gaps) = body.furniture_costs(&[false, true, true], &[0, 2, 0]);
        assert_eq!(gaps, [0, -20, 0]);
        assert_eq!(costs, [0, -30, -30]);
    }

    #[test]
    fn a_listings_bare_clauses_are_its_own() {
        // SQL's clauses on lines of their own hold no code character; wedged between
        // lines of the listing they are the listing's, a menu's words are not.
        let lines = survivors(
            "WITH series AS (\nSELECT *\nFROM unnest(array[2, 3, 5]) AS n\n),\nstats AS (\nSELECT\navg(n) series_avg\nFROM\nseries\n),\nSELECT *;\nHome\nNews\nSport\nWeather",
        );
        let mut classes = vec![(Class::Furniture, 10); lines.len()];
        listings(&lines, &mut classes);
        assert!(
            classes[..11].iter().all(|c| c.0 == Class::Item),
            "{classes:?}"
        );
        assert!(classes[11..].iter().all(|c| c.0 == Class::Furniture));
        // Four bare lines in a row part two listings: each needs its own lines of code.
        let lines = survivors("f(x);\nHome\nNews\nSport\nWeather\ng(y);");
        let mut classes = vec![(Class::Furniture, 10); lines.len()];
        listings(&lines, &mut classes);
        assert!(classes.iter().all(|c| c.0 == Class::Furniture));
    }

    #[test]
    fn rows_of_one_template_are_the_texts_table() {
        let lines = survivors(
            "England (Group A): 10th appearance\nWales (Group E): Second appearance\nSpain (Group F): 11th appearance\nItaly (Group J): 10th appearance\nHome\nNews\nSport\nWeather",
        );
        let mut classes = vec![(Class::Furniture, 20); lines.len()];
        parallel_rows(&lines, &mut classes);
        assert!(classes[..4].iter().all(|c| c.0 == Class::Item));
        // Bare words share their (empty) punctuation: a menu.
        assert!(classes[4..].iter().all(|c| c.0 == Class::Furniture));
        // A product's specifications: the labels' punctuation agrees, the values' need not.
        let lines = survivors("Weight: 250 g\nBattery: 30 hours\nBluetooth: 5.2\nDrivers: 30 mm");
        let mut classes = vec![(Class::Furniture, 20); lines.len()];
        parallel_rows(&lines, &mut classes);
        assert!(classes.iter().all(|c| c.0 == Class::Item));
        // Three rows are a contact block's size, and counts without a colon a sidebar's.
        let lines = survivors(
            "Phone: 555 0100\nFax: 555 0101\nMobile: 555 0102\nCMS (31)\nPlugin (181)\nTheme (189)\nTool (22)",
        );
        let mut classes = vec![(Class::Furniture, 20); lines.len()];
        parallel_rows(&lines, &mut classes);
        assert!(classes.iter().all(|c| c.0 == Class::Furniture));
    }

    /// The headline: the candidate sharing most words with the lede, or else one that
    /// quotes a phrase of it; never a Japanese dateline, whose ideographs the lede shares
    /// one by one.
    #[test]
    fn the_headline_shares_the_ledes_words_or_quotes_its_phrase() {
        let body = MainBody::new(&mut Params::new(&toml::Table::new())).unwrap();
        let title = |text: &str| {
            let lines = survivors(text);
            let start = lines.len() - 1;
            let (lang, _) = body.language(&lines).expect("a language");
            body.title(&lines, lang, start)
        };
        let lede = "A new translation of The Art of War reads the old manual of strategy as a book about patience rather than conquest, say its translators.";
        assert_eq!(
            title(&format!("The Art of War, Revisited\nBy Jane Doe\n{lede}")),
            Some(0)
        );
        assert_eq!(
            title(&format!("Reviews and books\nBy Jane Doe\n{lede}")),
            None
        );
        let lede = "The council voted on Tuesday to close the old library, Nicholas Griffin reports, and to move its collection to the new civic centre.";
        assert_eq!(
            title(&format!(
                "Library to close after council vote\nPublished by Nicholas Griffin in News\n{lede}"
            )),
            Some(0)
        );
        let lede = "【5月10日 AFP】東京都は9日、市内の図書館を来年の春までに新しい市民センターへ移すと発表した。移転の費用は当初の計画より大きく増えた。";
        assert_eq!(
            title(&format!(
                "2024年5月10日 09:30 発信地：東京都 [ 日本 アジア ]\n{lede}"
            )),
            None
        );
    }

    #[test]
    fn a_table_printed_one_cell_a_line_is_the_texts() {
        use super::lists::figure;
        for f in ["114", "56%", "1,250", "$3.99", "-0.5", " 0 "] {
            assert!(figure(f), "{f}");
        }
        for f in ["1.", "09.28.15", "2 hours ago", "%", "Votes", "12H"] {
            assert!(!figure(f), "{f}");
        }
        // A poll's results under their column headings: every line an item.
        let poll = "Response\nVotes\n%\nHe should be closing.\n30\n15%\nHe should pitch late.\n114\n56%\nMiddle relief.\n42\n21%\nHome\nNews";
        let lines = survivors(poll);
        let mut classes = vec![(Class::Furniture, 20); lines.len()];
        cell_tables(&lines, &mut classes);
        assert!(
            classes[..12].iter().all(|c| c.0 == Class::Item),
            "{classes:?}"
        );
        assert!(classes[12..].iter().all(|c| c.0 == Class::Furniture));
        // Hard negatives: a most-read list numbered 1, 2, 3 (twice, or with a chart's
        // position and peak), a headline's comment count, a pager.
        for widget in [
            "1\nFirst headline\n2\nSecond headline\n3\nThird headline\n4\nFourth headline",
            "1\nA\n2\nB\n3\nC\n1\nD\n2\nE\n3\nF",
            "1\n1\nA\n2\n3\nB\n3\n2\nC\n4\n4\nD",
            "One\n275\nTwo\n258\nThree\n204\nFour\n43\nFive\n22\nSix\n8\nSeven\n5",
            "1\n2\n3\n4\n5\nNext",
        ] {
            let lines = survivors(widget);
            let mut classes = vec![(Class::Furniture, 20); lines.len()];
            cell_tables(&lines, &mut classes);
            assert!(classes.iter().all(|c| c.0 == Class::Furniture), "{widget}");
        }
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
}
