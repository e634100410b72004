//! A preposition (`di`, `ke`, `dari`; `gazetteers/cues/place_prepositions.txt`) before an
//! unknown capitalized run is weak evidence of a place: `di Istana` is not a place name, `di DPR`
//! is an organization. So the run becomes a place only with more evidence:
//! - the same run follows such a preposition at least twice in the document, or
//! - a place the lists know follows it after a comma (`di Cibinong, Bogor`).
//!
//! Runs that hold a known name, an ordinary word, a cue word (`Istana`) or an acronym are left
//! alone.

use crate::fast_hash::FastMap;
use std::ops::Range;

use super::{CUES, Covered, Doc};
use crate::Label;
use crate::matcher::Candidate;

/// The longest unknown run taken for a place, in pieces.
const MAX_PIECES: usize = 3;

pub(super) fn apply(doc: &Doc<'_>, covered: &Covered, candidates: &mut Vec<Candidate>) {
    let known = covered.by(&Label::BUILT_IN);
    let places = covered.by(&[Label::LOC]);
    let mut seen: FastMap<&str, Vec<Range<usize>>> = FastMap::default();
    let mut supported: Vec<Range<usize>> = Vec::new();
    for run in &doc.runs {
        let r = run.clone();
        let plain = doc.unknown_run_after(
            &CUES.place_prepositions,
            r.clone(),
            MAX_PIECES,
            &known,
            super::is_all_caps,
        );
        if !plain {
            continue;
        }
        let comma_place =
            r.end + 1 < doc.pieces.len() && doc.piece(r.end) == "," && places.starts_at(r.end + 1);
        if comma_place {
            supported.push(r.clone());
        }
        let text = &doc.text[doc.pieces[r.start].start..doc.pieces[r.end - 1].end];
        seen.entry(text).or_default().push(r);
    }
    if seen.is_empty() {
        return;
    }
    supported.extend(seen.into_values().filter(|uses| uses.len() >= 2).flatten());
    supported.sort_by_key(|r| r.start);
    supported.dedup();
    candidates.extend(
        supported
            .into_iter()
            .map(|r| doc.candidate(r, Label::LOC, "place_preposition")),
    );
}

#[cfg(test)]
mod tests {
    use crate::rules::tag_for_test as tag;

    #[test]
    fn needs_a_second_use_or_a_known_place_after_a_comma() {
        assert!(tag("Ia tinggal di Sukamaju sejak kecil.", &[], &[]).is_empty());
        assert_eq!(
            tag(
                "Ia tinggal di Sukamaju. Dari Sukamaju ia pindah ke Sukamaju lagi.",
                &[],
                &[]
            ),
            [
                "Sukamaju/LOC/rule:place_preposition",
                "Sukamaju/LOC/rule:same_name",
                "Sukamaju/LOC/rule:place_preposition"
            ]
        );
        assert_eq!(
            tag("Banjir di Cibiru, Bandung kemarin.", &["Bandung"], &[]),
            [
                "Cibiru/LOC/rule:place_preposition",
                "Bandung/LOC/gazetteer:t"
            ]
        );
    }

    #[test]
    fn ordinary_words_and_acronyms_are_not_places() {
        assert!(tag("rapat di Istana. Lalu ke Istana lagi.", &[], &[]).is_empty());
        assert!(tag("rapat di DPR. Lalu ke DPR lagi.", &[], &[]).is_empty());
    }
}
