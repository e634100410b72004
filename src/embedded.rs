//! The embedded gazetteers (`gazetteers/*.txt`, compiled in) and the default tagger built from
//! them once, on first use.

use once_cell::sync::Lazy;

use crate::{Gazetteer, Tagger};

// `static`, not `const`: a const's body would be copied into every crate that uses it.
/// Name and text of each embedded gazetteer. No entry is in two of them (tests/embedded.rs), so
/// their order does not decide labels.
static PERMISSIVE: [(&str, &str); 3] = [
    ("per", include_str!("../gazetteers/per.txt")),
    ("loc", include_str!("../gazetteers/loc.txt")),
    ("org", include_str!("../gazetteers/org.txt")),
];

/// The share-alike lists, feature `wiki`: Indonesian Wikipedia (DBpedia, CC BY-SA 3.0) and names
/// from the nerp train split (CC BY-SA 4.0).
#[cfg(feature = "wiki")]
static WIKI: [(&str, &str); 3] = [
    ("per-wiki", include_str!("../gazetteers/per-wiki.txt")),
    ("loc-wiki", include_str!("../gazetteers/loc-wiki.txt")),
    ("org-wiki", include_str!("../gazetteers/org-wiki.txt")),
];
#[cfg(not(feature = "wiki"))]
static WIKI: [(&str, &str); 0] = [];

static GAZETTEERS: Lazy<Vec<Gazetteer>> = Lazy::new(|| {
    PERMISSIVE
        .iter()
        .chain(WIKI.iter())
        .map(|(name, text)| {
            Gazetteer::parse(name, text)
                .unwrap_or_else(|e| panic!("embedded {e} (tests/embedded.rs checks this)"))
        })
        .collect()
});

/// Entries that are also common words (see `common_words.rs`).
static AMBIGUOUS: &str = include_str!("../gazetteers/ambiguous.txt");

/// Entries that lower-case text shows as ordinary words more often than as names: with
/// `ignore_case`, they too need a cue.
static AMBIGUOUS_LOWERCASE: &str = include_str!("../gazetteers/ambiguous_lowercase.txt");

static TAGGER: Lazy<Tagger> = Lazy::new(|| {
    Tagger::builder()
        .build()
        .unwrap_or_else(|e| panic!("embedded tagger: {e} (tests/embedded.rs checks this)"))
});

pub(crate) fn gazetteers() -> &'static [Gazetteer] {
    &GAZETTEERS
}

pub(crate) fn tagger() -> &'static Tagger {
    &TAGGER
}

/// The entries of `ambiguous.txt`, and with `ignore_case` those of `ambiguous_lowercase.txt`.
pub(crate) fn ambiguous(ignore_case: bool) -> impl Iterator<Item = &'static str> {
    let lowercase = if ignore_case { AMBIGUOUS_LOWERCASE } else { "" };
    AMBIGUOUS
        .lines()
        .chain(lowercase.lines())
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}
