//! A capitalized run of two or three words that begins with a given name and that nothing
//! else explains is a person: `Julie Bishop`, `Jerome Powell`. The given names
//! are the first words of the embedded lists' persons (`gazetteers/given_names-wiki.txt`: a
//! word that begins three or more of them, and three times as many of them as places and
//! organizations; with the `wiki` feature only, as most of those persons are Wikipedia's).
//!
//! The words after the given name must be words a person's name can have
//! ([`Doc::unknown_person`]: no ordinary word, cue, acronym, brand, digit or word the train
//! splits saw mostly in places and organizations; the given name itself may have such votes:
//! `Max`, `Jordan`; a surname seen only in places, `Sergio Rico`, is left to `name_words`),
//! the run is the whole capitalized run, no hyphen is in it or goes on from it
//! (not `Billie Jean King National Tennis Center`, `Daniel Day - Lewis`, `Bambang-lah`), and it
//! is no title (`film Baby Driver`: after a word of `gazetteers/cues/not_names_after.txt`).
//! The second of two words may be a place the lists know, a surname then (`Robert Downey`).
//!
//! With the embedded lists only (it draws on their names), before `name_words`, whose word
//! votes would otherwise call `Max Biaggi` an organization and `Jordan Pickford` a place.

use super::{Covered, Doc, glued_to_a_hyphen, lone_listed_place};
use crate::Label;
use crate::matcher::Candidate;

pub(super) fn apply(doc: &Doc<'_>, covered: &Covered, candidates: &mut Vec<Candidate>) {
    let known = covered.by(&Label::BUILT_IN);
    let persons_and_orgs = covered.by(&[Label::PER, Label::ORG]);
    let places = covered.by(&[Label::LOC]);
    for run in &doc.runs {
        // A surname that a list knows as a place of one word (`Robert Downey`, `Lewis
        // Hamilton`): the given name before it makes it a person's.
        let surname_place =
            run.len() == 2 && lone_listed_place(&places, &persons_and_orgs, run.start + 1, run.end);
        let (named, rest_known) = if surname_place {
            (run.start..run.start + 1, &persons_and_orgs)
        } else {
            (run.clone(), &known)
        };
        // Most such runs are known names already: that test is an array read, the given
        // name a lookup.
        if (2..=3).contains(&run.len())
            && !known.overlaps(named)
            && doc.is_given_name(run.start)
            && !doc.is_common(run.start)
            && !doc.is_cue_word(run.start)
            && !glued_to_a_hyphen(doc, run.clone())
            && !doc.follows_not_names_word(run.start)
            && doc.unknown_person(run.start + 1..run.end, rest_known)
        {
            candidates.push(doc.candidate(run.clone(), Label::PER, "given_name"));
        }
    }
}

#[cfg(test)]
mod tests {
    #[cfg(feature = "wiki")]
    use crate::rules::{assert_none_tagged, tag_embedded_for_test as tag};

    #[cfg(feature = "wiki")]
    #[test]
    fn a_run_that_begins_with_a_given_name_is_a_person() {
        assert_eq!(
            tag("Film itu dibintangi Sergio Zyxwortel tahun lalu."),
            ["Sergio Zyxwortel/PER/rule:given_name"]
        );
        // A hyphen inside the run glues something else to the given name.
        assert_none_tagged(
            tag,
            &["Film itu dibintangi Sergio-lah tahun lalu."],
            "Sergio-lah",
        );
        assert_none_tagged(
            tag,
            &["Film itu dibintangi Sergio Zyx-wortel."],
            "given_name",
        );
        // A hyphen after a number numbers the name (a line-up); after a word it goes on.
        assert_eq!(
            tag("Susunan pemain: 5 - Sergio Zyxwortel, kemudian gantinya."),
            ["Sergio Zyxwortel/PER/rule:given_name"]
        );
        assert_none_tagged(
            tag,
            &["Susunan pemain: Qwerty - Sergio Zyxwortel."],
            "given_name",
        );
    }

    #[cfg(feature = "wiki")]
    #[test]
    fn a_listed_place_after_a_given_name_is_the_surname() {
        // `Downey` is a place of the embedded lists; after a given name, a surname, also
        // where a person cue finds the name (`person_cue.rs`).
        assert_eq!(
            tag("Film itu dibintangi Robert Downey tahun lalu."),
            ["Robert Downey/PER/rule:given_name"]
        );
        assert_eq!(
            tag("Aktor Robert Downey kembali berperan."),
            ["Robert Downey/PER/rule:person_cue"]
        );
        // Not when more words follow it in the run.
        assert!(
            !tag("Ia pindah ke Robert Downey Zyxcenter kemarin.")
                .iter()
                .any(|t| t.starts_with("Robert Downey/"))
        );
    }

    #[cfg(feature = "wiki")]
    #[test]
    fn longer_runs_ordinary_words_and_hyphens_are_left_alone() {
        let texts = [
            "Ia datang ke Sergio Zyxwortel Qwerty Center kemarin.",
            "Ia membeli Sergio Baru kemarin.",
            "Film itu dibintangi Sergio Zyxwortel - Qwerty tahun lalu.",
            "Ia menonton film Sergio Zyxwortel kemarin.",
        ];
        assert_none_tagged(tag, &texts, "given_name");
    }
}
