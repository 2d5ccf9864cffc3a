//! A list of labels a line may open with ("published on", "lire aussi", "发布时间"), kept
//! lowercase and looked up by the first byte of the line's lowercase text, longest first:
//! "publicado el" is tried before "publicado", and "read more" before "read".
//!
//! Cost: one table lookup a line, then a comparison with the few labels that start with
//! its first byte (on most lines none: a digit, a quote mark, a capital no label shares).

/// Labels by the first byte of their lowercase text.
#[derive(Debug, Clone)]
pub struct Labels {
    by_first: Vec<Vec<String>>,
}

impl Labels {
    /// `words` lowercase, as `Params::words` gives them; empty ones are left out.
    pub fn new(words: Vec<String>) -> Labels {
        let mut by_first = vec![Vec::new(); 256];
        for word in words {
            if let Some(&b) = word.as_bytes().first() {
                by_first[b as usize].push(word);
            }
        }
        for labels in &mut by_first {
            labels.sort_by_key(|l| std::cmp::Reverse(l.len()));
        }
        Labels { by_first }
    }

    /// The labels that may open `text`, longest first: those whose first byte is that
    /// of `text`'s first character in lowercase (Turkish `İ` lowercases to `i` and a
    /// combining dot, so it finds the labels of `i`).
    pub fn candidates(&self, text: &str) -> &[String] {
        let Some(c) = text.chars().next() else {
            return &[];
        };
        let first = if c.is_ascii() {
            c.to_ascii_lowercase() as u8
        } else {
            let lower = c.to_lowercase().next().unwrap_or(c);
            let mut buf = [0; 4];
            lower.encode_utf8(&mut buf).as_bytes()[0]
        };
        &self.by_first[first as usize]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn candidates_are_by_first_letter_in_any_case_longest_first() {
        let words = [
            "read",
            "read more",
            "lire aussi",
            "читайте также",
            "ilgili haberler",
        ];
        let labels = Labels::new(words.map(String::from).to_vec());
        assert_eq!(labels.candidates("READ MORE: x"), ["read more", "read"]);
        assert_eq!(labels.candidates("Читайте также"), ["читайте также"]);
        assert_eq!(labels.candidates("İlgili haberler"), ["ilgili haberler"]);
        assert!(labels.candidates("2024").is_empty());
        assert!(labels.candidates("").is_empty());
    }
}
