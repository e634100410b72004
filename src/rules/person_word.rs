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
//! So is a capitalized run of two or three words that begins or ends with such a word, every
//! word of it one a person's name can have ([`Doc::unknown_person`]: no ordinary, cue or
//! all-capital word, brand, digit, or word the train splits saw mostly in places and
//! organizations): `Wilfred Zaha`, `Maruane Fellaini`, `Lukasz Fabianski`, names the lists do
//! not hold but whose given name or surname they know from other persons. Left alone as above:
//! a run in a headline or at a sentence's start, glued to a hyphen, beside a quotation mark or
//! after a word that names a time, a work or a cup. In the news corpus this found 455 names,
//! 52 of a sample of 60 persons indeed (the rest places such as `Val Gardena`, works such as
//! `Rush Hour`, a hotel, a band); on the dev splits it changed two names (README).
//!
//! With the embedded lists only, after `name_words`; the learned layer adds these names where
//! it left them free (`Doc::unlearned_names`).

use super::{Covered, Doc, WORD_COMMON, WORD_VOTES, glued_to_a_hyphen, is_all_caps, is_quote};
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
    for run in &doc.runs {
        // A run of two or three words that begins or ends with such a word (`Wilfred Zaha`,
        // `Maruane Fellaini`), every word one a person's name can have.
        // Most such runs are known names: that test is an array read, the words lookups.
        if (2..=3).contains(&run.len())
            && !known.overlaps(run.clone())
            && (doc.is_person_word(run.start) || doc.is_person_word(run.end - 1))
            && doc.unknown_person(run.clone(), &known)
            && !doc.in_headline(run.start)
            && !glued_to_a_hyphen(doc, run.clone())
            && !run.clone().any(quoted)
            && !doc.follows_not_names_word(run.start)
            && !starts_sentence_at(doc.text, &doc.pieces, run.start)
        {
            candidates.push(doc.candidate(run.clone(), Label::PER, "person_word"));
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
    fn a_short_run_that_begins_or_ends_with_a_persons_word_is_a_person() {
        // `Dybala` ends `Paulo Dybala`; the other word is no word of the lists.
        assert_eq!(
            tag("Umpan itu diberikan kepada Zyxwortel Dybala kemarin."),
            ["Zyxwortel Dybala/PER/rule:person_word"]
        );
        assert_eq!(
            tag("Umpan itu diberikan kepada Dybala Zyxwortel Vbnmora kemarin."),
            ["Dybala Zyxwortel Vbnmora/PER/rule:person_word"]
        );
        assert_none_tagged(
            tag,
            &[
                // A sentence's first words, four words, an ordinary word, an acronym.
                "Zyxwortel Dybala mencetak gol kedua.",
                "Umpan itu diberikan kepada Zyx Wortel Vbnmora Dybala kemarin.",
                "Umpan itu diberikan kepada Baru Dybala kemarin.",
                "Umpan itu diberikan kepada ZYX Dybala kemarin.",
                // A hyphen, a quotation mark, a work.
                "Umpan itu diberikan kepada Zyxwortel Dybala - Qwerty kemarin.",
                "Ia menonton \"Zyxwortel Dybala\" kemarin.",
                "Ia menonton film Zyxwortel Dybala kemarin.",
            ],
            "person_word",
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
