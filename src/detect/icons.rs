//! `icon-strings`: lines that are a run of icon or sprite names.
//!
//! Extractors that read a page's text without its CSS pick up the names of icon
//! sprites and icon fonts: `icon bookmark-bicon cameraicon chevron downicon …`,
//! `fa fa-share fa-facebook`, `icon-facebook icon-twitter`, Material names such as
//! `keyboard_arrow_down`. The detector judges token shape, not a word list: every
//! token must be lowercase ASCII letters, digits, `-` or `_`, and at least
//! `min-share` of them must look like icon names (contain `icon`, use an icon-font
//! prefix such as `fa-`, `bi-`, `mdi-`, `ion-`, or be snake_case). Lines shorter
//! than `min-tokens` must consist of icon names only.
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

const FONT_PREFIXES: &[&str] = &[
    "fa-", "fas-", "far-", "fab-", "bi-", "mdi-", "ion-", "ti-", "las-", "lab-", "la-", "glyph-",
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
        if tokens < self.min_tokens {
            return icons == tokens;
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
        || FONT_PREFIXES.iter().any(|p| letters.starts_with(p))
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
    }
}
