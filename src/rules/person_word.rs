//! A capitalized word standing alone in mid-sentence that nothing else explains is a person
//! when it begins or ends a listed person's name and no listed place's or organization's:
//! `Dybala` (`Paulo Dybala`), `Kahiyang` (`Kahiyang Ayu`). News names a person in full once and
//! then by one name; where a paragraph comes alone, the full name is not there to find
//! (`consistency.rs` finds the short name after the full one in the same text).
//!
//! The words are `gazetteers/person_words-wiki.txt` (`scripts/build_gazetteers.py`: written
//! Xxxx with four letters or more, no dictionary word; with the `wiki` feature only, as most of
//! those persons are Wikipedia's). The word stands alone in its capitalized run, or after a
//! sentence's ordinary first word (`Namun Dybala`; but `Abu Ridho` is one name: no given
//! name). Left alone: a word the train splits have votes for (`name_words.rs` weighs those),
//! an ordinary or cue word, a word in a headline or a sentence's first word (any word may have
//! a capital there), a word glued to a hyphen (`Mercedes-Benz`, `Kardashian - Jenner`: the
//! name goes on) or next to a quotation mark (titles of works, nicknames), and a word after one
//! that names a time, a work or a cup (`film Zelda`; `gazetteers/cues/not_names_after.txt`).
//!
//! With the embedded lists only, after `name_words`; the learned layer adds these names where
//! it left them free (`Doc::unlearned_names`).

use super::given_name::glued_to_a_hyphen;
use super::{Covered, Doc, WORD_COMMON, WORD_VOTES, is_all_caps, is_quote};
use crate::Label;
use crate::common_words::starts_sentence_at;
use crate::matcher::Candidate;

pub(super) fn apply(doc: &Doc<'_>, covered: &Covered, candidates: &mut Vec<Candidate>) {
    let known = covered.by(&Label::BUILT_IN);
    let n = doc.pieces.len();
    let quoted = |k: usize| {
        (k > 0 && is_quote(doc.piece(k - 1))) || (k + 1 < n && is_quote(doc.piece(k + 1)))
    };
    for run in &doc.runs {
        // The word alone, or after a sentence's ordinary first word (`Namun Dybala`).
        let i = match run.len() {
            1 => run.start,
            2 if doc.is_common(run.start)
                && starts_sentence_at(doc.text, &doc.pieces, run.start)
                && !doc.is_given_name(run.start) =>
            {
                run.start + 1
            }
            _ => continue,
        };
        // Bit tests first: most lone words are known names or ordinary words; then the
        // lookup that most of the others fail.
        if !known.overlaps(run.clone())
            && doc.cues(i) & (WORD_VOTES | WORD_COMMON) == 0
            && doc.is_person_word(i)
            && !doc.is_cue_word(i)
            && !doc.in_headline(i)
            && !is_all_caps(doc.piece(i))
            && !glued_to_a_hyphen(doc, i..i + 1)
            && !quoted(i)
            && !doc.follows_not_names_word(i)
            && !starts_sentence_at(doc.text, &doc.pieces, i)
        {
            candidates.push(doc.candidate(i..i + 1, Label::PER, "person_word"));
        }
    }
}

#[cfg(test)]
mod tests {
    #[cfg(feature = "wiki")]
    use crate::rules::{assert_none_tagged, tag_embedded_for_test as tag};

    #[cfg(feature = "wiki")]
    #[test]
    fn a_listed_persons_surname_alone_is_the_person() {
        // `Dybala` ends `Paulo Dybala` and no listed place or organization.
        assert_eq!(
            tag("Pada menit terakhir, Dybala mencetak gol kedua."),
            ["Dybala/PER/rule:person_word"]
        );
        assert_eq!(
            tag("Namun Dybala mencetak gol kedua."),
            ["Dybala/PER/rule:person_word"]
        );
        assert_none_tagged(
            tag,
            &[
                // A sentence's first word, a hyphen's neighbour, a quoted word.
                "Dybala mencetak gol kedua.",
                "Mobil itu buatan Mercedes - Dybala tahun lalu.",
                "Ia menonton \"Dybala\" kemarin.",
                // After a word that names a work.
                "Ia menonton film Dybala kemarin.",
            ],
            "Dybala/",
        );
    }

    #[cfg(feature = "wiki")]
    #[test]
    fn a_word_of_listed_places_or_of_the_dictionary_is_no_person_word() {
        // `Washington` ends persons and begins places; `Novel` is the word for a novel.
        assert_none_tagged(
            tag,
            &["Ia tinggal di kota itu bersama Zyx dan pergi ke Washington kemarin."],
            "person_word",
        );
        assert_none_tagged(
            tag,
            &["Ia membaca buku karya Novel kemarin."],
            "person_word",
        );
    }
}
