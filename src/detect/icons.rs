//! `icon-strings`: lines that are a run of icon or sprite names.
//!
//! Extractors that read a page's text without its CSS pick up the names of icon
//! sprites and icon fonts: `icon bookmark-bicon cameraicon chevron downicon …`,
//! `fa fa-share fa-facebook`, `icon-facebook icon-twitter`, Material names such as
//! `keyboard_arrow_down`. The detector judges token shape, not a word list: every
//! token must be lowercase ASCII letters, digits, `-` or `_`, and at least
//! `min-share` of them must look like icon names (contain `icon`, use an icon-font
//! prefix such as `fa-`, `bi-`, `mdi-`, `ion-` or a site's own `ico-`, `svg-`, `i-`
//! before a name of letters, or be snake_case). Lines shorter than `min-tokens` must
//! consist of icon names only, but for one plain word among three or more (Material's
//! ligatures include plain words: `expand_more chevron_right share`).
//!
//! Not removed: prose about icons ("The icon set has 40 icons."), which has capitals,
//! punctuation or too few icon-shaped tokens; HTML or CSS in code samples, whose
//! tokens carry `<`, `=` or quotes.
//!
//! Params: `min-tokens` (default 4), `min-share` (default 0.4).

use super::Params;
use crate::document::Document;

#[derive(Debug, Clone)]
pub struct IconStrings {
    min_tokens: usize,
    min_share: f64,
}

/// The prefixes icon fonts and sprite sheets name their icons with (Font Awesome,
/// Bootstrap, Material Design, Ionicons, Themify, Line Awesome, Boxicons, Remix, Feather,
/// Unicons, Phosphor) and the ones sites make up: `ico-`, `svg-`, `i-`.
const FONT_PREFIXES: &[&str] = &[
    "fa-", "fas-", "far-", "fab-", "bi-", "mdi-", "ion-", "ti-", "las-", "lab-", "la-", "glyph-",
    "ico-", "svg-", "bx-", "bxs-", "bxl-", "ri-", "feather-", "uil-", "ph-", "i-",
];
const FONT_CLASSES: &[&str] = &[
    "fa",
    "fas",
    "far",
    "fab",
    "fal",
    "bi",
    "mdi",
    "la",
    "las",
    "lab",
    "glyphicon",
    "dashicons",
    "material-icons",
    "material-symbols-outlined",
];

/// Tokens from which a short run may hold one plain word among its icon names.
const SHORT_RUN: usize = 3;

impl IconStrings {
    pub(super) fn new(p: &mut Params) -> Result<Self, String> {
        Ok(IconStrings {
            min_tokens: p.usize("min-tokens", 4)?.max(2),
            min_share: p.ratio("min-share", 0.4)?,
        })
    }

    pub(super) fn detect(&self, doc: &Document, out: &mut Vec<usize>) {
        for (i, line) in doc.lines.iter().enumerate() {
            if !line.blank && self.is_icon_string(doc.line(i)) {
                out.push(i);
            }
        }
    }

    pub fn is_icon_string(&self, line: &str) -> bool {
        // One token is never a run: most lines of a list of words end here, before a
        // token is read for its shape.
        if !line.trim_ascii().bytes().any(|b| b.is_ascii_whitespace()) {
            return false;
        }
        let mut tokens = 0usize;
        let mut icons = 0usize;
        for token in line.split_ascii_whitespace() {
            if !token
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_')
            {
                return false;
            }
            tokens += 1;
            icons += usize::from(icon_shaped(token));
        }
        if tokens < 2 {
            return false;
        }
        // Two tokens must both be icons; three, two of them (Material's ligatures
        // include plain words: "expand_more chevron_right share").
        if tokens < self.min_tokens {
            return icons == tokens || (tokens >= SHORT_RUN && icons + 1 >= tokens);
        }
        icons as f64 >= self.min_share * tokens as f64
    }
}

fn icon_shaped(token: &str) -> bool {
    let letters = token.trim_matches(['-', '_']);
    if letters.is_empty() {
        return false;
    }
    letters.contains("icon")
        || FONT_CLASSES.contains(&letters)
        // A prefix and a name of letters: "i-95" is a road.
        || FONT_PREFIXES.iter().any(|p| {
            letters.strip_prefix(p).is_some_and(|name| {
                name.bytes().any(|b| b.is_ascii_lowercase())
                    && name.bytes().all(|b| b.is_ascii_lowercase() || b == b'-' || b == b'_')
            })
        })
        || (letters.contains('_') && letters.split('_').all(|w| !w.is_empty()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn det() -> IconStrings {
        IconStrings {
            min_tokens: 4,
            min_share: 0.4,
        }
    }

    #[test]
    fn icon_runs() {
        let d = det();
        assert!(d.is_icon_string("icon bookmark-bicon bookmarkicon cameraicon chevron downicon"));
        assert!(d.is_icon_string("fa fa-share"));
        assert!(d.is_icon_string("icon-facebook icon-twitter"));
        assert!(d.is_icon_string("menu search keyboard_arrow_down chevron_right close"));
        assert!(d.is_icon_string("svg-close svg-search svg-menu"));
        assert!(d.is_icon_string("ico-share ico-print"));
        assert!(d.is_icon_string("expand_more chevron_right share"));
    }

    #[test]
    fn prose_and_code_stay() {
        let d = det();
        assert!(!d.is_icon_string("The icon set has forty icons."));
        assert!(!d.is_icon_string("icons"));
        assert!(!d.is_icon_string("home about contact blog"));
        assert!(!d.is_icon_string("<i class=\"fa fa-share\"></i>"));
        assert!(!d.is_icon_string("a well-known long-term plan"));
        assert!(!d.is_icon_string("icon design basics"));
        assert!(!d.is_icon_string("i-95 i-80 i-70"));
        assert!(!d.is_icon_string("take i-95 south"));
        assert!(!d.is_icon_string("default_value is set"));
    }
}
