//! Initials after `berinisial` or `inisial` (`gazetteers/cues/initials_cues.txt`) are a person:
//! `tersangka berinisial AS` → `AS`/PER, not the United States. News names suspects, victims
//! and minors by their initials this way; the nerp train split tags them as persons.
//!
//! Initials are one piece of at most [`MAX_LETTERS`] letters, with or without periods (`AS`,
//! `A.S.`), in capitals (in any case with `ignore_case`), right after the cue on the same line;
//! more initials in capitals may follow in a list (`berinisial SN dan RA`, `AB, CD, dan EF`).
//! The rule runs first, and the list names over the initials are dropped: the cue says what
//! they are. (Initials before an age, `YIK (31)`, are the `age` rule's.)

use super::{CUES, Doc};
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

/// Whether `piece` may be initials: 1 to [`MAX_LETTERS`] letters, each maybe followed by a
/// period, in capitals unless `ignore_case`.
pub(super) fn is_initials(piece: &str, ignore_case: bool) -> bool {
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
