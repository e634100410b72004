//! A capitalized run with a place word (`Kabupaten`, `Pulau`, `Jl.`,
//! `gazetteers/cues/loc_markers.txt`) is a place from that word on: `Bupati Kabupaten Bogor` →
//! `Kabupaten Bogor`, `Jalan Sudirman`. The place word must not sit inside a person or an
//! organization found earlier (`Dinas Pendidikan Kota Bandung` stays one organization), and the
//! place stops before a person, an organization word or a person cue.

use super::{CUES, Covered, Doc};
use crate::Label;
use crate::matcher::Candidate;

/// Words after the place word, at most: `Kota Administrasi Jakarta Selatan`.
const MAX_AFTER_MARKER: usize = 4;

pub(super) fn apply(doc: &Doc<'_>, covered: &Covered, candidates: &mut Vec<Candidate>) {
    let others = covered.by(&[Label::PER, Label::ORG]);
    let inside_other = |i: usize| others.inside(i);
    let persons = covered.by(&[Label::PER]);
    for run in &doc.runs {
        let end = run.end;
        let marker = (run.start..end).find_map(|j| {
            if inside_other(j) {
                None
            } else {
                doc.phrase_at(&CUES.loc_markers, j, end).map(|n| (j, n))
            }
        });
        let Some((j, n)) = marker else { continue };
        let mut k = j + n;
        while k < end
            && k - (j + n) < MAX_AFTER_MARKER
            && persons.span_from(k, end).is_none()
            && doc.phrase_at(&CUES.org_markers, k, end).is_none()
            && doc.phrase_at(&CUES.person, k, end).is_none()
        {
            k += 1;
        }
        if k > j + n {
            candidates.push(doc.candidate(j..k, Label::LOC, "loc_marker"));
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::tag_for_test as tag;

    #[test]
    fn marker_starts_a_place() {
        assert_eq!(
            tag("warga Kabupaten Sukamaju mengungsi", &[], &[]),
            ["Kabupaten Sukamaju/LOC/rule:loc_marker"]
        );
        assert_eq!(
            tag("macet di Jl. Sudirman pagi ini", &[], &[]),
            ["Jl. Sudirman/LOC/rule:loc_marker"]
        );
        assert!(tag("Kota itu ramai", &[], &[]).is_empty());
    }

    #[test]
    fn not_inside_an_organization_and_not_into_a_person() {
        assert_eq!(
            tag("Dinas Pendidikan Kota Sukamaju", &[], &[]),
            ["Dinas Pendidikan Kota Sukamaju/ORG/rule:org_marker"]
        );
        assert_eq!(
            tag("Bupati Kabupaten Sukamaju Ade Yasin hadir", &[], &[]),
            [
                "Kabupaten Sukamaju/LOC/rule:loc_marker",
                "Ade Yasin/PER/rule:person_cue"
            ]
        );
    }
}
