//! Features of each piece (token that is not space), hashed to 32 bits.
//!
//! A feature is a template number mixed with a value (a hashed word, shape, label, source…);
//! the weights table is indexed by the low bits of the hash, so no feature dictionary is stored.
//! Every hash here is computed by this file's own functions, never by `std`'s randomly keyed
//! hasher, so the same text gives the same features on every machine and in every run.
//!
//! What a piece is described by:
//! - the word itself (folded to lower case), its shape (`Xx`, `X`, `d`, `X.X.`) and length,
//!   prefixes and suffixes of 2 and 3 characters, capitalization and sentence start;
//! - the words and shapes of its neighbours (±2) and word bigrams;
//! - the candidates covering it: which list or rule, which label, first or later piece, last
//!   piece or not, how many pieces, whether the entry is also a common word (without case, also
//!   with its words and the words around it); candidates ending right before it or starting
//!   right after it;
//! - what the gazetteer-and-rules pipeline chose for it and its neighbours (tag and source);
//! - cue words: whether it is a person cue, an organization or place marker, an organization
//!   suffix, a word that is no name (`Senin`), a common word; whether a person cue, an
//!   organization marker or a place marker ends right before it;
//! - the document: the same word elsewhere inside a list candidate of some label, or elsewhere
//!   written in lower case or capitalized in mid-sentence;
//! - the capitalized run it is in (`rules/mod.rs`): its length, the piece's position in it, the
//!   run's first and last words; whether it is inside parentheses, and the word before;
//! - the words of list entries (`lexicon.rs`): whether it, the piece before and the piece after
//!   stand alone, first, inside or last in entries of each label;
//! - without case only (the `lowercase` model): its word classes and its neighbours'
//!   (`clusters.rs`).
//!
//! With `lowercase` (the model for text without capitalization), the case of the text is
//! ignored: shapes and flags are computed on the folded text.
//!
//! Training reads the features themselves ([`extract`]); tagging only needs the sums of their
//! rows of weights ([`score`]). Most features of a piece depend only on its own word or on
//! the words next to it, so `score` describes each distinct word once, sums the rows of its own
//! features and of its features as each neighbour once, and keeps them ([`Words`], one per
//! thread at work, kept by the model): a word met before costs one lookup instead of some
//! twenty hashed features. A test checks that both give the same scores.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use once_cell::sync::Lazy;

use super::lexicon::Lexicon;
use super::viterbi::{self, WIDTH};
use crate::Label;
use crate::fast_hash::WordMap;
use crate::fold::fold_char;
use crate::matcher::Candidate;
use crate::rules::Doc;
use crate::tokenize::TokenKind;

const FNV_START: u64 = 0xcbf2_9ce4_8422_2325;

/// Continues an FNV-1a hash over more bytes.
#[inline]
fn fnv(mut h: u64, bytes: &[u8]) -> u64 {
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

/// FNV-1a over bytes.
pub(crate) fn hash_bytes(bytes: &[u8]) -> u64 {
    fnv(FNV_START, bytes)
}

/// A hasher for keys that are already hashes.
#[derive(Default)]
struct Prehashed(u64);

impl Hasher for Prehashed {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        self.0 = fnv(self.0, bytes);
    }
    fn write_u64(&mut self, v: u64) {
        self.0 = v.wrapping_mul(0x9e37_79b9_7f4a_7c15);
    }
}

type Map<V> = HashMap<u64, V, BuildHasherDefault<Prehashed>>;

/// Mixes two values into a well-spread hash (the splitmix64 finalizer).
#[inline]
pub(crate) fn mix(a: u64, b: u64) -> u64 {
    let mut z = a ^ b.wrapping_mul(0x9e37_79b9_7f4a_7c15);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// Feature templates. Values are fixed: changing one changes the features of a trained model.
mod t {
    pub const BIAS: u64 = 1;
    pub const WORD: u64 = 2;
    pub const WORD_AT: u64 = 3; // + offset
    pub const BIGRAM_LEFT: u64 = 10;
    pub const BIGRAM_RIGHT: u64 = 11;
    pub const SHAPE: u64 = 12;
    pub const SHAPE_AT: u64 = 13; // + offset
    pub const SHAPES3: u64 = 20;
    pub const SHAPE_LEN: u64 = 21;
    pub const WORD_SHAPE: u64 = 22;
    pub const PREFIX2: u64 = 23;
    pub const PREFIX3: u64 = 24;
    pub const SUFFIX2: u64 = 25;
    pub const SUFFIX3: u64 = 26;
    pub const FLAGS: u64 = 27;
    pub const FLAGS_PREV: u64 = 28;
    pub const CAND_SOURCE: u64 = 30;
    pub const CAND_LEN: u64 = 31;
    pub const CAND_END: u64 = 32;
    pub const CAND_AMBIGUOUS: u64 = 33;
    pub const CAND_ENDS_BEFORE: u64 = 34;
    pub const CAND_STARTS_AFTER: u64 = 35;
    pub const CAND_NONE: u64 = 36;
    pub const CAND_LABEL_SHAPE: u64 = 37;
    pub const BASE: u64 = 40;
    pub const BASE_SOURCE: u64 = 41;
    pub const BASE_PREV: u64 = 42;
    pub const BASE_NEXT: u64 = 43;
    pub const BASE_WORD: u64 = 44;
    pub const CUE: u64 = 50;
    pub const CUE_BEFORE: u64 = 51;
    pub const CUE_BEFORE_SHAPE: u64 = 52;
    pub const CUE_AFTER: u64 = 53;
    pub const DOC_LABEL: u64 = 60;
    pub const DOC_LOWER: u64 = 61;
    pub const DOC_CAPITALIZED: u64 = 62;
    pub const CAND_WORD_BEFORE: u64 = 70;
    pub const CAND_WORD_AFTER: u64 = 71;
    pub const CAND_WORD: u64 = 72;
    pub const PREFIX4: u64 = 73;
    pub const SUFFIX4: u64 = 74;
    pub const RUN: u64 = 84;
    pub const RUN_FIRST: u64 = 85;
    pub const RUN_LAST: u64 = 86;
    pub const PAREN: u64 = 87;
    pub const LEX: u64 = 80;
    pub const LEX_SHAPE: u64 = 81;
    pub const LEX_PREV: u64 = 82;
    pub const LEX_NEXT: u64 = 83;
    pub const CLASS_COARSE: u64 = 90;
    pub const CLASS_FINE: u64 = 91;
    pub const CLASS_AT: u64 = 92; // + offset
}

// Piece flags.
const CAPITALIZED: u8 = 1;
const ALL_CAPS: u8 = 2;
const DIGIT: u8 = 4;
const PUNCT: u8 = 8;
const SENTENCE_START: u8 = 16;
const NO_NAME: u8 = 32;

// Cue bits.
const CUE_PERSON: u8 = 1;
const CUE_ORG_MARKER: u8 = 2;
const CUE_ORG_SUFFIX: u8 = 4;
const CUE_LOC_MARKER: u8 = 8;
const CUE_COMMON: u8 = 16;

/// Cue words and phrases (the files of `gazetteers/cues/` that the rules read, parsed the same
/// way), keyed by the hash of their folded words joined by single spaces.
struct CueTable {
    /// Cue bits and the not-a-name flag of single words, and whether a phrase starts with the
    /// word.
    words: Map<u8>,
    /// Phrases (one word or more) that a person cue, an organization marker or a place
    /// marker: their bits.
    phrases: Map<u8>,
    /// The most words in a phrase.
    longest: usize,
}

const NOT_NAME: u8 = 128;
/// In [`CueTable::words`]: the first word of a phrase.
const STARTS_PHRASE: u8 = 64;
/// In [`CueTable::words`]: a piece that stands inside names without a capital or digit.
const JOINS_NAMES: u8 = 32;

static CUE_TABLE: Lazy<CueTable> = Lazy::new(|| {
    let mut table = CueTable {
        words: Map::default(),
        phrases: Map::default(),
        longest: 1,
    };
    for (bits, data) in [
        (
            CUE_PERSON,
            include_str!("../../gazetteers/cues/person_cues.txt"),
        ),
        (
            CUE_ORG_MARKER,
            include_str!("../../gazetteers/cues/org_markers.txt"),
        ),
        (
            CUE_ORG_SUFFIX,
            include_str!("../../gazetteers/cues/org_suffixes.txt"),
        ),
        (
            CUE_LOC_MARKER,
            include_str!("../../gazetteers/cues/loc_markers.txt"),
        ),
        (
            NOT_NAME,
            include_str!("../../gazetteers/cues/not_names.txt"),
        ),
        (
            CUE_COMMON,
            include_str!("../../gazetteers/cues/common_words.txt"),
        ),
        (
            JOINS_NAMES,
            include_str!("../../gazetteers/cues/name_joiners.txt"),
        ),
    ] {
        for line in data.lines().map(str::trim) {
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let words: Vec<String> = line
                .split_whitespace()
                .map(|w| w.chars().map(fold_char).collect())
                .collect();
            let key = hash_bytes(words.join(" ").as_bytes());
            if words.len() == 1 {
                *table.words.entry(key).or_default() |= bits;
            }
            if bits & (CUE_PERSON | CUE_ORG_MARKER | CUE_LOC_MARKER) != 0 {
                *table.phrases.entry(key).or_default() |= bits;
                table.longest = table.longest.max(words.len());
                *table
                    .words
                    .entry(hash_bytes(words[0].as_bytes()))
                    .or_default() |= STARTS_PHRASE;
            }
        }
    }
    table
});

/// Whether `folded` stands inside names of the train splits without a capital or digit
/// (`gazetteers/cues/name_joiners.txt`).
pub(crate) fn joins_names(folded: &str) -> bool {
    CUE_TABLE
        .words
        .get(&hash_bytes(folded.as_bytes()))
        .is_some_and(|bits| bits & JOINS_NAMES != 0)
}

/// Hashes of the padding words before the first and after the last piece.
const BEFORE: u64 = 0x0053_5441_5254;
const AFTER: u64 = 0x0045_4e44;

/// What the features of one text are computed from.
pub(crate) struct Context<'a, 'h> {
    pub doc: &'a Doc<'h>,
    /// Candidates of the matcher, the common-word filter and the rules, before resolution.
    pub candidates: &'a [Candidate],
    /// The entities the gazetteer-and-rules pipeline chose.
    pub chosen: &'a [Candidate],
    /// Gazetteer candidates with this priority or more come from the user's own lists.
    pub custom_from: u32,
    /// Ignore the case of the text.
    pub lowercase: bool,
    /// The words of list entries.
    pub lexicon: &'a Lexicon,
}

/// A distinct word (the text and kind of a piece) and what it says by itself.
struct Word {
    folded: Box<str>,
    word: u64,
    shape: u64,
    len: u8,
    /// `CAPITALIZED`, `ALL_CAPS`, `DIGIT`, `PUNCT`, `NO_NAME`.
    flags: u8,
    cues: u8,
    lex: u16,
    /// Its word classes (`clusters.rs`), coarse and fine, or 0s.
    classes: (u16, u16),
    /// Has a capital letter or a digit (in the cased text).
    marked: bool,
    /// Stands inside names without a capital or digit (`dan`, `de`, `-`;
    /// `gazetteers/cues/name_joiners.txt`).
    joins: bool,
    /// A person cue, organization marker or place marker phrase starts with it.
    starts_phrase: bool,
    /// `ENDS_SENTENCE`, `OPENS`, `OPEN_PAREN`, `CLOSE_PAREN`: what the text of a piece that
    /// is not a word says about sentences and brackets, read once per word.
    marks: u8,
}

// Word marks.
const ENDS_SENTENCE: u8 = 1;
const OPENS: u8 = 2;
const OPEN_PAREN: u8 = 4;
const CLOSE_PAREN: u8 = 8;

/// A piece: its word (`id` in [`Words`], the rest copied from there) and its flags here (the
/// word's and `SENTENCE_START`).
#[derive(Clone, Copy)]
struct Piece {
    id: u32,
    word: u64,
    shape: u64,
    flags: u8,
    marked: bool,
    joins: bool,
    /// The word's marks.
    marks: u8,
    /// Whether the piece opens a line (the text's first piece, or one after a line break).
    opens_line: bool,
}

/// The rows a word adds to a piece's scores: its own features (`[0]`), and its features as the
/// neighbour at each of [`OFFSETS`] (`[1..]`).
type WordRows = [[i32; WIDTH]; 5];

/// The words seen so far, each described once. The model keeps one per thread at work
/// ([`score`]), with each word's rows, so that a word seen before costs one lookup; `extract`
/// starts a fresh one for each text.
#[derive(Default)]
pub(crate) struct Words {
    /// Word ids by piece text, for word pieces and for the others.
    index: [WordMap; 2],
    list: Vec<Word>,
    rows: Vec<Option<WordRows>>,
    /// The last text's [`Prepared`], kept for its allocations.
    scratch: Prepared,
    /// The last text's emissions, given back by [`Words::recycle`], for their allocation.
    emissions: Vec<[i32; WIDTH]>,
}

impl Words {
    /// How many words are known.
    pub(crate) fn len(&self) -> usize {
        self.list.len()
    }

    /// Frees the scratch space a long text left behind.
    pub(crate) fn trim(&mut self) {
        if self.scratch.pieces.capacity() > 1 << 16 {
            self.scratch = Prepared::default();
            self.emissions = Vec::new();
        }
    }

    /// Takes back what [`score`] returned, once used, so that the next text reuses its memory.
    pub(crate) fn recycle(&mut self, emissions: Vec<[i32; WIDTH]>, active: Vec<bool>) {
        self.emissions = emissions;
        self.scratch.active = active;
    }

    /// The id of the word of piece text `text` of kind `kind`, described now if new.
    fn id(&mut self, text: &str, kind: TokenKind, lowercase: bool, lexicon: &Lexicon) -> u32 {
        let index = &mut self.index[usize::from(kind != TokenKind::Word)];
        if let Some(id) = index.get(text) {
            return id;
        }
        let id = self.list.len() as u32;
        self.list.push(Word::new(text, kind, lowercase, lexicon));
        self.rows.push(None);
        index.insert(text, id);
        id
    }

    fn get(&self, id: u32) -> &Word {
        &self.list[id as usize]
    }

    /// The rows of word `id`, summed now if not yet.
    #[inline]
    fn rows<'r>(&mut self, id: u32, row: &impl Fn(u32) -> &'r [i16; WIDTH]) -> &WordRows {
        // Most words were seen before: the sums are then one check away.
        if self.rows[id as usize].is_none() {
            self.sum_rows(id, row);
        }
        self.rows[id as usize].as_ref().expect("summed above")
    }

    /// Sums the rows of word `id` into `self.rows`.
    #[inline(never)]
    fn sum_rows<'r>(&mut self, id: u32, row: &impl Fn(u32) -> &'r [i16; WIDTH]) {
        let Words { list, rows, .. } = self;
        rows[id as usize] = Some({
            let word = &list[id as usize];
            // The features first (which of the five sums each goes to), then their rows, so
            // that the rows' loads overlap (as in `score`). At most 20 own features and 14 as
            // the four neighbours.
            let mut features = [(0u8, 0u32); 40];
            let mut n = 0;
            own_features(word, &mut |t, v| {
                features[n] = (0, mix(t, v) as u32);
                n += 1;
            });
            for k in 0..OFFSETS.len() {
                neighbour_features(k, Neighbour::Word(word), &mut |t, v| {
                    features[n] = (k as u8 + 1, mix(t, v) as u32);
                    n += 1;
                });
            }
            let mut out = [[0; WIDTH]; 5];
            for &(slot, f) in &features[..n] {
                add_row(&mut out[usize::from(slot)], row(f));
            }
            out
        });
    }
}

#[inline]
fn add_row(acc: &mut [i32; WIDTH], row: &[i16; WIDTH]) {
    for t in 0..WIDTH {
        acc[t] += i32::from(row[t]);
    }
}

/// The neighbours a piece's features look at.
const OFFSETS: [isize; 4] = [-2, -1, 1, 2];

/// A neighbour: a piece's word, or the mark of the text's start or end.
#[derive(Clone, Copy)]
enum Neighbour<'w> {
    Word(&'w Word),
    Edge(u64),
}

/// The features of a word by itself.
fn own_features(w: &Word, f: &mut impl FnMut(u64, u64)) {
    f(t::BIAS, 0);
    f(t::WORD, w.word);
    f(t::SHAPE, w.shape);
    f(t::SHAPE_LEN, mix(w.shape, length_bucket(w.len)));
    f(t::WORD_SHAPE, mix(w.word, w.shape));
    if w.len > 2 {
        let a = affixes(&w.folded);
        f(t::PREFIX2, a[0]);
        f(t::SUFFIX2, a[1]);
        if w.len > 3 {
            f(t::PREFIX3, a[2]);
            f(t::SUFFIX3, a[3]);
        }
        if w.len > 4 {
            f(t::PREFIX4, a[4]);
            f(t::SUFFIX4, a[5]);
        }
    }
    if w.classes.0 != 0 {
        f(t::CLASS_COARSE, u64::from(w.classes.0));
        f(t::CLASS_FINE, u64::from(w.classes.1));
    }
    // Words of list entries.
    for l in 0..3u64 {
        let roles = (w.lex >> (l * 4)) & 0xf;
        if roles != 0 {
            f(t::LEX, mix(l, u64::from(roles)));
            f(t::LEX_SHAPE, mix(mix(l, u64::from(roles)), w.shape));
        }
    }
    if w.cues != 0 {
        f(t::CUE, u64::from(w.cues));
    }
}

/// The features of the neighbour at `OFFSETS[k]`.
fn neighbour_features(k: usize, n: Neighbour<'_>, f: &mut impl FnMut(u64, u64)) {
    let (word, shape, lex, class) = match n {
        Neighbour::Word(w) => (w.word, w.shape, w.lex, w.classes.1),
        Neighbour::Edge(mark) => (mark, mark, 0, 0),
    };
    f(t::WORD_AT + k as u64, word);
    f(t::SHAPE_AT + k as u64, shape);
    if class != 0 {
        f(t::CLASS_AT + k as u64, u64::from(class));
    }
    if lex != 0 {
        match OFFSETS[k] {
            -1 => f(t::LEX_PREV, u64::from(lex)),
            1 => f(t::LEX_NEXT, u64::from(lex)),
            _ => {}
        }
    }
}

/// What the document says about a word.
#[derive(Default)]
struct DocWord {
    /// List candidates of each built-in label covering it.
    labels: [u16; 3],
    /// Written in lower case.
    lower: u16,
    /// Capitalized in mid-sentence.
    capitalized: u16,
}

/// A candidate seen as a piece range with hashed source and label.
struct Span {
    first: usize,
    end: usize,
    source: u64,
    label: u64,
    ambiguous: bool,
    gazetteer: Option<usize>,
}

fn label_code(label: Label) -> (u64, Option<usize>) {
    match label {
        Label::PER => (1, Some(0)),
        Label::LOC => (2, Some(1)),
        Label::ORG => (3, Some(2)),
        _ => (4, None),
    }
}

/// The kind of source for features: the embedded list's name, `custom` for the user's lists,
/// or the rule's name.
fn source_hash(c: &Candidate, custom_from: u32) -> (u64, bool) {
    match c.source.strip_prefix("gazetteer:") {
        Some(_) if c.priority >= custom_from => (hash_bytes(b"custom"), true),
        Some(name) => (hash_bytes(name.as_bytes()), true),
        None => (hash_bytes(c.source.as_bytes()), false),
    }
}

/// The shape of a word and the counts its flags come from.
#[derive(Debug, Default, PartialEq, Eq)]
struct Stats {
    /// Character classes, runs of one class written once, at most 8: `X` upper case, `x`
    /// lower case, `d` digit, `a` other letter, an ASCII character itself, `?` anything else.
    shape: [u8; 8],
    shape_len: usize,
    letters: usize,
    lower: usize,
    digit: bool,
}

impl Stats {
    fn add_class(&mut self, class: u8) {
        let n = self.shape_len;
        if (n == 0 || self.shape[n - 1] != class) && n < self.shape.len() {
            self.shape[n] = class;
            self.shape_len += 1;
        }
    }

    fn of_chars(word: &str) -> Stats {
        let mut stats = Stats::default();
        for c in word.chars() {
            let class = if c.is_uppercase() {
                b'X'
            } else if c.is_lowercase() {
                stats.lower += 1;
                b'x'
            } else if c.is_numeric() {
                stats.digit = true;
                b'd'
            } else if c.is_alphabetic() {
                b'a'
            } else if c.is_ascii() {
                c as u8
            } else {
                b'?'
            };
            stats.letters += usize::from(c.is_alphabetic());
            stats.add_class(class);
        }
        stats
    }

    /// [`Stats::of_chars`] of an ASCII word, byte by byte (most words of news).
    fn of_ascii(word: &str) -> Stats {
        let mut stats = Stats::default();
        for &b in word.as_bytes() {
            let class = match b {
                b'A'..=b'Z' => b'X',
                b'a'..=b'z' => b'x',
                b'0'..=b'9' => b'd',
                _ => b,
            };
            stats.letters += usize::from(b.is_ascii_alphabetic());
            stats.lower += usize::from(class == b'x');
            stats.digit |= class == b'd';
            stats.add_class(class);
        }
        stats
    }
}

impl Word {
    /// Describes the word of a piece.
    fn new(text: &str, kind: TokenKind, lowercase: bool, lexicon: &Lexicon) -> Word {
        let ascii = text.is_ascii();
        let folded: Box<str> = if ascii {
            text.to_ascii_lowercase().into()
        } else {
            text.chars().map(fold_char).collect()
        };
        let word = hash_bytes(folded.as_bytes());
        let cased = if lowercase { &folded } else { text };
        let stats = if ascii {
            Stats::of_ascii(cased)
        } else {
            Stats::of_chars(cased)
        };
        let n = if ascii {
            folded.len()
        } else {
            folded.chars().count()
        };
        let mut flags = 0;
        if cased.chars().next().is_some_and(char::is_uppercase) {
            flags |= CAPITALIZED;
        }
        if stats.letters >= 2 && stats.lower == 0 {
            flags |= ALL_CAPS;
        }
        if stats.digit {
            flags |= DIGIT;
        }
        if kind == TokenKind::Punct {
            flags |= PUNCT;
        }
        let mut cues = 0;
        let mut starts_phrase = false;
        let table = &*CUE_TABLE;
        let bits = table.words.get(&word).copied().unwrap_or(0);
        if kind == TokenKind::Word {
            if bits & NOT_NAME != 0 {
                flags |= NO_NAME;
            }
            cues = bits & !(NOT_NAME | STARTS_PHRASE | JOINS_NAMES);
            starts_phrase = bits & STARTS_PHRASE != 0;
            // A common word also with a solid enclitic (`Utaranya`).
            if let Some(stem) = folded.strip_suffix("nya") {
                let stem_bits = table.words.get(&hash_bytes(stem.as_bytes())).copied();
                cues |= stem_bits.unwrap_or(0) & CUE_COMMON;
            }
        }
        let marked = !lowercase
            && if ascii {
                text.bytes()
                    .any(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
            } else {
                text.chars().any(|c| c.is_uppercase() || c.is_numeric())
            };
        let mut marks = 0;
        if text.ends_with(['.', '!', '?', '…', ':']) {
            marks |= ENDS_SENTENCE;
        }
        if text.chars().all(|c| "\"'“‘«([-–—".contains(c)) {
            marks |= OPENS;
        }
        match text {
            "(" => marks |= OPEN_PAREN,
            ")" => marks |= CLOSE_PAREN,
            _ => {}
        }
        Word {
            word,
            shape: hash_bytes(&stats.shape[..stats.shape_len]),
            len: n.min(255) as u8,
            flags,
            cues,
            lex: lexicon.get(word),
            // Only without case: there a word's class (and its neighbours') is much of what
            // tells a name from a word, nerp dev F1 0.813 → 0.824 (mean of three seeds); with
            // case the classes cost the cased model 0.001–0.005 mean dev F1, however used.
            classes: if lowercase {
                super::clusters::of(&folded).unwrap_or((0, 0))
            } else {
                (0, 0)
            },
            marked,
            joins: bits & JOINS_NAMES != 0,
            starts_phrase,
            marks,
            folded,
        }
    }
}

/// Hashes of the prefixes and suffixes of 2, 3 and 4 characters of a folded word of more
/// than 2, 3, 4 characters: `[p2, s2, p3, s3, p4, s4]`.
fn affixes(folded: &str) -> [u64; 6] {
    // Byte offsets of the first 5 and the last 5 character starts.
    let mut heads = [folded.len(); 5];
    let mut tails = [0usize; 5];
    let mut n = 0;
    for (k, (b, _)) in folded.char_indices().enumerate() {
        if k < 5 {
            heads[k] = b;
        }
        tails.copy_within(1.., 0);
        tails[4] = b;
        n = k + 1;
    }
    let prefix = |k: usize| hash_bytes(&folded.as_bytes()[..heads[k]]);
    let suffix = |k: usize| {
        let from = if n > k { tails[5 - k] } else { 0 };
        hash_bytes(&folded.as_bytes()[from..])
    };
    [
        prefix(2),
        suffix(2),
        prefix(3),
        suffix(3),
        prefix(4),
        suffix(4),
    ]
}

/// Whether piece `i` starts a sentence or line, given whether piece `i - 1` does and the
/// marks of its word: the first piece, or after a newline, a sentence-ending mark, or opening
/// quotes and brackets at a sentence start.
fn starts_sentence(
    doc: &Doc<'_>,
    i: usize,
    opens_line: bool,
    previous_starts: bool,
    previous_marks: u8,
) -> bool {
    if opens_line {
        return true;
    }
    if doc.pieces[i - 1].kind == TokenKind::Word {
        return false;
    }
    previous_marks & ENDS_SENTENCE != 0 || (previous_starts && previous_marks & OPENS != 0)
}

fn length_bucket(n: u8) -> u64 {
    match n {
        0..=1 => 1,
        2 => 2,
        3 => 3,
        4..=5 => 4,
        6..=8 => 5,
        _ => 6,
    }
}

/// What the features of one text are computed from, beyond its words.
#[derive(Default)]
struct Prepared {
    pieces: Vec<Piece>,
    spans: Vec<Span>,
    ends_before: Vec<u8>,
    starts_at: Vec<u8>,
    /// Spans covering piece `i`: `covering[cover_start[i]..cover_start[i + 1]]`.
    cover_start: Vec<u32>,
    covering: Vec<u32>,
    /// The pipeline's choice for each piece: tag and source.
    base: Vec<(u64, u64)>,
    cue_before: Vec<u8>,
    cue_at: Vec<u8>,
    words: Map<DocWord>,
    own: Vec<[u16; 3]>,
    run_of: Vec<u32>,
    in_paren: Vec<bool>,
    active: Vec<bool>,
    /// Working space: where the next span covering each piece goes, and a piece's features.
    next: Vec<u32>,
    features: Vec<u32>,
}

impl Prepared {
    /// Piece `j`'s word, or the mark of the start or the end.
    fn neighbour<'w>(&self, words: &'w Words, j: isize) -> Neighbour<'w> {
        if j < 0 {
            Neighbour::Edge(BEFORE)
        } else if j as usize >= self.pieces.len() {
            Neighbour::Edge(AFTER)
        } else {
            Neighbour::Word(words.get(self.pieces[j as usize].id))
        }
    }
}

/// Describes the pieces of a text (their words through `words`) and what is around them.
/// Empty for a text without pieces.
/// The `Prepared` of a text, filled into `words`' scratch space and taken out of it (give it back
/// to `words.scratch` when done, so that its allocations serve the next text).
fn prepare(ctx: &Context<'_, '_>, words: &mut Words) -> Prepared {
    let doc = ctx.doc;
    let n = doc.pieces.len();
    let mut prep = std::mem::take(&mut words.scratch);
    let Prepared {
        pieces,
        spans,
        ends_before,
        starts_at,
        cover_start,
        covering,
        base,
        cue_before,
        cue_at,
        words: doc_words,
        own,
        run_of,
        in_paren,
        active,
        next,
        ..
    } = &mut prep;
    // Vectors emptied and sized anew, each filled as it was when made fresh.
    fn fill<T: Clone>(v: &mut Vec<T>, len: usize, value: T) {
        v.clear();
        v.resize(len, value);
    }
    pieces.clear();
    let mut start = true;
    let mut previous_marks = 0;
    for i in 0..n {
        let opens_line = i == 0 || !doc.same_line(i - 1);
        start = starts_sentence(doc, i, opens_line, start, previous_marks);
        let id = words.id(doc.piece(i), doc.pieces[i].kind, ctx.lowercase, ctx.lexicon);
        let w = words.get(id);
        pieces.push(Piece {
            id,
            word: w.word,
            shape: w.shape,
            flags: w.flags | if start { SENTENCE_START } else { 0 },
            marked: w.marked,
            joins: w.joins,
            marks: w.marks,
            opens_line,
        });
        previous_marks = w.marks;
    }
    let words = &*words;

    // Candidates as piece ranges.
    spans.clear();
    spans.extend(ctx.candidates.iter().filter_map(|c| {
        let first = doc.piece_starting_at(c.start)?;
        let end = doc.pieces_before(c.end).max(first + 1);
        let (source, gazetteer) = source_hash(c, ctx.custom_from);
        let (label, index) = label_code(c.label);
        Some(Span {
            first,
            end,
            source,
            label,
            ambiguous: c.ambiguous,
            gazetteer: index.filter(|_| gazetteer),
        })
    }));
    // Which spans cover each piece: `covering[cover_start[i]..cover_start[i + 1]]`.
    fill(ends_before, n + 1, 0);
    fill(starts_at, n + 1, 0);
    fill(cover_start, n + 1, 0);
    for s in spans.iter() {
        for c in &mut cover_start[s.first + 1..=s.end.min(n)] {
            *c += 1;
        }
        ends_before[s.end.min(n)] |= 1 << s.label;
        starts_at[s.first] |= 1 << s.label;
    }
    // Now `cover_start[i + 1]` counts the spans covering piece `i`: make them offsets.
    for i in 0..n {
        cover_start[i + 1] += cover_start[i];
    }
    fill(covering, cover_start[n] as usize, 0);
    next.clear();
    next.extend_from_slice(cover_start);
    for (k, s) in spans.iter().enumerate() {
        for at in &mut next[s.first..s.end.min(n)] {
            covering[*at as usize] = k as u32;
            *at += 1;
        }
    }

    // What the pipeline chose, as tags.
    fill(base, n, (0, 0));
    for c in ctx.chosen {
        let Some(first) = doc.piece_starting_at(c.start) else {
            continue;
        };
        let end = doc.pieces_before(c.end).max(first + 1).min(n);
        let (label, _) = label_code(c.label);
        let (source, _) = source_hash(c, ctx.custom_from);
        for (j, b) in base.iter_mut().enumerate().take(end).skip(first) {
            *b = (label * 2 + u64::from(j > first), source);
        }
    }

    // Cue phrases ending right before each piece, and starting right after: for each kind,
    // the longest phrase from each word on, on one line.
    fill(cue_before, n + 1, 0);
    fill(cue_at, n + 1, 0);
    let table = &*CUE_TABLE;
    for i in 0..n {
        if doc.pieces[i].kind != TokenKind::Word || !words.get(pieces[i].id).starts_phrase {
            continue;
        }
        let mut h = FNV_START;
        let mut longest = [0usize; 3];
        for k in 0..table.longest.min(n - i) {
            let j = i + k;
            if k > 0 {
                if pieces[j].opens_line {
                    break;
                }
                h = fnv(h, b" ");
            }
            h = fnv(h, words.get(pieces[j].id).folded.as_bytes());
            if let Some(&bits) = table.phrases.get(&h) {
                for (slot, bit) in [CUE_PERSON, CUE_ORG_MARKER, CUE_LOC_MARKER]
                    .iter()
                    .enumerate()
                {
                    if bits & bit != 0 {
                        longest[slot] = k + 1;
                    }
                }
            }
        }
        for (slot, bit) in [CUE_PERSON, CUE_ORG_MARKER, CUE_LOC_MARKER]
            .iter()
            .enumerate()
        {
            if longest[slot] > 0 {
                cue_before[i + longest[slot]] |= bit;
                cue_at[i] |= bit;
            }
        }
    }

    // The document: labels of list candidates per word, and how each word is written.
    // A map far larger than this text needs would cost its size to clear.
    if doc_words.capacity() > 4 * n + 64 {
        *doc_words = Map::default();
    }
    doc_words.clear();
    doc_words.reserve(n);
    fill(own, n, [0; 3]);
    for s in spans.iter() {
        let Some(l) = s.gazetteer else { continue };
        for (j, o) in own.iter_mut().enumerate().take(s.end.min(n)).skip(s.first) {
            if pieces[j].flags & PUNCT == 0 {
                let w = doc_words.entry(pieces[j].word).or_default();
                w.labels[l] = w.labels[l].saturating_add(1);
                o[l] += 1;
            }
        }
    }
    if !ctx.lowercase {
        // Lower-case uses are only asked about for capitalized words: count them for the words
        // already in the map, after the capitalized ones are, rather than make an entry for
        // every ordinary word (an entry of zeros gives no feature).
        let counted = |p: &&Piece| p.flags & (PUNCT | DIGIT) == 0;
        for p in pieces.iter().filter(counted) {
            if p.flags & CAPITALIZED != 0 {
                let w = doc_words.entry(p.word).or_default();
                w.capitalized = w
                    .capitalized
                    .saturating_add(u16::from(p.flags & SENTENCE_START == 0));
            }
        }
        for p in pieces.iter().filter(counted) {
            if p.flags & CAPITALIZED == 0 {
                if let Some(w) = doc_words.get_mut(&p.word) {
                    w.lower = w.lower.saturating_add(1);
                }
            }
        }
    }

    // Capitalized runs (`rules.rs`): which run each piece is in.
    fill(run_of, n, u32::MAX);
    for (r, run) in doc.runs.iter().enumerate() {
        for x in &mut run_of[run.start..run.end.min(n)] {
            *x = r as u32;
        }
    }
    // Inside parentheses on the line: depth > 0.
    fill(in_paren, n, false);
    let mut depth = 0u32;
    for (i, slot) in in_paren.iter_mut().enumerate() {
        if pieces[i].opens_line {
            depth = 0;
        }
        let marks = pieces[i].marks;
        if marks & OPEN_PAREN != 0 {
            depth += 1;
        } else if marks & CLOSE_PAREN != 0 {
            depth = depth.saturating_sub(1);
        } else {
            *slot = depth > 0;
        }
    }

    active.clear();
    active.extend((0..n).map(|i| {
        ctx.lowercase || pieces[i].marked || cover_start[i] != cover_start[i + 1] || {
            let left = i > 0 && pieces[i - 1].marked && !pieces[i].opens_line;
            let right = i + 1 < n && pieces[i + 1].marked && !pieces[i + 1].opens_line;
            (left && right) || (pieces[i].joins && (left || right))
        }
    }));
    prep
}

/// The features of active piece `i` that depend on its context, beyond its neighbours' words.
fn context_features(
    ctx: &Context<'_, '_>,
    prep: &Prepared,
    i: usize,
    f: &mut impl FnMut(u64, u64),
) {
    let doc = ctx.doc;
    let n = prep.pieces.len();
    // A property of piece `j`, or the marks for before the first and after the last.
    let at = |j: isize, property: fn(&Piece) -> u64| -> u64 {
        if j < 0 {
            BEFORE
        } else if j as usize >= n {
            AFTER
        } else {
            property(&prep.pieces[j as usize])
        }
    };
    let word_at = |j: isize| at(j, |p| p.word);
    let shape_at = |j: isize| at(j, |p| p.shape);
    let p = &prep.pieces[i];
    let ii = i as isize;
    f(t::BIGRAM_LEFT, mix(word_at(ii - 1), p.word));
    f(t::BIGRAM_RIGHT, mix(p.word, word_at(ii + 1)));
    f(
        t::SHAPES3,
        mix(mix(shape_at(ii - 1), p.shape), shape_at(ii + 1)),
    );
    f(t::FLAGS, u64::from(p.flags));
    f(
        t::FLAGS_PREV,
        mix(
            u64::from(p.flags),
            if i > 0 {
                u64::from(prep.pieces[i - 1].flags)
            } else {
                255
            },
        ),
    );

    // The capitalized run.
    // (Runs follow capitals: not in `lowercase` mode.)
    if let Some(run) = doc
        .runs
        .get(prep.run_of[i] as usize)
        .filter(|_| !ctx.lowercase)
    {
        let len = (run.end - run.start).min(6) as u64;
        let position = if i == run.start {
            0
        } else if i + 1 == run.end {
            2
        } else {
            1
        };
        f(t::RUN, mix(len, position));
        f(t::RUN_FIRST, mix(position, prep.pieces[run.start].word));
        f(t::RUN_LAST, mix(position, prep.pieces[run.end - 1].word));
    }
    if prep.in_paren[i] {
        f(
            t::PAREN,
            mix(u64::from(p.flags & ALL_CAPS), word_at(ii - 1)),
        );
    }

    // Candidates.
    if prep.cover_start[i] == prep.cover_start[i + 1] {
        f(t::CAND_NONE, 0);
    }
    for &k in &prep.covering[prep.cover_start[i] as usize..prep.cover_start[i + 1] as usize] {
        let s = &prep.spans[k as usize];
        let position = u64::from(i > s.first);
        let last = u64::from(i + 1 == s.end);
        f(t::CAND_SOURCE, mix(mix(s.source, s.label), position));
        f(
            t::CAND_LEN,
            mix(mix(s.label, position), (s.end - s.first).min(5) as u64),
        );
        f(t::CAND_END, mix(mix(s.label, position), last));
        f(t::CAND_LABEL_SHAPE, mix(mix(s.label, position), p.shape));
        if s.ambiguous {
            f(t::CAND_AMBIGUOUS, mix(s.label, u64::from(p.flags)));
        }
        // A candidate's words, only without case: with case the model overfits them (cased
        // mean dev F1 over six seeds 0.8078 with them, 0.8106 without; on the news
        // corpus 2,351 names lost and 2,088 gained, a hand-read sample as often better as
        // worse), and the candidates' other features carry what they say.
        if ctx.lowercase {
            let key = mix(s.label, position);
            f(t::CAND_WORD_BEFORE, mix(key, word_at(s.first as isize - 1)));
            f(t::CAND_WORD_AFTER, mix(key, word_at(s.end as isize)));
            f(t::CAND_WORD, mix(key, p.word));
        }
    }
    if prep.ends_before[i] != 0 {
        f(t::CAND_ENDS_BEFORE, u64::from(prep.ends_before[i]));
    }
    if prep.starts_at[i + 1] != 0 {
        f(t::CAND_STARTS_AFTER, u64::from(prep.starts_at[i + 1]));
    }

    // The pipeline's choice.
    let (tag, source) = prep.base[i];
    f(t::BASE, tag);
    if tag != 0 {
        f(t::BASE_SOURCE, mix(tag, source));
        f(t::BASE_WORD, mix(tag, p.word));
    }
    f(t::BASE_PREV, if i > 0 { prep.base[i - 1].0 } else { 99 });
    f(
        t::BASE_NEXT,
        if i + 1 < n { prep.base[i + 1].0 } else { 99 },
    );

    // Cues.
    if prep.cue_before[i] != 0 {
        f(t::CUE_BEFORE, u64::from(prep.cue_before[i]));
        f(
            t::CUE_BEFORE_SHAPE,
            mix(u64::from(prep.cue_before[i]), p.shape),
        );
    }
    if prep.cue_at[i + 1] != 0 {
        f(t::CUE_AFTER, u64::from(prep.cue_at[i + 1]));
    }

    // The document.
    if p.flags & PUNCT == 0 {
        if let Some(w) = prep.words.get(&p.word) {
            for (l, (&all, &mine)) in w.labels.iter().zip(&prep.own[i]).enumerate() {
                if all > mine {
                    f(t::DOC_LABEL, l as u64);
                }
            }
            if p.flags & CAPITALIZED != 0 && w.lower > 0 {
                f(t::DOC_LOWER, u64::from(p.flags & SENTENCE_START));
            }
            let mine = u16::from(p.flags & CAPITALIZED != 0 && p.flags & SENTENCE_START == 0);
            if w.capitalized > mine {
                f(t::DOC_CAPITALIZED, u64::from(p.flags & CAPITALIZED));
            }
        }
    }
}

/// Calls `emit(piece, features)` once for every active piece, in piece order, with all its
/// features, and returns which pieces are active.
///
/// In cased text (not `lowercase`), a piece is active when it has a capital letter or a digit,
/// when a candidate covers it, when both pieces next to it on its line have a capital or a
/// digit, or when one does and it stands inside names in the train splits (`dan`, `de`, `-`,
/// `(`; `gazetteers/cues/name_joiners.txt`). An inactive piece gets no features and is always
/// `O`: in cased text a name without any capital (`kementerian luar negeri`) is rare in the
/// train splits (about 1% of the pieces of entities, mostly in lower-case news asides), and
/// skipping the other pieces (half of them) halves the model's time. Reading a piece beside a
/// capitalized one only if it joins names or stands between two such pieces (not `kata` in
/// `kata Budi`) took another 9% of the instructions with the model (513 → 469 M per MB of news)
/// at the same mean dev F1 of the cased model over four seeds (0.8146 and 0.8147); 76 of the
/// 949 pieces without a capital inside the train splits' names beside a capitalized one are
/// now outside. Every piece is active in `lowercase` mode.
pub(crate) fn extract(ctx: &Context<'_, '_>, mut emit: impl FnMut(usize, &[u32])) -> Vec<bool> {
    let mut words = Words::default();
    let prep = prepare(ctx, &mut words);
    let mut features: Vec<u32> = Vec::with_capacity(64);
    for i in (0..prep.pieces.len()).filter(|&i| prep.active[i]) {
        features.clear();
        let mut f = |template: u64, value: u64| features.push(mix(template, value) as u32);
        own_features(words.get(prep.pieces[i].id), &mut f);
        for (k, d) in OFFSETS.into_iter().enumerate() {
            neighbour_features(k, prep.neighbour(&words, i as isize + d), &mut f);
        }
        context_features(ctx, &prep, i, &mut f);
        emit(i, &features);
    }
    prep.active
}

/// The tag scores of each piece, the sums of the `row`s of its features as [`extract`] gives
/// them ([`viterbi::ONLY_O`] for an inactive piece), and which pieces are active (give both
/// back with [`Words::recycle`] when done). The rows of a word's own and neighbour features
/// are summed once and kept in `words`.
pub(crate) fn score<'r>(
    ctx: &Context<'_, '_>,
    words: &mut Words,
    row: impl Fn(u32) -> &'r [i16; WIDTH],
) -> (Vec<[i32; WIDTH]>, Vec<bool>) {
    let mut prep = prepare(ctx, words);
    let n = prep.pieces.len();
    let mut emissions = std::mem::take(&mut words.emissions);
    emissions.clear();
    emissions.resize(n, viterbi::ONLY_O);
    let mut features = std::mem::take(&mut prep.features);
    for i in (0..n).filter(|&i| prep.active[i]) {
        let mut acc = words.rows(prep.pieces[i].id, &row)[0];
        for (k, d) in OFFSETS.into_iter().enumerate() {
            let j = i as isize + d;
            match prep.neighbour(words, j) {
                Neighbour::Word(_) => {
                    let rows = words.rows(prep.pieces[j as usize].id, &row);
                    for t in 0..WIDTH {
                        acc[t] += rows[k + 1][t];
                    }
                }
                edge => neighbour_features(k, edge, &mut |t, v| {
                    add_row(&mut acc, row(mix(t, v) as u32));
                }),
            }
        }
        // The features first, then their rows: the rows' loads, most of them from main
        // memory, are then independent of each other and overlap.
        features.clear();
        context_features(ctx, &prep, i, &mut |t, v| features.push(mix(t, v) as u32));
        for &f in &features {
            add_row(&mut acc, row(f));
        }
        emissions[i] = acc;
    }
    let active = std::mem::take(&mut prep.active);
    prep.features = features;
    words.scratch = prep;
    (emissions, active)
}

/// What the features of a piece describe, for [`evidence`]: a text, and the piece it quotes
/// (by its offset from the piece explained), if any. [`evidence_kind`] indexes it.
const EVIDENCE: [(&str, Option<isize>); 12] = [
    ("the word ", Some(0)),
    ("how it is written: ", Some(0)),
    // The neighbours, in the order of `OFFSETS`.
    ("two words before, ", Some(-2)),
    ("the word before, ", Some(-1)),
    ("the word after, ", Some(1)),
    ("two words after, ", Some(2)),
    ("in names of the lists: ", Some(0)),
    ("what the lists and rules chose around it", None),
    ("cue words", None),
    ("the same word elsewhere in the text", None),
    ("its capitalized run", None),
    ("a list's or rule's proposal", None),
];

/// Which entry of [`EVIDENCE`] a feature template's features describe; `None` for the bias.
fn evidence_kind(template: u64) -> Option<usize> {
    const NEIGHBOUR: usize = 2;
    Some(match template {
        t::BIAS => return None,
        t::WORD | t::WORD_SHAPE | t::CLASS_COARSE | t::CLASS_FINE => 0,
        t::SHAPE
        | t::SHAPE_LEN
        | t::SHAPES3
        | t::PREFIX2
        | t::PREFIX3
        | t::PREFIX4
        | t::SUFFIX2
        | t::SUFFIX3
        | t::SUFFIX4
        | t::FLAGS
        | t::FLAGS_PREV => 1,
        x if (t::WORD_AT..t::WORD_AT + 4).contains(&x) => NEIGHBOUR + (x - t::WORD_AT) as usize,
        x if (t::SHAPE_AT..t::SHAPE_AT + 4).contains(&x) => NEIGHBOUR + (x - t::SHAPE_AT) as usize,
        x if (t::CLASS_AT..t::CLASS_AT + 4).contains(&x) => NEIGHBOUR + (x - t::CLASS_AT) as usize,
        t::BIGRAM_LEFT | t::LEX_PREV => NEIGHBOUR + 1,
        t::BIGRAM_RIGHT | t::LEX_NEXT => NEIGHBOUR + 2,
        t::LEX | t::LEX_SHAPE => 6,
        t::BASE | t::BASE_SOURCE | t::BASE_PREV | t::BASE_NEXT | t::BASE_WORD => 7,
        t::CUE | t::CUE_BEFORE | t::CUE_BEFORE_SHAPE | t::CUE_AFTER => 8,
        t::DOC_LABEL | t::DOC_LOWER | t::DOC_CAPITALIZED => 9,
        t::RUN | t::RUN_FIRST | t::RUN_LAST | t::PAREN => 10,
        t::CAND_SOURCE
        | t::CAND_LEN
        | t::CAND_END
        | t::CAND_AMBIGUOUS
        | t::CAND_ENDS_BEFORE
        | t::CAND_STARTS_AFTER
        | t::CAND_NONE
        | t::CAND_LABEL_SHAPE
        | t::CAND_WORD_BEFORE
        | t::CAND_WORD_AFTER
        | t::CAND_WORD => 11,
        _ => return None,
    })
}

/// Why piece `i` of the text [`score`] scored last with `words` took `tag` rather than `O`:
/// what the features that favour `tag` most describe (summed by [`evidence_kind`]), up to
/// three, strongest first, joined by `; ` (`the word before, "Menurut"; how it is written:
/// "Zorbanius"`). `row` must be the rows `score` read.
pub(crate) fn evidence<'r>(
    ctx: &Context<'_, '_>,
    words: &Words,
    i: usize,
    tag: u8,
    row: impl Fn(u32) -> &'r [i16; WIDTH],
) -> String {
    let prep = &words.scratch;
    let mut sums = [0i32; EVIDENCE.len()];
    let tag = usize::from(tag);
    let mut f = |template: u64, value: u64| {
        let kind = evidence_kind(template);
        debug_assert!(kind.is_some() || template == t::BIAS, "template {template}");
        if let Some(kind) = kind {
            let r = row(mix(template, value) as u32);
            sums[kind] += i32::from(r[tag]) - i32::from(r[usize::from(viterbi::O)]);
        }
    };
    own_features(words.get(prep.pieces[i].id), &mut f);
    for (k, d) in OFFSETS.into_iter().enumerate() {
        neighbour_features(k, prep.neighbour(words, i as isize + d), &mut f);
    }
    context_features(ctx, prep, i, &mut f);
    // The three strongest kinds, strongest first (the first of equals).
    let mut top: [Option<usize>; 3] = [None; 3];
    for k in (0..sums.len()).filter(|&k| sums[k] > 0) {
        let at = top.iter().position(|t| t.is_none_or(|t| sums[k] > sums[t]));
        if let Some(at) = at {
            top[at..].rotate_right(1);
            top[at] = Some(k);
        }
    }
    let mut out = String::with_capacity(96);
    let quoted = |out: &mut String, j: isize| match usize::try_from(j)
        .ok()
        .filter(|&j| j < prep.pieces.len())
    {
        Some(j) => {
            out.push('"');
            out.push_str(ctx.doc.piece(j));
            out.push('"');
        }
        None if j < 0 => out.push_str("the text's start"),
        None => out.push_str("the text's end"),
    };
    for k in top.into_iter().flatten() {
        if !out.is_empty() {
            out.push_str("; ");
        }
        let (text, piece) = EVIDENCE[k];
        out.push_str(text);
        if let Some(d) = piece {
            quoted(&mut out, i as isize + d);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tokenize::tokenize;

    fn features(text: &str, lowercase: bool) -> Vec<Vec<u32>> {
        let tokens = tokenize(text);
        let doc = Doc::new(text, tokens, crate::fold::Folded::new(text));
        let ctx = Context {
            doc: &doc,
            candidates: &[],
            chosen: &[],
            custom_from: 0,
            lowercase,
            lexicon: &Lexicon::default(),
        };
        let mut out = vec![Vec::new(); doc.pieces.len()];
        let active = extract(&ctx, |i, f| out[i].extend_from_slice(f));
        for (features, active) in out.iter().zip(active) {
            assert_eq!(features.is_empty(), !active);
        }
        out
    }

    #[test]
    fn hashes_are_fixed() {
        // The trained weights depend on these values.
        assert_eq!(hash_bytes(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(hash_bytes(b"a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(mix(1, 2), mix(1, 2));
        assert_ne!(mix(1, 2), mix(2, 1));
    }

    #[test]
    fn pieces_beside_capitals_are_read_if_they_join_names() {
        // Which pieces get features: capitalized ones, `dan` and `de` (they join names), a
        // comma between two capitalized pieces; not `kata`, `tiba`, `di` beside one, nor the
        // comma after `Bandung` or the period after `Budi`.
        let text = "kata Budi dan Ani, Luigi de Agostini, Jakarta tiba di Bandung, lalu Budi.";
        let active: Vec<&str> = features(text, false)
            .iter()
            .zip(tokenize(text))
            .filter(|(f, _)| !f.is_empty())
            .map(|(_, t)| &text[t.start..t.end])
            .collect();
        assert_eq!(
            active,
            [
                "Budi", "dan", "Ani", ",", "Luigi", "de", "Agostini", ",", "Jakarta", "Bandung",
                "Budi"
            ]
        );
    }

    #[test]
    fn same_text_same_features_and_case_blind_when_lowercase() {
        let a = features("Presiden Joko Widodo tiba di Bandung.", false);
        assert_eq!(a, features("Presiden Joko Widodo tiba di Bandung.", false));
        assert_eq!(a.len(), 7);
        assert_ne!(a, features("presiden joko widodo tiba di bandung.", false));
        assert_eq!(
            features("Presiden Joko Widodo tiba di Bandung.", true),
            features("presiden joko widodo tiba di bandung.", true)
        );
    }

    /// `evidence` names what the rows favour most, strongest first, and nothing they do not
    /// favour.
    #[cfg(feature = "embedded")]
    #[test]
    fn evidence_names_the_strongest_kinds_first() {
        let text = "Ketua RT setempat , Zorbanius , mengatakan banjir surut .";
        let tagger = crate::Tagger::embedded();
        let stages = tagger.stages(text, true, None);
        let lexicon = Lexicon::default();
        let ctx = Context {
            doc: &stages.doc,
            candidates: &stages.candidates,
            chosen: &stages.chosen,
            custom_from: tagger.custom_from(),
            lowercase: false,
            lexicon: &lexicon,
        };
        // Rows that favour `B-PER` (tag 1) for the word `Zorbanius` and, twice as much, for
        // the word two after it, and `O` for the word before it.
        let word = |w: &str| hash_bytes(w.as_bytes());
        let strong = mix(t::WORD_AT + 3, word("mengatakan")) as u32;
        let weak = mix(t::WORD, word("zorbanius")) as u32;
        let against = mix(t::WORD_AT + 1, word(",")) as u32;
        let rows: [[i16; WIDTH]; 4] = [
            [0; WIDTH],
            [0, 200, 0, 0, 0, 0, 0, 0],
            [0, 100, 0, 0, 0, 0, 0, 0],
            [100, 0, 0, 0, 0, 0, 0, 0],
        ];
        let row = |f: u32| match f {
            f if f == strong => &rows[1],
            f if f == weak => &rows[2],
            f if f == against => &rows[3],
            _ => &rows[0],
        };
        let mut words = Words::default();
        score(&ctx, &mut words, row);
        let i = (0..stages.doc.pieces.len())
            .find(|&i| stages.doc.piece(i) == "Zorbanius")
            .unwrap();
        assert_eq!(
            evidence(&ctx, &words, i, 1, row),
            "two words after, \"mengatakan\"; the word \"Zorbanius\""
        );
        // For `B-LOC` (tag 3) nothing counts.
        assert_eq!(evidence(&ctx, &words, i, 3, row), "");
    }

    /// `score` (words described once, rows summed per word) gives the sums of the rows of the
    /// features `extract` gives, whatever the words seen before.
    #[cfg(feature = "embedded")]
    #[test]
    fn scores_equal_the_sums_of_extracted_features() {
        let mut seed = 7u64;
        let rows: Vec<[i16; WIDTH]> = (0..4099)
            .map(|_| {
                std::array::from_fn(|_| {
                    seed = seed
                        .wrapping_mul(6_364_136_223_846_793_005)
                        .wrapping_add(1_442_695_040_888_963_407);
                    (seed >> 48) as i16
                })
            })
            .collect();
        let row = |f: u32| &rows[f as usize % rows.len()];
        let texts = [
            "",
            "Jokowi",
            "Di Jenewa.",
            "Presiden Joko Widodo tiba di Bandung, Jawa Barat, Senin (12/3).",
            "Menteri Luar Negeri Armenia Zohrab Mnatsakanyan bertemu Menlu Azerbaijan Jeyhun \
             Bayramov di Jenewa; Mnatsakanyan mengatakan...",
            "PT Bank Central Asia Tbk (BCA) melapor ke Otoritas Jasa Keuangan (OJK).\n\
             BCA naik 2,5 persen. KEMENTERIAN KEUANGAN dan kementerian keuangan.",
            "Diyarbakır, İstanbul dan Zürich – «Ankara» sebut “Erdoğan”: ÇANAKKALE 2019…",
            "kata Anies Baswedan di Jakarta Utara. Jakarta-nya ramai, ujar Budi.",
            "\u{200b}\u{feff}x ( ) ) ( Gus Dur (KH Abdurrahman Wahid) 1 2 3 ABC-DEF a.b.c.",
        ];
        let tagger = crate::Tagger::embedded();
        for lowercase in [false, true] {
            let lexicon = crate::model::embedded(lowercase, None)
                .map(|m| m.lexicon.clone())
                .unwrap_or_default();
            // One `Words` for all texts, twice over: later texts meet words seen before.
            let mut words = Words::default();
            for text in texts.iter().chain(&texts) {
                let stages = tagger.stages(text, true, None);
                let ctx = Context {
                    doc: &stages.doc,
                    candidates: &stages.candidates,
                    chosen: &stages.chosen,
                    custom_from: tagger.custom_from(),
                    lowercase,
                    lexicon: &lexicon,
                };
                let mut expected = vec![viterbi::ONLY_O; stages.doc.pieces.len()];
                let active = extract(&ctx, |i, features| {
                    let mut acc = [0; WIDTH];
                    for &f in features {
                        add_row(&mut acc, row(f));
                    }
                    expected[i] = acc;
                });
                let (emissions, score_active) = score(&ctx, &mut words, row);
                assert_eq!(score_active, active, "{text:?}");
                assert_eq!(emissions, expected, "{text:?} lowercase {lowercase}");
            }
        }
    }

    #[test]
    fn ascii_stats_equal_char_stats() {
        let mut seed = 0x1234_5678_9abc_def0u64;
        for len in 0..40 {
            for _ in 0..500 {
                let word: String = (0..len)
                    .map(|_| {
                        seed = seed
                            .wrapping_mul(6_364_136_223_846_793_005)
                            .wrapping_add(1_442_695_040_888_963_407);
                        char::from((seed >> 33) as u8 & 0x7f)
                    })
                    .collect();
                assert_eq!(Stats::of_ascii(&word), Stats::of_chars(&word), "{word:?}");
            }
        }
    }

    #[test]
    fn empty_text_has_no_features() {
        assert!(features("", false).is_empty());
        assert!(features("   \n ", false).is_empty());
    }
}
