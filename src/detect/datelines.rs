//! `datelines`: a bare date or timestamp on a line of its own.
//!
//! Page templates print the publication time above or below the article:
//! `8 Dec, 2021 14:34`, `2024-07-05 06:15:31`, `Published: December 8, 2021 at 2:34 pm`,
//! `08.12.2021, 14:34 MSK`. The detector removes a line made only of date and time
//! parts (numbers, month and weekday names in the languages we support, `hh:mm`,
//! am/pm, time-zone codes, ISO and dotted or slashed dates, dates in Chinese units
//! `2024年3月12日`, and a British `14.35` once a date is named), optionally behind one
//! of the `labels` (the longest that fits) or a place ("Madrid - "), provided it names
//! a date, not just a time. Rules set where it may fire; the default rule keeps it to
//! the head and tail of the document, because a date alone on a line inside the body is
//! often a diary or live-blog heading.
//!
//! Not removed: a dateline that opens a paragraph (`MOSCOW, Dec 8 (Reuters) - ...`),
//! a time alone (`14:40`, a live-blog entry's time), a sentence that mentions a date, a
//! date range (`29 November 2018 | 20 January 2019`: an exhibition's dates are content).
//!
//! Params: `labels`, the words that may stand before the date (`published`, `updated`,
//! ...), compared without case and without a trailing colon; `min-run` (1), the fewest
//! date lines in a row that go: at 3, a blog's archive list ("July 2012", "June 2012",
//! "► May 2012 (4)" ...) goes wherever it stands, while a date alone, or dates that head
//! the entries of a timeline, each followed by its text, stay. `timeline` (3): with
//! `min-run` 1, a document with that many date lines each followed by a line of text
//! that is no date is a chronology or a diary, and none of its date lines goes, not even
//! the first and the last at its edges (0: off).

use std::borrow::Cow;
use std::sync::Arc;

use super::bylines::{Bylines, ReadingTime};
use super::labels::Labels;
use super::stopwords::key;
use super::{LineFacts, Params};
use crate::document::Document;
use crate::keys::KeyMap;

#[derive(Debug, Clone)]
pub struct Datelines {
    labels: Labels,
    min_run: usize,
    timeline: usize,
    /// With `by` words: a byline beside its stamp ("By Jane Smith | May 3, 2024") is a
    /// dateline too.
    bylines: Option<Arc<Bylines>>,
}

/// What may stand before a dateline's label: a list's marker ("- Published 18 November
/// 2019"), an archive tree's arrow ("► July 2012 (23)").
const LIST_MARKERS: [char; 11] = ['-', '–', '•', '*', '·', ' ', '►', '▼', '▶', '▸', '▾'];

/// The [`LineFacts`] the detector keeps: whether a line is a dateline, and whether it is
/// a byline beside its stamp.
const DATELINE: u8 = 0;
const STAMPED_BYLINE: u8 = 1;

/// Longest dateline, in bytes: two labelled stamps with their weekdays and time zones.
const MAX_DATELINE_BYTES: usize = 160;

/// Longest line read as a timeline's date heading: "Published: Wednesday, December 8,
/// 2021 at 2:34 pm CET" and its translations fit.
const TIMELINE_ENTRY_BYTES: usize = 120;

/// Longest entry of a list of dates, in bytes: "► Сентябрь 2012 (123)" in Cyrillic
/// fits with room to spare.
const LIST_ENTRY_BYTES: usize = 48;

const MONTHS: &[&str] = &[
    // en
    "jan",
    "january",
    "feb",
    "february",
    "mar",
    "march",
    "apr",
    "april",
    "may",
    "jun",
    "june",
    "jul",
    "july",
    "aug",
    "august",
    "sep",
    "sept",
    "september",
    "oct",
    "october",
    "nov",
    "november",
    "dec",
    "december",
    // de
    "januar",
    "jänner",
    "februar",
    "märz",
    "mai",
    "juni",
    "juli",
    "oktober",
    "dezember",
    // fr
    "janvier",
    "février",
    "fevrier",
    "mars",
    "avril",
    "juin",
    "juillet",
    "août",
    "aout",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
    "decembre",
    // es, pt, it
    "enero",
    "febrero",
    "marzo",
    "abril",
    "mayo",
    "junio",
    "julio",
    "agosto",
    "septiembre",
    "setiembre",
    "octubre",
    "noviembre",
    "diciembre",
    "janeiro",
    "fevereiro",
    "março",
    "maio",
    "junho",
    "julho",
    "setembro",
    "outubro",
    "novembro",
    "dezembro",
    "gennaio",
    "febbraio",
    "aprile",
    "maggio",
    "giugno",
    "luglio",
    "settembre",
    "ottobre",
    "dicembre",
    // nl, pl, tr
    "januari",
    "februari",
    "maart",
    "mei",
    "augustus",
    "stycznia",
    "lutego",
    "marca",
    "kwietnia",
    "maja",
    "czerwca",
    "lipca",
    "sierpnia",
    "września",
    "października",
    "listopada",
    "grudnia",
    "ocak",
    "şubat",
    "mart",
    "nisan",
    "mayıs",
    "haziran",
    "temmuz",
    "ağustos",
    "eylül",
    "ekim",
    "kasım",
    "aralık",
    // pl, ru nominative: a month on its own, as archives and calendars name it
    "styczeń",
    "luty",
    "marzec",
    "kwiecień",
    "maj",
    "czerwiec",
    "lipiec",
    "sierpień",
    "wrzesień",
    "październik",
    "listopad",
    "grudzień",
    "январь",
    "февраль",
    "март",
    "апрель",
    "май",
    "июнь",
    "июль",
    "август",
    "сентябрь",
    "октябрь",
    "ноябрь",
    "декабрь",
    // ru (genitive, as dates print them)
    "января",
    "февраля",
    "марта",
    "апреля",
    "мая",
    "июня",
    "июля",
    "августа",
    "сентября",
    "октября",
    "ноября",
    "декабря",
    // ar: the Gregorian names of Egypt and the Gulf, then the Levant's (whose two-word
    // names "تشرين الأول" pair a month word with an ordinal, glue below)
    "يناير",
    "فبراير",
    "مارس",
    "أبريل",
    "إبريل",
    "ابريل",
    "مايو",
    "يونيو",
    "يوليو",
    "أغسطس",
    "اغسطس",
    "سبتمبر",
    "أكتوبر",
    "اكتوبر",
    "نوفمبر",
    "ديسمبر",
    "كانون",
    "شباط",
    "آذار",
    "نيسان",
    "أيار",
    "حزيران",
    "تموز",
    "آب",
    "أيلول",
    "تشرين",
];

const WEEKDAYS: &[&str] = &[
    "mon",
    "monday",
    "tue",
    "tues",
    "tuesday",
    "wed",
    "wednesday",
    "thu",
    "thur",
    "thurs",
    "thursday",
    "fri",
    "friday",
    "sat",
    "saturday",
    "sun",
    "sunday",
    "montag",
    "dienstag",
    "mittwoch",
    "donnerstag",
    "freitag",
    "samstag",
    "sonntag",
    "lundi",
    "mardi",
    "mercredi",
    "jeudi",
    "vendredi",
    "samedi",
    "dimanche",
    "lunes",
    "martes",
    "miércoles",
    "jueves",
    "viernes",
    "sábado",
    "domingo",
    // it
    "lunedì",
    "martedì",
    "mercoledì",
    "giovedì",
    "venerdì",
    "sabato",
    "domenica",
    // pt
    "segunda-feira",
    "terça-feira",
    "quarta-feira",
    "quinta-feira",
    "sexta-feira",
    "segunda",
    "terça",
    "quarta",
    "quinta",
    "sexta",
    // nl
    "maandag",
    "dinsdag",
    "woensdag",
    "donderdag",
    "vrijdag",
    "zaterdag",
    "zondag",
    // pl
    "poniedziałek",
    "wtorek",
    "środa",
    "czwartek",
    "piątek",
    "sobota",
    "niedziela",
    // ru
    "понедельник",
    "вторник",
    "среда",
    "четверг",
    "пятница",
    "суббота",
    "воскресенье",
    // tr
    "pazartesi",
    "salı",
    "çarşamba",
    "perşembe",
    "cuma",
    "cumartesi",
    "pazar",
    // ar
    "الاثنين",
    "الثلاثاء",
    "الأربعاء",
    "الخميس",
    "الجمعة",
    "السبت",
    "الأحد",
    // zh
    "星期一",
    "星期二",
    "星期三",
    "星期四",
    "星期五",
    "星期六",
    "星期日",
    "星期天",
    "周一",
    "周二",
    "周三",
    "周四",
    "周五",
    "周六",
    "周日",
];

const GLUE: &[&str] = &[
    "at",
    "on",
    "um",
    "à",
    "a",
    "las",
    "às",
    "alle",
    // Italian, Turkish and Polish name the hour before it: "ore 10:32", "saat 10:32",
    // "godz. 10:32".
    "ore",
    "saat",
    "godz",
    "godz.",
    "om",
    "o",
    "в",
    "г",
    "г.",
    // Spanish and Portuguese join day, month and year with "de" ("3 de mayo de 2024");
    // Polish closes a date with "r." (roku: "3 maja 2024 r.").
    "de",
    "del",
    "r",
    "roku",
    // The Levant's two-word months ("كانون الثاني", "تشرين الأول") and Arabic's "at".
    "الأول",
    "الثاني",
    "في",
];

#[derive(Default)]
struct Seen {
    date: bool,
    number: bool,
    any: bool,
    /// A time of day (`14:34`).
    time: bool,
    /// Four-digit years and numeric dates: more than one makes a range, which is content.
    years: usize,
}

impl Datelines {
    pub(super) fn new(p: &mut Params) -> Result<Self, String> {
        let labels = p.words("labels")?;
        let reading = ReadingTime::from_params(p)?;
        let by = p.words("by")?;
        let bylines = (!by.is_empty()).then(|| {
            Arc::new(Bylines::new(
                Datelines::with_labels(labels.clone()),
                reading,
                by,
            ))
        });
        Ok(Datelines {
            labels: Labels::new(labels),
            min_run: p.usize("min-run", 1)?.max(1),
            timeline: p.usize("timeline", 3)?,
            bylines,
        })
    }

    /// `facts` keeps, by input line, whether a line is a dateline (fact 0) and a
    /// stamped byline (fact 1): both are read off its text alone.
    pub(super) fn detect(
        &self,
        doc: &Document,
        in_scope: &dyn Fn(usize) -> bool,
        facts: &mut LineFacts,
        out: &mut Vec<usize>,
    ) {
        // With `min-run` above one, only runs of that many date lines in a row go (blank
        // lines between them neither break nor count).
        let before = out.len();
        let listed = (self.min_run > 1).then(|| self.list_candidates(doc));
        let mut run: Vec<usize> = Vec::new();
        for (i, line) in doc.lines.iter().enumerate() {
            // A line judged alone is judged only where the rule may drop it: a dateline
            // rule limited to a page's edges reads a few lines, not every one.
            if line.blank || (self.min_run == 1 && !in_scope(i)) {
                continue;
            }
            let text = doc.line(i);
            let read = listed.as_ref().is_none_or(|l| l[i]);
            if read
                && (facts.get(i, DATELINE, || self.is_dateline(text))
                    || facts.get(i, STAMPED_BYLINE, || self.is_stamped_byline(text)))
            {
                run.push(i);
                continue;
            }
            if run.len() >= self.min_run {
                out.extend_from_slice(&run);
            }
            run.clear();
        }
        if run.len() >= self.min_run {
            out.extend_from_slice(&run);
        }
        if self.min_run == 1 && out.len() > before && self.is_timeline(doc, facts) {
            out.truncate(before);
        }
    }

    /// The lines a list of dates may hold: short ones ("► September 2012 (23)"; most
    /// lines of a document are longer) with a digit (every date has one), in a run of
    /// `min-run` or more such lines (blank lines neither break nor count). Only these are
    /// read as dates: the rest cannot stand in a list that long.
    fn list_candidates(&self, doc: &Document) -> Vec<bool> {
        let mut listed = vec![false; doc.lines.len()];
        let mut group: Vec<usize> = Vec::new();
        for (i, line) in doc.lines.iter().enumerate() {
            if line.blank {
                continue;
            }
            let text = doc.line(i);
            if text.len() <= LIST_ENTRY_BYTES && text.bytes().any(|b| b.is_ascii_digit()) {
                group.push(i);
                continue;
            }
            if group.len() >= self.min_run {
                group.iter().for_each(|&k| listed[k] = true);
            }
            group.clear();
        }
        if group.len() >= self.min_run {
            group.iter().for_each(|&k| listed[k] = true);
        }
        listed
    }

    /// At least `timeline` date lines, each followed by a line of text that is no date: a
    /// chronology's or a diary's headings, of which the first and the last stand at the
    /// document's edges like a template's dateline, and are the text's as much as the rest.
    fn is_timeline(&self, doc: &Document, facts: &mut LineFacts) -> bool {
        if self.timeline == 0 {
            return false;
        }
        // Each line is judged once: a date line followed by one that is none counts.
        let mut entries = 0;
        let mut previous_dated = false;
        for (i, line) in doc.lines.iter().enumerate() {
            if line.blank {
                continue;
            }
            let text = doc.line(i);
            let dated = text.len() <= TIMELINE_ENTRY_BYTES
                && facts.get(i, DATELINE, || self.is_dateline(text));
            if previous_dated && !dated {
                entries += 1;
                if entries >= self.timeline {
                    return true;
                }
            }
            previous_dated = dated;
        }
        false
    }

    /// A detector that takes these words as labels.
    pub fn with_labels(labels: Vec<String>) -> Self {
        Datelines {
            labels: Labels::new(labels),
            min_run: 1,
            timeline: 0,
            bylines: None,
        }
    }

    /// A byline beside its stamp, when the detector knows the `by` words: as long as a
    /// dateline may be.
    fn is_stamped_byline(&self, line: &str) -> bool {
        line.len() <= MAX_DATELINE_BYTES
            && self
                .bylines
                .as_ref()
                .is_some_and(|b| b.is_stamped_line(line))
    }

    pub fn is_dateline(&self, line: &str) -> bool {
        let line = line.trim();
        // Every dateline has a digit; most lines fail here before any lowercasing.
        if line.len() > MAX_DATELINE_BYTES || !line.bytes().any(|b| b.is_ascii_digit()) {
            return false;
        }
        // "Madrid - 16 jul 2024 - 13:45 CEST", "WASHINGTON, March 12, 2024": where the
        // story was filed, then its stamp.
        self.is_stamp_line(line) || after_place(line).is_some_and(|s| self.is_stamp_line(s))
    }

    /// [`Datelines::is_dateline`] without a place before the stamp.
    fn is_stamp_line(&self, line: &str) -> bool {
        if !self.may_open_stamp(line) {
            return false;
        }
        let lower = line.to_lowercase();
        // A list marker before the label: "- Published 18 November 2019".
        // An archive tree's arrow: "► July 2012 (23)".
        let rest = lower.trim_start_matches(LIST_MARKERS);
        // "Publié le 18 novembre 2019 à 10h32 - Mis à jour le 18 novembre 2019 à 12h05":
        // two labelled stamps, each judged on its own (two years in one stamp are a range).
        // "Publié le 10 octobre 2024 à 18h05, modifié le 11 octobre 2024 à 08h32" too.
        let parts = || rest.split(['-', '|', '·', '–', '—', ',']);
        if parts().nth(1).is_some() && parts().skip(1).all(|p| self.label(p).is_some()) {
            return parts().all(|p| self.stamp(p));
        }
        self.stamp(rest)
    }

    /// Cheap first: whether `line` (trimmed) may open a stamp, read from its first word
    /// without lowercasing the line: a label may start it, or its first word is a date's
    /// (a number, a month, a weekday, a time). Every stamp passes; a line of prose with a
    /// digit somewhere, most of those read here, stops at its first word.
    fn may_open_stamp(&self, line: &str) -> bool {
        let rest = line.trim_start_matches(LIST_MARKERS);
        if !self.labels.candidates(rest).is_empty() {
            return true;
        }
        // The first token as `stamp` splits, and also at a dash or a slash (the date
        // test splits "Publié le … - Mis à jour" at dashes first, and a token's part
        // before a dash or a slash is a date's part whenever the token is: "2024-07-05",
        // "segunda-feira", "7/5/2024", "gmt-5").
        let Some(first) = rest
            .split(|c: char| token_break(c) || matches!(c, '-' | '/'))
            .find(|t| !t.is_empty())
        else {
            return false;
        };
        let first = first.trim_end_matches('.');
        let mut buf = [0u8; 32];
        let lower = match first.is_ascii() && first.len() <= buf.len() {
            true => {
                let lower = &mut buf[..first.len()];
                lower.copy_from_slice(first.as_bytes());
                lower.make_ascii_lowercase();
                Cow::Borrowed(std::str::from_utf8(lower).expect("ASCII"))
            }
            false => Cow::Owned(first.to_lowercase()),
        };
        atom(&lower, &mut Seen::default())
    }

    /// Whether `text` opens with one of the labels ("Updated", "Publié le").
    pub(super) fn is_labelled(&self, text: &str) -> bool {
        self.label(&text.to_lowercase()).is_some()
    }

    /// The text after a leading label, if it has one: the longest that fits, so
    /// "Publicado el 3 de mayo" loses "publicado el", not "publicado" and a stray "el".
    /// A fullwidth colon ends a label too ("发布时间：2024年3月12日").
    fn label<'t>(&self, text: &'t str) -> Option<&'t str> {
        let text = text.trim_start();
        self.labels.candidates(text).iter().find_map(|label| {
            text.strip_prefix(label.as_str())
                .filter(|r| r.starts_with([':', '：', ' ']))
                .map(|r| r.trim_start_matches([':', '：', ' ']))
        })
    }

    /// One date or time stamp, optionally behind a label.
    fn stamp(&self, text: &str) -> bool {
        let (rest, labelled) = match self.label(text) {
            Some(rest) => (rest, true),
            None => (text, false),
        };
        let mut seen = Seen::default();
        for tok in rest.split(token_break) {
            if tok.is_empty() || tok == "-" || tok == "/" {
                continue;
            }
            if !atom(tok.trim_end_matches('.'), &mut seen) {
                return false;
            }
            seen.any = true;
        }
        // A time alone is a live blog's entry; behind a label ("Updated 1:23 p.m. ET") it
        // is the page's time stamp.
        seen.any && (seen.date || (labelled && seen.time)) && seen.number && seen.years <= 1
    }
}

/// Where a stamp's tokens part: "Wed, 12 Mar 2024 | 14:35 (CET)".
fn token_break(c: char) -> bool {
    c.is_whitespace() || matches!(c, ',' | '|' | '–' | '—' | '·' | '(' | ')' | '[' | ']')
}

/// What Chinese and Japanese dates and times are written with ("2024年3月12日 14時35分").
pub(super) const CJK_DATE_UNITS: [char; 7] = ['年', '月', '日', '時', '分', '秒', '号'];

/// Most words in the place a dateline may open with: "Rio de Janeiro", "New York".
const PLACE_WORDS: usize = 3;

/// How far into a line the place's separator may stand, in bytes: three long names.
const PLACE_BYTES: usize = 40;

/// What follows `line`'s opening place name and its separator ("Madrid - ",
/// "WASHINGTON, "), if it opens with one: one to [`PLACE_WORDS`] words of letters, each
/// capitalised but for a particle ("Rio de Janeiro"), none of them a weekday or a date's
/// glue word.
fn after_place(line: &str) -> Option<&str> {
    // Cheap first: a capital opens the line, and a separator stands within a place's
    // length of it (most lines with a digit are neither).
    if !line.starts_with(char::is_uppercase) {
        return None;
    }
    let head = &line.as_bytes()[..line.len().min(PLACE_BYTES)];
    let at = head
        .iter()
        .position(|b| matches!(b, b',' | b'-' | b'|' | 0xE2))?;
    let (at, sep) = line[at..]
        .char_indices()
        .find(|(_, c)| matches!(c, ',' | '-' | '–' | '—' | '|'))
        .map(|(i, c)| (at + i, c))?;
    let place = &line[..at];
    // A dash that joins a name ("Baden-Baden", "Covid-19") has no space before it.
    if sep != ',' && !place.ends_with(char::is_whitespace) {
        return None;
    }
    let mut words = 0;
    for w in place.split_whitespace() {
        words += 1;
        let particle = matches!(w, "de" | "del" | "da" | "do" | "am" | "an" | "sur" | "upon");
        // No weekday or date's glue word: "Amy On Thursday, November 1" is a
        // commenter and a stamp. (A month's name may be a place's: "Rio de Janeiro".)
        let named = w.starts_with(char::is_uppercase)
            && w.chars()
                .all(|c| c.is_alphabetic() || matches!(c, '.' | '\'' | '’'))
            && !matches!(word(w), Some(Word::Other));
        if words > PLACE_WORDS || !(particle || named) {
            return None;
        }
    }
    Some(line[at + sep.len_utf8()..].trim_start())
}

#[derive(Clone, Copy)]
enum Word {
    Month,
    /// A weekday or a word that joins a date's parts ("at", "um", "le").
    Other,
}

/// Month names, weekdays and glue words in one table, by their word key (the stoplists'
/// own, no SipHash): a stamp's every token is looked up.
static WORDS: std::sync::LazyLock<KeyMap<Word>> = std::sync::LazyLock::new(|| {
    let mut words = KeyMap::default();
    let mut scratch = String::new();
    for w in WEEKDAYS.iter().chain(GLUE) {
        words.insert(key(w, &mut scratch), Word::Other);
    }
    // A month wins over a glue word of the same spelling ("mai", "mar").
    for w in MONTHS {
        words.insert(key(w, &mut scratch), Word::Month);
    }
    words
});

/// The entry of `word` (lowercase) in [`WORDS`].
fn word(word: &str) -> Option<Word> {
    WORDS.get(&key(word, &mut String::new())).copied()
}

/// Whether `word` (lowercase) is a month, a weekday, a date's glue word or starts with a
/// digit: how a date begins.
pub(super) fn date_word(word: &str) -> bool {
    word.starts_with(|c: char| c.is_ascii_digit()) || self::word(word).is_some()
}

/// One date or time part; records whether it names a date.
fn atom(tok: &str, seen: &mut Seen) -> bool {
    if tok.is_empty() {
        return true;
    }
    // Months, weekdays and glue words are words: a token that opens with a digit (most of
    // a stamp's) is looked up in none of them.
    if !tok.starts_with(|c: char| c.is_ascii_digit()) {
        match word(tok) {
            Some(Word::Month) => {
                seen.date = true;
                return true;
            }
            Some(Word::Other) => return true,
            None => {}
        }
    }
    if matches!(tok, "am" | "pm" | "a.m" | "p.m" | "h" | "uhr" | "hrs") {
        return true;
    }
    if tok.len() >= 2 && tok.len() <= 5 && tok.bytes().all(|b| b.is_ascii_lowercase()) {
        // Time-zone codes (UTC, GMT, MSK, CEST, ET); the line was lowercased.
        return matches!(
            tok,
            "utc"
                | "gmt"
                | "msk"
                | "cet"
                | "cest"
                | "est"
                | "edt"
                | "pst"
                | "pdt"
                | "cst"
                | "cdt"
                | "mst"
                | "mdt"
                | "bst"
                | "ist"
                | "jst"
                | "kst"
                | "et"
                | "pt"
                | "ct"
                | "mez"
                | "mesz"
        );
    }
    if let Some(t) = tok.strip_prefix("utc").or_else(|| tok.strip_prefix("gmt")) {
        return t.len() <= 6 && t.bytes().all(|b| b.is_ascii_digit() || b"+-:".contains(&b));
    }
    // Plain numbers: days, years, ordinals (8th, 1st).
    let digits = tok.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let suffix = &tok[digits.len()..];
    if !digits.is_empty()
        && digits.bytes().all(|b| b.is_ascii_digit())
        && matches!(suffix, "" | "st" | "nd" | "rd" | "th" | "am" | "pm")
    {
        seen.number = true;
        seen.years += usize::from(digits.len() == 4);
        return digits.len() <= 4;
    }
    // ISO timestamps: 2024-07-05T06:15:31Z, 2024-07-05T06:15:31+03:00.
    if let Some((date, time)) = tok.split_once('t') {
        return numeric_date(date) && {
            seen.date = true;
            seen.number = true;
            seen.years += 1;
            time_part(time.trim_end_matches('z'))
        };
    }
    if numeric_date(tok) {
        seen.date = true;
        seen.number = true;
        seen.years += 1;
        return true;
    }
    if let Some(year) = cjk_date(tok) {
        seen.date = true;
        seen.number = true;
        seen.years += usize::from(year);
        return true;
    }
    // The Guardian's "14.35 GMT": a dotted time, once the line names a date.
    if seen.date && dotted_time(tok) {
        seen.time = true;
        return true;
    }
    let time = time_part(tok.trim_end_matches("am").trim_end_matches("pm"));
    seen.time |= time;
    seen.number |= time;
    time
}

/// 2024-07-05, 05.07.2024, 7/5/2024, 2024/07/05.
fn numeric_date(tok: &str) -> bool {
    let parts: Vec<&str> = tok.split(['-', '.', '/']).collect();
    parts.len() == 3
        && parts
            .iter()
            .all(|p| !p.is_empty() && p.len() <= 4 && p.bytes().all(|b| b.is_ascii_digit()))
        && parts.iter().any(|p| p.len() == 4 || p.len() == 2)
        && (parts[0].len() == 4 || parts[2].len() == 4 || parts[2].len() == 2)
}

/// A date written with Chinese (and Japanese) units: "2024年3月12日", "3月12日",
/// "2024年3月": numbers each followed by 年, 月 or 日, in that order, a month among them. Whether it names a
/// year, or `None` when it is no such date.
fn cjk_date(tok: &str) -> Option<bool> {
    let mut rest = tok;
    let mut last = 0;
    let mut year = false;
    let mut month = false;
    while !rest.is_empty() {
        let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
        let unit = rest[digits..].chars().next()?;
        let rank = match unit {
            '年' => 1,
            '月' => 2,
            '日' => 3,
            _ => return None,
        };
        if digits == 0 || digits > 4 || rank <= last {
            return None;
        }
        year |= rank == 1;
        month |= rank == 2;
        last = rank;
        rest = &rest[digits + unit.len_utf8()..];
    }
    // A year alone ("2024年") or a count of days ("366日") is no date: a month is named.
    (month).then_some(year)
}

/// 14.35: hours and minutes behind a dot, as British papers print a time.
fn dotted_time(tok: &str) -> bool {
    let Some((h, m)) = tok.split_once('.') else {
        return false;
    };
    let num = |p: &str, len: std::ops::RangeInclusive<usize>, max: u32| {
        len.contains(&p.len())
            && p.bytes().all(|b| b.is_ascii_digit())
            && p.parse::<u32>().is_ok_and(|n| n <= max)
    };
    num(h, 1..=2, 23) && num(m, 2..=2, 59)
}

/// 06:15, 06:15:31, 06:15:31.123, 06:15+03:00, and French 10h32.
fn time_part(tok: &str) -> bool {
    if let Some((h, m)) = tok.split_once('h') {
        return [h, m]
            .iter()
            .all(|p| (1..=2).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_digit()));
    }
    let main = tok.split(['+', '-']).next().unwrap_or("");
    let main = main.split('.').next().unwrap_or("");
    let parts: Vec<&str> = main.split(':').collect();
    (2..=3).contains(&parts.len())
        && parts
            .iter()
            .all(|p| !p.is_empty() && p.len() <= 2 && p.bytes().all(|b| b.is_ascii_digit()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn det() -> Datelines {
        Datelines {
            labels: Labels::new(
                [
                    "published",
                    "updated",
                    "posted on",
                    "publié le",
                    "mis à jour le",
                    "modifié le",
                    "publicado",
                    "publicado el",
                    "发布时间",
                    "نشر في",
                ]
                .map(String::from)
                .to_vec(),
            ),
            min_run: 1,
            timeline: 0,
            bylines: None,
        }
    }

    #[test]
    fn datelines() {
        let d = det();
        for line in [
            "8 Dec, 2021 14:34",
            "2024-07-05 06:15:31",
            "Published: December 8, 2021 at 2:34 pm",
            "08.12.2021, 14:34 MSK",
            "Monday, 8 December 2021",
            "2024-07-05T06:15:31Z",
            "Updated 12/08/2021 2:34PM ET",
            "8 декабря 2021, 14:34",
            "Posted on March 3rd, 2020",
            "Updated at 1:23 p.m.",
            "Updated 11:45 AM EST",
            "Publié le 18 novembre 2019 à 10h32 - Mis à jour le 18 novembre 2019 à 12h05",
            "Published 18 Nov 2019 | Updated 19 Nov 2019",
            "3 de mayo de 2024",
            "Sexta-feira, 3 de maio de 2024",
            "3 maja 2024 r.",
            // the longest label ("publicado el", not "publicado" and a stray "el")
            "Publicado el 12 de marzo de 2024",
            "Tuesday 12 March 2024 14.35 GMT",
            "2024年3月12日 星期二",
            "发布时间：2024年3月12日",
            "نشر في 12 مارس 2024",
            "12 تشرين الأول 2024",
            // where the story was filed, then its stamp; two stamps parted by a comma
            "Madrid - 16 jul 2024 - 13:45 CEST",
            "WASHINGTON, March 12, 2024",
            "Rio de Janeiro - 12 de março de 2024",
            "Publié le 10 octobre 2024 à 18h05, modifié le 11 octobre 2024 à 08h32",
            // the hour named before it
            "3 marzo 2024 ore 10:32",
            "3 Mart 2024 saat 10:32",
            "3 marca 2024, godz. 10:32",
        ] {
            assert!(d.is_dateline(line), "{line}");
        }
    }

    #[test]
    fn archive_months_are_datelines() {
        let d = det();
        for s in [
            "July 2012",
            "► May 2012 (4)",
            "Июнь 2012",
            "Czerwiec 2012",
            "juillet 2012",
        ] {
            assert!(d.is_dateline(s), "{s}");
        }
    }

    #[test]
    fn not_datelines() {
        let d = det();
        for line in [
            "14:40",
            "1:23 p.m.",
            "Updated at noon",
            "MOSCOW, Dec 8 (Reuters) - Putin said on Wednesday",
            "He was born on 8 December 2021.",
            "May",
            "2021",
            "1 2 3",
            "March on Washington",
            "Published by Penguin",
            "29 November 2018 | 20 January 2019",
            "3 de 5",
            "Nació el 3 de mayo de 2024.",
            // a price and a score beside a date, a year alone in Chinese
            "12 March 2024 14.355",
            "14.35",
            "2024年",
            "366日",
            "2024年3月12日发布会",
            // a commenter before a stamp, a place before a sentence, a name's dash
            "Amy On Thursday, November 1 at 3:10 pm",
            "New York - the city that never sleeps, 2024",
            "Baden-Baden 12 March 2024 was sunny",
        ] {
            assert!(!d.is_dateline(line), "{line}");
        }
    }
}
