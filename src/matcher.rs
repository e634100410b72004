//! Stage 2: find every gazetteer entry in the text with one automaton.
//!
//! The automaton holds the folded form of every entry (see `fold.rs`). A name starts where a
//! token starts (`tokenize.rs`), so the automaton is run anchored from each token start only,
//! never across the inside of a word: a trie (`trie.rs`), that is an Aho-Corasick automaton
//! without the failure links that anchored walks never follow. It reports every match from
//! there, so a shorter valid match is never hidden by a longer invalid one (with `Sumatera` and
//! `Sumatera Utara` listed, `Sumatera Utaranya` still yields `Sumatera`). A match becomes a candidate only if it ends on
//! a token boundary and its case fits the entry ([`case_fits`]).

use std::borrow::Cow;
use std::collections::HashSet;
use std::hash::Hasher;
use std::sync::Arc;

use crate::fast_hash::{FastHasher, HashBits};
use crate::fold::{Folded, fold_str};
use crate::tokenize::{END, START, Token};
use crate::trie::{NONE, Trie};
use crate::word_bounds::is_word_byte;
use crate::{Error, Gazetteer, Label};

/// A possible entity, before overlaps are resolved.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Candidate {
    /// Byte offsets into the original text.
    pub start: usize,
    pub end: usize,
    pub label: Label,
    pub source: Arc<str>,
    pub canonical: Option<Arc<str>>,
    /// Higher wins a tie between spans of equal length (see `resolve.rs`).
    pub priority: u32,
    /// The entry is also a common word (see `common_words.rs`).
    pub ambiguous: bool,
}

impl Candidate {
    /// Whether the candidate comes from one of the user's own gazetteers, those from priority
    /// `custom_from` on (their labels are never overridden).
    pub(crate) fn is_custom(&self, custom_from: u32) -> bool {
        self.priority >= custom_from && self.source.starts_with("gazetteer:")
    }
}

/// One entry behind a folded pattern: `AS` and `As` fold to the same pattern.
#[derive(Debug)]
pub(crate) struct Variant {
    /// The entry as written: `Matcher::texts[text.0..text.1]`.
    pub text: (u32, u32),
    pub label: Label,
    pub canonical: Option<Arc<str>>,
    pub source: Arc<str>,
    pub priority: u32,
    pub ambiguous: bool,
}

/// `entry` with every hyphen between two words spaced out, as tokenized text writes it (`Go-Jek`
/// → `Go - Jek`: the dev splits and the news corpus, where 270 names were gained so in 7 MB),
/// if it has one; the matcher holds both forms.
pub(crate) fn spaced_hyphens(entry: &str) -> Option<String> {
    let bytes = entry.as_bytes();
    let glued = |i: usize| {
        bytes[i] == b'-'
            && i > 0
            && i + 1 < bytes.len()
            && !bytes[i - 1].is_ascii_whitespace()
            && !bytes[i + 1].is_ascii_whitespace()
    };
    if !(0..bytes.len()).any(glued) {
        return None;
    }
    let mut out = String::with_capacity(entry.len() + 4);
    for (i, c) in entry.char_indices() {
        if c == '-' && glued(i) {
            out.push_str(" - ");
        } else {
            out.push(c);
        }
    }
    Some(out)
}

/// The fields are the compiled gazetteer file's (`compiled.rs`), which checks them on reading.
#[derive(Debug)]
pub(crate) struct Matcher {
    /// The folded patterns, numbered in sorted order.
    pub trie: Trie,
    /// The entries behind pattern `p` are `variants[starts[p]..starts[p + 1]]`, highest
    /// priority first.
    pub variants: Vec<Variant>,
    pub starts: Vec<usize>,
    /// The texts of the variants, one after another: one block instead of one per entry
    /// (a million of them took a tenth of a second to allocate, and as long to free).
    pub texts: String,
    /// For each key ([`pattern_key`]), whether some entry that does not start with a capital
    /// folds to start with it. In cased text, a word that starts in lower case starts no other
    /// entry ([`case_fits`]); most words are such words, and they skip the automaton.
    pub lower_starts: Vec<bool>,
    /// The heads ([`head_hash`]) of the patterns, a bit each (in a table some sixteen times as
    /// large as the patterns): a walk from a word whose head no pattern has cannot match, and is
    /// not walked.
    pub heads: HashBits,
}

/// The hash of the *head* of folded text: its leading ASCII letters, digits and `_`, or `None`
/// if it starts with none.
///
/// A match must start with the head of the text where it starts: within its head the pattern
/// equals the text; where the pattern's head stops before the pattern ends, the same byte stops
/// the text's; and where the pattern is all head, the match ends on a token boundary, never
/// between two such bytes (UAX #29 keeps letters, digits and `_` together). So only patterns
/// with the same head can match, and the hash of the text's head, looked up in a bit table,
/// tells most capitalized words that no walk of the trie will find anything. (The walk
/// touches a state far away in memory at each byte: it was a fifth of the tagging time.)
#[inline]
fn head_hash(folded: &[u8]) -> Option<u64> {
    let mut h = FastHasher::default();
    let mut len = 0;
    for &b in folded {
        if !is_word_byte(b) {
            break;
        }
        h.write_u8(b);
        len += 1;
    }
    (len > 0).then(|| (h.finish() ^ len).wrapping_mul(0x9e37_79b9_7f4a_7c15) >> 16)
}

/// Marks the missing second byte of a one-byte pattern; never a byte of UTF-8.
const NO_BYTE: u8 = 0xFF;

/// A key of the text's first two bytes at a token start.
fn key(first: u8, second: u8) -> u16 {
    u16::from_be_bytes([first, second])
}

/// A pattern's key: its first two bytes, [`NO_BYTE`] for a missing second one.
fn pattern_key(pattern: &str) -> u16 {
    let b = pattern.as_bytes();
    key(b[0], b.get(1).copied().unwrap_or(NO_BYTE))
}

/// A pattern's first two bytes as a number that sorts as the bytes do: a missing second byte
/// is 0, which no pattern holds.
fn sort_key(pattern: &str) -> u16 {
    let b = pattern.as_bytes();
    key(b[0], b.get(1).copied().unwrap_or(0))
}

/// The entries' indices, ordered by folded pattern (as bytes), then priority (highest
/// first), then their order in the gazetteers. One pass buckets them by their first two
/// bytes; the buckets, small, are sorted in parallel (one sort of a million strings took
/// seconds).
fn sort_by_pattern(entries: &[(String, Variant)]) -> Vec<usize> {
    let mut bucket_starts = vec![0usize; 1 << 16];
    for (folded, _) in entries {
        bucket_starts[usize::from(sort_key(folded))] += 1;
    }
    let mut sum = 0;
    for count in &mut bucket_starts {
        (*count, sum) = (sum, sum + *count);
    }
    let mut buckets: Vec<std::ops::Range<usize>> = Vec::new();
    for (k, &start) in bucket_starts.iter().enumerate() {
        let end = bucket_starts.get(k + 1).copied().unwrap_or(entries.len());
        if end > start {
            buckets.push(start..end);
        }
    }
    let mut bucketed = vec![0usize; entries.len()];
    for (i, (folded, _)) in entries.iter().enumerate() {
        let next = &mut bucket_starts[usize::from(sort_key(folded))];
        bucketed[*next] = i;
        *next += 1;
    }
    let sorted = crate::batch::map_in_order(&buckets, crate::batch::all_cores(), |r| {
        // The bytes after the two of the key, eight of them read as one big-endian number,
        // decide most comparisons without reading the entries (half the build time of a
        // million entries went to comparing them). Shorter patterns are padded with zeros,
        // which no pattern holds (control characters are refused), so the order is the same.
        let mut bucket: Vec<(u64, usize)> = bucketed[r.clone()]
            .iter()
            .map(|&e| {
                let bytes = entries[e].0.as_bytes();
                let mut next = [0u8; 8];
                let rest = bytes.get(2..).unwrap_or_default();
                let n = rest.len().min(8);
                next[..n].copy_from_slice(&rest[..n]);
                (u64::from_be_bytes(next), e)
            })
            .collect();
        bucket.sort_unstable_by(|&(p, a), &(q, b)| {
            p.cmp(&q).then_with(|| {
                let (x, y) = (&entries[a], &entries[b]);
                x.0.cmp(&y.0)
                    .then(y.1.priority.cmp(&x.1.priority))
                    .then(a.cmp(&b))
            })
        });
        bucket.into_iter().map(|(_, e)| e).collect::<Vec<usize>>()
    });
    sorted.concat()
}

impl Matcher {
    /// Builds the automaton. Gazetteers later in the slice have higher priority. Entries in
    /// `ambiguous` are also common words.
    pub(crate) fn new(
        gazetteers: &[&Gazetteer],
        ambiguous: &HashSet<&str>,
    ) -> Result<Matcher, Error> {
        let mut entries: Vec<(String, Variant)> = Vec::new();
        let mut texts: Vec<Cow<'_, str>> = Vec::new();
        let mut lower_starts = vec![false; 1 << 16];
        for (priority, gazetteer) in gazetteers.iter().enumerate() {
            let priority =
                u32::try_from(priority).map_err(|_| Error::build("too many gazetteers"))?;
            let source: Arc<str> = Arc::from(format!("gazetteer:{}", gazetteer.name()));
            entries.reserve(gazetteer.len());
            for entry in gazetteer.entries() {
                // The entry as written, and with its hyphens spaced out as tokenized text
                // writes them; that form names the entry (its canonical name, or itself).
                let spaced = spaced_hyphens(&entry.text).map(|text| {
                    let canonical = entry.canonical.as_deref().unwrap_or(&entry.text);
                    (Cow::Owned(text), Some(canonical))
                });
                let written = (
                    Cow::Borrowed(entry.text.as_str()),
                    entry.canonical.as_deref(),
                );
                for (text, canonical) in std::iter::once(written).chain(spaced) {
                    let folded = fold_str(&text);
                    if folded.is_empty() {
                        continue;
                    }
                    // `ı` (not upper case) folds to `i`, so a text's `i` may start it.
                    if text.chars().next().is_some_and(|c| !c.is_uppercase()) {
                        lower_starts[usize::from(pattern_key(&folded))] = true;
                    }
                    let variant = Variant {
                        text: (0, 0),
                        label: entry.label,
                        canonical: canonical.map(Arc::from),
                        source: Arc::clone(&source),
                        priority,
                        ambiguous: ambiguous.contains(entry.text.as_str()),
                    };
                    texts.push(text);
                    entries.push((folded, variant));
                }
            }
        }
        let order = sort_by_pattern(&entries);
        // Pattern `p` is `patterns[p]`; its entries are `order[starts[p]..starts[p + 1]]`.
        let mut patterns: Vec<&str> = Vec::new();
        let mut starts: Vec<usize> = Vec::new();
        for (i, &e) in order.iter().enumerate() {
            let folded = entries[e].0.as_str();
            if patterns.last() != Some(&folded) {
                patterns.push(folded);
                starts.push(i);
            }
        }
        starts.push(order.len());

        let mut heads = HashBits::new(
            (patterns.len() * 16)
                .next_power_of_two()
                .clamp(1 << 12, 1 << 28),
        );
        for p in &patterns {
            if let Some(h) = head_hash(p.as_bytes()) {
                heads.insert(h);
            }
        }
        let bytes: Vec<&[u8]> = patterns.iter().map(|p| p.as_bytes()).collect();
        let trie = Trie::new(&bytes)
            .ok_or_else(|| Error::build("too many gazetteer entries: the automaton is full"))?;
        drop(bytes);
        drop(patterns);
        let mut all_texts = String::with_capacity(texts.iter().map(|t| t.len()).sum());
        let mut slots: Vec<Option<Variant>> = entries.into_iter().map(|(_, v)| Some(v)).collect();
        let mut variants = Vec::with_capacity(order.len());
        for &e in &order {
            let mut v = slots[e].take().expect("each entry once");
            let start = all_texts.len();
            all_texts.push_str(&texts[e]);
            v.text = match (u32::try_from(start), u32::try_from(all_texts.len())) {
                (Ok(start), Ok(end)) => (start, end),
                _ => return Err(Error::build("gazetteer entries of over 4 GB in all")),
            };
            variants.push(v);
        }
        Ok(Matcher {
            trie,
            variants,
            starts,
            texts: all_texts,
            lower_starts,
            heads,
        })
    }

    /// The entry as written (or with its hyphens spaced out, [`spaced_hyphens`]).
    pub(crate) fn text(&self, v: &Variant) -> &str {
        &self.texts[v.text.0 as usize..v.text.1 as usize]
    }

    /// How many distinct folded patterns the automaton holds.
    pub(crate) fn pattern_count(&self) -> usize {
        self.starts.len() - 1
    }

    /// Appends every candidate in `text` to `out`, by start.
    pub(crate) fn find(
        &self,
        text: &str,
        folded: &Folded<'_>,
        tokens: &[Token],
        boundaries: &[u8],
        ignore_case: bool,
        out: &mut Vec<Candidate>,
    ) {
        let haystack = folded.text.as_bytes();
        let starts = tokens
            .iter()
            .map(|t| t.start)
            .filter(|&start| boundaries[start] & START != 0);
        let bytes = text.as_bytes();
        let mut to_folded = folded.to_folded();
        for start in starts {
            let first = bytes[start];
            if !ignore_case && first.is_ascii_lowercase() {
                // The folded text starts with `first` here too, and goes on with the next
                // byte in lower case when that is ASCII.
                let second = match bytes.get(start + 1) {
                    None => NO_BYTE,
                    Some(b) if b.is_ascii() => b.to_ascii_lowercase(),
                    Some(_) => haystack
                        .get(to_folded.map(start) + 1)
                        .copied()
                        .unwrap_or(NO_BYTE),
                };
                if !self.lower_starts[usize::from(key(first, second))]
                    && !self.lower_starts[usize::from(key(first, NO_BYTE))]
                {
                    continue;
                }
            }
            let from = to_folded.map(start);
            let mut push = |len: usize, pattern: usize| {
                let end = folded.original(from + len);
                if boundaries[end] & END != 0 {
                    self.push_candidate(text, start, end, pattern, ignore_case, out);
                }
            };
            let Some(&b0) = haystack.get(from) else {
                continue;
            };
            let mut node = self.trie.first(b0);
            if node == NONE {
                continue;
            }
            let pattern = self.trie.pattern(node);
            if pattern != NONE {
                push(1, pattern as usize);
            }
            if head_hash(&haystack[from..]).is_some_and(|h| !self.heads.may_contain(h)) {
                continue;
            }
            for (walked, &byte) in haystack[from + 1..].iter().enumerate() {
                node = self.trie.child(node, byte);
                if node == NONE {
                    break;
                }
                let pattern = self.trie.pattern(node);
                if pattern != NONE {
                    push(walked + 2, pattern as usize);
                }
            }
        }
    }

    /// Pushes the entry behind `pattern` that fits `text[start..end]`, if one does.
    fn push_candidate(
        &self,
        text: &str,
        start: usize,
        end: usize,
        pattern: usize,
        ignore_case: bool,
        out: &mut Vec<Candidate>,
    ) {
        let surface = &text[start..end];
        let variants = &self.variants[self.starts[pattern]..self.starts[pattern + 1]];
        let chosen = variants
            .iter()
            .find(|v| self.text(v) == surface)
            .or_else(|| {
                variants
                    .iter()
                    .find(|v| ignore_case || case_fits(surface, self.text(v)))
            });
        if let Some(v) = chosen {
            out.push(Candidate {
                start,
                end,
                label: v.label,
                source: Arc::clone(&v.source),
                canonical: v.canonical.clone(),
                priority: v.priority,
                ambiguous: v.ambiguous,
            });
        }
    }
}

/// Whether `surface` (from the text) may be `entry` written in other case. The two fold alike,
/// character for character. An upper-case letter of the entry must be upper case in the text
/// (`batu` is not `Batu`); a lower-case letter of the entry may be upper case in the text at
/// the start of a word (`Bank Of America` in a headline) or when the whole surface is in
/// capitals (`JENEWA` in a dateline).
pub(crate) fn case_fits(surface: &str, entry: &str) -> bool {
    let all_caps = !surface.chars().any(char::is_lowercase);
    let mut previous: Option<char> = None;
    for (s, e) in surface.chars().zip(entry.chars()) {
        if s != e {
            if e.is_uppercase() && !s.is_uppercase() {
                return false;
            }
            let word_start = previous.is_none_or(|p| !p.is_alphanumeric());
            if s.is_uppercase() && e.is_lowercase() && !word_start && !all_caps {
                return false;
            }
        }
        previous = Some(s);
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tokenize::{boundaries, tokenize};

    #[test]
    fn patterns_sort_as_strings_then_priority() {
        // Shared prefixes longer than the eight bytes compared first, prefixes of each other,
        // patterns that differ at two places (`kaab`, `kaba`), one- and two-byte patterns,
        // multi-byte letters, and the same pattern at three priorities.
        let words = [
            "kabupaten bandung barat",
            "kabupaten bandung",
            "kabupaten bandungan",
            "kabupaten",
            "ka",
            "k",
            "kab",
            "kabupaten bandung",
            "kabupaten bandung",
            "kä",
            "kÿx",
            "zz",
            "kabupaten bandung barat daya",
            "kabupatem",
            "kabupaten\u{a0}x",
            "b",
            "kaab",
            "kaba",
        ];
        let entries: Vec<(String, Variant)> = words
            .iter()
            .enumerate()
            .map(|(i, w)| {
                let variant = Variant {
                    text: (0, 0),
                    label: Label::LOC,
                    canonical: None,
                    source: Arc::from("t"),
                    priority: (i % 3) as u32,
                    ambiguous: false,
                };
                (w.to_string(), variant)
            })
            .collect();
        let mut expected: Vec<usize> = (0..entries.len()).collect();
        expected.sort_by(|&a, &b| {
            let (x, y) = (&entries[a], &entries[b]);
            x.0.cmp(&y.0)
                .then(y.1.priority.cmp(&x.1.priority))
                .then(a.cmp(&b))
        });
        assert_eq!(sort_by_pattern(&entries), expected);
    }

    fn matcher(entries: &[(&str, Label)]) -> Matcher {
        let mut g = Gazetteer::new("t");
        for &(e, l) in entries {
            g.insert(e, l).unwrap();
        }
        Matcher::new(&[&g], &HashSet::new()).unwrap()
    }

    /// The head filter ([`head_hash`]) never skips a walk that finds a match: heads end at
    /// non-ASCII marks, at an abbreviation's period, at hyphens and apostrophes, and a word
    /// that goes on past an entry holds none.
    #[test]
    fn heads_skip_only_walks_that_find_nothing() {
        let m = matcher(&[
            ("Jakarta", Label::LOC),
            ("Tbk", Label::ORG),
            ("Al-Azhar", Label::ORG),
            ("O'Neil", Label::PER),
            ("Sumatera Utara", Label::LOC),
            ("7-Eleven", Label::ORG),
            ("Kalimantan_Barat", Label::LOC),
        ]);
        let text = "“Jakarta” «JAKARTA»—Jakarta… PT Maju Tbk. Al-Azhar O'Neil O’Neil \
                    SUMATERA UTARA 7-Eleven Kalimantan_Barat";
        assert_eq!(
            found(&m, text, false),
            [
                "Jakarta",
                "JAKARTA",
                "Jakarta",
                "Tbk",
                "Al-Azhar",
                "O'Neil",
                "O’Neil",
                "SUMATERA UTARA",
                "7-Eleven",
                "Kalimantan_Barat"
            ]
        );
        assert!(found(&m, "Jakartanya Sumateranya Tbk2 Al 7", false).is_empty());
    }

    fn found(m: &Matcher, text: &str, ignore_case: bool) -> Vec<String> {
        let folded = Folded::new(text);
        let tokens = tokenize(text);
        let flags = boundaries(text, &tokens);
        let mut out = Vec::new();
        m.find(text, &folded, &tokens, &flags, ignore_case, &mut out);
        out.iter()
            .map(|c| text[c.start..c.end].to_string())
            .collect()
    }

    #[test]
    fn an_entry_with_a_hyphen_matches_it_spaced_out_too() {
        let m = matcher(&[("Go-Jek", Label::ORG), ("Kim Jong-un", Label::PER)]);
        assert_eq!(
            found(
                &m,
                "Go-Jek, Go - Jek, GO - JEK, Kim Jong - un; Go -Jek, Go  -  Jek",
                false
            ),
            ["Go-Jek", "Go - Jek", "GO - JEK", "Kim Jong - un"]
        );
        let folded = Folded::new("Go - Jek");
        let tokens = tokenize("Go - Jek");
        let flags = boundaries("Go - Jek", &tokens);
        let mut out = Vec::new();
        m.find("Go - Jek", &folded, &tokens, &flags, false, &mut out);
        // The spaced form names the entry as written.
        assert_eq!(out[0].canonical.as_deref(), Some("Go-Jek"));
        assert_eq!(
            spaced_hyphens("Al-Haram asy-Syarif").as_deref(),
            Some("Al - Haram asy - Syarif")
        );
        assert_eq!(spaced_hyphens("Go - Jek"), None);
        assert_eq!(spaced_hyphens("-Jek"), None);
    }

    #[test]
    fn a_lower_case_start_is_skipped_only_when_no_entry_can_start_there() {
        let m = matcher(&[("Bandung", Label::LOC), ("ınce", Label::LOC)]);
        // `ı` folds to `i`: the text's `ince` may be that entry, and is looked up.
        assert_eq!(found(&m, "di ince", false), ["ince"]);
        assert!(found(&m, "di bandung", false).is_empty());
        assert_eq!(found(&m, "di bandung", true), ["bandung"]);
    }

    #[test]
    fn only_whole_tokens_match() {
        let m = matcher(&[("Bandung", Label::LOC)]);
        assert_eq!(found(&m, "Bandungan dan Bandung.", false), ["Bandung"]);
        assert!(found(&m, "KotaBandung", false).is_empty());
    }

    #[test]
    fn shorter_valid_match_survives_a_longer_invalid_one() {
        let m = matcher(&[("Sumatera", Label::LOC), ("Sumatera Utara", Label::LOC)]);
        assert_eq!(found(&m, "Sumatera Utaranya", false), ["Sumatera"]);
        assert_eq!(
            found(&m, "Sumatera Utara", false),
            ["Sumatera", "Sumatera Utara"]
        );
    }

    #[test]
    fn case_is_checked_against_the_entry() {
        let m = matcher(&[
            ("Batu", Label::LOC),
            ("AS", Label::LOC),
            ("iNews", Label::ORG),
        ]);
        assert_eq!(found(&m, "BATU, Batu dan batu", false), ["BATU", "Batu"]);
        assert_eq!(found(&m, "AS as As", false), ["AS"]);
        assert_eq!(
            found(&m, "iNews inews INEWS Inews", false),
            ["iNews", "INEWS"]
        );
        assert_eq!(found(&m, "batu as inews", true), ["batu", "as", "inews"]);
    }

    #[test]
    fn case_fits_rules() {
        assert!(case_fits("Bank Of America", "Bank of America"));
        assert!(case_fits("JENEWA", "Jenewa"));
        assert!(!case_fits("jenewa", "Jenewa"));
        assert!(!case_fits("JeNewa", "Jenewa"));
        assert!(case_fits("Ma’ruf", "Ma'ruf"));
        assert!(case_fits("MÜLLER", "Müller"));
    }

    #[test]
    fn non_ascii_case_keeps_original_offsets() {
        let m = matcher(&[("Müller", Label::PER), ("İstanbul", Label::LOC)]);
        let text = "Kata MÜLLER di İSTANBUL dan İstanbul, müller.";
        assert_eq!(found(&m, text, false), ["MÜLLER", "İSTANBUL", "İstanbul"]);
        assert_eq!(
            found(&m, text, true),
            ["MÜLLER", "İSTANBUL", "İstanbul", "müller"]
        );
    }

    #[test]
    fn later_gazetteer_wins_the_same_entry() {
        let mut a = Gazetteer::new("a");
        a.insert("Apple", Label::ORG).unwrap();
        let mut b = Gazetteer::new("b");
        b.insert("Apple", Label::new("PRODUCT").unwrap()).unwrap();
        let m = Matcher::new(&[&a, &b], &HashSet::new()).unwrap();
        let text = "Apple";
        let folded = Folded::new(text);
        let mut out = Vec::new();
        let tokens = tokenize(text);
        m.find(
            text,
            &folded,
            &tokens,
            &boundaries(text, &tokens),
            false,
            &mut out,
        );
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].label.as_str(), "PRODUCT");
        assert_eq!(&*out[0].source, "gazetteer:b");
    }
}
