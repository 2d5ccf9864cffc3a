//! A line's class (prose, short prose, furniture, an item, an amount, …) from its features
//! and its shape.
//!
//! Cost: a few comparisons a line, and a scan of its first word for an amount.

use super::*;

/// What a line looks like, before its neighbours are taken into account.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Class {
    /// A paragraph: long, with the stopwords of prose.
    Prose,
    /// Prose shorter than a paragraph, or a paragraph's length of finished sentence
    /// with fewer stopwords than prose (more names and numbers).
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
    /// Nothing visible: a zero-width space or a byte-order mark where a photo or an
    /// embed was. Scores as a neutral line, and is otherwise a blank line: it parts
    /// neither short prose nor the body's text from the lines under it.
    Blank,
    /// A bare URL: a list's link or a story's source. Costs nothing and parts nothing.
    Link,
    /// An amount and what it measures: an ingredient, a packing list's entry. Menus do not
    /// count; it outweighs the sub-headings of its list ("Tuesday: egg muffins").
    Quantity,
}

impl MainBody {
    pub(super) fn classify(&self, f: &Features, text: &str, scale: f64) -> Class {
        // A row of a table as extractors write them (`| DL | Garrett | 57 |`, `|---|---|`).
        let row = text.trim();
        if row.len() > 2 && row.starts_with('|') && row.ends_with('|') {
            return Class::Item;
        }
        // A bare link is a list's or a story's, not a menu's: menus show words.
        if !row.contains(' ') && (row.starts_with("http://") || row.starts_with("https://")) {
            return Class::Link;
        }
        let density = f.density();
        let paragraph = density >= self.prose_stopwords * scale && f.weight >= self.paragraph_chars;
        // Menus do not number their entries; an article's lists do ("1) Azul", "2. Wingspan").
        // An entry that is a paragraph (a tutorial's steps) is prose all the same.
        if (numbered(row) || bulleted(row)) && !paragraph {
            return Class::Item;
        }
        if f.words == 0 {
            // Nothing visible (a zero-width space left where a photo was) is a blank line;
            // symbols only are a divider or an icon row.
            if text.chars().all(|c| c.is_whitespace() || is_invisible(c)) || rule_line(text) {
                return Class::Blank;
            }
            return if f.weight == 0 {
                Class::Furniture
            } else {
                Class::Neutral
            };
        }
        if paragraph {
            return Class::Prose;
        }
        let sentence = ends_sentence(text);
        if density >= self.prose_stopwords * scale {
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
            // A paragraph's length of finished sentence is prose even when names, places
            // and figures crowd its function words out (who was named to what, a season's
            // results in a sentence): no menu or tag list runs that long and ends with a
            // stop. It scores as short prose does, so only among prose.
            if sentence
                && f.weight >= self.paragraph_chars
                && density >= self.furniture_stopwords * scale
            {
                return Class::NearProse;
            }
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

/// The fraction characters an amount may be written with.
pub(super) const FRACTIONS: &[char] = &['½', '¼', '¾', '⅓', '⅔'];

/// A line that opens with an amount: `2 eggs`, `1/2 cup`, `½ tsp`, `250 g`, `1.5 kg`.
pub(super) fn quantity(text: &str) -> bool {
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

/// A line only code writes: one that ends a statement or opens or closes a block (`;`,
/// `{`, `}`, a Python header's `):`), a line of closing brackets (`});`), a tag of markup
/// (`<head>`, `<meta charset="utf-8">`) or a shell prompt (`$ make`). A tutorial's listing
/// has no sentence ends and few stopwords, the shape of a menu; menus, share rows and
/// footers never end an entry with a delimiter of code. (An entry of a list that ends
/// with a semicolon is the text's own too.)
pub(super) fn code(row: &str) -> bool {
    let b = row.as_bytes();
    let Some(&last) = b.last() else {
        return false;
    };
    let tag = b[0] == b'<'
        && last == b'>'
        && b.get(1)
            .is_some_and(|c| c.is_ascii_alphabetic() || matches!(c, b'/' | b'!'));
    // "&amp;" and "&nbsp;" end with an entity, not a statement.
    let entity = last == b';'
        && row.rsplit_once('&').is_some_and(|(_, e)| {
            e.len() <= 8
                && e.bytes()
                    .take(e.len() - 1)
                    .all(|c| c.is_ascii_alphanumeric() || c == b'#')
        });
    tag || row.starts_with("$ ")
        // `def area(radius):`, not a form's `Email (optional):`.
        || row.ends_with("):") && !row.contains(" (")
        || matches!(last, b';' | b'{' | b'}') && !entity
        || b.iter().all(|c| matches!(c, b'}' | b']' | b')' | b';' | b',' | b' '))
}

/// `1) `, `12. `: the marker of a numbered list item.
pub(super) fn numbered(text: &str) -> bool {
    let digits = text.bytes().take_while(u8::is_ascii_digit).count();
    (1..=3).contains(&digits)
        && matches!(text.as_bytes().get(digits), Some(b'.' | b')'))
        && text.as_bytes().get(digits + 1) == Some(&b' ')
}

/// A list entry behind a bullet its writer typed ("•    Reduced weight", "– red
/// onions", "* step two"): a page's menus get their bullets from its style sheet, which a
/// dump of the text does not carry. Widgets' arrows ("» Related post", "› More") are
/// not bullets.
pub(super) fn bulleted(text: &str) -> bool {
    let mut chars = text.chars();
    matches!(
        chars.next(),
        Some(
            '•' | '◦'
                | '▪'
                | '▫'
                | '●'
                | '○'
                | '■'
                | '□'
                | '‣'
                | '∙'
                | '◆'
                | '–'
                | '-'
                | '*'
        )
    ) && chars.next().is_some_and(char::is_whitespace)
        && chars
            .find(|c| !c.is_whitespace())
            .is_some_and(char::is_alphanumeric)
}

/// Fewest marks of a drawn rule: "***" and "———" part an article's sections, where a
/// lone "|" or "»" is a menu's separator.
const RULE_MARKS: usize = 3;

/// A drawn rule between an article's sections: one dash, star, underscore, equals sign,
/// tilde or asterism, [`RULE_MARKS`] times or more, spaced or not ("* * *", "———",
/// "-----").
fn rule_line(text: &str) -> bool {
    let mut marks = text.chars().filter(|c| !c.is_whitespace());
    let Some(first) = marks.next() else {
        return false;
    };
    matches!(first, '-' | '—' | '–' | '*' | '_' | '=' | '~' | '⁂')
        && marks.clone().all(|c| c == first)
        && marks.count() + 1 >= RULE_MARKS
}

/// Characters that print nothing: zero-width spaces and joiners, the word joiner, the
/// byte-order mark.
pub(super) fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}'
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn drawn_rules_are_dashes_or_stars_three_times_or_more() {
        for line in ["———", "* * *", "-----", "___", "⁂⁂⁂", " = = = = "] {
            assert!(rule_line(line), "{line}");
        }
        for line in ["|", "»", "--", "•••", "-*-", "— Jane", ""] {
            assert!(!rule_line(line), "{line}");
        }
    }

    #[test]
    fn typed_bullets_mark_list_entries_and_widget_arrows_do_not() {
        for line in [
            "•    Reduced weight",
            "– red onions",
            "* step two",
            "- 2 eggs",
        ] {
            assert!(bulleted(line), "{line}");
        }
        for line in [
            "» Related post",
            "› More",
            "•",
            "-- signature",
            "*Note*",
            "- –",
        ] {
            assert!(!bulleted(line), "{line}");
        }
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

    #[test]
    fn code_is_told_by_its_delimiters() {
        for line in [
            "var cow = new Cow();",
            "describe(\"Cow\", function() {",
            "});",
            "}",
            "<!DOCTYPE html>",
            "</head>",
            "<meta charset=\"utf-8\">",
            "def area(radius):",
            "$ cargo build --release",
            "at the office;",
        ] {
            assert!(code(line), "{line}");
        }
        for line in [
            "Home",
            "Trick for computing log(1+x)",
            "Salt &amp;",
            "Tickets:",
            "Share on Facebook",
            "<3 this",
            "Author Email (optional):",
        ] {
            assert!(!code(line), "{line}");
        }
    }
}
