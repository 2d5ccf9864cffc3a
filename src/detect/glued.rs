//! `glued-labels`: a widget's label glued to the text that follows it, cut off.
//!
//! Extractors join a block's text to the next block's with no space between them, so a
//! time stamp, a reading time or a section kicker runs into the first sentence of the
//! article: `Updated 09:40 CETThe striker scored twice`, `5 min readThe council voted`,
//! `« on: May 3, 2024, 10:12:01 AM »Thanks for the tip`, `World | AnalysisWhy the vote`.
//! Dropping the line would lose the sentence; keeping it keeps the label. The detector
//! finds the join (a letter, digit or closing mark directly followed by a capital and a
//! small letter, by an opening quote, or by `¿` or `¡` and a capital), within the first
//! `max-label-bytes` of the line,
//! and cuts what stands before it when that is a label by itself:
//!
//! - a date or time stamp, as the `datelines` detector reads one (with its `labels`:
//!   "Updated", "Published", "on"), in «» or not;
//! - a reading time: a number, then one of the `reading-time` words ("min read", "min
//!   Lesezeit", "min de lecture" ...), or one of the `reading-time-labels`, the number
//!   and one of the `reading-time-units` ("Lesezeit: 3 Minuten", "Temps de lecture :
//!   2 min");
//! - a kicker: two to four capitalised words in sections parted by ` | `;
//! - several of these joined by `·`, `|` or `•` ("May 3, 2024 · 5 min read"), or a
//!   byline glued to its stamp or reading time ("By Jane Doe3 min read").
//!
//! What it costs: one scan of each line's first `max-label-bytes` for a join; the label
//! tests run only on the rare line that has one. A name written in camel case
//! ("McDonald", "iPhone", "YouTube") has a join, but what stands before it is no label.

use std::ops::Range;

use super::bylines::{Bylines, ReadingTime, prefix_len};
use super::datelines::CJK_DATE_UNITS;
use super::labels::Labels;
use super::{Datelines, Params, ends_sentence, is_ideograph};
use crate::document::Document;

#[derive(Debug, Clone)]
pub struct GluedLabels {
    /// Bylines beside their stamps ("By Jane Smith | May 3, 2024"), and stamps alone.
    bylines: Bylines,
    max_label_bytes: usize,
    /// The read-also labels: a line is compared only with those its first letter can start.
    read_also: Labels,
}

/// How far into a line a label's first digit or bar may stand: "Published on Wednesday,
/// 12" and "Aktualisiert am 12." fit; a sentence's first number usually stands further.
const MARK_BYTES: usize = 32;

/// Most words a kicker has: "World | Analysis", "Sport | Football | Premier League".
const KICKER_WORDS: usize = 4;

/// How far into a line a read-also headline may run before the text glued to it: the
/// label and a long headline.
const HEADLINE_BYTES: usize = 240;

/// Fewest words of a headline after a read-also label: one word is a section's name.
const HEADLINE_WORDS: usize = 2;

/// Fewest digits of a number that may end a headline glued to a sentence: a year, a
/// count, a score ("2024", "15"); one digit glued to a capital is a name's ("4Runner").
const MIN_NUMBER_DIGITS: usize = 2;

/// The shortest line that can hold a read-also label, a headline and a glued sentence.
const MIN_GLUED_BYTES: usize = 32;

/// Most words of a headline: longer, the line is a paragraph that starts with the label's
/// word ("Related: 71 percent of politics visits to …").
const MAX_HEADLINE_WORDS: usize = 16;

/// Fewest words of the sentence glued to a headline: shorter, what follows a join is more
/// likely the rest of a name written in camel case ("How YouTube changed music").
const GLUED_SENTENCE_WORDS: usize = 5;

impl GluedLabels {
    pub(super) fn new(p: &mut Params) -> Result<Self, String> {
        Ok(GluedLabels {
            bylines: Bylines::new(
                Datelines::with_labels(p.words("labels")?),
                ReadingTime::from_params(p)?,
                p.words("by")?,
            ),
            max_label_bytes: p.usize("max-label-bytes", 80)?,
            read_also: Labels::new(p.words("read-also")?),
        })
    }

    /// Push `(line, span)` for every label to cut.
    /// Lines for which `read(i)` is false are passed over: each line is judged by its
    /// text alone, so one judged before, unchanged since, gives the same answer.
    pub(super) fn detect(
        &self,
        doc: &Document,
        read: &dyn Fn(usize) -> bool,
        out: &mut Vec<(usize, Range<usize>)>,
    ) {
        for (i, line) in doc.lines.iter().enumerate() {
            if line.blank || !read(i) {
                continue;
            }
            let text = doc.line(i);
            let start = text.len() - text.trim_start().len();
            let rest = &text[start..];
            // Labels glued one to the next ("World | AnalysisEurope | PoliticsWhy …") go
            // in one cut: the rest of the line, judged again in the next pass, must not
            // open with another, or each pass would take one more and the output would
            // not be a fixed point.
            let mut end = 0;
            while let Some(join) = self
                .label_end(&rest[end..])
                .or_else(|| self.headline_end(&rest[end..]))
            {
                end += join;
            }
            if end > 0 {
                out.push((i, line.start + start..line.start + start + end));
            }
        }
    }

    /// Where the label at the start of `text` ends, if it has one glued to what follows.
    fn label_end(&self, text: &str) -> Option<usize> {
        let head = &text[..text.floor_char_boundary(self.max_label_bytes)];
        let bytes = head.as_bytes();
        // A label holds a digit or a `|` (a time stamp, a reading time, a kicker), and the
        // join comes after it: lines without one, most of them, end here.
        // A middle dot or a bullet parts a byline from its date as a bar does: the byte
        // that ends each (0xB7 of `·`, 0xA2 of `•`) marks it.
        let first = bytes[..bytes.len().min(MARK_BYTES)]
            .iter()
            .position(|b| b.is_ascii_digit() || *b == b'|' || *b == 0xB7 || *b == 0xA2)?;
        joins(text, first + 1, bytes.len(), Join::AfterLabel).find(|&at| {
            let left = &text[..at];
            // Chinese and Japanese write a date straight into a sentence ("3月12日上午，
            // 市议会…", "1月1日の豆知識"): there, only a stamp behind its label
            // ("发布时间：2024年3月12日市议会…") is the page's, not the sentence's.
            self.is_label(left)
                && (!text[at..].starts_with(is_ideograph) || self.bylines.is_labelled(left))
        })
    }

    /// Where a read-also label's headline ends, if a sentence is glued to it: "Lire aussi :
    /// Le budget en hausseLes résultats sont tombés mardi soir." The first join after the
    /// headline's first words that a sentence of `GLUED_SENTENCE_WORDS` words or more
    /// follows; a join inside a name ("iPhone", "McDonald's") that no sentence follows
    /// is passed over.
    fn headline_end(&self, text: &str) -> Option<usize> {
        // A label, two words and a sentence of five: shorter lines, most of them, have none.
        if text.len() < MIN_GLUED_BYTES {
            return None;
        }
        // Most lines: a table lookup, then a comparison of bytes. A label with a letter
        // past ASCII ("lee también"), or a line that opens with one, is compared by
        // characters: an uppercase one is another byte ("LEE TAMBIÉN", "İLGİLİ").
        let ascii = text.as_bytes().first()?.is_ascii();
        let label = self.read_also.candidates(text).iter().find_map(|label| {
            if ascii && label.is_ascii() {
                text.as_bytes()
                    .get(..label.len())
                    .is_some_and(|head| head.eq_ignore_ascii_case(label.as_bytes()))
                    .then_some(label.len())
            } else {
                prefix_len(text, label)
            }
        });
        let label = label?;
        // The label ends at a word's end, then a colon, a dash or a bar may follow.
        if text[label..]
            .chars()
            .next()
            .is_some_and(char::is_alphanumeric)
        {
            return None;
        }
        let after = text[label..].trim_start_matches(|c: char| {
            c.is_whitespace() || matches!(c, ':' | '：' | '-' | '–' | '|')
        });
        let from = text.len() - after.len();
        let end = text.floor_char_boundary(HEADLINE_BYTES.min(text.len()));
        joins(text, from + 1, end, Join::Sentence).find(|&at| {
            let headline = &text[from..at];
            let words = headline.split_whitespace().count();
            (HEADLINE_WORDS..=MAX_HEADLINE_WORDS).contains(&words)
                // A paragraph that starts "Related: …" is no headline: no sentence ends
                // inside a headline.
                && !headline.contains(". ")
                && !camel_case(headline, &text[at..])
                && ends_sentence(&text[at..])
                && text[at..].split_whitespace().count() >= GLUED_SENTENCE_WORDS
        })
    }

    fn is_label(&self, prefix: &str) -> bool {
        let parts = Bylines::parts(prefix);
        (parts.len() > 1 && self.kicker(&parts)) || self.bylines.is_stamped(&parts)
    }

    /// Sections of one to two capitalised words without digits, two to `KICKER_WORDS`
    /// words in all.
    fn kicker(&self, parts: &[&str]) -> bool {
        let words: usize = parts.iter().map(|p| p.split_whitespace().count()).sum();
        (2..=KICKER_WORDS).contains(&words)
            && parts.iter().all(|p| {
                let n = p.split_whitespace().count();
                (1..=2).contains(&n)
                    && p.split_whitespace().all(|w| {
                        // "Analysis", not "CheatsCodesGuides" (a row of glued links).
                        let mut chars = w.chars();
                        chars.next().is_some_and(char::is_uppercase)
                            && chars.all(|c| c.is_alphabetic() && !c.is_uppercase())
                    })
            })
    }
}

/// What may follow a join, besides a capital and a small letter or an opening quote.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Join {
    /// After a headline: besides a capital and a small letter, only one of the
    /// [`ONE_LETTER_WORDS`] alone after a small letter ("…novo pacoteO presidente disse");
    /// another lone capital glued to a word is more often a name's ("ProjectX is") than a
    /// sentence's first word.
    Sentence,
    /// After what must be a whole label by itself (a stamp, a byline, a reading time):
    /// also a capital that is a word of its own ("…de 2024A câmara aprovou", "…2024I
    /// think"), and a letter of a script without case right after the stamp's last
    /// digit or date unit ("…12 مارس 2024وافق المجلس", "…2024年3月12日市议会").
    AfterLabel,
}

/// The capitals that are words of their own and open sentences in the pack languages:
/// articles, prepositions, pronouns and conjunctions of one letter (English "A", "I";
/// Portuguese "O", "A", "E", "É"; Spanish "Y", "A"; Italian "E", "I", "A"; French "À";
/// Dutch "U"; Polish "W", "Z", "I", "O"; Russian "В", "С", "К", "И", "А", "О", "У", "Я").
const ONE_LETTER_WORDS: &[char] = &[
    'A', 'I', 'O', 'E', 'Y', 'U', 'W', 'Z', 'À', 'É', 'В', 'С', 'К', 'И', 'А', 'О', 'У', 'Я',
];

/// The joins in `text[from..to]`: where a capital and a small letter, an opening quote
/// and a letter, or Spanish's `¿` or `¡` and a capital, follow a letter, a digit or a
/// closing mark with no space between them.
fn joins(text: &str, from: usize, to: usize, kind: Join) -> impl Iterator<Item = usize> + '_ {
    let bytes = text.as_bytes();
    (from..to).filter(move |&at| {
        let b = bytes[at];
        // Only an ASCII capital, a quote or the lead byte of a wider character can
        // start what follows a join.
        if !(b.is_ascii_uppercase() || b == b'"' || b >= 0xC0) || !text.is_char_boundary(at) {
            return false;
        }
        let Some(prev) = text[..at].chars().next_back() else {
            return false;
        };
        if prev.is_whitespace() || matches!(prev, '(' | '[' | '"' | '“' | '«' | '-') {
            return false;
        }
        let mut after = text[at..].chars();
        let c = after.next().expect("inside the text");
        let next = after.next();
        // A capital that is a word of its own, a small word after it: "…2024A câmara".
        let mut lone_capital = || {
            c.is_uppercase()
                && next.is_some_and(char::is_whitespace)
                && after.next().is_some_and(char::is_lowercase)
        };
        (c.is_uppercase() && next.is_some_and(char::is_lowercase))
            || (matches!(c, '“' | '«' | '"' | '„') && next.is_some_and(char::is_alphabetic))
            // Spanish opens a question or an exclamation with its mark turned over.
            || (matches!(c, '¿' | '¡') && next.is_some_and(char::is_uppercase))
            || (match kind {
                Join::Sentence => prev.is_lowercase() && ONE_LETTER_WORDS.contains(&c),
                Join::AfterLabel => !prev.is_uppercase(),
            } && lone_capital())
            || (kind == Join::AfterLabel
                && (prev.is_ascii_digit() || CJK_DATE_UNITS.contains(&prev))
                && !c.is_ascii()
                && !CJK_DATE_UNITS.contains(&c)
                && c.is_alphabetic()
                && !c.is_uppercase()
                && !c.is_lowercase())
    })
}

/// Whether the join between `left` and `right` is inside a word written in camel case
/// ("FiveThirtyEight", "GOProud", "iPhone", "McDonald's"): an acronym or a word of one or
/// two letters before it, or another capital inside the word on either side. A headline's
/// last word and a sentence's first are each written as words are. A headline may end
/// with a number of its own ("Les élections de 2024Les résultats…"): a token of
/// `MIN_NUMBER_DIGITS` digits or more after a space is no name's part, as the digit in
/// "4Runner" or "3Com" is.
fn camel_case(left: &str, right: &str) -> bool {
    // A figure or a question that ends the headline ("… sube un 5%Los resultados",
    // "Was kommt jetzt?Der Rat …") is no part of a name.
    if left.ends_with(['%', '?', '!', '”', '»']) {
        return false;
    }
    let digits = left.bytes().rev().take_while(u8::is_ascii_digit).count();
    if digits > 0 {
        let number_alone = left[..left.len() - digits].ends_with(char::is_whitespace);
        let after = right.split(char::is_whitespace).next().unwrap_or("");
        return !(number_alone
            && digits >= MIN_NUMBER_DIGITS
            && !after.chars().skip(1).any(char::is_uppercase));
    }
    let word_start = left
        .char_indices()
        .rev()
        .take_while(|(_, c)| c.is_alphabetic())
        .last()
        .map_or(left.len(), |(i, _)| i);
    let before = &left[word_start..];
    let after = right.split(char::is_whitespace).next().unwrap_or("");
    let inner_capital = |word: &str| {
        word.chars()
            .zip(word.chars().skip(1))
            .any(|(a, b)| a.is_lowercase() && b.is_uppercase())
    };
    before.chars().count() < 3
        || before.chars().next_back().is_some_and(char::is_uppercase)
        || inner_capital(before)
        || inner_capital(after)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn det() -> GluedLabels {
        let mut t = toml::Table::new();
        t.insert(
            "labels".into(),
            toml::Value::Array(
                ["updated", "published", "on", "发布时间", "نشر في"]
                    .map(|s| s.into())
                    .to_vec(),
            ),
        );
        t.insert(
            "by".into(),
            toml::Value::Array(["by", "von", "par", "texte :"].map(|s| s.into()).to_vec()),
        );
        t.insert(
            "read-also".into(),
            toml::Value::Array(
                [
                    "read more",
                    "related",
                    "lire aussi",
                    "читайте также",
                    "lee también",
                    "leia também",
                    "ilginizi çekebilir",
                ]
                .map(|s| s.into())
                .to_vec(),
            ),
        );
        t.insert(
            "reading-time".into(),
            toml::Value::Array(
                ["min read", "min lesezeit", "min de lecture"]
                    .map(|s| s.into())
                    .to_vec(),
            ),
        );
        GluedLabels::new(&mut Params::new(&t)).unwrap()
    }

    #[test]
    fn cuts_labels() {
        let d = det();
        for (line, label) in [
            ("5 min readThe council voted on Tuesday.", "5 min read"),
            (
                "Updated 09:40 CETThe striker scored twice.",
                "Updated 09:40 CET",
            ),
            (
                "« on: May 3, 2024, 10:12:01 AM »Thanks for the tip.",
                "« on: May 3, 2024, 10:12:01 AM »",
            ),
            (
                "May 3, 2024 · 5 min readThe council voted.",
                "May 3, 2024 · 5 min read",
            ),
            (
                "World | AnalysisWhy the council voted to close it.",
                "World | Analysis",
            ),
            ("12 Min LesezeitDer Rat hat entschieden.", "12 Min Lesezeit"),
            (
                "By Jane Smith | Updated May 3, 2024The council voted.",
                "By Jane Smith | Updated May 3, 2024",
            ),
            (
                "Ana de la Fuente · 5 min readThe council voted.",
                "Ana de la Fuente · 5 min read",
            ),
            (
                "Texte : Jean Dupont | 3 min de lectureLe conseil a voté mardi.",
                "Texte : Jean Dupont | 3 min de lecture",
            ),
            // A sentence that opens with a word of one capital, a script without case
            (
                "Published 12 March 2024A new law passed.",
                "Published 12 March 2024",
            ),
            ("نشر في 12 مارس 2024وافق المجلس.", "نشر في 12 مارس 2024"),
            (
                "发布时间：2024年3月12日市议会周二批准了预算。",
                "发布时间：2024年3月12日",
            ),
        ] {
            assert_eq!(
                d.label_end(line).map(|at| &line[..at]),
                Some(label),
                "{line}"
            );
        }
    }

    /// `detect` judges each line by its text alone, which lets a later pass skip the
    /// lines an earlier one read (`Detector::detect_cuts`): the same line gets the same
    /// cut whatever stands around it.
    #[test]
    fn a_line_is_judged_alone() {
        let d = det();
        let line = "5 min readThe council voted on Tuesday.";
        let cut_in = |text: &str| {
            let doc = Document::new(text);
            let mut out = Vec::new();
            d.detect(&doc, &|_| true, &mut out);
            out.into_iter()
                .map(|(i, span)| (doc.line(i).to_string(), span.len()))
                .collect::<Vec<_>>()
        };
        let alone = cut_in(line);
        assert_eq!(alone, [(line.to_string(), "5 min read".len())]);
        for context in [
            "Updated 09:40 CETThe striker scored twice.\n",
            "World\nAnalysis\n\n",
            "Read more: How YouTube changed music\n",
        ] {
            let text = format!("{context}{line}\n{context}");
            let ours: Vec<_> = cut_in(&text)
                .into_iter()
                .filter(|(l, _)| l == line)
                .collect();
            assert_eq!(ours, alone, "{context:?}");
        }
    }

    #[test]
    fn leaves_names_and_sentences() {
        let d = det();
        for line in [
            "McDonald's opened 12 new restaurants in 2024.",
            "The iPhone 15 sold well in May 2024.",
            "In 2024YouTube changed its rules.",
            "World Cup | The final was played in Qatar.",
            "Paris, London and BerlinThe three cities",
            "CheatsCodesGuides | FilePlanet | 3D Gamers",
            // A name beside a name, with no stamp, is a menu's or a kicker's.
            "Jane Smith | Ana Ruiz | The council voted.",
            "By Jane Smith | Ana RuizThe council voted on the 3rd.",
            // a date a Chinese or Japanese sentence opens with
            "3月12日上午，市议会批准了预算。",
            "1月 1日の豆知識",
            "366日への旅",
        ] {
            assert_eq!(d.label_end(line), None, "{line}");
        }
    }

    #[test]
    fn cuts_read_also_headlines_at_the_glued_sentence() {
        let d = det();
        for (line, label) in [
            (
                "Read more: Storm closes schoolsWhat happens next for the pupils of the town?",
                "Read more: Storm closes schools",
            ),
            (
                "Lire aussi : Le budget de la ville en hausseLes résultats sont tombés mardi soir.",
                "Lire aussi : Le budget de la ville en hausse",
            ),
            (
                "ЧИТАЙТЕ ТАКЖЕ: Бюджет города вырос в этом годуРезультаты голосования объявили во вторник вечером.",
                "ЧИТАЙТЕ ТАКЖЕ: Бюджет города вырос в этом году",
            ),
            (
                "RELATED Storm Closes Schools Across The RegionThe mayor said the plan would be ready by June.",
                "RELATED Storm Closes Schools Across The Region",
            ),
            (
                "Lire aussi : Les élections municipales de 2024Les résultats du premier tour ont surpris.",
                "Lire aussi : Les élections municipales de 2024",
            ),
            // A label with a letter past ASCII, in capitals.
            (
                "LEE TAMBIÉN: Así fue la noche electoralLos resultados sorprendieron a todos los analistas.",
                "LEE TAMBIÉN: Así fue la noche electoral",
            ),
            (
                "LEIA TAMBÉM: O orçamento da cidade subiuOs resultados saíram na terça-feira à noite.",
                "LEIA TAMBÉM: O orçamento da cidade subiu",
            ),
            // Turkish capitalises `i` as `İ`.
            (
                "İlginizi çekebilir: Belediyenin yeni bütçesiMeclis üyeleri salı akşamı bütçeyi kabul etti.",
                "İlginizi çekebilir: Belediyenin yeni bütçesi",
            ),
        ] {
            assert_eq!(
                d.headline_end(line).map(|at| &line[..at]),
                Some(label),
                "{line}"
            );
        }
    }

    #[test]
    fn leaves_paragraphs_that_start_with_a_read_also_word() {
        let d = det();
        for line in [
            // A paragraph, with a name in camel case: no headline ends there.
            "Related: 71 percent of politics visits to The New York Times last week “included a stop at FiveThirtyEight,” Marc Tracy writes.",
            "RELATED: GOProud's 2012 endorsees did not fare very well, and most of them lost.",
            // Camel case inside a headline, and no sentence after it.
            "Read more: How YouTube changed music",
            "Read more: Apple's new iPhone is here and it costs more than ever before.",
            "Read more: McDonald's to close 200 stores in the spring and summer.",
            // A word that only starts like a label.
            "Relatedness: The two species share a common ancestor, biologists say.",
            // A name that starts with a digit, and a model number glued to its name.
            "Read more: Toyota recalls the 4Runner after a fault in the brakes was found.",
            "Read more: Why 3Com lost the network market to a rival in the nineties.",
            "Read more: The A320neo and the 737MAX compared by the pilots who fly them.",
        ] {
            assert_eq!(d.headline_end(line), None, "{line}");
        }
    }
}
