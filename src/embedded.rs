//! The embedded gazetteers (`gazetteers/*.txt`, compiled in) and the default tagger built from
//! them once, on first use.

use once_cell::sync::Lazy;

use crate::{Gazetteer, Tagger};

// `static`, not `const`: a const's body would be copied into every crate that uses it.
static PER: &str = include_str!("../gazetteers/per.txt");
static LOC: &str = include_str!("../gazetteers/loc.txt");
static ORG: &str = include_str!("../gazetteers/org.txt");

/// Name and text of each embedded gazetteer. No entry is in two of them (tests/embedded.rs), so
/// their order does not decide labels.
static SOURCES: [(&str, &str); 3] = [("per", PER), ("loc", LOC), ("org", ORG)];

static GAZETTEERS: Lazy<Vec<Gazetteer>> = Lazy::new(|| {
    SOURCES
        .iter()
        .map(|(name, text)| {
            Gazetteer::parse(name, text)
                .unwrap_or_else(|e| panic!("embedded {e} (tests/embedded.rs checks this)"))
        })
        .collect()
});

/// Entries that are also common words (see `common_words.rs`).
static AMBIGUOUS: &str = include_str!("../gazetteers/ambiguous.txt");

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

pub(crate) fn ambiguous() -> impl Iterator<Item = &'static str> {
    AMBIGUOUS
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}
