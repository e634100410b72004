//! tandai ("mark it") finds the names of people (`PER`), places (`LOC`) and organizations
//! (`ORG`) in Indonesian text, fast and explainably: every entity says where it is, what it is
//! and why it was tagged.
//!
//! # Overview
//!
//! - [`tag`] tags a text with the default tagger, built once from the embedded gazetteers.
//! - [`Tagger`] is a configured tagger; [`TaggerBuilder`] adds your own [`Gazetteer`]s (with
//!   your own labels, such as `PRODUCT`) and options such as [`TaggerBuilder::ignore_case`]
//!   and [`TaggerBuilder::model`] (a learned layer that finds names no list holds, and with
//!   [`TaggerBuilder::explain`] says why);
//!   [`Tagger::save_gazetteers`] and [`TaggerBuilder::compiled_gazetteers`] keep a large
//!   gazetteer compiled, ready in a fraction of the time it takes to build.
//! - [`Entity`] is one name found: its text, [`Label`], byte and char [`Span`]s, source,
//!   canonical name and, for the learned layer's own names, evidence.
//! - [`format`](mod@format) writes tagged text as CoNLL or inline marks; with the `serde` feature, entities
//!   serialize to JSON.
//!
//! # Example
//!
//! ```
//! # #[cfg(feature = "embedded")] {
//! let text = "JENEWA - Menlu Rusia tiba di Jenewa, Swiss, pada Jumat.";
//! let found: Vec<String> = tandai::tag(text)
//!     .iter()
//!     .map(|e| format!("{}/{}", e.as_str(), e.label()))
//!     .collect();
//! assert_eq!(found, ["JENEWA/LOC", "Rusia/LOC", "Jenewa/LOC", "Swiss/LOC"]);
//! # }
//! ```
//!
//! # How it works
//!
//! The text is split into tokens (UAX #29 word bounds, adjusted for Indonesian abbreviations,
//! hyphens and enclitics). One trie holding every gazetteer entry, folded to lower case, is
//! walked from each token start (an Aho-Corasick automaton anchored where names can start, so
//! without failure links) and finds every entry that starts there; a match counts only when it
//! ends on a token boundary (`Bandung` is not in `Bandungan`) and its case fits the entry
//! (`Batu` is a town, `batu` a stone; `JENEWA` in a dateline is still `Jenewa`). Context rules
//! find names no list holds, overlaps are resolved by the longest span, then the leftmost,
//! then the gazetteer added last, and a name found once is found again in the same document.
//!
//! # Offsets
//!
//! [`Entity::byte_span`] counts bytes (slice the `&str` with it); [`Entity::char_span`] counts
//! Unicode scalar values, the indices of a Python `str`. Both are half-open.
//!
//! # Crate features
//!
//! | feature | default | what it adds |
//! |---|---|---|
//! | `embedded` | yes | the gazetteers in `gazetteers/`, [`tag`], [`Tagger::embedded`], `Default` for [`Tagger`] |
//! | `wiki` | yes | with `embedded`, also the share-alike lists (Indonesian Wikipedia, CC BY-SA 3.0; nerp names, CC BY-SA 4.0) |
//! | `serde` | yes | `Serialize` for [`Entity`], [`Label`] and [`Span`] |
//! | `model` | yes | the learned layer's weights (`model/weights.bin`, 5.4 MB) for [`TaggerBuilder::model`] |
//!
//! # Data and licensing
//!
//! The code is MIT OR Apache-2.0. The embedded lists, their sources and licenses are described
//! in `gazetteers/README.md`.

#![forbid(unsafe_code)]
#![deny(missing_docs)]
#![deny(rustdoc::broken_intra_doc_links)]
#![warn(missing_debug_implementations)]

mod batch;
mod common_words;
mod compiled;
mod consistency;
mod entity;
mod error;
mod fast_hash;
mod fold;
pub mod format;
mod gazetteer;
mod label;
mod matcher;
// Without the weights (feature `model`), the layer's code is there but only the trainer uses it.
#[cfg_attr(not(feature = "model"), allow(dead_code))]
mod model;
mod resolve;
mod rules;
mod tagger;
mod tokenize;
mod trie;
mod word_bounds;

#[cfg(feature = "embedded")]
mod embedded;

#[cfg(test)]
mod differential_tests;

pub use entity::{Entity, Span};
pub use error::{Error, ErrorKind};
pub use gazetteer::Gazetteer;
pub use label::{Label, ParseLabelError};
pub use tagger::{Tagger, TaggerBuilder};

/// Training the learned layer ([`TaggerBuilder::model`]): what `examples/train.rs` and
/// `tests/model.rs` use. Not a stable API.
#[cfg(feature = "embedded")]
#[doc(hidden)]
pub mod training {
    pub use crate::model::train::*;
}

/// The pipeline's stages one at a time, for the benchmarks (`benches/pipeline.rs`). Not a
/// stable API.
#[doc(hidden)]
pub mod stages {
    use crate::Tagger;
    use crate::fold::Folded;
    use crate::matcher::Candidate;
    use crate::tokenize::{Token, boundaries_into, tokenize_into};

    /// The vectors the stages fill, kept from one text to the next as the tagger keeps its
    /// own: a stage measured alone costs what it costs inside [`Tagger::tag`], not an
    /// allocation per text on top.
    #[derive(Debug, Default)]
    pub struct Stages {
        tokens: Vec<Token>,
        flags: Vec<u8>,
        folded: String,
        candidates: Vec<Candidate>,
    }

    impl Stages {
        /// Tokenizes `text`; returns the number of tokens.
        pub fn tokens(&mut self, text: &str) -> usize {
            tokenize_into(text, &mut self.tokens);
            self.tokens.len()
        }

        /// Folds and tokenizes `text` and finds the gazetteer candidates, as [`Tagger::tag`]
        /// does before its rules; returns the number of candidates.
        pub fn candidates(&mut self, tagger: &Tagger, text: &str) -> usize {
            let folded = Folded::reusing(text, std::mem::take(&mut self.folded));
            tokenize_into(text, &mut self.tokens);
            boundaries_into(text, &self.tokens, tagger.ignores_case(), &mut self.flags);
            self.candidates.clear();
            let ignore_case = tagger.ignores_case();
            tagger.matcher().find(
                text,
                &folded,
                &self.tokens,
                &self.flags,
                ignore_case,
                &mut self.candidates,
            );
            self.folded = folded.into_buffer();
            self.candidates.len()
        }
    }
}

/// Tags `text` with the default tagger ([`Tagger::embedded`]).
///
/// # Example
///
/// ```
/// let entities = tandai::tag("Presiden Joko Widodo tiba di Bandung.");
/// let names: Vec<&str> = entities.iter().map(|e| e.as_str()).collect();
/// assert_eq!(names, ["Joko Widodo", "Bandung"]);
/// ```
#[cfg(feature = "embedded")]
pub fn tag(text: &str) -> Vec<Entity<'_>> {
    Tagger::embedded().tag(text)
}

#[cfg(doctest)]
#[cfg(all(feature = "embedded", feature = "serde"))]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
