//! A compass word right after a place is part of its name: `Timor Timur`, `Kuningan Barat`,
//! `Asia Barat Daya` (`gazetteers/cues/compass_words.txt`), and in lower case `Afrika barat`,
//! `Gaza selatan` (`compass_words_lowercase.txt`, without `tengah`, which after a name mostly
//! means "currently"). Where capitals prove nothing (`ignore_case`, headlines), only the
//! lower-case list counts. The place may come from a list or a rule; the longer place wins
//! over it in resolution.
//!
//! The learned layer does not read this rule's places (with them among its features, the
//! trainer's mean dev F1 of the cased model fell over seeds 2024, 1 and 2 from 0.8169, 0.8141
//! and 0.8149 to 0.8141, 0.8135 and 0.8123): its own places take the compass phrase after
//! them instead ([`extend`]).

use std::ops::Range;

use super::{CUES, Doc, rule_source};
use crate::Label;
use crate::matcher::Candidate;

/// Adds, for each place followed on its line by a compass phrase, the place with the phrase.
pub(super) fn apply(doc: &Doc<'_>, ignore_case: bool, candidates: &mut Vec<Candidate>) {
    let from = candidates.len();
    for k in 0..from {
        let c = &candidates[k];
        if c.label != Label::LOC {
            continue;
        }
        if let Some(phrase) = phrase_after(doc, c, ignore_case) {
            let mut place = doc.candidate(phrase, Label::LOC, "compass");
            place.start = c.start;
            candidates.push(place);
        }
    }
}

/// Extends each place of `out` (entities in text order, never overlapping) over a compass
/// phrase right after it that no other entity takes; not a user's own entry, whose span is
/// the user's. The place's source becomes this rule's.
pub(crate) fn extend(doc: &Doc<'_>, ignore_case: bool, custom_from: u32, out: &mut [Candidate]) {
    for k in 0..out.len() {
        let c = &out[k];
        if c.label != Label::LOC || c.is_custom(custom_from) {
            continue;
        }
        let Some(phrase) = phrase_after(doc, c, ignore_case) else {
            continue;
        };
        let end = doc.pieces[phrase.end - 1].end;
        if out.get(k + 1).is_none_or(|e| e.start >= end) {
            out[k].end = end;
            out[k].source = rule_source("compass");
        }
    }
}

/// The pieces of the compass phrase right after candidate `c`, if one follows it.
fn phrase_after(doc: &Doc<'_>, c: &Candidate, ignore_case: bool) -> Option<Range<usize>> {
    let next = doc.pieces_before(c.end);
    if next == 0 || next >= doc.pieces.len() || doc.pieces[next - 1].end != c.end {
        return None;
    }
    compass_at(doc, next, ignore_case).map(|n| next..next + n)
}

/// How many pieces the compass phrase after piece `i - 1` covers from piece `i`, if one
/// follows it on the same line, after a space.
fn compass_at(doc: &Doc<'_>, i: usize, ignore_case: bool) -> Option<usize> {
    let after_space = |j: usize| doc.same_line(j - 1) && !doc.glued(j - 1);
    if !after_space(i) {
        return None;
    }
    let capitals_count = !ignore_case && !doc.in_headline(i);
    let words = if capitals_count && doc.is_capitalized(i) {
        &CUES.compass_words
    } else if !capitals_count || doc.piece(i).bytes().all(|b| b.is_ascii_lowercase()) {
        &CUES.compass_words_lowercase
    } else {
        return None;
    };
    let first = doc.folded(i);
    let mut found = words.contains(first).then_some(1);
    if found.is_some() && i + 1 < doc.pieces.len() && after_space(i + 1) {
        let two = format!("{first} {}", doc.folded(i + 1));
        if words.contains(&two) {
            found = Some(2);
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use crate::Label;
    use crate::fold::Folded;
    use crate::rules::tag_for_test as tag;
    use crate::rules::{Doc, known_candidates};
    use crate::tokenize::tokenize;

    const PLACES: &[&str] = &["Zyxtimor", "Zyxafrika", "Zyxjawa"];

    #[test]
    fn a_compass_word_joins_the_place_before_it() {
        assert_eq!(
            tag("Ia lahir di Zyxtimor Timur pada 1970.", PLACES, &[]),
            ["Zyxtimor Timur/LOC/rule:compass"]
        );
        assert_eq!(
            tag(
                "Hujan turun di Zyxafrika barat dan Zyxjawa Barat Daya.",
                PLACES,
                &[]
            ),
            [
                "Zyxafrika barat/LOC/rule:compass",
                "Zyxjawa Barat Daya/LOC/rule:compass"
            ]
        );
    }

    #[test]
    fn not_tengah_in_lower_case_nor_across_a_line_or_a_hyphen() {
        for text in [
            "Zyxafrika tengah menyiapkan serangan.",
            "Ia tiba di Zyxafrika\nTimur ramai.",
            "Ia tiba di Zyxafrika-Timur kemarin.",
            "Ia tiba di Zyxafrika. Timur kota itu ramai.",
            "Ia tiba di Zyxafrika Utaranya ramai.",
        ] {
            assert!(
                tag(text, PLACES, &[])
                    .iter()
                    .all(|e| !e.ends_with("rule:compass")),
                "{text}: {:?}",
                tag(text, PLACES, &[])
            );
        }
    }

    #[test]
    fn only_after_a_place() {
        assert_eq!(
            tag("Kata Zyxafrika Utara kemarin.", &[], &[]),
            ["Zyxafrika Utara/PER/rule:person_cue"]
        );
        assert_eq!(
            tag("Ia tiba kemarin Barat.", &[], &[]),
            Vec::<String>::new()
        );
    }

    /// The entities `names` (each at its first place in `text`, with its label) after
    /// [`super::extend`], with their sources.
    fn extended(text: &str, names: &[(&str, Label)], ignore_case: bool) -> Vec<String> {
        let doc = Doc::new(text, tokenize(text), Folded::new(text));
        let mut out = known_candidates(text, names);
        super::extend(&doc, ignore_case, u32::MAX, &mut out);
        out.iter()
            .map(|c| format!("{}/{}/{}", &text[c.start..c.end], c.label, c.source))
            .collect()
    }

    #[test]
    fn the_learned_layers_places_take_the_compass_word_after_them() {
        assert_eq!(
            extended(
                "Di Zyxafrika barat daya hujan.",
                &[("Zyxafrika", Label::LOC)],
                false
            ),
            ["Zyxafrika barat daya/LOC/rule:compass"]
        );
        // Not over another entity, not after a person, and without case `tengah` stays out
        // (so does `Tengah` in text that ignores case).
        assert_eq!(
            extended(
                "Zyxafrika Utara Zyxbudi",
                &[("Zyxafrika", Label::LOC), ("Utara Zyxbudi", Label::PER)],
                false
            ),
            ["Zyxafrika/LOC/rule:t", "Utara Zyxbudi/PER/rule:t"]
        );
        assert_eq!(
            extended("kata Zyxbudi utara", &[("Zyxbudi", Label::PER)], false),
            ["Zyxbudi/PER/rule:t"]
        );
        assert_eq!(
            extended("zyxafrika Tengah", &[("zyxafrika", Label::LOC)], true),
            ["zyxafrika/LOC/rule:t"]
        );
        assert_eq!(
            extended("zyxafrika Timur", &[("zyxafrika", Label::LOC)], true),
            ["zyxafrika Timur/LOC/rule:compass"]
        );
    }
}
