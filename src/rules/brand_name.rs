//! A word written like a brand (`DailySocial`, `TechCrunch`, `SteelSeries`: a capital after its
//! fourth letter between lower-case ones, [`is_brand_cased`]), alone in its run, that no list, rule
//! or train split knows, is an organization: in the train splits such words were part of an
//! organization 40 times, of a place once and of no name 25 times (products and characters:
//! `PlayBook`, `GingaRed`). Not after a word that names a work or a time (`game PlayStation`;
//! `not_names_after.txt`), after a word that names a product or service (`ransomware WannaCry`;
//! `product_words.txt`), beside a quotation mark (a title), in a hashtag or before a model number
//! (`ThinkPad T470`), nor where the same text uses the word so elsewhere. The learned layer does
//! not read this rule; `model::tag` adds its names where the model left them free.

use super::{CUES, Covered, Doc, WORD_VOTES, has_digit, is_brand_cased, is_quote};
use crate::Label;
use crate::matcher::Candidate;

pub(super) fn apply(doc: &Doc<'_>, covered: &Covered, candidates: &mut Vec<Candidate>) {
    let known = covered.by(&Label::BUILT_IN);
    let quote = |i: usize| i < doc.pieces.len() && is_quote(doc.piece(i));
    // A hashtag or a handle (`#UntukKorowai`), a product before its model (`ThinkPad T470`,
    // `DualShock 4`) or after a product's word (`ransomware WannaCry`).
    let product = |i: usize| {
        let tag = i > 0 && matches!(doc.piece(i - 1), "#" | "@") && doc.glued(i - 1);
        let model = i + 1 < doc.pieces.len() && doc.same_line(i) && has_digit(doc.piece(i + 1));
        tag || model || (i > 0 && CUES.product_words.contains(doc.folded(i - 1)))
    };
    let lone: Vec<usize> = doc
        .runs
        .iter()
        .filter(|run| run.len() == 1)
        .map(|run| run.start)
        .filter(|&i| !known.inside(i) && is_brand_cased(doc.piece(i)))
        .filter(|&i| {
            let titled = doc.follows_not_names_word(i) || (i > 0 && quote(i - 1)) || quote(i + 1);
            doc.cues(i) & WORD_VOTES == 0 && !titled
        })
        .collect();
    if lone.is_empty() {
        return;
    }
    // A product anywhere in the text is one everywhere: the brand words used so, found in one
    // pass (few texts hold any brand word; a pass per word would be quadratic in a hostile one).
    let mut products: Vec<&str> = (0..doc.pieces.len())
        .filter(|&k| is_brand_cased(doc.piece(k)) && product(k))
        .map(|k| doc.piece(k))
        .collect();
    products.sort_unstable();
    for i in lone {
        if products.binary_search(&doc.piece(i)).is_err() {
            candidates.push(doc.candidate(i..i + 1, Label::ORG, "brand_name"));
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::tag_for_test as tag;

    #[test]
    fn a_lone_unknown_brand_is_an_organization() {
        assert_eq!(
            tag("Ia mengatakan kepada ZyxoraSocial kemarin.", &[], &[]),
            ["ZyxoraSocial/ORG/rule:brand_name"]
        );
        // Not in a longer run, not a title, not an ordinary capitalized word.
        assert!(tag("Ia memakai ZyxoraSocial Pro kemarin.", &[], &[]).is_empty());
        assert!(tag("Ia menonton \"ZyxoraSocial\" kemarin.", &[], &[]).is_empty());
        assert!(tag("Ia mengatakan kepada Zyxorasocial kemarin.", &[], &[]).is_empty());
        assert!(tag("Ia memakai ZyxoraSocial 4 kemarin.", &[], &[]).is_empty());
        assert!(tag("Serangan ransomware ZyxoraCry meluas.", &[], &[]).is_empty());
        assert!(tag("Kampanye #ZyxoraSocial meluas.", &[], &[]).is_empty());
        // A product elsewhere in the text is one here too.
        assert!(tag("ZyxoraCry menyebar. Ransomware ZyxoraCry baru.", &[], &[]).is_empty());
    }
}
