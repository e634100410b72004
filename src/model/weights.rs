//! The weights of a trained model and their file format.
//!
//! A weights file holds one or more named models (`cased`, `lower`). Each model is a table of
//! `2^bits` rows of [`TAGS`] `i16` weights, indexed by the low bits of a feature hash, plus
//! start and transition scores. Only rows with a nonzero weight are stored, as
//! little-endian varints:
//!
//! ```text
//! file   = "TANDAIM1" count:u8 model* checksum:u32le      (FNV-1a of everything before it)
//! model  = name_len:u8 name bits:u8 flags:u8 start:i16le*7 next:i16le*49 rows:varint row*
//!          words:varint word*
//! row    = gap:varint weight:zigzag-varint*7              (gap: index minus previous index
//!                                                          minus one; the first is the index)
//! word   = gap:varint roles:varint                        (the lexicon, `lexicon.rs`, by
//!                                                          ascending key, keys delta-coded)
//! ```
//!
//! `flags` bit 0: the model ignores the case of the text (`lowercase`); bit 1: the model is a
//! *style* of another (see below). Weights are the averaged perceptron weights scaled to the
//! `i16` range and rounded; scores are only compared, so the scale is not stored. Rows with
//! only tiny weights are dropped ([`PRUNE_BELOW`]).
//!
//! A style, named `BASE:STYLE` (`cased:nerugm`), holds what one train corpus taught beyond the
//! base model (its own copy of every feature, `train.rs`), on the base's scale, with no
//! transitions or words of its own; [`Model::with_style`] adds it to the base, row by row.
//!
//! In memory, the table is a bitmap of the rows that are stored (`2^bits` bits: 128 KiB for
//! `2^20` rows, small enough to stay in cache), a running count per 64 rows, and the stored
//! rows packed: a feature that training never saw costs one bit test.

use std::sync::{Mutex, PoisonError};

use super::features::Words;
use super::lexicon::Lexicon;
use super::viterbi::{TAGS, Transitions, WIDTH};

const MAGIC: &[u8; 8] = b"TANDAIM1";

/// A row whose weights are all below this (after scaling the largest weight to 32767) is
/// dropped: on the dev splits this changes no score, and it drops a quarter of the cased
/// model's rows and nearly half of the lower-case model's (a smaller file, fewer cache misses).
const PRUNE_BELOW: i16 = 256;
/// The largest table: 2^24 rows (256 MiB of `i16` rows in memory) is far beyond need.
const MAX_BITS: u8 = 24;

/// A table of `2^bits` rows of weights, most of them zero, stored sparsely.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Table {
    bits: u8,
    /// Bit `i` is set when row `i` is stored.
    present: Vec<u64>,
    /// Stored rows before each 64-row block.
    ranks: Vec<u32>,
    rows: Vec<[i16; WIDTH]>,
}

static ZERO: [i16; WIDTH] = [0; WIDTH];

impl Table {
    /// A table of the rows given (ascending indexes below `2^bits`); all-zero rows are dropped.
    fn new(bits: u8, sparse: impl IntoIterator<Item = (usize, [i16; WIDTH])>) -> Table {
        let blocks = ((1usize << bits) / 64).max(1);
        let mut present = vec![0u64; blocks];
        let mut rows = Vec::new();
        let mut last: Option<usize> = None;
        for (i, row) in sparse {
            assert!(
                i < 1 << bits && last.is_none_or(|l| l < i),
                "rows ascending"
            );
            last = Some(i);
            if row.iter().any(|&w| w != 0) {
                present[i / 64] |= 1 << (i % 64);
                rows.push(row);
            }
        }
        let mut ranks = Vec::with_capacity(blocks);
        let mut count = 0u32;
        for word in &present {
            ranks.push(count);
            count += word.count_ones();
        }
        Table {
            bits,
            present,
            ranks,
            rows,
        }
    }

    /// The row of index `i` (below `2^bits`).
    #[inline]
    fn get(&self, i: usize) -> &[i16; WIDTH] {
        let word = self.present[i / 64];
        let bit = 1u64 << (i % 64);
        if word & bit == 0 {
            return &ZERO;
        }
        let rank = self.ranks[i / 64] + (word & (bit - 1)).count_ones();
        &self.rows[rank as usize]
    }

    /// Stored rows with their indexes, ascending.
    fn iter(&self) -> impl Iterator<Item = (usize, &[i16; WIDTH])> + '_ {
        let mut rows = self.rows.iter();
        self.present.iter().enumerate().flat_map(move |(b, &word)| {
            let mut w = word;
            let mut out = Vec::with_capacity(word.count_ones() as usize);
            while w != 0 {
                let bit = w.trailing_zeros() as usize;
                out.push((b * 64 + bit, rows.next().expect("one row per bit")));
                w &= w - 1;
            }
            out
        })
    }
}

/// One trained model, ready to score features.
#[derive(Clone, PartialEq, Eq)]
pub(crate) struct Model {
    pub name: String,
    pub bits: u8,
    pub lowercase: bool,
    /// A style of the model named before the `:` of `name`: rows to add to that model's.
    pub style: bool,
    pub transitions: Transitions,
    table: Table,
    /// The words of list entries the model was trained with.
    pub lexicon: Lexicon,
    /// The words of the texts scored so far, with their rows: one [`Words`] for each thread
    /// at work, taken for a text and given back after it.
    pub words: WordsPool,
}

/// The most words a [`Words`] keeps (about 200 bytes each) before it starts again.
const WORDS_KEPT: usize = 1 << 17;

/// Spare [`Words`] of a model. Not part of what the model is: a clone starts empty, and two
/// models are equal whatever their pools hold.
#[derive(Default)]
pub(crate) struct WordsPool(Mutex<Vec<Words>>);

impl WordsPool {
    /// A spare `Words`, or a new one.
    pub(crate) fn take(&self) -> Words {
        self.0
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .pop()
            .unwrap_or_default()
    }

    /// Gives `words` back for the next text, or drops it when it has grown too big.
    pub(crate) fn give(&self, mut words: Words) {
        words.trim();
        if words.len() <= WORDS_KEPT {
            self.0
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .push(words);
        }
    }
}

impl Clone for WordsPool {
    fn clone(&self) -> WordsPool {
        WordsPool::default()
    }
}

impl PartialEq for WordsPool {
    fn eq(&self, _: &WordsPool) -> bool {
        true
    }
}

impl Eq for WordsPool {}

impl std::fmt::Debug for Model {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Model")
            .field("name", &self.name)
            .field("bits", &self.bits)
            .field("lowercase", &self.lowercase)
            .field("style", &self.style)
            .field("stored_rows", &self.stored_rows())
            .field("lexicon", &self.lexicon.len())
            .finish()
    }
}

impl Model {
    /// An all-zero model.
    pub(crate) fn empty(name: &str, bits: u8, lowercase: bool) -> Model {
        Model {
            name: name.to_string(),
            bits,
            lowercase,
            style: false,
            transitions: Transitions::default(),
            table: Table::new(bits, []),
            lexicon: Lexicon::default(),
            words: WordsPool::default(),
        }
    }

    /// The row of weights of a feature.
    #[inline]
    pub(crate) fn row(&self, feature: u32) -> &[i16; WIDTH] {
        self.table
            .get((feature as usize) & ((1usize << self.table.bits) - 1))
    }

    /// How many rows have a nonzero weight.
    pub(crate) fn stored_rows(&self) -> usize {
        self.table.rows.len()
    }

    /// Quantizes real weights (`rows` of [`TAGS`] values, `start`, `next`) to `i16`.
    ///
    /// `weights` holds `1 + styles.len()` tables of `2^bits` rows: the model's own, then one
    /// per style, all on one scale. Returns the model, then its styles (`name:style`).
    pub(crate) fn quantize(
        name: &str,
        bits: u8,
        lowercase: bool,
        styles: &[String],
        weights: &[f64],
        start: &[f64; TAGS],
        next: &[[f64; TAGS]; TAGS],
    ) -> Vec<Model> {
        let rows = 1usize << bits;
        assert_eq!(weights.len(), rows * TAGS * (1 + styles.len()));
        let largest = weights
            .iter()
            .chain(start)
            .chain(next.iter().flatten())
            .fold(0.0f64, |m, w| m.max(w.abs()));
        let scale = if largest > 0.0 {
            f64::from(i16::MAX) / largest
        } else {
            1.0
        };
        let q = |w: f64| (w * scale).round().clamp(-32767.0, 32767.0) as i16;
        let table = |weights: &[f64]| {
            Table::new(
                bits,
                weights.chunks_exact(TAGS).enumerate().map(|(i, w)| {
                    let mut row = [0; WIDTH];
                    for t in 0..TAGS {
                        row[t] = q(w[t]);
                    }
                    if row.iter().all(|&x| x.abs() < PRUNE_BELOW) {
                        row = [0; WIDTH];
                    }
                    (i, row)
                }),
            )
        };
        let mut tables = weights.chunks_exact(rows * TAGS).map(table);
        let mut model = Model::empty(name, bits, lowercase);
        model.table = tables.next().expect("the model's own table");
        for (t, row) in next.iter().enumerate() {
            model.transitions.start[t] = i32::from(q(start[t]));
            for (u, &w) in row.iter().enumerate() {
                model.transitions.next[t][u] = i32::from(q(w));
            }
        }
        let mut out = vec![model];
        for (style, table) in styles.iter().zip(tables) {
            let mut m = Model::empty(&format!("{name}:{style}"), bits, lowercase);
            m.style = true;
            m.table = table;
            out.push(m);
        }
        out
    }

    /// This model with `style`'s rows added to its own (each weight clamped to the `i16`
    /// range), keeping this model's transitions and words.
    pub(crate) fn with_style(&self, style: &Model) -> Model {
        debug_assert!(style.style && style.bits == self.bits);
        // Every row either holds, each once, in ascending order.
        let mut indices: Vec<usize> = self
            .table
            .iter()
            .chain(style.table.iter())
            .map(|(i, _)| i)
            .collect();
        indices.sort_unstable();
        indices.dedup();
        let rows = indices.into_iter().map(|i| {
            let (x, y) = (self.table.get(i), style.table.get(i));
            let sum = |t: usize| (i32::from(x[t]) + i32::from(y[t])).clamp(-32767, 32767) as i16;
            (i, std::array::from_fn(sum))
        });
        Model {
            name: style.name.clone(),
            bits: self.bits,
            lowercase: self.lowercase,
            style: false,
            transitions: self.transitions.clone(),
            table: Table::new(self.bits, rows),
            lexicon: self.lexicon.clone(),
            words: WordsPool::default(),
        }
    }
}

fn put_varint(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

fn zigzag(v: i16) -> u64 {
    let v = i64::from(v);
    ((v << 1) ^ (v >> 63)) as u64
}

fn unzigzag(v: u64) -> i64 {
    ((v >> 1) as i64) ^ -((v & 1) as i64)
}

fn checksum(bytes: &[u8]) -> u32 {
    let mut h: u32 = 0x811c_9dc5;
    for &b in bytes {
        h ^= u32::from(b);
        h = h.wrapping_mul(0x0100_0193);
    }
    h
}

/// Writes models in the file format.
pub(crate) fn to_bytes(models: &[&Model]) -> Vec<u8> {
    let mut out = Vec::new();
    out.extend_from_slice(MAGIC);
    out.push(u8::try_from(models.len()).expect("at most 255 models"));
    for m in models {
        let name = m.name.as_bytes();
        out.push(u8::try_from(name.len()).expect("a short model name"));
        out.extend_from_slice(name);
        out.push(m.bits);
        out.push(u8::from(m.lowercase) | u8::from(m.style) << 1);
        let start = &m.transitions.start[..TAGS];
        let next = m.transitions.next[..TAGS].iter().flat_map(|r| &r[..TAGS]);
        for &v in start.iter().chain(next) {
            let v = i16::try_from(v).expect("transition weights fit i16");
            out.extend_from_slice(&v.to_le_bytes());
        }
        put_varint(&mut out, m.stored_rows() as u64);
        let mut previous: Option<usize> = None;
        for (i, row) in m.table.iter() {
            let gap = previous.map_or(i, |p| i - p - 1);
            put_varint(&mut out, gap as u64);
            for &w in &row[..TAGS] {
                put_varint(&mut out, zigzag(w));
            }
            previous = Some(i);
        }
        let words = m.lexicon.pairs();
        put_varint(&mut out, words.len() as u64);
        let mut previous = 0u32;
        for (k, roles) in words {
            put_varint(&mut out, u64::from(k - previous));
            put_varint(&mut out, u64::from(roles));
            previous = k;
        }
    }
    let sum = checksum(&out);
    out.extend_from_slice(&sum.to_le_bytes());
    out
}

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl Reader<'_> {
    fn byte(&mut self) -> Result<u8, String> {
        let b = *self
            .bytes
            .get(self.at)
            .ok_or_else(|| format!("weights end early at byte {}", self.at))?;
        self.at += 1;
        Ok(b)
    }

    fn take(&mut self, n: usize) -> Result<&[u8], String> {
        let end = self.at.checked_add(n).filter(|&e| e <= self.bytes.len());
        let end = end.ok_or_else(|| format!("weights end early at byte {}", self.at))?;
        let s = &self.bytes[self.at..end];
        self.at = end;
        Ok(s)
    }

    fn varint(&mut self) -> Result<u64, String> {
        let mut v: u64 = 0;
        for shift in (0..64).step_by(7) {
            let b = self.byte()?;
            v |= u64::from(b & 0x7f) << shift;
            if b & 0x80 == 0 {
                return Ok(v);
            }
        }
        Err(format!("bad varint before byte {}", self.at))
    }

    fn i16(&mut self) -> Result<i16, String> {
        let b = self.take(2)?;
        Ok(i16::from_le_bytes([b[0], b[1]]))
    }
}

/// Reads models in the file format.
///
/// # Errors
///
/// A message saying what is wrong when the bytes are not a valid weights file.
pub(crate) fn from_bytes(bytes: &[u8]) -> Result<Vec<Model>, String> {
    if bytes.len() < MAGIC.len() + 5 || &bytes[..MAGIC.len()] != MAGIC {
        return Err("not a tandai weights file".into());
    }
    let (body, sum) = bytes.split_at(bytes.len() - 4);
    if checksum(body) != u32::from_le_bytes([sum[0], sum[1], sum[2], sum[3]]) {
        return Err("weights checksum mismatch".into());
    }
    let mut r = Reader {
        bytes: body,
        at: MAGIC.len(),
    };
    let count = r.byte()?;
    let mut models = Vec::new();
    for _ in 0..count {
        let len = usize::from(r.byte()?);
        let name = String::from_utf8(r.take(len)?.to_vec()).map_err(|_| "bad model name")?;
        let bits = r.byte()?;
        if !(1..=MAX_BITS).contains(&bits) {
            return Err(format!("model {name}: bad table size 2^{bits}"));
        }
        let flags = r.byte()?;
        let mut model = Model::empty(&name, bits, flags & 1 != 0);
        model.style = flags & 2 != 0;
        if model.style {
            let base = name.split_once(':').map(|(b, _)| b);
            let of = |m: &&Model| Some(m.name.as_str()) == base && !m.style;
            match models.iter().find(of) {
                Some(b) if b.bits == bits && b.lowercase == model.lowercase => {}
                Some(_) => {
                    return Err(format!("style {name}: table size or case unlike its model"));
                }
                None => return Err(format!("style {name}: no model before it to add to")),
            }
        }
        for t in 0..TAGS {
            model.transitions.start[t] = i32::from(r.i16()?);
        }
        for t in 0..TAGS {
            for u in 0..TAGS {
                model.transitions.next[t][u] = i32::from(r.i16()?);
            }
        }
        let count = r.varint()?;
        let mut sparse = Vec::new();
        let mut index: u64 = 0;
        for k in 0..count {
            let gap = r.varint()?;
            index = if k == 0 {
                gap
            } else {
                index.saturating_add(1).saturating_add(gap)
            };
            if index >= 1 << bits {
                return Err(format!("model {name}: row {index} outside the table"));
            }
            let mut row = [0i16; WIDTH];
            for w in row.iter_mut().take(TAGS) {
                *w = i16::try_from(unzigzag(r.varint()?))
                    .map_err(|_| format!("model {name}: weight out of range"))?;
            }
            sparse.push((index as usize, row));
        }
        model.table = Table::new(bits, sparse);
        let words = r.varint()?;
        let mut pairs = Vec::new();
        let mut k: u64 = 0;
        for _ in 0..words {
            k += r.varint()?;
            let roles = u16::try_from(r.varint()?).map_err(|_| "bad lexicon roles")?;
            pairs.push((u32::try_from(k).map_err(|_| "bad lexicon key")?, roles));
        }
        model.lexicon = Lexicon::from_pairs(pairs);
        models.push(model);
    }
    if r.at != body.len() {
        return Err("trailing bytes after the models".into());
    }
    Ok(models)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip() {
        let mut weights = vec![0.0; (1 << 6) * TAGS];
        weights[3] = 2.5;
        weights[7 * 10 + 6] = -1.25;
        weights[7 * 63] = 0.05;
        // Too small to keep: the whole row is dropped.
        weights[7 * 62 + 1] = 0.001;
        let mut next = [[0.0; TAGS]; TAGS];
        next[1][2] = 0.75;
        let mut a =
            Model::quantize("cased", 6, false, &[], &weights, &[0.5; TAGS], &next).remove(0);
        a.lexicon = Lexicon::from_pairs([(7, 3), (1 << 31, 1 << 11)]);
        let b = Model::quantize("lower", 6, true, &[], &weights[..], &[0.0; TAGS], &next).remove(0);
        assert_eq!(a.row(0)[3], i16::MAX);
        assert_eq!(a.row(10)[6], -(i16::MAX / 2) - 1);
        assert_eq!(a.row(63)[0], 655);
        assert_eq!(a.row(62), &[0; WIDTH]);
        assert_eq!(a.row(64 + 10), a.row(10), "features wrap around the table");
        assert_eq!(a.row(11), &[0; WIDTH]);
        assert_eq!(a.stored_rows(), 3);
        let bytes = to_bytes(&[&a, &b]);
        let back = from_bytes(&bytes).unwrap();
        assert_eq!(back, [a, b]);
        assert_eq!(to_bytes(&[&back[0], &back[1]]), bytes);
    }

    #[test]
    fn bad_bytes_are_errors_not_panics() {
        let a = Model::quantize(
            "m",
            4,
            false,
            &[],
            &[1.0; 16 * TAGS],
            &[0.0; TAGS],
            &[[0.0; TAGS]; TAGS],
        )
        .remove(0);
        let bytes = to_bytes(&[&a]);
        assert!(from_bytes(b"").is_err());
        assert!(from_bytes(b"TANDAIM1").is_err());
        for cut in 0..bytes.len() {
            assert!(from_bytes(&bytes[..cut]).is_err());
        }
        let mut flipped = bytes.clone();
        flipped[20] ^= 1;
        assert!(from_bytes(&flipped).unwrap_err().contains("checksum"));
    }

    #[test]
    fn a_style_adds_its_rows_to_its_model() {
        // Two tables of 2^4 rows: the model's own, then the style's, on one scale.
        let mut weights = vec![0.0; 2 * 16 * TAGS];
        weights[TAGS * 2] = 4.0; // own row 2
        weights[TAGS * 3 + 1] = -2.0; // own row 3
        weights[16 * TAGS + TAGS * 3 + 1] = -1.0; // style row 3
        weights[16 * TAGS + TAGS * 5 + 6] = 1.0; // style row 5
        let mut next = [[0.0; TAGS]; TAGS];
        next[0][1] = 1.0;
        let styles = ["news".to_string()];
        let models = Model::quantize("cased", 4, false, &styles, &weights, &[0.0; TAGS], &next);
        let [own, style] = &models[..] else {
            panic!("a model and its style")
        };
        assert_eq!((style.name.as_str(), style.style), ("cased:news", true));
        assert_eq!(style.transitions, Transitions::default());
        assert_eq!(own.row(5), &[0; WIDTH]);
        let styled = own.with_style(style);
        assert!(!styled.style);
        assert_eq!(styled.row(2)[0], i16::MAX);
        assert_eq!(styled.row(3)[1], own.row(3)[1] + style.row(3)[1]);
        assert_eq!(styled.row(3)[1], -16384 - 8192);
        assert_eq!(styled.row(5)[6], 8192);
        assert_eq!(styled.stored_rows(), 3);
        assert_eq!(styled.transitions, own.transitions);
        // Sums beyond the i16 range are clamped.
        let mut big = vec![0.0; 2 * 16 * TAGS];
        big[0] = 1.0;
        big[16 * TAGS] = 1.0;
        let m = Model::quantize("m", 4, false, &styles, &big, &[0.0; TAGS], &next);
        assert_eq!(m[0].with_style(&m[1]).row(0)[0], 32767);

        let bytes = to_bytes(&[own, style]);
        assert_eq!(from_bytes(&bytes).unwrap(), models);
        // A style needs its model before it, of the same size and case.
        let err = from_bytes(&to_bytes(&[style])).unwrap_err();
        assert!(err.contains("no model before it"), "{err}");
        let mut other = own.clone();
        other.lowercase = true;
        let err = from_bytes(&to_bytes(&[&other, style])).unwrap_err();
        assert!(err.contains("unlike its model"), "{err}");
    }
}
