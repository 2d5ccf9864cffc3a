//! The body as the run of lines with the highest total score.
//!
//! Cost: linear in the lines (Kadane's maximum subarray).

use super::*;

/// The longest run of furniture lines outside `start..=end`.
pub(super) fn longest_outside_run(classes: &[Class], start: usize, end: usize) -> usize {
    let longest = |part: &[Class]| {
        part.split(|c| *c != Class::Furniture)
            .map(<[Class]>::len)
            .max()
            .unwrap_or(0)
    };
    longest(&classes[..start]).max(longest(&classes[end + 1..]))
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
/// zero-width space where a photo was) is a blank line there: the text under it goes on.
pub(super) fn text_tail(classes: &[Class], gaps: &[i64], mut end: usize) -> usize {
    // Lines of nothing visible are passed over, not taken: the body ends on text.
    let mut k = end + 1;
    while let Some(&class) = classes.get(k) {
        if gaps[k] != 0 {
            break;
        }
        match class {
            Class::Blank => {}
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

#[cfg(test)]
mod tests {
    use super::*;

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
        let classes = [Prose, LowProse, Sentence, Link, Furniture, LowProse];
        assert_eq!(text_tail(&classes, &[0; 6], 0), 3);
        assert_eq!(text_tail(&classes, &[0, 0, -10, 0, 0, 0], 0), 1);
        assert_eq!(text_tail(&[Prose, Neutral, LowProse], &[0; 3], 0), 0);
        assert_eq!(text_tail(&[Prose], &[0], 0), 0);
        // Over a line of nothing visible to the text under it, but not onto it alone.
        assert_eq!(
            text_tail(&[Prose, Blank, LowProse, Furniture], &[0; 4], 0),
            2
        );
        assert_eq!(text_tail(&[Prose, Blank, Furniture], &[0; 3], 0), 0);
        assert_eq!(text_tail(&[Prose, Blank], &[0; 2], 0), 0);
    }
}
