//! A name listed by commas or semicolons between two persons is a person too, whatever label a
//! guess gave it: a line-up (`De Gea; Valencia, Smalling, Jones`), a cast (`Cady Heron, Regina
//! George, Karen Smith`), the names of a list (`Ibnu Aji Maulana, Zubair, Reno Suhartono`). In
//! the cased train splits a capitalized run of one to four words between two gold persons so is
//! a person 52 times of 54 (the other two hold one).
//!
//! It runs after the entities are chosen, by the lists and rules or by the model, on what they
//! chose: the persons on both sides must be chosen, one of them proposed by a list or a rule (the
//! learned layer alone also takes a list of villages for persons), and the name between them
//! must be a guess, from a rule or the model alone: a list's place or organization stays (`Take
//! That`, a band, and `New York` in a list of names).

use super::{Doc, rule_source};
use crate::Label;
use crate::matcher::Candidate;

/// Relabels the guessed names listed between two chosen persons; `chosen` is in order.
pub(super) fn relabel(doc: &Doc<'_>, chosen: &mut [Candidate]) {
    let proposed = |c: &Candidate| &*c.source != "model";
    let separator = |from: usize, to: usize| {
        let (Some(last), Some(next)) = (
            doc.pieces_before(from).checked_sub(1),
            doc.piece_starting_at(to),
        ) else {
            return false;
        };
        next == last + 2
            && doc.pieces[last].end == from
            && matches!(doc.piece(last + 1), "," | ";")
            && doc.same_line(last)
            && doc.same_line(last + 1)
    };
    for k in 1..chosen.len().saturating_sub(1) {
        let (before, name, after) = (&chosen[k - 1], &chosen[k], &chosen[k + 1]);
        if name.label == Label::PER
            || before.label != Label::PER
            || after.label != Label::PER
            || name.source.contains("gazetteer:")
            || !(proposed(before) || proposed(after))
            || !separator(before.end, name.start)
            || !separator(name.end, after.start)
        {
            continue;
        }
        chosen[k].label = Label::PER;
        chosen[k].source = rule_source("person_list");
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::tag_for_test as tag;

    #[test]
    fn a_guess_listed_between_two_persons_is_a_person() {
        // `Zyx United` is an organization by its suffix (`org_marker`).
        assert_eq!(
            tag(
                "Starter: Budi Zyxanto; Zyx United, Andi Qyxanto.",
                &["PER:Budi Zyxanto", "PER:Andi Qyxanto"],
                &[]
            ),
            [
                "Budi Zyxanto/PER/gazetteer:t",
                "Zyx United/PER/rule:person_list",
                "Andi Qyxanto/PER/gazetteer:t",
            ]
        );
        // Not a list's name, nor without the separators on both sides.
        assert_eq!(
            tag(
                "Starter: Budi Zyxanto, Zyx United, Andi Qyxanto.",
                &["PER:Budi Zyxanto", "PER:Andi Qyxanto"],
                &["Zyx United"]
            ),
            [
                "Budi Zyxanto/PER/gazetteer:t",
                "Zyx United/ORG/gazetteer:t",
                "Andi Qyxanto/PER/gazetteer:t",
            ]
        );
        assert_eq!(
            tag(
                "Starter: Budi Zyxanto dan Zyx United, Andi Qyxanto.",
                &["PER:Budi Zyxanto", "PER:Andi Qyxanto"],
                &[]
            ),
            [
                "Budi Zyxanto/PER/gazetteer:t",
                "Zyx United/ORG/rule:org_marker",
                "Andi Qyxanto/PER/gazetteer:t",
            ]
        );
    }
}
