//! The legal footer: the copyright line in the last third and the notices around it.
//!
//! Cost: one automaton search a line of the last third, when a copyright line is there.

use super::*;

/// "All rights reserved", in the languages we support.
pub(super) const RIGHTS_RESERVED: &[&str] = &[
    "all rights reserved",
    "alle rechte vorbehalten",
    "tous droits réservés",
    "todos los derechos reservados",
    "tutti i diritti riservati",
    "todos os direitos reservados",
    "alle rechten voorbehouden",
    "wszelkie prawa zastrzeżone",
    "все права защищены",
    "tüm hakları saklıdır",
    "جميع الحقوق محفوظة",
    "版权所有",
    "版權所有",
];

/// What a site's legal notices and contact paragraph say, in the languages we support:
/// rights, trademarks, liability, privacy, how to reach the company.
pub(super) const LEGAL: &[&str] = &[
    // en
    "rights reserved",
    "trademark",
    "copyright",
    "terms of use",
    "terms of service",
    "privacy",
    "cookie",
    "disclaimer",
    "liability",
    "liable",
    "not responsible",
    "affiliate",
    "commission",
    "medical advice",
    "information provided",
    "this website",
    "this site",
    "our site",
    "our website",
    "customer service",
    "contact us",
    "e-mail",
    "telephone",
    "fax",
    "without permission",
    "written permission",
    "reproduc",
    "not been evaluated",
    "consult your",
    // de
    "impressum",
    "haftung",
    "datenschutz",
    "nutzungsbedingungen",
    "alle rechte",
    "genehmigung",
    "kontakt",
    "telefon",
    "marken",
    // fr
    "droits réservés",
    "mentions légales",
    "confidentialité",
    "responsabilité",
    "marque",
    "contactez",
    "téléphone",
    // es
    "derechos reservados",
    "aviso legal",
    "privacidad",
    "responsabilidad",
    "reproducción",
    "contacto",
    "teléfono",
    // it
    "diritti riservati",
    "note legali",
    "riproduzione",
    "responsabilità",
    "marchi",
    "contatti",
    "telefono",
    "p.iva",
    "partita iva",
    // pt
    "direitos reservados",
    "reprodução",
    "responsabilidade",
    "contato",
    "telefone",
    "cnpj",
    // nl
    "rechten voorbehouden",
    "aansprakelijk",
    "handelsmerk",
    "telefoon",
    // pl
    "prawa zastrzeżone",
    "kopiowanie",
    "odpowiedzialnoś",
    "znak towarowy",
    "telefon",
    // ru
    "права защищены",
    "перепечатка",
    "ответственност",
    "товарный знак",
    "телефон",
    "контакт",
    // tr
    "hakları saklıdır",
    "sorumluluk",
    "iletişim",
    // ar
    "الحقوق محفوظة",
    "اتصل بنا",
    "الخصوصية",
    // zh
    "版权",
    "版權",
    "联系",
    "电话",
    "免责",
    "隐私",
];

pub(super) static LEGAL_WORDS: std::sync::LazyLock<aho_corasick::AhoCorasick> =
    std::sync::LazyLock::new(|| {
        aho_corasick::AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .build(LEGAL)
            .expect("a valid automaton")
    });

/// A line that speaks as a site's legal footer or contact box does.
pub(super) fn legal(text: &str) -> bool {
    LEGAL_WORDS.is_match(text) || copyright(text) || text.contains('@')
}

/// A site's copyright line: "© 2019 Jpost Inc. All rights reserved", "Copyright 2019".
pub(super) fn copyright(text: &str) -> bool {
    if text.len() > 400 {
        return false;
    }
    // One automaton over the text as it is: no lowercased copy of a non-ASCII line. Most
    // lines hold no mark at all, which the search with its prefilter tells at once; an
    // overlapping search has none, and reads every byte.
    if !COPYRIGHT.is_match(text) {
        return false;
    }
    COPYRIGHT
        .find_overlapping_iter(text)
        .any(|m| m.pattern().as_usize() >= COPYRIGHT_MARKS.len() || has_year(text))
}

/// What marks a copyright line, beside the phrases of [`RIGHTS_RESERVED`]; with a year.
pub(super) const COPYRIGHT_MARKS: &[&str] = &["©", "(c)", "copyright"];

/// [`COPYRIGHT_MARKS`], then [`RIGHTS_RESERVED`] in the casings text writes them
/// (`case::variants`; ASCII letters fold in any case): [`copyright`]'s one search.
pub(super) static COPYRIGHT: std::sync::LazyLock<aho_corasick::AhoCorasick> =
    std::sync::LazyLock::new(|| {
        let phrases = RIGHTS_RESERVED
            .iter()
            .flat_map(|p| crate::case::variants(p));
        let marks = COPYRIGHT_MARKS.iter().map(|m| m.to_string());
        aho_corasick::AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .build(marks.chain(phrases))
            .expect("a valid automaton")
    });

/// The page's legal footer: the last copyright line in the last third of the document
/// and the lines around it up to the nearest furniture line on either side (a disclaimer,
/// the customer service's hours, a trademark notice), with no prose after them.
pub(super) fn legal_footer(lines: &[Survivor], classes: &[Class]) -> Option<(usize, usize)> {
    let tail = lines.len() - lines.len() / 3;
    let c = (tail..lines.len())
        .rev()
        .find(|&k| copyright(&lines[k].text))?;
    // Above the copyright line, the footer starts at the first paragraph that speaks as
    // one: on a plain blog the article's last paragraphs stand right above it.
    let top = (0..c)
        .rev()
        .take_while(|&k| classes[k] != Class::Furniture)
        .last()
        .unwrap_or(c);
    let from = (top..c).find(|&k| legal(&lines[k].text)).unwrap_or(c);
    let to = (c + 1..lines.len())
        .take_while(|&k| classes[k] != Class::Furniture)
        .last()
        .unwrap_or(c);
    if classes[to + 1..]
        .iter()
        .any(|c| matches!(c, Class::Prose | Class::NearProse))
    {
        return None;
    }
    Some((from, to))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn copyright_lines() {
        for line in [
            "© 2019 Jpost Inc. All rights reserved",
            "Copyright 2019 The Daily Planet",
            "(c) 2020 Example GmbH",
            "COPYRIGHT © 2014-2019 Нормы ГТО",
            "Tous droits réservés",
            "ВСЕ ПРАВА ЗАЩИЩЕНЫ",
            "Todos Los Derechos Reservados",
            "版权所有 新华网",
        ] {
            assert!(copyright(line), "{line}");
        }
        for line in [
            "Copyright law protects the expression of ideas, not the ideas themselves.",
            "© Getty Images",
            "Photo (c) Reuters",
        ] {
            assert!(!copyright(line), "{line}");
        }
    }
}
