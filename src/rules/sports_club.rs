//! In a text about sport, a place that football news uses for its club is the club:
//! `Liverpool mengalahkan Arsenal` → `Liverpool`/ORG. The places are
//! `gazetteers/cues/club_places.txt` (`Madrid`, `Barcelona`, `Dortmund`, `Milan`), the words
//! that make a text about sport `gazetteers/cues/sports_words.txt` (`gol`, `laga`, `klub`);
//! one of them anywhere in the text is enough (a paragraph of match news nearly always has
//! one, and the places rarely stand in other news beside such a word).
//!
//! The place stays a place where the text says it is one: after a word of
//! `gazetteers/cues/club_place_before.txt` (`di Madrid`, `kelahiran Madrid`, `Sirkuit
//! Valencia`), before a comma and a place (`Valencia, Spanyol`), or as a dateline, the first
//! word of a line before a bracket, comma or dash (`Madrid (Antara) - …`). After `dari` and
//! `ke` it is the club: in news about sport those words move players and points between clubs
//! (`hengkang dari Barcelona`, `pindah ke Madrid`, `berjarak 14 poin dari Barcelona`).
//!
//! It runs on the chosen entities, in both modes, last: it only relabels a place of the lists,
//! the rules or the model, or a one-word person of the model beside no other capitalized word
//! (`Milan`, not `Milan Skriniar`), never an entity of the user's own gazetteers.

use super::{CUES, Doc, rule_source};
use crate::Label;
use crate::matcher::Candidate;

pub(crate) fn relabel(doc: &Doc<'_>, chosen: &mut [Candidate], custom_from: u32) {
    let mut about_sport = None;
    for k in 0..chosen.len() {
        let c = &chosen[k];
        let may_be_club = (c.label == Label::LOC
            || (c.label == Label::PER && &*c.source == "model"))
            && !c.is_custom(custom_from);
        if !may_be_club || !CUES.club_places.contains(&doc.text[c.start..c.end]) {
            continue;
        }
        let Some(i) = doc.piece_starting_at(c.start) else {
            continue;
        };
        // A person of the model is a club only alone: `Milan` but not `Milan Skriniar`,
        // whose surname the model may have tagged apart.
        let in_longer_name = || {
            (i > 0 && doc.is_capitalized(i - 1))
                || (i + 1 < doc.pieces.len() && doc.is_capitalized(i + 1))
        };
        if doc.pieces[i].end != c.end
            || (c.label == Label::PER && in_longer_name())
            || said_to_be_a_place(doc, chosen, i)
            || !*about_sport.get_or_insert_with(|| is_about_sport(doc))
        {
            continue;
        }
        chosen[k].label = Label::ORG;
        chosen[k].source = rule_source("sports_club");
    }
}

/// Whether a word of `sports_words.txt` is in the text.
fn is_about_sport(doc: &Doc<'_>) -> bool {
    (0..doc.pieces.len()).any(|i| CUES.sports_words.contains(doc.folded(i)))
}

/// Whether the words around piece `i` make it the place: a word of `club_place_before.txt`
/// before it, a comma and a chosen place after it that is no club's place itself (`Valencia,
/// Spanyol`, but `Valencia, Leganes, dan Sevilla` lists clubs), or a line's first word before a
/// bracket, comma or dash (a dateline).
fn said_to_be_a_place(doc: &Doc<'_>, chosen: &[Candidate], i: usize) -> bool {
    let next = |k: usize| (i + k < doc.pieces.len()).then(|| doc.piece(i + k));
    if i > 0 && doc.same_line(i - 1) {
        let before = doc.folded(i - 1);
        if CUES.club_place_before.contains(before) {
            return true;
        }
    } else if doc.is_dateline(i..i + 1) {
        return true;
    }
    next(1) == Some(",")
        && doc.pieces.get(i + 2).is_some_and(|t| {
            chosen
                .binary_search_by_key(&t.start, |c| c.start)
                .is_ok_and(|k| {
                    let place = &chosen[k];
                    place.label == Label::LOC
                        && !CUES.club_places.contains(&doc.text[place.start..place.end])
                })
        })
}

#[cfg(test)]
mod tests {
    #[cfg(feature = "embedded")]
    use crate::rules::{assert_none_tagged, tag_embedded_for_test as tag};

    /// A place that names a club cannot make its own text about sport (`Bayern` alone is the
    /// state).
    #[test]
    fn no_sports_word_is_a_clubs_place() {
        for word in &super::CUES.sports_words {
            assert!(
                !super::CUES
                    .club_places
                    .iter()
                    .any(|p| p.eq_ignore_ascii_case(word)),
                "{word}"
            );
        }
    }

    #[cfg(feature = "embedded")]
    #[test]
    fn a_clubs_place_in_a_text_about_sport_is_the_club() {
        assert_eq!(
            tag("Dortmund menang 2 - 1 atas Zyxteam dalam laga tadi malam."),
            ["Dortmund/ORG/rule:sports_club"]
        );
        assert_eq!(
            tag("Pelatih itu lama bersama Liverpool dan Mainz."),
            [
                "Liverpool/ORG/rule:sports_club",
                "Mainz/ORG/rule:sports_club"
            ]
        );
        // `dari` and `ke` move players between clubs.
        assert_eq!(
            tag("Gelandang itu hengkang dari Dortmund musim ini."),
            ["Dortmund/ORG/rule:sports_club"]
        );
    }

    #[cfg(feature = "embedded")]
    #[test]
    fn the_place_stays_a_place_where_the_text_says_so() {
        let texts = [
            // No word of sport.
            "Dortmund diguyur hujan deras sepanjang pekan.",
            // Words of `club_place_before.txt`, a comma and a place, a dateline.
            "Laga itu digelar di Dortmund.",
            "Pemain kelahiran Dortmund itu mencetak gol.",
            "Laga di kota itu, Valencia, Spanyol, ditunda.",
            "Dortmund (Zyxnews) - Pelatih tim itu puas.",
        ];
        assert_none_tagged(tag, &texts, "/ORG/");
        assert_eq!(
            tag("Gol itu dicetak di Valencia, Spanyol."),
            ["Valencia/LOC/gazetteer:loc", "Spanyol/LOC/gazetteer:loc"]
        );
        // But a list of clubs' places is a list of clubs.
        assert_eq!(
            tag("Gol demi gol: Valencia, Leganes, dan Sevilla menang."),
            [
                "Valencia/ORG/rule:sports_club",
                "Leganes/ORG/rule:sports_club",
                "Sevilla/ORG/rule:sports_club"
            ]
        );
    }

    #[test]
    fn a_place_of_the_users_own_list_keeps_its_label() {
        assert_eq!(
            crate::rules::tag_for_test("Madrid menang dalam laga itu.", &["Madrid"], &[]),
            ["Madrid/LOC/gazetteer:t"]
        );
    }
}
