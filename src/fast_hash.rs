//! A fast hasher for the short strings and integers the pipeline looks up per token.
//!
//! The standard library's SipHash guards a map against keys chosen to collide; here the tables
//! are built from our own data files, and the text only looks things up, so that guard buys
//! nothing and its cost showed in the profile of the tagging loop. This is the multiply-rotate
//! hash of `rustc-hash` (FxHash), a few lines, not worth a dependency.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

#[derive(Clone, Copy, Default)]
pub(crate) struct FastHasher(u64);

const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

impl FastHasher {
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(SEED);
    }
}

impl Hasher for FastHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            self.add(u64::from_le_bytes(word));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            // The rest zero-padded, read little-endian, byte by byte: a copy of a variable
            // length was a call to `memcpy`, most of the cost of hashing a short word.
            let mut word = 0u64;
            for (i, &b) in rest.iter().enumerate() {
                word |= u64::from(b) << (8 * i);
            }
            self.add(word);
        }
    }

    fn write_u8(&mut self, n: u8) {
        self.add(u64::from(n));
    }

    fn write_usize(&mut self, n: usize) {
        self.add(n as u64);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

pub(crate) type FastSet<T> = HashSet<T, BuildHasherDefault<FastHasher>>;
pub(crate) type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<FastHasher>>;

#[cfg(test)]
mod tests {
    use super::*;

    /// The same values as reading the zero-padded rest with `from_le_bytes`: map orders, and so
    /// any output that might follow them, stay as they were.
    #[test]
    fn the_rest_of_a_key_is_read_zero_padded() {
        for len in 0..20u8 {
            let bytes: Vec<u8> = (0..len)
                .map(|b| b.wrapping_mul(37).wrapping_add(200))
                .collect();
            let mut h = FastHasher::default();
            h.write(&bytes);
            let mut expected = FastHasher::default();
            for chunk in bytes.chunks(8) {
                let mut word = [0u8; 8];
                word[..chunk.len()].copy_from_slice(chunk);
                expected.add(u64::from_le_bytes(word));
            }
            assert_eq!(h.finish(), expected.finish(), "{len}");
        }
    }

    #[test]
    fn tells_strings_apart() {
        let words = [
            "",
            "a",
            "ab",
            "abcdefgh",
            "abcdefghi",
            "b",
            "ba",
            "abcdefgh\u{0}",
        ];
        let set: FastSet<&str> = words.iter().copied().collect();
        assert_eq!(set.len(), words.len());
        assert!(words.iter().all(|w| set.contains(w)));
        assert!(!set.contains("abcdefg"));
    }
}
