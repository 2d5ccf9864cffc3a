//! `link-lines`: lines that are only a URL, or a short label and a URL.
//!
//! Syndicated and reposted text ends with its attribution, `Source: https://…`,
//! `Via: https://…`, `Quelle: https://…`, or carries bare URLs where a link widget
//! stood. A line is removed when it is one URL (`http://`, `https://` or `www.`),
//! behind a label of at most `max-label-words` words that ends in a colon (when
//! `labelled` is on) or alone (when `bare` is on). A bare URL inside the body is often
//! content (a list of product links, a venue's website), so the default rules take bare
//! URLs at the document's edges only, and none when the document has three or more:
//! those are a list of links, whose last one ends the list, not the page. Three or more
//! labelled ones are a list too (a roundup's "More: https://…" under each item, a
//! project page's "Homepage:", "Download:", "Docs:"), and all of them stay.
//!
//! Not removed: a sentence that contains a URL ("The report is at https://… and says
//! more."), a label without a URL (`Source: Reuters`), a command line in a code sample
//! (`curl https://…`, no colon).
//!
//! Params: `max-label-words` (default 3), `labelled` (default true), `bare` (default true).

use super::Params;
use crate::document::Document;

#[derive(Debug, Clone)]
pub struct LinkLines {
    max_label_words: usize,
    labelled: bool,
    bare: bool,
}

impl LinkLines {
    pub(super) fn new(p: &mut Params) -> Result<Self, String> {
        Ok(LinkLines {
            max_label_words: p.usize("max-label-words", 3)?,
            labelled: p.flag("labelled", true)?,
            bare: p.flag("bare", true)?,
        })
    }

    pub(super) fn detect(&self, doc: &Document, out: &mut Vec<usize>) {
        // A link line holds a URL, and a URL "://" or "www.": one search of the text
        // spares most documents reading their lines.
        let text = doc.text.as_bytes();
        if memchr::memmem::find(text, b"://").is_none()
            && memchr::memmem::find(text, b"www.").is_none()
        {
            return;
        }
        // One pass finds the link lines, bare or labelled; which go depends on how many
        // of each kind the document has.
        let found: Vec<(usize, bool)> = (0..doc.lines.len())
            .filter(|&i| !doc.lines[i].blank)
            .filter_map(|i| {
                let line = doc.line(i);
                self.is_link_line(line).then(|| (i, is_url(line.trim())))
            })
            .collect();
        // Bare URLs, one per line, three times or more are a list of links (products,
        // sources, venues): the list's, at its end too. So are labelled ones ("More:
        // http://…", "Homepage: https://…" under each item of a roundup): an attribution
        // ends a reposted text once, not three times.
        let bare_count = found.iter().filter(|(_, bare)| *bare).count();
        let bare = self.bare && bare_count < LINK_LIST;
        let labelled = found.len() - bare_count < LINK_LIST;
        out.extend(
            found
                .iter()
                .filter(|&&(_, is_bare)| if is_bare { bare } else { labelled })
                .map(|&(i, _)| i),
        );
    }

    pub fn is_link_line(&self, line: &str) -> bool {
        let line = line.trim();
        let (label, url) = match line.rsplit_once(char::is_whitespace) {
            Some((label, url)) => (label.trim(), url),
            None => ("", line),
        };
        if !is_url(url) {
            return false;
        }
        if label.is_empty() {
            return self.bare;
        }
        if !self.labelled {
            return false;
        }
        let Some(words) = label.strip_suffix([':', '：']) else {
            return false;
        };
        let n = words.split_whitespace().count();
        n >= 1 && n <= self.max_label_words && !words.contains("://")
    }
}

/// Bare URL lines that make a list of links.
const LINK_LIST: usize = 3;

fn is_url(s: &str) -> bool {
    let rest = s
        .strip_prefix("https://")
        .or_else(|| s.strip_prefix("http://"))
        .or_else(|| s.strip_prefix("www."));
    rest.is_some_and(|r| r.len() >= 3 && r.contains('.') || r.contains('/'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn link_lines() {
        let d = LinkLines {
            max_label_words: 3,
            labelled: true,
            bare: true,
        };
        assert!(d.is_link_line("Source: https://www.svoboda.org/a/33022046.html"));
        assert!(d.is_link_line("https://example.com/story"));
        assert!(d.is_link_line("  Quelle: www.example.de/artikel  "));
        assert!(d.is_link_line("Originally published at: https://example.com/x"));
        assert!(!d.is_link_line("The report is at https://example.com and says more."));
        assert!(!d.is_link_line("Source: Reuters"));
        assert!(!d.is_link_line("curl https://example.com/install.sh"));
        assert!(
            !d.is_link_line(
                "Read the full text of the ruling here: https://example.com/ruling.pdf"
            )
        );
        let labelled_only = LinkLines {
            bare: false,
            ..d.clone()
        };
        assert!(!labelled_only.is_link_line("https://example.com/story"));
        assert!(labelled_only.is_link_line("Via: https://example.com/story"));
    }
}
