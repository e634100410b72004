//! A capitalized run listed by commas between two places is a place too: an address that goes
//! from the street to the city (`Jalan Dewi Sartika, Sawangan, Depok`, `Lapangan Atang
//! Soetresna, Cijantung, Jakarta Timur`) or a list of countries (`Rusia, Sinegal, Singapura`).
//! In the cased train splits such a run between two gold places is a place 225 times of 231 (the
//! others: languages, `Aceh, Batak, Padang`; a school; `Provinsi Lampung`, which nergrit leaves
//! untagged after a regency).
//!
//! It runs after the entities are chosen, by the lists and rules or by the model, on what they
//! chose: the places on both sides must be chosen, one of them proposed by a list or a rule (the
//! learned layer alone also takes a list of startups or colours for places: `Berrybenka,
//! Orami, Blanja`), nothing inside the run, and the run is one to four capitalized words on one
//! line with the commas right around it.

use super::{Doc, add_in_order, listed_name_words};
use crate::Label;
use crate::matcher::Candidate;

/// The longest run taken, in pieces.
const MAX_PIECES: usize = 4;

/// Adds the places listed between two chosen places; `chosen` is in order and stays so.
pub(super) fn add(doc: &Doc<'_>, chosen: &mut Vec<Candidate>) {
    // Places only the learned layer saw may be a list of products or startups.
    let proposed = |c: &Candidate| &*c.source != "model";
    let mut found = Vec::new();
    for pair in chosen.windows(2) {
        let (before, after) = (&pair[0], &pair[1]);
        if before.label != Label::LOC
            || after.label != Label::LOC
            || !(proposed(before) || proposed(after))
        {
            continue;
        }
        let Some(after_first) = doc.piece_starting_at(after.start) else {
            continue;
        };
        let comma_before = doc.pieces_before(before.end);
        let Some(comma_after) = after_first.checked_sub(1) else {
            continue;
        };
        let run = comma_before + 1..comma_after;
        if run.is_empty()
            || run.len() > MAX_PIECES
            || doc.pieces[comma_before.saturating_sub(1)].end != before.end
            || doc.piece(comma_before) != ","
            || doc.piece(comma_after) != ","
            || !(comma_before..after_first).all(|i| doc.same_line(i))
            || !listed_name_words(doc, run.clone())
        {
            continue;
        }
        found.push(doc.candidate(run, Label::LOC, "place_list"));
    }
    add_in_order(chosen, found);
}

#[cfg(test)]
mod tests {
    use crate::rules::tag_for_test as tag;

    #[test]
    fn a_run_listed_between_two_places_is_a_place() {
        assert_eq!(
            tag(
                "Ia ditangkap di Jalan Qowert, Zyxbangan, Depok, kemarin.",
                &["Depok"],
                &[]
            ),
            [
                "Jalan Qowert/LOC/rule:loc_marker",
                "Zyxbangan/LOC/rule:place_list",
                "Depok/LOC/gazetteer:t"
            ]
        );
        assert_eq!(
            tag(
                "Dari Rusia, Zyxgal Qow, Singapura.",
                &["Rusia", "Singapura"],
                &[]
            ),
            [
                "Rusia/LOC/gazetteer:t",
                "Zyxgal Qow/LOC/rule:place_list",
                "Singapura/LOC/gazetteer:t"
            ]
        );
    }

    #[test]
    fn other_runs_between_places_stay_untagged() {
        for text in [
            // No comma on one side, a person between, lower case, a line break, a digit.
            "Dari Rusia, Zyxgal dan Singapura.",
            "Dari Rusia, Budi Santoso, Singapura.",
            "Dari Rusia, zyxgal, Singapura.",
            "Dari Rusia,\nZyxgal, Singapura.",
            "Dari Rusia, Zyxgal 2, Singapura.",
            // Too long to be one place.
            "Dari Rusia, Zyxa Zyxb Zyxc Zyxd Zyxe, Singapura.",
        ] {
            let tagged = tag(text, &["Rusia", "Singapura", "PER:Budi Santoso"], &[]);
            assert!(
                tagged.iter().all(|e| !e.contains("place_list")),
                "{text}: {tagged:?}"
            );
        }
    }
}
