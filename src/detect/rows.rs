//! `link-rows`: a row of short labels joined by `|`, `·` or `•`.
//!
//! Sites print their footer and menu links, a story's section trail, its tags and its
//! byline details as one row: "Home | About | Contact | Privacy", "Tools & widgets |
//! RSS | Podcasts | Blogs", "Mary · Quickies · 7 Comments · October 29th, 2012". An
//! extractor keeps the row as one line. The detector judges its shape, in any language:
//! at least `min-parts` parts between separators (a separator has a space on each
//! side), none longer than `max-part-words` words or `max-part-chars` characters, none
//! ending a sentence.
//!
//! Not removed:
//! - a table's rows, as extractors flatten them: a line that starts or ends with `|`
//!   (Markdown), or whose neighbour (the nearest non-blank line above or below) is a
//!   row with as many parts and the same separator ("Player | Team | Goals" over
//!   "Haaland | Man City | 36"; two footer rows alike stay too: rows alike are what a
//!   table is);
//! - a row that gives amounts ("Prep 10 min | Cook 20 min | Serves 4"): a part that is
//!   a number and a unit of time, weight, volume or servings is a recipe's or a
//!   product's facts;
//! - prose that uses a separator ("Sales rose | fell | rose again, as the chart
//!   shows."): its parts end a sentence or run long.
//!
//! Params: `min-parts` (default 3), `max-part-words` (4), `max-part-chars` (32).
//! Cost: one scan of a line's bytes for a separator; lines without one are not read.

use super::Params;
use crate::document::Document;

#[derive(Debug, Clone)]
pub struct LinkRows {
    min_parts: usize,
    max_part_words: usize,
    max_part_chars: usize,
}

/// The separators of a row, each with a space (or a no-break space) on both sides.
const SEPARATORS: &[char] = &['|', '·', '•'];

/// Units after a number that make a part an amount ("10 min", "250 g", "Serves 4" is
/// the other order, see [`amount`]). Lowercase, in the pack languages.
const UNITS: &[&str] = &[
    "min",
    "mins",
    "minute",
    "minutes",
    "minuten",
    "minutos",
    "minuti",
    "minuty",
    "мин",
    "h",
    "hr",
    "hrs",
    "hour",
    "hours",
    "std",
    "stunden",
    "heure",
    "heures",
    "hora",
    "horas",
    "ora",
    "ore",
    "uur",
    "godz",
    "ч",
    "saat",
    "dk",
    "g",
    "kg",
    "mg",
    "ml",
    "cl",
    "dl",
    "l",
    "oz",
    "lb",
    "lbs",
    "cup",
    "cups",
    "tbsp",
    "tsp",
    "kcal",
    "cal",
    "calories",
    "serving",
    "servings",
    "portion",
    "portions",
    "porciones",
    "porzioni",
    "porções",
    "personen",
    "personnes",
    "persone",
    "pessoas",
    "personas",
    "osób",
    "порции",
    "kişilik",
];

/// Words before a number that make a part an amount: "Serves 4", "Für 4 Personen".
const AMOUNT_WORDS: &[&str] = &[
    "serves", "makes", "yield", "yields", "für", "pour", "para", "per", "voor", "dla", "на",
];

impl LinkRows {
    pub(super) fn new(p: &mut Params) -> Result<Self, String> {
        Ok(LinkRows {
            min_parts: p.usize("min-parts", 3)?.max(2),
            max_part_words: p.usize("max-part-words", 4)?.max(1),
            max_part_chars: p.usize("max-part-chars", 32)?.max(1),
        })
    }

    pub(super) fn detect(&self, doc: &Document, out: &mut Vec<usize>) {
        // Most documents have no separator at all: one SIMD search says so.
        if !has_separator(doc.text) {
            return;
        }
        let rows: Vec<Option<Shape>> = (0..doc.lines.len())
            .map(|i| {
                (!doc.lines[i].blank)
                    .then(|| self.parts(doc.line(i)))
                    .flatten()
            })
            .collect();
        let non_blank: Vec<usize> = (0..doc.lines.len())
            .filter(|&i| !doc.lines[i].blank)
            .collect();
        for (k, &i) in non_blank.iter().enumerate() {
            let Some(parts) = rows[i] else { continue };
            let neighbours = [k.checked_sub(1), Some(k + 1)];
            let table = neighbours
                .into_iter()
                .flatten()
                .filter_map(|n| non_blank.get(n))
                .any(|&j| rows[j] == Some(parts));
            if !table {
                out.push(i);
            }
        }
    }

    /// The shape of `line` when it is a row, `None` otherwise.
    fn parts(&self, line: &str) -> Option<Shape> {
        if !has_separator(line) {
            return None;
        }
        let row = line.trim();
        if row.starts_with('|') || row.ends_with('|') {
            return None;
        }
        let mut parts = 0;
        let mut separator = None;
        for (part, sep) in split(row) {
            separator = separator.or(sep);
            let part = part.trim();
            let words = part.split_whitespace().count();
            if words == 0
                || words > self.max_part_words
                || part.chars().count() > self.max_part_chars
                || ends_sentence(part)
                || amount(part)
            {
                return None;
            }
            parts += 1;
        }
        (parts >= self.min_parts).then_some(Shape {
            parts,
            separator: separator.unwrap_or('|'),
        })
    }
}

/// What makes rows alike: as many parts, the same separator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Shape {
    parts: usize,
    separator: char,
}

/// Whether `text` holds a separator: a byte search for `|` and for the last bytes of
/// `·` (C2 B7) and `•` (E2 80 A2) in UTF-8, confirmed on the characters when one is
/// found (those bytes end other characters too).
fn has_separator(text: &str) -> bool {
    let b = text.as_bytes();
    memchr::memchr3_iter(b'|', 0xB7, 0xA2, b).any(|i| match b[i] {
        b'|' => true,
        0xB7 => i >= 1 && b[i - 1] == 0xC2,
        _ => i >= 2 && b[i - 2..i] == [0xE2, 0x80],
    })
}

/// The parts of `row` between separators that have a space on each side, each with
/// the separator after it (none after the last).
fn split(row: &str) -> impl Iterator<Item = (&str, Option<char>)> {
    let mut rest = row;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        let mut from = 0;
        while let Some(at) = rest[from..].find(SEPARATORS).map(|a| a + from) {
            let c = rest[at..].chars().next().expect("found");
            let sep = c.len_utf8();
            let before = rest[..at]
                .chars()
                .next_back()
                .is_some_and(char::is_whitespace);
            let after = rest[at + sep..]
                .chars()
                .next()
                .is_some_and(char::is_whitespace);
            if before && after {
                let part = &rest[..at];
                rest = &rest[at + sep..];
                return Some((part, Some(c)));
            }
            from = at + sep;
        }
        Some((std::mem::take(&mut rest), None))
    })
}

/// A part that ends a sentence; an ellipsis is a truncated label, not an ending.
fn ends_sentence(part: &str) -> bool {
    !part.ends_with("...") && !part.ends_with('…') && super::ends_sentence(part)
}

/// Words of a reading time ("3 min read", "5 Min. Lesezeit"): a byline's, not an amount.
const READING: &[&str] = &[
    "read",
    "lesezeit",
    "lecture",
    "lectura",
    "lettura",
    "leitura",
    "leestijd",
    "czytania",
    "чтения",
    "okuma",
];

/// A number with a unit after it ("20 min", "250 g") or an amount word before it
/// ("Serves 4"); not a reading time.
fn amount(part: &str) -> bool {
    let words: Vec<String> = part.split_whitespace().map(str::to_lowercase).collect();
    if words
        .iter()
        .any(|w| READING.contains(&w.trim_end_matches(['.', ',', ':'])))
    {
        return false;
    }
    let number = |w: &str| w.chars().next().is_some_and(|c| c.is_ascii_digit());
    words.iter().enumerate().any(|(k, w)| {
        if !number(w) {
            return false;
        }
        // The unit glued to the number ("250g", "10min") or the next word.
        let glued = w.trim_start_matches(|c: char| c.is_ascii_digit() || c == '.' || c == ',');
        let unit = |u: &str| UNITS.contains(&u.trim_end_matches(['.', ',', ':']));
        unit(glued)
            || words.get(k + 1).is_some_and(|n| unit(n))
            || k.checked_sub(1)
                .is_some_and(|p| AMOUNT_WORDS.contains(&words[p].trim_end_matches(':')))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows() -> LinkRows {
        LinkRows {
            min_parts: 3,
            max_part_words: 4,
            max_part_chars: 32,
        }
    }

    fn dropped(text: &str) -> Vec<usize> {
        let doc = Document::new(text);
        let mut out = Vec::new();
        rows().detect(&doc, &mut out);
        out
    }

    #[test]
    fn footer_byline_and_tag_rows_go() {
        let text = "Home | About | Contact | Privacy\n\
                    The council voted on Tuesday to close the old library.\n\
                    Mary · Quickies · 7 Comments · October 29th, 2012\n\
                    Tools & widgets | RSS | Podcasts | Blogs\n";
        assert_eq!(dropped(text), vec![0, 2, 3]);
        assert_eq!(dropped("By Sam Reed · 4 May 2024 · 3 min read\n"), vec![0]);
        // Rows alike side by side are a table's, even when they are two footer rows.
        assert!(dropped("Home | About | Contact\nPrivacy | Terms | Cookies\n").is_empty());
    }

    #[test]
    fn tables_amounts_and_prose_stay() {
        let table = "Player | Team | Goals\nHaaland | Man City | 36\nKane | Spurs | 30\n";
        assert!(dropped(table).is_empty());
        assert!(dropped("| Player | Team | Goals |\n").is_empty());
        assert!(dropped("Prep 10 min | Cook 20 min | Serves 4\n").is_empty());
        assert!(dropped("Für 4 Personen | 250 g Mehl | 2 Eier\n").is_empty());
        assert!(dropped("Sales rose. | Then fell. | Then rose again.\n").is_empty());
        assert!(dropped("Two parts | only\n").is_empty());
        // A separator without spaces is part of a word or a number.
        assert!(dropped("a|b|c|d\n").is_empty());
    }

    #[test]
    fn parts_split_on_spaced_separators_only() {
        let parts: Vec<&str> = split("Home | A|B · C").map(|(p, _)| p.trim()).collect();
        assert_eq!(parts, vec!["Home", "A|B", "C"]);
    }
}
