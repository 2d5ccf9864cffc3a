//! The body as the run of lines with the highest total score.
//!
//! Cost: linear in the lines (Kadane's maximum subarray).

use super::*;

/// The longest run of furniture lines outside `start..=end`, counting the short lines
/// other rules took inside it (`taken[i]`: those right before line `i`): a menu whose
/// every other entry a rule took ("Subscribe", "Home" between section names) is still a
/// menu of its whole length. Taken lines alone make no run: one furniture line at least
/// stands in it.
pub(super) fn longest_outside_run(
    classes: &[Class],
    taken: &[usize],
    start: usize,
    end: usize,
) -> usize {
    let longest = |from: usize, to: usize| {
        let (mut best, mut run) = (0, 0);
        for i in from..to {
            if classes[i] == Class::Furniture {
                // The lines taken before the part's first line belong to the other side.
                run += 1 + if i > from { taken[i] } else { 0 };
                best = best.max(run);
            } else {
                run = 0;
            }
        }
        best
    };
    longest(0, start).max(longest(end + 1, classes.len()))
}

/// Lines between a lead-in and the body: the first entries it announces ("Create great
/// content.", a bare clause), which score too little to start the body themselves.
pub(super) const LEAD_IN_REACH: usize = 2;

/// Where the body starts once a lead-in right above it is counted: a sentence of the
/// text's (prose, short prose, a long line) that ends with a colon, at most
/// [`LEAD_IN_REACH`] neutral or short lines above the body's first line, with no line
/// another rule took in between ("If you read my posts, you will see the approach I
/// promote:" over its list). A widget's label that ends with a colon ("Categories:",
/// "Tags:") is furniture, and is no lead-in.
///
/// Cost: a look at the few lines above the body.
pub(super) fn lead_in(lines: &[Survivor], classes: &[Class], gaps: &[i64], start: usize) -> usize {
    let mut k = start;
    for _ in 0..=LEAD_IN_REACH {
        if k == 0 || gaps[k] != 0 {
            break;
        }
        k -= 1;
        let text = lines[k].text.trim_end();
        let sentence = matches!(
            classes[k],
            Class::Prose | Class::NearProse | Class::Sentence | Class::LowProse
        );
        if sentence && text.ends_with([':', '：']) {
            return k;
        }
        if !matches!(classes[k], Class::Neutral | Class::Sentence) {
            break;
        }
    }
    start
}

/// [`best_run`] over the lines' `scores` with each line's `gaps[i]` (the cost of the lines
/// other rules took right before it) standing between it and the line before, so a gap
/// parts the body without costing the line after it: the body may start right after it.
pub(super) fn best_body(scores: &[i64], gaps: &[i64]) -> Option<(usize, usize, i64)> {
    let mut values = Vec::with_capacity(scores.len() * 2);
    let mut owner = Vec::with_capacity(scores.len() * 2);
    for (i, (&score, &gap)) in scores.iter().zip(gaps).enumerate() {
        if gap != 0 {
            values.push(gap);
            owner.push(None);
        }
        values.push(score);
        owner.push(Some(i));
    }
    let (start, end, total) = best_run(&values)?;
    let first = owner[start..=end].iter().find_map(|o| *o)?;
    let last = owner[start..=end].iter().rev().find_map(|o| *o)?;
    Some((first, last, total))
}

/// The run of `scores` with the highest sum, as `(first, last, sum)`; of equal sums the
/// one that starts first and then ends last, so zero-scored lines at a run's edges (a
/// heading right above the body) belong to it. `None` when no score is positive.
pub(super) fn best_run(scores: &[i64]) -> Option<(usize, usize, i64)> {
    let mut best: Option<(usize, usize, i64)> = None;
    let mut start = 0;
    let mut sum = 0i64;
    for (i, &s) in scores.iter().enumerate() {
        if sum < 0 {
            start = i;
            sum = 0;
        }
        sum += s;
        let better = match best {
            None => sum > 0,
            Some((b_start, _, b_sum)) => sum > b_sum || (sum == b_sum && start == b_start),
        };
        if better {
            best = Some((start, i, sum));
        }
    }
    best.filter(|b| b.2 > 0)
}

/// The body's last line, carried on from `end` over the lines right under it that read
/// as text: long lines however few their stopwords (a photo gallery's captions, a closing
/// note of names and places), short sentences, a list's entries, bare links. The best
/// run stops at the last line that adds to its score, but an article goes on until
/// the page's furniture starts: a menu-shaped or a heading-shaped line, or a line another
/// rule took (a share row, a related-stories label). A line of nothing visible (a
/// zero-width space where a photo was) is a blank line there: the text under it goes on;
/// so is a label ending with a colon over a long line ("Sources:" over a reference, "Top
/// deal:" over an offer), which heads text, where a widget's label heads links.
pub(super) fn text_tail(
    lines: &[Survivor],
    classes: &[Class],
    gaps: &[i64],
    mut end: usize,
) -> usize {
    // A label that announces the long line under it ("Top deal:", "Other deals:") heads
    // the text that goes on; a widget's label over its links ("Tags:") heads furniture.
    let lead_in = |k: usize| {
        lines[k].text.trim_end().ends_with(':')
            && gaps.get(k + 1) == Some(&0)
            && matches!(
                classes.get(k + 1),
                Some(Class::Prose | Class::NearProse | Class::LowProse)
            )
    };
    // Lines of nothing visible are passed over, not taken: the body ends on text.
    let mut k = end + 1;
    while let Some(&class) = classes.get(k) {
        if gaps[k] != 0 {
            break;
        }
        match class {
            Class::Blank => {}
            Class::Furniture | Class::Neutral if lead_in(k) => {}
            Class::Prose
            | Class::NearProse
            | Class::Sentence
            | Class::LowProse
            | Class::Item
            | Class::Quantity
            | Class::Link => end = k,
            _ => break,
        }
        k += 1;
    }
    end
}

/// Fewest date stamps ("November 9, 2012 11:58 AM", each a short line of its own) that
/// make a stretch under the body a thread's posts rather than the article's last lines:
/// an article's own stamp stands once, a thread dates every post.
const THREAD_STAMPS: usize = 2;

/// Most furniture lines ("Posted by …", "Labels: …") that may stand over the widgets
/// other rules took and still be read as the first of them: a post's footer, not a menu.
const WIDGET_LEAD: usize = 3;

/// The body's last line, carried on from `end` down to the widgets under the article,
/// when only text stands between. Where an article ends, its widgets start: a share row,
/// its tags, "Leave a Reply", which other rules take (a gap). The lines between the
/// scored body and those widgets are the article's when none of them is menu-shaped and
/// one at least ends a sentence, however few stopwords they hold: a list its lead-in
/// announces, a worked example a step a line, the last short paragraphs, which score too
/// little to join the body on their own. The body stays as it is when nothing under it
/// was taken (no widget marks the article's end; `closed` says whether the lines under
/// the last one were), when a furniture line comes first (a sidebar's menu, a heading
/// over teasers: the article ended above it), over [`THREAD_STAMPS`] or more date stamps
/// (posts of a thread the comment rules missed), and when half its lines are
/// headline-shaped (a list of teasers over the widgets).
///
/// Cost: one pass over the lines under the body, up to the first gap.
pub(super) fn widget_tail(
    lines: &[Survivor],
    classes: &[Class],
    headers: &[Header],
    gaps: &[i64],
    closed: bool,
    end: usize,
) -> usize {
    // Where the widgets start: the first gap, or the furniture right over one.
    let mut k = end + 1;
    loop {
        let Some(&class) = classes.get(k) else {
            if closed {
                break;
            }
            return end;
        };
        if gaps[k] != 0 {
            break;
        }
        // A byline or a "Labels:" line right over the widgets is the first of them.
        if class == Class::Furniture {
            let widgets = (k + 1..=classes.len())
                .take(WIDGET_LEAD)
                .take_while(|&j| classes[j - 1] == Class::Furniture)
                .any(|j| gaps.get(j).map_or(closed, |&gap| gap != 0));
            if widgets {
                break;
            }
            return end;
        }
        k += 1;
    }
    let stretch = end + 1..k;
    let sentence = |i: usize| match classes[i] {
        Class::Prose | Class::NearProse | Class::Sentence => true,
        Class::LowProse => ends_sentence(&lines[i].text),
        _ => false,
    };
    if !stretch.clone().any(sentence) {
        return end;
    }
    let stamps = stretch.clone().filter(|&i| headers[i] == Header::Stamp);
    if stamps.count() >= THREAD_STAMPS {
        return end;
    }
    // Half the lines capitalised as headlines are a teaser list's, not the article's,
    // unless the article announces them ("The seven pieces in this issue are:"): no
    // paragraph leads into the teasers under it.
    let announced = lines[end].text.trim_end().ends_with([':', '：']);
    let headlines = stretch
        .clone()
        .filter(|&i| headline(&lines[i].text))
        .count();
    if !announced && headlines * 2 >= stretch.len() {
        return end;
    }
    k - 1
}

#[cfg(test)]
mod tests {
    use super::*;

    fn no_headers(n: usize) -> Vec<Header> {
        vec![Header::No; n]
    }

    #[test]
    fn best_run_takes_the_heaviest_stretch_and_its_neutral_edges() {
        assert_eq!(
            best_run(&[-30, 0, 100, -10, 50, 0, -30, 20]),
            Some((1, 5, 140))
        );
        assert_eq!(best_run(&[-30, -30]), None);
        assert_eq!(best_run(&[0, 0]), None);
        // A heavy second run beyond heavy furniture wins on its own.
        assert_eq!(best_run(&[50, -30, -30, 100]), Some((3, 3, 100)));
        // Furniture lighter than the prose on both sides does not split the body.
        assert_eq!(best_run(&[100, -30, 100]), Some((0, 2, 170)));
    }

    #[test]
    fn the_body_runs_on_over_text_until_furniture_or_a_taken_line() {
        use Class::*;
        let text = "a\nb\nc\nd\ne\nf";
        let lines = |n: usize| crate::detect::survivors_of(text)[..n].to_vec();
        let classes = [Prose, LowProse, Sentence, Link, Furniture, LowProse];
        assert_eq!(text_tail(&lines(6), &classes, &[0; 6], 0), 3);
        assert_eq!(text_tail(&lines(6), &classes, &[0, 0, -10, 0, 0, 0], 0), 1);
        assert_eq!(
            text_tail(&lines(3), &[Prose, Neutral, LowProse], &[0; 3], 0),
            0
        );
        assert_eq!(text_tail(&lines(1), &[Prose], &[0], 0), 0);
        // Over a line of nothing visible to the text under it, but not onto it alone.
        assert_eq!(
            text_tail(&lines(4), &[Prose, Blank, LowProse, Furniture], &[0; 4], 0),
            2
        );
        assert_eq!(
            text_tail(&lines(3), &[Prose, Blank, Furniture], &[0; 3], 0),
            0
        );
        assert_eq!(text_tail(&lines(2), &[Prose, Blank], &[0; 2], 0), 0);
        // Over a label that announces a long line ("Top deal:"), not over one alone.
        let deals = crate::detect::survivors_of("Text.\nTop deal:\n2TB drive for $161\nTags:");
        let classes = [Prose, Furniture, LowProse, Furniture];
        assert_eq!(text_tail(&deals, &classes, &[0; 4], 0), 2);
        assert_eq!(text_tail(&deals[..2], &classes[..2], &[0; 2], 0), 0);
        let tags = crate::detect::survivors_of("Text.\nTags:\nmaps\nstorms");
        assert_eq!(
            text_tail(&tags, &[Prose, Furniture, Furniture, Furniture], &[0; 4], 0),
            0
        );
    }

    #[test]
    fn the_body_runs_on_over_text_down_to_the_widgets_under_it() {
        use Class::*;
        let text = "The paragraph the body ends on.\n\
                    You will find on the map:\n\
                    Evacuation routes\n\
                    Shelters as they open\n\
                    You can embed the map on your site.\n\
                    Posted by Ka-Ping Yee\n\
                    Labels: maps";
        let lines = crate::detect::survivors_of(text);
        let classes = [
            Prose, Neutral, Neutral, Neutral, NearProse, Furniture, Furniture,
        ];
        // "Labels:" stands where a taken share row was: the widgets start at the byline.
        let gaps = [0, 0, 0, 0, 0, 0, -10];
        assert_eq!(
            widget_tail(&lines, &classes, &no_headers(7), &gaps, false, 0),
            4
        );
        // No widget under the article: nothing marks where it ends.
        assert_eq!(
            widget_tail(&lines, &classes, &no_headers(7), &[0; 7], false, 0),
            0
        );
        // A menu-shaped line first ends the article above it.
        let menu = [
            Prose, Neutral, Furniture, Neutral, NearProse, Furniture, Furniture,
        ];
        assert_eq!(
            widget_tail(&lines, &menu, &no_headers(7), &gaps, false, 0),
            0
        );
        // Under the last line only the widgets (a comment form to the page's end).
        let open = [Prose, Neutral, Neutral, Neutral, NearProse];
        assert_eq!(
            widget_tail(&lines[..5], &open, &no_headers(5), &[0; 5], true, 0),
            4
        );
        assert_eq!(
            widget_tail(&lines[..5], &open, &no_headers(5), &[0; 5], false, 0),
            0
        );
        // Nothing in the stretch ends a sentence: a caption, a heading, not text.
        let bare = [
            Prose, Neutral, Neutral, Neutral, Neutral, Furniture, Furniture,
        ];
        assert_eq!(
            widget_tail(&lines, &bare, &no_headers(7), &gaps, false, 0),
            0
        );
    }

    #[test]
    fn a_threads_posts_or_a_teaser_list_over_the_widgets_stay_out() {
        use Class::*;
        let thread = "The paragraph the body ends on.\n\
                      Chef John said...\n\
                      Im with you! A fine table wine.\n\
                      November 9, 2012 12:02 PM\n\
                      Craig said...\n\
                      Love your blog.\n\
                      November 10, 2012 3:39 PM\n\
                      Post a Comment";
        let lines = crate::detect::survivors_of(thread);
        let classes = [
            Prose, Neutral, Sentence, Neutral, Neutral, Sentence, Item, Neutral,
        ];
        let gaps = [0, 0, 0, 0, 0, 0, 0, -10];
        // Two date stamps under it: a thread's posts stay out.
        let mut headers = no_headers(8);
        headers[3] = Header::Stamp;
        headers[6] = Header::Stamp;
        assert_eq!(widget_tail(&lines, &classes, &headers, &gaps, false, 0), 0);
        // One stamp is an article's own date line: the text goes on to the widgets.
        headers[6] = Header::No;
        assert_eq!(widget_tail(&lines, &classes, &headers, &gaps, false, 0), 6);
        let teasers = "The paragraph the body ends on.\n\
                       Witness One Woman's Descent Into Madness at the Office\n\
                       Why Isn't Your Dishwasher Cleaning Like it Used to?\n\
                       Virtual Tourism Has Never Felt More Real\n\
                       Share this";
        let classes = [Prose, Neutral, Sentence, Neutral, Neutral];
        let tail = |text: &str| {
            let lines = crate::detect::survivors_of(text);
            widget_tail(
                &lines,
                &classes,
                &no_headers(5),
                &[0, 0, 0, 0, -10],
                false,
                0,
            )
        };
        assert_eq!(tail(teasers), 0);
        // Unless the body's last paragraph announces them: the article's own list.
        assert_eq!(tail(&teasers.replace("ends on.", "lists these pieces:")), 3);
    }

    #[test]
    fn a_lead_in_over_the_body_starts_it() {
        use Class::*;
        let text = "Categories:\n\
                    If you read my recent posts, you will know the approach I promote:\n\
                    Create great content.\n\
                    Give it a push through classic techniques: reach out to the press.";
        let lines = crate::detect::survivors_of(text);
        let classes = [Furniture, LowProse, Neutral, NearProse];
        assert_eq!(lead_in(&lines, &classes, &[0; 4], 3), 1);
        // A line another rule took between them parts the lead-in from the body.
        assert_eq!(lead_in(&lines, &classes, &[0, 0, -10, 0], 3), 3);
        // A widget's label with a colon is furniture, no lead-in.
        assert_eq!(lead_in(&lines[..2], &[Furniture, NearProse], &[0; 2], 1), 1);
    }

    #[test]
    fn a_menu_keeps_its_length_when_rules_took_some_of_its_entries() {
        use Class::*;
        // Furniture, furniture, [two taken], furniture | body | furniture alone.
        let classes = [Furniture, Furniture, Furniture, Prose, Furniture];
        let taken = [0, 0, 2, 0, 0];
        assert_eq!(longest_outside_run(&classes, &taken, 3, 3), 5);
        assert_eq!(longest_outside_run(&classes, &[0; 5], 3, 3), 3);
        // Taken lines before a part's first line belong to the other side, and taken
        // lines before a clear line make no run with the furniture above it.
        let classes = [Furniture, Neutral, Prose, Furniture];
        assert_eq!(longest_outside_run(&classes, &[0, 3, 0, 4], 2, 2), 1);
    }
}
