//! A word that stands before organizations (`kader`, `saham`, `bermain untuk`;
//! `gazetteers/cues/org_cues.txt`) makes the unknown capitalized run after it an organization:
//! `kader Hanura`, `saham Antam`. A run that holds a known name, an ordinary word, a cue word or
//! a word with digits is left alone.

use super::{CUES, Covered, Doc, MAX_NAME_PIECES, has_digit};
use crate::Label;
use crate::matcher::Candidate;

pub(super) fn apply(doc: &Doc<'_>, covered: &Covered, candidates: &mut Vec<Candidate>) {
    let known = covered.by(&Label::BUILT_IN);
    for run in &doc.runs {
        if doc.unknown_run_after(
            &CUES.org_cues,
            run.clone(),
            MAX_NAME_PIECES,
            &known,
            has_digit,
        ) {
            candidates.push(doc.candidate(run.clone(), Label::ORG, "org_cue"));
        }
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
    }
}
