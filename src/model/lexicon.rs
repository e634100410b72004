//! The words of list entries: for each word, in entries of which label it stands alone, first,
//! inside or last (`Wilfried` is first in `PER` entries, `Utara` last in `LOC` ones). It lets
//! the model recognize names that no list holds whole but whose words it knows.
//!
//! The trainer builds it from the embedded gazetteers, leaving out entries that only a train
//! split attests (their words would tell the model about exactly the names it learns from), and
//! stores it with the weights. Words are keyed by the same 64-bit hash of the folded word as
//! the features, cut to 32 bits.

use super::features::hash_bytes;
use crate::Label;
use crate::fold::fold_str;
use crate::tokenize::{TokenKind, tokenize};

/// Roles, each a bit per label (`label index * 4 + role`).
pub(crate) const ALONE: u16 = 0;
pub(crate) const FIRST: u16 = 1;
pub(crate) const INSIDE: u16 = 2;
pub(crate) const LAST: u16 = 3;

/// An open-addressing table from word keys to role bits.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Lexicon {
    /// 0 marks an empty slot; keys are never 0.
    keys: Vec<u32>,
    values: Vec<u16>,
}

/// The key of a word hash.
fn key(word: u64) -> u32 {
    ((word >> 32) as u32) | 1
}

impl Lexicon {
    /// A lexicon of `(key, bits)` pairs, bits of equal keys merged. The layout depends only on
    /// the set of pairs, not on their order.
    pub(crate) fn from_pairs(pairs: impl IntoIterator<Item = (u32, u16)>) -> Lexicon {
        let mut pairs: Vec<(u32, u16)> = pairs.into_iter().map(|(k, v)| (k | 1, v)).collect();
        pairs.sort_unstable();
        let mut merged: Vec<(u32, u16)> = Vec::with_capacity(pairs.len());
        for (k, v) in pairs {
            match merged.last_mut() {
                Some(last) if last.0 == k => last.1 |= v,
                _ => merged.push((k, v)),
            }
        }
        let pairs = merged;
        if pairs.is_empty() {
            return Lexicon::default();
        }
        let size = (pairs.len() * 2).next_power_of_two().max(2);
        let mut lex = Lexicon {
            keys: vec![0; size],
            values: vec![0; size],
        };
        for (k, v) in pairs {
            let slot = lex.slot(k);
            lex.keys[slot] = k;
            lex.values[slot] = v;
        }
        lex
    }

    /// The slot holding `k`, or the empty one where it would go.
    fn slot(&self, k: u32) -> usize {
        let mask = self.keys.len() - 1;
        let mut i = (k.wrapping_mul(0x9e37_79b9) >> 7) as usize & mask;
        while self.keys[i] != 0 && self.keys[i] != k {
            i = (i + 1) & mask;
        }
        i
    }

    /// The role bits of a word (by the hash of its folded form).
    #[inline]
    pub(crate) fn get(&self, word: u64) -> u16 {
        if self.keys.is_empty() {
            return 0;
        }
        let slot = self.slot(key(word));
        self.values[slot]
    }

    /// Every `(key, bits)`, sorted by key.
    pub(crate) fn pairs(&self) -> Vec<(u32, u16)> {
        let mut out: Vec<(u32, u16)> = self
            .keys
            .iter()
            .zip(&self.values)
            .filter(|&(&k, _)| k != 0)
            .map(|(&k, &v)| (k, v))
            .collect();
        out.sort_unstable();
        out
    }

    pub(crate) fn len(&self) -> usize {
        self.keys.iter().filter(|&&k| k != 0).count()
    }

    /// The words of `entries` (text and label), for the built-in labels.
    pub(crate) fn from_entries<'a>(entries: impl IntoIterator<Item = (&'a str, Label)>) -> Lexicon {
        let mut pairs = Vec::new();
        for (text, label) in entries {
            let Some(l) = super::viterbi::begin_tag(label).map(|t| u16::from(t / 2)) else {
                continue;
            };
            let words: Vec<u64> = tokenize(text)
                .iter()
                .filter(|t| t.kind == TokenKind::Word)
                .map(|t| hash_bytes(fold_str(&text[t.start..t.end]).as_bytes()))
                .collect();
            let n = words.len();
            for (i, &w) in words.iter().enumerate() {
                let role = match (i, n) {
                    (_, 1) => ALONE,
                    (0, _) => FIRST,
                    (i, n) if i + 1 == n => LAST,
                    _ => INSIDE,
                };
                pairs.push((key(w), 1 << (l * 4 + role)));
            }
        }
        Lexicon::from_pairs(pairs)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_of_words() {
        let lex = Lexicon::from_entries([
            ("Jawa Barat", Label::LOC),
            ("Barat", Label::PER),
            ("Joko Widodo", Label::PER),
            ("Apel", Label::new("PRODUCT").unwrap()),
        ]);
        let bits = |w: &str| lex.get(hash_bytes(w.as_bytes()));
        assert_eq!(bits("jawa"), 1 << (4 + FIRST));
        assert_eq!(bits("barat"), 1 << (4 + LAST) | 1 << ALONE);
        assert_eq!(bits("widodo"), 1 << LAST);
        assert_eq!(bits("apel"), 0);
        assert_eq!(bits("bandung"), 0);
        assert_eq!(lex.len(), 4);
        assert_eq!(Lexicon::from_pairs(lex.pairs()), lex);
        assert_eq!(Lexicon::default().get(5), 0);
    }
}
