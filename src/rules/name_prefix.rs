//! A Balinese name starts with `I` (men) or `Ni` (women) before a birth-order or caste name
//! (`gazetteers/cues/name_prefixes.txt`): `I Wayan Dipta`, `Ni Luh Putu Ary`. A person found
//! from that name on (`kata I Wayan Dipta`: the cue rule skips `I`, an ordinary word elsewhere)
//! takes the prefix in (and an organization before it ends before it, `org_marker.rs`). The
//! train splits put it in the name 5 times of 6.

use super::Doc;
use crate::Label;
use crate::matcher::Candidate;

/// Adds, for each person that starts right after a name prefix on the same line, the same person
/// with the prefix (which wins as the longer name).
pub(super) fn apply(doc: &Doc<'_>, candidates: &mut Vec<Candidate>) {
    let from = candidates.len();
    for k in 0..from {
        let c = &candidates[k];
        if c.label != Label::PER {
            continue;
        }
        let Some(first) = doc.piece_starting_at(c.start).filter(|&i| i > 0) else {
            continue;
        };
        let prefix = first - 1;
        if doc.is_name_prefix(prefix) {
            let mut with_prefix = doc.candidate(prefix..first + 1, Label::PER, "name_prefix");
            with_prefix.end = c.end;
            candidates.push(with_prefix);
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::tag_for_test as tag;

    #[test]
    fn the_prefix_joins_the_person() {
        assert_eq!(
            tag("kata I Wayan Zyxdipta kemarin", &[], &[]),
            ["I Wayan Zyxdipta/PER/rule:name_prefix"]
        );
        assert_eq!(
            tag("Hal itu kata Ni Luh Zyxary.", &[], &[]),
            ["Ni Luh Zyxary/PER/rule:name_prefix"]
        );
        // Not before other names, not across a line, not as written otherwise.
        assert_eq!(
            tag("kata I Zyxdipta kemarin", &[], &[]),
            ["Zyxdipta/PER/rule:person_cue"]
        );
        for text in ["kata Pak I\nWayan Zyxdipta", "Pak Budi i Wayan Zyxdipta"] {
            assert!(
                tag(text, &[], &[])
                    .iter()
                    .all(|e| !e.ends_with("rule:name_prefix")),
                "{text}"
            );
        }
    }
}
