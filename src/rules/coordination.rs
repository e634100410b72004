//! An unknown capitalized run joined by `dan`, `serta`, `atau`, `maupun`, `/` (a doubles
//! pair) or `alias` to a person is a person too: `Raisa dan Zyxwanto`, `Zyxa Qwertyo dan
//! Jokowi`, `Marcus / Zyxwanto`, `Budi Santoso alias Zyx` (`gazetteers/cues/coordinators.txt`).
//! A comma may stand before the word at the end of a list (`Zyx, Budi Santoso, dan Qwerty`).
//! The run
//! is at most four words that could be a person's name no list or rule knows
//! ([`Doc::unknown_person`]: not `Menteri Keuangan`, `Presiden`, `KPK`); the person is any
//! candidate so far, from a list or a rule, `name_words` included. The learned layer does not
//! read this rule (it reads the words around a piece itself); `model::tag` adds the rule's
//! persons where the model left the run free, and runs it again beside its own persons
//! ([`super::coordinated_persons`]).

use super::{CUES, Covered, Doc};
use crate::Label;
use crate::matcher::Candidate;
use crate::tokenize::is_hyphen;

/// The longest run taken for a person, in pieces.
const MAX_PIECES: usize = 4;

pub(super) fn apply(doc: &Doc<'_>, covered: &Covered, candidates: &mut Vec<Candidate>) {
    let known = covered.by(&Label::BUILT_IN);
    let persons = covered.by(&[Label::PER]);
    let n = doc.pieces.len();
    // Whether piece `i` is a coordinator with pieces `i - 1` and `i + 1` on its line.
    let joins = |i: usize| {
        doc.same_line(i - 1) && doc.same_line(i) && CUES.coordinators.contains(doc.folded(i))
    };
    for run in &doc.runs {
        if run.len() > MAX_PIECES || doc.in_headline(run.start) {
            continue;
        }
        // A person's last piece, a coordinator, the run; or the run, a coordinator, a person;
        // a comma may stand before the coordinator at the end of a list (`A, B, dan C`).
        let comma = |i: usize| doc.piece(i) == "," && doc.same_line(i);
        let after_person = |k: usize| {
            run.start >= 2 + k
                && persons.inside(run.start - 2 - k)
                && joins(run.start - 1)
                && (k == 0 || comma(run.start - 2))
        };
        let before_person = |k: usize| {
            run.end + 1 + k < n
                && persons.inside(run.end + 1 + k)
                && persons.starts_at(run.end + 1 + k)
                && joins(run.end + k)
                && (k == 0 || comma(run.end))
        };
        let joined = after_person(0) || before_person(0) || after_person(1) || before_person(1);
        // A hyphen after the run: the name goes on past it (`Catherine Zeta - Jones`).
        let hyphen_after = run.end < n && is_hyphen(doc.piece(run.end));
        if joined && !hyphen_after && doc.unknown_person(run.clone(), &known) {
            candidates.push(doc.candidate(run.clone(), Label::PER, "coordination"));
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::tag_for_test as tag;

    #[test]
    fn an_unknown_run_joined_to_a_person_is_a_person() {
        assert_eq!(
            tag(
                "Foto Budi Santoso dan Zyxwanto beredar.",
                &["PER:Budi Santoso"],
                &[]
            ),
            [
                "Budi Santoso/PER/gazetteer:t",
                "Zyxwanto/PER/rule:coordination"
            ]
        );
        assert_eq!(
            tag(
                "Kemarin, Zyxa Qwertyo atau Budi Santoso datang.",
                &["PER:Budi Santoso"],
                &[]
            ),
            [
                "Zyxa Qwertyo/PER/rule:coordination",
                "Budi Santoso/PER/gazetteer:t"
            ]
        );
    }

    /// A word the lower-case nerp train split never has in a name bars a person, unless it is a
    /// given name (nerp leaves `Lauren` untagged).
    #[cfg(feature = "wiki")]
    #[test]
    fn a_given_name_nerp_calls_ordinary_is_a_name_netizen_is_not() {
        assert_eq!(
            tag(
                "Foto Budi Santoso dan Lauren beredar.",
                &["PER:Budi Santoso"],
                &[]
            ),
            [
                "Budi Santoso/PER/gazetteer:t",
                "Lauren/PER/rule:coordination"
            ]
        );
        assert_eq!(
            tag(
                "Foto Budi Santoso dan Netizen beredar.",
                &["PER:Budi Santoso"],
                &[]
            ),
            ["Budi Santoso/PER/gazetteer:t"]
        );
    }

    #[test]
    fn offices_places_and_words_joined_to_a_person_stay_what_they_are() {
        for text in [
            "Foto Budi Santoso dan Presiden beredar.",
            "Foto Budi Santoso dan KPK beredar.",
            "Foto Budi Santoso dengan Zyxwanto beredar.",
            "Foto Budi Santoso dan\nZyxwanto beredar.",
            // The name goes on past a hyphen.
            "Foto Budi Santoso dan Zyxwa Qwerty - Jones beredar.",
        ] {
            assert_eq!(
                tag(text, &["PER:Budi Santoso"], &[]),
                ["Budi Santoso/PER/gazetteer:t"],
                "{text}"
            );
        }
        assert_eq!(
            tag(
                "Foto Budi Santoso dan Sukamaju beredar.",
                &["PER:Budi Santoso", "Sukamaju"],
                &[]
            ),
            ["Budi Santoso/PER/gazetteer:t", "Sukamaju/LOC/gazetteer:t"]
        );
        // At the end of a list, after a comma; a comma alone joins nothing.
        assert_eq!(
            tag(
                "Hadir Qwertyanto, Zyxwanto, dan Budi Santoso.",
                &["PER:Budi Santoso"],
                &[]
            ),
            [
                "Zyxwanto/PER/rule:coordination",
                "Budi Santoso/PER/gazetteer:t"
            ]
        );
        // No person on either side, no person made.
        assert!(tag("Foto Zyxwanto dan Qwertyanto beredar.", &[], &[]).is_empty());
    }
}
