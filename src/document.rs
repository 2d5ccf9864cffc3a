//! A document split into lines: byte spans into the caller's text, never copies.
//!
//! Line breaks are `\n`; a `\r` right before it belongs to the break, so CRLF text is
//! matched exactly like LF text. A lone `\r` is content: old Mac line endings are rare
//! enough on the web that guessing would do more harm than good.

use std::ops::Range;

/// The line ending a document uses, taken from its first line break.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineEnding {
    Lf,
    CrLf,
}

impl LineEnding {
    pub fn as_str(self) -> &'static str {
        match self {
            LineEnding::Lf => "\n",
            LineEnding::CrLf => "\r\n",
        }
    }
}

/// One line of the input: its content span (without the line break).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    pub start: usize,
    pub end: usize,
    /// True when the line holds only whitespace.
    pub blank: bool,
}

impl Line {
    pub fn span(&self) -> Range<usize> {
        self.start..self.end
    }
}

/// A document: the text and its lines.
#[derive(Debug)]
pub struct Document<'a> {
    pub text: &'a str,
    pub lines: Vec<Line>,
    pub ending: LineEnding,
}

impl<'a> Document<'a> {
    pub fn new(text: &'a str) -> Self {
        let bytes = text.as_bytes();
        let mut lines = Vec::with_capacity(bytes.len() / 64 + 1);
        let mut ending = None;
        let mut start = 0;
        for nl in memchr::memchr_iter(b'\n', bytes) {
            let end = if nl > start && bytes[nl - 1] == b'\r' {
                nl - 1
            } else {
                nl
            };
            ending.get_or_insert(if end < nl {
                LineEnding::CrLf
            } else {
                LineEnding::Lf
            });
            lines.push(make_line(text, start, end));
            start = nl + 1;
        }
        if start < bytes.len() {
            lines.push(make_line(text, start, bytes.len()));
        }
        Document {
            text,
            lines,
            ending: ending.unwrap_or(LineEnding::Lf),
        }
    }

    /// The content of line `i`.
    pub fn line(&self, i: usize) -> &'a str {
        &self.text[self.lines[i].span()]
    }

    /// The index of the line holding byte `pos` (a position inside or at the end of a line).
    pub fn line_at(&self, pos: usize) -> usize {
        self.lines.partition_point(|l| l.end < pos)
    }
}

fn make_line(text: &str, start: usize, end: usize) -> Line {
    Line {
        start,
        end,
        blank: text[start..end].trim().is_empty(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_lf_and_crlf_alike() {
        let lf = Document::new("a\n\nb\n");
        let crlf = Document::new("a\r\n\r\nb\r\n");
        assert_eq!(lf.ending, LineEnding::Lf);
        assert_eq!(crlf.ending, LineEnding::CrLf);
        assert_eq!(lf.lines.len(), 3);
        assert_eq!(crlf.lines.len(), 3);
        for i in 0..3 {
            assert_eq!(lf.line(i), crlf.line(i));
        }
        assert!(crlf.lines[1].blank);
    }

    #[test]
    fn last_line_without_break_and_lone_cr() {
        let d = Document::new("a\rb\nc");
        assert_eq!(d.lines.len(), 2);
        assert_eq!(d.line(0), "a\rb");
        assert_eq!(d.line(1), "c");
        assert_eq!(d.line_at(4), 1);
        assert_eq!(d.line_at(0), 0);
    }

    #[test]
    fn empty_text_has_no_lines() {
        assert!(Document::new("").lines.is_empty());
    }
}
