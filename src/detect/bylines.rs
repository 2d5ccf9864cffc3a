//! A byline beside its time stamp: "By Jane Smith | May 3, 2024", "Jane Doe · 5 min read",
//! "Von Anna Weber | 03.05.2024, 10:12 Uhr", "Medically reviewed by John Smith, MD —
//! Updated on May 3, 2024". One definition for two detectors: `glued-labels` cuts such a
//! label where an extractor glued it to the first sentence, and `datelines` drops it on a
//! line of its own at the document's edges, as it drops a bare date.
//!
//! A line is such a label when its parts, parted by `|`, `·`, `•` or `—` (or, with none of
//! them, before a `by` word that ends with a colon: "2023-11-17 20:52 来源：新华网"), are each a time
//! stamp, a reading time or a byline (one of the `by` words and a few capitalised words,
//! or the capitalised words alone; in a script without case, "بقلم أحمد علي", "作者：王明",
//! only after a `by` word), and at least one part is a stamp or a reading time: a name
//! alone ("By Brian Kernighan", a book's author in a reading list) is not.
//!
//! Cost: nothing for a line without a digit (every stamp and reading time has one); then
//! a split and a few comparisons a part, and the date test on each part.

use super::Datelines;

/// Most words in a byline's names: "Ana de la Fuente and J. R. Moehringer".
const BYLINE_WORDS: usize = 6;

/// Words that may stand lowercase inside a name or between two names.
const NAME_PARTICLES: &[&str] = &[
    "de", "da", "del", "della", "der", "van", "von", "la", "le", "du", "dos", "bin", "al", "and",
    "&", "und", "et", "y", "e", "en", "i", "и", "ve", "و", "和",
];

/// What parts a byline from its stamps: a bar, a middle dot, a bullet, an em dash.
const SEPARATORS: [char; 4] = ['·', '•', '|', '—'];

#[derive(Debug, Clone)]
pub struct Bylines {
    dates: Datelines,
    reading: ReadingTime,
    by: Vec<String>,
    /// The `by` words that end with a colon, with their length in characters.
    colon_by: Vec<(String, usize)>,
}

/// The words of a reading time, lowercase, in the two orders sites write it: after the
/// number ("5 min read", "3 Min. Lesezeit"), or a label before it and a unit after
/// ("Lesezeit: 3 Min.", "Temps de lecture : 2 min", "Время чтения: 4 минуты").
#[derive(Debug, Clone, Default)]
pub struct ReadingTime {
    /// What follows the number: "min read", "min lesezeit".
    pub after: Vec<String>,
    /// What stands before the number: "reading time", "lesezeit".
    pub labels: Vec<String>,
    /// What follows the number after a label: "min", "minuten".
    pub units: Vec<String>,
}

impl ReadingTime {
    /// The `reading-time`, `reading-time-labels` and `reading-time-units` params.
    pub(super) fn from_params(p: &mut super::Params) -> Result<Self, String> {
        Ok(ReadingTime {
            after: p.words("reading-time")?,
            labels: p.words("reading-time-labels")?,
            units: p.words("reading-time-units")?,
        })
    }
}

impl Bylines {
    /// `dates` recognises the stamps, `reading` the reading times, `by` the words a
    /// byline starts with, lowercase.
    pub(super) fn new(dates: Datelines, reading: ReadingTime, by: Vec<String>) -> Bylines {
        let colon_by = by
            .iter()
            .filter(|w| w.ends_with([':', '：']))
            .map(|w| (w.clone(), w.chars().count()))
            .collect();
        Bylines {
            dates,
            reading,
            by,
            colon_by,
        }
    }

    /// `text` parted at its separators, each part trimmed.
    pub(super) fn parts(text: &str) -> Vec<&str> {
        text.trim().split(SEPARATORS).map(str::trim).collect()
    }

    /// Whether every part is a stamp, a reading time or a byline, and one at least is
    /// timed. Two dates without a label ("29 November 2018 | 20 January 2019") are a
    /// period, an exhibition's or a term's, not a byline's stamp.
    pub(super) fn is_stamped(&self, parts: &[&str]) -> bool {
        let mut timed = false;
        let mut bare_dates = 0;
        for part in parts {
            if part.is_empty() {
                return false;
            }
            // Each part read once: the stamp test is the costly one, and every stamp and
            // reading time has a digit.
            let digit = part.bytes().any(|b| b.is_ascii_digit());
            if digit && self.stamp(part) {
                timed = true;
                bare_dates += usize::from(!self.dates.is_labelled(part));
            } else if digit && self.reading_time(part) {
                timed = true;
            } else if !self.byline(part) {
                // A byline glued to its stamp is both, the byline the stamp's label.
                if !(digit && self.glued_byline(part)) {
                    return false;
                }
                timed = true;
            }
        }
        timed && bare_dates < 2
    }

    /// A byline and its stamp or reading time with no separator between them, as an
    /// extractor joins two blocks: "By Jane Doe3 min read", "Por María López5 min de
    /// lectura". Parted where the first digit follows a letter directly; a name has no
    /// digit, so "Galaxy S10" is no byline before its number.
    fn glued_byline(&self, part: &str) -> bool {
        let Some(at) = glued_digit(part) else {
            return false;
        };
        let (name, time) = (&part[..at], &part[at..]);
        self.byline(name) && (self.reading_time(time) || self.stamp(time))
    }

    /// Whether `text` opens with one of the stamps' labels ("Updated", "发布时间").
    pub(super) fn is_labelled(&self, text: &str) -> bool {
        self.dates.is_labelled(text.trim_start())
    }

    /// A whole line that is a byline with its stamp: two parts at least (a stamp alone is
    /// the dateline test's), one of them with a digit. Most lines have neither a
    /// separator nor a colon and are turned away by a scan of their bytes.
    pub(super) fn is_stamped_line(&self, text: &str) -> bool {
        // A digit, then a separator's last byte (`|`, and 0xB7, 0xA2, 0x94 ending `·`,
        // `•`, `—`; other characters end so too, and are sorted out by the split), or a
        // colon: memchr's scans.
        let bytes = text.as_bytes();
        if !bytes.iter().any(u8::is_ascii_digit) {
            return false;
        }
        if memchr::memchr3(b'|', 0xB7, 0xA2, bytes).is_some()
            || memchr::memchr(0x94, bytes).is_some()
        {
            return self.is_stamped(&Self::parts(text));
        }
        // `:`, and the last byte of the fullwidth `：`.
        let colon = memchr::memchr2(b':', 0x9A, bytes).is_some();
        // No separator: a stamp, then a label that ends with its colon ("2023-11-17
        // 20:52:15 来源：新华网", "12.03.2024 Autor: Anna Weber"), parted before the label.
        colon
            && self
                .colon_label(text)
                .is_some_and(|at| self.is_stamped(&[text[..at].trim(), text[at..].trim()]))
    }

    /// Where the first of the `by` words that end with a colon starts in `text`, after a
    /// space and not at its start: a label a stamp stands before. Read back from each
    /// colon, so a line is walked once and a word or two at each of its colons.
    fn colon_label(&self, text: &str) -> Option<usize> {
        text.char_indices()
            // A label's colon follows a letter (or a space: "texte :"); a time's, a digit.
            .filter(|&(i, c)| {
                matches!(c, ':' | '：')
                    && text[..i]
                        .chars()
                        .next_back()
                        .is_some_and(|p| p.is_alphabetic() || p == ' ')
            })
            .find_map(|(i, c)| {
                let end = i + c.len_utf8();
                self.colon_by.iter().find_map(|(by, chars)| {
                    let start = text[..end].char_indices().rev().nth(chars - 1)?.0;
                    let spaced = text[..start]
                        .chars()
                        .next_back()
                        .is_some_and(char::is_whitespace);
                    (spaced && prefix_len(&text[start..], by) == Some(end - start)).then_some(start)
                })
            })
    }

    /// A byline or a name: one to `BYLINE_WORDS` capitalised words ("Jane Smith", "Ana
    /// de la Fuente", "J. R. Moehringer", "Jane Doe, Senior Reporter"), after one of the
    /// `by` words or not.
    fn byline(&self, part: &str) -> bool {
        let labelled = self.after_by(part);
        names(labelled.unwrap_or(part), labelled.is_some())
    }

    /// What follows the `by` word `part` opens with, if it opens with one. The byline word
    /// may be several ("texte :", "medically reviewed by"): compared at the start. One
    /// that ends with a colon ("作者：", "autor:") needs no space after it.
    fn after_by<'p>(&self, part: &'p str) -> Option<&'p str> {
        self.by.iter().find_map(|by| {
            let rest = &part[prefix_len(part, by)?..];
            (by.ends_with([':', '：']) || rest.starts_with(char::is_whitespace)).then_some(rest)
        })
    }

    /// A date or time stamp, bare or in «guillemets».
    fn stamp(&self, part: &str) -> bool {
        let part =
            part.trim_matches(|c: char| matches!(c, '«' | '»' | '‹' | '›') || c.is_whitespace());
        self.dates.is_dateline(part)
    }

    /// "5 min read", "12 Min. Lesezeit", "3 min de lecture"; "Lesezeit: 3 Min.".
    fn reading_time(&self, part: &str) -> bool {
        // The minutes: one to three digits.
        let number = |text: &str| {
            let digits = text.bytes().take_while(u8::is_ascii_digit).count();
            (1..=3)
                .contains(&digits)
                .then(|| text[digits..].trim_start().to_lowercase())
        };
        if let Some(rest) = number(part) {
            return self.reading.after.contains(&rest);
        }
        self.reading.labels.iter().any(|label| {
            prefix_len(part, label).is_some_and(|n| {
                let rest = &part[n..];
                // The label ends at a word's end, a colon may follow it.
                !rest.starts_with(char::is_alphanumeric)
                    && number(
                        rest.trim_start_matches(|c: char| {
                            c.is_whitespace() || matches!(c, ':' | '：')
                        }),
                    )
                    .is_some_and(|unit| self.reading.units.contains(&unit))
            })
        })
    }
}

/// Where the first ASCII digit that follows a letter directly stands in `text`, if one
/// does.
fn glued_digit(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    let at =
        (1..bytes.len()).find(|&i| bytes[i].is_ascii_digit() && !bytes[i - 1].is_ascii_digit())?;
    text[..at]
        .chars()
        .next_back()
        .is_some_and(char::is_alphabetic)
        .then_some(at)
}

/// One to `BYLINE_WORDS` names: capitalised words ("Jane Smith", "Ana de la Fuente",
/// "J. R. Moehringer", "Jane Doe, Senior Reporter") and the particles between them. In a
/// script without case (Arabic, Chinese, Hebrew) only a byline word before the names
/// (`labelled`) says that they are names.
fn names(names: &str, labelled: bool) -> bool {
    let mut n = 0;
    for word in names.split_whitespace() {
        n += 1;
        let first = word.chars().next();
        let cased = first.is_some_and(char::is_uppercase)
            || (labelled
                && first
                    .is_some_and(|c| c.is_alphabetic() && !c.is_lowercase() && !c.is_uppercase()));
        let name = cased
            && word
                .chars()
                .all(|c| c.is_alphabetic() || matches!(c, '.' | '-' | '\'' | '’' | ','));
        let particle = NAME_PARTICLES.contains(&word);
        if n > BYLINE_WORDS || !(name || particle) {
            return false;
        }
    }
    n > 0
}

/// The length in bytes of `label` (lowercase) at the start of `text`, compared without
/// case, if it is there.
pub(super) fn prefix_len(text: &str, label: &str) -> Option<usize> {
    let mut chars = text.char_indices();
    for want in label.chars() {
        let (_, c) = chars.next()?;
        // Turkish capitalises `i` as `İ`, whose lowercase is `i` and a combining dot.
        if c == 'İ' && want == 'i' {
            continue;
        }
        let mut lower = c.to_lowercase();
        if lower.next() != Some(want) || lower.next().is_some() {
            return None;
        }
    }
    Some(chars.next().map_or(text.len(), |(i, _)| i))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bylines() -> Bylines {
        let words = |w: &[&str]| w.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        Bylines::new(
            Datelines::with_labels(words(&["updated", "updated on", "published"])),
            ReadingTime {
                after: words(&["min read", "min lesezeit"]),
                labels: words(&["lesezeit", "temps de lecture"]),
                units: words(&["min", "min.", "minuten"]),
            },
            words(&[
                "by",
                "von",
                "medically reviewed by",
                "written by",
                "بقلم",
                "作者：",
                "来源：",
                "autor:",
            ]),
        )
    }

    #[test]
    fn bylines_beside_their_stamps() {
        let b = bylines();
        for line in [
            "By Jane Smith | Updated May 3, 2024",
            "Jane Doe · 5 min read",
            "Jane Doe, Senior Reporter — May 3, 2024",
            "Von Anna Weber | 03.05.2024, 10:12 Uhr",
            "Medically reviewed by John Smith, MD — Written by Jane Doe — Updated on May 3, 2024",
            "May 3, 2024 | 5 min read",
            "Published May 3, 2024 | Updated May 4, 2024",
            "Von Anna Weber | Lesezeit: 3 Min.",
            "Jean Martin · Temps de lecture : 2 min",
            // Names in a script without case, after a byline word ("by", "author:").
            "بقلم أحمد علي | 3 مارس 2024",
            "作者：王明 | 2024年3月3日 10:32",
            // No separator: the label's colon parts the stamp from the source or name.
            "2023-11-17 20:52:15 来源： 新华网",
            "2023年11月17日 08:20 来源：人民网",
            "12.03.2024 Autor: Anna Weber",
        ] {
            assert!(b.is_stamped_line(line), "{line}");
        }
    }

    #[test]
    fn names_alone_periods_and_sentences_are_no_bylines() {
        let b = bylines();
        for line in [
            "By Brian W. Kernighan and Dennis M. Ritchie",
            "29 November 2018 | 20 January 2019",
            "Written by Jane Smith in May 2024, the report was never published.",
            "Jane Doe | the council's budget for 2024",
            "By Jane Smith",
            // A reading time's label with another number, or none.
            "Jane Doe | Lesezeit: 3 Kapitel",
            "Jane Doe | Lesezeitschrift 3 min",
            "Jane Doe | Lesezeit: 1200 min",
            // Words without case and no byline word: a headline over its date.
            "انفجار في بيروت | 3 مارس 2024",
            "市政府决定关闭老图书馆 | 2024年3月3日",
            // A colon's label after no stamp, or before a sentence.
            "市政府决定关闭老图书馆 来源：新华网",
            "At 10:30 the council met again 来源：新华网",
            "12.03.2024 Autor: Anna Weber schreibt über den Rat.",
        ] {
            assert!(!b.is_stamped_line(line), "{line}");
        }
    }
}
