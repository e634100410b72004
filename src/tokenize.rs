//! Stage 1: split text into tokens (UAX #29 word bounds, adjusted for Indonesian) and mark where
//! a name may start and end.
//!
//! Adjustments to plain UAX #29:
//! - An abbreviation keeps its period (`Jl.`, `Prof.`, `Tbk.`, listed in
//!   `gazetteers/abbreviations.txt`), and so does an initialism (`S.H.`, `M.Si.`).
//! - A hyphen glues two words into one unless the right part is capitalized (or the tagger
//!   ignores case) and no repetition of the left (`Jakarta-Bandung`, `anti-Israel`), or is an
//!   enclitic (`Jakarta-nya`, listed in `gazetteers/enclitics.txt`). So reduplications
//!   (`negara-negara`, `mengada-ngada`) contain no name, and `Jakarta-nya` contains `Jakarta`.
//! - A solid enclitic (`Jakartanya`) is one word and contains no name: stripping `-nya` from
//!   every word would cut real names such as `Kenya`.
//! - Apostrophes inside words stay inside (`Ma'ruf`, `Ma’ruf`): UAX #29 already does this.

use crate::fast_hash::FastSet;

use once_cell::sync::Lazy;

use crate::word_bounds::{is_word_byte, piece_end};

/// What a token is made of.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum TokenKind {
    /// Contains a letter or a digit.
    Word,
    /// Punctuation or symbols.
    Punct,
}

/// A token with its byte offsets in the text. (Char offsets are counted only for entities:
/// counting them for every token cost time and 16 bytes a token.)
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Token {
    pub start: usize,
    pub end: usize,
    pub kind: TokenKind,
}

/// Match boundaries: `START` where a name may begin, `END` where one may end (byte positions).
pub(crate) const START: u8 = 1;
pub(crate) const END: u8 = 2;

fn word_list(data: &'static str) -> FastSet<&'static str> {
    data.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .collect()
}

static ABBREVIATIONS: Lazy<FastSet<&'static str>> =
    Lazy::new(|| word_list(include_str!("../gazetteers/abbreviations.txt")));
static ENCLITICS: Lazy<FastSet<&'static str>> =
    Lazy::new(|| word_list(include_str!("../gazetteers/enclitics.txt")));

/// Whether `word` is an enclitic or particle that a hyphen glues to the word before it
/// (`Jokowi-lah`, `Bandung-pun`): no part of a name.
pub(crate) fn is_enclitic(word: &str) -> bool {
    ENCLITICS.contains(word)
}

/// Whether a piece is a hyphen (`-`, U+2010, U+2011).
pub(crate) fn is_hyphen(s: &str) -> bool {
    matches!(s, "-" | "\u{2010}" | "\u{2011}")
}

/// An initialism such as `S.H` or `M.Si`: short letter groups joined by periods.
fn is_initialism(word: &str) -> bool {
    word.contains('.')
        && word.split('.').all(|part| {
            (1..=4).contains(&part.chars().count()) && part.chars().all(char::is_alphabetic)
        })
}

fn starts_upper(s: &str) -> bool {
    s.chars().next().is_some_and(char::is_uppercase)
}

/// The kind of a UAX #29 piece, `None` for white space.
fn kind_of(piece: &str) -> Option<TokenKind> {
    if piece.chars().any(char::is_alphanumeric) {
        Some(TokenKind::Word)
    } else if piece.chars().all(char::is_whitespace) {
        None
    } else {
        Some(TokenKind::Punct)
    }
}

/// [`kind_of`] for a piece the ASCII rules found ([`piece_end`]): a word, white space, or one
/// other character. Its first byte tells, unless it is `_`.
fn kind_of_ascii(piece: &[u8]) -> Option<TokenKind> {
    match piece[0] {
        b if b.is_ascii_alphanumeric() => Some(TokenKind::Word),
        b'_' if piece.iter().any(u8::is_ascii_alphanumeric) => Some(TokenKind::Word),
        b if b.is_ascii_whitespace() || b == 0x0B => None,
        _ => Some(TokenKind::Punct),
    }
}

/// Splits `text` into its tokens, in order: the UAX #29 word-bound pieces that are not white
/// space (a word, with the period of an abbreviation or initialism; a punctuation mark or
/// symbol). Only white space lies between them. (White-space pieces were tokens too, half of
/// them, and nothing needed them but to find line breaks, which the text between two tokens
/// shows.)
pub(crate) fn tokenize(text: &str) -> Vec<Token> {
    let mut tokens = Vec::new();
    tokenize_into(text, &mut tokens);
    tokens
}

/// [`tokenize`] into `tokens`, which is cleared first: the tagger reuses one vector. Returns
/// whether a word has a period right before a letter (`Zyx.com`, `a.n.`, not `1.000`): only such
/// a text may hold the name of a site (`rules/web_name.rs`), and only the slow path below makes
/// such words.
pub(crate) fn tokenize_into(text: &str, tokens: &mut Vec<Token>) -> bool {
    let mut inner_period = false;
    tokens.clear();
    // News averages a token (not space) per 6.5 bytes; growing the vector cost more.
    tokens.reserve(text.len() / 6 + 1);
    let bytes = text.as_bytes();
    let mut start = 0;
    while start < text.len() {
        // The commonest pieces end where their bytes say, when an ASCII byte follows (a
        // non-ASCII one might join them: `piece_end` decides those): a run of spaces, a word
        // not followed by a mark that may join it to the next (`a.b`, `1,5`), one
        // punctuation mark.
        match quick_piece(bytes, start) {
            Some((end, None)) => {
                start = end;
                continue;
            }
            Some((mut end, Some(kind))) => {
                // A plain word's period stands alone ([`quick_piece`]); it is the word's
                // if the two are an abbreviation (a plain word is no initialism).
                if bytes.get(end) == Some(&b'.') && ABBREVIATIONS.contains(&text[start..end + 1]) {
                    end += 1;
                }
                tokens.push(Token { start, end, kind });
                start = end;
                continue;
            }
            None => {}
        }
        let (mut end, ascii) = piece_end(text, start);
        let kind = if ascii {
            kind_of_ascii(&bytes[start..end])
        } else {
            kind_of(&text[start..end])
        };
        let Some(kind) = kind else {
            start = end;
            continue;
        };
        // A word and the `.` piece after it.
        if kind == TokenKind::Word
            && bytes.get(end) == Some(&b'.')
            && piece_end(text, end).0 == end + 1
        {
            let with_period = &text[start..end + 1];
            if ABBREVIATIONS.contains(with_period) || is_initialism(&text[start..end]) {
                end += 1;
            }
        }
        inner_period |= kind == TokenKind::Word && has_period_before_letter(&bytes[start..end]);
        tokens.push(Token { start, end, kind });
        start = end;
    }
    inner_period
}

/// Whether `word` has a period right before an ASCII letter (`Zyx.com`, not `1.000`).
pub(crate) fn has_period_before_letter(word: &[u8]) -> bool {
    word.windows(2)
        .any(|w| w[0] == b'.' && w[1].is_ascii_alphabetic())
}

/// Whether `gap`, the bytes between two tokens, hold a line break. Bytes: a `str` slice
/// checks both its ends for char boundaries (1% of the tagging instructions). A plain loop: the
/// gap is mostly one space, and both `str::contains` (a substring search) and
/// `<[u8]>::contains` (a `memchr` call) cost more to set up than to run.
#[inline]
#[allow(clippy::manual_contains)] // `contains` is the `memchr` call this avoids
pub(crate) fn breaks_line(gap: &[u8]) -> bool {
    gap.iter().any(|&b| b == b'\n')
}

/// Where the piece at `start` ends and its kind (`None`: white space), if its bytes alone
/// decide it; see [`tokenize`].
#[inline]
fn quick_piece(bytes: &[u8], start: usize) -> Option<(usize, Option<TokenKind>)> {
    let ascii_after = |end: usize| bytes.get(end).is_none_or(u8::is_ascii);
    match bytes[start] {
        b' ' => {
            let mut end = start + 1;
            while bytes.get(end) == Some(&b' ') {
                end += 1;
            }
            ascii_after(end).then_some((end, None))
        }
        b if b.is_ascii_alphanumeric() => {
            let rest = &bytes[start + 1..];
            let end = start
                + 1
                + rest
                    .iter()
                    .position(|&b| !is_word_byte(b))
                    .unwrap_or(rest.len());
            let ends = match bytes.get(end) {
                None => true,
                // These marks join a word only to a letter or digit right after them (`a.b`,
                // `1,5`); any other ASCII byte after them decides it.
                Some(b'.' | b'\'' | b':' | b',' | b';') => bytes
                    .get(end + 1)
                    .is_none_or(|&b| b.is_ascii() && !b.is_ascii_alphanumeric()),
                Some(&b) => b.is_ascii(),
            };
            ends.then_some((end, Some(TokenKind::Word)))
        }
        b if b.is_ascii_punctuation() && b != b'_' => {
            ascii_after(start + 1).then_some((start + 1, Some(TokenKind::Punct)))
        }
        _ => None,
    }
}

/// For each byte position `0..=text.len()`, whether a name may start (`START`) or end (`END`)
/// there.
#[cfg(test)]
pub(crate) fn boundaries(text: &str, tokens: &[Token]) -> Vec<u8> {
    let mut flags = Vec::new();
    boundaries_into(text, tokens, false, &mut flags);
    flags
}

/// `boundaries` into `flags`, whatever it held: the tagger reuses one vector. With
/// `ignore_case` (text that may lack capitals) a hyphen between two different words keeps
/// both sides open whatever their case: `jokowi-jk` holds two names as `Jokowi-JK` does.
pub(crate) fn boundaries_into(
    text: &str,
    tokens: &[Token],
    ignore_case: bool,
    flags: &mut Vec<u8>,
) {
    flags.clear();
    flags.resize(text.len() + 1, 0);
    for t in tokens {
        flags[t.start] |= START;
        flags[t.end] |= END;
        if t.end - t.start > 1 && text.as_bytes()[t.end - 1] == b'.' {
            // `Tbk.` may end a name with or without its period.
            flags[t.end - 1] |= END;
        }
    }
    for w in tokens.windows(3) {
        let (left, hyphen, right) = (&w[0], &w[1], &w[2]);
        // Glued: nothing between the three.
        if left.end != hyphen.start
            || hyphen.end != right.start
            || left.kind != TokenKind::Word
            || right.kind != TokenKind::Word
            || hyphen.end - hyphen.start > 3
            || !is_hyphen(&text[hyphen.start..hyphen.end])
        {
            continue;
        }
        let (l, r) = (&text[left.start..left.end], &text[right.start..right.end]);
        if ENCLITICS.contains(r) {
            flags[right.start] &= !START;
        } else if !(ignore_case || starts_upper(r)) || is_reduplication(l, r) {
            flags[left.end] &= !END;
            flags[right.start] &= !START;
        }
    }
}

/// Whether `l-r` repeats a word, also with an affix on either side (`negara-negara`,
/// `mengada-ngada`, `mudah-mudahan`): one word, whatever its case.
fn is_reduplication(l: &str, r: &str) -> bool {
    let (l, r) = (l.to_lowercase(), r.to_lowercase());
    // Not `S-Selatan`: an affix is more than a letter or two.
    l == r || (l.len().min(r.len()) >= 3 && (l.ends_with(&r) || r.starts_with(&l)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<&str> {
        tokenize(text)
            .iter()
            .map(|t| &text[t.start..t.end])
            .collect()
    }

    /// The tokens in order, and only white space outside them: the UAX #29 pieces that are
    /// not all white space, an abbreviation's period joined to its word.
    fn assert_tokens_are_the_pieces(text: &str) {
        use unicode_segmentation::UnicodeSegmentation;
        let tokens = tokenize(text);
        let mut at = 0;
        for t in &tokens {
            assert!(at <= t.start && t.start < t.end, "{text:?}: {t:?}");
            assert!(
                text[at..t.start].chars().all(char::is_whitespace),
                "{text:?}"
            );
            at = t.end;
        }
        assert!(text[at..].chars().all(char::is_whitespace), "{text:?}");
        let pieces: Vec<&str> = text
            .split_word_bounds()
            .filter(|p| !p.chars().all(char::is_whitespace))
            .collect();
        let joined: Vec<String> = tokens
            .iter()
            .map(|t| text[t.start..t.end].to_string())
            .collect();
        assert_eq!(joined.concat(), pieces.concat(), "{text:?}");
    }

    #[test]
    fn says_whether_a_word_has_a_period_inside() {
        let inner = |text: &str| tokenize_into(text, &mut Vec::new());
        assert!(inner("kata Zyxnews.com kemarin"));
        assert!(inner("a.n. Budi"));
        assert!(!inner("Harga naik. Lalu Jl. Sudirman ditutup."));
        assert!(!inner("Kafé” itu, 1.000 orang, é."));
        assert!(!inner("Rp1.500.000"));
    }

    #[test]
    fn tokens_are_the_pieces_that_are_not_space() {
        assert_tokens_are_the_pieces("Menlu Ma’ruf tiba di Jenewa, Swiss — 30/10.");
        assert_tokens_are_the_pieces("  Jl. Sudirman\n\n Prof. Dr. Budi\u{a0}\u{2003}x \u{301}y\t");
        assert_tokens_are_the_pieces("");
        assert_tokens_are_the_pieces(" \n ");
    }

    proptest::proptest! {
        #[test]
        fn kinds_are_those_of_the_characters(
            text in "([a-zA-Z0-9_ .,'\"\t\r\n\x0b\x0c\x01-]|é|\u{301}|’){0,24}"
        ) {
            for t in tokenize(&text) {
                let piece = &text[t.start..t.end];
                // An abbreviation's token takes its period; the kind is the word's.
                let word = piece.strip_suffix('.').filter(|w| !w.is_empty()).unwrap_or(piece);
                proptest::prop_assert_eq!(Some(t.kind), kind_of(word), "{:?}", piece);
            }
            assert_tokens_are_the_pieces(&text);
        }
    }

    #[test]
    fn abbreviations_and_initialisms_keep_their_period() {
        assert_eq!(words("Jl. Sudirman"), ["Jl.", "Sudirman"]);
        assert_eq!(
            words("Prof. Dr. Budi, S.H. hadir."),
            ["Prof.", "Dr.", "Budi", ",", "S.H.", "hadir", "."]
        );
        assert_eq!(
            words("PT Maju Tbk. dan Kab. Bogor"),
            ["PT", "Maju", "Tbk.", "dan", "Kab.", "Bogor"]
        );
        // At the end of the text, before a mark, and not where the period joins two words.
        assert_eq!(
            words("Maju Tbk., lalu ke Jl."),
            ["Maju", "Tbk.", ",", "lalu", "ke", "Jl."]
        );
        assert_eq!(words("Jl.Sudirman"), ["Jl.Sudirman"]);
        assert_eq!(
            words("H. Ahmad dan Hj. Siti, M.Si."),
            ["H.", "Ahmad", "dan", "Hj.", "Siti", ",", "M.Si."]
        );
        // An ordinary word at the end of a sentence does not take the period.
        assert_eq!(words("ke Bogor."), ["ke", "Bogor", "."]);
        assert_eq!(words("dari iNews.id."), ["dari", "iNews.id", "."]);
    }

    #[test]
    fn uax29_pieces_we_rely_on() {
        assert_eq!(words("Ma'ruf Amin"), ["Ma'ruf", "Amin"]);
        assert_eq!(words("Ma’ruf"), ["Ma’ruf"]);
        assert_eq!(words("Nagorno-Karabakh"), ["Nagorno", "-", "Karabakh"]);
        assert_eq!(
            words("e-KTP Rp1.000,50 No. 5"),
            ["e", "-", "KTP", "Rp1.000,50", "No.", "5"]
        );
        assert_eq!(words("iNews.id"), ["iNews.id"]);
    }

    fn can_start(text: &str, at: &str) -> bool {
        let flags = boundaries(text, &tokenize(text));
        flags[text.find(at).unwrap()] & START != 0
    }

    fn can_end(text: &str, before: &str) -> bool {
        let flags = boundaries(text, &tokenize(text));
        flags[text.find(before).unwrap()] & END != 0
    }

    #[test]
    fn hyphen_rules() {
        // Enclitic after a hyphen: the name before it can end there.
        assert!(can_end("Jakarta-nya", "-nya"));
        assert!(!can_start("Jakarta-nya", "nya"));
        assert!(can_end("Jokowi-lah yang", "-lah"));
        // Reduplication glues.
        assert!(!can_end("negara-negara", "-negara"));
        assert!(!can_end("Bangsa-Bangsa", "-Bangsa"));
        // Two different capitalized words: both are names.
        assert!(can_end("Jakarta-Bandung", "-Bandung"));
        assert!(can_start("Jakarta-Bandung", "Bandung"));
        assert!(can_start("anti-Israel", "Israel"));
        // A lowercase right part glues: `Al-azhar` style or compounds.
        assert!(!can_end("Kota-kota", "-kota"));
    }

    fn ignoring_case(text: &str) -> Vec<u8> {
        let mut flags = Vec::new();
        boundaries_into(text, &tokenize(text), true, &mut flags);
        flags
    }

    #[test]
    fn hyphen_rules_ignoring_case() {
        // Without capitals, two different words are two words: `jokowi-jk` as `Jokowi-JK`.
        let flags = ignoring_case("pasangan jokowi-jk menang");
        assert_ne!(flags["pasangan jokowi".len()] & END, 0);
        assert_ne!(flags["pasangan jokowi-".len()] & START, 0);
        // A repeated word, also with an affix, stays one word; an enclitic stays glued.
        for (text, hyphen) in [
            ("negara-negara", 6),
            ("mengada-ngada", 7),
            ("mudah-mudahan", 5),
            ("Bangsa-bangsa", 6),
        ] {
            let flags = ignoring_case(text);
            assert_eq!(flags[hyphen] & END, 0, "{text}");
            assert_eq!(flags[hyphen + 1] & START, 0, "{text}");
        }
        assert_eq!(ignoring_case("jakarta-nya")["jakarta-".len()] & START, 0);
        // The cased rules are the same as before for a capitalized right part.
        assert!(can_start("S-Selatan", "Selatan"));
    }

    #[test]
    fn names_do_not_end_inside_words() {
        let flags = boundaries("Bandungan", &tokenize("Bandungan"));
        assert_eq!(flags[7] & END, 0);
        assert!(!can_end("Jakartanya", "nya"));
        assert!(can_end("Tbk. baru", ". baru"));
        assert!(can_end("Tbk. baru", " baru"));
    }
}
