//! Initials after `berinisial` or `inisial` (`gazetteers/cues/initials_cues.txt`) are a person:
//! `tersangka berinisial AS` → `AS`/PER, not the United States. News names suspects, victims
//! and minors by their initials this way; the nerp train split tags them as persons.
//!
//! Initials are one piece of at most [`MAX_LETTERS`] letters, with or without periods (`AS`,
//! `A.S.`), in capitals (in any case with `ignore_case`), right after the cue on the same line;
//! more initials in capitals may follow in a list (`berinisial SN dan RA`, `AB, CD, dan EF`).
//! The rule runs first, and the list names over the initials are dropped: the cue says what
//! they are. Initials before an age in parentheses (`YIK (31)`) are a person too, where no list
//! or rule explains them ([`apply_aged`]).

use super::{CUES, Covered, Doc};
use crate::Label;
use crate::matcher::Candidate;

/// The most letters initials have.
const MAX_LETTERS: usize = 4;

/// Replaces the candidates over initials after a cue by a person each.
pub(super) fn apply(doc: &Doc<'_>, ignore_case: bool, candidates: &mut Vec<Candidate>) {
    // A cue's length in bytes, first: most pieces before a capitalized word have no cue's.
    let cue_before = |i: usize| {
        let before = &doc.pieces[i - 1];
        let len = before.end - before.start;
        len < 64
            && CUES.initials_cue_lengths >> len & 1 == 1
            && CUES.initials_cues.contains(doc.folded(i - 1))
    };
    let at = |i: usize| {
        i > 0 && cue_before(i) && doc.same_line(i - 1) && is_initials(doc.piece(i), ignore_case)
    };
    // In capitals, initials start a capitalized run: only run starts are looked at. Without
    // capitals (`ignore_case`), every piece.
    let mut found = Vec::new();
    let n = doc.pieces.len();
    let mut look = |i: usize| {
        if !at(i) {
            return;
        }
        // `berinisial SN dan RA`, `AB, CD, dan EF`: more initials in capitals after a comma,
        // `dan` or `serta`, on the same line.
        let mut k = i;
        loop {
            found.push(doc.candidate(k..k + 1, Label::PER, "initials"));
            let mut next = k + 1;
            while next < n
                && next - k <= 2
                && doc.same_line(next - 1)
                && matches!(doc.folded(next), "," | "dan" | "serta")
            {
                next += 1;
            }
            let more = next > k + 1
                && next < n
                && doc.same_line(next - 1)
                && is_initials(doc.piece(next), false);
            if !more {
                break;
            }
            k = next;
        }
    };
    if ignore_case {
        (1..doc.pieces.len()).for_each(&mut look);
    } else {
        doc.runs.iter().for_each(|run| look(run.start));
    }
    if found.is_empty() {
        return;
    }
    candidates.retain(|c| !found.iter().any(|f| c.start < f.end && f.start < c.end));
    candidates.extend(found);
    candidates.sort_by_key(|c| c.start);
}

/// Initials right before an age in parentheses are a person too: `menangkap YIK (31)`, `TA
/// (17), DAF (16) dan HAH (21)`, as news names suspects and victims. Initials that a list or
/// rule already explains are left alone (a club's standing, `PSM (25)`, is no age). Without
/// the learned layer, which gets these persons after it (`Doc::unlearned_names`).
pub(super) fn apply_aged(doc: &Doc<'_>, covered: &Covered, candidates: &mut Vec<Candidate>) {
    let known = covered.by(&Label::BUILT_IN);
    let n = doc.pieces.len();
    let bytes = doc.text.as_bytes();
    // Whether piece `k` is the one byte `b` (most pieces after a run are not a bracket).
    let is = |k: usize, b: u8| {
        let t = &doc.pieces[k];
        t.end == t.start + 1 && bytes[t.start] == b
    };
    for run in &doc.runs {
        // Initials in capitals end their run, alone or after a rank (`Bripka AS (33)`), not
        // after another name (`Piala FA (1)`: a count), and stand apart from the bracket
        // (`QS(5)`: a verse).
        let i = run.end - 1;
        let aged = i + 3 < n
            && is(i + 1, b'(')
            && is(i + 3, b')')
            && !doc.glued(i)
            && is_age(doc.piece(i + 2))
            && (i..i + 3).all(|k| doc.same_line(k));
        let alone =
            || i == run.start || doc.phrase_at(&CUES.person, run.start, i) == Some(i - run.start);
        if aged && is_initials(doc.piece(i), false) && alone() && !known.overlaps(i..i + 1) {
            candidates.push(doc.candidate(i..i + 1, Label::PER, "initials"));
        }
    }
}

/// A person's age: one or two digits, not starting with 0.
fn is_age(piece: &str) -> bool {
    let b = piece.as_bytes();
    (1..=2).contains(&b.len()) && b[0] != b'0' && b.iter().all(u8::is_ascii_digit)
}

/// Whether `piece` may be initials: 1 to [`MAX_LETTERS`] letters, each maybe followed by a
/// period, in capitals unless `ignore_case`.
fn is_initials(piece: &str, ignore_case: bool) -> bool {
    // Four letters and their periods take at most 8 bytes in ASCII, 24 in any script. Most
    // pieces asked about are capitalized words, which their second byte turns away.
    if piece.len() > 6 * MAX_LETTERS {
        return false;
    }
    if piece.is_ascii() {
        let mut letters = 0;
        for &b in piece.as_bytes() {
            if b.is_ascii_uppercase() || (ignore_case && b.is_ascii_lowercase()) {
                letters += 1;
            } else if b != b'.' {
                return false;
            }
        }
        return (1..=MAX_LETTERS).contains(&letters);
    }
    let letters = piece.chars().filter(|c| c.is_alphabetic()).count();
    (1..=MAX_LETTERS).contains(&letters)
        && piece.chars().all(|c| c.is_alphabetic() || c == '.')
        && (ignore_case || piece.chars().all(|c| !c.is_lowercase()))
}

#[cfg(test)]
mod tests {
    use super::is_initials;
    use crate::rules::tag_for_test as tag;

    #[test]
    fn initials_before_an_age_are_a_person() {
        assert_eq!(
            tag("Polisi menangkap TZ (31) dan QX (28) kemarin.", &[], &[]),
            ["TZ/PER/rule:initials", "QX/PER/rule:initials"]
        );
        assert_eq!(
            tag(
                "Pelakunya adalah Bripka TZ (33) dan Bripka QX (35).",
                &[],
                &[]
            ),
            ["TZ/PER/rule:initials", "QX/PER/rule:initials"]
        );
        // Known names, no age, a word that is no initials: no person.
        for text in [
            "Klasemen: PSM (25) di atas.",
            "Polisi menangkap TZ (2017) kemarin.",
            "Polisi menangkap TZ kemarin.",
            "Polisi menangkap Tazwar (31) kemarin.",
            "Polisi menangkap TZ (05) kemarin.",
            "Juara Piala TZ (1) musim lalu.",
            "Bacalah TZ(5) ayat itu.",
        ] {
            let found = tag(text, &[], &["PSM"]);
            assert!(
                found.iter().all(|e| !e.contains("PER")),
                "{text}: {found:?}"
            );
        }
    }

    #[test]
    fn initials_after_the_cue_are_a_person() {
        assert_eq!(
            tag(
                "tersangka berinisial AS ditangkap di Zyx",
                &["AS", "Zyx"],
                &[]
            ),
            ["AS/PER/rule:initials", "Zyx/LOC/gazetteer:t"]
        );
        assert_eq!(
            tag("korban berinisial R.S. (12) selamat", &[], &[]),
            ["R.S./PER/rule:initials"]
        );
        // Not a word in lower case, a long word, or initials on the next line.
        assert!(tag("inisial sudah diketahui", &[], &[]).is_empty());
        assert!(tag("berinisial ABCDE", &[], &[]).is_empty());
        assert_eq!(tag("berinisial\nAS", &["AS"], &[]), ["AS/LOC/gazetteer:t"]);
    }

    #[test]
    fn a_list_of_initials_after_the_cue() {
        assert_eq!(
            tag("berinisial SN dan AS ditangkap", &["AS"], &[]),
            ["SN/PER/rule:initials", "AS/PER/rule:initials"]
        );
        assert_eq!(
            tag("berinisial AB, CD, dan EF ditahan", &[], &[]),
            [
                "AB/PER/rule:initials",
                "CD/PER/rule:initials",
                "EF/PER/rule:initials"
            ]
        );
        // Names after the initials stay what they are.
        assert_eq!(
            tag("berinisial AB, Zyx dan Qwe", &["Zyx", "Qwe"], &[]),
            [
                "AB/PER/rule:initials",
                "Zyx/LOC/gazetteer:t",
                "Qwe/LOC/gazetteer:t"
            ]
        );
    }

    #[test]
    fn what_initials_look_like() {
        assert!(is_initials("AS", false));
        assert!(is_initials("A.S.", false));
        assert!(!is_initials("As", false));
        assert!(is_initials("as", true));
        assert!(!is_initials("A1", false));
        assert!(!is_initials(".", false));
    }
}
