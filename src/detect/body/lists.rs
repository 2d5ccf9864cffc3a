//! Lists the text announces with a lead-in and closes with prose: the article's own.
//!
//! Cost: one pass over the lines' classes.

use super::*;

/// Fewest words of a lead-in ("Upcoming screenings:", "The following schools will be
/// closed:"): a lone "Tags:" or "Share:" is a widget's label, not the text's own.
pub(super) const LEAD_IN_WORDS: usize = 2;

/// A run of furniture-shaped lines that a line of the text introduces with a colon and
/// that prose closes is the text's own list (the schools that close, the cinemas of a
/// tour, the steps of a method): menus and footers are not announced by a lead-in, and
/// do not sit between it and a paragraph. Two signals, not one: a colon alone also opens
/// a comment form's fields ("Fill in your details below:"), which no prose closes. The
/// run's lines score as list items.
pub(super) fn introduced_lists(
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
