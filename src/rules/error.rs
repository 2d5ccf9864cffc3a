//! Errors in rule files, pointing at the file, line and column, ruff/rustc style.

use std::fmt;
use std::ops::Range;

/// A rule file that cannot be loaded or compiled, or a rule set that does not fit together.
/// Boxed: errors are rare and the `Ok` path should stay small.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleError(Box<Details>);

/// What a [`RuleError`] says; reached through `Deref`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Details {
    /// The file (or `<default>/...` for an embedded file).
    pub file: String,
    /// 1-based line and column, when the problem has a place in the file.
    pub position: Option<(usize, usize)>,
    /// The rule the problem belongs to, when known.
    pub rule: Option<String>,
    pub message: String,
    /// What to do about it.
    pub help: Option<String>,
    /// The offending source line and the column range to underline.
    snippet: Option<(String, Range<usize>)>,
}

impl RuleError {
    /// An error with no place in a file (e.g. a `--disable` glob that matches nothing).
    pub fn general(file: impl Into<String>, message: impl Into<String>) -> Self {
        RuleError(Box::new(Details {
            file: file.into(),
            position: None,
            rule: None,
            message: message.into(),
            help: None,
            snippet: None,
        }))
    }

    /// An error at byte range `span` of `source` (the text of `file`).
    pub fn at(
        file: impl Into<String>,
        source: &str,
        span: Range<usize>,
        message: impl Into<String>,
    ) -> Self {
        // Spans from the TOML and regex parsers are bytes; one may stop inside a
        // character (an empty span widened by a byte), so snap outwards to characters.
        let start = source.floor_char_boundary(span.start);
        let line_start = source[..start].rfind('\n').map_or(0, |i| i + 1);
        let line_end = source[start..]
            .find('\n')
            .map_or(source.len(), |i| start + i);
        let line_no = source[..start].matches('\n').count() + 1;
        let col = source[line_start..start].chars().count() + 1;
        let text = source[line_start..line_end]
            .trim_end_matches('\r')
            .to_string();
        let end = source.ceil_char_boundary(span.end.clamp(start, line_end));
        let width = source[start..end].chars().count().max(1);
        RuleError(Box::new(Details {
            file: file.into(),
            position: Some((line_no, col)),
            rule: None,
            message: message.into(),
            help: None,
            snippet: Some((text, col - 1..col - 1 + width)),
        }))
    }

    pub fn with_rule(mut self, id: impl Into<String>) -> Self {
        self.0.rule = Some(id.into());
        self
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.0.help = Some(help.into());
        self
    }
}

impl std::ops::Deref for RuleError {
    type Target = Details;

    fn deref(&self) -> &Details {
        &self.0
    }
}

impl fmt::Display for RuleError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.rule {
            Some(id) => writeln!(f, "error in rule `{id}`: {}", self.message)?,
            None => writeln!(f, "error: {}", self.message)?,
        }
        match self.position {
            Some((line, col)) => write!(f, "  --> {}:{line}:{col}", self.file)?,
            None => write!(f, "  --> {}", self.file)?,
        }
        if let (Some((line, _)), Some((text, cols))) = (self.position, &self.snippet) {
            let gutter = line.to_string().len();
            let pad = " ".repeat(gutter);
            let marker = format!(
                "{}{}",
                " ".repeat(cols.start),
                "^".repeat(cols.end - cols.start)
            );
            write!(f, "\n{pad} |\n{line} | {text}\n{pad} | {marker}")?;
        }
        if let Some(help) = &self.help {
            write!(f, "\n  = help: {help}")?;
        }
        Ok(())
    }
}

impl std::error::Error for RuleError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn points_at_line_and_column() {
        let src = "[[rule]]\nid = \"x\"\npattern = '(a'\n";
        let e = RuleError::at("r.toml", src, 29..30, "unclosed group").with_rule("x");
        assert_eq!(e.position, Some((3, 12)));
        let shown = e.to_string();
        assert!(shown.contains("--> r.toml:3:12"), "{shown}");
        assert!(shown.contains("3 | pattern = '(a'"), "{shown}");
        assert!(shown.contains("  |            ^"), "{shown}");
    }

    /// The fuzzer's find: a span that starts or ends inside a character points at the
    /// whole character instead of panicking.
    #[test]
    fn a_span_inside_a_character_snaps_to_it() {
        let src = "pattern = '\\d{\u{382}}'\n";
        let at = src.find('\u{382}').unwrap();
        for span in [at..at + 1, at + 1..at + 1, at + 1..at + 2] {
            let e = RuleError::at("r.toml", src, span.clone(), "bad");
            assert_eq!(e.position, Some((1, 15)), "{span:?}");
            let shown = e.to_string();
            assert!(shown.ends_with("  |               ^"), "{shown}");
        }
    }
}
