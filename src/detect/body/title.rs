//! The headline above the body (`keep-title`).
//!
//! Cost: nothing on most pages (no line above the body has a headline's shape); else one
//! lowercase copy of the body's opening and a few substring searches.

use super::*;

/// Lines above the body searched for its headline: the headline, a byline, a dateline
/// and a kicker or a share row between them.
pub(super) const TITLE_REACH: usize = 4;

/// A headline's length in words: "Storm closes schools" to a long news headline.
pub(super) const TITLE_WORDS: (usize, usize) = (3, 25);

/// Content words a headline shares with the lede: one alone is often a site's name or a
/// topic in a menu.
pub(super) const TITLE_SHARED_WORDS: usize = 2;

/// Shorter words are too often inflections, numbers' units or abbreviations to match on.
pub(super) const TITLE_MIN_WORD: usize = 4;

/// A phrase the headline quotes from the lede, as many words in a row, two of them no
/// stopwords, is evidence enough by itself: "The End of Men, Revisited" over a lede on
/// "The End of Men", whose words are too short to count one by one.
pub(super) const TITLE_PHRASE_WORDS: usize = 3;

/// How much of the body's opening the headline is compared with: the lede and the
/// paragraph after it.
pub(super) const TITLE_OPENING_BYTES: usize = 1000;

impl MainBody {
    /// The article's headline above the body, if there is one: of the `TITLE_REACH`
    /// lines above it that read as a headline (a few words, no full stop, not a
    /// paragraph), the one that shares the most content words (not stopwords,
    /// `TITLE_MIN_WORD` letters or more) with the body's opening, at least
    /// `TITLE_SHARED_WORDS` (ties: the nearest); when none does, the nearest that quotes
    /// a `TITLE_PHRASE_WORDS`-word phrase of it. A byline, a dateline or a kicker may
    /// stand between them. Menus, section labels and teasers for other stories do not
    /// repeat the lede's words.
    pub(super) fn title(&self, lines: &[Survivor], lang: usize, start: usize) -> Option<usize> {
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
        let candidates: Vec<usize> = (start.saturating_sub(TITLE_REACH)..start)
            .rev()
            .filter(looks_like)
            .collect();
        if candidates.is_empty() {
            return None;
        }
        let mut opening = String::new();
        for line in &lines[start..] {
            opening.push_str(&line.text.to_lowercase());
            opening.push(' ');
            if opening.len() >= TITLE_OPENING_BYTES {
                break;
            }
        }
        let bit: LangMask = 1 << lang;
        let mut scratch = String::new();
        let mut content = |w: &str| self.lists.masks(w, &mut scratch).1 & bit == 0;
        // Of the candidates sharing enough words, the one sharing the most (ties: the
        // nearest): a byline between the headline and the lede shares the author's name
        // with the author box below the article, and is nearer.
        let mut best: Option<(usize, usize)> = None;
        let lowered: Vec<String> = candidates
            .iter()
            .map(|&i| lines[i].text.to_lowercase())
            .collect();
        for (&i, text) in candidates.iter().zip(&lowered) {
            let mut shared: Vec<&str> = tokens(text)
                .filter(|t| matches!(t.kind, TokenKind::Word | TokenKind::Capitalised))
                .map(|t| t.text)
                .filter(|w| letters(w) >= TITLE_MIN_WORD)
                .filter(|w| opens_word(&opening, stem(w)))
                .filter(|w| content(w))
                .collect();
            shared.sort_unstable();
            shared.dedup();
            let evidence = shared.len();
            if evidence >= TITLE_SHARED_WORDS && best.is_none_or(|(_, e)| evidence > e) {
                best = Some((i, evidence));
            }
        }
        if let Some((i, _)) = best {
            return Some(i);
        }
        // Else the nearest that quotes a phrase of the lede, its words as the lede's
        // words are, one space apart.
        let mut words = String::from(" ");
        for t in tokens(&opening) {
            words.push_str(t.text);
            words.push(' ');
        }
        let mut phrase = String::new();
        candidates.iter().zip(&lowered).find_map(|(&i, text)| {
            // Words of a script that spaces them: three ideographs in a row are no phrase
            // (each one stands for a word, and a dateline shares them with the lede).
            let title: Vec<Option<&str>> = tokens(text)
                .map(|t| {
                    matches!(t.kind, TokenKind::Word | TokenKind::Capitalised).then_some(t.text)
                })
                .collect();
            title
                .windows(TITLE_PHRASE_WORDS)
                .any(|window| {
                    let Some(window) = window.iter().copied().collect::<Option<Vec<&str>>>() else {
                        return false;
                    };
                    if window.iter().filter(|w| content(w)).count() < TITLE_SHARED_WORDS {
                        return false;
                    }
                    phrase.clear();
                    for w in window {
                        phrase.push(' ');
                        phrase.push_str(w);
                    }
                    phrase.push(' ');
                    words.contains(phrase.as_str())
                })
                .then_some(i)
        })
    }
}

/// A word's length for [`TITLE_MIN_WORD`]: its characters weighed as [`Features`] weighs
/// them, so that Korean's two-syllable nouns count.
fn letters(word: &str) -> usize {
    word.chars().map(super::features::letter_weight).sum()
}

/// Words at least this long are matched by their stem: all but their last
/// [`INFLECTION_CHARS`] characters.
pub(super) const STEM_MIN_CHARS: usize = 6;

/// What an inflection changes at a word's end, as a rule: "korpuss" / "korpusu",
/// "atklāts" / "atklāja", "elections" / "election".
pub(super) const INFLECTION_CHARS: usize = 2;

/// The part of `word` its inflected forms share, as far as a title's test needs it.
fn stem(word: &str) -> &str {
    let n = word.chars().count();
    if n < STEM_MIN_CHARS {
        return word;
    }
    let (cut, _) = word
        .char_indices()
        .nth(n - INFLECTION_CHARS)
        .expect("n chars");
    &word[..cut]
}

/// Whether a word of `text` opens with `word`: the word itself, or the word inflected
/// ("school" in "schools", "Rīg" ...) or with a particle written onto it (Korean's
/// "서울시는", "서울시" and its topic marker). A handful of searches of a short text,
/// cheaper than tokenising it.
pub(super) fn opens_word(text: &str, word: &str) -> bool {
    text.match_indices(word)
        .any(|(at, _)| !text[..at].chars().next_back().is_some_and(is_alphanumeric))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_headline_word_matches_its_inflected_forms_and_particles() {
        let opening = "rīgas dome atklāja jauno bibliotēkas korpusu. 서울시는 요금을 내린다";
        for word in ["korpuss", "atklāts", "bibliotēkas", "서울시", "요금"] {
            assert!(opens_word(opening, stem(word)), "{word}");
        }
        // Short words are matched whole, and only at a word's start.
        for word in ["rīgā", "jauns", "dome", "tlāja"] {
            assert_eq!(opens_word(opening, stem(word)), word == "dome", "{word}");
        }
        assert_eq!(letters("요금"), 4);
        assert_eq!(letters("dome"), 4);
    }
}
