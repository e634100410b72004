//! A word written like a brand (`DailySocial`, `TechCrunch`, `SteelSeries`: a capital after its
//! fourth letter between lower-case ones, [`is_brand_cased`]), alone in its run, that no list, rule
//! or train split knows, is an organization: in the train splits such words were part of an
//! organization 40 times, of a place once and of no name 25 times (products and characters:
//! `PlayBook`, `GingaRed`). Not after a word that names a work or a time (`game PlayStation`;
//! `not_names_after.txt`), after a word that names a product or service (`ransomware WannaCry`;
//! `product_words.txt`), beside a quotation mark (a title), in a hashtag or before a model number
//! (`ThinkPad T470`), nor where the same text uses the word so elsewhere. The learned layer does
//! not read this rule; `model::tag` adds its names where the model left them free.

use super::{CUES, Covered, Doc, WORD_VOTES, has_digit, is_brand_cased, is_listed, is_quote};
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

/// `CEO MarlinBooking Ali Sadikin`, `data dari SurveyMonkey`, `mouse HyperX Pulsefire`: a
/// person that opens with a word written like a brand ([`is_brand_cased`]) is no person's name
/// (a person's inner capital comes earlier: `McDonald`, `DiCaprio`, `LeBron`, `GaGa`). Followed
/// by two words or more that open like a person's name (a given name or a word the train splits
/// saw mostly in persons), the brand is the holder's company, an organization, and the rest
/// the person; alone, it is an organization, as a lone brand is (unless the letters before its
/// inner capital are a given name: `BudiMo`); with other words (`HyperX Pulsefire`), a
/// product, dropped. A list's entry stays as it is. Both modes, after the entities are chosen:
/// the learned layer made 31 such persons in the 7 MB news corpus, the rules 4; of the 24 the
/// step now makes organizations (the rest were products, dropped), 21 are right (`SurveyMonkey`,
/// `UnionSpace` before `Albert Goh`, `TuringSense` before `Chris Lim`; wrong: the singer
/// `AgnezMo`, whose given name no list holds, and the alias `MalwareTech` twice).
pub(crate) fn without_brand_persons(doc: &Doc<'_>, chosen: &mut Vec<Candidate>) {
    let brand_first = |c: &Candidate| {
        c.label == Label::PER
            && !is_listed(c)
            && doc
                .piece_starting_at(c.start)
                .is_some_and(|i| is_brand_cased(doc.piece(i)))
    };
    // Most texts have none.
    if !chosen.iter().any(brand_first) {
        return;
    }
    let mut out = Vec::with_capacity(chosen.len() + 1);
    for c in chosen.drain(..) {
        if !brand_first(&c) {
            out.push(c);
            continue;
        }
        let (Some(first), end) = (doc.piece_starting_at(c.start), doc.pieces_before(c.end)) else {
            out.push(c);
            continue;
        };
        let lone = end == first + 1;
        let brand = doc.candidate(first..first + 1, Label::ORG, "brand_name");
        if lone && named_before_capital(doc.piece(first)) {
            out.push(c);
        } else if lone {
            out.push(brand);
        } else if end - first >= 3 && doc.opens_person(first + 1) {
            let person = Candidate {
                start: doc.pieces[first + 1].start,
                ..c
            };
            out.extend([brand, person]);
        }
    }
    *chosen = out;
}

/// Whether the letters of `word` before its first inner capital are a given name (`BudiMo`).
fn named_before_capital(word: &str) -> bool {
    let inner = word
        .char_indices()
        .skip(1)
        .find(|(_, c)| c.is_uppercase())
        .map_or(word.len(), |(at, _)| at);
    CUES.given_names
        .contains(crate::fold::fold_str(&word[..inner]).as_str())
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

    // `Ali` and `Budi` are given names (gazetteers/given_names-wiki.txt).
    #[cfg(feature = "wiki")]
    mod brand_persons {
        use crate::Label;
        use crate::fold::Folded;
        use crate::matcher::Candidate;
        use crate::rules::Doc;
        use crate::rules::brand_name::without_brand_persons;
        use crate::tokenize::tokenize;

        /// What [`without_brand_persons`] makes of `name` in `text` as a person of `source`.
        fn after_step(text: &str, name: &str, source: &str) -> Vec<String> {
            let doc = Doc::new(text, tokenize(text), Folded::new(text));
            let start = text.find(name).expect("name in text");
            let mut chosen = vec![Candidate {
                start,
                end: start + name.len(),
                label: Label::PER,
                source: source.into(),
                canonical: None,
                priority: 0,
                ambiguous: false,
            }];
            without_brand_persons(&doc, &mut chosen);
            chosen
                .iter()
                .map(|c| format!("{}/{}/{}", &text[c.start..c.end], c.label, c.source))
                .collect()
        }

        #[test]
        fn a_person_opening_with_a_brand_is_none() {
            // Before a person's name, the holder's company.
            assert_eq!(
                after_step(
                    "ujar CEO ZyxoraBooking Ali Zyxanto.",
                    "ZyxoraBooking Ali Zyxanto",
                    "model"
                ),
                ["ZyxoraBooking/ORG/rule:brand_name", "Ali Zyxanto/PER/model"]
            );
            // Alone, an organization; with other words, a product.
            assert_eq!(
                after_step("data dari ZyxoraMonkey kemarin.", "ZyxoraMonkey", "model"),
                ["ZyxoraMonkey/ORG/rule:brand_name"]
            );
            assert!(
                after_step(
                    "mouse ZyxoraX Pulsefire baru.",
                    "ZyxoraX Pulsefire",
                    "model"
                )
                .is_empty()
            );
            // A person's inner capital (`GaGa`, `McDonald`), a given name before the capital, a
            // list's entry: unchanged.
            for (text, name, source) in [
                ("lagu Lady GaGa kemarin.", "Lady GaGa", "model"),
                ("kata McDonald kemarin.", "McDonald", "rule:person_cue"),
                ("lagu BudiMo kemarin.", "BudiMo", "model"),
                (
                    "kata ZyxoraBooking Ali kemarin.",
                    "ZyxoraBooking Ali",
                    "gazetteer:per",
                ),
            ] {
                assert_eq!(
                    after_step(text, name, source),
                    [format!("{name}/PER/{source}")]
                );
            }
        }
    }
}
