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
            self.add(pack8(rest));
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

/// A set of hashes, a bit each, false positives allowed: a hash is in it if its bit is set.
/// Small enough to stay in a fast cache, it answers "surely not" before a slower lookup.
#[derive(Debug)]
pub(crate) struct HashBits {
    words: Vec<u64>,
    /// The table has `mask + 1` bits; a hash's low bits choose its bit.
    mask: u64,
}

impl HashBits {
    /// A table of `bits` bits, a power of two of at least 64.
    pub(crate) fn new(bits: usize) -> HashBits {
        debug_assert!(bits.is_power_of_two() && bits >= 64);
        HashBits {
            words: vec![0; bits / 64],
            mask: bits as u64 - 1,
        }
    }

    /// The table's bits, 64 to a word.
    pub(crate) fn words(&self) -> &[u64] {
        &self.words
    }

    /// The table of these bits (`words()` of another), if their count is a power of two of at
    /// least 64.
    pub(crate) fn from_words(words: Vec<u64>) -> Option<HashBits> {
        let bits = words.len().checked_mul(64)?;
        bits.is_power_of_two().then(|| HashBits {
            words,
            mask: bits as u64 - 1,
        })
    }

    pub(crate) fn insert(&mut self, hash: u64) {
        let bit = hash & self.mask;
        self.words[(bit / 64) as usize] |= 1 << (bit % 64);
    }

    #[inline]
    pub(crate) fn may_contain(&self, hash: u64) -> bool {
        let bit = hash & self.mask;
        self.words[(bit / 64) as usize] & 1 << (bit % 64) != 0
    }
}

/// A map from words to `u32` that keeps words of up to 16 bytes in its own slots.
///
/// A `HashMap<String, _>` reads three places per lookup that finds its word (the control
/// bytes, the slot, the word's bytes on the heap), far apart in memory; on a machine whose
/// caches other work keeps cold, each read can wait for main memory (`perf` put the rules'
/// word lookups at a tenth of the tagging time). Here one slot holds the word and its value;
/// longer words go to a `HashMap`.
pub(crate) struct WordMap {
    /// A power of two of slots, at most half full, probed linearly.
    slots: Vec<Slot>,
    /// Words in `slots`.
    inline: usize,
    /// The top 16 bits of the slot hash of each word in `slots`: most words looked up are in
    /// no list, and this 8 KB table, which stays in the fastest cache, turns most of them away
    /// without reading a slot.
    filter: HashBits,
    long: FastMap<Box<str>, u32>,
}

#[derive(Clone, Copy)]
struct Slot {
    /// The word's bytes, zero-padded, little-endian.
    key: [u64; 2],
    /// The word's length, [`EMPTY`] for an empty slot.
    len: u32,
    value: u32,
}

const EMPTY: u32 = u32::MAX;

/// The longest word kept in a slot.
const INLINE: usize = 16;

/// `word` zero-padded into two words, if it fits. Always inlined: when it was not, a call per
/// lookup cost 1% of the tagging instructions.
#[inline(always)]
fn pack(word: &[u8]) -> Option<[u64; 2]> {
    match word.len() {
        0..=8 => Some([pack8(word), 0]),
        9..=INLINE => Some([pack8(&word[..8]), pack8(&word[8..])]),
        _ => None,
    }
}

/// Up to 8 bytes zero-padded, little-endian, in at most two loads that may overlap (the bytes
/// they share are the same, so or-ing them is exact): a copy of a variable length would be a
/// `memcpy` call, and a loop a step per byte.
#[inline]
fn pack8(bytes: &[u8]) -> u64 {
    let n = bytes.len();
    let read4 = |at: usize| u64::from(u32::from_le_bytes(bytes[at..at + 4].try_into().unwrap()));
    let read2 = |at: usize| u64::from(u16::from_le_bytes(bytes[at..at + 2].try_into().unwrap()));
    match n {
        0 => 0,
        1 => u64::from(bytes[0]),
        2..=3 => read2(0) | read2(n - 2) << (8 * (n - 2)),
        4..=7 => read4(0) | read4(n - 4) << (8 * (n - 4)),
        _ => u64::from_le_bytes(bytes[..8].try_into().unwrap()),
    }
}

/// The slot a probe starts at: from the hash's high half. Its low bits come from a product's
/// low bits, which only the word's first bytes decide (`menteri`, `mengatakan`, `meminta` met
/// there and probed on through each other's slots).
#[inline]
fn first_slot(hash: u64, mask: usize) -> usize {
    (hash >> 32) as usize & mask
}

#[inline]
fn slot_hash(key: [u64; 2], len: usize) -> u64 {
    let h = (key[0] ^ (len as u64).rotate_left(59)).wrapping_mul(SEED);
    (h.rotate_left(5) ^ key[1]).wrapping_mul(0x9e37_79b9_7f4a_7c15)
}

impl Default for WordMap {
    fn default() -> WordMap {
        WordMap::with_slots(0)
    }
}

impl WordMap {
    /// The map of `entries`.
    pub(crate) fn new<'a>(entries: impl IntoIterator<Item = (&'a str, u32)>) -> WordMap {
        let entries = entries.into_iter();
        let mut map = WordMap::with_slots(entries.size_hint().0 * 2);
        for (word, value) in entries {
            map.insert(word, value);
        }
        map
    }

    /// An empty map of at least `slots` slots.
    fn with_slots(slots: usize) -> WordMap {
        WordMap {
            slots: vec![
                Slot {
                    key: [0; 2],
                    len: EMPTY,
                    value: 0,
                };
                slots.next_power_of_two().max(16)
            ],
            inline: 0,
            filter: HashBits::new(1 << 16),
            long: FastMap::default(),
        }
    }

    /// Sets the value of `word`.
    pub(crate) fn insert(&mut self, word: &str, value: u32) {
        let Some(key) = pack(word.as_bytes()) else {
            self.long.insert(word.into(), value);
            return;
        };
        if (self.inline + 1) * 2 > self.slots.len() {
            self.grow();
        }
        self.put(key, word.len(), value);
    }

    /// Puts an inline key in its slot (a new one, or the one already holding it).
    fn put(&mut self, key: [u64; 2], len: usize, value: u32) {
        let hash = slot_hash(key, len);
        self.filter.insert(hash >> 48);
        let mask = self.slots.len() - 1;
        let mut i = first_slot(hash, mask);
        while self.slots[i].len != EMPTY
            && (self.slots[i].key, self.slots[i].len as usize) != (key, len)
        {
            i = (i + 1) & mask;
        }
        if self.slots[i].len == EMPTY {
            self.inline += 1;
        }
        self.slots[i] = Slot {
            key,
            len: len as u32,
            value,
        };
    }

    /// Doubles the slots.
    fn grow(&mut self) {
        let old = std::mem::take(&mut self.slots);
        let long = std::mem::take(&mut self.long);
        *self = WordMap::with_slots(old.len() * 2);
        self.long = long;
        for slot in old.into_iter().filter(|s| s.len != EMPTY) {
            self.put(slot.key, slot.len as usize, slot.value);
        }
    }

    /// The value of `word`, if it is in the map.
    #[inline]
    pub(crate) fn get(&self, word: &str) -> Option<u32> {
        let Some(key) = pack(word.as_bytes()) else {
            return self.long.get(word).copied();
        };
        let hash = slot_hash(key, word.len());
        if !self.filter.may_contain(hash >> 48) {
            return None;
        }
        let mask = self.slots.len() - 1;
        let mut i = first_slot(hash, mask);
        loop {
            let slot = &self.slots[i];
            if slot.len == EMPTY {
                return None;
            }
            if slot.key == key && slot.len as usize == word.len() {
                return Some(slot.value);
            }
            i = (i + 1) & mask;
        }
    }
}

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

    /// `pack` puts each byte where a byte-by-byte copy into zeroed words would.
    #[test]
    fn packed_keys_are_the_bytes_zero_padded() {
        for len in 0..=INLINE + 1 {
            let bytes: Vec<u8> = (0..len as u8).map(|b| b.wrapping_mul(37) | 1).collect();
            let mut expected = [0u64; 2];
            for (i, &b) in bytes.iter().enumerate().take(INLINE) {
                expected[i / 8] |= u64::from(b) << (8 * (i % 8));
            }
            let expected = (len <= INLINE).then_some(expected);
            assert_eq!(pack(&bytes), expected, "{len}");
        }
    }

    /// Every word found with its value, every other word not: lengths around the inline limit,
    /// zero bytes, the empty word, words that differ only in length or in their last byte.
    #[test]
    fn word_map_finds_what_a_hash_map_finds() {
        let mut words: Vec<String> = vec![
            String::new(),
            "\u{0}".into(),
            "\u{0}\u{0}".into(),
            "a".into(),
            "a\u{0}".into(),
            "abcdefgh".into(),
            "abcdefghijklmnop".into(),
            "abcdefghijklmnopq".into(),
            "abcdefghijklmnopqr".into(),
            "abcdefghijklmnoq".into(),
            "pemerintahan".into(),
            "ɑ́ß".into(),
        ];
        let mut seed = 7u64;
        for _ in 0..3000 {
            seed = seed
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            let len = (seed >> 59) as usize + 1;
            words.push(
                (0..len)
                    .map(|k| char::from(b'a' + ((seed >> (2 * k)) % 4) as u8))
                    .collect(),
            );
        }
        let (kept, others) = words.split_at(words.len() / 2);
        let expected: FastMap<&str, u32> = kept
            .iter()
            .enumerate()
            .map(|(i, w)| (w.as_str(), i as u32))
            .collect();
        let map = WordMap::new(expected.iter().map(|(&w, &v)| (w, v)));
        // Grown from empty one word at a time, each word first set to another value.
        let mut grown = WordMap::default();
        for (&w, &v) in &expected {
            grown.insert(w, v + 1);
            grown.insert(w, v);
        }
        for w in kept.iter().chain(others) {
            assert_eq!(map.get(w), expected.get(w.as_str()).copied(), "{w:?}");
            assert_eq!(grown.get(w), expected.get(w.as_str()).copied(), "{w:?}");
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
