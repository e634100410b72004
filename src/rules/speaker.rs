//! A speech verb right after an unknown capitalized run makes the run a person, the one who
//! speaks: `Sutarno mengatakan …`, `Febri menjelaskan …` (`gazetteers/cues/speech_verbs_after.txt`).
//! The learned layer does not read this rule (it reads the word after a piece itself);
//! `model::tag` adds the rule's persons where the model left the run free.
//!
//! The run is at most three words that could be a person's name no list or rule knows
//! ([`Doc::unknown_person`]: not `Ia`, `Polisi`, `Menhub`, `KPK`, `DailySocial`). A run right
//! after a word is part of what that word says (`pihak Sogo mengatakan`: the store's side) and
//! is left alone.

use super::{CUES, Covered, Doc};
use crate::Label;
use crate::matcher::Candidate;
use crate::tokenize::TokenKind;

/// The longest run taken for a speaker, in pieces.
const MAX_SPEAKER_PIECES: usize = 3;

pub(super) fn apply(doc: &Doc<'_>, covered: &Covered, candidates: &mut Vec<Candidate>) {
    let known = covered.by(&Label::BUILT_IN);
    let n = doc.pieces.len();
    for run in &doc.runs {
        // A run right after a word is part of what the word says; most runs are.
        let after_word = run.start > 0
            && doc.pieces[run.start - 1].kind == TokenKind::Word
            && doc.same_line(run.start - 1);
        if after_word
            || run.len() > MAX_SPEAKER_PIECES
            || run.end >= n
            || doc.pieces[run.end].kind != TokenKind::Word
            || !is_speech_verb(doc, run.end)
            || !doc.same_line(run.end - 1)
        {
            continue;
        }
        if doc.unknown_person(run.clone(), &known) {
            candidates.push(doc.candidate(run.clone(), Label::PER, "speaker"));
        }
    }
}

/// Whether piece `i` is a word of `speech_verbs_after.txt`: most pieces after a run are
/// punctuation or short words, which its length tells without hashing.
fn is_speech_verb(doc: &Doc<'_>, i: usize) -> bool {
    let len = doc.pieces[i].end - doc.pieces[i].start;
    len < 64
        && CUES.speech_verb_lengths & 1 << len != 0
        && CUES.speech_verbs_after.contains(doc.folded(i))
}

#[cfg(test)]
mod tests {
    use crate::rules::tag_for_test as tag;

    #[test]
    fn an_unknown_run_before_a_speech_verb_is_a_person() {
        assert_eq!(
            tag("Zyxwanto mengatakan banjir sudah surut.", &[], &[]),
            ["Zyxwanto/PER/rule:speaker"]
        );
        assert_eq!(
            tag("Kemarin, Zyx Qwertyanto menjelaskan rencana itu.", &[], &[]),
            ["Zyx Qwertyanto/PER/rule:speaker"]
        );
    }

    #[test]
    fn pronouns_acronyms_known_names_and_offices_are_no_speakers() {
        for text in [
            "Ia mengatakan banjir sudah surut.",
            "ZYXW mengatakan banjir sudah surut.",
            "Menhub mengatakan banjir sudah surut.",
            // With an ordinary word, or right after a word, the run is part of what it says.
            "Pihak Zyxmart mengatakan banjir sudah surut.",
            "Kemarin pihak Zyxmart mengatakan banjir sudah surut.",
            // No verb right after, or on the next line.
            "Zyxwanto kemudian mengatakan banjir sudah surut.",
            "Zyxwanto\nmengatakan banjir sudah surut.",
        ] {
            assert!(tag(text, &[], &[]).is_empty(), "{text}");
        }
        assert_eq!(
            tag(
                "Sukamaju mengatakan banjir sudah surut.",
                &["Sukamaju"],
                &[]
            ),
            ["Sukamaju/LOC/gazetteer:t"]
        );
        // A brand speaks as an organization (`brand_name.rs`), not a person.
        assert_eq!(
            tag("ZyxwaMedia mengatakan banjir sudah surut.", &[], &[]),
            ["ZyxwaMedia/ORG/rule:brand_name"]
        );
    }
}
