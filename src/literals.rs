//! Two questions about a pattern rule's regex, asked of its syntax tree when the shared
//! pattern set is built ([`crate::matcher`]):
//!
//! - does it **float**: can a search from the line's start stay alive over any text,
//!   because the pattern opens with something like `.+` or `[^.!?]*` ("a line that ends
//!   with 'contributed reporting'")? Searched with the patterns that soon fail, one such
//!   pattern keeps their automaton reading every byte of every line, and every state it
//!   builds carries the other patterns' progress too;
//! - which **required literals** does every match contain, one at least
//!   ("contributed", "powered by", "(rss)")? A line holding none of them cannot match, so
//!   a floating pattern is searched only on the lines where one was found, by one
//!   aho-corasick scan of the document.
//!
//! Both answers are conservative: a pattern wrongly said to float costs a little speed,
//! never a match; a literal is a run of the pattern's own characters that every match
//! holds verbatim, but for ASCII case (search it ASCII-case-insensitively, and take a
//! line holding one of [`ODD_FOLDS`] as holding every literal). A run stops at anything
//! else: a class of more than one character, a letter that folds with letters outside
//! ASCII (Cyrillic and Greek letters fold among themselves: such a letter stands for
//! itself in each of its cases), so that the literals never miss a casing the pattern
//! matches.
//!
//! Cost: one walk of the tree, linear in its size, once a process.

use regex_syntax::hir::{Class, Hir, HirKind};

/// A required literal shorter than this would be found on nearly every line ("by", a
/// space): the gate would open everywhere and cost its scan for nothing. A character
/// outside ASCII (`»`, `›`, `↑`, an ideograph) or an ASCII sign that prose hardly uses
/// (`[`, `|`, `@`) is rare enough on its own.
const MIN_LITERAL_BYTES: usize = 3;
const RARE_SIGNS: &[u8] = b"[]{}|<>@#^~_=+*\\";

/// The letters outside ASCII that fold with an ASCII one (`K` with `k`, `ſ` with `s`):
/// a literal says `k` or `s` for them, so whoever searches the literals must also take
/// a line that holds one of these as holding a literal.
pub const ODD_FOLDS: [char; 2] = ['\u{212A}', '\u{17F}'];

/// See the module documentation.
pub fn floats(hir: &Hir) -> bool {
    match hir.kind() {
        HirKind::Concat(subs) => {
            for sub in subs {
                if floats(sub) {
                    return true;
                }
                let skippable = matches!(sub.kind(), HirKind::Look(_))
                    || sub.properties().minimum_len() == Some(0)
                    || matches!(sub.kind(), HirKind::Class(c) if broad(c));
                if !skippable {
                    return false;
                }
            }
            false
        }
        HirKind::Alternation(subs) => subs.iter().any(floats),
        HirKind::Capture(c) => floats(&c.sub),
        HirKind::Repetition(r) => {
            (r.max.is_none()
                && matches!(r.sub.kind(), HirKind::Class(c) if broad(c) && holds(c, ' ')))
                || floats(&r.sub)
        }
        _ => false,
    }
}

/// A class that ordinary words are made of: it holds `e`, the commonest letter of the
/// Latin-script languages (`.`, `\S`, `\w`, `[^.!?]` all do; `\d`, `\s`, `[›»]` do not).
/// Repeated, it floats only if it holds the space too: `\S+` reads one word, `.+` and
/// `[^.!?]+` the whole line.
fn broad(class: &Class) -> bool {
    holds(class, 'e')
}

fn holds(class: &Class, ch: char) -> bool {
    match class {
        Class::Unicode(c) => c.ranges().iter().any(|r| r.start() <= ch && ch <= r.end()),
        Class::Bytes(c) => u8::try_from(ch)
            .is_ok_and(|b| c.ranges().iter().any(|r| r.start() <= b && b <= r.end())),
    }
}

/// Literals one of which every match of `hir` holds (ASCII letters in lower case, to
/// be searched ASCII-case-insensitively); `None` when no such set is known.
pub fn required(hir: &Hir) -> Option<Vec<Vec<u8>>> {
    let mut set = match hir.kind() {
        HirKind::Concat(subs) => {
            let mut best: Option<Vec<Vec<u8>>> = None;
            let mut consider = |candidate: Vec<Vec<u8>>| {
                if best.as_ref().is_none_or(|b| better(&candidate, b)) {
                    best = Some(candidate);
                }
            };
            // Runs of parts that each match one fixed string: the run matches their
            // concatenation.
            let mut run: Vec<u8> = Vec::new();
            for sub in subs {
                match fixed(sub) {
                    Some(bytes) => run.extend(bytes),
                    None => {
                        if long_enough(&run) {
                            consider(vec![std::mem::take(&mut run)]);
                        }
                        run.clear();
                        if let Some(inner) = required(sub).or_else(|| casings(sub)) {
                            consider(inner);
                        }
                    }
                }
            }
            if long_enough(&run) {
                consider(vec![run]);
            }
            best?
        }
        HirKind::Alternation(subs) => {
            let mut all = Vec::new();
            for sub in subs {
                all.extend(required(sub)?);
            }
            all
        }
        HirKind::Capture(c) => required(&c.sub)?,
        HirKind::Repetition(r) if r.min >= 1 => required(&r.sub)?,
        _ => match fixed(hir) {
            Some(bytes) if long_enough(&bytes) => vec![bytes],
            Some(_) => return None,
            None => casings(hir)?,
        },
    };
    set.sort();
    set.dedup();
    Some(set)
}

/// The one string `hir` matches, ASCII letters lowered, when it matches one string up to
/// ASCII case: a literal, or a class of one character or of an ASCII letter's two cases.
fn fixed(hir: &Hir) -> Option<Vec<u8>> {
    match hir.kind() {
        HirKind::Literal(lit) => Some(lit.0.to_ascii_lowercase()),
        HirKind::Class(Class::Unicode(c)) => {
            let chars: Vec<char> = c.iter().flat_map(|r| r.start()..=r.end()).take(4).collect();
            match chars[..] {
                [one] => Some(one.to_string().into_bytes()),
                [a, b] if a.is_ascii_alphabetic() && b == a.to_ascii_lowercase() => {
                    Some(vec![b as u8])
                }
                // `k` and `s` fold with the Kelvin sign and the long s ([`ODD_FOLDS`]).
                [a, b, odd]
                    if a.is_ascii_alphabetic()
                        && b == a.to_ascii_lowercase()
                        && ODD_FOLDS.contains(&odd) =>
                {
                    Some(vec![b as u8])
                }
                _ => None,
            }
        }
        HirKind::Class(Class::Bytes(c)) => {
            let bytes: Vec<u8> = c.iter().flat_map(|r| r.start()..=r.end()).take(3).collect();
            match bytes[..] {
                [one] => Some(vec![one.to_ascii_lowercase()]),
                [a, b] if a.is_ascii_alphabetic() && b == a.to_ascii_lowercase() => Some(vec![b]),
                _ => None,
            }
        }
        HirKind::Capture(c) => fixed(&c.sub),
        HirKind::Concat(subs) => {
            let mut out = Vec::new();
            for sub in subs {
                out.extend(fixed(sub)?);
            }
            Some(out)
        }
        _ => None,
    }
}

/// The casings of a letter outside ASCII (`[Нн]`, `[Σσς]`), each a literal of its own:
/// a Russian line holds one or the other, where a run of letters would need every mix
/// of cases.
fn casings(hir: &Hir) -> Option<Vec<Vec<u8>>> {
    let HirKind::Class(Class::Unicode(c)) = hir.kind() else {
        return None;
    };
    let chars: Vec<char> = c.iter().flat_map(|r| r.start()..=r.end()).take(4).collect();
    (chars.len() <= 3 && chars.iter().all(|ch| !ch.is_ascii()))
        .then(|| chars.iter().map(|ch| ch.to_string().into_bytes()).collect())
}

fn long_enough(literal: &[u8]) -> bool {
    literal.len() >= MIN_LITERAL_BYTES
        || (!literal.is_empty() && !literal.is_ascii())
        || (literal.len() == 1 && RARE_SIGNS.contains(&literal[0]))
}

/// The more selective of two literal sets: one without a common word ("here", "this",
/// "get": on nearly every line of English), then the longer shortest literal, then fewer
/// literals.
fn better(a: &[Vec<u8>], b: &[Vec<u8>]) -> bool {
    let shortest = |s: &[Vec<u8>]| s.iter().map(Vec::len).min().unwrap_or(0);
    let rare = |s: &[Vec<u8>]| !s.iter().any(|l| COMMON.contains(&l.as_slice()));
    let key = |s: &[Vec<u8>]| (rare(s), shortest(s), std::cmp::Reverse(s.len()));
    key(a) > key(b)
}

/// Words so common that a gate on them opens on most lines of English prose. Only the
/// choice between two literal sets reads this list.
const COMMON: &[&[u8]] = &[
    b"the", b"and", b"that", b"this", b"here", b"with", b"from", b"have", b"for", b"you", b"your",
    b"get", b"all", b"are", b"was", b"not", b"but", b"our", b"one", b"more", b"home", b"will",
    b"can", b"has", b"his", b"her", b"they", b"out", b"new",
];

#[cfg(test)]
mod tests {
    use super::*;

    fn hir(p: &str) -> Hir {
        regex_syntax::parse(p).unwrap()
    }

    fn lits(p: &str) -> Option<Vec<String>> {
        required(&hir(p)).map(|v| {
            v.into_iter()
                .map(|l| String::from_utf8(l).unwrap())
                .collect()
        })
    }

    #[test]
    fn a_pattern_that_opens_with_any_text_floats() {
        assert!(floats(&hir(r"^\s*(?:.+\s+contributed\s+reporting)\s*$")));
        assert!(floats(&hir(r"^\s*(?:\S.*\s\[\p{Lu}{3,}\])\s*$")));
        assert!(floats(&hir(r"(?i)^\s*(?:(?:.*[.!?:]\s+)?subscribe)")));
        assert!(floats(&hir(
            r"^\s*(?:home\s*›.*|[^›»\n.!?]+(?:\s[›»]\s[^›»\n.!?]+){2,})\s*$"
        )));
    }

    #[test]
    fn a_pattern_that_needs_its_words_first_does_not_float() {
        assert!(!floats(&hir(
            r"(?i)^\s*(?:read\s+more|see\s+also)\s*:\s*\S(?:.*[^.\s])?\s*$"
        )));
        assert!(!floats(&hir(
            r"^\s*(?:[0-9]{1,2}:[0-9]{2}|\p{Lu}\p{Ll}+\s+\p{Lu}\p{Ll}+)\s*$"
        )));
    }

    #[test]
    fn every_match_holds_a_required_literal() {
        assert_eq!(
            lits(r"^\s*(?:.+\s+contributed\s+reporting)\s*$"),
            Some(vec!["contributed".into()])
        );
        assert_eq!(
            lits(r"^\s*(?:[^.!?]*\((?:atom|rss)\))\s*$"),
            Some(vec!["atom".into(), "rss".into()])
        );
        // Case-insensitive: ASCII letters fold (and `k` and `s` with their odd folds).
        assert_eq!(
            lits(r"(?i)^\s*(?:.*\bby\s+clicking\s+there)\s*$"),
            Some(vec!["clicking".into()])
        );
        assert_eq!(
            lits(r"(?i)^\s*(?:.*newsletter)\s*$"),
            Some(vec!["newsletter".into()])
        );
        // A letter that folds outside ASCII ends a run, and stands for itself in each
        // case; uncased characters do not end one.
        assert_eq!(
            lits(r"(?i)^\s*(?:.*нажмите)\s*$"),
            Some(vec!["Н".into(), "н".into()])
        );
        assert_eq!(
            lits(r"(?i)^\s*(?:.*点击这里)\s*$"),
            Some(vec!["点击这里".into()])
        );
        // A rare character alone will do.
        assert_eq!(
            lits(r"^\s*(?:[^›»]+(?:\s[›»]\s[^›»]+){2,})\s*$"),
            Some(vec!["»".into(), "›".into()])
        );
        assert_eq!(
            lits(r"^\s*(?:\S.*\s\[\p{Lu}{3,}\])\s*$"),
            Some(vec!["[".into()])
        );
        // A branch with nothing required leaves the whole pattern without literals.
        assert_eq!(lits(r"^\s*(?:.*contributed|.+)\s*$"), None);
        // Common words lose to a rarer literal of the same pattern.
        assert_eq!(
            lits(r"(?i)^\s*(?:(?:click|tap)\s+here.*)\s*$"),
            Some(vec!["click".into(), "tap".into()])
        );
    }

    /// A default pattern that floats without literals would run on every line apart
    /// and keep a whole-line walk for nothing: give each of its branches a word.
    #[test]
    fn every_floating_default_pattern_has_literals() {
        let rules = crate::RuleSet::defaults().unwrap();
        let mut bare = Vec::new();
        for rule in &rules.rules {
            if let crate::rules::Matcher::Pattern(re) = &rule.matcher {
                let tree = hir(re.as_str());
                if (floats(&tree) || !re.at_start()) && required(&tree).is_none() {
                    bare.push(rule.id.clone());
                }
            }
        }
        assert!(
            bare.is_empty(),
            "floating patterns without required literals: {bare:?}"
        );
    }
}
