//! A run listed by commas or semicolons between two persons is a person too, untagged or
//! whatever label a guess gave it: a line-up (`De Gea; Valencia, Smalling, Jones`), a cast
//! (`Cady Heron, Regina George, Karen Smith`), the names of a list (`Ibnu Aji Maulana, Zubair,
//! Reno Suhartono`). In the cased train splits a capitalized run of one to four words between
//! two gold persons so is a person 52 times of 54 (the other two hold one).
//!
//! It runs after the entities are chosen, by the lists and rules or by the model, on what they
//! chose: the persons on both sides must be chosen, one of them proposed by a list or a rule (the
//! learned layer alone also takes a list of villages for persons), and a name between them must
//! be a guess, from a rule or the model alone: a list's place or organization stays (`Take
//! That`, a band, and `New York` in a list of names). A run of one word with a capital inside
//! is a degree (`SpKK`), no person.

use super::{CUES, Doc, add_in_order, listed_name_words, rule_source};
use crate::Label;
use crate::matcher::Candidate;

/// The longest unknown run taken, in pieces.
const MAX_PIECES: usize = 4;

/// Relabels the guessed names listed between two chosen persons, and adds the capitalized runs
/// no name holds there; `chosen` is in order and stays so.
pub(super) fn apply(doc: &Doc<'_>, chosen: &mut Vec<Candidate>) {
    let proposed = |c: &Candidate| &*c.source != "model";
    // The separator piece right after byte `end` (a name's end), if it is `,` or `;` on the line.
    let bytes = doc.text.as_bytes();
    let separator_after = |end: usize| {
        // Most names end before no comma: the next byte that is no space tells, before the
        // pieces are searched.
        let next = bytes[end..].iter().find(|&&b| b != b' ')?;
        if !matches!(next, b',' | b';') {
            return None;
        }
        let last = doc.pieces_before(end).checked_sub(1)?;
        let sep = last + 1;
        (doc.pieces[last].end == end
            && sep + 1 < doc.pieces.len()
            && matches!(doc.piece(sep), "," | ";")
            && doc.same_line(last)
            && doc.same_line(sep))
        .then_some(sep)
    };
    let listed_between = |before: &Candidate, after: &Candidate| {
        before.label == Label::PER
            && after.label == Label::PER
            && (proposed(before) || proposed(after))
    };
    for k in 1..chosen.len().saturating_sub(1) {
        let (before, name, after) = (&chosen[k - 1], &chosen[k], &chosen[k + 1]);
        if name.label == Label::PER
            || name.source.contains("gazetteer:")
            || !listed_between(before, after)
            || separator_after(before.end)
                .and_then(|s| doc.pieces.get(s + 1))
                .map(|t| t.start)
                != Some(name.start)
            || separator_after(name.end)
                .and_then(|s| doc.pieces.get(s + 1))
                .map(|t| t.start)
                != Some(after.start)
        {
            continue;
        }
        chosen[k].label = Label::PER;
        chosen[k].source = rule_source("person_list");
    }
    let mut found = Vec::new();
    for pair in chosen.windows(2) {
        let (before, after) = (&pair[0], &pair[1]);
        if !listed_between(before, after) {
            continue;
        }
        let Some(sep) = separator_after(before.end) else {
            continue;
        };
        let Some(after_first) = doc.piece_starting_at(after.start) else {
            continue;
        };
        let run = sep + 1..after_first.saturating_sub(1);
        if run.is_empty()
            || run.len() > MAX_PIECES
            || !(run.start..run.end - 1).all(|i| doc.same_line(i))
            || separator_after(doc.pieces[run.end - 1].end) != Some(run.end)
            || !listed_name_words(doc, run.clone())
            || run.clone().all(|i| doc.is_common(i))
            // A degree after a comma (`dr Fitria Amalia, SpKK, M.Kes`).
            || (run.len() == 1 && doc.piece(run.start).chars().skip(1).any(char::is_uppercase))
            || doc.phrase_at(&CUES.degrees, run.start, run.end).is_some()
        {
            continue;
        }
        found.push(doc.candidate(run, Label::PER, "person_list"));
    }
    add_in_order(chosen, found);
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
        // An untagged run, but not a degree.
        assert_eq!(
            tag(
                "Starter: Budi Zyxanto, Qowert Zyxa, Andi Qyxanto, SpKK, Dedi Qyxanto.",
                &["PER:Budi Zyxanto", "PER:Andi Qyxanto", "PER:Dedi Qyxanto"],
                &[]
            ),
            [
                "Budi Zyxanto/PER/gazetteer:t",
                "Qowert Zyxa/PER/rule:person_list",
                "Andi Qyxanto/PER/gazetteer:t",
                "Dedi Qyxanto/PER/gazetteer:t",
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
