//! Short prose that belongs to the body: adopted by its neighbours, or the posts of a
//! thread under their headers.
//!
//! Cost: two passes over the lines' classes.

use super::*;

/// Fewest copies of a long line without prose that make it a repeated caption.
pub(super) const CAPTION_COPIES: usize = 3;

/// For each line, whether it is a long line with few stopwords that does not part the
/// prose around it: a caption the document repeats at least `CAPTION_COPIES` times (a
/// photo story's, under each photo), or one that ends a sentence (a results summary
/// dense with names and numbers is the article's, not a list's).
pub(super) fn transparent_long_lines(lines: &[Survivor], classes: &[(Class, i64)]) -> Vec<bool> {
    let mut counts: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    for (line, (class, _)) in lines.iter().zip(classes) {
        if *class == Class::LowProse {
            *counts.entry(line.text.trim()).or_default() += 1;
        }
    }
    lines
        .iter()
        .zip(classes)
        .map(|(line, (class, _))| {
            *class == Class::LowProse
                && (counts[line.text.trim()] >= CAPTION_COPIES || ends_sentence(&line.text))
        })
        .collect()
}

/// For each line, whether it belongs to the body's prose: a paragraph, or shorter prose
/// that has a paragraph for its nearest clear neighbour (skipping neutral lines and other
/// short prose) or stands among enough short prose to make a body of its own (a blog
/// written a sentence a line). Alone among furniture, short prose is a teaser, a caption
/// or a blurb.
pub(super) fn adopted(
    classes: &[(Class, i64)],
    transparent: &[bool],
    parted: &[bool],
    group_chars: i64,
) -> Vec<bool> {
    // A lone furniture line (a photo credit, a commenter's name) does not part prose; a
    // run of them does.
    let clear: Vec<bool> = (0..classes.len())
        .map(|i| match classes[i].0 {
            Class::Prose => true,
            // The same long caption under every photo of a photo story is the story's
            // separator, not a list that parts it.
            Class::LowProse => !transparent[i],
            Class::Furniture => {
                let furniture =
                    |k: usize| classes.get(k).is_some_and(|(c, _)| *c == Class::Furniture);
                (i > 0 && furniture(i - 1)) || furniture(i + 1)
            }
            _ => false,
        })
        .collect();
    let mut out: Vec<bool> = classes.iter().map(|(c, _)| *c == Class::Prose).collect();
    let mut i = 0;
    while i < classes.len() {
        if clear[i] {
            i += 1;
            continue;
        }
        // A run of lines the other rules took parts prose as a run of furniture does.
        let end = (i..classes.len())
            .find(|&k| clear[k] || (k > i && parted[k]))
            .unwrap_or(classes.len());
        // Only prose next to prose adds up: a teaser alone between its headline and its
        // time stamp, card after card, is not a body.
        let prose = |k: usize| {
            classes.get(k).is_some_and(|(c, _)| {
                matches!(c, Class::Prose | Class::NearProse | Class::Sentence)
            })
        };
        // A line of nothing visible (a drawn rule, a zero-width space) between two
        // lines of prose leaves them side by side.
        let above = |k: usize| (0..k).rev().find(|&j| classes[j].0 != Class::Blank);
        let below = |k: usize| (k + 1..classes.len()).find(|&j| classes[j].0 != Class::Blank);
        let mass: i64 = (i..end)
            .filter(|&k| matches!(classes[k].0, Class::NearProse | Class::Sentence))
            .filter(|&k| {
                above(k).is_some_and(|j| !parted[j + 1..=k].contains(&true) && prose(j))
                    || below(k).is_some_and(|j| !parted[k + 1..=j].contains(&true) && prose(j))
            })
            .map(|k| classes[k].1)
            .sum();
        let by_prose = (i > 0 && !parted[i] && classes[i - 1].0 == Class::Prose)
            || (end < classes.len() && !parted[end] && classes[end].0 == Class::Prose);
        if by_prose || mass >= group_chars {
            for k in i..end {
                out[k] = matches!(classes[k].0, Class::NearProse | Class::Sentence);
            }
        }
        i = end;
    }
    out
}

/// How a line may serve in a post's header on a forum or a comment list: the poster's name
/// and rank (a few words, no sentence end), and the post's date or time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Header {
    No,
    Label,
    Stamp,
}

/// Most lines a post header takes: name, rank, date, post number.
pub(super) const MAX_HEADER_LINES: usize = 5;

/// Fewest post headers that make a thread.
pub(super) const MIN_POSTS: usize = 3;

impl Header {
    pub(super) fn of(f: &Features, text: &str) -> Header {
        if f.words == 0 || f.words > 6 || ends_sentence(text) {
            return Header::No;
        }
        if f.numbers > 0 && (has_year(text) || has_time(text)) {
            Header::Stamp
        } else if f.words <= 3 {
            Header::Label
        } else {
            Header::No
        }
    }
}

/// Adopt short prose that follows the body's prose across a post header: a forum thread or
/// a list of answers is short posts under name-and-date headers, and each post belongs to
/// the body as much as the first. Only a header with a date or time counts, so a teaser's
/// blurb under its headline, or a caption under a credit, stays unadopted. Run both ways:
/// the long post may come last.
pub(super) fn adopt_posts(classes: &[(Class, i64)], headers: &[Header], adopted: &mut [bool]) {
    let short = |k: usize| matches!(classes[k].0, Class::NearProse | Class::Sentence);
    let prose = |k: usize| classes[k].0 == Class::Prose || short(k);
    // A thread has posts: at least three headers between lines of prose. One or two are
    // an article's byline and date over its standfirst, which the body must not take.
    let mut posts = 0;
    let mut k = 0;
    while k < classes.len() {
        let run = headers[k..]
            .iter()
            .take_while(|h| **h != Header::No)
            .count();
        if run > 0
            && run <= MAX_HEADER_LINES
            && k > 0
            && prose(k - 1)
            && k + run < classes.len()
            && prose(k + run)
            && headers[k..k + run].contains(&Header::Stamp)
        {
            posts += 1;
        }
        k += run.max(1);
    }
    if posts < MIN_POSTS {
        return;
    }
    let body = |k: usize, adopted: &[bool]| classes[k].0 == Class::Prose || adopted[k];
    let mut walk = |order: &mut dyn Iterator<Item = usize>| {
        let mut last_body = false;
        let mut gap = 0usize;
        let mut stamp = false;
        for k in order {
            if body(k, adopted) {
                (last_body, gap, stamp) = (true, 0, false);
            } else if short(k) && last_body && (gap == 0 || stamp) {
                adopted[k] = true;
                (gap, stamp) = (0, false);
            } else if headers[k] != Header::No && gap < MAX_HEADER_LINES {
                gap += 1;
                stamp |= headers[k] == Header::Stamp;
            } else {
                last_body = false;
            }
        }
    };
    walk(&mut (0..classes.len()));
    walk(&mut (0..classes.len()).rev());
}
