//! A speech verb right after an unknown capitalized run makes the run a person, the one who
//! speaks: `Sutarno mengatakan …`, `Febri menjelaskan …` (`gazetteers/cues/speech_verbs_after.txt`).
//! The learned layer does not read this rule (it reads the word after a piece itself);
//! `model::tag` adds the rule's persons where the model left the run free.
//!
//! The run is at most three words that could be a person's name no list or rule knows
//! ([`Doc::unknown_person`]: not `Ia`, `Polisi`, `Menhub`, `KPK`, `DailySocial`). A run right
//! after a word is part of what that word says (`pihak Sogo mengatakan`: the store's side) and
//! is left alone.
//!
//! After the entities are chosen, by the lists and rules or by the model, `relabel` makes the
//! speaker a person where a name of one word, alone in its run and no acronym, stands right after
//! a verb that only says who spoke (`gazetteers/cues/said_verbs.txt`: `…," ujar Bima`, `kata
//! Komaki`) and was taken for a place (a list knows `Bima` as a regency) or for an organization no
//! list holds (`kata Barnet`, a guess from its word). An organization of the lists keeps its label:
//! it speaks through a statement (`kata Netflix`).

use super::{CUES, Covered, Doc, is_all_caps, rule_source};
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

/// Makes a place, or an organization that no list holds, right after a verb of
/// `said_verbs.txt` the person who speaks (module docs); never an entity of the user's lists.
pub(crate) fn relabel(doc: &Doc<'_>, chosen: &mut [Candidate], custom_from: u32) {
    for c in chosen.iter_mut() {
        let speaker_label = match c.label {
            Label::LOC => true,
            // A guess of the model or the train splits' words, not a list's organization.
            Label::ORG => matches!(&*c.source, "model" | "rule:name_words"),
            _ => false,
        };
        if !speaker_label || c.is_custom(custom_from) {
            continue;
        }
        let Some(i) = doc.lone_word_after_another(c) else {
            continue;
        };
        if CUES.said_verbs.contains(doc.piece(i - 1)) && !is_all_caps(doc.piece(i)) {
            c.label = Label::PER;
            c.source = rule_source("speaker");
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

    #[cfg(feature = "embedded")]
    #[test]
    fn a_place_right_after_a_said_verb_is_the_speaker() {
        use crate::rules::tag_embedded_for_test;
        // `Bima` is a regency in the lists.
        for text in [
            "\"Kami siap,\" ujar Bima usai latihan.",
            "Saat ini, lanjut Bima, aturan itu berlaku.",
        ] {
            assert_eq!(
                tag_embedded_for_test(text),
                ["Bima/PER/rule:speaker"],
                "{text}"
            );
        }
        for (text, kept) in [
            // Not after another word, nor an organization of the lists.
            ("Warga Bima menolak rencana itu.", "Bima/LOC"),
            (
                "\"Kami siap,\" kata Netflix dalam pernyataannya.",
                "Netflix/ORG",
            ),
            // A said verb written with a capital opens a sentence; it says nothing there.
            ("Ujar Bima kemarin sudah beredar.", "Bima/LOC"),
        ] {
            let found = tag_embedded_for_test(text);
            assert!(
                found.iter().any(|e| e.starts_with(kept)),
                "{text}: {found:?}"
            );
        }
    }

    #[test]
    fn the_users_place_stays_a_place_after_a_said_verb() {
        assert_eq!(
            tag(
                "\"Kami siap,\" ujar Sukamaju usai latihan.",
                &["Sukamaju"],
                &[]
            ),
            ["Sukamaju/LOC/gazetteer:t"]
        );
    }
}
