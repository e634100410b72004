//! A title, office, honorific or speech verb before a capitalized run makes (the rest of) the
//! run a person: `Presiden Rusia Vladimir Putin` → `Vladimir Putin`, `kata Anies` → `Anies`,
//! `Menteri Keuangan Sri Mulyani` → `Sri Mulyani`.
//!
//! After the cue, the rule skips what names the office rather than the person: more cues,
//! ordinary words (`Keuangan`, `gazetteers/cues/common_words.txt`) and places or organizations
//! the lists know (`Rusia`, `Kemlu`). If an organization or place word comes next (`PT`,
//! `Kabupaten`), the run names that, not a person. An all-capital word (`PAN`, `KPK`) names
//! a party or an office, not a person, and is skipped too. The name then runs to the end of the run,
//! stopping before another known place or organization or another cue.

use super::{CUES, Doc, MAX_NAME_PIECES, covered, is_common, span_from};
use crate::Label;
use crate::matcher::Candidate;
use crate::tokenize::TokenKind;

pub(super) fn apply(doc: &Doc<'_>, candidates: &[Candidate]) -> Vec<Candidate> {
    let named = covered(doc, candidates, &[Label::LOC, Label::ORG]);
    let mut found = Vec::new();
    for run in &doc.runs {
        let end = run.end;
        let mut i = run.start;
        let mut cued = doc.phrase_before(&CUES.person, i);
        while i < end {
            if let Some(n) = doc.phrase_at(&CUES.person, i, end) {
                i += n;
                cued = true;
            } else if !cued {
                break;
            } else if let Some(e) = span_from(&named, i, end) {
                i = e;
            } else if doc.phrase_at(&CUES.org_markers, i, end).is_some()
                || doc.phrase_at(&CUES.loc_markers, i, end).is_some()
            {
                i = end;
            } else if !doc.is_capitalized(i)
                || is_common(doc.piece(i))
                || is_all_caps(doc.piece(i))
            {
                i += 1;
            } else {
                break;
            }
        }
        if !cued || i >= end {
            continue;
        }
        let mut j = i + 1;
        while j < end
            && j - i < MAX_NAME_PIECES
            && span_from(&named, j, end).is_none()
            && doc.phrase_at(&CUES.person, j, end).is_none()
        {
            j += 1;
        }
        while j > i && doc.pieces[j - 1].kind != TokenKind::Word {
            j -= 1;
        }
        if j > i {
            found.push(doc.candidate(i..j, Label::PER, "person_cue"));
        }
    }
    found
}

/// Two or more letters, all capitals: an acronym.
fn is_all_caps(word: &str) -> bool {
    word.chars().filter(|c| c.is_alphabetic()).count() >= 2 && !word.chars().any(char::is_lowercase)
}
