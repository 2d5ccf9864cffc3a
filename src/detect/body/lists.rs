//! Lists the text announces with a lead-in and closes with prose: the article's own.
//!
//! Cost: one pass over the lines' classes.

use super::classes::code;
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

/// Fewest lines only code writes ([`code`]) in a listing: one line ending with a
/// semicolon is a list entry or a sentence cut short, not a listing.
pub(super) const LISTING_CODE_LINES: usize = 2;

/// Lines without code's characters that a listing may hold in a row: SQL's clauses on
/// lines of their own (`FROM`, `series,`, `stats`) come two or three together.
const LISTING_GAP: usize = 3;

/// A tutorial's listing: a run of lines written in code's characters (brackets, `=`,
/// `<`, `//`, indentation) that holds at least [`LISTING_CODE_LINES`] lines only code
/// writes is the text's own, however few stopwords its lines hold (`if (!target)`,
/// `<head>`, `// cow.js`). Its lines score as items, so a listing between two paragraphs
/// does not part them, as a menu would. Prose ends the run: the sentence that introduces
/// the next listing is the article's anyway.
pub(super) fn listings(lines: &[Survivor], classes: &mut [(Class, i64)]) {
    // Cheap first: most pages hold no line only code writes, and nothing else is read.
    if lines
        .iter()
        .filter(|l| code(l.text.trim()))
        .nth(LISTING_CODE_LINES - 1)
        .is_none()
    {
        return;
    }
    let strong: Vec<bool> = lines.iter().map(|l| code(l.text.trim())).collect();
    let prose: Vec<bool> = classes
        .iter()
        .map(|c| matches!(c.0, Class::Prose | Class::NearProse | Class::Sentence))
        .collect();
    let in_listing = |i: usize| {
        let text = &lines[i].text;
        !prose[i]
            && (strong[i]
                || text.starts_with("  ")
                || text.starts_with('\t')
                || text.trim_start().starts_with("//")
                || text.bytes().any(|b| {
                    matches!(
                        b,
                        b'(' | b')' | b'{' | b'}' | b'[' | b']' | b'=' | b'<' | b'>'
                    )
                }))
    };
    // A listing's bare lines ("SELECT", "FROM", "series,", "stats") hold none of code's
    // characters: up to LISTING_GAP of them, not prose, between two lines of the listing
    // are its own. A menu is never wedged between two lines of code.
    let bridged = |k: usize| {
        (k..lines.len().min(k + LISTING_GAP + 1))
            .take_while(|&j| !prose[j])
            .find(|&j| in_listing(j))
    };
    let mut i = 0;
    while i < lines.len() {
        let mut k = i;
        while k < lines.len() {
            if in_listing(k) {
                k += 1;
            } else if k > i
                && let Some(next) = bridged(k)
            {
                k = next;
            } else {
                break;
            }
        }
        if strong[i..k].iter().filter(|s| **s).count() >= LISTING_CODE_LINES {
            for c in &mut classes[i..k] {
                if matches!(c.0, Class::Furniture | Class::Neutral | Class::Blank) {
                    c.0 = Class::Item;
                }
            }
        }
        i = k + 1;
    }
}

/// Fewest rows of a table the text prints one to a line: three is a list's minimum, and
/// one more keeps a contact block's "Phone:" and "Fax:" lines out.
pub(super) const PARALLEL_ROWS: usize = 4;

/// Most words of a row's label: "England (Group A)", "Battery life", "Screen size".
pub(super) const ROW_LABEL_WORDS: usize = 5;

/// A row's label, up to its first colon, when a value follows it: "Weight" in "Weight:
/// 250 g", "England (Group A)" in "England (Group A): 10th appearance".
fn row_label(text: &str) -> Option<&str> {
    let (label, value) = text.split_once(':')?;
    let words = label.split_whitespace().count();
    ((1..=ROW_LABEL_WORDS).contains(&words) && !value.trim().is_empty()).then_some(label)
}

/// A label's punctuation in order, without letters, digits and spaces: "England (Group
/// A)" and "Wales (Group E)" both read "()", "Weight" and "Bluetooth" nothing.
fn skeleton(text: &str) -> impl Iterator<Item = char> + '_ {
    text.chars()
        .filter(|c| !c.is_alphanumeric() && !c.is_whitespace())
}

/// Rows of one template, "label: value" each ("England (Group A): 10th appearance",
/// "Weight: 250 g", "Bluetooth: 5.2"): a run of at least [`PARALLEL_ROWS`] short lines
/// (furniture, headings, items) whose labels of a few words share their punctuation is a
/// table the text prints one row to a line (the qualified teams, a product's
/// specifications), not a menu, whose entries are bare words. Its lines score as items.
pub(super) fn parallel_rows(lines: &[Survivor], classes: &mut [(Class, i64)]) {
    // A row with a number in it ("10th appearance") is an item already; one without
    // ("Seventh appearance") looks like furniture or a heading.
    let row = |c: Class| {
        matches!(
            c,
            Class::Furniture | Class::Neutral | Class::Blank | Class::Item
        )
    };
    let mut i = 0;
    while i < lines.len() {
        let Some(label) = row(classes[i].0)
            .then(|| row_label(&lines[i].text))
            .flatten()
        else {
            i += 1;
            continue;
        };
        let mut k = i + 1;
        while k < lines.len()
            && row(classes[k].0)
            && row_label(&lines[k].text).is_some_and(|l| skeleton(l).eq(skeleton(label)))
        {
            k += 1;
        }
        if k - i >= PARALLEL_ROWS {
            for c in &mut classes[i..k] {
                c.0 = Class::Item;
            }
        }
        i = k;
    }
}

/// Fewest data rows of a table the text prints one cell to a line.
pub(super) const TABLE_ROWS: usize = 3;

/// Most cells a row of such a table has: a poll's answer, votes and share; a league
/// table's team, played, won, drawn, lost and points.
pub(super) const TABLE_CELLS: usize = 6;

/// A table's figure, alone on its line: a count, an amount or a share ("114", "56%",
/// "1,250", "$3.99", "-0.5"). Not a list's number ("1."), nor a date ("09.28.15").
pub(super) fn figure(text: &str) -> bool {
    let t = text.trim();
    let t = t.strip_prefix(['+', '-', '−']).unwrap_or(t);
    let t = t.strip_prefix(['$', '€', '£', '¥']).unwrap_or(t);
    let t = t.strip_suffix('%').unwrap_or(t).trim_end();
    t.as_bytes().first().is_some_and(u8::is_ascii_digit)
        && t.as_bytes().last().is_some_and(u8::is_ascii_digit)
        && t.bytes()
            .all(|b| b.is_ascii_digit() || b == b',' || b == b'.')
        && t.bytes().filter(|&b| b == b'.').count() <= 1
}

/// A table printed one cell to a line, as a page's dump prints every cell of every row:
/// at least [`TABLE_ROWS`] rows of the same few cells, figures in the same two columns or
/// more of every row and words in the others (a poll's answers with their votes and
/// shares, a player's plays and share of them). A menu has no figures; a pager's or a
/// calendar's numbers follow each other with no words between; a list of the most read
/// stories numbers its headlines 1, 2, 3, places in the list that measure nothing. Its
/// lines, and a row of column headings right above it, score as items.
pub(super) fn cell_tables(lines: &[Survivor], classes: &mut [(Class, i64)]) {
    let figures: Vec<bool> = lines.iter().map(|l| figure(&l.text)).collect();
    // A cell holds a figure or a few words, never a paragraph.
    let cells: Vec<bool> = classes.iter().map(|c| c.0 != Class::Prose).collect();
    let cell = |i: usize| cells[i];
    let mut i = 0;
    while i < lines.len() {
        if !figures[i] {
            i += 1;
            continue;
        }
        // The table's first row starts up to TABLE_CELLS - 1 lines before its first figure.
        let mut best: Option<(usize, usize, usize)> = None;
        // How far the runs of rows read from here reach: a run that is no table (a list
        // of headlines and counts) is not read again from each of its figures.
        let mut reached = i + 1;
        for width in 2..=TABLE_CELLS {
            for start in i.saturating_sub(width - 1)..=i {
                let shape = &figures[start..(start + width).min(lines.len())];
                if shape.len() < width || shape.iter().all(|&f| f) {
                    continue;
                }
                let mut rows = 0;
                while (start + (rows + 1) * width) <= lines.len()
                    && (0..width).all(|j| {
                        let k = start + rows * width + j;
                        figures[k] == shape[j] && cell(k)
                    })
                {
                    rows += 1;
                }
                if rows < TABLE_ROWS {
                    continue;
                }
                reached = reached.max(start + rows * width);
                // Figures that count in reading order (1, 2, 3, …: "Most read: 1, a
                // headline, 2, a headline") or are all places in the list (1 to their
                // number: a chart's position and peak) rank it: a table measures
                // something, with more than one figure a row (a teaser's comment count
                // beside each headline is one).
                let values: Vec<Option<usize>> = (start..start + rows * width)
                    .filter(|&k| figures[k])
                    .map(|k| lines[k].text.trim().parse::<usize>().ok())
                    .collect();
                let places = values
                    .iter()
                    .all(|v| v.is_some_and(|v| (1..=values.len()).contains(&v)));
                let counting = values.windows(2).all(|w| match (w[0], w[1]) {
                    (Some(a), Some(b)) => b == a + 1 || b == 1,
                    _ => false,
                });
                let ranks = places || counting;
                // Two rows of headline and count are no row of two counts: the figures
                // are counted on the shortest repeat of the row's shape.
                let period = (1..=width)
                    .find(|&p| width % p == 0 && (0..width).all(|j| shape[j] == shape[j % p]))
                    .unwrap_or(width);
                let measured = !ranks && shape[..period].iter().filter(|&&f| f).count() >= 2;
                if measured && best.is_none_or(|(_, w, r)| rows * width > w * r) {
                    best = Some((start, width, rows));
                }
            }
        }
        let Some((start, width, rows)) = best else {
            i = reached;
            continue;
        };
        // The column headings: a row of words right above ("Response", "Votes", "%").
        let head = start
            .checked_sub(width)
            .filter(|&h| (h..start).all(|k| !figures[k] && cell(k) && lines[k].chars < 40));
        for c in &mut classes[head.unwrap_or(start)..start + rows * width] {
            c.0 = Class::Item;
        }
        i = start + rows * width;
    }
}
