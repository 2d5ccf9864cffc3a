//! The casings of a phrase with non-ASCII letters, for case-insensitive matching.
//!
//! aho-corasick folds ASCII case only. A case-insensitive phrase such as `Оставить
//! комментарий` or `Menü öffnen` is therefore matched in the casings that text writes a
//! phrase in: as written, in lowercase, in capitals, with its first letter capitalised
//! and with every word's first letter capitalised (ASCII letters in any of them still
//! fold freely). A regex could fold every mix of cases, but each such phrase in the
//! shared pattern set made every process compile its Unicode case classes on its first
//! document (a quarter of the set's compilation) and made the set's lazy DFA larger on
//! every non-ASCII line; no menu or widget writes `МеНю`.
//!
//! Cost: five short strings a phrase, when the automata are built (the first document);
//! nothing per document after.

/// `phrase` in the casings text writes it in, without repeats, `phrase` first.
pub fn variants(phrase: &str) -> Vec<String> {
    let lower = phrase.to_lowercase();
    let out = vec![
        phrase.to_string(),
        capitalised(&lower, false),
        capitalised(&lower, true),
        phrase.to_uppercase(),
        lower,
    ];
    let mut unique: Vec<String> = Vec::with_capacity(out.len());
    for v in out {
        if !unique.contains(&v) {
            unique.push(v);
        }
    }
    unique
}

/// `lower` with its first letter capitalised, or (`every_word`) each word's first letter.
fn capitalised(lower: &str, every_word: bool) -> String {
    let mut out = String::with_capacity(lower.len());
    let mut at_start = true;
    for c in lower.chars() {
        if at_start && c.is_alphabetic() {
            out.extend(c.to_uppercase());
            at_start = false;
        } else {
            out.push(c);
            if every_word && c.is_whitespace() {
                at_start = true;
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_phrase_in_the_casings_text_writes() {
        assert_eq!(
            variants("Menü öffnen"),
            ["Menü öffnen", "Menü Öffnen", "MENÜ ÖFFNEN", "menü öffnen"]
        );
        assert_eq!(
            variants("оставить комментарий"),
            [
                "оставить комментарий",
                "Оставить комментарий",
                "Оставить Комментарий",
                "ОСТАВИТЬ КОММЕНТАРИЙ"
            ]
        );
        // German capitals: ß has no capital of its own and becomes SS.
        assert!(variants("Schließen").contains(&"SCHLIESSEN".to_string()));
        // A phrase opening with a symbol capitalises its first letter.
        assert!(variants("« réponse").contains(&"« Réponse".to_string()));
    }
}
