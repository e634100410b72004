//! Differential tests: the matcher and the resolver against naive reference implementations, on
//! random texts built from random small gazetteers.
//!
//! - The reference matcher looks up every window of the text that starts on a `START` flag and
//!   ends on an `END` flag (`tokenize::boundaries`) in a `HashMap` of folded entries, then picks
//!   the variant the same way as `Matcher::find` (exact surface first, then the highest priority
//!   whose case fits). Its candidate set must equal `Matcher::find`'s, and so must that of the
//!   same matcher written to a compiled gazetteer file and read back (`compiled.rs`).
//! - The reference resolver is the documented greedy policy with a linear overlap scan.
//! - A whole-word match is never lost because a longer hit that is not word-aligned overlaps it
//!   (`Sumatera` in `Sumatera Utaranya`).
//!
//! Gazetteers are built from random syllables (some non-ASCII, some whose case forms differ in
//! length), hyphens, apostrophes and periods, in mixed case, with shared prefixes
//! (`Sumatera`, `Sumatera Utara`). `TANDAI_FUZZ_CASES=N` runs N cases per property instead of
//! the default; this and `tests/properties.rs` stand in for `cargo fuzz`, which needs a nightly
//! toolchain that a new machine of this project does not have.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use proptest::prelude::*;
use proptest::sample::select;
use proptest::test_runner::Config;

use crate::fold::{Folded, fold_str};
use crate::matcher::{Candidate, Matcher, case_fits, spaced_hyphens};
use crate::resolve::resolve;
use crate::tokenize::{END, START, boundaries, tokenize};
use crate::{Gazetteer, Label};

fn config() -> Config {
    let cases = std::env::var("TANDAI_FUZZ_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(300);
    Config {
        cases,
        // Some generated cases do not fit a property's premise and are skipped.
        max_global_rejects: cases.saturating_mul(2),
        failure_persistence: None,
        ..Config::default()
    }
}

const SYLLABLES: &[&str] = &[
    "su", "ma", "te", "ra", "u", "ta", "ja", "kar", "ban", "dung", "an", "nya", "lah", "i", "ı",
    "İ", "ß", "ẞ", "σ", "ς", "é", "e\u{301}", "ⱥ", "\u{212a}", "ŉ", "ǅ",
];

/// What may stand between the words of an entry.
const ENTRY_SEPARATORS: &[&str] = &[" ", " ", " ", "-", "'", "’", ". ", ".", "", "\u{a0}"];

/// What may stand between the pieces of a text.
const TEXT_GLUE: &[&str] = &[
    " ", " ", " ", ", ", "-", "’", "'", ".", ". ", "", "nya", "-nya", "-lah", "\u{a0}", "\n", " (",
    ") ", "an",
];

/// A word of 1 to 3 syllables in one of four casings.
fn word() -> impl Strategy<Value = String> {
    (proptest::collection::vec(select(SYLLABLES), 1..4), 0u8..5)
        .prop_map(|(syllables, case)| set_case(&syllables.concat(), case))
}

fn set_case(s: &str, case: u8) -> String {
    match case {
        0 => s.to_string(),
        1 => s.to_uppercase(),
        // iNews: lower first letter, upper later.
        2 => s
            .chars()
            .enumerate()
            .map(|(i, c)| {
                if i == 1 {
                    c.to_uppercase().collect()
                } else {
                    c.to_string()
                }
            })
            .collect(),
        _ => {
            // Title case.
            let mut cs = s.chars();
            cs.next()
                .map(|c| c.to_uppercase().chain(cs).collect())
                .unwrap_or_default()
        }
    }
}

/// An entry of 1 to 3 words.
fn entry() -> impl Strategy<Value = String> {
    (
        proptest::collection::vec(word(), 1..4),
        proptest::collection::vec(select(ENTRY_SEPARATORS), 2),
    )
        .prop_map(|(words, seps)| {
            let mut e = String::new();
            for (i, w) in words.iter().enumerate() {
                if i > 0 {
                    e.push_str(seps[i - 1]);
                }
                e.push_str(w);
            }
            e
        })
}

/// Up to three gazetteers of up to eight entries; some entries extend an earlier one
/// (`Sumatera` → `Sumatera Utara`), some are aliases.
fn gazetteers() -> impl Strategy<Value = Vec<Gazetteer>> {
    let item = (entry(), 0u8..6, 0u8..4, word());
    proptest::collection::vec(proptest::collection::vec(item, 1..9), 1..4).prop_map(|lists| {
        let mut all_entries: Vec<String> = Vec::new();
        lists
            .into_iter()
            .enumerate()
            .map(|(g, items)| {
                let mut gazetteer = Gazetteer::new(format!("g{g}"));
                for (entry, how, label, extra) in items {
                    let entry = match (how, all_entries.last()) {
                        // Extend an earlier entry: a shared prefix.
                        (0 | 1, Some(prev)) => format!("{prev} {extra}"),
                        // The same entry in another case (folds alike: one pattern).
                        (2, Some(prev)) => prev.to_uppercase(),
                        _ => entry,
                    };
                    let label = [Label::PER, Label::LOC, Label::ORG, Label::LOC][label as usize];
                    // Conflicting duplicates are refused; that is fine here.
                    let _ = if how == 5 {
                        gazetteer.insert_alias(&entry, &extra, label)
                    } else {
                        gazetteer.insert(&entry, label)
                    };
                    all_entries.push(entry);
                }
                gazetteer
            })
            .collect()
    })
}

/// Gazetteers and a text built from their entries (in odd cases), random words and glue.
fn case() -> impl Strategy<Value = (Vec<Gazetteer>, String)> {
    gazetteers().prop_flat_map(|gazetteers| {
        let entries: Vec<String> = gazetteers
            .iter()
            .flat_map(|g| g.iter().map(|(e, _, _)| e.to_string()))
            .collect::<Vec<_>>();
        let entries = if entries.is_empty() {
            vec!["x".to_string()]
        } else {
            entries
        };
        let piece = prop_oneof![
            3 => (select(entries), 0u8..6).prop_map(|(e, case)| match case {
                0..=2 => e,
                3 => e.to_uppercase(),
                4 => e.to_lowercase(),
                _ => set_case(&e.to_lowercase(), 3),
            }),
            1 => word(),
        ];
        let text =
            proptest::collection::vec((piece, select(TEXT_GLUE)), 0..12).prop_map(|pieces| {
                pieces
                    .into_iter()
                    .flat_map(|(p, glue)| [p, glue.to_string()])
                    .collect::<String>()
            });
        (Just(gazetteers), text)
    })
}

/// A candidate as a comparable tuple.
type Key = (usize, usize, Label, String, Option<String>, u32);

fn key(c: &Candidate) -> Key {
    (
        c.start,
        c.end,
        c.label,
        c.source.to_string(),
        c.canonical.as_deref().map(str::to_string),
        c.priority,
    )
}

fn matcher(gazetteers: &[Gazetteer]) -> Matcher {
    let refs: Vec<&Gazetteer> = gazetteers.iter().collect();
    Matcher::new(&refs, &HashSet::new()).unwrap()
}

fn matcher_candidates(m: &Matcher, text: &str, ignore_case: bool) -> Vec<Candidate> {
    let tokens = tokenize(text);
    let flags = boundaries(text, &tokens);
    let mut out = Vec::new();
    m.find(
        text,
        &Folded::new(text),
        &tokens,
        &flags,
        ignore_case,
        &mut out,
    );
    out
}

/// An entry as the reference matcher sees it: (entry, label, canonical, source, priority).
type RefVariant = (String, Label, Option<String>, String, u32);

/// The naive matcher: every flagged window looked up in a map of folded entries.
fn reference_candidates(gazetteers: &[Gazetteer], text: &str, ignore_case: bool) -> Vec<Key> {
    // Folded entry → (entry, label, canonical, source, priority), highest priority first,
    // in the order added within a priority.
    let mut by_fold: HashMap<String, Vec<RefVariant>> = HashMap::new();
    for (priority, g) in gazetteers.iter().enumerate() {
        for (entry, label, canonical) in g.iter() {
            by_fold.entry(fold_str(entry)).or_default().push((
                entry.to_string(),
                label,
                canonical.map(str::to_string),
                format!("gazetteer:{}", g.name()),
                priority as u32,
            ));
            // With its hyphens spaced out too, naming the entry.
            if let Some(spaced) = spaced_hyphens(entry) {
                by_fold.entry(fold_str(&spaced)).or_default().push((
                    spaced,
                    label,
                    Some(canonical.unwrap_or(entry).to_string()),
                    format!("gazetteer:{}", g.name()),
                    priority as u32,
                ));
            }
        }
    }
    for variants in by_fold.values_mut() {
        variants.sort_by_key(|v| std::cmp::Reverse(v.4));
    }
    let flags = boundaries(text, &tokenize(text));
    let starts: Vec<usize> = (0..flags.len())
        .filter(|&i| flags[i] & START != 0)
        .collect();
    let ends: Vec<usize> = (0..flags.len()).filter(|&i| flags[i] & END != 0).collect();
    let mut out = Vec::new();
    for &start in &starts {
        for &end in ends.iter().filter(|&&end| end > start) {
            let surface = &text[start..end];
            let Some(variants) = by_fold.get(&fold_str(surface)) else {
                continue;
            };
            let chosen = variants.iter().find(|v| v.0 == surface).or_else(|| {
                variants
                    .iter()
                    .find(|v| ignore_case || case_fits(surface, &v.0))
            });
            if let Some((_, label, canonical, source, priority)) = chosen {
                out.push((
                    start,
                    end,
                    *label,
                    source.clone(),
                    canonical.clone(),
                    *priority,
                ));
            }
        }
    }
    out
}

/// The documented resolution policy, naively: longest, then leftmost, then highest priority;
/// a linear scan for overlaps.
fn reference_resolve(mut candidates: Vec<Candidate>) -> Vec<Key> {
    candidates.sort_by(|a, b| {
        (b.end - b.start)
            .cmp(&(a.end - a.start))
            .then(a.start.cmp(&b.start))
            .then(b.priority.cmp(&a.priority))
    });
    let mut chosen: Vec<Candidate> = Vec::new();
    for c in candidates {
        if chosen.iter().all(|d| d.end <= c.start || c.end <= d.start) {
            chosen.push(c);
        }
    }
    chosen.sort_by_key(|c| c.start);
    chosen.iter().map(key).collect()
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn matcher_equals_the_naive_reference((gazetteers, text) in case()) {
        let m = matcher(&gazetteers);
        // The same matcher written to a compiled file and read back.
        let header = crate::compiled::Header::default();
        let bytes = crate::compiled::write(&m, header).unwrap();
        let (again, _) = crate::compiled::read(&bytes).unwrap();
        for ignore_case in [false, true] {
            let found = matcher_candidates(&m, &text, ignore_case);
            prop_assert_eq!(&matcher_candidates(&again, &text, ignore_case), &found);
            let mut got: Vec<Key> = found.iter().map(key).collect();
            let mut want = reference_candidates(&gazetteers, &text, ignore_case);
            got.sort();
            want.sort();
            prop_assert_eq!(got, want, "ignore_case {} in {:?}", ignore_case, text);
        }
    }

    #[test]
    fn resolver_equals_the_naive_greedy_policy((gazetteers, text) in case()) {
        let m = matcher(&gazetteers);
        for ignore_case in [false, true] {
            let candidates = matcher_candidates(&m, &text, ignore_case);
            let all: Vec<Key> = candidates.iter().map(key).collect();
            let want = reference_resolve(candidates.clone());
            let chosen = resolve(candidates);
            let got: Vec<Key> = chosen.iter().map(key).collect();
            prop_assert_eq!(&got, &want, "{:?}", text);
            // Maximal: every candidate left out overlaps a chosen one.
            for c in &all {
                prop_assert!(
                    got.iter().any(|g| g.0 < c.1 && c.0 < g.1),
                    "{:?} was dropped though nothing overlaps it in {:?}", c, text
                );
            }
        }
    }

    #[test]
    fn a_whole_word_match_survives_a_longer_unaligned_hit(
        short in entry(),
        more in word(),
        glue in select(&["nya", "an", "X", "ß", "e\u{301}", "’s", "'", "-x", "", "-nya", "."][..]),
        before in select(&["", "di ", "(", "Ke-", "x "][..]),
        after in select(&["", " lagi", ".", ", x", "\n"][..]),
    ) {
        let long = format!("{short} {more}");
        let mut g = Gazetteer::new("g");
        prop_assume!(g.insert(&short, Label::LOC).is_ok());
        prop_assume!(g.insert(&long, Label::ORG).is_ok());
        let text = format!("{before}{short} {more}{glue}{after}");
        let at = (before.len(), before.len() + short.len());
        let flags = boundaries(&text, &tokenize(&text));
        // Only when the short entry sits on word boundaries is it a valid match.
        prop_assume!(flags[at.0] & START != 0 && flags[at.1] & END != 0);
        let m = matcher(std::slice::from_ref(&g));
        let candidates = matcher_candidates(&m, &text, false);
        prop_assert!(
            candidates.iter().any(|c| (c.start, c.end) == at),
            "{:?} lost in {:?}: {:?}", short, text, candidates
        );
        let chosen = resolve(candidates);
        prop_assert!(
            chosen.iter().any(|c| c.start <= at.0 && at.1 <= c.end),
            "nothing covers {:?} in {:?}: {:?}", short, text, chosen
        );
    }
}

#[test]
fn sumatera_utaranya_keeps_sumatera() {
    let mut g = Gazetteer::new("g");
    g.insert("Sumatera", Label::LOC).unwrap();
    g.insert("Sumatera Utara", Label::LOC).unwrap();
    let gazetteers = [g];
    let m = matcher(&gazetteers);
    for text in [
        "Sumatera Utaranya",
        "Sumatera Utara-nya",
        "SUMATERA UTARA",
        "di Sumatera",
    ] {
        let mut got: Vec<Key> = matcher_candidates(&m, text, false)
            .iter()
            .map(key)
            .collect();
        let mut want = reference_candidates(&gazetteers, text, false);
        got.sort();
        want.sort();
        assert_eq!(got, want, "{text}");
        assert!(
            got.iter()
                .any(|k| &text[k.0..k.1] == "Sumatera" || &text[k.0..k.1] == "SUMATERA"),
            "{text}"
        );
    }
    // The reference sees what the matcher sees, so the comparison can fail: a candidate with a
    // wrong span is told apart.
    let wrong = Candidate {
        start: 0,
        end: 3,
        label: Label::LOC,
        source: Arc::from("gazetteer:g"),
        canonical: None,
        priority: 0,
        ambiguous: false,
    };
    assert!(!reference_candidates(&gazetteers, "Sumatera", false).contains(&key(&wrong)));
}
