//! A capitalized word that ends like a web address (`CNNIndonesia.com`, `DailySocial.id`,
//! `Bitcoin.co.id`; the endings are `gazetteers/cues/web_suffixes.txt`) is an organization: the
//! site and the outlet or company behind it. Not inside a longer address (`https://Suara.com/x`)
//! or an e-mail address (`budi@Zyx.com`), not in lower case (`kompas.com`, an address as the
//! train splits annotate it), and not where a list already knows the word.

use super::{CUES, Covered, Doc};
use crate::Label;
use crate::matcher::Candidate;

pub(super) fn apply(doc: &Doc<'_>, covered: &Covered, candidates: &mut Vec<Candidate>) {
    let known = covered.by(&Label::BUILT_IN);
    for i in sites(doc) {
        if !known.overlaps(i..i + 1) {
            candidates.push(site(doc, i));
        }
    }
}

/// The pieces of `doc` that name a site, in order.
pub(crate) fn sites<'d>(doc: &'d Doc<'_>) -> impl Iterator<Item = usize> + 'd {
    // Only a text with a word with a period before a letter may hold a site (the tokenizer
    // tells): most texts cost nothing here.
    let runs = if doc.inner_period { &doc.runs[..] } else { &[] };
    runs.iter().flat_map(Clone::clone).filter(|&i| {
        // Glued to a slash, colon, `@` or period: part of a longer address; but a period that
        // nothing is glued to after it ends the sentence (`kepada CNNIndonesia.com.`).
        let address_mark = |k: usize| ["/", ":", "@", "."].contains(&doc.piece(k));
        let n = doc.pieces.len();
        let sentence_end = |k: usize| doc.piece(k) == "." && (k + 1 == n || !doc.glued(k));
        is_web_name(doc.piece(i))
            && !(i > 0 && doc.glued(i - 1) && address_mark(i - 1))
            && !(i + 1 < n && doc.glued(i) && address_mark(i + 1) && !sentence_end(i + 1))
    })
}

/// The site that piece `i` names, an organization.
pub(crate) fn site(doc: &Doc<'_>, i: usize) -> Candidate {
    doc.candidate(i..i + 1, Label::ORG, "web_name")
}

/// `Zyx.com`: a capital, at least one more letter or digit, a period, and an ending of
/// `web_suffixes.txt`; no `@`.
pub(super) fn is_web_name(word: &str) -> bool {
    // The endings have four letters at most: the period is among the last five bytes.
    let bytes = word.as_bytes();
    let tail = bytes.len().saturating_sub(5);
    let Some(period) = bytes[tail..]
        .iter()
        .rposition(|&b| b == b'.')
        .map(|p| tail + p)
    else {
        return false;
    };
    let (name, suffix) = (&word[..period], &word[period + 1..]);
    name.chars().next().is_some_and(char::is_uppercase)
        && name.chars().filter(|c| c.is_alphanumeric()).count() >= 2
        && !name.contains('@')
        && CUES
            .web_suffixes
            .contains(suffix.to_ascii_lowercase().as_str())
}

#[cfg(test)]
mod tests {
    use crate::rules::tag_for_test as tag;

    #[test]
    fn a_site_is_an_organization() {
        assert_eq!(
            tag(
                "seperti dikabarkan Zyxnews.com dan Qwerty.co.id, juga ZYX.net kemarin.",
                &[],
                &[]
            ),
            [
                "Zyxnews.com/ORG/rule:web_name",
                "Qwerty.co.id/ORG/rule:web_name",
                "ZYX.net/ORG/rule:web_name"
            ]
        );
        // A period that ends the sentence.
        assert_eq!(
            tag("ujar dia kepada Zyxnews.com.", &[], &[]),
            ["Zyxnews.com/ORG/rule:web_name"]
        );
        // Addresses, lower case, other endings, a listed name.
        for text in [
            "buka https://Zyxnews.com/berita sekarang.",
            "kirim ke budi@Zyxnews.com hari ini.",
            "buka zyxnews.com sekarang.",
            "buka www.Zyxnews.com sekarang.",
            "Ia tinggal di Zyx.Qwerty sekarang.",
        ] {
            assert!(
                tag(text, &[], &[]).iter().all(|e| !e.contains("web_name")),
                "{text}"
            );
        }
        assert_eq!(
            tag("dikutip Zyxnews.com kemarin.", &["Zyxnews.com"], &[]),
            ["Zyxnews.com/LOC/gazetteer:t"]
        );
    }
}
