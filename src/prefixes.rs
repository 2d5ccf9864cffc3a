//! The phrases that start at a given place: a byte trie for phrases anchored at a line's
//! first non-blank byte (`whole-line`, `line-start`).
//!
//! An anchored phrase is only ever looked for at one place a line, so it needs no
//! automaton that scans: a walk down a trie from that place reports every phrase the
//! line starts with, and stops at the first byte no phrase continues with (on most lines
//! the first or second). aho-corasick answered the same question with two automata (an
//! anchored probe, since its overlapping search cannot be anchored, and an unanchored
//! one to list the matches), whose failure transitions no anchored search uses; with the
//! casings of every non-ASCII phrase (`rules::case`) their construction was a third of
//! what the first document costs.
//!
//! Cost: building is linear in the phrases' bytes (one node a distinct prefix, 12 bytes a
//! node, 5 an edge); a lookup is one binary search over a node's edges a byte walked.

/// A trie over phrases, ASCII case folded or not.
pub struct PrefixTrie {
    /// Per node: its edges, `edges[first_edge[n]..first_edge[n + 1]]`, sorted by byte.
    first_edge: Vec<u32>,
    edges: Vec<(u8, u32)>,
    /// Per node: the phrases that end there, `ends[first_end[n]..first_end[n + 1]]`.
    first_end: Vec<u32>,
    ends: Vec<u32>,
    fold: bool,
}

impl PrefixTrie {
    /// A trie of `phrases` (identified by their index); with `fold`, ASCII letters match
    /// in either case.
    pub fn new<S: AsRef<str>>(phrases: &[S], fold: bool) -> PrefixTrie {
        let key = |id: usize| {
            phrases[id]
                .as_ref()
                .bytes()
                .map(move |b| if fold { b.to_ascii_lowercase() } else { b })
        };
        // In sorted order a phrase shares its path with the one before it up to their
        // common prefix, and each node's children come in the order of their bytes: the
        // trie is built without looking anything up.
        let mut order: Vec<usize> = (0..phrases.len()).collect();
        order.sort_by(|&a, &b| key(a).cmp(key(b)));
        // (parent, byte, child) in creation order; (node, phrase).
        let mut links: Vec<(u32, u8, u32)> = Vec::new();
        let mut ending: Vec<(u32, u32)> = Vec::with_capacity(phrases.len());
        let mut path: Vec<u32> = vec![0];
        let mut nodes = 1u32;
        let mut previous: Option<usize> = None;
        for &id in &order {
            let shared = previous.map_or(0, |p| {
                key(p).zip(key(id)).take_while(|(a, b)| a == b).count()
            });
            path.truncate(shared + 1);
            for b in key(id).skip(shared) {
                let parent = *path.last().expect("the root is never popped");
                links.push((parent, b, nodes));
                path.push(nodes);
                nodes += 1;
            }
            ending.push((*path.last().expect("the root is never popped"), id as u32));
            previous = Some(id);
        }
        // Lay the edges out by parent (each parent's already in byte order), and the
        // phrases by node (a node's duplicates in input order, as the stable sort left them).
        let (first_edge, edges) = by_node(
            nodes as usize,
            links.into_iter().map(|(p, b, c)| (p, (b, c))),
        );
        let (first_end, ends) = by_node(nodes as usize, ending.into_iter());
        PrefixTrie {
            first_edge,
            edges,
            first_end,
            ends,
            fold,
        }
    }

    /// Calls `found(phrase, length)` for every phrase `hay` starts with, shortest first.
    /// A space in a phrase matches any run of whitespace in `hay` (two spaces, a tab, a
    /// no-break space), as `\s+` does in a pattern: extractors keep `&nbsp;` between a
    /// label's words. `length` is the bytes of `hay` the phrase covers.
    pub fn prefixes(&self, hay: &[u8], mut found: impl FnMut(usize, usize)) {
        let mut node = 0usize;
        let mut i = 0;
        while let Some(&byte) = hay.get(i) {
            // Most bytes are no space's first: only those reach the whitespace test.
            let (b, width) = if byte > b' ' && !matches!(byte, 0xC2 | 0xE1..=0xE3) {
                (
                    if self.fold {
                        byte.to_ascii_lowercase()
                    } else {
                        byte
                    },
                    1,
                )
            } else {
                space_or(byte, &hay[i..])
            };
            let edges =
                &self.edges[self.first_edge[node] as usize..self.first_edge[node + 1] as usize];
            match edges.binary_search_by_key(&b, |e| e.0) {
                Ok(k) => node = edges[k].1 as usize,
                Err(_) => return,
            }
            i += width;
            for &id in &self.ends[self.first_end[node] as usize..self.first_end[node + 1] as usize]
            {
                found(id as usize, i);
            }
        }
    }
}

/// A space and the length of the whitespace run `rest` starts with, or `byte` alone when
/// it starts none. Apart from the walk, whose every other byte does not come here.
#[inline(never)]
fn space_or(byte: u8, rest: &[u8]) -> (u8, usize) {
    match whitespace_run(rest) {
        0 => (byte, 1),
        n => (b' ', n),
    }
}

/// The length in bytes of the whitespace `s` starts with: ASCII whitespace, and the
/// Unicode spaces text puts between words (no-break, thin, ideographic, ...), which are
/// what `\s` matches beyond ASCII. A byte that is not whitespace answers at once.
fn whitespace_run(s: &[u8]) -> usize {
    let mut n = 0;
    while n < s.len() {
        let width = match s[n] {
            b' ' | b'\t' | b'\n' | b'\r' | 0x0B | 0x0C => 1,
            // The lead bytes of U+0085 and U+00A0 (two bytes), and of U+1680, U+2000 to
            // U+205F and U+3000 (three): every other space of Unicode's is ASCII.
            lead @ (0xC2 | 0xE1 | 0xE2 | 0xE3) => {
                let width = if lead == 0xC2 { 2 } else { 3 };
                let is_space = s
                    .get(n..n + width)
                    .and_then(|c| std::str::from_utf8(c).ok())
                    .and_then(|c| c.chars().next())
                    .is_some_and(char::is_whitespace);
                if !is_space {
                    break;
                }
                width
            }
            _ => break,
        };
        n += width;
    }
    n
}

/// `items` grouped by their node, in `0..nodes`, keeping their order within a node (a
/// counting sort): each node's items are `items[first[n]..first[n + 1]]`.
fn by_node<T: Copy + Default>(
    nodes: usize,
    items: impl ExactSizeIterator<Item = (u32, T)> + Clone,
) -> (Vec<u32>, Vec<T>) {
    let mut first = vec![0u32; nodes + 1];
    for (node, _) in items.clone() {
        first[node as usize + 1] += 1;
    }
    for k in 0..nodes {
        first[k + 1] += first[k];
    }
    let mut out = vec![T::default(); items.len()];
    let mut next = first.clone();
    for (node, item) in items {
        out[next[node as usize] as usize] = item;
        next[node as usize] += 1;
    }
    (first, out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(trie: &PrefixTrie, hay: &str) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        trie.prefixes(hay.as_bytes(), |id, len| out.push((id, len)));
        out
    }

    #[test]
    fn every_phrase_the_text_starts_with_shortest_first() {
        let trie = PrefixTrie::new(&["Share", "Share on X", "Shared", "Menü", "Share"], true);
        assert_eq!(all(&trie, "SHARE ON x today"), [(0, 5), (4, 5), (1, 10)]);
        assert_eq!(all(&trie, "Menü öffnen"), [(3, 5)]);
        assert_eq!(all(&trie, "A share"), []);
        assert_eq!(all(&trie, ""), []);
        // A space matches any run of whitespace, a no-break space among them.
        let spaced = PrefixTrie::new(&["Share on X", "Share"], true);
        assert_eq!(all(&spaced, "Share  on\u{a0}X"), [(1, 5), (0, 12)]);
        assert_eq!(all(&spaced, "Share\u{a0}\u{2009}on X!"), [(1, 5), (0, 14)]);
        assert_eq!(all(&spaced, "Shareon X"), [(1, 5)]);
        let exact = PrefixTrie::new(&["Share"], false);
        assert_eq!(all(&exact, "share"), []);
        assert_eq!(all(&exact, "Share"), [(0, 5)]);
    }
}
