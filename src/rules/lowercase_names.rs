//! In text written without capitals (`ignore_case`: chat, lower-cased corpora), no capitalized
//! run says where a name is, so this rule goes by the words themselves. A *name word* is a word
//! of letters that is no ordinary word (`gazetteers/cues/common_words.txt`; with the `wiki`
//! feature also no word the lower-case nerp train split never has in a name,
//! `gazetteers/cues/ordinary_words-nerp.txt`), no cue word, and not more often part of places
//! and organizations than of persons in the annotated train splits
//! (`gazetteers/cues/name_words.tsv`); a word the splits never wrote with a capital is a name
//! word too. Then, in this order:
//! - a person found already goes on over the name words right after it: `denny` listed,
//!   `denny indrayana` written, the whole is the person;
//! - one to three name words right after a person cue (`kata`, `presiden`, `juru bicara`) are
//!   a person, unless a name found already follows them;
//! - a place word (`jalan`, `desa`, `hotel`; `gazetteers/cues/loc_markers.txt`) and one to three
//!   name words right after it are a place, on the same condition; one that stays in names in
//!   lower case (`desa`, `kecamatan`; `loc_markers_lowercase.txt`) joins a place a list knows
//!   right after it (`desa sukamaju`);
//! - a given name, a word the cased train splits wrote at least twice and only in persons
//!   (`alex`, `bambang`), or one the lower-case nerp train split has only in persons, starting
//!   one at least once (`denny`; `gazetteers/cues/given_names-nerp.txt`, share-alike data, so
//!   only with the `wiki` feature), is a person, with the name words right after it.
//!
//! Only lines without capitals are read this way (a capital at a sentence start aside): where
//! a line has them, the capitalized runs tell (`name_words`), and a lower-case word there is no
//! name. Name knowledge, like `name_words`: it runs only with the embedded gazetteers, only for
//! `ignore_case`, and not for the learned layer. Measured on nerp's dev split (lower case,
//! `--ignore-case --labels PER,LOC`): micro F1 0.659 → 0.697, PER recall 0.43 → 0.56; with the
//! nerp given names 0.714, PER recall 0.63; with place words and the nerp ordinary words 0.727
//! (PER precision 0.75 → 0.79, LOC recall 0.72 → 0.74). It
//! looks up every word of a caseless line: on 1 MB of lower-cased news, `--ignore-case` went
//! from 118 to 189 M instructions (on the news as written, 174 to 188); the nerp words, in a
//! table of their own, and the place words took it from 170 to 189 (the cased path untouched).

use super::{
    CASELESS_GIVEN, CASELESS_ORDINARY, CUES, Covered, Doc, LAST, PHRASE, PREFIX, WORD_VOTES,
};
use crate::Label;
use crate::common_words::starts_sentence_at;
use crate::matcher::Candidate;
use crate::tokenize::TokenKind;

/// The most name words added to a person found already, and the most after a person cue.
const MAX_AFTER_PERSON: usize = 2;
const MAX_AFTER_CUE: usize = 3;

/// A given name's person share in `name_words.tsv` (`254 × count / (total + 1)`): at least
/// 169, two uses of two, with no other vote.
const GIVEN_NAME: u32 = 169;

pub(super) fn apply(doc: &Doc<'_>, covered: &Covered, candidates: &mut Vec<Candidate>) {
    let known = covered.by(&Label::BUILT_IN);
    let places = covered.by(&[Label::LOC]);
    let n = doc.pieces.len();
    let caseless = caseless_lines(doc);
    if !caseless.contains(&true) {
        return;
    }
    // Pieces this rule has put into a name.
    let mut taken = vec![false; n];
    let free = |taken: &[bool], j: usize| caseless[j] && !known.inside(j) && !taken[j];
    // The end of the name words from piece `i` on, at most `max` of them.
    let words_from = |taken: &[bool], i: usize, max: usize| {
        let mut j = i;
        while j < n
            && j - i < max
            && (j == 0 || doc.same_line(j - 1))
            && free(taken, j)
            && is_name_word(doc, j)
        {
            j += 1;
        }
        j
    };
    let mut found = Vec::new();

    let persons: Vec<(usize, usize)> = candidates
        .iter()
        .filter(|c| c.label == Label::PER)
        .filter_map(|c| {
            let first = doc.piece_starting_at(c.start)?;
            Some((first, doc.pieces_before(c.end)))
        })
        .collect();
    for (first, end) in persons {
        let to = words_from(&taken, end, MAX_AFTER_PERSON);
        if to > end {
            taken[end..to].fill(true);
            found.push(doc.candidate(first..to, Label::PER, "lowercase_names"));
        }
    }

    for i in 1..n {
        if !free(&taken, i) || !doc.phrase_before(&CUES.person, i) {
            continue;
        }
        let to = words_from(&taken, i, MAX_AFTER_CUE);
        if to > i && (to == n || !known.inside(to)) {
            taken[i..to].fill(true);
            found.push(doc.candidate(i..to, Label::PER, "lowercase_names"));
        }
    }

    // A place word (`jalan`, `desa`, `hotel`) and the name words after it: a place.
    let mut i = 0;
    while i < n {
        let marker = free(&taken, i)
            .then(|| doc.phrase_at(&CUES.loc_markers, i, n))
            .flatten();
        let Some(from) = marker.map(|len| i + len) else {
            i += 1;
            continue;
        };
        let to = words_from(&taken, from, MAX_AFTER_CUE);
        // A place word that stays in names also in lower case, before a place a list knows:
        // `desa sukamaju` (`loc_markers_lowercase.txt`).
        let known_place = (from == i + 1
            && from < n
            && doc.same_line(i)
            && CUES.loc_markers_lowercase.contains(doc.piece(i)))
        .then(|| places.span_from(from, n))
        .flatten();
        if to > from && (to == n || !known.inside(to)) {
            taken[i..to].fill(true);
            found.push(doc.candidate(i..to, Label::LOC, "lowercase_names"));
            i = to;
        } else if let Some(end) = known_place {
            taken[i] = true;
            found.push(doc.candidate(i..end, Label::LOC, "lowercase_names"));
            i = end;
        } else {
            i += 1;
        }
    }

    let mut i = 0;
    while i < n {
        if free(&taken, i) && is_given_name(doc, i) {
            let to = words_from(&taken, i + 1, MAX_AFTER_PERSON);
            taken[i..to].fill(true);
            found.push(doc.candidate(i..to, Label::PER, "lowercase_names"));
            i = to;
        } else {
            i += 1;
        }
    }
    candidates.append(&mut found);
}

/// For each piece, whether its line has no capitalized word but at a sentence start: no
/// capitalized run (`Doc::runs`) other than a lone word there.
fn caseless_lines(doc: &Doc<'_>) -> Vec<bool> {
    let n = doc.pieces.len();
    let mut out = vec![true; n];
    // The pieces before this are marked already.
    let mut marked = 0;
    for run in &doc.runs {
        if run.start < marked
            || (run.len() == 1 && starts_sentence_at(doc.text, &doc.pieces, run.start))
        {
            continue;
        }
        let mut first = run.start;
        while first > marked && doc.same_line(first - 1) {
            first -= 1;
        }
        let mut end = run.end;
        while end < n && doc.same_line(end - 1) {
            end += 1;
        }
        out[first..end].fill(false);
        marked = end;
    }
    out
}

/// The `[PER, LOC, ORG, outside]` shares of piece `i` in `name_words.tsv`, all 0 for a word it
/// does not hold.
fn shares(doc: &Doc<'_>, i: usize) -> [u32; 4] {
    let value = if doc.cues(i) & WORD_VOTES == 0 {
        0
    } else {
        CUES.name_votes.get(doc.folded(i)).unwrap_or(0)
    };
    [0, 1, 2, 3].map(|k| value >> (8 * k) & 0xff)
}

/// Whether piece `i` is a word of two letters or more and nothing else.
fn is_word(doc: &Doc<'_>, i: usize) -> bool {
    if doc.pieces[i].kind != TokenKind::Word {
        return false;
    }
    let piece = doc.piece(i);
    if piece.bytes().all(|b| b.is_ascii_alphabetic()) {
        return piece.len() >= 2;
    }
    !piece.is_ascii() && piece.chars().nth(1).is_some() && piece.chars().all(char::is_alphabetic)
}

/// Whether piece `i` may be part of a name (see the module's docs).
fn is_name_word(doc: &Doc<'_>, i: usize) -> bool {
    if !is_word(doc, i) || doc.is_common(i) {
        return false;
    }
    let not_name = CUES.not_names.of(doc.cues(i)) & (PHRASE | PREFIX | LAST) != 0;
    if not_name || doc.is_cue_word(i) {
        return false;
    }
    let [per, loc, org, _] = shares(doc, i);
    per >= loc + org && caseless_bits(doc, i) & CASELESS_ORDINARY == 0
}

/// [`Cues::caseless_words`](super::Cues::caseless_words) of piece `i`.
fn caseless_bits(doc: &Doc<'_>, i: usize) -> u32 {
    CUES.caseless_words.get(doc.folded(i)).unwrap_or(0)
}

/// Whether piece `i` is a given name: a name word that the cased train splits wrote at least
/// twice and only in persons, or that the nerp train split has only in persons
/// (`given_names-nerp.txt`) and the cased splits never outside them.
fn is_given_name(doc: &Doc<'_>, i: usize) -> bool {
    // Most words are ordinary words: a bit tells, before any lookup.
    if doc.is_common(i) {
        return false;
    }
    let [per, loc, org, outside] = shares(doc, i);
    loc + org + outside == 0
        && (per >= GIVEN_NAME || caseless_bits(doc, i) & CASELESS_GIVEN != 0)
        && is_name_word(doc, i)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The rule's names in `text`, where the lists found `known`: `name/LABEL` each.
    fn run(text: &str, known: &[(&str, Label)]) -> Vec<String> {
        crate::rules::run_rule(text, known, apply)
            .into_iter()
            .map(|found| found.replace("/rule:lowercase_names", ""))
            .collect()
    }

    /// `found` is `with_wiki` with the `wiki` feature (the nerp words), else `without_wiki`.
    fn by_wiki_feature(found: Vec<String>, with_wiki: &[&str], without_wiki: &[&str]) {
        let expected = if cfg!(feature = "wiki") {
            with_wiki
        } else {
            without_wiki
        };
        assert_eq!(found, expected);
    }

    #[test]
    fn a_person_found_goes_on_over_name_words() {
        assert_eq!(
            run(
                "kata bambang zyxwanto qorvin kemarin",
                &[("bambang", Label::PER)]
            ),
            ["bambang zyxwanto qorvin/PER"]
        );
        // At most two more words; ordinary words and places stop it.
        assert_eq!(
            run("ali zyx wanto qorvin", &[("ali", Label::PER)]),
            ["ali zyx wanto/PER"]
        );
        assert!(run("bambang datang kemarin", &[("bambang", Label::PER)]).is_empty());
        assert!(run("bambang zyxwanto", &[("bambang", Label::LOC)]).is_empty());
        assert!(
            run(
                "bambang jakarta",
                &[("bambang", Label::PER), ("jakarta", Label::LOC)]
            )
            .is_empty()
        );
    }

    #[test]
    fn name_words_after_a_person_cue_are_a_person() {
        assert_eq!(
            run("ujar zyxwanto qorvin kepada", &[]),
            ["zyxwanto qorvin/PER"]
        );
        assert_eq!(run("juru bicara zyxwanto", &[]), ["zyxwanto/PER"]);
        // Not when a name found already follows: the words may belong to it.
        assert!(run("ujar zyxwanto jakarta", &[("jakarta", Label::LOC)]).is_empty());
        assert!(run("ujar dia kepada", &[]).is_empty());
    }

    #[test]
    fn a_given_name_is_a_person() {
        // `Bambang` is only ever a person's word in the train splits.
        assert_eq!(
            run("lalu bambang zyxwanto datang", &[]),
            ["bambang zyxwanto/PER"]
        );
        // `denny`: once part of a person in the cased splits (too few to tell), only ever in
        // persons in the lower-case nerp split (share-alike data: the `wiki` feature).
        by_wiki_feature(run("lalu denny datang", &[]), &["denny/PER"], &[]);
        // `Zyxwanto` is unknown: a name word, but no given name.
        assert!(run("lalu zyxwanto datang", &[]).is_empty());
        // Ordinary words never are.
        assert!(run("lalu harga naik", &[]).is_empty());
    }

    #[test]
    fn a_place_word_and_name_words_after_it_are_a_place() {
        assert_eq!(
            run("banjir di jalan zyxwanto qorvin kemarin", &[]),
            ["jalan zyxwanto qorvin/LOC"]
        );
        assert_eq!(run("ke desa zyxwanto", &[]), ["desa zyxwanto/LOC"]);
        // Not before an ordinary word, nor when a name found already follows.
        assert!(run("di jalan itu", &[]).is_empty());
        assert!(run("di jalan zyxwanto jakarta", &[("jakarta", Label::LOC)]).is_empty());
        // Before a place a list knows, a place word that stays in names in lower case joins
        // it; one that does not (`kota`) stays out.
        assert_eq!(
            run("warga desa sukamaju mengungsi", &[("sukamaju", Label::LOC)]),
            ["desa sukamaju/LOC"]
        );
        assert!(run("warga kota sukamaju", &[("sukamaju", Label::LOC)]).is_empty());
    }

    #[test]
    fn words_the_nerp_split_never_has_in_a_name_are_no_name_words() {
        // `terdampak` ("affected") is no common word of the cased splits, which write it in
        // lower case less than twice; the nerp split has it, never in a name.
        by_wiki_feature(run("ujar terdampak", &[]), &[], &["terdampak/PER"]);
    }

    #[test]
    fn lines_with_capitals_are_left_to_the_runs() {
        let known = [("bambang", Label::PER)];
        assert!(run("Kemarin Jokowi bertemu bambang zyxwanto", &known).is_empty());
        // A capital at a sentence start does not count; the next line is read on its own.
        assert_eq!(
            run("Kemarin bambang zyxwanto datang.", &known),
            ["bambang zyxwanto/PER"]
        );
        assert_eq!(
            run("Kata Jokowi.\nlalu bambang zyxwanto datang", &known),
            ["bambang zyxwanto/PER"]
        );
    }
}
