//! The compiled gazetteer file: a tagger's matcher as it is in memory, written to disk and read
//! back, so that a large gazetteer is ready without parsing, folding, sorting and building
//! again ([`crate::Tagger::save_gazetteers`], [`crate::TaggerBuilder::compiled_gazetteers`]).
//!
//! Layout, all numbers little-endian; a string is its length (`u32`) and its UTF-8 bytes:
//!
//! ```text
//! magic "TANDAIG1"
//! tandai version (string); flags (u8: 1 embedded gazetteers, 2 ignore case);
//!   first custom priority (u32)
//! labels: count (u32), strings        sources: count (u32), strings
//! the entries' texts, one string
//! variants: count (u32), each: text length (u32), label (u16 index), source (u32 index),
//!   priority (u32), ambiguous (u8), canonical (u8 0 or 1, then a string)
//! pattern starts: count (u32), u32 each
//! lower-case starts: 65,536 bits (8,192 bytes)
//! heads: count of u64 words (u32), the words
//! trie (`Trie::parts`): node count (u32), children per node (u8 each), byte per node,
//!   pattern-end bits (u64 words)
//! checksum (u64) of all the bytes before it
//! ```
//!
//! The trie is stored as three bytes and a bit a node, and laid out again on reading (a
//! million entries: 8 million nodes, 26 MB instead of the 100 MB it takes in memory).
//!
//! Reading checks every count against the bytes left and every index against what it points
//! into, so a damaged or hostile file is an error naming the byte where it goes wrong, never a
//! panic or a huge allocation. A file written by another version of tandai is refused: the
//! embedded lists and the layout may differ.

use std::collections::HashMap;
use std::sync::Arc;

use crate::Label;
use crate::fast_hash::HashBits;
use crate::matcher::{Matcher, Variant};
use crate::trie::Trie;

const MAGIC: &[u8; 8] = b"TANDAIG1";
const VERSION: &str = env!("CARGO_PKG_VERSION");
const EMBEDDED: u8 = 1;
const IGNORE_CASE: u8 = 2;

/// What a compiled file says about the tagger it came from, beyond its matcher.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Header {
    /// The embedded gazetteers are among its lists.
    pub embedded: bool,
    /// Built to ignore case (which common words count as ambiguous depends on it).
    pub ignore_case: bool,
    /// Gazetteer priorities from here on belong to the user's own lists.
    pub custom_from: u32,
}

/// A checksum of `bytes`, eight at a time: it catches a damaged file, not a forged one.
fn checksum(bytes: &[u8]) -> u64 {
    let mut h = 0x243f_6a88_85a3_08d3u64 ^ bytes.len() as u64;
    let mut chunks = bytes.chunks_exact(8);
    for c in &mut chunks {
        let word = u64::from_le_bytes(c.try_into().expect("eight bytes"));
        h = (h.rotate_left(23) ^ word).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    }
    for &b in chunks.remainder() {
        h = (h.rotate_left(23) ^ u64::from(b)).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    }
    h ^ (h >> 29)
}

struct Writer(Vec<u8>);

impl Writer {
    fn u8(&mut self, v: u8) {
        self.0.push(v);
    }
    fn u16(&mut self, v: u16) {
        self.0.extend_from_slice(&v.to_le_bytes());
    }
    fn u32(&mut self, v: u32) {
        self.0.extend_from_slice(&v.to_le_bytes());
    }
    fn u64(&mut self, v: u64) {
        self.0.extend_from_slice(&v.to_le_bytes());
    }
    fn count(&mut self, n: usize) -> Result<(), String> {
        self.u32(u32::try_from(n).map_err(|_| format!("{n} items: too many to write"))?);
        Ok(())
    }
    fn str(&mut self, s: &str) -> Result<(), String> {
        self.count(s.len())?;
        self.0.extend_from_slice(s.as_bytes());
        Ok(())
    }
}

/// The bytes of the compiled file of `matcher`.
pub(crate) fn write(matcher: &Matcher, header: Header) -> Result<Vec<u8>, String> {
    let mut w = Writer(Vec::with_capacity(
        64 + matcher.texts.len() + matcher.variants.len() * 20 + matcher.trie.nodes.len() * 3,
    ));
    w.0.extend_from_slice(MAGIC);
    w.str(VERSION)?;
    w.u8((u8::from(header.embedded) * EMBEDDED) | (u8::from(header.ignore_case) * IGNORE_CASE));
    w.u32(header.custom_from);

    // Labels and sources, each written once and referred to by number.
    let mut labels: Vec<Label> = Vec::new();
    let mut sources: Vec<&Arc<str>> = Vec::new();
    let mut source_index: HashMap<&str, u32> = HashMap::new();
    for v in &matcher.variants {
        if !labels.contains(&v.label) {
            labels.push(v.label);
        }
        if !source_index.contains_key(&*v.source) {
            source_index.insert(&v.source, sources.len() as u32);
            sources.push(&v.source);
        }
    }
    w.count(labels.len())?;
    for l in &labels {
        w.str(l.as_str())?;
    }
    w.count(sources.len())?;
    for s in &sources {
        w.str(s)?;
    }
    w.str(&matcher.texts)?;
    w.count(matcher.variants.len())?;
    let mut end = 0;
    for v in &matcher.variants {
        if v.text.0 != end {
            return Err("entry texts out of order".into());
        }
        end = v.text.1;
        w.u32(v.text.1 - v.text.0);
        let label = labels.iter().position(|&l| l == v.label).expect("listed");
        w.u16(u16::try_from(label).map_err(|_| "more than 65,535 labels")?);
        w.u32(source_index[&*v.source]);
        w.u32(v.priority);
        w.u8(u8::from(v.ambiguous));
        match &v.canonical {
            Some(c) => {
                w.u8(1);
                w.str(c)?;
            }
            None => w.u8(0),
        }
    }
    w.count(matcher.starts.len())?;
    for &s in &matcher.starts {
        w.u32(u32::try_from(s).map_err(|_| "too many entries to write")?);
    }
    let mut bits = [0u8; (1 << 16) / 8];
    for (k, &on) in matcher.lower_starts.iter().enumerate() {
        bits[k / 8] |= u8::from(on) << (k % 8);
    }
    w.0.extend_from_slice(&bits);
    let words = matcher.heads.words();
    w.count(words.len())?;
    for &word in words {
        w.u64(word);
    }
    let (children, bytes, ends) =
        (matcher.trie.parts()).ok_or("a trie node with more than 255 children")?;
    w.count(children.len())?;
    w.0.extend_from_slice(&children);
    w.0.extend_from_slice(bytes);
    for word in ends {
        w.u64(word);
    }
    let sum = checksum(&w.0);
    w.u64(sum);
    Ok(w.0)
}

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], String> {
        if n > self.bytes.len() - self.at {
            return Err(format!(
                "at byte {}: the file ends {} bytes too soon",
                self.at,
                n - (self.bytes.len() - self.at)
            ));
        }
        let out = &self.bytes[self.at..self.at + n];
        self.at += n;
        Ok(out)
    }
    fn array<const N: usize>(&mut self) -> Result<[u8; N], String> {
        Ok(self.take(N)?.try_into().expect("N bytes"))
    }
    fn u8(&mut self) -> Result<u8, String> {
        Ok(self.take(1)?[0])
    }
    fn u16(&mut self) -> Result<u16, String> {
        Ok(u16::from_le_bytes(self.array()?))
    }
    fn u32(&mut self) -> Result<u32, String> {
        Ok(u32::from_le_bytes(self.array()?))
    }
    fn u64(&mut self) -> Result<u64, String> {
        Ok(u64::from_le_bytes(self.array()?))
    }
    /// A count of items of at least `size` bytes each, which the bytes left can hold.
    fn count(&mut self, size: usize) -> Result<usize, String> {
        let at = self.at;
        let n = self.u32()? as usize;
        if n.saturating_mul(size) > self.bytes.len() - self.at {
            return Err(format!("at byte {at}: {n} items cannot fit in the file"));
        }
        Ok(n)
    }
    fn str(&mut self) -> Result<&'a str, String> {
        let at = self.at;
        let n = self.count(1)?;
        std::str::from_utf8(self.take(n)?).map_err(|_| format!("at byte {at}: text not UTF-8"))
    }
    fn u32s(&mut self, n: usize) -> Result<Vec<u32>, String> {
        Ok(self
            .take(n * 4)?
            .chunks_exact(4)
            .map(|c| u32::from_le_bytes(c.try_into().expect("four bytes")))
            .collect())
    }
    fn error<T>(&self, at: usize, what: impl std::fmt::Display) -> Result<T, String> {
        Err(format!("at byte {at}: {what}"))
    }
}

/// The matcher and header in the bytes of a compiled file; the error says where and what.
pub(crate) fn read(bytes: &[u8]) -> Result<(Matcher, Header), String> {
    if bytes.len() < MAGIC.len() + 8 || &bytes[..MAGIC.len()] != MAGIC {
        return Err("not a compiled tandai gazetteer file".into());
    }
    let (body, sum) = bytes.split_at(bytes.len() - 8);
    if checksum(body) != u64::from_le_bytes(sum.try_into().expect("eight bytes")) {
        return Err("checksum mismatch: the file is damaged or incomplete".into());
    }
    let mut r = Reader {
        bytes: body,
        at: MAGIC.len(),
    };
    let version = r.str()?;
    if version != VERSION {
        return Err(format!(
            "compiled by tandai {version}, and this is tandai {VERSION}: compile it again"
        ));
    }
    let flags = r.u8()?;
    let header = Header {
        embedded: flags & EMBEDDED != 0,
        ignore_case: flags & IGNORE_CASE != 0,
        custom_from: r.u32()?,
    };

    let mut labels = Vec::new();
    for _ in 0..r.count(4)? {
        let at = r.at;
        let name = r.str()?;
        match Label::new(name) {
            Ok(l) => labels.push(l),
            Err(e) => return r.error(at, e),
        }
    }
    let mut sources: Vec<Arc<str>> = Vec::new();
    for _ in 0..r.count(4)? {
        sources.push(Arc::from(r.str()?));
    }
    let texts = r.str()?;
    let n = r.count(4 + 2 + 4 + 4 + 1 + 1)?;
    let mut variants = Vec::with_capacity(n);
    let mut end = 0usize;
    for _ in 0..n {
        let at = r.at;
        let start = end;
        end = start.saturating_add(r.u32()? as usize);
        let label = r.u16()?;
        let source = r.u32()?;
        let priority = r.u32()?;
        let ambiguous = r.u8()? != 0;
        let canonical = match r.u8()? {
            0 => None,
            _ => Some(Arc::from(r.str()?)),
        };
        let (Some(&label), Some(source)) =
            (labels.get(usize::from(label)), sources.get(source as usize))
        else {
            return r.error(at, "an entry's label or source out of range");
        };
        if texts.get(start..end).is_none_or(str::is_empty) {
            return r.error(at, "an entry's text out of range or empty");
        }
        variants.push(Variant {
            text: (start as u32, end as u32),
            label,
            canonical,
            source: Arc::clone(source),
            priority,
            ambiguous,
        });
    }
    if end != texts.len() {
        return r.error(r.at, "the entries' texts do not fill the text block");
    }
    let at = r.at;
    let n = r.count(4)?;
    let starts: Vec<usize> = r.u32s(n)?.into_iter().map(|s| s as usize).collect();
    // Each pattern has at least one entry, and the last start is the end of the entries.
    if starts.first() != Some(&0)
        || starts.last() != Some(&variants.len())
        || starts.windows(2).any(|w| w[0] >= w[1])
    {
        return r.error(at, "pattern starts do not divide the entries");
    }
    let bits = r.take((1 << 16) / 8)?;
    let lower_starts = (0..1 << 16)
        .map(|k| bits[k / 8] >> (k % 8) & 1 != 0)
        .collect();
    let at = r.at;
    let n = r.count(8)?;
    let mut words = Vec::with_capacity(n);
    for _ in 0..n {
        words.push(r.u64()?);
    }
    let Some(heads) = HashBits::from_words(words) else {
        return r.error(at, "the head table's size is not a power of two");
    };
    let at = r.at;
    let n = r.count(2)?;
    let children = r.take(n)?;
    let bytes = r.take(n)?.to_vec();
    let mut ends = Vec::with_capacity(n.div_ceil(64));
    for _ in 0..n.div_ceil(64) {
        ends.push(r.u64()?);
    }
    let trie = match Trie::from_parts(children, bytes, &ends, starts.len() - 1) {
        Ok(trie) => trie,
        Err(e) => return r.error(at, format!("the automaton is broken: {e}")),
    };
    if r.at != body.len() {
        return r.error(r.at, "bytes after the automaton");
    }
    Ok((
        Matcher {
            trie,
            variants,
            starts,
            texts: texts.to_string(),
            lower_starts,
            heads,
        },
        header,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Gazetteer, Tagger};

    const LISTS: &str = "# label: LOC\nJenewa\nSumatera\nSumatera Utara\nÉvian\nA\n\
                         # label: ORG\nPT Maju Jaya\tPT Maju Jaya Tbk\nAS\n";

    fn tagger(lists: &str) -> Tagger {
        let g = Gazetteer::parse("t", lists).unwrap();
        let mut b = Tagger::builder();
        b.embedded_gazetteers(false).gazetteer(g);
        b.build().unwrap()
    }

    fn bytes_of(t: &Tagger) -> Vec<u8> {
        write(t.matcher(), Header::default()).unwrap()
    }

    /// `bytes` with its checksum made right again, so that reading gets past it.
    fn resealed(mut bytes: Vec<u8>) -> Vec<u8> {
        let body = bytes.len() - 8;
        let sum = checksum(&bytes[..body]);
        bytes[body..].copy_from_slice(&sum.to_le_bytes());
        bytes
    }

    #[test]
    fn a_matcher_reads_back_as_it_was_written() {
        let bytes = bytes_of(&tagger(LISTS));
        let (matcher, header) = read(&bytes).unwrap();
        assert_eq!(header.custom_from, 0);
        let header = Header::default();
        assert_eq!(write(&matcher, header).unwrap(), bytes);
        let empty = bytes_of(&tagger(""));
        assert_eq!(write(&read(&empty).unwrap().0, header).unwrap(), empty);
    }

    #[test]
    fn damage_is_an_error_naming_the_problem() {
        let bytes = bytes_of(&tagger(LISTS));
        assert!(read(b"").unwrap_err().contains("not a compiled"));
        assert!(
            read(&bytes[..bytes.len() - 1])
                .unwrap_err()
                .contains("checksum")
        );
        let mut flipped = bytes.clone();
        flipped[40] ^= 1;
        assert!(read(&flipped).unwrap_err().contains("checksum"));
        // Another version's file.
        let mut other = bytes.clone();
        other[MAGIC.len() + 4] = b'9';
        let err = read(&resealed(other)).unwrap_err();
        assert!(err.contains("compile it again"), "{err}");
        // A body cut short, its checksum right.
        let mut short = bytes[..bytes.len() - 20].to_vec();
        short.extend_from_slice(&[0; 8]);
        let err = read(&resealed(short)).unwrap_err();
        assert!(err.starts_with("at byte "), "{err}");
    }

    /// Every byte of a file changed (the checksum made right, so that the checks behind it
    /// are reached): an error, or a matcher that tags without panicking.
    #[test]
    fn no_damage_makes_a_panic() {
        let bytes = bytes_of(&tagger(LISTS));
        let text = "PT Maju Jaya di Sumatera Utara, Jenewa, Évian, AS, A.";
        let mut readable = 0;
        for i in MAGIC.len()..bytes.len() - 8 {
            for x in [1u8, 0x80, 0xFF] {
                let mut damaged = bytes.clone();
                damaged[i] ^= x;
                if let Ok((matcher, _)) = read(&resealed(damaged)) {
                    readable += 1;
                    let folded = crate::fold::Folded::new(text);
                    let tokens = crate::tokenize::tokenize(text);
                    let flags = crate::tokenize::boundaries(text, &tokens);
                    let mut out = Vec::new();
                    matcher.find(text, &folded, &tokens, &flags, false, &mut out);
                }
            }
        }
        // Flags, priorities, head bits and the like may change and still make a matcher.
        assert!(readable > 0);
        // Cut anywhere, its checksum made right: an error saying where, never a panic.
        for len in MAGIC.len()..bytes.len() - 8 {
            let mut cut = bytes[..len].to_vec();
            cut.extend_from_slice(&[0; 8]);
            let err = read(&resealed(cut)).expect_err("a cut file is refused");
            assert!(err.starts_with("at byte "), "{len}: {err}");
        }
    }
}
