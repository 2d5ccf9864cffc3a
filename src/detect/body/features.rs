//! A line's word features (words, stopwords, numbers, letters), read once per input line
//! and kept from pass to pass, and the document's stopword scale. The lines the language
//! is told from are read once for every language ([`Sample`]), not once to tell the
//! language and again for its stopwords.
//!
//! Cost: one pass over a line's bytes (ASCII) or characters (two for a line of
//! ideographs, whose clause marks are counted apart), one stoplist lookup a word; 24 bytes
//! a line in the memo.

use super::*;

/// Each input line's [`Features`] in the document's language, kept from pass to pass
/// (see `crate::memo`): filled as lines are first read, allocated on the first, 24 bytes
/// a line.
#[derive(Debug, Default)]
pub struct FeaturesMemo {
    lines: usize,
    features: Vec<Packed>,
    /// Whether the input reads as a page dump, once main-body first judged it: the pass
    /// after a trim sees what looks like an extractor's output, and is still a page's.
    pub(super) page_dump: Option<bool>,
    /// The language main-body first told the document's lines to be in: the passes after
    /// a trim read the same article, and take it from here rather than sampling again.
    pub(super) lang: Option<usize>,
}

/// [`Features`] and the language they were read for; `lang` [`u32::MAX`] when unread.
#[derive(Debug, Clone, Copy)]
pub(super) struct Packed {
    lang: u32,
    words: u32,
    stops: u32,
    numbers: u32,
    weight: u32,
    marks: u32,
}

pub(super) const UNREAD: Packed = Packed {
    lang: u32::MAX,
    words: 0,
    stops: 0,
    numbers: 0,
    weight: 0,
    marks: 0,
};

impl FeaturesMemo {
    pub fn new(lines: usize) -> FeaturesMemo {
        FeaturesMemo {
            lines,
            features: Vec::new(),
            page_dump: None,
            lang: None,
        }
    }

    /// Input line `i`'s features for language `lang`, read by `read` the first time.
    pub(super) fn get(
        &mut self,
        i: usize,
        lang: usize,
        read: impl FnOnce() -> Features,
    ) -> Features {
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
                marks: p.marks as usize,
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
                marks: u32::try_from(f.marks).ok()?,
            })
        })();
        // A line too long to pack is read again each pass.
        self.features[i] = packed.unwrap_or(UNREAD);
        f
    }
}

/// What the score of a line is made of.
#[derive(Debug, Default, Clone, Copy)]
pub(super) struct Features {
    /// Words, numbers and ideographs.
    pub(super) words: usize,
    pub(super) stops: usize,
    pub(super) numbers: usize,
    /// Letters and digits, an ideograph counting three (it carries a word's meaning) and
    /// a Hangul syllable two (it writes two or three letters: a consonant, a vowel, often
    /// a final consonant), so that a paragraph in Chinese or Korean weighs what the same
    /// paragraph does in a language written in letters.
    pub(super) weight: usize,
    /// The clause marks of a line written in ideographs (`，` `。` `、` `；`).
    /// Chinese marks with them what other languages mark with function words: the
    /// stoplist's characters are 5 to 8% of a Xinhua paragraph's, no more than of its
    /// headlines, while a paragraph has a mark every ten to twenty characters and a
    /// headline or a menu none. Counted as stopwords in [`Features::density`].
    pub(super) marks: usize,
}

impl Features {
    /// The share of the line's words that are stopwords. Numbers are neither stopwords
    /// nor words here: a date or a price says nothing of the language.
    pub(super) fn density(&self) -> f64 {
        let words = self.words - self.numbers + self.marks;
        if words == 0 {
            0.0
        } else {
            (self.stops + self.marks) as f64 / words as f64
        }
    }

    /// The line's features, `is_stop` telling a word of the document's language.
    pub(super) fn of(text: &str, mut is_stop: impl FnMut(&str) -> bool) -> Features {
        Self::read(text, |word, elidable| {
            is_stop(word) || (elidable && elided(word).is_some_and(&mut is_stop))
        })
    }

    /// The line's features, `stop(word, elidable)` telling whether a word (never a
    /// number) is a stopword; `elidable` when the word may hold an elided article.
    pub(super) fn read(text: &str, stop: impl FnMut(&str, bool) -> bool) -> Features {
        if text.is_ascii() {
            Self::of_ascii(text, stop)
        } else {
            Self::of_tokens(text, stop)
        }
    }

    /// [`Features::read`] for any text, token by token.
    pub(super) fn of_tokens(text: &str, mut stop: impl FnMut(&str, bool) -> bool) -> Features {
        let mut f = Features::default();
        let mut ideographs = false;
        for token in tokens(text) {
            f.words += 1;
            ideographs |= token.kind == TokenKind::Ideograph;
            let n = match token.kind {
                TokenKind::Number => {
                    f.numbers += 1;
                    token.text.bytes().filter(u8::is_ascii_digit).count()
                }
                TokenKind::Ideograph => 1,
                TokenKind::Word | TokenKind::Capitalised if token.text.is_ascii() => {
                    token.text.bytes().filter(u8::is_ascii_alphanumeric).count()
                }
                TokenKind::Word | TokenKind::Capitalised => token
                    .text
                    .chars()
                    .filter(|&c| is_alphanumeric(c))
                    .map(letter_weight)
                    .sum(),
            };
            f.weight += if token.kind == TokenKind::Ideograph {
                3
            } else {
                n
            };
            // An apostrophe is `'` or `’`, whose first byte (0xE2) few letters share:
            // a token without either has no elided article to look up.
            let elidable = token.text.bytes().any(|b| b == b'\'' || b == 0xE2);
            if token.kind != TokenKind::Number && stop(token.text, elidable) {
                f.stops += 1;
            }
        }
        if ideographs {
            f.marks = text.chars().filter(|&c| is_clause_mark(c)).count();
        }
        f
    }

    /// [`Features::read`] for a line of ASCII text (most of the web's), in one loop over
    /// its bytes: the tokens of [`tokens`] (an apostrophe between letters, and `.`, `,` or
    /// `:` between the digits of a number, stay inside a token), counted as they are
    /// found, with no character decoded and no second pass over a token.
    pub(super) fn of_ascii(text: &str, mut stop: impl FnMut(&str, bool) -> bool) -> Features {
        let mut f = Features::default();
        ascii_tokens(text, |t| {
            f.words += 1;
            f.weight += t.alphanumeric;
            if t.number {
                f.numbers += 1;
            // Only a token with an apostrophe can be elided ("l'homme").
            } else if stop(t.text, t.apostrophe) {
                f.stops += 1;
            }
        });
        f
    }
}

/// A mark that ends a clause or a sentence of Chinese or Japanese prose: the ideographic
/// comma and full stop, the enumeration comma, the fullwidth comma and semicolon. Not
/// the colon, which labels use ("来源：新华网"), nor `！` and `？`, which end headlines
/// as often as sentences ("商品の改造が商標法違反に！？").
pub(super) fn is_clause_mark(c: char) -> bool {
    matches!(c, '\u{3001}' | '\u{3002}' | '\u{FF0C}' | '\u{FF1B}')
}

/// A line's letters and digits weighed as [`Features::weight`] weighs a word's (an
/// ideograph three, a Hangul syllable two, any other one), for a detector whose
/// thresholds are in letters of text: one notion of how much text a line holds,
/// whatever its script. `chars`: the line's letters and digits, counted one each.
///
/// Cost: nothing for an ASCII line; a scan of the bytes of any other, and a character
/// walk only of a line that holds a character led by a byte from 0xE3 on (ideographs,
/// Hangul, fullwidth forms, emoji): a curly quote (0xE2) in a Latin line does not.
pub(crate) fn weighted_letters(text: &str, chars: usize) -> usize {
    if text.is_ascii() || !wide(text.as_bytes()) {
        return chars;
    }
    chars
        + text
            .chars()
            .map(|c| match c {
                c if crate::detect::is_ideograph(c) => 2,
                c => letter_weight(c) - 1,
            })
            .sum::<usize>()
}

/// Whether `bytes` hold a byte from 0xE3 on: the maximum of each 32 bytes is taken
/// without a branch (the compiler makes it a few vector instructions), and only then
/// compared.
fn wide(bytes: &[u8]) -> bool {
    let mut chunks = bytes.chunks_exact(32);
    for chunk in &mut chunks {
        if chunk.iter().fold(0, |m, &b| m.max(b)) >= 0xE3 {
            return true;
        }
    }
    chunks.remainder().iter().any(|&b| b >= 0xE3)
}

/// What a letter of a word that is not an ideograph weighs: two for a precomposed Hangul
/// syllable (가 to 힣), which writes two or three letters, one for any other.
pub(super) fn letter_weight(c: char) -> usize {
    match c {
        '\u{AC00}'..='\u{D7A3}' => 2,
        _ => 1,
    }
}

/// The words of the lines the document's language is told from, read once for every
/// language: each sampled line's features but its stopwords, and the stoplists' mask of
/// each of its words. The language found, the line's stopwords are counted from the
/// masks, and the lines most of a document's words are on are not read a second time.
///
/// Cost: four bytes a word of the sample (at most `SAMPLE_CHARS` letters).
#[derive(Debug, Default)]
pub(super) struct Sample {
    /// Each sampled line's position among the survivors (ascending), its features with no
    /// stopword counted, and where its words' masks are in `masks`.
    lines: Vec<(usize, Features, std::ops::Range<usize>)>,
    masks: Vec<LangMask>,
}

impl Sample {
    /// Reads the line at survivor position `pos` (after those read before it):
    /// `masks(word)` gives the languages that list a word, anywhere and among their first
    /// words; `first` is told the second of every word's.
    pub(super) fn read(
        &mut self,
        pos: usize,
        text: &str,
        mut masks: impl FnMut(&str) -> (LangMask, LangMask),
        mut first: impl FnMut(LangMask),
    ) {
        let from = self.masks.len();
        // Numbers are not read: no stoplist lists one among its first words (a test
        // holds the built-in lists to that), so they tell no language.
        let f = Features::read(text, |word, elidable| {
            let (mut all, core) = masks(word);
            first(core);
            if elidable && let Some(head) = elided(word) {
                all |= masks(head).0;
            }
            self.masks.push(all);
            false
        });
        self.lines.push((pos, f, from..self.masks.len()));
    }

    /// The features of the line at survivor position `pos`, if it was sampled, with the
    /// stopwords of the language `bit`.
    pub(super) fn features(&self, pos: usize, bit: LangMask) -> Option<Features> {
        let k = self.lines.binary_search_by_key(&pos, |l| l.0).ok()?;
        let (_, f, range) = &self.lines[k];
        let stops = self.masks[range.clone()]
            .iter()
            .filter(|&&m| m & bit != 0)
            .count();
        Some(Features { stops, ..*f })
    }
}

/// The article or pronoun elided before an apostrophe, as French, Italian and Catalan
/// write it: `l` of "l'Assemblée", `dell` of "dell'anno", `qu` of "qu'il". The stoplists
/// hold these stems, and without them French prose reads as a list of names.
pub(super) fn elided(token: &str) -> Option<&str> {
    let (head, rest) = token.split_once(['\'', '’'])?;
    (!head.is_empty() && head.chars().count() <= 4 && !rest.is_empty()).then_some(head)
}

/// Stopword share of the sentences of English, French or German prose, read with our
/// function-word lists.
pub(super) const REFERENCE_DENSITY: f64 = 0.42;

/// The lowest the stopword thresholds scale to: Turkish prose holds 0.07 to 0.21 of its
/// words on a function-word list (it suffixes what English says with a preposition),
/// about a third of English prose's share.
pub(super) const MIN_DENSITY_SCALE: f64 = 0.25;

/// How far the stopword thresholds scale for this document's language: languages that
/// inflect rather than use function words (Russian, Polish, Turkish, Finnish, Arabic)
/// have fewer of them in every sentence, and their prose must not read as a list. The
/// document's own sentences tell: the median stopword share of its long lines that end a
/// sentence, against the share in English, French or German prose. Never above 1, never
/// below [`MIN_DENSITY_SCALE`]; 1 with fewer than two sentences to tell.
pub(super) fn density_scale(lines: &[Survivor], features: &[Features]) -> f64 {
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
    (median / REFERENCE_DENSITY).clamp(MIN_DENSITY_SCALE, 1.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_features_are_the_tokens_features() {
        let is = |w: &str| {
            matches!(
                w.to_lowercase().as_str(),
                "the" | "of" | "a" | "l" | "don't"
            )
        };
        let stop = |w: &str, elidable: bool| is(w) || (elidable && elided(w).is_some_and(is));
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

    /// The sample's features, counted from masks for any language, are the features
    /// read for that language.
    #[test]
    fn sampled_features_are_the_features_read_for_the_language() {
        let lists = Stoplists::new(&["en".into(), "fr".into(), "ru".into()], &[]).unwrap();
        let lines = [
            "The end of a line, don't stop: 1,200.50 km at 9:30.",
            "L'homme qu'il a vu n'est pas là, dit-on, à 9h.",
            "l’Assemblée et les députés de l'Union",
            "Это не так, как он сказал 12 мая.",
            "",
        ];
        let mut sample = Sample::default();
        let mut scratch = String::new();
        let mut firsts = 0;
        for (pos, text) in lines.iter().enumerate() {
            sample.read(
                pos,
                text,
                |w| lists.masks(w, &mut scratch),
                |m| firsts += m.count_ones(),
            );
        }
        assert!(firsts > 0);
        for bit in 0..3 {
            for (pos, text) in lines.iter().enumerate() {
                let read = Features::of(text, |w| lists.mask(w, &mut scratch) & (1 << bit) != 0);
                let sampled = sample.features(pos, 1 << bit).unwrap();
                assert_eq!(
                    (read.words, read.stops, read.numbers, read.weight),
                    (
                        sampled.words,
                        sampled.stops,
                        sampled.numbers,
                        sampled.weight
                    ),
                    "{text:?} in language {bit}"
                );
            }
        }
    }

    /// A line's text weighs what its words weigh in [`Features`], whatever its script.
    #[test]
    fn weighted_letters_are_the_features_weight() {
        for text in [
            "市议会周二投票",
            "Votes, 2024!",
            "서울시는 요금을",
            "l’Assemblée — 3 €",
            "",
        ] {
            let f = Features::of(text, |_| false);
            let chars = text.chars().filter(|&c| is_alphanumeric(c)).count();
            assert_eq!(weighted_letters(text, chars), f.weight, "{text:?}");
        }
        assert_eq!(weighted_letters("市议会 votes", 8), 3 * 3 + 5);
        // An ideograph in any 32-byte chunk, or in the tail after the last one, weighs.
        let latin = "The council’s vote was final, ".repeat(3);
        for at in [0, 31, 32, 33, latin.len()] {
            let (head, tail) = latin.split_at(latin.floor_char_boundary(at));
            let text = format!("{head}市{tail}");
            let chars = text.chars().filter(|&c| is_alphanumeric(c)).count();
            assert_eq!(weighted_letters(&text, chars), chars + 2, "{at}");
        }
        let chars = latin.chars().filter(|&c| is_alphanumeric(c)).count();
        assert_eq!(weighted_letters(&latin, chars), chars);
    }

    /// Chinese wire copy holds few of the stoplist's characters, no more than its
    /// headlines do: its clause marks tell the paragraph, and the sampled features keep
    /// them.
    #[test]
    fn clause_marks_tell_a_chinese_paragraph_from_a_headline() {
        let lists = Stoplists::new(&["zh".into()], &[]).unwrap();
        let mut scratch = String::new();
        let paragraph = "同时，各地铁路局加快推进专用线建设，新开通铁路专用线四十二条，企业物流成本明显下降。业内人士表示，铁路货运增量进一步带动交通运输结构调整，公转铁成效持续显现。";
        let headline = "全国铁路货运量前十月同比增长 中欧班列新增三条线路";
        let read = |text: &str| {
            let mut scratch = String::new();
            Features::of(text, |w| lists.mask(w, &mut scratch) != 0)
        };
        let (p, h) = (read(paragraph), read(headline));
        assert_eq!(p.marks, 7);
        assert_eq!(h.marks, 0);
        // The lowest prose threshold: `prose-stopwords` (0.30) at the lowest scale.
        let lowest = 0.30 * MIN_DENSITY_SCALE;
        assert!(p.stops as f64 / ((p.words - p.numbers) as f64) < lowest);
        assert!(p.density() > lowest, "{}", p.density());
        // A headline has none: its share is its stopwords' alone.
        assert_eq!(h.density(), h.stops as f64 / (h.words - h.numbers) as f64);
        let mut sample = Sample::default();
        sample.read(0, paragraph, |w| lists.masks(w, &mut scratch), |_| {});
        assert_eq!(sample.features(0, 1).unwrap().marks, 7);
    }
}
