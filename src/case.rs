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
    let mut out = vec![
        phrase.to_string(),
        capitalised(&lower, false),
        capitalised(&lower, true),
        phrase.to_uppercase(),
        lower.clone(),
    ];
    // Turkish capitalises `i` as `İ` (and `ı` as `I`), which Unicode's case mapping
    // does not: "İlginizi çekebilir", "İÇERİĞE GEÇ". A phrase with an `i` and a letter
    // of Turkish's alphabet gets those casings too (a German or French one with `ü` or
    // `ç` as well: an extra casing that never matches costs a few automaton states).
    if lower.contains('i') && lower.contains(['ç', 'ğ', 'ı', 'ö', 'ş', 'ü']) {
        let turkish = |c: char| match c {
            'i' => 'İ',
            'ı' => 'I',
            c => c,
        };
        let dotted: String = lower.chars().map(turkish).collect();
        out.push(capitalised_with(&lower, false, turkish));
        out.push(capitalised_with(&lower, true, turkish));
        out.push(dotted.to_uppercase());
    }
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
    capitalised_with(lower, every_word, |c| c)
}

/// [`capitalised`], with `special` applied to a letter before it is capitalised (the
/// Turkish `i` becomes `İ`, which stays).
fn capitalised_with(lower: &str, every_word: bool, special: impl Fn(char) -> char) -> String {
    let mut out = String::with_capacity(lower.len());
    let mut at_start = true;
    for c in lower.chars() {
        if at_start && c.is_alphabetic() {
            out.extend(special(c).to_uppercase());
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
        // Turkish capitals: dotted İ, dotless I.
        let turkish = variants("ilginizi çekebilir");
        assert!(
            turkish.contains(&"İlginizi çekebilir".to_string()),
            "{turkish:?}"
        );
        assert!(
            turkish.contains(&"İLGİNİZİ ÇEKEBİLİR".to_string()),
            "{turkish:?}"
        );
        assert!(variants("yanıtı iptal et").contains(&"YANITI İPTAL ET".to_string()));
        // A phrase without a letter of Turkish's alphabet does not get them.
        assert!(!variants("lire aussi").iter().any(|v| v.contains('İ')));
    }
}
