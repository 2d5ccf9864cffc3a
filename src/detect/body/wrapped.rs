//! Paragraphs hard-wrapped over several lines (a plain-text page, a `<pre>` block, HTML
//! whose source breaks lines inside a paragraph): each line alone is too short for a
//! paragraph and often ends mid-sentence, the shape of a menu entry. main-body reads
//! how many of a document's lines run on so, to tell a hard-wrapped document (which is
//! no page dump: its short lines are its text) from a page of menus.
//!
//! A line runs on into the next when the next follows it directly (no blank line, no
//! line another rule took between them), it holds at least [`WRAP_MIN_WORDS`] words
//! parted by spaces, does not end a sentence, and ends where a sentence cannot: on a
//! stopword, a comma or a hyphen ("… up to the", "… Brazil,"). Menus, share rows and tag
//! lists are bare words without a stopword at their end, and their entries stand too
//! short to run on.
//!
//! Cost: once a document, one pass: a byte test over each line's first five words, a
//! look at its end, and for a line that qualifies one stoplist lookup.

use super::*;

/// Words (parted by spaces) a line needs before it can run on into the next: a wrapped
/// line of prose holds a clause, a menu's entry one to three words ("About us", "Terms
/// of use"). Scripts written without spaces (Chinese, Japanese) are not wrapped at
/// words, and a line of them ending with a comma is a clause set on its own line.
pub(super) const WRAP_MIN_WORDS: usize = 5;

/// Whether `line` holds [`WRAP_MIN_WORDS`] words parted by spaces (ASCII blanks: a
/// byte's test, stopping at the fifth word).
pub(super) fn long_enough(line: &str) -> bool {
    let mut words = 0;
    let mut in_word = false;
    for &b in line.as_bytes() {
        let blank = matches!(b, b' ' | b'\t' | b'\r' | b'\n' | 0x0b | 0x0c);
        if !blank && !in_word {
            words += 1;
            if words == WRAP_MIN_WORDS {
                return true;
            }
        }
        in_word = !blank;
    }
    false
}

/// How many of `lines` belong to a hard-wrapped paragraph of two or more lines, and
/// how many hold [`WRAP_MIN_WORDS`] words: one pass, each line's words counted once.
pub(super) fn wrapped_lines(
    lines: &[Survivor],
    mut is_stop: impl FnMut(&str) -> bool,
) -> (usize, usize) {
    let (mut wrapped, mut long) = (0, 0);
    let mut run = 0;
    for (i, line) in lines.iter().enumerate() {
        let text = line.text.trim_end();
        let words = long_enough(text);
        long += usize::from(words);
        let on = words
            && lines
                .get(i + 1)
                .is_some_and(|next| next.line == line.line + 1)
            && runs_on(text, &mut is_stop);
        run += 1;
        if !on {
            if run >= 2 {
                wrapped += run;
            }
            run = 0;
        }
    }
    (wrapped, long)
}

/// Whether `line` (trimmed, of [`WRAP_MIN_WORDS`] words) breaks off mid-sentence, to go
/// on on the next line.
fn runs_on(line: &str, is_stop: &mut impl FnMut(&str) -> bool) -> bool {
    // A stamp ("November 1, 2012 at 8:29 am") ends with its time, not mid-sentence.
    if ends_sentence(line) || has_time(line) {
        return false;
    }
    if line.ends_with([',', '-', '\u{2010}']) {
        return true;
    }
    let last = line.rsplit(char::is_whitespace).next().unwrap_or("");
    // A wrap falls between words: an entry ending with `;` or `:` is a list's. The
    // stopword is written as inside a sentence: "AM" after a time, "US" after a name are
    // not "am" and "us".
    !last.is_empty()
        && last
            .chars()
            .all(|c| c.is_alphanumeric() && !c.is_uppercase())
        && is_stop(last)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (lines in wrapped paragraphs, lines of five words or more)
    fn counts(text: &str) -> (usize, usize) {
        let stops = ["the", "of", "and", "a", "an", "to", "since", "us", "with"];
        wrapped_lines(&crate::detect::survivors_of(text), |w| stops.contains(&w))
    }

    #[test]
    fn wrapped_prose_is_one_paragraph() {
        let text = "Two troops of captive woolly monkeys were observed with the\naid of an 8 mm video camera and a proprietary program, and\nmy research up to the\npresent will be continued.\nThe next paragraph starts here and it is\nnot wrapped the same way.";
        assert_eq!(counts(text), (4, 5));
    }

    #[test]
    fn a_blank_line_or_a_sentence_end_parts_paragraphs() {
        let text = "The common woolly monkey is found only in the\n\nSouth America, in the basins of the Amazon.\nThey range in all canopy levels of the forest.";
        assert_eq!(counts(text), (0, 3));
    }

    #[test]
    fn menus_and_lists_do_not_run_on() {
        let text = "Home\nNews\nAbout us\nContact us\nTerms of use\nPrivacy policy\nShare on Facebook Twitter Pinterest Email\nMore stories from our newsroom\ncontains links to viruses and malware\ncontains insults or threats to others;\nis typed fully in capital letters;\nPosted by: Jillian | November 13, 2012 at 09:57 AM\nLOVE the flannel! This is an awesome DIY";
        assert_eq!(counts(text).0, 0);
    }

    #[test]
    fn words_are_counted_to_five() {
        assert!(long_enough("one two three four five"));
        assert!(long_enough("  one\ttwo  three four five six"));
        assert!(!long_enough("one two three four"));
        assert!(!long_enough(""));
    }
}
