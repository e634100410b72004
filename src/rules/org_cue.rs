//! A word that stands before organizations (`kader`, `saham`, `bermain untuk`;
//! `gazetteers/cues/org_cues.txt`) makes the unknown capitalized run after it an organization:
//! `kader Hanura`, `saham Antam`; also after a cue that opens a sentence (`Mengutip NME, …`),
//! which the learned layer does not read but gets after it. A run that holds a known name, an ordinary word, a cue word or
//! a word with digits is left alone.

use std::ops::Range;

use super::{CUES, Covered, CoveredBy, Doc, MAX_NAME_PIECES, has_digit};
use crate::Label;
use crate::matcher::Candidate;

pub(super) fn apply(doc: &Doc<'_>, covered: &Covered, candidates: &mut Vec<Candidate>) {
    let known = covered.by(&Label::BUILT_IN);
    for run in &doc.runs {
        push_if_unknown(doc, &known, run.clone(), candidates);
    }
}

/// A cue that opens a sentence has a capital and starts the run (`Mengutip NME, …`, `Melansir
/// Independent, …`): the name is the rest of the run. Not for the learned layer
/// (`rules::apply`): the train splits have few such runs, and retraining with them moved the
/// model's names on news for the worse (18 better, 26 worse of 50 changed paragraphs); its
/// organizations are added after the model where it left the run free
/// ([`Doc::unlearned_names`](super::Doc::unlearned_names)).
pub(super) fn apply_opening(doc: &Doc<'_>, covered: &Covered, candidates: &mut Vec<Candidate>) {
    let known = covered.by(&Label::BUILT_IN);
    for run in &doc.runs {
        if let Some(k) = doc.phrase_at(&CUES.org_cues, run.start, run.end) {
            if k < run.len() {
                push_if_unknown(doc, &known, run.start + k..run.end, candidates);
            }
        }
    }
}

#[inline]
fn push_if_unknown(
    doc: &Doc<'_>,
    known: &CoveredBy<'_>,
    run: Range<usize>,
    candidates: &mut Vec<Candidate>,
) {
    if doc.unknown_run_after(
        &CUES.org_cues,
        run.clone(),
        MAX_NAME_PIECES,
        known,
        has_digit,
    ) {
        candidates.push(doc.candidate(run, Label::ORG, "org_cue"));
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::tag_for_test as tag;

    #[test]
    fn a_cue_makes_an_unknown_run_an_organization() {
        assert_eq!(
            tag("para kader Zyxpartai berkumpul", &[], &[]),
            ["Zyxpartai/ORG/rule:org_cue"]
        );
        assert_eq!(
            tag("Ia bermain untuk Zyx Zyxwanto musim lalu", &[], &[]),
            ["Zyx Zyxwanto/ORG/rule:org_cue"]
        );
        // Known names keep their label; no cue, no organization.
        assert_eq!(
            tag("kader Sukamaju berkumpul", &["Sukamaju"], &[]),
            ["Sukamaju/LOC/gazetteer:t"]
        );
        assert!(tag("cerita tentang Zyxpartai itu", &[], &[]).is_empty());
        // The outlet a report quotes.
        assert_eq!(
            tag("katanya, seperti dikutip dari Zyx Times.", &[], &[]),
            ["Zyx Times/ORG/rule:org_cue"]
        );
        assert_eq!(
            tag("harga naik, melansir Zyxnews.", &[], &[]),
            ["Zyxnews/ORG/rule:org_cue"]
        );
        assert_eq!(
            tag("katanya, mengutip Zyx Showbiz.", &[], &[]),
            ["Zyx Showbiz/ORG/rule:org_cue"]
        );
    }

    #[test]
    fn a_cue_that_opens_a_sentence_is_not_part_of_the_name() {
        assert_eq!(
            tag("Mengutip Zyx Showbiz, penyanyi itu datang.", &[], &[]),
            ["Zyx Showbiz/ORG/rule:org_cue"]
        );
        assert_eq!(
            tag("Kader Zyxpartai berkumpul.", &[], &[]),
            ["Zyxpartai/ORG/rule:org_cue"]
        );
        // The cue alone is no name; a known name keeps its label.
        assert!(tag("Mengutip, katanya.", &[], &[]).is_empty());
        assert_eq!(
            tag("Mengutip Sukamaju, ia datang.", &["Sukamaju"], &[]),
            ["Sukamaju/LOC/gazetteer:t"]
        );
    }
}
