//! A name right before an age in brackets is a person, as news names suspects, victims and
//! witnesses: initials in capitals (`polisi menangkap YIK (31)`, `TA (17), DAF (16) dan HAH
//! (21)`), or an unknown capitalized run of up to four words that could be a person's name
//! ([`Doc::unknown_person`]: `milik Sunarti (44)`). Names a list or rule already explains are
//! left alone, and so is a run in a list whose item before it is no person: a league table
//! gives points the same way (`Bristol City (48), Burton Albion (48)`). Not read by the learned
//! layer, which gets these persons after it ([`Doc::unlearned_names`]).

use super::initials::is_initials;
use super::{CUES, Covered, Doc};
use crate::Label;
use crate::matcher::Candidate;

/// The longest run taken for a person, in pieces.
const MAX_PIECES: usize = 4;

pub(super) fn apply(doc: &Doc<'_>, covered: &Covered, candidates: &mut Vec<Candidate>) {
    let known = covered.by(&Label::BUILT_IN);
    let persons = covered.by(&[Label::PER]);
    let n = doc.pieces.len();
    let bytes = doc.text.as_bytes();
    // Whether piece `k` is the one byte `b` (most pieces after a run are not a bracket).
    let is = |k: usize, b: u8| {
        let t = &doc.pieces[k];
        t.end == t.start + 1 && bytes[t.start] == b
    };
    // The closing bracket of the last aged person met, for the lists.
    let mut last_person_close = None;
    for run in &doc.runs {
        // The age right after the run, apart from it (`QS(5)` is a verse), on its line.
        let i = run.end - 1;
        let aged = i + 3 < n
            && is(i + 1, b'(')
            && is(i + 3, b')')
            && !doc.glued(i)
            && is_age(doc.piece(i + 2))
            && (i..i + 3).all(|k| doc.same_line(k));
        if !aged {
            continue;
        }
        let close = i + 3;
        // Initials end their run, alone or after a rank (`Bripka AS (33)`), not after another
        // name (`Piala FA (1)` is a count).
        let alone =
            || i == run.start || doc.phrase_at(&CUES.person, run.start, i) == Some(i - run.start);
        let initials = is_initials(doc.piece(i), false) && alone();
        let name = if initials { i..run.end } else { run.clone() };
        if persons.overlaps(name.clone()) {
            last_person_close = Some(close);
            continue;
        }
        // In a list (`…), NAME (…)`, `…) dan NAME (…)`), the item before must be a person.
        let in_list = (1..=2).any(|k| {
            name.start > k
                && is(name.start - 1 - k, b')')
                && (name.start - k..name.start)
                    .all(|j| matches!(doc.folded(j), "," | "dan" | "serta"))
        });
        let list_of_persons =
            (1..=2).any(|k| name.start > k && last_person_close == Some(name.start - 1 - k));
        if in_list && !list_of_persons {
            continue;
        }
        if initials && list_of_persons {
            // Initials a list names otherwise (`MU`) in a list of persons: one of them, which
            // the list's name keeps, and the list goes on.
            last_person_close = Some(close);
        }
        let ok = if initials {
            !known.overlaps(name.clone())
        } else {
            name.len() <= MAX_PIECES && doc.unknown_person(name.clone(), &known)
        };
        if ok {
            candidates.push(doc.candidate(name, Label::PER, "age"));
            last_person_close = Some(close);
        }
    }
}

/// A person's age: one or two digits, not starting with 0.
fn is_age(piece: &str) -> bool {
    let b = piece.as_bytes();
    (1..=2).contains(&b.len()) && b[0] != b'0' && b.iter().all(u8::is_ascii_digit)
}

#[cfg(test)]
mod tests {
    use crate::rules::tag_for_test as tag;

    #[test]
    fn a_name_before_an_age_is_a_person() {
        assert_eq!(
            tag("Polisi menangkap TZ (31) dan QX (28) kemarin.", &[], &[]),
            ["TZ/PER/rule:age", "QX/PER/rule:age"]
        );
        assert_eq!(
            tag(
                "Pelakunya adalah Bripka TZ (33) dan Bripka QX (35).",
                &[],
                &[]
            ),
            ["TZ/PER/rule:age", "QX/PER/rule:age"]
        );
        assert_eq!(
            tag("Rumah milik Zyxwati (44) rusak ringan.", &[], &[]),
            ["Zyxwati/PER/rule:age"]
        );
        // A list of persons goes on, also past initials a list names otherwise.
        assert_eq!(
            tag(
                "Polisi menangkap TZ (21), QX (28), dan VW (40).",
                &[],
                &["QX"]
            ),
            ["TZ/PER/rule:age", "QX/ORG/gazetteer:t", "VW/PER/rule:age"]
        );
        assert_eq!(
            tag(
                "Korban adalah Zyxwati (44), Qwerto Zyx (8), dan Zyxa (5).",
                &[],
                &[]
            ),
            [
                "Zyxwati/PER/rule:age",
                "Qwerto Zyx/PER/rule:age",
                "Zyxa/PER/rule:age"
            ]
        );
    }

    #[test]
    fn counts_years_verses_and_league_tables_are_no_ages() {
        for text in [
            "Polisi menangkap TZ (2017) kemarin.",
            "Polisi menangkap TZ kemarin.",
            "Polisi menangkap TZ (05) kemarin.",
            "Juara Piala TZ (1) musim lalu.",
            "Bacalah TZ(5) ayat itu.",
            // Points after a club the list knows, and after the clubs that follow it.
            "Klasemen: PSM (25), Zyx United (24), dan Qwerty Town (20).",
        ] {
            let found = tag(text, &[], &["PSM"]);
            assert!(
                found.iter().all(|e| !e.contains("PER")),
                "{text}: {found:?}"
            );
        }
    }
}
