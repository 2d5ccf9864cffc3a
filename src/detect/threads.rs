//! `comment-thread`: the reader comments under an article, as one block.
//!
//! A thread is a run of comments, each opened by a header: the commenter's name on a line
//! of its own (a few words, no sentence end) right above a time stamp (`2 days ago at
//! 07:52 am`, `November 19, 2019 at 3:04 pm`, `vor 3 Stunden`), or a line like
//! `Jane Doe says:`. One header is a byline; at least `min-comments` of them, each within
//! `max-gap` lines of the one before and the last within `max-gap` lines of the end, are
//! a thread, and everything from its first header on goes. Judging the thread as a block
//! takes the comments' text with it, which no line rule could tell from prose.
//!
//! With `one-line-headers`, a header may also name the commenter and the time on one
//! line (`by Sandy Kazmir on Aug 9, 2012 1:29 PM EDT up reply actions`, `Bart | November
//! 9, 2012 12:20 AM | Reply`, `Elijah Szasz — July 10th, 2012, 1:31 am`): a name first,
//! then a date with its year and a time of day, in at most 14 words and no sentence. One
//! name on most of them (after the words every header shares) is an author signing the
//! posts of a blog's front page (`digby 6/04/2005 06:35:00 PM |`), not a thread. It is
//! off by default because corpora disagree on whether comments are the page's text: on
//! dragnet, whose truth leaves comments out, it lifts F1 by 0.017 (page dumps) and 0.010
//! (extracted), and on cleaneval-dev, whose truth keeps them, it lowers recall by 0.005
//! (Movable Type's "Posted by: Stuke on March 15, 2003 08:35 AM"). A header of another kind
//! above the page's first paragraph (the article's "Posted by … on …" byline, chained to
//! the thread because the article is short) is the article's, not the first comment.
//! A forum's first post sits under a header of its replies' kind: with no paragraph
//! above it, the thread is the page's text and stays whole; so does a forum thread whose
//! chain of headers a long post (more than `max-gap` lines) parts, known by a run of
//! headers of the thread's kind from above the page's first paragraph down (an article's
//! byline is one header, not a run).
//!
//! Not a thread: an event listing or a timetable (names over dates, but from the top of
//! the document: a thread needs at least `min-chars-before` letters and digits above it,
//! one paragraph among them, an ideograph weighing three letters as in main-body), an
//! article under its byline ("By Jane Doe" over a date), a Q&A interview (names without
//! time stamps), a live blog (time stamps above the text, not names above time stamps).
//!
//! Not a thread either: a writer quoting readers to answer them ("Makali wrote:" over an
//! indented, dashed or `>`-marked quote, then the writer's reply): a past-tense says-line
//! over a quote attributes the quote, as mail and forums do, and opens no comment.
//!
//! Not a thread either: a teaser list ("Recommended", "Most Popular": another story's
//! author over its date, then the next story's headline, with at most a section label
//! and a blurb beside it), where most entries hold no paragraph and one line with a
//! headline's shape (no sentence end, most words capitalised). A reader's comment says
//! something; left for the thread, a teaser list under an article's first half took the
//! second half with it, and so did one at the page's end that the chain of headers
//! reached through the article from a list inside it.
//!
//! Known limit: a list of quotes at an article's end, each under its speaker's name and a
//! date, has a thread's shape and goes with it.

use regex::Regex;

use super::datelines::date_word;
use super::{
    Datelines, LineFacts, Params, Survivor, SurvivorPos, ends_sentence, has_time, has_year,
};
use crate::document::Document;

/// The [`LineFacts`] a thread's header test reads off a line's text alone.
const SAYS: u8 = 0;
const ONE_LINE: u8 = 1;
const NAME: u8 = 2;
/// [`CommentThread::stamp`] of the trimmed line (the length test is the caller's).
const STAMP: u8 = 3;

/// Fact `fact` of survivor `line`, from `facts` when the line is its input line's text
/// as it stands (a line a rule cut in this pass is read afresh, its facts not kept: the
/// same input line reads whole in the guard's run without that rule).
fn fact(facts: &mut LineFacts, line: &Survivor, fact: u8, read: impl FnOnce() -> bool) -> bool {
    match line.text {
        std::borrow::Cow::Borrowed(_) => facts.get(line.line, fact, read),
        std::borrow::Cow::Owned(_) => read(),
    }
}

/// Headers of a thread's kind above a run that a long post parted from them, from the
/// page's first paragraph down, that make the page a forum's thread rather than an
/// article under its byline: the opening post's and at least one reply's.
const FORUM_HEADERS_ABOVE: usize = 2;

#[derive(Debug, Clone)]
pub struct CommentThread {
    min_comments: usize,
    one_line_headers: bool,
    max_gap: usize,
    min_chars_before: usize,
    dates: Datelines,
}

/// A relative time stamp, in the languages we support. The unit is any word (`\S+`) and
/// the numbers ASCII digits: Unicode's `\w` and `\d`, nine copies of them, made this
/// regex cost 26M instructions to compile (the first document with a name over a
/// number paid it); as written it costs 5M.
const RELATIVE: &str = r"(?ix)^\s*(?:
    (?:about\s+|an?\s+)?(?:[0-9]+|an?|one)\s+(?:sec|second|min|minute|hr|hour|day|week|month|year)s?\s+ago
  | vor\s+(?:[0-9]+|einer?|einem)\s+\S+
  | il\s+y\s+a\s+[0-9]+\s+\S+
  | hace\s+[0-9]+\s+\S+
  | [0-9]+\s+\S+\s+fa
  | há\s+[0-9]+\s+\S+
  | [0-9]+\s+\S+\s+geleden
  | [0-9]+\s+\S+\s+temu
  | [0-9]+\s+\S+\s+назад
  | [0-9]+\s+\S+\s+önce
  | yesterday|today|gestern|heute|hier|aujourd'hui|ayer|hoy|ieri|oggi|ontem|hoje|gisteren|vandaag|wczoraj|dzisiaj|вчера|сегодня|dün|bugün
)(?:\s*(?:at|um|à|a\s+las|alle|às|om|o|в)?\s*[0-9]{1,2}[:.][0-9]{2}\s*(?:[ap]\.?m\.?)?)?\s*$";

/// The words a relative stamp without a number holds ("an hour ago", "vor einer Stunde",
/// "yesterday"): a line with neither a digit nor one of these is no stamp, and most lines
/// are rejected here without running the regexes.
static RELATIVE_WORDS: std::sync::LazyLock<aho_corasick::AhoCorasick> =
    std::sync::LazyLock::new(|| {
        aho_corasick::AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .build([
                "ago",
                "vor ",
                "yesterday",
                "today",
                "gestern",
                "heute",
                "hier",
                "aujourd",
                "ayer",
                "hoy",
                "ieri",
                "oggi",
                "ontem",
                "hoje",
                "gisteren",
                "vandaag",
                "wczoraj",
                "dzisiaj",
                "вчера",
                "Вчера",
                "сегодня",
                "Сегодня",
                "dün",
                "Dün",
                "bugün",
                "Bugün",
            ])
            .expect("a valid automaton")
    });

/// `NAME says:` and its translations, on a short line.
/// [`RELATIVE`] and the says-line regex, compiled when a line first needs them: most documents'
/// lines are turned away by cheaper tests, and start-up does not pay for them.
static RELATIVE_RE: std::sync::LazyLock<Regex> =
    std::sync::LazyLock::new(|| Regex::new(RELATIVE).expect("a valid regex"));
static SAYS_RE: std::sync::LazyLock<Regex> = std::sync::LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)^\s*\S.{{0,60}}\s(?:{OTHER_SAYS_VERBS}|{QUOTE_VERBS})\s*:\s*$"
    ))
    .expect("a valid regex")
});

/// A "`NAME says:`" line, a comment's header on its own.
pub(super) fn says_line(text: &str) -> bool {
    let text = text.trim();
    text.ends_with(':') && SAYS_RE.is_match(text)
}

/// A says-line in the past tense ("wrote:", "schrieb:", "a écrit :"): how a quote is
/// attributed, in mail, forums and a blog answering its readers.
fn quote_attribution(text: &str) -> bool {
    static WROTE: std::sync::LazyLock<Regex> = std::sync::LazyLock::new(|| {
        Regex::new(&format!(r"(?i)\s(?:{QUOTE_VERBS})\s*:\s*$")).expect("a valid regex")
    });
    WROTE.is_match(text)
}

/// A line set off as a quote: indented, or behind a mail quote's `>`, a dash or a
/// quotation mark.
fn quoted(text: &str) -> bool {
    text.starts_with("  ")
        || text.starts_with('\t')
        || matches!(
            text.trim_start().chars().next(),
            Some('>' | '-' | '–' | '«' | '“' | '"' | '„')
        )
}

/// A relative time stamp on a line of its own ("2 days ago", "vor 3 Stunden").
pub(super) fn relative_stamp(text: &str) -> bool {
    // Neither a number nor a word of a relative stamp: the regex cannot match.
    (text.bytes().any(|b| b.is_ascii_digit()) || RELATIVE_WORDS.is_match(text))
        && RELATIVE_RE.is_match(text)
}

/// Whether survivor `k` opens a post beyond doubt, without a dateline detector's
/// settings: "Jane says:", or a name over a stamp with a year and a time of day
/// ("05-06-2005, 05:28 PM") or a relative one ("2 days ago"). A name and a stamp on one
/// line are left out: as often a teaser's headline and time ("PGA Championship 2012: Tee
/// Times 8:02a"). Other detectors read it to tell a thread's posts apart: a paragraph
/// repeated under another post's header is a quote of it.
pub(super) fn post_header(lines: &[Survivor], k: usize) -> bool {
    let text = lines[k].text.trim();
    if text.len() > MAX_NAME_BYTES {
        return false;
    }
    let stamp = |s: &str| {
        s.len() <= MAX_STAMP_BYTES && (has_year(s) && has_time(s) || relative_stamp(s.trim()))
    };
    says_line(text)
        || (name_line(text) && lines.get(k + 1).is_some_and(|n| stamp(&n.text)) && !stamp(text))
}

/// Whether most of the entries the name-over-stamp headers at `headers` open are teasers
/// for other stories: a headline ("Navigator: Ode To The Dead Mall"), with at most a
/// section label and a blurb beside it, and no paragraph (see [`teaser_entry`]). A list
/// of them (their author and date, then the next story) shares a thread's shape; a
/// reader's comment says something.
fn teaser_list(lines: &[Survivor], headers: &[usize], kinds: &[Header]) -> bool {
    let entries = headers.len().saturating_sub(1);
    let teasers = headers
        .windows(2)
        .zip(kinds)
        .filter(|(w, kind)| {
            // Name, stamp, the entry, next header.
            **kind == Header::NameOverStamp && teaser_entry(&lines[(w[0] + 2).min(w[1])..w[1]])
        })
        .count();
    entries > 0 && teasers * 2 > entries
}

/// Most lines of a teaser's entry: a section label, the headline and a blurb.
const TEASER_LINES: usize = 3;

/// Whether an entry's lines read as a teaser: one to [`TEASER_LINES`] lines, one of them
/// a headline, none a paragraph ([`PARAGRAPH_CHARS`]). A comment is no headline with a
/// label over it ("Environment", "A 13,235-Mile Road Trip for 70-Degree Weather Every
/// Day", "This year-long journey … keeps you at consistent high temperatures.").
fn teaser_entry(entry: &[Survivor]) -> bool {
    (1..=TEASER_LINES).contains(&entry.len())
        && entry.iter().any(|l| super::headline(&l.text))
        && entry
            .iter()
            .all(|l| super::body::weighted_letters(&l.text, l.chars) < PARAGRAPH_CHARS)
}

/// Whether one name opens more than half of the headers at `headers`. A header's name is
/// its words less those every header holds (the template: "On … at … said:", a month):
/// "Steph", "Jodi Ettenberg" of "On September 4, 2012 at 10:25 am Steph said:", nothing
/// left of each "digby 6/04/2005 06:35:00 PM |" under the posts of a blog's front page.
/// A thread has many readers; the author answering each of them opens half of it at
/// most. (A thread of "Anonymous" comments reads as one author too, and stays.)
fn one_author(lines: &[Survivor], headers: &[usize]) -> bool {
    let words = |k: usize| -> Vec<String> {
        let mut w: Vec<String> = lines[k]
            .text
            .split(|c: char| !c.is_alphabetic())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect();
        w.sort_unstable();
        w.dedup();
        w
    };
    let all: Vec<Vec<String>> = headers.iter().map(|&k| words(k)).collect();
    let Some((first, rest)) = all.split_first() else {
        return false;
    };
    let template: Vec<&String> = first
        .iter()
        .filter(|w| rest.iter().all(|r| r.binary_search(w).is_ok()))
        .collect();
    let mut names: Vec<Vec<&String>> = all
        .iter()
        .map(|w| w.iter().filter(|w| !template.contains(w)).collect())
        .collect();
    names.sort_unstable();
    let most = names
        .chunk_by(|a, b| a == b)
        .map(<[_]>::len)
        .max()
        .unwrap_or(0);
    most * 2 > headers.len()
}

/// Most words of a commenter's name on a line of its own.
const NAME_WORDS: usize = 4;

/// A commenter's name on a line of its own: a few words, short, no sentence (the dot of
/// an initial aside: "Erika K.").
pub(super) fn name_line(text: &str) -> bool {
    text.len() <= MAX_NAME_BYTES
        && text.chars().count() <= MAX_NAME_CHARS
        && text.split_whitespace().count() <= NAME_WORDS
        && (!ends_sentence(text) || ends_with_initial(text))
}

/// The verbs of a says-line ("Jane says:"), in the languages we support: those that
/// attribute a quote (mail's and forums' "wrote:", see [`quote_attribution`]), and the
/// rest. (Spanish "dijo" and Portuguese "disse" are past tense too, but not yet counted as
/// attributions.)
const QUOTE_VERBS: &str =
    r"wrote|said|schrieb|a\s+écrit|escribió|ha\s+scritto|escreveu|schreef|napisał|написал|yazdı";
const OTHER_SAYS_VERBS: &str =
    r"says|schreibt|dit|dice|dijo|scrive|diz|disse|zegt|pisze|пишет|diyor";

/// Longest name line, in characters: a full name with a nickname or an initial.
const MAX_NAME_CHARS: usize = 40;

/// Longest name line, in bytes (40 characters of any script).
const MAX_NAME_BYTES: usize = 160;

/// Longest time stamp line, in bytes: "Wednesday, 20 November 2019 at 11:28 am CET" and
/// its translations fit.
const MAX_STAMP_BYTES: usize = 120;

/// Letters and digits of a line that is surely a paragraph of prose (an ideograph weighs
/// three, as in main-body).
const PARAGRAPH_CHARS: usize = 150;

/// How a byline opens: an author over a date is not a commenter.
const BYLINE: &[&str] = &[
    "by",
    "von",
    "par",
    "por",
    "di",
    "da",
    "door",
    "przez",
    "от",
    "tarafından",
    "بقلم",
    "作者",
];

/// How a comment's header is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Header {
    /// `Jane Doe says:`
    Says,
    /// A name, then a date and a time, on one line.
    OneLine,
    /// A name on its own line over a time stamp.
    NameOverStamp,
}

/// Most words of a header that names the commenter and the time on one line: "by Sandy
/// Kazmir on Aug 9, 2012 1:29 PM EDT up reply actions", "Sarah ReidAugust 5, 2012 10:44
/// AM".
const MAX_ONE_LINE_HEADER_WORDS: usize = 14;

/// A comment's header on one line: a name first, then a date with its year and a time of
/// day, and no sentence. A line that opens with its date is a chronology's entry or a
/// live blog's ("Aug 9, 2024 10:42 — Rescue boats launch"), not a commenter's.
pub(super) fn one_line_header(text: &str) -> bool {
    text.len() <= MAX_NAME_BYTES
        && has_time(text)
        && has_year(text)
        && text.split_whitespace().count() <= MAX_ONE_LINE_HEADER_WORDS
        && !ends_sentence(text)
        && text
            .split_whitespace()
            .next()
            .map(|w| {
                w.trim_matches(|c: char| !c.is_alphanumeric())
                    .to_lowercase()
            })
            .is_some_and(|w| w.chars().nth(1).is_some() && !date_word(&w))
}

/// `text` starts with `word` (any case) followed by a space or a colon.
fn starts_with_word(text: &str, word: &str) -> bool {
    text.get(..word.len()).is_some_and(|head| {
        head.eq_ignore_ascii_case(word)
            || (!word.is_ascii() && head.chars().flat_map(char::to_lowercase).eq(word.chars()))
    }) && text[word.len()..].starts_with([' ', ':'])
}

/// A name that ends with an initial ("Erika K.", "John Q.") ends with a dot, not a
/// sentence.
fn ends_with_initial(text: &str) -> bool {
    text.rsplit(' ').next().is_some_and(|last| {
        let mut chars = last.chars();
        matches!((chars.next(), chars.next(), chars.next()), (Some(c), Some('.'), None) if c.is_uppercase())
    })
}

impl CommentThread {
    pub(super) fn new(p: &mut Params) -> Result<Self, String> {
        Ok(CommentThread {
            min_comments: p.usize("min-comments", 3)?.max(2),
            one_line_headers: p.flag("one-line-headers", false)?,
            max_gap: p.usize("max-gap", 25)?.max(2),
            min_chars_before: p.usize("min-chars-before", 300)?,
            dates: Datelines::with_labels(p.words("labels")?),
        })
    }

    /// `facts` keeps what [`CommentThread::header`] reads off each line's text alone
    /// (a says-line? a name? a stamp? a one-line header?) from pass to pass: a later
    /// pass, or the guard's run with a rule held back, reads the same lines again.
    pub(super) fn detect(
        &self,
        doc: &Document,
        lines: &[Survivor],
        facts: &mut LineFacts,
        out: &mut Vec<SurvivorPos>,
    ) {
        let (headers, kinds): (Vec<usize>, Vec<Header>) = (0..lines.len())
            .filter_map(|k| self.header(doc, lines, facts, k).map(|kind| (k, kind)))
            .unzip();
        if headers.len() < self.min_comments {
            return;
        }
        // The thread must reach the end: walk back from the last header while headers
        // follow each other closely.
        let last = *headers.last().expect("not empty");
        if lines.len() - 1 - last > self.max_gap {
            return;
        }
        let mut first = headers.len() - 1;
        while first > 0 && headers[first] - headers[first - 1] <= self.max_gap {
            first -= 1;
        }
        if headers.len() - first < self.min_comments {
            return;
        }
        // The article's own byline ("Posted by Jane Doe on Aug 9, 2012, 6:21 AM EST"),
        // close enough to the thread to chain with it, is not its first comment: a header
        // above the page's first paragraph, of another kind than the headers that follow
        // it. (A forum's first post is under a header of its replies' kind: that thread
        // is the page's text, and stays whole.)
        // Text weighed as main-body weighs it, an ideograph three letters: a Chinese
        // paragraph says in 50 characters what an English one says in 150 letters.
        let weight = |l: &Survivor| super::body::weighted_letters(&l.text, l.chars);
        let paragraph = lines.iter().position(|l| weight(l) >= PARAGRAPH_CHARS);
        if first + 1 < headers.len()
            && paragraph.is_some_and(|p| headers[first] < p)
            && kinds[first] != kinds[first + 1]
        {
            first += 1;
        }
        if headers.len() - first < self.min_comments {
            return;
        }
        // A forum thread whose chain of headers a long post broke: the headers above this
        // run are of its kind, and the first of them stands above the page's first
        // paragraph (the opening post's header). The whole page is the thread, and stays.
        // (An article's byline of the same kind is one header, not a run.)
        if first >= FORUM_HEADERS_ABOVE
            && paragraph.is_some_and(|p| headers[0] < p)
            && kinds[..=first].iter().all(|&k| k == kinds[first])
        {
            return;
        }
        // One name on most headers is an author signing posts ("digby 6/04/2005 06:35:00
        // PM |" under each post of a blog's front page), not readers answering.
        // (Told only of one-line headers: a name line over a stamp may hold the
        // commenter's tally, "Total Comments (1465)", the same words on every header.)
        if kinds[first..].iter().all(|&k| k == Header::OneLine)
            && one_author(lines, &headers[first..])
        {
            return;
        }
        // Names over dates, each over one headline, are a teaser list ("Recommended":
        // story, author, date), not readers answering.
        if teaser_list(lines, &headers[first..], &kinds[first..]) {
            return;
        }
        let start = headers[first];
        let before: usize = lines[..start].iter().map(weight).sum();
        if before < self.min_chars_before {
            return;
        }
        // Comments answer an article: without one paragraph above, the "thread" is the
        // article itself under a byline, in a page of menus and teasers, or a forum's
        // thread, whose posts (the first one too) are the page's text.
        if paragraph.is_none_or(|p| p >= start) {
            return;
        }
        out.extend(SurvivorPos::all(start..lines.len()));
    }

    /// The kind of comment header line `k` is, if it is one.
    fn header(
        &self,
        doc: &Document,
        lines: &[Survivor],
        facts: &mut LineFacts,
        k: usize,
    ) -> Option<Header> {
        let text = lines[k].text.trim();
        if fact(facts, &lines[k], SAYS, || says_line(text)) {
            // "Makali wrote:" over an indented or marked quote is the writer quoting a
            // reader to answer him, as mail and blogs do, not a reader's comment.
            if quote_attribution(text) && lines.get(k + 1).is_some_and(|n| quoted(&n.text)) {
                return None;
            }
            return Some(Header::Says);
        }
        if self.one_line_headers && fact(facts, &lines[k], ONE_LINE, || one_line_header(text)) {
            return Some(Header::OneLine);
        }
        // Cheap tests first: this runs on every line, and most are not short enough to
        // be a name over a stamp.
        let chars = lines[k].chars;
        if !(chars > 0 && chars <= MAX_NAME_CHARS) {
            return None;
        }
        if !fact(facts, &lines[k], NAME, || name_line(text)) {
            return None;
        }
        // A stamp's line is short: the length is read before the fact.
        let mut stamp_of = |line: &Survivor| {
            line.text.len() <= MAX_STAMP_BYTES
                && fact(facts, line, STAMP, || self.stamp(line.text.trim()))
        };
        // The stamp under the name: the next line left, or the next input line, which an
        // edge rule may have taken already (a dateline rule takes the last comment's date).
        // Not when a date follows that one too: then the taken line was one of a list of
        // dates (a blog's archive, "Select Month" over "October 2012", "September 2012"),
        // not a comment's stamp.
        let below = lines[k].line + 1;
        let taken = below < doc.lines.len() && lines.get(k + 1).is_none_or(|n| n.line != below);
        let next = lines.get(k + 1).is_some_and(&mut stamp_of);
        let mut taken_stamp = |at: usize| {
            let line = doc.line(at);
            line.len() <= MAX_STAMP_BYTES && facts.get(at, STAMP, || self.stamp(line.trim()))
        };
        let lone_stamp = taken
            && !next
            && taken_stamp(below)
            && !(below + 1..doc.lines.len())
                .find(|&j| !doc.lines[j].blank)
                .is_some_and(&mut taken_stamp);
        ((next || lone_stamp)
            && !fact(facts, &lines[k], STAMP, || self.stamp(text))
            // Last: comparing the byline words (some of them non-ASCII, lowercased to
            // compare) costs more than the stamp test that turns most lines away.
            && !BYLINE.iter().any(|b| starts_with_word(text, b)))
        .then_some(Header::NameOverStamp)
    }

    /// A comment's time stamp: relative ("2 days ago"), or a date with a year or a time
    /// of day. A date without either ("Dezembro (26)") is a blog archive's month.
    fn stamp(&self, text: &str) -> bool {
        // Both tests turn a line without a digit (or a relative stamp's word) away first.
        relative_stamp(text) || (self.dates.is_dateline(text) && (has_year(text) || has_time(text)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn thread() -> CommentThread {
        CommentThread::new(&mut Params::new(&toml::Table::new())).unwrap()
    }

    fn one_line_thread() -> CommentThread {
        let mut table = toml::Table::new();
        table.insert("one-line-headers".into(), toml::Value::Boolean(true));
        CommentThread::new(&mut Params::new(&table)).unwrap()
    }

    /// The lines `detect` removes from `text`, as 0-based line numbers.
    fn removed(t: &CommentThread, text: &str) -> Vec<usize> {
        let doc = Document::new(text);
        let lines: Vec<Survivor> = (0..doc.lines.len())
            .filter(|&i| !doc.lines[i].blank)
            .map(|i| Survivor {
                line: i,
                text: doc.line(i).into(),
                key: i as u64,
                chars: doc.line(i).chars().filter(|c| c.is_alphanumeric()).count(),
            })
            .collect();
        let mut out = Vec::new();
        let origin = |k: usize| Some(k);
        let mut kept = vec![0; doc.lines.len()];
        t.detect(
            &doc,
            &lines,
            &mut LineFacts::new(&mut kept, &origin),
            &mut out,
        );
        out.iter().map(|k| lines[k.0].line).collect()
    }

    #[test]
    fn a_writer_quoting_readers_to_answer_them_is_no_thread() {
        let article = "The new player is out, and I have read every complaint about it so far, on the mailing list, in the bug tracker and in my own inbox.\nMost of them are about the interface, which nobody asked me to design, and which I would rather not have at all: a player should play, and the rest is decoration that breaks, and breaks again with every release of the toolkit it was built on, which is why I keep asking for a build without it.\n";
        let quoting = format!(
            "{article}Makali wrote:\n    You should never compile the interface in at all!\nSo I should fix a bad interface by having none?\nVarious people wrote:\n  - You didn't try the other player!\nTrue, I hadn't. Now I have, and it is worse.\nSomeone else wrote:\n> Have you considered another distribution?\nEvery single time."
        );
        assert!(removed(&thread(), &quoting).is_empty());
        // Readers' comments under "says:" headers, or "wrote:" over their own words, go.
        let comments = format!(
            "{article}Makali wrote:\nGreat write-up, I had the same problem.\nJo says:\nMe too, the old one was better.\nSam wrote:\nThanks for testing it."
        );
        assert_eq!(removed(&thread(), &comments), (2..=7).collect::<Vec<_>>());
    }

    #[test]
    fn a_teaser_is_a_headline_with_a_label_and_a_blurb_and_no_paragraph() {
        let entry = |text: &str| teaser_entry(&crate::detect::survivors_of(text));
        assert!(entry("Navigator: Ode To The Dead Mall"));
        assert!(entry(
            "Environment\nA Road Trip for Mild Weather Every Day\nThis year-long journey keeps you at spring temperatures."
        ));
        // A comment says something; a post of paragraphs, or one of many lines, is no teaser.
        assert!(!entry("Great piece, thanks for writing it."));
        assert!(!entry(
            "The Twists and Turns of Making a Neon Sign\nToday she paints perhaps thirty signs a year, most of them for new cafés that want to look old, and she says the work has never been steadier, because a painted sign is one thing a printer cannot fake from across the street."
        ));
        assert!(!entry(
            "Maps\nThe Streets Named After Forgotten Trades\nRopewalks live on.\nSo do tanneries."
        ));
        assert!(!entry(""));
    }

    #[test]
    fn one_name_on_most_headers_is_an_author_not_a_thread() {
        let text = "digby 6/04/2005 06:35:00 PM |\ndigby 6/03/2005 12:09:00 PM |\ndigby 6/03/2005 09:12:00 AM |\nOn September 4, 2012 at 10:25 am Steph said:\nOn September 4, 2012 at 10:43 am Jodi Ettenberg said:\nOn September 4, 2012 at 11:02 am Steph said:\nOn September 4, 2012 at 11:40 am Carmel said:";
        let lines = crate::detect::survivors_of(text);
        assert!(one_author(&lines, &[0, 1, 2]));
        // The author answering two of four readers opens half of the thread.
        assert!(!one_author(&lines, &[3, 4, 5, 6]));
        assert!(!one_author(&lines, &[3, 4, 6]));
    }

    #[test]
    fn one_line_headers_name_first_then_date_and_time() {
        for h in [
            "by Sandy Kazmir on Aug 9, 2012 1:29 PM EDT up reply actions",
            "Bart | November 9, 2012 12:20 AM | Reply",
            "Elijah Szasz — July 10th, 2012, 1:31 am",
            "Sarah ReidAugust 5, 2012 10:44 AM",
        ] {
            assert!(one_line_header(h), "{h}");
        }
        for h in [
            // A chronology's or a live blog's entry opens with its date.
            "Aug 9, 2024 10:42 — Rescue boats launch",
            "9 August 2024, 10:42: the first boats leave",
            // No year, or no time: a live blog's stamp, an archive's month.
            "Jane Doe at 10:42 am",
            "Jane Doe, August 2012",
            // A sentence.
            "The vote was held on Aug 9, 2012 at 1:29 PM in the town hall.",
        ] {
            assert!(!one_line_header(h), "{h}");
        }
    }

    #[test]
    fn the_articles_byline_is_not_the_threads_first_comment() {
        let paragraph = "The council voted on Tuesday to close the old library and move its collection to the new civic centre, which opens in the spring after two years of delays and a long dispute over the roof.";
        let text = format!(
            "Library to close\nPosted by Michael Smith on November 19, 2019, 6:21 AM EST\n{paragraph}\n{paragraph}\njoe says:\nGood riddance.\nann says:\nI will miss it.\nbob says:\nMe too.\n"
        );
        assert_eq!(removed(&one_line_thread(), &text), [4, 5, 6, 7, 8, 9]);
    }

    #[test]
    fn a_forum_thread_under_one_line_headers_stays_whole() {
        let post = "I shoot a Nikon D7500 and want to start photographing birds in my garden and at a local reserve, which lens would you buy first on a budget of about a thousand?";
        let text = format!(
            "Which lens for birds?\nkestrel | June 12, 2022 9:41 am\n{post}\nharrier | June 12, 2022 10:15 am\n{post}\nkestrel | June 12, 2022 11:02 am\nThanks.\noldglass | June 13, 2022 8:30 pm\nThe 200-500.\n"
        );
        assert_eq!(removed(&one_line_thread(), &text), Vec::<usize>::new());
        // Off by default.
        assert_eq!(removed(&thread(), &text), Vec::<usize>::new());
    }

    #[test]
    fn stamps() {
        let t = thread();
        for s in [
            "2 days ago at 07:52 am",
            "5 hours ago",
            "November 19, 2019 at 3:04 pm",
            "vor 3 Stunden",
            "il y a 2 jours",
            "hace 5 minutos",
            "3 дня назад",
            "yesterday at 10:15",
        ] {
            assert!(t.stamp(s), "{s}");
        }
        for s in [
            "Jane Doe",
            "14 days later we met again",
            "Ago",
            "Dezembro (26)",
            "March (4)",
        ] {
            assert!(!t.stamp(s), "{s}");
        }
    }
}
